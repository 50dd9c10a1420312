"""`kg report`: one self-contained HTML page a journalist can read instead of Turtle.

Per story (articles connected by the statements or the people/companies they share):
who said what (each source's wording diffed word by word against the fullest wording),
a timeline (statements, legal actions, publications, updates; disagreeing sources flagged),
the legal actions, and pictures of the entity and attribution networks (inline SVG).
No script, no external file: the page opens offline. Every graph value goes through html.escape.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone
from html import escape
from importlib import resources
from pathlib import Path

import networkx as nx

from . import facts
from .drawing import attribution_svg, colour, entity_network_svg, format_money
from .stories import Event, Facts, Story, names_of, pretty_date, source_name, stories, timeline
from .views import NETWORK_KINDS, attribution_view, entities_view, sources_view
from .wording import diff_html, same_words

# --------------------------------------------------------------------------- HTML


def render(graph, source_label: str = "") -> str:
    found = Facts.read(graph)
    attribution, network, copies = attribution_view(graph), entities_view(graph), sources_view(graph)
    found_stories = stories(found)
    speakers = {s.speaker for s in found.statements.values() if s.speaker}
    background = sum(a.background for a in found.legal.values())
    summary = " · ".join([
        plural(len(found.articles), "article"), plural(len(found.statements), "statement"), plural(len(speakers), "speaker"),
        plural(sum(len(s.reports) for s in found.statements.values()), "report"),
        plural(len(found.legal) - background, "legal action") + (f" (+{background} mentioned for background)" if background else ""),
    ])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>newskg report</title>",
        f"<style>{_css()}</style></head><body>",
        '<header><h1>Who said what, according to whom</h1>',
        f'<p class="summary">{escape(summary)}</p>',
        f'<p class="meta">Built by newskg from {escape(source_label or "a knowledge graph")} · '
        f'{escape(datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))}</p>',
    ]
    if len(found_stories) > 1:
        parts.append('<nav><ol>' + "".join(f'<li><a href="#story-{i}">{escape(s.title())}</a></li>' for i, s in enumerate(found_stories, 1)) + "</ol></nav>")
    parts.append("</header><main>")
    if not found.articles:
        parts.append('<section class="story"><p class="empty">This graph holds no articles yet: build one with <code>kg build</code>.</p></section>')
    for number, story in enumerate(found_stories, 1):
        parts.append(_story_html(number, story, found, attribution, network))
    parts.append(_sources_html(found, copies))
    parts.append('</main><footer>Every quote links back to its article and character offsets in the graph (oa:TextPositionSelector). '
                 '<ins>inserted</ins> = words a source has that the fullest wording does not; <del>deleted</del> = words it leaves out.</footer>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _story_html(number: int, story: Story, found: Facts, attribution: nx.MultiDiGraph, network: nx.MultiDiGraph) -> str:
    dates = sorted(found.articles[a].published[:10] for a in story.articles if a in found.articles and found.articles[a].published)
    period = f"{dates[0]} – {dates[-1]}" if dates else "undated"
    pictured = _pictured_statements(story)
    attribution_part = attribution.subgraph(
        {n for s in pictured if s in attribution for n in (s, *attribution.predecessors(s), *attribution.successors(s))}
    )
    entity_nodes = {e.iri for e in story.entities if set(e.kinds) & NETWORK_KINDS and e.iri in network}
    entity_nodes |= {p for a in story.legal for p in a.plaintiffs + a.defendants if p in network}
    all_entities = len(entity_nodes)
    entity_nodes = _busiest(network.subgraph(entity_nodes), MAX_PICTURED_ENTITIES)
    shown = f" Showing the {len(entity_nodes)} most connected of {all_entities}." if len(entity_nodes) < all_entities else ""
    shown_statements = (f" Showing {len(pictured)} of {len(story.statements)} statements: the most quoted speakers' most reported."
                        if len(pictured) < len(story.statements) else "")
    return "\n".join([
        f'<section class="story" id="story-{number}">',
        f"<h2>Story {number}: {escape(story.title())}</h2>",
        f'<p class="meta">{plural(len(story.articles), "article")} · {plural(len(story.statements), "statement")} · '
        f'{plural(sum(not a.background for a in story.legal), "legal action")} · {escape(period)}</p>',
        _headlines(story, found),
        '<div class="glance"><div><figure class="picture"><figcaption>People and organizations: grey = named in the same articles '
        '(thicker = more articles; in a crowded picture only each one\'s strongest links), <span class="legal">red arrow = legal action</span>, '
        f'<span class="relation">dashed = relation an article states</span>. Hover for sources.{escape(shown)}</figcaption>',
        entity_network_svg(network.subgraph(entity_nodes)),
        _legend({network.nodes[n]["kind"] for n in entity_nodes}),
        "</figure>",
        "<h3>Most quoted</h3>",
        _most_quoted_html(story, found),
        "</div><div>",
        "<h3>Legal actions</h3>",
        _legal_html(story.legal, found),
        "</div></div>",
        "<h3>Who said what</h3>",
        _who_said_what_html(story, found),
        "<h3>Timeline</h3>",
        _timeline_html(timeline(found, story), found),
        "<h3>Who said what, reported where</h3>",
        '<figure class="picture"><figcaption>Speaker → statement → article. Grey italic statements have no resolved speaker. '
        f"Hover a line for that source's wording.{escape(shown_statements)}</figcaption>",
        attribution_svg(attribution_part),
        "</figure>",
        "</section>",
    ])


MAX_PICTURED_ENTITIES = 30  # beyond this a network picture is a hairball; the tables still list everyone
MAX_PICTURED_STATEMENTS = 60


def _busiest(view: nx.MultiDiGraph, limit: int) -> set:
    strength = Counter()
    for a, b, data in view.edges(data=True):
        weight = float(data.get("weight", 1) or 1)
        strength[a] += weight
        strength[b] += weight
    return set(sorted(view.nodes, key=lambda n: (-strength[n], str(n)))[:limit])


def _pictured_statements(story: Story) -> list[str]:
    """Up to MAX_PICTURED_STATEMENTS: speakers by how often they are quoted, each speaker's statements by reports."""
    if len(story.statements) <= MAX_PICTURED_STATEMENTS:
        return [s.iri for s in story.statements]
    quoted = Counter()
    for statement in story.statements:
        quoted[statement.speaker] += len(statement.reports)
    ranked = sorted(story.statements, key=lambda s: (s.speaker == "", -quoted[s.speaker], s.speaker, -len(s.reports), s.iri))
    return [s.iri for s in ranked[:MAX_PICTURED_STATEMENTS]]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _headlines(story: Story, found: Facts) -> str:
    titles = [found.articles[a].title for a in story.articles if a in found.articles and found.articles[a].title]
    if not titles:
        return ""
    more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
    return '<p class="headlines">' + " · ".join(f"“{escape(t)}”" for t in titles[:3]) + escape(more) + "</p>"


