"""NetworkX views of the RDF graph (one source of truth: every fact comes from `kg.facts`, i.e. SPARQL).

Every node has `label` and `kind`; every attribute is a scalar (str, int, float) so GraphML
readers (Gephi, Cytoscape) and CSV take them as they are. All views are MultiDiGraphs so
one exporter handles them all; edge keys say what an edge is.

- attribution: speaker -SAID-> statement -REPORTED_IN-> article (one edge per report)
- entities:    entities linked by co-mention, stated relations and legal actions
- sources:     articles linked by the statements they share (earlier -> later publication)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from . import facts
from .errors import NewsKGError

# Places and "other" co-occur with everything and say little about who deals with whom.
NETWORK_KINDS = {"person", "organization", "company", "brand", "news_outlet", "platform", "court", "government"}


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article_attrs(article: facts.ArticleFact) -> dict:
    return dict(label=article.label, kind="article", source=article.id, title=article.title,
                published=article.published, outlet=article.outlet, url=article.url)


def _entity_attrs(entity: facts.EntityFact) -> dict:
    return dict(label=entity.name, kind=entity.kind, kinds=" ".join(entity.kinds), aliases="; ".join(entity.aliases),
                mentions=entity.mentions, articles=len(entity.articles))


# --------------------------------------------------------------------------- views


def attribution_view(graph) -> nx.MultiDiGraph:
    """speaker -SAID-> statement -REPORTED_IN-> article, with each report's span, cue, date and wording on its edge."""
    view = nx.MultiDiGraph(name="attribution")
    known, sources = facts.entities(graph), facts.articles(graph)
    for statement in facts.statements(graph).values():
        view.add_node(statement.iri, label=_short(statement.text), kind="statement", text=statement.text,
                      date=statement.date, reports=len(statement.reports))
        if statement.speaker:
            speaker = known.get(statement.speaker)
            attrs = _entity_attrs(speaker) if speaker else dict(label=facts.short_id(statement.speaker), kind="entity")
            view.add_node(statement.speaker, **attrs)
            view.add_edge(statement.speaker, statement.iri, key="SAID", type="SAID", date=statement.date)
        for report in statement.reports:
            article = sources.get(report.article)
            view.add_node(report.article, **(_article_attrs(article) if article else dict(label=facts.short_id(report.article), kind="article")))
            view.add_edge(
                statement.iri, report.article, key=report.iri, type="REPORTED_IN", report=report.iri,
                start=report.start, end=report.end, cue=report.cue, date=report.date, channel=report.channel,
                exact=report.exact, wording=report.wording, wording_diff=report.wording_diff,
                speaker_mention=report.speaker_mention,
            )
    return view


def entities_view(graph) -> nx.MultiDiGraph:
    """People and organizations; CO_MENTIONED (weight = articles naming both), STATED relations, LEGAL_ACTION plaintiff -> defendant."""
    view = nx.MultiDiGraph(name="entities")
    known, sources = facts.entities(graph), facts.articles(graph)

    def add(iri: str) -> None:
        if iri not in view:
            view.add_node(iri, **(_entity_attrs(known[iri]) if iri in known else dict(label=facts.short_id(iri), kind="entity")))

    networked = sorted(i for i, e in known.items() if set(e.kinds) & NETWORK_KINDS and e.articles)
    for iri in networked:
        add(iri)
    named_in: dict[str, list[str]] = defaultdict(list)  # article -> its entities: pairs per article, not all pairs
    for iri in networked:
        for article in known[iri].articles:
            named_in[article].append(iri)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, names in named_in.items():
        for a, b in combinations(sorted(names), 2):  # sorted, so a < b: one edge per pair
            shared[(a, b)].add(article)
    for (a, b), articles in sorted(shared.items()):
        view.add_edge(a, b, key="CO_MENTIONED", type="CO_MENTIONED", weight=len(articles),
                      sources="; ".join(sorted(sources[s].id if s in sources else s for s in articles)))
    for relation in facts.relations(graph):
        add(relation.subject)
        add(relation.object)
        view.add_edge(relation.subject, relation.object, key=f"STATED:{relation.predicate}", type="STATED",
                      relation=relation.predicate, weight=max(1, len(relation.sources)),
                      sources="; ".join(sources[s].id if s in sources else s for s in relation.sources))
    for action in facts.legal_actions(graph).values():
        for party in action.plaintiffs + action.defendants:
            add(party)
        money = {"amount": action.amount, "currency": action.currency} if action.amount is not None else {}  # absent, not 0
        for plaintiff in action.plaintiffs:
            for defendant in action.defendants:
                view.add_edge(
                    plaintiff, defendant, key=f"LEGAL:{facts.short_id(action.iri)}", type="LEGAL_ACTION",
                    action=action.iri, legal_kind=action.kind, **money, date=action.date, status=action.status, court=action.court,
                    weight=len(action.sources), sources="; ".join(sources[s].id if s in sources else s for s in action.sources),
                )
    return view


