"""Stories and timelines: how the report groups a graph's facts for a reader.

A story is a community of articles linked by the statements, legal actions and names they
share (see `stories`); its timeline lists dated
statements, legal actions, publications and updates, flagging sources that disagree on a date.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from . import facts
from .drawing import format_money

# Entities that tie articles into one story; platforms and outlets appear in every story.
STORY_KINDS = {"person", "organization", "company", "brand", "government"}


@dataclass
class Story:
    articles: list[str]  # article IRIs, by publication
    statements: list[facts.StatementFact] = field(default_factory=list)
    legal: list[facts.LegalFact] = field(default_factory=list)
    entities: list[facts.EntityFact] = field(default_factory=list)

    def title(self) -> str:
        names = [e.name for e in self.entities if e.kind in STORY_KINDS][:4]
        return " · ".join(names) or "Untitled story"


@dataclass
class Facts:
    """Everything the report shows, read once from the graph."""

    entities: dict[str, facts.EntityFact]
    articles: dict[str, facts.ArticleFact]
    statements: dict[str, facts.StatementFact]
    legal: dict[str, facts.LegalFact]

    @classmethod
    def read(cls, graph) -> "Facts":
        return cls(facts.entities(graph), facts.articles(graph), facts.statements(graph), facts.legal_actions(graph))

    def name(self, iri: str) -> str:
        return self.entities[iri].name if iri in self.entities else facts.short_id(iri)


# --------------------------------------------------------------------------- stories


def article_links(found: Facts) -> nx.Graph:
    """Articles, weighted by what they share: a statement or legal action counts 3; a person,
    company, brand or organization counts less the more articles name it (a name in every
    article says nothing about which story an article belongs to)."""
    links = nx.Graph()
    links.add_nodes_from(found.articles)

    def tie(articles, weight: float) -> None:
        for a, b in combinations(sorted(set(articles)), 2):
            links.add_edge(a, b, weight=links.get_edge_data(a, b, {"weight": 0.0})["weight"] + weight)

    for statement in found.statements.values():
        tie((r.article for r in statement.reports), 3.0)
    for action in found.legal.values():
        tie(action.sources, 3.0)
    total = max(1, len(found.articles))
    for entity in found.entities.values():
        if entity.kind in STORY_KINDS and len(entity.articles) > 1:
            tie(entity.articles, math.log(1 + total / len(entity.articles)))
    return links


def stories(found: Facts) -> list[Story]:
    """Groups of articles about one story: communities (Louvain, fixed seed) of the article links,
    so one recurring name does not glue unrelated stories together. A statement or legal action
    goes to the story holding most of its reports."""
    links = article_links(found)
    groups = nx.community.louvain_communities(links, weight="weight", seed=7) if links.number_of_nodes() else []
    story_of = {article: index for index, group in enumerate(groups) for article in group}
    order = lambda a: (found.articles[a].published or "9999", a) if a in found.articles else ("9999", a)  # noqa: E731
    result = [Story(sorted(group, key=order)) for group in groups]

    def home(articles: list[str]) -> int | None:
        votes = Counter(story_of[a] for a in articles if a in story_of)
        return min(votes, key=lambda i: (-votes[i], min(order(a) for a in result[i].articles))) if votes else None

    for statement in found.statements.values():
        index = home([r.article for r in statement.reports])
        if index is not None:
            result[index].statements.append(statement)
    for action in found.legal.values():
        index = home(action.sources)
        result[0 if index is None else index].legal.append(action)  # one no article reports: the first story
    for story in result:
        group = set(story.articles)
        story.legal.sort(key=lambda a: (a.background, a.amount is None, a.date or "9999", a.iri))
        # most typical of this story first: named in many of its articles, and rarely elsewhere
        story.entities = sorted((e for e in found.entities.values() if e.articles & group),
                                key=lambda e: (-len(e.articles & group) ** 2 / len(e.articles), -e.mentions, e.name))
    result.sort(key=lambda s: (-len(s.statements) - len(s.legal), -len(s.articles), s.articles[0] if s.articles else ""))
    return [s for s in result if s.statements or s.legal or len(s.articles) > 1] or result[:1]


# --------------------------------------------------------------------------- timeline


@dataclass
class Event:
    date: str
    event: str  # statement, legal action, published, updated
    what: str
    who: str
    sources: list[str]  # article IRIs
    disagreement: str = ""


def timeline(found: Facts, story: Story) -> list[Event]:
    events: list[Event] = []
    for statement in story.statements:
        by_date: dict[str, list[str]] = defaultdict(list)
        for report in statement.reports:
            if report.date:
                by_date[report.date].append(report.article)
        if not by_date and statement.date:
            by_date[statement.date] = sorted({r.article for r in statement.reports})
        who = found.name(statement.speaker) if statement.speaker else "(speaker unresolved)"
        for date, sources in by_date.items():
            others = "; ".join(f"{d} ({', '.join(source_name(found, a) for a in s)})" for d, s in sorted(by_date.items()) if d != date)
            events.append(Event(date, "statement", statement.text, who, sorted(set(sources)), f"other sources say {others}" if others else ""))
    for action in story.legal:
        if action.background:  # an earlier case mentioned for context, not an event of this story
            continue
        parties = f"{names_of(found, action.plaintiffs) or '?'} v. {names_of(found, action.defendants) or '?'}"
        what = " ".join(filter(None, [action.kind, format_money(action.amount, action.currency) if action.amount else "", action.status]))
        dates: dict[str, list[str]] = defaultdict(list)
        for article, date in action.reported_dates:
            dates[date].append(article)
        if not dates and action.date:
            dates[action.date] = list(action.sources)
        for date, sources in dates.items():
            others = "; ".join(f"{d} ({', '.join(source_name(found, a) for a in s)})" for d, s in sorted(dates.items()) if d != date)
            events.append(Event(date, "legal action", what, parties, sorted(set(sources)), f"other sources say {others}" if others else ""))
    for iri in story.articles:
        article = found.articles.get(iri)
        if article is None:
            continue
        if article.published:
            events.append(Event(article.published, "published", article.label, article.outlet, [iri]))
        for when, label in article.updates:
            events.append(Event(when, "updated", label or "update", article.outlet, [iri]))
    return sorted(events, key=lambda e: (e.date[:10], e.date, e.event, e.what))


def names_of(found: Facts, iris: list[str]) -> str:
    return ", ".join(found.name(i) for i in iris)


def source_name(found: Facts, iri: str) -> str:
    article = found.articles.get(iri)
    return article.id if article else facts.short_id(iri)


def pretty_date(value: str) -> str:
    """2022-11-27T16:53:00-08:00 -> 2022-11-27 16:53 -08:00 (the graph's own value, just easier to read)."""
    match = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$", value)
    if not match:
        return value
    return " ".join(filter(None, match.groups()))
