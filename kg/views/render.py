"""Turn a graph (networkx) into one self-contained, offline HTML page (pyvis + vis-network).

pyvis builds the node and edge lists (``Network.add_node`` / ``add_edge``); the page
itself is our own template (``templates/view.html``) with vis-network's JavaScript and
CSS read from pyvis's package and inlined, so the file makes no request to any host.

Every text reaches the page one way: as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&``, ``/`` escaped (:func:`script_json`), and is put into the DOM by
the page's script with ``textContent`` only; tooltips are DOM elements, never HTML strings.

    >>> script_json({"name": "<img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
"""
from __future__ import annotations

import html
import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import networkx as nx

from ..analytics import Holding, short

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Large graphs: a shorter stabilization, then physics off, straight edges, no improved layout.
LARGE = 300

PILLAR_COLORS = {  # pillar → (background, border)
    "Party": ("#e53935", "#8e0000"), "State": ("#1e88e5", "#0d47a1"), "Military": ("#43a047", "#1b5e20"),
    "Police": ("#8e24aa", "#4a148c"), "Front": ("#fb8c00", "#e65100"), "": ("#b0bec5", "#546e7a"),
}
PILLAR_NAMES = {"Party": "Đảng (Party)", "State": "Nhà nước (State)", "Military": "Quân đội (Military)",
                "Police": "Công an (Police)", "Front": "Mặt trận (Front)", "": "Khác (other)"}
KIND_SHAPES = {"person": "dot", "post": "box", "organization": "diamond", "place": "triangle",
               "decision": "square", "source": "star", "term": "hexagon", "other": "ellipse"}
KIND_NAMES = {"person": "Người (person)", "post": "Chức vụ (post)", "organization": "Tổ chức (organization)",
              "place": "Địa bàn (place)", "decision": "Quyết định (decision)", "source": "Nguồn (source)",
              "term": "Nhiệm kỳ (term)", "other": "Khác (other)"}
PERSON_COLOR = ("#fff59d", "#f9a825")
_LICENCE_URL = re.compile(r"https?://(?!www\.w3\.org/2000/svg)")


def script_json(value) -> str:
    """JSON safe inside a <script> element (and free of literal URLs a grep might mistake for requests)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's package, with licence/home-page URLs defanged.

    The only remaining ``http://`` string is the SVG XML namespace, an identifier never fetched.
    """
    import pyvis
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    folder = max(lib.glob("vis-9*"), key=lambda p: [int(x) for x in p.name[4:].split(".")])
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = _LICENCE_URL.sub("", js)
    css = _LICENCE_URL.sub("", css)
    assert "</script" not in js.lower() and "</style" not in css.lower()
    return js, css


@lru_cache(maxsize=1)
def _template():
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("view.html")


def dates_vi(h: Holding) -> str:
    if h.kind == "attestation":
        return "ghi nhận " + ", ".join(h.attested)
    s = h.start or (f"≤ {h.start_latest}" if h.start_latest else "?")
    e = h.end or (f"≤ {h.end_latest}" if h.end_latest else "nay")
    return f"{s} – {e}"


def _sources(h: Holding) -> list[dict]:
    return [{"title": s.title or short(s.iri), "date": s.date, "quote": s.quote, "span": s.span, "url": s.url,
             "id": short(s.iri)} for s in h.sources]


def _edge_payload(data: dict) -> dict:
    h: Holding | None = data.get("holding")
    out = {"relation": data.get("relation", ""), "role": data.get("label", ""), "role_en": data.get("label_en", ""),
           "start": data.get("start", ""), "end": data.get("end", "")}
    if h is None:
        out["label"] = data.get("label", "")
        out["dates"] = data.get("dates", "")
        return out
    basis_vi = {"tenure": "nhiệm kỳ giữ chức", "attestation": "ghi nhận"}[h.kind]
    out.update(
        label=f"{out['role']}\n{dates_vi(h)}", dates=dates_vi(h), dates_en=h.dates(),
        basis=("suy ra từ " if h.inferred else "") + basis_vi,
        basis_en=("inferred " if h.inferred else "") + h.kind, inferred=h.inferred,
        def_from=h.start_latest.isoformat() if h.start_latest else "",
        def_to=(h.end_earliest or h.current_as_of or (h.end_latest if h.kind == "attestation" else None) or ""),
        attested=h.attested, sources=_sources(h), fact=short(h.id),
        acting=h.acting, end_reason=(h.end_reason or "").rsplit("#", 1)[-1])
    out["def_to"] = out["def_to"].isoformat() if isinstance(out["def_to"], date) else out["def_to"]
    return out


