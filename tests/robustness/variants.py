"""Real-world variants of the same content, made at test time, to measure what each costs in recall.

* ``clean``: the seed as a DOCX / LibreOffice PDF (:func:`fixtures.files.seed_file`);
* ``footnote``: the seed with a footnote after every legal reference and numeric date (a Flat ODT
  with ``<text:note>`` converted by LibreOffice to DOCX and PDF: real footnotes, the PDF's marks are
  superscript digits glued to the token);
* ``tcvn3``: the seed typed in the legacy .VnTime font (TCVN3 bytes in the DOCX runs; its PDF loses
  every bare "ư", stored as U+00AD);
* ``no_diacritics``: the seed typed without diacritics (TXT);
* ``table``: a report whose figures sit in a "STT | Nội dung | Số lượng | Đơn vị tính" table,
  measured against the same figures written as sentences (``table_unruled``: the same table without
  any line; ``table_tabs``: typed with tab stops, no table; ``table_footnote``: a table without
  lines on a page with footnotes; ``table_wide``: twelve rows without lines, wrapped labels, two
  figure columns; ``table_long``: 24 ruled rows over a page break; ``table_narrow``: no lines, header cells
  wrapped in narrow columns).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from fixtures.files import (
    FIGURE_ROWS,
    FIXTURE_VERSION,
    FONT,
    GENERATED,
    GOLDEN,
    convert,
    figure_report,
    figure_table_file,
    in_format,
    seed_file,
    use_font,
)

OUT = GENERATED / FIXTURE_VERSION / "variants"
# what a footnote mark follows: a document number ("124/2021/TT-BCA", "720/HD-BCĐ") or a numeric date
_NOTE_AFTER = re.compile(r"\b\d{1,4}/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*|\b\d{1,2}/\d{1,2}/\d{4}\b")

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/>
<style:text-properties style:font-name="{font}" fo:font-size="12pt"/></style:default-style></office:styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def strip_diacritics(text: str) -> str:
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def _golden(name: str) -> list[str]:
    return (GOLDEN / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def footnote_file(name: str, fmt: str) -> Path:
    """The seed with a real footnote after each document number and numeric date, as ``fmt``."""
    source = OUT / "footnote" / f"{name}.fodt"
    if not source.exists():
        number = 0
        paragraphs = []
        for line in _golden(name):
            pieces, position = [], 0
            for match in _NOTE_AFTER.finditer(line):
                number += 1
                pieces.append(escape(line[position : match.end()]))
                pieces.append(
                    f'<text:note text:id="ftn{number}" text:note-class="footnote"><text:note-citation>'
                    f"{number}</text:note-citation><text:note-body><text:p>Chú thích {number}: xem văn bản "
                    f"gốc.</text:p></text:note-body></text:note>"
                )
                position = match.end()
            pieces.append(escape(line[position:]))
            paragraphs.append(f"<text:p>{''.join(pieces)}</text:p>")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(_FODT.format(font=FONT, body="\n".join(paragraphs)), encoding="utf-8")
    target = source.with_suffix(f".{fmt}")
    if not target.exists():
        convert(source, fmt, source.parent)
    return target


def tcvn3_file(name: str, fmt: str) -> Path:
    """The seed typed in .VnTime (TCVN3 characters in the runs), as DOCX or its LibreOffice PDF."""
    import docx

    from extractor.ingest.legacy import encode

    source = OUT / "tcvn3" / f"{name}.docx"
    if not source.exists():
        document = docx.Document()
        use_font(document)
        for line in _golden(name):
            document.add_paragraph().add_run(encode(line, "tcvn3")).font.name = ".VnTime"
        source.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(source))
    return in_format(source, fmt)


def no_diacritics_file(name: str) -> Path:
    target = OUT / "no_diacritics" / f"{name}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_diacritics("\n".join(_golden(name))), encoding="utf-8")
    return target


def figure_prose_file(fmt: str, rows: tuple[tuple[str, ...], ...] | None = None) -> Path:
    """The figures of :data:`FIGURE_ROWS` (or ``rows``: :data:`WIDE_ROWS`, "label: 10 buổi (Kế hoạch);
    12 buổi (Kết quả).") written as sentences: the ``clean`` side of the table variants."""

    source = (
        OUT
        / "table"
        / ("figure-prose.docx" if rows is None else f"figure-prose-{len(rows)}x{len(rows[0])}.docx")
    )
    if not source.exists():
        document = figure_report()
        if rows is None:
            for _, label, figure, unit in FIGURE_ROWS[1:]:
                document.add_paragraph(f"{label}: {figure} {unit}.")
        else:
            for _, label, *figures, unit in rows[1:]:
                said = "; ".join(
                    f"{figure} {unit} ({name})" for name, figure in zip(rows[0][2:-1], figures, strict=True)
                )
                document.add_paragraph(f"{label}: {said}.")
        document.add_paragraph("Trên đây là báo cáo kết quả của Ủy ban nhân dân xã.")
        source.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(source))
    return in_format(source, fmt)


