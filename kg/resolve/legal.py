"""One LegalAction per real legal action, however many articles report it.

Reports are the same action when their kinds are of one family (a suit and its settlement), they share a party in
the same role (the same entity id, or names that fold alike: `Acme Inc.` / `Acme`), and nothing contradicts it
(two different defendant lists, two different amounts with no shared defendant). A report naming no known party
(a case cited as background) stands alone. Per-source details (amount, court, date) stay on each report; the
action lists every report. Ids hash the kind family and the sorted party ids, so input order does not matter.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
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
    plaintiff_names: set[str]  # the parties' folded names (`name_keys`)
    defendant_names: set[str]
    amount: tuple[float, str] | None = field(init=False)

    def __post_init__(self):
        money = self.report.amount
        self.amount = (money.value, money.currency) if money else None

    @property
    def family(self) -> str:
        return FAMILY.get(self.report.kind, self.report.kind)

    def parties(self) -> list[tuple[str, str]]:
        """(role, party id or folded name): what a cluster must share with this report to accept it."""
        return [
            *(("plaintiff", p) for p in self.plaintiffs),
            *(("plaintiff name", n) for n in self.plaintiff_names),
            *(("defendant", d) for d in self.defendants),
            *(("defendant name", n) for n in self.defendant_names),
        ]


@dataclass
class _Cluster:
    family: str
    background: bool
    items: list[_Item] = field(default_factory=list)
    plaintiffs: set[str] = field(default_factory=set)
    defendants: set[str] = field(default_factory=set)
    # Unions over the items, kept by `add` so `accepts` does not rebuild them for every report it is asked about.
    kinds: set[str] = field(default_factory=set)
    amounts: set[tuple[float, str]] = field(default_factory=set)
    plaintiff_names: set[str] = field(default_factory=set)
    defendant_names: set[str] = field(default_factory=set)

    def accepts(self, item: _Item) -> bool:
        kind = item.report.kind
        if item.report.background != self.background or not any(same_family(k, kind) for k in self.kinds):
            return False
        shared_plaintiff = _overlap(self.plaintiffs, self.plaintiff_names, item.plaintiffs, item.plaintiff_names)
        shared_defendant = _overlap(self.defendants, self.defendant_names, item.defendants, item.defendant_names)
        if (self.plaintiffs and item.plaintiffs and not shared_plaintiff) or (
            self.defendants and item.defendants and not shared_defendant
        ):
            return False
        if not (shared_plaintiff or shared_defendant):
            return False
        # same plaintiff, no shared defendant: only one action if the amounts do not differ
        return shared_defendant or not (item.amount and self.amounts and item.amount not in self.amounts)

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.plaintiffs |= item.plaintiffs
        self.defendants |= item.defendants
        self.kinds.add(item.report.kind)
        if item.amount:
            self.amounts.add(item.amount)
        self.plaintiff_names |= item.plaintiff_names
        self.defendant_names |= item.defendant_names


def _overlap(our_ids: set[str], our_names: set[str], their_ids: set[str], their_names: set[str]) -> bool:
    """Whether two sets of parties share one: the same id, or names that fold to the same words."""
    return bool(our_ids & their_ids or our_names & their_names)


def merge_legal_actions(corpus: Corpus) -> list[LegalAction]:
    keys = {entity.id: name_keys(entity) for entity in corpus.entities}

    def names(ids: set[str]) -> set[str]:
        return set().union(*(keys.get(i, ()) for i in ids))

    items, unattributed = [], []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for index, report in enumerate(extraction.legal_actions):
            plaintiffs = {p for p in (corpus.global_entity(article_id, x.key) for x in report.plaintiffs) if p}
            defendants = {d for d in (corpus.global_entity(article_id, x.key) for x in report.defendants) if d} - plaintiffs
            item = _Item(article_id, index, report, plaintiffs, defendants, names(plaintiffs), names(defendants))
            # a report naming no known party (a cited case) cannot be told apart from others: it stands alone
            (items if plaintiffs or defendants else unattributed).append(item)
    # richest reports first, so a report naming only the plaintiff joins the action it belongs to
    items.sort(key=lambda i: (-(len(i.plaintiffs) + len(i.defendants)), i.article_id, i.index))
    clusters: list[_Cluster] = []
    # A cluster accepts a report only if they share a plaintiff or a defendant, so only the clusters holding
    # one of the report's parties are asked, in creation order: the first to accept is the one a scan finds.
    holding: dict[tuple[str, str], set[int]] = defaultdict(set)  # (role, party id or folded name) -> clusters
    for item in items:
        parties = item.parties()
        candidates = sorted(set().union(*(holding.get(party, ()) for party in parties)))
        number = next((n for n in candidates if clusters[n].accepts(item)), None)
        if number is None:
            number = len(clusters)
            clusters.append(_Cluster(item.family, item.report.background))
        clusters[number].add(item)
        for party in parties:
            holding[party].add(number)
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
