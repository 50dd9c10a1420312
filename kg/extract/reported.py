"""Reported speech without quotation marks: `The company said it would cut 500 jobs`.

A reporting verb with a clausal complement (ccomp) and a subject that can speak;
the statement's span is the complement clause. Sentences that quote are left to
the quotation logic, questions (`did not say what ...`) and negated verbs are not
statements. A second that-clause (`said A "..." and that B`) is a statement of its
own; `according to the release` speaks for the release's owner or for no one.
"""

from __future__ import annotations

from ..records import Quote
from .cues import DOCUMENTS, fallback_subject, is_cue, named_apposition, noun_phrase, reporting_lemma, said_through_relative, subject_of
from .quote_context import channel_for
from .attribution import document_owner
from .candidates import tokens_of
from .speakers import NOT_SPEAKERS, Resolution

# Verbs whose complement clause is a claim made by the subject.
ASSERTING = {
    "say", "tell", "claim", "insist", "explain", "state", "note", "argue", "warn", "admit", "acknowledge",
    "confirm", "deny", "declare", "announce", "reveal", "assert", "maintain", "allege", "stress", "add",
    "predict", "promise", "vow", "pledge", "report", "contend", "concede", "complain", "write", "post",
    "tweet", "emphasize", "emphasise", "testify", "reiterate", "counter", "accuse", "threaten",
}
# Verbs whose infinitive complement is a claim or commitment (`vowed to appeal`).
COMMITTING = {"claim", "promise", "vow", "pledge", "threaten"}
_QUESTION_WORDS = {"what", "why", "how", "whether", "if", "who", "whom", "which", "when", "where"}
_MIN_TOKENS = 3


def reported_speech(ctx, quotes: list[Quote]) -> list[Quote]:
    doc = ctx.doc
    taken = [(q.span.start, q.span.end) for q in quotes] + list(ctx.pieces) + [(p.start, p.signature[1]) for p in ctx.posts]
    found: list[Quote] = []
    for token in tokens_of(doc):
        if token.pos_ != "VERB" or reporting_lemma(token) not in ASSERTING or not is_cue(token) or ctx.quoted(token.idx):
            continue
        found_clause = _reported_clause(token)
        if found_clause is None:
            continue
        further = _further_clauses(found_clause[0], token)
        first, start_tok, end_tok = found_clause
        if further and any(s < end_tok.idx + len(end_tok.text) and start_tok.idx < e for s, e in taken):
            # `said that X and that "Y"`: the quotation in the second would sink the first; it ends where the second begins
            cut = min(c.left_edge.i for c, _, _ in further)
            found_clause = (first, start_tok, doc[max(start_tok.i, _before_conjunction(doc, cut))])
        for clause, start_tok, end_tok in [found_clause] + further:
            quote = _reported_quote(ctx, token, clause, start_tok, end_tok, taken)
            if quote is not None:
                found.append(quote)
                taken.append((quote.span.start, quote.span.end))
    found.extend(_according_to(ctx, taken))
    return found


