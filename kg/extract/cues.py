"""Reporting cues: the verb or phrase that attributes words to someone, and where it says they were said.

Small general word lists, matched against spaCy tokens outside quotation marks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span as TokenSpan, Token

# Lemmas of verbs that report speech or writing.
REPORTING = {
    "say", "write", "share", "post", "tell", "add", "announce", "stress", "tweet", "claim", "insist",
    "explain", "state", "note", "continue", "conclude", "reply", "respond", "answer", "argue", "warn",
    "admit", "acknowledge", "confirm", "deny", "declare", "remark", "comment", "recall", "reveal", "assert",
    "maintain", "allege", "complain", "urge", "caution", "emphasize", "emphasise", "joke", "quip", "exclaim",
    "shout", "read", "end", "begin", "blast", "slam", "praise", "promise", "vow", "pledge", "predict",
    "observe", "counter", "retort", "concede", "mention", "repeat", "reiterate", "ask", "describe", "call",
    "testify", "plead", "apologize", "apologise", "caption", "wonder", "suggest", "agree", "boast", "lament",
    "scoff", "snap", "gush", "muse", "speak", "report", "indicate", "contend", "charge", "accuse", "demand",
    "pen", "message", "show", "threaten",
}
# Cues that continue the previous quotation's speaker (`She adds, "..."`).
CONTINUING = {"continue", "add", "conclude", "end", "go", "finish", "follow", "reiterate", "repeat"}
# Nouns for something that carries words: `her statement continued`, `the filing states`.
DOCUMENTS = {
    "statement": "statement", "post": None, "tweet": "twitter", "message": None, "letter": "letter",
    "caption": None, "story": None, "stories": None, "release": "press_release", "note": None,
    "memo": "memo", "email": "email", "video": None, "update": None, "filing": "filing", "lawsuit": "filing",
    "suit": "filing", "complaint": "filing", "indictment": "filing", "petition": "filing", "motion": "filing",
    "affidavit": "filing", "documents": "filing", "docs": "filing", "papers": "filing", "brief": "filing",
    "ruling": "ruling", "order": "ruling", "report": "report", "notice": None, "announcement": "statement",
}
FILING_NOUNS = {k for k, v in DOCUMENTS.items() if v == "filing"}

_IRREGULAR = {
    "said": "say", "says": "say", "wrote": "write", "written": "write", "told": "tell", "spoke": "speak",
    "spoken": "speak", "began": "begin", "begun": "begin", "went": "go", "goes": "go", "penned": "pen",
    "read": "read", "reads": "read", "according": "according",
}
# Words that tell the channel, most specific first; checked on words outside quotation marks.
_CHANNELS = [
    ("twitter", re.compile(r"\b(twitter|tweet(?:s|ed|ing)?|retweet\w*|on x|x\.com|to x|x post)\b", re.I)),
    ("instagram", re.compile(r"\b(instagram|ig stor(?:y|ies)|insta)\b", re.I)),
    ("facebook", re.compile(r"\bfacebook\b", re.I)),
    ("threads", re.compile(r"\bthreads\b", re.I)),
    ("tiktok", re.compile(r"\btiktok\b", re.I)),
    ("youtube", re.compile(r"\byoutube\b", re.I)),
    ("linkedin", re.compile(r"\blinkedin\b", re.I)),
    ("truth_social", re.compile(r"\btruth social\b", re.I)),
    ("filing", re.compile(r"\b(filing|lawsuit|complaint|court (?:documents|docs|papers|filing)|indictment|affidavit|petition)\b", re.I)),
    ("press_release", re.compile(r"\bpress release|news release\b", re.I)),
    ("press_conference", re.compile(r"\b(press conference|news conference|press briefing|briefing)\b", re.I)),
    ("interview", re.compile(
        r"\b(?i:interview|podcast|speaking (?:exclusively )?(?:to|with)|told (?:a|an) (?:magazine|newspaper|reporter|radio))\b"
        r"|\btold (?:reporters|journalists|the [A-Z]\w+|[A-Z]\w+)"
    )),
    ("tv", re.compile(r"\b(on air|on television|tv appearance|appearance on|during an appearance|on the show|broadcast)\b", re.I)),
    ("letter", re.compile(r"\b(letter|memo|email)\b", re.I)),
    ("statement", re.compile(r"\bstatement\b", re.I)),
]
_PLATFORMS = {"twitter", "instagram", "facebook", "threads", "tiktok", "youtube", "linkedin", "truth_social"}


def reporting_lemma(token: Token) -> str | None:
    """The reporting lemma a token is a form of, or None (`writing` -> write, `states` -> state)."""
    return _reporting_lemma(token.text.lower(), token.lemma_.lower())


@lru_cache(maxsize=1 << 14)  # asked of most tokens, often more than once: words recur
def _reporting_lemma(word: str, lemma: str) -> str | None:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for candidate in (lemma, _strip_inflection(word)):
        if candidate in REPORTING:
            return candidate
    return None


def _strip_inflection(word: str) -> str:
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + repl
            if stem in REPORTING:
                return stem
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in REPORTING:  # `quipped`
                return stem[:-1]
    return word


def is_cue(token: Token) -> bool:
    """A reporting verb used as a verb (not `a statement`, `the claims`)."""
    lemma = reporting_lemma(token)
    if lemma is None:
        return False
    if lemma == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    if lemma in _RECORD_CUES and _person_subject(token):
        return False  # `Lee showed "no remorse"`: documents and data show; a person showing something says nothing
    if token.pos_ in ("VERB", "AUX"):
        # `a statement posted online`: a participle describing a noun is not the cue.
        return not _negated(token) and (token.dep_ not in ("acl", "amod") or name_verb_as_modifier(token))
    # Mis-tagged verbs: `the filing states`, `writing, "..."`; a determiner marks a real noun.
    if token.pos_ in ("NOUN", "ADJ") and token.i > 0 and not token.ent_type_:
        prev = token.nbor(-1)
        if prev.pos_ in ("DET", "PRON") and prev.dep_ in ("det", "poss"):
            return False
        return any(c.dep_ == "ccomp" for c in token.children) or token.dep_ in ("advcl", "ROOT", "nsubj", "conj", "pcomp", "xcomp") or prev.is_punct
    return False


# Cues that report only when a record is their subject (`the data show`, `the video shows`).
_RECORD_CUES = {"show"}
_PERSON_SUBJECTS = {"he", "she", "i", "we", "you", "they"}


def _person_subject(token: Token) -> bool:
    """A name or a personal pronoun as subject: `Lee showed`, not `records show`."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ == "PERSON" or subject.lower_ in _PERSON_SUBJECTS)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def said_through_relative(verb: Token) -> bool:
    """`X, who said ...`: the verb heads a relative clause whose subject is the relative pronoun."""
    return verb.dep_ == "relcl" and any(c.tag_ in ("WP", "WDT") and c.dep_ == "nsubj" for c in verb.children)


