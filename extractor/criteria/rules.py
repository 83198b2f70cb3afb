"""Transparent rules from the catalogue: keyword cues per family, status cues, criterion references.

Everything matched here comes from ``corpora/tt124/families.json`` and ``status_cues.json``;
the classifier uses the keyword hits as features and the mapper uses the status rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.criteria import catalogue

_WORD = re.compile(r"\w+", re.UNICODE)
_SELF_ASSESSMENT = re.compile(r"đạt\s+(\d+)\s*/\s*(\d+)\s+tiêu chí", re.IGNORECASE)
PLAN_DOC_TYPES = frozenset({"ke_hoach", "dang_ky", "cong_van", "quyet_dinh", "huong_dan", "chuong_trinh"})
RESULT_DOC_TYPES = frozenset({"bao_cao", "bien_ban", "to_trinh"})
HEADING_MAX_CHARS = 90


@dataclass(frozen=True)
class StatusCall:
    """A rule's status for one (sentence, family) and the cue that decided it."""

    status: str  # met | not_met | target | unclear
    cue: str | None
    forecast: bool = False


def keyword_hits(text: str) -> dict[str, list[str]]:
    """Family → keyword surfaces found in ``text`` (families with no hit are left out)."""
    hits: dict[str, list[str]] = {}
    for key, family in catalogue.families().items():
        found = family.matches(text)
        if found:
            hits[key] = found
    return hits


