"""Minh Chứng extractor: ingest báo cáo / kế hoạch files and find the evidence in them.

The pipeline, one verb per module (after eyecite's layout):
``ingest`` (file → pages) → ``clean`` (pages → normalized text + offset map) →
``structure``/``metadata`` (what document is this) → ``find_*`` spaCy components
(evidence) → ``resolve`` (short forms → full keys) → ``criteria`` (evidence → TT124).
"""

from extractor.lean_imports import defer_spacy_cli

defer_spacy_cli()  # before any module here imports spaCy: its command-line package is not read (lean_imports)

__all__ = ["__version__"]
__version__ = "0.1.0"
