"""Cross-dossier analysis: criteria table, gaps, count trends, rates against targets, QĐ 510 bands.

Every function takes the dossier summaries and returns plain rows (lists of dicts) that the
writers put into CSV/XLSX and the HTML report draws.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from corpora import load_json, path
from extractor import vocabulary
from extractor.bulk.dossiers import NO_BAND, DossierAgg, criterion_title, weakest_band
from extractor.vocabulary import Status

Dossiers = dict[tuple[str, str, int], DossierAgg]
SIGNALS = ("score", "band", "decision", "dien_hinh")


def _sorted(dossiers: Dossiers) -> list[DossierAgg]:
    return [dossiers[k] for k in sorted(dossiers)]


def dossier_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    rows = []
    for d in _sorted(dossiers):
        statuses = d.criteria()
        counts = Counter(statuses.values())
        rows.append(
            {
                "province": d.province,
                "unit": d.unit,
                "year": d.year,
                "subject_type": d.subject_type,
                "documents": len(d.documents),
                "failed_documents": d.failed,
                "doc_types": ";".join(sorted(d.doc_types())),
                **{f"criteria_{status}": counts[status] for status in vocabulary.keys("criterion_status")},
                "criteria_total": len(statuses),
                "decision": d.decision,
                "overall": d.overall,
                "score": d.score,
                "band": d.band,
                "dien_hinh": d.dien_hinh,
                **{f"{name}_source": d.signals.source(name) for name in SIGNALS},
                "missing_documents": ";".join(item["key"] for item in d.missing_documents()),
            }
        )
    return rows


def criteria_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    """One row per dossier and criterion: the folded status, its label, and the reason and quote (document,
    page, words) of the first document that gave it that status."""
    rows = []
    for d in _sorted(dossiers):
        for cid, status in d.criteria().items():
            why = d.why(cid)
            rows.append(
                {
                    "province": d.province,
                    "unit": d.unit,
                    "year": d.year,
                    "subject_type": d.subject_type,
                    "criterion": cid,
                    "title": criterion_title(cid),
                    "status": status,
                    "status_vi": vocabulary.status_label(status),
                    "reason": why.reason if why else "",
                    "source": str(why.quote) if why and why.quote.text else "",
                }
            )
    return rows


def missing_criteria_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    """The criteria rows whose status is not ``met``."""
    return [row for row in criteria_rows(dossiers) if row["status"] != Status.MET]


def missing_document_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    rows = []
    for d in _sorted(dossiers):
        for item in d.missing_documents():
            rows.append(
                {
                    "province": d.province,
                    "unit": d.unit,
                    "year": d.year,
                    "subject_type": d.subject_type,
                    "document": item["key"],
                    "doc_types": ";".join(item["doc_types"]),
                    "title": item.get("title_vi", ""),
                    "stage": item["stage"],
                }
            )
    return rows


@cache
def indicator_labels() -> dict[str, str]:
    return {i["id"]: i["label_vi"] for i in load_json("targets", "indicators.json")["indicators"]}


def unit_trend_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    rows = []
    for d in _sorted(dossiers):
        for key in sorted(d.indicators):
            rows.append(
                {
                    "province": d.province,
                    "unit": d.unit,
                    "year": d.year,
                    "indicator": key,
                    "label": indicator_labels().get(key, key),
                    "value": d.indicators[key],
                }
            )
    return rows


def province_trend_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    totals: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    for d in dossiers.values():
        for key, value in d.indicators.items():
            totals[(d.province, d.year, key)].append(value)
    return [
        {
            "province": p,
            "year": y,
            "indicator": k,
            "label": indicator_labels().get(k, k),
            "value": sum(v),
            "units_reporting": len(v),
        }
        for (p, y, k), v in sorted(totals.items())
    ]


def band_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    counts: Counter = Counter()
    for d in dossiers.values():
        counts[(d.year, d.band or NO_BAND)] += 1
    return [{"year": y, "band": b, "dossiers": n} for (y, b), n in sorted(counts.items())]


@cache
def target_files() -> list[dict[str, Any]]:
    folder = path("targets")
    return [
        load_json("targets", p.name)
        for p in sorted(Path(folder).glob("*.json"))
        if "targets" in load_json("targets", p.name) and "groups" in load_json("targets", p.name)
    ]


def _group_members(groups: dict[str, list[str]], group: str) -> set[str]:
    if group == "all":
        return {s for members in groups.values() for s in members}
    return set(groups.get(group, []))


def target_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    """Per province target (corpora/targets/*.json) and year: the measured share and whether it is met.

    ``dien_hinh`` counts units whose documents state they met the "điển hình" criteria;
    ``dat_an_toan`` (TT124 recognition, a proxy) is given alongside; ``dang_ky`` counts units
    with a Bản đăng ký; ``band_yeu`` the share classified Yếu under QĐ 510.
    """
    rows = []
    for spec in target_files():
        groups = spec["groups"]
        for target in spec["targets"]:
            members = _group_members(groups, target["group"])
            units = [
                d
                for d in dossiers.values()
                if d.province == spec["province"] and d.year == target["year"] and d.subject_type in members
            ]
            if target.get("cumulative"):
                # lũy kế: a unit counts once it has reached the mark in any year up to the target year
                reached = {
                    (d.unit)
                    for d in dossiers.values()
                    if d.province == spec["province"]
                    and d.year <= target["year"]
                    and d.subject_type in members
                    and d.dien_hinh
                }
            else:
                reached = {d.unit for d in units if d.dien_hinh}
            n = len(units)
            measure = target["measure"]
            if measure == "dang_ky":
                hits = sum(1 for d in units if "dang_ky" in d.doc_types())
            elif measure == "band_yeu":
                hits = sum(1 for d in units if d.band == weakest_band())
            else:
                hits = sum(1 for d in units if d.unit in reached)
            rate = round(100.0 * hits / n, 1) if n else None
            proxy = round(100.0 * sum(1 for d in units if d.overall == "dat") / n, 1) if n else None
            met = None
            if rate is not None:
                met = rate >= target["percent"] if target["comparator"] == ">=" else rate <= target["percent"]
            rows.append(
                {
                    "province": spec["province"],
                    "year": target["year"],
                    "group": target["group"],
                    "measure": measure,
                    "comparator": target["comparator"],
                    "target_percent": target["percent"],
                    "units": n,
                    "units_meeting": hits,
                    "rate_percent": rate,
                    "target_met": met,
                    "proxy_dat_an_toan_percent": proxy,
                    "quote": target["quote"],
                    "source": spec["source"]["document"] + ", " + spec["source"]["section"],
                }
            )
    return rows


def rate_rows(dossiers: Dossiers) -> list[dict[str, Any]]:
    """Every province × year × kind of unit: share recognised (đạt), registered, điển hình, Yếu."""
    groups: dict[tuple[str, int, str], list[DossierAgg]] = defaultdict(list)
    for d in dossiers.values():
        groups[(d.province, d.year, d.subject_type or "(không rõ)")].append(d)
    rows = []
    for (province, year, subject), items in sorted(groups.items()):
        n = len(items)
        rows.append(
            {
                "province": province,
                "year": year,
                "subject_type": subject,
                "units": n,
                "dat_percent": round(100.0 * sum(d.overall == "dat" for d in items) / n, 1),
                "dang_ky_percent": round(100.0 * sum("dang_ky" in d.doc_types() for d in items) / n, 1),
                "dien_hinh_percent": round(100.0 * sum(d.dien_hinh for d in items) / n, 1),
                "yeu_percent": round(100.0 * sum(d.band == weakest_band() for d in items) / n, 1),
            }
        )
    return rows
