"""Fold per-document results into dossiers (unit × year): criteria, documents, counts, signals.

One ``DossierAgg`` per (province, unit, year) holds only small summaries, so memory grows
with the number of dossiers, not with the corpus. Status of a criterion across a dossier's
documents: ``not_met`` if any document contradicts it, else ``met`` if any supports it, else
``target`` (only promised in a plan), ``unclear``, or ``missing`` (no evidence at all).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corpora import load_json

STATUS_ORDER = ("not_met", "met", "target", "unclear")
STATUS_VI = {"met": "Đạt", "not_met": "Không đạt", "target": "Chỉ có kế hoạch", "unclear": "Chưa rõ",
             "missing": "Thiếu minh chứng"}


@cache
def catalogue() -> dict[str, list[str]]:
    """Criterion ids expected for each subject type (from corpora/tt124/criteria.json)."""
    data = load_json("tt124", "criteria.json")
    by_article: dict[int, list[str]] = {}
    for item in data["criteria"]:
        by_article.setdefault(int(item["article"]), []).append(item["id"])
    expected: dict[str, list[str]] = {}
    for article in data["articles"]:
        for subject in article["subject_types"]:
            expected[subject] = by_article.get(int(article["article"]), [])
    return expected


@cache
def criterion_titles() -> dict[str, str]:
    return {item["id"]: item.get("title_vi", "") for item in load_json("tt124", "criteria.json")["criteria"]}


@cache
def required_documents() -> list[dict[str, Any]]:
    """Dossier documents marked required in corpora/procedure.json (registration + recognition)."""
    data = load_json("procedure.json")
    out = []
    for stage in ("registration", "recognition"):
        for item in data[stage]["documents"]:
            if item.get("required") is True and item.get("doc_types"):
                out.append({**item, "stage": stage})
    return out


@cache
def bands() -> list[dict[str, Any]]:
    return sorted(load_json("qd510.json")["bands"], key=lambda b: -b["min"])


def band_for(score: float | None) -> str | None:
    if score is None:
        return None
    for item in bands():
        if score >= item["min"]:
            return item["label_vi"]
    return None


@cache
def _indicators() -> list[tuple[str, list[str]]]:
    data = load_json("targets", "indicators.json")["indicators"]
    return [(item["id"], [unicodedata.normalize("NFC", p.lower()) for p in item["phrases"]]) for item in data]


def indicator_for(unit: str | None) -> str | None:
    """The tracked indicator a count's unit belongs to (corpora/targets/indicators.json)."""
    if not unit:
        return None
    text = unicodedata.normalize("NFC", unit.lower())
    for key, phrases in _indicators():
        if any(p in text for p in phrases):
            return key
    return None


def _claim_ids(item: dict[str, Any], subject_type: str | None) -> list[str]:
    """Criterion ids of a claim: mapped ids when present, else its numbers read against the subject's article.

    A claim about all criteria ("đạt đủ các tiêu chí") stands for each of them only when it affirms
    them: "đạt 03/04 tiêu chí" or "chưa đạt tiêu chuẩn" says that some criterion failed, not which
    (the dossier's verdict still takes it into account through the document's decision)."""
    mapped = [c for c in item.get("criteria") or [] if isinstance(c, str)]
    if mapped:
        return mapped
    expected = catalogue().get(subject_type or "", [])
    ids = []
    for number in (item.get("value") or {}).get("criteria") or []:
        if number == "all":
            if (item.get("value") or {}).get("status") in ("met", "target"):
                ids += expected
        elif isinstance(number, int):
            ids += [c for c in expected if c.rsplit(".", 1)[-1] == str(number)]
    return ids


