"""Fold per-document results into dossiers (unit × year): criteria, documents, counts, signals.

One ``DossierAgg`` per (province, unit, year) holds only small summaries, so memory grows with the number
of dossiers, not with the corpus. Each document's per-criterion status is decided by the criteria layer
(the ``criteria`` section of the extract contract); a dossier only folds them with :func:`fold_statuses`.
Statuses and their labels come from :mod:`extractor.vocabulary`, criteria, titles and QĐ 510 bands from
:mod:`extractor.criteria.catalogue`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corpora import load_json
from extractor import vocabulary
from extractor.criteria import catalogue
from extractor.vocabulary import Status


@cache
def fold_order() -> tuple[str, ...]:
    """Criterion statuses from the most decisive to the least: ``not_met``, ``met``, ``unclear``, ``missing``.

    The vocabulary's display order (``met``, ``not_met``, ``unclear``, ``missing``), except that a
    contradiction comes first: one document that shows a criterion failed outweighs any that says it was met."""
    statuses = vocabulary.keys("criterion_status")
    return (Status.NOT_MET.value, *(status for status in statuses if status != Status.NOT_MET))


def fold_statuses(statuses: Iterable[str]) -> str:
    """A dossier's status for one criterion from its documents' statuses: the most decisive of them.

    ``not_met`` if any document shows the criterion failed, else ``met`` if any shows it met, else ``unclear``
    (mentioned, or only promised in a plan), else ``missing`` (no document speaks to it)."""
    found = set(statuses)
    return next((status for status in fold_order() if status in found), Status.MISSING.value)


def criterion_title(criterion_id: str) -> str:
    """The Vietnamese title of a criterion ("" for an id the catalogue does not know)."""
    try:
        return catalogue.by_id(criterion_id).title_vi
    except KeyError:
        return ""


def expected_criteria(subject_type: str | None) -> list[str]:
    """The ids of the criteria TT124 sets for a kind of unit, in the law's order."""
    return [criterion.id for criterion in catalogue.for_subject(subject_type)]


NO_BAND = "Chưa rõ"  # a dossier whose documents give no QĐ 510 score or band


def band_label(score: float | None) -> str | None:
    """The QĐ 510 band's label for a score out of 100 (``None`` without a score)."""
    return None if score is None else catalogue.band_for(score)["label_vi"]


def weakest_band() -> str:
    """The label of QĐ 510's lowest band ("Yếu")."""
    return str(min(catalogue.qd510()["bands"], key=lambda band: band["min"])["label_vi"])


@cache
def required_documents() -> list[dict[str, Any]]:
    """Dossier documents marked required in corpora/procedure.json (registration + recognition)."""
    data = catalogue.procedure()
    out = []
    for stage in ("registration", "recognition"):
        for item in data[stage]["documents"]:
            if item.get("required") is True and item.get("doc_types"):
                out.append({**item, "stage": stage})
    return out


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


