"""Consistency report on imported data (what `kg import-check` prints; the validation stage builds on it).

Three checks, each listing the facts involved:

1. **succession chains** (``chain-*``): an infobox term names a predecessor / successor. On the same post,
   the predecessor's term must not start after this one, nor end more than :data:`GRACE_DAYS` after
   this one began (the successor likewise); and when both terms carry claims they must name each other.
   Claims whose named person has no term on that post are counted as *unverifiable*, not as errors.
2. **two holders of a single-holder post** (``single-holder-overlap``): positions with
   ``vn:singleHolder true`` held by two persons whose *definite* intervals overlap by more than
   GRACE_DAYS (an open term counts only up to its ``current_as_of``; acting terms are left out).
3. **tenures outside their organization's lifetime** (``before-organization`` / ``after-organization``):
   definitely started before the organization existed, or definitely ended more than GRACE_DAYS
   after it ended (an end on the reform's first day is a handover, not an error), or is current after it.

``consistency(store)`` reads the succession claims the viwiki importer keeps beside its records
(``<store>/../imports/*.succession.jsonl``); pass ``claims=`` (a list or a path) otherwise.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..normalize import fold
from .common import imports_dir

GRACE_DAYS = 31
_GRACE = timedelta(days=GRACE_DAYS)

_TENURES = """SELECT ?t ?person ?name ?post ?postLabel ?pt ?org ?se ?sl ?ee ?el ?ca ?acting ?from ?until ?single WHERE {
  ?t a vn:Tenure ; vn:holder ?person ; vn:post ?post .
  FILTER NOT EXISTS { ?t vn:inferredFrom ?x }
  ?post vn:positionType ?pt ; orgo:postIn ?org .
  OPTIONAL { ?post rdfs:label ?postLabel FILTER(lang(?postLabel) = "vi") }
  OPTIONAL { ?person foaf:name ?name }
  OPTIONAL { ?t vn:startEarliest ?se } OPTIONAL { ?t vn:startLatest ?sl }
  OPTIONAL { ?t vn:endEarliest ?ee } OPTIONAL { ?t vn:endLatest ?el } OPTIONAL { ?t vn:currentAsOf ?ca }
  OPTIONAL { ?t vn:acting ?acting }
  OPTIONAL { ?org vn:validFrom ?from } OPTIONAL { ?org vn:validUntil ?until }
  OPTIONAL { ?pt vn:singleHolder ?single }
}"""


@dataclass
class T:
    iri: str
    person: str
    name: str
    post: str
    post_label: str
    single: bool
    se: date | None = None
    sl: date | None = None
    ee: date | None = None
    el: date | None = None
    ca: date | None = None
    acting: bool = False
    org_from: date | None = None
    org_until: date | None = None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def definite_end(self) -> date | None:
        """Last day the tenure certainly ran: its end's earliest day, else its current-as-of, else its start."""
        return self.ee or self.ca or self.sl

    def span(self) -> str:
        s = self.se.isoformat() if self.se else "?"
        e = self.ee.isoformat() if self.ee else (f"current {self.ca}" if self.ca else "?")
        return f"{s} – {e}"


@dataclass
class ConsistencyReport:
    issues: list[dict] = field(default_factory=list)     # {kind, post, detail, tenures: [ids], persons: [names]}
    unverifiable: Counter = field(default_factory=Counter)
    checked: Counter = field(default_factory=Counter)

    def counts(self) -> Counter:
        return Counter(i["kind"] for i in self.issues)

    def to_json(self) -> dict:
        return {"counts": dict(self.counts()), "checked": dict(self.checked),
                "unverifiable": dict(self.unverifiable), "issues": self.issues}

    def to_text(self, limit: int = 20) -> str:
        lines = ["consistency of imported tenures",
                 "checked: " + ", ".join(f"{k} {v}" for k, v in sorted(self.checked.items()))]
        by = defaultdict(list)
        for i in self.issues:
            by[i["kind"]].append(i)
        if not self.issues:
            lines.append("no inconsistency found")
        for kind in sorted(by):
            lines.append(f"{kind}: {len(by[kind])}")
            for i in by[kind][:limit]:
                lines.append(f"  {i['post']}: {i['detail']}")
            if len(by[kind]) > limit:
                lines.append(f"  … and {len(by[kind]) - limit} more")
        if self.unverifiable:
            lines.append("unverifiable succession claims (named person has no term on that post): "
                         + ", ".join(f"{k} {v}" for k, v in sorted(self.unverifiable.items())))
        return "\n".join(lines)


def _key(name: str) -> str:
    return fold(re.sub(r"\s*\([^)]*\)\s*$", "", name or ""))


def _d(v: str | None) -> date | None:
    return date.fromisoformat(v[:10]) if v else None


def tenures(store) -> list[T]:
    out: dict[str, T] = {}
    for r in store.select(_TENURES):
        t = out.get(r["t"])
        if t is None:
            t = out[r["t"]] = T(r["t"], r["person"], r["name"] or r["person"].rsplit("/", 1)[-1], r["post"],
                                r["postLabel"] or r["post"].rsplit("/", 1)[-1], r["single"] == "true")
        t.se = min(filter(None, (t.se, _d(r["se"]))), default=None)
        t.sl = max(filter(None, (t.sl, _d(r["sl"]))), default=None) if t.sl or r["sl"] else None
        t.ee = min(filter(None, (t.ee, _d(r["ee"]))), default=None)
        t.el = max(filter(None, (t.el, _d(r["el"]))), default=None)
        t.ca = max(filter(None, (t.ca, _d(r["ca"]))), default=None)
        t.acting = t.acting or r["acting"] == "true"
        t.org_from, t.org_until = _d(r["from"]), _d(r["until"])
    return list(out.values())


