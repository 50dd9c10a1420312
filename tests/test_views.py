"""NetworkX views agree with the RDF graph they are built from, and the analyses rank what they should."""

from __future__ import annotations

import pytest

from kg import views
from kg.errors import NewsKGError
from kg.vocab import sparql_prefixes

from .view_samples import ID, sample_graph

SCALARS = (str, int, float, bool)


def select(graph, query: str) -> list[dict]:
    result = graph.query(sparql_prefixes() + query)
    return [{str(v): (None if x is None else str(x)) for v, x in zip(row.labels, row)} for row in result]


@pytest.fixture(scope="module")
def sample():
    return sample_graph()


# --------------------------------------------------------------------------- shape


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_every_node_has_label_and_kind_and_only_scalar_attributes(seeds_build, name):
    view = views.build_view(seeds_build.graph, name)
    assert view.number_of_nodes() > 0
    for node, data in view.nodes(data=True):
        assert data.get("label") and data.get("kind"), node
        assert all(isinstance(value, SCALARS) for value in data.values()), (node, data)
    for *_, data in view.edges(keys=True, data=True):
        assert data.get("type")
        assert all(isinstance(value, SCALARS) for value in data.values()), data


def test_unknown_view_is_a_one_line_error(sample):
    with pytest.raises(NewsKGError, match="unknown view 'nope'; views: attribution, entities, sources"):
        views.build_view(sample, "nope")


# --------------------------------------------------------------------------- attribution


def test_attribution_nodes_are_exactly_speakers_statements_and_reporting_articles(seeds_build):
    graph = seeds_build.graph
    view = views.attribution_view(graph)
    speakers = {r["p"] for r in select(graph, "SELECT DISTINCT ?p WHERE { ?st a nkg:Statement ; schema:creator ?p }")}
    statements = {r["st"] for r in select(graph, "SELECT DISTINCT ?st WHERE { ?st a nkg:Statement }")}
    articles = {r["a"] for r in select(graph, "SELECT DISTINCT ?a WHERE { ?r a nkg:Report ; oa:hasTarget/oa:hasSource ?a }")}
    assert statements and articles
    assert set(view.nodes) == speakers | statements | articles
    assert {n for n, d in view.nodes(data=True) if d["kind"] == "statement"} == statements
    assert {n for n, d in view.nodes(data=True) if d["kind"] == "article"} == articles


def test_every_report_is_one_reported_in_edge_with_its_span(seeds_build):
    graph = seeds_build.graph
    view = views.attribution_view(graph)
    reports = select(graph, """SELECT ?r ?st ?a ?start ?end WHERE { ?r a nkg:Report ; oa:hasBody ?st ; oa:hasTarget ?t .
        ?t oa:hasSource ?a ; oa:hasSelector ?p . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }""")
    edges = {k: (a, b, d) for a, b, k, d in view.edges(keys=True, data=True) if d["type"] == "REPORTED_IN"}
    assert set(edges) == {r["r"] for r in reports}
    for report in reports:
        source, target, data = edges[report["r"]]
        assert (source, target) == (report["st"], report["a"])
        assert (data["start"], data["end"]) == (int(report["start"]), int(report["end"]))
        assert data["exact"]


def test_said_edges_are_the_creator_triples(seeds_build):
    graph = seeds_build.graph
    view = views.attribution_view(graph)
    creators = {(r["p"], r["st"]) for r in select(graph, "SELECT ?p ?st WHERE { ?st a nkg:Statement ; schema:creator ?p }")}
    said = {(a, b) for a, b, k in view.edges(keys=True) if k == "SAID"}
    assert said == creators


def test_attribution_edge_carries_cue_date_and_wording(sample):
    view = views.attribution_view(sample)
    data = view.edges[f"{ID}statement/s1", f"{ID}article/a2", f"{ID}report/a2-26-52"]
    assert data["cue"] == "said" and data["date"] == "2024-02-29"
    assert data["wording"] == "We will fight this in the courts."
    assert view.nodes[f"{ID}person/ann-lee"]["label"] == "Ann Lee"


# --------------------------------------------------------------------------- entities


def test_co_mention_weight_is_the_number_of_articles_naming_both(seeds_build):
    graph = seeds_build.graph
    view = views.entities_view(graph)
    pairs = select(graph, """SELECT ?a ?b (COUNT(DISTINCT ?art) AS ?n) WHERE {
        ?art a schema:NewsArticle ; schema:mentions ?a, ?b . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b""")
    checked = 0
    for pair in pairs:
        if pair["a"] in view and pair["b"] in view:
            assert view.edges[pair["a"], pair["b"], "CO_MENTIONED"]["weight"] == int(pair["n"])
            checked += 1
    assert checked == sum(1 for *_, k in view.edges(keys=True) if k == "CO_MENTIONED") > 0


def test_every_legal_action_is_a_plaintiff_to_defendant_edge(seeds_build):
    graph = seeds_build.graph
    view = views.entities_view(graph)
    expected = {(r["p"], r["d"], r["la"]) for r in select(graph, "SELECT ?la ?p ?d WHERE { ?la a nkg:LegalAction ; nkg:plaintiff ?p ; nkg:defendant ?d }")}
    found = {(a, b, d["action"]) for a, b, d in view.edges(data=True) if d["type"] == "LEGAL_ACTION"}
    assert found == expected


