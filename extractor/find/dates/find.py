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

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import corpora
from extractor.models import Evidence

EXTRACTOR = "dates"
KIND = "date"

_NUMERIC_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
# after "ngày" only: slashes with a space around them, as typed or OCR'd ("ngày 05/ 6/2024", "ngày 12 / 6 / 2024")
_SPACED_DATE = r"\d{1,2}[^\S\n]?/[^\S\n]?\d{1,2}[^\S\n]?/[^\S\n]?\d{4}"
_WORD_DATE = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:\d{4}|trước|sau|nay)"
_DAY_MONTH = (
    r"\d{1,2}\s*/\s*\d{1,2}(?![\d/])|\d{1,2}\s+tháng\s+\d{1,2}(?!\s*[/\d])(?!\s+năm\s+(?:\d|trước|sau|nay))"
)
_MONTH = r"tháng\s+\d{1,2}(?:\s*[/\-]\s*\d{4}|\s+năm\s+(?:\d{4}|trước|sau|nay))"
_YEAR = r"năm\s+\d{4}"


@dataclass(frozen=True)
class _Atom:
    """One parsed calendar expression: year may be None (unwritten) or relative."""

    level: str  # day, month, year, quarter, half
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None  # quarter or half number
    relative: int | None = None  # offset for "năm trước" (-1) / "năm sau" (0)


@dataclass
class _Candidate:
    start: int
    end: int
    value: dict[str, Any] | None  # None: consumed but not evidence (blank templates)
    confidence: float


@cache
def _words() -> dict[str, Any]:
    return corpora.load_json("lexicons", "date_words.json")


@cache
def _roman() -> dict[str, int]:
    return {key.upper(): value for key, value in _words()["roman_numerals"].items()}


@cache
def _holidays() -> frozenset[tuple[int, int]]:
    return frozenset((item["day"], item["month"]) for item in _words()["holidays"])


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = _words()
    recurring = "|".join(
        sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words["recurring_words"]}, key=len, reverse=True)
    )
    roman = "|".join(sorted(_roman(), key=len, reverse=True))
    quarter = rf"quý\s+(?:{roman}|[1-4])(?![\w])(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?"
    half = r"(?:0?6|sáu|0?3|ba|0?9|chín)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
    atom = rf"(?:{_NUMERIC_DATE}|{_WORD_DATE}|{_MONTH}|{_DAY_MONTH}|{quarter}|{_YEAR}|tháng\s+\d{{1,2}})"
    flags = re.IGNORECASE
    b = r"(?<![\w/.\-])"  # start boundary
    e = r"(?![\w/])"  # end boundary
    cues = "|".join(re.escape(c) for c in sorted(words["holiday_cues"], key=len, reverse=True))
    return {
        "blank": re.compile(
            rf"{b}ngày\s*(?:[.…_]+\s*)?tháng\s*(?:[.…_]+\s*)?năm\s+\d{{4}}"
            rf"|{b}ngày\s*[.…_]+\s*/\s*[.…_]+\s*/\s*\d{{4}}",
            flags,
        ),
        "range": re.compile(
            rf"{b}từ\s+(?:ngày\s+)?(?P<a>{atom})\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<b>{atom}){e}",
            flags,
        ),
        "period_range": re.compile(
            rf"{b}(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|năm\s+học)\s+(?:từ\s+)?(?:năm\s+)?(?P<a>\d{{4}})\s*(?:-|–|—|đến)\s*"
            rf"(?:năm\s+)?(?P<b>\d{{4}}){e}",
            flags,
        ),
        "recurring_day": re.compile(
            rf"{b}(?:(?:trước|sau|đến|vào|từ)\s+)?(?:ngày\s+)?(?P<a>{_DAY_MONTH})\s+(?:{recurring}){e}",
            flags,
        ),
        "recurring_month": re.compile(
            rf"{b}(?:(?:trước|trong|vào)\s+)?tháng\s+(?P<m>\d{{1,2}})\s+(?:{recurring}){e}", flags
        ),
        "monthly": re.compile(
            rf"{b}(?:(?:trước|sau|vào|đến)\s+)?ngày\s+(?P<d>\d{{1,2}})\s+(?:hàng|hằng)\s+tháng{e}", flags
        ),
        "day": re.compile(rf"{b}(?:ngày\s+)?(?P<a>{_NUMERIC_DATE}|{_WORD_DATE}){e}", flags),
        "spaced_day": re.compile(rf"{b}ngày\s+(?P<a>{_SPACED_DATE}){e}", flags),
        "day_no_year": re.compile(rf"{b}ngày\s+(?P<a>{_DAY_MONTH})", flags),
        # news style, a dot between day and month, only after a day word: "Ngày 19.8", "Chiều 04.9"
        "dotted_day": re.compile(r"(?<![\w/.,\-])(?P<a>\d{1,2}\.\d{1,2})(?![\d/]|\.\d)"),
        "dotted_head": re.compile(r"(?:(?:sáng|trưa|chiều|tối|đêm)(?:\s+(?P<head>ngày))?|(?P<head2>ngày))\s+$", flags),
        "month": re.compile(rf"{b}(?P<a>{_MONTH}){e}", flags),
        "bare_month": re.compile(
            rf"(?<=\s)(?:trong|vào|đầu|cuối|giữa|hết)\s+(?P<a>tháng\s+(?P<m>\d{{1,2}})){e}"
            rf"(?!\s*(?:/|năm|tháng|ngày))",
            flags,
        ),
        "quarter": re.compile(rf"{b}(?P<a>{quarter}){e}(?P<rec>\s+(?:{recurring}))?", flags),
        "half": re.compile(rf"{b}(?P<a>{half}){e}", flags),
        "year": re.compile(rf"{b}(?P<a>{_YEAR}){e}(?!\s*[/\-]\s*\d)", flags),
        "holiday_list": re.compile(
            r"(?<![\w/.,])(?P<a>\d{1,2}/\d{1,2})(?:(?:\s*,\s*|\s+và\s+|\s*;\s*)\d{1,2}/\d{1,2})*(?![\w/])"
        ),
        "holiday_item": re.compile(r"\d{1,2}/\d{1,2}"),
        "holiday_cue": re.compile(rf"(?:{cues})[^.;:\n]{{0,60}}$", flags),
        "recurring_near": re.compile(rf"[^.;:\n]{{0,40}}?(?:{recurring})", flags),
        "numbers": re.compile(r"\d+"),
        "any_year": re.compile(r"(?<![\d/])(?:năm\s+|/)((?:19|20)\d{2})(?![\d/])", flags),
    }


