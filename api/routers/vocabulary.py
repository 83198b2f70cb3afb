"""The one vocabulary (``corpora/vocabulary/labels.json``) for the web UI and other clients."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from extractor import vocabulary

router = APIRouter(prefix="/api", tags=["vocabulary"])


@router.get("/vocabulary")
def read_vocabulary() -> dict[str, list[dict[str, Any]]]:
    """Every group (``criterion_status``, ``overall_proposal``, ``review_state``, ``evidence_kind``,
    ``subject_type``, ``document_reading``, ``role``…) with its entries (``key``, ``vi``, ``en``…) in display
    order. Public: the log-in screen needs the labels before anyone is signed in."""
    return vocabulary.groups()
