"""Find counts: how many of what a document reports or plans ("3.460 cuộc tuyên truyền").

Evidence kind ``count``, extractor ``"counts"``. ``value`` has this shape::

    {
      "value": 3460,            # int/float: 100 for "100% cán bộ", 5 for "05/05", 0 for a zero claim
      "unit": "cuộc tuyên truyền",  # classifier + head noun as written, lower-cased; None if absent
      "percent": False,         # True for a percentage ("100% cán bộ": value 100, percent True)
      "comparator": None,       # ">=", ">", "<", "<=" or None
      "modality": "actual",     # "actual" | "target" | "zero"
      "parent": None,           # start offset of the total this count breaks down, else None
      "total": None,            # 5 for the ratio "05/05 tiêu chí"
    }

The shape follows ``corpora/gold/GUIDELINES.md`` (what ``minhchung evaluate`` scores). A
percentage's unit runs over a coordinated list ("100% xã, phường" → "xã, phường"); a bare
percentage in a breakdown takes its total's unit ("100% công chức …, trong đó trên 80%").

What counts: a number (digits in Vietnamese style, a spelled number, a ratio "07/07", a
percentage) followed by a unit from ``corpora/lexicons/count_units.json``; a percentage
may also stand alone ("từ 70% trở lên"). Zero claims come from negated noun phrases
("không có vụ cháy nổ nào xảy ra", "không để xảy ra cháy, nổ nghiêm trọng").

What does not: section and article numbers ("1.", "2.1", "Điều 5", "Tiêu chí 3"), years,
dates and document numbers (passed in ``taken`` by the spaCy component), times, phone
numbers, "24/24". Modality comes from cue words (``corpora/lexicons/modality.json``) in the
clause before the number, the document type (a kế hoạch plans: ``target``) and the
report section (a "PHƯƠNG HƯỚNG, NHIỆM VỤ" part of a báo cáo plans too).

The pure function :func:`find_counts` is the unit of test; :func:`counts_component` is the
spaCy component ``minhchung_counts``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import corpora
from extractor import numbers_vi
from extractor.models import Evidence

EXTRACTOR = "counts"
_TAKEN_KINDS = ("legal_ref", "date")
_BOUNDARY_RE = re.compile(r"[.;:!?…](?=\s|$)|\n|\(")
_SENTENCE_END_RE = re.compile(r"[.;!?…](?=\s|$)|\n")
_FULL_STOP_RE = re.compile(r"[.!?…](?=\s|$)|\n")


def _phrase_pattern(phrase: str) -> str:
    """A regex for a lexicon phrase: spaces match any run of blanks, commas optional blanks."""
    parts = [re.escape(word) for word in phrase.split()]
    return r"[ \t]+".join(parts).replace(r",", r",[ \t]*").replace(r",[ \t]*[ \t]+", r",[ \t]*")


def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(_phrase_pattern(p) for p in ordered)


@dataclass(frozen=True)
class _Generic:
    """Vocabulary that delimits an unlisted unit noun phrase (``count_units.json`` → ``generic``)."""

    classifiers: frozenset[str]
    never_heads: frozenset[str]
    stops: frozenset[str]
    blocked_head_tags: frozenset[str]
    blocked_modifier_tags: frozenset[str]
    max_modifiers: int
    label_re: re.Pattern[str]


@dataclass(frozen=True)
class _Lexicon:
    """Compiled patterns and word lists, built once per process."""

    number_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    skip_re: re.Pattern[str]
    after_re: re.Pattern[str]
    before_re: re.Pattern[str]
    range_open_re: re.Pattern[str]
    label_re: re.Pattern[str]
    spelled_cue_re: re.Pattern[str]
    not_followed_by: dict[str, frozenset[str]]
    head_units: frozenset[str]
    never_counts: frozenset[str]
    cue_res: dict[str, re.Pattern[str]]
    zero_open_re: re.Pattern[str]
    zero_headed_re: re.Pattern[str]
    zero_head_re: re.Pattern[str]
    zero_stop_re: re.Pattern[str]
    target_section_re: re.Pattern[str]
    actual_section_re: re.Pattern[str]
    default_modality: dict[str, str]
    report_exempt: frozenset[str]
    breakdown_re: re.Pattern[str]
    label_exception_re: re.Pattern[str]
    percent_list_units: frozenset[str]
    classifiers: frozenset[str]
    extension_stops: frozenset[str]
    zero_compound_re: re.Pattern[str]
    zero_person_re: re.Pattern[str]
    fact_cue_re: re.Pattern[str]
    fact_units: frozenset[str]
    target_lead_re: re.Pattern[str]
    generic: _Generic
    clause_lead_target_re: re.Pattern[str]
    zero_generic_re: re.Pattern[str]
    zero_generic_cue_triggers: frozenset[str]
    zero_event_cue_re: re.Pattern[str]
    zero_never_heads: frozenset[str]
    coordinable: frozenset[str]
    zero_stop_words: frozenset[str]
    scale_re: re.Pattern[str]
    target_lead_word_re: re.Pattern[str]
    zero_list_word_re: re.Pattern[str]
    zero_list_break_re: re.Pattern[str]
    zero_nao_re: re.Pattern[str]
    zero_qualifier_re: re.Pattern[str]


def _words_re(words: Sequence[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", flags)


@cache
def lexicon() -> _Lexicon:
    """Compile the count lexicons (``count_units.json``, ``modality.json``, ``numbers_vi.json``)."""
    units = corpora.load_json("lexicons", "count_units.json")
    modality = corpora.load_json("lexicons", "modality.json")
    numbers = numbers_vi.vocabulary()
    phrases: list[str] = []
    head_units: set[str] = set()
    for classifier, spec in units["units"].items():
        if spec["alone"]:
            phrases.append(classifier)
        for head in spec["heads"]:
            phrases.append(f"{classifier} {head}")
            head_units.add(f"{classifier} {head}")
    number_re = re.compile(
        r"(?<![\w/.,%-])(?:"
        rf"(?P<ratio>(?:{numbers_vi.RATIO_PART_PATTERN})[ \t]*/[ \t]*(?:{numbers_vi.RATIO_PART_PATTERN}))(?![\w/]|[.,]\d)"
        rf"|(?P<num>{numbers_vi.DIGITS_PATTERN})(?P<pct>[ \t]*(?:%|phần[ \t]+trăm))?(?![\w/]|[.,]\d)"
        rf"|(?P<spelled>{numbers_vi.spelled_number_pattern()})(?![\w])"
        r")",
        re.IGNORECASE,
    )
    zero_heads = modality["zero_heads"]
    generic = units["generic"]
    zero_generic = modality["zero_generic"]
    return _Lexicon(
        number_re=number_re,
        unit_re=re.compile(rf"[ \t]+(?P<unit>{_alternation(phrases)})(?!\w)", re.IGNORECASE),
        skip_re=re.compile(rf"[ \t]+(?:{_alternation(units['skip_before_unit'])})(?=[ \t])", re.IGNORECASE),
        after_re=re.compile(
            rf"[ \t]+(?P<cmp>{_alternation(list(numbers['comparators_after']))})(?!\w)", re.IGNORECASE
        ),
        before_re=re.compile(
            rf"(?<!\w)(?P<cmp>{_alternation(list(numbers['comparators_before']))})[ \t]+$", re.IGNORECASE
        ),
        range_open_re=re.compile(rf"(?<!\w)(?:{_alternation(numbers['range_openers'])})[ \t]+$", re.IGNORECASE),
        label_re=re.compile(rf"(?<!\w)(?:{_alternation(units['label_words'])})[ \t]*$", re.IGNORECASE),
        spelled_cue_re=re.compile(
            rf"(?<!\w)(?:{_alternation(units['spelled_count_cues'])})[ \t]+$", re.IGNORECASE
        ),
        not_followed_by={k: frozenset(v) for k, v in units["not_followed_by"].items()},
        head_units=frozenset(head_units),
        never_counts=frozenset(units["never_counts"]),
        cue_res={
            name: _words_re(modality[name]) for name in ("target", "actual", "strong_target", "strong_actual")
        },
        zero_open_re=re.compile(
            rf"(?<!\w)(?:{_alternation(modality['zero_triggers_open'])})[ \t]+", re.IGNORECASE
        ),
        zero_headed_re=re.compile(
            rf"(?<!\w)(?:{_alternation(modality['zero_triggers_headed'])})[ \t]+"
            rf"(?:(?:các|những)[ \t]+)?(?={_alternation(zero_heads)}(?!\w))",
            re.IGNORECASE,
        ),
        zero_head_re=_words_re(zero_heads),
        zero_stop_re=re.compile(
            rf"[ \t]*(?:[.;:()\[\]“”\"…]|(?<!\w)(?:{_alternation(modality['zero_stops'])})(?!\w))",
            re.IGNORECASE,
        ),
        target_section_re=_words_re(modality["target_sections"]),
        actual_section_re=_words_re(modality["actual_sections"]),
        default_modality=modality["default_by_doc_type"],
        report_exempt=frozenset(modality["report_exempt"]),
        breakdown_re=re.compile(r"[ \t]*[,;:]?[ \t]*(?:trong đó|bao gồm|gồm|cụ thể)(?!\w)", re.IGNORECASE),
        label_exception_re=re.compile(rf"(?<!\w)(?:{_alternation(units['label_exceptions'])})[ \t]*$", re.IGNORECASE),
        percent_list_units=frozenset(units["percent_list_units"]),
        classifiers=frozenset(name for name, spec in units["units"].items() if spec["heads"]),
        extension_stops=frozenset(units["extension_stops"]),
        zero_compound_re=re.compile(rf"(?:{_alternation(modality['zero_compounds'])})(?!\w)", re.IGNORECASE),
        zero_person_re=re.compile(
            rf"(?:(?:các|những)[ \t]+)?(?:{_alternation(modality['zero_person_heads'])})(?!\w)", re.IGNORECASE
        ),
        fact_cue_re=re.compile(
            rf"(?:(?<!\w)|^)(?:{_alternation(modality['fact_cues'])})[ \t]+(?:$|(?=\d))", re.IGNORECASE
        ),
        fact_units=frozenset(modality["fact_units"]),
        target_lead_re=re.compile(
            rf"^[ \t\-+•*\d.)]*(?:{_alternation(modality['target_paragraph_leads'])})(?!\w)[^:\n]{{0,40}}:",
            re.IGNORECASE,
        ),
        generic=_Generic(
            classifiers=frozenset(generic["classifiers"]),
            never_heads=frozenset(generic["never_heads"]),
            stops=frozenset(generic["stops"]),
            blocked_head_tags=frozenset(generic["blocked_head_tags"]),
            blocked_modifier_tags=frozenset(generic["blocked_modifier_tags"]),
            max_modifiers=generic["max_modifiers"],
            label_re=re.compile(
                rf"(?<!\w)(?<!tổng )(?:{_alternation(generic['label_words'])})[ \t]*$", re.IGNORECASE
            ),
        ),
        clause_lead_target_re=re.compile(
            rf"^[ \t\-+•*]*(?:{_alternation(modality['clause_lead_target'])})(?!\w)", re.IGNORECASE
        ),
        zero_generic_re=re.compile(
            rf"(?<!\w)(?P<trigger>{_alternation(zero_generic['open_triggers'] + zero_generic['cue_triggers'])})"
            rf"[ \t]+(?!(?:{_alternation(zero_heads)})(?!\w))(?=[a-zà-ỹđ])",
            re.IGNORECASE,
        ),
        zero_generic_cue_triggers=frozenset(zero_generic["cue_triggers"]),
        zero_event_cue_re=_words_re(zero_generic["event_cues"]),
        zero_never_heads=frozenset(zero_generic["never_heads"]),
        coordinable=frozenset(units["units"]) | frozenset(generic["classifiers"]),
        zero_stop_words=frozenset(modality["zero_stops"]),
        zero_list_word_re=re.compile(rf"(?:{_alternation(modality['zero_list_words'])})(?!\w)", re.IGNORECASE),
        zero_list_break_re=re.compile(rf"(?:{_alternation(modality['zero_list_breaks'])})(?!\w)", re.IGNORECASE),
        zero_nao_re=re.compile(
            rf"(?=[KkCc])(?<!\w)(?:{_alternation(modality['zero_nao_triggers'])})[ \t]+(?P<phrase>[^\W\d][^.;:()\n\d]{{0,70}}?)"
            r"[ \t]+nào(?!\w)",
            re.IGNORECASE,
        ),
        zero_qualifier_re=re.compile(
            rf"[ \t]+(?P<qualifier>(?:{_alternation(modality['zero_person_qualifiers'])})(?!\w)[^.;:()\n,“”\"]{{0,50}})",
            re.IGNORECASE,
        ),
        target_lead_word_re=re.compile(
            rf"(?:{_alternation(modality['target_paragraph_leads'])})(?!\w)", re.IGNORECASE
        ),
        scale_re=re.compile(
            rf"[ \t]+(?P<scale>{_alternation(list(numbers_vi.scale_words()))})(?!\w)(?![ \t]+lệ(?!\w))",
            re.IGNORECASE,
        ),
    )


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first taken span overlapping ``[start, end)``, if any (``taken`` sorted by start)."""
    index = bisect.bisect_right(taken, (end, end))
    for span in reversed(taken[max(0, index - 4) : index]):
        if span[0] < end and start < span[1]:
            return span
    return None


