"""Social posts pasted into an article: text, then `— Name (@handle) Month D, YYYY` (the date on that line or the next).

This is the text an embedded tweet, Threads or Instagram post leaves when a page
is flattened; the signature line is a fixed format, so a regular expression
reads it. The post text is the line before a signature that stands on its own
line, or the words before it on the same line (after any earlier quotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import channel_of, is_platform

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
_SIGNATURE = re.compile(
    rf"(?P<dash>[—–]|--?)[ \t]*(?P<name>[^\n()—–]{{1,80}}?)[ \t]*\((?P<handle>@[\w.]{{1,30}})\)(?:[ \t]*\n)?[ \t]*(?:on[ \t]+)?(?P<date>{_DATE})?"
)
_INSTAGRAM = re.compile(
    rf"A post shared by[ \t]+(?P<name>[^\n()]{{1,80}}?)[ \t]*\((?P<handle>@[\w.]{{1,30}})\)(?:[ \t]*on[ \t]+(?P<date>{_DATE}))?"
)
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://\S+|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*))+\s*$", re.I)
_PLATFORM_HINTS = [("threads", "threads.net"), ("instagram", "instagram.com"), ("facebook", "facebook.com"), ("twitter", "twitter.com"), ("twitter", "t.co/"), ("twitter", "x.com/")]


@dataclass
class Post:
    start: int  # the post text, verbatim, without trailing links
    end: int
    name: tuple[int, int]
    handle: tuple[int, int]
    date: tuple[int, int] | None
    platform: str
    signature: tuple[int, int]  # the whole signature line


def find_posts(text: str, quoted: list[tuple[int, int]] = ()) -> list[Post]:
    """Embedded posts in `text`; `quoted` are (mark start, mark end) of quotations, which a post never spans."""
    posts = []
    for pattern, default in ((_SIGNATURE, "twitter"), (_INSTAGRAM, "instagram")):
        for match in pattern.finditer(text):
            if pattern is _SIGNATURE and not match.group("date"):
                continue  # `— Name (@handle)` alone is a photo credit or byline, not a post
            body = _body(text, match.start(), quoted, [p.signature for p in posts])
            if body is None:
                continue
            start, end = body
            signature_text = text[start : match.end()]
            platform = next((name for name, hint in _PLATFORM_HINTS if hint in signature_text), None)
            platform = platform or _platform_before(text, start) or default
            end = start + len(_TRAILING_LINKS.sub("", text[start:end]))
            if end - start < 2:
                continue
            posts.append(
                Post(
                    start=start,
                    end=end,
                    name=match.span("name"),
                    handle=match.span("handle"),
                    date=match.span("date") if match.group("date") else None,
                    platform=platform,
                    signature=(match.start(), match.end()),
                )
            )
    return sorted(posts, key=lambda p: p.start)


def _platform_before(text: str, start: int) -> str | None:
    """`She responded on Threads:` in the line before a post names its platform when no link does."""
    line_end = text.rfind("\n", 0, start)
    if line_end < 0:
        return None
    previous = text[text.rfind("\n", 0, max(0, line_end - 1)) + 1 : line_end]
    channel = channel_of(previous)
    return channel if is_platform(channel) else None


def _body(text: str, sig: int, quoted, earlier) -> tuple[int, int] | None:
    line_start = text.rfind("\n", 0, sig) + 1
    if not text[line_start:sig].strip():
        # The signature has its own line: the post is the previous non-blank line.
        end = line_start - 1
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
    else:
        start, end = line_start, sig
        for _, mark_end in quoted:
            if start <= mark_end <= sig:
                start = mark_end
        for _, sig_end in earlier:
            if start <= sig_end <= sig:
                start = sig_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
