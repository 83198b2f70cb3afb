"""The spaCy pipeline: a blank Vietnamese ``Language`` with Minh Chứng's finder components.

Each finder (``find_legal_refs``, ``find_dates``, ``find_counts``, ``find_claims``) is a
spaCy component registered by name in its own module; the list of components to run is
configuration (``corpora/pipeline.json``), not code. Facts ride on extensions:
``doc._.context`` (what is known of the document: year, doc_type …) and ``doc._.evidence``
(every :class:`~extractor.models.Evidence` found so far; later components read earlier
ones, e.g. counts skip spans already taken by legal references and dates). Each evidence
is also a ``Span`` in ``doc.spans[kind]`` with ``span._.evidence``.

The tokenizer is spaCy's syllable tokenizer (``use_pyvi=False``): it keeps "48/KH-UBND"
and "22/02/2023" whole and runs ~25× faster than word segmentation, which is applied only
where it pays (unit noun phrases, classifier features).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import corpora
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
if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)
if not Span.has_extension("evidence"):
    Span.set_extension("evidence", default=None)


def add_evidence(doc: Doc, items: Iterable[Evidence]) -> None:
    """Append ``items`` to ``doc._.evidence`` and record each as a span of its kind."""
    if doc._.evidence is None:
        doc._.evidence = []
    for item in items:
        doc._.evidence.append(item)
        span = doc.char_span(item.start, item.end, label=item.kind, alignment_mode="expand")
        if span is not None:
            span._.evidence = item
            group = doc.spans.get(item.kind)
            if group is None:
                doc.spans[item.kind] = [span]
            else:
                group.append(span)


def pipeline_config() -> dict:
    """The configured components: ``{"components": [{"name", "module"}]}``."""
    return corpora.load_json("pipeline.json")


@cache
def get_nlp() -> Language:
    """The process-wide pipeline; built once, reused for every document."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for component in pipeline_config()["components"]:
        importlib.import_module(component["module"])  # registers the factory by name
        nlp.add_pipe(component["name"])
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
