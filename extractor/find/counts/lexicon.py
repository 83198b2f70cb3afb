"""The count finder's vocabulary, compiled once per process from ``corpora/lexicons/``
(``count_units.json``: units, skips, generic noun phrases, zero claims; ``modality.json``: cues)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractor import lexicons, numbers_vi
from extractor.find.patterns import alternation, first_letter_test, words_re


@dataclass(frozen=True)
class Generic:
    """Vocabulary that delimits an unlisted unit noun phrase (``count_units.json`` → ``generic``)."""

    classifiers: frozenset[str]
    never_heads: frozenset[str]
    stops: frozenset[str]
    blocked_head_tags: frozenset[str]
    blocked_modifier_tags: frozenset[str]
    max_modifiers: int
    label_re: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns and word lists, built once per process."""

    number_re: re.Pattern[str]
    number_lower_re: re.Pattern[str]
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
    label_exception_re: re.Pattern[str]
    percent_list_units: frozenset[str]
    classifiers: frozenset[str]
    extension_stops: frozenset[str]
    zero_compound_re: re.Pattern[str]
    zero_person_re: re.Pattern[str]
    fact_cue_re: re.Pattern[str]
    fact_units: frozenset[str]
    target_lead_re: re.Pattern[str]
    generic: Generic
    clause_lead_target_re: re.Pattern[str]
    zero_generic_re: re.Pattern[str]
    zero_generic_cue_triggers: frozenset[str]
    zero_event_cue_re: re.Pattern[str]
    zero_event_cue_anywhere_re: re.Pattern[str]
    zero_never_heads: frozenset[str]
    coordinable: frozenset[str]
    zero_stop_words: frozenset[str]
    scale_re: re.Pattern[str]
    target_lead_word_re: re.Pattern[str]
    zero_list_word_re: re.Pattern[str]
    zero_list_break_re: re.Pattern[str]
    zero_nao_re: re.Pattern[str]
    zero_qualifier_re: re.Pattern[str]
    zero_trigger_cue: re.Pattern[str]


