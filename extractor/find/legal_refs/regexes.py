"""The legal-reference finder's vocabulary and patterns, compiled once per process.

A symbol is ``number/year/code`` ("124/2021/TT-BCA"), ``number/code`` ("48/KH-UBND") or
``number-CODE/ORG`` ("05-CT/TW", "44 KL/TW"); a line break may follow its "-" or "/". Type words,
issuers and law names come from ``corpora/lexicons/`` (through :mod:`extractor.lexicons`) and are
matched on folded text (:func:`extractor.find.patterns.fold`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from extractor import lexicons
from extractor.find.legal_refs.models import DocType
from extractor.find.patterns import (
    YEAR,
    alternation,
    first_letter_test,
    fold,
    phrase_regex,
    phrases_longest_first,
)


def _phrase(phrase: str) -> str:
    """A lexicon phrase on folded text; a comma of the phrase may be left out."""
    return phrase_regex(phrase, optional_commas=True, folded=True)


_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_JOIN = r"(?:[ \t]*\n\s*)?"  # a line break right after "-" or "/" inside a symbol
_SLASH = r"[^\S\n]{0,2}/(?:[ \t]*\n\s*|[^\S\n]{0,2})"  # "/", "/ " or " / " ("48 / KH-UBND")
_TOKEN = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_CODE = rf"{_TOKEN}(?:-{_JOIN}{_TOKEN})*(?:[ ](?=[A-Z]\d{{1,3}}\b)[A-Z]\d{{1,3}})?"
# number/year/code | number/code | number-CODE/ORG ("05-CT/TW", "44 KL/TW")
SYMBOL = (
    rf"(?P<num>\d{{1,5}})(?:"
    rf"{_SLASH}(?P<year>{YEAR}){_SLASH}(?P<code_a>{_CODE})"
    rf"|{_SLASH}(?P<code_b>{_CODE})"
    rf"|(?:-{_JOIN}|[ ])(?P<code_c>{_TOKEN}{_SLASH}{_CODE})"
    rf")(?![\w/])"
)
_SHORT = rf"(?P<snum>\d{{1,4}})(?:/(?P<syear>{YEAR}))?(?![\w/]|-\w|\s*[-/]\s*[A-ZĐ])"
_NUMBER_PREFIX = r"(?:[^\S\n]+(?P<so>(?i:số\s*hiệu|số))[^\S\n]*:?)?[^\S\n]*"


@lexicons.compiled
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


@lexicons.compiled
def _type_by_word() -> dict[str, DocType]:
    table: dict[str, DocType] = {}
    for doc_type in doc_types():
        for name in doc_type.names:
            table[" ".join(fold(name).lower().split())] = doc_type
        for abbreviation in doc_type.abbreviations:
            table[abbreviation] = doc_type
    return table


@lexicons.compiled
def type_by_hint() -> dict[str, DocType]:
    return {hint: doc_type for doc_type in doc_types() for hint in doc_type.hints}


@lexicons.compiled
def capitalized_only() -> frozenset[str]:
    return frozenset(lexicons.cited_document_types()["short_form_capitalized_only"])


@lexicons.compiled
def well_known() -> list[dict[str, Any]]:
    return lexicons.load("well_known_acts")["acts"]


@lexicons.compiled
def _well_known_abbreviations() -> list[str]:
    """The abbreviations of well-known acts' short forms ("TT", "QĐ"), longest first."""
    return phrases_longest_first(
        pair[0] for act in well_known() for f in act["short_forms"] if (pair := _abbr_short_form(f))
    )


