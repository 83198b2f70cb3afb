"""Tables of figures ("STT | Nội dung | Số lượng | Đơn vị tính") rendered as lines the finders read.

Read cell by cell, such a table loses its counts (in DOCX each cell is a line, the number stands
alone, its unit on the next line) or over-reports them (in PDF the serial number glues to the label:
"2 Số lượt người" reads as a count). :func:`render_figure_table` turns each row into one sentence,
``"<label>: <figure> <unit>."`` — several figure columns give ``"<label>: <figure> <unit> (<header>);
…"`` — and drops the serial column. Tables that are not tables of figures (the two-column header
block of every administrative document, signature tables) are left alone (``None``).
:func:`render_figure_runs` does the same on cells that keep one box per character (PDF, see
:mod:`extractor.ingest.pdf_tables`, which also finds tables printed without lines);
:func:`render_tab_tables` on lines typed with tab stops (DOCX). On a PDF page that looks tabular
but where no table is found, :func:`strip_serial_numbers` at least drops the serial numbers that
start its rows. Header words live in ``corpora/document/tables.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import corpora

Run = tuple[str, list]
"""A piece of text with one box (or ``None``) per character: a PDF cell keeps its provenance."""


@dataclass(frozen=True)
class _Vocabulary:
    serial: frozenset[str]
    label: frozenset[str]
    unit: frozenset[str]
    figure: frozenset[str]
    note: frozenset[str]
    figure_cell: re.Pattern[str]
    serial_cell: re.Pattern[str]
    serial_cue: re.Pattern[str]
    column_cue: re.Pattern[str]
    wrapped_serial: re.Pattern[str]
    wrapped_lines: int


@cache
def _vocabulary() -> _Vocabulary:
    data = corpora.load_json("document", "tables.json")
    return _Vocabulary(
        serial=frozenset(data["serial_headers"]),
        label=frozenset(data["label_headers"]),
        unit=frozenset(data["unit_headers"]),
        figure=frozenset(data["figure_headers"]),
        note=frozenset(data["note_headers"]),
        figure_cell=re.compile(data["figure_cell"]),
        serial_cell=re.compile(data["serial_cell"]),
        serial_cue=re.compile(data["tabular_page_cues"]["serial"]),
        column_cue=re.compile(data["tabular_page_cues"]["columns"]),
        wrapped_serial=re.compile(data["tabular_page_cues"]["wrapped_serial"]),
        wrapped_lines=int(data["tabular_page_cues"]["wrapped_lines"]),
    )


def _header_key(cell: str) -> str:
    return " ".join(cell.casefold().split()).strip(" .:;,()")


def is_figure(cell: str) -> bool:
    """A figure cell: 12, 1.250, 3,5, 100%."""
    return bool(_vocabulary().figure_cell.match(cell))


def _columns(header: list[str], body: list[list[str]]) -> dict[str, list[int]] | None:
    """Column roles from the header row and the body cells; ``None`` when not a table of figures."""
    roles: dict[str, list[int]] = {"serial": [], "label": [], "unit": [], "figure": [], "note": []}
    named = 0
    for index, cell in enumerate(header):
        role = header_role(cell)
        if role is not None:
            roles[role].append(index)
            named += role != "label"
        else:
            filled = [row[index] for row in body if index < len(row) and row[index]]
            if filled and sum(map(is_figure, filled)) * 2 >= len(filled):
                roles["figure"].append(index)
            elif not roles["label"] and not roles["figure"]:
                roles["label"].append(index)  # the first wordy column is what the row is about
    if not roles["label"] or not roles["figure"] or named == 0:
        return None
    if not any(is_figure(row[i]) for row in body for i in roles["figure"] if i < len(row)):
        return None  # a table of words ("Tiêu chí 1 | Đạt") is read cell by cell
    return roles


def render_figure_table(rows: list[list[str]]) -> list[str] | None:
    """One line per row of a table of figures (the first non-empty row is the header; ``""`` for a row
    with nothing to say), aligned with ``rows``; ``None`` for any other table."""
    rendered = render_figure_runs([[run_of(cell) for cell in row] for row in rows])
    return None if rendered is None else [text for text, _ in rendered]


def render_figure_runs(rows: list[list[Run]]) -> list[Run] | None:
    """:func:`render_figure_table` on cells that carry one box per character (PDF provenance): each
    rendered character keeps the box of the character it comes from; the words added between the
    cells (": ", "; ", ".") have none."""
    cleaned = [[_collapse(cell) for cell in row] for row in rows]
    texts = [[cell[0] for cell in row] for row in cleaned]
    filled = [index for index, row in enumerate(texts) if any(row)]
    if len(filled) < 2 or max(len(texts[index]) for index in filled) < 2:
        return None
    header = texts[filled[0]]
    roles = _columns(header, [texts[index] for index in filled[1:]])
    if roles is None:
        return None
    lines: list[Run] = [("", [])] * len(rows)
    lines[filled[0]] = _join(
        [cell for index, cell in enumerate(cleaned[filled[0]]) if cell[0] and index not in roles["serial"]],
        " / ",
    )
    for index in filled[1:]:
        lines[index] = _render_row(cleaned[index], header, roles)
    return lines


_EMPTY: Run = ("", [])


def _parenthesised(run: Run) -> Run:
    return _join([run_of("("), run, run_of(")")], "") if run[0] else run


def _at(row: list[Run], index: int) -> Run:
    return row[index] if index < len(row) else _EMPTY


def _render_row(row: list[Run], header: list[str], roles: dict[str, list[int]]) -> Run:
    label = _rstrip(_join([_at(row, i) for i in roles["label"] if _at(row, i)[0]], " "), " :")
    unit = _join([_at(row, i) for i in roles["unit"] if _at(row, i)[0]], " ")
    figures = [(run_of(header[i]), _at(row, i)) for i in roles["figure"] if _at(row, i)[0]]
    note = _join([_at(row, i) for i in roles["note"] if _at(row, i)[0]], " ")
    if not figures:
        line = _join([p for p in (label, unit) if p[0]], " ")
        return _join([line, run_of(" ("), note, run_of(")")], "") if note[0] else line
    if len(figures) == 1:
        said = _join([p for p in (figures[0][1], unit) if p[0]], " ")
    else:
        # the header after the figure: "Kế hoạch 10 buổi" would read as the document "Kế hoạch 10"
        said = _join(
            [_join([p for p in (value, unit, _parenthesised(name)) if p[0]], " ") for name, value in figures],
            "; ",
        )
    line = _join([label, said], ": ") if label[0] else said
    if note[0]:
        line = _join([line, run_of(" ("), note, run_of(")")], "")
    return _join([line, run_of(".")], "")


def run_of(text: str | None, boxes: list | None = None) -> Run:
    text = text or ""
    return text, list(boxes) if boxes is not None else [None] * len(text)


def _join(runs: list[Run], separator: str) -> Run:
    text: list[str] = []
    boxes: list = []
    for number, (piece, piece_boxes) in enumerate(runs):
        if number:
            text.append(separator)
            boxes.extend([None] * len(separator))
        text.append(piece)
        boxes.extend(piece_boxes)
    return "".join(text), boxes


def _collapse(run: Run) -> Run:
    """Whitespace runs to one space, none at the ends (the boxed form of ``" ".join(text.split())``)."""
    text, boxes = run
    out: list[str] = []
    out_boxes: list = []
    for char, box in zip(text, boxes, strict=True):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                out_boxes.append(None)
            continue
        out.append(char)
        out_boxes.append(box)
    if out and out[-1] == " ":
        out.pop()
        out_boxes.pop()
    return "".join(out), out_boxes


def _rstrip(run: Run, chars: str) -> Run:
    text, boxes = run
    end = len(text.rstrip(chars))
    return text[:end], boxes[:end]


def is_serial(cell: str) -> bool:
    """A serial cell: 1, 1.2, IV, a)."""
    return bool(_vocabulary().serial_cell.match(cell.strip()))


def header_role(cell: str) -> str | None:
    """The role a header cell names ("serial", "label", "unit", "figure", "note"), if any."""
    words = _vocabulary()
    key = _header_key(cell)
    if key.replace(" ", "") in {serial.replace(" ", "") for serial in words.serial}:
        return "serial"  # "ST T": the serial header wrapped in a narrow column
    for role, vocabulary in (
        ("serial", words.serial),
        ("label", words.label),
        ("unit", words.unit),
        ("figure", words.figure),
        ("note", words.note),
    ):
        if key in vocabulary:
            return role
    return None


def starts_header(line: str) -> bool:
    """A line that can head a table of figures: a serial header first, a figure or unit header after."""
    words = _vocabulary()
    return bool(words.serial_cue.match(line) and words.column_cue.search(line))


def looks_tabular(page_text: str) -> bool:
    """Cheap test on a PDF page's plain text: a serial header and a figure or unit header on one line,
    or on a few lines when the header's cells wrap in narrow columns ("ST⏎T⏎Nội dung Số⏎lượng")."""
    return _header_line(page_text) is not None or _wrapped_header(page_text)