# --------------------------------------------------------------------------- small pure helpers


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether ``day``/``month`` exist (in ``year`` when given; a leap year otherwise)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2000, month)[1]


def _parse_atom(phrase: str) -> _Atom | None:
    """Parse one calendar expression (no range) into its parts."""
    s = " ".join(phrase.lower().split())
    numbers = [int(n) for n in _patterns()["numbers"].findall(s)]
    relative = -1 if s.endswith("năm trước") else 0 if s.endswith(("năm sau", "năm nay")) else None
    if s.startswith("quý"):
        token = s.split()[1].split("/")[0].upper()
        part = _roman().get(token) or (int(token) if token.isdigit() else None)
        year = numbers[-1] if numbers and numbers[-1] >= 1000 else None
        return _Atom("quarter", year=year, part=part) if part else None
    if "tháng đầu năm" in s or "tháng cuối năm" in s:
        lead = s.split()[0]
        months = {"sáu": 6, "ba": 3, "chín": 9}.get(lead) or int(lead)
        year = numbers[-1] if numbers and numbers[-1] >= 1000 else None
        if months == 6:
            return _Atom("half", year=year, part=1 if "đầu" in s else 2)
        return _Atom("months", year=year, month=months, part=1 if "đầu" in s else 2)
    if s.startswith("năm"):
        return _Atom("year", year=numbers[0]) if numbers else None
    if s.startswith("tháng"):
        month = numbers[0]
        year = numbers[1] if len(numbers) > 1 else None
        return _Atom("month", year=year, month=month, relative=relative) if 1 <= month <= 12 else None
    # day level: "28/12/2021", "28 tháng 12 năm 2021", "15/02", "15 tháng 11 năm trước"
    if len(numbers) < 2:
        return None
    day, month = numbers[0], numbers[1]
    year = numbers[2] if len(numbers) > 2 else None
    if year is not None and not 1900 <= year <= 2100:
        return None
    if not valid_day(year, month, day):
        return None
    return _Atom("day", year=year, month=month, day=day, relative=relative)


def parse_date_phrase(phrase: str) -> date | None:
    """A calendar date written in full ("28/12/2021", "ngày 28 tháng 12 năm 2021"), else None."""
    text = " ".join(phrase.split())
    if text.lower().startswith("ngày "):
        text = text[5:]
    match = _DATE_PHRASE.fullmatch(text)
    if not match:
        return None
    atom = _parse_atom(text)
    if atom is None or atom.level != "day" or atom.year is None:
        return None
    return date(atom.year, atom.month, atom.day)


_DATE_PHRASE = re.compile(
    rf"{_NUMERIC_DATE}|{_SPACED_DATE}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}", re.IGNORECASE
)


