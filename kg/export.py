"""Exports: RDF serialisations of the store, and GraphML or CSV of a NetworkX view.

RDF formats come straight from the store (Turtle and TriG with readable prefixes, TriG and
N-Quads keeping one named graph per article), except JSON-LD, which rdflib compacts with a
schema.org-first @context (pyoxigraph writes JSON-LD with full IRIs only).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import NewsKGError
from .graph import FORMATS, KnowledgeGraph, write_atomic
from .vocab import CORPUS_GRAPH, ID, PREFIXES, SCHEMA, article_graph

RDF_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld", "xml")
EXPORT_FORMATS = (*RDF_FORMATS, "graphml", "csv")
NODE_COLUMNS = ("id", "label", "kind")
EDGE_COLUMNS = ("source", "target", "key", "type")


def export_graph(graph: KnowledgeGraph, fmt: str, view: str = "attribution") -> bytes:
    """The graph in `fmt`: an RDF format, or GraphML of the NetworkX view `view` (CSV needs two files: see export_csv)."""
    if fmt == "graphml":
        from .views import build_view

        return graphml_bytes(build_view(graph, view))
    if fmt == "csv":
        raise NewsKGError("csv writes two files (nodes.csv, edges.csv): give a folder with --output DIR")
    if fmt == "jsonld":
        return jsonld_bytes(graph)
    if fmt not in FORMATS or fmt not in EXPORT_FORMATS:
        raise NewsKGError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    if fmt in ("trig", "nquads"):
        return _dump_quads(list(graph.store) if _has_named_graphs(graph) else regroup_by_article(graph), fmt)
    return graph._dump(fmt)


# --------------------------------------------------------------------------- named graphs

# Subjects whose IRI names the article they belong to (see kg.rdf: article_iri and span_iri).
_ARTICLE_SCOPED = re.compile(re.escape(ID) + r"(?:article/(?P<article>[^/]+)|(?:mention|report|attribute|legal-report)/(?P<span>.+?)-\d+-\d+)(?:/|$)")


def _has_named_graphs(graph: KnowledgeGraph) -> bool:
    return next(iter(graph.store.named_graphs()), None) is not None


def regroup_by_article(graph: KnowledgeGraph) -> list[ox.Quad]:
    """A graph read from a triples-only file (Turtle, N-Triples) put back into one named graph per
    article plus the corpus graph, by the article id each subject's IRI carries."""
    corpus = ox.NamedNode(CORPUS_GRAPH)
    quads = []
    for triple in graph.triples():
        match = _ARTICLE_SCOPED.match(triple.subject.value) if isinstance(triple.subject, ox.NamedNode) else None
        article = match and (match.group("article") or match.group("span"))
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(article_graph(article)) if article else corpus))
    return quads


def _dump_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    rdf_format = FORMATS[fmt][0]
    prefixes = PREFIXES if fmt == "trig" else None
    # grouped by graph (one TriG block per article), then sorted: identical input gives an identical file
    ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q)))
    return ox.serialize(ordered, format=rdf_format, prefixes=prefixes) or b""


# --------------------------------------------------------------------------- JSON-LD


def jsonld_context() -> dict:
    """schema.org terms bare (`name`, `headline`), everything else by prefix (`nkg:cue`, `oa:hasTarget`)."""
    return {"@vocab": SCHEMA, **PREFIXES}


def jsonld_bytes(graph: KnowledgeGraph) -> bytes:
    text = graph.to_rdflib().serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    document = json.loads(text)
    if isinstance(document.get("@graph"), list):  # rdflib's node order varies; sorted gives a stable file
        document["@graph"].sort(key=lambda node: str(node.get("@id", "")))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- GraphML


def graphml_bytes(view: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(view, buffer, named_key_ids=True)
    return buffer.getvalue()


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return nx.read_graphml(str(path), force_multigraph=True)


# --------------------------------------------------------------------------- CSV


def view_to_csv(view: nx.MultiDiGraph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text: fixed columns first, then every attribute any node/edge has (empty = no value)."""
    node_extra = sorted({k for _, d in view.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    edge_extra = sorted({k for *_, d in view.edges(keys=True, data=True) for k in d} - set(EDGE_COLUMNS))
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow([*NODE_COLUMNS, *node_extra])
    for node, data in view.nodes(data=True):
        writer.writerow([node, data.get("label", ""), data.get("kind", ""), *(_cell(data.get(k)) for k in node_extra)])
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow([*EDGE_COLUMNS, *edge_extra])
    for source, target, key, data in view.edges(keys=True, data=True):
        writer.writerow([source, target, key, data.get("type", ""), *(_cell(data.get(k)) for k in edge_extra)])
    return nodes.getvalue(), edges.getvalue()


def _cell(value) -> str:
    return "" if value is None else str(value)


def export_csv(graph: KnowledgeGraph, directory: str | Path, view: str = "attribution") -> tuple[Path, Path]:
    """Write DIR/nodes.csv and DIR/edges.csv for the view."""
    from .views import build_view

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NewsKGError(f"{directory}: csv export needs a folder (it writes nodes.csv and edges.csv)")
    nodes, edges = view_to_csv(build_view(graph, view))
    write_atomic(directory / "nodes.csv", nodes.encode("utf-8"))
    write_atomic(directory / "edges.csv", edges.encode("utf-8"))
    return directory / "nodes.csv", directory / "edges.csv"


_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+(\.\d+)?(e[-+]?\d+)?$", re.IGNORECASE)


def read_csv_view(directory: str | Path) -> nx.MultiDiGraph:
    """Re-import nodes.csv/edges.csv; a column whose every value looks numeric comes back as int or float."""
    directory = Path(directory)
    view = nx.MultiDiGraph()
    node_rows, edge_rows = _read_rows(directory / "nodes.csv", NODE_COLUMNS), _read_rows(directory / "edges.csv", EDGE_COLUMNS)
    for row in node_rows:
        node = row.pop("id")
        view.add_node(node, **row)
    for row in edge_rows:
        source, target, key = row.pop("source"), row.pop("target"), row.pop("key")
        view.add_edge(source, target, key=key, **row)
    return view


def _read_rows(path: Path, fixed: tuple[str, ...]) -> list[dict]:
    if not path.is_file():
        raise NewsKGError(f"{path}: no such file")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = rows[0].keys() if rows else []
    keep = set(fixed)  # identifiers stay strings whatever they look like
    for column in columns:
        values = [r[column] for r in rows if r[column] != ""]
        if column in keep or not values:
            continue
        if all(_INT.match(v) for v in values):
            cast = int
        elif all(_INT.match(v) or _FLOAT.match(v) for v in values):
            cast = float
        else:
            continue
        for r in rows:
            if r[column] != "":
                r[column] = cast(r[column])
    return [{k: v for k, v in r.items() if v != "" or k in keep} for r in rows]
