"""Who is who across articles (issue item 3): same person only with evidence; merges are logged and reversible.

A mention's facts give a profile: folded name, provinces (the province of every resolved unit, or "tw" for
national bodies), posts (position + organization type + place) and the date. Two profiles are the same person
when the names fold equal **and** they share a province or a post **and** their dates are at most
:data:`MAX_YEARS` apart. Otherwise a new id is made: ``<slug(name)>--<province initials><counter>``
(``cu-ngoc-cuong--bk01``: Bắc Kạn, first of that name), ``tw`` for national posts, ``xx`` when nothing is known.

Every merge (a mention given an existing id) is written to the merge log (JSON Lines) with its evidence and the
id the mention would have had otherwise; :func:`undo_merge` rewrites records to that id.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..normalize import fold, slug

MAX_YEARS = 25


@dataclass
class Profile:
    id: str
    name: str
    provinces: set[str] = field(default_factory=set)
    posts: set[tuple] = field(default_factory=set)
    years: set[int] = field(default_factory=set)


def _initials(place_slug: str) -> str:
    return "".join(w[0] for w in place_slug.split("-") if w)[:4] or "xx"


class Identity:
    def __init__(self, gazetteer=None):
        from ..gazetteer import Gazetteer
        self.gaz = gazetteer or Gazetteer.default()
        self.by_name: dict[str, list[Profile]] = {}
        self.ids: set[str] = set()
        self.log: list[dict] = []

    # -- known persons ----------------------------------------------------------------------------
    def add_known(self, pid: str, name: str, provinces=(), posts=(), years=()) -> None:
        p = Profile(pid, name, set(provinces), set(posts), set(years))
        self.by_name.setdefault(fold(name), []).append(p)
        self.ids.add(pid)

    def load_store(self, store) -> None:
        """Persons already in the store, with the provinces, posts and years of their facts."""
        from ..vocab import NS
        rows = store.select("""SELECT ?p ?name ?u ?pos ?ot ?d WHERE {
            ?p a vn:Person ; foaf:name ?name .
            OPTIONAL { ?f vn:holder ?p ; vn:post ?post . ?post vn:positionType ?pos ; orgo:postIn ?o .
                       OPTIONAL { ?o vn:orgType ?ot } OPTIONAL { ?o vn:jurisdiction ?u }
                       OPTIONAL { ?f vn:attestedOn|vn:currentAsOf|vn:startLatest|vn:start ?d } } }""")
        prof: dict[str, Profile] = {}
        for r in rows:
            pid = r["p"][len(NS["per"]):]
            p = prof.setdefault(pid, Profile(pid, r["name"]))
            prov = self.province_of(r["u"][len(NS["au"]):]) if r["u"] else ("tw" if r["pos"] else "")
            if prov:
                p.provinces.add(prov)
            if r["pos"]:
                p.posts.add((r["pos"].rsplit("/", 1)[-1], (r["ot"] or "").rsplit("/", 1)[-1], prov))
            if r["d"]:
                try:
                    p.years.add(int(str(r["d"])[:4]))
                except ValueError:
                    pass
        for p in prof.values():
            self.by_name.setdefault(fold(p.name), []).append(p)
            self.ids.add(p.id)

    def province_of(self, unit_id: str) -> str:
        try:
            u = self.gaz.get(unit_id)
        except KeyError:
            return ""
        if u.level == "province":
            return u.id
        anc = [a for a in self.gaz.ancestors(unit_id) if a.level == "province"]
        return anc[0].id if anc else u.id

    # -- resolving a mention ------------------------------------------------------------------------
    def resolve(self, name: str, facts, *, doc: str = "", when: str = "") -> str:
        """The person id for a mention of ``name`` with these facts (kg.extract.Fact)."""
        provinces, posts = set(), set()
        for f in facts:
            if f.kind == "rank":
                continue
            prov = self.province_of(f.unit_id) if f.unit_id else ("tw" if f.org_type and not f.place else "")
            provinces.add(prov)
            posts.add((f.position, f.org_type, prov))
        provinces.discard("")
        year = int(when[:4]) if when[:4].isdigit() else None
        cands = []
        for p in self.by_name.get(fold(name), []):
            shared_prov = provinces & p.provinces
            shared_post = posts & p.posts
            if not (shared_prov or shared_post):
                continue
            if year and p.years and min(abs(year - y) for y in p.years) > MAX_YEARS:
                continue
            cands.append((p, shared_prov, shared_post))
        new_id = self._new_id(name, provinces)
        if len(cands) == 1:
            p, sp, spost = cands[0]
            self.log.append({"op": "merge", "person": p.id, "name": name, "doc": doc, "date": when,
                             "evidence": {"provinces": sorted(sp), "posts": sorted("/".join(x) for x in spost)},
                             "undo": {"person": new_id}})
            p.provinces |= provinces
            p.posts |= posts
            if year:
                p.years.add(year)
            return p.id
        if len(cands) > 1:
            self.log.append({"op": "ambiguous", "name": name, "doc": doc, "candidates": [c[0].id for c in cands],
                             "person": new_id})
        self.ids.add(new_id)
        self.by_name.setdefault(fold(name), []).append(Profile(new_id, name, provinces, posts,
                                                               {year} if year else set()))
        return new_id

    def _new_id(self, name: str, provinces: set[str]) -> str:
        prov = sorted(p for p in provinces if p != "tw")
        if prov:
            try:
                u = self.gaz.get(prov[0])
                pre = _initials(slug(u.short_name or u.name))
            except KeyError:
                pre = "xx"
        else:
            pre = "tw" if provinces else "xx"
        base = slug(name) or "unknown"
        k = 1
        while f"{base}--{pre}{k:02d}" in self.ids:
            k += 1
        return f"{base}--{pre}{k:02d}"

    def write_log(self, path: str | Path) -> None:
        if not self.log:
            return
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("a", encoding="utf-8") as fh:
            for e in self.log:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")


def undo_merge(records: list[dict], entry: dict) -> list[dict]:
    """Reverse one logged merge: the records of that document about that person get the id it would have had."""
    old, new, doc = entry["person"], entry["undo"]["person"], entry.get("doc", "")
    out, added = [], False
    for r in records:
        r = dict(r)
        if r.get("person") == old and (not doc or r.get("source", "").endswith(slug(doc))):
            r["person"] = new
        if r.get("type") == "person" and r.get("id") == old and not added:
            out.append({**r, "id": new})
            added = True
        out.append(r)
    return out
