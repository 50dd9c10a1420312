"""Provenance is enforced by the records themselves."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kg.records import Article, Extraction, Mention, LocalEntity, EntityKind, Quote, Span, check_spans

ARTICLE = Article(id="a1", text="The senator said: “We will vote no.”")


def test_span_at_is_verbatim():
    span = Span.at(ARTICLE, 19, 35)
    assert span.text == "We will vote no."


def test_span_outside_the_article_cannot_be_built():
    with pytest.raises(ValueError):
        Span.at(ARTICLE, 10, 999)


def test_span_text_length_must_match_offsets():
    with pytest.raises(ValidationError):
        Span(article_id="a1", start=0, end=3, text="The senator")


def test_report_and_mention_need_article_and_offsets():
    with pytest.raises(ValidationError):
        Quote(span=None)
    with pytest.raises(ValidationError):
        Mention(span={"start": 0, "end": 3, "text": "The"})


def test_check_spans_rejects_text_that_is_not_at_its_offsets():
    forged = Span(article_id="a1", start=0, end=3, text="Xyz")
    extraction = Extraction(
        article=ARTICLE,
        entities=[LocalEntity(key="e0", name="X", kind=EntityKind.PERSON, mentions=[Mention(span=forged)])],
    )
    with pytest.raises(ValueError, match="does not match"):
        check_spans(extraction)


def test_article_hash_follows_the_text():
    other = ARTICLE.model_copy(update={"text": ARTICLE.text + " "})
    assert ARTICLE.sha256 != other.sha256 and len(ARTICLE.sha256) == 64
