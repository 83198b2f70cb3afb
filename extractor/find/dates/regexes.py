"""The date finder's patterns, compiled once per process; its words (Roman numerals, holidays,
recurring words) come from ``corpora/lexicons/date_words.json``.

Dates are written "28/12/2021", "28 tháng 12 năm 2021", "tháng 12/2021", "quý III năm 2025",
"6 tháng đầu năm 2023", "năm 2022"; ranges "từ … đến …" and "giai đoạn 2025 - 2030"; recurring
deadlines "trước ngày 15/02 hàng năm".
"""

from __future__ import annotations

import re
from typing import Any

from extractor import lexicons
from extractor.find.patterns import YEAR, alternation

_NUMERIC_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"


# after "ngày" only: slashes with a space around them, as typed or OCR'd ("ngày 05/ 6/2024", "ngày 12 / 6 / 2024")
_SPACED_DATE = r"\d{1,2}[^\S\n]?/[^\S\n]?\d{1,2}[^\S\n]?/[^\S\n]?\d{4}"


_WORD_DATE = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:\d{4}|trước|sau|nay)"


_DAY_MONTH = (
    r"\d{1,2}\s*/\s*\d{1,2}(?![\d/])|\d{1,2}\s+tháng\s+\d{1,2}(?!\s*[/\d])(?!\s+năm\s+(?:\d|trước|sau|nay))"
)


_MONTH = r"tháng\s+\d{1,2}(?:\s*[/\-]\s*\d{4}|\s+năm\s+(?:\d{4}|trước|sau|nay))"


_YEAR_PHRASE = r"năm\s+\d{4}"


_PERIOD_WORDS = r"(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|năm\s+học)"


_MONTHLY = r"(?:hàng|hằng)\s+tháng"


_HALF_WORDS = r"tháng\s+(?:đầu|cuối)\s+năm"


@lexicons.compiled
def date_words() -> dict[str, Any]:
    return lexicons.load("date_words")


@lexicons.compiled
def roman_numerals() -> dict[str, int]:
    return {key.upper(): value for key, value in date_words()["roman_numerals"].items()}


@lexicons.compiled
def holiday_days() -> frozenset[tuple[int, int]]:
    return frozenset((item["day"], item["month"]) for item in date_words()["holidays"])


#: The word before "tháng N" that makes it a month of the document's year ("trong tháng 3").
BARE_MONTH_LEADS = ("trong", "vào", "đầu", "cuối", "giữa", "hết")
#: How many months a half or quarter period counts ("6 tháng đầu năm", "chín tháng").
HALF_COUNTS = ("06", "6", "sáu", "03", "3", "ba", "09", "9", "chín")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


def _first_letters(words: tuple[str, ...]) -> str:
    return "".join(sorted({word[0] for word in words}))


def word_lengths(words: tuple[str, ...]) -> range:
    """The lengths a word of ``words`` may have: where a scan for the cue after it must look back."""
    return range(min(map(len, words)), max(map(len, words)) + 1)


