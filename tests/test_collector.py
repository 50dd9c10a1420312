"""The build's garbage-collector policy (kg/collector.py) and the given-name list it made worth loading faster."""

import gc

import gender_guesser.detector as detector

from kg import build_graph
from kg.collector import begin, keep_alive_objects, paused, release
from kg.extract.lexicon import first_name_gender, gender_detector


def test_objects_frozen_during_a_build_are_collected_normally_afterwards(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\n\"We will appeal,\" said Maria Lopez, a lawyer for the firm.\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    build_graph([tmp_path], workers=1, cache=False)
    assert gc.get_freeze_count() == 0


def test_a_callers_own_frozen_objects_stay_frozen():
    gc.freeze()
    try:
        before = begin()
        keep_alive_objects()
        release(before)
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()


def test_paused_collection_resumes_only_if_it_was_running():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_given_name_list_equals_gender_guessers_own_loader():
    assert gender_detector().names == detector.Detector(case_sensitive=False).names
    assert first_name_gender("Maria") == "female"
    assert first_name_gender("John") == "male"
    assert first_name_gender("Zzyzx") is None
