"""Map a document's sentences to TT124 criteria and propose each criterion's status.

The document is read once (``reading.read``: report or plan, unit, year, planning parts). For each
sentence the classifier's family probabilities and the report's structure ("Tiêu chí 3: …" sections, "theo
Tiêu chí 3" references, self-assessments) decide which clauses of the unit's article it speaks to; the
status cues and the clause's own data decide how (``rules`` for the first call, ``clauses.judge`` for what the clause asks: points,
seriousness, exceptions, other years, sub-units, ratings). ``decide.decide`` turns a criterion's sentences
into its proposal. Counts and criterion claims inside a mapped sentence get the criterion id in
``evidence.criteria``; dates and legal references stay context of the sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractor.criteria import (
    absence,
    calls,
    catalogue,
    classifier,
    clauses,
    decide,
    memory,
    ratios,
    reading,
    rules,
    sections,
)
from extractor.criteria.sentences import Sentence, split_sentences
from extractor.models import DocumentInfo, Evidence

MIN_CONFIDENCE = 0.5
SECTION_CONFIDENCE = 0.8  # a sentence under a report's own "Tiêu chí N:" heading
REFERENCE_CONFIDENCE = 0.9  # a sentence that names "Tiêu chí N" itself
INCIDENT_CONFIDENCE = 0.6  # a sentence reporting a listed incident the classifier did not link
LIST_SENTENCE_CHARS = 120
# Evidence kinds that can support a criterion; dates and legal references are context of their sentence.
SUPPORTING_KINDS = frozenset({"count", "criterion_claim"})


@dataclass
class SentenceFinding:
    """One (sentence, criterion) link."""

    criterion_id: str
    status: str
    confidence: float
    sentence: Sentence
    families: list[str]
    cue: str | None = None
    role: str = "evidence"  # evidence | criterion_text | self_assessment
    forecast: bool = False
    evidence_ids: list[str] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)
    page: int | None = None
    rule: str | None = None
    points: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion_id,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "text": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "page": self.page,
            "families": self.families,
            "cue": self.cue,
            "rule": self.rule,
            "role": self.role,
            "forecast": self.forecast,
            "points": self.points,
            "parts": self.parts,
            "evidence_ids": self.evidence_ids,
            "context_ids": self.context_ids,
        }


def articles_for(subject_type: str | None, sentence_text: str) -> list[int]:
    """The document's own article first, then any article the sentence explicitly addresses."""
    own = catalogue.article_for(subject_type)
    found = [own] if own else []
    lowered = memory.lowercase(sentence_text)
    if own in (None, 5) or lowered.lstrip("-–+ ").startswith("đối với"):
        for subject, cues in reading.other_subject_cues().items():
            article = catalogue.article_for(subject)
            if article is not None and article not in found and any(cue in lowered for cue in cues):
                found.append(article)
    return found


@lru_cache(maxsize=16)
def _by_clause(article: int) -> dict[int, catalogue.Criterion]:
    """An article's criteria by clause number, listed once (every sentence of its documents asks; read only)."""
    return {item.clause: item for item in catalogue.for_article(article)}


def _page_lookup(evidence: list[Evidence]) -> Callable[[int], int | None]:
    """Page of an offset from the pages of the evidence before it (when the caller has no page map)."""
    located = sorted((item.start, item.page) for item in evidence if item.page is not None)
    starts = [start for start, _ in located]

    def page_at(offset: int) -> int | None:
        if not located:
            return None
        return located[max(0, bisect_right(starts, offset) - 1)][1]

    return page_at


class EvidenceIndex:
    """The evidence of a document by position, walked once alongside the sentences: each sentence gets
    the items overlapping it after looking only at those and at the items that ended before it (a whole
    document stays linear in its length, even with an item spanning many sentences)."""

    def __init__(self, evidence: list[Evidence]) -> None:
        self.items = sorted(evidence, key=lambda item: item.start)
        self._next = 0  # the first item not yet reached
        self._open: list[Evidence] = []  # items reached that may still overlap the next sentence
        self._last_start = -1

    def inside(self, sentence: Sentence) -> list[Evidence]:
        """Items that overlap ``sentence`` (sentences are asked in reading order; an earlier one restarts
        the walk)."""
        if sentence.start < self._last_start:
            self._next, self._open = 0, []
        self._last_start = sentence.start
        items = self.items
        while self._next < len(items) and items[self._next].start < sentence.end:
            self._open.append(items[self._next])
            self._next += 1
        self._open = [item for item in self._open if item.end > sentence.start]
        return [item for item in self._open if item.start < sentence.end]


