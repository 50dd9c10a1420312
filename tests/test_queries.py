"""Stored-query plumbing: headers, typed parameters, binding."""

from __future__ import annotations

import re

import pytest

from kg.errors import QueryError
from kg.queries import Param, StoredQuery, bind, find_query, stored_queries, to_term

from .query_cases import parameter_cases

HEADER = """# name: demo
# description: A demo
#   query.
# param: who string required - a name
# param: since date optional - earliest date
# param: limit int
# table: a b
SELECT ?a ?b WHERE { ?a ?p ?b FILTER(?b = $arg_who) }
"""


def test_header_is_parsed():
    query = StoredQuery.parse(HEADER, "fallback")
    assert query.name == "demo"
    assert [(p.name, p.type, p.required) for p in query.params] == [("who", "string", True), ("since", "date", False), ("limit", "int", False)]
    assert query.table_columns == ["a", "b"]


def test_every_stored_query_declares_a_name_and_description_and_uses_its_parameters():
    queries = stored_queries()
    assert "who-said-what" in queries
    for query in queries.values():
        assert query.description, query.name
        for param in query.params:
            assert f"$arg_{param.name}" in query.text, (query.name, param.name)


def test_values_are_typed_terms_in_a_values_block():
    query = StoredQuery.parse(HEADER, "demo")
    text = bind(query, {"who": 'Ann "the boss" Lee', "since": "2020-01-31", "limit": "5"})
    assert 'VALUES (?arg_who ?arg_since ?arg_limit)' in text
    assert '"Ann \\"the boss\\" Lee"' in text
    assert '"2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date>' in text


@pytest.mark.parametrize("param, raw", [(Param("n", "int"), "five"), (Param("d", "date"), "31/01/2020"), (Param("i", "iri"), "not an iri>")])
def test_wrongly_typed_values_are_refused(param, raw):
    with pytest.raises(QueryError, match=f"parameter '{param.name}' must be"):
        to_term(param, raw)


def test_missing_required_parameter_is_named():
    with pytest.raises(QueryError, match="needs --param who=VALUE"):
        bind(StoredQuery.parse(HEADER, "demo"), {})


def test_limit_is_added_or_lowered():
    from kg.queries import with_limit

    assert with_limit("SELECT * WHERE { ?s ?p ?o }", 5).rstrip().endswith("LIMIT 5")
    assert with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 3\n", 5).rstrip().endswith("LIMIT 3")
    assert with_limit("SELECT * WHERE { ?s ?p ?o }\nLIMIT 50  # many\n", 5).count("LIMIT") == 1


def test_cli_limit_caps_rows(seeds_graph_file):
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["query", "who-said-what", "-g", str(seeds_graph_file), "-f", "json", "--limit", "2"])
    assert result.exit_code == 0 and len(json.loads(result.output)) == 2


def test_bound_parameters_become_escaped_constants_but_bound_keeps_the_variable():
    query = StoredQuery.parse("# param: who string optional\nSELECT ?s WHERE { ?s ?p $arg_who FILTER(!BOUND($arg_who) || STR($arg_who) != '') }\n", "demo")
    text = bind(query, {"who": 'x" } DROP ALL #'})
    assert 'VALUES (?arg_who) { ("x\\" } DROP ALL #") }' in text
    assert '?s ?p "x\\" } DROP ALL #"' in text
    assert "BOUND(?arg_who)" in text and 'STR("x\\" } DROP ALL #")' in text
    assert "$arg_who" in bind(query, {})  # unbound: the variable stays


def test_every_stored_query_gives_the_same_rows_through_pyoxigraph_and_through_rdflib(seeds_build):
    """run_query reads pyoxigraph's results directly; rdflib's Dataset over the same store must agree."""
    from kg import run_query
    from kg.queries import find_query, without_lateral

    params = {"according-to": {"source": "000"}, "mentions-of": {"entity": "a"}, "statements-by-speaker": {"speaker": "a"}}
    source = run_query(seeds_build.graph, "who-said-what").records()[0]["source"]
    params["according-to"] = {"source": source}
    for name in stored_queries():
        table = run_query(seeds_build.graph, name, params.get(name))
        result = seeds_build.graph.query(without_lateral(bind(find_query(name), params.get(name, {}))))
        assert table.columns == [str(v) for v in result.vars], name
        assert sorted(table.rows) == sorted([["" if v is None else str(v) for v in row] for row in result]), name
        assert table.rows or name in {"co-mentions"}, name


