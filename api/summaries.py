"""Dossier summaries for lists: counts and the proposed result of many dossiers in a few grouped queries.

The review progress (``evidence``, ``confirmed_ratio``) counts the evidence of the documents that take part
in the proposal only: a withdrawn document counts nowhere, and one the scorecard holds out (its unit, year or
kind disagrees with the dossier and no assessor accepted it) is counted apart, in ``evidence_held_out``. The
dossier's own page (``api.views.dossier_out``) is this same summary, so the list and the page agree.

Building a scorecard is the expensive part of a dossier's summary, so the proposal (``proposed_overall``,
the assessor's ``overall``, the documents it holds out) is cached per process under a *fingerprint* of
everything the scorecard reads, taken from the database for all listed dossiers at once:

- documents: how many, the newest id, the latest ``processed_at`` (a finished or repeated extraction);
- evidence: how many, the sum of the review versions and the latest ``updated_at`` (every review);
- decisions: how many, the newest id, the sum of versions (decide, change, clear);
- the audit trail: the newest entry of the dossier (accept-mismatch, withdraw, restore and every other
  recorded change: holding a document out or bringing it back in is a new summary at once);
- the unit's name and kind, the dossier's year and creation time;

under the database's URL (one process may serve, or test, several databases).

Any change that affects the scorecard changes the fingerprint, whichever process made it (API or worker),
so a stale proposal is never served; unchanged dossiers are not rebuilt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api import dossier_checks, scorecards
from api.orm import AuditEntry, CriterionDecision, Document, Dossier, EvidenceRow, Job

CACHE_SIZE = 4096
_cache: OrderedDict[tuple[str, int, tuple[Any, ...]], dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _grouped(session: Session, statement: Any) -> dict[int, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in session.execute(statement)}


def _stamp(value: Any) -> str | None:
    return None if value is None else str(value)


def _proposal(card: dict[str, Any]) -> dict[str, Any]:
    return {
        "proposed_overall": card["proposed_overall"],
        "overall": card["overall"],
        "held_out": frozenset(card["excluded_document_ids"]),
    }


def proposals(
    session: Session,
    dossiers: Sequence[Dossier],
    fingerprints: dict[int, tuple[Any, ...]],
    built: dict[int, dict[str, Any]] | None = None,
) -> dict[int, dict[str, Any]]:
    """dossier id → ``{"proposed_overall", "overall", "held_out"}`` (``held_out``: the ids of the documents
    the proposal leaves out for a mismatch), built only for dossiers whose fingerprint changed; a scorecard
    the caller built already (``built``) is taken as it is, not cached (it may predate the fingerprint)."""
    out: dict[int, dict[str, Any]] = {}
    bind = session.get_bind()
    database = str(bind.engine.url)
    for dossier in dossiers:
        if built and dossier.id in built:
            out[dossier.id] = _proposal(built[dossier.id])
            continue
        key = (database, dossier.id, fingerprints[dossier.id])
        with _lock:
            cached = _cache.get(key)
            if cached is not None:
                _cache.move_to_end(key)
        if cached is None:
            cached = _proposal(scorecards.build(session, dossier))
            with _lock:
                _cache[key] = cached
                while len(_cache) > CACHE_SIZE:
                    _cache.popitem(last=False)
        out[dossier.id] = cached
    return out


def _counts(counts: dict[str, int]) -> dict[str, int]:
    return {
        "total": sum(counts.values()),
        **{k: counts.get(k, 0) for k in ("proposed", "confirmed", "rejected")},
    }


def dossier_summaries(
    session: Session, dossiers: Iterable[Dossier], built: dict[int, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The list shape of ``api.views.dossier_out`` (without documents) for each dossier, in order
    (``built``: dossier id → its scorecard, when the caller built it already)."""
    dossiers = list(dossiers)
    ids = [dossier.id for dossier in dossiers]
    if not ids:
        return []
    withdrawn = dossier_checks.withdrawn_everywhere(session, ids)  # out of the review progress
    per_document = session.execute(  # dossier, document, status → count; split below by the proposal
        select(EvidenceRow.dossier_id, EvidenceRow.document_id, EvidenceRow.status, func.count())
        .where(EvidenceRow.dossier_id.in_(ids), EvidenceRow.document_id.notin_(withdrawn))
        .group_by(EvidenceRow.dossier_id, EvidenceRow.document_id, EvidenceRow.status)
    ).all()
    evidence = _grouped(
        session,
        select(
            EvidenceRow.dossier_id,
            func.count(),
            func.sum(EvidenceRow.version),
            func.max(EvidenceRow.updated_at),
        )
        .where(EvidenceRow.dossier_id.in_(ids))
        .group_by(EvidenceRow.dossier_id),
    )
    documents = _grouped(
        session,
        select(Document.dossier_id, func.count(), func.max(Document.id), func.max(Document.processed_at))
        .where(Document.dossier_id.in_(ids))
        .group_by(Document.dossier_id),
    )
    job_counts: dict[int, dict[str, int]] = {}
    for dossier_id, status, count in session.execute(
        select(Document.dossier_id, Job.status, func.count())
        .join(Document, Job.document_id == Document.id)
        .where(Document.dossier_id.in_(ids))
        .group_by(Document.dossier_id, Job.status)
    ):
        job_counts.setdefault(dossier_id, {})[status] = count
    decisions = _grouped(
        session,
        select(
            CriterionDecision.dossier_id,
            func.count(),
            func.max(CriterionDecision.id),
            func.sum(CriterionDecision.version),
        )
        .where(CriterionDecision.dossier_id.in_(ids))
        .group_by(CriterionDecision.dossier_id),
    )
    audit = _grouped(
        session,
        select(AuditEntry.dossier_id, func.max(AuditEntry.id))
        .where(AuditEntry.dossier_id.in_(ids))
        .group_by(AuditEntry.dossier_id),
    )

    fingerprints: dict[int, tuple[Any, ...]] = {}
    for dossier in dossiers:
        doc = documents.get(dossier.id, (0, None, None))
        ev = evidence.get(dossier.id, (0, 0, None))
        fingerprints[dossier.id] = (
            dossier.year,
            _stamp(dossier.created_at),
            dossier.unit.name,
            dossier.unit.kind,
            doc[0],
            doc[1],
            _stamp(doc[2]),
            ev[0],
            int(ev[1] or 0),
            _stamp(ev[2]),
            *decisions.get(dossier.id, (0, None, 0)),
            audit.get(dossier.id, (None,))[0],
        )
    cards = proposals(session, dossiers, fingerprints, built)

    in_proposal: dict[int, dict[str, int]] = {}
    held_out: dict[int, dict[str, int]] = {}
    for dossier_id, document_id, status, count in per_document:
        side = held_out if document_id in cards[dossier_id]["held_out"] else in_proposal
        counts = side.setdefault(dossier_id, {})
        counts[status] = counts.get(status, 0) + count

    out = []
    for dossier in dossiers:
        counts = in_proposal.get(dossier.id, {})
        total = sum(counts.values())
        reviewed = counts.get("confirmed", 0) + counts.get("rejected", 0)
        jobs = job_counts.get(dossier.id, {})
        out.append(
            {
                "id": dossier.id,
                "unit": dossier.unit,
                "year": dossier.year,
                "created_at": dossier.created_at,
                "document_count": documents.get(dossier.id, (0,))[0],
                "evidence": _counts(counts),
                "evidence_held_out": _counts(held_out.get(dossier.id, {})),
                "confirmed_ratio": round(reviewed / total, 4) if total else 0.0,
                "proposed_result": cards[dossier.id]["proposed_overall"],
                "decided_criteria": decisions.get(dossier.id, (0,))[0],
                "jobs": {k: jobs.get(k, 0) for k in ("queued", "running", "failed")},
            }
        )
    return out
