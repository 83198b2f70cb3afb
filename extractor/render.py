"""Plain-text evidence tables (the older fixed-width form; ``minhchung extract --format table`` now draws
``extractor.forms.terminal``). Kinds and statuses are shown with the vocabulary's Vietnamese labels."""

from __future__ import annotations

import json
from typing import Any

from extractor import vocabulary
from extractor.models import ExtractionResult


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _value_summary(value: dict[str, Any]) -> str:
    shown = {key: item for key, item in value.items() if item not in (None, [], {}, "")}
    return json.dumps(shown, ensure_ascii=False)


def evidence_table(result: ExtractionResult) -> str:
    """The document's header lines and one row per evidence."""
    info = result.document
    kind = vocabulary.label("document_type", info.doc_type) or "—"  # an unknown type shows its key
    subject = vocabulary.label("subject_type", info.subject_type, "—")
    lines = [
        f"# {info.source}",
        f"  loại: {kind}   cơ quan: {info.issuer or '—'}   số: {info.number or '—'}   "
        f"ngày: {info.issued_on or '—'}   kỳ: {info.period or '—'}   đối tượng: {subject}   "
        f"năm: {info.year or '—'}   trang: {info.pages}" + ("   (OCR)" if info.ocr else ""),
        "",
        f"  {'loại':<19} {'tr.':>3} {'vị trí':>13}  {'văn bản gốc':<48} giá trị",
    ]
    for item in result.evidence:
        label = vocabulary.label("evidence_kind", item.kind)
        lines.append(
            f"  {_cell(label, 19):<19} {item.page or '':>3} {f'{item.start}-{item.end}':>13}  "
            f"{_cell(item.text, 48):<48} {_cell(_value_summary(item.value), 70)}"
        )
    if result.criteria:
        lines.append("")
        lines.append("  Tiêu chí TT124:")
        for row in result.criteria:
            status = _cell(vocabulary.status_label(row.get("status")), 19)
            lines.append(f"    {row.get('id', ''):<12} {status:<19} {_cell(str(row.get('title', '')), 70)}")
    lines.append("")
    return "\n".join(lines) + "\n"
