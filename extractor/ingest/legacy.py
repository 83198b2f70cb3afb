"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI) → Unicode NFC.

Before Unicode, Vietnamese was typed with 8-bit fonts: TCVN3 (.VnTime, .VnArial …) and
VNI (VNI-Times …). Word and PDF files made with them store Latin-1 characters that the
font draws as Vietnamese letters, so extracted text reads as mojibake ("Hµ Néi",
"Vieät Nam"). The code tables are data (``corpora/encodings/tcvn3.json``, ``vni.json``);
detection compares how many words are valid Vietnamese syllables before and after decoding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import filterfalse

import corpora
from extractor.ingest.sanitize import safe_nfc

TCVN3 = "tcvn3"
VNI = "vni"

# Characters that never occur in Unicode Vietnamese: a cheap pre-filter before scoring.
_LEGACY_TELLS = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db\u00dc"
    r"\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
# Letters only Unicode Vietnamese has: a line containing them is not legacy-encoded.
_UNICODE_ONLY = re.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\W\d_]+|[\u00a1-\u00bf]+[^\W\d_]*", re.UNICODE)
_MIN_GAIN = 0.15


@cache
def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str]]:
    data = corpora.load_json("encodings", "tcvn3.json")
    decode = {code: letter for letter, code in data["lower"].items()}
    decode_upper = dict(decode)
    decode_upper.update({code: letter.upper() for code, letter in decode.items()})
    for letter, code in data["upper"].items():
        decode[code] = letter
        decode_upper[code] = letter
    return decode, decode_upper


@cache
def _tcvn3_translations() -> tuple[dict[int, str], dict[int, str]]:
    """The TCVN3 tables as ``str.translate`` tables (plain, capitals font)."""
    decode, decode_upper = _tcvn3_tables()
    return str.maketrans(decode), str.maketrans(decode_upper)


@cache
def _vni_decoder() -> tuple[re.Pattern[str], dict[int, str]]:
    """The VNI two-character sequences as one pattern, and the one-character codes as a translate table."""
    pairs, singles = _vni_table()
    return re.compile("|".join(re.escape(pair) for pair in pairs)), str.maketrans(singles)


@cache
def _vni_table() -> tuple[dict[str, str], dict[str, str]]:
    mapping: dict[str, str] = corpora.load_json("encodings", "vni.json")["map"]
    pairs = {seq: letter for letter, seq in mapping.items() if len(seq) == 2}
    singles = {seq: letter for letter, seq in mapping.items() if len(seq) == 1}
    return pairs, singles


@cache
def _syllable_pattern() -> re.Pattern[str]:
    data = corpora.load_json("encodings", "vietnamese.json")

    def alternation(items: Iterable[str]) -> str:
        return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))

    return re.compile(
        f"^(?:{alternation(data['onsets'])})(?:{alternation(data['nuclei'])})"
        f"(?:{alternation(data['codas'])})$"
    )


@cache
def _tone_marks() -> frozenset[str]:
    return frozenset(corpora.load_json("encodings", "vietnamese.json")["tone_marks"])


@lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is spelled like a Vietnamese syllable with at most one tone.
    Remembered per word: a document repeats its few thousand distinct words many times."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = _tone_marks()
    if sum(1 for ch in decomposed if ch in tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in tones))
    return bool(_syllable_pattern().match(bare))


def syllable_ratio(text: str, *, non_ascii_only: bool = False) -> tuple[float, int]:
    """Share of words spelled as Vietnamese syllables, and how many words were scored."""
    words = _WORD.findall(text)
    if non_ascii_only:
        words = list(filterfalse(str.isascii, words))
    if not words:
        return 0.0, 0
    valid = sum(map(is_syllable, words))  # in C: is_syllable remembers its words
    return valid / len(words), len(words)


def decode_tcvn3(text: str, *, upper: bool = False) -> tuple[str, list[int]]:
    """TCVN3 characters → Unicode; ``upper`` for the capital '…H' fonts. Returns text and source index map."""
    table = _tcvn3_translations()[1 if upper else 0]
    decoded = text.translate(table)  # one code for one letter: the map is the identity
    if upper:  # a capitals font draws every letter, ASCII ones too, as a capital
        return decoded.upper(), list(range(len(text)))
    out = list(decoded)
    _uppercase_capital_words(text, out)
    return "".join(out), list(range(len(text)))


_NON_SPACE = re.compile(r"\S+")
_NOT_ASCII_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())


def _capitals(word: str) -> int:
    """0 when the word's ASCII letters are not all capitals (or it has none), 2 when two or more are and
    the word holds no digit, "/" or "-", else 1. Its ASCII letters are picked out in C (encode, translate)."""
    letters = word.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)
    if not letters or not letters.isupper():
        return 0
    strong = len(letters) >= 2 and "/" not in word and "-" not in word and not any(map(str.isdigit, word))
    return 2 if strong else 1


