"""Roles, descriptions and stated relations around names, from word order and dependency parses.

Patterns, each precise rather than broad:
- appositive after a name:   `Hugh Hill, a doctor at Mercy Hospital,`     -> attribute, works_for(Hill, Mercy)
- appositive before a name:  `the producers of the film, Bright Ltd.,`   -> attribute
- title before a name:       `reality star Jane Roe`, `Acme CEO Jo Park`   -> attribute, works_for(Park, Acme)
  also `an Acme spokesperson, Jo Park`, `Judge Jo Park of the X Court`, `Acme said its unit, Acme Pay,`
- `As a father of two, Roe ...`, `Roe is a photographer`               -> attribute
- definite descriptions:     `the brand`, `the singer`                    -> a description mention of: the one
  entity whose name ends in the noun (`the council`: `Riverside City Council`); else the employer of the
  person the sentence is about (`Ortega added that the club ...`); else the nearest earlier entity of a
  fitting kind (what speaker resolution overlaps `the company said` with). An entity described as a
  team is not then described as a council or court.
- verbs: `X walked for Y`, `X walked in Y's show`, `X collaborated with Y`, `X founded Y`, `Y hired X`, `X owns Y`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import EntityKind
from .candidates import lemmas_of, lowers_of, tokens_of
from .lexicon import Role, lexicon

K = EntityKind
_STOP = {",", ".", ";", ")", "(", "—", "–", ":", "\"", "“", "”", "!", "?"}
_LINK_PREPS = {"of", "at", "for", "with", "to"}
_POSSESSIVE = {"'s", "’s", "’", "'"}
_CREDENTIALS = {"md", "phd", "jr", "sr", "esq", "rn", "mba", "dds", "qc", "kc", "obe", "mbe", "cbe"}


@dataclass
class Named:
    """One mention of a grouped entity, in tokens."""

    group: int
    start: int
    end: int
    kind: str = "name"


@dataclass
class Found:
    """An attribute (role text), a description mention, or a relation found in the text."""

    group: int
    start: int  # character range of the attribute / description / relation phrase
    end: int
    role: Role | None = None
    text_start: int | None = None  # the attribute's own words, when narrower than start..end
    text_end: int | None = None
    predicate: str | None = None
    object: int | None = None


class MentionIndex:
    def __init__(self, mentions: list[Named], families: dict[int, str] | None = None):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.families = families or {}  # group -> person / org / place / other, when known
        self._by_token: dict[int, Named] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def at(self, i: int) -> Named | None:
        return self._by_token.get(i)

    def ending_at(self, i: int) -> Named | None:
        m = self._by_token.get(i - 1)
        return m if m is not None and m.end == i else None


def sentence_of(doc: Doc, i: int):
    """The sentence holding token i (Token.sent walks the whole doc each time: cache the spans)."""
    cached = doc.user_data.get("kg_sentence_of")  # plain ints, so the doc still serialises
    if cached is None:
        cached = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for j in range(sent.start, sent.end):
                cached[j] = (sent.start, sent.end)
        doc.user_data["kg_sentence_of"] = cached
    start, end = cached[i]
    return doc[start:end]


def role_ending(doc: Doc, i: int) -> tuple[Role, int] | None:
    """The listed role noun whose last word is token i (`set designer`, `producers`), and its first token."""
    # asked of every token: the lowercase forms and lemmas are made once per doc, and most words end no role
    lowers, lemmas, roles = lowers_of(doc), lemmas_of(doc), lexicon().roles
    if lowers[i] not in roles and lemmas[i] not in roles:
        return None
    token = tokens_of(doc)[i]
    if token.pos_ not in ("NOUN", "PROPN") or token.is_punct:
        return None
    for last in (lowers[i], lemmas[i]):
        for role in lexicon().roles_ending(last):
            n = len(role.words)
            if i - n + 1 < 0:
                continue
            if tuple(lowers[i - n + 1 : i]) == role.words[:-1]:
                return role, i - n + 1
    return None


def fits(role: Role, family: str) -> bool:
    if family == "any":
        return True  # too little evidence to say: the role decides
    if role.kind is None:
        return family in ("person", "org", "place")
    if role.kind == K.PERSON:
        return family == "person"
    if role.kind in (K.PLATFORM, K.NEWS_OUTLET, K.COURT):
        return family == "org"  # `the app`, `the newspaper`: never the country named last (a brand may be read as one)
    return family in ("org", "place")


def _head_role(doc: Doc, start: int, end: int) -> tuple[Role, int, int] | None:
    """The role noun heading tokens start..end (before any preposition): the last listed one."""
    doc_tokens = tokens_of(doc)
    best = None
    for i in range(start, end):
        if doc_tokens[i].pos_ == "ADP" or doc_tokens[i].lower_ in ("who", "which", "that"):
            break
        found = role_ending(doc, i)
        if found:
            best = (found[0], found[1], i)
    return best


def _linked_object(doc: Doc, index: MentionIndex, start: int, end: int, own: int) -> int | None:
    """The entity a phrase ties its subject to: `X's ...` or `... of/at/for/with X`."""
    doc_tokens = tokens_of(doc)
    for i in range(start, end):
        m = index.at(i)
        if m is None or m.group == own:
            continue
        if m.end < len(doc) and doc_tokens[m.end].text in _POSSESSIVE:
            return m.group
        if m.start > 0 and doc_tokens[m.start - 1].lower_ in _LINK_PREPS | {"the"} and (
            doc_tokens[m.start - 1].lower_ in _LINK_PREPS or m.start > 1 and doc_tokens[m.start - 2].lower_ in _LINK_PREPS
        ):
            return m.group
        if m.kind == "description" and any(doc_tokens[j].lower_ in _LINK_PREPS for j in range(max(start, m.start - 2), m.start)):
            return m.group
    return None


# --------------------------------------------------------------------------- descriptions


def descriptions(
    doc: Doc, index: MentionIndex, families: dict[int, str], strong: dict[int, EntityKind], places: set[int] = frozenset(),
    genders: dict[int, str | None] | None = None, employers: dict[int, int] | None = None,
) -> list[Found]:
    """`the brand`, `the reality star`: definite descriptions resolved to the nearest earlier fitting entity."""
    doc_tokens = tokens_of(doc)
    found = []
    sent_of = {i: n for n, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    genders = genders or {}
    chain = index
    described_kinds: dict[int, set[EntityKind]] = {}
    lowers, lemmas, roles = lowers_of(doc), lemmas_of(doc), lexicon().roles
    for token in doc_tokens:
        if lowers[token.i] not in roles and lemmas[token.i] not in roles:
            continue  # role_ending's own first test, here without a call per token
        hit = role_ending(doc, token.i)
        if not hit:
            continue
        role, first = hit
        # `the (high-end luxury) fashion house`: modifiers may stand between the article and the role.
        while first > 0 and doc_tokens[first - 1].dep_ in ("compound", "amod", "punct") and doc_tokens[first - 1].text not in _STOP and first > token.i - 6:
            first -= 1
        if role.kind is None or first == 0 or doc_tokens[first - 1].lower_ != "the":
            continue
        if not token.text.islower() or index.at(token.i) or index.at(first):
            continue  # `the Supreme Court`, `the White House`: part of a name, not a description
        if token.dep_ in ("compound", "conj") or token.tag_ in ("NNS", "NNPS") or _restricted(doc, token):
            continue  # `the photographer who shot it`, `the models`, `the designer and the studio`: not one named entity
        if role.kind == K.PERSON and token.dep_ not in ("nsubj", "nsubjpass"):
            continue  # `The singer said`: a person is taken up again as the subject; elsewhere it is often someone new
        if first >= 3 and doc_tokens[first - 2].text == "," and index.ending_at(first - 2) is not None:
            continue  # `Nike, the sportswear maker,`: an appositive, the attribute of the name before it
        nxt = doc_tokens[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (index.at(nxt.i) or nxt.pos_ == "PROPN" or nxt.text == "," and _appositive_name(doc, index, nxt.i + 1)):
            continue  # an appositive or title: the name is right there
        target = _named_by_head(doc, index, token, first - 1)
        if target is None and role.kind != K.PERSON:
            target = _subjects_employer(doc, index, token, first - 1, role, families, employers or {})
        if target is None:
            clashing = {g for g, kinds in described_kinds.items() if any(_clash(role.kind, k) for k in kinds)}
            target = _nearest(doc, chain, token, first - 1, role, families, strong, places, genders, sent_of, clashing)
        if target is None:
            continue
        described_kinds.setdefault(target, set()).add(role.kind)
        # A resolved description is taken up in turn: `the brand said ...` then `the fashion house filed ...`.
        chain = MentionIndex(chain.mentions + [Named(target, first - 1, token.i + 1, "resolved")])
        start = doc_tokens[first - 1].idx
        found.append(Found(target, start, token.idx + len(token.text), role, doc_tokens[first].idx, token.idx + len(token.text)))
    return found


_FEMALE = {"mother", "wife", "daughter", "sister", "widow", "mom", "queen", "girlfriend", "grandmother", "aunt", "niece", "bride", "actress", "princess", "duchess", "heiress"}
_MALE = {"father", "husband", "son", "brother", "dad", "king", "boyfriend", "grandfather", "uncle", "nephew", "groom", "widower", "prince", "duke"}


def role_gender(word: str) -> str | None:
    """`actress` -> female, `spokesman` -> male, `singer` -> None."""
    word = word.lower()
    if word in _FEMALE or word.endswith("woman"):
        return "female"
    if word in _MALE or word.endswith("man") and not word.endswith("woman") and word not in ("human", "german", "roman"):
        return "male"
    return None


def _subject_like(token: Token) -> bool:
    """A subject, or joined to one (`Harry and Meghan attended`)."""
    return token.dep_ in ("nsubj", "nsubjpass") or token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass")


def _restricted(doc: Doc, token: Token) -> bool:
    """A description narrowed by what follows it (`the designer of the set`, `the singer who ...`)."""
    doc_tokens = tokens_of(doc)
    for child in token.children:
        if child.dep_ in ("prep", "acl", "appos", "conj"):
            return True
        if child.dep_ == "relcl" and doc_tokens[child.left_edge.i - 1].text != ",":
            return True
    return False


def _appositive_name(doc: Doc, index: MentionIndex, i: int) -> bool:
    doc_tokens = tokens_of(doc)
    m = index.at(i)
    if m is None or m.start != i:
        return False
    closing = doc_tokens[m.end] if m.end < len(doc) else None
    return closing is None or closing.text in _STOP or closing.lower_ in ("and", "or")


_SPECIFIC_ROLES = {K.COURT, K.GOVERNMENT, K.NEWS_OUTLET, K.PLATFORM}
_PUBLIC_BODIES = {K.COURT, K.GOVERNMENT}  # never also a team, a company or a brand


def _named_by_head(doc: Doc, index: MentionIndex, token: Token, before: int) -> int | None:
    """`the council` after `Riverside City Council`: the one entity named earlier whose name ends in the noun."""
    doc_tokens = tokens_of(doc)
    if token.lower_ in ("company", "firm", "group"):
        return None  # `the company` says what, not which: the nearest company
    nouns = (token.lower_, token.lemma_.lower())
    groups = {m.group for m in index.mentions if m.kind == "name" and m.end <= before and m.end - m.start >= 2
              and (doc_tokens[m.end - 1].lower_ in nouns or _head_before_of(doc, m.start, m.end) in nouns)}
    return groups.pop() if len(groups) == 1 else None


def _head_before_of(doc: Doc, start: int, end: int) -> str | None:
    """`Court` in `U.S. District Court for the Southern District of New York`, `University` in `University of Utrecht`
    (the name is tokens start..end)."""
    lowers = lowers_of(doc)
    for i in range(start + 1, end):
        if lowers[i] in ("of", "for"):
            return lowers[i - 1]
    return None


def _subjects_employer(doc: Doc, index: MentionIndex, token: Token, before: int, role: Role, families, employers: dict[int, int]) -> int | None:
    """`Ortega added that the club would appeal`: the club of the person this sentence is about (his employer)."""
    sentence = sentence_of(doc, token.i)
    for m in index.mentions:
        if m.start < sentence.start or m.start >= before or m.kind not in ("name", "resolved") or m.group not in employers:
            continue
        root = doc[m.start : m.end].root
        if families.get(m.group) == "person" and _subject_like(root) and root.head in token.ancestors:
            employer = employers[m.group]
            return employer if fits(role, families.get(employer, "")) else None
    return None


def _clash(a: EntityKind, b: EntityKind) -> bool:
    """`the team` and `the council` cannot describe one entity; `the brand` and `the company` can."""
    return a != b and bool({a, b} & _PUBLIC_BODIES) and K.PERSON not in (a, b)


def _nearest(doc: Doc, index: MentionIndex, token: Token, before: int, role: Role, families, strong, places, genders, sent_of,
             clashing: set[int] = frozenset()) -> int | None:
    doc_tokens = tokens_of(doc)
    sentence = sent_of[before]
    fallback = None
    for m in reversed(index.mentions):
        if m.start >= before or m.kind not in ("name", "resolved"):
            continue
        if sentence - sent_of[m.start] > 3:
            break
        fam = families.get(m.group)
        if not fits(role, fam or "") or m.group in places and role.kind != K.PLACE or m.group in clashing:
            continue
        if m.kind == "resolved" and role.kind == K.ORGANIZATION and doc_tokens[m.end - 1].lemma_.lower() != token.lemma_.lower():
            continue  # `the club ...` then `the league`: two kinds of organization, not one taken up again
        if doc[m.start : m.end].root in token.ancestors:
            continue  # `Acme, the company that owns the label`: inside Acme's own phrase, the label is another
        known = strong.get(m.group)
        if known is not None and role.kind != known and {role.kind, known} != {K.COMPANY, K.BRAND} and role.kind != K.ORGANIZATION:
            continue  # `the brand` is not the outlet or court mentioned last
        close = sentence - sent_of[m.start] <= 1
        if role.kind == K.PERSON and not close:
            break  # `The minister`: beyond the last sentence a person description often means someone new
        if fam == "place":
            fallback = fallback if fallback is not None or not close else m.group
            continue
        if role.kind in _SPECIFIC_ROLES and known != role.kind and not _subject_like(token):
            continue  # `grateful to the council` after `The Hawks said`: outside a subject, a court, government or outlet
            # description takes up only an entity already known to be one
        wanted = role_gender(role.words[-1]) if role.kind == K.PERSON else None
        if wanted and genders.get(m.group) not in (None, wanted):
            continue  # `the former actress` is not the man named last
        if not _subject_like(doc[m.start : m.end].root):
            # `The striker ...`, `The brand said`: a description takes up the last subject, not the last name;
            # failing that, the last name in this sentence or the one before.
            fallback = fallback if fallback is not None or not close else m.group
            continue
        return m.group
    return fallback


# --------------------------------------------------------------------------- attributes


def attributes(doc: Doc, index: MentionIndex, families: dict[int, str]) -> list[Found]:
    found: list[Found] = []
    index = MentionIndex(index.mentions, families)
    for m in index.mentions:
        if m.kind != "name":
            continue
        fam = families.get(m.group, "")
        for finder in (_after, _before, _title, _as_a, _copula, _named_as):
            hit = finder(doc, index, m, fam)
            if hit:
                if hit.object is None and hit.role.predicate:
                    _owner_of_its(doc, index, hit, families)
                found.append(hit)
    return found


def _owner_of_its(doc: Doc, index: MentionIndex, hit: Found, families: dict[int, str]) -> None:
    """`Altura said its payments unit, Altura Pay, ...`: `its` is the organization named last in the sentence."""
    doc_tokens = tokens_of(doc)
    words = doc.char_span(hit.text_start, hit.text_end, alignment_mode="expand") if hit.text_start is not None else None
    if words is None or words.start == 0 or doc_tokens[words.start - 1].lower_ != "its":
        return
    sentence = sentence_of(doc, words.start)
    before = [m for m in index.mentions if sentence.start <= m.start and m.end < words.start and m.kind == "name" and m.group != hit.group]
    if before and families.get(before[-1].group) == "org":
        hit.object, hit.predicate = before[-1].group, hit.role.predicate
        hit.start = min(hit.start, doc_tokens[before[-1].start].idx)


def _attribute(doc, m: Named, start: int, end: int, role: Role, index: MentionIndex) -> Found:
    """The role words start..end of the entity mentioned at m; the found span runs over both (the relation's source)."""
    doc_tokens = tokens_of(doc)
    obj = _linked_object(doc, index, start, end, m.group)
    first, last = min(start, m.start), max(end, m.end)
    return Found(
        m.group, doc_tokens[first].idx, doc_tokens[last - 1].idx + len(doc_tokens[last - 1].text), role,
        doc_tokens[start].idx, doc_tokens[end - 1].idx + len(doc_tokens[end - 1].text),
        predicate=role.predicate if obj is not None else None, object=obj,
    )


def _phrase_end(doc: Doc, start: int, limit: int = 10) -> int | None:
    """End of an appositive starting at `start`: the next comma/stop, if it comes soon."""
    doc_tokens = tokens_of(doc)
    for i in range(start, min(len(doc), start + limit)):
        t = doc_tokens[i]
        if t.text in _STOP or "\n" in t.whitespace_ and i > start:
            return i if t.text in _STOP else i + 1
        if t.lower_ in ("who", "which") and i > start + 1 and doc_tokens[i - 1].text not in _STOP:
            return i  # `Lucia Ferraro, an ecologist at X who was not involved, said`: the role ends at the clause
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.lower_ in ("who", "which", "said", "says"):
            return None
    return None


def _after(doc, index, m: Named, fam: str) -> Found | None:
    """`Hugh Hill, a doctor at Mercy Hospital, said`"""
    doc_tokens = tokens_of(doc)
    if m.end + 1 >= len(doc) or doc_tokens[m.end].text != ",":
        return None
    start = m.end + 1
    # `Rebecca Stein, M.D., Chief Medical Officer`: step over a credential.
    if start + 1 < len(doc) and doc_tokens[start].lower_.replace(".", "") in _CREDENTIALS and doc_tokens[start + 1].text == ",":
        start += 2
    # `Jane Roe, who is a photographer,` / `Acme, which has been the maker of ...`
    if doc_tokens[start].lower_ in ("who", "which") and start + 2 < len(doc):
        j = start + 1
        while j < len(doc) and j < start + 4 and (doc_tokens[j].lemma_ in ("be", "have") or doc_tokens[j].lower_ in ("'s", "’s")):
            j += 1
        if j == start + 1 or doc_tokens[j].pos_ != "DET":
            return None
        start = j
    if doc_tokens[start].pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PRON") or doc_tokens[start].lower_ in ("who", "which", "and"):
        return None
    end = _phrase_end(doc, start)
    if end is None or end <= start:
        return None
    words_start = start + 1 if doc_tokens[start].lower_ in ("a", "an", "the") else start
    head = _head_role(doc, words_start, end)
    if not head or not fits(head[0], fam) or index.at(words_start) and index.at(words_start).end == end:
        return None
    if doc_tokens[end].text == "," and end + 1 < len(doc) and _appositive_name(doc, index, end + 1) and index.at(end + 1).group != m.group \
            and fits(head[0], index.families.get(index.at(end + 1).group, "")):
        # `According to Vance, the team's owner, Marcus Whitfield, ...`: the phrase introduces the next name
        # (but `Whitaker, chief executive of the developer, Lone Star Solar LLC,` is Whitaker's).
        return None
    return _attribute(doc, m, words_start, end, head[0], index)


def _before(doc, index, m: Named, fam: str) -> Found | None:
    """`the producers of the ad, Bright Ltd.,` / `its set designer, Jo Park.`"""
    doc_tokens = tokens_of(doc)
    if m.start < 2 or doc_tokens[m.start - 1].text != ",":
        return None
    closing = doc_tokens[m.end] if m.end < len(doc) else None
    if closing is not None and closing.text not in _STOP and closing.lower_ not in ("and", "or"):
        return None
    end = m.start - 1
    i = end - 1
    start = None
    while i >= 0 and end - i <= 10:
        t = doc_tokens[i]
        if t.text in _STOP or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON") and t.tag_ != "PRP$":
            break
        if t.text in _POSSESSIVE:
            # `a spokesperson for China's foreign ministry, Mao Ning`: the owner sits inside the phrase.
            owner = index.ending_at(i)
            if owner is not None and owner.start > 0 and doc_tokens[owner.start - 1].lower_ in _LINK_PREPS:
                i = owner.start - 2
                continue
            start = i + 1
            break
        if t.pos_ == "DET" or t.tag_ == "PRP$":
            start = i + 1
            if i > 0 and doc_tokens[i - 1].lower_ in _LINK_PREPS:
                i -= 2
                continue
            break
        if t.pos_ == "ADP" and t.lower_ not in _LINK_PREPS:
            start = i + 1
            break
        i -= 1
    if start is None or start >= end:
        return None
    head = _head_role(doc, start, end)
    if not head or not fits(head[0], fam):
        return None
    # `Acme's designer, Jo Park`: the owner before the possessive.
    owner_end = start - 1 if doc_tokens[start - 1].text in _POSSESSIVE else None
    # `an Acme spokesperson, Jo Park`: a name opening the phrase, right before the role words, is the owner.
    opener = index.at(start)
    if owner_end is None and opener is not None and opener.start == start and opener.group != m.group and opener.end <= head[1]:
        owner_end, start = opener.end, opener.end
        while start < head[1] and doc_tokens[start].text in _POSSESSIVE:
            start += 1
    found = _attribute(doc, m, start, end, head[0], index)
    if owner_end is not None:
        owner = index.ending_at(owner_end)
        if owner is not None and owner.group != m.group and head[0].predicate:
            found.object, found.predicate = owner.group, head[0].predicate
            found.start = doc_tokens[owner.start].idx
    return found


def _title(doc, index, m: Named, fam: str) -> Found | None:
    """`reality star Jane Roe`, `Acme CEO Jo Park`, `fashion house Maison Vert`."""
    doc_tokens = tokens_of(doc)
    if m.start == 0:
        return None
    hit = role_ending(doc, m.start - 1)
    if not hit or doc_tokens[m.start - 1].is_sent_start and hit[1] == m.start - 1 and doc_tokens[m.start - 1].text[:1].isupper() and hit[0].kind != K.PERSON:
        return None
    role, start = hit
    if not fits(role, fam) or index.at(m.start - 1):
        return None
    # Modifiers of the role (`fashion`, `former`) belong to it: walk left over adjectives and nouns.
    while start > 0 and doc_tokens[start - 1].pos_ in ("ADJ", "NOUN") and not index.at(start - 1) and doc_tokens[start - 1].text not in _STOP:
        start -= 1
    found = _attribute(doc, m, start, m.start, role, index)
    owner = index.ending_at(start) or (index.ending_at(start - 1) if start > 0 and doc_tokens[start - 1].text in _POSSESSIVE else None)
    if owner is not None and owner.group != m.group and role.predicate:
        found.object, found.predicate = owner.group, role.predicate
        found.start = doc_tokens[owner.start].idx  # `Acme CEO Jo Park`: the source covers the owner too
    elif owner is None and role.predicate and m.end + 1 < len(doc) and doc_tokens[m.end].lower_ in ("of", "at"):
        # `Judge Laurence Bishop of the U.S. Bankruptcy Court`, `Professor Ana Ruiz at Leeds University`
        j = m.end + 2 if doc_tokens[m.end + 1].lower_ == "the" else m.end + 1
        after = index.at(j) if j < len(doc) else None
        if after is not None and after.start == j and after.group != m.group and after.kind == "name":
            found.object, found.predicate = after.group, role.predicate
            found.end = doc_tokens[after.end - 1].idx + len(doc_tokens[after.end - 1].text)
    return found


def _as_a(doc, index, m: Named, fam: str) -> Found | None:
    """`As a frequent collaborator with the brand, Roe ...`"""
    doc_tokens = tokens_of(doc)
    if m.start < 4 or doc_tokens[m.start - 1].text != ",":
        return None
    sent = sentence_of(doc, m.start)
    if doc_tokens[sent.start].lower_ != "as" or doc_tokens[sent.start + 1].lower_ not in ("a", "an", "the"):
        return None
    start, end = sent.start + 2, m.start - 1
    if end - start > 12:
        return None
    head = _head_role(doc, start, end)
    if not head or not fits(head[0], fam):
        return None
    return _attribute(doc, m, start, end, head[0], index)


def _named_as(doc, index, m: Named, fam: str) -> Found | None:
    """`hired Zoe Park as its chief designer`, `named Jo Lin as chief executive`."""
    doc_tokens = tokens_of(doc)
    if m.end + 1 >= len(doc) or doc_tokens[m.end].lower_ != "as":
        return None
    start = m.end + 1
    if doc_tokens[start].lower_ in ("a", "an", "the", "its", "their", "his", "her"):
        start += 1
    end = start
    while end < len(doc) and end - start < 6 and doc_tokens[end].pos_ in ("NOUN", "PROPN", "ADJ") and not index.at(end):
        end += 1
    if end == start:
        return None
    hit = role_ending(doc, end - 1)
    if not hit or not fits(hit[0], fam):
        return None
    return _attribute(doc, m, start, end, hit[0], index)


def _copula(doc, index, m: Named, fam: str) -> Found | None:
    """`Roe is a photographer` / `Acme is a production company based in Lyon`."""
    doc_tokens = tokens_of(doc)
    root = doc[m.start : m.end].root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    attr = next((c for c in root.head.children if c.dep_ == "attr"), None)
    if attr is None:
        return None
    first = attr.left_edge.i
    if doc_tokens[first].lower_ in ("a", "an", "the"):
        first += 1
    last = attr.i + 1
    for child in attr.rights:
        if child.dep_ == "prep" and child.lower_ in _LINK_PREPS:
            last = max(last, child.right_edge.i + 1)
    if last - first > 10 or first >= last:
        return None
    head = _head_role(doc, first, last)
    if not head or not fits(head[0], fam):
        return None
    return _attribute(doc, m, first, last, head[0], index)


# --------------------------------------------------------------------------- verbs


_VERB_RELATIONS = {
    "walk": ("walked_for", {"for"}),
    "model": ("walked_for", {"for"}),
    "collaborate": ("collaborated_with", {"with"}),
    "partner": ("collaborated_with", {"with"}),
    "team": ("collaborated_with", {"with"}),
    "work": ("works_for", {"for", "at"}),
    "play": ("plays_for", {"for"}),
    "design": ("designer_for", {"for"}),
    "produce": ("produced_for", {"for"}),
    "shoot": ("produced_for", {"for"}),
}
_OWN_VERBS = {"own"}
_SHOW_NOUNS = {"show", "runway", "catwalk", "presentation", "campaign", "collection", "event"}
_SHOW_VERBS = {"walk", "model", "design", "produce", "shoot"}


def verb_relations(doc: Doc, index: MentionIndex) -> list[Found]:
    found = []
    for m in index.mentions:
        if m.kind not in ("name",):
            continue
        root = doc[m.start : m.end].root
        for verb in _verbs_of_subject(root):
            found += _verb_relations(doc, index, m, verb)
    return found


def _verbs_of_subject(root: Token) -> list[Token]:
    """Verbs the mention is the subject of: `X walked ...`, and `X, who has walked ...`."""
    verbs = [root.head] if root.dep_ == "nsubj" else []
    for child in root.children:
        if child.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in child.children):
            verbs.append(child)
    return verbs


