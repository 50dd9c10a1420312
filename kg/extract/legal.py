"""Legal actions of one article: lawsuits, countersuits, settlements, charges, investigations, rulings.

A spaCy Matcher finds trigger words (`sue`, `lawsuit`, `legal action`, `charged`, `settlement`...); gates on the
parse keep the legal senses (a `suit` one wears, a phone one `charges` are not actions). Parties come from the
parse around the trigger (subject / object / `against ...` / `by ...`; legal_parse.py), then resolve to the
article's entities by span overlap (legal_parties.py); amount, court, date and allegation come from legal_details.py,
word lists from legal_words.py. One report per action per article: later sentences that only refer back
(`the lawsuit says`) add details to the report they refer to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp import Analysed
from ..records import DateValue, LegalActionReport, LegalParty, LocalEntity, Money, Quote, Span
from .dates import anchor_date
from .legal_details import allegation, amount_of, attach_claim_quotes, court, date_of
from .legal_parse import (
    against_word,
    agent_of,
    children,
    conditioned,
    governing_verb,
    has_child,
    in_condition,
    is_passive,
    lemma_of,
    only_possible,
    stretch_end,
    subject_of,
)
from .legal_parties import PartyResolver, unique_parties
from .legal_words import (
    ACCUSE_VERBS,
    BACKGROUND_MODIFIERS,
    BRING_VERBS,
    COURT_HEADS,
    COURT_WORDS,
    DOC_NOUNS,
    FACE_VERBS,
    FAMILY,
    GENERIC_KINDS,
    INTENT_VERBS,
    JUDGE_VERBS,
    LEGAL_CONTEXT,
    NOUN_KINDS,
    SERVE_VERBS,
    VERB_KINDS,
    same_family,
)
from .money import money_spans

# Word forms that trigger whatever their lemma (the tagger's lemma for them varies).
_VERB_FORMS = ["sued", "sues", "suing", "countersued", "countersues", "indicted", "fined", "fining"]
_NOUN_FORMS = ["lawsuit", "lawsuits", "countersuit", "countersuits"]
_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab) -> Matcher:
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        matcher = Matcher(vocab)
        matcher.add("VERB", [[{"LEMMA": {"IN": list(VERB_KINDS)}, "POS": {"IN": ["VERB", "AUX"]}}],
                             [{"LOWER": {"IN": _VERB_FORMS}}]])
        matcher.add("NOUN", [[{"LEMMA": {"IN": list(NOUN_KINDS)}, "POS": {"IN": ["NOUN", "PROPN"]}}],
                             [{"LOWER": {"IN": _NOUN_FORMS}}]])
        _MATCHERS[id(vocab)] = matcher
    return matcher


@lru_cache(maxsize=4)
def _trigger_ids(strings) -> tuple[np.ndarray, np.ndarray]:
    """String ids of the trigger lemmas and of the trigger word forms."""
    lemmas = np.array([strings[word] for word in (*VERB_KINDS, *NOUN_KINDS)], dtype=np.uint64)
    forms = np.array([strings[word] for word in (*_VERB_FORMS, *_NOUN_FORMS)], dtype=np.uint64)
    return lemmas, forms


def _trigger_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """The trigger Matcher's matches over the doc, in its order. Every pattern is one token whose lemma
    or lowercase form is listed, so the Matcher runs only on such tokens: over the whole doc its
    set tests cost a Python call per token and test, a tenth of all extraction time."""
    lemmas, forms = _trigger_ids(doc.vocab.strings)
    values = doc.to_array([LEMMA, LOWER])
    matcher = _matcher(doc.vocab)
    matches = []
    for i in np.flatnonzero(np.isin(values[:, 0], lemmas) | np.isin(values[:, 1], forms)).tolist():
        matches += [(match_id, i + start, i + end) for match_id, start, end in matcher(doc[i : i + 1])]
    return matches


@dataclass
class _Found:
    """A report in the making: the trigger and what the parse around it says."""

    sentence: SpacySpan
    trigger: Token
    kind: str
    plaintiffs: list[LegalParty] = field(default_factory=list)
    defendants: list[LegalParty] = field(default_factory=list)
    amount: Money | None = None
    court: str | None = None
    date: DateValue | None = None
    status: str | None = None
    background: bool = False
    allegation: str | None = None
    definite: bool = False  # `the lawsuit`: may refer back to one already reported

    @property
    def family(self) -> str:
        return FAMILY.get(self.kind, self.kind)


def extract_legal_actions(analysed: Analysed, entities: list[LocalEntity], quotes: list[Quote]) -> list[LegalActionReport]:
    article, doc = analysed.article, analysed.doc
    resolver = PartyResolver(analysed, entities, quotes)
    anchor = anchor_date(article)
    found: list[_Found] = []
    matches = sorted(_trigger_matches(doc), key=lambda m: m[1])
    seen_tokens: set[int] = set()
    for match_id, start, _ in matches:
        token = doc[start]
        if token.i in seen_tokens:
            continue
        seen_tokens.add(token.i)
        is_verb = doc.vocab.strings[match_id] == "VERB"
        report = _read_verb(token, resolver) if is_verb else _read_noun(token, resolver)
        if report is None or _negated(report.trigger) or _hypothetical(report):
            continue
        report.amount = amount_of(article, token)
        report.court = court(report.sentence)
        report.date = date_of(token, anchor)
        report.allegation = allegation(token)
        found.append(report)
    merged = _merge_in_article(found)
    _countersuit_sides(merged)
    described = {(e.key, m.span.text) for e in entities for m in e.mentions if m.kind == "description"}
    records = [_to_record(r, article, described) for r in merged if r.plaintiffs or r.defendants or r.background or r.amount]
    attach_claim_quotes(records, quotes, doc)
    return records


# --------------------------------------------------------------------------- triggers


def _read_verb(verb: Token, resolver: PartyResolver) -> _Found | None:
    lemma = lemma_of(verb)
    kind = VERB_KINDS.get(lemma)
    if kind is None:
        return None
    if lemma == "charge" and not has_child(verb, "prep", {"with"}):
        return None  # `charged her phone`, `charged $5`
    if lemma == "sentence" and not (has_child(verb, "prep", {"to"}) and is_passive(verb) or _legal_context(verb.sent)):
        return None  # only `was sentenced to ...` or a sentencing in a court story
    if lemma in {"settle", "fine", "investigate", "probe"} and not (
        _legal_context(verb.sent) or (lemma in {"settle", "fine"} and money_spans(verb.sent))
    ):
        return None
    if lemma == "settle" and not (has_child(verb, "prep", {"with"}) or _object_is_legal(verb)):
        return None
    found = _Found(sentence=verb.sent, trigger=verb, kind=kind)
    subject, passive = subject_of(verb)
    agent = agent_of(verb, passive)
    # `fined Acme $5m`: spaCy reads the one fined as the dative object, the amount as the direct one
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
    if not passive and subject is not None and verb.tag_ in {"VBN", "VBD"} and _headline(verb.sent) \
            and not any(resolver.parties_of(obj) for obj in objects):
        # `Photo app Acme fined $5m over ...`: a headline drops `was`, and an active past tense is written
        # in the present there (`Regulator fines Acme`); so the subject is the one fined or sued
        passive = True
    if passive:
        found.defendants = resolver.parties_of(subject) if subject is not None else []
        found.plaintiffs = resolver.parties_of(agent) if agent is not None else []
    else:
        found.plaintiffs = resolver.parties_of(subject) if subject is not None else []
        found.defendants = [p for obj in objects for p in resolver.parties_of(obj)]
        if agent is not None and not found.plaintiffs:
            found.plaintiffs = resolver.parties_of(agent)
    if lemma == "settle":
        # `X settled with Y`: the settling side is the one sued, as a rule; `settle a lawsuit brought by Y` overrides.
        found.defendants, found.plaintiffs = found.plaintiffs, [
            p for prep in children(verb, "prep", {"with"}) for obj in children(prep, "pobj") for p in resolver.parties_of(obj)
        ]
    found.status = _status(verb, lemma)
    return found


def _read_noun(noun: Token, resolver: PartyResolver) -> _Found | None:
    lemma = lemma_of(noun)
    kind = NOUN_KINDS.get(lemma)
    if kind is None or not _noun_is_legal(noun, lemma):
        return None
    found = _Found(sentence=noun.sent, trigger=noun, kind=kind)
    found.definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in noun.children)
    found.background = _is_background(noun)
    # a case cited in passing: the verb around it is about the documents, not about bringing the case
    verb = None if found.background else governing_verb(noun)
    # plaintiffs: `X's lawsuit`, `a lawsuit brought by X`, `a lawsuit from X`, `X filed a lawsuit`
    owners = [c for c in noun.children if c.dep_ == "poss"]
    for owner in owners:
        found.plaintiffs += resolver.parties_of(owner)
    for child in noun.children:
        if child.dep_ == "acl":
            agent = agent_of(child)
            if agent is not None:
                found.plaintiffs += resolver.parties_of(agent)
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            found.plaintiffs += resolver.parties_between(child.i + 1, stretch_end(child))
    if kind == "settlement":
        # `a settlement with X`: X is the side that brought the claim; the subject settles it
        for prep in children(noun, "prep", {"with"}):
            for obj in children(prep, "pobj"):
                found.plaintiffs += resolver.parties_of(obj)
    if verb is not None:
        subject, passive = subject_of(verb)
        if subject is not None and lemma_of(subject) in NOUN_KINDS:
            subject = None  # `the lawsuit ended in a settlement`: the subject is the action itself
        if lemma_of(verb) in JUDGE_VERBS:
            pass
        elif noun.dep_ == "pobj" and noun.head.lower_ == "under":  # `X is under investigation by Y`
            if subject is not None:
                found.defendants += resolver.parties_of(subject)
        elif lemma_of(verb) in FACE_VERBS or kind == "settlement":
            if subject is not None:
                found.defendants += resolver.parties_of(subject)
            if not found.plaintiffs:  # `faces a lawsuit from a former presenter, Jo Bloggs` (parse hangs `from` on the verb)
                for prep in children(verb, "prep", {"from", "by"}):
                    found.plaintiffs += resolver.parties_between(prep.i + 1, stretch_end(prep))
        elif passive:
            agent = agent_of(verb, passive)
            if agent is not None:
                found.plaintiffs += resolver.parties_of(agent)
            if lemma_of(verb) in SERVE_VERBS and subject is not None:  # `X was hit with a lawsuit`
                found.defendants += resolver.parties_of(subject)
        elif subject is not None and lemma_of(verb) in SERVE_VERBS and not children(verb, "dobj"):
            # `Acme Hit With Lawsuit By X` (a headline drops `was`): no object, so the subject is the one sued
            found.defendants += resolver.parties_of(subject)
        elif subject is not None and not owners and lemma_of(verb) in BRING_VERBS:
            # only a verb of bringing makes its subject a party: `X reported / commented on the lawsuit` does not
            found.plaintiffs += resolver.parties_of(subject)
            if lemma_of(verb) in SERVE_VERBS:  # `slapped X with a lawsuit`
                for obj in children(verb, "dobj"):
                    found.defendants += resolver.parties_of(obj)
            if lemma_of(verb) in {"seek", "demand"}:  # `seeking $5m from X in a lawsuit`
                for prep in children(verb, "prep", {"from"}):
                    found.defendants += resolver.parties_between(prep.i + 1, stretch_end(prep))
        found.status = _status(verb, lemma_of(verb))
    # (spaCy may tag the subject noun a compound of the verb and its object an apposition)
    if (noun.dep_ == "nsubj" or noun.dep_ == "compound" and noun.head.pos_ == "VERB") and lemma_of(noun.head) in ACCUSE_VERBS:
        # `the suit names X as a defendant`, `the complaint accuses X of fraud`
        for obj in children(noun.head, "dobj") + children(noun.head, "appos"):
            found.defendants += resolver.parties_of(obj)
    against = against_word(noun, verb, "into" if kind == "investigation" else "against")
    if against is not None:
        found.defendants += resolver.parties_between(against.i + 1, stretch_end(against))
    if lemma == "settlement":
        found.status = "settled"
    elif kind == "ruling":
        found.status = "ruled"
    elif kind == "charge" and found.status in {None, "filed"}:
        found.status = "charged"
    elif kind == "investigation" and found.status in {None, "filed", "initiated"}:
        found.status = "investigating"
    if found.background:
        found.status = None  # a cited case has no news status here
    elif kind in {"case", "ruling"} and not (found.plaintiffs or found.defendants):
        return None  # a `case` with no one in it is too vague to be an action
    return found


def _noun_is_legal(noun: Token, lemma: str) -> bool:
    children = {c.lower_ for c in noun.children}
    left = {c.lower_ for c in noun.lefts}
    head = noun.head
    sentence_words = {t.lower_ for t in noun.sent}
    if lemma in {"lawsuit", "countersuit", "counterclaim", "indictment"}:
        return True
    if lemma == "suit":
        return (
            "against" in children
            or lemma_of(head) in BRING_VERBS | FACE_VERBS
            or (noun.dep_ == "nsubj" and lemma_of(head) in ACCUSE_VERBS)
            or bool(left & {"civil", "class", "law", "defamation", "libel"})
        )
    if lemma == "action":
        return bool(left & {"legal", "court", "class", "civil", "disciplinary", "enforcement"})
    if lemma in {"proceeding", "proceedings"}:
        return "against" in children or bool(left & {"legal", "court", "criminal", "civil", "disciplinary", "bankruptcy"})
    if lemma == "complaint":
        return "against" in children or (noun.dep_ == "nsubj" and lemma_of(head) in ACCUSE_VERBS) or lemma_of(head) in {"file", "lodge", "submit"} or bool(sentence_words & COURT_WORDS)
    if lemma == "charge":
        return noun.tag_ == "NNS" and (
            "against" in children or bool(left & {"criminal", "federal", "murder", "fraud", "felony", "misdemeanor"})
            or lemma_of(head) in {"face", "file", "bring", "press", "deny", "plead", "drop", "level", "settle"}
            or any(lemma_of(a) in {"plead", "arrest", "face", "deny", "drop", "settle"} for a in list(noun.ancestors)[:3])
        )
    if lemma in {"investigation", "probe", "inquiry"}:
        return "into" in children or (noun.dep_ == "pobj" and head.lower_ == "under") or (
            lemma_of(head) in {"open", "launch", "announce", "start", "begin"} and bool(sentence_words & LEGAL_CONTEXT)
        ) or (head.pos_ == "VERB" and "into" in {c.lower_ for c in head.children}) or bool(left & {"criminal", "federal", "police", "antitrust", "regulatory"})
    if lemma == "settlement":
        return "with" in children or bool(sentence_words & (COURT_WORDS | {"lawsuit", "suit", "sued", "claims"}))
    if lemma == "fine":
        return noun.head.lemma_ in {"pay", "impose", "issue", "levy", "face"} and bool(sentence_words & (COURT_WORDS | {"regulator", "regulators"}))
    # case / ruling / decision / verdict / judgment / injunction: only in talk of courts
    court_near = any(t.lower_ in COURT_HEADS for t in noun.subtree) or any(
        t.lower_ in COURT_HEADS for t in noun.head.subtree if abs(t.i - noun.i) < 8
    )
    if lemma in {"case", "decision"}:
        return court_near or (lemma == "case" and "against" in children) or (bool(sentence_words & COURT_WORDS) and any(c.dep_ in {"compound", "amod"} for c in noun.children))
    return court_near or bool(sentence_words & COURT_WORDS)


def _is_background(noun: Token) -> bool:
    """A case cited, not reported: `documents from a child abuse case`, `a landmark ruling`."""
    if any(c.lower_ in BACKGROUND_MODIFIERS for c in noun.lefts):
        return True
    if any(c.like_num and len(c.text) == 4 for c in noun.lefts):  # `a 1996 case`
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"from", "in", "of", "about", "on"}:
        holder = head.head
        if holder.pos_ in {"VERB", "AUX"}:  # `showed papers from a ... case`: the pp hangs off the verb
            return any(c.dep_ in {"dobj", "nsubj", "nsubjpass"} and _is_doc(c) for c in holder.children)
        return _is_doc(holder)
    if noun.dep_ in {"dobj", "pobj"} and head.lemma_.lower() in {"reference", "cite", "mention", "quote", "show", "depict", "feature"}:
        return any(t.lower_ in DOC_NOUNS for t in head.subtree if t.i < head.i) or head.head.lower_ in DOC_NOUNS
    return False


def _negated(trigger: Token) -> bool:
    """`did not sue`, `is suing nobody`, `no lawsuit was filed`: no action."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else governing_verb(trigger)
    for holder in (trigger, verb):
        if holder is None:
            continue
        if any(c.dep_ == "neg" or c.lower_ in {"nobody", "no", "never", "neither"} and c.dep_ in {"dobj", "det", "neg", "advmod"} for c in holder.children):
            return True
    return False


