"""How often the status cue rules agree with the labelled status of the classifier's training sentences, each
sentence read as the mapper reads it: in its document's order, with its doc type and section headings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from extractor.criteria import catalogue, rules, sections
from extractor.criteria.labelled_sentences import LabelledSentence


def reading_contexts(sentences: list[LabelledSentence]) -> list[str]:
    """The reading context (plan / result) of each sentence, as the mapper sees it: documents are read in
    order with their doc type and section headings (headings are sentences of the same file)."""
    contexts = [""] * len(sentences)
    by_document: dict[str, list[int]] = {}
    for position, item in enumerate(sentences):
        by_document.setdefault(item.document, []).append(position)
    for positions in by_document.values():
        positions.sort(key=lambda position: sentences[position].index)
        tracker = sections.SectionTracker(sentences[positions[0]].doc_type)
        for position in positions:
            item = sentences[position]
            tracker.see(item.text)
            contexts[position] = tracker.context
    return contexts


StatusRule = Callable[[LabelledSentence, str], str]


def _contextual_rule(item: LabelledSentence, context: str) -> str:
    """The mapper's status for a labelled sentence: a restated criterion is ``unclear``, else the cue rules."""
    if sections.quotes_article_criterion(item.text, item.subject_type):
        return "unclear"
    article = catalogue.article_for(item.subject_type)
    criteria = catalogue.criteria_for_family(item.labels[0], article) if item.labels and article else []
    criterion = criteria[0].id if criteria else None
    return rules.status_for_families(item.text, item.labels[:1], context=context, criterion=criterion).status


def status_rule_accuracy(
    sentences: list[LabelledSentence], rule: StatusRule = _contextual_rule
) -> dict[str, Any]:
    """How often the status rules agree with the labelled status (labelled sentences, first family), overall
    and per class (precision/recall/F1), with each sentence read in its document's context."""
    agree = total = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for item, context in zip(sentences, reading_contexts(sentences), strict=True):
        if not item.labels or not item.status:
            continue
        got = rule(item, context)
        total += 1
        agree += got == item.status
        confusion[(item.status, got)] += 1
    per_status = {}
    for status in ("met", "not_met", "target", "unclear"):
        hit = confusion[(status, status)]
        predicted = sum(n for (_, got), n in confusion.items() if got == status)
        gold = sum(n for (truth, _), n in confusion.items() if truth == status)
        p, r = (hit / predicted if predicted else 0.0), (hit / gold if gold else 0.0)
        per_status[status] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "support": gold,
        }
    return {
        "accuracy": round(agree / total, 3) if total else None,
        "n": total,
        "per_status": per_status,
        "confusion": {f"{gold}->{got}": n for (gold, got), n in sorted(confusion.items())},
    }
