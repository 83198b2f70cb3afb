"""Issue 11: the box-keeping PDF path (``load_document(..., with_boxes=True)``, for provenance and
highlighting) gives the text of the plain path — tables of figures rendered one line per row,
footnote marks dropped, footnote bodies apart — and every box it keeps is the box of its character."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fixtures.files import figure_table_file
from variants import (
    footnote_file,
    footnoted_table_file,
    narrow_header_table_file,
    tab_stop_table_file,
    tcvn3_file,
    wide_unruled_table_file,
)

from extractor.ingest import load_document

SEED = "xa-kon-gang-ke-hoach-tt124"
FILES = {
    "footnote": lambda: footnote_file(SEED, "pdf"),
    "table": lambda: figure_table_file("pdf"),
    "table_unruled": lambda: figure_table_file("pdf", ruled=False),
    "table_tabs": lambda: tab_stop_table_file("pdf"),
    "table_footnote": lambda: footnoted_table_file("pdf"),
    "table_wide": lambda: wide_unruled_table_file("pdf"),
    "table_narrow": lambda: narrow_header_table_file("pdf"),
}


def _evidence(document):
    from extractor.pipeline import process

    return [
        (e.kind, e.text, e.start, e.end, e.page, sorted(e.value.items(), key=str))
        for e in process(document).evidence
    ]


@pytest.mark.parametrize("variant", [*sorted(FILES), "tcvn3"])
def test_box_path_gives_the_plain_text_footnotes_and_evidence(variant):
    path = FILES[variant]() if variant in FILES else tcvn3_file(SEED, "pdf")  # legacy repair moves boxes too
    plain = load_document(path, check_language=False)
    boxed = load_document(path, with_boxes=True, check_language=False)
    assert [p.text for p in boxed.pages] == [p.text for p in plain.pages]
    assert [p.footnotes for p in boxed.pages] == [p.footnotes for p in plain.pages]
    assert all(p.boxes is None for p in plain.pages)
    assert _evidence(boxed) == _evidence(plain)
    if "footnote" in variant:
        assert boxed.pages[0].footnotes and "Chú thích" not in "".join(p.text for p in boxed.pages)
        assert "124/2021/TT-BCA ngày 28/12/2021 " in "".join(p.text for p in boxed.pages)
    if "table" in variant:
        assert "Vụ phạm pháp hình sự: " in boxed.pages[0].text


@pytest.mark.parametrize("variant", sorted(FILES))
def test_every_box_is_the_box_of_its_character(variant):
    import pdfplumber

    path = FILES[variant]()
    document = load_document(path, with_boxes=True, check_language=False)
    with pdfplumber.open(str(path)) as pdf:
        for page, plumber_page in zip(document.pages, pdf.pages, strict=True):
            assert page.boxes is not None and len(page.boxes) == len(page.text)
            glyphs = [
                (c["x0"], c["top"], c["x1"], c["bottom"], unicodedata.normalize("NFC", c["text"]))
                for c in plumber_page.chars
            ]
            boxed = 0
            said = {i for m in re.finditer(r"\([^()\n]*\)", page.text) for i in range(m.start(), m.end())}
            for at, (char, box) in enumerate(zip(page.text, page.boxes, strict=True)):
                if box is None:  # only what the rendering adds: separators, a column's name "(Kế hoạch)"
                    assert char.isspace() or char in ":;./()" or at in said, f"{char!r} has no box"
                    continue
                boxed += 1
                middle = ((box.x0 + box.x1) / 2, (box.top + box.bottom) / 2)
                under = [
                    g[4]
                    for g in glyphs
                    if g[0] - 1 <= middle[0] <= g[2] + 1 and g[1] - 1 <= middle[1] <= g[3] + 1
                ]
                base = unicodedata.normalize("NFD", char)[0]
                assert any(base in unicodedata.normalize("NFD", text) for text in under), (char, box, under)
            assert boxed > 0.7 * len(page.text.replace(" ", ""))


def test_the_figures_of_a_table_point_at_their_cells():
    path = figure_table_file("pdf", ruled=False)
    page = load_document(path, with_boxes=True).pages[0]
    at = page.text.index("1.250 lượt người")
    figure = page.boxes[at : at + 5]
    unit = [
        box
        for char, box in zip(page.text[at + 6 : at + 16], page.boxes[at + 6 : at + 16], strict=True)
        if char != " "
    ]
    assert all(box is not None for box in figure + unit)
    assert all(abs(box.top - figure[0].top) < 1 for box in figure + unit)  # the row's own line
    assert figure[0].x0 < figure[-1].x1 < unit[0].x0  # the unit's column stands to the right
