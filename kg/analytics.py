"""Graph analytics for analysts: connections, interlocks and centrality (networkx).

Everything starts from :func:`load_index`, which reads the store once (holdings,
organizations, posts, places, decisions, sources) into plain Python objects, and
:func:`build_graph`, which turns that index into a ``networkx.MultiDiGraph``:

- nodes are IRIs with ``kind`` (person, post, organization, place, decision,
  source, term), ``label`` (Vietnamese), ``label_en``, ``pillar`` and bounds;
- a person → post edge is one *holding* (a tenure, or the attestations of one
  post), labelled with the role and its dates at their precision, with the
  earliest/latest bounds the time slider and the ``at`` filters use.

The analyses work on a simpler undirected *connection graph*: person —
organization edges (one per holding, through the post), the organization
hierarchy (organ of, elected from, sub-organization of) and places
(jurisdiction, part of). Sources and decisions are left out: two people named
in the same article are not connected by it.

    >>> h = Holding("t", "tenure", "p", "post", "org", start_earliest=date(2020, 1, 1),
    ...             end_latest=date(2025, 6, 30))
    >>> h.possible(date(2023, 3, 22)), h.possible(date(2025, 7, 1))
    (True, False)
"""
from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from .errors import KgError
from .vocab import NS

PILLARS = {"PartyPillar": "Party", "StatePillar": "State", "MilitaryPillar": "Military",
           "PolicePillar": "Police", "FrontPillar": "Front"}
ORG_RELATIONS = {"organOf": ("organ of", "cơ quan của"), "electedFrom": ("elected from", "do … bầu ra"),
                 "subOrganizationOf": ("sub-organization of", "trực thuộc")}


def short(iri: str) -> str:
    """``https://w3id.org/kg-vn/per/x`` → ``per:x`` (other IRIs unchanged)."""
    for prefix in ("per", "post", "org", "au", "pt", "ot", "ten", "att", "act", "src", "term", "dt", "rk", "chg"):
        if iri.startswith(NS[prefix]):
            return f"{prefix}:{iri[len(NS[prefix]):]}"
    return iri


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None


# -- the index --------------------------------------------------------------------------------------
@dataclass
class SourceRef:
    iri: str
    title: str = ""
    date: str = ""
    url: str = ""
    quote: str = ""
    span: str = ""

    def text(self) -> str:
        parts = [self.title or short(self.iri)]
        if self.date:
            parts.append(self.date)
        if self.quote:
            parts.append(f"“{self.quote}”" + (f" [{self.span}]" if self.span else ""))
        return ", ".join(parts)


@dataclass
class Holding:
    """One person → post edge: a tenure, or every attestation of one (person, post)."""
    id: str
    kind: str                      # "tenure" | "attestation"
    person: str
    post: str
    org: str | None
    inferred: bool = False
    start: str | None = None       # literal at its precision ("2020", "2023-03", "2023-03-22")
    end: str | None = None
    start_earliest: date | None = None
    start_latest: date | None = None
    end_earliest: date | None = None
    end_latest: date | None = None
    current_as_of: date | None = None
    attested: list[str] = field(default_factory=list)
    status: str | None = None
    term: str | None = None
    acting: bool = False
    obtained_by: str | None = None
    end_reason: str | None = None
    decision: str | None = None
    sources: list[SourceRef] = field(default_factory=list)

    def possible(self, d: date) -> bool:
        """Possibly held on ``d`` (the widest reading of the bounds)."""
        return (self.start_earliest is None or self.start_earliest <= d) and \
            (self.end_latest is None or self.end_latest >= d)

    def definite(self, d: date) -> bool:
        """Definitely held on ``d`` (as in the who-held query)."""
        if self.kind == "attestation":
            return d.isoformat() in self.attested
        if self.start_latest is None or self.start_latest > d:
            return False
        if self.end_earliest is not None:
            return self.end_earliest >= d
        return self.current_as_of is not None and self.current_as_of >= d

    def dates(self) -> str:
        """Human dates at their precision: "2020 – 2025-06-30", "attested 2023-03-22"."""
        if self.kind == "attestation":
            return "attested " + ", ".join(self.attested)
        s = self.start or (f"≤ {self.start_latest}" if self.start_latest else "?")
        e = self.end or (f"≤ {self.end_latest}" if self.end_latest else "…")
        extra = f" (current as of {self.current_as_of})" if self.current_as_of and not self.end else ""
        return f"{s} – {e}{extra}"

    def overlaps(self, other: "Holding") -> bool:
        lo = max(x for x in (self.start_earliest, other.start_earliest, date.min) if x)
        hi = min(x for x in (self.end_latest, other.end_latest, date.max) if x)
        return lo <= hi


