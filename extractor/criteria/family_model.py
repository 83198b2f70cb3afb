"""The compiled criterion-family classifier (:class:`LinearFamilyModel`): the features of all texts of a call
(TF-IDF blocks and keyword families) → one sparse × dense matrix product → per-column sigmoid → mean per
family; and its artefact, one ``.npz`` of arrays, written and read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extractor.criteria.keywords import keyword_hits
from extractor.criteria.tfidf import TfidfBlock, Words, distinct

GATHER_BATCH = 50_000


@dataclass
class LinearFamilyModel:
    """The compiled classifier: features of all texts of a call → one sparse × dense matrix product →
    per-column sigmoid → mean per family."""

    families: list[str]
    blocks: list[TfidfBlock]
    keyword_families: list[str]
    keyword_weight: float
    weights: np.ndarray  # (n_features, n_columns)
    intercepts: np.ndarray  # (n_columns,)
    slopes: np.ndarray  # a of expit(-(a·d + b))
    offsets: np.ndarray  # b
    family_starts: np.ndarray  # first column of each family (columns are grouped by family)
    metadata: dict[str, Any]
    _blocks_joined: list[np.ndarray] = field(default_factory=list, repr=False, compare=False)

    def features(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The feature matrix of ``texts`` in CSR parts (indptr, indices, data): per block sublinear tf × idf,
        l2-normalised per row, computed for all texts at once. The texts are split into words once for all
        blocks, and the blocks' n-grams are counted together (one :func:`distinct` over the blocks' streams
        one after the other: a row's entries then come block by block, each in first-seen order)."""
        lowered = [text.lower() for text in texts]
        batch = Words.of(lowered)
        blocks = self.blocks
        rows_of: list[np.ndarray] = []
        columns_of: list[np.ndarray] = []
        bases = [0]
        for block in blocks:
            block_rows, block_columns = block.occurrences(batch)
            rows_of.append(block_rows)
            columns_of.append(block_columns + bases[-1])
            bases.append(bases[-1] + len(block.vocabulary))
        row_array, column_array, counts = distinct(
            np.concatenate(rows_of), np.concatenate(columns_of), bases[-1]
        )
        idf, weights = self._block_arrays()
        block_of = np.searchsorted(np.asarray(bases[1:-1]), column_array, side="right")
        values = (1.0 + np.log(counts.astype(float))) * idf[column_array]
        norm_of = row_array * len(blocks) + block_of  # a row's norm is per block
        norms = np.sqrt(np.bincount(norm_of, weights=values * values, minlength=len(texts) * len(blocks)))
        values = values / norms[norm_of] * weights[block_of]
        pairs = keyword_hits(lowered, self.keyword_families)
        keyword_rows = np.asarray([row for row, _ in pairs], dtype=np.int64)
        keyword_columns = np.asarray([column for _, column in pairs], dtype=np.int64)
        all_rows = np.concatenate([row_array, keyword_rows])
        all_columns = np.concatenate([column_array, keyword_columns + bases[-1]])
        all_values = np.concatenate([values, np.full(len(keyword_rows), self.keyword_weight)])
        order = np.argsort(all_rows, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(all_rows, minlength=len(texts)))])
        return indptr, all_columns[order], all_values[order]

    def _block_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Every block's IDF weights end to end, and each block's weight (computed once)."""
        joined = self._blocks_joined
        if not joined:  # built whole, then put in place in one step: a thread never sees half of it
            joined = [
                np.concatenate([block.idf for block in self.blocks]),
                np.asarray([block.weight for block in self.blocks], dtype=float),
            ]
            self._blocks_joined[:] = joined
        idf, weights = joined
        return idf, weights

    def decision(self, texts: list[str]) -> np.ndarray:
        """SVM margins, one column per scorer: X · W + c for all ``texts`` at once (the gather of W's rows is
        done in slices of at most ``GATHER_BATCH`` non-zeros to bound memory)."""
        indptr, indices, data = self.features(texts)
        margins = np.zeros((len(texts), self.weights.shape[1]))
        first = 0
        while first < len(texts):
            last = int(np.searchsorted(indptr, indptr[first] + GATHER_BATCH, side="right")) - 1
            last = min(max(last, first + 1), len(texts))
            low, high = indptr[first], indptr[last]
            rows = np.flatnonzero(np.diff(indptr[first : last + 1]))
            if len(rows):
                contributions = self.weights[indices[low:high]]
                contributions *= data[low:high, None]  # in place: no second (non-zeros × columns) array
                margins[first + rows] = np.add.reduceat(contributions, indptr[first:last][rows] - low, axis=0)
            first = last
        return margins + self.intercepts

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Family probabilities, shape (len(texts), len(families))."""
        if not texts:
            return np.zeros((0, len(self.families)))
        with np.errstate(over="ignore", invalid="ignore"):
            scores = 1.0 / (1.0 + np.exp(self.slopes * self.decision(texts) + self.offsets))
        counts = np.diff(np.append(self.family_starts, scores.shape[1]))
        return np.add.reduceat(scores, self.family_starts, axis=1) / counts

    def save(self, path: Path) -> None:
        """Write the model as one ``.npz`` of arrays (no pickles): a JSON header, the weights, each block's terms
        in column order and IDF."""
        arrays: dict[str, np.ndarray] = {}
        for number, block in enumerate(self.blocks):
            terms = sorted(block.vocabulary, key=block.vocabulary.__getitem__)
            arrays[f"block{number}_terms"] = np.asarray(terms, dtype=str)
            arrays[f"block{number}_idf"] = block.idf
        header = {
            "families": self.families,
            "keyword_families": self.keyword_families,
            "keyword_weight": self.keyword_weight,
            "metadata": self.metadata,
            "blocks": [{"analyzer": block.analyzer, "weight": block.weight} for block in self.blocks],
        }
        stored: dict[str, Any] = {
            "header": np.asarray(json.dumps(header, ensure_ascii=False)),
            "weights": self.weights,
            "intercepts": self.intercepts,
            "slopes": self.slopes,
            "offsets": self.offsets,
            "family_starts": self.family_starts,
            **arrays,
        }
        np.savez_compressed(path, **stored)

    @classmethod
    def load(cls, path: Path) -> LinearFamilyModel:
        """Read a model written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as stored:
            header = json.loads(str(stored["header"]))
            blocks = [
                TfidfBlock(
                    item["analyzer"],
                    {term: index for index, term in enumerate(stored[f"block{number}_terms"].tolist())},
                    stored[f"block{number}_idf"],
                    item["weight"],
                )
                for number, item in enumerate(header["blocks"])
            ]
            return cls(
                header["families"],
                blocks,
                header["keyword_families"],
                header["keyword_weight"],
                stored["weights"],
                stored["intercepts"],
                stored["slopes"],
                stored["offsets"],
                stored["family_starts"],
                header["metadata"],
            )
