"""Counts and claims on nouns and shapes the lexicons do not list: the finders must generalize.

Sentences written for this test (y tế, giáo dục, giao thông, kinh tế, biên giới, tôn giáo …),
not taken from any gold document. A number followed by a Vietnamese noun phrase is a count by
default; labels, years, times and measures are not. Units are checked the way ``minhchung
evaluate`` scores them: equal, or the shorter a word-prefix (≥ 2 words) of the longer.
"""

import pytest

from extractor.find_claims import find_claims
from extractor.find_counts import find_counts
from extractor.nlp import FindContext


def _unit_matches(predicted: str | None, expected: str) -> bool:
    if predicted is None:
        return False
    got, want = predicted.split(), expected.split()
    short, long_ = sorted((got, want), key=len)
    return got == want or (long_[: len(short)] == short and (len(short) >= 2 or len(short) == len(long_)))


def _find(sentence: str, doc_type: str, value: float) -> dict:
    for item in find_counts(sentence, FindContext(doc_type=doc_type)):
        if item.value["value"] == value:
            return item.value
    raise AssertionError(f"no count of {value} in {sentence!r}")


# (sentence, doc_type, value, unit, modality)
UNLISTED_NOUNS = [
    ("Trong quý, Trung tâm Y tế huyện khám cho 4.215 bệnh nhân ngoại trú.", "bao_cao", 4215, "bệnh nhân", "actual"),
    ("Khoa Ngoại thực hiện 312 ca mổ nội soi an toàn.", "bao_cao", 312, "ca mổ", "actual"),
    ("Trạm y tế xã tiêm 1.120 liều vắc xin cho trẻ.", "bao_cao", 1120, "liều vắc xin", "actual"),
    ("Toàn huyện có 14 trạm y tế đạt chuẩn quốc gia.", "bao_cao", 14, "trạm y tế", "actual"),
    ("Nhà trường có 27 giáo sinh thực tập trong học kỳ.", "bao_cao", 27, "giáo sinh", "actual"),
    ("Trường tiếp nhận 452 trẻ vào các nhóm lớp.", "bao_cao", 452, "trẻ", "actual"),
    ("Thư viện bổ sung 830 đầu sách tham khảo.", "bao_cao", 830, "đầu sách", "actual"),
    ("Phòng Giáo dục kiểm tra 09 bếp ăn bán trú.", "bao_cao", 9, "bếp ăn", "actual"),
    ("Đội Cảnh sát giao thông lập biên bản 268 phương tiện vi phạm.", "bao_cao", 268, "phương tiện", "actual"),
    ("Tạm giữ 41 xe mô tô không chính chủ.", "bao_cao", 41, "xe mô tô", "actual"),
    ("Tổ chức 52 ca tuần tra trên tuyến quốc lộ.", "bao_cao", 52, "ca tuần tra", "actual"),
    ("Lắp đặt 18 biển báo nguy hiểm tại các điểm đen.", "bao_cao", 18, "biển báo", "actual"),
    ("Thu giữ 35 kg pháo hoa nổ các loại.", "bao_cao", 35, "kg pháo", "actual"),
    ("Đồn Biên phòng phối hợp tuần tra 24 cột mốc biên giới.", "bao_cao", 24, "cột mốc", "actual"),
    ("Vận động 46 hộ ký cam kết và quản lý 03 xã biên giới.", "bao_cao", 3, "xã biên giới", "actual"),
    ("Tiếp nhận 12 công dân trở về từ nước ngoài.", "bao_cao", 12, "công dân", "actual"),
    ("Thu hồi 07 khẩu súng săn và 150 viên đạn.", "bao_cao", 7, "khẩu súng", "actual"),
    ("Thu hồi 07 khẩu súng săn và 150 viên đạn.", "bao_cao", 150, "viên đạn", "actual"),
    ("Trên địa bàn có 06 cơ sở thờ tự và 2.300 tín đồ.", "bao_cao", 2300, "tín đồ", "actual"),
    ("Ban Tôn giáo làm việc với 11 chức sắc tôn giáo.", "bao_cao", 11, "chức sắc", "actual"),
    ("Xã có 05 chợ và 128 ki ốt kinh doanh.", "bao_cao", 5, "chợ", "actual"),
    ("Xã có 05 chợ và 128 ki ốt kinh doanh.", "bao_cao", 128, "ki ốt", "actual"),
    ("Công ty có 23 kỹ sư người nước ngoài làm việc.", "bao_cao", 23, "kỹ sư người", "actual"),
    ("Cấp phát 9.500 tờ gấp tuyên truyền phòng chống ma túy.", "bao_cao", 9500, "tờ gấp", "actual"),
    ("Ban quản lý chợ kiểm tra 74 quầy hàng.", "bao_cao", 74, "quầy hàng", "actual"),
    ("Hợp tác xã thu mua 420 tấn lúa của xã viên.", "bao_cao", 420, "tấn lúa", "actual"),
    ("Cấp 16 giấy phép kinh doanh cho hộ cá thể.", "bao_cao", 16, "giấy phép", "actual"),
    ("Thành lập 08 nhóm, lớp học tiếng đồng bào dân tộc.", "bao_cao", 8, "nhóm, lớp", "actual"),
    ("Tổ chức 09 chuyến xe đưa đón công nhân về quê.", "bao_cao", 9, "chuyến xe", "actual"),
    ("Kiểm tra 31 cơ sở kinh doanh karaoke, vũ trường.", "bao_cao", 31, "cơ sở kinh doanh", "actual"),
    ("Phát hiện 04 đối tượng tàng trữ trái phép chất ma túy.", "bao_cao", 4, "đối tượng", "actual"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "value", "unit", "modality"), UNLISTED_NOUNS)
