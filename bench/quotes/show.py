"""Print the statements extracted from article files: `python bench/quotes/show.py seeds/`."""

import sys

from kg.extract import extract
from kg.nlp import analyse
from kg.sources import read_articles


def main(paths: list[str]) -> None:
    for article in read_articles(paths):
        if not hasattr(article, "text"):
            print(article)
            continue
        ex = extract(analyse(article))
        print(f"===== {article.id} (published {article.published})")
        for q in ex.quotes:
            ent = ex.entity(q.speaker_key)
            print(
                f"[{q.kind}] {q.text[:70]!r}{'…' if len(q.text) > 70 else ''} pieces={len(q.pieces)}\n"
                f"    speaker={ent.name if ent else None!r} via {q.speaker_mention.text if q.speaker_mention else None!r}"
                f" cue={q.cue!r} channel={q.channel} said={q.said.start if q.said else None} conf={q.confidence}"
            )


if __name__ == "__main__":
    main(sys.argv[1:] or ["seeds"])
