"""A dossier is one unit and one year: documents of another unit, year or kind warn and stay out of the proposal."""

from __future__ import annotations

import pytest

from extractor.criteria import dossier, sources
from extractor.criteria.scorecard import build, build_from_quotes
from extractor.models import DocumentInfo

SO_KHDT = "so-khdt-bao-cao-ket-qua-2022"
LANG_SON = "so-tu-phap-lang-son-ke-hoach-2025"


def info(issuer: str | None, year: int | None, subject: str | None = "co_quan") -> DocumentInfo:
    return DocumentInfo(
        source=f"{issuer}-{year}", sha256="", pages=1, issuer=issuer, year=year, subject_type=subject
    )


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("Sở Kế hoạch và Đầu tư tỉnh Sơn La", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", True),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", True),
        ("Ủy ban nhân dân xã Kon Gang", "UBND xã Kon Gang", True),
        ("Sở Kế hoạch và Đầu tư tỉnh Sơn La", "Sở Tư pháp tỉnh Lạng Sơn", False),
    ],
)
def test_unit_names_are_compared_loosely(first: str, second: str, same: bool):
    assert dossier.same_unit(first, second) is same


def test_a_document_of_another_year_or_kind_is_a_mismatch_and_silence_is_not():
    assert [
        item.field for item in dossier.mismatches(info("Sở Tư pháp", 2025), "Sở Tư pháp", 2022, "co_quan")
    ] == ["year"]
    assert [
        item.field
        for item in dossier.mismatches(info("Sở Tư pháp", 2022, "khu_dan_cu"), "Sở Tư pháp", 2022, "co_quan")
    ] == ["subject_type"]
    assert dossier.mismatches(info(None, None, None), "Sở Tư pháp", 2022, "co_quan") == []


def test_another_units_plan_warns_and_stays_out_of_the_proposal_until_accepted(seed_path):
    own, other = sources.load(seed_path(SO_KHDT, "txt")), sources.load(seed_path(LANG_SON, "txt"))
    card = build([own, other])
    assert (card["year"], card["subject_type"]) == (
        2022,
        "co_quan",
    )  # the first document's, not the last one's
    assert card["excluded_documents"] == [other.document.source]
    assert {item["field"] for item in card["warnings"]} == {"issuer", "year"}
    quoted = {quote["document"] for row in card["criteria"] for quote in row["evidence"]}
    assert other.document.source not in quoted
    accepted = build([own, other], accepted=frozenset({other.document.source}))
    assert accepted["excluded_documents"] == []
    assert other.document.source in {
        quote["document"] for row in accepted["criteria"] for quote in row["evidence"]
    }


def test_a_kindergarten_is_outside_tt124_and_the_proposal_says_so():
    school = DocumentInfo(
        source="mn.txt",
        sha256="",
        pages=1,
        issuer="Trường Mầm non Hoa Sen",
        year=2024,
        subject_type="co_so_giao_duc",
        title="Báo cáo kết quả công tác bảo đảm an ninh, trật tự",
    )
    card = build_from_quotes([(school, {})])
    assert "mầm non" in card["overall"]["outside_scope"] and card["overall"]["label_vi"].startswith("Lưu ý")
    assert (
        build_from_quotes([(info("Trường THPT Lê Lợi", 2024, "co_so_giao_duc"), {})])["overall"][
            "outside_scope"
        ]
        is None
    )
