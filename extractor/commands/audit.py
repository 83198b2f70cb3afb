"""``minhchung audit FILE...|DIR``: what a unit's dossier is missing (criteria, documents, deadlines)."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="rà soát hồ sơ còn thiếu / audit missing criteria and documents")
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR")
    parser.add_argument("--subject-type", choices=("khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc"))
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from extractor.criteria import sources
    from extractor.criteria.audit import audit, table

    results = [sources.load(path, args.subject_type) for path in sources.expand(args.paths)]
    report = audit(results)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.format == "json" else table(report), end="")
    return 0
