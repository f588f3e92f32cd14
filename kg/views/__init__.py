"""Interactive HTML views of the graph: a person, an organization, a post, a query, a path.

Each function returns one self-contained HTML page (a string) that works offline:
vis-network is inlined, nothing is fetched. Write it with :func:`write`.

    html = person_view(store, "Cù Ngọc Cường")
    write(html, "cuong.html")

What a page shows: persons, posts, organizations, places, decisions and sources,
coloured by pillar and shaped by type (legend on the right); edges labelled with
the role and dates at their precision; tooltips in Vietnamese with English glosses
and the source (article, date, quoted span); an as-of date slider that hides what
did not (possibly) hold on that date; a search box; a click that lists a node's facts
with sources; and, for a person or a post, a timeline (Gantt) of the tenures.
"""
from __future__ import annotations

from datetime import date

import networkx as nx
import pyoxigraph as ox

from ..analytics import (Index, build_graph, centrality, interlocks, load_index, members, org_network, path, resolve_org,
                         resolve_person, resolve_post, short)
from ..errors import KgError
from .render import render, timeline_rows, write

__all__ = ["person_view", "org_view", "post_view", "query_view", "path_view", "interlocks_view",
           "centrality_view", "render", "write"]

_HIERARCHY = ("organ of", "elected from", "sub-organization of")


def _add_sources(sub: nx.MultiDiGraph, holdings, ix: Index) -> None:
    """A source node per source of these holdings, linked to the person it names."""
    for h in holdings:
        for s in h.sources:
            if s.iri not in sub:
                sub.add_node(s.iri, kind="source", label=s.title or short(s.iri), label_en="", pillar="",
                             start="", end="", facts=[f"Ngày (date): {s.date}"] if s.date else [])
            if not sub.has_edge(s.iri, h.person, key="cites"):
                sub.add_edge(s.iri, h.person, key="cites", relation="names", label="nêu tên", label_en="names")


def _with_context(g: nx.MultiDiGraph, keep: set[str]) -> set[str]:
    """Add each organization's parents (one level) and places to ``keep``."""
    for n in list(keep):
        if g.nodes[n].get("kind") == "organization":
            for _, parent, rel in g.out_edges(n, data="relation"):
                if rel in _HIERARCHY or rel == "jurisdiction":
                    keep.add(parent)
    return keep


def person_view(store, name: str, *, at: date | None = None, index: Index | None = None) -> str:
    """A person with their posts, the organizations of those posts, who else sat there, decisions, sources."""
    ix = index or load_index(store)
    p = resolve_person(store, name)
    g = build_graph(ix)
    if p not in g:
        g.add_node(p, kind="person", label=ix.label(p), label_en="", pillar="", start="", end="")
    keep = {p}
    mine = [h for h in ix.holdings if h.person == p]
    orgs = {h.org for h in mine if h.org}
    for h in mine:
        keep.add(h.post)
    keep |= orgs
    for h in ix.holdings:  # who surrounds them: others holding posts in the same organizations
        if h.org in orgs and h.person != p:
            keep |= {h.person, h.post}
    for d, r in ix.decisions.items():
        if r["subject"] == p and d in g:
            keep.add(d)
            if r["by"]:
                keep.add(r["by"])
    keep = _with_context(g, keep)
    sub = g.subgraph(keep).copy()
    _add_sources(sub, mine, ix)
    label = ix.label(p)
    return render(sub, title=f"{label}", subtitle=f"Người (person) · {short(p)}", focus=[p], at=at,
                  timeline=timeline_rows(mine, ix, by="post"),
                  timeline_title=f"Các chức vụ của {label} (posts held, timeline)")


