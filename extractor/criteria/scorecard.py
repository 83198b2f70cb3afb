"""Pre-fill a TT124 scorecard for one unit and year from one or more extraction results.

Each criterion of the unit's article gets a proposed status (met / not_met / unclear / missing), the
sentences behind it (document, page, span, quote) and a "needs assessor" flag when the evidence is thin,
a forecast, only a plan's promise, or conflicting. The overall proposal never claims more than that.
"""

from __future__ import annotations

from typing import Any

from extractor.criteria import catalogue, decide, dossier
from extractor.models import DocumentInfo, ExtractionResult

EVIDENCE_KEYS = (
    "document",
    "page",
    "start",
    "end",
    "text",
    "status",
    "confidence",
    "role",
    "cue",
    "rule",
    "evidence_ids",
)
WORKING_KEYS = {
    "criterion",
    "families",
    "forecast",
    "doc_type",
    "parts",
    "context_ids",
}  # judged on, not shown


def quotes_by_criterion(result: ExtractionResult) -> dict[str, list[dict[str, Any]]]:
    """A document's ``criteria`` section as criterion id → its sentence findings."""
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in result.criteria:
        if entry.get("id"):
            found.setdefault(str(entry["id"]), list(entry.get("sentences", [])))
    return found


def _shown(quote: dict[str, Any]) -> dict[str, Any]:
    """A quote as the scorecard shows it: the evidence keys first, then any extra keys the caller added."""
    shown = {key: quote.get(key) for key in EVIDENCE_KEYS}
    shown.update((key, value) for key, value in quote.items() if key not in shown and key not in WORKING_KEYS)
    return shown


def judge(criterion: catalogue.Criterion, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Proposed status, confidence, needs-assessor flag, reasons, deciding quotes and points of one
    criterion (``decide.decide``, the same decision ``minhchung extract`` makes per document)."""
    return decide.decide(criterion, quotes)


def overall(criteria: list[dict[str, Any]], outside_scope: str | None = None) -> dict[str, Any]:
    """Điều 8: đạt only when every criterion is met; chưa đạt when one is contradicted; otherwise not enough
    evidence. The label names every criterion the assessor still has to look at, whatever the proposal; a unit
    outside TT124 (Điều 1) is said first."""
    statuses = [item["status"] for item in criteria]
    to_check = [item["id"] for item in criteria if item["needs_assessor"]]
    named: list[str] = []
    if not criteria:
        proposal, label = "chua_du_can_cu", "Chưa xác định được loại đơn vị / tiêu chí áp dụng"
    elif "not_met" in statuses:
        proposal, label = "chua_dat", "Đề xuất: Chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
    elif all(status == "met" for status in statuses):
        proposal = "dat"
        label = "Đề xuất: Đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
        if to_check:
            label += f" (có điều kiện: cần thẩm định {', '.join(to_check)})"
            named = to_check
    else:
        proposal = "chua_du_can_cu"
        named = [item["id"] for item in criteria if item["status"] in {"unclear", "missing"}]
        label = "Chưa đủ căn cứ đề xuất: thiếu minh chứng cho " + ", ".join(named)
    unnamed = [criterion_id for criterion_id in to_check if criterion_id not in named]
    if unnamed:
        label += f"; cần cán bộ thẩm định: {', '.join(unnamed)}"
    if outside_scope:
        label = f"Lưu ý: {outside_scope}. " + label
    return {
        "proposal": proposal,
        "label_vi": label,
        "conditional": proposal == "dat" and bool(to_check),
        "criteria_to_check": to_check,
        "outside_scope": outside_scope,
        "met": statuses.count("met"),
        "total": len(criteria),
    }


def build_from_quotes(
    quotes_by_document: list[tuple[DocumentInfo, dict[str, list[dict[str, Any]]]]],
    *,
    unit: str | None = None,
    year: int | None = None,
    subject_type: str | None = None,
    accepted: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The scorecard for one unit and year from each document's sentence findings per criterion id.

    A finding (quote) carries what ``mapping`` gives a sentence (status, confidence, role, families, cue,
    forecast, text, page, start, end, evidence_ids); keys beyond those (e.g. a stored ``document_id``) pass
    through to the criterion's ``evidence``. Unit, year and subject type default to the first document's
    (``dossier.identity``); a document that disagrees with them is listed in ``warnings`` and left out of the
    proposal unless its source is in ``accepted`` (the assessor accepted it)."""
    documents = [info for info, _ in quotes_by_document]
    unit, year, subject = dossier.identity(documents, unit=unit, year=year, subject_type=subject_type)
    warnings = [item for info in documents for item in dossier.mismatches(info, unit, year, subject)]
    excluded = {item.source for item in warnings} - set(accepted)
    counted = [(info, found) for info, found in quotes_by_document if info.source not in excluded]
    scope = next(
        (
            reason
            for info in documents
            if (
                reason := catalogue.outside_scope(
                    subject, " ".join(part for part in (info.issuer, info.title) if part).lower()
                )
            )
        ),
        None,
    )
    rows = []
    for criterion in catalogue.for_subject(subject):
        quotes = [
            {**quote, "document": info.source, "doc_type": info.doc_type}
            for info, by_criterion in counted
            for quote in by_criterion.get(criterion.id, [])
        ]
        verdict = judge(criterion, quotes)
        quotes.sort(key=lambda item: (item["role"] != "evidence", -item["confidence"]))
        rows.append(
            {
                "id": criterion.id,
                "title": criterion.title_vi,
                "title_en": criterion.title_en,
                "certainty": criterion.certainty,
                **verdict,
                "evidence": [_shown(quote) for quote in quotes],
            }
        )
    return {
        "unit": unit,
        "year": year,
        "subject_type": subject,
        "article": catalogue.article_for(subject),
        "documents": [info.source for info in documents],
        "criteria": rows,
        "overall": overall(rows, scope),
        "warnings": [item.to_dict() for item in warnings],
        "excluded_documents": sorted(excluded),
    }


def build(
    results: list[ExtractionResult],
    *,
    unit: str | None = None,
    year: int | None = None,
    subject_type: str | None = None,
    accepted: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The scorecard for one unit and year from its documents' extraction results."""
    return build_from_quotes(
        [(result.document, quotes_by_criterion(result)) for result in results],
        unit=unit,
        year=year,
        subject_type=subject_type,
        accepted=accepted,
    )
