"""RDF terms written as N-Triples text, exactly as pyoxigraph writes them (`str(term)`).

The mapping makes about a thousand triples per article. Made as pyoxigraph objects, each IRI
was parsed and each quad built and serialised again before the store parsed it back: most of
the mapping's time. As text, a quad line is a few string joins, and the store's bulk loader
parses it once. A line is `str(quad)`'s form (`<s> <p> "o" <g>`, no final ` .`), the form the
corpus graph's saved lines already have (kg/memo.py, kg/state.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# characters an IRIREF may not hold (N-Triples grammar); the mapping's IRIs are minted from
# slugs, safe ids and numbers, so one of these is a bug, caught here rather than in the store
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')
# pyoxigraph's escapes: the short forms N-Triples has, \uXXXX (upper-case hex) for other controls.
# The common ones by str.replace (one C pass each: translate was a third of the literals' time).
_COMMON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_RARE = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_RARE_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F) if chr(code) not in "\n\r\t"}
_RARE_ESCAPES.update({ord("\b"): "\\b", ord("\f"): "\\f"})


@lru_cache(maxsize=1 << 14)  # predicates and classes recur on every node
def iri(value: str) -> str:
    """`<value>`; ValueError if `value` holds a character no IRI may hold."""
    if not value or _NOT_IN_IRI.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def iri_value(term: str) -> str:
    """The IRI of a term made by `iri`."""
    return term[1:-1]


def literal(value: str, datatype: str | None = None) -> str:
    """A literal: a plain string, or typed with the `datatype` IRI."""
    if _ESCAPED.search(value):
        for char, escape in _COMMON_ESCAPES:
            value = value.replace(char, escape)
        if _RARE.search(value):
            value = value.translate(_RARE_ESCAPES)
    quoted = f'"{value}"'
    return quoted if datatype is None or datatype == XSD_STRING else f"{quoted}^^{iri(datatype)}"
