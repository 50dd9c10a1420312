"""Records to RDF quads: the only module that knows the ontology's terms.

Every node gets a deterministic IRI (no blank nodes), so building the same input
twice gives the same graph. An article's own facts (the article, its reports,
mentions, attributes, legal-action reports) go into that article's named graph;
what resolution derives across articles (entities, statements, legal actions,
relationships) goes into the corpus graph.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from .ids import short_hash, slug
from .memo import decode_lines, encode_lines, recall
from .ntriples import iri as n
from .ntriples import iri_value, literal
from .wordings import wording_diff
from .records import (
    Article,
    Attribute,
    Corpus,
    DateValue,
    Entity,
    EntityKind,
    Extraction,
    LegalAction,
    LegalActionReport,
    Mention,
    Money,
    Quote,
    Relationship,
    Span,
    Statement,
)
from .vocab import CORPUS_GRAPH, ID, NKG, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD, article_graph

TYPE = n(RDF + "type")
VOID = "http://rdfs.org/ns/void#"  # W3C VoID: dataset statistics
DATASET = ID + "dataset"  # the whole graph, as a void:Dataset
CONTEXT_CHARS = 32  # prefix/suffix length of each TextQuoteSelector

KIND_CLASSES: dict[EntityKind, list[str]] = {
    EntityKind.PERSON: [SCHEMA + "Person"],
    EntityKind.ORGANIZATION: [SCHEMA + "Organization"],
    EntityKind.COMPANY: [SCHEMA + "Organization", SCHEMA + "Corporation"],
    EntityKind.BRAND: [SCHEMA + "Brand"],
    EntityKind.NEWS_OUTLET: [SCHEMA + "Organization", SCHEMA + "NewsMediaOrganization"],
    EntityKind.PLATFORM: [SCHEMA + "Organization", NKG + "Platform"],
    EntityKind.COURT: [SCHEMA + "Organization", SCHEMA + "GovernmentOrganization", NKG + "Court"],
    EntityKind.GOVERNMENT: [SCHEMA + "Organization", SCHEMA + "GovernmentOrganization"],
    EntityKind.PLACE: [SCHEMA + "Place"],
    EntityKind.OTHER: [NKG + "OtherEntity"],
}


def text(value: str) -> str:
    return literal(value)


def typed(value: object, datatype: str) -> str:
    return literal(str(value), XSD + datatype)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def date_literal(value: str) -> str:
    """xsd:date or xsd:dateTime when the value is ISO 8601, else a plain string (never a wrong type)."""
    if _DATE.match(value):
        return typed(value, "date")
    if _DATETIME.match(value):
        return typed(value if value.count(":") >= 2 else value[:16] + ":00" + value[16:], "dateTime")
    return text(value)


# --------------------------------------------------------------------------- IRIs


def article_iri(article_id: str) -> str:
    return n(f"{ID}article/{article_id}")


def entity_iri(entity_id: str) -> str:
    return n(f"{ID}{entity_id}")


def outlet_entity_id(name: str) -> str:
    return f"{EntityKind.NEWS_OUTLET.value}/{slug(name)}"


def statement_iri(statement_id: str) -> str:
    return n(f"{ID}statement/{statement_id}")


def legal_iri(action_id: str) -> str:
    return n(f"{ID}legal/{action_id}")


def span_iri(kind: str, span: Span) -> str:
    return f"{ID}{kind}/{span.article_id}-{span.start}-{span.end}"


# --------------------------------------------------------------------------- mapping


# Code a corpus-graph unit's lines depend on: an edit to it maps every unit again.
UNIT_SOURCES = ("rdf.py", "ntriples.py", "vocab.py", "ids.py", "wordings.py")
LINES = (encode_lines, decode_lines)


def corpus_graph_lines(corpus: Corpus, by_article: dict[str, Extraction], statement_of: dict[tuple[str, int], Statement]) -> list[str]:
    """The corpus graph (resolved entities, statements, legal actions and relations) as N-Quads
    lines (`str(quad)`), in the order the mapping makes them. A rebuild of a store maps again only
    the entities, statements and relations whose inputs changed: the others' lines are the last build's
    (kg/memo.py), which saves most of the corpus graph's mapping time."""
    graph = n(CORPUS_GRAPH)
    lines: list[str] = []

    def unit_lines(triples: Iterable[tuple]) -> list[str]:
        return [f"{s} {p} {o} {graph}" for s, p, o in triples]

    def add(triples: Iterable[tuple]) -> None:
        lines.extend(unit_lines(triples))

    known_entities = {e.id for e in corpus.entities}
    for entity in corpus.entities:
        lines.extend(recall("entity-lines", UNIT_SOURCES, _entity_question(entity), lambda: unit_lines(entity_triples(entity)), *LINES))
    # Publishers named only in article metadata: described once, in the corpus graph. (A triple
    # in every article's graph would come back once per article from the union default graph.)
    outlets = {outlet_entity_id(e.article.outlet): e.article.outlet for e in corpus.extractions if e.article.outlet}
    for outlet_id in sorted(set(outlets) - known_entities):
        add(outlet_triples(outlet_id, outlets[outlet_id]))
    for statement in corpus.statements:
        question = _statement_question(statement, by_article)
        lines.extend(recall("statement-lines", UNIT_SOURCES, question, lambda: unit_lines(statement_triples(statement, by_article)), *LINES))
    for action in corpus.legal_actions:
        add(legal_action_triples(action, by_article, statement_of))
    for relationship in corpus.relationships:
        question = _relationship_question(relationship, by_article)
        lines.extend(recall("relation-lines", UNIT_SOURCES, question, lambda: unit_lines(relationship_triples(relationship, by_article)), *LINES))
    add(dataset_triples(corpus, statement_of))
    unique = list(dict.fromkeys(lines))
    return unique + unit_lines(size_triples(n(CORPUS_GRAPH), len(unique)))  # as `with_graph_size`


