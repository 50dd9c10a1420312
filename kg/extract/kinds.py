"""What kind of entity a name is: evidence from spaCy's label, the name's own words and its context.

spaCy's small model mislabels often (a brand as GPE, a company as EVENT, a platform as PERSON), so
its label is one vote among others: honorifics and given names for people, legal suffixes and
business nouns for companies, source cues for outlets, the platform list, court and government
words. Each mention adds weighted votes; `decide` turns a cluster's votes into kinds.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from ..records import EntityKind
from .aliases import has_legal_suffix, words
from .candidates import Candidate, _after_cue, tokens_of
from .kind_groups import ORG_FAMILY, SPECIFIC
from .lexicon import first_name_gender, fold, lexicon

K = EntityKind

_LABEL_VOTES = {
    "PERSON": {K.PERSON: 1.0},
    "ORG": {K.ORGANIZATION: 1.0},
    "GPE": {K.PLACE: 0.4},  # the small model calls many brands and surnames GPE; `in X` adds more
    "LOC": {K.PLACE: 0.8},
    "FAC": {K.PLACE: 0.4},
    "NORP": {K.ORGANIZATION: 0.2},
    "PRODUCT": {K.OTHER: 0.6},
    "EVENT": {K.OTHER: 0.6},
    "WORK_OF_ART": {K.OTHER: 0.6},
    "SIGNATURE": {K.PERSON: 0.8},
    "NICKNAME": {K.PERSON: 2.0},  # only people are given nicknames in the middle of their names
    "HONORIFIC": {K.PERSON: 4.0},
    "SUFFIX": {K.COMPANY: 4.0},
    "COURT": {K.COURT: 2.0},
    "PROPAGATED": {},
    "GIVEN": {K.PERSON: 0.5},
    "PROPN": {},
}
# Nouns a name modifies (`X's campaign`, `X shares`) that say what it is.
_BRAND_NOUNS = {
    "campaign", "collection", "product", "clothing", "ad", "advert", "advertisement", "show", "runway", "bag",
    "shoe", "sneaker", "line", "design", "boutique", "garment", "logo", "perfume", "fragrance", "apparel",
    "handbag", "catwalk", "menswear", "womenswear", "couture", "lookbook",
}
_COMPANY_NOUNS = {
    "ceo", "share", "stock", "employee", "worker", "board", "revenue", "profit", "earnings", "headquarters",
    "shareholder", "executive", "factory", "subsidiary", "investor", "staff", "chief", "founder", "valuation",
}
_PERSON_NOUNS = {"wife", "husband", "mother", "father", "son", "daughter", "sister", "brother", "family", "career", "lawyer", "attorney", "fans", "fan"}
_AGENT_VERBS = {
    "say", "tell", "announce", "file", "sue", "apologize", "apologise", "claim", "release", "issue", "remove",
    "pull", "reiterate", "condemn", "deny", "confirm", "hire", "fire", "launch", "sell", "buy", "acquire",
    "respond", "state", "add", "write", "post", "tweet", "clear", "wipe", "accuse", "blame", "settle",
}
_MOTION_VERBS = {"join", "move", "arrive", "transfer", "come", "return", "flee", "travel", "switch", "leave", "fly", "drive"}
_PLACE_PREPS = {"in", "at", "from", "near", "across", "throughout", "to", "around", "outside", "inside"}


def _person_apposition(doc: Doc, end: int) -> float:
    """`Lorcan Sippelwaite, 63,` (an age) or `Tobiah Strandquist, who worked ...` (organizations take
    `which`): what follows a name after a comma that only people have."""
    doc_tokens = tokens_of(doc)
    if end + 1 >= len(doc) or doc_tokens[end].text != ",":
        return 0.0
    following = doc_tokens[end + 1]
    if following.lower_ == "who":
        return 2.0
    closed = end + 2 < len(doc) and doc_tokens[end + 2].text in (",", ")", ".", ";")
    if following.text.isdigit() and 1 <= int(following.text) <= 120 and closed:
        return 3.0
    return 0.0


def _one_entity(doc: Doc, a, b) -> bool:
    """Whether two tokens lie in the same spaCy entity."""
    doc_tokens = tokens_of(doc)
    low, high = sorted((a.i, b.i))
    return bool(a.ent_type_) and all(doc_tokens[k].ent_iob_ == "I" for k in range(low + 1, high + 1))


def mention_evidence(doc: Doc, cand: Candidate) -> Counter:
    """Votes for kinds from one occurrence of a name."""
    doc_tokens = tokens_of(doc)
    votes: Counter = Counter()
    lex = lexicon()
    for kind, weight in _LABEL_VOTES.get(cand.source, {}).items():
        votes[kind] += weight
    if "platform" in cand.tags:
        votes[K.PLATFORM] += 6
    if "outlet" in cand.tags:
        votes[K.NEWS_OUTLET] += 6
    if cand.is_handle:
        return votes
    if cand.source == "SIGNATURE" or cand.tags & {"post_signature"}:
        votes[K.PERSON] += 1.0
    named = name_evidence(cand.text)
    if cand.source == "PROPN" and named[K.PERSON]:
        named[K.PERSON] *= 0.5  # a given name opening a run spaCy did not call a person (`the Tate Modern`)
    if cand.source in ("SUFFIX", "LEXICON") and named[K.PERSON]:
        named[K.PERSON] *= 0.2  # `Meta Platforms Inc.`: a company name may open with a given name
    if cand.source in ("ORG", "GPE", "LOC", "FAC") and named[K.PERSON]:
        # `Beverly Hills`, `Red Bull`: a given name opening what spaCy calls a place or an org counts for less.
        named[K.PERSON] *= 0.7 if cand.source == "ORG" else 0.1
    votes.update(named)
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return votes
    first, last, root = span[0], span[-1], span.root
    votes[K.PERSON] += _person_apposition(doc, span.end)
    before = doc_tokens[first.i - 1] if first.i > 0 else None
    if before is not None and fold(before.text) in lex.honorifics:
        votes[K.PERSON] += 4
    if before is not None and before.pos_ == "NOUN" and before.text.islower():
        # `photo app Lumio`, `carmaker Nimbus`, `the regulator DGAC`: a role noun as a title says what the name is
        titles = [r.kind for r in lex.roles_ending(before.lower_) if r.words == (before.lower_,) and r.kind not in (None, K.PERSON)]
        if titles:
            votes[titles[0]] += 4.0  # as strong as an honorific before a person
    if before is not None and before.lower_ in ("the", "a", "an") and cand.source not in ("LEXICON",) and root.dep_ not in (
        "compound", "amod", "nmod", "npadvmod"
    ):
        votes[K.ORGANIZATION] += 1.5  # `the Tate Modern`, `an Oscar`: people's names take no article
        votes[K.PERSON] *= 0.3
    # (not a name spaCy took into one entity with this one: its label was for both together)
    siblings = [t for t in (*root.conjuncts, root.head if root.dep_ == "conj" else None) if t is not None and t.ent_type_ and not _one_entity(doc, root, t)]
    if any(t.ent_type_ == "ORG" for t in siblings):
        votes[K.ORGANIZATION] += 1.0  # `sold at CVS, Rite Aid and Target`: listed with organizations
    if _after_cue(doc, first.i) and root.dep_ not in ("compound", "amod", "nmod", "poss"):
        votes[K.NEWS_OUTLET] += 2  # not `according to County records`, `told Smith's lawyer`
    if root.dep_ == "nsubj" and root.head.lemma_ == "report" and not any(c.dep_ == "dobj" for c in root.head.children):
        votes[K.NEWS_OUTLET] += 1.5  # `X reported that ...`, not `X reported record profits`
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _AGENT_VERBS:
        votes[K.ORGANIZATION] += 0.5
        votes[K.PERSON] += 0.3
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS and cand.source in ("GPE", "LOC"):
        votes[K.PLACE] += 1.0
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "near", "across", "throughout") and cand.source not in ("GPE", "LOC", "LEXICON"):
        votes[K.PLACE] += 0.8  # `in Beverly Hills`: people are rarely `in` someone
    if root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.lemma_ in _MOTION_VERBS:
        votes[K.PLACE] += 1.5  # `joined from Valencia`: people are not where one comes from
    if first.i >= 3 and doc_tokens[first.i - 1].lower_ == "of" and doc_tokens[first.i - 2].text == "," and doc_tokens[first.i - 3].like_num:
        votes[K.PLACE] += 2.0  # `Dennis Pruitt, 58, of Fairview`: where a person is from, after the age
    if after_possessive_person(doc, last.i):
        votes[K.ORGANIZATION] += 1.5  # `McLaren's Lando Norris`: a team or employer before a person's name
    if root.dep_ == "pobj" and root.head.lower_ == "at" and cand.source not in ("GPE", "LOC"):
        votes[K.ORGANIZATION] += 1.5  # `an analyst at Morgan Stanley`: people are rarely `at` someone
    # `X's campaign`, `X campaign`, `X's CEO`.
    after = doc_tokens[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.text in ("'s", "’s", "’") and last.i + 2 < len(doc):
        after = doc_tokens[last.i + 2]
    if after is not None:
        noun = after.lemma_.lower()
        following = [t.lemma_.lower() for t in doc[after.i : min(len(doc), after.i + 3)] if t.pos_ in ("NOUN", "PROPN")]
        if noun in _BRAND_NOUNS or (following and following[-1] in _BRAND_NOUNS and after.pos_ in ("NOUN", "ADJ")):
            votes[K.BRAND] += 1.0
        if noun in _COMPANY_NOUNS:
            votes[K.COMPANY] += 1.0
        if noun in _PERSON_NOUNS and after.i == last.i + 2:
            votes[K.PERSON] += 0.5
    return votes


def after_possessive_person(doc: Doc, last: int) -> bool:
    doc_tokens = tokens_of(doc)
    if last + 2 >= len(doc) or doc_tokens[last + 1].text not in ("'s", "’s"):
        return False
    nxt = doc_tokens[last + 2]
    return nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def name_evidence(name: str) -> Counter:
    """Votes from the words of a name alone."""
    return Counter(_name_evidence(name))


@lru_cache(maxsize=1 << 16)  # asked for every candidate and mention: names recur
def _name_evidence(name: str) -> Counter:
    votes: Counter = Counter()
    lex = lexicon()
    tokens = words(name)
    if not tokens:
        return votes
    joined = " ".join(tokens)
    if has_legal_suffix(name):
        votes[K.COMPANY] += 4
    if any(w in lex.court_heads for w in tokens) or any(h in joined for h in lex.court_heads if " " in h):
        votes[K.COURT] += 4
    elif any(_has_phrase(tokens, h) for h in lex.gov_heads):
        votes[K.GOVERNMENT] += 3
    if len(tokens) >= 2 and tokens[-1] in lex.outlet_heads:
        votes[K.NEWS_OUTLET] += 2
    elif tokens[-1] in lex.outlet_heads:
        votes[K.NEWS_OUTLET] += 0.5
    head = lex.name_heads.get(tokens[-1]) if len(tokens) >= 2 else None
    if head is None and len(tokens) >= 2:
        head = lex.name_openers.get(tokens[0])  # `Fromagerie Valbrenne`: the head noun first
    given = first_name_gender(name.split()[0].strip(".,")) if name.split() else None
    # `Zoe Park` is a person, `Hyde Park` a place; `Jefferson Elementary` is a school (`Elementary` is no surname).
    surname_like = given and len(tokens) == 2 and tokens[-1] in lex.surname_heads
    if head is not None:
        votes[head] += 1.0 if surname_like else 3.0
    elif len(tokens) == 1 and tokens[0] in lex.name_heads and lex.name_heads[tokens[0]] == K.ORGANIZATION:
        votes[K.ORGANIZATION] += 1.0  # `Rovers`, `United`: a club named by its last word
    plain_words = name.split()
    if given and (head is None or surname_like):
        titled = all(w[:1].isupper() for w in plain_words)
        votes[K.PERSON] += 2.0 if len(plain_words) >= 2 and titled else 0.8
    return votes


def _has_phrase(tokens: list[str], phrase: str) -> bool:
    target = phrase.split()
    n = len(target)
    return any(tokens[i : i + n] == target for i in range(len(tokens) - n + 1))


_FAMILIES = ("person", "org", "place", "other")  # in the order that wins ties


def family(votes: Counter) -> str:
    """person / org / place / other: the family with most votes (people win ties, then organizations)."""
    scores = (votes[K.PERSON], sum([votes[k] for k in ORG_FAMILY]), votes[K.PLACE], votes[K.OTHER])
    best = 0
    for n in range(1, len(scores)):
        if scores[n] > scores[best]:  # strictly more: a tie stays with the earlier family
            best = n
    return _FAMILIES[best]


def decide(votes: Counter) -> tuple[EntityKind, list[EntityKind], float]:
    """Main kind, extra kinds (a company that is also a brand) and a confidence in [0, 1]."""
    fam = family(votes)
    total = sum(votes.values()) or 1.0
    if fam == "person":
        return K.PERSON, [], round(min(1.0, votes[K.PERSON] / total), 2)
    if fam == "place":
        return K.PLACE, [], round(min(1.0, votes[K.PLACE] / total), 2)
    if fam == "other":
        return K.OTHER, [], round(min(1.0, votes[K.OTHER] / total), 2)
    ranked = sorted((k for k in SPECIFIC if votes[k] >= 1.0), key=lambda k: (-votes[k], SPECIFIC.index(k)))
    org_share = sum(votes[k] for k in ORG_FAMILY) / total
    if not ranked:
        return K.ORGANIZATION, [], round(min(1.0, org_share), 2)
    main = ranked[0]
    extra = [k for k in ranked[1:] if {main, k} == {K.COMPANY, K.BRAND}]
    return main, extra, round(min(1.0, org_share), 2)
