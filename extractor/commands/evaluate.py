"""``minhchung evaluate [GOLD_DIR]``: precision, recall and F1 of the finders on the gold corpus.

Prints per kind and per document the strict (span overlap + value), exact (same span + value)
and lenient (value only) figures, the misses and false hits, and the dateparser baseline on
the date gold. A report: the exit code is 0 whatever the scores, non-zero only on errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="đo độ chính xác trên bộ dữ liệu chuẩn / score the finders on the gold corpus"
    )
    parser.add_argument("gold_dir", nargs="?", default=None, metavar="GOLD_DIR", help="default: corpora/gold")
    parser.add_argument("--kind", action="append", help="only this kind (repeatable)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--baseline",
        choices=("dateparser", "none"),
        default="dateparser",
        help="off-the-shelf date finder scored on the date gold (default dateparser)",
    )
    parser.add_argument("--no-details", action="store_true", help="omit the list of misses and false hits")
    parser.add_argument(
        "--criteria",
        action="append",
        metavar="DIR",
        help="score the per-criterion proposal on a criteria gold folder (repeatable; default with no GOLD_DIR: "
        "corpora/gold_criteria/dev); e.g. --criteria corpora/gold_criteria/blind",
    )
    parser.add_argument("--no-criteria", action="store_true", help="skip the per-criterion proposal scores")
    parser.add_argument("--no-evidence", action="store_true", help="skip the finders' scores (criteria only)")
    parser.add_argument(
        "--agreement",
        nargs=2,
        metavar=("DIR_A", "DIR_B"),
        help="Cohen's kappa of two annotators' criteria gold on the documents both annotated",
    )
    parser.epilog = (
        "examples:\n  minhchung evaluate --no-details\n"
        "  minhchung evaluate --no-evidence --criteria corpora/gold_criteria/blind\n"
        "  minhchung evaluate --agreement corpora/gold_criteria/dev corpora/gold_criteria/second"
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    import corpora
    from extractor.criteria import evaluation as ce

    report: dict[str, Any] = {}
    documents: list[dict[str, Any]] = []
    kinds: list[str] = []
    if not args.no_evidence:
        report, documents, kinds = _evidence(args)
    criteria_dirs = [Path(item) for item in args.criteria or []]
    if not criteria_dirs and args.gold_dir is None and not (args.no_criteria or args.kind):
        criteria_dirs = [corpora.path("gold_criteria", "dev")]
    if not args.no_criteria:
        report["criteria"] = [ce.evaluate_folder(folder) for folder in criteria_dirs]
    if args.agreement:
        report["agreement"] = ce.agreement(Path(args.agreement[0]), Path(args.agreement[1]))
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    if not args.no_evidence:
        _print_table(report, documents, kinds, details=not args.no_details)
    for section in report.get("criteria", []):
        _print_criteria(section, details=not args.no_details)
    if "agreement" in report:
        item = report["agreement"]
        sys.stdout.write(
            f"\nAnnotator agreement ({item['documents']} documents, {item['pairs']} clauses): observed "
            f"{item['observed']:.3f}, Cohen's kappa {item['kappa']:.3f}, overall verdict "
            f"{item['verdict_agreement']}\n"
        )
    return 0


def _evidence(args: argparse.Namespace) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """The finders' P/R/F1 on an evidence gold folder (default ``corpora/gold``)."""
    from pathlib import Path

    from tqdm import tqdm

    import corpora
    from extractor import evaluate as ev

    gold_dir = Path(args.gold_dir) if args.gold_dir else corpora.path("gold")
    kinds = list(ev.schema()["kinds"])
    if args.kind:
        unknown = [k for k in args.kind if k not in kinds]
        if unknown:
            raise ev.GoldCorpusError(f"unknown kind {', '.join(unknown)}; kinds are {', '.join(kinds)}")
        kinds = [k for k in kinds if k in args.kind]
    documents: list[dict[str, Any]] = []
    for path in tqdm(ev.gold_files(gold_dir), desc="evaluate", unit="văn bản", file=sys.stderr):
        data = ev.load_gold(path)
        gold = ev.gold_items(data)
        predicted = ev.predict(data["text"], data["doc_type"], data["year"])
        results = ev.score_document(gold, predicted, kinds)
        baseline = None
        if args.baseline == "dateparser" and "date" in kinds:
            baseline = ev.score_baseline(gold, data["text"])
        documents.append({"doc_id": data["doc_id"], "results": results, "baseline": baseline})
    return _report(documents, kinds), documents, kinds


def _report(documents: list[dict[str, Any]], kinds: list[str]) -> dict[str, Any]:
    from extractor.evaluate import MODES, Score

    totals = {kind: {mode: Score() for mode in MODES} for kind in kinds}
    overall = {mode: Score() for mode in MODES}
    baseline = {mode: Score() for mode in MODES}
    per_document = []
    for document in documents:
        entry: dict[str, Any] = {"doc_id": document["doc_id"], "kinds": {}}
        for kind, result in document["results"].items():
            for mode in MODES:
                totals[kind][mode].add(result.scores[mode])
                overall[mode].add(result.scores[mode])
            entry["kinds"][kind] = {
                **{mode: result.scores[mode].to_dict() for mode in MODES},
                "misses": [_item(i) for i in result.misses],
                "false_hits": [_item(i) for i in result.false_hits],
            }
        if document["baseline"] is not None:
            for mode in MODES:
                baseline[mode].add(document["baseline"].scores[mode])
        per_document.append(entry)
    report: dict[str, Any] = {
        "summary": {kind: {mode: totals[kind][mode].to_dict() for mode in MODES} for kind in kinds},
        "overall": {mode: overall[mode].to_dict() for mode in MODES},
        "documents": per_document,
    }
    if any(document["baseline"] is not None for document in documents):
        report["baseline"] = {
            "name": "dateparser.search_dates(languages=['vi'])",
            "kind": "date",
            **{mode: baseline[mode].to_dict() for mode in MODES},
        }
    return report


