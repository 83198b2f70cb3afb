"""A dossier's scorecard and missing-criteria audit from its stored, reviewed evidence.

The criteria layer decides: ``extractor.criteria.scorecard.build_from_quotes`` gives every criterion's proposed
status and the overall proposal, ``extractor.criteria.audit`` the missing dossier documents, deadlines and
unfollowed plan targets. This module only turns what the database holds into what those read (per processed
document, its ``DocumentInfo`` and its criteria sentences adjusted by the assessors' review, each quote
carrying its ``document_id``) and adds the API's facts:

- rejected evidence never counts: a sentence whose evidence was all rejected is dropped;
- assessor edits count: removing a criterion from a sentence's evidence drops the sentence from it, adding
  one links the evidence to it, and an edited ``value.status`` (met / not_met / target / unclear) replaces the
  sentence's status; confirmed evidence weighs as certain (confidence 1);
- the assessor's decision per criterion stands next to the proposal and decides the effective result.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import dossier_checks
from api.orm import CriterionDecision, Document, Dossier, EvidenceRow
from api.results import row_id
from api.timeutil import iso
from extractor.criteria import audit as criteria_audit
from extractor.criteria import catalogue
from extractor.criteria import scorecard as criteria_scorecard
from extractor.models import DocumentInfo, ExtractionResult

SENTENCE_STATUSES = ("met", "not_met", "target", "unclear")
CONFIRMED_CONFIDENCE = 1.0
ASSIGNED_CUE = "cán bộ thẩm định gán tiêu chí"
DOCUMENT_INFO_FIELDS = {item.name for item in fields(DocumentInfo)}


@dataclass
class DossierEvidence:
    """What one dossier's scorecard is built from."""

    dossier: Dossier
    documents: list[tuple[DocumentInfo, dict[str, list[dict[str, Any]]]]]  # info, criterion id → quotes
    document_ids: dict[str, int]  # info.source → document id
    rows: list[EvidenceRow]
    decisions: dict[str, CriterionDecision]

    @property
    def results(self) -> list[ExtractionResult]:
        """The documents as ``extractor.criteria.audit`` reads them."""
        return [
            ExtractionResult(
                document=info,
                evidence=[],
                criteria=[{"id": cid, "sentences": quotes} for cid, quotes in by_criterion.items()],
            )
            for info, by_criterion in self.documents
        ]


def _value_status(row: EvidenceRow, *, edited_only: bool) -> str | None:
    if edited_only and row.value == row.original_value:
        return None
    status = (row.value or {}).get("status")
    return status if status in SENTENCE_STATUSES else None


def _reviewed(
    sentence: dict[str, Any], criterion_id: str, document_id: int, rows: dict[str, EvidenceRow]
) -> dict[str, Any] | None:
    """One pipeline sentence for ``criterion_id`` as the review leaves it, or None when it no longer counts."""
    linked = [
        rows[key]
        for key in (row_id(eid, document_id) for eid in sentence.get("evidence_ids", []))
        if key in rows
    ]
    live = [row for row in linked if row.status != "rejected"]
    if linked and not live:
        return None
    quote = {**sentence, "document_id": document_id, "evidence_ids": [row.id for row in live]}
    if sentence.get("role") != "evidence":
        return quote
    if any(criterion_id in (row.original_criteria or []) for row in live) and not any(
        criterion_id in (row.criteria or []) for row in live
    ):
        return None  # the assessor moved this evidence to another criterion
    edited = next((status for row in live if (status := _value_status(row, edited_only=True))), None)
    if edited:
        quote["status"], quote["forecast"] = edited, False
    if any(row.status == "confirmed" for row in live):
        quote["confidence"] = CONFIRMED_CONFIDENCE
    return quote


def provenance(row: EvidenceRow) -> dict[str, Any]:
    """Where in its document the evidence was read: ``source_part`` ("body" or "footnote") and ``footnote``
    (the footnote's number, None for the body)."""
    return {"source_part": row.source_part or "body", "footnote": row.footnote}


def _assigned(row: EvidenceRow, criterion_id: str, containing: list[dict[str, Any]]) -> dict[str, Any]:
    """A quote for evidence linked to a criterion with no pipeline sentence saying so (an assessor's
    re-assignment, or a result without sentence findings)."""
    status = _value_status(row, edited_only=False) or next(
        (item["status"] for item in containing if item.get("role") == "evidence"), "unclear"
    )
    try:
        families = list(catalogue.by_id(criterion_id).families)
    except KeyError:
        families = []
    return {
        "criterion": criterion_id,
        "status": status,
        "confidence": CONFIRMED_CONFIDENCE if row.status == "confirmed" else float(row.confidence),
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "page": row.page,
        **provenance(row),
        "families": families,
        "cue": ASSIGNED_CUE if criterion_id not in (row.original_criteria or []) else None,
        "role": "evidence",
        "forecast": False,
        "evidence_ids": [row.id],
        "document_id": row.document_id,
    }


