"""The self-contained HTML report: trends, criteria heat map by unit and year, QĐ 510 bands, targets.

Rendered from the Jinja2 template ``templates/report.html.j2``: a generation date, a table of contents, and
only the sections that have something to show. Charts are drawn with matplotlib (Agg) in a colour-blind-safe
palette (Okabe–Ito; the heat map in cividis), counts on integer axes, and embedded as base64 PNG; the file
references nothing outside itself, so it opens offline and can be mailed as is. A trend line joins two years
only when the same units reported in both: a province total over different units is shown as separate points.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from extractor import vocabulary
from extractor.bulk.dossiers import NO_BAND
from extractor.criteria import catalogue

MAX_HEATMAP_ROWS = 60
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BAND_RAMP = ("#0072B2", "#56B4E9", "#E69F00", "#D55E00")  # QĐ 510 bands from the best to the worst


def band_colours() -> dict[str, str]:
    """Colour of each QĐ 510 band (labels from ``corpora/qd510.json`` through the catalogue), best first."""
    bands = sorted(catalogue.qd510()["bands"], key=lambda band: -band["min"])
    colours = {band["label_vi"]: BAND_RAMP[min(i, len(BAND_RAMP) - 1)] for i, band in enumerate(bands)}
    return {**colours, NO_BAND: "#BBBBBB"}


BAND_COLOURS = band_colours()
TINTS = {"ok": "#cce3f5", "mid": "#fbf1b4", "bad": "#f6cdb3"}
HEATMAP_CMAP = "cividis"
# Marks and tints of the overall proposal (keys and labels: ``extractor.vocabulary``, group overall_proposal).
OVERALL_MARKS = {"dat": "Đ", "chua_dat": "✗", "chua_du_can_cu": "?"}
OVERALL_TINTS = {"dat": "ok", "chua_dat": "bad", "chua_du_can_cu": "mid"}


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return (
        '<img alt="chart" src="data:image/png;base64,' + base64.b64encode(buffer.getvalue()).decode() + '">'
    )


def _integer_axes(ax, *, y: bool = True) -> None:
    """Years on x, and counts on y, only at whole numbers."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if y:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _table(
    rows: list[dict[str, Any]], fields: list[str], headers: list[str], limit: int | None = None
) -> str:
    shown = rows if limit is None else rows[:limit]
    out = ["<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>"]
    for row in shown:
        cells = []
        for f in fields:
            value = row.get(f)
            css = ' class="num"' if isinstance(value, int | float) and not isinstance(value, bool) else ""
            cells.append(f"<td{css}>{escape('' if value is None else str(value))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    if limit is not None and len(rows) > limit:
        out.append(f'<p class="note">… {len(rows) - limit} dòng nữa trong tệp CSV.</p>')
    return "".join(out)


def joined_years(
    province_trends: list[dict[str, Any]], unit_trends: list[dict[str, Any]]
) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(province, indicator) → the pairs of consecutive years a trend line may join: those where exactly the
    same units reported the indicator (a total over different units is not a trend)."""
    members: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for row in unit_trends:
        members[(row["province"], row["indicator"], row["year"])].add(row["unit"])
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in province_trends:
        years[(row["province"], row["indicator"])].add(row["year"])
    joined = {}
    for (province, indicator), found in years.items():
        ordered = sorted(found)
        joined[(province, indicator)] = [
            (a, b)
            for a, b in zip(ordered, ordered[1:], strict=False)
            if members[(province, indicator, a)]
            and members[(province, indicator, a)] == members[(province, indicator, b)]
        ]
    return joined


def trend_figure(province_trends: list[dict[str, Any]], unit_trends: list[dict[str, Any]]):
    """One small chart per indicator, one colour per province; points always, lines only between years
    with the same reporting units."""
    import matplotlib.pyplot as plt

    indicators = sorted({r["indicator"] for r in province_trends})
    joined = joined_years(province_trends, unit_trends)
    cols = min(3, len(indicators))
    rows = (len(indicators) + cols - 1) // cols
    figure, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.2 * rows), squeeze=False)
    provinces = sorted({r["province"] for r in province_trends})
    colour = {province: PALETTE[index % len(PALETTE)] for index, province in enumerate(provinces)}
    for index, key in enumerate(indicators):
        ax = axes[index // cols][index % cols]
        series: dict[str, dict[int, float]] = defaultdict(dict)
        label = key
        for r in province_trends:
            if r["indicator"] == key:
                series[r["province"]][r["year"]] = r["value"]
                label = r["label"]
        for province, points in sorted(series.items()):
            years = sorted(points)
            ax.plot(
                years,
                [points[y] for y in years],
                linestyle="none",
                marker="o",
                color=colour[province],
                label=province,
            )
            for a, b in joined.get((province, key), []):
                ax.plot([a, b], [points[a], points[b]], color=colour[province])
        ax.set_title(label, fontsize=10)
        _integer_axes(ax)
        ax.legend(fontsize=7)
    for index in range(len(indicators), rows * cols):
        axes[index // cols][index % cols].axis("off")
    figure.tight_layout()
    return figure


def _heatmap(dossiers: list[dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    units = sorted({(d["province"], d["unit"]) for d in dossiers})
    years = sorted({d["year"] for d in dossiers})
    shown = units[:MAX_HEATMAP_ROWS]
    grid = np.full((len(shown), len(years)), np.nan)
    marks = {}
    index = {u: i for i, u in enumerate(shown)}
    for d in dossiers:
        key = (d["province"], d["unit"])
        if key in index and d["criteria_total"]:
            grid[index[key], years.index(d["year"])] = d["criteria_met"] / d["criteria_total"]
            marks[(index[key], years.index(d["year"]))] = OVERALL_MARKS.get(d["overall"], "?")
    figure, ax = plt.subplots(figsize=(2 + 0.9 * len(years), 1 + 0.28 * len(shown)))
    image = ax.imshow(grid, cmap=HEATMAP_CMAP, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_yticks(range(len(shown)), [f"{u} ({p})"[:55] for p, u in shown], fontsize=7)
    for (row, col), mark in marks.items():
        value = grid[row, col]
        ax.text(
            col, row, mark, ha="center", va="center", fontsize=7, color="black" if value > 0.5 else "white"
        )
    figure.colorbar(image, ax=ax, label="Tỷ lệ tiêu chí có minh chứng đạt")
    note = ""
    if len(units) > MAX_HEATMAP_ROWS:
        note = f'<p class="note">Hình vẽ {MAX_HEATMAP_ROWS}/{len(units)} đơn vị đầu; bảng dưới đủ cả.</p>'
    return _png(figure) + note


def _heat_table(dossiers: list[dict[str, Any]]) -> str:
    years = sorted({d["year"] for d in dossiers})
    cells: dict[tuple[str, str], dict[int, dict[str, Any]]] = defaultdict(dict)
    for d in dossiers:
        cells[(d["province"], d["unit"])][d["year"]] = d
    out = ["<table><tr><th>Tỉnh</th><th>Đơn vị</th>" + "".join(f"<th>{y}</th>" for y in years) + "</tr>"]
    for (province, unit), by_year in sorted(cells.items()):
        row = [f"<td>{escape(province)}</td><td>{escape(unit)}</td>"]
        for y in years:
            cell = by_year.get(y)
            if cell is None:
                row.append('<td class="none"></td>')
            else:
                overall = cell["overall"]
                row.append(
                    f'<td class="{OVERALL_TINTS.get(overall, "mid")}">{OVERALL_MARKS.get(overall, "?")} '
                    f"{cell['criteria_met']}/{cell['criteria_total']}</td>"
                )
        out.append("<tr>" + "".join(row) + "</tr>")
    out.append("</table>")
    legend = " · ".join(
        f"{OVERALL_MARKS.get(key, '?')}: {vocabulary.label('overall_proposal', key).lower()}"
        for key in vocabulary.keys("overall_proposal")
    )
    out.append(f'<p class="note">{escape(legend)}; số: tiêu chí có minh chứng đạt / số tiêu chí.</p>')
    return "".join(out)


def band_figure(bands: list[dict[str, Any]]):
    """Stacked bars of dossiers per QĐ 510 band and year (a count: integer axis)."""
    import matplotlib.pyplot as plt

    years = sorted({r["year"] for r in bands})
    figure, ax = plt.subplots(figsize=(1.5 + 0.9 * len(years), 3.2))
    bottom = [0] * len(years)
    for band, colour in BAND_COLOURS.items():
        values = [sum(r["dossiers"] for r in bands if r["year"] == y and r["band"] == band) for y in years]
        if any(values):
            ax.bar(years, values, bottom=bottom, label=band, color=colour)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("Số hồ sơ")
    _integer_axes(ax)
    ax.legend(fontsize=7)
    return figure


def _unit_trend_table(unit_trends: list[dict[str, Any]]) -> str:
    years = sorted({r["year"] for r in unit_trends})
    table: dict[tuple[str, str, str], dict[int, float]] = defaultdict(dict)
    for r in unit_trends:
        table[(r["province"], r["unit"], r["label"])][r["year"]] = r["value"]
    rows = [
        {"province": p, "unit": u, "label": label, **{str(y): v.get(y) for y in years}}
        for (p, u, label), v in sorted(table.items())
    ]
    fields = ["province", "unit", "label", *map(str, years)]
    return _table(rows, fields, ["Tỉnh", "Đơn vị", "Chỉ số", *map(str, years)], limit=400)


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def sections(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's sections that have data, each ``{"id", "title", "parts"}`` (HTML strings)."""
    from markupsafe import Markup

    found = []

    def add(section_id: str, title: str, *parts: str) -> None:
        found.append({"id": section_id, "title": title, "parts": [Markup(part) for part in parts if part]})

    if context["province_trends"]:
        add(
            "xu-huong",
            "Diễn biến số liệu theo tỉnh",
            _note(
                "Mỗi điểm là tổng của các đơn vị có số liệu năm đó; đường chỉ nối hai năm có đúng cùng các "
                "đơn vị báo cáo."
            ),
            _png(trend_figure(context["province_trends"], context["unit_trends"])),
            _table(
                context["province_trends"],
                ["province", "year", "label", "value", "units_reporting"],
                ["Tỉnh", "Năm", "Chỉ số", "Tổng", "Số đơn vị có số liệu"],
                limit=300,
            ),
            "<details><summary>Số liệu theo từng đơn vị</summary>"
            + _unit_trend_table(context["unit_trends"])
            + "</details>"
            if context["unit_trends"]
            else "",
        )
    if context["dossiers"]:
        add(
            "tieu-chi",
            "Tiêu chí theo đơn vị và năm",
            _heatmap(context["dossiers"]),
            _heat_table(context["dossiers"]),
        )
    if context["bands"]:
        add(
            "xep-loai",
            "Xếp loại theo Quyết định 510/QĐ-BCA-V05",
            _note(
                "Theo điểm/xếp loại ghi trong hồ sơ (biên bản, báo cáo); “"
                + NO_BAND
                + "” khi hồ sơ không ghi."
            ),
            _png(band_figure(context["bands"])),
            _table(context["bands"], ["year", "band", "dossiers"], ["Năm", "Xếp loại", "Số hồ sơ"]),
        )
    if context["targets"] or context["rates"]:
        add(
            "chi-tieu",
            "Đối chiếu chỉ tiêu của tỉnh",
            _note(
                "Chỉ tiêu trong corpora/targets/ (trích dẫn nguyên văn). Chỉ tiêu “điển hình” được tính theo văn "
                "bản có nêu đạt tiêu chí điển hình; tỷ lệ đạt “An toàn về ANTT” theo TT124 ghi kèm làm chỉ báo "
                "gần đúng."
            ),
            _table(
                context["targets"],
                [
                    "province",
                    "year",
                    "group",
                    "measure",
                    "comparator",
                    "target_percent",
                    "units",
                    "units_meeting",
                    "rate_percent",
                    "target_met",
                    "proxy_dat_an_toan_percent",
                    "quote",
                ],
                [
                    "Tỉnh",
                    "Năm",
                    "Nhóm",
                    "Chỉ tiêu",
                    "",
                    "%",
                    "Số đơn vị",
                    "Đạt",
                    "Tỷ lệ %",
                    "Đạt chỉ tiêu?",
                    "% đạt An toàn (chỉ báo)",
                    "Trích văn bản",
                ],
            )
            if context["targets"]
            else "",
            _table(
                context["rates"],
                [
                    "province",
                    "year",
                    "subject_type",
                    "units",
                    "dat_percent",
                    "dang_ky_percent",
                    "dien_hinh_percent",
                    "yeu_percent",
                ],
                [
                    "Tỉnh",
                    "Năm",
                    "Loại đơn vị",
                    "Số đơn vị",
                    "% đạt",
                    "% có bản đăng ký",
                    "% điển hình",
                    "% yếu",
                ],
                limit=400,
            )
            if context["rates"]
            else "",
        )
    if context["missing_documents"] or context["missing_criteria"]:
        add(
            "thieu-sot",
            "Thiếu sót",
            f"<p>{len(context['missing_documents'])} văn bản còn thiếu trong hồ sơ; "
            f"{len(context['missing_criteria'])} tiêu chí chưa có minh chứng đạt (xem missing_documents.csv, "
            "missing_criteria.csv).</p>",
            _table(
                context["missing_documents"],
                ["province", "unit", "year", "title"],
                ["Tỉnh", "Đơn vị", "Năm", "Văn bản còn thiếu"],
                limit=200,
            )
            if context["missing_documents"]
            else "",
        )
    if context["errors"]:
        add(
            "tep-loi",
            "Tệp lỗi",
            _table(
                context["errors"], ["path", "error_code", "message"], ["Tệp", "Mã lỗi", "Chi tiết"], limit=200
            ),
        )
    return found


def render(context: dict[str, Any]) -> str:
    """The report's HTML (``context["generated_at"]`` may fix the date shown; default: now, UTC)."""
    import matplotlib
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from extractor import __version__

    matplotlib.use("Agg")
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    generated = context.get("generated_at") or dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC")
    return environment.get_template("report.html.j2").render(
        summary=context["summary"],
        sections=sections(context),
        generated_at=generated,
        version=__version__,
        tints=TINTS,
    )


def write_report(path: Path, context: dict[str, Any]) -> None:
    """Render ``report.html`` from the analysis rows in ``context``."""
    path.write_text(render(context), encoding="utf-8")
