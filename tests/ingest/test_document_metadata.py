"""doc_type, issuer, number, issued_on and subject_type from realistic headers of the genre:
with and without the national motto block, the title on the heading line or under it, a mixed-case
title line, the type named only in the body, and the unit kinds TT124 recognises."""

from __future__ import annotations

import pytest

from extractor.clean import normalize_plain
from extractor.metadata import describe
from extractor.models import Page, RawDocument
from extractor.structure import parse_structure

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
BODY = (
    "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an quy định về khu dân cư, "
    "xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”.\n"
    "I. KẾT QUẢ THỰC HIỆN\n1. Công tác tuyên truyền\nĐã tổ chức 12 cuộc tuyên truyền cho 300 lượt người.\n"
)


def _info(raw_text: str):
    text = normalize_plain(raw_text)
    raw = RawDocument(source="<test>", sha256="", format="txt", pages=[Page(1, raw_text)])
    return describe(raw, text, parse_structure(text))


def _header(issuer: str, number: str, dated: str, *, motto: bool = True) -> str:
    return f"{issuer}\n{MOTTO if motto else ''}{number}\n{dated}\n"


SO_TU_PHAP = "UBND TỈNH LẠNG SƠN\nSỞ TƯ PHÁP"
DATED = "Lạng Sơn, ngày 15 tháng 6 năm 2023"

DOC_TYPES = {
    "bao_cao heading": (
        _header(SO_TU_PHAP, "Số: 125/BC-STP", DATED) + "BÁO CÁO\nKết quả xây dựng cơ quan "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự” 6 tháng đầu năm 2023\n" + BODY,
        "bao_cao",
    ),
    "bao_cao title on heading line": (
        _header(SO_TU_PHAP, "Số: 125/BC-STP", DATED, motto=False)
        + "BÁO CÁO KẾT QUẢ XÂY DỰNG CƠ QUAN ĐẠT TIÊU CHUẨN AN TOÀN VỀ AN NINH, "
        "TRẬT TỰ NĂM 2023\n" + BODY,
        "bao_cao",
    ),
    "bao_cao mixed-case title": (
        "Báo cáo kết quả xây dựng cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023\n" + BODY,
        "bao_cao",
    ),
    "bao_cao only in the body": (
        "Sở Tư pháp báo cáo kết quả xây dựng cơ quan đạt tiêu chuẩn “An toàn về an ninh, "
        "trật tự” năm 2023 như sau:\n" + BODY,
        "bao_cao",
    ),
    "ke_hoach split title": (
        _header("ỦY BAN NHÂN DÂN\nXÃ KON GANG", "Số: 58/KH-UBND", "Kon Gang, ngày 23 tháng 3 năm 2022")
        + "KẾ HOẠCH\nTriển khai thực hiện Thông tư 124 trên địa bàn xã\n"
        + BODY,
        "ke_hoach",
    ),
    "cong_van": (
        _header("UỶ BAN NHÂN DÂN\nTỈNH SƠN LA", "Số: 1234/UBND-NC", "Sơn La, ngày 5 tháng 1 năm 2026")
        + "V/v thực hiện một số nội dung công tác xây dựng phong trào\nKính gửi:\n- Công an tỉnh;\n"
        + BODY,
        "cong_van",
    ),
    "to_trinh": (
        _header("UBND XÃ CHIỀNG MUNG\nCÔNG AN XÃ", "Số: 15/TTr-CAX", "Chiềng Mung, ngày 2 tháng 12 năm 2023")
        + "TỜ TRÌNH\nVề việc đề nghị công nhận xã đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023\n"
        "Kính gửi: Ủy ban nhân dân huyện Mai Sơn.\n" + BODY,
        "to_trinh",
    ),
    "to_trinh without motto": (
        _header(
            "UBND HUYỆN MAI SƠN\nPHÒNG TƯ PHÁP",
            "Số: 7/TTr-PTP",
            "Mai Sơn, ngày 2 tháng 12 năm 2023",
            motto=False,
        )
        + "TỜ TRÌNH\nĐề nghị xét công nhận cơ quan đạt tiêu chuẩn\n"
        "Kính gửi: Ban Chỉ đạo huyện.\n" + BODY,
        "to_trinh",
    ),
    "bien_ban": (
        _header("UBND XÃ TÂN LẬP\nTHÔN BẢN CÁI", "", "Bản Cái, ngày 10 tháng 11 năm 2023")
        + "BIÊN BẢN\nHọp xét công nhận khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023\n"
        "Hôm nay, vào hồi 14 giờ ngày 10/11/2023, tại nhà văn hóa thôn Bản Cái.\n" + BODY,
        "bien_ban",
    ),
    "bien_ban body only": (
        "Hôm nay, vào hồi 8 giờ 30 phút ngày 10/11/2023, tại hội trường Sở Tư pháp, Hội đồng "
        "xét công nhận đã họp.\n" + BODY + "Biên bản kết thúc vào hồi 10 giờ cùng ngày.\n",
        "bien_ban",
    ),
    "quyet_dinh": (
        _header("ỦY BAN NHÂN DÂN\nHUYỆN MAI SƠN", "Số: 2050/QĐ-UBND", "Mai Sơn, ngày 20 tháng 12 năm 2023")
        + "QUYẾT ĐỊNH\nVề việc công nhận xã đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MAI SƠN\nCăn cứ Luật Tổ chức chính quyền địa phương;\n" + BODY,
        "quyet_dinh",
    ),
    "dang_ky": (
        _header(
            "UBND TỈNH SƠN LA\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 30/ĐK-SKHĐT", "Sơn La, ngày 4 tháng 4 năm 2022"
        )
        + "BẢN ĐĂNG KÝ\nXây dựng cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2022\n"
        "Kính gửi: Ban Chỉ đạo 138 tỉnh Sơn La.\n" + BODY,
        "dang_ky",
    ),
    "dang_ky title on heading line": (
        _header("CÔNG TY CỔ PHẦN MÍA ĐƯỜNG SƠN LA", "Số: 12/ĐK-CT", "Sơn La, ngày 4 tháng 4 năm 2022")
        + "ĐĂNG KÝ XÂY DỰNG DOANH NGHIỆP ĐẠT TIÊU CHUẨN “AN TOÀN "
        "VỀ AN NINH, TRẬT TỰ” NĂM 2022\nKính gửi: Công an tỉnh Sơn La.\n" + BODY,
        "dang_ky",
    ),
}


