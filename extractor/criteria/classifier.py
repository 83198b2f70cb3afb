"""The criterion-family classifier: TF-IDF (syllable 1–2-grams + character n-grams) + keyword rules,
one-vs-rest linear SVMs with sigmoid-calibrated probabilities.

It predicts *families* (``corpora/tt124/families.json``), which are shared across TT124 Art. 4–7;
:mod:`extractor.criteria.mapping` turns families into the article's criterion ids.

Training (``minhchung train``, :mod:`extractor.criteria.training`) fits a scikit-learn pipeline and
turns it into a :class:`LinearFamilyModel` — the vocabularies, IDF weights, SVM weights and sigmoid
calibrations as plain arrays — saved as ``models/criteria/criteria_classifier.npz``. Prediction needs neither scikit-learn nor scipy nor a
word segmenter: all sentences of a call are featurised together and scored with one matrix product, which
gives the scikit-learn pipeline's probabilities (to rounding) at a fraction of the cost. The work is done
per call, not per sentence, so that a document's sentences cost few Python steps each: the sentences are
split into words once (``_Words``), each distinct word analysed once and remembered (``TfidfBlock``: its
character n-grams' columns, its syllables' ids), the n-grams of all rows and blocks counted at once
(``distinct``), and the keyword families found by one scan of the texts joined
(:func:`extractor.criteria.keywords.keyword_hits`).
The artefact is loaded once per process, on first use.
"""

from __future__ import annotations

import json
import re
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import compress, repeat
from operator import is_, is_not
from pathlib import Path
from typing import Any, TypeGuard, cast

import numpy as np

from extractor.criteria import catalogue, rules
from extractor.criteria.keywords import keyword_hits
from models import MODELS_DIR

ARTEFACT = MODELS_DIR / "criteria" / "criteria_classifier.npz"
SENTENCES_DIR = Path(catalogue.__file__).resolve().parents[2] / "corpora" / "criteria_sentences"
SEED = 20240601
THRESHOLD = 0.5
KEYWORD_WEIGHT = 1.0
SYLLABLE_PATTERN = r"(?u)\b\w+\b"
SYLLABLE_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 3)
_SYLLABLE = re.compile(SYLLABLE_PATTERN)
# the same syllables as SYLLABLE_PATTERN (a maximal run of word characters has \b at both ends; sre finds
# it faster without the \b tests)
_SYLLABLE_RUN = re.compile(r"\w+")
GATHER_BATCH = 50_000
WORD_CACHE = 100_000


def syllable_ngrams(text: str) -> list[str]:
    """Lower-cased syllables and syllable bigrams ("an", "ninh", "an ninh") — scikit-learn's word analyzer
    with ``token_pattern=SYLLABLE_PATTERN, ngram_range=SYLLABLE_NGRAMS``. Vietnamese writes one syllable per
    space-separated token, so bigrams cover most two-syllable words without a segmenter."""
    tokens = _SYLLABLE.findall(text.lower())
    return tokens + list(map(" ".join, zip(tokens, tokens[1:], strict=False)))


def char_ngrams(text: str) -> list[str]:
    """Lower-cased character n-grams (``CHAR_NGRAMS``) inside space-padded words — scikit-learn's ``char_wb``
    analyzer."""
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        for size in range(low, min(high, length) + 1):
            grams += [padded[i : i + size] for i in range(length - size + 1)]
    return grams


# a vocabulary column (0 included), not a miss; a C callable, so that filter() stays in C
_known: Callable[[int | None], TypeGuard[int]] = partial(is_not, None)  # type: ignore[assignment]


@dataclass(frozen=True)
class _Words:
    """The whitespace-separated words of a batch of lower-cased texts, in order, and the text (row) of each:
    split once per call and shared by the blocks (character n-grams never cross a word; syllables never
    cross one either, as no whitespace character is a word character)."""

    words: list[str]
    rows: np.ndarray  # the row of each word
    texts: int

    @classmethod
    def of(cls, lowered: list[str]) -> _Words:
        """The words of all texts by one split of the texts joined by a space (a space adds no word and ends
        the word before it), each text's count from its own split: no list per text is kept alive, which would
        set off the garbage collector's full passes inside this call on a long document."""
        counts = np.fromiter(map(len, map(str.split, lowered)), dtype=np.int64, count=len(lowered))
        return cls(" ".join(lowered).split(), np.repeat(np.arange(len(lowered)), counts), len(lowered))


