"""HTML views: one self-contained page per view, offline, with every text escaped."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from kg import views
from kg.analytics import load_index
from kg.views.render import script_json

XSS = "<img src=x onerror=alert(1)>"
# Anything a browser could fetch: src=, href=, url(), @import, or any http(s) URL except the SVG namespace.
FETCH = re.compile(r"""(?:src|href)\s*=\s*["']?(?!#|data:)[a-z]+:|url\(\s*["']?(?!data:)[a-z]+:|@import""", re.I)
URL = re.compile(r"https?://(?!www\.w3\.org/2000/svg[\"'])", re.I)


def payload(html: str) -> dict:
    """The page's data (JSON inside <script type="application/json">)."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def node_ids(html: str) -> set[str]:
    return {n["id"] for n in payload(html)["nodes"]}


@pytest.fixture(scope="module")
def index(seed_store):
    return load_index(seed_store)


@pytest.fixture(scope="module")
def cuong_page(seed_store, index):
    return views.person_view(seed_store, "Cù Ngọc Cường", index=index)


def test_the_page_is_self_contained_and_fetches_nothing(cuong_page):
    assert cuong_page.startswith("<!DOCTYPE html>")
    assert "vis.Network" in cuong_page and "vis-network" in cuong_page  # vis-network inlined
    assert not FETCH.findall(cuong_page)
    assert not URL.findall(cuong_page)
    assert "default-src 'none'" in cuong_page  # and the browser is told to refuse any request


def test_the_person_view_shows_posts_organizations_places_sources_and_colleagues(cuong_page):
    ids = node_ids(cuong_page)
    assert {"per:cu-ngoc-cuong--bk01", "post:bi-thu--thanh-uy--bac-kan--058", "org:thanh-uy--bac-kan--058",
            "au:058@pre2025", "src:seed-bac-kan-2023-03-22"} <= ids
    assert "per:hoang-ha-bac--bk01" in ids  # sat with him in the Thành ủy


def test_edges_carry_role_dates_basis_and_source_span(cuong_page):
    edge = next(e for e in payload(cuong_page)["edges"]
                if e["from"] == "per:cu-ngoc-cuong--bk01" and e["to"] == "post:bi-thu--thanh-uy--bac-kan--058")
    assert edge["label"] == "Bí thư\nghi nhận 2023-03-22"
    assert edge["kg"]["role_en"]  # the English gloss
    assert edge["kg"]["start"] == edge["kg"]["end"] == "2023-03-22"
    (src,) = edge["kg"]["sources"]
    assert src["quote"] == "Bí thư Thành uỷ" and src["span"] == "474–489" and src["date"] == "2023-03-22"


def test_a_timeline_lists_the_persons_posts(cuong_page):
    rows = payload(cuong_page)["timeline"]
    assert any(r["label"].startswith("Bí thư") and r["attested"] == ["2023-03-22"] for r in rows)


def test_nodes_are_styled_by_pillar_and_type(cuong_page):
    nodes = {n["id"]: n for n in payload(cuong_page)["nodes"]}
    assert nodes["org:thanh-uy--bac-kan--058"]["kg"]["pillar"] == "Party"
    assert nodes["org:thanh-uy--bac-kan--058"]["shape"] == "diamond"
    assert nodes["per:cu-ngoc-cuong--bk01"]["shape"] == "dot"
    assert nodes["au:058@pre2025"]["shape"] == "triangle"


def test_the_tenure_has_bounds_for_the_slider(seed_store, index):
    page = payload(views.person_view(seed_store, "Hoàng Hà Bắc", at=date(2023, 3, 22), index=index))
    tenure = next(e for e in page["edges"] if e["kg"].get("fact", "").startswith("ten:hoang-ha-bac"))
    assert (tenure["kg"]["start"], tenure["kg"]["end"]) == ("", "2025-06-30")
    assert tenure["kg"]["def_from"] == "2023-03-22" and page["at"] == "2023-03-22"


def test_org_post_path_and_interlock_views(seed_store, index):
    org = views.org_view(seed_store, "org:thanh-uy--bac-kan--058", at=date(2023, 3, 22), index=index)
    assert {"per:cu-ngoc-cuong--bk01", "per:hoang-ha-bac--bk01"} <= node_ids(org)
    post = views.post_view(seed_store, "post:bi-thu--thanh-uy--bac-kan--058", index=index)
    assert payload(post)["timeline"][0]["label"].startswith("Cù Ngọc Cường")
    path = views.path_view(seed_store, "Lã Văn Hào", "Cù Ngọc Cường", index=index)
    assert "au:06@pre2025" in node_ids(path)
    locks = views.interlocks_view(seed_store, "org:thanh-uy--bac-kan--058", index=index)
    assert "org:dang-uy-quan-su-thanh-pho--bac-kan--058" in node_ids(locks)


def test_a_select_query_becomes_a_graph(seed_store, index):
    page = views.query_view(seed_store, "members-of", params={"org": "org:thanh-uy--bac-kan--058", "at": "2023-03-22"},
                            index=index)
    ids = node_ids(page)
    assert {"per:cu-ngoc-cuong--bk01", "post:bi-thu--thanh-uy--bac-kan--058"} <= ids


def test_a_construct_query_becomes_a_graph(seed_store, index, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?p vn:post ?post } WHERE { ?t a vn:Attestation ; vn:holder ?p ; vn:post ?post }")
    ids = node_ids(views.query_view(seed_store, file=q, index=index))
    assert {"per:la-van-hao--bk01", "post:chinh-uy--bo-chqs-tinh--bac-kan--06"} <= ids


def test_json_in_the_page_cannot_close_the_script():
    assert script_json({"x": "</script><script>alert(1)</script>"}) == \
        '{"x":"\\u003c\\/script\\u003e\\u003cscript\\u003ealert(1)\\u003c\\/script\\u003e"}'


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory):
    """The seed, plus a person whose name is an HTML payload."""
    from kg.store import Store
    from tests.conftest import SEED
    extra = tmp_path_factory.mktemp("xss") / "xss.yaml"
    extra.write_text(f"""- {{type: person, id: xss--t1, name: "{XSS}"}}
- {{type: attestation, person: xss--t1, position: pho-bi-thu, org: thanh-uy--bac-kan--058, date: "2023-03-22",
   quote: "<script>alert(2)</script>"}}
""", encoding="utf-8")
    store = Store()
    store.load([*sorted(SEED.glob("*.yaml")), extra])
    return store


def test_a_name_with_html_is_escaped_everywhere(xss_store):
    page = views.person_view(xss_store, "per:xss--t1")
    assert XSS not in page and "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the <title>, escaped by the template
    assert any(n["kg"]["label"] == XSS for n in payload(page)["nodes"])  # the data keeps the text as text


@pytest.fixture
def cli(seed_store, monkeypatch):
    from kg.cli import cli as kg_cli
    monkeypatch.setattr("kg.views.commands._open", lambda store_path: seed_store)
    runner = CliRunner()
    return lambda *args: runner.invoke(kg_cli, list(args), catch_exceptions=False)


def test_kg_view_person_writes_one_file(cli, tmp_path):
    out = tmp_path / "cuong.html"
    result = cli("view", "person", "Cù Ngọc Cường", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and out.stat().st_size > 100_000
    assert "per:cu-ngoc-cuong--bk01" in node_ids(out.read_text(encoding="utf-8"))


def test_kg_view_org_rejects_a_bad_date(cli, tmp_path):
    result = cli("view", "org", "org:thanh-uy--bac-kan--058", "--at", "2023", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and "give a day" in result.output
