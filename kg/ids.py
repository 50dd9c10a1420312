"""Deterministic identifiers: readable slugs, short content hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(text: str, max_length: int = 60) -> str:
    """`Acme Widgets, Inc.` -> `acme-widgets-inc`; stable, ASCII, IRI-safe."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return cleaned[:max_length].rstrip("-") or "x"


def short_hash(*parts: str, length: int = 12) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]
