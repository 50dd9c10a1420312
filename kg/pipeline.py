"""The build: read, analyse, extract, resolve, map, store.

One bad article never stops a build: its problem is recorded in `BuildResult.errors`
and the rest goes on.

Incremental: with a cache folder (inside `--store DIR`, or `--out DIR/.newskg-cache`),
only articles whose content (or the extractor code, or the spaCy model) changed go
through spaCy (kg/cache.py, in parallel: kg/parallel.py); every other extraction comes
from the cache. Resolution then runs over all extractions, exactly as in a build from
scratch; a store folder (kg/state.py) maps and rewrites only the named graphs whose
inputs changed (kg/incremental.py), into a copy of the live database made live at the end.
Whatever the rebuild asks again (parsed files, wording comparisons, the corpus graph's lines
for unchanged entities and statements) is answered from the last build's answers (kg/memo.py).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from . import collector, memo
from .cache import ExtractionCache, article_key, fingerprint, load_extraction
from .errors import InputError, NewsKGError
from .graph import KnowledgeGraph, parse_lines
from .incremental import article_deps, article_graphs, blob_digest, corpus_graph_lines, lines_blob
from .parallel import Workers, default_workers, extract_all
from .records import Article, Corpus, Extraction
from .resolve import resolve
from .settings import default_model
from .sources import read_articles
from .vocab import CORPUS_GRAPH, article_graph

Progress = Callable[[int, int, str], None]
CACHE_FOLDER = ".newskg-cache"  # inside --out when there is no store folder


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    corpus: Corpus
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: Path | None = None
    # how the build went: extracted, from cache, graphs written / removed, pushed
    stats: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        kinds = [e.kind.value for e in self.corpus.entities]
        people, places = kinds.count("person"), kinds.count("place")
        return {
            "articles": len(self.corpus.extractions),
            "people": people,
            "organizations": len(kinds) - people - places - kinds.count("other"),
            "places": places,
            "statements": len(self.corpus.statements),
            "reports": sum(len(s.reports) for s in self.corpus.statements),
            "legal actions": sum(1 for a in self.corpus.legal_actions if not a.background),
            "cases cited as background": sum(1 for a in self.corpus.legal_actions if a.background),
            "triples": self.graph.size(),
            "failed inputs": len(self.errors),
        }


def read_inputs(paths: Iterable[str | Path]) -> tuple[list[Article], list[str], list[str]]:
    """Articles, errors and warnings, in the sorted order `read_articles` gives."""
    articles: list[Article] = []
    errors: list[str] = []
    warnings: list[str] = []
    for item in read_articles(paths):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            articles.append(item)
            warnings.extend(item.warnings)
    return articles, errors, warnings


def extract_articles(
    articles: list[Article],
    model: str | None = None,
    progress: Progress | None = None,
    cache: ExtractionCache | None = None,
    workers: int | None = None,
    stats: dict[str, int] | None = None,
    started: Workers | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> tuple[list[Extraction], list[str]]:
    """Each article's extraction, from the cache or from spaCy + extractors; failures are reported, not raised.
    `started`: extraction workers started ahead (kg/parallel.py). `meanwhile`: more work for this
    process while workers extract (run after loading the cached extractions, only if there are workers)."""
    model = model or default_model()
    stats = stats if stats is not None else {}
    key_of = {}
    if cache is not None:
        print_ = fingerprint(model)
        key_of = {a.id: article_key(a, print_) for a in articles}
    blobs = cache.get(key_of.values()) if cache is not None else {}
    todo = [a for a in articles if key_of.get(a.id) not in blobs]
    stats["from cache"] = len(articles) - len(todo)
    stats["extracted"] = len(todo)
    errors: list[str] = []
    finished = stats["from cache"]

    def done(index: int, blob: bytes | None, error: str | None) -> None:
        nonlocal finished
        article = todo[index]
        if blob is None:
            errors.append(error or f"{article.id}: extraction failed")
        else:
            blobs[key_of.get(article.id, article.id)] = blob
            if cache is not None:
                cache.put(key_of[article.id], article.id, blob)
        finished += 1
        if progress:
            progress(finished, len(articles), article.id)

    # Every extraction goes through the same JSON round trip, cached or fresh, so an
    # incremental build gives exactly what a build from scratch gives.
    loaded: dict[str, Extraction] = {}
    cached = [(a, blobs[key_of[a.id]]) for a in articles if key_of.get(a.id) in blobs]

    def load_cached() -> None:
        with collector.paused():  # JSON into records: no reference cycles, nothing for a collection to find
            for article, blob in cached:
                loaded[article.id] = load_extraction(blob, article)
        if meanwhile is not None and todo:
            meanwhile()

    if todo:
        extract_all(todo, model, workers or default_workers(), done, meanwhile=load_cached, started=started)
    else:
        load_cached()
    with collector.paused():
        extractions = [
            loaded.get(a.id) or load_extraction(blobs[key_of.get(a.id, a.id)], a) for a in articles if key_of.get(a.id, a.id) in blobs
        ]
    if cache is not None and not errors:
        cache.prune(set(key_of.values()))
    return extractions, errors


def build_graph(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    store: str | Path | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    workers: int | None = None,
    cache: str | Path | bool | None = None,
    endpoint: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles under `paths`.

    `out`: folder to write `graph.ttl` into (None: write nothing).
    `store`: folder of a persistent Oxigraph store (None: in memory).
    `strict`: raise on the first failed input instead of reporting it and going on.
    `workers`: extraction processes (default: one per core).
    `cache`: extraction cache folder; default `store/cache`, else `out/.newskg-cache`,
      else none. False: no cache (everything is re-extracted).
    `endpoint`: a SPARQL endpoint URL to push the graph to afterwards (kg/endpoint.py).
    """
    frozen_before = collector.begin()
    # forked now, the workers load the model while this process reads the articles and the cache
    workers_ahead = Workers(model or default_model(), workers or default_workers())
    try:
        from .state import StoreFolder

        folder = StoreFolder(store) if store is not None else None
        if folder is not None and folder.is_plain_oxigraph():
            raise NewsKGError(f"{store}: holds an Oxigraph database not made by `kg build`; choose an empty or newskg store folder")
        cache_dir = _cache_dir(cache, folder, out)
        # One build at a time per store folder, from the start: a second one stops at once instead
        # of after extracting. The last build's answers (parsed files, wording comparisons,
        # corpus-graph lines): a rebuild asks most of the same questions again (kg/memo.py).
        with folder.lock() if folder is not None else nullcontext(), memo.kept_in(cache_dir):
            articles, errors, warnings = read_inputs(paths)
            if strict and errors:
                raise NewsKGError(errors[0])
            extraction_cache = ExtractionCache(cache_dir) if cache_dir is not None else None
            stats: dict[str, int] = {}
            try:
                meanwhile = folder.prepare_write if folder is not None else None  # while the workers extract
                extractions, failed = extract_articles(articles, model or default_model(), progress, extraction_cache, workers, stats, workers_ahead, meanwhile)
            finally:
                workers_ahead.close()  # unused (nothing changed) or done: not kept through the rest of the build
                if extraction_cache is not None:
                    extraction_cache.close()
            collector.keep_alive_objects()  # the extractions live until the build ends
            errors.extend(failed)
            if strict and errors:
                raise NewsKGError(errors[0])
            if not extractions and errors:
                raise NewsKGError(f"no article could be read ({len(errors)} failed): {errors[0]}")
            with collector.paused():  # resolution makes no reference cycles: collections would only re-scan it
                corpus = resolve(extractions)
            collector.keep_alive_objects()
            if folder is not None:
                graph, graphs, corpus_lines = _write_store(folder, corpus, model or default_model(), stats, keep_quads=bool(endpoint))
            else:
                graph = KnowledgeGraph.memory()
                graphs, corpus_lines = _load_new(graph, corpus, keep_quads=bool(endpoint))
        result = BuildResult(graph=graph, corpus=corpus, errors=errors, warnings=warnings, stats=stats)
        if out is not None:
            result.written = graph.write(Path(out) / "graph.ttl")
        if endpoint:
            if corpus_lines:
                graphs[CORPUS_GRAPH] = parse_lines(corpus_lines)
            try:
                stats["graphs pushed"] = _push(endpoint, graph, graphs, folder)
            except NewsKGError as exc:
                result.errors.append(f"push failed (the local build is complete): {exc}")
        return result
    finally:
        workers_ahead.close()
        collector.release(frozen_before)


