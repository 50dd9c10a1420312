"""Extractors: pure functions from one analysed article to records. None writes RDF."""

from __future__ import annotations

from ..nlp import Analysed
from ..records import Extraction, check_spans


def extract(analysed: Analysed) -> Extraction:
    """Entities first (speakers and parties resolve to them), then statements, then legal actions."""
    # imported here: the extractors need spaCy, and importing this package (for `aliases`, `dates`)
    # must not import it for commands that never analyse text (`kg query` starts a second sooner)
    from .entities import extract_entities
    from .legal import extract_legal_actions
    from .quotes import extract_quotes

    try:
        entities, relations = extract_entities(analysed)
        quotes = extract_quotes(analysed, entities)
        legal = extract_legal_actions(analysed, entities, quotes)
    finally:
        analysed.doc.user_data.pop("kg_tokens", None)  # Tokens point back at their Doc: a cycle to break
        analysed.doc.user_data.pop("kg_lowers", None)
    extraction = Extraction(
        article=analysed.article, entities=entities, relations=relations, quotes=quotes, legal_actions=legal
    )
    check_spans(extraction)
    return extraction
