"""The self-contained HTML report: trends, criteria heat map by unit and year, QĐ 510 bands, targets.

Charts are drawn with matplotlib (Agg) and embedded as base64 PNG; styles are inline. The
file references nothing outside itself, so it opens offline and can be mailed as is.
"""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

MAX_HEATMAP_ROWS = 60
CSS = """
body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px}
th{background:#f2f2f2}.num{text-align:right}.ok{background:#c6efce}.bad{background:#ffc7ce}
.mid{background:#ffeb9c}.none{background:#ededed}.note{color:#555;font-size:12px}img{max-width:100%}
"""


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return '<img alt="chart" src="data:image/png;base64,' + base64.b64encode(buffer.getvalue()).decode() + '">'


def _table(rows: list[dict[str, Any]], fields: list[str], headers: list[str], limit: int | None = None) -> str:
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


def _trend_chart(province_trends: list[dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt

    indicators = sorted({r["indicator"] for r in province_trends})
    if not indicators:
        return '<p class="note">Không có số liệu đếm được.</p>'
    cols = min(3, len(indicators))
    rows = (len(indicators) + cols - 1) // cols
    figure, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.2 * rows), squeeze=False)
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
            ax.plot(years, [points[y] for y in years], marker="o", label=province)
        ax.set_title(label, fontsize=10)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=7)
    for index in range(len(indicators), rows * cols):
        axes[index // cols][index % cols].axis("off")
    figure.tight_layout()
    return _png(figure)


def _heatmap(dossiers: list[dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    units = sorted({(d["province"], d["unit"]) for d in dossiers})
    years = sorted({d["year"] for d in dossiers})
    if not units:
        return '<p class="note">Chưa có hồ sơ nào xác định được đơn vị và năm.</p>'
    shown = units[:MAX_HEATMAP_ROWS]
    grid = np.full((len(shown), len(years)), np.nan)
    marks = {}
    index = {u: i for i, u in enumerate(shown)}
    for d in dossiers:
        key = (d["province"], d["unit"])
        if key in index and d["criteria_total"]:
            grid[index[key], years.index(d["year"])] = d["criteria_met"] / d["criteria_total"]
            marks[(index[key], years.index(d["year"]))] = {"dat": "Đ", "chua_dat": "✗", "chua_ro": "?"}[d["overall"]]
    figure, ax = plt.subplots(figsize=(2 + 0.9 * len(years), 1 + 0.28 * len(shown)))
    image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_yticks(range(len(shown)), [f"{u} ({p})"[:55] for p, u in shown], fontsize=7)
    for (row, col), mark in marks.items():
        ax.text(col, row, mark, ha="center", va="center", fontsize=7)
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
    css = {"dat": "ok", "chua_dat": "bad", "chua_ro": "mid"}
    for (province, unit), by_year in sorted(cells.items()):
        row = [f"<td>{escape(province)}</td><td>{escape(unit)}</td>"]
        for y in years:
            d = by_year.get(y)
            if d is None:
                row.append('<td class="none"></td>')
            else:
                row.append(f'<td class="{css[d["overall"]]}">{d["criteria_met"]}/{d["criteria_total"]}</td>')
        out.append("<tr>" + "".join(row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _band_chart(bands: list[dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt

    if not bands:
        return ""
    years = sorted({r["year"] for r in bands})
    order = ["Xuất sắc", "Khá", "Trung bình", "Yếu", "Chưa rõ"]
    colors = {"Xuất sắc": "#1a9850", "Khá": "#91cf60", "Trung bình": "#fee08b", "Yếu": "#d73027", "Chưa rõ": "#bbbbbb"}
    figure, ax = plt.subplots(figsize=(1.5 + 0.9 * len(years), 3.2))
    bottom = [0] * len(years)
    for band in order:
        values = [sum(r["dossiers"] for r in bands if r["year"] == y and r["band"] == band) for y in years]
        if any(values):
            ax.bar([str(y) for y in years], values, bottom=bottom, label=band, color=colors[band])
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("Số hồ sơ")
    ax.legend(fontsize=7)
    return _png(figure)


def _unit_trend_table(unit_trends: list[dict[str, Any]]) -> str:
    years = sorted({r["year"] for r in unit_trends})
    table: dict[tuple[str, str, str], dict[int, float]] = defaultdict(dict)
    for r in unit_trends:
        table[(r["province"], r["unit"], r["label"])][r["year"]] = r["value"]
    rows = [{"province": p, "unit": u, "label": label, **{str(y): v.get(y) for y in years}}
            for (p, u, label), v in sorted(table.items())]
    fields = ["province", "unit", "label", *map(str, years)]
    return _table(rows, fields, ["Tỉnh", "Đơn vị", "Chỉ số", *map(str, years)], limit=400)


def write_report(path: Path, context: dict[str, Any]) -> None:
    """Render ``report.html`` from the analysis rows in ``context``."""
    import matplotlib

    matplotlib.use("Agg")
    s = context["summary"]
    dossiers = context["dossiers"]
    parts = [
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
        "<title>Minh Chứng — báo cáo phân tích hàng loạt</title>", f"<style>{CSS}</style></head><body>",
        "<h1>Minh Chứng — phân tích hàng loạt hồ sơ “An toàn về an ninh, trật tự”</h1>",
        f"<p>Nguồn: {escape(str(s['input']))}. {s['documents']} văn bản ({s['failed']} lỗi), "
        f"{s['dossiers']} hồ sơ (đơn vị × năm), {s['evidence']} minh chứng, {s['ambiguous']} ghi chú chưa xác định "
        f"đơn vị/năm.</p>",
        "<p class='note'>Kết quả đề xuất: Đạt khi mọi tiêu chí có minh chứng đạt (hoặc hồ sơ tự kết luận đạt và không "
        "có minh chứng trái ngược); Chưa đạt khi có tiêu chí bị minh chứng phủ định hoặc hồ sơ kết luận chưa đạt; "
        "còn lại là Chưa đủ minh chứng. Đây là đề xuất để cán bộ thẩm định xem xét, không thay cho quyết định.</p>",
        "<h2>1. Diễn biến số liệu theo tỉnh</h2>", _trend_chart(context["province_trends"]),
        _table(context["province_trends"], ["province", "year", "label", "value", "units_reporting"],
               ["Tỉnh", "Năm", "Chỉ số", "Tổng", "Số đơn vị có số liệu"], limit=300),
        "<details><summary>Số liệu theo từng đơn vị</summary>", _unit_trend_table(context["unit_trends"]),
        "</details>",
        "<h2>2. Tiêu chí theo đơn vị và năm</h2>", _heatmap(dossiers), _heat_table(dossiers),
        "<h2>3. Xếp loại theo Quyết định 510/QĐ-BCA-V05</h2>",
        "<p class='note'>Theo điểm/xếp loại ghi trong hồ sơ (biên bản, báo cáo); “Chưa rõ” khi hồ sơ không ghi.</p>",
        _band_chart(context["bands"]),
        _table(context["bands"], ["year", "band", "dossiers"], ["Năm", "Xếp loại", "Số hồ sơ"]),
        "<h2>4. Đối chiếu chỉ tiêu của tỉnh</h2>",
        "<p class='note'>Chỉ tiêu trong corpora/targets/ (trích dẫn nguyên văn). Chỉ tiêu “điển hình” được tính theo "
        "văn bản có nêu đạt tiêu chí điển hình; tỷ lệ đạt “An toàn về ANTT” theo TT124 ghi kèm làm chỉ báo gần đúng.</p>",
        _table(context["targets"], ["province", "year", "group", "measure", "comparator", "target_percent", "units",
                                    "units_meeting", "rate_percent", "target_met", "proxy_dat_an_toan_percent",
                                    "quote"],
               ["Tỉnh", "Năm", "Nhóm", "Chỉ tiêu", "", "%", "Số đơn vị", "Đạt", "Tỷ lệ %", "Đạt chỉ tiêu?",
                "% đạt An toàn (chỉ báo)", "Trích văn bản"]),
        _table(context["rates"], ["province", "year", "subject_type", "units", "dat_percent", "dang_ky_percent",
                                  "dien_hinh_percent", "yeu_percent"],
               ["Tỉnh", "Năm", "Loại đơn vị", "Số đơn vị", "% đạt", "% có bản đăng ký", "% điển hình", "% yếu"],
               limit=400),
        "<h2>5. Thiếu sót</h2>",
        f"<p>{len(context['missing_documents'])} văn bản còn thiếu trong hồ sơ; "
        f"{len(context['missing_criteria'])} tiêu chí chưa có minh chứng đạt (xem missing_documents.csv, "
        "missing_criteria.csv).</p>",
        _table(context["missing_documents"], ["province", "unit", "year", "title"], ["Tỉnh", "Đơn vị", "Năm",
                                                                                       "Văn bản còn thiếu"], limit=200),
        "<h2>6. Tệp lỗi</h2>",
        _table(context["errors"], ["path", "error_code", "message"], ["Tệp", "Mã lỗi", "Chi tiết"], limit=200),
        "</body></html>",
    ]
    path.write_text("".join(parts), encoding="utf-8")