# Cue verbs whose passive subject is the one spoken to (`was told`, `had been warned`), not the speaker.
_TOLD_VERBS = {"tell", "warn", "inform", "advise", "remind", "assure", "caution", "urge", "ask", "instruct", "order", "promise"}


def name_verb_as_modifier(token: Token) -> bool:
    """`Mensah, who scored twice, posted online:`: the parser hung the verb on the name as a modifier;
    after a comma that closes the name's own clause it is the name's verb (`a video posted by X` has an agent)."""
    head = token.head
    return (
        token.dep_ == "acl" and head.pos_ == "PROPN" and head.i < token.i and token.i > 0 and token.doc[token.i - 1].text == ","
        and any(c.dep_ in ("relcl", "appos") for c in head.children) and not any(c.dep_ == "agent" for c in token.children)
    )


def told_passively(token: Token) -> bool:
    """`was told`, `had been warned`: a passive cue whose subject is the one spoken to."""
    return reporting_lemma(token) in _TOLD_VERBS and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def subject_of(token: Token) -> Token | None:
    """The grammatical speaker of a cue: its subject, or its governor's (`..., writing:`, `ends by saying`)."""
    if reporting_lemma(token) == "according":
        to = token.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    node = token
    for _ in range(4):
        # The parser sometimes splits a subject (`co - founder Aisha Rahman said`): the nearest one is the head.
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PUNCT"]
        if told_passively(node):
            # `the manager had been warned by the board to ...`: who was told is not who spoke; the agent is
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents[0] if agents else None
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - node.i))
            if said_through_relative(node) and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head  # `Lorcan Sippelwaite, who said ...`: the one the relative clause is about
            return subject
        agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        if node is token and name_verb_as_modifier(node):
            return node.head
        if node.dep_ in ("xcomp", "advcl", "pcomp", "conj", "prep", "acl") and node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def noun_phrase(head: Token) -> TokenSpan:
    """The words naming an entity: determiners, modifiers and name parts up to the head, no clauses."""
    keep = {"det", "amod", "compound", "poss", "case", "nmod", "nummod", "flat", "quantmod", "npadvmod"}
    start = head.i
    while start > 0:
        left = head.doc[start - 1]
        hyphen = left.text == "-" and start - 2 >= 0
        if (left.dep_ in keep or hyphen) and left.i < left.head.i <= head.i and (not left.is_punct or hyphen):
            start -= 1
        else:
            break
    end = head.i + 1
    while end < len(head.doc) and head.doc[end].dep_ in ("flat", "compound") and head.doc[end].head.i > head.i:
        end += 1
    return head.doc[start:end]


