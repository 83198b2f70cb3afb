"""Recall of legal references, dates and counts on real-world variants, against the clean file.

    PYTHONPATH=$PWD .venv/bin/python tests/robustness/measure_recall.py [SEED ...]

For each variant (:mod:`variants`: footnotes, TCVN3, no diacritics, tables) and format, the evidence
of the variant file is compared with that of the clean file of the same content: recall = share of
the clean file's items (a multiset of ``(doc_type, key)`` for references, ISO value for dates,
``(value, unit)`` for counts) that the variant also yields; for tables, ``count_label`` also asks
that the count stand after its row's label on its line ("Vụ phạm pháp hình sự: 3 vụ"). A file that fails counts as recall 0.
Run it with another checkout first on ``PYTHONPATH`` to get the "before" figures.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

KINDS = ("legal_ref", "date", "count", "count_label")
DEFAULT_SEEDS = ["xa-kon-gang-ke-hoach-tt124", "so-tu-phap-son-la-bao-cao-6-thang-2023"]


def _fold(value: object) -> object:
    from variants import strip_diacritics

    if isinstance(value, str):
        return strip_diacritics(value).lower()
    if isinstance(value, tuple):
        return tuple(_fold(v) for v in value)
    return value


def folded(keys: dict[str, Counter] | str) -> dict[str, Counter] | str:
    """Keys without diacritics: the no-diacritics variant is scored on what it can say ("12 buoi")."""
    if isinstance(keys, str):
        return keys
    out: dict[str, Counter] = {}
    for kind, counter in keys.items():
        out[kind] = Counter()
        for key, n in counter.items():
            out[kind][_fold(key)] += n
    return out


def evidence_keys(path: Path) -> dict[str, Counter] | str:
    """The comparable evidence of one file, or the error it raised."""
    from extractor.pipeline import extract_file

    try:
        result = extract_file(path, include_text=True)
    except Exception as error:  # noqa: BLE001 - a failure is a measured outcome
        return f"{type(error).__name__}"
    keys: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    for item in result.evidence:
        if item.kind == "legal_ref":
            keys["legal_ref"][(item.value.get("doc_type"), item.value.get("key"))] += 1
        elif item.kind == "date":
            keys["date"][item.value.get("iso")] += 1
        elif item.kind == "count":
            keys["count"][(item.value.get("value"), item.value.get("unit"))] += 1
            text = result.document.text if result.document else ""
            label = text[text.rfind("\n", 0, item.start) + 1 : item.start].strip(" :")
            keys["count_label"][(item.value.get("value"), item.value.get("unit"), label)] += 1
    return keys


def recall(clean: dict[str, Counter], variant: dict[str, Counter] | str, kind: str) -> tuple[int, int, int]:
    """(found, of, extra): items of the clean file found again, their number, and items the variant
    yields that the clean file does not (an STT number read as a count, a footnote mark in a year)."""
    total = sum(clean[kind].values())
    if isinstance(variant, str):
        return 0, total, 0
    found = sum(min(n, variant[kind][key]) for key, n in clean[kind].items())
    return found, total, sum(variant[kind].values()) - found


def measure(seeds: list[str]) -> dict[tuple[str, str], dict[str, tuple[int, int, int]]]:
    """``{(variant, format): {kind: (found, of, extra)}}`` summed over the seeds."""
    from variants import variant_pairs

    table: dict[tuple[str, str], dict[str, list[int]]] = {}
    cache: dict[Path, dict[str, Counter] | str] = {}
    for variant, fmt, clean_path, variant_path in variant_pairs(seeds):
        for path in (clean_path, variant_path):
            if path not in cache:
                cache[path] = evidence_keys(path)
        clean, found_keys = cache[clean_path], cache[variant_path]
        assert not isinstance(clean, str), f"the clean file {clean_path} failed: {clean}"
        if variant == "no_diacritics":
            clean, found_keys = folded(clean), folded(found_keys)
        row = table.setdefault((variant, fmt), {kind: [0, 0, 0] for kind in KINDS})
        for kind in KINDS if variant.startswith("table") else KINDS[:-1]:
            for index, value in enumerate(recall(clean, found_keys, kind)):
                row[kind][index] += value
    return {key: {kind: (v[0], v[1], v[2]) for kind, v in row.items()} for key, row in table.items()}


def main(argv: list[str]) -> int:
    seeds = argv or DEFAULT_SEEDS
    print(f"seeds: {', '.join(seeds)}")
    print("recall (found/of) and +extra items the clean file does not have")
    print(f"{'variant':<14} {'fmt':<5} " + " ".join(f"{kind:>22}" for kind in KINDS))
    for (variant, fmt), row in sorted(measure(seeds).items()):
        cells = " ".join(
            f"{f / n:>6.3f} ({f:>3}/{n:>3}) +{x:<3}" if n else f"{'-':>22}"
            for f, n, x in (row[k] for k in KINDS)
        )
        print(f"{variant:<14} {fmt:<5} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
