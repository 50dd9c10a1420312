"""Name candidates of one article: spaCy's entities, cleaned, plus names the text gives evidence for.

A candidate is one occurrence of a name (or `@handle`) with the character range it covers. Cleaning
cuts entities at line breaks, possessives and embedded platform/outlet names, trims titles and
function words, and drops captions, numbers and lowercase fragments. Extra candidates come from
legal-form suffixes (`Acme Widgets, Inc.`), handles, embedded-post signatures (`— Jane Roe (@janeroe)`),
source cues (`according to X`), honorifics (`Mr. Smith`), the platform/outlet lists and court names with
their district (`U.S. District Court for the Northern District of California`, one name). Names spaCy
split are joined again: a given name and its surname, `Lincoln` + `Elementary`, `St. Mary's` + `Medical
Center`, and any two pieces that make a name found whole elsewhere in the article (`Altura` + `Pay`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from .aliases import plain, words
from ..records import EntityKind
from .lexicon import first_name_gender, fold, lexicon

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "EVENT", "FAC", "WORK_OF_ART", "LOC"}
# Legal forms that end a company name on their own; `Group`, `Company` and `Holdings` can be plain words.
STRICT_SUFFIXES = {"inc", "llc", "llp", "ltd", "corp", "gmbh", "sa", "plc", "ag", "nv", "bv", "spa", "pty", "co", "sas", "lp"}
SOURCE_CUES = [("according", "to"), ("per",), ("told",), ("reported", "by"), ("interview", "with")]
_CUE_ENDINGS = {cue[-1] for cue in SOURCE_CUES} | {"the"}  # the word right before a name after a cue
_HANDLE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]{2,30})\b")
_CONNECT = {"of", "and", "&", "de", "du", "des", "la", "le", "van", "von", "der", "den", "al", "bin", "da", "di"}


@dataclass
class Candidate:
    start: int  # character offsets into the article text
    end: int
    text: str
    source: str  # a spaCy label, or HANDLE / SIGNATURE / SUFFIX / LEXICON / CUE / HONORIFIC / COURT
    handle_of: "Candidate | None" = None  # for a handle: the candidate naming its owner
    tags: set[str] = field(default_factory=set)

    @property
    def is_handle(self) -> bool:
        return self.source == "HANDLE"


def doc_text(doc: Doc) -> str:
    """The document's text, built once (`Doc.text` joins every token on each access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        # `Doc.text` joins the same, making every Token anew: join the list made once per doc
        text = doc.user_data["kg_text"] = "".join(t.text_with_ws for t in tokens_of(doc))
    return text


def tokens_of(doc: Doc) -> list:
    """The document's tokens, made once (iterating a Doc builds every Token object anew)."""
    tokens = doc.user_data.get("kg_tokens")
    if tokens is None:
        tokens = doc.user_data["kg_tokens"] = list(doc)
    return tokens


def lowers_of(doc: Doc) -> list[str]:
    """Each token's lowercase form, made once (the rules that look back for cue words ask often)."""
    lowers = doc.user_data.get("kg_lowers")
    if lowers is None:
        lowers = doc.user_data["kg_lowers"] = [t.lower_ for t in tokens_of(doc)]
    return lowers


def lemmas_of(doc: Doc) -> list[str]:
    """Each token's lowercase lemma, made once (rules that look for listed words ask of every token)."""
    lemmas = doc.user_data.get("kg_lemmas")
    if lemmas is None:
        lemmas = doc.user_data["kg_lemmas"] = [t.lemma_.lower() for t in tokens_of(doc)]
    return lemmas


def _capitalised(token) -> bool:
    first = _first_char(token.text)
    return first == "upper" or first == "digit" and token.pos_ == "PROPN"


@lru_cache(maxsize=1 << 15)  # asked of most tokens, many times: words recur
def _first_char(word: str) -> str | None:
    """`upper` / `digit` (of a word longer than one character) for the first character of the plain form, else None."""
    text = plain(word)
    if not text:
        return None
    if text[0].isupper():
        return "upper"
    return "digit" if text[0].isdigit() and len(text) > 1 else None


def _lexicon_name(span: SpacySpan) -> str | None:
    """`platform` / `outlet` when the span is a listed name."""
    lex = lexicon()
    key = " ".join(words(span.text))
    if key in lex.platforms:
        return "platform"
    if key in lex.outlets:
        return "outlet"
    return None


