"""Scorecard downloads: the criteria layer's XLSX/DOCX (``extractor.criteria.export``) of an API scorecard,
each assessor decision in the form's column "Ý kiến người thẩm định".

Unit names, file names and quotes come from uploads: every string is cleaned of XML-illegal characters
here, at the edge (a ``\\x0b`` in a unit name made both downloads fail with 500), and the writers write
text cells as text, never as formulas.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from extractor.criteria import export
from extractor.forms.text import clean_tree

ROW_EXTRAS = ("deciding", "points", "certainty")  # passed through when the layer gives them


def layer_card(card: dict[str, Any]) -> dict[str, Any]:
    """The API scorecard in the shape ``extractor.criteria.export`` reads (``scorecard.build``'s plus the
    assessor's ``decision`` per criterion), cleaned of characters XML cannot hold."""
    return clean_tree(
        {
            "unit": card["unit"]["name"],
            "year": card["year"],
            "subject_type": card["subject_type"],
            "article": card.get("article"),
            "documents": card["documents"],
            "overall": card["overall"],
            "criteria": [
                {
                    "id": row["id"],
                    "title": row["title_vi"],
                    "title_en": row["title_en"],
                    "status": row["proposed"],
                    "confidence": row["confidence"],
                    "needs_assessor": row["needs_assessor"],
                    "reasons": row["reasons"],
                    "evidence": row["quotes"],
                    "decision": row["decision"],
                    **{key: row[key] for key in ROW_EXTRAS if key in row},
                }
                for row in card["criteria"]
            ],
        }
    )


def _render(writer: Callable[[dict[str, Any], io.BytesIO], Any], card: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    writer(layer_card(card), buffer)
    return buffer.getvalue()


def scorecard_xlsx(card: dict[str, Any]) -> bytes:
    return _render(export.to_xlsx, card)


def scorecard_docx(card: dict[str, Any]) -> bytes:
    return _render(export.to_docx, card)
