"""One entity per real-world person or organization across the articles of a build.

Two local entities merge only with two signals: the same kind family (person / organization /
place) plus one of: the same full name after normalisation (case, accents, punctuation, legal-form
suffix: `Acme Holdings, Inc.` = `Acme Holdings`), a near-identical full name (a typo), the same
handle, or, for a one-word name, the same name and a shared role. A first name or surname alone
never merges two people. Ids are `kind/slug(name)`, with a short hash only where two entities would
share one, and do not depend on input order.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..extract.aliases import handle_key, org_key, person_key, plain, words
from ..extract.kind_groups import ORG_FAMILY, SPECIFIC
from ..extract.lexicon import lexicon
from ..ids import short_hash, slug
from ..records import Entity, EntityKind, Extraction, LocalEntity, MergeReason

K = EntityKind
_PERSON_FUZZ = 90
_ORG_FUZZ = 94
_WEAK_PLACE = 0.75


def family(kind: EntityKind) -> str:
    if kind == K.PERSON:
        return "person"
    if kind in ORG_FAMILY:
        return "org"
    return kind.value


class _Merger:
    """Union-find over local entities that remembers why each union happened."""

    def __init__(self, count: int):
        self.parent = list(range(count))
        self.reasons: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # root -> (local, alias, reason)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int, alias: str, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.reasons[keep].extend(self.reasons.pop(gone, []))
        self.reasons[keep].append((max(a, b), alias, reason))


def _forms(local: LocalEntity) -> list[str]:
    return [local.name, *local.aliases]


class _Keys:
    """The name keys of one resolution's forms, each computed once however many steps ask for it
    (the same names recur all through a corpus)."""

    def __init__(self):
        self.person = functools.cache(person_key)
        self.org = functools.cache(org_key)
        self.words = functools.cache(lambda form: " ".join(words(form)))


def _full_keys(local: LocalEntity, fam: str, keys: _Keys) -> dict[str, str]:
    """Normalised full-name keys -> the form they came from. People need two words; organizations one."""
    out: dict[str, str] = {}
    for form in _forms(local):
        if fam == "person":
            key = keys.person(form)
            key_words = key.split()
            # `J. Smith` and `Jane R` are too loose to join articles by; the full name or another alias will.
            if len(key_words) >= 2 and (form == local.name or all(len(w) > 1 for w in key_words)):
                out.setdefault(key.replace(" ", "").replace("-", ""), form)
        else:
            key = keys.org(form) if fam == "org" else keys.words(form)
            if key and not _generic_word(key):
                out.setdefault(key.replace(" ", ""), form)
    return out


@functools.lru_cache(maxsize=4096)
def _generic_word(key: str) -> bool:
    """`Council`, `Police`, `Club` alone (a sub-headline, `the Council said`): every article's own; one
    such word is no reason to take two articles' bodies for one."""
    lex = lexicon()
    bodies = (EntityKind.ORGANIZATION, EntityKind.GOVERNMENT, EntityKind.COURT)
    return " " not in key and (
        key in lex.gov_heads or key in lex.court_heads or lex.name_heads.get(key) in bodies
        or any(role.words == (key,) and role.kind in bodies for role in lex.roles_ending(key))
    )


@dataclass
class _Item:
    """One local entity of one article, with what the merge steps ask of it computed once."""

    article_id: str
    local: LocalEntity
    family: str
    full_keys: dict[str, str]  # see `_full_keys`
    roles: set[str]  # its attributes, lowercased


def resolve_entities(extractions: list[Extraction]) -> tuple[list[Entity], dict[str, str]]:
    keys = _Keys()
    items: list[_Item] = []
    for x in sorted(extractions, key=lambda x: x.article.id):
        for local in sorted(x.entities, key=lambda e: e.key):
            fam = family(local.kind)
            roles = {a.text.lower() for a in local.attributes}
            items.append(_Item(x.article.id, local, fam, _full_keys(local, fam, keys), roles))
    merger = _Merger(len(items))
    _merge_on_keys(items, merger)
    _merge_on_fuzzy_names(items, merger, keys)
    _merge_on_handles(items, merger)
    _merge_single_names_with_roles(items, merger, keys)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[merger.find(i)].append(i)
    entities = [_entity(items, members, merger.reasons.get(root, [])) for root, members in groups.items()]
    _make_ids_unique(entities)
    entity_of = {f"{aid}\x1f{key}": e.id for e in entities for aid, key in e.local_keys}
    return sorted(entities, key=lambda e: e.id), entity_of


def _families(item: _Item) -> list[str]:
    """The families a local entity may join: a weakly held place may be an organization spaCy misread (a brand as GPE)."""
    own = item.family
    return [own, "org"] if own == "place" and item.local.confidence < _WEAK_PLACE else [own]


def _merge_on_keys(items: list[_Item], merger: _Merger) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        families = _families(item)
        for key, form in sorted(item.full_keys.items()):
            for fam in families:
                block = (fam, key)
                if block not in seen:
                    seen[block] = i
                    continue
                other = items[seen[block]].local
                if _same_text(form, _forms(other)):
                    reason = f"full name match {form!r}"
                else:
                    reason = f"same name once case, punctuation and legal suffix are set aside: {form!r}"
                merger.union(seen[block], i, form, reason)


def _same_text(form: str, others: list[str]) -> bool:
    return any(plain(form) == plain(o) for o in others)


