"""The printable scorecard (DOCX) in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4, margins 2/2/3/1.5 cm, Times New Roman 13; on page 1 the issuing body on the left and the quốc hiệu and
tiêu ngữ on the right, the number and the place and date; page numbers centred at the top from page 2; the
criteria table with its header repeated on every page and the quote column widest; the two signature blocks
and "Nơi nhận". Wording and sizes: ``corpora/forms/scorecard.json``. Labels: the vocabulary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from extractor import vocabulary
from extractor.forms import docx_layout as layout
from extractor.forms import rows as form_rows
from extractor.forms.settings import scorecard_form


def _national_header(section: Any, form: dict[str, Any], issuer: str | None) -> None:
    """Page 1's header: issuing body | quốc hiệu, tiêu ngữ; number | place and date."""
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    sizes = form["font"]
    widths = form["header_columns_cm"]
    from docx.shared import Cm

    table = header.add_table(rows=2, cols=2, width=Cm(sum(widths)))
    layout.no_borders(table)
    layout.fixed_widths(table, widths)
    left, right = table.rows[0].cells
    parent = layout.first_paragraph(left)
    layout.add_run(parent, form["issuer_parent"].upper(), size=sizes["issuer_size_pt"])
    parent.alignment = 1
    parent.paragraph_format.space_after = layout.Pt(0)
    layout.paragraph(
        left,
        (issuer or form["issuer_body"]).upper(),
        bold=True,
        size=sizes["issuer_size_pt"],
        align="center",
        space_after=0,
    )
    layout.rule(left, form["issuer_rule_indent_cm"])
    title = layout.first_paragraph(right)
    layout.add_run(title, form["national_title"], bold=True, size=sizes["national_title_size_pt"])
    title.alignment = 1
    title.paragraph_format.space_after = layout.Pt(0)
    layout.paragraph(
        right,
        form["motto"],
        bold=True,
        underline=True,
        size=sizes["header_size_pt"],
        align="center",
        space_after=0,
    )
    number, place = table.rows[1].cells
    first = layout.first_paragraph(number)
    layout.add_run(first, form["number"], size=sizes["header_size_pt"])
    first.alignment = 1
    first.paragraph_format.space_before = layout.Pt(6)
    when = layout.first_paragraph(place)
    layout.add_run(when, form["place_date"], italic=True, size=sizes["header_size_pt"])
    when.alignment = 1
    when.paragraph_format.space_before = layout.Pt(6)
    header.paragraphs[0].paragraph_format.space_after = layout.Pt(0)


def _page_numbers(section: Any, form: dict[str, Any]) -> None:
    """Pages 2 onward: the page number centred in the top margin (page 1 has none)."""
    header = section.header
    header.is_linked_to_previous = False
    made = header.paragraphs[0]
    made.alignment = 1
    layout.page_number(made, form["font"]["header_size_pt"])


def _heading(document: Any, card: dict[str, Any], form: dict[str, Any]) -> None:
    layout.paragraph(document, form["title"], bold=True, size=14, align="center", space_after=0)
    layout.paragraph(document, form["subtitle"], bold=True, align="center", space_after=12)
    unknown = form["unknown"]
    layout.paragraph(document, f"{form['unit_label']}: {card.get('unit') or unknown}", space_after=2)
    subject = vocabulary.label("subject_type", card.get("subject_type"), unknown)
    layout.paragraph(
        document,
        f"{form['subject_label']}: {subject}.    {form['year_label']}: {card.get('year') or unknown}",
        space_after=2,
    )
    if card.get("article"):
        layout.paragraph(
            document,
            f"{form['article_label']}: Điều {card['article']} Thông tư số 124/2021/TT-BCA",
            space_after=2,
        )
    documents = "; ".join(Path(str(item)).name for item in card.get("documents") or []) or unknown
    layout.paragraph(document, f"{form['documents_label']}: {documents}", space_after=8)


def _dossier_notes(document: Any, card: dict[str, Any], wording: dict[str, Any]) -> None:
    """A short “Lưu ý về hồ sơ” block above the table: documents of another unit, year or kind, those left
    out of the proposal, and a unit outside TT124's scope. Nothing when the dossier is consistent."""
    lines = form_rows.dossier_notes(card, wording)
    if not lines:
        return
    layout.paragraph(document, f"{wording['title']}:", bold=True, space_after=2, keep_with_next=True)
    for index, line in enumerate(lines):
        layout.paragraph(
            document,
            f"- {line}",
            italic=True,
            space_after=8 if index == len(lines) - 1 else 2,
            keep_with_next=index < len(lines) - 1,
        )


def _criterion_cell(cell: Any, row: dict[str, Any], size: float) -> None:
    layout.add_run(layout.first_paragraph(cell), row["id"], bold=True, size=size)
    layout.paragraph(cell, row["title"], size=size, space_after=0)
    for line in form_rows.point_summary(row):
        layout.paragraph(cell, line, italic=True, size=size - 1, space_after=0)