def sources_view(graph) -> nx.MultiDiGraph:
    """Articles linked by shared statements: edge earlier -> later article, weight = statements shared,
    wording_differences = how many of them the two articles word differently."""
    view = nx.MultiDiGraph(name="sources")
    sources = facts.articles(graph)
    for article in sources.values():
        view.add_node(article.iri, **_article_attrs(article), statements=0)
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for statement in facts.statements(graph).values():
        wordings: dict[str, set[tuple]] = defaultdict(set)
        for report in statement.reports:  # typography (curly quotes, dashes, case) is not a wording difference
            wordings[report.article].add(facts.wording_key(report.wording))
        for article in wordings:
            if article in view:
                view.nodes[article]["statements"] += 1
        for a, b in combinations(sorted(wordings, key=lambda i: _published_order(sources, i)), 2):
            pairs[(a, b)]["shared"] += 1
            pairs[(a, b)]["differing"] += wordings[a] != wordings[b]
    for (a, b), count in sorted(pairs.items()):
        for node in (a, b):
            if node not in view:
                view.add_node(node, label=facts.short_id(node), kind="article", statements=0)
        view.add_edge(a, b, key="SHARES_STATEMENTS", type="SHARES_STATEMENTS", weight=count["shared"],
                      wording_differences=count["differing"], identical_wordings=count["shared"] - count["differing"])
    return view


def _published_order(sources: dict[str, facts.ArticleFact], iri: str) -> tuple:
    article = sources.get(iri)
    published = article.published if article else ""
    return (published[:10] or "9999", published, iri)  # undated articles last


VIEWS = {"attribution": attribution_view, "entities": entities_view, "sources": sources_view}


def build_view(graph, name: str) -> nx.MultiDiGraph:
    if name not in VIEWS:
        raise NewsKGError(f"unknown view {name!r}; views: {', '.join(VIEWS)}")
    return VIEWS[name](graph)


# --------------------------------------------------------------------------- analyses


@dataclass
class Ranked:
    node: str
    label: str
    kind: str
    score: float
    detail: str = ""


def most_quoted(view: nx.MultiDiGraph, top: int = 10) -> list[Ranked]:
    """Speakers of an attribution view by how often the sources quote them (reports), then by distinct statements."""
    ranked = []
    for node, data in view.nodes(data=True):
        said = [s for _, s, k in view.out_edges(node, keys=True) if k == "SAID"]
        if not said:
            continue
        reports = [e for s in said for e in view.out_edges(s, keys=True) if e[2] != "SAID"]
        articles = {target for _, target, _ in reports}
        item = Ranked(node, data["label"], data["kind"], len(reports), f"{len(reports)} reports of {len(said)} statements in {len(articles)} articles")
        ranked.append(((-len(reports), -len(said), data["label"]), item))
    return [item for _, item in sorted(ranked, key=lambda pair: pair[0])][:top]


def weighted_graph(view: nx.MultiDiGraph) -> nx.Graph:
    """The view as a simple undirected graph, parallel edges' weights summed (for centrality)."""
    simple = nx.Graph()
    simple.add_nodes_from(view.nodes(data=True))
    for a, b, data in view.edges(data=True):
        if a == b:
            continue
        weight = float(data.get("weight", 1) or 1)
        if simple.has_edge(a, b):
            simple[a][b]["weight"] += weight
        else:
            simple.add_edge(a, b, weight=weight)
    return simple


def pagerank(simple: nx.Graph) -> dict[str, float]:
    try:
        return nx.pagerank(simple, weight="weight")
    except (ImportError, ModuleNotFoundError):  # networkx's default needs SciPy; fall back to its pure-Python one
        from networkx.algorithms.link_analysis import pagerank_alg

        fallback = getattr(pagerank_alg, "_pagerank_python", None)
        if fallback is None:
            return {n: d / max(1, 2 * simple.size()) for n, d in simple.degree()}
        return fallback(simple, weight="weight")


def central_entities(view: nx.MultiDiGraph, top: int = 10, measure: str = "pagerank") -> list[Ranked]:
    """Nodes by weighted PageRank or weighted degree."""
    simple = weighted_graph(view)
    if measure == "pagerank":
        scores = pagerank(simple) if simple.number_of_nodes() else {}
    elif measure == "degree":
        scores = dict(simple.degree(weight="weight"))
    else:
        raise NewsKGError(f"unknown centrality {measure!r}; use pagerank or degree")
    ranked = [
        Ranked(n, simple.nodes[n].get("label", n), simple.nodes[n].get("kind", ""), float(s), f"{simple.degree(n)} neighbours")
        for n, s in scores.items()
    ]
    ranked.sort(key=lambda r: (-r.score, r.label))
    return ranked[:top]


def components(view: nx.MultiDiGraph) -> list[list[str]]:
    """Connected groups of nodes (direction ignored), largest first; each group's nodes sorted by degree."""
    groups = [sorted(c, key=lambda n: (-view.degree(n), str(view.nodes[n].get("label", n)))) for c in nx.weakly_connected_components(view)]
    groups.sort(key=lambda g: (-len(g), str(view.nodes[g[0]].get("label", g[0]))))
    return groups
