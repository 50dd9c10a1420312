"""Details of a legal action around its trigger: amount, court, date, what it is about, quotes of the filing."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span as SpacySpan, Token

from ..records import Article, DateValue, LegalActionReport, Money, Quote
from .dates import resolve_date
from .legal_parse import children, lemma_of, verb_of
from .legal_words import COURT_HEADS, COURT_MODIFIERS, NOUN_KINDS
from .money import find_money

def amount_of(article: Article, trigger: Token) -> Money | None:
    """The amount the action is about: linked to the trigger in the parse, the nearest if several."""
    amounts = [m for m in find_money(article, trigger.sent) if amount_belongs(m, trigger)]
    return min(amounts, key=lambda m: abs(m.span.start - trigger.idx)) if amounts else None


def date_of(trigger: Token, anchor: date | None) -> DateValue | None:
    """A date whose own verb is the trigger's (a long sentence carries others), the nearest first."""
    clause = {trigger.i, verb_of(trigger)}
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # `The complaint, filed Tuesday, says ...`: the participle describing the action dates it
        clause |= {c.i for c in trigger.children if c.dep_ in {"acl", "relcl"}}
    dates = [ent for ent in trigger.sent.ents if ent.label_ == "DATE" and verb_of(ent.root) in clause]
    for ent in sorted(dates, key=lambda e: abs(e.root.i - trigger.i)):
        value = resolve_date(ent.text, anchor)
        if value is not None:
            return value
    return None


# Words an amount of an action hangs from: `seeking $5m`, `ordered to pay`, `$5m in damages`.
AMOUNT_HEADS = {"seek", "pay", "demand", "claim", "award", "order", "fine", "ask", "want", "win", "owe", "recover",
                "damages", "compensation", "penalty", "restitution", "settlement", "fine", "costs", "fees"}  # fmt: skip


def amount_belongs(money: Money, trigger: Token) -> bool:
    """The amount is the action's when the parse links it to the trigger or a claiming word, not `his $44bn deal`."""
    doc = trigger.doc
    span = doc.char_span(money.span.start, money.span.end, alignment_mode="expand")
    if span is None:
        return False
    trigger_verb = verb_of(trigger)
    below = None  # the token on the path just under `ancestor`
    for ancestor in (span.root, *span.root.ancestors):
        if ancestor.i in {trigger.i, trigger_verb} or lemma_of(ancestor) in AMOUNT_HEADS:
            return True
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.i != span.root.i:
            return False  # reached another verb first
        if ancestor.dep_ == "dobj" and ancestor.head.i in {trigger.i, trigger_verb} and below is not None and below.lower_ == "for":
            return True  # `sued a former supplier for $4m`: the parser hangs `for` on the defendant
        below = ancestor
        if ancestor.pos_ == "NOUN" and ancestor.i != span.root.i and ancestor.i != trigger.i and ancestor.dep_ != "compound" and lemma_of(ancestor) not in NOUN_KINDS:
            return False  # the amount of something else (`his $44 billion purchase`)
    return False


# `sued for defamation`, `charged with fraud`, `a lawsuit over the crash`, `convicted of murder`
_ALLEGATION_PREPS = {"with", "for", "over", "of", "alleging"}
# Modifiers of a legal noun that say its form, not its subject.
_FORM_WORDS = {"legal", "class", "civil", "federal", "criminal", "court", "new", "separate", "former", "first",
               "second", "landmark", "famous", "lawsuit", "action", "state", "formal", "fresh", "million", "billion",
               "original", "initial", "latest", "recent", "same", "other", "lengthy", "ongoing", "pending", "full"}  # fmt: skip


def allegation(trigger: Token) -> str | None:
    """What the action is about, as written: a `for` / `with` / `over` / `of` phrase, or a noun's modifier."""
    if trigger.pos_ in {"NOUN", "PROPN"}:
        modifiers = [c for c in trigger.lefts if c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "ADJ"} and c.lower_ not in _FORM_WORDS and not c.like_num]
        if modifiers:
            start = min(t.left_edge.i for t in modifiers)
            words = [t for t in trigger.doc[start : trigger.i] if t.lower_ not in _FORM_WORDS and not t.like_num and t.pos_ != "SYM" and t.dep_ not in {"det", "poss", "nummod", "quantmod"}]
            if words:
                return trigger.doc[words[0].i : words[-1].i + 1].text
    holders = [trigger] + ([trigger.head] if trigger.pos_ in {"NOUN", "PROPN"} and trigger.head.pos_ == "VERB" else [])
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _ALLEGATION_PREPS:
                continue
            for obj in children(prep, "pobj") + children(prep, "pcomp"):
                inside = {x.i for x in obj.subtree}
                cut = {  # relative clauses, appositions and `on Sunday` / `in Texas` phrases say no more about it
                    t.i for c in obj.subtree if c.i != obj.i and (
                        c.dep_ in {"relcl", "acl", "appos"}
                        or (c.dep_ == "prep" and any(x.ent_type_ in {"DATE", "TIME", "GPE", "LOC"} for x in c.subtree))
                    ) for t in c.subtree
                }
                tokens = _quote_balanced([t for t in obj.subtree if t.i in inside - cut])
                if any(t.ent_type_ == "MONEY" or t.pos_ == "SYM" or t.lower_ in {"million", "billion"} for t in tokens):
                    continue  # `for $5 million` is the amount
                if not tokens or obj.pos_ not in {"NOUN", "VERB"} or obj.ent_type_ in {"DATE", "MONEY", "CARDINAL"} or len(tokens) > 10:
                    continue
                return trigger.doc[tokens[0].i : tokens[-1].i + 1].text
    return None


