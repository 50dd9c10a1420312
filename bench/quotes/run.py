"""Statement extraction benchmark: `python bench/quotes/run.py [--split dev|heldout|heldout2|heldout3|heldout4|heldout5] [--oracle-entities] [-v]`.

Runs the full extractor (`kg.extract.extract`, real entities) over the short
articles in bench/quotes/articles/<split>/ and scores against gold/<split>.json.

- A gold statement is found when one predicted quote covers >= 30% of its characters.
- A predicted quote is correct when it covers >= 30% of some gold statement, or
  lies >= 50% inside one.
- Speaker accuracy: over found gold statements, the best-covering prediction's
  speaker entity name equals the gold speaker (NFKC, case-folded; null = unresolved).
  "lenient" also accepts a name that is part of the other (`Reyes` / `Lucia Reyes`); the last
  figure leaves out statements whose gold speaker the entity extractor did not produce at all.

`--oracle-entities` replaces the entity extractor with the gold speaker names, to score the
statement logic alone.

Splits: `dev` (29 articles) is what the rules were tuned on. `heldout` (14) was written with
it and scored untouched first; its errors were then looked at and three generic bugs fixed, so
it is no longer blind. `heldout2` (12) was written after that and is the honest blind number;
its first run is recorded in the report to the lead, later runs include fixes it prompted.
`heldout3` (5: sentencing, science study, Q&A interview, press-release rewrite, storm briefing)
was written after three blind articles were fixed; first run P=1.000 R=0.944 speaker=0.794,
later runs include the general fixes it prompted (remaining misses are entity-extractor gaps).
`heldout4` (6: live blog, wire citing outlets, multi-paragraph feature, embedded posts, lawsuit, press
conference) was written blind by a helper that had not read the extractors; first run P=1.000 R=0.907
speaker=0.857, later runs include the general fixes it prompted.
`heldout5` (6: obituary, match report, science study, campaign attack and response, jury verdict, earnings
call) was written blind by a helper that had not read the extractors, after the heldout4 fixes; first run
P=1.000 R=0.919 speaker=0.719, later runs include the general fixes it prompted.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from kg.extract import extract  # noqa: E402
from kg.extract.quotes import extract_quotes  # noqa: E402
from kg.extract.speakers import name_gender  # noqa: E402
from kg.nlp import analyse  # noqa: E402
from kg.records import EntityKind, Extraction, LocalEntity, Mention, Span  # noqa: E402
from kg.sources import read_file  # noqa: E402

FOUND = 0.30
INSIDE = 0.50


def fold(name: str | None) -> str | None:
    return unicodedata.normalize("NFKC", name).casefold().strip() if name else None


def covered(ranges: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in ranges)


def oracle_entities(article, names: list[str], doc) -> list[LocalEntity]:
    """Entities for the gold speakers only, every occurrence of the name or (for people) its last word."""
    import re

    people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    entities, taken = [], []
    for index, name in enumerate(sorted(set(names))):
        person = len(name.split()) > 1 and (name_gender(name.split()[0]) is not None or any(name in p for p in people))
        entity = LocalEntity(key=f"o{index}", name=name, kind=EntityKind.PERSON if person else EntityKind.ORGANIZATION)
        for form in [name] + ([name.split()[-1]] if person else []):
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", article.text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    taken.append((m.start(), m.end()))
                    entity.mentions.append(Mention(span=Span.at(article, m.start(), m.end())))
        entities.append(entity)
    return entities


def run_extraction(article, golds: list[dict], oracle: bool) -> Extraction:
    analysed = analyse(article)
    if not oracle:
        return extract(analysed)
    entities = oracle_entities(article, [g["speaker"] for g in golds if g["speaker"]], analysed.doc)
    return Extraction(article=article, entities=entities, quotes=extract_quotes(analysed, entities))


def score_split(split: str, verbose: bool, oracle: bool = False) -> dict:
    gold_all = json.loads((HERE / "gold" / f"{split}.json").read_text())
    totals = dict(gold=0, found=0, pred=0, correct=0, speaker=0, lenient=0, known=0, known_right=0)
    for filename, golds in sorted(gold_all.items()):
        [article] = list(read_file(HERE / "articles" / split / filename))
        extraction = run_extraction(article, golds, oracle)
        preds = []
        for quote in extraction.quotes:
            ranges = [(p.start, p.end) for p in quote.pieces] or [(quote.span.start, quote.span.end)]
            entity = extraction.entity(quote.speaker_key)
            preds.append((quote, ranges, entity.name if entity else None))
        gold_ranges = []
        for gold in golds:
            start = article.text.find(gold["quote"])
            assert start >= 0, f"{filename}: gold quote not in text: {gold['quote']!r}"
            gold_ranges.append((start, start + len(gold["quote"])))
        for gold, (gs, ge) in zip(golds, gold_ranges):
            totals["gold"] += 1
            best = max(preds, key=lambda p: covered(p[1], gs, ge), default=None)
            if best is None or covered(best[1], gs, ge) < FOUND * (ge - gs):
                if verbose:
                    print(f"  MISS {filename}: {gold['quote'][:70]!r}")
                continue
            totals["found"] += 1
            predicted, wanted = fold(best[2]), fold(gold["speaker"])
            strict = predicted == wanted
            lenient = strict or bool(predicted and wanted and (predicted in wanted or wanted in predicted))
            totals["speaker"] += strict
            totals["lenient"] += lenient
            # Whether the entity extractor gave us the gold speaker at all (null speakers count as known).
            names = {fold(n) for e in extraction.entities for n in (e.name, *e.aliases)}
            if wanted is None or wanted in names:
                totals["known"] += 1
                totals["known_right"] += strict
            if verbose and not strict:
                print(f"  SPEAKER {filename}: {gold['quote'][:50]!r} gold={gold['speaker']!r} got={best[2]!r}")
        for quote, ranges, _ in preds:
            totals["pred"] += 1
            size = sum(e - s for s, e in ranges) or 1
            ok = any(
                covered(ranges, gs, ge) >= FOUND * (ge - gs) or covered(ranges, gs, ge) >= INSIDE * size for gs, ge in gold_ranges
            )
            totals["correct"] += ok
            if verbose and not ok:
                print(f"  FALSE {filename}: [{quote.kind}] {quote.text[:70]!r}")
    return totals


def report(split: str, t: dict) -> str:
    p = t["correct"] / t["pred"] if t["pred"] else 0.0
    r = t["found"] / t["gold"] if t["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    sa = t["speaker"] / t["found"] if t["found"] else 0.0
    sl = t["lenient"] / t["found"] if t["found"] else 0.0
    sk = t["known_right"] / t["known"] if t["known"] else 0.0
    return (
        f"{split:15s} gold={t['gold']:3d} pred={t['pred']:3d}  P={p:.3f} R={r:.3f} F1={f1:.3f}  "
        f"speaker={sa:.3f} (lenient {sl:.3f}; {sk:.3f} over the {t['known']} whose speaker the entity extractor found)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"], action="append")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false quotes and wrong speakers")
    parser.add_argument(
        "--oracle-entities", action="store_true", help="give the quote extractor the gold speakers as entities (scores it alone)"
    )
    args = parser.parse_args()
    for split in args.split or ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"]:
        if args.verbose:
            print(f"--- {split}")
        totals = score_split(split, args.verbose, args.oracle_entities)
        print(report(split + ("/oracle" if args.oracle_entities else ""), totals))


if __name__ == "__main__":
    main()
