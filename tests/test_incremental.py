"""Incremental builds: only new or changed articles are re-extracted, and the result always
equals a build from scratch (store folder and --out graph file alike)."""

from __future__ import annotations

import shutil

import pytest
from pyoxigraph import NamedNode

import kg.cache
import kg.parallel
from kg import build_graph
from kg.cache import ExtractionCache
from kg.graph import KnowledgeGraph
from kg.vocab import CORPUS_GRAPH, article_graph

from .scale_helpers import generate, quads, same_graph, write_small_corpus


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "articles"
    write_small_corpus(folder, 4)
    return folder


def edit(corpus, added=1, changed=1, deleted=1):
    """Add, change and delete articles the way a daily feed does."""
    files = sorted(corpus.iterdir())
    write_small_corpus(corpus, added, start=len(files) + 10)
    for path in files[:changed]:
        generate.change(path)
    for path in files[-deleted:] if deleted else []:
        path.unlink()


def scratch(corpus):
    return build_graph([corpus], cache=False)


def test_store_rebuild_extracts_only_changes_and_equals_scratch(corpus, tmp_path):
    store = tmp_path / "store"
    first = build_graph([corpus], store=store)
    assert first.stats["extracted"] == 4
    edit(corpus, added=1, changed=1, deleted=1)
    second = build_graph([corpus], store=store)
    assert (second.stats["extracted"], second.stats["from cache"]) == (2, 2)
    assert second.stats["graphs removed"] == 1  # the deleted article's graph
    fresh = scratch(corpus)
    assert same_graph(second.graph, fresh.graph)
    assert quads(second.graph) == quads(fresh.graph)  # the same named graph for every fact
    assert (store / "cache" / "answers.marshal").is_file()  # the rebuild answered from the first build's answers


def test_out_folder_rebuild_is_incremental_too(corpus, tmp_path):
    out = tmp_path / "out"
    build_graph([corpus], out=out)
    edit(corpus, added=0, changed=1, deleted=0)
    second = build_graph([corpus], out=out)
    assert second.stats["extracted"] == 1
    assert same_graph(KnowledgeGraph.from_file(out / "graph.ttl"), scratch(corpus).graph)


def test_deleting_a_file_removes_its_facts(corpus, tmp_path):
    store = tmp_path / "store"
    first = build_graph([corpus], store=store)
    victim = sorted(corpus.iterdir())[0]
    gone = article_graph(victim.stem)
    assert first.graph.store.contains_named_graph(NamedNode(gone))
    victim.unlink()
    again = build_graph([corpus], store=store)
    assert not again.graph.store.contains_named_graph(NamedNode(gone))
    assert not any(q.graph_name.value == gone for q in again.graph.store)
    assert quads(again.graph) == quads(scratch(corpus).graph)


def test_an_interrupted_extraction_resumes_where_it_stopped(corpus, tmp_path, monkeypatch):
    store = tmp_path / "store"
    real = kg.parallel.extract_chunk
    seen = []

    def stops_after_two(articles, model, offset=0):
        for outcome in real(articles, model, offset):
            if len(seen) == 2:
                raise KeyboardInterrupt
            seen.append(outcome)
            yield outcome

    with monkeypatch.context() as patch:
        patch.setattr(kg.parallel, "extract_chunk", stops_after_two)
        with pytest.raises(KeyboardInterrupt):
            build_graph([corpus], store=store, workers=1)
    assert not (store / "newskg-store.json").exists()  # nothing was made live
    resumed = build_graph([corpus], store=store, workers=1)
    assert (resumed.stats["from cache"], resumed.stats["extracted"]) == (2, 2)
    assert quads(resumed.graph) == quads(scratch(corpus).graph)


