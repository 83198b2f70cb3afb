"""The compiled criterion classifier: the scikit-learn pipeline's probabilities without scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from extractor.criteria import catalogue, classifier, estimators, family_model, keywords, ngrams, tfidf
from extractor.criteria.labelled_sentences import label_matrix, load_sentences

REPO = Path(__file__).resolve().parents[2]


def test_compiled_model_gives_the_pipelines_probabilities(tmp_path):
    sentences = load_sentences()[::4]
    families = catalogue.family_keys()
    texts = [item.text for item in sentences]
    pipeline = estimators.build_pipeline().fit(texts, label_matrix(sentences, families))
    model = estimators.compile_pipeline(pipeline, families)
    model.save(tmp_path / "model.npz")
    loaded = family_model.LinearFamilyModel.load(tmp_path / "model.npz")
    unseen = [item.text for item in load_sentences()[1::4]] + ["", "   ", "Tiêu chí 3: ĐẠT"]
    expected = pipeline.predict_proba(unseen)
    got = loaded.predict_proba(unseen)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() < 1e-9
    assert ((got >= classifier.THRESHOLD) == (expected >= classifier.THRESHOLD)).all()


def test_features_are_those_of_scikit_learns_analyzers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams.CHAR_NGRAMS).build_analyzer()
    syllables = TfidfVectorizer(
        token_pattern=ngrams.SYLLABLE_PATTERN, ngram_range=ngrams.SYLLABLE_NGRAMS
    ).build_analyzer()
    for text in ["Không để xảy ra  cháy, nổ;\ttai nạn lao động.", "a", "Số 48/KH-UBND ngày 22/02/2023", ""]:
        assert sorted(ngrams.char_ngrams(text)) == sorted(chars(text))
        assert sorted(ngrams.syllable_ngrams(text)) == sorted(syllables(text))


def test_prediction_imports_neither_scikit_learn_nor_a_word_segmenter():
    code = (
        "import sys; from extractor.criteria import classifier; "
        "print(len(classifier.predict(['Không có cá nhân bị kỷ luật.']))); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'underthesea', 'joblib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[:2] == ["1", "[]"]


def test_keyword_features_are_the_catalogue_keyword_hits():
    from extractor.criteria import rules

    families = catalogue.family_keys()
    texts = [item.text for item in load_sentences()]
    texts += [
        line
        for path in sorted((REPO / "corpora" / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    for text in texts:
        hits = rules.keyword_hits(text)
        assert keywords.keyword_row(text, families) == [1.0 if family in hits else 0.0 for family in families]


def test_each_distinct_word_is_analysed_once():
    model = classifier.load_model()
    text = "Không để xảy ra cháy, nổ, không để xảy ra tai nạn lao động."
    for block in model.blocks:
        block.forget_words()
        rows, columns, counts = block.entries([text.lower()])
        assert list(zip(columns.tolist(), counts.tolist(), strict=True)) == list(
            zip(*block.counts(text), strict=True)
        )
        cache = block.word_columns if block.analyzer == "chars" else block.word_syllables
        assert set(cache) == set(text.lower().split())
    chars = next(block for block in model.blocks if block.analyzer == "chars")
    expected = {}
    for gram in ngrams.char_ngrams(text):
        if gram in chars.vocabulary:
            expected[chars.vocabulary[gram]] = expected.get(chars.vocabulary[gram], 0) + 1
    assert dict(zip(*chars.counts(text), strict=True)) == expected


def _corpus_texts() -> list[str]:
    texts = [item.text for item in load_sentences()]
    texts += [
        line
        for path in sorted((REPO / "corpora" / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return texts + ["", "   ", "cháy\x00nổ", "Công an xã\x00", "\x00hộ gia đình"]


def test_a_batchs_keyword_hits_are_each_texts_keyword_row():
    families = catalogue.family_keys()
    texts = _corpus_texts()
    expected = [
        (row, column)
        for row, text in enumerate(texts)
        for column, hit in enumerate(keywords.keyword_row(text, families))
        if hit
    ]
    assert keywords.keyword_hits([text.lower() for text in texts], families) == expected


def test_a_batchs_ngram_entries_are_each_texts_counts():
    model = classifier.load_model()
    # a bigram joins syllables across words ("an  ninh", "an,ninh"), never across texts ("an" | "ninh")
    texts = _corpus_texts()[::7] + ["an", "ninh", "an  ninh", "an,ninh", "an\x00ninh", "", "ninh\tan", "an"]
    assert "an ninh" in model.blocks[0].vocabulary
    for block in model.blocks:
        block.forget_words()
        rows, columns, counts = block.entries([text.lower() for text in texts])
        expected = [
            (row, column, count)
            for row, text in enumerate(texts)
            for column, count in zip(*block.counts(text), strict=True)
        ]
        assert list(zip(rows.tolist(), columns.tolist(), counts.tolist(), strict=True)) == expected


def test_distinct_pairs_keep_each_rows_first_seen_order_on_either_path():
    from collections import Counter

    generator = np.random.default_rng(7)
    rows = np.concatenate(
        [np.sort(generator.integers(0, 40, 3000)), np.sort(generator.integers(0, 40, 2000))]
    )
    columns = generator.integers(0, 300, len(rows))
    expected = [
        (row, column, count)
        for row in range(40)
        for column, count in Counter(columns[rows == row].tolist()).items()
    ]
    for width in (300, 1 << 17):  # radix sorts; one np.unique (columns too wide for 16 bits)
        found = tfidf.distinct(rows, columns, width)
        assert list(zip(*(part.tolist() for part in found), strict=True)) == expected


def test_a_text_scores_the_same_alone_as_in_any_batch():
    odd = ["", "   ", "\x00", "cháy\x00nổ", "Công an xã\x00 hộ gia đình", "a"]
    texts = [item.text for item in load_sentences()[:40]]
    together = classifier.predict(odd + texts)
    assert [classifier.predict([text])[0] for text in odd] == together[: len(odd)]
    assert classifier.predict(odd[:2]) == together[:2]


def test_a_new_word_is_analysed_once_however_often_a_call_repeats_it(monkeypatch):
    model = classifier.load_model()
    texts = ["công an xã, công an xã", "Công an xã bảo vệ an ninh", "an ninh an ninh an ninh"]
    words = [word for text in texts for word in text.lower().split()]
    for block in model.blocks:
        block.forget_words()
        analysed: list[str] = []
        method = "_word_columns" if block.analyzer == "chars" else "_word_syllables"
        analyse = getattr(block, method)
        monkeypatch.setattr(
            block,
            method,
            lambda word, analyse=analyse, analysed=analysed: analysed.append(word) or analyse(word),
        )
        block.entries([text.lower() for text in texts])
        assert sorted(analysed) == sorted(set(words)) and len(words) > len(set(words))


def test_each_new_word_is_analysed_once_and_every_place_answered_even_when_the_cache_empties():
    from extractor.criteria.tfidf import TfidfBlock

    cache = {"an": b"AN"}
    analysed: list[str] = []

    def analyse(word: str) -> bytes:  # a bounded cache of two words, emptied as the block's is when full
        analysed.append(word)
        if len(cache) >= 2:
            cache.clear()
        cache[word] = word.upper().encode()
        return cache[word]

    words = ["an", "ninh", "trật", "ninh", "an", "trật", "tự"]
    assert TfidfBlock._per_word(words, cache, analyse) == [word.upper().encode() for word in words]
    assert analysed == ["ninh", "trật", "tự"]
