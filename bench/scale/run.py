"""Scale benchmark: cold build, 1%-changed incremental build, bare spaCy throughput, graph size,
peak memory, and the latency of every stored query on the in-memory and on-disk stores.

    python bench/scale/run.py --articles 1000 [--workers 2] [--dir FOLDER (default: newskg-bench in the temp folder)]
    python bench/scale/run.py --articles 1000 --replicate 10   # + queries on a 10x graph (RDF copied, no spaCy)

Prints figures; asserts nothing (speed depends on the machine). Goals from issue 8:
newskg overhead on top of spaCy < 25% of build time, stored queries < 100 ms on a
10k-article graph with the persistent store, incremental (1% changed) < 5% of a cold build.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (the corpus generator next to this script)

import kg.pipeline as pipeline  # noqa: E402
from kg import build_graph, open_graph, run_query  # noqa: E402
from kg.answers import ANSWERS_DIR  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.queries import stored_queries  # noqa: E402
from kg.vocab import ID, sparql_prefixes  # noqa: E402

# kept as they are in every copy: entities recur across a corpus, and one corpus graph holds them all
# (the VoID dataset description too: its counts stay those of one copy, but reading it costs the same)
SHARED_IRIS = ("dataset", "person/", "organization/", "company/", "brand/", "news_outlet/", "platform/", "court/", "government/", "place/", "other/", "graph/corpus")


class Phases:
    """Wall time spent in extraction (spaCy + extractors), resolution, and the rest of a build."""

    def __init__(self):
        self.times: dict[str, float] = {}
        for name in ("extract_articles", "resolve", "article_graphs", "corpus_graph_lines", "_write_store"):
            self._wrap(name)

    def _wrap(self, name: str) -> None:
        real = getattr(pipeline, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = real(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - start)
            return self._timed_items(name, result) if inspect.isgenerator(result) else result

        setattr(pipeline, name, timed)

    def add(self, name: str, seconds: float) -> None:
        self.times[name] = self.times.get(name, 0.0) + seconds

    def _timed_items(self, name: str, items):
        """A generator's time is spent while it is iterated."""
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                self.add(name, time.perf_counter() - start)
                return
            self.add(name, time.perf_counter() - start)
            yield item

    def take(self) -> dict[str, float]:
        taken, self.times = self.times, {}
        return taken


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def bare_spacy(texts: list[str], workers: int) -> float:
    """Seconds for spaCy alone (same model, same batching, same process count) over the texts."""
    from kg.nlp import load
    from kg.settings import default_model

    import spacy

    nlp = load(None) if workers == 1 else spacy.load(default_model())
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
        pass
    return time.perf_counter() - start


def query_cases(graph) -> list[tuple[str, str, dict[str, str]]]:
    """(label, stored query, parameters) to time: every stored query as a first run would ask it
    (required parameters filled with realistic values from the graph), and again with each
    optional parameter given (how a large graph is best asked)."""
    top_speaker = list(graph.query(sparql_prefixes() + """
        SELECT ?name (COUNT(*) AS ?n) WHERE { ?st schema:creator ?p . ?p schema:name ?name }
        GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"""))
    name = str(top_speaker[0][0]) if top_speaker else "x"
    article = list(graph.query(sparql_prefixes() + "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } LIMIT 1"))
    top_statement = list(graph.query(sparql_prefixes() + """
        SELECT ?st (COUNT(*) AS ?n) WHERE { ?st nkg:reportedIn ?r } GROUP BY ?st ORDER BY DESC(?n) ?st LIMIT 1"""))
    values = {
        "speaker": name.split()[-1],
        "entity": name.split()[-1],
        "source": str(article[0][0]) if article else "x",
        "statement": str(top_statement[0][0]).rsplit("/statement/", 1)[-1] if top_statement else "x",
        "kind": "person",
    }
    cases = []
    for query_name, query in stored_queries().items():
        required = {p.name: values[p.name] for p in query.params if p.required}
        cases.append((query_name, query_name, required))
        for param in query.params:
            if not param.required and param.name in values:
                cases.append((f"{query_name}, {param.name} given", query_name, {**required, param.name: values[param.name]}))
    return cases


