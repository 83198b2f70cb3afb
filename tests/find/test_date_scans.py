"""The dates finder's narrowed scans find exactly what a scan at every position finds."""

from __future__ import annotations

import pytest

from extractor.find.dates.find import _Scans
from extractor.find.dates.regexes import patterns

TEXTS = [
    "gửi về trước ngày 15/02 hàng năm, báo cáo trước ngày 20 hằng tháng.",
    "Trước  Ngày 15 / 02\tHÀNG NĂM; vào tháng 12 hằng năm; 15 tháng 11 thường niên",
    "ngày 15/02/2023 hàng năm 7 hàng năm hàng năm 3/4 mỗi năm",
    "6 tháng đầu năm 2023, sáu tháng cuối năm, CHÍN THÁNG ĐẦU NĂM 2024, 06\n\ntháng đầu năm",
    "trong tháng 3, vào  tháng 5, Cuối tháng 12/2023, hết\ttháng 9 năm 2024, giữa tháng 7",
    "giai đoạn 2025 - 2030, Nhiệm kỳ 2020–2025, năm học 2023 – 2024, thời kỳ từ năm 2021 đến năm 2025",
    "tháng 3 hằng năm 12 hàng tháng ngày 5 hàng tháng 2022 ı hàng năm",
]


@pytest.mark.parametrize("text", TEXTS + [t.upper() for t in TEXTS] + [t.title() for t in TEXTS])
def test_narrowed_scans_find_what_finditer_finds(text: str):
    p = patterns()
    scans = _Scans(text)

    def spans(matches):  # type: ignore[no-untyped-def]
        return [m.span() for m in matches]

    for name, numbers in (("recurring_day", 2), ("recurring_month", 1)):
        assert spans(scans.numbers_before_cue("recurring", p[name], numbers)) == spans(p[name].finditer(text))
    assert spans(scans.numbers_before_cue("monthly", p["monthly"], 1)) == spans(p["monthly"].finditer(text))
    assert spans(scans.word_before_cue("half", p["half"], range(1, 5))) == spans(p["half"].finditer(text))
    assert spans(scans.word_before_cue("month", p["bare_month"], range(3, 6))) == spans(
        p["bare_month"].finditer(text)
    )
    assert spans(scans.cue_led("period_range", p["period_range"])) == spans(p["period_range"].finditer(text))