def test_unlisted_noun_is_a_count(sentence: str, doc_type: str, value: float, unit: str, modality: str) -> None:
    found = _find(sentence, doc_type, value)
    assert _unit_matches(found["unit"], unit), found["unit"]
    assert found["modality"] == modality


# (sentence, doc_type, value, unit, total)
RATIOS_AND_RATES = [
    ("Đã giải quyết 23/23 kiến nghị của cử tri.", "bao_cao", 23, "kiến nghị", 23),
    ("Có 15/17 trường học lắp đặt camera giám sát.", "bao_cao", 15, "trường học", 17),
    ("Điều tra làm rõ 08/09 vụ, đạt 88,9%.", "bao_cao", 8, "vụ", 9),
]


@pytest.mark.parametrize(("sentence", "doc_type", "value", "unit", "total"), RATIOS_AND_RATES)
def test_ratio_with_any_unit(sentence: str, doc_type: str, value: int, unit: str, total: int) -> None:
    found = _find(sentence, doc_type, value)
    assert _unit_matches(found["unit"], unit) and found["total"] == total


def test_percentage_after_its_count_takes_that_unit() -> None:
    sentence = "Tiếp nhận 40 hồ sơ, trong kỳ xác minh 08/09 vụ, đạt 88,9%."
    rate = _find(sentence, "bao_cao", 88.9)
    assert rate["percent"] and rate["unit"] == "vụ"


# (sentence, doc_type, value, unit)
UNITS_NOT_CUT_SHORT = [
    ("Ký kết quy chế với 04 xã biên giới của nước bạn.", "bao_cao", 4, "xã biên giới"),
    ("Vận động giao nộp 03 khẩu súng tự chế.", "bao_cao", 3, "khẩu súng"),
    ("Duy trì hoạt động của 11 nhóm, lớp tình thương.", "bao_cao", 11, "nhóm, lớp"),
    ("Rà soát 06 thôn đặc biệt khó khăn.", "bao_cao", 6, "thôn đặc biệt"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "value", "unit"), UNITS_NOT_CUT_SHORT)
def test_unit_noun_phrase_is_whole(sentence: str, doc_type: str, value: int, unit: str) -> None:
    assert _unit_matches(_find(sentence, doc_type, value)["unit"], unit)


# (sentence, unit): zero claims on nouns the lexicon does not list
ZERO_CLAIMS = [
    ("Không có công dân xuất cảnh trái phép sang nước bạn.", "công dân"),
    ("Trong kỳ không phát sinh điểm phức tạp về an ninh nông thôn.", "điểm phức tạp"),
    ("Không có bệnh nhân tử vong do sốt xuất huyết.", "bệnh nhân"),
    ("Không phát hiện tín đồ truyền đạo trái phép.", "tín đồ"),
    ("Không có phương tiện nào vi phạm tải trọng.", "phương tiện"),
    ("Trong năm không có người tái phạm tội.", "người tái phạm tội"),
    ("Chưa phát hiện điểm tụ tập đánh bạc.", "điểm tụ tập"),
    ("Không có giáo viên vi phạm đạo đức nhà giáo.", "giáo viên"),
]