def _merge_on_fuzzy_names(items: list[_Item], merger: _Merger, keys: _Keys) -> None:
    """Typos and transliterations: `Nicolas Desjardins` / `Nicholas Desjardins`, with guards.

    Keys are compared only within blocks the guards require anyway (a person's initial, an organization's
    first three letters), so large corpora stay fast.
    """
    blocks: dict[tuple[str, str], dict[str, tuple[int, str]]] = defaultdict(dict)
    for i, item in enumerate(items):
        fam = item.family
        if fam not in ("person", "org"):
            continue
        for key, form in item.full_keys.items():
            blocks[(fam, key[:1] if fam == "person" else key[:3])].setdefault(key, (i, form))
    for (fam, _), keyed in sorted(blocks.items()):
        block_keys = sorted(keyed)
        cutoff = _PERSON_FUZZ if fam == "person" else _ORG_FUZZ
        for key in block_keys:
            for other, score, _ in process.extract(key, block_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                if other <= key:
                    continue
                (i, form), (j, other_form) = keyed[key], keyed[other]
                if _fuzzy_guard(fam, form, other_form, keys):
                    merger.union(i, j, other_form, f"near-identical name {other_form!r} ~ {form!r} ({score:.0f}%)")


def _fuzzy_guard(fam: str, a: str, b: str, keys: _Keys) -> bool:
    if fam == "person":
        wa, wb = keys.person(a).split(), keys.person(b).split()
        # Near-identical given name and surname: `Nicolas` / `Nicholas`, never `Daniel` / `Danielle` or `Jane` / `John`.
        return wa[0][0] == wb[0][0] and fuzz.ratio(wa[-1], wb[-1]) >= 85 and fuzz.ratio(wa[0], wb[0]) >= 90
    ka, kb = keys.org(a), keys.org(b)
    return min(len(ka), len(kb)) >= 8 and ka.split()[0][:3] == kb.split()[0][:3]


def _merge_on_handles(items: list[_Item], merger: _Merger) -> None:
    """The same handle is the same account: merge when the kinds agree or one side is only a handle."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for handle in item.local.handles:
            key = handle_key(handle)
            for j in seen[key]:
                families = {item.family, items[j].family}
                if len(families) == 1 or "other" in families:
                    merger.union(j, i, handle, f"same handle {handle}")
                    break
            seen[key].append(i)


def _merge_single_names_with_roles(items: list[_Item], merger: _Merger, keys: _Keys) -> None:
    """A one-word person name (`Rihanna`, `Jane`) joins only an entity using that word and sharing a stated role."""
    roles: dict[int, set[str]] = defaultdict(set)
    using: dict[str, list[int]] = defaultdict(list)  # person name word -> items whose names or aliases are that word
    for i, item in enumerate(items):
        roles[merger.find(i)] |= item.roles
        if item.family == "person":
            for word in {keys.person(f) for f in _forms(item.local)}:
                using[word].append(i)
    for i, item in enumerate(items):
        mine = item.roles
        if item.family != "person" or not mine:
            continue
        local = item.local
        word = keys.person(local.name)
        if len(word.split()) != 1:
            continue
        for j in using[word]:
            if merger.find(i) == merger.find(j):
                continue
            shared = sorted(mine & roles[merger.find(j)])
            if shared:
                merger.union(j, i, local.name, f"same name {local.name!r} and shared role {shared[0]!r}")
                roles[merger.find(i)] |= mine
                break


def _entity(items: list[_Item], members: list[int], reasons: list[tuple[int, str, str]]) -> Entity:
    locals_ = [(items[i].article_id, items[i].local) for i in sorted(members)]
    used: dict[str, set[str]] = defaultdict(set)
    for article_id, local in locals_:
        for form in _forms(local):
            used[form].add(article_id)
    name = max(used, key=lambda f: (len(words(f)), len(used[f]), len(f), f))
    kind, extra = _kinds([local for _, local in locals_])
    handles = sorted({h for _, local in locals_ for h in local.handles}, key=str.lower)
    handle_forms = {}
    for h in handles:
        handle_forms.setdefault(h.lower(), h)
    attributes, seen_attr = [], set()
    for article_id, local in locals_:
        for attribute in local.attributes:
            if (article_id, attribute.text.lower()) not in seen_attr:
                seen_attr.add((article_id, attribute.text.lower()))
                attributes.append(attribute)
    return Entity(
        id=f"{kind.value}/{slug(name)}",
        name=name,
        kind=kind,
        extra_kinds=extra,
        aliases={form: sorted(ids) for form, ids in sorted(used.items())},
        handles=sorted(handle_forms.values(), key=str.lower),
        mentions=[m for _, local in locals_ for m in local.mentions],
        attributes=attributes,
        merges=[
            MergeReason(alias=alias, article_id=items[i].article_id, reason=reason) for i, alias, reason in sorted(reasons)
        ],
        local_keys=[(article_id, local.key) for article_id, local in locals_],
    )


def _kinds(locals_: list[LocalEntity]) -> tuple[EntityKind, list[EntityKind]]:
    """The most reported specific kind wins over the generic `organization`; company+brand keeps both."""
    votes: Counter = Counter()
    for local in locals_:
        votes[local.kind] += 1 + local.confidence
        for extra in local.extra_kinds:
            votes[extra] += 0.5
    specific = [k for k in SPECIFIC if votes[k] > 0]
    if votes[K.PERSON] or not specific:
        kind = max(votes, key=lambda k: (votes[k], k.value))
        return kind, []
    kind = max(specific, key=lambda k: (votes[k], -SPECIFIC.index(k)))
    extra = [k for k in (K.COMPANY, K.BRAND) if k != kind and votes[k] > 0 and kind in (K.COMPANY, K.BRAND)]
    return kind, extra


def _make_ids_unique(entities: list[Entity]) -> None:
    by_id: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_id[entity.id].append(entity)
    for ident, same in by_id.items():
        if len(same) < 2:
            continue
        for entity in same:
            entity.id = f"{ident}-{short_hash(*sorted(f'{a}/{k}' for a, k in entity.local_keys), length=6)}"
