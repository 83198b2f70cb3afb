"""Uploads: several files at once, de-duplication by sha256, content-addressed storage, bad files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fixtures.files import convert

from .conftest import SEED, SQLITE_ONLY, make_dossier, upload

REPO = Path(__file__).resolve().parents[2]


def stored_files(settings) -> list[Path]:
    return [p for p in (settings.storage_dir / "sha256").rglob("*") if p.is_file()]


def test_upload_several_files_then_same_file_again_is_deduplicated(client, auth, settings, seed_path):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    pdf = seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf")
    docx = seed_path("so-khdt-bao-cao-ket-qua-2022", "docx")
    first = upload(client, admin, dossier, pdf, docx)
    assert first.status_code == 201, first.text
    items = first.json()["documents"]
    assert [i["document"]["format"] for i in items] == ["pdf", "docx"]
    assert [i["duplicate"] for i in items] == [False, False]
    assert all(i["job_id"] for i in items)
    assert len(stored_files(settings)) == 2

    # Same PDF under another name: same document, no new job, nothing new stored.
    again = upload(client, admin, dossier, pdf, names=["ban-sao.pdf"])
    assert again.status_code == 201
    item = again.json()["documents"][0]
    assert item["duplicate"] is True
    assert item["document"]["id"] == items[0]["document"]["id"]
    assert item["job_id"] == items[0]["job_id"]
    assert len(stored_files(settings)) == 2
    detail = client.get(f"/api/dossiers/{dossier}", headers=admin).json()
    assert detail["document_count"] == 2

    # Stored under its sha256, byte for byte.
    sha = items[0]["document"]["sha256"]
    stored = settings.storage_dir / "sha256" / sha[:2] / sha[2:4] / sha
    assert stored.read_bytes() == pdf.read_bytes()
    download = client.get(f"/api/documents/{items[0]['document']['id']}/file", headers=admin)
    assert download.content == pdf.read_bytes()


@SQLITE_ONLY
def test_format_is_judged_by_content_not_name(client, auth):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    response = upload(client, admin, dossier, SEED, names=["bao-cao.pdf"])
    assert response.status_code == 201
    assert response.json()["documents"][0]["document"]["format"] == "txt"


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _encrypted_pdf(tmp_path: Path) -> bytes:
    source = tmp_path / "mat.txt"
    source.write_text("Báo cáo kết quả xây dựng phong trào, tài liệu có mật khẩu.", encoding="utf-8")
    export = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    return convert(source, "pdf", tmp_path, export=export).read_bytes()


@SQLITE_ONLY  # files are checked before anything is written; the database plays no part
@pytest.mark.parametrize(
    "case", ["corrupt_pdf", "encrypted_pdf", "too_large", "png_named_pdf", "zip_bomb", "random_zip", "empty"]
)
def test_bad_upload_is_a_clear_4xx_and_service_stays_healthy(
    case, client, auth, settings, seed_path, tmp_path
):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    pdf = seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf").read_bytes()
    content, expected_status, expected_code = {
        "corrupt_pdf": lambda: (pdf[: len(pdf) // 3], 422, "corrupt_file"),
        "encrypted_pdf": lambda: (_encrypted_pdf(tmp_path), 422, "encrypted_file"),
        "too_large": lambda: (b"%PDF-1.4\n" + b"0" * (settings.max_upload_bytes + 10), 413, "file_too_large"),
        "png_named_pdf": lambda: (b"\x89PNG\r\n\x1a\n" + b"\0" * 500, 415, "unsupported_format"),
        "zip_bomb": lambda: (_zip_bomb(), 422, "unsafe_file"),
        "random_zip": lambda: (_random_zip(), 415, "unsupported_format"),
        "empty": lambda: (b"", 422, "empty_document"),
    }[case]()
    files = [
        ("files", ("ok.txt", SEED.read_bytes(), "text/plain")),
        ("files", ("bao-cao.pdf", content, "application/pdf")),
    ]
    response = client.post(f"/api/dossiers/{dossier}/documents", files=files, headers=admin)
    assert response.status_code == expected_status, response.text
    error = response.json()["error"]
    assert error["code"] == expected_code
    assert error["message_vi"] and error["message_en"]
    if expected_status != 413 or "detail" in error:
        assert "bao-cao.pdf" in error.get("detail", "") or expected_status == 413
    # Nothing of the request was kept: the good file in it is not stored either.
    assert stored_files(settings) == []
    assert client.get(f"/api/dossiers/{dossier}", headers=admin).json()["document_count"] == 0
    assert client.get("/health").json() == {"status": "ok"}
    assert upload(client, admin, dossier, SEED).status_code == 201


def _random_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anh.txt", "không phải văn bản Word")
    return buffer.getvalue()


@SQLITE_ONLY
def test_request_body_over_the_limit_is_refused_before_parsing(client, auth, settings):
    admin = auth("admin")
    dossier = make_dossier(client, admin)
    limit = settings.max_upload_bytes * settings.max_files_per_upload + 1024 * 1024
    response = client.post(
        f"/api/dossiers/{dossier}/documents",
        headers={
            **admin,
            "content-length": str(limit + 1),
            "content-type": "multipart/form-data; boundary=x",
        },
        content=b"--x--",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
