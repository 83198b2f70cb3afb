"""The count finder's answers known before underthesea is asked are underthesea's answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from underthesea import word_tokenize
from underthesea.pipeline.text_normalize.text_normalizer import token_map

from extractor.find.counts import noun_phrases
from extractor.find.counts.first_words import first_character, first_token
from extractor.find.counts.lexicon import lexicon

REPO = Path(__file__).resolve().parents[2]
GOLD_TEXTS = sorted((REPO / "corpora").glob("gold*/**/*.txt"))
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


@pytest.mark.parametrize(
    ("window", "token"),
    [
        ("xã biên giới", "xã"),
        ("ngày", "ngày"),
        ("phút, ngày", "phút"),
        ("H'Mông", None),  # one token with the apostrophe
        ("e-mail", None),
        ("Tp. Hà Nội", None),
        ("x²", None),
        ("hoà", None),  # the tokenizer writes "hòa"
        ("", None),
    ],
)
def test_first_token_is_underthesea_s_first_token(window, token):
    assert first_token(window) == token
    if token is not None:
        assert word_tokenize(window)[0].split()[0] == token


def test_first_character_skips_what_the_tokenizer_skips():
    assert first_character("Xã") == "X"
    assert first_character("\u00a0xã") is None
    assert first_character("") is None


def test_the_token_table_keeps_case_letters_and_blanks():
    for written, kept in token_map.items():
        assert (written[0].islower(), written[0].isupper(), written[0].isalpha()) == (
            kept[0].islower(),
            kept[0].isupper(),
            kept[0].isalpha(),
        )
        assert not any(char.isspace() for char in kept)


def _positions() -> list[tuple[str, int]]:
    """Where the count finder reads a unit: after each number of the gold texts."""
    found = []
    for path in GOLD_TEXTS:
        text = path.read_text(encoding="utf-8")
        found += [(text, number.end()) for number in _NUMBER.finditer(text)]
    return found


def _answers(positions: list[tuple[str, int]]) -> list[object]:
    zero_stops = lexicon().zero_stop_words
    answers: list[object] = []
    for text, end in positions:
        start = len(text) - len(text[end:].lstrip(" \t"))
        unit = noun_phrases.match_unit(text, end)
        answers.append(noun_phrases.noun_phrase_end(text, end))
        answers.append(noun_phrases.noun_phrase_end(text, start, extra_stops=zero_stops, any_head=True))
        answers.append(noun_phrases.extend_unit(text, end))
        if unit:
            for coordination_only in (False, True):
                answers.append(
                    noun_phrases.noun_phrase_end(
                        text, unit.start("unit"), head_end=unit.end(), coordination_only=coordination_only
                    )
                )
            answers.append(noun_phrases.extend_unit(text, unit.end()))
    return answers


def test_the_answers_known_before_tagging_are_the_tagged_answers(monkeypatch):
    positions = _positions()
    assert len(positions) > 1000
    known = _answers(positions)
    monkeypatch.setattr(noun_phrases, "_may_open_a_head", lambda *_: True)
    monkeypatch.setattr(noun_phrases, "_nothing_to_add", lambda *_: False)
    monkeypatch.setattr(noun_phrases, "first_character", lambda _: None)
    monkeypatch.setattr(noun_phrases, "first_token", lambda _: None)
    assert _answers(positions) == known


def test_a_zero_claim_without_an_event_in_reach_is_the_tagged_answer(monkeypatch):
    from extractor.find.counts import zeros

    triggers = [
        (text, match)
        for path in sorted((REPO / "corpora").glob("**/*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for match in lexicon().zero_generic_re.finditer(text)
    ]
    assert any(not zeros._event_cue_within_reach(text, match.end()) for text, match in triggers)
    known = [zeros._generic_zero_end(text, match) for text, match in triggers]
    monkeypatch.setattr(zeros, "_event_cue_within_reach", lambda *_: True)
    assert [zeros._generic_zero_end(text, match) for text, match in triggers] == known
