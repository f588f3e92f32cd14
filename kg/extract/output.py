"""Extraction → records that ``kg load`` / Store.load accept (docs/records.md), jsonl facts, or a table."""
from __future__ import annotations

import json

from ..normalize import slug
from ..records import parent_fields
from .core import Extraction, Fact
from .identity import Identity


def source_id(doc: str) -> str:
    return "news-" + slug(doc)


def to_records(exts: list[Extraction], identity: Identity | None = None) -> tuple[list[dict], list[str]]:
    """(records, warnings). Facts without a date or without a resolvable organization are left out (warned)."""
    from ..vocab import Vocab
    vocab = Vocab.instance()
    identity = identity or Identity()
    recs: list[dict] = []
    warnings: list[str] = []
    persons: dict[str, str] = {}
    for ext in exts:
        art = ext.article
        sid = source_id(art.doc)
        note = []
        if ext.year_inferred and ext.date:
            note.append(f"year {ext.date[:4]} inferred ({ext.year_source})")
        src = {"type": "source", "id": sid, "title": (art.title or art.doc)[:300], "kind": "news"}
        for k, v in (("url", art.url), ("publisher", art.publisher), ("date", art.date or ext.date)):
            if v:
                src[k] = v
        if note:
            src["note"] = "; ".join(note)
        recs.append(src)
        if not ext.date:
            warnings.append(f"{art.doc}: no date; {len(ext.facts)} fact(s) not turned into records")
            continue
        by_person: dict[str, list[Fact]] = {}
        for f in ext.facts:
            by_person.setdefault(f.person, []).append(f)
        for name, facts in by_person.items():
            pid = identity.resolve(name, facts, doc=art.doc, when=ext.date)
            if pid not in persons:
                persons[pid] = name
                recs.append({"type": "person", "id": pid, "name": name, "source": sid})
            for f in facts:
                r = _fact_record(f, pid, sid, vocab, warnings)
                recs.extend(r)
    return recs, warnings


def _place(f: Fact) -> str | None:
    return f.unit_id or (f.place or None)


def _fact_record(f: Fact, pid: str, sid: str, vocab, warnings) -> list[dict]:
    date_ = f.date
    if f.kind == "rank":
        term = vocab.ranks.get(f.rank)
        service = "police" if term and any("Công an" in a for a in (term.label_vi,)) else "army"
        return [{"type": "rank", "person": pid, "rank": f.rank, "date": date_, "service": service, "source": sid}]
    if not f.position or f.position not in vocab.positions:
        return []
    ot = vocab.org_types.get(f.org_type)
    if ot is None:
        warnings.append(f"{f.doc}: {f.person}: {f.position} without an organization type; left out")
        return []
    base = {"person": pid, "position": f.position, "org_type": f.org_type, "source": sid}
    if ot.prop("unitType"):
        if not _place(f):
            warnings.append(f"{f.doc}: {f.person}: {f.position} {f.org_type}: place not resolved; left out")
            return []
        base["place"] = _place(f)
    if f.unit:
        base["unit_name"] = f.unit
    elif ot.flag("needsUnitName"):
        warnings.append(f"{f.doc}: {f.person}: {f.org_type} needs a unit name; left out")
        return []
    base.update(parent_fields(f))
    if f.kind == "holding":
        return [{"type": "attestation", **base, "date": date_, "status": f.status, "quote": f.quote,
                 "span": list(f.span)}]
    # decision (+ the tenure it starts)
    dt = vocab.decision_types.get(f.decision)
    if dt is None:
        return []
    did = f"{f.authority_org or 'unknown'}--le{date_}--{f.decision}--{pid}"
    dec = {"type": "decision", "id": did, "decision_type": f.decision, **base, "announced": date_}
    if f.authority_org:
        dec["authority"] = f.authority_org
    out = []
    if dt.flag("startsTenure"):
        tid = f"{pid}--{f.position}--{f.org_type}--{slug(_place(f) or f.unit or '')}--{f.decision}-{date_}"
        out.append({"type": "tenure", "id": tid, **base, "start_latest": date_, "current_as_of": date_,
                    "obtained_by": f.decision, "decision": did, "acting": f.status == "acting"})
        dec["creates"] = tid
    out.append(dec)
    return out


TABLE_FIELDS = ("kind", "person", "position", "org_type", "place", "unit", "status", "date", "decision", "span")


def to_table(exts: list[Extraction]) -> str:
    from ..queries import table
    rows = []
    for ext in exts:
        for f in ext.facts:
            d = f.to_json(fine=True)
            rows.append([ext.article.doc] + [str(d.get(k, "") if k != "decision" else (f.decision or f.rank))
                                             for k in TABLE_FIELDS])
    return table(["doc", *TABLE_FIELDS[:-2], "decision/rank", "span"], rows, max_width=40)


def to_jsonl(exts: list[Extraction], *, all_facts: bool = False) -> str:
    """One JSON object per fact in domain.md slugs; facts outside domain.md's slugs only with ``all_facts``."""
    lines = []
    for ext in exts:
        for f in ext.facts:
            if all_facts or f.in_domain():
                lines.append(json.dumps(f.to_json(), ensure_ascii=False))
    return "\n".join(lines)
