"""Ratio clauses (``corpora/tt124/thresholds.json`` → ``ratios``): the shares a sentence gives ("9/9 thôn …
đăng ký", "đạt 88,9%"), what each counts, and the status they give against the clause's minimums.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from extractor.criteria import catalogue, thresholds
from extractor.criteria.calls import StatusCall
from extractor.criteria.cues import found_after, found_before
from extractor.criteria.memory import lowercase

_RATIO = re.compile(r"(?<![\d/])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\d/])|(?P<pct>\d+(?:[.,]\d+)?)\s*%")
RATIO_REACH = 120  # characters between a ratio and the cue that says what it counts


@dataclass(frozen=True)
class RatioReading:
    """A share found in a sentence, what it counts (a measure of the clause) and its value (0–1)."""

    surface: str
    measure: thresholds.RatioMeasure
    value: float


def _cue_spans(
    text: str, requirement: thresholds.RatioRequirement
) -> list[tuple[int, int, thresholds.RatioMeasure]]:
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
    spans: list[tuple[int, int, thresholds.RatioMeasure]] = []
    for start, negative_end, measure in found:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, -negative_end, measure))
    return spans


def ratio_readings(lowered: str, requirement: thresholds.RatioRequirement) -> list[RatioReading]:
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


def graded_ratio(call: StatusCall, lowered: str, requirement: thresholds.RatioRequirement) -> StatusCall:
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
    requirement = thresholds.ratio_requirements().get(criterion)
    if requirement is None or catalogue.by_id(criterion).shape != "ratio":
        return True  # a clause with a share among other parts (Điều 4 khoản 1) is spoken to by each part
    return bool(_cue_spans(lowercase(text), requirement))
