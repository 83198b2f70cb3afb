"""The TT124 criteria catalogue, loaded from ``corpora/tt124/*.json`` (the law as data): the law's words, the
clauses of Art. 4–7 and what each asks, the families, the status and shared cues, QĐ 510's bands.

Changing a clause, a title, a keyword or a deadline is an edit to the JSON, never to code. The incident kinds
the absence clauses list are loaded by :mod:`extractor.criteria.incidents`, the graded clauses' thresholds by
:mod:`extractor.criteria.thresholds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from corpora import load_json
from extractor.criteria.cues import CueList, as_cues, cue_list
from extractor.criteria.incidents import IncidentKind, incident_kinds

# Which article governs which kind of unit (TT124 Điều 4–7).
SUBJECT_ALIASES: dict[str, str] = {
    "kdc": "khu_dan_cu",
    "khu_dan_cu": "khu_dan_cu",
    "thon": "khu_dan_cu",
    "to_dan_pho": "khu_dan_cu",
    "xa": "xa",
    "phuong": "xa",
    "thi_tran": "xa",
    "co_quan": "co_quan",
    "so": "co_quan",
    "cq": "co_quan",
    "doanh_nghiep": "doanh_nghiep",
    "dn": "doanh_nghiep",
    "co_so_giao_duc": "co_so_giao_duc",
    "csgd": "co_so_giao_duc",
    "truong": "co_so_giao_duc",
}


@dataclass(frozen=True)
class Point:
    """One điểm of a clause (``TT124.6.3.d``) with its verbatim text and the incident kind it lists."""

    id: str
    point: str  # the letter as ids write it: "dd" for đ
    title_vi: str
    text: str | None
    kind: IncidentKind

    @property
    def letter(self) -> str:
        """The letter as the law writes it ("đ"), for people."""
        return "đ" if self.point == "dd" else self.point


@dataclass(frozen=True)
class Part:
    """One thing a presence clause asks for ("nội quy, quy định bảo vệ") and the words that show it."""

    key: str
    label_vi: str
    cues: CueList


@dataclass(frozen=True)
class Deadline:
    """A clause's time limit within the year ("Quý I hằng năm"): the last month, and the acts it binds."""

    by_month: int
    label_vi: str
    cues: CueList


@dataclass(frozen=True)
class RatingRequirement:
    """The lowest rating a clause accepts ("hoàn thành tốt nhiệm vụ" trở lên)."""

    minimum: int
    label_vi: str


@dataclass(frozen=True)
class Criterion:
    """One clause of TT124 Art. 4–7: its verbatim wording and what it asks, as data.

    ``shape`` says how it is assessed: ``presence`` (something must be done), ``absence`` (listed incidents
    must not happen, point by point), ``graded`` (a rating and a discipline threshold), ``ratio`` (shares with
    minimums), ``imports`` (the clause is other clauses, e.g. Điều 5 khoản 2)."""

    id: str
    article: int
    clause: int
    title_vi: str
    title_en: str
    text: str | None
    certainty: str
    source: dict[str, Any]
    families: tuple[str, ...]
    shape: str = "presence"
    cues: CueList = CueList()
    core: tuple[str, ...] = ()
    rating: RatingRequirement | None = None
    imports: tuple[str, ...] = ()
    points: tuple[Point, ...] = ()
    generic_negation: CueList = CueList()
    parts: tuple[Part, ...] = ()
    min_parts: int = 0
    min_point_share: float = 0.0
    deadline: Deadline | None = None
    discipline_scope: CueList = CueList()
    note: str | None = None

    @property
    def wording(self) -> str | None:
        """The clause's verbatim wording."""
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "clause": self.clause,
            "title_vi": self.title_vi,
            "title_en": self.title_en,
            "text": self.text,
            "certainty": self.certainty,
            "source": self.source,
            "families": list(self.families),
            "shape": self.shape,
            "imports": list(self.imports),
            "points": [
                {"id": point.id, "point": point.point, "title_vi": point.title_vi, "text": point.text}
                for point in self.points
            ],
            "rating": self.rating.label_vi if self.rating else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class Family:
    """A kind of requirement shared by several articles (e.g. 'no one disciplined')."""

    key: str
    title_vi: str
    title_en: str
    polarity: str  # presence | absence
    keywords: CueList = field(default_factory=CueList)

    def matches(self, text: str) -> list[str]:
        """The keyword surfaces found in ``text`` (lower-cased)."""
        return [found.group(0) for found in as_cues(self.keywords).searches(text.lower()) if found]

    def occurs_in(self, text: str) -> bool:
        """Does any keyword occur in ``text``? (``bool(matches(text))``, stopping at the first.)"""
        return as_cues(self.keywords).found_in(text.lower())


