"""Bad input gets a 4xx, never a 500: ids and pages past the database's integers, unbounded edits,
over-long bodies, DOCX with a DTD; timestamps carry their UTC offset; security headers; offline /docs."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from datetime import datetime, timedelta

import pytest

from api import sniff
from extractor.ingest.limits import Limits

from .conftest import SEED, SQLITE_ONLY, add_evidence, make_dossier, upload

HUGE = (2**31, 2**63, 2**64 + 5)


def test_ids_and_pages_past_the_database_integers_are_422(client, auth):
    admin = auth("admin")
    for value in HUGE:
        for path in (
            f"/api/dossiers/{value}",
            f"/api/documents/{value}",
            f"/api/jobs/{value}",
            f"/api/units/{value}",
            f"/api/dossiers/{value}/scorecard",
            f"/api/evidence?dossier_id={value}",
            f"/api/dossiers?unit_id={value}",
            f"/api/units?page={value}",
            f"/api/audit-log?page={value}",
        ):
            response = client.get(path, headers=admin)
            assert response.status_code == 422, (path, response.status_code, response.text[:200])
            assert response.json()["error"]["code"] == "validation_error"
        created = client.post("/api/dossiers", json={"unit_id": value, "year": 2024}, headers=admin)
        assert created.status_code == 422
    assert client.get("/api/dossiers/2147483647", headers=admin).status_code == 404  # largest id: not found


def test_evidence_edits_are_bounded(client, auth):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    document_id = upload(client, admin, dossier, SEED).json()["documents"][0]["document"]["id"]
    evidence_id = add_evidence(client.app.state.mc.engine, document_id)[0]
    too_big = {"version": 1, "value": {"key": "x" * 20_000}}
    too_deep: dict = {"v": 1}
    for _ in range(10):
        too_deep = {"v": too_deep}
    for body in (
        too_big,
        {"version": 1, "value": too_deep},
        {"version": 1, "criteria": ["TT124.6.3"] * 51},
        {"version": 1, "criteria": ["x" * 51]},
        {"version": 2**31},
        {"version": 1, "note": "n" * 2001},
    ):
        response = client.patch(f"/api/evidence/{evidence_id}", json=body, headers=admin)
        assert response.status_code == 422, (str(body)[:60], response.text[:200])
    assert client.get(f"/api/evidence/{evidence_id}", headers=admin).json()["version"] == 1  # nothing changed
    fine = client.patch(
        f"/api/evidence/{evidence_id}",
        json={"version": 1, "value": {"key": "124/2021/TT-BCA"}},
        headers=admin,
    )
    assert fine.status_code == 200 and fine.json()["version"] == 2


@SQLITE_ONLY
def test_json_body_over_the_limit_is_413_before_parsing(client, auth, settings):
    body = '{"name": "' + "x" * (settings.max_json_body_bytes + 10) + '", "kind": "xa"}'
    response = client.post(
        "/api/units", content=body, headers={**auth("admin"), "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_timestamps_are_iso_8601_with_offset(client, auth):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    detail = client.get(f"/api/dossiers/{dossier}", headers=admin).json()
    document = upload(client, admin, dossier, SEED).json()["documents"][0]
    job = client.get(f"/api/jobs/{document['job_id']}", headers=admin).json()
    stamps = [
        detail["created_at"],
        detail["unit"]["created_at"],
        document["document"]["created_at"],
        job["created_at"],
        job["updated_at"],
    ]
    stamps += [e["at"] for e in client.get("/api/audit-log", headers=admin).json()["items"]]
    parsed = [datetime.fromisoformat(stamp) for stamp in stamps]
    assert parsed and all(moment.utcoffset() == timedelta(0) for moment in parsed), stamps


def _docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


BOMB = (
    b'<?xml version="1.0"?>\n<!-- a comment first -->\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)


@SQLITE_ONLY
@pytest.mark.parametrize(
    "xml", [BOMB, EXTERNAL, BOMB.decode().encode("utf-16")], ids=["bomb", "external", "utf16"]
)
def test_docx_with_a_dtd_is_refused_at_upload(client, auth, settings, xml):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    files = [("files", ("bao-cao.docx", _docx_with(xml), "application/octet-stream"))]
    response = client.post(f"/api/dossiers/{dossier}/documents", files=files, headers=admin)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "unsafe_file" and "DTD" in response.json()["error"]["detail"]
    assert not list((settings.storage_dir / "sha256").rglob("*.*")) and not [
        p for p in (settings.storage_dir / "sha256").rglob("*") if p.is_file()
    ]
    assert client.get("/api/jobs", headers=admin).json()["total"] == 0


@SQLITE_ONLY
def test_a_real_docx_still_passes_the_dtd_check(client, auth, seed_path):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    response = upload(client, admin, dossier, seed_path("so-khdt-bao-cao-ket-qua-2022", "docx"))
    assert response.status_code == 201, response.text


def test_pdfium_is_called_by_one_thread_at_a_time(monkeypatch, seed_path):
    import pypdfium2

    pdf = seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf")
    inside, peak = [0], [0]
    lock = threading.Lock()
    real = pypdfium2.PdfDocument

    def watched(*args, **kwargs):
        with lock:
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
        time.sleep(0.05)  # widen the window in which a second thread could enter
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(pypdfium2, "PdfDocument", watched)
    threads = [
        threading.Thread(
            target=sniff.check_upload,
            args=(pdf, Limits(max_bytes=10**8)),
        )
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 1


@SQLITE_ONLY
def test_security_headers_and_offline_docs(client):
    for path in ("/", "/health", "/api/me", "/docs"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    docs = client.get("/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert "/api/auth/login" in docs.text and "/api/dossiers/{dossier_id}/documents" in docs.text
