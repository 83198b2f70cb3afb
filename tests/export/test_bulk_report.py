"""The bulk HTML report: trend lines never join different units, integer axes for counts, a colour-blind-safe
palette, empty sections left out, a generation date and a table of contents (Jinja2 template)."""

from __future__ import annotations

import re

import pytest
from matplotlib.colors import to_hex
from matplotlib.ticker import MaxNLocator

from extractor.bulk import report


def _unit(province: str, unit: str, year: int, value: float) -> dict:
    return {
        "province": province,
        "unit": unit,
        "year": year,
        "indicator": "vu_viec",
        "label": "Số vụ việc",
        "value": value,
    }


# Sơn La: xã A reports 2021–2023; xã B only 2022 → 2021→2022 and 2022→2023 are different sets of units.
# Lạng Sơn: the same two units every year → joined.
UNIT_TRENDS = [
    _unit("Sơn La", "xã A", 2021, 3),
    _unit("Sơn La", "xã A", 2022, 2),
    _unit("Sơn La", "xã B", 2022, 7),
    _unit("Sơn La", "xã A", 2023, 1),
    *[_unit("Lạng Sơn", name, year, 1) for name in ("xã C", "xã D") for year in (2021, 2022, 2023)],
]


def _province_trends(rows: list[dict]) -> list[dict]:
    totals: dict = {}
    for row in rows:
        key = (row["province"], row["year"])
        value, count = totals.get(key, (0, 0))
        totals[key] = (value + row["value"], count + 1)
    return [
        {
            "province": p,
            "year": y,
            "indicator": "vu_viec",
            "label": "Số vụ việc",
            "value": v,
            "units_reporting": n,
        }
        for (p, y), (v, n) in sorted(totals.items())
    ]


def context(**changes) -> dict:
    built = {
        "summary": {
            "input": "ho-so/<script>",
            "documents": 12,
            "failed": 0,
            "dossiers": 8,
            "evidence": 120,
            "ambiguous": 0,
        },
        "dossiers": [
            {
                "province": "Sơn La",
                "unit": "xã A",
                "year": 2022,
                "criteria_met": 3,
                "criteria_total": 4,
                "overall": "chua_ro",
            }
        ],
        "province_trends": _province_trends(UNIT_TRENDS),
        "unit_trends": UNIT_TRENDS,
        "bands": [{"year": 2022, "band": "Khá", "dossiers": 3}, {"year": 2023, "band": "Yếu", "dossiers": 1}],
        "targets": [],
        "rates": [],
        "missing_documents": [],
        "missing_criteria": [],
        "errors": [],
        "generated_at": "06/12/2026 13:00 UTC",
    }
    built.update(changes)
    return built


def test_trend_lines_join_only_years_with_the_same_units():
    joined = report.joined_years(_province_trends(UNIT_TRENDS), UNIT_TRENDS)
    assert joined[("Sơn La", "vu_viec")] == []
    assert joined[("Lạng Sơn", "vu_viec")] == [(2021, 2022), (2022, 2023)]
    figure = report.trend_figure(_province_trends(UNIT_TRENDS), UNIT_TRENDS)
    lines = figure.axes[0].get_lines()
    colour = {
        line.get_label(): line.get_color() for line in lines if line.get_label() in ("Sơn La", "Lạng Sơn")
    }
    drawn = [line for line in lines if line.get_linestyle() != "None"]
    assert len(drawn) == 2 and all(len(line.get_xdata()) == 2 for line in drawn)
    assert {line.get_color() for line in drawn} == {colour["Lạng Sơn"]}  # no segment for Sơn La


@pytest.mark.parametrize("build", ["trend", "band"])
def test_counts_and_years_are_on_integer_axes_in_the_palette(build):
    if build == "trend":
        figure = report.trend_figure(_province_trends(UNIT_TRENDS), UNIT_TRENDS)
        colours = {line.get_color().lower() for line in figure.axes[0].get_lines()}
    else:
        figure = report.band_figure(context()["bands"])
        colours = {to_hex(patch.get_facecolor()) for patch in figure.axes[0].patches}
    ax = figure.axes[0]
    for axis in (ax.xaxis, ax.yaxis):
        locator = axis.get_major_locator()
        assert isinstance(locator, MaxNLocator) and locator._integer
    allowed = {colour.lower() for colour in (*report.PALETTE, *report.BAND_COLOURS.values())}
    assert colours and colours <= allowed


def test_empty_sections_are_left_out_and_the_contents_list_the_others():
    html = report.render(context())
    titles = re.findall(r"<h2>(\d+)\. ([^<]+)</h2>", html)
    assert [title for _, title in titles] == [
        "Diễn biến số liệu theo tỉnh",
        "Tiêu chí theo đơn vị và năm",
        "Xếp loại theo Quyết định 510/QĐ-BCA-V05",
    ]
    assert [number for number, _ in titles] == ["1", "2", "3"]
    assert "Tệp lỗi" not in html and "Đối chiếu chỉ tiêu" not in html and "Thiếu sót" not in html
    contents = re.search(r"<nav>.*?</nav>", html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', contents) == re.findall(r'<section id="([^"]+)"', html)
    assert "06/12/2026 13:00 UTC" in html
    assert "<script>" not in html and "ho-so/&lt;script&gt;" in html  # escaped by the template
    assert report.HEATMAP_CMAP == "cividis"


def test_errors_appear_when_there_are_some():
    html = report.render(
        context(
            errors=[{"path": "a.pdf", "error_code": "corrupt_file", "message": "hỏng"}],
            province_trends=[],
            unit_trends=[],
        )
    )
    assert "Tệp lỗi" in html and "corrupt_file" in html and "Diễn biến số liệu" not in html
