"""One Statement per thing someone said; one report per article rendering of it.

Granularity rule: a statement is the longest contiguous wording any source gives.
Reports are taken longest first; each either joins the statement whose wording
already contains most of it (>= 60% of its characters, sentence by sentence,
fuzzily) or starts a new statement. So an outlet that quotes a five-sentence
statement whole and one that quotes it as three separate quotes yield one
statement with four reports; two statements that merely share a sentence stay
apart, because each keeps most of its words to itself.

Sentences match with rapidfuzz (`ratio` >= 85, so a changed or dropped word
still matches; `partial_ratio` >= 92 for a fragment of at least four words,
so partial quotes attach to the full statement). Quotes of one to three words
attach only by exact (normalised) containment and the same speaker. Two reports
with different resolved speakers never merge; an unattributed report may join
an attributed statement when its wording matches closely.

Speed: the same wording from the same speaker is decided once (outlets repeat
quotes verbatim); candidates come from an index of the rarest words of each
statement's wording, kept per speaker; a fully contained report stops the search.

`Statement.text` is the fullest wording; `said` is set when every report that
dates the statement gives the same day. Ids hash speaker + normalised text, and
the order reports are considered in does not depend on the input order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz, process

from ..ids import short_hash
from ..memo import kept
from ..records import Corpus, DateValue, Quote, Statement

SENTENCE_RATIO = 85
FRAGMENT_RATIO = 92
CONTAINED = 0.6
SHORT_WORDS = 4
UNATTRIBUTED_WORDS = 6  # an unattributed report joins a statement only from this length
_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s+[—–-]{1,2}\s+")
_PUNCT = re.compile(r"[^\w\s]")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "&": "and", "-": ""})


@lru_cache(maxsize=1 << 16)  # outlets repeat wordings
def normalise(text: str) -> str:
    """Case, quotes, dashes, hyphens, punctuation and spacing do not tell statements apart."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def sentences(text: str) -> list[str]:
    return list(_sentences(text))


@lru_cache(maxsize=1 << 16)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in (normalise(part) for part in _SPLIT.split(text)) if s)


@dataclass
class _Report:
    article_id: str
    index: int
    quote: Quote
    speaker: str | None
    wording: str = ""  # `quote.text`, joined from its pieces once
    text: str = ""
    content: frozenset[str] = frozenset()
    words: int = 0

    def __post_init__(self):
        self.wording = self.quote.text
        self.text = normalise(self.wording)
        self.words, self.content = _word_shape(self.text)


@dataclass
class _Group:
    reports: list[_Report]
    speaker: str | None = None  # the most frequent named speaker; kept current by `add`
    _named: dict[str, int] = field(default_factory=dict)  # named speaker -> reports

    def __post_init__(self):
        for report in self.reports:
            self._count(report)

    @property
    def anchor(self) -> _Report:
        return self.reports[0]

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        self._count(report)

    def _count(self, report: _Report) -> None:
        speaker = report.speaker
        if speaker:
            count = self._named[speaker] = self._named.get(speaker, 0) + 1
            # Only this speaker's count grew, so the most frequent (ties: the first by name) is it or the current one.
            current = self.speaker
            if current is None or (-count, speaker) < (-self._named[current], current):
                self.speaker = speaker


def merge_statements(corpus: Corpus) -> list[Statement]:
    reports = []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for index, quote in enumerate(extraction.quotes):
            speaker = corpus.global_entity(article_id, quote.speaker_key)
            report = _Report(article_id, index, quote, speaker)
            if report.text:
                reports.append(report)
    # Longest wording first, so statements form at the level of the fullest rendering.
    reports.sort(key=lambda r: (-len(r.text), r.article_id, r.index))
    # The same wording from the same speaker is one statement: outlets repeat quotes
    # verbatim, so deciding once per wording keeps resolution linear in distinct wordings.
    same_wording: dict[tuple, list[_Report]] = {}
    for report in reports:
        alone = report.speaker is None and report.words < UNATTRIBUTED_WORDS  # too short to join anything
        key = (report.text, report.speaker) + ((report.article_id, report.index) if alone else ())
        same_wording.setdefault(key, []).append(report)
    groups: list[_Group] = []
    index = _WordIndex()
    scores: dict[tuple[str, int], float] = {}  # (wording, group) -> containment, for other speakers' copies
    for first, *copies in same_wording.values():
        number = None
        if first.speaker is not None or first.words >= UNATTRIBUTED_WORDS:
            number = _best_group(first, sorted(index.sharing(first)), groups, scores)
        if number is None:
            number = len(groups)
            groups.append(_Group([first]))
            index.add(number, groups[number])
        else:
            groups[number].add(first)
        for copy in copies:
            groups[number].add(copy)
        index.follow(number, groups[number])
    statements = [_statement(g) for g in groups]
    return sorted(statements, key=lambda s: (s.reports[0], s.id))


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if len(w) > 3} or set(text.split())


@lru_cache(maxsize=1 << 16)  # outlets repeat wordings: reports of one wording share the (unchanging) set
def _word_shape(text: str) -> tuple[int, frozenset[str]]:
    """The number of words of a normalised wording and its content words."""
    return len(text.split()), frozenset(_content_words(text))


RAREST_WORDS = 12  # enough distinctive words to find a report's statement, few enough to stay fast


