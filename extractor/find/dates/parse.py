"""A date phrase → its parts (:class:`Atom`) → the evidence value (ISO text, kind, inferred year)."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from extractor.find.dates.regexes import DATE_PHRASE, patterns, roman_numerals


@dataclass(frozen=True)
class Atom:
    """One parsed calendar expression: year may be None (unwritten) or relative."""

    level: str  # day, month, year, quarter, half
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None  # quarter or half number
    relative: int | None = None  # offset for "năm trước" (-1) / "năm sau" (0)


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether ``day``/``month`` exist (in ``year`` when given; a leap year otherwise)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2000, month)[1]


def parse_atom(phrase: str) -> Atom | None:
    """Parse one calendar expression (no range) into its parts."""
    s = " ".join(phrase.lower().split())
    numbers = [int(n) for n in patterns()["numbers"].findall(s)]
    relative = -1 if s.endswith("năm trước") else 0 if s.endswith(("năm sau", "năm nay")) else None
    if s.startswith("quý"):
        token = s.split()[1].split("/")[0].upper()
        part = roman_numerals().get(token) or (int(token) if token.isdigit() else None)
        year = numbers[-1] if numbers and numbers[-1] >= 1000 else None
        return Atom("quarter", year=year, part=part) if part else None
    if "tháng đầu năm" in s or "tháng cuối năm" in s:
        lead = s.split()[0]
        months = {"sáu": 6, "ba": 3, "chín": 9}.get(lead) or int(lead)
        year = numbers[-1] if numbers and numbers[-1] >= 1000 else None
        if months == 6:
            return Atom("half", year=year, part=1 if "đầu" in s else 2)
        return Atom("months", year=year, month=months, part=1 if "đầu" in s else 2)
    if s.startswith("năm"):
        return Atom("year", year=numbers[0]) if numbers else None
    if s.startswith("tháng"):
        month = numbers[0]
        year = numbers[1] if len(numbers) > 1 else None
        return Atom("month", year=year, month=month, relative=relative) if 1 <= month <= 12 else None
    # day level: "28/12/2021", "28 tháng 12 năm 2021", "15/02", "15 tháng 11 năm trước"
    if len(numbers) < 2:
        return None
    day, month = numbers[0], numbers[1]
    year = numbers[2] if len(numbers) > 2 else None
    if year is not None and not 1900 <= year <= 2100:
        return None
    if not valid_day(year, month, day):
        return None
    return Atom("day", year=year, month=month, day=day, relative=relative)


def parse_date_phrase(phrase: str) -> date | None:
    """A calendar date written in full ("28/12/2021", "ngày 28 tháng 12 năm 2021"), else None."""
    text = " ".join(phrase.split())
    if text.lower().startswith("ngày "):
        text = text[5:]
    match = DATE_PHRASE.fullmatch(text)
    if not match:
        return None
    atom = parse_atom(text)
    if atom is None or atom.level != "day" or atom.year is None or atom.month is None or atom.day is None:
        return None
    return date(atom.year, atom.month, atom.day)


def document_year(text: str, context: Any = None) -> int | None:
    """The document's year: ``context.year`` when known, else the year the text names most."""
    year = getattr(context, "year", None)
    if year:
        return int(year)
    years = Counter(int(y) for y in patterns()["any_year"].findall(text) if 1945 <= int(y) <= 2100)
    return years.most_common(1)[0][0] if years else None


def iso_text(atom: Atom, year: int | None) -> str:
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
        months = atom.month or 0
        first, last = (1, months) if atom.part == 1 else (13 - months, 12)
        return f"{prefix}{first:02d}/{prefix}{last:02d}"
    return f"{year:04d}" if year is not None else "--"


def date_value(iso: str, kind: str, inferred: bool) -> dict[str, Any]:
    return {"iso": iso, "kind": kind, "inferred_year": inferred}


def single(atom: Atom, doc_year: int | None) -> tuple[dict[str, Any], float]:
    """Value of a stand-alone atom; the year comes from the document when not written."""
    if atom.year is not None:
        kind = "date" if atom.level == "day" else "range" if atom.level == "months" else "period"
        return date_value(iso_text(atom, atom.year), kind, False), 0.97
    if doc_year is None:
        kind = "date" if atom.level == "day" else "period"
        return date_value(iso_text(atom, None), kind, False), 0.6
    kind = "date" if atom.level == "day" else "range" if atom.level == "months" else "period"
    return date_value(iso_text(atom, doc_year), kind, True), 0.8


def range_value(a: Atom, b: Atom, doc_year: int | None) -> dict[str, Any] | None:
    """``start/end`` of a range; relative years ("năm trước … năm sau") give ``--MM-DD/--MM-DD``."""
    if a.relative is not None or b.relative is not None:
        if a.level != "day" or b.level != "day":
            return None
        return date_value(f"{iso_text(a, None)}/{iso_text(b, None)}", "range", False)
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
            return date_value(f"{iso_text(a, None)}/{iso_text(b, None)}", "range", False)
        year_a = year_b = doc_year
        inferred = True
    if a.level == "day" and not valid_day(year_a, a.month or 0, a.day or 0):
        return None
    return date_value(f"{iso_text(a, year_a)}/{iso_text(b, year_b)}", "range", inferred)