def _wrapped_header(page_text: str) -> bool:
    words = _vocabulary()
    lines = page_text.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip()[:1] not in ("S", "s", "T", "t"):
            continue
        window = " ".join(lines[index : index + words.wrapped_lines])
        if words.wrapped_serial.match(window) and words.column_cue.search(window):
            return True
    return False


def _header_line(page_text: str) -> re.Match[str] | None:
    """The serial header ("STT") of the first line that also names a figure or unit column."""
    words = _vocabulary()
    for match in words.serial_cue.finditer(page_text):
        end = page_text.find("\n", match.end())
        if words.column_cue.search(page_text[match.start() : end if end >= 0 else len(page_text)]):
            return match
    return None


_SERIAL_ROW = re.compile(r"^(?P<serial>\d{1,3})\.?[ \t]+(?=[A-ZĐÀ-Ỹ])", re.MULTILINE)


def strip_serial_numbers(page_text: str) -> str:
    """An unruled table of figures in PDF text ("STT Nội dung Số lượng Đơn vị tính⏎1 Tổ chức …⏎12
    buổi"): the serial numbers that start its rows — 1, 2, 3 … in order after the header line, each
    followed by a capitalised label — are removed so they are not read as counts ("2 Số lượt người").
    Figures ("12 buổi", lower-case unit) and everything before the header are left alone."""
    kept = serial_free_indexes(page_text)
    return page_text if kept is None else "".join(page_text[i] for i in kept)


