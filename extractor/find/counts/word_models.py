"""underthesea's word segmentation and POS model, loaded without the rest of underthesea.

The count finder asks underthesea three things about the short window after a number: how its tokenizer
normalises and splits it, how its word-segmentation CRF joins the tokens into words, and (through
:mod:`.pos_tags`) which tags its POS CRF gives those words. ``import underthesea`` runs a package
``__init__`` that imports every pipeline underthesea offers (NER, chunking, classification, sentiment,
translation …): about 0.3 s of CPU and 50 MB in every process before a word is read. Its
``word_tokenize`` then reads the segmentation model's feature list and dictionary with joblib, whose
unpickler is pure Python: about 0.2 s more.

Its normalisation module reads its two tables with joblib too, twice over, at import; and its POS module
loads a 74,000-word dictionary at import that the POS model's templates never read.

Here only the tokenizer's modules are imported (:func:`underthesea_module`; the package's ``__init__``
is deferred by :func:`extractor.lean_imports.defer_package` and still runs, in full, the first time
anything asks the package itself for a name, e.g. ``from underthesea import pos_tag``). The model files,
plain pickles and CRF models, are read directly: the normalisation tables and the segmentation model's features and dictionary
with the C unpickler, both CRFs with ``underthesea_core``. Files, tables, templates and tokenizer are
underthesea's own; ``tests/find/test_word_models.py`` checks the tables and templates against
underthesea's modules and :func:`word_tokenize` against ``underthesea.word_tokenize`` on every window of
the gold texts (``test_pos_tags.py`` does the same for the tags).
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import sys
import threading
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from extractor.lean_imports import defer_package

PACKAGE = "underthesea"
#: underthesea's normalisation must be imported before its tokenizer (the two import each other).
_TOKENIZER_MODULES = (
    "underthesea.pipeline.text_normalize",
    "underthesea.pipeline.word_tokenize.regex_tokenize",
)
#: The module of normalisation tables that :func:`_normalisation_tables` provides, and its file (in the
#: package folder; the name is ``rule_file`` in that module).
_TABLES_MODULE = "underthesea.pipeline.text_normalize.text_normalizer"
_TABLES_FILE = Path("pipeline") / "text_normalize" / "tn_rules_2023_07_14.bin"
#: The segmentation model's folder (in the package folder; ``word_tokenize`` loads it) and its three files.
_SEGMENTATION_MODEL = Path("pipeline") / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727"
#: The POS model's file (in the package folder) and the feature templates it was trained with, as
#: ``underthesea.pipeline.pos_tag.model_crf.CRFPOSTagPredictor`` gives them (tested).
_POS_MODEL = Path("pipeline") / "pos_tag" / "pos_crf_2017_10_11.bin"
POS_TEMPLATES = (
    *("T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower"),
    *("T[0].istitle", "T[-1].istitle", "T[1].istitle"),
    *("T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]", "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]"),  # words
    *("T[-3][1]", "T[-2][1]", "T[-1][1]", "T[-3,-2][1]", "T[-2,-1][1]"),  # tags before
)
#: What the segmentation model tags a token that continues the word before it.
_INSIDE_WORD = "I-W"


_registering = threading.Lock()


def _registered_package() -> ModuleType:
    """The ``underthesea`` package in ``sys.modules``: the real one when imported already, otherwise one
    whose ``__init__`` has not run (:func:`extractor.lean_imports.defer_package`), with the module of
    normalisation tables made here (:func:`_normalisation_tables`). One thread registers it."""
    with _registering:
        imported = PACKAGE in sys.modules
        package = defer_package(PACKAGE)
        if not imported:
            sys.modules.setdefault(_TABLES_MODULE, _normalisation_tables(package))
        return package


def _folder(package: ModuleType) -> Path:
    """The package's folder on disk."""
    return Path(next(iter(package.__path__)))


