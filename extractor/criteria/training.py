"""Train the criterion-family classifier (``minhchung train``): cross-validate it, fit it on every labelled
sentence, write the compiled artefact and its model card."""

from __future__ import annotations

import datetime as dt
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from extractor.criteria import catalogue, classifier
from extractor.criteria.cross_validation import cross_validate
from extractor.criteria.estimators import build_pipeline, compile_pipeline
from extractor.criteria.labelled_sentences import label_matrix, load_sentences
from extractor.criteria.model_card import model_card


def train(out_dir: Path | None = None, *, command: str = "minhchung train") -> dict[str, Any]:
    """Cross-validate, fit on everything, save the artefact and MODEL_CARD.md. Returns the report."""
    import sklearn

    out_dir = out_dir or classifier.ARTEFACT.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    sentences = load_sentences()
    families = catalogue.family_keys()
    report = cross_validate(sentences)
    pipeline = build_pipeline()
    pipeline.fit([item.text for item in sentences], label_matrix(sentences, families))
    trained_on = dt.date.today().isoformat()
    model = compile_pipeline(
        pipeline,
        families,
        {"trained_on": trained_on, "n_sentences": len(sentences), "threshold": classifier.THRESHOLD},
    )
    model.save(out_dir / classifier.ARTEFACT.name)
    report.update(
        {
            "n_sentences": len(sentences),
            "n_seed": sum(item.source.startswith("seed:") for item in sentences),
            "n_negative": sum(not item.labels for item in sentences),
            "label_counts": dict(Counter(label for item in sentences for label in item.labels)),
            "subject_counts": dict(Counter(item.subject_type for item in sentences)),
            "trained_on": trained_on,
            "command": command,
            "sklearn": sklearn.__version__,
            "python": platform.python_version(),
        }
    )
    (out_dir / "MODEL_CARD.md").write_text(model_card(report), encoding="utf-8")
    return report
