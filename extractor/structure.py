"""The layout of an administrative document in its normalized text (paragraphs split by "\\n").

Header block (cơ quan ban hành, số/ký hiệu, địa danh–ngày tháng, loại văn bản, trích yếu /
"V/v …"), numbered sections (I., 1., 1.1., a), -, +), "Nơi nhận" and the signature block
(KT./TM./Q., chức vụ, người ký). Every part carries a span into the text. Blank template
fields ("Số: /UBND-NC", "ngày tháng năm 2026") are flagged ``blank`` and never filled in.
Vocabulary lives in ``corpora/document/`` (document types and issuers: :mod:`extractor.lexicons`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import corpora
from extractor import lexicons


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


class Heading(NamedTuple):
    """A line that may open a section: it starts with a section marker, or it is written in capitals.

    Found once per text (:func:`headings`); each reader keeps the ones it needs: the numbered sections
    here, a report's planning parts (:mod:`extractor.find.counts.modality`), a criterion's section ending
    (:mod:`extractor.find.claims`)."""

    start: int  # the line's start
    end: int  # the line's end (its "\n" or the end of the text)
    marker: (
        str | None
    )  # "I.", "1.", "1.1.", "A.", "a)", "-", "+", "•" after the line's blanks; None when none
    capitals: bool  # at least three letters, every one upper case


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
    issuer_lines: list[str] = field(default_factory=list)  # the issuer block line by line (upper case)


_NUMBER = re.compile(r"^Số\s*:?\s*(?P<value>[^\n]*?)\s*$", re.MULTILINE)
# "Hà Nội, ngày 5 tháng 3 năm 2025" (the blank template "ngày tháng năm 2026" too) or the numeric
# "Bắc Ninh, ngày 12/7/2024", "Hà Nội, ngày 05-3-2025", "ngày 05.3.2025".
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d_][^\n,]{0,40}),\s*ngày\s*(?:"
    r"(?P<nday>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<nmonth>\d{1,2})\s*(?P=sep)\s*(?P<nyear>\d{4})\b"
    r"|(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})?)",
    re.MULTILINE,
)
_SECTION = re.compile(
    r"^(?P<marker>(?:[IVX]{1,5}\.)|(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?)|(?:\d{1,2}[.)])|(?:[a-zđ]\))|[-+•])\s+",
    re.MULTILINE,
)
_HEADER_LINES = 24
# What may open a section after a line's blanks: the union of every reader's markers (Roman or
# letter "I." "A)", numbered "1." "1.1", lettered "a)", bullets), each reader matching its own after.
_MARKER = re.compile(
    r"[ \t]*(?P<marker>[IVXLC]+[.)]|[A-ZĐ][.)]|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[a-zđ]\)|[-+•])"
)


def headings(text: str) -> list[Heading]:
    """Every line of ``text`` that starts with a section marker or is written in capitals, in order."""
    found: list[Heading] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        marker = _MARKER.match(line)
        capitals = line.isupper() and _is_upper_line(line)
        if marker or capitals:
            found.append(Heading(start, end, marker.group("marker") if marker else None, capitals))
        start = end + 1
    return found


@cache
def _vocabulary() -> tuple[dict, dict, dict]:
    return (
        lexicons.own_document_types(),
        lexicons.heading_issuers(),
        corpora.load_json("document", "signature.json"),
    )


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


_SEPARATOR = re.compile(r"^[-_=*.–—\s]{3,}$")  # the rule under the issuer or the motto
_FOLD = re.compile(r"[\s\-–—_]+")


def _fold(line: str) -> str:
    """A line compared without case, dashes or spacing ("Độc lập – Tự do – Hạnh phúc")."""
    return _FOLD.sub(" ", line.replace("UỶ", "ỦY").replace("HOÀ", "HÒA")).strip().lower()


def _strip_motto(line: str, quoc_hieu: list[str]) -> str:
    """A two-column header flattened to one line ("UBND TỈNH SƠN LA CỘNG HÒA XÃ HỘI …"): drop the motto."""
    for motto in quoc_hieu:
        at = _fold(line).find(_fold(motto))
        if at > 0:
            words_before = len(_fold(line)[:at].split())
            return " ".join(line.split()[:words_before])
    return line


def _heading_at(line: str, headings: list[tuple[str, str]]) -> tuple[str, str] | None:
    """``(kind, rest)`` when an upper-case line is a document-type heading ("BÁO CÁO", or
    "BÁO CÁO KẾT QUẢ …" with the title on the same line)."""
    if not _is_upper_line(line):
        return None
    folded = " ".join(line.split())
    for heading, kind in headings:
        if folded == heading or folded.startswith(heading + " "):
            return kind, folded[len(heading) :].strip()
    return None


def _place_date_value(found: re.Match[str]) -> tuple[bool, str | None]:
    """``(blank, iso)`` of a place–date line: blank when day, month or year is left empty; ``iso`` is
    ``None`` for a blank or impossible date ("ngày 31/02/2024")."""
    parts = [found.group(name) for name in ("nday", "nmonth", "nyear")]
    if not all(parts):
        parts = [found.group(name) for name in ("day", "month", "year")]
    if not all(parts):
        return True, None
    day, month, year = (int(part) for part in parts)
    try:
        return False, dt.date(year, month, day).isoformat()
    except ValueError:
        return False, None


def parse_structure(text: str) -> DocumentStructure:
    doc_types, issuers, signature = _vocabulary()
    structure = DocumentStructure()
    lines = _lines(text)
    header = lines[:_HEADER_LINES]
    quoc_hieu = {_fold(q) for q in issuers["quoc_hieu"]}
    headings = sorted(
        ((h, kind) for kind, names in doc_types["headings"].items() for h in names),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )

    body_from, skipped = 0, 0
    issuer_lines: list[tuple[int, int, str]] = []
    for index, (start, end, line) in enumerate(header):
        stripped = _strip_motto(line.strip(), issuers["quoc_hieu"])
        if not stripped or _SEPARATOR.match(stripped) or _fold(stripped) in quoc_hieu:
            continue
        if len(stripped) > 200 or (_SECTION.match(stripped) and not _is_upper_line(stripped)):
            break  # the body has begun
        number = _NUMBER.match(stripped)
        if number and structure.number is None:
            value = number.group("value").split(" ")[0] if number.group("value") else ""
            filled = bool(re.match(r"\d", value))
            value_end = (
                start + line.index(stripped) + len(stripped.split(value)[0]) + len(value) if filled else end
            )
            structure.number = Field(
                text[start + line.index(stripped) : value_end].strip(),
                start + line.index(stripped),
                value_end,
                blank=not filled,
                value=value if filled else None,
            )
            body_from = index + 1
            if "ngày" not in stripped:
                continue
        place = _PLACE_DATE.search(stripped) if "ngày" in stripped else None
        if place and structure.place_date is None and (place.start() == 0 or number):
            blank, iso = _place_date_value(place)
            offset = start + line.index(stripped)
            structure.place_date = Field(
                place.group(0), offset + place.start(), offset + place.end(), blank=blank, value=iso
            )
            structure.place = place.group("place").strip()
            body_from = index + 1
            continue
        if number:
            continue
        heading = _heading_at(stripped, headings) if structure.doc_type_heading is None else None
        if heading is not None:
            kind, rest = heading
            structure.doc_type_heading = Field(stripped, start, end, value=kind)
            title_lines = [(start + line.index(rest), end)] if rest else []
            follow = index + 1
            # the trích yếu: the next line(s) up to the rule or the body ("Về việc …", "Xây dựng …")
            while follow < len(lines) and len(title_lines) < 3:
                t_start, t_end, t_line = lines[follow]
                t_stripped = t_line.strip()
                if (
                    not t_stripped
                    or _SEPARATOR.match(t_stripped)
                    or t_stripped.startswith(tuple(doc_types["body_openings"]))
                    or _SECTION.match(t_stripped)
                    or len(t_stripped) > 200
                ):
                    break
                if title_lines and not (
                    _is_upper_line(t_stripped)
                    or t_stripped[0].islower()
                    or t_stripped.startswith(("năm ", "Năm ", "("))
                    or rest
                ):
                    break
                title_lines.append((t_start + t_line.index(t_stripped), t_end))
                follow += 1
                if not rest and not _is_upper_line(t_stripped):
                    break
            if title_lines:
                structure.title = Field(
                    text[title_lines[0][0] : title_lines[-1][1]].replace("\n", " "),
                    title_lines[0][0],
                    title_lines[-1][1],
                )
            body_from = max(body_from, follow)
            break
        if any(stripped.startswith(p) for p in doc_types["subject_line_prefix"]) and structure.title is None:
            structure.title = Field(stripped, start, end, value="cong_van")
            body_from = index + 1
            continue
        if (
            _is_upper_line(stripped)
            and structure.doc_type_heading is None
            and structure.number is None
            and structure.place_date is None
        ):
            issuer_lines.append(
                (start + line.index(stripped), start + line.index(stripped) + len(stripped), stripped)
            )
            body_from = max(body_from, index + 1)
            continue
        if structure.title is not None or structure.number is not None or structure.place_date is not None:
            if not _is_upper_line(stripped):
                break
            continue
        if index >= 1 and (len(stripped) > 100 or skipped >= 2):
            break
        skipped += 1  # an address or sub-line of the issuer block ("KCN Quế Võ, tỉnh Bắc Ninh")
    if issuer_lines:
        structure.issuer = Field(
            " ".join(line for _, _, line in issuer_lines), issuer_lines[0][0], issuer_lines[-1][1]
        )
        structure.issuer_lines = [line for _, _, line in issuer_lines]
    structure.body_start = lines[body_from][0] if body_from < len(lines) else len(text)
    if structure.title is None and lines and not _SECTION.match(lines[0][2].strip()):
        first = lines[0]
        if first[2].strip() and len(first[2].strip()) < 200:  # seeds without a header open with the title
            structure.title = Field(first[2].strip(), first[0], first[1])

    _find_tail(text, lines, structure, signature)
    _find_sections(text, structure)
    return structure


def _find_tail(
    text: str, lines: list[tuple[int, int, str]], structure: DocumentStructure, signature: dict
) -> None:
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
        position = next(
            (p for p in positions if stripped.upper().startswith(p) and _is_upper_line(stripped)), None
        )
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
        structure.signature = Field(
            text[sig_lines[0][0] : sig_lines[-1][1]], sig_lines[0][0], sig_lines[-1][1]
        )


def _is_person_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 5
        and all(w[0].isupper() and w[1:].islower() for w in words if w.isalpha())
        and all(w.isalpha() for w in words)
    )


def _find_sections(text: str, structure: DocumentStructure) -> None:
    limit = (
        structure.recipients.start
        if structure.recipients
        else (structure.signature.start if structure.signature else len(text))
    )
    found: list[Section] = []
    matches = (
        _SECTION.match(text, h.start, limit)
        for h in headings(text)
        if h.marker and structure.body_start <= h.start < limit
    )
    for match in filter(None, matches):
        line_end = text.find("\n", match.start())
        line_end = limit if line_end < 0 or line_end > limit else line_end
        marker = match.group("marker")
        found.append(
            Section(marker, _level(marker), text[match.end() : line_end].strip(), match.start(), limit)
        )
    for index, section in enumerate(found):
        for later in found[index + 1 :]:
            if later.level <= section.level:
                section.end = later.start - 1 if text[later.start - 1] == "\n" else later.start
                break
    structure.sections = found
