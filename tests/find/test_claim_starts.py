"""The claims finder tries its postposed pattern only where such a claim may begin: the same matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.find.claims import headings, numbered
from extractor.find.claims.clause import Scans
from extractor.find.claims.regexes import patterns
from extractor.find.patterns import scan_from

REPO = Path(__file__).resolve().parents[2]
TEXTS = [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpora").glob("**/*.txt"))] + [
    "05/05 tiêu chí đều đạt; Tiêu chí 2 chưa đạt",
    "x 5 / 5  TIÊU CHÍ ĐẠT, 1/2/3 4/4\ttiêu\tchí đạt, a5/5 tiêu chí đạt",
    "٥/٥ tiêu chí đạt",
]


@pytest.mark.parametrize("case", [str, str.upper, str.title])
def test_postposed_claims_are_found_where_they_begin(case):
    pattern = patterns().postposed_re
    for text in map(case, TEXTS):
        starts = numbered.postposed_starts(text, Scans(text))
        assert [m.span() for m in scan_from(pattern, text, starts)] == [
            m.span() for m in pattern.finditer(text)
        ]


@pytest.mark.parametrize("case", [str, str.upper, str.title])
def test_criterion_headings_are_found_where_they_begin(case):
    pattern = patterns().heading_re
    for text in map(case, TEXTS + ["Tiêu chí 1: Đạt.\n  - 2.1) tiêu chí 3: x\nb) Tiêu  chí 4 – y"]):
        starts = headings.heading_starts(text, Scans(text))
        assert [m.span() for m in scan_from(pattern, text, starts)] == [
            m.span() for m in pattern.finditer(text)
        ]
