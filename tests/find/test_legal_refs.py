"""Legal references: every citation a careful reader would mark, with its canonical key, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.clean import normalize_plain
from extractor.find.legal_refs import find_legal_refs
from extractor.find.link import resolve_short_forms
from extractor.nlp import FindContext

from .genre_sentences import CASES, YEAR, Date, Ref, case_id

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def refs(text: str) -> list[dict]:
    return [dict(e.value, text=e.text) for e in find_legal_refs(text, FindContext())]


def one(text: str) -> dict:
    found = refs(text)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def seed_refs() -> dict[str, list[dict]]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize_plain(path.read_text(encoding="utf-8"))
        out[path.stem] = [
            dict(e.value, text=e.text, start=e.start, end=e.end, _src=text) for e in find_legal_refs(text)
        ]
    return out


def test_full_citation_with_date_and_issuer() -> None:
    ref = one("Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an quy định về khu dân cư")
    assert ref["text"] == "Thông tư số 124/2021/TT-BCA"
    assert ref == ref | {
        "doc_type": "Thông tư",
        "number": "124",
        "year": 2021,
        "code": "TT-BCA",
        "date": "2021-12-28",
        "issuer": "Bộ Công an",
        "key": "124/2021/TT-BCA",
    }


@pytest.mark.parametrize(
    ("text", "surface", "doc_type", "key"),
    [
        ("Kế hoạch số 48/KH-UBND ngày 22/02/2023", "Kế hoạch số 48/KH-UBND", "Kế hoạch", "48/KH-UBND"),
        ("Chỉ thị số 05-CT/TW ngày 15/5/2016", "Chỉ thị số 05-CT/TW", "Chỉ thị", "05-CT/TW"),
        ("Quy định số 349-QĐ/TU ngày 17/3/2022", "Quy định số 349-QĐ/TU", "Quy định", "349-QĐ/TU"),
        ("Nghị quyết số 13-NQ/ĐB ngày 20/01/2022", "Nghị quyết số 13-NQ/ĐB", "Nghị quyết", "13-NQ/ĐB"),
        (
            "Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022",
            "Quyết định số 510/QĐ-BCA-V05",
            "Quyết định",
            "510/QĐ-BCA-V05",
        ),
        (
            "Hướng dẫn số 720/HD-BCĐ-CAT ngày 11/3/2022",
            "Hướng dẫn số 720/HD-BCĐ-CAT",
            "Hướng dẫn",
            "720/HD-BCĐ-CAT",
        ),
        (
            "đã ban hành kế hoạch số 2665/KH-SKHĐT về rà soát",
            "kế hoạch số 2665/KH-SKHĐT",
            "Kế hoạch",
            "2665/KH-SKHĐT",
        ),
        (
            "Nghị định số 105/2025/NĐ-CP ngày 15/5/2025",
            "Nghị định số 105/2025/NĐ-CP",
            "Nghị định",
            "105/2025/NĐ-CP",
        ),
        ("Kết luận số 44 KL/TW, ngày 22/01/2018", "Kết luận số 44 KL/TW", "Kết luận", "44-KL/TW"),
        ("Kết luận số 44-KL/TW của Ban Bí thư", "Kết luận số 44-KL/TW", "Kết luận", "44-KL/TW"),
        (
            "Tờ trình số 47/TTr-V05-P2 ngày 05/3/2024",
            "Tờ trình số 47/TTr-V05-P2",
            "Tờ trình",
            "47/TTr-V05-P2",
        ),
        (
            "Thực hiện kế hoạch số: 58/KH-UBND ngày 23 tháng 3 năm 2022",
            "kế hoạch số: 58/KH-UBND",
            "Kế hoạch",
            "58/KH-UBND",
        ),
        (
            "Căn cứ Nghị định số 144/2021/NĐ-CP ngày 31/12/2021 của Chính phủ",
            "Nghị định số 144/2021/NĐ-CP",
            "Nghị định",
            "144/2021/NĐ-CP",
        ),
        ("Căn cứ Luật số 55/2014/QH13 của Quốc hội", "Luật số 55/2014/QH13", "Luật", "55/2014/QH13"),
        (
            "Thông tư liên tịch số 01/2012/TTLT-BCA-BQP ngày 01/3/2012",
            "Thông tư liên tịch số 01/2012/TTLT-BCA-BQP",
            "Thông tư liên tịch",
            "01/2012/TTLT-BCA-BQP",
        ),
        (
            "căn cứ quyết định số 1234/QĐ-UBND ngày 02/6/2024",
            "quyết định số 1234/QĐ-UBND",
            "Quyết định",
            "1234/QĐ-UBND",
        ),
        ("QĐ số 86/QĐ-UBND ngày 02/6/2024 của UBND huyện", "QĐ số 86/QĐ-UBND", "Quyết định", "86/QĐ-UBND"),
        ("theo KH số 15/KH-UBND của UBND xã", "KH số 15/KH-UBND", "Kế hoạch", "15/KH-UBND"),
        ("Công văn số 3371/BCA-V05 ngày 26/9/2022", "Công văn số 3371/BCA-V05", "Công văn", "3371/BCA-V05"),
        ("Thông báo số 12/TB-UBND ngày 05/01/2024", "Thông báo số 12/TB-UBND", "Thông báo", "12/TB-UBND"),
        (
            "Chương trình số 07-CTr/TU ngày 10/3/2021",
            "Chương trình số 07-CTr/TU",
            "Chương trình",
            "07-CTr/TU",
        ),
        ("QUYẾT ĐỊNH số 15/QĐ-UBND", "QUYẾT ĐỊNH số 15/QĐ-UBND", "Quyết định", "15/QĐ-UBND"),
        ("Quyết định số 510/QĐ–BCA–V05", "Quyết định số 510/QĐ–BCA–V05", "Quyết định", "510/QĐ-BCA-V05"),
    ],
)
def test_number_shapes(text: str, surface: str, doc_type: str, key: str) -> None:
    ref = one(text)
    assert (ref["text"], ref["doc_type"], ref["key"]) == (surface, doc_type, key)


def test_symbol_split_over_lines_is_one_reference_after_normalization() -> None:
    text = normalize_plain(
        "ngày 27/02/2023, Sở Tư pháp ban hành Kế hoạch số 39/KH-\n\nSTP về thực hiện Thông tư"
    )
    ref = one(text)
    assert ref["key"] == "39/KH-STP"


def test_type_word_glued_to_previous_word() -> None:
    ref = one(
        "xây dựng cơ quan trong sạch, vững mạnhChỉ thị số 18-CT/TU ngày 24/3/2022 của Ban Thường vụ Tỉnh ủy"
    )
    assert (ref["text"], ref["key"]) == ("Chỉ thị số 18-CT/TU", "18-CT/TU")


def test_short_form_followed_by_a_year() -> None:
    ref = one("của UBND xã Phú Cường về triển khai Thông tư 124 năm 2023, thôn Bản Lác báo cáo")
    assert (ref["text"], ref["key"]) == ("Thông tư 124", "Thông tư 124")


def test_space_instead_of_dash_in_symbol() -> None:
    ref = one("ban hành kèm theo Quyết định số 510/QĐ-BCA V05, ngày 20/01/2022")
    assert ref["key"] == "510/QĐ-BCA-V05"
    assert ref["date"] == "2022-01-20"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Chỉ thị số 18-CT/TU ngày 24/3/2022 của Ban Thường vụ Tỉnh ủy Sơn La về nâng cao",
            "Ban Thường vụ Tỉnh ủy Sơn La",
        ),
        ("Quy định số 349-QĐ/TU ngày 17/3/2022 của Ban Thường vụ Tỉnh ủy về việc", "Ban Thường vụ Tỉnh ủy"),
        ("Kế hoạch số 48/KH-UBND ngày 22/02/2023 của UBND tỉnh về thực hiện", "UBND tỉnh"),
        ("Chỉ thị số 09/CT-UBND ngày 23/5/2017 của Chủ tịch UBND tỉnh về việc", "Chủ tịch UBND tỉnh"),
        (
            "Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng Bộ Công an “Quy định",
            "Bộ trưởng Bộ Công an",
        ),
        (
            "Hướng dẫn số 36/HD-BCĐ ngày 16/02/2023 của Ban Chỉ đạo 138 tỉnh về hướng dẫn",
            "Ban Chỉ đạo 138 tỉnh",
        ),
        (
            "kế hoạch số: 58/KH-UBND ngày 23 tháng 3 năm 2022 cuả UBND huyện Đak Đoa về triển khai",
            "UBND huyện Đak Đoa",
        ),
        ("Nghị định số 06/2014/NĐ-CP ngày 21/01/2014 của Chính phủ Quy định chi tiết", "Chính phủ"),
        ("Quyết định số 33/QĐ-STP ngày 10/4/2022 của Sở Tư pháp về việc ban hành", "Sở Tư pháp"),
        (
            "Quy định số 37-QĐ/TW ngày 25/10/2021 của Ban Chấp hành Trung ương khóa XIII về những điều",
            "Ban Chấp hành Trung ương khóa XIII",
        ),
        (
            "Kế hoạch số 10/KH-UBND ngày 10 tháng 01 năm 2026 của Uỷ ban nhân dân tỉnh về xây dựng",
            "Uỷ ban nhân dân tỉnh",
        ),
    ],
)
def test_issuer_written_after_the_reference(text: str, issuer: str) -> None:
    assert one(text)["issuer"] == issuer


def test_date_in_words_is_attached() -> None:
    ref = one("Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ Công an quy định")
    assert (ref["date"], ref["issuer"]) == ("2021-12-28", "Bộ trưởng Bộ Công an")


def test_bare_symbols_continuing_a_list_take_the_type() -> None:
    found = refs("các Quyết định số 295/QĐ-SKHĐT, 296/QĐ-SKHĐT và 297/QĐ-SKHĐT ngày 08/8/2022 về thành lập")
    assert [(r["doc_type"], r["key"]) for r in found] == [
        ("Quyết định", "295/QĐ-SKHĐT"),
        ("Quyết định", "296/QĐ-SKHĐT"),
        ("Quyết định", "297/QĐ-SKHĐT"),
    ]
    assert found[2]["date"] == "2022-08-08"


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        ("nắm vững các quy định Thông tư 124 và", "Thông tư 124", "Thông tư 124"),
        ("theo quy định tại Thông tư 23 trong năm 2022", "Thông tư 23", "Thông tư 23"),
        ("thực hiện Quyết định 510 của Bộ", "Quyết định 510", "Quyết định 510"),
        ("thay thế Thông tư 23/2012 của Bộ Công an", "Thông tư 23/2012", "Thông tư 23/2012"),
        ("Quy định tại Điều 4,5,6,7 tại Thông tư 124.", "Thông tư 124", "Thông tư 124"),
        ("triển khai TT124 tại cơ sở", "TT124", "Thông tư 124"),
        ("chấm điểm theo QĐ510 năm 2023", "QĐ510", "Quyết định 510"),
    ],
)
def test_short_forms(text: str, surface: str, key: str) -> None:
    ref = one(text)
    assert (ref["text"], ref["key"], ref["code"]) == (surface, key, None)


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        (
            "Luật phòng cháy, chữa cháy và cứu nạn, cứu hộ; Nghị",
            "Luật phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "55/2024/QH15",
        ),
        ("thực hiện tốt Luật Giao thông đường bộ, qua theo dõi", "Luật Giao thông đường bộ", "23/2008/QH12"),
        (
            "thực hiện đạt kết quả Luật Phòng, chống tham nhũng, thực hành",
            "Luật Phòng, chống tham nhũng",
            "36/2018/QH14",
        ),
        ("Căn cứ Luật Công an nhân dân năm 2018;", "Luật Công an nhân dân năm 2018", "37/2018/QH14"),
        ("vi phạm Bộ luật Hình sự", "Bộ luật Hình sự", "100/2015/QH13"),
        (
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015;",
            "Luật Ban hành văn bản quy phạm pháp luật năm 2015",
            "80/2015/QH13",
        ),
        ("tuyên truyền Luật Phòng chống ma túy", "Luật Phòng chống ma túy", "73/2021/QH14"),
    ],
)
def test_laws_cited_by_name(text: str, surface: str, key: str) -> None:
    ref = one(text)
    assert (ref["text"], ref["key"]) == (surface, key)
    assert ref["doc_type"] in ("Luật", "Bộ luật") and ref["name"].lower().startswith(("luật", "bộ luật"))


def test_law_name_without_known_number_keys_on_its_name() -> None:
    ref = one("Luật Ban hành văn bản quy phạm pháp luật quy định")
    assert ref["key"] == "Luật Ban hành văn bản quy phạm pháp luật" and ref["number"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Số: 104/KH-UBND",
        "UBND TỈNH SƠN LA\nSố: 104/KH-UBND\nSơn La, ngày 05 tháng 3 năm 2024",
        "KẾ HOẠCH Số: 104/KH-UBND",
        "Số: /UBND-NC",
        "Quy định tại Điều 4,5,6,7 và điểm c khoản 11 Điều 8",
        "hoạt động hiệu quả liên tục 24/24 hỗ trợ",
        "Dự kiến 07/07 phòng, đơn vị thuộc Sở",
        "đạt 05/05 tiêu chí",
        "Điện thoại: 0212.3852.123; Fax: 0212/3852124",
        "1.1. Đăng ký; 6.2. Công tác",
        "xây dựng kế hoạch 5 năm và Kế hoạch 2023",
        "việc thực hiện kỷ luật lao động, kỷ cương",
        "chấp hành pháp luật về phòng, chống tham nhũng",
        "Kế hoạch này; các Nghị quyết, Chương trình, Kế hoạch liên tịch",
        "Nghị quyết của chi bộ; Kế hoạch phòng chống tham nhũng năm 2023 của Sở",
        "- TT BCĐ 138 tỉnh (Công an tỉnh);",
        "Lưu:VT,VP.T(02).",
        "V/v thực hiện một số nội dung",
        "theo quy định 01 lần/năm",
    ],
)
def test_not_references(text: str) -> None:
    assert refs(text) == []


def test_seed_khdt_every_reference(seed_refs: dict[str, list[dict]]) -> None:
    found = [(r["text"], r["key"]) for r in seed_refs["so-khdt-bao-cao-ket-qua-2022"]]
    assert found == [
        ("Hướng dẫn số 720/HD-BCĐ-CAT", "720/HD-BCĐ-CAT"),
        ("Thông tư 124", "Thông tư 124"),
        ("hướng dẫn số 5450/HD-BCĐ", "5450/HD-BCĐ"),
        ("Nghị quyết số 13-NQ/ĐB", "13-NQ/ĐB"),
        ("Kế hoạch số 947/KH-SKHĐT", "947/KH-SKHĐT"),
        ("kế hoạch số 2665/KH-SKHĐT", "2665/KH-SKHĐT"),
        ("Quyết định số 295/QĐ-SKHĐT", "295/QĐ-SKHĐT"),
        ("Quyết định số 296/QĐ-SKHĐT", "296/QĐ-SKHĐT"),
        ("Quyết định số 297/QĐ-SKHĐT", "297/QĐ-SKHĐT"),
        ("Thông tư số 124/2021/TT-BCA", "124/2021/TT-BCA"),
        ("Quyết định số 510/QĐ-BCA-V05", "510/QĐ-BCA-V05"),
    ]


def test_seed_son_la_report_party_documents(seed_refs: dict[str, list[dict]]) -> None:
    found = seed_refs["so-tu-phap-son-la-bao-cao-6-thang-2023"]
    keys = [r["key"] for r in found]
    for key in (
        "05-CT/TW",
        "45-QĐ/TW",
        "46-QĐ/TW",
        "37-QĐ/TW",
        "18-CT/TU",
        "09/CT-UBND",
        "349-QĐ/TU",
        "33/QĐ-STP",
        "58-QĐ/TW",
        "39/KH-STP",
        "36/2018/QH14",
        "23/2008/QH12",
    ):
        assert key in keys, key
    assert keys.count("124/2021/TT-BCA") == 8 and keys.count("48/KH-UBND") == 3
    assert len(found) == 26


def test_seed_cong_van_header_and_blank_number_ignored(seed_refs: dict[str, list[dict]]) -> None:
    found = seed_refs["ubnd-son-la-cong-van-2026"]
    assert all("UBND-NC" not in r["key"] for r in found)
    assert {r["key"] for r in found} == {
        "124/2021/TT-BCA",
        "510/QĐ-BCA",
        "510/QĐ-BCA-V05",
        "10/KH-UBND",
        "3554/QĐ-BCA-V05",
    }


def test_spans_index_the_text(seed_refs: dict[str, list[dict]]) -> None:
    for items in seed_refs.values():
        for r in items:
            assert r["_src"][r["start"] : r["end"]] == r["text"]


def test_component_adds_spans_to_doc() -> None:
    import spacy

    import extractor.find.legal_refs  # noqa: F401  registers the component

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("minhchung_legal_refs")
    doc = nlp.make_doc("Thực hiện Kế hoạch số 48/KH-UBND ngày 22/02/2023 của UBND tỉnh.")
    doc._.context = FindContext(year=2023)
    doc._.evidence = []
    doc = nlp.get_pipe("minhchung_legal_refs")(doc)
    assert [e.value["key"] for e in doc._.evidence] == ["48/KH-UBND"]
    assert [s.text for s in doc.spans["legal_ref"]] == ["Kế hoạch số 48/KH-UBND"]
    assert doc._.evidence[0].extractor == "legal_refs"


# ---------------------------------------------------------------- the genre's other habits
# Every sentence of ``genre_sentences.CASES`` with its complete list of references (a false hit fails
# as surely as a miss); short forms resolved as the pipeline does.


def legal_refs(text: str) -> list[Ref]:
    """The references of a sentence as (surface, doc_type, key, date, issuer), spans checked against the text."""
    found = find_legal_refs(text, FindContext(year=YEAR))
    resolve_short_forms(found)
    for item in found:
        assert text[item.start : item.end] == item.text
    return [(e.text, e.value["doc_type"], e.value["key"], e.value["date"], e.value["issuer"]) for e in found]


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_legal_refs_in_genre_variants(case: tuple[str, list[Ref], list[Date]]) -> None:
    text, expected_refs, _dates = case
    assert legal_refs(text) == expected_refs


def test_suite_is_large_and_varied() -> None:
    """The suite covers at least 80 sentences, with references, dates and negatives each well represented."""
    with_refs = sum(1 for _t, r, _d in CASES if r)
    with_dates = sum(1 for _t, _r, d in CASES if d)
    negatives = sum(1 for _t, r, d in CASES if not r and not d)
    assert len(CASES) >= 80
    assert with_refs >= 35 and with_dates >= 45 and negatives >= 10


def test_every_mention_of_one_document_shares_its_key() -> None:
    """OCR's "QD", spaced slashes and en dashes do not split one document into several keys."""
    text = (
        "Căn cứ Quyết định số 1157/QĐ-BCĐ ngày 15/3/2024; thực hiện Quyết định số 1157/QD-BCĐ; "
        "theo Quyết định số 1157 / QĐ–BCĐ."
    )
    keys: set[Any] = {ref[2] for ref in legal_refs(text)}
    assert keys == {"1157/QĐ-BCĐ"}