def test_entities_view_of_the_sample(sample):
    view = views.entities_view(sample)
    ann, acme = f"{ID}person/ann-lee", f"{ID}company/acme"
    assert set(view.nodes) == {ann, acme, f"{ID}person/bob-stone"}  # the place is left out
    legal = view.edges[acme, ann, "LEGAL:legal/l1"]
    assert (legal["legal_kind"], legal["amount"], legal["currency"], legal["weight"]) == ("lawsuit", 5000000.0, "USD", 2)
    stated = view.edges[ann, acme, "STATED:worksFor"]
    assert stated["relation"] == "worksFor" and stated["sources"] == "a1"
    assert view.edges[acme, ann, "CO_MENTIONED"]["weight"] == 2
    assert view.nodes[ann]["aliases"] == "Lee" and view.nodes[ann]["articles"] == 2


# --------------------------------------------------------------------------- sources


def test_sources_view_links_articles_sharing_statements_earlier_to_later(sample):
    view = views.sources_view(sample)
    a1, a2, a3 = (f"{ID}article/{a}" for a in ("a1", "a2", "a3"))
    assert set(view.nodes) == {a1, a2, a3}
    assert list(view.edges(keys=True)) == [(a1, a2, "SHARES_STATEMENTS")]
    data = view.edges[a1, a2, "SHARES_STATEMENTS"]
    assert (data["weight"], data["wording_differences"], data["identical_wordings"]) == (1, 1, 0)
    assert view.nodes[a3]["statements"] == 1


def test_typography_is_not_a_wording_difference():
    import pyoxigraph as ox

    from kg.graph import KnowledgeGraph

    from .view_samples import sample_trig

    graph = KnowledgeGraph.memory()
    text = sample_trig().replace('"We will fight this in the courts."', '"We will FIGHT this in court — today!"')
    graph.store.load(text.encode("utf-8"), format=ox.RdfFormat.TRIG)
    data = views.sources_view(graph).edges[f"{ID}article/a1", f"{ID}article/a2", "SHARES_STATEMENTS"]
    assert (data["weight"], data["wording_differences"]) == (1, 0)


def test_sources_view_weights_count_shared_statements(seeds_build):
    graph = seeds_build.graph
    view = views.sources_view(graph)
    shared = select(graph, """SELECT ?a ?b (COUNT(DISTINCT ?st) AS ?n) WHERE {
        ?st a nkg:Statement ; nkg:reportedIn ?r1, ?r2 . ?r1 oa:hasTarget/oa:hasSource ?a . ?r2 oa:hasTarget/oa:hasSource ?b . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b""")
    weights = {tuple(sorted((a, b))): d["weight"] for a, b, d in view.edges(data=True)}
    assert weights == {(r["a"], r["b"]): int(r["n"]) for r in shared}
    for *_, data in view.edges(data=True):
        assert 0 <= data["wording_differences"] <= data["weight"]


# --------------------------------------------------------------------------- analyses


def test_most_quoted_ranks_speakers_by_reports_then_statements(sample):
    ranked = views.most_quoted(views.attribution_view(sample))
    assert [r.label for r in ranked] == ["Ann Lee", "Bob Stone"]
    assert [r.score for r in ranked] == [2, 1]
    assert ranked[0].detail == "2 reports of 1 statements in 2 articles"
    assert views.most_quoted(views.attribution_view(sample), top=1)[0].label == "Ann Lee"


def test_most_quoted_counts_match_sparql(seeds_build):
    graph = seeds_build.graph
    counts = {r["p"]: int(r["n"]) for r in select(graph, """SELECT ?p (COUNT(DISTINCT ?r) AS ?n) WHERE {
        ?st a nkg:Statement ; schema:creator ?p . ?r a nkg:Report ; oa:hasBody ?st } GROUP BY ?p""")}
    ranked = views.most_quoted(views.attribution_view(graph), top=100)
    assert {r.node: r.score for r in ranked} == counts
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


@pytest.mark.parametrize("measure", ["pagerank", "degree"])
def test_central_entities_put_the_best_connected_first(sample, measure):
    ranked = views.central_entities(views.entities_view(sample), measure=measure)
    assert {r.label for r in ranked[:2]} == {"Ann Lee", "Acme <script>alert('x')</script> Corp"}
    assert ranked[-1].label == "Bob Stone"
    if measure == "pagerank":
        assert sum(r.score for r in ranked) == pytest.approx(1.0)


def test_unknown_centrality_is_an_error(sample):
    with pytest.raises(NewsKGError, match="unknown centrality"):
        views.central_entities(views.entities_view(sample), measure="fame")


def test_components_split_unrelated_stories(sample):
    groups = views.components(views.attribution_view(sample))
    assert [len(g) for g in groups] == [4, 3]  # Ann Lee + s1 + a1 + a2 ; Bob Stone + s2 + a3
    assert groups[0][0] == f"{ID}statement/s1"  # most connected first
    assert set(groups[1]) == {f"{ID}person/bob-stone", f"{ID}statement/s2", f"{ID}article/a3"}


def test_cli_analyse_prints_the_three_tables(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.export import export_graph

    path = tmp_path / "sample.nq"
    path.write_bytes(export_graph(sample_graph(), "nquads"))
    result = CliRunner().invoke(app, ["analyse", "-g", str(path), "--top", "1", "--measure", "degree"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "most quoted speakers" in result.output and "Ann Lee" in result.output and "Bob Stone" not in result.output.split("most central")[0]
    assert "connected groups" in result.output
    bad = CliRunner().invoke(app, ["analyse", "-g", str(path), "--measure", "fame"])
    assert bad.exit_code == 2 and bad.output.strip() == "error: unknown centrality 'fame'; use pagerank or degree"
