"""From a file to its evidence: ingest → normalize → describe → find → map to criteria.

``extract_file`` is what ``minhchung extract``, the service's worker and the bulk runner
call; ``extract_text`` runs only the finders on already-normalized text (the evaluation
command uses it on the gold corpus). Everything heavy (the spaCy pipeline, the criterion
classifier) loads once per process, on first use.

A long text is read in sections of at most ``SECTION_CHARS`` characters cut at paragraph
boundaries (spaCy refuses texts over ``nlp.max_length``, 1,000,000 characters, which a 500-page
PDF reaches): each section runs through the finders on its own and its evidence is shifted
back to offsets in the whole text, so what one finder learns from another (a short form resolved
against a full reference, spans already taken) stays within the section. Texts shorter than a
section — nearly every real document — are read in one piece, as before.

Footnote bodies (``Page.footnotes``, PDF and DOCX) are read after the body, by the same finders, as the
**footnotes part**: one footnote per line, in document order, appended to the normalized text after one
empty line (``FOOTNOTES_SEPARATOR``; a normalized body never holds one), so that their spans never collide
with the body's and ``--include-text`` shows them. Their evidence says ``source_part`` "footnote", the
footnote's number and the page of the footnote; a short form is resolved against the full references of
the body and of the footnotes alike. The criteria are assessed on the body only. A document without
footnotes gives exactly what it gave before.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from extractor import nlp
from extractor.clean import NormalizedText, normalize, normalize_plain
from extractor.criteria.mapping import assess
from extractor.errors import EmptyDocumentError
from extractor.find.link import resolve_short_forms
from extractor.ingest import Limits, load_document
from extractor.language import ensure_vietnamese
from extractor.metadata import describe
from extractor.models import DocumentInfo, Evidence, ExtractionResult, RawDocument
from extractor.structure import parse_structure


def context_for(info: DocumentInfo) -> nlp.FindContext:
    """What the finders are told about the document."""
    return nlp.FindContext(
        year=info.year,
        doc_type=info.doc_type,
        issued_on=info.issued_on,
        number=info.number,
        subject_type=info.subject_type,
        period=info.period,
    )


SECTION_CHARS = 400_000  # ≈ 160 pages; spaCy refuses more than 1,000,000 characters


def sections(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, str]]:
    """``text`` as ``(offset, piece)`` sections of at most ``limit`` characters that end at a paragraph
    boundary (after a newline); a single paragraph longer than ``limit`` is cut after its last space
    before the limit, or at the limit when it has none. The pieces joined give ``text`` back."""
    found: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:
            cut = text.rfind(" ", start, start + limit) + 1
        if cut <= start:
            cut = start + limit
        found.append((start, text[start:cut]))
        start = cut
    found.append((start, text[start:]))
    return found


def shift_evidence(items: list[Evidence], offset: int) -> list[Evidence]:
    """``items`` found in a section starting at ``offset``, moved to offsets in the whole text."""
    if offset:
        for item in items:
            item.start += offset
            item.end += offset
    return items


def extract_text(text: str, context: nlp.FindContext | None = None) -> list[Evidence]:
    """Every piece of evidence in normalized ``text``, in reading order (long texts section by section)."""
    evidence: list[Evidence] = []
    for offset, piece in sections(text):
        evidence += shift_evidence(nlp.run(piece, context)._.evidence, offset)
    return sorted(evidence, key=lambda item: (item.start, item.end, item.kind))


def locate(evidence: list[Evidence], normalized: NormalizedText, sha256: str) -> None:
    """Give each evidence its source page and its stable id."""
    for item in evidence:
        item.page = normalized.page_at(item.start)
        item.assign_id(sha256)


FOOTNOTES_SEPARATOR = "\n\n"  # between the body and the footnotes part: the body never holds an empty line


@dataclass
class FootnotesPart:
    """The footnote bodies of a document, one normalized line each, with the page each stands on."""

    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def footnote_at(self, offset: int) -> int:
        """1-based number of the footnote whose line holds ``offset`` of :attr:`text`."""
        starts, position = [], 0
        for line in self.lines:
            starts.append(position)
            position += len(line) + 1
        return bisect_right(starts, offset) or 1


def footnotes_part(raw: RawDocument) -> FootnotesPart:
    """The footnotes of ``raw`` in document order, each normalized like the body and kept on one line."""
    part = FootnotesPart()
    for page in raw.pages:
        for note in page.footnotes:
            line = " ".join(normalize_plain(note).split())
            if line:
                part.lines.append(line)
                part.pages.append(page.number)
    return part


def add_footnote_evidence(
    raw: RawDocument, body: str, evidence: list[Evidence], context: nlp.FindContext | None
) -> str:
    """Find evidence in the footnotes of ``raw`` and append it to ``evidence`` (the body's, located); returns
    the normalized text with the footnotes part after ``body`` (``body`` itself when there are no footnotes)."""
    part = footnotes_part(raw)
    if not part.lines:
        return body
    offset = len(body) + len(FOOTNOTES_SEPARATOR)
    found = extract_text(part.text, context)
    for item in found:
        number = part.footnote_at(item.start)
        item.source_part, item.footnote, item.page = "footnote", number, part.pages[number - 1]
    shift_evidence(found, offset)
    for item in found:
        item.assign_id(raw.sha256)
    resolve_short_forms(evidence + found)  # "Thông tư 124" in the body, "124/2021/TT-BCA" in a footnote
    evidence += found
    return body + FOOTNOTES_SEPARATOR + part.text


def body_text(text: str) -> str:
    """The body of a normalized text that may carry the footnotes part (what the criteria are read on)."""
    return text.split(FOOTNOTES_SEPARATOR, 1)[0]


def process(raw: RawDocument, *, include_text: bool = False) -> ExtractionResult:
    """Run the whole pipeline on an ingested document."""
    normalized = normalize(raw)
    if not normalized.text.strip():
        raise EmptyDocumentError("no text after normalization", source=raw.source)
    ensure_vietnamese(normalized.text, source=raw.source)
    info = describe(raw, normalized.text, parse_structure(normalized.text))
    context = context_for(info)
    evidence = extract_text(normalized.text, context)
    locate(evidence, normalized, raw.sha256)
    text = add_footnote_evidence(raw, normalized.text, evidence, context)
    criteria = assess(info, normalized.text, evidence, page_at=normalized.page_at)
    if include_text:
        info.text = text
    return ExtractionResult(document=info, evidence=evidence, criteria=criteria)


def extract_file(
    path: str | Path, *, include_text: bool = False, limits: Limits | None = None
) -> ExtractionResult:
    """Read ``path`` (PDF, DOCX, DOC, ODT, RTF, TXT) and return its evidence (``limits``: default from the env)."""
    # the language is checked once, on the normalized text, in process()
    return process(load_document(path, limits=limits, check_language=False), include_text=include_text)


def keep_loaded() -> None:
    """Once the pipeline and its models are loaded (a worker's warm-up): everything alive now lives as
    long as the process, so it is moved out of the garbage collector's reach (``gc.freeze``). Otherwise
    every full collection walks those objects again: ≈ 8 % of the CPU on long documents."""
    gc.freeze()
