"""Exports: RDF serialisations of the store, and GraphML of a NetworkX view."""

from __future__ import annotations

import io

from .errors import NewsKGError
from .graph import FORMATS, KnowledgeGraph

EXPORT_FORMATS = ("turtle", "nt", "jsonld", "trig", "nquads", "xml", "graphml")


def export_graph(graph: KnowledgeGraph, fmt: str, view: str = "attribution") -> bytes:
    """The graph in `fmt`: an RDF format, or GraphML of the NetworkX view `view`."""
    if fmt == "graphml":
        import networkx as nx

        from .views import build_view

        buffer = io.BytesIO()
        nx.write_graphml(build_view(graph, view), buffer)
        return buffer.getvalue()
    if fmt not in FORMATS:
        raise NewsKGError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    return graph._dump(fmt)
