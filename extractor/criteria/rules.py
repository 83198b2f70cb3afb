"""Transparent rules from the catalogue: keyword cues per family, status cues, criterion references.

Everything matched here comes from ``corpora/tt124/families.json`` and ``status_cues.json``;
the classifier uses the keyword hits as features and the mapper uses the status rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractor.criteria import catalogue
from extractor.criteria.cues import CueList, as_cues, found_after, found_before, may_match

_WORD = re.compile(r"\w+", re.UNICODE)
# searched only in sentences holding its words ("tiêu chí"): every sentence is asked
_SELF_ASSESSMENT = CueList([re.compile(r"đạt\s+(\d+)\s*/\s*(\d+)\s+tiêu chí", re.IGNORECASE)])
HEADING_MAX_CHARS = 90

# Answers of the pure rules on one document's strings (``one_document``); None outside a document. A context
# variable, so that documents read at the same time in other threads keep their own memory.
_memo: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("minhchung_rules_memo", default=None)


_MISSING = object()


@contextmanager
def one_document() -> Iterator[None]:
    """Within the block the rules remember their answers on each string: a document's sentence is read for
    several criteria and families, its cues need finding once. The memory ends with the block (it grows
    with the document, and a rule read outside a document, as in the tests, is never served a stale answer)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(name: str, work: Callable[..., Any], *key: Any) -> Any:
    """``work(*key)``, computed once per document for the same ``key`` (a plain call outside a document)."""
    memo = _memo.get()
    if memo is None:
        return work(*key)
    full = (name, *key)
    found = memo.get(full, _MISSING)  # most questions are new: no exception raised for them
    if found is _MISSING:
        found = memo[full] = work(*key)
    return found


def lowercase(text: str) -> str:
    """``text.lower()``, once per document and string: a sentence is lowered for every clause, family and
    criterion it is read for, and lowering Vietnamese costs more than remembering it."""
    return remembered("lowered", str.lower, text)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class StatusCall:
    """A rule's status for one (sentence, family) and the cue that decided it."""

    status: str  # met | not_met | target | unclear
    cue: str | None
    forecast: bool = False


def searched(name: str, patterns: Any, text: str, work: Callable[[Any, str], Any]) -> Any:
    """``work(patterns, text)`` once per document for the same pattern list and text. The list is known by
    its identity and kept alive with the answer, so that no other list can take its identity meanwhile."""
    memo = _memo.get()
    if memo is None:
        return work(patterns, text)
    key = (name, id(patterns), text)
    kept = memo.get(key)
    if kept is not None:
        return kept[1]
    found = work(patterns, text)
    memo[key] = (patterns, found)
    return found


def keyword_hits(text: str) -> dict[str, list[str]]:
    """Family → keyword surfaces found in ``text`` (families with no hit are left out)."""
    hits: dict[str, list[str]] = {}
    for key, family in catalogue.families().items():
        found = family.matches(text)
        if found:
            hits[key] = found
    return hits


def _first(patterns, text: str) -> str | None:
    """The words of the first cue, in list order, found in ``text`` (a cue list searches only with the
    cues whose words the text holds). Not remembered: nine in ten of these questions are new in their
    document (measured on the development texts), and remembering them cost more than the repeats."""
    found = as_cues(patterns).first(text)
    return found.group(0) if found else None


def is_plan_section(heading: str) -> bool:
    """Does a section heading introduce promises (nhiệm vụ, phương hướng…) rather than results?"""
    return _first(catalogue.status_cues()["plan_headings"], lowercase(heading)) is not None


def is_result_section(heading: str) -> bool:
    """Does a section heading introduce results (kết quả, tình hình…)?"""
    return _first(catalogue.status_cues()["result_headings"], lowercase(heading)) is not None


