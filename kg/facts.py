"""Plain-Python records read from the RDF graph by SPARQL: the one place the views and the
HTML report get their facts from, so every picture and table agrees with the graph.

Each function runs a few small queries (rather than one wide join) so an optional value
never multiplies rows, and picks one value deterministically where the graph holds several
(e.g. two schema:name values after a merge: the shortest, then alphabetical).
"""

from __future__ import annotations

from .wordings import word_key, wording_key  # noqa: F401  (re-exported for views and the report)

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal

from .vocab import NKG, sparql_prefixes

# Which of an entity's kinds names it, when resolution gave it several.
KIND_ORDER = ("person", "company", "brand", "organization", "government", "court", "news_outlet", "platform", "place", "other")


def rows(graph, query: str):
    """SPARQL rows as dicts of Python values (str, int, float; None when unbound)."""
    for row in graph.query(sparql_prefixes() + query):
        yield {str(var): _plain(value) for var, value in zip(row.labels, row)}


def _plain(value):
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool):
            return python
        if isinstance(python, int):
            return python
        if value.datatype is not None and value.datatype.endswith("#decimal"):
            return float(python)
        return str(value)  # dates stay ISO strings: the graph holds both dates and datetimes
    return str(value)


def _pick(values) -> str:
    values = [v for v in values if v]
    return min(values, key=lambda v: (len(v), v)) if values else ""


def primary_kind(kinds) -> str:
    kinds = set(kinds)
    return next((k for k in KIND_ORDER if k in kinds), sorted(kinds)[0] if kinds else "entity")


def short_id(iri: str) -> str:
    """The readable tail of a newskg IRI: 'person/jane-doe', 'statement/ab12'."""
    return iri.split("/id/", 1)[-1]


# --------------------------------------------------------------------------- records


@dataclass
class EntityFact:
    iri: str
    name: str
    kind: str
    kinds: list[str]
    aliases: list[str]
    mentions: int = 0
    articles: set[str] = field(default_factory=set)


@dataclass
class ArticleFact:
    iri: str
    id: str
    title: str = ""
    published: str = ""
    outlet: str = ""
    url: str = ""
    updates: list[tuple[str, str]] = field(default_factory=list)  # (date, label)

    @property
    def label(self) -> str:
        return self.title or (f"{self.outlet}: {self.id}" if self.outlet else self.id)


@dataclass
class ReportFact:
    iri: str
    statement: str
    article: str
    start: int
    end: int
    exact: str
    wording: str
    cue: str = ""
    date: str = ""
    channel: str = ""
    wording_diff: str = ""
    speaker_mention: str = ""


@dataclass
class StatementFact:
    iri: str
    text: str
    speaker: str = ""  # entity IRI, "" when unresolved
    date: str = ""
    reports: list[ReportFact] = field(default_factory=list)


@dataclass
class LegalFact:
    iri: str
    kind: str
    plaintiffs: list[str] = field(default_factory=list)  # entity IRIs
    defendants: list[str] = field(default_factory=list)
    amount: float | None = None
    currency: str = ""
    amount_label: str = ""
    date: str = ""
    status: str = ""
    court: str = ""
    background: bool = False
    sources: list[str] = field(default_factory=list)  # article IRIs
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (article IRI, reported sentence)
    reported_dates: list[tuple[str, str]] = field(default_factory=list)  # (article IRI, date that article gives)


@dataclass
class RelationFact:
    subject: str
    predicate: str  # local name in the nkg namespace, e.g. worksFor
    object: str
    sources: list[str] = field(default_factory=list)  # article IRIs


# --------------------------------------------------------------------------- queries