def timeline_rows(holdings: list[Holding], ix, *, by: str = "post") -> list[dict]:
    """Gantt rows: one per holding, labelled by its post (a person's view) or holder (a post's view)."""
    rows = []
    for h in holdings:
        label = ix.label(h.post) if by == "post" else f"{ix.label(h.person)} — {ix.role(h.post)[0] or ix.label(h.post)}"
        rows.append({"label": label, "label_en": ix.label_en(h.post) if by == "post" else "",
                     "se": h.start_earliest.isoformat() if h.start_earliest else "",
                     "sl": h.start_latest.isoformat() if h.start_latest else "",
                     "ee": (h.end_earliest or h.current_as_of or "") and (h.end_earliest or h.current_as_of).isoformat(),
                     "el": h.end_latest.isoformat() if h.end_latest else "",
                     "dates": dates_vi(h), "inferred": h.inferred, "kind": h.kind, "attested": h.attested})
    return rows


def radial_positions(g: nx.MultiDiGraph, ring: float = 140.0, spacing: float = 28.0) -> dict[str, tuple[int, int]]:
    """An O(n) layout for large graphs: each component a radial tree around its hub (a place or
    organization), sectors sized by subtree leaves; components on a grid. Physics then stays off."""
    import math
    u = nx.Graph(g.to_undirected(as_view=True))
    rank = {"place": 3, "organization": 2, "post": 1}
    pos, blocks = {}, []
    for comp in sorted(nx.connected_components(u), key=len, reverse=True):
        root = max(comp, key=lambda n: (rank.get(g.nodes[n].get("kind"), 0), u.degree(n), str(n)))
        tree = nx.bfs_tree(u, root)
        order = list(nx.dfs_preorder_nodes(tree, root))
        leaves: dict = {}
        for n in reversed(order):
            kids = list(tree.successors(n))
            leaves[n] = sum(leaves[k] for k in kids) or 1
        depth = {root: 0}
        for n in order:
            for k in tree.successors(n):
                depth[k] = depth[n] + 1
        per_depth: dict[int, int] = {}
        for d in depth.values():
            per_depth[d] = per_depth.get(d, 0) + 1
        radius, r = {0: 0.0}, 0.0
        for d in range(1, max(per_depth) + 1):
            r = max(r + ring, per_depth[d] * spacing / (2 * math.pi))
            radius[d] = r
        local = {root: (0.0, 0.0)}
        sector = {root: (0.0, 2 * math.pi)}
        for n in order:
            a0, a1 = sector[n]
            kids = sorted(tree.successors(n), key=str)
            total = sum(leaves[k] for k in kids) or 1
            a = a0
            for k in kids:
                span = (a1 - a0) * leaves[k] / total
                sector[k] = (a, a + span)
                mid = a + span / 2
                local[k] = (radius[depth[k]] * math.cos(mid), radius[depth[k]] * math.sin(mid))
                a += span
        blocks.append((local, r + ring))
    cols = max(1, int(math.sqrt(len(blocks))))
    x = y = row_h = 0.0
    for i, (local, size) in enumerate(blocks):
        if i and i % cols == 0:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (lx, ly) in local.items():
            pos[n] = (int(x + size + lx), int(y + size + ly))
        x += 2 * size
        row_h = max(row_h, 2 * size)
    return pos


