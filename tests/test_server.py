"""kg serve: the read-only SPARQL endpoint and its web UI (in process; one real socket test)."""
from __future__ import annotations

import csv
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("flask")

from kg.server import create_app, forbidden_reason  # noqa: E402
from kg.store import Store  # noqa: E402
from tests.conftest import SEED  # noqa: E402

XSS = "<img src=x onerror=alert(1)>"
PERSONS = "SELECT ?p ?name WHERE { ?p a vn:Person ; foaf:name ?name } ORDER BY ?name"
JSON_RES = "application/sparql-results+json"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The seed records plus one person whose name is HTML."""
    extra = tmp_path_factory.mktemp("server") / "xss.yaml"
    extra.write_text(f"""- {{type: person, id: xss--t1, name: "{XSS}"}}
- {{type: attestation, person: xss--t1, position: pho-bi-thu, org: thanh-uy--bac-kan--058, date: "2023-03-22"}}
""", encoding="utf-8")
    s = Store()
    s.load([*sorted(SEED.glob("*.yaml")), extra])
    return s


@pytest.fixture(scope="module")
def client(store):
    return create_app(store).test_client()


def test_select_as_sparql_json(client):
    r = client.get("/sparql", query_string={"query": PERSONS}, headers={"Accept": JSON_RES})
    assert r.status_code == 200 and r.mimetype == JSON_RES
    data = r.get_json(force=True)
    assert data["head"]["vars"] == ["p", "name"]
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert "Cù Ngọc Cường" in names
    row = next(b for b in data["results"]["bindings"] if b["name"]["value"] == "Cù Ngọc Cường")
    assert row["p"] == {"type": "uri", "value": "https://w3id.org/kg-vn/per/cu-ngoc-cuong--bk01"}


def test_select_as_csv_by_accept_and_by_format_and_post(client):
    by_accept = client.get("/sparql", query_string={"query": PERSONS}, headers={"Accept": "text/csv"})
    by_format = client.get("/sparql", query_string={"query": PERSONS, "format": "csv"})
    by_post = client.post("/sparql", data=PERSONS.encode(), headers={"Content-Type": "application/sparql-query",
                                                                     "Accept": "text/csv"})
    assert by_accept.mimetype == by_format.mimetype == by_post.mimetype == "text/csv"
    assert by_accept.data == by_format.data == by_post.data
    rows = list(csv.reader(io.StringIO(by_accept.get_data(as_text=True))))
    assert rows[0] == ["p", "name"]
    assert ["https://w3id.org/kg-vn/per/cu-ngoc-cuong--bk01", "Cù Ngọc Cường"] in rows
    tsv = client.get("/sparql", query_string={"query": PERSONS, "format": "tsv"}).get_data(as_text=True)
    assert tsv.splitlines()[0] == "?p\t?name" and '"Cù Ngọc Cường"@vi' in tsv
    xml = client.post("/sparql", data={"query": PERSONS}, headers={"Accept": "application/sparql-results+xml"})
    assert xml.status_code == 200 and b"<variable name=\"p\"/>" in xml.data


def test_construct_is_turtle_or_ntriples(client):
    q = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a vn:Person ; foaf:name ?n }"
    ttl = client.get("/sparql", query_string={"query": q})
    assert ttl.mimetype == "text/turtle" and "per:cu-ngoc-cuong--bk01" in ttl.get_data(as_text=True)
    nt = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/n-triples"})
    assert nt.mimetype == "application/n-triples"
    assert "<https://w3id.org/kg-vn/per/cu-ngoc-cuong--bk01> <http://xmlns.com/foaf/0.1/name>" in nt.get_data(as_text=True)


def test_named_query_with_parameters(client):
    r = client.get("/query/who-held", query_string={"post": "post:bi-thu--thanh-uy--bac-kan--058",
                                                    "at": "2023-03-22", "format": "json"})
    assert r.status_code == 200
    rows = r.get_json(force=True)["results"]["bindings"]
    assert {b["name"]["value"] for b in rows} == {"Cù Ngọc Cường"}
    missing = client.get("/query/who-held", query_string={"post": "post:bi-thu--thanh-uy--bac-kan--058"})
    assert missing.status_code == 400 and b"at" in missing.data
    assert client.get("/query/no-such-query").status_code == 404
    listed = client.get("/queries").get_json()
    assert any(q["name"] == "who-held" and "at" in [p["name"] for p in q["params"]] for q in listed)


@pytest.mark.parametrize("text", ["DROP ALL", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
                                  "PREFIX x: <http://e/> DELETE WHERE { ?s ?p ?o }", "clear  graph <http://e/g>",
                                  "LOAD <http://example.org/data.ttl>", "CREATE GRAPH <http://e/g>"])
def test_updates_are_refused(client, store, text):
    before = len(store)
    for r in (client.get("/sparql", query_string={"query": text}),
              client.post("/sparql", data={"query": text}),
              client.post("/sparql", data={"update": text}),
              client.post("/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-update"})):
        assert r.status_code == 403 and b"read-only" in r.data
    assert len(store) == before


def test_service_is_refused(client):
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", query_string={"query": q})
    assert r.status_code == 400 and b"SERVICE" in r.data and b"federated" in r.data
    assert client.get("/sparql", query_string={"query": "select * { service silent <http://e/> {} }"}).status_code == 400


def test_keywords_in_strings_comments_and_names_are_not_refused():
    assert forbidden_reason('SELECT ?s WHERE { ?s foaf:name "drop insert SERVICE" } # DELETE') is None
    assert forbidden_reason("SELECT ?create WHERE { ?create <http://e/service> ?load }") is None
    assert forbidden_reason("SELECT * { ?s <http://e/DROP> ?o . ?s vn:create ?x }") is None
    assert forbidden_reason('SELECT * { ?s ?p """a\nSERVICE <http://x/> {}""" }') is None


