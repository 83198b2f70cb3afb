"""Claims a report's structure makes: criterion headings ("Tiêu chí 3: …", "Tiêu chí 4: Đạt."), verdict lines
in a criterion's section ("Tự đánh giá: Đạt"), and a criterion named mid-sentence outside any claim.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from extractor.find.claims.clause import ALL, Scans, claim, criterion_numbers
from extractor.find.claims.regexes import patterns
from extractor.find.overlaps import Coverage
from extractor.find.patterns import scan_from
from extractor.models import Evidence
from extractor.structure import Heading


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 5 and all(c.isupper() for c in letters)


def _section_break(text: str, start: int, end: int, sections: Sequence[Heading]) -> bool:
    """A new section opens between ``start`` and ``end``: a Roman-numbered heading or a line in
    capitals (of the section headings found once; the line ``end`` stands in counts up to ``end``)."""
    roman = patterns().section_break_re
    if roman.match(text[start:end]):
        return True  # right after the criterion's heading
    last = text.rfind("\n", start, end) + 1  # the line ``end`` stands in, when it starts after ``start``
    for heading in sections[bisect.bisect_right(sections, start, key=lambda h: h.start) :]:
        if heading.start >= last:
            break
        if roman.match(text, heading.start, end) or (
            heading.capitals and _capitals(text[heading.start : heading.end])
        ):
            return True
    return last > start and bool(roman.match(text, last, end) or _capitals(text[last:end]))


def heading_starts(text: str, scans: Scans) -> list[int] | None:
    """Where a criterion heading ("Tiêu chí 3: …") may begin: at the start of a line holding "tiêu chí"
    (``None``: anywhere)."""
    criteria = scans.cues.starts(patterns().criterion_cue)
    if criteria is None:
        return None
    return sorted({text.rfind("\n", 0, criterion) + 1 for criterion in criteria})


def headings(text: str, scans: Scans) -> list[Evidence]:
    """Criterion headings ("Tiêu chí 3: …", "Tiêu chí 4: Đạt."), tried only at the start of a line that
    holds "tiêu chí" (:func:`heading_starts`), not at every position of the text."""
    pats = patterns()
    found = []
    for match in scan_from(pats.heading_re, text, heading_starts(text, scans)):
        numbers = criterion_numbers(match.group("n"))
        if not numbers:
            continue
        verdict = pats.heading_verdict_re.match(text, match.end())
        if verdict:  # "Tiêu chí 4: Đạt." — the whole heading is a verdict
            status = pats.verdicts[" ".join(verdict.group("verdict").lower().split())]
            found.append(
                claim(
                    text, match.start("label"), verdict.end("verdict"), 0.85, criteria=numbers, status=status
                )
            )
            continue
        found.append(
            claim(text, match.start("label"), match.end("label"), 0.9, criteria=numbers, status="reported")
        )
    return found


def verdicts(
    text: str, headings: list[Evidence], sections: Sequence[Heading], scans: Scans
) -> list[Evidence]:
    """ "Tự đánh giá: Đạt" lines, attributed to the criterion whose section they are in; outside any
    criterion's section (none before, or a new section since), to the whole standard."""
    pats = patterns()
    starts = [item.start for item in headings]
    found = []
    for match in scans.led(pats.verdict_cue, pats.verdict_re):
        index = bisect.bisect_right(starts, match.start()) - 1
        status = pats.verdicts[" ".join(match.group("verdict").lower().split())]
        if index < 0 or _section_break(text, headings[index].end, match.start(), sections):
            criteria: list[Any] = [ALL]
        else:
            criteria = list(headings[index].value["criteria"])
        found.append(claim(text, match.start(), match.end(), 0.8, criteria=criteria, status=status))
    return found


def mentions(text: str, claims: list[Evidence], scans: Scans) -> list[Evidence]:
    """ "…; riêng Tiêu chí 4 đang chờ kết quả": a criterion named mid-sentence, not inside a claim."""
    pats = patterns()
    covered = Coverage([(item.start, item.end) for item in claims])
    found = []
    for match in scans.led(pats.criterion_cue, pats.mention_re):
        if covered.covers(match.start()):
            continue
        if pats.mention_blocker_re.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        numbers = criterion_numbers(match.group("n"))
        found.append(claim(text, match.start(), match.end(), 0.7, criteria=numbers, status="reported"))
    return found
