"""Header/sections/signature of real seeds, and the metadata a careful reader would give them."""

from __future__ import annotations

import pytest

from extractor.clean import normalize_plain
from extractor.ingest import load_document
from extractor.metadata import describe
from extractor.structure import parse_structure


def _parsed(seed_path, name):
    text = normalize_plain(seed_path(name, "txt").read_text(encoding="utf-8"))
    return text, parse_structure(text)


def test_son_la_cong_van_header_blank_fields(seed_path):
    text, structure = _parsed(seed_path, "ubnd-son-la-cong-van-2026")
    assert structure.number.blank and structure.number.value is None
    assert text[structure.number.start : structure.number.end] == "Số: /UBND-NC"
    assert structure.place_date.blank and structure.place_date.value is None
    assert structure.place == "Sơn La"
    assert structure.issuer.text == "UỶ BAN NHÂN DÂN TỈNH SƠN LA"
    assert structure.title.text.startswith("V/v thực hiện một số nội dung")
    assert structure.position == "CHỦ TỊCH" and structure.signer == "Nguyễn Đình Việt"
    assert text[structure.recipients.start :].startswith("Nơi nhận:")
    assert [s.marker for s in structure.sections if s.level == 2] == ["1.", "2.", "3.", "4."]


def test_sections_and_signature_of_kon_gang_plan(seed_path):
    text, structure = _parsed(seed_path, "xa-kon-gang-ke-hoach-tt124")
    assert structure.doc_type_heading.value == "ke_hoach"
    top = [s for s in structure.sections if s.level == 1]
    assert [s.marker for s in top][:2] == ["I.", "II."]
    assert text[top[0].start : top[0].end].startswith("I. MỤC ĐÍCH, YÊU CẦU")
    assert top[0].end <= top[1].start
    assert (structure.authority, structure.position, structure.signer) == ("TM.", "CHỦ TỊCH", "Phạm Văn Hảo")


EXPECTED = {
    "so-khdt-bao-cao-ket-qua-2022": ("bao_cao", "Sở Kế hoạch và Đầu tư", 2022, "2022", "co_quan"),
    "so-tu-phap-son-la-bao-cao-6-thang-2023": ("bao_cao", "Sở Tư pháp", 2023, "2023-H1", "co_quan"),
    "so-tu-phap-lang-son-ke-hoach-2025": ("ke_hoach", "Sở Tư pháp tỉnh Lạng Sơn", 2025, "2025", "co_quan"),
    # the công văn sets tasks "trong năm 2026" in its opening paragraph
    "ubnd-son-la-cong-van-2026": ("cong_van", "Ủy ban nhân dân tỉnh Sơn La", 2026, "2026", None),
    # an open-ended implementation plan: no reporting period ("năm 2022" is a goal in section I)
    "xa-kon-gang-ke-hoach-tt124": ("ke_hoach", "Ủy ban nhân dân xã Kon Gang", 2022, None, "xa"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata(seed_path, name):
    raw = load_document(seed_path(name, "txt"))
    text = normalize_plain(raw.pages[0].text)
    info = describe(raw, text, parse_structure(text))
    doc_type, issuer, year, period, subject = EXPECTED[name]
    assert (info.doc_type, info.issuer, info.year, info.subject_type) == (doc_type, issuer, year, subject)
    assert info.period == period
    assert info.number is None and info.issued_on is None  # no seed has a filled-in number/date
