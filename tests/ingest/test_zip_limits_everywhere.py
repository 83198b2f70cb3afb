"""One zip check, one ``Limits``: the upload check, ingestion and bulk input refuse the same zip bomb
with the same limit, and one ``Limits`` value changed here changes all three (issue 15)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.files import seed_docx_source

from api.settings import Settings
from api.sniff import check_upload, check_zip_upload
from extractor.bulk.sources import extract_zip
from extractor.errors import UnsafeArchiveError
from extractor.ingest import Limits, load_document

MiB = 1024 * 1024
# lets the bomb below through every check: each test tightens one value
PERMISSIVE = replace(Limits(), max_compression_ratio=100_000)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DOCX plus a 2 MiB member of zeros (packed ~1000×) and a small text file a bulk run would read."""
    source = seed_docx_source("ubnd-son-la-cong-van-2026")
    target = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    with zipfile.ZipFile(source) as base, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as sink:
        for item in base.infolist():
            sink.writestr(item.filename, base.read(item.filename))
        sink.writestr("word/media/padding.bin", b"\0" * (2 * MiB))
        sink.writestr("ho-so/bao-cao.txt", "Báo cáo kết quả thực hiện nhiệm vụ năm 2025.")
    return target


def _upload(path: Path, limits: Limits, tmp: Path) -> object:
    return check_upload(path, limits)


def _bulk_upload(path: Path, limits: Limits, tmp: Path) -> object:
    check_zip_upload(path, limits)
    return None


def _ingest(path: Path, limits: Limits, tmp: Path) -> object:
    return load_document(path, limits=limits, ocr=False, check_language=False)


def _bulk(path: Path, limits: Limits, tmp: Path) -> object:
    archive = tmp / "ho-so.zip"
    archive.write_bytes(path.read_bytes())
    return extract_zip(archive, tmp / "input", limits)


PATHS: dict[str, Callable[[Path, Limits, Path], object]] = {
    "upload": _upload,
    "bulk_upload": _bulk_upload,
    "ingestion": _ingest,
    "bulk": _bulk,
}


@pytest.mark.parametrize("path", PATHS)
def test_default_limits_refuse_the_bomb_everywhere(bomb, tmp_path, path):
    with pytest.raises(UnsafeArchiveError, match="zip bomb"):
        PATHS[path](bomb, Limits(), tmp_path)


@pytest.mark.parametrize("path", PATHS)
def test_raising_the_one_ratio_limit_lets_it_through_everywhere(bomb, tmp_path, path):
    result = PATHS[path](bomb, PERMISSIVE, tmp_path)
    if path == "upload":
        assert result == "docx"
    if path == "bulk":
        assert [f.rel for f in result.files] == ["ho-so/bao-cao.txt"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_compression_ratio": 500}, "zip bomb"),
        ({"max_member_bytes": MiB}, "bytes > limit"),
        ({"max_nesting_depth": 1}, "levels"),
    ],
    ids=["ratio", "member_size", "nesting"],
)
@pytest.mark.parametrize("path", PATHS)
def test_one_changed_limit_refuses_it_everywhere(bomb, tmp_path, path, change, message):
    with pytest.raises(UnsafeArchiveError, match=message):
        PATHS[path](bomb, replace(PERMISSIVE, **change), tmp_path)


def test_the_service_builds_its_limits_from_its_settings(bomb):
    settings = Settings(max_zip_ratio=100_000)
    assert settings.limits().max_compression_ratio == 100_000
    assert check_upload(bomb, settings.limits()) == "docx"
    with pytest.raises(UnsafeArchiveError, match="zip bomb"):
        check_upload(bomb, Settings().limits())
    assert Settings().limits().max_compression_ratio == Limits().max_compression_ratio
