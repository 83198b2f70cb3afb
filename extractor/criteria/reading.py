"""Read a document once for what it is, before any criterion is assessed.

A :class:`Reading` says whether the document reports results, plans, guides other units, records a
recognition or is a news text; which kind of unit it is about (from its header, else proposed from its
words); its year; and, offset by offset, whether a statement stands in a results part or in a part that
plans the next period. Every later step — the sentence status rules, the per-criterion decision, the
scorecard — reads this one answer. The rules are data: ``corpora/document/reading.json`` and the section
headings of ``corpora/tt124/status_cues.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from corpora import load_json
from extractor.criteria import catalogue
from extractor.criteria.cues import CueList
from extractor.models import DocumentInfo

PROMISE_READINGS = frozenset({"plan", "guidance"})
HEADING_MAX_CHARS = 90
_TITLE_WINDOW = 600


@cache
def _rules() -> dict[str, Any]:
    data = load_json("document", "reading.json")
    return {
        "by_doc_type": {
            doc_type: reading for reading, types in data["doc_types"].items() for doc_type in types
        },
        "titles": [
            (item["reading"], [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in item["patterns"]])
            for item in data["title_overrides"]
        ],
        "body": {
            kind: CueList(
                re.compile(p, re.IGNORECASE if not p.endswith("[A-ZĐÀ-Ỵ]") else 0) for p in patterns
            )
            for kind, patterns in data["subject_body_cues"].items()
        },
        "lead": float(data["subject_lead"]),
        "header_marks": [re.compile(p, re.MULTILINE) for p in data["header_marks"]],
        "header_window": int(data["header_window"]),
        "other_subjects": {kind: tuple(cues) for kind, cues in data["other_subject_cues"].items()},
        # a cue list: a line without the words of any heading is not searched
        "plan_headings": CueList(re.compile(p, re.IGNORECASE) for p in data["report_plan_headings"]),
        "title_subjects": {
            kind: [re.compile(p, re.IGNORECASE) for p in patterns]
            for kind, patterns in data["subject_title_cues"].items()
        },
    }


@dataclass(frozen=True)
class Reading:
    """What a document is, for the criteria: its kind, unit, year and the context of each offset."""

    kind: str  # report | plan | guidance | recognition | news
    subject_type: str | None
    subject_from: str  # header | body | given | none
    year: int | None
    plan_parts: tuple[tuple[int, int], ...] = field(default_factory=tuple)  # [start, end) spans that plan

    @property
    def promises(self) -> bool:
        """Is every statement of the document a promise (a plan, a registration, guidance to others)?"""
        return self.kind in PROMISE_READINGS

    def context_at(self, offset: int) -> str:
        """``plan`` or ``result``: how a statement starting at ``offset`` is read."""
        if self.promises:
            return "plan"
        index = bisect_right(self._plan_starts, offset) - 1
        if index >= 0 and offset < self.plan_parts[index][1]:
            return "plan"
        return "result"

    @cached_property
    def _plan_starts(self) -> list[int]:
        """The starts of ``plan_parts``, listed once (``context_at`` runs for every sentence)."""
        return [start for start, _ in self.plan_parts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject_type": self.subject_type,
            "subject_from": self.subject_from,
            "year": self.year,
            "plan_parts": [list(part) for part in self.plan_parts],
        }


def other_subject_cues() -> dict[str, tuple[str, ...]]:
    """Words by which a sentence addresses another kind of unit than its document's ("đối với cơ quan")."""
    return _rules()["other_subjects"]


def kind_for_doc_type(doc_type: str | None) -> str:
    """The reading a document type implies on its own (a report when the type says nothing)."""
    return _rules()["by_doc_type"].get(doc_type or "", "report")


