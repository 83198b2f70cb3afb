"""Absence clauses read point by point (Điều 4 khoản 3–4, Điều 6 khoản 3, Điều 7 khoản 3–4; Điều 5 khoản 2
imports their points): an event fails a point only if it is of the kind the point lists, happened in the
evaluation period, is serious where the point says so, and is not excused (bất khả kháng; a serious crime
promptly detected and reported); "không để xảy ra …" clears the points it names (a general statement clears
them all). The base of a comparison ("so với năm 2023 (có 01 vụ …)") is not this period's fact.

Also what the mapper asks before judging: does a sentence name an incident at all, report one, deny several.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.criteria import catalogue, incidents
from extractor.criteria.calls import ClauseCall, StatusCall
from extractor.criteria.cues import CueList
from extractor.criteria.memory import earliest, lowercase, remembered

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?![/\d])")  # not the year inside "124/2021/TT-BCA"
_COMPARED = re.compile(
    r"(?:so với|hơn|bằng)\s+(?:cùng kỳ\s+)?(?:năm\s+)?(?:19|20)\d{2}[^.;,()]{0,20}|"
    r"(?:so với|hơn|bằng) (?:cùng kỳ|năm trước|năm ngoái)[^.;,()]{0,40}|"
    r"\([^)]*(?:cùng kỳ|năm trước|(?:19|20)\d{2})[^)]*\)"
)
_NEGATED = re.compile(r"\b(?:không|chẳng|chưa|không phải)(?: do| vì| phải)?\s*$")
_THIS_PERIOD = re.compile(r"\btrong kỳ\b|\bnăm nay\b|kỳ đánh giá này|từ đầu năm")
_PREVIOUS = re.compile(r"(?:năm trước|năm ngoái|cùng kỳ năm trước|những năm trước|các năm trước|trước đây)")
_LATE_PREVIOUS = re.compile(r"tháng\s*1[12]\s*(?:/|năm)\s*(?:19|20)\d{2}")  # the period opens in November
_RISE = re.compile(r"\btăng\b")
_FALL = re.compile(r"\bgiảm\b|kéo giảm|kiềm chế")
PREVENTION_REACH = 80


def without_comparison_base(text: str) -> str:
    """The sentence without the base of a comparison ("So với năm 2023 (có 01 viên chức bị cảnh cáo)"):
    what happened in the year compared with is not this period's fact (once per document and sentence:
    every clause the sentence may speak to asks)."""
    return remembered("without_comparison_base", _COMPARED.sub, " ", text)  # type: ignore[no-any-return]


def _own_lowered(text: str) -> str:
    """The sentence lower-cased, without the base of a comparison (once per document and sentence)."""
    return remembered("own_lowered", _lowered_without_base, text)  # type: ignore[no-any-return]


def _lowered_without_base(text: str) -> str:
    return _COMPARED.sub(" ", lowercase(text))


def may_name_incident(text: str) -> bool:
    """Does the sentence, its comparison base aside, hold the words of some incident kind's cue? When it
    does not, it neither reports nor denies an incident of any clause."""
    return bool(_kinds_named(_own_lowered(text)))


def _kinds_named(lowered: str) -> frozenset[str]:
    """The incident kinds whose cues' words the sentence holds: only their points' cues can match (most
    sentences hold none; the points of the others are not searched one by one)."""
    return remembered("kinds_named", _kinds_in, lowered)  # type: ignore[no-any-return]


def _kinds_in(lowered: str) -> frozenset[str]:
    return incidents.incident_words().found_in(lowered)


def assessed_points(criterion: catalogue.Criterion) -> tuple[catalogue.Point, ...]:
    """The points a clause is judged on, its own or those of the clauses it imports (Điều 5 khoản 2)."""
    if criterion.points or not criterion.imports:
        return criterion.points
    return _imported_points(criterion.imports)


@lru_cache(maxsize=64)
def _imported_points(imports: tuple[str, ...]) -> tuple[catalogue.Point, ...]:
    return tuple(point for cid in imports for point in catalogue.by_id(cid).points)


def other_year(text: str, year: int | None) -> bool:
    """Does the sentence place what it reports in another year than the document's (comparisons aside)?"""
    if year is None:
        return False
    own = _COMPARED.sub(" ", text)
    if _THIS_PERIOD.search(own):
        return False
    years = {int(found) for found in _YEAR.findall(own)}
    if years:
        return year not in years and not _LATE_PREVIOUS.search(own)
    return bool(_PREVIOUS.search(own))


