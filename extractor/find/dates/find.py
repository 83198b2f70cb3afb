"""Find dates and periods (``kind: date``) in normalized Vietnamese administrative text.

Value: ``{"iso", "kind", "inferred_year"}`` with ``kind`` one of

- ``date``: ``YYYY-MM-DD`` ("ngày 28/12/2021", "ngày 28 tháng 12 năm 2021", holidays "30/4");
- ``period``: ``YYYY`` / ``YYYY-MM`` / ``YYYY-Qn`` / ``YYYY-Hn`` ("năm 2022", "tháng 12/2021",
  "quý III năm 2025", "6 tháng đầu năm 2023");
- ``range``: ``start/end`` of the above ("từ 01/01/2023 đến 30/6/2023", "giai đoạn 2025 - 2030");
- ``recurring``: no year: ``--MM-DD``, ``--MM``, ``--Qn``, ``--MM-DD/--MM-DD`` ("trước ngày
  15/02 hàng năm", "quý I hằng năm", "từ ngày 16 tháng 11 năm trước đến ngày 15 tháng 11 năm sau").

``inferred_year`` is true when the year is not written in the phrase and was taken from the
document (``FindContext.year``, else the year the text mentions most). Blank template dates
("ngày tháng năm 2026") and day/month pairs that are not dates ("24/24", "07/07 phòng") give
nothing. Vocabulary (Roman numerals, holidays, recurring words) lives in
``corpora/lexicons/date_words.json``. Patterns compile once per process.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.find.dates.parse import (
    Atom,
    date_value,
    document_year,
    iso_text,
    parse_atom,
    range_value,
    single,
)
from extractor.find.dates.regexes import (
    BARE_MONTH_LEADS,
    HALF_COUNTS,
    cues,
    holiday_days,
    lead_words,
    patterns,
    word_lengths,
)
from extractor.find.overlaps import longest_first
from extractor.find.patterns import Cues, scan_from
from extractor.models import Evidence
from extractor.nlp import finder_component, text_of

EXTRACTOR = "dates"
KIND = "date"


class _Scans:
    """How each date pattern is scanned over one text. A rare pattern is skipped when its cue is
    absent; a pattern that opens with a lead word ("ngày", "tháng", "năm", "từ", "quý") is tried only
    where that word stands, found by one fast scan of the lower-cased text, instead of running the
    engine at every position (:class:`extractor.find.patterns.Cues`). A pattern that opens with a
    digit after a boundary that excludes word characters starts where a run of digits starts. A
    pattern whose cue stands at its end or just after its first word (recurring deadlines, "6 tháng
    đầu năm", "trong tháng 3") is tried only at the few positions before each cue where it can begin."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = Cues(text)
        self.present = frozenset(name for name, cue in cues().items() if self.found.present(cue))
        self.starts = {word: self.found.starts(cue) for word, cue in lead_words().items()}
        self.digit_runs = [m.start() for m in _DIGIT_RUN_RE.finditer(text)]

    def led(self, word: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which begins with the lead word ``word``."""
        return scan_from(pattern, self.text, self.starts[word])

    def cue_led(self, name: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which begins with its cue ``name`` ("giai đoạn …")."""
        if name not in self.present:
            return iter(())
        return scan_from(pattern, self.text, self.found.starts(cues()[name]))

    def numbers_before_cue(
        self, name: str, pattern: re.Pattern[str], numbers: int
    ) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which ends with its cue ``name`` after whitespace, and holds
        exactly ``numbers`` runs of digits, all before the cue, and nothing but letters and whitespace
        before the first ("trước ngày 15/02 hàng năm": 2). Such a match begins after the run of
        digits that precedes its first and at latest where its first begins: only those positions
        are tried, near each (rare) cue, instead of every position of the text."""
        return self._near_cue(name, pattern, lambda found: self._before(found, numbers))

    def _near_cue(
        self, name: str, pattern: re.Pattern[str], positions: Callable[[list[int]], Iterator[int]]
    ) -> Iterator[re.Match[str]]:
        """``pattern``'s matches tried at ``positions(where the cue name stands)``; none without the cue,
        every position when the cue's places cannot be told on the lower-cased text."""
        if name not in self.present:
            return iter(())
        found = self.found.starts(cues()[name])
        if found is None:
            return pattern.finditer(self.text)
        return scan_from(pattern, self.text, positions(found))

    def _before(self, cue_starts: list[int], numbers: int) -> Iterator[int]:
        runs = self.digit_runs
        tried = 0  # positions below it were already given
        for cue in cue_starts:
            i = bisect_left(runs, cue)
            if i < numbers:
                continue
            first = runs[i - numbers]
            low = runs[i - numbers - 1] + 1 if i > numbers else 0
            yield from range(max(low, tried), first + 1)
            tried = max(tried, first + 1)

    def word_before_cue(self, name: str, pattern: re.Pattern[str], lengths: range) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which opens with one word of ``lengths`` characters, then
        whitespace, then its cue ``name`` ("6 tháng đầu năm", "trong tháng 3"): tried only at those
        lengths before the whitespace before each cue, instead of every position of the text."""
        return self._near_cue(name, pattern, lambda found: self._word_starts(found, lengths))

    def _word_starts(self, cue_starts: list[int], lengths: range) -> Iterator[int]:
        text = self.text
        tried = 0
        for cue in cue_starts:
            blank = cue
            while blank and text[blank - 1].isspace():  # str.isspace is the patterns' \s
                blank -= 1
            if blank == cue:
                continue
            last = blank - lengths.start  # the shortest word's start
            yield from range(max(blank - lengths.stop + 1, tried), last + 1)
            tried = max(tried, last + 1)

    def digit_led(self, pattern: re.Pattern[str], word: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which begins a run of digits (or with the lead ``word``)."""
        starts: list[int] | None = self.digit_runs
        if word is not None:
            led = self.starts[word]
            starts = None if led is None else sorted({*led, *self.digit_runs})
        return scan_from(pattern, self.text, starts)


_DIGIT_RUN_RE = re.compile(r"\d+")


@dataclass
class _Candidate:
    start: int
    end: int
    value: dict[str, Any] | None  # None: consumed but not evidence (blank templates)
    confidence: float


def _candidates(text: str, doc_year: int | None) -> list[_Candidate]:
    """Every reading of every date phrase, overlapping; the order breaks ties between equal spans."""
    scans = _Scans(text)
    return (
        _range_candidates(text, doc_year, scans)
        + _recurring_candidates(text, scans)
        + _day_candidates(text, doc_year, scans)
        + _period_candidates(text, doc_year, scans)
        + _holiday_candidates(text, doc_year, scans)
    )


def _range_candidates(text: str, doc_year: int | None, scans: _Scans) -> list[_Candidate]:
    """Blank template dates (nothing), "từ … đến …" ranges and "giai đoạn 2025 - 2030"."""
    p = patterns()
    found: list[_Candidate] = []
    for m in scans.led("ngày", p["blank"]) if "blank" in scans.present else ():
        found.append(_Candidate(m.start(), m.end(), None, 1.0))

    for m in scans.led("từ", p["range"]):
        a, b = parse_atom(m.group("a")), parse_atom(m.group("b"))
        if a and b and a.level == b.level or (a and b and {a.level, b.level} <= {"day", "month"}):
            value = range_value(a, b, doc_year)
            if value:
                found.append(_Candidate(m.start(), m.end(), value, 0.9))

    for m in scans.cue_led("period_range", p["period_range"]):
        first, last = int(m.group("a")), int(m.group("b"))
        if 1945 <= first <= last <= 2100:
            found.append(_Candidate(m.start(), m.end(), date_value(f"{first}/{last}", "range", False), 0.95))
    return found


def _recurring_candidates(text: str, scans: _Scans) -> list[_Candidate]:
    """Deadlines without a year: "trước ngày 15/02 hàng năm", "tháng 12 hằng năm", "ngày 25 hàng tháng"."""
    p = patterns()
    found: list[_Candidate] = []
    for m in scans.numbers_before_cue("recurring", p["recurring_day"], 2):
        atom = parse_atom(m.group("a"))
        if atom and atom.level == "day" and atom.year is None:
            found.append(
                _Candidate(m.start(), m.end(), date_value(iso_text(atom, None), "recurring", False), 0.93)
            )

    for m in scans.numbers_before_cue("recurring", p["recurring_month"], 1):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            found.append(
                _Candidate(m.start(), m.end(), date_value(f"--{month:02d}", "recurring", False), 0.85)
            )

    for m in scans.numbers_before_cue("monthly", p["monthly"], 1):
        day = int(m.group("d"))
        if 1 <= day <= 31:
            found.append(_Candidate(m.start(), m.end(), date_value(f"--{day:02d}", "recurring", False), 0.85))
    return found


def _day_candidates(text: str, doc_year: int | None, scans: _Scans) -> list[_Candidate]:
    """Days: "ngày 28/12/2021", "ngày 05/ 6/2024", "ngày 15/02" (the document's year), "Chiều 04.9"."""
    p = patterns()
    found: list[_Candidate] = []
    for m in (*scans.digit_led(p["day"], "ngày"), *scans.led("ngày", p["spaced_day"])):
        atom = parse_atom(m.group("a"))
        if atom and atom.year is not None:
            found.append(
                _Candidate(m.start(), m.end(), date_value(iso_text(atom, atom.year), "date", False), 0.98)
            )

    for m in scans.led("ngày", p["day_no_year"]):
        atom = parse_atom(m.group("a"))
        if atom and atom.level == "day":
            value, confidence = single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end(), value, confidence - 0.1))

    for m in scans.digit_led(p["dotted_day"]):
        lead = p["dotted_head"].search(text, max(0, m.start() - 16), m.start())
        if lead is None or (lead.start() and text[lead.start() - 1].isalnum()):
            continue
        atom = parse_atom(m.group("a"))
        if atom and atom.level == "day":
            value, confidence = single(atom, doc_year)
            head = "head" if lead.group("head") else "head2" if lead.group("head2") else None
            start = lead.start(head) if head else m.start()
            found.append(_Candidate(start, m.end(), value, confidence - 0.15))
    return found


