"""Speaker resolution: names, handles, pronouns and descriptions -> LocalEntity keys."""

from __future__ import annotations

import re

import pytest

from kg.extract.speakers import SpeakerResolver, fold
from kg.nlp import load
from kg.records import Article, EntityKind
from tests.test_quotes import make_entities

ORG = EntityKind.ORGANIZATION


@pytest.fixture(scope="session")
def nlp():
    return load()


def resolver_for(nlp, text: str, spec: dict, quoted=(), author=None):
    article = Article(id="s", text=text, published="2024-01-10", author=author)
    entities = make_entities(article, spec)
    doc = nlp(text)
    resolver = SpeakerResolver(doc, entities, list(quoted), author)
    names = {e.key: e.name for e in entities}

    def who(phrase: str, occurrence: int = 0) -> str | None:
        start = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)][occurrence]
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        return names.get(resolver.resolve(span).key)

    return who


def test_pronouns_follow_gender_and_prefer_subjects(nlp):
    text = "Laura Chen interviewed David Moss on Monday. Later she said the deal was done. Then he said it was not."
    who = resolver_for(nlp, text, {"Laura Chen": {}, "David Moss": {}})
    assert who("she") == "Laura Chen"
    assert who("he") == "David Moss"


def test_subject_beats_a_nearer_object(nlp):
    text = "Omar Field thanked Peter Lund for the work. He said the plant would stay open."
    who = resolver_for(nlp, text, {"Omar Field": {}, "Peter Lund": {}})
    assert who("He") == "Omar Field"


def test_it_and_the_company_skip_outlets_and_platforms(nlp):
    text = "Quorra Foods posted the recall on Facebook, the Tribune reported. The company said it regretted the error."
    who = resolver_for(
        nlp, text,
        {"Quorra Foods": {"kind": EntityKind.COMPANY}, "Facebook": {"kind": EntityKind.PLATFORM}, "Tribune": {"kind": EntityKind.NEWS_OUTLET}},
    )
    assert who("The company") == "Quorra Foods"
    assert who("it", 0) == "Quorra Foods"


def test_names_handles_and_styled_letters(nlp):
    text = "Tessa Grant (@tessgrant) spoke first. Grant then left. 𝐓𝐞𝐬𝐬𝐚 𝐆𝐫𝐚𝐧𝐭 later posted again."
    who = resolver_for(nlp, text, {"Tessa Grant": {"handles": ["@tessgrant"]}})
    assert who("Grant", 1) == "Tessa Grant"
    assert fold("𝐓𝐞𝐬𝐬𝐚 𝐆𝐫𝐚𝐧𝐭") == fold("Tessa Grant")
    assert fold("@TessGrant") == fold("tessgrant")


def test_unknown_name_is_not_someone_else(nlp):
    text = "Maria Lind chaired the meeting. Jonas Ek said the budget was fine."
    who = resolver_for(nlp, text, {"Maria Lind": {}})
    assert who("Jonas Ek") is None


def test_anaphoric_description_and_new_referent(nlp):
    text = ("Rhea Patel won her third title in Paris. The singer, who turned 30 this year, said she was exhausted. "
            "The engineer who built the stage said it was unsafe.")
    who = resolver_for(nlp, text, {"Rhea Patel": {}})
    assert who("The singer") == "Rhea Patel"
    assert who("The engineer") is None


def test_description_matches_an_attribute(nlp):
    text = "The set designer, Ola Berg, was not available. Mia Holt won. The set designer later said he was misled."
    who = resolver_for(nlp, text, {"Ola Berg": {"attributes": ["set designer"]}, "Mia Holt": {}})
    assert who("The set designer", 1) == "Ola Berg"


def test_spokesperson_speaks_for_an_organisation_not_a_person(nlp):
    text = "Arden Motors recalled 9,000 cars. A spokesperson for Arden Motors said no one was hurt. Kyle Moss's spokesperson declined."
    who = resolver_for(nlp, text, {"Arden Motors": {"kind": EntityKind.COMPANY}, "Kyle Moss": {}})
    assert who("A spokesperson") == "Arden Motors"
    assert who("spokesperson", 1) is None


def test_never_the_author_and_never_inside_quotes(nlp):
    text = 'Byline Ann Roe. "Ben Ward ruined this town," she said.'
    start = text.index('"')
    end = text.index('"', start + 1) + 1
    who = resolver_for(nlp, text, {"Ann Roe": {}, "Ben Ward": {}}, quoted=[(start, end)], author="Ann Roe")
    assert who("she") is None


def test_they_prefers_an_organisation(nlp):
    text = "Talks between Nordic Rail and the drivers collapsed. They said the offer was final."
    who = resolver_for(nlp, text, {"Nordic Rail": {"kind": ORG}})
    assert who("They") == "Nordic Rail"


def test_byline_in_the_text_is_the_author(nlp):
    text = "By Karen Holt\n\nKaren Holt toured the plant on Monday. Later she said the line would reopen."
    who = resolver_for(nlp, text, {"Karen Holt": {}})
    assert who("she") is None


def test_nominal_adjective_and_plural_generic_nouns(nlp):
    text = ("Actor Julian Reyes spoke about his recovery. The 42-year-old said he had been sober for three years. "
            "Senate Minority Leader Karen Voss opposed the plan. Republican leaders said it spent too much.")
    who = resolver_for(nlp, text, {"Julian Reyes": {}, "Karen Voss": {"attributes": ["Senate Minority Leader"]}})
    assert who("The 42-year-old") == "Julian Reyes"
    assert who("Republican leaders") is None


def test_a_description_needs_evidence_it_fits(nlp):
    # `league` is attached to Kingsbury far from its name (an entity extractor's guess): no evidence on its own.
    text = ("Kingsbury beat Westford 2-0 on Sunday. Judge Ana Ruiz watched from the stands. "
            "The league said it would act. The judge said she was impressed. Harlow Water fixed the main. The utility said sorry.")
    who = resolver_for(nlp, text, {"Kingsbury": {"kind": ORG, "attributes": ["league"]}, "Westford": {"kind": ORG},
                                   "Ana Ruiz": {}, "Harlow Water": {"kind": EntityKind.COMPANY}})
    assert who("The league") is None
    assert who("The judge") == "Ana Ruiz"
    assert who("The utility") == "Harlow Water"
