"""The count finder reads its numbers in the lower-cased text: the same numbers as in the text itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import numbers_vi
from extractor.find.counts import find
from extractor.find.patterns import Cues

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "corpora").glob("**/*.txt"))


class _NotLowered:
    """Cues of a text lower-casing cannot stand for: the numbers are read in the text itself."""

    lowered = None


def test_every_spelled_syllable_is_written_in_lower_case():
    assert all(word == word.lower() for word in numbers_vi.spelled_words())


@pytest.mark.parametrize("case", [str, str.upper, str.title])
def test_the_numbers_of_the_lower_cased_text_are_the_text_s_numbers(case):
    texts = [case(path.read_text(encoding="utf-8")) for path in TEXTS]
    for text in texts:
        assert list(find._number_candidates(text, Cues(text))) == list(
            find._number_candidates(text, _NotLowered())
        )


def test_a_text_lower_casing_cannot_stand_for_is_read_as_it_is():
    text = "MỘT HAI BA İ 12 người, Năm 2024 có BỐN MƯƠI vụ"
    assert Cues(text).lowered is None
    assert [number.value for number in find._number_candidates(text, Cues(text))] == [12, 40]
