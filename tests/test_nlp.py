"""Loading the spaCy pipeline: the shortcuts newskg takes give the pipeline spaCy's own load gives."""

from __future__ import annotations

import catalogue
import spacy

from kg.nlp import PARAGRAPHS, _group_entry_points, _quick_tokenizer_config, load
from kg.settings import default_model


def test_the_quickly_loaded_tokenizer_is_the_one_spacy_loads():
    quick = load()
    assert _quick_tokenizer_config(default_model())  # the installed model takes the shortcut
    plain = spacy.load(default_model())
    # the rules (vocab left out: its string table grows with every text a test has analysed)
    assert quick.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    text = "Dr. O'Neil didn't say \"we'll see\" on Jan. 3rd at 5:30p.m. -- see https://example.org/a?b=1 (U.S.)."
    assert [t.text for t in quick(text)] == [t.text for t in plain(text)]
    assert [name for name in quick.pipe_names if name != PARAGRAPHS] == plain.pipe_names  # and one component of newskg's


def test_a_model_folder_without_a_standard_tokenizer_gets_no_shortcut(tmp_path):
    assert _quick_tokenizer_config(str(tmp_path)) == {}  # not a model at all
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = []\ntokenizer = {"@tokenizers":"custom.Tokenizer.v1"}\n')
    (tmp_path / "tokenizer").write_bytes(b"")
    assert _quick_tokenizer_config(str(tmp_path)) == {}


def test_grouped_entry_points_answer_every_registry_as_before():
    from importlib.metadata import entry_points

    everything = entry_points()
    _group_entry_points()
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert not hasattr(grouped, "select")  # the plain dict catalogue reads with `.get`
    for group in everything.groups:
        assert [e.name for e in grouped.get(group, [])] == [e.name for e in everything.select(group=group)]
    assert catalogue.create("newskg_test_no_such_group", entry_points=True).get_all() == {}


def test_a_blank_line_starts_a_sentence_but_a_wrapped_line_does_not():
    from kg.nlp import load

    doc = load()("Corwick bridge to stay shut for six weeks, mayor says\n\nThe bridge will stay closed, officials "
                 "announced.\n\nTalks went on\nlate into the night.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Corwick bridge to stay shut for six weeks, mayor says", "The bridge will stay closed, officials announced.",
                         "Talks went on\nlate into the night."]
    announced = next(t for t in doc if t.text == "announced")
    assert [t.text for t in announced.children if t.dep_ == "nsubj"] == ["officials"]


def test_lines_under_a_headline_are_sentences_of_their_own():
    from kg.nlp import load

    doc = load()("Ferry operator fined over late sailings\nIsland Post | 2 May 2025\nBy Ana Ruiz\n"
                 "The operator was fined on Tuesday,\nthe regulator said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[:3] == ["Ferry operator fined over late sailings", "Island Post | 2 May 2025", "By Ana Ruiz"]
    assert "The operator was fined on Tuesday,\nthe regulator said." in sentences  # a wrapped body line stays whole
