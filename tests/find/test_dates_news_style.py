"""Issue 10: dates of news text — no year, a dot between day and month, a range whose first end has no year."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from extractor.find.dates import find_dates


def _dates(text: str, year: int | None = 2024) -> list[tuple[str, str, str, bool]]:
    return [
        (e.text, e.value["iso"], e.value["kind"], e.value["inferred_year"])
        for e in find_dates(text, SimpleNamespace(year=year))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 19.8, Công an huyện phối hợp", [("Ngày 19.8", "2024-08-19", "date", True)]),
        ("Chiều 04.9, Ban Chỉ đạo tổ chức", [("04.9", "2024-09-04", "date", True)]),
        ("Sáng ngày 5.9, đoàn kiểm tra", [("ngày 5.9", "2024-09-05", "date", True)]),
        ("Ngày 31/7, Thường trực Huyện ủy", [("Ngày 31/7", "2024-07-31", "date", True)]),
        (
            "diễn ra từ 01/11 đến 08/11/2024 tại",
            [("từ 01/11 đến 08/11/2024", "2024-11-01/2024-11-08", "range", True)],
        ),
        ("Giai đoạn 2015 – 2017, toàn huyện", [("Giai đoạn 2015 – 2017", "2015/2017", "range", False)]),
        ("ngày 19.8.2024 tại xã", [("ngày 19.8.2024", "2024-08-19", "date", False)]),
    ],
)
def test_news_dates(text, expected):
    assert _dates(text) == expected


def test_a_dotted_number_without_a_day_word_is_not_a_date():
    assert _dates("Mục 2.1 và điểm 19.8 của phụ lục") == []


def test_without_a_document_year_the_ends_stay_year_less():
    assert _dates("Trước đó, từ 15/8 đến 25/8, Công an huyện", year=None) == [
        ("từ 15/8 đến 25/8", "--08-15/--08-25", "range", False)
    ]
