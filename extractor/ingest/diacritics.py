"""Diacritics put back, where the finders need them, into Vietnamese typed without them.

"Thuc hien Thong tu so 124/2021/TT-BCA ngay 28/12/2021 cua Bo Cong an, to chuc 12 buoi" gives the
finders nothing: their vocabulary is written with diacritics. :func:`restore_key_phrases` restores
the document types, issuers, laws cited by name, date words and count units of the lexicons (``corpora/``) — phrases
whose bare form is unambiguous, date words only before a number, count units only after one — and
leaves every other word as typed. Every Vietnamese letter is one character with or without its
marks (NFC), so the text keeps its length and every offset and character box stays valid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import corpora
from extractor import lexicons


def strip_diacritics(text: str) -> str:
    """Vietnamese letters without their marks ("Thông tư" → "Thong tu", "Đ" → "D"), same length."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


@dataclass(frozen=True)
class _Tables:
    anywhere: dict[str, str]
    before_number: dict[str, str]
    after_number: dict[str, str]
    anywhere_re: re.Pattern[str] | None
    before_number_re: re.Pattern[str] | None
    after_number_re: re.Pattern[str] | None
    symbols: dict[str, str]  # "QD" → "QĐ", "ND" → "NĐ": the parts of document numbers with a Đ


def _unique(phrases: Iterable[str]) -> dict[str, str]:
    """bare lower-case form → restored lower-case form, for forms no two phrases share."""
    seen: dict[str, set[str]] = {}
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if not phrase or len(phrase) != len(strip_diacritics(phrase)):
            continue
        seen.setdefault(strip_diacritics(phrase).lower(), set()).add(phrase.lower())
    return {
        bare: next(iter(full)) for bare, full in seen.items() if len(full) == 1 and bare != next(iter(full))
    }


def _alternation(table: dict[str, str]) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(table, key=len, reverse=True))


@cache
def _tables() -> _Tables:
    data = corpora.load_json("encodings", "bare_phrases.json")
    types = lexicons.cited_document_types()["types"]
    issuers = lexicons.cited_issuers()
    dates = corpora.load_json("lexicons", "date_words.json")
    units = corpora.load_json("lexicons", "count_units.json")["units"]
    anywhere = [
        *(n for kind in types for n in kind["names"]),
        *issuers["heads"],
        *issuers["bodies"],
        *issuers["abbreviations"].values(),
        *dates["half_words"],
        *dates["recurring_words"],
        *dates["range_open_words"],
        *dates["range_close_words"],
        *dates["relative_years"],
        *(law["name"] for law in corpora.load_json("lexicons", "named_laws.json")["laws"]),
    ]
    counts = corpora.load_json("lexicons", "count_units.json")
    modality = corpora.load_json("lexicons", "modality.json")
    triggers = [*modality["zero_triggers_open"], *modality["zero_triggers_headed"]]
    anywhere += [
        *triggers,
        *modality["strong_target"],
        *modality["strong_actual"],
        *modality["zero_compounds"],
        *(p for p in modality["target"] + modality["actual"] if " " in p),
    ]
    after = [
        *units,
        *(f"{unit} {head}" for unit, spec in units.items() for head in spec.get("heads", [])),
        *counts["percent_list_units"],
        *modality["zero_heads"],
        *modality["zero_person_heads"],
        *counts["generic"]["never_heads"],
    ]  # "100 điểm", "3 tháng": measures, so no count is made of them
    preferred = _unique(data["phrases"])
    # one bare syllable read anywhere is too ambiguous ("bo": bộ, bò, bỏ …): lexicon phrases need two words
    tables = [
        {**_unique(p for p in anywhere if " " in p.strip()), **preferred},
        _unique(data["before_number"]),
        _unique(after),
    ]
    anywhere_t, before_t, after_t = tables

    def compile_(pattern: str, table: dict[str, str]) -> re.Pattern[str] | None:
        return re.compile(pattern.format(_alternation(table)), re.IGNORECASE) if table else None

    symbols = [
        *issuers["abbreviations"],
        *(a for kind in types for a in kind["abbreviations"] + kind["symbol_hints"]),
    ]
    return _Tables(
        anywhere_t,
        before_t,
        after_t,
        compile_(r"(?<![^\W\d_])(?:{})(?![^\W\d_])", anywhere_t),
        compile_(r"(?<![^\W\d_])(?:{})(?=\s+(?:\d|[IVX]+\b))", before_t),
        compile_(
            r"(?:(?<=\d)|(?<=%)|(?<=\b"
            + r")|(?<=\b".join(_lookbehinds(triggers))
            + r"))(\s+)((?:{}))(?![^\W\d_])",
            after_t,
        ),
        {strip_diacritics(a): a for a in symbols if "Đ" in a},
    )


def _lookbehinds(phrases: list[str]) -> list[str]:
    """Fixed-width look-behind bodies for each phrase, with and without its diacritics."""
    forms = {form for phrase in phrases for form in (phrase, strip_diacritics(phrase))}
    return [re.escape(form) for form in sorted(forms)]


def _with_case(typed: str, restored: str) -> str:
    """``restored`` with the case of ``typed``, letter by letter (both have the same length)."""
    return "".join(r.upper() if t.isupper() else r for t, r in zip(typed, restored, strict=True))


