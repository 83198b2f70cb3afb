"""The spaCy component that finds a document's section headings once, before the finders.

``doc._.sections`` holds :func:`extractor.structure.headings` of the text: every line that starts
with a section marker or is written in capitals. The count finder reads a report's planning parts
from them, the claim finder where a criterion's section ends; :mod:`extractor.structure` finds its
numbered sections in the same list.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp import text_of
from extractor.structure import headings


@Language.factory("minhchung_sections")
def make_sections_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy factory: a component setting ``doc._.sections``."""

    def sections_component(doc: Doc) -> Doc:
        doc._.sections = headings(text_of(doc))
        return doc

    return sections_component
