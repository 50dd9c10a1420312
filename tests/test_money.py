"""Amounts of money: many printed formats -> value + ISO 4217 code, with verbatim spans."""

from __future__ import annotations

import pytest

from kg.extract.money import find_money, parse_money
from kg.nlp import load
from kg.records import Article


@pytest.fixture(scope="module")
def nlp():
    return load()


def amounts(nlp, text: str):
    article = Article(id="m", text=text)
    found = find_money(article, nlp(text))
    for money in found:
        money.span.verify(article)
    return [(m.span.text, m.value, m.currency) for m in found]


@pytest.mark.parametrize(
    ("sentence", "printed", "value", "currency"),
    [
        ("The label filed a $25 million lawsuit on Monday.", "$25 million", 25_000_000, "USD"),
        ("Regulators fined the bank €3.5m for the breach.", "€3.5m", 3_500_000, "EUR"),
        ("The council paid £200,000 in legal costs.", "£200,000", 200_000, "GBP"),
        ("She is seeking 10 million dollars in damages.", "10 million dollars", 10_000_000, "USD"),
        ("The deal is worth $1.2bn, analysts said.", "$1.2bn", 1_200_000_000, "USD"),
        ("The star claimed Rs 5 crore from the producer.", "Rs 5 crore", 50_000_000, "INR"),
        ("The club was ordered to pay 3 million euros.", "3 million euros", 3_000_000, "EUR"),
        ("Investors lost US$40 million in the scheme.", "US$40 million", 40_000_000, "USD"),
        ("The province won C$10 million in the ruling.", "C$10 million", 10_000_000, "CAD"),
        ("A $1.5-million fine was imposed.", "$1.5-million", 1_500_000, "USD"),
        ("He was awarded $400k by the jury.", "$400k", 400_000, "USD"),
        ("The startup raised ¥300 million last year.", "¥300 million", 300_000_000, "JPY"),
    ],
)
def test_formats(nlp, sentence, printed, value, currency):
    assert amounts(nlp, sentence) == [(printed, value, currency)]


def test_symbols_the_tokenizer_glues_or_splits(nlp):
    assert amounts(nlp, "They paid Rs. 500 crore and HK$3 billion and S$4 million and NZ$5m.") == [
        ("Rs. 500 crore", 5_000_000_000, "INR"),
        ("HK$3 billion", 3_000_000_000, "HKD"),
        ("S$4 million", 4_000_000, "SGD"),
        ("NZ$5m", 5_000_000, "NZD"),  # not the full stop after it
    ]


def test_several_amounts_in_order(nlp):
    text = "The suit seeks $5M in damages and £2.5 million in costs, plus 700,000 euros in fees."
    assert amounts(nlp, text) == [
        ("$5M", 5_000_000, "USD"),
        ("£2.5 million", 2_500_000, "GBP"),
        ("700,000 euros", 700_000, "EUR"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The video drew 25 million viewers in 2022.",
        "About 1,000 people marched on Sunday.",
        "The team won 3-1 in the 90th minute.",
        "She ran 10 million steps over the decade.",
    ],
)
def test_numbers_that_are_not_money(nlp, sentence):
    assert amounts(nlp, sentence) == []


def test_parse_money_alone():
    assert parse_money("$25 million") == (25_000_000, "USD")
    assert parse_money("€3.5m") == (3_500_000, "EUR")
    assert parse_money("2 billion yen") == (2_000_000_000, "JPY")
    assert parse_money("twenty people") is None
    assert parse_money("25 million") is None  # no currency: not money
