"""Tables of figures on a PDF page, ruled or not, rendered one line per row with their boxes.

A page whose text looks tabular (:func:`~extractor.ingest.tables.looks_tabular`) is read again with
pdfplumber. Ruled tables are found from their drawn lines (``find_tables``). A table without lines —
columns aligned by whitespace only, as many offices print "STT  Nội dung  Số lượng  Đơn vị tính" — is
found from word positions: a header line starting with a serial header, split into cells at wide
gaps; the column boundaries placed in the empty gutters between them; the lines below joining the
table while none of their phrases straddles a boundary; a row starting at each line with a serial
number (a wrapped label goes on under it). Either table is rendered by
:func:`~extractor.ingest.tables.render_figure_runs`; every character keeps its box, so the plain
path and the box-keeping path of :mod:`extractor.ingest.pdf` give the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.ingest.tables import (
    Run,
    header_role,
    is_figure,
    is_serial,
    render_figure_runs,
    run_of,
    starts_header,
)
from extractor.models import CharBox

_LINE_TOLERANCE = 0.5  # share of a word's height two words' tops may differ by on one line
_CELL_GAP = 0.7  # a gap wider than this many font sizes separates two header cells (a space is ~0.3) …
_PHRASE_GAP = 0.6  # … and wider than this, two phrases of a row
_ROW_GAP = 2.2  # lines further apart than this many line heights are not one table
_FOOT = 0.9  # below this share of the page height: the page's foot (page number), not its text


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float
    run: Run

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass
class _Line:
    words: list[_Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    def groups(self, gap: float) -> list[list[_Word]]:
        """The line's words split where the space between two is wider than ``gap`` font sizes."""
        out: list[list[_Word]] = []
        for word in self.words:
            if out and word.x0 - out[-1][-1].x1 <= gap * self.size:
                out[-1].append(word)
            else:
                out.append([word])
        return out


def _run(words: list[_Word]) -> Run:
    text: list[str] = []
    boxes: list = []
    for number, word in enumerate(words):
        if number:
            text.append(" ")
            boxes.append(None)
        text.append(word.run[0])
        boxes.extend(word.run[1])
    return "".join(text), boxes


_MARKS = frozenset("0123456789*†‡¹²³⁰⁴⁵⁶⁷⁸⁹")
_SMALL = 0.8  # a footnote mark is set smaller than the character before it …
_RISE = 0.15  # … and raised above its baseline (share of that character's size), as pdf.footnote_split


def _words(plumber_page) -> list[_Word]:
    """The page's words with one box per character, footnote marks (small raised digits glued to the
    character before them, "124/2021/TT-BCA¹") left out."""
    out = []
    previous = None
    for word in plumber_page.extract_words(return_chars=True, extra_attrs=["size"]):
        text: list[str] = []
        boxes: list[CharBox | None] = []
        for char in word["chars"]:
            if previous is not None and _is_mark(char, previous):
                continue
            previous = char
            box = CharBox(char["x0"], char["top"], char["x1"], char["bottom"])
            text.append(char["text"])
            boxes.extend([box] * len(char["text"]))
        if text:
            out.append(_Word(word["x0"], word["x1"], word["top"], word["bottom"], ("".join(text), boxes)))
    return out


def _is_mark(char: dict, before: dict) -> bool:
    if char["text"] not in _MARKS or abs(char["x0"] - before["x1"]) > 1.5:
        return False
    if before["text"] in "mM" and char["text"] in "23²³":  # m², m³ are units
        return False
    size, base = char.get("size") or 0, before.get("size") or 0
    return bool(base) and size <= _SMALL * base and before["bottom"] - char["bottom"] >= _RISE * base


