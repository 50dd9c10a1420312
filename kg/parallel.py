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
    _warm(model)


def _warm(model: str | None) -> None:
    from .extract.dates import resolve_date
    from .nlp import load

    load(model)
    resolve_date("March 3, 2021", None)  # dateparser reads its English data on first use: before any article waits


def _exit_with_parent(parent: int) -> None:
    """A killed parent (kill -9) cannot stop its workers: they notice and stop themselves."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM during extraction: unwinds like Ctrl-C, so the workers are stopped too."""


def _on_term(signum, frame):
    raise Terminated()


def _unwind_on_term():
    """Make SIGTERM unwind like Ctrl-C (so the workers are stopped too) unless something else
    already handles it, or this is not the main thread; the handler to restore, or None."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        return None
    return signal.signal(signal.SIGTERM, _on_term)


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


class Workers:
    """Extraction workers started ahead, from a process forked at the start of a build: it loads
    the model and warms up while this process reads the articles and the cache, then forks the
    workers, which share its loaded model (a rebuild with a few changed articles no longer waits
    for the model, loaded once instead of once per worker). It relays their results here.
    Where forking is not safe (`fork_context`), or with one worker, nothing is started and
    `extract_all` starts what it needs. `close()` ends it, used or not."""

    def __init__(self, model: str | None, count: int):
        self.model = model
        self.count = count
        self.process = None
        context = fork_context()
        if context is None or count <= 1:
            return
        self.connection, theirs = context.Pipe()
        # not a daemon: a daemon process may not start the workers
        self.process = context.Process(target=_preloaded, args=(theirs, model, count), name="newskg-extraction")
        self.process.start()
        theirs.close()

    def usable(self, model: str | None) -> bool:
        return self.process is not None and model == self.model

    def extract(self, articles: list[Article], done: Done, meanwhile: Callable[[], None] | None) -> None:
        """`extract_all` through the started workers."""
        previous = _unwind_on_term()
        try:
            self.connection.send(articles)
            if meanwhile is not None:
                meanwhile()
            while (message := self._receive()) is not None:
                done(*message)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            self.close()

    def _receive(self) -> Outcome | None:
        try:
            message = self.connection.recv()
        except (EOFError, OSError):
            raise NewsKGError("an extraction worker died; finished articles are cached, run the build again") from None
        if isinstance(message, NewsKGError):
            raise message
        return message

    def close(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        try:
            self.connection.send(None)  # not needed (nothing changed), or finished
        except OSError:
            pass
        self.connection.close()
        process.join(timeout=0.5)
        if process.is_alive():  # still loading, or interrupted mid-extraction: its workers stop with it
            process.terminate()
            process.join(timeout=5)


def _end_preloaded(signum, frame) -> None:
    """Ended by the parent (Ctrl-C, or it was killed): stop the workers and leave at once (an
    exception raised here could land in any finalizer and be ignored)."""
    for child in multiprocessing.active_children():
        child.terminate()
    os._exit(1)


def _preloaded(connection, model: str | None, count: int) -> None:
    """The forked process behind `Workers`: load, wait for the articles, extract, relay, exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends this process
    signal.signal(signal.SIGTERM, _end_preloaded)
    try:
        try:
            _warm(model)
        except Exception as exc:  # the model is missing: the parent reports it when it asks
            failure = exc
        else:
            failure = None
        articles = connection.recv()
        if articles is not None:
            if failure is not None:
                connection.send(failure if isinstance(failure, NewsKGError) else NewsKGError(f"{type(failure).__name__}: {failure}"))
            else:
                extract_all(articles, model, count, lambda *outcome: connection.send(outcome))
                connection.send(None)
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the parent is gone or stopped us
    except NewsKGError as exc:
        try:
            connection.send(exc)
        except OSError:
            pass
    finally:
        os._exit(0)  # no atexit handlers or buffers of the parent's to run


def extract_all(
    articles: list[Article],
    model: str | None,
    workers: int,
    done: Done,
    meanwhile: Callable[[], None] | None = None,
    started: Workers | None = None,
) -> None:
    """Extract every article, calling `done(index, blob, error)` in this process as each finishes.
    `meanwhile`: other work for this process, run while the workers extract. `started`: workers
    started ahead (`Workers`), used if they match `model`."""
    if started is not None and started.usable(model):
        started.extract(articles, done, meanwhile)
        return
    if (context := fork_context()) is not None:
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
    # each worker loads the model itself (a forked one has it if this process had it), in
    # parallel, while this process does `meanwhile`
    context = context or multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(model,))
    previous = _unwind_on_term()
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
        if previous is not None:
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
