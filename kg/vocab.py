"""Namespaces of the vocabularies newskg reuses, and its own."""

from __future__ import annotations

NKG = "https://w3id.org/newskg/ns#"
ID = "https://w3id.org/newskg/id/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "nkg": NKG,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "sem": SEM,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "art": ID + "article/",
    "st": ID + "statement/",
    "rep": ID + "report/",
    "person": ID + "person/",
    "org": ID + "organization/",
    "company": ID + "company/",
    "brand": ID + "brand/",
    "outlet": ID + "news_outlet/",
    "platform": ID + "platform/",
    "legal": ID + "legal/",
}

CORPUS_GRAPH = ID + "graph/corpus"


def article_graph(article_id: str) -> str:
    """The named graph holding one article's own facts, so they can be dropped and re-added."""
    return f"{ID}graph/article/{article_id}"


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
