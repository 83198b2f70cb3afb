"""Issue 11: evidence read in a footnote keeps its provenance in the service. A DOCX whose only citation
of Nghị định 96/2016/NĐ-CP is in footnote 1 is uploaded and processed by the worker; the API returns
that evidence with ``source_part`` "footnote" and ``footnote`` 1, body evidence with "body", and a quote
from the footnote says "(chú thích 1)" in the scorecard workbook and document."""

from __future__ import annotations

import io

from api.worker import Worker
from extractor import vocabulary

from .conftest import SEED, make_dossier, upload
from .footnoted import NOTE_KEY, footnoted_docx


def _processed(client, headers, settings, engine, tmp_path) -> tuple[int, list[dict]]:
    dossier = make_dossier(client, headers)
    path = footnoted_docx(SEED, tmp_path / "bao-cao-co-chu-thich.docx")
    uploaded = upload(client, headers, dossier, path)
    assert uploaded.status_code in (200, 201, 202), uploaded.text
    assert Worker(settings, engine=engine).run_once()
    document_id = uploaded.json()["documents"][0]["document"]["id"]
    listed = client.get(
        "/api/evidence", params={"document_id": document_id, "page_size": 200}, headers=headers
    )
    assert listed.status_code == 200, listed.text
    assert listed.json()["total"] == len(listed.json()["items"])
    return dossier, listed.json()["items"]


def test_footnote_evidence_comes_back_with_its_part_and_number(client, auth, settings, engine, tmp_path):
    headers = auth("thamdinh_sonla")
    _dossier, items = _processed(client, headers, settings, engine, tmp_path)
    decree = [item for item in items if item["kind"] == "legal_ref" and item["value"].get("key") == NOTE_KEY]
    assert len(decree) == 1
    ref = decree[0]
    assert (ref["source_part"], ref["footnote"], ref["page"]) == ("footnote", 1, 1)
    assert ref["criteria"] == []  # footnote evidence supports no criterion by itself
    dates = [item for item in items if item["kind"] == "date" and item["source_part"] == "footnote"]
    assert [(d["value"]["iso"], d["footnote"]) for d in dates] == [("2016-07-01", 1)]
    body = [item for item in items if item["source_part"] == "body"]
    assert body and all(item["footnote"] is None for item in body)
    assert {item["source_part"] for item in items} == {"body", "footnote"}
    single = client.get(f"/api/evidence/{ref['id']}", headers=headers).json()
    assert (single["source_part"], single["footnote"]) == ("footnote", 1)
    # a review keeps the provenance
    reviewed = client.patch(
        f"/api/evidence/{ref['id']}", json={"version": 1, "status": "confirmed"}, headers=headers
    )
    assert reviewed.status_code == 200, reviewed.text
    assert (reviewed.json()["source_part"], reviewed.json()["footnote"]) == ("footnote", 1)


def test_a_footnote_quote_says_so_in_the_scorecard_and_its_downloads(
    client, auth, settings, engine, tmp_path
):
    from docx import Document as DocxDocument
    from openpyxl import load_workbook

    headers = auth("thamdinh_sonla")
    dossier, items = _processed(client, headers, settings, engine, tmp_path)
    ref = next(item for item in items if item["value"].get("key") == NOTE_KEY)
    criterion = "TT124.6.1"
    moved = client.patch(
        f"/api/evidence/{ref['id']}", json={"version": 1, "criteria": [criterion]}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=headers).json()
    row = next(c for c in card["criteria"] if c["id"] == criterion)
    linked = next(e for e in row["evidence"] if e["id"] == ref["id"])
    assert (linked["source_part"], linked["footnote"]) == ("footnote", 1)
    quote = next(q for q in row["quotes"] if ref["id"] in q["evidence_ids"])
    assert (quote["source_part"], quote["footnote"]) == ("footnote", 1)

    mark = vocabulary.source_mark("footnote", 1)
    assert mark == "(chú thích 1)"
    xlsx = client.get(f"/api/dossiers/{dossier}/scorecard.xlsx", headers=headers)
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    quoted = [row for row in book["Minh chứng"].iter_rows(min_row=2, values_only=True) if row[0] == criterion]
    assert any(str(cells[5]).startswith(ref["text"]) and str(cells[5]).endswith(mark) for cells in quoted), (
        quoted
    )
    assert not any(mark in str(cells[5]) for cells in quoted if not str(cells[5]).startswith(ref["text"]))
    technical = book["Vị trí (kỹ thuật)"]
    header = [cell.value for cell in technical[1]]
    places = [
        dict(zip(header, cells, strict=True)) for cells in technical.iter_rows(min_row=2, values_only=True)
    ]
    assert any(
        place["source_part"] == "footnote" and place["footnote"] == 1 and ref["id"] in place["evidence_ids"]
        for place in places
    )

    docx = client.get(f"/api/dossiers/{dossier}/scorecard.docx", headers=headers)
    assert docx.status_code == 200
    text = "\n".join(
        cell.text
        for table in DocxDocument(io.BytesIO(docx.content)).tables
        for table_row in table.rows
        for cell in table_row.cells
    )
    if ref["text"] in text:  # the form shows the deciding quotes (or the top three)
        assert f"“{ref['text']}” {mark}" in text
