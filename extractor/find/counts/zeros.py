"""Zero claims: negated noun phrases that report nothing happened ("không có vụ cháy nổ nào xảy
ra", "không để xảy ra cháy, nổ nghiêm trọng"), with the lists they head ("không có cán bộ, đảng
viên nào vi phạm")."""

from __future__ import annotations

import re

from extractor.find.counts import noun_phrases
from extractor.find.counts.lexicon import lexicon
from extractor.find.counts.models import EXTRACTOR, count_value
from extractor.find.counts.noun_phrases import match_unit, normal_unit, noun_phrase_end, phrase_window
from extractor.find.overlaps import drop_contained, first_overlap
from extractor.find.patterns import SENTENCE_END_RE, Cues, scan_from
from extractor.models import Evidence


def _zero_phrase_end(text: str, position: int, max_words: int = 10) -> int:
    """Where the negated noun phrase starting at ``position`` ends: at a stop word, or at the
    end of its first list item ("cháy, nổ, mất tài sản" → "cháy, nổ": a compound is one item)."""
    lex = lexicon()
    window = text[position : position + 200]
    first_window, first_position = window, position
    inner_commas: set[int] | None = None  # the commas inside compounds, found when a comma is met
    person = lex.zero_person_re.match(text, position)
    if person:
        unit = match_unit(text, position - 1) if position and text[position - 1] in " \t" else None
        end = max(person.end(), unit.end() if unit else 0)
        if " " not in normal_unit(text[position:end]):  # "không có người tái phạm tội": "người" says nothing
            return noun_phrase_end(text, position, head_end=end, extra_stops=lex.zero_stop_words) or end
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
        if word.group(1):
            if inner_commas is None:
                inner_commas = {
                    first_position + m.start() + offset
                    for m in lex.zero_compound_re.finditer(first_window)
                    for offset, char in enumerate(m.group(0))
                    if char == ","
                }
            if position + word.start(1) not in inner_commas:
                return cursor
        cursor = position + word.end()
        if count + 1 >= max_words:
            return cursor
    return cursor


_ZERO_TAIL_RE = re.compile(r"[ \t]+nào(?!\w)", re.IGNORECASE)


_LEADING_ARTICLE_RE = re.compile(r"^(?:các|những|tình trạng)\s+", re.IGNORECASE)


_EVENT_REACH = 60  # how far after the noun phrase an event cue is looked for


def _event_cue_within_reach(text: str, start: int) -> bool:
    """Whether an event cue may follow a noun phrase starting at ``start``: one stands somewhere between
    ``start`` and the reach after the longest phrase its window allows (a cheap superset of the test made
    after the phrase is delimited)."""
    found = phrase_window(text, start)
    if found is None:
        return True  # no phrase at all: noun_phrase_end answers at once
    offset, window = found
    reach = offset + len(window) + _EVENT_REACH
    return lexicon().zero_event_cue_anywhere_re.search(text, start, reach) is not None


def _generic_zero_end(text: str, match: re.Match[str]) -> int:
    """End of a zero claim on a noun the lexicon does not list ("không phát sinh điểm phức tạp"),
    or ``match.end()`` when it is none: the noun must look like one (POS), and after "không có"
    an event must follow it in the clause ("Không có công dân xuất cảnh trái phép")."""
    lex = lexicon()
    start = match.end()
    if not text[start : start + 1].islower():
        return start
    needs_event = " ".join(match.group("trigger").lower().split()) in lex.zero_generic_cue_triggers
    if needs_event and not _event_cue_within_reach(text, start):
        return start  # whatever the noun, no event follows it: underthesea is not asked
    head_end = noun_phrase_end(text, start, extra_stops=lex.zero_stop_words, any_head=True)
    if head_end is None:
        return start
    words = normal_unit(text[start:head_end])
    if words in lex.zero_never_heads or words.split()[0] in lex.zero_never_heads:
        return start
    if needs_event:
        clause_end = SENTENCE_END_RE.search(text, head_end)
        after = text[head_end : min(head_end + _EVENT_REACH, clause_end.start() if clause_end else len(text))]
        if not lex.zero_event_cue_re.search(after):
            return start
    return head_end


