"""One LegalAction per real legal action, however many articles report it.

Reports are the same action when their kinds are of one family (a suit and its settlement), they share a party in
the same role (the same entity id, or names that fold alike: `Acme Inc.` / `Acme`), and nothing contradicts it
(two different defendant lists, two different amounts with no shared defendant). A report naming no known party
(a case cited as background) stands alone. Per-source details (amount, court, date) stay on each report; the
action lists every report. Ids hash the kind family and the sorted party ids, so input order does not matter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..extract.legal_words import FAMILY, GENERIC_KINDS, same_family
from ..ids import short_hash
from ..records import Corpus, Entity, LegalAction, LegalActionReport

# How far along an action is, for picking the status of the merged action.
STATUS_ORDER = ["threatened", "investigating", "initiated", "filed", "charged", "fined", "acquitted", "convicted",
                "sentenced", "dismissed", "ruled", "ended", "settled"]


# Words a company name may carry or drop between sources: `Acme Inc.` and `Acme` are one party.
_NAME_NOISE = {"the", "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "gmbh", "sa", "ag",
               "group", "holdings", "lp", "llp"}  # fmt: skip


def name_keys(entity: Entity) -> set[str]:
    """Folded forms of an entity's names, so a party split by entity resolution still matches across sources."""
    keys = set()
    for name in [entity.name, *entity.aliases]:
        words = [w for w in re.sub(r"[^\w\s]", " ", name.lower()).split() if w not in _NAME_NOISE]
        if words and (len(words) > 1 or len(words[0]) > 3):
            keys.add(" ".join(words))
    return keys


@dataclass
class _Item:
    article_id: str
    index: int
    report: LegalActionReport
    plaintiffs: set[str]
    defendants: set[str]

    @property
    def family(self) -> str:
        return FAMILY.get(self.report.kind, self.report.kind)

    @property
    def amount(self) -> tuple[float, str] | None:
        money = self.report.amount
        return (money.value, money.currency) if money else None


@dataclass
class _Cluster:
    family: str
    background: bool
    items: list[_Item] = field(default_factory=list)
    plaintiffs: set[str] = field(default_factory=set)
    defendants: set[str] = field(default_factory=set)

    def amounts(self) -> set[tuple[float, str]]:
        return {i.amount for i in self.items if i.amount}

    def accepts(self, item: _Item, same: "_Sameness") -> bool:
        if item.report.background != self.background or not any(same_family(i.report.kind, item.report.kind) for i in self.items):
            return False
        shared_plaintiff = same.overlap(self.plaintiffs, item.plaintiffs)
        shared_defendant = same.overlap(self.defendants, item.defendants)
        if (self.plaintiffs and item.plaintiffs and not shared_plaintiff) or (
            self.defendants and item.defendants and not shared_defendant
        ):
            return False
        if not (shared_plaintiff or shared_defendant):
            return False
        # same plaintiff, no shared defendant: only one action if the amounts do not differ
        return shared_defendant or not (item.amount and self.amounts() and item.amount not in self.amounts())

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.plaintiffs |= item.plaintiffs
        self.defendants |= item.defendants


class _Sameness:
    """Whether two sets of party ids share a party: the same id, or names that fold to the same words."""

    def __init__(self, corpus: Corpus):
        self.keys = {entity.id: name_keys(entity) for entity in corpus.entities}

    def overlap(self, ours: set[str], theirs: set[str]) -> bool:
        if ours & theirs:
            return True
        our_names = set().union(*(self.keys.get(i, set()) for i in ours)) if ours else set()
        return any(self.keys.get(i, set()) & our_names for i in theirs)


def merge_legal_actions(corpus: Corpus) -> list[LegalAction]:
    same = _Sameness(corpus)
    items, unattributed = [], []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for index, report in enumerate(extraction.legal_actions):
            plaintiffs = {p for p in (corpus.global_entity(article_id, x.key) for x in report.plaintiffs) if p}
            defendants = {d for d in (corpus.global_entity(article_id, x.key) for x in report.defendants) if d} - plaintiffs
            item = _Item(article_id, index, report, plaintiffs, defendants)
            # a report naming no known party (a cited case) cannot be told apart from others: it stands alone
            (items if plaintiffs or defendants else unattributed).append(item)
    # richest reports first, so a report naming only the plaintiff joins the action it belongs to
    items.sort(key=lambda i: (-(len(i.plaintiffs) + len(i.defendants)), i.article_id, i.index))
    clusters: list[_Cluster] = []
    for item in items:
        home = next((c for c in clusters if c.accepts(item, same)), None)
        if home is None:
            home = _Cluster(item.family, item.report.background)
            clusters.append(home)
        home.add(item)
    actions = [_action(c) for c in clusters]
    for item in unattributed:
        alone = _Cluster(item.family, item.report.background)
        alone.add(item)
        action = _action(alone)
        action.id = short_hash(item.report.kind, "unattributed", item.article_id, str(item.report.span.start))
        actions.append(action)
    _disambiguate(actions)
    return sorted(actions, key=lambda a: a.id)


def _action(cluster: _Cluster) -> LegalAction:
    kinds = Counter(i.report.kind for i in cluster.items)
    # the most reported specific kind: `charge` over `case`
    kind = sorted(kinds, key=lambda k: (k in GENERIC_KINDS, -kinds[k], k != cluster.family, k))[0]
    statuses = [i.report.status for i in cluster.items if i.report.status in STATUS_ORDER]
    plaintiffs = sorted(cluster.plaintiffs)
    defendants = sorted(cluster.defendants - cluster.plaintiffs)
    return LegalAction(
        id=short_hash(FAMILY.get(kind, kind), *plaintiffs, "|", *defendants),
        kind=kind,
        plaintiffs=plaintiffs,
        defendants=defendants,
        reports=sorted((i.article_id, i.index) for i in cluster.items),
        background=cluster.background,
        status=max(statuses, key=STATUS_ORDER.index) if statuses else None,
    )


def _disambiguate(actions: list[LegalAction]) -> None:
    """Two actions between the same parties (two suits, different amounts) get ids told apart by their reports."""
    counts = Counter(a.id for a in actions)
    for action in actions:
        if counts[action.id] > 1:
            first_report = "/".join(map(str, action.reports[0]))
            action.id = short_hash(action.id, first_report)
