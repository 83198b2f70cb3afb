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
    text = (
        "Ấp Mỹ Thạnh chưa đạt chuẩn\nRạng sáng 14/8/2023, tại nhà ông Đ. xảy ra cháy do chập điện, làm 02 người "
        "trong gia đình tử vong. Cơ quan chức năng xác định vụ cháy không do thiên tai."
    )
    assert statuses(news("Ấp Mỹ Thạnh chưa đạt chuẩn", "khu_dan_cu"), text)["TT124.4.4"] == "not_met"


def test_force_majeure_does_excuse_a_deadly_landslide():
    text = (
        "Bản Khe Lếch sau lũ\nNgày 10/9/2024, sạt lở đất do bão số 3 làm 03 người tử vong; đây là trường hợp "
        "bất khả kháng do thiên tai."
    )
    assert statuses(news("Bản Khe Lếch sau lũ", "khu_dan_cu"), text)["TT124.4.4"] != "not_met"


def test_a_reported_incident_reaches_its_clause_even_in_a_news_text():
    text = (
        "Nữ sinh bị đánh hội đồng trong trường\nNgày 07/3/2025, em N.T.H (lớp 10A4) bị 04 nữ sinh cùng trường "
        "đánh hội đồng ngay trong khuôn viên trường, phải nhập viện điều trị."
    )
    assert (
        statuses(news("Nữ sinh bị đánh hội đồng trong trường", "co_so_giao_duc"), text)["TT124.7.4"]
        == "not_met"
    )


def test_the_year_of_a_news_text_comes_from_its_dates_not_from_a_law_name():
    text = (
        "Theo Bộ luật Lao động 2019 và Luật Công đoàn 2012, ngày 19/8/2024 công nhân ngừng việc; "
        "đến ngày 23/8/2024 tình hình ổn định. Năm 2019, công ty thành lập."
    )
    assert reading.year_from_text(text) == 2024


def report(title: str, subject: str) -> DocumentInfo:
    return DocumentInfo(
        source="bao-cao.txt",
        sha256="",
        pages=1,
        title=title,
        subject_type=subject,
        doc_type="bao_cao",
        year=2023,
    )


def test_a_news_text_is_about_the_unit_it_speaks_of_not_the_office_metadata_took_for_its_issuer():
    text = (
        "Bình An: phong trào lan tỏa\n(Báo Quảng Nam) – Chiều 24/11/2023, Ủy ban nhân dân xã Bình An tổ chức hội "
        "nghị. Đảng ủy xã Bình An ban hành nghị quyết; Công an xã Bình An tham mưu cho Ủy ban nhân dân xã."
    )
    document = DocumentInfo(
        source="tin.txt", sha256="", pages=1, title="Bình An: phong trào lan tỏa", subject_type="co_quan"
    )
    assert reading.read(document, text).subject_type == "xa"


def test_the_grassroots_force_rated_by_name_speaks_to_its_clause():
    text = (
        "Bản Nà Lừa đạt chuẩn\nTổ bảo vệ an ninh, trật tự ở cơ sở của bản (3 thành viên) thường xuyên tuần tra đêm, "
        "được Ủy ban nhân dân xã đánh giá hoàn thành tốt nhiệm vụ, không có thành viên nào vi phạm."
    )
    assert statuses(news("Bản Nà Lừa đạt chuẩn", "khu_dan_cu"), text)["TT124.4.5"] == "met"


def test_a_bare_criterion_heading_opens_its_section():
    text = (
        "BÁO CÁO\nKết quả thực hiện\n3. Tiêu chí 3\nTrong kỳ, nhà trường thực hiện nghiêm các quy định, tình hình "
        "ổn định, an toàn tuyệt đối cho người học trong mọi hoạt động của nhà trường."
    )
    found = {entry["id"]: entry for entry in assess(report("Báo cáo", "co_so_giao_duc"), text, [])}
    assert found["TT124.7.3"]["status"] != "missing"


def test_units_that_failed_inside_a_share_that_passes_do_not_fail_the_commune():
    text = (
        "BÁO CÁO\nKết quả: công nhận 12/14 khu dân cư đạt tiêu chuẩn (khu dân cư Gò Mít và Đồng Bưa chưa đạt); "
        "100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đã đăng ký."
    )
    assert statuses(report("Báo cáo", "xa"), text)["TT124.5.4"] == "met"


