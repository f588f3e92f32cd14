"""What the ontology implies is materialized in its own graph, so asserted and inferred stay apart."""
from __future__ import annotations

from kg.store import Store

INFERRED = "https://w3id.org/kg-vn/graph/inferred"


def graphs_of(store, s, p, o) -> set[str]:
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ {s} {p} {o} }} }}")
    return {r["g"] for r in rows}


def test_a_secretary_is_inferred_member_of_the_committee_and_its_standing_committee(seed_store):
    q = """SELECT ?post ?rule WHERE { GRAPH graph:inferred { ?a vn:holder per:cu-ngoc-cuong--bk01 ;
             vn:post ?post ; vn:ruleId ?rule ; vn:inferredFrom ?from } }"""
    got = {(r["post"].rsplit("/", 1)[-1], r["rule"]) for r in seed_store.select(q)}
    assert ("uy-vien-ban-chap-hanh--thanh-uy--bac-kan--058", "M2") in got           # I2
    assert ("uy-vien-ban-thuong-vu--ban-thuong-vu-thanh-uy--bac-kan--058", "M2") in got
    assert ("uy-vien-ban-chap-hanh--tinh-uy--bac-kan--06", "M1") in got              # I1


def test_inferred_facts_are_never_in_the_asserted_graphs(seed_store):
    rows = seed_store.select("""SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a vn:inferredFrom ?t } }""")
    assert {r["g"] for r in rows} == {INFERRED}


def test_an_open_tenure_is_closed_at_the_end_of_its_organization(write):
    store = Store()
    p = write("t.yaml", "- {type: person, id: a--t1, name: Nguyễn Văn A}\n"
                        "- {type: tenure, id: t1, person: a--t1, position: bi-thu, org: thanh-uy--bac-kan--058, start: '2020'}\n")
    store.load([p])
    assert graphs_of(store, "ten:t1", "vn:endLatest", '"2025-06-30"^^xsd:date') == {INFERRED}
    assert graphs_of(store, "ten:t1", "vn:endReason", "vn:OrganizationEnded") == {INFERRED}
    from kg.queries import result_rows, run_named
    def status(at):
        _, rows = result_rows(run_named(store, "who-held", {"post": "post:bi-thu--thanh-uy--bac-kan--058", "at": at}))
        return [r[4] for r in rows]
    assert status("2024-01-01") == ["possibly"]     # open end: possibly still running …
    assert status("2026-01-01") == []               # … but never after the organization ended


def test_sub_organizations_are_transitive(seed_store):
    assert seed_store.ask("ASK { org:dang-bo-thanh-pho--bac-kan--058 orgo:transitiveSubOrganizationOf org:dang-cong-san-viet-nam }")
    assert seed_store.ask("ASK { org:thanh-uy--bac-kan--058 vn:withinOrganization org:dang-bo-tinh--bac-kan--06 }")


def test_organizations_get_the_superclasses_of_their_class(seed_store):
    assert seed_store.ask("ASK { GRAPH graph:inferred { org:tinh-uy--bac-kan--06 a vn:PartyBody } }")
