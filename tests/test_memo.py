"""Answers kept between builds (kg/memo.py): reused, forgotten when unused, never wrong."""

import sqlite3

from kg import memo
from kg.resolve.statements import contained_share
from kg.wordings import wording_diff


def _counting(calls):
    def compute():
        calls.append(1)
        return ["line one", "line two"]

    return compute


def test_a_later_build_answers_from_the_last_builds_answers(tmp_path):
    calls = []
    with memo.kept_in(tmp_path):
        first = memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    with memo.kept_in(tmp_path):
        again = memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    assert first == again == ["line one", "line two"]
    assert len(calls) == 1


def test_without_a_folder_every_question_is_computed():
    calls = []
    memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    assert len(calls) == 2


def test_answers_no_build_asked_for_are_dropped(tmp_path):
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "old question", lambda: 1)
        memo.recall("test-unit", ("memo.py",), "kept question", lambda: 2)
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "kept question", lambda: 2)
    with sqlite3.connect(tmp_path / memo.FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM answer").fetchone()[0] == 1


def test_an_edited_source_file_forgets_the_answers(tmp_path, monkeypatch):
    calls = []
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    monkeypatch.setattr(memo, "_version", lambda name, sources: b"another version of the code")
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    assert len(calls) == 2


def test_a_damaged_answers_file_is_started_again(tmp_path):
    (tmp_path / memo.FILE).write_bytes(b"not a database")
    with memo.kept_in(tmp_path):
        assert memo.recall("test-unit", ("memo.py",), "question", lambda: 3) == 3


def test_an_error_in_the_build_saves_nothing(tmp_path):
    try:
        with memo.kept_in(tmp_path):
            memo.recall("test-unit", ("memo.py",), "question", lambda: 4)
            raise RuntimeError("the build failed")
    except RuntimeError:
        pass
    calls = []
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    assert len(calls) == 1


def test_kept_functions_answer_alike_from_the_file(tmp_path):
    full = "We will appeal the ruling. The court got it wrong, and we will say so."
    reworded = "We will certainly appeal the ruling."
    part = "The court got it wrong, and we will say so. Nobody else is talking about the budget today."

    def ask():
        return wording_diff.__wrapped__(full, reworded), contained_share(part, full), contained_share(reworded, part)

    plain = ask()
    with memo.kept_in(tmp_path):
        computed = ask()
    with memo.kept_in(tmp_path):
        recalled = ask()
    assert plain == computed == recalled
    assert plain[0] == "+certainly" and 0.3 < plain[1] < 0.7 and plain[2] == 0.0
