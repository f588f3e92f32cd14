"""Records → RDF quads, with every reference checked before anything is written.

:class:`Builder` resolves organization references (by id, or by type + place at
a date through the time-aware gazetteer), creates the organizations and posts
the ontology implies (a Thành ủy is an organ of its Đảng bộ, a Ban Thường vụ is
elected from its committee), and collects every problem as an
:class:`~kg.errors.InvalidRecord` instead of stopping at the first.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from pyoxigraph import Literal, NamedNode, Quad

from . import ids
from .errors import InvalidRecord
from .gazetteer import Gazetteer
from .normalize import ascii_fold
from .records import (AttestationRecord, ChangeRecord, DecisionRecord, Located, OrganizationRecord, OrgRef,
                      PersonRecord, RankRecord, SourceRecord, TenureRecord, TermRecord, UnitRecord)
from .temporal import PDate
from .vocab import NS, Vocab

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = NS["xsd"]
END_REASONS = {"organization-ended": "OrganizationEnded", "relieved": "Relieved", "retired": "Retired",
               "transferred": "Transferred", "term-ended": "TermEnded", "died": "Died", "disciplined": "Disciplined"}
CHANGE_CLASSES = {"merger": "Merger", "absorption": "Absorption", "split": "Split", "dissolution": "Dissolution",
                  "cessation": "Cessation", "rename": "Rename", "establishment": "Establishment",
                  "reassignment": "Reassignment"}


def N(prefix: str, local: str) -> NamedNode:
    return NamedNode(NS[prefix] + local)


def lit(value, kind: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(str(value), language=lang)
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    if isinstance(value, PDate):
        return Literal(str(value), datatype=NamedNode(XSD + value.xsd_type))
    return Literal(str(value), datatype=NamedNode(XSD + kind)) if kind else Literal(str(value))


@dataclass
class OrgInfo:
    """What the builder knows of an organization: enough to label posts and check dates."""
    id: str
    org_type: str | None
    label_vi: str
    label_en: str
    valid_from: date | None = None
    valid_until: date | None = None
    unit: object = None
    unit_name: str | None = None
    explicit: bool = False
    alt_labels: tuple[str, ...] = ()
    parent: "OrgInfo | None" = None     # the named body it is a unit of ("Vụ Pháp chế" of the Ministry of Health)


@dataclass
class Builder:
    """Turn located records into quads in ``graph``; ``known(kind, id)`` asks the store."""
    graph: NamedNode
    vocab: Vocab
    gazetteer: Gazetteer
    known: Callable[[str, str], bool] = lambda kind, id: False
    store_org: Callable[[str], "OrgInfo | None"] = lambda id: None
    default_source: str | None = None
    # With `kg load --force`, decisions that break a rule are loaded (and flagged) instead of refused;
    # the rule checks of kg.validate report them.
    strict_decisions: bool = True
    quads: list[Quad] = field(default_factory=list)
    errors: list[InvalidRecord] = field(default_factory=list)
    orgs: dict[str, OrgInfo] = field(default_factory=dict)
    _declared: dict[str, set[str]] = field(default_factory=dict)
    _emitted_orgs: set[str] = field(default_factory=set)
    _emitted_posts: set[str] = field(default_factory=set)
    _emitted_terms: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        # Unit type words ("thành phố thuộc tỉnh", "huyện", "tỉnh"), longest first, for naming instances.
        self._unit_words = sorted({w.lower() for ut in self.vocab.unit_types.values()
                                   for w in (ut.label_vi, *ut.alt_labels) if len(w) > 2 and " " in w or len(w) > 3
                                   and not w.isupper()}, key=len, reverse=True)
        self._elected_from: dict[str, list] = {}
        for t in self.vocab.org_types.values():
            for src in t.prop("electedFromType"):
                self._elected_from.setdefault(src, []).append(t)

    # -- plumbing ---------------------------------------------------------------------------------
    def add(self, s: NamedNode, p: str, o) -> None:
        if p == "rdf:type":
            self.quads.append(Quad(s, RDF_TYPE, o, self.graph))
            return
        prefix, local = p.split(":", 1)
        self.quads.append(Quad(s, NamedNode(NS[prefix] + local), o, self.graph))

    def error(self, loc: Located, field_: str | None, reason: str, hint: str | None = None) -> None:
        self.errors.append(InvalidRecord(loc.file, loc.line, field_, reason, hint))

    def exists(self, kind: str, id_: str) -> bool:
        return id_ in self._declared.get(kind, set()) or self.known(kind, id_)

    def _hint_id(self, kind: str, id_: str) -> str | None:
        close = difflib.get_close_matches(id_, sorted(self._declared.get(kind, set())), n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'?" if close else f"declare the {kind} in a record, or load it first"

    def labels(self, s: NamedNode, vi: str | None, en: str | None = None, alts: Iterable[str] = ()) -> None:
        if vi:
            self.add(s, "rdfs:label", lit(vi, lang="vi"))
            self.add(s, "skos:prefLabel", lit(vi, lang="vi"))
        if en:
            self.add(s, "rdfs:label", lit(en, lang="en"))
        for a in alts:
            self.add(s, "skos:altLabel", lit(a, lang="vi"))

    def provenance(self, s: NamedNode, rec) -> None:
        src = rec.source or self.default_source
        if src:
            self.add(s, "prov:wasDerivedFrom", N("src", src))

    # -- building ---------------------------------------------------------------------------------
    def build(self, located: list[Located]) -> None:
        """First declare every id in the batch (so order does not matter), then emit."""
        for loc in located:
            r = loc.record
            rid = getattr(r, "id", None)
            if isinstance(r, (OrganizationRecord,)) and not rid and r.org_type:
                continue  # resolved later by type + place
            if rid:
                self._declared.setdefault(r.type, set()).add(rid)
        # Units and sources first: organizations are resolved against them.
        order = {"source": 0, "unit": 1, "change": 9, "organization": 2, "term": 3, "person": 3}
        for loc in sorted(located, key=lambda l: order.get(l.record.type, 5)):
            getattr(self, "_" + loc.record.type)(loc)

    def _source(self, loc: Located) -> None:
        r: SourceRecord = loc.record
        s = N("src", r.id)
        self.add(s, "rdf:type", N("vn", "Source"))
        if r.title:
            self.add(s, "dcterms:title", lit(r.title, lang="vi"))
            self.add(s, "rdfs:label", lit(r.title, lang="vi"))
        for f, p in (("url", "foaf:page"), ("publisher", "dcterms:publisher"), ("kind", "vn:sourceKind"),
                     ("licence", "dcterms:license"), ("note", "rdfs:comment")):
            if getattr(r, f):
                self.add(s, p, lit(getattr(r, f)))
        if r.date:
            self.add(s, "dcterms:date", lit(PDate.parse(r.date)))

    def _unit(self, loc: Located) -> None:
        r: UnitRecord = loc.record
        if r.unit_type not in self.vocab.unit_types:
            return self.error(loc, "unit_type", f"unknown unit type '{r.unit_type}'",
                              self._did_you_mean("unit_type", r.unit_type))
        if r.parent and not (self.exists("unit", r.parent) or self.gazetteer.units.get(r.parent)):
            return self.error(loc, "parent", f"unknown unit id '{r.parent}'", self._hint_id("unit", r.parent))
        if not self._interval_ok(loc, r.valid_from, r.valid_until, "valid_from", "valid_until"):
            return
        s = N("au", r.id)
        self.add(s, "rdf:type", N("vn", "AdministrativeUnit"))
        self.add(s, "vn:unitType", N("ut", r.unit_type))
        self.labels(s, r.name, None, r.alt_names)
        if r.short_name:
            self.add(s, "vn:shortName", lit(r.short_name, lang="vi"))
        if r.code:
            self.add(s, "vn:gsoCode", lit(r.code))
        if r.parent:
            self.add(s, "vn:partOf", N("au", r.parent))
        for f in ("valid_from", "valid_until"):
            if getattr(r, f):
                self.add(s, "vn:" + ("validFrom" if f == "valid_from" else "validUntil"),
                         lit(PDate.parse(getattr(r, f)).earliest if f == "valid_from" else PDate.parse(r.valid_until).latest))
        self.provenance(s, r)

    def _change(self, loc: Located) -> None:
        r: ChangeRecord = loc.record
        for f in ("original_units", "resulting_units"):
            for u in getattr(r, f):
                if not (self.exists("unit", u) or self.gazetteer.units.get(u)):
                    return self.error(loc, f, f"unknown unit id '{u}'", self._hint_id("unit", u))
        infos = {}
        for f in ("original_orgs", "resulting_orgs"):
            for o in getattr(r, f):
                info = self.resolve_org_id(o)
                if info is None:
                    return self.error(loc, f, f"unknown organization id '{o}'", self._hint_id("organization", o))
                infos[o] = info
        s = N("chg", r.id)
        self.add(s, "rdf:type", N("vn", CHANGE_CLASSES[r.change_type]))
        self.add(s, "vn:date", lit(PDate.parse(r.date)))
        self.labels(s, f"{r.change_type} {r.date}", f"{r.change_type} {r.date}")
        if r.legal_date:
            self.add(s, "vn:legalEffectiveDate", lit(PDate.parse(r.legal_date)))
        if r.legal_act:
            self.add(s, "vn:legalAct", lit(r.legal_act))
        for u in r.original_units:
            self.add(s, "vn:originalUnit", N("au", u))
        for u in r.resulting_units:
            self.add(s, "vn:resultingUnit", N("au", u))
        for o in r.original_orgs:
            self.add(s, "orgo:originalOrganization", N("org", self.emit_org(infos[o])))
        for o in r.resulting_orgs:
            self.add(s, "orgo:resultingOrganization", N("org", self.emit_org(infos[o])))
        self.provenance(s, r)

    # -- organizations ----------------------------------------------------------------------------
    def _did_you_mean(self, kind: str, value: str) -> str | None:
        s = self.vocab.suggest(kind, value)
        return f"did you mean '{s}'?" if s else None

    def auto_org(self, org_type: str, unit=None, unit_name: str | None = None,
                 parent: OrgInfo | None = None) -> OrgInfo:
        """The organization of a type on a unit (within ``parent``), as the ontology describes it (not yet
        emitted)."""
        ot = self.vocab.org_types[org_type]
        oid = ids.org_id(org_type, unit, unit_name, parent.id if parent else None)
        if oid in self.orgs:
            return self.orgs[oid]
        stored = self.store_org(oid)
        if stored:
            self.orgs[oid] = stored
            return stored
        vi, alts = self.instance_labels(org_type, unit, unit_name)
        place = (unit.short_name or unit.name) if unit is not None else ""
        en = " ".join(x for x in (place, unit_name, ot.label_en) if x)
        if parent is not None:      # "Vụ Pháp chế, Bộ Y tế"
            vi, en = f"{vi}, {parent.label_vi}", f"{en}, {parent.label_en}"
            alts = tuple(f"{a}, {parent.label_vi}" for a in alts)
        active_until = ot.prop("activeUntil")
        valid_until = unit.valid_until if unit is not None else None
        if active_until and (valid_until is None or date.fromisoformat(active_until[0]) < valid_until):
            valid_until = date.fromisoformat(active_until[0])
        info = OrgInfo(oid, org_type, vi, en, unit.valid_from if unit is not None else None, valid_until,
                       unit, unit_name, alt_labels=alts, parent=parent)
        self.orgs[oid] = info
        return info

    def instance_labels(self, org_type: str, unit=None, unit_name: str | None = None) -> tuple[str, tuple[str, ...]]:
        """Name an organization from its type's labels and its unit.

        "Hội đồng nhân dân thành phố thuộc tỉnh" on Thành phố Bắc Kạn → "Hội đồng nhân dân thành phố
        Bắc Kạn"; "Tỉnh ủy" → "Tỉnh ủy Bắc Kạn"; the type's altLabels ("Thành ủy", "HĐND thành phố")
        give the alternative names.
        """
        ot = self.vocab.org_types[org_type]

        def name(label: str) -> str:
            parts = [label] + ([unit_name] if unit_name else [])
            if unit is None:
                return " ".join(parts)
            words = self._unit_words
            low = parts[0].lower()
            for w in words:
                if low.endswith(" " + w):  # the type word names the unit: use the unit's own name
                    unit_full = unit.name[0].lower() + unit.name[1:]
                    return " ".join([parts[0][: -len(w)].rstrip()] + parts[1:] + [unit_full])
            return " ".join(parts + [unit.short_name or unit.name])

        head = ot.prop("nameHead") if unit_name else ()
        vi = name(head[0] if head else ot.label_vi)     # "Vụ Pháp chế", not "Vụ thuộc Bộ, … Pháp chế"
        alts = tuple(dict.fromkeys(name(a) for a in (ot.label_vi, *ot.alt_labels)
                                   if any(c.islower() for c in a) and name(a) != vi))
        return vi, alts

    def emit_org(self, info: OrgInfo, depth: int = 0) -> str:
        """Emit an organization and the structure its type implies (organ of, elected from, parent)."""
        if info.id in self._emitted_orgs or (not info.explicit and self.known("organization", info.id)):
            return info.id
        self._emitted_orgs.add(info.id)
        s = N("org", info.id)
        self.add(s, "rdf:type", N("orgo", "Organization"))
        if info.org_type:
            ot = self.vocab.org_types[info.org_type]
            self.add(s, "vn:orgType", N("ot", info.org_type))
            for cls in ot.prop("orgClass"):
                self.add(s, "rdf:type", N("vn", cls) if not cls.startswith("http") else NamedNode(cls))
        self.labels(s, info.label_vi, info.label_en, info.alt_labels)
        if info.unit is not None:
            self.add(s, "vn:jurisdiction", N("au", info.unit.id))
        if info.unit_name:
            self.add(s, "vn:unitName", lit(info.unit_name, lang="vi"))
        if info.parent is not None:
            self.add(s, "orgo:subOrganizationOf", N("org", self.emit_org(info.parent, depth + 1)))
        if info.valid_from:
            self.add(s, "vn:validFrom", lit(info.valid_from))
        if info.valid_until:
            self.add(s, "vn:validUntil", lit(info.valid_until))
        if info.org_type and info.unit is not None and depth < 4 and not info.explicit:
            self._emit_structure(s, info, depth)
        return info.id

    def _emit_structure(self, s: NamedNode, info: OrgInfo, depth: int) -> None:
        ot = self.vocab.org_types[info.org_type]
        for prop, target_type in (("vn:organOf", "organOfType"), ("vn:electedFrom", "electedFromType")):
            for t in ot.prop(target_type):
                if t in self.vocab.org_types:
                    self.add(s, prop, N("org", self.emit_org(self.auto_org(t, info.unit), depth + 1)))
        # The parent is the organization of a parent type on the nearest enclosing unit.
        parents = [self.vocab.org_types[t] for t in ot.prop("parentType") if t in self.vocab.org_types]
        national = [p for p in parents if not p.prop("unitType")]
        done = False
        for anc in self.gazetteer.ancestors(info.unit.id):
            for pt in parents:
                if anc.unit_type in pt.prop("unitType"):
                    self.add(s, "orgo:subOrganizationOf", N("org", self.emit_org(self.auto_org(pt.slug, anc), depth + 1)))
                    done = True
                    break
            if done:
                break
        if not done and national:
            self.add(s, "orgo:subOrganizationOf", N("org", self.emit_org(self.auto_org(national[0].slug), depth + 1)))
        # Bodies elected from this one on the same unit (the Ban Thường vụ of a Tỉnh ủy).
        for other in self._elected_from.get(info.org_type, ()):
            if info.unit.unit_type in other.prop("unitType"):
                self.emit_org(self.auto_org(other.slug, info.unit), depth + 1)

    def resolve_org_id(self, oid: str) -> OrgInfo | None:
        """An organization id: declared, stored, or derivable (``<type>--<place>--<code>``)."""
        if oid in self.orgs:
            return self.orgs[oid]
        stored = self.store_org(oid)
        if stored:
            self.orgs[oid] = stored
            return stored
        parts = oid.split("--")
        if parts[0] in self.vocab.org_types:
            ot = self.vocab.org_types[parts[0]]
            if not ot.prop("unitType") and len(parts) <= 2:
                return self.auto_org(parts[0], None, parts[1] if len(parts) == 2 else None) if len(parts) == 1 \
                    else None
            if len(parts) in (3, 4):
                code = parts[-1]
                uid = code[:-5] + "@2025" if code.endswith("-2025") else code + "@pre2025"
                unit = self.gazetteer.units.get(uid)
                if unit is not None and (len(parts) == 3 and ids.org_id(parts[0], unit) == oid):
                    return self.auto_org(parts[0], unit)
        return None

    def resolve_ref(self, loc: Located, ref: OrgRef, at: date | None) -> OrgInfo | None:
        """Resolve ``org`` or ``org_type`` + ``place`` (+ ``unit_name``, + the parent body) at date ``at``."""
        parent = None
        if ref.parent_org_type and not ref.org:
            pt = self.vocab.org_types.get(ref.parent_org_type)
            if pt is None:
                self.error(loc, "parent_org_type", f"unknown organization type '{ref.parent_org_type}'",
                           self._did_you_mean("org_type", ref.parent_org_type))
                return None
            if pt.prop("unitType"):
                self.error(loc, "parent_org_type", f"'{ref.parent_org_type}' needs a place; a parent body is a "
                           "national one here", "give the organization by its id ('org') instead")
                return None
            if pt.flag("needsUnitName") and not ref.parent_unit_name:
                self.error(loc, "parent_unit_name", f"organization type '{ref.parent_org_type}' needs a "
                           "parent_unit_name", "e.g. parent_unit_name: Y tế")
                return None
            parent = self.auto_org(ref.parent_org_type, None, ref.parent_unit_name)
        if ref.org:
            info = self.resolve_org_id(ref.org)
            if info is None:
                self.error(loc, "org", f"unknown organization id '{ref.org}'", self._hint_id("organization", ref.org))
            return info
        if ref.org_type not in self.vocab.org_types:
            self.error(loc, "org_type", f"unknown organization type '{ref.org_type}'",
                       self._did_you_mean("org_type", ref.org_type or ""))
            return None
        ot = self.vocab.org_types[ref.org_type]
        unit_types = set(ot.prop("unitType"))
        if not unit_types:
            if ot.flag("needsUnitName") and not ref.unit_name:
                self.error(loc, "unit_name", f"organization type '{ref.org_type}' needs a unit_name",
                           "e.g. unit_name: Tài chính")
                return None
            return self.auto_org(ref.org_type, None, ref.unit_name, parent)
        if not ref.place:
            self.error(loc, "place", f"organization type '{ref.org_type}' needs a place",
                       "give place: <unit name or id>, e.g. 'thành phố Bắc Kạn'")
            return None
        unit = self.gazetteer.units.get(ref.place)
        if unit is None:
            cands = [u for u in self.gazetteer.resolve(ref.place, at=at) if u.unit_type in unit_types]
            if not cands:
                anytime = [u for u in self.gazetteer.resolve(ref.place) if u.unit_type in unit_types]
                hint = (f"'{ref.place}' existed as {', '.join(u.id for u in anytime[:3])} but not on {at}"
                        if anytime else f"no {'/'.join(sorted(unit_types))} named '{ref.place}' in the gazetteer")
                self.error(loc, "place", f"cannot resolve place '{ref.place}' for {ref.org_type}"
                           + (f" on {at}" if at else ""), hint)
                return None
            if len(cands) > 1:
                self.error(loc, "place", f"place '{ref.place}' is ambiguous: {', '.join(u.id for u in cands[:5])}",
                           "give the unit id as place")
                return None
            unit = cands[0]
        elif unit.unit_type not in unit_types:
            self.error(loc, "place", f"{ref.org_type} does not exist on a unit of type {unit.unit_type}",
                       f"expected one of {', '.join(sorted(unit_types))}")
            return None
        return self.auto_org(ref.org_type, unit, ref.unit_name, parent)

    def _organization(self, loc: Located) -> None:
        r: OrganizationRecord = loc.record
        if r.org_type and r.org_type not in self.vocab.org_types:
            return self.error(loc, "org_type", f"unknown organization type '{r.org_type}'",
                              self._did_you_mean("org_type", r.org_type))
        base = None
        if r.org_type and (r.place or not self.vocab.org_types[r.org_type].prop("unitType")):
            base = self.resolve_ref(loc, r, PDate.parse(r.valid_from).earliest if r.valid_from else None)
            if base is None:
                return
        oid = r.id or (base.id if base else None)
        if not oid:
            return self.error(loc, "id", "an organization needs an id or org_type + place")
        if not self._interval_ok(loc, r.valid_from, r.valid_until, "valid_from", "valid_until"):
            return
        info = OrgInfo(oid, r.org_type, r.name or (base.label_vi if base else oid),
                       r.name_en or (base.label_en if base else ""),
                       PDate.parse(r.valid_from).earliest if r.valid_from else (base.valid_from if base else None),
                       PDate.parse(r.valid_until).latest if r.valid_until else (base.valid_until if base else None),
                       base.unit if base else None, r.unit_name, explicit=True)
        self.orgs[oid] = info
        self._declared.setdefault("organization", set()).add(oid)
        s = N("org", self.emit_org(info))
        if base and base.unit is not None:
            self._emit_structure(s, base, 1)
        for f, p in (("parent", "orgo:subOrganizationOf"), ("organ_of", "vn:organOf"),
                     ("elected_from", "vn:electedFrom")):
            target = getattr(r, f)
            if target:
                t = self.resolve_org_id(target)
                if t is None:
                    return self.error(loc, f, f"unknown organization id '{target}'",
                                      self._hint_id("organization", target))
                self.add(s, p, N("org", self.emit_org(t)))
        for a in r.alt_names:
            self.add(s, "skos:altLabel", lit(a, lang="vi"))
        self.provenance(s, r)

    # -- people, terms, posts ---------------------------------------------------------------------
    def _person(self, loc: Located) -> None:
        r: PersonRecord = loc.record
        s = N("per", r.id)
        self.add(s, "rdf:type", N("vn", "Person"))
        self.add(s, "foaf:name", lit(r.name, lang="vi"))
        # Search key insensitive to diacritics and tone-mark style ("cu ngoc cuong").
        for key in {ascii_fold(n) for n in [r.name, *r.alt_names]}:
            self.add(s, "vn:nameKey", lit(key))
        self.labels(s, r.name, None, r.alt_names)
        if r.birth_date:
            self.add(s, "vn:birthDate", lit(PDate.parse(r.birth_date)))
        if r.gender:
            self.add(s, "foaf:gender", lit(r.gender))
        self.provenance(s, r)

    def _term(self, loc: Located) -> None:
        r: TermRecord = loc.record
        info = self.resolve_ref(loc, r, PDate.parse(r.start).earliest if r.start else None)
        if info is None or not self._interval_ok(loc, r.start, r.end, "start", "end"):
            return
        tid = r.id or ids.term_id(info.id, r.ordinal)
        self._declared.setdefault("term", set()).add(tid)
        self.emit_term(tid, info, r.ordinal, r.start, r.end)
        self.provenance(N("term", tid), r)

    def emit_term(self, tid: str, org: OrgInfo, ordinal: str, start=None, end=None) -> None:
        if tid in self._emitted_terms:
            return
        self._emitted_terms.add(tid)
        s = N("term", tid)
        self.add(s, "rdf:type", N("vn", "Term"))
        self.add(s, "vn:termOf", N("org", self.emit_org(org)))
        self.add(s, "vn:ordinal", lit(ordinal))
        self.labels(s, f"{org.label_vi} khóa {ordinal}", f"{org.label_en}, term {ordinal}")
        if start:
            self.add(s, "vn:start", lit(PDate.parse(start)))
        if end:
            self.add(s, "vn:end", lit(PDate.parse(end)))

    def term_ref(self, loc: Located, term: str | None, org: OrgInfo) -> NamedNode | None:
        if not term:
            return None
        if self.exists("term", term):
            return N("term", term)
        tid = ids.term_id(org.id, term)
        if not self.exists("term", tid):
            self.emit_term(tid, org, term)
        return N("term", tid)

    def emit_post(self, position: str, org: OrgInfo) -> NamedNode:
        pid = ids.post_id(position, org.id)
        s = N("post", pid)
        if pid not in self._emitted_posts and not self.known("post", pid):
            self._emitted_posts.add(pid)
            pt = self.vocab.positions[position]
            self.add(s, "rdf:type", N("orgo", "Post"))
            self.add(s, "vn:positionType", N("pt", position))
            self.add(s, "orgo:postIn", N("org", self.emit_org(org)))
            self.labels(s, ids.post_label(pt.label_vi, org.label_vi), f"{pt.label_en}, {org.label_en}",
                        [ids.post_label(pt.label_vi, a) for a in org.alt_labels])
        return s

    def _position_ok(self, loc: Located, position: str, org: OrgInfo | None) -> bool:
        pt = self.vocab.positions.get(position)
        if pt is None:
            self.error(loc, "position", f"unknown position type '{position}'",
                       self._did_you_mean("position", position) or "see ontology/positions.ttl")
            return False
        applies = set(pt.prop("appliesTo"))
        if org is not None and applies and org.org_type and not applies & self.vocab.kinds_of(org.org_type):
            self.error(loc, "position", f"position '{position}' does not exist in a '{org.org_type}'",
                       f"it exists in: {', '.join(sorted(applies)[:8])}")
            return False
        return True

    def _person_ok(self, loc: Located, person: str) -> bool:
        if not self.exists("person", person):
            self.error(loc, "person", f"unknown person id '{person}'", self._hint_id("person", person))
            return False
        return True

    def _interval_ok(self, loc: Located, start, end, fs: str, fe: str) -> bool:
        if start and end and PDate.parse(end).latest < PDate.parse(start).earliest:
            self.error(loc, fe, f"{fe} {end} is before {fs} {start}", f"swap them, or check the {fe} date")
            return False
        return True

    def _within_org(self, loc: Located, org: OrgInfo, start, end, field_: str) -> bool:
        s = PDate.parse(start) if start else None
        e = PDate.parse(end) if end else None
        if org.valid_until and s and s.earliest > org.valid_until:
            self.error(loc, field_, f"{org.label_vi} ({org.id}) did not exist on {start}: it ended on "
                       f"{org.valid_until}", "check the date or the organization (after 2025-06-30 use the "
                       "successor organization)")
            return False
        if org.valid_from and e and e.latest < org.valid_from:
            self.error(loc, field_, f"{org.label_vi} ({org.id}) did not exist before {org.valid_from}",
                       "check the date or the organization")
            return False
        return True

    # -- facts ------------------------------------------------------------------------------------
    def _tenure(self, loc: Located) -> None:
        r: TenureRecord = loc.record
        at = PDate.parse(r.start).earliest if r.start else (PDate.parse(r.end).latest if r.end else None)
        ok = self._person_ok(loc, r.person)
        org = self.resolve_ref(loc, r, at)
        ok = self._position_ok(loc, r.position, org) and ok
        if not ok or org is None:
            return
        if not self._interval_ok(loc, r.start, r.end, "start", "end") or \
                not self._within_org(loc, org, r.start, r.end, "start"):
            return
        if r.obtained_by and r.obtained_by not in self.vocab.decision_types:
            return self.error(loc, "obtained_by", f"unknown decision type '{r.obtained_by}'",
                              self._did_you_mean("decision_type", r.obtained_by))
        post = self.emit_post(r.position, org)
        tid = r.id or ids.tenure_id(r.person, ids.post_id(r.position, org.id), r.start or r.start_latest)
        s = N("ten", tid)
        self.add(s, "rdf:type", N("vn", "Tenure"))
        self.add(s, "vn:holder", N("per", r.person))
        self.add(s, "vn:post", post)
        self.add(s, "orgo:organization", N("org", org.id))
        self.add(s, "orgo:member", N("per", r.person))
        self.emit_bounds(s, r.start, r.end, r.start_latest, r.current_as_of)
        t = self.term_ref(loc, r.term, org)
        if t:
            self.add(s, "vn:term", t)
        if r.acting:
            self.add(s, "vn:acting", lit(True))
        if r.concurrent:
            self.add(s, "vn:concurrent", lit(True))
        if r.obtained_by:
            self.add(s, "vn:obtainedBy", N("dt", r.obtained_by))
        if r.end_reason:
            self.add(s, "vn:endReason", N("vn", END_REASONS[r.end_reason]))
        if r.decision:
            self.add(s, "vn:startedBy", N("act", r.decision))
        self.provenance(s, r)

    def emit_bounds(self, s: NamedNode, start, end, start_latest=None, current_as_of=None) -> None:
        """The dates as written (with their precision) and the interval each one covers."""
        for value, name in ((start, "start"), (end, "end")):
            if value:
                p = PDate.parse(value)
                self.add(s, f"vn:{name}", lit(p))
                self.add(s, f"vn:{name}Earliest", lit(p.earliest))
                self.add(s, f"vn:{name}Latest", lit(p.latest))
        if start_latest:
            self.add(s, "vn:startLatest", lit(PDate.parse(start_latest).latest))
        if current_as_of:
            self.add(s, "vn:currentAsOf", lit(PDate.parse(current_as_of).latest))

    def _attestation(self, loc: Located) -> None:
        r: AttestationRecord = loc.record
        d = PDate.parse(r.date)
        ok = self._person_ok(loc, r.person)
        org = self.resolve_ref(loc, r, d.earliest)
        ok = self._position_ok(loc, r.position, org) and ok
        if not ok or org is None:
            return
        if r.status != "former" and not self._within_org(loc, org, r.date, r.date, "date"):
            return
        post = self.emit_post(r.position, org)
        src = r.source or self.default_source or ""
        s = N("att", r.id or ids.attestation_id(r.person, ids.post_id(r.position, org.id), r.date, src))
        self.add(s, "rdf:type", N("vn", "Attestation"))
        self.add(s, "vn:holder", N("per", r.person))
        self.add(s, "vn:post", post)
        self.add(s, "orgo:organization", N("org", org.id))
        self.add(s, "vn:attestedOn", lit(d))
        self.add(s, "vn:status", lit(r.status))
        t = self.term_ref(loc, r.term, org)
        if t:
            self.add(s, "vn:term", t)
        if r.quote:
            self.add(s, "vn:quote", lit(r.quote, lang="vi"))
        if r.span:
            self.add(s, "vn:spanStart", lit(r.span[0]))
            self.add(s, "vn:spanEnd", lit(r.span[1]))
        self.provenance(s, r)

    def _decision(self, loc: Located) -> None:
        r: DecisionRecord = loc.record
        if r.decision_type not in self.vocab.decision_types:
            return self.error(loc, "decision_type", f"unknown decision type '{r.decision_type}'",
                              self._did_you_mean("decision_type", r.decision_type))
        if not self._person_ok(loc, r.person):
            return
        if not self._interval_ok(loc, r.signed, r.effective, "signed", "effective"):
            return
        when = r.effective or r.signed or r.announced
        at = PDate.parse(when).earliest if when else None
        s = N("act", ids.decision_id(r))
        self.add(s, "rdf:type", N("vn", "Decision"))
        self.add(s, "vn:decisionType", N("dt", r.decision_type))
        self.add(s, "vn:subject", N("per", r.person))
        dt = self.vocab.decision_types[r.decision_type]
        self.labels(s, f"Quyết định {dt.label_vi}" + (f" số {r.number}" if r.number else ""),
                    f"Decision ({dt.label_en})" + (f" no. {r.number}" if r.number else ""))
        if r.authority:
            auth = self.resolve_org_id(r.authority)
            if auth is None:
                return self.error(loc, "authority", f"unknown organization id '{r.authority}'",
                                  self._hint_id("organization", r.authority))
            self.add(s, "vn:issuedBy", N("org", self.emit_org(auth)))
        if r.has_org():
            org = self.resolve_ref(loc, r, at)
            if org is None:
                return
            if r.position:
                if not self._position_ok(loc, r.position, org if self.strict_decisions else None):
                    return
                if self.strict_decisions and r.effective and \
                        not self._within_org(loc, org, r.effective, r.effective, "effective"):
                    return
                self.add(s, "vn:forPost", self.emit_post(r.position, org))
            t = self.term_ref(loc, r.term, org)
            if t:
                self.add(s, "vn:term", t)
        for f, p in (("signed", "vn:signedOn"), ("effective", "vn:effectiveOn"), ("announced", "vn:announcedOn")):
            if getattr(r, f):
                self.add(s, p, lit(PDate.parse(getattr(r, f))))
        if r.number:
            self.add(s, "vn:documentNumber", lit(r.number))
        if r.creates:
            if not self.exists("tenure", r.creates):
                return self.error(loc, "creates", f"unknown tenure id '{r.creates}'", self._hint_id("tenure", r.creates))
            self.add(s, "vn:createsTenure", N("ten", r.creates))
        for t in r.ends:
            if not self.exists("tenure", t):
                return self.error(loc, "ends", f"unknown tenure id '{t}'", self._hint_id("tenure", t))
            self.add(s, "vn:endsTenure", N("ten", t))
        self.provenance(s, r)

    def _rank(self, loc: Located) -> None:
        r: RankRecord = loc.record
        if r.rank not in self.vocab.ranks:
            return self.error(loc, "rank", f"unknown rank '{r.rank}'", self._did_you_mean("rank", r.rank))
        if not self._person_ok(loc, r.person):
            return
        if not (r.date or r.start):
            return self.error(loc, "date", "a rank needs a date (attested) or a start (conferred)")
        s = N("rnk", r.id or f"{r.person}--{r.rank}--{r.date or r.start}")
        self.add(s, "rdf:type", N("vn", "RankAssignment"))
        self.add(s, "vn:holder", N("per", r.person))
        self.add(s, "vn:rank", N("rk", r.rank))
        self.add(s, "vn:service", lit(r.service))
        if r.date:
            self.add(s, "vn:attestedOn", lit(PDate.parse(r.date)))
        if r.start:
            self.add(s, "vn:start", lit(PDate.parse(r.start)))
        self.provenance(s, r)