def _period_candidates(text: str, doc_year: int | None, scans: _Scans) -> list[_Candidate]:
    """Periods: "tháng 12/2021", "trong tháng 3", "quý III năm 2025", "6 tháng đầu năm", "năm 2022"."""
    p = patterns()
    found: list[_Candidate] = []
    for m in scans.led("tháng", p["month"]):
        atom = parse_atom(m.group("a"))
        if atom and atom.relative is None:
            found.append(
                _Candidate(m.start(), m.end(), date_value(iso_text(atom, atom.year), "period", False), 0.95)
            )

    for m in scans.word_before_cue("month", p["bare_month"], word_lengths(BARE_MONTH_LEADS)):
        atom = parse_atom(m.group("a"))
        if atom and doc_year is not None:
            value, confidence = single(atom, doc_year)
            found.append(_Candidate(m.start("a"), m.end("a"), value, confidence - 0.15))

    for m in scans.led("quý", p["quarter"]):
        atom = parse_atom(m.group("a"))
        if not atom:
            continue
        recurring = m.group("rec") or (atom.year is None and p["recurring_near"].match(text, m.end()))
        if recurring and atom.year is None:
            end = m.end() if m.group("rec") else m.end("a")
            found.append(_Candidate(m.start(), end, date_value(f"--Q{atom.part}", "recurring", False), 0.9))
        else:
            value, confidence = single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end("a"), value, confidence))

    for m in scans.word_before_cue("half", p["half"], word_lengths(HALF_COUNTS)):
        atom = parse_atom(m.group("a"))
        if atom:
            value, confidence = single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end(), value, confidence))

    for m in scans.led("năm", p["year"]):
        atom = parse_atom(m.group("a"))
        if atom and 1945 <= (atom.year or 0) <= 2100:
            found.append(_Candidate(m.start(), m.end(), date_value(f"{atom.year:04d}", "period", False), 0.9))
    return found


