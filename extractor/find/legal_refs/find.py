"""Find citations of legal and administrative documents (``kind: legal_ref``).

Three shapes are recognised:

- a type word with a number/symbol: "Thông tư số 124/2021/TT-BCA", "kế hoạch số: 58/KH-UBND",
  "Chỉ thị số 05-CT/TW", "Kết luận số 44 KL/TW", "Quyết định số 510/QĐ-BCA-V05" (and the
  bare symbols that continue a list: "Quyết định số 295/QĐ-SKHĐT, 296/QĐ-SKHĐT");
- a short form: "Thông tư 124", "Thông tư 23/2012", and abbreviations of well-known acts
  ("TT124", "QĐ510");
- a law cited by name: "Luật Giao thông đường bộ", "Bộ luật Hình sự năm 2015".

The span runs from the type word through the number (the whole name for a law by name); the
issue date and issuer written right after ("ngày 28/12/2021 của Bộ Công an") go into the value.
The document's own number in its header ("Số: 104/KH-UBND") and blank templates
("Số: /UBND-NC") are not references.

Value: ``{"doc_type", "number", "year", "code", "date", "issuer", "key"}`` (+ ``"name"`` for a
law by name): ``doc_type`` the canonical type name ("Thông tư"), ``number`` the ordinal as
written ("124", "05"), ``year`` the year segment of the symbol or null, ``code`` the rest of
the symbol ("TT-BCA", "CT/TW"), ``date`` the ISO issue date, ``issuer`` as written, ``key`` the
canonical symbol shared by every mention ("124/2021/TT-BCA", "44-KL/TW"); an unresolved short
form has the key "<Type> <number>" until :mod:`extractor.find.link` gives it the full one.
Vocabulary lives in ``corpora/lexicons/`` (named laws, well-known acts; document types and issuers, their
``cited`` parts, through :mod:`extractor.lexicons`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor import lexicons
from extractor.find import link
from extractor.find.dates import parse_date_phrase
from extractor.find.legal_refs.issuers import issuer_before, issuer_end
from extractor.find.legal_refs.models import EXTRACTOR, KIND, DocType, Ref
from extractor.find.legal_refs.regexes import (
    capitalized_only,
    doc_types,
    fold_name,
    lead_cues,
    patterns,
    type_of,
    well_known_abbr_numbers,
)
from extractor.find.legal_refs.values import (
    act_name,
    hint_type,
    named_value,
    short_value,
    symbol_value,
)
from extractor.find.overlaps import longest_first
from extractor.find.patterns import YEAR, Cues, fold, scan_from, starts_of
from extractor.models import Evidence
from extractor.nlp import finder_component, text_of


def _typed_refs(text: str, shadowed: str, starts: list[int] | None = None) -> list[Ref]:
    """References written with their type word and symbol; ``starts`` (where a type word stands,
    :func:`_leads`) are the only positions tried, all of them when ``None``."""
    p = patterns()
    refs: list[Ref] = []
    for group, m in enumerate(scan_from(p["typed"], shadowed, starts)):
        doc_type = type_of(m.group("type"))
        if doc_type is None or _is_header_number(m):
            continue
        if m.group("nums"):
            refs.extend(_number_list_refs(m, doc_type, group))
            continue
        value = symbol_value(m, doc_type)
        refs.append(Ref(m.start(), m.end(), doc_type, value, 0.97, group=group))
        # Bare symbols continuing a list: "Quyết định số 295/QĐ-SKHĐT, 296/QĐ-SKHĐT và 297/QĐ-SKHĐT".
        end = m.end()
        while (nxt := p["list_next"].match(shadowed, end)) is not None:
            hint = hint_type(symbol_value(nxt, doc_type))
            item_type = hint if hint is not None and hint is not hint_type(value) else doc_type
            refs.append(
                Ref(nxt.start("num"), nxt.end(), item_type, symbol_value(nxt, item_type), 0.85, group=group)
            )
            end = nxt.end()
    return refs


@dataclass(frozen=True)
class _Leads:
    """Where each whole-text pattern may begin (``None``: at every position). The type names are
    found once; the short-form and law names, a subset of them, are checked only at those places."""

    typed: list[int] | None
    short: list[int] | None
    laws: list[int] | None
    abbreviations: list[int]  # where a well-known act's abbreviation stands ("TT124")


def _leads(shadowed: str, cues: Cues) -> _Leads:
    """The lead positions of the folded text: type names in any case, type abbreviations as written."""
    lowered, cue = cues.lowered, lead_cues()
    named = cues.starts(cue["names"])
    well_known = starts_of(cue["well_known_abbreviations"], shadowed)  # as written: no lower-casing
    if lowered is None or named is None:
        return _Leads(None, None, None, well_known)
    return _Leads(
        typed=sorted({*named, *starts_of(cue["abbreviations"], shadowed)}),
        short=[p for p in named if cue["short_names"].match(lowered, p)],
        laws=[p for p in named if cue["law_names"].match(lowered, p)],
        abbreviations=well_known,
    )


def _number_list_refs(m: re.Match[str], doc_type: DocType, group: int) -> list[Ref]:
    """Bare numbers sharing the code of the last: "các Quyết định số 295, 296, 297/QĐ-SKHĐT"."""
    last = symbol_value(m, doc_type)
    hint = hint_type(last)
    if hint is not None and hint is not doc_type:
        return []  # "Thông tư 124, 144/2021/NĐ-CP": two documents, not one list
    refs: list[Ref] = []
    offset = m.start("nums")
    for index, number in enumerate(re.finditer(r"\d+", m.group("nums"))):
        value = dict(last, number=number.group())
        value["key"] = last["key"].replace(last["number"], number.group(), 1)
        start = m.start() if index == 0 else offset + number.start()
        refs.append(Ref(start, offset + number.end(), doc_type, value, 0.9, group=group))
    refs.append(Ref(m.start("num"), m.end(), doc_type, last, 0.9, group=group))
    return refs


def _is_header_number(match: re.Match[str]) -> bool:
    """ "KẾ HOẠCH Số: 104/KH-UBND" is a heading followed by the document's own number."""
    word = match.group("type")
    return word.isupper() and len(word) > 4 and (match.group("so") or "").startswith(("Số", "SỐ"))