def normalize_subject(subject_type: str | None) -> str | None:
    """Canonical subject type (``co_quan``…) from any alias, or ``None``."""
    if not subject_type:
        return None
    return SUBJECT_ALIASES.get(subject_type.strip().lower().replace("-", "_").replace(" ", "_"))


@cache
def law() -> dict[int, dict[str, Any]]:
    """TT 124/2021/TT-BCA Điều 1–12 verbatim (``corpora/tt124/law.json``): article number → article."""
    return {item["article"]: item for item in load_json("tt124", "law.json")["articles"]}


def law_text(article: int, clause: int, point: str | None = None) -> str | None:
    """The verbatim words of a clause or point, or None when the law has no such place."""
    found = next(
        (item for item in law().get(article, {}).get("clauses", []) if item["clause"] == clause), None
    )
    if found is None:
        return None
    if point is None:
        return found["text"]
    return next((item["text"] for item in found["points"] if item["point"] == point), None)


@cache
def rating_scale() -> tuple[tuple[int, str, CueList], ...]:
    """``(level, name, patterns)`` from "không hoàn thành nhiệm vụ" (0) to "xuất sắc" (3)."""
    return tuple(
        (item["level"], item["name"], cue_list(item["patterns"]))
        for item in load_json("tt124", "criteria.json")["rating_scale"]
    )


@cache
def rating_pending() -> CueList:
    """Words saying a rating or title is still proposed or awaiting review ("đang chờ kết quả bình xét")."""
    return cue_list(load_json("tt124", "criteria.json")["rating_pending"]["patterns"])


def _rating(item: dict[str, Any] | None) -> RatingRequirement | None:
    if not item:
        return None
    level = next(level for level, name, _ in rating_scale() if name == item["min"])
    label = item["min"] + (f" hoặc “{item['or_title']}”" if item.get("or_title") else "") + " trở lên"
    return RatingRequirement(minimum=level, label_vi=label)


def _points(item: dict[str, Any]) -> tuple[Point, ...]:
    kinds = incident_kinds()
    points = []
    for point in item.get("points", []):
        _, article, clause, key = point["id"].split(".")
        source_article, source_clause = (6, 3) if item.get("imports_points") else (int(article), int(clause))
        points.append(
            Point(
                id=point["id"],
                point=key,
                title_vi=point["title_vi"],
                text=law_text(source_article, source_clause, key),
                kind=kinds[point["kind"]],
            )
        )
    return tuple(points)


@cache
def criteria() -> tuple[Criterion, ...]:
    """Every criterion of Art. 4–7 in the law's order."""
    data = load_json("tt124", "criteria.json")
    return tuple(
        Criterion(
            id=item["id"],
            article=item["article"],
            clause=item["clause"],
            title_vi=item["title_vi"],
            title_en=item["title_en"],
            text=law_text(item["article"], item["clause"]),
            certainty=data["source"]["certainty"],
            source={**data["source"], "place": f"Điều {item['article']} khoản {item['clause']}"},
            families=tuple(item.get("families", [])),
            shape=item.get("shape", "presence"),
            cues=cue_list(item.get("cues")),
            core=tuple(item.get("core", [])),
            rating=_rating(item.get("rating")),
            imports=tuple(item.get("imports", [])),
            points=_points(item),
            generic_negation=cue_list(item.get("generic_negation")),
            parts=tuple(
                Part(part["key"], part["label_vi"], cue_list(part["cues"])) for part in item.get("parts", [])
            ),
            min_parts=int(item.get("min_parts", 0)),
            min_point_share=float(item.get("min_point_share", 0.0)),
            deadline=Deadline(
                item["deadline"]["by_month"], item["deadline"]["label_vi"], cue_list(item["deadline"]["cues"])
            )
            if item.get("deadline")
            else None,
            discipline_scope=cue_list(item.get("discipline_scope")),
            note=item.get("note"),
        )
        for item in data["criteria"]
    )