def _reported_quote(ctx, token, clause, start_tok, end_tok, taken) -> Quote | None:
    doc, text = ctx.doc, ctx.text
    if start_tok.lower_ in _QUESTION_WORDS:
        return None
    if start_tok.lower_ == "that" and start_tok.i < end_tok.i and (start_tok.dep_ == "mark" or start_tok.head.i != clause.i):
        start_tok = doc[start_tok.i + 1]  # the conjunction, even where the parser took it for a pronoun
    start_tok = _clause_start(clause, start_tok)
    while end_tok.i > start_tok.i and (end_tok.is_punct or end_tok.is_space):
        end_tok = doc[end_tok.i - 1]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) or clause.dep_ == "xcomp"
    if clause.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return None  # `confirms data breach affecting 1.2 million passengers`: a noun phrase, not a clause
    if end_tok.i - start_tok.i + 1 < _MIN_TOKENS or not has_subject:
        return None
    para_start, para_end = ctx.paragraph(token.idx)
    if start_tok.idx < para_start < end_tok.idx and end_tok.i < token.i:
        # `HEADLINE\n\nCLAUSE, the company said.`: the parser ran the headline into the fronted clause,
        # which is what the paragraph says before the attribution.
        start_tok = next(t for t in doc[start_tok.i : end_tok.i + 1] if t.idx >= para_start and not t.is_space)
    start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
    region = (max(token.sent.start_char, para_start), min(token.sent.end_char, para_end))
    # The reported clause must be free of quotation (those are partial quotes); the sentence may quote elsewhere.
    if any(s < end and start < e for s, e in taken) or not para_start <= start < end <= para_end:
        return None
    subject = subject_of(token)
    if subject is not None and ctx.paragraph(subject.idx) != ctx.paragraph(token.idx):
        subject = fallback_subject(doc, token, para_start, para_end)  # the parser joined two paragraphs
    if subject is None or subject.lower_ in NOT_SPEAKERS or subject.i > token.i and subject.i > clause.i or start_tok.i <= subject.i <= end_tok.i:
        return None
    subject = named_apposition(subject)
    phrase = noun_phrase(subject)
    if subject.lemma_.lower() in DOCUMENTS:
        return None
    resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
    if said_through_relative(token) and resolution.key is None:
        return None  # `drivers who said ...`: only someone the article names speaks through a relative clause
    quote = Quote(
        span=ctx.span(start, end),
        kind="indirect",
        cue=text[token.idx : token.idx + len(token.text)],
        cue_lemma=reporting_lemma(token),
        speaker_mention=ctx.span(phrase.start_char, phrase.end_char),
        speaker_key=resolution.key,
        channel=None,
        # A date inside the reported clause is what it is about, not when it was said.
        said=ctx.dates.in_range(end, region[1]) or ctx.dates.in_range(region[0], start),
        confidence=round(0.3 + 0.45 * resolution.confidence, 2) if resolution.key else 0.35,
    )
    quote.channel = channel_for(ctx, region, start, None)
    return quote


def _before_conjunction(doc, i: int) -> int:
    """The last token before `and that ...`: step back over the conjunction and punctuation."""
    i -= 1
    while i > 0 and (doc[i].dep_ == "cc" or doc[i].is_punct or doc[i].is_space):
        i -= 1
    return i


def _further_clauses(clause, verb) -> list:
    """`said the plant was "no longer competitive" and that production would move`: a second that-clause
    joined to the first is a statement of its own (and stands alone when the first one quotes)."""
    if clause.i < verb.i:
        return []
    return [
        (c, c.left_edge, c.right_edge)
        for c in clause.children
        if c.dep_ == "conj" and c.i > clause.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def _clause_start(clause, start_tok):
    """`said on Tuesday she expected ...`: a time or place phrase the parser put before the clause's subject
    belongs to the saying, not to what was said."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.left_edge.i <= start_tok.i:
        return start_tok
    leading = [c for c in clause.children if c.i < subject.i]
    covered = {t.i for c in leading if c.dep_ in ("prep", "advmod", "npadvmod", "punct", "mark") for t in c.subtree}
    if all(i in covered for i in range(start_tok.i, subject.left_edge.i)):
        return subject.left_edge
    return start_tok


def _content_clause_of_document(verb):
    """`said in a statement that its inspection had met every standard`: the parser may hang the
    that-clause on the document noun (as if it were a relative clause) rather than on the verb. With
    its own subject and `that` as a conjunction it is what was said; `a statement that was released`
    has neither."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in DOCUMENTS:
                continue
            for clause in noun.children:
                marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
                if clause.dep_ in ("acl", "relcl") and marks and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    return clause
    return None


def _reported_clause(verb):
    """(clause head, first token, last token) of what `verb` reports, or None.

    `X said (that) CLAUSE`; fronted `CLAUSE, X said Monday.` (a ccomp before the verb, or the parser's
    reading of it as a clause the verb is conjoined to).
    """
    after = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if after is not None:
        return after, after.left_edge, after.right_edge
    content = _content_clause_of_document(verb)
    if content is not None:
        return content, content.left_edge, content.right_edge
    if reporting_lemma(verb) in COMMITTING:
        # `claimed to have had no knowledge`, `vowed to appeal`: the infinitive is what was said.
        infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(a.lower_ == "to" for a in c.children)), None)
        if infinitive is not None:
            return infinitive, infinitive.left_edge, infinitive.right_edge
    # the subject nearest before the verb (a parser running a headline into the sentence may give two)
    subject = max((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), key=lambda c: c.i, default=None)
    if subject is None:
        return None
    comma = verb.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    if comma is None or comma.text != ",":
        return None
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < subject.i), None)
    if before is not None:
        return before, before.left_edge, comma
    head = verb.head
    if verb.dep_ == "parataxis" and head.i < comma.i and head.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        # `Participants knew which group they were in, he noted, and ...`: the clause the cue interrupts
        return head, head.left_edge, comma
    if verb.dep_ == "conj" and verb.head.i < comma.i and not any(c.dep_ in ("dobj", "ccomp", "cc") for c in verb.children):
        if not any(t.dep_ == "cc" and t.head.i == verb.head.i and t.i > comma.i - 2 for t in verb.doc[comma.i - 1 : verb.i]):
            return verb.head, verb.head.left_edge, comma
    return None


