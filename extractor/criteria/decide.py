"""Decide one criterion from the sentences that speak to it: status, reasons, deciding quotes, points.

The same decision serves one document (``minhchung extract``) and a whole dossier (the scorecard and the
service), so an assessor sees the same proposal everywhere. Statuses (``extractor.vocabulary.Status``):

- **not_met** — a sentence reports facts that fail the clause (or says so itself);
- **met** — a result shows the clause achieved, its core parts shown (a graded clause needs its rating),
  and nothing contradicts it;
- **unclear** — spoken to, but not enough: only plans or forecasts, a rating not given, a self-assessment,
  a recognition of the whole standard, or facts that may or may not fail it;
- **missing** — nothing speaks to it.

Each proposal carries the one to three sentences that decide it, the point each speaks to and the rule
applied; dates and citations inside them are context of those sentences, not evidence of their own.
"""

from __future__ import annotations

from typing import Any

from extractor.criteria import catalogue
from extractor.criteria.absence import assessed_points
from extractor.vocabulary import Status

DECIDING_MAX = 3
THIN_CONFIDENCE = 0.6
_STANCE = {"not_met": "failed", "met": "achieved", "target": "planned", "unclear": "mentioned"}


def stance(quote: dict[str, Any]) -> str:
    """A sentence's stance toward the clause: failed, achieved, planned or mentioned."""
    return _STANCE.get(quote.get("status", ""), "mentioned")