@pytest.mark.parametrize("case", sorted(DOC_TYPES))
def test_doc_type_from_realistic_headers(case):
    raw_text, expected = DOC_TYPES[case]
    assert _info(raw_text).doc_type == expected


def test_header_gives_issuer_number_date_and_period():
    info = _info(DOC_TYPES["bao_cao heading"][0])
    assert info.issuer == "Sở Tư pháp tỉnh Lạng Sơn"
    assert (info.number, info.issued_on, info.period, info.year) == (
        "125/BC-STP",
        "2023-06-15",
        "2023-H1",
        2023,
    )
    assert info.subject_type == "co_quan"


def test_flattened_two_column_header_line():
    # a PDF of a two-column header table comes out with both cells on one line
    raw_text = (
        "UBND TỈNH SƠN LA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc\n"
        "Số: 88/BC-STP Sơn La, ngày 3 tháng 7 năm 2023\nBÁO CÁO\nKết quả 6 tháng đầu năm 2023\n" + BODY
    )
    info = _info(raw_text)
    assert (info.doc_type, info.issuer) == ("bao_cao", "Sở Tư pháp tỉnh Sơn La")
    assert (info.number, info.issued_on) == ("88/BC-STP", "2023-07-03")


@pytest.mark.parametrize(
    ("issuer", "number", "dated", "expected"),
    [
        (
            "UBND TỈNH BẮC NINH\nCÔNG TY TNHH MAY VIỆT THẮNG",
            "Số: 21/BC-VT",
            "Bắc Ninh, ngày 12/7/2024",
            "2024-07-12",
        ),
        ("UBND THÀNH PHỐ HÀ NỘI\nSỞ TƯ PHÁP", "Số: 305/KH-STP", "Hà Nội, ngày 05-3-2025", "2025-03-05"),
        (
            "UBND HUYỆN MAI SƠN\nUBND XÃ CHIỀNG BAN",
            "Số: 44/BC-UBND",
            "Chiềng Ban, ngày 30.11.2023",
            "2023-11-30",
        ),
        # the blank template of a draft stays blank, and an impossible date is not invented
        ("UỶ BAN NHÂN DÂN\nTỈNH SƠN LA", "Số: /UBND-NC", "Sơn La, ngày tháng năm 2026", None),
        ("UBND TỈNH SƠN LA\nSỞ TƯ PHÁP", "Số: 9/BC-STP", "Sơn La, ngày 31/02/2024", None),
    ],
)
def test_numeric_and_blank_dates_in_the_place_date_line(issuer, number, dated, expected):
    info = _info(_header(issuer, number, dated) + "BÁO CÁO\nKết quả thực hiện năm 2024\n" + BODY)
    assert info.issued_on == expected


