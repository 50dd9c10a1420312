"""Property-based tests: extraction never raises on arbitrary text, spans stay inside their article,
and identifiers do not depend on run or file order."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.nlp import analyse
from kg.records import Article, check_spans
from kg.graph import parse_lines
from kg.incremental import all_lines
from kg.resolve import resolve

# Text that looks like news often enough to reach the rules: words, names, quote marks of every
# style, dashes, handles, dates, newlines, plus arbitrary Unicode.
NEWSY = st.sampled_from(
    ["said", "says", "told", "according to", "wrote:", "“", "”", '"', "‘", "’", "'", "—", "–", "\n\n", "\n",
     "Jane Roe", "Acme Corp.", "the company", "she", "they", "(@handle)", "November 27, 2022", "sued", "$25 million",
     "UPDATE", "Mr.", ",", ".", ":", "pic.twitter.com/x", "𝐍𝐚𝐦𝐞"]
)
TEXT = st.lists(st.one_of(NEWSY, st.text(min_size=1, max_size=12)), min_size=1, max_size=60).map(" ".join)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_extraction_never_raises_and_every_span_is_inside_its_article(text):
    article = Article(id="prop", text=text)
    extraction = extract(analyse(article))
    check_spans(extraction)
    for span in extraction.spans():
        assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_graph_does_not_depend_on_article_order_or_rerun(texts, rng):
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    extractions = [extract(analyse(a)) for a in articles]
    first = set(parse_lines(all_lines(resolve(extractions))))
    shuffled = list(extractions)
    rng.shuffle(shuffled)
    again = set(parse_lines(all_lines(resolve([extract(analyse(e.article)) for e in shuffled]))))
    assert first == again