def _deciding(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ranked = sorted(quotes, key=lambda item: (-float(item.get("confidence", 0.0)), item.get("start", 0)))
    shown = []
    for quote in ranked[:DECIDING_MAX]:
        shown.append(
            {key: quote.get(key) for key in ("document", "document_id", "page", "start", "end", "text")}
            | {
                "stance": stance(quote),
                "rule": quote.get("rule") or quote.get("cue"),
                "points": sorted((quote.get("points") or {}).keys()),
            }
        )
    return shown


def _points(
    criterion: catalogue.Criterion, quotes: list[dict[str, Any]], status: str
) -> list[dict[str, Any]]:
    points = assessed_points(criterion)
    if not points:
        return []
    found: dict[str, str] = {}
    for quote in quotes:
        if quote.get("role", "evidence") != "evidence":
            continue
        for point_id, point_status in (quote.get("points") or {}).items():
            previous = found.get(point_id)
            if previous != Status.NOT_MET and (
                point_status == Status.NOT_MET
                or previous is None
                or (previous == Status.UNCLEAR and point_status == Status.MET)
            ):
                found[point_id] = point_status
    unspoken = Status.MET if status == Status.MET else Status.MISSING  # a met clause clears every point
    return [
        {
            "id": point.id,
            "point": point.letter,
            "title": point.title_vi,
            "status": str(found.get(point.id, unspoken)),
        }
        for point in points
    ]


def _said(quote: dict[str, Any]) -> str:
    """What a sentence's finding says: its rule, or the words that cued it, quoted ("“nếu”")."""
    if quote.get("rule"):
        return str(quote["rule"])
    words = str(quote.get("cue") or "").strip(" :;,.“”\"'")
    return f"“{words}”" if words else ""


def _excused(quote: dict[str, Any], excused: set[str]) -> bool:
    """Does another sentence excuse every point this one fails (a crime "phát hiện, báo cáo ngay", force
    majeure)? A failure the document itself explains as an exception of the law does not fail the clause."""
    failed = {pid for pid, value in (quote.get("points") or {}).items() if value == "not_met"}
    return bool(failed) and failed <= excused


def _incomplete(
    criterion: catalogue.Criterion, achieved: list[dict[str, Any]], quotes: list[dict[str, Any]]
) -> str | None:
    """Why the results shown are not enough for the clause (an act after its deadline, its rating, its core
    parts, enough of its parts or points), or None when they are."""
    shown = {part for item in achieved for part in item.get("parts", [])}
    late = [item for item in quotes if "late" in item.get("parts", [])]
    if late:
        return (
            "Thực hiện sau thời hạn của khoản: " + "; ".join(str(item.get("rule")) for item in late[:2]) + "."
        )
    if any("points" not in item for item in achieved):
        return None  # evidence an assessor linked or a stored claim: their judgement of the whole clause
    if criterion.rating is not None and "rating" in criterion.core and "rating" not in shown:
        return f"Chưa nêu kết quả xếp loại theo yêu cầu ({criterion.rating.label_vi})."
    labels = {part.key: part.label_vi for part in criterion.parts}
    lacking = [labels[key] for key in criterion.core if key in labels and key not in shown]
    if lacking:
        return "Chưa có minh chứng cho phần cốt lõi: " + ", ".join(lacking) + "."
    if criterion.parts and len(shown & set(labels)) < criterion.min_parts:
        missing = [label for key, label in labels.items() if key not in shown]
        return f"Mới nêu {len(shown & set(labels))}/{len(labels)} nội dung của khoản; chưa có: {', '.join(missing)}."
    points = assessed_points(criterion)
    if criterion.min_point_share and points and "general" not in shown:
        cleared = {
            pid for item in achieved for pid, value in (item.get("points") or {}).items() if value == "met"
        }
        if len(cleared) < criterion.min_point_share * len(points):
            return (
                f"Chỉ nêu {len(cleared)}/{len(points)} điểm của khoản, chưa có khẳng định chung "
                "“không để xảy ra” các trường hợp của khoản."
            )
    return None


def decide(criterion: catalogue.Criterion, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """The proposal for one criterion from its quotes (each a sentence finding of ``mapping``, possibly
    adjusted by an assessor's review): status, confidence, needs-assessor flag, reasons, deciding quotes
    and, for clauses with points, each point's status."""
    evidence = [item for item in quotes if item.get("role", "evidence") == "evidence"]
    context = [item for item in quotes if item.get("role") == "context"]
    excused = {
        part.split(":", 1)[1]
        for item in evidence
        for part in item.get("parts", [])
        if part.startswith("excused:")
    }
    failed = [item for item in evidence if item["status"] == "not_met" and not _excused(item, excused)]
    achieved = [item for item in evidence if item["status"] == "met"]
    planned = [item for item in evidence if item["status"] == "target"]
    # by identity, in one pass (equal quotes always fall in the same list, so this is the membership by
    # equality it replaces, without comparing every quote with every chosen one)
    chosen = {id(item) for item in (*failed, *achieved, *planned)}
    mentioned = [item for item in quotes if id(item) not in chosen]
    reasons: list[str] = []
    needs = False
    if failed:
        status, deciding = Status.NOT_MET, failed
        reasons.append(
            "Có sự việc trái với tiêu chí: "
            + "; ".join(
                sorted(
                    {
                        str(item.get("rule") or item.get("cue"))
                        for item in failed
                        if item.get("rule") or item.get("cue")
                    }
                )
            )
        )
        if achieved:
            needs = True
            reasons.append("Đồng thời có câu báo cáo đạt: cần thẩm định.")
    elif achieved:
        shortfall = _incomplete(criterion, achieved, quotes)
        if shortfall:
            status, deciding, needs = Status.UNCLEAR, achieved, True
            reasons.append(shortfall)
        else:
            status, deciding = Status.MET, achieved
            reasons.append(
                "Báo cáo kết quả đạt: "
                + "; ".join(
                    sorted(
                        {
                            str(item.get("rule") or item.get("cue"))
                            for item in achieved
                            if item.get("rule") or item.get("cue")
                        }
                    )[:3]
                )
            )
            if len(achieved) == 1 and float(achieved[0].get("confidence", 0)) < THIN_CONFIDENCE:
                needs = True
                reasons.append("Chỉ có một câu, độ tin cậy thấp: cần thẩm định.")
    elif planned:
        status, deciding, needs = Status.UNCLEAR, planned, True
        forecasts = [item for item in planned if item.get("forecast")]
        reasons.append(
            "Chỉ có số liệu dự kiến, chưa có kết quả chính thức."
            if forecasts and len(forecasts) == len(planned)
            else "Chỉ có kế hoạch, chỉ tiêu, cam kết; chưa có kết quả."
        )
    elif mentioned or context:
        status, deciding, needs = Status.UNCLEAR, mentioned or context, True
        reasons.append(
            "Có nhắc đến nhưng chưa đủ căn cứ: "
            + "; ".join(
                sorted({_said(item) for item in mentioned + context if item.get("rule") or item.get("cue")})[
                    :3
                ]
                or ["không có sự việc, số liệu cụ thể"]
            )
        )
    else:
        status, deciding, needs = Status.MISSING, [], True
        reasons.append("Văn bản không nói đến tiêu chí này.")
    if context and status != Status.NOT_MET:
        reasons.append(
            "Văn bản nêu việc đã được công nhận đạt tiêu chuẩn chung (bối cảnh, không thay minh chứng "
            "của tiêu chí)."
        )
    confidence = max((float(item.get("confidence", 0.0)) for item in deciding), default=0.0)
    if status == Status.UNCLEAR:
        confidence *= 0.5
    late = [item for item in quotes if "late" in item.get("parts", [])]
    return {
        "status": str(status),
        "confidence": round(confidence, 3),
        "needs_assessor": needs,
        "reasons": reasons,
        "deciding": _deciding(deciding),
        "points": _points(criterion, quotes, status),
        "late": _deciding(late),
    }