def kind_of(document: DocumentInfo, text: str) -> str:
    """report | plan | guidance | recognition | news, from the title or subject line, else the type."""
    rules = _rules()
    title = " ".join(
        part for part in (document.title or "", text[:_TITLE_WINDOW] if not document.title else "") if part
    )
    for reading, patterns in rules["titles"]:
        if any(pattern.search(title) for pattern in patterns):
            return reading
    opening = text[: rules["header_window"]]
    if document.title and not any(pattern.search(opening) for pattern in rules["header_marks"]):
        return "news"  # a headline and a body, no official header
    return kind_for_doc_type(document.doc_type)


def subject_from_body(text: str) -> str | None:
    """The kind of unit a text without a header speaks of most, when it is clearly ahead of the next."""
    rules = _rules()
    scores = sorted(
        (
            (sum(len(pattern.findall(text)) for pattern in patterns.possible(text)), kind)
            for kind, patterns in rules["body"].items()
        ),
        reverse=True,
    )
    (best, kind), (second, _) = scores[0], scores[1]
    if best >= 2 and best >= rules["lead"] * second:
        return kind
    return None


def subjects_in_title(title: str | None) -> set[str]:
    """The kinds of unit a title says are being built ("… xây dựng khu dân cư “An toàn …”")."""
    if not title:
        return set()
    return {
        kind
        for kind, patterns in _rules()["title_subjects"].items()
        if any(pattern.search(title) for pattern in patterns)
    }


def is_report_plan_heading(heading: str) -> bool:
    """Does a heading of a report open the part that plans the next period?"""
    return _rules()["plan_headings"].found_in(heading)


def plan_parts(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a report that plan the next period: from a "PHƯƠNG HƯỚNG, NHIỆM VỤ…" heading to the next
    results heading (or the end)."""
    from extractor.criteria import sections

    parts: list[tuple[int, int]] = []
    open_at: int | None = None
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if (
            stripped
            and len(stripped) < HEADING_MAX_CHARS
            and (stripped.isupper() or not stripped.endswith((".", ";", ",")))
        ):
            if is_report_plan_heading(stripped) and open_at is None:
                open_at = offset
            elif sections.is_result_section(stripped) and open_at is not None:
                parts.append((open_at, offset))
                open_at = None
        offset += len(line) + 1
    if open_at is not None:
        parts.append((open_at, len(text)))
    return tuple(parts)


def read(document: DocumentInfo, text: str) -> Reading:
    """The one reading of ``document`` every criterion step uses."""
    kind = kind_of(document, text)
    titled = subjects_in_title(document.title)
    header = catalogue.normalize_subject(document.subject_type)
    subject: str | None
    if len(titled) == 1 and header not in titled and {*titled, header} != {"co_quan", "doanh_nghiep"}:
        subject, subject_from = titled.pop(), "title"
    elif kind == "news" and (body := subject_from_body(text)) is not None:
        # a news text has no header: what metadata took for its issuer is one body mention ("Công an
        # huyện …" reporting on a commune), so the kind of unit the text speaks of most comes first
        subject, subject_from = body, "body"
    else:
        subject, subject_from = header, "header" if header else "none"
    if subject is None:
        subject = subject_from_body(text)
        subject_from = "body" if subject else "none"
    parts = () if kind in PROMISE_READINGS else plan_parts(text)
    year = document.year if kind != "news" else (year_from_text(text) or document.year)
    return Reading(kind=kind, subject_type=subject, subject_from=subject_from, year=year, plan_parts=parts)


_DATED_YEAR = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d{2})\b")
_NAMED_YEAR = re.compile(r"\bnăm ((?:19|20)\d{2})\b")


def year_from_text(text: str) -> int | None:
    """The year a text without a header speaks of: the most frequent year of its full dates (latest on a
    tie), else of its "năm YYYY" — never the year in a law's name ("Bộ luật Lao động 2019")."""
    for pattern in (_DATED_YEAR, _NAMED_YEAR):
        years = [int(found.group(1)) for found in pattern.finditer(text)]
        if years:
            return max(set(years), key=lambda year: (years.count(year), year))
    return None
