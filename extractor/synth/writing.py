"""Writing habits of the genre: how numbers and dates appear in real báo cáo and kế hoạch.

Each function takes a ``random.Random`` so a corpus is reproducible from its seed.
"""

from __future__ import annotations

import random
from datetime import date
from functools import cache

from corpora import load_json

ROMAN = ("I", "II", "III", "IV")


@cache
def _digit_words() -> dict[int, str]:
    digits = load_json("lexicons", "numbers_vi.json")["digits"]
    words: dict[int, str] = {}
    for word, value in digits.items():
        words.setdefault(value, word)
    return words


def spell(value: int) -> str:
    """Vietnamese words for 0–999 ("mười hai", "ba mươi mốt", "một trăm linh năm")."""
    words = _digit_words()
    if value < 10:
        return words[value]
    if value < 20:
        unit = value % 10
        tail = "" if unit == 0 else " " + ("lăm" if unit == 5 else words[unit])
        return "mười" + tail
    if value < 100:
        tens, unit = divmod(value, 10)
        tail = ""
        if unit == 1:
            tail = " mốt"
        elif unit == 5:
            tail = " lăm"
        elif unit:
            tail = " " + words[unit]
        return f"{words[tens]} mươi{tail}"
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        head = f"{words[hundreds]} trăm"
        if rest == 0:
            return head
        if rest < 10:
            return f"{head} linh {words[rest]}"
        return f"{head} {spell(rest)}"
    return dotted(value)


def dotted(value: int) -> str:
    """Thousands with dots, as the genre writes them: 3460 → "3.460"."""
    return f"{value:,}".replace(",", ".")


def number(value: int, rng: random.Random) -> tuple[str, str]:
    """One way a writer might put ``value`` down, and the name of that habit."""
    if value >= 1000:
        return dotted(value), "dotted"
    roll = rng.random()
    if value < 10 and roll < 0.45:
        return f"{value:02d}", "leading_zero"
    if roll < 0.65 and value <= 99:
        return f"{spell(value)} ({value:02d})" if rng.random() < 0.5 else spell(value), "spelled"
    return str(value), "plain"


def short_date(day: date, rng: random.Random) -> str:
    """d/m/yyyy or dd/mm/yyyy."""
    if rng.random() < 0.5:
        return f"{day.day}/{day.month}/{day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(day: date, rng: random.Random) -> str:
    """ "ngày 05 tháng 3 năm 2023" with or without leading zeros."""
    if rng.random() < 0.5:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def any_date(day: date, rng: random.Random) -> str:
    return long_date(day, rng) if rng.random() < 0.5 else "ngày " + short_date(day, rng)


def quarter(q: int, year: int, rng: random.Random) -> str:
    """ "quý I năm 2023" or "quý 1/2023"."""
    if rng.random() < 0.6:
        return f"quý {ROMAN[q - 1]} năm {year}"
    return f"quý {q}/{year}"


def band(score: int) -> str:
    """QĐ 510 band for a score (thresholds from corpora/synth/templates.json)."""
    for item in load_json("synth", "templates.json")["bands"]:
        if score >= item["min"]:
            return item["name"]
    return "Yếu"
