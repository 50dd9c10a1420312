"""Records loaded from the extraction cache share their field-name sets (kg/compact.py) and
behave exactly as before."""

from __future__ import annotations

from kg.cache import dump_extraction, load_extraction
from kg.compact import share_field_sets
from kg.records import Article, EntityKind, Extraction, LocalEntity, Mention, Quote, Span

TEXT = (
    "Mira Castellanos, the harbour commissioner, said the port would reopen on Monday. "
    "\u201cWe are not there yet,\u201d Castellanos told reporters."
)


def _extraction() -> Extraction:
    article = Article(id="harbour", text=TEXT, title="Port to reopen")
    name = Span.at(article, 0, 16)
    surname = Span.at(article, TEXT.index("Castellanos told"), TEXT.index(" told"))
    quote = Span.at(article, TEXT.index("We are"), TEXT.index("yet") + 3)
    person = LocalEntity(
        key="e0",
        name="Mira Castellanos",
        kind=EntityKind.PERSON,
        mentions=[Mention(span=name), Mention(span=surname)],
    )
    return Extraction(
        article=article,
        entities=[person],
        quotes=[Quote(span=quote, cue="told", cue_lemma="tell", speaker_mention=surname, speaker_key="e0")],
    )


def test_loaded_records_equal_the_extraction_that_was_cached():
    original = _extraction()
    loaded = load_extraction(dump_extraction(original), original.article)
    assert loaded == original
    assert loaded.model_dump() == original.model_dump()
    # every field of a cached record was given (the cache writes them all), as before sharing
    assert loaded.quotes[0].model_dump_json(exclude_unset=True) == original.quotes[0].model_dump_json()


def test_complete_records_of_one_class_share_one_field_set():
    original = _extraction()
    loaded = load_extraction(dump_extraction(original), original.article)
    spans = [m.span for m in loaded.entities[0].mentions] + [loaded.quotes[0].span]
    assert len({id(s.__pydantic_fields_set__) for s in spans}) == 1
    assert spans[0].model_fields_set == {"article_id", "start", "end", "text"}
    # a freshly built record keeps its own set
    fresh = _extraction().quotes[0].span
    assert fresh.__pydantic_fields_set__ is not spans[0].__pydantic_fields_set__


def test_assigning_a_field_changes_only_that_record():
    original = _extraction()
    loaded = load_extraction(dump_extraction(original), original.article)
    first, second = loaded.entities[0].mentions
    first.kind = "pronoun"
    assert (first.kind, second.kind) == ("pronoun", "name")
    assert first.model_fields_set == second.model_fields_set == {"span", "kind"}
    assert original.entities[0].mentions[0].kind == "name"


def test_a_record_with_fields_left_to_their_defaults_keeps_its_own_set():
    article = Article(id="a", text="Ada spoke.")
    mention = Mention(span=Span.at(article, 0, 3))  # kind left to its default
    share_field_sets(mention)
    assert mention.model_fields_set == {"span"}
    mention.kind = "handle"
    assert mention.model_fields_set == {"span", "kind"}
    assert Mention(span=Span.at(article, 0, 3)).model_fields_set == {"span"}