@dataclass
class Index:
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)   # iri → (vi, en)
    kinds: dict[str, str] = field(default_factory=dict)                # iri → kind
    holdings: list[Holding] = field(default_factory=list)
    post_org: dict[str, str] = field(default_factory=dict)
    post_type: dict[str, str] = field(default_factory=dict)            # post → pt iri
    org_type: dict[str, str] = field(default_factory=dict)             # org → ot iri
    pillar: dict[str, str] = field(default_factory=dict)               # org/ot/pt → Party|State…
    valid: dict[str, tuple[date | None, date | None]] = field(default_factory=dict)
    org_links: list[tuple[str, str, str]] = field(default_factory=list)  # (child, relation, parent)
    jurisdiction: dict[str, str] = field(default_factory=dict)          # org → unit
    part_of: dict[str, str] = field(default_factory=dict)               # unit → unit
    decisions: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)

    def label(self, iri: str) -> str:
        return self.labels.get(iri, ("", ""))[0] or short(iri)

    def label_en(self, iri: str) -> str:
        return self.labels.get(iri, ("", ""))[1]

    def role(self, post: str) -> tuple[str, str]:
        pt = self.post_type.get(post)
        return self.labels.get(pt, ("", "")) if pt else ("", "")

    def org_pillar(self, org: str | None) -> str:
        if not org:
            return ""
        return self.pillar.get(org) or self.pillar.get(self.org_type.get(org, ""), "")


def _rows(store, sparql: str) -> list[dict]:
    return store.select(sparql)


