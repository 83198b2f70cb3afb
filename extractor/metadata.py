"""Document metadata (the ``document`` object): doc_type, issuer, number, dates, period, subject.

Read from the header block when there is one; otherwise inferred from the title and the body
("Sở Tư pháp báo cáo kết quả…", "Ủy ban nhân dân xã Kon Gang xây dựng Kế hoạch"). Whatever
the text does not support stays ``None``. Vocabulary: ``corpora/document/*.json`` and, for types and issuers,
:mod:`extractor.lexicons`; dates and
periods come from :func:`extractor.find.dates.find_dates`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import corpora
from extractor import lexicons
from extractor.models import DocumentInfo, RawDocument
from extractor.structure import DocumentStructure

_INTRO_CHARS = 1500  # the opening paragraphs say who reports what for which period


@cache
def _vocabulary() -> tuple[dict, dict, dict]:
    return (
        lexicons.own_document_types(),
        lexicons.heading_issuers(),
        corpora.load_json("document", "subjects.json"),
    )


def _doc_type(text: str, structure: DocumentStructure, doc_types: dict) -> str | None:
    """Heading first; then a "V/v" subject line (công văn); a title line naming the type; what the
    unit does in its opening ("Sở Tư pháp báo cáo kết quả…"); "Kính gửi" (công văn); body phrases."""
    if structure.doc_type_heading is not None:
        return structure.doc_type_heading.value
    if structure.title is not None and structure.title.value == "cong_van":
        return "cong_van"
    title = (structure.title.text if structure.title else "").lower()
    for kind, phrases in doc_types["title_phrases"].items():
        if any(title.startswith(p) for p in phrases):
            return kind
    intro = text[structure.body_start : structure.body_start + _INTRO_CHARS].lower()
    first_action = None
    for kind, phrases in doc_types["intro_actions"].items():
        for phrase in phrases:
            at = intro.find(phrase)
            if at >= 0 and (first_action is None or at < first_action[0]):
                first_action = (at, kind)
    if first_action is not None:
        return first_action[1]
    if doc_types["cong_van_marker"] in text[:600]:
        return "cong_van"
    lowered = text.lower()
    scores = Counter(
        {kind: sum(lowered.count(p) for p in phrases) for kind, phrases in doc_types["body_phrases"].items()}
    )
    best = scores.most_common(1)
    return best[0][0] if best and best[0][1] else None


def _issuer(text: str, structure: DocumentStructure, issuers: dict) -> str | None:
    if structure.issuer_lines:
        return _header_issuer(structure.issuer_lines, issuers)
    intro = text[structure.body_start : structure.body_start + _INTRO_CHARS]
    actions = "|".join(re.escape(a) for a in issuers["body_actions"])
    for pattern in issuers["issuer_patterns"]:
        # the unit that acts in the opening ("Sở Tư pháp tỉnh Lạng Sơn xây dựng kế hoạch")
        match = re.search(rf"(?P<who>{pattern})\s*(?:đã\s+)?(?:{actions})", intro)
        if match:
            return match.group("who").strip()
    return None


def _org_noun(line: str, issuers: dict) -> tuple[str, str] | None:
    """``(noun, style)`` when an upper-case issuer line starts with an organisation noun."""
    folded = " ".join(line.replace("UỶ", "ỦY").split())
    nouns = sorted(
        ((n.replace("UỶ", "ỦY"), style) for style, names in issuers["org_nouns"].items() for n in names),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    return next(((n, style) for n, style in nouns if folded == n or folded.startswith(n + " ")), None)


def _header_issuer(lines: list[str], issuers: dict) -> str:
    """The issuer from the header block: the lowest body named on a line of its own ("UBND TỈNH
    LẠNG SƠN / SỞ TƯ PHÁP" → "Sở Tư pháp tỉnh Lạng Sơn"); a name split over lines is joined
    ("UỶ BAN NHÂN DÂN / TỈNH SƠN LA")."""
    own = max((i for i, line in enumerate(lines) if i > 0 and _org_noun(line, issuers)), default=0)
    name = " ".join(lines[own:])
    noun = _org_noun(name, issuers)
    issuer = _titlecase_issuer(name, noun, issuers)
    if (
        own
        and noun
        and noun[1] == "sentence"
        and not re.search(r"\b(?:TỈNH|THÀNH PHỐ|HUYỆN|KHU VỰC)\b", name)
    ):
        parent = re.search(r"\b(TỈNH|THÀNH PHỐ)\s+(.+)$", " ".join(lines[:own]).replace("UỶ", "ỦY"))
        if parent:  # a Sở under "UBND TỈNH X" is the Sở of province X
            issuer += f" {parent.group(1).lower()} {_proper(parent.group(2).split(), issuers)}"
    return issuer


def _proper(words: list[str], issuers: dict) -> str:
    keep = set(issuers["keep_upper"])
    return " ".join(
        w if w in keep or not w.isalpha() and w.isupper() and len(w) > 1 and "&" in w else w.capitalize()
        for w in words
    )


def _match_phrase(words: list[str], at: int, phrases: list[list[str]]) -> list[str] | None:
    return next((p for p in phrases if words[at : at + len(p)] == p), None)


def _titlecase_issuer(upper: str, noun: tuple[str, str] | None, issuers: dict) -> str:
    """ "UỶ BAN NHÂN DÂN TỈNH SƠN LA" → "Ủy ban nhân dân tỉnh Sơn La"; "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" →
    "Sở Kế hoạch và Đầu tư"; "TRƯỜNG THCS NGUYỄN DU" → "Trường THCS Nguyễn Du"."""
    words = upper.replace("UỶ", "ỦY").split()
    keep = set(issuers["keep_upper"])
    by_length = lambda phrases: sorted((p.split() for p in phrases), key=len, reverse=True)  # noqa: E731
    places, kinds = by_length(issuers["place_nouns"]), by_length(issuers["kind_phrases"])
    noun_words = noun[0].split() if noun else []
    out = [w if w in keep else w.capitalize() if i == 0 else w.lower() for i, w in enumerate(noun_words)]
    # a thôn/bản/ấp noun is itself a place noun: what follows is its proper name
    in_place = noun is not None and noun[0] in issuers["place_nouns"]
    sentence = noun is not None and noun[1] == "sentence" and not in_place
    index, name_start = len(noun_words), True
    while index < len(words):
        word = words[index]
        if word in keep or "&" in word:
            out.append(word)
            index += 1
            name_start = False
            continue
        place = _match_phrase(words, index, places) if index > len(noun_words) or not in_place else None
        if place:
            out.extend(w.lower() for w in place)
            index += len(place)
            in_place, sentence = True, False
            continue
        kind = _match_phrase(words, index, kinds) if not in_place else None
        if kind:  # "TIỂU HỌC", "CỔ PHẦN": a common phrase, first word capitalised
            out.extend(w.capitalize() if i == 0 else w.lower() for i, w in enumerate(kind))
            index += len(kind)
            continue
        out.append(word.capitalize() if not sentence or name_start else word.lower())
        name_start = word == "VÀ"
        if word == "VÀ":
            out[-1] = "và"
        index += 1
    return " ".join(out)


def _subject_type(text: str, issuer: str | None, subjects: dict) -> str | None:
    """The unit type the document is about: from the issuer's noun, else from "xây dựng <unit> đạt".
    Primary schools and kindergartens are outside TT124 (Điều 2.1.b): None."""
    if issuer:
        name = issuer.lower().replace("uỷ", "ủy") + " "
        if any(name.startswith(noun) for noun in subjects["not_subject_nouns"]):
            return None
        for kind in subjects["issuer_order"]:
            if any(name.startswith(noun) for noun in subjects["issuer_nouns"][kind]):
                return kind
    lowered = text.lower()
    counts = Counter(
        {kind: sum(lowered.count(p) for p in phrases) for kind, phrases in subjects["built_phrases"].items()}
    )
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else None


def _period_year(period: str | None) -> int | None:
    """The year of an ISO-like period ("2023", "2023-H1", "2023-Q3"); ``None`` when it has none."""
    found = re.match(r"(\d{4})(?!\d)", period or "")
    return int(found.group(1)) if found else None


def _dates(text: str, structure: DocumentStructure) -> tuple[str | None, str | None, int | None]:
    """issued_on, period and year."""
    issued_on = structure.place_date.value if structure.place_date is not None else None
    from extractor.find.dates import find_dates  # here, not at the top: it loads spaCy

    title = structure.title.text if structure.title else ""
    # the opening paragraphs, up to the first numbered section: a year in "I. MỤC ĐÍCH" is a goal
    intro_end = min(
        [structure.body_start + _INTRO_CHARS] + [s.start for s in structure.sections if s.level <= 2]
    )
    intro = text[structure.body_start : intro_end]
    period = None
    for chunk in (title, intro):
        periods = [
            e.value["iso"]
            for e in find_dates(chunk)
            if e.value.get("kind") == "period" and not e.value.get("inferred_year")
        ]
        halves = [p for p in periods if re.fullmatch(r"\d{4}-[HQ]\d", p)]
        if halves or periods:
            period = (halves or periods)[0]
            break
    year = _period_year(period)  # "2023-H1" → 2023; "--H1" (6 tháng đầu năm, no year written) → None
    if year is None and structure.place_date is not None:
        found = re.search(r"\b\d{4}\b", structure.place_date.text)
        year = int(found.group()) if found else None
    if year is None:
        years = Counter(int(y) for y in re.findall(r"năm (20\d\d)\b", text))
        year = years.most_common(1)[0][0] if years else None
    return issued_on, period, year


def describe(raw: RawDocument, text: str, structure: DocumentStructure) -> DocumentInfo:
    doc_types, issuers, subjects = _vocabulary()
    issuer = _issuer(text, structure, issuers)
    issued_on, period, year = _dates(text, structure)
    number = structure.number.value if structure.number is not None and not structure.number.blank else None
    return DocumentInfo(
        source=raw.source,
        sha256=raw.sha256,
        pages=raw.page_count,
        doc_type=_doc_type(text, structure, doc_types),
        issuer=issuer,
        number=number,
        issued_on=issued_on,
        period=period,
        subject_type=_subject_type(text, issuer, subjects),
        year=year,
        ocr=raw.ocr,
        title=structure.title.text if structure.title is not None else None,
        place=structure.place,
        warnings=list(raw.warnings),
    )
