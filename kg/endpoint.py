"""Remote SPARQL 1.1 stores: push the graph (Graph Store Protocol or SPARQL Update), run
stored queries there (SPARQL protocol, JSON results), or download newskg's graphs.

Only the named graphs newskg owns (IRIs under `{ID}graph/`) are ever written or
dropped, and only at the URL the user named. Credentials come from the environment
(NEWSKG_ENDPOINT_USER / NEWSKG_ENDPOINT_PASSWORD) or ~/.netrc, never from a URL
or the command line, and never appear in messages.

URL layouts (`Endpoint.parse`):
    http://host:7878                     Oxigraph: /query, /update, /store (Graph Store)
    http://host:3030/ds/query            Fuseki (or any .../query): update at .../update
    http://host:8890/sparql-auth         Virtuoso, Blazegraph... (.../sparql): update at the same URL
    http://host:7200/repositories/news   GraphDB/RDF4J: update at .../statements
Stored queries read the default graph, which must be the union of the named graphs:
newskg asks Oxigraph for that per query; configure Fuseki with `tdb2:unionDefaultGraph true`
(GraphDB and Virtuoso do it by default).
NEWSKG_ENDPOINT_UPDATE / NEWSKG_ENDPOINT_GSP (or `kg push --update-url / --gsp-url`) override.
"""

from __future__ import annotations

import base64
import netrc
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .errors import NewsKGError
from .graph import KnowledgeGraph
from .vocab import ID

USER_ENV, PASSWORD_ENV = "NEWSKG_ENDPOINT_USER", "NEWSKG_ENDPOINT_PASSWORD"
UPDATE_ENV, GSP_ENV = "NEWSKG_ENDPOINT_UPDATE", "NEWSKG_ENDPOINT_GSP"
OWNED_GRAPHS = ID + "graph/"  # newskg touches no graph outside this prefix
FILE_GRAPH = ID + "graph/file"  # where triples of a plain graph file (no named graphs) are pushed
BATCH_QUADS = 20_000  # quads per SPARQL Update request
TIMEOUT = 300


@dataclass(frozen=True)
class Endpoint:
    query_url: str
    update_url: str
    gsp_url: str | None = None
    # Oxigraph's switch making the default graph the union of the named graphs, where the
    # stored queries look; other stores are configured so (see module doc / README)
    union_param: bool = False

    @classmethod
    def parse(cls, url: str, update_url: str | None = None, gsp_url: str | None = None) -> "Endpoint":
        url = _checked(url).rstrip("/")
        path = urllib.parse.urlsplit(url).path
        gsp, union = None, False
        if path.endswith("/query"):
            query, update = url, url[: -len("/query")] + "/update"
        elif path.endswith(("/sparql", "/sparql-auth")):
            query, update = url, url
        elif re.search(r"/repositories/[^/]+$", path):
            query, update, gsp = url, url + "/statements", url + "/rdf-graphs/service"
        else:  # a server root or dataset base: Oxigraph's layout
            query, update, gsp, union = url + "/query", url + "/update", url + "/store", True
        update = _checked(update_url or os.environ.get(UPDATE_ENV) or update)
        gsp = gsp_url or os.environ.get(GSP_ENV) or gsp
        return cls(query, update, _checked(gsp) if gsp else None, union)

    @property
    def key(self) -> str:
        return self.update_url


def _checked(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NewsKGError(f"{_safe(url)}: not an http(s) endpoint URL")
    if parts.username or parts.password:
        raise NewsKGError(f"endpoint URL must not hold credentials: set {USER_ENV} and {PASSWORD_ENV}, or use ~/.netrc")
    return url


def _safe(url: str) -> str:
    """The URL without any user:password part, for messages."""
    parts = urllib.parse.urlsplit(url)
    return parts._replace(netloc=parts.hostname or "").geturl() if parts.username else url


# --------------------------------------------------------------------------- HTTP


def _credentials(url: str) -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user:
        return user, password or ""
    try:
        found = netrc.netrc().authenticators(urllib.parse.urlsplit(url).hostname or "")
    except (OSError, netrc.NetrcParseError):
        return None
    return (found[0], found[2] or "") if found else None


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> bytes:
    """One HTTP request; a failure becomes a one-line NewsKGError (never showing credentials)."""
    req = urllib.request.Request(url, data=data, headers=dict(headers or {}), method=method)
    handlers = []
    credentials = _credentials(url)
    if credentials:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *credentials)
        handlers = [urllib.request.HTTPDigestAuthHandler(manager)]  # Digest on challenge (Virtuoso)
        token = base64.b64encode(":".join(credentials).encode()).decode()
        req.add_header("Authorization", f"Basic {token}")  # Basic up front (Fuseki, GraphDB, Stardog)
    try:
        with urllib.request.build_opener(*handlers).open(req, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
        raise NewsKGError(f"{_safe(url)}: HTTP {exc.code} {exc.reason}{': ' + body[0] if body else ''}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NewsKGError(f"{_safe(url)}: cannot reach the endpoint ({reason})") from None


# --------------------------------------------------------------------------- queries


class RemoteResult:
    """What `run_query` reads from a result: `.vars` and rows of rdflib terms."""

    def __init__(self, variables: list[str], rows: list[tuple]):
        self.vars = variables
        self.rows = rows

    def __iter__(self):
        return iter(self.rows)


def select(endpoint: Endpoint, sparql: str) -> ox.QuerySolutions:
    form = {"query": sparql, **({"union-default-graph": ""} if endpoint.union_param else {})}
    body = urllib.parse.urlencode(form).encode()
    data = request(
        endpoint.query_url,
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
    )
    try:
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise NewsKGError(f"{endpoint.query_url}: not SPARQL JSON results ({str(exc).splitlines()[0]})") from None


class RemoteGraph:
    """A SPARQL endpoint seen as a graph to run stored queries on (`kg query --endpoint`)."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint
        self.lateral = True  # until the store rejects a query using SPARQL 1.2's LATERAL (kg/queries.py)

    def query(self, sparql: str, bindings: dict | None = None) -> RemoteResult:
        solutions = select(self.endpoint, sparql)
        variables = [v.value for v in solutions.variables]
        rows = [tuple(_rdflib(solution[v]) for v in variables) for solution in solutions]
        return RemoteResult(variables, rows)


def _rdflib(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


_OWNED_QUADS = f"""SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OWNED_GRAPHS}")) }}"""
_OWNED_GRAPHS_QUERY = f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OWNED_GRAPHS}")) }}"""


