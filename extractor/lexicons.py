"""The document-type and issuer vocabularies, each one file with two roles (the only reader of both).

``corpora/lexicons/document_types.json``: ``own`` — the type of the document being read (its heading,
title and opening; :mod:`extractor.structure`, :mod:`extractor.metadata`); ``cited`` — the types of acts a
document cites (:mod:`extractor.find.legal_refs`, :mod:`extractor.find.link`, :mod:`extractor.clean`,
:mod:`extractor.ingest.diacritics`).

``corpora/lexicons/issuers.json``: ``heading`` — the body that heads a document (header block, opening
sentence); ``cited`` — the issuers written after a cited act and the abbreviations of issuers in số/ký hiệu.
"""

from __future__ import annotations

from typing import Any

import corpora


def _document_types() -> dict[str, Any]:
    data: dict[str, Any] = corpora.load_json("lexicons", "document_types.json")
    return data


def _issuers() -> dict[str, Any]:
    data: dict[str, Any] = corpora.load_json("lexicons", "issuers.json")
    return data


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