class SectionTracker:
    """Follows a document's headings sentence by sentence: the "Tiêu chí N:" section and plan/result parts.

    ``reading_kind`` is the document's reading (``reading.Reading.kind``); a bare ``doc_type`` is read
    through the same rules (``reading.kind_for_doc_type``)."""

    def __init__(self, doc_type: str | None = None, *, reading_kind: str | None = None) -> None:
        from extractor.criteria.reading import PROMISE_READINGS, kind_for_doc_type

        self.reading_kind = reading_kind or kind_for_doc_type(doc_type)
        self._promises = self.reading_kind in PROMISE_READINGS
        self.section: str | None = None
        self.criterion_number: int | None = None

    def see(self, text: str) -> int | None:
        """Update the state with the next sentence; returns its "Tiêu chí N:" heading number, if any."""
        heading = heading_number(text)
        if heading is not None:
            self.criterion_number = heading
            return heading
        if len(text) < HEADING_MAX_CHARS and (text.isupper() or not text.rstrip().endswith((".", ";"))):
            if is_plan_section(text):
                self.section, self.criterion_number = "plan", None
            elif is_result_section(text):
                self.section, self.criterion_number = "result", None
            elif text.isupper():
                self.criterion_number = None
        return None

    @property
    def context(self) -> str:
        """``plan`` or ``result``: promises in a plan or in a report's planning part, else results."""
        if self._promises:
            return "plan"
        return self.section or "result"


def _strip_names(text: str) -> str:
    """Blank out names that merely contain cue words ("chương trình mục tiêu quốc gia", "đăng ký phấn đấu")."""
    return remembered("strip_names", _blank_names, text)  # type: ignore[no-any-return]


def _blank_names(text: str) -> str:
    return as_cues(catalogue.status_cues()["names"]).blanked(text)


def _requirement_shown(family: str, text: str) -> bool:
    required = catalogue.status_cues()["met_requires"].get(family)
    return not required or _first(required, text) is not None


def status_for(
    text: str,
    family: str,
    *,
    planning: bool = False,
    context: str | None = None,
    criterion: str | None = None,
) -> StatusCall:
    """Status of ``text`` toward ``family`` in a reading ``context`` (plan | result | unknown).

    ``planning=True`` is shorthand for ``context="plan"``. See ``corpora/tt124/status_cues.json``
    for the order in which the cues decide. With a ``criterion`` id, graded requirements of that clause
    (``corpora/tt124/thresholds.json``) refine the call: the lowest disciplinary form it counts, the
    shares it asks for.
    """
    return remembered("status_for", _status_for, text, family, planning, context, criterion)  # type: ignore[no-any-return]


def _status_for(
    text: str, family: str, planning: bool, context: str | None, criterion: str | None
) -> StatusCall:
    raw = lowercase(text)
    # the cues do not depend on the criterion: once per document for a clause read for several
    call = remembered("cue_status", _cue_status_of, raw, family, planning, context)
    if criterion is None:
        return call
    stripped = _strip_names(raw)
    scale = catalogue.discipline_scale()
    if family == scale.family and criterion in scale.thresholds:
        return _graded_discipline(call, stripped, scale.thresholds[criterion])
    requirement = catalogue.ratio_requirements().get(criterion)
    if requirement is not None and family == requirement.family:
        return _graded_ratio(call, stripped, requirement)
    return call


def _cue_status_of(raw: str, family: str, planning: bool, context: str | None) -> StatusCall:
    return _cue_status(raw, family, planning=planning, context=context)


def _cue_status(raw: str, family: str, *, planning: bool = False, context: str | None = None) -> StatusCall:
    """The status cues alone (no clause-specific threshold), on the lower-cased text ``raw``."""
    context = context or ("plan" if planning else "unknown")
    cues = catalogue.status_cues()
    lowered = _strip_names(raw)
    polarity = catalogue.families()[family].polarity if family in catalogue.families() else "presence"
    conditional = _first(cues["conditional"], lowered)
    if conditional:
        return StatusCall("unclear", conditional)
    limitation = _first(cues["limitation"], lowered)
    if limitation:
        return StatusCall("unclear", limitation)
    contradiction = _contradiction(raw, lowered, polarity, context)
    if contradiction:
        return contradiction
    forecast = _first(cues["forecast"], lowered)
    if forecast:
        return StatusCall("target", forecast, forecast=True)
    strong = _first(cues["strong_target"], lowered)
    if strong:
        return StatusCall("target", strong)
    if context == "plan":
        return StatusCall("target", _first(cues["target"], lowered) or _first(cues["negation"], lowered))
    if polarity == "absence":
        imperative = _first(cues["imperative_absence"], lowered)
        if imperative and context == "unknown":
            return StatusCall("target", imperative)
        negation = _first(cues["negation"], lowered)
        return StatusCall("met", negation) if negation else StatusCall("unclear", None)
    call = _presence_status(lowered, context)
    if call.status == "met" and not _requirement_shown(family, lowered):
        return StatusCall("unclear", "chưa nêu kết quả xếp loại / danh hiệu")
    return call


