"""Parallel extraction: the same graph and IRIs whatever the worker count and file order."""

from __future__ import annotations

import random

import pytest

import kg.extract
import kg.parallel
from kg import build_graph
from kg.parallel import extract_all

from .scale_helpers import quads, write_small_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel-corpus")
    write_small_corpus(folder, 6, paragraphs=2)
    return folder


@pytest.mark.slow
def test_two_worker_processes_give_the_one_process_graph(corpus, monkeypatch):
    one = build_graph([corpus], workers=1, cache=False)
    monkeypatch.setattr(kg.parallel, "CHUNK", 1)  # six one-article tasks over two spawned workers
    monkeypatch.setattr(kg.parallel, "fork_context", lambda: None)  # spawned, as where fork is unsafe
    spawned = []
    monkeypatch.setattr(kg.parallel, "ProcessPoolExecutor", _counting(kg.parallel.ProcessPoolExecutor, spawned))
    files = sorted(corpus.iterdir())
    random.Random(3).shuffle(files)
    two = build_graph(files, workers=2, cache=False)
    assert spawned == [2]  # really ran in two worker processes
    assert quads(two.graph) == quads(one.graph)


def _counting(executor, spawned):
    def make(*args, max_workers=None, **kwargs):
        spawned.append(max_workers)
        return executor(*args, max_workers=max_workers, **kwargs)

    return make


def test_small_jobs_stay_in_process_when_workers_must_be_spawned(corpus, monkeypatch):
    monkeypatch.setattr(kg.parallel, "fork_context", lambda: None)  # as on macOS, or with threads running
    monkeypatch.setattr(kg.parallel, "ProcessPoolExecutor", None)  # would fail if used
    result = build_graph([corpus], workers=8, cache=False)
    assert len(result.corpus.extractions) == 6


@pytest.mark.skipif(kg.parallel.fork_context() is None, reason="fork is not available here")
def test_a_few_articles_are_shared_by_workers_started_ahead_with_the_same_graph(corpus, tmp_path, monkeypatch):
    """Workers forked at the start of a build (from a process that loads the model while this one
    reads the corpus) extract even a few articles on every core, and give the same graph."""
    import os

    one = build_graph([corpus], workers=1, cache=False)
    real = kg.extract.extract
    seen = tmp_path / "pids"
    seen.mkdir()

    def noting_the_process(analysed):
        (seen / str(os.getpid())).touch()
        return real(analysed)

    monkeypatch.setattr(kg.extract, "extract", noting_the_process)
    two = build_graph([corpus], workers=2, cache=False)
    pids = {int(p.name) for p in seen.iterdir()}
    assert len(pids) == 2 and os.getpid() not in pids
    assert quads(two.graph) == quads(one.graph)


@pytest.mark.skipif(kg.parallel.fork_context() is None, reason="fork is not available here")
def test_workers_started_ahead_end_with_the_build_whether_used_or_not(corpus, tmp_path):
    import multiprocessing

    store = tmp_path / "store"
    build_graph([corpus], store=store, workers=2)
    again = build_graph([corpus], store=store, workers=2)  # nothing changed: the started workers go unused
    assert again.stats["extracted"] == 0
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(kg.parallel.fork_context() is None, reason="fork is not available here")
def test_a_missing_model_in_workers_started_ahead_is_the_install_hint(corpus):
    from kg.errors import ModelMissing

    with pytest.raises(ModelMissing, match="pip install"):
        build_graph([corpus], cache=False, model="no_such_model_xyz", workers=2)


def test_no_fork_while_another_thread_runs():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert kg.parallel.fork_context() is None
    finally:
        stop.set()
        thread.join()


def test_one_failing_article_is_reported_and_the_rest_built(corpus, monkeypatch):
    real = kg.extract.extract
    victim = sorted(corpus.iterdir())[2].stem

    def flaky(analysed):
        if analysed.article.id == victim:
            raise ValueError("boom")
        return real(analysed)

    monkeypatch.setattr(kg.extract, "extract", flaky)
    result = build_graph([corpus], workers=1, cache=False)
    assert len(result.corpus.extractions) == 5
    assert len(result.errors) == 1 and victim in result.errors[0] and "ValueError: boom" in result.errors[0]


def test_extract_all_reports_every_article_once_by_index(corpus):
    from kg.pipeline import read_inputs

    articles, _, _ = read_inputs([corpus])
    seen = []
    extract_all(articles, None, 1, lambda index, blob, error: seen.append((index, blob is not None, error)))
    assert sorted(i for i, _, _ in seen) == list(range(len(articles)))
    assert all(ok and error is None for _, ok, error in seen)
