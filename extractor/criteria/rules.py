"""Transparent rules from the catalogue: keyword cues per family, status cues, criterion references.

Everything matched here comes from ``corpora/tt124/families.json`` and ``status_cues.json``;
the classifier uses the keyword hits as features and the mapper uses the status rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.criteria import catalogue

_WORD = re.compile(r"\w+", re.UNICODE)
_PLAN_SECTION = re.compile(
    r"^\s*(?:[IVX]+\.|\d+\.)?\s*(?:nhiệm vụ|phương hướng|mục đích|nội dung (?:và biện pháp )?thực hiện|"
    r"tổ chức thực hiện|phân công|giải pháp|kế hoạch)", re.IGNORECASE)
_RESULT_SECTION = re.compile(r"^\s*(?:[IVX]+\.)?\s*(?:kết quả|tình hình)", re.IGNORECASE)
_SELF_ASSESSMENT = re.compile(r"đạt\s+(\d+)\s*/\s*(\d+)\s+tiêu chí", re.IGNORECASE)
_STRONG_TARGET = re.compile(r"(?<!đăng ký )phấn đấu|\bsẽ\b|\bchỉ tiêu\b|mục tiêu", re.IGNORECASE)


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
    return bool(_PLAN_SECTION.match(heading))


def is_result_section(heading: str) -> bool:
    return bool(_RESULT_SECTION.match(heading))


def status_for(text: str, family: str, *, planning: bool = False) -> StatusCall:
    """Status of ``text`` toward ``family``; ``planning`` when the sentence sits in a plan or a plan section."""
    cues = catalogue.status_cues()
    lowered = text.lower()
    polarity = catalogue.families()[family].polarity if family in catalogue.families() else "presence"
    forecast = _first(cues["forecast"], lowered)
    if forecast:
        return StatusCall("target", forecast, forecast=True)
    strong = _STRONG_TARGET.search(lowered)
    if strong:
        return StatusCall("target", strong.group(0))
    if polarity == "absence":
        occurrence = _first(cues["occurrence"], lowered)
        negation = _first(cues["negation"], lowered)
        if occurrence and not (negation and lowered.find(negation) < lowered.find(occurrence)):
            return StatusCall("not_met", occurrence)
        if planning:
            return StatusCall("target", negation or _first(cues["target"], lowered))
        if negation:
            return StatusCall("met", negation)
        return StatusCall("unclear", None)
    shortfall = _first(cues["shortfall"], lowered)
    if shortfall:
        return StatusCall("not_met", shortfall)
    if planning:
        return StatusCall("target", _first(cues["target"], lowered))
    achievement = _first(cues["achievement"], lowered)
    if achievement:
        return StatusCall("met", achievement)
    target = _first(cues["target"], lowered)
    if target:
        return StatusCall("target", target)
    return StatusCall("unclear", None)


STATUS_RANK = {"not_met": 0, "met": 1, "target": 2, "unclear": 3}


def status_for_families(text: str, families: list[str], *, planning: bool = False) -> StatusCall:
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
                calls.append(status_for(clause, family, planning=planning))
    if not calls:
        calls = [status_for(text, family, planning=planning) for family in families] or [
            status_for(text, "", planning=planning)]
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