def _most_quoted_html(story: Story, found: Facts) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # speaker -> [statements, reports]
    for statement in story.statements:
        speaker = statement.speaker or ""
        counts[speaker][0] += 1
        counts[speaker][1] += len(statement.reports)
    if not counts:
        return '<p class="empty">No quoted statements.</p>'
    rows = sorted(counts.items(), key=lambda item: (item[0] == "", -item[1][1], -item[1][0], found.name(item[0]) if item[0] else ""))
    out = ['<table class="quoted"><thead><tr><th>speaker</th><th>times quoted</th><th>statements</th></tr></thead><tbody>']
    for speaker, (said, reports) in rows[:8]:
        kind = found.entities[speaker].kind if speaker in found.entities else "entity"
        name = (f'<i class="dot" style="background:{colour(kind)}"></i>{escape(found.name(speaker))}' if speaker
                else '<span class="unresolved">speaker not resolved</span>')
        out.append(f"<tr><td>{name}</td><td>{reports}</td><td>{said}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _legend(kinds: set[str]) -> str:
    """Only the kinds the picture shows."""
    kinds = sorted(kinds, key=lambda k: facts.KIND_ORDER.index(k) if k in facts.KIND_ORDER else len(facts.KIND_ORDER))
    return '<p class="legend">' + "".join(
        f'<span><i style="background:{colour(k)}"></i>{escape(k.replace("_", " "))}</span>' for k in kinds
    ) + "</p>"


def _who_said_what_html(story: Story, found: Facts) -> str:
    by_speaker: dict[str, list[facts.StatementFact]] = defaultdict(list)
    for statement in story.statements:
        by_speaker[statement.speaker].append(statement)
    if not by_speaker:
        return '<p class="empty">No quoted statements in this story.</p>'
    # the most quoted first, as in the "Most quoted" table
    order = sorted(by_speaker, key=lambda s: (s == "", -sum(len(x.reports) for x in by_speaker[s]), -len(by_speaker[s]), found.name(s) if s else ""))
    out = []
    for speaker in order:
        items = sorted(by_speaker[speaker], key=lambda s: (_first_date(s) or "9999", min((r.article, r.start) for r in s.reports) if s.reports else ("", 0)))
        if speaker:
            entity = found.entities.get(speaker)
            kind = entity.kind if entity else "entity"
            aka = f' <span class="aka">also: {escape(", ".join(entity.aliases))}</span>' if entity and entity.aliases else ""
            head = f'<h4><i class="dot" style="background:{colour(kind)}"></i>{escape(found.name(speaker))} <span class="kind">{escape(kind.replace("_", " "))}</span>{aka}'
        else:
            head = '<h4 class="unresolved">Speaker not resolved'
        reports = sum(len(s.reports) for s in items)
        out.append(f'<div class="speaker">{head} <span class="count">{plural(len(items), "statement")}, quoted {plural(reports, "time")}</span></h4>')
        for statement in items:
            out.append(_statement_html(statement, found))
        out.append("</div>")
    return "\n".join(out)


def _first_date(statement: facts.StatementFact) -> str:
    return min([r.date for r in statement.reports if r.date] + ([statement.date] if statement.date else []), default="")


def _statement_html(statement: facts.StatementFact, found: Facts) -> str:
    dates = sorted({r.date for r in statement.reports if r.date} | ({statement.date} if statement.date and not any(r.date for r in statement.reports) else set()))
    if len(dates) > 1:
        when = '<span class="disagree">sources disagree on the date: ' + escape(", ".join(pretty_date(d) for d in dates)) + "</span>"
    elif dates:
        when = f"said {escape(pretty_date(dates[0]))}"
    else:
        when = '<span class="undated">date not given</span>'
    articles = {r.article for r in statement.reports}
    variants = len({" ".join(r.wording.split()) for r in statement.reports})
    wording_note = f' · <span class="variants">{variants} wordings</span>' if variants > 1 else ""
    out = [
        f'<div class="statement" id="{escape(facts.short_id(statement.iri), quote=True)}">',
        f"<blockquote>{escape(statement.text)}</blockquote>",
        f'<p class="when">{when} · reported by {len(articles)} source{"s" if len(articles) != 1 else ""}{wording_note}</p>',
        '<ul class="reports">',
    ]
    for report in statement.reports:
        article = found.articles.get(report.article)
        name = article.label if article else facts.short_id(report.article)
        link = f'<a href="{escape(article.url, quote=True)}">{escape(name)}</a>' if article and article.url else escape(name)
        published = f" ({pretty_date(article.published)[:10]})" if article and article.published else ""
        how = " · ".join(filter(None, [report.speaker_mention and f"“{report.speaker_mention}”", report.cue, report.channel and f"via {report.channel}",
                                      report.date and f"said {pretty_date(report.date)}"]))
        if same_words(statement.text, report.wording):
            wording = '<span class="same">same wording</span>'
        else:
            wording = f'<span class="wording">{diff_html(statement.text, report.wording)}</span>'
        where = f"{report.article.rsplit('/', 1)[-1]}, characters {report.start}–{report.end}"
        out.append(
            f'<li title="{escape(where, quote=True)}"><span class="src">{link}{escape(published)}</span> '
            f'<span class="how">{escape(how)}</span> {wording}</li>'
        )
    out.append("</ul></div>")
    return "\n".join(out)


def _timeline_html(events: list[Event], found: Facts) -> str:
    if not events:
        return '<p class="empty">No dated events.</p>'
    out = ['<table class="timeline"><thead><tr><th>date</th><th>event</th><th>what</th><th>who</th><th>source</th></tr></thead><tbody>']
    for event in events:
        what = event.what if len(event.what) <= 220 else event.what[:219] + "…"
        flag = f'<div class="disagree">{escape(event.disagreement)}</div>' if event.disagreement else ""
        cls = "ev-" + event.event.replace(" ", "-")
        out.append(
            f'<tr class="{cls}"><td class="date">{escape(pretty_date(event.date))}</td><td><span class="badge {cls}">{escape(event.event)}</span></td>'
            f"<td>{escape(what)}{flag}</td><td>{escape(event.who)}</td><td>{escape(', '.join(source_name(found, s) for s in event.sources))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _legal_html(actions: list[facts.LegalFact], found: Facts) -> str:
    current = [a for a in actions if not a.background]
    background = [a for a in actions if a.background]
    out = [_legal_card(a, found) for a in current] or ['<p class="empty">None reported.</p>']
    if background:  # earlier cases an article mentions for context: folded away
        out.append(f'<details class="background"><summary>{len(background)} earlier case{"s" if len(background) != 1 else ""} mentioned for background</summary>')
        out.extend(_legal_card(a, found) for a in background)
        out.append("</details>")
    return "\n".join(out)


def _legal_card(action: facts.LegalFact, found: Facts) -> str:
    amount = ""
    if action.amount:
        amount = f'<span class="amount">{escape(format_money(action.amount, action.currency))}</span>'
        if action.amount_label:
            amount += f' <small>(“{escape(action.amount_label)}”)</small>'
    facts_row = " · ".join(filter(None, [action.status, action.court, action.date and f"from {pretty_date(action.date)}"]))
    parties = "" if not (action.plaintiffs or action.defendants) else (
        f'<p class="parties"><span class="role">plaintiff</span> {escape(names_of(found, action.plaintiffs) or "not named")} '
        f'<span class="arrow">→</span> <span class="role">defendant</span> {escape(names_of(found, action.defendants) or "not named")}</p>'
    )
    out = [f'<div class="legal-action"><h4>{escape(action.kind)} {amount}</h4>{parties}'
           f'<p class="meta">{escape(facts_row)}</p><ul class="evidence">']
    for article, sentence in action.sentences:
        out.append(f"<li><b>{escape(source_name(found, article))}</b>: {escape(sentence)}</li>")
    if not action.sentences:
        out.append("<li>" + escape(", ".join(source_name(found, a) for a in action.sources) or "no source") + "</li>")
    out.append("</ul></div>")
    return "\n".join(out)


def _sources_html(found: Facts, copies: nx.MultiDiGraph) -> str:
    has_outlet = any(a.outlet for a in found.articles.values())  # no empty column when no source names its outlet
    out = ['<section class="sources"><h2>Sources</h2>',
           '<p class="meta">Articles that report the same statements, earlier → later; “differ” counts the shared statements they word differently.</p>',
           '<table class="articles"><thead><tr><th>article</th>' + ("<th>outlet</th>" if has_outlet else "")
           + "<th>published</th><th>updates</th><th>statements</th><th>shares statements with</th></tr></thead><tbody>"]
    for iri, article in sorted(found.articles.items(), key=lambda item: (item[1].published or "9999", item[1].id)):
        shares = []
        for _, later, data in copies.out_edges(iri, data=True):
            shares.append(f"→ {source_name(found, later)} ({data['weight']} shared, {data['wording_differences']} differ)")
        for earlier, _, data in copies.in_edges(iri, data=True):
            shares.append(f"← {source_name(found, earlier)} ({data['weight']} shared, {data['wording_differences']} differ)")
        title = escape(article.title) + "<br>" if article.title else ""
        link = f'<a href="{escape(article.url, quote=True)}">{escape(article.id)}</a>' if article.url else escape(article.id)
        updates = "<br>".join(escape(pretty_date(w)) for w, _ in article.updates)
        statements = copies.nodes[iri].get("statements", 0) if iri in copies else 0
        outlet = f"<td>{escape(article.outlet)}</td>" if has_outlet else ""
        out.append(f"<tr><td>{title}<small>{link}</small></td>{outlet}<td>{escape(pretty_date(article.published))}</td>"
                   f"<td>{updates}</td><td>{statements}</td><td>{escape('; '.join(shares))}</td></tr>")
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _css() -> str:
    return resources.files("kg").joinpath("templates/report.css").read_text(encoding="utf-8")


def write_report(graph, out_dir: str | Path, source_label: str = "") -> Path:
    """Write OUT_DIR/report.html and return its path."""
    from .graph import write_atomic

    path = Path(out_dir) / "report.html"
    write_atomic(path, render(graph, source_label).encode("utf-8"))
    return path
