"""Amounts of money in text: `$40 million`, `€3.5m`, `£200,000`, `10 million dollars`, `$1.2bn`, `Rs 5 crore`.

A spaCy Matcher over tokens (the statistical MONEY entity misses `€3.5m` and `Rs 5 crore`), then a small
parser turns the matched tokens into a value and an ISO 4217 code.
"""

from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as SpacySpan
from spacy.util import filter_spans

from ..records import Article, Money, Span

# Printed before the number. A bare `$` is read as US dollars: news copy marks other dollars (C$, A$, HK$).
SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "a$": "AUD", "au$": "AUD",
    "aud": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "chf": "CHF", "cny": "CNY",
    "rmb": "CNY", "₩": "KRW", "krw": "KRW", "₽": "RUB", "r$": "BRL", "₺": "TRY", "sek": "SEK", "nok": "NOK",
}  # fmt: skip
# Printed after the number.
WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "franc": "CHF", "francs": "CHF", "won": "KRW", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_SCALE_WORDS = [w for w in SCALES if len(w) > 1 or w in {"m", "k", "b"}]

# `25`, `200,000`, `3.5`, or a number with its scale glued on: `1.2bn`, `400k`, `5M`.
_NUMBER = r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?(?:k|m|mn|bn|b|tn)?$"
_SPLIT = re.compile(r"^(?P<num>[\d,]*\.?\d+)(?P<scale>k|m|mn|bn|b|tn)?$", re.I)

_SCALE_WORDS += [w + "." for w in _SCALE_WORDS if len(w) <= 3]  # `NZ$5m.` at a sentence end
# A symbol glued to its number by the tokenizer: `HK$3`, `S$4`, `NZ$5m`.
_GLUED = r"^(?:[A-Za-z]{1,2})\$\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|b|tn)?$"

_PATTERNS = [
    # HK$3 billion, NZ$5m
    [{"TEXT": {"REGEX": _GLUED}}, {"LOWER": {"IN": _SCALE_WORDS}, "OP": "?"}],
    # Rs. 500 crore (the tokenizer splits `Rs.`)
    [{"LOWER": "rs"}, {"TEXT": "."}, {"TEXT": {"REGEX": _NUMBER}}, {"LOWER": {"IN": _SCALE_WORDS}, "OP": "?"}],
    # $40 million, €3.5m (tokenised `€` `3.5` `m`), US$40 million, $1.5-million, Rs 5 crore
    [
        {"LOWER": {"IN": list(SYMBOLS)}},
        {"TEXT": {"REGEX": _NUMBER}},
        {"TEXT": "-", "OP": "?"},
        {"LOWER": {"IN": _SCALE_WORDS}, "OP": "?"},
        {"LOWER": {"IN": list(WORDS)}, "OP": "?"},
    ],
    # 10 million dollars, 3 million euros, 2,000 pounds, 5 crore rupees
    [
        {"TEXT": {"REGEX": _NUMBER}},
        {"LOWER": {"IN": _SCALE_WORDS}, "OP": "?"},
        {"LOWER": {"IN": list(WORDS)}},
    ],
]

_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab) -> Matcher:
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        matcher = Matcher(vocab)
        matcher.add("MONEY", _PATTERNS)
        _MATCHERS[id(vocab)] = matcher
    return matcher


def money_spans(doc_or_span: Doc | SpacySpan) -> list[SpacySpan]:
    """Token spans that print an amount of money, longest first-come, non-overlapping, in text order."""
    doc = doc_or_span.doc if isinstance(doc_or_span, SpacySpan) else doc_or_span
    offset = doc_or_span.start if isinstance(doc_or_span, SpacySpan) else 0
    found = [doc[offset + s : offset + e] for _, s, e in _matcher(doc.vocab)(doc_or_span)]
    return sorted(filter_spans(found), key=lambda s: s.start)


def parse_money(text: str) -> tuple[float, str] | None:
    """`$40 million` -> (40000000.0, 'USD'); None when `text` is not an amount this module knows."""
    tokens = re.findall(r"[A-Za-z]{1,3}\$|[$€£¥₹₩₽₺]|[\d,]*\.?\d+[A-Za-z]*|[A-Za-z]+\.?", text)
    currency, value, scale = None, None, 1.0
    for token in tokens:
        lower = token.lower()
        if lower not in SYMBOLS:
            lower = lower.rstrip(".")  # `m.` at a sentence end
        number = _SPLIT.match(lower)
        if number and value is None:
            try:
                value = float(number["num"].replace(",", ""))
            except ValueError:
                return None
            if number["scale"]:
                scale = SCALES[number["scale"]]
        elif lower in SYMBOLS and currency is None and value is None:
            currency = SYMBOLS[lower]
        elif lower in SCALES and value is not None and scale == 1.0:
            scale = SCALES[lower]
        elif lower in WORDS and value is not None and currency is None:
            currency = WORDS[lower]
    if value is None or currency is None:
        return None
    return round(value * scale, 2), currency


def find_money(article: Article, doc_or_span: Doc | SpacySpan) -> list[Money]:
    """Every amount of money in `doc_or_span`, as Money with a verbatim span of `article.text`."""
    amounts = []
    for span in money_spans(doc_or_span):
        parsed = parse_money(span.text)
        if parsed:
            value, currency = parsed
            end = span.end_char - 1 if span[-1].text.endswith(".") and span[-1].lower_.rstrip(".") in SCALES else span.end_char
            amounts.append(Money(value=value, currency=currency, span=Span.at(article, span.start_char, end)))
    return amounts
