"""The graph store: Oxigraph in memory (default) or on disk, seen through rdflib's Dataset API.

Triples go in in bulk through pyoxigraph; queries and serialisation use the same
store through oxrdflib, so rdflib users get the Graph API they know at Oxigraph's speed.
SPARQL's default graph is the union of all named graphs (one per article, plus the corpus graph).
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph

from .errors import NewsKGError
from .vocab import PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, ".ttl"),
    "ttl": (ox.RdfFormat.TURTLE, ".ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, ".nt"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, ".nt"),
    "nquads": (ox.RdfFormat.N_QUADS, ".nq"),
    "trig": (ox.RdfFormat.TRIG, ".trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, ".jsonld"),
    "xml": (ox.RdfFormat.RDF_XML, ".rdf"),
}
_QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
_SUFFIX_FORMAT = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".owl": "xml"}


class KnowledgeGraph:
    """A newskg graph: a pyoxigraph store plus an rdflib Dataset view of it."""

    def __init__(self, store: ox.Store, path: Path | None = None):
        self.store = store
        self.path = path
        self.answers = None  # an AnswerCache (kg/answers.py) when opened from a store folder
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """rdflib's view, made when first asked for: it and its store plugin point at each other,
        so once made only a garbage collection lets go of the database (see `close`)."""
        if self._dataset is None:
            self._dataset = Dataset(store=OxigraphStore(store=self.store), default_union=True)
            for prefix, namespace in PREFIXES.items():
                self._dataset.bind(prefix, namespace, override=True)
        return self._dataset

    def close(self) -> None:
        """Let go of the database now (an on-disk store is closed when nothing else holds it)."""
        self.store = None
        self._dataset = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def memory(cls) -> "KnowledgeGraph":
        return cls(ox.Store())

    @classmethod
    def from_file(cls, path: str | Path) -> "KnowledgeGraph":
        """Load a graph file (Turtle, N-Triples, TriG, JSON-LD...) into a fresh in-memory store."""
        graph = cls.memory()
        graph.load(path)
        return graph

    def load(self, path: str | Path) -> None:
        path = Path(path)
        fmt = _SUFFIX_FORMAT.get(path.suffix.lower())
        if fmt is None:
            raise NewsKGError(f"{path}: unknown graph file type (use .ttl, .nt, .nq, .trig or .jsonld)")
        if not path.is_file():
            raise NewsKGError(f"{path}: no such graph file (build one with `kg build`)")
        try:
            self.store.bulk_load(path=str(path), format=FORMATS[fmt][0])
        except (SyntaxError, ValueError, OSError) as exc:
            raise NewsKGError(f"{path}: cannot read graph: {str(exc).splitlines()[0]}") from None

    # ------------------------------------------------------------------ writing

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, not transactional: only for a store no reader sees yet (kg/state.py)."""
        self.store.bulk_extend(quads)

    @contextmanager
    def loader(self) -> Iterator["BackgroundLoader"]:
        """Bulk loading from a thread while the caller maps more quads (see BackgroundLoader)."""
        background = BackgroundLoader(self.store)
        try:
            yield background
        except BaseException:
            background.close(wait_only=True)
            raise
        background.close()

    def add_lines(self, lines: list[str]) -> None:
        """`bulk_add` for quads given as N-Quads lines (`str(quad)`)."""
        if lines:
            self.store.bulk_load(nquads(lines), format=ox.RdfFormat.N_QUADS)

    def replace_graph_lines(self, graph_iri: str, sorted_lines: list[str], old_lines: Iterable[str] | None = None) -> None:
        """Make the named graph hold exactly the quads of `sorted_lines` (sorted N-Quads lines,
        `str(quad)`'s form), touching only the quads that differ: dropping and reloading a big
        graph costs seconds on disk. `old_lines`: what the graph holds now, sorted, if known
        (reading it back from disk is the slow part); if they turn out damaged (ValueError,
        zlib.error), the graph is read back after all. Only the lines that differ are parsed."""
        difference = None
        if old_lines is not None:
            try:
                difference = sorted_difference(old_lines, sorted_lines)
            except (ValueError, zlib.error):
                difference = None
        if difference is None:
            node = ox.NamedNode(graph_iri)
            difference = sorted_difference(sorted(str(quad) for quad in self.store.quads_for_pattern(None, None, None, node)), sorted_lines)
        stale, added, old_count = difference
        if len(stale) > old_count // 4:  # mostly rewritten: dropping it is cheaper
            self.clear_graph(graph_iri)
            self.add_lines(sorted_lines)
            return
        for quad in parse_lines(stale):
            self.store.remove(quad)
        self.store.extend(parse_lines(added))

    def clear_graph(self, graph_iri: str) -> None:
        node = ox.NamedNode(graph_iri)
        if self.store.contains_named_graph(node):
            self.store.remove_graph(node)

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        """Distinct triples across all graphs."""
        result = self.store.query("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }", use_default_graph_as_union=True)
        return int(next(iter(result))[0].value)

    def size(self) -> int:
        """Distinct triples, from the size each named graph states of itself (VoID, written by
        the mapping; no triple sits in two graphs) when every graph does; else counted (slow on disk)."""
        stated = self.store.query(
            "SELECT (COUNT(?g) AS ?graphs) (SUM(?n) AS ?total) WHERE { GRAPH ?g { ?g <http://rdfs.org/ns/void#triples> ?n } }"
        )
        graphs, total = next(iter(stated))
        if total is not None and int(graphs.value) == len(list(self.store.named_graphs())) and not self._has_default_graph():
            return int(total.value)
        return len(self)

    def _has_default_graph(self) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None

    def triples(self) -> Iterable[ox.Triple]:
        """Distinct triples of the union graph."""
        seen: set[ox.Triple] = set()
        for quad in self.store:
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple

    def to_rdflib(self) -> Graph:
        """The union graph as a plain rdflib Graph (for comparison, or rdflib-only tools)."""
        graph = Graph()
        graph.parse(data=self.serialize("nt"), format="nt")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph

    def serialize(self, fmt: str = "turtle") -> str:
        return self._dump(fmt).decode("utf-8")

    def _dump(self, fmt: str) -> bytes:
        rdf_format = FORMATS[fmt][0]
        prefixes = PREFIXES if rdf_format in {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG} else None
        if rdf_format in _QUAD_FORMATS:
            return ox.serialize(sorted(self.store, key=str), format=rdf_format, prefixes=prefixes) or b""
        triples = sorted(self.triples(), key=str)  # sorted: identical input gives an identical file
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Serialise atomically: a temp file in the same folder, renamed over the target."""
        path = Path(path)
        fmt = fmt or _SUFFIX_FORMAT.get(path.suffix.lower(), "turtle")
        data = self._dump(fmt)
        write_atomic(path, data)
        return path

    def query(self, sparql: str, bindings: dict | None = None):
        return self.dataset.query(sparql, initBindings=bindings or {})


def nquads(lines: list[str]) -> bytes:
    """N-Quads text of lines made by `str(quad)` (which leaves off the final ` .`), joined once
    (a loader batch is tens of MB)."""
    return (" .\n".join(lines) + " .\n").encode("utf-8") if lines else b""


def parse_lines(lines: list[str]) -> list[ox.Quad]:
    """Quads from lines made by `str(quad)`."""
    return list(ox.parse(nquads(lines), format=ox.RdfFormat.N_QUADS)) if lines else []


class BackgroundLoader:
    """Feeds N-Quads lines to `Store.bulk_load` on another thread, in batches. bulk_load releases
    the GIL, so mapping (Python) and writing the database (Rust) use two cores: on disk, writing
    costs more than mapping. Like `bulk_add`: only for a store no reader sees yet. No blank nodes
    (every newskg IRI is minted), so batches load independently."""

    # On disk, the loader's CPU time falls with larger batches (fewer files to write and merge):
    # 961,931 quads took 14.5 CPU seconds in batches of 50,000, 13.9 of 100,000 and 11.7 of 200,000
    # (17.1 of 50,000 parsed strictly). In a build, batches of 200,000 saved 0.3 s of 12 s and
    # raised the peak memory by 180 MB.
    BATCH = 100_000

    def __init__(self, store: ox.Store):
        self.store = store
        self.pending: list[str] = []
        self.batches: queue.Queue = queue.Queue(maxsize=1)  # bounded: mapping may not race far ahead (memory)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._load, name="newskg-loader", daemon=True)
        self.thread.start()

    def add_lines(self, lines: list[str]) -> None:
        """Quads given as N-Quads lines (`str(quad)`'s form), loaded in the order given, in batches
        of at most BATCH (the corpus graph comes as one list of millions of lines at 10,000 articles)."""
        self.pending.extend(lines)
        while len(self.pending) >= self.BATCH:
            batch, self.pending = self.pending[: self.BATCH], self.pending[self.BATCH :]
            self._put(batch)

    def _send(self) -> None:
        self._put(self.pending)
        self.pending = []

    def _put(self, lines: list[str]) -> None:
        if lines and self.error is None:
            self.batches.put(nquads(lines))

    def _load(self) -> None:
        while (data := self.batches.get()) is not None:
            if self.error is None:
                try:
                    # lenient: the lines are the mapping's own (kg/ntriples.py checks its IRIs),
                    # so the parser's IRI validation would only check them twice
                    self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
                except BaseException as exc:  # raised again in the caller's thread by close()
                    self.error = exc

    def close(self, wait_only: bool = False) -> None:
        if not wait_only:
            self._send()
        self.batches.put(None)
        self.thread.join()
        self.store = None  # a finished loader must not keep the database open (a reader may open it next)
        if self.error is not None and not wait_only:
            raise self.error


def sorted_difference(old: Iterable[str], new: list[str]) -> tuple[list[str], list[str], int]:
    """Of two sorted sequences of lines: those only in `old`, those only in `new` (each once),
    and how many different lines `old` holds. One pass over each, neither held in a set: a
    graph's lines can be hundreds of MB. ValueError if `old` is out of order."""
    stale: list[str] = []
    added: list[str] = []
    count, at, size = 0, 0, len(new)
    previous = None
    for line in old:
        if previous is not None and line <= previous:
            if line == previous:
                continue
            raise ValueError("old lines out of order")
        previous = line
        count += 1
        while at < size and new[at] < line:
            if not added or added[-1] != new[at]:
                added.append(new[at])
            at += 1
        if at < size and new[at] == line:
            while at < size and new[at] == line:
                at += 1
        else:
            stale.append(line)
    for line in new[at:]:
        if not added or added[-1] != line:
            added.append(line)
    return stale, added, count


def write_atomic(path: Path, data: bytes | Iterable[bytes], durable: bool = True) -> None:
    """Replace `path` with `data` (bytes, or pieces written in turn) in one rename: a reader sees
    the old file or the new one. `durable=False` skips flushing to disk first, for files that are
    only a shortcut (a file torn by a crash is detected and rebuilt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
                handle.write(piece)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared like any written file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
