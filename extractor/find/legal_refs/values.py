"""The value of a legal reference: its symbol's parts, its canonical key, its type."""

from __future__ import annotations

import re
from typing import Any

from extractor import lexicons
from extractor.find.legal_refs.models import DocType
from extractor.find.legal_refs.regexes import type_by_hint
from extractor.find.patterns import fold


@lexicons.compiled
def _ascii_folds() -> dict[str, str]:
    return lexicons.cited_document_types().get("symbol_ascii_folds", {})


def canonical_symbol(symbol: str) -> str:
    """The canonical key of a symbol: no spaces or line breaks, "44 KL/TW" → "44-KL/TW", "QD" → "QĐ"."""
    s = fold(symbol)
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    s = re.sub(r"^(\d+)\s+", r"\1-", s)
    s = re.sub(r"\s+", "-", s.strip())
    folds = _ascii_folds()
    return "".join(folds.get(part, part) for part in re.split(r"([/-])", s))


def symbol_value(match: re.Match[str], doc_type: DocType) -> dict[str, Any]:
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


def hint_type(value: dict[str, Any]) -> DocType | None:
    """The type a symbol's code names ("KH-UBND" → Kế hoạch, "CT/TW" → Chỉ thị)."""
    first = re.split(r"[-/]", value["code"])[0]
    return type_by_hint().get(first)


def short_key(doc_type_name: str, number: str, year: int | None) -> str:
    """Key of an unresolved short form: "Thông tư 124", "Thông tư 23/2012"."""
    return f"{doc_type_name} {number}" + (f"/{year}" if year else "")


def short_value(doc_type: DocType, number: str, year: str | None) -> dict:
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


def named_value(doc_type: DocType, name: str) -> dict[str, Any]:
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


def act_name(surface: str) -> str:
    """The key of an act cited by name: its words without quotation marks."""
    return " ".join(surface.replace("“", " ").replace("”", " ").replace('"', " ").split())
