"""``minhchung scorecard FILE...``: a pre-filled TT124 scorecard for one unit and year (JSON, XLSX, DOCX)."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scorecard", help="lập phiếu đánh giá tiêu chí TT124 / pre-fill a TT124 scorecard")
    parser.add_argument("files", nargs="+", metavar="FILE", help="documents of one unit and year (or extract JSON)")
    parser.add_argument("--unit", help="tên đơn vị")
    parser.add_argument("--year", type=int)
    parser.add_argument("--subject-type", choices=("khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc"))
    parser.add_argument("--format", choices=("json", "xlsx", "docx"), default="json")
    parser.add_argument("--out", help="output path (required for xlsx/docx unless printing JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from extractor.criteria import export, sources
    from extractor.criteria.scorecard import build

    results = [sources.load(path, args.subject_type) for path in sources.expand(args.files)]
    card = build(results, unit=args.unit, year=args.year, subject_type=args.subject_type)
    if args.format == "json":
        text = json.dumps(card, ensure_ascii=False, indent=2)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            print(text)
        return 0
    out = args.out or f"scorecard.{args.format}"
    path = export.to_xlsx(card, out) if args.format == "xlsx" else export.to_docx(card, out)
    print(f"{path}: {card['overall']['label_vi']}", file=sys.stderr)
    return 0