def load_index(store) -> Index:
    """Read what the views and analyses need from the store, in a handful of queries."""
    ix = Index()
    for r in _rows(store, """SELECT ?s ?vi ?en WHERE {
        { ?s rdfs:label ?vi FILTER(lang(?vi) = "vi") OPTIONAL { ?s rdfs:label ?en FILTER(lang(?en) = "en") } }
        UNION { ?s skos:prefLabel ?vi FILTER(lang(?vi) = "vi") FILTER NOT EXISTS { ?s rdfs:label ?l }
                OPTIONAL { ?s skos:prefLabel ?en FILTER(lang(?en) = "en") } }
        UNION { ?s foaf:name ?vi FILTER NOT EXISTS { ?s rdfs:label ?l } } }"""):
        old = ix.labels.get(r["s"])
        if not old or (not old[1] and r["en"]):
            ix.labels[r["s"]] = (r["vi"] or "", r["en"] or "")
    for r in _rows(store, "SELECT ?p WHERE { ?p a vn:Person }"):
        ix.persons.add(r["p"])
        ix.kinds[r["p"]] = "person"
    for r in _rows(store, """SELECT ?x ?pillar WHERE { ?x vn:pillar ?pillar }"""):
        name = r["pillar"].rsplit("#", 1)[-1]
        ix.pillar[r["x"]] = PILLARS.get(name, name)
    for r in _rows(store, """SELECT ?post ?org ?pt WHERE { ?post a orgo:Post .
        OPTIONAL { ?post orgo:postIn ?org } OPTIONAL { ?post vn:positionType ?pt } }"""):
        ix.kinds[r["post"]] = "post"
        if r["org"]:
            ix.post_org[r["post"]] = r["org"]
        if r["pt"]:
            ix.post_type[r["post"]] = r["pt"]
    for r in _rows(store, """SELECT ?o ?type ?from ?until ?unit WHERE { ?o a orgo:Organization .
        OPTIONAL { ?o vn:orgType ?type } OPTIONAL { ?o vn:validFrom ?from } OPTIONAL { ?o vn:validUntil ?until }
        OPTIONAL { ?o vn:jurisdiction ?unit } }"""):
        o = r["o"]
        ix.kinds[o] = "organization"
        if r["type"]:
            ix.org_type[o] = r["type"]
        if r["from"] or r["until"]:
            ix.valid[o] = (_d(r["from"]), _d(r["until"]))
        if r["unit"]:
            ix.jurisdiction[o] = r["unit"]
    for r in _rows(store, """SELECT DISTINCT ?a ?rel ?b WHERE {
        VALUES ?rel { orgo:subOrganizationOf vn:organOf vn:electedFrom } ?a ?rel ?b }"""):
        ix.org_links.append((r["a"], r["rel"].rsplit("#", 1)[-1], r["b"]))
    for r in _rows(store, """SELECT ?u ?from ?until ?parent WHERE { ?u a vn:AdministrativeUnit .
        OPTIONAL { ?u vn:validFrom ?from } OPTIONAL { ?u vn:validUntil ?until } OPTIONAL { ?u vn:partOf ?parent } }"""):
        ix.kinds[r["u"]] = "place"
        if r["from"] or r["until"]:
            ix.valid[r["u"]] = (_d(r["from"]), _d(r["until"]))
        if r["parent"]:
            ix.part_of[r["u"]] = r["parent"]
    for r in _rows(store, """SELECT ?s ?title ?date ?url WHERE { ?s a vn:Source .
        OPTIONAL { ?s rdfs:label ?title } OPTIONAL { ?s dcterms:date ?date } OPTIONAL { ?s foaf:page ?url } }"""):
        ix.kinds[r["s"]] = "source"
        ix.sources[r["s"]] = SourceRef(r["s"], r["title"] or "", r["date"] or "", r["url"] or "")
    for r in _rows(store, """SELECT ?d ?type ?subject ?post ?by ?signed ?effective ?announced ?number ?creates WHERE {
        ?d a vn:Decision . OPTIONAL { ?d vn:decisionType ?type } OPTIONAL { ?d vn:subject ?subject }
        OPTIONAL { ?d vn:forPost ?post } OPTIONAL { ?d vn:issuedBy ?by } OPTIONAL { ?d vn:signedOn ?signed }
        OPTIONAL { ?d vn:effectiveOn ?effective } OPTIONAL { ?d vn:announcedOn ?announced }
        OPTIONAL { ?d vn:documentNumber ?number } OPTIONAL { ?d vn:createsTenure ?creates } }"""):
        ix.kinds[r["d"]] = "decision"
        ix.decisions[r["d"]] = r
    for r in _rows(store, "SELECT ?t WHERE { ?t a vn:Term }"):
        ix.kinds[r["t"]] = "term"
    _load_holdings(store, ix)
    return ix


