"""Quotation marks in running text: which stretches of an article are quoted.

Pure character logic, no parsing. Straight marks are told open from close by
the characters around them; a paragraph that ends inside a quote and a next
paragraph that reopens one continue the same quotation (news convention).
Single marks count as quotation only in a headline, or in articles that use
no double marks at all (British style), because `’` is also the apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
SINGLE_EITHER = "'"
# A mark directly after one of these opens a quotation.
_OPENS_AFTER = " \t\n([{—–-:;,…/"
# Trailing characters an attribution leaves inside the marks (`ended,”`).
_TRAILING = " \t\n,"


@dataclass
class Piece:
    """One quoted stretch inside one paragraph; offsets exclude the marks."""

    start: int
    end: int
    mark_start: int
    mark_end: int
    closed: bool = True


@dataclass
class Quotation:
    """Consecutive pieces that quote one passage (runs over paragraphs)."""

    pieces: list[Piece] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    @property
    def mark_start(self) -> int:
        return self.pieces[0].mark_start

    @property
    def mark_end(self) -> int:
        return self.pieces[-1].mark_end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: news paragraphs are lines."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _is_open(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENS_AFTER or before in DOUBLE_OPEN + SINGLE_OPEN) and not after.isspace()


def _is_close(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and not after.isalnum()


# Any mark of one kind (by `single`).
_MARKS = {
    single: re.compile("[" + re.escape(marks) + "]")
    for single, marks in ((True, SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER), (False, DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER))
}


def _scan(text: str, start: int, end: int, single: bool) -> list[Piece]:
    """Quoted pieces of text[start:end] (one paragraph); the last may be left open."""
    opens, closes, either = (SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER) if single else (DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER)
    pieces: list[Piece] = []
    open_at: int | None = None
    for mark in _MARKS[single].finditer(text, start, end):  # from mark to mark, not character by character
        i = mark.start()
        ch = text[i]
        if single and ch in closes + either and not _is_close(text, i, end):
            if not (open_at is None and ch in either and _is_open(text, i, start)):
                continue  # an apostrophe: `I’ve`, `Lee’s`
        if open_at is None:
            if ch in opens or (ch in either and _is_open(text, i, start)):
                open_at = i
            elif ch in closes and single is False and not pieces and _is_open(text, i, start):
                open_at = i  # a closing mark typed where an opening one belongs
            continue
        # Inside a quotation: a mark that can close does; an opening mark closes only by its context.
        if ch in closes or ch in either or _is_close(text, i, end):
            pieces.append(_piece(text, open_at, i, closed=True))
            open_at = None
    if open_at is not None:
        pieces.append(_piece(text, open_at, end, closed=False))
    return [p for p in pieces if p.end > p.start]


def _piece(text: str, mark: int, close: int, closed: bool) -> Piece:
    s, e = mark + 1, close
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in _TRAILING:
        e -= 1
    return Piece(start=s, end=e, mark_start=mark, mark_end=close + 1 if closed else close, closed=closed)


def uses_double_marks(text: str) -> bool:
    return any(ch in text for ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER)


def find_quotations(text: str, headline: tuple[int, int] | None = None) -> list[Quotation]:
    """Every quotation in `text`, in order. `headline` is the (start, end) of a headline line, if any."""
    single_body = not uses_double_marks(text[headline[1] :] if headline else text)
    quotations: list[Quotation] = []
    carrying: Quotation | None = None
    for start, end in paragraphs(text):
        in_headline = headline is not None and start == headline[0]
        pieces = _scan(text, start, end, single=single_body or in_headline)
        if in_headline and not pieces:
            pieces = _scan(text, start, end, single=False)
        first_mark = _first_non_space(text, start, end)
        for index, piece in enumerate(pieces):
            continues = carrying is not None and index == 0 and piece.mark_start == first_mark
            if continues:
                carrying.pieces.append(piece)
            else:
                carrying = None
                quotations.append(Quotation([piece]))
            if piece.closed:
                carrying = None
            else:
                carrying = quotations[-1]
        if not pieces:
            carrying = None
    return quotations


def _first_non_space(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i
