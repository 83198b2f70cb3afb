"""Minh Chứng extractor: ingest báo cáo / kế hoạch files and find the evidence in them.

The pipeline, one verb per module (after eyecite's layout):
``ingest`` (file → pages) → ``clean`` (pages → normalized text + offset map) →
``structure``/``metadata`` (what document is this) → ``find_*`` spaCy components
(evidence) → ``resolve`` (short forms → full keys) → ``criteria`` (evidence → TT124).
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
