"""Queries with an indexed parameter answered from the saved listing, kept grouped: the same rows,
in the same order, as the query computed with that parameter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.answers as answers_module
import kg.queries as queries_module
from kg import build_graph, open_graph, run_query
from kg.answers import ANSWERS_DIR, AnswerCache
from kg.errors import QueryError
from kg.queries import StoredQuery, find_query, save_answers, stored_queries

from .scale_helpers import write_small_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ACCENTED = """Dockworkers in Örnsköld reject the new rota

By Ines Faber | Published May 2, 2024

Dockworkers at the port of Örnsköld rejected the new shift rota on Thursday.

"Nobody asked the crews before the rota was printed," said Åsa Lindqvist, who speaks for the dockworkers' union.

ÉLODIE MARCHAND, the port's director, said the rota would stay. "We have ships waiting and no other way to clear them," she said.

According to Lindqvist, the union will vote again next week.
"""

ACRONYM = """Port workers federation threatens strike at Örnsköld

By Ines Faber | Published May 3, 2024

The Federation of Port Workers (FPW) said on Friday it would call a strike if the rota stays.

"We will not accept a rota that nobody negotiated," the FPW said in a statement.

Åsa Lindqvist, who speaks for the dockworkers' union, welcomed the move.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds, five generated articles and two with accented names and an acronym, built into a store folder."""
    base = tmp_path_factory.mktemp("indexed")
    corpus = base / "corpus"
    write_small_corpus(corpus, 5)
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "ornskold-rota.txt").write_text(ACCENTED, encoding="utf-8")
    (corpus / "ornskold-strike.txt").write_text(ACRONYM, encoding="utf-8")  # a speaker known by an alias too
    build_graph([corpus], store=base / "store", cache=False)
    return base / "store"


@pytest.fixture
def store(built, tmp_path):
    shutil.copytree(built, tmp_path / "store")
    return tmp_path / "store"


def indexed_cases(graph) -> list[tuple[str, str, str]]:
    """(query, parameter, value) for every indexed parameter: words and parts of every entity
    name and alias in several cases, ids, parts of ids, words of statements, no match at all."""
    entities = run_query(graph, "entities", reuse=False).records()
    words = {"", "zzz-nobody", "ö", "Ö", "É"}
    for entity in entities:
        for name in [entity["name"], *entity["aliases"].split("; ")]:
            for word in name.split():
                words |= {word, word.upper(), word.lower(), word[:3], word[1:]}
    statements = sorted({row["statement"] for row in run_query(graph, "who-said-what", reuse=False).records()})
    texts = [statements[0][:6], "the", "We ", "ROTA", "said"]
    kinds = ["person", "organization", "company", "news_outlet", "place", "Person", "nope"]
    cases = []
    for query_name, query in stored_queries().items():
        for param, index in query.indexes.items():
            values = {"statement": statements + texts, "kind": kinds}.get(param, sorted(words))
            cases += [(query_name, param, value) for value in values]
    return cases


def picked(graph, query_name: str, param: str, value: str, limit=None):
    return queries_module._picked_rows(graph, find_query(query_name), {param: value}, limit)


def test_every_indexed_parameter_gives_the_rows_the_query_computes(store):
    graph = open_graph(store=store)
    save_answers(graph)
    cases = indexed_cases(graph)
    assert {name for name, _, _ in cases} == {"who-said-what", "sources-for-statement", "entities", "co-mentions", "statements-by-speaker", "mentions-of"}
    assert len(cases) > 300
    nonempty = 0
    for query_name, param, value in cases:
        computed = run_query(graph, query_name, {param: value}, reuse=False)
        columns, rows, total = picked(graph, query_name, param, value)
        assert (columns, rows, total) == (computed.columns, computed.rows, len(computed.rows)), (query_name, param, value)
        nonempty += bool(rows)
    assert nonempty > len(cases) // 3  # the values reach real rows, not only empty answers


def test_an_indexed_query_is_read_without_computing_anything(store, monkeypatch):
    graph = open_graph(store=store)
    save_answers(graph)
    speaker = next(row["speaker"] for row in run_query(graph, "who-said-what").records() if row["speaker"])
    expected = run_query(graph, "who-said-what", {"speaker": speaker.split()[-1]}, reuse=False)

    def refuse(store_, text):
        raise AssertionError("computed instead of read back")

    monkeypatch.setattr(queries_module, "_run_local", refuse)
    fresh = speaker.split()[-1].upper()  # another value, never asked before
    answer = run_query(graph, "who-said-what", {"speaker": fresh})
    assert answer.rows == expected.rows
    first = run_query(graph, "who-said-what", {"speaker": fresh}, limit=1)
    assert first.rows == expected.rows[:1] and first.row_count == len(expected.rows)


def test_a_listing_saved_before_it_was_grouped_is_grouped_when_first_needed(store):
    graph = open_graph(store=store)
    save_answers(graph, ["entities"])
    for file in list((store / ANSWERS_DIR).glob("*/*")):
        if file.suffix != ".rows":
            file.unlink()
    assert picked(graph, "entities", "kind", "person")[1] == run_query(graph, "entities", {"kind": "person"}, reuse=False).rows
    assert {file.suffix for file in (store / ANSWERS_DIR).glob("*/*")} == {".rows", ".groups", ".keys"}


