"""The analyst query library: named, parameterized SPARQL files in queries/.

Each file starts with a header of ``# key: value`` lines (title, description,
param, example). Parameters are bound with pyoxigraph substitutions, never
formatted into the query text.

    >>> "who-held" in list_queries()
    True
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .temporal import PDate
from .vocab import NS, ROOT

QUERY_DIR = ROOT / "queries"
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(?:[—-]\s*(.*))?$")
FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class Param:
    name: str
    type: str
    required: bool
    help: str = ""


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    example: str = ""
    params: list[Param] = field(default_factory=list)


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    q = NamedQuery(path.stem, path, text)
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        m = re.match(r"^(title|description|param|example):\s*(.*)$", body)
        if m:
            key, value = m.group(1), m.group(2)
            if key == "param":
                pm = _PARAM.match(value)
                if not pm:
                    raise QueryError(f"{path}: bad param line '{value}'")
                kinds = [k.strip() for k in pm.group(2).split(",")]
                q.params.append(Param(pm.group(1), kinds[0], "required" in kinds, pm.group(3) or ""))
            else:
                setattr(q, key, value)
        elif key == "description":
            q.description += " " + body
    return q


def list_queries(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.rq"))}


def get_query(name: str) -> NamedQuery:
    queries = list_queries()
    if name not in queries:
        import difflib
        close = difflib.get_close_matches(name, list(queries), n=1)
        raise QueryError(f"unknown query '{name}'" + (f"; did you mean '{close[0]}'?" if close else "")
                         + f" (available: {', '.join(queries)})")
    return queries[name]


def expand_iri(value: str) -> str:
    """``post:bi-thu--…`` → full IRI; full IRIs pass through."""
    if value.startswith(("http://", "https://", "urn:")):
        return value
    if ":" in value:
        prefix, local = value.split(":", 1)
        if prefix in NS:
            return NS[prefix] + local
    raise QueryError(f"'{value}' is not an IRI; use a prefixed name such as per:cu-ngoc-cuong--bk01 "
                     f"(prefixes: {', '.join(k for k in NS if k not in ('xsd', 'owl'))})")


def bind(param: Param, value: str):
    """Typed pyoxigraph term for a parameter value, with a clear error."""
    if param.type == "iri":
        return ox.NamedNode(expand_iri(value))
    if param.type == "date":
        try:
            d = PDate.parse(value)
        except ValueError as e:
            raise QueryError(f"parameter {param.name}: {e}") from None
        if d.precision != "day":
            raise QueryError(f"parameter {param.name}: give a day (YYYY-MM-DD), got '{value}'")
        return ox.Literal(d.earliest.isoformat(), datatype=ox.NamedNode(NS["xsd"] + "date"))
    if param.type == "integer":
        if not value.lstrip("-").isdigit():
            raise QueryError(f"parameter {param.name}: '{value}' is not an integer")
        return ox.Literal(value, datatype=ox.NamedNode(NS["xsd"] + "integer"))
    return ox.Literal(value)


def run_named(store, name: str, params: dict[str, str]):
    """Run a library query with ``params`` (strings from the CLI or the API)."""
    q = get_query(name)
    known = {p.name: p for p in q.params}
    for k in params:
        if k not in known:
            raise QueryError(f"query '{name}' has no parameter '{k}' (parameters: {', '.join(known) or 'none'})")
    for p in q.params:
        if p.required and p.name not in params:
            raise QueryError(f"query '{name}' needs --param {p.name}=… ({p.help or p.type}); example: {q.example}")
    return store.query(q.text, {k: bind(known[k], v) for k, v in params.items()})


def run_sparql(store, text: str):
    """Run any SPARQL query text (read-only: updates are refused by the query parser)."""
    return store.query(text)


def _cell(term) -> str:
    if term is None:
        return ""
    v = term.value
    for prefix in ("per", "post", "org", "au", "pt", "ot", "ten", "att", "act", "src", "chg", "term", "dt", "rk"):
        if isinstance(term, ox.NamedNode) and v.startswith(NS[prefix]):
            return f"{prefix}:{v[len(NS[prefix]):]}"
    return v


def result_rows(result) -> tuple[list[str], list[list[str]]]:
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, [[_cell(row[n]) for n in names] for row in result]
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], [[_cell(t.subject), _cell(t.predicate), _cell(t.object)]
                                                    for t in result]
    return ["result"], [[str(bool(result)).lower()]]


def format_result(result, fmt: str = "table") -> str:
    """Table (default), CSV, TSV or SPARQL 1.1 JSON results."""
    if fmt == "json":
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            return result.serialize(format=ox.QueryResultsFormat.JSON).decode()
        names, rows = result_rows(result)
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1)
    names, rows = result_rows(result)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    return table(names, rows)


def table(names: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    if not rows:
        return "(no results)"
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max(len(n), *(len(r[i]) for r in cut)) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cut]
    return "\n".join([line, sep, *body]) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