def collect(doc: Doc) -> list[Candidate]:
    """All name candidates, non-overlapping, in text order."""
    doc_tokens = tokens_of(doc)
    lexical = _lexicon_matches(doc)
    strong = _suffix_names(doc) + lexical + _honorific_names(doc) + _court_names(doc)
    cands = [c for c in strong]
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        pieces = _clean(doc, ent)
        for piece in pieces:
            # spaCy's label was given to the names together: each alone must earn its kind (`PROPN`)
            label = ent.label_ if len(pieces) == 1 or not piece[2] else "PROPN"
            cands.append(Candidate(doc_tokens[piece[0]].idx, _end_char(doc, piece[1]), "", label))
    cands += _cue_names(doc) + _given_name_runs(doc) + _proper_noun_runs(doc) + _nicknamed_names(doc)
    chosen = _join_split_names(doc, _without_overlaps(doc, cands))
    chosen = [c for c in chosen if not _junk(doc, c)]
    handles = _handles(doc, chosen)
    chosen += handles + _signature_names(doc, chosen + handles)
    chosen.sort(key=lambda c: (c.start, c.end))
    for cand in chosen:
        cand.text = doc_text(doc)[cand.start : cand.end]
        before = doc_text(doc)[max(0, cand.start - 16) : cand.start].split()
        if before and fold(before[-1]) in lexicon().honorifics and before[-1][:1].isupper():
            cand.tags.add("titled")  # `Mr. Okonkwo`: whatever spaCy called it, a title says person
    _link_handles(doc, chosen)
    return chosen


def _end_char(doc: Doc, token_end: int) -> int:
    doc_tokens = tokens_of(doc)
    last = doc_tokens[token_end - 1]
    return last.idx + len(last.text)


# --------------------------------------------------------------------------- cleaning spaCy's entities


def _clean(doc: Doc, ent: SpacySpan) -> list[tuple[int, int, bool]]:
    """Token ranges of the name(s) inside one spaCy entity, each with whether it was one of two
    coordinated names."""
    doc_tokens = tokens_of(doc)
    pieces: list[tuple[int, int]] = []
    start = ent.start
    for i in range(ent.start, ent.end):
        token = doc_tokens[i]
        breaks = token.is_space or "\n" in token.whitespace_ or token.text in {"(", ")", "|", "—", "–", ":", "\""}
        # `Acme’s Instagram` is two names; `Women's Wear Daily` and `Sheriff's Office` are one.
        possessive = token.text in {"'s", "’s", "’", "'"} and i + 1 < ent.end and _lexicon_name(doc[i + 1 : ent.end]) is not None
        if token.is_sent_start and i > start:
            pieces.append((start, i))  # `... on X. Coleman shared`: a name does not run across sentences
            start = i
        if token.is_space or token.text in {"(", ")", "|", "—", "–", ":", "\""} or possessive:
            pieces.append((start, i))
            start = i + 1
        elif breaks:
            pieces.append((start, i + 1))
            start = i + 1
    pieces.append((start, ent.end))
    names = []
    for s, e in pieces:
        parts = _coordinated(doc, s, e)
        names += [(*trimmed, len(parts) > 1) for part in parts if (trimmed := _trim(doc, *part, ent.label_))]
    return names


def _coordinated(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """`Dana Roe and Lee Park` (one entity to spaCy): two names, when each side has two or more
    capitalised proper nouns and one side is also written elsewhere in the article without the other.
    `Procter & Gamble` or `Marks and Spencer` have one word on a side; `Department of Health and
    Human Services` has a lowercase word."""
    doc_tokens = tokens_of(doc)
    for i in range(start + 2, end - 2):
        if doc_tokens[i].lower_ not in ("and", "&"):
            continue
        left, right = doc[start:i], doc[i + 1 : end]
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in (*left, *right)):
            return [(start, end)]
        text = doc_text(doc)
        whole = text.count(doc[start:end].text)
        if any(text.count(side.text) > whole for side in (left, right)):
            return [(start, i), (i + 1, end)]
        return [(start, end)]
    return [(start, end)]


def _titled(doc: Doc, start: int, end: int, label: str) -> bool:
    """A title opening a person's name (`Sen. Ruth Ames`), not an organization's (`General Motors`)."""
    doc_tokens = tokens_of(doc)
    if fold(doc_tokens[start].text) not in lexicon().honorifics or end - start < 2:
        return False
    return label == "PERSON" or first_name_gender(doc_tokens[start + 1].text) is not None