def _load_holdings(store, ix: Index) -> None:
    rows = _rows(store, """SELECT ?h ?kind ?person ?post ?org ?start ?end ?se ?sl ?ee ?el ?ca ?att ?status ?term
        ?inferred ?acting ?obtained ?reason ?decision ?src ?quote ?spanStart ?spanEnd WHERE {
        VALUES ?kind { vn:Tenure vn:Attestation }
        ?h a ?kind ; vn:holder ?person ; vn:post ?post .
        OPTIONAL { ?post orgo:postIn ?org }
        OPTIONAL { ?h vn:start ?start } OPTIONAL { ?h vn:end ?end }
        OPTIONAL { ?h vn:startEarliest ?se } OPTIONAL { ?h vn:startLatest ?sl }
        OPTIONAL { ?h vn:endEarliest ?ee } OPTIONAL { ?h vn:endLatest ?el } OPTIONAL { ?h vn:currentAsOf ?ca }
        OPTIONAL { ?h vn:attestedOn ?att } OPTIONAL { ?h vn:status ?status } OPTIONAL { ?h vn:term ?term }
        OPTIONAL { ?h vn:acting ?acting } OPTIONAL { ?h vn:obtainedBy ?obtained } OPTIONAL { ?h vn:endReason ?reason }
        OPTIONAL { ?h vn:startedBy ?decision } OPTIONAL { ?h prov:wasDerivedFrom ?src }
        OPTIONAL { ?h vn:quote ?quote } OPTIONAL { ?h vn:spanStart ?spanStart } OPTIONAL { ?h vn:spanEnd ?spanEnd }
        BIND(EXISTS { ?h vn:inferredFrom ?x } AS ?inferred) }""")
    tenures: dict[str, Holding] = {}
    atts: dict[tuple, Holding] = {}
    for r in rows:
        inferred = r["inferred"] == "true"
        kind = "tenure" if r["kind"].endswith("Tenure") else "attestation"
        if kind == "tenure":
            h = tenures.get(r["h"])
            if h is None:
                h = tenures[r["h"]] = Holding(
                    r["h"], kind, r["person"], r["post"], r["org"], inferred, r["start"], r["end"],
                    _d(r["se"]), _d(r["sl"]), _d(r["ee"]), _d(r["el"]), _d(r["ca"]), status=r["status"],
                    term=r["term"], acting=r["acting"] == "true", obtained_by=r["obtained"],
                    end_reason=r["reason"], decision=r["decision"])
            else:  # several bounds (asserted + inferred): keep the tightest
                if r["el"] and (h.end_latest is None or _d(r["el"]) < h.end_latest):
                    h.end_latest = _d(r["el"])
        else:
            if r["status"] == "former":
                continue
            key = (r["person"], r["post"], inferred)
            h = atts.get(key)
            if h is None:
                h = atts[key] = Holding(r["h"], kind, r["person"], r["post"], r["org"], inferred,
                                        status=r["status"], term=r["term"])
            if r["att"] and r["att"] not in h.attested:
                h.attested.append(r["att"])
        if r["src"]:
            base = ix.sources.get(r["src"], SourceRef(r["src"]))
            span = f"{r['spanStart']}–{r['spanEnd']}" if r["spanStart"] else ""
            ref = SourceRef(base.iri, base.title, base.date, base.url, r["quote"] or "", span)
            if ref not in h.sources:
                h.sources.append(ref)
    for h in atts.values():
        h.attested.sort()
        first, last = date.fromisoformat(h.attested[0]), date.fromisoformat(h.attested[-1])
        h.start_earliest = h.start_latest = first
        h.end_earliest = h.end_latest = last
    ix.holdings = sorted([*tenures.values(), *atts.values()],
                         key=lambda h: (h.start_earliest or date.min, h.person, h.post, h.inferred))


# -- resolving names -------------------------------------------------------------------------------
def resolve_person(store, name: str) -> str:
    """A person IRI from a name ("Cù Ngọc Cường", "cu ngoc cuong") or an id (per:…)."""
    if name.startswith(("per:", NS["per"])):
        iri = NS["per"] + name[4:] if name.startswith("per:") else name
        if not store.exists(iri):
            raise KgError(f"no person {short(iri)} in the store")
        return iri
    from .lookup import find_persons
    matches = find_persons(store, name)
    exact = [m for m in matches if m["name"].casefold() == name.casefold()]
    matches = exact or matches
    if not matches:
        raise KgError(f"no person matches '{name}'; try `kg person` to search")
    if len(matches) > 1:
        raise KgError(f"'{name}' matches {len(matches)} persons: "
                      + "; ".join(f"{m['name']} ({short(m['person'])})" for m in matches) + "; give the id")
    return matches[0]["person"]


def resolve_org(store, name: str) -> str:
    """An organization IRI from its label ("Thành ủy Bắc Kạn") or id (org:…)."""
    if name.startswith(("org:", NS["org"])):
        iri = NS["org"] + name[4:] if name.startswith("org:") else name
        if not store.exists(iri):
            raise KgError(f"no organization {short(iri)} in the store")
        return iri
    return _by_label(store, name, "orgo:Organization", "organization")


