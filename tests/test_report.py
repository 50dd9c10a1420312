"""`kg report`: the HTML holds who said what per story, escaped, offline; a real headless Chromium renders it."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import facts
from kg.cli import app
from kg.export import export_graph
from kg.report import render, write_report
from kg.wording import diff_html, same_words

from .view_samples import sample_graph

runner = CliRunner()


def visible_text(page: str) -> str:
    """What a reader sees: tags and <title> tooltips stripped, entities decoded, whitespace collapsed."""
    page = re.sub(r"<(style|title)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def sample_page() -> str:
    return render(sample_graph(), "sample")


# --------------------------------------------------------------------------- wording diff


def test_diff_marks_added_and_dropped_words():
    out = diff_html("We will fight this in court, today.", "We will fight this in the courts.")
    assert "<del>court, today.</del>" in out and "<ins>the courts.</ins>" in out
    assert out.startswith("We will fight this in")


def test_diff_shows_a_shorter_excerpt_as_an_ellipsis_not_a_deletion():
    out = diff_html("As a mother of four, I have been shaken by the images.", "I have been shaken by the images.")
    assert "<del>" not in out and "…" in out


def test_diff_ignores_typography_and_escapes_markup():
    assert same_words("I haven’t seen it — period.", "I haven't seen it - period")
    out = diff_html("a <b> c", "a <i> c")
    assert "<del>&lt;b&gt;</del>" in out and "<ins>&lt;i&gt;</ins>" in out and "<b>" not in out


# --------------------------------------------------------------------------- page content (no browser)


def test_page_is_self_contained(sample_page):
    assert "<script" not in sample_page.replace("&lt;script", "")
    assert not re.search(r"""(src|href)=["'](https?:)?//""", sample_page)
    assert "<link" not in sample_page and "@import" not in sample_page


def test_graph_text_is_escaped(sample_page):
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in sample_page
    assert "Mayor &lt;b&gt;quits&lt;/b&gt; &amp; more" in sample_page
    assert "<b>quits</b>" not in sample_page


def test_unrelated_articles_are_separate_stories(sample_page):
    assert 'id="story-1"' in sample_page and 'id="story-2"' in sample_page and 'id="story-3"' not in sample_page
    first, second = sample_page.split('id="story-2"')
    assert "Ann Lee" in first and "Bob Stone" not in visible_text(first.split('id="story-1"')[1])
    assert "Bob Stone" in second and "the harbour is open again" in second


def test_page_shows_who_said_what_wording_dates_and_the_lawsuit(sample_page):
    text = visible_text(sample_page)
    assert "We will fight this in court, today." in text
    assert "<del>court, today.</del> <ins>the courts.</ins>" in sample_page
    assert "sources disagree on the date: 2024-02-28, 2024-02-29" in text
    assert "other sources say 2024-02-29 (a2)" in text
    assert "Lawsuit $5m" in text or "lawsuit $5m" in text.lower()
    assert re.search(r"plaintiff Acme <script>alert\('x'\)</script> Corp → defendant Ann Lee", text)
    assert text.count("published") >= 3  # one timeline row per article
    assert "1 earlier case mentioned for background" in text and "ruling" not in visible_text(sample_page.split("<h3>Timeline")[1])
    assert "<svg" in sample_page and "Ann Lee</text>" in sample_page


def test_every_seed_speaker_and_statement_is_in_the_page(seeds_build):
    page = render(seeds_build.graph)
    text = visible_text(page)
    statements = facts.statements(seeds_build.graph)
    names = facts.entities(seeds_build.graph)
    assert statements
    for statement in statements.values():
        assert " ".join(statement.text.split()) in text
        if statement.speaker:
            assert names[statement.speaker].name in text


