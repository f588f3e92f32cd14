"""Materialize what the ontology implies into <graph:inferred>.

Kept apart from asserted facts so a user can always tell them apart
(``GRAPH graph:inferred { … }``). Rebuilt from scratch after every load.

Rules (each a CONSTRUCT over the union of all graphs):

- class hierarchy: an instance of a class is an instance of its superclasses;
- organizations: ``orgo:transitiveSubOrganizationOf`` (sub-organization closure) and
  ``vn:withinOrganization`` (closure of sub-organization, organ-of and elected-from);
- position implications read from ontology/implications.ttl (domain.md M1–M3):
  a Bí thư of a committee is a member of its Ban Thường vụ and of the committee;
- a tenure with no end is closed at the end of its organization
  (``vn:endLatest`` + ``vn:endReason vn:OrganizationEnded``, domain.md §4.4.6).
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from .ids import post_label
from .vocab import NS, local_name

RDFS_LABEL = ox.NamedNode(NS["rdfs"] + "label")
SKOS_PREF = ox.NamedNode(NS["skos"] + "prefLabel")

CLASS_CLOSURE = """CONSTRUCT { ?x a ?sup } WHERE {
  ?x a ?c . ?c rdfs:subClassOf+ ?sup . FILTER(isIRI(?sup) && isIRI(?x)) FILTER NOT EXISTS { ?x a ?sup } }"""
SUBORG_CLOSURE = """CONSTRUCT { ?a orgo:transitiveSubOrganizationOf ?b } WHERE { ?a orgo:subOrganizationOf+ ?b }"""
WITHIN_CLOSURE = """CONSTRUCT { ?a vn:withinOrganization ?b } WHERE {
  ?a (orgo:subOrganizationOf|vn:organOf|vn:electedFrom)+ ?b }"""
ORG_END = """CONSTRUCT { ?t vn:endLatest ?until ; vn:endReason vn:OrganizationEnded } WHERE {
  ?t a vn:Tenure ; vn:post/orgo:postIn ?o . ?o vn:validUntil ?until .
  FILTER NOT EXISTS { ?t vn:end ?e } FILTER NOT EXISTS { ?t vn:endLatest ?l } }"""
_PATHS = {
    "SameOrganization": "BIND(?o AS ?o2)",
    "ElectedFromOrganization": "?o vn:electedFrom ?o2 .",
    "StandingCommitteeOfOrganization": "?o2 vn:electedFrom ?o .",
}
_COPIED = ["vn:start", "vn:end", "vn:startEarliest", "vn:startLatest", "vn:endEarliest", "vn:endLatest",
           "vn:currentAsOf", "vn:attestedOn", "vn:status", "vn:term", "prov:wasDerivedFrom", "vn:acting"]


def implication_query(frm: str, to: str, path: str, rule: str) -> str:
    """CONSTRUCT the implied tenures/attestations (and posts) of one vn:PositionImplication.

    Starts from the posts of the position type (selective), then their holders; implied
    facts get deterministic IRIs, so re-deriving one adds nothing.
    """
    copies = "\n".join(f"  OPTIONAL {{ ?t {p} ?v{i} }}" for i, p in enumerate(_COPIED))
    copied = " ".join(f"; {p} ?v{i}" for i, p in enumerate(_COPIED))
    return f"""CONSTRUCT {{
  ?np a orgo:Post ; vn:positionType pt:{to} ; orgo:postIn ?o2 .
  ?n a ?cls ; vn:holder ?p ; vn:post ?np ; orgo:organization ?o2 ; vn:inferredFrom ?t ; vn:ruleId "{rule}" {copied} .
}} WHERE {{
  ?post vn:positionType pt:{frm} ; orgo:postIn ?o .
  {_PATHS[path]}
  ?t vn:post ?post ; a ?cls ; vn:holder ?p .
  FILTER(?cls = vn:Tenure || ?cls = vn:Attestation)
  BIND(IRI(CONCAT(STR(?t), "--implies--{to}")) AS ?n)
  BIND(IRI(CONCAT("{NS['post']}{to}--", STRAFTER(STR(?o2), "{NS['org']}"))) AS ?np)
{copies}
}}"""


def _rule_id(comment: str) -> str:
    """The domain rule id cited in an implication's comment (M1, M2 …)."""
    m = re.search(r"\b([MKCTAV]\d+)\b", comment)
    return m.group(1) if m else "implication"


def _construct(store, sparql: str) -> list:
    return list(store.query(sparql))


def infer(store, *, max_rounds: int = 4) -> int:
    """Rebuild <graph:inferred>; returns the number of inferred quads."""
    g = ox.NamedNode(NS["graph"] + "inferred")
    if store.ox.contains_named_graph(g):
        store.ox.remove_graph(g)
    start = len(store.ox)

    def add(triples) -> int:
        before = len(store.ox)
        store.ox.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in triples])
        return len(store.ox) - before

    # Implications first (they create posts whose org ends matter), to a fixpoint.
    rules = [(i, implication_query(i.from_position, i.to_position, i.org_path, _rule_id(i.comment)))
             for i in store.vocab.implications if i.org_path in _PATHS]
    # Semi-naive: after the first round, only rules fed by positions that gained facts run again.
    active = {i.from_position for i, _ in rules}
    for _ in range(max_rounds):
        grew = set()
        for i, q in rules:
            if i.from_position in active and add(_construct(store, q)):
                grew.add(i.to_position)
        if not grew:
            break
        active = grew
    add(_label_new_posts(store))
    for q in (ORG_END, SUBORG_CLOSURE, WITHIN_CLOSURE, CLASS_CLOSURE):
        add(_construct(store, q))
    return len(store.ox) - start


def _label_new_posts(store) -> list:
    """Posts created by implications get the same labels as asserted ones (ids.post_label)."""
    rows = store.select("""SELECT ?post ?pt ?ol ?oen WHERE {
        ?post a orgo:Post ; vn:positionType ?pt ; orgo:postIn ?o . FILTER NOT EXISTS { ?post skos:prefLabel ?l }
        OPTIONAL { ?o rdfs:label ?ol FILTER(lang(?ol) = "vi") } OPTIONAL { ?o rdfs:label ?oen FILTER(lang(?oen) = "en") } }""")
    out = []
    for r in rows:
        pt = store.vocab.positions.get(local_name(r["pt"]))
        if pt is None:
            continue
        post = ox.NamedNode(r["post"])
        vi = post_label(pt.label_vi, r["ol"] or "")
        for p, o in ((RDFS_LABEL, ox.Literal(vi, language="vi")), (SKOS_PREF, ox.Literal(vi, language="vi")),
                     (RDFS_LABEL, ox.Literal(f"{pt.label_en}, {r['oen'] or ''}", language="en"))):
            out.append(ox.Triple(post, p, o))
    return out
