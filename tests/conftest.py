from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once per test session (spaCy runs once)."""
    from kg import build_graph

    out = tmp_path_factory.mktemp("seeds-out")
    return build_graph([SEEDS], out=out)


@pytest.fixture(scope="session")
def seeds_graph_file(seeds_build):
    return seeds_build.written
