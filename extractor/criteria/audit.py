"""What is missing from a unit's dossier: unsupported or contradicted criteria, plan targets never
followed by a result, dossier documents not found, and deadlines missed where dates allow."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from extractor import vocabulary
from extractor.criteria import catalogue, scorecard
from extractor.models import ExtractionResult

PLAN_TYPES = {"ke_hoach", "dang_ky"}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _month_day(year: int, month_day: str) -> dt.date:
    month, day = (int(part) for part in month_day.split("-"))
    return dt.date(year, month, day)


def group(results: list[ExtractionResult]) -> dict[tuple, list[ExtractionResult]]:
    """Documents grouped by (issuer, year, subject type)."""
    groups: dict[tuple, list[ExtractionResult]] = {}
    for result in results:
        info = result.document
        key = (info.issuer, info.year, catalogue.normalize_subject(info.subject_type))
        groups.setdefault(key, []).append(result)
    return groups


def _has_document(results: list[ExtractionResult], spec: dict[str, Any]) -> bool:
    for result in results:
        info = result.document
        if info.doc_type in spec["doc_types"]:
            return True
        heading = (info.title or "").lower()
        if any(re.search(pattern, heading) for pattern in spec["title_patterns"]):
            return True
    return False


def missing_documents(results: list[ExtractionResult], subject: str | None) -> list[dict[str, Any]]:
    procedure = catalogue.procedure()
    missing = []
    for stage in ("registration", "recognition"):
        for spec in procedure[stage]["documents"]:
            if not spec["required"] or subject in spec.get("not_for", []):
                continue
            if not _has_document(results, spec):
                missing.append(
                    {
                        "stage": stage,
                        "document": spec["key"],
                        "title_vi": spec["title_vi"],
                        "conditional": spec["required"] == "where_party_org",
                    }
                )
    return missing


def deadlines(results: list[ExtractionResult], subject: str | None, year: int | None) -> list[dict[str, Any]]:
    """Registration after quý I, recognition documents after the dossier deadline, reports before the
    evaluation period ends (interim), judged on each document's issue date."""
    if not year:
        return []
    procedure = catalogue.procedure()
    found = []
    registration_due = _month_day(year, procedure["registration"]["deadline"]["default"])
    recognition = procedure["recognition"]["deadlines"].get(subject or "co_quan", {"date": "11-20"})
    recognition_due = _month_day(year, recognition["date"])
    period = procedure["evaluation_periods"].get(subject or "co_quan")
    period_end = _month_day(year, period["end"]) if period else None
    for result in results:
        info = result.document
        issued = _date(info.issued_on)
        if not issued:
            continue
        if info.doc_type in PLAN_TYPES and issued > registration_due:
            found.append(
                {
                    "document": info.source,
                    "issue": "registration_late",
                    "issued_on": info.issued_on,
                    "due": registration_due.isoformat(),
                    "message_vi": "Kế hoạch/đăng ký ban hành sau quý I (hạn đăng ký).",
                }
            )
        if info.doc_type in {"to_trinh", "bien_ban"} and issued > recognition_due:
            found.append(
                {
                    "document": info.source,
                    "issue": "dossier_late",
                    "issued_on": info.issued_on,
                    "due": recognition_due.isoformat(),
                    "message_vi": recognition["description"],
                }
            )
        if info.doc_type == "bao_cao" and period_end and issued < period_end - dt.timedelta(days=45):
            found.append(
                {
                    "document": info.source,
                    "issue": "interim_report",
                    "issued_on": info.issued_on,
                    "period_end": period_end.isoformat(),
                    "message_vi": "Báo cáo lập trước khi kết thúc kỳ đánh giá: chưa phải kết quả cả năm.",
                }
            )
    return found


def targets_without_results(results: list[ExtractionResult]) -> list[dict[str, Any]]:
    """A plan's promise for a criterion with no met/not_met finding in a later document of the unit."""

    def when(result: ExtractionResult) -> str:
        return result.document.issued_on or ""

    found = []
    for plan in (item for item in results if item.document.doc_type in PLAN_TYPES):
        later = [
            item
            for item in results
            if item is not plan and item.document.doc_type not in PLAN_TYPES and when(item) >= when(plan)
        ]
        for entry in plan.criteria:
            promises = [
                s for s in entry.get("sentences", []) if s["status"] == "target" and s["role"] == "evidence"
            ]
            if not promises:
                continue
            followed = any(
                s["status"] in {"met", "not_met"} and s["role"] == "evidence"
                for result in later
                for other in result.criteria
                if other["id"] == entry["id"]
                for s in other.get("sentences", [])
            )
            if not followed:
                best = max(promises, key=lambda s: s["confidence"])
                found.append(
                    {
                        "criterion": entry["id"],
                        "plan": plan.document.source,
                        "page": best["page"],
                        "start": best["start"],
                        "end": best["end"],
                        "text": best["text"],
                        "later_documents": len(later),
                    }
                )
    return found


