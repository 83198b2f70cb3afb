"""Claims on the whole standard: "đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2022", an aim or a
registration ("phấn đấu đạt …", "đăng ký xây dựng cơ quan đạt chuẩn …"), a named unit asking for recognition,
and the unit's own verdict "(chưa) đủ điều kiện đề nghị công nhận". The law's own wording ("khu dân cư, xã,
phường, thị trấn … đạt tiêu chuẩn …") is no claim.
"""

from __future__ import annotations

import re

from extractor.find.claims.clause import (
    ALL,
    Scans,
    about_sub_units,
    claim,
    clause_around,
    is_plan,
    strip_title,
    year_after,
    year_in_clause,
)
from extractor.find.claims.regexes import patterns
from extractor.models import Evidence


def eligibility(text: str, doc_type: str | None, scans: Scans) -> list[Evidence]:
    """ "(chưa) đủ điều kiện đề nghị công nhận": the unit's own verdict on the whole standard. When the
    standard's name follows, the standard claim stands for it."""
    pats = patterns()
    found = []
    for match in scans.led(pats.eligibility_lead_cue, pats.eligibility_re):
        before, after = clause_around(text, match.start(), match.end())
        if (
            pats.standard_re.search(after)
            or about_sub_units(before)
            or pats.eligibility_blocker_re.search(before)
        ):
            continue
        if pats.generic_re.search(before[-120:]) or pats.skip_re.search(before):
            continue
        if match.group("neg"):
            status = "not_met"
        elif is_plan(doc_type) or pats.target_re.search(before):
            status = "target"
        else:
            status = "met"
        found.append(
            claim(
                text,
                match.start(),
                match.end(),
                0.75,
                criteria=[ALL],
                status=status,
                year=year_in_clause(after),
            )
        )
    return found


def _standard_status(before: str, doc_type: str | None) -> str | None:
    """The status of a claim on the whole standard from its clause, or ``None`` if not a claim."""
    pats = patterns()
    if pats.not_met_re.search(before):
        return "not_met"
    if pats.skip_re.search(before) or pats.generic_re.search(before[-120:]):
        return None
    if pats.met_past_re.search(before) and not pats.aim_cue_re.search(before):
        return "met"  # "đã được công nhận đạt tiêu chuẩn … năm 2024": granted already
    if is_plan(doc_type) or pats.target_re.search(before):
        return "target"
    return "met"


def _counts_without_year(before: str, doc_type: str | None) -> bool:
    """A standard claim without a year: the unit's own registration, or a named unit asking
    for recognition ("đề nghị … công nhận Trường THCS Lê Lợi đạt tiêu chuẩn …")."""
    pats = patterns()
    if pats.generic_re.search(before[-120:]) or pats.no_year_blocker_re.search(before):
        return False
    if pats.no_year_opener_re.search(before) or pats.aim_cue_re.search(before):
        return True
    recognised = pats.recognise_re.search(before)
    return bool(
        not is_plan(doc_type)
        and recognised
        and pats.claim_re.search(before)
        and any(c.isupper() for c in recognised.group("subject"))
    )


def _aim_without_year(text: str, position: int, before: str, aim: re.Match[str] | None) -> bool:
    """An aim without a year counts as a plan's title ("KẾ HOẠCH\nXây dựng trường học đạt …", at
    a paragraph's start) or a request for recognition ("đề nghị công nhận trường đạt …")."""
    if aim is None:
        return False
    pats = patterns()
    paragraph_start = text.rfind("\n", 0, position) + 1
    lead = strip_title(text[paragraph_start : position - (len(before) - aim.start())])
    if not lead.strip(" \t-+•*0123456789.):"):
        return True
    opener = " ".join((aim.group("opener") or "").lower().split())
    return opener.startswith(pats.no_year_aim_openers) and not pats.no_year_blocker_re.search(before)


def standards(text: str, doc_type: str | None, scans: Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.met_cue, pats.standard_re):
        year, end = year_after(text, match.end())
        before, _after = clause_around(text, match.start(), match.end())
        before = strip_title(before)
        if about_sub_units(before):
            continue
        aim = pats.aim_re.search(before)
        if aim and pats.generic_re.search(aim.group(0)):
            aim = None
        if year is None and not (
            _aim_without_year(text, match.start(), before, aim) or _counts_without_year(before, doc_type)
        ):
            continue
        status = _standard_status(before, doc_type)
        if status is None:
            continue
        start = match.start()
        negation = pats.not_met_re.search(before)
        if negation:
            start = match.start() - (len(before) - negation.start())
        elif status == "target":
            end = match.end()  # an aim's span: from its opener through the standard's name
            if aim:
                start = match.start() - (len(before) - aim.start())
        found.append(claim(text, start, end, 0.8, criteria=[ALL], status=status, year=year))
    return found