def _clause_before(text: str, position: int, reach: int = 240) -> str:
    """The text of the clause that ends at ``position`` (back to . ; : or a line break)."""
    window_start = max(0, position - reach)
    window = text[window_start:position]
    boundaries = list(_BOUNDARY_RE.finditer(window))
    return window[boundaries[-1].end() :] if boundaries else window


_REGISTERED_RE = re.compile(r"(?<!\w)đăng[ \t]+ký[ \t]+$", re.IGNORECASE)


def _sentence_before(text: str, position: int, reach: int = 240) -> str:
    """The sentence up to ``position`` (back to . ! ? or a line break, at most ``reach`` characters)."""
    window_start = max(0, position - reach)
    ends = list(_FULL_STOP_RE.finditer(text, window_start, position))
    return text[ends[-1].end() if ends else window_start : position]


def _paragraph_prefix(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start:position]


@dataclass(frozen=True)
class _Sections:
    """Where a report's forward-looking sections ("PHƯƠNG HƯỚNG, NHIỆM VỤ …") start and end."""

    starts: list[int]
    is_target: list[bool]

    def target_at(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.is_target[index]


_HEADING_RE = re.compile(r"^[ \t]*(?:[IVXLC]+|[A-Z]|\d{1,2})[.)][ \t]+(?P<title>[^\n]{3,160})$", re.MULTILINE)


def _sections(text: str) -> _Sections:
    starts: list[int] = []
    flags: list[bool] = []
    for match in _HEADING_RE.finditer(text):
        title = match.group("title")
        letters = [c for c in title if c.isalpha()]
        lex = lexicon()
        if not letters:
            continue
        if sum(c.isupper() for c in letters) < 0.8 * len(letters):
            if len(title) <= 100 and not _SENTENCE_END_RE.search(title) and lex.target_lead_word_re.match(title):
                starts.append(match.start())  # "4. Phương hướng 6 tháng cuối năm 2025" on its own line
                flags.append(True)
            continue
        starts.append(match.start())
        flags.append(bool(lex.target_section_re.search(title)) and not lex.actual_section_re.search(title))
    return _Sections(starts, flags)


def _modality(
    text: str,
    position: int,
    comparator: str | None,
    trailing: bool,
    doc_type: str | None,
    sections: _Sections,
    unit: str | None = None,
    percent: bool = False,
) -> str:
    """Actual, or target: cues in the clause, then the report section, then the document type.

    ``trailing`` is true when the comparator came after the number ("70% trở lên"), the
    wording of a requirement.
    """
    lex = lexicon()
    clause = _clause_before(text, position)
    default = lex.default_modality.get(doc_type or "")
    strong_target = lex.cue_res["strong_target"].search(clause)
    if strong_target and not (default == "actual" and strong_target.group(0).lower() in lex.report_exempt):
        return "target"
    if lex.cue_res["strong_actual"].search(clause):
        return "actual"
    if lex.clause_lead_target_re.match(clause):
        return "target"  # "Đảm bảo 100% cán bộ …": a requirement, even in a report
    if not percent and unit in lex.fact_units and (
        lex.fact_cue_re.search(text[max(0, position - 30) : position])
        or lex.fact_cue_re.match(clause.lstrip() + " ")
        and len(clause) < 80
    ):
        return "actual"  # "Tổ dân phố số 5 (gồm 286 hộ, …)": a fact, not a goal
    if lex.target_lead_re.match(_paragraph_prefix(text, position)):
        return "target"  # "Phương hướng năm 2024: giảm ít nhất 50% …"
    if sections.target_at(position) or default == "target":
        return "target"
    sentence = _sentence_before(text, position)
    carried = lex.cue_res["strong_target"].search(sentence)
    if (
        carried
        and carried.group(0).lower() not in lex.report_exempt
        and not _REGISTERED_RE.search(sentence, 0, carried.start())
    ):
        return "target"  # "Năm 2025, Công ty phấn đấu …; 100% người lao động được …": the goal runs on
    has_actual = bool(lex.cue_res["actual"].search(clause))
    if comparator == ">=" and (trailing or default is None) and not has_actual:
        return "target"
    if default is None and lex.cue_res["target"].search(clause):
        return "target"
    return "actual"


def _value(
    *,
    value: int | float | None,
    unit: str | None,
    percent: bool = False,
    comparator: str | None = None,
    modality: str,
    total: int | None = None,
    scale: str | None = None,
) -> dict[str, Any]:
    """A count's value; with a scale word ("2,3 tỷ đồng") the value is multiplied out (2300000000,
    unit "đồng") and ``multiplier``/``surface_value`` keep what was written ("tỷ", 2.3)."""
    result: dict[str, Any] = {
        "value": value,
        "unit": unit,
        "percent": percent,
        "comparator": comparator,
        "modality": modality,
        "parent": None,
        "total": total,
    }
    if scale is not None and value is not None:
        result["value"] = numbers_vi.scaled(value, scale)
        result["multiplier"] = scale.lower()
        result["surface_value"] = value
    return result


def _normal_unit(surface: str) -> str:
    return " ".join(surface.lower().split()).replace(" ,", ",")


def _match_unit(text: str, position: int) -> re.Match[str] | None:
    """The unit right after ``position``, rejecting a classifier that begins another word."""
    lex = lexicon()
    match = lex.unit_re.match(text, position)
    if not match:
        return None
    unit = _normal_unit(match.group("unit"))
    blocked = lex.not_followed_by.get(unit)
    if blocked:
        following = re.match(r"[ \t]+(\w+)", text[match.end() : match.end() + 30])
        if following and following.group(1).lower() in blocked:
            return None
    return match


_PAREN_AFTER_RE = re.compile(r"[^.;:()\n\d%]{0,40}?\(")
_LIST_SEPARATOR_RE = re.compile(r"[ \t]*,|[ \t]+(?:và|hoặc)(?=[ \t])")


def _coordinated_end(text: str, position: int) -> int:
    """End of a coordinated list of the standard's subjects starting before ``position`` ("xã, phường")."""
    allowed = lexicon().percent_list_units
    while True:
        separator = _LIST_SEPARATOR_RE.match(text, position)
        following = _match_unit(text, separator.end()) if separator else None
        if following is None or _normal_unit(following.group("unit")) not in allowed:
            return position
        position = following.end()


_EXTENSION_WINDOW_RE = re.compile(r"[ \t]+([^.,;:()\[\]\n“”\"…/%\d]{1,60})")


#: The longest text handed to underthesea: its tokenizer is quadratic on long runs such as a
#: "1.1.1.…" chain, so whatever the document holds, it only ever sees a short window.
UNDERTHESEA_MAX_CHARS = 96


@lru_cache(maxsize=4096)
def _segment(window: str) -> tuple[str, ...]:
    """underthesea's word segmentation of a short window (imported on first use, results cached)."""
    from underthesea import word_tokenize

    return tuple(word_tokenize(window[:UNDERTHESEA_MAX_CHARS]))


def _extend_unit(text: str, position: int) -> int:
    """After a bare classifier ("06/06 đội"), extend the unit over the noun phrase that follows
    ("đội thuế", "vụ phạm pháp hình sự"): underthesea segments a short window into words; at
    most two words are taken, stopping at a function word or verb of ``extension_stops``."""
    window = _EXTENSION_WINDOW_RE.match(text, position)
    if not window:
        return position
    stops = lexicon().extension_stops
    cursor = window.start(1)
    end = position
    for index, word in enumerate(_segment(window.group(1))[:2]):
        lowered = word.lower()
        if lowered in stops or not word.replace(" ", "").isalpha() or word[0].isupper():
            break
        if index == 1 and (" " not in word or " " not in text[position:end].strip()):
            break  # a second word only when both are compounds ("vụ trộm cắp tài sản")
        found = text.find(word.split()[0], cursor)
        if found < 0:
            break
        tail = re.match(r"[ \t]+".join(re.escape(part) for part in word.split()), text[found:])
        if tail is None:
            break
        end = cursor = found + tail.end()
    return end


_PHRASE_WINDOW_RE = re.compile(r"[ \t]*([^ \t.;:()\[\]\n“”\"…/%\d][^.;:()\[\]\n“”\"…/%\d]{0,80})")
_PHRASE_WINDOW_CHARS = 48


@lru_cache(maxsize=8192)
def _tagged(window: str) -> tuple[tuple[str, str], ...]:
    """underthesea's POS tags of a short window (imported on first use, results cached)."""
    from underthesea import pos_tag

    return tuple((word, tag) for word, tag in pos_tag(window[:UNDERTHESEA_MAX_CHARS]))


def _window(text: str, position: int) -> tuple[int, str] | None:
    """The short window of words after ``position`` (up to punctuation or a digit), cut at a word end."""
    match = _PHRASE_WINDOW_RE.match(text, position)
    if not match:
        return None
    window = match.group(1)
    if len(window) > _PHRASE_WINDOW_CHARS:
        cut = window.rfind(" ", 0, _PHRASE_WINDOW_CHARS)
        window = window[: cut if cut > 0 else _PHRASE_WINDOW_CHARS]
    return match.start(1), window.rstrip()


def _is_word(word: str) -> bool:
    return word.replace(" ", "").isalpha() and word[0].islower()


def _noun_phrase_end(
    text: str,
    position: int,
    *,
    head_end: int | None = None,
    extra_stops: frozenset[str] = frozenset(),
    any_head: bool = False,
    coordination_only: bool = False,
) -> int | None:
    """Delimit a unit noun phrase after ``position`` with underthesea POS tags on a short window.

    Without ``head_end`` the first word is the head and must look like a noun ("386 trẻ", "03 chợ");
    ``None`` when it does not. With ``head_end`` (a listed unit starting at ``position`` already read:
    "xã") only modifiers are added ("xã biên giới", "khẩu súng"). Modifiers are nouns or adjectives, a verb only right after a
    classifier ("ca phẫu thuật"), at most ``max_modifiers`` words; a one-syllable head may coordinate
    with one more ("nhóm, lớp").
    """
    generic = lexicon().generic
    found = _window(text, position)
    if found is None:
        return None if head_end is None else head_end
    offset, window = found
    tokens = _tagged(window)
    stops = generic.stops | extra_stops
    cursor = 0
    end = position
    spans: list[tuple[str, str, int]] = []
    for word, tag in tokens:
        at = window.find(word, cursor)
        if at < 0:
            break
        cursor = at + len(word)
        spans.append((word, tag, offset + cursor))
    index = 0
    classifier = False
    if head_end is not None:
        head = _normal_unit(text[position:head_end])
        end = head_end
        while index < len(spans) and spans[index][2] <= head_end:
            index += 1
    else:
        if not spans:
            return None
        word, tag, word_end = spans[0]
        lowered = word.lower()
        if (
            not _is_word(word)
            or (tag in generic.blocked_head_tags and lowered not in generic.classifiers)
            or (lowered in generic.never_heads and not any_head)
            or lowered in stops
            or lowered.split()[0] in stops
        ):
            return None
        head, end, index = lowered, word_end, 1
        if tag in ("Nc", "Nu"):
            classifier = True
    classifier = classifier or head in generic.classifiers or head in lexicon().classifiers
    if index < len(spans) and spans[index][0] == "," and " " not in head:
        if index + 1 < len(spans):
            word, tag, word_end = spans[index + 1]
            following = spans[index + 2][0] if index + 2 < len(spans) else ""
            if (
                word.split()[0].lower() in lexicon().coordinable
                and (" " not in word or word.lower() not in lexicon().coordinable)
                and _is_word(word)
                and tag not in generic.blocked_modifier_tags
                and word.lower() not in stops
                and following != ","
            ):
                return word_end  # "14 nhóm, lớp"
        return end
    if coordination_only:
        return end
    for taken_words, (word, tag, word_end) in enumerate(spans[index:]):
        lowered = word.lower()
        if not _is_word(word) or lowered in stops or lowered.split()[0] in stops:
            break
        compound = tag == "V" and taken_words == 0 and (classifier or (" " not in head and " " not in word))
        if tag in generic.blocked_modifier_tags and not compound:
            break  # a verb only right after a classifier, or one syllable completing one ("bếp ăn")
        end = word_end
        if taken_words + 1 >= generic.max_modifiers:
            break
    return end


_RATE_SUBSET_RE = re.compile(r",[ \t]*riêng(?:[ \t]+(?:các|những|số))?(?=[ \t])", re.IGNORECASE)
_RATE_OBJECT_RE = re.compile(r"[ \t]+(?:các|những|số)(?=[ \t])", re.IGNORECASE)
_RATE_RE = re.compile(r"(?<!\w)tỷ[ \t]+lệ(?:[ \t]+số)?(?=[ \t])", re.IGNORECASE)
_RATE_GAP_VERB_RE = re.compile(r"(?<!\w)(?:đạt|được|là|chiếm|bằng)(?!\w)", re.IGNORECASE)


def _rate(clause: str) -> tuple[str | None, int | None]:
    """"Tỷ lệ người lao động được đóng BHXH đạt 98,5%": the unit named after "tỷ lệ", and where
    "tỷ lệ" starts when it governs the number directly ("đạt tỷ lệ 100%", "tỷ lệ học sinh bỏ
    học dưới 0,5%": the span starts there)."""
    rates = list(_RATE_RE.finditer(clause))
    if not rates:
        return None, None
    last = rates[-1]
    unit = _match_unit(clause, last.end())
    gap = clause[last.end() :]
    governs = len(gap.split()) <= 8 and not _RATE_GAP_VERB_RE.search(gap)
    if unit:
        start, end = unit.start("unit"), unit.end()
        if " " not in unit.group("unit").strip():  # "tỷ lệ người bệnh hài lòng": "người" alone says little
            end = _noun_phrase_end(clause, start, head_end=end) or end
    else:  # an unlisted noun: "tỷ lệ phụ huynh hài lòng … đạt 98,7%"
        start = last.end() + len(clause[last.end() :]) - len(clause[last.end() :].lstrip(" \t"))
        end = _noun_phrase_end(clause, last.end()) or start
        if end == start:  # a verb first: "tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 85%"
            for word in _RATE_OBJECT_RE.finditer(clause, last.end(), last.end() + 60):
                found = _match_unit(clause, word.end())
                if found:
                    start, end = found.start("unit"), found.end()
                    end = _noun_phrase_end(clause, start, head_end=end) or end
                    break
    subsets = list(_RATE_SUBSET_RE.finditer(clause, last.end()))
    if subsets:  # "…, riêng các vụ án rất nghiêm trọng đạt 100%": the rate of that part
        found = _match_unit(clause, subsets[-1].end())
        if found:
            start, end = found.start("unit"), _noun_phrase_end(clause, found.start("unit"), head_end=found.end())
            end = end or found.end()
    return (_normal_unit(clause[start:end]) or None), (last.start() if governs else None)


def _number_candidates(text: str) -> Iterator[tuple[int, int, int | float | None, int | float | None, int | None, bool]]:
    """Numbers that may be counts: ``(start, end, value, percent, total, spelled)``."""
    lex = lexicon()
    for match in lex.number_re.finditer(text):
        start, end = match.span()
        parse_total = None
        percent: int | float | None = None
        value: int | float | None
        spelled = match.group("spelled")
        if match.group("ratio"):
            if match.group("ratio").replace(" ", "") in lex.never_counts:
                continue
            ratio = numbers_vi.parse_ratio(match.group("ratio"))
            if ratio is None:
                continue
            value, parse_total = ratio
        elif spelled:
            if spelled.lower() == "không":
                continue
            value = numbers_vi.parse_spelled(spelled)
            if value is None or spelled.split()[0].lower() in numbers_vi.vocabulary()["multipliers"]:
                continue  # "triệu" of "150 triệu đồng" is part of the unit
            if spelled.lower() in ("một", "năm") and not lex.spelled_cue_re.search(text[max(0, start - 30) : start]):
                continue
        else:
            value = numbers_vi.parse_digits(match.group("num"))
            if value is None:
                continue
            digits = match.group("num")
            if len(digits) >= 9 and digits.startswith("0"):
                continue  # a phone number
            if match.group("pct"):
                percent = value
        before = text[max(0, start - 30) : start]
        if percent is None and lex.label_re.search(before) and not lex.label_exception_re.search(before):
            continue
        yield start, end, value, percent, parse_total, bool(spelled)


_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_ACRONYM_BEFORE_RE = re.compile(r"(?<!\w)[A-ZĐ]{2,}[ \t]+$")


def _generic_unit(
    text: str, start: int, end: int, *positions: int | None
) -> tuple[int | None, int | None]:
    """A unit the lexicon does not list: the noun phrase after the number ("6.218 ca phẫu thuật"),
    unless the number is a label ("số 12 đường …"), a year or a paragraph's section number."""
    lex = lexicon()
    if _YEAR_RE.fullmatch(text[start:end]) or lex.generic.label_re.search(text[max(0, start - 30) : start]):
        return None, None
    if not _paragraph_prefix(text, start).strip() or text[max(0, start - 1) : start] in ("“", '"', "'"):
        return None, None  # a section number; a name ("phong trào “4 an toàn”")
    if _ACRONYM_BEFORE_RE.search(text, max(0, start - 20), start):
        return None, None  # "BCĐ 138 tỉnh": part of a name
    for position in positions:
        if position is None:
            continue
        phrase_end = _noun_phrase_end(text, position)
        if phrase_end is not None:
            return len(text[:position]) + (len(text[position:]) - len(text[position:].lstrip(" \t"))), phrase_end
    return None, None


_BRACKETED_RE = re.compile(r"[ \t]*\([ \t]*(?P<inner>[^()\n]{1,40}?)[ \t]*\)")


def _same_number(value: int | float | None, inner: str) -> bool:
    """Whether the bracket after a number repeats it ("bốn mươi hai (42)", "05 (năm)")."""
    return value is not None and numbers_vi.parse_number(inner) == value


def find_counts(text: str, context: Any = None, taken: Sequence[tuple[int, int]] = ()) -> list[Evidence]:
    """Every count and zero claim in normalized ``text``, in reading order.

    ``context`` is a :class:`extractor.nlp.FindContext` (only ``doc_type`` is read);
    ``taken`` holds ``(start, end)`` spans already claimed by legal references and dates.
    """
    lex = lexicon()
    doc_type = getattr(context, "doc_type", None)
    taken_spans = sorted(taken)
    sections = _sections(text)
    found: list[Evidence] = []
    for start, end, value, percent, total, spelled in _number_candidates(text):
        cursor = end
        comparator = None
        scale = None
        bracket = _BRACKETED_RE.match(text, cursor)
        if bracket and _same_number(value, bracket.group("inner")):
            cursor = bracket.end()  # "bốn mươi hai (42) cuộc", "42 (bốn mươi hai) cuộc"
        scale_match = lex.scale_re.match(text, cursor) if percent is None and total is None else None
        if scale_match:
            scale = scale_match.group("scale")
            cursor = scale_match.end()
        after = lex.after_re.match(text, cursor)
        if after:
            comparator = numbers_vi.comparator_after(after.group("cmp"))
            cursor = after.end()
        skip = lex.skip_re.match(text, cursor)
        unit_match = _match_unit(text, skip.end()) if skip else None
        if unit_match is None:
            unit_match = _match_unit(text, cursor)
        generic_start = generic_end = None
        if unit_match is None:
            generic_start, generic_end = _generic_unit(
                text, start, end, skip.end() if skip and percent is not None else None, cursor
            )
        if unit_match is None and generic_end is None and percent is None:
            continue
        unit = None
        span_end = cursor
        if generic_end is not None and generic_start is not None:
            unit = _normal_unit(text[generic_start:generic_end])
            span_end = generic_end
        rate_start = None
        if unit_match is None and percent is not None:
            clause = _clause_before(text, start)
            unit, rate_offset = _rate(clause)
            if rate_offset is not None:
                rate_start = start - len(clause) + rate_offset
        if unit_match:
            first_unit = _normal_unit(unit_match.group("unit"))
            coordinated = (
                _coordinated_end(text, unit_match.end()) if first_unit in lex.percent_list_units else unit_match.end()
            )
            if (percent is not None and first_unit in lex.percent_list_units) or coordinated > unit_match.end():
                span_end = coordinated  # "100% xã, phường", "22 xã, thị trấn", "96/112 thôn, tổ dân phố"
            elif first_unit in lex.classifiers:
                span_end = _extend_unit(text, unit_match.end())
            else:
                span_end = unit_match.end()
            if span_end == unit_match.end() and " " not in first_unit and not (
                percent is not None and first_unit in lex.percent_list_units
            ):  # "03 xã biên giới", "05 khẩu súng"; after a listed classifier only "nhóm, lớp"
                span_end = _noun_phrase_end(
                    text, unit_match.start("unit"), head_end=span_end, coordination_only=first_unit in lex.classifiers
                ) or span_end
            unit = _normal_unit(text[unit_match.start("unit") : span_end])
        overlap = _overlaps(taken_spans, start, end)
        if overlap is not None and not (
            total is not None and unit_match and start <= overlap[0] and overlap[1] <= end
        ):
            continue
        if unit_match and unit_match.group("unit")[0].isupper():
            prefix = _paragraph_prefix(text, start)
            if not prefix.strip(" \t(-–+•"):
                continue  # "3 Đơn vị …" at a paragraph start is a section number
        span_start = start
        before = text[max(0, start - 30) : start]
        cmp_before = lex.before_re.search(before)
        if cmp_before:
            comparator = numbers_vi.comparator_before(cmp_before.group("cmp"))
            span_start = start - (len(before) - cmp_before.start())
        elif comparator == ">=":
            opener = lex.range_open_re.search(before)
            if opener:
                span_start = start - (len(before) - opener.start())
        if rate_start is not None:
            span_start = min(span_start, rate_start)
        modality = _modality(text, start, comparator, after is not None, doc_type, sections, unit, percent is not None)
        confidence = 0.9 if (unit in lex.head_units or total is not None) else 0.85
        if unit is None:
            confidence = 0.75
        if spelled:
            confidence -= 0.1
        found.append(
            Evidence(
                kind="count",
                text=text[span_start:span_end],
                start=span_start,
                end=span_end,
                value=_value(
                    value=value,
                    unit=unit,
                    percent=percent is not None,
                    comparator=comparator,
                    modality=modality,
                    total=total,
                    scale=scale,
                ),
                confidence=confidence,
                extractor=EXTRACTOR,
            )
        )
    found.extend(_zero_claims(text, taken_spans))
    found.sort(key=lambda item: (item.start, item.end))
    _link_breakdowns(text, found)
    _inherit_rate_units(text, found)
    return found


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
            if earlier.start >= sentence_start and earlier.value["unit"] and earlier.value["modality"] != "zero":
                item.value["unit"] = _LEADING_VISITS_RE.sub("", earlier.value["unit"])
                break
        if (
            previous is not None
            and previous.value["unit"]
            and previous.value["modality"] != "zero"
            and _RATE_AFTER_RE.fullmatch(text, previous.end, item.start)
            and (item.value["unit"] or "").split()[:1] != previous.value["unit"].split()[:1]
        ):
            item.value["unit"] = previous.value["unit"]  # "…, làm rõ 10/11 vụ, đạt 90,9%": a rate of that count
            for earlier in counts[:index]:  # "11 vụ phạm pháp hình sự … làm rõ 10/11 vụ": the fuller name
                unit = earlier.value["unit"] or ""
                if earlier.start >= sentence_start and unit.startswith(previous.value["unit"] + " "):
                    item.value["unit"] = unit
                    break


def _zero_phrase_end(text: str, position: int, max_words: int = 10) -> int:
    """Where the negated noun phrase starting at ``position`` ends: at a stop word, or at the
    end of its first list item ("cháy, nổ, mất tài sản" → "cháy, nổ": a compound is one item)."""
    lex = lexicon()
    window = text[position : position + 200]
    inner_commas = {
        position + m.start() + offset
        for m in lex.zero_compound_re.finditer(window)
        for offset, char in enumerate(m.group(0))
        if char == ","
    }
    person = lex.zero_person_re.match(text, position)
    if person:
        unit = _match_unit(text, position - 1) if position and text[position - 1] in " \t" else None
        end = max(person.end(), unit.end() if unit else 0)
        if " " not in _normal_unit(text[position:end]):  # "không có người tái phạm tội": "người" says nothing
            return _noun_phrase_end(text, position, head_end=end, extra_stops=lex.zero_stop_words) or end
        return end
    compound = lex.zero_compound_re.match(text, position)
    if compound and " và " in compound.group(0):  # "phụ nữ và trẻ em": one item although "và" stops
        position = compound.end()
        window = text[position : position + 200]
    cursor = position
    for count, word in enumerate(re.finditer(r"[ \t]*(,[ \t]*)?(\w+)", window)):
        absolute = position + word.start()
        if count and lex.zero_stop_re.match(text, absolute):
            return cursor
        if word.start() != cursor - position:
            return cursor
        if word.group(1) and position + word.start(1) not in inner_commas:
            return cursor
        cursor = position + word.end()
        if count + 1 >= max_words:
            return cursor
    return cursor


_ZERO_TAIL_RE = re.compile(r"[ \t]+nào(?!\w)", re.IGNORECASE)
_LEADING_ARTICLE_RE = re.compile(r"^(?:các|những|tình trạng)\s+", re.IGNORECASE)


def _generic_zero_end(text: str, match: re.Match[str]) -> int:
    """End of a zero claim on a noun the lexicon does not list ("không phát sinh điểm phức tạp"),
    or ``match.end()`` when it is none: the noun must look like one (POS), and after "không có"
    an event must follow it in the clause ("Không có công dân xuất cảnh trái phép")."""
    lex = lexicon()
    start = match.end()
    if not text[start : start + 1].islower():
        return start
    head_end = _noun_phrase_end(text, start, extra_stops=lex.zero_stop_words, any_head=True)
    if head_end is None:
        return start
    words = _normal_unit(text[start:head_end])
    if words in lex.zero_never_heads or words.split()[0] in lex.zero_never_heads:
        return start
    if " ".join(match.group("trigger").lower().split()) in lex.zero_generic_cue_triggers:
        clause_end = _SENTENCE_END_RE.search(text, head_end)
        after = text[head_end : min(head_end + 60, clause_end.start() if clause_end else len(text))]
        if not lex.zero_event_cue_re.search(after):
            return start
    return head_end


_LIST_NEXT_RE = re.compile(r"[ \t]*,[ \t]*(?:(?:và|hay|hoặc)[ \t]+)?|[ \t]+(?:và|hay|hoặc)[ \t]+", re.IGNORECASE)
_MAX_LIST_ITEMS = 8


def _zero_evidence(text: str, start: int, end: int, unit: str, confidence: float) -> Evidence:
    return Evidence(
        kind="count",
        text=text[start:end],
        start=start,
        end=end,
        value=_value(value=0, unit=unit, modality="zero"),
        confidence=confidence,
        extractor=EXTRACTOR,
    )


def _is_list_item(text: str, position: int) -> bool:
    """Whether a zero list goes on at ``position``: an event or person word of the lexicon, or a
    word underthesea tags as a noun ("đảm bảo an toàn" after the list is not an item)."""
    lex = lexicon()
    if not text[position : position + 1].islower():
        return False
    if lex.zero_list_word_re.match(text, position) or lex.zero_person_re.match(text, position):
        return True
    if lex.zero_list_break_re.match(text, position):
        return False  # a new clause ("…, đảm bảo an toàn"), without asking underthesea
    found = _window(text, position)
    if found is None:
        return False
    tags = _tagged(found[1])
    return bool(tags) and tags[0][1] in ("N", "Nc", "Np") and tags[0][0].lower() not in lex.zero_stop_words


_PERSON_LIST_RE = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:và|hoặc)[ \t]+)[^\W\d][^\W\d ]*(?:[ \t]+[^\W\d]+){0,3}?(?=[ \t]+nào(?!\w))",
    re.IGNORECASE,
)


