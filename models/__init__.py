"""Trained artefacts (criterion classifier) and their model cards. Rebuilt by ``minhchung train``."""

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
