"""Stored queries with realistic parameters, for tests that compare stores."""

from __future__ import annotations

from kg.queries import stored_queries


def parameter_cases(graph) -> list[tuple[str, dict[str, str]]]:
    """Every stored query with no parameter (unless one is required) and with each parameter,
    the values taken from the graph's own rows."""
    from kg import run_query

    said = run_query(graph, "who-said-what").records()
    spoken = next(r for r in said if r["speaker"])
    values = {"speaker": spoken["speaker"].split()[-1], "entity": spoken["speaker"].split()[-1], "source": said[0]["source"],
              "statement": said[0]["statement"], "kind": "person"}
    cases = []
    for name, query in stored_queries().items():
        required = {p.name: values[p.name] for p in query.params if p.required}
        cases.append((name, required))
        cases += [(name, {**required, p.name: values[p.name]}) for p in query.params if not p.required]
    return cases
