"""The pattern layer the finders share: lexicon phrases as regexes, the year, text folding.

One whitespace rule for a lexicon phrase: its words stand apart by blanks (spaces or tabs), never
by a line break, and a comma may be followed by blanks. Every finder compiles its lexicons
through :func:`phrase_regex` / :func:`alternation` / :func:`words_re`.

Folding gives patterns one spelling of what Vietnamese text writes several ways, without moving
offsets: :func:`fold` maps the dashes and the no-break space to "-" and " ", and the old tone
placement ("uỷ", "hoà") to the new ("ủy", "hòa"), character for character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

BLANKS = r"[ \t]+"  # between a phrase's words: blanks, never a line break
YEAR = r"(?:19|20)\d{2}"  # a year of the documents read: 1900-2099
#: The end of a sentence or clause: ". ; ! ? …" before a space or the end, or a line break.
SENTENCE_END_RE = re.compile(r"[.;!?…](?=\s|$)|\n")

# Same-length substitutions so that patterns see one spelling; offsets stay valid.
_DASH_MAP = {"–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "}
# One character class found by a fast scan: ``str.translate`` looks every character of a
# Vietnamese text up in its table (≈ 50 ns a character), and these characters are rare.
_DASH_RE = re.compile("[" + "".join(_DASH_MAP) + "]")
_TONE_PAIRS = (
    ("uỷ", "ủy"),
    ("uý", "úy"),
    ("uỳ", "ùy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("Uỷ", "Ủy"),
    ("Oà", "Òa"),
)
_TONE = re.compile("[uUoO][ỷýỳỹỵàáảãạèéẻẽẹ]")  # a superset of the pairs' first spellings: one class, fast
_TONE_MAP = dict(_TONE_PAIRS)


def fold_dashes(text: str) -> str:
    """``text`` with every dash as "-" and the no-break space as " "; same length."""
    return _DASH_RE.sub(lambda m: _DASH_MAP[m.group()], text)


def fold_tones(text: str) -> str:
    """``text`` with the new tone placement ("uỷ ban" → "ủy ban", "hoà" → "hòa"); same length."""
    return _TONE.sub(lambda m: _TONE_MAP.get(m.group(), m.group()), text)


def fold(text: str) -> str:
    """``text`` with dashes, spaces and tone placement unified; same length, same offsets."""
    return fold_tones(fold_dashes(text))


def phrase_regex(phrase: str, *, optional_commas: bool = False, folded: bool = False) -> str:
    """A regex for a lexicon phrase: words apart by :data:`BLANKS`, blanks allowed after a comma.

    ``optional_commas``: a comma of the phrase may be left out ("Ủy ban nhân dân tỉnh, thành phố").
    ``folded``: the phrase is written the way :func:`fold` writes text (for patterns run on folded text).
    """
    if folded:
        phrase = fold(phrase)
    comma = r",?" if optional_commas else r","
    regex = ""
    after_comma = False
    for word in phrase.replace(",", " , ").split():
        if word == ",":
            regex += comma
        elif after_comma:
            regex += r"[ \t]*" + re.escape(word)
        else:
            regex += (BLANKS if regex else "") + re.escape(word)
        after_comma = word == ","
    return regex


def phrases_longest_first(phrases: Iterable[str]) -> list[str]:
    """The distinct phrases, longest first (so "xã biên giới" is tried before "xã"), then alphabetically.

    Written as the lexicons write phrases (one space between words, a space after a comma), two phrases of one
    length never match at one place with different ends, so their order changes no result
    (``tests/find/test_patterns.py`` checks every alternation the pipeline builds). It is fixed so that a
    pattern is the same string in every process, which a set's order is not, and
    :mod:`extractor.regex_cache` finds it compiled."""
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


def alternation(phrases: Iterable[str], **options: bool) -> str:
    """The phrases as one alternation, longest first (:func:`phrases_longest_first`)."""
    return "|".join(phrase_regex(p, **options) for p in phrases_longest_first(phrases))


def first_letter_test(phrases: Iterable[str], *, any_case: bool = False, digits: bool = False) -> str:
    """A lookahead on the first characters of ``phrases`` (both cases with ``any_case``; any
    decimal digit too with ``digits``), to open a pattern with: the engine tries every position of
    the text, and this one-character test fails at most of them before the costlier boundary and
    alternation. The class is compiled with the pattern's flags, so under ``re.IGNORECASE`` it
    accepts what the phrases' first letters accept. A phrase starts where :func:`phrase_regex`
    starts it, at its first non-blank character. Empty when a phrase is blank or there is none (an
    empty alternation matches anywhere)."""
    firsts = [phrase.lstrip()[:1] for phrase in phrases]
    if not firsts or not all(firsts):
        return ""
    letters = set(firsts)
    if any_case:
        letters |= {c.lower() for c in letters} | {c.upper() for c in letters}
    digit = r"\d" if digits else ""  # any decimal digit, as the patterns' own \d
    return f"(?=[{re.escape(''.join(sorted(letters)))}{digit}])"


def words_re(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The phrases as whole words: not inside a longer word on either side."""
    phrases = list(phrases)
    return re.compile(rf"{first_letter_test(phrases)}(?<!\w)(?:{alternation(phrases)})(?!\w)", flags)


