"""Name forms: normalisation and the tests that say one name is a short form of another.

Shared by the extractor (within one article) and the resolver (across articles), so both agree on
what `Acme Holdings, Inc.`, `Acme Holdings` and `ACME HOLDINGS INC` have in common.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import lexicon

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$|['’]$")
_PUNCT = re.compile(r"[^\w\s&@-]+")
_SPACES = re.compile(r"\s+")
_CONNECTORS = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "van", "von", "der", "&"}


@lru_cache(maxsize=1 << 16)  # names recur all through an article and a corpus
def plain(text: str) -> str:
    """Compatibility-folded, accents removed, single spaces: `𝐄𝐮𝐝𝐚` -> `Euda`, `Pelé` -> `Pele`."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    no_marks = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACES.sub(" ", no_marks).strip()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.rstrip()) if len(text) > 3 else text


_NICKNAME = re.compile(r"\s[\"“‘][^\"”’\n]{1,40}[\"”’]\s")


def without_nickname(name: str) -> str:
    """`Rasmus "the Lighthouse" Oyelaran` -> `Rasmus Oyelaran`: a quoted nickname inside a name."""
    return _NICKNAME.sub(" ", name)


def words(name: str) -> list[str]:
    """Name words, lowercased, without punctuation, possessive or leading `the`."""
    return list(_words(name))


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    cleaned = _PUNCT.sub(" ", strip_possessive(plain(without_nickname(name))).replace(".", "")).lower()
    tokens = cleaned.split()
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    return tuple(tokens)


def org_words(name: str) -> list[str]:
    """Like `words` without trailing legal-form suffixes: `Acme Holdings, Inc.` -> [acme, holdings]."""
    tokens = words(name)
    suffixes = lexicon().legal_suffixes
    # Keep at least one word: `Group` alone or `Company` alone stays a name.
    while len(tokens) > 1 and (tokens[-1] in suffixes or " ".join(tokens[-2:]) in suffixes):
        tokens = tokens[:-2] if " ".join(tokens[-2:]) in suffixes and len(tokens) > 2 else tokens[:-1]
    return tokens


def person_key(name: str) -> str:
    return " ".join(w for w in words(name) if w not in lexicon().honorifics)


def org_key(name: str) -> str:
    return " ".join(org_words(name))


def has_legal_suffix(name: str) -> bool:
    tokens = words(name)
    suffixes = lexicon().legal_suffixes
    return len(tokens) > 1 and (tokens[-1] in suffixes or " ".join(tokens[-2:]) in suffixes)


def handle_key(handle: str) -> str:
    return re.sub(r"[^a-z0-9]", "", plain(handle).lower())


def initials(name: str) -> str:
    """`Federal Bureau of Investigation` -> `fbi` (connector words skipped)."""
    return "".join(w[0] for w in org_words(name) if w not in _CONNECTORS and w[:1].isalnum())


def is_short_form(short: list[str], full: list[str]) -> bool:
    """`jane` / `roe` / `jane r` / `j roe` are short forms of `jane roe`; `van dyke` of `ana van dyke`.

    A short form is a contiguous run of the full name's words (a first name, a surname, a surname of
    several words), or the full name with later words cut to a prefix (`Jane R`).
    """
    if not short or not full or len(short) > len(full) or short == full:
        return False
    n = len(short)
    for start in range(len(full) - n + 1):
        if full[start : start + n] == short:
            return True
    # `Jane R`: first words equal, the rest prefixes of the matching words.
    if len(short) == len(full) and short[0] == full[0]:
        return all(f.startswith(s) for s, f in zip(short[1:], full[1:]))
    # `J. Smith`: initial then surname.
    if len(short) == 2 and len(short[0]) == 1 and full[0].startswith(short[0]) and short[1] == full[-1]:
        return True
    return False


def handle_matches(handle: str, name_words: list[str]) -> bool:
    """`@janeroe`, `@JaneRoeMD`, `@acme_news` match `Jane Roe` / `Acme News`: the whole name is in the handle."""
    key = handle_key(handle)
    joined = "".join(name_words)
    if len(joined) < 4:
        return False
    if key == joined:
        return True
    # The full name with a short decoration (`official`, `hq`, `md`, digits) around it.
    return joined in key and len(key) - len(joined) <= 8 and len(name_words) >= 2


def acronym_of(short: str, full: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", short)
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.lower() == initials(full) and len(org_words(full)) >= 2