def test_cli_report_writes_the_page_and_fails_in_one_line(tmp_path):
    graph_file = tmp_path / "graph.nq"
    graph_file.write_bytes(export_graph(sample_graph(), "nquads"))
    result = runner.invoke(app, ["report", "-g", str(graph_file), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Ann Lee" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["report", "-g", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no such graph file" in result.output
    assert len(result.output.strip().splitlines()) == 1


# --------------------------------------------------------------------------- real browser


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("no chromium on PATH, and cannot install it (needs root and apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=200, check=False)
        if not find_chromium():
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=120, check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=200, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"installing chromium with apt-get failed: {exc}")
    return find_chromium() or pytest.skip("apt-get could not install chromium (no network to the Debian mirror?)")


def run_chromium(binary: str, *args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="newskg-chromium-")
    try:
        return subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.browser
def test_chromium_renders_the_seeds_report(seeds_build, chromium, tmp_path):
    page = write_report(seeds_build.graph, tmp_path, "seeds")
    dom = run_chromium(chromium, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = visible_text(dom.stdout)
    assert "Who said what, according to whom" in text
    statements = facts.statements(seeds_build.graph)
    names = facts.entities(seeds_build.graph)
    for statement in statements.values():
        assert " ".join(statement.text.split()) in text
        if statement.speaker:
            assert names[statement.speaker].name in text
    assert dom.stdout.count("<svg") >= 2  # entity network and attribution pictures rendered into the DOM

    shot = tmp_path / "report.png"
    result = run_chromium(chromium, f"--screenshot={shot}", "--window-size=1400,1600", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000  # a blank page compresses to a few KB
    if os.environ.get("NEWSKG_SAVE_SCREENSHOT"):  # the README picture: NEWSKG_SAVE_SCREENSHOT=docs/report.png
        target = Path(os.environ["NEWSKG_SAVE_SCREENSHOT"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def test_diff_of_mostly_other_words_is_shown_as_a_paraphrase_not_a_wall_of_deletions():
    out = diff_html("I am re-evaluating my relationship with the brand.", "reconsidering ties")
    assert "<del>" not in out and 'class="paraphrase"' in out and "reconsidering ties" in out
    assert "<del>" not in diff_html("I am re-evaluating my relationship with the brand.", "reevaluating")


def test_an_empty_graph_gives_a_page_that_says_so():
    from kg.graph import KnowledgeGraph

    page = render(KnowledgeGraph.memory())
    assert "holds no articles yet" in page and 'id="story-1"' not in page


@pytest.mark.browser
def test_chromium_parses_hostile_names_as_text(chromium, tmp_path):
    page = tmp_path / "sample.html"
    page.write_text(render(sample_graph(), "sample"), encoding="utf-8")
    dom = run_chromium(chromium, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<script" not in dom.stdout and "<b>quits</b>" not in dom.stdout  # markup in names stayed text
    assert "Acme <script>alert('x')</script> Corp" in visible_text(dom.stdout)


def test_a_name_in_every_article_does_not_glue_two_stories_together():
    from kg.stories import Facts, stories

    arts = {f"a{i}": facts.ArticleFact(f"a{i}", f"a{i}", published=f"2024-01-0{i}") for i in range(1, 7)}
    statements = {}
    for number, group in enumerate((["a1", "a2", "a3"], ["a4", "a5", "a6"])):
        for k in range(2):  # two statements each reported by all three articles of one story
            iri = f"s{number}{k}"
            statements[iri] = facts.StatementFact(iri, f"statement {iri}", reports=[
                facts.ReportFact(f"{iri}-{a}", iri, a, 0, 5, "words", "words") for a in group])
    everywhere = facts.EntityFact("e/mayor", "The Mayor", "person", ["person"], [], 6, set(arts))
    found = Facts({"e/mayor": everywhere}, arts, statements, {})
    groups = sorted(sorted(s.articles) for s in stories(found))
    assert groups == [["a1", "a2", "a3"], ["a4", "a5", "a6"]]
    assert all(len(s.statements) == 2 for s in stories(found))


def test_a_crowded_entity_picture_keeps_only_the_strongest_co_mentions_and_every_legal_edge():
    import networkx as nx

    from kg.drawing import strongest_co_mentions

    view = nx.MultiDiGraph()
    nodes = [f"n{i:02d}" for i in range(12)]
    for i, a in enumerate(nodes):
        view.add_node(a, label=a, kind="person")
        for b in nodes[i + 1:]:
            view.add_edge(a, b, key="CO_MENTIONED", type="CO_MENTIONED", weight=1 + (a == "n00"))
    view.add_edge("n05", "n07", key="LEGAL:x", type="LEGAL_ACTION", weight=1)
    pruned = strongest_co_mentions(view)
    co = [(a, b) for a, b, k in pruned.edges(keys=True) if k == "CO_MENTIONED"]
    assert len(co) <= 3 * len(nodes) < 66
    assert all(any(a == n or b == n for a, b in co) for n in nodes)  # nobody is left unlinked
    assert pruned.has_edge("n05", "n07", "LEGAL:x")
    assert sum(1 for a, b in co if "n00" in (a, b)) >= 11  # the strongest links win: n00's are heavier
