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
instead of looking each row's details up on disk again (`QUERY-KEY.groups`). The values a
parameter picks come from a keys table kept next to it (`put_keys`, `pick_keys`; `KEYS-KEY.keys`).

A build's commit drops the answers of every other graph. A file that cannot be read is a miss
(computed again), and a folder that cannot be written only means no answer is kept.
"""

from __future__ import annotations

import hashlib
import marshal
import shutil
import struct
import sys
import zlib
from array import array
from pathlib import Path

from .graph import write_atomic

ANSWERS_DIR = "query-answers"
MAGIC = b"newskg-answer 1\n"  # a new layout changes this, and old files are misses
GROUPS_MAGIC = b"newskg-groups 4\n"  # likewise for grouped answers
KEYS_MAGIC = b"newskg-keys 2\n"  # and for keys tables
PAGE_ROWS = 1024
_LENGTH = struct.Struct(">I")
# the arrays of a grouped answer, in file order, with their item types
_GROUP_ARRAYS = (("firsts", "I"), ("counts", "I"), ("first_pages", "I"), ("page_offsets", "Q"), ("page_sizes", "I"), ("ranks", "I"))


def _machine() -> tuple:
    """What raw arrays depend on: a grouped answer written elsewhere is a miss, not misread."""
    return (sys.byteorder, *(array(code).itemsize for _, code in _GROUP_ARRAYS))


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

        def read(handle, head):
            columns, total, page_sizes = head
            wanted = total if limit is None else min(limit, total)
            rows: list[list[str]] = []
            for size in page_sizes:
                if len(rows) >= wanted:
                    break
                rows.extend(marshal.loads(zlib.decompress(handle.read(size))))
            return None if len(rows) < wanted else (columns, rows[:wanted], total)

        return _read_saved(self._file(query_text), MAGIC, read)

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
        values is in both groups). The file holds the group values, then flat arrays read at once
        (each group's first place in `ranks` and row count, its first page, every page's offset
        and size, the place in the answer of every group's rows), then each group's rows in pages
        of `PAGE_ROWS` compressed one by one, so that a first page reads only the pages that hold
        its rows."""
        at = [columns.index(name) for name in by]
        groups: dict[str, tuple[list[int], list]] = {}
        for rank, row in enumerate(rows):
            for value in {row[index] for index in at}:
                if value:
                    ranks, members = groups.setdefault(value, ([], []))
                    ranks.append(rank)
                    members.append(row)
        table = {name: array(code) for name, code in _GROUP_ARRAYS}
        blobs, offset = [], 0
        for ranks, members in groups.values():
            table["firsts"].append(len(table["ranks"]))
            table["counts"].append(len(ranks))
            table["first_pages"].append(len(table["page_offsets"]))
            table["ranks"].extend(ranks)
            for first in range(0, len(members), PAGE_ROWS):
                blob = zlib.compress(marshal.dumps(members[first : first + PAGE_ROWS]), 1)
                table["page_offsets"].append(offset)
                table["page_sizes"].append(len(blob))
                blobs.append(blob)
                offset += len(blob)
        head = marshal.dumps((list(columns), list(groups), _machine()))
        parts = [GROUPS_MAGIC, _LENGTH.pack(len(head)), head]
        for name, _ in _GROUP_ARRAYS:
            data = table[name].tobytes()
            parts += [_LENGTH.pack(len(data)), data]
        try:
            write_atomic(self._groups_file(query_text, by), [*parts, *blobs], durable=False)
        except OSError:
            pass

    def get_groups(self, query_text: str, by: tuple[str, ...], values, limit: int | None = None) -> tuple[list[str], list[list[str]], int] | None:
        """(columns, the first `limit` rows or all, the whole count) of the answer's rows whose value
        in one of the columns `by` is among `values`, in the answer's order; None when the answer
        has not been kept grouped by those columns (or the file is damaged)."""

        def read(handle, head):
            columns, group_values, machine = head
            if machine != _machine():
                raise ValueError("written on another kind of machine")
            table = {}
            for name, code in _GROUP_ARRAYS:
                (size,) = _LENGTH.unpack(handle.read(_LENGTH.size))
                table[name] = array(code, handle.read(size))
            start = handle.tell()
            firsts, counts, first_pages, all_ranks = table["firsts"], table["counts"], table["first_pages"], table["ranks"]
            wanted_values = set(values)
            picked = [group for group, value in enumerate(group_values) if value in wanted_values]
            ranks = sorted(set().union(*(all_ranks[firsts[g] : firsts[g] + counts[g]] for g in picked)))
            wanted = ranks if limit is None else ranks[:limit]
            last = wanted[-1] if wanted else -1
            found: dict[int, list[str]] = {}
            # ranks ascend in a group: a group, or a page, whose first row is not wanted holds none
            for group in [g for g in picked if all_ranks[firsts[g]] <= last]:
                first, count = firsts[group], counts[group]
                for number, page_first in enumerate(range(first, first + count, PAGE_ROWS)):
                    if all_ranks[page_first] > last:
                        break
                    page = first_pages[group] + number
                    handle.seek(start + table["page_offsets"][page])
                    rows = marshal.loads(zlib.decompress(handle.read(table["page_sizes"][page])))
                    found.update(zip(all_ranks[page_first : page_first + len(rows)], rows))
            return columns, [found[rank] for rank in wanted], len(ranks)

        return _read_saved(self._groups_file(query_text, by), GROUPS_MAGIC, read)

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
        head = marshal.dumps(tuple({value: sorted(keys) for value, keys in table.items()} for table in tables))
        try:
            write_atomic(self._keys_file(keys_text), [KEYS_MAGIC, _LENGTH.pack(len(head)), head], durable=False)
        except OSError:
            pass

    def _keys_file(self, keys_text: str) -> Path:
        return self._file(keys_text).with_suffix(".keys")

    def has_keys(self, keys_text: str) -> bool:
        return self._keys_file(keys_text).is_file()

    def pick_keys(self, keys_text: str, value: str) -> set[str] | None:
        """The keys of a kept keys table picked by a parameter value: those of the rows whose
        `equals` is the value, and of those whose `contains` holds it whatever the case (as
        SPARQL's CONTAINS(LCASE(...), LCASE(...))); None when the table is not kept."""
        tables = _read_saved(self._keys_file(keys_text), KEYS_MAGIC, lambda handle, head: head)
        if tables is None:
            return None
        equals, contains = tables
        picked = set(equals.get(value, ()))
        folded = value.lower()
        for text, keys in contains.items():
            if folded in text:
                picked.update(keys)
        return picked


def _read_saved(file: Path, magic: bytes, read):
    """`read(handle, head)` on a saved file of the layout `magic` (head: what follows the magic,
    marshalled after its length); None when there is no such file, and a torn or foreign file is
    removed (computed again, and saved anew)."""
    try:
        with open(file, "rb") as handle:
            if handle.read(len(magic)) != magic:
                raise ValueError("not a file of this layout")
            (head_size,) = _LENGTH.unpack(handle.read(_LENGTH.size))
            return read(handle, marshal.loads(handle.read(head_size)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError, struct.error, zlib.error):
        try:
            file.unlink(missing_ok=True)
        except OSError:
            pass
        return None


def drop_other_graphs(store_folder: Path, key: str) -> None:
    """After a commit: the answers of graphs that are no longer live."""
    answers = Path(store_folder) / ANSWERS_DIR
    if answers.is_dir():
        for folder in answers.iterdir():
            if folder.name != key:
                shutil.rmtree(folder, ignore_errors=True)