def _first(patterns, text: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


def is_plan_section(heading: str) -> bool:
    """Does a section heading introduce promises (nhiệm vụ, phương hướng…) rather than results?"""
    return _first(catalogue.status_cues()["plan_headings"], heading.lower()) is not None


def is_result_section(heading: str) -> bool:
    """Does a section heading introduce results (kết quả, tình hình…)?"""
    return _first(catalogue.status_cues()["result_headings"], heading.lower()) is not None


def context_for(doc_type: str | None, section: str | None = None) -> str:
    """Reading context of a sentence: ``plan``, ``result`` or ``unknown``.

    A plan-type document is read as promises throughout; a report as results, except inside its
    "PHƯƠNG HƯỚNG, NHIỆM VỤ" part; ``section`` is the kind of the last section heading seen.
    """
    if doc_type in PLAN_DOC_TYPES:
        return "plan"
    if section in {"plan", "result"}:
        return section
    if doc_type in RESULT_DOC_TYPES:
        return "result"
    return "unknown"


class SectionTracker:
    """Follows a document's headings sentence by sentence: the "Tiêu chí N:" section and plan/result parts."""

    def __init__(self, doc_type: str | None = None) -> None:
        self.doc_type = doc_type
        self.section: str | None = None
        self.criterion_number: int | None = None

    def see(self, text: str) -> int | None:
        """Update the state with the next sentence; returns its "Tiêu chí N:" heading number, if any."""
        heading = heading_number(text)
        if heading is not None:
            self.criterion_number = heading
            return heading
        if len(text) < HEADING_MAX_CHARS and (text.isupper() or not text.rstrip().endswith((".", ";"))):
            if is_plan_section(text):
                self.section, self.criterion_number = "plan", None
            elif is_result_section(text):
                self.section, self.criterion_number = "result", None
            elif text.isupper():
                self.criterion_number = None
        return None

    @property
    def context(self) -> str:
        return context_for(self.doc_type, self.section)


def _strip_names(text: str) -> str:
    """Blank out names that merely contain cue words ("chương trình mục tiêu quốc gia", "đăng ký phấn đấu")."""
    for pattern in catalogue.status_cues()["names"]:
        text = pattern.sub(lambda found: " " * len(found.group(0)), text)
    return text


def _requirement_shown(family: str, text: str) -> bool:
    required = catalogue.status_cues()["met_requires"].get(family)
    return not required or _first(required, text) is not None


def status_for(text: str, family: str, *, planning: bool = False, context: str | None = None) -> StatusCall:
    """Status of ``text`` toward ``family`` in a reading ``context`` (plan | result | unknown).

    ``planning=True`` is shorthand for ``context="plan"``. See ``corpora/tt124/status_cues.json``
    for the order in which the cues decide.
    """
    context = context or ("plan" if planning else "unknown")
    cues = catalogue.status_cues()
    raw = text.lower()
    lowered = _strip_names(raw)
    polarity = catalogue.families()[family].polarity if family in catalogue.families() else "presence"
    conditional = _first(cues["conditional"], lowered)
    if conditional:
        return StatusCall("unclear", conditional)
    limitation = _first(cues["limitation"], lowered)
    if limitation:
        return StatusCall("unclear", limitation)
    contradiction = _contradiction(raw, lowered, polarity, context)
    if contradiction:
        return contradiction
    forecast = _first(cues["forecast"], lowered)
    if forecast:
        return StatusCall("target", forecast, forecast=True)
    strong = _first(cues["strong_target"], lowered)
    if strong:
        return StatusCall("target", strong)
    if context == "plan":
        return StatusCall("target", _first(cues["target"], lowered) or _first(cues["negation"], lowered))
    if polarity == "absence":
        imperative = _first(cues["imperative_absence"], lowered)
        if imperative and context == "unknown":
            return StatusCall("target", imperative)
        negation = _first(cues["negation"], lowered)
        return StatusCall("met", negation) if negation else StatusCall("unclear", None)
    call = _presence_status(lowered, context)
    if call.status == "met" and not _requirement_shown(family, lowered):
        return StatusCall("unclear", "chưa nêu kết quả xếp loại / danh hiệu")
    return call


def _contradiction(raw: str, lowered: str, polarity: str, context: str) -> StatusCall | None:
    """A counted occurrence of what must not happen, or a shortfall of what must exist (not in plans)."""
    if context == "plan":
        return None
    cues = catalogue.status_cues()
    if polarity == "absence":
        occurrence = _first(cues["occurrence"], lowered)
        negation = _first(cues["negation"], lowered)
        if occurrence and not (negation and lowered.find(negation) < lowered.find(occurrence)):
            reduction = _first(cues["reduction"], lowered)
            if reduction:
                return StatusCall("unclear", f"{occurrence} ({reduction}): cần thẩm định")
            return StatusCall("not_met", occurrence)
        return None
    shortfall = _first(cues["shortfall"], raw)
    return StatusCall("not_met", shortfall) if shortfall else None


def _presence_status(lowered: str, context: str) -> StatusCall:
    cues = catalogue.status_cues()
    past = _first(cues["past_time"], lowered)
    if past:
        return StatusCall("met", past)
    weak = _first(cues["target"], lowered)
    if context == "result":
        return StatusCall("met", weak or "phần kết quả của báo cáo")
    achievement = _first(cues["achievement"], lowered)
    if achievement:
        return StatusCall("met", achievement)
    if weak:
        return StatusCall("target", weak)
    return StatusCall("unclear", None)


STATUS_RANK = {"not_met": 0, "met": 1, "target": 2, "unclear": 3}


def status_for_families(text: str, families: list[str], *, planning: bool = False,
                        context: str | None = None) -> StatusCall:
    """Status of a sentence toward a criterion made of ``families``, read clause by clause (";").

    Only clauses that mention one of the families' keywords count, so "…hoàn thành tốt nhiệm vụ; Sở đang
    thực hiện hồ sơ…; không có cá nhân bị kỷ luật" is judged on its relevant clauses. A contradiction
    wins over an achievement, which wins over a promise.
    """
    known = catalogue.families()
    calls: list[StatusCall] = []
    for clause in (part for part in text.split(";") if part.strip()):
        for family in families:
            if family in known and known[family].matches(clause):
                calls.append(status_for(clause, family, planning=planning, context=context))
    if not calls:
        calls = [status_for(text, family, planning=planning, context=context) for family in families] or [
            status_for(text, "", planning=planning, context=context)]
    return min(calls, key=lambda call: STATUS_RANK[call.status])


def heading_number(text: str) -> int | None:
    """``N`` when the sentence opens with "Tiêu chí N:" (a report section per criterion)."""
    found = catalogue.status_cues()["criterion_heading"].match(text)
    return int(found.group(1)) if found else None


def referenced_numbers(text: str) -> list[int]:
    """Criterion numbers the sentence refers to ("… theo Tiêu chí 3")."""
    return [int(match.group(2)) for match in catalogue.status_cues()["criterion_reference"].finditer(text)]


def self_assessment(text: str) -> tuple[int, int] | None:
    """``(met, total)`` from a self-assessment such as "đã triển khai đạt 05/05 tiêu chí"."""
    found = _SELF_ASSESSMENT.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


def quotes_article_criterion(text: str, subject_type: str | None) -> bool:
    """Is the sentence a "Tiêu chí N: …" heading restating clause N of the unit's article?"""
    number = heading_number(text)
    if number is None:
        return False
    clauses = {item.clause: item for item in catalogue.for_subject(subject_type)}
    return number in clauses and quotes_criterion(text, clauses[number])


def quotes_criterion(text: str, criterion: catalogue.Criterion, threshold: float = 0.6) -> bool:
    """Does the sentence merely restate the criterion's wording (a heading, not evidence)?"""
    wording = criterion.wording
    if not wording:
        return False
    body = catalogue.status_cues()["criterion_heading"].sub("", text)
    words = _words(body)
    if len(words) < 5:
        return False
    return len(words & _words(wording)) / len(words) >= threshold
