"""Compiled regular expressions kept between runs, so that a fresh ``minhchung`` process does not compile
its ≈ 850 patterns again.

Python compiles a pattern in two steps. ``re._parser`` and ``re._compiler``, written in Python, turn it into
the regex engine's code, a list of integers: for this pipeline's patterns ≈ 0.15 s of CPU, a sixth of a
one-file ``minhchung extract``. Then ``_sre.compile``, in C, checks that code and makes the pattern object,
in microseconds. The code depends only on the pattern, its flags and the Python build. This module keeps
it in one file per Python build and, once :func:`install` has run, hands it straight to ``_sre.compile``:
the pattern object equals (``==``: same pattern, flags and code) what a fresh compile gives. Patterns not
in the file are compiled as usual and added to it by :func:`save`. (A warning the parser gives about a
pattern, such as ``FutureWarning: Possible nested set``, is given on the run that compiles it only.)

The file carries a checksum of what it holds: a damaged or unreadable file, code the engine rejects, or a
``re`` module without the parts used here, fall back to compiling as usual, never to a different pattern.
(Like Python's own bytecode cache it trusts whoever can write the user's cache folder.) The ``minhchung``
command installs it (:func:`extractor.cli.entry`), for all its commands, ``serve`` included; the workers
the service starts, the bulk workers and the tests compile as usual.

The file: ``regex-<build>.marshal`` in ``$MINHCHUNG_CACHE_DIR``, else ``$XDG_CACHE_HOME/minhchung``, else
``~/.cache/minhchung``; ``<build>`` names the Python build, so two Pythons never share one. It holds at most
:data:`MAX_PATTERNS` patterns, those used by the latest runs (some patterns are made from a document's
words: they come and go); a process records at most as many.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

try:  # CPython's engine and compiler (3.11+ names)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation: nothing is cached
    _sre = None

#: The most patterns the file keeps, and a process records (the pipeline compiles ≈ 850, then a few made
#: from each document's words).
MAX_PATTERNS = 3000

#: A larger file is not read.
MAX_FILE_BYTES = 64 * 1024 * 1024

#: What the file starts with, then a BLAKE2b digest of the rest (the marshalled patterns).
_MAGIC = b"minhchung-regex-1\n"
_DIGEST_SIZE = 32

#: (flags after parsing, the code as machine integers, groups, group index, group names by number)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str, int]

_CODE_TYPE = "I" if _sre is not None and array("I").itemsize == _sre.CODESIZE else "L"


class _Cache:
    """The patterns read from the file, those compiled since, and those this process used."""

    def __init__(self, path: Path, stored: dict[Key, Entry]) -> None:
        self.path = path
        self.stored = stored
        self.added: dict[Key, Entry] = {}
        self.used: set[Key] = set()
        self.hits = 0
        self.compiled = 0
        self.lock = threading.Lock()  # patterns may be compiled in several threads (the service)


_cache: _Cache | None = None
_original: Callable[..., Any] | None = None


def cache_file() -> Path:
    """Where this Python build's patterns are kept."""
    root = os.environ.get("MINHCHUNG_CACHE_DIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minhchung"
    )
    build = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}|{_CODE_TYPE}"
    return Path(root) / f"regex-{hashlib.sha256(build.encode()).hexdigest()[:16]}.marshal"


def _digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()


