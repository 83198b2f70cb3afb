"""``minhchung extract FILE...``: print each file's document info, evidence and criteria.

JSON (one object for one file; JSON Lines for several), or a table for a person.
A file that cannot be read prints a typed error (``{"source", "error": {...}}`` in JSON)
and the others go on; the exit code is that of the first failure.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="tìm minh chứng trong tệp (PDF, DOCX, TXT…) / extract evidence from files"
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.add_argument("--include-text", action="store_true", help="add the normalized text under document.text")
    parser.add_argument("--kind", action="append", help="only evidence of this kind (repeatable)")
    parser.set_defaults(func=run)


def _print_table(result, out) -> None:
    from extractor.render import evidence_table

    out.write(evidence_table(result))


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from extractor.errors import MinhChungError
    from extractor.pipeline import extract_file

    exit_code = 0
    files = args.files
    show_progress = len(files) > 1
    for path in tqdm(files, desc="extract", unit="tệp", disable=not show_progress, file=sys.stderr):
        try:
            result = extract_file(path, include_text=args.include_text)
        except MinhChungError as error:
            error.source = error.source or path
            exit_code = exit_code or error.exit_code
            if args.format == "json":
                print(json.dumps({"source": path, "error": error.to_dict()}, ensure_ascii=False))
            else:
                print(f"{path}: {error.message()}", file=sys.stderr)
            continue
        if args.kind:
            result.evidence = [item for item in result.evidence if item.kind in args.kind]
        if args.format == "json":
            indent = 2 if len(files) == 1 else None
            print(json.dumps(result.to_dict(include_text=args.include_text), ensure_ascii=False, indent=indent))
        else:
            _print_table(result, sys.stdout)
    return exit_code
