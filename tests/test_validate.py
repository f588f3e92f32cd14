"""Decision validation: every catalogue rule has test decisions (tests/decisions/<RULE>/*.yaml), and
`kg validate` never changes the store.

A case file holds `expect:` (rule ids), optional `owl: true` (run HermiT too), `mode: graph` (a `kg check`
rule over what the records add) and either `records:` (decision records plus context records, as for
`kg validate`) or `turtle:` (a reported decision given as RDF). A case passes when every expected rule is
found and every error or warning found is expected (informational findings may be extra).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.store import Store
from kg.validate import Catalogue, Validator, exit_code
from kg.validate.validator import read_decisions

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "decisions"
CASES = sorted(CASES_DIR.rglob("*.yaml"))
N_CASES = 56


@pytest.fixture(scope="module")
def vstore() -> Store:
    """The seed article and its 2025 successions (deterministic: no imported data)."""
    s = Store()
    s.load(sorted((ROOT / "data" / "seed").glob("*.yaml")))
    return s


def run_case(store: Store, path: Path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    engines = ("shacl", "sparql", "python") + (("owl",) if spec.get("owl") else ())
    v = Validator(store, engines=engines)
    if "turtle" in spec:
        return spec, v.validate_turtle(spec["turtle"])
    located = read_decisions([path])
    if spec.get("mode") == "graph":
        return spec, v.check_records_graph(located)
    return spec, v.validate_records(located)


def test_the_number_of_cases_is_known():
    assert len(CASES) == N_CASES, "update N_CASES when adding or removing a case (cases are never filtered)"


def test_every_rule_has_a_case():
    cat = Catalogue.default()
    expected = set()
    for p in CASES:
        expected |= set(yaml.safe_load(p.read_text(encoding="utf-8")).get("expect", []))
    missing = sorted(set(cat.rules) - expected)
    assert not missing, f"rules without a test decision naming them: {missing}"
    assert len(cat.rules) >= 30
    assert sum(1 for p in CASES if p.parent.name != "valid") >= 40 or len(CASES) >= 40


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_decision_case(vstore, path):
    assert_case(vstore, path, valid=path.parent.name == "valid")


def assert_case(store, path, *, valid: bool) -> None:
    """A case file's `expect:` rules are found, nothing serious beyond them, the store is unchanged."""
    before = store.checksum()
    spec, findings = run_case(store, path)
    assert store.checksum() == before, "validation must leave the store unchanged"
    expect = set(spec.get("expect", []))
    found = {f.rule for f in findings}
    serious = {f.rule for f in findings if f.severity != "info"}
    detail = "\n".join(f"  {f.rule} {f.severity}: {f.message_en} {f.facts}" for f in findings)
    assert expect <= found, f"missing {sorted(expect - found)}; found:\n{detail}"
    assert serious <= expect, f"unexpected {sorted(serious - expect)}; found:\n{detail}"
    for f in findings:
        assert f.message_vi and f.message_en and f.source and "?" != f.message_en.strip()
    if valid:
        assert exit_code(findings) == 0


def test_findings_explain_rule_source_and_facts(vstore):
    _, findings = run_case(vstore, CASES_DIR / "K1" / "other-person-as-military-secretary.yaml")
    k1 = next(f for f in findings if f.rule == "K1")
    assert "59-QĐ/TW" in k1.source and k1.severity == "warning"
    assert "Cù Ngọc Cường" in k1.message_vi and "Hoàng Hà Bắc" in k1.message_en
    assert any("seed-bac-kan-2023-03-22" in x["source"] for x in k1.facts)


def test_legal_source_follows_the_period(vstore):
    rule = Catalogue.default().rules["K1"]
    from datetime import date
    assert rule.source_key(date(2023, 1, 1)) == "qd59" and rule.source_key(date(2025, 9, 1)) == "qd332"


def test_load_integration_api(vstore):
    from kg.validate import validate_records
    before = vstore.checksum()
    located = read_decisions([CASES_DIR / "M4" / "second-secretary-overlapping.yaml"])
    findings = validate_records(vstore, located)
    assert {f.rule for f in findings if f.severity == "error"} == {"M4"}
    assert vstore.checksum() == before


def test_cli_exit_codes_and_formats(tmp_path):
    from kg.cli import cli
    runner = CliRunner()
    seed = str(ROOT / "data" / "seed")
    ok = runner.invoke(cli, ["validate", "--data", seed, "--engines", "sparql,python,shacl", "--lang", "en",
                             str(CASES_DIR / "valid" / "seed-designation-hoang-ha-bac.yaml")])
    assert ok.exit_code == 0, ok.output
    assert "VALID" in ok.output
    bad = runner.invoke(cli, ["validate", "--data", seed, "--engines", "sparql,python,shacl", "--format", "json",
                              str(CASES_DIR / "M4" / "second-secretary-overlapping.yaml")])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert data["errors"] == 1 and data["findings"][0]["rule"] == "M4"
    ttl = runner.invoke(cli, ["validate", "--data", seed, "--engines", "sparql,python,shacl", "--format", "turtle",
                              str(CASES_DIR / "D5" / "signed-after-effective.yaml")])
    assert ttl.exit_code == 1 and "sh:ValidationReport" in ttl.output and "sh:Violation" in ttl.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("- {type: decision, decision_type: [\n", encoding="utf-8")
    unreadable = runner.invoke(cli, ["validate", "--data", seed, str(broken)])
    assert unreadable.exit_code == 2


def test_check_reports_the_whole_graph(vstore):
    findings = Validator(vstore, engines=("shacl", "sparql", "python")).check_store(batch_size=10)
    assert exit_code(findings) == 0, [f.message_en for f in findings if f.severity == "error"]
