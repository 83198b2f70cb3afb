"""The normalizer: paragraphs joined, split document numbers repaired, offsets mapped back to pages."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from fixtures.files import SEED_NAMES, seed_text

from extractor.clean import normalize, normalize_plain
from extractor.models import Page, RawDocument

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_normalizes_to_reviewed_golden_text(name: str) -> None:
    # The golden files were read by hand: one paragraph per line, list items and headings apart.
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert normalize_plain(seed_text(name).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("so-tu-phap-son-la-bao-cao-6-thang-2023", "Kế hoạch số 39/KH-STP"),
        ("so-khdt-bao-cao-ket-qua-2022", "Quyết định số 510/QĐ-BCA-V05"),
        ("so-khdt-bao-cao-ket-qua-2022", "Quyết định số 297/QĐ-SKHĐT"),
        ("so-tu-phap-lang-son-ke-hoach-2025", "Chỉ thị số 09-CT/TW"),
        ("so-tu-phap-lang-son-ke-hoach-2025", "Hướng dẫn số 36/HD-BCĐ"),
    ],
)
def test_document_numbers_split_over_lines_come_out_whole(name: str, number: str) -> None:
    raw = seed_text(name).read_text(encoding="utf-8")
    # at least one mention is split over a line in the source, and comes out whole
    assert normalize_plain(raw).count(number) > raw.count(number)


def test_wrapped_lines_join_but_list_items_and_headings_stay_apart() -> None:
    raw = (
        "I. KẾT QUẢ THỰC HIỆN\n\n"
        "Sở Tư pháp đã tổ chức được 3.460 cuộc tuyên truyền cho cán bộ, công chức, viên \n\n"
        "chức và người lao động trong toàn cơ quan, thu hút 200.680 lượt người nghe trên \n\n"
        "địa bàn tỉnh.\n\n"
        "- Không có vụ cháy nổ nào xảy ra;\n"
        "- 1.250 lượt công dân được hướng dẫn.\n"
    )
    assert normalize_plain(raw).split("\n") == [
        "I. KẾT QUẢ THỰC HIỆN",
        "Sở Tư pháp đã tổ chức được 3.460 cuộc tuyên truyền cho cán bộ, công chức, viên chức và người lao "
        "động trong toàn cơ quan, thu hút 200.680 lượt người nghe trên địa bàn tỉnh.",
        "- Không có vụ cháy nổ nào xảy ra;",
        "- 1.250 lượt công dân được hướng dẫn.",
    ]


def test_a_wrapped_line_starting_with_a_grouped_number_is_not_a_list_item() -> None:
    raw = (
        "Trong năm, các đơn vị đã tổ chức tuyên truyền pháp luật được tổng cộng là\n1.250 lượt người tham dự."
    )
    assert normalize_plain(raw).count("\n") == 0


def test_page_numbers_are_dropped() -> None:
    pages = [Page(1, "Mở đầu báo cáo.\n\n- 1 -\n"), Page(2, "2\nNội dung trang hai.\nTrang 2/3\n")]
    text = normalize(RawDocument("x", "", "pdf", pages)).text
    assert not re.search(r"^\W*\d+\W*$|Trang 2", text, re.MULTILINE)
    assert text == "Mở đầu báo cáo.\nNội dung trang hai."


def test_offsets_map_back_to_page_and_position() -> None:
    pages = [
        Page(1, "Kế hoạch số 39/KH-\n\nSTP ngày 27/02/2023 của Sở Tư pháp.\n"),
        Page(2, "1\nKết quả: đã tổ chức 3.460 cuộc tuyên truyền."),
    ]
    normalized = normalize(RawDocument("x", "", "pdf", pages))
    start = normalized.text.index("3.460")
    assert normalized.page_at(start) == 2
    page, offset = normalized.source_offset(start)
    assert pages[page - 1].text[offset : offset + 5] == "3.460"
    stp = normalized.text.index("STP")
    page, offset = normalized.source_offset(stp)
    assert (page, pages[0].text[offset : offset + 3]) == (1, "STP")


def test_text_is_nfc_even_from_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thông tư số 124/2021/TT-BCA của Bộ Công an quy định")
    normalized = normalize(RawDocument("x", "", "txt", [Page(1, decomposed)]))
    assert normalized.text == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", normalized.text)
    assert len(normalized.origin) == len(normalized.text)
    position = normalized.text.index("Bộ")
    assert decomposed[normalized.source_offset(position)[1]] == "B"


def test_symbols_with_lowercase_letters_are_rejoined() -> None:
    raw = "Thực hiện Chỉ thị số 31/CT-\n\nTTg ngày 10/12/2021 của Thủ tướng Chính phủ về công tác bảo đảm an ninh"
    assert "Chỉ thị số 31/CT-TTg ngày" in normalize_plain(raw)


def test_a_wrapped_line_starting_with_a_number_and_no_dot_is_not_a_list_item() -> None:
    raw = (
        "Mốc thời gian đánh giá từ ngày 16 tháng 11 năm trước đến ngày 31 tháng\n"
        "10 năm sau đối với khu dân cư trên địa bàn xã."
    )
    assert "ngày 31 tháng 10 năm sau" in normalize_plain(raw)


def test_a_number_whose_hyphen_the_pdf_dropped_at_a_line_break_comes_out_whole() -> None:
    """pdfium reads a hyphen at the end of a line as a soft hyphen and drops it: "510/QĐ⏎BCA-V05"."""
    text = normalize_plain(
        "Căn cứ Quyết định số 510/QĐ\nBCA-V05 ngày 28/4/2022 của Bộ Công an ban hành bộ tiêu chí"
    )
    assert "510/QĐ-BCA-V05 ngày" in text
    # an ordinary word after a number at the end of a line stays a word
    assert "12/QĐ-Ban" not in normalize_plain("Quyết định số 12/QĐ\nBan chỉ đạo đã họp")