def _short_refs(
    shadowed: str, starts: list[int] | None = None, abbreviations: list[int] | None = None
) -> list[Ref]:
    """Short forms ("Thông tư 124") tried at ``starts``, and the abbreviations of well-known acts
    ("TT124") tried at ``abbreviations`` (all positions when ``None``)."""
    p = patterns()
    refs: list[Ref] = []
    for m in scan_from(p["short"], shadowed, starts):
        doc_type = type_of(m.group("type"))
        number, year = m.group("snum"), m.group("syear")
        if doc_type is None or (year is None and re.fullmatch(YEAR, number)):
            continue
        if doc_type.slug in capitalized_only() and m.group("type")[0].islower():
            continue
        refs.append(Ref(m.start(), m.end(), doc_type, short_value(doc_type, number, year), 0.85))
    for m in scan_from(p["abbr_short"], shadowed, abbreviations):
        abbreviation, number, year = m.group("type"), m.group("snum"), m.group("syear")
        doc_type = type_of(abbreviation)
        if doc_type is None or (abbreviation, number) not in well_known_abbr_numbers():
            continue
        refs.append(Ref(m.start(), m.end(), doc_type, short_value(doc_type, number, year), 0.9))
    return refs


@lexicons.compiled
def _laws_by_name() -> dict[tuple[str, str], dict[str, Any]]:
    laws = lexicons.load("named_laws")["laws"]
    return {(law["type"], fold_name(law["name"])): law for law in laws}


