"""Normalize ingested pages into one clean text, keeping a map back to the source.

Documents of the genre arrive hard-wrapped at ~80 columns (often with a blank line
between wrapped lines), with document numbers split over lines ("Kế hoạch số 39/KH-⏎STP"),
stand-alone page numbers, running headers/footers and ragged whitespace. :func:`normalize` joins wrapped lines into
paragraphs (one paragraph per line of output), repairs split tokens, drops page numbers
and running headers/footers (a line repeated at the top or bottom of most pages),\nand collapses whitespace, all in Unicode NFC. Runs of combining marks and digit runs longer than any
number are bounded first (:mod:`extractor.ingest.sanitize`), so every step is linear in the text.

Every character of the normalized text remembers where it came from (``origin``), the
job eyecite's ``SpanUpdater`` does between cleaned and original text: evidence found at
``start:end`` of the normalized text maps back to its page, its offset in that page's
text and, for PDFs read with boxes, its boxes on the page.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import corpora
from extractor import lexicons
from extractor.find.patterns import phrases_longest_first
from extractor.ingest.sanitize import bound_marks, break_digit_runs
from extractor.models import CharBox, Page, RawDocument

# A page-number line: "3", "- 3 -", "Trang 3", "Trang 3/12".
_PAGE_NUMBER = re.compile(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.IGNORECASE)
# The end of a line that leaves a document number open: "39/KH-", "510/QĐ-", "09-", "124/2021/".
_OPEN_NUMBER = re.compile(r"(?:^|\s)[\w.]*\d[\w.]*(?:[/-][\wĐđ.]+)*[/-]$|[/-]\w*[/-]$")
# The start of a line that continues a document number: "STP", "BCA-V05", "CT/TW", "2021/TT-BCA".
_NUMBER_TAIL = re.compile(r"^(?:[A-ZĐ][\wĐđ]*|\d+)(?:[/-][\wĐđ]+)*(?=[\s,.;:)]|$)")
# A document number cut before a hyphen: "124/2021/TT" ending a line, "-BCA" starting the next.
_NUMBER_HEAD = re.compile(r"(?:^|\s)\d+/[\w/]*[A-ZĐ]$")
_NUMBER_HEAD_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")  # the last character _NUMBER_HEAD allows
_DASH_TAIL = re.compile(r"^-[A-ZĐ][\wĐđ]*(?:[/-][\wĐđ]+)*(?=[\s,.;:)]|$)")
# A line that starts a new block: list markers, headings, criteria, greetings.
_BLOCK_START = re.compile(
    r"""^(?:
        [IVXLC]{1,6}\.\s                              # I. II. roman sections
      | \d{1,2}\.(?:\d{1,2}\.?)*\s+(?=\S)              # 1. 1.1. 2.1 numbered items (a dot after the first number)
      | [a-zđ]\)\s | \(\d{1,2}\)|\([a-zđ]\)\s        # a) (1) (a)
      | [-–+•*○▪►]\s                                  # dashes and bullets
      | (?:Tiêu\s+chí|Điều|Chương|Mục|Phần)\s+\w+     # structural words
      | (?:Nơi\s+nhận|Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|KT\.|TM\.|TL\.|Q\.)\b
    )""",
    re.VERBOSE,
)
# Numbers with thousands separators look like "1.250 lượt": not a list marker.
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+\b")
# A line that ends a sentence: "[.;:!?]" last, or "[.;:]" then a closing quote or bracket (spaces between
# allowed), as the pattern ``(?:[.;:!?]|\./\.|[.;:]\s*[”"»)])$`` reads it (see :func:`_ends_sentence`).
_SENTENCE_MARKS = ".;:!?"
_CLOSERS = '”"»)'
# Header-block lines that always stand alone: "Số: 12/BC-UBND", "Sơn La, ngày 5 tháng 3 năm 2023", the motto.
_HEADER_LINE = re.compile(
    r"^(?:Số\s*:|[^\W\d_][^,\n]{0,40},\s*ngày\b.{0,20}tháng\b.{0,8}năm\b|Độc\s+lập\s*[-–—]\s*Tự\s+do)"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\f|\v|\u2028|\u2029")
# the whitespace runs (spaces, tabs, no-break and typographic spaces) that collapsing to one " " changes:
# two characters or more, or one other than " " (a lone " " stays as it is, so the ordinary page is
# not rebuilt piece by piece around every space). Written as "a space and more" or "another space
# character and any more": each branch opens on a plain character or set, so the scan skips the
# letters fast (the same matches as "run of two or more | one other character", ~3x faster)
_SPACE_LIKE = r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
_UNEVEN_WHITESPACE = re.compile(rf" {_SPACE_LIKE}+|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]{_SPACE_LIKE}*")


@dataclass
class NormalizedText:
    """The normalized text of a document and the map back to its source pages."""

    text: str
    origin: array  # source offset (into the concatenated pages) of each character
    page_starts: list[int]  # source offset where each page starts
    pages: list[Page] = field(default_factory=list, repr=False)

    def source_position(self, offset: int) -> int:
        """Offset in the concatenated source text of normalized character ``offset``."""
        if not self.origin:
            return 0
        offset = min(max(offset, 0), len(self.origin) - 1)
        return self.origin[offset]

    def page_at(self, offset: int) -> int:
        """1-based page number on which normalized character ``offset`` stands."""
        return bisect_right(self.page_starts, self.source_position(offset)) or 1

    def source_offset(self, offset: int) -> tuple[int, int]:
        """``(page_number, offset_in_page_text)`` of normalized character ``offset``."""
        page = self.page_at(offset)
        return page, self.source_position(offset) - self.page_starts[page - 1]

    def boxes(self, start: int, end: int) -> list[tuple[int, CharBox]]:
        """``(page, box)`` of each character in ``start:end`` that has a box (PDF only)."""
        found: list[tuple[int, CharBox]] = []
        for offset in range(start, end):
            page, in_page = self.source_offset(offset)
            page_boxes = self.pages[page - 1].boxes if self.pages else None
            if page_boxes and in_page < len(page_boxes) and page_boxes[in_page] is not None:
                found.append((page, page_boxes[in_page]))
        return found


@dataclass(slots=True)
class _Line:
    text: str
    origin: list[int]
    _running: str | None = field(default=None, init=False, repr=False, compare=False)
    _block: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def running_key(self) -> str:
        """:func:`_running_key` of the text, worked out once however often the line is compared."""
        if self._running is None:
            self._running = _running_key(self.text)
        return self._running

    @property
    def block_key(self) -> str:
        """:func:`_block_key` of the text, worked out once however often the line is compared."""
        if self._block is None:
            self._block = _block_key(self.text)
        return self._block


def _nfc_with_origin(text: str, base: int) -> tuple[str, list[int]]:
    """NFC-normalize ``text``; map each output character to a source offset. Runs of combining
    marks are bounded first (:func:`~extractor.ingest.sanitize.bound_marks`), so this is linear."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, list(range(base, base + len(text)))
    text, kept, _ = bound_marks(text)
    source = list(range(len(text))) if kept is None else kept
    chars: list[str] = []
    origin: list[int] = []
    # Normalize cluster by cluster (a base letter and its combining marks) to keep the map exact.
    cluster_start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            piece = unicodedata.normalize("NFC", text[cluster_start:index])
            chars.append(piece)
            origin.extend([base + source[cluster_start]] * len(piece))
            cluster_start = index
    return "".join(chars), origin