def resolve_post(store, name: str) -> str:
    """A post IRI from its label ("Bí thư Thành ủy Bắc Kạn") or id (post:…)."""
    if name.startswith(("post:", NS["post"])):
        iri = NS["post"] + name[5:] if name.startswith("post:") else name
        if not store.exists(iri):
            raise KgError(f"no post {short(iri)} in the store")
        return iri
    return _by_label(store, name, "orgo:Post", "post")


def _by_label(store, name: str, cls: str, what: str) -> str:
    from .normalize import ascii_fold, fold
    rows = store.select(f"""SELECT DISTINCT ?s ?label WHERE {{ ?s a {cls} .
        {{ ?s rdfs:label ?label }} UNION {{ ?s skos:altLabel ?label }} }}""")
    for key_fn in (fold, ascii_fold):
        key = key_fn(name)
        hits = sorted({r["s"] for r in rows if key_fn(r["label"]) == key})
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise KgError(f"'{name}' names {len(hits)} {what}s: {', '.join(short(h) for h in hits)}; give the id")
    import difflib
    close = difflib.get_close_matches(name, sorted({r["label"] for r in rows}), n=3)
    raise KgError(f"no {what} called '{name}'" + (f"; did you mean: {'; '.join(close)}?" if close else ""))


# -- the graph --------------------------------------------------------------------------------------
def build_graph(store_or_index, *, at: date | None = None, inferred: bool = True) -> nx.MultiDiGraph:
    """The whole knowledge graph as a MultiDiGraph (only what possibly held on ``at``, if given).

    Node keys are IRIs; edges carry ``relation`` (holds, post in, organ of, …), ``label``
    and, for holdings, ``holding`` (the :class:`Holding`) and its bounds.
    """
    ix = store_or_index if isinstance(store_or_index, Index) else load_index(store_or_index)
    g = nx.MultiDiGraph()

    def node(iri: str, kind: str | None = None) -> None:
        if iri in g:
            return
        kind = kind or ix.kinds.get(iri, "other")
        vf, vu = ix.valid.get(iri, (None, None))
        pillar = ""
        if kind == "organization":
            pillar = ix.org_pillar(iri)
        elif kind == "post":
            pillar = ix.pillar.get(ix.post_type.get(iri, ""), "") or ix.org_pillar(ix.post_org.get(iri))
        g.add_node(iri, kind=kind, label=ix.label(iri), label_en=ix.label_en(iri), pillar=pillar,
                   start=vf.isoformat() if vf else "", end=vu.isoformat() if vu else "")

    def alive(iri: str) -> bool:
        vf, vu = ix.valid.get(iri, (None, None))
        return at is None or ((vf is None or vf <= at) and (vu is None or vu >= at))

    for h in ix.holdings:
        if (h.inferred and not inferred) or (at and not h.possible(at)):
            continue
        node(h.person, "person")
        node(h.post, "post")
        role_vi, role_en = ix.role(h.post)
        g.add_edge(h.person, h.post, key=h.id, relation="holds", label=role_vi or ix.label(h.post),
                   label_en=role_en, dates=h.dates(), holding=h,
                   start=(h.start_earliest.isoformat() if h.start_earliest else ""),
                   end=(h.end_latest.isoformat() if h.end_latest else ""))
    for post in [n for n, k in g.nodes(data="kind") if k == "post"]:
        org = ix.post_org.get(post)
        if org:
            node(org, "organization")
            g.add_edge(post, org, key="postIn", relation="post in", label="thuộc", label_en="post in")
    # The organization hierarchy above the organizations reached, and their places.
    todo = [n for n, k in g.nodes(data="kind") if k == "organization"]
    children = defaultdict(list)
    for a, rel, b in ix.org_links:
        children[a].append((rel, b))
    seen = set(todo)
    while todo:
        o = todo.pop()
        for rel, parent in children.get(o, []):
            if not alive(parent):
                continue
            node(parent, "organization")
            vi, en = ORG_RELATIONS.get(rel, (rel, rel))[::-1]
            g.add_edge(o, parent, key=rel, relation=en, label=vi, label_en=en)
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    for o in list(seen):
        unit = ix.jurisdiction.get(o)
        if unit:
            node(unit, "place")
            g.add_edge(o, unit, key="jurisdiction", relation="jurisdiction", label="địa bàn", label_en="jurisdiction")
    units = [n for n, k in g.nodes(data="kind") if k == "place"]
    while units:
        u = units.pop()
        parent = ix.part_of.get(u)
        if parent and not g.has_edge(u, parent):
            new = parent not in g
            node(parent, "place")
            g.add_edge(u, parent, key="partOf", relation="part of", label="thuộc", label_en="part of")
            if new:
                units.append(parent)
    for d, r in ix.decisions.items():
        if r["subject"] not in g:
            continue
        when = r["effective"] or r["signed"] or r["announced"] or ""
        if at and when and _d(when) and _d(when) > at:
            continue
        node(d, "decision")
        dt_vi, dt_en = ix.labels.get(r["type"] or "", ("", ""))
        g.add_edge(d, r["subject"], key="subject", relation="decision about", label=dt_vi or "quyết định",
                   label_en=dt_en or "decision", dates=when, start=when[:10] if len(when) >= 10 else "")
        if r["post"] and r["post"] in g:
            g.add_edge(d, r["post"], key="forPost", relation="for post", label="cho chức vụ", label_en="for post")
        if r["by"]:
            node(r["by"], "organization")
            g.add_edge(r["by"], d, key="issued", relation="issued", label="ban hành", label_en="issued")
    return g


