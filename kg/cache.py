"""The extraction cache: one row per extracted article, so a rebuild only re-parses what changed.

Rows live in one SQLite file (stdlib, crash-safe: each committed row survives Ctrl-C or
a kill, which is what lets an interrupted build resume). A row's key hashes the
article (id, text, metadata; not the file path) together with a fingerprint of
everything that could change the result: the extractor source code and data, and
the spaCy model's name and version. Change any of them and every key changes, so
stale rows are never read (and are pruned after the next successful build).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .compact import share_field_sets
from .errors import NewsKGError
from .records import Article, Extraction

PACKAGE = Path(__file__).resolve().parent
# The code and data an extraction depends on; any edit invalidates the cache.
FINGERPRINT_SOURCES = ("extract", "data", "nlp.py", "records.py", "ids.py")
CACHE_FORMAT = "1"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for name in FINGERPRINT_SOURCES:
        root = PACKAGE / name
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=8)
def model_identity(model: str) -> str:
    """`name version` of a spaCy model package or folder, read from its meta.json without loading
    it (or importing spaCy: a rebuild with nothing to extract never needs it)."""
    from importlib.metadata import version

    meta = None
    for candidate in (Path(model), _package_path(model)):
        if candidate is not None and (candidate / "meta.json").is_file():
            meta = json.loads((candidate / "meta.json").read_text(encoding="utf-8"))
            break
    if meta is None:  # unusual install: fall back to loading it
        from .nlp import load

        meta = load(model).meta
    return f"{model} {meta.get('lang')}_{meta.get('name')} {meta.get('version')} spacy {version('spacy')}"


def _package_path(model: str) -> Path | None:
    """The folder of an installed model package, found without importing it (as spaCy's
    `get_package_path` does, which imports spaCy with it)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(model)
    except (ImportError, ValueError):  # a path or an odd name, not a package
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def fingerprint(model: str) -> str:
    return hashlib.sha256(f"{code_fingerprint()}\n{model_identity(model)}".encode()).hexdigest()


def article_key(article: Article, fingerprint: str) -> str:
    """The cache key of one article under one extractor/model fingerprint."""
    content = article.model_dump_json(round_trip=True, exclude={"path", "warnings"})
    return hashlib.sha256(f"{fingerprint}\n{content}".encode()).hexdigest()


def dump_extraction(extraction: Extraction) -> bytes:
    return zlib.compress(extraction.model_dump_json(round_trip=True).encode("utf-8"), 1)


def load_extraction(blob: bytes, article: Article) -> Extraction:
    """The cached extraction, carrying the current article record (its path and warnings may differ)."""
    extraction = Extraction.model_validate_json(zlib.decompress(blob))
    extraction.article = article
    share_field_sets(extraction)  # right away: the freed sets make room for the next extraction
    return extraction


class ExtractionCache:
    """Extractions by article key, in `folder/extractions.sqlite`."""

    def __init__(self, folder: str | Path):
        self.path = Path(folder) / "extractions.sqlite"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, article_id TEXT, data BLOB)")
            self.db.commit()
        except sqlite3.Error as exc:
            raise NewsKGError(f"{self.path}: cannot open the extraction cache: {exc}") from None

    def get(self, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(keys)
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):  # SQLite limits bound parameters
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, data FROM extraction WHERE key IN ({marks})", chunk))
        return found

    def put(self, key: str, article_id: str, blob: bytes) -> None:
        """Store and commit at once: an interrupted build keeps every finished article."""
        self.db.execute("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)", (key, article_id, blob))
        self.db.commit()

    def prune(self, keep: set[str]) -> int:
        """Drop rows no current article uses (old versions, deleted files, old fingerprints)."""
        stale = [key for (key,) in self.db.execute("SELECT key FROM extraction") if key not in keep]
        for start in range(0, len(stale), 500):
            chunk = stale[start : start + 500]
            self.db.execute(f"DELETE FROM extraction WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        self.db.commit()
        return len(stale)

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0]

    def close(self) -> None:
        self.db.close()
