"""Find criterion claims: what a document says about meeting TT124's criteria.

Evidence kind ``criterion_claim``, extractor ``"claims"``. ``value`` has this shape (the
scored fields follow ``corpora/gold/GUIDELINES.md``)::

    {
      "criteria": [3],          # criterion numbers (ints), or ["all"] for the whole standard
      "status": "met",          # "reported" | "met" | "not_met" | "target"
      "year": 2022,             # the year the claim is for, when the text gives it; else None
      "count_met": None,        # 5 in "đạt 05/05 tiêu chí"
      "count_total": None,      # 5 in "đạt 05/05 tiêu chí"
    }

Shapes recognised (vocabulary in ``corpora/lexicons/criterion_claims.json``):

- ``reported``: a criterion section opens — "1. Tiêu chí 1: …", "Tiêu chí thứ hai.";
- ``met``: "đạt 05/05 tiêu chí" (``["all"]``), asking for recognition after the results —
  "Đề nghị … công nhận Sở … đạt tiêu chuẩn “An toàn về an ninh trật tự” năm 2022" (``["all"]``),
  "không có trường hợp xảy ra theo Tiêu chí 3", "đạt tiêu chí 1, 2", "Tự đánh giá: Đạt" inside a
  criterion's section;
- ``not_met``: "chưa đạt tiêu chí 2", "đạt 4/5 tiêu chí", "không đạt tiêu chuẩn …";
- ``target``: "phấn đấu đạt tiêu chuẩn “…” năm 2025", "đăng ký xây dựng cơ quan đạt chuẩn … năm 2022",
  "chuẩn bị hồ sơ đề nghị … công nhận … đạt tiêu chuẩn" (and every standard claim of a kế hoạch).

The standard named without a year counts only when a named unit asks for recognition
("đề nghị … công nhận Trường THCS Lê Lợi đạt tiêu chuẩn …"); the law's own wording
("khu dân cư, xã, phường, thị trấn … đạt tiêu chuẩn …") never does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.find.claims.regexes import patterns
from extractor.find.overlaps import Coverage, drop_overlapping
from extractor.find.patterns import SENTENCE_END_RE, YEAR, Cues, scan_from
from extractor.models import Evidence
from extractor.nlp import finder_component, text_of
from extractor.numbers_vi import parse_spelled
from extractor.structure import Heading
from extractor.structure import headings as structure_headings

EXTRACTOR = "claims"
ALL = "all"  # ``criteria`` of a claim on the whole standard
_YEAR_AFTER_RE = re.compile(rf"[ \t]*[”\"]?[ \t,]*(?:trong[ \t]+)?năm[ \t]+(?P<year>{YEAR})(?!\d)", re.I)


def _criterion_numbers(text: str) -> list[int]:
    """ "1, 2 và 3" → [1, 2, 3]; "thứ hai" → [2]."""
    ordinals = patterns().ordinals
    numbers: list[int] = []
    for match in re.finditer(r"\d{1,2}|thứ[ \t]+(\w+)", text, re.IGNORECASE):
        if match.group(1):
            value = ordinals.get(match.group(1).lower())
            if value:
                numbers.append(value)
        else:
            numbers.append(int(match.group(0)))
    return numbers


def _clause(text: str, start: int, end: int, reach: int = 300) -> tuple[str, str]:
    """The text of the clause before ``start`` and after ``end`` (to . ; or a line break)."""
    window_start = max(0, start - reach)
    before = text[window_start:start]
    boundaries = list(SENTENCE_END_RE.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end() :]
    after = text[end : end + reach]
    boundary = SENTENCE_END_RE.search(after)
    if boundary:
        after = after[: boundary.start()]
    return before, after


def _year_after(text: str, end: int) -> tuple[int | None, int]:
    """The year right after ``end`` ("… năm 2022"), and where it ends."""
    match = _YEAR_AFTER_RE.match(text, end)
    if match:
        return int(match.group("year")), match.end()
    return None, end


def _year_in_clause(after: str) -> int | None:
    match = re.search(rf"năm[ \t]+({YEAR})(?!\d)", after[:120], re.IGNORECASE)
    return int(match.group(1)) if match else None


def _claim(text: str, start: int, end: int, confidence: float, **value: Any) -> Evidence:
    full: dict[str, Any] = {
        "criteria": [],
        "status": None,
        "year": None,
        "count_met": None,
        "count_total": None,
    }
    full.update(value)
    return Evidence(
        kind="criterion_claim",
        text=text[start:end],
        start=start,
        end=end,
        value=full,
        confidence=confidence,
        extractor=EXTRACTOR,
    )


def _is_plan(doc_type: str | None) -> bool:
    return doc_type in patterns().plan_doc_types


def _strip_title(before: str) -> str:
    """Drop a capitalized document title and "Về việc"/"V/v" opening the clause ("TỜ TRÌNH Về việc …")."""
    match = patterns().title_re.match(before)
    return before[match.end() :] if match else before


def _about_sub_units(before: str) -> bool:
    """ "12/14 khu dân cư được công nhận …", "các trường học … đăng ký …": a claim on the unit's sub-units."""
    return bool(patterns().sub_unit_re.search(before[-100:]))


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


