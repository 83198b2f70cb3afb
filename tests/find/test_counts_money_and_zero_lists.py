"""Issue 10: amounts with a scale word are multiplied out, zero lists give one zero per kind."""

from __future__ import annotations

import pytest

from extractor.find.counts import find_counts
from extractor.numbers_vi import parse_ratio, scaled


def _by_text(text: str, doc_type: str | None = None) -> dict[str, dict]:
    from types import SimpleNamespace

    return {e.text: e.value for e in find_counts(text, SimpleNamespace(doc_type=doc_type))}


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "multiplier", "written"),
    [
        ("Thu ngân sách đạt 2,3 tỷ đồng.", "2,3 tỷ đồng", 2_300_000_000, "đồng", "tỷ", 2.3),
        ("Hỗ trợ 48 triệu đồng cho mỗi bản.", "48 triệu đồng", 48_000_000, "đồng", "triệu", 48),
        ("Doanh thu đạt 1.245 tỷ đồng.", "1.245 tỷ đồng", 1_245_000_000_000, "đồng", "tỷ", 1245),
        (
            "Thu hút 1,5 nghìn lượt người dân tham gia.",
            "1,5 nghìn lượt người dân",
            1500,
            "lượt người dân",
            "nghìn",
            1.5,
        ),
        ("Điện thương phẩm đạt 6.120 triệu kWh.", "6.120 triệu kWh", 6_120_000_000, "kwh", "triệu", 6120),
        ("Phát 2,5 ngàn tờ rơi.", "2,5 ngàn tờ rơi", 2500, "tờ rơi", "ngàn", 2.5),
    ],
)
def test_a_scale_word_multiplies_the_value_and_is_kept(sentence, surface, value, unit, multiplier, written):
    found = _by_text(sentence)[surface]
    assert (found["value"], found["unit"], found["multiplier"], found["surface_value"]) == (
        value,
        unit,
        multiplier,
        written,
    )


def test_a_rate_is_not_a_scale_word_and_plain_counts_carry_no_multiplier():
    found = _by_text("Đạt tỷ lệ 100% cán bộ; tổ chức 12 cuộc tuyên truyền.")
    assert "multiplier" not in found["12 cuộc tuyên truyền"]
    assert all("multiplier" not in value for value in found.values())


def test_scaling_is_exact_in_decimal():
    assert scaled(2.15, "tỷ") == 2_150_000_000
    assert scaled(56.5, "triệu") == 56_500_000
    assert isinstance(scaled(1.5, "nghìn"), int)


def test_a_ratio_may_group_thousands():
    assert parse_ratio("1.050/1.050") == (1050, 1050)
    assert _by_text("1.050/1.050 người lao động ký cam kết.")["1.050/1.050 người lao động"]["total"] == 1050


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Trên địa bàn không để xảy ra cháy rừng, tai nạn lao động, đuối nước trẻ em; tiếp tục duy trì.",
            {
                "không để xảy ra cháy rừng": "cháy rừng",
                "tai nạn lao động": "tai nạn lao động",
                "đuối nước trẻ em": "đuối nước trẻ em",
            },
        ),
        (
            "Không xảy ra vụ mất cắp tài sản, cháy nổ hay tai nạn lao động chết người.",
            {
                "không xảy ra vụ mất cắp tài sản": "vụ mất cắp tài sản",
                "cháy nổ": "cháy nổ",
                "tai nạn lao động": "tai nạn lao động",
            },
        ),
        (
            "Không để xảy ra cháy, nổ nghiêm trọng, đảm bảo an toàn tuyệt đối.",
            {"không để xảy ra cháy, nổ nghiêm trọng": "cháy, nổ nghiêm trọng"},
        ),
    ],
)
def test_a_negated_list_gives_one_zero_per_kind(sentence, expected):
    zeros = {text: value["unit"] for text, value in _by_text(sentence).items() if value["modality"] == "zero"}
    assert {text.lower(): unit for text, unit in zeros.items()} == {k.lower(): v for k, v in expected.items()}


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        (
            "Trong năm không có cá nhân nào vi phạm pháp luật về ma túy; x.",
            "không có cá nhân nào vi phạm pháp luật về ma túy",
            "cá nhân vi phạm pháp luật về ma túy",
        ),
        (
            "Không có cán bộ, công nhân viên nào vi phạm pháp luật.",
            "Không có cán bộ, công nhân viên nào vi phạm pháp luật",
            "cán bộ, công nhân viên vi phạm pháp luật",
        ),
        (
            "Trong năm không tiếp nhận đơn thư khiếu nại, tố cáo nào.",
            "không tiếp nhận đơn thư khiếu nại, tố cáo nào",
            "đơn thư khiếu nại, tố cáo",
        ),
    ],
)
def test_a_zero_claim_names_what_does_not_exist(sentence, surface, unit):
    found = _by_text(sentence)[surface]
    assert (found["value"], found["unit"], found["modality"]) == (0, unit, "zero")


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        (
            "Tổ chức bốn mươi hai (42) cuộc tuyên truyền.",
            "bốn mươi hai (42) cuộc tuyên truyền",
            42,
            "cuộc tuyên truyền",
        ),
        ("Xảy ra ba (03) vụ cháy.", "ba (03) vụ cháy", 3, "vụ cháy"),
        ("Xây dựng 05 (năm) mô hình.", "05 (năm) mô hình", 5, "mô hình"),
    ],
)
def test_a_number_repeated_in_brackets_is_one_count(sentence, surface, value, unit):
    found = _by_text(sentence)[surface]
    assert (found["value"], found["unit"]) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        ("Diễn ra tại 22 xã, thị trấn trên địa bàn.", "22 xã, thị trấn", "xã, thị trấn"),
        (
            "Có 96/112 thôn, tổ dân phố (đạt 85,7 %) được công nhận.",
            "96/112 thôn, tổ dân phố",
            "thôn, tổ dân phố",
        ),
        ("Có 96/112 thôn, tổ dân phố (đạt 85,7 %) được công nhận.", "85,7 %", "thôn, tổ dân phố"),
        ("Năm 2024, 100 % bản, khu phố đã xây dựng mô hình.", "100 % bản, khu phố", "bản, khu phố"),
        ("Có 70 % đầu mối trực thuộc được kiện toàn.", "70 % đầu mối trực thuộc", "đầu mối trực thuộc"),
    ],
)
def test_a_share_or_count_keeps_what_it_is_of(sentence, surface, unit):
    assert _by_text(sentence)[surface]["unit"] == unit


