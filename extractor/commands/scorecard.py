"""``minhchung scorecard FILE...``: a pre-filled TT124 scorecard for one unit and year (JSON, XLSX, DOCX)."""

from __future__ import annotations

import argparse
import json
import sys

from extractor import vocabulary
from extractor.commands._shared import documents, help_options, writable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scorecard",
        help="lập phiếu đánh giá tiêu chí TT124 / pre-fill a TT124 scorecard",
        description="Each criterion of the unit's article with its proposed status, the quotes that decide "
        "it (file, page) and a column for the assessor. DOCX: the printable form (A4, Nghị định "
        "30/2020/NĐ-CP layout, signatures); XLSX: the working sheet with a drop-down per criterion.",
        **help_options(),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="documents of one unit and year (or extract JSON)"
    )
    parser.add_argument("--unit", help="tên đơn vị")
    parser.add_argument("--year", type=int)
    parser.add_argument("--subject-type", choices=vocabulary.keys("subject_type"))
    parser.add_argument(
        "--issuer", help="cơ quan ban hành phiếu (DOCX, góc trái), e.g. 'Công an tỉnh Sơn La'"
    )
    parser.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="FILE",
        help="count this file in the proposal even though its unit, year or kind differs from "
        "the dossier's (repeatable)",
    )
    parser.add_argument("--format", choices=("json", "xlsx", "docx"), default="json")
    parser.add_argument(
        "--out",
        help="output path (xlsx/docx: default scorecard.xlsx / scorecard.docx; json: standard output)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from extractor.criteria import export, sources
    from extractor.criteria.scorecard import build
    from extractor.forms.text import clean_text

    out = writable(args.out or f"scorecard.{args.format}") if args.out or args.format != "json" else None
    results = [sources.load(path, args.subject_type) for path in documents(args.files)]
    unit = clean_text(args.unit) if args.unit else None
    accepted = frozenset(str(path) for path in documents(args.accept)) if args.accept else frozenset()
    card = build(results, unit=unit, year=args.year, subject_type=args.subject_type, accepted=accepted)
    for warning in card["warnings"]:
        excluded = warning["source"] in card["excluded_documents"]
        print(
            f"CẢNH BÁO {warning['source']}: {warning['message_vi']}"
            + (" Không tính vào đề xuất (dùng --accept để tính)." if excluded else ""),
            file=sys.stderr,
        )
    if args.format == "json":
        text = json.dumps(card, ensure_ascii=False, indent=2)
        if out:
            out.write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return 0
    assert out is not None  # not json: ``out`` was made above
    if args.format == "xlsx":
        path = export.to_xlsx(card, out)
    else:
        path = export.to_docx(card, out, issuer=clean_text(args.issuer) if args.issuer else None)
    print(f"{path}: {card['overall']['label_vi']}", file=sys.stderr)
    return 0