def _heading_starts(text: str, scans: _Scans) -> list[int] | None:
    """Where a criterion heading ("Tiêu chí 3: …") may begin: at the start of a line holding "tiêu chí"
    (``None``: anywhere)."""
    criteria = scans.cues.starts(patterns().criterion_cue)
    if criteria is None:
        return None
    return sorted({text.rfind("\n", 0, criterion) + 1 for criterion in criteria})


def _headings(text: str, scans: _Scans) -> list[Evidence]:
    """Criterion headings ("Tiêu chí 3: …", "Tiêu chí 4: Đạt."), tried only at the start of a line that
    holds "tiêu chí" (:func:`_heading_starts`), not at every position of the text."""
    pats = patterns()
    found = []
    for match in scan_from(pats.heading_re, text, _heading_starts(text, scans)):
        numbers = _criterion_numbers(match.group("n"))
        if not numbers:
            continue
        verdict = pats.heading_verdict_re.match(text, match.end())
        if verdict:  # "Tiêu chí 4: Đạt." — the whole heading is a verdict
            status = pats.verdicts[" ".join(verdict.group("verdict").lower().split())]
            found.append(
                _claim(
                    text, match.start("label"), verdict.end("verdict"), 0.85, criteria=numbers, status=status
                )
            )
            continue
        found.append(
            _claim(text, match.start("label"), match.end("label"), 0.9, criteria=numbers, status="reported")
        )
    return found


class _Scans:
    """Where the whole-text claim patterns are tried in one text: only where their lead word stands
    ("đạt", "chưa", "không", "tiêu chí", a verdict label), each lead word found once by a fast scan
    of the lower-cased text (:class:`extractor.find.patterns.Cues`), instead of at every position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cues = Cues(text)
        self._starts: dict[str, list[int] | None] = {}

    def present(self, cue: re.Pattern[str]) -> bool:
        return self.cues.present(cue)

    def led(self, cue: re.Pattern[str], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, each of which begins where ``cue`` matches (any case)."""
        if cue.pattern not in self._starts:
            self._starts[cue.pattern] = self.cues.starts(cue)
        return scan_from(pattern, self.text, self._starts[cue.pattern])


