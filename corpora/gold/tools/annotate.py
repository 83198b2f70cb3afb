"""Build and check the gold corpus from its human-edited specs (``corpora/gold/specs/*.ann``).

Run it as a module, from the repository's root with the project's Python (``.venv/bin/python``, where
``extractor`` is installed), or from anywhere once the project is installed:

    python -m corpora.gold.tools.annotate build [DOC_ID...]   # spec → <doc_id>.json + <doc_id>.review.md
    python -m corpora.gold.tools.annotate check               # validate every gold JSON, flag stale text
    python -m corpora.gold.tools.annotate find DOC_ID PHRASE  # where a phrase occurs in the normalized text
    python -m corpora.gold.tools.annotate --dir corpora/gold_holdout check   # another gold set

Offsets are never typed by hand: a spec names each phrase, this tool finds its span in
``normalize_plain(raw_text)``. The spec format is described in ``GUIDELINES.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.clean import normalize_plain
from extractor.evaluate import schema, validate_gold

GOLD_DIR = Path(__file__).resolve().parents[1]
REPO = GOLD_DIR.parents[1]

KIND_LETTERS = {"L": "legal_ref", "D": "date", "C": "count", "K": "criterion_claim"}
_SYMBOL = re.compile(r"^(?P<number>\d+)(?:/(?P<year>\d{4}))?[/-](?P<code>.+)$")
_COMPARATORS = {">=", ">", "<=", "<"}


class SpecError(ValueError):
    """A spec line that cannot be built."""


def read_spec(path: Path) -> tuple[dict[str, str], list[tuple[int, str, str, str]]]:
    """Header fields and ``(line number, kind, phrase, value text)`` of each item."""
    header: dict[str, str] = {}
    items: list[tuple[int, str, str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            match = re.match(r"#\s*(\w+):\s*(.*)$", stripped)
            if match and not items:
                header[match.group(1)] = match.group(2).strip()
            continue
        letter, _, rest = stripped.partition(" ")
        if letter not in KIND_LETTERS or "|" not in rest:
            raise SpecError(f"{path.name}:{number}: expected 'L|D|C|K phrase | value'")
        phrase, _, value_text = rest.rpartition("|")
        items.append((number, KIND_LETTERS[letter], phrase.strip(), value_text.strip()))
    return header, items


def _options(tokens: list[str]) -> tuple[list[str], dict[str, str]]:
    words = [t for t in tokens if "=" not in t]
    options = dict(t.split("=", 1) for t in tokens if "=" in t)
    return words, options


def legal_value(phrase: str, value_text: str) -> dict[str, Any]:
    words, options = _options(shlex.split(value_text))
    key = options.get("key") or " ".join(words)
    if not key:
        raise SpecError("legal_ref needs a key")
    doc_type = options.get("type")
    if not doc_type:
        for name in sorted(schema()["legal_doc_types"], key=len, reverse=True):
            if phrase.casefold().startswith(name.casefold()):
                doc_type = name
                break
    symbol = _SYMBOL.match(key)
    value: dict[str, Any] = {
        "doc_type": doc_type,
        "number": symbol.group("number") if symbol else None,
        "year": int(symbol.group("year")) if symbol and symbol.group("year") else None,
        "code": symbol.group("code") if symbol else None,
        "date": options.get("date"),
        "issuer": options.get("issuer"),
        "key": key,
    }
    if "name" in options:
        value["name"] = options["name"]
    return value


def date_value(value_text: str) -> dict[str, Any]:
    words, _ = _options(value_text.split())
    iso = words[0]
    kinds = [w for w in words[1:] if w in schema()["date_kinds"]]
    if kinds:
        kind = kinds[0]
    elif iso.startswith("--"):
        kind = "recurring"
    elif "/" in iso:
        kind = "range"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        kind = "date"
    else:
        kind = "period"
    return {"iso": iso, "kind": kind, "inferred_year": "inferred" in words}


def _scale_words() -> dict[str, int]:
    """Scale words ("nghìn", "triệu", "tỷ") and their factors, from the number lexicon."""
    lexicon = json.loads((REPO / "corpora" / "lexicons" / "numbers_vi.json").read_text(encoding="utf-8"))
    return {word: lexicon["multipliers"][word] for word in lexicon["scale_words"]}


def _plain_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def count_value(value_text: str, default_modality: str) -> tuple[dict[str, Any], str | None]:
    """A count's value; "2.3 tỷ đồng" is normalised to 2300000000 "đồng" (multiplier "tỷ", surface 2.3)."""
    words, options = _options(shlex.split(value_text))
    number = Decimal(words[0])
    unit_words = [w for w in words[1:] if w != "pct"]
    scale = _scale_words()
    surface: dict[str, Any] = {}
    if len(unit_words) > 1 and unit_words[0].lower() in scale and "pct" not in words:
        surface = {"multiplier": unit_words[0].lower(), "surface_value": _plain_number(number)}
        number *= scale[unit_words[0].lower()]
        unit_words = unit_words[1:]
    value: dict[str, Any] = {
        "value": _plain_number(number),
        "unit": " ".join(unit_words).lower(),
        "percent": "pct" in words,
        "comparator": options.get("cmp"),
        "modality": options.get("mod", default_modality),
        "parent": None,
    }
    if value["comparator"] is not None and value["comparator"] not in _COMPARATORS:
        raise SpecError(f"unknown comparator {value['comparator']!r}")
    if "total" in options:
        value["total"] = int(options["total"])
    value.update(surface)
    return value, options.get("parent")


