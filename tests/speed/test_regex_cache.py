"""The compiled-pattern cache (``extractor.regex_cache``): a pattern it serves is the pattern a fresh compile
gives; a damaged file or entry is compiled as usual; the file stays bounded; a second ``minhchung`` run
compiles nothing and gives the same result."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import regex_cache
from extractor.find.dates.regexes import patterns as date_patterns
from extractor.find.legal_refs.regexes import patterns as legal_ref_patterns

REPO = Path(__file__).resolve().parents[2]
SMALL = REPO / "corpora" / "seeds" / "so-khdt-bao-cao-ket-qua-2022.txt"


def pipeline_patterns() -> list[tuple[str, int]]:
    """Real patterns of the finders: Vietnamese alternations, named groups, look-arounds, inline flags."""
    compiled = [*legal_ref_patterns().values(), *date_patterns().values()]
    return [(pattern.pattern, pattern.flags) for pattern in compiled if isinstance(pattern, re.Pattern)]


def fresh(pattern: str, flags: int) -> re.Pattern[str]:
    re.purge()
    return re.compile(pattern, flags)


@pytest.fixture
def cache_path(tmp_path):
    """The cache file of a test; the cache is uninstalled and ``re``'s own cache emptied after it."""
    yield tmp_path / "cache" / "regex.marshal"
    regex_cache.uninstall()
    re.purge()


def through_cache(
    path: Path, patterns: list[tuple[str, int]]
) -> tuple[list[re.Pattern[str]], dict[str, int]]:
    """One 'process': install, compile ``patterns``, save, uninstall."""
    re.purge()
    assert regex_cache.install(path)
    compiled = [re.compile(pattern, flags) for pattern, flags in patterns]
    counted = regex_cache.stats()
    regex_cache.save()
    regex_cache.uninstall()
    re.purge()
    return compiled, counted


def test_a_pattern_served_from_the_file_equals_a_fresh_compile_and_matches_alike(cache_path):
    patterns = pipeline_patterns()
    assert len(patterns) > 20
    first, counted = through_cache(cache_path, patterns)
    assert counted == {"from_cache": 0, "compiled": len(set(patterns))}
    second, counted = through_cache(cache_path, patterns)
    assert counted == {"from_cache": len(patterns), "compiled": 0}
    text = SMALL.read_text(encoding="utf-8")
    for (pattern, flags), served in zip(patterns, second, strict=True):
        expected = fresh(pattern, flags)
        assert served == expected  # same pattern, flags and engine code
        assert served.groupindex == expected.groupindex and served.groups == expected.groups
        assert [m.span() for m in served.finditer(text)] == [m.span() for m in expected.finditer(text)]


def stored_patterns(path: Path) -> dict:
    return marshal.loads(path.read_bytes()[len(regex_cache._MAGIC) + regex_cache._DIGEST_SIZE :])


def store(path: Path, patterns: dict) -> None:
    """Write ``patterns`` as :func:`regex_cache.save` does, checksum included."""
    payload = marshal.dumps(patterns)
    path.write_bytes(regex_cache._MAGIC + regex_cache._digest(payload) + payload)


REFERENCE = (r"(?P<so>\d{1,5})/(?P<nam>\d{4})/TT-(?P<co_quan>[A-ZĐ]+)", 0)


def test_a_file_that_is_not_one_or_is_damaged_is_compiled_as_usual(cache_path):
    pattern, flags = REFERENCE
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(b"not a cache file")
    (served,), counted = through_cache(cache_path, [REFERENCE])
    assert served == fresh(pattern, flags) and counted == {"from_cache": 0, "compiled": 1}

    content = bytearray(cache_path.read_bytes())
    content[-40] ^= 0x01  # one bit of the engine code: a different pattern if it were read
    cache_path.write_bytes(bytes(content))
    (served,), counted = through_cache(cache_path, [REFERENCE])
    assert served == fresh(pattern, flags) and counted == {"from_cache": 0, "compiled": 1}
    assert served.match("12/2021/TT-BCA").group("co_quan") == "BCA"


def test_a_file_larger_than_any_it_writes_is_not_read(cache_path, monkeypatch):
    through_cache(cache_path, [REFERENCE])
    monkeypatch.setattr(regex_cache, "MAX_FILE_BYTES", cache_path.stat().st_size - 1)
    _, counted = through_cache(cache_path, [REFERENCE])
    assert counted == {"from_cache": 0, "compiled": 1}


