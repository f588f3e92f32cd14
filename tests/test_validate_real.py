"""Decision validation on real data: the seed store plus the imported excerpts (tests/fixtures/importers/).

The cases are tests/decisions/real/*.yml (same format as tests/decisions/<RULE>/*.yaml, see
tests/test_validate.py). They name imported persons and tenures (viwiki `…--w<page>`, na13 `…--na13-<n>`), so
they run against a store holding the seed article and both imported excerpts, never the seed store alone.
They use the `.yml` suffix so that tests/test_validate.py (which runs every `*.yaml` under tests/decisions/
against the seed store only and asserts their number) does not pick them up.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.importers import import_na13, import_viwiki
from kg.store import Store
from tests.test_validate import assert_case

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "importers"
CASES_DIR = Path(__file__).resolve().parent / "decisions" / "real"
CASES = sorted(CASES_DIR.glob("*.yml"))
N_CASES = 19


@pytest.fixture(scope="module")
def real_store(tmp_path_factory) -> Store:
    """The seed article plus the imported Wikipedia-infobox and NA XIII excerpts (in memory)."""
    out = tmp_path_factory.mktemp("imports")
    store = Store()
    store.load(sorted((ROOT / "data" / "seed").glob("*.yaml")))
    vi = import_viwiki(store, FIX / "viwiki_excerpt.csv", out_dir=out)
    na = import_na13(store, FIX / "na13_excerpt.csv", out_dir=out, link_with=FIX / "viwiki_excerpt.csv")
    assert vi.loaded["tenure"] and na.loaded["tenure"]
    return store


def test_the_number_of_cases_is_known():
    assert len(CASES) == N_CASES, "update N_CASES when adding or removing a case (cases are never filtered)"
    assert not list(CASES_DIR.glob("*.yaml")), "real cases use .yml (tests/test_validate.py runs *.yaml on the seed)"
    invalid = [p for p in CASES if yaml.safe_load(p.read_text(encoding="utf-8")).get("expect")]
    assert len(invalid) >= 10 and len(CASES) - len(invalid) >= 5


def test_the_imported_facts_the_cases_rely_on(real_store):
    rows = real_store.select("""SELECT ?s ?e WHERE { ?t vn:holder per:hoang-duy-chinh--w3698387 ;
                                vn:post post:bi-thu--tinh-uy--bac-kan--06 ; vn:start ?s ; vn:endLatest ?e }""")
    assert [(r["s"], r["e"]) for r in rows] == [("2020-10-28", "2025-06-30")]
    rows = real_store.select("""SELECT ?s ?e WHERE { term:quoc-hoi--xiii vn:start ?s ; vn:end ?e }""")
    assert [(r["s"], r["e"]) for r in rows] == [("2011-07-21", "2016-07-20")]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_real_decision_case(real_store, path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert_case(real_store, path, valid=not spec.get("expect"))
