"""Answers of queries on a persistent store, kept for the graph they were computed on.

On a large graph a listing costs seconds in Oxigraph however the query is written: each value
handed over is read from disk, and the sort needs every row. A store folder's graph only changes
when a build commits a new database, and the state file then names a digest for every named
graph. So a query's rows are saved under (that set of digests, the exact query text), and asked
again they are read back instead of computed:

    DIR/query-answers/GRAPH-KEY/QUERY-KEY.rows

A file holds the columns, the row count and the rows in pages of `PAGE_ROWS`, each compressed on
its own, so a first page (a terminal table, `--limit`) reads only what it shows.

A listing can also be kept grouped by the values of some of its columns (`put_groups`), each row
with its place in the listing: a query whose parameter only picks the listing's rows with given
values in those columns (a speaker's statements, an entity's pairs) is then answered by reading
the groups of those values and putting their rows back in the listing's order (`get_groups`),
instead of looking each row's details up on disk again. A build's commit
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


    def _groups_file(self, query_text: str, columns: tuple[str, ...]) -> Path:
        return self._file(f"{query_text}\n# grouped by: {' '.join(columns)}").with_suffix(".groups")

    def has_groups(self, query_text: str, by: tuple[str, ...]) -> bool:
        return self._groups_file(query_text, by).is_file()

    def put_groups(self, query_text: str, by: tuple[str, ...], columns: list[str], rows: list[list[str]]) -> None:
        """Keep a whole answer grouped by its values in the columns `by` (a row with two such
        values is in both groups), each row after its place in the answer."""
        at = [columns.index(name) for name in by]
        groups: dict[str, list] = {}
        for rank, row in enumerate(rows):
            for value in {row[index] for index in at}:
                if value:
                    groups.setdefault(value, []).append((rank, row))
        blobs, places, offset = [], {}, 0
        for value, members in groups.items():
            blob = zlib.compress(marshal.dumps(members), 1)
            places[value] = (offset, len(blob))
            blobs.append(blob)
            offset += len(blob)
        head = marshal.dumps((list(columns), places))
        try:
            write_atomic(self._groups_file(query_text, by), [MAGIC, _LENGTH.pack(len(head)), head, *blobs], durable=False)
        except OSError:
            pass

    def get_groups(self, query_text: str, by: tuple[str, ...], values, limit: int | None = None) -> tuple[list[str], list[list[str]], int] | None:
        """(columns, the first `limit` rows or all, the whole count) of the answer's rows whose value
        in one of the columns `by` is among `values`, in the answer's order; None when the answer
        has not been kept grouped by those columns."""
        file = self._groups_file(query_text, by)
        try:
            with open(file, "rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC:
                    raise ValueError("not an answer file")
                (head_size,) = _LENGTH.unpack(handle.read(_LENGTH.size))
                columns, places = marshal.loads(handle.read(head_size))
                start = handle.tell()
                found: dict[int, list[str]] = {}
                for offset, size in sorted(places[value] for value in set(values) if value in places):
                    handle.seek(start + offset)
                    found.update(marshal.loads(zlib.decompress(handle.read(size))))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError, struct.error, zlib.error):
            try:
                file.unlink(missing_ok=True)
            except OSError:
                pass
            return None
        ranks = sorted(found)
        wanted = ranks if limit is None else ranks[:limit]
        return columns, [found[rank] for rank in wanted], len(ranks)


    def put_keys(self, keys_text: str, columns: list[str], rows: list[list[str]]) -> None:
        """Keep a keys table (see kg/queries.py `Index`): the `key` of each row under its
        `equals` value and under its `contains` value lowercased, the way `pick_keys` matches them."""
        key_at = columns.index("key")
        tables: tuple[dict, dict] = ({}, {})
        for table, column, fold in ((tables[0], "equals", False), (tables[1], "contains", True)):
            if column in columns:
                at = columns.index(column)
                for row in rows:
                    table.setdefault(row[at].lower() if fold else row[at], set()).add(row[key_at])
        blob = zlib.compress(marshal.dumps(tuple({value: sorted(keys) for value, keys in table.items()} for table in tables)), 1)
        try:
            write_atomic(self._file(keys_text).with_suffix(".keys"), [MAGIC, blob], durable=False)
        except OSError:
            pass

    def pick_keys(self, keys_text: str, value: str) -> set[str] | None:
        """The keys of a kept keys table picked by a parameter value: those of the rows whose
        `equals` is the value, and of those whose `contains` holds it whatever the case (as
        SPARQL's CONTAINS(LCASE(...), LCASE(...))); None when the table is not kept."""
        file = self._file(keys_text).with_suffix(".keys")
        try:
            data = file.read_bytes()
            if not data.startswith(MAGIC):
                raise ValueError("not a keys file")
            equals, contains = marshal.loads(zlib.decompress(data[len(MAGIC):]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError, zlib.error):
            file.unlink(missing_ok=True)
            return None
        picked = set(equals.get(value, ()))
        folded = value.lower()
        for text, keys in contains.items():
            if folded in text:
                picked.update(keys)
        return picked


def drop_other_graphs(store_folder: Path, key: str) -> None:
    """After a commit: the answers of graphs that are no longer live."""
    answers = Path(store_folder) / ANSWERS_DIR
    if answers.is_dir():
        for folder in answers.iterdir():
            if folder.name != key:
                shutil.rmtree(folder, ignore_errors=True)