def _without_footnotes(lines: list[_Line], page_height: float) -> list[_Line]:
    """The lines above the footnote area: from the first line in the lower half of the page that
    starts with a mark ("1 Chú thích …") in a smaller size than the body."""
    if not lines:
        return lines
    sizes = sorted(line.size for line in lines)
    body = sizes[len(sizes) // 2]
    for index, line in enumerate(lines):
        first = line.words[0].run[0]
        if (
            line.top > page_height / 2
            and first
            and all(ch in _MARKS for ch in first)
            and line.size < 0.95 * body
        ):
            return lines[:index]
    return lines


def _lines(words: list[_Word]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1].words[0].top - word.top) <= _LINE_TOLERANCE * word.size:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def page_with_tables(
    plumber_page, *, footnotes: bool = False, carried: Columns | None = None
) -> tuple[Run | None, Columns | None]:
    """``(text, columns)``: the page's text and boxes with each table of figures rendered one line
    per row, the other lines in reading order by position (``None`` when the page holds no table of
    figures), and the columns of a table without lines that runs to the page's end, for the next
    page (``carried`` there). Footnote marks are left out; with ``footnotes`` (the page has some,
    kept apart), so is the footnote area."""
    lines = _lines(_words(plumber_page))
    if footnotes:
        lines = _without_footnotes(lines, plumber_page.height)
    tables: list[_Table] = []
    carry = None
    if carried is not None and not carried.ruled:
        tables, carry = continued_table(lines, carried, plumber_page.height)
    start = max(tables[0][1]) + 1 if tables else 0
    more, ruled_carry = _ruled_tables(plumber_page, lines, carried)
    if more:
        carry = ruled_carry
    else:
        more, next_carry = _unruled_tables(lines[start:], plumber_page.height)
        more = [(first + start, {i + start for i in members}, rendered) for first, members, rendered in more]
        carry = next_carry if more else carry
    tables += more
    if not tables:
        return None, None
    blocks: list[tuple[float, Run]] = []
    used: set[int] = set()
    for first, members, rendered in tables:
        used.update(members)
        blocks.append((lines[first].top, _join_lines([line for line in rendered if line[0]])))
    blocks += [(line.top, _run(line.words)) for index, line in enumerate(lines) if index not in used]
    blocks.sort(key=lambda block: block[0])
    return _join_lines([run for _, run in blocks]), carry


def _join_lines(runs: list[Run]) -> Run:
    text: list[str] = []
    boxes: list = []
    for number, (piece, piece_boxes) in enumerate(runs):
        if number:
            text.append("\n")
            boxes.append(None)
        text.append(piece)
        boxes.extend(piece_boxes)
    return "".join(text), boxes


_Table = tuple[int, set[int], list[Run]]  # first line, the lines it covers, the rendered rows


def _ruled_tables(
    plumber_page, lines: list[_Line], carried: Columns | None
) -> tuple[list[_Table], Columns | None]:
    """Tables with drawn lines (pdfplumber), cells read from the words whose middle is inside them.
    A table without a header of its own first on the page (only the page's head above it) goes on
    with ``carried``: the header of the previous page's last table, when that table ran to the
    page's end."""
    out: list[_Table] = []
    carry = None
    for number, table in enumerate(plumber_page.find_tables()):
        x0, top, x1, bottom = table.bbox
        members = {
            i
            for i, line in enumerate(lines)
            if top <= (line.top + line.bottom) / 2 <= bottom
            and any(x0 <= (w.x0 + w.x1) / 2 <= x1 for w in line.words)
        }
        rows: list[list[Run]] = []
        for row in table.rows:
            cells: list[Run] = []
            for cell in row.cells:
                if cell is None:
                    cells.append(run_of(""))
                    continue
                cx0, ctop, cx1, cbottom = cell
                inside = [
                    _Line(
                        [
                            w
                            for w in lines[i].words
                            if cx0 <= (w.x0 + w.x1) / 2 <= cx1 and ctop <= (w.top + w.bottom) / 2 <= cbottom
                        ]
                    )
                    for i in sorted(members)
                ]
                cells.append(_run([w for line in inside for w in line.words]))
            rows.append(cells)
        if not members:
            continue
        header = [cell[0] for cell in next((row for row in rows if any(c[0] for c in row)), [])]
        rendered = render_figure_runs(rows)
        if (
            rendered is None
            and number == 0
            and carried is not None
            and carried.ruled
            and len(carried.header) == max(len(row) for row in rows)
            and all(line.bottom < (1 - _FOOT) * plumber_page.height for line in lines[: min(members)])
        ):
            header = carried.header
            rendered = render_figure_runs([[run_of(text) for text in header], *rows])
            rendered = None if rendered is None else rendered[1:]
        if rendered is not None:
            out.append((min(members), members, rendered))
            runs_on = _runs_to_the_end(lines, max(members) + 1, plumber_page.height)
            carry = Columns(header, [], ruled=True) if runs_on else None
    return out, carry


