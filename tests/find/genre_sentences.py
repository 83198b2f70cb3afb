"""Sentences in the genre's many other habits, each with its complete legal references and dates.

Data, not tests: ``test_legal_refs.py`` and ``test_dates.py`` assert the references and the dates of
every sentence (``CASES``).

Each sentence is written in the style of a báo cáo / kế hoạch on ANTT and "phong trào toàn dân bảo
vệ an ninh Tổ quốc" from a province, commune, agency, school or enterprise — other habits than the
five seeds (abbreviated types, "số:" or no "số", spaced or dashed symbols, OCR's "QD" for "QĐ",
lists sharing one code, dates after the issuer, long issuer names, every date shape). For every
sentence the *complete* list of legal references and of dates is asserted: surface span and
normalized value, so a false hit fails as surely as a miss. The document year is 2024 throughout.

Decisions where the guidelines (``corpora/gold/GUIDELINES.md``) are silent:

- "Hiến pháp năm 2013" is a reference (doc_type "Hiến pháp", key "Hiến pháp 2013": it has no symbol);
  a law's "năm 2015" is also a bare-year date, as every "năm YYYY" is.
- "Tờ trình" is a document type like "Thông báo".
- "các Quyết định số 295, 296, 297/QĐ-SKHĐT" is three references sharing the code (and the date
  written once after the list); spans "Quyết định số 295", "296", "297/QĐ-SKHĐT".
- OCR's "QD"/"ND"/"BCD" in a symbol is folded to "QĐ"/"NĐ"/"BCĐ" in the key so that every mention
  of one document shares it.
- A lunar holiday named without a calendar date ("dịp Tết Nguyên đán Giáp Thìn 2024") is not a date:
  its day is not written and "2024" without "năm" is part of the name (see
  ``corpora/lexicons/date_words.json`` notes). "cuối năm", "đầu năm" alone and "định kỳ hằng quý" are
  relative words, not dates (guidelines); "đầu năm 2024" gives the date "năm 2024".
"""

from __future__ import annotations

YEAR = 2024

# (surface, doc_type, key, date, issuer)
Ref = tuple[str, str, str, str | None, str | None]
# (surface, iso, kind, inferred_year)
Date = tuple[str, str, str, bool]


