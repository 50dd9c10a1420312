"""Merging one statement reported by several articles into one Statement."""

from __future__ import annotations

import random

from kg.records import Article, Corpus, DateValue, Extraction, Quote, Span
from kg.resolve.statements import merge_statements, normalise

STATEMENT = (
    "We are deeply sorry for the delays our passengers faced this week. "
    "The outage was caused by a failure in a third-party booking system. "
    "We have added staff at every hub and expect normal service by Friday. "
    "Every affected customer will receive a full refund. "
    "We will publish a full review of what went wrong."
)


def article_with(article_id: str, quotes: list[tuple[str, str | None, str | None]], filler: str = "Reporting. ") -> Extraction:
    """An extraction whose text holds each quote; each is (text, local speaker key, said date)."""
    text = filler
    spans = []
    for wording, _, _ in quotes:
        spans.append((len(text), len(text) + len(wording)))
        text += wording + " Meanwhile. "
    article = Article(id=article_id, text=text)
    records = [
        Quote(span=Span.at(article, s, e), speaker_key=key, said=DateValue(start=said, text=said) if said else None)
        for (s, e), (_, key, said) in zip(spans, quotes)
    ]
    return Extraction(article=article, quotes=records)


def corpus_of(extractions: list[Extraction], speakers: dict[str, str]) -> Corpus:
    """`speakers` maps local key -> global entity id in every article."""
    entity_of = {f"{x.article.id}\x1f{key}": gid for x in extractions for key, gid in speakers.items()}
    return Corpus(extractions=extractions, entity_of=entity_of)


SPEAKERS = {"air": "company/skyway-air", "ceo": "person/lena-park", "union": "organization/pilots-union"}


def reworded_reports() -> list[Extraction]:
    sentences = STATEMENT.split(". ")
    whole = article_with("a-wire", [(STATEMENT, "air", "2024-05-02")])
    # A changed word and a dropped phrase, as one quote.
    edited = STATEMENT.replace("deeply sorry", "truly sorry").replace(" at every hub", "")
    changed = article_with("b-daily", [(edited, "air", "2024-05-02")])
    # Split into three quotes across paragraphs, one sentence left out.
    parts = [". ".join(sentences[:2]) + ".", sentences[2] + ".", sentences[4]]
    split = article_with("c-local", [(p, "air", None) for p in parts])
    return [whole, changed, split]


def test_one_statement_many_renderings():
    statements = merge_statements(corpus_of(reworded_reports(), SPEAKERS))
    assert len(statements) == 1
    statement = statements[0]
    assert statement.speaker == "company/skyway-air"
    assert len(statement.reports) == 5 and {a for a, _ in statement.reports} == {"a-wire", "b-daily", "c-local"}
    assert statement.text == STATEMENT
    assert statement.said is not None and statement.said.start == "2024-05-02"


def test_ids_do_not_depend_on_input_order():
    first = merge_statements(corpus_of(reworded_reports(), SPEAKERS))
    shuffled = reworded_reports()
    random.Random(7).shuffle(shuffled)
    second = merge_statements(corpus_of(shuffled, SPEAKERS))
    assert [(s.id, s.reports) for s in first] == [(s.id, s.reports) for s in second]


def test_statements_sharing_a_phrase_stay_apart():
    shared = "We remain committed to our customers."
    one = f"Ticket prices will rise by four percent in June. {shared} Fuel costs left us no choice."
    two = f"Our new route to Lisbon opens in the autumn. {shared} Bookings open on Monday."
    corpus = corpus_of([article_with("a", [(one, "air", None)]), article_with("b", [(two, "air", None)])], SPEAKERS)
    assert len(merge_statements(corpus)) == 2


def test_same_words_different_speakers_stay_apart():
    line = "This agreement protects every worker at the airline."
    corpus = corpus_of([article_with("a", [(line, "ceo", None)]), article_with("b", [(line, "union", None)])], SPEAKERS)
    statements = merge_statements(corpus)
    assert sorted(s.speaker for s in statements) == ["organization/pilots-union", "person/lena-park"]
    assert len({s.id for s in statements}) == 2


def test_disagreeing_dates_leave_said_empty():
    corpus = corpus_of(
        [article_with("a", [(STATEMENT, "air", "2024-05-02")]), article_with("b", [(STATEMENT, "air", "2024-05-03")])],
        SPEAKERS,
    )
    [statement] = merge_statements(corpus)
    assert statement.said is None and len(statement.reports) == 2


