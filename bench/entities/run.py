"""People precision / recall of the entity extractor against raw spaCy PERSON entities.

    python bench/entities/run.py            # every article, per-article lines, then dev / held-out / all summaries
    python bench/entities/run.py --quiet    # summaries only

Ours: each PERSON entity is one prediction; it is correct when its name or one of its aliases is a
gold person's name (or a short form of exactly one gold name); a second entity for the same gold
person counts as a false positive (a failure to collapse aliases).
spaCy: each distinct PERSON string (possessive stripped) is one prediction, correct when it is a
gold name or a short form of one (lenient: spaCy has no alias collapsing to judge).

First (blind) runs of the later splits, people micro P/R, ours vs spaCy:
  held_out  0.848/0.966 vs 0.882/0.931   (then used for error analysis)
  fresh     0.800/0.952 vs 0.893/0.952   (then used for error analysis)
  fresh2    0.923/0.960 vs 0.935/0.960   (after adding two people the gold list had missed; then analysed)
  fresh3    0.741/0.870 vs 0.794/1.000   (same; a body line taken for a headline, titles, `the X`; then analysed)
  fresh4    0.885/1.000 vs 0.963/0.913   (a song title and a nickname in quotes, `San Francisco`; then analysed)
  fresh5    0.870/0.870 vs 0.840/0.783   (titles `Mrs Justice`, `Vice Admiral Sir`, `X of Firm LLP`; then analysed)
  fresh6    0.950/0.950 vs 0.864/0.900   (`Jefferson Elementary` as a person, a signed player missed; then analysed)
  fresh7    0.917/1.000 vs 0.846/0.773   (written blind by a helper; `Fromagerie X`, `Laiterie Y` as people; then analysed)
  fresh8    1.000/0.947 vs 0.875/0.895   (written blind by a helper; one person missed; then analysed)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from kg.extract.aliases import is_short_form, person_key, strip_possessive
from kg.extract.entities import extract_entities
from kg.nlp import Analysed, load
from kg.records import Article, EntityKind

HERE = Path(__file__).resolve().parent


def _key(name: str) -> list[str]:
    return person_key(name).split()


def _matches(form: str, gold: list[str]) -> list[str]:
    ws = _key(form)
    exact = [g for g in gold if _key(g) == ws]
    if exact:
        return exact
    return [g for g in gold if is_short_form(ws, _key(g))]


def score_ours(article: Article, doc, gold: list[str]) -> tuple[int, int, int, list[str]]:
    entities, _ = extract_entities(Analysed(article, doc))
    people = [e for e in entities if e.kind == EntityKind.PERSON]
    matched: set[str] = set()
    tp, notes = 0, []
    for entity in people:
        hits = []
        for form in [entity.name, *entity.aliases]:
            hits = _matches(form, gold)
            if len(hits) == 1:
                break
        hit = hits[0] if len(hits) == 1 else None
        if hit and hit not in matched:
            matched.add(hit)
            tp += 1
        else:
            notes.append(f"FP {entity.name!r}" + (" (duplicate)" if hit else ""))
    notes += [f"FN {g!r}" for g in gold if g not in matched]
    return tp, len(people), len(gold), notes


def score_spacy(doc, gold: list[str]) -> tuple[int, int, int]:
    strings = {strip_possessive(e.text.strip()) for e in doc.ents if e.label_ == "PERSON"}
    tp = sum(1 for s in strings if _matches(s, gold))
    found = {g for s in strings for g in _matches(s, gold)}
    return tp, len(strings), len(found)


def _prf(tp: int, predicted: int, gold_found: int, gold: int) -> tuple[float, float]:
    return (tp / predicted if predicted else 1.0), (gold_found / gold if gold else 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    cases = yaml.safe_load((HERE / "articles.yaml").read_text(encoding="utf-8"))
    nlp = load()
    rows = []
    for case in cases:
        article = Article(id=case["id"], text=case["text"].strip())
        doc = nlp(article.text)
        tp, predicted, gold, notes = score_ours(article, doc, case["people"])
        s_tp, s_predicted, s_found = score_spacy(doc, case["people"])
        rows.append((case["split"], case["id"], (tp, predicted, tp, gold), (s_tp, s_predicted, s_found, gold), notes))
        if not args.quiet:
            p, r = _prf(tp, predicted, tp, gold)
            sp, sr = _prf(s_tp, s_predicted, s_found, gold)
            print(f"{case['id']:<24} {case['split']:<9} ours P={p:.2f} R={r:.2f}   spacy P={sp:.2f} R={sr:.2f}   {'; '.join(notes)}")
    print()
    print(f"{'split':<9} {'n':>3}  {'ours macro P/R':>16}  {'ours micro P/R':>16}  {'spacy macro P/R':>16}  {'spacy micro P/R':>16}")
    for split in ("dev", "held_out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "all"):
        chosen = [r for r in rows if split == "all" or r[0] == split]
        line = f"{split:<9} {len(chosen):>3}"
        for which in (2, 3):
            per = [_prf(*r[which]) for r in chosen]
            macro = (sum(p for p, _ in per) / len(per), sum(r for _, r in per) / len(per))
            sums = [sum(r[which][k] for r in chosen) for k in range(4)]
            micro = _prf(*sums)
            line += f"  {macro[0]:>7.3f}/{macro[1]:<7.3f}  {micro[0]:>7.3f}/{micro[1]:<7.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
