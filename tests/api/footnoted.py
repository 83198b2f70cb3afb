"""A DOCX with a real footnote (``word/footnotes.xml``) whose body holds a legal reference the body never
cites: the seed report of Sở Kế hoạch và Đầu tư, one paragraph carrying the footnote mark (issue 11)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE = "Nghị định số 96/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định điều kiện về an ninh, trật tự."
NOTE_KEY = "96/2016/NĐ-CP"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _footnotes_xml(note: str) -> bytes:
    from xml.sax.saxutils import escape

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}">'
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{escape(note)}</w:t></w:r></w:p>'
        f"</w:footnote></w:footnotes>"
    ).encode()


def footnoted_docx(text_path: Path, target: Path, *, noted_line: int = 3, note: str = NOTE) -> Path:
    """``target``: the lines of ``text_path`` as paragraphs, line ``noted_line`` (0-based, non-empty lines)
    ending in the mark of footnote 1, whose body is ``note``."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    lines = [line for line in text_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if index == noted_line:
            paragraph._p.append(
                parse_xml(
                    f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteReference w:id="1"/></w:r>'
                )
            )
    buffer = io.BytesIO()
    document.save(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/word/footnotes.xml" '
                    f'ContentType="{FOOTNOTES_CONTENT}"/></Types>'.encode(),
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdFootnotes1" '
                    f'Type="{FOOTNOTES_TYPE}" Target="footnotes.xml"/>'
                    f"</Relationships>".encode(),
                )
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", _footnotes_xml(note))
    return target