def test_partial_quotes_attach_to_their_speakers_statement_only():
    corpus = corpus_of(
        [
            article_with("a", [(STATEMENT, "air", None)]),
            article_with("b", [("a failure in a third-party booking system", "air", None), ("full refund", "air", None)]),
            article_with("c", [("full refund", "union", None)]),
        ],
        SPEAKERS,
    )
    statements = merge_statements(corpus)
    airline = next(s for s in statements if s.speaker == "company/skyway-air")
    assert ("b", 0) in airline.reports and ("b", 1) in airline.reports
    assert any(s.speaker == "organization/pilots-union" and s.reports == [("c", 0)] for s in statements)


def test_unattributed_report_joins_on_close_wording_only():
    corpus = corpus_of(
        [
            article_with("a", [(STATEMENT, "air", None)]),
            article_with("b", [(STATEMENT.replace("this week", "in recent days"), None, None)]),
            article_with("c", [("We will look at what went wrong with the booking system soon.", None, None)]),
        ],
        SPEAKERS,
    )
    statements = merge_statements(corpus)
    assert len(statements) == 2
    assert sorted(merge_statements(corpus)[0].reports) == [("a", 0), ("b", 0)]


def test_identical_wording_is_one_statement_but_short_unattributed_phrases_stay_apart():
    phrase = "the timetable looked tight"  # five words, no speaker: could be anyone's
    corpus = corpus_of(
        [
            article_with("a", [("Every affected customer will receive a full refund.", "air", None), (phrase, None, None)]),
            article_with("b", [("Every affected customer will receive a full refund.", "air", None), (phrase, None, None)]),
            article_with("c", [("every affected customer will receive a full refund", "air", None), (phrase, None, None)]),
        ],
        SPEAKERS,
    )
    statements = merge_statements(corpus)
    refund = [s for s in statements if s.speaker == "company/skyway-air"]
    assert len(refund) == 1 and refund[0].reports == [("a", 0), ("b", 0), ("c", 0)]
    loose = [s for s in statements if s.speaker is None]
    assert sorted(s.reports for s in loose) == [[("a", 1)], [("b", 1)], [("c", 1)]]


def test_normalise_ignores_typography():
    assert normalise("We’re “re-evaluating” — period.") == normalise("we're \"reevaluating\" - period")


# --------------------------------------------------------------------------- the seeds: five outlets, one story


def test_seed_statements_merge_across_outlets():
    from tests.test_quotes import SEED_PEOPLE, SEEDS, make_entities
    from kg.extract.quotes import extract_quotes
    from kg.nlp import Analysed, load
    from kg.sources import read_articles

    nlp = load()
    extractions, entity_of = [], {}
    for article in read_articles([SEEDS]):
        entities = make_entities(article, SEED_PEOPLE)
        quotes = extract_quotes(Analysed(article, nlp(article.text)), entities)
        extractions.append(Extraction(article=article, entities=entities, quotes=quotes))
        entity_of.update({f"{article.id}\x1f{e.key}": f"x/{e.name}" for e in entities})
    statements = merge_statements(Corpus(extractions=extractions, entity_of=entity_of))

    def holding(fragment: str):
        return [s for s in statements if any(fragment in extractions_quote(extractions, a, i) for a, i in s.reports)]

    quiet = holding("I have been quiet for the past few days")
    assert len(quiet) == 1 and quiet[0].speaker == "x/Kim Kardashian"
    assert {a[:3] for a, _ in quiet[0].reports} == {"000", "001", "002", "003", "004"}
    assert quiet[0].said is not None and quiet[0].said.start == "2022-11-27"
    apology = holding("We sincerely apolog")
    assert len(apology) == 1 and apology[0].speaker == "x/Balenciaga"
    assert {a[:3] for a, _ in apology[0].reports} == {"000", "001", "002", "003"}
    photographer = holding("I must stress")
    assert len(photographer) == 1 and photographer[0].speaker is None and len(photographer[0].reports) == 2
    # Nobody's words end up under someone else's name.
    for statement in statements:
        speakers = {quote_of(extractions, a, i).speaker_key and f"x/{entity_name(extractions, a, i)}" for a, i in statement.reports}
        assert len(speakers - {None}) <= 1


def quote_of(extractions, article_id, index):
    return next(x for x in extractions if x.article.id == article_id).quotes[index]


def extractions_quote(extractions, article_id, index) -> str:
    return quote_of(extractions, article_id, index).text


def entity_name(extractions, article_id, index):
    extraction = next(x for x in extractions if x.article.id == article_id)
    return extraction.entity(extraction.quotes[index].speaker_key).name
