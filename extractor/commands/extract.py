"""``minhchung extract FILE...``: print each file's document info, evidence and criteria (a folder: its documents).

JSON (one object for one file; JSON Lines for several), or a table for a person that fits the terminal.
A file that cannot be read — missing, unreadable, or one that crashes the pipeline — prints a typed error
(``{"source", "error": {...}}`` in JSON) and the others go on; the exit code is that of the first failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from extractor import vocabulary
from extractor.commands._shared import help_options, resume_collector

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="tìm minh chứng trong tệp (PDF, DOCX, TXT…) / extract evidence from files",
        description="Evidence (legal references, dates, counts, criterion claims) with page and span, "
        "and the TT124 criteria each supports. Several files: one JSON object per line; a file "
        "that fails gets an error object and the others go on.",
        **help_options(),
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.add_argument(
        "--include-text", action="store_true", help="add the normalized text under document.text"
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=vocabulary.keys("evidence_kind"),
        help="only evidence of this kind (repeatable)",
    )
    parser.set_defaults(func=run, loads_pipeline=True)


def _extract(path: str, include_text: bool):
    """The file's result, or raise a typed error (a crash becomes :class:`InternalError`)."""
    from pathlib import Path

    from extractor.errors import InputNotFoundError, InternalError, MinhChungError
    from extractor.pipeline import extract_file

    if not Path(path).exists():
        raise InputNotFoundError(source=path)
    if Path(path).is_dir():  # a folder with no document in it (folders are expanded in ``run``)
        raise InputNotFoundError("no document (PDF, DOCX, DOC, ODT, RTF, TXT) in this folder", source=path)
    try:
        return extract_file(path, include_text=include_text)
    except MinhChungError:
        raise
    except Exception as error:  # one bad file must not stop the others
        log.debug("extract %s crashed", path, exc_info=True)
        raise InternalError(f"{type(error).__name__}: {error}", source=path) from error


def _documents(names: list[str]) -> list[str]:
    """The files named; a folder gives its documents (as ``scorecard`` and ``audit`` read folders, stored JSON
    results aside), or itself when it has none."""
    from pathlib import Path

    from extractor.criteria.sources import expand

    found: list[str] = []
    for name in names:
        if Path(name).is_dir():
            inside = [str(path) for path in expand([name]) if path.suffix.lower() != ".json"]
            found += inside or [name]
        else:
            found.append(name)
    return found


def run(args: argparse.Namespace) -> int:
    from extractor.errors import MinhChungError

    exit_code = 0
    files = _documents(args.files)
    failed = 0
    show_progress = len(files) > 1 and not args.quiet
    progress = files
    if show_progress:  # tqdm and the table printer are imported only when used
        from tqdm import tqdm

        progress = tqdm(files, desc="extract", unit="tệp", file=sys.stderr)
    for path in progress:
        try:
            result = _extract(path, args.include_text)
        except MinhChungError as error:
            error.source = error.source or path
            exit_code = exit_code or error.exit_code
            failed += 1
            if args.format == "json":
                print(json.dumps({"source": path, "error": error.to_dict()}, ensure_ascii=False), flush=True)
            print(f"minhchung extract: {error.message()}", file=sys.stderr)
            continue
        finally:
            resume_collector()  # the first document has loaded the pipeline
        if args.kind:
            result.evidence = [item for item in result.evidence if item.kind in args.kind]
        if args.format == "json":
            indent = 2 if len(files) == 1 else None
            print(
                json.dumps(result.to_dict(include_text=args.include_text), ensure_ascii=False, indent=indent),
                flush=True,
            )
        else:
            from extractor.forms.terminal import print_table

            print_table(result, sys.stdout)
        log.info("%s: %d evidence", path, len(result.evidence))
    if failed and len(files) > 1:
        print(f"minhchung extract: {failed}/{len(files)} tệp lỗi / files failed", file=sys.stderr)
    return exit_code
