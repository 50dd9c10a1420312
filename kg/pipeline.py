"""The build: read, analyse, extract, resolve, map, store.

One bad article never stops a build: its problem is recorded in `BuildResult.errors`
and the rest goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError, NewsKGError
from .extract import extract
from .graph import KnowledgeGraph
from .nlp import analyse_many, load
from .rdf import corpus_quads
from .records import Article, Corpus, Extraction
from .resolve import resolve
from .sources import read_articles

Progress = Callable[[int, int, str], None]


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    corpus: Corpus
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: Path | None = None

    def summary(self) -> dict[str, int]:
        people = sum(1 for e in self.corpus.entities if e.kind.value == "person")
        return {
            "articles": len(self.corpus.extractions),
            "people": people,
            "organizations": len(self.corpus.entities) - people,
            "statements": len(self.corpus.statements),
            "reports": sum(len(s.reports) for s in self.corpus.statements),
            "legal actions": len(self.corpus.legal_actions),
            "triples": len(self.graph),
            "failed inputs": len(self.errors),
        }


def extract_articles(
    articles: list[Article], model: str | None = None, progress: Progress | None = None
) -> tuple[list[Extraction], list[str]]:
    """Analyse and extract each article; a failure is reported, not raised."""
    extractions, errors = [], []
    load(model)
    for done, analysed in enumerate(analyse_many(articles, model), 1):
        try:
            extractions.append(extract(analysed))
        except Exception as exc:  # one article's failure must not lose the corpus
            where = analysed.article.path or analysed.article.id
            errors.append(f"{where}: extraction failed: {type(exc).__name__}: {exc}")
        if progress:
            progress(done, len(articles), analysed.article.id)
    return extractions, errors


def build_graph(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    store: str | Path | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build the knowledge graph of the articles under `paths`.

    `out`: folder to write `graph.ttl` into (None: write nothing).
    `store`: folder of a persistent Oxigraph store (None: in memory).
    `strict`: raise on the first failed input instead of reporting it and going on.
    """
    articles: list[Article] = []
    errors: list[str] = []
    warnings: list[str] = []
    for item in read_articles(paths):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            articles.append(item)
            warnings.extend(item.warnings)
    if strict and errors:
        raise NewsKGError(errors[0])
    extractions, failed = extract_articles(articles, model, progress)
    errors.extend(failed)
    if strict and errors:
        raise NewsKGError(errors[0])
    corpus = resolve(extractions)
    graph = KnowledgeGraph.on_disk(store) if store else KnowledgeGraph.memory()
    graph.clear()
    graph.add_quads(corpus_quads(corpus))
    graph.flush()
    result = BuildResult(graph=graph, corpus=corpus, errors=errors, warnings=warnings)
    if not extractions and errors:
        # nothing usable: keep whatever graph the previous build wrote
        raise NewsKGError(f"no article could be read ({len(errors)} failed): {errors[0]}")
    if out is not None:
        result.written = graph.write(Path(out) / "graph.ttl")
    return result