def _trim(doc: Doc, start: int, end: int, label: str = "") -> tuple[int, int] | None:
    doc_tokens = tokens_of(doc)
    while start < end and (
        not _capitalised(doc_tokens[start]) or _titled(doc, start, end, label) or doc_tokens[start].lower_ in {"the", "a", "an"}
        or _leading_role(doc, start, end) or _stray_letter(doc, start, end) or _title_word(doc, start, end)
    ):
        start += 1
    while end > start and (not _capitalised(doc_tokens[end - 1]) and doc_tokens[end - 1].text not in {".", "!"} or doc_tokens[end - 1].text in {"'s", "’s", "’", "'", ",", "-"}):
        if end - start >= 3 and doc_tokens[end - 2].text == "-" and not doc_tokens[end - 3].whitespace_ and not doc_tokens[end - 2].whitespace_ and (
            doc_tokens[end - 1].is_alpha and doc_tokens[end - 3].is_alpha and doc_tokens[end - 3].text[:1].isupper()
        ):
            break  # `Lee Jae-myung`: a hyphenated name part is lowercase after the hyphen
        end -= 1
    # A dot ending a name belongs to it only as part of an abbreviation (`Inc.`, `Jr.`).
    if end > start and doc_tokens[end - 1].text in {".", "!"}:
        end -= 1
    if end <= start:
        return None
    return start, end


def _title_word(doc: Doc, start: int, end: int) -> bool:
    """`Commissioner Robert Califf`: a word before a given name that opens a longer name is a title."""
    doc_tokens = tokens_of(doc)
    if end - start < 3 or doc_tokens[start].ent_type_ != "PERSON" or not doc_tokens[start].text.istitle():
        return False
    return first_name_gender(doc_tokens[start].text) is None and first_name_gender(doc_tokens[start + 1].text) is not None


def _stray_letter(doc: Doc, start: int, end: int) -> bool:
    """`posted on X. Coleman said`: a one-letter name ending a sentence, glued to the next sentence's subject."""
    doc_tokens = tokens_of(doc)
    token = doc_tokens[start]
    return end - start >= 2 and len(token.text) == 2 and token.text.endswith(".") and start > 0 and doc_tokens[start - 1].pos_ == "ADP"


def _leading_role(doc: Doc, start: int, end: int) -> bool:
    """`Goalkeeper Samuel Adeyemi`, `Model Amara Osei`: a capitalised role word before a name is not part of it."""
    doc_tokens = tokens_of(doc)
    if end - start < 2:
        return False
    roles = lexicon().roles_ending(doc_tokens[start].lower_)
    if not _capitalised(doc_tokens[start + 1]) or not any(len(r.words) == 1 for r in roles):
        return False
    # Person roles anywhere (`Stylist Grace Whitley`); others only opening a sentence (`Startup Brightloop unveils`),
    # since `Union Pacific` or `Bank Leumi` mid-sentence are names.
    return any(r.kind in (None, EntityKind.PERSON) for r in roles) or doc_tokens[start].is_sent_start


def _junk(doc: Doc, cand: Candidate) -> bool:
    """Captions, widgets, numbers, dates and quoted fragments that are not names."""
    if cand.source in {"HANDLE", "SIGNATURE", "SUFFIX", "LEXICON"}:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return True
    lex = lexicon()
    tokens = [t for t in tokens_of(doc)[span.start : span.end] if not t.is_punct]
    if not tokens or not any(ch.isalpha() for ch in span.text):
        return True
    if sum(t.lower_ in lex.junk for t in tokens) * 2 >= len(tokens):
        return True
    if all(t.like_num or t.ent_type_ in {"DATE", "TIME", "MONEY", "CARDINAL"} and t.pos_ == "NUM" for t in tokens):
        return True
    # An all-capitals common word (`STORY`, `UPDATE`) is a heading, not a name.
    if len(tokens) == 1 and plain(tokens[0].text).isupper() and len(tokens[0].text) > 4 and tokens[0].lower_ in doc.vocab.strings:
        if tokens[0].is_stop or tokens[0].pos_ in {"NOUN", "VERB", "ADJ"} or lexicon().junk & {tokens[0].lower_}:
            return True
    if cand.source == "NORP":
        return True  # nationalities and groups (`American`, `Democrats`) are not entities here
    if _quoted_whole(doc_text(doc), cand.start, cand.end) and cand.source not in ("HONORIFIC",):
        return True  # `the hit "River Road"`, `Ramesh "Sunny" Balwani`: a title or nickname in quotes
    return False


def _quoted_whole(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 2].lstrip(",.")[:1] if text[end : end + 1] in ",." else text[end : end + 1]
    return before in ("\"", "“", "‘", "'") and after in ("\"", "”", "’", "'")


# --------------------------------------------------------------------------- names spaCy misses


