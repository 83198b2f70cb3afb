"""``minhchung bulk-bench`` hands its options to ``extractor.bulk.bench`` (the scaling curve's runs)."""

from __future__ import annotations

from extractor import cli
from extractor.bulk import bench


def _forwarded(monkeypatch, *args: str) -> list[str]:
    seen: list[list[str]] = []
    monkeypatch.setattr(bench, "main", lambda argv: seen.append(argv) or 0)
    parsed = cli.build_parser().parse_args(["bulk-bench", *args])
    assert parsed.func(parsed) == 0
    return seen[0]


def test_local_workers_dask_clusters_and_the_quick_corpus_reach_the_bench(monkeypatch):
    argv = _forwarded(monkeypatch, "--quick", "--workers", "1,2", "--dask", "2,4")
    assert "--quick" in argv and "--n" not in argv
    assert argv[argv.index("--workers") + 1] == "1,2" and argv[argv.index("--dask") + 1] == "2,4"
    assert "--n" in _forwarded(monkeypatch, "--n", "300")
    shipped = _forwarded(monkeypatch, "--dask", "2", "--dask-files", "ship")
    assert shipped[shipped.index("--dask-files") + 1] == "ship"
    assert "--dask-files" not in _forwarded(monkeypatch, "--dask", "2")  # auto: the bench's own default


def test_quick_means_a_small_corpus_unless_a_size_is_given():
    assert bench.parse_args(["--quick"]).n == bench.QUICK_DOCUMENTS
    assert bench.parse_args(["--quick", "--n", "120"]).n == 120
    assert bench.parse_args([]).n == 2000
    assert bench.parse_args(["--dask", "2,4"]).dask == "2,4" and bench.parse_args([]).dask == ""
    assert bench.parse_args([]).dask_files == "auto"