#: Characters whose case folding under ``re.IGNORECASE`` is not what ``str.lower`` gives (dotless
#: "ı" and long "ſ" match "i" and "s"; "İ" lowers to two characters): a text holding one keeps every
#: cue open.
_FOLD_EXCEPTIONS = ("ı", "ſ", "İ")


class Cues:
    """Cheap presence tests that let a finder skip a whole-text pattern scan.

    A costly pattern runs its engine at every position of the text; a *cue* is a short regex (written
    in lower case, compiled without ``re.IGNORECASE``) that every match of the pattern must contain.
    Cues are searched in the text lower-cased once, where a literal-led cue is found by a fast
    prefix scan; when the cue is absent the pattern cannot match and its scan is skipped.
    """

    def __init__(self, text: str) -> None:
        self.lowered = _lowered(text)

    def present(self, cue: re.Pattern[str]) -> bool:
        """Whether ``cue`` occurs in the text (always true when lower-casing is not exact)."""
        return self.lowered is None or cue.search(self.lowered) is not None

    def starts(self, cue: re.Pattern[str]) -> list[int] | None:
        """Every position where ``cue`` begins in the text; ``None`` when lower-casing is not exact
        and every position must be tried."""
        return None if self.lowered is None else starts_of(cue, self.lowered)


#: The last text lower-cased and its lower-cased form: the finders of one document (dates, counts,
#: claims) read the same string object, which is lower-cased once. One entry for the process: it keeps the
#: last document's text (and its lower-cased copy) alive until another text is lowered; threads reading
#: different documents at once take turns overwriting it (each still gets its own text's answer).
_last_lowered: tuple[str, str | None] | None = None


def _lowered(text: str) -> str | None:
    """``text.lower()``, or ``None`` when lower-casing is not exact; the same object asked again
    (by the next finder of its document) is answered without lower-casing it again."""
    global _last_lowered
    last = _last_lowered
    if last is not None and last[0] is text:
        return last[1]
    lowered = None if any(c in text for c in _FOLD_EXCEPTIONS) else text.lower()
    _last_lowered = (text, lowered)
    return lowered


def starts_of(cue: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``cue`` (which never matches the empty string) matches in ``text``,
    overlapping ones included: each search resumes one character after the last start."""
    found: list[int] = []
    match = cue.search(text)
    while match:
        found.append(match.start())
        match = cue.search(text, match.start() + 1)
    return found


def scan_from(pattern: re.Pattern[str], text: str, starts: Iterable[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying ``pattern.match`` only at ``starts``: positions in increasing
    order that include every position where a match can begin (``None``: all of them). One cheap
    scan for a cue word then replaces a costly scan per pattern sharing it. The pattern must not
    match the empty string."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            yield match
            end = match.end()
