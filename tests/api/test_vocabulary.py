"""GET /api/vocabulary: the one vocabulary (extractor.vocabulary), for the web UI."""

from __future__ import annotations

from extractor import vocabulary

from .conftest import SQLITE_ONLY


@SQLITE_ONLY
def test_vocabulary_is_the_extractors_groups_and_public(client):
    response = client.get("/api/vocabulary")  # no log-in: the log-in screen needs labels too
    assert response.status_code == 200
    data = response.json()
    assert data == vocabulary.groups()
    labels = {group: {entry["key"]: entry["vi"] for entry in entries} for group, entries in data.items()}
    assert labels["criterion_status"] == {
        "met": "Đạt",
        "not_met": "Không đạt",
        "unclear": "Chưa đủ căn cứ",
        "missing": "Không có minh chứng",
    }
    assert labels["review_state"]["proposed"] == "Chưa xem xét"
    assert labels["review_state"]["rejected"] == "Đã bác bỏ"
    for group in ("overall_proposal", "evidence_kind", "subject_type", "document_reading", "role"):
        assert labels[group], group
    # No guessed keys: each group's keys are exactly the library's.
    for group in data:
        assert [entry["key"] for entry in data[group]] == list(vocabulary.keys(group))
    assert not {"dat", "pass", "chua_dat", "fail"} & set(labels["criterion_status"])


def test_openapi_lists_the_route(client):
    assert "/api/vocabulary" in client.get("/openapi.json").json()["paths"]
