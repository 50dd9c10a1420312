"""The persistent store folder: same graph as in memory, reopens, survives an interrupted build."""

from __future__ import annotations

import gc
import json

import pyoxigraph as ox

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg import build_graph, open_graph, run_query
from kg.cli import app
from kg.errors import NewsKGError
from kg.graph import KnowledgeGraph, sorted_difference
from kg.incremental import blob_digest, lines_blob
from kg.queries import stored_queries
from kg.state import STATE_FILE, SavedLines, StoreFolder

from .conftest import SEEDS
from .scale_helpers import quads, same_graph, write_small_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store-corpus")
    write_small_corpus(folder, 3)
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    """The corpus built in memory and into a store folder (with graph.ttl)."""
    base = tmp_path_factory.mktemp("store-built")
    memory = build_graph([corpus], cache=False)
    on_disk = build_graph([corpus], store=base / "store", out=base / "out")
    return memory, on_disk, base


def test_store_holds_the_same_graph_as_memory_and_reopens_read_only(built):
    memory, on_disk, base = built
    assert len(memory.graph) > 100
    assert quads(on_disk.graph) == quads(memory.graph)  # same named graphs too
    reopened = open_graph(store=base / "store")
    assert quads(reopened) == quads(memory.graph)
    with pytest.raises((OSError, RuntimeError)):  # opened read-only: a reader can never damage the live graph
        reopened.store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))


def test_out_graph_file_is_written_alongside_the_store(built):
    memory, on_disk, base = built
    assert on_disk.written == base / "out" / "graph.ttl"
    assert same_graph(KnowledgeGraph.from_file(on_disk.written), memory.graph)


def test_every_stored_query_gives_the_same_rows_on_either_store(built):
    memory, _, base = built
    reopened = open_graph(store=base / "store")
    for name, query in stored_queries().items():
        if any(p.required for p in query.params):
            continue
        assert sorted(run_query(reopened, name).rows) == sorted(run_query(memory.graph, name).rows), name