def relationship_triples(relationship: Relationship, by_article: dict[str, Extraction]) -> Iterator[tuple]:
    node = n(f"{ID}relationship/{short_hash(relationship.subject, relationship.predicate, relationship.object)}")
    predicate = n(NKG + _camel(relationship.predicate))
    subject, obj = entity_iri(relationship.subject), entity_iri(relationship.object)
    yield subject, predicate, obj
    yield node, TYPE, n(NKG + "StatedRelation")
    yield node, n(NKG + "relSubject"), subject
    yield node, n(NKG + "relPredicate"), predicate
    yield node, n(NKG + "relObject"), obj
    for span in relationship.sources:
        yield node, n(PROV + "wasDerivedFrom"), n(span_iri("evidence", span))
        yield from target_triples(n(span_iri("evidence", span)), span, by_article[span.article_id].article)


def _relationship_question(relationship: Relationship, by_article: dict[str, Extraction]) -> str:
    """Everything `relationship_triples` reads: the relation and, per source span, what `target_triples` reads."""
    sources = []
    for span in relationship.sources:
        article_text = by_article[span.article_id].article.text
        prefix, suffix = article_text[max(0, span.start - CONTEXT_CHARS) : span.start], article_text[span.end : span.end + CONTEXT_CHARS]
        sources.append([span.article_id, span.start, span.end, span.text, prefix, suffix])
    return json.dumps([relationship.subject, relationship.predicate, relationship.object, sources])


def _entity_question(entity: Entity) -> str:
    """Everything `entity_triples` reads from an entity."""
    merges = [[m.alias, m.article_id, m.reason] for m in entity.merges]
    attributes = sorted({a.text for a in entity.attributes})
    kinds = [k.value for k in (entity.kind, *entity.extra_kinds)]
    return json.dumps([entity.id, kinds, entity.name, mention_count(entity), entity.aliases, entity.handles, attributes, merges])


def _statement_question(statement: Statement, by_article: dict[str, Extraction]) -> str:
    """Everything `statement_triples` reads from a statement and its reports, as one JSON text
    (a text holds any character, so joining them plainly could make two questions alike)."""
    said = statement.said.start if statement.said else None
    reports = []
    for article_id, index in statement.reports:
        quote = by_article[article_id].quotes[index]
        span = quote.span
        reports.append((article_id, span.article_id, span.start, span.end, quote.text))
    return json.dumps((statement.id, statement.text, statement.speaker, said, reports))


# --------------------------------------------------------------------------- statistics (VoID)


def with_graph_size(graph: str, triples: list[tuple]) -> list[tuple]:
    """The graph's distinct triples plus its own VoID size, counting these two triples too:
    `kg query stats` sums one number per graph instead of counting every triple."""
    unique = list(dict.fromkeys(triples))
    return [*unique, *size_triples(graph, len(unique))]