def _normalisation_tables(package: ModuleType) -> ModuleType:
    """underthesea's module of normalisation tables (``character_map``, ``token_map``, ``rule_file``), made
    from the same file with the C unpickler and registered before the normalisation modules that import
    it. Any other name it is asked for (``TextNormalizer`` …) loads underthesea's own module in its place."""
    tables = ModuleType(
        _TABLES_MODULE, "underthesea's normalisation tables, read by Minh Chứng (word_models)"
    )
    source = _folder(package) / _TABLES_FILE.parent / "text_normalizer.py"
    with open(_folder(package) / _TABLES_FILE, "rb") as file:
        data = pickle.load(file)  # the package's own file, a plain pickle
    tables.__file__ = str(source)
    tables.rule_file = _TABLES_FILE.name  # type: ignore[attr-defined]
    tables.character_map = data["character"]  # type: ignore[attr-defined]
    tables.token_map = data["token"]  # type: ignore[attr-defined]

    def real(attribute: str) -> Any:
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)
        spec = importlib.util.spec_from_file_location(_TABLES_MODULE, source)
        if spec is None or spec.loader is None:
            raise AttributeError(attribute)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[_TABLES_MODULE] = module
        return getattr(module, attribute)

    tables.__dict__["__getattr__"] = real
    return tables


def underthesea_module(name: str) -> ModuleType:
    """The underthesea module ``name`` (e.g. ``"underthesea.pipeline.pos_tag.model_crf"``), imported
    without the package's ``__init__`` when the package is not imported yet."""
    _registered_package()
    for module in _TOKENIZER_MODULES:
        importlib.import_module(module)
    return importlib.import_module(name)


def tokenize(window: str) -> list[str]:
    """underthesea's regex tokenizer, with its token normalisation (what ``word_tokenize`` does first)."""
    return underthesea_module("underthesea.pipeline.word_tokenize.regex_tokenize").tokenize(
        window, use_token_normalize=True, fixed_words=[]
    )


def kept_as_written(letters: str) -> bool:
    """Whether underthesea's normalisation leaves ``letters`` as written: neither its character
    normalisation nor its table of old spellings changes them."""
    characters = underthesea_module("underthesea.pipeline.text_normalize.character_normalize")
    tokens = underthesea_module("underthesea.pipeline.text_normalize.token_normalize")
    return (
        characters.normalize_characters_in_text(letters) == letters
        and tokens.token_normalize(letters) == letters
    )


@cache
def _segmentation_model() -> tuple[Any, Any]:
    """The word-segmentation CRF and its featurizer, from underthesea's model files (read once)."""
    core = importlib.import_module("underthesea_core")
    folder = _folder(_registered_package()) / _SEGMENTATION_MODEL
    tagger = core.CRFTagger()
    tagger.load(str(folder / "models.bin"))
    with open(folder / "features.bin", "rb") as features, open(folder / "dictionary.bin", "rb") as dictionary:
        # the package's own files, plain pickles
        featurizer = core.CRFFeaturizer(pickle.load(features), pickle.load(dictionary))
    return tagger, featurizer


def word_tokenize(window: str) -> list[str]:
    """underthesea's ``word_tokenize(window)``: its tokens joined into words by its segmentation model."""
    tokens = tokenize(window)
    if not tokens:
        return []
    tagger, featurizer = _segmentation_model()
    tags = tagger.tag(featurizer.process([[[token] for token in tokens]])[0])
    words: list[str] = []
    for tag, token in zip(tags, tokens, strict=True):
        if tag == _INSIDE_WORD and words:
            words[-1] += " " + token
        else:
            words.append(token)
    return words


@cache
def pos_model() -> Any:
    """underthesea's POS CRF (``underthesea_core.CRFTagger``), loaded once; its features are built from
    :data:`POS_TEMPLATES`."""
    tagger = importlib.import_module("underthesea_core").CRFTagger()
    tagger.load(str(_folder(_registered_package()) / _POS_MODEL))
    return tagger