def _contradiction(raw: str, lowered: str, polarity: str, context: str) -> StatusCall | None:
    """A counted occurrence of what must not happen, or a shortfall of what must exist (not in plans)."""
    if context == "plan":
        return None
    cues = catalogue.status_cues()
    if polarity == "absence":
        occurrence = _first(cues["occurrence"], lowered)
        negation = _first(cues["negation"], lowered)
        if occurrence and not (negation and lowered.find(negation) < lowered.find(occurrence)):
            reduction = _first(cues["reduction"], lowered)
            if reduction:
                return StatusCall("unclear", f"{occurrence} ({reduction}): cần thẩm định")
            return StatusCall("not_met", occurrence)
        return None
    shortfall = _first(cues["shortfall"], raw)
    return StatusCall("not_met", shortfall) if shortfall else None


def _presence_status(lowered: str, context: str) -> StatusCall:
    cues = catalogue.status_cues()
    past = _first(cues["past_time"], lowered)
    if past:
        return StatusCall("met", past)
    weak = _first(cues["target"], lowered)
    if context == "result":
        return StatusCall("met", weak or "phần kết quả của báo cáo")
    achievement = _first(cues["achievement"], lowered)
    if achievement:
        return StatusCall("met", achievement)
    if weak:
        return StatusCall("target", weak)
    return StatusCall("unclear", None)


def _graded_discipline(call: StatusCall, lowered: str, levels: tuple[int, ...]) -> StatusCall:
    """A discipline sentence read against a clause that counts discipline from ``levels`` (one level when
    the clause is known; several when its wording is not, and then only an agreed reading stands)."""
    if call.status not in {"met", "not_met"}:
        return call
    readings = [_discipline_at(call, lowered, level) for level in levels]
    if len({reading.status for reading in readings}) == 1:
        return readings[0]
    return StatusCall("unclear", "ngưỡng hình thức kỷ luật của khoản chưa xác minh: cần thẩm định")


def _discipline_at(call: StatusCall, lowered: str, level: int) -> StatusCall:
    scale = catalogue.discipline_scale()
    scopes = list(scale.scope.finditer(lowered))
    outside = lowered
    for scope in scopes:
        outside = outside[: scope.start()] + " " * (scope.end() - scope.start()) + outside[scope.end() :]
    threshold = scale.form_at(level)
    if call.status == "met":
        # "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên" rules out only cảnh cáo and above
        covered = min((scale.level_of(scope.group("form")) or 1 for scope in scopes), default=1)
        if covered > level:
            return StatusCall(
                "unclear",
                f"chỉ loại trừ kỷ luật từ {scale.form_at(covered)} trở lên; khoản này tính từ {threshold}",
            )
        return call
    named = [rank for rank, _, pattern in scale.forms if pattern.search(outside)]
    highest = max(named, default=None)
    if highest is not None and highest >= level:
        return StatusCall("not_met", f"kỷ luật {scale.form_at(highest)} (khoản tính từ {threshold})")
    if any(pattern.search(outside) for pattern in scale.unranked):
        return StatusCall("unclear", "hình thức kỷ luật ngoài thang (cần thẩm định)")
    if highest is None:
        return call if level <= 1 else StatusCall("unclear", "chưa nêu hình thức kỷ luật: cần thẩm định")
    return StatusCall("met", f"kỷ luật {scale.form_at(highest)}: dưới mức {threshold}, khoản này không tính")


_RATIO = re.compile(r"(?<![\d/])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\d/])|(?P<pct>\d+(?:[.,]\d+)?)\s*%")
RATIO_REACH = 120  # characters between a ratio and the cue that says what it counts


@dataclass(frozen=True)
class RatioReading:
    """A share found in a sentence, what it counts (a measure of the clause) and its value (0–1)."""

    surface: str
    measure: catalogue.RatioMeasure
    value: float


