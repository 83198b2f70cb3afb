"""Issue 11: Vietnamese typed without diacritics is read (flagged ``no_diacritics``), not refused."""

from __future__ import annotations

from fixtures.bad_inputs import ENGLISH

from extractor.errors import NotVietnameseError
from extractor.ingest import NO_DIACRITICS_WARNING, load_document
from extractor.language import is_vietnamese, strip_diacritics, typed_without_diacritics


def test_seed_typed_without_diacritics_is_read_and_flagged(tmp_path, seed_names):
    from extractor.pipeline import extract_file

    for name in seed_names:
        path = tmp_path / f"{name}.txt"
        path.write_text(strip_diacritics(_seed(name)), encoding="utf-8")
        document = load_document(path)  # the language check passes
        assert NO_DIACRITICS_WARNING in document.warnings, name
    result = extract_file(path)
    assert NO_DIACRITICS_WARNING in result.document.warnings
    assert result.evidence  # the finders get the text


def test_ordinary_vietnamese_is_not_flagged(seed_path):
    assert load_document(seed_path("xa-kon-gang-ke-hoach-tt124", "txt")).warnings == []


def test_english_and_french_without_diacritics_are_still_refused(tmp_path):
    french = ("Le rapport decrit la situation de securite du bureau pendant le premier semestre de l annee. Tous les "
              "agents ont participe aux sessions de formation et aucun incident n a ete signale par les gardes. ") * 5
    for text in (ENGLISH, french):
        assert not is_vietnamese(text) and not typed_without_diacritics(text)
    path = tmp_path / "french.txt"
    path.write_text(french, encoding="utf-8")
    try:
        load_document(path)
    except NotVietnameseError:
        pass
    else:
        raise AssertionError("French was accepted")


def test_strip_diacritics():
    assert strip_diacritics("Thông tư số 124/2021/TT-BCA của Bộ Công an, Đắk Lắk") == \
        "Thong tu so 124/2021/TT-BCA cua Bo Cong an, Dak Lak"


def _seed(name: str) -> str:
    from fixtures.files import seed_text

    return seed_text(name).read_text(encoding="utf-8")


def test_key_phrases_get_their_diacritics_back_and_the_finders_read_them(tmp_path):
    from extractor.ingest.diacritics import restore_key_phrases
    from extractor.pipeline import extract_file

    bare = strip_diacritics(_seed("xa-kon-gang-ke-hoach-tt124"))
    restored, count = restore_key_phrases(bare)
    assert len(restored) == len(bare) and count > 50
    assert "Thông tư số 124/2021/TT-BCA ngày 28/12/2021" in restored
    path = tmp_path / "bare.txt"
    path.write_text(bare, encoding="utf-8")
    result = extract_file(path)
    keys = {e.value.get("key") for e in result.evidence if e.kind == "legal_ref"}
    assert "124/2021/TT-BCA" in keys
    assert any(e.kind == "date" and e.value.get("iso") == "2021-12-28" for e in result.evidence)
    assert any(w.startswith("diacritics_restored") for w in result.document.warnings)


def test_ambiguous_bare_words_are_left_as_typed():
    from extractor.ingest.diacritics import restore_key_phrases

    assert restore_key_phrases("nam sinh va nu sinh, ban Nam")[0] == "nam sinh va nu sinh, ban Nam"
    assert restore_key_phrases("nam 2023, ngay 5")[0] == "năm 2023, ngày 5"