def entities(graph) -> dict[str, EntityFact]:
    found: dict[str, EntityFact] = {}
    names, kinds, aliases = defaultdict(set), defaultdict(set), defaultdict(set)
    for row in rows(graph, "SELECT ?e ?k ?n WHERE { ?e nkg:kind ?k . OPTIONAL { ?e schema:name ?n } }"):
        kinds[row["e"]].add(row["k"])
        if row["n"]:
            names[row["e"]].add(row["n"])
    for row in rows(graph, "SELECT ?e ?alt WHERE { ?e nkg:kind ?k ; skos:altLabel ?alt }"):
        aliases[row["e"]].add(row["alt"])
    for iri in kinds:
        name = _pick(names[iri]) or short_id(iri)
        others = sorted((names[iri] | aliases[iri]) - {name})
        found[iri] = EntityFact(iri, name, primary_kind(kinds[iri]), sorted(kinds[iri]), others)
    for row in rows(graph, "SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a nkg:Mention ; oa:hasBody ?e } GROUP BY ?e"):
        if row["e"] in found:
            found[row["e"]].mentions = int(row["n"])
    for row in rows(graph, "SELECT DISTINCT ?a ?e WHERE { ?a a schema:NewsArticle ; schema:mentions ?e }"):
        if row["e"] in found:
            found[row["e"]].articles.add(row["a"])
    return found


def articles(graph) -> dict[str, ArticleFact]:
    found: dict[str, ArticleFact] = {}
    for row in rows(graph, """
        SELECT ?a ?id ?title ?published ?outlet ?url WHERE {
          ?a a schema:NewsArticle ; schema:identifier ?id .
          OPTIONAL { ?a schema:headline ?title }
          OPTIONAL { ?a schema:datePublished ?published }
          OPTIONAL { ?a schema:publisher/schema:name ?outlet }
          OPTIONAL { ?a schema:url ?url }
        }"""):
        fact = found.setdefault(row["a"], ArticleFact(row["a"], row["id"]))
        fact.title = _pick([fact.title, row["title"] or ""])
        fact.published = min(filter(None, [fact.published, row["published"] or ""]), default="")
        fact.outlet = _pick([fact.outlet, row["outlet"] or ""])
        fact.url = _pick([fact.url, row["url"] or ""])
    for row in rows(graph, "SELECT ?a ?when ?label WHERE { ?a nkg:update ?u . ?u schema:dateModified ?when . OPTIONAL { ?u rdfs:label ?label } }"):
        if row["a"] in found:
            found[row["a"]].updates.append((row["when"], " ".join((row["label"] or "").split())))
    for fact in found.values():
        fact.updates = sorted(set(fact.updates))
    return found


def statements(graph) -> dict[str, StatementFact]:
    """Every statement with its reports (sorted by article, then position)."""
    found: dict[str, StatementFact] = {}
    for row in rows(graph, """
        SELECT ?st ?text ?speaker ?date WHERE {
          ?st a nkg:Statement .
          OPTIONAL { ?st schema:text ?text }
          OPTIONAL { ?st schema:creator ?speaker }
          OPTIONAL { ?st schema:dateCreated ?date }
        }"""):
        fact = found.setdefault(row["st"], StatementFact(row["st"], ""))
        fact.text = max([fact.text, row["text"] or ""], key=lambda t: (len(t), t))  # the fullest wording
        fact.speaker = _pick([fact.speaker, row["speaker"] or ""])
        fact.date = min(filter(None, [fact.date, row["date"] or ""]), default="")
    seen = set()
    for row in rows(graph, """
        SELECT ?report ?st ?article ?start ?end ?exact ?wording ?cue ?date ?channel ?diff ?mention WHERE {
          ?report a nkg:Report ; oa:hasBody ?st ; oa:hasTarget ?target .
          ?target oa:hasSource ?article ; oa:hasSelector ?pos, ?quote .
          ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
          OPTIONAL { ?report schema:text ?wording }
          OPTIONAL { ?report nkg:cue ?cue }
          OPTIONAL { ?report nkg:saidDate ?date }
          OPTIONAL { ?report nkg:channel ?channel }
          OPTIONAL { ?report nkg:wordingDiff ?diff }
          OPTIONAL { ?report nkg:speakerMention ?mention }
        }"""):
        if row["report"] in seen:  # an optional value given twice: keep the first row
            continue
        seen.add(row["report"])
        fact = found.setdefault(row["st"], StatementFact(row["st"], row["wording"] or row["exact"]))
        fact.reports.append(ReportFact(
            iri=row["report"], statement=row["st"], article=row["article"], start=int(row["start"]), end=int(row["end"]),
            exact=row["exact"], wording=row["wording"] or row["exact"], cue=row["cue"] or "", date=row["date"] or "",
            channel=row["channel"] or "", wording_diff=row["diff"] or "", speaker_mention=row["mention"] or "",
        ))
    for fact in found.values():
        fact.reports.sort(key=lambda r: (r.article, r.start, r.end))
    return found


