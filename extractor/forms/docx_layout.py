"""python-docx building blocks for administrative documents (thể thức per Nghị định 30/2020/NĐ-CP):
page set-up, fonts, paragraph borders, page-number fields, repeated table headers, fixed column widths."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from extractor.forms.text import clean_text


def page_setup(section: Any, page: dict[str, Any]) -> None:
    """Paper size, margins and header/footer distances from the form settings (centimetres)."""
    section.page_width, section.page_height = Cm(page["width_cm"]), Cm(page["height_cm"])
    margins = page["margins_cm"]
    section.top_margin, section.bottom_margin = Cm(margins["top"]), Cm(margins["bottom"])
    section.left_margin, section.right_margin = Cm(margins["left"]), Cm(margins["right"])
    section.header_distance = Cm(page["header_distance_cm"])
    section.footer_distance = Cm(page["footer_distance_cm"])


def base_font(document: Any, font: dict[str, Any], line_spacing: float, space_after_pt: float) -> None:
    """The Normal style: one font for Latin and Vietnamese text alike, its size, spacing."""
    style = document.styles["Normal"]
    style.font.name = font["name"]
    style.font.size = Pt(font["size_pt"])
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font["name"])
    style.paragraph_format.line_spacing = line_spacing
    style.paragraph_format.space_after = Pt(space_after_pt)
    style.paragraph_format.space_before = Pt(0)


def paragraph(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: str | None = None,
    space_after: float | None = None,
    keep_with_next: bool = False,
) -> Any:
    """A paragraph with one run of cleaned ``text`` in a document, header or table cell."""
    made = container.add_paragraph()
    if text:
        add_run(made, text, bold=bold, italic=italic, underline=underline, size=size)
    if align:
        made.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    if space_after is not None:
        made.paragraph_format.space_after = Pt(space_after)
    made.paragraph_format.keep_with_next = keep_with_next
    return made


def add_run(
    made: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
) -> Any:
    run = made.add_run(clean_text(text))
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return run


def first_paragraph(cell: Any) -> Any:
    """A table cell's (empty) first paragraph, so a cell does not start with a blank line."""
    return cell.paragraphs[0]


def rule(container: Any, indent_cm: float) -> Any:
    """A short horizontal line (the rule under the issuing body): an empty, 2-point paragraph whose bottom
    border is shortened and centred by equal indents."""
    made = container.add_paragraph()
    made.paragraph_format.space_after = Pt(0)
    made.paragraph_format.line_spacing = Pt(2)
    made.paragraph_format.left_indent = Cm(indent_cm)
    made.paragraph_format.right_indent = Cm(indent_cm)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    made._p.get_or_add_pPr().append(borders)
    return made


def page_number(made: Any, size: float | None = None) -> None:
    """A PAGE field (the page's number, computed by Word/LibreOffice when the file is opened)."""

    def field(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    begin = made.add_run()
    begin._r.append(field("begin"))
    instruction = made.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    instruction._r.append(code)
    made.add_run()._r.append(field("separate"))
    shown = made.add_run("2")
    if size:
        shown.font.size = Pt(size)
    made.add_run()._r.append(field("end"))


def repeat_header(row: Any) -> None:
    """Print this table row at the top of every page the table runs onto; never split it."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def keep_row_together(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)


def fixed_widths(table: Any, widths_cm: list[float]) -> None:
    """Column widths that Word and LibreOffice both keep (fixed layout, grid and every cell)."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def no_borders(table: Any) -> None:
    """A layout table: no lines."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
