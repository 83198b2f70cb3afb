"""The scikit-learn pipeline the criterion-family classifier is trained as (TF-IDF blocks + keyword features,
one calibrated linear SVM per family, fixed seeds), and its compilation into the plain-array
:class:`~extractor.criteria.family_model.LinearFamilyModel` that prediction uses."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

from extractor.criteria import catalogue, keywords
from extractor.criteria.classifier import THRESHOLD
from extractor.criteria.family_model import LinearFamilyModel
from extractor.criteria.ngrams import CHAR_NGRAMS, SYLLABLE_NGRAMS, SYLLABLE_PATTERN
from extractor.criteria.tfidf import TfidfBlock

SEED = 20240601  # LinearSVC's random_state and the cross-validation folds' first shuffle
KEYWORD_WEIGHT = 1.0  # the keyword block's weight in the feature union


class KeywordFeatures(BaseEstimator, TransformerMixin):
    """One binary column per family: does any of its catalogue keywords occur?"""

    def fit(self, texts, labels=None):  # noqa: D401 - sklearn API
        self.families_ = catalogue.family_keys()
        return self

    def transform(self, texts):
        from scipy import sparse

        return sparse.csr_matrix(
            np.asarray([keywords.keyword_row(text, self.families_) for text in texts], dtype=float).reshape(
                len(texts), len(self.families_)
            )
        )


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
            self.model_, self.mode_ = (
                CalibratedClassifierCV(svm, method="sigmoid", cv=3).fit(features, labels),
                "calibrated",
            )
        elif positives:
            self.model_, self.mode_ = svm.fit(features, labels), "margin"
        else:
            self.model_, self.mode_ = None, "empty"
        return self

    def predict_proba(self, features):
        rows = features.shape[0]
        if self.mode_ == "calibrated":
            return self.model_.predict_proba(features)
        positive = (
            np.zeros(rows)
            if self.mode_ == "empty"
            else 1 / (1 + np.exp(-2 * self.model_.decision_function(features)))
        )
        return np.column_stack([1 - positive, positive])

    def predict(self, features):
        return (self.predict_proba(features)[:, 1] >= THRESHOLD).astype(int)

    def linear_columns(self) -> list[tuple[np.ndarray, float, float, float]]:
        """This family's scorers as ``(weights, intercept, a, b)``: probability = expit(-(a·(w·x + c) + b)),
        averaged over the scorers (3 calibrated folds, or the margin logistic a=-2, or a constant 0)."""
        if self.mode_ == "calibrated":
            return [
                (
                    np.asarray(item.estimator.coef_, dtype=float).ravel(),
                    float(item.estimator.intercept_[0]),
                    float(item.calibrators[0].a_),
                    float(item.calibrators[0].b_),
                )
                for item in self.model_.calibrated_classifiers_
            ]
        if self.mode_ == "margin":
            return [
                (
                    np.asarray(self.model_.coef_, dtype=float).ravel(),
                    float(self.model_.intercept_[0]),
                    -2.0,
                    0.0,
                )
            ]
        return [(np.zeros(0), 0.0, 0.0, math.inf)]


def build_pipeline():
    """The untrained feature + classifier pipeline (fixed seeds)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            (
                "syllables",
                TfidfVectorizer(
                    token_pattern=SYLLABLE_PATTERN,
                    ngram_range=SYLLABLE_NGRAMS,
                    lowercase=True,
                    min_df=1,
                    sublinear_tf=True,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=CHAR_NGRAMS,
                    lowercase=True,
                    min_df=2,
                    sublinear_tf=True,
                    max_features=60000,
                ),
            ),
            ("keywords", KeywordFeatures()),
        ],
        transformer_weights={"syllables": 1.0, "chars": 1.0, "keywords": KEYWORD_WEIGHT},
    )
    return Pipeline([("features", features), ("classifier", OneVsRestClassifier(FamilyClassifier(C=0.5)))])


def compile_pipeline(
    pipeline, families: list[str], metadata: dict[str, Any] | None = None
) -> LinearFamilyModel:
    """The fitted :func:`build_pipeline` as a :class:`LinearFamilyModel` with the same probabilities."""
    union = pipeline.named_steps["features"]
    weights_of = union.transformer_weights or {}
    blocks, keyword = [], None
    for name, transformer in union.transformer_list:
        if isinstance(transformer, KeywordFeatures):
            keyword = (transformer.families_, float(weights_of.get(name, 1.0)))
            continue
        analyzer = "chars" if transformer.analyzer == "char_wb" else "syllables"
        vocabulary = {term: int(index) for term, index in transformer.vocabulary_.items()}
        blocks.append(
            TfidfBlock(
                analyzer,
                vocabulary,
                np.asarray(transformer.idf_, dtype=float),
                float(weights_of.get(name, 1.0)),
            )
        )
    if keyword is None or [name for name, _ in union.transformer_list][-1] != "keywords":
        raise ValueError("the keyword block must be the last feature block")
    n_features = sum(len(block.vocabulary) for block in blocks) + len(keyword[0])
    columns: list[np.ndarray] = []
    intercepts: list[float] = []
    slopes: list[float] = []
    offsets: list[float] = []
    starts: list[int] = []
    for estimator in pipeline.named_steps["classifier"].estimators_:
        starts.append(len(columns))
        if hasattr(estimator, "linear_columns"):
            scorers = estimator.linear_columns()
        else:  # scikit-learn's constant predictor for a label column with one value
            scorers = [(np.zeros(0), 0.0, 0.0, -math.inf if float(np.ravel(estimator.y_)[0]) else math.inf)]
        for weights, intercept, slope, offset in scorers:
            columns.append(weights if len(weights) else np.zeros(n_features))
            intercepts.append(intercept)
            slopes.append(slope)
            offsets.append(offset)
    return LinearFamilyModel(
        list(families),
        blocks,
        list(keyword[0]),
        keyword[1],
        np.column_stack(columns),
        np.asarray(intercepts),
        np.asarray(slopes),
        np.asarray(offsets),
        np.asarray(starts),
        metadata or {},
    )
