"""Who a quotation is attributed to: the reporting cue and the words naming the speaker.

The cue is sought between split pieces, right after the quotation (`," Lee wrote.`),
before it in its sentence (`She adds, "`, `X wrote in a statement: "`), up the parse
from inside a partial quote, or in the paragraph before one that ends with a colon.
Without a cue: a sentence that introduces the quote (`Lee posted an update. "..."`),
a clause ending in a colon, or the subject of the sentence before a closing quote.
Documents speak for their owner (`her statement continued`, `a statement issued by
the company`), and `the statement read` for whoever the preceding paragraphs said made
it (`X said in a statement`, `X issued a statement`); a filing speaks for whoever filed it.
A name the parser hung on a fronted phrase (`In a post on X, Acme CEO Jo Roe wrote:`)
is still the subject of the cue after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .cues import (
    CONTINUING,
    DOCUMENTS,
    FILING_NOUNS,
    fallback_subject,
    is_cue,
    named_apposition,
    noun_phrase,
    reporting_lemma,
    subject_of,
)
from .quote_context import MAX_LEAD, QuoteContext, cues_in, sentence_end, sentence_start, unquoted, words_between
from .quote_marks import Quotation
from .speakers import ORG_PRONOUNS, PERSON_PRONOUNS, Resolution


@dataclass
class Attribution:
    cue: Token | None = None
    cue_lemma: str | None = None
    mention: tuple[int, int] | None = None
    resolution: Resolution | None = None
    document: str | None = None  # channel implied by a document noun (`the filing states`)
    continuing: bool = False
    region: tuple[int, int] | None = None  # the attribution sentence outside the marks
    subject_pronoun: str | None = None


def ends_open(text: str, piece) -> bool:
    """`ended,"` / `really?"`: the sentence goes on after the closing mark, with the attribution."""
    return text[piece.end - 1 : piece.end] in ("?", "!") or "," in text[piece.end : piece.mark_end]


def attribute(ctx: QuoteContext, q: Quotation, partial: bool) -> Attribution:
    """Find the cue and speaker of a quotation; each candidate cue is read within its own stretch of text."""
    last = q.pieces[-1]
    pre = (sentence_start(ctx, q.mark_start), q.mark_start)
    post = (last.mark_end, sentence_end(ctx, last.mark_end))
    candidates: list[tuple[Token, tuple[int, int]]] = []
    for a, b in zip(q.pieces, q.pieces[1:]):
        if ctx.paragraph(a.mark_end) == ctx.paragraph(b.mark_start):
            candidates += [(t, (a.mark_end, b.mark_start)) for t in cues_in(ctx, a.mark_end, b.mark_start)[:1]]
    before = cues_in(ctx, *pre)[-1:]
    if partial:
        near = [t for t in before if words_between(ctx, t.idx + len(t.text), q.mark_start) <= 3]
        ancestor = _cue_ancestor(ctx, q, pre[0], post[1])
        candidates += [(t, pre) for t in near] + ([(ancestor, (pre[0], post[1]))] if ancestor is not None else [])
    attribution_follows = ends_open(ctx.text, last)
    # `... it added: "` or, after a finished quote, words running into the next quote introduce that one.
    runs_into_quote = any(s == post[1] for s, _ in ctx.pieces)
    introduces_next = ctx.text[post[0] : post[1]].rstrip().endswith(":") or (runs_into_quote and not attribution_follows)
    after = [] if introduces_next else [t for t in cues_in(ctx, *post) if words_between(ctx, post[0], t.idx) <= (MAX_LEAD if attribution_follows else 4)][:1]
    if attribution_follows:
        candidates += [(t, post) for t in after] + [(t, pre) for t in before]
    else:
        candidates += [(t, pre) for t in before] + [(t, post) for t in after]
    lead_in = _lead_in_paragraph(ctx, q.mark_start)
    if lead_in is not None:
        candidates += [(t, lead_in) for t in cues_in(ctx, *lead_in)[-1:]]
    for cue, region in candidates:
        attribution = _attribution_for(ctx, cue, region)
        if attribution is not None:
            return attribution
    introduced = _introducing_sentence(ctx, pre[0], q.mark_start) or _colon_subject(ctx, pre)
    if introduced is not None:
        return introduced
    actor = _acting_subject(ctx, pre[0], q)
    if actor is not None:
        return actor
    return Attribution(region=(pre[0], post[1]))


def _colon_subject(ctx: QuoteContext, pre: tuple[int, int]) -> Attribution | None:
    """`Smith was blunt: "We lost."`: a clause ending in a colon introduces its subject's words."""
    if not unquoted(ctx, *pre).rstrip().endswith(":"):
        return None
    tokens = [t for t in ctx.tokens(*pre) if pre[0] <= t.idx < pre[1]]
    named = tokens and (tokens[0].pos_ == "PROPN" or tokens[0].text[:1].isupper() and ctx.resolver.entity_named(tokens[0].text))
    if named and not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        # `Reid on his quarterback: "..."`: a name and a topic, no verb (spaCy may tag a lone surname a noun).
        phrase = noun_phrase(tokens[0].head if tokens[0].head.pos_ == "PROPN" and tokens[0].head.idx < pre[1] else tokens[0])
        resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
        if resolution.key is not None:
            return Attribution(
                mention=(phrase.start_char, phrase.end_char),
                resolution=Resolution(resolution.key, resolution.how, resolution.confidence * 0.7),
                region=pre,
            )
    for token in ctx.tokens(*pre):
        if pre[0] <= token.idx < pre[1] and token.pos_ in ("VERB", "AUX") and not ctx.quoted(token.idx):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= pre[0]), None)
            if subject is None:
                continue
            phrase = noun_phrase(named_apposition(subject))
            resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
            if resolution.key is None:
                return None
            return Attribution(
                mention=(phrase.start_char, phrase.end_char),
                resolution=Resolution(resolution.key, resolution.how, resolution.confidence * 0.8),
                region=pre,
            )
    return None


