"""The shared pattern layer: one whitespace rule for lexicon phrases, the year, folding, overlaps."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor.find.overlaps import Coverage, drop_contained, drop_overlapping, first_overlap, longest_first
from extractor.find.patterns import (
    YEAR,
    Cues,
    alternation,
    first_letter_test,
    fold,
    phrase_regex,
    phrases_longest_first,
    scan_from,
    starts_of,
    words_re,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("tỷ lệ", "tỷ  lệ", True),  # blanks between words
        ("tỷ lệ", "tỷ\tlệ", True),
        ("tỷ lệ", "tỷ\nlệ", False),  # never a line break
        ("xã, phường", "xã,phường", True),  # blanks after a comma may be left out
        ("xã, phường", "xã phường", False),  # the comma may not
    ],
)
def test_a_phrase_is_its_words_apart_by_blanks(phrase: str, text: str, matches: bool):
    assert bool(re.fullmatch(phrase_regex(phrase), text)) is matches


def test_optional_commas_and_folded_phrases():
    regex = phrase_regex("Uỷ ban nhân dân, Hội đồng", optional_commas=True, folded=True)
    assert re.fullmatch(regex, "Ủy ban nhân dân Hội đồng")
    assert re.fullmatch(regex, "Ủy ban nhân dân, Hội đồng")


def test_alternation_puts_the_longest_phrase_first():
    assert re.match(alternation(["xã", "xã biên giới"]), "xã biên giới").group() == "xã biên giới"
    assert words_re(["cuộc"]).search("các cuộc họp") and not words_re(["cuộc"]).search("cuộcx")


_EVERY_ALTERNATION = r"""
import itertools, json, re, sys
from extractor.find import patterns
built = []
ordered = patterns.phrases_longest_first
def spy(phrases):
    found = ordered(phrases)
    built.append(found)
    return found
patterns.phrases_longest_first = spy  # before any finder imports it
from extractor.pipeline import extract_file
for path in sys.argv[1:]:
    extract_file(path)
def words(phrase):  # what a phrase's regex requires, blanks and commas aside
    return re.sub(r"[\s,]", "", phrase.lower())
clashes = [
    (a, b)
    for found in built
    for a, b in itertools.combinations(found, 2)
    if len(a) == len(b) and words(a) != words(b) and (words(a).startswith(words(b)) or words(b).startswith(words(a)))
]
print(json.dumps([len(built), clashes], ensure_ascii=False))
"""


def test_no_two_phrases_of_one_length_in_an_alternation_match_one_place_with_different_ends(seed_path):
    """Phrases of one length are ordered alphabetically (a fixed order, for ``extractor.regex_cache``):
    that changes no result only while no such pair can match at one place with different ends, which needs
    one phrase's words to extend the other's. Checked on every alternation the pipeline builds."""
    files = [
        str(seed_path(name, "txt")) for name in ("xa-kon-gang-ke-hoach-tt124", "so-khdt-bao-cao-ket-qua-2022")
    ]
    out = subprocess.run(
        [sys.executable, "-c", _EVERY_ALTERNATION, *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lists, clashes = json.loads(out.splitlines()[-1])
    assert lists > 50 and clashes == []
    assert phrases_longest_first(["xã", "phường", "xã biên giới", "xã"]) == ["xã biên giới", "phường", "xã"]


def test_year_is_1900_to_2099():
    assert [bool(re.fullmatch(YEAR, y)) for y in ("1945", "2025", "1899", "2100")] == [
        True,
        True,
        False,
        False,
    ]


def test_folding_keeps_offsets():
    text = "Hoà bình — Uỷ ban\u00a0tỉnh"
    assert fold(text) == "Hòa bình - Ủy ban tỉnh"
    assert len(fold(text)) == len(text)


@dataclass
class _Span:
    start: int
    end: int
    name: str = ""


def test_longest_first_keeps_the_longest_of_overlapping_spans_in_reading_order():
    spans = [_Span(0, 5, "a"), _Span(3, 12, "b"), _Span(12, 14, "c"), _Span(13, 20, "d")]
    assert [s.name for s in longest_first(spans)] == ["b", "d"]


def test_drop_contained_and_drop_overlapping():
    spans = [_Span(0, 10, "outer"), _Span(2, 5, "inner"), _Span(8, 12, "across")]
    assert [s.name for s in drop_contained(spans)] == ["outer", "across"]
    assert [s.name for s in drop_overlapping(spans)] == ["outer"]
    assert [s.name for s in drop_overlapping(spans, keep=lambda s: s.name == "across")] == ["outer", "across"]


def test_first_overlap_finds_a_taken_span():
    taken = [(0, 4), (10, 20), (30, 35)]
    assert first_overlap(taken, 15, 25) == (10, 20)
    assert first_overlap(taken, 20, 30) is None


# Scanning only where a cue word stands must give what scanning every position gives.

_DAY = re.compile(r"(?<![\w/])ngày\s+\d{1,2}/\d{1,2}(?![\w/])", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 15/02 và NGÀY 16/03, hằng ngày 17/04; xngày 18/05",
        "ngày ngày 1/2 ngày",
        "không có ngày nào",
        "",
    ],
)
def test_a_scan_from_cue_positions_finds_what_finditer_finds(text: str):
    starts = Cues(text).starts(re.compile("ngày"))
    assert [m.span() for m in scan_from(_DAY, text, starts)] == [m.span() for m in _DAY.finditer(text)]


def test_cue_positions_include_overlapping_occurrences():
    assert starts_of(re.compile("aa"), "aaaa") == [0, 1, 2]


@pytest.mark.parametrize("odd", ["ı", "ſ", "İ"])
def test_text_whose_lower_case_differs_from_ignorecase_keeps_every_cue_open(odd: str):
    cues = Cues(f"{odd} ngày 1/2")
    assert cues.starts(re.compile("ngày")) is None  # every position is tried
    assert cues.present(re.compile("không có ở đây"))
    assert [m.group() for m in scan_from(_DAY, f"{odd} ngày 1/2", None)] == ["ngày 1/2"]


def test_a_first_letter_test_accepts_what_the_phrases_accept():
    test = first_letter_test(["không", "Đạt"], any_case=True)
    pattern = re.compile(rf"{test}(?:không|đạt)", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("KHÔNG đạt Đạt x")] == ["KHÔNG", "đạt", "Đạt"]
    assert first_letter_test([]) == ""  # no phrase: no test (an empty alternation matches anywhere)
    assert first_letter_test(["", "a"]) == ""


def test_a_first_letter_test_with_digits_accepts_every_decimal_digit():
    pattern = re.compile(rf"{first_letter_test(['ba'], digits=True)}(?:\d+|ba)")
    assert [m.group() for m in pattern.finditer("ba ٣ 12")] == ["ba", "٣", "12"]
    assert first_letter_test(["  tháng"]) == "(?=[t])"  # a phrase starts at its first non-blank


def test_coverage_answers_as_asking_every_span_would():
    import random

    rng = random.Random(7)
    for _ in range(200):
        spans = [
            (start, start + rng.randint(0, 40))
            for start in (rng.randint(0, 500) for _ in range(rng.randint(0, 12)))
        ]
        coverage = Coverage(spans)
        for position in range(-2, 560):
            assert coverage.covers(position) == any(start <= position < end for start, end in spans)
