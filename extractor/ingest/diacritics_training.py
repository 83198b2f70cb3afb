"""Build the syllable model that puts diacritics back into Vietnamese typed without them.

The model is counted from Vietnamese text the project already holds with its diacritics: the law and the
phrases of the TT124 data and the lexicons (``corpora/tt124/``, ``corpora/lexicons/``), the development texts of the evidence gold (``corpora/gold*/``) and of the
criteria gold (``corpora/gold_criteria/dev``). The five seeds of ``corpora/seeds`` — on which the
no-diacritics variant is measured — are left out, and so is any text that shares long passages with
them, so that the measure is on text the model has not seen. The criteria gold's blind sets are left out
too (they are never read while building anything).

For every bare syllable (``"nguoi"``) it keeps the full forms seen and how often (``{"người": 812}``), and
for pairs of neighbouring syllables the full pair counts; :mod:`extractor.ingest.diacritics` decodes a
sentence with them (bigram Viterbi). Run it again after the corpora grow:

    python -m extractor.ingest.diacritics_training      # writes models/diacritics/syllables.json
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import corpora
from extractor.ingest.diacritics import strip_diacritics
from models import MODELS_DIR

MODEL_PATH = MODELS_DIR / "diacritics" / "syllables.json"
# the same passage in a training text and a seed: 8 words in a row
SHARED_NGRAM = 8
MAX_SHARED_SHARE = 0.2
MIN_PAIR_COUNT = 1

SYLLABLE = re.compile(r"[^\W\d_]+")
# a run of syllables that belong together: words separated by single spaces only
PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def syllable_runs(text: str) -> Iterator[list[str]]:
    """Runs of lower-case syllables not broken by punctuation, digits or line ends."""
    for match in PHRASE.finditer(unicodedata.normalize("NFC", text)):
        yield match.group().lower().split(" ")


def _texts_in(folder: str) -> Iterator[tuple[str, str]]:
    root = corpora.path(folder)
    for file in sorted(root.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            yield f"{folder}/{file.name}", data["text"]
    for file in sorted(root.glob("*.txt")):
        yield f"{folder}/{file.name}", file.read_text(encoding="utf-8")


def _strings(node: object) -> Iterator[str]:
    """Every phrase of a JSON document (strings of two words or more)."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str) and " " in node:
        yield node


def _data_texts() -> Iterator[tuple[str, str]]:
    """The law and the phrases of the TT124 data and the lexicons, one text per file (a phrase a line)."""
    for folder in ("tt124", "lexicons"):
        for file in sorted(corpora.path(folder).glob("*.json")):
            yield f"{folder}/{file.name}", "\n".join(_strings(json.loads(file.read_text(encoding="utf-8"))))


def training_texts() -> list[tuple[str, str]]:
    """``(name, text)`` of every text the model is counted from (seeds and their near copies left out)."""
    seed_grams = {
        gram
        for file in sorted(corpora.path("seeds").glob("*.txt"))
        for gram in _ngrams(file.read_text(encoding="utf-8"))
    }
    candidates: list[tuple[str, str]] = [*_data_texts()]
    for folder in ("gold", "gold_holdout", "gold_holdout2", "gold_holdout3", "gold_criteria/dev"):
        candidates.extend(_texts_in(folder))
    kept = []
    for name, text in candidates:
        grams = _ngrams(text)
        if grams and len(grams & seed_grams) / len(grams) > MAX_SHARED_SHARE:
            continue
        kept.append((name, text))
    return kept


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = SYLLABLE.findall(text.lower())
    return {tuple(words[i : i + SHARED_NGRAM]) for i in range(len(words) - SHARED_NGRAM + 1)}


def count(texts: Iterable[str]) -> dict[str, object]:
    """The model: full forms per bare syllable, and full pairs seen at least ``MIN_PAIR_COUNT`` times."""
    forms: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for run in syllable_runs(text):
            forms.update(run)
            pairs.update(zip(run, run[1:], strict=False))
    by_bare: dict[str, dict[str, int]] = {}
    for form, n in forms.items():
        by_bare.setdefault(strip_diacritics(form), {})[form] = n
    return {
        "description": __doc__.split("\n\n")[0] if __doc__ else "",
        "forms": {
            bare: dict(sorted(full.items(), key=lambda kv: -kv[1])) for bare, full in sorted(by_bare.items())
        },
        "pairs": {f"{a} {b}": n for (a, b), n in sorted(pairs.items()) if n >= MIN_PAIR_COUNT},
    }


def build(path: Path = MODEL_PATH) -> str:
    """Count the model from :func:`training_texts`, write it to ``path`` and say what it holds."""
    texts = training_texts()
    model = count(text for _, text in texts)
    forms, pairs = len(model["forms"]), len(model["pairs"])  # type: ignore[arg-type]  # dicts, built above
    model["trained_on"] = [name for name, _ in texts]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return f"{path}: {forms} bare syllables, {pairs} pairs, {len(texts)} texts"


if __name__ == "__main__":
    print(build(), file=sys.stderr)
