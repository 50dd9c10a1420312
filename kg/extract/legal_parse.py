"""Reading the dependency parse around a legal trigger: subjects, agents, the verb a noun hangs from, party lists."""

from __future__ import annotations

from spacy.tokens import Token

from .legal_words import ACCUSE_VERBS, CONDITION_MARKS, POSSIBILITY_MODALS, STOP_WORDS

def lemma_of(token: Token) -> str:
    lower = token.lower_
    if lower.startswith("sue") or lower == "sued":
        return "sue"
    if lower.startswith("countersu"):
        return "countersue" if token.pos_ == "VERB" else "countersuit"
    if lower.startswith("lawsuit"):
        return "lawsuit"
    if lower in {"fined", "fining"}:  # the small model lemmatises `fined` as `fin`
        return "fine"
    return token.lemma_.lower()


def children(token: Token, dep: str, words: set[str] | None = None) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep and (words is None or c.lower_ in words)]


def has_child(token: Token, dep: str, words: set[str]) -> bool:
    return bool(children(token, dep, words))


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject and whether it is passive; climbs `to sue`, `and sued`, `going so far as to sue`."""
    current = verb
    for _ in range(8):
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                if child.lower_ in {"which", "that", "who"} and current.dep_ == "relcl":
                    return current.head, child.dep_ == "nsubjpass"
                return child, child.dep_ == "nsubjpass" or (current is not verb and verb.tag_ == "VBN" and is_passive(current))
        if current.dep_ == "relcl" and current is verb:
            return current.head, verb.tag_ == "VBN"
        if current.dep_ in {"xcomp", "advcl", "conj", "ccomp", "acl", "pcomp", "advmod"} and current.head is not current:
            current = current.head  # through `going so far as to sue`: ADV links too
        else:
            break
    return None, False


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def agent_of(verb: Token, passive: bool = False) -> Token | None:
    """`by X` of a passive verb; the parse may hang it lower (`charged with fraud by X`)."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = children(child, "pobj")
            return objects[0] if objects else None
    if passive:
        for token in verb.subtree:
            if token.i > verb.i and token.lower_ == "by" and token.dep_ in {"agent", "prep"}:
                objects = children(token, "pobj")
                return objects[0] if objects else None
    return None


def governing_verb(noun: Token) -> Token | None:
    """The verb a legal noun hangs from: `filed a lawsuit`, `filed at $3m lawsuit` (sic), `taking legal action`."""
    current = noun
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if head.pos_ in {"VERB", "AUX"} and current.dep_ in {"dobj", "obj", "nsubjpass", "prep", "attr", "nsubj", "acomp"}:
            if current is noun and current.dep_ == "nsubj" and lemma_of(head) in ACCUSE_VERBS:
                return None  # the filing speaks; its verb brings nothing
            return head
        if current.dep_ in {"pobj", "prep", "compound", "conj", "acomp"}:
            current = head
            continue
        return None
    return None


def against_word(noun: Token, verb: Token | None, word: str = "against") -> Token | None:
    """The `against` (for an investigation: `into`) that introduces the other side."""
    for holder in (noun, verb):
        if holder is None:
            continue
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == word:
                return child
    # the parse may hang it elsewhere; take the first one shortly after the trigger
    for token in noun.sent:
        if token.i > noun.i and token.lower_ == word and token.i - noun.i <= 12:
            return token
    return None


def stretch_end(opener: Token) -> int:
    """Token index where the party list after `against` / `by` / `from` ends (exclusive)."""
    sent_end = opener.sent.end
    depth = 0
    for token in opener.doc[opener.i + 1 : sent_end]:
        if token.text in {"(", "["}:
            depth += 1
        elif token.text in {")", "]"}:
            depth -= 1
        if depth > 0:
            continue
        if token.text in {";", "—", "–", "…", ":", "."} and not (token.text == "." and token.i + 1 < sent_end):
            return token.i
        if token.lower_ in STOP_WORDS and token.i > opener.i + 1 and not inside_name(token) and not in_as_well_as(token):
            return token.i
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound", "nmod"} and token.i > opener.i + 1:
            return token.i  # a clause starts (`a betting firm` goes on; `, accusing it` does not)
    return sent_end


def in_as_well_as(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "as" and (
        (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "well") or (token.i >= 2 and doc[token.i - 1].lower_ == "well")
    )


def inside_name(token: Token) -> bool:
    """`Bank of America`: a stop word between two capitalised words belongs to a name."""
    doc = token.doc
    if token.ent_iob_ == "I":
        return True
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    return token.lower_ in {"of", "for", "and"} and doc[token.i - 1].text[:1].isupper() and doc[token.i + 1].text[:1].isupper() and doc[token.i - 1].pos_ == "PROPN"


def verb_of(token: Token) -> int:
    """Index of the nearest verb at or above `token` in the parse (-1 when none)."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in {"VERB", "AUX"}:
            return candidate.i
    return -1


def in_condition(verb: Token) -> bool:
    """The verb heads an `if` / `unless` clause, or is joined by `and` to one that does (`if convicted and sentenced`)."""
    current = verb
    for _ in range(4):
        if has_child(current, "mark", CONDITION_MARKS):
            return True
        if current.dep_ != "conj":
            return False
        current = current.head
    return False


def conditioned(verb: Token) -> bool:
    """An `if` / `unless` clause hangs on the verb: `faces a fine if found guilty`."""
    return any(c.dep_ == "advcl" and has_child(c, "mark", CONDITION_MARKS) for c in verb.children)


def only_possible(verb: Token) -> bool:
    """`could face`, `may be charged`, `would be fined`; but `said they would charge him` reports the actor's `will`."""
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"} & POSSIBILITY_MODALS
    return bool(modals - {"would"}) or ("would" in modals and (verb.dep_ != "ccomp" or is_passive(verb)))