def _reviewed_document(
    document: Document, source: str, subject_type: str, rows: dict[str, EvidenceRow]
) -> tuple[DocumentInfo, dict[str, list[dict[str, Any]]]]:
    """The document's stored info and its criteria sentences (criterion id → quotes) adjusted by the review."""
    info = {key: value for key, value in (document.info or {}).items() if key in DOCUMENT_INFO_FIELDS}
    info.update(source=source, sha256=document.sha256, pages=document.page_count or info.get("pages") or 0)
    info["subject_type"] = info.get("subject_type") or subject_type
    sentences: dict[str, list[dict[str, Any]]] = {}
    containing: dict[str, list[dict[str, Any]]] = {}
    for entry in document.criteria or []:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        kept = sentences.setdefault(str(entry["id"]), [])
        for sentence in entry.get("sentences", []):
            for eid in sentence.get("evidence_ids", []):
                containing.setdefault(row_id(eid, document.id), []).append(sentence)
            quote = _reviewed(sentence, str(entry["id"]), document.id, rows)
            if quote is not None:
                kept.append(quote)
    for row in rows.values():
        if row.document_id != document.id or row.status == "rejected":
            continue
        for criterion_id in row.criteria or []:
            quotes = sentences.setdefault(criterion_id, [])
            if not any(row.id in quote["evidence_ids"] for quote in quotes):
                quotes.append(_assigned(row, criterion_id, containing.get(row.id, [])))
    return DocumentInfo(**info), sentences


def _sources(documents: list[Document]) -> dict[int, str]:
    """A distinct, readable source name per document (file names may repeat within a dossier)."""
    names: dict[int, str] = {}
    for document in documents:
        name, number = document.filename, 1
        while name in names.values():
            number += 1
            name = f"{document.filename} ({number})"
        names[document.id] = name
    return names


def load(session: Session, dossier: Dossier) -> DossierEvidence:
    """The dossier's processed documents with their reviewed quotes, evidence and decisions."""
    withdrawn = dossier_checks.withdrawn_ids(session, dossier.id)  # kept, but out of the proposal
    documents = [
        document
        for document in session.scalars(
            select(Document).where(Document.dossier_id == dossier.id).order_by(Document.id)
        )
        if document.info and document.id not in withdrawn
    ]
    rows = [
        row
        for row in session.scalars(
            select(EvidenceRow)
            .where(EvidenceRow.dossier_id == dossier.id)
            .order_by(EvidenceRow.document_id, EvidenceRow.start, EvidenceRow.id)
        )
        if row.document_id not in withdrawn
    ]
    by_id = {row.id: row for row in rows}
    decisions = {
        d.criterion_id: d
        for d in session.scalars(select(CriterionDecision).where(CriterionDecision.dossier_id == dossier.id))
    }
    sources = _sources(documents)
    reviewed = [
        _reviewed_document(document, sources[document.id], dossier.unit.kind, by_id) for document in documents
    ]
    return DossierEvidence(
        dossier, reviewed, {name: doc_id for doc_id, name in sources.items()}, rows, decisions
    )


