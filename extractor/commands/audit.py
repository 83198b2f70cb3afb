"""``minhchung audit FILE...|DIR``: what a unit's dossier is missing (criteria, documents, deadlines);
as a readable table, JSON, or an XLSX/CSV table for the auditor (one row per finding)."""

from __future__ import annotations

import argparse
import json
import sys

from extractor import vocabulary
from extractor.commands._shared import documents, help_options, writable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="rà soát hồ sơ còn thiếu / audit missing criteria and documents",
        description="Criteria with no, partial or contradicting evidence, plan targets never reported on, "
        "missing dossier documents and missed deadlines, per unit and year.",
        **help_options(),
    )
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR")
    parser.add_argument("--subject-type", choices=vocabulary.keys("subject_type"))
    parser.add_argument("--format", choices=("table", "json", "xlsx", "csv"), default="table")
    parser.add_argument(
        "--out", help="output file (xlsx: default audit.xlsx; csv/json/table: standard output)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from extractor.criteria import sources
    from extractor.criteria.audit import audit, table
    from extractor.forms import audit_table

    out = writable(args.out or "audit.xlsx") if args.out or args.format == "xlsx" else None
    results = [sources.load(path, args.subject_type) for path in documents(args.paths)]
    report = audit(results)
    if args.format == "xlsx":
        audit_table.write_xlsx(report, out)
        print(f"{out}: {sum(1 for _ in audit_table.findings(report))} vấn đề / findings", file=sys.stderr)
        return 0
    if args.format == "csv":
        if out:
            with open(out, "w", encoding="utf-8-sig", newline="") as handle:
                audit_table.write_csv(report, handle)
        else:
            audit_table.write_csv(report, sys.stdout)
        return 0
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else table(report)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0
