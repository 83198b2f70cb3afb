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
for a name it does not have yet (a module ``__getattr__``, PEP 562). :func:`defer_spacy_cli` puts a
finder on ``sys.meta_path`` that serves stand-ins for ``spacy.cli`` and ``spacy.cli.info`` while spaCy
imports; the real package replaces them the first time anything asks them for a name. So nothing is
lost: a program that uses the rest of either library finds it there. ``tests/speed/test_startup.py``
checks both halves.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any


def defer_package(name: str) -> ModuleType:
    """The package ``name`` in ``sys.modules``: the one there already, or one whose ``__init__`` runs
    only when the package is first asked for a name it has not got.

    The ``__init__`` runs once, under a lock: another thread asking meanwhile waits for it; the ``__init__``
    itself asking for a name it has not defined yet gets an ``AttributeError``, as from a module being
    imported; if it fails, the error is raised and the next ask runs it again, as a failed import would."""
    package = sys.modules.get(name)
    if package is not None:
        return package
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"No package named {name!r}", name=name)
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader
    lock = threading.RLock()
    running: list[bool] = []  # non-empty while the __init__ runs (in the thread that holds the lock)

    def complete(attribute: str) -> Any:
        with lock:
            if package.__dict__.get("__getattr__") is complete:
                if running:
                    raise AttributeError(
                        f"partially initialised module {name!r} has no attribute {attribute!r}"
                    )
                running.append(True)
                try:
                    loader.exec_module(package)
                finally:
                    running.clear()
                if package.__dict__.get("__getattr__") is complete:  # unless the __init__ set its own
                    del package.__dict__["__getattr__"]
        return getattr(package, attribute)

    package.__dict__["__getattr__"] = complete
    sys.modules[name] = package
    return package


#: spaCy's command-line package and the module its ``__init__`` imports ``info`` from.
SPACY_CLI = "spacy.cli"
_SPACY_INFO = "spacy.cli.info"


class _SpacyCliStandIn(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves ``spacy.cli`` and ``spacy.cli.info`` as stand-ins while it is on ``sys.meta_path``: imported
    through the import system, they are bound on their parents (``spacy.cli``, ``spacy.cli.info``) as the
    real modules would be."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # spaCy's cli/ folder

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in (SPACY_CLI, _SPACY_INFO):
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=fullname == SPACY_CLI)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # a plain module

    def exec_module(self, module: ModuleType) -> None:
        if module.__name__ == SPACY_CLI:
            module.__file__ = str(self.folder / "__init__.py")
            module.__path__ = [str(self.folder)]
            module.__dict__["__getattr__"] = _from_real_spacy_cli
        else:
            module.__file__ = str(self.folder / "info.py")
            module.info = _real_spacy_info  # type: ignore[attr-defined]


def defer_spacy_cli() -> None:
    """Let ``import spacy`` skip ``spacy.cli``: while spaCy imports, ``spacy.cli`` is a stand-in package and
    ``spacy.cli.info`` a stand-in with an ``info`` (``spacy.info``) that, when called, imports the real
    command-line package and runs its own. Any other name asked of the stand-in ``spacy.cli`` imports the
    real package in its place. Cheap (no import); does nothing once spaCy is imported. ``extractor/__init__``
    calls it, before any module of Minh Chứng imports spaCy."""
    if (
        "spacy" in sys.modules
        or SPACY_CLI in sys.modules
        or any(isinstance(finder, _SpacyCliStandIn) for finder in sys.meta_path)
    ):
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return  # no spaCy here: the import that needs it says so
    sys.meta_path.insert(0, _SpacyCliStandIn(Path(next(iter(spec.submodule_search_locations))) / "cli"))


def _from_real_spacy_cli(attribute: str) -> Any:
    """The stand-in ``spacy.cli``'s ``__getattr__``: the name from the real package, imported now. A
    module's own dunder names (``__file__`` …, asked by tools that walk ``sys.modules``) do not import it."""
    if attribute.startswith("__") and attribute.endswith("__"):
        raise AttributeError(attribute)
    return getattr(real_spacy_cli(), attribute)


_real_cli_lock = threading.Lock()


def real_spacy_cli() -> ModuleType:
    """spaCy's real command-line package, imported in the stand-ins' place (bound as ``spacy.cli``)."""
    with _real_cli_lock:
        sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _SpacyCliStandIn)]
        for name in (SPACY_CLI, _SPACY_INFO):
            if isinstance(getattr(sys.modules.get(name), "__loader__", None), _SpacyCliStandIn):
                del sys.modules[name]
        return importlib.import_module(SPACY_CLI)


def _real_spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` (the name spaCy binds at import): spaCy's own ``info``, from its command-line
    package, imported on this first call; same arguments, same answer."""
    return real_spacy_cli().info(*args, **kwargs)
