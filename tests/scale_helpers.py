"""Small generated corpora for the store / incremental / parallel / endpoint tests.

Articles come from bench/scale/generate.py, cut to a few paragraphs so spaCy stays quick.
The tests compare builds with each other, never with expected extraction results.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rdflib.compare import isomorphic

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("scale_generate", REPO / "bench" / "scale" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def write_small_corpus(folder: Path, count: int, start: int = 0, paragraphs: int = 3) -> list[Path]:
    """`count` short news articles (articles start..start+count-1 of the generator)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate.generate(start + count)[start:]:
        head, _, body = text.partition("\n\n")
        kept = "\n\n".join(body.split("\n\n")[: paragraphs + 1])
        path = folder / name
        path.write_text(f"{head}\n\n{kept}\n", encoding="utf-8")
        written.append(path)
    return written


def same_graph(a, b) -> bool:
    """Two KnowledgeGraphs hold the same triples (no blank nodes, so isomorphic = equal)."""
    return isomorphic(a.to_rdflib(), b.to_rdflib())


def quads(graph) -> list[str]:
    """Every quad, as sorted N-Quads lines (named graphs included)."""
    return sorted(str(q) for q in graph.store)