def _uppercase_capital_words(source: str, out: list[str]) -> None:
    """Plain TCVN3 text has no toned capitals: restore them from the word's other letters.

    A word whose ASCII letters are capitals (two or more, or one between such words) was typed
    in a capital font; a word opening a sentence gets its first letter capitalised.
    """
    words = list(_NON_SPACE.finditer(source))
    caps = [_capitals(match.group()) for match in words]  # 0 = no, 1 = weak (one capital), 2 = strong
    for position, match in enumerate(words):
        previous = caps[position - 1] if position > 0 else None
        following = caps[position + 1] if position + 1 < len(caps) else None
        between_capitals = (
            previous in (2, None) and following in (2, None) and (previous, following) != (None, None)
        )
        if caps[position] == 2 or (caps[position] == 1 and between_capitals):
            for index in range(match.start(), match.end()):
                out[index] = out[index].upper()
        elif out[match.start()] != source[match.start()]:
            back = match.start() - 1
            while back >= 0 and source[back] in " \t":
                back -= 1
            if back < 0 or source[back] in ".!?\n":
                out[match.start()] = out[match.start()].upper()


def decode_vni(text: str) -> tuple[str, list[int]]:
    """VNI sequences → Unicode. Returns text and, per output character, its source index."""
    pairs = _vni_table()[0]
    sequences, singles = _vni_decoder()
    out: list[str] = []
    index_map: list[int] = []
    position = 0
    # left to right, a sequence wherever one starts, as a scan pair by pair would take it
    for match in sequences.finditer(text):
        start = match.start()
        out.append(text[position:start].translate(singles))
        index_map.extend(range(position, start))
        out.append(pairs[match.group()])
        index_map.append(start)
        position = match.end()
    out.append(text[position:].translate(singles))
    index_map.extend(range(position, len(text)))
    return "".join(out), index_map


