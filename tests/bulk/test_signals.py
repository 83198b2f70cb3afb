"""Dossier-level signals (QĐ 510 score and band, recognition decision, "điển hình") found with their spans,
and how a dossier folds its documents: short texts and hand-made results, no corpus."""

from __future__ import annotations

import pytest

from extractor.bulk.dossiers import DossierAgg, Signals, fold_order, fold_statuses
from extractor.bulk.work import page_near, read_signals
from extractor.find_signals import find_signals


def _found(text: str) -> list[tuple[str, str, dict]]:
    return [(item.value["signal"], text[item.start : item.end], item.value) for item in find_signals(text)]


def test_score_and_band_carry_their_span():
    text = (
        "Biên bản họp xét. Tổng số điểm: 92,5/100 điểm, xếp loại: xuất sắc. Đề nghị công nhận đạt tiêu chuẩn."
    )
    found = _found(text)
    score = next(item for item in found if item[0] == "score")
    assert score[1] == "Tổng số điểm: 92,5/100 điểm" and score[2]["score"] == 92.5
    band = next(item for item in found if item[0] == "band")
    assert band[1] == "xếp loại: xuất sắc"
    assert band[2] == {"signal": "band", "band": "xuat_sac", "label_vi": "Xuất sắc"}
    for item in find_signals(text):
        assert item.text == text[item.start : item.end] and item.kind == "signal"


def test_a_score_above_100_is_not_a_score():
    assert [item for item in _found("Đơn vị đạt 150 điểm thi đua.") if item[0] == "score"] == []


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        (
            "Hội nghị thống nhất đề nghị công nhận Thôn Bản Lác đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
            "dat",
        ),
        ("Thôn Nà Lừa chưa đạt tiêu chuẩn do còn 01 vụ trộm cắp.", "chua_dat"),
    ],
)
def test_recognition_decision(text, decision):
    decisions = [item[2]["decision"] for item in _found(text) if item[0] == "decision"]
    assert decisions == [decision]


def test_dien_hinh_but_not_a_promise_of_it():
    assert [item[0] for item in _found("Năm 2025 xã đạt tiêu chí điển hình về phong trào.")] == ["dien_hinh"]
    assert _found("Năm 2026 phấn đấu đạt tiêu chí điển hình.") == []


def test_signals_are_in_reading_order():
    text = "Xếp loại khá. Tổng điểm là 75 điểm. Xếp loại: trung bình."
    assert [item.start for item in find_signals(text)] == sorted(item.start for item in find_signals(text))


def test_a_signal_takes_the_page_of_the_evidence_before_it():
    evidence = [{"start": 0, "page": 1}, {"start": 40, "page": 2}, {"start": 90, "page": 3}]
    assert page_near(evidence, 45) == 2 and page_near(evidence, 90) == 3 and page_near(evidence, 5) == 1
    assert page_near([], 10) is None
    text = "Báo cáo. " * 6 + "Tổng điểm: 88 điểm."
    found = read_signals(text, [{"start": 0, "page": 1}, {"start": 20, "page": 2}], "abc")
    assert [(item["kind"], item["page"], item["text"]) for item in found] == [
        ("signal", 2, "Tổng điểm: 88 điểm")
    ]
    assert found[0]["id"].startswith("ev_")


def test_fold_order_puts_a_contradiction_first():
    assert fold_order() == ("not_met", "met", "unclear", "missing")
    assert fold_statuses({"met", "not_met", "unclear"}) == "not_met"
    assert fold_statuses({"met", "unclear", "missing"}) == "met"
    assert fold_statuses({"unclear", "missing"}) == "unclear"
    assert fold_statuses(set()) == "missing"


def _result(doc_type: str, statuses: dict[str, str], signals: list[dict] | None = None) -> dict:
    return {
        "ok": True,
        "document": {"doc_type": doc_type, "subject_type": "khu_dan_cu"},
        "evidence": [],
        "criteria": [
            {
                "id": cid,
                "status": status,
                "reasons": [f"lý do {status}"],
                "deciding": [{"page": 2, "text": f"câu {cid}"}] if status != "missing" else [],
            }
            for cid, status in statuses.items()
        ],
        "signals": signals or [],
    }


def test_a_dossier_folds_what_its_documents_decided():
    dossier = DossierAgg("Sơn La", "Thôn A", 2024)
    dossier.add("ke-hoach.docx", _result("ke_hoach", {"TT124.4.1": "unclear", "TT124.4.2": "unclear"}))
    dossier.add(
        "bao-cao.docx",
        _result("bao_cao", {"TT124.4.1": "met", "TT124.4.2": "not_met", "TT124.4.3": "missing"}),
    )
    statuses = dossier.criteria()
    assert list(statuses)[:4] == ["TT124.4.1", "TT124.4.2", "TT124.4.3", "TT124.4.4"]
    assert statuses["TT124.4.1"] == "met" and statuses["TT124.4.2"] == "not_met"
    assert statuses["TT124.4.3"] == "missing" and statuses["TT124.4.4"] == "missing"
    why = dossier.why("TT124.4.2")
    assert why is not None and why.reason == "lý do not_met"
    assert str(why.quote) == "bao-cao.docx, tr. 2: “câu TT124.4.2”"
    assert dossier.overall == "chua_dat"


def test_a_dossier_with_no_criterion_decided_is_not_enough_to_conclude():
    dossier = DossierAgg("Sơn La", "Thôn B", 2024)
    dossier.add("bao-cao.docx", _result("bao_cao", {"TT124.4.1": "met", "TT124.4.2": "unclear"}))
    assert dossier.overall == "chua_du_can_cu"


def test_a_refusal_outweighs_a_proposal_and_the_last_score_counts():
    signals = Signals()
    signals.add(
        "bien-ban.pdf",
        [
            {"page": 1, "text": "đạt 80 điểm", "value": {"signal": "score", "score": 80.0}},
            {
                "page": 2,
                "text": "đề nghị công nhận đạt tiêu chuẩn",
                "value": {"signal": "decision", "decision": "dat"},
            },
            {"page": 3, "text": "tổng điểm 45 điểm", "value": {"signal": "score", "score": 45.0}},
            {
                "page": 3,
                "text": "chưa đạt tiêu chuẩn",
                "value": {"signal": "decision", "decision": "chua_dat"},
            },
        ],
    )
    assert signals.score == 45.0 and signals.band == "Yếu" and signals.decision == "chua_dat"
    assert signals.source("decision") == "bien-ban.pdf, tr. 3: “chưa đạt tiêu chuẩn”"
    assert signals.source("band") == "bien-ban.pdf, tr. 3: “tổng điểm 45 điểm”"
    assert signals.source("dien_hinh") == ""
