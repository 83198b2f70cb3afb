"""Dates and periods: every calendar expression with its ISO value; template blanks and ratios are not dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractor.clean import normalize_plain
from extractor.find.dates import document_year, find_dates, parse_date_phrase
from extractor.nlp import FindContext

from .genre_sentences import CASES, YEAR, Date, Ref, case_id

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def found(text: str, year: int | None = 2022) -> list[tuple[str, str, str, bool]]:
    return [
        (e.text, e.value["iso"], e.value["kind"], e.value["inferred_year"])
        for e in find_dates(text, FindContext(year=year))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 11/3/2022 của Ban Chỉ đạo", ("ngày 11/3/2022", "2022-03-11", "date", False)),
        ("Ngày 04/4/2022, Sở", ("Ngày 04/4/2022", "2022-04-04", "date", False)),
        ("ngày 28 tháng 12 năm 2021 của Bộ", ("ngày 28 tháng 12 năm 2021", "2021-12-28", "date", False)),
        ("hạn chót 15.11.2024.", ("15.11.2024", "2024-11-15", "date", False)),
        ("hạn chót 28-12-2021", ("28-12-2021", "2021-12-28", "date", False)),
        ("dự kiến kiểm tra trong tháng 9 năm 2023.", ("tháng 9 năm 2023", "2023-09", "period", False)),
        ("từ tháng 12/2021", ("tháng 12/2021", "2021-12", "period", False)),
        ("phấn đấu năm 2022 đạt", ("năm 2022", "2022", "period", False)),
        ("Năm 2026: đầu năm 100% xã", ("Năm 2026", "2026", "period", False)),
        ("hoàn thành trong quý III năm 2025.", ("quý III năm 2025", "2025-Q3", "period", False)),
        ("báo cáo quý II/2024", ("quý II/2024", "2024-Q2", "period", False)),
        ("báo cáo quý 4 năm 2023", ("quý 4 năm 2023", "2023-Q4", "period", False)),
        ("báo cáo kết quả quý I.", ("quý I", "2022-Q1", "period", True)),
        ("kết quả 6 tháng đầu năm 2023 như sau", ("6 tháng đầu năm 2023", "2023-H1", "period", False)),
        ("NHIỆM VỤ CÔNG TÁC 6 THÁNG CUỐI NĂM 2023", ("6 THÁNG CUỐI NĂM 2023", "2023-H2", "period", False)),
        ("nhiệm vụ 6 tháng cuối năm.", ("6 tháng cuối năm", "2022-H2", "period", True)),
        ("sáu tháng đầu năm 2024", ("sáu tháng đầu năm 2024", "2024-H1", "period", False)),
        ("trong 9 tháng đầu năm 2024", ("9 tháng đầu năm 2024", "2024-01/2024-09", "range", False)),
        (
            "từ 01/01/2023 đến 30/6/2023",
            ("từ 01/01/2023 đến 30/6/2023", "2023-01-01/2023-06-30", "range", False),
        ),
        (
            "từ ngày 01/10 đến ngày 15/10/2024",
            (
                "từ ngày 01/10 đến ngày 15/10/2024",
                "2024-10-01/2024-10-15",
                "range",
                True,
            ),  # the start's year comes from the end
        ),
        ("Kết thúc giai đoạn 2025 - 2030: phấn đấu", ("giai đoạn 2025 - 2030", "2025/2030", "range", False)),
        ("giai đoạn 2021-2025", ("giai đoạn 2021-2025", "2021/2025", "range", False)),
        ("từ năm 2021 đến năm 2025", ("từ năm 2021 đến năm 2025", "2021/2025", "range", False)),
        (
            "từ ngày 16 tháng 11 năm trước đến ngày 15 tháng 11 năm sau. Kết quả",
            (
                "từ ngày 16 tháng 11 năm trước đến ngày 15 tháng 11 năm sau",
                "--11-16/--11-15",
                "range",
                False,
            ),
        ),
        ("trong năm học 2024 - 2025,", ("năm học 2024 - 2025", "2024/2025", "range", False)),
        ("báo cáo trước ngày 20 hằng tháng", ("trước ngày 20 hằng tháng", "--20", "recurring", False)),
        ("gửi về trước ngày 15/02 hàng năm.", ("trước ngày 15/02 hàng năm", "--02-15", "recurring", False)),
        (
            "công nhận trước ngày 20 tháng 11 hằng năm.",
            ("trước ngày 20 tháng 11 hằng năm", "--11-20", "recurring", False),
        ),
        ("- Đối với khu dân cư: quý I hàng năm, chi bộ", ("quý I hàng năm", "--Q1", "recurring", False)),
        ("tổng kết vào tháng 12 hằng năm", ("vào tháng 12 hằng năm", "--12", "recurring", False)),
    ],
)
def test_single_expressions(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


def test_holidays_get_the_document_year_flagged_inferred() -> None:
    text = "bảo vệ an toàn các ngày Lễ lớn của đất nước 30/4, 01/5, 02/9 hoàn thành tốt nhiệm vụ"
    assert found(text, 2022) == [
        ("30/4", "2022-04-30", "date", True),
        ("01/5", "2022-05-01", "date", True),
        ("02/9", "2022-09-02", "date", True),
    ]


def test_day_month_after_ngay_takes_the_document_year() -> None:
    assert found("tổ chức vào ngày 19/8 tại hội trường", 2024) == [("ngày 19/8", "2024-08-19", "date", True)]


def test_document_year_guessed_when_context_lacks_it() -> None:
    text = "Báo cáo năm 2022. Năm 2022 đơn vị đảm bảo an toàn dịp 30/4, 01/5."
    assert document_year(text) == 2022
    assert [e.value["iso"] for e in find_dates(text)][-2:] == ["2022-04-30", "2022-05-01"]


@pytest.mark.parametrize(
    "text",
    [
        "Sơn La, ngày tháng năm 2026",
        "Hà Nội, ngày     tháng     năm 2024",
        "Sơn La, ngày …/…/2024",
        "Sơn La, ngày ... tháng ... năm 2025",
        "hoạt động hiệu quả liên tục 24/24 hỗ trợ",
        "trực 24/7 tại cơ quan",
        "Dự kiến 07/07 phòng, đơn vị thuộc Sở",
        "đạt 05/05 tiêu chí",
        "ngày 31/02/2023",
        "ngày 12/13/2023",
        "Thông tư 124/2021/TT-BCA và Thông tư 23/2012",
        "Nghị định số 105/2025/NĐ-CP",
        "Điện thoại: 0212.3852.123",
        "tổ chức sơ kết, tổng kết định kỳ hàng năm",
        "Ngay từ đầu năm, Đảng bộ",
        "tiếp nhận 05 đơn (01 đơn tố cáo, 04 đơn phản ánh)",
        "Lưu:VT,VP.T(02).",
        "1.1. Đăng ký 1.2. Đề nghị xét duyệt",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


def test_dates_inside_legal_references_are_dates() -> None:
    text = "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an"
    assert found(text) == [("ngày 28/12/2021", "2021-12-28", "date", False)]


def test_parse_date_phrase() -> None:
    assert parse_date_phrase("ngày 28 tháng 12 năm 2021") == date(2021, 12, 28)
    assert parse_date_phrase("1/5/2022") == date(2022, 5, 1)
    assert parse_date_phrase("29/02/2024") == date(2024, 2, 29)
    assert parse_date_phrase("29/02/2023") is None
    assert parse_date_phrase("24/24") is None
    assert parse_date_phrase("tháng 12/2021") is None


def test_seed_kon_gang_recurring_deadlines() -> None:
    text = normalize_plain((SEEDS / "xa-kon-gang-ke-hoach-tt124.txt").read_text(encoding="utf-8"))
    values = [(e.value["iso"], e.value["kind"]) for e in find_dates(text, FindContext(year=2022))]
    assert values.count(("--Q1", "recurring")) == 5
    for iso in (
        "--11-15",
        "--11-20",
        "--02-13",
        "--02-15",
        "--10-29",
        "--10-31",
        "--11-13",
    ):
        assert (iso, "recurring") in values, iso
    assert ("--11-16/--11-15", "range") in values and ("--11-01/--10-31", "range") in values
    assert ("2022-03-23", "date") in values and ("2018-01-22", "date") in values


def test_seed_cong_van_blank_date_skipped_and_years_found() -> None:
    text = normalize_plain((SEEDS / "ubnd-son-la-cong-van-2026.txt").read_text(encoding="utf-8"))
    evidence = find_dates(text, FindContext(year=2026))
    assert evidence[0].text == "ngày 28 tháng 12 năm 2021"  # the blank "ngày tháng năm 2026" above is skipped
    isos = [e.value["iso"] for e in evidence]
    assert {"2027", "2028", "2029", "2030", "2025/2030", "2026-01-10", "2025-05-19"} <= set(isos)
    for e in evidence:
        assert text[e.start : e.end] == e.text


def test_seed_son_la_halves() -> None:
    text = normalize_plain((SEEDS / "so-tu-phap-son-la-bao-cao-6-thang-2023.txt").read_text(encoding="utf-8"))
    values = [e.value["iso"] for e in find_dates(text, FindContext(year=2023))]
    assert values.count("2023-H1") == 9 and values.count("2023-H2") == 1 and "2023-09" in values


def test_component_adds_dates_to_doc() -> None:
    import spacy

    import extractor.find.dates  # noqa: F401  registers the component

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("minhchung_dates")
    doc = nlp.make_doc("Kết quả 6 tháng đầu năm 2023, ngày 27/02/2023.")
    doc._.context = FindContext(year=2023)
    doc._.evidence = []
    doc = nlp.get_pipe("minhchung_dates")(doc)
    assert [e.value["iso"] for e in doc._.evidence] == ["2023-H1", "2023-02-27"]
    assert all(e.extractor == "dates" for e in doc._.evidence)


# ---------------------------------------------------------------- the genre's other habits
# Every sentence of ``genre_sentences.CASES`` with its complete list of dates (document year 2024).


def genre_dates(text: str) -> list[Date]:
    found = find_dates(text, FindContext(year=YEAR))
    for item in found:
        assert text[item.start : item.end] == item.text
    return [(e.text, e.value["iso"], e.value["kind"], e.value["inferred_year"]) for e in found]


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_dates_in_genre_variants(case: tuple[str, list[Ref], list[Date]]) -> None:
    text, _refs, expected_dates = case
    assert genre_dates(text) == expected_dates
