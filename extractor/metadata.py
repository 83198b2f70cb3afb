"""Document metadata (the ``document`` object): doc_type, issuer, number, dates, period, subject.

Read from the header block when there is one; otherwise inferred from the title and the body
("Sở Tư pháp báo cáo kết quả…", "Ủy ban nhân dân xã Kon Gang xây dựng Kế hoạch"). Whatever
the text does not support stays ``None``. Vocabulary: ``corpora/document/*.json``; dates and
periods come from :func:`extractor.find_dates.find_dates`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import corpora
from extractor.models import DocumentInfo, RawDocument
from extractor.structure import DocumentStructure

_INTRO_CHARS = 1500  # the opening paragraphs say who reports what for which period


@cache
def _vocabulary() -> tuple[dict, dict, dict]:
    return (corpora.load_json("document", "doc_types.json"), corpora.load_json("document", "issuers.json"),
            corpora.load_json("document", "subjects.json"))


def _doc_type(text: str, structure: DocumentStructure, doc_types: dict) -> str | None:
    if structure.doc_type_heading is not None:
        return structure.doc_type_heading.value
    if structure.title is not None and structure.title.value == "cong_van":
        return "cong_van"
    head = text[:300]
    if doc_types["cong_van_marker"] in head:
        return "cong_van"
    title = (structure.title.text if structure.title else "").lower()
    for kind, phrases in doc_types["title_phrases"].items():
        if any(title.startswith(p) for p in phrases):
            return kind
    lowered = text.lower()
    scores = Counter({kind: sum(lowered.count(p) for p in phrases) for kind, phrases in doc_types["body_phrases"].items()})
    best = scores.most_common(1)
    return best[0][0] if best and best[0][1] else None


def _issuer(text: str, structure: DocumentStructure, issuers: dict) -> str | None:
    if structure.issuer is not None:
        return _titlecase_issuer(structure.issuer.text)
    intro = text[structure.body_start:structure.body_start + _INTRO_CHARS]
    actions = "|".join(re.escape(a) for a in issuers["body_actions"])
    for pattern in issuers["issuer_patterns"]:
        # the unit that acts in the opening ("Sở Tư pháp báo cáo", "UBND xã Kon Gang xây dựng Kế hoạch")
        match = re.search(rf"(?P<who>{pattern})\s*(?:tỉnh [A-ZĐ]\w*(?: [A-ZĐ]\w*)?\s*)?(?:đã\s+)?(?:{actions})",
                          intro)
        if match:
            return match.group("who").strip()
    return None


def _titlecase_issuer(upper: str) -> str:
    """ "UỶ BAN NHÂN DÂN TỈNH SƠN LA" → "Ủy ban nhân dân tỉnh Sơn La" (administrative word case)."""
    words = upper.replace("UỶ", "ỦY").split()
    common = {"ỦY", "BAN", "NHÂN", "DÂN", "TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "THỊ", "TRẤN", "SỞ", "VÀ", "THÀNH", "PHỐ"}
    out: list[str] = []
    for position, word in enumerate(words):
        if word in common:
            out.append(word.capitalize() if position == 0 else word.lower())
        else:
            out.append(word.capitalize())
    return " ".join(out)


def _subject_type(text: str, issuer: str | None, subjects: dict) -> str | None:
    """The unit type the document is about: from the issuer's noun, else from "xây dựng <unit> đạt"."""
    if issuer:
        name = issuer.lower().replace("uỷ", "ủy") + " "
        for kind in ("xa", "co_so_giao_duc", "doanh_nghiep", "khu_dan_cu", "co_quan"):
            if any(name.startswith(noun) for noun in subjects["issuer_nouns"][kind]):
                return kind
    lowered = text.lower()
    counts = Counter({kind: sum(lowered.count(p) for p in phrases)
                      for kind, phrases in subjects["built_phrases"].items()})
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else None


def _dates(text: str, structure: DocumentStructure) -> tuple[str | None, str | None, int | None]:
    """issued_on, period and year."""
    issued_on = structure.place_date.value if structure.place_date is not None else None
    try:
        from extractor.find_dates import find_dates
    except ImportError:  # pragma: no cover - find_dates ships with the project
        return issued_on, None, None
    title = structure.title.text if structure.title else ""
    intro = text[structure.body_start:structure.body_start + _INTRO_CHARS]
    period = None
    for chunk in (title, intro):
        periods = [e.value["iso"] for e in find_dates(chunk) if e.value.get("kind") == "period"
                   and not e.value.get("inferred_year")]
        halves = [p for p in periods if re.fullmatch(r"\d{4}-[HQ]\d", p)]
        if halves or periods:
            period = (halves or periods)[0]
            break
    year = None
    if period:
        year = int(period[:4])
    elif structure.place_date is not None:
        found = re.search(r"\d{4}", structure.place_date.text)
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
    )