def _bounded_digits(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Over-long digit runs broken by spaces (:func:`~extractor.ingest.sanitize.break_digit_runs`):
    no finder then meets a number Python cannot convert or a run its patterns backtrack over."""
    broken, index_map, _ = break_digit_runs(text)
    if index_map is None:
        return text, origin
    return broken, [origin[i] if i >= 0 else origin[index_map[k - 1]] for k, i in enumerate(index_map)]


def _collapse_whitespace(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space, keeping the map: one substitution over the page (a run
    never crosses a line break). The map is rebuilt run by run only when a run was longer than one
    character; a space keeps the origin of its run's first character."""
    joined = _UNEVEN_WHITESPACE.sub(" ", text)
    if len(joined) == len(text):
        return joined, origin
    out_origin: list[int] = []
    position = 0
    for match in _UNEVEN_WHITESPACE.finditer(text):
        out_origin += origin[position : match.start() + 1]
        position = match.end()
    out_origin += origin[position:]
    return joined, out_origin


def _trimmed_line(line: str, origin: list[int], start: int) -> _Line:
    """The line (starting at ``start`` of the page's collapsed text) without its edge spaces (the usual
    line has none: it is kept as it is, without stripped copies)."""
    if line[:1] != " " and line[-1:] != " ":
        return _Line(line, origin[start : start + len(line)])
    left = len(line) - len(line.lstrip(" "))
    right = len(line.rstrip(" "))
    return _Line(line[left:right], origin[start + left : start + right])


_EDGE_LINES = 2  # lines at the top and at the bottom of a page where running headers/footers sit


_DIGITS = re.compile(r"\d+")


def _running_key(text: str) -> str:
    """Running headers/footers compared with their numbers blanked ("Trang 2/5", "… năm 2023 - 3")."""
    return _DIGITS.sub("#", text).casefold()


def _running_lines(pages_lines: list[list[_Line]]) -> set[str]:
    """Keys of lines repeated at the top or bottom of most pages (at least two, and half of them) and
    never inside a page: a body line that happens to recur ("- Không có vụ cháy nổ") is content."""
    if len(pages_lines) < 2:
        return set()
    seen: dict[str, int] = {}
    for lines in pages_lines:
        edge = {line.running_key for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}
        for key in edge:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, (len(pages_lines) + 1) // 2)
    repeated = {key for key, count in seen.items() if count >= needed}
    if not repeated:
        return repeated  # nothing to check against the body lines: their keys are never worked out
    inside: set[str] = set()
    for lines in pages_lines:
        inside.update(line.running_key for line in lines[_EDGE_LINES:-_EDGE_LINES])
    return repeated - inside


def _split_lines(pages: list[Page]) -> tuple[list[_Line], list[int]]:
    pages_lines: list[list[_Line]] = []
    page_starts: list[int] = []
    base = 0
    for page in pages:
        page_starts.append(base)
        text, origin = _collapse_whitespace(*_bounded_digits(*_nfc_with_origin(page.text, base)))
        line_start = 0
        kept: list[_Line] = []
        crlf = "\r\n" in text  # the only two-character separator
        for raw_line in _LINE_BREAK.split(text):
            line = _trimmed_line(raw_line, origin, line_start)
            # account for the separator (1 or 2 characters) after this line
            line_start += len(raw_line)
            if crlf and text.startswith("\r\n", line_start):
                line_start += 2
            else:
                line_start += 1
            if line.text and not _PAGE_NUMBER.match(line.text):
                kept.append(line)
        pages_lines.append(kept)
        base += len(page.text) + 1
    running = _running_lines(pages_lines)
    head, foot = _running_blocks(pages_lines)
    lines: list[_Line] = []
    for kept in pages_lines:
        edge = _EDGE_LINES if running else 0
        for position, line in enumerate(kept):
            at_edge = position < edge or position >= len(kept) - edge
            if at_edge and line.running_key in running:
                continue  # a running header or footer
            from_end = len(kept) - 1 - position
            if (
                position < len(head)
                and head[position] == line.block_key
                or from_end < len(foot)
                and foot[from_end] == line.block_key
            ):
                continue  # a line of a running header/footer paragraph that wraps over several lines
            lines.append(line)
    return lines, page_starts


_MAX_BLOCK_LINES = 8  # a running header paragraph wraps over at most this many lines


def _running_blocks(pages_lines: list[list[_Line]]) -> tuple[list[str], list[str]]:
    """Keys of the lines, position by position from the top (and from the bottom), that most pages
    share: a running header or footer that is a long paragraph wrapped over several lines ("Báo cáo
    kết quả … năm 2023 của Ủy ban nhân dân xã …" on top of every page). A position where the pages
    differ ends the block; a page needs a line of its own below the block to count."""
    if len(pages_lines) < 3:
        return [], []
    needed = max(3, (len(pages_lines) * 2 + 2) // 3)
    blocks: list[list[str]] = []
    for step in (1, -1):
        block: list[str] = []
        for position in range(_MAX_BLOCK_LINES):
            keys = Counter(
                lines[position if step == 1 else -1 - position].block_key
                for lines in pages_lines
                if len(lines) > position + 1
            )
            if not keys:
                break
            key, count = keys.most_common(1)[0]
            if count < needed:
                break
            block.append(key)
        blocks.append(block if len(block) > _EDGE_LINES else [])  # shorter ones: _running_lines
    head, foot = blocks
    if not head and not foot:
        return head, foot
    # a line that also stands elsewhere on a page is body text that happens to repeat, not a header
    inside: set[str] = set()
    for lines in pages_lines:
        inside.update(line.block_key for line in lines[len(head) : len(lines) - len(foot)])
    if any(key in inside for key in head):
        head = []
    if any(key in inside for key in foot):
        foot = []
    return head, foot


_PAGE_LABEL = re.compile(r"\b(?:trang|page)\s*\d+(?:\s*/\s*\d+)?")


def _block_key(text: str) -> str:
    """Running header paragraphs are compared as written: only a page number differs ("Trang 3")."""
    return _PAGE_LABEL.sub("#", text.casefold())


@cache
def _before_number() -> re.Pattern[str]:
    """Line ends that expect a number on the next line: "số", "ngày", a document type name …"""
    words = list(corpora.load_json("document", "line_joins.json")["before_number"])
    for kind in lexicons.cited_document_types()["types"]:
        words.extend(kind["names"])
    alternation = "|".join(re.escape(w) for w in phrases_longest_first(words))
    return re.compile(rf"(?:^|\s)(?:{alternation})$", re.IGNORECASE)


def _ends_before_number(line: str) -> bool:
    return bool(_before_number().search(line[-40:]))


def _typical_width(lines: list[_Line]) -> int:
    """The width at which this document wraps: the 80th percentile of line lengths."""
    lengths = sorted(len(line.text) for line in lines)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.8)])


