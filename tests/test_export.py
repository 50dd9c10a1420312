"""Exports re-import to the same graph (RDF formats) or the same nodes, edges and attributes (GraphML, CSV)."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg import views
from kg.cli import app
from kg.errors import NewsKGError
from kg.export import export_csv, export_graph, graphml_bytes, read_csv_view, read_graphml, view_to_csv
from kg.graph import KnowledgeGraph
from kg.vocab import CORPUS_GRAPH, ID

from .view_samples import sample_graph

runner = CliRunner()


def rdflib_formats():
    return {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


@pytest.mark.parametrize("fmt", sorted(rdflib_formats()))
def test_rdf_exports_reimport_isomorphic(seeds_build, fmt):
    data = export_graph(seeds_build.graph, fmt)
    again = Graph().parse(data=data, format=rdflib_formats()[fmt])
    assert len(again) == len(seeds_build.graph)
    assert isomorphic(again, seeds_build.graph.to_rdflib())


def test_turtle_uses_readable_prefixes(seeds_build):
    text = export_graph(seeds_build.graph, "turtle").decode()
    assert "@prefix nkg: <https://w3id.org/newskg/ns#>" in text and "nkg:Statement" in text


def test_jsonld_has_a_schema_org_context_and_compact_terms(sample_kg):
    document = json.loads(export_graph(sample_kg, "jsonld"))
    context = document["@context"]
    assert context["@vocab"] == "https://schema.org/" and context["nkg"] == "https://w3id.org/newskg/ns#"
    nodes = {node["@id"]: node for node in document["@graph"]}
    ann = nodes["person:ann-lee"]  # IRIs compacted with the same prefixes as Turtle
    assert ann["name"] == "Ann Lee" and ann["nkg:kind"] == "person"
    assert nodes["art:a1"]["@type"] == "NewsArticle" and nodes["art:a1"]["headline"] == "Mayor <b>quits</b> & more"
    assert [n["@id"] for n in document["@graph"]] == sorted(n["@id"] for n in document["@graph"])


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads")])
def test_quad_exports_keep_one_named_graph_per_article(seeds_build, fmt, parser):
    graph = seeds_build.graph
    dataset = Dataset()
    dataset.parse(data=export_graph(graph, fmt), format=parser)
    graphs = _graphs(dataset)
    articles = {a.article.id for a in seeds_build.corpus.extractions}
    assert set(graphs) == {f"{ID}graph/article/{a}" for a in articles} | {CORPUS_GRAPH}
    original = Dataset()
    original.parse(data=graph.serialize("nquads"), format="nquads")
    for name, named in _graphs(original).items():
        assert isomorphic(graphs[name], named), name


def test_trig_from_a_turtle_file_is_regrouped_by_article(seeds_build, tmp_path):
    reloaded = KnowledgeGraph.from_file(seeds_build.written)  # Turtle: no named graphs
    dataset = Dataset()
    dataset.parse(data=export_graph(reloaded, "trig"), format="trig")
    graphs = _graphs(dataset)
    assert len(graphs) == len(seeds_build.corpus.extractions) + 1
    union = Graph()
    for named in graphs.values():
        for triple in named:
            union.add(triple)
    assert isomorphic(union, reloaded.to_rdflib())
    # an article's graph holds that article's reports, not another's
    for name, named in graphs.items():
        if name == CORPUS_GRAPH:
            continue
        article = name.rsplit("/", 1)[-1]
        for subject in set(named.subjects()):
            assert article in str(subject), (name, subject)
    assert (URIRef(f"{ID}article/{article}"), None, None) in graphs[f"{ID}graph/article/{article}"]


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_graphml_reimports_same_nodes_edges_and_attributes(seeds_build, tmp_path, name):
    view = views.build_view(seeds_build.graph, name)
    path = tmp_path / f"{name}.graphml"
    path.write_bytes(graphml_bytes(view))
    again = read_graphml(path)
    assert (again.number_of_nodes(), again.number_of_edges()) == (view.number_of_nodes(), view.number_of_edges())
    for node, data in view.nodes(data=True):
        assert again.nodes[node] == data
    for a, b, key, data in view.edges(keys=True, data=True):
        assert again.edges[a, b, key] == data


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_csv_reimports_same_nodes_edges_and_attributes(seeds_build, tmp_path, name):
    view = views.build_view(seeds_build.graph, name)
    nodes_file, edges_file = export_csv(seeds_build.graph, tmp_path / name, view=name)
    assert nodes_file.name == "nodes.csv" and edges_file.name == "edges.csv"
    again = read_csv_view(tmp_path / name)
    assert (again.number_of_nodes(), again.number_of_edges()) == (view.number_of_nodes(), view.number_of_edges())

    def filled(data):  # CSV has no "empty string" apart from "no value"
        return {k: v for k, v in data.items() if v != "" or k in ("label", "kind", "type")}

    for node, data in view.nodes(data=True):
        assert again.nodes[node] == filled(data)
    for a, b, key, data in view.edges(keys=True, data=True):
        assert again.edges[a, b, key] == filled(data)


def test_csv_quotes_commas_newlines_and_markup(sample_kg):
    nodes, _ = view_to_csv(views.entities_view(sample_kg))
    assert "\"Acme <script>alert('x')</script> Corp\"" not in nodes  # no comma: not quoted
    assert "Acme <script>alert('x')</script> Corp" in nodes
    first_line = nodes.splitlines()[0]
    assert first_line.startswith("id,label,kind,")


def test_csv_and_unknown_formats_are_one_line_errors(sample_kg, tmp_path):
    with pytest.raises(NewsKGError, match="give a folder"):
        export_graph(sample_kg, "csv")
    with pytest.raises(NewsKGError, match="unknown export format 'pdf'"):
        export_graph(sample_kg, "pdf")
    (tmp_path / "file").write_text("x")
    with pytest.raises(NewsKGError, match="needs a folder"):
        export_csv(sample_kg, tmp_path / "file")


# --------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def sample_kg():
    return sample_graph()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory, sample_kg):
    path = tmp_path_factory.mktemp("sample") / "graph.nq"
    path.write_bytes(export_graph(sample_kg, "nquads"))
    return path


def test_cli_export_csv_writes_two_files(sample_file, tmp_path):
    result = runner.invoke(app, ["export", "--format", "csv", "--view", "entities", "-g", str(sample_file), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "nodes.csv").read_text().count("\n") == 4  # header + 3 entities
    assert "LEGAL_ACTION" in (tmp_path / "csv" / "edges.csv").read_text()


def test_cli_export_graphml_and_trig(sample_file, tmp_path):
    result = runner.invoke(app, ["export", "-f", "graphml", "--view", "sources", "-g", str(sample_file), "-o", str(tmp_path / "s.graphml")])
    assert result.exit_code == 0, result.output
    assert read_graphml(tmp_path / "s.graphml").number_of_nodes() == 3
    result = runner.invoke(app, ["export", "-f", "trig", "-g", str(sample_file)])
    assert result.exit_code == 0 and "<https://w3id.org/newskg/id/graph/article/a1> {" in result.stdout


@pytest.mark.parametrize("args,message", [
    (["export", "--format", "csv"], "--format csv writes nodes.csv and edges.csv"),
    (["export", "--format", "pdf"], "unknown export format 'pdf'"),
    (["export", "--format", "graphml", "--view", "nope"], "unknown view 'nope'"),
])
def test_cli_export_errors_are_one_line(sample_file, args, message):
    result = runner.invoke(app, [*args, "-g", str(sample_file)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
