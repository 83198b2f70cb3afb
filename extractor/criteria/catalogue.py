"""The TT124 criteria catalogue, loaded from ``corpora/tt124/*.json`` (the law as data).

Changing a clause, a title, a keyword or a deadline is an edit to the JSON, never to code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corpora import load_json

# Which article governs which kind of unit (TT124 Điều 4–7).
SUBJECT_ALIASES: dict[str, str] = {
    "kdc": "khu_dan_cu", "khu_dan_cu": "khu_dan_cu", "thon": "khu_dan_cu", "to_dan_pho": "khu_dan_cu",
    "xa": "xa", "phuong": "xa", "thi_tran": "xa",
    "co_quan": "co_quan", "so": "co_quan", "cq": "co_quan",
    "doanh_nghiep": "doanh_nghiep", "dn": "doanh_nghiep",
    "co_so_giao_duc": "co_so_giao_duc", "csgd": "co_so_giao_duc", "truong": "co_so_giao_duc",
}


@dataclass(frozen=True)
class Criterion:
    """One clause of TT124 Art. 4–7 and how sure we are of its wording."""

    id: str
    article: int
    clause: int
    title_vi: str
    title_en: str
    text: str | None
    text_quoted: str | None
    certainty: str
    source: dict[str, Any]
    families: tuple[str, ...]
    note: str | None = None

    @property
    def wording(self) -> str | None:
        """The best wording we have: verbatim text, else a real document's quotation."""
        return self.text or self.text_quoted

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article": self.article, "clause": self.clause,
            "title_vi": self.title_vi, "title_en": self.title_en, "text": self.text,
            "text_quoted": self.text_quoted, "certainty": self.certainty, "source": self.source,
            "families": list(self.families), "note": self.note,
        }


@dataclass(frozen=True)
class Family:
    """A kind of requirement shared by several articles (e.g. 'no one disciplined')."""

    key: str
    title_vi: str
    title_en: str
    polarity: str  # presence | absence
    keywords: tuple[re.Pattern[str], ...] = field(default_factory=tuple)

    def matches(self, text: str) -> list[str]:
        """The keyword surfaces found in ``text`` (lower-cased)."""
        lowered = text.lower()
        return [found.group(0) for pattern in self.keywords if (found := pattern.search(lowered))]


def normalize_subject(subject_type: str | None) -> str | None:
    """Canonical subject type (``co_quan``…) from any alias, or ``None``."""
    if not subject_type:
        return None
    return SUBJECT_ALIASES.get(subject_type.strip().lower().replace("-", "_").replace(" ", "_"))


@cache
def criteria() -> tuple[Criterion, ...]:
    """Every criterion of Art. 4–7 in catalogue order."""
    data = load_json("tt124", "criteria.json")
    return tuple(
        Criterion(
            id=item["id"], article=item["article"], clause=item["clause"],
            title_vi=item["title_vi"], title_en=item["title_en"], text=item.get("text"),
            text_quoted=item.get("text_quoted"), certainty=item["certainty"],
            source=item.get("source") or item.get("quoted_source") or {},
            families=tuple(item.get("families", [])), note=item.get("note"),
        )
        for item in data["criteria"]
    )


@cache
def families() -> dict[str, Family]:
    """The criterion families with compiled keyword rules."""
    data = load_json("tt124", "families.json")["families"]
    return {
        key: Family(
            key=key, title_vi=item["title_vi"], title_en=item["title_en"], polarity=item["polarity"],
            keywords=tuple(re.compile(pattern, re.IGNORECASE) for pattern in item["keywords"]),
        )
        for key, item in data.items()
    }


def family_keys() -> list[str]:
    """Family names in a stable order (the classifier's label order)."""
    return sorted(families())


@cache
def articles() -> dict[int, dict[str, Any]]:
    return {item["article"]: item for item in load_json("tt124", "criteria.json")["articles"]}