def document_year(text: str, context: Any = None) -> int | None:
    """The document's year: ``context.year`` when known, else the year the text names most."""
    year = getattr(context, "year", None)
    if year:
        return int(year)
    years = Counter(int(y) for y in _patterns()["any_year"].findall(text) if 1945 <= int(y) <= 2100)
    return years.most_common(1)[0][0] if years else None


# --------------------------------------------------------------------------- atoms → iso


def _iso(atom: _Atom, year: int | None) -> str:
    """ISO-like text for ``atom`` in ``year`` (``--`` prefix when the year is unknown)."""
    prefix = f"{year:04d}-" if year is not None else "--"
    if atom.level == "day":
        return f"{prefix}{atom.month:02d}-{atom.day:02d}"
    if atom.level == "month":
        return f"{prefix}{atom.month:02d}"
    if atom.level == "quarter":
        return f"{prefix}Q{atom.part}"
    if atom.level == "half":
        return f"{prefix}H{atom.part}"
    if atom.level == "months":  # "9 tháng đầu năm" → 01..09; "3 tháng cuối năm" → 10..12
        first, last = (1, atom.month) if atom.part == 1 else (13 - atom.month, 12)
        return f"{prefix}{first:02d}/{prefix}{last:02d}"
    return f"{year:04d}" if year is not None else "--"


def _value(iso: str, kind: str, inferred: bool) -> dict[str, Any]:
    return {"iso": iso, "kind": kind, "inferred_year": inferred}


def _single(atom: _Atom, doc_year: int | None) -> tuple[dict[str, Any], float]:
    """Value of a stand-alone atom; the year comes from the document when not written."""
    if atom.year is not None:
        kind = "date" if atom.level == "day" else "range" if atom.level == "months" else "period"
        return _value(_iso(atom, atom.year), kind, False), 0.97
    if doc_year is None:
        kind = "date" if atom.level == "day" else "period"
        return _value(_iso(atom, None), kind, False), 0.6
    kind = "date" if atom.level == "day" else "range" if atom.level == "months" else "period"
    return _value(_iso(atom, doc_year), kind, True), 0.8


def _range_value(a: _Atom, b: _Atom, doc_year: int | None) -> dict[str, Any] | None:
    """``start/end`` of a range; relative years ("năm trước … năm sau") give ``--MM-DD/--MM-DD``."""
    if a.relative is not None or b.relative is not None:
        if a.level != "day" or b.level != "day":
            return None
        return _value(f"{_iso(a, None)}/{_iso(b, None)}", "range", False)
    year_a, year_b = a.year, b.year
    inferred = False
    if year_a is None and year_b is not None:  # "từ 01/11 đến 08/11/2024": the end fixes the start's year
        year_a = year_b if (a.month or 0) <= (b.month or 13) else year_b - 1
        inferred = True
    if year_b is None and year_a is not None:
        year_b = year_a
        inferred = True
    if year_a is None and year_b is None:
        if doc_year is None:
            return _value(f"{_iso(a, None)}/{_iso(b, None)}", "range", False)
        year_a = year_b = doc_year
        inferred = True
    if a.level == "day" and not valid_day(year_a, a.month, a.day):
        return None
    return _value(f"{_iso(a, year_a)}/{_iso(b, year_b)}", "range", inferred)


# --------------------------------------------------------------------------- the finder


