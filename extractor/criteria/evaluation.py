"""Score the per-criterion proposal against criterion-level gold, and annotators against each other.

A gold folder (``corpora/gold_criteria/dev``, ``…/blind``) holds, per document, ``<doc_id>.json`` — the
status a careful assessor proposes for every clause of the unit's article (met / not_met / unclear /
missing, definitions in ``corpora/gold_criteria/GUIDELINES.md``), optionally per point, and the overall
verdict — and the document's text, as ``<doc_id>.txt`` beside it or ``text_from`` another gold file.

The proposal is made the way a user gets it: the whole pipeline runs on the text (the unit's kind, the
reading and the year come from the document, not from the gold). Reported: accuracy, per-status
precision/recall/F1, macro-F1 over the four statuses, the confusion matrix, overall-verdict agreement,
per article, per point, and Cohen's κ between two annotators of the same documents.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpora
from extractor.errors import MinhChungError
from extractor.evaluate import Score
from extractor.vocabulary import Status

STATUSES: tuple[str, ...] = tuple(str(status) for status in Status)
VERDICTS: tuple[str, ...] = ("dat", "chua_dat", "chua_du_can_cu")
LEGACY_STATUSES = {"target": "unclear"}  # gold written before the four-status definitions


class CriteriaGoldError(MinhChungError):
    """A criteria gold file is missing its keys or uses an unknown status or criterion."""

    code, exit_code = "invalid_criteria_gold", 22
    message_vi = "Tệp chuẩn đánh giá tiêu chí (criteria gold) không hợp lệ."


@dataclass
class CriteriaScore:
    """Status agreement over (document, criterion) pairs, and verdict agreement over documents."""

    pairs: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc_id, criterion, gold, predicted
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # doc_id, gold, predicted

    def add(self, doc_id: str, criterion: str, gold: str, predicted: str) -> None:
        self.pairs.append((doc_id, criterion, gold, predicted))

    def per_status(self) -> dict[str, Score]:
        scores = {status: Score() for status in STATUSES}
        for _, _, gold, predicted in self.pairs:
            for status, score in scores.items():
                score.record(gold == status, predicted == status)
        return scores

    def binary(self, positive: set[str]) -> Score:
        score = Score()
        for _, _, gold, predicted in self.pairs:
            score.record(gold in positive, predicted in positive)
        return score

    @property
    def accuracy(self) -> float:
        return (
            sum(gold == predicted for _, _, gold, predicted in self.pairs) / len(self.pairs)
            if self.pairs
            else 0.0
        )

    def macro_f1(self) -> float:
        """Mean F1 over the statuses that occur in the gold or the predictions."""
        present = [score for score in self.per_status().values() if score.gold or score.predicted]
        return sum(score.f1 for score in present) / len(present) if present else 0.0

    def confusion(self) -> dict[str, dict[str, int]]:
        """gold status → predicted status → count."""
        matrix = {gold: dict.fromkeys(STATUSES, 0) for gold in STATUSES}
        for _, _, gold, predicted in self.pairs:
            matrix[gold][predicted] += 1
        return matrix

    def subset(self, keep: Any) -> CriteriaScore:
        """The pairs whose criterion id satisfies ``keep`` (e.g. one article)."""
        return CriteriaScore([pair for pair in self.pairs if keep(pair[1])])

    def to_dict(self, *, details: bool = True) -> dict[str, Any]:
        per_status = self.per_status()
        report: dict[str, Any] = {
            "pairs": len(self.pairs),
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1(), 4),
            "per_status": {status: score.to_dict() for status, score in per_status.items()},
            "confusion": self.confusion(),
            "addressed": self.binary({"met", "not_met", "unclear"}).to_dict(),
        }
        if self.verdicts:
            agree = sum(gold == predicted for _, gold, predicted in self.verdicts)
            report["verdict"] = {
                "documents": len(self.verdicts),
                "agreement": round(agree / len(self.verdicts), 4),
            }
        articles = sorted({pair[1].split(".")[1] for pair in self.pairs if pair[1].count(".") >= 2})
        report["per_article"] = {
            article: {
                "pairs": len(part.pairs),
                "accuracy": round(part.accuracy, 4),
                "macro_f1": round(part.macro_f1(), 4),
            }
            for article in articles
            if (part := self.subset(lambda cid, a=article: cid.split(".")[1] == a)).pairs
        }
        if details:
            report["mismatches"] = [
                {"doc_id": doc_id, "criterion": criterion, "gold": gold, "predicted": predicted}
                for doc_id, criterion, gold, predicted in self.pairs
                if gold != predicted
            ]
        return report


def normalize_status(status: str) -> str:
    """A gold status in the four-status scheme (legacy ``target`` is ``unclear``)."""
    return LEGACY_STATUSES.get(status, status)


def validate(data: Any) -> list[str]:
    """Problems of one parsed criteria gold file (empty when valid)."""
    from extractor.criteria import catalogue

    if not isinstance(data, dict):
        return ["not a JSON object"]
    problems = [f"missing key {key!r}" for key in ("doc_id", "subject_type", "criteria") if key not in data]
    if problems:
        return problems
    subject = catalogue.normalize_subject(data["subject_type"])
    if subject is None:
        problems.append(f"unknown subject_type {data['subject_type']!r}")
    known = {item.id for item in catalogue.criteria()}
    points = {point.id for item in catalogue.criteria() for point in item.points} | {
        point.id.replace("TT124.6.3", "TT124.7.3") for point in catalogue.by_id("TT124.6.3").points
    }
    for criterion, status in data["criteria"].items():
        if criterion not in known:
            problems.append(f"unknown criterion {criterion!r}")
        if normalize_status(status) not in STATUSES:
            problems.append(f"{criterion}: unknown status {status!r}")
    expected = {item.id for item in catalogue.for_subject(subject)} if subject else set()
    missing = sorted(expected - set(data["criteria"]))
    if missing:
        problems.append(f"clauses not annotated: {', '.join(missing)}")
    for point, status in (data.get("points") or {}).items():
        if point not in points:
            problems.append(f"unknown point {point!r}")
        if normalize_status(status) not in STATUSES:
            problems.append(f"{point}: unknown status {status!r}")
    if data.get("overall") not in (None, *VERDICTS):
        problems.append(f"unknown overall verdict {data['overall']!r}")
    return problems


def document_text(folder: Path, data: dict[str, Any]) -> str:
    """The document's text: ``<doc_id>.txt`` beside the gold, or the ``text`` of ``text_from``."""
    if data.get("text_from"):
        return json.loads(corpora.path(data["text_from"]).read_text(encoding="utf-8"))["text"]
    return (folder / f"{data['doc_id']}.txt").read_text(encoding="utf-8")


