"""The built graph: deterministic, valid, queryable, exportable."""

from __future__ import annotations

import json
import random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import build_graph, open_graph, run_query
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.validate import validate_graph

from .conftest import SEEDS


def test_same_input_twice_gives_isomorphic_graphs_whatever_the_file_order(seeds_build, tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    random.Random(7).shuffle(files)
    again = build_graph(files)
    assert isomorphic(seeds_build.graph.to_rdflib(), again.graph.to_rdflib())


def test_written_turtle_reloads_to_the_same_graph(seeds_build):
    reloaded = KnowledgeGraph.from_file(seeds_build.written)
    assert isomorphic(seeds_build.graph.to_rdflib(), reloaded.to_rdflib())


def test_seeds_graph_conforms_to_shapes_and_offsets(seeds_build):
    report = validate_graph(seeds_build.graph)
    assert report.conforms, report.problems[:5]
    assert report.checked > 20


def test_a_broken_graph_does_not_conform(seeds_build, tmp_path):
    broken = Graph()
    broken.parse(data=seeds_build.graph.serialize("nt"), format="nt")
    oa = "http://www.w3.org/ns/oa#"
    # move one quote selector's exact text so it no longer matches its offsets, and drop a report's body
    selector = next(broken.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(oa + "TextQuoteSelector")))
    broken.set((selector, URIRef(oa + "exact"), Literal("words that are not there")))
    report_node = next(broken.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef("https://w3id.org/newskg/ns#Report")))
    broken.remove((report_node, URIRef(oa + "hasBody"), None))
    path = tmp_path / "broken.nt"
    broken.serialize(path, format="nt")
    report = validate_graph(KnowledgeGraph.from_file(path))
    assert not report.conforms
    assert any("not the quoted text" in p for p in report.problems)
    assert any("hasBody" in p for p in report.problems)


def test_every_report_quote_is_verbatim_in_its_article(seeds_build):
    articles = {e.article.id: e.article for e in seeds_build.corpus.extractions}
    table = run_query(seeds_build.graph, "who-said-what")
    assert table.rows
    for row in table.records():
        body = articles[row["source"]].text
        exact = body[int(row["start"]) : int(row["end"])]
        # the quote column is the wording; for a quote in pieces each piece is inside the span
        for piece in row["quote"].split(" "):
            assert piece in exact


def test_who_said_what_has_the_promised_columns(seeds_build):
    table = run_query(seeds_build.graph, "who-said-what")
    for column in ("speaker", "quote", "date", "source", "source_title", "published", "cue", "channel", "start", "end"):
        assert column in table.columns
    assert {r["source"] for r in table.records()} == {p.stem for p in SEEDS.glob("*.txt")}


def test_parameters_are_bound_not_pasted(seeds_build):
    source = sorted(p.stem for p in SEEDS.glob("*.txt"))[1]
    one = run_query(seeds_build.graph, "who-said-what", {"source": source})
    assert one.rows and {r["source"] for r in one.records()} == {source}
    hostile = 'x") } ; DROP ALL ; SELECT * { ?s ?p ?o FILTER("'
    assert run_query(seeds_build.graph, "who-said-what", {"source": hostile}).rows == []
    assert len(seeds_build.graph) > 0


def test_unknown_query_and_parameter_and_type_errors(seeds_build):
    with pytest.raises(QueryError, match="stored queries: .*who-said-what"):
        run_query(seeds_build.graph, "no-such-query")
    with pytest.raises(QueryError, match="no parameter 'colour'"):
        run_query(seeds_build.graph, "who-said-what", {"colour": "red"})


def test_query_file_with_syntax_error_names_the_file(seeds_build, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="bad.rq: SPARQL syntax error: .*line 1, column"):
        run_query(seeds_build.graph, str(path))


