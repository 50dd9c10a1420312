"""Extraction over several processes: each worker loads the spaCy model once and runs
`nlp.pipe` + the extractors on chunks of articles.

Extraction is a pure function of one article, so results do not depend on the
worker count or on which worker got which chunk. Results come back as the cache's
compressed JSON (cheap to send between processes, stored as is).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator

from .cache import dump_extraction
from .errors import NewsKGError
from .records import Article

CHUNK = 16  # articles per task: big enough for nlp.pipe batching, small enough to balance two cores
# (article index, compressed extraction JSON or None, error message or None)
Outcome = tuple[int, bytes | None, str | None]
Done = Callable[[int, bytes | None, str | None], None]


def default_workers() -> int:
    return os.cpu_count() or 1


def extract_chunk(articles: list[Article], model: str | None, offset: int = 0) -> Iterator[Outcome]:
    """Analyse and extract `articles` in this process; one article's failure is reported, not raised."""
    from .extract import extract
    from .nlp import analyse_many, load

    load(model)
    for index, analysed in enumerate(analyse_many(articles, model, batch_size=CHUNK), offset):
        try:
            yield index, dump_extraction(extract(analysed)), None
        except Exception as exc:  # one article's failure must not lose the corpus
            where = analysed.article.path or analysed.article.id
            yield index, None, f"{where}: extraction failed: {type(exc).__name__}: {exc}"


def _worker_init(model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    from .nlp import load

    load(model)


def _exit_with_parent(parent: int) -> None:
    """A killed parent (kill -9) cannot stop its workers: they notice and stop themselves."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM during extraction: unwinds like Ctrl-C, so the workers are stopped too."""


def _on_term(signum, frame):
    raise Terminated()


def _worker_run(articles: list[Article], model: str | None, offset: int) -> list[Outcome]:
    return list(extract_chunk(articles, model, offset))


def fork_context():
    """The fork start method where it is safe: Linux, and no other thread in this process (a
    forked child gets copies of the locks other threads hold, never their releases). Otherwise
    None, and workers are spawned: each then imports newskg and loads the model itself."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def extract_all(articles: list[Article], model: str | None, workers: int, done: Done, meanwhile: Callable[[], None] | None = None) -> None:
    """Extract every article, calling `done(index, blob, error)` in this process as each finishes.
    `meanwhile`: other work for this process, run while the workers extract."""
    context = fork_context()
    if context is not None:
        # a forked worker starts without importing anything (this process did): worth it for two
        # articles, so a rebuild with a few changed files uses every core too
        workers = max(1, min(workers, len(articles)))
        size = min(CHUNK, -(-len(articles) // workers))
    else:
        # a spawned worker costs seconds to start (imports, model load): worth it for two chunks each
        workers = max(1, min(workers, len(articles) // (2 * CHUNK)))
        size = CHUNK
    if workers == 1:
        for outcome in extract_chunk(articles, model):
            done(*outcome)
        if meanwhile is not None:
            meanwhile()
        return
    # each worker loads the model itself, in parallel, while this process does `meanwhile`
    context = context or multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(model,))
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_term) if in_main else None
    try:
        pending = {
            pool.submit(_worker_run, articles[start : start + size], model, start)
            for start in range(0, len(articles), size)
        }
        if meanwhile is not None:
            meanwhile()
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                for outcome in future.result():
                    done(*outcome)
    except BrokenProcessPool as exc:
        _stop(pool)
        raise NewsKGError(f"an extraction worker died ({exc}); finished articles are cached, run the build again") from None
    except BaseException:  # Ctrl-C, kill, or a failure in `done`: stop the workers now
        _stop(pool)
        raise
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued work and end the workers (also on Ctrl-C, so none is left running)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
