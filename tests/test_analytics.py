"""Graph analytics on the seed article: who is connected to whom, through what, on which evidence."""
from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analytics
from kg.analytics import build_graph, centrality, interlocks, load_index, path
from kg.errors import KgError
from kg.vocab import NS

CUONG = NS["per"] + "cu-ngoc-cuong--bk01"
BAC = NS["per"] + "hoang-ha-bac--bk01"
HAO = NS["per"] + "la-van-hao--bk01"
THANH_UY = NS["org"] + "thanh-uy--bac-kan--058"
PROVINCE = NS["au"] + "06@pre2025"
BAC_DUQS_TENURE = NS["ten"] + "hoang-ha-bac--bk01--uy-vien-dang-uy-quan-su-thanh-pho--bac-kan--058--d1"


@pytest.fixture(scope="module")
def index(seed_store):
    return load_index(seed_store)


def test_cuong_and_bac_are_connected_through_the_thanh_uy(seed_store, index):
    res = path(seed_store, "Cù Ngọc Cường", "Hoàng Hà Bắc", index=index)
    assert res.nodes == [CUONG, THANH_UY, BAC]
    assert res.steps[0].relation == "held a post in"
    assert "Bí thư" in res.steps[0].detail and "2023-03-22" in res.steps[0].detail
    assert "“Bí thư Thành uỷ” [474–489]" in res.steps[0].evidence
    assert "Phó Bí thư" in res.steps[1].detail


def test_names_are_found_without_diacritics(seed_store, index):
    assert path(seed_store, "cu ngoc cuong", "per:hoang-ha-bac--bk01", index=index).nodes[1] == THANH_UY


def test_la_van_hao_is_connected_only_through_the_province(seed_store, index):
    res = path(seed_store, "Lã Văn Hào", "Cù Ngọc Cường", index=index)
    assert PROVINCE in res.via
    hao_orgs = {h.org for h in index.holdings if h.person == HAO}
    cuong_orgs = {h.org for h in index.holdings if h.person == CUONG}
    assert not hao_orgs & cuong_orgs  # no body in common
    assert any(s.relation == "territory of" for s in res.steps)


def test_unknown_person_is_a_clear_error(seed_store, index):
    with pytest.raises(KgError, match="no person matches 'Nguyễn Không Có'"):
        path(seed_store, "Nguyễn Không Có", "Hoàng Hà Bắc", index=index)


def test_no_connection_before_anyone_held_a_post(seed_store, index):
    with pytest.raises(KgError, match="holds no post on 2019-01-01"):
        path(seed_store, "Cù Ngọc Cường", "Hoàng Hà Bắc", at=date(2019, 1, 1), index=index)


def test_interlocks_of_the_thanh_uy(seed_store, index):
    (lock,) = interlocks(seed_store, "org:thanh-uy--bac-kan--058", index=index)
    assert {lock.a, lock.b} == {CUONG, BAC}
    assert THANH_UY in lock.bodies
    assert NS["org"] + "dang-uy-quan-su-thanh-pho--bac-kan--058" in lock.bodies
    assert lock.row()[2] == str(len(lock.bodies))


def test_no_interlocks_on_a_day_nobody_sat(seed_store, index):
    assert interlocks(seed_store, "org:thanh-uy--bac-kan--058", date(2019, 1, 1), index=index) == []


def test_centrality_of_the_provincial_party_organization(seed_store, index):
    ranks = centrality(seed_store, "org:dang-bo-tinh--bac-kan--06", date(2023, 3, 22), index=index)
    assert [r.node for r in ranks][:2] == [CUONG, BAC]
    assert ranks[0].betweenness > ranks[1].betweenness


def test_the_graph_on_a_day_keeps_only_what_possibly_held(index):
    def tenures(g):
        return {k for _, _, k, d in g.edges(keys=True, data=True) if d["relation"] == "holds"}
    assert BAC_DUQS_TENURE in tenures(build_graph(index, at=date(2023, 3, 22)))
    assert BAC_DUQS_TENURE not in tenures(build_graph(index, at=date(2025, 7, 1)))  # the district level ended


def test_holding_edges_carry_role_dates_and_sources(index):
    g = build_graph(index)
    edge = g.edges[BAC, NS["post"] + "uy-vien-ban-chap-hanh--dang-uy-quan-su-thanh-pho--bac-kan--058", BAC_DUQS_TENURE]
    assert edge["label"] == "Ủy viên Ban Chấp hành"
    assert edge["holding"].start_latest == date(2023, 3, 22) and edge["holding"].end_latest == date(2025, 6, 30)
    assert edge["holding"].sources[0].date == "2023-03-22"


def test_gexf_export_has_spells_for_gephi(index, tmp_path):
    out = tmp_path / "kg.gexf"
    analytics.export(build_graph(index), out)
    text = out.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert '<spell start="2023-03-22" end="2023-03-22"' in text or '<spell end="2025-06-30"' in text
    assert nx.read_gexf(out).number_of_nodes() > 10


def test_graphml_export_reads_back(index, tmp_path):
    out = tmp_path / "kg.graphml"
    analytics.export(build_graph(index), out)
    g = nx.read_graphml(out)
    assert g.nodes[CUONG]["label"] == "Cù Ngọc Cường"


def test_export_refuses_other_extensions(index, tmp_path):
    with pytest.raises(KgError, match=".gexf or .graphml"):
        analytics.export(build_graph(index), tmp_path / "kg.png")


@pytest.fixture
def cli(seed_store, monkeypatch):
    from kg.cli import cli as kg_cli
    monkeypatch.setattr("kg.views.commands._open", lambda store_path: seed_store)
    runner = CliRunner()
    return lambda *args: runner.invoke(kg_cli, list(args), catch_exceptions=False)


def test_kg_path_prints_a_table(cli, index):
    result = cli("path", "Cù Ngọc Cường", "Hoàng Hà Bắc")
    assert result.exit_code == 0
    assert index.label(THANH_UY) in result.output and "held a post in" in result.output


def test_kg_interlocks_and_centrality_as_csv(cli):
    rows = cli("interlocks", "org:thanh-uy--bac-kan--058", "--format", "csv").output.splitlines()
    assert rows[0] == "person,person 2,shared,bodies,id,id 2"
    assert rows[1].startswith("Cù Ngọc Cường,Hoàng Hà Bắc,")
    rows = cli("centrality", "org:dang-bo-tinh--bac-kan--06", "--at", "2023-03-22", "--format", "csv").output.splitlines()
    assert rows[1].startswith("1,Cù Ngọc Cường,person,")


def test_kg_path_error_is_a_message_not_a_traceback(cli):
    result = cli("path", "Nobody At All", "Hoàng Hà Bắc")
    assert result.exit_code == 1 and "no person matches" in result.output


def test_kg_export(cli, tmp_path):
    result = cli("export", str(tmp_path / "kg.graphml"))
    assert result.exit_code == 0 and "nodes" in result.output
