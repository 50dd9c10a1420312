"""Word-level differences between how sources word one statement (for the HTML report)."""

from __future__ import annotations

from html import escape

from .wordings import word_opcodes, wording_key


def diff_html(reference: str, wording: str) -> str:
    """`wording` as HTML: words it adds to the fullest wording in <ins>, words it drops from inside
    its excerpt in <del>; an excerpt's cut-off start or end is an ellipsis, not a deletion."""
    ref, own, opcodes = word_opcodes(reference, wording)
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if shared * 2 < len(own):  # mostly other words: a paraphrase, not an edit of the same quote
        return f'<span class="paraphrase" title="mostly different words from the fullest wording">{escape(wording)}</span>'
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        edge = index == 0 or index == len(opcodes) - 1
        if tag == "equal":
            parts.append(escape(" ".join(own[j1:j2])))
            continue
        if tag in ("delete", "replace") and not (tag == "delete" and edge):
            parts.append(f"<del>{escape(' '.join(ref[i1:i2]))}</del>")
        elif tag == "delete":
            parts.append('<span class="cut" title="this source quotes less">…</span>')
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(own[j1:j2]))}</ins>")
    return " ".join(parts)


def same_words(reference: str, wording: str) -> bool:
    return wording_key(reference) == wording_key(wording)