def criterion_entries(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(criterion id, status) pairs a document's result asserts.

    Reads the ``criteria`` section of the extract contract (one entry per criterion, keys
    ``id``/``status``) and explicit criterion claims among the evidence.
    """
    pairs: list[tuple[str, str]] = []
    for entry in result.get("criteria") or []:
        if not isinstance(entry, dict):
            continue
        cid = entry.get("id") or entry.get("criterion") or entry.get("criterion_id")
        status = entry.get("status")
        if isinstance(cid, str) and status in STATUS_ORDER:
            pairs.append((cid, status))
    subject_type = (result.get("document") or {}).get("subject_type")
    for item in result.get("evidence") or []:
        if item.get("kind") != "criterion_claim":
            continue
        status = (item.get("value") or {}).get("status")
        if status in STATUS_ORDER:
            pairs += [(cid, status) for cid in _claim_ids(item, subject_type)]
    return pairs


def combine(statuses: set[str]) -> str:
    for status in STATUS_ORDER:
        if status in statuses:
            return status
    return "missing"


@dataclass
class DossierAgg:
    province: str
    unit: str
    year: int
    documents: list[tuple[str, str | None]] = field(default_factory=list)  # (rel, doc_type)
    subject_votes: Counter = field(default_factory=Counter)
    statuses: dict[str, set[str]] = field(default_factory=dict)
    indicators: dict[str, float] = field(default_factory=dict)
    scores: list[float] = field(default_factory=list)
    bands_written: list[str] = field(default_factory=list)
    decisions: set[str] = field(default_factory=set)
    dien_hinh: bool = False
    failed: int = 0

    def add(self, rel: str, result: dict[str, Any]) -> None:
        if not result.get("ok"):
            self.failed += 1
            self.documents.append((rel, None))
            return
        document = result["document"]
        self.documents.append((rel, document.get("doc_type")))
        if document.get("subject_type"):
            self.subject_votes[document["subject_type"]] += 1
        for cid, status in criterion_entries(result):
            self.statuses.setdefault(cid, set()).add(status)
        plan = document.get("doc_type") in load_json("targets", "indicators.json")["plan_doc_types"]
        for item in result.get("evidence") or []:
            if item.get("kind") != "count" or plan:
                continue
            value = item.get("value") or {}
            key = indicator_for(value.get("unit"))
            number = value.get("value")
            if key is None or number is None or value.get("parent") or value.get("percent"):
                continue
            if value.get("modality") not in (None, "actual", "zero"):
                continue
            self.indicators[key] = max(self.indicators.get(key, 0.0), float(number))
        signals = result.get("signals") or {}
        if signals.get("score") is not None:
            self.scores.append(float(signals["score"]))
        if signals.get("band"):
            self.bands_written.append(signals["band"])
        if signals.get("decision"):
            self.decisions.add(signals["decision"])
        self.dien_hinh = self.dien_hinh or bool(signals.get("dien_hinh"))

    @property
    def subject_type(self) -> str | None:
        if self.subject_votes:
            return self.subject_votes.most_common(1)[0][0]
        articles = {cid.split(".")[1] for cid in self.statuses if cid.count(".") >= 2}
        for subject, ids in catalogue().items():
            if ids and ids[0].split(".")[1] in articles and len(articles) == 1:
                return subject
        return None

    def criteria(self) -> dict[str, str]:
        """Every expected criterion (plus any other one mentioned) → combined status."""
        expected = catalogue().get(self.subject_type or "", [])
        ids = list(expected) + sorted(c for c in self.statuses if c not in expected)
        return {cid: combine(self.statuses.get(cid, set())) for cid in ids}

    def doc_types(self) -> set[str]:
        return {t for _rel, t in self.documents if t}

    def missing_documents(self) -> list[dict[str, Any]]:
        present = self.doc_types()
        out = []
        for item in required_documents():
            if self.subject_type and self.subject_type in (item.get("not_for") or []):
                continue
            if not present.intersection(item["doc_types"]):
                out.append(item)
        return out

    @property
    def score(self) -> float | None:
        return self.scores[-1] if self.scores else None

    @property
    def band(self) -> str | None:
        if self.bands_written:
            return self.bands_written[-1]
        return band_for(self.score)

    @property
    def decision(self) -> str | None:
        if "chua_dat" in self.decisions:
            return "chua_dat"
        return "dat" if "dat" in self.decisions else None

    @property
    def overall(self) -> str:
        """``dat`` / ``chua_dat`` / ``chua_ro``: never more than the evidence and the dossier's own decision say."""
        statuses = self.criteria()
        if "not_met" in statuses.values() or self.decision == "chua_dat":
            return "chua_dat"
        if statuses and all(s == "met" for s in statuses.values()):
            return "dat"
        if self.decision == "dat":
            return "dat"
        return "chua_ro"
