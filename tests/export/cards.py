"""Scorecard dicts in ``extractor.criteria.scorecard.build``'s shape, built in the tests (no extraction)."""

from __future__ import annotations

import copy
from typing import Any

QUOTE_TEXTS = (
    "Trong năm 2023, trên địa bàn không xảy ra vụ việc gây mất an ninh chính trị, không có đơn thư "
    "khiếu nại, tố cáo vượt cấp; 100% cán bộ, công chức chấp hành nghiêm các quy định về bảo vệ bí mật nhà nước.",
    "Đã tổ chức 04 hội nghị tuyên truyền, phổ biến giáo dục pháp luật với 312 lượt người tham dự; "
    "ban hành Kế hoạch số 15/KH-UBND ngày 10/02/2023 về phòng, chống tội phạm.",
    "Không có cán bộ, công chức, người lao động vi phạm pháp luật phải xử lý hình sự hoặc xử phạt hành chính.",
)


def quote(document: str, page: int, text: str, status: str = "met", start: int = 100) -> dict[str, Any]:
    return {
        "document": document,
        "page": page,
        "start": start,
        "end": start + len(text),
        "text": text,
        "status": status,
        "confidence": 0.82,
        "role": "evidence",
        "cue": None,
        "evidence_ids": ["e1"],
    }


def row(
    criterion_id: str,
    status: str = "met",
    *,
    quotes: int = 3,
    needs: bool = False,
    document: str = "corpora/seeds/bao-cao-2023.pdf",
) -> dict[str, Any]:
    return {
        "id": criterion_id,
        "title": f"Tiêu chí {criterion_id[-3:]} về an ninh, trật tự",
        "title_en": f"criterion {criterion_id}",
        "certainty": "verbatim",
        "status": status,
        "confidence": 0.87,
        "needs_assessor": needs,
        "reasons": ["Chỉ có một minh chứng, độ tin cậy thấp."] if needs else [],
        "evidence": [
            quote(document, n + 1, QUOTE_TEXTS[n % 3], status, start=100 * n) for n in range(quotes)
        ],
    }


def card(unit: str = "Sở Kế hoạch và Đầu tư tỉnh Sơn La", **changes: Any) -> dict[str, Any]:
    """A co_quan scorecard (Điều 6, five criteria, three quotes each)."""
    statuses = ("met", "met", "not_met", "unclear", "missing")
    rows = [
        row(f"TT124.6.{n}", status, quotes=0 if status == "missing" else 3, needs=status != "met")
        for n, status in enumerate(statuses, start=1)
    ]
    built = {
        "unit": unit,
        "year": 2023,
        "subject_type": "co_quan",
        "article": 6,
        "documents": ["corpora/seeds/bao-cao-2023.pdf"],
        "criteria": rows,
        "overall": {
            "proposal": "chua_dat",
            "label_vi": "Đề xuất: Chưa đạt tiêu chuẩn “An toàn về an ninh, "
            "trật tự”; cần cán bộ thẩm định: TT124.6.3, TT124.6.4, TT124.6.5",
            "conditional": False,
            "criteria_to_check": ["TT124.6.3", "TT124.6.4", "TT124.6.5"],
            "met": 2,
            "total": 5,
        },
    }
    built.update(changes)
    return copy.deepcopy(built)