def _push(url: str, graph: KnowledgeGraph, graphs: dict[str, list[ox.Quad]], folder) -> int:
    """Send the build to a SPARQL store: everything the first time, then (for a store folder
    that remembers what it pushed there) only the graphs that changed since."""
    from .endpoint import Endpoint, graphs_in, push_graphs, sync_graphs

    endpoint = Endpoint.parse(url)
    pushed = folder.pushed(endpoint.key) if folder is not None else None
    if pushed is None:
        everything = graphs_in(graph)
        count = sync_graphs(endpoint, everything, set(everything), set(), full=True)
    else:
        digests = folder.digests
        todo = [g for g in digests if pushed.get(g) != digests[g]]
        missing = [g for g in todo if g not in graphs]  # changed before, pushed elsewhere since
        if missing:
            graphs = {**graphs, **{g: q for g, q in graphs_in(graph).items() if g in missing}}
        count = push_graphs(endpoint, graphs, todo, set(pushed) - set(digests))
    if folder is not None:
        folder.record_push(endpoint.key)
    return count


def _cache_dir(cache: str | Path | bool | None, folder, out: str | Path | None) -> Path | None:
    if cache is False:
        return None
    if cache not in (None, True):
        return Path(cache)
    if folder is not None:
        return folder.cache_dir
    if out is not None:
        return Path(out) / CACHE_FOLDER
    return None