def load_claims(store, claims=None) -> list[dict]:
    if isinstance(claims, list):
        return claims
    paths: list[Path] = []
    if claims is not None:
        p = Path(claims)
        paths = sorted(p.glob("*.succession.jsonl")) if p.is_dir() else [p]
    else:
        d = imports_dir(store)
        if d and d.exists():
            paths = sorted(d.glob("*.succession.jsonl"))
    out = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def consistency(store, claims=None) -> ConsistencyReport:
    """Run the three checks over the store (and the succession claims); see the module doc."""
    rep = ConsistencyReport()
    ts = tenures(store)
    by_post: dict[str, list[T]] = defaultdict(list)
    for t in ts:
        by_post[t.post].append(t)
    _lifetime(ts, rep)
    _single_holder(by_post, rep)
    _chains(ts, by_post, load_claims(store, claims), rep)
    return rep


def _issue(rep, kind, t: T, detail, others=()) -> None:
    rep.issues.append({"kind": kind, "post": t.post_label, "detail": detail,
                       "tenures": [t.id] + [o.id for o in others], "persons": [t.name] + [o.name for o in others]})


def _lifetime(ts: list[T], rep: ConsistencyReport) -> None:
    rep.checked["tenures"] = len(ts)
    for t in ts:
        if t.org_from and t.sl and t.sl < t.org_from:
            _issue(rep, "before-organization", t, f"{t.name} ({t.span()}) began before the organization existed "
                   f"(from {t.org_from})")
        if t.org_until:
            if t.ee and t.ee - t.org_until > _GRACE:
                _issue(rep, "after-organization", t, f"{t.name} ({t.span()}) ended after the organization ended "
                       f"({t.org_until})")
            elif not t.ee and t.ca and t.ca > t.org_until:
                _issue(rep, "after-organization", t, f"{t.name} is current on {t.ca}, after the organization "
                       f"ended ({t.org_until})")


def _single_holder(by_post: dict[str, list[T]], rep: ConsistencyReport) -> None:
    n = 0
    for post, items in by_post.items():
        items = [t for t in items if t.single and not t.acting and t.sl and t.definite_end]
        if len(items) < 2:
            continue
        n += 1
        items.sort(key=lambda t: t.sl)
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b.sl > a.definite_end:
                    continue
                if a.person == b.person:
                    continue
                overlap = min(a.definite_end, b.definite_end) - max(a.sl, b.sl)
                if overlap > _GRACE:
                    _issue(rep, "single-holder-overlap", a, f"{a.name} ({a.span()}) and {b.name} ({b.span()}) "
                           f"both held it for {overlap.days} days", [b])
    rep.checked["single-holder posts with 2+ dated tenures"] = n


def _chains(ts: list[T], by_post: dict[str, list[T]], claims: list[dict], rep: ConsistencyReport) -> None:
    by_id = {t.id: t for t in ts}
    claim_of = {c["tenure"]: c for c in claims}
    rep.checked["succession claims"] = len(claims)
    for c in claims:
        t = by_id.get(c["tenure"])
        if t is None:
            continue
        if not t.single:   # posts with several holders at once have no chain to check
            rep.unverifiable["post has several holders"] += 1
            continue
        for role in ("predecessor", "successor"):
            name = c.get(role)
            if not name:
                continue
            key = _key(name)
            cands = [o for o in by_post[t.post] if o.person != t.person and _key(o.name) == key]
            if not cands:
                rep.unverifiable[role] += 1
                continue
            if role == "predecessor":
                before = [o for o in cands if o.se and t.se and o.se <= t.se]
                o = max(before, key=lambda o: o.se) if before else cands[0]
                if o.se and t.sl and o.se > t.sl:
                    _issue(rep, "chain-order", t, f"{t.name} ({t.span()}) names {o.name} ({o.span()}) as predecessor, "
                           "who started later", [o])
                elif o.ee and t.sl and o.ee - t.sl > _GRACE:
                    _issue(rep, "chain-overlap", t, f"{t.name} ({t.span()}) names {o.name} as predecessor, whose term "
                           f"({o.span()}) ends {(o.ee - t.sl).days} days after this one began", [o])
            else:
                after = [o for o in cands if o.se and t.se and o.se >= t.se]
                o = min(after, key=lambda o: o.se) if after else cands[0]
                if o.sl and t.se and o.sl < t.se:
                    _issue(rep, "chain-order", t, f"{t.name} ({t.span()}) names {o.name} ({o.span()}) as successor, "
                           "who started earlier", [o])
                elif t.ee and o.sl and t.ee - o.sl > _GRACE:
                    _issue(rep, "chain-overlap", t, f"{t.name} ({t.span()}) names {o.name} as successor, who began "
                           f"({o.span()}) {(t.ee - o.sl).days} days before this term ended", [o])
                back = claim_of.get(o.id)
                if back and back.get("predecessor") and _key(back["predecessor"]) != _key(t.name):
                    _issue(rep, "chain-disagreement", t, f"{t.name} names {o.name} as successor, but {o.name} names "
                           f"{back['predecessor']} as predecessor", [o])
