"""A dossier's scorecard: per criterion the proposal from evidence, the evidence, and the assessor's decision.

The proposal uses ``extractor.criteria.scorecard`` (the criteria issue) when it provides
``build_scorecard``; otherwise a conservative rule that never claims more than the evidence says.
Rejected evidence never counts; assessor edits (value, criteria) do.
"""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import catalogue
from api.orm import CriterionDecision, Document, Dossier, EvidenceRow
from api.timeutil import iso

OVERALL_LABELS = {
    "dat": "Đề xuất: đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
    "chua_dat": "Đề xuất: chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
    "chua_du_minh_chung": "Chưa đủ minh chứng để đề xuất",
}
MET_WORDS = {"met", "dat", "đạt", "achieved", "yes", "true"}
NOT_MET_WORDS = {"not_met", "chua_dat", "khong_dat", "không đạt", "chưa đạt", "contradicted", "violated"}


def _stance(row: EvidenceRow) -> str:
    status = str((row.value or {}).get("status", "")).lower()
    return "against" if status in NOT_MET_WORDS else "for"


def _document_statuses(documents: list[Document]) -> dict[str, list[dict[str, Any]]]:
    """Per criterion, the per-document results the pipeline gave (``ExtractionResult.criteria``)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        for item in document.criteria or []:
            if isinstance(item, dict) and item.get("id"):
                found.setdefault(str(item["id"]), []).append(item)
    return found


def _propose(evidence: list[dict[str, Any]], results: list[dict[str, Any]]) -> tuple[str, float, bool]:
    """(status, confidence, needs_assessor) for one criterion."""
    statuses = [str(r.get("status", "")).lower() for r in results]
    confidences = [float(r.get("confidence", 0.5) or 0.5) for r in results]
    against = [e for e in evidence if e["stance"] == "against"]
    claims_met = [e for e in evidence if e["kind"] == "criterion_claim" and e["stance"] == "for"
                  and str((e.get("value") or {}).get("status", "")).lower() in MET_WORDS]
    if "not_met" in statuses or against:
        return "not_met", max(confidences or [0.6]), True
    if "met" in statuses:
        conflict = "unclear" in statuses
        return "met", max(confidences), conflict or len(evidence) < 2
    if claims_met:
        return "met", 0.6, True
    if evidence or statuses:
        return "unclear", 0.4, True
    return "missing", 0.0, True


def overall(statuses: list[str]) -> dict[str, Any]:
    counts = {name: statuses.count(name) for name in ("met", "not_met", "unclear", "missing")}
    if not statuses:
        verdict = "chua_du_minh_chung"
    elif counts["not_met"]:
        verdict = "chua_dat"
    elif counts["met"] == len(statuses):
        verdict = "dat"
    else:
        verdict = "chua_du_minh_chung"
    return {"overall": verdict, "label_vi": OVERALL_LABELS[verdict], **counts, "criteria_total": len(statuses)}


def _external_builder() -> Any:
    try:
        module = importlib.import_module("extractor.criteria.scorecard")
    except ImportError:
        return None
    return getattr(module, "build_scorecard", None)


def build(session: Session, dossier: Dossier) -> dict[str, Any]:
    """The scorecard JSON of ``GET /api/dossiers/{id}/scorecard``."""
    subject_type = dossier.unit.kind
    documents = list(session.scalars(select(Document).where(Document.dossier_id == dossier.id)))
    rows = list(session.scalars(select(EvidenceRow).where(
        EvidenceRow.dossier_id == dossier.id).order_by(EvidenceRow.document_id, EvidenceRow.start)))
    decisions = {d.criterion_id: d for d in session.scalars(
        select(CriterionDecision).where(CriterionDecision.dossier_id == dossier.id))}
    results = _document_statuses(documents)
    criteria_out = []
    for criterion in catalogue.criteria(subject_type):
        cid = criterion["id"]
        evidence = [{"id": r.id, "document_id": r.document_id, "kind": r.kind, "text": r.text, "page": r.page,
                     "status": r.status, "stance": _stance(r), "value": r.value}
                    for r in rows if cid in (r.criteria or []) and r.status != "rejected"]
        proposed, confidence, needs = _propose(evidence, results.get(cid, []))
        decision = decisions.get(cid)
        criteria_out.append({
            "id": cid, "title_vi": criterion["title_vi"], "title_en": criterion["title_en"],
            "text": criterion["text"], "proposed": proposed, "confidence": round(confidence, 3),
            "needs_assessor": needs, "evidence": evidence,
            "decision": None if decision is None else {
                "decision": decision.decision, "note": decision.note, "version": decision.version,
                "decided_by": decision.decided_by, "decided_at": iso(decision.decided_at)},
        })
    effective = [c["decision"]["decision"] if c["decision"] else c["proposed"] for c in criteria_out]
    return {
        "dossier_id": dossier.id,
        "unit": {"id": dossier.unit.id, "name": dossier.unit.name, "kind": dossier.unit.kind,
                 "province": dossier.unit.province, "commune": dossier.unit.commune},
        "year": dossier.year, "subject_type": subject_type, "criteria": criteria_out,
        "proposed_overall": overall([c["proposed"] for c in criteria_out]),
        "overall": overall(effective),
        "decided": sum(1 for c in criteria_out if c["decision"]), "total": len(criteria_out),
    }


def missing_audit(scorecard: dict[str, Any], documents: list[Document]) -> dict[str, Any]:
    """What is missing or contradicted for one dossier."""
    effective = {c["id"]: (c["decision"]["decision"] if c["decision"] else c["proposed"]) for c in scorecard["criteria"]}
    doc_types = {(d.info or {}).get("doc_type") for d in documents if d.status == "done"}
    expected = {"ke_hoach": "Kế hoạch bảo đảm ANTT", "bao_cao": "Báo cáo kết quả", "dang_ky": "Bản đăng ký",
                "bien_ban": "Biên bản họp đánh giá"}
    return {
        "dossier_id": scorecard["dossier_id"], "unit": scorecard["unit"], "year": scorecard["year"],
        "missing_criteria": [cid for cid, status in effective.items() if status == "missing"],
        "contradicted": [cid for cid, status in effective.items() if status == "not_met"],
        "unclear": [cid for cid, status in effective.items() if status == "unclear"],
        "unconfirmed": [c["id"] for c in scorecard["criteria"] if not c["decision"]],
        "missing_documents": [{"doc_type": key, "label_vi": label} for key, label in expected.items()
                              if key not in doc_types],
        "overall": scorecard["overall"],
    }
