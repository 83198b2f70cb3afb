"""Measure the evidence finders against the gold corpus (``corpora/gold``).

Loads and validates gold files, runs the finders on each gold document's stored text,
matches predictions to gold annotations and computes precision, recall and F1 per kind,
three ways (see ``corpora/gold/GUIDELINES.md``):

- ``strict``: same kind, overlapping spans, scored value fields agree;
- ``exact``: as strict, with identical spans;
- ``lenient``: scored value fields agree, spans ignored.

Side by side it scores ``dateparser.search.search_dates(text, languages=["vi"])`` on the
date gold, so the gap to the off-the-shelf choice is a number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpora
from extractor.errors import MinhChungError

MODES: tuple[str, ...] = ("strict", "exact", "lenient")
GOLD_KEYS: tuple[str, ...] = ("doc_id", "source", "doc_type", "year", "text", "annotations")


class GoldCorpusError(MinhChungError):
    """The gold corpus is missing or one of its files is invalid."""

    code, exit_code = "invalid_gold", 22
    message_vi = "Bộ dữ liệu chuẩn (gold) không tồn tại hoặc không hợp lệ."


@dataclass
class Item:
    """One annotation or prediction, reduced to what scoring needs."""

    kind: str
    start: int
    end: int
    text: str
    value: dict[str, Any]


@dataclass
class Score:
    """True positives, predictions and gold items of one kind under one matching mode."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def record(self, gold: bool, predicted: bool) -> None:
        """Count one yes/no decision."""
        self.matched += gold and predicted
        self.predicted += predicted
        self.gold += gold

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class KindResult:
    """Scores of one kind in one document, with the strict misses and false hits."""

    scores: dict[str, Score] = field(default_factory=lambda: {mode: Score() for mode in MODES})
    misses: list[Item] = field(default_factory=list)
    false_hits: list[Item] = field(default_factory=list)


# --------------------------------------------------------------------------- gold files


def schema() -> dict[str, Any]:
    """The annotation schema (kinds, value keys, scored fields) from ``corpora/gold/schema.json``."""
    return corpora.load_json("gold", "schema.json")


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold documents of ``gold_dir`` (``*.json`` other than the schema)."""
    if not gold_dir.is_dir():
        raise GoldCorpusError(f"not a directory: {gold_dir}")
    files = sorted(p for p in gold_dir.glob("*.json") if p.name != "schema.json")
    if not files:
        raise GoldCorpusError(f"no gold documents in {gold_dir}")
    return files


def validate_gold(data: Any) -> list[str]:
    """Every problem of one parsed gold document (empty when it is valid)."""
    if not isinstance(data, dict):
        return ["gold document is not an object"]
    problems = [f"missing key {key!r}" for key in GOLD_KEYS if key not in data]
    if problems:
        return problems
    rules = schema()
    text = data["text"]
    if not isinstance(text, str) or not text:
        return ["text is empty"]
    if data["doc_type"] not in rules["doc_types"]:
        problems.append(f"unknown doc_type {data['doc_type']!r}")
    for index, ann in enumerate(data["annotations"]):
        where = f"annotation {index} ({ann.get('kind')} {ann.get('text')!r})"
        kind_rules = rules["kinds"].get(ann.get("kind"))
        if kind_rules is None:
            problems.append(f"{where}: unknown kind")
            continue
        start, end = ann.get("start"), ann.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: bad span {start}:{end}")
        elif text[start:end] != ann.get("text"):
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}")
        value = ann.get("value")
        if not isinstance(value, dict):
            problems.append(f"{where}: value is not an object")
            continue
        missing = set(kind_rules["value_keys"]) - set(value)
        extra = set(value) - set(kind_rules["value_keys"]) - set(kind_rules["optional_keys"])
        if missing:
            problems.append(f"{where}: value lacks {sorted(missing)}")
        if extra:
            problems.append(f"{where}: unexpected value keys {sorted(extra)}")
        problems.extend(f"{where}: {p}" for p in _value_problems(ann["kind"], value, rules))
    return problems


def _value_problems(kind: str, value: dict[str, Any], rules: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if kind == "legal_ref":
        if not value.get("key"):
            problems.append("legal_ref without key")
        if value.get("doc_type") not in rules["legal_doc_types"]:
            problems.append(f"unknown legal doc_type {value.get('doc_type')!r}")
    elif kind == "date":
        if value.get("kind") not in rules["date_kinds"]:
            problems.append(f"unknown date kind {value.get('kind')!r}")
        if not isinstance(value.get("iso"), str) or not value["iso"]:
            problems.append("date without iso")
    elif kind == "count":
        if not isinstance(value.get("value"), int | float) or isinstance(value.get("value"), bool):
            problems.append("count value is not a number")
        if value.get("modality") not in rules["modalities"]:
            problems.append(f"unknown modality {value.get('modality')!r}")
        if value.get("comparator") not in rules["comparators"]:
            problems.append(f"unknown comparator {value.get('comparator')!r}")
        if not isinstance(value.get("percent"), bool):
            problems.append("percent is not a boolean")
    elif kind == "criterion_claim":
        if not value.get("criteria") or not isinstance(value["criteria"], list):
            problems.append("claim without criteria")
        if value.get("status") not in rules["claim_statuses"]:
            problems.append(f"unknown claim status {value.get('status')!r}")
    return problems


def load_gold(path: Path) -> dict[str, Any]:
    """Parse and validate one gold file; :class:`GoldCorpusError` when it is invalid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GoldCorpusError(str(error), source=str(path)) from error
    problems = validate_gold(data)
    if problems:
        raise GoldCorpusError("; ".join(problems[:5]), source=str(path))
    return data


