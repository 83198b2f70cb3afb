"""``minhchung train``: rebuild the criterion classifier and its model card from corpora/criteria_sentences."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="huấn luyện lại bộ phân loại tiêu chí / retrain the criterion classifier"
    )
    parser.add_argument("--out", help="output directory (default: models/criteria)")
    parser.add_argument("--json", action="store_true", help="print the full cross-validation report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from extractor.criteria.training import train

    report = train(Path(args.out) if args.out else None)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"sentences: {report['n_sentences']} (seed {report['n_seed']}, negatives {report['n_negative']})")
    print(f"CV macro-F1 (all, grouped 5-fold): {report['model']['macro_f1']:.3f}")
    repeats = report["repeated_macro_f1"]
    print(
        f"  over {len(repeats)} fold shuffles: mean {sum(repeats) / len(repeats):.3f} ({', '.join(map(str, repeats))})"
    )
    print(f"CV macro-F1 (seed sentences): {report['model_on_seed_sentences']['macro_f1']:.3f}")
    print(f"keyword rules alone macro-F1: {report['keyword_rules_only']['macro_f1']:.3f}")
    print(f"status rules accuracy: {report['status_rules']['accuracy']}")
    for family, item in report["model"]["per_family"].items():
        print(
            f"  {family:32s} P={item['precision']:.2f} R={item['recall']:.2f} F1={item['f1']:.2f} n={item['support']}"
        )
    return 0
