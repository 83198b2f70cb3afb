"""Where a count's unit ends: a listed unit, a coordinated list ("xã, phường"), or a noun phrase
delimited with underthesea's segmentation and POS tags on a short window ("03 xã biên giới")."""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.find.counts.first_words import first_character, first_token
from extractor.find.counts.lexicon import lexicon
from extractor.find.counts.pos_tags import pos_tag
from extractor.find.counts.word_models import word_tokenize


def normal_unit(surface: str) -> str:
    return " ".join(surface.lower().split()).replace(" ,", ",")


def match_unit(text: str, position: int) -> re.Match[str] | None:
    """The unit right after ``position``, rejecting a classifier that begins another word."""
    lex = lexicon()
    match = lex.unit_re.match(text, position)
    if not match:
        return None
    unit = normal_unit(match.group("unit"))
    blocked = lex.not_followed_by.get(unit)
    if blocked:
        following = re.match(r"[ \t]+(\w+)", text[match.end() : match.end() + 30])
        if following and following.group(1).lower() in blocked:
            return None
    return match


_LIST_SEPARATOR_RE = re.compile(r"[ \t]*,|[ \t]+(?:và|hoặc)(?=[ \t])")


def coordinated_end(text: str, position: int) -> int:
    """End of a coordinated list of the standard's subjects starting before ``position`` ("xã, phường")."""
    allowed = lexicon().percent_list_units
    while True:
        separator = _LIST_SEPARATOR_RE.match(text, position)
        following = match_unit(text, separator.end()) if separator else None
        if following is None or normal_unit(following.group("unit")) not in allowed:
            return position
        position = following.end()


_EXTENSION_WINDOW_RE = re.compile(r"[ \t]+([^.,;:()\[\]\n“”\"…/%\d]{1,60})")


#: The longest text handed to underthesea: its tokenizer is quadratic on long runs such as a
#: "1.1.1.…" chain, so whatever the document holds, it only ever sees a short window.
UNDERTHESEA_MAX_CHARS = 96


@lru_cache(maxsize=4096)
def segment(window: str) -> tuple[str, ...]:
    """underthesea's word segmentation of a short window (:mod:`.word_models`: loaded on first use;
    results cached)."""
    return tuple(word_tokenize(window[:UNDERTHESEA_MAX_CHARS]))


def extend_unit(text: str, position: int) -> int:
    """After a bare classifier ("06/06 đội"), extend the unit over the noun phrase that follows
    ("đội thuế", "vụ phạm pháp hình sự"): underthesea segments a short window into words; at
    most two words are taken, stopping at a function word or verb of ``extension_stops``."""
    window = _EXTENSION_WINDOW_RE.match(text, position)
    if not window:
        return position
    stops = lexicon().extension_stops
    # Answers known before underthesea is asked (:mod:`.first_words`): a first word opening with a
    # capital or a sign stops the extension; a window of one word is that word.
    first = first_character(window.group(1))
    if first is not None and (first.isupper() or not first.isalpha()):
        return position
    alone = first_token(window.group(1))
    if alone is not None and not window.group(1)[len(alone) :].strip():
        return position if alone.lower() in stops else window.start(1) + len(alone)
    cursor = window.start(1)
    end = position
    for index, word in enumerate(segment(window.group(1))[:2]):
        lowered = word.lower()
        if lowered in stops or not word.replace(" ", "").isalpha() or word[0].isupper():
            break
        if index == 1 and (" " not in word or " " not in text[position:end].strip()):
            break  # a second word only when both are compounds ("vụ trộm cắp tài sản")
        found = text.find(word.split()[0], cursor)
        if found < 0:
            break
        # matched in place, not on a copy of the rest of the text (linear in a long report)
        tail = re.compile(r"[ \t]+".join(re.escape(part) for part in word.split())).match(text, found)
        if tail is None:
            break
        end = cursor = tail.end()
    return end


_PHRASE_WINDOW_RE = re.compile(r"[ \t]*([^ \t.;:()\[\]\n“”\"…/%\d][^.;:()\[\]\n“”\"…/%\d]{0,80})")


_PHRASE_WINDOW_CHARS = 48


@lru_cache(maxsize=8192)
def tagged(window: str) -> tuple[tuple[str, str], ...]:
    """underthesea's POS tags of a short window (:mod:`.pos_tags`: its model, loaded on first use; cached)."""
    return tuple(pos_tag(window[:UNDERTHESEA_MAX_CHARS]))


def phrase_window(text: str, position: int) -> tuple[int, str] | None:
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


def _may_open_a_head(window: str, stops: frozenset[str], never_heads: frozenset[str], any_head: bool) -> bool:
    """False when the first word of ``window`` cannot be a head, whatever underthesea says (see
    :func:`noun_phrase_end`): it opens with something other than a small letter, its first syllable is a
    stop word, or it is a word alone (the window's end or a comma after it) that is never a head."""
    first = first_character(window)
    if first is not None and not first.islower():
        return False
    leading = first_token(window)
    if leading is None:
        return True
    lowered = leading.lower()
    if lowered in stops:
        return False
    alone = len(leading) == len(window) or window[len(leading)] == ","
    return not (alone and lowered in never_heads and not any_head)


def _nothing_to_add(window: str, offset: int, head_end: int, head: str, coordination_only: bool) -> bool:
    """True when no word after a listed head ending at ``head_end`` can join it, whatever underthesea
    says (see :func:`noun_phrase_end`): nothing but a comma follows it in ``window`` (found at
    ``offset``); or only a coordination may join and none can: a head of two syllables takes none, and a
    one-syllable head needs a comma after it and then a word opening with a unit ("nhóm, lớp"; the
    window's only comma, so that underthesea's comma is this one)."""
    rest = window[max(0, head_end - offset) :]
    if rest.strip() in ("", ","):
        return True
    if not coordination_only:
        return False
    if " " in head or "," not in rest:
        return True
    opened = rest.lstrip(" \t")
    if not opened.startswith(",") or window.count(",") != 1:
        return False
    after = opened[1:].lstrip(" \t")
    first = first_character(after)
    if first is not None and not first.islower():
        return True
    token = first_token(after)
    return token is not None and token.lower() not in lexicon().coordinable


def noun_phrase_end(
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
    found = phrase_window(text, position)
    if found is None:
        return None if head_end is None else head_end
    offset, window = found
    stops = generic.stops | extra_stops
    if head_end is None:
        if not _may_open_a_head(window, stops, generic.never_heads, any_head):
            return None
    elif _nothing_to_add(window, offset, head_end, normal_unit(text[position:head_end]), coordination_only):
        return head_end
    tokens = tagged(window)
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
        head = normal_unit(text[position:head_end])
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