def _named_law_refs(text: str, shadowed: str, starts: list[int] | None = None) -> list[Ref]:
    """Laws cited by name and acts named by their year, tried where a law's type name stands
    (``starts``; every position when ``None``)."""
    refs: list[Ref] = []
    for m in scan_from(patterns()["named_law"], shadowed, starts):
        law_type = type_of(m.group("type"))
        if law_type is None:
            continue
        slug = law_type.slug
        law = _laws_by_name().get((slug, fold_name(m.group("name"))))
        if law is None or (m.group("type")[0].islower() and m.group("name")[0].islower()):
            continue
        doc_type = next(t for t in doc_types() if t.slug == slug)
        written_year = m.group("year")
        version = written_year or law.get("default")
        symbol = m.group("number") or (law["versions"].get(version) if version else None)
        name = f"{doc_type.name} {law['name']}"
        if symbol:
            number, year, code = symbol.split("/")
            value = {
                "doc_type": doc_type.name,
                "number": number,
                "year": int(year),
                "code": code,
                "date": None,
                "issuer": None,
                "key": symbol,
                "name": name,
            }
        else:
            value = {
                "doc_type": doc_type.name,
                "number": None,
                "year": int(written_year) if written_year else None,
                "code": None,
                "date": None,
                "issuer": None,
                "key": name,
                "name": name,
            }
        refs.append(Ref(m.start(), m.end(), doc_type, value, 0.92, extra={"law": law, "year": written_year}))
    for m in scan_from(patterns()["year_named"], shadowed, starts):
        year_type = type_of(m.group("type"))
        if year_type is None:
            continue
        doc_type = year_type
        act = next((a for a in _year_named_acts() if a["type"] == doc_type.slug), None)
        if act is None or m.group("year") not in act["versions"]:
            continue
        key = f"{doc_type.name} {m.group('year')}"
        value = {
            "doc_type": doc_type.name,
            "number": None,
            "year": int(m.group("year")),
            "code": None,
            "date": None,
            "issuer": None,
            "key": key,
            "name": key,
        }
        refs.append(Ref(m.start(), m.end(), doc_type, value, 0.92, attach=False))
    return refs


@lexicons.compiled
def _year_named_acts() -> list[dict[str, Any]]:
    return lexicons.load("named_laws").get("year_named_acts", [])


def _law_version_from_date(ref: Ref) -> None:
    """A law's date right after its name picks the version of that year; a date of another year is
    an event's date, not the law's."""
    law, issued = ref.extra.get("law"), ref.value.get("date")
    if law is None or not issued:
        return
    symbol = law["versions"].get(issued[:4], "missing")
    if ref.extra.get("year") or symbol == "missing":
        if ref.extra.get("year") != issued[:4]:
            ref.value["date"] = None
        ref.value["issuer"] = None if ref.value["date"] is None else ref.value["issuer"]
        return
    if symbol:
        number, year, code = symbol.split("/")
        ref.value.update(number=number, year=int(year), code=code, key=symbol)


def _attach(text: str, shadowed: str, ref: Ref) -> None:
    """Fill ``date`` and ``issuer`` from "ngày 28/12/2021 của Bộ Công an" right after the reference."""
    p = patterns()
    position = ref.end
    dated = p["date_after"].match(shadowed, position)
    if dated:
        issued = parse_date_phrase(dated.group("date"))
        if issued:
            ref.value["date"] = issued.isoformat()
            position = dated.end()
    lead = p["issuer_lead"].match(shadowed, position)
    if not lead:
        ref.value["issuer"] = issuer_before(text, shadowed, ref.start)
        return
    end = issuer_end(shadowed, lead.end())
    if end is None:
        return
    while (joined := p["issuer_and"].match(shadowed, end)) and (more := issuer_end(shadowed, joined.end())):
        end = more  # "của Bộ Công an và Bộ Quốc phòng"
    ref.value["issuer"] = " ".join(text[lead.end() : end].split())
    if ref.value["date"] is None and (dated := p["date_after"].match(shadowed, end)):
        issued = parse_date_phrase(dated.group("date"))  # "của UBND tỉnh ngày 22/02/2023"
        if issued:
            ref.value["date"] = issued.isoformat()