def gold_items(data: dict[str, Any]) -> list[Item]:
    return [Item(a["kind"], a["start"], a["end"], a["text"], a["value"]) for a in data["annotations"]]


# --------------------------------------------------------------------------- value agreement

_KEY_FOLD = re.compile(r"[\s\-–—_.]+")


def fold_key(key: str) -> str:
    """Canonical form of a legal key for comparison: case, spaces, dashes and Đ folded."""
    return _KEY_FOLD.sub("", str(key)).casefold().replace("đ", "d")


def _fold_unit(unit: Any) -> list[str]:
    return str(unit or "").casefold().replace(",", " ").split()


def units_agree(gold: Any, predicted: Any) -> bool:
    """Equal, or the shorter is a word-prefix of the longer with ≥ 2 words (or all of them)."""
    a, b = _fold_unit(gold), _fold_unit(predicted)
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and long[: len(short)] == short and len(short) >= min(2, len(long))


def values_agree(kind: str, gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    """Whether a prediction's scored value fields agree with a gold value."""
    if kind == "legal_ref":
        key = fold_key(predicted.get("key") or "")
        keys = {fold_key(gold.get("key") or "")}
        if gold.get("name"):
            keys.add(fold_key(gold["name"]))
        same_type = (
            str(predicted.get("doc_type") or "").casefold() == str(gold.get("doc_type") or "").casefold()
        )
        return bool(key) and key in keys and same_type
    if kind == "date":
        return str(predicted.get("iso")) == str(gold.get("iso")) and predicted.get("kind") == gold.get("kind")
    if kind == "count":
        try:
            same_number = abs(float(predicted.get("value")) - float(gold.get("value"))) < 1e-9
        except (TypeError, ValueError):
            return False
        return (
            same_number
            and bool(predicted.get("percent")) == bool(gold.get("percent"))
            and predicted.get("modality") == gold.get("modality")
            and units_agree(gold.get("unit"), predicted.get("unit"))
        )
    if kind == "criterion_claim":
        criteria = {str(c) for c in predicted.get("criteria") or []}
        return criteria == {str(c) for c in gold.get("criteria") or []} and predicted.get(
            "status"
        ) == gold.get("status")
    return gold == predicted


Agree = Callable[[str, dict[str, Any], dict[str, Any]], bool]


# --------------------------------------------------------------------------- matching


def _overlap(a: Item, b: Item) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(
    gold: list[Item], predicted: list[Item], mode: str, agree: Agree = values_agree
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, prediction index)`` under ``mode``, greedy by overlap."""
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p.kind != g.kind or not agree(g.kind, g.value, p.value):
                continue
            if mode == "lenient":
                candidates.append((0, gi, pi))
            elif mode == "exact" and (p.start, p.end) == (g.start, g.end):
                candidates.append((-(g.end - g.start), gi, pi))
            elif mode == "strict" and _overlap(g, p) > 0:
                candidates.append((-_overlap(g, p), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_kind(gold: list[Item], predicted: list[Item], agree: Agree = values_agree) -> KindResult:
    """Scores of one kind in one document; misses and false hits are the strict ones."""
    result = KindResult()
    for mode in MODES:
        pairs = match(gold, predicted, mode, agree)
        result.scores[mode] = Score(len(pairs), len(predicted), len(gold))
        if mode == "strict":
            matched_gold = {gi for gi, _ in pairs}
            matched_pred = {pi for _, pi in pairs}
            result.misses = [g for i, g in enumerate(gold) if i not in matched_gold]
            result.false_hits = [p for i, p in enumerate(predicted) if i not in matched_pred]
    return result


def score_document(
    gold: Iterable[Item], predicted: Iterable[Item], kinds: Iterable[str]
) -> dict[str, KindResult]:
    """Per-kind results of one document."""
    gold, predicted = list(gold), list(predicted)
    return {
        kind: score_kind([g for g in gold if g.kind == kind], [p for p in predicted if p.kind == kind])
        for kind in kinds
    }


# --------------------------------------------------------------------------- running the finders


def predict(text: str, doc_type: str | None, year: int | None) -> list[Item]:
    """The finders' evidence on normalized ``text`` (``extractor.pipeline.extract_text``), as items."""
    from extractor.nlp import FindContext
    from extractor.pipeline import extract_text

    evidence = extract_text(text, FindContext(year=year, doc_type=doc_type))
    return [Item(e.kind, e.start, e.end, e.text, dict(e.value or {})) for e in evidence]


def dateparser_dates(text: str) -> list[Item]:
    """``dateparser.search.search_dates(text, languages=["vi"])`` as date items (found in order)."""
    from dateparser.search import search_dates

    try:
        found = search_dates(text, languages=["vi"]) or []
    except Exception:  # noqa: BLE001 - the baseline's own failures count as finding nothing
        found = []
    items: list[Item] = []
    cursor = 0
    for surface, moment in found:
        start = text.find(surface, cursor)
        if start < 0:
            start = text.find(surface)
        if start < 0:
            continue
        cursor = start + len(surface)
        items.append(
            Item(
                "date",
                start,
                start + len(surface),
                surface,
                {"iso": moment.date().isoformat(), "kind": "date"},
            )
        )
    return items


def baseline_agree(kind: str, gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    """A dateparser date matches a gold date with the same day, or a gold year/month period it falls in."""
    iso, gold_iso = str(predicted.get("iso")), str(gold.get("iso"))
    if gold.get("kind") == "date":
        return iso == gold_iso
    if gold.get("kind") == "period" and re.fullmatch(r"\d{4}(-\d{2})?", gold_iso):
        return iso.startswith(gold_iso)
    return False


def score_baseline(gold: list[Item], text: str) -> KindResult:
    dates = [g for g in gold if g.kind == "date"]
    return score_kind(dates, dateparser_dates(text), agree=baseline_agree)
