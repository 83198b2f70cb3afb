"""A sentence judged against what its clause asks: incidents, exceptions denied, the year of a news text."""

from __future__ import annotations

from extractor.criteria import reading
from extractor.criteria.mapping import assess
from extractor.models import DocumentInfo


def news(title: str, subject: str | None = None) -> DocumentInfo:
    return DocumentInfo(source="tin.txt", sha256="", pages=1, title=title, subject_type=subject)


def statuses(document: DocumentInfo, text: str) -> dict[str, str]:
    return {entry["id"]: entry["status"] for entry in assess(document, text, [])}


def test_a_denied_exception_excuses_nothing():
    text = ("Ấp Mỹ Thạnh chưa đạt chuẩn\nRạng sáng 14/8/2023, tại nhà ông Đ. xảy ra cháy do chập điện, làm 02 người "
            "trong gia đình tử vong. Cơ quan chức năng xác định vụ cháy không do thiên tai.")
    assert statuses(news("Ấp Mỹ Thạnh chưa đạt chuẩn", "khu_dan_cu"), text)["TT124.4.4"] == "not_met"


def test_force_majeure_does_excuse_a_deadly_landslide():
    text = ("Bản Khe Lếch sau lũ\nNgày 10/9/2024, sạt lở đất do bão số 3 làm 03 người tử vong; đây là trường hợp "
            "bất khả kháng do thiên tai.")
    assert statuses(news("Bản Khe Lếch sau lũ", "khu_dan_cu"), text)["TT124.4.4"] != "not_met"


def test_a_reported_incident_reaches_its_clause_even_in_a_news_text():
    text = ("Nữ sinh bị đánh hội đồng trong trường\nNgày 07/3/2025, em N.T.H (lớp 10A4) bị 04 nữ sinh cùng trường "
            "đánh hội đồng ngay trong khuôn viên trường, phải nhập viện điều trị.")
    assert statuses(news("Nữ sinh bị đánh hội đồng trong trường", "co_so_giao_duc"), text)["TT124.7.4"] == "not_met"


def test_the_year_of_a_news_text_comes_from_its_dates_not_from_a_law_name():
    text = ("Theo Bộ luật Lao động 2019 và Luật Công đoàn 2012, ngày 19/8/2024 công nhân ngừng việc; "
            "đến ngày 23/8/2024 tình hình ổn định. Năm 2019, công ty thành lập.")
    assert reading.year_from_text(text) == 2024