def serial_free_indexes(page_text: str) -> list[int] | None:
    """The indexes of ``page_text`` :func:`strip_serial_numbers` keeps; ``None`` when it keeps all."""
    header = _header_line(page_text)
    if header is None:
        return None
    cuts: list[tuple[int, int]] = []
    expected = 1
    for match in _SERIAL_ROW.finditer(page_text, header.end()):
        if int(match.group("serial")) != expected:
            continue
        cuts.append((match.start(), match.end()))
        expected += 1
    if not cuts:
        return None
    kept: list[int] = []
    position = 0
    for start, end in cuts:
        kept.extend(range(position, start))
        position = end
    kept.extend(range(position, len(page_text)))
    return kept


_TABS = re.compile(r"\t+")


def render_tab_tables(text: str) -> str:
    """A table of figures typed with tab stops (no table: "STT⇥Nội dung⇥Số lượng⇥Đơn vị tính", then one
    paragraph per row, columns separated by tabs) rendered like a table, one line per row; the lines
    of the table are the header line and the tabbed lines right under it."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" not in line or not starts_header(" ".join(line.split())):
            out.append(line)
            index += 1
            continue
        end = index + 1
        while end < len(lines) and "\t" in lines[end] and lines[end].strip():
            end += 1
        rendered = render_figure_table([_TABS.split(row.strip()) for row in lines[index:end]])
        if rendered is None:
            out.append(line)
            index += 1
            continue
        out.extend(row for row in rendered if row)
        index = end
    return "\n".join(out)
