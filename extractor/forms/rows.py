"""What a scorecard row shows on a form: the deciding quotes (or the top evidence), the lettered points,
the assessor's decision — the same on paper and in the workbook. Labels come from the vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor import vocabulary

MAX_QUOTES = 3
# a sentence finding's status → its stance in the vocabulary (``statement_stance``), for quotes
STANCE_OF_STATUS = {"met": "achieved", "not_met": "failed", "target": "planned", "unclear": "mentioned"}


def shown_quotes(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The quotes that decide the row (``deciding``, when the layer gives them), else its top 3 evidence."""
    if row.get("deciding"):
        return list(row["deciding"])[:MAX_QUOTES]
    return [quote for quote in row.get("evidence", []) if quote.get("role", "evidence") == "evidence"][
        :MAX_QUOTES
    ]


def where(quote: dict[str, Any]) -> str:
    """“tệp.pdf, tr. 3” (the file name only; "tr. ?" when the page is unknown)."""
    page = f"tr. {quote['page']}" if quote.get("page") else "tr. ?"
    return f"{Path(str(quote.get('document') or '')).name}, {page}"


def _letter(point_id: str) -> str:
    """ "TT124.4.3.a" → "a" (a bare letter stays as it is)."""
    return str(point_id).rsplit(".", 1)[-1]


def quote_points(quote: dict[str, Any]) -> list[str]:
    """The letters of the points a quote decides (``points``: ids, or ``point``: one letter)."""
    if quote.get("points"):
        return [_letter(point) for point in quote["points"]]
    return [str(quote["point"])] if quote.get("point") else []


def source_mark(quote: dict[str, Any]) -> str:
    """“(chú thích 2)” for a quote read in footnote 2, "" for the body (``source_part``/``footnote``; the
    words come from the vocabulary's ``source_part`` group)."""
    return vocabulary.source_mark(quote.get("source_part"), quote.get("footnote"))


def quoted(quote: dict[str, Any]) -> str:
    """“text”, followed by “(chú thích N)” when it was read in a footnote."""
    mark = source_mark(quote)
    return f"“{quote['text']}”" + (f" {mark}" if mark else "")


def quote_line(quote: dict[str, Any]) -> str:
    """“text” (file, page), prefixed by the points it decides (“[điểm a, c]”) when there are some; a quote
    from a footnote says so after the text: “text” (chú thích 1) (file, page)."""
    letters = quote_points(quote)
    prefix = f"[điểm {', '.join(letters)}] " if letters else ""
    return f"{prefix}{quoted(quote)} ({where(quote)})"


def stance_label(quote: dict[str, Any]) -> str:
    """What a quote says about its criterion, in the vocabulary's words ("Kết quả đạt", "Kế hoạch, chỉ tiêu"…)."""
    stance = quote.get("stance") or STANCE_OF_STATUS.get(str(quote.get("status")))
    return vocabulary.label("statement_stance", stance) if stance else str(quote.get("status") or "")


def _point_parts(point: dict[str, Any]) -> tuple[str, str, str]:
    letter = str(point.get("point") or _letter(point["id"]))
    return letter, str(point.get("title") or point.get("label") or ""), str(point.get("status") or "missing")


def point_lines(row: dict[str, Any]) -> list[str]:
    """One line per lettered point of the clause: “a) title: Đạt”."""
    lines = []
    for point in row.get("points") or []:
        letter, title, status = _point_parts(point)
        lines.append(
            f"{letter}) {title}: {vocabulary.status_label(status)}"
            if title
            else f"{letter}) {vocabulary.status_label(status)}"
        )
    return lines


def point_summary(row: dict[str, Any]) -> list[str]:
    """The points grouped by status, in the vocabulary's order: “Đạt: a, b”, “Không có minh chứng: c”
    (compact, for the printed form)."""
    by_status: dict[str, list[str]] = {}
    for point in row.get("points") or []:
        letter, _, status = _point_parts(point)
        by_status.setdefault(status, []).append(letter)
    ordered = sorted(by_status, key=lambda status: vocabulary.order("criterion_status", status))
    return [f"{vocabulary.status_label(status)}: điểm {', '.join(by_status[status])}" for status in ordered]


def decision_text(row: dict[str, Any]) -> str:
    """The assessor's decision on a criterion row, “Đạt — note (who, date)”, or "" when there is none."""
    decision = row.get("decision")
    if not decision:
        return ""
    text = vocabulary.status_label(decision["decision"])
    if decision.get("note"):
        text += f" — {decision['note']}"
    when = str(decision.get("decided_at") or "")[:10]
    who = decision.get("decided_by") or ""
    return f"{text} ({who}{', ' + when if when else ''})"


def decision_label(row: dict[str, Any]) -> str:
    """Only the decided status's label (for the workbook's drop-down column), "" when undecided."""
    decision = row.get("decision")
    return vocabulary.status_label(decision["decision"]) if decision else ""


def dossier_notes(card: dict[str, Any], wording: dict[str, str]) -> list[str]:
    """The “Lưu ý về hồ sơ” lines of a card, the same on paper and in the workbook: each document of another
    unit, year or kind (``warnings``: “file: message”), the documents left out of the proposal
    (``excluded_documents``), those the assessor accepted, and the overall label's ``outside_scope`` note.
    Empty when the dossier is consistent. ``wording``: ``corpora/forms/scorecard.json`` ``dossier_notes``."""
    warnings = card.get("warnings") or []
    lines = [
        f"{Path(str(item.get('source') or '')).name}: {item.get('message_vi') or ''}".strip()
        for item in warnings
    ]
    excluded = [str(source) for source in card.get("excluded_documents") or []]
    if excluded:
        lines.append(wording["excluded"].format(files=", ".join(Path(source).name for source in excluded)))
    accepted = sorted({str(item.get("source")) for item in warnings} - set(excluded))
    if accepted:
        lines.append(wording["accepted"].format(files=", ".join(Path(source).name for source in accepted)))
    scope = (card.get("overall") or {}).get("outside_scope")
    if scope:
        lines.append(wording["outside_scope"].format(note=scope))
    return lines


def decided_line(card: dict[str, Any]) -> str:
    """How far the overall line rests on the assessor's decisions ("… ở 1/5 tiêu chí; 4 tiêu chí còn lại theo
    đề xuất của hệ thống …"); empty for a card with no criteria or made outside the service."""
    from extractor.forms.settings import scorecard_form

    total = len(card.get("criteria") or [])
    if not total or not any("decision" in row for row in card["criteria"]):
        return ""
    decided = sum(1 for row in card["criteria"] if row.get("decision"))
    wording = scorecard_form()["decided_line"]
    key = "all" if decided == total else "none" if decided == 0 else "some"
    return wording[key].format(decided=decided, total=total, undecided=total - decided)