def test_a_rated_voltage_is_not_a_count():
    assert not [text for text in _by_text("Lắp camera tại các trạm biến áp 110 kV.") if "110" in text]


def test_a_goal_runs_on_over_the_clauses_of_its_sentence_and_under_a_plain_heading():
    report = (
        "1. Kết quả\nTổ chức 05 cuộc tuyên truyền.\n"
        "Năm 2025, Công ty phấn đấu không để xảy ra vụ việc phức tạp; 100 % người lao động được tuyên truyền.\n"
        "4. Phương hướng 6 tháng cuối năm 2025\nTổ chức ít nhất 20 cuộc tuyên truyền.\n"
    )
    found = _by_text(report, "bao_cao")
    assert found["05 cuộc tuyên truyền"]["modality"] == "actual"
    assert found["100 % người lao động"]["modality"] == "target"
    assert found["ít nhất 20 cuộc tuyên truyền"]["modality"] == "target"


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        ("Tỷ lệ người bệnh hài lòng khi điều trị nội trú đạt 98,7%.", "98,7%", "người bệnh hài lòng"),
        ("- Tỷ lệ phụ huynh hài lòng với nhà trường đạt 98,7% (khảo sát).", "98,7%", "phụ huynh hài lòng"),
        (
            "Tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 85%, riêng các vụ án rất nghiêm trọng đạt 100%.",
            "trên 85%",
            "vụ án hình sự",
        ),
        (
            "Tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 85%, riêng các vụ án rất nghiêm trọng đạt 100%.",
            "100%",
            "vụ án",
        ),
        (
            "Trong kỳ xảy ra 11 vụ phạm pháp hình sự, đã làm rõ 10/11 vụ, đạt 90,9%.",
            "90,9%",
            "vụ phạm pháp hình sự",
        ),
    ],
)
def test_a_rate_names_what_it_is_a_rate_of(sentence, surface, unit):
    assert _by_text(sentence, "bao_cao")[surface]["unit"] == unit


def test_a_zero_inside_a_quoted_name_is_not_a_claim_but_a_quoted_claim_is():
    found = _by_text("Duy trì mô hình “Dòng họ không có người vi phạm pháp luật” ở 12 thôn.")
    assert not [v for v in found.values() if v["modality"] == "zero"]
    quoted = _by_text("cùng có nội dung: “Không có cá nhân vi phạm bị xử lý kỷ luật”.")
    assert [v["unit"] for v in quoted.values() if v["modality"] == "zero"] == [
        "cá nhân vi phạm bị xử lý kỷ luật"
    ]