_LIST_NEXT_RE = re.compile(
    r"[ \t]*,[ \t]*(?:(?:và|hay|hoặc)[ \t]+)?|[ \t]+(?:và|hay|hoặc)[ \t]+", re.IGNORECASE
)


_MAX_LIST_ITEMS = 8


def _zero_evidence(text: str, start: int, end: int, unit: str, confidence: float) -> Evidence:
    return Evidence(
        kind="count",
        text=text[start:end],
        start=start,
        end=end,
        value=count_value(value=0, unit=unit, modality="zero"),
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
    found = phrase_window(text, position)
    if found is None:
        return False
    tags = noun_phrases.tagged(found[1])
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
        unit = _LEADING_ARTICLE_RE.sub("", normal_unit(text[item_start:item_end])).strip(" ,")
        if item_end <= item_start or not unit or first_overlap(taken, item_start, item_end):
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


def zero_claims(text: str, taken: list[tuple[int, int]], cues: Cues | None = None) -> list[Evidence]:
    """The zero claims of ``text`` outside the ``taken`` spans. Every trigger begins with a cue word
    ("không", "chưa"): one scan finds where, and each trigger pattern is tried only there. ``cues``:
    the text's :class:`~extractor.find.patterns.Cues` when the caller has them (lower-cased once)."""
    lex = lexicon()
    claims: list[Evidence] = []
    starts = (cues or Cues(text)).starts(lex.zero_trigger_cue)
    for pattern, confidence in (
        (lex.zero_open_re, 0.8),
        (lex.zero_headed_re, 0.85),
        (lex.zero_generic_re, 0.7),
    ):
        for match in scan_from(pattern, text, starts):
            phrase_start = match.end()
            if pattern is lex.zero_generic_re:
                phrase_end = _generic_zero_end(text, match)
            else:
                phrase_end = _zero_phrase_end(text, phrase_start)
            if phrase_end <= phrase_start:
                continue
            unit = _LEADING_ARTICLE_RE.sub("", normal_unit(text[phrase_start:phrase_end])).strip(" ,")
            if not unit:
                continue
            if pattern is not lex.zero_generic_re and lex.zero_person_re.fullmatch(unit):
                phrase_end = _person_list_end(text, phrase_end)  # "không có cán bộ, công nhân viên nào"
                unit = normal_unit(text[phrase_start:phrase_end])
            end = phrase_end
            tail = _ZERO_TAIL_RE.match(text, end)
            if tail:
                end = tail.end()
            qualifier = lex.zero_qualifier_re.match(text, end)
            if qualifier and pattern is not lex.zero_generic_re and lex.zero_person_re.match(unit):
                unit = (
                    f"{unit} {normal_unit(qualifier.group('qualifier'))}"  # "… cá nhân nào vi phạm pháp luật"
                )
                end = qualifier.end("qualifier")
            if first_overlap(taken, match.start(), end) or _inside_quotes(text, match.start()):
                continue
            claims.append(_zero_evidence(text, match.start(), end, unit, confidence))
            if not tail and pattern is not lex.zero_generic_re and not lex.zero_person_re.match(unit):
                claims.extend(_zero_list(text, phrase_end, taken, confidence))
    for match in scan_from(lex.zero_nao_re, text, starts):  # "không tiếp nhận đơn thư khiếu nại, tố cáo nào"
        unit = _LEADING_ARTICLE_RE.sub("", normal_unit(match.group("phrase"))).strip(" ,")
        if unit and not first_overlap(taken, match.start(), match.end()):
            claims.append(_zero_evidence(text, match.start(), match.end(), unit, 0.75))
    return drop_contained(claims)
