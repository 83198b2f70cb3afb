"""Who issued a cited document: "… của Bộ Công an", "UBND xã đã xây dựng Kế hoạch số …".

An issuer is a head from ``corpora/lexicons/issuers.json`` ("Bộ", "UBND", "Ban Chỉ đạo")
extended over a number, a locality and a proper name, or over a lowercase description up to its
locality ("Ban Chỉ đạo phòng, chống tội phạm … tỉnh"). Read on folded text; the issuer is quoted
from the original.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor import lexicons
from extractor.find.legal_refs.regexes import fold_name, issuer_lexicon, patterns


def issuer_before(text: str, shadowed: str, start: int) -> str | None:
    """The subject that issued the reference: "Đảng ủy xã ban hành Nghị quyết số …", "UBND xã đã xây dựng
    Kế hoạch số …" — the issuer must start its clause and end right before the verb."""
    window_start = max(0, start - 160)
    verb = patterns()["issuer_subject"].search(shadowed, window_start, start)
    if verb is None:
        return None
    clause = max(shadowed.rfind(mark, window_start, verb.start()) for mark in (".", ";", ":", "\n", ",", "("))
    position = clause + 1 if clause >= 0 else window_start
    while position < verb.start() and shadowed[position].isspace():
        position += 1
    end = issuer_end(shadowed, position)
    return " ".join(text[position:end].split()) if end == verb.start() else None


def issuer_end(shadowed: str, position: int) -> int | None:
    """End of the issuer named at ``position`` ("Bộ Công an", "UBND huyện Đak Đoa"), else None."""
    head = patterns()["issuer_head"].match(shadowed, position)
    if not head:
        return None
    if fold_name(head.group()) in _long_name_heads():
        long_end = _extend_long_name(shadowed, head.end())
        if long_end is not None:
            return long_end
    return _extend_issuer(shadowed, head.group(), head.end())


@lexicons.compiled
def _long_name_heads() -> frozenset[str]:
    return frozenset(fold_name(h) for h in issuer_lexicon().get("long_name_heads", []))


@lexicons.compiled
def _name_stop_words() -> tuple[frozenset[str], frozenset[str]]:
    words = [fold_name(w) for w in issuer_lexicon().get("name_stop_words", [])]
    return frozenset(w for w in words if " " not in w), frozenset(w for w in words if " " in w)


@lexicons.compiled
def _localities() -> frozenset[str]:
    """The locality words ("tỉnh", "xã", "thành phố"), blanks as one space: built once, asked per issuer."""
    return frozenset(" ".join(loc.split()) for loc in issuer_lexicon()["localities"])


@lexicons.compiled
def _heads_needing_name() -> frozenset[str]:
    return frozenset(fold_name(h) for h in issuer_lexicon()["named_heads_need_proper_name"])


@lexicons.compiled
def _locality_false_friends() -> frozenset[str]:
    return frozenset(issuer_lexicon().get("locality_false_friends", []))


def _ends_name(words: list[tuple[str, int, bool]], i: int, stops: frozenset[str]) -> bool:
    """Whether a locality word before ``words[i]`` ends a name ("… ANTQ tỉnh về"), unlike "xã hội"."""
    if i >= len(words):
        return True
    word, _end, comma = words[i]
    return comma or word[:1].isupper() or fold_name(word) in stops


def _extend_long_name(shadowed: str, position: int) -> int | None:
    """ "Ban Chỉ đạo phòng, chống tội phạm, … bảo vệ ANTQ tỉnh": a lowercase description runs to the
    locality (and its proper name), or to a stop word or punctuation; None when no description follows."""
    data = issuer_lexicon()
    localities = _localities()
    single_stops, double_stops = _name_stop_words()
    pattern = patterns()["name_word"]
    words: list[tuple[str, int, bool]] = []  # (word, end, preceded by a comma)
    cursor = position
    for _ in range(int(data.get("long_name_max_words", 30))):
        match = pattern.match(shadowed, cursor)
        if not match:
            break
        words.append((match.group("word"), match.end(), bool(match.group("comma"))))
        cursor = match.end()
    first = words[0][0] if words else ""
    if not first[:1].islower() or fold_name(first) in single_stops:
        return None
    second = words[1][0].lower() if len(words) > 1 else ""
    if first.lower() in localities and f"{first.lower()} {second}" not in _locality_false_friends():
        return None  # "Ban Chỉ đạo tỉnh …": a locality, not a description ("Ban Chỉ đạo xã hội hóa …")
    end = position
    for i, (word, word_end, comma) in enumerate(words):
        lower = word.lower()
        pair = f"{lower} {words[i + 1][0].lower()}" if i + 1 < len(words) else ""
        if i and comma and lower in localities:
            break
        if fold_name(lower) in single_stops or fold_name(pair) in double_stops:
            break
        if pair in localities or (lower in localities and _ends_name(words, i + 1, single_stops)):
            end = words[i + 1][1] if pair in localities else word_end
            j = i + (2 if pair in localities else 1)
            count = 0
            while j < len(words) and words[j][0][:1].isupper() and not words[j][2] and count < 4:
                end, j, count = words[j][1], j + 1, count + 1
            return end
        if comma and i and not lower[:1].isalpha():
            break
        end = word_end
    return end if end > position else None


def _extend_issuer(shadowed: str, head: str, position: int) -> int | None:
    """Extend an issuer head over a number, locality and proper name: "Ban Chỉ đạo 138 tỉnh Lạng Sơn"."""
    localities = _localities()
    needs_name = _heads_needing_name()
    party_like = fold_name(head).endswith(("ủy", "đảng bộ", "trung ương", "trương ương", "trung ương đảng"))
    words = list(_iter_words(shadowed, position, 8))
    end = position
    i = 0
    named = False
    if words and words[0][0].isdigit() and len(words[0][0]) <= 3:  # "Ban Chỉ đạo 138"
        end, i = words[0][2], 1
    if i < len(words):
        one = words[i][0].lower()
        two = f"{one} {words[i + 1][0].lower()}" if i + 1 < len(words) else ""
        if two in localities:
            end, i, named = words[i + 1][2], i + 2, True
        elif one in localities:
            end, i, named = words[i][2], i + 1, True
        elif (
            words[i][0].lower() in ("khóa", "khoá")
            and i + 1 < len(words)
            and patterns()["roman"].fullmatch(words[i + 1][0])
        ):
            end, i = words[i + 1][2], i + 2
    if (party_like or fold_name(head) in needs_name) and not named and i == 0:
        body = patterns()["issuer_body"].match(shadowed, position)
        if body and (inner := issuer_end(shadowed, body.end("body") - len(body.group("body")))):
            return inner  # "Đảng bộ Sở Kế hoạch và Đầu tư", "Đảng ủy Công an tỉnh"
    if named or party_like or fold_name(head) in needs_name:
        count = 0
        while i < len(words) and words[i][0][:1].isupper() and count < 4 and words[i][1] == end:
            end, i, count = words[i][2], i + 1, count + 1
        if fold_name(head) in needs_name and count == 0 and not named:
            return None
        if count and not named and i < len(words) and words[i][1] == end and words[i][0] in localities:
            end = words[i][2]  # "Cục Thuế tỉnh"
    return end


def _iter_words(shadowed: str, position: int, limit: int) -> Iterator[tuple[str, int, int]]:
    """Up to ``limit`` words after ``position`` as ``(word, start_of_gap, end)``."""
    pattern = patterns()["word"]
    for _ in range(limit):
        match = pattern.match(shadowed, position)
        if not match:
            return
        yield match.group(1), position, match.end()
        position = match.end()