def restore_key_phrases(text: str) -> tuple[str, int]:
    """``text`` with the lexicons' phrases given back their diacritics, and how many were restored."""
    tables = _tables()
    chars = list(text)
    restored = 0

    def put(start: int, typed: str, table: dict[str, str]) -> None:
        nonlocal restored
        words = typed.split()
        if typed.isupper() and len(words) == 1 and len(typed) <= 5:
            return  # an abbreviation ("TU" in "18-CT/TU" is Tỉnh ủy, not "từ")
        if any(w.isupper() and len(w) > 1 for w in words) and not typed.isupper():
            return  # "TU ngay": an abbreviation followed by a word
        full = table.get(" ".join(typed.lower().split()))
        if full is None or len(full) != len(" ".join(typed.split())):
            return
        if " ".join(typed.split()) != typed:  # spacing other than single spaces: restore word by word
            return
        chars[start : start + len(typed)] = _with_case(typed, full)
        restored += 1

    for pattern, table, group in (
        (tables.anywhere_re, tables.anywhere, 0),
        (tables.before_number_re, tables.before_number, 0),
        (tables.after_number_re, tables.after_number, 2),
    ):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            put(match.start(group), match.group(group), table)
    for match in _SYMBOL_PART.finditer(text):  # "349-QD/TU" → "349-QĐ/TU", "96/2016/ND-CP" → "…/NĐ-CP"
        full = tables.symbols.get(match.group())
        if full is not None and len(full) == len(match.group()):
            chars[match.start() : match.end()] = full
            restored += 1
    return "".join(chars), restored


# an upper-case part of a document number: after "12/", "12-", "/2016/" or before "-CP", "/TU"
_SYMBOL_PART = re.compile(r"(?<=[\d/-])[A-Z]{2,8}(?=[-/]|\b)|\b[A-Z]{2,8}(?=[-/][A-Z])")


# --- every other syllable: the most likely full form given its neighbours (models/diacritics) -------------

# a run of syllables typed together: words separated by one space, not by punctuation, digits or lines
_RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@dataclass(frozen=True)
class _SyllableModel:
    forms: dict[str, dict[str, int]]  # bare → {full form: times seen}
    seen: dict[str, int]  # full form → times seen
    total: int  # syllables counted
    pairs: dict[tuple[str, str], int]  # (full, full) → times seen side by side
    followers: dict[str, tuple[int, int]]  # full → (times it has a right neighbour, distinct neighbours)


@cache
def _syllable_model() -> _SyllableModel:
    import json

    from models import MODELS_DIR

    data = json.loads((MODELS_DIR / "diacritics" / "syllables.json").read_text(encoding="utf-8"))
    seen = {form: n for full in data["forms"].values() for form, n in full.items()}
    pairs: dict[tuple[str, str], int] = {}
    followers: dict[str, list[int]] = {}
    for key, n in data["pairs"].items():
        left, right = key.split(" ", 1)
        pairs[(left, right)] = n
        tally = followers.setdefault(left, [0, 0])
        tally[0] += n
        tally[1] += 1
    return _SyllableModel(
        data["forms"],
        seen,
        sum(seen.values()),
        pairs,
        {form: (n, distinct) for form, (n, distinct) in followers.items()},
    )


def _candidates(typed: str, model: _SyllableModel) -> list[str]:
    """Full forms a typed syllable may stand for; itself alone when it is not bare, an abbreviation
    ("UBND", "TU") or unknown."""
    lower = typed.lower()
    if strip_diacritics(lower) != lower or (typed.isupper() and len(typed) > 1):
        return [lower]
    return list(model.forms.get(lower) or [lower])


def _log_unigram(form: str, model: _SyllableModel) -> float:
    import math

    return math.log((model.seen.get(form, 0) + 0.5) / (model.total + 0.5 * (len(model.seen) + 1)))


def _log_next(previous: str, form: str, model: _SyllableModel) -> float:
    """log P(form | previous), Witten-Bell: the pair's share, mixed with the form's own frequency in
    proportion to how many different syllables were seen after ``previous``."""
    import math

    n, distinct = model.followers.get(previous, (0, 0))
    if n == 0:
        return _log_unigram(form, model)
    return math.log(
        (model.pairs.get((previous, form), 0) + distinct * math.exp(_log_unigram(form, model)))
        / (n + distinct)
    )


def _decode(syllables: list[str], model: _SyllableModel) -> list[str]:
    """Bigram Viterbi over the full forms each syllable may stand for: the most likely sentence."""
    options = [_candidates(s, model) for s in syllables]
    best: dict[str, tuple[float, list[str]]] = {c: (_log_unigram(c, model), [c]) for c in options[0]}
    for here in options[1:]:
        step: dict[str, tuple[float, list[str]]] = {}
        for form in here:
            score, path = max(
                (
                    (score + _log_next(previous, form, model), path)
                    for previous, (score, path) in best.items()
                ),
                key=lambda sp: sp[0],
            )
            step[form] = (score, [*path, form])
        best = step
    return max(best.values(), key=lambda sp: sp[0])[1]


def restore_syllables(text: str) -> tuple[str, int]:
    """``text`` with each syllable typed bare given its most likely diacritics (same length, case kept
    letter by letter), and how many syllables changed. Syllables the model has not seen stay as typed."""
    model = _syllable_model()
    chars = list(text)
    changed = 0
    for run in _RUN.finditer(text):
        typed = run.group().split(" ")
        if all(_candidates(s, model) == [s.lower()] for s in typed):
            continue
        position = run.start()
        for syllable, full in zip(typed, _decode(typed, model), strict=True):
            if full != syllable.lower() and len(full) == len(syllable):
                chars[position : position + len(syllable)] = _with_case(syllable, full)
                changed += 1
            position += len(syllable) + 1
    return "".join(chars), changed