def test_an_entry_the_engine_rejects_is_compiled_again(cache_path):
    pattern, flags = REFERENCE
    through_cache(cache_path, [REFERENCE])
    stored = stored_patterns(cache_path)
    final_flags, code, groups, index, names = stored[REFERENCE]
    stored[REFERENCE] = (final_flags, bytes(len(code)), groups, index, names)  # all zeros: refused
    store(cache_path, stored)
    (served,), counted = through_cache(cache_path, [REFERENCE])
    assert served == fresh(pattern, flags) and counted == {"from_cache": 0, "compiled": 1}


def test_a_bad_pattern_raises_as_re_does(cache_path):
    regex_cache.install(cache_path)
    with pytest.raises(re.error):
        re.compile("(?P<unclosed>")


class Phrase(str):
    """A str subclass (as numpy and markupsafe make): marshal cannot write it."""


def test_bytes_and_str_subclass_patterns_are_compiled_as_usual_and_the_file_still_written(cache_path):
    regex_cache.install(cache_path)
    assert re.compile(rb"s\xe1o").match(b"s\xe1o")
    assert re.compile(Phrase("an ninh, trật tự")).search("Tiêu chuẩn an ninh, trật tự")
    assert regex_cache.stats() == {"from_cache": 0, "compiled": 0}
    re.compile("khu dân cư")
    regex_cache.save()
    assert list(stored_patterns(cache_path)) == [("khu dân cư", 0)]


def test_the_file_keeps_the_patterns_used_last_and_a_run_records_no_more_than_its_bound(
    cache_path, monkeypatch
):
    monkeypatch.setattr(regex_cache, "MAX_PATTERNS", 3)
    old = [(f"cũ {n}", 0) for n in range(3)]
    new = [(f"mới {n}", 0) for n in range(2)]
    through_cache(cache_path, old)
    assert list(stored_patterns(cache_path)) == old
    through_cache(cache_path, new)
    assert list(stored_patterns(cache_path)) == [old[2], *new]  # the oldest unused ones leave first
    newest = ("mới 2", 0)
    through_cache(cache_path, [old[2], new[0], newest])  # a run that adds nothing leaves the file alone
    assert list(stored_patterns(cache_path)) == [old[2], new[0], newest]

    many = [(f"nhiều {n}", 0) for n in range(10)]
    _, counted = through_cache(cache_path, many)
    assert counted == {"from_cache": 0, "compiled": 10}
    assert list(stored_patterns(cache_path)) == many[:3]  # recorded while under the bound


def test_a_folder_that_cannot_be_written_is_left_alone(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    try:
        (served,), _ = through_cache(blocker / "cache" / "regex.marshal", [("tiêu chí", 0)])
    finally:
        regex_cache.uninstall()
    assert served.search("đạt tiêu chí 1")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file"]


def test_without_a_home_folder_patterns_are_compiled_as_usual(monkeypatch):
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("MINHCHUNG_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert regex_cache.install() is False
    assert re.compile("khu dân cư").search("tại khu dân cư số 3")
    assert regex_cache.stats() == {"from_cache": 0, "compiled": 0}


_RUN_AND_COUNT = """
import json, sys
from extractor import regex_cache
regex_cache.install()
from extractor.pipeline import extract_file
result = extract_file(sys.argv[1]).to_dict()
counted = regex_cache.stats()
regex_cache.save()
print(json.dumps({"counted": counted, "evidence": result["evidence"]}, ensure_ascii=False))
"""


def test_a_second_run_compiles_no_pattern_and_finds_the_same_evidence(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "MINHCHUNG_CACHE_DIR": str(tmp_path)}

    def run() -> dict:
        out = subprocess.run(
            [sys.executable, "-c", _RUN_AND_COUNT, str(SMALL)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.splitlines()[-1])

    first, second = run(), run()
    assert first["counted"]["compiled"] > 500  # the whole pipeline's patterns
    assert second["counted"] == {"from_cache": second["counted"]["from_cache"], "compiled": 0}
    assert second["counted"]["from_cache"] >= first["counted"]["compiled"]
    assert second["evidence"] == first["evidence"] and first["evidence"]
    assert [path.name for path in tmp_path.iterdir()] == [regex_cache.cache_file().name]


def test_the_command_line_keeps_its_patterns_and_prints_the_same_result(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "MINHCHUNG_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "extractor.cli", "extract", str(SMALL)]
    first = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    kept = sorted(tmp_path.iterdir())
    second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    assert len(kept) == 1 and kept[0].stat().st_size > 100_000
    assert json.loads(second) == json.loads(first) and json.loads(first)["evidence"]