def test_a_new_extractor_or_model_version_invalidates_the_cache(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build_graph([corpus], out=out)
    monkeypatch.setattr(kg.cache, "code_fingerprint", lambda: "another extractor version")
    assert build_graph([corpus], out=out).stats["extracted"] == 4
    assert build_graph([corpus], out=out).stats["extracted"] == 0
    monkeypatch.setattr(kg.cache, "model_identity", lambda model: "another model 9.9")
    assert build_graph([corpus], out=out).stats["extracted"] == 4
    assert len(ExtractionCache(out / ".newskg-cache")) == 4  # stale rows pruned


def test_moving_a_file_reuses_its_extraction_and_records_the_new_path(corpus, tmp_path):
    out = tmp_path / "out"
    build_graph([corpus], out=out)
    moved = tmp_path / "elsewhere"
    shutil.copytree(corpus, moved)
    result = build_graph([moved], out=out)
    assert result.stats["extracted"] == 0
    assert all(str(moved) in e.article.path for e in result.corpus.extractions)


def test_argument_order_does_not_change_ids_or_graph(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_small_corpus(first, 1)
    write_small_corpus(second, 1)  # same file name in both folders: ids get a -2 suffix
    one = build_graph([first, second], cache=False)
    other = build_graph([second, first], cache=False)
    assert quads(one.graph) == quads(other.graph)


def corpus_dependent_ids(real_resolve):
    """A resolver whose entity and statement ids depend on the whole corpus (its size), as a
    smarter resolver's may: one new article then changes the facts of every other one."""

    def resolve(extractions):
        corpus = real_resolve(extractions)
        tag = f"-n{len(corpus.extractions)}"
        new_id = {e.id: e.id + tag for e in corpus.entities}
        for entity in corpus.entities:
            entity.id = new_id[entity.id]
        corpus.entity_of = {key: new_id.get(value, value + tag) for key, value in corpus.entity_of.items()}
        for statement in corpus.statements:
            statement.id += tag
            statement.speaker = new_id.get(statement.speaker, statement.speaker)
        for action in corpus.legal_actions:
            action.id += tag
            action.plaintiffs = [new_id.get(p, p) for p in action.plaintiffs]
            action.defendants = [new_id.get(d, d) for d in action.defendants]
        for relationship in corpus.relationships:
            relationship.subject = new_id.get(relationship.subject, relationship.subject)
            relationship.object = new_id.get(relationship.object, relationship.object)
        return corpus

    return resolve


def test_articles_whose_resolved_ids_change_are_remapped(corpus, tmp_path, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "resolve", corpus_dependent_ids(kg.pipeline.resolve))
    store = tmp_path / "store"
    first = build_graph([corpus], store=store)
    edit(corpus, added=1, changed=0, deleted=0)
    second = build_graph([corpus], store=store)
    assert second.stats["extracted"] == 1
    assert second.stats["graphs written"] == len(first.corpus.extractions) + 2  # every article, the new one, the corpus
    assert quads(second.graph) == quads(build_graph([corpus], cache=False).graph)


@pytest.mark.parametrize("damage", ["missing", "tampered"])
def test_corpus_graph_diff_survives_a_missing_or_damaged_saved_copy(corpus, tmp_path, damage):
    """A rebuild diffs the corpus graph against the copy saved beside the database; without an
    intact copy it reads the graph from the database instead, and the result is the same."""
    store = tmp_path / "store"
    build_graph([corpus], store=store)
    saved = list(store.glob("corpus-*.nq.z"))
    assert len(saved) == 1
    if damage == "missing":
        saved[0].unlink()
    else:
        saved[0].write_bytes(saved[0].read_bytes()[:-40])
    edit(corpus, added=1, changed=1, deleted=1)
    second = build_graph([corpus], store=store)
    assert quads(second.graph) == quads(scratch(corpus).graph)
    assert len(list(store.glob("corpus-*.nq.z"))) == 1


def test_the_saved_corpus_lines_are_read_while_the_workers_extract(corpus, tmp_path, monkeypatch):
    from kg.graph import KnowledgeGraph as Graph
    from kg.state import StoreFolder

    store = tmp_path / "store"
    build_graph([corpus], store=store, workers=1)
    edit(corpus, added=0, changed=1, deleted=0)
    read_ahead, diffed_against = [], []
    real_prefetch, real_replace = StoreFolder.prefetch_corpus_lines, Graph.replace_graph_lines

    def prefetch(self):
        real_prefetch(self)
        read_ahead.append(self._prefetched[1])

    def replace(self, name, lines, old_lines=None):
        if name == CORPUS_GRAPH:  # article graphs go through here too, read back from the store
            diffed_against.append(old_lines)
        real_replace(self, name, lines, old_lines)

    monkeypatch.setattr(StoreFolder, "prefetch_corpus_lines", prefetch)
    monkeypatch.setattr(Graph, "replace_graph_lines", replace)
    rebuilt = build_graph([corpus], store=store, workers=1)
    assert rebuilt.stats["extracted"] == 1
    assert read_ahead and read_ahead[0] and diffed_against == [read_ahead[0]]
    assert diffed_against[0] is read_ahead[0]  # the lines read ahead, not read again
    assert quads(rebuilt.graph) == quads(scratch(corpus).graph)
