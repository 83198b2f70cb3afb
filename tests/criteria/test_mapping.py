"""Sentences of the genre map to the criteria and statuses a careful assessor would give."""

from __future__ import annotations

import pytest

from extractor.criteria.mapping import assess, find
from extractor.models import DocumentInfo


def report(subject: str = "co_quan", doc_type: str = "bao_cao") -> DocumentInfo:
    return DocumentInfo(source="t", sha256="0", pages=1, doc_type=doc_type, subject_type=subject, year=2023)


def statuses(text: str, document: DocumentInfo) -> dict[str, str]:
    return {item.criterion_id: item.status for item in find(document, text) if item.role == "evidence"}


def test_reference_to_criterion_3_supports_it_as_met():
    text = "Năm 2022, không có trường hợp xảy ra theo Tiêu chí 3 như đã nêu."
    assert statuses(text, report())["TT124.6.3"] == "met"


def test_no_fire_is_evidence_for_the_no_serious_fire_part():
    text = "Trong 6 tháng đầu năm 2023 không có vụ cháy nổ nào xảy ra gây mất an toàn cơ quan đơn vị."
    findings = [item for item in find(report(), text) if item.criterion_id == "TT124.6.3"]
    assert findings and findings[0].status == "met"
    assert "khong_chay_no_tai_nan" in findings[0].families


@pytest.mark.parametrize(
    "subject, text, failed, spared",
    [
        (
            "co_quan",
            "Năm 2023, đơn vị có 01 cá nhân bị kỷ luật cảnh cáo do vi phạm quy định.",
            {"TT124.6.5"},
            {"TT124.6.4"},
        ),
        (
            "co_quan",
            "Năm 2023, 01 nhân viên Tổ bảo vệ bị kỷ luật cảnh cáo do bỏ ca trực.",
            {"TT124.6.4"},
            set(),
        ),
        (
            "xa",
            "Năm 2023, Công an xã có 01 đồng chí bị kỷ luật cảnh cáo do vi phạm quy định.",
            {"TT124.5.3"},
            set(),
        ),
    ],
)
def test_discipline_fails_the_clauses_whose_people_it_concerns(subject, text, failed, spared):
    # Điều 6 khoản 4 counts the protective force's discipline, khoản 5 anyone's; Điều 5 khoản 3 the commune police's.
    found = statuses(text, report(subject))
    not_met = {cid for cid, status in found.items() if status == "not_met"}
    assert failed <= not_met and not (spared & not_met)


def test_a_plan_promises_rather_than_proves():
    text = "Phấn đấu không có cán bộ, công chức bị xử lý kỷ luật từ hình thức cảnh cáo trở lên."
    found = statuses(text, report(doc_type="ke_hoach"))
    assert found and set(found.values()) == {"target"}


def test_a_commune_plan_speaks_to_residential_areas_too():
    text = (
        "- Đối với khu dân cư: quý I hàng năm, chi bộ có Nghị quyết, khu dân cư có đăng ký phấn đấu đạt "
        "tiêu chuẩn “An toàn về an ninh, trật tự”; 100% hộ gia đình đang cư trú trên địa bàn đăng ký tham gia."
    )
    found = statuses(text, report("xa", "ke_hoach"))
    assert "TT124.4.1" in found and "TT124.5.1" in found


def test_assess_lists_every_criterion_of_the_article_and_marks_evidence():
    from extractor.models import Evidence

    text = (
        "Năm 2023, cơ quan không để xảy ra vụ việc phức tạp về an ninh, trật tự; không để xảy ra cháy, nổ, "
        "tai nạn lao động theo Thông tư số 124/2021/TT-BCA."
    )
    count = text.index("cháy")
    citation = text.index("Thông tư")
    evidence = [
        Evidence("count", "cháy", count, count + 4, {}, 0.9, "test", 1, "ev_1"),
        Evidence(
            "legal_ref", "Thông tư số 124/2021/TT-BCA", citation, citation + 27, {}, 0.9, "test", 1, "ev_2"
        ),
    ]
    section = assess(report(), text, evidence)
    assert [item["id"] for item in section] == [f"TT124.6.{n}" for n in range(1, 6)]
    by_id = {item["id"]: item for item in section}
    assert by_id["TT124.6.3"]["status"] == "met" and by_id["TT124.6.3"]["evidence_ids"] == ["ev_1"]
    assert by_id["TT124.6.1"]["status"] == "missing"
    # the count supports the criterion; the citation of the law is context of its sentence, not evidence
    assert evidence[0].criteria == ["TT124.6.3"] and evidence[1].criteria == []
    assert by_id["TT124.6.3"]["sentences"][0]["context_ids"] == ["ev_2"]


def test_one_kind_of_incident_cleared_is_not_yet_the_whole_clause():
    text = "Năm 2023, cơ quan không để xảy ra cháy, nổ, tai nạn lao động."
    by_id = {item["id"]: item for item in assess(report(), text, [])}
    assert by_id["TT124.6.3"]["status"] == "unclear"
    assert "1/8 điểm" in " ".join(by_id["TT124.6.3"]["reasons"])