CASES: list[tuple[str, list[Ref], list[Date]]] = [
    # ------------------------------------------------------------------ party and commune documents
    (
        "Thực hiện Nghị quyết số 12-NQ/ĐU ngày 05/01/2024 của Đảng ủy xã về nhiệm vụ năm 2024,",
        [("Nghị quyết số 12-NQ/ĐU", "Nghị quyết", "12-NQ/ĐU", "2024-01-05", "Đảng ủy xã")],
        [("ngày 05/01/2024", "2024-01-05", "date", False), ("năm 2024", "2024", "period", False)],
    ),
    (
        "Căn cứ Công văn số 1234/CAT-PV05 ngày 3/4/2024 của Công an tỉnh về việc hướng dẫn đánh giá,",
        [("Công văn số 1234/CAT-PV05", "Công văn", "1234/CAT-PV05", "2024-04-03", "Công an tỉnh")],
        [("ngày 3/4/2024", "2024-04-03", "date", False)],
    ),
    (
        "Căn cứ QĐ số 1157/QĐ-BCĐ ngày 15/3/2024 của BCĐ tỉnh về ban hành quy chế hoạt động;",
        [("QĐ số 1157/QĐ-BCĐ", "Quyết định", "1157/QĐ-BCĐ", "2024-03-15", "BCĐ tỉnh")],
        [("ngày 15/3/2024", "2024-03-15", "date", False)],
    ),
    (
        "Quyết định 3554/QĐ-BCA-V05 ngày 19/5/2025 của Bộ trưởng Bộ Công an ban hành tiêu chí",
        [
            (
                "Quyết định 3554/QĐ-BCA-V05",
                "Quyết định",
                "3554/QĐ-BCA-V05",
                "2025-05-19",
                "Bộ trưởng Bộ Công an",
            )
        ],
        [("ngày 19/5/2025", "2025-05-19", "date", False)],
    ),
    (
        "Thực hiện KH số 15/KH-BCĐ ngày 20/01/2024 của Ban Chỉ đạo 138 huyện,",
        [("KH số 15/KH-BCĐ", "Kế hoạch", "15/KH-BCĐ", "2024-01-20", "Ban Chỉ đạo 138 huyện")],
        [("ngày 20/01/2024", "2024-01-20", "date", False)],
    ),
    (
        "quán triệt Kết luận 44-KL/TW của Ban Bí thư về tiếp tục thực hiện Chỉ thị 09-CT/TW.",
        [
            ("Kết luận 44-KL/TW", "Kết luận", "44-KL/TW", None, "Ban Bí thư"),
            ("Chỉ thị 09-CT/TW", "Chỉ thị", "09-CT/TW", None, None),
        ],
        [],
    ),
    (
        "Căn cứ Nghị định 144/2021/NĐ-CP ngày 31/12/2021 của Chính phủ quy định xử phạt vi phạm hành chính",
        [("Nghị định 144/2021/NĐ-CP", "Nghị định", "144/2021/NĐ-CP", "2021-12-31", "Chính phủ")],
        [("ngày 31/12/2021", "2021-12-31", "date", False)],
    ),
    (
        "theo Thông tư liên tịch số 03/2012/TTLT-BCA-BQP ngày 10/01/2012 của Bộ Công an và Bộ Quốc phòng",
        [
            (
                "Thông tư liên tịch số 03/2012/TTLT-BCA-BQP",
                "Thông tư liên tịch",
                "03/2012/TTLT-BCA-BQP",
                "2012-01-10",
                "Bộ Công an và Bộ Quốc phòng",
            )
        ],
        [("ngày 10/01/2012", "2012-01-10", "date", False)],
    ),
    (
        "Căn cứ Luật số 55/2014/QH13 ngày 23/6/2014 của Quốc hội;",
        [("Luật số 55/2014/QH13", "Luật", "55/2014/QH13", "2014-06-23", "Quốc hội")],
        [("ngày 23/6/2014", "2014-06-23", "date", False)],
    ),
    (
        "Căn cứ Hiến pháp năm 2013;",
        [("Hiến pháp năm 2013", "Hiến pháp", "Hiến pháp 2013", None, None)],
        [("năm 2013", "2013", "period", False)],
    ),
    (
        "các hành vi vi phạm được xử lý theo Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017).",
        [("Bộ luật Hình sự năm 2015", "Bộ luật", "100/2015/QH13", None, None)],
        [("năm 2015", "2015", "period", False), ("năm 2017", "2017", "period", False)],
    ),
    (
        "Nghị quyết 51/NQ-CP ngày 05/4/2024 của Chính phủ về phiên họp thường kỳ",
        [("Nghị quyết 51/NQ-CP", "Nghị quyết", "51/NQ-CP", "2024-04-05", "Chính phủ")],
        [("ngày 05/4/2024", "2024-04-05", "date", False)],
    ),
    (
        "tuyên truyền Pháp lệnh Phòng, chống mại dâm năm 2003 tại các cơ sở kinh doanh có điều kiện.",
        [("Pháp lệnh Phòng, chống mại dâm năm 2003", "Pháp lệnh", "10/2003/PL-UBTVQH11", None, None)],
        [("năm 2003", "2003", "period", False)],
    ),
    (
        "Căn cứ Pháp lệnh số 02/2020/UBTVQH14 ngày 09/12/2020 của Ủy ban Thường vụ Quốc hội;",
        [
            (
                "Pháp lệnh số 02/2020/UBTVQH14",
                "Pháp lệnh",
                "02/2020/UBTVQH14",
                "2020-12-09",
                "Ủy ban Thường vụ Quốc hội",
            )
        ],
        [("ngày 09/12/2020", "2020-12-09", "date", False)],
    ),
    (
        "Thực hiện Chương trình số 07-CTr/TU ngày 12/10/2021 của Ban Thường vụ Tỉnh ủy,",
        [("Chương trình số 07-CTr/TU", "Chương trình", "07-CTr/TU", "2021-10-12", "Ban Thường vụ Tỉnh ủy")],
        [("ngày 12/10/2021", "2021-10-12", "date", False)],
    ),
    (
        "Thông báo số 12/TB-UBND ngày 08/02/2024 của UBND xã Tân Hòa về lịch trực Tết",
        [("Thông báo số 12/TB-UBND", "Thông báo", "12/TB-UBND", "2024-02-08", "UBND xã Tân Hòa")],
        [("ngày 08/02/2024", "2024-02-08", "date", False)],
    ),
    (
        "Xét Tờ trình số 45/TTr-UBND ngày 10/11/2024 của UBND xã,",
        [("Tờ trình số 45/TTr-UBND", "Tờ trình", "45/TTr-UBND", "2024-11-10", "UBND xã")],
        [("ngày 10/11/2024", "2024-11-10", "date", False)],
    ),
    # ------------------------------------------------------------------ "số:", "Số", no "số", spacing, dashes
    (
        "Căn cứ Kế hoạch số: 58/KH-UBND ngày 01/3/2024 của UBND huyện;",
        [("Kế hoạch số: 58/KH-UBND", "Kế hoạch", "58/KH-UBND", "2024-03-01", "UBND huyện")],
        [("ngày 01/3/2024", "2024-03-01", "date", False)],
    ),
    (
        "Thực hiện Kế hoạch Số 48/KH-UBND ngày 22/02/2023 của UBND tỉnh,",
        [("Kế hoạch Số 48/KH-UBND", "Kế hoạch", "48/KH-UBND", "2023-02-22", "UBND tỉnh")],
        [("ngày 22/02/2023", "2023-02-22", "date", False)],
    ),
    (
        "Thực hiện Kế hoạch số 48 / KH-UBND ngày 22/02/2023 của UBND tỉnh,",
        [("Kế hoạch số 48 / KH-UBND", "Kế hoạch", "48/KH-UBND", "2023-02-22", "UBND tỉnh")],
        [("ngày 22/02/2023", "2023-02-22", "date", False)],
    ),
    (
        "thực hiện Thông tư số 124 / 2021 / TT-BCA của Bộ Công an.",
        [("Thông tư số 124 / 2021 / TT-BCA", "Thông tư", "124/2021/TT-BCA", None, "Bộ Công an")],
        [],
    ),
    (
        "Thực hiện Chỉ thị số 05–CT/TW ngày 15/5/2016 của Bộ Chính trị,",
        [("Chỉ thị số 05–CT/TW", "Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị")],
        [("ngày 15/5/2016", "2016-05-15", "date", False)],
    ),
    (
        "theo Quyết định số 1157/QĐ–BCĐ của BCĐ huyện.",
        [("Quyết định số 1157/QĐ–BCĐ", "Quyết định", "1157/QĐ-BCĐ", None, "BCĐ huyện")],
        [],
    ),
    (
        "quyết định số 1157/QĐ-BCĐ ngày 15/3/2024 quy định rõ trách nhiệm của từng thành viên.",
        [("quyết định số 1157/QĐ-BCĐ", "Quyết định", "1157/QĐ-BCĐ", "2024-03-15", None)],
        [("ngày 15/3/2024", "2024-03-15", "date", False)],
    ),
    (
        "kế hoạch số 15/KH-BCĐ đã được triển khai đến 100% thôn, bản.",
        [("kế hoạch số 15/KH-BCĐ", "Kế hoạch", "15/KH-BCĐ", None, None)],
        [],
    ),
    (
        "Ban Chỉ đạo xã đã ban hành kế hoạch số 21/KH-BCĐ và thông báo số 03/TB-BCĐ về phân công",
        [
            ("kế hoạch số 21/KH-BCĐ", "Kế hoạch", "21/KH-BCĐ", None, "Ban Chỉ đạo xã"),
            ("thông báo số 03/TB-BCĐ", "Thông báo", "03/TB-BCĐ", None, None),
        ],
        [],
    ),
    (
        "Kết luận số 44 KL/TW ngày 22/01/2019 của Ban Bí thư",
        [("Kết luận số 44 KL/TW", "Kết luận", "44-KL/TW", "2019-01-22", "Ban Bí thư")],
        [("ngày 22/01/2019", "2019-01-22", "date", False)],
    ),
    (
        "Quyết định số 510/QĐ-BCA-V05 ngày 20 tháng 01 năm 2022 của Bộ Công an",
        [("Quyết định số 510/QĐ-BCA-V05", "Quyết định", "510/QĐ-BCA-V05", "2022-01-20", "Bộ Công an")],
        [("ngày 20 tháng 01 năm 2022", "2022-01-20", "date", False)],
    ),
    # ------------------------------------------------------------------ OCR-ish spellings
    (
        "Căn cứ Quyết định số 1157/QD-BCĐ ngày 15/3/2024",
        [("Quyết định số 1157/QD-BCĐ", "Quyết định", "1157/QĐ-BCĐ", "2024-03-15", None)],
        [("ngày 15/3/2024", "2024-03-15", "date", False)],
    ),
    (
        "Căn cứ Nghị định số 144/2021/ND-CP ngày 31/12/2021 của Chính phủ;",
        [("Nghị định số 144/2021/ND-CP", "Nghị định", "144/2021/NĐ-CP", "2021-12-31", "Chính phủ")],
        [("ngày 31/12/2021", "2021-12-31", "date", False)],
    ),
    (
        "thực hiện QD số 20/QD-UBND ngày 05/01/2024 của UBND xã",
        [("QD số 20/QD-UBND", "Quyết định", "20/QĐ-UBND", "2024-01-05", "UBND xã")],
        [("ngày 05/01/2024", "2024-01-05", "date", False)],
    ),
    # ------------------------------------------------------------------ lists sharing one code
    (
        "Sở đã ban hành các Quyết định số 295, 296, 297/QĐ-SKHĐT ngày 10/5/2022 về kiện toàn Tổ công tác.",
        [
            ("Quyết định số 295", "Quyết định", "295/QĐ-SKHĐT", "2022-05-10", None),
            ("296", "Quyết định", "296/QĐ-SKHĐT", "2022-05-10", None),
            ("297/QĐ-SKHĐT", "Quyết định", "297/QĐ-SKHĐT", "2022-05-10", None),
        ],
        [("ngày 10/5/2022", "2022-05-10", "date", False)],
    ),
    (
        "ban hành Kế hoạch số 12/KH-UBND, 13/KH-UBND và 14/KH-UBND để triển khai",
        [
            ("Kế hoạch số 12/KH-UBND", "Kế hoạch", "12/KH-UBND", None, None),
            ("13/KH-UBND", "Kế hoạch", "13/KH-UBND", None, None),
            ("14/KH-UBND", "Kế hoạch", "14/KH-UBND", None, None),
        ],
        [],
    ),
    (
        "các Quyết định số 35 và 36/QĐ-UBND của UBND xã",
        [
            ("Quyết định số 35", "Quyết định", "35/QĐ-UBND", None, "UBND xã"),
            ("36/QĐ-UBND", "Quyết định", "36/QĐ-UBND", None, "UBND xã"),
        ],
        [],
    ),
    # ------------------------------------------------------------------ issuers: long names, date after issuer
    (
        "Thực hiện Kế hoạch số 48/KH-UBND của UBND tỉnh ngày 22/02/2023 về triển khai phong trào,",
        [("Kế hoạch số 48/KH-UBND", "Kế hoạch", "48/KH-UBND", "2023-02-22", "UBND tỉnh")],
        [("ngày 22/02/2023", "2023-02-22", "date", False)],
    ),
    (
        "Căn cứ Hướng dẫn số 720/HD-BCĐ-CAT của Ban Chỉ đạo tỉnh, ngày 11/3/2022;",
        [("Hướng dẫn số 720/HD-BCĐ-CAT", "Hướng dẫn", "720/HD-BCĐ-CAT", "2022-03-11", "Ban Chỉ đạo tỉnh")],
        [("ngày 11/3/2022", "2022-03-11", "date", False)],
    ),
    (
        "Thực hiện Kế hoạch số 15/KH-BCĐ ngày 20/01/2024 của Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội"
        " và xây dựng phong trào toàn dân bảo vệ ANTQ tỉnh về triển khai nhiệm vụ năm 2024,",
        [
            (
                "Kế hoạch số 15/KH-BCĐ",
                "Kế hoạch",
                "15/KH-BCĐ",
                "2024-01-20",
                "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ"
                " ANTQ tỉnh",
            )
        ],
        [("ngày 20/01/2024", "2024-01-20", "date", False), ("năm 2024", "2024", "period", False)],
    ),
    (
        "Căn cứ Quyết định số 88/QĐ-BCĐ của Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc huyện"
        " Mường La ngày 02/02/2024;",
        [
            (
                "Quyết định số 88/QĐ-BCĐ",
                "Quyết định",
                "88/QĐ-BCĐ",
                "2024-02-02",
                "Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc huyện Mường La",
            )
        ],
        [("ngày 02/02/2024", "2024-02-02", "date", False)],
    ),
    (
        "Thực hiện Hướng dẫn số 05/HD-BCĐ của Ban Chỉ đạo phòng, chống tội phạm về việc tổ chức đánh giá,",
        [
            (
                "Hướng dẫn số 05/HD-BCĐ",
                "Hướng dẫn",
                "05/HD-BCĐ",
                None,
                "Ban Chỉ đạo phòng, chống tội phạm",
            )
        ],
        [],
    ),
    (
        "Căn cứ Quyết định số 20/2024/QĐ-UBND ngày 12/7/2024 của Ủy ban nhân dân tỉnh Sơn La;",
        [
            (
                "Quyết định số 20/2024/QĐ-UBND",
                "Quyết định",
                "20/2024/QĐ-UBND",
                "2024-07-12",
                "Ủy ban nhân dân tỉnh Sơn La",
            )
        ],
        [("ngày 12/7/2024", "2024-07-12", "date", False)],
    ),
    (
        "Thực hiện Kế hoạch số 104/KH-UBND ngày 05/3/2024 của Chủ tịch UBND huyện Đak Đoa;",
        [("Kế hoạch số 104/KH-UBND", "Kế hoạch", "104/KH-UBND", "2024-03-05", "Chủ tịch UBND huyện Đak Đoa")],
        [("ngày 05/3/2024", "2024-03-05", "date", False)],
    ),
    (
        "Thực hiện Chỉ thị số 09-CT/TW ngày 01/12/2011 của Ban Bí thư Trung ương Đảng (khóa XI),",
        [("Chỉ thị số 09-CT/TW", "Chỉ thị", "09-CT/TW", "2011-12-01", "Ban Bí thư Trung ương Đảng")],
        [("ngày 01/12/2011", "2011-12-01", "date", False)],
    ),
    (
        "Căn cứ Công văn số 256/CAH-ANTT ngày 14/8/2024 của Công an huyện Mường La về việc",
        [("Công văn số 256/CAH-ANTT", "Công văn", "256/CAH-ANTT", "2024-08-14", "Công an huyện Mường La")],
        [("ngày 14/8/2024", "2024-08-14", "date", False)],
    ),
    (
        "Thực hiện Nghị quyết số 03-NQ/ĐU ngày 10/01/2024 của Ban Chấp hành Đảng bộ xã Phú Mỹ,",
        [
            (
                "Nghị quyết số 03-NQ/ĐU",
                "Nghị quyết",
                "03-NQ/ĐU",
                "2024-01-10",
                "Ban Chấp hành Đảng bộ xã Phú Mỹ",
            )
        ],
        [("ngày 10/01/2024", "2024-01-10", "date", False)],
    ),
    # ------------------------------------------------------------------ short forms and laws by name
    (
        "Các đơn vị đăng ký theo Điều 4, 5, 6, 7 Thông tư 124 và chấm điểm theo Quyết định 510.",
        [
            ("Thông tư 124", "Thông tư", "124/2021/TT-BCA", None, None),
            ("Quyết định 510", "Quyết định", "510/QĐ-BCA-V05", None, None),
        ],
        [],
    ),
    (
        "trình tự đánh giá theo TT124 và biểu điểm QĐ510 của Bộ Công an.",
        [
            ("TT124", "Thông tư", "124/2021/TT-BCA", None, None),
            ("QĐ510", "Quyết định", "510/QĐ-BCA-V05", None, "Bộ Công an"),
        ],
        [],
    ),
    (
        "tuyên truyền Luật An ninh mạng, Luật Cư trú, Luật Phòng, chống ma túy cho 350 lượt học sinh.",
        [
            ("Luật An ninh mạng", "Luật", "24/2018/QH14", None, None),
            ("Luật Cư trú", "Luật", "68/2020/QH14", None, None),
            ("Luật Phòng, chống ma túy", "Luật", "73/2021/QH14", None, None),
        ],
        [],
    ),
    (
        "phổ biến Luật Trật tự, an toàn giao thông đường bộ năm 2024 và Luật Đường bộ năm 2024 cho đoàn viên",
        [
            ("Luật Trật tự, an toàn giao thông đường bộ năm 2024", "Luật", "36/2024/QH15", None, None),
            ("Luật Đường bộ năm 2024", "Luật", "35/2024/QH15", None, None),
        ],
        [("năm 2024", "2024", "period", False), ("năm 2024", "2024", "period", False)],
    ),
    (
        "triển khai Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở đến toàn thể Nhân dân",
        [("Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở", "Luật", "30/2023/QH15", None, None)],
        [],
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        [("Luật Tổ chức chính quyền địa phương", "Luật", "77/2015/QH13", "2015-06-19", None)],
        [("ngày 19 tháng 6 năm 2015", "2015-06-19", "date", False)],
    ),
    # ------------------------------------------------------------------ dates: numeric shapes
    (
        "Hội nghị sơ kết được tổ chức ngày 05-6-2023 tại hội trường xã.",
        [],
        [("ngày 05-6-2023", "2023-06-05", "date", False)],
    ),
    (
        "Buổi ra quân được tổ chức ngày 5.6.2023 tại nhà văn hóa thôn.",
        [],
        [("ngày 5.6.2023", "2023-06-05", "date", False)],
    ),
    (
        "Tổng hợp số liệu tính đến 05/6/2023, toàn xã có 12 mô hình tự quản.",
        [],
        [("05/6/2023", "2023-06-05", "date", False)],
    ),
    (
        "Kế hoạch có hiệu lực kể từ ngày 01 tháng 01 năm 2024.",
        [],
        [("ngày 01 tháng 01 năm 2024", "2024-01-01", "date", False)],
    ),
    (
        "Tân Hòa, ngày 15 tháng 11 năm 2024",
        [],
        [("ngày 15 tháng 11 năm 2024", "2024-11-15", "date", False)],
    ),
    (
        "ra quân tổng kiểm tra vào ngày 05/ 6/2024 và ngày 12 / 6 / 2024.",
        [],
        [
            ("ngày 05/ 6/2024", "2024-06-05", "date", False),
            ("ngày 12 / 6 / 2024", "2024-06-12", "date", False),
        ],
    ),
    # ------------------------------------------------------------------ dates: months, quarters, halves, years
    (
        "Trong tháng 10/2024, Công an xã phối hợp tổ chức 04 đợt tuần tra.",
        [],
        [("tháng 10/2024", "2024-10", "period", False)],
    ),
    (
        "Trong tháng 10 năm 2024, không để xảy ra trọng án.",
        [],
        [("tháng 10 năm 2024", "2024-10", "period", False)],
    ),
    (
        "số liệu tháng 10-2024 được tổng hợp gửi Công an huyện.",
        [],
        [("tháng 10-2024", "2024-10", "period", False)],
    ),
    (
        "Báo cáo kết quả công tác bảo đảm ANTT quý IV/2024",
        [],
        [("quý IV/2024", "2024-Q4", "period", False)],
    ),
    (
        "Kết quả thực hiện quý 2 năm 2024 như sau:",
        [],
        [("quý 2 năm 2024", "2024-Q2", "period", False)],
    ),
    (
        "Phương hướng, nhiệm vụ 6 tháng cuối năm 2024",
        [],
        [("6 tháng cuối năm 2024", "2024-H2", "period", False)],
    ),
    (
        "Báo cáo kết quả 9 tháng đầu năm 2024, phương hướng quý IV năm 2024",
        [],
        [
            ("9 tháng đầu năm 2024", "2024-01/2024-09", "range", False),
            ("quý IV năm 2024", "2024-Q4", "period", False),
        ],
    ),
    (
        "Nhiệm vụ trọng tâm 6 tháng cuối năm: tiếp tục duy trì mô hình.",
        [],
        [("6 tháng cuối năm", "2024-H2", "period", True)],
    ),
    (
        "Năm 2024, dưới sự lãnh đạo của Đảng ủy, tình hình ANTT được giữ vững.",
        [],
        [("Năm 2024", "2024", "period", False)],
    ),
    (
        "Ngay từ đầu năm 2024, Ban Chỉ đạo đã xây dựng kế hoạch.",
        [],
        [("năm 2024", "2024", "period", False)],
    ),
    (
        "Dự kiến đến cuối năm, 100% thôn đạt tiêu chuẩn; đầu năm tổ chức hội nghị triển khai.",
        [],
        [],
    ),
    (
        "Trong quý I, Công an xã đã tiếp nhận 02 tin báo.",
        [],
        [("quý I", "2024-Q1", "period", True)],
    ),
    (
        "Thời gian thực hiện: trong tháng 11.",
        [],
        [("tháng 11", "2024-11", "period", True)],
    ),
    # ------------------------------------------------------------------ dates: ranges and recurring deadlines
    (
        "Số liệu báo cáo tính từ 16/11/2023 đến 15/11/2024.",
        [],
        [("từ 16/11/2023 đến 15/11/2024", "2023-11-16/2024-11-15", "range", False)],
    ),
    (
        "Thời gian cao điểm: từ ngày 15/10 đến ngày 15/11/2024.",
        [],
        [
            ("từ ngày 15/10 đến ngày 15/11/2024", "2024-10-15/2024-11-15", "range", True)
        ],  # start year from the end
    ),
    (
        "kỳ đánh giá từ ngày 15/12/2023 đến hết ngày 14/12/2024",
        [],
        [("từ ngày 15/12/2023 đến hết ngày 14/12/2024", "2023-12-15/2024-12-14", "range", False)],
    ),
    (
        "thực hiện trong giai đoạn 2021 - 2025 và định hướng đến năm 2030",
        [],
        [("giai đoạn 2021 - 2025", "2021/2025", "range", False), ("năm 2030", "2030", "period", False)],
    ),
    (
        "Các thôn gửi bản đăng ký về UBND xã trước ngày 20/11 hằng năm.",
        [],
        [("trước ngày 20/11 hằng năm", "--11-20", "recurring", False)],
    ),
    (
        "Tổ chức tổng kết vào quý IV hằng năm; báo cáo định kỳ hằng quý.",
        [],
        [("quý IV hằng năm", "--Q4", "recurring", False)],
    ),
    (
        "Đánh giá từ ngày 16 tháng 11 năm trước đến ngày 15 tháng 11 năm sau.",
        [],
        [("từ ngày 16 tháng 11 năm trước đến ngày 15 tháng 11 năm sau", "--11-16/--11-15", "range", False)],
    ),
    (
        "Tăng cường tuần tra dịp Tết Nguyên đán Giáp Thìn 2024, không để xảy ra đốt pháo.",
        [],
        [],
    ),
    (
        "bảo đảm an toàn các ngày lễ 30/4, 01/5 và 02/9.",
        [],
        [
            ("30/4", "2024-04-30", "date", True),
            ("01/5", "2024-05-01", "date", True),
            ("02/9", "2024-09-02", "date", True),
        ],
    ),
    (
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8) được tổ chức ở 100% thôn.",
        [],
        [("19/8", "2024-08-19", "date", True)],
    ),
    # ------------------------------------------------------------------ negatives
    (
        "Mọi thông tin xin liên hệ Công an xã, điện thoại: 0212.3852.123 hoặc 0212 3852 124.",
        [],
        [],
    ),
    (
        "Duy trì chế độ trực 24/24 giờ; 07/07 phòng ban đã ký cam kết.",
        [],
        [],
    ),
    (
        "Theo quy định tại Điều 5 khoản 2 và Mục 1.2 của Kế hoạch này, tỷ lệ 70% hộ gia đình phải ký cam kết.",
        [],
        [],
    ),
    (
        "Số: /UBND-NC\nV/v báo cáo kết quả thực hiện phong trào",
        [],
        [],
    ),
    (
        "Tân Hòa, ngày    tháng    năm 2026",
        [],
        [],
    ),
    (
        "Mường La, ngày … tháng … năm 2026",
        [],
        [],
    ),
    (
        "KẾ HOẠCH\nSố: 104/KH-UBND\nThực hiện phong trào toàn dân bảo vệ ANTQ năm 2024",
        [],
        [("năm 2024", "2024", "period", False)],
    ),
    (
        "Nơi nhận:\n- Công an huyện (b/c);\n- TT Đảng ủy, HĐND xã;\n- Lưu: VT, CA (02 bản).",
        [],
        [],
    ),
    (
        "Nghị quyết của chi bộ và Kế hoạch này được phổ biến đến 100% đảng viên; Quyết định này có hiệu lực.",
        [],
        [],
    ),
    (
        "xây dựng kế hoạch 6 tháng, kế hoạch năm 2024 và kế hoạch 15 ngày cao điểm.",
        [],
        [("năm 2024", "2024", "period", False)],
    ),
    (
        "Đã kiểm tra 15 cơ sở kinh doanh có điều kiện về ANTT, lập biên bản 03 trường hợp.",
        [],
        [],
    ),
    (
        "giải quyết 12/12 đơn thư, đạt 100%; tổ chức 2.1.1. tuyên truyền",
        [],
        [],
    ),
    (
        "Căn cứ Luật Công an nhân dân; căn cứ pháp luật hiện hành và Quy chế làm việc của UBND xã,",
        [("Luật Công an nhân dân", "Luật", "37/2018/QH14", None, None)],
        [],
    ),
    (
        "Thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ XV, nhiệm kỳ 2020 - 2025,",
        [
            (  # an act cited by name (issue 10; GUIDELINES "legal_ref")
                "Nghị quyết Đại hội Đảng bộ xã lần thứ XV",
                "Nghị quyết",
                "Nghị quyết Đại hội Đảng bộ xã lần thứ XV",
                None,
                None,
            )
        ],
        [("nhiệm kỳ 2020 - 2025", "2020/2025", "range", False)],
    ),
    (
        "Ban Chỉ đạo đã ban hành 05 kế hoạch, 03 quyết định và 12 thông báo kết luận.",
        [],
        [],
    ),
]


