"""Validation: SHACL shapes (pyshacl) plus the provenance check that every span's exact text
equals its article's body at its offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from .settings import ontology_dir
from .vocab import sparql_prefixes

_SPANS = """
SELECT ?target ?article ?start ?end ?exact WHERE {
  ?target oa:hasSource ?article ; oa:hasSelector ?position, ?quote .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
}
"""
_BODIES = "SELECT ?article ?body WHERE { ?article a schema:NewsArticle ; schema:articleBody ?body }"


@dataclass
class ValidationReport:
    conforms: bool
    problems: list[str] = field(default_factory=list)
    checked: int = 0


def check_offsets(graph) -> tuple[int, list[str]]:
    """Every TextPositionSelector must cover exactly its TextQuoteSelector's text."""
    bodies = {str(row[0]): str(row[1]) for row in graph.query(sparql_prefixes() + _BODIES)}
    problems, checked = [], 0
    for target, article, start, end, exact in graph.query(sparql_prefixes() + _SPANS):
        checked += 1
        body = bodies.get(str(article))
        if body is None:
            problems.append(f"{target}: source {article} has no article body")
        elif body[int(start) : int(end)] != str(exact):
            problems.append(f"{target}: text at {start}-{end} of {article} is not the quoted text {str(exact)[:40]!r}")
    return checked, problems


def check_shapes(graph) -> list[str]:
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = Graph().parse(ontology_dir() / "newskg.ttl")
    conforms, results, _ = validate(graph.to_rdflib(), shacl_graph=shapes, ont_graph=ontology, inference="none")
    if conforms:
        return []
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        problems.append(f"{focus}: {path}: {message}")
    return sorted(problems)


def validate_graph(graph) -> ValidationReport:
    checked, problems = check_offsets(graph)
    problems.extend(check_shapes(graph))
    return ValidationReport(conforms=not problems, problems=problems, checked=checked)