def org_view(store, name: str, *, at: date | None = None, index: Index | None = None) -> str:
    """An organization, the bodies within it, their posts and holders (the slider starts at ``at``)."""
    ix = index or load_index(store)
    o = resolve_org(store, name)
    g = build_graph(ix)
    held = members(ix, o)
    keep = {o} | {h.org for h in held if h.org} | {h.post for h in held} | {h.person for h in held}
    for a, _, b in ix.org_links:
        if b == o and a in g:
            keep.add(a)
    if o not in g:
        g.add_node(o, kind="organization", label=ix.label(o), label_en=ix.label_en(o), pillar=ix.org_pillar(o),
                   start="", end="")
    keep = _with_context(g, keep)
    sub = g.subgraph(keep).copy()
    label = ix.label(o)
    rows = timeline_rows(sorted(held, key=lambda h: (ix.label(h.post), h.start_earliest or date.min)), ix, by="holder")
    return render(sub, title=label, subtitle=f"Tổ chức (organization) · {short(o)}" + (f" · {at}" if at else ""),
                  focus=[o], at=at, timeline=rows, timeline_title=f"Ai giữ chức vụ trong {label} (who held posts)")


def post_view(store, name: str, *, at: date | None = None, index: Index | None = None) -> str:
    """A post, its organization and every holder, with a Gantt of the holders."""
    ix = index or load_index(store)
    post = resolve_post(store, name)
    g = build_graph(ix)
    held = [h for h in ix.holdings if h.post == post]
    keep = {post} | {h.person for h in held}
    if post not in g:
        g.add_node(post, kind="post", label=ix.label(post), label_en=ix.label_en(post), pillar="", start="", end="")
    org = ix.post_org.get(post)
    if org and org in g:
        keep.add(org)
    for d, r in ix.decisions.items():
        if r["post"] == post and d in g:
            keep.add(d)
    keep = _with_context(g, keep)
    sub = g.subgraph(keep).copy()
    _add_sources(sub, held, ix)
    label = ix.label(post)
    return render(sub, title=label, subtitle=f"Chức vụ (post) · {short(post)}", focus=[post], at=at,
                  timeline=timeline_rows(held, ix, by="holder"), timeline_title=f"Những người giữ chức {label} (holders)")


def path_view(store, a: str, b: str, *, at: date | None = None, index: Index | None = None) -> str:
    """The shortest connection between two persons, with the posts through which they are linked."""
    ix = index or load_index(store)
    res = path(store, a, b, at=at, index=ix)
    g = build_graph(ix)
    keep = set(res.nodes)
    used = []
    for u, v in zip(res.nodes, res.nodes[1:]):
        for person, org in ((u, v), (v, u)):
            for h in ix.holdings:
                if h.person == person and h.org == org and (at is None or h.possible(at)):
                    keep.add(h.post)
                    used.append(h)
    sub = g.subgraph(keep).copy()
    _add_sources(sub, used, ix)
    la, lb = ix.label(res.a), ix.label(res.b)
    notes = [f"Đường nối ngắn nhất (shortest connection), {len(res.steps)} bước (steps)."]
    if res.alternatives:
        notes.append("Cũng ngắn như vậy (as short): " + " | ".join(
            " → ".join(ix.label(n) for n in p[1:-1]) for p in res.alternatives[:5]))
    return render(sub, title=f"{la} ↔ {lb}", subtitle="Mối liên hệ (connection)", focus=[res.a, res.b], at=at,
                  timeline=timeline_rows(used, ix, by="holder"), timeline_title="Các chức vụ trên đường nối (posts on the path)",
                  notes=notes)


def interlocks_view(store, org: str, *, at: date | None = None, index: Index | None = None) -> str:
    """People of an organization and the bodies they shared (the interlocks), as a graph."""
    ix = index or load_index(store)
    locks = interlocks(store, org, at, index=ix)
    g = build_graph(ix)
    people = {x for i in locks for x in (i.a, i.b)}
    bodies = {o for i in locks for o in i.bodies}
    keep = set(people) | bodies
    for h in ix.holdings:
        if h.person in people and h.org in bodies:
            keep.add(h.post)
    sub = g.subgraph(keep).copy()
    root = resolve_org(store, org)
    notes = [f"{i.labels[i.a]} — {i.labels[i.b]}: {len(i.bodies)}" for i in locks[:30]]
    return render(sub, title=f"Đan xen (interlocks): {ix.label(root)}", subtitle=short(root), at=at, notes=notes)


