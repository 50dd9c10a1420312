"""Saved query answers on a store folder: read back while the graph is the same, never after it changed."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kg.answers as answers_module
import kg.queries as queries_module
from kg import build_graph, open_graph, run_query
from kg.answers import ANSWERS_DIR, AnswerCache
from kg.cli import app
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.queries import save_answers

from .scale_helpers import write_small_corpus

runner = CliRunner()

NEW_ARTICLE = """Harbour pilots vote to strike over night shifts

By Lena Ortiz | Published March 3, 2025

Pilots at the Corvell harbour voted on Monday to stop work next month.

"We cannot keep boarding ships at three in the morning with half the crew we need," said Tomas Reyl, who chairs the pilots' union.
"""


@pytest.fixture(scope="module")
def store_build(tmp_path_factory):
    """A three-article corpus built into a store folder; tests copy the folder before changing it."""
    base = tmp_path_factory.mktemp("answers")
    write_small_corpus(base / "corpus", 3)
    build_graph([base / "corpus"], store=base / "store", cache=False)
    return base


@pytest.fixture
def store(store_build, tmp_path):
    """A private copy of the built store folder and its corpus."""
    shutil.copytree(store_build / "corpus", tmp_path / "corpus")
    shutil.copytree(store_build / "store", tmp_path / "store")
    return tmp_path


def saved_files(store_folder) -> list:
    return sorted((store_folder / ANSWERS_DIR).glob("*/*.rows"))


def computing_fails(monkeypatch):
    """From here on, an answer that is not read back from its file raises."""

    def refuse(store, text):
        raise AssertionError("computed instead of read back")

    monkeypatch.setattr(queries_module, "_run_local", refuse)


def test_second_run_reads_the_saved_answer(store, monkeypatch):
    graph = open_graph(store=store / "store")
    first = run_query(graph, "who-said-what")
    assert first.rows and len(saved_files(store / "store")) == 1
    computing_fails(monkeypatch)
    again = run_query(open_graph(store=store / "store"), "who-said-what")
    assert again.columns == first.columns and again.rows == first.rows


def test_a_limit_reads_the_first_rows_and_knows_the_whole_count(store, monkeypatch):
    graph = open_graph(store=store / "store")
    whole = run_query(graph, "who-said-what")
    computing_fails(monkeypatch)
    first_two = run_query(graph, "who-said-what", limit=2)
    assert first_two.rows == whole.rows[:2]
    assert first_two.row_count == len(whole.rows) > 2
    # the same rows a LIMIT query gives on a graph that saves nothing
    memory = KnowledgeGraph.memory()
    memory.bulk_add(graph.store)
    monkeypatch.undo()
    assert run_query(memory, "who-said-what", limit=2).rows == first_two.rows


def test_parameters_are_part_of_the_key(store):
    graph = open_graph(store=store / "store")
    everything = run_query(graph, "who-said-what")
    source = everything.rows[0][everything.columns.index("source")]
    one_source = run_query(graph, "who-said-what", {"source": source})
    assert 0 < len(one_source.rows) < len(everything.rows)
    assert {row[everything.columns.index("source")] for row in one_source.rows} == {source}
    assert run_query(graph, "who-said-what").rows == everything.rows
    assert len(saved_files(store / "store")) == 2


def test_a_rebuild_that_changes_the_graph_is_never_answered_from_old_answers(store):
    before = run_query(open_graph(store=store / "store"), "who-said-what")
    old_files = saved_files(store / "store")
    (store / "corpus" / "harbour-pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build_graph([store / "corpus"], store=store / "store", cache=False)
    after = run_query(open_graph(store=store / "store"), "who-said-what")
    quotes = [row[after.columns.index("quote")] for row in after.rows]
    assert any("half the crew we need" in quote for quote in quotes)
    assert len(after.rows) > len(before.rows)
    assert not any(path.exists() for path in old_files)  # the old graph's answers are dropped


def test_a_rebuild_without_changes_keeps_the_answers(store, monkeypatch):
    before = run_query(open_graph(store=store / "store"), "entities")
    build_graph([store / "corpus"], store=store / "store", cache=False)
    computing_fails(monkeypatch)
    assert run_query(open_graph(store=store / "store"), "entities").rows == before.rows


def test_a_damaged_answer_file_is_computed_again(store):
    graph = open_graph(store=store / "store")
    whole = run_query(graph, "timeline")
    (file,) = saved_files(store / "store")
    file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2])
    assert run_query(graph, "timeline").rows == whole.rows
    file.write_bytes(b"not an answer at all")
    assert run_query(graph, "timeline").rows == whole.rows


def test_a_store_whose_answers_cannot_be_written_still_answers(store):
    (store / "store" / ANSWERS_DIR).write_text("a file where the answers folder would be", encoding="utf-8")
    graph = open_graph(store=store / "store")
    first = run_query(graph, "stats")
    assert first.rows and run_query(graph, "stats").rows == first.rows


def test_the_build_hands_back_the_live_graph_and_closes_the_database_it_wrote(store):
    (store / "corpus" / "harbour-pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = build_graph([store / "corpus"], store=store / "store", cache=False)
    assert result.graph.answers is not None
    # a second read-write handle fails while the build's own is open (RocksDB's lock file)
    writable = ox.Store(str(result.graph.path))
    del writable
    assert run_query(result.graph, "entities").rows == run_query(open_graph(store=store / "store"), "entities").rows


def test_recomputing_replaces_the_saved_answer(store):
    graph = open_graph(store=store / "store")
    whole = run_query(graph, "entities")
    (file,) = saved_files(store / "store")
    AnswerCache(store / "store", file.parent.name).put(queries_module.bind(queries_module.find_query("entities"), {}), whole.columns, [])
    assert run_query(graph, "entities").rows == []  # what is saved is what is read
    assert run_query(graph, "entities", reuse=False).rows == whole.rows
    assert run_query(graph, "entities").rows == whole.rows


def test_queries_whose_answer_changes_by_itself_are_not_saved(store, tmp_path):
    query = tmp_path / "clock.rq"
    query.write_text("SELECT (NOW() AS ?now) WHERE {}\n", encoding="utf-8")
    graph = open_graph(store=store / "store")
    assert len(run_query(graph, str(query)).rows) == 1
    assert not saved_files(store / "store")


def test_graphs_from_files_and_memory_save_nothing(store, tmp_path):
    graph = open_graph(store=store / "store")
    memory = KnowledgeGraph.memory()
    memory.bulk_add(graph.store)
    assert memory.answers is None
    with pytest.raises(QueryError, match="store folder"):
        save_answers(memory)


def test_save_answers_answers_every_query_without_a_required_parameter(store, monkeypatch):
    graph = open_graph(store=store / "store")
    done = {name: (rows, computed) for name, rows, computed in save_answers(graph)}
    assert "who-said-what" in done and "entities" in done
    assert "according-to" not in done  # needs a source
    assert all(computed for _, computed in done.values())
    computing_fails(monkeypatch)
    again = {name: (rows, computed) for name, rows, computed in save_answers(graph)}
    assert again == {name: (rows, False) for name, (rows, _) in done.items()}
    assert len(run_query(graph, "who-said-what").rows) == done["who-said-what"][0]


def test_save_answers_names_an_unknown_query(store):
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        save_answers(open_graph(store=store / "store"), ["nope"])


def test_cli_table_from_a_saved_answer_says_how_many_rows_there_are(store, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    folder = str(store / "store")
    whole = run_query(open_graph(store=store / "store"), "who-said-what")
    monkeypatch.setattr("kg.cli.TABLE_ROWS", 2)
    result = runner.invoke(app, ["query", "who-said-what", "--store", folder])
    assert result.exit_code == 0, result.output
    assert f"first 2 of {len(whole.rows)} rows" in result.output
    csv_out = runner.invoke(app, ["query", "who-said-what", "--store", folder, "--format", "csv", "--recompute"])
    assert csv_out.exit_code == 0 and len(csv_out.output.strip().splitlines()) == len(whole.rows) + 1


def test_cli_save_answers(store):
    folder = str(store / "store")
    result = runner.invoke(app, ["save-answers", "entities", "timeline", "--store", folder])
    assert result.exit_code == 0, result.output
    assert "entities:" in result.output and "timeline:" in result.output
    assert len(saved_files(store / "store")) == 2
    again = runner.invoke(app, ["save-answers", "entities", "--store", folder])
    assert "(already saved)" in again.output
    bad = runner.invoke(app, ["save-answers", "according-to", "--store", folder])
    assert bad.exit_code == 2 and "needs --param source" in bad.output


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(max_size=12), min_size=2, max_size=2), max_size=30),
    limit=st.one_of(st.none(), st.integers(min_value=0, max_value=35)),
)
def test_pages_give_back_exactly_the_rows_put_in(tmp_path_factory, rows, limit):
    folder = tmp_path_factory.mktemp("pages")
    saved = AnswerCache(folder, "graph")
    original = answers_module.PAGE_ROWS
    answers_module.PAGE_ROWS = 4  # several pages from a few rows
    try:
        saved.put("SELECT ?a ?b {}", ["a", "b"], rows)
    finally:
        answers_module.PAGE_ROWS = original
    columns, got, total = saved.get("SELECT ?a ?b {}", limit)
    assert columns == ["a", "b"] and total == len(rows)
    assert got == (rows if limit is None else rows[:limit])
    assert saved.get("SELECT ?other {}") is None


def test_cli_build_can_save_the_answers_right_away(store):
    folder = str(store / "store")
    (store / "corpus" / "harbour-pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(store / "corpus"), "--store", folder, "--save-answers", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "saved answers:" in result.output
    names = [name for name, query in queries_module.stored_queries().items() if not any(p.required for p in query.params)]
    assert len(saved_files(store / "store")) == len(names)
    refused = runner.invoke(app, ["build", str(store / "corpus"), "--save-answers"])
    assert refused.exit_code == 2 and "needs --store" in refused.output
