"""Short forms and shortened symbols take the full key of the document they name."""

from __future__ import annotations

from pathlib import Path

from extractor.clean import normalize_plain
from extractor.find.legal_refs import find_legal_refs
from extractor.find.link import resolve_short_forms
from extractor.nlp import FindContext

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "seeds"


def keys(text: str) -> list[tuple[str, str]]:
    evidence = find_legal_refs(text, FindContext())
    resolve_short_forms(evidence)
    return [(e.text, e.value["key"]) for e in evidence]


def test_short_form_takes_the_full_key_cited_in_the_same_document() -> None:
    text = (
        "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an (gọi tắt là Thông tư 124). "
        "Công an xã tham mưu triển khai Thông tư 124."
    )
    assert keys(text) == [
        ("Thông tư số 124/2021/TT-BCA", "124/2021/TT-BCA"),
        ("Thông tư 124", "124/2021/TT-BCA"),
        ("Thông tư 124", "124/2021/TT-BCA"),
    ]


def test_order_does_not_matter() -> None:
    text = "Nghị định 144 quy định … Căn cứ Nghị định số 144/2021/NĐ-CP ngày 31/12/2021 của Chính phủ."
    assert keys(text)[0] == ("Nghị định 144", "144/2021/NĐ-CP")


def test_well_known_acts_resolve_without_the_full_form() -> None:
    text = "đã nộp bản đăng ký theo Thông tư 23 trong năm 2022; thực hiện TT124 và Quyết định 510."
    assert keys(text) == [
        ("Thông tư 23", "23/2012/TT-BCA"),
        ("TT124", "124/2021/TT-BCA"),
        ("Quyết định 510", "510/QĐ-BCA-V05"),
    ]


def test_short_form_with_year() -> None:
    assert keys("thay thế Thông tư 23/2012 của Bộ Công an") == [("Thông tư 23/2012", "23/2012/TT-BCA")]


def test_document_citation_wins_over_the_well_known_act() -> None:
    text = "Căn cứ Thông tư số 23/2015/TT-BTP ngày 30/12/2015 của Bộ Tư pháp; Thông tư 23 quy định"
    assert keys(text)[-1] == ("Thông tư 23", "23/2015/TT-BTP")


def test_ambiguous_short_form_is_left_alone() -> None:
    text = "Thông tư số 23/2015/TT-BTP và Thông tư số 23/2012/TT-BCA; theo Thông tư 23 thì"
    assert keys(text)[-1] == ("Thông tư 23", "Thông tư 23")


def test_unknown_short_form_keeps_its_own_key() -> None:
    assert keys("theo Thông tư 99 của Bộ") == [("Thông tư 99", "Thông tư 99")]


def test_bare_number_of_other_type_does_not_resolve() -> None:
    text = "Kế hoạch số 124/KH-UBND ngày 02/3/2024; Thông tư 124"
    assert keys(text)[-1] == ("Thông tư 124", "124/2021/TT-BCA")


def test_shortened_symbol_takes_the_longer_symbol() -> None:
    text = (
        "Quyết định số 510/QĐ-BCA ngày 20/01/2022 của Bộ trưởng Bộ Công an (Quyết định số 510/QĐ-BCA-V05); "
        "điểm c khoản 11 Điều 8 Quyết định số 510/QĐ-BCA"
    )
    assert {key for _text, key in keys(text)} == {"510/QĐ-BCA-V05"}


def test_shortened_symbol_of_well_known_act_alone() -> None:
    assert keys("theo Quyết định số 510/QĐ-BCA ngày 20/01/2022") == [
        ("Quyết định số 510/QĐ-BCA", "510/QĐ-BCA-V05")
    ]


def test_shortened_symbol_with_other_date_is_another_document() -> None:
    assert keys("theo Quyết định số 510/QĐ-BCA ngày 05/02/2019") == [
        ("Quyết định số 510/QĐ-BCA", "510/QĐ-BCA")
    ]


def test_seed_kon_gang_every_mention_of_tt124_shares_one_key() -> None:
    text = normalize_plain((SEEDS / "xa-kon-gang-ke-hoach-tt124.txt").read_text(encoding="utf-8"))
    found = keys(text)
    tt = [key for surface, key in found if surface.startswith("Thông tư") and "23" not in surface]
    assert len(tt) == 19 and set(tt) == {"124/2021/TT-BCA"}
    assert ("Thông tư 23", "23/2012/TT-BCA") in found
    assert ("Quyết định số 510/QĐ-BCA V05", "510/QĐ-BCA-V05") in found


def test_seed_cong_van_510_variants_share_one_key() -> None:
    text = normalize_plain((SEEDS / "ubnd-son-la-cong-van-2026.txt").read_text(encoding="utf-8"))
    assert {key for surface, key in keys(text) if "510" in surface} == {"510/QĐ-BCA-V05"}


def test_component_resolves_evidence_of_the_doc() -> None:
    import spacy

    import extractor.find.legal_refs  # noqa: F401  registers the components
    import extractor.find.link  # noqa: F401

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("minhchung_legal_refs")
    nlp.add_pipe("minhchung_link")
    doc = nlp.make_doc("Thông tư 124 và Thông tư số 124/2021/TT-BCA.")
    doc._.context = FindContext()
    doc._.evidence = []
    for _name, component in nlp.pipeline:
        doc = component(doc)
    assert [e.value["key"] for e in doc._.evidence] == ["124/2021/TT-BCA", "124/2021/TT-BCA"]
