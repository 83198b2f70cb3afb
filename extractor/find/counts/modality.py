"""Whether a count is done or planned: cue words in the clause before it, the document type, and
the report section it stands in ("PHƯƠNG HƯỚNG, NHIỆM VỤ …" plans)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.find.counts.lexicon import lexicon
from extractor.find.patterns import SENTENCE_END_RE
from extractor.structure import Heading

_BOUNDARY_RE = re.compile(r"[.;:!?…](?=\s|$)|\n|\(")


_FULL_STOP_RE = re.compile(r"[.!?…](?=\s|$)|\n")


def clause_before(text: str, position: int, reach: int = 240) -> str:
    """The text of the clause that ends at ``position`` (back to . ; : or a line break)."""
    window_start = max(0, position - reach)
    window = text[window_start:position]
    boundaries = list(_BOUNDARY_RE.finditer(window))
    return window[boundaries[-1].end() :] if boundaries else window


_REGISTERED_RE = re.compile(r"(?<!\w)đăng[ \t]+ký[ \t]+$", re.IGNORECASE)


def sentence_before(text: str, position: int, reach: int = 240) -> str:
    """The sentence up to ``position`` (back to . ! ? or a line break, at most ``reach`` characters)."""
    window_start = max(0, position - reach)
    ends = list(_FULL_STOP_RE.finditer(text, window_start, position))
    return text[ends[-1].end() if ends else window_start : position]


def paragraph_prefix(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start:position]


@dataclass(frozen=True)
class Sections:
    """Where a report's forward-looking sections ("PHƯƠNG HƯỚNG, NHIỆM VỤ …") start and end."""

    starts: list[int]
    is_target: list[bool]

    def target_at(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.is_target[index]


_HEADING_RE = re.compile(r"^[ \t]*(?:[IVXLC]+|[A-Z]|\d{1,2})[.)][ \t]+(?P<title>[^\n]{3,160})$", re.MULTILINE)


def report_sections(text: str, found: Sequence[Heading]) -> Sections:
    """The report's parts and which of them plan, from the section headings found once
    (:func:`extractor.structure.headings`): a numbered heading in capitals names its part
    ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ …"), a numbered line led by a planning word opens a planning part."""
    starts: list[int] = []
    flags: list[bool] = []
    for heading in found:
        match = _HEADING_RE.match(text, heading.start) if heading.marker else None
        if match is None:
            continue
        title = match.group("title")
        letters = list(filter(str.isalpha, title))
        lex = lexicon()
        if not letters:
            continue
        if sum(map(str.isupper, letters)) < 0.8 * len(letters):
            if (
                len(title) <= 100
                and not SENTENCE_END_RE.search(title)
                and lex.target_lead_word_re.match(title)
            ):
                starts.append(match.start())  # "4. Phương hướng 6 tháng cuối năm 2025" on its own line
                flags.append(True)
            continue
        starts.append(match.start())
        flags.append(bool(lex.target_section_re.search(title)) and not lex.actual_section_re.search(title))
    return Sections(starts, flags)


def modality_at(
    text: str,
    position: int,
    comparator: str | None,
    trailing: bool,
    doc_type: str | None,
    sections: Sections,
    unit: str | None = None,
    percent: bool = False,
) -> str:
    """Actual, or target: cues in the clause, then the report section, then the document type.

    ``trailing`` is true when the comparator came after the number ("70% trở lên"), the
    wording of a requirement.
    """
    lex = lexicon()
    clause = clause_before(text, position)
    default = lex.default_modality.get(doc_type or "")
    strong_target = lex.cue_res["strong_target"].search(clause)
    if strong_target and not (default == "actual" and strong_target.group(0).lower() in lex.report_exempt):
        return "target"
    if lex.cue_res["strong_actual"].search(clause):
        return "actual"
    if lex.clause_lead_target_re.match(clause):
        return "target"  # "Đảm bảo 100% cán bộ …": a requirement, even in a report
    if (
        not percent
        and unit in lex.fact_units
        and (
            lex.fact_cue_re.search(text[max(0, position - 30) : position])
            or lex.fact_cue_re.match(clause.lstrip() + " ")
            and len(clause) < 80
        )
    ):
        return "actual"  # "Tổ dân phố số 5 (gồm 286 hộ, …)": a fact, not a goal
    if lex.target_lead_re.match(paragraph_prefix(text, position)):
        return "target"  # "Phương hướng năm 2024: giảm ít nhất 50% …"
    if sections.target_at(position) or default == "target":
        return "target"
    sentence = sentence_before(text, position)
    carried = lex.cue_res["strong_target"].search(sentence)
    if (
        carried
        and carried.group(0).lower() not in lex.report_exempt
        and not _REGISTERED_RE.search(sentence, 0, carried.start())
    ):
        return "target"  # "Năm 2025, Công ty phấn đấu …; 100% người lao động được …": the goal runs on
    has_actual = bool(lex.cue_res["actual"].search(clause))
    if comparator == ">=" and (trailing or default is None) and not has_actual:
        return "target"
    if default is None and lex.cue_res["target"].search(clause):
        return "target"
    return "actual"