def _hypothetical(report: _Found) -> bool:
    """`If convicted, X faces ...`, `X could face charges`, `would be fined`: a possible outcome, not an action."""
    trigger = report.trigger
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else governing_verb(trigger)
    if verb is None:
        return False
    # the action is what the `if` supposes (`if convicted`, `if a suit is filed`); `if the charges are proven` has them
    if in_condition(verb) and not (trigger is not verb and (report.definite or children(trigger, "poss"))):
        return True
    if report.family == "lawsuit":
        return False  # a party may say it could or would sue: a threat, reported as such
    # charges and penalties are an authority's to bring: a modal or an `if` on them is talk of what may come
    return conditioned(verb) or only_possible(verb)


def _is_doc(token: Token) -> bool:
    return token.lower_ in DOC_NOUNS or token.lemma_.lower() in DOC_NOUNS


def _object_is_legal(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and lemma_of(c) in NOUN_KINDS for c in verb.children)


def _legal_context(sentence: SpacySpan) -> bool:
    return any(t.lower_ in LEGAL_CONTEXT for t in sentence)


def _status(verb: Token, lemma: str) -> str:
    if lemma in INTENT_VERBS or any(c.lower_ in {"will", "would", "could", "may", "might"} for c in verb.children if c.dep_ == "aux"):
        return "threatened"
    head = verb.head
    if verb.dep_ in {"xcomp"} and lemma_of(head) in INTENT_VERBS:
        return "threatened"
    if lemma in {"settle"}:
        return "settled"
    if lemma in {"drop", "dismiss", "withdraw", "toss"}:
        return "dismissed"
    if lemma in {"end", "resolve", "conclude", "close"}:
        return "ended"
    if lemma in {"charge", "indict", "prosecute"}:
        return "charged"
    if lemma == "convict":
        return "convicted"
    if lemma == "sentence":
        return "sentenced"
    if lemma == "acquit":
        return "acquitted"
    if lemma == "fine":
        return "fined"
    if lemma in {"investigate", "probe", "open"}:
        return "investigating"
    if lemma in {"win", "lose"}:
        return "ruled"
    if lemma in FACE_VERBS - {"settle"}:
        return "filed"  # pending against the subject
    if verb.tag_ == "VBG" and lemma in {"take", "launch", "start", "bring", "file", "initiate", "begin", "mount"} and any(
        c.lower_ in {"is", "are", "am"} for c in verb.children
    ):
        return "initiated"  # `are taking legal action`: under way, not yet reported filed
    return "filed"


