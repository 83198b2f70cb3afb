"""CPU time of the four finders and the resolver over the seed texts (not a test: a measuring script).

    PYTHONPATH=$PWD .venv/bin/python tests/find/finders_speed.py [--repeat N]

Runs ``extractor.pipeline.extract_text`` (the finders' spaCy pipeline: legal references, dates,
counts, claims, resolution) on every normalized seed text ``N`` times after one warm-up run
(underthesea loaded, caches filled; the caches are cleared before each measured round so each
round pays its own segmentation) and prints characters per CPU-second (``time.process_time``,
which counts this process only, so the shared machine's load matters little).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from extractor.clean import normalize_plain
    from extractor.find.counts import noun_phrases
    from extractor.nlp import FindContext
    from extractor.pipeline import extract_text

    texts = [
        normalize_plain(p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "corpora" / "seeds").glob("*.txt"))
    ]
    context = FindContext(year=None, doc_type=None)
    for text in texts:
        extract_text(text, context)
    chars = sum(len(t) for t in texts)
    rounds = []
    evidence = 0
    for _ in range(args.repeat):
        noun_phrases.tagged.cache_clear()
        noun_phrases.segment.cache_clear()
        started = time.process_time()
        evidence = sum(len(extract_text(text, context)) for text in texts)
        rounds.append(time.process_time() - started)
    best, median = min(rounds), sorted(rounds)[len(rounds) // 2]
    print(f"{len(texts)} seeds, {chars} characters, {evidence} evidence items per round")
    print(
        f"CPU s per round: best {best:.3f}, median {median:.3f}; {chars / median:,.0f} characters per CPU-s (median)"
    )


if __name__ == "__main__":
    main()
