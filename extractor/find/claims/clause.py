"""What every claim finder reads around a claim's words: the clause before and after them, the year, the
criterion numbers ("1, 2 và 3", "thứ hai"), whether the document is a plan or the claim is on sub-units; the
claim record itself (:func:`claim`); and where the finders' lead words stand in a text (:class:`Scans`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from extractor.find.claims.regexes import patterns
from extractor.find.patterns import SENTENCE_END_RE, YEAR, Cues, scan_from
from extractor.models import Evidence

EXTRACTOR = "claims"
ALL = "all"  # ``criteria`` of a claim on the whole standard
_YEAR_AFTER_RE = re.compile(rf"[ \t]*[”\"]?[ \t,]*(?:trong[ \t]+)?năm[ \t]+(?P<year>{YEAR})(?!\d)", re.I)


def criterion_numbers(text: str) -> list[int]:
    """ "1, 2 và 3" → [1, 2, 3]; "thứ hai" → [2]."""
    ordinals = patterns().ordinals
    numbers: list[int] = []
    for match in re.finditer(r"\d{1,2}|thứ[ \t]+(\w+)", text, re.IGNORECASE):
        if match.group(1):
            value = ordinals.get(match.group(1).lower())
            if value:
                numbers.append(value)
        else:
            numbers.append(int(match.group(0)))
    return numbers


def clause_around(text: str, start: int, end: int, reach: int = 300) -> tuple[str, str]:
    """The text of the clause before ``start`` and after ``end`` (to . ; or a line break)."""
    window_start = max(0, start - reach)
    before = text[window_start:start]
    boundaries = list(SENTENCE_END_RE.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end() :]
    after = text[end : end + reach]
    boundary = SENTENCE_END_RE.search(after)
    if boundary:
        after = after[: boundary.start()]
    return before, after


def year_after(text: str, end: int) -> tuple[int | None, int]:
    """The year right after ``end`` ("… năm 2022"), and where it ends."""
    match = _YEAR_AFTER_RE.match(text, end)
    if match:
        return int(match.group("year")), match.end()
    return None, end


def year_in_clause(after: str) -> int | None:
    match = re.search(rf"năm[ \t]+({YEAR})(?!\d)", after[:120], re.IGNORECASE)
    return int(match.group(1)) if match else None


def claim(text: str, start: int, end: int, confidence: float, **value: Any) -> Evidence:
    full: dict[str, Any] = {
        "criteria": [],
        "status": None,
        "year": None,
        "count_met": None,
        "count_total": None,
    }
    full.update(value)
    return Evidence(
        kind="criterion_claim",
        text=text[start:end],
        start=start,
        end=end,
        value=full,
        confidence=confidence,
        extractor=EXTRACTOR,
    )


def is_plan(doc_type: str | None) -> bool:
    return doc_type in patterns().plan_doc_types


def strip_title(before: str) -> str:
    """Drop a capitalized document title and "Về việc"/"V/v" opening the clause ("TỜ TRÌNH Về việc …")."""
    match = patterns().title_re.match(before)
    return before[match.end() :] if match else before


def about_sub_units(before: str) -> bool:
    """ "12/14 khu dân cư được công nhận …", "các trường học … đăng ký …": a claim on the unit's sub-units."""
    return bool(patterns().sub_unit_re.search(before[-100:]))


class Scans:
    """Where the whole-text claim patterns are tried in one text: only where their lead word stands
    ("đạt", "chưa", "không", "tiêu chí", a verdict label), each lead word found once by a fast scan
    of the lower-cased text (:class:`extractor.find.patterns.Cues`), instead of at every position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cues = Cues(text)
        self._starts: dict[str, list[int] | None] = {}

    def present(self, cue: re.Pattern[str]) -> bool:
        return self.cues.present(cue)

    def led(self, cue: re.Pattern[str], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which begins where ``cue`` matches (any case)."""
        if cue.pattern not in self._starts:
            self._starts[cue.pattern] = self.cues.starts(cue)
        return scan_from(pattern, self.text, self._starts[cue.pattern])
