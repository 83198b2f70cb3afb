"""Plain-text tables for people reading ``minhchung extract --format table``."""

from __future__ import annotations

import json

from extractor.models import ExtractionResult

KIND_LABELS = {
    "legal_ref": "văn bản",
    "date": "thời gian",
    "count": "số liệu",
    "criterion_claim": "tiêu chí",
}


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _value_summary(value: dict) -> str:
    shown = {key: item for key, item in value.items() if item not in (None, [], {}, "")}
    return json.dumps(shown, ensure_ascii=False)


def evidence_table(result: ExtractionResult) -> str:
    """The document's header lines and one row per evidence."""
    info = result.document
    lines = [
        f"# {info.source}",
        f"  loại: {info.doc_type or '—'}   cơ quan: {info.issuer or '—'}   số: {info.number or '—'}   "
        f"ngày: {info.issued_on or '—'}   kỳ: {info.period or '—'}   đối tượng: {info.subject_type or '—'}   "
        f"năm: {info.year or '—'}   trang: {info.pages}" + ("   (OCR)" if info.ocr else ""),
        "",
        f"  {'loại':<9} {'tr.':>3} {'vị trí':>13}  {'văn bản gốc':<48} giá trị",
    ]
    for item in result.evidence:
        label = KIND_LABELS.get(item.kind, item.kind)
        lines.append(
            f"  {label:<9} {item.page or '':>3} {f'{item.start}-{item.end}':>13}  "
            f"{_cell(item.text, 48):<48} {_cell(_value_summary(item.value), 70)}"
        )
    if result.criteria:
        lines.append("")
        lines.append("  Tiêu chí TT124:")
        for row in result.criteria:
            lines.append(f"    {row.get('id', ''):<12} {row.get('status', ''):<9} {_cell(str(row.get('title', '')), 70)}")
    lines.append("")
    return "\n".join(lines) + "\n"
