"""The `kg serve` web application: a read-only SPARQL 1.1 Protocol endpoint and a small web UI.

Routes:
  GET/POST /sparql        ``query`` (form or ``application/sparql-query`` body); results by Accept or ``format=``
  GET      /query/<name>  a named query from queries/ with its parameters as URL parameters
  GET      /queries       the named queries and their parameters (JSON)
  GET      /              the HTML page (textarea, named queries, results table)

Updates and SERVICE (federated) queries are refused before anything runs; the store is opened
read-only as well. Results stop at ``max_rows`` (header ``X-KG-Truncated``) and at ``timeout``
seconds (checked between rows).
"""
from __future__ import annotations

import csv
import io
import json
import re
import secrets
import time
from xml.sax.saxutils import escape as xml_escape, quoteattr

import pyoxigraph as ox
from flask import Flask, Response, render_template, request

from kg.errors import KgError, QueryError
from kg.vocab import NS

# One place for every setting: (name, default, help). The command options and docs/server.md use it.
SETTINGS = (
    ("host", "127.0.0.1", "Interface to bind; the default only accepts connections from this machine."),
    ("port", 8000, "TCP port."),
    ("timeout", 10.0, "Seconds a query may run (checked between result rows); then 503."),
    ("max_rows", 10000, "At most this many rows or triples per response (header X-KG-Truncated when cut)."),
)
DEFAULTS = {name: default for name, default, _ in SETTINGS}

JSON_RES, XML_RES = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV, HTML = "text/csv", "text/tab-separated-values", "text/html"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
# format= value → media type
FORMAT_NAMES = {"json": JSON_RES, "xml": XML_RES, "csv": CSV, "tsv": TSV, "html": HTML,
                "turtle": TURTLE, "ttl": TURTLE, "ntriples": NTRIPLES, "nt": NTRIPLES}
SOLUTION_TYPES = [JSON_RES, "application/json", XML_RES, "application/xml", CSV, TSV, HTML, "text/plain"]
GRAPH_TYPES = [TURTLE, NTRIPLES, "application/x-turtle", "text/plain", HTML]
EXAMPLE_QUERY = """SELECT ?person ?name WHERE {
  ?person a vn:Person ; foaf:name ?name .
}
ORDER BY ?name
LIMIT 20"""

UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
_WORDS = "|".join(UPDATE_WORDS)
# Text that cannot hold a keyword: strings (long ones first), IRIs, comments.
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*')
# A keyword: not part of a prefixed name (vn:create, drop:x) or a variable (?delete).
_KEYWORD = r"(?<![\w:?$@\-.])({})(?![\w:\-])"
_UPDATE_RE = re.compile(_KEYWORD.format(_WORDS), re.I)
_SERVICE_RE = re.compile(_KEYWORD.format("SERVICE"), re.I)


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _code_only(text: str) -> str:
    return _OPAQUE.sub(" ", text)


def forbidden_reason(text: str) -> tuple[int, str] | None:
    """Why a query text is refused, as (HTTP status, message), or None.

    >>> forbidden_reason('SELECT * WHERE { ?s ?p "DROP" } # INSERT')
    >>> forbidden_reason("DROP ALL")[0]
    403
    >>> forbidden_reason("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")[0]
    400
    """
    code = _code_only(text)
    m = _UPDATE_RE.search(code)
    if m:
        return 403, (f"refused: '{m.group(1).upper()}' makes this a SPARQL Update; this endpoint is read-only "
                     "(load data with `kg load`)")
    if _SERVICE_RE.search(code):
        return 400, ("refused: SERVICE (federated query) is not allowed; this endpoint only queries the local "
                     "store and never contacts other hosts")
    return None


# -- serializers ------------------------------------------------------------------------------------
_XSD_STRING = NS["xsd"] + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{xml_escape(t.value)}</literal>"
        if t.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{xml_escape(t.value)}</literal>"
        return f"<literal>{xml_escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>")


def _csv_cell(t) -> str:
    if t is None:
        return ""
    return f"_:{t.value}" if isinstance(t, ox.BlankNode) else (t.value if hasattr(t, "value") else str(t))


def _tsv_cell(t) -> str:
    return "" if t is None else str(t).replace("\t", "\\t")