def test_an_interrupted_store_write_leaves_the_previous_graph_live(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in corpus.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    store = tmp_path / "store"
    first = build_graph([folder], store=store)
    before = quads(first.graph)
    victim = sorted(folder.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA late paragraph was added here.\n", encoding="utf-8")

    def killed(self, *args):
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C while the new database was written

    with monkeypatch.context() as patch:
        patch.setattr(KnowledgeGraph, "add_lines", killed)
        patch.setattr(KnowledgeGraph, "replace_graph_lines", killed)
        with pytest.raises(KeyboardInterrupt):
            build_graph([folder], store=store)
    assert len(list(store.glob("db-*"))) == 2  # the live one and the half-written one
    assert quads(open_graph(store=store)) == before

    again = build_graph([folder], store=store)
    assert again.stats["extracted"] == 0  # the interrupted build had cached the changed article
    assert quads(again.graph) != before
    assert [p.name for p in store.glob("db-*")] == [StoreFolder(store).live.name]  # leftovers removed


def test_unchanged_rebuild_keeps_the_live_database(built, corpus):
    _, on_disk, base = built
    live = StoreFolder(base / "store").live
    again = build_graph([corpus], store=base / "store")
    assert again.stats == {"from cache": 3, "extracted": 0, "graphs written": 0, "graphs removed": 0}
    assert StoreFolder(base / "store").live == live


def test_a_second_build_of_a_store_stops_before_reading_anything(built, corpus):
    _, _, base = built
    seen = []
    with StoreFolder(base / "store").lock():  # as if another build were running
        with pytest.raises(NewsKGError, match="another build is writing this store"):
            build_graph([corpus], store=base / "store", progress=lambda *args: seen.append(args))
    assert seen == []  # stopped at once, not after extracting


def test_the_copy_made_while_workers_extract_is_the_one_written_or_dropped(built):
    _, on_disk, base = built
    folder = StoreFolder(base / "store")
    live = folder.live

    def copies():
        return sorted(p.name for p in (base / "store").glob("db-*") if p != live)

    with folder.lock():
        folder.prepare_write()
        assert len(copies()) == 1  # a snapshot of the live database, ready to write into
        folder.discard_prepared()  # nothing changed after all
        assert copies() == []
        folder.prepare_write()
        prepared = copies()
        written = folder.next_database(fresh=False)
        assert [written.path.name] == prepared  # the prepared copy, not a second one
        assert quads(written) == quads(on_disk.graph)
        del written
    with folder.lock():  # never committed: the next build removes it
        assert copies() == []
    assert folder.live == live


def test_a_bare_oxigraph_folder_is_readable_but_never_built_into(tmp_path, corpus):
    bare = tmp_path / "bare"
    store = ox.Store(str(bare))
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"), ox.NamedNode("http://x/g")))
    store.flush()
    del store
    assert len(open_graph(store=bare)) == 1
    with pytest.raises(NewsKGError, match="not made by `kg build`"):
        build_graph([corpus], store=bare)


def test_a_damaged_state_file_is_a_one_line_error(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / STATE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(NewsKGError, match="unreadable store state"):
        open_graph(store=store)


def test_cli_commands_work_on_the_store(built):
    _, _, base = built
    runner = CliRunner()
    store = str(base / "store")
    result = runner.invoke(app, ["query", "who-said-what", "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    result = runner.invoke(app, ["export", "--store", store, "--format", "nquads"])
    assert result.exit_code == 0 and "/graph/article/" in result.stdout
    result = runner.invoke(app, ["stats", "--store", store])
    assert result.exit_code == 0 and "triples" in result.stdout
    result = runner.invoke(app, ["stats", "--store", str(base / "nowhere")])
    assert result.exit_code == 2 and "no such store folder" in result.output


def test_a_rebuild_in_another_process_rewrites_nothing(tmp_path):
    """Graph digests must not depend on set order, which changes with each process's hash seed."""
    import os
    import subprocess
    import sys

    script = "import sys; from kg import build_graph; print(build_graph([sys.argv[1]], store=sys.argv[2]).stats)"
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, str(SEEDS), str(tmp_path / "store")], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout.strip().splitlines()[-1])
    assert "'graphs written': 0" in outputs[1], outputs


def test_replace_graph_touches_only_what_differs(tmp_path):
    graph = KnowledgeGraph(ox.Store(str(tmp_path / "db")), tmp_path / "db")
    name = ox.NamedNode("http://x/g")
    quads_ = [ox.Quad(ox.NamedNode(f"http://x/s{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)), name) for i in range(20)]
    graph.bulk_add(quads_)
    other = ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("kept"), ox.NamedNode("http://x/other"))
    graph.store.add(other)
    changed = quads_[1:] + [ox.Quad(ox.NamedNode("http://x/new"), ox.NamedNode("http://x/p"), ox.Literal("n"), name)]
    graph.replace_graph_lines("http://x/g", sorted(str(q) for q in changed))  # small change: quad by quad
    assert set(graph.store.quads_for_pattern(None, None, None, name)) == set(changed)
    graph.replace_graph_lines("http://x/g", sorted(str(q) for q in changed[:3]))  # mostly gone: dropped and reloaded
    assert set(graph.store.quads_for_pattern(None, None, None, name)) == set(changed[:3])
    assert other in graph.store


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abc", max_size=3)), st.lists(st.text("abc", max_size=3)))
def test_sorted_difference_is_the_set_difference_both_ways(old, new):
    stale, added, count = sorted_difference(sorted(old), sorted(new))
    assert stale == sorted(set(old) - set(new))
    assert added == sorted(set(new) - set(old))
    assert count == len(set(old))


def test_sorted_difference_refuses_old_lines_out_of_order():
    with pytest.raises(ValueError):
        sorted_difference(["b", "a"], ["a"])


def _saved(lines: list[str]) -> SavedLines:
    blob = lines_blob(sorted(lines))
    return SavedLines(zlib.compress(blob, 1), blob_digest(blob))


def test_saved_lines_come_back_in_order_however_they_are_cut(monkeypatch):
    lines = [f'<http://x/s{i}> <http://x/p> "caf\u00e9 {i} \\n" <http://x/g>' for i in range(3000)]
    monkeypatch.setattr(SavedLines, "PIECE", 97)  # pieces that end inside lines and inside characters
    assert list(_saved(lines)) == sorted(lines)
    assert list(_saved([])) == []


def test_damaged_saved_lines_raise_when_read_to_the_end():
    good = _saved([f"<http://x/{i}> <http://x/p> <http://x/o> <http://x/g>" for i in range(500)])
    torn = SavedLines(good.packed[:-40], good.digest)
    other = SavedLines(good.packed, "0" * 64)
    for damaged in (torn, other):
        with pytest.raises((ValueError, zlib.error)):
            list(damaged)


def test_replace_graph_lines_reads_the_graph_back_when_the_saved_lines_are_damaged(tmp_path):
    graph = KnowledgeGraph(ox.Store(str(tmp_path / "db")), tmp_path / "db")
    lines = sorted(f'<http://x/s{i}> <http://x/p> "{i}" <http://x/g>' for i in range(50))
    graph.add_lines(lines)
    wanted = sorted(lines[1:] + ['<http://x/new> <http://x/p> "n" <http://x/g>'])
    saved = _saved(lines)
    graph.replace_graph_lines("http://x/g", wanted, SavedLines(saved.packed[:-10], saved.digest))
    name = ox.NamedNode("http://x/g")
    assert sorted(str(q) for q in graph.store.quads_for_pattern(None, None, None, name)) == wanted


def test_background_loader_splits_one_long_list_into_batches(tmp_path, monkeypatch):
    """The corpus graph comes as one list of millions of lines: loaded as one batch, its text
    would be hundreds of MB at once."""
    import pyoxigraph as ox

    import kg.graph as graph_module
    from kg.graph import BackgroundLoader, KnowledgeGraph

    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(str(i)), ox.NamedNode("https://example.org/g")) for i in range(2500)]
    sizes = []
    real = graph_module.nquads
    monkeypatch.setattr(graph_module, "nquads", lambda lines: sizes.append(len(lines)) or real(lines))
    monkeypatch.setattr(BackgroundLoader, "BATCH", 1000)
    graph = KnowledgeGraph.memory()
    with graph.loader() as loader:
        loader.add_lines([str(quad) for quad in quads[:10]])
        loader.add_lines([str(quad) for quad in quads[10:]])
    assert sizes == [1000, 1000, 500]
    assert set(graph.store) == set(quads)


def test_background_loader_writes_every_quad_and_reports_failures(tmp_path):
    import pyoxigraph as ox

    from kg.graph import BackgroundLoader, KnowledgeGraph

    quads = [
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(f"value \"{i}\"\n"), ox.NamedNode(f"https://example.org/g{i % 3}"))
        for i in range(2500)
    ]
    graph = KnowledgeGraph(ox.Store(str(tmp_path / "db")), tmp_path / "db")
    batch, BackgroundLoader.BATCH = BackgroundLoader.BATCH, 1000  # several batches
    try:
        with graph.loader() as loader:
            for start in range(0, len(quads), 700):
                loader.add_lines([str(quad) for quad in quads[start : start + 700]])
    finally:
        BackgroundLoader.BATCH = batch
    assert set(graph.store) == set(quads)
    del graph, loader
    gc.collect()  # rdflib's Dataset and its store plugin point at each other: only a collection closes the database

    read_only = KnowledgeGraph(ox.Store.read_only(str(tmp_path / "db")), tmp_path / "db")
    with pytest.raises((OSError, RuntimeError), match="read-write"):  # raised in the caller, not lost in the thread
        with read_only.loader() as loader:
            loader.add_lines([str(quad) for quad in quads[:10]])
