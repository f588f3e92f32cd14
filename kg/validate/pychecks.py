"""Python checks: only what SPARQL cannot express cleanly, generic over the ontology and the catalogue.

Each check takes (engine, rule, ctx) and returns result rows: dicts of placeholder values for the rule's
messages, with ``_facts`` (list of {fact, source}) for the conflicting facts.
"""
from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from ..temporal import PDate
from ..vocab import NS, VN
from .engines import inject

CHECKS = {}


def check(name):
    def deco(f):
        CHECKS[name] = f
        return f
    return deco


def _unit_of(store, org) -> str | None:
    rows = store.select(inject("SELECT ?u WHERE { ?o vn:jurisdiction ?u }", {"o": org}))
    return rows[0]["u"][len(NS["au"]):] if rows else None


def _classes(store, org) -> set[str]:
    return {r["c"][len(VN):] for r in store.select(inject("SELECT DISTINCT ?c WHERE { ?o a ?c }", {"o": org}))
            if r["c"].startswith(VN)}


def _types(store, org) -> set[str]:
    return {r["t"][len(NS["ot"]):] for r in store.select(inject("SELECT ?t WHERE { ?o vn:orgType ?t }", {"o": org}))}


def _linked(store, org, prop: str, auth) -> bool:
    return store.ask(inject(f"ASK {{ ?o {prop} ?a }}", {"o": org, "a": auth}))


@check("references")
def references(engine, rule, ctx):
    rows = []
    for e in ctx.builder_errors:
        rows.append({"field": e.field or "record", "reason": e.reason + (f" (hint: {e.hint})" if e.hint else ""),
                     "_facts": [{"fact": str(e), "source": f"{e.file}:{e.line}" if e.line else e.file}]})
    return rows


def _entries(engine, ctx, *, dated: bool):
    store = engine.store
    org = ctx.facts.get("org")
    classes = _classes(store, org) if org is not None else set()
    return [a for a in engine.catalogue.authority
            if a.in_scope(ctx.local("dt"), ctx.local("pt"), classes, ctx.local("ot"), ctx.day if dated else None)]


def _relation_ok(engine, ctx, relation: str) -> bool:
    store, org, auth = engine.store, ctx.facts.get("org"), ctx.facts["auth"]
    if relation == "any":
        return True
    if relation == "same":
        return org == auth
    if relation == "elected-from":
        return org is not None and _linked(store, org, "vn:electedFrom", auth)
    if relation == "organ-of":
        return org is not None and _linked(store, org, "vn:organOf", auth)
    au, ou = _unit_of(store, auth), (_unit_of(store, org) if org is not None else None)
    if relation == "central":
        return au is None
    if au is None or ou is None:
        return False
    if relation == "same-unit":
        return au == ou and org != auth
    if relation == "parent-unit":
        return au in {u.id for u in store.gazetteer.ancestors(ou)}
    return False


@check("authority")
def authority(engine, rule, ctx):
    entries = _entries(engine, ctx, dated=True)
    if not entries:
        return []
    auth = ctx.facts["auth"]
    a_classes, a_types = _classes(engine.store, auth), _types(engine.store, auth)
    expected = []
    for e in entries:
        for alt in e.by:
            cls, typ = set(alt.get("classes", [])), set(alt.get("types", []))
            kind_ok = (not cls and not typ) or bool(a_classes & cls) or bool(a_types & typ)
            if kind_ok and _relation_ok(engine, ctx, alt["relation"]):
                return []
            expected.append(f"{alt['relation']} {'/'.join(sorted(cls | typ)) or 'organization'}")
    key = entries[0].source
    for s_ in entries[0].sources:
        f, u = s_.get("from"), s_.get("until")
        if (f is None or str(ctx.day) >= str(f)) and (u is None or str(ctx.day) <= str(u)):
            key = s_["source"]
    src = engine.catalogue.sources[key]
    return [{"expected": "; ".join(dict.fromkeys(expected)),
             "_facts": [{"fact": f"competence entries: {', '.join(e.id for e in entries)}",
                         "source": "ontology/rules/catalogue.yaml (authority)"},
                        {"fact": f"{engine.labels(auth)}: " + ", ".join(sorted(a_classes | a_types)),
                         "source": "store"},
                        {"fact": src.vi, "source": src.ref}]}]


@check("authority_known")
def authority_known(engine, rule, ctx):
    if "dt" not in ctx.facts:
        return []
    if _entries(engine, ctx, dated=False):
        return []
    return [{"_facts": []}]


@check("jurisdiction")
def jurisdiction(engine, rule, ctx):
    store = engine.store
    au, ou = _unit_of(store, ctx.facts["auth"]), _unit_of(store, ctx.facts["org"]) if "org" in ctx.facts else None
    if au is None or ou is None or au == ou or au in {u.id for u in store.gazetteer.ancestors(ou)}:
        return []
    g = store.gazetteer
    name = lambda uid: (g.units[uid].name if uid in g.units else uid)
    return [{"authUnit": name(au), "orgUnit": name(ou),
             "_facts": [{"fact": f"{name(ou)} ({ou}) is not within {name(au)} ({au})",
                         "source": "data/gazetteer/units.jsonl"}]}]


