"""Score the criterion mapping against the criteria gold (``corpora/gold/criteria/<doc_id>.json``).

Each gold file gives, for one gold document, the status a careful assessor would propose for each
criterion of the unit's article from that document alone: ``met``, ``not_met``, ``target``, ``unclear``
or ``missing``. The mapper's per-document result (the ``criteria`` section of ``minhchung extract``) is
compared criterion by criterion: exact status (precision/recall/F1 per status, accuracy), and two
binary views — *supported* (status ``met``) and *addressed* (anything but ``missing``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import MinhChungError
from extractor.evaluate import Score

STATUSES: tuple[str, ...] = ("met", "not_met", "target", "unclear", "missing")
GOLD_SUBDIR = "criteria"


class CriteriaGoldError(MinhChungError):
    """A criteria gold file is missing its keys or uses an unknown status or criterion."""

    code, exit_code = "invalid_criteria_gold", 20
    message_vi = "Tệp chuẩn đánh giá tiêu chí (criteria gold) không hợp lệ."


Binary = Score  # counts for a yes/no decision: matched, predicted yes, gold yes


@dataclass
class CriteriaScore:
    """Status agreement over (document, criterion) pairs."""

    pairs: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc_id, criterion, gold, predicted

    def add(self, doc_id: str, criterion: str, gold: str, predicted: str) -> None:
        self.pairs.append((doc_id, criterion, gold, predicted))

    def per_status(self) -> dict[str, Binary]:
        scores = {status: Binary() for status in STATUSES}
        for _, _, gold, predicted in self.pairs:
            for status, score in scores.items():
                score.record(gold == status, predicted == status)
        return scores

    def binary(self, positive: set[str]) -> Binary:
        score = Binary()
        for _, _, gold, predicted in self.pairs:
            score.record(gold in positive, predicted in positive)
        return score

    @property
    def accuracy(self) -> float:
        return sum(gold == predicted for _, _, gold, predicted in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def to_dict(self) -> dict[str, Any]:
        per_status = self.per_status()
        present = [score for status, score in per_status.items() if score.gold or score.predicted]
        return {
            "pairs": len(self.pairs), "accuracy": round(self.accuracy, 4),
            "macro_f1": round(sum(score.f1 for score in present) / len(present), 4) if present else 0.0,
            "per_status": {status: score.to_dict() for status, score in per_status.items()},
            "supported": self.binary({"met"}).to_dict(),
            "addressed": self.binary({"met", "not_met", "target", "unclear"}).to_dict(),
            "mismatches": [{"doc_id": doc_id, "criterion": criterion, "gold": gold, "predicted": predicted}
                           for doc_id, criterion, gold, predicted in self.pairs if gold != predicted],
        }


def validate(data: Any) -> list[str]:
    """Problems of one parsed criteria gold file (empty when valid)."""
    from extractor.criteria import catalogue

    if not isinstance(data, dict):
        return ["not a JSON object"]
    problems = [f"missing key {key!r}" for key in ("doc_id", "subject_type", "criteria") if key not in data]
    if problems:
        return problems
    if catalogue.normalize_subject(data["subject_type"]) is None:
        problems.append(f"unknown subject_type {data['subject_type']!r}")
    known = {item.id for item in catalogue.criteria()}
    for criterion, status in data["criteria"].items():
        if criterion not in known:
            problems.append(f"unknown criterion {criterion!r}")
        if status not in STATUSES:
            problems.append(f"{criterion}: unknown status {status!r}")
    return problems


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """``doc_id`` → criteria gold, from ``<gold_dir>/criteria/*.json`` (empty when there is none)."""
    folder = gold_dir / GOLD_SUBDIR
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise CriteriaGoldError(f"{path.name}: {error}", source=str(path)) from error
        problems = validate(data)
        if problems:
            raise CriteriaGoldError(f"{path.name}: {'; '.join(problems)}", source=str(path))
        found[data["doc_id"]] = data
    return found


def predict(text: str, *, doc_type: str | None, year: int | None, subject_type: str) -> dict[str, str]:
    """The mapper's per-criterion status for one document (criteria of the unit's article and any other
    article the text addresses)."""
    from extractor.criteria.mapping import assess
    from extractor.models import DocumentInfo

    document = DocumentInfo(source="gold", sha256="", pages=1, doc_type=doc_type, subject_type=subject_type,
                            year=year)
    return {entry["id"]: entry["status"] for entry in assess(document, text, [])}


def score(gold: dict[str, Any], predicted: dict[str, str], into: CriteriaScore | None = None) -> CriteriaScore:
    """Add one document's criteria (those listed in its gold) to ``into``; a criterion the mapper did not
    list counts as ``missing``."""
    into = into if into is not None else CriteriaScore()
    for criterion, status in gold["criteria"].items():
        into.add(gold["doc_id"], criterion, status, predicted.get(criterion, "missing"))
    return into