@lexicons.compiled
def patterns() -> dict[str, re.Pattern[str]]:
    words = date_words()
    recurring = alternation(words["recurring_words"])
    roman = "|".join(sorted(roman_numerals(), key=len, reverse=True))
    quarter = rf"quý\s+(?:{roman}|[1-4])(?![\w])(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?"
    half = rf"(?:{_words(HALF_COUNTS)})\s+{_HALF_WORDS}(?:\s+\d{{4}})?"
    atom = (
        rf"(?:{_NUMERIC_DATE}|{_WORD_DATE}|{_MONTH}|{_DAY_MONTH}|{quarter}|{_YEAR_PHRASE}|tháng\s+\d{{1,2}})"
    )
    flags = re.IGNORECASE
    # Each pattern opens with a test of its first character, "(?=n)" for "ngày …": the engine tries
    # every position, and the one-character test fails at most of them before the costlier boundary.
    b = r"(?<![\w/.\-])"  # start boundary
    e = r"(?![\w/])"  # end boundary
    cues = alternation(words["holiday_cues"])
    return {
        "blank": re.compile(
            rf"{b}ngày\s*(?:[.…_]+\s*)?tháng\s*(?:[.…_]+\s*)?năm\s+\d{{4}}"
            rf"|{b}ngày\s*[.…_]+\s*/\s*[.…_]+\s*/\s*\d{{4}}",
            flags,
        ),
        "range": re.compile(
            rf"(?=t){b}từ\s+(?:ngày\s+)?(?P<a>{atom})\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<b>{atom}){e}",
            flags,
        ),
        "period_range": re.compile(
            rf"{b}{_PERIOD_WORDS}\s+(?:từ\s+)?(?:năm\s+)?(?P<a>\d{{4}})\s*(?:-|–|—|đến)\s*"
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
            rf"{b}(?:(?:trước|sau|vào|đến)\s+)?ngày\s+(?P<d>\d{{1,2}})\s+{_MONTHLY}{e}", flags
        ),
        "day": re.compile(rf"(?=[\dn]){b}(?:ngày\s+)?(?P<a>{_NUMERIC_DATE}|{_WORD_DATE}){e}", flags),
        "spaced_day": re.compile(rf"(?=n){b}ngày\s+(?P<a>{_SPACED_DATE}){e}", flags),
        "day_no_year": re.compile(rf"(?=n){b}ngày\s+(?P<a>{_DAY_MONTH})", flags),
        # news style, a dot between day and month, only after a day word: "Ngày 19.8", "Chiều 04.9"
        "dotted_day": re.compile(r"(?=\d)(?<![\w/.,\-])(?P<a>\d{1,2}\.\d{1,2})(?![\d/]|\.\d)"),
        "dotted_head": re.compile(
            r"(?:(?:sáng|trưa|chiều|tối|đêm)(?:\s+(?P<head>ngày))?|(?P<head2>ngày))\s+$", flags
        ),
        "month": re.compile(rf"(?=t){b}(?P<a>{_MONTH}){e}", flags),
        "bare_month": re.compile(
            rf"(?=[{_first_letters(BARE_MONTH_LEADS)}])(?<=\s)(?:{_words(BARE_MONTH_LEADS)})\s+"
            rf"(?P<a>tháng\s+(?P<m>\d{{1,2}})){e}"
            rf"(?!\s*(?:/|năm|tháng|ngày))",
            flags,
        ),
        "quarter": re.compile(rf"(?=q){b}(?P<a>{quarter}){e}(?P<rec>\s+(?:{recurring}))?", flags),
        "half": re.compile(rf"{b}(?P<a>{half}){e}", flags),
        "year": re.compile(rf"(?=n){b}(?P<a>{_YEAR_PHRASE}){e}(?!\s*[/\-]\s*\d)", flags),
        "holiday_list": re.compile(
            r"(?=\d)(?<![\w/.,])(?P<a>\d{1,2}/\d{1,2})(?:(?:\s*,\s*|\s+và\s+|\s*;\s*)\d{1,2}/\d{1,2})*(?![\w/])"
        ),
        "holiday_item": re.compile(r"\d{1,2}/\d{1,2}"),
        "holiday_cue": re.compile(rf"(?:{cues})[^.;:\n]{{0,60}}$", flags),
        "recurring_near": re.compile(rf"[^.;:\n]{{0,40}}?(?:{recurring})", flags),
        "numbers": re.compile(r"\d+"),
        "any_year": re.compile(rf"(?=[n/])(?<![\d/])(?:năm\s+|/)({YEAR})(?![\d/])", flags),
    }


@lexicons.compiled
def cues() -> dict[str, re.Pattern[str]]:
    """What every match of a rarely matching pattern contains, in lower case (see
    :class:`extractor.find.patterns.Cues`): a text without it skips that pattern's scan."""
    recurring = alternation(word.lower() for word in date_words()["recurring_words"])
    return {
        "blank": re.compile(r"ngày\s*(?:[.…_]|tháng)"),
        "period_range": re.compile(_PERIOD_WORDS),
        "recurring": re.compile(recurring),
        "monthly": re.compile(_MONTHLY),
        "month": re.compile("tháng"),
        "half": re.compile(_HALF_WORDS),
    }


@lexicons.compiled
def lead_words() -> dict[str, re.Pattern[str]]:
    """The word each lead-word pattern opens with, in lower case: "ngày" (blank, spaced_day,
    day_no_year), "tháng" (month), "năm" (year), "từ" (range), "quý" (quarter). Found once in
    the lower-cased text, they are the only places those patterns are tried."""
    return {word: re.compile(word) for word in ("ngày", "tháng", "năm", "từ", "quý")}


DATE_PHRASE = re.compile(
    rf"{_NUMERIC_DATE}|{_SPACED_DATE}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}", re.IGNORECASE
)
