"""``GET /api/dossiers`` reads cached summaries: a few queries per page, a scorecard rebuilt only for a
dossier that changed, and always the scorecard's own proposal."""

from __future__ import annotations

from sqlalchemy import event

from api import scorecards, summaries

from .conftest import SEED, add_evidence, make_dossier, upload


def test_listing_does_not_rebuild_every_scorecard_and_follows_every_change(
    client, auth, engine, monkeypatch, tmp_path
):
    admin, assessor = auth("admin"), auth("thamdinh_sonla")
    dossiers, documents, evidence = [], {}, {}
    for number, year in enumerate((2022, 2022, 2023)):  # the 2023 dossier's document says 2022: a mismatch
        dossier = make_dossier(client, admin, name=f"Đơn vị {number}", year=year)
        document = upload(client, admin, dossier, SEED).json()["documents"][0]["document"]["id"]
        dossiers.append(dossier)
        documents[dossier], evidence[dossier] = document, add_evidence(engine, document)

    builds: list[int] = []
    build = scorecards.build
    monkeypatch.setattr(
        scorecards,
        "build",
        lambda session, dossier, *rest: builds.append(dossier.id) or build(session, dossier, *rest),
    )
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    summaries.clear_cache()

    def listing(page_size: int = 50) -> dict[int, dict]:
        builds.clear()
        statements.clear()
        response = client.get("/api/dossiers", params={"page_size": page_size}, headers=assessor)
        assert response.status_code == 200, response.text
        return {item["id"]: item for item in response.json()["items"]}

    def assert_listed_as_scorecard(listed: dict[int, dict]) -> None:
        for dossier_id, item in listed.items():
            card = client.get(f"/api/dossiers/{dossier_id}/scorecard", headers=assessor).json()
            listed_result = item["proposed_result"]  # the list's schema (Overall) shows part of it
            assert listed_result == {key: card["proposed_overall"][key] for key in listed_result}, dossier_id

    first = listing()
    assert sorted(first) == sorted(dossiers) and sorted(builds) == sorted(dossiers)
    assert_listed_as_scorecard(first)

    # Nothing changed: no scorecard is rebuilt, and the page costs the same statements for 1 or 3 dossiers.
    assert listing() == first and builds == []
    three = len(statements)
    listing(page_size=1)
    assert len(statements) == three and builds == []

    def changed(dossier: int) -> dict[int, dict]:
        listed = listing()
        assert builds == [dossier]
        assert_listed_as_scorecard(listed)
        return listed

    # Evidence review: rejecting the criterion claim takes it out of the proposal.
    claim = evidence[dossiers[0]][2]
    version = client.get(f"/api/evidence/{claim}", headers=assessor).json()["version"]
    assert (
        client.patch(
            f"/api/evidence/{claim}", json={"version": version, "status": "rejected"}, headers=assessor
        ).status_code
        == 200
    )
    after_review = changed(dossiers[0])
    assert after_review[dossiers[0]]["evidence"]["rejected"] == 1

    # A decision.
    assert (
        client.put(
            f"/api/dossiers/{dossiers[1]}/scorecard/criteria/TT124.6.3",
            headers=assessor,
            json={"decision": "met", "version": 0},
        ).status_code
        == 200
    )
    assert changed(dossiers[1])[dossiers[1]]["decided_criteria"] == 1

    # Accepting a mismatched document.
    assert (
        client.post(
            f"/api/documents/{documents[dossiers[2]]}/accept-mismatch",
            json={"note": "đúng đơn vị"},
            headers=assessor,
        ).status_code
        == 200
    )
    changed(dossiers[2])

    # A new document's result (as the worker stores it, outside any request).
    copy = tmp_path / "bao-cao-bo-sung.txt"
    copy.write_text(SEED.read_text(encoding="utf-8") + "\nBổ sung.\n", encoding="utf-8")
    uploaded = upload(client, admin, dossiers[1], copy)
    assert uploaded.status_code in (200, 201, 202), uploaded.text
    second = uploaded.json()["documents"][0]["document"]["id"]
    changed(dossiers[1])  # the upload itself is a change (a new document)
    add_evidence(engine, second)
    assert changed(dossiers[1])[dossiers[1]]["evidence"]["total"] == 6