def _objects(token: Token) -> list[Token]:
    """`for Prada and Chanel`: a prepositional object and those joined to it."""
    return [token, *(c for c in token.children if c.dep_ == "conj")]


def _verb_relations(doc: Doc, index: MentionIndex, m: Named, verb: Token) -> list[Found]:
    found = []
    lemma = verb.lemma_.lower()
    sentence = sentence_of(doc, verb.i)
    span = (sentence.start_char, sentence.end_char)

    def add(subject: int | None, predicate: str, obj: int | None) -> None:
        if subject is not None and obj is not None:
            found.append(Found(subject, *span, predicate=predicate, object=obj))

    def owner_of(noun: Token) -> int | None:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        return _group_of(doc, index, owner, m.group) if owner is not None else None

    if lemma in _VERB_RELATIONS:
        predicate, preps = _VERB_RELATIONS[lemma]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for pobj in (o for c in prep.children if c.dep_ == "pobj" for o in _objects(c)):
                if prep.lower_ in preps:
                    add(m.group, predicate, _group_of(doc, index, pobj, m.group))
                elif prep.lower_ in ("in", "on") and lemma in _SHOW_VERBS and pobj.lemma_.lower() in _SHOW_NOUNS:
                    add(m.group, predicate, owner_of(pobj))  # `walked in Acme's show`
        if lemma in ("design", "produce", "shoot"):
            for dobj in (c for c in verb.children if c.dep_ == "dobj"):
                add(m.group, predicate, owner_of(dobj))  # `shot Acme's campaign`
    dobjs = [o for c in verb.children if c.dep_ == "dobj" for o in _objects(c)]
    if lemma in ("found", "co-found", "cofound"):
        for dobj in dobjs:
            add(m.group, "founded", _group_of(doc, index, dobj, m.group))
    if lemma in _OWN_VERBS:
        for dobj in dobjs:
            add(m.group, "owns", _group_of(doc, index, dobj, m.group))  # `Altura also owns Verdant Logistics`
    if lemma in ("hire", "appoint", "employ"):
        for dobj in dobjs:
            add(_group_of(doc, index, dobj, m.group), "works_for", m.group)
    return found


def _group_of(doc: Doc, index: MentionIndex, token: Token | None, own: int) -> int | None:
    if token is None:
        return None
    m = index.at(token.i)
    return m.group if m is not None and m.group != own else None