def _starts_block(text: str) -> bool:
    return bool(_BLOCK_START.match(text)) and not _GROUPED_NUMBER.match(text)


def _is_upper(line: str) -> bool:
    """Three letters or more, all capitals. Read letter by letter, it stops at the first letter that is
    not a capital: an ordinary line is settled by its first word (cheaper than remembering lines)."""
    letters = 0
    for char in line:
        if char.isalpha():
            if not char.isupper():
                return False
            letters += 1
    return letters >= 3


def _header_line(line: str) -> bool:
    """Does :data:`_HEADER_LINE` match? Its branches open with "Số", with "Độc" or with a letter and a
    comma among the next 41 characters: a line with none of these is answered without the pattern."""
    if not line.startswith(("Số", "Độc")) and "," not in line[1:42]:
        return False
    return _HEADER_LINE.match(line) is not None


def _ends_sentence(line: str) -> bool:
    """Does the (non-empty, single) line end a sentence — a mark of :data:`_SENTENCE_MARKS` last, or one
    of ".;:" then whitespace and a closer of :data:`_CLOSERS`? Read from the end, not scanned."""
    last = line[-1]
    if last in _SENTENCE_MARKS:
        return True
    return last in _CLOSERS and line[:-1].rstrip()[-1:] in (".", ";", ":")


