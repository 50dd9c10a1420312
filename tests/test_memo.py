"""Answers kept between builds (kg/memo.py): reused, forgotten when unused, never wrong."""

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
    assert len(memo._read((tmp_path / memo.FILE).read_bytes())) == 1


def test_an_edited_source_file_forgets_the_answers(tmp_path, monkeypatch):
    calls = []
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    monkeypatch.setattr(memo, "_version", lambda name, sources: b"another version of the code")
    with memo.kept_in(tmp_path):
        memo.recall("test-unit", ("memo.py",), "question", _counting(calls))
    assert len(calls) == 2


def test_a_damaged_answers_file_is_started_again(tmp_path):
    (tmp_path / memo.FILE).write_bytes(b"not marshal data")
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


def test_lines_and_records_come_back_as_they_were_kept(tmp_path):
    from kg.memo import decode_lines, encode_lines
    from kg.records import Article

    article = Article(id="wire-1", text="The mayor said: \"We will rebuild.\"", title="Rebuild", published="2024-03-01")
    asked = [
        ("lines", ["<a> <b> \"x\\ny\" <g>", "<a> <c> <d> <g>"], encode_lines, decode_lines),
        ("no lines", [], encode_lines, decode_lines),
        ("article", article, lambda a: a.model_dump_json(exclude={"sha256"}), Article.model_validate_json),
    ]
    for round in range(2):
        with memo.kept_in(tmp_path):
            for question, answer, encode, decode in asked:
                assert memo.recall("test-codec", ("memo.py",), question, lambda: answer, encode, decode) == answer


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


def test_answers_decoded_by_a_rebuild_are_written_again_when_the_file_changes(tmp_path):
    from kg.memo import decode_lines, encode_lines

    lines = ["<s> <p> \"a\" <g>", "<s> <p> \"b\" <g>"]
    calls = []

    def ask(question):
        return memo.recall("test-lines", ("memo.py",), question, lambda: calls.append(question) or lines, encode_lines, decode_lines)

    with memo.kept_in(tmp_path):
        ask("unit 1")
    with memo.kept_in(tmp_path):
        assert ask("unit 1") == lines  # decoded from the file (its encoded form is let go)
        ask("unit 2")  # something new: the file is written again, unit 1 encoded anew
    with memo.kept_in(tmp_path):
        assert ask("unit 1") == lines and ask("unit 2") == lines
    assert calls == ["unit 1", "unit 2"]


def test_many_answers_are_kept_in_several_pieces(tmp_path, monkeypatch):
    monkeypatch.setattr(memo, "CHUNK", 3)
    with memo.kept_in(tmp_path):
        for n in range(10):
            memo.recall("test-unit", ("memo.py",), f"question {n}", lambda n=n: n * n, str, int)
    raw = (tmp_path / memo.FILE).read_bytes()
    assert len(memo._read(raw)) == 10
    calls = []
    with memo.kept_in(tmp_path):
        assert [memo.recall("test-unit", ("memo.py",), f"question {n}", lambda: calls.append(n), str, int) for n in range(10)] == [
            n * n for n in range(10)
        ]
    assert calls == []
    (tmp_path / memo.FILE).write_bytes(raw[:-5])  # torn by a crash: every answer is computed again
    with memo.kept_in(tmp_path):
        assert memo.recall("test-unit", ("memo.py",), "question 1", lambda: -1, str, int) == -1