def _proposal_cell(cell: Any, row: dict[str, Any], form: dict[str, Any], size: float) -> None:
    first = layout.first_paragraph(cell)
    layout.add_run(first, vocabulary.status_label(row["status"]), bold=True, size=size)
    if row["needs_assessor"]:
        layout.paragraph(cell, form["needs_assessor"], size=size - 1, space_after=0)
    for reason in row["reasons"]:
        layout.paragraph(cell, reason, italic=True, size=size - 1, space_after=0)


def _evidence_cell(cell: Any, row: dict[str, Any], form: dict[str, Any], size: float) -> None:
    quotes = form_rows.shown_quotes(row)
    if not quotes:
        layout.add_run(layout.first_paragraph(cell), form["no_evidence"], italic=True, size=size)
        return
    for index, quote in enumerate(quotes):
        made = layout.first_paragraph(cell) if index == 0 else cell.add_paragraph()
        made.paragraph_format.space_after = layout.Pt(3)
        letters = form_rows.quote_points(quote)
        if letters:
            layout.add_run(made, f"[điểm {', '.join(letters)}] ", bold=True, size=size)
        layout.add_run(made, f"{form_rows.quoted(quote)} ", size=size)
        stance = f"; {form_rows.stance_label(quote)}" if quote.get("stance") else ""
        layout.add_run(made, f"({form_rows.where(quote)}{stance})", italic=True, size=size)


def _criteria_table(document: Any, card: dict[str, Any], form: dict[str, Any]) -> None:
    columns = form["columns"]
    size = form["font"]["table_size_pt"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        made = layout.first_paragraph(cell)
        layout.add_run(made, column["label"], bold=True, size=size)
        made.alignment = 1
    layout.repeat_header(table.rows[0])
    for row in card["criteria"]:
        cells = dict(zip((column["key"] for column in columns), table.add_row().cells, strict=True))
        _criterion_cell(cells["criterion"], row, size)
        _proposal_cell(cells["proposal"], row, form, size)
        _evidence_cell(cells["evidence"], row, form, size)
        decided = form_rows.decision_text(row)
        layout.add_run(layout.first_paragraph(cells["assessor"]), decided or form["undecided"], size=size)
    layout.fixed_widths(table, [column["width_cm"] for column in columns])


def _closing(document: Any, card: dict[str, Any], form: dict[str, Any]) -> None:
    layout.paragraph(document, "", space_after=0)
    layout.paragraph(document, card["overall"]["label_vi"], bold=True, keep_with_next=True)
    if decided := form_rows.decided_line(card):
        layout.paragraph(document, decided, italic=True, keep_with_next=True)
    layout.paragraph(document, form["conclusion"], keep_with_next=True)
    layout.paragraph(
        document, form["note"], italic=True, size=form["font"]["size_pt"] - 1, keep_with_next=True
    )
    signatures = form["signatures"]
    table = document.add_table(rows=1, cols=len(signatures))
    layout.no_borders(table)
    layout.keep_row_together(table.rows[0])
    for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
        title = layout.first_paragraph(cell)
        layout.add_run(title, signature["title"], bold=True)
        title.alignment = 1
        title.paragraph_format.space_after = layout.Pt(0)
        layout.paragraph(cell, signature["hint"], italic=True, align="center", space_after=0)
        for _ in range(form["signature_space_lines"]):
            layout.paragraph(cell, "", space_after=0)
    width = sum(column["width_cm"] for column in form["columns"])
    layout.fixed_widths(table, [width / len(signatures)] * len(signatures))
    recipients = layout.paragraph(
        document,
        form["recipients_title"],
        bold=True,
        italic=True,
        size=12,
        space_after=0,
        keep_with_next=True,
    )
    recipients.paragraph_format.space_before = layout.Pt(12)
    for line in form["recipients"]:
        layout.paragraph(document, line, size=11, space_after=0)


def write(card: dict[str, Any], target: Path | BinaryIO, *, issuer: str | None = None) -> Path | BinaryIO:
    """Write the printable scorecard of ``card`` (``scorecard.build``'s shape) to a path or binary stream;
    ``issuer`` names the issuing body (else the form's blank line)."""
    from docx import Document

    form = scorecard_form()["docx"]
    document = Document()
    section = document.sections[0]
    layout.page_setup(section, form["page"])
    layout.base_font(document, form["font"], form["line_spacing"], form["space_after_pt"])
    _national_header(section, form, issuer)
    _page_numbers(section, form)
    _heading(document, card, form)
    _dossier_notes(document, card, scorecard_form()["dossier_notes"])
    _criteria_table(document, card, form)
    _closing(document, card, form)
    document.save(str(target) if isinstance(target, Path) else target)  # python-docx takes a str or a stream
    return target
