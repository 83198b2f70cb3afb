"""Counts and criterion claims in habits of the genre the gold corpus does not hold.

Sentences as xã, khu dân cư, trường học, doanh nghiệp and công an xã write them in reports and
plans; spans and values follow ``corpora/gold/GUIDELINES.md``.
"""

import pytest

from extractor.find_claims import find_claims
from extractor.find_counts import find_counts
from extractor.nlp import FindContext


def _counts(text: str, doc_type: str | None) -> dict[str, dict]:
    return {e.text: e.value for e in find_counts(text, FindContext(doc_type=doc_type))}


# (sentence, doc_type, surface, value, unit, modality)
COUNTS = [
    ("Công an xã tổ chức 12 buổi tuyên truyền thu hút 1.250 lượt người tham gia.", "bao_cao",
     "12 buổi tuyên truyền", 12, "buổi tuyên truyền", "actual"),
    ("Công an xã tổ chức 12 buổi tuyên truyền thu hút 1.250 lượt người tham gia.", "bao_cao",
     "1.250 lượt người tham gia", 1250, "lượt người tham gia", "actual"),
    ("Trong kỳ tiếp nhận 05 đơn (01 đơn tố cáo, 04 đơn phản ánh, kiến nghị).", "bao_cao",
     "05 đơn", 5, "đơn", "actual"),
    ("Xảy ra 04 vụ phạm pháp hình sự, trong đó: 03 vụ trộm cắp tài sản, 01 vụ cố ý gây thương tích.", "bao_cao",
     "03 vụ trộm cắp tài sản", 3, "vụ trộm cắp tài sản", "actual"),
    ("Xảy ra 04 vụ phạm pháp hình sự, trong đó: 03 vụ trộm cắp tài sản, 01 vụ cố ý gây thương tích.", "bao_cao",
     "01 vụ cố ý gây thương tích", 1, "vụ cố ý gây thương tích", "actual"),
    ("Xảy ra 04 vụ phạm pháp hình sự, giảm 02 vụ so với cùng kỳ năm 2023.", "bao_cao",
     "02 vụ", 2, "vụ", "actual"),
    ("Tỷ lệ hộ gia đình ký cam kết đạt 98,5%.", "bao_cao", "98,5%", 98.5, "hộ gia đình", "actual"),
    ("Vận động 100% hộ gia đình ký cam kết không vi phạm pháp luật.", "bao_cao",
     "100% hộ gia đình", 100, "hộ gia đình", "actual"),
    ("Có trên 90% học sinh xếp loại hạnh kiểm tốt.", "bao_cao", "trên 90% học sinh", 90, "học sinh", "actual"),
    ("Phấn đấu 100% cán bộ, giáo viên ký cam kết thực hiện nội quy.", "ke_hoach",
     "100% cán bộ", 100, "cán bộ", "target"),
    ("Chỉ tiêu: giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2024.", "ke_hoach",
     "ít nhất 5% số vụ phạm pháp hình sự", 5, "vụ phạm pháp hình sự", "target"),
    ("Dự kiến tổ chức 04 lớp tập huấn nghiệp vụ cho lực lượng bảo vệ dân phố.", "bao_cao",
     "04 lớp tập huấn", 4, "lớp tập huấn", "target"),
    ("Khu dân cư có hai mươi lăm hộ tham gia mô hình tự quản.", "bao_cao",
     "hai mươi lăm hộ", 25, "hộ", "actual"),
    ("Chi đoàn đã tổ chức mười hai buổi sinh hoạt chuyên đề.", "bao_cao",
     "mười hai buổi sinh hoạt", 12, "buổi sinh hoạt", "actual"),
    ("Thành lập ba tổ tự quản về an ninh, trật tự.", "bao_cao", "ba tổ tự quản", 3, "tổ tự quản", "actual"),
    ("Có 12/12 thôn xây dựng được mô hình “Camera an ninh”.", "bao_cao", "12/12 thôn", 12, "thôn", "actual"),
    ("Đến nay, 03/05 khu dân cư đã đăng ký xây dựng mô hình.", "bao_cao",
     "03/05 khu dân cư", 3, "khu dân cư", "actual"),
    ("Cán bộ, nhân dân ủng hộ quỹ phòng chống tội phạm được 5.000.000 đồng.", "bao_cao",
     "5.000.000 đồng", 5000000, "đồng", "actual"),
    ("Công ty trích 150 triệu đồng mua sắm phương tiện chữa cháy.", "ke_hoach",
     "150 triệu đồng", 150_000_000, "đồng", "target"),
    ("Lực lượng Công an xã gồm 48 đồng chí.", "bao_cao", "48 đồng chí", 48, "đồng chí", "actual"),
    ("Kiểm tra định kỳ 12 lần/năm hệ thống báo cháy.", "ke_hoach", "12 lần", 12, "lần", "target"),
    ("Đã ra quân 06/06 đội thuế hoàn thành nhiệm vụ.", "bao_cao", "06/06 đội thuế", 6, "đội thuế", "actual"),
    ("Tổ dân phố số 7 (gồm 312 hộ, 1.205 nhân khẩu) đăng ký phấn đấu đạt tiêu chuẩn.", "dang_ky",
     "312 hộ", 312, "hộ", "actual"),
    ("Tổ dân phố số 7 (gồm 312 hộ, 1.205 nhân khẩu) đăng ký phấn đấu đạt tiêu chuẩn.", "dang_ky",
     "1.205 nhân khẩu", 1205, "nhân khẩu", "actual"),
    ("Phương hướng năm 2025: giảm ít nhất 10% số vụ tai nạn giao thông so với năm 2024.", "bao_cao",
     "ít nhất 10% số vụ tai nạn giao thông", 10, "vụ tai nạn giao thông", "target"),
    ("Tiếp nhận 30 lượt đơn thư (22 đơn kiến nghị, 08 đơn khiếu nại), đã giải quyết đạt tỷ lệ 100%.", "bao_cao",
     "tỷ lệ 100%", 100, "đơn thư", "actual"),
    ("Tuần tra được 156 lượt, phát hiện 23 trường hợp vi phạm.", "bao_cao",
     "156 lượt", 156, "lượt", "actual"),
    ("Cấp 2.145 phiếu lý lịch tư pháp cho công dân.", "bao_cao",
     "2.145 phiếu lý lịch tư pháp", 2145, "phiếu lý lịch tư pháp", "actual"),
    ("Phát 1.500 tờ rơi, treo 25 băng rôn tuyên truyền.", "bao_cao", "25 băng rôn", 25, "băng rôn", "actual"),
    ("Mỗi thôn xây dựng ít nhất 01 mô hình tự quản về an ninh.", "ke_hoach",
     "ít nhất 01 mô hình", 1, "mô hình", "target"),
    ("Tổ chức 02 hội nghị đối thoại với Nhân dân.", "bao_cao", "02 hội nghị", 2, "hội nghị", "actual"),
    ("Trường có 1.126 học sinh, 68 cán bộ, giáo viên.", "ke_hoach", "1.126 học sinh", 1126, "học sinh", "actual"),
    ("Hòa giải thành 09/11 vụ việc mâu thuẫn tại cơ sở.", "bao_cao",
     "09/11 vụ việc mâu thuẫn", 9, "vụ việc mâu thuẫn", "actual"),
    ("Đảm bảo tỷ lệ học sinh vi phạm pháp luật dưới 1%.", "ke_hoach",
     "tỷ lệ học sinh vi phạm pháp luật dưới 1%", 1, "học sinh", "target"),
]


