"""Count long files, long functions and documented public functions.

    python scripts/code_sizes.py [--files 500] [--functions 80] [DIR ...]

Default folders: extractor and api. Prints the long files and functions
(longest first) and a summary line per threshold.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=["extractor", "api"])
    parser.add_argument("--files", type=int, default=500, help="a file longer than this many lines is long")
    parser.add_argument(
        "--functions", type=int, default=80, help="a function longer than this many lines is long"
    )
    args = parser.parse_args(argv)

    long_files: list[tuple[int, str]] = []
    long_functions: list[tuple[int, str]] = []
    public = documented = n_files = 0
    for folder in args.dirs:
        for path in sorted((ROOT / folder).rglob("*.py")):
            n_files += 1
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(ROOT).as_posix()
            lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
            if lines > args.files:
                long_files.append((lines, rel))
            for fn in _functions(ast.parse(text)):
                size = (fn.end_lineno or fn.lineno) - fn.lineno + 1
                if size > args.functions:
                    long_functions.append((size, f"{rel}:{fn.lineno} {fn.name}"))
                if not fn.name.startswith("_"):
                    public += 1
                    documented += ast.get_docstring(fn) is not None
    for size, name in sorted(long_files, reverse=True):
        print(f"file {size:5d}  {name}")
    for size, name in sorted(long_functions, reverse=True):
        print(f"func {size:5d}  {name}")
    print(
        f"{n_files} files; {len(long_files)} longer than {args.files} lines; "
        f"{len(long_functions)} functions longer than {args.functions} lines; "
        f"{documented}/{public} public functions documented"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
