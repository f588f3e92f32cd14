"""The embedded store: one small interface used by every command.

An on-disk Oxigraph store by default (``--store PATH``, default ``.kg/store``
or ``$KG_STORE``), or in memory (``Store()``) for tests. Loads are
all-or-nothing: every record of every file is checked first, and the quads are
written in one transaction only when there is no error.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .errors import InvalidRecord, InvalidRecords, KgError
from .gazetteer import Gazetteer
from .normalize import slug
from .paths import ROOT
from .rdf import Builder, N, OrgInfo, lit
from .records import read_raw, parse_record
from .vocab import NS, ONTOLOGY_DIR, Vocab, ontology_files

DEFAULT_STORE = ".kg/store"
ONTOLOGY_GRAPH = N("graph", "ontology")
INFERRED_GRAPH = N("graph", "inferred")
_KIND_PREFIX = {"person": "per", "organization": "org", "unit": "au", "tenure": "ten", "term": "term",
                "source": "src", "post": "post", "decision": "act", "attestation": "att", "change": "chg"}


_PROJECTION = re.compile(r"\b(SELECT)\b(.*?)(\bWHERE\b|\{)", re.S | re.I)


def bind_query(sparql: str, params: dict) -> str:
    """Bind variables to RDF terms everywhere in a query, subqueries included.

    Values are pyoxigraph terms, written in their N-Triples form (IRIs are validated and
    literals escaped by pyoxigraph), so a parameter can never change the query's structure.
    A bound variable of the top projection becomes ``(term AS ?var)`` so it still shows; subquery
    projections and GROUP BY clauses drop it.
    (pyoxigraph's own ``substitutions`` does not reach into subqueries.)

    >>> bind_query("SELECT ?p WHERE { ?p ?x ?o }", {"x": ox.NamedNode("http://e/x")})
    'SELECT ?p WHERE { ?p <http://e/x> ?o }'
    """
    body = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    for name, term in params.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise TypeError(f"parameter {name} must be a pyoxigraph NamedNode or Literal")
    out, pos = [], 0
    for m in _PROJECTION.finditer(body):  # every SELECT projection, subqueries included
        out.append(_bind_terms(body[pos:m.start(2)], params))
        proj = m.group(2)
        top = "{" not in body[: m.start()]
        for name, term in params.items():
            # A subquery must not re-project a variable bound outside it: drop it there.
            proj = re.sub(rf"(?<![\w(])[?$]{name}\b(?!\s*\))", f"({term} AS ?{name})" if top else "", proj)
        out.append(proj)
        pos = m.end(2)
    out.append(_bind_terms(body[pos:], params))
    return "".join(out)


def _bind_terms(text: str, params: dict) -> str:
    for name in params:  # an optional parameter that was given: BOUND(?x) is true
        text = re.sub(rf"BOUND\s*\(\s*[?$]{name}\s*\)", "true", text, flags=re.I)
    for name in params:  # grouping by a bound variable is grouping by a constant: drop it
        text = re.sub(rf"(GROUP\s+BY\b[^}}\n]*?)\s*[?$]{name}\b", r"\1", text, flags=re.I)
    for name, term in params.items():
        text = re.sub(rf"[?$]{name}\b", lambda _: str(term), text)
    return text


def default_store_path() -> str:
    return os.environ.get("KG_STORE", DEFAULT_STORE)


@dataclass
class LoadReport:
    loaded: list[tuple[str, int]] = field(default_factory=list)   # (file, quads)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    inferred: int = 0

    def __str__(self) -> str:
        lines = [f"loaded {f}: {n} quads" for f, n in self.loaded]
        lines += [f"unchanged {f} (already loaded)" for f in self.unchanged]
        lines += [f"replaced the previous version of {f}" for f in self.replaced]
        lines.append(f"inferred: {self.inferred} quads in <{INFERRED_GRAPH.value}>")
        return "\n".join(lines)


def _files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix.lower() in (".jsonl", ".json", ".yaml", ".yml", ".csv", ".tsv")
                          and f.name.lower() not in ("package.json",))
        else:
            out.append(p)
    return out


class Store:
    """A kg store. ``Store()`` is in memory; ``Store(path)`` is on disk."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else None
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:
            raise KgError(f"cannot open store at {self.path}: {e}") from None
        self.read_only = read_only
        self.vocab = Vocab.instance()
        self._gazetteer: Gazetteer | None = None

    @property
    def ox(self) -> ox.Store:
        return self._ox

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def __len__(self) -> int:
        return len(self._ox)

    # -- queries ----------------------------------------------------------------------------------
    def query(self, sparql: str, params: dict | None = None):
        """Run SPARQL over the union of all graphs with ``params`` bound (see :func:`bind_query`)."""
        text = bind_query(sparql, params) if params else sparql
        try:
            return self._ox.query(text, prefixes=NS, use_default_graph_as_union=True)
        except SyntaxError as e:
            raise KgError(f"SPARQL syntax error: {e}") from None

    def select(self, sparql: str, params: dict | None = None) -> list[dict]:
        """Rows as dicts of Python values (str / None)."""
        res = self.query(sparql, params)
        names = [v.value for v in res.variables]
        return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in res]

    def ask(self, sparql: str, params: dict | None = None) -> bool:
        return bool(self.query(sparql, params))

    def exists(self, iri: str) -> bool:
        return self.ask("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)})

    def known(self, kind: str, id_: str) -> bool:
        return self.exists(NS[_KIND_PREFIX.get(kind, "org")] + id_)

    def org_info(self, oid: str) -> OrgInfo | None:
        rows = self.select("""SELECT ?type ?vi ?en ?from ?until ?unit ?uname WHERE {
            OPTIONAL { ?o vn:orgType ?type } OPTIONAL { ?o rdfs:label ?vi FILTER(lang(?vi) = "vi") }
            OPTIONAL { ?o rdfs:label ?en FILTER(lang(?en) = "en") } OPTIONAL { ?o vn:validFrom ?from }
            OPTIONAL { ?o vn:validUntil ?until } OPTIONAL { ?o vn:jurisdiction ?unit }
            OPTIONAL { ?o vn:unitName ?uname } ?o ?p ?x } LIMIT 1""", {"o": N("org", oid)})
        if not rows:
            return None
        r = rows[0]
        unit = self.gazetteer.units.get(r["unit"][len(NS["au"]):]) if r["unit"] else None
        return OrgInfo(oid, r["type"][len(NS["ot"]):] if r["type"] else None, r["vi"] or oid, r["en"] or "",
                       date.fromisoformat(r["from"]) if r["from"] else None,
                       date.fromisoformat(r["until"]) if r["until"] else None, unit, r["uname"], explicit=True)

    def checksum(self) -> str:
        """A digest of every quad: equal before and after a refused load."""
        h = hashlib.sha256()
        for line in sorted(str(q) for q in self._ox):
            h.update(line.encode())
        return h.hexdigest()

    def graphs(self) -> list[dict]:
        return self.select("""SELECT ?g ?file ?checksum ?time (COUNT(*) AS ?quads) WHERE {
            GRAPH ?g { ?s ?p ?o } OPTIONAL { GRAPH ?g { ?g vn:file ?file ; vn:checksum ?checksum ;
            prov:generatedAtTime ?time } } } GROUP BY ?g ?file ?checksum ?time ORDER BY ?g""")

    # -- loading ----------------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise KgError("the store is open read-only")

    def ensure_ontology(self) -> bool:
        """Keep <graph:ontology> equal to the files in ontology/ (reloaded when they change)."""
        self._check_writable()
        files = ontology_files() + sorted((ONTOLOGY_DIR / "vendor").glob("*.ttl"))
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
        if self.ask("ASK { GRAPH ?g { ?g vn:checksum ?c } }", {"g": ONTOLOGY_GRAPH, "c": ox.Literal(digest)}):
            return False
        quads = []
        for f in files:
            quads += [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                      for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)]
        quads.append(ox.Quad(ONTOLOGY_GRAPH, N("vn", "checksum"), ox.Literal(digest), ONTOLOGY_GRAPH))
        self._ox.remove_graph(ONTOLOGY_GRAPH) if self._ox.contains_named_graph(ONTOLOGY_GRAPH) else None
        self._ox.extend(quads)
        return True

    def load(self, paths: Iterable[str | Path], *, record_type: str | None = None, infer: bool = True,
             force: bool = False) -> LoadReport:
        """Check every record of every file, then write all of them or nothing.

        Decisions are also checked against the rule catalogue (kg.validate): a rule error refuses
        the load unless ``force``, which loads the decision with its findings (``vn:flaggedBy``).
        """
        self._check_writable()
        report = LoadReport()
        errors: list[InvalidRecord] = []
        batches = []  # (path, graph, checksum, located records)
        for path in _files(paths):
            try:
                raw = path.read_bytes()
            except OSError as e:
                errors.append(InvalidRecord(str(path), None, None, f"cannot read file: {e.strerror}"))
                continue
            digest = hashlib.sha256(raw).hexdigest()
            graph = N("graph", f"batch/{slug(path.name)}-{digest[:12]}")
            if self._ox.contains_named_graph(graph):
                report.unchanged.append(str(path))
                continue
            located = []
            try:
                for data, line in read_raw(path, record_type=record_type):
                    try:
                        located.append(parse_record(data, str(path), line))
                    except InvalidRecord as e:
                        errors.append(e)
            except InvalidRecord as e:
                errors.append(e)
            batches.append((path, graph, digest, located))
        if not batches and not errors:
            return report
        builder = Builder(N("graph", "pending"), self.vocab, self.gazetteer, known=self.known,
                          store_org=self.org_info, strict_decisions=False)  # decisions: kg.validate
        for path, graph, digest, located in batches:
            builder.graph = graph
            # Facts without an explicit source are derived from the file itself.
            builder.default_source = "file-" + slug(path.name)
            s = N("src", builder.default_source)
            builder.add(s, "rdf:type", N("vn", "Source"))
            builder.add(s, "rdfs:label", lit(path.name))
            builder.add(s, "vn:checksum", lit(digest))
            builder.build(located)
            now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
            builder.add(graph, "vn:file", lit(path.name))
            builder.add(graph, "vn:checksum", lit(digest))
            builder.add(graph, "prov:generatedAtTime", lit(now, "dateTime"))
        errors += builder.errors
        if not errors:
            errors += self._check_decisions(batches, builder, force)
        if errors:
            raise InvalidRecords(errors)
        self.ensure_ontology()
        old = []
        for path, graph, digest, _ in batches:
            for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g vn:file ?f } }", {"f": lit(path.name)}):
                old.append(ox.NamedNode(row["g"]))
                report.replaced.append(str(path))
        for g in old:
            self._ox.remove_graph(g)
        self._ox.extend(builder.quads)
        counts: dict[str, int] = {}
        for q in builder.quads:
            counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
        report.loaded = [(str(p), counts.get(g.value, 0)) for p, g, _, _ in batches]
        if infer:
            from .inference import infer as run_inference
            report.inferred = run_inference(self)
        return report

    def _check_decisions(self, batches, builder: Builder, force: bool) -> list[InvalidRecord]:
        """Rule errors of decision records (validation leaves the store unchanged)."""
        located = [loc for _, _, _, locs in batches for loc in locs]
        if not any(getattr(loc.record, "type", "") == "decision" for loc in located):
            return []
        from .validate import flag_quads, validate_records
        findings = validate_records(self, located)
        errs = [f for f in findings if f.severity == "error"]
        if errs and not force:
            return [InvalidRecord(f.file, f.line, f"rule {f.rule}", f.message_en,
                                  f"{f.source_en}; load anyway and flag it with --force") for f in errs]
        graph_of = {str(p): g for p, g, _, _ in batches}
        for f in findings:  # recorded beside the decision, in its file's graph
            if f.severity != "info" and f.file in graph_of:
                builder.quads += flag_quads([f], graph_of[f.file])
        return []

    def dump(self, output, fmt: str = "nq", graph: str | None = None) -> None:
        rdf_format = ox.RdfFormat.from_extension(fmt)
        if graph:
            self._ox.dump(output, rdf_format, from_graph=ox.NamedNode(graph))
        else:
            self._ox.dump(output, rdf_format)


_OPEN: dict[Path, Store] = {}


def open_store(path: str | Path | None = None, *, read_only: bool = False, memory: bool = False) -> Store:
    """The one way commands open a store.

    A store directory is opened once per process and shared: RocksDB allows one writer, and a
    read-only handle beside a live writer in the same process can see half-compacted files.
    """
    if memory:
        return Store()
    p = Path(path or default_store_path()).resolve()
    if p in _OPEN and (read_only or not _OPEN[p].read_only):
        return _OPEN[p]
    if read_only and not p.exists():
        raise KgError(f"no store at {p}; load data first: kg load {_data_arg()} (or pass --store PATH)")
    store = Store(p, read_only=read_only)
    _OPEN[p] = store
    return store


def _data_arg() -> str:
    """kg's own records as a ``kg load`` argument: "data/" in the checkout, else where an installed wheel keeps
    them."""
    data = ROOT / "data"
    return "data/" if Path("data").resolve() == data else str(data)
