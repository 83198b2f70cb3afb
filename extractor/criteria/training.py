"""Train and cross-validate the criterion-family classifier; write the artefact and its model card."""

from __future__ import annotations

import datetime as dt
import platform
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from extractor.criteria import catalogue, classifier, rules

FOLDS = 5


def _scores(truth: np.ndarray, predicted: np.ndarray, families: list[str]) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, zero_division=0)
    per_family = {
        family: {"precision": round(float(p), 3), "recall": round(float(r), 3), "f1": round(float(f), 3),
                 "support": int(s)}
        for family, p, r, f, s in zip(families, precision, recall, f1, support, strict=True)
    }
    present = [item for item in per_family.values() if item["support"] > 0]
    macro = float(np.mean([item["f1"] for item in present])) if present else 0.0
    return {"per_family": per_family, "macro_f1": round(macro, 3)}


def cross_validate(sentences: list[classifier.LabelledSentence]) -> dict[str, Any]:
    """5-fold CV (fixed seed): out-of-fold predictions scored per family, overall and on seed sentences."""
    from sklearn.model_selection import KFold

    families = catalogue.family_keys()
    texts = [item.text for item in sentences]
    truth = classifier.label_matrix(sentences, families)
    predicted = np.zeros_like(truth)
    for train_index, test_index in KFold(FOLDS, shuffle=True, random_state=classifier.SEED).split(texts):
        pipeline = classifier.build_pipeline()
        pipeline.fit([texts[i] for i in train_index], truth[train_index])
        probabilities = pipeline.predict_proba([texts[i] for i in test_index])
        predicted[test_index] = (probabilities >= classifier.THRESHOLD).astype(int)
    keyword_only = np.asarray([[1 if family in rules.keyword_hits(text) else 0 for family in families]
                               for text in texts])
    seed_rows = [i for i, item in enumerate(sentences) if item.source.startswith("seed:")]
    return {
        "model": _scores(truth, predicted, families),
        "model_on_seed_sentences": _scores(truth[seed_rows], predicted[seed_rows], families),
        "keyword_rules_only": _scores(truth, keyword_only, families),
        "status_rules": status_rule_accuracy(sentences),
    }


def status_rule_accuracy(sentences: list[classifier.LabelledSentence]) -> dict[str, Any]:
    """How often the status cue rules agree with the labelled status (sentences with labels only)."""
    agree = total = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for item in sentences:
        if not item.labels or not item.status:
            continue
        call = rules.status_for(item.text, item.labels[0])
        total += 1
        agree += call.status == item.status
        confusion[(item.status, call.status)] += 1
    return {"accuracy": round(agree / total, 3) if total else None, "n": total,
            "confusion": {f"{gold}->{got}": n for (gold, got), n in sorted(confusion.items())}}


def train(out_dir: Path | None = None, *, command: str = "minhchung train") -> dict[str, Any]:
    """Cross-validate, fit on everything, save the artefact and MODEL_CARD.md. Returns the report."""
    import joblib
    import sklearn

    out_dir = out_dir or classifier.ARTEFACT.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    sentences = classifier.load_sentences()
    families = catalogue.family_keys()
    report = cross_validate(sentences)
    pipeline = classifier.build_pipeline()
    pipeline.fit([item.text for item in sentences], classifier.label_matrix(sentences, families))
    trained_on = dt.date.today().isoformat()
    joblib.dump({"pipeline": pipeline, "families": families, "trained_on": trained_on,
                 "n_sentences": len(sentences), "threshold": classifier.THRESHOLD},
                out_dir / classifier.ARTEFACT.name, compress=3)
    report.update({
        "n_sentences": len(sentences),
        "n_seed": sum(item.source.startswith("seed:") for item in sentences),
        "n_negative": sum(not item.labels for item in sentences),
        "label_counts": dict(Counter(label for item in sentences for label in item.labels)),
        "subject_counts": dict(Counter(item.subject_type for item in sentences)),
        "trained_on": trained_on, "command": command, "sklearn": sklearn.__version__,
        "python": platform.python_version(),
    })
    (out_dir / "MODEL_CARD.md").write_text(model_card(report), encoding="utf-8")
    return report


def _table(scores: dict[str, Any]) -> str:
    lines = ["| family | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for family, item in scores["per_family"].items():
        lines.append(f"| {family} | {item['precision']:.3f} | {item['recall']:.3f} | {item['f1']:.3f} | {item['support']} |")
    lines.append(f"| **macro-F1** (families with support) | | | **{scores['macro_f1']:.3f}** | |")
    return "\n".join(lines)


def model_card(report: dict[str, Any]) -> str:
    """The model card in Markdown."""
    status = report["status_rules"]
    return f"""# Criterion-family classifier (TT124)

Built {report['trained_on']} by `{report['command']}` (scikit-learn {report['sklearn']}, Python {report['python']}).
Artefact: `models/criteria/criteria_classifier.joblib`. Fixed seeds: KFold and LinearSVC `random_state={classifier.SEED}`.

## What it predicts and why families
Sentences → zero or more criterion **families** (`corpora/tt124/families.json`), e.g. `khong_ky_luat`,
`mo_hinh_phong_trao`. The same requirement recurs across TT124 Art. 4–7 ("không có cá nhân bị kỷ luật"
is in Art. 5(3), 6(4), 6(5)); one label per family pools the examples of all kinds of unit, and the
article-specific ids (`TT124.6.4`…) follow from the catalogue's `families` list per criterion, chosen by the
document's subject type. A per-id model would need ~5× the data for the same recall and would tie the
model to clause numbering that is partly unknown (Art. 4(4)–(5), Art. 7 are not found verbatim).
Status (met / not_met / target / unclear) is decided by transparent cue rules (`corpora/tt124/status_cues.json`).

## Data
`corpora/criteria_sentences/*.jsonl`: {report['n_sentences']} sentences — {report['n_seed']} from the five seed
documents (every sentence, hand-labelled, most of them negatives) and {report['n_sentences'] - report['n_seed']}
written by the team in the genre's wording for all kinds of unit. {report['n_negative']} sentences carry no family.
Label counts: {report['label_counts']}.
Subject types: {report['subject_counts']}.
Caveat: the written sentences are cleaner than real reports; the seed-only figures below are the more honest
estimate, and they come from only five documents.

## Features and model
TF-IDF over underthesea-segmented, lower-cased words (1–2-grams) + TF-IDF over character n-grams (2–5, word
bounded) + one binary feature per family for its catalogue keywords; one-vs-rest LinearSVC (C=0.5, balanced class
weights) wrapped in `CalibratedClassifierCV(method="sigmoid", cv=3)`, so each family's score is a calibrated
probability. Decision threshold {classifier.THRESHOLD}.

## Cross-validated results ({FOLDS}-fold, out-of-fold predictions)
### Model, all sentences
{_table(report['model'])}

### Model, seed sentences only (out-of-fold predictions restricted to the seed documents)
{_table(report['model_on_seed_sentences'])}

### Baseline: keyword rules alone
{_table(report['keyword_rules_only'])}

### Status rules against labelled status
Accuracy {status['accuracy']} on {status['n']} labelled sentences (first family). Confusion (gold->rule): {status['confusion']}.

## Limits
- TT124 Art. 4(3)–(5) and Art. 7 are not known verbatim; criteria built on them are mapped by analogy and flagged.
- Trained on ~{report['n_sentences']} sentences; expect lower recall on unseen provinces' phrasing.
- Rebuild: `minhchung train` (deterministic given the same data and library versions).
"""
