"""``minhchung extract --format table``: a document's evidence as a table that fits the terminal.

Drawn with ``rich`` when it is installed (wrapped cells), else as plain fixed-width text (cut cells).
Kinds and statuses are shown with the vocabulary's Vietnamese labels.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import Any, TextIO

from extractor import vocabulary
from extractor.models import Evidence, ExtractionResult

MIN_WIDTH = 60


def terminal_width(default: int = 100) -> int:
    """Columns of the terminal (``COLUMNS`` when set, ``default`` when not a terminal), at least 60."""
    return max(MIN_WIDTH, shutil.get_terminal_size((default, 24)).columns)


def _value(value: dict[str, Any]) -> str:
    """``key=value; …`` of the non-empty fields (lists joined by commas, nested values as JSON)."""

    def shown(item: Any) -> str:
        if isinstance(item, list):
            return ", ".join(map(str, item))
        return json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else str(item)

    return "; ".join(f"{key}={shown(item)}" for key, item in value.items() if item not in (None, [], {}, ""))


def _heading(result: ExtractionResult) -> list[str]:
    info = result.document
    subject = vocabulary.label("subject_type", info.subject_type, "—")
    kind = vocabulary.label("document_type", info.doc_type) or "—"  # an unknown type shows its key
    return [
        f"# {info.source}",
        f"  loại văn bản: {kind} · cơ quan: {info.issuer or '—'} · số: {info.number or '—'} · "
        f"ngày: {info.issued_on or '—'} · kỳ: {info.period or '—'} · đối tượng: {subject} · "
        f"năm: {info.year or '—'} · {info.pages} trang" + (" (OCR)" if info.ocr else ""),
    ] + [f"  cảnh báo / warning: {warning}" for warning in info.warnings]


def _evidence_rows(result: ExtractionResult) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            vocabulary.label("evidence_kind", item.kind),
            str(item.page or ""),
            f"{item.start}–{item.end}",
            _quoted(item),
            _value(item.value),
        )
        for item in result.evidence
    ]


def _quoted(item: Evidence) -> str:
    """The evidence's text on one line, with “(chú thích N)” when it was read in a footnote."""
    mark = vocabulary.source_mark(item.source_part, item.footnote)
    text = " ".join(item.text.split())
    return f"{text} {mark}" if mark else text


def _criteria_rows(result: ExtractionResult) -> list[tuple[str, str, str]]:
    return [
        (str(row.get("id", "")), vocabulary.status_label(row.get("status")), str(row.get("title", "")))
        for row in result.criteria
    ]


def _rich(result: ExtractionResult, out: TextIO, width: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=width, highlight=False, emoji=False, markup=False)
    for line in _heading(result):
        console.print(line, overflow="fold")
    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column("Loại", no_wrap=True, max_width=22)
    table.add_column("Tr.", justify="right", no_wrap=True)
    table.add_column("Vị trí", justify="right", no_wrap=True)
    table.add_column("Văn bản gốc", ratio=3, overflow="fold")
    table.add_column("Giá trị", ratio=2, overflow="fold")
    for row in _evidence_rows(result):
        table.add_row(*row)
    console.print(table)
    if result.criteria:
        criteria = Table(title="Tiêu chí TT124", expand=True, header_style="bold")
        criteria.add_column("Mã", no_wrap=True)
        criteria.add_column("Trạng thái", no_wrap=True)
        criteria.add_column("Tiêu chí", ratio=1, overflow="fold")
        for criterion in _criteria_rows(result):
            criteria.add_row(*criterion)
        console.print(criteria)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _plain(result: ExtractionResult, out: TextIO, width: int) -> None:
    lines = [
        wrapped
        for line in _heading(result)
        for wrapped in textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=True)
    ]
    kind, page, span = 20, 4, 13
    rest = width - (kind + page + span + 2 + 8)
    text_width, value_width = rest * 3 // 5, rest - rest * 3 // 5
    lines += [
        "",
        f"  {'Loại':<{kind}} {'Tr.':>{page}} {'Vị trí':>{span}}  {'Văn bản gốc':<{text_width}} Giá trị",
    ]
    for label, number, where, text, value in _evidence_rows(result):
        lines.append(
            f"  {_cut(label, kind):<{kind}} {number:>{page}} {where:>{span}}  "
            f"{_cut(text, text_width):<{text_width}} {_cut(value, value_width)}"
        )
    if result.criteria:
        lines += ["", "  Tiêu chí TT124:"]
        lines += [
            _cut(f"    {cid:<12} {status:<20} {title}", width)
            for cid, status, title in _criteria_rows(result)
        ]
    out.write("\n".join(lines) + "\n\n")


def print_table(result: ExtractionResult, out: TextIO, width: int | None = None) -> None:
    """Write the evidence table of ``result`` to ``out``, no line wider than ``width`` (the terminal's)."""
    width = width or terminal_width()
    try:
        import rich  # noqa: F401
    except ImportError:
        _plain(result, out, width)
    else:
        _rich(result, out, width)
