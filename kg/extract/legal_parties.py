"""Who a party phrase of a legal action names: the article's entity, with the role the article gives it.

`the distributor of the film, Acme Films, Inc.` -> Acme Films (role `the distributor of the film`);
`the company`, `the brand`, `it` -> the nearest compatible organization before it; `we` in a quote -> its speaker.
A phrase that names nobody the article knows (`both parties`, `the night manager`) gives no party: no guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..nlp import Analysed
from ..records import EntityKind, LegalParty, LocalEntity, Quote
from .dates import wire_datelines

ORG_KINDS = {EntityKind.ORGANIZATION, EntityKind.COMPANY, EntityKind.BRAND}
# The head noun of a description -> the kinds of entity it can stand for.
DESCRIPTION_KINDS: dict[str, set[EntityKind]] = {
    **dict.fromkeys(
        ["company", "firm", "brand", "house", "label", "retailer", "maker", "group", "giant", "studio", "network",
         "startup", "business", "corporation", "conglomerate", "manufacturer", "automaker", "carmaker", "chain",
         "publisher", "producer", "team", "club", "league", "university", "school", "hospital", "organization",
         "organisation", "charity", "union", "co.", "co", "outfit", "bank", "lender", "insurer", "airline",
         "broadcaster", "developer", "operator", "provider", "supplier", "distributor", "owner", "parent"],
        ORG_KINDS,
    ),
    **dict.fromkeys(["platform", "app", "site", "website", "service"], {EntityKind.PLATFORM, EntityKind.COMPANY}),
    **dict.fromkeys(
        ["government", "department", "ministry", "administration", "commission", "regulator", "agency", "state",
         "city", "county", "authority", "watchdog", "office"],
        {EntityKind.GOVERNMENT, EntityKind.ORGANIZATION},
    ),
}  # fmt: skip
# `X's lawyers sued`: those who act for a party in its name.
REPRESENTATIVES = {"lawyer", "lawyers", "attorney", "attorneys", "counsel", "legal", "estate", "representatives",
                   "solicitors", "solicitor", "trustees", "administrators"}  # fmt: skip
ORG_PRONOUNS = {"it", "its", "they", "them", "their"}
SPEAKER_PRONOUNS = {"we", "us", "our"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
# Words between two names of a list that are no part of a role.
_LIST_GLUE = {"and", "as", "well", "both", "including", "plus", "along", "with", "also", "or", "&"}
_LEGAL_FORMS = {"inc", "inc.", "llc", "ltd", "ltd.", "co", "co.", "corp", "corp.", "plc", "gmbh", "s.a.", "sa", "ag", "lp", "llp"}
_COURT_NAME_WORDS = {"court", "tribunal", "judge", "justice", "bench", "chamber", "circuit"}
_POSSESSIVE = re.compile(r"^\s*[’']s?\b")
_PRONOUN_WINDOW = 600  # characters back a pronoun may reach
_DESCRIPTION_WINDOW = 1500


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str
    pronoun: bool = False
    description: bool = False  # `the carmaker`, resolved by the entity extractor: its words are a role


class PartyResolver:
    """Resolves party phrases of one article to its LocalEntity keys."""

    def __init__(self, analysed: Analysed, entities: list[LocalEntity], quotes: list[Quote]):
        self.article = analysed.article
        self.doc = analysed.doc
        self.entities = {e.key: e for e in entities}
        self.quotes = quotes
        self.mentions = _mention_index(analysed.article.text, entities)
        self.counts = {e.key: sum(1 for m in self.mentions if m.key == e.key) for e in entities}

    # ---------------------------------------------------------------- phrases

    def parties_of(self, head: Token) -> list[LegalParty]:
        """The parties a noun phrase names: its own words, not its relative clauses or `in X` phrases."""
        if head is None:
            return []
        tokens = _phrase_tokens(head)
        parties = self._named(tokens, possessor_ok=head.dep_ == "poss")
        if parties:
            return parties
        heads = [head, *(c for c in head.subtree if c.dep_ == "conj" and c.i in tokens)]
        resolved = [self._refer(h) for h in heads]
        return [LegalParty(key=key, role=role) for key, role in resolved if key]

    def parties_between(self, start: int, end: int) -> list[LegalParty]:
        """The parties named in tokens [start, end) of the document: an `against ...` stretch."""
        tokens = set(range(start, end))
        if not tokens:
            return []
        parties = self._named(tokens)
        if parties:
            return parties
        roots = [t for t in self.doc[start:end] if t.head.i not in tokens or t.head is t]
        heads = [t for r in roots for t in [r, *(c for c in r.subtree if c.dep_ == "conj" and c.i in tokens)]]
        resolved = [self._refer(h) for h in heads if h.pos_ in {"NOUN", "PROPN", "PRON"}]
        return [LegalParty(key=key, role=role) for key, role in resolved if key]

    def _named(self, tokens: set[int], possessor_ok: bool = False) -> list[LegalParty]:
        """Entity mentions inside `tokens`, each with the description written next to it as its role."""
        if not tokens:
            return []
        doc = self.doc
        first, last = doc[min(tokens)], doc[max(tokens)]
        lo, hi = first.idx, last.idx + len(last)
        inside = [m for m in self.mentions if lo <= m.start and m.end <= hi and _token_at(doc, m.start) in tokens]
        # a court decides; it is no party
        inside = [m for m in inside if (possessor_ok or not self._is_possessor(m, hi)) and self._party_kind(m.key)]
        # `a Manhattan grand jury`, `a Houston man`: a name modifying another noun is not the party
        inside = [m for m in inside if not self._is_modifier(m)]
        # `the attorney general of Ohio, Dave Yost`: the named person is the party, Ohio only says whose
        outside_of = [m for m in inside if not _in_of_phrase(doc[_token_at(doc, m.start)])]
        if not outside_of:
            # `the former chief executive of carrier Acme, Jo Bloggs`: the parse hangs the person on the company,
            # but a person is no apposition to a company: the name is the one the whole phrase describes
            outside_of = [m for m in inside if self._person_beside_organization(m, inside)]
        if outside_of:
            inside = outside_of
        parties: list[LegalParty] = []
        cursor = lo
        for mention in inside:
            if parties and not inside[len(parties) - 1].pronoun:
                # `Acme, the publisher, and editor Jo Bloggs`: before the `and` describes Acme, after it Jo
                split = self._coordinator(cursor, mention.start, tokens)
                if split is not None:
                    if parties[-1].role is None:
                        parties[-1].role = self._role(cursor, split, tokens, after=True)
                    cursor = split
            if mention.description:
                role = self.article.text[mention.start : mention.end]
            else:
                role = None if mention.pronoun else self._role(cursor, mention.start, tokens)
            parties.append(LegalParty(key=mention.key, role=role))
            cursor = mention.end
        if parties and parties[-1].role is None and not (inside[-1].pronoun or inside[-1].description):
            # `Acme, the distributor`: a description after the last name
            parties[-1].role = self._role(cursor, hi, tokens, after=True)
        return unique_parties(parties)

    def _is_possessor(self, mention: _Mention, limit: int) -> bool:
        """`Acme's designer`: the party is the designer, not Acme. `Acme's lawyers` act for Acme: Acme it is."""
        tail = self.article.text[mention.end : limit]
        if not _POSSESSIVE.match(tail) or tail.lstrip("’'s ").startswith((",", ")")):
            return False
        following = tail.lstrip("’'s ").split(" ", 1)[0].strip(".,;:").lower()
        return following not in REPRESENTATIVES

    def _person_beside_organization(self, mention: _Mention, others: list[_Mention]) -> bool:
        entity = self.entities.get(mention.key)
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if entity is None or entity.kind != EntityKind.PERSON or span is None or span.root.dep_ != "appos":
            return False
        head = span.root.head
        return any(
            o.start <= head.idx < o.end and self._compatible(o.key, ORG_KINDS | {EntityKind.GOVERNMENT}) for o in others if o is not mention
        )

    def _is_modifier(self, mention: _Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end and root.head.pos_ in {"NOUN", "PROPN"}

    def _coordinator(self, start: int, end: int, tokens: set[int]) -> int | None:
        """Character offset of the last `and` / `or` / `as well as` between two names, if any."""
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        last = None
        for token in span or []:
            if token.i in tokens and token.lower_ in {"and", "or", "&"} or (
                token.lower_ == "as" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "well"
            ):
                last = token.idx
        return last

    def _role(self, start: int, end: int, tokens: set[int], after: bool = False) -> str | None:
        words = [t for t in self.doc.char_span(start, end, alignment_mode="expand") or [] if t.i in tokens] if end > start else []
        while words and (words[0].is_punct or words[0].lower_ in _LIST_GLUE | _LEGAL_FORMS):
            words.pop(0)
        while words and (words[-1].is_punct or words[-1].lower_ in _LIST_GLUE or words[-1].pos_ == "ADP"):
            words.pop()  # `the state of` -> `the state`
        if not words or not any(t.pos_ == "NOUN" for t in words) or len(words) > 12:
            return None
        if after and words[0].lower_ not in {"the", "its", "their", "his", "her", "a", "an"}:
            return None
        if any((t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" and t.dep_ not in {"amod", "compound"}) or t.lower_ == "against" for t in words):
            return None
        return self.article.text[words[0].idx : words[-1].idx + len(words[-1])]

    # ---------------------------------------------------------------- references

    def _refer(self, token: Token) -> tuple[str | None, str | None]:
        """A pronoun or description -> (entity key, role) from context; (None, None) when unsure."""
        lower = token.lower_
        if lower in SPEAKER_PRONOUNS:
            speaker = self._quote_speaker(token.idx)
            if speaker:
                return speaker, None
            return self._nearest(token.idx, ORG_KINDS, _PRONOUN_WINDOW), None
        if lower in ORG_PRONOUNS | PERSON_PRONOUNS:
            kinds = ORG_KINDS | {EntityKind.GOVERNMENT} if lower in ORG_PRONOUNS else {EntityKind.PERSON}
            if token.dep_ in {"nsubj", "nsubjpass"}:  # a subject pronoun goes on about the last subject
                subject = self._nearest(token.idx, kinds, _PRONOUN_WINDOW, subjects_only=True)
                if subject:
                    return subject, None
            return self._nearest(token.idx, kinds, _PRONOUN_WINDOW), None
        if token.pos_ != "NOUN" or token.tag_ == "NNS":
            return None, None
        phrase = [t for t in token.subtree if t.i <= token.i and t.dep_ not in {"det", "poss", "punct"}]
        description = " ".join(t.lower_ for t in phrase)
        role = self.article.text[token.left_edge.idx : token.idx + len(token)]
        by_attribute = [e.key for e in self.entities.values() if any(description == a.text.lower().strip() or a.text.lower().endswith(" " + description) for a in e.attributes)]
        if by_attribute:
            return self._nearest(token.idx, None, _DESCRIPTION_WINDOW, only=set(by_attribute)), role
        kinds = DESCRIPTION_KINDS.get(lower)
        if not kinds or not any(c.lower_ in {"the", "this", "that"} for c in token.children if c.dep_ == "det"):
            return None, None
        return self._salient(token, kinds), role

    def _party_kind(self, key: str) -> bool:
        """Courts decide; they are no party. Trust the kind only when the name says court too."""
        entity = self.entities.get(key)
        if entity is None:
            return False
        return not (entity.kind == EntityKind.COURT and set(entity.name.lower().split()) & _COURT_NAME_WORDS)

    def _quote_speaker(self, offset: int) -> str | None:
        for quote in self.quotes:
            pieces = quote.pieces or [quote.span]
            if any(p.start <= offset < p.end for p in pieces):
                return quote.speaker_key
        return None

    def _compatible(self, key: str, kinds: set[EntityKind] | None) -> bool:
        entity = self.entities.get(key)
        if entity is None:
            return False
        return kinds is None or bool({entity.kind, *entity.extra_kinds} & kinds)

    def _nearest(
        self, offset: int, kinds: set[EntityKind] | None, window: int, only: set[str] | None = None, subjects_only: bool = False
    ) -> str | None:
        best = None
        for mention in self.mentions:
            if mention.end > offset or mention.start < offset - window:
                continue
            if only is not None and mention.key not in only:
                continue
            if subjects_only and not self._is_subject(mention):
                continue
            if self._compatible(mention.key, kinds):
                best = mention
        return best.key if best else None

    def _is_subject(self, mention: _Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}

    def _salient(self, token: Token, kinds: set[EntityKind]) -> str | None:
        """`the company`: the compatible entity named earlier in the same sentence, else the most named nearby."""
        sentence_start = token.sent.start_char
        same_sentence = self._nearest(token.idx, kinds, token.idx - sentence_start)
        if same_sentence:
            return same_sentence
        window = [m for m in self.mentions if m.end <= token.idx and m.start >= token.idx - _DESCRIPTION_WINDOW and self._compatible(m.key, kinds)]
        if not window:
            return None
        last_seen = {m.key: m.start for m in window}
        return max(last_seen, key=lambda key: (self.counts.get(key, 0), last_seen[key]))


def _phrase_tokens(head: Token) -> set[int]:
    """A noun phrase's tokens without relative clauses and place / time phrases hanging off it."""
    skip: set[int] = set()
    for child in head.subtree:
        if child.dep_ in {"relcl", "acl", "advcl"} or (
            child.dep_ == "prep" and child.lower_ in {"in", "at", "on", "from", "during", "over", "after", "since", "for", "with"}
        ):
            skip.update(t.i for t in child.subtree)
    return {t.i for t in head.subtree} - skip


