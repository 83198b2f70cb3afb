"""Generate a synthetic corpus of dossiers on disk with ``truth.jsonl`` alongside.

Layouts, as analysts receive them: ``tree`` (``<Tỉnh>/<Đơn vị>/<năm>/file``), ``flat``
(``<Tỉnh>/<Đơn vị>__<năm>/file``) and ``loose`` (``<Tỉnh>/chua-phan-loai/file``: unit and
year only in the documents). ``mixed`` draws one per dossier.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

from extractor.synth.compose import YEARS, Dossier, compose, plan_dossier, plan_units
from extractor.synth.render import to_pdf, write_docx

LAYOUT_WEIGHTS = {"tree": 0.8, "flat": 0.15, "loose": 0.05}
FILE_STEMS = {
    "ke_hoach": "Ke hoach",
    "dang_ky": "Ban dang ky",
    "bao_cao": "Bao cao ket qua",
    "bien_ban": "Bien ban hop",
    "to_trinh": "To trinh",
}


@dataclass
class SynthSummary:
    out_dir: Path
    dossiers: int
    documents: int
    docx: int
    pdf: int
    pdf_failed: int
    seconds_docx: float
    seconds_pdf: float


def _safe(name: str) -> str:
    return name.replace("/", "-").replace("\\", "-").strip()


def _folder(out_dir: Path, dossier: Dossier) -> Path:
    unit = dossier.unit
    base = out_dir / _safe(unit.province)
    if dossier.layout == "tree":
        return base / _safe(unit.name) / str(dossier.year)
    if dossier.layout == "flat":
        return base / f"{_safe(unit.name)}__{dossier.year}"
    return base / "chua-phan-loai"


def _file_name(dossier: Dossier, doc_type: str, index: int, ext: str) -> str:
    stem = FILE_STEMS[doc_type]
    if dossier.layout == "loose":
        return f"{stem} {dossier.unit.abbr} {index:05d}.{ext}"
    return f"{stem} {dossier.year}.{ext}"


def plan_corpus(
    rng: random.Random,
    *,
    n_documents: int | None,
    n_dossiers: int | None,
    p_missing: float,
    p_contradiction: float,
    layout: str,
) -> list[Dossier]:
    """Enough dossiers for ``n_documents`` documents (or exactly ``n_dossiers``)."""
    want_dossiers = n_dossiers or max(1, round((n_documents or 0) / 4.8))
    units = plan_units(rng, max(2, want_dossiers // 2))
    dossiers: list[Dossier] = []
    n_docs = 0
    years = list(YEARS)

    def done() -> bool:
        if n_dossiers is not None:
            return len(dossiers) >= n_dossiers
        return n_docs >= (n_documents or 0)

    while not done():
        for unit in units:
            span = rng.randint(1, min(4, len(years)))
            start = rng.randint(0, len(years) - span)
            for year in years[start : start + span]:
                chosen = (
                    layout
                    if layout != "mixed"
                    else rng.choices(list(LAYOUT_WEIGHTS), list(LAYOUT_WEIGHTS.values()))[0]
                )
                dossier = plan_dossier(
                    rng, unit, year, p_missing=p_missing, p_contradiction=p_contradiction, layout=chosen
                )
                dossiers.append(dossier)
                n_docs += len(dossier.documents)
                if done():
                    return dossiers
        seen = {(u.province, u.name) for u in units}
        fresh = [
            u
            for u in plan_units(rng, len(seen) + max(1, want_dossiers // 3))
            if (u.province, u.name) not in seen
        ]
        if not fresh:
            return dossiers
        units = fresh
    return dossiers


def generate_corpus(
    out_dir: str | Path,
    *,
    n_documents: int | None = 2000,
    n_dossiers: int | None = None,
    seed: int = 0,
    formats: tuple[str, ...] = ("docx", "pdf"),
    p_missing: float = 0.2,
    p_contradiction: float = 0.2,
    layout: str = "mixed",
    workers: int = 2,
    progress: bool = False,
) -> SynthSummary:
    """Write the corpus and ``truth.jsonl`` (one line per dossier) into ``out_dir``."""
    rng = random.Random(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dossiers = plan_corpus(
        rng,
        n_documents=n_documents,
        n_dossiers=n_dossiers,
        p_missing=p_missing,
        p_contradiction=p_contradiction,
        layout=layout,
    )
    started = time.perf_counter()
    pdf_jobs: list[tuple[Path, Path]] = []
    truths = []
    index = 0
    counts = {"docx": 0, "pdf": 0}
    iterator = dossiers
    if progress:
        from tqdm import tqdm

        iterator = tqdm(dossiers, desc="DOCX", unit="hồ sơ")
    for dossier in iterator:
        files: dict[str, str] = {}
        folder = _folder(out, dossier)
        for doc_type in dossier.documents:
            index += 1
            fmt = rng.choice(formats)
            target = folder / _file_name(dossier, doc_type, index, fmt)
            paragraphs = compose(rng, dossier, doc_type)
            if fmt == "pdf":
                staged = target.with_suffix(".docx.tmp")
                write_docx(paragraphs, staged)
                pdf_jobs.append((staged, target))
            else:
                write_docx(paragraphs, target)
            counts[fmt] += 1
            files[doc_type] = target.relative_to(out).as_posix()
        truths.append(dossier.truth(files))
    seconds_docx = time.perf_counter() - started
    started = time.perf_counter()
    failed = to_pdf(pdf_jobs, workers=workers)
    seconds_pdf = time.perf_counter() - started
    failed_set = {p.relative_to(out).as_posix() for p in failed}
    with (out / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for truth in truths:
            truth["documents"] = {k: v for k, v in truth["documents"].items() if v not in failed_set}
            handle.write(json.dumps(truth, ensure_ascii=False) + "\n")
    return SynthSummary(
        out,
        len(dossiers),
        index,
        counts["docx"],
        counts["pdf"] - len(failed),
        len(failed),
        seconds_docx,
        seconds_pdf,
    )