def _cue_spans(
    text: str, requirement: catalogue.RatioRequirement
) -> list[tuple[int, int, catalogue.RatioMeasure]]:
    """Measure cues in ``text``; a cue inside an earlier one ("đăng ký xây dựng đạt tiêu chuẩn") is dropped."""
    found = sorted(
        (
            (match.start(), -match.end(), measure)
            for measure in requirement.measures
            for pattern in measure.cues.possible(text)  # a cue whose words are absent finds nothing
            for match in pattern.finditer(text)
        ),
        key=lambda item: item[:2],
    )
    spans: list[tuple[int, int, catalogue.RatioMeasure]] = []
    for start, negative_end, measure in found:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, -negative_end, measure))
    return spans


def ratio_readings(lowered: str, requirement: catalogue.RatioRequirement) -> list[RatioReading]:
    """Each ratio ("9/9 thôn … đăng ký", "đạt 88,9%") with the measure it counts; a percentage restating a
    preceding N/M ("…, đạt 91,6%") or quoting the threshold ("chỉ tiêu 70%", "từ 70% trở lên") is skipped."""
    spans = _cue_spans(lowered, requirement)
    starts, ends = [span[0] for span in spans], [span[1] for span in spans]  # both ascending: no overlaps
    readings: list[RatioReading] = []
    seen_fraction = False
    for match in _RATIO.finditer(lowered):
        if match.group("pct"):
            if (
                (seen_fraction and found_before(requirement.restatement, lowered, match.start()))
                or found_before(requirement.threshold_before, lowered, match.start())
                or found_after(requirement.threshold_after, lowered, match.end())
            ):
                continue
            value = float(match.group("pct").replace(",", ".")) / 100
        else:
            numerator, denominator = int(match.group("num")), int(match.group("den"))
            if (
                denominator <= 0
                or numerator > denominator
                or (numerator <= 12 and 1900 <= denominator <= 2100)
            ):
                continue  # "tháng 3/2024" is a month, not a share
            value, seen_fraction = numerator / denominator, True
        # the first cue starting within reach after the ratio, else the last ending within reach before it
        after = bisect_left(starts, match.end())
        before = bisect_right(ends, match.start()) - 1
        following = after < len(spans) and starts[after] <= match.end() + RATIO_REACH
        if following:
            span = spans[after]
        elif before >= 0 and ends[before] >= match.start() - RATIO_REACH:
            span = spans[before]
        else:
            continue
        if value > 1:
            continue
        between = lowered[match.end() : span[0]] if following else ""
        if re.search(r"\bchưa\b", between) or lowered[span[0] : span[1]].startswith("chưa"):
            value = 1 - value  # "còn 02/24 thôn chưa đăng ký"
        readings.append(RatioReading(match.group(0), span[2], value))
    return readings


def _failing_words_counted(lowered: str, readings: list[RatioReading]) -> bool:
    """Are the sentence's failing words ("khu dân cư Gò Mít và Đồng Bưa chưa đạt") about the units its
    shares count ("công nhận 12/14 khu dân cư …")? Then the shares decide, not those words."""
    failing = [
        match.start()
        for pattern in catalogue.status_cues()["shortfall"]
        for match in pattern.finditer(lowered)
    ]
    first_share = min(
        (lowered.find(item.surface) for item in readings if item.surface in lowered), default=-1
    )
    return bool(failing) and first_share >= 0 and all(position > first_share for position in failing)


def _graded_ratio(call: StatusCall, lowered: str, requirement: catalogue.RatioRequirement) -> StatusCall:
    """A result sentence's shares compared with the clause's minimums (a promise stays a promise)."""
    if call.status == "target" or (call.status == "unclear" and call.cue is not None):
        return call
    readings = ratio_readings(lowered, requirement)
    if not readings:
        return call
    short = [item for item in readings if item.value + 1e-9 < item.measure.minimum]
    if short:
        item = short[0]
        return StatusCall(
            "not_met",
            f"{item.surface}: {item.value:.0%} {item.measure.label_vi} < {item.measure.minimum:.0%}",
        )
    if call.status == "not_met" and not _failing_words_counted(lowered, readings):
        return call
    shown = "; ".join(
        f"{item.surface}: {item.measure.label_vi} {item.value:.0%} ≥ {item.measure.minimum:.0%}"
        for item in readings
    )
    return StatusCall("met", shown)