@pytest.mark.parametrize(("text", "doc_type", "surface", "value", "unit", "modality"), COUNTS)
def test_counts_of_the_genre(text: str, doc_type: str, surface: str, value: float, unit: str, modality: str) -> None:
    counts = _counts(text, doc_type)
    assert surface in counts, sorted(counts)
    found = counts[surface]
    assert (found["value"], found["unit"], found["modality"]) == (value, unit, modality)


# (sentence, doc_type, surface, unit)
ZERO_CLAIMS = [
    ("Trong năm không để xảy ra vụ việc phức tạp nào.", "bao_cao", "không để xảy ra vụ việc phức tạp nào",
     "vụ việc phức tạp"),
    ("Trong năm học không có học sinh vi phạm pháp luật.", "bao_cao", "không có học sinh vi phạm pháp luật",
     "học sinh vi phạm pháp luật"),
    ("Qua kiểm tra không phát hiện trường hợp nào tàng trữ chất cấm.", "bao_cao",
     "không phát hiện trường hợp nào", "trường hợp"),
    ("Trên địa bàn chưa để xảy ra cháy, nổ, tai nạn lao động.", "bao_cao", "chưa để xảy ra cháy, nổ", "cháy, nổ"),
    ("Trong quý không xảy ra mất trộm tài sản, cháy nổ tại kho.", "bao_cao",
     "không xảy ra mất trộm tài sản", "mất trộm tài sản"),
    ("Không có cán bộ, công nhân bị xử lý kỷ luật.", "bao_cao", "Không có cán bộ", "cán bộ"),
    ("Không có vụ cháy, nổ xảy ra trên địa bàn.", "bao_cao", "Không có vụ cháy, nổ", "vụ cháy, nổ"),
    ("Phấn đấu không có người nghiện ma túy mới phát sinh.", "ke_hoach",
     "không có người nghiện ma túy", "người nghiện ma túy"),
    ("Không có vụ việc khiếu kiện đông người, vượt cấp.", "bao_cao",
     "Không có vụ việc khiếu kiện", "vụ việc khiếu kiện"),
]


@pytest.mark.parametrize(("text", "doc_type", "surface", "unit"), ZERO_CLAIMS)
def test_zero_claims_of_the_genre(text: str, doc_type: str, surface: str, unit: str) -> None:
    counts = _counts(text, doc_type)
    assert surface in counts, sorted(counts)
    assert (counts[surface]["value"], counts[surface]["unit"], counts[surface]["modality"]) == (0, unit, "zero")


