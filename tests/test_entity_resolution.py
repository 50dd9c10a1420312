"""Cross-article entity resolution: what merges, what must not, ids, aliases and reasons."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.extract.entities import extract_entities
from kg.nlp import Analysed, load
from kg.records import Article, Attribute, EntityKind, Extraction, LocalEntity, Mention, Span
from kg.resolve.entities import resolve_entities
from kg.sources import read_articles

K = EntityKind
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load()


def extraction(nlp, article_id: str, text: str) -> Extraction:
    article = Article(id=article_id, text=text)
    entities, relations = extract_entities(Analysed(article, nlp(text)))
    return Extraction(article=article, entities=entities, relations=relations)


def local(article: Article, key: str, name: str, kind=K.PERSON, aliases=(), handles=(), roles=()) -> LocalEntity:
    """A LocalEntity whose name (and roles) occur in the article text."""
    start = article.text.index(name)
    attributes = [Attribute(text=r, span=Span.at(article, article.text.index(r), article.text.index(r) + len(r))) for r in roles]
    return LocalEntity(
        key=key, name=name, kind=kind, aliases=list(aliases), handles=list(handles),
        mentions=[Mention(span=Span.at(article, start, start + len(name)))], attributes=attributes,
    )


def by_name(entities, name):
    hits = [e for e in entities if e.name == name]
    assert len(hits) == 1, [(e.id, e.name) for e in entities]
    return hits[0]


# --------------------------------------------------------------------------- on text


def test_two_councils_called_the_council_stay_two(nlp):
    first = Article(id="c1", text="Dunmore Town Council voted on Monday. Council: the beach stays shut.")
    second = Article(id="c2", text="Hollingsworth Council closed the seafront. Council: stay off the promenade.")
    xs = [
        Extraction(article=first, entities=[local(first, "e1", "Dunmore Town Council", K.GOVERNMENT, aliases=["Council"])]),
        Extraction(article=second, entities=[local(second, "e1", "Hollingsworth Council", K.GOVERNMENT, aliases=["Council"])]),
    ]
    entities, _ = resolve_entities(xs)
    assert sorted(e.name for e in entities) == ["Dunmore Town Council", "Hollingsworth Council"]
    # a body's full name still joins articles
    third = Article(id="c3", text="Dunmore Town Council apologised.")
    xs.append(Extraction(article=third, entities=[local(third, "e1", "Dunmore Town Council", K.GOVERNMENT)]))
    entities, _ = resolve_entities(xs)
    assert len(by_name(entities, "Dunmore Town Council").local_keys) == 2


def test_typographic_variants_of_a_company_merge(nlp):
    xs = [
        extraction(nlp, "a1", "Shares of Acme Holdings Inc. fell 4% on Monday after the recall."),
        extraction(nlp, "a2", "The recall was announced by Acme Holdings, Inc. in a filing on Friday."),
        extraction(nlp, "a3", "Regulators said Acme Holdings had been warned twice about the brakes."),
    ]
    entities, entity_of = resolve_entities(xs)
    acme = [e for e in entities if "acme" in e.id]
    assert len(acme) == 1, [(e.id, e.name) for e in entities]
    acme = acme[0]
    assert acme.kind == K.COMPANY
    assert acme.name == "Acme Holdings, Inc."
    assert set(acme.aliases) >= {"Acme Holdings Inc.", "Acme Holdings, Inc.", "Acme Holdings"}
    assert acme.aliases["Acme Holdings"] == ["a3"]
    assert {aid for aid, _ in acme.local_keys} == {"a1", "a2", "a3"}
    assert all(entity_of[f"{aid}\x1f{key}"] == acme.id for aid, key in acme.local_keys)
    assert acme.merges and all(m.reason for m in acme.merges)


def test_people_sharing_a_surname_stay_apart(nlp):
    xs = [
        extraction(nlp, "b1", "Anna Smith, a nurse from Leeds, won the lottery on Saturday. Smith said she would retire."),
        extraction(nlp, "b2", "Peter Smith, the Conservative MP for Hull, resigned on Tuesday. Smith denied wrongdoing."),
        extraction(nlp, "b3", "Smith scored twice as the visitors won 2-0 on Sunday."),
    ]
    entities, _ = resolve_entities(xs)
    people = sorted(e.name for e in entities if e.kind == K.PERSON)
    assert "Anna Smith" in people and "Peter Smith" in people
    assert by_name(entities, "Anna Smith").id != by_name(entities, "Peter Smith").id
    assert all(len({aid for aid, _ in e.local_keys}) == 1 for e in entities if e.kind == K.PERSON)


def test_same_person_across_styles_merges_with_aliases(nlp):
    xs = [
        extraction(nlp, "c1", "Senator Maria Delgado struck a deal on Thursday. Delgado told reporters it was a good day."),
        extraction(nlp, "c2", "\"It is a good day,\" said Maria Delgado, a Democrat from New Mexico."),
        extraction(nlp, "c3", "Sen. Delgado and her staff left the chamber late on Thursday night."),
    ]
    entities, _ = resolve_entities(xs)
    delgado = by_name(entities, "Maria Delgado")
    assert {aid for aid, _ in delgado.local_keys} == {"c1", "c2"}
    assert delgado.aliases["Delgado"] == ["c1"]
    # A surname alone, in an article without the full name, is not enough to merge.
    assert any(e.name == "Delgado" and e.local_keys == [("c3", e.local_keys[0][1])] for e in entities)


def test_places_people_and_organizations_with_one_name_stay_apart(nlp):
    xs = [
        extraction(nlp, "d1", "Officials in Jordan said on Monday that the border would reopen."),
        extraction(nlp, "d2", "Michael Jordan said on Monday that he would sell his stake. Jordan declined to elaborate."),
    ]
    entities, _ = resolve_entities(xs)
    assert not any({aid for aid, _ in e.local_keys} == {"d1", "d2"} for e in entities)


def test_outlets_and_platforms_merge_by_name(nlp):
    xs = [
        extraction(nlp, "e1", "The minister resigned, according to Reuters. She posted a statement on Instagram."),
        extraction(nlp, "e2", "Reuters reported on Friday that the minister would stand down. Her Instagram post was deleted."),
    ]
    entities, _ = resolve_entities(xs)
    assert by_name(entities, "Reuters").kind == K.NEWS_OUTLET and len(by_name(entities, "Reuters").local_keys) == 2
    assert by_name(entities, "Instagram").kind == K.PLATFORM and len(by_name(entities, "Instagram").local_keys) == 2


# --------------------------------------------------------------------------- on records


def test_handle_merges_and_says_why():
    a = Article(id="h1", text="Singer Dana Whitmore (@danawhitmore) cancelled her tour.")
    b = Article(id="h2", text="Fans replied to @danawhitmore within minutes.")
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Dana Whitmore", handles=["@danawhitmore"])]),
        Extraction(article=b, entities=[local(b, "e0", "@danawhitmore", kind=K.OTHER, handles=["@danawhitmore"])]),
    ]
    entities, entity_of = resolve_entities(xs)
    assert len(entities) == 1
    dana = entities[0]
    assert dana.id == "person/dana-whitmore" and dana.kind == K.PERSON
    assert entity_of["h2\x1fe0"] == dana.id
    assert any(m.reason == "same handle @danawhitmore" and m.article_id == "h2" for m in dana.merges)


def test_typos_merge_but_different_first_names_do_not():
    a = Article(id="f1", text="Nicholas Desjardins designed the set. Jane Smith approved it.")
    b = Article(id="f2", text="Nicolas Desjardins denied it. John Smith disagreed.")
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Nicholas Desjardins"), local(a, "e1", "Jane Smith")]),
        Extraction(article=b, entities=[local(b, "e0", "Nicolas Desjardins"), local(b, "e1", "John Smith")]),
    ]
    entities, _ = resolve_entities(xs)
    names = sorted(e.name for e in entities)
    assert names == ["Jane Smith", "John Smith", "Nicholas Desjardins"] or names == ["Jane Smith", "John Smith", "Nicolas Desjardins"]
    merged = next(e for e in entities if "Desjardins" in e.name)
    assert "near-identical name" in merged.merges[0].reason


def test_one_word_names_merge_only_with_a_shared_role():
    a = Article(id="g1", text="Pop star Zendaya Stoermer played the arena. Zendaya thanked fans.")
    b = Article(id="g2", text="Pop star Zendaya cancelled a show in Leeds.")
    c = Article(id="g3", text="Zendaya, a chef, opened a bistro.")
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Zendaya Stoermer", aliases=["Zendaya"], roles=["Pop star"])]),
        Extraction(article=b, entities=[local(b, "e0", "Zendaya", roles=["Pop star"])]),
        Extraction(article=c, entities=[local(c, "e0", "Zendaya", roles=["chef"])]),
    ]
    entities, _ = resolve_entities(xs)
    star = by_name(entities, "Zendaya Stoermer")
    assert {aid for aid, _ in star.local_keys} == {"g1", "g2"}
    assert "shared role" in star.merges[0].reason
    chef = next(e for e in entities if ("g3", "e0") in e.local_keys)
    assert chef.id != star.id


def test_ids_are_deterministic_and_collisions_get_a_hash():
    a = Article(id="i1", text="Smith, a plumber, fixed it.")
    b = Article(id="i2", text="Smith, a drummer, played it.")
    c = Article(id="i3", text="Acme Widgets Inc. sued.")
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Smith", roles=["plumber"])]),
        Extraction(article=b, entities=[local(b, "e0", "Smith", roles=["drummer"])]),
        Extraction(article=c, entities=[local(c, "e0", "Acme Widgets Inc.", kind=K.COMPANY)]),
    ]
    first, first_of = resolve_entities(xs)
    ids = sorted(e.id for e in first)
    assert "company/acme-widgets-inc" in ids
    smiths = [i for i in ids if i.startswith("person/smith")]
    assert len(smiths) == 2 and all(len(i) > len("person/smith-") for i in smiths)
    for _ in range(3):
        shuffled = xs[:]
        random.shuffle(shuffled)
        again, again_of = resolve_entities(shuffled)
        assert sorted(e.id for e in again) == ids and again_of == first_of


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="session")
def seed_entities(nlp):
    xs = []
    for article in read_articles([SEEDS]):
        entities, relations = extract_entities(Analysed(article, nlp(article.text)))
        xs.append(Extraction(article=article, entities=entities, relations=relations))
    return resolve_entities(xs)


def test_seed_entities_resolve_to_one_node_each(seed_entities):
    entities, entity_of = seed_entities
    kim = by_name(entities, "Kim Kardashian")
    assert kim.kind == K.PERSON and kim.id == "person/kim-kardashian"
    assert len({aid for aid, _ in kim.local_keys}) == 5
    assert {"Kim", "Kim K", "Kardashian"} <= set(kim.aliases)
    assert kim.handles == ["@KimKardashian"]
    label = by_name(entities, "Balenciaga")
    assert label.kind == K.BRAND and len(label.local_keys) == 5
    north_six = [e for e in entities if "north-six" in e.id]
    assert len(north_six) == 1 and north_six[0].kind == K.COMPANY
    assert {"North Six Inc.", "North Six, Inc.", "North Six"} <= set(north_six[0].aliases)
    designer = by_name(entities, "Nicholas Des Jardins")
    assert designer.kind == K.PERSON and "Des Jardins" in designer.aliases and len(designer.local_keys) == 2
    assert {e.name for e in entities if e.kind == K.NEWS_OUTLET} >= {"Page Six", "Insider", "New York Post"}
    assert {e.name for e in entities if e.kind == K.PLATFORM} == {"Twitter", "Instagram"}
    assert by_name(entities, "Bella Hadid").kind == K.PERSON
    people = {e.name for e in entities if e.kind == K.PERSON}
    assert people == {"Kim Kardashian", "Nicholas Des Jardins", "Bella Hadid", "Eudaimonia"}
    assert len(set(entity_of.values())) == len(entities)


def test_a_weakly_held_place_joins_the_organization_of_that_name():
    a = Article(id="j1", text="Maison Vert unveiled its spring collection, the label said.")
    b = Article(id="j2", text="Critics praised Maison Vert on Monday.")
    c = Article(id="j3", text="Protests spread across Jordan on Monday.")
    d = Article(id="j4", text="Jordan Motors Ltd. said Jordan would grow.")
    weak = local(b, "e0", "Maison Vert", kind=K.PLACE)
    weak.confidence = 0.4
    sure = local(c, "e0", "Jordan", kind=K.PLACE)
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Maison Vert", kind=K.BRAND)]),
        Extraction(article=b, entities=[weak]),
        Extraction(article=c, entities=[sure]),
        Extraction(article=d, entities=[local(d, "e0", "Jordan Motors Ltd.", kind=K.COMPANY, aliases=["Jordan"])]),
    ]
    entities, _ = resolve_entities(xs)
    vert = by_name(entities, "Maison Vert")
    assert vert.kind == K.BRAND and {aid for aid, _ in vert.local_keys} == {"j1", "j2"}
    assert by_name(entities, "Jordan").kind == K.PLACE
    assert by_name(entities, "Jordan Motors Ltd.").local_keys == [("j4", "e0")]


def test_similar_but_different_first_names_and_initials_do_not_merge():
    a = Article(id="k1", text="Daniel Okafor spoke. John Smith, or J. Smith, listened.")
    b = Article(id="k2", text="Danielle Okafor spoke. Jane Smith, or J. Smith, left.")
    xs = [
        Extraction(article=a, entities=[local(a, "e0", "Daniel Okafor"), local(a, "e1", "John Smith", aliases=["J. Smith"])]),
        Extraction(article=b, entities=[local(b, "e0", "Danielle Okafor"), local(b, "e1", "Jane Smith", aliases=["J. Smith"])]),
    ]
    entities, _ = resolve_entities(xs)
    assert sorted(e.name for e in entities) == ["Daniel Okafor", "Danielle Okafor", "Jane Smith", "John Smith"]