def _suffix_names(doc: Doc) -> list[Candidate]:
    """`North Star Widgets, Inc.`: a capitalised run ending in a legal-form suffix is a company name."""
    doc_tokens = tokens_of(doc)
    found = []
    for token in doc_tokens:
        if not token.text[:1].isupper() or fold(token.text) not in STRICT_SUFFIXES:
            continue
        i = token.i - 1
        if i >= 0 and doc_tokens[i].text == ",":
            i -= 1
        start = None
        start_char = None
        while i >= 0:
            tok = doc_tokens[i]
            if tok.is_space or "\n" in tok.whitespace_:
                break
            glued = re.split(r"--|[()\[\]—/]", tok.text)
            if len(glued) > 1:
                # `WIRE)--Clearwave`: the tokenizer glued a dateline to the name; keep what follows the break.
                tail = glued[-1]
                if tail[:1].isupper() and tail.isalpha():
                    start, start_char = i, tok.idx + len(tok.text) - len(tail)
                break
            if _capitalised(tok) and not tok.is_punct or tok.text == "-" and start is not None:
                if tok.text != "-":
                    start, start_char = i, None
            elif not (tok.lower_ in _CONNECT and start is not None):
                break
            elif tok.lower_ in ("of", "at") and i >= 2 and first_name_gender(doc_tokens[i - 2].text) and doc_tokens[i - 1].text.istitle():
                break  # `Martin Hale of Bindmans LLP`: a person of a firm, not one name
            if tok.is_sent_start:
                break
            i -= 1
        # A sentence's first word is part of the name only if it is a proper noun (`Yesterday Acme Inc.`).
        if start is not None and start_char is None and doc_tokens[start].is_sent_start and doc_tokens[start].pos_ != "PROPN" and start + 1 < token.i:
            start += 1
        if start is None:
            continue
        while start_char is None and doc_tokens[start].lower_ in _CONNECT | {"the"}:
            start += 1
        if start >= token.i:
            continue
        end_char = token.idx + len(token.text)
        cand = Candidate(start_char if start_char is not None else doc_tokens[start].idx, end_char, "", "SUFFIX")
        found.append(cand)
    return found


def _court_names(doc: Doc) -> list[Candidate]:
    """`U.S. District Court for the Northern District of California`, `Court of Appeals for the Ninth Circuit`:
    a capitalised run ending in a court word, with its `of X` and `for (the) X (of Y)` parts, is one name."""
    doc_tokens = tokens_of(doc)
    heads = {h for h in lexicon().court_heads if " " not in h}
    found = []
    for token in doc_tokens:
        if token.lower_ not in heads or not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0 and not doc_tokens[start].is_sent_start and _capitalised(doc_tokens[start - 1]) and not doc_tokens[start - 1].is_punct \
                and "\n" not in doc_tokens[start - 1].whitespace_ and doc_tokens[start - 1].lower_ not in ("the", "a", "an"):
            start -= 1
        end = token.i + 1
        if end < len(doc) - 1 and doc_tokens[end].lower_ == "of" and _capitalised(doc_tokens[end + 1]):
            end = _capitalised_run(doc, end + 1, connector="of")  # `Court of Appeals`, not `Court Justice Amy Barrett`
        if end < len(doc) - 2 and doc_tokens[end].lower_ == "for" and doc_tokens[end + 1].lower_ == "the":
            after = _capitalised_run(doc, end + 2, connector="of")
            if after > end + 2:
                end = after
        elif end < len(doc) - 1 and doc_tokens[end].lower_ == "for" and doc_tokens[end + 1].ent_type_ not in ("DATE", "TIME", "PERSON", "MONEY"):
            after = _capitalised_run(doc, end + 1, connector="of")  # `Court of Arbitration for Sport`
            if after > end + 1:
                end = after
        if end > token.i + 1 or start < token.i:
            found.append(Candidate(doc_tokens[start].idx, _end_char(doc, end), "", "COURT"))
    return found


def _capitalised_run(doc: Doc, i: int, connector: str) -> int:
    """End of the capitalised words from i (none: i), with `connector` allowed between them."""
    doc_tokens = tokens_of(doc)
    end = i
    while i < len(doc) and "\n" not in doc_tokens[i - 1].whitespace_:
        if _capitalised(doc_tokens[i]) and not doc_tokens[i].is_punct:
            i += 1
            end = i
        elif doc_tokens[i].lower_ == connector and i + 1 < len(doc) and _capitalised(doc_tokens[i + 1]):
            i += 1
        else:
            break
    return end


