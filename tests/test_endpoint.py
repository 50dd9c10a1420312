"""SPARQL endpoints: push to a real `oxigraph serve` on loopback, query there, sync, credentials."""

from __future__ import annotations

import base64
import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import build_graph, open_graph, run_query
from kg.cli import app
from kg.endpoint import Endpoint, RemoteGraph, push, request
from kg.errors import NewsKGError

from .query_cases import parameter_cases
from .scale_helpers import quads, write_small_corpus

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def oxigraph(tmp_path):
    """A fresh `oxigraph serve` on a free loopback port; always stopped afterwards."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "server-db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("endpoint-corpus")
    write_small_corpus(folder, 3, paragraphs=2)
    return folder


def remote_quads(url: str) -> list[str]:
    return quads(open_graph(endpoint=url))


def test_pushed_graph_answers_every_stored_query_like_the_local_one(oxigraph, corpus, tmp_path):
    local = build_graph([corpus], store=tmp_path / "store")
    named = list(local.graph.store.named_graphs())
    assert len(named) == 4  # three articles and the corpus graph
    assert push(oxigraph, local.graph) == len(named)
    assert remote_quads(oxigraph) == quads(local.graph)
    remote = RemoteGraph(Endpoint.parse(oxigraph))
    for name, values in parameter_cases(local.graph):
        assert sorted(run_query(remote, name, values).rows) == sorted(run_query(local.graph, name, values).rows), (name, values)
    assert remote.lateral  # Oxigraph's server takes the queries as written, LATERAL included


def test_push_syncs_newskg_graphs_and_leaves_other_graphs_alone(oxigraph, corpus, tmp_path):
    foreign = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("kept"), ox.NamedNode("http://example.org/theirs"))
    request(f"{oxigraph}/store?graph=http://example.org/theirs", ox.serialize([foreign.triple], format=ox.RdfFormat.N_TRIPLES), {"Content-Type": "application/n-triples"}, "PUT")
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    push(oxigraph, build_graph([folder], cache=False).graph)
    sorted(folder.iterdir())[0].unlink()
    smaller = build_graph([folder], cache=False)
    push(oxigraph, smaller.graph)
    assert remote_quads(oxigraph) == quads(smaller.graph)  # the deleted article's graph is gone
    kept = RemoteGraph(Endpoint.parse(oxigraph)).query("SELECT ?o WHERE { GRAPH <http://example.org/theirs> { ?s ?p ?o } }")
    assert [str(row[0]) for row in kept] == ["kept"]


def test_store_build_with_endpoint_pushes_only_what_changed(oxigraph, corpus, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    store = tmp_path / "store"
    first = build_graph([folder], store=store, endpoint=oxigraph)
    assert first.stats["graphs pushed"] == len(list(first.graph.store.named_graphs()))
    path = sorted(folder.iterdir())[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nThe hearing was moved to Friday.\n", encoding="utf-8")
    second = build_graph([folder], store=store, endpoint=oxigraph)
    assert second.stats["graphs pushed"] == second.stats["graphs written"] < first.stats["graphs pushed"]
    assert remote_quads(oxigraph) == quads(second.graph)


def test_cli_push_query_and_sparql_update_path(oxigraph, corpus, tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    build_graph([corpus], store=store)
    # --endpoint .../query: no Graph Store URL, so the push goes through SPARQL Update at .../update
    result = runner.invoke(app, ["push", "--store", str(store), "--endpoint", f"{oxigraph}/query"])
    assert result.exit_code == 0, result.output
    assert remote_quads(oxigraph) == quads(open_graph(store=store))
    result = runner.invoke(app, ["query", "stats", "--endpoint", oxigraph, "--format", "csv"])
    assert result.exit_code == 0 and "articles,3" in result.stdout.replace(" ", "")
    result = runner.invoke(app, ["query", "stats", "--endpoint", "http://127.0.0.1:9/none"])
    assert result.exit_code == 2 and "cannot reach the endpoint" in result.output


def test_endpoint_url_layouts():
    oxi = Endpoint.parse("http://h:7878/")
    assert (oxi.query_url, oxi.update_url, oxi.gsp_url) == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    fuseki = Endpoint.parse("http://h:3030/ds/query", gsp_url="http://h:3030/ds/data")
    assert (fuseki.update_url, fuseki.gsp_url, fuseki.union_param) == ("http://h:3030/ds/update", "http://h:3030/ds/data", False)
    virtuoso = Endpoint.parse("http://h:8890/sparql")
    assert (virtuoso.query_url, virtuoso.update_url, virtuoso.gsp_url) == ("http://h:8890/sparql", "http://h:8890/sparql", None)
    assert Endpoint.parse("http://h:8890/sparql-auth").update_url == "http://h:8890/sparql-auth"
    graphdb = Endpoint.parse("http://h:7200/repositories/news")
    assert graphdb.update_url == "http://h:7200/repositories/news/statements"
    with pytest.raises(NewsKGError, match="must not hold credentials"):
        Endpoint.parse("http://user:secret@h:7878")
    with pytest.raises(NewsKGError, match="not an http"):
        Endpoint.parse("file:///etc/passwd")


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str | None] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Recorder.seen.append(self.headers.get("Authorization"))
        self.send_response(401)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"unauthorized")

    def log_message(self, *args):
        pass


def test_credentials_come_from_the_environment_and_never_show(monkeypatch):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("NEWSKG_ENDPOINT_USER", "reader")
        monkeypatch.setenv("NEWSKG_ENDPOINT_PASSWORD", "s3cret-pw")
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        with pytest.raises(NewsKGError) as caught:
            RemoteGraph(Endpoint.parse(url)).query("ASK {}")
        assert "HTTP 401" in str(caught.value) and "s3cret" not in str(caught.value)
        assert _Recorder.seen[0] == "Basic " + base64.b64encode(b"reader:s3cret-pw").decode()
    finally:
        server.shutdown()
        server.server_close()
