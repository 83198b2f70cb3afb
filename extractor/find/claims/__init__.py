"""Criterion claims (``kind: criterion_claim``); see :mod:`.find`."""

from extractor.find.claims.clause import ALL, EXTRACTOR
from extractor.find.claims.find import find_claims

__all__ = ["ALL", "EXTRACTOR", "find_claims"]