def overall(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The criteria layer's overall proposal, in the API's shape (``overall`` ∈ dat / chua_dat /
    chua_du_minh_chung)."""
    result = criteria_scorecard.overall(rows)
    statuses = [row["status"] for row in rows]
    verdict = result["proposal"] if result["proposal"] in {"dat", "chua_dat"} else "chua_du_minh_chung"
    return {
        "overall": verdict,
        "proposal": result["proposal"],
        "label_vi": result["label_vi"],
        "conditional": result["conditional"],
        "criteria_to_check": result["criteria_to_check"],
        **{name: statuses.count(name) for name in ("met", "not_met", "unclear", "missing")},
        "criteria_total": len(rows),
    }


def _decision_out(decision: CriterionDecision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "decision": decision.decision,
        "note": decision.note,
        "version": decision.version,
        "decided_by": decision.decided_by,
        "decided_at": iso(decision.decided_at),
    }


def _criterion_out(row: dict[str, Any], data: DossierEvidence) -> dict[str, Any]:
    criterion = catalogue.by_id(row["id"])
    quotes = row["evidence"]
    against = {eid for quote in quotes if quote["status"] == "not_met" for eid in quote["evidence_ids"]}
    evidence = [
        {
            "id": item.id,
            "document_id": item.document_id,
            "kind": item.kind,
            "text": item.text,
            "page": item.page,
            **provenance(item),
            "status": item.status,
            "stance": "against" if item.id in against else "for",
            "value": item.value,
        }
        for item in data.rows
        if item.status != "rejected" and row["id"] in (item.criteria or [])
    ]
    return {
        "id": row["id"],
        "title_vi": row["title"],
        "title_en": row["title_en"],
        "text": criterion.wording,
        "certainty": row["certainty"],
        "proposed": row["status"],
        "confidence": row["confidence"],
        "needs_assessor": row["needs_assessor"],
        "reasons": row["reasons"],
        "evidence": evidence,
        "quotes": quotes,
        "decision": _decision_out(data.decisions.get(row["id"])),
        "deciding": row.get("deciding", []),
        "points": row.get("points", []),
    }


def build(session: Session, dossier: Dossier, data: DossierEvidence | None = None) -> dict[str, Any]:
    """The scorecard JSON of ``GET /api/dossiers/{id}/scorecard``."""
    data = data or load(session, dossier)
    unit = dossier.unit
    accepted_ids = dossier_checks.accepted_ids(session, dossier.id)  # "accept anyway" in the audit trail
    accepted = frozenset(name for name, doc_id in data.document_ids.items() if doc_id in accepted_ids)
    card = criteria_scorecard.build_from_quotes(
        data.documents, unit=unit.name, year=dossier.year, subject_type=unit.kind, accepted=accepted
    )
    criteria = [_criterion_out(row, data) for row in card["criteria"]]
    effective = [
        {
            "id": c["id"],
            "status": c["decision"]["decision"] if c["decision"] else c["proposed"],
            "needs_assessor": c["needs_assessor"] and not c["decision"],
        }
        for c in criteria
    ]
    return {
        "dossier_id": dossier.id,
        "unit": {
            "id": unit.id,
            "name": unit.name,
            "kind": unit.kind,
            "province": unit.province,
            "commune": unit.commune,
        },
        "year": dossier.year,
        "subject_type": card["subject_type"],
        "article": card["article"],
        "documents": card["documents"],
        "criteria": criteria,
        "proposed_overall": overall(card["criteria"]),
        "overall": overall(effective),
        "decided": sum(1 for c in criteria if c["decision"]),
        "total": len(criteria),
        "warnings": card.get("warnings", []),
        "excluded_documents": card.get("excluded_documents", []),
        "excluded_document_ids": sorted(
            data.document_ids[name]
            for name in card.get("excluded_documents", [])
            if name in data.document_ids
        ),
    }


def _missing_documents(results: list[ExtractionResult], subject: str) -> list[dict[str, Any]]:
    specs = {
        spec["key"]: spec
        for stage in ("registration", "recognition")
        for spec in catalogue.procedure()[stage]["documents"]
    }
    out = []
    for item in criteria_audit.missing_documents(results, subject):
        doc_types = specs.get(item["document"], {}).get("doc_types") or [item["document"]]
        out.append({**item, "doc_type": doc_types[0], "label_vi": item["title_vi"]})
    return out


def missing_audit(session: Session, dossier: Dossier) -> dict[str, Any]:
    """What is missing, contradicted or unconfirmed for one dossier (``GET /api/dossiers/{id}/audit``)."""
    data = load(session, dossier)
    card = build(session, dossier, data)
    results = data.results
    effective = {
        c["id"]: (c["decision"]["decision"] if c["decision"] else c["proposed"]) for c in card["criteria"]
    }
    targets = [
        {**item, "document_id": data.document_ids.get(item["plan"])}
        for item in criteria_audit.targets_without_results(results)
    ]
    deadlines = [
        {**item, "document_id": data.document_ids.get(item["document"])}
        for item in criteria_audit.deadlines(results, card["subject_type"], dossier.year)
    ]
    notes = [
        {
            "message_vi": f"{item['criterion']}: chỉ tiêu trong kế hoạch chưa có kết quả — “{item['text'][:120]}”"
        }
        for item in targets
    ] + [{"message_vi": f"{item['document']}: {item['message_vi']}"} for item in deadlines]
    return {
        "dossier_id": card["dossier_id"],
        "unit": card["unit"],
        "year": card["year"],
        "missing_criteria": [cid for cid, status in effective.items() if status == "missing"],
        "contradicted": [cid for cid, status in effective.items() if status == "not_met"],
        "unclear": [cid for cid, status in effective.items() if status == "unclear"],
        "unconfirmed": [c["id"] for c in card["criteria"] if not c["decision"]],
        "needs_assessor": card["overall"]["criteria_to_check"],
        "missing_documents": _missing_documents(results, card["subject_type"]),
        "targets_without_results": targets,
        "deadlines": deadlines,
        "notes": notes,
        "overall": card["overall"],
        "mismatched_documents": dossier_checks.dossier_check(session, dossier)["documents"],
    }
