"""Who a speaker mention refers to: a name, handle, pronoun or description -> a LocalEntity key.

Names resolve by overlap with the entity extractor's mentions, then by name,
alias or handle. Pronouns and definite descriptions (`the company`, `the
singer`) take the nearest compatible entity named before them outside quotation
marks, preferring grammatical subjects. A description must fit the entity it takes
up: the noun is in its name (`the council`), in a role stated next to its name
(`Acme chief`, `Judge Roe`), names its kind (`the company` -> a company), or the
entity is the subject the last sentences were about; an entity extractor's guess
far from any name (`the league` -> the last team named) is not evidence on its own.
A description that introduces someone new (`a lawyer`, `the engineer who built it`)
resolves only to an entity that carries that description as an attribute; a
document (`the release`) is nobody. Unresolved stays None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Span as TokenSpan, Token

from ..records import EntityKind, LocalEntity
from .candidates import doc_text
from .cues import DOCUMENTS, channel_of, is_platform
from .lexicon import gender_detector

PERSON_KINDS = {EntityKind.PERSON}
ANAPHORIC_ORG_KINDS = {EntityKind.ORGANIZATION, EntityKind.COMPANY, EntityKind.BRAND, EntityKind.GOVERNMENT, EntityKind.COURT}
ORG_NOUNS = {
    "company", "brand", "firm", "house", "label", "org", "organization", "organisation", "group", "agency",
    "retailer", "maker", "manufacturer", "startup", "giant", "team", "club", "department", "ministry",
    "government", "administration", "party", "union", "council", "committee", "commission", "board",
    "network", "studio", "university", "school", "hospital", "police", "league", "federation", "association",
    "charity", "foundation", "bank", "airline", "carrier", "chain", "conglomerate", "corporation", "business",
    "platform", "app", "service", "site", "outlet", "publication", "newspaper", "paper", "magazine",
    "automaker", "carmaker", "insurer", "lender", "producer", "developer", "operator", "office", "court",
    "prosecutors", "regulator", "watchdog", "army", "military", "county", "city", "state", "campaign",
    "outfit", "side", "franchise", "broadcaster", "publisher", "nonprofit", "institute", "center", "centre",
    "utility", "authority",
}
# What kind of organisation a bare noun can take up again without further evidence (`the company` -> a company).
KIND_NOUNS = {
    EntityKind.COMPANY: {
        "company", "firm", "business", "corporation", "maker", "manufacturer", "retailer", "startup", "giant", "chain",
        "conglomerate", "automaker", "carmaker", "insurer", "lender", "airline", "carrier", "bank", "producer",
        "developer", "operator", "publisher", "group", "outfit", "brand", "label", "utility",
    },
    EntityKind.BRAND: {"brand", "label", "house", "company", "firm", "maker"},
    EntityKind.GOVERNMENT: {
        "government", "administration", "ministry", "department", "city", "county", "state", "council", "office",
        "agency", "regulator", "commission", "authority",
    },
    EntityKind.COURT: {"court"},
    EntityKind.ORGANIZATION: {"organization", "organisation", "group"},
}
# How far back a person named as a subject can be taken up by an epithet (`Roe told ...` / `The 42-year-old said`).
_PERSON_REACH = 400
# Text between a name and a description of the same entity stated next to it (`Acme chief Jo Roe`, `Roe, the chief`).
_ANCHOR_GAP = 40
# Role nouns that speak for an organisation named with `for`/`of` or a possessive.
SPOKES = {"spokesperson", "spokesman", "spokeswoman", "representative", "rep", "spokespeople", "statement", "source"}
# What speaks for its owner, a person included: `Dallimore's campaign said` is Dallimore speaking.
OWNERS_VOICE = {"campaign"}
FEMALE_WORDS = {
    "she", "her", "hers", "herself", "actress", "woman", "mother", "mom", "wife", "daughter", "sister",
    "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "queen", "princess", "girl", "grandmother",
    "ms.", "mrs.", "ms", "mrs", "miss", "lady", "girlfriend",
}
MALE_WORDS = {
    "he", "him", "his", "himself", "actor", "man", "father", "dad", "husband", "son", "brother", "spokesman",
    "congressman", "chairman", "businessman", "king", "prince", "boy", "grandfather", "mr.", "mr", "sir",
    "boyfriend", "lord",
}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
ORG_PRONOUNS = {"it", "its", "they", "them", "their"}
# Speakers that are the writer or the reader, never a named source.
NOT_SPEAKERS = {"i", "we", "you", "me", "us", "one", "who", "which", "that", "this", "these", "those"}


def fold(text: str) -> str:
    """Compare names and handles through NFKC (styled Unicode letters) and case."""
    return unicodedata.normalize("NFKC", text).casefold().strip().lstrip("@").replace("’", "'")


def name_gender(first_name: str) -> str | None:
    """m / f for a given name gender-guesser knows (one loaded list, shared with the entity extractor)."""
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(gender_detector().get_gender(first_name))


_BYLINE = re.compile(r"^[ \t]*By[ \t]+([A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3})[ \t]*(?:,|\||$)", re.M)


def byline_author(text: str) -> str | None:
    """`By Jane Roe` on its own line near the top: the writer, who is never a quoted source."""
    match = _BYLINE.search(text[:400])
    return match.group(1) if match else None


@dataclass
class Resolution:
    key: str | None
    how: str  # name | handle | pronoun | description | spokes | none
    confidence: float


class SpeakerResolver:
    """Resolves speaker mentions of one article against its entities."""

    def __init__(self, doc, entities: list[LocalEntity], quoted: list[tuple[int, int]], author: str | None = None):
        self.doc = doc
        self.entities = entities
        self.quoted = quoted
        self.text = doc_text(doc)  # `Doc.text` rebuilds the string on every access
        author = author or byline_author(self.text)
        self.author = fold(author) if author else None
        self.by_key = {e.key: e for e in entities}
        # Names and the descriptions the article gives (`the governor`) are both places an entity is referred to.
        places = [(m.span.start, m.span.end, e.key) for e in entities for m in e.mentions]
        places += [(a.span.start, a.span.end, e.key) for e in entities for a in e.attributes]
        self.mentions = sorted(set(p for p in places if not self._inside_quote(p[0], p[1])))
        self.gender = {e.key: self._gender(e) for e in entities if e.kind in PERSON_KINDS}
        # Attributes stated next to the entity's own name: evidence of what it is. An attribute far from any
        # name is the entity extractor's own guess at an anaphor (`the league` -> the last team named).
        self.anchored = {e.key: [a for a in e.attributes if self._anchored(e, a.span.start, a.span.end)] for e in entities}
        self.loose = {(a.span.start, a.span.end, e.key) for e in entities for a in e.attributes} - {
            (a.span.start, a.span.end, e.key) for e in entities for a in self.anchored[e.key]
        }
        self.loose |= {(m.span.start, m.span.end, e.key) for e in entities for m in e.mentions if m.kind not in ("name", "handle")}
        self.fuller = _fuller_names(entities)

    # ------------------------------------------------------------------ helpers

    def _inside_quote(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quoted)

    def _is_author(self, entity: LocalEntity) -> bool:
        return bool(self.author) and (fold(entity.name) == self.author or self.author in {fold(a) for a in entity.aliases})

    def _gender(self, entity: LocalEntity) -> str | None:
        given = getattr(entity, "gender", None)
        if given in ("female", "male"):
            return given[0]
        words = {w.lower() for a in entity.attributes for w in a.text.split()}
        for start, end, key in self.mentions:
            if key == entity.key and start >= 5:
                words.add(self.text[max(0, start - 5) : start].strip().lower())
        if words & FEMALE_WORDS:
            return "f"
        if words & MALE_WORDS:
            return "m"
        first = entity.name.split()[0] if entity.name.split() else ""
        return name_gender(first) if first.isalpha() else None

    def _anchored(self, entity: LocalEntity, start: int, end: int) -> bool:
        text = self.text
        for m in entity.mentions:
            if m.kind not in ("name", "handle"):
                continue
            gap = text[end : m.span.start] if end <= m.span.start else text[m.span.end : start] if m.span.end <= start else ""
            if (m.span.start < end and start < m.span.end) or (
                len(gap) <= _ANCHOR_GAP and not any(c in gap for c in ".!?\n;") and len(gap.split()) <= 4
            ):
                return True
        return False

    def fits(self, key: str, noun: str, at: int) -> bool:
        """Whether `the <noun>` can take up entity `key` again: its name or a stated role has the noun,
        its kind is what the noun names, or it is the subject the last sentences were about."""
        entity = self.by_key[key]
        noun = noun.lower()
        forms = {noun, noun + "s", noun.rstrip("s")}
        if forms & {w for n in (entity.name, *entity.aliases) for w in fold(n).split()}:
            return True
        if any(forms & set(a.text.lower().split()) for a in self.anchored.get(key, [])):
            return True
        if any(forms & set(self._title_before(m.span.start)) for m in entity.mentions if m.kind == "name"):
            return True  # `Governor Jo Roe`, `Acme chief executive Jo Roe`: a title written before the name
        if any(noun in KIND_NOUNS.get(kind, ()) for kind in (entity.kind, *entity.extra_kinds)):
            return True
        return self._salient_subject(key, at)

    def _title_before(self, start: int) -> list[str]:
        """Up to three lower-cased words right before a name, within its clause."""
        before = re.split(r"[.!?;:,\n\"“”()]", self.text[max(0, start - 60) : start])[-1]
        return [w.lower() for w in before.split()[-3:]]

    def _salient_subject(self, key: str, at: int, reach: int | None = None) -> bool:
        """The entity is the subject of the sentence before `at` or of its own (or within `reach` characters), by name."""
        here = self.doc.char_span(at, min(at + 1, len(self.text)), alignment_mode="expand")
        if here is None or not len(here):
            return False
        sent = here[0].sent
        lo = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        for s, e, k in self._before(at, max(at - lo, reach or 0)):
            if k == key and (s, e, k) not in self.loose and self._in_subject(s, e):
                return True
        return False

    def is_person(self, key: str | None) -> bool:
        return bool(key) and self.by_key[key].kind in PERSON_KINDS

    def is_org(self, key: str | None) -> bool:
        """An organisation that `it`, `they` or `the company` can point back to (not an outlet or platform)."""
        if not key:
            return False
        entity = self.by_key[key]
        kinds = {entity.kind, *entity.extra_kinds}
        if not kinds & ANAPHORIC_ORG_KINDS or is_platform(channel_of(entity.name)):
            return False
        return entity.kind is not EntityKind.NEWS_OUTLET

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end), the longest overlap first."""
        best, overlap = None, 0
        for s, e, key in self.mentions:
            if s >= end:
                break
            o = min(e, end) - max(s, start)
            if o > overlap and not self._is_author(self.by_key[key]):
                best, overlap = key, o
        return best

    def entity_named(self, text: str) -> str | None:
        """An entity whose name, alias, handle, or (uniquely) first or last name is `text`."""
        wanted = fold(text)
        if not wanted:
            return None
        exact = [e for e in self.entities if wanted in {fold(e.name), *(fold(a) for a in e.aliases), *(fold(h) for h in e.handles)}]
        if exact:
            return exact[0].key
        parts = [e for e in self.entities if e.kind in PERSON_KINDS and wanted in {fold(p) for p in e.name.split()}]
        return parts[0].key if len({e.key for e in parts}) == 1 else None

    def _before(self, at: int, limit: int = 2500):
        """Entity mentions before `at`, nearest first."""
        for s, e, key in reversed(self.mentions):
            if e <= at and at - e <= limit:
                yield s, e, key

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _in_subject(self, start: int, end: int) -> bool:
        """The subject, the name that makes it up (`The Acme board has ...`, `Acme's lawyers said`) or names it
        in apposition (`The utility, Acme Power, said`)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        for _ in range(2):
            if root.dep_ in ("nsubj", "nsubjpass"):
                return True
            if root.dep_ not in ("compound", "poss", "appos") or root.head.i == root.i:
                return False
            root = root.head
        return False

    def nearest(self, at: int, accept, prefer_subject: bool = True) -> str | None:
        candidates = [(s, e, k) for s, e, k in self._before(at) if accept(k) and not self._is_author(self.by_key[k])]
        if not candidates:
            return None
        if prefer_subject:
            # Within the last sentence or two, a subject beats a nearer object.
            window = [c for c in candidates if candidates[0][0] - c[0] < 300]
            subjects = [c for c in window if self._is_subject(c[0], c[1])]
            if subjects:
                return subjects[0][2]
        return candidates[0][2]

    # ------------------------------------------------------------------ resolution

    def resolve(self, phrase: TokenSpan, at: int | None = None) -> Resolution:
        """Resolve the words naming a speaker; `at` is where the reference is made (default: the phrase)."""
        found = self._resolve(phrase, at)
        if found.key in self.fuller:
            found = Resolution(self.fuller[found.key], found.how, found.confidence)
        return found

    def canonical(self, key: str | None) -> str | None:
        return self.fuller.get(key, key) if key else key

    def _resolve(self, phrase: TokenSpan, at: int | None = None) -> Resolution:
        at = phrase.start_char if at is None else at
        head = phrase.root
        word = head.lower_
        if word in NOT_SPEAKERS:
            return Resolution(None, "none", 0.0)
        if word.startswith("@"):
            key = self.entity_named(word) or self.entity_at(phrase.start_char, phrase.end_char)
            return Resolution(key, "handle", 0.95 if key else 0.3)
        # (also a capitalised word spaCy tagged a noun that names someone here: `Teversall: "..."`)
        if (
            head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.text[:1].isupper() and head.i > phrase.start
            or head.text[:1].isupper() and self.entity_named(head.text)
        ):
            # The head word (`Greer` in `Deputy Chief Alan Greer`) decides between overlapping names.
            # A name elsewhere in the phrase only modifies it (`the Mill Creek Fire Department`).
            key = (
                self.entity_at(head.idx, head.idx + len(head.text))
                or self.entity_named(phrase.text)
                or self.entity_named(head.text)
            )
            if key:
                return Resolution(key, "name", 0.95)
            if head.pos_ == "PROPN":
                return Resolution(None, "name", 0.3)  # a name the entity list lacks: never someone else
        if word in PERSON_PRONOUNS:
            gender = "f" if word in ("she", "her", "hers") else "m"
            key = self.nearest(at, lambda k: self.is_person(k) and self.gender.get(k) in (None, gender))
            return Resolution(key, "pronoun", 0.8 if key else 0.3)
        if word in ORG_PRONOUNS:
            key = self.nearest(at, self.is_org)
            if key is None and word in ("they", "them", "their"):
                return Resolution(None, "pronoun", 0.3)
            return Resolution(key, "pronoun", 0.75 if key else 0.3)
        if head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and _definite(head)):  # `the 42-year-old`
            return self._description(phrase, head, at)
        key = self.entity_at(phrase.start_char, phrase.end_char)
        return Resolution(key, "name", 0.9) if key else Resolution(None, "none", 0.3)

    def _description(self, phrase: TokenSpan, head: Token, at: int) -> Resolution:
        lemma = head.lemma_.lower()
        # `Apple's spokesperson`, `a spokesperson for the company`: the organisation speaks.
        if lemma in SPOKES or head.lower_ in SPOKES or lemma in OWNERS_VOICE:
            for child in head.children:
                if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "PRON", "NOUN"):
                    # An organisation speaks through its spokesperson; a person's representative is someone else.
                    owner = self.resolve(self.doc[child.left_edge.i : child.i + 1], at)
                    if owner.key and self.is_person(owner.key) and lemma not in OWNERS_VOICE:
                        return Resolution(None, "description", 0.3)
                    return owner
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at"):
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if objs:
                        inner = self.resolve(self.doc[objs[0].left_edge.i : objs[0].i + 1], at)
                        if inner.key:
                            return Resolution(inner.key, "spokes", 0.8)
            if _definite(head):
                # `A spokesperson for X said ... "...," the spokesperson said`: the one named just before
                for earlier in reversed(self.doc[max(0, head.i - 120) : head.i]):
                    if earlier.lemma_.lower() in SPOKES or earlier.lower_ in SPOKES:
                        found = self._description(self.doc[earlier.i : earlier.i + 1], earlier, at)
                        return Resolution(found.key, found.how, 0.7) if found.key else found
            return Resolution(None, "description", 0.3)
        if lemma in DOCUMENTS or head.lower_ in DOCUMENTS:
            return Resolution(None, "description", 0.3)  # `the release`, `the study`: a document is nobody; its owner speaks
        overlap = self.entity_at(head.idx, head.idx + len(head.text))
        if overlap and self._loose_at(head, overlap) and not self.fits(overlap, lemma, at):
            overlap = None  # the entity extractor's guess at `the league`: not evidence on its own
        if overlap:
            return Resolution(overlap, "name", 0.85)
        described = self._by_attribute(lemma, at) if _definite(head) or head.tag_ in ("NN", "NNP") else None
        if described:
            return Resolution(described, "description", 0.85)
        if _introduces_new(head) or not _definite(head):
            return Resolution(None, "description", 0.3)
        if lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS:
            # The nearest organisation, only when the description fits it: `the league` is not the last team named.
            key = self.nearest(at, lambda k: self.is_org(k) and self.fits(k, lemma, at), prefer_subject=False)
            return Resolution(key, "description", 0.7 if key else 0.3)
        gender = "f" if head.lower_ in FEMALE_WORDS else "m" if head.lower_ in MALE_WORDS else None
        key = self.nearest(at, lambda k: self.is_person(k) and (gender is None or self.gender.get(k) in (None, gender)))
        if key is not None and not (self.fits(key, lemma, at) or self._salient_subject(key, at, _PERSON_REACH)):
            key = None  # `the judge` with no judge named, and nobody the last sentences were about
        return Resolution(key, "description", 0.65 if key else 0.3)

    def _loose_at(self, head: Token, key: str) -> bool:
        """Whether the entity is at `head` only through an attribute far from its name."""
        start, end = head.idx, head.idx + len(head.text)
        places = [(s, e, k) for s, e, k in self.mentions if k == key and s < end and start < e]
        return bool(places) and all(p in self.loose for p in places)

    def _by_attribute(self, lemma: str, at: int) -> str | None:
        holders = [e.key for e in self.entities if any(lemma in a.text.lower().split() or lemma + "s" in a.text.lower().split() for a in self.anchored[e.key])]
        if len(holders) == 1:
            return holders[0]
        if holders:
            return self.nearest(at, lambda k: k in holders, prefer_subject=False)
        return None


def _definite(head: Token) -> bool:
    """`the company`, `its owner`: a way back to someone named; bare `police` or `officials` is not."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) for c in head.children)


def _introduces_new(head: Token) -> bool:
    """`a lawyer`, `the engineer who built it`: a new referent, not a way back to a named one."""
    # `the nurses' union`: a common noun in the possessive classifies a new referent.
    if any(c.dep_ == "poss" and c.pos_ == "NOUN" for c in head.children):
        return True
    det = next((c for c in head.children if c.dep_ == "det"), None)
    if det is not None and det.lower_ in ("a", "an", "one", "another", "some"):
        return True
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.i > head.i:
            comma = any(t.is_punct for t in head.doc[head.i + 1 : child.left_edge.i])
            if not comma:
                return True
    return False


def _fuller_names(entities: list[LocalEntity]) -> dict[str, str]:
    """`Greer` -> `Alan Greer` when the entity list kept a surname apart from the one full name it belongs to."""
    people = [e for e in entities if e.kind in PERSON_KINDS]
    fuller = {}
    for short in people:
        words = fold(short.name).split()
        if len(words) != 1:
            continue
        longer = [e for e in people if e.key != short.key and words[0] in fold(e.name).split() and len(e.name.split()) > 1]
        if len({e.key for e in longer}) == 1:
            fuller[short.key] = longer[0].key
    return fuller