# --------------------------------------------------------------------------- one report per action


def _merge_in_article(found: list[_Found]) -> list[_Found]:
    """Fold sentences that tell the same action again into its first report."""
    reports: list[_Found] = []
    for item in found:
        target = None
        for report in reversed(reports):
            if report.background != item.background or not (same_family(report.kind, item.kind) or _nested(report, item)):
                continue
            if _same_action(report, item) or _nested(report, item):
                target = report
                break
        if target is None:
            reports.append(item)
        elif not (target.plaintiffs or target.defendants) and _headline(target.sentence):
            _fold(item, target)  # the body's sentence names the parties: it stands for the headline's action
            reports[reports.index(target)] = item
        else:
            _fold(target, item)
    return reports


def _countersuit_sides(reports: list[_Found]) -> None:
    """`X countersued` answers the suit before it: its plaintiff is that suit's defendant, and the other way round."""
    for position, report in enumerate(reports):
        if report.kind != "countersuit" or (report.plaintiffs and report.defendants):
            continue
        earlier = [r for r in reports[:position] if r.family == "lawsuit" and not r.background and r.plaintiffs and r.defendants]
        if not earlier:
            continue
        suit = earlier[-1]
        mine = {p.key for p in report.plaintiffs}
        theirs = {p.key for p in report.defendants}
        if mine <= {p.key for p in suit.defendants} and theirs <= {p.key for p in suit.plaintiffs}:
            report.plaintiffs = report.plaintiffs or [LegalParty(key=p.key) for p in suit.defendants]
            report.defendants = report.defendants or [LegalParty(key=p.key) for p in suit.plaintiffs]


