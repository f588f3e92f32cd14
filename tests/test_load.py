"""Loading is all-or-nothing: a bad record is named precisely and the store is left unchanged."""
from __future__ import annotations

import pytest

from kg.errors import InvalidRecords
from kg.store import Store

PERSON = "- {type: person, id: nguyen-van-a--t01, name: Nguyễn Văn A}\n"


def load_error(store: Store, path) -> str:
    before = store.checksum()
    with pytest.raises(InvalidRecords) as exc:
        store.load([path])
    assert store.checksum() == before, "a refused load must not change the store"
    return str(exc.value)


def test_unknown_position_type_suggests_the_slug(seed_only_store, write):
    p = write("bad.yaml", PERSON + "- {type: tenure, person: nguyen-van-a--t01, position: bi thu, "
                                   "org: tinh-uy--bac-kan--06, start: '2019'}\n")
    msg = load_error(seed_only_store, p)
    assert "bad.yaml:2" in msg and "position" in msg and "unknown position type 'bi thu'" in msg
    assert "did you mean 'bi-thu'?" in msg


def test_end_before_start_is_refused(seed_only_store, write):
    p = write("bad.yaml", PERSON + "- {type: tenure, person: nguyen-van-a--t01, position: bi-thu, "
                                   "org: tinh-uy--bac-kan--06, start: '2020-05-01', end: '2019-01-01'}\n")
    msg = load_error(seed_only_store, p)
    assert "bad.yaml:2" in msg and "end 2019-01-01 is before start 2020-05-01" in msg


def test_an_impossible_date_is_refused(seed_only_store, write):
    p = write("bad.csv", "type,person,position,org,start\n"
                         "tenure,cu-ngoc-cuong--bk01,bi-thu,tinh-uy--bac-kan--06,31/02/2023\n")
    msg = load_error(seed_only_store, p)
    assert "bad.csv:2" in msg and "start" in msg and "day 31 is out of range for month 2" in msg


def test_unknown_organization_id_is_refused(seed_only_store, write):
    p = write("bad.jsonl", '{"type": "tenure", "person": "cu-ngoc-cuong--bk01", "position": "bi-thu", '
                           '"org": "tinh-uy--bac-kann--06", "start": "2019"}\n')
    msg = load_error(seed_only_store, p)
    assert "bad.jsonl:1" in msg and "unknown organization id 'tinh-uy--bac-kann--06'" in msg


def test_a_tenure_in_an_organization_that_no_longer_existed_is_refused(seed_only_store, write):
    p = write("bad.yaml", "- {type: tenure, person: cu-ngoc-cuong--bk01, position: bi-thu, "
                          "org: thanh-uy--bac-kan--058, start: 2025-08-01}\n")
    msg = load_error(seed_only_store, p)
    assert "did not exist on 2025-08-01" in msg and "2025-06-30" in msg


def test_a_place_resolved_at_the_date_must_have_existed(seed_only_store, write):
    p = write("bad.yaml", "- {type: tenure, person: cu-ngoc-cuong--bk01, position: bi-thu, "
                          "org_type: tinh-uy, place: Bắc Kạn, start: 2025-09-01}\n")
    msg = load_error(seed_only_store, p)
    assert "cannot resolve place 'Bắc Kạn'" in msg


def test_every_bad_record_is_reported_not_only_the_first(seed_only_store, write):
    p = write("bad.yaml", "- {type: person, id: x--1}\n- {type: rank, person: nobody--1, rank: dai-ta, date: '2020'}\n")
    msg = load_error(seed_only_store, p)
    assert "2 invalid record(s)" in msg and "bad.yaml:1" in msg and "bad.yaml:2" in msg