def _unit_parts(units: dict[str, Any], numbers: dict[str, Any]) -> dict[str, Any]:
    """Numbers and the units they count: the number itself, its unit, comparators, labels."""
    phrases: list[str] = []
    head_units: set[str] = set()
    for classifier, spec in units["units"].items():
        if spec["alone"]:
            phrases.append(classifier)
        for head in spec["heads"]:
            phrases.append(f"{classifier} {head}")
            head_units.add(f"{classifier} {head}")
    # A first-character test (a digit or a spelled number's first letter) before the boundary.
    first = first_letter_test(numbers_vi.spelled_words(), any_case=True, digits=True)
    # So do the patterns below that look at the words just before a number ("… $"): the engine tries
    # every position of that window, and the first-letter test rejects most of them.
    number = (
        rf"{first}(?<![\w/.,%-])(?:"
        rf"(?P<ratio>(?:{numbers_vi.RATIO_PART_PATTERN})[ \t]*/[ \t]*(?:{numbers_vi.RATIO_PART_PATTERN}))(?![\w/]|[.,]\d)"
        rf"|(?P<num>{numbers_vi.DIGITS_PATTERN})(?P<pct>[ \t]*(?:%|phần[ \t]+trăm))?(?![\w/]|[.,]\d)"
        rf"|(?P<spelled>{numbers_vi.spelled_number_pattern()})(?![\w])"
        r")"
    )
    generic = units["generic"]
    return {
        "number_re": re.compile(number, re.IGNORECASE),
        # The same pattern for the lower-cased text (every literal of it is in lower case).
        "number_lower_re": re.compile(number),
        "unit_re": re.compile(rf"[ \t]+(?P<unit>{alternation(phrases)})(?!\w)", re.IGNORECASE),
        "skip_re": re.compile(rf"[ \t]+(?:{alternation(units['skip_before_unit'])})(?=[ \t])", re.IGNORECASE),
        "after_re": re.compile(
            rf"[ \t]+(?P<cmp>{alternation(list(numbers['comparators_after']))})(?!\w)", re.IGNORECASE
        ),
        "before_re": re.compile(
            rf"{first_letter_test(numbers['comparators_before'])}"
            rf"(?<!\w)(?P<cmp>{alternation(list(numbers['comparators_before']))})[ \t]+$",
            re.IGNORECASE,
        ),
        "range_open_re": re.compile(
            rf"{first_letter_test(numbers['range_openers'])}(?<!\w)(?:{alternation(numbers['range_openers'])})[ \t]+$",
            re.IGNORECASE,
        ),
        "label_re": re.compile(
            rf"{first_letter_test(units['label_words'])}(?<!\w)(?:{alternation(units['label_words'])})[ \t]*$",
            re.IGNORECASE,
        ),
        "spelled_cue_re": re.compile(
            rf"{first_letter_test(units['spelled_count_cues'])}"
            rf"(?<!\w)(?:{alternation(units['spelled_count_cues'])})[ \t]+$",
            re.IGNORECASE,
        ),
        "not_followed_by": {k: frozenset(v) for k, v in units["not_followed_by"].items()},
        "head_units": frozenset(head_units),
        "never_counts": frozenset(units["never_counts"]),
        "label_exception_re": re.compile(
            rf"{first_letter_test(units['label_exceptions'])}"
            rf"(?<!\w)(?:{alternation(units['label_exceptions'])})[ \t]*$",
            re.IGNORECASE,
        ),
        "percent_list_units": frozenset(units["percent_list_units"]),
        "classifiers": frozenset(name for name, spec in units["units"].items() if spec["heads"]),
        "extension_stops": frozenset(units["extension_stops"]),
        "generic": Generic(
            classifiers=frozenset(generic["classifiers"]),
            never_heads=frozenset(generic["never_heads"]),
            stops=frozenset(generic["stops"]),
            blocked_head_tags=frozenset(generic["blocked_head_tags"]),
            blocked_modifier_tags=frozenset(generic["blocked_modifier_tags"]),
            max_modifiers=generic["max_modifiers"],
            label_re=re.compile(
                rf"{first_letter_test(generic['label_words'])}"
                rf"(?<!\w)(?<!tổng )(?:{alternation(generic['label_words'])})[ \t]*$",
                re.IGNORECASE,
            ),
        ),
        "coordinable": frozenset(units["units"]) | frozenset(generic["classifiers"]),
        "scale_re": re.compile(
            rf"[ \t]+(?P<scale>{alternation(list(numbers_vi.scale_words()))})(?!\w)(?![ \t]+lệ(?!\w))",
            re.IGNORECASE,
        ),
    }


def _modality_parts(modality: dict[str, Any]) -> dict[str, Any]:
    """Whether a count is done or planned: cue words, report sections, paragraph leads."""
    return {
        "cue_res": {
            name: words_re(modality[name]) for name in ("target", "actual", "strong_target", "strong_actual")
        },
        "target_section_re": words_re(modality["target_sections"]),
        "actual_section_re": words_re(modality["actual_sections"]),
        "default_modality": modality["default_by_doc_type"],
        "report_exempt": frozenset(modality["report_exempt"]),
        "fact_cue_re": re.compile(
            rf"(?:(?<!\w)|^)(?:{alternation(modality['fact_cues'])})[ \t]+(?:$|(?=\d))", re.IGNORECASE
        ),
        "fact_units": frozenset(modality["fact_units"]),
        "target_lead_re": re.compile(
            rf"^[ \t\-+•*\d.)]*(?:{alternation(modality['target_paragraph_leads'])})(?!\w)[^:\n]{{0,40}}:",
            re.IGNORECASE,
        ),
        "clause_lead_target_re": re.compile(
            rf"^[ \t\-+•*]*(?:{alternation(modality['clause_lead_target'])})(?!\w)", re.IGNORECASE
        ),
        "target_lead_word_re": re.compile(
            rf"(?:{alternation(modality['target_paragraph_leads'])})(?!\w)", re.IGNORECASE
        ),
    }


