"""One entity per real-world person or organization across the articles of a build."""

from __future__ import annotations

from ..ids import slug
from ..records import Entity, Extraction


def resolve_entities(extractions: list[Extraction]) -> tuple[list[Entity], dict[str, str]]:
    by_key: dict[tuple[str, str], Entity] = {}
    entity_of: dict[str, str] = {}
    for extraction in extractions:
        article_id = extraction.article.id
        for local in extraction.entities:
            key = (local.kind.value, local.name.lower())
            entity = by_key.get(key)
            if entity is None:
                entity = by_key[key] = Entity(id=f"{local.kind.value}/{slug(local.name)}", name=local.name, kind=local.kind)
            for alias in [local.name, *local.aliases]:
                entity.aliases.setdefault(alias, [])
                if article_id not in entity.aliases[alias]:
                    entity.aliases[alias].append(article_id)
            entity.mentions.extend(local.mentions)
            entity.attributes.extend(local.attributes)
            entity.local_keys.append((article_id, local.key))
            entity_of[f"{article_id}\x1f{local.key}"] = entity.id
    return sorted(by_key.values(), key=lambda e: e.id), entity_of
