"""Benchmark the HTML views on generated graphs: generation time and time to a stabilized layout.

    python scripts/bench_views.py               # 200 and 5,000 nodes
    python scripts/bench_views.py --nodes 1000 --keep bench-out/

For each size: build a synthetic graph (persons, posts, organizations, places, with dated
holdings), render the page (``render``, through pyvis), open it in headless Chromium
and wait until the page reports the network stabilized (``window.kgView.stabilizedAt``,
milliseconds since navigation start). Target: ≤ 5 s each for 5,000 nodes.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.analytics import Holding  # noqa: E402
from kg.views.render import render  # noqa: E402

PILLARS = ["Party", "State", "Military", "Police", "Front"]


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n`` nodes: 2 % places, 10 % organizations, 30 % posts, the rest persons."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    places = [f"https://w3id.org/kg-vn/au/p{i}" for i in range(max(1, n // 50))]
    orgs = [f"https://w3id.org/kg-vn/org/o{i}" for i in range(max(1, n // 10))]
    posts = [f"https://w3id.org/kg-vn/post/q{i}" for i in range(max(1, n * 3 // 10))]
    persons = [f"https://w3id.org/kg-vn/per/r{i}" for i in range(n - len(places) - len(orgs) - len(posts))]
    for i, p in enumerate(places):
        g.add_node(p, kind="place", label=f"Tỉnh {i}", label_en=f"Province {i}", pillar="", start="", end="")
        if i:
            g.add_edge(p, places[0], relation="part of", label="thuộc", label_en="part of")
    for i, o in enumerate(orgs):
        g.add_node(o, kind="organization", label=f"Tổ chức {i}", label_en=f"Organization {i}",
                   pillar=PILLARS[i % 5], start="", end="2025-06-30" if i % 3 == 0 else "")
        g.add_edge(o, rnd.choice(places), relation="jurisdiction", label="địa bàn", label_en="jurisdiction")
        if i > 5:
            g.add_edge(o, orgs[rnd.randrange(i)], relation="sub-organization of", label="trực thuộc",
                       label_en="sub-organization of")
    for i, q in enumerate(posts):
        o = orgs[i % len(orgs)]
        g.add_node(q, kind="post", label=f"Ủy viên {i}", label_en=f"Member {i}", pillar=g.nodes[o]["pillar"],
                   start="", end="")
        g.add_edge(q, o, relation="post in", label="thuộc", label_en="post in")
    for i, p in enumerate(persons):
        g.add_node(p, kind="person", label=f"Nguyễn Văn {i}", label_en="", pillar="", start="", end="")
        q = posts[i % len(posts)]
        start = date(2010, 1, 1) + timedelta(days=rnd.randrange(5000))
        end = start + timedelta(days=rnd.randrange(200, 2000))
        h = Holding(f"https://w3id.org/kg-vn/tenure/t{i}", "tenure", p, q, None, start=start.isoformat(),
                    end=end.isoformat(), start_earliest=start, start_latest=start, end_earliest=end, end_latest=end)
        g.add_edge(p, q, key=h.id, relation="holds", label="Ủy viên", label_en="Member", dates=h.dates(),
                   holding=h, start=start.isoformat(), end=end.isoformat())
    return g


def stabilization_ms(html_path: Path, timeout: float = 120) -> float:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--window-size=1400,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(html_path.resolve().as_uri())
        deadline = time.time() + timeout
        while True:
            t = driver.execute_script("return window.kgView && window.kgView.stabilizedAt")
            if t:
                return float(t)
            if time.time() > deadline:
                raise TimeoutError(f"{html_path} did not stabilize in {timeout} s")
            time.sleep(0.05)
    finally:
        driver.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, nargs="*", default=[200, 5000])
    ap.add_argument("--keep", type=Path, default=None, help="Keep the HTML files in this folder.")
    args = ap.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"{'nodes':>7} {'edges':>7} {'generate s':>11} {'size KiB':>9} {'stabilized s':>13}")
    for n in args.nodes:
        g = synthetic(n)
        t0 = time.perf_counter()
        html = render(g, title=f"Benchmark, {n} nodes")
        gen = time.perf_counter() - t0
        path = out / f"bench-{n}.html"
        path.write_text(html, encoding="utf-8")
        stab = stabilization_ms(path) / 1000
        print(f"{g.number_of_nodes():>7} {g.number_of_edges():>7} {gen:>11.2f} {len(html) // 1024:>9} {stab:>13.2f}")


if __name__ == "__main__":
    main()
