"""Pre-fill a TT124 scorecard for one unit and year from one or more extraction results.

Each criterion of the unit's article gets a proposed status (met / not_met / unclear / missing), the
sentences behind it (document, page, span, quote) and a "needs assessor" flag when the evidence is thin,
a forecast, only a plan's promise, or conflicting. The overall proposal never claims more than that.
"""

from __future__ import annotations

from typing import Any

from extractor.criteria import catalogue
from extractor.models import ExtractionResult

RESULT_DOC_TYPES = {"bao_cao", "bien_ban", "to_trinh"}
THIN_CONFIDENCE = 0.6


def _common(values: list[Any]) -> Any:
    present = [value for value in values if value]
    return max(set(present), key=present.count) if present else None


def _quotes(result: ExtractionResult, criterion_id: str) -> list[dict[str, Any]]:
    for entry in result.criteria:
        if entry.get("id") == criterion_id:
            return [{**sentence, "document": result.document.source, "doc_type": result.document.doc_type}
                    for sentence in entry.get("sentences", [])]
    return []


def judge(criterion: catalogue.Criterion, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Proposed status, confidence, needs-assessor flag and the reasons for one criterion."""
    evidence = [item for item in quotes if item["role"] == "evidence"]
    contradicting = [item for item in evidence if item["status"] == "not_met"]
    results = [item for item in evidence if item["status"] == "met"]
    forecasts = [item for item in evidence if item["status"] == "target" and item.get("forecast")
                 and item.get("doc_type") in RESULT_DOC_TYPES]
    promises = [item for item in evidence if item["status"] == "target" and item not in forecasts]
    reasons: list[str] = []
    needs = False
    if contradicting:
        status, confidence = "not_met", max(item["confidence"] for item in contradicting)
        reasons.append("Có minh chứng trái với tiêu chí.")
        needs = bool(results)
        if results:
            reasons.append("Đồng thời có minh chứng đạt: cần thẩm định.")
    elif results:
        status, confidence = "met", max(item["confidence"] for item in results)
        if len(results) == 1 and confidence < THIN_CONFIDENCE:
            needs = True
            reasons.append("Chỉ có một minh chứng, độ tin cậy thấp.")
        covered = {family for item in results for family in item["families"]}
        missing_parts = [family for family in criterion.families if family not in covered]
        if missing_parts and not any(item["confidence"] >= 0.8 and set(item["families"]) == set(criterion.families)
                                     for item in results):
            needs = True
            titles = ", ".join(catalogue.families()[family].title_vi for family in missing_parts)
            reasons.append(f"Chưa có minh chứng cho phần: {titles}.")
    elif forecasts:
        status, confidence, needs = "met", min(0.6, max(item["confidence"] for item in forecasts)), True
        reasons.append("Chỉ có số liệu dự kiến trong báo cáo (chưa có kết quả chính thức): cần xác nhận.")
    elif promises:
        status, confidence, needs = "unclear", max(item["confidence"] for item in promises) * 0.5, True
        reasons.append("Chỉ có cam kết, chỉ tiêu trong kế hoạch; chưa có kết quả.")
    elif quotes:
        status, confidence, needs = "unclear", max(item["confidence"] for item in quotes) * 0.5, True
        reasons.append("Chỉ nhắc đến tiêu chí hoặc tự đánh giá chung, không có minh chứng cụ thể.")
    else:
        status, confidence, needs = "missing", 0.0, True
        reasons.append("Không tìm thấy minh chứng.")
    if status != "met":
        shortfalls = sorted({item["cue"] for item in evidence if item["status"] == "unclear" and item.get("cue")})
        if shortfalls:
            reasons.append("Có nhắc đến nhưng minh chứng chưa đủ: " + "; ".join(shortfalls) + ".")
    if criterion.certainty in {"unknown", "paraphrase"}:
        needs = True
        reasons.append("Nội dung tiêu chí chưa xác minh được nguyên văn.")
    return {"status": status, "confidence": round(confidence, 3), "needs_assessor": needs, "reasons": reasons}


def overall(criteria: list[dict[str, Any]]) -> dict[str, Any]:
    """Đạt only when every criterion is met; chưa đạt when one is contradicted; otherwise not enough evidence."""
    statuses = [item["status"] for item in criteria]
    to_check = [item["id"] for item in criteria if item["needs_assessor"]]
    if not criteria:
        proposal, label = "chua_du_can_cu", "Chưa xác định được loại đơn vị / tiêu chí áp dụng"
    elif "not_met" in statuses:
        proposal, label = "chua_dat", "Đề xuất: Chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
    elif all(status == "met" for status in statuses):
        proposal = "dat"
        label = "Đề xuất: Đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
        if to_check:
            label += f" (có điều kiện: cần thẩm định {', '.join(to_check)})"
    else:
        proposal = "chua_du_can_cu"
        label = "Chưa đủ căn cứ đề xuất: thiếu minh chứng cho " + ", ".join(
            item["id"] for item in criteria if item["status"] in {"unclear", "missing"})
    return {"proposal": proposal, "label_vi": label, "conditional": proposal == "dat" and bool(to_check),
            "criteria_to_check": to_check,
            "met": statuses.count("met"), "total": len(criteria)}


def build(results: list[ExtractionResult], *, unit: str | None = None, year: int | None = None,
          subject_type: str | None = None) -> dict[str, Any]:
    """The scorecard for one unit and year from its documents' extraction results."""
    subject = catalogue.normalize_subject(subject_type) or catalogue.normalize_subject(
        _common([result.document.subject_type for result in results]))
    year = year or _common([result.document.year for result in results])
    unit = unit or _common([result.document.issuer for result in results])
    rows = []
    for criterion in catalogue.for_subject(subject):
        quotes = [quote for result in results for quote in _quotes(result, criterion.id)]
        verdict = judge(criterion, quotes)
        quotes.sort(key=lambda item: (item["role"] != "evidence", -item["confidence"]))
        rows.append({
            "id": criterion.id, "title": criterion.title_vi, "title_en": criterion.title_en,
            "certainty": criterion.certainty, **verdict,
            "evidence": [{key: quote[key] for key in ("document", "page", "start", "end", "text", "status",
                                                      "confidence", "role", "cue", "evidence_ids")}
                         for quote in quotes],
        })
    return {"unit": unit, "year": year, "subject_type": subject, "article": catalogue.article_for(subject),
            "documents": [result.document.source for result in results], "criteria": rows,
            "overall": overall(rows)}
