"""underthesea's word segmentation and POS model, loaded without the rest of underthesea.

The count finder asks underthesea three things about the short window after a number: how its tokenizer
normalises and splits it, how its word-segmentation CRF joins the tokens into words, and (through
:mod:`.pos_tags`) which tags its POS CRF gives those words. ``import underthesea`` runs a package
``__init__`` that imports every pipeline underthesea offers (NER, chunking, classification, sentiment,
translation …): about 0.3 s of CPU and 50 MB in every process before a word is read. Its
``word_tokenize`` then reads the segmentation model's feature list and dictionary with joblib, whose
unpickler is pure Python: about 0.2 s more.

Here only the modules that hold the three things are imported (:func:`underthesea_module`: the package
is registered without running its ``__init__``, which still runs, in full, the first time anything asks
the package itself for a name, e.g. ``from underthesea import pos_tag``), and the segmentation model's
files, which are plain pickles, are read with the C unpickler. Models, features and tokenizer are
underthesea's own; ``tests/find/test_word_models.py`` checks that :func:`word_tokenize` gives what
``underthesea.word_tokenize`` gives on every window of the gold texts.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = "underthesea"
#: underthesea's normalisation must be imported before its tokenizer (the two import each other).
_TOKENIZER_MODULES = (
    "underthesea.pipeline.text_normalize",
    "underthesea.pipeline.word_tokenize.regex_tokenize",
)
#: The segmentation model's folder beside ``underthesea/pipeline/word_tokenize`` and its three files.
_SEGMENTATION_MODEL = Path("models") / "ws_crf_vlsp2013_20230727"
#: What the segmentation model tags a token that continues the word before it.
_INSIDE_WORD = "I-W"


def _registered_package() -> ModuleType:
    """The ``underthesea`` package in ``sys.modules``: the real one when imported already, otherwise a
    package whose ``__init__`` has not run (its submodules import as usual). Its first missing attribute
    runs the ``__init__`` in full (a module ``__getattr__``, PEP 562), so later code sees the whole package."""
    package = sys.modules.get(PACKAGE)
    if package is not None:
        return package
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {PACKAGE!r}", name=PACKAGE)
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def complete(name: str) -> Any:
        del package.__dict__["__getattr__"]  # the __init__ defines the package's names; no second run
        loader.exec_module(package)
        return getattr(package, name)

    package.__dict__["__getattr__"] = complete
    sys.modules[PACKAGE] = package
    return package


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
    folder = (
        Path(underthesea_module("underthesea.pipeline.word_tokenize").__file__).parent / _SEGMENTATION_MODEL
    )
    tagger = core.CRFTagger()
    tagger.load(str(folder / "models.bin"))
    with open(folder / "features.bin", "rb") as features, open(folder / "dictionary.bin", "rb") as dictionary:
        featurizer = core.CRFFeaturizer(pickle.load(features), pickle.load(dictionary))  # noqa: S301 (the package's own files)
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
    """underthesea's POS predictor (its CRF and its feature templates), loaded once."""
    return underthesea_module("underthesea.pipeline.pos_tag.model_crf").CRFPOSTagPredictor.Instance()
