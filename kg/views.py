"""NetworkX views of the RDF graph (one source of truth). Every node has `label` and `kind`;
every attribute is a scalar so GraphML readers (Gephi, Cytoscape) take them as they are."""

from __future__ import annotations

import networkx as nx

from .errors import NewsKGError
from .vocab import sparql_prefixes

_ATTRIBUTION = """
SELECT ?st ?text ?speaker ?speaker_name ?speaker_kind ?article ?source ?title ?start ?end ?cue ?date ?exact WHERE {
  ?report a nkg:Report ; oa:hasBody ?st ; oa:hasTarget ?target .
  ?st schema:text ?text .
  ?target oa:hasSource ?article ; oa:hasSelector ?pos, ?quote .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
  ?article schema:identifier ?source .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?report nkg:cue ?cue }
  OPTIONAL { ?report nkg:saidDate ?date }
  OPTIONAL { ?st schema:creator ?speaker . ?speaker schema:name ?speaker_name . OPTIONAL { ?speaker nkg:kind ?speaker_kind } }
}
"""


def _rows(graph, query: str):
    for row in graph.query(sparql_prefixes() + query):
        yield {str(var): (None if value is None else value) for var, value in zip(row.labels, row)}


def attribution_view(graph) -> nx.MultiDiGraph:
    """speaker -SAID-> statement -REPORTED_IN-> article, with each report's span, cue and date on its edge."""
    view = nx.MultiDiGraph(name="attribution")
    for row in _rows(graph, _ATTRIBUTION):
        statement = str(row["st"])
        view.add_node(statement, label=_short(str(row["text"])), kind="statement", text=str(row["text"]))
        article = str(row["article"])
        view.add_node(article, label=str(row["title"] or row["source"]), kind="article")
        view.add_edge(
            statement, article, key=f"{row['source']}:{row['start']}", type="REPORTED_IN",
            start=int(row["start"]), end=int(row["end"]), cue=str(row["cue"] or ""),
            date=str(row["date"] or ""), exact=str(row["exact"]),
        )
        if row["speaker"] is not None:
            speaker = str(row["speaker"])
            view.add_node(speaker, label=str(row["speaker_name"]), kind=str(row["speaker_kind"] or "entity"))
            if not view.has_edge(speaker, statement, key="SAID"):
                view.add_edge(speaker, statement, key="SAID", type="SAID")
    return view


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


VIEWS = {"attribution": attribution_view}


def build_view(graph, name: str) -> nx.MultiDiGraph:
    if name not in VIEWS:
        raise NewsKGError(f"unknown view {name!r}; views: {', '.join(VIEWS)}")
    return VIEWS[name](graph)
