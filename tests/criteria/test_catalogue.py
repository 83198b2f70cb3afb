"""The law as data: every TT124 criterion of Art. 4–7, with honest certainty and sources."""

from __future__ import annotations

from extractor.criteria import catalogue


def test_every_article_has_its_criteria_with_stable_ids():
    ids = [item.id for item in catalogue.criteria()]
    assert ids[:5] == [f"TT124.4.{n}" for n in range(1, 6)]
    assert [item.id for item in catalogue.for_subject("xa")] == [f"TT124.5.{n}" for n in range(1, 5)]
    assert [item.id for item in catalogue.for_subject("doanh_nghiep")] == [
        f"TT124.6.{n}" for n in range(1, 6)
    ]
    assert [item.id for item in catalogue.for_subject("co_so_giao_duc")] == [
        f"TT124.7.{n}" for n in range(1, 7)
    ]
    assert len(set(ids)) == len(ids) == 20


def test_every_clause_and_point_is_the_law_word_for_word():
    for item in catalogue.criteria():
        assert item.certainty == "verbatim" and item.text, item.id
        assert item.source["place"] == f"Điều {item.article} khoản {item.clause}"
    assert catalogue.by_id("TT124.4.4").text.startswith(
        "Tham gia, phối hợp thực hiện có hiệu quả công tác phòng ngừa"
    )
    assert catalogue.by_id("TT124.4.5").text.endswith("không có cá nhân vi phạm bị xử lý kỷ luật.")
    assert [point.point for point in catalogue.by_id("TT124.4.3").points] == [
        "a",
        "b",
        "c",
        "d",
        "dd",
        "e",
        "g",
    ]
    assert [point.point for point in catalogue.by_id("TT124.4.4").points] == ["a", "b", "c", "d"]
    assert [point.point for point in catalogue.by_id("TT124.6.3").points] == [
        "a",
        "b",
        "c",
        "d",
        "dd",
        "e",
        "g",
        "h",
    ]
    assert catalogue.by_id("TT124.6.3").points[3].text == "Đình công, lãn công trái pháp luật;"


def test_cross_references_are_data():
    # Điều 5 khoản 2 is Điều 4 khoản 2, 3, 4; Điều 7 khoản 3 is Điều 6 khoản 3 points a, b, c, đ, e, g.
    assert catalogue.by_id("TT124.5.2").imports == ("TT124.4.2", "TT124.4.3", "TT124.4.4")
    school = catalogue.by_id("TT124.7.3").points
    assert [point.point for point in school] == ["a", "b", "c", "dd", "e", "g"]
    assert school[3].text == catalogue.by_id("TT124.6.3").points[4].text  # the imported point's own words


def test_article_7_follows_the_law_and_its_renumbering_is_recorded():
    assert catalogue.by_id("TT124.7.1").text.startswith("Quý I hằng năm, tổ chức Đảng có nghị quyết")
    assert "Ban Đại diện cha mẹ học sinh" in catalogue.by_id("TT124.7.2").text
    assert catalogue.by_id("TT124.7.4").text.startswith("Không để xảy ra bạo lực học đường")
    assert catalogue.by_id("TT124.7.5").text.startswith("Lực lượng bảo vệ cơ sở giáo dục")
    assert catalogue.renamed_ids()["TT124.7.5"] == "TT124.7.4"


def test_graded_clauses_carry_their_rating_threshold():
    assert catalogue.by_id("TT124.4.5").rating.label_vi.startswith("hoàn thành nhiệm vụ")
    assert catalogue.by_id("TT124.6.4").rating.label_vi.startswith("hoàn thành tốt nhiệm vụ")
    assert catalogue.by_id("TT124.6.4").rating.minimum > catalogue.by_id("TT124.4.5").rating.minimum


def test_the_whole_text_of_articles_1_to_12_is_kept():
    law = catalogue.law()
    assert sorted(law) == list(range(1, 13))
    assert law[8]["clauses"][1]["points"][0]["text"].startswith("Đối với khu dân cư: Mốc thời gian đánh giá")
    assert "trừ cơ sở giáo dục tiểu học, mầm non, nhà trẻ" in law[1]["clauses"][1]["points"][1]["text"]


def test_subject_type_decides_the_article():
    assert catalogue.article_for("co_quan") == 6
    assert catalogue.article_for("so") == 6  # a Sở is a cơ quan
    assert catalogue.article_for("phuong") == 5
    assert catalogue.article_for("khu_dan_cu") == 4
    assert catalogue.article_for(None) is None


def test_procedure_and_qd510_bands_are_data():
    procedure = catalogue.procedure()
    assert procedure["evaluation_periods"]["khu_dan_cu"]["start"] == "11-01"
    assert procedure["evaluation_periods"]["co_quan"]["end"] == "11-15"
    assert {d["key"] for d in procedure["recognition"]["documents"]} >= {
        "to_trinh",
        "bao_cao_ket_qua",
        "bien_ban",
    }
    assert catalogue.band_for(90)["label_vi"] == "Xuất sắc"
    assert catalogue.band_for(89.5)["label_vi"] == "Khá"
    assert catalogue.band_for(50)["label_vi"] == "Trung bình"
    assert catalogue.band_for(49)["label_vi"] == "Yếu"
    assert catalogue.band_for(70)["verified"] is False