def _zero_parts(units: dict[str, Any], modality: dict[str, Any]) -> dict[str, Any]:
    """Zero claims: their triggers, heads, stops, lists and qualifiers."""
    zero_heads = modality["zero_heads"]
    zero_generic = modality["zero_generic"]
    return {
        "zero_open_re": re.compile(
            rf"(?<!\w)(?:{alternation(modality['zero_triggers_open'])})[ \t]+", re.IGNORECASE
        ),
        "zero_headed_re": re.compile(
            rf"(?<!\w)(?:{alternation(modality['zero_triggers_headed'])})[ \t]+"
            rf"(?:(?:các|những)[ \t]+)?(?={alternation(zero_heads)}(?!\w))",
            re.IGNORECASE,
        ),
        "zero_head_re": words_re(zero_heads),
        "zero_stop_re": re.compile(
            rf"[ \t]*(?:[.;:()\[\]“”\"…]|(?<!\w)(?:{alternation(modality['zero_stops'])})(?!\w))",
            re.IGNORECASE,
        ),
        # A first-letter test: the pattern is scanned over a claim's next 200 characters for its commas.
        "zero_compound_re": re.compile(
            rf"{first_letter_test(modality['zero_compounds'])}(?:{alternation(modality['zero_compounds'])})(?!\w)",
            re.IGNORECASE,
        ),
        "zero_person_re": re.compile(
            rf"(?:(?:các|những)[ \t]+)?(?:{alternation(modality['zero_person_heads'])})(?!\w)", re.IGNORECASE
        ),
        "zero_generic_re": re.compile(
            rf"(?<!\w)(?P<trigger>{alternation(zero_generic['open_triggers'] + zero_generic['cue_triggers'])})"
            rf"[ \t]+(?!(?:{alternation(zero_heads)})(?!\w))(?=[a-zà-ỹđ])",
            re.IGNORECASE,
        ),
        "zero_generic_cue_triggers": frozenset(zero_generic["cue_triggers"]),
        "zero_event_cue_re": words_re(zero_generic["event_cues"]),
        # The same cues even inside a word: where this finds none, no piece of that text holds one.
        "zero_event_cue_anywhere_re": re.compile(alternation(zero_generic["event_cues"]), re.IGNORECASE),
        "zero_never_heads": frozenset(zero_generic["never_heads"]),
        "zero_stop_words": frozenset(modality["zero_stops"]),
        "zero_list_word_re": re.compile(
            rf"(?:{alternation(modality['zero_list_words'])})(?!\w)", re.IGNORECASE
        ),
        "zero_list_break_re": re.compile(
            rf"(?:{alternation(modality['zero_list_breaks'])})(?!\w)", re.IGNORECASE
        ),
        "zero_nao_re": re.compile(
            rf"(?=[KkCc])(?<!\w)(?:{alternation(modality['zero_nao_triggers'])})[ \t]+(?P<phrase>[^\W\d][^.;:()\n\d]{{0,70}}?)"
            r"[ \t]+nào(?!\w)",
            re.IGNORECASE,
        ),
        # The first words of every zero trigger ("không", "chưa"), lower-cased: where a trigger may
        # begin (extractor.find.patterns.scan_from), found by one scan of the lower-cased text.
        "zero_trigger_cue": re.compile(
            alternation(
                trigger.split()[0].lower()
                for trigger in modality["zero_triggers_open"]
                + modality["zero_triggers_headed"]
                + modality["zero_nao_triggers"]
                + zero_generic["open_triggers"]
                + zero_generic["cue_triggers"]
            )
        ),
        "zero_qualifier_re": re.compile(
            rf"[ \t]+(?P<qualifier>(?:{alternation(modality['zero_person_qualifiers'])})(?!\w)[^.;:()\n,“”\"]{{0,50}})",
            re.IGNORECASE,
        ),
    }


@lexicons.compiled
def lexicon() -> Lexicon:
    """Compile the count lexicons (``count_units.json``, ``modality.json``, ``numbers_vi.json``)."""
    units = lexicons.load("count_units")
    modality = lexicons.load("modality")
    numbers = numbers_vi.vocabulary()
    return Lexicon(**_unit_parts(units, numbers), **_modality_parts(modality), **_zero_parts(units, modality))
