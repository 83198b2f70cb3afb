"""The ``minhchung`` command: one sub-command per module in ``extractor/commands/``.

Each command module exposes ``register(subparsers)`` which adds its parser and sets
``func`` (``args -> int`` exit code); modules whose name starts with "_" are helpers, not commands.
Every command gets ``--quiet``/``--verbose`` (logging levels) and the exit codes in its help.
Typed input errors become their own exit codes.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import pkgutil
import sys

from extractor import __version__, commands, regex_cache
from extractor.commands._shared import (
    EXAMPLES_HEADING,
    HelpFormatter,
    epilog,
    examples_of,
    exit_codes_text,
    resume_collector,
)
from extractor.errors import MinhChungError


def _common_options(name: str, parser: argparse.ArgumentParser) -> None:
    """``--quiet``/``--verbose``, the examples (``corpora/forms/cli_examples.json``) and the exit codes, on a
    command that does not define them itself."""
    known = {option for action in parser._actions for option in action.option_strings}
    if "--quiet" not in known:
        names = [name for name in ("-q", "--quiet") if name not in known]
        parser.add_argument(*names, action="store_true", help="only errors / chỉ báo lỗi")
    if "--verbose" not in known:
        names = [name for name in ("-v", "--verbose") if name not in known]
        parser.add_argument(*names, action="count", default=0, help="more detail (-vv: debug) / chi tiết hơn")
    own = parser.epilog or ""
    if "exit codes" not in own:
        examples = [] if EXAMPLES_HEADING in own else examples_of(name)
        parser.epilog = (own + "\n\n" if own else "") + epilog(*examples)
        parser.formatter_class = HelpFormatter


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minhchung",
        description="Minh Chứng: tìm minh chứng trong báo cáo, kế hoạch 'An toàn về an ninh, trật tự' (TT124).",
        epilog=exit_codes_text(),
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"minhchung {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    for name, command in subparsers.choices.items():
        _common_options(name, command)
    return parser


def configure_logging(args: argparse.Namespace) -> None:
    """WARNING by default, ERROR with ``--quiet``, INFO with ``-v``, DEBUG with ``-vv``."""
    verbose = getattr(args, "verbose", 0) or 0
    level = (
        logging.ERROR
        if getattr(args, "quiet", False)
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose == 1 else logging.WARNING)
    )
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    configure_logging(args)
    if not getattr(args, "loads_pipeline", False):
        resume_collector()  # paused by entry(); a command that loads the pipeline resumes it once loaded
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


def entry() -> None:
    """The ``minhchung`` command: :func:`main`, then exit without the interpreter's final walks.

    When a command is done, every object it loaded (spaCy, the models, the lexicons and their compiled
    patterns) is about to go; the garbage collector's last collections at exit would walk them all, about
    0.2 s of CPU. Frozen (``gc.freeze``) they are only freed.
    Resources are closed by the commands themselves (``with`` blocks), not left to the collector.
    The collector is paused while the command starts (see :func:`~extractor.commands._shared.resume_collector`)
    and patterns compiled in an earlier run are not compiled again (:mod:`extractor.regex_cache`)."""
    gc.disable()
    regex_cache.install()
    code = main()
    regex_cache.save()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
