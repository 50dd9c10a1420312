"""Statements of one article: direct and partial quotes, headline quotes, embedded posts, reported speech.

Order of work: quotation marks (quote_marks), embedded posts (posts), split
quotes joined (`"A," she said. "B."` is one quote), then each quotation's cue
and speaker (attribution), date (said_dates) and channel. A quote with no cue
of its own takes the speaker of the quote before it when it is a bare quote
paragraph or runs on from it, and a continuation (`They continue, "`) takes it
when compatible; otherwise the speaker stays None. Scare quotes and quoted
titles are dropped. Reported speech without marks comes from `reported`.
"""

from __future__ import annotations

from ..nlp import Analysed
from ..records import LocalEntity, Quote
from .attribution import attribute, ends_open, introduced_by_paragraph
from .cues import DOCUMENTS, is_cue
from .posts import Post, find_posts
from .quote_context import MAX_LEAD, SENTENCE_END, QuoteContext, channel_for, cues_in, sentence_end, unquoted, words_between
from .quote_marks import Quotation, find_quotations, paragraphs
from .reported import reported_speech
from .said_dates import SaidDates
from .speakers import PERSON_PRONOUNS, SpeakerResolver


def extract_quotes(analysed: Analysed, entities: list[LocalEntity]) -> list[Quote]:
    article, text = analysed.article, analysed.article.text
    headline = _headline(article.title, text)
    quotations = find_quotations(text, headline)
    pieces = [(p.mark_start, p.mark_end) for q in quotations for p in q.pieces]
    posts = find_posts(text, pieces)
    quotations = [q for q in quotations if not any(p.start <= q.start and q.end <= p.end for p in posts)]
    ctx = QuoteContext(
        analysed=analysed,
        resolver=SpeakerResolver(analysed.doc, entities, pieces, article.author),
        dates=SaidDates(article, analysed.doc, pieces),
        pieces=pieces,
        paragraphs=paragraphs(text),
        posts=posts,
    )
    for post in posts:
        ctx.dates.exclude(post.start, post.signature[1])
    quotations = _merge_split(ctx, quotations)
    items: list[tuple[int, object]] = [(q.start, q) for q in quotations] + [(p.start, p) for p in posts]
    quotes: list[Quote] = []
    previous: Quote | None = None  # the last quote with marks: bare quotes and continuations take its speaker
    previous_end = -1
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Post):
            quotes.append(_post_quote(ctx, item))
            continue
        quote = _quotation_quote(ctx, item, headline, previous, previous_end)
        if quote is None:
            continue
        quotes.append(quote)
        if quote.kind != "headline":
            previous, previous_end = quote, item.mark_end
    quotes.extend(reported_speech(ctx, quotes))
    return sorted(quotes, key=lambda q: q.span.start)


def _headline(title: str | None, text: str) -> tuple[int, int] | None:
    first = text.split("\n", 1)[0]
    if title and text.startswith(title):
        return (0, len(title))
    if first.strip() and len(first) <= 200 and first.rstrip()[-1:] not in ".!?\"”" and text[len(first) : len(first) + 2] == "\n\n":
        return (0, len(first))
    return None


def _merge_split(ctx: QuoteContext, quotations: list[Quotation]) -> list[Quotation]:
    """`"First part," she said. "Second part."` -> one quotation of two pieces."""
    merged: list[Quotation] = []
    for q in quotations:
        if merged and _continues_split(ctx, merged[-1], q):
            merged[-1] = Quotation(merged[-1].pieces + q.pieces)
        else:
            merged.append(q)
    return merged


def _continues_split(ctx: QuoteContext, first: Quotation, second: Quotation) -> bool:
    text = ctx.text
    last = first.pieces[-1]
    if not last.closed or ctx.paragraph(last.mark_end) != ctx.paragraph(second.mark_start):
        return False
    if not ends_open(text, last):
        return False
    between = text[last.mark_end : second.mark_start].rstrip()
    # One attribution clause and nothing else: `," she said. "` or `," she said, "`.
    if between.endswith((".", ":")):
        if not text[second.start : second.start + 1].isupper():
            return False
    elif not between.endswith(","):
        return False
    if any(t.text in SENTENCE_END for t in ctx.tokens(last.mark_end, second.mark_start)[:-1] if t.idx < last.mark_end + len(between) - 1):
        return False
    tokens = [t for t in ctx.tokens(last.mark_end, second.mark_start) if not t.is_punct]
    if not (0 < len(tokens) <= MAX_LEAD + 4 and any(is_cue(t) for t in tokens[:MAX_LEAD])):
        return False
    # `"A," he said. "B," she said.`: the second quotation has its own attribution.
    end = second.pieces[-1]
    if ends_open(text, end):
        after = (end.mark_end, sentence_end(ctx, end.mark_end))
        if any(words_between(ctx, after[0], t.idx) <= 4 for t in cues_in(ctx, *after)):
            return False
    return True