def _according_to(ctx, taken) -> list[Quote]:
    """`The suspect fled on foot, according to police.`: the clause, attributed to the source."""
    doc, text = ctx.doc, ctx.text
    found = []
    for token in tokens_of(doc):
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to" or ctx.quoted(token.idx):
            continue
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        main = token.head
        while main.dep_ == "conj" and main.head.i != main.i:
            main = main.head  # `X closed two plants and cut 90 jobs, according to Y`: the whole claim
        # (a misparse may make a noun the root of a whole clause: `Older adults who ... had smaller spikes ...`)
        clausal = main.pos_ in ("VERB", "AUX") or main.dep_ == "ROOT" and any(t.pos_ in ("VERB", "AUX") and t.i < token.i for t in main.subtree)
        if source is None or main.i == token.i or not clausal:
            continue
        para_start, para_end = ctx.paragraph(token.idx)
        paragraph = doc.char_span(para_start, para_end, alignment_mode="expand")
        phrase_start, phrase_end = token.i, source.right_edge.i
        lo, hi = max(main.left_edge.i, paragraph.start), min(main.right_edge.i, paragraph.end - 1)
        # The clause is what the sentence says outside `according to X`, which must open or close it.
        if phrase_start <= lo + 1:
            first, last = phrase_end + 1, hi
        elif phrase_end >= hi - 1:
            first, last = lo, phrase_start - 1
        else:
            continue
        while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "mark"):
            first += 1
        while last >= first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last - first + 1 < _MIN_TOKENS:
            continue
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        if any(s < end and start < e for s, e in taken):
            continue
        phrase = noun_phrase(source)
        resolution = ctx.resolver.resolve(phrase, at=phrase.start_char)
        if source.lemma_.lower() in DOCUMENTS or source.lower_ in DOCUMENTS:
            # `according to the release`: the document speaks for its owner, or for no one.
            owner = document_owner(ctx, source)
            owner_phrase = noun_phrase(named_apposition(owner)) if owner is not None and not ctx.quoted(owner.idx) else None
            resolution = ctx.resolver.resolve(owner_phrase, at=owner_phrase.start_char) if owner_phrase is not None else None
            if resolution is None or owner_phrase.root.lemma_.lower() in DOCUMENTS:
                resolution = Resolution(None, "document", 0.3)
        found.append(
            Quote(
                span=ctx.span(start, end),
                kind="indirect",
                cue=text[token.idx : doc[token.i + 1].idx + 2],
                cue_lemma="according to",
                speaker_mention=ctx.span(phrase.start_char, phrase.end_char),
                speaker_key=resolution.key,
                said=None,  # the dates of `according to` clauses are what they report, not when it was said
                confidence=round(0.3 + 0.4 * resolution.confidence, 2) if resolution.key else 0.3,
            )
        )
        taken.append((start, end))
    return found
