"""Judge one sentence against one clause the way an assessor reads it.

The status rules (``rules.status_for_families``) give a first call — met, not_met, target or unclear —
from the sentence's cues. This module applies what the clause itself asks (``corpora/tt124/criteria.json``):

- **absence** clauses (Điều 4 khoản 3–4, Điều 6 khoản 3, Điều 7 khoản 3–4) are read point by point: an
  event fails a point only if it is of the kind the point lists, happened in the evaluation period, is
  serious where the point says so, and is not excused (bất khả kháng; a serious crime promptly detected and
  reported); "không để xảy ra …" clears the points it names (a general statement clears them all);
- **graded** clauses need a rating at or above the clause's grade ("Hoàn thành tốt nhiệm vụ" trở lên); a
  lower rating fails them, and a discipline sentence alone does not show the rating;
- a sentence saying the unit **was recognised** as meeting the whole standard is context, not evidence;
- events of **other years**, and shortfalls of a **sub-unit** (one village, one department), are not
  charged to the unit — the call says why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.criteria import catalogue
from extractor.criteria.cues import CueList, as_cues
from extractor.criteria.rules import StatusCall, lowercase, remembered, searched

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
SUBUNIT_REACH = 60
PREVENTION_REACH = 80


@dataclass
class ClauseCall:
    """A sentence's status toward one clause, the points it speaks to and the rule applied."""

    status: str  # met | not_met | target | unclear
    cue: str | None
    rule: str | None = None
    role: str = "evidence"  # evidence | context
    points: dict[str, str] = field(default_factory=dict)  # point id → met | not_met | unclear
    parts: set[str] = field(default_factory=set)  # core parts shown: "rating"
    forecast: bool = False


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """The earliest match of any of ``patterns`` (the first listed on a tie)."""
    return searched("earliest", patterns, text, _earliest)  # type: ignore[no-any-return]


