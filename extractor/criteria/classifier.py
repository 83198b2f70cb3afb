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
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

from extractor.criteria import catalogue, rules
from models import MODELS_DIR

ARTEFACT = MODELS_DIR / "criteria" / "criteria_classifier.joblib"
SENTENCES_DIR = Path(catalogue.__file__).resolve().parents[2] / "corpora" / "criteria_sentences"
SEED = 20240601
THRESHOLD = 0.5
KEYWORD_WEIGHT = 1.0


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


class FamilyClassifier(BaseEstimator, ClassifierMixin):
    """One family's LinearSVC with sigmoid-calibrated probabilities (``CalibratedClassifierCV``, 3 folds).

    With fewer than 3 positive examples (a fold of grouped cross-validation can leave a rare family
    almost empty) calibration is impossible: it falls back to a constant prior (no positives) or the
    SVM margin through a fixed logistic.
    """

    def __init__(self, C: float = 0.5) -> None:
        self.C = C

    def fit(self, features, labels):
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        labels = np.asarray(labels)
        self.classes_ = np.array([0, 1])
        positives = int(labels.sum())
        svm = LinearSVC(C=self.C, class_weight="balanced", random_state=SEED)
        if positives >= 3 and len(labels) - positives >= 3:
            self.model_, self.mode_ = CalibratedClassifierCV(svm, method="sigmoid", cv=3).fit(features, labels), "calibrated"
        elif positives:
            self.model_, self.mode_ = svm.fit(features, labels), "margin"
        else:
            self.model_, self.mode_ = None, "empty"
        return self

    def predict_proba(self, features):
        rows = features.shape[0]
        if self.mode_ == "calibrated":
            return self.model_.predict_proba(features)
        positive = np.zeros(rows) if self.mode_ == "empty" else 1 / (1 + np.exp(-2 * self.model_.decision_function(features)))
        return np.column_stack([1 - positive, positive])

    def predict(self, features):
        return (self.predict_proba(features)[:, 1] >= THRESHOLD).astype(int)


def build_pipeline():
    """The untrained feature + classifier pipeline (fixed seeds)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("words", TfidfVectorizer(preprocessor=segment, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2),
                                  min_df=1, sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, min_df=2,
                                  sublinear_tf=True, max_features=60000)),
        ("keywords", KeywordFeatures()),
    ], transformer_weights={"words": 1.0, "chars": 1.0, "keywords": KEYWORD_WEIGHT})
    classifier = OneVsRestClassifier(FamilyClassifier(C=0.5))
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass
class LabelledSentence:
    text: str
    labels: list[str]
    status: str | None
    subject_type: str | None
    source: str
    doc_type: str | None = None
    group: str = ""

    @property
    def document(self) -> str:
        """The source document ("seed:<doc>#3" → "seed:<doc>") — the unit of grouped cross-validation."""
        return self.group or self.source.split("#", 1)[0]

    @property
    def index(self) -> int:
        """Position of the sentence in its source document (reading order)."""
        tail = self.source.rsplit("#", 1)[-1]
        return int(tail) if tail.isdigit() else 0


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
                                          item.get("subject_type"), item.get("source", path.name),
                                          item.get("doc_type"), item.get("group", "")))
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
