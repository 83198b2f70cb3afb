"""Vietnamese numbers as written in administrative documents.

Digits use the Vietnamese convention: a dot groups thousands ("3.460" = 3460,
"200.680" = 200680) and a comma marks decimals ("1,5" = 1.5); leading zeros are common
("04", "01"). Numbers may also be spelled ("hai mươi lăm" = 25, "ba trăm" = 300,
"một nghìn" = 1000, with the context-bound variants "mốt", "tư", "lăm" and "linh"/"lẻ").
Ratios ("05/05") give a value and a total; percentages may carry a comparator
("70% trở lên" → ``>=``, "trên 90%" → ``>``).

The vocabulary lives in ``corpora/lexicons/numbers_vi.json``; regular expressions are
compiled once per process.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import corpora
from extractor.find.patterns import phrases_longest_first

#: A number in digits, Vietnamese style: thousands grouped by dots, decimals after a comma.
DIGITS_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DIGITS_RE = re.compile(rf"^(?:{DIGITS_PATTERN})$")
#: A ratio "05/05", "1.050/1.050": two numbers in digits (thousands grouped by dots) around a slash.
RATIO_PART_PATTERN = r"\d{1,3}(?:\.\d{3})+|\d{1,5}"
_RATIO_RE = re.compile(rf"^\s*({RATIO_PART_PATTERN})\s*/\s*({RATIO_PART_PATTERN})\s*$")
_PERCENT_RE = re.compile(rf"^\s*({DIGITS_PATTERN})\s*(?:%|phần trăm)\s*$")


@cache
def vocabulary() -> dict:
    """The spelled-number vocabulary and comparators (``numbers_vi.json``)."""
    return corpora.load_json("lexicons", "numbers_vi.json")


def parse_digits(text: str) -> int | float | None:
    """Parse a number written in digits ("3.460", "1,5", "04"); ``None`` if it is not one.

    A dot followed by anything but groups of exactly three digits ("2.1", "1.5") is a section
    number or a foreign decimal, not a Vietnamese number, and yields ``None``.
    """
    text = text.strip()
    if not _DIGITS_RE.match(text):
        return None
    whole, _, decimals = text.replace(".", "").partition(",")
    if decimals:
        return float(f"{whole}.{decimals}")
    return int(whole)


@cache
def spelled_words() -> frozenset[str]:
    """Every syllable that may be part of a spelled number (built once: asked for every word parsed)."""
    vocab = vocabulary()
    words: set[str] = set(vocab["digits"]) | set(vocab["ten"]) | set(vocab["tens_marker"])
    words |= set(vocab["units_after_tens"]) | set(vocab["zero_tens"]) | set(vocab["multipliers"])
    return frozenset(words)


def _parse_below_thousand(words: list[str]) -> int | None:
    """Parse a spelled number below 1000 ("ba trăm linh năm", "hai mươi mốt", "mười lăm")."""
    vocab = vocabulary()
    digits: dict[str, int] = vocab["digits"]
    after_tens: dict[str, int] = vocab["units_after_tens"]
    total = 0
    i = 0
    if len(words) >= 2 and words[1] in vocab["hundred_words"] and words[0] in digits:
        total += digits[words[0]] * 100
        i = 2
        if i < len(words) and words[i] in vocab["zero_tens"]:
            i += 1
            if i == len(words) - 1 and words[i] in digits:
                return total + digits[words[i]]
            return None
    if i == len(words):
        return total
    rest = words[i:]
    if rest[0] in vocab["ten"]:
        total += 10
        rest = rest[1:]
    elif len(rest) >= 2 and rest[0] in digits and rest[1] in vocab["tens_marker"]:
        total += digits[rest[0]] * 10
        rest = rest[2:]
    elif len(rest) == 1 and rest[0] in digits:
        return total + digits[rest[0]]
    else:
        return None
    if not rest:
        return total
    if len(rest) == 1 and (rest[0] in after_tens or rest[0] in digits):
        unit = after_tens[rest[0]] if rest[0] in after_tens else digits[rest[0]]
        if rest[0] == "một" and total >= 20:
            unit = 1
        if rest[0] in ("mốt",) and total < 20:
            return None
        return total + unit
    return None


def parse_spelled(text: str) -> int | None:
    """Parse a spelled Vietnamese number ("hai mươi lăm" = 25, "một nghìn hai trăm" = 1200)."""
    words = text.lower().split()
    if not words or any(word not in spelled_words() for word in words):
        return None
    multipliers: dict[str, int] = vocabulary()["multipliers"]
    total = 0
    group: list[str] = []
    for word in words:
        if word in multipliers and multipliers[word] >= 1000:
            value = _parse_below_thousand(group) if group else 1
            if value is None:
                return None
            total += value * multipliers[word]
            group = []
        else:
            group.append(word)
    if group:
        value = _parse_below_thousand(group)
        if value is None:
            return None
        total += value
    return total


def parse_number(text: str) -> int | float | None:
    """Parse digits or a spelled number; ``None`` when ``text`` is neither."""
    value = parse_digits(text)
    if value is not None:
        return value
    return parse_spelled(text)


def parse_ratio(text: str) -> tuple[int, int] | None:
    """Parse "05/05" as ``(5, 5)``: a value out of a total; ``None`` unless value ≤ total."""
    match = _RATIO_RE.match(text)
    if not match:
        return None
    value, total = int(match.group(1).replace(".", "")), int(match.group(2).replace(".", ""))
    if total == 0 or value > total:
        return None
    return value, total


def parse_percent(text: str) -> float | int | None:
    """Parse "70%", "1,5 %" or "100 phần trăm" as the number before the sign."""
    match = _PERCENT_RE.match(text)
    if not match:
        return None
    return parse_digits(match.group(1))


def comparator_before(words: str) -> str | None:
    """The comparator that ``words`` (the text just before a number) end with, if any."""
    lowered = " ".join(words.lower().split())
    table: dict[str, str] = vocabulary()["comparators_before"]
    for phrase in sorted(table, key=len, reverse=True):
        if lowered == phrase or lowered.endswith(" " + phrase):
            return table[phrase]
    return None


def comparator_after(words: str) -> str | None:
    """The comparator that ``words`` (the text just after a number) start with, if any."""
    lowered = " ".join(words.lower().split())
    table: dict[str, str] = vocabulary()["comparators_after"]
    for phrase in sorted(table, key=len, reverse=True):
        if lowered == phrase or lowered.startswith(phrase + " "):
            return table[phrase]
    return None


@cache
def spelled_number_pattern() -> str:
    """A regex (no capturing groups) for a run of spelled-number syllables, longest first.

    The syllables are grouped by their first letter ("b(?:ảy|ẩy|ốn|a)|…"), each group keeping the
    longest-first order: the engine reads a first letter once instead of trying every syllable, and
    only syllables sharing that letter can match at one place, so the preference is unchanged."""
    groups: dict[str, list[str]] = {}
    for w in phrases_longest_first(spelled_words()):
        groups.setdefault(w[0], []).append(w)
    word = "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in words) + ")"
        for first, words in groups.items()
    )
    return rf"(?:{word})(?:[ \t]+(?:{word}))*"


@cache
def scale_words() -> dict[str, int]:
    """Scale words that multiply a written number ("nghìn" 1 000, "triệu", "tỷ"), from the lexicon."""
    vocab = vocabulary()
    return {word: vocab["multipliers"][word] for word in vocab["scale_words"]}


def scaled(value: int | float, word: str) -> int | float:
    """``value`` times the scale word ``word``, exact in decimal: ``scaled(2.3, "tỷ")`` → 2300000000."""
    product = Decimal(str(value)) * scale_words()[word.lower()]
    return int(product) if product == product.to_integral_value() else float(product)
