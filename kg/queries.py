"""Stored SPARQL queries: load from `queries/*.rq`, bind parameters safely, run.

Each .rq file starts with a comment header:

    # name: who-said-what
    # description: One row per report of a statement.
    # param: speaker string optional - name or alias of the speaker
    # table: speaker quote date source

A `table:` line names the columns a terminal table shows (csv and json show all).
An `index: speaker by statement from speaker-statements` line says that with only `speaker`
given, the answer is the rows of the answer with no parameter whose `statement` is one of the
keys the value picks in the table `queries/keys/speaker-statements.rq` gives: its `?key` column,
picked where its `?equals` column is the value or its `?contains` column contains it whatever
the case. On a store folder the answer with no parameter and the keys table are then kept too,
and such a query reads its rows from there (kg/answers.py): no lookups on disk.
A parameter NAME is the variable `$arg_NAME` in the query body (so it never
collides with an output column of the same name). A bound parameter becomes a
`VALUES` row injected at the top of the WHERE clause, holding an RDF term that
rdflib serialises (escaped, typed): values are never pasted into the query text
as code, so a value cannot change the query's shape.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import QueryError
from .settings import queries_dir
from .vocab import sparql_prefixes

_HEADER = re.compile(r"^#\s*(name|description|param|table|index)\s*:\s*(.*)$")
_INDEX = re.compile(r"^(?P<param>[A-Za-z_][\w-]*)\s+by\s+(?P<columns>\w+(?:[\s,]+\w+)*)\s+from\s+(?P<keys>[\w-]+)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][\w-]*)(?:\s+(?P<type>string|int|integer|decimal|date|iri|bool))?(?:\s+(?P<need>optional|required))?\s*(?:[-—:]\s*(?P<help>.*))?$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass
class Param:
    name: str
    type: str = "string"
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class Index:
    """Rows picked by a parameter, read from the answer with no parameter kept grouped by `columns`;
    `keys` names the query in `queries/keys/` that gives the values to pick for a parameter value."""

    columns: tuple[str, ...]
    keys: str


@dataclass
class StoredQuery:
    name: str
    text: str
    description: str = ""
    params: list[Param] = field(default_factory=list)
    path: Path | None = None
    table_columns: list[str] | None = None  # the columns a terminal table shows by default
    indexes: dict[str, "Index"] = field(default_factory=dict)  # by parameter name

    @classmethod
    def parse(cls, text: str, fallback_name: str, path: Path | None = None) -> "StoredQuery":
        query = cls(name=fallback_name, text=text, path=path)
        for line in text.splitlines():
            match = _HEADER.match(line.strip())
            if not match:
                if line.strip() and not line.lstrip().startswith("#"):
                    break
                continue
            key, value = match.group(1), match.group(2).strip()
            if key == "name":
                query.name = value
            elif key == "table":
                query.table_columns = value.split()
            elif key == "description":
                query.description = f"{query.description} {value}".strip()
            elif key == "index":
                index = _INDEX.match(value)
                if not index:
                    raise QueryError(f"{path or fallback_name}: cannot read `# index: {value}` (want: PARAM by COLUMN... from KEYS)")
                columns = tuple(re.split(r"[\s,]+", index.group("columns")))
                query.indexes[index.group("param")] = Index(columns, index.group("keys"))
            else:
                param = _PARAM.match(value)
                if param:
                    query.params.append(
                        Param(
                            name=param.group("name"),
                            type={"integer": "int"}.get(param.group("type") or "string", param.group("type") or "string"),
                            required=param.group("need") == "required",
                            help=(param.group("help") or "").strip(),
                        )
                    )
        return query


def stored_queries(directory: Path | None = None) -> dict[str, StoredQuery]:
    directory = directory or queries_dir()
    found = {}
    for path in sorted(directory.glob("*.rq")):
        query = StoredQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
        found[query.name] = query
    return found


def find_query(name_or_path: str) -> StoredQuery:
    path = Path(name_or_path)
    if path.suffix == ".rq":
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return StoredQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
    queries = stored_queries()
    if name_or_path not in queries:
        names = ", ".join(queries) or "(none)"
        raise QueryError(f"unknown query {name_or_path!r}; stored queries: {names}")
    return queries[name_or_path]


def to_term(param: Param, raw: str) -> Node:
    """A typed RDF term for a parameter value; raises QueryError on a value of the wrong type."""
    try:
        if param.type == "int":
            return Literal(int(raw))
        if param.type == "decimal":
            return Literal(float(raw))
        if param.type == "bool":
            return Literal(raw.lower() in {"1", "true", "yes"})
        if param.type == "date":
            return Literal(date.fromisoformat(raw))
        if param.type == "iri":
            if re.search(r"[\s<>\"{}|^`\\]", raw):
                raise ValueError("not an IRI")
            return URIRef(raw)
    except ValueError:
        raise QueryError(f"parameter {param.name!r} must be {param.type}, got {raw!r}") from None
    return Literal(raw)


def bind(query: StoredQuery, values: dict[str, str]) -> str:
    """The query text with parameters bound as a VALUES block and the standard prefixes declared."""
    declared = {p.name: p for p in query.params}
    unknown = set(values) - set(declared)
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {sorted(unknown)[0]!r} (parameters: {known})")
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {missing[0]}=VALUE")
    text = query.text
    bound = {name: to_term(declared[name], raw) for name, raw in values.items()}
    if bound:
        match = _WHERE.search(_blank_comments(text))
        if not match:
            raise QueryError(f"query {query.name!r}: parameters need a WHERE {{ ... }} clause")
        names = " ".join(f"?{param_variable(name)}" for name in bound)
        row = " ".join(term.n3() for term in bound.values())
        # on the WHERE line itself, so syntax errors keep the file's own line numbers
        text = f"{text[: match.end()]} VALUES ({names}) {{ ({row}) }} {_constants(text[match.end():], bound)}"
    return sparql_prefixes() + text


def _constants(body: str, bound: dict[str, Node]) -> str:
    """Each bound `$arg_NAME` written as its RDF term (rdflib's escaped, typed serialisation)
    wherever a term may stand, so the query plan starts from it: Oxigraph does not push a VALUES
    row into UNION branches or OPTIONALs, and joined them with whole-graph results. `BOUND($arg_NAME)`
    keeps the variable, which the VALUES row binds."""
    blanked = _blank_comments(body)
    for name, term in bound.items():
        variable = param_variable(name)
        spots = [m for m in re.finditer(rf"\$(?={re.escape(variable)}\b)", blanked)]
        for spot in reversed(spots):
            before = blanked[: spot.start()]
            if re.search(r"\bBOUND\s*\(\s*$", before, re.IGNORECASE):
                body = f"{body[: spot.start()]}?{body[spot.end():]}"
            else:
                end = spot.end() + len(variable)
                body = f"{body[: spot.start()]}{term.n3()}{body[end:]}"
                blanked = f"{blanked[: spot.start()]}{' ' * len(term.n3())}{blanked[end:]}"
    return body


def param_variable(name: str) -> str:
    return "arg_" + name.replace("-", "_")


def _blank_comments(text: str) -> str:
    """Same length, comments blanked, so a '{' in a comment is not taken for the WHERE clause."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), text)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    total: int | None = None  # rows of the whole answer, when `rows` is its first part and that is known

    @property
    def row_count(self) -> int:
        """Rows of the whole answer (more than `rows` holds when a limit cut it and the count is known)."""
        return len(self.rows) if self.total is None else self.total

    def to_csv(self, delimiter: str = ",") -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps([dict(zip(self.columns, row)) for row in self.rows], ensure_ascii=False, indent=2)

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def run_query(graph, name_or_path: str, params: dict[str, str] | None = None, limit: int | None = None, reuse: bool = True) -> Table:
    """Run a stored query (by name) or a .rq file against a KnowledgeGraph; `limit` caps the rows.

    On a graph opened from a store folder, the whole answer is saved with the store the first
    time and read back afterwards until a build changes the graph (kg/answers.py); `limit` then
    reads only the first rows, and `Table.total` tells how many there are. `reuse=False` computes
    the answer again and saves it in place of the old one."""
    query = find_query(name_or_path)
    text = bind(query, params or {})
    answers = getattr(graph, "answers", None) if not _VOLATILE.search(_blank_comments(text)) else None
    if answers is not None and reuse:
        found = answers.get(text, limit) or _picked_rows(graph, query, params or {}, limit)
        if found is not None:
            columns, rows, total = found
            return Table(columns, rows, total)
    if answers is None and limit is not None:
        text = with_limit(text, limit)
    try:
        store = getattr(graph, "store", None)
        if isinstance(store, ox.Store):
            table = _run_local(store, text)
            if answers is not None:
                answers.put(text, table.columns, table.rows)
                if not params:
                    _keep_indexes(graph, query, text, table)
                if limit is not None:
                    table = Table(table.columns, table.rows[:limit], len(table.rows))
            return table
        result = _query_elsewhere(graph, text)
        columns = [str(v) for v in result.vars]
        rows = [["" if value is None else _plain(value) for value in row] for row in result]
        return Table(columns, rows)
    except SyntaxError as exc:
        message = _shift_line(_first_line(exc), -sparql_prefixes().count("\n"))
        raise QueryError(f"{query.path or query.name}: SPARQL syntax error: {message}") from None
    except (ValueError, RuntimeError, OSError) as exc:
        raise QueryError(f"{query.path or query.name}: {_first_line(exc)}") from None


def _picked_rows(graph, query: StoredQuery, params: dict[str, str], limit: int | None):
    """The answer for one indexed parameter, from the answer with no parameter kept grouped (see
    `Index`): (columns, rows, whole count), or None when that answer is not saved."""
    if len(params) != 1 or next(iter(params)) not in query.indexes:
        return None
    (name, value), = params.items()
    index, whole = query.indexes[name], bind(query, {})
    for _ in range(2):  # a damaged file is removed when read: kept again, it is read once more
        keys_text = _keep_index(graph, query, index, whole)
        if keys_text is None:
            return None  # no listing saved to read from
        keys = graph.answers.pick_keys(keys_text, value)
        # read even without keys, so that a damaged groups file is found (and removed) this round
        found = graph.answers.get_groups(whole, index.columns, keys or (), limit)
        if keys is not None and found is not None:
            return found
    return None


def _keep_indexes(graph, query: StoredQuery, whole: str, table: Table | None = None) -> None:
    for index in query.indexes.values():
        _keep_index(graph, query, index, whole, table)


def _keep_index(graph, query: StoredQuery, index: Index, whole: str, table: Table | None = None) -> str | None:
    """The listing `whole` kept grouped for `index` (from `table` when it was just computed, else
    from the saved answer if not grouped yet) and the index's keys table kept; the keys query's
    text, or None when the listing is not saved."""
    answers, fresh = graph.answers, table is not None
    if fresh or not answers.has_groups(whole, index.columns):
        if table is None:
            saved = answers.get(whole)
            if saved is None:
                return None
            table = Table(saved[0], saved[1])
        answers.put_groups(whole, index.columns, table.columns, table.rows)
    keys_text = _keys_text(query, index)
    if fresh or not answers.has_keys(keys_text):
        _save_keys(graph, query, keys_text)
    return keys_text


def _keys_text(query: StoredQuery, index: Index) -> str:
    keys_file = (query.path.parent if query.path else queries_dir()) / "keys" / f"{index.keys}.rq"
    try:
        return bind(StoredQuery.parse(keys_file.read_text(encoding="utf-8"), index.keys, keys_file), {})
    except OSError:
        raise QueryError(f"{query.path or query.name}: its index needs {keys_file}, which cannot be read") from None


def _save_keys(graph, query: StoredQuery, keys_text: str) -> None:
    try:
        table = _run_local(graph.store, keys_text)
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise QueryError(f"{query.path or query.name}: its index's keys query: {_first_line(exc)}") from None
    if "key" not in table.columns:
        raise QueryError(f"{query.path or query.name}: its index's keys query has no ?key column")
    graph.answers.put_keys(keys_text, table.columns, table.rows)


# answers that differ from run to run on the same graph, or depend on another store: never saved
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b", re.IGNORECASE)


def save_answers(graph, names: list[str] | None = None) -> list[tuple[str, int, bool]]:
    """Compute and save the answers of `names`, or of every stored query that needs no parameter,
    on a graph opened from a store folder, so that later runs only read them, and keep the
    groups and keys tables of their indexes (`Index`). Per query: (name, rows, whether it was
    computed now rather than already saved)."""
    saved = getattr(graph, "answers", None)
    if saved is None:
        raise QueryError("answers are saved only in a store folder (kg build --store DIR)")
    queries = stored_queries()
    unknown = [name for name in names or [] if name not in queries]
    if unknown:
        raise QueryError(f"unknown query {unknown[0]!r}; stored queries: {', '.join(queries)}")
    done = []
    for name, query in queries.items():
        if (names is None and any(p.required for p in query.params)) or (names is not None and name not in names):
            continue
        already = saved.get(bind(query, {}), 0) is not None
        done.append((name, run_query(graph, name, limit=0).row_count, not already))
        if already:
            _keep_indexes(graph, query, bind(query, {}))  # saved before its groups were kept
    return done


def _run_local(store: ox.Store, text: str) -> Table:
    """Straight through pyoxigraph (rdflib's Dataset over oxrdflib costs about as much again per
    row): terms become their lexical forms, as `str()` of the rdflib term would give."""
    result = store.query(text, use_default_graph_as_union=True)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("stored queries must be SELECT queries")
    columns = [v.value for v in result.variables]
    width = range(len(columns))
    rows = []
    for solution in result:
        row = []
        for index in width:
            term = solution[index]
            row.append("" if term is None else term.value)
        rows.append(row)
    return Table(columns, rows)


def _query_elsewhere(graph, text: str):
    """A store other than the embedded one (a SPARQL endpoint, an rdflib graph): the query as
    written where the store knows SPARQL 1.2's LATERAL (Oxigraph server, Jena), whose plans the
    stored queries are written for; where the store rejects it, the same query with plain groups
    (the same rows), and a `RemoteGraph` is sent plain groups from then on."""
    plain = without_lateral(text)
    if plain == text or not getattr(graph, "lateral", True):
        return graph.query(plain)
    try:
        return graph.query(text)
    except Exception:  # each store words it its own way (HTTP 400, a parser's exception): ask plainly
        answer = graph.query(plain)  # if this fails too, its error is the one reported
        if hasattr(graph, "lateral"):
            graph.lateral = False
        return answer


_LATERAL = re.compile(r"\bLATERAL(?=\s*\{)", re.IGNORECASE)


def without_lateral(text: str) -> str:
    """The query for a store without SPARQL 1.2's LATERAL: `LATERAL { B }` becomes the group `{ B }`.
    Stored queries use LATERAL only where B binds, in its own required patterns, every variable it
    shares with what comes before, so the join gives the same rows (only the plan differs)."""
    blanked = _blank_comments(text)
    for match in reversed(list(_LATERAL.finditer(blanked))):
        text = text[: match.start()] + text[match.end():]
    return text


def _plain(value: Node) -> str:
    return str(value)


_TRAILING_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)


def with_limit(text: str, limit: int) -> str:
    """The query with at most `limit` rows: its own trailing LIMIT lowered, or one added."""
    body = _blank_comments(text).rstrip()
    match = _TRAILING_LIMIT.search(body)
    if match:
        return f"{text[: match.start()]}LIMIT {min(limit, int(match.group(1)))}\n"
    return f"{text.rstrip()}\nLIMIT {limit}\n"


def _shift_line(message: str, delta: int) -> str:
    """Oxigraph says `error at LINE:COLUMN`; report the line of the user's file, not of the prefixed text."""
    return re.sub(r"at (\d+):(\d+)", lambda m: f"on line {int(m.group(1)) + delta}, column {m.group(2)}", message, count=1)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
