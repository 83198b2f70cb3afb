"""Issue 10: acts cited by name, and a number standing apart from its type word."""

from __future__ import annotations

import pytest

from extractor.find.legal_refs import find_legal_refs


def _refs(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.value["doc_type"], e.value["key"]) for e in find_legal_refs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 – 2025,",
            [
                (
                    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
                    "Nghị quyết",
                    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
                )
            ],
        ),
        (
            "theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            [
                (
                    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII",
                    "Nghị quyết",
                    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII",
                )
            ],
        ),
        (
            "triển khai Đề án “Xây dựng làng an toàn, khu dân cư an toàn về an ninh, trật tự” của Tỉnh ủy",
            [
                (
                    "Đề án “Xây dựng làng an toàn, khu dân cư an toàn về an ninh, trật tự”",
                    "Đề án",
                    "Đề án Xây dựng làng an toàn, khu dân cư an toàn về an ninh, trật tự",
                )
            ],
        ),
        (
            "Quyết định về việc kiện toàn Ban Chỉ đạo xã số 45/QĐ-UBND ngày 10/01/2025 của UBND xã",
            [("Quyết định về việc kiện toàn Ban Chỉ đạo xã số 45/QĐ-UBND", "Quyết định", "45/QĐ-UBND")],
        ),
        (
            "ký Quyết định khen thưởng số 1876/QĐ-UBND ngày 29/8/2025",
            [("Quyết định khen thưởng số 1876/QĐ-UBND", "Quyết định", "1876/QĐ-UBND")],
        ),
        ("triển khai Đề án số 06/ĐA-TTg của Thủ tướng", [("Đề án số 06/ĐA-TTg", "Đề án", "06/ĐA-TTg")]),
    ],
)
def test_acts_cited_by_name_or_with_a_detached_number(text, expected):
    assert _refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sở Kế hoạch và Đầu tư đã ban hành kế hoạch số 2665/KH-SKHĐT",  # the type word inside a name
        "Kế hoạch thực hiện Quyết định số 45/QĐ-UBND",  # the code names another type
    ],
)
def test_a_detached_number_needs_its_own_type(text):
    refs = _refs(text)
    assert len(refs) == 1 and refs[0][0].lower().startswith(("kế hoạch số", "quyết định số"))


def test_the_issuer_after_a_named_act_goes_into_its_value():
    (ref,) = find_legal_refs("Đề án “Xây dựng bản an toàn” của Tỉnh ủy, huyện đã")
    assert ref.value["issuer"] == "Tỉnh ủy" and ref.value["name"] == "Đề án Xây dựng bản an toàn"
