"""The one loader of ``corpora/lexicons/``, and the document-type and issuer vocabularies.

:func:`load` reads a lexicon by name ("count_units" → ``corpora/lexicons/count_units.json``). A spaCy
component whose config names other sources (``corpora/pipeline.json``, or a test handing it a
three-word lexicon) reads them inside :func:`using`; what a finder compiles from its lexicons is
cached per set of sources (:func:`compiled`), so two components with different lexicons never
share patterns.

The document-type and issuer vocabularies are each one file with two roles (this is the only reader of both).

``corpora/lexicons/document_types.json``: ``own`` — the type of the document being read (its heading,
title and opening; :mod:`extractor.structure`, :mod:`extractor.metadata`); ``cited`` — the types of acts a
document cites (:mod:`extractor.find.legal_refs`, :mod:`extractor.find.link`, :mod:`extractor.clean`,
:mod:`extractor.ingest.diacritics`).

``corpora/lexicons/issuers.json``: ``heading`` — the body that heads a document (header block, opening
sentence); ``cited`` — the issuers written after a cited act and the abbreviations of issuers in số/ký hiệu.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import corpora

#: A lexicon's source in a component's config: a file name under ``corpora/lexicons/``, a path to a
#: JSON file, or the data itself.
Source = str | Mapping[str, Any]
Sources = Mapping[str, Any]  # lexicon name → its data, the sources in use (read-only)

_ACTIVE: ContextVar[Sources | None] = ContextVar("minhchung_lexicons", default=None)
T = TypeVar("T")


def read(source: Source) -> dict[str, Any]:
    """The data of one source: a file of ``corpora/lexicons/``, a JSON file elsewhere, or the data."""
    if not isinstance(source, str):
        return dict(source)
    path = Path(source)
    if path.is_absolute():
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    data = corpora.load_json("lexicons", source)
    return data


def sources(config: Mapping[str, Source]) -> Sources | None:
    """The lexicons a component's config names, as data; None when every one is the default file
    (``<name>.json``), so default components share one compiled set."""
    chosen = {name: read(source) for name, source in config.items() if source != f"{name}.json"}
    return MappingProxyType(chosen) if chosen else None


@contextmanager
def using(active: Sources | None) -> Iterator[None]:
    """Within the block, :func:`load` answers from ``active`` first."""
    token = _ACTIVE.set(active)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def load(name: str) -> dict[str, Any]:
    """The lexicon ``name``: from the sources in use, else ``corpora/lexicons/<name>.json``."""
    active = _ACTIVE.get()
    if active is not None and name in active:
        data: dict[str, Any] = active[name]
        return data
    return read(f"{name}.json")


def compiled(build: Callable[[], T]) -> Callable[[], T]:
    """Cache what ``build`` compiles from lexicons once per set of sources in use (``functools.cache``
    for the default set)."""
    built: dict[int, tuple[Sources | None, T]] = {}

    @wraps(build)
    def cached() -> T:
        active = _ACTIVE.get()
        hit = built.get(id(active))
        if hit is None or hit[0] is not active:
            hit = (active, build())
            built[id(active)] = hit
        return hit[1]

    return cached


def _document_types() -> dict[str, Any]:
    return load("document_types")


def _issuers() -> dict[str, Any]:
    return load("issuers")


def own_document_types() -> dict[str, Any]:
    """Headings, title and body phrases that name the type of the document being read."""
    section: dict[str, Any] = _document_types()["own"]
    return section


def cited_document_types() -> dict[str, Any]:
    """The types of cited acts: names, abbreviations, symbol hints, short forms, unnumbered acts."""
    section: dict[str, Any] = _document_types()["cited"]
    return section


def heading_issuers() -> dict[str, Any]:
    """Organisation and place nouns, patterns and mottos that find the body heading a document."""
    section: dict[str, Any] = _issuers()["heading"]
    return section


def cited_issuers() -> dict[str, Any]:
    """Issuer heads and bodies after a cited act; the abbreviations of issuers and their expansions."""
    section: dict[str, Any] = _issuers()["cited"]
    return section
