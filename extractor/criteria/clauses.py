"""Judge one sentence against one clause the way an assessor reads it.

The status rules (``rules.status_for_families``) give a first call — met, not_met, target or unclear —
from the sentence's cues. This module applies what the clause itself asks (``corpora/tt124/criteria.json``):

- **absence** clauses are read point by point (:mod:`extractor.criteria.absence`);
- **graded** clauses need a rating at or above the clause's grade ("Hoàn thành tốt nhiệm vụ" trở lên); a
  lower rating fails them, and a discipline sentence alone does not show the rating;
- a sentence saying the unit **was recognised** as meeting the whole standard is context, not evidence;
- events of **other years**, and shortfalls of a **sub-unit** (one village, one department), are not
  charged to the unit — the call says why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from extractor.criteria import catalogue
from extractor.criteria.absence import assessed_points, other_year, point_by_point
from extractor.criteria.calls import ClauseCall, StatusCall
from extractor.criteria.memory import earliest, lowercase, remembered

SUBUNIT_REACH = 60


def recognition(text: str) -> str | None:
    """The words saying a unit was recognised as meeting the whole standard, if the sentence says so."""
    return remembered("recognition", _recognition, text)  # type: ignore[no-any-return]


def _recognition(text: str) -> str | None:
    found = earliest(catalogue.shared_cues()["recognition"], text)
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
    pending = earliest(catalogue.rating_pending(), text)
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
        judged = point_by_point(criterion, lowered, call, context, year)
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
