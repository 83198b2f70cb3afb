"""The claim finder's patterns, compiled once per process from ``corpora/lexicons/criterion_claims.json``.

Every cue is a lexicon phrase (:func:`extractor.find.patterns.alternation`); the grammar around
them ("đạt 05/05 tiêu chí", "Tiêu chí 1:", "đạt tiêu chuẩn “…”") is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractor import lexicons
from extractor.find.patterns import BLANKS, YEAR, alternation, first_letter_test
from extractor.numbers_vi import vocabulary

_WS = BLANKS


def _words_re(phrases: list[str], *, proper_names_too: bool = True) -> re.Pattern[str]:
    """Match ``phrases`` as words; with ``proper_names_too=False`` only in lower case or capitalized
    as a clause's first word, so "Sở Kế hoạch và Đầu tư" is not the cue "kế hoạch"."""
    if proper_names_too:
        return re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", re.IGNORECASE)
    capitalized = [p[:1].upper() + p[1:] for p in phrases]
    return re.compile(
        rf"(?<!\w)(?:{alternation(list(phrases))})(?!\w)"
        rf"|^[\s\-+•\d.)]*(?:{alternation(capitalized)})(?!\w)"
    )


@dataclass(frozen=True)
class ClaimPatterns:
    ordinals: dict[str, int]
    heading_re: re.Pattern[str]
    ratio_re: re.Pattern[str]
    all_re: re.Pattern[str]
    listed_re: re.Pattern[str]
    zero_re: re.Pattern[str]
    standard_re: re.Pattern[str]
    not_met_re: re.Pattern[str]
    skip_re: re.Pattern[str]
    target_re: re.Pattern[str]
    claim_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    recognise_re: re.Pattern[str]
    no_year_opener_re: re.Pattern[str]
    no_year_blocker_re: re.Pattern[str]
    verdict_re: re.Pattern[str]
    verdicts: dict[str, str]
    aim_re: re.Pattern[str]
    mention_re: re.Pattern[str]
    mention_blocker_re: re.Pattern[str]
    met_past_re: re.Pattern[str]
    title_re: re.Pattern[str]
    plan_doc_types: frozenset[str]
    numbered_goal_words: tuple[str, ...]
    eligibility_re: re.Pattern[str]
    eligibility_blocker_re: re.Pattern[str]
    postposed_re: re.Pattern[str]
    sub_unit_re: re.Pattern[str]
    heading_verdict_re: re.Pattern[str]
    section_break_re: re.Pattern[str]
    no_year_aim_openers: tuple[str, ...]
    aim_cue_re: re.Pattern[str]
    criterion_cue: re.Pattern[str]
    verdict_cue: re.Pattern[str]
    eligibility_cue: re.Pattern[str]
    met_cue: re.Pattern[str]
    negated_or_met_cue: re.Pattern[str]
    denial_cue: re.Pattern[str]
    eligibility_lead_cue: re.Pattern[str]


