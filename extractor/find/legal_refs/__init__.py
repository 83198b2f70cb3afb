"""Citations of legal and administrative documents (``kind: legal_ref``).

``regexes.py`` vocabulary and patterns, ``models.py`` what is built, ``values.py`` a reference's
value and key, ``issuers.py`` who issued it, ``find.py`` the finder and its spaCy factory.
"""

from extractor.find.legal_refs.find import find_legal_refs
from extractor.find.legal_refs.models import EXTRACTOR, KIND, DocType
from extractor.find.legal_refs.regexes import doc_types
from extractor.find.legal_refs.values import canonical_symbol, short_key

__all__ = ["EXTRACTOR", "KIND", "DocType", "canonical_symbol", "doc_types", "find_legal_refs", "short_key"]