def test_lateral_queries_give_the_same_rows_in_the_same_order_as_their_plain_groups(seeds_build):
    """Stores without LATERAL get `{ ... }` instead; the rows must not change."""
    from kg.queries import _run_local, without_lateral

    store = seeds_build.graph.store
    lateral = 0
    for name, values in parameter_cases(seeds_build.graph):
        text = bind(find_query(name), values)
        if "LATERAL {" not in text:
            continue
        lateral += 1
        assert "LATERAL {" not in without_lateral(text)
        rows = _run_local(store, text).rows
        assert rows == _run_local(store, without_lateral(text)).rows, (name, values)
    assert lateral >= 10


def test_a_store_without_lateral_gets_the_plain_groups(seeds_build):
    """A store that rejects LATERAL (Virtuoso, GraphDB) is asked again with plain groups, and
    only plainly after that."""
    from kg import run_query
    from kg.queries import _blank_comments

    class WithoutLateral:
        lateral = True

        def __init__(self, graph):
            self.graph, self.rejected = graph, 0

        def query(self, text):
            if re.search(r"LATERAL\s*\{", _blank_comments(text)):
                self.rejected += 1
                raise ValueError("Parse error: unexpected LATERAL")
            return self.graph.query(text)

    store = WithoutLateral(seeds_build.graph)
    asked = 0
    for name, values in parameter_cases(seeds_build.graph):
        if "LATERAL" in find_query(name).text:
            asked += 1
            assert sorted(run_query(store, name, values).rows) == sorted(run_query(seeds_build.graph, name, values).rows), (name, values)
    assert asked >= 10 and store.rejected == 1 and store.lateral is False


def test_optional_source_parameter_selects_exactly_that_articles_reports(seeds_build):
    from kg import run_query

    everything = run_query(seeds_build.graph, "who-said-what").records()
    source = everything[-1]["source"]
    only = run_query(seeds_build.graph, "who-said-what", {"source": source}).records()
    assert only == [row for row in everything if row["source"] == source]
    speaker = next(row["speaker"] for row in everything if row["speaker"])
    said = run_query(seeds_build.graph, "who-said-what", {"speaker": speaker.split()[-1].lower()}).records()
    assert said and {row["statement"] for row in said} >= {row["statement"] for row in everything if row["speaker"] == speaker}


def _order_keys(text: str) -> list[str]:
    """The variables of a query's own ORDER BY (a line of its own, not indented as a subquery's
    is), `DESC(?x)` as `x`; none if it has none."""
    clauses = re.findall(r"^ORDER BY (.*)$", text, re.MULTILINE)
    return re.findall(r"\?(\w+)", clauses[-1]) if clauses else []


def test_every_stored_query_orders_its_rows_completely(seeds_build):
    """Rows that tie on every ORDER BY key would come in any order: Oxigraph's hash joins hand them
    over in a different order in each process, and other stores differ too. So no two different
    rows may tie. A key `x_key` stands for the column `x` it is computed from; a key that is not a
    column is left out, which only makes the check stricter."""
    from kg.queries import _run_local

    store = seeds_build.graph.store
    checked = 0
    for name, values in parameter_cases(seeds_build.graph):
        query = find_query(name)
        if not _order_keys(query.text):
            continue
        table = _run_local(store, bind(query, values))
        keys = [key if key in table.columns else key.removesuffix("_key") for key in _order_keys(query.text)]
        positions = [table.columns.index(key) for key in keys if key in table.columns]
        first_row_of = {}
        for row in table.rows:
            tied = first_row_of.setdefault(tuple(row[i] for i in positions), row)
            assert tied == row, (name, values, tied, row)
        checked += len(table.rows) > 1
    assert checked >= 15


def test_a_date_known_only_to_the_month_is_shown_as_an_interval(tmp_path):
    from kg import build_graph, run_query

    (tmp_path / "suits.txt").write_text(
        "Bakery chain in court again\n\nBy Jo Park | March 12, 2025\n\n"
        "Ardent Foods Ltd. sued the bakery chain Millcroft Holdings Inc. on Monday, seeking $2 million for unpaid deliveries.\n\n"
        "Separately, in October Dana Whitfield sued Kestrel Media Group for defamation.\n",
        encoding="utf-8",
    )
    graph = build_graph([tmp_path], cache=False).graph
    actions = {row["plaintiff"]: row["date"] for row in run_query(graph, "legal-actions").records()}
    assert actions == {"Ardent Foods Ltd.": "2025-03-10", "Dana Whitfield": "2024-10-01/2024-10-31"}
    timeline = [(row["date"], row["event"]) for row in run_query(graph, "timeline").records()]
    assert ("2024-10-01/2024-10-31", "legal action") in timeline and ("2025-03-10", "legal action") in timeline
    # the window is SEM's earliest and latest begin, never an exact begin it does not have
    begins = list(graph.query("PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?b WHERE { ?a sem:hasBeginTimeStamp ?b }"))
    assert [str(b[0]) for b in begins] == ["2025-03-10"]
