"""The ontology's vocabulary, loaded once: position types, organization types, …

Python code is generic over this: a new position type is a change in
``ontology/positions.ttl``, not in code.

    >>> v = Vocab.instance()
    >>> v.positions["bi-thu"].label_vi
    'Bí thư'
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import InvalidOntology
from .paths import ROOT

ONTOLOGY_DIR = ROOT / "ontology"
BASE = "https://w3id.org/kg-vn/"
VN = BASE + "ontology#"
NS = {
    "vn": VN, "pt": BASE + "pt/", "ot": BASE + "ot/", "ut": BASE + "ut/", "dt": BASE + "dt/",
    "rk": BASE + "rank/", "au": BASE + "au/", "org": BASE + "org/", "post": BASE + "post/",
    "per": BASE + "per/", "ten": BASE + "tenure/", "att": BASE + "attestation/", "act": BASE + "act/",
    "rnk": BASE + "rankassignment/", "src": BASE + "source/", "chg": BASE + "change/",
    "term": BASE + "term/", "graph": BASE + "graph/",
    "orgo": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#",
    "skos": str(SKOS), "rdfs": str(RDFS), "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#", "time": "http://www.w3.org/2006/time#",
}
SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in NS.items())
# Kinds of controlled individuals, keyed by their namespace.
KINDS = {"position": "pt", "org_type": "ot", "unit_type": "ut", "decision_type": "dt", "rank": "rk"}


SKOS_BROADER = str(SKOS.broader)     # Term.props keeps properties outside vn: under their IRI


@dataclass(frozen=True)
class Term:
    """A controlled individual of the ontology (position type, organization type …)."""
    slug: str
    iri: str
    kind: str
    label_vi: str
    label_en: str
    alt_labels: tuple[str, ...] = ()
    props: dict = field(default_factory=dict, compare=False, hash=False)

    def prop(self, name: str) -> tuple[str, ...]:
        return self.props.get(name, ())

    def flag(self, name: str) -> bool:
        return any(v.lower() == "true" for v in self.prop(name))


@dataclass(frozen=True)
class Implication:
    """Holding ``from_position`` implies holding ``to_position`` in the org reached by ``org_path``."""
    from_position: str
    to_position: str
    org_path: str
    comment: str = ""


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """The ontology proper: every Turtle file in ontology/ except the SHACL shapes."""
    return [f for f in sorted(directory.glob("*.ttl")) if not f.name.startswith("shapes")]


def local_name(iri: str) -> str:
    """Slug or local name of one of our IRIs; other IRIs are returned unchanged."""
    for prefix in ("pt", "ot", "ut", "dt", "rk", "vn"):
        if iri.startswith(NS[prefix]):
            return iri[len(NS[prefix]):]
    return iri


class Vocab:
    _instance: "Vocab | None" = None

    def __init__(self, directory: Path = ONTOLOGY_DIR):
        self.directory = directory
        self.graph = Graph()
        files = ontology_files(directory)
        if not files:
            raise InvalidOntology(f"no ontology files in {directory}")
        for f in files:
            try:
                self.graph.parse(f, format="turtle")
            except Exception as e:  # rdflib raises many parser exception types
                raise InvalidOntology(f"{f}: cannot parse Turtle: {e}") from e
        self.positions = self._terms("position")
        self.org_types = self._terms("org_type")
        self.unit_types = self._terms("unit_type")
        self.decision_types = self._terms("decision_type")
        self.ranks = self._terms("rank")
        self.implications = self._implications()

    @classmethod
    def instance(cls) -> "Vocab":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def _label(self, s: URIRef, lang: str) -> str:
        for p in (SKOS.prefLabel, RDFS.label):
            for o in self.graph.objects(s, p):
                if isinstance(o, Literal) and o.language == lang:
                    return str(o)
        return ""

    def _terms(self, kind: str) -> dict[str, Term]:
        ns = NS[KINDS[kind]]
        terms = {}
        subjects = {s for s in self.graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
        for s in sorted(subjects):
            props: dict[str, list[str]] = {}
            for p, o in self.graph.predicate_objects(s):
                if p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, RDF.type):
                    continue
                props.setdefault(local_name(str(p).split("#")[-1] if str(p).startswith(VN) else str(p)),
                                 []).append(local_name(str(o)))
            alts = tuple(sorted(str(o) for o in self.graph.objects(s, SKOS.altLabel)))
            slug = str(s)[len(ns):]
            terms[slug] = Term(slug, str(s), kind, self._label(s, "vi"), self._label(s, "en"), alts,
                               {k: tuple(v) for k, v in props.items()})
        return terms

    def _implications(self) -> list[Implication]:
        q = f"""PREFIX vn: <{VN}>
        SELECT ?f ?t ?p (SAMPLE(?c) AS ?comment) WHERE {{
          ?i a vn:PositionImplication ; vn:fromPosition ?f ; vn:toPosition ?t ; vn:orgPath ?p .
          OPTIONAL {{ ?i rdfs:comment ?c }} }} GROUP BY ?f ?t ?p ORDER BY ?f ?t"""
        return [Implication(local_name(str(r.f)), local_name(str(r.t)), local_name(str(r.p)), str(r.comment or ""))
                for r in self.graph.query(q, initNs={"rdfs": RDFS})]

    # Typed lookups: .get_* returns None, [] raises with a hint.
    def get_position(self, slug: str) -> Term | None:
        return self.positions.get(slug)

    def table(self, kind: str) -> dict[str, Term]:
        return {"position": self.positions, "org_type": self.org_types, "unit_type": self.unit_types,
                "decision_type": self.decision_types, "rank": self.ranks}[kind]

    def suggest(self, kind: str, slug: str) -> str | None:
        """Closest known slug, for 'did you mean …' hints ('bi thu' → 'bi-thu')."""
        from .normalize import slug as mkslug
        table = self.table(kind)
        candidate = mkslug(slug)
        if candidate in table:
            return candidate
        by_label = {mkslug(t.label_vi): t.slug for t in table.values()}
        if candidate in by_label:
            return by_label[candidate]
        close = difflib.get_close_matches(candidate, list(table), n=1, cutoff=0.6)
        return close[0] if close else None

    def kinds_of(self, org_type: str) -> frozenset[str]:
        """``org_type`` and every type it is a kind of (skos:broader, transitively): a position of a type exists in
        its narrower types too (Ủy viên Ban Chấp hành of a Women's Union, of its Central Committee)."""
        out, todo = {org_type}, [org_type]
        while todo:
            t = self.org_types.get(todo.pop())
            for b in t.prop(SKOS_BROADER) if t is not None else ():
                if b not in out:
                    out.add(b)
                    todo.append(b)
        return frozenset(out)

    @cached_property
    def org_type_of_position_levels(self) -> dict[str, set[str]]:
        return {p.slug: set(p.prop("appliesTo")) for p in self.positions.values()}