@lexicons.compiled
def patterns() -> dict[str, re.Pattern[str]]:
    """Compile the legal-reference patterns once per set of lexicons."""
    data = lexicons.cited_document_types()
    names = phrases_longest_first(n for t in doc_types() for n in t.names)
    type_words = "|".join(_phrase(n) for n in names)
    short_types = {t for t in doc_types() if t.slug in set(data["short_form_types"])}
    short_names = {n for t in short_types for n in t.names}
    short_words = "|".join(_phrase(n) for n in phrases_longest_first(short_names))
    not_before = "|".join(_phrase(w) for w in data["short_form_not_before"])
    abbreviations = "|".join(phrases_longest_first(a for t in doc_types() for a in t.abbreviations))
    well_known_abbr = _well_known_abbreviations()
    # A cheap first-letter test lets the engine skip most positions before the costly alternation.
    initials = "".join(
        sorted({c for t in doc_types() for n in t.names + t.abbreviations for c in n[0] + n[0].lower()})
    )
    modifiers = "|".join(_phrase(w) for w in phrases_longest_first(data.get("type_modifiers", [])))
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
            rf"{type_start}(?:(?P<nums>\d{{1,5}}(?:{separator}\d{{1,5}})*){separator})?{SYMBOL}", flags
        ),
        "short": re.compile(
            rf"{first_letter_test((fold(n) for n in short_names), any_case=True)}(?<![\w])(?P<type>(?i:{short_words})){_NUMBER_PREFIX}{_SHORT}(?!\s*(?i:{not_before})(?!\w)(?!\s+\d))",
            flags,
        ),
        "abbr_short": re.compile(
            rf"{first_letter_test(well_known_abbr or ['TT'])}(?<![\w])(?P<type>{'|'.join(well_known_abbr) or 'TT'})"
            rf"\s?{_SHORT}",
            flags,
        ),
        "list_next": re.compile(rf"\s*(?:,|;|và|(?i:và\s+số)|,\s*số)\s*{SYMBOL}", flags),
        **_law_patterns(),
        **_issuer_patterns(),
        **_unnumbered_patterns(),
        "type_word": re.compile(rf"(?=[{initials}])(?<![\w])(?P<type>(?i:{type_words}))(?![\w])"),
    }


@lexicons.compiled
def lead_cues() -> dict[str, re.Pattern[str]]:
    """Where a typed or short reference may begin: its type word, found by one fast scan (see
    :func:`extractor.find.patterns.scan_from`) instead of running the big alternation at every
    position. ``names`` (and ``short_names``, ``law_names``): the type names as the patterns fold them, in lower case, searched in the
    lower-cased folded text (:class:`extractor.find.patterns.Cues`); ``abbreviations`` ("QĐ", "TT"),
    matched case-sensitively, in the folded text itself."""
    data = lexicons.cited_document_types()
    short_slugs = set(data["short_form_types"])
    names = {fold(n).lower() for t in doc_types() for n in t.names}
    short_names = {fold(n).lower() for t in doc_types() if t.slug in short_slugs for n in t.names}
    abbreviations = {a for t in doc_types() for a in t.abbreviations}
    laws = lexicons.load("named_laws")
    law_slugs = {law["type"] for law in laws["laws"]} | {
        act["type"] for act in laws.get("year_named_acts", [])
    }
    law_names = {fold(n).lower() for t in doc_types() if t.slug in law_slugs for n in t.names}
    titled_types = data["unnumbered_acts"]["titled_types"]
    return {
        "names": re.compile(alternation(names, optional_commas=True) or "(?!)"),
        # "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp": where a law cited by name may begin
        "law_names": re.compile(alternation(law_names, optional_commas=True) or "(?!)"),
        "number_word": re.compile("số"),  # "… số 45/QĐ-UBND" standing apart from its type word
        "short_names": re.compile(alternation(short_names, optional_commas=True) or "(?!)"),
        "abbreviations": re.compile(alternation(abbreviations) or "(?!)"),
        # the well-known acts' abbreviations ("TT124"), as the abbr_short pattern writes them
        "well_known_abbreviations": re.compile("|".join(_well_known_abbreviations()) or "TT"),
        # "Đề án “…”": where an act cited by its title may begin
        "titled": re.compile(
            alternation({fold(t).lower() for t in titled_types}, optional_commas=True) or "(?!)"
        ),
    }


def _law_patterns() -> dict[str, re.Pattern[str]]:
    """Laws cited by name ("Luật Đất đai năm 2013") and acts named by their year ("Hiến pháp năm 2013")."""
    named = lexicons.load("named_laws")
    laws = named["laws"]
    law_type_names = {n for t in doc_types() if t.slug in {law["type"] for law in laws} for n in t.names}
    law_names = "|".join(
        _phrase(law["name"]) for law in sorted(laws, key=lambda x: len(x["name"]), reverse=True)
    )
    law_types = (
        "|".join(_phrase(n) for n in phrases_longest_first(law_type_names)) or "(?!)"
    )  # a lexicon without law types: no law by name
    year_acts = named.get("year_named_acts", [])
    year_act_names = [t.name for t in doc_types() if t.slug in {act["type"] for act in year_acts}]
    year_act_types = "|".join(_phrase(name) for name in year_act_names) or "(?!)"
    year_act_words = (
        "|".join(_phrase(act["optional_words"]) for act in year_acts if act.get("optional_words")) or "(?!)"
    )
    flags = re.UNICODE
    return {
        "named_law": re.compile(
            rf"{first_letter_test((fold(n) for n in law_type_names), any_case=True)}"
            rf"(?<![\w])(?<![Pp]háp\s)(?<![Kk]ỷ\s)(?P<type>(?i:{law_types}))\s+(?P<name>(?i:{law_names}))(?![\w])"
            rf"(?:\s+(?:(?i:năm)\s+)?(?P<year>{YEAR})(?![\w/]))?"
            rf"(?:\s+(?i:số)\s+(?P<number>\d{{1,3}}/{YEAR}/QH\d{{1,2}}))?",
            flags,
        ),
        "year_named": re.compile(
            rf"{first_letter_test(fold(n) for n in year_act_names)}(?<![\w])(?P<type>{year_act_types})(?:\s+(?i:{year_act_words}))?"
            rf"\s+(?:(?i:năm)\s+)?(?P<year>(?:17|18|19|20)\d{{2}})(?![\w/])",
            flags,
        ),
    }