@dataclass(frozen=True)
class _SyllableIndex:
    """The syllable vocabulary as arrays: every syllable of a term gets an id (an unknown syllable the id
    ``unknown``), a unigram's column is ``unigram_columns[id]`` and a bigram's is found by a binary search of
    its id pair (``first × (unknown + 1) + second``) in ``bigram_keys`` — so that a batch's bigrams are looked
    up by one ``np.searchsorted``, not one dictionary look-up (and one new tuple) each."""

    ids: dict[str, int]
    unknown: int
    unigram_columns: np.ndarray  # id → column, -1 for a syllable that is not a unigram of the vocabulary
    bigram_keys: np.ndarray  # ascending
    bigram_columns: np.ndarray  # the column of each key

    @classmethod
    def of(cls, vocabulary: dict[str, int]) -> _SyllableIndex:
        ids: dict[str, int] = {}
        for term in vocabulary:
            for syllable in term.split(" "):
                ids.setdefault(syllable, len(ids))
        unknown = len(ids)
        unigram_columns = np.full(unknown + 1, -1, dtype=np.int64)
        keys: list[int] = []
        columns: list[int] = []
        for term, column in vocabulary.items():
            parts = term.split(" ")
            if len(parts) == 1:
                unigram_columns[ids[term]] = column
            else:
                first, second = parts
                keys.append(ids[first] * (unknown + 1) + ids[second])
                columns.append(column)
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        return cls(
            ids,
            unknown,
            unigram_columns,
            np.asarray(keys, dtype=np.int64)[order],
            np.asarray(columns, dtype=np.int64)[order],
        )