def serialize_solutions(names: list[str], rows: list[list], media: str) -> str:
    if media in (JSON_RES, "application/json"):
        bindings = [{n: _json_term(t) for n, t in zip(names, r) if t is not None} for r in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if media in (XML_RES, "application/xml"):
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        body = "".join("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                                            for n, t in zip(names, r) if t is not None) + "</result>"
                       for r in rows)
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>{body}</results></sparql>\n")
    if media == TSV:
        return "\n".join(["\t".join("?" + n for n in names), *("\t".join(_tsv_cell(t) for t in r) for r in rows)]) + "\n"
    buf = io.StringIO()  # CSV (text/plain too): the SPARQL 1.1 CSV format, CRLF line ends
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    w.writerows([[_csv_cell(t) for t in r] for r in rows])
    return buf.getvalue()


def serialize_boolean(value: bool, media: str) -> str:
    if media in (XML_RES, "application/xml"):
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>\n")
    if media in (JSON_RES, "application/json"):
        return json.dumps({"head": {}, "boolean": value})
    return str(value).lower() + "\n"


# -- the application --------------------------------------------------------------------------------
def create_app(store, *, timeout: float = DEFAULTS["timeout"], max_rows: int = DEFAULTS["max_rows"]) -> Flask:
    """A Flask app over ``store`` (a kg.store.Store; open it read-only for serving)."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=1 << 20, KG_TIMEOUT=float(timeout), KG_MAX_ROWS=int(max_rows))
    app.json.ensure_ascii = False

    def negotiate(kind: str) -> str:
        fmt = request.values.get("format")
        if fmt:
            if fmt.lower() not in FORMAT_NAMES:
                raise Refused(400, f"unknown format '{fmt}' (one of: {', '.join(FORMAT_NAMES)})")
            media = FORMAT_NAMES[fmt.lower()]
        else:
            offered = SOLUTION_TYPES if kind != "graph" else GRAPH_TYPES
            media = request.accept_mimetypes.best_match(offered, default=offered[0]) or offered[0]
            if request.accept_mimetypes.best == "*/*" or not request.accept_mimetypes:
                media = offered[0]
        if kind == "graph" and media not in (TURTLE, NTRIPLES, HTML, "application/x-turtle", "text/plain"):
            media = TURTLE  # CONSTRUCT / DESCRIBE results are graphs: Turtle unless N-Triples is asked for
        if kind != "graph" and media in (TURTLE, NTRIPLES):
            raise Refused(406, "Turtle / N-Triples are for CONSTRUCT and DESCRIBE; use json, xml, csv or tsv")
        return media

    def collect(result):
        """Rows (or triples) up to max_rows, with the timeout checked between rows."""
        deadline = time.monotonic() + app.config["KG_TIMEOUT"]
        limit = app.config["KG_MAX_ROWS"]
        out, truncated = [], False
        names = [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else None
        try:
            for item in result:
                if time.monotonic() > deadline:
                    raise Refused(503, f"query timed out after {app.config['KG_TIMEOUT']:g} s "
                                       f"(kg serve --timeout); add a LIMIT or narrow the pattern")
                if len(out) >= limit:
                    truncated = True
                    break
                out.append([item[n] for n in names] if names is not None else item)
        except (OSError, RuntimeError) as e:
            raise Refused(400, f"query failed: {e}") from None
        if time.monotonic() > deadline:
            raise Refused(503, f"query timed out after {app.config['KG_TIMEOUT']:g} s (kg serve --timeout)")
        return names, out, truncated

    def respond(result, title: str, query_text: str) -> Response:
        kind = "boolean" if isinstance(result, ox.QueryBoolean) else (
            "solutions" if isinstance(result, ox.QuerySolutions) else "graph")
        media = negotiate(kind)
        headers = {}
        if kind == "boolean":
            names, rows, truncated = ["result"], [[ox.Literal(str(bool(result)).lower())]], False
            body = None if media == HTML else serialize_boolean(bool(result), media)
        else:
            names, rows, truncated = collect(result)
            if kind == "graph":
                triples, names = rows, ["subject", "predicate", "object"]
                rows = [[t.subject, t.predicate, t.object] for t in triples]
                if media != HTML:
                    fmt = ox.RdfFormat.N_TRIPLES if media == NTRIPLES else ox.RdfFormat.TURTLE
                    used = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object)
                            if isinstance(t, ox.NamedNode)}
                    prefixes = None if fmt == ox.RdfFormat.N_TRIPLES else {
                        k: v for k, v in NS.items() if any(u.startswith(v) for u in used)}
                    body = ox.serialize(triples, format=fmt, prefixes=prefixes).decode()
            elif media != HTML:
                body = serialize_solutions(names, rows, media)
        if truncated:
            headers["X-KG-Truncated"] = f"max_rows={app.config['KG_MAX_ROWS']}"
        if media == HTML:
            return page(title=title, query_text=query_text, names=names,
                        rows=[[display(t) for t in r] for r in rows], truncated=truncated, headers=headers)
        ctype = media + ("; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else "")
        return Response(body, status=200, content_type=ctype, headers=headers)

    def page(status: int = 200, headers: dict | None = None, **context) -> Response:
        from kg.queries import list_queries
        nonce = secrets.token_urlsafe(16)
        queries = [{"name": q.name, "title": q.title, "description": q.description.strip(), "example": q.example,
                    "params": [{"name": p.name, "type": p.type, "required": p.required, "help": p.help}
                               for p in q.params]}
                   for q in list_queries().values()]
        context.setdefault("query_text", EXAMPLE_QUERY)
        html_text = render_template("index.html", nonce=nonce, queries=queries, prefixes=dict(NS),
                                    max_rows=app.config["KG_MAX_ROWS"], **context)
        csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        return Response(html_text, status=status, content_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": csp, **(headers or {})})

    def display(t) -> str:
        if t is None:
            return ""
        if isinstance(t, ox.NamedNode):
            for prefix, iri in NS.items():
                if t.value.startswith(iri) and prefix not in ("xsd",):
                    return f"{prefix}:{t.value[len(iri):]}"
        return _csv_cell(t)

    @app.after_request
    def no_sniff(resp: Response) -> Response:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    @app.errorhandler(Refused)
    def refused(e: Refused):
        return Response(e.message + "\n", status=e.status, content_type="text/plain; charset=utf-8")

    @app.errorhandler(KgError)
    def kg_error(e: KgError):
        return Response(str(e) + "\n", status=400, content_type="text/plain; charset=utf-8")

    @app.get("/")
    def index():
        return page()

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        ctype = (request.mimetype or "").lower()
        if "update" in request.values or ctype == "application/sparql-update":
            raise Refused(403, "refused: SPARQL Update is not allowed; this endpoint is read-only")
        if request.method == "POST" and ctype == "application/sparql-query":
            text = request.get_data(as_text=True)
        elif request.method == "POST" and ctype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise Refused(415, "POST a form (query=…) or an application/sparql-query body")
        else:
            text = request.values.get("query")
        if not text or not text.strip():
            if request.method == "GET" and negotiate("solutions") == HTML:
                return page()
            raise Refused(400, "missing 'query' (GET /sparql?query=… or POST a form or application/sparql-query)")
        if request.values.getlist("default-graph-uri") or request.values.getlist("named-graph-uri"):
            raise Refused(400, "default-graph-uri / named-graph-uri are not supported: the default graph is the "
                               "union of all graphs; use GRAPH ?g { … } to choose graphs")
        reason = forbidden_reason(text)
        if reason:
            raise Refused(*reason)
        try:
            result = store.query(text)
        except (OSError, RuntimeError) as e:
            raise Refused(400, f"query failed: {e}") from None
        return respond(result, "SPARQL", text)

    @app.get("/queries")
    def queries():
        from kg.queries import list_queries
        return [{"name": q.name, "title": q.title, "example": q.example,
                 "params": [{"name": p.name, "type": p.type, "required": p.required, "help": p.help}
                            for p in q.params]} for q in list_queries().values()]

    @app.get("/query/<name>")
    def named(name: str):
        from kg.queries import get_query, run_named
        try:
            q = get_query(name)
        except QueryError as e:
            raise Refused(404, str(e)) from None
        params = {k: v for k, v in request.args.items() if k != "format" and v.strip()}
        return respond(run_named(store, name, params), q.title or name, q.text)

    return app
