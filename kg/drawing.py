"""Static inline SVG pictures of the NetworkX views, for the HTML report (no JavaScript, no network).

- entity_network_svg: a spring layout of the entities view; edge width = co-mentions,
  dashed blue = stated relation, red arrow = legal action (plaintiff -> defendant).
- attribution_svg: three columns, speakers -> statements -> articles, ordered so lines cross little.
Every piece of text is escaped; every node carries a <title> tooltip with its full label.
"""

from __future__ import annotations

import math
from html import escape

import networkx as nx

KIND_COLOURS = {
    "person": "#2b6cb0", "company": "#b7791f", "brand": "#c53030", "organization": "#6b46c1",
    "government": "#2f855a", "court": "#4a5568", "news_outlet": "#319795", "platform": "#718096",
    "place": "#975a16", "statement": "#a0aec0", "article": "#2c7a7b", "entity": "#718096",
}
LEGAL_COLOUR, RELATION_COLOUR, COMENTION_COLOUR = "#c53030", "#2b6cb0", "#a0aec0"


def colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, "#718096")


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _fit(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{_attr(title)}" class="network">'
        '<defs><marker id="arrow-legal" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LEGAL_COLOUR}"/></marker></defs>'
        + "".join(body) + "</svg>"
    )


def _empty(width: int, message: str) -> str:
    return _svg(width, 60, [f'<text x="{width / 2}" y="35" text-anchor="middle" class="empty">{escape(message)}</text>'], message)


# --------------------------------------------------------------------------- entity network


def entity_network_svg(view: nx.MultiDiGraph, width: int = 760, height: int = 560) -> str:
    if view.number_of_nodes() == 0:
        return _empty(width, "no people or organizations found")
    view = strongest_co_mentions(view)
    simple = nx.Graph()
    simple.add_nodes_from(view.nodes)
    for a, b, data in view.edges(data=True):
        if a != b:
            weight = float(data.get("weight", 1) or 1) * (3 if data.get("type") != "CO_MENTIONED" else 1)
            simple.add_edge(a, b, weight=simple[a][b]["weight"] + weight if simple.has_edge(a, b) else weight)
    pos = _layout(simple)
    margin_x, margin_y = 110, 40
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    # keep the layout's proportions: a flat layout (two nodes) gets a short picture, not empty space
    flat = (max(ys) - min(ys)) / span_x if max(xs) > min(xs) else 1.0
    height = int(min(height, max(150, 2 * margin_y + flat * (width - 2 * margin_x))))

    def place(node) -> tuple[float, float]:
        x, y = pos[node]
        return (margin_x + (x - min(xs)) / span_x * (width - 2 * margin_x) if len(pos) > 1 else width / 2,
                margin_y + (y - min(ys)) / span_y * (height - 2 * margin_y) if len(pos) > 1 else height / 2)

    strength = dict(simple.degree(weight="weight"))
    radius = {n: 5 + 2.2 * math.sqrt(strength.get(n, 0)) for n in view}
    body = []
    for a, b, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: (e[3].get("type") != "CO_MENTIONED", str(e[2]))):
        (x1, y1), (x2, y2) = place(a), place(b)
        kind = data.get("type")
        tip = _edge_tip(view, a, b, data)
        if kind == "CO_MENTIONED":
            w = 0.8 + 1.2 * math.log2(1 + float(data.get("weight", 1)))
            body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{COMENTION_COLOUR}" stroke-width="{w:.1f}" stroke-opacity="0.6"><title>{escape(tip)}</title></line>')
            continue
        # shorten to the target's rim so the arrow head shows
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ex, ey = x2 - (x2 - x1) * (radius[b] + 2) / length, y2 - (y2 - y1) * (radius[b] + 2) / length
        bend = 0.12 if kind == "LEGAL_ACTION" else -0.12  # curve apart from the co-mention line and from each other
        if str(a) > str(b):
            bend = -bend  # the same side whichever way the edge points
        cx, cy = (x1 + ex) / 2 - (ey - y1) * bend, (y1 + ey) / 2 + (ex - x1) * bend
        if kind == "LEGAL_ACTION":
            style = f'stroke="{LEGAL_COLOUR}" stroke-width="2.4" marker-end="url(#arrow-legal)"'
            text = _fit(" ".join(filter(None, [data.get("legal_kind", ""), _money(data)])), 40)
            tone = LEGAL_COLOUR
        else:
            style = f'stroke="{RELATION_COLOUR}" stroke-width="1.8" stroke-dasharray="6 4"'
            text, tone = _fit(data.get("relation", ""), 30), RELATION_COLOUR
        body.append(f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" {style}><title>{escape(tip)}</title></path>')
        mx, my = (x1 + 2 * cx + ex) / 4, (y1 + 2 * cy + ey) / 4
        body.append(f'<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" class="edge-label" fill="{tone}">{escape(text)}</text>')
    for node, data in sorted(view.nodes(data=True), key=lambda item: str(item[0])):
        x, y = place(node)
        label = str(data.get("label", node))
        tip = f"{label} ({data.get('kind', '')}) — {data.get('mentions', 0)} mentions in {data.get('articles', 0)} articles"
        body.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[node]:.1f}" fill="{colour(data.get("kind", ""))}"><title>{escape(tip)}</title></circle>'
            f'<text x="{x:.1f}" y="{y - radius[node] - 4:.1f}" text-anchor="middle" class="node-label">{escape(_fit(label, 28))}</text></g>'
        )
    return _svg(width, height, body, "entity network")


