"""The engines behind the catalogue's `kind`: SPARQL on the store, SHACL (pyshacl) on the decision's
focus nodes, OWL (owlready2 + HermiT) on the decision's neighbourhood, and generic Python checks.

Every engine turns its raw results into :class:`~kg.validate.findings.Finding` the same way: the rule's
message templates are filled with the context's labels and the result row (IRIs become labels), and the
rule's fact templates list the conflicting facts with their sources.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

import pyoxigraph as ox

from ..vocab import NS, ONTOLOGY_DIR, VN
from .catalogue import Catalogue, Rule
from .context import Context
from .findings import Finding

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------- SPARQL text
def inject(text: str, bindings: dict) -> str:
    """Bind variables by writing their values (IRIs, typed literals) in place of ``?name``.

    pyoxigraph's ``substitutions`` needs the variables in the projection, and a VALUES block is not
    seen by FILTERs inside nested groups (SPARQL's bottom-up evaluation); constants are seen everywhere.
    Bound variables must therefore not be projected. Values are serialized by pyoxigraph (escaped).
    """
    for k, v in bindings.items():
        text = re.sub(r"[?$]" + re.escape(k) + r"(?!\w)", lambda m, v=v: str(v), text)
    return text


# A holding ({h}, already bound by the caller's patterns) held around the decision's date: a tenure whose
# bounds cover it, or an attestation (not "former") within the window, unless a tenure of the same person
# and post ended between the attestation and the date. Written with OPTIONALs on the bound node, not a
# UNION: a UNION branch is evaluated on its own (bottom-up) and would scan every tenure of the store.
_HELD = """OPTIONAL {{ {h} vn:startEarliest {p}_s }} OPTIONAL {{ {h} vn:endLatest {p}_e }}
    OPTIONAL {{ {h} vn:start {p}_s0 }} OPTIONAL {{ {h} vn:end {p}_e0 }}
    OPTIONAL {{ {h} vn:attestedOn {p}_a }} OPTIONAL {{ {h} vn:status {p}_st }}
    FILTER((!BOUND({p}_a) && (!BOUND({p}_s) || {p}_s <= ?Dl) && (!BOUND({p}_e) || {p}_e >= ?D))
        || (BOUND({p}_a) && (!BOUND({p}_st) || {p}_st != "former") && STR({p}_a) >= ?Dmin && STR({p}_a) <= ?Dmax))
    BIND(IF(BOUND({p}_a), CONCAT("attested ", STR({p}_a)),
            CONCAT("tenure ", COALESCE(STR({p}_s0), STR({p}_s), "?"), " – ", COALESCE(STR({p}_e0), STR({p}_e), "…"))) AS {p}_ev)"""
# The same test without OPTIONAL (for use inside NOT EXISTS, where Oxigraph evaluates OPTIONAL slowly).
_HELDQ = """FILTER((EXISTS {{ {h} vn:attestedOn {p}_a FILTER(STR({p}_a) >= ?Dmin && STR({p}_a) <= ?Dmax) }}
             && NOT EXISTS {{ {h} vn:status "former" }})
         || (NOT EXISTS {{ {h} vn:attestedOn {p}_x }} && NOT EXISTS {{ {h} vn:startEarliest {p}_s FILTER({p}_s > ?Dl) }}
             && NOT EXISTS {{ {h} vn:endLatest {p}_e FILTER({p}_e < ?D) }}))"""
# Attestations superseded by a tenure of the same person and post that ended before the date.
_SUPERSEDED = """FILTER NOT EXISTS {{ {h} vn:attestedOn {p}_a2 . {p}_t vn:holder {holder} ; vn:post {post} ; vn:endLatest {p}_te .
                            FILTER({p}_te < ?D && STR({p}_te) >= STR({p}_a2)) }}"""


def _slugs(values, prefix: str) -> str:
    return " ".join(f"<{NS[prefix]}{v}>" for v in values)


def expand(text: str, params: dict) -> str:
    """Macros: $HELD(?h) (a holding of the post around the date), $VALUES(?v, name, prefix),
    $VALUES2(?a ?b, name, prefixA prefixB) and $PARAM(name)."""
    text = re.sub(r"\$HELD\((\?\w+)\)", lambda m: _HELD.format(h=m.group(1), p=m.group(1)), text)
    text = re.sub(r"\$HELDQ\((\?\w+)\)", lambda m: _HELDQ.format(h=m.group(1), p=m.group(1)), text)
    text = re.sub(r"\$SUPERSEDED\((\?\w+),\s*(\?\w+),\s*(\?\w+)\)",
                  lambda m: _SUPERSEDED.format(h=m.group(1), p=m.group(1), holder=m.group(2), post=m.group(3)), text)

    def values(m):
        var, name, prefix = m.group(1), m.group(2), m.group(3)
        return f"FILTER({var} IN ({', '.join(_slugs(params[name], prefix).split())}))"
    text = re.sub(r"\$VALUES\((\?\w+),\s*(\w+),\s*(\w+)\)", values, text)
    text = re.sub(r"\$IN\((\?\w+),\s*(\w+),\s*(\w+)\)",
                  lambda m: f"{m.group(1)} IN ({', '.join(_slugs(params[m.group(2)], m.group(3)).split())})", text)

    def values2(m):
        a, b, name, pa, pb = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        rows = " || ".join(f"({a} = <{NS[pa]}{x}> && {b} = <{NS[pb]}{y}>)" for x, y in params[name])
        return f"FILTER({rows})"
    text = re.sub(r"\$VALUES2\((\?\w+)\s+(\?\w+),\s*(\w+),\s*(\w+)\s+(\w+)\)", values2, text)
    return re.sub(r"\$PARAM\((\w+)\)", lambda m: str(params[m.group(1)]), text)


# ---------------------------------------------------------------------------------------------- holdings
class Holdings:
    """Whether a holding (tenure or attestation) is held around the decision's date, by direct lookups.

    A tenure: its bounds (vn:startEarliest … vn:endLatest) cover the date. An attestation (not "former"):
    dated within the catalogue's window of the date, unless a tenure of the same person and post ended
    between the attestation and the date. Done in Python with constant-subject lookups: in Oxigraph an
    OPTIONAL or EXISTS over a variable is evaluated over the whole store (seconds at 1M tenures).
    """

    def __init__(self, store, ctx: Context):
        self.store, self.ctx = store, ctx
        self._cache: dict[str, bool] = {}
        from datetime import timedelta
        w = timedelta(days=ctx.window)
        self.lo = (ctx.day - w).isoformat() if ctx.day else "0000"
        self.hi = (ctx.day_latest + w).isoformat() if ctx.day_latest else "9999"

    def _props(self, node) -> dict[str, list]:
        out: dict[str, list] = {}
        for q in self.store.ox.quads_for_pattern(node, None, None):
            out.setdefault(q.predicate.value, []).append(q.object)
        return out

    def held(self, node) -> bool:
        key = node.value
        if key not in self._cache:
            self._cache[key] = self._held(node)
        return self._cache[key]

    def _held(self, node) -> bool:
        V = NS["vn"]
        p = self._props(node)
        day, latest = self.ctx.day, self.ctx.day_latest
        if day is None:
            return True
        att = p.get(V + "attestedOn")
        if att:
            if any(s.value == "former" for s in p.get(V + "status", [])):
                return False
            a = att[0].value
            if not (self.lo <= a <= self.hi):
                return False
            holder, post = p.get(V + "holder", [None])[0], p.get(V + "post", [None])[0]
            if holder is not None and post is not None:
                for t in self.store.ox.quads_for_pattern(None, ox.NamedNode(V + "holder"), holder):
                    tp = self._props(t.subject)
                    if post in tp.get(V + "post", []) and tp.get(V + "endLatest") and \
                            a <= tp[V + "endLatest"][0].value < day.isoformat():
                        return False
            return True
        s = p.get(V + "startEarliest")
        e = p.get(V + "endLatest")
        return (not s or s[0].value <= latest.isoformat()) and (not e or e[0].value >= day.isoformat())

    def person_holds(self, position, org) -> bool:
        V = NS["vn"]
        person = self.ctx.facts.get("person")
        if person is None:
            return False
        for q in self.store.ox.quads_for_pattern(None, ox.NamedNode(V + "holder"), person):
            for pq in self.store.ox.quads_for_pattern(q.subject, ox.NamedNode(V + "post"), None):
                post = pq.object
                if ox.Quad(post, ox.NamedNode(V + "positionType"), position) in self.store.ox or \
                        any(True for _ in self.store.ox.quads_for_pattern(post, ox.NamedNode(V + "positionType"), position)):
                    if any(True for _ in self.store.ox.quads_for_pattern(post, ox.NamedNode(NS["orgo"] + "postIn"), org)):
                        if self.held(q.subject):
                            return True
        return False


# ---------------------------------------------------------------------------------------------- labels
class Labels:
    """Labels of IRIs in Vietnamese or English (vocabulary first, then the store), cached."""

    def __init__(self, store):
        self.store = store
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, term, lang: str = "vi") -> str:
        if term is None:
            return ""
        if isinstance(term, ox.Literal):
            return term.value
        if not isinstance(term, ox.NamedNode):
            return str(term)
        key = (term.value, lang)
        if key not in self._cache:
            self._cache[key] = self._lookup(term.value, lang)
        return self._cache[key]

    def _lookup(self, iri: str, lang: str) -> str:
        v = self.store.vocab
        for prefix, table in (("pt", v.positions), ("ot", v.org_types), ("dt", v.decision_types), ("rk", v.ranks)):
            if iri.startswith(NS[prefix]) and iri[len(NS[prefix]):] in table:
                t = table[iri[len(NS[prefix]):]]
                return (t.label_vi if lang == "vi" else t.label_en) or t.label_vi or t.slug
        rows = self.store.query(inject("""SELECT ?l WHERE { { ?x foaf:name ?l } UNION { ?x rdfs:label ?l }
            UNION { ?x skos:prefLabel ?l } UNION { ?x dcterms:title ?l } }""", {"x": ox.NamedNode(iri)}))
        best, rank = None, 9
        for r in rows:
            lit = r["l"]
            r_ = 0 if lit.language == lang else (1 if lit.language == "vi" else 2)
            if r_ < rank:
                best, rank = lit.value, r_
        if best:
            return best
        if iri.startswith(VN):
            return iri[len(VN):]
        return iri.rsplit("/", 1)[-1]

    def source(self, term) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode) and term.value.startswith(NS["src"]):
            sid = term.value[len(NS["src"]):]
            title = self(term)
            return sid if title == sid else f"{sid} ({title})"
        return self(term)


class _Fill(dict):
    def __missing__(self, key):
        return "?"


class Engine:
    """Base: fill templates, make findings."""
    kind = ""

    def __init__(self, store, catalogue: Catalogue, labels: Labels):
        self.store, self.catalogue, self.labels = store, catalogue, labels

    def defaults(self, ctx: Context | None, lang: str) -> _Fill:
        f = _Fill()
        if ctx is None:
            return f
        L = lambda k: self.labels(ctx.facts.get(k), lang) if k in ctx.facts else "?"
        f.update(personName=L("person"), postLabel=L("post"), orgLabel=L("org"), ptLabel=L("pt"), otLabel=L("ot"),
                 dtLabel=L("dt").lower(), authLabel=L("auth"), termLabel=L("term"),
                 date=ctx.day.isoformat() if ctx.day else "?", signed=L("signed"), effective=L("effective"))
        return f

    def evidence(self, holding) -> str:
        """'tenure 2020-08 – …' or 'attested 2023-03-22' for a holding node."""
        r = self.store.select(inject("""SELECT ?a ?s ?e ?se ?el ?src WHERE { OPTIONAL { ?h vn:attestedOn ?a }
            OPTIONAL { ?h prov:wasDerivedFrom ?src }
            OPTIONAL { ?h vn:start ?s } OPTIONAL { ?h vn:end ?e } OPTIONAL { ?h vn:startEarliest ?se }
            OPTIONAL { ?h vn:endLatest ?el } } LIMIT 1""", {"h": holding}))
        r = r[0] if r else {}
        src = ox.NamedNode(r["src"]) if r.get("src") else None
        if r.get("a"):
            return f"attested {r['a']}", src
        return f"tenure {r.get('s') or r.get('se') or '?'} – {r.get('e') or r.get('el') or '…'}", src

    def finding(self, rule: Rule, ctx: Context | None, row: dict, *, focus: str | None = None,
                facts: list[dict] | None = None) -> Finding:
        if row.get("holding") is not None and row.get("evidence") is None:
            ev, src = self.evidence(row["holding"])
            row = dict(row, evidence=ox.Literal(ev))
            if src is not None and row.get("holdingSource") is None:
                row["holdingSource"] = src
        fills = {}
        for lang in ("vi", "en"):
            f = self.defaults(ctx, lang)
            for k, v in row.items():
                if k.startswith("_") or v is None:
                    continue
                f[k] = self.labels(v, lang) if isinstance(v, (ox.NamedNode, ox.Literal)) else str(v)
            fills[lang] = f
        if facts is None:
            facts = []
            for t in rule.facts:
                src = row.get(t.get("source", ""), None)
                facts.append({"fact": t["fact"].format_map(fills["vi"]),
                              "source": self.labels.source(src) if isinstance(src, (ox.NamedNode, ox.Literal)) else (src or "")})
        day = ctx.day if ctx else None
        return Finding(rule.id, rule.severity, rule.message_vi.format_map(fills["vi"]),
                       rule.message_en.format_map(fills["en"]), self.catalogue.source_text(rule, day, "vi"),
                       facts, focus or (ctx.iri if ctx else ""), ctx.file if ctx else "", ctx.line if ctx else None,
                       self.kind, self.catalogue.source_text(rule, day, "en"))


# ---------------------------------------------------------------------------------------------- SPARQL
class SparqlEngine(Engine):
    kind = "sparql"

    @lru_cache(maxsize=None)
    def text(self, rule_id: str, graph: bool = False) -> str:
        rule = self.catalogue.rules[rule_id]
        return expand(rule.query_text(graph), rule.params)

    def check(self, rule: Rule, ctx: Context) -> list[Finding]:
        """Run the rule's query; then the row conventions (see docs/validation.md):

        ``?holding``: keep the row only if that holding is held around the decision's date;
        ``?needPosition`` + ``?needOrg``: no finding at all if the decision's person holds such a post then;
        ``params.max``: count the distinct ``?other`` of the kept rows and report once when ≥ max.
        """
        res = self.store.query(inject(self.text(rule.id), ctx.bindings()))
        names = [v.value for v in res.variables]
        rows = [{n: r[n] for n in names} for r in res]
        rows = [r for r in rows if any(v is not None for v in r.values())]
        if not rows:
            return []
        holds = Holdings(self.store, ctx)
        need = any(r.get("needPosition") is not None for r in rows)
        if need and any(holds.person_holds(r["needPosition"], r["needOrg"]) for r in rows if r.get("needOrg") is not None):
            return []
        # Keep only holdings held around the date, before choosing the one row to report: the first
        # row may be a predecessor's tenure that ended long before.
        rows = [r for r in rows if r.get("holding") is None or holds.held(r["holding"])]
        if need:
            rows = rows[:1]
        if "max" in rule.params:
            others = {}
            for r in rows:
                others.setdefault(r["other"].value, r)
            if len(others) < int(rule.params["max"]):
                return []
            first = next(iter(others.values()))
            rows = [dict(first, count=ox.Literal(str(len(others))), max=ox.Literal(str(rule.params["max"])),
                         holders=ox.Literal(", ".join(sorted(self.labels(r["on"]) for r in others.values()))))]
        out, seen = [], set()
        for row in rows:
            f = self.finding(rule, ctx, row)
            if f.message_en not in seen:
                seen.add(f.message_en)
                out.append(f)
        return out

    def check_graph(self, rule: Rule, limit: int | None = None) -> list[Finding]:
        text = self.text(rule.id, True) + (f"\nLIMIT {limit}" if limit else "")
        res = self.store.query(text)
        names = [v.value for v in res.variables]
        out = []
        for r in res:
            row = {n: r[n] for n in names}
            focus = row.get("focus")
            out.append(self.finding(rule, None, row, focus=focus.value if focus is not None else ""))
        return out


# ---------------------------------------------------------------------------------------------- SHACL
SH = "http://www.w3.org/ns/shacl#"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
SHAPES_NS = "https://w3id.org/kg-vn/shapes#"

_NEIGHBOURHOOD = """CONSTRUCT { ?s ?p ?o } WHERE {
  { ?f ?p ?o BIND(?f AS ?s) }
  UNION { ?f ?q ?s . FILTER(isIRI(?s)) ?s ?p ?o FILTER(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> || ?p = foaf:name || ?p = vn:startsTenure) }
}"""


class ShaclEngine(Engine):
    kind = "shacl"
    _shapes = None

    @classmethod
    def shapes(cls):
        if cls._shapes is None:
            import rdflib
            cls._shapes = rdflib.Graph().parse(SHAPES, format="turtle")
        return cls._shapes

    def data_graph(self, focus: list[str]):
        """The focus nodes' triples and their objects' types (1 hop), as a small rdflib graph.

        Dates of vn:signedOn / vn:effectiveOn are written at day precision in this copy (signed: earliest
        day, effective: latest day) so that sh:lessThanOrEquals compares a year with a day correctly.
        """
        import rdflib
        from ..temporal import PDate
        g = rdflib.Graph()
        XSD_DATE = rdflib.URIRef(NS["xsd"] + "date")
        widen = {NS["vn"] + "signedOn": "earliest", NS["vn"] + "effectiveOn": "latest"}
        keep = {RDF_TYPE, NS["foaf"] + "name", NS["vn"] + "startsTenure"}

        def triples(f):
            node = ox.NamedNode(f)
            for q in self.store.ox.quads_for_pattern(node, None, None):
                yield q
                if isinstance(q.object, ox.NamedNode):
                    for q2 in self.store.ox.quads_for_pattern(q.object, None, None):
                        if q2.predicate.value in keep:
                            yield q2

        for f in focus:
            for t in triples(f):
                o = t.object
                if isinstance(o, ox.NamedNode):
                    obj = rdflib.URIRef(o.value)
                elif isinstance(o, ox.Literal):
                    if t.predicate.value in widen:
                        try:
                            d = getattr(PDate.parse(o.value), widen[t.predicate.value])
                            obj = rdflib.Literal(d.isoformat(), datatype=XSD_DATE)
                        except ValueError:
                            obj = rdflib.Literal(o.value, datatype=rdflib.URIRef(o.datatype.value))
                    else:
                        obj = rdflib.Literal(o.value, lang=o.language) if o.language else \
                            rdflib.Literal(o.value, datatype=rdflib.URIRef(o.datatype.value))
                else:
                    obj = rdflib.BNode(o.value)
                subj = rdflib.URIRef(t.subject.value) if isinstance(t.subject, ox.NamedNode) else rdflib.BNode(t.subject.value)
                g.add((subj, rdflib.URIRef(t.predicate.value), obj))
        return g

    def run(self, focus: list[str], data_graph=None):
        """(conforms, results graph) of pyshacl over the focus nodes' neighbourhood."""
        import pyshacl
        g = data_graph if data_graph is not None else self.data_graph(focus)
        conforms, results, text = pyshacl.validate(g, shacl_graph=self.shapes(), inference="none", advanced=True,
                                                   allow_warnings=True, focus_nodes=focus or None, inplace=True)
        if not hasattr(results, "subjects"):
            from ..errors import KgError
            raise KgError(f"pyshacl failed on ontology/shapes.ttl: {text}")
        return conforms, results

    def findings(self, results, rules: dict[str, Rule], contexts: dict[str, Context]) -> list[Finding]:
        import rdflib
        S = rdflib.Namespace(SH)
        out = []
        seen = set()
        for res in results.subjects(rdflib.RDF.type, S.ValidationResult):
            focus = str(results.value(res, S.focusNode))
            shape = str(results.value(res, S.sourceShape) or "")
            rid = shape[len(SHAPES_NS):].split(".")[0] if shape.startswith(SHAPES_NS) else None
            if rid is None:
                # an anonymous nested shape (e.g. inside sh:or / sh:node): attribute by its parent result
                continue
            rule = rules.get(rid)
            if rule is None or (focus, rid) in seen:
                continue
            seen.add((focus, rid))
            ctx = contexts.get(focus)
            msg = results.value(res, S.resultMessage)
            value = results.value(res, S.value)
            path = results.value(res, S.resultPath)
            fact = " ".join(x for x in (self._short(focus), self._short(str(path)) if path else "",
                                        str(value) if value is not None and str(value) != focus else "") if x)
            facts = [{"fact": f"{fact}: {msg}" if msg else fact, "source": f"pyshacl, shape {self._short(shape)}"}]
            out.append(self.finding(rule, ctx, {}, focus=focus, facts=facts))
        return out

    @staticmethod
    def _short(iri: str) -> str:
        for k, v in NS.items():
            if iri.startswith(v):
                return f"{k}:{iri[len(v):]}"
        return iri


# ---------------------------------------------------------------------------------------------- OWL
_OWL_NEIGHBOURHOOD = """CONSTRUCT { ?s ?p ?o } WHERE {
  { ?d ?p ?o BIND(?d AS ?s) }
  UNION { ?d vn:subject|vn:forPost|vn:issuedBy|vn:term ?s . ?s ?p ?o }
  UNION { ?d vn:forPost/orgo:postIn ?s . ?s ?p ?o }
  UNION { ?d vn:subject ?per . ?s vn:holder ?per . ?s ?p ?o }
  UNION { ?d vn:subject ?per . ?h vn:holder ?per ; vn:post ?s . ?s ?p ?o }
  UNION { ?d vn:subject ?per . ?h vn:holder ?per ; vn:post/orgo:postIn ?s . ?s ?p ?o }
}"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class OwlEngine(Engine):
    """owlready2 + HermiT on the decision's neighbourhood (the decision, the person's holdings, the post,
    the organization and their types) against the TBox (ontology/kg.ttl + vendored ORG)."""
    kind = "owl"
    _tbox: bytes | None = None
    _props: frozenset | None = None

    @classmethod
    def tbox(cls) -> tuple[bytes, frozenset]:
        if cls._tbox is None:
            import rdflib
            from rdflib.namespace import OWL, RDF
            g = rdflib.Graph()
            g.parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
            g.parse(ONTOLOGY_DIR / "vendor" / "org.ttl", format="turtle")
            for t in list(g.triples((None, OWL.imports, None))):
                g.remove(t)
            cls._tbox = g.serialize(format="nt", encoding="utf-8")
            cls._props = frozenset(str(s) for s in g.subjects(RDF.type, OWL.ObjectProperty))
        return cls._tbox, cls._props

    def abox(self, ctx: Context) -> tuple[list[str], list[str]]:
        """(ABox N-Triples lines, pillar axiom lines for rule O2)."""
        _, props = self.tbox()
        q = inject(_OWL_NEIGHBOURHOOD, {"d": ox.NamedNode(ctx.iri)})
        lines = set()
        for t in self.store.query(q):
            if not isinstance(t.object, ox.NamedNode) or not isinstance(t.subject, ox.NamedNode):
                continue
            p = t.predicate.value
            if p == RDF_TYPE or p in props:
                lines.add(f"{t.subject} {t.predicate} {t.object} .")
        pillar = []
        org, pt = ctx.facts.get("org"), ctx.facts.get("pt")
        if org is not None and pt is not None:
            classes = [r["c"] for r in self.store.select(inject(
                "SELECT ?c WHERE { ?pt vn:pillar ?p . ?p vn:pillarClass ?c }", {"pt": pt}))]
            if len(classes) == 1:
                pillar.append(f"{org} <{RDF_TYPE}> <{classes[0]}> .")
            elif classes:
                items = " ".join(f"<{c}>" for c in classes)
                pillar.append(self._union(org, classes))
        return sorted(lines), pillar

    @staticmethod
    def _union(org, classes) -> str:
        owl = "http://www.w3.org/2002/07/owl#"
        rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        out = [f"{org} <{RDF_TYPE}> _:u .", f"_:u <{RDF_TYPE}> <{owl}Class> .", f"_:u <{owl}unionOf> _:l0 ."]
        for i, c in enumerate(classes):
            out.append(f"_:l{i} <{rdf}first> <{c}> .")
            out.append(f"_:l{i} <{rdf}rest> " + (f"_:l{i + 1} ." if i + 1 < len(classes) else f"<{rdf}nil> ."))
        return "\n".join(out)

    def consistent(self, lines: list[str]) -> bool:
        import owlready2
        tbox, _ = self.tbox()
        world = owlready2.World()
        try:
            world.get_ontology("urn:kg-vn:validate").load(
                fileobj=io.BytesIO(tbox + ("\n".join(lines) + "\n").encode("utf-8")), format="ntriples")
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
            return True
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        finally:
            world.close()

    def check_all(self, rules: dict[str, Rule], ctx: Context) -> list[Finding]:
        lines, pillar = self.abox(ctx)
        if self.consistent(lines + pillar):
            return []
        out = []
        base_ok = self.consistent(lines)
        if not base_ok and "O1" in rules:
            out.append(self.finding(rules["O1"], ctx, {"explanation": "HermiT reports the neighbourhood inconsistent"},
                                    facts=[{"fact": l, "source": "store"} for l in lines[:12]]))
        if base_ok and "O2" in rules:
            pt = ctx.facts["pt"]
            classes = self.store.select(inject("""SELECT ?pl ?c WHERE { ?pt vn:pillar ?pl . ?pl vn:pillarClass ?c }""",
                                               {"pt": pt}))
            org_classes = self.store.select(inject("""SELECT DISTINCT ?c WHERE { ?o a ?c . ?c rdfs:subClassOf+ orgo:Organization
                FILTER(STRSTARTS(STR(?c), STR(vn:))) }""", {"o": ctx.facts["org"]}))
            row = {"pillar": ", ".join(r["pl"].rsplit("#", 1)[-1] for r in classes),
                   "orgClass": ", ".join(r["c"].rsplit("#", 1)[-1] for r in org_classes)}
            facts = [{"fact": f"{self.labels(pt)} vn:pillar {row['pillar']}", "source": "ontology/positions.ttl"},
                     {"fact": f"{self.labels(ctx.facts['org'])} a {row['orgClass']}", "source": "ontology/org-types.ttl"},
                     {"fact": "pillar classes are pairwise owl:disjointWith", "source": "ontology/kg.ttl"}]
            out.append(self.finding(rules["O2"], ctx, row, facts=facts))
        return out
