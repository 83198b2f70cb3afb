"""The law as data: every TT124 criterion of Art. 4–7, with honest certainty and sources."""

from __future__ import annotations

from extractor.criteria import catalogue


def test_every_article_has_its_criteria_with_stable_ids():
    ids = [item.id for item in catalogue.criteria()]
    assert ids[:5] == [f"TT124.4.{n}" for n in range(1, 6)]
    assert [item.id for item in catalogue.for_subject("xa")] == [f"TT124.5.{n}" for n in range(1, 5)]
    assert [item.id for item in catalogue.for_subject("doanh_nghiep")] == [f"TT124.6.{n}" for n in range(1, 6)]
    assert [item.id for item in catalogue.for_subject("co_so_giao_duc")] == [f"TT124.7.{n}" for n in range(1, 7)]
    assert len(set(ids)) == len(ids) == 20


def test_unknown_text_is_marked_unknown_never_invented():
    for item in catalogue.criteria():
        assert item.certainty in {"verbatim", "verbatim_truncated", "quoted_in_report", "paraphrase", "unknown"}
        assert item.source, item.id
        if item.certainty in {"unknown", "paraphrase"}:
            assert item.text is None, item.id
    assert catalogue.by_id("TT124.4.4").certainty == "unknown"
    assert catalogue.by_id("TT124.5.3").text.endswith("không có cá nhân vi phạm bị xử lý kỷ luật.")
    # Art. 6(3)–(5) come from the Sở KH&ĐT report, which quotes them.
    assert catalogue.by_id("TT124.6.3").certainty == "quoted_in_report"
    assert "so-khdt" in catalogue.by_id("TT124.6.3").source["path"]


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
    assert {d["key"] for d in procedure["recognition"]["documents"]} >= {"to_trinh", "bao_cao_ket_qua", "bien_ban"}
    assert catalogue.band_for(90)["label_vi"] == "Xuất sắc"
    assert catalogue.band_for(89.5)["label_vi"] == "Khá"
    assert catalogue.band_for(50)["label_vi"] == "Trung bình"
    assert catalogue.band_for(49)["label_vi"] == "Yếu"
    assert catalogue.band_for(70)["verified"] is False
