"""Status in context: a report's results, a plan's promises, contradictions, and the sections that switch them."""

from __future__ import annotations

import pytest

from extractor.criteria import rules, sections
from extractor.criteria.mapping import find
from extractor.models import DocumentInfo


def document(doc_type: str, subject: str = "co_quan") -> DocumentInfo:
    return DocumentInfo(source="t", sha256="0", pages=1, doc_type=doc_type, subject_type=subject, year=2023)


def statuses(text: str, doc: DocumentInfo) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in find(doc, text):
        if item.role == "evidence":
            found.setdefault(item.criterion_id, set()).add(item.status)
    return found


@pytest.mark.parametrize(
    "text, family, context, expected",
    [
        # reports write done work in the imperative: a result, not a promise
        (
            "Thực hiện tốt kế hoạch phòng, chống cháy nổ tại cơ quan; không có vụ cháy nổ nào xảy ra.",
            "khong_chay_no_tai_nan",
            "result",
            "met",
        ),
        (
            "Tổ chức các buổi học tập, quán triệt các chủ trương, đường lối, chính sách của Đảng.",
            "trien_khai_chu_truong",
            "result",
            "met",
        ),
        (
            "Tổ chức các buổi học tập, quán triệt các chủ trương, đường lối, chính sách của Đảng.",
            "trien_khai_chu_truong",
            "plan",
            "target",
        ),
        (
            "Năm 2023, cơ quan có 01 cá nhân bị kỷ luật cảnh cáo do vi phạm quy định.",
            "khong_ky_luat",
            "result",
            "not_met",
        ),
        (
            "Có 01 giáo viên bị kỷ luật cảnh cáo do vi phạm quy định về dạy thêm.",
            "khong_ky_luat",
            "unknown",
            "not_met",
        ),
        (
            "Phấn đấu không có cán bộ bị xử lý kỷ luật từ hình thức cảnh cáo trở lên.",
            "khong_ky_luat",
            "result",
            "target",
        ),
        ("Dự kiến 07/07 phòng hoàn thành tốt nhiệm vụ.", "danh_hieu_dau_moi", "result", "target"),
        ("Còn 12/310 hộ gia đình chưa ký cam kết tham gia.", "ho_gia_dinh_dang_ky", "unknown", "not_met"),
        # an occurrence reported as falling is for the assessor, not a contradiction
        (
            "Xảy ra 05 vụ phạm pháp hình sự, giảm 02 vụ so với cùng kỳ năm 2023.",
            "khong_xay_ra_vu_viec",
            "result",
            "unclear",
        ),
        # a rule quoted or a condition stated is no evidence either way
        (
            "Nếu đơn vị có cán bộ vi phạm bị xử lý kỷ luật thì không đạt 50 điểm.",
            "khong_ky_luat",
            "plan",
            "unclear",
        ),
        # names that merely contain cue words
        (
            "Phối hợp với các ngành trong công tác trợ giúp pháp lý gắn với chương trình mục tiêu quốc gia giảm nghèo.",
            "trien_khai_chu_truong",
            "result",
            "met",
        ),
        (
            "Cơ quan đã ký cam kết và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
            "nghi_quyet_ke_hoach_dang_ky",
            "result",
            "met",
        ),
    ],
)
def test_status_reads_the_sentence_in_its_context(text, family, context, expected):
    assert rules.status_for(text, family, context=context).status == expected


def test_a_protective_force_without_a_rating_does_not_support_criterion_4():
    unrated = (
        "Trong công tác bảo vệ cơ quan, Sở đã phối hợp chặt chẽ với tổ an ninh dân phố bảo vệ an toàn trụ sở."
    )
    rated = "Lực lượng bảo vệ cơ quan được đánh giá “Hoàn thành tốt nhiệm vụ” năm 2023."
    assert rules.status_for(unrated, "bao_ve_co_quan", context="result").status == "unclear"
    assert rules.status_for(rated, "bao_ve_co_quan", context="result").status == "met"


def test_section_tracker_switches_a_report_to_promises_at_its_tasks_section():
    tracker = sections.SectionTracker("bao_cao")
    assert tracker.context == "result"
    tracker.see("KẾT QUẢ THỰC HIỆN")
    assert tracker.context == "result"
    tracker.see("Thực hiện tốt công tác trực bảo vệ cơ quan, không để mất tài sản.")
    assert tracker.context == "result"
    tracker.see("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")
    assert tracker.context == "plan"
    assert sections.SectionTracker("ke_hoach").context == "plan"
    assert sections.SectionTracker(reading_kind="guidance").context == "plan"
    assert sections.SectionTracker(None).context == "result"  # a text with no type reports what happened


def test_same_wording_is_a_result_before_and_a_promise_after_the_tasks_heading():
    text = (
        "Kết quả thực hiện\nThực hiện tốt quy chế phối hợp với Công an phường trong bảo vệ an ninh nội bộ.\n"
        "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n"
        "Thực hiện tốt quy chế phối hợp với Công an phường trong bảo vệ an ninh nội bộ."
    )
    findings = [item for item in find(document("bao_cao"), text) if item.criterion_id == "TT124.6.2"]
    assert [item.status for item in findings] == ["met", "target"]


def test_a_declared_failure_goes_to_the_clause_its_reason_speaks_of():
    # A school's own "Tiêu chí 3" may follow another numbering: the reason (students fighting) is Điều 7 khoản 4.
    text = "Tự đánh giá: nhà trường chưa đạt Tiêu chí 3 do còn 02 vụ học sinh đánh nhau bị xử lý kỷ luật."
    found = statuses(text, document("bao_cao", "co_so_giao_duc"))
    assert "not_met" not in found.get("TT124.7.3", set())
    assert "not_met" in found.get("TT124.7.4", set())


def test_a_plan_listing_targets_with_semicolons_maps_each_item():
    text = (
        "Chỉ tiêu: 100% người lao động được phổ biến nội quy; tổ chức ít nhất 06 buổi tuyên truyền pháp luật "
        "trong năm; kiểm tra định kỳ hệ thống phòng cháy, chữa cháy; không để xảy ra cháy, nổ, tai nạn lao "
        "động nghiêm trọng."
    )
    found = statuses(text, document("ke_hoach", "doanh_nghiep"))
    assert found.get("TT124.6.3") == {"target"}
    assert found.get("TT124.6.1") == {"target"}
