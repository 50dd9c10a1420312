"""Article dates (publication, update stamps, inferred years) and event dates resolved against them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg.extract.dates import anchor_date, article_dates, resolve_date
from kg.records import Article
from kg.sources import parse_text, read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def dated(text: str, published: str | None = None) -> Article:
    return article_dates(Article(id="a", text=text, published=published))


# --------------------------------------------------------------------------- article stamps


def test_update_line_with_time_zone_and_year():
    article = dated(
        "Updated Nov. 28, 2022, 10:12 a.m. ET\n\nThe senator resigned on Monday after a week of pressure.",
        published="2022-11-27",
    )
    assert article.published == "2022-11-27"
    (update,) = article.updates
    assert update.when == "2022-11-28T10:12:00-05:00"
    assert update.timezone == "ET"
    assert not update.year_inferred
    assert article.text[update.start : update.end] == update.label == "Updated Nov. 28, 2022, 10:12 a.m. ET"


def test_summer_time_offset_follows_the_zone():
    article = dated("UPDATE 7/4/23 at 6:30 PM PT: The fireworks show was cancelled because of wind.")
    (update,) = article.updates
    assert update.when == "2023-07-04T18:30:00-07:00"  # PDT in July
    assert article.published == update.when  # no publication date: the earliest stamp stands in


def test_parenthesised_updates_and_earliest_becomes_published():
    text = (
        "Striker Signs With Rivals\n\n"
        "(UPDATE: 3/15/24 AT 9:59 P.M. ET): The club confirmed the transfer fee.\n\n"
        "(UPDATE: 3/14/24 AT 8:00 A.M.): His agent said talks were advanced.\n\n"
        "(ORIGINAL STORY): The forward was seen at the training ground."
    )
    article = dated(text)
    assert [u.when for u in article.updates] == ["2024-03-15T21:59:00-04:00", "2024-03-14T08:00:00"]
    assert [u.timezone for u in article.updates] == ["ET", None]
    assert article.published == "2024-03-14T08:00:00"
    assert any("update stamp" in w for w in article.warnings)


def test_originally_published_without_year_is_inferred_from_other_dates():
    text = (
        "UPDATE\n10:05 AM PT — 1/3 — The company has now issued a recall.\n"
        "The phone maker said the batteries overheated.\n"
        "— Gadget Desk (@gadgetdesk) January 2, 2024\n"
        "Originally Published — 12/30 4:53 PM PT"
    )
    article = dated(text)
    # Dec. 30 sits next to Jan. 2, 2024 only in 2023; Jan. 3 in 2024
    assert article.published == "2023-12-30T16:53:00-08:00"
    assert article.published_year_inferred
    (update,) = article.updates
    assert update.when == "2024-01-03T10:05:00-08:00"
    assert update.year_inferred


def test_indented_stamp_offsets_cover_the_label_exactly():
    article = dated("Intro line.\n   Updated 3/2/21 7:05 pm CT\nThe vote was delayed.")
    (update,) = article.updates
    assert article.text[update.start : update.end] == update.label == "Updated 3/2/21 7:05 pm CT"
    assert update.when == "2021-03-02T19:05:00-06:00"


def test_year_comes_from_the_year_the_story_is_about():
    text = (
        "UPDATE 2:15 PM ET — 6/14 — The judge set the trial for Jan. 5, 2026.\n"
        "Prosecutors said the case was filed on June 12, 2024, and cited a ruling from March 3, 2024."
    )
    (update,) = dated(text).updates
    assert update.when == "2024-06-14T14:15:00-04:00" and update.year_inferred


def test_time_only_update_keeps_label_but_no_guessed_day():
    article = dated("UPDATE\n4:52 PM PT — The mayor has more to say about the budget.", published="2021-06-01")
    (update,) = article.updates
    assert update.label == "UPDATE\n4:52 PM PT"
    assert update.when is None and update.timezone == "PT"


def test_byline_with_date_gives_publication():
    article = parse_text("By Maria Lopez | March 3, 2021\n\nThe city council approved the budget on Tuesday.", "x")
    assert article.published == "2021-03-03"
    assert anchor_date(article) == date(2021, 3, 3)


def test_dateline_under_headline():
    article = parse_text("Storm Hits Coast\n\nSeptember 9, 2019 6:15 pm GMT\n\nWinds reached 100 mph overnight.", "x")
    assert article.published == "2019-09-09T18:15:00+00:00"


def test_guardian_style_dateline_and_last_modified():
    article = parse_text(
        "Storm Hits Coast\n\nMon 28 Nov 2022 10.12 GMT\n\nLast modified on Mon 28 Nov 2022 12.40 GMT\n\nWinds reached 100 mph.", "x"
    )
    assert article.published == "2022-11-28T10:12:00+00:00"
    assert [(u.label, u.when) for u in article.updates] == [
        ("Last modified on Mon 28 Nov 2022 12.40 GMT", "2022-11-28T12:40:00+00:00")
    ]


def test_published_label_with_weekday_and_zone_first():
    article = parse_text("Published 10:12 AM EST, Mon November 28, 2022\n\nThe council met on Monday.", "x")
    assert article.published == "2022-11-28T10:12:00-05:00"


@pytest.mark.parametrize(
    ("head", "published", "updated"),
    [
        ("Published Nov. 8, 2022 Updated Nov. 9, 2022, 9:03 a.m. ET", "2022-11-08", "2022-11-09T09:03:00-05:00"),
        ("Published 6:00 AM EDT, Tue May 2, 2023 | Updated 8:15 PM EDT, Tue May 2, 2023",
         "2023-05-02T06:00:00-04:00", "2023-05-02T20:15:00-04:00"),
    ],
)  # fmt: skip
def test_published_and_updated_on_one_line(head, published, updated):
    article = parse_text(f"Vote Count Drags On\n\n{head}\n\nOfficials said counting would take days.", "x")
    assert article.published == published
    (update,) = article.updates
    assert update.when == updated and update.label.startswith("Updated")
    assert article.text[update.start : update.end] == update.label


def test_a_line_that_is_not_only_a_date_is_no_dateline():
    article = parse_text("Headline Here\n\nNov 28, 2022 and the days after were busy\n\nThe firm said it sued.", "x")
    assert article.published is None and article.updates == []


def test_metadata_date_printed_another_way_is_normalised():
    assert dated("Body text here.", published="Mon, 28 Nov 2022 10:12:00 GMT").published == "2022-11-28T10:12:00+00:00"
    assert dated("Body text here.", published="November 28, 2022").published == "2022-11-28"
    unreadable = dated("Body text here.", published="sometime soon")
    assert unreadable.published is None and unreadable.warnings


def test_updated_inside_a_sentence_is_not_a_stamp():
    article = dated("The app was updated Nov. 3 to fix the bug, and the firm posted 12/4 results.", published="2022-12-10")
    assert article.updates == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("UPDATE updated Published 0123456789/:—-()APMETPT, Nov.\n")), max_size=120))
def test_article_dates_never_raises(text):
    article = dated(text or "x")
    assert not any("could not read stamps" in w for w in article.warnings)  # no internal error was swallowed
    for update in article.updates:
        assert article.text[update.start : update.end] == update.label


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds():
    return {a.id[:3]: a for a in read_articles([SEEDS])}


def test_seed_update_stamps(seeds):
    tmz_style = seeds["004"]
    assert tmz_style.published == "2022-11-27T16:53:00-08:00" and tmz_style.published_year_inferred
    assert [(u.when, u.timezone) for u in tmz_style.updates] == [("2022-11-28T09:45:00-08:00", "PT"), (None, "PT")]
    assert tmz_style.updates[0].year_inferred

    parenthesised = seeds["002"]
    assert [u.when for u in parenthesised.updates] == ["2022-11-28T21:59:00-05:00", "2022-11-27T08:00:00"]
    assert parenthesised.published == "2022-11-27T08:00:00"

    for key in ("000", "001", "003"):
        assert seeds[key].updates == []
    assert seeds["000"].published == "2022-11-27" and seeds["003"].published == "2022-11-28"


# --------------------------------------------------------------------------- event dates

MONDAY = date(2022, 11, 28)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("on Nov. 27", "2022-11-27", None),
        ("Sunday", "2022-11-27", None),
        ("Sunday evening", "2022-11-27", None),
        ("on Monday", "2022-11-28", None),  # the anchor's own weekday is that day, not a week back
        ("last Monday", "2022-11-21", None),
        ("Friday", "2022-11-25", None),
        ("Monday, Nov. 28", "2022-11-28", None),
        ("this weekend", "2022-11-26", "2022-11-27"),
        ("last July", "2022-07-01", "2022-07-31"),
        ("back in July", "2022-07-01", "2022-07-31"),
        ("in mid-October", "2022-10-01", "2022-10-31"),
        ("earlier this week", "2022-11-28", None),
        ("last week", "2022-11-21", "2022-11-27"),
        ("last month", "2022-10-01", "2022-10-31"),
        ("November 2021", "2021-11-01", "2021-11-30"),
        ("in 2019", "2019-01-01", "2019-12-31"),
        ("yesterday", "2022-11-27", None),
        ("two days ago", "2022-11-26", None),
        ("Dec. 3", "2022-12-03", None),  # nearest year, not last year's
        ("March 4, 2020", "2020-03-04", None),
        ("on March 3", "2022-03-03", None),  # this past March: news looks back further than ahead
        ("Monday's", "2022-11-28", None),
    ],
)
def test_resolve_date(phrase, start, end):
    value = resolve_date(phrase, MONDAY)
    assert value is not None, phrase
    assert (value.start, value.end) == (start, end)
    assert value.text == phrase


def test_earlier_this_week_is_a_range_midweek():
    value = resolve_date("earlier this week", date(2023, 5, 18))  # a Thursday
    assert (value.start, value.end) == ("2023-05-15", "2023-05-17")


def test_weekend_seen_from_a_sunday_is_that_weekend():
    value = resolve_date("this weekend", date(2022, 11, 27))
    assert (value.start, value.end) == ("2022-11-26", "2022-11-27")


def test_new_year_boundary():
    assert resolve_date("Dec. 30", date(2024, 1, 2)).start == "2023-12-30"
    assert resolve_date("last December", date(2024, 1, 2)).start == "2023-12-01"


@pytest.mark.parametrize("phrase", ["the past few days", "for days", "in recent years", "at the time", "soon", "", "the campaign"])
def test_unresolvable_is_none(phrase):
    assert resolve_date(phrase, MONDAY) is None


def test_relative_phrases_need_an_anchor():
    assert resolve_date("Sunday", None) is None
    assert resolve_date("Nov. 27, 2022", None).start == "2022-11-27"


@pytest.mark.parametrize(
    "text, expected",
    [("11/28/22", "2022-11-28"), ("11/28", "2022-11-28"), ("1/3", "2023-01-03"), ("3/4/1999", "1999-03-04"), ("13/45", None)],
)
def test_numeric_us_dates_resolve_near_the_anchor(text, expected):
    value = resolve_date(text, date(2022, 11, 27))
    assert (value.start if value else None) == expected


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # a wire dateline opening the story
        ("Headline Of The Story\n\nLONDON, 3 February 2025 — The mayor defended the cuts on Monday.", "2025-02-03"),
        ("Headline Of The Story\n\nBERKELEY, Calif., March 3, 2025 /PRNewswire/ -- The startup raised $5 million.", "2025-03-03"),
        ("Headline Of The Story\n\nNEW YORK, Nov 28, 2022 (Reuters) - Shares fell after the ruling.", "2022-11-28"),
        ("Headline Of The Story\n\nST. LOUIS, 2024-06-01 – Flooding closed the levee road.", "2024-06-01"),
        # an outlet or section line under the headline
        ("Ferry fares to rise in spring\nTechWire | Nov 5, 2024", "2024-11-05"),
        ("Ferry fares to rise in spring\nHarbour Gazette — 12 June 2025 09:30 BST", "2025-06-12T09:30:00+01:00"),
        ("Ferry fares to rise in spring\nMetro section · Tue 4 March 2025", "2025-03-04"),
        ("Ferry fares to rise in spring\nCity Desk • 2024-06-01", "2024-06-01"),
    ],
)  # fmt: skip
def test_a_head_line_gives_publication(head, published):
    article = parse_text(f"{head}\n\nUpdate, 9 December 2025: the council voted again.", "x")
    assert article.published == published
    assert [u.when for u in article.updates] == ["2025-12-09"]


@pytest.mark.parametrize(
    "opening",
    [
        "NASA, the space agency, said on 3 February 2025 that the launch would slip.",  # a sentence, not a dateline
        "London, 3 February 2025 was the coldest day of the year.",  # no dash after the date
        "The union met in LONDON, 3 February 2025 — and voted to strike.",  # not at the start of a line
        # a dash before a date: too long to be a name, or the date does not end the line
        "Fuel costs for the island operator doubled again — Nov 5, 2024",
        "The vote — Nov 5, 2024 — was close",
    ],
)
def test_capitals_and_a_date_in_a_sentence_are_no_dateline(opening):
    article = parse_text(f"Headline Of The Story\n\n{opening}\n\nOfficials said more later.", "x")
    assert article.published is None


def test_a_dateline_under_the_headline_is_not_the_date_of_its_verb():
    from kg.extract import extract
    from kg.nlp import analyse

    text = (
        "Grain trader sues port authority over silo collapse\nRiverside Courier\nMay 9, 2024\n\n"
        "Halvorsen Grain has sued the Kettle Bay Port Authority for $2 million, claiming a silo it leased collapsed "
        "because of poor upkeep.\n\nThe port authority said it would fight the claim."
    )
    article = parse_text(text, "silo")
    assert article.published == "2024-05-09"
    actions = extract(analyse(article)).legal_actions
    assert actions and all(a.date is None or a.date.text != "May 9, 2024" for a in actions)
