"""Cross-document resolution: one id per real-world entity, statement and legal action."""

from __future__ import annotations

from ..compact import share_field_sets
from ..records import Corpus, Extraction, Relationship
from .entities import resolve_entities
from .legal import merge_legal_actions
from .statements import merge_statements


def resolve(extractions: list[Extraction]) -> Corpus:
    """Resolve a corpus. Input order does not matter: articles are taken sorted by id."""
    extractions = sorted(extractions, key=lambda e: e.article.id)
    entities, entity_of = resolve_entities(extractions)
    for entity in entities:
        share_field_sets(entity)  # and their merge reasons, one per name merged: over 100,000 at 10,000 articles
    corpus = Corpus(extractions=extractions, entities=entities, entity_of=entity_of)
    corpus.statements = merge_statements(corpus)
    corpus.legal_actions = merge_legal_actions(corpus)
    corpus.relationships = collect_relationships(corpus)
    return corpus


def collect_relationships(corpus: Corpus) -> list[Relationship]:
    """Stated relations between entities, one per (subject, predicate, object), with every source span."""
    merged: dict[tuple[str, str, str], Relationship] = {}
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for relation in extraction.relations:
            subject = corpus.global_entity(article_id, relation.subject)
            obj = corpus.global_entity(article_id, relation.object)
            if not subject or not obj or subject == obj:
                continue
            key = (subject, relation.predicate, obj)
            merged.setdefault(key, Relationship(subject=subject, predicate=relation.predicate, object=obj, sources=[]))
            merged[key].sources.append(relation.span)
    return [merged[k] for k in sorted(merged)]
