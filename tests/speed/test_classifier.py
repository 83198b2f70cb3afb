"""The compiled criterion classifier: the scikit-learn pipeline's probabilities without scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from extractor.criteria import catalogue, classifier, training

REPO = Path(__file__).resolve().parents[2]


def test_compiled_model_gives_the_pipelines_probabilities(tmp_path):
    sentences = classifier.load_sentences()[::4]
    families = catalogue.family_keys()
    texts = [item.text for item in sentences]
    pipeline = training.build_pipeline().fit(texts, classifier.label_matrix(sentences, families))
    model = training.compile_pipeline(pipeline, families)
    model.save(tmp_path / "model.npz")
    loaded = classifier.LinearFamilyModel.load(tmp_path / "model.npz")
    unseen = [item.text for item in classifier.load_sentences()[1::4]] + ["", "   ", "Tiêu chí 3: ĐẠT"]
    expected = pipeline.predict_proba(unseen)
    got = loaded.predict_proba(unseen)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() < 1e-9
    assert ((got >= classifier.THRESHOLD) == (expected >= classifier.THRESHOLD)).all()


def test_features_are_those_of_scikit_learns_analyzers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=classifier.CHAR_NGRAMS).build_analyzer()
    syllables = TfidfVectorizer(token_pattern=classifier.SYLLABLE_PATTERN,
                                ngram_range=classifier.SYLLABLE_NGRAMS).build_analyzer()
    for text in ["Không để xảy ra  cháy, nổ;\ttai nạn lao động.", "a", "Số 48/KH-UBND ngày 22/02/2023", ""]:
        assert sorted(classifier.char_ngrams(text)) == sorted(chars(text))
        assert sorted(classifier.syllable_ngrams(text)) == sorted(syllables(text))


def test_prediction_imports_neither_scikit_learn_nor_a_word_segmenter():
    code = ("import sys; from extractor.criteria import classifier; "
            "print(len(classifier.predict(['Không có cá nhân bị kỷ luật.']))); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'underthesea', 'joblib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={"PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["1", "[]"]
