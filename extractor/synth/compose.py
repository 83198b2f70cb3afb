"""Plan synthetic dossiers (the ground truth) and compose their documents as paragraphs.

A *dossier* is one unit's documents for one year. ``plan_units`` draws units across
provinces and kinds; ``plan_dossier`` decides what is true for a unit and year (criteria met
or contradicted, counts, score, which documents exist); ``compose`` writes each document's
paragraphs from the templates in ``corpora/synth/``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corpora import load_json
from extractor.synth import writing

YEARS = range(2021, 2027)
DOC_ORDER = ("ke_hoach", "dang_ky", "bao_cao", "bien_ban", "to_trinh")
HEADER_LINE = 24  # characters of an upper-case header line that fit the left column at 12 pt


@dataclass
class Unit:
    province: str
    subject_type: str
    name: str  # as it appears in text, e.g. "Sở Tư pháp", "Bản Hìn, xã Chiềng Mung"
    commune: str
    issuer_lines: list[str]
    abbr: str


@dataclass
class Paragraph:
    style: str  # header, title, subtitle, heading, para, noi_nhan, signature
    text: str
    right: str = ""  # header only: the right-hand column


@dataclass
class Dossier:
    unit: Unit
    year: int
    criteria: dict[str, str]  # criterion id → met / not_met
    counts: dict[str, int]
    listeners: int
    score: int
    documents: list[str]
    missing: list[str]
    layout: str
    written: dict[str, str] = field(default_factory=dict)  # count name → surface as written in the report
    dien_hinh: bool = False  # states it meets the "điển hình" criteria (written in the biên bản)
    habits: set[str] = field(default_factory=set)

    @property
    def overall(self) -> str:
        return "dat" if all(status == "met" for status in self.criteria.values()) else "chua_dat"

    def truth(self, files: dict[str, str]) -> dict[str, Any]:
        has_report = "bao_cao" in self.documents
        return {
            "province": self.unit.province,
            "unit": self.unit.name,
            "subject_type": self.unit.subject_type,
            "year": self.year,
            "layout": self.layout,
            "documents": files,
            "missing_documents": self.missing,
            "criteria": self.criteria,
            "contradicted": sorted(k for k, v in self.criteria.items() if v == "not_met"),
            "criteria_written": has_report,
            "overall": self.overall,
            "counts": dict(self.counts) if has_report else {},
            "counts_written": dict(self.written) if has_report else {},
            "listeners": self.listeners if has_report else None,
            "score": self.score if "bien_ban" in self.documents else None,
            "band": writing.band(self.score) if "bien_ban" in self.documents else None,
            "dien_hinh": self.dien_hinh and "bien_ban" in self.documents,
            "habits": sorted(self.habits),
        }


def _templates() -> dict[str, Any]:
    return load_json("synth", "templates.json")


def _vocab() -> dict[str, Any]:
    return load_json("synth", "vocab.json")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isalpha()).upper()


def _header_name(template: str, name: str) -> list[str]:
    """The unit's name as a clerk types it in the header: upper case, a long name broken by hand
    between its kind and its place ("TRƯỜNG TRUNG HỌC CƠ SỞ" / "CỬA LÒ"), never inside a phrase."""
    kind = template.split("{", 1)[0].strip()
    if len(name) <= HEADER_LINE or not kind or kind == name:
        return [name.upper()]
    return [kind.upper(), name[len(kind) :].strip().upper()]


def _make_unit(rng: random.Random, province: dict[str, Any], subject_type: str) -> Unit:
    vocab = _vocab()
    commune = rng.choice(province["communes"])
    place = commune.split(" ", 1)[1]
    pname = province["name"]
    if subject_type == "khu_dan_cu":
        village = rng.choice(province["villages"])
        name = f"{village[0].upper()}{village[1:]}, {commune}"
        lines = [f"UBND {commune.upper()}", village.upper()]
        abbr = "BQL"
    elif subject_type == "xa":
        name = f"{commune[0].upper()}{commune[1:]}"
        lines = ["ỦY BAN NHÂN DÂN", commune.upper()]
        abbr = "UBND"
    elif subject_type == "co_quan":
        name = rng.choice(vocab["co_quan"])
        lines = [f"UBND TỈNH {pname.upper()}", name.upper()]
        abbr = vocab["co_quan_abbr"].get(name, _initials(name))
    elif subject_type == "doanh_nghiep":
        template = rng.choice(vocab["doanh_nghiep"])
        name = template.format(place=place, province=pname)
        lines = _header_name(template, name)
        abbr = "CT"
    else:
        template = rng.choice(vocab["co_so_giao_duc"])
        name = template.format(place=place, province=pname)
        lines = [f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {pname.upper()}", *_header_name(template, name)]
        abbr = _initials(name)[:6]
    return Unit(pname, subject_type, name, commune, lines, abbr)


def plan_units(rng: random.Random, count: int) -> list[Unit]:
    """``count`` distinct units spread over provinces and kinds (weights from the templates)."""
    subjects = _templates()["subjects"]
    kinds = list(subjects)
    weights = [subjects[k]["weight"] for k in kinds]
    units: dict[tuple[str, str], Unit] = {}
    attempts = 0
    while len(units) < count and attempts < count * 50:
        attempts += 1
        province = rng.choice(_vocab()["provinces"])
        unit = _make_unit(rng, province, rng.choices(kinds, weights)[0])
        units.setdefault((unit.province, unit.name), unit)
    return list(units.values())


def criterion_ids(subject_type: str) -> list[str]:
    templates = _templates()
    article = templates["subjects"][subject_type]["article"]
    return [
        templates["criterion_id"].format(article=article, n=item["n"])
        for item in templates["criteria"][str(article)]
    ]


def plan_dossier(
    rng: random.Random, unit: Unit, year: int, *, p_missing: float, p_contradiction: float, layout: str
) -> Dossier:
    """Decide the truth for one unit and year."""
    templates = _templates()
    article = str(templates["subjects"][unit.subject_type]["article"])
    criteria = {cid: "met" for cid in criterion_ids(unit.subject_type)}
    breakable = [
        templates["criterion_id"].format(article=article, n=item["n"])
        for item in templates["criteria"][article]
        if "not_met" in item
    ]
    if breakable and rng.random() < p_contradiction:
        criteria[rng.choice(breakable)] = "not_met"
    spec = templates["counts"]
    counts = {name: rng.randint(*item["range"]) for name, item in spec.items()}
    listeners = rng.randint(*spec["tuyen_truyen"]["big_range"])
    documents = list(DOC_ORDER)
    missing: list[str] = []
    if rng.random() < p_missing:
        # A contradicted criterion needs its report to show; drop something else then.
        droppable = [d for d in documents if d != "bao_cao" or "not_met" not in criteria.values()]
        dropped = rng.choice(droppable)
        documents.remove(dropped)
        missing.append(dropped)
    met = "not_met" not in criteria.values()
    score = rng.randint(70, 98) if met else rng.randint(42, 69)
    dossier = Dossier(unit, year, criteria, counts, listeners, score, documents, missing, layout)
    rule = templates["dien_hinh"]
    dossier.dien_hinh = met and year >= rule["from_year"] and rng.random() < rule["share"]
    return dossier


def _issued(rng: random.Random, year: int, months: list[int]) -> date:
    return date(year, rng.randint(*months), rng.randint(1, 28))


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values)


def _values(rng: random.Random, dossier: Dossier) -> dict[str, Any]:
    unit = dossier.unit
    subject = _templates()["subjects"][unit.subject_type]
    models_text, habit = writing.number(dossier.counts["mo_hinh"], rng)
    dossier.habits.add(habit)
    n_criteria = len(dossier.criteria)
    n_met = sum(1 for s in dossier.criteria.values() if s == "met")
    plan_ref_day = date(dossier.year, 1, rng.randint(5, 25))
    return {
        "unit": unit.name,
        "year": dossier.year,
        "prev_year": dossier.year - 1,
        "province": unit.province,
        "commune": unit.commune,
        "kind_phrase": subject["kind_phrase"],
        "staff": subject["staff_phrase"],
        "staff_count": writing.dotted(rng.randint(25, 2500)),
        "models": models_text,
        "model": rng.choice(_vocab()["models"]),
        "pct": rng.randint(72, 96),
        "ratio": f"{n_met:02d}/{n_criteria:02d}",
        "plan_ref": rng.randint(5, 120),
        "plan_ref_date": writing.short_date(plan_ref_day, rng),
        "bad": "01",
        "receiver": _templates()["receivers"][unit.subject_type].format(
            commune=unit.commune, province=unit.province
        ),
    }


def _header(rng: random.Random, dossier: Dossier, doc_type: str, issued: date) -> list[Paragraph]:
    spec = _templates()["documents"][doc_type]
    unit = dossier.unit
    number = f"Số: {rng.randint(1, 250):02d}/{spec['code']}-{unit.abbr}"
    place = (
        unit.province if unit.subject_type in ("co_quan", "doanh_nghiep") else unit.commune.split(" ", 1)[1]
    )
    dated = f"{place}, {writing.long_date(issued, rng)}"
    left = "\n".join([*unit.issuer_lines, number])
    right = "\n".join(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", dated])
    return [Paragraph("header", left, right)]


def _signature(rng: random.Random, dossier: Dossier) -> Paragraph:
    vocab = _vocab()
    position = vocab["positions"][dossier.unit.subject_type]
    prefix = rng.choice(vocab["deputy_prefix"])
    lines = [f"{prefix}{position}".strip(), "(Đã ký)", rng.choice(vocab["signers"])]
    return Paragraph("signature", "\n".join(lines))


def _noi_nhan(values: dict[str, Any], subject_type: str) -> Paragraph:
    templates = _templates()
    receiver = templates["receivers"][subject_type].format(**values)
    return Paragraph("noi_nhan", "\n".join(line.format(receiver=receiver) for line in templates["noi_nhan"]))


def _preamble(values: dict[str, Any]) -> list[Paragraph]:
    year = values["year"]
    out = []
    for item in _templates()["preamble"]:
        if year < item.get("min_year", 0) or year > item.get("max_year", 9999):
            continue
        out.append(Paragraph("para", _fill(item["text"], values)))
    return out


def _criterion_items(dossier: Dossier) -> list[tuple[str, dict[str, Any]]]:
    templates = _templates()
    article = str(templates["subjects"][dossier.unit.subject_type]["article"])
    return [
        (templates["criterion_id"].format(article=article, n=item["n"]), item)
        for item in templates["criteria"][article]
    ]


def _count_sentences(rng: random.Random, dossier: Dossier, year: int) -> list[str]:
    spec = _templates()["counts"]
    sentences = []
    for name, item in spec.items():
        value = dossier.counts[name]
        if value == 0 and "zero" in item:
            sentences.append(item["zero"])
            dossier.habits.add("zero_claim")
            continue
        text, habit = writing.number(value, rng)
        dossier.habits.add(habit)
        dossier.written[name] = text
        listeners = writing.dotted(dossier.listeners)
        sentences.append(_fill(item["actual"], {"n": text, "listeners": listeners, "year": year}))
    return sentences


def compose(rng: random.Random, dossier: Dossier, doc_type: str) -> list[Paragraph]:
    """The paragraphs of one document of ``dossier``."""
    spec = _templates()["documents"][doc_type]
    values = _values(rng, dossier)
    issued_year = dossier.year + 1 if doc_type == "bien_ban" and rng.random() < 0.2 else dossier.year
    issued = _issued(rng, issued_year, spec["month"] if issued_year == dossier.year else [1, 1])
    values["date_long_lower"] = writing.long_date(issued, rng)
    out = _header(rng, dossier, doc_type, issued)
    out.append(Paragraph("title", spec["title"]))
    out.append(Paragraph("subtitle", _fill(spec["subject_line"], values)))
    criteria = _criterion_items(dossier)
    if doc_type == "ke_hoach":
        out += _preamble(values)
        out.append(Paragraph("para", f"{values['unit']} xây dựng Kế hoạch thực hiện như sau:"))
        out.append(Paragraph("heading", spec["sections"][0]))
        out += [Paragraph("para", _fill(t, values)) for t in spec["purpose"]]
        out.append(Paragraph("heading", spec["sections"][1]))
        target = writing.number(max(3, dossier.counts["tuyen_truyen"]), rng)[0]
        counts = _templates()["counts"]
        out.append(
            Paragraph("para", _fill(counts["tuyen_truyen"]["target"], {"n": target, "year": dossier.year}))
        )
        q = writing.quarter(1, dossier.year, rng)
        out.append(Paragraph("para", f"Hoàn thành việc đăng ký phấn đấu trong {q}."))
        for index, (_cid, item) in enumerate(criteria, start=1):
            out.append(Paragraph("para", f"{index}. Tiêu chí {index}: " + _fill(item["plan"], values)))
        out.append(Paragraph("heading", spec["sections"][2]))
        out += [Paragraph("para", _fill(t, values)) for t in spec["closing"]]
    elif doc_type == "dang_ky":
        out += [Paragraph("para", _fill(t, values)) for t in spec["body"]]
        for index, (_cid, item) in enumerate(criteria, start=1):
            out.append(Paragraph("para", f"{index}. " + _fill(item["plan"], values)))
        out += [Paragraph("para", _fill(t, values)) for t in spec["closing"]]
    elif doc_type == "bao_cao":
        out += _preamble(values)
        out.append(Paragraph("para", f"{values['unit']} báo cáo kết quả thực hiện như sau:"))
        out.append(Paragraph("heading", spec["sections"][0]))
        out += [Paragraph("para", _fill(t, values)) for t in spec["situation"]]
        out.append(Paragraph("heading", spec["sections"][1]))
        for index, (cid, item) in enumerate(criteria, start=1):
            key = "not_met" if dossier.criteria[cid] == "not_met" else "met"
            if key == "not_met":
                dossier.habits.add("contradiction")
            out.append(Paragraph("para", f"{index}. Tiêu chí {index}: " + _fill(item[key], values)))
        out.append(Paragraph("heading", spec["sections"][2]))
        out += [Paragraph("para", "- " + s) for s in _count_sentences(rng, dossier, dossier.year)]
        out.append(Paragraph("heading", spec["sections"][3]))
        key = "self_met" if dossier.overall == "dat" else "self_not_met"
        out.append(Paragraph("para", _fill(spec[key], values)))
    elif doc_type == "to_trinh":
        out += [Paragraph("para", _fill(t, values)) for t in spec["body"]]
        key = "request_met" if dossier.overall == "dat" else "request_not_met"
        out.append(Paragraph("para", _fill(spec[key], values)))
        out += [Paragraph("para", _fill(t, values)) for t in spec["closing"]]
    else:  # bien_ban
        out += [Paragraph("para", _fill(t, values)) for t in spec["body"]]
        out.append(
            Paragraph(
                "para",
                _fill(spec["score_line"], {"score": dossier.score, "band": writing.band(dossier.score)}),
            )
        )
        key = "decision_met" if dossier.overall == "dat" else "decision_not_met"
        out.append(Paragraph("para", _fill(spec[key], values)))
        if dossier.dien_hinh:
            out.append(Paragraph("para", _fill(spec["dien_hinh"], values)))
        out += [Paragraph("para", _fill(t, values)) for t in spec["closing"]]
    out.append(_noi_nhan(values, dossier.unit.subject_type))
    out.append(_signature(rng, dossier))
    return out