def load_gold(folder: Path) -> dict[str, dict[str, Any]]:
    """``doc_id`` → criteria gold of every ``*.json`` in ``folder`` (empty when there is none)."""
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


def predict(text: str, doc_id: str) -> dict[str, Any]:
    """The proposal for one document as a user gets it: the pipeline on the text saved as a file.
    Returns criterion id → status, point id → status and the overall verdict."""
    from extractor.criteria import scorecard
    from extractor.pipeline import extract_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{doc_id}.txt"
        path.write_text(text, encoding="utf-8")
        result = extract_file(path)
    card = scorecard.build([result])
    statuses = {entry["id"]: entry["status"] for entry in result.criteria}
    points = {point["id"]: point["status"] for entry in result.criteria for point in entry.get("points", [])}
    return {
        "criteria": statuses,
        "points": points,
        "overall": card["overall"]["proposal"],
        "subject_type": result.document.subject_type,
    }


def score(
    gold: dict[str, Any],
    predicted: dict[str, Any],
    into: CriteriaScore | None = None,
    points: CriteriaScore | None = None,
) -> CriteriaScore:
    """Add one document to ``into`` (clauses; a clause the proposal lacks counts as ``missing``) and its
    annotated points to ``points``."""
    into = into if into is not None else CriteriaScore()
    for criterion, status in gold["criteria"].items():
        into.add(
            gold["doc_id"],
            criterion,
            normalize_status(status),
            predicted["criteria"].get(criterion, "missing"),
        )
    if points is not None:
        for point, status in (gold.get("points") or {}).items():
            points.add(
                gold["doc_id"],
                point,
                normalize_status(status),
                predicted.get("points", {}).get(point, "missing"),
            )
    if gold.get("overall") and predicted.get("overall"):
        into.verdicts.append((gold["doc_id"], gold["overall"], predicted["overall"]))
    return into


def evaluate_folder(folder: Path, progress: Iterable[str] | None = None) -> dict[str, Any]:
    """Score the proposal on every document of a criteria gold folder."""
    gold = load_gold(folder)
    clauses, points = CriteriaScore(), CriteriaScore()
    subjects = 0
    for doc_id, data in gold.items():
        predicted = predict(document_text(folder, data), doc_id)
        subjects += predicted["subject_type"] == data["subject_type"] or (
            {predicted["subject_type"], data["subject_type"]} <= {"co_quan", "doanh_nghiep"}
        )
        score(data, predicted, clauses, points)
    report = {"folder": str(folder), "documents": len(gold), **clauses.to_dict()}
    report["points"] = points.to_dict(details=False) if points.pairs else None
    report["unit_kind_agreement"] = round(subjects / len(gold), 4) if gold else 0.0
    return report


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Cohen's κ of two annotators' labels on the same items."""
    total = len(first)
    if total == 0:
        return 0.0
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    labels = set(first) | set(second)
    expected = sum((first.count(label) / total) * (second.count(label) / total) for label in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(first: Path, second: Path) -> dict[str, Any]:
    """Agreement of two annotators on the documents both annotated (clauses; κ and raw agreement)."""
    a, b = load_gold(first), load_gold(second)
    shared = sorted(set(a) & set(b))
    labels_a: list[str] = []
    labels_b: list[str] = []
    for doc_id in shared:
        for criterion, status in a[doc_id]["criteria"].items():
            if criterion in b[doc_id]["criteria"]:
                labels_a.append(normalize_status(status))
                labels_b.append(normalize_status(b[doc_id]["criteria"][criterion]))
    verdicts = [
        (a[d].get("overall"), b[d].get("overall"))
        for d in shared
        if a[d].get("overall") and b[d].get("overall")
    ]
    return {
        "documents": len(shared),
        "pairs": len(labels_a),
        "observed": round(sum(x == y for x, y in zip(labels_a, labels_b, strict=True)) / len(labels_a), 4)
        if labels_a
        else 0.0,
        "kappa": round(cohen_kappa(labels_a, labels_b), 4),
        "verdict_agreement": round(sum(x == y for x, y in verdicts) / len(verdicts), 4) if verdicts else None,
    }
