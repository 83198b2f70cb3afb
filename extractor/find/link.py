"""Linking, once, after finding: what one piece of evidence says about another.

- **short forms** (legal references): a short form ("Thông tư 124", "TT124", "Thông tư 23/2012")
  takes the full key of the one document of that type and number the same text cites in full
  ("Thông tư số 124/2021/TT-BCA"); failing that, the key of a well-known national act
  (``corpora/lexicons/well_known_acts.json``) whose short forms include it. A shortened symbol
  ("510/QĐ-BCA", "510/QĐ-BCA V05") takes the longer symbol of the same type and number cited in
  the same text ("510/QĐ-BCA-V05"), or a well-known act's key when listed among its aliases.
  Nothing changes when the answer is ambiguous (two different documents fit);
- **shared list details** (legal references): members of one list ("Quyết định số 295, 296 và
  297/QĐ-SKHĐT ngày … của …") take the date and issuer written once after the last
  (:func:`share_list_details`, called by the finder, which alone knows the lists);
- **breakdown parents** (counts): "05 đơn (01 đơn tố cáo, 04 đơn phản ánh)": the parts point at
  their total;
- **rate units** (counts): a bare percentage ("…, đạt tỷ lệ 100%") takes the unit of what its
  sentence counted.

:func:`link_component` (``minhchung_link``, last in ``corpora/pipeline.json``) runs the short
forms, breakdowns and rate units over a document's evidence; :func:`resolve_short_forms` runs
again across the body and its footnotes (:mod:`extractor.pipeline`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from extractor import lexicons
from extractor.find.legal_refs.models import KIND
from extractor.find.legal_refs.regexes import doc_types
from extractor.find.legal_refs.values import canonical_symbol, short_key
from extractor.lexicons import sources, using
from extractor.models import Evidence
from extractor.nlp import text_of

_SENTENCE_END_RE = re.compile(r"[.;!?…](?=\s|$)|\n")
_BREAKDOWN_RE = re.compile(r"[ \t]*[,;:]?[ \t]*(?:trong đó|bao gồm|gồm|cụ thể)(?!\w)", re.IGNORECASE)


# --------------------------------------------------------------------------- short forms


def _number(value: Any) -> str:
    """Ordinal without leading zeros, for comparison ("05" == "5")."""
    return str(value or "").lstrip("0") or "0"


@lexicons.compiled
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


@lexicons.compiled
def _well_known() -> list[dict[str, Any]]:
    return lexicons.load("well_known_acts")["acts"]


@lexicons.compiled
def _well_known_short_forms() -> dict[str, list[dict[str, Any]]]:
    table: dict[str, list[dict[str, Any]]] = {}
    for act in _well_known():
        for form in act["short_forms"]:
            key = _normalize_short_form(form)
            if key is not None and act not in table.setdefault(key, []):
                table[key].append(act)
    return table


@lexicons.compiled
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


# --------------------------------------------------------------------------- shared list details


class _ListMember(Protocol):
    group: int | None
    value: dict[str, Any]


def share_list_details(refs: list[Any]) -> None:
    """Members of one list (same ``group``) take the date and issuer written once after its last member."""
    last: dict[int, _ListMember] = {}
    for ref in refs:
        if ref.group is not None:
            last[ref.group] = ref
    for ref in refs:
        tail = last.get(ref.group) if ref.group is not None else None
        if tail is not None and tail is not ref:
            ref.value["date"] = ref.value["date"] or tail.value["date"]
            ref.value["issuer"] = ref.value["issuer"] or tail.value["issuer"]


# --------------------------------------------------------------------------- breakdowns and rate units


_PAREN_AFTER_RE = re.compile(r"[^.;:()\n\d%]{0,40}?\(")


_RATE_AFTER_RE = re.compile(r"[ \t]*[,(]?[ \t]*(?:đạt|bằng|chiếm)?(?:[ \t]+tỷ[ \t]+lệ)?[ \t]*", re.IGNORECASE)


_LEADING_VISITS_RE = re.compile(r"^lượt[ \t]+(?=\w)")


def _inherit_rate_units(text: str, counts: list[Evidence]) -> None:
    """A bare percentage ("…, đạt tỷ lệ 100%") is a rate of what its sentence first counted
    ("Tiếp nhận 25 lượt đơn thư …" → "đơn thư": a rate is over things, not visits)."""
    for index, item in enumerate(counts):
        if not item.value["percent"] or item.value["unit"] is not None:
            continue
        window_start = max(0, item.start - 300)
        ends = list(_SENTENCE_END_RE.finditer(text, window_start, item.start))
        sentence_start = ends[-1].end() if ends else window_start
        previous = counts[index - 1] if index else None
        for earlier in counts[:index]:
            if (
                earlier.start >= sentence_start
                and earlier.value["unit"]
                and earlier.value["modality"] != "zero"
            ):
                item.value["unit"] = _LEADING_VISITS_RE.sub("", earlier.value["unit"])
                break
        if (
            previous is not None
            and previous.value["unit"]
            and previous.value["modality"] != "zero"
            and _RATE_AFTER_RE.fullmatch(text, previous.end, item.start)
            and (item.value["unit"] or "").split()[:1] != previous.value["unit"].split()[:1]
        ):
            item.value["unit"] = previous.value[
                "unit"
            ]  # "…, làm rõ 10/11 vụ, đạt 90,9%": a rate of that count
            for earlier in counts[:index]:  # "11 vụ phạm pháp hình sự … làm rõ 10/11 vụ": the fuller name
                unit = earlier.value["unit"] or ""
                if earlier.start >= sentence_start and unit.startswith(previous.value["unit"] + " "):
                    item.value["unit"] = unit
                    break


def _compatible(outer: Evidence, inner: Evidence) -> bool:
    outer_unit, inner_unit = outer.value["unit"], inner.value["unit"]
    if inner_unit is None:
        return outer.value["percent"] == inner.value["percent"]
    if outer_unit is None:
        return False
    return inner_unit.split()[0] == outer_unit.split()[0]


def _link_breakdowns(text: str, counts: list[Evidence]) -> None:
    """Point the parts of a breakdown at their total.

    "05 đơn (01 đơn tố cáo, 04 đơn phản ánh, kiến nghị)": every count inside the parenthesis
    that follows a count; "100% … đăng ký, trong đó có từ 70% trở lên …": compatible counts
    after "trong đó"/"gồm" up to the end of the sentence.
    """
    for index, outer in enumerate(counts):
        if outer.value["modality"] == "zero" or outer.value["parent"] is not None:
            continue
        region: tuple[int, int] | None = None
        paren = _PAREN_AFTER_RE.match(text, outer.end)
        if paren:
            close = text.find(")", outer.end)
            if close != -1:
                region = (paren.end(), close)
        else:
            sentence_end = _SENTENCE_END_RE.search(text, outer.end)
            limit = sentence_end.start() if sentence_end else len(text)
            marker = _BREAKDOWN_RE.search(text, outer.end, min(limit, outer.end + 120))
            if marker:
                region = (marker.end(), limit)
        if region is None:
            continue
        for inner in counts[index + 1 :]:
            if inner.start >= region[1]:
                break
            if inner.start < region[0] or inner.value["modality"] == "zero":
                continue
            if inner.value["percent"] and inner.value["unit"] is None and not outer.value["percent"]:
                continue  # "15 tin (đạt 88,2%)": a rate, not a part
            if paren or _compatible(outer, inner):
                inner.value["parent"] = outer.start
                if inner.value["unit"] is None:
                    inner.value["unit"] = outer.value["unit"]


def link_counts(text: str, counts: list[Evidence]) -> list[Evidence]:
    """Breakdown parents, then rate units, over ``counts`` (in reading order); returns ``counts``."""
    _link_breakdowns(text, counts)
    _inherit_rate_units(text, counts)
    return counts


LEXICONS = {"document_types": "document_types.json", "well_known_acts": "well_known_acts.json"}


@Language.factory("minhchung_link", default_config={"lexicons": LEXICONS})
def make_link_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component linking the evidence the finders put on ``doc``."""
    active = sources(lexicons)

    def link_component(doc: Doc) -> Doc:
        evidence = doc._.evidence or []
        with using(active):
            resolve_short_forms(evidence)
            link_counts(text_of(doc), [item for item in evidence if item.kind == "count"])
        return doc

    return link_component
