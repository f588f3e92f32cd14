#!/usr/bin/env python3
"""Title-parser accuracy on the hand-annotated NA XIII gold set, and parser throughput.

    python scripts/eval_titles.py [--gold tests/gold/na13_titles.jsonl] [--at 2012-06-01] [--failures N]

Each gold row's whole string (``field``) is parsed as one chain, with ``at`` = the profiles' date and the
deputy's ``constituency_province`` as context place (the gold's own fallback, see tests/gold/README.md).
Gold titles are aligned to parsed titles by their span in the string (largest overlap). A title counts as
correct when position, org_type and place are all exact (place compared with kg.normalize.fold).
Rows whose 1-based number is a multiple of 5 are reserved for blind evaluation and are never read.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.normalize import fold  # noqa: E402
from kg.titles import TitleParser, benchmark  # noqa: E402

CSV = Path("/work/shared/corpus/ground_truth/na13_dbqh_member_profiles.csv")
FIELDS = ("position", "org_type", "place")


def constituencies(rows: set[int]) -> dict[int, str]:
    """constituency_province of the gold rows only (never a reserved row)."""
    out: dict[int, str] = {}
    if not CSV.exists():
        return out
    with open(CSV, encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=1):
            if i % 5 == 0 or i not in rows:
                continue
            out[i] = (r.get("constituency_province") or "").strip()
    return out


def spans_of(field: str, raws: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for raw in raws:
        k = field.find(raw, pos)
        if k < 0:
            k = field.find(raw)
        out.append((k, k + len(raw)) if k >= 0 else (-1, -1))
        if k >= 0:
            pos = k + len(raw)
    return out


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same(field: str, gold: str, got: str) -> bool:
    if field == "place":
        return fold(gold or "") == fold(got or "")
    return (gold or "") == (got or "")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "tests/gold/na13_titles.jsonl"))
    ap.add_argument("--at", default="2012-06-01", help="date the profiles describe (default 2012-06-01)")
    ap.add_argument("--failures", type=int, default=200, help="how many failures to list")
    ap.add_argument("--no-context", action="store_true", help="do not pass constituency_province as context")
    ap.add_argument("--bench-seconds", type=float, default=2.0)
    ap.add_argument("--extra-ttl", action="append", default=[],
                    help="evaluate with these Turtle files added to ontology/ (to try proposed altLabels)")
    args = ap.parse_args(argv)

    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    gold = [g for g in gold if g["row"] % 5 != 0]
    by_row: dict[int, list[dict]] = defaultdict(list)
    for g in gold:
        by_row[g["row"]].append(g)
    ctx = {} if args.no_context else constituencies(set(by_row))

    if args.extra_ttl:
        import tempfile
        from kg.vocab import ONTOLOGY_DIR, Vocab
        tmp = Path(tempfile.mkdtemp(prefix="kg-onto-"))
        for f in list(ONTOLOGY_DIR.glob("*.ttl")) + [Path(x).resolve() for x in args.extra_ttl]:
            (tmp / f"{len(list(tmp.iterdir())):02d}-{f.name}").symlink_to(f.resolve())
        TitleParser._default = TitleParser(Vocab(tmp))
        print(f"ontology: {ONTOLOGY_DIR} + {', '.join(args.extra_ttl)}")
    parser = TitleParser.default()
    t0 = time.perf_counter()
    n_in = n_ok = 0
    per_field = Counter()
    failures = []
    oos_total = oos_guessed = 0
    extra_titles = 0
    for row, items in sorted(by_row.items()):
        field = items[0]["field"]
        place = ctx.get(row) or None
        try:
            titles = parser.parse_titles(field, at=args.at, place=place)
        except ValueError:          # unknown context place
            titles = parser.parse_titles(field, at=args.at)
        spans = spans_of(field, [g["raw"] for g in items])
        used = set()
        for g, sp in zip(items, spans):
            best, best_ov = None, 0
            for j, t in enumerate(titles):
                ov = overlap(sp, t.span)
                if ov > best_ov:
                    best, best_ov = j, ov
            t = titles[best] if best is not None else None
            if best is not None:
                used.add(best)
            if not g["in_scope"]:
                oos_total += 1
                if t is not None and t.ok and t.position and t.org_type:
                    oos_guessed += 1
                continue
            n_in += 1
            got = {f: (getattr(t, f) if t is not None else "") for f in FIELDS}
            okf = {f: same(f, g[f], got[f]) for f in FIELDS}
            for f in FIELDS:
                per_field[f] += okf[f]
            if all(okf.values()):
                n_ok += 1
            else:
                failures.append((row, g, t, okf))
        extra_titles += len(set(range(len(titles))) - used)
    elapsed = time.perf_counter() - t0

    print(f"gold: {args.gold}  at={args.at}  context={'none' if args.no_context else 'constituency_province'}")
    print(f"in-scope titles: {n_in}   rows: {len(by_row)}")
    print(f"ACCURACY (position, org_type and place all exact): {n_ok}/{n_in} = {100 * n_ok / max(1, n_in):.1f}%")
    for f in FIELDS:
        print(f"  {f:9s} {per_field[f]}/{n_in} = {100 * per_field[f] / max(1, n_in):.1f}%")
    print(f"out-of-scope titles given an in-scope reading (should be 0): {oos_guessed}/{oos_total}")
    print(f"parsed titles not aligned to any gold title: {extra_titles}")
    if failures and args.failures:
        print(f"\nFAILURES ({len(failures)}):")
        for row, g, t, okf in failures[:args.failures]:
            bad = ",".join(f for f in FIELDS if not okf[f])
            print(f"- row {row} [{bad}] {g['raw']!r}")
            print(f"    gold: {g['position']} | {g['org_type']} | {g['place']!r}")
            if t is None:
                print("    got : (no title)")
            else:
                print(f"    got : {t.position} | {t.org_type} | {t.place!r}"
                      + ("" if t.ok else f"   NOT UNDERSTOOD: {t.error}") + f"   raw={t.raw!r}")

    fields = sorted({items[0]["field"] for items in by_row.values()})
    b = benchmark(fields, at=args.at, min_seconds=args.bench_seconds)
    print(f"\nTHROUGHPUT, full parse (one core, {len(fields)} distinct strings, {b['chains']} parses, "
          f"{b['seconds']:.2f}s): {b['titles_per_second']:,.0f} titles/s ({b['chains_per_second']:,.0f} strings/s)")
    c = benchmark(fields, at=args.at, min_seconds=args.bench_seconds, cache=True)
    print(f"THROUGHPUT, memoised repeats: {c['titles_per_second']:,.0f} titles/s")
    print(f"(one evaluation pass took {elapsed:.2f}s including lexicon/gazetteer loading)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