@cache
def shared_cues() -> dict[str, Any]:
    """Cues every clause reads: recognition of the whole standard, self-declared failures, occurrence and
    negation of events (``corpora/tt124/criteria.json``)."""
    data = load_json("tt124", "criteria.json")
    declared = data["self_declared"]
    return {
        "recognition": cue_list(data["recognition"]),
        "declared_fail": cue_list(declared["fail"]),
        "subunit_nouns": tuple(declared["subunit_nouns"]),
        "occurrence": cue_list([item for item in data["occurrence"] if "{cue}" not in item]),
        "occurrence_around": tuple(item for item in data["occurrence"] if "{cue}" in item),
        "prevention": cue_list(data["prevention"]),
        "negation": cue_list(data["negation"]),
    }


@cache
def _scope() -> tuple[tuple[str, CueList, str], ...]:
    data = load_json("tt124", "criteria.json")["scope"]["outside"]
    return tuple((item["subject_type"], cue_list(item["patterns"]), item["reason_vi"]) for item in data)


def outside_scope(subject_type: str | None, unit_text: str) -> str | None:
    """Why a unit is outside TT124 (Điều 1 khoản 2 điểm b: primary schools, kindergartens, small
    enterprises, armed forces), judged from the words naming it; None when it is in scope."""
    for kind, patterns, reason in _scope():
        if kind == normalize_subject(subject_type) and any(pattern.search(unit_text) for pattern in patterns):
            return reason
    return None


def renamed_ids() -> dict[str, str]:
    """Old criterion id → new id, over every recorded renumbering (for stored decisions)."""
    renamed: dict[str, str] = {}
    for migration in load_json("tt124", "criteria.json").get("migrations", []):
        renamed.update(migration["renamed"])
    return renamed


@cache
def families() -> dict[str, Family]:
    """The criterion families with compiled keyword rules."""
    data = load_json("tt124", "families.json")["families"]
    return {
        key: Family(
            key=key,
            title_vi=item["title_vi"],
            title_en=item["title_en"],
            polarity=item["polarity"],
            keywords=cue_list(item["keywords"]),
        )
        for key, item in data.items()
    }


def family_keys() -> list[str]:
    """Family names in a stable order (the classifier's label order)."""
    return sorted(families())


@cache
def articles() -> dict[int, dict[str, Any]]:
    """Art. 4–7: which subject types each governs, with the law's title and lead-in."""
    return {
        item["article"]: {
            **item,
            "title_vi": law()[item["article"]]["title"],
            "lead_in": law()[item["article"]]["lead_in"],
            "clause_count": len(law()[item["article"]]["clauses"]),
        }
        for item in load_json("tt124", "criteria.json")["articles"]
    }


@lru_cache(maxsize=64)
def article_for(subject_type: str | None) -> int | None:
    """The TT124 article for a subject type: khu_dan_cu → 4, xa → 5, co_quan/doanh_nghiep → 6, csgd → 7
    (remembered: every sentence asks for its document's and for the units it may address)."""
    subject = normalize_subject(subject_type)
    for number, article in articles().items():
        if subject in article["subject_types"]:
            return number
    return None


def by_id(criterion_id: str) -> Criterion:
    try:
        return _by_id()[criterion_id]
    except KeyError:
        raise KeyError(criterion_id) from None


@cache
def _by_id() -> dict[str, Criterion]:
    return {item.id: item for item in criteria()}


def for_article(article: int) -> list[Criterion]:
    return list(_by_article().get(article, ()))


@cache
def _by_article() -> dict[int, tuple[Criterion, ...]]:
    """Each article's criteria in the law's order, listed once (every sentence asks for its article's)."""
    found: dict[int, list[Criterion]] = {}
    for item in criteria():
        found.setdefault(item.article, []).append(item)
    return {article: tuple(items) for article, items in found.items()}


def for_subject(subject_type: str | None) -> list[Criterion]:
    article = article_for(subject_type)
    return for_article(article) if article else []


def criteria_for_family(family: str, article: int) -> list[Criterion]:
    """The criteria of ``article`` that ``family`` is part of."""
    return [item for item in _by_article().get(article, ()) if family in item.families]


@cache
def status_cues() -> dict[str, Any]:
    """Compiled status cues (target, forecast, achievement, negation, occurrence, shortfall)."""
    data = load_json("tt124", "status_cues.json")
    compiled: dict[str, Any] = {}
    for key, value in data.items():
        if key == "description":
            continue
        if isinstance(value, list):
            compiled[key] = cue_list(value)
        elif isinstance(value, dict):
            compiled[key] = {name: cue_list(patterns) for name, patterns in value.items()}
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
