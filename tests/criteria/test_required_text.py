"""What text a regular expression needs in order to match: the one analysis the cue lists and the keyword scan
read. A text it calls required must be in every match, or a sentence that matches would be skipped."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from extractor.criteria.required_text import fold, gates, leading_literal, needles

REPO = Path(__file__).resolve().parents[2]


def lacking(pattern: re.Pattern[str], matched: str) -> list[tuple[str, ...]]:
    """The gates of ``pattern`` none of whose texts the matched text holds (folded when the pattern ignores case)."""
    seen = fold(matched) if pattern.flags & re.IGNORECASE else matched
    return [gate for gate in gates(pattern.pattern, pattern.flags) if not any(text in seen for text in gate)]


def test_the_gates_of_a_pattern_come_from_its_syntax():
    assert gates("gây thương tích.{0,40}học sinh|học sinh.{0,60}gây thương tích") == (("gây thương tích",),)
    assert gates("(phòng|tổ|đội|đơn vị) (trực thuộc|thuộc sở)") == (
        ("trực thuộc", "thuộc sở"),  # parsed as "t(?:rực thuộc|huộc sở)": the spellings are whole again
        ("phòng", "tổ", "đội", "đơn vị"),
        (" ",),
    )
    assert gates(r"\bhộ\b.{0,30}(đăng ký|ký cam kết)") == (("đăng ký", "ký cam kết"), ("hộ",))
    assert gates("ab|c.d") == (("ab", "c"),)
    assert gates(r"(?:\d+ (?:hộ|gia đình))+") == (("hộ", "gia đình"), (" ",))  # repeated at least once
    assert gates(r"(?>kế hoạch)\s+số") == (("kế hoạch",), ("số",))


def test_what_a_match_may_skip_is_no_gate():
    assert gates("x(ab|cd)?y") == (("x",), ("y",))  # an optional group
    assert gates("(a|)b") == (("b",),)  # a group that may match nothing
    assert gates("x(?:ab)*y") == (("x",), ("y",))  # repeated from zero
    assert gates("[ab]c[de]") == (("c",),)  # a class
    assert gates("(?<!đăng ký )phấn đấu(?= đạt)") == (("phấn đấu",),)  # look-arounds are outside the match
    assert gates(r"(\w+) và \1") == ((" và ",),)  # a back-reference
    assert gates("ab(?i:cd)") == (("ab",),)  # a group of its own case
    assert gates(r"\d+\s*%?") == ()
    assert gates("abc", re.ASCII | re.IGNORECASE) == ()  # ASCII-only case: not folded as ``fold`` folds


def test_a_pattern_that_ignores_case_has_its_gates_folded():
    assert gates("(?i)ĐẠT Tiêu Chí") == (("đạt tiêu chí",),)
    assert gates("KHÔNG", re.IGNORECASE) == (("không",),)
    assert gates("KHÔNG") == (("KHÔNG",),)
    assert gates("(?:ĐIỂM|Ổ nhóm) x", re.IGNORECASE) == (("điểm", "ổ nhóm"), (" x",))
    assert gates("ſ", re.IGNORECASE) == gates("S", re.IGNORECASE) == ((fold("s"),),)
    assert needles(re.compile("(?<!đăng ký )phấn đấu", re.IGNORECASE)) == ("phấn đấu",)
    assert needles(re.compile("(?:điểm|ổ nhóm) (?:đánh bạc|mại dâm)", re.IGNORECASE)) == (
        "đánh bạc",
        "mại dâm",
    )
    assert needles(re.compile(r"\d+/\d+")) == ("/",)
    assert needles(re.compile(r"\d+\s*%?")) is None  # no text: always searched


def test_the_literal_every_match_begins_with():
    assert leading_literal("kế hoạch (số|về)") == "kế hoạch "
    assert leading_literal(r"\bnổ\b") == "nổ"
    assert leading_literal("lộ,? lọt") == "lộ"
    assert leading_literal("tuyên truyền") == "tuyên truyền"
    assert leading_literal(r"\d+\s*/\s*\d+\s*hộ") is None
    assert leading_literal("(phòng|tổ) trực thuộc") is None
    assert leading_literal("gây thương tích.{0,40}học sinh|học sinh.{0,60}gây thương tích") is None
    assert leading_literal("an[a-z]") == "an"
    assert leading_literal("ab*c") is None  # "a" alone is too short to rely on
    assert leading_literal("ab[(]|cd") is None
    assert leading_literal("(?i)ab") is None


def test_every_match_of_a_small_pattern_holds_its_gates():
    """Every text of up to five characters over a small alphabet, against patterns with alternations,
    optional groups, classes, look-arounds and case-insensitivity: no match lacks a gate."""
    patterns = [
        "ab|ba",
        "a(?:b|)c",
        "a(?:bc)?a",
        "(?:ab|a)+b",
        "[ab]b|B(?=a)b",
        "(?<=a)bb|b(?!a)a",
        "(?:a|b)(?:aB|Ba)",
        "a.?b",
        r"(a)b\1",
        "(?i)AB|ſa",
        "(?i:ab)a",
        "aB(?-i:A)",
        "(?>ab|a)b",
        "ſ+a",
        "İa",
    ]
    alphabet = "abABſİ"
    texts = ["".join(letters) for size in range(6) for letters in itertools.product(alphabet, repeat=size)]
    checked = 0
    for source in patterns:
        for flags in (0, re.IGNORECASE):
            pattern = re.compile(source, flags)
            for text in texts:
                found = pattern.search(text)
                if found is not None:
                    checked += 1
                    assert not lacking(pattern, found.group(0)), (source, flags, text)
    assert checked > 10_000


def lexicon_patterns() -> set[str]:
    """Every string of the lexicons and the TT124 catalogue (cues, keywords, and labels, which are patterns
    too: plain ones)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(
        [*(REPO / "corpora" / "tt124").glob("*.json"), *(REPO / "corpora" / "lexicons").glob("*.json")]
    ):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_every_match_of_a_lexicon_pattern_in_the_gold_texts_holds_its_gates():
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpora/gold*/raw/*.txt"))]
    assert len(texts) >= 20
    joined = "\n\n".join(texts)
    variants = {0: (joined, joined.lower()), re.IGNORECASE: (joined, joined.upper())}
    checked = gated = 0
    for source in sorted(lexicon_patterns()):
        for flags, haystacks in variants.items():
            pattern = re.compile(source, flags)
            if not gates(pattern.pattern, pattern.flags):
                continue
            gated += 1
            for haystack in haystacks:
                for found in pattern.finditer(haystack):
                    checked += 1
                    assert not lacking(pattern, found.group(0)), (source, flags, found.group(0))
    assert gated > 2000 and checked > 50_000