def _lead_in_paragraph(ctx: QuoteContext, mark: int) -> tuple[int, int] | None:
    """`... he wrote:` closing the paragraph before a paragraph that opens with the quote."""
    para_start = ctx.paragraph(mark)[0]
    if ctx.text[para_start:mark].strip():
        return None
    earlier = [p for p in ctx.paragraphs if p[1] < para_start]
    if not earlier or not ctx.text[earlier[-1][0] : earlier[-1][1]].rstrip().endswith(":"):
        return None
    end = earlier[-1][1]
    return (sentence_start(ctx, end - 1), end)


def _acting_subject(ctx: QuoteContext, begin: int, q: Quotation) -> Attribution | None:
    """`Thornton laughed. "That is not true."`: a quote that closes a paragraph after a sentence about someone."""
    if ctx.text[begin : q.mark_start].strip():
        return None
    para_start, para_end = ctx.paragraph(q.mark_start)
    if begin <= para_start or ctx.text[q.mark_end : para_end].strip():
        return None
    prev_start = sentence_start(ctx, begin - 1)
    roots = [t for t in ctx.tokens(prev_start, begin) if t.dep_ == "ROOT" and prev_start <= t.idx and not ctx.quoted(t.idx)]
    for root in roots:
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or ctx.quoted(subject.idx):
            continue
        phrase = noun_phrase(subject)
        resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
        if resolution.key and ctx.resolver.is_person(resolution.key):
            return Attribution(
                mention=(phrase.start_char, phrase.end_char),
                resolution=Resolution(resolution.key, resolution.how, resolution.confidence * 0.6),
                region=(prev_start, q.mark_start),
            )
    return None


def _introducing_sentence(ctx: QuoteContext, begin: int, mark: int) -> Attribution | None:
    """`Lee posted an update. "..."`: the sentence right before a quote that opens its own sentence."""
    if ctx.text[begin:mark].strip():
        return None
    para_start = ctx.paragraph(mark)[0]
    if begin <= para_start:
        return None
    prev_start = sentence_start(ctx, begin - 1)
    for token in reversed(cues_in(ctx, prev_start, begin) + _intro_verbs(ctx, prev_start, begin)):
        if token.dep_ in ("ROOT", "conj") and reporting_lemma(token) != "according":
            attribution = _attribution_for(ctx, token, (prev_start, begin))
            if attribution is not None and attribution.resolution is not None and attribution.resolution.key:
                attribution.resolution = Resolution(attribution.resolution.key, attribution.resolution.how, attribution.resolution.confidence * 0.8)
                return attribution
    return None


def _intro_verbs(ctx: QuoteContext, start: int, end: int) -> list[Token]:
    """`issued a statement`, `released an update`: verbs that introduce the quote after them."""
    return [
        t for t in ctx.tokens(start, end)
        if start <= t.idx < end and t.pos_ == "VERB" and t.lemma_ in ("issue", "release", "publish", "put", "send")
        and not ctx.quoted(t.idx)
    ]


def _cue_ancestor(ctx: QuoteContext, q: Quotation, lo: int, hi: int) -> Token | None:
    """Up the parse from inside a partial quote, within its sentence: `said she was "stunned"`."""
    inside = [t for t in ctx.tokens(q.start, q.end) if q.start <= t.idx < q.end]
    if not inside:
        return None
    node = inside[0]
    for _ in range(12):
        if node.head.i == node.i:
            return None
        node = node.head
        if not lo <= node.idx < hi:
            return None
        if not ctx.quoted(node.idx) and is_cue(node):
            return node
        # `Lee showed "no remorse" during the trial, the prosecutor argued`: a parenthetical attribution.
        aside = [c for c in node.children if c.dep_ == "parataxis" and q.end <= c.idx < hi and not ctx.quoted(c.idx) and is_cue(c)]
        if aside:
            return aside[0]
    return None