def _issuer_tail(following: str) -> bool:
    """Does the line open with the issuer part of a document number ("BCA-V05", "UBND")?"""
    tail = _NUMBER_TAIL.match(following)
    return tail is not None and re.split(r"[/-]", tail.group())[0] in _issuer_abbreviations()


@cache
def _issuer_abbreviations() -> frozenset[str]:
    return frozenset(lexicons.cited_issuers()["abbreviations"])


def _joiner(previous: str, following: str, wrap_width: int) -> str:
    """What goes between two lines: '' (split token), ' ' (wrapped line) or '\\n' (new paragraph)."""
    last = previous[-1]  # the end patterns are tried only on a line ending as they must end
    if last in "/-" and _OPEN_NUMBER.search(previous) and _NUMBER_TAIL.match(following):
        return ""
    number_head = last in _NUMBER_HEAD_LAST and _NUMBER_HEAD.search(previous)
    if number_head and _DASH_TAIL.match(following):
        return ""  # "124/2021/TT⏎-BCA": a narrow column broke the number before its hyphen
    if number_head and _issuer_tail(following):
        return "-"  # "510/QĐ⏎BCA-V05": the PDF dropped the hyphen it broke the line at (a soft hyphen)
    starts_block = _starts_block(following)  # asked once; the costly line-end test only when it matters
    if following[0].isdigit() and not starts_block and _ends_before_number(previous):
        return " "  # "Thông tư số⏎124/2021/TT-BCA", "ngày⏎28/12/2021": a narrow column broke the reference
    if starts_block:
        return "\n"
    if _header_line(previous) or _header_line(following):
        return "\n"  # the header block keeps its lines (number, place and date, motto)
    if _is_upper(following) and following[0].isalpha() and not _is_upper(previous):
        return "\n"  # a heading ("TỜ TRÌNH", "BÁO CÁO") after ordinary text
    if (
        _is_upper(previous)
        and not following[0].islower()
        and (not _is_upper(following) or not _BLOCK_START.match(previous))
    ):
        return "\n"  # the text under a heading; the lines of an issuer block ("SỞ …" under "UBND TỈNH …")
    first = following[0]
    if first.islower() or first in ",;)”»":
        return " "
    if _ends_sentence(previous):
        return "\n"
    if len(previous) >= 0.7 * wrap_width:
        return " "
    return "\n"


def normalize(raw: RawDocument) -> NormalizedText:
    """Join the pages of ``raw`` into one normalized text with its offset map."""
    lines, page_starts = _split_lines(raw.pages)
    wrap_width = _typical_width(lines)
    chars: list[str] = []
    origin = array("l")
    previous: _Line | None = None
    for line in lines:
        if previous is not None:
            joiner = _joiner(previous.text, line.text, wrap_width)
            if joiner:
                chars.append(joiner)
                origin.append(previous.origin[-1] + 1)
        chars.append(line.text)
        origin.fromlist(line.origin)
        previous = line
    return NormalizedText("".join(chars), origin, page_starts or [0], raw.pages)


def normalize_plain(text: str) -> str:
    """Normalize a plain string (form feeds separate pages); the text only."""
    pages = [Page(number, page_text) for number, page_text in enumerate(text.split("\f"), start=1)]
    raw = RawDocument(source="<text>", sha256="", format="txt", pages=pages)
    return normalize(raw).text