def _is_partial(text: str, q: Quotation) -> bool:
    inner = text[q.start : q.end]
    first_alpha = next((c for c in inner if c.isalpha()), "")
    if first_alpha.islower():
        return True
    before = text[: q.mark_start].rstrip()[-1:]
    return before.isalnum() and not inner.rstrip().endswith((".", "!", "?"))


def _quotation_quote(ctx: QuoteContext, q: Quotation, headline, previous: Quote | None, previous_end: int) -> Quote | None:
    text = ctx.text
    words = len(text[q.start : q.end].split())
    in_headline = headline is not None and q.mark_start < headline[1]
    partial = _is_partial(text, q)
    attribution = attribute(ctx, q, partial)
    if in_headline and attribution.cue is None:
        return _headline_quote(ctx, q, headline, words)
    if in_headline and words < 2:
        return None  # a scare-quoted word in a headline
    unattributed = attribution.cue is None and attribution.resolution is None
    if attribution.cue is None and (partial or _looks_like_title(text[q.start : q.end])) or unattributed and words < 4:
        return None  # scare quotes, a show's or product's name
    if partial and words <= 3 and (not (attribution.resolution and attribution.resolution.key) or _looks_like_title(text[q.start : q.end])):
        return None  # `critics called the "reform" a failure`, `she loved "Barbie"`: not someone's words
    quote = Quote(
        span=ctx.span(q.start, q.end),
        pieces=[ctx.span(p.start, _piece_end(text, p, p is not q.pieces[-1])) for p in q.pieces] if len(q.pieces) > 1 else [],
        kind="headline" if in_headline else "partial" if partial else "direct",
    )
    para_start, para_end = ctx.paragraph(q.mark_start)
    if attribution.cue is not None:
        cue = attribution.cue
        cue_end = cue.nbor(1) if attribution.cue_lemma == "according" else cue
        quote.cue = text[cue.idx : cue_end.idx + len(cue_end.text)]
        quote.cue_lemma = attribution.cue_lemma
    if attribution.mention:
        quote.speaker_mention = ctx.span(*attribution.mention)
    bare = attribution.cue is None and not unquoted(ctx, para_start, q.mark_start).strip(" \t—–-")
    run_on = attribution.cue is None and previous is not None and not unquoted(ctx, previous_end, q.mark_start).strip()
    if bare and not run_on and attribution.resolution is None:
        introduced = introduced_by_paragraph(ctx, q.mark_start)
        if introduced is not None and (previous is None or introduced.resolution.key != previous.speaker_key):
            attribution, bare = introduced, False
    inherit = bool(previous is not None and previous.speaker_key) and (
        (attribution.cue is None and (bare or run_on) and _near(ctx, previous, q.mark_start))
        or (attribution.continuing and _continues(attribution, previous) and _compatible(ctx, previous.speaker_key, attribution.subject_pronoun)
            and not _someone_else_named_first(ctx, attribution, previous, q.mark_start))
    )
    resolution = attribution.resolution
    if inherit:
        quote.speaker_key = previous.speaker_key
        quote.confidence = 0.85 if attribution.continuing else 0.6
    elif resolution is not None:
        quote.speaker_key = resolution.key
        quote.confidence = round(0.4 + 0.55 * resolution.confidence, 2) if resolution.key else 0.45
    else:
        quote.confidence = 0.3
    region = attribution.region or (para_start, q.mark_start)
    quote.channel = channel_for(ctx, region, q.mark_start, attribution.document)
    quote.said = _said(ctx, region, para_start, para_end)
    follows_previous = previous is not None and previous.speaker_key is not None and previous.speaker_key == quote.speaker_key
    if follows_previous and (inherit or attribution.continuing):
        quote.channel = quote.channel or previous.channel
    if follows_previous and (inherit or attribution.continuing or _near(ctx, previous, q.mark_start, 2)):
        quote.said = quote.said or previous.said
    return quote


def _piece_end(text: str, piece, joined: bool) -> int:
    """A piece another piece follows keeps the comma left inside its marks (`downtown,"`), so the joined
    text reads `downtown, We listened`; the marks themselves stay out."""
    if joined and piece.closed and text[piece.end : piece.end + 1] == "," and piece.end + 1 <= piece.mark_end - 1:
        return piece.end + 1
    return piece.end