def _criterion_parts(lex: dict[str, Any]) -> dict[str, Any]:
    """Criterion headings and numbers: "Tiêu chí 1:", "đạt 05/05 tiêu chí", "Tự đánh giá: Đạt"."""
    ordinals: dict[str, int] = lex["ordinals"]
    ordinal = rf"thứ{_WS}(?:{'|'.join(sorted(ordinals, key=len, reverse=True))})"
    number = rf"(?:số{_WS})?(?:\d{{1,2}}|{ordinal})(?![\w/])"
    number_list = rf"{number}(?:[ \t]*(?:,|và|;)[ \t]*(?:tiêu{_WS}chí{_WS})?{number})*"
    criterion = rf"tiêu{_WS}chí"
    verdict_words = alternation(list(lex["verdicts"]))
    # "đạt đủ năm tiêu chí": spelled totals from the number lexicon (1–9)
    spelled_digits = "|".join(
        sorted((w for w, n in vocabulary()["digits"].items() if n), key=len, reverse=True)
    )
    # The patterns scanned over the whole text open with a test of their first letter: the engine
    # tries every position, and the test rejects most of them before the boundary and alternation.
    negated_or_met = first_letter_test(["chưa", "không", "đạt"])
    labels = lex["verdict_labels"]
    return {
        # What every match of a whole-text pattern contains, in lower case
        # (extractor.find.patterns.Cues): a text without "tiêu chí" skips five scans.
        "criterion_cue": re.compile(r"tiêu[ \t]+chí"),
        "verdict_cue": re.compile(alternation(label.lower() for label in labels)),
        # The lead words the whole-text patterns open with, in lower case: each pattern is tried only
        # where its lead word stands (extractor.find.patterns.scan_from), not at every position.
        "met_cue": re.compile("đạt"),
        "negated_or_met_cue": re.compile("chưa|không|đạt"),
        "denial_cue": re.compile("không"),
        "ordinals": ordinals,
        "heading_re": re.compile(
            rf"^[ \t]*(?:[-+•*][ \t]*)?(?:(?:\d{{1,2}}(?:\.\d{{1,2}})*|[a-zđ])[.)][ \t]*)?"
            rf"(?P<label>{criterion}{_WS}(?P<n>{number}))[ \t]*[:.–—-]",
            re.IGNORECASE | re.MULTILINE,
        ),
        "ratio_re": re.compile(
            rf"{negated_or_met}(?<!\w)(?P<neg>(?:chưa|không){_WS})?đạt{_WS}(?:được{_WS})?(?:(?:đủ|cả){_WS})?"
            rf"(?P<met>\d{{1,2}})[ \t]*/[ \t]*(?P<total>\d{{1,2}}){_WS}{criterion}(?!\w)",
            re.IGNORECASE,
        ),
        "all_re": re.compile(
            rf"(?=đ)(?<!\w)đạt{_WS}(?:được{_WS})?(?:đủ|cả|đầy{_WS}đủ|toàn{_WS}bộ){_WS}"
            rf"(?:(?P<total>\d{{1,2}}|{spelled_digits}){_WS})?(?:các{_WS})?{criterion}(?!\w)",
            re.IGNORECASE,
        ),
        "listed_re": re.compile(
            rf"{negated_or_met}(?<!\w)(?P<neg>(?:chưa|không){_WS})?đạt{_WS}(?:được{_WS})?(?:các{_WS})?{criterion}"
            rf"{_WS}(?P<list>{number_list})",
            re.IGNORECASE,
        ),
        "zero_re": re.compile(
            rf"(?=k)(?<!\w)không{_WS}(?:có|để{_WS}xảy{_WS}ra|xảy{_WS}ra)[^.;\n]{{0,80}}?"
            rf"(?:theo|thuộc|tại|quy{_WS}định{_WS}tại){_WS}(?:các{_WS})?{criterion}{_WS}(?P<list>{number_list})",
            re.IGNORECASE,
        ),
        "postposed_re": re.compile(
            rf"(?=[t\d])(?<![\w/])(?:{criterion}{_WS}(?P<list>{number_list})|(?P<met>\d{{1,2}})[ \t]*/[ \t]*(?P<total>\d{{1,2}})"
            rf"{_WS}{criterion})[ \t]+(?:(?:{alternation(lex['status_adverbs'])}){_WS})?"
            rf"(?P<neg>(?:chưa|không){_WS})?đạt(?!\w)",
            re.IGNORECASE,
        ),
        "mention_re": re.compile(
            rf"(?=T)(?<!\w)Tiêu{_WS}chí{_WS}(?P<n>\d{{1,2}}(?:[ \t]*(?:,|và)[ \t]*(?:Tiêu{_WS}chí{_WS})?\d{{1,2}})*)"
            rf"(?![\w/.,])"
        ),
        "verdict_re": re.compile(
            rf"{first_letter_test(labels)}(?<!\w)(?:{alternation(labels)})[ \t]*:[ \t]*"
            rf"(?P<verdict>{verdict_words})(?![\w/])(?![ \t]*(?:\d|đủ(?!\w)|cả(?!\w)|các(?!\w)|tiêu{_WS}chí))",
            re.IGNORECASE,
        ),
        "verdicts": lex["verdicts"],
        "heading_verdict_re": re.compile(
            rf"[ \t]*(?P<verdict>{verdict_words})[ \t]*(?:[.;]|$)", re.IGNORECASE | re.MULTILINE
        ),
        "section_break_re": re.compile(r"^[ \t]*[IVXL]{1,5}[.)][ \t]", re.MULTILINE),
    }


