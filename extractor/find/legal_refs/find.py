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
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import corpora
from extractor import lexicons
from extractor.find.dates import parse_date_phrase
from extractor.models import Evidence

EXTRACTOR = "legal_refs"
KIND = "legal_ref"

# Same-length substitutions so that patterns see one spelling; offsets stay valid.
_SHADOW = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_TONE_PAIRS = (
    ("uỷ", "ủy"),
    ("uý", "úy"),
    ("uỳ", "ùy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("Uỷ", "Ủy"),
    ("Oà", "Òa"),
)
_TONE = re.compile("[uUoO][ỷýỳỹỵàáảãạèéẻẽẹ]")  # a superset of the pairs' first spellings: one class, fast
_TONE_MAP = dict(_TONE_PAIRS)

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_JOIN = r"(?:[ \t]*\n\s*)?"  # a line break right after "-" or "/" inside a symbol
_SLASH = r"[^\S\n]{0,2}/(?:[ \t]*\n\s*|[^\S\n]{0,2})"  # "/", "/ " or " / " ("48 / KH-UBND")
_TOKEN = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_CODE = rf"{_TOKEN}(?:-{_JOIN}{_TOKEN})*(?:[ ](?=[A-Z]\d{{1,3}}\b)[A-Z]\d{{1,3}})?"
# number/year/code | number/code | number-CODE/ORG ("05-CT/TW", "44 KL/TW")
_SYMBOL = (
    rf"(?P<num>\d{{1,5}})(?:"
    rf"{_SLASH}(?P<year>(?:19|20)\d{{2}}){_SLASH}(?P<code_a>{_CODE})"
    rf"|{_SLASH}(?P<code_b>{_CODE})"
    rf"|(?:-{_JOIN}|[ ])(?P<code_c>{_TOKEN}{_SLASH}{_CODE})"
    rf")(?![\w/])"
)
_SHORT = r"(?P<snum>\d{1,4})(?:/(?P<syear>(?:19|20)\d{2}))?(?![\w/]|-\w|\s*[-/]\s*[A-ZĐ])"
_NUMBER_PREFIX = r"(?:[^\S\n]+(?P<so>(?i:số\s*hiệu|số))[^\S\n]*:?)?[^\S\n]*"


@dataclass(frozen=True)
class DocType:
    """One document type of the lexicon."""

    slug: str
    name: str  # canonical ("Thông tư")
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    hints: tuple[str, ...]


@dataclass
class _Ref:
    start: int
    end: int
    doc_type: DocType
    value: dict[str, Any]
    confidence: float
    attach: bool = True  # look for a date and issuer after it
    extra: dict[str, Any] = field(default_factory=dict)
    group: int | None = None  # members of one list share the date and issuer written after the last


def shadow(text: str) -> str:
    """``text`` with dashes, spaces and tone placement unified; same length, same offsets."""
    return _TONE.sub(lambda m: _TONE_MAP.get(m.group(), m.group()), text.translate(_SHADOW))


def _phrase_regex(phrase: str) -> str:
    """A tolerant regex for a lexicon phrase: flexible spaces, optional commas, one tone spelling."""
    words = shadow(phrase).replace(",", " , ").split()
    parts: list[str] = []
    for word in words:
        if word == ",":
            parts.append(r",?")
        else:
            parts.append(re.escape(word))
    regex = ""
    for part in parts:
        if part == r",?":
            regex += r",?"
        else:
            regex += (r"\s+" if regex else "") + part
    return regex.replace(r",?\s+", r",?\s*")


@cache
def doc_types() -> tuple[DocType, ...]:
    data = lexicons.cited_document_types()
    return tuple(
        DocType(
            slug=item["slug"],
            name=item["names"][0],
            names=tuple(item["names"]),
            abbreviations=tuple(item["abbreviations"]),
            hints=tuple(item["symbol_hints"]),
        )
        for item in data["types"]
    )


@cache
def _type_by_word() -> dict[str, DocType]:
    table: dict[str, DocType] = {}
    for doc_type in doc_types():
        for name in doc_type.names:
            table[" ".join(shadow(name).lower().split())] = doc_type
        for abbreviation in doc_type.abbreviations:
            table[abbreviation] = doc_type
    return table


@cache
def _type_by_hint() -> dict[str, DocType]:
    return {hint: doc_type for doc_type in doc_types() for hint in doc_type.hints}


@cache
def _capitalized_only() -> frozenset[str]:
    return frozenset(
        lexicons.cited_document_types()["short_form_capitalized_only"]
    )


@cache
def _well_known() -> list[dict[str, Any]]:
    return corpora.load_json("lexicons", "well_known_acts.json")["acts"]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lexicons.cited_document_types()
    names = sorted({n for t in doc_types() for n in t.names}, key=len, reverse=True)
    type_words = "|".join(_phrase_regex(n) for n in names)
    short_types = {t for t in doc_types() if t.slug in set(data["short_form_types"])}
    short_words = "|".join(
        _phrase_regex(n) for n in sorted({n for t in short_types for n in t.names}, key=len, reverse=True)
    )
    not_before = "|".join(_phrase_regex(w) for w in data["short_form_not_before"])
    abbreviations = "|".join(sorted({a for t in doc_types() for a in t.abbreviations}, key=len, reverse=True))
    well_known_abbr = sorted(
        {_abbr_short_form(f)[0] for act in _well_known() for f in act["short_forms"] if _abbr_short_form(f)},
        key=len,
        reverse=True,
    )
    named = corpora.load_json("lexicons", "named_laws.json")
    laws = named["laws"]
    law_names = "|".join(
        _phrase_regex(law["name"]) for law in sorted(laws, key=lambda x: len(x["name"]), reverse=True)
    )
    law_types = "|".join(
        _phrase_regex(n)
        for n in sorted(
            {n for t in doc_types() if t.slug in {law["type"] for law in laws} for n in t.names},
            key=len,
            reverse=True,
        )
    )
    year_acts = named.get("year_named_acts", [])
    year_act_types = (
        "|".join(_phrase_regex(t.name) for t in doc_types() if t.slug in {act["type"] for act in year_acts})
        or "(?!)"
    )
    year_act_words = (
        "|".join(_phrase_regex(act["optional_words"]) for act in year_acts if act.get("optional_words"))
        or "(?!)"
    )
    # A cheap first-letter test lets the engine skip most positions before the costly alternation.
    initials = "".join(
        sorted({c for t in doc_types() for n in t.names + t.abbreviations for c in n[0] + n[0].lower()})
    )
    modifiers = "|".join(
        _phrase_regex(w) for w in sorted(data.get("type_modifiers", []), key=len, reverse=True)
    )
    type_start = (
        rf"(?=[{initials}])(?:(?<![\w])|(?<=[{_LOWER}])(?=[A-ZĐ]))"
        rf"(?P<type>(?i:{type_words})|{abbreviations})"
        rf"(?:[^\S\n]+(?i:{modifiers or '(?!)'})(?=[^\S\n]+(?i:số)))?{_NUMBER_PREFIX}"
    )
    separator = r"[^\S\n]*(?:,|và)[^\S\n]*"
    flags = re.UNICODE
    return {
        # "Quyết định số 295/QĐ-SKHĐT", or bare numbers sharing the last one's code ("số 295, 296, 297/QĐ-SKHĐT")
        "typed": re.compile(
            rf"{type_start}(?:(?P<nums>\d{{1,5}}(?:{separator}\d{{1,5}})*){separator})?{_SYMBOL}", flags
        ),
        "short": re.compile(
            rf"(?=[{initials}])(?<![\w])(?P<type>(?i:{short_words})){_NUMBER_PREFIX}{_SHORT}(?!\s*(?i:{not_before})(?!\w)(?!\s+\d))",
            flags,
        ),
        "abbr_short": re.compile(
            rf"(?<![\w])(?P<type>{'|'.join(well_known_abbr) or 'TT'})\s?{_SHORT}", flags
        ),
        "named_law": re.compile(
            rf"(?<![\w])(?<![Pp]háp\s)(?<![Kk]ỷ\s)(?P<type>(?i:{law_types}))\s+(?P<name>(?i:{law_names}))(?![\w])"
            rf"(?:\s+(?:(?i:năm)\s+)?(?P<year>(?:19|20)\d{{2}})(?![\w/]))?"
            rf"(?:\s+(?i:số)\s+(?P<number>\d{{1,3}}/(?:19|20)\d{{2}}/QH\d{{1,2}}))?",
            flags,
        ),
        "year_named": re.compile(
            rf"(?<![\w])(?P<type>{year_act_types})(?:\s+(?i:{year_act_words}))?"
            rf"\s+(?:(?i:năm)\s+)?(?P<year>(?:17|18|19|20)\d{{2}})(?![\w/])",
            flags,
        ),
        "list_next": re.compile(rf"\s*(?:,|;|và|(?i:và\s+số)|,\s*số)\s*{_SYMBOL}", flags),
        "date_after": re.compile(
            r"\s*,?\s*(?:\(?\s*)?(?i:ban\s+hành\s+)?(?i:ngày)\s+"
            r"(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{1,2}\s+(?i:tháng)\s+\d{1,2}\s+(?i:năm)\s+\d{4})(?![\d/])",
        ),
        "issuer_lead": re.compile(r"\s*,?\s*(?i:của|cuả|do)\s+"),
        "issuer_head": re.compile(rf"(?i:{_issuer_heads()})(?![\w])"),
        "issuer_and": re.compile(r"\s+(?i:và)\s+"),
        "issuer_body": re.compile(rf"[^\S\n]+(?P<body>{_issuer_bodies()})(?![\w])"),
        "issuer_subject": re.compile(rf"[^\S\n]+(?:(?i:{_subject_verbs()})[^\S\n]+)+$"),
        "name_word": re.compile(r"(?P<comma>[^\S\n]*,)?[^\S\n]+(?P<word>[^\s,;:.()“”\"'/]+)"),
        "word": re.compile(r"\s+([^\s,;:.()“”\"'/]+)"),
        "roman": re.compile(r"[IVXLC]+"),
        **_unnumbered_patterns(),
        "type_word": re.compile(rf"(?=[{initials}])(?<![\w])(?P<type>(?i:{type_words}))(?![\w])"),
    }


def _unnumbered_patterns() -> dict[str, re.Pattern[str]]:
    """Acts cited by name, and a number standing apart from its type word."""
    acts = lexicons.cited_document_types()["unnumbered_acts"]
    congress_types = "|".join(_phrase_regex(t) for t in acts["congress_types"])
    bodies = "|".join(_phrase_regex(b) for b in sorted(acts["congress_bodies"], key=len, reverse=True))
    titled = "|".join(_phrase_regex(t) for t in acts["titled_types"])
    return {
        # "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII"
        "congress": re.compile(
            rf"(?=[Nn])(?<![\w])(?P<type>(?i:{congress_types}))[^\S\n]+(?i:đại[^\S\n]+hội)[^\S\n]+(?i:{bodies})"
            rf"(?:[^\S\n]+[^\s,.;:()“”\"\d]+){{0,6}}?[^\S\n]+(?i:lần[^\S\n]+thứ)[^\S\n]+(?P<ord>[IVXLC]+|\d{{1,2}})(?![\w])"
        ),
        # Đề án “Xây dựng làng an toàn, khu dân cư an toàn …”
        "titled": re.compile(rf"(?=[ĐđDd])(?<![\w])(?P<type>(?i:{titled}))[^\S\n]+“(?P<title>[^”\n]{{5,240}})”"),
        # "… số 45/QĐ-UBND" not right after a type word: the type is looked for before it
        "bare_number": re.compile(rf"(?=[sS])(?<![\w])(?i:số)[^\S\n]*:?[^\S\n]*{_SYMBOL}"),
    }


def _abbr_short_form(form: str) -> tuple[str, str] | None:
    """("TT", "124") for an abbreviated short form such as "TT124" / "QĐ 510"; else None."""
    match = re.fullmatch(r"([A-ZĐ]{2,4})\s?(\d{1,4})(?:/\d{4})?", form)
    return (match.group(1), match.group(2)) if match else None


@cache
def _well_known_abbr_numbers() -> frozenset[tuple[str, str]]:
    return frozenset(
        pair for act in _well_known() for f in act["short_forms"] if (pair := _abbr_short_form(f))
    )


@cache
def _issuer_lexicon() -> dict[str, Any]:
    return lexicons.cited_issuers()


@cache
def _issuer_bodies() -> str:
    """Named bodies that may follow a party head ("Đảng bộ Sở …"): the bodies and the upper-case heads."""
    data = _issuer_lexicon()
    heads = [h for h in data["heads"] if h[:1].isupper() and h not in data["named_heads_need_proper_name"]]
    phrases = sorted(set(data["bodies"]) | set(heads), key=len, reverse=True)
    return "|".join(_phrase_regex(p) for p in phrases)


@cache
def _subject_verbs() -> str:
    words = _issuer_lexicon().get("subject_verbs", [])
    return "|".join(_phrase_regex(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def _issuer_heads() -> str:
    data = _issuer_lexicon()
    phrases = sorted(set(data["heads"]) | set(data["bodies"]), key=len, reverse=True)
    return "|".join(_phrase_regex(p) for p in phrases)


# --------------------------------------------------------------------------- values


@cache
def _ascii_folds() -> dict[str, str]:
    return lexicons.cited_document_types().get("symbol_ascii_folds", {})


def canonical_symbol(symbol: str) -> str:
    """The canonical key of a symbol: no spaces or line breaks, "44 KL/TW" → "44-KL/TW", "QD" → "QĐ"."""
    s = shadow(symbol)
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    s = re.sub(r"^(\d+)\s+", r"\1-", s)
    s = re.sub(r"\s+", "-", s.strip())
    folds = _ascii_folds()
    return "".join(folds.get(part, part) for part in re.split(r"([/-])", s))


def _symbol_value(match: re.Match[str], doc_type: DocType) -> dict[str, Any]:
    num = match.group("num")
    if match.group("code_a"):
        year: int | None = int(match.group("year"))
        code = canonical_symbol(match.group("code_a"))
        key = f"{num}/{year}/{code}"
    elif match.group("code_b"):
        year, code = None, canonical_symbol(match.group("code_b"))
        key = f"{num}/{code}"
    else:
        year, code = None, canonical_symbol(match.group("code_c"))
        key = f"{num}-{code}"
    return {
        "doc_type": doc_type.name,
        "number": num,
        "year": year,
        "code": code,
        "date": None,
        "issuer": None,
        "key": key,
    }


def _hint_type(value: dict[str, Any]) -> DocType | None:
    """The type a symbol's code names ("KH-UBND" → Kế hoạch, "CT/TW" → Chỉ thị)."""
    first = re.split(r"[-/]", value["code"])[0]
    return _type_by_hint().get(first)


def short_key(doc_type_name: str, number: str, year: int | None) -> str:
    """Key of an unresolved short form: "Thông tư 124", "Thông tư 23/2012"."""
    return f"{doc_type_name} {number}" + (f"/{year}" if year else "")


def _type_of(word: str) -> DocType | None:
    return _type_by_word().get(word) or _type_by_word().get(" ".join(shadow(word).lower().split()))


# --------------------------------------------------------------------------- finders


def _typed_refs(text: str, shadowed: str) -> list[_Ref]:
    p = _patterns()
    refs: list[_Ref] = []
    for group, m in enumerate(p["typed"].finditer(shadowed)):
        doc_type = _type_of(m.group("type"))
        if doc_type is None or _is_header_number(m):
            continue
        if m.group("nums"):
            refs.extend(_number_list_refs(m, doc_type, group))
            continue
        value = _symbol_value(m, doc_type)
        refs.append(_Ref(m.start(), m.end(), doc_type, value, 0.97, group=group))
        # Bare symbols continuing a list: "Quyết định số 295/QĐ-SKHĐT, 296/QĐ-SKHĐT và 297/QĐ-SKHĐT".
        end = m.end()
        while (nxt := p["list_next"].match(shadowed, end)) is not None:
            hint = _hint_type(_symbol_value(nxt, doc_type))
            item_type = hint if hint is not None and hint is not _hint_type(value) else doc_type
            refs.append(
                _Ref(nxt.start("num"), nxt.end(), item_type, _symbol_value(nxt, item_type), 0.85, group=group)
            )
            end = nxt.end()
    return refs


def _number_list_refs(m: re.Match[str], doc_type: DocType, group: int) -> list[_Ref]:
    """Bare numbers sharing the code of the last: "các Quyết định số 295, 296, 297/QĐ-SKHĐT"."""
    last = _symbol_value(m, doc_type)
    hint = _hint_type(last)
    if hint is not None and hint is not doc_type:
        return []  # "Thông tư 124, 144/2021/NĐ-CP": two documents, not one list
    refs: list[_Ref] = []
    offset = m.start("nums")
    for index, number in enumerate(re.finditer(r"\d+", m.group("nums"))):
        value = dict(last, number=number.group())
        value["key"] = last["key"].replace(last["number"], number.group(), 1)
        start = m.start() if index == 0 else offset + number.start()
        refs.append(_Ref(start, offset + number.end(), doc_type, value, 0.9, group=group))
    refs.append(_Ref(m.start("num"), m.end(), doc_type, last, 0.9, group=group))
    return refs


def _is_header_number(match: re.Match[str]) -> bool:
    """ "KẾ HOẠCH Số: 104/KH-UBND" is a heading followed by the document's own number."""
    word = match.group("type")
    return word.isupper() and len(word) > 4 and (match.group("so") or "").startswith(("Số", "SỐ"))


def _short_value(doc_type: DocType, number: str, year: str | None) -> dict:
    """The value of a short form ("Thông tư 124", "QĐ 510"): no code, date or issuer written."""
    year_number = int(year) if year else None
    return {
        "doc_type": doc_type.name,
        "number": number,
        "year": year_number,
        "code": None,
        "date": None,
        "issuer": None,
        "key": short_key(doc_type.name, number, year_number),
    }


def _short_refs(shadowed: str) -> list[_Ref]:
    p = _patterns()
    refs: list[_Ref] = []
    for m in p["short"].finditer(shadowed):
        doc_type = _type_of(m.group("type"))
        number, year = m.group("snum"), m.group("syear")
        if doc_type is None or (year is None and re.fullmatch(r"(?:19|20)\d{2}", number)):
            continue
        if doc_type.slug in _capitalized_only() and m.group("type")[0].islower():
            continue
        refs.append(_Ref(m.start(), m.end(), doc_type, _short_value(doc_type, number, year), 0.85))
    for m in p["abbr_short"].finditer(shadowed):
        abbreviation, number, year = m.group("type"), m.group("snum"), m.group("syear")
        doc_type = _type_of(abbreviation)
        if doc_type is None or (abbreviation, number) not in _well_known_abbr_numbers():
            continue
        refs.append(_Ref(m.start(), m.end(), doc_type, _short_value(doc_type, number, year), 0.9))
    return refs


@cache
def _laws_by_name() -> dict[tuple[str, str], dict[str, Any]]:
    laws = corpora.load_json("lexicons", "named_laws.json")["laws"]
    return {(law["type"], _fold_name(law["name"])): law for law in laws}


def _fold_name(name: str) -> str:
    return " ".join(shadow(name).lower().replace(",", " ").split())


def _named_law_refs(text: str, shadowed: str) -> list[_Ref]:
    refs: list[_Ref] = []
    for m in _patterns()["named_law"].finditer(shadowed):
        slug = _type_of(m.group("type")).slug
        law = _laws_by_name().get((slug, _fold_name(m.group("name"))))
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
        refs.append(_Ref(m.start(), m.end(), doc_type, value, 0.92, extra={"law": law, "year": written_year}))
    for m in _patterns()["year_named"].finditer(shadowed):
        doc_type = _type_of(m.group("type"))
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
        refs.append(_Ref(m.start(), m.end(), doc_type, value, 0.92, attach=False))
    return refs


@cache
def _year_named_acts() -> list[dict[str, Any]]:
    return corpora.load_json("lexicons", "named_laws.json").get("year_named_acts", [])


def _law_version_from_date(ref: _Ref) -> None:
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


def _attach(text: str, shadowed: str, ref: _Ref) -> None:
    """Fill ``date`` and ``issuer`` from "ngày 28/12/2021 của Bộ Công an" right after the reference."""
    p = _patterns()
    position = ref.end
    dated = p["date_after"].match(shadowed, position)
    if dated:
        issued = parse_date_phrase(dated.group("date"))
        if issued:
            ref.value["date"] = issued.isoformat()
            position = dated.end()
    lead = p["issuer_lead"].match(shadowed, position)
    if not lead:
        ref.value["issuer"] = _issuer_before(text, shadowed, ref.start)
        return
    end = _issuer_end(shadowed, lead.end())
    if end is None:
        return
    while (joined := p["issuer_and"].match(shadowed, end)) and (more := _issuer_end(shadowed, joined.end())):
        end = more  # "của Bộ Công an và Bộ Quốc phòng"
    ref.value["issuer"] = " ".join(text[lead.end() : end].split())
    if ref.value["date"] is None and (dated := p["date_after"].match(shadowed, end)):
        issued = parse_date_phrase(dated.group("date"))  # "của UBND tỉnh ngày 22/02/2023"
        if issued:
            ref.value["date"] = issued.isoformat()


def _issuer_before(text: str, shadowed: str, start: int) -> str | None:
    """The subject that issued the reference: "Đảng ủy xã ban hành Nghị quyết số …", "UBND xã đã xây dựng
    Kế hoạch số …" — the issuer must start its clause and end right before the verb."""
    window_start = max(0, start - 160)
    verb = _patterns()["issuer_subject"].search(shadowed, window_start, start)
    if verb is None:
        return None
    clause = max(shadowed.rfind(mark, window_start, verb.start()) for mark in (".", ";", ":", "\n", ",", "("))
    position = clause + 1 if clause >= 0 else window_start
    while position < verb.start() and shadowed[position].isspace():
        position += 1
    end = _issuer_end(shadowed, position)
    return " ".join(text[position:end].split()) if end == verb.start() else None


def _issuer_end(shadowed: str, position: int) -> int | None:
    """End of the issuer named at ``position`` ("Bộ Công an", "UBND huyện Đak Đoa"), else None."""
    head = _patterns()["issuer_head"].match(shadowed, position)
    if not head:
        return None
    if _fold_name(head.group()) in _long_name_heads():
        long_end = _extend_long_name(shadowed, head.end())
        if long_end is not None:
            return long_end
    return _extend_issuer(shadowed, head.group(), head.end())


@cache
def _long_name_heads() -> frozenset[str]:
    return frozenset(_fold_name(h) for h in _issuer_lexicon().get("long_name_heads", []))


@cache
def _name_stop_words() -> tuple[frozenset[str], frozenset[str]]:
    words = [_fold_name(w) for w in _issuer_lexicon().get("name_stop_words", [])]
    return frozenset(w for w in words if " " not in w), frozenset(w for w in words if " " in w)


@cache
def _locality_false_friends() -> frozenset[str]:
    return frozenset(_issuer_lexicon().get("locality_false_friends", []))


def _ends_name(words: list[tuple[str, int, bool]], i: int, stops: frozenset[str]) -> bool:
    """Whether a locality word before ``words[i]`` ends a name ("… ANTQ tỉnh về"), unlike "xã hội"."""
    if i >= len(words):
        return True
    word, _end, comma = words[i]
    return comma or word[:1].isupper() or _fold_name(word) in stops


def _extend_long_name(shadowed: str, position: int) -> int | None:
    """ "Ban Chỉ đạo phòng, chống tội phạm, … bảo vệ ANTQ tỉnh": a lowercase description runs to the
    locality (and its proper name), or to a stop word or punctuation; None when no description follows."""
    data = _issuer_lexicon()
    localities = {" ".join(loc.split()) for loc in data["localities"]}
    single_stops, double_stops = _name_stop_words()
    pattern = _patterns()["name_word"]
    words: list[tuple[str, int, bool]] = []  # (word, end, preceded by a comma)
    cursor = position
    for _ in range(int(data.get("long_name_max_words", 30))):
        match = pattern.match(shadowed, cursor)
        if not match:
            break
        words.append((match.group("word"), match.end(), bool(match.group("comma"))))
        cursor = match.end()
    first = words[0][0] if words else ""
    if not first[:1].islower() or _fold_name(first) in single_stops:
        return None
    second = words[1][0].lower() if len(words) > 1 else ""
    if first.lower() in localities and f"{first.lower()} {second}" not in _locality_false_friends():
        return None  # "Ban Chỉ đạo tỉnh …": a locality, not a description ("Ban Chỉ đạo xã hội hóa …")
    end = position
    for i, (word, word_end, comma) in enumerate(words):
        lower = word.lower()
        pair = f"{lower} {words[i + 1][0].lower()}" if i + 1 < len(words) else ""
        if i and comma and lower in localities:
            break
        if _fold_name(lower) in single_stops or _fold_name(pair) in double_stops:
            break
        if pair in localities or (lower in localities and _ends_name(words, i + 1, single_stops)):
            end = words[i + 1][1] if pair in localities else word_end
            j = i + (2 if pair in localities else 1)
            count = 0
            while j < len(words) and words[j][0][:1].isupper() and not words[j][2] and count < 4:
                end, j, count = words[j][1], j + 1, count + 1
            return end
        if comma and i and not lower[:1].isalpha():
            break
        end = word_end
    return end if end > position else None


def _extend_issuer(shadowed: str, head: str, position: int) -> int | None:
    """Extend an issuer head over a number, locality and proper name: "Ban Chỉ đạo 138 tỉnh Lạng Sơn"."""
    data = _issuer_lexicon()
    localities = {" ".join(loc.split()) for loc in data["localities"]}
    needs_name = {_fold_name(h) for h in data["named_heads_need_proper_name"]}
    party_like = _fold_name(head).endswith(("ủy", "đảng bộ", "trung ương", "trương ương", "trung ương đảng"))
    words = list(_iter_words(shadowed, position, 8))
    end = position
    i = 0
    named = False
    if words and words[0][0].isdigit() and len(words[0][0]) <= 3:  # "Ban Chỉ đạo 138"
        end, i = words[0][2], 1
    if i < len(words):
        one = words[i][0].lower()
        two = f"{one} {words[i + 1][0].lower()}" if i + 1 < len(words) else ""
        if two in localities:
            end, i, named = words[i + 1][2], i + 2, True
        elif one in localities:
            end, i, named = words[i][2], i + 1, True
        elif (
            words[i][0].lower() in ("khóa", "khoá")
            and i + 1 < len(words)
            and _patterns()["roman"].fullmatch(words[i + 1][0])
        ):
            end, i = words[i + 1][2], i + 2
    if (party_like or _fold_name(head) in needs_name) and not named and i == 0:
        body = _patterns()["issuer_body"].match(shadowed, position)
        if body and (inner := _issuer_end(shadowed, body.end("body") - len(body.group("body")))):
            return inner  # "Đảng bộ Sở Kế hoạch và Đầu tư", "Đảng ủy Công an tỉnh"
    if named or party_like or _fold_name(head) in needs_name:
        count = 0
        while i < len(words) and words[i][0][:1].isupper() and count < 4 and words[i][1] == end:
            end, i, count = words[i][2], i + 1, count + 1
        if _fold_name(head) in needs_name and count == 0 and not named:
            return None
        if count and not named and i < len(words) and words[i][1] == end and words[i][0] in localities:
            end = words[i][2]  # "Cục Thuế tỉnh"
    return end


def _iter_words(shadowed: str, position: int, limit: int):
    """Up to ``limit`` words after ``position`` as ``(word, start_of_gap, end)``."""
    pattern = _patterns()["word"]
    for _ in range(limit):
        match = pattern.match(shadowed, position)
        if not match:
            return
        yield match.group(1), position, match.end()
        position = match.end()


def _named_value(doc_type: DocType, name: str) -> dict[str, Any]:
    return {
        "doc_type": doc_type.name,
        "number": None,
        "year": None,
        "code": None,
        "date": None,
        "issuer": None,
        "key": name,
        "name": name,
    }


def _act_name(surface: str) -> str:
    """The key of an act cited by name: its words without quotation marks."""
    return " ".join(surface.replace("“", " ").replace("”", " ").replace('"', " ").split())


def _unnumbered_refs(text: str, shadowed: str, typed_ends: frozenset[int] = frozenset()) -> list[_Ref]:
    """Acts cited by name (a congress's resolution, an Đề án with its title) and typed references
    whose number stands apart from the type word, when the symbol's code names that type."""
    p = _patterns()
    refs: list[_Ref] = []
    lowered = shadowed.lower()
    patterns = [p[name] for name, cue in (("congress", "đại hội"), ("titled", "“")) if cue in lowered]
    for pattern in patterns:  # most texts have neither: skip the scan
        for m in pattern.finditer(shadowed):
            doc_type = _type_of(m.group("type"))
            if doc_type is not None:
                name = _act_name(text[m.start() : m.end()])
                refs.append(_Ref(m.start(), m.end(), doc_type, _named_value(doc_type, name), 0.8))
    for m in p["bare_number"].finditer(shadowed):
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


def _detached_ref(shadowed: str, m: re.Match[str]) -> _Ref | None:
    """ "Quyết định về việc kiện toàn Ban Chỉ đạo … số 45/QĐ-UBND": the nearest capitalised type
    word before "số" whose type the symbol's code names, with only words between (no digit or
    sentence mark, at most 24)."""
    p = _patterns()
    window_start = max(0, m.start() - _DETACHED_REACH)
    stops = list(_DETACHED_STOP_RE.finditer(shadowed, window_start, m.start()))
    if stops:
        window_start = stops[-1].end()
    hinted = _hint_type(_symbol_value(m, doc_types()[0]))
    if hinted is None:
        return None
    for type_match in reversed(list(p["type_word"].finditer(shadowed, window_start, m.start()))):
        if type_match.group("type")[0].islower() or _type_of(type_match.group("type")) is not hinted:
            continue  # "Quyết định phê duyệt kế hoạch kinh phí số 88/QĐ-UBND": passes over "kế hoạch"
        gap = shadowed[type_match.end() : m.start()]
        if not gap.strip() or not gap[:1].isspace() or len(_DETACHED_GAP_RE.findall(gap)) > _DETACHED_MAX_WORDS:
            return None
        return _Ref(type_match.start(), m.end(), hinted, _symbol_value(m, hinted), 0.8)
    return None


def _select(refs: list[_Ref]) -> list[_Ref]:
    """Longest first, no overlaps, in reading order: a reference is short, so marking the
    characters taken keeps this linear where comparing with every chosen one was quadratic."""
    chosen: list[_Ref] = []
    taken = bytearray(max((r.end for r in refs), default=0))
    for ref in sorted(refs, key=lambda r: (-(r.end - r.start), -r.confidence, r.start)):
        if taken.find(1, ref.start, ref.end) >= 0:
            continue
        taken[ref.start : ref.end] = b"\x01" * (ref.end - ref.start)
        chosen.append(ref)
    return sorted(chosen, key=lambda r: r.start)


def _share_in_lists(refs: list[_Ref]) -> None:
    """Members of one list take the date and issuer written once after its last member."""
    last: dict[int, _Ref] = {}
    for ref in refs:
        if ref.group is not None:
            last[ref.group] = ref
    for ref in refs:
        tail = last.get(ref.group) if ref.group is not None else None
        if tail is not None and tail is not ref:
            ref.value["date"] = ref.value["date"] or tail.value["date"]
            ref.value["issuer"] = ref.value["issuer"] or tail.value["issuer"]


def find_legal_refs(text: str, context: Any = None) -> list[Evidence]:
    """Every legal/administrative document reference in normalized ``text``, in reading order."""
    shadowed = shadow(text)
    typed = _typed_refs(text, shadowed)
    refs = (
        typed
        + _short_refs(shadowed)
        + _named_law_refs(text, shadowed)
        + _unnumbered_refs(text, shadowed, frozenset(ref.end for ref in typed))
    )
    chosen = _select(refs)
    for ref in chosen:
        if ref.attach:
            _attach(text, shadowed, ref)
            _law_version_from_date(ref)
    _share_in_lists(chosen)
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


@Language.component("minhchung_legal_refs")
def legal_refs_component(doc: Doc) -> Doc:
    """spaCy component: add every legal reference of ``doc.text`` to ``doc._.evidence``."""
    from extractor.nlp import add_evidence

    add_evidence(doc, find_legal_refs(doc.text, doc._.context))
    return doc
