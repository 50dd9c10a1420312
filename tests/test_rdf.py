"""The RDF mapping's own rules: literals, wording differences, deterministic IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, strategies as st

from kg.graph import parse_lines
from kg.ntriples import iri, literal
from kg.rdf import date_literal
from kg.wordings import wording_diff
from kg.records import Article, Span
from kg.rdf import span_iri


def test_dates_get_xsd_types_only_when_iso():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert date_literal("2022-11-27") == f'"2022-11-27"^^<{xsd}date>'
    assert date_literal("2022-11-28T21:59") == f'"2022-11-28T21:59:00"^^<{xsd}dateTime>'
    assert date_literal("2022-11-28T21:59:00-05:00") == f'"2022-11-28T21:59:00-05:00"^^<{xsd}dateTime>'
    assert date_literal("late 2022") == '"late 2022"'


@given(st.text())
def test_literals_are_written_as_pyoxigraph_writes_them(value):
    """Mapped lines are compared as text with lines read back from the store (kg/graph.py's
    `replace_graph_lines`) and saved between builds: they must be pyoxigraph's own form."""
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    assert literal(value) == str(ox.Literal(value))
    assert literal(value, integer) == str(ox.Literal(value, datatype=ox.NamedNode(integer)))


def test_control_characters_and_quotes_are_escaped_so_the_store_reads_the_same_text():
    value = 'He said "no"\\n\tthen\x08\x0c\x00\x1f\x7f\u2028 left.\r\n'
    line = f"<https://example.org/s> <https://example.org/p> {literal(value)} <https://example.org/g> .\n"
    (quad,) = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert quad.object.value == value


@pytest.mark.parametrize("bad", ["", "https://example.org/a b", "https://example.org/<x>", 'https://example.org/"', "https://example.org/a\nb"])
def test_an_iri_with_a_character_no_iri_may_hold_is_refused(bad):
    with pytest.raises(ValueError):
        iri(bad)
    assert iri("https://example.org/a-b_c/1") == str(ox.NamedNode("https://example.org/a-b_c/1"))


def test_every_mapped_line_is_pyoxigraphs_own_form_of_its_quad(seeds_build):
    from kg.incremental import all_lines

    lines = all_lines(seeds_build.corpus)
    assert [str(quad) for quad in parse_lines(lines)] == lines
    assert set(parse_lines(lines)) == set(seeds_build.graph.store)


def test_wording_diff_names_changed_words_not_a_shorter_excerpt():
    full = "We will not raise taxes this year, and we will cut spending."
    assert wording_diff(full, "We will not raise taxes this year,") == "(same words, shorter excerpt)"
    diff = wording_diff(full, "We will never raise taxes this year, and we will cut spending.")
    assert "-not" in diff and "+never" in diff
    assert "+certainly" in wording_diff("We will appeal the ruling.", "We will certainly appeal the ruling.")


_WORDS = st.sampled_from(["we", "We", "will", "appeal", "appeal,", "the", "ruling.", "—", "“never”", "never", "re-run", "rerun"])


@given(st.lists(_WORDS, max_size=12), st.integers(0, 12), st.integers(0, 12), st.lists(_WORDS, max_size=3))
def test_the_excerpt_shortcut_gives_what_aligning_the_words_gives(words, start, length, noise):
    """Excerpts skip difflib; the answer must be the one difflib's opcodes give, excerpt or not."""
    from kg.wordings import SAME_WORDS, word_opcodes

    full = " ".join(words)
    excerpt = " ".join(words[start : start + length] + noise)
    ref, own, opcodes = word_opcodes(full, excerpt)
    differs = any(tag in ("replace", "insert") or (tag == "delete" and i not in (0, len(opcodes) - 1)) for i, (tag, *_) in enumerate(opcodes))
    assert (wording_diff(full, excerpt) != SAME_WORDS) == differs


def test_report_iris_come_from_article_and_offsets():
    article = Article(id="wire-12", text="The minister said no.")
    span = Span.at(article, 4, 12)
    assert span_iri("report", span) == "https://w3id.org/newskg/id/report/wire-12-4-12"


def test_wording_diff_ignores_punctuation_case_and_curly_quotes():
    full = "We sincerely apologize for any offense our campaign may have caused, and we removed it."
    assert wording_diff(full, "We sincerely apologize for any offense our campaign may have caused.") == "(same words, shorter excerpt)"
    assert wording_diff("I appreciate Acme’s apology.", "I appreciate Acme's apology.") == "(same words, shorter excerpt)"


def test_void_statistics_equal_what_counting_the_graph_gives(seeds_build):
    """`stats` reads the VoID numbers every build writes; they must be the live counts."""
    from kg import run_query
    from kg.vocab import sparql_prefixes

    def count(where: str) -> int:
        query = sparql_prefixes() + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
        return int(next(iter(seeds_build.graph.store.query(query, use_default_graph_as_union=True)))[0].value)

    stats = {row["what"]: int(row["count"]) for row in run_query(seeds_build.graph, "stats").records()}
    assert stats["articles"] == count("SELECT DISTINCT ?a { ?a a schema:NewsArticle }") == 5
    assert stats["statements"] == count("SELECT DISTINCT ?s { ?s a nkg:Statement }") > 0
    assert stats["reports"] == count("SELECT DISTINCT ?r { ?r a nkg:Report }") > stats["statements"]
    assert stats["mentions"] == count("SELECT DISTINCT ?m { ?m a nkg:Mention }") > 0
    assert stats["legal actions"] == count("SELECT DISTINCT ?l { ?l a nkg:LegalAction }") > 0
    assert stats["unattributed statements"] == count("SELECT DISTINCT ?s { ?s a nkg:Statement FILTER NOT EXISTS { ?s schema:creator ?c } }")
    assert stats["triples"] == len(seeds_build.graph) == count("SELECT DISTINCT ?s ?p ?o { ?s ?p ?o }")
    assert stats["entities: person"] == count("SELECT DISTINCT ?e { ?e nkg:kind 'person' }") > 0


def test_graph_size_from_the_stated_sizes_equals_counting(seeds_build):
    assert seeds_build.graph.size() == len(seeds_build.graph) > 1000


def test_every_named_graph_states_its_own_size(seeds_build):
    import pyoxigraph as ox

    store = seeds_build.graph.store
    size = ox.NamedNode("http://rdfs.org/ns/void#triples")
    for graph in store.named_graphs():
        stated = [q.object.value for q in store.quads_for_pattern(graph, size, None, graph)]
        assert stated == [str(len(list(store.quads_for_pattern(None, None, None, graph))))], graph


def test_entities_query_counts_equal_the_mention_annotations(seeds_build):
    """`entities` reads counts written at mapping time and sources from schema:mentions: they must
    agree with the Mention annotations themselves."""
    from kg import run_query
    from kg.vocab import sparql_prefixes

    counted = sparql_prefixes() + """
        SELECT ?name (COUNT(DISTINCT ?m) AS ?n) (GROUP_CONCAT(DISTINCT ?id; separator="|") AS ?ids)
        WHERE { ?m a nkg:Mention ; oa:hasBody ?e ; oa:hasTarget/oa:hasSource/schema:identifier ?id . ?e schema:name ?name }
        GROUP BY ?name"""
    expected = {
        row[0].value: (int(row[1].value), set(row[2].value.split("|")))
        for row in seeds_build.graph.store.query(counted, use_default_graph_as_union=True)
    }
    rows = run_query(seeds_build.graph, "entities").records()
    got = {row["name"]: (int(row["mentions"]), set(row["sources"].split("; "))) for row in rows if int(row["mentions"])}
    assert got == expected and len(got) > 5