def criterion_entries(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A document's ``criteria`` entries with a criterion ``id`` and a known ``status``."""
    statuses = set(vocabulary.keys("criterion_status"))
    return [
        entry
        for entry in result.get("criteria") or []
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry.get("status") in statuses
    ]


@dataclass(frozen=True)
class Quote:
    """Where something was read: the document (its path in the run), the page and the words."""

    document: str
    page: int | None
    text: str

    def __str__(self) -> str:
        page = f", tr. {self.page}" if self.page else ""
        words = f": “{self.text}”" if self.text else ""
        return f"{self.document}{page}{words}"


@dataclass(frozen=True)
class Deciding:
    """Why a document gave a criterion its status: the criteria layer's first reason and deciding quote."""

    reason: str
    quote: Quote

    @classmethod
    def of(cls, rel: str, entry: dict[str, Any]) -> Deciding:
        quotes = entry.get("deciding") or [{}]
        reasons = entry.get("reasons") or [""]
        return cls(str(reasons[0]), Quote(rel, quotes[0].get("page"), str(quotes[0].get("text") or "")))


@dataclass
class Signals:
    """The dossier-level statements of one document or one dossier (``extractor.find_signals``), each with
    where it was read: the last QĐ 510 score and band written count; a refusal (``chua_dat``) outweighs a
    proposal (``dat``); one "điển hình" statement is enough."""

    scores: list[float] = field(default_factory=list)
    bands_written: list[str] = field(default_factory=list)
    decisions: set[str] = field(default_factory=set)
    dien_hinh: bool = False
    sources: dict[str, Quote] = field(default_factory=dict)  # signal name → where it was read

    def add(self, rel: str, signals: list[dict[str, Any]]) -> None:
        """Take in the signals (evidence dicts, with ``page``) read in document ``rel``."""
        for item in signals:
            value = item.get("value") or {}
            name = value.get("signal")
            source = Quote(rel, item.get("page"), item.get("text", ""))
            if name == "score":
                self.scores.append(float(value["score"]))
                self.sources["score"] = source
            elif name == "band":
                self.bands_written.append(value["label_vi"])
                self.sources["band"] = source
            elif name == "decision":
                self.decisions.add(value["decision"])
                self.sources.setdefault(f"decision_{value['decision']}", source)
            elif name == "dien_hinh":
                self.dien_hinh = True
                self.sources.setdefault("dien_hinh", source)

    @property
    def score(self) -> float | None:
        return self.scores[-1] if self.scores else None

    @property
    def band(self) -> str | None:
        """The band written, else the one the score falls in (QĐ 510)."""
        if self.bands_written:
            return self.bands_written[-1]
        return band_label(self.score)

    @property
    def decision(self) -> str | None:
        if "chua_dat" in self.decisions:
            return "chua_dat"
        return "dat" if "dat" in self.decisions else None

    def source(self, name: str) -> str:
        """Where the ``score``, ``band``, ``decision`` or ``dien_hinh`` was read, with its page ("" if nowhere)."""
        if name == "decision":
            name = f"decision_{self.decision}"
        elif name == "band" and not self.bands_written:
            name = "score"  # the band was read off the score
        found = self.sources.get(name)
        return str(found) if found else ""


@dataclass
class DossierAgg:
    """One unit's year: its documents, their per-criterion statuses, counts and signals."""

    province: str
    unit: str
    year: int
    documents: list[tuple[str, str | None]] = field(default_factory=list)  # (rel, doc_type)
    subject_votes: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, set[str]] = field(default_factory=dict)
    deciding: dict[tuple[str, str], Deciding] = field(default_factory=dict)  # first document per (id, status)
    indicators: dict[str, float] = field(default_factory=dict)
    signals: Signals = field(default_factory=Signals)
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
        for entry in criterion_entries(result):
            self.statuses.setdefault(entry["id"], set()).add(entry["status"])
            self.deciding.setdefault((entry["id"], entry["status"]), Deciding.of(rel, entry))
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
        self.signals.add(rel, result.get("signals") or [])

    @property
    def subject_type(self) -> str | None:
        """The kind of unit most of its documents say, else the one whose article all its criteria are from."""
        if self.subject_votes:
            return self.subject_votes.most_common(1)[0][0]
        found = set()
        for cid in self.statuses:
            try:
                found.add(catalogue.by_id(cid).article)
            except KeyError:
                continue
        if len(found) == 1:
            subjects = catalogue.articles().get(found.pop(), {}).get("subject_types") or [None]
            return subjects[0]
        return None

    def criteria(self) -> dict[str, str]:
        """Every expected criterion (plus any other one mentioned) → folded status."""
        expected = expected_criteria(self.subject_type)
        ids = list(expected) + sorted(c for c in self.statuses if c not in expected)
        return {cid: fold_statuses(self.statuses.get(cid, set())) for cid in ids}

    def why(self, criterion_id: str) -> Deciding | None:
        """The reason and quote of the first document that gave the criterion its folded status."""
        return self.deciding.get((criterion_id, fold_statuses(self.statuses.get(criterion_id, set()))))

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
        return self.signals.score

    @property
    def band(self) -> str | None:
        return self.signals.band

    @property
    def decision(self) -> str | None:
        return self.signals.decision

    @property
    def dien_hinh(self) -> bool:
        return self.signals.dien_hinh

    @property
    def overall(self) -> str:
        """A key of the vocabulary's ``overall_proposal`` (``dat``, ``chua_dat``, ``chua_du_can_cu``): never more
        than the evidence and the dossier's own decision say."""
        statuses = self.criteria()
        if Status.NOT_MET in statuses.values() or self.decision == "chua_dat":
            return "chua_dat"
        if statuses and all(s == Status.MET for s in statuses.values()):
            return "dat"
        if self.decision == "dat":
            return "dat"
        return "chua_du_can_cu"