def _attribution_for(ctx: QuoteContext, cue: Token, region: tuple[int, int]) -> Attribution | None:
    lemma = reporting_lemma(cue) or cue.lemma_
    attribution = Attribution(cue=cue, cue_lemma=lemma, region=region)
    attribution.continuing = lemma in CONTINUING or (lemma == "go" and any(c.lower_ == "on" for c in cue.children))
    head = subject_of(cue)
    if head is not None and ctx.paragraph(head.idx) != ctx.paragraph(cue.idx):
        head = None  # the parser joined two paragraphs: a speaker never comes from another one
    if head is None or ctx.quoted(head.idx) or head.lower_ in ("which", "that", "who"):
        head = fallback_subject(ctx.doc, cue, region[0], region[1])
    if head is None or ctx.quoted(head.idx):
        return attribution if attribution.continuing else None
    head = named_apposition(head)
    phrase = noun_phrase(head)
    word = head.lower_
    if word in PERSON_PRONOUNS or word in ORG_PRONOUNS:
        attribution.subject_pronoun = word
    if head.lemma_.lower() in DOCUMENTS or word in DOCUMENTS:
        return _document_attribution(ctx, attribution, head, phrase, cue)
    attribution.mention = (phrase.start_char, phrase.end_char)
    attribution.resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
    return attribution


def _document_attribution(ctx: QuoteContext, attribution: Attribution, head: Token, phrase, cue: Token) -> Attribution:
    """`Her statement continued`, `a statement posted on its website read`, `the filing states`."""
    noun = head.lemma_.lower() if head.lemma_.lower() in DOCUMENTS else head.lower_
    attribution.document = DOCUMENTS[noun]
    if noun in ("documents", "docs", "papers") and not any(c.lower_ in ("court", "legal") for c in head.children):
        attribution.document = None  # `internal documents show`: papers, not a filing
    owner = _owner(head)
    if owner is not None:
        owner_phrase = noun_phrase(owner)
        attribution.mention = (owner_phrase.start_char, owner_phrase.end_char)
        attribution.resolution = ctx.resolver.resolve(owner_phrase, at=owner_phrase.start_char)
        if owner.lower_ in PERSON_PRONOUNS or owner.lower_ in ORG_PRONOUNS:
            attribution.subject_pronoun = owner.lower_
        return attribution
    attribution.mention = (phrase.start_char, phrase.end_char)
    if attribution.document == "filing":
        author = _filing_author(ctx, cue)
        if author is not None:
            author_phrase = noun_phrase(author)
            attribution.mention = (author_phrase.start_char, author_phrase.end_char)
            resolution = ctx.resolver.resolve(author_phrase, at=author_phrase.start_char)
            attribution.resolution = Resolution(resolution.key, resolution.how, resolution.confidence * 0.8)
            return attribution
    introducer = _introduced_document(ctx, head)
    if introducer is not None:
        introducer_phrase = noun_phrase(named_apposition(introducer))
        resolution = ctx.resolver.resolve(introducer_phrase, at=introducer_phrase.start_char)
        if resolution.key is not None:
            attribution.resolution = Resolution(resolution.key, "document", resolution.confidence * 0.85)
            return attribution
    attribution.resolution = Resolution(None, "document", 0.3)
    return attribution


# Verbs that put a document out: `X issued a statement`, `X released a statement`.
_ISSUING = ("issue", "release", "publish", "send", "post", "put", "share")
# How far back (in paragraphs) `the statement` can point to the statement someone was said to make.
_DOCUMENT_REACH = 3


def document_owner(ctx: QuoteContext, document: Token) -> Token | None:
    """Who speaks through a document: its stated owner, or whoever was said to make the statement it points back to."""
    return _owner(document) or _introduced_document(ctx, document)