def test_an_unreadable_file_is_refused(seed_only_store, tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes("type,id,name\nperson,a--1,Nguy\xe9n\n".encode("latin-1"))
    assert "not UTF-8" in load_error(seed_only_store, p)


def test_loading_the_same_file_twice_changes_nothing(seed_only_store):
    from tests.conftest import SEED
    before = seed_only_store.checksum()
    report = seed_only_store.load(sorted(SEED.glob("*.yaml")))
    assert report.loaded == [] and len(report.unchanged) >= 1
    assert seed_only_store.checksum() == before


def test_identifiers_are_deterministic(write):
    from tests.conftest import SEED
    a, b = Store(), Store()
    a.load(sorted(SEED.glob("*.yaml")))
    b.load(sorted(SEED.glob("*.yaml")))
    # Everything but import times (and the ontology's own blank nodes) is identical.
    strip = ("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?p != prov:generatedAtTime "
             "&& ?g != graph:ontology) }")
    assert sorted(map(str, a.select(strip))) == sorted(map(str, b.select(strip)))


def test_each_file_is_a_named_graph_with_provenance(seed_only_store):
    rows = [r for r in seed_only_store.graphs() if r["file"]]
    assert {r["file"] for r in rows} >= {"bac-kan-2023.yaml"}
    assert all(len(r["checksum"]) == 64 and r["time"] for r in rows)


def test_a_changed_file_replaces_its_previous_version(write):
    store = Store()
    p = write("people.yaml", PERSON)
    store.load([p])
    p.write_text("- {type: person, id: nguyen-van-b--t01, name: Nguyễn Văn B}\n", encoding="utf-8")
    report = store.load([p])
    assert report.replaced
    names = {r["n"] for r in store.select("SELECT ?n WHERE { ?p a vn:Person ; foaf:name ?n }")}
    assert names == {"Nguyễn Văn B"}


def test_org_by_type_and_place_is_resolved_at_the_date(write):
    store = Store()
    p = write("t.yaml", PERSON + "- {type: tenure, person: nguyen-van-a--t01, position: chu-tich-ubnd, "
                                 "org_type: ubnd-thanh-pho, place: thành phố Bắc Kạn, start: '2021-05', end: '2023'}\n")
    store.load([p])
    assert store.exists("https://w3id.org/kg-vn/org/ubnd-thanh-pho--bac-kan--058")


CHINH_UY_IN_UBND = ("- {type: decision, id: d-bad, decision_type: bo-nhiem, authority: ubnd-tinh--bac-kan--06, "
                    "person: la-van-hao--bk01, position: chinh-uy, org: ubnd-thanh-pho--bac-kan--058, "
                    "signed: 2023-05-01, effective: 2023-05-01}\n")


def test_a_decision_that_breaks_a_rule_is_refused_with_the_rule(seed_only_store, write):
    msg = load_error(seed_only_store, write("d.yaml", CHINH_UY_IN_UBND))
    assert "d.yaml:1" in msg and "rule P1" in msg and "--force" in msg


def test_force_loads_the_decision_flagged_with_its_findings(seed_only_store, write):
    seed_only_store.load([write("d.yaml", CHINH_UY_IN_UBND)], force=True)
    rows = seed_only_store.select("SELECT ?rule ?sev WHERE { act:d-bad vn:flaggedBy ?f . ?f vn:ruleId ?rule ; "
                                  "vn:severity ?sev }")
    assert ("P1", "error") in {(r["rule"], r["sev"]) for r in rows}


def test_the_seed_designation_loads_without_findings(seed_only_store):
    assert not seed_only_store.ask("ASK { ?d vn:flaggedBy ?f }")


# A department named within a ministry ("Vụ Tổ chức cán bộ, Bộ Y tế"): every ministry has one, so the parent is
# part of the organization's identity, and the organization is a sub-organization of the ministry.
TWO_DEPARTMENTS = PERSON + (
    "- {type: person, id: tran-thi-b--t01, name: Trần Thị B}\n"
    "- {type: tenure, person: nguyen-van-a--t01, position: vu-truong, org_type: vu, unit_name: Tổ chức cán bộ, "
    "parent_org_type: bo, parent_unit_name: Y tế, start: '2015', end: '2019'}\n"
    "- {type: tenure, person: tran-thi-b--t01, position: vu-truong, org_type: vu, unit_name: Tổ chức cán bộ, "
    "parent_org_type: bo, parent_unit_name: Tài chính, start: '2016', end: '2020'}\n"
    "- {type: tenure, person: tran-thi-b--t01, position: bo-truong, org_type: bo, unit_name: Y tế, "
    "start: '2021'}\n")


def test_a_department_of_a_named_ministry_is_its_own_organization(write):
    store = Store()
    store.load([write("depts.yaml", TWO_DEPARTMENTS)])
    rows = store.select("SELECT ?o ?label ?parent WHERE { ?o vn:orgType ot:vu ; skos:prefLabel ?label ; "
                        "orgo:subOrganizationOf ?parent }")
    got = {(r["o"].rsplit("/", 1)[1], r["label"], r["parent"].rsplit("/", 1)[1]) for r in rows}
    assert got == {("vu--to-chuc-can-bo--of--bo--y-te", "Vụ Tổ chức cán bộ, Bộ Y tế", "bo--y-te"),
                   ("vu--to-chuc-can-bo--of--bo--tai-chinh", "Vụ Tổ chức cán bộ, Bộ Tài chính", "bo--tai-chinh")}
    # the parent is the same organization as the ministry a minister heads
    minister = store.select("SELECT ?o WHERE { ?t vn:post ?p . ?p orgo:postIn ?o ; vn:positionType pt:bo-truong }")
    assert [r["o"].rsplit("/", 1)[1] for r in minister] == ["bo--y-te"]


def test_a_parent_of_an_unknown_type_or_without_its_name_is_refused(seed_only_store, write):
    bad_type = write("bad.yaml", PERSON + "- {type: tenure, person: nguyen-van-a--t01, position: vu-truong, "
                                          "org_type: vu, unit_name: Pháp chế, parent_org_type: bo-y, start: '2019'}\n")
    msg = load_error(seed_only_store, bad_type)
    assert "bad.yaml:2" in msg and "parent_org_type" in msg and "unknown organization type 'bo-y'" in msg
    no_name = write("bad2.yaml", PERSON + "- {type: tenure, person: nguyen-van-a--t01, position: vu-truong, "
                                          "org_type: vu, unit_name: Pháp chế, parent_org_type: bo, start: '2019'}\n")
    msg = load_error(seed_only_store, no_name)
    assert "bad2.yaml:2" in msg and "parent_unit_name" in msg and "e.g. parent_unit_name: Y tế" in msg


def test_a_position_of_a_type_exists_in_its_narrower_types(write):
    # the Women's Union's Central Committee is a Women's Union (skos:broader): its executive committee has members
    # like every Women's Union's (NA XIII profiles: "Ủy viên BCHTW Hội liên hiệp phụ nữ Việt Nam")
    store = Store()
    store.load([write("m.yaml", PERSON + "- {type: attestation, person: nguyen-van-a--t01, "
                                         "position: uy-vien-ban-chap-hanh, org_type: trung-uong-hoi-lhpn, "
                                         "date: '2012-06-01', quote: Ủy viên BCHTW Hội liên hiệp phụ nữ Việt Nam}\n")])
    assert store.exists("https://w3id.org/kg-vn/org/trung-uong-hoi-lhpn")


def test_a_position_absent_from_the_type_and_its_broader_types_is_still_refused(seed_only_store, write):
    p = write("bad.yaml", PERSON + "- {type: attestation, person: nguyen-van-a--t01, position: bi-thu, "
                                   "org_type: trung-uong-hoi-lhpn, date: '2012-06-01'}\n")
    assert "position 'bi-thu' does not exist in a 'trung-uong-hoi-lhpn'" in load_error(seed_only_store, p)