def connection_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, weighted: person — organization (via the post), org hierarchy, places.

    Weights prefer asserted holdings (1) to inferred ones (1.5), organizations to places (2).
    """
    c = nx.Graph()
    for u, v, data in g.edges(data=True):
        rel = data["relation"]
        if rel == "holds":
            org = next((o for _, o, r in g.out_edges(v, data="relation") if r == "post in"), None)
            if org is None:
                continue
            h: Holding = data["holding"]
            w = 1.5 if h.inferred else 1.0
            prev = c.get_edge_data(u, org)
            if prev is None or prev["weight"] > w:
                c.add_edge(u, org, weight=w, holdings=[h] + (prev["holdings"] if prev else []))
            else:
                prev["holdings"].append(h)
        elif rel in ("organ of", "elected from", "sub-organization of"):
            c.add_edge(u, v, weight=1.0, relation=rel, child=u)
        elif rel in ("jurisdiction",):
            c.add_edge(u, v, weight=1.5, relation=rel, child=u)
        elif rel == "part of":
            c.add_edge(u, v, weight=2.0, relation=rel, child=u)
    for n in c:
        c.nodes[n].update(g.nodes[n])
    return c


# -- analyses ---------------------------------------------------------------------------------------
@dataclass
class Step:
    source: str
    target: str
    relation: str
    detail: str = ""     # role and dates of a holding
    evidence: str = ""   # its sources


@dataclass
class PathResult:
    a: str
    b: str
    nodes: list[str]
    steps: list[Step]
    length: float
    labels: dict[str, str]
    alternatives: list[list[str]] = field(default_factory=list)  # other paths as short

    @property
    def via(self) -> list[str]:
        """The nodes between the two persons."""
        return self.nodes[1:-1]

    def rows(self) -> list[list[str]]:
        return [[str(i + 1), self.labels.get(s.source, short(s.source)), s.relation,
                 self.labels.get(s.target, short(s.target)), s.detail, s.evidence]
                for i, s in enumerate(self.steps)]


INVERSE = {"organ of": "has organ", "elected from": "elects", "sub-organization of": "has sub-organization",
           "jurisdiction": "territory of", "part of": "contains"}
PATH_COLUMNS = ["step", "from", "relation", "to", "role and dates", "source"]


def _holding_text(ix_labels, hs: list[Holding], role) -> tuple[str, str]:
    detail = "; ".join(f"{role(h.post)} {h.dates()}" + (" (inferred)" if h.inferred else "") for h in hs)
    evidence = "; ".join(dict.fromkeys(s.text() for h in hs for s in h.sources))
    return detail, evidence


def path(store, a: str, b: str, *, at: date | None = None, index: Index | None = None) -> PathResult:
    """The shortest connection between two persons through organizations they sat in.

    ``a`` and ``b`` are names or ids. Holdings count when they possibly held on ``at``.
    Raises KgError when the two are not connected.
    """
    ix = index or load_index(store)
    pa, pb = resolve_person(store, a), resolve_person(store, b)
    c = connection_graph(build_graph(ix, at=at))
    for p, name in ((pa, a), (pb, b)):
        if p not in c:
            raise KgError(f"{name} holds no post" + (f" on {at}" if at else "") + " in the store")
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(c, pa, pb, weight="weight"), 20))
    except nx.NetworkXNoPath:
        raise KgError(f"no connection between {a} and {b}" + (f" on {at}" if at else "")) from None

    def key(p):  # prefer organizations to places, then by labels, for a stable answer
        return (sum(c.nodes[n].get("kind") == "place" for n in p), [ix.label(n) for n in p])
    paths.sort(key=key)
    best = paths[0]
    steps = []
    role = lambda post: ix.role(post)[0] or ix.label(post)  # noqa: E731
    for u, v in zip(best, best[1:]):
        data = c.edges[u, v]
        if "holdings" in data:
            person = u if u in ix.persons else v
            hs = [h for h in data["holdings"] if h.person == person]
            detail, evidence = _holding_text(ix.labels, hs, role)
            steps.append(Step(u, v, "held a post in" if u == person else "post held by", detail, evidence))
        else:
            rel = data.get("relation", "")
            steps.append(Step(u, v, rel if data.get("child") == u else INVERSE.get(rel, rel), "", ""))
    lengths = nx.path_weight(c, best, weight="weight")
    labels = {n: ix.label(n) for p in paths for n in p}
    return PathResult(pa, pb, best, steps, lengths, labels, paths[1:])


@dataclass
class Interlock:
    a: str
    b: str
    bodies: list[str]
    labels: dict[str, str]

    def row(self) -> list[str]:
        return [self.labels[self.a], self.labels[self.b], str(len(self.bodies)),
                " | ".join(self.labels[o] for o in self.bodies), short(self.a), short(self.b)]


INTERLOCK_COLUMNS = ["person", "person 2", "shared", "bodies", "id", "id 2"]


def _within(ix: Index, org: str) -> set[str]:
    """The organization and everything within it (sub-organizations, organs, elected bodies)."""
    down = defaultdict(set)
    for a, _, b in ix.org_links:
        down[b].add(a)
    out, todo = {org}, [org]
    while todo:
        for child in down.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def members(ix: Index, org: str, at: date | None = None, *, inferred: bool = True) -> list[Holding]:
    """Holdings of posts in ``org`` or any organization within it (possibly held on ``at``)."""
    orgs = _within(ix, org)
    return [h for h in ix.holdings if h.org in orgs and (inferred or not h.inferred)
            and (at is None or h.possible(at))]


def interlocks(store, org: str, at: date | None = None, *, index: Index | None = None) -> list[Interlock]:
    """People of ``org`` (and the bodies within it) who sat together on bodies, most shared first.

    Two people sat together on a body when both held a post in it over overlapping
    (possible) intervals — or, with ``at``, both on that date. Bodies anywhere count,
    not only those within ``org``.
    """
    ix = index or load_index(store)
    root = resolve_org(store, org)
    people = {h.person for h in members(ix, root, at)}
    by_org: dict[str, list[Holding]] = defaultdict(list)
    for h in ix.holdings:
        if h.person in people and h.org and (at is None or h.possible(at)):
            by_org[h.org].append(h)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for o, hs in by_org.items():
        for h1, h2 in itertools.combinations(hs, 2):
            if h1.person != h2.person and h1.overlaps(h2):
                shared[tuple(sorted((h1.person, h2.person)))].add(o)
    labels = {x: ix.label(x) for pair, orgs in shared.items() for x in (*pair, *orgs)}
    out = [Interlock(a, b, sorted(orgs, key=ix.label), labels) for (a, b), orgs in shared.items()]
    return sorted(out, key=lambda i: (-len(i.bodies), labels[i.a], labels[i.b]))


@dataclass
class Rank:
    node: str
    label: str
    kind: str
    degree: float
    betweenness: float
    posts: int

    def row(self, i: int) -> list[str]:
        return [str(i), self.label, self.kind, f"{self.degree:.3f}", f"{self.betweenness:.3f}", str(self.posts),
                short(self.node)]


CENTRALITY_COLUMNS = ["rank", "name", "kind", "degree", "betweenness", "posts", "id"]


def org_network(ix: Index, org: str, at: date | None) -> nx.Graph:
    """Bipartite person — body network of an organization (and the bodies within it) on a date."""
    g = nx.Graph()
    for h in members(ix, org, at):
        g.add_node(h.person, kind="person", label=ix.label(h.person))
        g.add_node(h.org, kind="organization", label=ix.label(h.org))
        if g.has_edge(h.person, h.org):
            g.edges[h.person, h.org]["holdings"].append(h)
        else:
            g.add_edge(h.person, h.org, holdings=[h])
    return g


def centrality(store, org: str, at: date | None, *, index: Index | None = None,
               persons_only: bool = True) -> list[Rank]:
    """Rank the people (and bodies) of an organization's network on ``at`` by betweenness, then degree."""
    ix = index or load_index(store)
    root = resolve_org(store, org)
    g = org_network(ix, root, at)
    if not g:
        return []
    deg = nx.degree_centrality(g)
    btw = nx.betweenness_centrality(g)
    ranks = [Rank(n, d["label"], d["kind"], deg[n], btw[n], g.degree(n)) for n, d in g.nodes(data=True)
             if not persons_only or d["kind"] == "person"]
    return sorted(ranks, key=lambda r: (-r.betweenness, -r.degree, r.label))


