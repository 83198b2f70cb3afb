"""DOCX: body paragraphs and tables in reading order, headers/footers apart, legacy fonts decoded.

The archive is checked first (zip bomb, DTD/entity declarations, see :mod:`safety`). The body
is walked in document order straight from the WordprocessingML so tables, content controls and
text boxes keep their place; merged table cells appear once; a table of figures ("STT | Nội dung |
Số lượng | Đơn vị tính") becomes one line per row, "<label>: <figure> <unit>." (:mod:`tables`), and so
does one typed with tab stops. Automatic list numbering, which
Word keeps in ``numbering.xml`` rather than in the text, is rendered back ("1.", "a)", "-").
Footnote bodies (``word/footnotes.xml``) are kept apart on the page of their reference
(``Page.footnotes``). Runs in TCVN3 (.VnTime…) or VNI (VNI-…) fonts are decoded by their font; page breaks that
Word recorded (explicit or last rendered) start new pages.
"""

from __future__ import annotations

from pathlib import Path

from extractor.errors import CorruptFileError, EmptyDocumentError
from extractor.ingest import legacy
from extractor.ingest.limits import Limits
from extractor.ingest.safety import check_archive_xml, open_archive
from extractor.ingest.sanitize import safe_nfc
from extractor.ingest.tables import render_figure_table, render_tab_tables
from extractor.models import Page

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {f"{W}del", f"{W}instrText", f"{W}delText", MC_FALLBACK, f"{W}rPr", f"{W}pPr"}
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format_number(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(value)
    if fmt == "upperRoman":
        return _roman(value).upper()
    return str(value)


class _Numbering:
    """Renders automatic list labels from numbering.xml ("%1.%2." with each level's format)."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbering: dict[str, object] = {}  # list styles ("List Number") carry numPr themselves
        try:
            for style in document.styles.element.findall(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    self.style_numbering[style.get(f"{W}styleId")] = num_pr
        except (AttributeError, KeyError):
            pass
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                level = int(lvl.get(f"{W}ilvl", "0"))
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[level] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                    int(start.get(f"{W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for level, spec in abstract.get(ref.get(f"{W}val"), {}).items():
                self.levels[(num.get(f"{W}numId"), level)] = spec

    def label(self, paragraph) -> str:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            num_pr = self.style_numbering.get(style.get(f"{W}val")) if style is not None else None
        if num_pr is None or not self.levels:
            return ""
        num_id_node, level_node = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        if num_id_node is None:
            return ""
        num_id = num_id_node.get(f"{W}val")
        level = int(level_node.get(f"{W}val")) if level_node is not None else 0
        spec = self.levels.get((num_id, level))
        if spec is None:
            return ""
        fmt, text, start = spec
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return text + " " if text else ""
        for index in range(level + 1):
            spec_i = self.levels.get((num_id, index), ("decimal", "", 1))
            text = text.replace(f"%{index + 1}", _format_number(counters[index] or spec_i[2], spec_i[0]))
        return text + " "


class _Fonts:
    """The font of a run: its own rFonts, its character style, the paragraph style chain, defaults."""

    def __init__(self, document) -> None:
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.default: str | None = None
        try:
            root = document.styles.element
        except (AttributeError, KeyError):
            return
        for style in root.findall(f"{W}style"):
            based = style.find(f"{W}basedOn")
            self.styles[style.get(f"{W}styleId")] = (
                _font_of(style.find(f"{W}rPr")),
                based.get(f"{W}val") if based is not None else None,
            )
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = _font_of(defaults)

    def style_font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based = self.styles.get(style_id, (None, None))
            if font:
                return font
            style_id = based
        return None

    def run_font(self, run, paragraph_style: str | None) -> str | None:
        props = run.find(f"{W}rPr")
        own = _font_of(props)
        if own:
            return own
        if props is not None:
            char_style = props.find(f"{W}rStyle")
            if char_style is not None:
                font = self.style_font(char_style.get(f"{W}val"))
                if font:
                    return font
        return self.style_font(paragraph_style) or self.default


def _font_of(props) -> str | None:
    if props is None:
        return None
    fonts = props.find(f"{W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or fonts.get(f"{W}cs")


class _BodyReader:
    def __init__(self, document) -> None:
        self.numbering = _Numbering(document)
        self.fonts = _Fonts(document)
        self.pages: list[list[str]] = [[]]
        self.legacy_found: str | None = None
        self.footnote_refs: list[tuple[int, str | None]] = []  # (page index, footnote id) in reading order

    def block(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.block(child)

    def table(self, table) -> None:
        """A table of figures as one line per row (:mod:`tables`); any other table cell by cell.
        Page breaks met inside the table are kept (after the row they occur in)."""
        saved, refs_before = self.pages, len(self.footnote_refs)
        rows: list[list[list[list[str]]]] = []  # row → cell → pages → paragraphs
        try:
            for row in table.findall(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    self.pages = [[]]
                    self.block(cell)
                    cells.append(self.pages)
                    cells.extend([[[]]] * (_grid_span(cell) - 1))  # merged across columns: keep the grid
                rows.append(cells)
        finally:
            self.pages = saved
        for at in range(refs_before, len(self.footnote_refs)):  # marks in cells: the page the table starts on
            self.footnote_refs[at] = (len(saved) - 1, self.footnote_refs[at][1])
        rendered = render_figure_table(
            [[" ".join(p for page in cell for p in page) for cell in row] for row in rows]
        )
        if rendered is not None:
            for line, row in zip(rendered, rows, strict=True):
                if line:
                    self.pages[-1].append(line)
                if any(len(cell) > 1 for cell in row) and self.pages[-1]:
                    self.pages.append([])
            return
        for row in rows:
            for cell in row:
                for number, paragraphs in enumerate(cell):
                    if number and self.pages[-1]:
                        self.pages.append([])
                    self.pages[-1].extend(paragraphs)

    def paragraph(self, paragraph) -> None:
        style_node = paragraph.find(f"{W}pPr/{W}pStyle")
        style = style_node.get(f"{W}val") if style_node is not None else None
        pieces: list[str] = [self.numbering.label(paragraph)]
        self._inline(paragraph, style, pieces)
        text = "".join(pieces)
        if text.strip():
            self.pages[-1].append(text)

    def _inline(self, element, style: str | None, pieces: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{W}r":
                self._run(child, style, pieces)
            elif tag == f"{W}p":  # text box content nested in a run
                self.paragraph(child)
            else:
                self._inline(child, style, pieces)

    def _run(self, run, style: str | None, pieces: list[str]) -> None:
        encoding, capitals = legacy.font_encoding(self.fonts.run_font(run, style))
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                text = child.text or ""
                if encoding and not text.isascii():
                    text = legacy.decode(text, encoding, upper=capitals)[0]
                    self.legacy_found = self.legacy_found or encoding
                pieces.append(text)
            elif tag == f"{W}tab":
                pieces.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page":
                    self._page_break(pieces)
                else:
                    pieces.append("\n")
            elif tag == f"{W}lastRenderedPageBreak":
                self._page_break(pieces)
            elif tag == f"{W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{W}footnoteReference":  # the mark shows nothing in the text; its body is kept apart
                self.footnote_refs.append((len(self.pages) - 1, child.get(f"{W}id")))
            elif tag not in _SKIP:
                self._inline(child, style, pieces)

    def _page_break(self, pieces: list[str]) -> None:
        text = "".join(pieces)
        if text.strip():
            self.pages[-1].append(text)
        pieces.clear()
        if self.pages[-1]:
            self.pages.append([])


def _grid_span(cell) -> int:
    """How many grid columns a table cell covers (``w:gridSpan``), 1 to 64."""
    span = cell.find(f"{W}tcPr/{W}gridSpan")
    value = span.get(f"{W}val") if span is not None else None
    return min(max(int(value), 1), 64) if value and value.isdigit() else 1


def _footnotes(document, reader: _BodyReader) -> list[tuple[int, str]]:
    """``(page index, "N text")`` of each footnote referenced in the body, numbered in reading order
    (what Word shows), read from ``word/footnotes.xml`` with the body's fonts and numbering."""
    from docx.oxml import parse_xml

    bodies = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            try:
                root = parse_xml(rel.target_part.blob)
            except Exception:  # noqa: BLE001 - a broken footnotes part must not cost the body
                return []
            bodies = {note.get(f"{W}id"): note for note in root.findall(f"{W}footnote")}
    notes: list[tuple[int, str]] = []
    for number, (page, note_id) in enumerate(reader.footnote_refs, start=1):
        body = bodies.get(note_id)
        if body is None:
            continue
        saved = reader.pages
        reader.pages = [[]]
        try:
            reader.block(body)
            text = " ".join(" ".join(p.split()) for page_lines in reader.pages for p in page_lines)
        finally:
            reader.pages = saved
        if text:
            notes.append((page, f"{number} {text}"))
    return notes


def _header_texts(document) -> list[str]:
    texts: list[str] = []
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            try:
                if part.is_linked_to_previous:
                    continue
                text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
                for table in part.tables:
                    text += "\n" + "\n".join(
                        c.text for row in table.rows for c in row.cells if c.text.strip()
                    )
            except (KeyError, ValueError, AttributeError):
                continue
            text = safe_nfc(text.strip())
            if text and text not in texts:
                texts.append(text)
    return texts


def read_docx(path: Path, limits: Limits) -> tuple[list[Page], list[str], str | None]:
    """Pages of body text, header/footer texts, and the legacy encoding met (if any)."""
    import docx

    with open_archive(path, limits) as archive:
        if "word/document.xml" not in archive.namelist():
            raise CorruptFileError("DOCX without word/document.xml", source=str(path))
        check_archive_xml(archive, limits, str(path))
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx/lxml raise many kinds on broken packages
        raise CorruptFileError(f"python-docx cannot open it: {error}", source=str(path)) from error
    try:
        reader = _BodyReader(document)
        reader.block(document.element.body)
        notes = _footnotes(document, reader)
    except (
        AttributeError,
        KeyError,
        ValueError,
        TypeError,
    ) as error:  # a package python-docx half-understood
        raise CorruptFileError(
            f"the DOCX body cannot be walked: {type(error).__name__}: {error}", source=str(path)
        ) from error
    pages: list[Page] = []
    found = reader.legacy_found
    for paragraphs in reader.pages:
        text, page_found = legacy.repair("\n".join(paragraphs))
        text = render_tab_tables(text)
        found = found or page_found
        if paragraphs:
            pages.append(Page(number=len(pages) + 1, text=safe_nfc(text)))
    for index, note in notes if pages else ():
        pages[min(index, len(pages) - 1)].footnotes.append(safe_nfc(legacy.repair(note)[0]))
    if not pages:
        raise EmptyDocumentError("the DOCX body holds no text", source=str(path))
    headers = [legacy.repair(h)[0] for h in _header_texts(document)]
    return pages, headers, found