def _unnumbered_refs(
    text: str, shadowed: str, typed_ends: frozenset[int] = frozenset(), cues: Cues | None = None
) -> list[Ref]:
    """Acts cited by name (a congress's resolution, an Đề án with its title) and typed references
    whose number stands apart from the type word, when the symbol's code names that type. ``cues``:
    the folded text's lower-cased form, kept by the caller."""
    p = patterns()
    refs: list[Ref] = []
    cues = cues or Cues(shadowed)
    lowered = cues.lowered if cues.lowered is not None else shadowed.lower()
    scans: list[tuple[re.Pattern[str], list[int] | None]] = []  # most texts have neither cue: no scan
    if "đại hội" in lowered:
        scans.append((p["congress"], None))
    if "“" in lowered:  # a title is tried only where its type word stands
        scans.append((p["titled"], cues.starts(lead_cues()["titled"])))
    for pattern, starts in scans:
        for m in scan_from(pattern, shadowed, starts):
            doc_type = type_of(m.group("type"))
            if doc_type is not None:
                name = act_name(text[m.start() : m.end()])
                refs.append(Ref(m.start(), m.end(), doc_type, named_value(doc_type, name), 0.8))
    for m in scan_from(p["bare_number"], shadowed, cues.starts(lead_cues()["number_word"])):
        if m.end() in typed_ends:
            continue  # "Quyết định số 45/QĐ-UBND": already a typed reference
        ref = _detached_ref(shadowed, m)
        if ref is not None:
            refs.append(ref)
    return refs


_DETACHED_REACH = 200  # characters looked back from "số …" for its type word
_DETACHED_GAP_RE = re.compile(r"[^\s.;:()“”\"\d/]+")
_DETACHED_STOP_RE = re.compile(r"[.;:()“”\"\d/\n]")
_DETACHED_MAX_WORDS = 24


def _detached_ref(shadowed: str, m: re.Match[str]) -> Ref | None:
    """ "Quyết định về việc kiện toàn Ban Chỉ đạo … số 45/QĐ-UBND": the nearest capitalised type
    word before "số" whose type the symbol's code names, with only words between (no digit or
    sentence mark, at most 24)."""
    p = patterns()
    window_start = max(0, m.start() - _DETACHED_REACH)
    stops = list(_DETACHED_STOP_RE.finditer(shadowed, window_start, m.start()))
    if stops:
        window_start = stops[-1].end()
    hinted = hint_type(symbol_value(m, doc_types()[0]))
    if hinted is None:
        return None
    for type_match in reversed(list(p["type_word"].finditer(shadowed, window_start, m.start()))):
        if type_match.group("type")[0].islower() or type_of(type_match.group("type")) is not hinted:
            continue  # "Quyết định phê duyệt kế hoạch kinh phí số 88/QĐ-UBND": passes over "kế hoạch"
        gap = shadowed[type_match.end() : m.start()]
        if (
            not gap.strip()
            or not gap[:1].isspace()
            or len(_DETACHED_GAP_RE.findall(gap)) > _DETACHED_MAX_WORDS
        ):
            return None
        return Ref(type_match.start(), m.end(), hinted, symbol_value(m, hinted), 0.8)
    return None


def find_legal_refs(text: str, context: Any = None) -> list[Evidence]:
    """Every legal/administrative document reference in normalized ``text``, in reading order."""
    shadowed = fold(text)
    cues = Cues(shadowed)
    leads = _leads(shadowed, cues)
    typed = _typed_refs(text, shadowed, leads.typed)
    refs = (
        typed
        + _short_refs(shadowed, leads.short, leads.abbreviations)
        + _named_law_refs(text, shadowed, leads.laws)
        + _unnumbered_refs(text, shadowed, frozenset(ref.end for ref in typed), cues)
    )
    chosen = longest_first(refs, rank=lambda r: (-(r.end - r.start), -r.confidence, r.start))
    for ref in chosen:
        if ref.attach:
            _attach(text, shadowed, ref)
            _law_version_from_date(ref)
    link.share_list_details(chosen)
    evidence: list[Evidence] = []
    for ref in chosen:
        evidence.append(
            Evidence(
                kind=KIND,
                text=text[ref.start : ref.end],
                start=ref.start,
                end=ref.end,
                value=ref.value,
                confidence=ref.confidence,
                extractor=EXTRACTOR,
            )
        )
    return evidence


LEXICONS = {
    "document_types": "document_types.json",
    "issuers": "issuers.json",
    "named_laws": "named_laws.json",
    "well_known_acts": "well_known_acts.json",
}


@Language.factory("minhchung_legal_refs", default_config={"lexicons": LEXICONS})
def make_legal_refs_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component adding every legal reference of ``doc.text`` to ``doc._.evidence``."""
    return finder_component(lambda doc: find_legal_refs(text_of(doc), doc._.context), lexicons)