def test_numeric_place_date_on_the_number_line_of_a_flattened_header():
    raw_text = (
        "UBND TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG TY CP KÍNH ĐÁP CẦU Độc lập - Tự do - "
        "Hạnh phúc\nSố: 17/BC-KĐC Bắc Ninh, ngày 12/7/2024\nBÁO CÁO\nKết quả 6 tháng đầu năm 2024\n" + BODY
    )
    info = _info(raw_text)
    assert (info.number, info.issued_on, info.year) == ("17/BC-KĐC", "2024-07-12", 2024)


SUBJECTS = {
    "Trường THCS Nguyễn Du": ("PHÒNG GD&ĐT HUYỆN MAI SƠN\nTRƯỜNG THCS NGUYỄN DU", "co_so_giao_duc"),
    "Trường THPT Chu Văn An": ("SỞ GIÁO DỤC VÀ ĐÀO TẠO SƠN LA\nTRƯỜNG THPT CHU VĂN AN", "co_so_giao_duc"),
    "Trường Tiểu học Kim Đồng": ("PHÒNG GD&ĐT THÀNH PHỐ SƠN LA\nTRƯỜNG TIỂU HỌC KIM ĐỒNG", None),
    "Trường Mầm non Hoa Sen": ("UBND HUYỆN MAI SƠN\nTRƯỜNG MẦM NON HOA SEN", None),
    "Công ty TNHH Hoàng Phát": ("CÔNG TY TNHH HOÀNG PHÁT", "doanh_nghiep"),
    "Thôn Bản Cái": ("UBND XÃ TÂN LẬP\nTHÔN BẢN CÁI", "khu_dan_cu"),
    "Tổ dân phố 5": ("UBND PHƯỜNG CHIỀNG LỀ\nTỔ DÂN PHỐ 5", "khu_dan_cu"),
    "Khu phố 3": ("UBND PHƯỜNG TÂN PHONG\nKHU PHỐ 3", "khu_dan_cu"),
    "Ấp Tân Hòa": ("UBND XÃ LONG HẬU\nẤP TÂN HÒA", "khu_dan_cu"),
    "Ủy ban nhân dân xã Kon Gang": ("ỦY BAN NHÂN DÂN\nXÃ KON GANG", "xa"),
    "Ủy ban nhân dân phường Chiềng Lề": ("ỦY BAN NHÂN DÂN\nPHƯỜNG CHIỀNG LỀ", "xa"),
    "Ủy ban nhân dân thị trấn Hát Lót": ("UỶ BAN NHÂN DÂN\nTHỊ TRẤN HÁT LÓT", "xa"),
    "Sở Tư pháp tỉnh Sơn La": ("UBND TỈNH SƠN LA\nSỞ TƯ PHÁP", "co_quan"),
    "Ban Dân tộc tỉnh Sơn La": ("UBND TỈNH SƠN LA\nBAN DÂN TỘC", "co_quan"),
    "Chi cục Thuế khu vực Mai Sơn": ("CỤC THUẾ TỈNH SƠN LA\nCHI CỤC THUẾ KHU VỰC MAI SƠN", "co_quan"),
    "Cục Thống kê tỉnh Sơn La": ("CỤC THỐNG KÊ TỈNH SƠN LA", "co_quan"),
}


@pytest.mark.parametrize("issuer", sorted(SUBJECTS))
def test_subject_type_from_the_issuer_block(issuer):
    block, expected = SUBJECTS[issuer]
    info = _info(
        _header(block, "Số: 10/BC-XX", "Sơn La, ngày 1 tháng 12 năm 2023")
        + "BÁO CÁO\nKết quả thực hiện năm 2023\n"
        + BODY
    )
    assert info.issuer == issuer
    assert info.subject_type == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Trường THCS Lê Lợi báo cáo kết quả thực hiện năm 2023 như sau:", "co_so_giao_duc"),
        ("Công ty Cổ phần Xi măng Mai Sơn báo cáo kết quả năm 2023 như sau:", "doanh_nghiep"),
        ("Ủy ban nhân dân xã Chiềng Ban báo cáo kết quả năm 2023 như sau:", "xa"),
    ],
)
def test_subject_type_from_the_opening_sentence(opening, expected):
    assert _info(opening + "\n" + BODY).subject_type == expected