def claim_value(value_text: str) -> dict[str, Any]:
    words = value_text.split()
    if len(words) != 2:
        raise SpecError("claim value is 'CRITERIA STATUS'")
    return {"criteria": words[0].split(","), "status": words[1]}


def _pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as a pattern in which each space matches any whitespace run (line breaks too)."""
    # a symbol may be split after "-" or "/" when the normalizer did not repair it
    body = r"\s+".join(re.sub(r"([-/])", r"\1\\s*", re.escape(word)) for word in phrase.split())
    symbol_end = bool(re.search(r"[\d/]", phrase.split()[-1]))
    return re.compile(r"(?<![\d/])" + body + (r"(?![\w/-]\w)" if symbol_end else r"(?!\w)"))


def locate(
    text: str, phrase: str, cursor: int, taken: set[tuple[str, int, int]], kind: str
) -> tuple[int, int]:
    """Span of the first occurrence of ``phrase`` at or after ``cursor`` not yet taken by ``kind``."""
    context = None
    if " @ " in phrase:
        phrase, context = (part.strip() for part in phrase.split(" @ ", 1))
    if context:
        anchor = _pattern(context).search(text, cursor)
        if anchor is None:
            raise SpecError(f"context {context!r} not found after offset {cursor}")
        cursor = anchor.start()
    pattern = _pattern(phrase)
    found = pattern.search(text, cursor)
    while found is not None and any(k == kind and s < found.end() and found.start() < e for k, s, e in taken):
        found = pattern.search(text, found.start() + 1)
    if found is None:
        raise SpecError(f"phrase {phrase!r} not found after offset {cursor}")
    return found.start(), found.end()


def build_document(spec_path: Path) -> dict[str, Any]:
    """The gold JSON of one spec."""
    header, items = read_spec(spec_path)
    source = header["source"]
    raw = (REPO / source).read_text(encoding="utf-8")
    text = normalize_plain(raw)
    default_modality = header.get("modality", "actual")
    annotations: list[dict[str, Any]] = []
    taken: set[tuple[str, int, int]] = set()
    cursor = 0
    for line_number, kind, phrase, value_text in items:
        try:
            start, end = locate(text, phrase, cursor, taken, kind)
            surface = text[start:end]
            if kind == "legal_ref":
                value = legal_value(" ".join(surface.split()), value_text)
            elif kind == "date":
                value = date_value(value_text)
            elif kind == "count":
                value, parent = count_value(value_text, default_modality)
                if parent:
                    previous = [
                        a for a in annotations if a["kind"] == "count" and a["text"].split() == parent.split()
                    ]
                    if not previous:
                        raise SpecError(f"parent {parent!r} not found among earlier counts")
                    value["parent"] = previous[-1]["start"]
            else:
                value = claim_value(value_text)
        except (SpecError, ValueError, IndexError, KeyError) as error:
            raise SpecError(f"{spec_path.name}:{line_number}: {error}") from error
        taken.add((kind, start, end))
        cursor = start
        annotations.append({"kind": kind, "start": start, "end": end, "text": surface, "value": value})
    annotations.sort(key=lambda a: (a["start"], a["end"], a["kind"]))
    return {
        "doc_id": spec_path.stem,
        "source": source,
        "doc_type": header["doc_type"],
        "year": int(header["year"]) if header.get("year") else None,
        "text": text,
        "annotations": annotations,
    }


def review_table(data: dict[str, Any]) -> str:
    lines = [
        f"# {data['doc_id']}",
        "",
        f"Source `{data['source']}`, {data['doc_type']}, {data['year']}: {len(data['annotations'])} annotations "
        "(built by `tools/annotate.py` from `specs/"
        + data["doc_id"]
        + ".ann`; edit the spec, not this file).",
        "",
        "| # | kind | span | text | value |",
        "|---|---|---|---|---|",
    ]
    for index, ann in enumerate(data["annotations"], start=1):
        value = json.dumps(ann["value"], ensure_ascii=False).replace("|", "\\|")
        surface = ann["text"].replace("|", "\\|")
        lines.append(f"| {index} | {ann['kind']} | {ann['start']}–{ann['end']} | {surface} | `{value}` |")
    return "\n".join(lines) + "\n"


def build(doc_ids: list[str]) -> int:
    specs = sorted((GOLD_DIR / "specs").glob("*.ann"))
    if doc_ids:
        specs = [s for s in specs if s.stem in doc_ids]
    failures = 0
    for spec in specs:
        try:
            data = build_document(spec)
        except SpecError as error:
            print(f"FAIL {error}", file=sys.stderr)
            failures += 1
            continue
        problems = validate_gold(data)
        for problem in problems:
            print(f"INVALID {spec.stem}: {problem}", file=sys.stderr)
        failures += bool(problems)
        (GOLD_DIR / f"{spec.stem}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (GOLD_DIR / f"{spec.stem}.review.md").write_text(review_table(data), encoding="utf-8")
        print(f"built {spec.stem}: {len(data['annotations'])} annotations")
    return 1 if failures else 0


def stale_problems(data: dict[str, Any]) -> list[str]:
    """Problems when the stored text is no longer what the normalizer makes of the source."""
    source = REPO / data["source"]
    if not source.is_file():
        return [f"source {data['source']} is missing"]
    if normalize_plain(source.read_text(encoding="utf-8")) != data["text"]:
        return [
            "stored text differs from normalize_plain(source): re-run `python -m corpora.gold.tools.annotate build`"
        ]
    return []


def check() -> int:
    failures = 0
    for path in sorted(GOLD_DIR.glob("*.json")):
        if path.name == "schema.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = validate_gold(data) + stale_problems(data)
        for problem in problems:
            print(f"{path.name}: {problem}")
        failures += bool(problems)
        if not problems:
            print(f"ok {path.name}: {len(data['annotations'])} annotations")
    return 1 if failures else 0


def find(doc_id: str, phrase: str) -> int:
    header, _ = read_spec(GOLD_DIR / "specs" / f"{doc_id}.ann")
    text = normalize_plain((REPO / header["source"]).read_text(encoding="utf-8"))
    start = text.find(phrase)
    while start >= 0:
        print(f"{start}-{start + len(phrase)}: …{text[max(0, start - 40) : start + len(phrase) + 40]!r}…")
        start = text.find(phrase, start + 1)
    return 0


def main(argv: list[str] | None = None) -> int:
    global GOLD_DIR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir",
        type=Path,
        default=GOLD_DIR,
        help="the gold set to work on (default corpora/gold; e.g. corpora/gold_holdout)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("doc_ids", nargs="*")
    sub.add_parser("check")
    finder = sub.add_parser("find")
    finder.add_argument("doc_id")
    finder.add_argument("phrase")
    args = parser.parse_args(argv)
    GOLD_DIR = args.dir.resolve()
    if args.command == "build":
        return build(args.doc_ids)
    if args.command == "check":
        return check()
    return find(args.doc_id, args.phrase)


if __name__ == "__main__":
    sys.exit(main())