def _candidates(text: str, doc_year: int | None) -> list[_Candidate]:
    p = _patterns()
    found: list[_Candidate] = []

    for m in p["blank"].finditer(text):
        found.append(_Candidate(m.start(), m.end(), None, 1.0))

    for m in p["range"].finditer(text):
        a, b = _parse_atom(m.group("a")), _parse_atom(m.group("b"))
        if a and b and a.level == b.level or (a and b and {a.level, b.level} <= {"day", "month"}):
            value = _range_value(a, b, doc_year)
            if value:
                found.append(_Candidate(m.start(), m.end(), value, 0.9))

    for m in p["period_range"].finditer(text):
        first, last = int(m.group("a")), int(m.group("b"))
        if 1945 <= first <= last <= 2100:
            found.append(_Candidate(m.start(), m.end(), _value(f"{first}/{last}", "range", False), 0.95))

    for m in p["recurring_day"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom and atom.level == "day" and atom.year is None:
            found.append(_Candidate(m.start(), m.end(), _value(_iso(atom, None), "recurring", False), 0.93))

    for m in p["recurring_month"].finditer(text):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            found.append(_Candidate(m.start(), m.end(), _value(f"--{month:02d}", "recurring", False), 0.85))

    for m in p["monthly"].finditer(text):
        day = int(m.group("d"))
        if 1 <= day <= 31:
            found.append(_Candidate(m.start(), m.end(), _value(f"--{day:02d}", "recurring", False), 0.85))

    for m in (*p["day"].finditer(text), *p["spaced_day"].finditer(text)):
        atom = _parse_atom(m.group("a"))
        if atom and atom.year is not None:
            found.append(_Candidate(m.start(), m.end(), _value(_iso(atom, atom.year), "date", False), 0.98))

    for m in p["day_no_year"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom and atom.level == "day":
            value, confidence = _single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end(), value, confidence - 0.1))

    for m in p["dotted_day"].finditer(text):
        lead = p["dotted_head"].search(text, max(0, m.start() - 16), m.start())
        if lead is None or (lead.start() and text[lead.start() - 1].isalnum()):
            continue
        atom = _parse_atom(m.group("a"))
        if atom and atom.level == "day":
            value, confidence = _single(atom, doc_year)
            head = "head" if lead.group("head") else "head2" if lead.group("head2") else None
            start = lead.start(head) if head else m.start()
            found.append(_Candidate(start, m.end(), value, confidence - 0.15))

    for m in p["month"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom and atom.relative is None:
            found.append(_Candidate(m.start(), m.end(), _value(_iso(atom, atom.year), "period", False), 0.95))

    for m in p["bare_month"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom and doc_year is not None:
            value, confidence = _single(atom, doc_year)
            found.append(_Candidate(m.start("a"), m.end("a"), value, confidence - 0.15))

    for m in p["quarter"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if not atom:
            continue
        recurring = m.group("rec") or (atom.year is None and p["recurring_near"].match(text, m.end()))
        if recurring and atom.year is None:
            end = m.end() if m.group("rec") else m.end("a")
            found.append(_Candidate(m.start(), end, _value(f"--Q{atom.part}", "recurring", False), 0.9))
        else:
            value, confidence = _single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end("a"), value, confidence))

    for m in p["half"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom:
            value, confidence = _single(atom, doc_year)
            found.append(_Candidate(m.start(), m.end(), value, confidence))

    for m in p["year"].finditer(text):
        atom = _parse_atom(m.group("a"))
        if atom and 1945 <= (atom.year or 0) <= 2100:
            found.append(_Candidate(m.start(), m.end(), _value(f"{atom.year:04d}", "period", False), 0.9))

    found.extend(_holiday_candidates(text, doc_year))
    return found


def _holiday_candidates(text: str, doc_year: int | None) -> list[_Candidate]:
    """Day/month holidays ("30/4, 01/5, 02/9") after a cue ("ngày Lễ", "dịp") or in a list."""
    p = _patterns()
    holidays = _holidays()
    found: list[_Candidate] = []
    for m in p["holiday_list"].finditer(text):
        items = list(p["holiday_item"].finditer(text, m.start(), m.end()))
        pairs = [tuple(int(n) for n in item.group().split("/")) for item in items]
        if not all(pair in holidays for pair in pairs):
            continue
        cue = p["holiday_cue"].search(text, max(0, m.start() - 70), m.start())
        if len(items) < 2 and not cue:
            continue
        for item, (day, month) in zip(items, pairs, strict=True):
            atom = _Atom("day", month=month, day=day)
            value, confidence = _single(atom, doc_year)
            found.append(_Candidate(item.start(), item.end(), value, confidence - 0.05))
    return found


class _Occupancy:
    """Which characters of the text chosen dates already cover; ``probes`` counts the characters
    examined, so a test can check that selection is linear in the candidates' total length."""

    def __init__(self, size: int) -> None:
        self.covered = bytearray(size)
        self.probes = 0

    def free(self, start: int, end: int) -> bool:
        self.probes += end - start
        return self.covered.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)


def _select(candidates: list[_Candidate], occupancy: _Occupancy | None = None) -> list[_Candidate]:
    """Longest first, no overlaps. Linear in the candidates' total length after the sort (a date
    phrase is short), where checking each against every chosen one was quadratic."""
    if occupancy is None:
        occupancy = _Occupancy(max((c.end for c in candidates), default=0))
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if not occupancy.free(cand.start, cand.end):
            continue
        occupancy.take(cand.start, cand.end)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def find_dates(text: str, context: Any = None) -> list[Evidence]:
    """Every date, period, range and recurring deadline in ``text``, in reading order."""
    doc_year = document_year(text, context)
    evidence: list[Evidence] = []
    for cand in _select(_candidates(text, doc_year)):
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


@Language.component("minhchung_dates")
def dates_component(doc: Doc) -> Doc:
    """spaCy component: add every date of ``doc.text`` to ``doc._.evidence``."""
    from extractor.nlp import add_evidence

    add_evidence(doc, find_dates(doc.text, doc._.context))
    return doc
