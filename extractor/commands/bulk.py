"""``minhchung bulk`` (analyse a folder or .zip of dossiers) and ``minhchung bulk-bench`` (throughput)."""

from __future__ import annotations

import argparse

from extractor.bulk.batches import FILES_MODES
from extractor.commands._shared import help_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bulk",
        help="phân tích hàng loạt hồ sơ (thư mục hoặc .zip) → bảng, danh sách thiếu, báo cáo HTML",
        description="Analyse a folder tree or .zip of dossiers: evidence table (Parquet/CSV), unit × year × "
        "criterion workbook, missing criteria/documents, count trends, rates against province "
        "targets and a self-contained HTML report. Resumable: re-run to process only new or "
        "changed files.",
        **help_options(),
    )
    parser.add_argument("path", help="folder or .zip (<Tỉnh>/<Đơn vị>/<năm>/tệp, or <đơn vị>__<năm>)")
    parser.add_argument("--out", required=True, help="output folder (also holds the resume state)")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument(
        "--dask", metavar="ADDRESS", default=None, help="Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    parser.add_argument(
        "--dask-files",
        choices=FILES_MODES,
        default="auto",
        help="with --dask: 'shared' = workers read the files at the same path (this machine or a shared "
        "folder), 'ship' = send each file's bytes, 'auto' (default) = shared when every worker reads the "
        "first file with the same sha256",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds per file before it is recorded as an error 'timeout' (default 300; 0 = none)",
    )
    parser.add_argument("--force", action="store_true", help="ignore the resume state and process everything")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only errors")
    parser.set_defaults(func=run)

    bench = subparsers.add_parser(
        "bulk-bench",
        help="đo tốc độ phân tích hàng loạt (văn bản/giây, trang/giây, bộ nhớ)",
        description="Benchmark: documents/s and pages/s for 1 … N local workers and Dask LocalClusters, the "
        "speed-up vs 1 worker, CPU time and peak memory, on one synthetic corpus.",
        **help_options(),
    )
    bench.add_argument("--n", type=int, default=2000, help="documents in the synthetic corpus (default 2000)")
    bench.add_argument("--quick", action="store_true", help="a small corpus (40 documents) for a short run")
    bench.add_argument("--workers", default=None, help="comma list of worker counts (default: 1,<cores>)")
    bench.add_argument("--dask", default=None, help="comma list of Dask LocalCluster sizes, e.g. 2,4")
    bench.add_argument(
        "--dask-files",
        choices=FILES_MODES,
        default="auto",
        help="how Dask workers get the files (auto: by path on one machine)",
    )
    bench.add_argument("--corpus", default=None, help="reuse/keep the synthetic corpus in this folder")
    bench.add_argument("--formats", default="pdf,docx")
    bench.set_defaults(func=run_bench)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from extractor.bulk.run import run_bulk
    from extractor.errors import InputNotFoundError, OutputPathError, PartialFailureError

    if not Path(args.path).exists():
        raise InputNotFoundError(source=args.path)
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise OutputPathError("là một tệp, cần một thư mục / is a file, a folder is needed", source=args.out)
    summary = run_bulk(
        args.path,
        args.out,
        workers=args.workers,
        dask_address=args.dask,
        dask_files=args.dask_files,
        show_bar=not args.quiet,
        force=args.force,
        timeout=args.timeout or None,
    )
    print(
        f"{summary.files} tệp: {summary.processed} xử lý, {summary.skipped} đã có từ lần trước, "
        f"{summary.failed} lỗi, {summary.rejected} bị từ chối; {summary.dossiers} hồ sơ, "
        f"{summary.evidence} minh chứng; {summary.ambiguous} ghi chú chưa xác định (ambiguous.csv)."
    )
    if summary.processed:
        print(f"Tốc độ: {summary.documents_per_second:.2f} văn bản/giây ({summary.workers} worker).")
    print(f"Báo cáo: {Path(args.out) / 'report.html'}")
    failures = summary.failed + summary.rejected
    if failures:
        raise PartialFailureError(
            f"{failures}/{summary.files + summary.rejected} tệp lỗi hoặc bị từ chối / "
            "files failed or refused; see errors in the output folder",
            source=args.path,
        )
    return 0


def run_bench(args: argparse.Namespace) -> int:
    from extractor.bulk.bench import main

    argv = ["--formats", args.formats]
    if not args.quick or args.n != 2000:  # --quick alone: its small corpus
        argv += ["--n", str(args.n)]
    if args.quick:
        argv.append("--quick")
    if args.dask:
        argv += ["--dask", args.dask]
    if args.workers:
        argv += ["--workers", args.workers]
    if args.dask_files != "auto":
        argv += ["--dask-files", args.dask_files]
    if args.corpus:
        argv += ["--corpus", args.corpus]
    return main(argv)
