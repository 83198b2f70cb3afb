"""Vietnamese number parsing: digits with dot grouping, spelled numbers, ratios, percentages."""

import pytest

from extractor import numbers_vi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.460", 3460),
        ("200.680", 200680),
        ("1.524", 1524),
        ("1,5", 1.5),
        ("04", 4),
        ("01", 1),
        ("1.250,5", 1250.5),
        ("12", 12),
    ],
)
def test_digits_in_vietnamese_style(text: str, expected: float) -> None:
    assert numbers_vi.parse_digits(text) == expected


@pytest.mark.parametrize("text", ["2.1", "1.5", "6.1.", "abc", ""])
def test_section_numbers_are_not_numbers(text: str) -> None:
    assert numbers_vi.parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("một", 1),
        ("hai", 2),
        ("mười", 10),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("hai mươi lăm", 25),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("ba trăm", 300),
        ("một trăm linh năm", 105),
        ("ba trăm năm mươi sáu", 356),
        ("một nghìn", 1000),
        ("một ngàn hai trăm", 1200),
        ("hai mươi lăm nghìn", 25000),
    ],
)
def test_spelled_numbers(text: str, expected: int) -> None:
    assert numbers_vi.parse_number(text) == expected


@pytest.mark.parametrize("text", ["lăm", "mốt", "mươi", "năm năm", "số"])
def test_context_bound_words_alone_are_not_numbers(text: str) -> None:
    assert numbers_vi.parse_spelled(text) is None


def test_ratios_value_and_total() -> None:
    assert numbers_vi.parse_ratio("05/05") == (5, 5)
    assert numbers_vi.parse_ratio("07/07") == (7, 7)
    assert numbers_vi.parse_ratio("09/11") == (9, 11)
    assert numbers_vi.parse_ratio("30/4") is None  # a date, not a part of a whole


def test_percentages_and_comparators() -> None:
    assert numbers_vi.parse_percent("70%") == 70
    assert numbers_vi.parse_percent("98,5 %") == 98.5
    assert numbers_vi.comparator_before("phấn đấu trên") == ">"
    assert numbers_vi.comparator_before("ít nhất") == ">="
    assert numbers_vi.comparator_before("không quá") == "<="
    assert numbers_vi.comparator_before("dưới") == "<"
    assert numbers_vi.comparator_after("trở lên số đầu mối") == ">="
