"""Cue lists answer exactly as searching every pattern would, while skipping the patterns a text lacks the
words of; the anchored searches answer as searching the text before or after a position would."""

from __future__ import annotations

import re

from extractor.criteria import catalogue, incidents, thresholds
from extractor.criteria.cues import CueList, cue_list, found_after, found_before

TEXTS = [
    "Trong năm, trên địa bàn không để xảy ra cháy, nổ; phấn đấu 100% hộ gia đình đăng ký.",
    "KHÔNG ĐỂ XẢY RA CHÁY, NỔ. Sẽ tiếp tục phấn đấu.",
    "Xảy ra 02 vụ trộm cắp tài sản, đã bắt giữ kịp thời.",
    "ſẽ phát ſinh 01 vụ",  # long s: re folds it to "s" under IGNORECASE
    "İn ấn tài liệu; ΣΑΣ ας",  # dotted capital I, final sigma
    "\u212a\u212a kelvin",  # Kelvin sign folds to "k"
    "đạt  \t 91,6% \n",
    "",
]
PATTERNS = [
    r"\bsẽ\b",
    r"phát sinh",
    r"(?<!đăng ký )phấn đấu",
    r"(?:hộ|gia đình)[^.;,\d%]{0,40}?(?:đăng ký|ký (?:bản )?cam kết)",
    r"kk",
    r"in ấn",
    r"σας",
    r"(?-i:KHÔNG) để",
    r"\d+/\d+",
    r"xảy ra\s+(?:0?[1-9]\d*|một|hai|ba)?\s*vụ",
    r"^\W*không để",
]


def spans(found):
    return [match.span() if match else None for match in found]


def test_a_cue_list_answers_as_every_pattern_searched_would():
    cues = cue_list(PATTERNS)
    for text in TEXTS + [text.lower() for text in TEXTS] + [text.upper() for text in TEXTS]:
        plain = [pattern.search(text) for pattern in cues]
        assert spans(cues.searches(text)) == spans(plain), text
        first = next((match for match in plain if match), None)
        assert spans([cues.first(text)]) == spans([first])
        earliest = min((match for match in plain if match), key=lambda match: match.start(), default=None)
        assert spans([cues.earliest(text)]) == spans([earliest])
        assert cues.found_in(text) == any(plain)


def test_a_case_sensitive_pattern_is_found_by_its_own_case():
    cues = CueList([re.compile("[A-ZĐ]{2}ABC"), re.compile("Đà Nẵng")])
    assert spans(cues.searches("XXABC; ĐÀ NẴNG")) == [(0, 5), None]
    assert spans(cues.searches("xxABC")) == [None, None]
    assert spans(cues.searches("XYABC; Đà Nẵng")) == [(0, 5), (7, 14)]


def test_blanking_runs_each_cue_on_the_text_as_the_earlier_ones_left_it():
    cues = cue_list(["chương trình mục tiêu quốc gia", "ab", "a b", "(?:đăng ký|cam kết)[^.;:]*phấn đấu"])
    for text in ["Chương trình mục tiêu quốc gia; đăng ký phấn đấu đạt", "xaby", "xa2by", ""]:
        expected = text
        for pattern in cues:
            expected = pattern.sub(lambda found: " " * len(found.group(0)), expected)
        assert cues.blanked(text) == expected


def test_searches_before_and_after_a_position_match_the_cut_text():
    requirement = thresholds.ratio_requirements()["TT124.5.4"]
    patterns = [
        requirement.restatement,
        requirement.threshold_before,
        requirement.threshold_after,
        re.compile(r"(?:đạt|bằng)$"),
        re.compile(r"^trở lên"),
        re.compile(r"\bđạt\s*$"),  # not a plain core: searched whole, still the same answer
    ]
    text = "chỉ tiêu  70% trở lên; đạt 9/9, bằng\t\n 88,9%  theo quy định; từ\n50% đạt tỷ lệ 100%trở lên đạt"
    for pattern in patterns:
        for position in range(len(text) + 1):
            assert found_before(pattern, text, position) == bool(pattern.search(text[:position]))
            assert found_after(pattern, text, position) == bool(pattern.search(text[position:]))


def catalogue_cue_lists() -> list[CueList]:
    lists: list[CueList] = []

    def walk(value) -> None:
        if isinstance(value, CueList):
            lists.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(catalogue.status_cues())
    walk(catalogue.shared_cues())
    for kind in incidents.incident_kinds().values():
        lists += [kind.cues, kind.serious, kind.minor, kind.exceptions]
    for criterion in catalogue.criteria():
        lists += [criterion.cues, criterion.generic_negation, criterion.discipline_scope]
        lists += [part.cues for part in criterion.parts]
    lists += [family.keywords for family in catalogue.families().values()]
    lists += [patterns for _, _, patterns in catalogue.rating_scale()]
    lists.append(incidents.incident_cues())
    return [cues for cues in lists if cues]


def test_every_cue_list_of_the_catalogue_answers_as_its_patterns_on_the_seed_reports():
    from pathlib import Path

    from extractor.criteria.sentences import split_sentences

    seeds = sorted(Path(catalogue.__file__).parents[2].joinpath("corpora", "seeds").glob("*.txt"))
    sentences = [item.text for path in seeds for item in split_sentences(path.read_text(encoding="utf-8"))]
    texts = sentences[:400] + [text.lower() for text in sentences[:400]] + TEXTS
    lists = catalogue_cue_lists()
    assert len(lists) > 80
    for cues in lists:
        for text in texts:
            assert spans(cues.searches(text)) == spans([pattern.search(text) for pattern in cues]), text


def test_a_word_map_tells_what_the_cues_a_text_may_match_tell():
    from pathlib import Path

    from extractor.criteria.cues import WordMap
    from extractor.criteria.sentences import split_sentences

    seeds = sorted(Path(catalogue.__file__).parents[2].joinpath("corpora", "seeds").glob("*.txt"))
    sentences = [item.text for path in seeds for item in split_sentences(path.read_text(encoding="utf-8"))]
    texts = sentences[:400] + [text.lower() for text in sentences[:400]] + TEXTS
    kinds = incidents.kinds_of_cue()
    words = incidents.incident_words()
    for text in texts:
        told = {kind for cue in incidents.incident_cues().possible(text) for kind in kinds[id(cue)]}
        assert words.found_in(text) == told, text
    # words holding one another ("mắc tệ nạn xã hội" holds "tệ nạn"), a cue of no word, a case-kept cue
    cues = cue_list([r"tệ nạn", r"mắc tệ nạn xã hội", r"\bma túy", r"nghiện ma túy", r"\d+ vụ"])
    told_by = WordMap(cues, lambda pattern: [pattern.pattern])
    for text in ["Mắc tệ nạn xã hội", "nghiện MA TÚY", "02 vụ", "không", *TEXTS]:
        assert told_by.found_in(text) == {pattern.pattern for pattern in cues.possible(text)}, text
    kept = CueList([re.compile("(?-i:KHÔNG) để", re.IGNORECASE), re.compile("KHÔNG")])
    told_by = WordMap(kept, lambda pattern: [pattern.pattern])
    for text in ["KHÔNG để", "không để", *TEXTS]:
        assert told_by.found_in(text) == {pattern.pattern for pattern in kept.possible(text)}, text