def strongest_co_mentions(view: nx.MultiDiGraph, per_node: int = 3) -> nx.MultiDiGraph:
    """When co-mentions would cover the picture (more than 3 per node), keep each node's `per_node`
    strongest; legal actions and stated relations always stay."""
    co = [(a, b, k, d) for a, b, k, d in view.edges(keys=True, data=True) if d.get("type") == "CO_MENTIONED"]
    if len(co) <= 3 * view.number_of_nodes():
        return view
    keep = set()
    for node in view:
        mine = sorted((e for e in co if node in e[:2]), key=lambda e: (-float(e[3].get("weight", 1)), str(e[0]), str(e[1])))
        keep.update((a, b, k) for a, b, k, _ in mine[:per_node])
    pruned = view.copy()
    pruned.remove_edges_from([(a, b, k) for a, b, k, _ in co if (a, b, k) not in keep])
    return pruned


def _layout(simple: nx.Graph) -> dict:
    """Small graphs: the most connected entities on an inner ring, the rest around them (news entity
    graphs are nearly complete, so a spring layout piles them in one blob). Big graphs: spring layout."""
    nodes = sorted(simple, key=lambda n: (-simple.degree(n, weight="weight"), str(n)))
    if len(nodes) <= 2:
        return {n: (float(i), 0.0) for i, n in enumerate(nodes)}
    if len(nodes) <= 40:
        inner = max(1, round(len(nodes) / 4))
        shells = [nodes[:inner], nodes[inner:]]
        if inner == 1:
            shells[0] = [nodes[0]]  # one centre node sits in the middle
        return nx.shell_layout(simple, nlist=shells, rotate=0.3)
    # k a little above 1/sqrt(n) spreads the graph out; the seed keeps the picture stable between runs
    return nx.spring_layout(simple, seed=7, k=1.6 / math.sqrt(len(nodes)), weight="weight", iterations=200)


def _money(data: dict) -> str:
    amount = data.get("amount")
    if not amount:
        return ""
    return format_money(float(amount), str(data.get("currency", "")))


def format_money(amount: float, currency: str) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, "")
    for size, word in ((1e9, "bn"), (1e6, "m")):
        if amount >= size:
            number = f"{amount / size:.1f}".rstrip("0").rstrip(".")
            return f"{symbol}{number}{word}" + ("" if symbol else f" {currency}")
    return f"{symbol}{amount:,.0f}" + ("" if symbol else f" {currency}")


def _edge_tip(view: nx.MultiDiGraph, a, b, data: dict) -> str:
    names = f"{view.nodes[a].get('label', a)} → {view.nodes[b].get('label', b)}"
    kind = data.get("type")
    if kind == "CO_MENTIONED":
        return f"{names}: named together in {data.get('weight')} article(s): {data.get('sources', '')}"
    if kind == "LEGAL_ACTION":
        return f"{names}: {data.get('legal_kind', '')} {_money(data)} — sources: {data.get('sources', '')}".strip()
    return f"{names}: {data.get('relation', '')} — sources: {data.get('sources', '')}"


# --------------------------------------------------------------------------- attribution


