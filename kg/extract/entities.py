"""Entities of one article: people, organizations, brands, companies, outlets, platforms.

Steps: name candidates (candidates.py) -> one group per entity (same name, short forms of a person's
full name, acronyms, handles) -> kind votes (kinds.py) -> roles, descriptions and relations
(relations.py) -> `LocalEntity` records whose mentions are verbatim spans of the article.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from spacy.tokens import Doc

from ..nlp import Analysed
from ..records import Article, Attribute, EntityKind, LocalEntity, Mention, Relation, Span
from . import kinds as kinds_mod
from .aliases import plain, strip_possessive, without_nickname, words
from .candidates import Candidate, collect, doc_text
from .grouping import bare_single_word, group, prepare
from .lexicon import first_name_gender, fold, lexicon
from .relations import Found, MentionIndex, Named, attributes, descriptions, verb_relations

K = EntityKind
# Which families a relation joins: (subject, object).
_PREDICATE_FAMILIES = {
    "works_for": ({"person"}, {"org", "place"}),
    "designer_for": ({"person", "org"}, {"org", "place"}),
    "produced_for": ({"org", "person"}, {"org", "place"}),
    "walked_for": ({"person"}, {"org", "place"}),
    "collaborated_with": ({"person", "org"}, {"person", "org", "place"}),
    "founded": ({"person", "org"}, {"org"}),
    "spokesperson_for": ({"person"}, {"org", "person"}),
    "represents": ({"person", "org"}, {"person", "org"}),
    "plays_for": ({"person"}, {"org", "place"}),
    "ambassador_for": ({"person"}, {"org", "place"}),
    "owns": ({"person", "org"}, {"org"}),
    "member_of": ({"person"}, {"org"}),
    "subsidiary_of": ({"org"}, {"org"}),
    "supplier_of": ({"org"}, {"org"}),
}
_SPECIFIC_NOT_TRADE = {K.NEWS_OUTLET, K.PLATFORM, K.COURT, K.GOVERNMENT}
_ROLE_WEIGHT = 3.0
_EMPLOYER_PREDICATES = {"works_for", "spokesperson_for", "plays_for", "designer_for"}
_DESCRIPTION_WEIGHT = 2.0


def extract_entities(analysed: Analysed) -> tuple[list[LocalEntity], list[Relation]]:
    article, doc = analysed.article, analysed.doc
    cands = prepare(doc, collect(doc))
    evidence = [kinds_mod.mention_evidence(doc, c) for c in cands]
    groups = group(doc, cands, evidence)
    votes = [sum((evidence[i] for i in g), Counter()) for g in groups]
    for n, g in enumerate(groups):
        if bare_single_word(cands, g):
            votes[n][K.PERSON] *= 0.5  # `McLaren`: spaCy's PERSON on one unknown word, never a full name here
    families = {n: kinds_mod.family(v) for n, v in enumerate(votes)}

    named = [_named(doc, n, cands[i]) for n, g in enumerate(groups) for i in g]
    index = MentionIndex([m for m in named if m is not None])
    # Roles stated next to names (`the newspaper Aftenposten`) speak louder than spaCy's label.
    weak = {n for n, v in enumerate(votes) if max(v.values(), default=0) < 2.5}
    employed: dict[int, set[int]] = {}
    for found in attributes(doc, index, {n: ("any" if n in weak else f) for n, f in families.items()}):
        if found.role and found.role.kind is not None:
            votes[found.group][found.role.kind] += _ROLE_WEIGHT
        if found.object is not None and found.predicate in _EMPLOYER_PREDICATES:
            votes[found.object][K.ORGANIZATION] += 1.5  # `Red Bull team principal Christian Horner`
            employed.setdefault(found.group, set()).add(found.object)
    families = {n: kinds_mod.family(v) for n, v in enumerate(votes)}
    strong = {n: kind for n, v in enumerate(votes) if (kind := kinds_mod.decide(v)[0]) in _SPECIFIC_NOT_TRADE}
    places = {n for n, g in enumerate(groups) if votes[n][K.PLACE] / len(g) >= 0.8 and families[n] != "person"}  # `in Lyon`
    genders = {n: _gender(doc_text(doc), [cands[i] for i in g if not cands[i].is_handle], _display(cands[g[0]].text)) for n, g in enumerate(groups) if families[n] == "person"}
    employers = {n: next(iter(objs)) for n, objs in employed.items() if len(objs) == 1}
    described = descriptions(doc, index, families, strong, places, genders, employers)
    for found in described:
        votes[found.group][found.role.kind] += _DESCRIPTION_WEIGHT
    families = {n: kinds_mod.family(v) for n, v in enumerate(votes)}
    index = MentionIndex(index.mentions + [_named_chars(doc, f) for f in described])
    roles = attributes(doc, index, {n: ("any" if n in weak else f) for n, f in families.items()})

    decided = [kinds_mod.decide(v) if sum(v.values()) else (K.OTHER, [], 0.5) for v in votes]  # a bare handle: unknown kind
    unsupported = {n for n, v in enumerate(votes) if not sum(v.values()) and all(cands[i].source in ("PROPN", "PROPAGATED") for i in groups[n])}
    keep = [n not in unsupported and _worth_keeping(doc, cands, g, decided[n][0], roles, n) for n, g in enumerate(groups)]
    order = sorted((n for n in range(len(groups)) if keep[n]), key=lambda n: min(cands[i].start for i in groups[n]))
    key_of = {n: f"e{k}" for k, n in enumerate(order)}

    entities = []
    for n in order:
        kind, extra, confidence = decided[n]
        entities.append(
            _local_entity(article, key_of[n], kind, extra, confidence, [cands[i] for i in groups[n]],
                          [f for f in described if f.group == n], [f for f in roles if f.group == n])
        )
    final_families = {n: _family_of(decided[n][0]) for n in order}
    relations = _relations(article, roles + verb_relations(doc, index), key_of, final_families)
    return entities, relations


# --------------------------------------------------------------------------- records


def _named(doc: Doc, group: int, cand: Candidate) -> Named | None:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return Named(group, span.start, span.end, "handle" if cand.is_handle else "name")


def _named_chars(doc: Doc, found: Found) -> Named:
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    return Named(found.group, span.start, span.end, "description")


def _family_of(kind: EntityKind) -> str:
    if kind == K.PERSON:
        return "person"
    if kind in kinds_mod.ORG_FAMILY:
        return "org"
    return "place" if kind == K.PLACE else "other"


def _worth_keeping(doc: Doc, cands, group, kind: EntityKind, roles: list[Found], n: int) -> bool:
    """Drop what is not a name: unknown acronyms only used as modifiers (`XYZ-inspired items`), other-kind spans."""
    members = [cands[i] for i in group]
    if all(c.is_handle for c in members):
        return True
    if kind == K.OTHER and not any(c.is_handle for c in members):
        return False
    if any(c.source in ("LEXICON", "SUFFIX", "HONORIFIC", "SIGNATURE") or "titled" in c.tags for c in members) or any(f.group == n for f in roles):
        return True
    names = [c for c in members if not c.is_handle]
    text = names[0].text
    if kind == K.PERSON and not any(c.is_handle for c in members):
        single = all(len(words(c.text)) == 1 for c in names)
        if single and plain(text).isupper():
            return False  # `AI`, `CEO`: acronyms are not people
        if single and len(names) == 1 and first_name_gender(words(text)[0].title()) is None:
            return False  # one bare word, once, with nothing saying it is a person (`through Ticketmaster`)
    if text.isupper() and len(words(text)) == 1 and kind != K.PERSON:
        # An unexplained acronym counts only if it acts somewhere (subject, object) rather than modifying nouns.
        roots = [doc.char_span(c.start, c.end, alignment_mode="expand").root for c in names]
        if all(r.dep_ in ("compound", "amod", "npadvmod", "nmod") or r.head.pos_ == "VERB" and r.head.lower_.endswith(("ed", "ing")) and r.dep_ != "nsubj" for r in roots):
            return False
        if len(names) == 1 and len(text) <= 2:
            return False
    # A lone one-word mention inside quotation marks, with nothing else for it, is a fragment, not a name.
    if len(names) == 1 and len(words(text)) == 1 and _inside_quote(doc_text(doc), names[0].start) and kind != K.PERSON:
        return False
    return True


def _inside_quote(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    opened = before.count("“") - before.count("”") + before.count('"') % 2
    return opened > 0


def _local_entity(article: Article, key: str, kind, extra, confidence, members: list[Candidate],
                  described: list[Found], roles: list[Found]) -> LocalEntity:
    names = [c for c in members if not c.is_handle]
    handles = sorted({c.text for c in members if c.is_handle}, key=str.lower)
    forms = Counter(_display(c.text) for c in names)
    if names:
        name = max(forms, key=lambda f: (len(words(f)), len(f) if kind != K.PERSON else 0, forms[f], -_first_at(names, f)))
    else:
        name = handles[0]
    aliases = sorted({f for f in forms if f != name}, key=lambda f: _first_at(names, f))
    mentions = [Mention(span=Span.at(article, c.start, c.end), kind="handle" if c.is_handle else "name") for c in members]
    mentions += [Mention(span=Span.at(article, f.start, f.end), kind="description") for f in described]
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    attributes: dict[tuple[int, int], Attribute] = {}
    for f in roles + described:
        s, e = (f.text_start, f.text_end) if f.text_start is not None else (f.start, f.end)
        text = _display(article.text[s:e])
        if all(a.text.lower() != text.lower() for a in attributes.values()):
            attributes[(s, e)] = Attribute(text=text, span=Span.at(article, s, e))
    return LocalEntity(
        key=key, name=name, kind=kind, extra_kinds=extra, aliases=aliases, handles=handles, mentions=mentions,
        attributes=[attributes[k] for k in sorted(attributes)], confidence=confidence,
        gender=_gender(article.text, names, name) if kind == K.PERSON else None,
    )


def _display(text: str) -> str:
    """As printed, with compatibility letters folded (`𝐉𝐨𝐫𝐝𝐚𝐧` -> `Jordan`) but accents kept (`Tomás`)."""
    return " ".join(strip_possessive(unicodedata.normalize("NFKC", without_nickname(text))).split()).strip(" ,;:")


def _first_at(names: list[Candidate], form: str) -> int:
    return min((c.start for c in names if _display(c.text) == form), default=0)


def _gender(text: str, names: list[Candidate], name: str) -> str | None:
    honorifics = lexicon().honorifics
    for c in names:
        before = text[max(0, c.start - 16) : c.start].split()
        if before and fold(before[-1]) in honorifics and honorifics[fold(before[-1])]:
            return honorifics[fold(before[-1])]
    first = name.split()[0] if name.split() else ""
    gender = first_name_gender(first) if len(name.split()) >= 2 or any(len(words(c.text)) == 1 for c in names) else None
    return gender if gender in ("female", "male") else None


def _relations(article: Article, found: list[Found], key_of: dict[int, str], families: dict[int, str]) -> list[Relation]:
    out: dict[tuple[str, str, str, int, int], Relation] = {}
    for f in found:
        if f.predicate is None or f.object is None or f.group == f.object:
            continue
        if f.group not in key_of or f.object not in key_of:
            continue
        subject_families, object_families = _PREDICATE_FAMILIES.get(f.predicate, ({"person", "org"}, {"person", "org"}))
        if families[f.group] not in subject_families or families[f.object] not in object_families:
            continue
        key = (key_of[f.group], f.predicate, key_of[f.object], f.start, f.end)
        out.setdefault(key, Relation(subject=key[0], predicate=f.predicate, object=key[2], span=Span.at(article, f.start, f.end)))
    return [out[k] for k in sorted(out, key=lambda k: (k[3], k[0], k[1], k[2]))]