PAGE = 100  # rows of a first page (Datasette's default page size)


def query_worker(store: str, memory: bool, cases: list[list], repeat: int) -> None:
    """Child process: open the store (copied into memory if asked), print per case
    `ms rows page_ms first_ms again_ms again_page_ms`: the query computed (whole answer, then a
    first page with LIMIT), then on disk its first run that saves the answer, and the saved answer
    read back whole and as a first page (kg/answers.py); nan where not measured."""
    graph = open_graph(store=store)
    if memory:
        copy = KnowledgeGraph.memory()
        copy.bulk_add(graph.store)
        graph = copy
    saved, graph.answers = graph.answers, None  # computed first: what any query costs the first time
    print("ready", flush=True)
    nan = float("nan")
    for _label, name, params in cases:
        times, rows = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(run_query(graph, name, params).rows)
            times.append((time.perf_counter() - start) * 1000)
            if times[0] > 2000:
                break
        page = []  # a first page (`--limit 100`); not measured when the full result takes over 5 s
        for _ in range(0 if times[0] > 5000 else repeat if times[0] <= 2000 else 1):
            start = time.perf_counter()
            run_query(graph, name, params, limit=PAGE)
            page.append((time.perf_counter() - start) * 1000)
        page_ms = statistics.median(page) if page else nan
        first_ms = again_ms = again_page_ms = nan
        if saved is not None:
            graph.answers = saved
            start = time.perf_counter()
            run_query(graph, name, params)  # computes and saves
            first_ms = (time.perf_counter() - start) * 1000
            again, again_page = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                run_query(graph, name, params)
                again.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                run_query(graph, name, params, limit=PAGE)
                again_page.append((time.perf_counter() - start) * 1000)
            again_ms, again_page_ms = statistics.median(again), statistics.median(again_page)
            graph.answers = None
        print(f"{statistics.median(times):.3f} {rows} {page_ms:.3f} {first_ms:.3f} {again_ms:.3f} {again_page_ms:.3f}", flush=True)


def time_queries(store: Path, memory: bool, label: str, cases: list, timeout: float, queries: Path | None = None, repeat: int = 3) -> dict[str, tuple]:
    """Median ms and rows of each case (`query_cases`), each in a child process killed after
    `timeout` s (some queries are quadratic: one must not stall the benchmark). `queries`: time
    the cases of the queries found in that folder instead (suggested rewrites)."""
    env = dict(os.environ, **({"NEWSKG_QUERIES_DIR": str(queries)} if queries else {}))
    todo = [case for case in cases if queries is None or case[1] in stored_queries(queries)]
    results: dict[str, tuple] = {}
    if not memory:
        shutil.rmtree(store / ANSWERS_DIR, ignore_errors=True)  # every query's first run computes
    while todo:
        command = [sys.executable, __file__, "--query-worker", str(store), "--cases", json.dumps(todo), "--repeat", str(repeat)]
        child = subprocess.Popen(command + (["--memory"] if memory else []), stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout.readline().strip() == "ready"
        while todo:
            case = todo[0][0]
            ready, _, _ = select.select([child.stdout], [], [], timeout)
            line = child.stdout.readline() if ready else ""
            todo.pop(0)
            if not line:
                results[case] = (float("inf"), -1) + (float("nan"),) * 4
                print(f"  query {label:12} {case:36} > {timeout:.0f} s, stopped", flush=True)
                child.kill()
                break
            ms, rows, page_ms, first_ms, again_ms, again_page_ms = line.split()
            results[case] = (float(ms), int(rows), float(page_ms), float(first_ms), float(again_ms), float(again_page_ms))
            print(
                f"  query {label:12} {case:36} {float(ms):9.1f} ms  {rows} rows; first {PAGE} rows {float(page_ms):9.1f} ms; "
                f"saved: first run {float(first_ms):9.1f} ms, again {float(again_ms):7.1f} ms, first {PAGE} rows {float(again_page_ms):6.1f} ms",
                flush=True,
            )
        child.wait()
    return results


def replicate(graph: KnowledgeGraph, copies: int, target: KnowledgeGraph) -> None:
    """`copies` copies of the graph: article-level IRIs renamed per copy, entities shared (they recur)."""
    pattern = re.compile(re.escape(ID) + r"(?!" + "|".join(re.escape(k) for k in SHARED_IRIS) + ")")
    source = list(graph.store)

    identifier = ox.NamedNode("https://schema.org/identifier")

    def renamed(term, copy):
        if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
            return ox.NamedNode(pattern.sub(f"{ID}c{copy}/", term.value, count=1))
        return term

    def quad(q, copy):
        if q.predicate == identifier:  # article ids stay unique too
            obj = ox.Literal(f"{q.object.value}-c{copy}") if copy else q.object
        else:
            obj = renamed(q.object, copy)
        return ox.Quad(renamed(q.subject, copy), q.predicate, obj, renamed(q.graph_name, copy))

    for copy in range(copies):
        target.bulk_add(quad(q, copy) for q in source)


def incremental_worker(corpus: str, store: str, workers: int) -> None:
    """Child process: one rebuild of `corpus` into `store`; prints its seconds, phases and stats as JSON."""
    phases = Phases()
    start = time.perf_counter()
    result = build_graph([corpus], store=store, workers=workers)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "phases": phases.take(), "stats": result.stats}), flush=True)