def article_for(subject_type: str | None) -> int | None:
    """The TT124 article for a subject type: khu_dan_cu → 4, xa → 5, co_quan/doanh_nghiep → 6, csgd → 7."""
    subject = normalize_subject(subject_type)
    for number, article in articles().items():
        if subject in article["subject_types"]:
            return number
    return None


def by_id(criterion_id: str) -> Criterion:
    for item in criteria():
        if item.id == criterion_id:
            return item
    raise KeyError(criterion_id)


def for_article(article: int) -> list[Criterion]:
    return [item for item in criteria() if item.article == article]


def for_subject(subject_type: str | None) -> list[Criterion]:
    article = article_for(subject_type)
    return for_article(article) if article else []


def criteria_for_family(family: str, article: int) -> list[Criterion]:
    """The criteria of ``article`` that ``family`` is part of."""
    return [item for item in for_article(article) if family in item.families]


@cache
def status_cues() -> dict[str, Any]:
    """Compiled status cues (target, forecast, achievement, negation, occurrence, shortfall)."""
    data = load_json("tt124", "status_cues.json")
    compiled: dict[str, Any] = {}
    for key, value in data.items():
        if key == "description":
            continue
        if isinstance(value, list):
            compiled[key] = tuple(re.compile(pattern, re.IGNORECASE) for pattern in value)
        elif isinstance(value, dict):
            compiled[key] = {name: tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)
                             for name, patterns in value.items()}
        else:
            compiled[key] = re.compile(value, re.IGNORECASE)
    return compiled


def procedure() -> dict[str, Any]:
    return load_json("procedure.json")


def qd510() -> dict[str, Any]:
    return load_json("qd510.json")


def band_for(score: float) -> dict[str, Any]:
    """QĐ 510 band for a score out of 100 (bands not verified against the Decision)."""
    data = qd510()
    for band in sorted(data["bands"], key=lambda item: item["min"], reverse=True):
        if score >= band["min"]:
            return {**band, "verified": data["bands_verified"]}
    return {**min(data["bands"], key=lambda item: item["min"]), "verified": data["bands_verified"]}


@dataclass(frozen=True)
class DisciplineScale:
    """The ranked disciplinary forms and, per criterion, the lowest form that counts against it."""

    family: str
    forms: tuple[tuple[int, str, re.Pattern[str]], ...]  # (level, form, pattern)
    unranked: tuple[re.Pattern[str], ...]
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
    cues: tuple[re.Pattern[str], ...]


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
    forms = tuple((item["level"], item["form"], re.compile("|".join(item["patterns"]), re.IGNORECASE))
                  for item in data["scale"])
    alternatives = "|".join(pattern for item in data["scale"] for pattern in item["patterns"])
    level_by_form = {item["form"]: item["level"] for item in data["scale"]}
    thresholds = {
        cid: tuple(sorted({level_by_form[form] for form in ([item["from"]] if item.get("from") else item["possible"])}))
        for cid, item in data["thresholds"].items()
    }
    return DisciplineScale(
        family=data["family"], forms=forms,
        unranked=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["unranked"]["patterns"]),
        scope=re.compile(data["scope"].replace("{forms}", alternatives), re.IGNORECASE),
        thresholds=thresholds,
    )


@cache
def ratio_requirements() -> dict[str, RatioRequirement]:
    """``corpora/tt124/thresholds.json`` → ``ratios``: criterion id → the shares it asks for."""
    data = load_json("tt124", "thresholds.json")["ratios"]
    return {
        cid: RatioRequirement(
            criterion=cid, family=item["family"],
            measures=tuple(RatioMeasure(m["name"], m["label_vi"], float(m["min"]),
                                        tuple(re.compile(c, re.IGNORECASE) for c in m["cues"]))
                           for m in item["measures"]),
            restatement=re.compile(item["restatement"], re.IGNORECASE),
            threshold_before=re.compile(item["threshold_mention"], re.IGNORECASE),
            threshold_after=re.compile(item["threshold_mention_after"], re.IGNORECASE),
        )
        for cid, item in data.items()
    }
