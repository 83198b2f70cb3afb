"""From a file to its evidence: ingest → normalize → describe → find → map to criteria.

``extract_file`` is what ``minhchung extract``, the service's worker and the bulk runner
call; ``extract_text`` runs only the finders on already-normalized text (the evaluation
command uses it on the gold corpus). Everything heavy (the spaCy pipeline, the criterion
classifier) loads once per process.
"""

from __future__ import annotations

from pathlib import Path

from extractor import nlp
from extractor.clean import NormalizedText, normalize
from extractor.criteria.mapping import assess
from extractor.errors import EmptyDocumentError
from extractor.ingest import load_document
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


def extract_text(text: str, context: nlp.FindContext | None = None) -> list[Evidence]:
    """Every piece of evidence in normalized ``text``, in reading order."""
    doc = nlp.run(text, context)
    return sorted(doc._.evidence, key=lambda item: (item.start, item.end, item.kind))


def locate(evidence: list[Evidence], normalized: NormalizedText, sha256: str) -> None:
    """Give each evidence its source page and its stable id."""
    for item in evidence:
        item.page = normalized.page_at(item.start)
        item.assign_id(sha256)


def process(raw: RawDocument, *, include_text: bool = False) -> ExtractionResult:
    """Run the whole pipeline on an ingested document."""
    normalized = normalize(raw)
    if not normalized.text.strip():
        raise EmptyDocumentError("no text after normalization", source=raw.source)
    ensure_vietnamese(normalized.text, source=raw.source)
    info = describe(raw, normalized.text, parse_structure(normalized.text))
    evidence = extract_text(normalized.text, context_for(info))
    locate(evidence, normalized, raw.sha256)
    criteria = assess(info, normalized.text, evidence, page_at=normalized.page_at)
    if include_text:
        info.text = normalized.text
    return ExtractionResult(document=info, evidence=evidence, criteria=criteria)


def extract_file(path: str | Path, *, include_text: bool = False) -> ExtractionResult:
    """Read ``path`` (PDF, DOCX, DOC, ODT, RTF, TXT) and return its evidence."""
    # the language is checked once, on the normalized text, in process()
    return process(load_document(path, check_language=False), include_text=include_text)
