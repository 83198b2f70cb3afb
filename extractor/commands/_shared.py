"""What every ``minhchung`` command shares: help with examples and the exit codes, checked input and output
paths. (A module whose name starts with "_" is not a command.)"""

from __future__ import annotations

import argparse
import gc
import os
from collections.abc import Iterable
from pathlib import Path

from extractor import errors

GENERAL_CODES = (
    (0, "ok"),
    (1, "unexpected error / lỗi không mong đợi"),
    (2, "bad arguments / sai tham số"),
    (130, "interrupted / bị dừng (Ctrl-C)"),
)


def exit_codes_text() -> str:
    """The exit codes of ``minhchung``: the general ones and one per typed error (``extractor.errors``)."""
    typed = sorted(
        {
            (kind.exit_code, kind.code, (kind.__doc__ or kind.__name__).strip().splitlines()[0])
            for kind in _error_classes()
            if kind.exit_code > 1
        }
    )
    lines = [f"  {code:>3}  {text}" for code, text in GENERAL_CODES[:3]]
    lines += [f"  {code:>3}  {name}: {doc}" for code, name, doc in typed]
    lines.append(f"  {GENERAL_CODES[3][0]:>3}  {GENERAL_CODES[3][1]}")
    return "exit codes / mã thoát:\n" + "\n".join(lines)


def _error_classes() -> Iterable[type[errors.MinhChungError]]:
    pending = list(errors.MinhChungError.__subclasses__())
    while pending:
        kind = pending.pop()
        pending += kind.__subclasses__()
        yield kind


EXAMPLES_HEADING = "examples / ví dụ:"


def examples_of(command: str) -> list[str]:
    """The help examples of ``command`` (``corpora/forms/cli_examples.json``)."""
    from corpora import load_json

    return list(load_json("forms", "cli_examples.json")["examples"].get(command, []))


def epilog(*examples: str) -> str:
    """A command's help tail: its examples, then the exit codes."""
    shown = EXAMPLES_HEADING + "\n" + "\n".join(f"  {line}" for line in examples) + "\n\n" if examples else ""
    return shown + exit_codes_text()


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose paragraphs to the terminal; keeps the line breaks of blocks written as lines (the
    examples and the exit codes)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        blocks = text.split("\n\n")
        return "\n\n".join(
            block if "\n" in block else super(HelpFormatter, self)._fill_text(block, width, indent)
            for block in blocks
        )


def help_options() -> dict:
    """``add_parser`` keywords: prose wrapped, examples and exit codes kept line by line."""
    return {"formatter_class": HelpFormatter}


def existing(paths: Iterable[str | Path]) -> list[Path]:
    """The paths as given, or :class:`~extractor.errors.InputNotFoundError` for the first that does not exist."""
    found = [Path(path) for path in paths]
    for path in found:
        if not path.exists():
            raise errors.InputNotFoundError(source=str(path))
    return found


def documents(paths: Iterable[str | Path]) -> list[Path]:
    """The documents named or inside the folders named (``sources.expand``); not found when a path is
    missing or when the folders hold no supported file."""
    from extractor.criteria import sources

    found = sources.expand([str(path) for path in existing(paths)])
    if not found:
        raise errors.InputNotFoundError(
            "không có tệp PDF, DOCX, DOC, ODT, RTF, TXT, JSON / no PDF, DOCX… file",
            source=", ".join(str(path) for path in paths),
        )
    return found


def writable(path: str | Path) -> Path:
    """``path`` when a file can be written there, else :class:`~extractor.errors.OutputPathError` saying why."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise errors.OutputPathError("là một thư mục / is a folder", source=str(target))
    if not folder.is_dir():
        raise errors.OutputPathError(f"không có thư mục / no such folder: {folder}", source=str(target))
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise errors.OutputPathError("không có quyền ghi / permission denied", source=str(target))
    return target


def resume_collector() -> None:
    """Resume the garbage collector that ``minhchung`` pauses while it starts (:func:`extractor.cli.entry`).

    Start-up (the imports, spaCy, the word models, the lexicons and their compiled patterns) makes about a
    million objects that live as long as the process: collections while they are made free nothing and walk
    them again and again, ≈ 0.07 s of a one-file ``minhchung extract``. A command that loads the pipeline
    (``loads_pipeline`` in its parser's defaults) calls this after its first document; every other command
    has it called before it starts. What is alive then is frozen (``gc.freeze``), so later full collections
    do not walk it either. Nothing happens when the collector runs already (``main`` called in a process
    that did not pause it, such as a test's). The cyclic garbage of that first document is frozen with the
    rest and never freed: ≈ 3,300 small objects, as many for a 650,000-character text as for a short one."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