def late_acts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Acts a document itself dates after the clause's deadline ("Ngày 04/4/2022, Sở … đã đăng ký", after
    quý I), as the criteria found them (``late`` of each row): one entry per criterion and document."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for quote in row.get("late") or []:
            found.setdefault(
                (row["id"], str(quote.get("document"))),
                {
                    "document": quote.get("document"),
                    "issue": "act_late",
                    "criterion": row["id"],
                    "page": quote.get("page"),
                    "text": quote.get("text"),
                    "message_vi": f"{row['id']}: {quote.get('rule') or 'thực hiện sau thời hạn của khoản'}",
                },
            )
    return list(found.values())


def audit(results: list[ExtractionResult]) -> dict[str, Any]:
    """The audit of every unit/year found in ``results``."""
    report = []
    for (unit, year, subject), members in group(results).items():
        card = scorecard.build(members, unit=unit, year=year, subject_type=subject)
        rows = card["criteria"]
        report.append(
            {
                "unit": unit,
                "year": year,
                "subject_type": subject,
                "article": card["article"],
                "documents": [item.document.source for item in members],
                "unsupported": [
                    {
                        "id": row["id"],
                        "title": row["title"],
                        "status": row["status"],
                        "reasons": row["reasons"],
                    }
                    for row in rows
                    if row["status"] in {"missing", "unclear"}
                ],
                "partially_supported": [
                    {"id": row["id"], "title": row["title"], "reasons": row["reasons"]}
                    for row in rows
                    if row["status"] == "met" and row["needs_assessor"]
                ],
                "contradicted": [
                    {
                        "id": row["id"],
                        "title": row["title"],
                        "evidence": [quote for quote in row["evidence"] if quote["status"] == "not_met"],
                    }
                    for row in rows
                    if row["status"] == "not_met"
                ],
                "targets_without_results": targets_without_results(members),
                "missing_documents": missing_documents(members, subject),
                "deadlines": deadlines(members, subject, year) + late_acts(rows),
                "overall": card["overall"],
            }
        )
    return {"units": report}


def table(report: dict[str, Any]) -> str:
    """A readable plain-text rendering of :func:`audit`."""
    from extractor.forms.audit_table import conditional_words, section_titles

    conditional = conditional_words()
    lines: list[str] = []
    for unit in report["units"]:
        lines.append(
            f"== {unit['unit'] or '(đơn vị?)'} · năm {unit['year'] or '?'} · {unit['subject_type'] or '?'}"
            f" (Điều {unit['article'] or '?'}) · {len(unit['documents'])} tệp"
        )
        lines.append(f"   {unit['overall']['label_vi']}")
        titles = section_titles()
        sections = [
            (
                titles["unsupported"],
                [
                    f"{u['id']} {u['title']} [{vocabulary.status_label(u['status'])}]"
                    for u in unit["unsupported"]
                ],
            ),
            (
                titles["partially_supported"],
                [f"{p['id']} {p['title']}: {' '.join(p['reasons'])}" for p in unit["partially_supported"]],
            ),
            (titles["contradicted"], [f"{c['id']} {c['title']}" for c in unit["contradicted"]]),
            (
                titles["targets_without_results"],
                [f"{t['criterion']}: “{t['text'][:100]}”" for t in unit["targets_without_results"]],
            ),
            (
                titles["missing_documents"],
                [
                    f"{m['title_vi']}" + (f" {conditional}" if m["conditional"] else "")
                    for m in unit["missing_documents"]
                ],
            ),
            (titles["deadlines"], [f"{d['document']}: {d['message_vi']}" for d in unit["deadlines"]]),
        ]
        for title, items in sections:
            lines.append(f"-- {title}: {len(items)}")
            lines += [f"   • {item}" for item in items]
    return "\n".join(lines) + "\n"
