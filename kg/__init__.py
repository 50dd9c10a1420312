"""newskg: a knowledge graph of who said what, when, according to which source, from news articles.

    from kg import build_graph, run_query
    result = build_graph(["seeds"])
    table = run_query(result.graph, "who-said-what")
"""

from __future__ import annotations

from pathlib import Path

from .errors import NewsKGError
from .graph import KnowledgeGraph
from .pipeline import BuildResult, build_graph
from .queries import Table, run_query

__all__ = ["BuildResult", "KnowledgeGraph", "NewsKGError", "Table", "build_graph", "open_graph", "run_query"]

DEFAULT_GRAPH_FILE = Path("out") / "graph.ttl"


def open_graph(graph: str | Path | None = None, store: str | Path | None = None, endpoint: str | None = None) -> KnowledgeGraph:
    """Open a built graph: a persistent store folder (read-only), a SPARQL endpoint's newskg
    graphs (downloaded into memory), or a graph file (default out/graph.ttl)."""
    if store is not None:
        from .state import StoreFolder

        if not Path(store).is_dir():
            raise NewsKGError(f"{store}: no such store folder (build one with `kg build --store {store}`)")
        return StoreFolder(store).open_read()
    if endpoint is not None:
        from .endpoint import Endpoint, download

        return download(Endpoint.parse(endpoint))
    return KnowledgeGraph.from_file(graph or DEFAULT_GRAPH_FILE)
