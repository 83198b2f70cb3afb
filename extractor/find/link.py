"""Give every mention of one document the same legal-reference key.

Runs after :mod:`extractor.find.legal_refs` over a document's evidence:

- a short form ("Thông tư 124", "TT124", "Thông tư 23/2012") takes the full key of the one
  document of that type and number the same text cites in full ("Thông tư số
  124/2021/TT-BCA"); failing that, the key of a well-known national act
  (``corpora/lexicons/well_known_acts.json``) whose short forms include it;
- a shortened symbol ("510/QĐ-BCA", "510/QĐ-BCA V05") takes the longer symbol of the same
  type and number cited in the same text ("510/QĐ-BCA-V05"), or a well-known act's key when
  listed among its aliases.

Nothing changes when the answer is ambiguous (two different documents fit).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import corpora
from extractor.find.legal_refs import KIND, canonical_symbol, doc_types, short_key
from extractor.models import Evidence


def _number(value: Any) -> str:
    """Ordinal without leading zeros, for comparison ("05" == "5")."""
    return str(value or "").lstrip("0") or "0"


@cache
def _type_names_by_abbreviation() -> dict[str, str]:
    return {abbr: t.name for t in doc_types() for abbr in t.abbreviations}


def _normalize_short_form(form: str) -> str | None:
    """ "TT124" / "TT 124" / "Thông tư 124" → "Thông tư 124"; "TT23/2012" → "Thông tư 23/2012"."""
    digits_at = next((i for i, ch in enumerate(form) if ch.isdigit()), None)
    if digits_at is None:
        return None
    word, number = form[:digits_at].strip(), form[digits_at:].strip()
    name = _type_names_by_abbreviation().get(word) or next(
        (t.name for t in doc_types() if t.name.lower() == word.lower()), None
    )
    if name is None:
        return None
    num, _, year = number.partition("/")
    return short_key(name, _number(num), int(year) if year else None)


@cache
def _well_known() -> list[dict[str, Any]]:
    return corpora.load_json("lexicons", "well_known_acts.json")["acts"]


@cache
def _well_known_short_forms() -> dict[str, list[dict[str, Any]]]:
    table: dict[str, list[dict[str, Any]]] = {}
    for act in _well_known():
        for form in act["short_forms"]:
            key = _normalize_short_form(form)
            if key is not None and act not in table.setdefault(key, []):
                table[key].append(act)
    return table


@cache
def _well_known_aliases() -> dict[str, dict[str, Any]]:
    return {canonical_symbol(alias): act for act in _well_known() for alias in act.get("aliases", [])}


def _doc_type_slug(name: str) -> str | None:
    return next((t.slug for t in doc_types() if t.name == name), None)


def _adopt(value: dict[str, Any], key: str, code: str | None, year: int | None) -> None:
    value["key"] = key
    if code:
        value["code"] = code
    if value.get("year") is None and year is not None:
        value["year"] = year


class _Cited:
    """The full references of one text, indexed by type and number, one entry per distinct key.

    Looking a reference up costs the number of distinct documents sharing its type and number
    (one or two in practice), so resolving n references is linear in n; comparing each with
    every full reference was quadratic.
    """

    def __init__(self, refs: Iterable[Evidence]) -> None:
        self.by_number: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
        for ref in refs:
            value = ref.value
            if value.get("code"):
                group = self.by_number.setdefault((value["doc_type"], _number(value["number"])), {})
                group.setdefault(value["key"], []).append(value)
        self._short: dict[tuple[str, str, Any], dict[str, Any] | None] = {}

    def mentions(self, value: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """Every full mention of the same type and number, by key."""
        return self.by_number.get((value["doc_type"], _number(value["number"])), {})

    def same_number(self, value: dict[str, Any]) -> list[dict[str, Any]]:
        """One full reference per distinct key of the same type and number."""
        return [mentions[-1] for mentions in self.mentions(value).values()]

    def resolved_short(self, value: dict[str, Any]) -> dict[str, Any] | None:
        """The one full reference a short form names (memoised per type, number and year)."""
        key = (value["doc_type"], _number(value["number"]), value.get("year"))
        if key not in self._short:
            self._short[key] = _one_document(value, self.mentions(value))
        return self._short[key]


def _longer_symbol(value: dict[str, Any], full: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one cited symbol that extends ``value``'s code ("QĐ-BCA" → "QĐ-BCA-V05")."""
    code = value["code"]
    longer = {
        other["key"]: other
        for other in full
        if other["doc_type"] == value["doc_type"]
        and _number(other["number"]) == _number(value["number"])
        and other["year"] == value["year"]
        and other["code"] != code
        and other["code"].startswith(code + "-")
    }
    return next(iter(longer.values())) if len(longer) == 1 else None


def _one_document(value: dict[str, Any], mentions: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """Among full references of the same type and number, the one document a short form names
    (``{}`` when two fit, ``None`` when none does)."""
    year = value.get("year")
    same = {
        other["key"]: other
        for group in mentions.values()
        for other in group
        if year is None or other["year"] == year or str(other.get("date") or "").startswith(str(year))
    }
    keys = set(same)
    # collapse shortened symbols of one document ("510/QĐ-BCA" and "510/QĐ-BCA-V05")
    for key, other in list(same.items()):
        if _longer_symbol(other, list(same.values())) is not None:
            keys.discard(key)
    return same[next(iter(keys))] if len(keys) == 1 else ({} if keys else None)


def _resolve_short(value: dict[str, Any], cited: _Cited) -> None:
    number, year = _number(value["number"]), value.get("year")
    other = cited.resolved_short(value)
    if other:
        _adopt(value, other["key"], other["code"], other["year"])
        return
    if other is not None:
        return  # two documents fit: leave it
    acts = _well_known_short_forms().get(short_key(value["doc_type"], number, year), [])
    if not acts and year is not None:
        acts = [
            act
            for act in _well_known()
            if _doc_type_slug(value["doc_type"]) == act["doc_type"]
            and _number(act["number"]) == number
            and act["year"] == year
        ]
    if len(acts) == 1:
        _adopt(value, acts[0]["key"], acts[0]["code"], acts[0]["year"])


def resolve_short_forms(evidence: list[Evidence]) -> None:
    """Rewrite, in place, the keys of short forms and shortened symbols to their full key."""
    refs = [item for item in evidence if item.kind == KIND]
    cited = _Cited(refs)
    for ref in refs:
        value = ref.value
        if value.get("name"):
            continue  # a law by name already carries its symbol
        if value.get("code"):
            longer = _longer_symbol(value, cited.same_number(value))
            if longer is not None:
                _adopt(value, longer["key"], longer["code"], longer["year"])
            elif (act := _well_known_aliases().get(value["key"])) is not None and value.get("date") in (
                None,
                act["date"],
            ):
                _adopt(value, act["key"], act["code"], act["year"])
            continue
        if value.get("number"):
            _resolve_short(value, cited)


@Language.component("minhchung_resolve")
def resolve_component(doc: Doc) -> Doc:
    """spaCy component: resolve the short forms among ``doc._.evidence``."""
    resolve_short_forms(doc._.evidence or [])
    return doc
