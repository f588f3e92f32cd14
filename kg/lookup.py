"""Analyst conveniences: who held a post named in plain text, and person search.

``who(store, "Bí thư Thành ủy Bắc Kạn", at=date(2023, 3, 22))`` finds the post by its
label (insensitive to tone-mark style, case and diacritics), runs the who-held
query and, when nobody held it because the organization no longer existed,
explains when it ended and names its successors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from .errors import KgError
from .normalize import ascii_fold, fold
from .queries import get_query, result_rows
from .vocab import NS


@dataclass
class WhoAnswer:
    text: str
    at: date
    posts: list[dict] = field(default_factory=list)      # {post, label, org, orgLabel, validFrom, validUntil}
    holders: list[dict] = field(default_factory=list)    # rows of who-held
    explanation: list[str] = field(default_factory=list)


def find_posts(store, text: str) -> list[dict]:
    """Posts whose label matches ``text`` (exact after folding, then diacritic-free)."""
    rows = store.select("""SELECT DISTINCT ?post ?label ?org ?orgLabel ?validFrom ?validUntil WHERE {
        ?post a orgo:Post ; (rdfs:label|skos:altLabel) ?label ; orgo:postIn ?org . FILTER(lang(?label) = "vi")
        OPTIONAL { ?org rdfs:label ?orgLabel FILTER(lang(?orgLabel) = "vi") }
        OPTIONAL { ?org vn:validFrom ?validFrom } OPTIONAL { ?org vn:validUntil ?validUntil } }""")
    key = fold(text)
    exact = [r for r in rows if fold(r["label"]) == key]
    if not exact:
        akey = ascii_fold(text)
        exact = [r for r in rows if ascii_fold(r["label"]) == akey]
    return list({r["post"]: r for r in exact}.values())


def parsed_posts(store, text: str, at: date) -> list[dict]:
    """Posts named by a title the parser understands ("Chủ tịch UBND TP Bắc Kạn"), at ``at`` or,
    when the place no longer existed then, at any time (so an ended organization can be explained)."""
    from .ids import org_id, post_id
    from .titles import parse_title
    for when in (at, None):
        t = parse_title(text, at=when)
        if t.ok and t.position and t.org_type:
            unit = store.gazetteer.units.get(t.unit_id) if t.unit_id else None
            pid = NS["post"] + post_id(t.position, org_id(t.org_type, unit, t.unit or None))
            rows = store.select("""SELECT ?label ?org ?orgLabel ?validFrom ?validUntil WHERE {
                ?post skos:prefLabel ?label ; orgo:postIn ?org . OPTIONAL { ?org rdfs:label ?orgLabel
                FILTER(lang(?orgLabel) = "vi") } OPTIONAL { ?org vn:validFrom ?validFrom }
                OPTIONAL { ?org vn:validUntil ?validUntil } } LIMIT 1""", {"post": ox.NamedNode(pid)})
            if rows:
                return [dict(rows[0], post=pid)]
    return []


def successors(store, iri: str) -> list[dict]:
    q = get_query("successors-of")
    names, rows = result_rows(store.query(q.text, {"entity": ox.NamedNode(iri)}))
    return [dict(zip(names, r)) for r in rows]


def who(store, text: str, at: date) -> WhoAnswer:
    ans = WhoAnswer(text, at)
    posts = [{"post": text, "label": text}] if text.startswith(NS["post"]) else find_posts(store, text)
    if not posts:
        posts = parsed_posts(store, text, at)
    if not posts:
        raise KgError(f"no post called '{text}' in the store; try `kg query who-held` with a post IRI, "
                      "or `kg sparql` to list posts")
    ans.posts = posts
    q = get_query("who-held")
    lit_at = ox.Literal(at.isoformat(), datatype=ox.NamedNode(NS["xsd"] + "date"))
    for p in posts:
        names, rows = result_rows(store.query(q.text, {"post": ox.NamedNode(p["post"]), "at": lit_at}))
        ans.holders += [dict(zip(names, r)) for r in rows]
    if not ans.holders:
        for p in posts:
            until = p.get("validUntil")
            start = p.get("validFrom")
            label = p.get("orgLabel") or p.get("org")
            if until and date.fromisoformat(until) < at:
                ans.explanation.append(f"{label} ceased to exist on {until}, before {at}.")
                succ = successors(store, p["org"])
                if succ:
                    names = "; ".join(f"{s['successorLabel'] or s['successor']} ({s['successor']})" for s in succ)
                    ans.explanation.append(f"Its successors ({succ[0]['changeType'] or 'change'} on "
                                           f"{succ[0]['date']}): {names}.")
                else:
                    ans.explanation.append("No successor organization is recorded.")
                    units = store.select("SELECT ?u WHERE { ?o vn:jurisdiction ?u }", {"o": ox.NamedNode(p["org"])})
                    for u in units:
                        usucc = successors(store, u["u"])
                        if usucc:
                            names = "; ".join(f"{x['successorLabel'] or x['successor']}" for x in usucc)
                            ans.explanation.append(f"Its territory passed on {usucc[0]['date']} to: {names}.")
            elif start and date.fromisoformat(start) > at:
                ans.explanation.append(f"{label} did not exist yet on {at}: it began on {start}.")
            else:
                ans.explanation.append(f"No tenure or attestation of {p['label']} covers {at} in the store.")
    return ans


def find_persons(store, name: str) -> list[dict]:
    """Persons whose name contains ``name``, insensitive to diacritics and tone-mark style."""
    return store.select("""SELECT ?person ?name (SAMPLE(?b) AS ?birth) WHERE {
        ?person a vn:Person ; foaf:name ?name ; vn:nameKey ?key . FILTER(CONTAINS(?key, ?q))
        OPTIONAL { ?person vn:birthDate ?b } } GROUP BY ?person ?name ORDER BY ?name""",
                        {"q": ox.Literal(ascii_fold(name))})