def test_households_short_of_all_fail_the_first_clause_and_a_month_is_no_share():
    short = (
        "BÁO CÁO\nTrong tháng 02 và tháng 3/2023, các hộ ký bản đăng ký tham gia xây dựng khu dân cư. Tổng số hộ "
        "đăng ký là 407/414 hộ, đạt 98,3%."
    )
    assert statuses(report("Báo cáo", "khu_dan_cu"), short)["TT124.4.1"] == "not_met"
    whole = short.replace("407/414 hộ, đạt 98,3%", "414/414 hộ, đạt 100%")
    assert statuses(report("Báo cáo", "khu_dan_cu"), whole)["TT124.4.1"] != "not_met"


def test_a_serious_crime_the_next_sentence_says_was_caught_and_reported_at_once_is_excused():
    text = (
        "BÁO CÁO\nTrong kỳ xảy ra 01 vụ cướp giật tài sản (tội phạm nghiêm trọng) vào tối ngày 14/5/2023. Tổ dân "
        "phòng đang tuần tra đã phát hiện, bắt giữ đối tượng ngay tại chỗ, báo cáo ngay Công an phường."
    )
    assert statuses(report("Báo cáo", "xa"), text)["TT124.5.2"] != "not_met"
    alone = text.split(" Tổ dân phòng")[0]
    assert statuses(report("Báo cáo", "xa"), alone)["TT124.5.2"] == "not_met"


def test_a_sentence_denying_the_listed_incidents_by_name_speaks_to_the_clause():
    text = (
        "BÁO CÁO\nTrong năm, trên địa bàn không phát hiện hoạt động chống Đảng, chống chính quyền; không có hoạt "
        "động phá hoại các công trình trọng điểm; không có hoạt động ly khai, đòi tự trị."
    )
    assert statuses(report("Báo cáo", "khu_dan_cu"), text)["TT124.4.3"] != "missing"


def test_small_disputes_settled_by_mediation_are_not_a_prolonged_dispute():
    text = (
        "BÁO CÁO\nTổ hòa giải thôn đã hòa giải thành 05/05 vụ việc mâu thuẫn nhỏ (02 vụ tranh chấp lối đi, 03 vụ "
        "mâu thuẫn gia đình), không để vụ việc nào kéo dài, vượt cấp."
    )
    assert statuses(report("Báo cáo", "khu_dan_cu"), text).get("TT124.4.3") != "not_met"
    prolonged = "BÁO CÁO\nTrên địa bàn thôn còn 01 vụ tranh chấp đất đai phức tạp, kéo dài giữa hai dòng họ."
    assert statuses(report("Báo cáo", "khu_dan_cu"), prolonged)["TT124.4.3"] == "not_met"


def test_a_rating_still_awaiting_its_review_does_not_show_the_clause_met():
    pending = (
        "BÁO CÁO\nLực lượng bảo vệ cơ quan hoàn thành tốt nhiệm vụ được giao; Sở đang thực hiện hồ sơ xét đề "
        "nghị danh hiệu “Lao động tiên tiến” cho tập thể. Không có cán bộ bị kỷ luật từ hình thức cảnh cáo trở lên."
    )
    assert statuses(report("Báo cáo", "co_quan"), pending)["TT124.6.4"] == "unclear"
    given = (
        "BÁO CÁO\nNăm 2023, lực lượng bảo vệ cơ quan được đánh giá hoàn thành tốt nhiệm vụ, tập thể đạt danh hiệu "
        "“Lao động tiên tiến”. Không có cán bộ bị kỷ luật từ hình thức cảnh cáo trở lên."
    )
    assert statuses(report("Báo cáo", "co_quan"), given)["TT124.6.4"] == "met"


def test_the_other_criteria_all_met_is_a_self_assessment_not_evidence():
    text = (
        "Bản Nà Lừa chưa được công nhận\nĐây là mâu thuẫn phức tạp, kéo dài trong nội bộ nhân dân, nên dù các tiêu "
        "chí khác đều đạt, bản vẫn chưa được xét công nhận."
    )
    assert statuses(news("Bản Nà Lừa chưa được công nhận", "khu_dan_cu"), text)["TT124.4.2"] == "unclear"


def test_point_dd_is_shown_as_the_law_writes_it():
    text = (
        "BÁO CÁO\nNăm 2023, cơ quan không để xảy ra tội phạm nghiêm trọng, không để xảy ra cháy, nổ, không có "
        "khiếu kiện đông người, không có đình công, ngừng việc tập thể."
    )
    entry = next(item for item in assess(report("Báo cáo", "co_quan"), text, []) if item["id"] == "TT124.6.3")
    letters = {point["id"].rsplit(".", 1)[1]: point["point"] for point in entry["points"]}
    assert letters["dd"] == "đ" and letters["a"] == "a"
    assert "điểm dd" not in " ".join(entry["reasons"])