def _person_list_end(text: str, end: int) -> int:
    """End of a coordinated list of people closed by "nào" ("cán bộ, công nhân viên nào"), else ``end``."""
    match = _PERSON_LIST_RE.match(text, end)
    return match.end() if match else end


def _zero_list(text: str, end: int, taken: list[tuple[int, int]], confidence: float) -> list[Evidence]:
    """The other items of a negated list ("không để xảy ra cháy rừng, tai nạn lao động, đuối nước
    trẻ em"): one zero claim per item after the first, each spanning the item alone."""
    items: list[Evidence] = []
    cursor = end
    for _ in range(_MAX_LIST_ITEMS):
        separator = _LIST_NEXT_RE.match(text, cursor)
        if separator is None or not _is_list_item(text, separator.end()):
            break
        item_start = separator.end()
        item_end = _zero_phrase_end(text, item_start)
        unit = _LEADING_ARTICLE_RE.sub("", _normal_unit(text[item_start:item_end])).strip(" ,")
        if item_end <= item_start or not unit or _overlaps(taken, item_start, item_end):
            break
        items.append(_zero_evidence(text, item_start, item_end, unit, confidence - 0.05))
        cursor = item_end
    return items


def _inside_quotes(text: str, position: int) -> bool:
    """Whether ``position`` sits inside “…” on its line after other words: a name ("mô hình “Dòng họ
    không có người vi phạm pháp luật”"), not a claim; a quotation that opens with the claim (“Không có
    cá nhân … vi phạm”) still is one."""
    line_start = text.rfind("\n", 0, position) + 1
    opened = text.rfind("“", line_start, position)
    return opened > text.rfind("”", line_start, position) and bool(text[opened + 1 : position].strip())


