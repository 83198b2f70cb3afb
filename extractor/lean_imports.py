"""Parts of a library imported without the rest of it.

Two libraries of the design card run package ``__init__`` modules that import far more than Minh Chứng
reads:

- ``underthesea``'s imports every pipeline it offers (NER, chunking, classification, sentiment …); the
  count finder reads only its tokenizer and two CRF models (:mod:`extractor.find.counts.word_models`);
- spaCy's imports its whole command-line package, ``spacy.cli`` (model downloads over HTTP, project
  templates, debugging: ``requests``, ``httpx``, ``typer``, ``rich``, ``jinja2`` …), only to re-export
  one function as ``spacy.info``.

Together that is about 0.5 s of CPU and 60 MB in every process before a word is read: most of what
``minhchung extract`` on one small file costs beyond spaCy itself.

:func:`defer_package` registers such a package in ``sys.modules`` without running its ``__init__``. Its
submodules import as usual; its ``__init__`` runs, in full, the first time anything asks the package
for a name it does not have yet (a module ``__getattr__``, PEP 562). So nothing is lost: a program that
uses the rest of the library finds it there. ``tests/speed/test_startup.py`` checks both halves.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any


def defer_package(name: str) -> ModuleType:
    """The package ``name`` in ``sys.modules``: the one there already, or one whose ``__init__`` runs
    only when the package is first asked for a name it has not got."""
    package = sys.modules.get(name)
    if package is not None:
        return package
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"No package named {name!r}", name=name)
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def complete(attribute: str) -> Any:
        del package.__dict__["__getattr__"]  # the __init__ defines the package's names; it runs once
        loader.exec_module(package)
        return getattr(package, attribute)

    package.__dict__["__getattr__"] = complete
    sys.modules[name] = package
    return package


#: spaCy's command-line package and the module its ``__init__`` imports ``info`` from.
SPACY_CLI = "spacy.cli"
_SPACY_INFO = "spacy.cli.info"


def defer_spacy_cli() -> None:
    """Let ``import spacy`` skip ``spacy.cli``: the package is registered without its ``__init__`` and
    ``spacy.cli.info`` stands in with an ``info`` (``spacy.info``) that, when called, imports the real
    command-line package and runs its own. Anything else asked of the deferred ``spacy.cli`` imports the
    real package too. Cheap (no import); does nothing once spaCy is imported. ``extractor/__init__`` calls
    it, before any module of Minh Chứng imports spaCy."""
    if "spacy" in sys.modules or SPACY_CLI in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return  # no spaCy here: the import that needs it says so
    cli = ModuleType(SPACY_CLI, "spaCy's command-line package, deferred (extractor.lean_imports)")
    cli.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    cli.__dict__["__getattr__"] = _from_real_spacy_cli
    stand_in = ModuleType(_SPACY_INFO, "stands in for spacy.cli.info until spaCy's CLI is used")
    stand_in.info = _real_spacy_info  # type: ignore[attr-defined]
    sys.modules[SPACY_CLI] = cli
    sys.modules[_SPACY_INFO] = stand_in


def _from_real_spacy_cli(attribute: str) -> Any:
    """The deferred ``spacy.cli``'s ``__getattr__``: the name from the real package, imported now."""
    return getattr(real_spacy_cli(), attribute)


def real_spacy_cli() -> ModuleType:
    """spaCy's real command-line package (the stand-ins leave ``sys.modules`` the first time)."""
    if getattr(sys.modules.get(SPACY_CLI), "__spec__", None) is None:
        sys.modules.pop(SPACY_CLI, None)
        sys.modules.pop(_SPACY_INFO, None)
    return importlib.import_module(SPACY_CLI)


def _real_spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, from its command-line package (imported on this first call)."""
    return real_spacy_cli().info(*args, **kwargs)
