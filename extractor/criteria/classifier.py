"""The criterion-family classifier: TF-IDF (underthesea words + character n-grams) + keyword rules,
one-vs-rest linear SVMs with sigmoid-calibrated probabilities.

It predicts *families* (``corpora/tt124/families.json``), which are shared across TT124 Art. 4–7;
:mod:`extractor.criteria.mapping` turns families into the article's criterion ids. The artefact is
built by ``minhchung train`` into ``models/criteria/`` and loaded once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from extractor.criteria import catalogue, rules
from models import MODELS_DIR

ARTEFACT = MODELS_DIR / "criteria" / "criteria_classifier.joblib"
SENTENCES_DIR = Path(catalogue.__file__).resolve().parents[2] / "corpora" / "criteria_sentences"
SEED = 20240601
THRESHOLD = 0.5


def segment(text: str) -> str:
    """Lower-cased text with underthesea word segmentation ("trường_hợp")."""
    from underthesea import word_tokenize

    return word_tokenize(text.lower(), format="text")


class KeywordFeatures(BaseEstimator, TransformerMixin):
    """One binary column per family: does any of its catalogue keywords occur?"""

    def fit(self, texts, labels=None):  # noqa: D401 - sklearn API
        self.families_ = catalogue.family_keys()
        return self

    def transform(self, texts):
        rows = []
        for text in texts:
            hits = rules.keyword_hits(text)
            rows.append([1.0 if family in hits else 0.0 for family in self.families_])
        return sparse.csr_matrix(np.asarray(rows, dtype=float))


def build_pipeline():
    """The untrained feature + classifier pipeline (fixed seeds)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    features = FeatureUnion([
        ("words", TfidfVectorizer(preprocessor=segment, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2),
                                  min_df=1, sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, min_df=2,
                                  sublinear_tf=True, max_features=60000)),
        ("keywords", KeywordFeatures()),
    ])
    classifier = OneVsRestClassifier(CalibratedClassifierCV(
        LinearSVC(C=0.5, class_weight="balanced", random_state=SEED), method="sigmoid", cv=3))
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass
class LabelledSentence:
    text: str
    labels: list[str]
    status: str | None
    subject_type: str | None
    source: str


def load_sentences(directory: Path = SENTENCES_DIR) -> list[LabelledSentence]:
    """Every labelled sentence in ``corpora/criteria_sentences/*.jsonl`` (sorted file order)."""
    known = set(catalogue.family_keys())
    found: list[LabelledSentence] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            unknown = set(item["labels"]) - known
            if unknown:
                raise ValueError(f"{path.name}: unknown families {sorted(unknown)}")
            found.append(LabelledSentence(item["text"], item["labels"], item.get("status"),
                                          item.get("subject_type"), item.get("source", path.name)))
    return found


def label_matrix(sentences: list[LabelledSentence], families: list[str]) -> np.ndarray:
    return np.asarray([[1 if family in item.labels else 0 for family in families] for item in sentences])


@cache
def load_model() -> dict[str, Any] | None:
    """The trained artefact (``{"pipeline", "families", ...}``) or ``None`` when not built yet."""
    if not ARTEFACT.exists():
        return None
    import joblib

    return joblib.load(ARTEFACT)


def predict(texts: list[str]) -> list[dict[str, float]]:
    """Family → calibrated probability for each text. Falls back to keyword rules without an artefact."""
    if not texts:
        return []
    model = load_model()
    if model is None:
        return [{family: 0.55 for family in rules.keyword_hits(text)} for text in texts]
    probabilities = model["pipeline"].predict_proba(texts)
    return [dict(zip(model["families"], map(float, row), strict=True)) for row in probabilities]