def size_triples(graph: str, distinct: int) -> list[tuple]:
    """A graph's VoID size statement for `distinct` other triples (these two count too)."""
    return [(graph, TYPE, n(VOID + "Dataset")), (graph, n(VOID + "triples"), typed(distinct + 2, "integer"))]


def dataset_triples(corpus: Corpus, statement_of: dict[tuple[str, int], Statement]) -> Iterator[tuple]:
    """How many articles, statements, reports, mentions and legal actions the whole dataset
    holds, as VoID class partitions of `DATASET` (and a property partition for statements with
    a speaker), counted from the records the graph is mapped from: the same numbers a
    COUNT(DISTINCT ...) over the graph gives, without reading every node."""
    by_article = {e.article.id: e for e in corpus.extractions}
    # spans as (article, start, end): one report or mention IRI each (`span_iri`)
    reports = {(span.article_id, span.start, span.end) for span in (by_article[a].quotes[i].span for a, i in statement_of)}
    mentions = {(m.span.article_id, m.span.start, m.span.end) for entity in corpus.entities for m in entity.mentions}
    counts = {
        (SCHEMA + "NewsArticle", "articles"): len(by_article),
        (NKG + "Statement", "statements"): len({s.id for s in corpus.statements}),
        (NKG + "Report", "reports"): len(reports),
        (NKG + "Mention", "mentions"): len(mentions),
        (NKG + "LegalAction", "legal-actions"): len({a.id for a in corpus.legal_actions}),
    }
    dataset = n(DATASET)
    yield dataset, TYPE, n(VOID + "Dataset")
    for (cls, name), count in counts.items():
        partition = n(f"{DATASET}/class/{name}")
        yield dataset, n(VOID + "classPartition"), partition
        yield partition, n(VOID + "class"), n(cls)
        yield partition, n(VOID + "entities"), typed(count, "integer")
    creator = n(f"{DATASET}/property/creator")
    yield dataset, n(VOID + "propertyPartition"), creator
    yield creator, n(VOID + "property"), n(SCHEMA + "creator")
    yield creator, n(VOID + "distinctSubjects"), typed(len({s.id for s in corpus.statements if s.speaker}), "integer")


def _camel(name: str) -> str:
    head, *rest = re.split(r"[_\s-]+", name.strip())
    return head.lower() + "".join(part.capitalize() for part in rest)


def article_lines(
    extraction: Extraction,
    corpus: Corpus,
    statement_of: dict[tuple[str, int], Statement],
    action_of: dict[tuple[str, int], LegalAction],
    known_entities: set[str],
) -> list[str]:
    """The article's named graph as N-Quads lines (`str(quad)`'s form)."""
    article = extraction.article
    graph = n(article_graph(article.id))
    triples: list[tuple] = list(article_triples(article))
    subject = article_iri(article.id)
    for local in extraction.entities:
        entity_id = corpus.global_entity(article.id, local.key)
        if entity_id is None:
            continue
        triples.append((subject, n(SCHEMA + "mentions"), entity_iri(entity_id)))
        for mention in local.mentions:
            triples.extend(mention_triples(mention, entity_id, article))
        for attribute in local.attributes:
            triples.extend(attribute_triples(attribute, entity_id, article))
    for index, quote in enumerate(extraction.quotes):
        statement = statement_of.get((article.id, index))
        if statement is not None:
            triples.extend(report_triples(quote, statement, article))
    for index, report in enumerate(extraction.legal_actions):
        action = action_of.get((article.id, index))
        if action is not None:
            triples.extend(legal_report_triples(report, action, extraction, corpus))
    return [f"{s} {p} {o} {graph}" for s, p, o in with_graph_size(graph, triples)]


