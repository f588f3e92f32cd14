"""Time-aware gazetteer of Vietnamese administrative units (before and after the 1 July 2025 reform).

Data: ``data/gazetteer/units.jsonl`` and ``changes.jsonl`` (built by ``scripts/build_gazetteer.py`` from
vietnamadminunits, MIT), and the curated ``historical.jsonl`` (provinces such as Hà Tây 1991–2008, Nghệ Tĩnh
1975–1991, with the resolutions that created and split them; see data/gazetteer/HISTORICAL.md). Ids are
``<gso-code>@pre2025`` / ``<gso-code>@2025`` (design.md: ``au:`` namespace); historical ones ``<slug>@<year>``.

    >>> g = Gazetteer.default()
    >>> [u.id for u in g.resolve("thành phố Bắc Kạn", at=date(2023, 3, 22))]
    ['058@pre2025']
    >>> [u.id for u in g.resolve("Bắc Kạn", unit_type="phuong", at=date(2025, 8, 1))]
    ['01843@2025']
    >>> [u.id for u in g.successors("06@pre2025")]
    ['19@2025']

Matching keys come from :func:`kg.normalize.fold` (tone-mark style, Ð/Đ, case and spacing do not matter);
punctuation between words is ignored ("Bà Rịa-Vũng Tàu" = "Bà Rịa – Vũng Tàu", "TP.HCM" = "TP HCM").
A query written entirely without diacritics ("Bac Kan") falls back to :func:`kg.normalize.ascii_fold` keys.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Callable, ClassVar, Iterable, Sequence, TypeVar, cast

from kg.normalize import _contains_any, ascii_fold, fold_map_fast
from kg.paths import ROOT

__all__ = ["Unit", "Change", "Gazetteer", "LEVELS", "UNIT_TYPES", "split_type_word", "name_key"]

DATA_DIR = ROOT / "data" / "gazetteer"
# historical.jsonl: curated units the generated lists lack (provinces 1962–2008, districts merged before 2025),
# their change records, and corrections of generated units (a record with a generated id replaces it).
DEFAULT_PATHS = (DATA_DIR / "units.jsonl", DATA_DIR / "changes.jsonl", DATA_DIR / "historical.jsonl")

LEVELS = ("province", "district", "commune")
_LEVEL_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
UNIT_TYPES = {
    "tinh": "province", "thanh-pho-tw": "province",
    "huyen": "district", "quan": "district", "thi-xa": "district", "thanh-pho-thuoc-tinh": "district",
    "xa": "commune", "phuong": "commune", "thi-tran": "commune", "dac-khu": "commune",
}

# Type words that may precede a name (already folded + punctuation-free, see name_key).
_CITY = frozenset({"thanh-pho-tw", "thanh-pho-thuoc-tinh"})
_TYPE_WORDS: dict[str, frozenset[str]] = {
    "tỉnh": frozenset({"tinh"}),
    "thành phố": _CITY, "tp": _CITY, "t p": _CITY, "thủ đô": frozenset({"thanh-pho-tw"}),
    "huyện": frozenset({"huyen"}), "h": frozenset({"huyen"}),
    "quận": frozenset({"quan"}), "q": frozenset({"quan"}),
    "thị xã": frozenset({"thi-xa"}), "tx": frozenset({"thi-xa"}), "t x": frozenset({"thi-xa"}),
    "xã": frozenset({"xa"}),
    "phường": frozenset({"phuong"}), "p": frozenset({"phuong"}),
    "thị trấn": frozenset({"thi-tran"}), "tt": frozenset({"thi-tran"}), "t t": frozenset({"thi-tran"}),
    "đặc khu": frozenset({"dac-khu"}),
}
# Longest first so "thị xã" wins over "xã"; one entry per number of tokens.
_TYPE_WORDS_BY_LEN = sorted(_TYPE_WORDS, key=lambda w: -len(w.split()))
_TYPE_WORDS_BY_FIRST: dict[str, list[tuple[int, str]]] = {}     # first word → (words, type word), longest first
for _w in _TYPE_WORDS_BY_LEN:
    _TYPE_WORDS_BY_FIRST.setdefault(_w.split(" ")[0], []).append((_w.count(" ") + 1, _w))
# Glued abbreviations: "TP.HCM" -> "tp hcm" already; "TPHCM" handled as an alt name.

_PUNCT_RE = re.compile(r"[^\w']+")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_APOS_CHARS: tuple[str, ...] = tuple(map(chr, _APOS))


# Highland place names are written "Đắk", "Đăk" or "Đak" ("Đăk Pơ", "Đak Pơ"; "Đắk Lắk", "Đăk Lăk"): one key.
_SYLLABLE_VARIANTS = {"đăk": "đắk", "đak": "đắk", "lăk": "lắk", "lak": "lắk"}


# _fold_token, name_key and split_type_word are memoised in dicts (cleared when full), not with
# functools.lru_cache, whose wrapper the compiled title parser calls as a Python object.
T = TypeVar("T")
_FOLDED_TOKENS: dict[str, str] = {}
_NAME_KEYS: dict[str, str] = {}
_SPLITS: dict[str, tuple[frozenset[str] | None, str, str]] = {}


def _memoised(table: dict[str, T], key: str, compute: Callable[[str], T], size: int) -> T:
    """``compute(key)``, kept in ``table`` (cleared when it holds ``size`` entries)."""
    r = table.get(key)
    if r is None:
        r = compute(key)
        if len(table) >= size:
            table.clear()
        table[key] = r
    return r


def _fold_token(token: str) -> str:
    return _memoised(_FOLDED_TOKENS, token, _fold_token_raw, 1 << 16)


def _fold_token_raw(token: str) -> str:
    f = fold_map_fast(token).text       # fold(token), through the word caches the title parser fills
    return _SYLLABLE_VARIANTS.get(f, f)


def name_key(text: str) -> str:
    """Matching key of a place name: fold(), apostrophes unified, punctuation between words dropped."""
    return _memoised(_NAME_KEYS, text, _name_key, 1 << 17)


def _name_key(text: str) -> str:
    # fold() works word by word, so folding each whitespace token (cached) is equal to folding the string.
    if _contains_any(text, _APOS_CHARS):     # (translate() looks every character up in a dict)
        text = text.translate(_APOS)
    k = " ".join([_fold_token(t) for t in text.split()])
    if k.replace(" ", "").replace("'", "").isalnum() and "  " not in k and k[:1] != " " and k[-1:] != " ":
        return k    # nothing for _PUNCT_RE to drop (most names: a regex over Vietnamese text is the costly part)
    return " ".join(_PUNCT_RE.sub(" ", k).split())


@lru_cache(maxsize=1 << 16)
def _ascii_key(key: str) -> str:
    return " ".join(_PUNCT_RE.sub(" ", ascii_fold(key)).split())


def split_type_word(text: str) -> tuple[frozenset[str] | None, str, str]:
    """Split a leading type word: "TP Bắc Kạn" -> ({thanh-pho-tw, thanh-pho-thuoc-tinh}, "bắc kạn", full key).

    Returns (types or None, key of the rest, key of the whole text).
    """
    return _memoised(_SPLITS, text, _split_type_word, 1 << 17)


def _split_type_word(text: str) -> tuple[frozenset[str] | None, str, str]:
    key = name_key(text)
    toks = key.split(" ")
    for n, word in _TYPE_WORDS_BY_FIRST.get(toks[0], ()):
        if len(toks) > n and " ".join(toks[:n]) == word:
            return _TYPE_WORDS[word], " ".join(toks[n:]), key
    return None, key, key


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    short_name: str
    unit_type: str
    code: str
    parent: str | None
    valid_from: date | None
    valid_until: date | None
    alt_names: tuple[str, ...]
    level: str

    def valid_at(self, at: date) -> bool:
        return (self.valid_from is None or self.valid_from <= at) and \
            (self.valid_until is None or at <= self.valid_until)


@dataclass(frozen=True, slots=True)
class Change:
    id: str
    change_type: str
    date: _date
    legal_date: _date | None
    legal_act: str | None
    original_units: tuple[str, ...]
    resulting_units: tuple[str, ...]


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _as_date(at) -> date | None:
    if at is None or (isinstance(at, date) and not isinstance(at, datetime)):
        return at
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, str):
        return date.fromisoformat(at)
    raise TypeError(f"at must be a date, got {type(at).__name__}")


def _has_diacritics(key: str) -> bool:
    return not key.isascii()


class Gazetteer:
    """In-memory, time-aware index over the gazetteer units and changes."""

    _default: ClassVar["Gazetteer | None"] = None

    def __init__(self, units: Iterable[Unit], changes: Iterable[Change] = ()):
        self.units: dict[str, Unit] = {u.id: u for u in units}
        self.changes: dict[str, Change] = {c.id: c for c in changes}
        self.sources: dict[str, dict] = {}
        by_key: dict[str, set[str]] = {}     # short names (+ alt names)
        by_full: dict[str, set[str]] = {}    # full names with the type word (+ alt names)
        children: dict[str, list[str]] = {}
        for u in self.units.values():
            for n in (u.short_name, *u.alt_names):
                by_key.setdefault(name_key(n), set()).add(u.id)
            for n in (u.name, *u.alt_names):
                by_full.setdefault(name_key(n), set()).add(u.id)
            if u.parent:
                children.setdefault(u.parent, []).append(u.id)
        order = self._order_key
        self._by_key = {k: tuple(sorted((self.units[i] for i in v), key=order)) for k, v in by_key.items()}
        self._by_full = {k: tuple(sorted((self.units[i] for i in v), key=order)) for k, v in by_full.items()}
        self._by_ascii_idx: dict[str, tuple[Unit, ...]] | None = None  # built on first use
        self._children = {k: tuple(sorted(v, key=lambda i: (self.units[i].code, i))) for k, v in children.items()}
        self._anc: dict[str, frozenset[str]] = {}
        for uid in self.units:
            self._anc[uid] = frozenset(a.id for a in self.ancestors(uid))
        succ: dict[str, set[str]] = {}
        pred: dict[str, set[str]] = {}
        by_unit: dict[str, set[str]] = {}
        for c in self.changes.values():
            for o in c.original_units:
                succ.setdefault(o, set()).update(c.resulting_units)
                by_unit.setdefault(o, set()).add(c.id)
            for r in c.resulting_units:
                pred.setdefault(r, set()).update(c.original_units)
                by_unit.setdefault(r, set()).add(c.id)
        self._changes_by_unit = {k: tuple(sorted(v)) for k, v in by_unit.items()}
        self._succ = {k: tuple(sorted(v)) for k, v in succ.items()}
        self._pred = {k: tuple(sorted(v)) for k, v in pred.items()}
        self._cache: dict[tuple, tuple[Unit, ...]] = {}

    # -- construction -------------------------------------------------------------------------------
    def prepare(self) -> "Gazetteer":
        """Build the indexes that are otherwise built on first use (the diacritic-free one)."""
        self._by_ascii
        return self

    @property
    def _by_ascii(self) -> dict[str, tuple[Unit, ...]]:
        """Diacritic-free keys of short, full and alt names (for queries typed without diacritics)."""
        if self._by_ascii_idx is None:
            idx: dict[str, set[str]] = {}
            for u in self.units.values():
                for n in (u.short_name, u.name, *u.alt_names):
                    idx.setdefault(_ascii_key(name_key(n)), set()).add(u.id)
            self._by_ascii_idx = {k: tuple(sorted((self.units[i] for i in v), key=self._order_key))
                                  for k, v in idx.items()}
        return self._by_ascii_idx

    @staticmethod
    def _order_key(u: Unit):
        # higher level first; then the newer unit first (units without end, latest start); then id
        return (_LEVEL_RANK[u.level], u.valid_until is not None,
                -(u.valid_from.toordinal() if u.valid_from else 0), u.code, u.id)

    @classmethod
    def load(cls, paths: Sequence[str | Path] | str | Path | None = None) -> "Gazetteer":
        """Load units (and changes) from JSON Lines files; default: the repository's data/gazetteer/."""
        if paths is None:
            paths = DEFAULT_PATHS
        elif isinstance(paths, (str, Path)):
            paths = (paths,)
        units: list[Unit] = []
        changes: list[Change] = []
        sources: dict[str, dict] = {}
        for path in paths:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    t = r.get("type")
                    if t == "unit":
                        units.append(Unit(
                            id=r["id"], name=r["name"], short_name=r.get("short_name", r["name"]),
                            unit_type=r["unit_type"], code=r.get("code", ""), parent=r.get("parent"),
                            valid_from=_d(r.get("valid_from")), valid_until=_d(r.get("valid_until")),
                            alt_names=tuple(r.get("alt_names", ())), level=UNIT_TYPES[r["unit_type"]]))
                    elif t == "change":
                        changes.append(Change(
                            id=r["id"], change_type=r["change_type"], date=cast(date, _d(r["date"])),
                            legal_date=_d(r.get("legal_date")), legal_act=r.get("legal_act"),
                            original_units=tuple(r.get("original_units", ())),
                            resulting_units=tuple(r.get("resulting_units", ()))))
                    elif t == "source":
                        sources[r["id"]] = r
        g = cls(units, changes)
        g.sources = sources
        return g

    @classmethod
    def default(cls) -> "Gazetteer":
        """Shared instance loaded from the repository's data (cached)."""
        if cls._default is None:
            cls._default = cls.load()
        return cls._default

    # -- lookups --------------------------------------------------------------------------------------
    def get(self, unit_id: str) -> Unit:
        """The unit with this id (KeyError if unknown). Accepts an ``au:`` prefix."""
        if unit_id.startswith("au:"):
            unit_id = unit_id[3:]
        return self.units[unit_id]

    def __contains__(self, unit_id: str) -> bool:
        return unit_id in self.units

    def __len__(self) -> int:
        return len(self.units)

    def resolve(self, name: str, *, unit_type: str | Iterable[str] | None = None, level: str | None = None,
                at: date | None = None, within: str | None = None) -> list[Unit]:
        """Units called ``name`` (optionally with a leading type word), best first.

        ``unit_type``: a slug ("phuong") or several; ``level``: "province" | "district" | "commune";
        ``at``: keep units valid on that date (unknown start = valid since forever); ``within``: keep units
        strictly inside that unit (any depth). A type word in ``name`` ("thành phố", "TP", "tỉnh", "huyện",
        "phường" …) restricts the types like ``unit_type`` does. Order: higher level first, then current
        before ended, newer before older, then code.
        """
        if not isinstance(unit_type, (str, type(None))):
            unit_type = frozenset(unit_type)
        at = _as_date(at)
        ck = (name, unit_type, level, at, within)
        hit = self._cache.get(ck)
        if hit is None:
            hit = self._resolve(name, unit_type, level, at, within)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[ck] = hit
        return list(hit)

    def _resolve(self, name, unit_type, level, at, within) -> tuple[Unit, ...]:
        if level is not None and level not in _LEVEL_RANK:
            raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
        wanted: frozenset[str] | None
        if isinstance(unit_type, str):
            wanted = frozenset((unit_type,))
        else:
            wanted = unit_type
        for t in wanted or ():
            if t not in UNIT_TYPES:
                raise ValueError(f"unknown unit_type {t!r}")
        cands = self._candidates(name)
        out: list[Unit] = []
        seen: set[str] = set()
        for u in cands:
            if u.id in seen:
                continue
            if wanted is not None and u.unit_type not in wanted:
                continue
            if level is not None and u.level != level:
                continue
            if at is not None and not u.valid_at(at):
                continue
            if within is not None and within not in self._anc[u.id]:
                continue
            seen.add(u.id)
            out.append(u)
        if len(cands) > 1:
            out.sort(key=self._order_key)
        return tuple(out)

    def known(self, name: str) -> bool:
        """Some unit, of any type and date, is called ``name``: ``bool(self.resolve(name))`` without ranking."""
        return bool(self._candidates(name))

    def _candidates(self, name: str) -> list[Unit]:
        """Units called ``name``: the whole text as a full (or alt) name, and the rest under its type word (also
        without diacritics, when the text has none and nothing matched with them); may hold a unit twice."""
        types, rest, full = split_type_word(name)
        cands: list[Unit] = list(self._by_full.get(full, ()))
        short = self._by_key.get(rest, ())
        cands.extend(short if types is None else (u for u in short if u.unit_type in types))
        if not cands and not _has_diacritics(full):
            cands.extend(self._by_ascii.get(_ascii_key(full), ()))
            if types is not None:
                cands.extend(u for u in self._by_ascii.get(_ascii_key(rest), ()) if u.unit_type in types)
        return cands

    def resolve_one(self, name: str, **kw) -> Unit | None:
        """The single match of :meth:`resolve`, or None when there is none or several."""
        r = self.resolve(name, **kw)
        return r[0] if len(r) == 1 else None

    # -- hierarchy -------------------------------------------------------------------------------------
    def ancestors(self, unit_id: str) -> list[Unit]:
        """Parent, grandparent, … (nearest first)."""
        out: list[Unit] = []
        u = self.get(unit_id)
        while u.parent:
            u = self.units[u.parent]
            out.append(u)
        return out

    def children(self, unit_id: str, *, at: date | None = None) -> list[Unit]:
        """Direct children (by code), optionally only those valid at ``at``."""
        at = _as_date(at)
        kids = (self.units[i] for i in self._children.get(unit_id, ()))
        return [k for k in kids if at is None or k.valid_at(at)]

    def descendants(self, unit_id: str, *, at: date | None = None) -> list[Unit]:
        """All units below ``unit_id`` (depth first, by code)."""
        out: list[Unit] = []
        for k in self.children(unit_id):
            out.append(k)
            out.extend(self.descendants(k.id))
        at = _as_date(at)
        return [u for u in out if at is None or u.valid_at(at)]

    def is_within(self, unit_id: str, container_id: str) -> bool:
        return container_id in self._anc[unit_id]

    # -- succession -------------------------------------------------------------------------------------
    def successors(self, unit_id: str) -> list[Unit]:
        """Units resulting from changes whose original units include ``unit_id`` (by id).

        For a pre-reform district: the 2025 communes that took over its communes.
        """
        return [self.units[i] for i in self._succ.get(unit_id, ())]

    def predecessors(self, unit_id: str) -> list[Unit]:
        """Original units of changes that resulted in ``unit_id`` (by id).

        For a 2025 commune this is its old communes plus the ended district(s) whose cessation lists it.
        """
        return [self.units[i] for i in self._pred.get(unit_id, ())]

    def changes_of(self, unit_id: str) -> list[Change]:
        """Change records in which ``unit_id`` is an original or resulting unit (by id)."""
        return [self.changes[c] for c in self._changes_by_unit.get(unit_id, ())]
