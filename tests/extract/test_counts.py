"""Counts: numbers with their unit, percentages, ratios, breakdowns, zero claims, modality."""

from pathlib import Path

import pytest

from extractor.clean import normalize_plain
from extractor.find_counts import find_counts
from extractor.nlp import FindContext

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def _seed(name: str) -> str:
    return normalize_plain((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def _by_text(text: str, doc_type: str | None = "bao_cao") -> dict[str, dict]:
    return {e.text: e.value for e in find_counts(text, FindContext(doc_type=doc_type))}


def test_report_results_of_so_tu_phap_son_la() -> None:
    counts = _by_text(_seed("so-tu-phap-son-la-bao-cao-6-thang-2023"))
    assert counts["3.460 cuộc tuyên truyền pháp luật"]["value"] == 3460
    assert counts["3.460 cuộc tuyên truyền pháp luật"]["unit"] == "cuộc tuyên truyền pháp luật"
    assert counts["200.680 lượt người nghe"]["value"] == 200680
    assert counts["1.524 phiếu lý lịch Tư pháp"]["unit"] == "phiếu lý lịch tư pháp"
    assert counts["04 lượt công dân"]["value"] == 4
    assert all(v["modality"] == "actual" for v in counts.values() if v["value"])
    zero = counts["không có vụ cháy nổ nào"]
    assert (zero["value"], zero["unit"], zero["modality"]) == (0, "vụ cháy nổ", "zero")
    assert counts["không có trường hợp nào"]["unit"] == "trường hợp"


def test_breakdown_points_at_its_total() -> None:
    items = find_counts("Sở tiếp nhận 05 đơn (01 đơn tố cáo, 04 đơn phản ánh, kiến nghị), kỳ trước chuyển sang 01 đơn.")
    total, first, second, carried = items
    assert (total.text, total.value["parent"]) == ("05 đơn", None)
    assert first.value["unit"] == "đơn tố cáo" and first.value["parent"] == total.start
    assert second.value["unit"] == "đơn phản ánh, kiến nghị" and second.value["parent"] == total.start
    assert carried.value["parent"] is None


def test_percentages_comparators_and_inherited_unit_in_a_plan() -> None:
    counts = _by_text(_seed("so-tu-phap-lang-son-ke-hoach-2025"), "ke_hoach")
    over = counts["trên 90% tập thể"]
    assert over["unit"] == "tập thể"  # a percentage of people stops at the first noun
    assert (over["value"], over["percent"], over["comparator"], over["modality"]) == (90, True, ">", "target")
    inner = counts["trên 80%"]
    assert inner["unit"] == "công chức" and inner["comparator"] == ">"
    # a bare classifier takes the noun phrase after it (underthesea delimits it)
    assert counts["01 lớp thực tập phương án"] == {"value": 1, "unit": "lớp thực tập phương án", "percent": False,
                                                  "comparator": None,
                                "modality": "target", "parent": None, "total": None}


def test_ratio_and_requirement_in_the_so_khdt_report() -> None:
    counts = _by_text(_seed("so-khdt-bao-cao-ket-qua-2022"))
    assert counts["07/07 phòng"]["value"] == 7 and counts["07/07 phòng"]["total"] == 7
    assert counts["07/07 phòng"]["modality"] == "target"  # "Dự kiến"
    assert counts["05/05 tiêu chí"]["modality"] == "actual"
    requirement = counts["70% trở lên số đầu mối trực thuộc"]
    assert (requirement["comparator"], requirement["modality"]) == (">=", "target")
    assert counts["ít nhất 01 mô hình"]["modality"] == "actual"  # a report stating what it has
    assert counts["không để xảy ra cháy, nổ nghiêm trọng"]["modality"] == "zero"


def test_nothing_counted_in_numbers_that_are_labels() -> None:
    text = _seed("xa-kon-gang-ke-hoach-tt124")
    found = {e.text for e in find_counts(text, FindContext(doc_type="ke_hoach"))}
    assert not any("điểm" in t for t in found)  # the 510 scale's points are rules, not evidence
    assert "100% hộ gia đình" in found and "từ 70% trở lên" in found
    for text in [
        "1. Tổ chức phổ biến cho cán bộ.", "Điều 5 khoản 2 Thông tư 124.", "Tiêu chí 3: Không để xảy ra.",
        "Camera hoạt động liên tục 24/24 giờ.", "Lưu: VT, VP.T(02).", "Phòng PV04 – Công an tỉnh;",
        "trong năm 2023 cán bộ được học tập", "Liên hệ 0912.345.678 để được hỗ trợ.", "một số cán bộ",
        "Mỗi cơ quan là một đầu mối đăng ký.", "chỉ áp dụng trừ điểm 1 lần",
    ]:
        assert find_counts(text) == [], text


def test_taken_spans_are_left_to_dates_and_references() -> None:
    text = "Thực hiện Kế hoạch số 48/KH-UBND, tổ chức 12 lớp tập huấn."
    start = text.index("48/KH-UBND")
    found = find_counts(text, taken=[(start, start + len("48/KH-UBND"))])
    assert [(e.text, e.value["value"]) for e in found] == [("12 lớp tập huấn", 12)]


@pytest.mark.parametrize(
    ("text", "doc_type", "surface", "value", "unit", "modality"),
    [
        ("Kết quả đã tổ chức 3.460 cuộc tuyên truyền.", "bao_cao", "3.460 cuộc tuyên truyền", 3460,
         "cuộc tuyên truyền", "actual"),
        ("Toàn xã có 1.250 lượt người tham gia.", "bao_cao", "1.250 lượt người tham gia", 1250,
         "lượt người tham gia", "actual"),
        ("Thôn đã vận động hai mươi lăm hộ gia đình ký cam kết.", "bao_cao", "hai mươi lăm hộ gia đình", 25,
         "hộ gia đình", "actual"),
        ("Phấn đấu 100% hộ gia đình ký cam kết.", "bao_cao", "100% hộ gia đình", 100, "hộ gia đình", "target"),
        ("Năm 2024 có trên 95% học sinh được tuyên truyền.", "bao_cao", "trên 95% học sinh", 95, "học sinh",
         "actual"),
        ("Trong năm không có vụ việc nào phức tạp.", "bao_cao", "không có vụ việc nào", 0, "vụ việc", "zero"),
        ("Công ty đã hỗ trợ 150 triệu đồng cho quỹ.", "bao_cao", "150 triệu đồng", 150_000_000, "đồng", "actual"),
        ("Tỷ lệ người lao động được đóng bảo hiểm xã hội đạt 98,5%.", "bao_cao", "98,5%", 98.5,
         "người lao động", "actual"),
        ("Hằng năm tổ chức ít nhất 02 buổi sinh hoạt chuyên đề.", "ke_hoach", "ít nhất 02 buổi sinh hoạt", 2,
         "buổi sinh hoạt", "target"),
        ("Ban Chỉ đạo đã thành lập ba tổ tự quản.", "bao_cao", "ba tổ tự quản", 3, "tổ tự quản", "actual"),
    ],
)
def test_genre_habits(text: str, doc_type: str, surface: str, value: float, unit: str, modality: str) -> None:
    counts = _by_text(text, doc_type)
    assert surface in counts, counts
    assert (counts[surface]["value"], counts[surface]["unit"], counts[surface]["modality"]) == (value, unit, modality)


def test_report_section_of_next_tasks_holds_targets() -> None:
    text = (
        "I. KẾT QUẢ THỰC HIỆN\nTrong năm, xã tổ chức 12 buổi tuyên truyền.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\nTổ chức 15 buổi tuyên truyền."
    )
    assert [e.value["modality"] for e in find_counts(text, FindContext(doc_type="bao_cao"))] == ["actual", "target"]


def test_spacy_component_skips_evidence_already_found() -> None:
    import spacy

    import extractor.find_counts  # noqa: F401 - registers the component
    from extractor.models import Evidence

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("minhchung_counts")
    text = "Dự kiến 07/07 phòng hoàn thành nhiệm vụ; ngày 07/07 tổ chức 02 cuộc họp."
    doc = nlp.make_doc(text)
    date_start = text.index("07/07 tổ")
    doc._.context = FindContext(doc_type="bao_cao")
    doc._.evidence = [Evidence("date", "07/07", date_start, date_start + 5, {}, 0.9, "dates")]
    doc = nlp.get_pipe("minhchung_counts")(doc)
    counts = [e for e in doc._.evidence if e.kind == "count"]
    assert [(e.text, e.value["value"]) for e in counts] == [("07/07 phòng", 7), ("02 cuộc họp", 2)]
    assert [span._.evidence.text for span in doc.spans["count"]] == ["07/07 phòng", "02 cuộc họp"]