def _issuer_patterns() -> dict[str, re.Pattern[str]]:
    """What follows a reference: its date ("ngày 28/12/2021") and issuer ("của Bộ Công an"), word by word."""
    return {
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
    }


def _unnumbered_patterns() -> dict[str, re.Pattern[str]]:
    """Acts cited by name, and a number standing apart from its type word."""
    acts = lexicons.cited_document_types()["unnumbered_acts"]
    congress_types = "|".join(_phrase(t) for t in acts["congress_types"])
    bodies = "|".join(_phrase(b) for b in phrases_longest_first(acts["congress_bodies"]))
    titled = "|".join(_phrase(t) for t in acts["titled_types"])
    return {
        # "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII"
        "congress": re.compile(
            rf"(?=[Nn])(?<![\w])(?P<type>(?i:{congress_types}))[^\S\n]+(?i:đại[^\S\n]+hội)[^\S\n]+(?i:{bodies})"
            rf"(?:[^\S\n]+[^\s,.;:()“”\"\d]+){{0,6}}?[^\S\n]+(?i:lần[^\S\n]+thứ)[^\S\n]+(?P<ord>[IVXLC]+|\d{{1,2}})(?![\w])"
        ),
        # Đề án “Xây dựng làng an toàn, khu dân cư an toàn …”
        "titled": re.compile(
            rf"(?=[ĐđDd])(?<![\w])(?P<type>(?i:{titled}))[^\S\n]+“(?P<title>[^”\n]{{5,240}})”"
        ),
        # "… số 45/QĐ-UBND" not right after a type word: the type is looked for before it
        "bare_number": re.compile(rf"(?=[sS])(?<![\w])(?i:số)[^\S\n]*:?[^\S\n]*{SYMBOL}"),
    }


def _abbr_short_form(form: str) -> tuple[str, str] | None:
    """("TT", "124") for an abbreviated short form such as "TT124" / "QĐ 510"; else None."""
    match = re.fullmatch(r"([A-ZĐ]{2,4})\s?(\d{1,4})(?:/\d{4})?", form)
    return (match.group(1), match.group(2)) if match else None


@lexicons.compiled
def well_known_abbr_numbers() -> frozenset[tuple[str, str]]:
    return frozenset(
        pair for act in well_known() for f in act["short_forms"] if (pair := _abbr_short_form(f))
    )


@lexicons.compiled
def issuer_lexicon() -> dict[str, Any]:
    return lexicons.cited_issuers()


@lexicons.compiled
def _issuer_bodies() -> str:
    """Named bodies that may follow a party head ("Đảng bộ Sở …"): the bodies and the upper-case heads."""
    data = issuer_lexicon()
    heads = [h for h in data["heads"] if h[:1].isupper() and h not in data["named_heads_need_proper_name"]]
    phrases = phrases_longest_first([*data["bodies"], *heads])
    return "|".join(_phrase(p) for p in phrases)


@lexicons.compiled
def _subject_verbs() -> str:
    words = issuer_lexicon().get("subject_verbs", [])
    return "|".join(_phrase(w) for w in phrases_longest_first(words)) or "(?!)"


@lexicons.compiled
def _issuer_heads() -> str:
    data = issuer_lexicon()
    phrases = phrases_longest_first([*data["heads"], *data["bodies"]])
    return "|".join(_phrase(p) for p in phrases)


def type_of(word: str) -> DocType | None:
    table = _type_by_word()
    return table.get(word) or table.get(" ".join(fold(word).lower().split()))


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """``name`` folded, lower-cased, commas and runs of blanks as one space (remembered: the issuer
    reader asks for the same words again and again)."""
    return " ".join(fold(name).lower().replace(",", " ").split())
