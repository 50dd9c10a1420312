"""Entities of one article: people, organizations, brands, companies, outlets, platforms."""

from __future__ import annotations

from ..nlp import Analysed
from ..records import EntityKind, LocalEntity, Mention, Relation, Span

_LABEL_KIND = {"PERSON": EntityKind.PERSON, "ORG": EntityKind.ORGANIZATION}


def extract_entities(analysed: Analysed) -> tuple[list[LocalEntity], list[Relation]]:
    article, doc = analysed.article, analysed.doc
    by_name: dict[str, LocalEntity] = {}
    for ent in doc.ents:
        kind = _LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        name = ent.text.strip()
        entity = by_name.get(name.lower())
        if entity is None:
            entity = by_name[name.lower()] = LocalEntity(key=f"e{len(by_name)}", name=name, kind=kind)
        entity.mentions.append(Mention(span=Span.at(article, ent.start_char, ent.end_char)))
    return list(by_name.values()), []