def sentence_family_scores(texts: list[str]) -> list[dict[str, float]]:
    """Classifier probabilities per sentence; a long sentence listing several items with ";" (a plan's
    "Chỉ tiêu: …; …; …") also has each item scored, and keeps each family's best score."""
    clauses = [
        [part.strip() for part in text.split(";") if len(part.strip()) >= 20]
        if len(text) >= LIST_SENTENCE_CHARS
        else []
        for text in texts
    ]
    flat = [clause for parts in clauses for clause in parts if len(parts) > 1]
    scores = classifier.predict(texts + flat)
    merged, cursor = scores[: len(texts)], len(texts)
    for index, parts in enumerate(clauses):
        if len(parts) <= 1:
            continue
        for clause_scores in scores[cursor : cursor + len(parts)]:
            merged[index] = {
                family: max(value, clause_scores.get(family, 0.0)) for family, value in merged[index].items()
            }
        cursor += len(parts)
    return merged


def find(
    document: DocumentInfo,
    text: str,
    evidence: list[Evidence] | None = None,
    page_at: Callable[[int], int | None] | None = None,
    document_reading: reading.Reading | None = None,
) -> list[SentenceFinding]:
    """Every (sentence, criterion) link in ``text``."""
    evidence = evidence or []
    page_at = page_at or _page_lookup(evidence)
    document_reading = document_reading or reading.read(document, text)
    sentences = split_sentences(text)
    probabilities = sentence_family_scores([item.text for item in sentences])
    own_article = catalogue.article_for(document_reading.subject_type)
    findings: list[SentenceFinding] = []
    tracker = sections.SectionTracker(reading_kind=document_reading.kind)
    index = EvidenceIndex(evidence)
    with memory.one_document():
        for position, (sentence, family_scores) in enumerate(zip(sentences, probabilities, strict=True)):
            following = sentences[position + 1] if position + 1 < len(sentences) else None
            if following is not None and following.paragraph != sentence.paragraph:
                following = None
            findings += _sentence_findings(
                document_reading, sentence, family_scores, own_article, tracker, index, page_at, following
            )
    return findings


def _sentence_findings(
    document_reading: reading.Reading,
    sentence: Sentence,
    family_scores: dict[str, float],
    own_article: int | None,
    tracker: sections.SectionTracker,
    index: EvidenceIndex,
    page_at: Callable[[int], int | None],
    following: Sentence | None = None,
) -> list[SentenceFinding]:
    """The links of one sentence, with the evidence inside it (supporting items get the criterion ids);
    ``following``, the next sentence of its paragraph, may excuse a failure it reports."""
    findings: list[SentenceFinding] = []
    heading = tracker.see(sentence.text)
    context = document_reading.context_at(sentence.start)
    linked = _link_sentence(
        document_reading, sentence, family_scores, own_article, tracker.criterion_number, heading, context
    )
    inside = index.inside(sentence)
    if following is not None:
        _excuse_from(following.text, linked)
    for finding in linked:
        finding.evidence_ids = [item.id for item in inside if item.id and item.kind in SUPPORTING_KINDS]
        finding.context_ids = [item.id for item in inside if item.id and item.kind not in SUPPORTING_KINDS]
        finding.page = inside[0].page if inside and inside[0].page else page_at(sentence.start)
        if finding.role == "evidence":
            for item in inside:
                if item.kind in SUPPORTING_KINDS and finding.criterion_id not in item.criteria:
                    item.criteria.append(finding.criterion_id)
        findings.append(finding)
    return findings


def _excuse_from(following: str, linked: list[SentenceFinding]) -> None:
    """A failure the next sentence of its paragraph places under the point's exception is excused there."""
    for finding in linked:
        if finding.status != "not_met" or not finding.points:
            continue
        excused = absence.excused_by_next(catalogue.by_id(finding.criterion_id), finding.points, following)
        if excused:
            finding.parts = sorted({*finding.parts, *(f"excused:{pid}" for pid in excused)})
            finding.rule = (
                f"{finding.rule}; câu sau nêu trường hợp loại trừ (kịp thời phát hiện, báo cáo ngay …)"
            )