@dataclass
class Columns:
    """An unruled table's columns, carried to the next page when the table runs to the page's end
    (a long table goes on without its header)."""

    header: list[str]
    bounds: list[float]
    ruled: bool = False


def _unruled_tables(lines: list[_Line], page_height: float) -> tuple[list[_Table], Columns | None]:
    out: list[_Table] = []
    carry = None
    index = 0
    while index < len(lines):
        found = _unruled_table_at(lines, index)
        if found is None:
            index += 1
            continue
        table, columns = found
        out.append(table)
        index = max(table[1]) + 1
        carry = columns if _runs_to_the_end(lines, index, page_height) else None
    return out, carry


def _runs_to_the_end(lines: list[_Line], after: int, page_height: float) -> bool:
    """Nothing but the page's foot (a page number) below the table."""
    return all(line.top > _FOOT * page_height for line in lines[after:])


def continued_table(
    lines: list[_Line], carried: Columns, page_height: float
) -> tuple[list[_Table], Columns | None]:
    """The rows at the top of a page that go on with the previous page's table (no header here)."""
    members, _, rows = _table_body(lines, 0, carried.bounds, carried.header, None)
    if not rows:
        return [], None
    table = [[run_of(text) for text in carried.header]] + [[_run(cell) for cell in row] for row in rows]
    rendered = render_figure_runs(table)
    if rendered is None:
        return [], None
    carry = carried if _runs_to_the_end(lines, max(members) + 1, page_height) else None
    return [(members[0], set(members), rendered[1:])], carry


def _fit(line: _Line, bounds: list[float]) -> list[list[_Word]] | None:
    """The line's words per column, ``None`` when one of its phrases straddles a column boundary."""
    columns: list[list[_Word]] = [[] for _ in range(len(bounds) + 1)]
    for phrase in line.groups(_PHRASE_GAP):
        left, right = phrase[0].x0, phrase[-1].x1
        if any(left < bound < right for bound in bounds):
            return None
        columns[sum(1 for bound in bounds if bound <= left)].extend(phrase)
    return columns


def _table_body(
    lines: list[_Line],
    first: int,
    bounds: list[float],
    header: list[str],
    header_cells: list[list[_Word]] | None,
) -> tuple[list[int], list[list[_Word]] | None, list[list[list[_Word]]]]:
    """``(members, header cells, rows)`` from ``lines[first:]``: the lines that fit the columns, close
    below each other; a row starts at a line with a serial number (a wrapped label goes on under
    it) or with a figure where the row above has one already (a "Tổng cộng" row), anything else
    under the serial column ends the table. Lines before the first row go on the
    header's cells (when given: a header wrapped onto a second line)."""
    roles = [header_role(text) for text in header]
    serial = roles.index("serial") if "serial" in roles else None
    members: list[int] = []
    rows: list[list[list[_Word]]] = []
    previous = lines[first - 1] if first else None
    for index in range(first, len(lines)):
        line = lines[index]
        if previous is not None and line.top - previous.bottom > _ROW_GAP * previous.size:
            break
        columns = _fit(line, bounds)
        if columns is None:
            break
        if serial is not None and columns[serial] and not is_serial(_run(columns[serial])[0]):
            break  # not a row of the table ("Nơi nhận:" under the serial column)
        starts_row = (
            serial is None
            or bool(columns[serial])
            or bool(rows)
            and any(words and rows[-1][i] and is_figure(_run(words)[0]) for i, words in enumerate(columns))
        )  # "Tổng cộng"
        if not rows and not starts_row and header_cells is not None:
            for cell, words in zip(header_cells, columns, strict=True):
                cell.extend(words)
        elif starts_row or not rows:
            rows.append(columns)
        else:
            for cell, words in zip(rows[-1], columns, strict=True):
                cell.extend(words)
        members.append(index)
        previous = line
    return members, header_cells, rows


