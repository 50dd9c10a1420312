"""One Statement per thing someone said; one Report per article that reports it."""

from __future__ import annotations

from ..ids import short_hash
from ..records import Corpus, Statement


def merge_statements(corpus: Corpus) -> list[Statement]:
    statements = []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for index, quote in enumerate(extraction.quotes):
            speaker = corpus.global_entity(article_id, quote.speaker_key)
            statements.append(
                Statement(
                    id=short_hash(speaker or "", quote.text),
                    text=quote.text,
                    speaker=speaker,
                    said=quote.said,
                    reports=[(article_id, index)],
                )
            )
    return statements
