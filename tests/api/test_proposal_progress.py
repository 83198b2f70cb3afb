"""The review progress of a dossier counts the evidence of the documents in its proposal only: a document held
out (its unit or year disagrees and no assessor accepted it) or withdrawn counts apart, and the dossier list
says the same as the dossier itself, before and after the document is held out or brought back in."""

from __future__ import annotations

from .conftest import LANG_SON_PLAN, SEED, make_dossier, process_document, upload

SUMMARY = ("document_count", "evidence", "evidence_held_out", "confirmed_ratio", "proposed_result")


def test_the_list_counts_only_the_documents_in_the_proposal_as_the_dossier_does(client, auth, engine):
    assessor = auth("thamdinh_sonla")
    dossier = make_dossier(client, assessor)  # Sở Kế hoạch và Đầu tư, Sơn La, 2022
    own = upload(client, assessor, dossier, SEED).json()["documents"][0]["document"]["id"]
    foreign = upload(client, assessor, dossier, LANG_SON_PLAN).json()["documents"][0]["document"]["id"]
    process_document(engine, own, SEED)
    process_document(engine, foreign, LANG_SON_PLAN)

    def evidence_of(document: int, status: str | None = None) -> int:
        params = {"document_id": document, "page_size": 1, **({"status": status} if status else {})}
        return client.get("/api/evidence", params=params, headers=assessor).json()["total"]

    def summaries() -> tuple[dict, dict]:
        """The dossier as the list shows it and as its own page shows it (the same figures)."""
        listed = next(
            item
            for item in client.get("/api/dossiers", headers=assessor).json()["items"]
            if item["id"] == dossier
        )
        detail = client.get(f"/api/dossiers/{dossier}", headers=assessor).json()
        assert {key: listed.get(key) for key in SUMMARY} == {key: detail.get(key) for key in SUMMARY}
        return listed, detail

    own_total, foreign_total = evidence_of(own), evidence_of(foreign)
    assert own_total > 0 and foreign_total > 0

    # Held out: the foreign plan's evidence is not in the progress, but said apart.
    listed, detail = summaries()
    assert detail["checks"]["held_out"] == [foreign]
    assert listed["evidence"]["total"] == own_total
    assert listed["evidence_held_out"]["total"] == foreign_total
    assert listed["confirmed_ratio"] == 0.0

    # Reviewing the held-out document's evidence does not move the dossier's progress.
    first = client.get("/api/evidence", params={"document_id": foreign}, headers=assessor).json()["items"][0]
    reviewed = client.patch(
        f"/api/evidence/{first['id']}",
        json={"version": first["version"], "status": "confirmed"},
        headers=assessor,
    )
    assert reviewed.status_code == 200, reviewed.text
    listed, _ = summaries()
    assert listed["evidence"]["confirmed"] == 0 and listed["confirmed_ratio"] == 0.0
    assert listed["evidence_held_out"]["confirmed"] == 1

    # Brought in (the assessor accepts it anyway): it counts, in the list as on the page.
    accepted = client.post(f"/api/documents/{foreign}/accept-mismatch", json={}, headers=assessor)
    assert accepted.status_code == 200, accepted.text
    listed, _ = summaries()
    assert listed["evidence"]["total"] == own_total + foreign_total
    assert listed["evidence"]["confirmed"] == 1 == evidence_of(foreign, "confirmed")
    assert listed["confirmed_ratio"] == round(1 / (own_total + foreign_total), 4)
    assert listed["evidence_held_out"]["total"] == 0

    # Withdrawn, then restored: out of the progress (and not held out either), then back in.
    assert client.post(f"/api/documents/{foreign}/withdraw", json={}, headers=assessor).status_code == 200
    listed, _ = summaries()
    assert listed["evidence"]["total"] == own_total and listed["confirmed_ratio"] == 0.0
    assert listed["evidence_held_out"]["total"] == 0
    assert client.post(f"/api/documents/{foreign}/restore", json={}, headers=assessor).status_code == 200
    listed, _ = summaries()
    assert listed["evidence"]["total"] == own_total + foreign_total and listed["evidence"]["confirmed"] == 1