def _unruled_table_at(lines: list[_Line], start: int) -> tuple[_Table, Columns] | None:
    header = lines[start]
    first = header.words[0].run[0][:1]
    if first not in ("S", "s", "T", "t"):
        return None
    cells = header.groups(_CELL_GAP)
    if len(cells) < 3:
        return None
    body_start: int | None = start + 1
    if not starts_header(" ".join(w.run[0] for w in header.words)):
        cells = [list(cell) for cell in cells]
        body_start = _wrapped_header(lines, start, cells)
    if body_start is None:
        return None
    # the lines that may belong to the table, close below each other, place the column boundaries
    candidates: list[_Line] = []
    previous = lines[body_start - 1]
    for line in lines[body_start:]:
        if line.top - previous.bottom > _ROW_GAP * previous.size:
            break
        candidates.append(line)
        previous = line
    bounds = [_gutter(cells[k], cells[k + 1], candidates) for k in range(len(cells) - 1)]
    texts = [_run(cell)[0] for cell in cells]
    members, header_cells, rows = _table_body(
        lines, body_start, bounds, texts, [list(cell) for cell in cells]
    )
    if not rows or header_cells is None:
        return None
    table = [[_run(cell) for cell in header_cells]] + [[_run(cell) for cell in row] for row in rows]
    rendered = render_figure_runs(table)
    if rendered is None:
        return None
    return (start, {*range(start, body_start), *members}, rendered), Columns(
        [_run(cell)[0] for cell in header_cells], bounds
    )


_HEADER_LINES = 4  # a wrapped header spans at most this many lines


def _wrapped_header(lines: list[_Line], start: int, cells: list[list[_Word]]) -> int | None:
    """A header whose cells wrap in narrow columns ("ST⏎T", "Số⏎lượng", "Đơn vị⏎tính"): the words
    of the next lines go to the header cell they stand under until the cells name a serial and a
    figure or unit column; the index of the first line after the header, ``None`` when no header."""
    for index in range(start + 1, min(len(lines), start + _HEADER_LINES)):
        line, previous = lines[index], lines[index - 1]
        if line.top - previous.bottom > _ROW_GAP * previous.size or line.words[0].run[0][:1].isdigit():
            return None  # a gap, or a row of figures: the header is over without naming its columns
        for word in line.words:
            middle = (word.x0 + word.x1) / 2
            nearest = min(cells, key=lambda cell: max(cell[0].x0 - middle, middle - cell[-1].x1, 0))
            nearest.append(word)
        roles = {header_role(_run(cell)[0]) for cell in cells}
        if "serial" in roles and roles & {"figure", "unit"}:
            return index + 1
    return None


def _gutter(left: list[_Word], right: list[_Word], lines: list[_Line]) -> float:
    """Where the boundary between two header cells goes: in the leftmost stretch, from the end of the
    left header to the end of the right one (figures are often right-aligned under a wider header),
    crossed by the fewest phrases of the rows below — the lines of several phrases, so prose after
    the table and a wrapped label do not count."""
    low, high = left[-1].x1, right[-1].x1
    phrases = [
        (p[0].x0, p[-1].x1) for line in lines if len(groups := line.groups(_PHRASE_GAP)) > 1 for p in groups
    ]
    if not phrases or high - low < 2:
        return (low + right[0].x0) / 2
    steps = int(high - low)
    counts = [sum(1 for a, b in phrases if a < low + step < b) for step in range(steps + 1)]
    fewest = min(counts)
    first = counts.index(fewest)
    last = first
    while last + 1 <= steps and counts[last + 1] == fewest:
        last += 1
    return low + (first + last) / 2
