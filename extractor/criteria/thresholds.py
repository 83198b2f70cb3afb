"""The graded clauses' thresholds, loaded from ``corpora/tt124/thresholds.json``: the ranked disciplinary forms
and the lowest each clause counts (``discipline``), and the shares ratio clauses ask for (``ratios``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corpora import load_json
from extractor.criteria.cues import CueList, cue_list


@dataclass(frozen=True)
class DisciplineScale:
    """The ranked disciplinary forms and, per criterion, the lowest form that counts against it."""

    family: str
    forms: tuple[tuple[int, str, re.Pattern[str]], ...]  # (level, form, pattern)
    unranked: CueList
    scope: re.Pattern[str]  # "từ hình thức cảnh cáo trở lên"
    thresholds: dict[str, tuple[int, ...]]  # criterion id → the levels its threshold may be

    def level_of(self, form: str) -> int | None:
        return next((level for level, _, pattern in self.forms if pattern.search(form)), None)

    def form_at(self, level: int) -> str:
        return next(form for rank, form, _ in self.forms if rank == level)


@dataclass(frozen=True)
class RatioMeasure:
    """One share a criterion asks for ("100% đăng ký", "≥ 70% được công nhận")."""

    name: str
    label_vi: str
    minimum: float
    cues: CueList


@dataclass(frozen=True)
class RatioRequirement:
    criterion: str
    family: str
    measures: tuple[RatioMeasure, ...]
    restatement: re.Pattern[str]
    threshold_before: re.Pattern[str]
    threshold_after: re.Pattern[str]


@cache
def discipline_scale() -> DisciplineScale:
    """``corpora/tt124/thresholds.json`` → ``discipline``: scale and per-criterion thresholds."""
    data = load_json("tt124", "thresholds.json")["discipline"]
    forms = tuple(
        (item["level"], item["form"], re.compile("|".join(item["patterns"]), re.IGNORECASE))
        for item in data["scale"]
    )
    alternatives = "|".join(pattern for item in data["scale"] for pattern in item["patterns"])
    level_by_form = {item["form"]: item["level"] for item in data["scale"]}
    thresholds = {
        cid: tuple(
            sorted(
                {level_by_form[form] for form in ([item["from"]] if item.get("from") else item["possible"])}
            )
        )
        for cid, item in data["thresholds"].items()
    }
    return DisciplineScale(
        family=data["family"],
        forms=forms,
        unranked=cue_list(data["unranked"]["patterns"]),
        scope=re.compile(data["scope"].replace("{forms}", alternatives), re.IGNORECASE),
        thresholds=thresholds,
    )


@cache
def ratio_requirements() -> dict[str, RatioRequirement]:
    """``corpora/tt124/thresholds.json`` → ``ratios``: criterion id → the shares it asks for."""
    data = load_json("tt124", "thresholds.json")["ratios"]
    return {
        cid: RatioRequirement(
            criterion=cid,
            family=item["family"],
            measures=tuple(
                RatioMeasure(
                    m["name"],
                    m["label_vi"],
                    float(m["min"]),
                    cue_list(m["cues"]),
                )
                for m in item["measures"]
            ),
            restatement=re.compile(item["restatement"], re.IGNORECASE),
            threshold_before=re.compile(item["threshold_mention"], re.IGNORECASE),
            threshold_after=re.compile(item["threshold_mention_after"], re.IGNORECASE),
        )
        for cid, item in data.items()
    }
