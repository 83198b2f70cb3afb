"""Where a sentence stands among a report's criteria: its "Tiêu chí N:" heading and the plan or result part
it is in (:class:`SectionTracker`), the criteria it refers to ("theo Tiêu chí 3"), a self-assessment
("đạt 05/05 tiêu chí"), and a heading that merely restates a clause's wording.

The words come from ``corpora/tt124/status_cues.json`` (``plan_headings``, ``result_headings``,
``criterion_heading``, ``criterion_reference``, ``self_assessment_all``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.criteria import catalogue
from extractor.criteria.cues import CueList, first_words, may_match
from extractor.criteria.memory import lowercase, remembered

_WORD = re.compile(r"\w+", re.UNICODE)
# searched only in sentences holding its words ("tiêu chí"): every sentence is asked
_SELF_ASSESSMENT = CueList([re.compile(r"đạt\s+(\d+)\s*/\s*(\d+)\s+tiêu chí", re.IGNORECASE)])
HEADING_MAX_CHARS = 90


def is_plan_section(heading: str) -> bool:
    """Does a section heading introduce promises (nhiệm vụ, phương hướng…) rather than results?"""
    return first_words(catalogue.status_cues()["plan_headings"], lowercase(heading)) is not None


def is_result_section(heading: str) -> bool:
    """Does a section heading introduce results (kết quả, tình hình…)?"""
    return first_words(catalogue.status_cues()["result_headings"], lowercase(heading)) is not None


class SectionTracker:
    """Follows a document's headings sentence by sentence: the "Tiêu chí N:" section and plan/result parts.

    ``reading_kind`` is the document's reading (``reading.Reading.kind``); a bare ``doc_type`` is read
    through the same rules (``reading.kind_for_doc_type``)."""

    def __init__(self, doc_type: str | None = None, *, reading_kind: str | None = None) -> None:
        from extractor.criteria.reading import PROMISE_READINGS, kind_for_doc_type

        self.reading_kind = reading_kind or kind_for_doc_type(doc_type)
        self._promises = self.reading_kind in PROMISE_READINGS
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
        """``plan`` or ``result``: promises in a plan or in a report's planning part, else results."""
        if self._promises:
            return "plan"
        return self.section or "result"


def heading_number(text: str) -> int | None:
    """``N`` when the sentence opens with "Tiêu chí N:" (a report section per criterion)."""
    found = catalogue.status_cues()["criterion_heading"].match(text)
    return int(found.group(1)) if found else None


def referenced_numbers(text: str) -> list[int]:
    """Criterion numbers the sentence refers to ("… theo Tiêu chí 3")."""
    pattern = catalogue.status_cues()["criterion_reference"]
    if not may_match(pattern, text):  # most sentences do not say "tiêu chí"
        return []
    return [int(match.group(2)) for match in pattern.finditer(text)]


def self_assessment(text: str) -> tuple[int, int] | None:
    """``(met, total)`` from a self-assessment such as "đã triển khai đạt 05/05 tiêu chí"; ``(0, 0)`` for one
    that claims every criterion without numbers ("các tiêu chí còn lại đạt", "đạt đủ các tiêu chí")."""
    return remembered("self_assessment", _self_assessment, text)  # type: ignore[no-any-return]


def _self_assessment(text: str) -> tuple[int, int] | None:
    found = _SELF_ASSESSMENT.first(text)
    if found:
        return int(found.group(1)), int(found.group(2))
    return (0, 0) if first_words(catalogue.status_cues()["self_assessment_all"], lowercase(text)) else None


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


@lru_cache(maxsize=256)
def _wording_words(wording: str) -> frozenset[str]:
    """The words of a clause's wording (a handful of clauses, read for every heading that may quote one)."""
    return frozenset(_words(wording))


def quotes_article_criterion(text: str, subject_type: str | None) -> bool:
    """Is the sentence a "Tiêu chí N: …" heading restating clause N of the unit's article?"""
    number = heading_number(text)
    if number is None:
        return False
    clauses = {item.clause: item for item in catalogue.for_subject(subject_type)}
    return number in clauses and quotes_criterion(text, clauses[number])


def quotes_criterion(text: str, criterion: catalogue.Criterion, threshold: float = 0.6) -> bool:
    """Does the sentence merely restate the criterion's wording (a heading, not evidence)? A sentence that
    adds figures of its own ("…; tuy nhiên có 01 cá nhân bị kỷ luật cảnh cáo") reports, it does not quote."""
    wording = criterion.wording
    if not wording:
        return False
    body = catalogue.status_cues()["criterion_heading"].sub("", text)
    if re.search(r"\d", body) and not re.search(r"\d", wording):
        return False
    words = _words(body)
    if len(words) < 5:
        return False
    return len(words & _wording_words(wording)) / len(words) >= threshold
