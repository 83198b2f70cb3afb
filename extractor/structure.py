"""The layout of an administrative document in its normalized text (paragraphs split by "\\n").

Header block (cơ quan ban hành, số/ký hiệu, địa danh–ngày tháng, loại văn bản, trích yếu /
"V/v …"), numbered sections (I., 1., 1.1., a), -, +), "Nơi nhận" and the signature block
(KT./TM./Q., chức vụ, người ký). Every part carries a span into the text. Blank template
fields ("Số: /UBND-NC", "ngày tháng năm 2026") are flagged ``blank`` and never filled in.
Vocabulary lives in ``corpora/document/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import corpora


@dataclass
class Field:
    """A piece of the header or signature: its text, span, and whether it is a blank template field."""

    text: str
    start: int
    end: int
    blank: bool = False
    value: str | None = None  # normalized value (number, ISO date, doc_type …)


@dataclass
class Section:
    marker: str  # "I.", "1.", "1.1.", "a)", "-", "+"
    level: int  # 1 Roman, 2 "1.", 3 "1.1.", 4 "a)", 5 "-"/"+"
    title: str  # the marker's line without the marker
    start: int
    end: int


@dataclass
class DocumentStructure:
    issuer: Field | None = None
    number: Field | None = None
    place_date: Field | None = None
    place: str | None = None
    doc_type_heading: Field | None = None
    title: Field | None = None  # trích yếu (the line under the heading, or "V/v …")
    sections: list[Section] = field(default_factory=list)
    recipients: Field | None = None  # "Nơi nhận" block
    signature: Field | None = None
    authority: str | None = None  # "KT.", "TM.", "Q." …
    position: str | None = None  # chức vụ
    signer: str | None = None
    body_start: int = 0


_NUMBER = re.compile(r"^Số\s*:?\s*(?P<value>[^\n]*?)\s*$", re.MULTILINE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d_][^\n,]{0,40}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})?",
    re.MULTILINE,
)
_SECTION = re.compile(
    r"^(?P<marker>(?:[IVX]{1,5}\.)|(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?)|(?:\d{1,2}[.)])|(?:[a-zđ]\))|[-+•])\s+",
    re.MULTILINE,
)
_HEADER_LINES = 14


@cache
def _vocabulary() -> tuple[dict, dict, dict]:
    return (corpora.load_json("document", "doc_types.json"), corpora.load_json("document", "issuers.json"),
            corpora.load_json("document", "signature.json"))


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, offset + len(line), line))
        offset += len(line) + 1
    return out


def _level(marker: str) -> int:
    if marker in "-+•":
        return 5
    if marker.endswith(")") and marker[0].isalpha():
        return 4
    if re.fullmatch(r"[IVX]+\.", marker):
        return 1
    return 2 + marker.rstrip(".)").count(".")


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def parse_structure(text: str) -> DocumentStructure:
    doc_types, issuers, signature = _vocabulary()
    structure = DocumentStructure()
    lines = _lines(text)
    header = lines[:_HEADER_LINES]
    quoc_hieu = {q.lower() for q in issuers["quoc_hieu"]}
    headings = {h: kind for kind, names in doc_types["headings"].items() for h in names}

    body_from = 0
    issuer_lines: list[tuple[int, int, str]] = []
    for index, (start, end, line) in enumerate(header):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.lower() in quoc_hieu:
            continue
        number = _NUMBER.match(stripped)
        if number and structure.number is None:
            value = number.group("value")
            structure.number = Field(stripped, start + line.index(stripped), end, blank=not re.match(r"\d", value),
                                     value=value if re.match(r"\d", value) else None)
            body_from = index + 1
            continue
        place = _PLACE_DATE.match(stripped)
        if place and structure.place_date is None:
            blank = not (place.group("day") and place.group("month") and place.group("year"))
            iso = None if blank else f"{int(place.group('year')):04d}-{int(place.group('month')):02d}-{int(place.group('day')):02d}"
            structure.place_date = Field(place.group(0), start, start + place.end(), blank=blank, value=iso)
            structure.place = place.group("place").strip()
            body_from = index + 1
            continue
        if stripped.upper() in headings and structure.doc_type_heading is None:
            structure.doc_type_heading = Field(stripped, start, end, value=headings[stripped.upper()])
            if index + 1 < len(lines) and lines[index + 1][2].strip():
                t_start, t_end, t_line = lines[index + 1]
                structure.title = Field(t_line.strip(), t_start, t_end)
                body_from = index + 2
            else:
                body_from = index + 1
            continue
        if any(stripped.startswith(p) for p in doc_types["subject_line_prefix"]) and structure.title is None:
            structure.title = Field(stripped, start, end, value="cong_van")
            body_from = index + 1
            continue
        if _is_upper_line(stripped) and structure.doc_type_heading is None and structure.number is None \
                and not _SECTION.match(stripped):
            issuer_lines.append((start, end, stripped))
            body_from = max(body_from, index + 1)
            continue
        if index >= 1 and structure.title is None and structure.doc_type_heading is None and index == body_from:
            break
    if issuer_lines:
        structure.issuer = Field(" ".join(line for _, _, line in issuer_lines), issuer_lines[0][0], issuer_lines[-1][1])
    structure.body_start = lines[body_from][0] if body_from < len(lines) else len(text)
    if structure.title is None and lines and not _SECTION.match(lines[0][2].strip()):
        first = lines[0]
        if first[2].strip() and len(first[2].strip()) < 200:  # seeds without a header open with the title
            structure.title = Field(first[2].strip(), first[0], first[1])

    _find_tail(text, lines, structure, signature)
    _find_sections(text, structure)
    return structure


def _find_tail(text: str, lines: list[tuple[int, int, str]], structure: DocumentStructure, signature: dict) -> None:
    recipients_at = None
    for index, (_start, _end, line) in enumerate(lines):
        if any(line.strip().startswith(h) for h in signature["recipients_heading"]):
            recipients_at = index
    tail_from = recipients_at if recipients_at is not None else max(0, len(lines) - 6)
    positions = sorted(signature["positions"], key=len, reverse=True)
    sig_lines: list[tuple[int, int, str]] = []
    recipient_end = None
    for index in range(tail_from, len(lines)):
        start, end, line = lines[index]
        stripped = line.strip()
        if index == recipients_at or stripped.startswith(("-", "+", "•")) and not sig_lines:
            recipient_end = end
            continue
        authority = next((a for a in signature["authority"] if stripped.startswith(a)), None)
        if authority:
            structure.authority = authority
            sig_lines.append((start, end, stripped))
            continue
        position = next((p for p in positions if stripped.upper().startswith(p) and _is_upper_line(stripped)), None)
        if position and structure.position is None:
            structure.position = stripped
            sig_lines.append((start, end, stripped))
            continue
        if sig_lines and _is_person_name(stripped):
            structure.signer = stripped
            sig_lines.append((start, end, stripped))
        elif not sig_lines and _is_person_name(stripped) and index >= len(lines) - 2:
            structure.signer = stripped  # signer without a position line (seed 6 tháng)
            sig_lines.append((start, end, stripped))
    if recipients_at is not None:
        r_start = lines[recipients_at][0]
        r_end = recipient_end or lines[recipients_at][1]
        structure.recipients = Field(text[r_start:r_end], r_start, r_end)
    if sig_lines:
        structure.signature = Field(text[sig_lines[0][0]:sig_lines[-1][1]], sig_lines[0][0], sig_lines[-1][1])


def _is_person_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w[0].isupper() and w[1:].islower() for w in words if w.isalpha()) \
        and all(w.isalpha() for w in words)


def _find_sections(text: str, structure: DocumentStructure) -> None:
    limit = structure.recipients.start if structure.recipients else (
        structure.signature.start if structure.signature else len(text))
    found: list[Section] = []
    for match in _SECTION.finditer(text, structure.body_start, limit):
        line_end = text.find("\n", match.start())
        line_end = limit if line_end < 0 or line_end > limit else line_end
        marker = match.group("marker")
        found.append(Section(marker, _level(marker), text[match.end():line_end].strip(), match.start(), limit))
    for index, section in enumerate(found):
        for later in found[index + 1:]:
            if later.level <= section.level:
                section.end = later.start - 1 if text[later.start - 1] == "\n" else later.start
                break
    structure.sections = found
