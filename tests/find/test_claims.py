"""Criterion claims on the seeds and on the genre's other habits."""

from pathlib import Path

import pytest

from extractor.clean import normalize_plain
from extractor.find.claims import find_claims
from extractor.nlp import FindContext

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def _seed(name: str) -> str:
    return normalize_plain((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def _claims(text: str, doc_type: str | None = None) -> list[tuple[str, list, str]]:
    return [
        (e.text, e.value["criteria"], e.value["status"])
        for e in find_claims(text, FindContext(doc_type=doc_type))
    ]


def test_report_of_so_khdt_claims_all_five_criteria() -> None:
    items = find_claims(_seed("so-khdt-bao-cao-ket-qua-2022"), FindContext(doc_type="bao_cao"))
    headings = [e.value["criteria"] for e in items if e.value["status"] == "reported"]
    assert headings == [[1], [2], [3], [4], [5]]
    ratio = next(e for e in items if e.text == "đạt 05/05 tiêu chí")
    assert ratio.value == {
        "criteria": ["all"],
        "status": "met",
        "year": 2022,
        "count_met": 5,
        "count_total": 5,
    }
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
    assert any(
        e.text.startswith("xây dựng cơ quan đạt tiêu chuẩn") and e.value["year"] == 2025 for e in items
    )


def test_law_wording_and_procedures_are_not_claims() -> None:
    assert _claims(_seed("xa-kon-gang-ke-hoach-tt124"), "ke_hoach") == []
    assert _claims(_seed("ubnd-son-la-cong-van-2026"), "cong_van") == []
    report = _claims(_seed("so-tu-phap-son-la-bao-cao-6-thang-2023"), "bao_cao")
    assert all(status == "target" for _text, _criteria, status in report)
    assert (
        len(report) == 2
    )  # "phấn đấu đạt …" and "chuẩn bị hồ sơ đề nghị … công nhận …", not the law's title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đơn vị đạt 4/5 tiêu chí, chưa đạt tiêu chí 3.",
            [("đạt 4/5 tiêu chí", ["all"], "not_met"), ("chưa đạt tiêu chí 3", [3], "not_met")],
        ),
        ("Năm 2024, nhà trường đạt tiêu chí 1, 2 và 4.", [("đạt tiêu chí 1, 2 và 4", [1, 2, 4], "met")]),
        (
            "Kính đề nghị UBND huyện xét, công nhận Trường THCS Lê Lợi đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
            [("đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "met")],
        ),
        (
            "UBND xã ban hành Kế hoạch số 08/KH-UBND và đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, "
            "trật tự” gửi Công an huyện.",
            [("đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")],
        ),
        ("Khu dân cư có đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", []),
        (
            "Năm 2023, khu dân cư không đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
            [("không đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023", ["all"], "not_met")],
        ),
    ],
)
def test_genre_habits(text: str, expected: list) -> None:
    assert _claims(text, "bao_cao") == expected


def test_self_assessment_lines_follow_their_criterion() -> None:
    text = "Tiêu chí 2: Triển khai đầy đủ các chủ trương.\nTự đánh giá: Đạt.\nTiêu chí 3: Có 01 vụ trộm.\nTự đánh giá: Chưa đạt."
    verdicts = [(c, s) for _t, c, s in _claims(text, "bao_cao") if s != "reported"]
    assert verdicts == [([2], "met"), ([3], "not_met")]


# ---------------------------------------------------------------- the genre's other habits
# Claims as xã, khu dân cư, trường học and doanh nghiệp write them (habits the gold corpus does not hold).


# (text, doc_type, expected claims)
GENRE_CLAIMS = [
    ("3. Tiêu chí 3: Không để xảy ra khiếu kiện đông người.", "bao_cao", [("Tiêu chí 3", [3], "reported")]),
    (
        "Đối chiếu Điều 5 Thông tư 124, xã đạt 05/05 tiêu chí.",
        "bao_cao",
        [("đạt 05/05 tiêu chí", ["all"], "met")],
    ),
    (
        "Thôn tự đánh giá đạt 4/5 tiêu chí, chưa đạt tiêu chí 5.",
        "bao_cao",
        [("đạt 4/5 tiêu chí", ["all"], "not_met"), ("chưa đạt tiêu chí 5", [5], "not_met")],
    ),
    (
        "Năm 2023, cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
        "bao_cao",
        [("đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023", ["all"], "met")],
    ),
    (
        "Tiêu chí 2: Triển khai đầy đủ các chủ trương.\nTự đánh giá: Đạt.",
        "bao_cao",
        [("Tiêu chí 2", [2], "reported"), ("Tự đánh giá: Đạt", [2], "met")],
    ),
    (
        "Tháng 5/2025: tổng kết, đề nghị công nhận trường đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
        "ke_hoach",
        [("đề nghị công nhận trường đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")],
    ),
    (
        "KẾ HOẠCH\nXây dựng trường học đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm học 2024 - 2025",
        "ke_hoach",
        [("Xây dựng trường học đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")],
    ),
    (
        "Năm 2022, không có trường hợp xảy ra theo Tiêu chí 3 như đã nêu.",
        "bao_cao",
        [("không có trường hợp xảy ra theo Tiêu chí 3", [3], "met")],
    ),
    (
        "Chi cục đã đạt Tiêu chí 1, Tiêu chí 2 và Tiêu chí 3; riêng Tiêu chí 4 đang chờ kết quả.",
        "bao_cao",
        [("đạt Tiêu chí 1, Tiêu chí 2 và Tiêu chí 3", [1, 2, 3], "met"), ("Tiêu chí 4", [4], "reported")],
    ),
    (
        "Mục tiêu: phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
        "ke_hoach",
        [("phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”", ["all"], "target")],
    ),
    (
        "Tuyên truyền ý nghĩa của việc xây dựng cơ quan đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
        "ke_hoach",
        [],
    ),
    (
        "Ủy ban nhân dân cấp xã ra quyết định công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
        "ke_hoach",
        [],
    ),
]


@pytest.mark.parametrize(("text", "doc_type", "expected"), GENRE_CLAIMS)
def test_claims_of_the_genre(text: str, doc_type: str, expected: list) -> None:
    assert _claims(text, doc_type) == expected


# Claim lists on any criteria and a past recognition (sentences written for these tests).


# (sentence, doc_type, criteria, status)
CLAIM_LISTS = [
    ("Qua tự đánh giá, thôn đạt Tiêu chí 1, Tiêu chí 3 và Tiêu chí 4.", "bao_cao", [1, 3, 4], "met"),
    ("Kết quả: tổ dân phố đạt tiêu chí 1, 2 và 5.", "bao_cao", [1, 2, 5], "met"),
    ("Còn hạn chế ở Tiêu chí 2 và Tiêu chí 5 cần khắc phục.", "bao_cao", [2, 5], "reported"),
    (
        "Năm 2023, xã Tân Lập đã được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023.",
        "ke_hoach",
        ["all"],
        "met",
    ),
    (
        "Tháng 11, lập hồ sơ đề nghị xét công nhận thôn đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
        "ke_hoach",
        ["all"],
        "target",
    ),
    ("Phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.", "bao_cao", ["all"], "target"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "criteria", "status"), CLAIM_LISTS)
def test_claim_lists_and_past_recognition(sentence: str, doc_type: str, criteria: list, status: str) -> None:
    claims = [e.value for e in find_claims(sentence, FindContext(doc_type=doc_type))]
    assert any(
        sorted(map(str, c["criteria"])) == sorted(map(str, criteria)) and c["status"] == status
        for c in claims
    ), claims


# ---------------------------------------------------------------- wordings the gold corpus does not hold
# Sentences written for these tests, covering the four kinds of unit (khu dân cư, xã/phường, cơ quan/doanh
# nghiệp, cơ sở giáo dục) and the documents of a recognition dossier: kế hoạch, bản đăng ký, báo cáo, biên bản,
# tờ trình. A met claim on the whole standard runs from "đạt" through its year, an aim from its opener
# through the standard's name, a failure from its negation; claims about the unit's sub-units
# ("12/14 khu dân cư được công nhận …") are counts, not claims.

STANDARD = "“An toàn về an ninh, trật tự”"


def _met(year: int) -> tuple[str, list, str]:
    return (f"đạt tiêu chuẩn {STANDARD} năm {year}", ["all"], "met")


# A tờ trình asks for recognition of the unit: its title and its request assert the unit qualifies.
TO_TRINH = [
    (f"TỜ TRÌNH Về việc đề nghị công nhận xã Hòa Phong đạt tiêu chuẩn {STANDARD} năm 2024", [_met(2024)]),
    (
        f"TỜ TRÌNH\nVề việc đề nghị xét, công nhận Trường Tiểu học Kim Đồng đạt tiêu chuẩn {STANDARD} năm 2023",
        [_met(2023)],
    ),
    (
        "TỜ TRÌNH\nV/v đề nghị công nhận khu dân cư Ấp 3 đạt chuẩn “An toàn về ANTT” năm 2025",
        [("đạt chuẩn “An toàn về ANTT” năm 2025", ["all"], "met")],
    ),
    (f"TỜ TRÌNH V/v đề nghị công nhận Công ty TNHH Phú Gia đạt tiêu chuẩn {STANDARD} năm 2024", [_met(2024)]),
    (
        f"UBND xã Tân Lập kính trình UBND huyện xem xét, công nhận xã Tân Lập đạt tiêu chuẩn {STANDARD} năm 2024.",
        [_met(2024)],
    ),
    (
        f"Ban Giám hiệu kính trình Phòng Giáo dục và Đào tạo xét, công nhận Trường Mầm non Hoa Mai đạt tiêu chuẩn "
        f"{STANDARD} năm học 2024 - 2025.",
        [(f"đạt tiêu chuẩn {STANDARD}", ["all"], "met")],
    ),
    (
        f"Công ty báo cáo chưa đủ điều kiện đề nghị công nhận đạt tiêu chuẩn {STANDARD} năm 2024, sẽ tiếp tục "
        "khắc phục trong năm tiếp theo.",
        [(f"chưa đủ điều kiện đề nghị công nhận đạt tiêu chuẩn {STANDARD} năm 2024", ["all"], "not_met")],
    ),
    (
        f"Căn cứ kết quả thực hiện các tiêu chí năm 2024, UBND phường kính trình UBND quận xét, công nhận phường "
        f"Thạch Thang đạt tiêu chuẩn {STANDARD} năm 2024.",
        [_met(2024)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TO_TRINH)
def test_to_trinh_requests_claim_the_standard(text: str, expected: list) -> None:
    assert _claims(text, "to_trinh") == expected


# Self-assessment: verdict lines, self-scored ratios, "đủ điều kiện đề nghị công nhận".
SELF_ASSESSMENT = [
    ("Kết quả tự chấm: đạt 5/5 tiêu chí.", [("đạt 5/5 tiêu chí", ["all"], "met")]),
    (
        "Kết quả tự đánh giá: đạt 04/05 tiêu chí, chưa đạt tiêu chí 3.",
        [("đạt 04/05 tiêu chí", ["all"], "not_met"), ("chưa đạt tiêu chí 3", [3], "not_met")],
    ),
    ("Tự đánh giá: Đạt 04/04 tiêu chí.", [("Đạt 04/04 tiêu chí", ["all"], "met")]),
    ("Kết quả: đạt cả 05 tiêu chí theo quy định.", [("đạt cả 05 tiêu chí", ["all"], "met")]),
    ("III. TỰ ĐÁNH GIÁ\nTự đánh giá chung: Đạt.", [("Tự đánh giá chung: Đạt", ["all"], "met")]),
    (
        "Tiêu chí 1: Chi bộ có nghị quyết.\nTự đánh giá: Đạt.\nIII. KẾT LUẬN\nTự đánh giá chung: Chưa đạt.",
        [
            ("Tiêu chí 1", [1], "reported"),
            ("Tự đánh giá: Đạt", [1], "met"),
            ("Tự đánh giá chung: Chưa đạt", ["all"], "not_met"),
        ],
    ),
    (
        f"Qua tự đánh giá, cơ quan đủ điều kiện đề nghị công nhận đạt tiêu chuẩn {STANDARD} năm 2024.",
        [_met(2024)],
    ),
    (
        "Tự đánh giá: khu dân cư đủ điều kiện đề nghị công nhận.",
        [("đủ điều kiện đề nghị công nhận", ["all"], "met")],
    ),
    (
        "Thôn Nà Lừa chưa đủ điều kiện đề nghị xét công nhận do còn 01 vụ trộm cắp chưa làm rõ.",
        [("chưa đủ điều kiện đề nghị xét công nhận", ["all"], "not_met")],
    ),
    (
        "Xã Ea Tiêu tự đánh giá đạt 05/05 tiêu chí theo quy định tại Điều 5 Thông tư số 124/2021/TT-BCA.",
        [("đạt 05/05 tiêu chí", ["all"], "met")],
    ),
    ("4. Tiêu chí 4: Đạt.", [("Tiêu chí 4: Đạt", [4], "met")]),
    ("- Tiêu chí 2: Chưa đạt.", [("Tiêu chí 2: Chưa đạt", [2], "not_met")]),
]


@pytest.mark.parametrize(("text", "expected"), SELF_ASSESSMENT)
def test_self_assessment(text: str, expected: list) -> None:
    assert _claims(text, "bao_cao") == expected


# Failures, and a criterion named before its status.
NOT_MET = [
    (
        "Khu dân cư đạt 04/05 tiêu chí, chưa đạt tiêu chí 3.",
        [("đạt 04/05 tiêu chí", ["all"], "not_met"), ("chưa đạt tiêu chí 3", [3], "not_met")],
    ),
    (
        "Trường chưa đạt Tiêu chí thứ ba do có 01 học sinh vi phạm pháp luật.",
        [("chưa đạt Tiêu chí thứ ba", [3], "not_met")],
    ),
    (
        "Phường chưa đạt tiêu chí số 3 và tiêu chí số 5.",
        [("chưa đạt tiêu chí số 3 và tiêu chí số 5", [3, 5], "not_met")],
    ),
    (
        "Phường đạt 4/5 tiêu chí (Tiêu chí 4 chưa đạt do tội phạm tăng so với năm trước).",
        [("đạt 4/5 tiêu chí", ["all"], "not_met"), ("Tiêu chí 4 chưa đạt", [4], "not_met")],
    ),
    (
        "Có 04/05 tiêu chí đạt, tiêu chí 2 chưa đạt.",
        [("04/05 tiêu chí đạt", ["all"], "not_met"), ("tiêu chí 2 chưa đạt", [2], "not_met")],
    ),
    (
        "Riêng tiêu chí 2 không đạt do còn 01 vụ khiếu kiện đông người.",
        [("tiêu chí 2 không đạt", [2], "not_met")],
    ),
    ("Đánh giá chung: 05/05 tiêu chí đều đạt.", [("05/05 tiêu chí đều đạt", ["all"], "met")]),
    (
        f"Xã chưa đạt tiêu chuẩn {STANDARD} năm 2023 do để xảy ra 01 vụ giết người.",
        [(f"chưa đạt tiêu chuẩn {STANDARD} năm 2023", ["all"], "not_met")],
    ),
    (
        f"Năm 2023, tổ dân phố không được công nhận đạt tiêu chuẩn {STANDARD} năm 2023.",
        [(f"không được công nhận đạt tiêu chuẩn {STANDARD} năm 2023", ["all"], "not_met")],
    ),
    (
        "Không để xảy ra trường hợp nào quy định tại Tiêu chí 3.",
        [("Không để xảy ra trường hợp nào quy định tại Tiêu chí 3", [3], "met")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_MET)
def test_failures_and_postposed_status(text: str, expected: list) -> None:
    assert _claims(text, "bao_cao") == expected


# The same words are goals in a kế hoạch or bản đăng ký and results in a báo cáo, unless the plan recalls
# last year's results.
PLANS_AND_REPORTS = [
    (
        "ke_hoach",
        "Phấn đấu đạt 05/05 tiêu chí theo Điều 5 Thông tư 124.",
        [("đạt 05/05 tiêu chí", ["all"], "target")],
    ),
    (
        "ke_hoach",
        "Mục tiêu: đạt 04/04 tiêu chí về an ninh, trật tự.",
        [("đạt 04/04 tiêu chí", ["all"], "target")],
    ),
    (
        "ke_hoach",
        "Năm 2025, nhà trường phấn đấu đạt tiêu chí 1, 2, 3 và 4.",
        [("đạt tiêu chí 1, 2, 3 và 4", [1, 2, 3, 4], "target")],
    ),
    (
        "bao_cao",
        "Năm 2024, cơ quan đã đạt tiêu chí 1 và tiêu chí 2.",
        [("đạt tiêu chí 1 và tiêu chí 2", [1, 2], "met")],
    ),
    (
        "ke_hoach",
        "Năm 2024, trường đã đạt tiêu chí 1, 2 và 3.",
        [("đạt tiêu chí 1, 2 và 3", [1, 2, 3], "met")],
    ),
    ("ke_hoach", "Năm 2024, cơ quan đã đạt đủ các tiêu chí.", [("đạt đủ các tiêu chí", ["all"], "met")]),
    (
        "ke_hoach",
        "Năm 2024, cơ quan chưa đạt tiêu chí 4 do có cán bộ bị kỷ luật; năm 2025 phấn đấu đạt đủ 04/04 "
        "tiêu chí.",
        [("chưa đạt tiêu chí 4", [4], "not_met"), ("đạt đủ 04/04 tiêu chí", ["all"], "target")],
    ),
    (
        "ke_hoach",
        f"Năm 2024, đơn vị đã đạt 05/05 tiêu chí và được công nhận đạt tiêu chuẩn {STANDARD} năm 2024.",
        [("đạt 05/05 tiêu chí", ["all"], "met"), _met(2024)],
    ),
    (
        "ke_hoach",
        "2. Tiêu chí 2: Phấn đấu tổ chức ít nhất 04 buổi tuyên truyền pháp luật.",
        [("Tiêu chí 2", [2], "reported")],
    ),
    (
        "dang_ky",
        f"BẢN ĐĂNG KÝ Xây dựng cơ quan đạt tiêu chuẩn {STANDARD} năm 2025",
        [(f"Xây dựng cơ quan đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "dang_ky",
        f"BẢN ĐĂNG KÝ\nXây dựng doanh nghiệp đạt tiêu chuẩn {STANDARD} năm 2025",
        [(f"Xây dựng doanh nghiệp đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "dang_ky",
        f"Công ty TNHH Minh Long đăng ký phấn đấu đạt tiêu chuẩn {STANDARD} năm 2025 với các tiêu chí sau:",
        [(f"đăng ký phấn đấu đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "dang_ky",
        f"Trường Mầm non Sơn Ca đăng ký xây dựng trường học đạt tiêu chuẩn {STANDARD} năm học 2024 - 2025.",
        [(f"đăng ký xây dựng trường học đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    ("dang_ky", "Cam kết thực hiện đầy đủ các tiêu chí đã đăng ký./.", []),
    (
        "bao_cao",
        f"III. PHƯƠNG HƯỚNG NĂM 2025\nTiếp tục phấn đấu đạt tiêu chuẩn {STANDARD} năm 2025.",
        [(f"phấn đấu đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "bao_cao",
        f"Tiếp tục duy trì các tiêu chí, phấn đấu cuối năm 2024 được công nhận đạt tiêu chuẩn {STANDARD}.",
        [(f"đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "ke_hoach",
        f"Phấn đấu năm 2025 Ấp Bình An đạt tiêu chuẩn {STANDARD}.",
        [(f"đạt tiêu chuẩn {STANDARD}", ["all"], "target")],
    ),
    (
        "bao_cao",
        f"Năm 2023, Trung tâm được UBND huyện công nhận đạt tiêu chuẩn {STANDARD} năm 2023.",
        [_met(2023)],
    ),
]


@pytest.mark.parametrize(("doc_type", "text", "expected"), PLANS_AND_REPORTS)
def test_plans_and_reports(doc_type: str, text: str, expected: list) -> None:
    assert _claims(text, doc_type) == expected


# Biên bản of the recognition meeting: the meeting's decision is the claim, its title is not.
BIEN_BAN = [
    (
        f"Hội nghị thống nhất 100% đề nghị công nhận Tổ dân phố 7 đạt tiêu chuẩn {STANDARD} năm 2024.",
        [_met(2024)],
    ),
    (
        f"Hội nghị thống nhất Khu phố 2 chưa đạt tiêu chuẩn {STANDARD} năm 2024.",
        [(f"chưa đạt tiêu chuẩn {STANDARD} năm 2024", ["all"], "not_met")],
    ),
    (f"BIÊN BẢN Họp xét, đánh giá kết quả xây dựng khu dân cư đạt tiêu chuẩn {STANDARD} năm 2024", []),
    (
        f"Kết quả biểu quyết: 25/25 đại biểu (100%) đồng ý đề nghị công nhận thôn Đông đạt tiêu chuẩn {STANDARD} "
        "năm 2023.",
        [_met(2023)],
    ),
    (
        "Đối chiếu với Điều 4 Thông tư số 124/2021/TT-BCA, Khu dân cư số 3 đạt 4/4 tiêu chí.",
        [("đạt 4/4 tiêu chí", ["all"], "met")],
    ),
    (
        "Đồng thời, thôn Đông đạt tiêu chí điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BIEN_BAN)
def test_bien_ban_decisions(text: str, expected: list) -> None:
    assert _claims(text, "bien_ban") == expected


# Claims about the unit's sub-units (khu dân cư of a xã, đầu mối of a cơ quan) and the law's own wording
# are not claims about the unit.
NOT_CLAIMS = [
    ("bao_cao", f"Trong năm, 12/14 khu dân cư được công nhận đạt tiêu chuẩn {STANDARD} năm 2024.", []),
    ("bao_cao", f"Toàn xã có 85% khu dân cư đạt tiêu chuẩn {STANDARD} năm 2024.", []),
    (
        "ke_hoach",
        f"Phấn đấu có từ 70% trở lên số khu dân cư trên địa bàn được công nhận đạt tiêu chuẩn {STANDARD} "
        "năm 2025.",
        [],
    ),
    ("bao_cao", f"Có 02 thôn chưa đạt tiêu chuẩn {STANDARD} năm 2024 do để xảy ra trọng án.", []),
    ("bao_cao", f"Đề nghị UBND xã công nhận 03 khu dân cư đạt tiêu chuẩn {STANDARD} năm 2024.", []),
    ("bao_cao", "Có 02 khu dân cư chưa đạt tiêu chí 3 do xảy ra trộm cắp tài sản.", []),
    ("bao_cao", f"Các trường học trên địa bàn đều đăng ký xây dựng đạt tiêu chuẩn {STANDARD} năm 2024.", []),
    (
        "ke_hoach",
        f"Thực hiện Thông tư số 124/2021/TT-BCA quy định khu dân cư, xã, phường, thị trấn, cơ quan, doanh "
        f"nghiệp, cơ sở giáo dục đạt tiêu chuẩn {STANDARD};",
        [],
    ),
    (
        "cong_van",
        "Hồ sơ đề nghị công nhận gồm: tờ trình, biên bản họp xét, báo cáo kết quả thực hiện các tiêu chí.",
        [],
    ),
    (
        "cong_van",
        f"UBND cấp xã xét, ra quyết định công nhận cơ quan, doanh nghiệp đạt tiêu chuẩn {STANDARD}.",
        [],
    ),
    ("cong_van", f"Tờ trình đề nghị công nhận khu dân cư đạt tiêu chuẩn {STANDARD} (theo mẫu).", []),
    ("bao_cao", "Trong năm 2024, 100% lớp học đạt danh hiệu “Lớp học an toàn”.", []),
]


@pytest.mark.parametrize(("doc_type", "text", "expected"), NOT_CLAIMS)
def test_sub_units_and_law_wording_are_not_claims(doc_type: str, text: str, expected: list) -> None:
    assert _claims(text, doc_type) == expected


def test_a_whole_to_trinh_claims_once_per_request() -> None:
    text = (
        "UỶ BAN NHÂN DÂN\nXÃ HÒA PHONG\nSố: 45/TTr-UBND\nHòa Phong, ngày 20 tháng 11 năm 2024\n"
        f"TỜ TRÌNH\nVề việc đề nghị công nhận xã Hòa Phong đạt tiêu chuẩn {STANDARD} năm 2024\n"
        "Kính gửi: Ủy ban nhân dân huyện Hòa Vang.\n"
        "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an;\n"
        "Qua tự đánh giá, xã Hòa Phong đạt 05/05 tiêu chí theo Điều 5 Thông tư số 124/2021/TT-BCA.\n"
        f"UBND xã Hòa Phong kính trình UBND huyện xem xét, công nhận xã Hòa Phong đạt tiêu chuẩn {STANDARD} "
        "năm 2024./.\n"
    )
    assert _claims(text, "to_trinh") == [_met(2024), ("đạt 05/05 tiêu chí", ["all"], "met"), _met(2024)]