def _quote_balanced(tokens: list[Token]) -> list[Token]:
    """The phrase without trailing punctuation or line breaks, and with its quotation marks paired:
    `over 'Stone Hill' label` keeps the opening mark the parse left outside the phrase."""
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and not tokens[-1].is_quote):
        tokens.pop()
    while tokens and tokens[0].is_space:
        tokens.pop(0)
    if tokens and sum(t.is_quote for t in tokens) % 2:
        before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and before.is_quote:
            tokens.insert(0, before)
        elif tokens[-1].is_quote:
            tokens.pop()
    while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
        tokens.pop()
    return tokens


def _joins_name(doc, i: int, end: int) -> bool:
    """`of`/`the` between proper nouns, or a hyphen inside one name (`Saint-Aurèle`)."""
    if i + 1 >= end or doc[i + 1].pos_ != "PROPN":
        return False
    return doc[i].lower_ in {"of", "the"} or doc[i].text in {"-", "–"} and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def court(sentence: SpacySpan) -> str | None:
    """`the U.S. District Court for the Southern District of New York`, `a federal court in Manhattan`."""
    for token in sentence:
        if token.lower_ not in COURT_HEADS:
            continue
        start = token.i
        while start > sentence.start:
            previous = token.doc[start - 1]
            if previous.pos_ == "PROPN" or previous.lower_.rstrip("'") in COURT_MODIFIERS or previous.text in {"'s", "’s"}:
                start -= 1
            else:
                break
        end = token.i + 1
        doc = token.doc
        if end + 1 < sentence.end and doc[end].lower_ in {"of", "for", "in"}:
            probe = end + 1
            if doc[probe].lower_ == "the":
                probe += 1
            stop = probe
            while stop < sentence.end and (doc[stop].pos_ == "PROPN" or _joins_name(doc, stop, sentence.end)):
                stop += 1
            if stop > probe:
                end = stop
        if start == token.i and end == token.i + 1:
            continue  # a bare `court` names none
        return doc[start:end].text
    return None


# --------------------------------------------------------------------------- quotes from the filing

# `the filing states`, `according to the lawsuit`, `court papers say`: words outside a quote that cite a filing.
FILING_WORDS = {"filing", "filings", "lawsuit", "suit", "complaint", "indictment", "petition", "motion", "affidavit",
                "countersuit", "counterclaim"}  # fmt: skip


def attach_claim_quotes(records: list[LegalActionReport], quotes: list[Quote], doc) -> None:
    """Quotes whose channel is a filing, or whose sentence cites one, quote the nearest action reported before."""
    actions = [r for r in records if not r.background]
    if not actions:
        return
    for index, quote in enumerate(quotes):
        if not (quote.channel == "filing" or cites_filing(quote, doc)):
            continue
        before = [r for r in actions if r.span.start <= quote.span.start]
        target = before[-1] if before else actions[0]
        target.claim_quotes.append(index)


def cites_filing(quote: Quote, doc) -> bool:
    pieces = quote.pieces or [quote.span]
    sentence = doc.char_span(pieces[0].start, pieces[0].end, alignment_mode="expand")
    if sentence is None:
        return False
    words = [t for t in sentence.sent if not any(p.start <= t.idx < p.end for p in pieces)]

    def is_filing(t: Token) -> bool:
        return t.lower_ in FILING_WORDS or (t.lower_ in {"documents", "docs", "papers", "records"} and any(c.lower_ == "court" for c in t.children))

    # the filing speaks (`the filing states`, `the suit alleges`) or is the source (`according to the complaint`,
    # `in the lawsuit`); `Park called the suit baseless: "..."` quotes Park, not the suit
    return any(
        is_filing(t) and (t.dep_ in {"nsubj", "nsubjpass"} or (t.dep_ == "pobj" and t.head.lower_ in {"to", "per", "in"}))
        for t in words
    )