def build_figures(args, work: Path, figures: dict[str, str]) -> None:
    """Cold build, incremental build, bare spaCy, memory: fills `figures`."""
    corpus, store, out = work / f"articles-{args.articles}", work / "store", work / "out"
    for folder in (corpus, store, out):
        shutil.rmtree(folder, ignore_errors=True)
    files = generate.write_corpus(corpus, args.articles)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    print(f"corpus: {len(files)} articles, {words} words ({words / len(files):.0f}/article), workers {args.workers}", flush=True)
    figures["corpus"] = f"{len(files)} articles, {words} words, {args.workers} workers"
    phases = Phases()

    spacy_s = None
    if not args.skip_spacy:
        articles, _, _ = pipeline.read_inputs([corpus])
        spacy_s = bare_spacy([a.text for a in articles], args.workers)
        figures["bare spaCy nlp.pipe"] = f"{spacy_s:.1f} s, {len(files) / spacy_s:.1f} articles/s, {words / spacy_s:.0f} words/s"
        print("bare spaCy:", figures["bare spaCy nlp.pipe"], flush=True)

    start = time.perf_counter()
    cold = build_graph([corpus], store=store, workers=args.workers)
    cold_s = time.perf_counter() - start
    cold_phases = phases.take()
    figures["cold build (on-disk store)"] = f"{cold_s:.1f} s, {len(files) / cold_s:.1f} articles/s, {words / cold_s:.0f} words/s"
    figures["  extraction (spaCy + extractors)"] = f"{cold_phases.get('extract_articles', 0):.1f} s"
    figures["  resolution"] = f"{cold_phases.get('resolve', 0):.1f} s"
    figures["  RDF mapping and store writing (overlapped, two cores)"] = f"{cold_phases.get('_write_store', 0):.1f} s"
    timed = sum(cold_phases.get(name, 0) for name in ("extract_articles", "resolve", "_write_store"))  # the others run inside these
    figures["  reading, cache, other"] = f"{cold_s - timed:.1f} s"
    if spacy_s:
        # this machine's speed drifts by tens of percent within minutes: spaCy is timed again right
        # after the cold build, and the share is taken against the mean of the two timings
        again = bare_spacy([a.text for a in articles], args.workers)
        figures["bare spaCy nlp.pipe, again after the cold build"] = f"{again:.1f} s"
        mean = (spacy_s + again) / 2
        figures["newskg share of cold build time on top of spaCy"] = f"{(cold_s - mean) / cold_s:.0%} against the mean of both spaCy runs (goal < 25%)"
    # peak RSS only grows: read now, it is the cold build's (and, before it, the bare spaCy runs'),
    # before anything counts the graph (counting its distinct triples took 2 GB at 10,000 articles)
    own, children = peak_mb()
    figures["graph size"] = f"{cold.graph.size()} triples, {len(list(cold.graph.store.named_graphs()))} named graphs"
    print("cold:", figures["cold build (on-disk store)"], cold.stats, flush=True)
    figures["peak memory (RSS), cold build (with the bare spaCy runs before it)"] = f"main process {own:.0f} MB, largest worker {children:.0f} MB"
    print("peak memory after the cold build:", figures["peak memory (RSS), cold build (with the bare spaCy runs before it)"], flush=True)
    del cold

    changed = files[:: max(1, round(1 / args.changed))]
    for path in changed:
        generate.change(path)
    # in a fresh process, as `kg build` runs: nothing the cold build left in this one's caches helps
    start = time.perf_counter()
    child = subprocess.run([sys.executable, __file__, "--incremental-worker", str(corpus), "--store-dir", str(store), "--workers", str(args.workers)],
                           capture_output=True, text=True, check=True)
    with_start = time.perf_counter() - start
    timing = json.loads(child.stdout.strip().splitlines()[-1])
    inc_s, inc = timing["seconds"], timing["phases"]
    mapping = inc.get("article_graphs", 0) + inc.get("corpus_graph_lines", 0)
    key = f"incremental build, {len(changed)} changed ({len(changed) / len(files):.0%})"
    figures[key] = (
        f"{inc_s:.1f} s = {inc_s / cold_s:.1%} of cold (goal < 5%): extraction {inc.get('extract_articles', 0):.1f} s, "
        f"resolution {inc.get('resolve', 0):.1f} s, mapping {mapping:.1f} s, "
        f"store writing {inc.get('_write_store', 0) - mapping:.1f} s, "
        f"other {inc_s - inc.get('extract_articles', 0) - inc.get('resolve', 0) - inc.get('_write_store', 0):.1f} s; "
        f"{timing['stats']['graphs written']} graphs rewritten; {with_start:.1f} s with interpreter start and imports"
    )
    print("incremental:", figures[key], flush=True)

    start = time.perf_counter()
    build_graph([corpus], out=out, cache=store / "cache", workers=args.workers)
    figures["in-memory build + graph.ttl, all from cache"] = f"{time.perf_counter() - start:.1f} s"
    phases.take()
    own, children = peak_mb()
    figures["peak memory (RSS), whole run"] = (f"main process {own:.0f} MB (the in-memory build runs in it), "
                                               f"largest child {children:.0f} MB (the incremental build runs in one)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "newskg-bench"))
    parser.add_argument("--changed", type=float, default=0.01, help="share of articles changed for the incremental build")
    parser.add_argument("--replicate", type=int, default=0, help="also time queries on a graph N times bigger (RDF copies)")
    parser.add_argument("--reuse-replica", action="store_true", help="with --replicate: reuse DIR/store-replicated from an earlier run")
    parser.add_argument("--skip-spacy", action="store_true", help="skip the bare spaCy run")
    parser.add_argument("--queries-only", action="store_true", help="reuse DIR/store from an earlier run; time queries only")
    parser.add_argument("--query-timeout", type=float, default=60, help="seconds before a query is stopped")
    parser.add_argument("--query-stores", choices=("both", "disk"), default="both",
                        help="time queries on the on-disk store and on an in-memory copy of it (both), or on disk only")
    parser.add_argument("--rewrites", default=str(HERE / "queries"), help="folder of suggested query rewrites to time as well")
    parser.add_argument("--query-worker", help=argparse.SUPPRESS)
    parser.add_argument("--incremental-worker", help=argparse.SUPPRESS)
    parser.add_argument("--store-dir", help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cases", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.incremental_worker:
        incremental_worker(args.incremental_worker, args.store_dir, args.workers)
        return
    if args.query_worker:
        query_worker(args.query_worker, args.memory, json.loads(args.cases), args.repeat)
        return

    work = Path(args.dir)
    figures: dict[str, str] = {}
    if not args.queries_only:
        build_figures(args, work, figures)
    store = work / "store"
    on_disk = open_graph(store=store)
    articles = len(list(on_disk.query(sparql_prefixes() + "SELECT ?a WHERE { ?a a schema:NewsArticle }")))
    cases = query_cases(on_disk)
    rewrites = Path(args.rewrites) if args.rewrites and any(Path(args.rewrites).glob("*.rq")) else None
    print(f"queries on {articles} articles, parameters {sorted({k: v for _, _, p in cases for k, v in p.items()}.items())}", flush=True)
    sizes = [(f"{articles}", store)]
    if args.replicate > 1:
        big = work / "store-replicated"
        start = time.perf_counter()
        if not (args.reuse_replica and big.is_dir()):
            shutil.rmtree(big, ignore_errors=True)
            big_graph = KnowledgeGraph(ox.Store(str(big)), big)
            replicate(on_disk, args.replicate, big_graph)
            big_graph.flush()
            big_graph.store.optimize()
            del big_graph
        big_graph = KnowledgeGraph(ox.Store.read_only(str(big)), big)
        figures[f"replicated graph ({args.replicate} copies)"] = f"{articles * args.replicate} articles, {len(big_graph)} triples, made or opened in {time.perf_counter() - start:.0f} s"
        print(figures[f"replicated graph ({args.replicate} copies)"], flush=True)
        del big_graph
        sizes.append((f"{articles * args.replicate}", big))
    latency: dict[str, dict[str, tuple]] = {}
    for size, folder in sizes:
        latency[f"{size} on-disk"] = time_queries(folder, False, f"{size} disk", cases, args.query_timeout)
        if args.query_stores == "both":
            latency[f"{size} memory"] = time_queries(folder, True, f"{size} mem", cases, args.query_timeout)
        if rewrites:
            latency[f"{size} on-disk, rewrite"] = time_queries(folder, False, f"{size} disk rw", cases, args.query_timeout, rewrites)

    print("\n| measure | value |\n|---|---|")
    for key, value in figures.items():
        print(f"| {key} | {value} |")
    print(f"\nms, computed: full result / first {PAGE} rows (`--limit {PAGE}`; ORDER BY still evaluates every row);")
    print(f"saved (on disk, kg/answers.py): first run, which computes and saves / full result read back / first {PAGE} rows read back")
    saved = [k for k in latency if any(v[3] == v[3] for v in latency[k].values())]
    print("\n| stored query | " + " | ".join([f"{k} ms" for k in latency] + [f"{k}, saved ms" for k in saved]) + " | rows |")
    print("|---|" + "---|" * (len(latency) + len(saved) + 1))
    for case, _, _ in cases:
        cells = [_cell(latency[k].get(case)) for k in latency] + [_saved_cell(latency[k].get(case)) for k in saved]
        # rows per graph size, from whichever store answered (-1: none did in time)
        rows = "/".join(str(max((latency[k][case][1] for k in latency if k.startswith(f"{size} ") and case in latency[k]), default=-1)) for size, _ in sizes)
        print(f"| {case} | " + " | ".join(cells) + f" | {rows} |")
    print(f"\ncommand: python bench/scale/run.py {' '.join(sys.argv[1:])}")


def _saved_cell(result: tuple | None) -> str:
    if result is None or result[3] != result[3]:
        return "-"
    return " / ".join(f"{value:.0f}" for value in result[3:6])


def _cell(result: tuple | None) -> str:
    if result is None:
        return "-"
    if result[0] == float("inf"):
        return "timeout"
    return f"{result[0]:.0f} / " + ("n/m" if result[2] != result[2] else f"{result[2]:.0f}")


if __name__ == "__main__":
    main()
