"""When a statement was made, from the words near it: `on March 3`, `Tuesday morning`, an update stamp.

Only expressions that name a day are used (a weekday, a month and day, a numeric
date, `yesterday`); durations like `the past few days` are not dates of saying.
Resolution against the article date is `kg.extract.dates.resolve_date`'s job.
"""

from __future__ import annotations

import re

from datetime import date

from ..records import Article, DateValue
from .dates import anchor_date, resolve_date

_DAY_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night|this morning|"
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b"
    r"|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
# A month alone (`in March`) or a bare year is too vague for the day something was said.
_NEEDS_DAY = re.compile(r"\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night|this morning", re.I)
# `(UPDATE: 3/12/24 AT 9:15 P.M. ET):`, `7:30 AM PT — 3/12 —` heading a paragraph.
_STAMP = re.compile(
    r"\A\W{0,3}(?:updated?\W{0,3})?(?:\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*[a-z]{0,4}\s*[—–-]+\s*)?(?P<date>\d{1,2}/\d{1,2}(?:/\d{2,4})?)",
    re.I,
)


class SaidDates:
    """Finds and resolves the date of saying for quotes of one article."""

    def __init__(self, article: Article, doc, quoted: list[tuple[int, int]]):
        self.article = article
        self.anchor = anchor_date(article)
        self.quoted = list(quoted)  # quotations and embedded posts: their dates are not when the quote was said
        self.ents = [
            e for e in doc.ents
            if e.label_ in ("DATE", "TIME") and _DAY_WORDS.search(e.text) and _NEEDS_DAY.search(e.text)
        ]

    def exclude(self, start: int, end: int) -> None:
        self.quoted.append((start, end))

    def _inside(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def resolve(self, text: str, confidence: float = 0.9, anchor: date | None = None) -> DateValue | None:
        try:
            value = resolve_date(text, anchor or self.anchor)
        except Exception:  # a date we cannot read is no date, never a failed extraction
            return None
        if value is not None:
            value.confidence = min(value.confidence, confidence)
        return value

    def in_range(self, start: int, end: int, confidence: float = 0.9, anchor: date | None = None) -> DateValue | None:
        """The date expression in text[start:end] nearest its end; relative ones against `anchor` if given."""
        for ent in reversed(self.ents):
            if not (start <= ent.start_char and ent.end_char <= end) or self._inside(ent.start_char):
                continue  # the cheap test first: most dates lie outside the stretch
            value = self.resolve(ent.text, confidence, anchor)
            if value:
                return value
        return None

    def stamp(self, paragraph_start: int, paragraph_end: int) -> DateValue | None:
        """The update stamp that heads a paragraph (or stands on the line before it)."""
        for update in self.article.updates:
            if update.start is None or update.end is None or not update.when:
                continue
            if update.start <= paragraph_start + 40 and update.end >= paragraph_start - 12 and update.start < paragraph_end:
                return DateValue(start=update.when[:10], text=update.label, confidence=0.7)
        match = _STAMP.match(self.article.text[paragraph_start:paragraph_end])
        if match:
            return self.resolve(_four_digit_year(match.group("date")), 0.7)
        return None

    def stamp_day(self, paragraph_start: int, paragraph_end: int) -> date | None:
        """The day a paragraph's update stamp gives: relative dates in it count from there."""
        value = self.stamp(paragraph_start, paragraph_end)
        try:
            return date.fromisoformat(value.start[:10]) if value else None
        except ValueError:
            return None


def _four_digit_year(numeric: str) -> str:
    parts = numeric.split("/")
    if len(parts) == 3 and len(parts[2]) == 2:
        parts[2] = "20" + parts[2]
    return "/".join(parts)
