"""Find counts: how many of what a document reports or plans ("3.460 cuộc tuyên truyền").

Evidence kind ``count``, extractor ``"counts"``. ``value`` has this shape::

    {
      "value": 3460,            # int/float: 100 for "100% cán bộ", 5 for "05/05", 0 for a zero claim
      "unit": "cuộc tuyên truyền",  # classifier + head noun as written, lower-cased; None if absent
      "percent": False,         # True for a percentage ("100% cán bộ": value 100, percent True)
      "comparator": None,       # ">=", ">", "<", "<=" or None
      "modality": "actual",     # "actual" | "target" | "zero"
      "parent": None,           # start offset of the total this count breaks down, else None
      "total": None,            # 5 for the ratio "05/05 tiêu chí"
    }

The shape follows ``corpora/gold/GUIDELINES.md`` (what ``minhchung evaluate`` scores). A
percentage's unit runs over a coordinated list ("100% xã, phường" → "xã, phường"); a bare
percentage in a breakdown takes its total's unit ("100% công chức …, trong đó trên 80%").

What counts: a number (digits in Vietnamese style, a spelled number, a ratio "07/07", a
percentage) followed by a unit from ``corpora/lexicons/count_units.json``; a percentage
may also stand alone ("từ 70% trở lên"). Zero claims come from negated noun phrases
("không có vụ cháy nổ nào xảy ra", "không để xảy ra cháy, nổ nghiêm trọng").

What does not: section and article numbers ("1.", "2.1", "Điều 5", "Tiêu chí 3"), years,
dates and document numbers (passed in ``taken`` by the spaCy component), times, phone
numbers, "24/24". Modality comes from cue words (``corpora/lexicons/modality.json``) in the
clause before the number, the document type (a kế hoạch plans: ``target``) and the
report section (a "PHƯƠNG HƯỚNG, NHIỆM VỤ" part of a báo cáo plans too).

The pure function :func:`find_counts` is the unit of test; :func:`counts_component` is the
spaCy component ``minhchung_counts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor import numbers_vi
from extractor.find import link
from extractor.find.counts.lexicon import lexicon
from extractor.find.counts.modality import clause_before, modality_at, paragraph_prefix, report_sections
from extractor.find.counts.models import EXTRACTOR, Number, count_value
from extractor.find.counts.noun_phrases import (
    coordinated_end,
    extend_unit,
    match_unit,
    normal_unit,
    noun_phrase_end,
)
from extractor.find.counts.zeros import zero_claims
from extractor.find.overlaps import first_overlap
from extractor.find.patterns import YEAR, Cues
from extractor.models import Evidence
from extractor.nlp import finder_component, text_of
from extractor.structure import Heading, headings

_TAKEN_KINDS = ("legal_ref", "date")


_RATE_SUBSET_RE = re.compile(r",[ \t]*riêng(?:[ \t]+(?:các|những|số))?(?=[ \t])", re.IGNORECASE)
_RATE_OBJECT_RE = re.compile(r"[ \t]+(?:các|những|số)(?=[ \t])", re.IGNORECASE)
_RATE_RE = re.compile(r"(?<!\w)tỷ[ \t]+lệ(?:[ \t]+số)?(?=[ \t])", re.IGNORECASE)
_RATE_GAP_VERB_RE = re.compile(r"(?<!\w)(?:đạt|được|là|chiếm|bằng)(?!\w)", re.IGNORECASE)


def _rate(clause: str) -> tuple[str | None, int | None]:
    """ "Tỷ lệ người lao động được đóng BHXH đạt 98,5%": the unit named after "tỷ lệ", and where
    "tỷ lệ" starts when it governs the number directly ("đạt tỷ lệ 100%", "tỷ lệ học sinh bỏ
    học dưới 0,5%": the span starts there)."""
    rates = list(_RATE_RE.finditer(clause))
    if not rates:
        return None, None
    last = rates[-1]
    unit = match_unit(clause, last.end())
    gap = clause[last.end() :]
    governs = len(gap.split()) <= 8 and not _RATE_GAP_VERB_RE.search(gap)
    if unit:
        start, end = unit.start("unit"), unit.end()
        if " " not in unit.group("unit").strip():  # "tỷ lệ người bệnh hài lòng": "người" alone says little
            end = noun_phrase_end(clause, start, head_end=end) or end
    else:  # an unlisted noun: "tỷ lệ phụ huynh hài lòng … đạt 98,7%"
        start = last.end() + len(clause[last.end() :]) - len(clause[last.end() :].lstrip(" \t"))
        end = noun_phrase_end(clause, last.end()) or start
        if end == start:  # a verb first: "tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 85%"
            for word in _RATE_OBJECT_RE.finditer(clause, last.end(), last.end() + 60):
                found = match_unit(clause, word.end())
                if found:
                    start, end = found.start("unit"), found.end()
                    end = noun_phrase_end(clause, start, head_end=end) or end
                    break
    subsets = list(_RATE_SUBSET_RE.finditer(clause, last.end()))
    if subsets:  # "…, riêng các vụ án rất nghiêm trọng đạt 100%": the rate of that part
        found = match_unit(clause, subsets[-1].end())
        if found:
            start = found.start("unit")
            end = noun_phrase_end(clause, start, head_end=found.end()) or found.end()
    return (normal_unit(clause[start:end]) or None), (last.start() if governs else None)


def _number_candidates(text: str, cues: Cues) -> Iterator[Number]:
    """Numbers that may be counts (not labels, phone numbers, "không" or a lone "một"/"năm").

    The numbers are found in the lower-cased text (``cues``) when lower-casing is exact: the engine
    compares characters without folding their case (a third faster); every group read is a number or
    a spelled number compared in lower case."""
    lex = lexicon()
    lowered = cues.lowered
    found = lex.number_re.finditer(text) if lowered is None else lex.number_lower_re.finditer(lowered)
    for match in found:
        start, end = match.span()
        parse_total = None
        percent: int | float | None = None
        value: int | float | None
        spelled = match.group("spelled")
        if match.group("ratio"):
            if match.group("ratio").replace(" ", "") in lex.never_counts:
                continue
            ratio = numbers_vi.parse_ratio(match.group("ratio"))
            if ratio is None:
                continue
            value, parse_total = ratio
        elif spelled:
            lowered = spelled.lower()
            if lowered == "không":
                continue
            if lowered in ("một", "năm") and not lex.spelled_cue_re.search(text[max(0, start - 30) : start]):
                continue  # a lone "một"/"năm" (the year word) without a counting cue: before parsing
            value = numbers_vi.parse_spelled(spelled)
            if value is None or spelled.split()[0].lower() in numbers_vi.vocabulary()["multipliers"]:
                continue  # "triệu" of "150 triệu đồng" is part of the unit
        else:
            value = numbers_vi.parse_digits(match.group("num"))
            if value is None:
                continue
            digits = match.group("num")
            if len(digits) >= 9 and digits.startswith("0"):
                continue  # a phone number
            if match.group("pct"):
                percent = value
        before = text[max(0, start - 30) : start]
        if percent is None and lex.label_re.search(before) and not lex.label_exception_re.search(before):
            continue
        yield Number(start, end, value, percent, parse_total, bool(spelled))


_YEAR_RE = re.compile(YEAR)
_ACRONYM_BEFORE_RE = re.compile(r"(?<!\w)[A-ZĐ]{2,}[ \t]+$")
_LEADING_BLANKS_RE = re.compile(r"[ \t]*")


def _after_blanks(text: str, position: int) -> int:
    """Where the blanks at ``position`` end, read in place: no copy of the rest of the text (a copy
    per number made the count finder quadratic in a long report)."""
    blanks = _LEADING_BLANKS_RE.match(text, position)
    return blanks.end() if blanks else position


def _generic_unit(text: str, start: int, end: int, *positions: int | None) -> tuple[int | None, int | None]:
    """A unit the lexicon does not list: the noun phrase after the number ("6.218 ca phẫu thuật"),
    unless the number is a label ("số 12 đường …"), a year or a paragraph's section number."""
    lex = lexicon()
    if _YEAR_RE.fullmatch(text[start:end]) or lex.generic.label_re.search(text[max(0, start - 30) : start]):
        return None, None
    if not paragraph_prefix(text, start).strip() or text[max(0, start - 1) : start] in ("“", '"', "'"):
        return None, None  # a section number; a name ("phong trào “4 an toàn”")
    if _ACRONYM_BEFORE_RE.search(text, max(0, start - 20), start):
        return None, None  # "BCĐ 138 tỉnh": part of a name
    for position in positions:
        if position is None:
            continue
        phrase_end = noun_phrase_end(text, position)
        if phrase_end is not None:
            return _after_blanks(text, position), phrase_end
    return None, None


_BRACKETED_RE = re.compile(r"[ \t]*\([ \t]*(?P<inner>[^()\n]{1,40}?)[ \t]*\)")


def _same_number(value: int | float | None, inner: str) -> bool:
    """Whether the bracket after a number repeats it ("bốn mươi hai (42)", "05 (năm)")."""
    return value is not None and numbers_vi.parse_number(inner) == value


def find_counts(
    text: str,
    context: Any = None,
    taken: Sequence[tuple[int, int]] = (),
    sections: Sequence[Heading] | None = None,
) -> list[Evidence]:
    """Every count and zero claim in normalized ``text``, in reading order, linked as the pipeline
    links them (breakdown parents and rate units: :func:`extractor.find.link.link_counts`).

    ``context`` is a :class:`extractor.nlp.FindContext` (only ``doc_type`` is read);
    ``taken`` holds ``(start, end)`` spans already claimed by legal references and dates; ``sections``
    the section headings of ``text`` (``doc._.sections``; found here when not given).
    """
    return link.link_counts(text, _counts(text, context, taken, sections))


def _after_number(
    text: str, end: int, value: int | float | None, *, scalable: bool
) -> tuple[int, str | None, re.Match[str] | None]:
    """What stands between a number and its unit: the number again in brackets ("bốn mươi hai (42)
    cuộc"), a scale word ("2,3 tỷ đồng", when ``scalable``), a comparator ("70% trở lên"). Returns
    where the unit may start, the scale word and the comparator's match."""
    lex = lexicon()
    cursor = end
    scale = None
    bracket = _BRACKETED_RE.match(text, cursor)
    if bracket and _same_number(value, bracket.group("inner")):
        cursor = bracket.end()
    scale_match = lex.scale_re.match(text, cursor) if scalable else None
    if scale_match:
        scale = scale_match.group("scale")
        cursor = scale_match.end()
    after = lex.after_re.match(text, cursor)
    if after:
        cursor = after.end()
    return cursor, scale, after


def _listed_unit_end(text: str, unit_match: re.Match[str], percent: bool) -> int:
    """Where a listed unit ends: over a coordinated list ("100% xã, phường", "22 xã, thị trấn"), the
    noun phrase after a bare classifier ("06/06 đội thuế"), or a one-word unit's modifiers ("03 xã
    biên giới", "05 khẩu súng"; after a listed classifier only a coordination: "nhóm, lớp")."""
    lex = lexicon()
    first_unit = normal_unit(unit_match.group("unit"))
    listed = first_unit in lex.percent_list_units
    coordinated = coordinated_end(text, unit_match.end()) if listed else unit_match.end()
    if (percent and listed) or coordinated > unit_match.end():
        span_end = coordinated
    elif first_unit in lex.classifiers:
        span_end = extend_unit(text, unit_match.end())
    else:
        span_end = unit_match.end()
    if span_end == unit_match.end() and " " not in first_unit and not (percent and listed):
        span_end = (
            noun_phrase_end(
                text,
                unit_match.start("unit"),
                head_end=span_end,
                coordination_only=first_unit in lex.classifiers,
            )
            or span_end
        )
    return span_end


def _span_start(text: str, start: int, comparator: str | None) -> tuple[int, str | None]:
    """Where a count starts and its comparator: a comparator before the number takes it in ("trên
    80%"), and so does a range opener before "… trở lên" ("từ 70% trở lên")."""
    lex = lexicon()
    before = text[max(0, start - 30) : start]
    cmp_before = lex.before_re.search(before)
    if cmp_before:
        return start - (len(before) - cmp_before.start()), numbers_vi.comparator_before(
            cmp_before.group("cmp")
        )
    if comparator == ">=":
        opener = lex.range_open_re.search(before)
        if opener:
            return start - (len(before) - opener.start()), comparator
    return start, comparator


def _counts(
    text: str, context: Any, taken: Sequence[tuple[int, int]], sections: Sequence[Heading] | None
) -> list[Evidence]:
    """The counts and zero claims of ``text``, not yet linked."""
    lex = lexicon()
    doc_type = getattr(context, "doc_type", None)
    taken_spans = sorted(taken)
    parts = report_sections(text, headings(text) if sections is None else sections)
    found: list[Evidence] = []
    cues = Cues(text)
    for start, end, value, percent, total, spelled in _number_candidates(text, cues):
        cursor, scale, after = _after_number(text, end, value, scalable=percent is None and total is None)
        comparator = numbers_vi.comparator_after(after.group("cmp")) if after else None
        skip = lex.skip_re.match(text, cursor)
        unit_match = match_unit(text, skip.end()) if skip else None
        if unit_match is None:
            unit_match = match_unit(text, cursor)
        # The checks that drop a number come before its unit's extent is read (a noun phrase may
        # ask underthesea): inside a date or a reference only a listed ratio keeps its place.
        overlap = first_overlap(taken_spans, start, end)
        if overlap is not None and not (
            total is not None and unit_match and start <= overlap[0] and overlap[1] <= end
        ):
            continue
        if unit_match and unit_match.group("unit")[0].isupper():
            prefix = paragraph_prefix(text, start)
            if not prefix.strip(" \t(-–+•"):
                continue  # "3 Đơn vị …" at a paragraph start is a section number
        generic_start = generic_end = None
        if unit_match is None:
            generic_start, generic_end = _generic_unit(
                text, start, end, skip.end() if skip and percent is not None else None, cursor
            )
        if unit_match is None and generic_end is None and percent is None:
            continue
        unit = None
        span_end = cursor
        if generic_end is not None and generic_start is not None:
            unit = normal_unit(text[generic_start:generic_end])
            span_end = generic_end
        rate_start = None
        if unit_match is None and percent is not None:
            clause = clause_before(text, start)
            unit, rate_offset = _rate(clause)
            if rate_offset is not None:
                rate_start = start - len(clause) + rate_offset
        if unit_match:
            span_end = _listed_unit_end(text, unit_match, percent is not None)
            unit = normal_unit(text[unit_match.start("unit") : span_end])
        span_start, comparator = _span_start(text, start, comparator)
        if rate_start is not None:
            span_start = min(span_start, rate_start)
        modality = modality_at(
            text, start, comparator, after is not None, doc_type, parts, unit, percent is not None
        )
        confidence = 0.9 if (unit in lex.head_units or total is not None) else 0.85
        if unit is None:
            confidence = 0.75
        if spelled:
            confidence -= 0.1
        found.append(
            Evidence(
                kind="count",
                text=text[span_start:span_end],
                start=span_start,
                end=span_end,
                value=count_value(
                    value=value,
                    unit=unit,
                    percent=percent is not None,
                    comparator=comparator,
                    modality=modality,
                    total=total,
                    scale=scale,
                ),
                confidence=confidence,
                extractor=EXTRACTOR,
            )
        )
    found.extend(zero_claims(text, taken_spans, cues))
    found.sort(key=lambda item: (item.start, item.end))
    return found


LEXICONS = {"count_units": "count_units.json", "modality": "modality.json"}


def _doc_counts(doc: Doc) -> list[Evidence]:
    """The counts of ``doc``, skipping spans taken by legal references and dates (linked later)."""
    taken = [(item.start, item.end) for item in doc._.evidence or [] if item.kind in _TAKEN_KINDS]
    return _counts(text_of(doc), doc._.context, taken, doc._.sections)


@Language.factory("minhchung_counts", default_config={"lexicons": LEXICONS})
def make_counts_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component adding counts to ``doc._.evidence``."""
    return finder_component(_doc_counts, lexicons)