def _introduced_document(ctx: QuoteContext, document: Token) -> Token | None:
    """`the statement read` after `X said in a statement` / `X issued a statement` / `X's statement` /
    `a statement from X`: who made the statement the definite description points back to."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in document.children):
        return None
    lemma = document.lemma_.lower()
    para_start = ctx.paragraph(document.idx)[0]
    earlier = [p for p in ctx.paragraphs if p[1] < para_start][-_DOCUMENT_REACH:]
    lo = earlier[0][0] if earlier else para_start
    for token in reversed(ctx.doc[: document.i]):
        if token.idx < lo:
            break
        if token.lemma_.lower() != lemma or token.pos_ not in ("NOUN", "PROPN") or ctx.quoted(token.idx):
            continue
        owner = _owner(token)
        if owner is None and token.dep_ == "pobj" and token.head.dep_ == "prep":
            verb = token.head.head  # `X said in a statement`, `In a statement, X said`
            if verb.pos_ in ("VERB", "AUX") and (is_cue(verb) or verb.lemma_ in _ISSUING):
                owner = subject_of(verb)
        if owner is None and token.dep_ == "dobj" and token.head.lemma_ in _ISSUING:
            owner = subject_of(token.head)
        if owner is None or ctx.quoted(owner.idx) or owner.lemma_.lower() in DOCUMENTS:
            return None  # the nearest such document names no one: never reach past it
        return owner
    return None


_PUBLISHED = {"report", "story", "article", "interview", "editorial", "investigation"}


def _owner(document: Token) -> Token | None:
    """Whose document: a possessive, `from`/`by` someone, or a possessive inside its modifiers."""
    for child in document.children:
        if child.dep_ == "poss":
            return child
    for child in document.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("PROPN", "PRON", "NOUN"):
                return objs[0]
    if document.lemma_.lower() in _PUBLISHED:
        for child in document.children:
            # `a report in the Harwick Clarion`: the publication it appeared in (not `a report in March`)
            objs = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "in" else []
            if objs and objs[0].pos_ == "PROPN" and objs[0].ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
                return objs[0]
    for child in document.children:
        if child.dep_ in ("acl", "relcl", "prep") and child.i > document.i:
            # `a statement issued by the company`, `a statement posted on its website`
            for token in child.subtree:
                if token.dep_ in ("agent", "prep") and token.lower_ in ("by", "from") and token.head.i == child.i:
                    objs = [g for g in token.children if g.dep_ == "pobj"]
                    if objs:
                        return objs[0]
            for token in child.subtree:
                if token.dep_ == "poss":
                    return token
    return None


def _filing_author(ctx: QuoteContext, cue: Token) -> Token | None:
    """Who a filing speaks for: the claimant in the same sentence, else who last filed or sued."""
    for token in cue.sent:
        if token.i != cue.i and is_cue(token) and not ctx.quoted(token.idx):
            subject = subject_of(token)
            if subject is not None and subject.lemma_.lower() not in DOCUMENTS and not ctx.quoted(subject.idx):
                return subject
    for token in reversed(ctx.doc[max(0, cue.i - 150) : cue.sent.start]):
        if ctx.quoted(token.idx):
            continue
        if token.lemma_.lower() in ("sue", "file") and token.pos_ == "VERB":
            subject = subject_of(token)
            if subject is not None and not ctx.quoted(subject.idx):
                return subject
        if token.lower_ in FILING_NOUNS:
            # `In a filing with regulators, the company said ...`: who spoke through the filing before.
            for verb in token.sent:
                subject = subject_of(verb) if is_cue(verb) and not ctx.quoted(verb.idx) else None
                if subject is not None and subject.lemma_.lower() not in DOCUMENTS and not ctx.quoted(subject.idx):
                    return subject
    return None


def introduced_by_paragraph(ctx: QuoteContext, mark: int) -> Attribution | None:
    """`Jones disagreed with the call.` / `"That was never a foul."`: a quote-free paragraph about someone
    introduces the bare quote paragraph after it."""
    para_start = ctx.paragraph(mark)[0]
    earlier = [p for p in ctx.paragraphs if p[1] < para_start]
    if not earlier:
        return None
    start, end = earlier[-1]
    if any(start <= s < end for s, _ in ctx.pieces) or any(start <= p.signature[1] <= end for p in ctx.posts):
        return None
    last_sentence = sentence_start(ctx, end - 1)
    for token in ctx.tokens(last_sentence, end):
        if token.dep_ == "ROOT" and last_sentence <= token.idx < end:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                return None
            # `She described the job as a promise.` then the quote: a pronoun introduces it only with a
            # verb of speaking (not `She declined to comment.`)
            pronoun = subject.lower_ in PERSON_PRONOUNS | ORG_PRONOUNS
            if pronoun and (subject.lower_ not in PERSON_PRONOUNS or reporting_lemma(token) is None):
                return None
            phrase = noun_phrase(named_apposition(subject))
            resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
            if resolution.key is None or resolution.how != ("pronoun" if pronoun else "name"):
                return None
            return Attribution(
                mention=(phrase.start_char, phrase.end_char),
                resolution=Resolution(resolution.key, resolution.how, resolution.confidence * 0.6),
                region=(last_sentence, end),
            )
    return None
