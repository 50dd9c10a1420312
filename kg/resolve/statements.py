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

`Statement.text` is the fullest wording; `said` is set when every report that
dates the statement gives the same day. Ids hash speaker + normalised text, and
the order reports are considered in does not depend on the input order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..ids import short_hash
from ..records import Corpus, DateValue, Quote, Statement

SENTENCE_RATIO = 85
FRAGMENT_RATIO = 92
CONTAINED = 0.6
SHORT_WORDS = 4
_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s+[—–-]{1,2}\s+")
_PUNCT = re.compile(r"[^\w\s]")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "&": "and", "-": ""})


def normalise(text: str) -> str:
    """Case, quotes, dashes, hyphens, punctuation and spacing do not tell statements apart."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def sentences(text: str) -> list[str]:
    return [s for s in (normalise(part) for part in _SPLIT.split(text)) if s]


@dataclass
class _Report:
    article_id: str
    index: int
    quote: Quote
    speaker: str | None
    text: str = ""
    sentences: list[str] = field(default_factory=list)
    content: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.text = normalise(self.quote.text)
        self.sentences = sentences(self.quote.text) or [self.text]
        self.content = _content_words(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Group:
    reports: list[_Report]
    speaker: str | None = None  # the most frequent named speaker; kept current by `add`
    _named: Counter = field(default_factory=Counter)

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
        if report.speaker:
            self._named[report.speaker] += 1
            self.speaker = min(self._named, key=lambda s: (-self._named[s], s))


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
    groups: list[_Group] = []
    index: dict[str, set[int]] = defaultdict(set)  # content word -> groups whose wording has it
    for report in reports:
        group = _best_group(report, [groups[i] for i in sorted(_sharing(report, index))])
        if group is None:
            groups.append(_Group([report]))
            for word in _content_words(report.text):
                index[word].add(len(groups) - 1)
        else:
            group.add(report)
    statements = [_statement(g) for g in groups]
    return sorted(statements, key=lambda s: (s.reports[0], s.id))


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if len(w) > 3} or set(text.split())


RAREST_WORDS = 12  # enough distinctive words to find a report's statement, few enough to stay fast


def _sharing(report: _Report, index: dict[str, set[int]]) -> set[int]:
    """Groups worth comparing: they share at least half of the report's rarest longer words.

    A report that is mostly a group's wording shares most of its words with it, rare ones
    included; looking only at the rarest keeps common words (`would`, `said`) from making
    every group a candidate, which made resolution quadratic in the corpus size.
    """
    words = sorted(report.content, key=lambda w: (len(index.get(w, ())), w))[:RAREST_WORDS]
    counts: Counter[int] = Counter()
    for word in words:
        counts.update(index.get(word, ()))
    need = max(1, len(words) // 2)
    return {g for g, n in counts.items() if n >= need}


def _best_group(report: _Report, groups: list[_Group]) -> _Group | None:
    best, best_score = None, 0.0
    for group in groups:
        speaker = group.speaker
        if report.speaker and speaker and report.speaker != speaker:
            continue
        if len(report.content & group.anchor.content) * 2 < len(report.content):
            continue  # cheap bound: a report mostly contained in the anchor shares most of its words
        score = containment(report, group.anchor)
        if report.speaker is None or speaker is None:
            # Without a speaker on one side only close wording may join them.
            score = score if score >= 0.8 and report.words >= 6 else 0.0
        if score >= CONTAINED and score > best_score:
            best, best_score = group, score
    return best


def containment(report: _Report, anchor: _Report) -> float:
    """How much of `report`'s wording `anchor` contains, 0..1."""
    if report.words < SHORT_WORDS:
        same_speaker = report.speaker is not None and report.speaker == anchor.speaker
        return 1.0 if same_speaker and re.search(rf"(?<!\w){re.escape(report.text)}(?!\w)", anchor.text) else 0.0
    total = sum(len(s) for s in report.sentences)
    covered = 0
    for sentence in report.sentences:
        if _sentence_found(sentence, anchor):
            covered += len(sentence)
    return covered / total if total else 0.0


def _sentence_found(sentence: str, anchor: _Report) -> bool:
    if process.extractOne(sentence, anchor.sentences, scorer=fuzz.ratio, score_cutoff=SENTENCE_RATIO):
        return True
    return len(sentence.split()) >= SHORT_WORDS and fuzz.partial_ratio(sentence, anchor.text) >= FRAGMENT_RATIO


def _statement(group: _Group) -> Statement:
    fullest = min(group.reports, key=lambda r: (-len(r.text), r.article_id, r.index))
    speaker = group.speaker
    return Statement(
        id=short_hash(speaker or "", fullest.text),
        text=fullest.quote.text,
        speaker=speaker,
        said=_agreed_date(group.reports),
        reports=sorted((r.article_id, r.index) for r in group.reports),
    )


def _agreed_date(reports: list[_Report]) -> DateValue | None:
    dated = [r.quote.said for r in sorted(reports, key=lambda r: (r.article_id, r.index)) if r.quote.said]
    if not dated or len({(d.start, d.end) for d in dated}) != 1:
        return None
    best = max(dated, key=lambda d: d.confidence)
    return best.model_copy()
