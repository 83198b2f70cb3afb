"""Tables of figures ("STT | Nội dung | Số lượng | Đơn vị tính") rendered as lines the finders read.

Read cell by cell, such a table loses its counts (in DOCX each cell is a line, the number stands
alone, its unit on the next line) or over-reports them (in PDF the serial number glues to the label:
"2 Số lượt người" reads as a count). :func:`render_figure_table` turns each row into one sentence,
``"<label>: <figure> <unit>."`` — several figure columns give ``"<label>: <header> <figure> <unit>;
…"`` — and drops the serial column. Tables that are not tables of figures (the two-column header
block of every administrative document, signature tables) are left alone (``None``). For an unruled
table in a PDF, :func:`strip_serial_numbers` at least drops the serial numbers that start its rows.
Header words live in ``corpora/document/tables.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import corpora


@dataclass(frozen=True)
class _Vocabulary:
    serial: frozenset[str]
    label: frozenset[str]
    unit: frozenset[str]
    figure: frozenset[str]
    note: frozenset[str]
    figure_cell: re.Pattern[str]
    serial_cue: re.Pattern[str]
    column_cue: re.Pattern[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = corpora.load_json("document", "tables.json")
    return _Vocabulary(
        serial=frozenset(data["serial_headers"]), label=frozenset(data["label_headers"]),
        unit=frozenset(data["unit_headers"]), figure=frozenset(data["figure_headers"]),
        note=frozenset(data["note_headers"]), figure_cell=re.compile(data["figure_cell"]),
        serial_cue=re.compile(data["tabular_page_cues"]["serial"]),
        column_cue=re.compile(data["tabular_page_cues"]["columns"]),
    )


def _header_key(cell: str) -> str:
    return " ".join(cell.casefold().split()).strip(" .:;,()")


def _cell(text: str | None) -> str:
    return " ".join((text or "").split())


def _is_figure(cell: str) -> bool:
    return bool(_vocabulary().figure_cell.match(cell))


def _columns(header: list[str], body: list[list[str]]) -> dict[str, list[int]] | None:
    """Column roles from the header row and the body cells; ``None`` when not a table of figures."""
    words = _vocabulary()
    roles: dict[str, list[int]] = {"serial": [], "label": [], "unit": [], "figure": [], "note": []}
    named = 0
    for index, cell in enumerate(header):
        key = _header_key(cell)
        for role, vocabulary in (("serial", words.serial), ("label", words.label), ("unit", words.unit),
                                 ("figure", words.figure), ("note", words.note)):
            if key in vocabulary:
                roles[role].append(index)
                named += role != "label"
                break
        else:
            filled = [row[index] for row in body if index < len(row) and row[index]]
            if filled and sum(map(_is_figure, filled)) * 2 >= len(filled):
                roles["figure"].append(index)
            elif not roles["label"] and not roles["figure"]:
                roles["label"].append(index)  # the first wordy column is what the row is about
    if not roles["label"] or not roles["figure"] or named == 0:
        return None
    if not any(_is_figure(row[i]) for row in body for i in roles["figure"] if i < len(row)):
        return None  # a table of words ("Tiêu chí 1 | Đạt") is read cell by cell
    return roles


def render_figure_table(rows: list[list[str]]) -> list[str] | None:
    """One line per row of a table of figures (the first non-empty row is the header; ``""`` for a row
    with nothing to say), aligned with ``rows``; ``None`` for any other table."""
    cleaned = [[_cell(cell) for cell in row] for row in rows]
    filled = [index for index, row in enumerate(cleaned) if any(row)]
    if len(filled) < 2 or max(len(cleaned[index]) for index in filled) < 2:
        return None
    header = cleaned[filled[0]]
    roles = _columns(header, [cleaned[index] for index in filled[1:]])
    if roles is None:
        return None
    lines = [""] * len(rows)
    lines[filled[0]] = " / ".join(cell for index, cell in enumerate(header) if cell and index not in roles["serial"])
    for index in filled[1:]:
        lines[index] = _render_row(cleaned[index], header, roles)
    return lines


def _at(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _render_row(row: list[str], header: list[str], roles: dict[str, list[int]]) -> str:
    label = " ".join(_at(row, i) for i in roles["label"] if _at(row, i)).rstrip(" :")
    unit = " ".join(_at(row, i) for i in roles["unit"] if _at(row, i))
    figures = [(header[i], _at(row, i)) for i in roles["figure"] if _at(row, i)]
    note = " ".join(_at(row, i) for i in roles["note"] if _at(row, i))
    if not figures:
        parts = [label, unit]
        return " ".join(p for p in parts if p) + (f" ({note})" if note else "")
    if len(figures) == 1:
        said = " ".join(p for p in (figures[0][1], unit) if p)
    else:
        said = "; ".join(" ".join(p for p in (name, value, unit) if p) for name, value in figures)
    line = f"{label}: {said}" if label else said
    return line + (f" ({note})" if note else "") + "."


def looks_tabular(page_text: str) -> bool:
    """Cheap test on a PDF page's plain text: a serial header and a figure or unit header on one line."""
    return _header_line(page_text) is not None


def _header_line(page_text: str) -> re.Match[str] | None:
    """The serial header ("STT") of the first line that also names a figure or unit column."""
    words = _vocabulary()
    for match in words.serial_cue.finditer(page_text):
        end = page_text.find("\n", match.end())
        if words.column_cue.search(page_text[match.start():end if end >= 0 else len(page_text)]):
            return match
    return None


_SERIAL_ROW = re.compile(r"^(?P<serial>\d{1,3})\.?[ \t]+(?=[A-ZĐÀ-Ỹ])", re.MULTILINE)


def strip_serial_numbers(page_text: str) -> str:
    """An unruled table of figures in PDF text ("STT Nội dung Số lượng Đơn vị tính⏎1 Tổ chức …⏎12
    buổi"): the serial numbers that start its rows — 1, 2, 3 … in order after the header line, each
    followed by a capitalised label — are removed so they are not read as counts ("2 Số lượt người").
    Figures ("12 buổi", lower-case unit) and everything before the header are left alone."""
    header = _header_line(page_text)
    if header is None:
        return page_text
    pieces: list[str] = []
    position, expected = header.end(), 1
    for match in _SERIAL_ROW.finditer(page_text, header.end()):
        if int(match.group("serial")) != expected:
            continue
        pieces.append(page_text[position:match.start()])
        position, expected = match.end(), expected + 1
    if expected == 1:
        return page_text
    return page_text[:header.end()] + "".join(pieces) + page_text[position:]