def download(endpoint: Endpoint) -> KnowledgeGraph:
    """newskg's named graphs at the endpoint, in an in-memory graph (for export, validate, explain)."""
    graph = KnowledgeGraph.memory()
    graph.bulk_add(ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in select(endpoint, _OWNED_QUADS))
    return graph


def remote_graphs(endpoint: Endpoint) -> set[str]:
    return {row["g"].value for row in select(endpoint, _OWNED_GRAPHS_QUERY)}


# --------------------------------------------------------------------------- pushing


def put_graph(endpoint: Endpoint, name: str, quads: list[ox.Quad]) -> None:
    """Replace one named graph through the Graph Store Protocol (HTTP PUT)."""
    body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    url = f"{endpoint.gsp_url}?{urllib.parse.urlencode({'graph': name})}"
    request(url, body, {"Content-Type": "application/n-triples"}, method="PUT")


def update(endpoint: Endpoint, operations: list[str]) -> None:
    body = urllib.parse.urlencode({"update": " ;\n".join(operations)}).encode()
    request(endpoint.update_url, body, {"Content-Type": "application/x-www-form-urlencoded"})


def _replace_operations(name: str, quads: list[ox.Quad]) -> list[str]:
    triples = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return [f"DROP SILENT GRAPH <{name}>", f"INSERT DATA {{ GRAPH <{name}> {{\n{triples}\n}} }}"]


def push_graphs(endpoint: Endpoint, graphs: dict[str, list[ox.Quad]], names: Iterable[str], drop: Iterable[str]) -> int:
    """Replace the graphs `names` and drop the graphs `drop` at the endpoint; returns graphs written."""
    names, drop = sorted(names), sorted(set(drop))
    for name in [*names, *drop]:
        if not name.startswith(OWNED_GRAPHS):
            raise NewsKGError(f"refusing to write graph {name}: not a newskg graph")
    use_gsp = endpoint.gsp_url is not None
    batch: list[str] = []
    size = 0
    for name in names:
        if use_gsp:
            try:
                put_graph(endpoint, name, graphs[name])
                continue
            except NewsKGError as exc:
                if not re.search(r"HTTP (404|405|415)", str(exc)) or name != names[0]:
                    raise
                use_gsp = False  # no Graph Store at that URL: fall back to SPARQL Update
        batch += _replace_operations(name, graphs[name])
        size += len(graphs[name])
        if size >= BATCH_QUADS:
            update(endpoint, batch)
            batch, size = [], 0
    batch += [f"DROP SILENT GRAPH <{name}>" for name in drop]
    if batch:
        update(endpoint, batch)
    return len(names)


def sync_graphs(
    endpoint: Endpoint, graphs: dict[str, list[ox.Quad]], changed: set[str], removed: set[str], full: bool = True
) -> int:
    """Make the endpoint hold `graphs`. `full`: push every graph and drop the endpoint's other
    newskg graphs; else push only `changed` and drop `removed` (an incremental build)."""
    if full:
        return push_graphs(endpoint, graphs, graphs, remote_graphs(endpoint) - set(graphs))
    return push_graphs(endpoint, graphs, changed, removed)


def graphs_in(graph: KnowledgeGraph) -> dict[str, list[ox.Quad]]:
    """A local graph's quads by named graph; default-graph triples (a plain .ttl file) go to FILE_GRAPH."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in graph.store:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else FILE_GRAPH
        graphs.setdefault(name, []).append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name)))
    return graphs


def push(url: str, graph: KnowledgeGraph, store=None, update_url: str | None = None, gsp_url: str | None = None) -> int:
    """`kg push`: make the endpoint hold exactly this graph's newskg graphs; returns graphs written.
    `store`: the StoreFolder the graph came from, which then remembers the push (so later
    `kg build --store DIR --endpoint URL` runs send only what changed)."""
    endpoint = Endpoint.parse(url, update_url, gsp_url)
    graphs = graphs_in(graph)
    count = sync_graphs(endpoint, graphs, set(graphs), set(), full=True)
    if store is not None and store.state:
        store.record_push(endpoint.key)
    return count
