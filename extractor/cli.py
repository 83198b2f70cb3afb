"""The ``minhchung`` command: one sub-command per module in ``extractor/commands/``.

Each command module exposes ``register(subparsers)`` which adds its parser and sets
``func`` (``args -> int`` exit code). Typed input errors become their own exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from extractor import __version__, commands
from extractor.errors import MinhChungError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minhchung",
        description="Minh Chứng: tìm minh chứng trong báo cáo, kế hoạch 'An toàn về an ninh, trật tự' (TT124).",
    )
    parser.add_argument("--version", action="version", version=f"minhchung {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except MinhChungError as error:
        print(f"minhchung: {error.message()}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
