#!/usr/bin/env python3
"""Agreement of extracted holdings with the Vietnamese Wikipedia infoboxes.

For every extracted ``holding`` (current or acting) of a person who appears in
../shared/corpus/ground_truth/viwiki_politician_offices.csv (same name, folded), and whose post can be read from
one of that person's infobox offices (same position, organization type and place after kg.titles parsing):
does the infobox say the person held that post on the fact's date (the article's date, or the earlier date the
evidence's sentence is written at; term_start ≤ date ≤ term_end, "nay" = open; an open term of a single-holder
post ends the day before another person's term of that post starts, in any infobox)? ``former`` holdings agree
when an infobox term of that post ended on or before the date. Holdings whose
post is not among the person's infobox offices are counted apart ("post not in infobox"; Wikipedia infoboxes
list only some posts) and not scored.

"nay" is not an open end: it means "current when the infobox data was written" (corpus README), so an open term
says nothing about dates after the data's as-of date. The as-of date is derived from the data, as the latest
ISO ``term_start`` in the file (the importer's ``kg import viwiki --as-of`` default is the same date); it is
printed. A term is *open* on that date when its end is "nay" (and no successor's start closes it) or a written
end after the as-of date (which the data cannot know: a typo or a plan, e.g. "2030-01-02"). A holding dated after
the as-of date whose verdict rests only on an open term is counted apart as "not scorable (after the infobox's
as-of date)", whether the open term would have made it agree (a ``current`` holding) or disagree (a ``former``
one). Terms that ended by the as-of date are scored at any date.

Only dev-split articles are read (test ids in splits.json are skipped). Prints the agreement rate and the
disagreements for review.

    python scripts/agreement_viwiki.py [--corpus ../shared/corpus] [--limit N]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.extract.slugs import coarse  # noqa: E402
from kg.extract.textio import article_from_json  # noqa: E402
from kg.normalize import fold  # noqa: E402


def _day(s: str, end: bool) -> date | None:
    s = (s or "").strip()
    if not s:
        return None
    if s.lower() in ("nay", "đương nhiệm", "hiện tại"):
        return date.max
    try:
        if len(s) == 4:
            return date(int(s), 12, 31) if end else date(int(s), 1, 1)
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            return date(y, m, 28) if end else date(y, m, 1)
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def data_as_of(rows: list[dict]) -> date | None:
    """The infobox data's as-of date: the latest ISO term start in the file ("nay" is current on that day).
    Term ends are not used: a written end can be a typo far in the future ("2030-01-02")."""
    best = None
    for row in rows:
        s = (row.get("term_start") or "").strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            try:
                d = date.fromisoformat(s)
            except ValueError:
                continue
            best = d if best is None or d > best else best
    return best


def verdict(status: str, d: date, terms: list[tuple], as_of: date | None) -> str:
    """"agree", "disagree" or "unscorable" for a holding at ``d`` given the infobox terms of its post
    ``(start, end, open)`` (``end`` None = not written, date.max = "nay"; ``open`` = "nay" not closed by a
    successor). After ``as_of`` an open term is no evidence either way."""
    after = as_of is not None and d > as_of
    if status == "former":
        if any(e_ and e_ != date.max and e_ <= d for s_, e_, _ in terms) or \
                any(s_ and s_ <= d for s_, e_, _ in terms if e_ is None):
            return "agree"
        if after and any(op and (s_ is None or s_ <= d) for s_, e_, op in terms):
            return "unscorable"     # open on the as-of date: it may have ended since
        return "disagree"
    if any((s_ is None or s_ <= d) and (e_ is None or d <= e_) for s_, e_, op in terms if not (after and op)):
        return "agree"
    if after and any(op and (s_ is None or s_ <= d) for s_, e_, op in terms):
        return "unscorable"         # only an open term covers it: current on the as-of date, unknown after
    return "disagree"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=0, help="at most this many articles (0 = all dev articles)")
    ap.add_argument("--show", type=int, default=100)
    args = ap.parse_args()
    corpus = args.corpus
    test = set()
    for v in json.loads((corpus / "splits.json").read_text(encoding="utf-8")).values():
        test |= set(v.get("test", []))
    ex = Extractor.default()
    parser = ex.parser

    offices: dict[str, list[dict]] = defaultdict(list)
    with (corpus / "ground_truth" / "viwiki_politician_offices.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            offices[fold(row["person"])].append(row)
    as_of = data_as_of([r for rows in offices.values() for r in rows])

    parsed_office: dict[tuple, list] = {}

    def office_posts(row, at):
        key = (row["office"], at)
        if key not in parsed_office:
            out = []
            # infobox offices carry the country's name and notes: "Chủ tịch Quốc hội nước Cộng hòa xã hội chủ
            # nghĩa Việt Nam", "Phó Chủ tịch Quốc hội, (Phụ trách Pháp luật)"
            office = re.sub(r"\s*,?\s*\([^)]*\)", "", row["office"])
            office = re.sub(r"(?i)\s+(?:nước\s+)?(?:Cộng hòa xã hội chủ nghĩa\s+)?Việt Nam$", "", office).strip()
            try:
                for t in parser.parse_titles(office, at=at):
                    if t.ok and t.position:
                        p, o, _ = coarse(ex.specialize(t.position, t.org_type or ""), t.org_type or "")
                        out.append((p, o, fold(t.place or ""), fold(t.unit or "")))
            except Exception:
                pass
            parsed_office[key] = out
        return parsed_office[key]

    # A single-holder post (ontology vn:singleHolder: Bí thư, Chủ tịch UBND, Bộ trưởng …) held "nay" (open) in one
    # infobox is closed by the start of another person's term of the same post in another infobox (Wikipedia
    # infoboxes are often not updated when a successor takes over).
    successors: dict[tuple, list[tuple[date, str]]] = {}

    def successor_index():
        if not successors:
            successors[("",)] = []
            for pf, rows in offices.items():
                for row in rows:
                    s_ = _day(row["term_start"], False)
                    if not s_ or s_ == date.max:
                        continue
                    at = row["term_start"][:10] if len(row["term_start"]) >= 10 else s_.isoformat()
                    for post in office_posts(row, at):
                        pos = ex.vocab.positions.get(post[0])
                        if pos is not None and pos.prop("singleHolder"):
                            successors.setdefault(post, []).append((s_, pf))
        return successors

    def closed_by_successor(post, person, start, end):
        if end is not None and end != date.max:
            return end
        later = [s for s, pf in successor_index().get(post, ()) if pf != person and (start is None or s > start)]
        return min(later) - timedelta(days=1) if later else end

    n_art = agree = disagree = not_in_box = unscorable = 0
    rows_out = []
    for f in sorted((corpus / "news").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            o = json.loads(line)
            if o.get("id") in test:
                continue
            if args.limit and n_art >= args.limit:
                break
            art = article_from_json(o)
            n_art += 1
            res = ex.extract(art)
            if len(res.date) != 10:
                continue
            d = date.fromisoformat(res.date)
            for fact in res.facts:
                if fact.kind != "holding" or not fact.in_domain():
                    continue
                # the evidence's own date: the article's, or the earlier date its sentence is written at
                d = date.fromisoformat(fact.date) if len(fact.date) == 10 else date.fromisoformat(res.date)
                rows = offices.get(fold(fact.person))
                if not rows:
                    continue
                p, o_, _ = coarse(fact.position, fact.org_type, fact.unit)
                want = (p, o_, fold(fact.place), fold(fact.unit))
                terms = []
                for row in rows:
                    s_, e_ = _day(row["term_start"], False), _day(row["term_end"], True)
                    at = row["term_start"][:10] if s_ and s_ != date.max and len(row["term_start"]) >= 10 else res.date
                    if want in office_posts(row, at) or want in office_posts(row, res.date):
                        e2 = closed_by_successor(want, fold(fact.person), s_, e_)
                        # open on the as-of date: "nay", or a written end after it (data as of that date cannot
                        # know an end after it: "2030-01-02" is a typo or a plan)
                        terms.append((s_, e2, row, e2 == date.max or (as_of is not None and e2 is not None
                                                                          and e2 > as_of)))
                if not terms:
                    not_in_box += 1
                    continue
                v = verdict(fact.status, d, [(s_, e_, op) for s_, e_, _, op in terms], as_of)
                if v == "unscorable":
                    unscorable += 1
                    continue
                if v == "agree":
                    agree += 1
                else:
                    disagree += 1
                    rows_out.append((art.doc, res.date, fact.person, fact.position, fact.org_type, fact.place,
                                     fact.status, "; ".join(f"{r['office']} {r['term_start']}–{r['term_end']}"
                                                            for _, _, r, _ in terms)))
    scored = agree + disagree
    late = sum(1 for r in rows_out if as_of and date.fromisoformat(r[1]) > as_of)
    print(f"dev articles read: {n_art}")
    print(f"infobox data as of: {as_of} (the latest term start in the file; 'nay' = current then)")
    print(f"holdings of infobox persons with the post in the infobox: {scored} "
          f"(+{not_in_box} whose post is not in the person's infobox, not scored; "
          f"+{unscorable} not scorable (after the infobox's as-of date, only an open term))")
    print(f"agreement: {agree}/{scored} = {agree / scored:.3f}" if scored else "agreement: n/a (nothing to score)")
    if late:
        print(f"  ({late} of the {disagree} disagreements are dated after the as-of date: the infobox has no term of "
              f"the post covering the date; a term started after {as_of} would not be in it)")
    if rows_out:
        print("\ndisagreements (doc, article date, person, position, org type, place, status | infobox terms):")
        for r in rows_out[:args.show]:
            print("  " + " | ".join(r[:7]) + "  ||  " + r[7])
    return 0


if __name__ == "__main__":
    sys.exit(main())