def _link_sentence(
    document_reading: reading.Reading,
    sentence: Sentence,
    family_scores: dict[str, float],
    own_article: int | None,
    section_number: int | None,
    heading: int | None,
    context: str,
) -> list[SentenceFinding]:
    """The criteria one sentence speaks to, each with the sentence's status toward it.

    In a report organised by the unit's own "Tiêu chí N:" sections, a sentence belongs to section N (and
    to any criterion it names); elsewhere the classifier's families decide, for the unit's article and for
    any other kind of unit the sentence explicitly addresses; a result sentence reporting an incident of a
    kind a clause lists is linked to it as well, so that no failure stays hidden, so is one that denies two
    or more of the listed kinds by name, and so is one that gives
    the rating of the very body a graded clause rates ("Tổ bảo vệ an ninh, trật tự … hoàn thành tốt nhiệm vụ"). (Linking by every cue of
    the clauses was measured and dropped: it helped on the development gold it was built on, not on the
    blind gold.)
    """
    linked: dict[str, SentenceFinding] = {}
    article_criteria = _by_clause(own_article) if own_article else {}
    quoted = heading in article_criteria and sections.quotes_criterion(
        sentence.text, article_criteria[heading]
    )

    def link(
        criterion: catalogue.Criterion,
        families: list[str],
        confidence: float,
        role: str = "evidence",
        call: calls.StatusCall | None = None,
        named: bool = False,
    ) -> None:
        previous = linked.get(criterion.id)
        if previous and previous.confidence >= confidence:
            return
        if not (
            (named and criterion.shape != "ratio")
            or quoted
            or role == "self_assessment"
            or ratios.speaks_to(criterion.id, sentence.text)
        ):
            return  # e.g. "12/12 thôn duy trì tổ an ninh" is no share of registered / recognised units
        judged: calls.ClauseCall
        if quoted:
            role = "criterion_text"
            judged = calls.ClauseCall("unclear", "trích dẫn nội dung tiêu chí")
        else:
            call = call or rules.status_for_families(
                absence.without_comparison_base(sentence.text),
                families,
                context=context,
                criterion=criterion.id,
            )
            judged = clauses.judge(
                criterion,
                sentence.text,
                call,
                context=context,
                year=document_reading.year,
                reports=not document_reading.promises,
            )
            if judged.role == "unrelated" and not named:
                return
            role = judged.role if role == "evidence" and judged.role != "unrelated" else role
        linked[criterion.id] = SentenceFinding(
            criterion.id,
            judged.status,
            confidence,
            sentence,
            families,
            judged.cue,
            role,
            judged.forecast,
            rule=judged.rule,
            points=judged.points,
            parts=sorted(judged.parts),
        )

    relevant = [family for family, score in family_scores.items() if score >= MIN_CONFIDENCE]
    references = {
        number for number in sections.referenced_numbers(sentence.text) if number in article_criteria
    }
    if section_number in article_criteria and (
        heading is not None or any(score >= 0.2 for score in family_scores.values())
    ):
        criterion = article_criteria[section_number]
        families = [family for family in relevant if family in criterion.families] or list(criterion.families)
        confidence = max([SECTION_CONFIDENCE] + [family_scores.get(family, 0.0) for family in families])
        link(criterion, families, confidence, named=heading is not None)
    else:
        for article in articles_for(document_reading.subject_type, sentence.text):
            for family in relevant:
                for criterion in catalogue.criteria_for_family(family, article):
                    link(criterion, [family], family_scores[family])
            if context == "result":
                incident = absence.may_name_incident(sentence.text)  # else it reports or denies none
                for criterion in catalogue.for_article(article):
                    if criterion.id not in linked and (
                        (
                            incident
                            and (
                                absence.reports_incident(criterion, sentence.text)
                                or absence.denies_incidents(criterion, sentence.text)
                            )
                        )
                        or clauses.rates_its_subject(criterion, sentence.text)
                    ):
                        link(criterion, list(criterion.families), INCIDENT_CONFIDENCE)
    for number in references - {heading}:
        criterion = article_criteria[number]
        link(criterion, list(criterion.families), REFERENCE_CONFIDENCE, named=True)
    claimed = sections.self_assessment(sentence.text)
    if claimed and claimed[0] == claimed[1]:
        for criterion in article_criteria.values():
            link(
                criterion,
                list(criterion.families),
                0.4,
                "self_assessment",
                calls.StatusCall("met", "tự đánh giá đạt tất cả tiêu chí"),
            )
    return list(linked.values())


def summarize(criterion: catalogue.Criterion, findings: list[SentenceFinding]) -> dict[str, Any]:
    """One criterion's result for one document: the decision and the sentences behind it."""
    quotes = [item.to_dict() for item in findings]
    verdict = decide.decide(criterion, quotes)
    return {
        "id": criterion.id,
        "title": criterion.title_vi,
        "title_en": criterion.title_en,
        "certainty": criterion.certainty,
        **verdict,
        "evidence_ids": sorted({eid for item in findings for eid in item.evidence_ids}),
        "sentences": quotes,
    }


def assess(
    document: DocumentInfo,
    text: str,
    evidence: list[Evidence],
    page_at: Callable[[int], int | None] | None = None,
) -> list[dict[str, Any]]:
    """The ``criteria`` section of ``minhchung extract``: one entry per criterion of the unit's article
    (status ``missing`` when nothing speaks to it) plus criteria of other articles the text addresses.
    The unit's kind is the reading's (the title's, else the header's, else the one proposed from the text),
    written into ``document.subject_type`` so that the scorecard assesses the same article."""
    document_reading = reading.read(document, text)
    if document_reading.subject_type is not None:
        document.subject_type = document_reading.subject_type
    findings = find(document, text, evidence, page_at, document_reading)
    by_criterion: dict[str, list[SentenceFinding]] = {}
    for finding in findings:
        by_criterion.setdefault(finding.criterion_id, []).append(finding)
    ids = [item.id for item in catalogue.for_subject(document_reading.subject_type)]
    ids += [cid for cid in sorted(by_criterion) if cid not in ids]
    return [summarize(catalogue.by_id(cid), by_criterion.get(cid, [])) for cid in ids]