def _zero_claims(text: str, taken: list[tuple[int, int]]) -> list[Evidence]:
    lex = lexicon()
    claims: list[Evidence] = []
    for pattern, confidence in ((lex.zero_open_re, 0.8), (lex.zero_headed_re, 0.85), (lex.zero_generic_re, 0.7)):
        for match in pattern.finditer(text):
            phrase_start = match.end()
            if pattern is lex.zero_generic_re:
                phrase_end = _generic_zero_end(text, match)
            else:
                phrase_end = _zero_phrase_end(text, phrase_start)
            if phrase_end <= phrase_start:
                continue
            unit = _LEADING_ARTICLE_RE.sub("", _normal_unit(text[phrase_start:phrase_end])).strip(" ,")
            if not unit:
                continue
            if pattern is not lex.zero_generic_re and lex.zero_person_re.fullmatch(unit):
                phrase_end = _person_list_end(text, phrase_end)  # "không có cán bộ, công nhân viên nào"
                unit = _normal_unit(text[phrase_start:phrase_end])
            end = phrase_end
            tail = _ZERO_TAIL_RE.match(text, end)
            if tail:
                end = tail.end()
            qualifier = lex.zero_qualifier_re.match(text, end)
            if qualifier and pattern is not lex.zero_generic_re and lex.zero_person_re.match(unit):
                unit = f"{unit} {_normal_unit(qualifier.group('qualifier'))}"  # "… cá nhân nào vi phạm pháp luật"
                end = qualifier.end("qualifier")
            if _overlaps(taken, match.start(), end) or _inside_quotes(text, match.start()):
                continue
            claims.append(_zero_evidence(text, match.start(), end, unit, confidence))
            if not tail and pattern is not lex.zero_generic_re and not lex.zero_person_re.match(unit):
                claims.extend(_zero_list(text, phrase_end, taken, confidence))
    for match in lex.zero_nao_re.finditer(text):  # "không tiếp nhận đơn thư khiếu nại, tố cáo nào"
        unit = _LEADING_ARTICLE_RE.sub("", _normal_unit(match.group("phrase"))).strip(" ,")
        if unit and not _overlaps(taken, match.start(), match.end()):
            claims.append(_zero_evidence(text, match.start(), match.end(), unit, 0.75))
    return _unique_spans(claims)


def _unique_spans(claims: list[Evidence]) -> list[Evidence]:
    """Drop a zero claim whose span another one already covers (two triggers on one list)."""
    kept: list[Evidence] = []
    for claim in sorted(claims, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and kept[-1].start <= claim.start and claim.end <= kept[-1].end:
            continue
        kept.append(claim)
    return kept


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
    lex = lexicon()
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
            marker = lex.breakdown_re.search(text, outer.end, min(limit, outer.end + 120))
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


@Language.component("minhchung_counts")
def counts_component(doc: Doc) -> Doc:
    """spaCy component: add counts, skipping spans taken by legal references and dates."""
    from extractor.nlp import add_evidence

    evidence = doc._.evidence or []
    taken = [(item.start, item.end) for item in evidence if item.kind in _TAKEN_KINDS]
    add_evidence(doc, find_counts(doc.text, doc._.context, taken))
    return doc
