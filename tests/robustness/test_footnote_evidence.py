"""Issue 11: footnote bodies are searched too, and their evidence says where it comes from.

The footnotes part follows the body in the normalized text after one empty line, one footnote per
line; its evidence has ``source_part`` "footnote", the footnote's number and the footnote's page.
Files: the Kon Gang seed as a Flat ODT with one real ``<text:note>`` footnote citing a decree the
body never cites, converted by LibreOffice to DOCX (``word/footnotes.xml``) and PDF (footnote area
at the foot of its page)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from fixtures.files import GOLDEN, convert
from variants import _FODT, FONT, OUT

from extractor.models import Evidence, Page, RawDocument, extract_output_schema
from extractor.pipeline import FOOTNOTES_SEPARATOR, body_text, process

SEED = "xa-kon-gang-ke-hoach-tt124"
NOTE = "Nghị định số 96/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định điều kiện về an ninh, trật tự."
NOTED_LINE = 44  # "- Nghị quyết của cấp ủy Đảng lãnh đạo …": a few pages into the PDF


def footnoted_file(fmt: str):
    source = OUT / "footnote-evidence" / f"{SEED}.fodt"
    if not source.exists():
        paragraphs = []
        for index, line in enumerate((GOLDEN / f"{SEED}.txt").read_text(encoding="utf-8").splitlines()):
            note = ""
            if index == NOTED_LINE:
                note = (
                    f'<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1'
                    f"</text:note-citation><text:note-body><text:p>{escape(NOTE)}</text:p></text:note-body>"
                    f"</text:note>"
                )
            paragraphs.append(f"<text:p>{escape(line)}{note}</text:p>")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(_FODT.format(font=FONT, body="\n".join(paragraphs)), encoding="utf-8")
    target = source.with_suffix(f".{fmt}")
    if not target.exists():
        convert(source, fmt, source.parent)
    return target


def _decree(evidence: list[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.kind == "legal_ref" and "96/2016" in e.value["key"]]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_reference_cited_only_in_a_footnote_comes_out_once_flagged_with_its_page(fmt, seed_path):
    from extractor.ingest import load_document
    from extractor.pipeline import extract_file

    path = footnoted_file(fmt)
    note_pages = [
        page.number for page in load_document(path).pages for note in page.footnotes if "96/2016" in note
    ]
    assert len(note_pages) == 1
    result = extract_file(path, include_text=True)
    text = result.document.text
    assert text is not None
    decree = _decree(result.evidence)
    assert len(decree) == 1
    ref = decree[0]
    assert (ref.source_part, ref.footnote, ref.page) == ("footnote", 1, note_pages[0])
    assert ref.value["key"] == "96/2016/NĐ-CP" and ref.value["date"] == "2016-07-01"
    assert text[ref.start : ref.end] == ref.text and ref.start > len(body_text(text))
    assert ref.to_dict()["source_part"] == "footnote" and ref.to_dict()["footnote"] == 1
    if fmt == "pdf":
        assert ref.page > 1  # the page of the footnote, not a default
    dates = [e for e in result.evidence if e.kind == "date" and e.source_part == "footnote"]
    assert [d.value["iso"] for d in dates] == ["2016-07-01"]
    # the body reads as it did without the footnote (the PDF's footnote area moves page breaks)
    clean = extract_file(seed_path(SEED, fmt))
    body = [e.to_dict() for e in result.evidence if e.source_part == "body"]
    assert [(e["kind"], e["text"], e["value"]) for e in body] == [
        (e.kind, e.text, e.value) for e in clean.evidence
    ]
    assert all("source_part" not in item for item in body)
    assert not ref.criteria


def _raw(pages: list[Page]) -> RawDocument:
    return RawDocument(source="<test>", sha256="0" * 64, format="pdf", pages=pages)


BODY = (
    "ỦY BAN NHÂN DÂN XÃ CHIỀNG AN\nBÁO CÁO\nKết quả xây dựng phong trào an toàn về an ninh, trật tự năm 2023\n"
    "Thực hiện Thông tư 124 của Bộ Công an, Ủy ban nhân dân xã đã tổ chức 12 buổi tuyên truyền về phòng, "
    "chống tội phạm cho nhân dân trên địa bàn.\n"
)


def test_footnote_spans_follow_the_body_and_ids_never_collide():
    pages = [
        Page(1, BODY, footnotes=["1 Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an."]),
        Page(
            2,
            "Trên đây là báo cáo kết quả của Ủy ban nhân dân xã trong năm 2023.",
            footnotes=["2 Kế hoạch số 39/KH-UBND\nngày 23 tháng 3 năm 2022."],
        ),
    ]
    result = process(_raw(pages), include_text=True)
    text = result.document.text
    assert text is not None
    body, notes = text.split(FOOTNOTES_SEPARATOR)
    assert notes.splitlines() == [
        "1 Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an.",
        "2 Kế hoạch số 39/KH-UBND ngày 23 tháng 3 năm 2022.",
    ]
    assert body_text(text) == body and FOOTNOTES_SEPARATOR not in body
    for item in result.evidence:
        assert text[item.start : item.end] == item.text
        assert (item.start >= len(body) + len(FOOTNOTES_SEPARATOR)) == (item.source_part == "footnote")
    assert len({item.id for item in result.evidence}) == len(result.evidence)
    notes_found = [(e.kind, e.footnote, e.page) for e in result.evidence if e.source_part == "footnote"]
    assert notes_found == [("legal_ref", 1, 1), ("date", 1, 1), ("legal_ref", 2, 2), ("date", 2, 2)]
    # the body's short form takes the full key that only the footnote cites
    short = next(e for e in result.evidence if e.kind == "legal_ref" and e.text == "Thông tư 124")
    assert short.value["key"] == "124/2021/TT-BCA" and short.source_part == "body"


def test_footnote_evidence_satisfies_the_published_schema():
    from extract.test_output_schema import problems

    pages = [Page(1, BODY, footnotes=["1 Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an."])]
    output = process(_raw(pages)).to_dict()
    schema = extract_output_schema()
    assert any(item.get("source_part") == "footnote" for item in output["evidence"])
    assert problems(output, schema, schema) == []


def test_without_footnotes_nothing_changes():
    result = process(_raw([Page(1, BODY)]), include_text=True)
    assert result.document.text is not None and FOOTNOTES_SEPARATOR not in result.document.text
    assert all(item.source_part == "body" and "footnote" not in item.to_dict() for item in result.evidence)


def test_a_saved_result_keeps_the_flag_and_is_reassessed_on_its_body_only(tmp_path):
    import json

    from extractor.criteria import sources

    note = "1 Năm 2023 trên địa bàn xã không để xảy ra cháy, nổ, không có người nghiện ma túy mới."
    saved = tmp_path / "result.json"
    output = process(_raw([Page(1, BODY, footnotes=[note])]), include_text=True).to_dict(include_text=True)
    saved.write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")
    loaded = sources.load(saved, subject_type="co_quan")  # a kind other than the text's: re-assessed
    assert [e.to_dict() for e in loaded.evidence if e.source_part == "footnote"] == [
        {**item, "criteria": []} for item in output["evidence"] if item.get("source_part") == "footnote"
    ]
    assert loaded.document.text is not None
    body_end = len(body_text(loaded.document.text))
    sentences = [s for criterion in loaded.criteria for s in criterion["sentences"]]
    assert sentences and all(s["start"] < body_end for s in sentences)  # the footnote's claim decides nothing