def test_save_answers_groups_a_listing_saved_before_without_computing_it(store, monkeypatch):
    graph = open_graph(store=store)
    save_answers(graph, ["who-said-what"])
    expected = run_query(graph, "who-said-what", {"speaker": "a"}, reuse=False).rows
    for file in list((store / ANSWERS_DIR).glob("*/*.groups")):
        file.unlink()

    def refuse(store_, text):
        raise AssertionError("computed instead of read back")

    monkeypatch.setattr(queries_module, "_run_local", refuse)
    assert save_answers(graph, ["who-said-what"])[0][2] is False  # already saved
    assert list((store / ANSWERS_DIR).glob("*/*.groups"))
    assert run_query(graph, "who-said-what", {"speaker": "A"}).rows == expected


def test_without_a_saved_listing_the_query_is_computed(store):
    graph = open_graph(store=store)
    assert picked(graph, "co-mentions", "entity", "a") is None
    assert run_query(graph, "co-mentions", {"entity": "a"}).rows  # computed, and saved as asked


def test_damaged_group_and_key_files_are_misses(store):
    graph = open_graph(store=store)
    save_answers(graph, ["entities"])
    expected = run_query(graph, "entities", {"kind": "person"}, reuse=False).rows
    for file in (store / ANSWERS_DIR).glob("*/*"):
        if file.suffix in {".groups", ".keys"}:
            file.write_bytes(file.read_bytes()[:20])
    assert picked(graph, "entities", "kind", "person")[1] == expected  # grouped again from the saved listing
    assert run_query(graph, "entities", {"kind": "person"}).rows == expected


def test_two_parameters_are_not_read_from_an_index(store):
    graph = open_graph(store=store)
    save_answers(graph, ["who-said-what"])
    row = next(r for r in run_query(graph, "who-said-what").records() if r["speaker"])
    params = {"speaker": row["speaker"].split()[-1], "source": row["source"]}
    assert queries_module._picked_rows(graph, find_query("who-said-what"), params, None) is None
    assert run_query(graph, "who-said-what", params).rows


def test_a_bad_index_line_names_the_file(tmp_path):
    with pytest.raises(QueryError, match="mine.rq: cannot read `# index: speaker statement`"):
        StoredQuery.parse("# index: speaker statement\nSELECT * WHERE {}\n", "mine", tmp_path / "mine.rq")


def test_an_index_whose_keys_query_is_missing_is_a_clear_error(store, tmp_path):
    query = tmp_path / "mine.rq"
    query.write_text("# param: who string optional\n# index: who by name from nowhere\nSELECT ?name WHERE { ?e schema:name ?name }\n", encoding="utf-8")
    graph = open_graph(store=store)
    with pytest.raises(QueryError, match="mine.rq: its index needs .*nowhere.rq, which cannot be read"):
        run_query(graph, str(query))  # the listing that would be grouped


@settings(max_examples=200, deadline=None)
@given(label=st.text(max_size=8), value=st.text(max_size=3))
def test_python_case_folding_picks_as_sparql_lcase_contains(label, value):
    """The keys table matches `contains` with Python's lower(); the queries use SPARQL's
    CONTAINS(LCASE(?label), LCASE(value)): they agree, on any text."""
    store = ox.Store()
    term = ox.Literal(label)
    store.add(ox.Quad(ox.NamedNode("https://example.org/e"), ox.NamedNode("https://example.org/label"), term))
    sparql = bool(store.query(f"ASK {{ ?e <https://example.org/label> ?l FILTER(CONTAINS(LCASE(?l), LCASE({ox.Literal(value)}))) }}"))
    assert sparql == (value.lower() in label.lower())


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(st.sampled_from(["a", "b", "c", ""]), st.sampled_from(["a", "b", "d"]), st.text(max_size=4)), max_size=40),
    values=st.sets(st.sampled_from(["a", "b", "c", "d", "x"])),
    limit=st.one_of(st.none(), st.integers(min_value=0, max_value=45)),
)
def test_groups_give_back_the_rows_with_a_value_in_either_column_in_order(tmp_path_factory, rows, values, limit):
    saved = AnswerCache(tmp_path_factory.mktemp("groups"), "graph")
    listing = [list(row) for row in rows]
    original = answers_module.PAGE_ROWS
    answers_module.PAGE_ROWS = 3  # groups of several pages from a few rows
    try:
        saved.put_groups("SELECT ?x ?y ?z {}", ("x", "y"), ["x", "y", "z"], listing)
        columns, got, total = saved.get_groups("SELECT ?x ?y ?z {}", ("x", "y"), values, limit)
    finally:
        answers_module.PAGE_ROWS = original
    expected = [row for row in listing if row[0] in values or row[1] in values]
    assert columns == ["x", "y", "z"] and total == len(expected)
    assert got == (expected if limit is None else expected[:limit])
