"""``minhchung synth``: write a synthetic corpus of dossiers (PDF/DOCX) with its ground truth."""

from __future__ import annotations

import argparse

from extractor.commands._shared import help_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="sinh bộ hồ sơ tổng hợp (PDF/DOCX) kèm đáp án truth.jsonl",
        description="Generate realistic synthetic dossiers (kế hoạch, bản đăng ký, báo cáo, biên bản) "
        "for varied units, provinces and years 2021–2026, with truth.jsonl alongside.",
        **help_options(),
    )
    parser.add_argument("--n", type=int, default=2000, help="number of documents (default 2000)")
    parser.add_argument("--dossiers", type=int, default=None, help="number of dossiers instead of --n")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="pdf,docx", help="comma list of pdf,docx (each file gets one)")
    parser.add_argument("--layout", default="mixed", choices=["mixed", "tree", "flat", "loose"])
    parser.add_argument("--missing", type=float, default=0.2, help="share of dossiers missing a document")
    parser.add_argument("--contradicted", type=float, default=0.2, help="share with a contradicted criterion")
    parser.add_argument("--workers", type=int, default=None, help="parallel LibreOffice conversions")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os

    from extractor.synth.generate import generate_corpus

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in ("pdf", "docx")]
    if bad or not formats:
        print(f"minhchung synth: định dạng không hỗ trợ / unsupported format: {', '.join(bad) or '(none)'}")
        return 2
    summary = generate_corpus(
        args.out,
        n_documents=None if args.dossiers else args.n,
        n_dossiers=args.dossiers,
        seed=args.seed,
        formats=formats,
        p_missing=args.missing,
        p_contradiction=args.contradicted,
        layout=args.layout,
        workers=args.workers or os.cpu_count() or 1,
        progress=True,
    )
    print(
        f"{summary.dossiers} hồ sơ, {summary.documents} văn bản ({summary.docx} DOCX, {summary.pdf} PDF"
        f"{f', {summary.pdf_failed} PDF lỗi' if summary.pdf_failed else ''}) → {summary.out_dir}"
    )
    print(
        f"DOCX: {summary.seconds_docx:.1f}s; PDF (LibreOffice): {summary.seconds_pdf:.1f}s; "
        f"ground truth: {summary.out_dir / 'truth.jsonl'}"
    )
    return 0