def denies_incidents(criterion: catalogue.Criterion, text: str, *, at_least: int = 2) -> bool:
    """Does the sentence deny, by name, at least ``at_least`` kinds of incident the clause lists ("không
    phát hiện hoạt động chống Đảng …; không có hoạt động ly khai, đòi tự trị")? Such a sentence speaks to
    the clause whatever the classifier says, as a report of an incident does."""
    lowered = _own_lowered(text)
    named = _kinds_named(lowered)
    if at_least > 0 and not named:
        return False
    negation = earliest(catalogue.shared_cues()["negation"], lowered)
    if negation is None:
        return False
    denied = set()
    for point in assessed_points(criterion):
        cue = earliest(point.kind.cues, lowered) if point.kind.key in named else None
        if cue is not None and not point.kind.comparison and negation.start() < cue.end():
            denied.add(point.kind.key)
    return len(denied) >= at_least


def _occurrence(text: str, cue: re.Match[str]) -> re.Match[str] | None:
    """The words saying the event named by ``cue`` happened, unless it is spoken of as something to prevent."""
    cues = catalogue.shared_cues()
    before = text[max(0, cue.start() - PREVENTION_REACH) : cue.start()]
    if earliest(cues["prevention"], before):
        return None
    return earliest(cues["occurrence"], text) or earliest(_occurrence_around(cue.group(0)), text)


@lru_cache(maxsize=256)
def _occurrence_around(cue: str) -> CueList:
    """The occurrence cues written around an event's own words ("{cue} xảy ra"), for the words ``cue``."""
    return CueList(
        re.compile(pattern.replace("{cue}", re.escape(cue)), re.IGNORECASE)
        for pattern in catalogue.shared_cues()["occurrence_around"]
    )


def reports_incident(criterion: catalogue.Criterion, text: str) -> bool:
    """Does the sentence report that an incident of a kind the clause lists happened (not prevented, not
    denied)? Such a sentence speaks to the clause whatever the classifier says: a failure must surface."""
    lowered = _own_lowered(text)
    named = _kinds_named(lowered)
    if not named:
        return False
    negation = earliest(catalogue.shared_cues()["negation"], lowered)
    for point in assessed_points(criterion):
        cue = earliest(point.kind.cues, lowered) if point.kind.key in named else None
        if cue is None or point.kind.comparison or (negation is not None and negation.start() < cue.end()):
            continue
        if _occurrence(lowered, cue) is not None:
            return True
    return False


def _point_status(
    point: catalogue.Point, text: str, context: str, year: int | None
) -> tuple[str, str] | None:
    """A point's status from one sentence, with the rule, or None when the sentence does not speak to it
    (once per document for a point shared by clauses: Điều 5 khoản 2 imports the points of others)."""
    return remembered(
        "point_status",
        lambda _, *key: _point_status_of(point, *key),  # type: ignore[no-any-return]
        point.id,
        text,
        context,
        year,
    )


def _point_status_of(
    point: catalogue.Point, text: str, context: str, year: int | None
) -> tuple[str, str] | None:
    kind = point.kind
    cue = earliest(kind.cues, text)
    if cue is None:
        return None
    cues = catalogue.shared_cues()
    negation = earliest(cues["negation"], text)
    if negation is not None and negation.start() < cue.end():
        return "met", f"điểm {point.letter}: {negation.group(0)} {cue.group(0)}"
    if kind.comparison:
        if _FALL.search(text):
            return "met", f"điểm {point.letter}: {cue.group(0)} giảm so với năm trước"
        if _RISE.search(text) and context == "result":
            return "not_met", f"điểm {point.letter}: {cue.group(0)} tăng so với năm trước"
        return None
    if context != "result":
        return None
    occurrence = _occurrence(text, cue)
    if occurrence is None:
        return None
    if other_year(text, year):
        return "excluded", f"điểm {point.letter}: {cue.group(0)} không thuộc kỳ đánh giá (năm khác)"
    exception = earliest(kind.exceptions, text)
    if exception is not None and _NEGATED.search(text[max(0, exception.start() - 16) : exception.start()]):
        exception = None  # "không do thiên tai" denies the exception
    if exception is not None:
        return (
            "excused",
            f"điểm {point.letter}: {cue.group(0)} thuộc trường hợp loại trừ ({exception.group(0)})",
        )
    minor = earliest(kind.minor, text)
    if minor is not None:
        return "met", f"điểm {point.letter}: {cue.group(0)} không nghiêm trọng ({minor.group(0)})"
    if kind.serious and earliest(kind.serious, text) is None:
        return (
            "unclear",
            f"điểm {point.letter}: có {cue.group(0)}, chưa rõ mức độ nghiêm trọng: cần thẩm định",
        )
    return "not_met", f"điểm {point.letter}: {occurrence.group(0)} … {cue.group(0)}"