def _nested(report: _Found, item: _Found) -> bool:
    """`settle charges brought by X`: one trigger is the other's object, so both tell one action."""
    a, b = report.trigger, item.trigger
    objects = {"dobj", "obj", "pobj", "nsubjpass"}
    return report.sentence == item.sentence and ((a.head == b and a.dep_ in objects) or (b.head == a and b.dep_ in objects))


def _same_action(report: _Found, item: _Found) -> bool:
    def keys(parties: list[LegalParty]) -> set[str]:
        return {p.key for p in parties}

    p1, p2, d1, d2 = keys(report.plaintiffs), keys(item.plaintiffs), keys(report.defendants), keys(item.defendants)
    if (p1 and p2 and not p1 & p2) or (d1 and d2 and not d1 & d2):
        return False  # `sued Samsung, and it also sued Google`: two suits, even in one sentence
    if report.sentence == item.sentence:
        return True  # `filed a lawsuit ... the suit`: two words for one action
    if not (p1 or d1) and not report.background and _headline(report.sentence):
        return True  # `Cheesemaker sues former supplier`: the headline's action, which the body names
    if item.definite and not item.background:
        return True  # `the lawsuit` refers back (`... The lawsuit names X`), unless its parties differ; a cited case stands alone
    return bool(p1 & p2 or d1 & d2)