def test_row_limit_and_bad_input(store):
    client = create_app(store, max_rows=3).test_client()
    r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }", "format": "json"})
    assert len(r.get_json(force=True)["results"]["bindings"]) == 3 and r.headers["X-KG-Truncated"] == "max_rows=3"
    assert client.get("/sparql", query_string={"query": "SELECT WHERE {"}).status_code == 400
    assert client.get("/sparql", query_string={"query": PERSONS, "format": "pdf"}).status_code == 400
    assert client.get("/sparql", headers={"Accept": JSON_RES}).status_code == 400
    slow = create_app(store, timeout=0).test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert slow.status_code == 503 and b"timed out" in slow.data


def test_page_and_results_escape_html(client):
    page = client.get("/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<textarea" in text and "who-held" in text
    assert "innerHTML" not in text and "<link" not in text and "@import" not in text
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", text)  # no external requests
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    q = 'SELECT ?name WHERE { per:xss--t1 foaf:name ?name }'
    html = client.get("/sparql", query_string={"query": q, "format": "html"}).get_data(as_text=True)
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # the same name in a query text put back in the textarea
    html = client.get("/sparql", query_string={"query": f'ASK {{ ?s foaf:name "{XSS}</textarea>" }}',
                                               "format": "html"}).get_data(as_text=True)
    assert "<img" not in html and "</textarea>\"" not in html
    data = client.get("/sparql", query_string={"query": q, "format": "json"}).get_json(force=True)
    assert data["results"]["bindings"][0]["name"]["value"] == XSS  # data stays data; the page uses textContent


def test_cli_get_prints_without_a_socket(monkeypatch, store, tmp_path):
    from click.testing import CliRunner
    import kg.store
    from kg.cli import cli
    monkeypatch.setattr(kg.store, "open_store", lambda *a, **k: store)
    url = "/sparql?" + urllib.parse.urlencode({"query": PERSONS, "format": "csv"})
    r = CliRunner().invoke(cli, ["serve", "--get", url])
    assert r.exit_code == 0 and "Cù Ngọc Cường" in r.output
    r = CliRunner().invoke(cli, ["serve", "--get", "/sparql?query=DROP%20ALL"])
    assert r.exit_code == 1 and "read-only" in r.output


def test_real_socket_on_loopback(store):
    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", 0, create_app(store), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": PERSONS}).encode(),
                                     headers={"Accept": JSON_RES})
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert resp.status == 200
            assert "Cù Ngọc Cường" in {b["name"]["value"] for b in json.load(resp)["results"]["bindings"]}
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url + "?query=DROP%20ALL", timeout=5)
        assert e.value.code == 403
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_docs_list_every_setting():
    from pathlib import Path
    from kg.server import SETTINGS
    doc = (Path(__file__).resolve().parent.parent / "docs" / "server.md").read_text(encoding="utf-8")
    for name, default, _ in SETTINGS:
        assert f"| `--{name.replace('_', '-')}` | `{default}` |" in doc