def legal_actions(graph) -> dict[str, LegalFact]:
    found: dict[str, LegalFact] = {}
    for row in rows(graph, """
        SELECT ?la ?kind ?amount ?currency ?label ?date ?status ?court ?background WHERE {
          ?la a nkg:LegalAction .
          OPTIONAL { ?la nkg:legalKind ?kind }
          OPTIONAL { ?la nkg:claimAmount ?m . ?m schema:value ?amount . OPTIONAL { ?m schema:currency ?currency } OPTIONAL { ?m rdfs:label ?label } }
          OPTIONAL { ?la sem:hasBeginTimeStamp ?began }
          OPTIONAL { ?la sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestBeginTimeStamp ?latest }
          BIND(COALESCE(STR(?began), CONCAT(STR(?earliest), "/", STR(?latest))) AS ?date)
          OPTIONAL { ?la nkg:status ?status }
          OPTIONAL { ?la nkg:court ?court }
          OPTIONAL { ?la nkg:background ?background }
        }"""):
        if row["la"] in found:
            continue
        found[row["la"]] = LegalFact(
            iri=row["la"], kind=row["kind"] or "legal action", amount=row["amount"], currency=row["currency"] or "",
            amount_label=row["label"] or "", date=row["date"] or "", status=row["status"] or "", court=row["court"] or "",
            background=bool(row["background"]),
        )
    for row in rows(graph, "SELECT ?la ?role ?party WHERE { ?la a nkg:LegalAction ; ?role ?party . VALUES ?role { nkg:plaintiff nkg:defendant } }"):
        fact = found[row["la"]]
        parties = fact.plaintiffs if row["role"].endswith("plaintiff") else fact.defendants
        if row["party"] not in parties:
            parties.append(row["party"])
    for row in rows(graph, """
        SELECT ?la ?article ?sentence ?date WHERE {
          ?la a nkg:LegalAction ; nkg:reportedIn ?lr . ?lr oa:hasTarget ?t . ?t oa:hasSource ?article .
          OPTIONAL { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?sentence }
          OPTIONAL { ?lr nkg:reportedDate ?date }
        }"""):
        fact = found[row["la"]]
        if row["article"] not in fact.sources:
            fact.sources.append(row["article"])
        if row["sentence"] and (row["article"], row["sentence"]) not in fact.sentences:
            fact.sentences.append((row["article"], row["sentence"]))
        if row["date"] and (row["article"], row["date"]) not in fact.reported_dates:
            fact.reported_dates.append((row["article"], row["date"]))
    for fact in found.values():
        fact.plaintiffs.sort()
        fact.defendants.sort()
        fact.sources.sort()
        fact.sentences.sort()
        fact.reported_dates.sort()
    return found


def relations(graph) -> list[RelationFact]:
    """Relations between entities: nkg:StatedRelation nodes (with their sources) and direct nkg:* triples."""
    found: dict[tuple[str, str, str], RelationFact] = {}
    for row in rows(graph, f"""
        SELECT ?a ?p ?b WHERE {{
          ?a ?p ?b . ?a nkg:kind ?ka . ?b nkg:kind ?kb .
          FILTER(STRSTARTS(STR(?p), "{NKG}"))
        }}"""):
        key = (row["a"], row["p"], row["b"])
        found.setdefault(key, RelationFact(row["a"], row["p"][len(NKG):], row["b"]))
    for row in rows(graph, """
        SELECT ?a ?p ?b ?article WHERE {
          ?rel a nkg:StatedRelation ; nkg:relSubject ?a ; nkg:relPredicate ?p ; nkg:relObject ?b .
          OPTIONAL { ?rel prov:wasDerivedFrom/oa:hasTarget/oa:hasSource ?article }
        }"""):
        key = (row["a"], row["p"], row["b"])
        local = row["p"][len(NKG):] if row["p"].startswith(NKG) else row["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        fact = found.setdefault(key, RelationFact(row["a"], local, row["b"]))
        if row["article"] and row["article"] not in fact.sources:
            fact.sources.append(row["article"])
    return sorted(found.values(), key=lambda r: (r.subject, r.predicate, r.object))