def _read(path: Path) -> dict[Key, Entry]:
    """The patterns of ``path``; none when it is missing, unreadable or not exactly what :func:`save` wrote."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # not one this module wrote (≈ 1 MB for the pipeline's)
            log.debug("regex cache %s too large: compiling as usual", path)
            return {}
        content = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        log.debug("regex cache %s unreadable (%s): compiling as usual", path, error)
        return {}
    head = len(_MAGIC) + _DIGEST_SIZE
    payload = content[head:]
    if not content.startswith(_MAGIC) or content[len(_MAGIC) : head] != _digest(payload):
        log.debug("regex cache %s damaged: compiling as usual", path)
        return {}
    try:
        stored = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _entry(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` computes for a string pattern, kept in the file's form."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    group_index = dict(parsed.state.groupdict)
    names: list[str | None] = [None] * parsed.state.groups
    for name, number in group_index.items():
        names[number] = name
    return (
        int(flags | parsed.state.flags),
        array(_CODE_TYPE, code).tobytes(),
        parsed.state.groups - 1,
        group_index,
        tuple(names),
    )


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, group_index, names = entry
    return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, group_index, names)


def _compile(pattern: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` through the cache (installed in its place)."""
    cache, original = _cache, _original
    assert cache is not None and original is not None
    if type(pattern) is not str or flags & re.DEBUG:  # bytes, str subclasses, re.Scanner's parsed patterns
        return original(pattern, flags)
    key = (pattern, int(flags))
    entry = cache.stored.get(key) or cache.added.get(key)
    if entry is not None:
        try:
            compiled = _build(pattern, entry)
        except Exception:  # damaged: the engine rejected the code, or the entry is not one
            log.debug("regex cache: entry for %.60r rejected; compiling it again", pattern)
            with cache.lock:
                cache.stored.pop(key, None)
        else:
            with cache.lock:
                cache.used.add(key)
                cache.hits += 1
            return compiled
    entry = _entry(pattern, int(flags))  # a bad pattern raises re.error here, as ``re`` would
    with cache.lock:
        cache.compiled += 1
        if len(cache.added) < MAX_PATTERNS:  # a long-running process (serve) records no more than this
            cache.added[key] = entry
            cache.used.add(key)
    return _build(pattern, entry)


def install(path: Path | None = None) -> bool:
    """Compile every string pattern of this process through the cache file (default :func:`cache_file`).
    False, and nothing changed, where the ``re`` module lacks what is used here or no folder is known."""
    global _cache, _original
    if _sre is None or not all(hasattr(_compiler, name) for name in ("compile", "_code")):
        return False
    if not hasattr(_parser, "parse"):  # pragma: no cover - a re module of another shape
        return False
    if path is None:
        try:
            path = cache_file()
        except (RuntimeError, KeyError, OSError):  # no home folder to be found (a bare service account)
            return False
    _cache = _Cache(path, _read(path))
    if _original is None:
        _original = _compiler.compile
        _compiler.compile = _compile
    return True


def uninstall() -> None:
    """Compile as usual again (what was added since :func:`install` is not saved)."""
    global _cache, _original
    if _original is not None:
        _compiler.compile = _original
    _cache, _original = None, None


def stats() -> dict[str, int]:
    """Patterns served from the file and compiled anew since :func:`install` (zeros when not installed)."""
    if _cache is None:
        return {"from_cache": 0, "compiled": 0}
    return {"from_cache": _cache.hits, "compiled": _cache.compiled}


def save() -> None:
    """Add the patterns compiled since :func:`install` to the file, which then holds the :data:`MAX_PATTERNS`
    patterns used last (this run's, then the earlier runs' as the file had them). Written whole, then
    renamed into place, so a reader never sees half of it; a folder that cannot be written is left alone."""
    cache = _cache
    if cache is None or not cache.added:
        return
    with cache.lock:
        earlier = [key for key in cache.stored if key not in cache.used]  # oldest first, as saved
        latest = [key for key in cache.stored if key in cache.used] + list(cache.added)
        kept = {key: cache.stored.get(key) or cache.added[key] for key in (earlier + latest)[-MAX_PATTERNS:]}
    written = None
    try:
        payload = marshal.dumps(kept)
        cache.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.path.parent, prefix=".regex-", delete=False) as out:
            written = out.name
            out.write(_MAGIC + _digest(payload) + payload)
        os.replace(written, cache.path)
    except (OSError, ValueError) as error:  # ValueError: an entry marshal cannot write
        log.debug("regex cache %s not written: %s", cache.path, error)
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
        return
    with cache.lock:
        cache.added = {key: entry for key, entry in cache.added.items() if key not in kept}
        cache.stored = kept