def _lexicon_matches(doc: Doc) -> list[Candidate]:
    """Listed platforms and outlets, capitalised as names; everyday-word names need an entity or cue over them."""
    doc_tokens = tokens_of(doc)
    lex = lexicon()
    found = []
    longest = 4
    openers = _lexicon_openers()
    lowers = lowers_of(doc)
    i = 0
    while i < len(doc):
        hit = None
        if lowers[i] not in openers or not _capitalised(doc_tokens[i]):  # a listed name opens capitalised
            i += 1
            continue
        for n in range(longest, 0, -1):
            if i + n > len(doc):
                continue
            # checked on the tokens before a Span is made: most stretches fail here
            if not all(_capitalised(t) or t.lower_ in _CONNECT or t.text in {"!", "'s", "’s", "-", "."} for t in doc_tokens[i : i + n]):
                continue
            span = doc[i : i + n]
            kind = _lexicon_name(span)
            if kind is None:
                continue
            key = " ".join(words(span.text))
            if key in lex.ambiguous and not (_under_entity(span) or _after_cue(doc, span.start) or _platform_context(doc, span)):
                continue
            if span[-1].is_punct:
                continue
            hit = (n, kind)
            break
        if hit:
            start = i
            if i > 0 and doc_tokens[i - 1].lower_ == "the" and doc_tokens[i - 1].text == "The" and hit[1] == "outlet":
                start = i - 1  # `The Guardian`: the article is part of the title
            found.append(Candidate(doc_tokens[start].idx, _end_char(doc, i + hit[0]), "", "LEXICON", tags={hit[1]}))
            i += hit[0]
        else:
            i += 1
    return found


@lru_cache(maxsize=1)
def _lexicon_openers() -> frozenset[str]:
    """First words (lowercased, as tokens) of listed names: only these can start a match."""
    lex = lexicon()
    return frozenset(name.split()[0].split("'")[0].split("’")[0] for name in lex.platforms | lex.outlets | {"the"})


def _under_entity(span: SpacySpan) -> bool:
    """An entity over the listed name, not one running on before it (`Kingsport Athletic` is not `The Athletic`)."""
    doc = span.doc
    opens = span[0].ent_iob_ == "B" or span.start > 0 and doc[span.start - 1].lower_ == "the"
    return all(t.ent_type_ in {"ORG", "PERSON", "GPE", "PRODUCT", "WORK_OF_ART", "NORP"} for t in span) and not span[0].is_sent_start and opens


def _after_cue(doc: Doc, start: int) -> bool:
    """`according to X`, `per X`, `told X`, also with `the` before X."""
    lowers = lowers_of(doc)
    if start <= 0 or lowers[start - 1] not in _CUE_ENDINGS:
        return False  # asked of most capitalised words: the word before decides at once
    if lowers[start - 1] == "the" and _after_cue(doc, start - 1):
        return True
    for cue in SOURCE_CUES:
        n = len(cue)
        if start - n >= 0 and tuple(lowers[start - n : start]) == cue:
            return True
    return False


def _platform_context(doc: Doc, span: SpacySpan) -> bool:
    doc_tokens = tokens_of(doc)
    before = doc_tokens[span.start - 1].lower_ if span.start else ""
    after = doc_tokens[span.end].lower_ if span.end < len(doc) else ""
    return before in {"on", "via"} and after in {"post", "posts", "account", "page", "video", "story", "stories", "live", ",", "."} or after in {
        "post", "posts", "account", "video", "videos", "livestream",
    }


def _honorific_names(doc: Doc) -> list[Candidate]:
    """`Mr. Okafor`, `Sen. Ruth Ames`, `Dr. Lee`: a courtesy title or office before a capitalised run."""
    doc_tokens = tokens_of(doc)
    lex = lexicon()
    found = []
    for token in doc_tokens:
        if not token.text[:1].isupper() or fold(token.text) not in lex.honorifics:
            continue
        nxt = doc_tokens[token.i + 1] if token.i + 1 < len(doc) else None
        # `Sen.`, `Mr` always; a title word (`Princess`, `Coach`) only before a given name or a person spaCy found.
        given = nxt is not None and nxt.pos_ == "PROPN" and (first_name_gender(nxt.text) is not None or nxt.ent_type_ == "PERSON")
        if token.text.endswith(".") or token.text in {"Mr", "Mrs", "Ms", "Dr"} or given:
            i = token.i + 1
            while i < len(doc) and (doc_tokens[i].text == "." or fold(doc_tokens[i].text) in lex.honorifics):
                i += 1  # `Mrs Justice Priya Chandran`, `Vice Admiral Sir Tim Laurence`
            start = i
            while i < len(doc) and _capitalised(doc_tokens[i]) and doc_tokens[i].pos_ == "PROPN" and i - start < 4:
                i += 1
            if i > start:
                found.append(Candidate(doc_tokens[start].idx, _end_char(doc, i), "", "HONORIFIC"))
    return found