# -- output -----------------------------------------------------------------------------------------
def to_csv(columns: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(columns)
    w.writerows(rows)
    return buf.getvalue()


# -- exports ----------------------------------------------------------------------------------------
def _flat(g: nx.MultiDiGraph, *, spells: bool) -> nx.MultiDiGraph:
    """A copy with only GEXF/GraphML-friendly attributes (strings), and spells for Gephi."""
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {"label": d.get("label") or short(n), "label_en": d.get("label_en", ""), "kind": d.get("kind", ""),
                 "pillar": d.get("pillar", ""), "iri": n}
        if spells and (d.get("start") or d.get("end")):
            attrs["spells"] = [(d.get("start") or None, d.get("end") or None)]
        elif not spells:
            attrs.update(valid_from=d.get("start", ""), valid_until=d.get("end", ""))
        out.add_node(n, **attrs)
    for i, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        h: Holding | None = d.get("holding")
        attrs = {"label": d.get("label", ""), "relation": d.get("relation", ""), "label_en": d.get("label_en", ""),
                 "dates": d.get("dates", "")}
        if h is not None:
            attrs.update(basis=("inferred " if h.inferred else "") + h.kind,
                         source="; ".join(s.text() for s in h.sources), fact=h.id)
        if spells and (d.get("start") or d.get("end")):
            attrs["spells"] = [(d.get("start") or None, d.get("end") or None)]
        elif not spells:
            attrs.update(start=d.get("start", ""), end=d.get("end", ""))
        out.add_edge(u, v, key=str(k), id=str(i), **attrs)
    return out


def export(g: nx.MultiDiGraph, path) -> str:
    """Write GEXF (with spells, for Gephi's timeline) or GraphML, by the file's extension."""
    from pathlib import Path
    p = Path(path)
    ext = p.suffix.lower()
    if ext == ".gexf":
        flat = _flat(g, spells=True)
        nx.write_gexf(flat, p, version="1.2draft")
    elif ext == ".graphml":
        nx.write_graphml(_flat(g, spells=False), p)
    else:
        raise KgError(f"cannot export to '{p.name}': use a .gexf or .graphml file name")
    return str(p)
