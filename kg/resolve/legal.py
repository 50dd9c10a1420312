"""One LegalAction per real legal action, however many articles report it."""

from __future__ import annotations

from ..ids import short_hash
from ..records import Corpus, LegalAction


def merge_legal_actions(corpus: Corpus) -> list[LegalAction]:
    actions = []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for index, report in enumerate(extraction.legal_actions):
            plaintiffs = [p for p in (corpus.global_entity(article_id, x.key) for x in report.plaintiffs) if p]
            defendants = [d for d in (corpus.global_entity(article_id, x.key) for x in report.defendants) if d]
            actions.append(
                LegalAction(
                    id=short_hash(report.kind, *sorted(plaintiffs), "|", *sorted(defendants), article_id, str(index)),
                    kind=report.kind,
                    plaintiffs=plaintiffs,
                    defendants=defendants,
                    reports=[(article_id, index)],
                )
            )
    return actions
