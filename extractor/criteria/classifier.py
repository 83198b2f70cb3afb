"""The criterion-family classifier as the mapper uses it: the compiled model, loaded once per process on first
use, and :func:`predict` (family → calibrated probability for each sentence of a call).

The classifier is TF-IDF (syllable 1–2-grams + character n-grams) + keyword rules, one-vs-rest linear SVMs
with sigmoid-calibrated probabilities. It predicts *families* (``corpora/tt124/families.json``), which are shared
across TT124 Art. 4–7; :mod:`extractor.criteria.mapping` turns families into the article's criterion ids.

Training (``minhchung train``, :mod:`extractor.criteria.training`) fits a scikit-learn pipeline on the
labelled sentences (:mod:`extractor.criteria.labelled_sentences`) and compiles it
(:mod:`extractor.criteria.estimators`) into a :class:`~extractor.criteria.family_model.LinearFamilyModel` —
the vocabularies, IDF weights, SVM weights and sigmoid calibrations as plain arrays — saved as
``models/criteria/criteria_classifier.npz``. Prediction needs neither scikit-learn nor scipy nor a word
segmenter: all sentences of a call are featurised together (:mod:`extractor.criteria.tfidf`, with the
analyzers of :mod:`extractor.criteria.ngrams`, and the keyword families found by one scan of the texts joined,
:func:`extractor.criteria.keywords.keyword_hits`) and scored with one matrix product, which gives the
scikit-learn pipeline's probabilities (to rounding) at a fraction of the cost.
"""

from __future__ import annotations

from functools import cache

from extractor.criteria import rules
from extractor.criteria.family_model import LinearFamilyModel
from models import MODELS_DIR

ARTEFACT = MODELS_DIR / "criteria" / "criteria_classifier.npz"
THRESHOLD = 0.5  # a family is predicted from this probability (recorded in the model; used by training)


@cache
def load_model() -> LinearFamilyModel | None:
    """The compiled classifier (loaded on first use, once per process) or ``None`` when not built yet."""
    if not ARTEFACT.exists():
        return None
    return LinearFamilyModel.load(ARTEFACT)


def predict(texts: list[str]) -> list[dict[str, float]]:
    """Family → calibrated probability for each text, all texts scored in one batch (a text repeated in the
    call — a running header, a line said twice — is scored once: each row's score depends on its text alone).
    Falls back to keyword rules without an artefact."""
    if not texts:
        return []
    model = load_model()
    if model is None:
        return [{family: 0.55 for family in rules.keyword_hits(text)} for text in texts]
    row_of = {text: index for index, text in enumerate(dict.fromkeys(texts))}
    rows = model.predict_proba(list(row_of)).tolist()
    return [dict(zip(model.families, rows[row_of[text]], strict=True)) for text in texts]