def _given_name_runs(doc: Doc) -> list[Candidate]:
    """`Max Verstappen won`: a known given name and a capitalised proper noun after it, outside any entity."""
    doc_tokens = tokens_of(doc)
    found = []
    for token in doc_tokens:
        # spaCy calls some given names a nationality (`Tyrese Gant`): NORP on a given name opening a run does not count.
        norp = token.ent_type_ == "NORP" and token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc_tokens[token.i + 1].ent_iob_ != "I")
        if token.ent_type_ and not norp or token.pos_ != "PROPN" or not token.text.istitle() or first_name_gender(token.text) is None:
            continue
        if token.i > 0 and doc_tokens[token.i - 1].lower_ in ("the", "a", "an") or fold(token.text) in lexicon().honorifics:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and doc_tokens[end].pos_ == "PROPN" and doc_tokens[end].text[:1].isupper() and not doc_tokens[end].ent_type_ \
                and fold(doc_tokens[end].text) not in lexicon().honorifics:
            if "\n" in doc_tokens[end - 1].whitespace_:
                break
            end += 1
        if end > token.i + 1 and not doc_tokens[end - 1].is_punct:
            found.append(Candidate(token.idx, _end_char(doc, end), "", "GIVEN"))
    return found


def _proper_noun_runs(doc: Doc) -> list[Candidate]:
    """`beat the Boston Celtics`: capitalised proper nouns spaCy left outside every entity.

    They count only if evidence turns up later (kinds.py, relations.py); with none they are dropped.
    """
    doc_tokens = tokens_of(doc)
    found = []
    i = 0
    while i < len(doc):
        token = doc_tokens[i]
        if token.ent_type_ or token.pos_ != "PROPN" or not token.text[:1].isupper() or not token.text[1:].replace("-", "").isalpha():
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < 5 and doc_tokens[end].pos_ == "PROPN" and doc_tokens[end].text[:1].isupper() and not doc_tokens[end].ent_type_:
            if "\n" in doc_tokens[end - 1].whitespace_:
                break
            end += 1
        run = doc_tokens[i:end]
        lex = lexicon()
        glued = i > 0 and doc_tokens[i - 1].text in ("-", "–") and not doc_tokens[i - 1].whitespace_  # `Director-General`
        titles = any(lex.roles_ending(t.lower_) or fold(t.text) in lex.honorifics or t.lower_ in lex.junk for t in run)
        # A sentence's first word alone is often not a name (`Meanwhile`). As the subject tagged PROPN it
        # may be; so may a given name whose surname alone spaCy took for a person (`Ulric` in `Ulric
        # Fenwick told ...`, which the parse makes a compound of that surname).
        opener = token.is_sent_start and end == i + 1 and token.dep_ != "nsubj" and not _opens_person(doc, i)
        if not opener and not glued and not titles:
            found.append(Candidate(token.idx, _end_char(doc, end), "", "PROPN"))
        i = end
    return found


def _opens_person(doc: Doc, i: int) -> bool:
    """The token is a compound of the next token, which opens a PERSON entity."""
    doc_tokens = tokens_of(doc)
    token = doc_tokens[i]
    return i + 1 < len(doc) and token.dep_ == "compound" and token.head.i == i + 1 and doc_tokens[i + 1].ent_type_ == "PERSON" and doc_tokens[i + 1].ent_iob_ == "B"


_NICKNAMED = re.compile(r"\b([A-Z][^\W\d_]+) [\"“][^\"”\n]{1,40}[\"”] ([A-Z][^\W\d_]*(?:-[A-Z][^\W\d_]*)?)\b")


def _nicknamed_names(doc: Doc) -> list[Candidate]:
    """`Rasmus "the Lighthouse" Oyelaran`: a capitalised word, a short quoted nickname, a capitalised surname."""
    found = []
    lex = lexicon()
    for match in _NICKNAMED.finditer(doc_text(doc)):
        surname = doc.char_span(*match.span(2))
        if surname is None or not all(t.pos_ == "PROPN" or t.text == "-" for t in surname):
            continue
        word = surname[-1].lower_
        if word in lex.name_heads or lex.roles_ending(word):
            continue  # `Apple "Think Different" Campaign`
        found.append(Candidate(match.start(1), match.end(2), "", "NICKNAME"))
    return found


