"""Criterion claims (``kind: criterion_claim``); see :mod:`.find`."""

from extractor.find.claims.find import ALL, EXTRACTOR, find_claims

__all__ = ["ALL", "EXTRACTOR", "find_claims"]
