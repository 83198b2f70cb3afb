"""Build and check the second blind held-out gold set (``corpora/gold_holdout2``) with the gold corpus tool.

    python corpora/gold_holdout2/tools/annotate.py build [DOC_ID...]
    python corpora/gold_holdout2/tools/annotate.py check
    python corpora/gold_holdout2/tools/annotate.py find DOC_ID PHRASE

Same spec format and commands as ``corpora/gold/tools/annotate.py`` (see ``corpora/gold/GUIDELINES.md``);
this wrapper only points that tool at the held-out directory instead of ``corpora/gold``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HOLDOUT_DIR = Path(__file__).resolve().parents[1]
GOLD_TOOL = HOLDOUT_DIR.parent / "gold" / "tools" / "annotate.py"


def _gold_tool():
    spec = importlib.util.spec_from_file_location("gold_annotate", GOLD_TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.GOLD_DIR = HOLDOUT_DIR
    return module


if __name__ == "__main__":
    sys.exit(_gold_tool().main())