def test_jsonld_and_ntriples_exports_reimport_isomorphic(seeds_build, tmp_path):
    from kg.export import export_graph

    original = seeds_build.graph.to_rdflib()
    for fmt, parser in (("nt", "nt"), ("jsonld", "json-ld"), ("turtle", "turtle")):
        data = export_graph(seeds_build.graph, fmt)
        assert isomorphic(original, Graph().parse(data=data, format=parser)), fmt
    json.loads(export_graph(seeds_build.graph, "jsonld"))


def test_open_graph_without_a_file_is_a_clear_error(tmp_path):
    from kg.errors import NewsKGError

    with pytest.raises(NewsKGError, match="no such graph file"):
        open_graph(tmp_path / "missing.ttl")


def test_every_local_term_the_graph_uses_is_declared_in_the_ontology(seeds_build):
    from kg.settings import ontology_dir
    from kg.vocab import NKG

    ontology = Graph().parse(ontology_dir() / "newskg.ttl")
    declared = {str(s) for s in ontology.subjects() if str(s).startswith(NKG)}
    used = set()
    for s, p, o in seeds_build.graph.to_rdflib():
        used.update(str(term) for term in (p, o) if isinstance(term, URIRef) and str(term).startswith(NKG))
    assert used and used <= declared, sorted(used - declared)


def test_every_relation_predicate_the_extractor_knows_is_declared():
    import re

    from kg.rdf import _camel
    from kg.settings import REPO_ROOT
    from kg.vocab import NKG

    ontology = Graph().parse(REPO_ROOT / "ontology" / "newskg.ttl")
    declared = {str(s) for s in ontology.subjects() if str(s).startswith(NKG)}
    sources = (REPO_ROOT / "kg" / "extract" / "relations.py").read_text() + (REPO_ROOT / "kg" / "data" / "roles.yaml").read_text()
    # predicates are written as string literals in relations.py and as values in roles.yaml
    quoted = re.findall(r"[\"']([a-z]+(?:_[a-z]+)*_(?:for|of|with))[\"']", sources)
    yaml_values = re.findall(r":\s*([a-z]+(?:_[a-z]+)*_(?:for|of|with))\s*$", sources, re.M)
    predicates = {p for p in set(quoted) | set(yaml_values) if not p.startswith("kg_")} | {"founded", "owns", "represents"}
    assert predicates
    missing = sorted(p for p in predicates if NKG + _camel(p) not in declared)
    assert not missing, missing


def test_no_triple_is_stored_in_two_named_graphs(tmp_path):
    # The union default graph returns a triple once per graph holding it: duplicates multiply query rows.
    for number in range(3):
        (tmp_path / f"s{number}.txt").write_text(
            f"outlet: The Harbour Times\ndate 2024-05-0{number + 1}\n\n"
            f'"We will reopen the pier," Mayor Ana Ruiz said on Monday. Story {number}.'
        )
    result = build_graph([tmp_path])
    seen: dict = {}
    for quad in result.graph.store:
        seen.setdefault(quad.triple, set()).add(quad.graph_name)
    shared = [t for t, graphs in seen.items() if len(graphs) > 1]
    assert not shared, shared[:3]
    table = run_query(result.graph, "timeline")
    assert sum(1 for r in table.records() if r["event"] == "published") == 3


def test_timeline_lists_the_other_dates_sources_give_in_date_order(tmp_path):
    # three outlets date the same remark differently; each row's other_dates reads oldest first
    said_on = {"a": "May 3", "b": "May 1", "c": "May 2"}
    for name, day in said_on.items():
        (tmp_path / f"{name}.txt").write_text(
            f"outlet: Outlet {name.upper()}\ndate 2024-05-0{4 + 'abc'.index(name)}\n\n"
            f'"We will reopen the pier before the summer," Mayor Ana Ruiz said on {day}.'
        )
    table = run_query(build_graph([tmp_path]).graph, "timeline")
    rows = [r for r in table.records() if r["event"] == "statement"]
    assert len(rows) == 3
    for row in rows:
        listed = [item.split(" (")[0] for item in row["other_dates"].split("; ")]
        assert listed == ["2024-05-01", "2024-05-02", "2024-05-03"], row