def variant_pairs(names: list[str]) -> list[tuple[str, str, Path, Path]]:
    """``(variant, format, clean file, variant file)`` for every measured combination."""
    pairs: list[tuple[str, str, Path, Path]] = []
    for fmt in ("docx", "pdf"):
        pairs.append(("table", fmt, figure_prose_file(fmt), figure_table_file(fmt)))
    pairs.append(("table_unruled", "pdf", figure_prose_file("pdf"), figure_table_file("pdf", ruled=False)))
    for fmt in ("docx", "pdf"):
        pairs.append(("table_tabs", fmt, figure_prose_file(fmt), tab_stop_table_file(fmt)))
        pairs.append(("table_footnote", fmt, figure_prose_file(fmt), footnoted_table_file(fmt)))
        pairs.append(("table_wide", fmt, figure_prose_file(fmt, WIDE_ROWS), wide_unruled_table_file(fmt)))
        pairs.append(
            ("table_long", fmt, figure_prose_file(fmt, LONG_ROWS), figure_table_file(fmt, LONG_ROWS))
        )
        pairs.append(("table_narrow", fmt, figure_prose_file(fmt), narrow_header_table_file(fmt)))
    for name in names:
        for fmt in ("docx", "pdf"):
            pairs.append(("footnote", fmt, seed_file(name, fmt), footnote_file(name, fmt)))
            pairs.append(("tcvn3", fmt, seed_file(name, fmt), tcvn3_file(name, fmt)))
        pairs.append(("no_diacritics", "txt", seed_file(name, "docx"), no_diacritics_file(name)))
    return pairs


