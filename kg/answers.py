"""Answers of queries on a persistent store, kept for the graph they were computed on.

On a large graph a listing costs seconds in Oxigraph however the query is written: each value
handed over is read from disk, and the sort needs every row. A store folder's graph only changes
when a build commits a new database, and the state file then names a digest for every named
graph. So a query's rows are saved under (that set of digests, the exact query text), and asked
again they are read back instead of computed:

    DIR/query-answers/GRAPH-KEY/QUERY-KEY.rows

A file holds the columns, the row count and the rows in pages of `PAGE_ROWS`, each compressed on
its own, so a first page (a terminal table, `--limit`) reads only what it shows. A build's commit
drops the answers of every other graph. A file that cannot be read is a miss (computed again), and
a folder that cannot be written only means no answer is kept.
"""

from __future__ import annotations

import hashlib
import marshal
import shutil
import struct
import zlib
from pathlib import Path

from .graph import write_atomic

ANSWERS_DIR = "query-answers"
MAGIC = b"newskg-answer 1\n"  # a new layout changes this, and old files are misses
PAGE_ROWS = 1024
_LENGTH = struct.Struct(">I")


def graph_key(digests: dict[str, str]) -> str:
    """One key for a graph's content: its named graphs' digests, in a fixed order."""
    joined = "\n".join(f"{name} {digest}" for name, digest in sorted(digests.items()))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


class AnswerCache:
    """The saved answers of one graph (`graph_key`) in a store folder."""

    def __init__(self, store_folder: Path, key: str):
        self.folder = Path(store_folder) / ANSWERS_DIR / key

    def _file(self, query_text: str) -> Path:
        return self.folder / (hashlib.sha256(MAGIC + query_text.encode("utf-8")).hexdigest()[:40] + ".rows")

    def get(self, query_text: str, limit: int | None = None) -> tuple[list[str], list[list[str]], int] | None:
        """(columns, the first `limit` rows or all, the answer's whole row count), or None when
        this query has no readable saved answer."""
        file = self._file(query_text)
        try:
            with open(file, "rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC:
                    raise ValueError("not an answer file")
                (head_size,) = _LENGTH.unpack(handle.read(_LENGTH.size))
                columns, total, page_sizes = marshal.loads(handle.read(head_size))
                wanted = total if limit is None else min(limit, total)
                rows: list[list[str]] = []
                for size in page_sizes:
                    if len(rows) >= wanted:
                        break
                    rows.extend(marshal.loads(zlib.decompress(handle.read(size))))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError, struct.error, zlib.error):
            try:
                file.unlink(missing_ok=True)  # torn or foreign: computed again (and saved anew)
            except OSError:
                pass
            return None
        if len(rows) < wanted:
            return None
        return columns, rows[:wanted], total

    def put(self, query_text: str, columns: list[str], rows: list[list[str]]) -> None:
        """Keep a whole answer; a folder that cannot be written (a read-only store) keeps nothing."""
        pages = [zlib.compress(marshal.dumps(rows[start : start + PAGE_ROWS]), 1) for start in range(0, len(rows), PAGE_ROWS)]
        head = marshal.dumps((list(columns), len(rows), [len(page) for page in pages]))
        try:
            write_atomic(self._file(query_text), [MAGIC, _LENGTH.pack(len(head)), head, *pages], durable=False)
        except OSError:
            pass


def drop_other_graphs(store_folder: Path, key: str) -> None:
    """After a commit: the answers of graphs that are no longer live."""
    answers = Path(store_folder) / ANSWERS_DIR
    if answers.is_dir():
        for folder in answers.iterdir():
            if folder.name != key:
                shutil.rmtree(folder, ignore_errors=True)
