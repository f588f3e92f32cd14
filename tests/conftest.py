"""Shared fixtures: small, named for what they hold."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed"


@pytest.fixture(scope="session")
def seed_store() -> Store:
    """An in-memory store with everything in data/ (seed facts, organizations, gazetteer)."""
    store = Store()
    store.load([ROOT / "data"])
    return store


@pytest.fixture
def seed_only_store() -> Store:
    """A fresh in-memory store with only the seed article's records (fast; tests may write to it)."""
    store = Store()
    store.load(sorted(SEED.glob("*.yaml")))
    return store


@pytest.fixture
def write(tmp_path):
    """Write a small record file and return its path."""
    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p
    return _write
