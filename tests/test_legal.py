"""Legal actions: extraction from paragraphs of many kinds of stories, merging across sources, and the seeds.

Most tests hand the extractor a made-up entity list (`make_entities`) so they test this extractor alone;
`test_seed_chain` runs the whole chain with the real entity and quote extractors.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.extract.legal import extract_legal_actions
from kg.nlp import analyse, load
from kg.records import Article, Corpus, EntityKind, EntityKind as K, Extraction, LocalEntity, Mention, Quote, Span, check_spans
from kg.resolve.entities import resolve_entities
from kg.resolve.legal import merge_legal_actions
from kg.sources import read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_entities(article: Article, spec: list[tuple[str, EntityKind, list[str]]]) -> list[LocalEntity]:
    """One LocalEntity per (name, kind, aliases), with a mention at every verbatim use of a name or alias."""
    taken: list[tuple[int, int]] = []
    entities = []
    forms = sorted(((form, index) for index, (name, _, aliases) in enumerate(spec) for form in [name, *aliases]), key=lambda f: -len(f[0]))
    mentions: dict[int, list[Mention]] = {i: [] for i in range(len(spec))}
    for form, index in forms:
        for match in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", article.text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            mentions[index].append(Mention(span=Span.at(article, match.start(), match.end())))
    for index, (name, kind, aliases) in enumerate(spec):
        found = sorted(mentions[index], key=lambda m: m.span.start)
        entities.append(LocalEntity(key=f"e{index}", name=name, kind=kind, aliases=aliases, mentions=found))
    return entities


@pytest.fixture(scope="module", autouse=True)
def nlp():
    return load()


def extract(text: str, spec, quotes=None, article_id="t", published="2022-11-28"):
    article = Article(id=article_id, text=text, published=published)
    entities = make_entities(article, spec)
    reports = extract_legal_actions(analyse(article), entities, quotes or [])
    extraction = Extraction(article=article, entities=entities, quotes=quotes or [], legal_actions=reports)
    check_spans(extraction)  # every span verbatim
    return extraction


def summary(extraction: Extraction):
    """(kind, plaintiffs, defendants, amount, status) of each report, by entity name."""
    name = {e.key: e.name for e in extraction.entities}
    return [
        (
            r.kind,
            [name[p.key] for p in r.plaintiffs],
            [name[p.key] for p in r.defendants],
            (r.amount.value, r.amount.currency) if r.amount else None,
            r.status,
        )
        for r in extraction.legal_actions
    ]


def roles(extraction: Extraction, index: int = 0) -> dict[str, str | None]:
    name = {e.key: e.name for e in extraction.entities}
    report = extraction.legal_actions[index]
    return {name[p.key]: p.role for p in [*report.plaintiffs, *report.defendants]}


O, P, C, G = K.ORGANIZATION, K.PERSON, K.COMPANY, K.GOVERNMENT


# --------------------------------------------------------------------------- styles


@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        pytest.param(
            "The NFL Players Association sued the National Football League for $100 million in federal court "
            "in Minneapolis on Tuesday, alleging the league colluded to cut salaries.",
            [("NFL Players Association", O, []), ("National Football League", O, [])],
            ("lawsuit", ["NFL Players Association"], ["National Football League"], (100_000_000, "USD"), "filed"),
            id="sports-sued-for",
        ),
        pytest.param(
            "Meta Platforms was sued by the Federal Trade Commission on Wednesday over its acquisition of a photo app.",
            [("Meta Platforms", C, []), ("Federal Trade Commission", G, [])],
            ("lawsuit", ["Federal Trade Commission"], ["Meta Platforms"], None, "filed"),
            id="tech-passive-plaintiff",
        ),
        pytest.param(
            "Greenpeace filed a lawsuit against Shell, BP and ExxonMobil in the High Court in London, seeking £200,000 in costs.",
            [("Greenpeace", O, []), ("Shell", C, []), ("BP", C, []), ("ExxonMobil", C, [])],
            ("lawsuit", ["Greenpeace"], ["Shell", "BP", "ExxonMobil"], (200_000, "GBP"), "filed"),
            id="business-several-defendants",
        ),
        pytest.param(
            "Tesla agreed to pay $10 million to settle a lawsuit brought by former employee Owen Diaz.",
            [("Tesla", C, []), ("Owen Diaz", P, [])],
            ("settlement", ["Owen Diaz"], ["Tesla"], (10_000_000, "USD"), "settled"),
            id="settlement-brought-by",
        ),
        pytest.param(
            "The Justice Department charged Sam Bankman-Fried with wire fraud on Monday.",
            [("Justice Department", G, []), ("Sam Bankman-Fried", P, [])],
            ("charge", ["Justice Department"], ["Sam Bankman-Fried"], None, "charged"),
            id="crime-charged-with",
        ),
        pytest.param(
            "Former mayor Anna Kowalski was charged with bribery by the state attorney general's office last week.",
            [("Anna Kowalski", P, [])],
            ("charge", [], ["Anna Kowalski"], None, "charged"),
            id="politics-passive-charge-unnamed-prosecutor",
        ),
        pytest.param(
            "Epic Games countersued Apple, accusing it of anticompetitive conduct.",
            [("Epic Games", C, []), ("Apple", C, [])],
            ("countersuit", ["Epic Games"], ["Apple"], None, "filed"),
            id="countersuit",
        ),
        pytest.param(
            "Drake threatened to sue Universal Music Group over the release.",
            [("Drake", P, []), ("Universal Music Group", C, [])],
            ("lawsuit", ["Drake"], ["Universal Music Group"], None, "threatened"),
            id="entertainment-threat",
        ),
        pytest.param(
            "Bollywood star Arjun Mehta has filed a defamation suit seeking Rs 5 crore in the Bombay High Court.",
            [("Arjun Mehta", P, [])],
            ("lawsuit", ["Arjun Mehta"], [], (50_000_000, "INR"), "filed"),
            id="rupees-crore",
        ),
        pytest.param(
            "Boeing was fined $2.5bn by the Justice Department.",
            [("Boeing", C, []), ("Justice Department", G, [])],
            ("fine", ["Justice Department"], ["Boeing"], (2_500_000_000, "USD"), "fined"),
            id="fine-passive",
        ),
        pytest.param(
            "The European Commission opened an investigation into Google over its advertising business.",
            [("European Commission", G, []), ("Google", C, [])],
            ("investigation", ["European Commission"], ["Google"], None, "investigating"),
            id="investigation-into",
        ),
        pytest.param(
            "Rapper Kova pleaded not guilty to charges of assault.",
            [("Kova", P, [])],
            ("charge", [], ["Kova"], None, "charged"),
            id="pleaded-to-charges",
        ),
        pytest.param(
            "Judge Amy Berman Jackson dismissed the lawsuit filed by Project Veritas against The New York Times.",
            [("Amy Berman Jackson", P, []), ("Project Veritas", O, []), ("The New York Times", K.NEWS_OUTLET, [])],
            ("lawsuit", ["Project Veritas"], ["The New York Times"], None, "dismissed"),
            id="judge-is-no-party",
        ),
        pytest.param(
            "Zenith Bank and its chief executive, Paul Okafor, face a lawsuit from shareholders.",
            [("Zenith Bank", C, []), ("Paul Okafor", P, [])],
            ("lawsuit", [], ["Zenith Bank", "Paul Okafor"], None, "filed"),
            id="face-a-lawsuit",
        ),
        pytest.param(
            "A lawsuit filed by Nora Vance accuses Pinnacle Health of firing her for reporting safety problems.",
            [("Nora Vance", P, []), ("Pinnacle Health", C, [])],
            ("lawsuit", ["Nora Vance"], ["Pinnacle Health"], None, None),
            id="the-filing-accuses",
        ),
        pytest.param(
            "Lina Ortiz's lawyers filed a complaint against the Daily Echo in Los Angeles Superior Court on March 3.",
            [("Lina Ortiz", P, []), ("Daily Echo", K.NEWS_OUTLET, [])],
            ("lawsuit", ["Lina Ortiz"], ["Daily Echo"], None, "filed"),
            id="lawyers-act-for-their-client",
        ),
        pytest.param(
            "Apple's lawsuit against Samsung, filed in 2011, ended in a settlement.",
            [("Apple", C, []), ("Samsung", C, [])],
            ("settlement", ["Apple"], ["Samsung"], None, "settled"),
            id="possessive-plaintiff-settled",
        ),
        pytest.param(
            "Vertex Pharmaceuticals reached a $45 million settlement with the state of Massachusetts on Thursday.",
            [("Vertex Pharmaceuticals", C, []), ("Massachusetts", K.PLACE, [])],
            ("settlement", ["Massachusetts"], ["Vertex Pharmaceuticals"], (45_000_000, "USD"), "settled"),
            id="settlement-with",
        ),
        pytest.param(
            "Shares of Globex fell 5% after the company disclosed it is being investigated by the Securities and "
            "Exchange Commission.",
            [("Globex", C, []), ("Securities and Exchange Commission", G, [])],
            ("investigation", ["Securities and Exchange Commission"], ["Globex"], None, "investigating"),
            id="pronoun-under-investigation",
        ),
        pytest.param(
            "Mark Lee was sentenced to 10 years in prison by a federal judge on Friday.",
            [("Mark Lee", P, [])],
            ("sentence", [], ["Mark Lee"], None, "sentenced"),
            id="crime-sentenced",
        ),
        pytest.param(
            "A jury acquitted Kyle Rittenhouse of all charges.",
            [("Kyle Rittenhouse", P, [])],
            ("acquittal", [], ["Kyle Rittenhouse"], None, "acquitted"),
            id="acquitted",
        ),
        pytest.param(
            "Bayer has launched legal proceedings against Pfizer in Germany.",
            [("Bayer", C, []), ("Pfizer", C, [])],
            ("lawsuit", ["Bayer"], ["Pfizer"], None, "filed"),
            id="legal-proceedings",
        ),
        pytest.param(
            "Spotify is under investigation by the European Commission, which opened a formal probe on Monday.",
            [("Spotify", K.PLATFORM, []), ("European Commission", G, [])],
            ("investigation", ["European Commission"], ["Spotify"], None, "investigating"),
            id="under-investigation",
        ),
        pytest.param(
            "The city of Chicago has sued Kia and Hyundai, claiming the automakers failed to install anti-theft "
            "technology. Hyundai said it would fight the lawsuit.",
            [("Chicago", G, []), ("Kia", C, []), ("Hyundai", C, [])],
            ("lawsuit", ["Chicago"], ["Kia", "Hyundai"], None, "filed"),
            id="city-sues-two-carmakers",
        ),
        pytest.param(
            "Peloton was hit with a lawsuit by Lululemon over its apparel designs.",
            [("Peloton", C, []), ("Lululemon", C, [])],
            ("lawsuit", ["Lululemon"], ["Peloton"], None, "filed"),
            id="hit-with-a-lawsuit",
        ),
        pytest.param(
            "Nora Vance is seeking $2 million from Pinnacle Health in a lawsuit filed on Monday.",
            [("Nora Vance", P, []), ("Pinnacle Health", C, [])],
            ("lawsuit", ["Nora Vance"], ["Pinnacle Health"], (2_000_000, "USD"), "filed"),
            id="seeking-from-in-a-lawsuit",
        ),
        pytest.param(
            "Uber, which is being sued by the state of California, said it would appeal.",
            [("Uber", C, []), ("California", G, [])],
            ("lawsuit", ["California"], ["Uber"], None, "filed"),
            id="relative-clause-passive",
        ),
        pytest.param(
            "Vantek Hit With $40 Million Lawsuit By Nimbus Motors",
            [("Nimbus Motors", C, []), ("Vantek", C, [])],
            ("lawsuit", ["Nimbus Motors"], ["Vantek"], (40_000_000, "USD"), "filed"),
            id="headline-without-was",
        ),
    ],
)
def test_styles(text, spec, expected):
    assert summary(extract(text, spec)) == [expected]


def test_roles_from_appositions_and_descriptions():
    text = (
        "Sony Music has sued Cox Communications and its subsidiary, Cox Media, in the U.S. District Court "
        "for the Eastern District of Virginia."
    )
    extraction = extract(text, [("Sony Music", C, []), ("Cox Communications", C, []), ("Cox Media", C, [])])
    assert roles(extraction) == {"Sony Music": None, "Cox Communications": None, "Cox Media": "its subsidiary"}
    assert extraction.legal_actions[0].court == "U.S. District Court for the Eastern District of Virginia"


def test_pronoun_for_a_regulator_and_plaintiff_after_from():
    text = (
        "LONDON (Reuters) - British regulator Ofcom said on Tuesday it had opened an investigation into broadcaster "
        "GB News over a programme aired last month. Separately, the BBC is facing a £2 million lawsuit from a former "
        "presenter, Martin Hale, who claims he was unfairly dismissed."
    )
    spec = [("Reuters", K.NEWS_OUTLET, []), ("Ofcom", G, []), ("GB News", K.NEWS_OUTLET, []), ("BBC", K.NEWS_OUTLET, []),
            ("Martin Hale", P, [])]  # fmt: skip
    extraction = extract(text, spec, published="2023-11-03")
    assert summary(extraction) == [
        ("investigation", ["Ofcom"], ["GB News"], None, "investigating"),
        ("lawsuit", ["Martin Hale"], ["BBC"], (2_000_000, "GBP"), "filed"),
    ]
    assert extraction.legal_actions[0].date.start == "2023-10-31"  # `on Tuesday` before Friday Nov. 3
    assert roles(extraction, 1) == {"Martin Hale": "a former presenter", "BBC": None}


def test_countersuit_answers_the_suit_before_it():
    text = (
        "The actor Johnny Depp sued his ex-wife Amber Heard for $50 million, claiming she defamed him in an op-ed. "
        "Heard countersued for $100 million. A jury later found in Depp's favour."
    )
    extraction = extract(text, [("Johnny Depp", P, ["Depp"]), ("Amber Heard", P, ["Heard"])])
    assert summary(extraction) == [
        ("lawsuit", ["Johnny Depp"], ["Amber Heard"], (50_000_000, "USD"), "filed"),
        ("countersuit", ["Amber Heard"], ["Johnny Depp"], (100_000_000, "USD"), "filed"),
    ]
    assert roles(extraction) == {"Johnny Depp": "The actor", "Amber Heard": "his ex-wife"}


def test_amount_of_something_else_is_not_the_claim():
    text = "Twitter sued Elon Musk in July to force him to complete his $44 billion purchase of the company."
    extraction = extract(text, [("Twitter", C, []), ("Elon Musk", P, [])], published="2022-08-01")
    assert summary(extraction) == [("lawsuit", ["Twitter"], ["Elon Musk"], None, "filed")]
    assert (extraction.legal_actions[0].date.start, extraction.legal_actions[0].date.end) == ("2022-07-01", "2022-07-31")


def test_amount_the_parser_hangs_on_the_defendant():
    # `for €4.2 million` attaches to `supplier` in spaCy's parse
    text = "Brightwater Foods has sued a former supplier for €4.2 million, accusing it of copying a recipe."
    extraction = extract(text, [("Brightwater Foods", C, [])])
    assert summary(extraction) == [("lawsuit", ["Brightwater Foods"], [], (4_200_000.0, "EUR"), "filed")]


def test_the_lawsuit_names_its_defendants_in_a_later_sentence():
    text = "Orrin Foods sued two former partners on Monday. The lawsuit names Brill Dairy and Tom Raske."
    extraction = extract(text, [("Orrin Foods", C, []), ("Brill Dairy", C, []), ("Tom Raske", P, [])])
    assert summary(extraction) == [("lawsuit", ["Orrin Foods"], ["Brill Dairy", "Tom Raske"], None, "filed")]


def test_headline_action_without_names_is_the_body_action():
    text = ("Cheesemaker sues former supplier for €4.2 million over recipe\n\n"
            "Alpine cheesemaker Orrin Foods has sued Brill Dairy, accusing it of copying a recipe, at the "
            "commercial court in Saint-Aurèle.")
    extraction = extract(text, [("Orrin Foods", C, []), ("Brill Dairy", C, [])])
    assert summary(extraction) == [("lawsuit", ["Orrin Foods"], ["Brill Dairy"], (4_200_000.0, "EUR"), "filed")]
    report = extraction.legal_actions[0]
    assert report.span.text.startswith("Alpine cheesemaker") and report.court == "commercial court in Saint-Aurèle"


def test_description_with_a_participle_is_a_role():
    text = "Manchester United have launched legal action against a betting firm, Goalstake Ltd, accusing it of using the club's crest."
    extraction = extract(text, [("Manchester United", O, []), ("Goalstake Ltd", C, [])])
    assert summary(extraction) == [("lawsuit", ["Manchester United"], ["Goalstake Ltd"], None, "filed")]
    assert roles(extraction)["Goalstake Ltd"] == "a betting firm"


def test_roles_split_at_the_coordinator():
    text = "The suit names Harlow Media, the magazine's publisher, and editor Jan Brook as defendants."
    extraction = extract(text, [("Harlow Media", C, []), ("Jan Brook", P, [])])
    assert summary(extraction) == [("lawsuit", [], ["Harlow Media", "Jan Brook"], None, None)]
    assert roles(extraction) == {"Harlow Media": "the magazine's publisher", "Jan Brook": "editor"}


def test_named_official_not_the_place_he_serves():
    text = "The attorney general of Ohio, Dave Yost, sued Norfolk Southern over the derailment."
    extraction = extract(text, [("Dave Yost", P, []), ("Ohio", K.PLACE, []), ("Norfolk Southern", C, [])])
    assert summary(extraction) == [("lawsuit", ["Dave Yost"], ["Norfolk Southern"], None, "filed")]
    assert roles(extraction)["Dave Yost"] == "The attorney general of Ohio"


def test_court_and_date_of_filing():
    text = "Lina Ortiz's lawyers filed a complaint against the Daily Echo in Los Angeles Superior Court on March 3."
    report = extract(text, [("Lina Ortiz", P, []), ("Daily Echo", K.NEWS_OUTLET, [])]).legal_actions[0]
    assert report.court == "Los Angeles Superior Court"
    assert (report.date.start, report.date.text) == ("2022-03-03", "March 3")  # this past March, not next


@pytest.mark.parametrize("headline", [
    "Brewer Kestrel fined $2 million over river spill",
    "Kestrel Brewing sued over river spill",
    "Brewer Kestrel charged with polluting river",
])
def test_a_headline_without_was_names_the_one_fined_or_sued(headline):
    text = f"{headline}\n\nThe spill closed the river to boats for a week in June."
    extraction = extract(text, [("Kestrel Brewing", C, ["Kestrel"])])
    assert [(r.plaintiffs, [p.key for p in r.defendants]) for r in extraction.legal_actions] == [([], ["e0"])]


def test_the_one_fined_before_the_amount_is_the_defendant():
    text = "The DGAC separately fined AirOcea 2.5 million euros in 2023 over maintenance records."
    extraction = extract(text, [("DGAC", K.GOVERNMENT, []), ("AirOcea", C, [])])
    assert summary(extraction) == [("fine", ["DGAC"], ["AirOcea"], (2_500_000, "EUR"), "fined")]


def test_a_participle_dates_the_action_it_describes():
    text = ("Prairie Mills was sued by a group of bakers over contaminated flour. The complaint, filed Tuesday in "
            "federal court, says Prairie Mills knew of the problem for months.")
    extraction = extract(text, [("Prairie Mills", C, [])])
    dated = [r.date.start for r in extraction.legal_actions if r.date is not None]
    assert dated and set(dated) == {"2022-11-22"}  # the Tuesday before the article date


def test_description_as_plaintiff_resolves_to_the_named_organization():
    text = (
        "Nimbus Motors has had a rough year, and its shares fell again in March. "
        "On Friday the carmaker filed a €3.5m lawsuit against its former supplier, Vantek GmbH."
    )
    extraction = extract(text, [("Nimbus Motors", C, []), ("Vantek GmbH", C, [])])
    assert summary(extraction) == [("lawsuit", ["Nimbus Motors"], ["Vantek GmbH"], (3_500_000, "EUR"), "filed")]
    assert roles(extraction) == {"Nimbus Motors": "the carmaker", "Vantek GmbH": "its former supplier"}
    assert extraction.legal_actions[0].date.start == "2022-11-25"  # the Friday before the article date


def test_pronoun_plaintiff_and_unnamed_defendant_left_out():
    text = (
        "Orion Records has spent months looking for the leak. The label said it was taking legal action against "
        "the engineer responsible."
    )
    extraction = extract(text, [("Orion Records", C, [])])
    assert summary(extraction) == [("lawsuit", ["Orion Records"], [], None, "filed")]


def test_subject_pronoun_continues_the_last_subject():
    text = "Apple sued Samsung in March, and it also sued Google over a patent in May."
    spec = [("Apple", C, []), ("Samsung", C, []), ("Google", C, [])]
    assert summary(extract(text, spec)) == [
        ("lawsuit", ["Apple"], ["Samsung"], None, "filed"),
        ("lawsuit", ["Apple"], ["Google"], None, "filed"),
    ]


def test_we_in_a_quote_is_its_speaker():
    text = 'Ferrari said: "We will take legal action against Motoretti, whose car copies our design."'
    article_spec = [("Ferrari", C, []), ("Motoretti", C, [])]
    start = text.index("We")
    end = text.index('design."') + len("design.")
    article = Article(id="t", text=text, published="2022-11-28")
    entities = make_entities(article, article_spec)
    quote = Quote(span=Span.at(article, start, end), speaker_key=entities[0].key, channel="statement")
    extraction = extract(text, article_spec, quotes=[quote])
    assert summary(extraction) == [("lawsuit", ["Ferrari"], ["Motoretti"], None, "threatened")]


def test_no_legal_sense_no_report():
    text = (
        "He wore a dark suit to the premiere and charged his phone backstage. In any case, the team won the game, "
        "and the coach filed his report before the flight. The ruling party's decision was a fine example, and "
        "the club settled into a rhythm. The sentence he wrote was long."
    )
    assert extract(text, [("He", P, [])]).legal_actions == []


def test_negated_actions_are_not_actions():
    text = (
        "Netflix is suing nobody, a spokesperson said. Orbit Air did not sue Skyway, and no lawsuit was filed "
        "against Skyway by anyone."
    )
    assert extract(text, [("Netflix", C, []), ("Orbit Air", C, []), ("Skyway", C, [])]).legal_actions == []


def test_who_reports_or_comments_on_a_suit_is_no_party():
    text = (
        "Apex Outdoor filed a lawsuit against Kestrel Apparel in March. The Daily Ledger reported the lawsuit on "
        "Monday, and Mina Park commented on the lawsuit in a post. Vela Sports slapped Kestrel Apparel with a "
        "second lawsuit."
    )
    spec = [("Apex Outdoor", C, []), ("Kestrel Apparel", C, []), ("Daily Ledger", K.NEWS_OUTLET, []),
            ("Mina Park", P, []), ("Vela Sports", C, [])]  # fmt: skip
    assert summary(extract(text, spec)) == [
        ("lawsuit", ["Apex Outdoor"], ["Kestrel Apparel"], None, "filed"),
        ("lawsuit", ["Vela Sports"], ["Kestrel Apparel"], None, "filed"),
    ]


def test_only_unnamed_parties_give_no_action():
    text = "The actress sued the tabloid for defamation last year, her lawyer said."
    assert extract(text, [("Lena Ortiz", P, [])]).legal_actions == []


def test_background_case_is_flagged_not_a_new_action():
    text = (
        "The brochure reprinted court documents from a child custody case in the background of one photo. "
        "The judge also cited a landmark 1989 ruling by the Supreme Court."
    )
    extraction = extract(text, [("Supreme Court", K.COURT, [])])
    reports = extraction.legal_actions
    assert len(reports) == 2 and all(r.background for r in reports)
    assert all(r.plaintiffs == [] and r.defendants == [] and r.status is None for r in reports)
    assert reports[1].court == "Supreme Court"


def test_follow_up_sentence_adds_details_to_the_same_report():
    text = "Acme Corp sued Globex on Monday. The lawsuit, filed in Delaware, seeks 10 million dollars in damages."
    extraction = extract(text, [("Acme Corp", C, []), ("Globex", C, [])])
    assert summary(extraction) == [("lawsuit", ["Acme Corp"], ["Globex"], (10_000_000, "USD"), "filed")]
    assert extraction.legal_actions[0].date.start == "2022-11-28"


def test_two_actions_in_one_article_stay_apart():
    text = (
        "Northwind sued Contoso for $2 million in March. "
        "Separately, Contoso was charged with tax fraud by the Internal Revenue Service."
    )
    spec = [("Northwind", C, []), ("Contoso", C, []), ("Internal Revenue Service", G, [])]
    assert summary(extract(text, spec)) == [
        ("lawsuit", ["Northwind"], ["Contoso"], (2_000_000, "USD"), "filed"),
        ("charge", ["Internal Revenue Service"], ["Contoso"], None, "charged"),
    ]


def test_claim_quotes_are_the_filing_quotes():
    text = (
        'Harbor Foods sued Blue Fin Traders on Thursday. "The shipments were knowingly mislabeled," the complaint states. '
        '"We are disappointed," a Harbor Foods spokesperson said. Blue Fin called the suit baseless: "We will fight it." '
        'According to the lawsuit, the fish "came from protected waters."'
    )
    article = Article(id="t", text=text, published="2022-11-28")

    def quote_of(words: str) -> Quote:
        start = text.index(words)
        return Quote(span=Span.at(article, start, start + len(words)))

    quotes = [
        quote_of("The shipments were knowingly mislabeled"),
        quote_of("We are disappointed"),
        quote_of("We will fight it."),
        quote_of("came from protected waters."),
    ]
    extraction = extract(text, [("Harbor Foods", C, []), ("Blue Fin Traders", C, ["Blue Fin"])], quotes=quotes)
    assert [r.claim_quotes for r in extraction.legal_actions] == [[0, 3]]


# --------------------------------------------------------------------------- across sources


def corpus_of(*extractions: Extraction) -> Corpus:
    entities, entity_of = resolve_entities(list(extractions))
    return Corpus(extractions=list(extractions), entities=entities, entity_of=entity_of)


STORY = [
    ("a", "Vela Sports sued Kestrel Apparel and its founder, Mina Park, for $7 million on Tuesday."),
    ("b", "Kestrel Apparel has been sued by Vela Sports, court records show."),
    ("c", "The footwear company Vela Sports is taking legal action, a spokesperson said."),
    ("d", "Mina Park countersued Vela Sports on Friday."),
    ("e", "Vela Sports also sued Orbit Logistics for $1 million over late deliveries."),
]
STORY_SPEC = [("Vela Sports", C, []), ("Kestrel Apparel", C, []), ("Mina Park", P, []), ("Orbit Logistics", C, [])]


def story_extractions():
    return [extract(text, STORY_SPEC, article_id=article_id) for article_id, text in STORY]


def test_reports_of_one_action_merge_and_others_stay_apart():
    corpus = corpus_of(*story_extractions())
    actions = merge_legal_actions(corpus)
    by_reports = {tuple(a for a, _ in action.reports): action for action in actions}
    assert set(by_reports) == {("a", "b", "c"), ("d",), ("e",)}
    main = by_reports[("a", "b", "c")]
    assert main.kind == "lawsuit"
    assert main.plaintiffs == ["company/vela-sports"]
    assert main.defendants == ["company/kestrel-apparel", "person/mina-park"]
    assert by_reports[("d",)].kind == "countersuit"
    # the per-source amount stays on the report that gave it
    assert corpus.extractions[0].legal_actions[0].amount.value == 7_000_000
    assert corpus.extractions[1].legal_actions[0].amount is None


def test_merge_is_independent_of_input_order():
    extractions = story_extractions()
    first = merge_legal_actions(corpus_of(*extractions))
    shuffled = extractions[:]
    random.Random(7).shuffle(shuffled)
    from kg.resolve import resolve

    again = resolve(shuffled).legal_actions
    assert [(a.id, a.reports) for a in first] == [(a.id, a.reports) for a in again]
    assert len({a.id for a in first}) == len(first)


# --------------------------------------------------------------------------- the seeds

SEED_SPEC = [
    ("Balenciaga", K.BRAND, []),
    ("North Six Inc.", C, ["North Six, Inc.", "North Six"]),
    ("Nicholas Des Jardins", P, ["Des Jardins"]),
    ("Kim Kardashian", P, ["Kim"]),
    ("Page Six", K.NEWS_OUTLET, []),
    ("Insider", K.NEWS_OUTLET, []),
    ("The New York Post", K.NEWS_OUTLET, []),
    ("U.S. Supreme Court", K.COURT, []),
    ("Instagram", K.PLATFORM, []),
    ("Twitter", K.PLATFORM, []),
]


@pytest.fixture(scope="module")
def seed_articles():
    return sorted(read_articles([SEEDS]), key=lambda a: a.id)


def test_seed_reports_with_known_entities(seed_articles):
    extractions = []
    for article in seed_articles:
        entities = make_entities(article, SEED_SPEC)
        reports = extract_legal_actions(analyse(article), entities, [])
        extractions.append(Extraction(article=article, entities=entities, legal_actions=reports))
    by_id = {e.article.id[:3]: e for e in extractions}

    first = [r for r in by_id["000"].legal_actions if not r.background]
    assert summary(Extraction(article=by_id["000"].article, entities=by_id["000"].entities, legal_actions=first)) == [
        ("lawsuit", ["Balenciaga"], ["North Six Inc.", "Nicholas Des Jardins"], (25_000_000, "USD"), "filed")
    ]
    assert roles(Extraction(article=by_id["000"].article, entities=by_id["000"].entities, legal_actions=first)) == {
        "Balenciaga": None,
        "North Six Inc.": "the producers of the add",
        "Nicholas Des Jardins": "the set designer",
    }
    # the court documents shown in the ad are a case cited as background in 000, 001, 002 and 004
    for key in ("000", "001", "002", "004"):
        assert any(r.background for r in by_id[key].legal_actions), key
    assert by_id["004"].legal_actions[0].date.start == "2022-11-26"  # `this weekend`, seen from Sunday Nov. 27

    merged = merge_legal_actions(corpus_of(*extractions))
    cited = [a for a in merged if a.background]
    # each cited case names no party, so none can be told to be the same as another: one action per report
    assert len(cited) == 4 and all(len(a.reports) == 1 and a.plaintiffs == a.defendants == [] for a in cited)
    actions = [a for a in merged if not a.background]
    assert len(actions) == 1
    (lawsuit,) = actions
    assert lawsuit.plaintiffs == ["brand/balenciaga"]
    assert lawsuit.defendants == ["company/north-six-inc", "person/nicholas-des-jardins"]
    assert sorted({a[:3] for a, _ in lawsuit.reports}) == ["000", "001", "003", "004"]


def test_seed_chain(seed_articles):
    """The whole chain with the real extractors: one lawsuit, its parties and amount, from every seed telling it."""
    from kg.extract import extract as run_extractors
    from kg.resolve import resolve

    corpus = resolve([run_extractors(analyse(article)) for article in seed_articles])
    names = {e.id: e.name for e in corpus.entities}
    lawsuits = [a for a in corpus.legal_actions if a.kind == "lawsuit" and not a.background]
    assert len(lawsuits) == 1, [(a.plaintiffs, a.defendants, a.reports) for a in corpus.legal_actions]
    (lawsuit,) = lawsuits
    assert [names[p] for p in lawsuit.plaintiffs] == ["Balenciaga"]
    defendants = sorted(names[d] for d in lawsuit.defendants)
    assert len(defendants) == 2
    assert defendants[0].startswith("Nicholas Des Jardins") and defendants[1].startswith("North Six")
    reporting = {article_id[:3] for article_id, _ in lawsuit.reports}
    # 003 only quotes the brand (`we ... are taking legal action`); 002 never mentions the suit
    assert reporting == {"000", "001", "003", "004"}
    by_article = {e.article.id: e for e in corpus.extractions}
    filing_quotes = [
        by_article[article_id].quotes[q].text
        for article_id, index in lawsuit.reports
        for q in by_article[article_id].legal_actions[index].claim_quotes
    ]
    assert any("extraordinarily reckless" in text for text in filing_quotes)  # `the filing states` in 001
    amounts = {
        (r.amount.value, r.amount.currency)
        for article_id, index in lawsuit.reports
        if (r := by_article[article_id].legal_actions[index]).amount
    }
    assert amounts == {(25_000_000, "USD")}


@pytest.mark.parametrize(
    ("text", "spec", "allegation"),
    [
        ("The Justice Department charged Sam Bankman-Fried with wire fraud on Monday.",
         [("Justice Department", G, []), ("Sam Bankman-Fried", P, [])], "wire fraud"),
        ("Lena Ortiz sued the Daily Echo for defamation.", [("Lena Ortiz", P, []), ("Daily Echo", C, [])], "defamation"),
        ("Texas filed an antitrust lawsuit against Google over its advertising business.",
         [("Texas", G, []), ("Google", C, [])], "antitrust"),
        ("Rapper Kova pleaded not guilty to charges of assault.", [("Kova", P, [])], "assault"),
        ("Meta Platforms was sued by the Federal Trade Commission over its acquisition of a photo app.",
         [("Meta Platforms", C, []), ("Federal Trade Commission", G, [])], "its acquisition of a photo app"),
        # `for $50 million` is the amount, not what the suit is about
        ("The actor Johnny Depp sued Amber Heard for $50 million.", [("Johnny Depp", P, []), ("Amber Heard", P, [])], None),
        # a headline: the quotation marks stay paired and the line break stays out
        ("Brewer sues rival over 'Stone Hill' label\n\nA brewer sued Cascade Foods on Monday.",
         [("Cascade Foods", C, [])], "'Stone Hill' label"),
        ('Singer Rhea Vance sued the Morning Ledger over its "Fallen Star" series.',
         [("Rhea Vance", P, []), ("Morning Ledger", C, [])], 'its "Fallen Star" series'),
    ],
)  # fmt: skip
def test_allegation(text, spec, allegation):
    (report,) = extract(text, spec).legal_actions
    assert report.allegation == allegation


def test_generic_case_joins_the_charges_it_names():
    texts = [
        ("p", "Federal prosecutors charged Dana Whitfield with securities fraud on Monday, and the Securities and "
              "Exchange Commission sued her the same day."),
        ("q", "The case against Dana Whitfield will be heard in Manhattan, the Securities and Exchange Commission said."),
    ]
    spec = [("Dana Whitfield", P, []), ("Securities and Exchange Commission", G, [])]
    extractions = [extract(text, spec, article_id=article_id) for article_id, text in texts]
    assert [r.kind for r in extractions[0].legal_actions] == ["charge", "lawsuit"]
    actions = merge_legal_actions(corpus_of(*extractions))
    kinds = sorted((a.kind, tuple(a.reports)) for a in actions)
    # `the case against her` names only the defendant: it may be either action, so it joins the first that fits,
    # and the charge stays a charge, the SEC suit a lawsuit
    assert [k for k, _ in kinds] == ["charge", "lawsuit"]
    assert sum(len(r) for _, r in kinds) == 3


def test_merge_survives_a_party_split_by_entity_resolution():
    """`Vela Sports Inc.` (a company here) and `Vela Sports` (mis-kinded there) are one plaintiff by name."""
    one = extract(
        "Vela Sports Inc. sued Kestrel Apparel for $7 million on Tuesday.",
        [("Vela Sports Inc.", C, []), ("Kestrel Apparel", C, [])],
        article_id="x1",
    )
    two = extract(
        "Running-shoe maker Vela Sports has taken legal action against Apex Outdoor.",
        [("Vela Sports", P, []), ("Apex Outdoor", C, [])],
        article_id="x2",
    )
    three = extract(
        "Kestrel Apparel was sued by Vela Sports this week.",
        [("Kestrel Apparel", O, []), ("Vela Sports", P, [])],
        article_id="x3",
    )
    actions = merge_legal_actions(corpus_of(one, two, three))
    grouped = sorted(tuple(a for a, _ in action.reports) for action in actions)
    # x2 names another defendant: a different suit by the same plaintiff
    assert grouped == [("x1", "x3"), ("x2",)]
    (suit,) = [a for a in actions if len(a.reports) == 2]
    assert suit.plaintiffs == ["company/vela-sports-inc", "person/vela-sports"]


@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("Former President Donald Trump was indicted by a Manhattan grand jury on Thursday.",
         [("Donald Trump", P, []), ("Manhattan", K.PLACE, [])], ("charge", [], ["Donald Trump"], None, "charged")),
        ("Disney sued Florida Governor Ron DeSantis on Wednesday, alleging government retaliation.",
         [("Disney", C, []), ("Florida", K.PLACE, []), ("Ron DeSantis", P, [])],
         ("lawsuit", ["Disney"], ["Ron DeSantis"], None, "filed")),
        ("Authorities in Texas charged a Houston man, Marcus Reed, 29, with capital murder on Sunday.",
         [("Texas", K.PLACE, []), ("Houston", K.PLACE, []), ("Marcus Reed", P, [])],
         ("charge", [], ["Marcus Reed"], None, "charged")),
    ],
)  # fmt: skip
def test_names_that_only_modify_another_noun_are_no_party(text, spec, expected):
    assert summary(extract(text, spec, published="2023-05-05")) == [expected]


def test_age_is_no_date_and_allegation_stops_before_the_date():
    text = "Authorities in Texas charged a Houston man, Marcus Reed, 29, with capital murder on Sunday."
    (report,) = extract(text, [("Marcus Reed", P, [])], published="2023-05-05").legal_actions
    assert report.date.start == "2023-04-30" and report.date.text == "Sunday"
    assert report.allegation == "capital murder"


def test_settling_charges_is_one_action():
    text = "Binance agreed to pay $4.3 billion to settle charges brought by the Justice Department."
    spec = [("Binance", C, []), ("Justice Department", G, [])]
    assert summary(extract(text, spec)) == [
        ("settlement", ["Justice Department"], ["Binance"], (4_300_000_000, "USD"), "settled")
    ]


def test_ending_a_lawsuit():
    text = "A jury found for the singer, ending a copyright lawsuit brought by the heirs of Ed Townsend."
    extraction = extract(text, [("Ed Townsend", P, [])])
    assert summary(extraction) == [("lawsuit", ["Ed Townsend"], [], None, "ended")]
    assert extraction.legal_actions[0].allegation == "copyright"


def test_a_description_wrongly_merged_into_the_defendant_does_not_flip_sides():
    """If entity extraction took `the Italian football federation` for the club, the club stays the one fined."""
    text = "Juventus were fined 718,000 euros by the Italian football federation on Friday."
    article = Article(id="t", text=text, published="2023-05-05")
    (club,) = make_entities(article, [("Juventus", O, [])])
    start = text.index("the Italian")
    club.mentions.append(Mention(span=Span.at(article, start, start + len("the Italian football federation")), kind="description"))
    reports = extract_legal_actions(analyse(article), [club], [])
    assert [(r.kind, [p.key for p in r.plaintiffs], [p.key for p in r.defendants]) for r in reports] == [
        ("fine", [], [club.key])
    ]
    assert reports[0].amount.value == 718_000 and reports[0].amount.currency == "EUR"


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("If convicted, Dana Pell faces up to seven years in prison and a fine of 200,000 euros, her lawyer said.",
         [("Dana Pell", P, [])]),
        ("Brightwater Energy could face criminal charges over the spill, officials warned on Tuesday.",
         [("Brightwater Energy", C, [])]),
        ("Under the draft law, platforms such as Chirp would be fined up to $10 million for each breach.",
         [("Chirp", K.PLATFORM, [])]),
        ("The regulator said Halden Foods faces a fine of up to £2 million if found guilty of misleading customers.",
         [("Halden Foods", C, [])]),
        ("Tomas Brandt may be charged with fraud next month, according to court filings.", [("Tomas Brandt", P, [])]),
    ],
)  # fmt: skip
def test_possible_penalties_are_not_actions(text, spec):
    """A penalty or charge that `could` come, or would follow `if convicted`, has not happened."""
    assert extract(text, spec).legal_actions == []


def test_real_charges_and_convictions_stand_beside_possible_ones():
    text = (
        "A jury in Leeds convicted Ola Fenn of fraud on Thursday. She faces up to ten years in prison when she is "
        "sentenced in June. Her former partner, Ravi Moss, faces charges of money laundering and could be convicted "
        "if the jury believes the bank's records. Prosecutors said they would charge the accountant, Ines Cole, with fraud."
    )
    spec = [("Ola Fenn", P, []), ("Ravi Moss", P, []), ("Ines Cole", P, [])]
    assert summary(extract(text, spec, published="2024-03-01")) == [
        ("conviction", [], ["Ola Fenn"], None, "convicted"),
        ("charge", [], ["Ravi Moss"], None, "charged"),
        ("charge", [], ["Ines Cole"], None, "threatened"),
    ]


@pytest.mark.parametrize(
    ("dateline", "place"),
    [("ROME, June 4 (Reuters) - ", "Rome"), ("BRUSSELS (AP) — ", "Brussels"), ("LYON, France, June 4, 2024 — ", "Lyon"),
     ("MADRID, 4 June (EFE) – ", "Madrid"), ("NEW YORK — ", "New York")],
)
def test_wire_dateline_names_no_party(dateline, place):
    text = f"Regulator fines bank\n\n{dateline}Prosecutors on Tuesday charged Kasimir Dorn with insider trading.\n"
    spec = [(place, K.PLACE, [place.upper()]), ("Reuters", K.NEWS_OUTLET, []), ("AP", K.NEWS_OUTLET, []), ("EFE", K.NEWS_OUTLET, []), ("Kasimir Dorn", P, [])]
    assert summary(extract(text, spec, published="2024-06-04")) == [("charge", [], ["Kasimir Dorn"], None, "charged")]


@pytest.mark.parametrize(
    ("text", "spec", "expected", "role"),
    [
        ("Prosecutors charged the founder of online lender Quidly, Priya Nand, with fraud.",
         [("Quidly", C, []), ("Priya Nand", P, [])], ("charge", [], ["Priya Nand"], None, "charged"),
         "the founder of online lender Quidly"),
        ("The SEC sued the former finance chief of chipmaker Vantorix, Helen Marsh, for insider trading.",
         [("SEC", G, []), ("Vantorix", C, []), ("Helen Marsh", P, [])], ("lawsuit", ["SEC"], ["Helen Marsh"], None, "filed"),
         "the former finance chief of chipmaker Vantorix"),
    ],
)  # fmt: skip
def test_company_in_the_defendants_own_description_is_no_defendant(text, spec, expected, role):
    """The parse hangs the person on the company (`of X, Jo Bloggs`); the company only says whose officer."""
    extraction = extract(text, spec)
    assert summary(extraction) == [expected]
    assert roles(extraction)[expected[2][0]] == role
