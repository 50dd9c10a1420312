"""General word lists that entity extraction reads (kg/data/*): loaded once, matched case-aware."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..records import EntityKind


def _lines(name: str) -> list[str]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fold(text: str) -> str:
    """Lowercase, no dots: `S.A.` -> `sa`, `Inc.` -> `inc`."""
    return text.replace(".", "").lower()


@dataclass(frozen=True)
class Role:
    """A noun that says what an entity is, the kind it implies and the relation it names with `of X`."""

    words: tuple[str, ...]
    kind: EntityKind | None  # None: either a person or an organization (`owner`)
    predicate: str | None


@dataclass
class Lexicon:
    platforms: set[str]
    outlets: set[str]
    ambiguous: set[str]  # lowercased lexicon names that are also everyday words (`People`, `Threads`)
    outlet_heads: set[str]
    legal_suffixes: set[str]
    honorifics: dict[str, str | None]
    gov_heads: set[str]
    court_heads: set[str]
    junk: set[str]
    name_heads: dict[str, EntityKind]  # last word -> the kind it marks (`Foundation` -> organization)
    surname_heads: set[str]  # name heads that are also surnames (`Park`, `Hall`)
    name_openers: dict[str, EntityKind] = field(default_factory=dict)  # first word -> kind (`Fromagerie X`)
    roles: dict[str, list[Role]] = field(default_factory=dict)  # by last word, longest first

    def roles_ending(self, word: str) -> list[Role]:
        return self.roles.get(word.lower(), [])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    honorifics: dict[str, str | None] = {}
    for line in _lines("honorifics.txt"):
        words = line.split()
        gender = words[-1] if words[-1] in ("female", "male") else None
        honorifics[fold(" ".join(words[:-1] if gender else words))] = gender
    gov, courts = set(), set()
    for line in _lines("gov_heads.txt"):
        if line.startswith("court:"):
            courts.add(line.split(":", 1)[1].strip().lower())
        else:
            gov.add(line.lower())
    platforms = {p.rstrip("?").lower() for p in _lines("platforms.txt")}
    outlets = {_strip_the(o.rstrip("?")).lower() for o in _lines("outlets.txt")}
    ambiguous = {_strip_the(n[:-1]).lower() for n in _lines("platforms.txt") + _lines("outlets.txt") if n.endswith("?")}
    return Lexicon(
        platforms=platforms,
        outlets=outlets,
        ambiguous=ambiguous,
        outlet_heads={h.lower() for h in _lines("outlet_heads.txt")},
        legal_suffixes={fold(s) for s in _lines("legal_suffixes.txt")},
        honorifics=honorifics,
        gov_heads=gov,
        court_heads=courts,
        junk={j.lower() for j in _lines("junk.txt")},
        name_heads={line.split()[1].rstrip("?").lower(): EntityKind(line.split()[0]) for line in _lines("name_heads.txt")},
        surname_heads={line.split()[1].rstrip("?").lower() for line in _lines("name_heads.txt") if line.split()[1].endswith("?")},
        name_openers={line.split()[1]: EntityKind(line.split()[0]) for line in _lines("name_openers.txt")},
        roles=_roles(),
    )


def _roles() -> dict[str, list[Role]]:
    text = resources.files("kg.data").joinpath("roles.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's: a tenth of the time
    by_words: dict[tuple[str, ...], Role] = {}
    for kind_name, entries in raw.items():
        kind = EntityKind(kind_name)
        for noun, predicate in (entries or {}).items():
            words = tuple(str(noun).lower().split())
            known = by_words.get(words)
            if known and known.kind != kind:
                # A noun listed for two kinds (`owner`, `producer`) is no evidence of either.
                by_words[words] = Role(words, None, known.predicate or predicate)
            else:
                by_words[words] = Role(words, kind, predicate)
    by_last: dict[str, list[Role]] = {}
    for role in by_words.values():
        by_last.setdefault(role.words[-1], []).append(role)
    for roles in by_last.values():
        roles.sort(key=lambda r: -len(r.words))
    return by_last


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@lru_cache(maxsize=1)
def gender_detector():
    """gender-guesser's given-name list, once per process. Its own loader reads the 4 MB list a line
    at a time through `codecs` (0.46 s here); read whole, the same lines give the same table in 0.21 s."""
    import gender_guesser.detector as detector

    found = detector.Detector.__new__(detector.Detector)
    found.case_sensitive = False
    found.names = {}
    source = Path(detector.__file__).parent / "data" / "nam_dict.txt"
    for line in source.read_text(encoding="utf-8").splitlines():  # same line breaks as codecs' readline
        line = line.strip()
        if line:
            found._eat_name_line(line)
    return found


def first_name_gender(word: str) -> str | None:
    """`female` / `male` / `either` for a known given name, None otherwise (from gender-guesser's name list)."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 2:
        return None
    answer = gender_detector().get_gender(word)
    if answer in ("female", "mostly_female"):
        return "female"
    if answer in ("male", "mostly_male"):
        return "male"
    if answer == "andy":
        return "either"
    return None