def decode(text: str, encoding: str, *, upper: bool = False) -> tuple[str, list[int]]:
    if encoding == TCVN3:
        return decode_tcvn3(text, upper=upper)
    if encoding == VNI:
        return decode_vni(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def detect(text: str, decoded: dict[str, str] | None = None) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None`` (already Unicode / nothing to decide on). ``decoded``: the
    text already decoded in some encodings (by name), so a line is not decoded twice in one."""
    if not _LEGACY_TELLS.search(text):
        return None
    before, scored = syllable_ratio(text, non_ascii_only=True)
    if scored == 0:
        return None
    best, best_ratio = None, before + _MIN_GAIN
    if best_ratio >= 1.0:  # no decoding scores above 1: Unicode text is not decoded twice to learn that
        return None
    for encoding in (TCVN3, VNI):
        known = decoded.get(encoding) if decoded else None
        ratio, _ = syllable_ratio(decode(text, encoding)[0] if known is None else known, non_ascii_only=True)
        if ratio > best_ratio:
            best, best_ratio = encoding, ratio
    return best


def repair(text: str) -> tuple[str, str | None]:
    """Convert legacy-encoded lines of ``text`` to Unicode NFC, leaving Unicode lines alone.

    Returns the repaired text and the legacy encoding found (``None`` when none).
    Line by line, so a document mixing Unicode and legacy paragraphs comes out whole.
    """
    repaired, _, found = repair_with_map(text)
    return safe_nfc(repaired), found


def repair_with_map(text: str) -> tuple[str, list[int] | None, str | None]:
    """Like :func:`repair` (without NFC), also returning each output character's source index.

    The map is ``None`` when nothing changed length (no legacy text, or TCVN3's one-to-one table).
    """
    found = detect(text)
    if found is None:
        return text, None, None
    pieces: list[str] = []
    index_map: list[int] = []
    offset = 0
    for line in text.split("\n"):
        converted, line_map = line, list(range(len(line)))
        if not line.isascii() and not _UNICODE_ONLY.search(line):
            decoded, decoded_map = decode(line, found)
            if detect(line, {found: decoded}) == found or (
                syllable_ratio(decoded, non_ascii_only=True)[0]
                >= syllable_ratio(line, non_ascii_only=True)[0]
            ):
                converted, line_map = decoded, decoded_map
        pieces.append(converted)
        index_map.extend(offset + i for i in line_map)
        index_map.append(offset + len(line))  # the "\n"
        offset += len(line) + 1
    index_map.pop()
    repaired = "\n".join(pieces)
    return repaired, (index_map if len(repaired) != len(text) else None), found


def encode(text: str, encoding: str) -> str:
    """Unicode → legacy characters (for making test samples): TCVN3 capitals become lower-case codes."""
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        data = corpora.load_json("encodings", "tcvn3.json")
        table = dict(data["lower"])
        upper_table = {letter.upper(): code for letter, code in data["lower"].items()}
        upper_table.update(data["upper"])
        return "".join(table.get(ch) or upper_table.get(ch) or ch for ch in text)
    if encoding == VNI:
        mapping = corpora.load_json("encodings", "vni.json")["map"]
        return "".join(mapping.get(ch, ch) for ch in text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def font_encoding(font_name: str | None) -> tuple[str | None, bool]:
    """Legacy encoding implied by a font name, and whether it is a capitals-only font.

    ``.VnTime``/``.VnArial``/``.VnTimeH`` → TCVN3 (``…H`` = capitals); ``VNI-Times`` → VNI.
    """
    if not font_name:
        return None, False
    name = font_name.strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        suffix = corpora.load_json("encodings", "tcvn3.json")["upper_font_suffix"]
        return TCVN3, name.endswith(suffix)
    if lowered.startswith("vni-") or lowered.startswith("vni "):
        return VNI, False
    return None, False


@cache
def _lost_u_table() -> tuple[dict[str, str], frozenset[str]]:
    data = corpora.load_json("encodings", "tcvn3_lost_u.json")
    return data["restore"], frozenset(data["context_only"])


_LOST_U_WORD = re.compile(r"[^\W\d_]+")


def restore_lost_u(text: str) -> tuple[str, list[int] | None, int]:
    """Put back the bare "ư" a TCVN3 PDF loses (stored as U+00AD, dropped by text extraction):
    "Hớng dẫn" → "Hướng dẫn", "ngời" → "người", "Thông t 124" → "Thông tư 124", from the table of
    damaged syllables in ``corpora/encodings/tcvn3_lost_u.json``. Returns the text, each output
    character's source index (``None`` when nothing changed) and how many words were restored."""
    table, context_only = _lost_u_table()
    text, joined = _join_split_syllables(text, table)
    pieces: list[str] = []
    index_map: list[int] = []
    position = restored = 0
    for match in _LOST_U_WORD.finditer(text):
        word = match.group()
        fixed = table.get(word.lower())
        if fixed is None:
            continue
        if word.lower() in context_only and not _inside_sentence(text, match.start(), match.end()):
            continue
        if word.isupper() and len(word) > 1:
            fixed = fixed.upper()
        elif word[0].isupper():
            fixed = fixed[0].upper() + fixed[1:]
        pieces.append(text[position : match.start()])
        index_map.extend(range(position, match.start()))
        pieces.append(fixed)
        index_map.extend(min(match.start() + i, match.end() - 1) for i in range(len(fixed)))
        position = match.end()
        restored += 1
    if not restored:
        return text, joined, 0
    pieces.append(text[position:])
    index_map.extend(range(position, len(text)))
    if joined is not None:
        index_map = [joined[i] for i in index_map]
    return "".join(pieces), index_map, restored


# a line broken where the soft hyphen stood: "đ⏎ợc", "đ-⏎Ợc" (the layout hyphenated "được" at its "ư")
_SPLIT_AT_LOST_U = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-?[ \t]*\n[ \t]*([ơờớởỡợƠỜỚỞỠỢ][^\W\d_]*)")


def _join_split_syllables(text: str, table: dict[str, str]) -> tuple[str, list[int] | None]:
    """Join the two halves of a damaged syllable that a line break separates (the line was
    hyphenated at the lost "ư"); returns the text and its index map (``None`` when unchanged)."""
    matches = [m for m in _SPLIT_AT_LOST_U.finditer(text) if (m.group(1) + m.group(2)).lower() in table]
    if not matches:
        return text, None
    pieces: list[str] = []
    index_map: list[int] = []
    position = 0
    for match in matches:
        pieces.append(text[position : match.end(1)])
        index_map.extend(range(position, match.end(1)))
        position = match.start(2)
    pieces.append(text[position:])
    index_map.extend(range(position, len(text)))
    return "".join(pieces), index_map


def _inside_sentence(text: str, start: int, end: int) -> bool:
    """A lone consonant ("t", "c") is a damaged syllable only between words ("Thông t 124", "dân c.",
    "chính trị, t tưởng"), never at the start of a line or before ")" (list markers "c)")."""
    previous = start
    while previous > 0 and text[previous - 1] in " \t\n":
        previous -= 1
    if previous == start or previous == 0 or text[end : end + 1] in (")", "/", "-"):
        return False
    return text[previous - 1].isalnum() or text[previous - 1] in ",;"
