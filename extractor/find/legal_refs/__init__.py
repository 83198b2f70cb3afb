"""Citations of legal and administrative documents (``kind: legal_ref``); see :mod:`.find`."""

from extractor.find.legal_refs.find import (
    EXTRACTOR,
    KIND,
    DocType,
    canonical_symbol,
    doc_types,
    find_legal_refs,
    short_key,
)

__all__ = ["EXTRACTOR", "KIND", "DocType", "canonical_symbol", "doc_types", "find_legal_refs", "short_key"]