class _WordIndex:
    """Content word -> groups whose anchor wording has it, overall and per group speaker
    (a named report can only join a group of its own speaker or of none)."""

    def __init__(self):
        self.everyone: dict[str, set[int]] = defaultdict(set)
        self.by_speaker: dict[str | None, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.speaker_of: dict[int, str | None] = {}

    def add(self, number: int, group: _Group) -> None:
        speakers = self.by_speaker[group.speaker]
        for word in group.anchor.content:
            self.everyone[word].add(number)
            speakers[word].add(number)
        self.speaker_of[number] = group.speaker

    def follow(self, number: int, group: _Group) -> None:
        """A group without a speaker gets one when a named report joins it."""
        old = self.speaker_of[number]
        if old != group.speaker:
            before, after = self.by_speaker[old], self.by_speaker[group.speaker]
            for word in group.anchor.content:
                before[word].discard(number)
                after[word].add(number)
            self.speaker_of[number] = group.speaker

    def sharing(self, report: _Report) -> set[int]:
        """Groups worth comparing: they share at least half of the report's rarest longer words.

        A report that is mostly a group's wording shares most of its words with it, rare ones
        included; looking only at the rarest keeps common words (`would`, `said`) from making
        every group a candidate, which made resolution quadratic in the corpus size.
        """
        empty = ()
        # (how many groups have the word, the word): rarest first, ties by the word
        if report.speaker is None:
            everyone = self.everyone
            sizes = [(len(everyone.get(w, empty)), w) for w in report.content]
            ranked = sorted(sizes)[:RAREST_WORDS]
            having = [everyone.get(w, empty) for _, w in ranked]
        else:
            own, unnamed = self.by_speaker[report.speaker], self.by_speaker[None]
            sizes = [(len(own.get(w, empty)) + len(unnamed.get(w, empty)), w) for w in report.content]
            ranked = sorted(sizes)[:RAREST_WORDS]
            having = [posting.get(w, empty) for _, w in ranked for posting in (own, unnamed)]
        # one count over all postings at once (Counter.update per posting cost more than the counting)
        counts = Counter(chain.from_iterable(having))
        need = max(1, len(ranked) // 2)
        return {g for g, n in counts.items() if n >= need}


def _best_group(
    report: _Report, candidates: list[int], groups: list[_Group], scores: dict[tuple[str, int], float]
) -> int | None:
    """The number of the group `report` belongs to, if any, among the `candidates` (group numbers, in order)."""
    best, best_score = None, 0.0
    own_speaker, short, text = report.speaker, report.words < SHORT_WORDS, report.text
    for number in candidates:
        group = groups[number]
        speaker = group.speaker
        if own_speaker and speaker and own_speaker != speaker:
            continue
        if short:  # depends on the speakers: not kept
            score = _bounded_containment(report, group.anchor)
        else:
            key = (text, number)
            score = scores.get(key)
            if score is None:
                score = scores[key] = _bounded_containment(report, group.anchor)
        if own_speaker is None or speaker is None:
            # Without a speaker on one side only close wording may join them.
            score = score if score >= 0.8 and report.words >= UNATTRIBUTED_WORDS else 0.0
        if score >= CONTAINED and score > best_score:
            best, best_score = number, score
            if score >= 1.0:
                break  # fully contained: no later group can do better
    return best


def _bounded_containment(report: _Report, anchor: _Report) -> float:
    if len(report.content & anchor.content) * 2 < len(report.content):
        return 0.0  # cheap bound: a report mostly contained in the anchor shares most of its words
    return containment(report, anchor)


def containment(report: _Report, anchor: _Report) -> float:
    """How much of `report`'s wording `anchor` contains, 0..1."""
    if report.words < SHORT_WORDS:
        same_speaker = report.speaker is not None and report.speaker == anchor.speaker
        return 1.0 if same_speaker and re.search(rf"(?<!\w){re.escape(report.text)}(?!\w)", anchor.text) else 0.0
    return contained_share(report.wording, anchor.wording)


@kept("contained-share", "resolve/statements.py")  # most of a rebuild's comparisons were made by the last build
def contained_share(wording: str, anchor_wording: str) -> float:
    """The share of `wording`'s characters, sentence by sentence, that `anchor_wording` holds (fuzzily)."""
    own = sentences(wording) or [normalise(wording)]
    anchor_text = normalise(anchor_wording)
    anchor_sentences = sentences(anchor_wording) or [anchor_text]
    total = sum(len(s) for s in own)
    covered = sum(len(s) for s in own if _sentence_found(s, anchor_sentences, anchor_text))
    return covered / total if total else 0.0


def _sentence_found(sentence: str, anchor_sentences: list[str], anchor_text: str) -> bool:
    if process.extractOne(sentence, anchor_sentences, scorer=fuzz.ratio, score_cutoff=SENTENCE_RATIO):
        return True
    return len(sentence.split()) >= SHORT_WORDS and fuzz.partial_ratio(sentence, anchor_text) >= FRAGMENT_RATIO


def _statement(group: _Group) -> Statement:
    fullest = min(group.reports, key=lambda r: (-len(r.text), r.article_id, r.index))
    speaker = group.speaker
    in_article_order = sorted(group.reports, key=lambda r: (r.article_id, r.index))
    return Statement(
        id=short_hash(speaker or "", fullest.text),
        text=fullest.wording,
        speaker=speaker,
        said=_agreed_date(in_article_order),
        reports=[(r.article_id, r.index) for r in in_article_order],
    )


def _agreed_date(reports: list[_Report]) -> DateValue | None:
    """`reports` in (article, index) order: the first of the most confident dates wins."""
    dated = [r.quote.said for r in reports if r.quote.said]
    if not dated or len({(d.start, d.end) for d in dated}) != 1:
        return None
    best = max(dated, key=lambda d: d.confidence)
    return best.model_copy()
