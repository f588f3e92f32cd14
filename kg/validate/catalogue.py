"""The rule catalogue (ontology/rules/catalogue.yaml): rules, legal sources, periods, authority matrix.

    >>> cat = Catalogue.default()
    >>> cat.rules["K1"].severity
    'warning'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml

from ..errors import KgError
from ..vocab import ONTOLOGY_DIR

RULES_DIR = ONTOLOGY_DIR / "rules"
CATALOGUE = RULES_DIR / "catalogue.yaml"
KINDS = ("shacl", "sparql", "owl", "python")


def _d(v) -> date | None:
    if v in (None, ""):
        return None
    return v if isinstance(v, date) else date.fromisoformat(str(v))


@dataclass
class Source:
    key: str
    vi: str
    en: str
    ref: str = ""


@dataclass
class Rule:
    id: str
    severity: str
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str
    kind: str
    source: str
    sources: list[dict] = field(default_factory=list)   # [{source, from, until}] by period
    period_from: date | None = None
    period_until: date | None = None
    scope: tuple[str, ...] = ("decision",)
    requires: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    facts: list[dict] = field(default_factory=list)
    query: str | None = None
    graph_query: str | None = None
    shape: str | None = None
    check: str | None = None
    axiom: str | None = None

    def applies_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.period_from is None or day >= self.period_from) and \
            (self.period_until is None or day <= self.period_until)

    def source_key(self, day: date | None) -> str:
        """The legal source in force on ``day`` (rules changed in 2025)."""
        for s in self.sources:
            f, u = _d(s.get("from")), _d(s.get("until"))
            if day is None or ((f is None or day >= f) and (u is None or day <= u)):
                if day is not None or u is None:
                    return s["source"]
        return self.source

    def query_text(self, graph: bool = False) -> str:
        name = self.graph_query if graph else self.query
        return (RULES_DIR / name).read_text(encoding="utf-8")


@dataclass
class AuthorityEntry:
    id: str
    decision_types: tuple[str, ...]
    positions: tuple[str, ...]
    post_classes: tuple[str, ...]
    post_types: tuple[str, ...]
    by: list[dict]
    source: str
    sources: list[dict]
    valid_from: date | None
    valid_until: date | None

    def in_scope(self, dt: str | None, pt: str | None, org_classes: set[str], ot: str | None,
                 day: date | None) -> bool:
        if dt not in self.decision_types:
            return False
        if self.positions and pt not in self.positions:
            return False
        if self.post_classes or self.post_types:
            if not (org_classes & set(self.post_classes) or (ot and ot in self.post_types)):
                return False
        if day is not None and ((self.valid_from and day < self.valid_from) or
                                (self.valid_until and day > self.valid_until)):
            return False
        return True


class Catalogue:
    _default: "Catalogue | None" = None

    def __init__(self, path: Path = CATALOGUE):
        self.path = path
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise KgError(f"cannot read the rule catalogue {path}: {e}") from None
        self.defaults = data.get("defaults", {})
        self.sources = {k: Source(k, v["vi"], v["en"], str(v.get("ref", ""))) for k, v in data["sources"].items()}
        self.rules: dict[str, Rule] = {}
        for r in data["rules"]:
            period = r.get("period") or {}
            rule = Rule(
                id=r["id"], severity=r["severity"], title_vi=r["title"]["vi"], title_en=r["title"]["en"],
                message_vi=r["message"]["vi"], message_en=r["message"]["en"], kind=r["kind"],
                source=r["source"], sources=r.get("sources", []), period_from=_d(period.get("from")),
                period_until=_d(period.get("until")), scope=tuple(r.get("scope", ["decision"])),
                requires=tuple(r.get("requires", [])), params=r.get("params", {}) or {},
                facts=r.get("facts", []) or [], query=r.get("query"), graph_query=r.get("graph_query"),
                shape=r.get("shape"), check=r.get("check"), axiom=r.get("axiom"))
            self._check_rule(rule)
            self.rules[rule.id] = rule
        self.authority = [AuthorityEntry(
            a["id"], tuple(a["decision_types"]), tuple(a.get("positions", [])), tuple(a.get("post_classes", [])),
            tuple(a.get("post_types", [])), a["by"], a["source"], a.get("sources", []), _d(a.get("from")),
            _d(a.get("until"))) for a in data.get("authority", [])]

    def _check_rule(self, r: Rule) -> None:
        where = f"{self.path}: rule {r.id}"
        if r.id in getattr(self, "rules", {}):
            raise KgError(f"{where}: duplicate id")
        if r.severity not in ("error", "warning", "info"):
            raise KgError(f"{where}: severity must be error, warning or info")
        if r.kind not in KINDS:
            raise KgError(f"{where}: kind must be one of {', '.join(KINDS)}")
        for key in [r.source] + [s["source"] for s in r.sources]:
            if key not in self.sources:
                raise KgError(f"{where}: unknown source '{key}'")
        for name in (r.query, r.graph_query):
            if name and not (RULES_DIR / name).exists():
                raise KgError(f"{where}: missing query file ontology/rules/{name}")

    @classmethod
    def default(cls) -> "Catalogue":
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def source_text(self, rule: Rule, day: date | None, lang: str = "vi") -> str:
        s = self.sources[rule.source_key(day)]
        return s.vi if lang == "vi" else s.en

    @cached_property
    def by_kind(self) -> dict[str, list[Rule]]:
        out: dict[str, list[Rule]] = {k: [] for k in KINDS}
        for r in self.rules.values():
            out[r.kind].append(r)
        return out

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.by_kind.items()}
