"""Find dossier-level signals: a QĐ 510 score and band, a recognition decision, a "điển hình" statement.

Evidence kind ``signal``, extractor ``"signals"``. This kind is not part of the extract contract
(``minhchung extract`` does not emit it); the bulk analysis (``extractor.bulk``) reads it to fold a unit's
year. ``value`` has one of these shapes::

    {"signal": "score", "score": 92.5}                              # "tổng điểm: 92,5/100 điểm"
    {"signal": "band", "band": "kha", "label_vi": "Khá"}            # "xếp loại: khá" (QĐ 510 band)
    {"signal": "decision", "decision": "dat" | "chua_dat"}          # "đề nghị công nhận … đạt tiêu chuẩn"
    {"signal": "dien_hinh"}                                         # "đạt tiêu chí điển hình"

The patterns are data (``corpora/targets/signals.json``); band labels and keys are QĐ 510's
(``corpora/qd510.json`` through :mod:`extractor.criteria.catalogue`). Spans index the normalized text, as every
finder's do; the caller gives each signal its page. Scores outside 0–100 are not scores.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from corpora import load_json
from extractor.criteria import catalogue
from extractor.models import Evidence

KIND = "signal"
EXTRACTOR = "signals"
DECISIONS = ("chua_dat", "dat")  # the order they are looked for in: a refusal is read first


@cache
def _patterns() -> dict[str, Any]:
    data = load_json("targets", "signals.json")
    flags = re.IGNORECASE
    return {
        "score": re.compile(data["score"], flags),
        "band": re.compile(data["band"], flags),
        "decision": {key: tuple(re.compile(p, flags) for p in data[f"decision_{key}"]) for key in DECISIONS},
        "dien_hinh": tuple(re.compile(p, flags) for p in data["dien_hinh"]),
    }


def _band(written: str) -> dict[str, str]:
    """The QĐ 510 band a written band name stands for."""
    for band in catalogue.qd510()["bands"]:
        if band["label_vi"].lower() == written.lower():
            return {"band": band["key"], "label_vi": band["label_vi"]}
    return {"band": written.lower(), "label_vi": written.capitalize()}


def _evidence(text: str, match: re.Match[str], value: dict[str, Any]) -> Evidence:
    start, end = match.span()
    return Evidence(
        kind=KIND,
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        confidence=0.9,
        extractor=EXTRACTOR,
    )


def find_signals(text: str) -> list[Evidence]:
    """Every QĐ 510 score and band, recognition decision and "điển hình" statement in ``text``, in reading
    order (a span may hold two decisions when both patterns match it)."""
    patterns = _patterns()
    found: list[Evidence] = []
    for match in patterns["score"].finditer(text):
        score = float(match.group(1).replace(",", "."))
        if 0 <= score <= 100:
            found.append(_evidence(text, match, {"signal": "score", "score": score}))
    for match in patterns["band"].finditer(text):
        found.append(_evidence(text, match, {"signal": "band", **_band(match.group(1))}))
    for decision in DECISIONS:
        for pattern in patterns["decision"][decision]:
            for match in pattern.finditer(text):
                found.append(_evidence(text, match, {"signal": "decision", "decision": decision}))
    for pattern in patterns["dien_hinh"]:
        for match in pattern.finditer(text):
            found.append(_evidence(text, match, {"signal": "dien_hinh"}))
    return sorted(found, key=lambda item: (item.start, item.end, item.value["signal"]))