@pytest.mark.parametrize(("sentence", "unit"), ZERO_CLAIMS)
def test_zero_claim_on_any_noun(sentence: str, unit: str) -> None:
    zeros = [e.value for e in find_counts(sentence, FindContext(doc_type="bao_cao")) if e.value["modality"] == "zero"]
    assert zeros and zeros[0]["value"] == 0 and _unit_matches(zeros[0]["unit"], unit), zeros


NOT_COUNTS = [
    ("Trong 2024 chính quyền triển khai nhiều mô hình.", "2024"),
    ("Lúc 14 giờ ngày hôm đó xảy ra va chạm.", "14"),
    ("Trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế.", "6"),
    ("Trụ sở đặt tại số 12 đường Trần Phú.", "12"),
    ("Tuyến đường dài 18 km qua ba xã.", "18"),
    ("Thực hiện phong trào “3 sạch” ở khu dân cư.", "3"),
    ("Gửi TT BCĐ 138 tỉnh để theo dõi.", "138"),
    ("Đơn vị chấm tự đánh giá được 92 điểm.", "92"),
    ("Không có ý kiến khác.", None),
    ("Cơ quan không có kinh phí bố trí riêng.", None),
]


@pytest.mark.parametrize(("sentence", "number"), NOT_COUNTS)
def test_labels_times_and_measures_are_not_counts(sentence: str, number: str | None) -> None:
    found = find_counts(sentence, FindContext(doc_type="bao_cao"))
    if number is None:
        assert not found
    else:
        assert not [e for e in found if e.text.lstrip().startswith(number)]


# (sentence, doc_type, value, modality)
MODALITY = [
    ("Đảm bảo 100% học sinh được học kỹ năng phòng tránh đuối nước.", "bao_cao", 100, "target"),
    ("Bảo đảm 95% phương tiện được kiểm định đúng hạn.", "bao_cao", 95, "target"),
    ("Đã đảm bảo 30 chốt trực trong dịp Tết.", "bao_cao", 30, "actual"),
    ("II. PHƯƠNG HƯỚNG NĂM 2025\nTổ chức 06 lớp tập huấn kỹ năng.", "bao_cao", 6, "target"),
    ("IV. KIẾN NGHỊ, ĐỀ XUẤT\nĐề nghị hỗ trợ 20 bộ đàm cho dân quân.", "bao_cao", 20, "target"),
    ("3. KIẾN NGHỊ\nĐề nghị cấp thêm 02 xe chuyên dùng.", "bao_cao", 2, "target"),
    ("I. KẾT QUẢ\nTổ chức 06 lớp tập huấn kỹ năng.", "bao_cao", 6, "actual"),
    ("Năm 2024 kết nạp 14 đảng viên mới.", "bao_cao", 14, "actual"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "value", "modality"), MODALITY)
def test_modality_of_requirements_and_forward_sections(sentence: str, doc_type: str, value: int, modality: str) -> None:
    assert _find(sentence, doc_type, value)["modality"] == modality


# (sentence, doc_type, criteria, status)
CLAIMS = [
    ("Qua tự đánh giá, thôn đạt Tiêu chí 1, Tiêu chí 3 và Tiêu chí 4.", "bao_cao", [1, 3, 4], "met"),
    ("Kết quả: tổ dân phố đạt tiêu chí 1, 2 và 5.", "bao_cao", [1, 2, 5], "met"),
    ("Còn hạn chế ở Tiêu chí 2 và Tiêu chí 5 cần khắc phục.", "bao_cao", [2, 5], "reported"),
    ("Năm 2023, xã Tân Lập đã được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
     "ke_hoach", ["all"], "met"),
    ("Tháng 11, lập hồ sơ đề nghị xét công nhận thôn đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
     "ke_hoach", ["all"], "target"),
    ("Phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.", "bao_cao", ["all"], "target"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "criteria", "status"), CLAIMS)
def test_claim_lists_and_past_recognition(sentence: str, doc_type: str, criteria: list, status: str) -> None:
    claims = [e.value for e in find_claims(sentence, FindContext(doc_type=doc_type))]
    assert any(sorted(map(str, c["criteria"])) == sorted(map(str, criteria)) and c["status"] == status
               for c in claims), claims