# Written after the first round of fixes, as a check on over-fitting; on first run 16 of 20 reference
# sentences and 20 of 20 date sentences passed (the misses: type modifiers "Thông báo kết luận số",
# "Nghị quyết chuyên đề số", "Hướng dẫn liên tịch số", and the issuer "Giám đốc Công ty").
SECOND_BATCH: list[tuple[str, list[Ref], list[Date]]] = [
    (
        "Căn cứ Nghị định số 42/2021/NĐ-CP ngày 31/3/2021 của Chính phủ quy định việc xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc;",
        [("Nghị định số 42/2021/NĐ-CP", "Nghị định", "42/2021/NĐ-CP", "2021-03-31", "Chính phủ")],
        [("ngày 31/3/2021", "2021-03-31", "date", False)],
    ),
    (
        "Thực hiện Kế hoạch số 210/KH-CAT-PV05 ngày 10/02/2024 của Công an tỉnh Gia Lai về tổ chức Ngày hội,",
        [
            (
                "Kế hoạch số 210/KH-CAT-PV05",
                "Kế hoạch",
                "210/KH-CAT-PV05",
                "2024-02-10",
                "Công an tỉnh Gia Lai",
            )
        ],
        [("ngày 10/02/2024", "2024-02-10", "date", False)],
    ),
    (
        "Căn cứ Quyết định số 1199/QĐ-UBND, ngày 25 tháng 7 năm 2023 của UBND huyện Krông Pắc;",
        [("Quyết định số 1199/QĐ-UBND", "Quyết định", "1199/QĐ-UBND", "2023-07-25", "UBND huyện Krông Pắc")],
        [("ngày 25 tháng 7 năm 2023", "2023-07-25", "date", False)],
    ),
    (
        "Trường THCS Nguyễn Du xây dựng Kế hoạch này theo Công văn số 1456/SGDĐT-CTTT ngày 06/9/2024 của Sở Giáo dục và Đào tạo.",
        [
            (
                "Công văn số 1456/SGDĐT-CTTT",
                "Công văn",
                "1456/SGDĐT-CTTT",
                "2024-09-06",
                "Sở Giáo dục và Đào tạo",
            )
        ],
        [("ngày 06/9/2024", "2024-09-06", "date", False)],
    ),
    (
        "Thực hiện Chỉ thị số 12/CT-UBND ngày 15/01/2024 của Chủ tịch UBND tỉnh về tăng cường công tác bảo đảm ANTT dịp Tết,",
        [("Chỉ thị số 12/CT-UBND", "Chỉ thị", "12/CT-UBND", "2024-01-15", "Chủ tịch UBND tỉnh")],
        [("ngày 15/01/2024", "2024-01-15", "date", False)],
    ),
    (
        "Đảng ủy Công ty ban hành Nghị quyết chuyên đề số 08-NQ/ĐU ngày 12/3/2024;",
        [("Nghị quyết chuyên đề số 08-NQ/ĐU", "Nghị quyết", "08-NQ/ĐU", "2024-03-12", None)],
        [("ngày 12/3/2024", "2024-03-12", "date", False)],
    ),
    (
        "Căn cứ Hướng dẫn liên tịch số 09/HDLT-CA-VKS-TA ngày 20/4/2023;",
        [("Hướng dẫn liên tịch số 09/HDLT-CA-VKS-TA", "Hướng dẫn", "09/HDLT-CA-VKS-TA", "2023-04-20", None)],
        [("ngày 20/4/2023", "2023-04-20", "date", False)],
    ),
    (
        "Kết quả 06 tháng đầu năm 2024: tổ chức 12 buổi tuyên truyền.",
        [],
        [("06 tháng đầu năm 2024", "2024-H1", "period", False)],
    ),
    (
        "Báo cáo số liệu từ ngày 01/01/2024 đến ngày 30/6/2024.",
        [],
        [("từ ngày 01/01/2024 đến ngày 30/6/2024", "2024-01-01/2024-06-30", "range", False)],
    ),
    ("Thời gian: Quý III/2024.", [], [("Quý III/2024", "2024-Q3", "period", False)]),
    (
        "Tổ chức Hội nghị tổng kết vào tháng 12 năm 2024.",
        [],
        [("tháng 12 năm 2024", "2024-12", "period", False)],
    ),
    ("Phấn đấu đến năm 2025, 100% khu dân cư đạt tiêu chuẩn.", [], [("năm 2025", "2025", "period", False)]),
    (
        "Thời gian thực hiện: từ tháng 01/2024 đến tháng 12/2024.",
        [],
        [("từ tháng 01/2024 đến tháng 12/2024", "2024-01/2024-12", "range", False)],
    ),
    (
        "các hộ gia đình ký cam kết trước ngày 31/3 hằng năm.",
        [],
        [("trước ngày 31/3 hằng năm", "--03-31", "recurring", False)],
    ),
    ("Hotline: 069.2345.678; Fax: 0269.3824.101", [], []),
    (
        "Căn cứ Luật Phòng cháy và chữa cháy năm 2001, sửa đổi, bổ sung năm 2013;",
        [("Luật Phòng cháy và chữa cháy năm 2001", "Luật", "27/2001/QH10", None, None)],
        [("năm 2001", "2001", "period", False), ("năm 2013", "2013", "period", False)],
    ),
    (
        "Thực hiện Nghị quyết số 05/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh,",
        [("Nghị quyết số 05/2023/NQ-HĐND", "Nghị quyết", "05/2023/NQ-HĐND", "2023-07-14", "HĐND tỉnh")],
        [("ngày 14/7/2023", "2023-07-14", "date", False)],
    ),
    (
        "theo Thông báo kết luận số 115-TB/HU ngày 03/5/2024 của Ban Thường vụ Huyện ủy",
        [
            (
                "Thông báo kết luận số 115-TB/HU",
                "Thông báo",
                "115-TB/HU",
                "2024-05-03",
                "Ban Thường vụ Huyện ủy",
            )
        ],
        [("ngày 03/5/2024", "2024-05-03", "date", False)],
    ),
    (
        "Quyết định số 1024/QĐ-CT ngày 08/5/2024 của Giám đốc Công ty về thành lập Tổ an ninh",
        [("Quyết định số 1024/QĐ-CT", "Quyết định", "1024/QĐ-CT", "2024-05-08", "Giám đốc Công ty")],
        [("ngày 08/5/2024", "2024-05-08", "date", False)],
    ),
    (
        "UBND xã Ea Tân báo cáo kết quả năm 2024 (số liệu từ 15/12/2023 - 14/12/2024) như sau:",
        [],
        [
            ("năm 2024", "2024", "period", False),
            ("từ 15/12/2023 - 14/12/2024", "2023-12-15/2024-12-14", "range", False),
        ],
    ),
]