def _cue_parts(lex: dict[str, Any]) -> dict[str, Any]:
    """The cues around a claim: the standard's names, not met, target and aim openers, eligibility, sub-units."""
    names = alternation(lex["standard_names"])
    openers = alternation(lex["aim_openers_with_subject"] + lex["aim_openers"] + ["kế hoạch"])
    subject_word = rf"(?!(?:{openers})(?!\w))[^\s.,;:“”\"()]+"
    quote_open = r"[“\"]?[ \t]*"
    eligibility = alternation(lex["eligibility_phrases"])
    eligibility_negations = alternation(lex["eligibility_negations"])
    negated_eligibility = [
        f"{neg} {phrase}" for neg in lex["eligibility_negations"] for phrase in lex["eligibility_phrases"]
    ]
    sub_units = lex["sub_units"]
    quantity = (
        rf"(?:(?<!\w)(?:{alternation(sub_units['quantifiers'])})|(?<![\w/.,])(?!{YEAR}(?!\d))\d+(?:[.,]\d+)*(?:[ \t]*/[ \t]*\d+)?[ \t]*%?"
        rf"(?:{_WS}(?:{alternation(sub_units['comparators'])}))?)"
    )
    quote_close = r"(?:[ \t]*[”\"])?"
    return {
        "eligibility_cue": re.compile(alternation(phrase.lower() for phrase in lex["eligibility_phrases"])),
        "eligibility_lead_cue": re.compile(
            alternation(
                phrase.lower() for phrase in lex["eligibility_negations"] + lex["eligibility_phrases"]
            )
        ),
        "standard_re": re.compile(
            rf"(?=đ)(?<!\w)đạt{_WS}(?:tiêu{_WS}chuẩn|chuẩn){_WS}{quote_open}(?:{names}){quote_close}",
            re.IGNORECASE,
        ),
        "not_met_re": re.compile(
            rf"(?<!\w)(?:{alternation(lex['not_met_cues'] + negated_eligibility)})[ \t]+$", re.IGNORECASE
        ),
        "skip_re": _words_re(lex["skip_cues"]),
        "target_re": _words_re(lex["target_cues"], proper_names_too=False),
        "claim_re": _words_re(lex["claim_cues"]),
        "generic_re": re.compile(alternation(lex["generic_subjects"]), re.IGNORECASE),
        "recognise_re": re.compile(
            rf"công{_WS}nhận{_WS}(?P<subject>[^.;“”\"\n]{{2,80}}?)[ \t]+$", re.IGNORECASE
        ),
        "no_year_opener_re": re.compile(
            rf"(?<!\w)(?:{alternation(lex['no_year_openers'])})[ \t]+$", re.IGNORECASE
        ),
        "no_year_blocker_re": _words_re(lex["no_year_blockers"]),
        "aim_re": re.compile(
            rf"(?<!\w)(?:(?P<opener>{alternation(lex['aim_openers_with_subject'])}){_WS}{subject_word}"
            rf"(?:{_WS}{subject_word}){{0,5}}|(?:{alternation(lex['aim_openers'])})){_WS}$",
            re.IGNORECASE,
        ),
        "mention_blocker_re": re.compile(
            rf"(?<!\w)(?:{alternation(lex['mention_blockers'])})[ \t]+$", re.IGNORECASE
        ),
        "met_past_re": re.compile(rf"(?<!\w)(?:{alternation(lex['met_past_cues'])})[ \t]+$", re.IGNORECASE),
        "title_re": re.compile(
            rf"^[ \t\-+•]*(?:(?:{alternation(lex['title_words'])})(?!\w)[ \t]*)?"
            rf"(?:(?i:{alternation(lex['subject_openers'])})(?!\w)[ \t]*:?[ \t]*)?"
        ),
        "plan_doc_types": frozenset(lex["plan_doc_types"]),
        "numbered_goal_words": tuple(lex["numbered_goal_words"]),
        "eligibility_re": re.compile(
            rf"{first_letter_test(lex['eligibility_negations'] + lex['eligibility_phrases'])}"
            rf"(?<!\w)(?P<neg>(?:{eligibility_negations}){_WS})?(?:{eligibility})(?!\w)",
            re.IGNORECASE,
        ),
        "eligibility_blocker_re": _words_re(lex["eligibility_blockers"]),
        "sub_unit_re": re.compile(
            rf"{quantity}{_WS}(?:số{_WS})?(?:{alternation(sub_units['nouns'])})(?!\w)", re.IGNORECASE
        ),
        "no_year_aim_openers": tuple(lex["no_year_aim_openers"]),
        "aim_cue_re": _words_re(lex["aim_cues"]),
    }


@lexicons.compiled
def patterns() -> ClaimPatterns:
    """Compile the claim patterns once per process."""
    lex = lexicons.load("criterion_claims")
    return ClaimPatterns(**_criterion_parts(lex), **_cue_parts(lex))