def named_apposition(head: Token) -> Token:
    """`The union's chair, Dr Jane Roe, said`, `A spokeswoman for the firm, Jo Vance, said`: the name in apposition."""
    if head.pos_ == "PROPN":
        # `The Health Secretary, Victoria Atkins, said`: a title parsed as a name, with the person in apposition.
        people = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        return people[0] if people and head.ent_type_ != "PERSON" else head
    # (not `Dayton, Ohio` inside `Bernadette Quill of Dayton, Ohio`: a place's apposition is its region)
    names = [t for t in head.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i
             and t.ent_type_ not in ("GPE", "LOC") and t.head.ent_type_ not in ("GPE", "LOC")]
    return names[-1] if names else head


def fallback_subject(doc: Doc, cue: Token, lo: int, hi: int) -> Token | None:
    """When the parse gives no subject: the name or noun right before the cue, or right after (`said Smith`)."""
    if told_passively(cue):
        return None  # the name before `was told` is the one spoken to
    i = cue.i - 1
    while i >= 0 and doc[i].idx >= lo and doc[i].pos_ in ("AUX", "ADV", "PART") and not doc[i].is_punct:
        i -= 1
    if i >= 0 and doc[i].idx >= lo and doc[i].pos_ in ("PROPN", "NOUN", "PRON") and doc[i].dep_ not in ("pobj", "dobj"):
        return doc[i]
    if i >= 0 and doc[i].idx >= lo and doc[i].pos_ == "PROPN" and _name_after_comma(doc, i, lo):
        return doc[i]  # `In a post on X, Acme CEO Jo Roe wrote:`: the parser hung the name on the phrase before the comma
    j = cue.i + 1
    if j < len(doc) and doc[j].idx < hi:
        while j < len(doc) and doc[j].pos_ in ("DET", "ADJ", "PROPN", "NOUN") and doc[j].idx < hi:
            j += 1
        last = doc[j - 1]
        if j - 1 > cue.i and last.pos_ in ("PROPN", "NOUN"):
            return last
    return None


def _name_after_comma(doc: Doc, i: int, lo: int) -> bool:
    """A run of name words and titles ending at token i that opens its clause (after a comma)."""
    j = i
    while j - 1 >= 0 and doc[j - 1].idx >= lo and (doc[j - 1].pos_ == "PROPN" or doc[j - 1].dep_ == "compound") and not doc[j - 1].is_punct:
        j -= 1
    return j < i and j - 1 >= 0 and doc[j - 1].text == ","


@lru_cache(maxsize=4096)  # asked again of the same stretches (a paragraph's lead-in for each of its quotes)
def channel_of(text: str) -> str | None:
    """The channel words in `text` name, the most specific first (a platform beats `statement`)."""
    for name, pattern in _CHANNELS:
        if pattern.search(text):
            return name
    return None


def is_platform(channel: str | None) -> bool:
    return channel in _PLATFORMS