def _earliest(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return as_cues(patterns).earliest(text)


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
    return catalogue.incident_words().found_in(lowered)


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


def recognition(text: str) -> str | None:
    """The words saying a unit was recognised as meeting the whole standard, if the sentence says so."""
    return remembered("recognition", _recognition, text)  # type: ignore[no-any-return]


def _recognition(text: str) -> str | None:
    found = _first(catalogue.shared_cues()["recognition"], text)
    return found.group(0) if found else None


def declared_failure(text: str) -> tuple[set[int], str] | None:
    """``(clauses, words)`` when the sentence says clauses are not met ("không bảo đảm Tiêu chí 3",
    "chưa đạt tiêu chí 1 và tiêu chí 5", "tiêu chí 4 chưa đạt")."""
    found = remembered("declared_failure", _declared_failure, text)
    return (set(found[0]), found[1]) if found else None


def _declared_failure(text: str) -> tuple[frozenset[int], str] | None:
    found = catalogue.shared_cues()["declared_fail"].first(text)
    if found:
        return frozenset(int(number) for number in re.findall(r"\d", found.group(1))), found.group(0)
    return None


_REASON = re.compile(r"\b(?:do|vì|bởi vì|bởi)\b(.+)$")


def _speaks_of(criterion: catalogue.Criterion, text: str) -> bool:
    """Do the words of ``text`` name what ``criterion`` asks (its own cues, parts or points)?"""
    return (
        criterion.cues.found_in(text)
        or any(part.cues.found_in(text) for part in criterion.parts)
        or any(point.kind.cues.found_in(text) for point in assessed_points(criterion))
    )


def _retargeted(criterion: catalogue.Criterion, text: str, numbers: set[int]) -> ClauseCall | None:
    """A unit's own verdict ("chưa đạt Tiêu chí 3 do … học sinh đánh nhau") goes to the clause its reason
    speaks of, when the unit's numbering and the law's differ."""
    reason = _REASON.search(text)
    if reason is None:
        return None
    because = reason.group(1)
    siblings = [item for item in catalogue.for_article(criterion.article) if item.id != criterion.id]
    declared = [item for item in catalogue.for_article(criterion.article) if item.clause in numbers]
    if criterion.clause in numbers:
        if not _speaks_of(criterion, because) and any(_speaks_of(item, because) for item in siblings):
            return ClauseCall(
                "unclear",
                reason.group(0)[:60],
                "đơn vị tự nhận chưa đạt tiêu chí "
                f"{criterion.clause}, nhưng lý do thuộc khoản khác của Điều {criterion.article}",
            )
        return None
    if _speaks_of(criterion, because) and not any(_speaks_of(item, because) for item in declared):
        return ClauseCall(
            "not_met",
            reason.group(0)[:60],
            f"đơn vị tự nhận chưa đạt; lý do “{because.strip()[:80]}” "
            f"thuộc khoản {criterion.clause} Điều {criterion.article}",
        )
    return None


def _names_clause(text: str, clause: int) -> bool:
    return re.search(rf"tiêu chí(?: số)?\s*(?:\d\s*(?:,|và)\s*)*{clause}\b", text) is not None


def subunit_before(text: str, position: int) -> str | None:
    """A sub-unit noun ("thôn", "phòng") just before ``position``: the shortfall is the sub-unit's."""
    window = text[max(0, position - SUBUNIT_REACH) : position]
    for noun in catalogue.shared_cues()["subunit_nouns"]:
        if re.search(rf"(?:^|[\s,(]){re.escape(noun)}\b", window):
            return noun
    return None


def denies_incidents(criterion: catalogue.Criterion, text: str, *, at_least: int = 2) -> bool:
    """Does the sentence deny, by name, at least ``at_least`` kinds of incident the clause lists ("không
    phát hiện hoạt động chống Đảng …; không có hoạt động ly khai, đòi tự trị")? Such a sentence speaks to
    the clause whatever the classifier says, as a report of an incident does."""
    lowered = _own_lowered(text)
    named = _kinds_named(lowered)
    if at_least > 0 and not named:
        return False
    negation = _first(catalogue.shared_cues()["negation"], lowered)
    if negation is None:
        return False
    denied = set()
    for point in assessed_points(criterion):
        cue = _first(point.kind.cues, lowered) if point.kind.key in named else None
        if cue is not None and not point.kind.comparison and negation.start() < cue.end():
            denied.add(point.kind.key)
    return len(denied) >= at_least


def _occurrence(text: str, cue: re.Match[str]) -> re.Match[str] | None:
    """The words saying the event named by ``cue`` happened, unless it is spoken of as something to prevent."""
    cues = catalogue.shared_cues()
    before = text[max(0, cue.start() - PREVENTION_REACH) : cue.start()]
    if _first(cues["prevention"], before):
        return None
    return _first(cues["occurrence"], text) or _first(_occurrence_around(cue.group(0)), text)


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
    negation = _first(catalogue.shared_cues()["negation"], lowered)
    for point in assessed_points(criterion):
        cue = _first(point.kind.cues, lowered) if point.kind.key in named else None
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
    cue = _first(kind.cues, text)
    if cue is None:
        return None
    cues = catalogue.shared_cues()
    negation = _first(cues["negation"], text)
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
    exception = _first(kind.exceptions, text)
    if exception is not None and _NEGATED.search(text[max(0, exception.start() - 16) : exception.start()]):
        exception = None  # "không do thiên tai" denies the exception
    if exception is not None:
        return (
            "excused",
            f"điểm {point.letter}: {cue.group(0)} thuộc trường hợp loại trừ ({exception.group(0)})",
        )
    minor = _first(kind.minor, text)
    if minor is not None:
        return "met", f"điểm {point.letter}: {cue.group(0)} không nghiêm trọng ({minor.group(0)})"
    if kind.serious and _first(kind.serious, text) is None:
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
        exception = _first(point.kind.exceptions, lowered)
        if exception is not None and not _NEGATED.search(
            lowered[max(0, exception.start() - 16) : exception.start()]
        ):
            excused.add(point.id)
    return excused


def _absence(
    criterion: catalogue.Criterion, text: str, call: StatusCall, context: str, year: int | None
) -> ClauseCall:
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
    generic = _first(criterion.generic_negation, text) if criterion.generic_negation else None
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


_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})\b")
DEADLINE_REACH = 60


def late_act(criterion: catalogue.Criterion, text: str, year: int | None) -> str | None:
    """A registration or resolution dated after the clause's deadline ("Ngày 04/4/2022, Sở … đã đăng ký"
    against "Quý I hằng năm"), as words for the reason; None when on time or undated."""
    deadline = criterion.deadline
    if deadline is None:
        return None
    acts = [match for pattern in deadline.cues.possible(text) for match in pattern.finditer(text)]
    if not acts:
        return None  # no registration or resolution: its dates are not looked for
    dates = list(_DATE.finditer(text))  # found once, then bisected per cue (a long line has many of each)
    starts = [date.start() for date in dates]
    for cue in acts:
        low = bisect_left(starts, cue.start() - DEADLINE_REACH)
        high = bisect_right(starts, cue.start() + DEADLINE_REACH)
        near = [date for date in dates[low:high] if year is None or int(date.group(3)) == year]
        if not near:
            continue
        date = min(near, key=lambda found: abs(found.start() - cue.start()))
        if int(date.group(2)) > deadline.by_month:
            return f"{cue.group(0)} ngày {date.group(0)}, sau thời hạn “{deadline.label_vi}”: cần thẩm định"
        return None
    return None


def rating_in(text: str) -> tuple[int, str] | None:
    """The highest rating named in the sentence, as ``(level, words)``."""
    found = [
        (level, match.group(0))
        for level, _, patterns in catalogue.rating_scale()
        for match in patterns.searches(text)
        if match
    ]
    if not found:
        return None
    negative = [item for item in found if item[0] == 0]
    return negative[0] if negative else max(found)


