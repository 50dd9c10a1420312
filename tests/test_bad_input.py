"""Awkward but real input builds without error, and what is built stays verbatim and valid."""

from __future__ import annotations

import pytest

from kg import build_graph
from kg.validate import validate_graph

AWKWARD = {
    "unbalanced.txt": (
        "The striker said: “We were robbed tonight.\n\n"
        "The referee did not answer questions after the match. “No comment,” a league spokesman said.\n\n"
        "Fans waited outside for an hour. \"It was never a penalty, one of them said."
    ),
    "nested.txt": (
        "“When he told me ‘you are finished in this town,’ I laughed,” the chef said on Tuesday. "
        "'He said \"never again\" and walked out,' a waiter added. "
        "“Mixed ‘marks\" everywhere’,” wrote the critic."
    ),
    "german.txt": (
        "Die Ministerin sagte am Montag: „Wir werden die Steuern nicht erhöhen.“ "
        "Der Verband kritisierte den Plan scharf und kündigte Proteste an."
    ),
    "chinese.txt": "部长周一表示：“我们不会提高税收。”反对派批评了这项计划。",
    "only_marks.txt": "“ ” \" ' ‘ ’ « » „ “",
    "crlf.txt": "Line one, the mayor said.\r\n\r\n\"Line two,\" she added.\r\n",
}


@pytest.fixture(scope="module")
def awkward_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("awkward")
    for name, text in AWKWARD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build_graph([folder])


def test_every_awkward_article_builds(awkward_build):
    assert awkward_build.errors == []
    assert len(awkward_build.corpus.extractions) == len(AWKWARD)


def test_awkward_graph_is_valid_and_verbatim(awkward_build):
    report = validate_graph(awkward_build.graph)
    assert report.conforms, report.problems[:5]


def test_quotes_in_well_formed_parts_are_still_found(awkward_build):
    texts = {q.text for e in awkward_build.corpus.extractions for q in e.quotes}
    assert any("No comment" in t for t in texts)
    assert any("you are finished in this town" in t for t in texts)
