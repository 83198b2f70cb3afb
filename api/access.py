"""Jurisdiction: an assessor sees only their own province; objects outside it are reported as not found."""

from __future__ import annotations

import unicodedata

from sqlalchemy import Select
from sqlalchemy.orm import Session

from api.errors import not_found
from api.orm import Document, Dossier, EvidenceRow, Unit, User


def province_key(province: str | None) -> str:
    """Compare provinces by NFC, case-folded, space-collapsed text ("Sơn La" == "sơn  la")."""
    text = unicodedata.normalize("NFC", province or "")
    return " ".join(text.casefold().split())


def can_see_unit(user: User, unit: Unit) -> bool:
    if user.role in {"admin", "auditor"}:
        return True
    return bool(user.province) and province_key(user.province) == province_key(unit.province)


def restrict_units(user: User, query: Select) -> Select:
    """Limit a query that joins ``Unit`` to what ``user`` may see."""
    if user.role in {"admin", "auditor"}:
        return query
    return query.where(Unit.province_key == (province_key(user.province) or "(no province)"))


def get_unit(db: Session, user: User, unit_id: int) -> Unit:
    unit = db.get(Unit, unit_id)
    if unit is None or not can_see_unit(user, unit):
        raise not_found(f"unit {unit_id}")
    return unit


def get_dossier(db: Session, user: User, dossier_id: int) -> Dossier:
    dossier = db.get(Dossier, dossier_id)
    if dossier is None or not can_see_unit(user, dossier.unit):
        raise not_found(f"dossier {dossier_id}")
    return dossier


def get_document(db: Session, user: User, document_id: int) -> Document:
    document = db.get(Document, document_id)
    if document is None or not can_see_unit(user, document.dossier.unit):
        raise not_found(f"document {document_id}")
    return document


def get_evidence(db: Session, user: User, evidence_id: str) -> EvidenceRow:
    row = db.get(EvidenceRow, evidence_id)
    if row is None:
        raise not_found(f"evidence {evidence_id}")
    get_dossier(db, user, row.dossier_id)
    return row
