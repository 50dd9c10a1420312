"""Which named graphs a rebuild must rewrite, without mapping the whole corpus again.

An article graph's quads are a function of the article's extraction (fixed by its
cache key), the ids resolution gave the article's entities, quotes and legal
reports, and the mapping code. `article_deps` digests exactly that; an article whose
digest is unchanged keeps its graph as it is in the store. The corpus graph is always
mapped again (as N-Quads lines: units whose inputs did not change come from the last
build, kg/memo.py).
Tests check that a rebuild this way equals a build from scratch.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from . import rdf
from .cache import article_key, fingerprint
from .records import Corpus
from .vocab import article_graph

# the code that turns records into quads: a change to it remaps every article
MAPPING_SOURCES = ("rdf.py", "ntriples.py", "vocab.py", "ids.py", "records.py")


@lru_cache(maxsize=1)
def mapping_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in MAPPING_SOURCES:
        digest.update((Path(__file__).resolve().parent / name).read_bytes())
    return digest.hexdigest()


def article_graphs(corpus: Corpus, article_ids: set[str] | None = None) -> Iterator[tuple[str, list[str]]]:
    """(graph IRI, N-Quads lines) for each article graph (of `article_ids` only, if given): one
    graph at a time, so a caller can store each as it comes."""
    statement_of, action_of = _reports(corpus)
    known = {e.id for e in corpus.entities}
    for extraction in corpus.extractions:
        if article_ids is None or extraction.article.id in article_ids:
            yield article_graph(extraction.article.id), rdf.article_lines(extraction, corpus, statement_of, action_of, known)


def corpus_graph_lines(corpus: Corpus) -> list[str]:
    """The corpus graph as N-Quads lines (`str(quad)`)."""
    statement_of, _ = _reports(corpus)
    by_article = {e.article.id: e for e in corpus.extractions}
    return rdf.corpus_graph_lines(corpus, by_article, statement_of)


def all_lines(corpus: Corpus) -> list[str]:
    """Every line of the corpus's graph: the article graphs', then the corpus graph's (what a
    build from scratch stores)."""
    return [line for _, lines in article_graphs(corpus) for line in lines] + corpus_graph_lines(corpus)


def lines_blob(sorted_lines: list[str]) -> bytes:
    """Sorted lines as one UTF-8 text, a newline after each: what is digested and saved. Encoded a
    slice at a time, so the corpus graph (a few hundred MB at 10,000 articles) is never held as
    text and as bytes at once."""
    out = io.BytesIO()
    for start in range(0, len(sorted_lines), 4096):
        out.write("".join(f"{line}\n" for line in sorted_lines[start : start + 4096]).encode("utf-8"))
    return out.getvalue()


def blob_digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def _reports(corpus: Corpus) -> tuple[dict, dict]:
    statement_of = {report: s for s in corpus.statements for report in s.reports}
    action_of = {report: a for a in corpus.legal_actions for report in a.reports}
    return statement_of, action_of


def article_deps(corpus: Corpus, model: str) -> dict[str, str]:
    """Article graph IRI -> digest of everything its quads are made from."""
    print_ = fingerprint(model)
    statement_of, action_of = _reports(corpus)
    entities_of: dict[str, list[str]] = {}
    for local, entity_id in corpus.entity_of.items():
        article_id, _, key = local.partition("\x1f")
        entities_of.setdefault(article_id, []).append(f"{key}={entity_id}")
    deps = {}
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        parts = [mapping_fingerprint(), article_key(extraction.article, print_), *sorted(entities_of.get(article_id, []))]
        parts += [getattr(statement_of.get((article_id, i)), "id", "-") for i in range(len(extraction.quotes))]
        parts += [getattr(action_of.get((article_id, i)), "id", "-") for i in range(len(extraction.legal_actions))]
        deps[article_graph(article_id)] = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return deps