def _item(item: Any) -> dict[str, Any]:
    return {"start": item.start, "end": item.end, "text": item.text, "value": item.value}


def _figures(score: dict[str, Any]) -> str:
    return f"{score['precision']:6.3f} {score['recall']:6.3f} {score['f1']:6.3f}"


def _print_table(
    report: dict[str, Any], documents: list[dict[str, Any]], kinds: list[str], *, details: bool
) -> None:
    out = sys.stdout
    header = (
        f"{'kind':<16} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | "
        f"{'exact P':>7} {'R':>6} {'F1':>6} | {'lenient P':>9} {'R':>6} {'F1':>6}"
    )
    out.write(f"Gold corpus: {len(documents)} documents\n\n{header}\n{'-' * len(header)}\n")
    rows = [(kind, report["summary"][kind]) for kind in kinds] + [("ALL", report["overall"])]
    if "baseline" in report:
        rows.append(("date:dateparser", report["baseline"]))
    for name, scores in rows:
        strict = scores["strict"]
        out.write(
            f"{name:<16} {strict['gold']:>5} {strict['predicted']:>5} | {_figures(strict):>22} | "
            f"{_figures(scores['exact']):>21} | {_figures(scores['lenient']):>23}\n"
        )
    out.write("\nPer document (strict F1 per kind; gold/pred in brackets)\n")
    out.write(f"{'document':<42}" + "".join(f" {kind:>19}" for kind in kinds) + "\n")
    for entry in report["documents"]:
        cells = []
        for kind in kinds:
            strict = entry["kinds"][kind]["strict"]
            cells.append(f" {strict['f1']:6.3f} ({strict['gold']:>3}/{strict['predicted']:>3})".rjust(20))
        out.write(f"{entry['doc_id'][:42]:<42}" + "".join(cells) + "\n")
    if not details:
        return
    out.write("\nMisses (gold not found, strict) and false hits (predicted, not in gold)\n")
    for entry in report["documents"]:
        lines = []
        for kind in kinds:
            for label, items in (
                ("MISS", entry["kinds"][kind]["misses"]),
                ("FALSE", entry["kinds"][kind]["false_hits"]),
            ):
                for item in items:
                    value = json.dumps(item["value"], ensure_ascii=False)
                    lines.append(f"  {label:<5} {kind:<15} {item['start']:>6}  {item['text']!r}  {value}")
        if lines:
            out.write(f"\n{entry['doc_id']}\n" + "\n".join(lines) + "\n")


def _print_criteria(criteria: dict[str, Any], *, details: bool) -> None:
    """The per-criterion proposal against the criteria gold: accuracy, macro-F1, per status, confusion,
    verdict, per article, points."""
    out = sys.stdout
    out.write(
        f"\nCriteria proposal on {criteria['folder']} ({criteria['documents']} documents, {criteria['pairs']} "
        f"clauses): accuracy {criteria['accuracy']:.3f}, macro-F1 over the four statuses "
        f"{criteria['macro_f1']:.3f}"
    )
    if "verdict" in criteria:
        out.write(f", overall verdict agreement {criteria['verdict']['agreement']:.3f}")
    out.write(f", unit kind right {criteria['unit_kind_agreement']:.3f}\n")
    out.write(f"{'status':<16} {'gold':>5} {'pred':>5} | {'P':>6} {'R':>6} {'F1':>6}\n")
    for name, score in [*criteria["per_status"].items(), ("addressed", criteria["addressed"])]:
        out.write(f"{name:<16} {score['gold']:>5} {score['predicted']:>5} | {_figures(score)}\n")
    statuses = list(criteria["confusion"])
    out.write("confusion (rows gold, columns proposed): " + " ".join(f"{s:>8}" for s in statuses) + "\n")
    for gold, row in criteria["confusion"].items():
        out.write(f"{'':<40} {gold:<8}" + " ".join(f"{row[s]:>8}" for s in statuses) + "\n")
    for article, item in criteria["per_article"].items():
        out.write(
            f"  Điều {article}: {item['pairs']} clauses, accuracy {item['accuracy']:.3f}, "
            f"macro-F1 {item['macro_f1']:.3f}\n"
        )
    if criteria.get("points"):
        points = criteria["points"]
        out.write(
            f"  points: {points['pairs']} annotated, accuracy {points['accuracy']:.3f}, "
            f"macro-F1 {points['macro_f1']:.3f}\n"
        )
    if details and criteria.get("mismatches"):
        out.write("Criterion mismatches (gold -> proposed)\n")
        for item in criteria["mismatches"]:
            out.write(
                f"  {item['doc_id'][:42]:<42} {item['criterion']:<10} {item['gold']:>8} -> {item['predicted']}\n"
            )