def _holiday_candidates(text: str, doc_year: int | None, scans: _Scans) -> list[_Candidate]:
    """Day/month holidays ("30/4, 01/5, 02/9") after a cue ("ngày Lễ", "dịp") or in a list."""
    p = patterns()
    holidays = holiday_days()
    found: list[_Candidate] = []
    for m in scans.digit_led(p["holiday_list"]):
        items = list(p["holiday_item"].finditer(text, m.start(), m.end()))
        pairs = [tuple(int(n) for n in item.group().split("/")) for item in items]
        if not all(pair in holidays for pair in pairs):
            continue
        cue = p["holiday_cue"].search(text, max(0, m.start() - 70), m.start())
        if len(items) < 2 and not cue:
            continue
        for item, (day, month) in zip(items, pairs, strict=True):
            atom = Atom("day", month=month, day=day)
            value, confidence = single(atom, doc_year)
            found.append(_Candidate(item.start(), item.end(), value, confidence - 0.05))
    return found


def find_dates(text: str, context: Any = None) -> list[Evidence]:
    """Every date, period, range and recurring deadline in ``text``, in reading order."""
    doc_year = document_year(text, context)
    evidence: list[Evidence] = []
    for cand in longest_first(_candidates(text, doc_year)):
        if cand.value is None:
            continue
        evidence.append(
            Evidence(
                kind=KIND,
                text=text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                value=cand.value,
                confidence=round(cand.confidence, 3),
                extractor=EXTRACTOR,
            )
        )
    return evidence


LEXICONS = {"date_words": "date_words.json"}


@Language.factory("minhchung_dates", default_config={"lexicons": LEXICONS})
def make_dates_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component adding every date of ``doc.text`` to ``doc._.evidence``."""
    return finder_component(lambda doc: find_dates(text_of(doc), doc._.context), lexicons)
