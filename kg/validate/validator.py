"""Run the catalogue over decisions (`kg validate`, `kg load`) or over the whole store (`kg check`)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from ..errors import InvalidRecord
from ..ids import source_id_for_file
from ..records import DecisionRecord, Located, parse_record, read_raw
from ..temporal import PDate
from ..vocab import NS
from .catalogue import Catalogue, Rule
from .context import Context, build_scratch, decision_iri, scratch
from .engines import Labels, OwlEngine, ShaclEngine, SparqlEngine
from .findings import Finding
from .pychecks import CHECKS

ALL_ENGINES = ("shacl", "sparql", "python", "owl")
_ORDER = {"error": 0, "warning": 1, "info": 2}


def parse_titles(data: dict, file: str, line: int) -> dict:
    """A decision may give its post as a title string ("title: Bí thư Thành ủy Bắc Kạn"): parse it."""
    if not isinstance(data, dict) or data.get("type") != "decision" or "title" not in data:
        return data
    from ..titles import TitleParser
    data = dict(data)
    text = data.pop("title")
    when = data.get("effective") or data.get("signed") or data.get("announced")
    at = PDate.parse(str(when)).earliest if when else None
    t = TitleParser.default().parse_title(str(text), at=at)
    if not t.ok or not t.position:
        raise InvalidRecord(file, line, "title", f"cannot parse the title {text!r}: {t.error or 'no position'}",
                            "give position + org (or org_type + place) instead")
    data.setdefault("position", t.position)
    if not data.get("org"):
        data["org_type"] = t.org_type
        if t.unit_id:
            data["place"] = t.unit_id
        elif t.place:
            data["place"] = t.place
        if t.unit:
            data["unit_name"] = t.unit
    return data


def read_decisions(paths: Iterable[str | Path]) -> list[Located]:
    """Read record files (YAML, JSON, JSON Lines, CSV); raise InvalidRecord if one cannot be read."""
    located = []
    for p in paths:
        p = Path(p)
        files = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".yaml", ".yml", ".json", ".jsonl")) \
            if p.is_dir() else [p]
        for f in files:
            for data, line in read_raw(f):
                if isinstance(data, dict):
                    data = {k: (str(v) if k in ("signed", "effective", "announced", "start", "end", "date",
                                                 "start_latest", "current_as_of", "birth_date", "valid_from",
                                                 "valid_until") and v is not None and not isinstance(v, str)
                                else v) for k, v in data.items() if k != "expect"}
                located.append(parse_record(parse_titles(data, str(f), line), str(f), line))
    return located


class Validator:
    """Runs the catalogue. ``engines`` selects among shacl, sparql, python, owl."""

    def __init__(self, store, catalogue: Catalogue | None = None, engines: Iterable[str] = ALL_ENGINES):
        self.store = store
        self.catalogue = catalogue or Catalogue.default()
        self.engines = set(engines)
        self.labels = Labels(store)
        self.sparql = SparqlEngine(store, self.catalogue, self.labels)
        self.shacl = ShaclEngine(store, self.catalogue, self.labels)
        self.owl = OwlEngine(store, self.catalogue, self.labels)
        self.python = SparqlEngine(store, self.catalogue, self.labels)
        self.python.kind = "python"
        self.shacl_report = None          # rdflib Graph of the last pyshacl run
        self.window = int(self.catalogue.defaults.get("attestation_window_days", 365))

    # -- rule selection ------------------------------------------------------------------------------
    def rules_for(self, ctx: Context, kind: str) -> list[Rule]:
        if kind not in self.engines:
            return []
        return [r for r in self.catalogue.by_kind[kind]
                if "decision" in r.scope and (kind != "sparql" or r.query)
                and r.applies_on(ctx.day) and all(ctx.has(x) for x in r.requires)]

    # -- one decision ------------------------------------------------------------------------------
    def check_context(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        if "python" in self.engines and ctx.builder_errors and "D0" in self.catalogue.rules:
            rule = self.catalogue.rules["D0"]
            for row in CHECKS["references"](self.python, rule, ctx):
                out.append(self.python.finding(rule, ctx, row, facts=row.pop("_facts")))
        if not self.store.ask("ASK { ?d a vn:Decision }".replace("?d", f"<{ctx.iri}>")):
            return out
        for rule in self.rules_for(ctx, "sparql"):
            out += self.sparql.check(rule, ctx)
        for rule in self.rules_for(ctx, "python"):
            if rule.check == "references":
                continue
            for row in CHECKS[rule.check](self.python, rule, ctx):
                facts = row.pop("_facts", [])
                out.append(self.python.finding(rule, ctx, row, facts=facts))
        owl_rules = {r.id: r for r in self.rules_for(ctx, "owl")}
        if owl_rules:
            out += self.owl.check_all(owl_rules, ctx)
        return out

    def run_shacl(self, contexts: dict[str, Context], scope: str = "decision") -> list[Finding]:
        if "shacl" not in self.engines or not contexts:
            return []
        focus = list(contexts)
        conforms, results = self.shacl.run(focus)
        self.shacl_report = results if self.shacl_report is None else self.shacl_report + results
        rules = {}
        for r in self.catalogue.by_kind["shacl"]:
            if scope in r.scope:
                rules[r.shape or r.id] = r
        found = self.shacl.findings(results, rules, contexts)
        return [f for f in found if contexts.get(f.focus) is None or
                self.catalogue.rules[f.rule].applies_on(contexts[f.focus].day)]

    # -- a batch of input records (kg validate, kg load) ---------------------------------------------
    def validate_records(self, located: list[Located], *, default_source: str | None = None) -> list[Finding]:
        """Validate the decision records of a batch; the other records are context (a new person …)."""
        if default_source is None and located:
            default_source = source_id_for_file(Path(located[0].file).name)
        quads, errors, graph = build_scratch(self.store, located, default_source)
        decisions = [l for l in located if isinstance(l.record, DecisionRecord)]
        findings: list[Finding] = []
        by_line: dict[tuple[str, int], list] = {}
        for e in errors:
            by_line.setdefault((e.file, e.line), []).append(e)
        with scratch(self.store, quads, graph):
            contexts: dict[str, Context] = {}
            for loc in decisions:
                iri = decision_iri(loc.record)
                ctx = Context.load(self.store, iri, window=self.window, file=loc.file, line=loc.line,
                                   record=loc.record, builder_errors=by_line.pop((loc.file, loc.line), []))
                findings += self.check_context(ctx)
                if self.store.ask(f"ASK {{ <{iri}> a vn:Decision }}"):
                    contexts[iri] = ctx
            findings += self.run_shacl(contexts)
        # errors in context records (a tenure with an unknown person …) are reported too
        rule = self.catalogue.rules.get("D0")
        for (file, line), errs in by_line.items():
            ctx = Context("", self.store, file=file, line=line, builder_errors=errs)
            for row in CHECKS["references"](self.python, rule, ctx):
                findings.append(self.python.finding(rule, ctx, row, facts=row.pop("_facts")))
        return sort_findings(findings)

    def validate_turtle(self, text: str) -> list[Finding]:
        """Validate decisions given as RDF (Turtle), e.g. a reported decision that looks odd."""
        import uuid
        graph = ox.NamedNode(NS["graph"] + "scratch/" + uuid.uuid4().hex)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
                 for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
        findings: list[Finding] = []
        with scratch(self.store, quads, graph):
            contexts = {}
            for r in self.store.select(f"SELECT DISTINCT ?d WHERE {{ GRAPH <{graph.value}> {{ ?d a vn:Decision }} }}"):
                ctx = Context.load(self.store, r["d"], window=self.window)
                findings += self.check_context(ctx)
                contexts[r["d"]] = ctx
            findings += self.run_shacl(contexts)
        return sort_findings(findings)

    def validate_paths(self, paths: Iterable[str | Path]) -> tuple[list[Finding], int]:
        located = read_decisions(paths)
        n = sum(isinstance(l.record, DecisionRecord) for l in located)
        return self.validate_records(located), n

    # -- the whole store (kg check) ---------------------------------------------------------------
    def check_store(self, *, batch_size: int = 500, limit: int | None = None, progress=None) -> list[Finding]:
        """Every stored decision against the decision rules (in batches), then the graph rules."""
        findings: list[Finding] = []
        offset = 0
        while True:
            rows = self.store.select(f"SELECT ?d WHERE {{ ?d a vn:Decision }} ORDER BY ?d LIMIT {batch_size} OFFSET {offset}")
            if not rows:
                break
            contexts = {}
            for r in rows:
                ctx = Context.load(self.store, r["d"], window=self.window)
                findings += self.check_context(ctx)
                contexts[r["d"]] = ctx
            findings += self.run_shacl(contexts)
            offset += batch_size
            if progress:
                progress(offset)
            if len(rows) < batch_size or (limit and offset >= limit):
                break
        findings += self.check_graph(batch_size=batch_size * 20, limit=limit)
        return sort_findings(findings)

    def check_graph(self, *, batch_size: int = 10_000, limit: int | None = None, focus_graph: str | None = None) -> list[Finding]:
        out = []
        for rule in self.catalogue.rules.values():
            if "graph" not in rule.scope:
                continue
            if rule.kind == "sparql" and "sparql" in self.engines and rule.graph_query:
                out += self.sparql.check_graph(rule, limit)
        if "shacl" in self.engines:
            offset = 0
            while True:
                rows = self.store.select(f"""SELECT ?t WHERE {{ ?t a vn:Tenure FILTER NOT EXISTS {{ ?t vn:inferredFrom ?x }} }}
                                             ORDER BY ?t LIMIT {batch_size} OFFSET {offset}""")
                if not rows:
                    break
                out += self.run_shacl({r["t"]: None for r in rows}, scope="graph")
                offset += batch_size
                if len(rows) < batch_size or (limit and offset >= limit):
                    break
        if focus_graph:
            subjects = {r["s"] for r in self.store.select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{focus_graph}> {{ ?s ?p ?o }} }}")}
            out = [f for f in out if f.focus in subjects]
        return out

    def check_records_graph(self, located: list[Located]) -> list[Finding]:
        """Graph rules restricted to what a batch of records adds (used by tests of graph-scope rules)."""
        quads, errors, graph = build_scratch(self.store, located, None)
        with scratch(self.store, quads, graph):
            return sort_findings(self.check_graph(focus_graph=graph.value))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.focus, _ORDER[f.severity], f.rule))


def validate_records(store, located_records: list[Located], *, engines: Iterable[str] = ("shacl", "sparql", "python"),
                     ) -> list[Finding]:
    """For `kg load`: findings for the decision records of a batch (the store is left unchanged).

    OWL (HermiT, ~1–3 s a run) is off by default here; `kg validate` runs it.
    """
    if not any(isinstance(l.record, DecisionRecord) for l in located_records):
        return []
    return Validator(store, engines=engines).validate_records(located_records)


def flag_quads(findings: list[Finding], graph) -> list[ox.Quad]:
    """For `kg load --force`: quads recording findings on their decisions (``vn:flaggedBy``) in ``graph``.

    Each finding becomes a node ``<decision>--finding--<rule>`` typed ``vn:ValidationFinding`` with
    ``vn:ruleId``, ``vn:severity``, ``rdfs:comment`` (messages @vi/@en) and ``dcterms:source`` (legal source).
    """
    out = []
    lit = lambda v, lang=None: ox.Literal(v, language=lang) if lang else ox.Literal(v)
    V, RDFS, DCT = NS["vn"], NS["rdfs"], NS["dcterms"]
    for f in findings:
        if not f.focus:
            continue
        d = ox.NamedNode(f.focus)
        n = ox.NamedNode(f"{f.focus}--finding--{f.rule}")
        out += [ox.Quad(d, ox.NamedNode(V + "flaggedBy"), n, graph),
                ox.Quad(n, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(V + "ValidationFinding"), graph),
                ox.Quad(n, ox.NamedNode(V + "ruleId"), lit(f.rule), graph),
                ox.Quad(n, ox.NamedNode(V + "severity"), lit(f.severity), graph),
                ox.Quad(n, ox.NamedNode(RDFS + "comment"), lit(f.message_vi, "vi"), graph),
                ox.Quad(n, ox.NamedNode(RDFS + "comment"), lit(f.message_en, "en"), graph),
                ox.Quad(n, ox.NamedNode(DCT + "source"), lit(f.source, "vi"), graph)]
    return out