CASES += SECOND_BATCH


# Issuers named before the reference (the clause's subject) or compound ("Đảng bộ Sở …", "Cục Thuế tỉnh").
ISSUER_CASES: list[tuple[str, list[Ref], list[Date]]] = [
    (
        "Ngày 10/01/2024, Đảng ủy xã ban hành Nghị quyết số 02-NQ/ĐU về lãnh đạo công tác bảo đảm ANTT;",
        [("Nghị quyết số 02-NQ/ĐU", "Nghị quyết", "02-NQ/ĐU", None, "Đảng ủy xã")],
        [("Ngày 10/01/2024", "2024-01-10", "date", False)],
    ),
    (
        "Đảng bộ Sở Kế hoạch và Đầu tư đã ban hành Nghị quyết số 13-NQ/ĐB ngày 20/01/2022 triển khai nhiệm vụ,",
        [("Nghị quyết số 13-NQ/ĐB", "Nghị quyết", "13-NQ/ĐB", "2022-01-20", "Đảng bộ Sở Kế hoạch và Đầu tư")],
        [("ngày 20/01/2022", "2022-01-20", "date", False)],
    ),
    (
        "thực hiện Công văn số 3816/CT-TCCB ngày 18/3/2022 của Cục Thuế tỉnh, Chi cục Thuế báo cáo như sau:",
        [("Công văn số 3816/CT-TCCB", "Công văn", "3816/CT-TCCB", "2022-03-18", "Cục Thuế tỉnh")],
        [("ngày 18/3/2022", "2022-03-18", "date", False)],
    ),
    (
        "Trên cơ sở đó, nhà trường xây dựng Kế hoạch số 25/KH-THCS ngày 12/9/2024 về phòng, chống tội phạm.",
        [("Kế hoạch số 25/KH-THCS", "Kế hoạch", "25/KH-THCS", "2024-09-12", None)],
        [("ngày 12/9/2024", "2024-09-12", "date", False)],
    ),
    (
        "Quyết định số 12/QĐ-UBND của Ban Chỉ đạo xã hội hóa giáo dục xã về kiện toàn thành viên",
        [
            (
                "Quyết định số 12/QĐ-UBND",
                "Quyết định",
                "12/QĐ-UBND",
                None,
                "Ban Chỉ đạo xã hội hóa giáo dục xã",
            )
        ],
        [],
    ),
]

CASES += ISSUER_CASES


def case_id(case: tuple[str, list[Ref], list[Date]]) -> str:
    return case[0][:48]