def test_breakdown_parts_point_at_their_total() -> None:
    items = find_counts("Tiếp nhận 05 đơn (01 đơn tố cáo, 04 đơn phản ánh, kiến nghị).", FindContext("bao_cao"))
    total = next(e for e in items if e.text == "05 đơn")
    parts = [e for e in items if e.value["parent"] == total.start]
    assert [(e.text, e.value["unit"]) for e in parts] == [
        ("01 đơn tố cáo", "đơn tố cáo"),
        ("04 đơn phản ánh, kiến nghị", "đơn phản ánh, kiến nghị"),
    ]


def test_a_rate_in_brackets_is_not_a_part() -> None:
    counts = _counts("Tiếp nhận 17 tin báo, tố giác tội phạm, đã giải quyết 15 tin (đạt 88,2%).", "bao_cao")
    assert counts["88,2%"]["unit"] == "tin báo" and counts["88,2%"]["parent"] is None


def test_ratios_and_comparators() -> None:
    counts = _counts("Có 07/07 phòng hoàn thành nhiệm vụ; 70% trở lên số đầu mối trực thuộc đạt danh hiệu.", None)
    assert (counts["07/07 phòng"]["value"], counts["07/07 phòng"]["total"]) == (7, 7)
    requirement = counts["70% trở lên số đầu mối trực thuộc"]
    assert (requirement["comparator"], requirement["percent"], requirement["modality"]) == (">=", True, "target")


# Numbers that are not counts: labels, years, dates, symbols, phones, clock times, scoring points.
NOT_COUNTS = [
    "Căn cứ Điều 5, khoản 2 Thông tư số 124/2021/TT-BCA.",
    "Theo mục 1.2 của Kế hoạch, Tiêu chí 3 được đánh giá riêng.",
    "Năm 2023, ngày 15/11/2023 Ban Chỉ đạo họp tổng kết.",
    "Mọi thông tin liên hệ số điện thoại 0912345678 hoặc 02583.812.345.",
    "Lực lượng trực 24/24 giờ trong các ngày lễ.",
    "Hội nghị bắt đầu lúc 14 giờ 30 phút.",
    "Tiêu chí 2 được chấm 3 điểm; tổng 100 điểm, từ 90 điểm trở lên xếp loại Xuất sắc.",
    "Khu dân cư là một đầu mối quan trọng; một số tổ chưa họp.",
    "Kết quả 6 tháng đầu năm 2024 như sau.",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_labels_dates_and_scales_are_not_counts(text: str) -> None:
    assert [e.text for e in find_counts(text, FindContext(doc_type="bao_cao"))] == []


def _claims(text: str, doc_type: str) -> list[tuple[str, list, str]]:
    return [(e.text, e.value["criteria"], e.value["status"]) for e in find_claims(text, FindContext(doc_type=doc_type))]


# (text, doc_type, expected claims)
CLAIMS = [
    ("3. Tiêu chí 3: Không để xảy ra khiếu kiện đông người.", "bao_cao", [("Tiêu chí 3", [3], "reported")]),
    ("Đối chiếu Điều 5 Thông tư 124, xã đạt 05/05 tiêu chí.", "bao_cao", [("đạt 05/05 tiêu chí", ["all"], "met")]),
    ("Thôn tự đánh giá đạt 4/5 tiêu chí, chưa đạt tiêu chí 5.", "bao_cao",
     [("đạt 4/5 tiêu chí", ["all"], "not_met"), ("chưa đạt tiêu chí 5", [5], "not_met")]),
    ("Năm 2023, cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.", "bao_cao",
     [("đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023", ["all"], "met")]),
    ("Tiêu chí 2: Triển khai đầy đủ các chủ trương.\nTự đánh giá: Đạt.", "bao_cao",
     [("Tiêu chí 2", [2], "reported"), ("Tự đánh giá: Đạt", [2], "met")]),
    ("Tháng 5/2025: tổng kết, đề nghị công nhận trường đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", "ke_hoach",
     [("đề nghị công nhận trường đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")]),
    ("KẾ HOẠCH\nXây dựng trường học đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm học 2024 - 2025", "ke_hoach",
     [("Xây dựng trường học đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")]),
    ("Năm 2022, không có trường hợp xảy ra theo Tiêu chí 3 như đã nêu.", "bao_cao",
     [("không có trường hợp xảy ra theo Tiêu chí 3", [3], "met")]),
    ("Chi cục đã đạt Tiêu chí 1, Tiêu chí 2 và Tiêu chí 3; riêng Tiêu chí 4 đang chờ kết quả.", "bao_cao",
     [("đạt Tiêu chí 1, Tiêu chí 2 và Tiêu chí 3", [1, 2, 3], "met"), ("Tiêu chí 4", [4], "reported")]),
    ("Mục tiêu: phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.", "ke_hoach",
     [("phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")]),
    ("Tuyên truyền ý nghĩa của việc xây dựng cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", "ke_hoach", []),
    ("Ủy ban nhân dân cấp xã ra quyết định công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", "ke_hoach", []),
]


@pytest.mark.parametrize(("text", "doc_type", "expected"), CLAIMS)
def test_claims_of_the_genre(text: str, doc_type: str, expected: list) -> None:
    assert _claims(text, doc_type) == expected
