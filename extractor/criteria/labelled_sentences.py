"""The labelled sentences that train and measure the criterion classifier
(``corpora/criteria_sentences/*.jsonl``): read, checked against the catalogue's families, and turned into a
label matrix."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extractor.criteria import catalogue

SENTENCES_DIR = Path(catalogue.__file__).resolve().parents[2] / "corpora" / "criteria_sentences"


@dataclass
class LabelledSentence:
    """One labelled sentence: its families (none for a negative), its status and kind of unit when labelled,
    where it comes from ("seed:<doc>#3", "written:documents:<doc>#0"), its doc type and an explicit group if
    any."""

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
