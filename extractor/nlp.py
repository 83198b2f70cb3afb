"""The spaCy pipeline: a blank Vietnamese ``Language`` with Minh Chứng's finder components.

Each finder (:mod:`extractor.find.legal_refs`, ``dates``, ``counts``, ``claims``; then
:mod:`extractor.find.link`) is a spaCy factory registered by name in its package, whose config names
the lexicons it reads; the components to run, and their config, are configuration
(``corpora/pipeline.json``), not code. Facts ride on extensions:
``doc._.context`` (what is known of the document: year, doc_type …) and ``doc._.evidence``
(every :class:`~extractor.models.Evidence` found so far;
``doc._.sections`` the section headings, found once by the first component and read by the finders; later components read earlier
ones, e.g. counts skip spans already taken by legal references and dates). Each evidence
is also a ``Span`` in ``doc.spans[kind]`` with ``span._.evidence``.

The tokenizer splits at whitespace like spaCy's Vietnamese syllable tokenizer (``use_pyvi=False``):
it keeps "48/KH-UBND" and "22/02/2023" whole and runs ~25× faster than word segmentation. It is
:class:`SyllableTokenizer`, which gives the same tokens as spaCy's but in time linear in the text
(spaCy aligns each word with ``text[position:].index(word)``, copying the rest of the text for every
word: quadratic, 7 ms per page at 200 pages).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

import corpora
from extractor import lexicons
from extractor.models import Evidence


@dataclass(frozen=True)
class FindContext:
    """What the finders may know of the document they read."""

    year: int | None = None
    doc_type: str | None = None
    issued_on: str | None = None
    number: str | None = None
    subject_type: str | None = None
    period: str | None = None


if not Doc.has_extension("evidence"):
    Doc.set_extension("evidence", default=None)
if not Doc.has_extension("sections"):
    Doc.set_extension("sections", default=None)  # the section headings, found once (extractor.find.sections)
if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)
if not Doc.has_extension("source"):
    Doc.set_extension("source", default=None)  # the text the doc was made of (see text_of)
if not Span.has_extension("evidence"):
    Span.set_extension("evidence", default=None)


def add_evidence(doc: Doc, items: Iterable[Evidence]) -> None:
    """Append ``items`` to ``doc._.evidence`` and record each as a span of its kind.

    The evidence list and each kind's span group are looked up once per call, not once per item (every
    ``doc._`` and ``doc.spans`` access builds a Python object)."""
    evidence = doc._.evidence
    if evidence is None:
        evidence = doc._.evidence = []
    spans: dict[str, list[Span]] = {}
    for item in items:
        evidence.append(item)
        span = doc.char_span(item.start, item.end, label=item.kind, alignment_mode="expand")
        if span is not None:
            span._.evidence = item
            spans.setdefault(item.kind, []).append(span)
    for kind, found in spans.items():
        group = doc.spans.get(kind)
        if group is None:
            doc.spans[kind] = found
        else:
            group.extend(found)


def text_of(doc: Doc) -> str:
    """The text ``doc`` was made of. ``doc.text`` rebuilds it from every token (a Python object per
    token, ≈ 1 ms per page for each component that asks); the tokenizer keeps the string instead."""
    source = doc._.source
    return source if source is not None else doc.text


def finder_component(
    find: Callable[[Doc], list[Evidence]], config: Mapping[str, lexicons.Source]
) -> Callable[[Doc], Doc]:
    """A spaCy component that adds what ``find(doc)`` finds to ``doc._.evidence``, reading the
    lexicons its ``config`` names (name → file under ``corpora/lexicons/``, path or data)."""
    active = lexicons.sources(config)

    def component(doc: Doc) -> Doc:
        with lexicons.using(active):
            add_evidence(doc, find(doc))
        return doc

    return component


# a word and the one " " that may follow it, or a run of whitespace that is a token of its own
_TOKEN = re.compile(r"(\S+)( ?)|(\s+)")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Whitespace-separated words of ``text`` with spaCy's ``get_words_and_spaces`` conventions (one
    following " " is the word's trailing space; any other run of whitespace is a token of its own). A
    normalized text separates its words by one " " or one line break only: then the words come from
    splitting its lines at spaces (see :func:`_single_separated`); any other text is read in one regex pass,
    the engine walking the text, Python reading one tuple per token."""
    words = text.split()
    if len(text) - sum(map(len, words)) == len(words) - 1 == text.count(" ") + text.count("\n"):
        return _single_separated(text)
    pieces = _TOKEN.findall(text)
    return [word or gap for word, _, gap in pieces], [space == " " for _, space, _ in pieces]


def _single_separated(text: str) -> tuple[list[str], list[bool]]:
    """:func:`words_and_spaces` of a text whose words are separated by exactly one " " or one "\\n" (no
    other whitespace, none at either end): each " " is its word's trailing space, each line break a token
    of its own."""
    words: list[str] = []
    spaces: list[bool] = []
    for line in text.split("\n"):
        if words:
            words.append("\n")
            spaces.append(False)
        line_words = line.split(" ")
        words += line_words
        spaces += [True] * (len(line_words) - 1)
        spaces.append(False)
    return words, spaces


class SyllableTokenizer:
    """spaCy tokenizer: whitespace-separated syllables, linear in the length of the text."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.source = text
        return doc

    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> SyllableTokenizer:
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        return None

    def from_disk(self, _path, **_kwargs) -> SyllableTokenizer:
        return self


def pipeline_config() -> dict:
    """The configured components: ``{"components": [{"name", "module", "config"}]}`` (``config`` is the
    factory's, e.g. ``{"lexicons": {"count_units": "count_units.json"}}``; omitted keys keep the defaults)."""
    return corpora.load_json("pipeline.json")


@cache
def get_nlp() -> Language:
    """The process-wide pipeline; built once, reused for every document."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    # The components read the text and the evidence, never a token's lexical attributes (is_alpha,
    # like_num, shape … : spaCy computes 23 of them in Python for every word the vocabulary has not
    # seen, ≈ 0.7 ms per page of new text). None is computed; a component that needs one computes it.
    nlp.vocab.lex_attr_getters = {}  # type: ignore[attr-defined]  # set by spaCy at run time, not in its stubs
    for component in pipeline_config()["components"]:
        importlib.import_module(component["module"])  # registers the factory by name
        nlp.add_pipe(component["name"], config=component.get("config", {}))
    return nlp


def run(text: str, context: FindContext | None = None) -> Doc:
    """Run the finder components over normalized ``text``."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.context = context or FindContext()
    doc._.evidence = []
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
