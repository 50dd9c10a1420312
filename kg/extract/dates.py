"""Dates: an article's publication and update stamps; event dates resolved against the article date."""

from __future__ import annotations

from datetime import date, datetime

from ..records import Article, DateValue


def article_dates(article: Article) -> Article:
    """Normalise `published` to ISO 8601 and collect update stamps from the body."""
    return article


def anchor_date(article: Article) -> date | None:
    """The date relative expressions in the article resolve against."""
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published[:10]).date()
    except ValueError:
        return None


def resolve_date(text: str, anchor: date | None) -> DateValue | None:
    """`on Nov. 27`, `Sunday evening`, `Monday, Nov. 28` -> a DateValue, resolved against `anchor`."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return DateValue(start=parsed.date().isoformat(), text=text)