def excused_by_next(criterion: catalogue.Criterion, failed: dict[str, str], following: str) -> set[str]:
    """The failing points (``failed``: point id → status) that the next sentence of the same paragraph
    excuses under the point's own exceptions ("… Tổ dân phòng phát hiện, bắt giữ ngay tại chỗ, báo cáo ngay
    Công an phường": a serious crime promptly detected and reported, Điều 4 khoản 4 điểm b)."""
    lowered = following.lower()
    excused = set()
    for point in assessed_points(criterion):
        if failed.get(point.id) != "not_met":
            continue
        exception = earliest(point.kind.exceptions, lowered)
        if exception is not None and not _NEGATED.search(
            lowered[max(0, exception.start() - 16) : exception.start()]
        ):
            excused.add(point.id)
    return excused


def point_by_point(
    criterion: catalogue.Criterion, text: str, call: StatusCall, context: str, year: int | None
) -> ClauseCall:
    """An absence clause's call from the lower-cased sentence ``text``: each point it speaks to met, failed,
    excused or unclear, a general "không để xảy ra …" clearing them all (a plan's only promising to)."""
    points = assessed_points(criterion)
    statuses: dict[str, str] = {}
    point_rules: dict[str, str] = {}
    # "(năm 2023 xảy ra 03 vụ …)" is the comparison's base, not this period (once per sentence: every
    # absence clause the sentence may speak to asks)
    text = without_comparison_base(text)
    named = _kinds_named(text)
    for point in points:
        if point.kind.key not in named:
            continue  # the sentence holds none of its kind's words: it does not speak to the point
        found = _point_status(point, text, context, year)
        if found is not None:
            statuses[point.id], point_rules[point.id] = found
    rules = list(point_rules.values())
    generic = earliest(criterion.generic_negation, text) if criterion.generic_negation else None
    general = generic is not None and context == "result" and "not_met" not in statuses.values()
    if generic is not None and general:
        for point in points:
            statuses.setdefault(point.id, "met")
        rules.append(f"{generic.group(0)} (chung cho các điểm)")
    excused = {pid for pid, status in statuses.items() if status == "excused"}
    statuses = {pid: ("met" if status == "excused" else status) for pid, status in statuses.items()}
    if context != "result":  # a plan's "không để xảy ra …" is a promise for each point it names
        statuses = {pid: ("unclear" if status == "met" else status) for pid, status in statuses.items()}
    failed = [pid for pid, status in statuses.items() if status == "not_met"]
    if failed:
        return ClauseCall(
            "not_met",
            call.cue,
            "; ".join(point_rules[pid] for pid in failed),
            points={k: v for k, v in statuses.items() if v != "excluded"},
        )
    if any(status == "excluded" for status in statuses.values()):
        kept = {k: v for k, v in statuses.items() if v != "excluded"}
        status = "met" if any(v == "met" for v in kept.values()) else "unclear"
        return ClauseCall(status, call.cue, "; ".join(rules), points=kept)
    if any(status == "unclear" for status in statuses.values()):
        return ClauseCall("unclear", call.cue, "; ".join(rules), points=statuses)
    if statuses:
        met = "met" if context == "result" else call.status
        return ClauseCall(
            met,
            call.cue,
            "; ".join(rules),
            points=statuses,
            parts=({"general"} if general else set()) | {f"excused:{pid}" for pid in excused},
        )
    if context != "result":
        return ClauseCall(call.status, call.cue, None, forecast=call.forecast)  # a plan's prevention work
    # an event the clause does not list (a theft under Điều 6 khoản 3), or talk of security in general:
    # the sentence does not speak to any point of the clause
    return ClauseCall(call.status, call.cue, None, role="unrelated", forecast=call.forecast)