def _ratios(text: str, doc_type: str | None, scans: _Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.negated_or_met_cue, pats.ratio_re):
        met, total = int(match.group("met")), int(match.group("total"))
        if total == 0 or met > total:
            continue
        before, after = _clause(text, match.start(), match.end())
        if _about_sub_units(before):
            continue
        if match.group("neg") or met < total:
            status = "not_met"
        elif pats.met_past_re.search(before):
            status = "met"
        elif pats.target_re.search(before) and (_is_plan(doc_type) or "phấn đấu" in before.lower()):
            status = "target"
        else:
            status = "met"
        start = match.start("neg") if match.group("neg") else match.start()
        found.append(
            _claim(
                text,
                start,
                match.end(),
                0.9,
                criteria=[ALL],
                status=status,
                year=_year_in_clause(after),
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
        before, after = _clause(text, match.start(), match.end())
        if _about_sub_units(before):
            continue
        if pats.met_past_re.search(before):
            status = "met"
        else:
            status = "target" if _is_plan(doc_type) or "phấn đấu" in before.lower() else "met"
        found.append(
            _claim(
                text,
                match.start(),
                match.end(),
                0.85,
                criteria=[ALL],
                status=status,
                year=_year_in_clause(after),
                count_met=written,
                count_total=written,
            )
        )
    return found


def _listed(text: str, doc_type: str | None, scans: _Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.negated_or_met_cue, pats.listed_re):
        numbers = _criterion_numbers(match.group("list"))
        if not numbers:
            continue
        before, after = _clause(text, match.start(), match.end())
        if _about_sub_units(before):
            continue
        if match.group("neg"):
            status = "not_met"
        elif pats.met_past_re.search(before):
            status = "met"
        elif _is_plan(doc_type) or "phấn đấu" in before.lower():
            status = "target"
        else:
            status = "met"
        start = match.start("neg") if match.group("neg") else match.start()
        found.append(
            _claim(
                text, start, match.end(), 0.85, criteria=numbers, status=status, year=_year_in_clause(after)
            )
        )
    for match in scans.led(pats.denial_cue, pats.zero_re):
        numbers = _criterion_numbers(match.group("list"))
        if not numbers:
            continue
        before, after = _clause(text, match.start(), match.end())
        year_match = re.search(rf"năm[ \t]+({YEAR})(?!\d)", before + " " + after, re.IGNORECASE)
        status = "target" if _is_plan(doc_type) else "met"
        found.append(
            _claim(
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


def _postposed_starts(text: str, scans: _Scans) -> list[int] | None:
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


def _postposed(text: str, doc_type: str | None, scans: _Scans) -> list[Evidence]:
    """ "tiêu chí 2 chưa đạt", "05/05 tiêu chí đều đạt": the status after the criterion. Tried only where
    such a claim may begin (:func:`_postposed_starts`), not at every position of the text."""
    pats = patterns()
    found = []
    for match in scan_from(pats.postposed_re, text, _postposed_starts(text, scans)):
        before, after = _clause(text, match.start(), match.end())
        if match.group("list"):
            criteria: list[Any] = _criterion_numbers(match.group("list"))
            short = False
            met = total = None
        else:
            met, total = int(match.group("met")), int(match.group("total"))
            if total == 0 or met > total:
                continue
            criteria, short = [ALL], met < total
        if not criteria or _about_sub_units(before):
            continue
        if match.group("neg") or short:
            status = "not_met"
        elif _is_plan(doc_type) and not pats.met_past_re.search(before + " "):
            status = "target"
        else:
            status = "met"
        found.append(
            _claim(
                text,
                match.start(),
                match.end(),
                0.8,
                criteria=criteria,
                status=status,
                year=_year_in_clause(after),
                count_met=met,
                count_total=total,
            )
        )
    return found


def _eligibility(text: str, doc_type: str | None, scans: _Scans) -> list[Evidence]:
    """ "(chưa) đủ điều kiện đề nghị công nhận": the unit's own verdict on the whole standard. When the
    standard's name follows, the standard claim stands for it."""
    pats = patterns()
    found = []
    for match in scans.led(pats.eligibility_lead_cue, pats.eligibility_re):
        before, after = _clause(text, match.start(), match.end())
        if (
            pats.standard_re.search(after)
            or _about_sub_units(before)
            or pats.eligibility_blocker_re.search(before)
        ):
            continue
        if pats.generic_re.search(before[-120:]) or pats.skip_re.search(before):
            continue
        if match.group("neg"):
            status = "not_met"
        elif _is_plan(doc_type) or pats.target_re.search(before):
            status = "target"
        else:
            status = "met"
        found.append(
            _claim(
                text,
                match.start(),
                match.end(),
                0.75,
                criteria=[ALL],
                status=status,
                year=_year_in_clause(after),
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
    if _is_plan(doc_type) or pats.target_re.search(before):
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
        not _is_plan(doc_type)
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
    lead = _strip_title(text[paragraph_start : position - (len(before) - aim.start())])
    if not lead.strip(" \t-+•*0123456789.):"):
        return True
    opener = " ".join((aim.group("opener") or "").lower().split())
    return opener.startswith(pats.no_year_aim_openers) and not pats.no_year_blocker_re.search(before)


def _standards(text: str, doc_type: str | None, scans: _Scans) -> list[Evidence]:
    pats = patterns()
    found = []
    for match in scans.led(pats.met_cue, pats.standard_re):
        year, end = _year_after(text, match.end())
        before, _after = _clause(text, match.start(), match.end())
        before = _strip_title(before)
        if _about_sub_units(before):
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
        found.append(_claim(text, start, end, 0.8, criteria=[ALL], status=status, year=year))
    return found


def _verdicts(
    text: str, headings: list[Evidence], sections: Sequence[Heading], scans: _Scans
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
        found.append(_claim(text, match.start(), match.end(), 0.8, criteria=criteria, status=status))
    return found


def _mentions(text: str, claims: list[Evidence], scans: _Scans) -> list[Evidence]:
    """ "…; riêng Tiêu chí 4 đang chờ kết quả": a criterion named mid-sentence, not inside a claim."""
    pats = patterns()
    covered = Coverage([(item.start, item.end) for item in claims])
    found = []
    for match in scans.led(pats.criterion_cue, pats.mention_re):
        if covered.covers(match.start()):
            continue
        if pats.mention_blocker_re.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        numbers = _criterion_numbers(match.group("n"))
        found.append(_claim(text, match.start(), match.end(), 0.7, criteria=numbers, status="reported"))
    return found


def find_claims(text: str, context: Any = None, sections: Sequence[Heading] | None = None) -> list[Evidence]:
    """Every criterion claim in normalized ``text``, in reading order.

    ``context`` is a :class:`extractor.nlp.FindContext` (``doc_type`` is read: a kế hoạch's
    claims are goals); ``sections`` the section headings of ``text`` (``doc._.sections``; found here
    when not given).
    """
    doc_type = getattr(context, "doc_type", None)
    pats = patterns()
    scans = _Scans(text)  # a finder whose cue is absent cannot match: its whole-text scan is skipped
    criteria = scans.present(pats.criterion_cue)
    headings = _headings(text, scans)
    found = headings + (_ratios(text, doc_type, scans) + _listed(text, doc_type, scans) if criteria else [])
    found += _standards(text, doc_type, scans)
    found += _postposed(text, doc_type, scans) if criteria else []
    found += _eligibility(text, doc_type, scans) if scans.present(pats.eligibility_cue) else []
    if scans.present(pats.verdict_cue):
        found += _verdicts(text, headings, structure_headings(text) if sections is None else sections, scans)
    found += _mentions(text, found, scans) if criteria else []
    # a shorter overlapping reading of the same words goes; a mention mid-sentence stays
    return drop_overlapping(found, keep=lambda item: item.value["status"] == "reported")


LEXICONS = {"criterion_claims": "criterion_claims.json"}


@Language.factory("minhchung_claims", default_config={"lexicons": LEXICONS})
def make_claims_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component adding criterion claims to ``doc._.evidence``."""
    return finder_component(lambda doc: find_claims(text_of(doc), doc._.context, doc._.sections), lexicons)
