"""Scorecard exports: an XLSX working sheet and a printable Vietnamese DOCX form.

Both read ``scorecard.build``'s shape; a criterion row may also carry the assessor's ``decision``
(``{"decision", "note", "decided_by", "decided_at"}``), written into the column "Ý kiến người thẩm định",
and the layer's ``deciding`` quotes and lettered ``points``. The forms themselves live in
``extractor/forms/`` (settings and wording in ``corpora/forms/scorecard.json``); every string of the card
is cleaned of XML-illegal characters here, at the edge, and again in the writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from extractor.forms import scorecard_docx, scorecard_xlsx
from extractor.forms.rows import MAX_QUOTES, decision_text
from extractor.forms.text import clean_tree

__all__ = ["MAX_QUOTES", "decision_text", "to_docx", "to_xlsx"]


def _target(path: str | Path | BinaryIO) -> Path | BinaryIO:
    """A file path, or a binary stream (e.g. ``io.BytesIO`` for a download) left as it is."""
    return Path(path) if isinstance(path, str | Path) else path


def to_xlsx(card: dict[str, Any], path: str | Path | BinaryIO) -> Path | BinaryIO:
    """Sheets "Phiếu đánh giá" (one row per criterion), "Minh chứng" (one per quote), "Vị trí (kỹ thuật)"."""
    return scorecard_xlsx.write(clean_tree(card), _target(path))


def to_docx(
    card: dict[str, Any], path: str | Path | BinaryIO, *, issuer: str | None = None
) -> Path | BinaryIO:
    """The printable scorecard (Nghị định 30/2020/NĐ-CP layout) with signature blocks and "Nơi nhận"."""
    return scorecard_docx.write(clean_tree(card), _target(path), issuer=issuer)
