"""Statements of one article: direct quotes, embedded posts, reported speech."""

from __future__ import annotations

import re

from ..nlp import Analysed
from ..records import LocalEntity, Quote, Span

_QUOTED = re.compile(r"[“\"]([^”\"]{20,})[”\"]")


def extract_quotes(analysed: Analysed, entities: list[LocalEntity]) -> list[Quote]:
    article = analysed.article
    return [Quote(span=Span.at(article, m.start(1), m.end(1))) for m in _QUOTED.finditer(article.text)]