def article_triples(article: Article) -> Iterator[tuple]:
    s = article_iri(article.id)
    yield s, TYPE, n(SCHEMA + "NewsArticle")
    yield s, TYPE, n(PROV + "Entity")
    yield s, n(SCHEMA + "identifier"), text(article.id)
    yield s, n(SCHEMA + "articleBody"), text(article.text)
    yield s, n(NKG + "sha256"), text(article.sha256)
    if article.title:
        yield s, n(SCHEMA + "headline"), text(article.title)
        yield s, n(SCHEMA + "name"), text(article.title)
    if article.url:
        yield s, n(SCHEMA + "url"), typed(article.url, "anyURI")
    if article.author:
        yield s, n(SCHEMA + "author"), text(article.author)
    if article.outlet:
        yield s, n(SCHEMA + "publisher"), entity_iri(outlet_entity_id(article.outlet))
    if article.published:
        yield s, n(SCHEMA + "datePublished"), date_literal(article.published)
        if article.published_year_inferred:
            yield s, n(NKG + "publishedYearInferred"), typed("true", "boolean")
    for number, update in enumerate(article.updates, 1):
        node = n(f"{ID}article/{article.id}/update/{number}")
        yield s, n(NKG + "update"), node
        yield node, TYPE, n(NKG + "ArticleUpdate")
        yield node, n(RDFS + "label"), text(update.label)
        if update.when:
            yield s, n(SCHEMA + "dateModified"), date_literal(update.when)
            yield node, n(SCHEMA + "dateModified"), date_literal(update.when)
        if update.timezone:
            yield node, n(NKG + "timezone"), text(update.timezone)
        if update.year_inferred:
            yield node, n(NKG + "yearInferred"), typed("true", "boolean")
        if update.start is not None and update.end is not None:
            yield node, n(OA + "start"), typed(update.start, "integer")
            yield node, n(OA + "end"), typed(update.end, "integer")


def outlet_triples(outlet_id: str, name: str) -> Iterator[tuple]:
    outlet = entity_iri(outlet_id)
    yield outlet, TYPE, n(SCHEMA + "NewsMediaOrganization")
    yield outlet, TYPE, n(SCHEMA + "Organization")
    yield outlet, n(SCHEMA + "name"), text(name)
    yield outlet, n(NKG + "kind"), text(EntityKind.NEWS_OUTLET.value)


def target_triples(node: str, span: Span, article: Article) -> Iterator[tuple]:
    """`node` oa:hasTarget a SpecificResource on the article with position and quote selectors."""
    target = n(iri_value(node) + "/target")
    position = n(iri_value(node) + "/position")
    quote = n(iri_value(node) + "/quote")
    yield node, n(OA + "hasTarget"), target
    yield target, TYPE, n(OA + "SpecificResource")
    yield target, n(OA + "hasSource"), article_iri(article.id)
    yield target, n(OA + "hasSelector"), position
    yield target, n(OA + "hasSelector"), quote
    yield position, TYPE, n(OA + "TextPositionSelector")
    yield position, n(OA + "start"), typed(span.start, "integer")
    yield position, n(OA + "end"), typed(span.end, "integer")
    yield quote, TYPE, n(OA + "TextQuoteSelector")
    yield quote, n(OA + "exact"), text(span.text)
    yield quote, n(OA + "prefix"), text(article.text[max(0, span.start - CONTEXT_CHARS) : span.start])
    yield quote, n(OA + "suffix"), text(article.text[span.end : span.end + CONTEXT_CHARS])


def entity_annotation_triples(cls: str, span: Span, entity_id: str, article: Article) -> Iterator[tuple]:
    """An oa:Annotation of class `cls` whose body is the entity and whose target is the span."""
    node = n(span_iri("mention" if cls == "Mention" else "attribute", span))
    yield node, TYPE, n(NKG + cls)
    yield node, n(OA + "hasBody"), entity_iri(entity_id)
    yield from target_triples(node, span, article)


def mention_triples(mention: Mention, entity_id: str, article: Article) -> Iterator[tuple]:
    yield from entity_annotation_triples("Mention", mention.span, entity_id, article)
    yield n(span_iri("mention", mention.span)), n(NKG + "mentionKind"), text(mention.kind)


def attribute_triples(attribute: Attribute, entity_id: str, article: Article) -> Iterator[tuple]:
    yield from entity_annotation_triples("RoleMention", attribute.span, entity_id, article)
    yield n(span_iri("attribute", attribute.span)), n(RDF + "value"), text(attribute.text)


def date_value_triples(node: str, value: DateValue, prefix: str) -> Iterator[tuple]:
    """`prefix` + Date / DateEnd / DateText / DateConfidence on `node`."""
    yield node, n(NKG + prefix + "Date"), date_literal(value.start)
    if value.end and value.end != value.start:
        yield node, n(NKG + prefix + "DateEnd"), date_literal(value.end)
    yield node, n(NKG + prefix + "DateText"), text(value.text)


