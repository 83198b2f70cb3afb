"""The arrows point one way: the service (``api``) uses the library (``extractor``), never the reverse.

Each check runs in a fresh interpreter, so what the other tests imported does not count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

IMPORTS = "import extractor.cli, extractor.pipeline, extractor.criteria\nextractor.cli.build_parser()\n"

LEAKED = """
import sys
leaked = sorted(name for name in sys.modules if name == "api" or name.startswith("api."))
print("leaked:", leaked)
sys.exit(1 if leaked else 0)
"""

NO_SERVICE = """
import sys

class NoService:
    def find_spec(self, name, path=None, target=None):
        if name == "api" or name.startswith("api."):
            raise ImportError(f"{name} is not installed")
        return None

sys.meta_path.insert(0, NoService())
"""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=300
    )


def test_the_library_and_its_command_line_import_no_module_of_the_service() -> None:
    done = _python(IMPORTS + LEAKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_library_imports_and_every_command_registers_without_the_service() -> None:
    done = _python(
        NO_SERVICE + IMPORTS + "print(sorted(extractor.cli.build_parser()._subparsers._group_actions[0]"
        ".choices))\n"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "'serve'" in done.stdout and "'user'" in done.stdout and "'extract'" in done.stdout
