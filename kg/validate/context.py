"""Turning input decisions into quads in a scratch graph, and the facts each check is bound to.

`kg validate` never changes the store: the decisions (and any other records of the same files, e.g. a new
person) are built with a lenient :class:`~kg.rdf.Builder` into a fresh named graph
``graph:scratch/<uuid>``, the checks run over the union of all graphs, and the scratch graph is removed
in a ``finally`` block (tests compare ``store.checksum()`` before and after).
"""
from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyoxigraph as ox

from ..errors import InvalidRecord
from ..rdf import Builder, N
from ..records import DecisionRecord, Located
from ..temporal import PDate
from ..vocab import NS

SCRATCH = NS["graph"] + "scratch/"
ONTOLOGY_GRAPH = N("graph", "ontology")
XSD_DATE = ox.NamedNode(NS["xsd"] + "date")


class LenientBuilder(Builder):
    """A Builder that records what a decision says even when it breaks a rule.

    The strict builder refuses a Chính ủy in a UBND or a post in an ended organization; here those are the
    validator's job (rules P1, M7, D5 …), so only unresolvable references remain builder errors (rule D0).
    """

    def _position_ok(self, loc, position, org) -> bool:
        if position not in self.vocab.positions:
            return super()._position_ok(loc, position, org)
        return True

    def _within_org(self, loc, org, start, end, field_) -> bool:
        return True

    def _interval_ok(self, loc, start, end, fs, fe) -> bool:
        return True

    def resolve_ref(self, loc, ref, at):
        """Resolve a place at the date; if it did not exist then, resolve it at any date (M7 explains)."""
        n = len(self.errors)
        info = super().resolve_ref(loc, ref, at)
        if info is None and at is not None and len(self.errors) == n + 1 and self.errors[-1].field == "place":
            saved = self.errors.pop()
            info = super().resolve_ref(loc, ref, None)
            if info is None:
                del self.errors[n:]
                self.errors.append(saved)
        return info


def decision_iri(r: DecisionRecord) -> str:
    """The IRI the Builder gives a decision record (kg.ids.decision_id)."""
    from ..ids import decision_id
    return NS["act"] + decision_id(r)


def build_scratch(store, located: list[Located], default_source: str | None = None) -> tuple[list[ox.Quad], list[InvalidRecord], ox.NamedNode]:
    graph = ox.NamedNode(SCRATCH + uuid.uuid4().hex)
    b = LenientBuilder(graph, store.vocab, store.gazetteer, known=store.known, store_org=store.org_info,
                       default_source=default_source)
    b.build(located)
    quads = list(b.quads)
    if not store.ox.contains_named_graph(ONTOLOGY_GRAPH):
        # A store without the ontology (e.g. empty): bring it into the scratch graph, never persist it.
        from ..vocab import ONTOLOGY_DIR
        files = sorted(ONTOLOGY_DIR.glob("*.ttl")) + sorted((ONTOLOGY_DIR / "vendor").glob("*.ttl"))
        for f in files:
            quads += [ox.Quad(t.subject, t.predicate, t.object, graph)
                      for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)]
    return quads, b.errors, graph


@contextlib.contextmanager
def scratch(store, quads: list[ox.Quad], graph: ox.NamedNode):
    """Add quads in a scratch graph for the duration of the block; always removed afterwards."""
    if store.read_only:
        from ..errors import KgError
        raise KgError("validation needs a writable store (it adds and removes a scratch graph); "
                      "close other programs using the store or pass --data to validate against files")
    try:
        if quads:
            store.ox.extend(quads)
        yield graph
    finally:
        if store.ox.contains_named_graph(graph):
            store.ox.remove_graph(graph)


# The decision's facts, read with constant subjects only (an OPTIONAL on a variable would be evaluated
# over the whole store by Oxigraph).
_DIRECT = {"decisionType": "dt", "subject": "person", "forPost": "post", "issuedBy": "auth", "term": "term",
           "signedOn": "signed", "effectiveOn": "effective", "announcedOn": "announced"}
_POST = {"positionType": "pt", "postIn": "org"}
_ORG = {"orgType": "ot", "jurisdiction": "unit"}


def _props(store, iri: str, wanted: dict, facts: dict) -> None:
    for q in store.ox.quads_for_pattern(ox.NamedNode(iri), None, None):
        name = q.predicate.value.rsplit("#", 1)[-1]
        if name in wanted and wanted[name] not in facts and (
                q.predicate.value.startswith(NS["vn"]) or q.predicate.value.startswith(NS["orgo"])):
            facts[wanted[name]] = q.object


@dataclass
class Context:
    """One decision under validation and the facts rules are bound to."""
    iri: str
    store: object
    facts: dict = field(default_factory=dict)      # name -> ox term (NamedNode / Literal)
    day: date | None = None                          # earliest reference date
    day_latest: date | None = None
    file: str = ""
    line: int | None = None
    record: object = None
    builder_errors: list = field(default_factory=list)
    window: int = 365

    @classmethod
    def load(cls, store, iri: str, *, window: int = 365, **kw) -> "Context":
        ctx = cls(iri, store, window=window, **kw)
        _props(store, iri, _DIRECT, ctx.facts)
        if "post" in ctx.facts:
            _props(store, ctx.facts["post"].value, _POST, ctx.facts)
        if "org" in ctx.facts:
            _props(store, ctx.facts["org"].value, _ORG, ctx.facts)
        for k in ("effective", "signed", "announced"):
            lit = ctx.facts.get(k)
            if lit is not None:
                try:
                    p = PDate.parse(lit.value)
                except ValueError:
                    continue
                ctx.day, ctx.day_latest = p.earliest, p.latest
                break
        return ctx

    def has(self, name: str) -> bool:
        if name == "date":
            return self.day is not None
        return name in self.facts

    def local(self, name: str) -> str | None:
        t = self.facts.get(name)
        if t is None:
            return None
        v = t.value
        for p in ("pt", "ot", "dt", "org", "post", "per", "term", "act", "au"):
            if v.startswith(NS[p]):
                return v[len(NS[p]):]
        return v

    def bindings(self) -> dict:
        """Values bound into SPARQL checks (only those the query mentions are injected)."""
        b: dict = {"d": ox.NamedNode(self.iri)}
        for k in ("person", "post", "org", "pt", "ot", "unit", "dt", "auth", "term"):
            if k in self.facts:
                b[k] = self.facts[k]
        if self.day:
            w = timedelta(days=self.window)
            b["D"] = ox.Literal(self.day.isoformat(), datatype=XSD_DATE)
            b["Dl"] = ox.Literal(self.day_latest.isoformat(), datatype=XSD_DATE)
            b["Dmin"] = ox.Literal((self.day - w).isoformat())
            b["Dmax"] = ox.Literal((self.day_latest + w).isoformat())
        return b
