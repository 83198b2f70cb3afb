"""Criterion claims on the seeds and on the genre's other habits."""

from pathlib import Path

import pytest

from extractor.clean import normalize_plain
from extractor.find_claims import find_claims
from extractor.nlp import FindContext

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def _seed(name: str) -> str:
    return normalize_plain((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def _claims(text: str, doc_type: str | None = None) -> list[tuple[str, list, str]]:
    return [(e.text, e.value["criteria"], e.value["status"]) for e in find_claims(text, FindContext(doc_type=doc_type))]


def test_report_of_so_khdt_claims_all_five_criteria() -> None:
    items = find_claims(_seed("so-khdt-bao-cao-ket-qua-2022"), FindContext(doc_type="bao_cao"))
    headings = [e.value["criteria"] for e in items if e.value["status"] == "reported"]
    assert headings == [[1], [2], [3], [4], [5]]
    ratio = next(e for e in items if e.text == "đạt 05/05 tiêu chí")
    assert ratio.value == {"criteria": ["all"], "status": "met", "year": 2022, "count_met": 5, "count_total": 5}
    zero = next(e for e in items if e.text.startswith("không có trường hợp"))
    assert zero.value["criteria"] == [3] and zero.value["status"] == "met" and zero.value["year"] == 2022
    asked = items[-1]
    assert asked.text == "đạt tiêu chuẩn “An toàn về an ninh trật tự” năm 2022"
    assert asked.value["status"] == "met" and asked.value["criteria"] == ["all"]
    registered = items[0]
    assert registered.value["status"] == "target" and registered.value["year"] == 2022


def test_plan_claims_are_targets() -> None:
    items = find_claims(_seed("so-tu-phap-lang-son-ke-hoach-2025"), FindContext(doc_type="ke_hoach"))
    assert items and {e.value["status"] for e in items} == {"target"}
    # an aim's span runs from its opener through the standard's name; the year is in the value
    assert any(e.text.startswith("xây dựng cơ quan đạt tiêu chuẩn") and e.value["year"] == 2025 for e in items)


def test_law_wording_and_procedures_are_not_claims() -> None:
    assert _claims(_seed("xa-kon-gang-ke-hoach-tt124"), "ke_hoach") == []
    assert _claims(_seed("ubnd-son-la-cong-van-2026"), "cong_van") == []
    report = _claims(_seed("so-tu-phap-son-la-bao-cao-6-thang-2023"), "bao_cao")
    assert all(status == "target" for _text, _criteria, status in report)
    assert len(report) == 2  # "phấn đấu đạt …" and "chuẩn bị hồ sơ đề nghị … công nhận …", not the law's title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đơn vị đạt 4/5 tiêu chí, chưa đạt tiêu chí 3.", [("đạt 4/5 tiêu chí", ["all"], "not_met"),
                                                          ("chưa đạt tiêu chí 3", [3], "not_met")]),
        ("Năm 2024, nhà trường đạt tiêu chí 1, 2 và 4.", [("đạt tiêu chí 1, 2 và 4", [1, 2, 4], "met")]),
        ("Kính đề nghị UBND huyện xét, công nhận Trường THCS Lê Lợi đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
         [("đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "met")]),
        ("UBND xã ban hành Kế hoạch số 08/KH-UBND và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, "
         "trật tự” gửi Công an huyện.",
         [("đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")]),
        ("Khu dân cư có đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", []),
        ("Năm 2023, khu dân cư không đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
         [("không đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023", ["all"], "not_met")]),
    ],
)
def test_genre_habits(text: str, expected: list) -> None:
    assert _claims(text, "bao_cao") == expected


def test_self_assessment_lines_follow_their_criterion() -> None:
    text = "Tiêu chí 2: Triển khai đầy đủ các chủ trương.\nTự đánh giá: Đạt.\nTiêu chí 3: Có 01 vụ trộm.\nTự đánh giá: Chưa đạt."
    verdicts = [(c, s) for _t, c, s in _claims(text, "bao_cao") if s != "reported"]
    assert verdicts == [([2], "met"), ([3], "not_met")]