def report_triples(quote: Quote, statement: Statement, article: Article) -> Iterator[tuple]:
    node = n(span_iri("report", quote.span))
    st = statement_iri(statement.id)
    yield node, TYPE, n(NKG + "Report")
    yield node, n(OA + "hasBody"), st
    yield node, n(PROV + "wasQuotedFrom"), st
    yield node, n(SCHEMA + "text"), text(quote.text)
    yield node, n(NKG + "quoteKind"), text(quote.kind)
    yield node, n(NKG + "confidence"), typed(round(quote.confidence, 3), "decimal")
    if quote.cue:
        yield node, n(NKG + "cue"), text(quote.cue)
    if quote.cue_lemma:
        yield node, n(NKG + "cueLemma"), text(quote.cue_lemma)
    if quote.speaker_mention:
        yield node, n(NKG + "speakerMention"), text(quote.speaker_mention.text)
        yield node, n(NKG + "speakerMentionStart"), typed(quote.speaker_mention.start, "integer")
    if quote.channel:
        yield node, n(NKG + "channel"), text(quote.channel)
    if quote.said:
        yield from date_value_triples(node, quote.said, "said")
    yield from target_triples(node, quote.span, article)
    for number, piece in enumerate(quote.pieces if len(quote.pieces) > 1 else [], 1):
        piece_node = n(f"{iri_value(node)}/piece/{number}")
        yield node, n(NKG + "piece"), piece_node
        yield piece_node, TYPE, n(OA + "TextPositionSelector")
        yield piece_node, n(OA + "start"), typed(piece.start, "integer")
        yield piece_node, n(OA + "end"), typed(piece.end, "integer")
        yield piece_node, n(OA + "exact"), text(piece.text)


def money_triples(node: str, money: Money) -> Iterator[tuple]:
    yield node, TYPE, n(SCHEMA + "MonetaryAmount")
    yield node, n(SCHEMA + "value"), typed(_decimal(money.value), "decimal")
    yield node, n(SCHEMA + "currency"), text(money.currency)
    yield node, n(RDFS + "label"), text(money.span.text)


def _decimal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def legal_report_triples(
    report: LegalActionReport, action: LegalAction, extraction: Extraction, corpus: Corpus
) -> Iterator[tuple]:
    article = extraction.article
    node = n(span_iri("legal-report", report.span))
    yield node, TYPE, n(NKG + "LegalActionReport")
    yield node, n(OA + "hasBody"), legal_iri(action.id)
    yield node, n(NKG + "legalKind"), text(report.kind)
    yield from target_triples(node, report.span, article)
    if report.amount:
        amount = n(iri_value(node) + "/amount")
        yield node, n(NKG + "claimAmount"), amount
        yield from money_triples(amount, report.amount)
    if report.court:
        yield node, n(NKG + "court"), text(report.court)
    if report.status:
        yield node, n(NKG + "status"), text(report.status)
    if report.allegation:
        yield node, n(NKG + "allegation"), text(report.allegation)
    if report.date:
        yield from date_value_triples(node, report.date, "reported")
    for role_name, parties in (("plaintiff", report.plaintiffs), ("defendant", report.defendants)):
        for party in parties:
            entity_id = corpus.global_entity(article.id, party.key)
            if entity_id is None:
                continue
            yield node, n(NKG + role_name), entity_iri(entity_id)
            if party.role:
                role = n(f"{iri_value(node)}/role/{slug(entity_id)}")
                yield node, n(NKG + "partyRole"), role
                yield role, n(NKG + "party"), entity_iri(entity_id)
                yield role, n(RDFS + "label"), text(party.role)


def entity_triples(entity: Entity) -> Iterator[tuple]:
    s = entity_iri(entity.id)
    for kind in [entity.kind, *entity.extra_kinds]:
        for cls in KIND_CLASSES[kind]:
            yield s, TYPE, n(cls)
        yield s, n(NKG + "kind"), text(kind.value)
    yield s, n(SCHEMA + "name"), text(entity.name)
    yield s, n(NKG + "mentionCount"), typed(mention_count(entity), "integer")
    for alias in entity.aliases:
        if alias != entity.name:
            yield s, n(SKOS + "altLabel"), text(alias)
    for handle in entity.handles:
        yield s, n(NKG + "handle"), text(handle)
    for attribute in sorted({a.text for a in entity.attributes}):
        yield s, n(SCHEMA + "description"), text(attribute)
    for number, merge in enumerate(entity.merges, 1):
        node = n(f"{iri_value(s)}/merge/{number}")
        yield s, n(NKG + "mergedFrom"), node
        yield node, TYPE, n(NKG + "Merge")
        yield node, n(NKG + "alias"), text(merge.alias)
        yield node, n(PROV + "wasDerivedFrom"), article_iri(merge.article_id)
        yield node, n(RDFS + "comment"), text(merge.reason)


