"""Comparing how two sources word one statement, word by word.

Shared by the RDF mapping (nkg:wordingDiff), the views and the HTML report, so every
place agrees on what counts as a different wording.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from .memo import kept

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "&": "and"})


def word_key(word: str) -> str:
    """What a word means when comparing wordings: case, curly quotes, dashes, hyphens and edge punctuation do not count."""
    return word.translate(_FOLD).casefold().strip(".,;:!?\"'()[]…").replace("-", "")


def wording_key(text: str) -> tuple[str, ...]:
    return tuple(k for k in (word_key(w) for w in text.split()) if k)


@lru_cache(maxsize=16384)  # a statement's fullest wording is compared with each of its reports
def _keyed_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(text.split())
    return words, tuple(word_key(w) for w in words)


def word_opcodes(reference: str, wording: str) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    """Both wordings split into words, and difflib opcodes between them compared by `word_key`."""
    (ref, ref_keys), (own, own_keys) = _keyed_words(reference), _keyed_words(wording)
    matcher = difflib.SequenceMatcher(a=ref_keys, b=own_keys, autojunk=False)
    return list(ref), list(own), matcher.get_opcodes()


@lru_cache(maxsize=65536)  # outlets repeat wordings: a corpus maps the same pair many times
@kept("wording-diff", "wordings.py")  # and a rebuild maps most of the last build's pairs again
def wording_diff(reference: str, wording: str) -> str:
    """Words `wording` adds (+) to or changes (-) in the fullest wording, as plain text.
    Words a shorter excerpt leaves off at its start or end are not differences."""
    if _is_excerpt(reference, wording):  # most reports: no need to align the words
        return SAME_WORDS
    ref, own, opcodes = word_opcodes(reference, wording)
    changes = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        edge = index in (0, len(opcodes) - 1)
        if tag == "replace" or (tag == "delete" and not edge):
            changes.append("-" + " ".join(ref[i1:i2]))
        if tag in ("replace", "insert"):
            changes.append("+" + " ".join(own[j1:j2]))
    return " | ".join(changes) if changes else SAME_WORDS


SAME_WORDS = "(same words, shorter excerpt)"


def _is_excerpt(reference: str, wording: str) -> bool:
    """`wording`'s word keys are a contiguous run of `reference`'s: then every opcode but the
    edges is `equal` (the longest match is the whole wording), so there is no difference.
    Keys come from `str.split`, so none holds a space: spaces mark word boundaries exactly."""
    ref_keys, own_keys = _keyed_words(reference)[1], _keyed_words(wording)[1]
    if not all(ref_keys) or not all(own_keys):
        return False  # a word of punctuation only has an empty key, which spaces cannot delimit
    return f" {' '.join(own_keys)} " in f" {' '.join(ref_keys)} "