def centrality_view(store, org: str, at: date | None, *, index: Index | None = None) -> str:
    """An organization's person — body network on a date, nodes sized by betweenness."""
    ix = index or load_index(store)
    root = resolve_org(store, org)
    ranks = centrality(store, org, at, index=ix, persons_only=False)
    g = build_graph(ix, at=at)
    net = org_network(ix, root, at)
    keep = set(net) | {h.post for h in members(ix, root, at)}
    sub = g.subgraph(keep).copy()
    top = max((r.betweenness for r in ranks), default=0) or 1
    sizes = {r.node: r.betweenness / top for r in ranks}
    notes = [f"{i + 1}. {r.label} ({r.betweenness:.3f})" for i, r in enumerate(ranks) if r.kind == "person"][:20]
    return render(sub, title=f"Trung tâm (centrality): {ix.label(root)}", subtitle=f"{short(root)} · {at or ''}",
                  focus=[root], at=at, sizes=sizes, notes=notes)


def query_view(store, name: str | None = None, *, file=None, params: dict | None = None,
               index: Index | None = None) -> str:
    """Any SELECT or CONSTRUCT as a graph.

    CONSTRUCT: each triple with an IRI object is an edge labelled by its predicate; literal
    objects become facts of the subject. SELECT: the IRIs of a row are linked in column
    order (edge labelled with the column name); literals become facts of the row's first IRI.
    """
    from ..queries import run_named, run_sparql
    from pathlib import Path
    ix = index or load_index(store)
    if file:
        text = Path(file).read_text(encoding="utf-8")
        result, title = run_sparql(store, text), Path(file).name
    elif name:
        result, title = run_named(store, name, params or {}), name
    else:
        raise KgError("give a query name or --file q.rq")
    g = nx.MultiDiGraph()
    full = build_graph(ix)

    def node(term) -> str:
        iri = term.value
        if iri not in g:
            if iri in full:
                g.add_node(iri, **{k: v for k, v in full.nodes[iri].items()}, facts=[])
            else:
                g.add_node(iri, kind=ix.kinds.get(iri, "other"), label=ix.label(iri), label_en=ix.label_en(iri),
                           pillar=ix.org_pillar(iri) if ix.kinds.get(iri) == "organization" else "",
                           start="", end="", facts=[])
        return iri

    def link(u: str, v: str, label: str) -> None:
        existing = full.get_edge_data(u, v) or full.get_edge_data(v, u)
        if existing:
            src, dst = (u, v) if full.get_edge_data(u, v) else (v, u)
            for k, d in existing.items():
                if not g.has_edge(src, dst, key=k):
                    g.add_edge(src, dst, key=k, **d)
        elif not g.has_edge(u, v, key=label):
            g.add_edge(u, v, key=label, relation=label, label=label, label_en=label)

    if isinstance(result, ox.QueryTriples):
        for t in result:
            if not isinstance(t.subject, ox.NamedNode):
                continue
            s = node(t.subject)
            pred = short(t.predicate.value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            if isinstance(t.object, ox.NamedNode):
                link(s, node(t.object), pred)
            else:
                g.nodes[s]["facts"].append(f"{pred}: {t.object.value}")
    elif isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        for row in result:
            iris = [(n, row[n]) for n in names if isinstance(row[n], ox.NamedNode)]
            lits = [(n, row[n]) for n in names if row[n] is not None and not isinstance(row[n], ox.NamedNode)]
            ids = [node(t) for _, t in iris]
            for (_, _), (vn, _), u, v in zip(iris, iris[1:], ids, ids[1:]):
                if u != v:
                    link(u, v, vn)
            if ids:
                facts = g.nodes[ids[0]]["facts"]
                for n, t in lits:
                    fact = f"{n}: {t.value}"
                    if fact not in facts:
                        facts.append(fact)
    else:
        raise KgError("an ASK query has no graph to show; use SELECT or CONSTRUCT")
    if not g:
        raise KgError(f"query {title} returned no IRIs to draw")
    return render(g, title=f"Truy vấn (query): {title}", subtitle=f"{g.number_of_nodes()} nút (nodes)")