def tab_stop_table_file(fmt: str) -> Path:
    """The figures of :data:`FIGURE_ROWS` typed as a table with tab stops (no table at all: one
    paragraph per row, columns aligned by tabs, as many offices type them), as DOCX or its PDF."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    source = OUT / "table" / "figure-tabs.docx"
    if not source.exists():
        document = figure_report()
        for row in FIGURE_ROWS:
            paragraph = document.add_paragraph("\t".join(row))
            stops = paragraph.paragraph_format.tab_stops
            stops.add_tab_stop(Cm(1.3))
            stops.add_tab_stop(Cm(12.8), WD_TAB_ALIGNMENT.RIGHT)
            stops.add_tab_stop(Cm(13.6))
        document.add_paragraph("Trên đây là báo cáo kết quả của Ủy ban nhân dân xã.")
        source.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(source))
    return in_format(source, fmt)


# a longer table without lines: twelve rows (serials past 9), lower-case and wrapped labels, two
# figure columns, a unit header wrapped over two lines in a narrow column
WIDE_ROWS = (
    ("STT", "Nội dung", "Kế hoạch", "Kết quả", "Đơn vị tính"),
    ("1", "Tuyên truyền pháp luật về phòng, chống tội phạm cho nhân dân", "10", "12", "buổi"),
    ("2", "số lượt người tham gia tuyên truyền", "1.000", "1.250", "lượt người"),
    ("3", "Tổ tự quản về an ninh trật tự", "6", "8", "tổ"),
    ("4", "Vụ phạm pháp hình sự", "5", "3", "vụ"),
    ("5", "Hội nghị triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc", "2", "2", "hội nghị"),
    ("6", "Lớp tập huấn nghiệp vụ cho lực lượng bảo vệ dân phố", "4", "5", "lớp"),
    ("7", "mô hình tự quản được xây dựng", "3", "4", "mô hình"),
    ("8", "Tin bài phát trên loa truyền thanh", "40", "46", "tin bài"),
    ("9", "hộ gia đình ký cam kết", "900", "950", "hộ"),
    ("10", "Cuộc họp tổ dân phố", "24", "26", "cuộc"),
    ("11", "Đối tượng được giáo dục tại cộng đồng", "15", "14", "đối tượng"),
    ("12", "Vụ việc được hòa giải thành", "20", "21", "vụ việc"),
)


def wide_unruled_table_file(fmt: str) -> Path:
    """:data:`WIDE_ROWS` in a table without any line, narrow figure and unit columns, as DOCX or PDF."""
    from docx.shared import Cm

    source = OUT / "table" / "figure-wide-unruled.docx"
    if not source.exists():
        document = figure_report()
        table = document.add_table(rows=len(WIDE_ROWS), cols=len(WIDE_ROWS[0]))
        table.autofit = False
        widths = (Cm(1.3), Cm(8.2), Cm(2.4), Cm(2.4), Cm(2.2))
        for r, row in enumerate(WIDE_ROWS):
            for c, value in enumerate(row):
                table.cell(r, c).width = widths[c]
                table.cell(r, c).text = value
        document.add_paragraph("Trên đây là báo cáo kết quả của Ủy ban nhân dân xã.")
        document.add_paragraph("Nơi nhận:")
        document.add_paragraph("- Công an huyện;")
        source.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(source))
    return in_format(source, fmt)


_TABLE_NS = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
_CELL_STYLES = (
    '<office:automatic-styles><style:style style:name="C" style:family="table-cell">'
    '<style:table-cell-properties fo:padding="0.19cm"/></style:style>'
    '<style:style style:name="L" style:family="paragraph"><style:paragraph-properties '
    'fo:text-align="start"/></style:style></office:automatic-styles>'
)


def footnoted_table_file(fmt: str) -> Path:
    """A report whose intro has real footnotes (as :func:`footnote_file`) and whose figures sit in a
    table without lines (an ODT table has no borders unless styled), as ``fmt``."""
    source = OUT / "table" / "figure-table-footnoted.fodt"
    if not source.exists():

        def note(number: int) -> str:
            return (
                f'<text:note text:id="ftn{number}" text:note-class="footnote"><text:note-citation>{number}'
                f"</text:note-citation><text:note-body><text:p>Chú thích {number}: xem văn bản gốc.</text:p>"
                f"</text:note-body></text:note>"
            )

        cells = "\n".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell table:style-name="C"><text:p text:style-name="L">'
                f"{escape(value)}</text:p></table:table-cell>"
                for value in row
            )
            + "</table:table-row>"
            for row in FIGURE_ROWS
        )
        body = "\n".join(
            [
                "<text:p>ỦY BAN NHÂN DÂN XÃ KON GANG</text:p>",
                "<text:p>BÁO CÁO</text:p>",
                "<text:p>Kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2023</text:p>",
                f"<text:p>Thực hiện Thông tư số 124/2021/TT-BCA{note(1)} ngày 28/12/2021{note(2)} của Bộ Công an, "
                "Ủy ban nhân dân xã báo cáo kết quả năm 2023 như sau:</text:p>",
                f'<table:table table:name="T1"><table:table-column table:number-columns-repeated="{len(FIGURE_ROWS[0])}"/>'
                f"{cells}</table:table>",
                "<text:p>Trên đây là báo cáo kết quả của Ủy ban nhân dân xã.</text:p>",
            ]
        )
        source.parent.mkdir(parents=True, exist_ok=True)
        # cells padded and left-aligned, as offices set them (justified cells without padding glue a
        # label's last word to the figure of the next column: not handled, see the module docstring)
        text = _FODT.format(font=FONT, body=body).replace(
            "<office:document ", f"<office:document {_TABLE_NS} ", 1
        )
        text = text.replace("</office:styles>", "</office:styles>" + _CELL_STYLES, 1)
        source.write_text(text, encoding="utf-8")
    target = source.with_suffix(f".{fmt}")
    if not target.exists():
        convert(source, fmt, source.parent)
    return target


# a ruled table long enough to go on over a page break (without its header on the second page)
LONG_ROWS = WIDE_ROWS + tuple(
    (str(i), f"Nội dung công việc thứ {i} của xã trong năm", str(i * 3), str(i * 3 + 1), "cuộc")
    for i in range(13, 25)
)


def narrow_header_table_file(fmt: str) -> Path:
    """:data:`FIGURE_ROWS` in a table without lines whose narrow columns wrap the header's cells
    ("ST⏎T", "Số⏎lượng", "Đơn vị⏎tính") and some figures' units, as DOCX or its PDF."""
    from docx.shared import Cm

    source = OUT / "table" / "figure-narrow-header.docx"
    if not source.exists():
        document = figure_report()
        table = document.add_table(rows=len(FIGURE_ROWS), cols=len(FIGURE_ROWS[0]))
        table.autofit = False
        widths = (Cm(1.2), Cm(10.5), Cm(1.7), Cm(1.9))
        for index, column in enumerate(table.columns):
            column.width = widths[index]
        for r, row in enumerate(FIGURE_ROWS):
            for c, value in enumerate(row):
                table.cell(r, c).width = widths[c]
                table.cell(r, c).text = value
        document.add_paragraph("Trên đây là báo cáo kết quả của Ủy ban nhân dân xã.")
        source.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(source))
    return in_format(source, fmt)