def speaks_to(criterion: str, text: str) -> bool:
    """Can ``text`` be evidence for ``criterion`` at all? A clause that asks for shares of registering or
    recognised units is only spoken to by a sentence that mentions registering or recognition."""
    requirement = catalogue.ratio_requirements().get(criterion)
    if requirement is None or catalogue.by_id(criterion).shape != "ratio":
        return True  # a clause with a share among other parts (Điều 4 khoản 1) is spoken to by each part
    return bool(_cue_spans(lowercase(text), requirement))


STATUS_RANK = {"not_met": 0, "met": 1, "target": 2, "unclear": 3}


def status_for_families(
    text: str,
    families: list[str],
    *,
    planning: bool = False,
    context: str | None = None,
    criterion: str | None = None,
) -> StatusCall:
    """Status of a sentence toward a criterion made of ``families``, read clause by clause (";").

    Only clauses that mention one of the families' keywords count, so "…hoàn thành tốt nhiệm vụ; Sở đang
    thực hiện hồ sơ…; không có cá nhân bị kỷ luật" is judged on its relevant clauses. A contradiction
    wins over an achievement, which wins over a promise.
    """
    known = catalogue.families()
    calls: list[StatusCall] = []
    for clause in (part for part in text.split(";") if part.strip()):
        for family in families:
            if family in known and remembered("mentions", _mentions, clause, family):
                calls.append(
                    status_for(clause, family, planning=planning, context=context, criterion=criterion)
                )
    if not calls:
        calls = [
            status_for(text, family, planning=planning, context=context, criterion=criterion)
            for family in families
        ] or [status_for(text, "", planning=planning, context=context)]
    return min(calls, key=lambda call: STATUS_RANK[call.status])


def _mentions(text: str, family: str) -> bool:
    """Does ``text`` hold one of ``family``'s keywords? (``Family.occurs_in``, on the remembered lowering.)"""
    return catalogue.families()[family].keywords.found_in(lowercase(text))


def heading_number(text: str) -> int | None:
    """``N`` when the sentence opens with "Tiêu chí N:" (a report section per criterion)."""
    found = catalogue.status_cues()["criterion_heading"].match(text)
    return int(found.group(1)) if found else None


def referenced_numbers(text: str) -> list[int]:
    """Criterion numbers the sentence refers to ("… theo Tiêu chí 3")."""
    pattern = catalogue.status_cues()["criterion_reference"]
    if not may_match(pattern, text):  # most sentences do not say "tiêu chí"
        return []
    return [int(match.group(2)) for match in pattern.finditer(text)]


def self_assessment(text: str) -> tuple[int, int] | None:
    """``(met, total)`` from a self-assessment such as "đã triển khai đạt 05/05 tiêu chí"; ``(0, 0)`` for one
    that claims every criterion without numbers ("các tiêu chí còn lại đạt", "đạt đủ các tiêu chí")."""
    return remembered("self_assessment", _self_assessment, text)  # type: ignore[no-any-return]


def _self_assessment(text: str) -> tuple[int, int] | None:
    found = _SELF_ASSESSMENT.first(text)
    if found:
        return int(found.group(1)), int(found.group(2))
    return (0, 0) if _first(catalogue.status_cues()["self_assessment_all"], lowercase(text)) else None


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


@lru_cache(maxsize=256)
def _wording_words(wording: str) -> frozenset[str]:
    """The words of a clause's wording (a handful of clauses, read for every heading that may quote one)."""
    return frozenset(_words(wording))


def quotes_article_criterion(text: str, subject_type: str | None) -> bool:
    """Is the sentence a "Tiêu chí N: …" heading restating clause N of the unit's article?"""
    number = heading_number(text)
    if number is None:
        return False
    clauses = {item.clause: item for item in catalogue.for_subject(subject_type)}
    return number in clauses and quotes_criterion(text, clauses[number])


def quotes_criterion(text: str, criterion: catalogue.Criterion, threshold: float = 0.6) -> bool:
    """Does the sentence merely restate the criterion's wording (a heading, not evidence)? A sentence that
    adds figures of its own ("…; tuy nhiên có 01 cá nhân bị kỷ luật cảnh cáo") reports, it does not quote."""
    wording = criterion.wording
    if not wording:
        return False
    body = catalogue.status_cues()["criterion_heading"].sub("", text)
    if re.search(r"\d", body) and not re.search(r"\d", wording):
        return False
    words = _words(body)
    if len(words) < 5:
        return False
    return len(words & _wording_words(wording)) / len(words) >= threshold