def render(g: nx.MultiDiGraph, *, title: str, subtitle: str = "", focus: list[str] = (), at: date | None = None,
           timeline: list[dict] | None = None, timeline_title: str = "", sizes: dict[str, float] | None = None,
           notes: list[str] = ()) -> str:
    """One self-contained HTML page for ``g`` (node keys are IRIs, attributes as in build_graph)."""
    from pyvis.network import Network

    large = g.number_of_nodes() > LARGE
    positions = radial_positions(g) if large else {}
    net = Network(directed=True)
    focus = set(focus)
    for n, d in g.nodes(data=True):
        kind = d.get("kind", "other")
        bg, border = PERSON_COLOR if kind == "person" else PILLAR_COLORS.get(d.get("pillar", ""), PILLAR_COLORS[""])
        size = 10 + 25 * (sizes or {}).get(n, 0)
        net.add_node(short(n), label=d.get("label") or short(n), shape=KIND_SHAPES.get(kind, "ellipse"),
                     color={"background": bg, "border": border,
                            "highlight": {"background": bg, "border": "#000000"}},
                     borderWidth=3 if n in focus else 1,
                     **({"x": positions[n][0], "y": positions[n][1]} if n in positions else {}), size=size + (8 if n in focus else 0),
                     font={"size": 16 if n in focus else 13, "color": "#ffffff" if kind == "post" and bg != PILLAR_COLORS[""][0] else "#222222"},
                     kg={"kind": kind, "label": d.get("label", ""), "label_en": d.get("label_en", ""),
                         "pillar": d.get("pillar", ""), "start": d.get("start", ""), "end": d.get("end", ""),
                         "iri": n, "focus": n in focus, "facts": d.get("facts", [])})
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        p = _edge_payload(data)
        holds = p["relation"] == "holds"
        net.add_edge(short(u), short(v), id=f"e{i}", label=p["label"] if not large else "",
                     dashes=bool(p.get("inferred")), width=2 if holds else 1,
                     color={"color": "#37474f" if holds else "#90a4ae"},
                     font={"size": 11, "align": "middle", "color": "#37474f"}, kg=p)
    nodes, edges = [], []
    for node in net.nodes:
        nodes.append({k: v for k, v in node.items() if k != "title"})
    for edge in net.edges:
        edges.append({k: v for k, v in edge.items() if k != "title"})
    options = {
        "autoResize": True,
        "layout": {"improvedLayout": g.number_of_nodes() <= 100, "randomSeed": 7},
        "physics": {"enabled": not large, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120, "avoidOverlap": 0.4},
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 90, "springConstant": 0.04,
                                  "damping": 0.4, "avoidOverlap": 0},
                    "stabilization": {"enabled": True, "iterations": 300,
                                      "updateInterval": 50, "fit": True},
                    "minVelocity": 0.75 if not large else 2.0},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "navigationButtons": False},
        "edges": {"smooth": False if large else {"type": "dynamic"}, "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"font": {"face": "system-ui, sans-serif"}},
    }
    bounds = [x for d in [*(n["kg"] for n in nodes), *(e["kg"] for e in edges)] for x in (d["start"], d["end"]) if x]
    bounds += [x for r in (timeline or []) for x in (r["se"], r["el"], r["sl"], r["ee"]) if x]
    if at:
        bounds.append(at.isoformat())
    payload = {
        "title": title, "subtitle": subtitle, "nodes": nodes, "edges": edges, "options": options,
        "large": large, "at": at.isoformat() if at else "", "min": min(bounds) if bounds else "",
        "max": max(bounds) if bounds else "", "timeline": timeline or [], "timelineTitle": timeline_title,
        "legend": {"pillars": [{"name": PILLAR_NAMES[p], "color": c[0], "border": c[1]} for p, c in PILLAR_COLORS.items()],
                   "kinds": [{"name": KIND_NAMES[k], "shape": s} for k, s in KIND_SHAPES.items() if k != "other"],
                   "person": PERSON_COLOR[0]},
        "notes": list(notes), "generated": date.today().isoformat(),
    }
    js, css = _vis_assets()
    return _template().render(title=title, vis_js=js, vis_css=css, data=script_json(payload))


def write(html_text: str, path, *, open_browser: bool = False) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html_text, encoding="utf-8")
    if open_browser:
        import webbrowser
        webbrowser.open(p.resolve().as_uri())
    return p


def escape(text: str) -> str:
    """The one HTML escape used for text outside the JSON payload."""
    return html.escape(str(text), quote=True)
