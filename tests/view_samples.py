"""A small hand-made graph in the shape kg/rdf.py writes, for view, export and report tests
whose expected values must not move when the extractors change.

Two stories: articles a1 and a2 report the same statement of Ann Lee in different words and on
different days, and a lawsuit of Acme against her; article a3 quotes Bob Stone about something else.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph import KnowledgeGraph
from kg.vocab import sparql_prefixes

ID = "https://w3id.org/newskg/id/"

ARTICLES = {
    "a1": ("Mayor <b>quits</b> & more", "2024-03-01", "Ann Lee said: We will fight this in court, today. Acme sued her for $5 million."),
    "a2": ("", "2024-03-02", "Lee told reporters: We will fight this in the courts. Acme Corp has sued Lee."),
    "a3": ("Harbour reopens", "2024-05-10", "Bob Stone said the harbour is open again."),
}
# (statement, article, start, end, wording, said date or "")
REPORTS = [
    ("s1", "a1", 14, 52, "We will fight this in court, today.", "2024-02-28"),
    ("s1", "a2", 26, 52, "We will fight this in the courts.", "2024-02-29"),
    ("s2", "a3", 15, 42, "the harbour is open again", ""),
]
STATEMENTS = {"s1": ("We will fight this in court, today.", "person/ann-lee"), "s2": ("the harbour is open again", "person/bob-stone")}
ENTITIES = {
    "person/ann-lee": ("Ann Lee", "person", ["Lee"], ["a1", "a2"]),
    "company/acme": ("Acme <script>alert('x')</script> Corp", "company", ["Acme"], ["a1", "a2"]),
    "person/bob-stone": ("Bob Stone", "person", [], ["a3"]),
    "place/harbour-town": ("Harbour Town", "place", [], ["a3"]),
}


def _lit(text: str) -> str:
    return ox.Literal(text).__str__()


def sample_trig() -> str:
    lines = [sparql_prefixes().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")]
    corpus = []
    for article, (title, published, body) in ARTICLES.items():
        g = [f"art:{article} a schema:NewsArticle ; schema:identifier {_lit(article)} ; schema:articleBody {_lit(body)} ;"
             f' schema:datePublished "{published}"^^xsd:date .']
        if title:
            g.append(f"art:{article} schema:headline {_lit(title)} .")
        for entity, (_, _, _, seen) in ENTITIES.items():
            if article in seen:
                g.append(f"art:{article} schema:mentions <{ID}{entity}> .")
                g.append(f"<{ID}mention/{article}-0-3> a nkg:Mention ; oa:hasBody <{ID}{entity}> ." if entity == "person/ann-lee" else "")
        for statement, where, start, end, wording, said in REPORTS:
            if where != article:
                continue
            node = f"<{ID}report/{article}-{start}-{end}>"
            g.append(f"{node} a nkg:Report ; oa:hasBody st:{statement} ; schema:text {_lit(wording)} ; nkg:cue \"said\" ;"
                     f" oa:hasTarget <{ID}report/{article}-{start}-{end}/target> .")
            if said:
                g.append(f'{node} nkg:saidDate "{said}"^^xsd:date .')
            g.append(f"<{ID}report/{article}-{start}-{end}/target> oa:hasSource art:{article} ;"
                     f" oa:hasSelector <{ID}report/{article}-{start}-{end}/position>, <{ID}report/{article}-{start}-{end}/quote> .")
            g.append(f"<{ID}report/{article}-{start}-{end}/position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} .")
            g.append(f"<{ID}report/{article}-{start}-{end}/quote> a oa:TextQuoteSelector ; oa:exact {_lit(wording)} .")
            corpus.append(f"st:{statement} nkg:reportedIn {node} ; schema:citation art:{article} .")
        if article in ("a1", "a2"):
            node = f"<{ID}legal-report/{article}-60-80>"
            g.append(f"{node} a nkg:LegalActionReport ; oa:hasBody legal:l1 ; nkg:legalKind \"lawsuit\" ; oa:hasTarget {node[:-1]}/target> .")
            g.append(f"{node[:-1]}/target> oa:hasSource art:{article} ; oa:hasSelector {node[:-1]}/quote> .")
            g.append(f"{node[:-1]}/quote> a oa:TextQuoteSelector ; oa:exact {_lit('Acme sued her for $5 million.' if article == 'a1' else 'Acme Corp has sued Lee.')} .")
            corpus.append(f"legal:l1 nkg:reportedIn {node} ; schema:citation art:{article} .")
        lines.append(f"<{ID}graph/article/{article}> {{\n" + "\n".join(x for x in g if x) + "\n}")
    for entity, (name, kind, aliases, _) in ENTITIES.items():
        corpus.append(f"<{ID}{entity}> nkg:kind {_lit(kind)} ; schema:name {_lit(name)} .")
        corpus.extend(f"<{ID}{entity}> skos:altLabel {_lit(alias)} ." for alias in aliases)
    for statement, (text, speaker) in STATEMENTS.items():
        corpus.append(f"st:{statement} a nkg:Statement ; schema:text {_lit(text)} ; schema:creator <{ID}{speaker}> .")
    corpus.append('legal:l1 a nkg:LegalAction ; nkg:legalKind "lawsuit" ; nkg:plaintiff company:acme ; nkg:defendant person:ann-lee ;'
                  ' nkg:claimAmount <https://w3id.org/newskg/id/legal/l1/amount> ; sem:hasBeginTimeStamp "2024-02-27"^^xsd:date .')
    corpus.append('<https://w3id.org/newskg/id/legal/l1/amount> a schema:MonetaryAmount ; schema:value 5000000.0 ; schema:currency "USD" .')
    # an earlier case one article mentions for context: no parties, flagged background
    corpus.append('legal:l2 a nkg:LegalAction ; nkg:legalKind "ruling" ; nkg:court "Supreme Court" ; nkg:background true ; sem:hasBeginTimeStamp "2019-05-01"^^xsd:date ;'
                  f' nkg:reportedIn <{ID}legal-report/a1-90-99> .')
    lines.append(f"<{ID}graph/article/a1> {{ <{ID}legal-report/a1-90-99> a nkg:LegalActionReport ; oa:hasBody legal:l2 ;"
                 f" oa:hasTarget <{ID}legal-report/a1-90-99/target> . <{ID}legal-report/a1-90-99/target> oa:hasSource art:a1 . }}")
    corpus.append("person:ann-lee nkg:worksFor company:acme .")
    corpus.append(f"<{ID}relationship/r1> a nkg:StatedRelation ; nkg:relSubject person:ann-lee ; nkg:relPredicate nkg:worksFor ;"
                  f" nkg:relObject company:acme ; prov:wasDerivedFrom <{ID}evidence/a1-0-20> .")
    corpus.append(f"<{ID}evidence/a1-0-20> oa:hasTarget <{ID}evidence/a1-0-20/target> . <{ID}evidence/a1-0-20/target> oa:hasSource art:a1 .")
    lines.append(f"<{ID}graph/corpus> {{\n" + "\n".join(corpus) + "\n}")
    return "\n".join(lines)


def sample_graph() -> KnowledgeGraph:
    graph = KnowledgeGraph.memory()
    graph.store.load(sample_trig().encode("utf-8"), format=ox.RdfFormat.TRIG)
    return graph
