"""Graded clauses read as the law grades them (corpora/tt124/thresholds.json): the discipline scale against
each clause's threshold, and TT124 Art. 5(4)'s shares of registering / recognised units."""

from __future__ import annotations

import pytest

from extractor.criteria import ratios, rules, thresholds
from extractor.criteria.mapping import find
from extractor.models import DocumentInfo


def report(subject: str) -> DocumentInfo:
    return DocumentInfo(source="t", sha256="0", pages=1, doc_type="bao_cao", subject_type=subject, year=2023)


def statuses(text: str, subject: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in find(report(subject), text):
        if item.role == "evidence":
            found.setdefault(item.criterion_id, set()).add(item.status)
    return found


def test_the_scale_and_thresholds_are_data():
    scale = thresholds.discipline_scale()
    assert [scale.level_of(form) for form in ("khiển trách", "cảnh cáo", "cách chức", "buộc thôi việc")] == [
        1,
        2,
        3,
        4,
    ]
    assert scale.thresholds["TT124.5.3"] == (1,)  # "không có cá nhân vi phạm bị xử lý kỷ luật": any form
    assert scale.thresholds["TT124.6.4"] == scale.thresholds["TT124.6.5"] == (2,)  # from cảnh cáo upward


REPRIMAND_AGENCY = (
    "Năm 2023, Sở có 01 công chức bị xử lý kỷ luật bằng hình thức khiển trách do chậm trễ trong "
    "giải quyết hồ sơ; Lực lượng bảo vệ cơ quan được đánh giá “Hoàn thành tốt nhiệm vụ”."
)


def test_a_reprimand_does_not_contradict_the_agency_clauses():
    found = statuses(REPRIMAND_AGENCY, "co_quan")
    assert "not_met" not in found.get("TT124.6.4", set())
    assert found.get("TT124.6.4") == {"met"}


def test_a_reprimand_contradicts_the_commune_police_clause():
    text = "Trong năm 2023, Công an xã có 01 đồng chí bị kỷ luật khiển trách do vi phạm quy trình tuần tra, kiểm soát."
    assert statuses(text, "xa").get("TT124.5.3") == {"not_met"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Có 02 người lao động bị kỷ luật cảnh cáo do vi phạm nội quy an toàn.",
            {"TT124.5.3": "not_met", "TT124.6.4": "not_met"},
        ),
        (
            "Công ty đã xử lý kỷ luật sa thải 01 người lao động vi phạm nội quy.",
            {"TT124.5.3": "not_met", "TT124.6.4": "not_met"},
        ),
        (
            "Có 01 viên chức bị kỷ luật khiển trách, không có trường hợp bị kỷ luật từ cảnh cáo trở lên.",
            {"TT124.5.3": "not_met", "TT124.6.4": "met"},
        ),
        # "from cảnh cáo upward" rules out only part of what Art. 5(3) counts
        (
            "Không có cán bộ, chiến sĩ bị xử lý kỷ luật từ hình thức cảnh cáo trở lên.",
            {"TT124.5.3": "unclear", "TT124.6.4": "met"},
        ),
        ("Không có cán bộ, chiến sĩ vi phạm bị xử lý kỷ luật.", {"TT124.5.3": "met", "TT124.6.4": "met"}),
        # a form not named: a contradiction only where every form counts
        ("Có 01 cá nhân bị xử lý kỷ luật trong năm.", {"TT124.5.3": "not_met", "TT124.6.4": "unclear"}),
    ],
)
def test_discipline_is_read_against_each_clause_threshold(text, expected):
    for criterion, status in expected.items():
        assert rules.status_for(text, "khong_ky_luat", context="result", criterion=criterion).status == status


def test_article_7_counts_discipline_from_warning_as_the_law_says():
    text = "Năm học 2022-2023, có 01 giáo viên bị kỷ luật khiển trách do vi phạm quy định về dạy thêm."
    assert rules.status_for(text, "khong_ky_luat", context="result", criterion="TT124.7.6").status == "met"
    warning = "Năm học 2022-2023, có 01 giáo viên bị kỷ luật cảnh cáo do vi phạm quy định về dạy thêm."
    assert (
        rules.status_for(warning, "khong_ky_luat", context="result", criterion="TT124.7.6").status
        == "not_met"
    )


def test_a_promise_about_discipline_stays_a_promise():
    text = "Phấn đấu không có cán bộ, công chức bị xử lý kỷ luật từ hình thức cảnh cáo trở lên."
    assert rules.status_for(text, "khong_ky_luat", context="plan", criterion="TT124.6.4").status == "target"


def test_a_ratio_about_something_else_is_no_evidence_for_registration_and_recognition():
    text = "Toàn xã có 12/12 thôn duy trì tổ an ninh tự quản hoạt động thường xuyên, hiệu quả."
    assert "TT124.5.4" not in statuses(text, "xa")
    assert not ratios.speaks_to("TT124.5.4", text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Có 11/12 thôn được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”, đạt 91,6%.", "met"),
        (
            "Qua bình xét, có 16/24 thôn được UBND xã công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” (66,7%).",
            "not_met",
        ),
        (
            "Năm 2023, phường có 15/15 tổ dân phố, 08/08 cơ quan, 04/04 trường học đăng ký và 93% được công nhận.",
            "met",
        ),
        ("Năm 2023, có 20/24 thôn đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", "not_met"),
        ("Có 06/06 làng, 03/03 trường học đăng ký, 05/06 làng được công nhận đạt tiêu chuẩn.", "met"),
        (
            "Còn 02/14 tổ dân phố chưa đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
            "not_met",
        ),
        # the threshold quoted is not a result; a plan's share is a promise
        ("Chỉ có 06/12 khu dân cư được công nhận đạt tiêu chuẩn, chưa đạt chỉ tiêu 70%.", "not_met"),
    ],
)
def test_shares_are_compared_with_the_clause_minimums(text, status):
    assert (
        rules.status_for(text, "ty_le_dang_ky_cong_nhan", context="result", criterion="TT124.5.4").status
        == status
    )


def test_a_plan_share_is_a_target():
    text = (
        "Phấn đấu có từ 75% khu dân cư trở lên được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”."
    )
    assert (
        rules.status_for(text, "ty_le_dang_ky_cong_nhan", context="plan", criterion="TT124.5.4").status
        == "target"
    )


def test_ratios_tell_registration_from_recognition():
    requirement = thresholds.ratio_requirements()["TT124.5.4"]
    text = "toàn xã có 9/9 thôn đăng ký xây dựng đạt tiêu chuẩn, 7/9 thôn được công nhận, đạt 77,8%."
    readings = [
        (item.surface, item.measure.name, round(item.value, 3))
        for item in ratios.ratio_readings(text, requirement)
    ]
    assert readings == [("9/9", "dang_ky", 1.0), ("7/9", "cong_nhan", 0.778)]