def _in_of_phrase(token: Token) -> bool:
    """Inside `of ...` hanging off a noun (`the owner of X`)."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ == "of" and ancestor.head.pos_ in {"NOUN", "PROPN"}:
            return True
        if ancestor.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _token_at(doc, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else -1


def _mention_index(text: str, entities: list[LocalEntity]) -> list[_Mention]:
    """Every mention the entity extractor recorded, plus other verbatim uses of an entity's names."""
    found: dict[tuple[int, int], _Mention] = {}
    for entity in entities:
        for mention in entity.mentions:
            found.setdefault(
                (mention.span.start, mention.span.end),
                _Mention(mention.span.start, mention.span.end, entity.key, mention.kind == "pronoun", mention.kind == "description"),
            )
    for entity in entities:
        for name in {entity.name, *entity.aliases}:
            if len(name) < 3 or not name[:1].isupper():
                continue
            # not after a word character or @: checked once the name matched (a look-behind opening the
            # pattern would be tried at every character of the text, 30 times slower)
            literal = re.escape(name)
            for match in re.finditer(literal + r"(?<![\w@]" + literal + r")(?!\w)", text):
                found.setdefault((match.start(), match.end()), _Mention(match.start(), match.end(), entity.key))
    # a name in a wire dateline (`ROME, May 2 (AFP) -`) is where the story was filed and by whom: never a party
    datelines = [(start, end) for start, end, _ in wire_datelines(text)]
    candidates = [m for m in found.values() if not any(start <= m.start < end for start, end in datelines)]
    # overlapping: keep the longest, then the earliest
    ordered = sorted(candidates, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for mention in ordered:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def unique_parties(parties: list[LegalParty]) -> list[LegalParty]:
    seen: dict[str, LegalParty] = {}
    for party in parties:
        if party.key not in seen:
            seen[party.key] = party
        elif seen[party.key].role is None and party.role:
            seen[party.key].role = party.role
    return list(seen.values())
