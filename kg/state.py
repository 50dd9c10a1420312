"""The persistent store folder (`kg build --store DIR`): an Oxigraph database plus build state.

    DIR/newskg-store.json     which database is live, and a digest of each named graph in it
    DIR/db-N/                 the live Oxigraph (RocksDB) database: `oxigraph serve --location DIR/db-N`
    DIR/cache/                the extraction cache (kg/cache.py)
    DIR/corpus-DIGEST.nq.z    the live corpus graph as sorted N-Quads lines: a rebuild diffs
                              against it instead of reading the graph back from the database
    DIR/query-answers/        saved query answers of the live graph (kg/answers.py)

A build never writes into the live database. It snapshots it (`Store.backup`: hard
links, cheap), applies its changes to the snapshot, and only then rewrites the
state file to point at the new database (an atomic rename: the commit point). A
build killed at any moment leaves the previous graph in place; its half-written
database is deleted by the next build. Readers open the live database read-only,
so queries keep working while a build runs.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .answers import AnswerCache, drop_other_graphs, graph_key
from .errors import NewsKGError
from .graph import KnowledgeGraph, write_atomic
from .vocab import CORPUS_GRAPH

STATE_FILE = "newskg-store.json"
STATE_FORMAT = 1
CORPUS_LINES = "corpus-{}.nq.z"


class SavedLines:
    """The corpus graph's sorted N-Quads lines as the last build saved them (`lines_blob`,
    compressed). Iterating unpacks them a piece at a time: at 10,000 articles they are 250 MB
    unpacked, and a set of them took 0.9 GB while it was built. A file that is torn, or whose
    content does not match its digest, raises ValueError (or zlib.error) when the iteration
    reaches its end."""

    PIECE = 1 << 18  # compressed bytes unpacked at a time

    def __init__(self, packed: bytes, digest: str):
        self.packed = packed
        self.digest = digest

    def __iter__(self) -> Iterator[str]:
        check, rest = hashlib.sha256(), b""
        for data in self._unpacked():
            check.update(data)
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield from data[: cut - 1].decode("utf-8").split("\n")
        if rest or check.hexdigest() != self.digest:
            raise ValueError("the saved corpus lines are damaged")

    def _unpacked(self) -> Iterator[bytes]:
        unpack, view = zlib.decompressobj(), memoryview(self.packed)
        for start in range(0, len(view), self.PIECE):
            yield unpack.decompress(view[start : start + self.PIECE])
        yield unpack.flush()  # only once every piece is in
        if not unpack.eof:
            raise ValueError("the saved corpus lines are torn")


class StoreFolder:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.state: dict = self._read_state()
        self._prefetched: tuple[str, SavedLines | None] | None = None  # (digest, lines) read ahead
        self._prepared: Path | None = None  # the next database, copied ahead

    # ------------------------------------------------------------------ state

    def _read_state(self) -> dict:
        file = self.path / STATE_FILE
        if not file.is_file():
            return {}
        try:
            state = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewsKGError(f"{file}: unreadable store state ({exc}); delete the folder and build again") from None
        if state.get("format") != STATE_FORMAT:
            return {}  # another layout version: treated as empty, rebuilt from scratch
        return state

    @property
    def live(self) -> Path | None:
        name = self.state.get("database")
        return self.path / name if name and (self.path / name).is_dir() else None

    @property
    def digests(self) -> dict[str, str]:
        return dict(self.state.get("graphs", {})) if self.live else {}

    @property
    def deps(self) -> dict[str, str]:
        """What each live article graph was mapped from (kg/incremental.py)."""
        return dict(self.state.get("deps", {})) if self.live else {}

    @property
    def cache_dir(self) -> Path:
        return self.path / "cache"

    def is_plain_oxigraph(self) -> bool:
        """A bare Oxigraph database folder (not made by `kg build --store`)."""
        return not self.state and (self.path / "CURRENT").is_file() and (self.path / "IDENTITY").is_file()

    # ------------------------------------------------------------------ reading

    def open_read(self) -> KnowledgeGraph:
        """The live graph, read-only (safe while a build writes its next database)."""
        where = self.live or (self.path if self.is_plain_oxigraph() else None)
        if where is None:
            raise NewsKGError(f"{self.path}: not a newskg store (build one with `kg build --store {self.path}`)")
        try:
            graph = KnowledgeGraph(ox.Store.read_only(str(where)), where)
        except OSError as exc:
            raise NewsKGError(f"{where}: cannot open the store: {str(exc).splitlines()[0]}") from None
        if self.live is not None:  # a bare Oxigraph folder has no digests to key answers on
            graph.answers = AnswerCache(self.path, graph_key(self.digests))
        return graph

    # ------------------------------------------------------------------ writing

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One build at a time per store folder."""
        if self.is_plain_oxigraph():
            raise NewsKGError(f"{self.path}: holds an Oxigraph database not made by `kg build`; choose an empty or newskg store folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle = open(self.path / ".lock", "a+")
        except OSError as exc:
            raise NewsKGError(f"{self.path}: cannot use as a store folder: {exc.strerror or exc}") from None
        try:
            try:
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # not on POSIX: no lock, as before
                pass
            except OSError:
                raise NewsKGError(f"{self.path}: another build is writing this store; wait for it to finish") from None
            self.state = self._read_state()
            self._remove_leftovers()
            yield
        finally:
            handle.close()

    def prepare_write(self) -> None:
        """What a build can do before it knows what changed, while its workers extract (under
        the lock): read the corpus graph's saved lines, and copy the live database to write into."""
        self.prefetch_corpus_lines()
        if self.live is not None and self._prepared is None:
            target = self._next_path()
            try:
                self._copy_live(target)
                self._prepared = target
            except OSError:
                shutil.rmtree(target, ignore_errors=True)  # copied again when writing, which reports it

    def discard_prepared(self) -> None:
        """Nothing to write after all: drop the copy `prepare_write` made."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            shutil.rmtree(prepared, ignore_errors=True)

    def next_database(self, fresh: bool) -> KnowledgeGraph:
        """A writable database to build into: a snapshot of the live one (the copy `prepare_write`
        made, if any), or empty when `fresh`."""
        if fresh:
            self.discard_prepared()
        prepared, self._prepared = self._prepared, None
        target = prepared or self._next_path()
        try:
            if prepared is None and not fresh and self.live is not None:
                self._copy_live(target)
            return KnowledgeGraph(ox.Store(str(target)), target)
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise NewsKGError(f"{target}: cannot create the new store: {str(exc).splitlines()[0]}") from None

    def _copy_live(self, target: Path) -> None:
        ox.Store.read_only(str(self.live)).backup(str(target))

    def _next_path(self) -> Path:
        number = 1 + max([int(p.name[3:]) for p in self.path.glob("db-*") if p.name[3:].isdigit()] or [0])
        return self.path / f"db-{number}"

    def prefetch_corpus_lines(self) -> None:
        """Read the live corpus graph's saved lines ahead (a build does it while its workers
        extract, under the lock that read the state); `corpus_lines` returns them if that is
        still the live digest when asked."""
        digest = self.state.get("graphs", {}).get(CORPUS_GRAPH) if self.live else None
        self._prefetched = (digest, self.corpus_lines(digest)) if digest else None

    def corpus_lines(self, digest: str | None) -> "SavedLines | None":
        """The corpus graph's lines saved with the live database, if present: read compressed,
        and unpacked (and checked against `digest`) only as they are iterated."""
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None and digest and prefetched[0] == digest and prefetched[1] is not None:
            return prefetched[1]
        file = self.path / CORPUS_LINES.format(digest)
        if not digest or not self.live or not file.is_file():
            return None
        try:
            return SavedLines(file.read_bytes(), digest)
        except OSError:
            return None

    def commit(self, graph: KnowledgeGraph, digests: dict[str, str], info: dict, corpus_lines: "Packing | None" = None) -> None:
        """Make `graph` (from `next_database`) the live one; then drop the old database.
        `corpus_lines`: the corpus graph's sorted lines (`lines_blob`, digest `digests[CORPUS_GRAPH]`)
        being compressed, kept for the next build to diff against."""
        assert graph.path is not None and graph.path.parent == self.path
        graph.flush()
        keep = None
        if corpus_lines is not None:
            keep = self.path / CORPUS_LINES.format(digests[CORPUS_GRAPH])
            # only a shortcut: a file torn by a crash fails its digest and the next build replaces the whole graph
            write_atomic(keep, corpus_lines.result(), durable=False)
        previous = self.live
        state = {"format": STATE_FORMAT, "database": graph.path.name, "graphs": digests, "pushed": self.state.get("pushed", {}), **info}
        write_atomic(self.path / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
        self.state = state
        if previous is not None and previous != graph.path:
            shutil.rmtree(previous, ignore_errors=True)
        drop_other_graphs(self.path, graph_key(digests))
        for file in self.path.glob(CORPUS_LINES.format("*")):
            if file != keep:
                file.unlink(missing_ok=True)

    def pushed(self, endpoint_key: str) -> dict[str, str] | None:
        """Digests of the graphs last pushed to that endpoint (None: never pushed from here)."""
        return self.state.get("pushed", {}).get(endpoint_key)

    def record_push(self, endpoint_key: str) -> None:
        """The endpoint now holds the live graphs."""
        state = dict(self.state)
        state["pushed"] = {**state.get("pushed", {}), endpoint_key: state.get("graphs", {})}
        write_atomic(self.path / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
        self.state = state

    def _remove_leftovers(self) -> None:
        """Databases of interrupted builds (never the live one)."""
        live = self.live
        for path in self.path.glob("db-*"):
            if path.is_dir() and path != live:
                shutil.rmtree(path, ignore_errors=True)


class Packing:
    """`blob` compressed on another thread, started at once: zlib lets go of the GIL, so the
    corpus lines compress on the other core while the changed graphs are written."""

    def __init__(self, blob: bytes):
        self._blob: bytes | None = blob
        self._packed: bytes | None = None
        self._thread = threading.Thread(target=self._pack, name="newskg-pack", daemon=True)
        self._thread.start()

    def _pack(self) -> None:
        try:
            self._packed = zlib.compress(self._blob, 1)
        except MemoryError:
            pass  # `result` compresses it on the caller's thread

    def result(self) -> bytes:
        self._thread.join()
        packed, self._packed = self._packed, None
        if packed is None:
            packed = zlib.compress(self._blob, 1)
        self._blob = None
        return packed
