"""Grouped cross-validation of the criterion-family classifier: folds that keep a source document and its
near-duplicates together, out-of-fold predictions scored per family (model, seed sentences, keyword rules
alone), repeated over shuffles to show the spread, with the status rules' agreement in the same report."""

from __future__ import annotations

from typing import Any

import numpy as np

from extractor.criteria import catalogue, rules
from extractor.criteria.classifier import THRESHOLD
from extractor.criteria.estimators import SEED, build_pipeline
from extractor.criteria.labelled_sentences import LabelledSentence, label_matrix
from extractor.criteria.status_accuracy import status_rule_accuracy

FOLDS = 5
REPEATS = 3  # grouped CV repeated with seeds SEED, SEED+1, SEED+2 to show the spread
NEAR_DUPLICATE = 0.8  # cosine over character n-grams above which two sentences count as one


def _scores(truth: np.ndarray, predicted: np.ndarray, families: list[str]) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, zero_division=0)
    per_family = {
        family: {
            "precision": round(float(p), 3),
            "recall": round(float(r), 3),
            "f1": round(float(f), 3),
            "support": int(s),
        }
        for family, p, r, f, s in zip(families, precision, recall, f1, support, strict=True)
    }
    present = [item for item in per_family.values() if item["support"] > 0]
    macro = float(np.mean([item["f1"] for item in present])) if present else 0.0
    return {"per_family": per_family, "macro_f1": round(macro, 3)}


def leakage_groups(sentences: list[LabelledSentence], similarity: float = NEAR_DUPLICATE) -> list[int]:
    """Cross-validation groups: sentences of one source document share a group, and so do near-duplicates
    (cosine ≥ ``similarity`` over character 3–5-grams) wherever they come from, so no fold is tested on
    wording it was trained on."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    parent = list(range(len(sentences)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_of: dict[str, int] = {}
    for index, item in enumerate(sentences):
        parent[root(index)] = root(first_of.setdefault(item.document, index))
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(
        [item.text.lower() for item in sentences]
    )
    similar = (vectors @ vectors.T).tocoo()
    for row, column, value in zip(similar.row, similar.col, similar.data, strict=True):
        if row != column and value >= similarity:
            parent[root(row)] = root(column)
    return [root(index) for index in range(len(sentences))]


def folds(sentences: list[LabelledSentence], seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped folds (fixed seed) over :func:`leakage_groups`."""
    from sklearn.model_selection import GroupKFold

    splitter = GroupKFold(FOLDS, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(sentences)), groups=leakage_groups(sentences)))


def cross_validate(sentences: list[LabelledSentence]) -> dict[str, Any]:
    """5-fold grouped CV (fixed seed): out-of-fold predictions scored per family, overall and on seed sentences."""
    families = catalogue.family_keys()
    texts = [item.text for item in sentences]
    truth = label_matrix(sentences, families)
    predicted = _out_of_fold(sentences, truth)
    repeats = [
        _scores(truth, _out_of_fold(sentences, truth, SEED + shift), families)["macro_f1"]
        for shift in range(1, REPEATS)
    ]
    keyword_only = np.asarray(
        [[1 if family in rules.keyword_hits(text) else 0 for family in families] for text in texts]
    )
    seed_rows = [i for i, item in enumerate(sentences) if item.source.startswith("seed:")]
    return {
        "model": _scores(truth, predicted, families),
        "model_on_seed_sentences": _scores(truth[seed_rows], predicted[seed_rows], families),
        "keyword_rules_only": _scores(truth, keyword_only, families),
        "status_rules": status_rule_accuracy(sentences),
        "repeated_macro_f1": [_scores(truth, predicted, families)["macro_f1"], *repeats],
    }


def _out_of_fold(sentences: list[LabelledSentence], truth: np.ndarray, seed: int = SEED) -> np.ndarray:
    """Out-of-fold 0/1 predictions of the pipeline under grouped folds shuffled with ``seed``."""
    texts = [item.text for item in sentences]
    predicted = np.zeros_like(truth)
    for train_index, test_index in folds(sentences, seed):
        pipeline = build_pipeline()
        pipeline.fit([texts[i] for i in train_index], truth[train_index])
        probabilities = pipeline.predict_proba([texts[i] for i in test_index])
        predicted[test_index] = (probabilities >= THRESHOLD).astype(int)
    return predicted
