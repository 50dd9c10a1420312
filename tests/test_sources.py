"""Reading articles: metadata lines, front matter, HTML, JSON/JSONL, encodings, bad files."""

from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.records import Article
from kg.sources import parse_text, read_articles


def read_all(*paths):
    return list(read_articles(paths))


def test_leading_date_on_same_line_as_body_is_metadata_not_text():
    article = parse_text(" date 2021-03-04 The mayor said the bridge would reopen.", "a1")
    assert article.published == "2021-03-04"
    assert article.text == "The mayor said the bridge would reopen."


def test_metadata_lines_are_read_and_kept_out_of_body():
    raw = "title: Bridge to reopen\nurl: https://example.org/b\nsource: The Daily Planet\n\nThe mayor spoke on Monday."
    article = parse_text(raw, "bridge")
    assert (article.title, article.url, article.outlet) == ("Bridge to reopen", "https://example.org/b", "The Daily Planet")
    assert article.text == "The mayor spoke on Monday."


def test_yaml_front_matter():
    raw = "---\ntitle: Storm warning\ndate: 2020-01-02\noutlet: Coast News\n---\nWinds will reach 90 km/h, forecasters said."
    article = parse_text(raw, "storm")
    assert article.title == "Storm warning"
    assert article.published == "2020-01-02"
    assert article.outlet == "Coast News"
    assert article.text.startswith("Winds will reach")


def test_standalone_first_line_is_taken_as_headline_and_stays_in_body():
    article = parse_text("Council Votes To Close Library\n\nThe council voted 5-2 on Tuesday.", "lib")
    assert article.title == "Council Votes To Close Library"
    assert article.text.startswith("Council Votes")


def test_crlf_is_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"title: T\r\n\r\nLine one.\r\nLine two.")
    (article,) = read_all(path)
    assert "\r" not in article.text and article.text == "Line one.\nLine two."


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The caf\xe9 owner said \x93we are closed\x94.".encode("latin-1"))
    (article,) = read_all(path)
    assert "café" in article.text and "“we are closed”" in article.text
    assert article.warnings and "cp1252" in article.warnings[0]


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe coach said the team was ready.".encode("utf-8"))
    (article,) = read_all(path)
    assert article.text.startswith("The coach")


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x00\x01\x02binary", "binary")],
)
def test_bad_files_give_an_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (error,) = read_all(path)
    assert isinstance(error, InputError)
    assert str(path) in str(error) and problem in str(error)


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    (error,) = read_all(tmp_path / "nope.txt")
    assert isinstance(error, InputError) and "no such file" in str(error)


def test_jsonl_malformed_line_is_reported_with_its_line_and_others_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "The minister said taxes would fall.", "outlet": "Wire"}),
        "{not json",
        json.dumps({"text": "No id here, the judge said."}),
        json.dumps({"id": "empty", "text": "  "}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = read_all(path)
    articles = [r for r in results if isinstance(r, Article)]
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert [a.id for a in articles] == ["one", "feed-3"]
    assert articles[0].outlet == "Wire"
    assert any(f"{path}:2" in e and "invalid JSON" in e for e in errors)
    assert any(f"{path}:4" in e and "no `text`" in e for e in errors)


def test_json_array_of_records(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "x", "text": "A said B.", "date": "2020-05-06"}, {"id": "y", "text": "C said D."}]))
    articles = read_all(path)
    assert [a.id for a in articles] == ["x", "y"]
    assert articles[0].published == "2020-05-06"


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Port strike ends</title><meta name='author' content='Ann Lee'></head><body>"
        "<nav>Home | Sports</nav><article><h1>Port strike ends</h1>"
        "<p>Dock workers returned on Friday after a ten-day strike over pay and safety rules at the harbour.</p>"
        "<p>\"We won what we came for,\" union leader Sam Ortiz said outside the gates on Friday morning.</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read_all(path)
    assert isinstance(article, Article), article
    assert "We won what we came for" in article.text
    assert "Home | Sports" not in article.text
    assert article.title == "Port strike ends"


def test_html_without_body_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head></html>")
    (error,) = read_all(path)
    assert isinstance(error, InputError) and str(path) in str(error)


def test_folders_are_read_recursively_in_stable_order_and_duplicate_stems_stay_distinct(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("The first one said hello.")
    (tmp_path / "b" / "story.md").write_text("The second one said goodbye.")
    (tmp_path / "notes.csv").write_text("ignored")
    articles = read_all(tmp_path)
    assert [a.id for a in articles] == ["story", "story-2"]
    assert articles[0].text.startswith("The first")


def test_an_oversized_article_is_refused_with_its_size(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSKG_MAX_CHARS", "1000")
    path = tmp_path / "huge.txt"
    path.write_text("The spokesman said nothing new. " * 100)
    (error,) = read_all(path)
    assert isinstance(error, InputError) and "too long" in str(error) and str(path) in str(error)


def test_a_50_mb_article_is_refused_quickly_not_parsed(tmp_path):
    path = tmp_path / "fifty.txt"
    path.write_bytes(b"The spokesman said nothing new. " * (50 * 1024 * 1024 // 32))
    (error,) = read_all(path)
    assert isinstance(error, InputError) and "too long" in str(error)


def test_a_folder_of_ten_thousand_tiny_files_is_read_in_order(tmp_path):
    for number in range(10_000):
        (tmp_path / f"n{number:05d}.txt").write_text(f"Official {number} said yes.")
    articles = read_all(tmp_path)
    assert len(articles) == 10_000
    assert articles[0].id == "n00000" and articles[-1].id == "n09999"


@pytest.mark.parametrize(
    "head",
    [
        "By Jo Park | April 3, 2025",
        "The Valley Times\nMonday, 3 March 2025\nBy Ann Lee",
        "Sports Desk\nPosted: 9/22/2024",
        "Town Crier — 12 June 2025",
    ],
)
def test_headline_directly_over_a_byline_or_dateline(head):
    article = parse_text(f"Mill fined over dust\n{head}\n\nThe mill was fined on Tuesday, inspectors said.", "mill")
    assert article.title == "Mill fined over dust"
    assert article.text.startswith("Mill fined over dust\n")
    # a hard-wrapped opening paragraph, or a byline on the first line, is no headline
    assert parse_text("The mill was fined on Tuesday\nBy Jo Park, inspectors said.\n\nMore.", "w").title is None
    assert parse_text(f"{head.splitlines()[-1]}\n\nThe mill was fined.", "b").title is None
