"""What the quote extractor knows about one article while it works: text, parse, quotations, posts.

Also the small text helpers every attribution step shares: sentence bounds that
skip quotations, reporting cues in a stretch, text with the quotations blanked.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Token

from ..nlp import Analysed
from ..records import Span
from .candidates import tokens_of
from .cues import channel_of, is_cue, is_platform
from .posts import Post
from .said_dates import SaidDates
from .speakers import SpeakerResolver

SENTENCE_END = {".", "!", "?"}
# Tokens between an attribution's start and its cue (`the carmaker said`): beyond this it is not an attribution.
MAX_LEAD = 10


@dataclass
class QuoteContext:
    analysed: Analysed
    resolver: SpeakerResolver
    dates: SaidDates
    pieces: list[tuple[int, int]]  # every quoted stretch, marks included
    paragraphs: list[tuple[int, int]]
    posts: list[Post] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.analysed.article.text

    @property
    def doc(self):
        return self.analysed.doc

    def quoted(self, pos: int) -> bool:
        starts, ends = self._quoted_runs
        run = bisect_right(starts, pos) - 1
        return run >= 0 and pos < ends[run]

    @cached_property
    def _quoted_runs(self) -> tuple[list[int], list[int]]:
        """The quoted stretches merged into sorted, disjoint runs (starts, ends): `quoted` is asked of
        most tokens, and a binary search beats a pass over every stretch."""
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted((s, e) for s, e in self.pieces if s < e):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        return starts, ends

    def paragraph(self, pos: int) -> tuple[int, int]:
        return next((p for p in self.paragraphs if p[0] <= pos <= p[1]), (pos, pos))

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return tokens_of(self.doc)[span.start : span.end] if span is not None else []  # made once per doc, not per call

    def span(self, start: int, end: int) -> Span:
        return Span.at(self.analysed.article, start, end)


def unquoted(ctx: QuoteContext, start: int, end: int) -> str:
    """Text with quotations and embedded posts blanked out."""
    chars = list(ctx.text[start:end])
    for s, e in ctx.pieces + [(p.start, p.signature[1]) for p in ctx.posts]:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def sentence_start(ctx: QuoteContext, pos: int) -> int:
    """Where the sentence holding the text just before `pos` starts (quotations skipped)."""
    para_start = ctx.paragraph(pos)[0]
    start = para_start
    for token in ctx.tokens(para_start, pos):
        if token.idx >= pos:
            break
        if token.text in SENTENCE_END and not ctx.quoted(token.idx):
            start = token.idx + 1
    for s, e in ctx.pieces:
        if start <= e <= pos and ctx.text[s:e].rstrip("”\"' ").endswith((".", "!", "?")):
            start = max(start, e)
    for post in ctx.posts:
        if start <= post.signature[1] <= pos:
            start = post.signature[1]
    return start


def sentence_end(ctx: QuoteContext, pos: int) -> int:
    para_end = ctx.paragraph(pos)[1]
    end = para_end
    for s, e in ctx.pieces:
        if pos <= s < end:
            end = s
    for token in ctx.tokens(pos, end):
        if token.text in SENTENCE_END and not ctx.quoted(token.idx) and token.idx >= pos:
            return token.idx + 1
    return end


def cues_in(ctx: QuoteContext, start: int, end: int) -> list[Token]:
    return [t for t in ctx.tokens(start, end) if start <= t.idx < end and not ctx.quoted(t.idx) and is_cue(t)]


def words_between(ctx: QuoteContext, start: int, stop: int) -> int:
    """Words (not punctuation, not quoted) in text[start:stop]."""
    return sum(1 for t in ctx.tokens(start, stop) if start <= t.idx < stop and not t.is_punct and not ctx.quoted(t.idx))


def channel_for(ctx: QuoteContext, region: tuple[int, int], quote_start: int, document: str | None) -> str | None:
    words = unquoted(ctx, *region)
    channel = channel_of(words)
    if document and not is_platform(channel):
        channel = document if document != "statement" or channel is None else channel
    if channel is None or channel == "statement":
        earlier = channel_of(unquoted(ctx, ctx.paragraph(quote_start)[0], region[0]))
        if is_platform(earlier):
            channel = earlier
    return channel
