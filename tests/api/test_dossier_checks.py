"""A document that disagrees with its dossier (issuer, year, unit kind): warned at upload, in the dossier
and its audit, held out of the scorecard proposal until an assessor accepts it (recorded in the trail)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from api import dossier_checks

from .conftest import LANG_SON_PLAN, SEED, make_dossier, process_document, upload


def _dossier(name="Sở Kế hoạch và Đầu tư", kind="co_quan", year=2022):
    return SimpleNamespace(unit=SimpleNamespace(name=name, kind=kind), year=year)


@pytest.mark.parametrize(
    ("issuer", "unit", "agree"),
    [
        ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư", True),  # case
        ("So Ke hoach va Dau tu tinh Son La", "Sở Kế hoạch và Đầu tư", True),  # diacritics, containment
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", True),  # abbreviation
        ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư tỉnh Sơn La", True),  # the other way round
        ("Sở Tư pháp tỉnh Lạng Sơn", "Sở Kế hoạch và Đầu tư", False),
        ("Ủy ban nhân dân xã Kon Gang", "UBND xã Chiềng Lề", False),
        (None, "Sở Kế hoạch và Đầu tư", True),  # not detected: no disagreement
    ],
)
def test_unit_names_are_compared_loosely(issuer, unit, agree):
    assert dossier_checks.names_agree(issuer, unit) is agree


def test_mismatches_name_each_disagreement_in_vietnamese():
    info = {"issuer": "Sở Tư pháp tỉnh Lạng Sơn", "year": 2025, "subject_type": "xa"}
    found = dossier_checks.mismatches(info, _dossier())
    assert [item["field"] for item in found] == ["issuer", "year", "subject_type"]
    assert "Lạng Sơn" in found[0]["message_vi"]
    assert found[1]["message_vi"] == "Văn bản năm 2025, hồ sơ năm 2022"
    assert "Xã, phường, thị trấn" in found[2]["message_vi"] and "Cơ quan" in found[2]["message_vi"]
    # The criteria layer's rule: kinds of the same TT124 article (cơ quan, doanh nghiệp: Điều 6) agree.
    assert dossier_checks.mismatches({"subject_type": "doanh_nghiep"}, _dossier()) == []
    # Years exactly; a missing value is no disagreement.
    assert (
        dossier_checks.mismatches(
            {"issuer": "Sở Kế hoạch và Đầu tư", "year": 2022, "subject_type": "co_quan"}, _dossier()
        )
        == []
    )
    assert dossier_checks.mismatches({"year": 2021}, _dossier())[0]["field"] == "year"
    assert dossier_checks.mismatches(None, _dossier()) == []


def test_a_foreign_document_is_warned_held_out_and_accepted(client, auth, engine):
    assessor = auth("thamdinh_sonla")
    dossier = make_dossier(client, assessor)  # Sở Kế hoạch và Đầu tư, Sơn La, 2022
    own = upload(client, assessor, dossier, SEED).json()["documents"][0]
    assert own["warnings"] == []
    foreign = upload(client, assessor, dossier, LANG_SON_PLAN).json()["documents"][0]
    # Warned at upload already: the file's header is read before the worker's full reading.
    assert {item["field"] for item in foreign["warnings"]} == {"issuer", "year"}
    own_id, foreign_id = own["document"]["id"], foreign["document"]["id"]
    process_document(engine, own_id, SEED)
    process_document(engine, foreign_id, LANG_SON_PLAN)

    detail = client.get(f"/api/dossiers/{dossier}", headers=assessor).json()
    assert detail["checks"]["held_out"] == [foreign_id]
    assert detail["checks"]["documents"][0]["filename"] == LANG_SON_PLAN.name
    assert detail["checks"]["proposed_kind"] == "co_quan" and not detail["checks"]["kind_disagrees"]
    assert detail["assessor_result"]["criteria_total"] == detail["proposed_result"]["criteria_total"]
    document = client.get(f"/api/documents/{foreign_id}", headers=assessor).json()
    assert document["checks"]["held_out"] and not document["checks"]["accepted"]

    def quoted_documents():
        card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
        assert all("deciding" in c and "points" in c for c in card["criteria"])
        assert {item["source"] for item in card["warnings"]} == {LANG_SON_PLAN.name}
        return card["excluded_documents"], {q["document_id"] for c in card["criteria"] for q in c["quotes"]}

    excluded, ids = quoted_documents()
    assert excluded == [LANG_SON_PLAN.name] and foreign_id not in ids and own_id in ids
    audit = client.get(f"/api/dossiers/{dossier}/audit", headers=assessor).json()
    assert [item["document_id"] for item in audit["mismatched_documents"]] == [foreign_id]

    # The auditor may not accept; the assessor accepts anyway, and the trail says so.
    assert (
        client.post(
            f"/api/documents/{foreign_id}/accept-mismatch", json={}, headers=auth("kiemtoan")
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/documents/{foreign_id}/accept-mismatch",
            json={},  # another province's
            headers=auth("thamdinh_langson"),
        ).status_code
        == 404
    )
    accepted = client.post(
        f"/api/documents/{foreign_id}/accept-mismatch", json={"note": "Văn bản tham khảo"}, headers=assessor
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["accepted"] and not accepted.json()["held_out"]
    excluded, ids = quoted_documents()
    assert excluded == [] and foreign_id in ids
    trail = client.get(
        "/api/audit-log", params={"dossier_id": dossier, "entity_type": "document"}, headers=assessor
    ).json()["items"]
    uploaded = next(
        item for item in trail if item["action"] == "upload" and item["entity_id"] == str(foreign_id)
    )
    assert any("Lạng Sơn" in line for line in uploaded["after"]["warnings"])  # warned in the trail at upload
    entry = next(item for item in trail if item["action"] == "accept_mismatch")
    assert entry["entity_id"] == str(foreign_id) and entry["note"] == "Văn bản tham khảo"
    assert any("Lạng Sơn" in line for line in entry["after"]["warnings"])
    # Accepting twice records once.
    client.post(f"/api/documents/{foreign_id}/accept-mismatch", json={}, headers=assessor)
    trail = client.get(
        "/api/audit-log", params={"dossier_id": dossier, "entity_type": "document"}, headers=assessor
    ).json()["items"]
    assert sum(item["action"] == "accept_mismatch" for item in trail) == 1


def test_a_decision_can_be_cleared(client, auth):
    assessor = auth("thamdinh_sonla")
    dossier = make_dossier(client, assessor)
    url = f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.3"
    assert client.put(url, json={"decision": "met", "version": 0}, headers=assessor).status_code == 200
    assert client.delete(url, params={"version": 2}, headers=assessor).status_code == 409
    cleared = client.delete(url, params={"version": 1}, headers=assessor)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["decision"] is None
    assert client.delete(url, params={"version": 1}, headers=assessor).status_code == 404
    # Deciding again starts from version 0.
    assert client.put(url, json={"decision": "not_met", "version": 0}, headers=assessor).status_code == 200
    trail = client.get("/api/audit-log", params={"dossier_id": dossier}, headers=assessor).json()["items"]
    assert [item["action"] for item in trail if item["entity_type"] == "criterion"] == [
        "decide",
        "clear_decision",
        "decide",
    ]