def _said(ctx: QuoteContext, region: tuple[int, int], para_start: int, para_end: int):
    """The attribution sentence, then earlier in the paragraph, then its update stamp, then a lead-in paragraph."""
    dates = ctx.dates
    stamp_day = dates.stamp_day(para_start, para_end)
    found = dates.in_range(*region, anchor=stamp_day) or dates.in_range(para_start, region[0], 0.8, anchor=stamp_day)
    found = found or dates.stamp(para_start, para_end)
    if found is None:
        earlier = [p for p in ctx.paragraphs if p[1] < para_start]
        if earlier and _announces(ctx, *earlier[-1]):
            found = dates.in_range(*earlier[-1], confidence=0.6, anchor=dates.stamp_day(*earlier[-1]))
    return found


def _announces(ctx: QuoteContext, start: int, end: int) -> bool:
    """A paragraph that tells of a statement being made (`issued a statement Friday`) without quoting it."""
    if any(start <= s < end for s, _ in ctx.pieces):
        return False
    tokens = [t for t in ctx.tokens(start, end) if start <= t.idx < end]
    return any(t.lemma_.lower() in DOCUMENTS for t in tokens) and any(t.pos_ == "VERB" for t in tokens)


def _near(ctx: QuoteContext, previous: Quote, position: int, paragraphs: int = 3) -> bool:
    """A bare quote continues the last speaker only within a few paragraphs of them."""
    between = [p for p in ctx.paragraphs if previous.span.end <= p[1] and p[0] < position]
    return len(between) <= paragraphs


def _continues(attribution, previous: Quote) -> bool:
    """`She adds`, `The statement continued`, `They continue`: not `A source close to her added`."""
    resolution = attribution.resolution
    if attribution.subject_pronoun or resolution is None or resolution.how == "document":
        return True
    return resolution.key == previous.speaker_key


def _someone_else_named_first(ctx: QuoteContext, attribution, previous: Quote, mark: int) -> bool:
    """`Sollitt insisted the port could not pay. "...," he added.`: the pronoun of a continuing cue means
    the person named before the quote since the last quote (in its own paragraph, or in paragraphs between:
    `Okonjo said she would hire six. // "I was an apprentice once," she added.`), not the last quote's speaker."""
    key = attribution.resolution.key if attribution.subject_pronoun and attribution.resolution else None
    if key is None or key == previous.speaker_key:
        return False
    # (after the sentence that attributes the last quote: `"...," Blaine said.` names its own speaker)
    since = min(ctx.paragraph(mark)[0], sentence_end(ctx, previous.span.end))
    resolver = ctx.resolver
    named_here = {resolver.canonical(k) for s, e, k in resolver.mentions if since <= s and e <= mark}
    return key in named_here and previous.speaker_key not in named_here


def _compatible(ctx: QuoteContext, key: str | None, pronoun: str | None) -> bool:
    if pronoun is None:
        return True
    if pronoun in PERSON_PRONOUNS:
        return ctx.resolver.is_person(key)
    if pronoun in ("it", "its"):
        return ctx.resolver.is_org(key)
    return True


def _looks_like_title(inner: str) -> bool:
    words = [w for w in inner.split() if w[:1].isalpha()]
    return len(words) <= 8 and not inner.rstrip().endswith((".", "!", "?")) and all(w[0].isupper() or len(w) <= 3 for w in words)


def _headline_quote(ctx: QuoteContext, q: Quotation, headline, words: int) -> Quote | None:
    text = ctx.text
    if words < 2 or not text[headline[0] : q.mark_start].rstrip().endswith((":", "—", "-", "–", ",")):
        return None
    quote = Quote(span=ctx.span(q.start, q.end), kind="headline", confidence=0.5)
    resolver = ctx.resolver
    found = [(s, e, k) for s, e, k in resolver.mentions if headline[0] <= s and e <= q.mark_start]
    found.sort(key=lambda m: (not resolver.is_person(m[2]), m[0]))
    if found:
        s, e, key = found[0]
        quote.speaker_mention, quote.speaker_key, quote.confidence = ctx.span(s, e), resolver.canonical(key), 0.6
    return quote


def _post_quote(ctx: QuoteContext, post: Post) -> Quote:
    resolver = ctx.resolver
    name = ctx.text[post.name[0] : post.name[1]]
    handle = ctx.text[post.handle[0] : post.handle[1]]
    key = resolver.canonical(
        resolver.entity_named(handle)
        or resolver.entity_at(*post.handle)
        or resolver.entity_at(*post.name)
        or resolver.entity_named(name)
    )
    said = ctx.dates.resolve(ctx.text[post.date[0] : post.date[1]], 0.95) if post.date else None
    return Quote(
        span=ctx.span(post.start, post.end),
        kind="post",
        cue=None,
        speaker_mention=ctx.span(post.name[0], post.handle[1] + 1 if ctx.text[post.handle[1] : post.handle[1] + 1] == ")" else post.handle[1]),
        speaker_key=key,
        channel=post.platform,
        said=said,
        confidence=0.9 if key else 0.6,
    )
