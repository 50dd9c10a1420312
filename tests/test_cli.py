"""The `kg` command as a user meets it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

from .conftest import SEEDS

runner = CliRunner()


def kg(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_build_query_export_validate_round(tmp_path):
    out = tmp_path / "out"
    result = kg("build", str(SEEDS), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and "triples" in result.output
    graph = out / "graph.ttl"
    assert graph.is_file()

    rows = json.loads(kg("query", "who-said-what", "--graph", str(graph), "--format", "json").output)
    assert rows and {"speaker", "quote", "source", "start", "end"} <= set(rows[0])

    csv_out = kg("query", "who-said-what", "-g", str(graph), "-f", "csv").output
    assert csv_out.splitlines()[0].startswith("speaker,quote,date,source")

    assert kg("validate", "--graph", str(graph)).exit_code == 0
    stats = kg("stats", "--graph", str(graph))
    assert stats.exit_code == 0 and "statements" in stats.output

    nt = kg("export", "--format", "nt", "--graph", str(graph))
    assert nt.exit_code == 0 and nt.output.count(" .\n") > 100


def test_every_command_has_help_with_an_example():
    for command in ("build", "query", "queries", "export", "stats", "validate", "explain"):
        result = kg(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_queries_lists_stored_queries_with_parameters():
    result = kg("queries")
    assert result.exit_code == 0
    for name in ("who-said-what", "statements-by-speaker", "entities", "legal-actions", "timeline"):
        assert name in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "no-such-query"], "unknown query"),
        (["query", "who-said-what", "--param", "nonsense"], "key=value"),
        (["query", "who-said-what", "--format", "xml"], "--format"),
        (["export", "--format", "docx"], "unknown export format"),
    ],
)
def test_bad_arguments_give_one_line_errors(seeds_graph_file, args, message):
    result = runner.invoke(app, [*args, "--graph", str(seeds_graph_file)])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_graph_file_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["query", "who-said-what", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 2
    assert "no such graph file" in result.output and "Traceback" not in result.output


def test_unreadable_graph_file_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is @not turtle <<<")
    result = runner.invoke(app, ["stats", "--graph", str(bad)])
    assert result.exit_code == 2 and "cannot read graph" in result.output


def test_one_bad_article_does_not_stop_the_build_but_sets_the_exit_code(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text('"We will rebuild the stadium," the mayor said on Monday.')
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert (out / "graph.ttl").is_file()
    assert "Traceback" not in result.output

    strict = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "strict"), "--strict"])
    assert strict.exit_code == 2 and not (tmp_path / "strict" / "graph.ttl").exists()


def test_a_failed_build_keeps_the_previous_graph(tmp_path):
    out = tmp_path / "out"
    good = tmp_path / "good.txt"
    good.write_text('"Prices will fall," the minister said.')
    assert runner.invoke(app, ["build", str(good), "--out", str(out)]).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    result = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), "--out", str(out)])
    assert result.exit_code == 2 and "no such file" in result.output
    assert (out / "graph.ttl").read_bytes() == before


def test_missing_model_is_one_line_error_with_install_hint(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("The coach said nothing.")
    result = runner.invoke(app, ["build", str(story), "--out", str(tmp_path / "o"), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2
    assert "pip install" in result.output and "Traceback" not in result.output


def test_a_long_table_shows_its_first_rows_and_says_how_to_get_the_rest(seeds_graph_file, monkeypatch):
    from kg import cli

    total = len(json.loads(kg("query", "who-said-what", "--graph", str(seeds_graph_file), "--format", "json").output))
    assert total > 6
    monkeypatch.setattr(cli, "TABLE_ROWS", 5)
    shown = " ".join(kg("query", "who-said-what", "--graph", str(seeds_graph_file)).output.split())
    assert f"who-said-what ({total} rows)" in shown
    assert f"first 5 of {total} rows: all of them with --limit {total} or --format csv/json" in shown
    asked = " ".join(kg("query", "who-said-what", "--graph", str(seeds_graph_file), "--limit", "6").output.split())
    assert "who-said-what (6 rows)" in asked and "first" not in asked  # a limit asked for is shown whole
