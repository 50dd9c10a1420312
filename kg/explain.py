"""`kg explain`: why an entity is what it is — its names, kinds, mentions per source, merge reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import NewsKGError
from .vocab import sparql_prefixes

_FIND = """
SELECT DISTINCT ?e ?name WHERE {
  ?e nkg:kind ?k ; schema:name ?name .
  { ?e schema:name ?label } UNION { ?e skos:altLabel ?label } UNION { ?e nkg:handle ?label }
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR($arg_wanted))))
} ORDER BY ?name
"""
_DETAILS = """
SELECT ?what ?value WHERE {
  { ?e nkg:kind ?value . BIND("kind" AS ?what) }
  UNION { ?e skos:altLabel ?value . BIND("alias" AS ?what) }
  UNION { ?e nkg:handle ?value . BIND("handle" AS ?what) }
  UNION { ?e schema:description ?value . BIND("role" AS ?what) }
  UNION { ?e nkg:mergedFrom ?m . ?m nkg:alias ?alias ; rdfs:comment ?why ; prov:wasDerivedFrom/schema:identifier ?src .
          BIND("merge" AS ?what) BIND(CONCAT(?alias, " (", ?src, "): ", ?why) AS ?value) }
} ORDER BY ?what ?value
"""
_MENTIONS = """
SELECT ?source ?surface (COUNT(?m) AS ?times) WHERE {
  ?m oa:hasBody ?e ; a nkg:Mention ; oa:hasTarget ?t .
  ?t oa:hasSource/schema:identifier ?source ; oa:hasSelector ?q . ?q oa:exact ?surface .
} GROUP BY ?source ?surface ORDER BY ?source ?surface
"""


@dataclass
class Explanation:
    iri: str
    name: str
    details: dict[str, list[str]] = field(default_factory=dict)
    mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def explain(graph, wanted: str) -> list[Explanation]:
    """Every entity whose name, alias or handle contains `wanted` (case-insensitive)."""
    found = _find(graph, wanted)
    if not found:
        raise NewsKGError(f"no entity named like {wanted!r}; try `kg query entities`")
    result = []
    for iri, name in found:
        explanation = Explanation(iri=iri, name=name)
        for what, value in graph.query(sparql_prefixes() + _DETAILS.replace("?e", f"<{iri}>")):
            explanation.details.setdefault(str(what), []).append(str(value))
        for source, surface, times in graph.query(sparql_prefixes() + _MENTIONS.replace("?e", f"<{iri}>")):
            explanation.mentions.setdefault(str(source), []).append((str(surface), int(times)))
        result.append(explanation)
    return result


def _find(graph, wanted: str) -> list[tuple[str, str]]:
    from .queries import StoredQuery, bind

    query = StoredQuery.parse("# param: wanted string required\n" + _FIND, "explain")
    return [(str(e), str(name)) for e, name in graph.query(bind(query, {"wanted": wanted}))]