def _write_store(folder, corpus: Corpus, model: str, stats: dict[str, int], keep_quads: bool = False):
    """Bring the store folder to the corpus, mapping and rewriting only the named graphs that
    changed. Returns the live graph, the quads of the article graphs it rewrote (of a new
    database, only if `keep_quads`: a push needs them, nothing else does), and the corpus
    graph's lines. The caller holds the folder's lock."""
    from .state import Packing

    deps = article_deps(corpus, model)
    old, old_deps = folder.digests, folder.deps
    fresh = not old
    if fresh:
        # a new database: each graph is written as soon as it is mapped, on another core
        graph = folder.next_database(fresh=True)
        graphs, corpus_lines = _load_new(graph, corpus, keep_quads)
        mapped = set(deps)
    else:
        stale = {e.article.id for e in corpus.extractions if _stale(article_graph(e.article.id), deps, old_deps, old)}
        graph_lines = dict(article_graphs(corpus, stale))
        corpus_lines = corpus_graph_lines(corpus)
        mapped = set(graph_lines)
        graphs = {name: parse_lines(lines) for name, lines in graph_lines.items()} if keep_quads else {}
    digests = {name: old[name] for name in deps if name not in mapped}  # untouched article graphs
    # An article graph is a function of its inputs: their digest names its content (hashing
    # every quad of every article cost seconds). The corpus graph is digested by content,
    # as its sorted lines: saved with the database, the next build diffs against them.
    digests.update({name: deps[name] for name in mapped})
    sorted_lines = sorted(corpus_lines)
    corpus_blob = lines_blob(sorted_lines) if corpus_lines else None
    if corpus_blob is not None:
        digests[CORPUS_GRAPH] = blob_digest(corpus_blob)
    changed = {name for name, value in digests.items() if old.get(name) != value}
    removed = set(old) - set(digests)
    if not fresh and not changed and not removed:
        folder.discard_prepared()
        graph = folder.open_read()  # nothing to write: the live graph stays as it is
        stats["graphs written"] = stats["graphs removed"] = 0
        return graph, graphs, corpus_lines
    packing = Packing(corpus_blob) if corpus_blob is not None else None  # compressed while the graphs are written
    # not the live database: a copy, made live by commit (a killed build leaves the old one live)
    if not fresh:
        graph = folder.next_database(fresh=False)
        for name in sorted(removed):
            graph.clear_graph(name)
        for name in sorted(changed):
            if name == CORPUS_GRAPH:
                graph.replace_graph_lines(name, sorted_lines, folder.corpus_lines(old.get(name)))
            else:
                graph.replace_graph_lines(name, sorted(graph_lines[name]))
    folder.commit(graph, digests, {"deps": deps, "articles": len(deps)}, packing)
    # the writable database is closed, and the graph handed back is the live one read-only, as
    # `open_graph` gives it: RocksDB may compact away files under a reader while a writer is open
    graph.close()
    graph = folder.open_read()
    stats["graphs written"] = len(changed)
    stats["graphs removed"] = len(removed)
    return graph, graphs, corpus_lines


def _load_new(graph: KnowledgeGraph, corpus: Corpus, keep_quads: bool) -> tuple[dict[str, list[ox.Quad]], list[str]]:
    """Map the whole corpus into an empty store, each graph loaded on another thread as soon as it
    is mapped. Returns the article graphs' quads (only if `keep_quads`: a push needs them, and
    otherwise millions of quad objects would live to the end) and the corpus graph's lines."""
    graphs = {}
    with graph.loader() as loader:
        for name, lines in article_graphs(corpus):
            loader.add_lines(lines)
            if keep_quads:
                graphs[name] = parse_lines(lines)
        corpus_lines = corpus_graph_lines(corpus)
        loader.add_lines(corpus_lines)
    return graphs, corpus_lines


def _stale(name: str, deps: dict[str, str], old_deps: dict[str, str], old: dict[str, str]) -> bool:
    return name not in old or old_deps.get(name) != deps[name]