def rates_its_subject(criterion: catalogue.Criterion, text: str) -> bool:
    """Does the sentence give the rating of the body a graded clause rates, named by the clause's own
    words ("Tổ bảo vệ an ninh, trật tự ở cơ sở … được đánh giá hoàn thành tốt nhiệm vụ" for Điều 4 khoản 5)?"""
    if criterion.rating is None or not criterion.cues:
        return False
    return criterion.cues.found_in(text) and rating_in(text) is not None


def _graded(criterion: catalogue.Criterion, text: str, call: StatusCall, context: str) -> ClauseCall:
    if criterion.rating is None:
        return ClauseCall(call.status, call.cue, None, forecast=call.forecast)
    rating = rating_in(text)
    if rating is None or context != "result" or call.status in {"target", "not_met"}:
        return ClauseCall(call.status, call.cue, None, forecast=call.forecast)
    level, words = rating
    pending = _first(catalogue.rating_pending(), text)
    if pending is not None and level >= criterion.rating.minimum:
        return ClauseCall(
            "unclear", words, f"xếp loại “{words}” chưa chính thức ({pending.group(0)}): cần thẩm định"
        )
    if level < criterion.rating.minimum:
        return ClauseCall(
            "not_met",
            words,
            f"xếp loại “{words}” thấp hơn yêu cầu: {criterion.rating.label_vi}",
            parts={"rating"},
        )
    return ClauseCall(
        "met" if call.status != "unclear" or call.cue is None else call.status,
        words,
        f"xếp loại “{words}” đạt yêu cầu: {criterion.rating.label_vi}",
        parts={"rating"},
    )


def judge(
    criterion: catalogue.Criterion,
    text: str,
    call: StatusCall,
    *,
    context: str,
    year: int | None,
    reports: bool = True,
) -> ClauseCall:
    """The sentence's status toward ``criterion`` after the clause's own requirements (``reports``: the
    document reports results, so its own verdicts count even in its closing proposals)."""
    lowered = lowercase(text)
    recognised = recognition(lowered)
    declared = declared_failure(lowered)
    if declared:
        retarget = _retargeted(criterion, lowered, declared[0])
        if retarget is not None:
            return retarget
    if declared and criterion.clause not in declared[0] and _names_clause(lowered, criterion.clause):
        return ClauseCall(
            "met",
            "tự đánh giá",
            "văn bản tự đánh giá các tiêu chí: không thay minh chứng",
            role="self_assessment",
        )
    if declared and criterion.clause in declared[0] and (context == "result" or reports):
        start = lowered.find(declared[1])
        noun = subunit_before(lowered, start)
        if noun and criterion.shape != "ratio":
            return ClauseCall(
                "unclear",
                declared[1],
                f"“{declared[1]}” nói về {noun} (đơn vị trực thuộc), không tính cho đơn vị: cần thẩm định",
            )
        return ClauseCall("not_met", declared[1], f"văn bản tự nhận: “{declared[1]}”")
    if recognised and criterion.shape != "ratio":
        return ClauseCall(
            call.status,
            recognised,
            "công nhận đạt tiêu chuẩn chung: bối cảnh, không phải minh chứng riêng của tiêu chí",
            role="context",
        )
    if criterion.shape in {"absence", "imports"} and assessed_points(criterion):
        judged = _absence(criterion, lowered, call, context, year)
    elif criterion.shape == "graded":
        judged = _graded(criterion, lowered, call, context)
    else:
        judged = ClauseCall(call.status, call.cue, None, forecast=call.forecast)
    judged.parts |= {part.key for part in criterion.parts if part.cues.found_in(lowered)}
    late = late_act(criterion, lowered, year) if judged.status == "met" and context == "result" else None
    if late:
        return ClauseCall("unclear", judged.cue, late, parts=judged.parts | {"late"})
    if (
        judged.status == "not_met"
        and criterion.discipline_scope
        and "kỷ luật" in lowered
        and not criterion.discipline_scope.found_in(lowered)
    ):
        return ClauseCall(
            "unclear", judged.cue, "người bị kỷ luật không thuộc lực lượng khoản này tính: cần thẩm định"
        )
    if judged.status == "not_met" and judged.points == {} and context == "result":
        if other_year(lowered, year):
            return ClauseCall("unclear", judged.cue, "sự việc không thuộc kỳ đánh giá (năm khác): không tính")
        shortfall = lowered.find(judged.cue or "\0")
        noun = subunit_before(lowered, shortfall) if shortfall >= 0 else None
        if noun and criterion.shape not in {"ratio", "absence", "imports"}:
            return ClauseCall(
                "unclear", judged.cue, f"hạn chế của {noun} (đơn vị trực thuộc), không tính cho đơn vị"
            )
    return judged
