"""Work grows linearly with the length of a document: operations are counted on growing inputs, never timed."""

from __future__ import annotations

from spacy import util

from extractor import nlp, pipeline
from extractor.criteria import classifier, family_model, mapping
from extractor.models import DocumentInfo, Evidence


class CountingText(str):
    """A ``str`` that counts the characters copied out of it by slicing."""

    copied = 0

    def __getitem__(self, key):
        piece = super().__getitem__(key)
        CountingText.copied += len(piece)
        return piece


def copied_while(work, text: str) -> int:
    CountingText.copied = 0
    work(CountingText(text))
    return CountingText.copied


def paragraph_text(paragraphs: int) -> str:
    return (
        "Ngày 22/02/2023, UBND xã ban hành Kế hoạch số 48/KH-UBND  về bảo đảm an ninh, trật tự.\n"
        * paragraphs
    )


def test_tokenizer_matches_spacy_and_copies_a_linear_amount_of_text():
    text = paragraph_text(30) + " \t lẻ  \u00a0cuối "
    assert nlp.words_and_spaces(text) == util.get_words_and_spaces(text.split(), text)
    assert isinstance(nlp.get_nlp().tokenizer, nlp.SyllableTokenizer)
    # a word the vocabulary has not seen costs no Python call for lexical attributes nobody reads
    assert nlp.get_nlp().vocab.lex_attr_getters == {}
    small, large = paragraph_text(100), paragraph_text(1000)
    ours = copied_while(nlp.words_and_spaces, small), copied_while(nlp.words_and_spaces, large)
    assert ours[1] <= 11 * ours[0] and ours[1] <= len(large)
    # the guard bites: spaCy's own alignment copies the rest of the text for every word (quadratic)
    spacy_small = copied_while(lambda t: util.get_words_and_spaces(t.split(), t), small)
    spacy_large = copied_while(lambda t: util.get_words_and_spaces(t.split(), t), large)
    assert spacy_large > 50 * spacy_small


def test_sections_copy_each_character_once():
    for paragraphs in (1000, 10000):
        text = paragraph_text(paragraphs)
        pieces = pipeline.sections(text, limit=10_000)
        assert sum(len(piece) for _, piece in pieces) == len(text)
        assert len(pieces) <= len(text) // 9_000 + 1


def test_classifier_scores_all_texts_of_a_call_in_one_matrix_product(monkeypatch):
    model = classifier.load_model()
    assert model is not None, "models/criteria/criteria_classifier.npz is missing: run `minhchung train`"
    calls: list[int] = []
    decision = family_model.LinearFamilyModel.decision

    def counted(self, texts):
        calls.append(len(texts))
        return decision(self, texts)

    monkeypatch.setattr(family_model.LinearFamilyModel, "decision", counted)
    texts = [f"{line} ({index})" for index, line in enumerate(paragraph_text(5).splitlines() * 40)]
    scores = classifier.predict(texts)
    assert calls == [len(texts)]
    assert len(scores) == len(texts) and set(scores[0]) == set(model.families)


def test_a_text_repeated_in_a_call_is_scored_once_with_the_same_scores(monkeypatch):
    calls: list[int] = []
    decision = family_model.LinearFamilyModel.decision

    def counted(self, texts):
        calls.append(len(texts))
        return decision(self, texts)

    monkeypatch.setattr(family_model.LinearFamilyModel, "decision", counted)
    lines = ["Không để xảy ra cháy, nổ.", "Ngày 22/02/2023, UBND xã ban hành Kế hoạch số 48/KH-UBND."]
    alone = [classifier.predict([line])[0] for line in lines]
    scores = classifier.predict(lines * 50)
    assert calls[-1] == 2
    assert scores == alone * 50 and scores[0] is not scores[2]


class CountedEvidence(Evidence):
    """Evidence that counts how often any code reads its ``start``."""

    reads = 0

    def __getattribute__(self, name):
        if name == "start":
            CountedEvidence.reads += 1
        return object.__getattribute__(self, name)


def evidence_reads_while_mapping(paragraphs: int) -> int:
    line = "Ngày 22/02/2023, xã không để xảy ra cháy, nổ, tai nạn lao động. "
    text = "\n".join(line for _ in range(paragraphs))
    evidence = [
        CountedEvidence(
            "date",
            "22/02/2023",
            index * (len(line) + 1) + 5,
            index * (len(line) + 1) + 15,
            {},
            1.0,
            "test",
            page=1,
        )
        for index in range(paragraphs)
    ]
    CountedEvidence.reads = 0
    mapping.assess(
        DocumentInfo(source="t", sha256="", pages=1, doc_type="bao_cao", subject_type="xa"),
        text,
        evidence,
        page_at=lambda offset: 1,
    )
    return CountedEvidence.reads


def test_criterion_mapping_reads_each_evidence_a_bounded_number_of_times():
    small, large = evidence_reads_while_mapping(100), evidence_reads_while_mapping(400)
    assert large <= 6 * small