# ---------------------------------------------------------------------------------------------- people
def _person(engine, ctx):
    rows = engine.store.select(inject("""SELECT ?b ?g ?src WHERE { OPTIONAL { ?p vn:birthDate ?b }
        OPTIONAL { ?p foaf:gender ?g } OPTIONAL { ?p prov:wasDerivedFrom ?src } }""", {"p": ctx.facts["person"]}))
    r = rows[0] if rows else {}
    birth = PDate.parse(r["b"]) if r.get("b") else None
    return birth, r.get("g"), r.get("src")


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    import calendar
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def retirement_date(params: dict, birth: date, gender: str | None) -> date:
    """Labour Code 2019 schedule from the catalogue: the age rises by a step each year up to a maximum."""
    g = gender if gender in ("male", "female") else "male"
    p = params[g]
    months = p["base_months"]
    # the age applying to someone reaching it in year Y; iterate because the age depends on the year
    for _ in range(3):
        year = _add_months(birth, months).year
        if year < p["base_year"]:
            months = params["before_2021"][g]
        else:
            months = min(p["max_months"], p["base_months"] + p["step_months"] * (year - p["base_year"]))
    return _add_months(birth, months)


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (1 if b.day < a.day else 0)


@check("retirement_age")
def retirement_age(engine, rule, ctx):
    if not _starts_tenure(engine, ctx):  # relieving someone who is past the age is the remedy, not a problem
        return []
    birth, gender, src = _person(engine, ctx)
    if birth is None:
        return []
    retire = retirement_date(rule.params, birth.latest, gender)
    if ctx.day <= retire:
        return []
    return [{"birth": str(birth), "retire": retire.isoformat(),
             "_facts": [{"fact": f"{engine.labels(ctx.facts['person'])}: born {birth}", "source": engine.labels.source(ox.NamedNode(src)) if src else ""}]}]


def _starts_tenure(engine, ctx) -> bool:
    """Whether the decision's type starts a tenure (vn:startsTenure in ontology/decision-types.ttl)."""
    return engine.store.ask("ASK { ?d vn:decisionType/vn:startsTenure true }", {"d": ox.NamedNode(ctx.iri)})


@check("minimum_age")
def minimum_age(engine, rule, ctx):
    if not _starts_tenure(engine, ctx):
        return []
    birth, _, src = _person(engine, ctx)
    if birth is None:
        return []
    n = rule.params["min_years"]
    b = birth.earliest
    adult = date(b.year + n, b.month, 28 if (b.month == 2 and b.day == 29) else b.day)
    if ctx.day_latest >= adult:
        return []
    return [{"birth": str(birth), "min": n,
             "_facts": [{"fact": f"{engine.labels(ctx.facts['person'])}: born {birth}", "source": engine.labels.source(ox.NamedNode(src)) if src else ""}]}]


@check("age_for_committee")
def age_for_committee(engine, rule, ctx):
    org = ctx.facts.get("org")
    if org is None or not (_classes(engine.store, org) & set(rule.params["classes"])):
        return []
    birth, gender, src = _person(engine, ctx)
    if birth is None:
        return []
    a3 = engine.catalogue.rules.get("A3")
    retire = retirement_date(a3.params, birth.latest, gender)
    months = _months_between(ctx.day, retire)
    earlier = engine.store.ask(inject("""ASK { ?h vn:holder ?person ; vn:post/orgo:postIn ?org .
        FILTER(EXISTS { ?h vn:startEarliest ?s FILTER(?s < ?D) } || EXISTS { ?h vn:attestedOn ?a FILTER(STR(?a) < STR(?D)) }) }""",
                                      ctx.bindings()))
    needed = rule.params["reelected_months" if earlier else "first_time_months"]
    if months >= needed:
        return []
    return [{"birth": str(birth), "months": months, "retire": retire.isoformat(), "needed": needed,
             "_facts": [{"fact": f"{engine.labels(ctx.facts['person'])}: born {birth}, retires {retire}",
                         "source": engine.labels.source(ox.NamedNode(src)) if src else ""}]}]


@check("gender_name")
def gender_name(engine, rule, ctx):
    _, gender, src = _person(engine, ctx)
    if gender not in ("male", "female"):
        return []
    name = engine.labels(ctx.facts["person"])
    middle = name.split()[1:-1]
    for other, markers in rule.params["markers"].items():
        if other == gender:
            continue
        for m in markers:
            if m in middle:
                return [{"gender": gender, "marker": m, "expected": other,
                         "_facts": [{"fact": f"{name}: foaf:gender {gender}", "source": engine.labels.source(ox.NamedNode(src)) if src else ""}]}]
    return []


@check("rank_ceiling")
def rank_ceiling(engine, rule, ctx):
    pt, ot = ctx.local("pt"), ctx.local("ot")
    ranks = engine.store.vocab.ranks
    for c in rule.params["ceilings"]:
        if pt not in c["positions"] or ot not in c["org_types"]:
            continue
        cap = int(ranks[c["max"]].prop("rankOrder")[0])
        rows = engine.store.select(inject("""SELECT ?ra ?r ?o ?when WHERE { ?ra vn:holder ?person ; vn:rank ?r ;
            vn:attestedOn|vn:start ?when . ?r vn:rankOrder ?o } ORDER BY DESC(?o)""", ctx.bindings()))
        for r in rows:
            src = engine.store.select(inject("SELECT ?s WHERE { ?ra prov:wasDerivedFrom ?s }", {"ra": ox.NamedNode(r["ra"])}))
            r["src"] = src[0]["s"] if src else None
            if int(r["o"]) > cap:
                rk = r["r"][len(NS["rk"]):]
                return [{"rankLabel": ranks[rk].label_vi, "rankDate": r["when"] or "?", "maxLabel": ranks[c["max"]].label_vi,
                         "_facts": [{"fact": f"{engine.labels(ctx.facts['person'])}: {ranks[rk].label_vi} ({r['when']})",
                                     "source": engine.labels.source(ox.NamedNode(r["src"])) if r["src"] else ""}]}]
    return []