def mention_count(entity: Entity) -> int:
    """Distinct mention spans (one mention IRI each, as `span_iri` mints them)."""
    return len({(m.span.article_id, m.span.start, m.span.end) for m in entity.mentions})


def statement_triples(statement: Statement, by_article: dict[str, Extraction]) -> Iterator[tuple]:
    s = statement_iri(statement.id)
    yield s, TYPE, n(NKG + "Statement")
    yield s, TYPE, n(SCHEMA + "Quotation")
    yield s, TYPE, n(PROV + "Entity")
    yield s, n(SCHEMA + "text"), text(statement.text)
    if statement.speaker:
        yield s, n(SCHEMA + "creator"), entity_iri(statement.speaker)
        yield s, n(PROV + "wasAttributedTo"), entity_iri(statement.speaker)
    if statement.said:
        yield s, n(SCHEMA + "dateCreated"), date_literal(statement.said.start)
    wordings = {by_article[a].quotes[i].text for a, i in statement.reports}
    for article_id, index in statement.reports:
        quote = by_article[article_id].quotes[index]
        report = n(span_iri("report", quote.span))
        yield s, n(NKG + "reportedIn"), report
        yield s, n(SCHEMA + "citation"), article_iri(article_id)
        if len(wordings) > 1:
            yield report, n(NKG + "wordingDiff"), text(wording_diff(statement.text, quote.text))


def legal_action_triples(
    action: LegalAction, by_article: dict[str, Extraction], statement_of: dict[tuple[str, int], Statement]
) -> Iterator[tuple]:
    s = legal_iri(action.id)
    yield s, TYPE, n(NKG + "LegalAction")
    yield s, TYPE, n(SEM + "Event")
    yield s, n(NKG + "legalKind"), text(action.kind)
    for plaintiff in action.plaintiffs:
        yield s, n(NKG + "plaintiff"), entity_iri(plaintiff)
    for defendant in action.defendants:
        yield s, n(NKG + "defendant"), entity_iri(defendant)
    reports = [by_article[a].legal_actions[i] for a, i in action.reports]
    amount = next((r.amount for r in reports if r.amount), None)
    if amount:
        node = n(iri_value(s) + "/amount")
        yield s, n(NKG + "claimAmount"), node
        yield from money_triples(node, amount)
    court = next((r.court for r in reports if r.court), None)
    if court:
        yield s, n(NKG + "court"), text(court)
    dated = sorted((r.date for r in reports if r.date), key=lambda d: (d.start, d.end is not None))
    if dated and dated[0].end:
        # `in 2023`, `in October`: known only to a year or month, so no exact begin but a window for it
        yield s, n(SEM + "hasEarliestBeginTimeStamp"), date_literal(dated[0].start)
        yield s, n(SEM + "hasLatestBeginTimeStamp"), date_literal(dated[0].end)
    elif dated:
        yield s, n(SEM + "hasBeginTimeStamp"), date_literal(dated[0].start)
    status = action.status or next((r.status for r in reports if r.status), None)
    if status:
        yield s, n(NKG + "status"), text(status)
    for allegation in sorted({r.allegation for r in reports if r.allegation}):
        yield s, n(NKG + "allegation"), text(allegation)
    if action.background:
        yield s, n(NKG + "background"), typed("true", "boolean")
    for article_id, index in action.reports:
        report = by_article[article_id].legal_actions[index]
        yield s, n(NKG + "reportedIn"), n(span_iri("legal-report", report.span))
        yield s, n(SCHEMA + "citation"), article_iri(article_id)
        for quote_index in report.claim_quotes:
            claim = statement_of.get((article_id, quote_index))
            if claim is not None:
                yield s, n(NKG + "claim"), statement_iri(claim.id)