@dataclass
class TfidfBlock:
    """One fitted TF-IDF vectorizer as a vocabulary and its IDF weights (sublinear tf, l2 rows).

    Neither kind of n-gram's unit crosses a whitespace-separated word, so each distinct word is analysed once
    and the result kept (at most ``WORD_CACHE`` words): a document repeats its few thousand syllables. For
    character n-grams that is the word's vocabulary columns (``word_columns``); for syllables, the ids of its
    syllables (``word_syllables``), whose unigrams and bigrams (which do cross words) are then looked up for
    the whole batch at once (``_SyllableIndex``).
    """

    analyzer: str  # "syllables" | "chars"
    vocabulary: dict[str, int]
    idf: np.ndarray
    weight: float = 1.0
    word_columns: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    word_syllables: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    _index: list[_SyllableIndex] = field(default_factory=list, repr=False, compare=False)

    def analyze(self, text: str) -> list[str]:
        return syllable_ngrams(text) if self.analyzer == "syllables" else char_ngrams(text)

    def counts(self, text: str) -> tuple[list[int], list[int]]:
        """Column indices and raw counts of the vocabulary's n-grams in ``text`` (text by text, in the
        analyzer's order: the reference the batch path, :meth:`entries`, is tested against)."""
        # distinct n-grams have distinct columns: counting the columns keeps the n-grams' first-seen order
        counted = Counter(filter(_known, map(self.vocabulary.get, self.analyze(text))))
        return list(counted), list(counted.values())

    def forget_words(self) -> None:
        """Empty the per-word caches."""
        self.word_columns.clear()
        self.word_syllables.clear()

    def _word_columns(self, word: str) -> bytes:
        """The vocabulary columns of a word's character n-grams as int64 bytes (kept in ``word_columns``):
        bytes, so that a batch's columns are one ``b"".join`` read by ``np.frombuffer``."""
        cache = self.word_columns
        if len(cache) >= WORD_CACHE:
            cache.clear()
        columns = list(filter(_known, map(self.vocabulary.get, char_ngrams(word))))
        found = cache[word] = array("q", columns).tobytes()  # int64
        return found

    def _syllable_index(self) -> _SyllableIndex:
        if not self._index:
            self._index.append(_SyllableIndex.of(self.vocabulary))
        return self._index[0]

    def _word_syllables(self, word: str) -> bytes:
        """The ids (``_SyllableIndex``) of a word's syllables as int64 bytes (kept in ``word_syllables``)."""
        cache = self.word_syllables
        if len(cache) >= WORD_CACHE:
            cache.clear()
        index = self._syllable_index()
        ids = [index.ids.get(syllable, index.unknown) for syllable in _SYLLABLE_RUN.findall(word)]
        found = cache[word] = array("q", ids).tobytes()  # int64
        return found

    @staticmethod
    def _per_word(words: list[str], cache: dict[str, bytes], analyse: Callable[[str], bytes]) -> list[bytes]:
        """Each word's cached bytes (one C-level look-up per word), the missing ones made by ``analyse`` once per
        distinct word (a document's new words recur in it: 50 pages of unseen text hold 2,045 distinct new
        words at 21,397 places), then every word looked up again in C. Python loops only over the distinct
        new words, not over every place."""
        cached = list(map(cache.get, words))
        if None not in cached:
            return cast(list[bytes], cached)
        new = {word: analyse(word) for word in dict.fromkeys(compress(words, map(is_, cached, repeat(None))))}
        found = list(map(cache.get, words))
        if None in found:  # the cache was emptied while the new words were analysed (it is bounded)
            found = [
                known if known is not None else new[word] for word, known in zip(words, cached, strict=True)
            ]
        return cast(list[bytes], found)

    def _syllable_occurrences(self, batch: _Words) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`occurrences` of the syllable block: the syllable ids of all words (cached per word) in one
        array, then every unigram's column by one gather and every bigram's by one binary search; a bigram
        joins two syllables of the same text (across words, not across texts)."""
        index = self._syllable_index()
        found = self._per_word(batch.words, self.word_syllables, self._word_syllables)
        ids = np.frombuffer(b"".join(found), dtype=np.int64)
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found)) // 8  # 8 bytes an id
        token_rows = np.repeat(batch.rows, lengths)
        unigrams = index.unigram_columns[ids]
        keys = ids[:-1] * (index.unknown + 1) + ids[1:]
        places = np.minimum(np.searchsorted(index.bigram_keys, keys), max(len(index.bigram_keys) - 1, 0))
        bigrams = np.full(len(keys), -1, dtype=np.int64)
        if len(index.bigram_keys):
            paired = (index.bigram_keys[places] == keys) & (token_rows[:-1] == token_rows[1:])
            bigrams[paired] = index.bigram_columns[places[paired]]
        rows = np.concatenate([token_rows, token_rows[:-1]])
        columns = np.concatenate([unigrams, bigrams])
        known = np.flatnonzero(columns >= 0)
        return rows[known], columns[known]

    def _char_occurrences(self, batch: _Words) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`occurrences` of the character block: the columns of all words (cached per word) in one
        array."""
        found = self._per_word(batch.words, self.word_columns, self._word_columns)
        columns = np.frombuffer(b"".join(found), dtype=np.int64)
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found)) // 8  # 8 bytes a column
        return np.repeat(batch.rows, lengths), columns

    def occurrences(self, lowered: list[str] | _Words) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every vocabulary n-gram of each lower-cased text, repeats included: a text's
        n-grams in its analyzer's order (for syllables, all texts' unigrams come before all bigrams, which
        keeps each text's unigrams before its bigrams). The n-grams of all texts are looked up in one pass."""
        batch = lowered if isinstance(lowered, _Words) else _Words.of(lowered)
        if self.analyzer == "chars":
            return self._char_occurrences(batch)
        return self._syllable_occurrences(batch)

    def entries(self, lowered: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of every distinct vocabulary n-gram of each lower-cased text — rows ascending,
        a row's columns in first-seen order, as :meth:`counts` gives them text by text."""
        return distinct(*self.occurrences(lowered), len(self.vocabulary))


def distinct(rows: np.ndarray, columns: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, count) of the distinct (row, column) pairs of an occurrence stream (columns below
    ``width``): rows ascending, a row's columns in the order the stream first shows them — what a
    ``Counter`` per row gives, for all rows at once.

    The pairs are grouped by a stable sort on (row, column): with rows and columns below 2¹⁶ (every model and
    document so far), two stable ``uint16`` argsorts — numpy sorts 16-bit integers by radix, in linear time —
    and otherwise one ``np.unique`` of ``row × width + column``."""
    if not len(rows) or width > 1 << 16 or int(rows.max()) >= 1 << 16:
        keys, first, counted = np.unique(rows * width + columns, return_index=True, return_counts=True)
        order = np.lexsort((first, keys // width))
        keys = keys[order]
        return keys // width, keys % width, counted[order]
    short_rows, short_columns = rows.astype(np.uint16), columns.astype(np.uint16)
    by_column = np.argsort(short_columns, kind="stable")
    order = by_column[np.argsort(short_rows[by_column], kind="stable")]  # by (row, column), stable
    sorted_rows, sorted_columns = short_rows[order], short_columns[order]
    starts_group = np.empty(len(order), dtype=bool)
    starts_group[0] = True
    np.logical_or(
        sorted_rows[1:] != sorted_rows[:-1], sorted_columns[1:] != sorted_columns[:-1], out=starts_group[1:]
    )
    starts = np.flatnonzero(starts_group)
    counted = np.diff(np.append(starts, len(order)))
    group_of = np.empty(len(order), dtype=np.int64)  # stream place → its pair's group
    group_of[order] = np.cumsum(starts_group) - 1
    first_seen = np.zeros(len(order), dtype=bool)
    first_seen[order[starts]] = True  # the stable sort puts a pair's first place first in its group
    places = np.flatnonzero(first_seen)  # in stream order; then by row, stably
    places = places[np.argsort(short_rows[places], kind="stable")]
    return rows[places], columns[places], counted[group_of[places]]


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
        batch = _Words.of(lowered)
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


@dataclass
class LabelledSentence:
    text: str
    labels: list[str]
    status: str | None
    subject_type: str | None
    source: str
    doc_type: str | None = None
    group: str = ""

    @property
    def document(self) -> str:
        """The source document ("seed:<doc>#3" → "seed:<doc>") — the unit of grouped cross-validation."""
        return self.group or self.source.split("#", 1)[0]

    @property
    def index(self) -> int:
        """Position of the sentence in its source document (reading order)."""
        tail = self.source.rsplit("#", 1)[-1]
        return int(tail) if tail.isdigit() else 0


def load_sentences(directory: Path = SENTENCES_DIR) -> list[LabelledSentence]:
    """Every labelled sentence in ``corpora/criteria_sentences/*.jsonl`` (sorted file order)."""
    known = set(catalogue.family_keys())
    found: list[LabelledSentence] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            unknown = set(item["labels"]) - known
            if unknown:
                raise ValueError(f"{path.name}: unknown families {sorted(unknown)}")
            found.append(
                LabelledSentence(
                    item["text"],
                    item["labels"],
                    item.get("status"),
                    item.get("subject_type"),
                    item.get("source", path.name),
                    item.get("doc_type"),
                    item.get("group", ""),
                )
            )
    return found


def label_matrix(sentences: list[LabelledSentence], families: list[str]) -> np.ndarray:
    return np.asarray([[1 if family in item.labels else 0 for family in families] for item in sentences])


@cache
def load_model() -> LinearFamilyModel | None:
    """The compiled classifier (loaded on first use, once per process) or ``None`` when not built yet."""
    if not ARTEFACT.exists():
        return None
    return LinearFamilyModel.load(ARTEFACT)


def predict(texts: list[str]) -> list[dict[str, float]]:
    """Family → calibrated probability for each text, all texts scored in one batch (a text repeated in the
    call — a running header, a line said twice — is scored once: each row's score depends on its text alone).
    Falls back to keyword rules without an artefact."""
    if not texts:
        return []
    model = load_model()
    if model is None:
        return [{family: 0.55 for family in rules.keyword_hits(text)} for text in texts]
    row_of = {text: index for index, text in enumerate(dict.fromkeys(texts))}
    rows = model.predict_proba(list(row_of)).tolist()
    return [dict(zip(model.families, rows[row_of[text]], strict=True)) for text in texts]