def attribution_svg(view: nx.MultiDiGraph, width: int = 1000) -> str:
    statements = [n for n, d in view.nodes(data=True) if d.get("kind") == "statement"]
    if not statements:
        return _empty(width, "no statements found")
    speaker_of = {s: next((a for a, _, k in view.in_edges(s, keys=True) if k == "SAID"), None) for s in statements}
    speakers = sorted({s for s in speaker_of.values() if s}, key=lambda s: (-view.out_degree(s), str(view.nodes[s].get("label"))))
    rank = {s: i for i, s in enumerate(speakers)}
    statements.sort(key=lambda s: (rank.get(speaker_of[s], len(rank)), str(view.nodes[s].get("date") or "9999"), str(view.nodes[s].get("label"))))
    top = 30
    articles_count = len({t for s in statements for _, t in view.out_edges(s)})
    row = max(17.0, min(30.0, 36 * articles_count / len(statements)))
    height = top + max(row * len(statements), 36 * articles_count) + 20
    y = {s: top + row * i + row / 2 for i, s in enumerate(statements)}
    for speaker in speakers:  # a speaker sits level with the middle of its statements
        mine = [y[s] for s in statements if speaker_of[s] == speaker]
        y[speaker] = sum(mine) / len(mine)
    articles = sorted({t for s in statements for _, t in view.out_edges(s)},
                      key=lambda a: (sum(y[s] for s, _ in view.in_edges(a)) / max(1, view.in_degree(a)), str(a)))
    gap = (height - top - 20) / max(1, len(articles))
    for i, article in enumerate(articles):
        y[article] = top + gap * i + gap / 2
    x_speaker, x_statement, x_article = 170, 200 + (width - 420) * 0.05, width - 250
    x_statement_end = x_article - 190
    body = [
        f'<text x="{x_speaker}" y="16" text-anchor="end" class="column">speaker</text>',
        f'<text x="{x_statement}" y="16" class="column">statement</text>',
        f'<text x="{x_article}" y="16" class="column">reported in</text>',
    ]
    for s in statements:
        speaker = speaker_of[s]
        if speaker:
            body.append(_curve(x_speaker + 6, y[speaker], x_statement - 6, y[s], colour(view.nodes[speaker].get("kind", "")), 1.2))
        for _, article, data in view.out_edges(s, data=True):
            tip = f"{view.nodes[article].get('label')}: {data.get('cue') or 'quoted'} — “{_fit(data.get('wording', ''), 200)}”"
            start = min(x_statement_end, x_statement + 12 + 5.6 * len(_fit(view.nodes[s].get("text", ""), 58)))  # just past the label
            body.append(_curve(start, y[s], x_article - 6, y[article], colour("article"), 1.0, tip))
    for s in statements:
        data = view.nodes[s]
        tip = f"“{data.get('text', '')}” — {view.nodes[speaker_of[s]].get('label') if speaker_of[s] else 'speaker unresolved'}"
        shade = "statement" if speaker_of[s] else "unattributed"
        body.append(
            f'<g class="{shade}"><circle cx="{x_statement - 4}" cy="{y[s]:.1f}" r="3.5" fill="{colour("statement")}"/>'
            f'<text x="{x_statement + 4}" y="{y[s] + 4:.1f}" class="statement-label"><title>{escape(tip)}</title>{escape(_fit(data.get("text", ""), 58))}</text></g>'
        )
    for speaker in speakers:
        data = view.nodes[speaker]
        body.append(
            f'<g class="node"><circle cx="{x_speaker}" cy="{y[speaker]:.1f}" r="6" fill="{colour(data.get("kind", ""))}"/>'
            f'<text x="{x_speaker - 10}" y="{y[speaker] + 4:.1f}" text-anchor="end" class="node-label"><title>{escape(str(data.get("label")))}</title>{escape(_fit(data.get("label", ""), 22))}</text></g>'
        )
    for article in articles:
        data = view.nodes[article]
        label = _fit(data.get("label", article), 27)
        date = str(data.get("published", ""))[:10]
        body.append(
            f'<g class="node"><rect x="{x_article - 6}" y="{y[article] - 6:.1f}" width="12" height="12" fill="{colour("article")}"/>'
            f'<text x="{x_article + 10}" y="{y[article] + 4:.1f}" class="node-label"><title>{escape(str(data.get("label")))}</title>{escape(label)}</text>'
            f'<text x="{x_article + 10}" y="{y[article] + 17:.1f}" class="sub-label">{escape(date)}</text></g>'
        )
    return _svg(width, int(height), body, "who said what, reported where")


def _curve(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, tip: str = "") -> str:
    mid = (x1 + x2) / 2
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" fill="none" '
            f'stroke="{stroke}" stroke-width="{width}" stroke-opacity="0.45">{title}</path>')
