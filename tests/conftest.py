from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"
SAMPLE = ROOT / "corpora" / "sample"


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline with the actor entity ruler, loaded once per session."""
    from cowextract.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def registry():
    from cowextract.actors.registry import Registry

    return Registry.load()


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "test.db"
