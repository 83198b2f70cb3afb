"""Claims on criteria by count or number: "đạt 05/05 tiêu chí", "đạt 4/5 tiêu chí", "đạt tiêu chí 1, 2",
"không có trường hợp xảy ra theo Tiêu chí 3", and the status after the criterion ("tiêu chí 2 chưa đạt",
"05/05 tiêu chí đều đạt").
"""

from __future__ import annotations

import re
from typing import Any

from extractor.find.claims.clause import (
    ALL,
    Scans,
    about_sub_units,
    claim,
    clause_around,
    criterion_numbers,
    is_plan,
    year_in_clause,
)
from extractor.find.claims.regexes import patterns
from extractor.find.patterns import YEAR, scan_from
from extractor.models import Evidence
from extractor.numbers_vi import parse_spelled


def met_or_target(before: str, doc_type: str | None) -> str:
    """The status of a claim by count or number that nothing negates: met when "đã" reports it before "đạt"
    (``met_past_cues``), a goal in a plan or after a ``numbered_goal_words`` word ("phấn đấu"), else met."""
    pats = patterns()
    if pats.met_past_re.search(before):
        return "met"
    lowered = before.lower()
    if is_plan(doc_type) or any(word in lowered for word in pats.numbered_goal_words):
        return "target"
    return "met"


def ratios(text: str, doc_type: str | None, scans: Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.negated_or_met_cue, pats.ratio_re):
        met, total = int(match.group("met")), int(match.group("total"))
        if total == 0 or met > total:
            continue
        before, after = clause_around(text, match.start(), match.end())
        if about_sub_units(before):
            continue
        if match.group("neg") or met < total:
            status = "not_met"
        else:
            status = met_or_target(before, doc_type) if pats.target_re.search(before) else "met"
        start = match.start("neg") if match.group("neg") else match.start()
        found.append(
            claim(
                text,
                start,
                match.end(),
                0.9,
                criteria=[ALL],
                status=status,
                year=year_in_clause(after),
                count_met=met,
                count_total=total,
            )
        )
    for match in scans.led(pats.met_cue, pats.all_re):
        total_text = match.group("total")
        written = (
            (int(total_text) if total_text.isdigit() else parse_spelled(total_text.lower()))
            if total_text
            else None
        )
        before, after = clause_around(text, match.start(), match.end())
        if about_sub_units(before):
            continue
        status = met_or_target(before, doc_type)
        found.append(
            claim(
                text,
                match.start(),
                match.end(),
                0.85,
                criteria=[ALL],
                status=status,
                year=year_in_clause(after),
                count_met=written,
                count_total=written,
            )
        )
    return found


def listed(text: str, doc_type: str | None, scans: Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.negated_or_met_cue, pats.listed_re):
        numbers = criterion_numbers(match.group("list"))
        if not numbers:
            continue
        before, after = clause_around(text, match.start(), match.end())
        if about_sub_units(before):
            continue
        status = "not_met" if match.group("neg") else met_or_target(before, doc_type)
        start = match.start("neg") if match.group("neg") else match.start()
        found.append(
            claim(text, start, match.end(), 0.85, criteria=numbers, status=status, year=year_in_clause(after))
        )
    for match in scans.led(pats.denial_cue, pats.zero_re):
        numbers = criterion_numbers(match.group("list"))
        if not numbers:
            continue
        before, after = clause_around(text, match.start(), match.end())
        year_match = re.search(rf"năm[ \t]+({YEAR})(?!\d)", before + " " + after, re.IGNORECASE)
        status = "target" if is_plan(doc_type) else "met"
        found.append(
            claim(
                text,
                match.start(),
                match.end(),
                0.85,
                criteria=numbers,
                status=status,
                year=int(year_match.group(1)) if year_match else None,
            )
        )
    return found


def postposed_starts(text: str, scans: Scans) -> list[int] | None:
    """Where "tiêu chí 2 chưa đạt" or "05/05 tiêu chí đều đạt" may begin: where "tiêu chí" stands, or at
    a digit of the run of digits, blanks and slashes just before it (``None``: anywhere)."""
    criteria = scans.cues.starts(patterns().criterion_cue)
    if criteria is None:
        return None
    starts = set(criteria)
    for criterion in criteria:
        position = criterion
        while position > 0 and (text[position - 1] in " \t/" or text[position - 1].isdecimal()):
            position -= 1
            if text[position].isdecimal():
                starts.add(position)
    return sorted(starts)


def postposed(text: str, doc_type: str | None, scans: Scans) -> list[Evidence]:
    """ "tiêu chí 2 chưa đạt", "05/05 tiêu chí đều đạt": the status after the criterion. Tried only where
    such a claim may begin (:func:`postposed_starts`), not at every position of the text."""
    pats = patterns()
    found = []
    for match in scan_from(pats.postposed_re, text, postposed_starts(text, scans)):
        before, after = clause_around(text, match.start(), match.end())
        if match.group("list"):
            criteria: list[Any] = criterion_numbers(match.group("list"))
            short = False
            met = total = None
        else:
            met, total = int(match.group("met")), int(match.group("total"))
            if total == 0 or met > total:
                continue
            criteria, short = [ALL], met < total
        if not criteria or about_sub_units(before):
            continue
        if match.group("neg") or short:
            status = "not_met"
        elif is_plan(doc_type) and not pats.met_past_re.search(before + " "):
            status = "target"
        else:
            status = "met"
        found.append(
            claim(
                text,
                match.start(),
                match.end(),
                0.8,
                criteria=criteria,
                status=status,
                year=year_in_clause(after),
                count_met=met,
                count_total=total,
            )
        )
    return found
