"""openpyxl helpers shared by the workbooks: cells written as data, never as formulas; print set-up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from extractor.forms.text import FORMULA_START, clean_text


def put(cell: Any, value: Any) -> Any:
    """Write ``value`` into ``cell``: strings cleaned and typed as text (``data_type`` "s"), so
    ``=HYPERLINK(…)`` stays the characters a person typed; a formula-looking string also gets Excel's
    quote prefix so that editing the cell keeps it text."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write_row(sheet: Any, row: int, values: Sequence[Any]) -> int:
    """Write one row of data cells from column A; returns the next row number."""
    for column, value in enumerate(values, start=1):
        put(sheet.cell(row=row, column=column), value)
    return row + 1


def widths(sheet: Any, values: Iterable[float]) -> None:
    """Column widths (characters) from the left."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(values, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def bold_row(sheet: Any, row: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def working_table(
    sheet: Any, header_row: int, last_column: int, *, landscape: bool = True, freeze: str | None = None
) -> None:
    """Print and work set-up: A4, fit to one page wide, the header row printed on every page, frozen, filtered."""
    from openpyxl.utils import get_column_letter

    last = get_column_letter(last_column)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = freeze or f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