class CountedParts(tuple):
    """Plan parts that count how often any code walks through them."""

    walks = 0

    def __iter__(self):
        CountedParts.walks += 1
        return super().__iter__()


def test_each_sentence_finds_its_reading_context_without_walking_all_plan_parts():
    from extractor.criteria.reading import Reading

    for parts in (100, 1000):
        plan = CountedParts((index * 100, index * 100 + 50) for index in range(parts))
        document_reading = Reading(
            kind="report", subject_type="xa", subject_from="header", year=2024, plan_parts=plan
        )
        CountedParts.walks = 0
        contexts = [document_reading.context_at(offset) for offset in range(0, parts * 100, 25)]
        assert contexts[:4] == ["plan", "plan", "result", "result"]
        assert CountedParts.walks <= 1  # the starts are listed once, then each sentence is a binary search


class ComparedQuote(dict):
    """A sentence finding that counts how often it is compared with another."""

    comparisons = 0

    def __eq__(self, other):
        ComparedQuote.comparisons += 1
        return dict.__eq__(self, other)

    __hash__ = None  # as a dict


def comparisons_while_deciding(quotes_per_status: int) -> int:
    from extractor.criteria import catalogue, decide

    quotes = [
        ComparedQuote(
            status=status,
            role="evidence",
            confidence=0.7,
            start=index,
            end=index + 1,
            text=f"câu {index}",
            points={},
            parts=[],
            rule=None,
            cue="đã",
        )
        for index in range(quotes_per_status)
        for status in ("met", "target", "unclear")
    ]
    ComparedQuote.comparisons = 0
    decide.decide(catalogue.by_id("TT124.4.1"), quotes)
    return ComparedQuote.comparisons


def test_a_criterion_is_decided_without_comparing_every_sentence_with_every_other():
    small, large = comparisons_while_deciding(100), comparisons_while_deciding(400)
    assert large <= 4 * small + 10, (small, large)


class CountingPattern:
    """A compiled pattern that counts the characters each search is given to read."""

    read = 0

    def __init__(self, pattern):
        self.compiled, self.pattern, self.flags = pattern, pattern.pattern, pattern.flags

    def search(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else min(endpos, len(text))
        CountingPattern.read += max(0, end - pos)
        return self.compiled.search(text, pos, end)


def characters_read_for_shares(shares: int) -> int:
    """Characters copied out of, and searched in, one long line of ``shares`` shares read for a clause."""
    from dataclasses import replace

    from extractor.criteria import ratios, thresholds

    requirement = thresholds.ratio_requirements()["TT124.5.4"]
    counted = replace(
        requirement,
        restatement=CountingPattern(requirement.restatement),
        threshold_before=CountingPattern(requirement.threshold_before),
        threshold_after=CountingPattern(requirement.threshold_after),
    )
    line = " ".join(
        f"thôn số {index} có {index % 7 + 3}/{index % 7 + 5} tổ đã đăng ký, đạt {50 + index % 40},5%,"
        for index in range(shares)
    )
    CountingText.copied = CountingPattern.read = 0
    readings = ratios.ratio_readings(CountingText(line), counted)
    assert len(readings) == shares
    return CountingText.copied + CountingPattern.read


def test_the_shares_of_one_long_line_are_read_in_linear_work():
    # was the whole text before and after each share, copied and searched: quadratic in a line's shares
    small, large = characters_read_for_shares(100), characters_read_for_shares(400)
    assert large <= 6 * small, (small, large)


class WatchedEvidence(Evidence):
    """Evidence that counts how often any code reads where it starts or ends."""

    reads = 0

    def __getattribute__(self, name):
        if name in {"start", "end"}:
            WatchedEvidence.reads += 1
        return object.__getattribute__(self, name)


def evidence_reads_with_a_long_item(lines: int) -> int:
    """Reads of evidence positions while each sentence of ``lines`` finds its items, one item spanning
    the whole document (a long claim or quotation) among one short item per line."""
    line = "Ngày 22/02/2023, xã không để xảy ra cháy, nổ, tai nạn lao động."
    text = "\n".join(line for _ in range(lines))

    def item(start: int, end: int) -> WatchedEvidence:
        return WatchedEvidence("date", text[start:end], start, end, {}, 1.0, "test", page=1)

    evidence = [item(0, len(text))] + [
        item(index * (len(line) + 1) + 5, index * (len(line) + 1) + 15) for index in range(lines)
    ]
    index = mapping.EvidenceIndex(evidence)
    sentences = mapping.split_sentences(text)
    WatchedEvidence.reads = 0
    found = [index.inside(sentence) for sentence in sentences]
    assert all(len(items) == 2 for items in found)
    return WatchedEvidence.reads


def test_each_sentence_finds_its_evidence_without_rereading_the_items_before_it():
    # was every item started within the longest item's length before the sentence: quadratic with one
    # item spanning the document
    small, large = evidence_reads_with_a_long_item(100), evidence_reads_with_a_long_item(400)
    assert large <= 5 * small, (small, large)