def _cue_names(doc: Doc) -> list[Candidate]:
    """`according to Modern Retail`, `told Channel Ten`: a capitalised run after a source cue."""
    doc_tokens = tokens_of(doc)
    found = []
    for token in doc_tokens:
        if not _capitalised(token) or token.is_sent_start and token.lower_ != "per" and not _after_cue(doc, token.i):
            continue
        if not _after_cue(doc, token.i) or token.lower_ in {"the", "a", "an", "me", "him", "her", "them", "us"}:
            continue
        i = token.i
        while i < len(doc) and (_capitalised(doc_tokens[i]) or doc_tokens[i].lower_ in _CONNECT and i + 1 < len(doc) and _capitalised(doc_tokens[i + 1])) and not doc_tokens[i].is_punct:
            i += 1
        if i > token.i and token.pos_ in {"PROPN", "NOUN"}:
            found.append(Candidate(token.idx, _end_char(doc, i), "", "CUE"))
    return found


# --------------------------------------------------------------------------- handles


def _handles(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    taken = [(c.start, c.end) for c in named]
    found = []
    for match in _HANDLE.finditer(doc_text(doc)):
        start, end = match.span()
        # Inside an email address or URL the @ is not a handle.
        if start > 0 and doc_text(doc)[start - 1] in ".:/" or any(s <= start < e for s, e in taken):
            continue
        found.append(Candidate(start, end, "", "HANDLE"))
    return found


def _signature_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """`— 𝐉𝐚𝐧𝐞 (@janeroe) May 2, 2024`: an embedded post's display name, whatever its letters, before `(@handle)`."""
    found = []
    for cand in cands:
        if not cand.is_handle or "(" not in doc_text(doc)[max(0, cand.start - 3) : cand.start]:
            continue
        paren = doc_text(doc).rfind("(", 0, cand.start)
        if any(doc_text(doc)[c.end : paren].strip() == "" and c.end <= paren for c in cands if not c.is_handle):
            continue
        dash = max(doc_text(doc).rfind("\n", 0, paren), doc_text(doc).rfind("—", 0, paren), doc_text(doc).rfind("–", 0, paren))
        if dash < 0 or paren - dash > 60:
            continue
        name = doc_text(doc)[dash + 1 : paren]
        start, end = dash + 1 + len(name) - len(name.lstrip()), dash + 1 + len(name.rstrip())
        if end > start and any(ch.isalpha() for ch in doc_text(doc)[start:end]):
            found.append(Candidate(start, end, "", "SIGNATURE"))
    return found


def _link_handles(doc: Doc, cands: list[Candidate]) -> None:
    """`Jane Roe (@janeroe)`: the handle belongs to the name just before the parenthesis."""
    for index, cand in enumerate(cands):
        if not cand.is_handle or "(" not in doc_text(doc)[max(0, cand.start - 3) : cand.start]:
            continue
        paren = doc_text(doc).rfind("(", 0, cand.start)
        owner = next((j for j in range(index - 1, -1, -1) if not cands[j].is_handle), None)
        if owner is not None and cands[owner].end <= paren and doc_text(doc)[cands[owner].end : paren].strip() == "":
            cand.handle_of = cands[owner]
            line = doc_text(doc)[max(0, doc_text(doc).rfind("\n", 0, cands[owner].start)) : cands[owner].start]
            if line.rstrip().endswith(("—", "–", "-")):
                cands[owner].tags.add("post_signature")  # `— Name (@handle) date`: who posted


# --------------------------------------------------------------------------- overlaps


_PRIORITY = {"SUFFIX": 0, "COURT": 0.5, "LEXICON": 1, "NICKNAME": 2, "PERSON": 3, "ORG": 3, "HONORIFIC": 3.5, "GPE": 4, "CUE": 5, "GIVEN": 7, "PROPN": 8, "NORP": 9}


def _join_split_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """`Tomasz` (a proper noun spaCy skipped) + `Nowak` (its PERSON): one name when only a space divides them."""
    cands = sorted(cands, key=lambda c: c.start)
    known = {}  # multi-word names as found: `Altura Pay` there joins `Altura` + `Pay` split elsewhere
    for c in cands:
        if len(words(doc_text(doc)[c.start : c.end])) >= 2 and c.source in ENTITY_LABELS | {"SUFFIX", "LEXICON"}:
            known.setdefault(doc_text(doc)[c.start : c.end], c.source)
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        between = doc_text(doc)[prev.end : cand.start] if prev is not None else ""
        joined = doc_text(doc)[prev.start : cand.end] if prev is not None else ""
        if prev is not None and between == " " and joined in known and not prev.is_handle and not cand.is_handle:
            out[-1] = Candidate(prev.start, cand.end, "", known[joined], tags=prev.tags | cand.tags)
            continue
        if (
            prev is not None and cand.source == "PERSON" and between == " " and len(words(doc_text(doc)[prev.start : prev.end])) <= 2
            and (prev.source in ("PROPN", "GIVEN") or _compound_of(doc, prev, cand))
        ):
            out[-1] = Candidate(prev.start, cand.end, "", "PERSON", tags=prev.tags | cand.tags)
            continue
        if (
            prev is not None and prev.source in ("PERSON", "PROPN", "GIVEN") and cand.source in ("GPE", "ORG", "PROPN", "FAC") and between == " "
            and len(words(doc_text(doc)[prev.start : prev.end])) == 1 and len(words(doc_text(doc)[cand.start : cand.end])) == 1
            and first_name_gender(doc_text(doc)[prev.start : prev.end]) is not None
        ):
            # `Ana` (PERSON) + `Lima` (GPE): a given name and the surname spaCy took for a place.
            out[-1] = Candidate(prev.start, cand.end, "", "PERSON", tags=prev.tags | cand.tags)
            continue
        if (
            prev is not None and prev.source in ("ORG", "PERSON", "GPE", "PROPN", "GIVEN") and cand.source == "PROPN" and between == " "
            and lexicon().name_heads.get(doc_text(doc)[cand.start : cand.end].lower()) == EntityKind.ORGANIZATION
        ):
            # `Lincoln` (ORG) + `Elementary`: a word that ends organizations' names, right after a name, belongs to it.
            out[-1] = Candidate(prev.start, cand.end, "", "ORG", tags=prev.tags | cand.tags)
            continue
        if (
            prev is not None and prev.source in ("ORG", "PERSON", "GPE", "PROPN") and cand.source == "PROPN" and between in ("'s ", "’s ")
            and len(words(doc_text(doc)[cand.start : cand.end])) <= 3
            and lexicon().name_heads.get(words(doc_text(doc)[cand.start : cand.end])[-1]) == EntityKind.ORGANIZATION
        ):
            # `St. Mary's` + `Medical Center`: an institution named after someone, possessive and all.
            out[-1] = Candidate(prev.start, cand.end, "", "ORG", tags=prev.tags | cand.tags)
            continue
        out.append(cand)
    return out


def _compound_of(doc: Doc, prev: Candidate, cand: Candidate) -> bool:
    """`Octavia` (GPE to spaCy) + `Delacroix-Benn` (PERSON): one word the parse makes part of the name after it."""
    span = doc.char_span(prev.start, prev.end)
    return span is not None and len(span) == 1 and span[0].dep_ == "compound" and cand.start <= span[0].head.idx < cand.end


def _without_overlaps(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Keep the strongest candidate where several overlap; an entity around a listed name keeps its other words."""
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (_PRIORITY.get(c.source, 6), -(c.end - c.start), c.start)):
        clash = [c for c in chosen if c.start < cand.end and cand.start < c.end]
        if not clash:
            chosen.append(cand)
            continue
        if cand.source in ENTITY_LABELS and len(clash) == 1 and clash[0].source == "LEXICON" and clash[0].start == cand.start and (
            doc_text(doc)[clash[0].end : cand.end].strip()[:1].isupper()
            and not any(w.lower().strip(".,") in lexicon().junk for w in doc_text(doc)[clash[0].end : cand.end].split())
        ):
            # `BBC Sport`, `Reuters Breakingviews`: the listed name opens a longer name of the same outlet.
            clash[0].end = cand.end
            continue
        if cand.source in ENTITY_LABELS and all(c.source in ("LEXICON", "SUFFIX") for c in clash):
            # `Jane Roe Instagram`, `Martin Hale of Bindmans LLP`: keep the name beside the platform or company.
            rest = _outside(doc, cand, clash)
            chosen.extend(rest)
    return chosen


def _outside(doc: Doc, cand: Candidate, clash: list[Candidate]) -> list[Candidate]:
    doc_tokens = tokens_of(doc)
    pieces, cursor = [], cand.start
    for other in sorted(clash, key=lambda c: c.start):
        pieces.append((cursor, other.start))
        cursor = max(cursor, other.end)
    pieces.append((cursor, cand.end))
    out = []
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        trimmed = _trim(doc, span.start, span.end, cand.source)
        if trimmed:
            out.append(Candidate(doc_tokens[trimmed[0]].idx, _end_char(doc, trimmed[1]), "", cand.source))
    return out
