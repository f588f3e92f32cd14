#!/usr/bin/env python3
"""Benchmark: validate one decision against the seed graph and against a generated graph of N tenures,
next to whole-graph pyshacl at 10k tenures (never used for one decision).

    python scripts/bench_validate.py                   # seed, 1,000,000 tenures, full pyshacl at 10,000
    python scripts/bench_validate.py --sizes 100000 --full-shacl 10000 --repeat 20

The generated tenures are written as N-Quads and bulk-loaded (Store.ox.bulk_load): persons, posts on the
real pre-2025 provinces and districts (single-holder positions of the ontology), 5-year terms with
start/end bounds, so the checks run against realistic indexes. The decision is the K1 test case
(tests/decisions/K1/other-person-as-military-secretary.yaml), which triggers M4 and K1.
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DECISION = ROOT / "tests" / "decisions" / "K1" / "other-person-as-military-secretary.yaml"


def generated_nquads(n_tenures: int, seed: int = 7) -> bytes:
    """N-Quads of n tenures (≈12 quads each) in <graph:batch/generated>."""
    from kg.ids import org_id
    from kg.vocab import NS
    rnd = random.Random(seed)
    from bench import candidate_posts  # scripts/bench.py: the core benchmark's generator
    posts = candidate_posts(single_holder=False)
    g = f"<{NS['graph']}batch/generated>"
    T = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    D = "^^<http://www.w3.org/2001/XMLSchema#date>"
    vn, out = NS["vn"], []
    orgs_done, posts_done = set(), set()
    n = 0
    person = 0
    while n < n_tenures:
        u, ot, pt = posts[rnd.randrange(len(posts))]
        oid = org_id(ot, u) + "--g"   # kept apart from the seed's organizations
        o, p = f"<{NS['org']}{oid}>", f"<{NS['post']}{pt}--{oid}>"
        if oid not in orgs_done:
            orgs_done.add(oid)
            out.append(f"{o} {T} <http://www.w3.org/ns/org#Organization> {g} .")
            out.append(f"{o} <{vn}orgType> <{NS['ot']}{ot}> {g} .")
            out.append(f"{o} <{vn}jurisdiction> <{NS['au']}{u.id}> {g} .")
            out.append(f"{o} <{vn}validUntil> \"2025-06-30\"{D} {g} .")
        if (pt, oid) not in posts_done:
            posts_done.add((pt, oid))
            out.append(f"{p} {T} <http://www.w3.org/ns/org#Post> {g} .")
            out.append(f"{p} <{vn}positionType> <{NS['pt']}{pt}> {g} .")
            out.append(f"{p} <http://www.w3.org/ns/org#postIn> {o} {g} .")
        year = rnd.randint(1980, 2020)
        s, e = date(year, rnd.randint(1, 12), rnd.randint(1, 28)), date(year + 5, rnd.randint(1, 12), rnd.randint(1, 28))
        person = rnd.randrange(max(1, n_tenures // 3))
        per = f"<{NS['per']}gen-{person:07d}>"
        t = f"<{NS['ten']}gen-{n:08d}>"
        out.append(f"{t} {T} <{vn}Tenure> {g} .")
        out.append(f"{t} <{vn}holder> {per} {g} .")
        out.append(f"{t} <{vn}post> {p} {g} .")
        for prop, d in (("start", s), ("startEarliest", s), ("startLatest", s), ("end", e), ("endEarliest", e),
                        ("endLatest", e)):
            out.append(f"{t} <{vn}{prop}> \"{d.isoformat()}\"{D} {g} .")
        n += 1
    for i in range(max(1, n_tenures // 3)):
        out.append(f"<{NS['per']}gen-{i:07d}> {T} <{vn}Person> {g} .")
        out.append(f"<{NS['per']}gen-{i:07d}> <http://xmlns.com/foaf/0.1/name> \"Người {i}\"@vi {g} .")
    return ("\n".join(out) + "\n").encode("utf-8")


def seed_store():
    from kg.store import Store
    s = Store()
    s.load(sorted((ROOT / "data" / "seed").glob("*.yaml")))
    return s


def time_validation(store, repeat: int, engines) -> tuple[float, float, set]:
    from kg.validate import Validator
    from kg.validate.validator import read_decisions
    located = read_decisions([DECISION])
    v = Validator(store, engines=engines)
    found = {f.rule for f in v.validate_records(located)}           # warm-up (labels, shapes, query text)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        v.validate_records(located)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--full-shacl", type=int, default=10_000, help="tenures for the whole-graph pyshacl run (0: skip)")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--owl-repeat", type=int, default=3)
    args = ap.parse_args()
    import pyoxigraph as ox

    fast = ("shacl", "sparql", "python")
    print("| graph | quads | validate one decision: SHACL+SPARQL+Python (median / max) | + OWL (HermiT) median | rules found |")
    print("|---|---:|---:|---:|---|")
    store = seed_store()
    m, mx, found = time_validation(store, args.repeat, fast)
    om, _, _ = time_validation(store, args.owl_repeat, fast + ("owl",))
    print(f"| seed | {len(store):,} | {m * 1000:.1f} ms / {mx * 1000:.1f} ms | {om * 1000:.0f} ms | {', '.join(sorted(found))} |")
    for size in args.sizes:
        store = seed_store()
        t0 = time.perf_counter()
        data = generated_nquads(size)
        t_gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        t_load = time.perf_counter() - t0
        del data
        before = store.checksum() if size <= 100_000 else None
        m, mx, found = time_validation(store, args.repeat, fast)
        om, _, _ = time_validation(store, args.owl_repeat, fast + ("owl",))
        if before is not None:
            assert store.checksum() == before
        print(f"| seed + {size:,} generated tenures (generated {t_gen:.0f} s, bulk-loaded {t_load:.0f} s) | {len(store):,} | "
              f"{m * 1000:.1f} ms / {mx * 1000:.1f} ms | {om * 1000:.0f} ms | {', '.join(sorted(found))} |")
        del store
    if args.full_shacl:
        import pyshacl
        import rdflib
        from kg.validate.engines import ShaclEngine
        store = seed_store()
        store.ox.bulk_load(generated_nquads(args.full_shacl), format=ox.RdfFormat.N_QUADS)
        buf = io.BytesIO()
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(buf, ox.RdfFormat.N_TRIPLES)
        g = rdflib.Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
        t0 = time.perf_counter()
        conforms, results, _ = pyshacl.validate(g, shacl_graph=ShaclEngine.shapes(), inference="none", advanced=True,
                                                allow_warnings=True)
        t = time.perf_counter() - t0
        n = len(list(results.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
        print(f"\nWhole-graph pyshacl (rdflib data graph, {len(g):,} triples, seed + {args.full_shacl:,} tenures): "
              f"{t:.1f} s, {n} results — for comparison only; `kg validate` never does this.")


if __name__ == "__main__":
    main()