def _headline(sentence: SpacySpan) -> bool:
    """The document's first sentence standing as a line of its own."""
    return sentence.start == 0 and "\n" in sentence.text_with_ws[-3:]


def _fold(target: _Found, item: _Found) -> None:
    for role in ("plaintiffs", "defendants"):
        known = {p.key for p in getattr(target, role)}
        getattr(target, role).extend(p for p in getattr(item, role) if p.key not in known)
    if target.kind != item.kind and (item.kind == "settlement" or target.kind in GENERIC_KINDS):
        target.kind = item.kind  # the more telling kind wins: a settled suit, charges over `the case`
    for name in ("amount", "court", "date", "allegation"):
        if getattr(target, name) is None:
            setattr(target, name, getattr(item, name))
    if item.status in {"settled", "dismissed", "ruled"} or target.status is None:
        target.status = item.status or target.status


def _to_record(found: _Found, article, described: set[tuple[str, str]]) -> LegalActionReport:
    sentence = found.sentence
    plaintiffs, defendants = unique_parties(found.plaintiffs), unique_parties(found.defendants)
    # a party on both sides is a slip: keep the side that names it over one reached through a description
    # (`the federation` taken for the club); otherwise it stays a plaintiff
    by_description = {p.key for p in plaintiffs if (p.key, p.role) in described}
    named_defendants = {p.key for p in defendants if (p.key, p.role) not in described}
    plaintiffs = [p for p in plaintiffs if not (p.key in by_description and p.key in named_defendants)]
    plaintiff_keys = {p.key for p in plaintiffs}
    return LegalActionReport(
        span=Span.at(article, sentence.start_char, sentence.end_char),
        kind=found.kind,
        plaintiffs=plaintiffs,
        defendants=[p for p in defendants if p.key not in plaintiff_keys],
        amount=found.amount,
        court=found.court,
        date=found.date,
        status=found.status,
        background=found.background,
        allegation=found.allegation,
    )

