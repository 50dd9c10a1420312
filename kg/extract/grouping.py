"""Within one article: which name candidates name the same entity.

Before grouping, names spaCy found once are looked for again where it missed them, title-case
headline runs are cut back to a name the article uses (`Jane Roe Breaks Silence` -> `Jane Roe`), and
one capitalised word opening a headline (`Coach defends striker`) is kept only if the body names it.
Then, in order: identical names; short forms of a person's full name (first name, surname, `Jane R`,
`J. Smith`; a surname shared by two people goes to the nearest full name before it); the leading
words of a company name with a legal suffix; one distinctive word of an organization's name
(`Celtics`), or a generic last word when only one organization ends in it (`United` for `Westbrook
United`); acronyms; handles.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from ..records import EntityKind
from . import kinds as kinds_mod
from .aliases import acronym_of, handle_matches, has_legal_suffix, is_short_form, org_key, org_words, person_key, words
from .candidates import Candidate, doc_text, tokens_of
from .lexicon import first_name_gender, lexicon

K = EntityKind


def prepare(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Candidates with headline runs trimmed and missed repetitions of known names added."""
    return _propagate(doc, _trim_to_known_prefix(doc, _confirm_headline_openers(doc, _confirm_title_lines(doc, cands))))


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of headline-like lines: short, several words, no closing full stop (`Coach defends star striker`)."""
    ranges, start = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if 3 <= len(stripped.split()) <= 16 and not stripped.endswith((".", "?", "!", "\"", "”", ":", ",")):
            ranges.append((start + len(line) - len(line.lstrip()), start + len(line)))
        start += len(line) + 1
    return ranges


def _confirm_headline_openers(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """`Coach defends star striker after red card`: one capitalised word opening a headline is a name only if
    the body names it too (`Verstappen wins again` ... `Max Verstappen`); headlines capitalise their first word."""
    openers = {s for s, _ in headline_lines(doc_text(doc))}
    if not openers:
        return cands
    lines = headline_lines(doc_text(doc))
    body = [words(c.text) for c in cands if not c.is_handle and not any(s <= c.start < e for s, e in lines)]
    out = []
    for cand in cands:
        ws = words(cand.text)
        if cand.start in openers and len(ws) == 1 and not cand.is_handle and cand.source not in ("LEXICON", "SUFFIX", "SIGNATURE", "HONORIFIC") \
                and not any(ws == w or is_short_form(ws, w) or w[:1] == ws for w in body):
            continue
        out.append(cand)
    return out


def title_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of title-case lines (`Apple Unveils New iPhone As Sales Slow`), where every word looks like a name."""
    ranges, start = [], 0
    for line in text.split("\n"):
        # A headline: short, no closing full stop, (nearly) every longer word capitalised.
        headline = len(line.split()) <= 20 and not line.rstrip().endswith((".", "?\"", ".\"", ".”"))
        if headline:  # the words are counted only on short lines: most lines are paragraphs
            long_words = [w for w in line.split() if len(w) >= 4 and (w.isalpha() or sum(ch.isalpha() for ch in w) >= 4)]
            capitalised = [w for w in long_words if w.lstrip("‘'\"“(")[:1].isupper()]
            if len(long_words) >= 3 and len(capitalised) >= 0.8 * len(long_words):
                ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def _confirm_title_lines(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """In a title-case line spaCy's entities run on (`Judge Blocks Texas`): keep only names the body confirms,
    cut to the part it confirms; listed names, company suffixes and handles stand on their own."""
    lines = title_lines(doc_text(doc))
    if not lines:
        return cands

    def in_title(c: Candidate) -> bool:
        return any(s <= c.start < e for s, e in lines)

    known = [words(c.text) for c in cands if not c.is_handle and not in_title(c)]
    out = []
    for cand in cands:
        if not in_title(cand) or cand.is_handle or cand.source in ("LEXICON", "SUFFIX", "SIGNATURE"):
            out.append(cand)
            continue
        ws = words(cand.text)
        k = next((k for k in range(len(ws), 0, -1) if any(ws[:k] == w or is_short_form(ws[:k], w) for w in known)), 0)
        if not k:
            continue
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        tokens = [t for t in span or [] if not t.is_punct and t.text not in ("'s", "’s")]
        if len(tokens) >= k:
            cand.end = tokens[k - 1].idx + len(tokens[k - 1].text)
            cand.text = doc_text(doc)[cand.start : cand.end]
            out.append(cand)
    return out


def group(doc: Doc, cands: list[Candidate], evidence: list[Counter]) -> list[list[int]]:
    """Indexes of the candidates naming each entity, groups in a stable order."""
    return _Grouping(doc_text(doc), cands, evidence).run()


# --------------------------------------------------------------------------- before grouping


def _trim_to_known_prefix(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """`Jane Roe Breaks Silence` (a title-case headline) -> `Jane Roe` when the article names `Jane Roe` elsewhere."""
    known = {tuple(words(c.text)) for c in cands if not c.is_handle}
    for cand in cands:
        if cand.is_handle or cand.source not in ("PERSON", "ORG", "GPE", "SIGNATURE"):
            continue
        ws = words(cand.text)
        if len(ws) < 3:
            continue
        for k in range(len(ws) - 1, 1, -1):
            if tuple(ws[:k]) in known:
                span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
                tokens = [t for t in span or [] if not t.is_punct]
                if len(tokens) >= k:
                    cand.end = tokens[k - 1].idx + len(tokens[k - 1].text)
                    cand.text = doc_text(doc)[cand.start : cand.end]
                break
    return cands


def _propagate(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Find again, where spaCy missed them, the names it found elsewhere: `"...," Raman said.` after `Priya Raman`."""
    doc_tokens = tokens_of(doc)
    forms: set[tuple[str, ...]] = set()  # whole names, and a person's first name and surname
    single: set[tuple[str, ...]] = set()  # one word standing for an organization (`Clearwave`, `Lakers`)
    org_single: set[tuple[str, ...]] = set()  # one-word names spaCy called organizations
    for cand in cands:
        if cand.is_handle or cand.source in ("SIGNATURE", "CUE"):
            continue
        tokens = tuple(cand.text.replace("’s", "").replace("'s", "").split())
        if not tokens or not all(t[:1].isupper() for t in tokens if t.isalpha()):
            continue
        votes = kinds_mod.name_evidence(cand.text)
        if cand.source == "PERSON" and len(tokens) >= 2 and votes[K.PERSON] > 0:
            forms.update({tokens, tokens[-1:], tokens[:1]})
        elif cand.source in ("ORG", "SUFFIX", "LEXICON", "PERSON", "HONORIFIC", "PROPN"):
            forms.add(tokens)
            if cand.source == "ORG" and len(tokens) == 1 and tokens[0].isalpha() and not votes[K.PERSON]:
                org_single.add(tokens)  # `Mariners` again in `Mariners general manager Kendra Mills` (tagged a noun)
            if cand.source == "SUFFIX" and len(tokens) >= 3:
                single.add(tokens[:1])  # `Clearwave` for `Clearwave Therapeutics, Inc.`
            elif cand.source in ("ORG", "PROPN") and len(tokens) >= 2 and not votes[K.PERSON]:
                single.add(tokens[-1:])  # `Lakers` for `Los Angeles Lakers`
    # A generic word (`Rovers`, `United`) only where the article also names the one organization it ends.
    endings = Counter(name.split()[-1] for name in {c.text for c in cands if c.source in ("ORG", "PROPN") and len(c.text.split()) >= 2 and not c.is_handle})
    org_single = {t for t in org_single if t[0].lower() not in generic_words() or endings[t[0]] == 1}
    generic_single = {t for t in single if t[0].lower() in generic_words()}
    single = {t for t in single if t[0].lower() not in generic_words() or endings[t[0]] == 1}
    taken = [(c.start, c.end) for c in cands]
    added = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start: int, end: int) -> None:
        added.append(Candidate(start, end, doc_text(doc)[start:end], "PROPAGATED"))
        taken.append((start, end))

    texts = [t.text for t in doc_tokens]  # token texts once: slicing the Doc per form made this the hot spot
    lone = (single - forms) | org_single
    lone_words = {t[0] for t in lone | generic_single}
    for i, word in enumerate(texts):
        if word not in lone_words:
            continue
        token = doc_tokens[i]
        nxt = doc_tokens[token.i + 1] if token.i + 1 < len(doc) else None
        end = token.idx + len(token.text)
        tagged = token.pos_ in ("PROPN", "NOUN") or token.pos_ == "ADJ" and not token.is_sent_start  # the tagger varies
        if (token.text,) in generic_single and token.is_sent_start and not (nxt is not None and lexicon().roles_ending(nxt.lower_)):
            continue  # `Group stage matches begin`: a generic word opening a sentence is just capitalised (not `Rovers chairman X`)
        if (token.text,) in lone and tagged and (nxt is None or not nxt.text[:1].isupper()):
            if free(token.idx, end):
                add(token.idx, end)
    starting: dict[str, list[tuple[str, ...]]] = {}  # first word -> forms, longest first
    for form in sorted(forms, key=len, reverse=True):
        starting.setdefault(form[0], []).append(form)
    for i, word in enumerate(texts):
        if not word[:1].isupper() or word not in starting:
            continue
        token = doc_tokens[i]
        for form in starting[word]:
            n = len(form)
            if tuple(texts[i : i + n]) != form:
                continue
            span = doc[i : i + n]
            if any(t.pos_ != "PROPN" for t in span) or not free(span.start_char, span.end_char):
                break
            end = span.end_char
            after = doc_tokens[span.end] if span.end < len(doc) else None
            if n == 1 and after is not None and len(after.text.rstrip(".")) == 1 and after.text[:1].isupper() and token.whitespace_:
                end = after.idx + 1  # `Chloe B`: a first name and an initial
            add(span.start_char, end)
            break
    return sorted(cands + added, key=lambda c: (c.start, c.end)) if added else cands


_KIN_BEFORE = re.compile(
    r"\b(?:her|his|their|the|a)\s+(?:late\s+|former\s+|eldest\s+|youngest\s+|older\s+|younger\s+)?(?:daughter|son|wife|husband|"
    r"mother|father|sister|brother|widow|widower|grandson|granddaughter|grandmother|grandfather|niece|nephew|cousin|"
    r"aunt|uncle|stepson|stepdaughter|fianc[ée]e?)s?,?\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Name words too common to stand for one organization alone (`Union`, `Court`, `Post`, `Inc`)."""
    lex = lexicon()
    return frozenset(set(lex.name_heads) | lex.gov_heads | lex.court_heads | lex.outlet_heads | lex.legal_suffixes | {"the"})


# --------------------------------------------------------------------------- grouping


class _Grouping:
    def __init__(self, text: str, cands: list[Candidate], evidence: list[Counter]):
        self.text, self.cands = text, cands
        by_key: dict[str, list[int]] = {}
        for i, cand in enumerate(cands):
            if cand.is_handle:
                key = "@" + cand.text[1:].lower()
            else:
                key = (person_key(cand.text) if _person_like(evidence[i]) else org_key(cand.text)) or org_key(cand.text)
            by_key.setdefault(key, []).append(i)
        self.groups = list(by_key.values())
        self.votes = [sum((evidence[i] for i in g), Counter()) for g in self.groups]
        self.parent = list(range(len(self.groups)))
        self.split: dict[int, list[tuple[int, int]]] = {}  # group -> (candidate, anchor group) per mention
        self._surnames_confirm_people()

    def _surnames_confirm_people(self) -> None:
        """`Zoe Park` (spaCy: a facility) is a person when `Park` alone is called a person and `Zoe` is a given name."""
        alone = {self.words_of(n)[0] for n in range(len(self.groups))
                 if len(self.words_of(n)) == 1 and self.votes[n][K.PERSON] > 0 and kinds_mod.family(self.votes[n]) == "person"}
        places = {self.words_of(n)[0] for n in range(len(self.groups))
                  if len(self.words_of(n)) == 1 and self.votes[n][K.PLACE] > 0 and kinds_mod.family(self.votes[n]) == "place"}
        for n in range(len(self.groups)):
            ws = self.words_of(n)
            if len(ws) >= 2 and ws[-1] in alone and first_name_gender(ws[0].title()) and kinds_mod.family(self.votes[n]) != "person":
                self.votes[n][K.PERSON] += 2.0
            elif len(ws) == 2 and ws[-1] in places and not first_name_gender(ws[0].title()):
                self.votes[n][K.PERSON] *= 0.3  # `Beloved Brooklyn`: a place with a word before it, not a person

    def run(self) -> list[list[int]]:
        self._short_forms_of_people()
        self._leading_words_of_companies()
        self._distinctive_word_of_organizations()
        self._acronyms()
        self._handles()
        merged: dict[int, list[int]] = {}
        for n, g in enumerate(self.groups):
            if n not in self.split:
                merged.setdefault(self.find(n), []).extend(g)
        for pairs in self.split.values():
            for i, anchor in pairs:
                merged.setdefault(self.find(anchor), []).append(i)
        return [sorted(g) for _, g in sorted(merged.items())]

    # ----------------------------------------------------------------- helpers

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, n: int, into: int) -> None:
        self.parent[self.find(n)] = self.find(into)

    def first(self, n: int) -> Candidate:
        return self.cands[self.groups[n][0]]

    def words_of(self, n: int) -> list[str]:
        return words(self.first(n).text)

    def listed_or_company(self, n: int) -> bool:
        return any(self.cands[i].source in ("LEXICON", "SUFFIX") for i in self.groups[n])

    def leans(self, n: int, *families: str) -> bool:
        """The group has evidence, and it points to one of these families."""
        return bool(sum(self.votes[n].values())) and kinds_mod.family(self.votes[n]) in families

    def _org_votes(self, n: int) -> float:
        return sum(self.votes[n][k] for k in kinds_mod.ORG_FAMILY)

    def free_single(self, n: int) -> bool:
        return not self.first(n).is_handle and self.find(n) == n and n not in self.split and not self.listed_or_company(n)

    def group_of(self, i: int) -> int:
        return next(n for n, g in enumerate(self.groups) if i in g)

    # ----------------------------------------------------------------- steps

    def _short_forms_of_people(self) -> None:
        anchors = [n for n in range(len(self.groups)) if len(self.words_of(n)) >= 2 and not self.first(n).is_handle
                   and kinds_mod.family(self.votes[n]) == "person"]
        for n, g in enumerate(self.groups):
            if self.first(n).is_handle or self.listed_or_company(n):
                continue
            ws = self.words_of(n)
            fits = [a for a in anchors if a != n and is_short_form(ws, self.words_of(a)) and self._label_allows(n, ws, self.words_of(a))]
            if len(fits) > 1 and len(ws) == 1 and first_name_gender(ws[0].title()) is None:
                # a bare word that is no given name is a surname: `Okonjo` is Marguerite or Desmond Okonjo, not the
                # `Okonjo Loaves` spaCy took for a person too
                surnames = [a for a in fits if self.words_of(a)[-1] == ws[0]]
                fits = surnames or fits
            if len(fits) > 1 and len(ws) == 1:
                # `Her daughter, Morag Pennycuick`: news names a relative in full and keeps the bare surname
                # for the one the story is about
                principal = [a for a in fits if not self._introduced_as_kin(a)]
                fits = principal if len(principal) == 1 else fits
            if len(fits) == 1:
                self.join(n, fits[0])
            elif len(fits) > 1:
                # `Williams` with `Serena Williams` and `Venus Williams`: each mention goes to the nearest full name before it.
                self.split[n] = [(i, self._nearest_anchor(fits, self.cands[i].start)) for i in g]

    def _introduced_as_kin(self, n: int) -> bool:
        return any(_KIN_BEFORE.search(self.text[max(0, self.cands[i].start - 40) : self.cands[i].start]) for i in self.groups[n])

    def _label_allows(self, n: int, short: list[str], full: list[str]) -> bool:
        """A place-labelled short form joins a person only as the surname (spaCy often calls surnames GPE),
        or as a known given name (`"Marcus, you believed in me"`)."""
        labels = Counter(self.cands[i].source for i in self.groups[n])
        if labels["GPE"] + labels["LOC"] > labels["PERSON"]:
            surname = full[-len(short):] == short
            given = len(short) == 1 and short == full[:1] and first_name_gender(short[0].title()) is not None
            return surname or given
        return True

    def _nearest_anchor(self, anchors: list[int], start: int) -> int:
        def distance(a: int) -> tuple[int, int]:
            before = [start - self.cands[i].start for i in self.groups[a] if self.cands[i].start < start]
            after = [self.cands[i].start - start for i in self.groups[a] if self.cands[i].start > start]
            return (min(before), 0) if before else (10**9, min(after) if after else 10**9)

        return min(anchors, key=lambda a: (distance(a), a))

    def _leading_words_of_companies(self) -> None:
        """`Northwind` for `Northwind Logistics Inc.`, `Cascade` for `Cascade Beverage Group` (spaCy's
        organisation name ending in a legal form: the suffix finder leaves those to spaCy)."""
        companies = [n for n, g in enumerate(self.groups)
                     if any(self.cands[i].source == "SUFFIX" or self.cands[i].source == "ORG" and has_legal_suffix(self.text[self.cands[i].start : self.cands[i].end]) for i in g)]
        for n in range(len(self.groups)):
            # A word read as a given name on no other evidence (`Meta`) may still open a company's name.
            # spaCy's place label alone (0.4 a mention) is no reason to keep `Nimbus` from `Nimbus Systems Inc.`.
            placed = self.leans(n, "place") and self.votes[n][K.PLACE] > 0.4 * len(self.groups[n])
            if not self.free_single(n) or placed:
                continue
            ws = self.words_of(n)
            if self.leans(n, "person") and self.votes[n][K.PERSON] >= 1.0 and (first_name_gender(ws[0].title()) or self._a_persons_word(ws[0])):
                continue  # a given name, or a word of someone's name here: `Ford` may be Bill Ford, not Ford Motor Co.
            fits = [a for a in companies if a != n and org_key(self.first(a).text).split()[: len(ws)] == ws]
            if len(fits) == 1:
                self.join(n, fits[0])

    def _a_persons_word(self, word: str) -> bool:
        """Whether a person named in full in this article has `word` in their name."""
        return any(len(ws) >= 2 and word in ws for m in range(len(self.groups)) if self.find(m) == m and kinds_mod.family(self.votes[m]) == "person"
                   for ws in [self.words_of(m)])

    def _distinctive_word_of_organizations(self) -> None:
        """`Celtics` for `Boston Celtics`; `Meridian` for `Meridian Records` (the rest generic)."""
        generic = generic_words()
        orgs = [a for a in range(len(self.groups)) if len(self.words_of(a)) >= 2 and not self.first(a).is_handle
                and kinds_mod.family(self.votes[a]) == "org" and self.votes[a][K.PLACE] * 2 < self._org_votes(a)]
        for n in range(len(self.groups)):
            ws = self.words_of(n)
            if len(ws) != 1 or not self.free_single(n) or self.leans(n, "person", "place"):
                continue
            fits = []
            for a in orgs:
                full = org_words(self.first(a).text)
                if ws[0] in generic:
                    # `United` for `Westbrook United`: a generic word stands for the one organization named with it
                    # last, if the word alone already reads as an organization.
                    if full[-1:] == ws and self.leans(n, "org"):
                        fits.append(a)
                elif full[-1:] == ws or full[:1] == ws and all(w in generic for w in full[1:]):
                    fits.append(a)
            if len(fits) == 1:
                self.join(n, fits[0])

    def _acronyms(self) -> None:
        """`FBI` for `Federal Bureau of Investigation`, or any `(ABC)` right after a name."""
        for n, g in enumerate(self.groups):
            short = self.first(n).text
            if self.first(n).is_handle or not short.isupper() or len(words(short)) != 1:
                continue
            spelled = next((m for m in range(len(self.groups)) if m != n and not self.first(m).is_handle and acronym_of(short, self.first(m).text)), None)
            if spelled is not None:
                self.join(n, spelled)
                continue
            for i in g:
                prev = next((j for j in range(i - 1, -1, -1) if not self.cands[j].is_handle), None)
                if prev is not None and self.text[self.cands[prev].end : self.cands[i].start].strip() == "(":
                    self.join(n, self.group_of(prev))

    def _handles(self) -> None:
        """To the name just before `(@handle)`, else to the one name the handle spells."""
        position = {id(c): i for i, c in enumerate(self.cands)}
        for n, g in enumerate(self.groups):
            if not self.first(n).is_handle:
                continue
            owners = {self.group_of(position[id(self.cands[i].handle_of)]) for i in g
                      if self.cands[i].handle_of is not None and id(self.cands[i].handle_of) in position}
            if not owners:
                owners = {m for m in range(len(self.groups))
                          if not self.first(m).is_handle and handle_matches(self.first(n).text, self.words_of(m))}
            owners = {self.find(o) for o in owners}
            if len(owners) == 1:
                self.join(n, owners.pop())


def _person_like(votes: Counter) -> bool:
    return votes[K.PERSON] > 0 and kinds_mod.family(votes) == "person"


def bare_single_word(cands: list[Candidate], group: list[int]) -> bool:
    """One unknown word (not a given name), never part of a longer name here: `McLaren`."""
    names = [cands[i] for i in group if not cands[i].is_handle]
    if not names or len(names) < len(group):
        return False
    if any(len(words(c.text)) != 1 or c.source in ("HONORIFIC", "SIGNATURE") or c.tags for c in names):
        return False
    return first_name_gender(words(names[0].text)[0].title()) is None
