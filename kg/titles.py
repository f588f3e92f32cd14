# mypy: disable-error-code="annotation-unchecked"
"""Title parser: "Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư Thành uỷ, …" → position, organization, place.

    >>> [t.position for t in parse_titles("Tỉnh ủy viên; Chính ủy Bộ chỉ huy quân sự tỉnh Hậu Giang")]
    ['uy-vien-ban-chap-hanh', 'chinh-uy']

Every word of vocabulary (position types, organization types and their variants) comes from the
ontology through :class:`kg.vocab.Vocab`; places come from the time-aware :class:`kg.gazetteer.Gazetteer`.
Only closed grammar words live here: separators, "kiêm", the qualifiers "nguyên/quyền/tân", the
unit type nouns ("tỉnh", "thành phố" …) and the term markers ("khóa", "nhiệm kỳ").

How a chain is read (domain.md §5.4, §5.5):

1. The text is folded with an offset map (kg.normalize.fold_map) after abbreviations are expanded
   (kg.abbrev), so "UBND", "Uỷ ban nhân dân" and "Ủy ban Nhân dân" are the same key and every
   title keeps its ``span`` in the original string; a space lost between words ("Thành ủyVĩnh Long")
   is put back for matching.
2. It is split at ";", ",", "(", ")", "kiêm". A piece that does not start with a position (e.g.
   "tỉnh Quảng Bình" after "huyện Bố Trạch", or "Giáo dục" inside "Ủy ban Văn hoá, Giáo dục …")
   continues the previous title.
3. In each title: qualifiers, the longest position phrase, the organization phrase, the unit name
   where the organization type needs one (Sở Tài chính), the place (type noun + name), and the term.
   Position and organization are read together: "Ủy viên | Ban Thường vụ Tỉnh ủy" is preferred to
   "Ủy viên Ban Thường vụ | Tỉnh ủy" because the position type applies to that organization type.
   Inner qualifiers ("thường trực", "thứ nhất", "phụ trách", "lâm thời" …) may stand after the position or
   inside its label ("Phó Chủ nhiệm | Thường trực | Ủy ban Kiểm tra …"), unless a label of its own goes on
   with those words ("Bí thư thứ nhất Trung ương Đoàn"). An organization may be named without the head
   noun its head's title implies ("Thứ trưởng Quốc phòng", "Cục trưởng Quân y"): only a named type
   ("Bộ Quốc phòng"), read from the labels of the organization types the position applies to.
4. The place is resolved in the gazetteer at ``at``; the text's type noun, else the organization's unit
   types, bind what kind of unit it may be ("Tỉnh ủy Hà Tây" in 2010 is no commune named Hà Tây; a town
   since raised to a city is found at the same level). Its unit type picks the organization type among
   those with the same name ("Thành ủy" of a provincial city is ``thanh-uy``, of Cần Thơ ``thanh-uy-tw``).
5. Chain rules: a bare type noun ("HĐND thành phố", "Tỉnh ủy") takes the context place (``place=``)
   or a place named elsewhere in the chain; a title without organization takes the next title's
   ("Bí thư, Chủ tịch UBND xã X"); a bare "Đảng ủy" before a military command title is the party
   committee of that command's unit (§5.4 rule 3).

Anything not understood gives ``ok=False`` with ``error`` naming the part that failed; nothing is guessed.

Speed (``python scripts/eval_titles.py`` prints titles/s): the ontology's compatibility tables (appliesTo,
unitType, levels, classes, families) are read once into dicts by :class:`Lexicon`; trie look-ups and the place /
term reading after an organization are memoised for the duration of one parse only; a candidate reading is read
in full only if an upper bound of its score (known before its place and term) can still beat the best reading
so far, which gives the same choice as reading them all (``TitleParser._bound = False`` reads them all).
Folding and abbreviation expansion cache per word. Besides these, only vocabulary-level results and place
names looked up in the gazetteer are kept between parses; whole strings are memoised only with ``cache=True``.
"""
from __future__ import annotations

import gc
import json
import os
import re
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, ClassVar, Final, Iterable

try:
    from mypy_extensions import mypyc_attr
except ImportError:      # only the compiled build (setup.py) reads it: a list subclass stays a Python class
    def mypyc_attr(*args, **kwargs):  # type: ignore[misc]
        return lambda cls: cls

from rdflib import URIRef

from .gazetteer import Gazetteer
from .normalize import _TOKEN_RE, Mapped, _tokenize, fold_map, fold_map_fast
from .vocab import SKOS_BROADER, VN, local_name

__all__ = ["Title", "TitleParser", "parse_titles", "parse_title", "cli_parse_title", "benchmark",
           "parse_many"]

# --- closed grammar words (folded keys) -------------------------------------------------------
# Qualifiers that may precede a title and are not part of a position label.
_PREFIX_QUALIFIERS: Final = {("nguyên",): "nguyên", ("quyền",): "quyền", ("tân",): "tân"}
# Qualifiers that may appear inside a title ("Phó Trưởng đoàn chuyên trách Đoàn ĐBQH").
_INNER_QUALIFIERS: Final = {("chuyên", "trách"): "chuyên trách", ("thường", "trực"): "thường trực",
                     ("dự", "khuyết"): "dự khuyết", ("kiêm", "nhiệm"): "kiêm nhiệm",
                     ("không", "chuyên", "trách"): "không chuyên trách",   # part-time Front vice-chairs
                     ("thứ", "nhất"): "thứ nhất",       # "Phó Tư lệnh thứ nhất": first deputy
                     ("đầu", "tiên"): "đầu tiên",       # "Bộ trưởng Quốc phòng đầu tiên": the first holder
                     ("phụ", "trách"): "phụ trách",     # "Phó Tư lệnh phụ trách": deputy in charge
                     ("danh", "dự"): "danh dự",         # honorary
                     ("lâm", "thời"): "lâm thời"}       # provisional (1945-46, 1975 committees)
# Qualifier words reported when they occur in the matched position phrase.
_LABEL_QUALIFIERS: Final = [(("phó",), "phó"), (("thường", "trực"), "thường trực"), (("dự", "khuyết"), "dự khuyết"),
                     (("quyền",), "quyền")]
# Unit type nouns: folded tokens → unit type slugs (domain.md §6.2 last paragraph).
_TYPE_NOUNS: Final[dict[tuple[str, ...], frozenset[str]]] = {
    ("tỉnh",): frozenset({"tinh"}),
    ("thành", "phố"): frozenset({"thanh-pho-tw", "thanh-pho-thuoc-tinh"}),
    ("thủ", "đô"): frozenset({"thanh-pho-tw"}),
    ("huyện",): frozenset({"huyen"}),
    ("quận",): frozenset({"quan"}),
    ("thị", "xã"): frozenset({"thi-xa"}),
    ("xã",): frozenset({"xa"}),
    ("phường",): frozenset({"phuong"}),
    ("thị", "trấn"): frozenset({"thi-tran"}),
    ("đặc", "khu"): frozenset({"dac-khu"}),
}
_TYPE_NOUN_WORDS: Final = {w for k in _TYPE_NOUNS for w in k}
_UNIT_LEVEL: Final = {"tinh": "province", "thanh-pho-tw": "province", "huyen": "district", "quan": "district",
               "thi-xa": "district", "thanh-pho-thuoc-tinh": "district", "xa": "commune", "phuong": "commune",
               "thi-tran": "commune", "dac-khu": "commune"}
_SILENT_QUALIFIERS: Final = {"kiem-nhiem"}    # "kiêm nhiệm" (part-time) is the absence of "chuyên trách"
_LEVELS: Final = {"CentralLevel": "central", "ProvinceLevel": "province", "DistrictLevel": "district",
           "CommuneLevel": "commune"}
_ORGANS: Final = {"PartyCommittee": "BCH", "StandingCommittee": "BTV", "InspectionCommission": "UBKT"}
_TERM_WORDS: Final = {("khóa",), ("nhiệm", "kỳ"), ("khóa", "họp")}
_SPLIT_PUNCT: Final = {",", ";", "(", ")", "\n", "|"}
_SOFT_SPLIT: Final = {"và", "-", "–", "—"}       # and ". " (a full stop before a space)
_SPLIT_WORD: Final = {"kiêm"}       # a word that joins two titles ("Phó Chủ tịch kiêm Tổng Thư ký"), not "kiêm nhiệm"
_SEPARATORS: Final = _SPLIT_PUNCT | _SOFT_SPLIT | _SPLIT_WORD | {"."}
_OF: Final = ("của",)
_CENTRAL: Final = ("trung", "ương")
_VIETNAM: Final = ("việt", "nam")
_ORGAN_WORDS: Final = (("ban", "chấp", "hành"), ("ban", "thường", "vụ"))                  # "Ủy ban Kinh tế của Quốc hội"
_SKIP_PUNCT: Final = {"-", "–", "—", ".", "&", "/", ":", "'", '"', "“", "”", "(", ")"}
_TERM_FIRST: Final = {w[0] for w in _TERM_WORDS}
_ORGAN_FIRST: Final = {w[0] for w in _ORGAN_WORDS} | {_CENTRAL[0]}
_RANGE_PUNCT: Final = {"-", "–", "—", "(", ")"}     # inside a term or a year range
_INNER_FIRST: Final = {w[0] for w in _INNER_QUALIFIERS}
_ROMAN: Final = re.compile(r"^[ivxlc]+y?$|^\d+$")    # "vy", "ly": VI and LI folded as the syllables vi/vy, li/ly
_PAREN_RE: Final = re.compile(r"\(([^()]*)(?:\)|$)")      # an aside in parentheses (the last one may be unclosed)


# --- result ----------------------------------------------------------------------------------
@dataclass
class Title:
    """One parsed title. ``span`` is (start, end) in the original text; ``place`` has no type word."""
    raw: str
    span: tuple[int, int]
    position: str | None = None
    org_type: str | None = None
    level: str | None = None          # "central" | "province" | "district" | "commune"
    organ: str | None = None          # "BCH" | "BTV" | "UBKT" for party organs
    place: str = ""
    place_type: str | None = None     # unit type slug (ut:*) of the place
    unit_id: str | None = None        # gazetteer id ("058@pre2025") when resolved to one unit
    unit: str = ""                    # name inside the org type ("Tài chính" for Sở Tài chính)
    # the named body the organization belongs to, when its type and name leave that open ("Vụ Tổ chức cán bộ, Bộ
    # Y tế": every ministry has one): the parent's type and name ("bo", "Y tế")
    parent_org_type: str | None = None
    parent_unit: str = ""
    qualifiers: list[str] = field(default_factory=list)
    rank: str | None = None           # rank slug written just before the title ("Đại tá, Chính ủy …")
    term: str = ""                    # "khóa XIII", "nhiệm kỳ 2020-2025" as written
    ok: bool = True
    error: str = ""
    place_source: str = ""            # "explicit" | "context" | "chain" | "" (how the place was found)
    note: str = ""                    # an aside in parentheses after it, as written ("lần 2", "nay là Bộ Công an")

    # Written out, not generated: the compiled parser builds thousands of titles, and the __init__ that dataclasses
    # generates runs as interpreted Python (tests/test_titles.py checks that it sets every field as generated).
    # raw and span have defaults here only because a compiled class's __new__ runs __init__: copy and pickle
    # call __new__ with no arguments.
    def __init__(self, raw: str = "", span: tuple[int, int] = (0, 0), position: str | None = None,
                 org_type: str | None = None, level: str | None = None, organ: str | None = None, place: str = "",
                 place_type: str | None = None, unit_id: str | None = None, unit: str = "",
                 parent_org_type: str | None = None, parent_unit: str = "", qualifiers: list[str] | None = None,
                 rank: str | None = None, term: str = "", ok: bool = True, error: str = "", place_source: str = "",
                 note: str = "") -> None:
        self.raw = raw
        self.span = span
        self.position = position
        self.org_type = org_type
        self.level = level
        self.organ = organ
        self.place = place
        self.place_type = place_type
        self.unit_id = unit_id
        self.unit = unit
        self.parent_org_type = parent_org_type
        self.parent_unit = parent_unit
        self.qualifiers = [] if qualifiers is None else qualifiers
        self.rank = rank
        self.term = term
        self.ok = ok
        self.error = error
        self.place_source = place_source
        self.note = note

    def to_json(self) -> dict:
        """Shared field names with the news extractor (raw, position, org_type, place, unit, qualifiers …)."""
        return {"raw": self.raw, "span": list(self.span), "position": self.position or "",
                "org_type": self.org_type or "", "level": self.level or "", "organ": self.organ or "",
                "place": self.place, "place_type": self.place_type or "", "unit_id": self.unit_id or "",
                "unit": self.unit, "parent_org_type": self.parent_org_type or "", "parent_unit": self.parent_unit,
                "qualifiers": list(self.qualifiers), "rank": self.rank or "", "term": self.term, "note": self.note,
                "ok": self.ok, "error": self.error}


# --- lexicon ----------------------------------------------------------------------------------
class _Trie:
    __slots__ = ("root", "tag")
    _made: ClassVar[int] = 0

    def __init__(self) -> None:
        self.root: dict = {}
        _Trie._made += 1
        self.tag: int = _Trie._made & 0xFF       # (part of the per-parse memo's keys, see TitleParser._mt)

    def add(self, tokens: tuple[str, ...], value: str):
        node = self.root
        for t in tokens:
            node = node.setdefault(t, {})
        node[None] = node.get(None, frozenset()) | {value}     # frozen at build: matches() hands it out as is

    def matches(self, toks: list[str], i: int, end: int, node: dict | None = None) -> list[tuple[int, frozenset[str]]]:
        """All (end_index, values) of labels starting at i, longest first; punctuation in toks is skipped.
        ``node``: continue labels whose first words were read already (see :meth:`node`)."""
        out = []
        cur: dict = self.root if node is None else node     # (a dict, not Optional: compiled dict look-ups)
        j = i
        while j < end:
            t = toks[j]
            nxt = cur.get(t)
            if nxt is None:
                if (t in _SKIP_PUNCT or t == ",") and j > i:
                    j += 1
                    continue
                break
            cur = nxt
            j += 1
            if None in cur:
                out.append((j, cur[None]))
        if len(out) > 1:
            out.reverse()
        return out

    def node(self, tokens: tuple[str, ...]) -> dict | None:
        """The node reached by ``tokens`` from the root (None: no label starts with them)."""
        node: dict = self.root
        for t in tokens:
            nxt = node.get(t)
            if nxt is None:
                return None
            node = nxt
        return node


def _key_tokens(text: str) -> tuple[str, ...]:
    # fold_map, not fold_map_fast: the lexicon is built with it, and its words are not to warm the parse caches
    return _key_words(fold_map(text, expand=True, mode="title").text)


def _key_words(key: str) -> tuple[str, ...]:
    """The words of a folded key, punctuation left out (how labels are matched)."""
    return tuple(t for t in _TOKEN_RE.findall(key) if t not in _SKIP_PUNCT and t != ",")


class Lexicon:
    """Tries over the folded labels of the ontology's position, organization and rank terms (built once)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self._tables(vocab)
        self.pos = _Trie()
        self.org = _Trie()
        self.rank = _Trie()
        self.type_nouns = _Trie()
        self.pos_labels: dict[str, set[tuple[str, ...]]] = {}
        self.org_labels: dict[str, set[tuple[str, ...]]] = {}
        self.org_gapped: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []  # head, tail, slug
        for slug, term in vocab.positions.items():
            for lab in self._labels(term):
                k = _key_tokens(lab)
                if k:
                    self.pos.add(k, slug)
                    self.pos_labels.setdefault(slug, set()).add(k)
        # position labels written with a comma ("Bộ trưởng, Chủ nhiệm"): (head, tail) folded tokens
        self.comma_pos: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for slug, term in vocab.positions.items():
            for lab in self._labels(term):
                if "," in lab:
                    h, _, tl = lab.partition(",")
                    self.comma_pos.add((_key_tokens(h), _key_tokens(tl)))
        self.pref_keys: dict[str, set[tuple[str, ...]]] = {}    # the type's own label (folded), for variants
        for slug, term in vocab.org_types.items():
            if term.label_vi:
                self.pref_keys.setdefault(slug, set()).add(_key_tokens(term.label_vi))
            for lab in self._labels(term):
                k = _key_tokens(lab)
                if not k:
                    continue
                if "của" in k[1:-1] and self._needs_unit(term) and k.index("của") > 0:
                    c = k.index("của")
                    self.org_gapped.append((k[:c], k[c:], slug))
                self.org.add(k, slug)
                self.org_labels.setdefault(slug, set()).add(k)
        self.gapped_first = {h[0] for h, _, _ in self.org_gapped}
        # the first words of an org type's labels, and every proper prefix of them ("đảng ủy" of "đảng ủy quân
        # sự": a name that is generic for it)
        self.label_first = {o: frozenset(k[0] for k in ks if k) for o, ks in self.org_labels.items()}
        self.label_prefixes = {o: frozenset(k[:n] for k in ks for n in range(len(k)))
                               for o, ks in self.org_labels.items()}
        self.gapped_by_slug: dict[str, list] = {}
        for gh, gt, sl in self.org_gapped:
            self.gapped_by_slug.setdefault(sl, []).append((gh, gt))
        for slug, term in vocab.ranks.items():
            for lab in self._labels(term):
                k = _key_tokens(lab)
                if k:
                    self.rank.add(k, slug)
        type_nouns = dict(_TYPE_NOUNS)
        for slug, term in vocab.unit_types.items():   # ontology labels of unit types add variants
            for lab in self._labels(term):
                if "." in lab or lab.isupper() or len(lab.split()) > 2:
                    continue     # abbreviations ("TT", "X.") are handled by kg.abbrev in context only
                k = _key_tokens(lab)
                if k and all(len(x) > 1 for x in k):
                    type_nouns[k] = type_nouns.get(k, frozenset()) | {slug}
        for k, v in type_nouns.items():
            for s in v:
                self.type_nouns.add(k, s)
        # Families: org types with the same name once a trailing type noun is dropped
        # ("Ủy ban nhân dân tỉnh" / "… thành phố" / "… huyện"; "Thành ủy" for both kinds of city).
        fam: dict[tuple[str, ...], set[str]] = {}
        for slug, labels in self.org_labels.items():
            for k in labels:
                fam.setdefault(self._base(k), set()).add(slug)
        # the family of one written name: the types sharing that name once its type noun is dropped
        # ("Thành ủy" → thanh-uy, thanh-uy-tw; not every type some other label of thanh-uy is shared with)
        self.family_by_key: dict[tuple[str, ...], frozenset[str]] = {}
        for slug, labels in self.org_labels.items():
            for k in labels:
                self.family_by_key[k] = self.family_by_key.get(k, frozenset()) | frozenset(fam[self._base(k)])
        for base, members in fam.items():
            if len(base) and len(members) > 1:
                self.family_by_key[base] = self.family_by_key.get(base, frozenset()) | frozenset(members)
        self.family: dict[str, frozenset[str]] = {}
        for base, members in fam.items():
            if len(base) == 0:
                continue
            for s in members:
                self.family[s] = self.family.get(s, frozenset()) | frozenset(members)
            if len(members) > 1 and base not in {k for s in members for k in self.org_labels[s]}:
                for s in members:        # the bare base ("Ủy ban nhân dân") names the whole family
                    self.org.add(base, s)
        # Position labels made of a head and an organization name ("Chủ tịch | Ủy ban MTTQ Việt Nam",
        # "Giám đốc | Sở"): the head names the specific position wherever that organization is named apart.
        pos_heads: dict[tuple[str, ...], set[str]] = {}
        for slug, labels in self.pos_labels.items():
            for k in labels:
                for hn in range(1, len(k)):
                    if any(e == len(k) for e, _ in self.org.matches(list(k), hn, len(k))):
                        pos_heads.setdefault(k[:hn], set()).add(slug)
        self.pos_heads: dict[tuple[str, ...], frozenset[str]] = {k: frozenset(v) for k, v in pos_heads.items()}
        # The words every organization a position applies to begins with ("Bộ" for Bộ trưởng and Thứ trưởng,
        # "Cục" for Cục trưởng): an organization named after its head may leave them out ("Thứ trưởng Quốc
        # phòng" = Thứ trưởng Bộ Quốc phòng, "Cục trưởng Quân y"); see TitleParser._org_options.
        # Also the position's own first word when organizations it applies to begin with it ("Bộ trưởng" → "Bộ",
        # "Cục trưởng" → "Cục", "Vụ trưởng" → "Vụ"). One head noun only.
        self.implied_head: dict[str, frozenset[tuple[str, ...]]] = {}
        for slug in vocab.positions:
            keys = [k for o in self.applies_to(slug) for k in self.pref_keys.get(o, ())]
            heads = {tuple(os.path.commonprefix(keys))} if keys else set()
            heads |= {k[:1] for k in self.pos_labels.get(slug, ())
                      if k[-1] == "trưởng" and any(p[:1] == k[:1] for p in keys)}
            heads = {h for h in heads if len(h) == 1 and self.org.node(h) is not None}
            if heads:
                self.implied_head[slug] = frozenset(heads)
        # Types whose members are the ones their labels name (vn:unitNameFromLabels: public universities,
        # hospitals, State enterprises): the unit names those labels give ("Trường Đại học Luật Hà Nội" → "luật
        # hà nội"); any other name after such a type is not one of its members (a private school, a company).
        self.listed_names: dict[str, frozenset[tuple[str, ...]]] = {}
        for slug, term in vocab.org_types.items():
            if term.flag("unitNameFromLabels"):
                lkeys = [_key_tokens(lab) for lab in term.alt_labels]
                self.listed_names[slug] = frozenset(k[n - 1:] for k in lkeys if (n := self._variant_rest(k, slug)))
        # Org types named inside a position label ("Tỉnh ủy viên" ⊃ "Tỉnh ủy").
        self.pos_implied: dict[tuple[tuple[str, ...], str], frozenset[str]] = {}
        for slug, labels in self.pos_labels.items():
            applies = set(self.applies_to(slug))
            for k in labels:
                found: set[str] = set()
                for i in range(len(k)):
                    for e, vals in self.org.matches(list(k), i, len(k)):
                        found |= vals
                if found:
                    inside = {o for o in found if o in applies}
                    if inside:
                        self.pos_implied[(k, slug)] = frozenset(inside)

    def _tables(self, vocab) -> None:
        """Compatibility tables read once from the ontology (position → org types, org type → unit types,
        levels, classes), so that parsing never walks the vocabulary."""
        E: frozenset[str] = frozenset()
        self._applies = {s: frozenset(t.prop("appliesTo")) for s, t in vocab.positions.items()}
        self._uts = {s: frozenset(t.prop("unitType")) for s, t in vocab.org_types.items()}
        self._classes = {s: frozenset(t.prop("orgClass")) for s, t in vocab.org_types.items()}
        self._pillars = {s: frozenset(t.prop("pillar")) for s, t in vocab.org_types.items()}
        self._level = {}
        for s, t in vocab.org_types.items():
            lv = {_LEVELS[v] for v in t.prop("level") if v in _LEVELS}
            self._level[s] = next(iter(lv)) if len(lv) == 1 else None
        self._levels = {}
        for s in vocab.org_types:
            lv = {_UNIT_LEVEL[u] for u in self._uts[s] if u in _UNIT_LEVEL}
            lvl = self._level[s]
            if not lv and lvl:
                lv = {lvl}
            self._levels[s] = frozenset(lv)
        self._central = {s: self._level[s] == "central" or not self._uts[s] for s in vocab.org_types}
        # org types by unit type and by level: what fits a place of that type (TitleParser._choose)
        by_ut: dict[str, set[str]] = {}
        by_lv: dict[str, set[str]] = {}
        for s in vocab.org_types:
            for u in self._uts[s]:
                by_ut.setdefault(u, set()).add(s)
            for level in self._levels[s]:
                by_lv.setdefault(level, set()).add(s)
        self.with_unit_type = {u: frozenset(v) for u, v in by_ut.items()}
        self.with_level = {level: frozenset(v) for level, v in by_lv.items()}
        self._needs = {s: t.flag("needsUnitName") for s, t in vocab.org_types.items()}
        self._membership = {s: t.flag("isMembership") for s, t in vocab.positions.items()}
        self._organ = {}
        for s, t in vocab.org_types.items():
            self._organ[s] = next((_ORGANS[c] for c in t.prop("orgClass") if c in _ORGANS), None)
        # inverse of the org-type properties the parser follows backwards (what is elected from / a unit of /
        # narrower than / the party organization of / an organ of a type), so no look-up walks every org type
        self._inverse: dict[str, dict[str, frozenset[str]]] = {}
        for prop in ("electedFromType", "unitOfType", "broader", "partyOrganizationOfType", "organOfType"):
            inv: dict[str, set[str]] = {}
            for s, t in vocab.org_types.items():
                for o in t.prop(SKOS_BROADER if prop == "broader" else prop):
                    inv.setdefault(o, set()).add(s)
            self._inverse[prop] = {o: frozenset(v) for o, v in inv.items()}
        # the Party's or the State's full name after one of its bodies, where the body's label may already end with
        # the name's first words ("Ban Chấp hành Trung ương Đảng | Cộng sản Việt Nam"): pillar → [(label end, rest)]
        self.polity_rest: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for pillar, name in vocab.graph.subject_objects(URIRef(VN + "polityName")):
            words = _key_tokens(str(name))
            self.polity_rest.setdefault(local_name(str(pillar)), []).extend(
                (words[:n], words[n:]) for n in range(len(words)))
        for v in self.polity_rest.values():
            v.sort(key=lambda x: -len(x[1]))           # the longest rest first
        self.polity_first = {rest[0] for v in self.polity_rest.values() for _, rest in v}
        self._fam_memo: dict = {}
        self._reading_memo: dict = {}
        self._best_memo: dict = {}
        self._keep_memo: dict = {}
        self._out_memo: dict = {}
        self._apu_memo: dict = {}
        self._touch_memo: dict = {}
        self._names_memo: dict = {}
        self._related_memo: dict[tuple[frozenset[str], bool], frozenset[str]] = {}
        self._parents_memo: dict[frozenset[str], frozenset[str]] = {}
        self._dparents_memo: dict[str, frozenset[str]] = {}
        self._open_memo: dict[str, bool] = {}
        self._pcs_memo: dict[str, frozenset[str]] = {}
        self._E = E

    def reading(self, pts: frozenset[str], orgs: frozenset[str] | None):
        """Position types ``pts`` read with organization types ``orgs`` (None: implied by the position), from
        the ontology's compatibility tables, memoised per (pts, orgs): (position types kept, org types, the
        position applies, a unit name is needed, implied org types, all org types non-territorial)."""
        key = (pts, orgs)
        r = self._reading_memo.get(key)
        if r is None:
            r = self._reading_memo[key] = self._reading(pts, orgs)
        return r

    def _reading(self, pts: frozenset[str], orgs: frozenset[str] | None):
        compatible = True
        if orgs is not None:
            fam = self.fam(orgs)
            keep = frozenset(p for p in pts if self.applies_to(p) & fam or not self.applies_to(p))
            if not keep:
                # "Ủy viên Thường vụ | Đảng ủy Quân khu" → the standing committee elected from it;
                # "Trưởng ban X | HĐND tỉnh" → the council's committee (vn:electedFromType / unitOfType / organOfType)
                # a member of a body is no member of one of its departments ("Ủy viên | Tỉnh ủy" is not the
                # Tỉnh ủy's steering committee): membership positions follow vn:electedFromType only
                membership = all(self._membership.get(p, False) for p in pts)
                rel = self.related(frozenset(orgs), not membership) & self.applies_union(pts)
                if rel:
                    orgs = frozenset(rel)
                    fam = self.fam(orgs)
                    keep = frozenset(p for p in pts if self.applies_to(p) & fam)
            if keep:
                pts = keep
            else:
                compatible = False
        # unit name for org types that need one ("Sở | Tài chính | tỉnh X"), or implied ("Giám đốc Sở")
        needs = orgs is not None and any(self.needs_unit(o) for o in orgs)
        implied: frozenset[str] = frozenset()
        if orgs is None:
            implied = self.applies_union(pts) if pts else frozenset()
            needs = bool(implied) and all(self.needs_unit(o) for o in implied)
        nonterr = orgs is not None and all(not self.unit_types_of(o) for o in orgs)
        return pts, orgs, compatible, needs, implied, nonterr

    def fam(self, orgs) -> frozenset[str]:
        """Union of the families of ``orgs`` (memoised per set of org types)."""
        if type(orgs) is not frozenset:
            orgs = frozenset(orgs)
        r = self._fam_memo.get(orgs)
        if r is None:
            r = frozenset().union(*(self.family.get(o, frozenset({o})) for o in orgs))
            self._fam_memo[frozenset(orgs)] = r
        return r

    def applies_union(self, pts) -> frozenset[str]:
        """Union of appliesTo over position types ``pts`` (memoised)."""
        if type(pts) is not frozenset:
            pts = frozenset(pts)
        r = self._apu_memo.get(pts)
        if r is None:
            r = frozenset().union(*(self.applies_to(p) for p in pts))
            self._apu_memo[frozenset(pts)] = r
        return r

    def touches(self, applies: frozenset[str], orgs: frozenset[str]) -> bool:
        """``applies & fam(orgs)`` is not empty (memoised)."""
        key = (applies, orgs)
        r = self._touch_memo.get(key)
        if r is None:
            r = self._touch_memo[key] = bool(applies & self.fam(orgs))
        return r

    def pillars(self, ot: str) -> frozenset[str]:
        return self._pillars.get(ot, self._E)

    def classes(self, ot: str) -> frozenset[str]:
        return self._classes.get(ot, self._E)

    @staticmethod
    def _labels(term) -> list[str]:
        labs = [term.label_vi] if term.label_vi else []
        labs.extend(a for a in term.alt_labels if a)
        return labs

    @staticmethod
    def _needs_unit(term) -> bool:
        return term.flag("needsUnitName")

    def _base(self, k: tuple[str, ...]) -> tuple[str, ...]:
        for n in (2, 1):
            if len(k) > n and k[-n:] in _TYPE_NOUNS:
                return k[:-n]
        return k

    # vocab accessors -------------------------------------------------------------------------
    def applies_to(self, pt: str) -> frozenset[str]:
        return self._applies.get(pt, self._E)

    def unit_types_of(self, ot: str) -> frozenset[str]:
        return self._uts.get(ot, self._E)

    def level_of(self, ot: str) -> str | None:
        return self._level.get(ot)

    def levels_of(self, ot: str) -> frozenset[str]:
        return self._levels.get(ot, self._E)

    # related, parents_of, direct_parents, parent_open, party_committees_of: memoised in dicts of the lexicon,
    # not with functools.lru_cache, whose wrapper compiled code calls as a Python object
    def related(self, orgs: frozenset[str], units: bool = True) -> frozenset[str]:
        """Org types defined relative to ``orgs``: elected from, or (``units``) unit of one of them."""
        key = (orgs, units)
        r = self._related_memo.get(key)
        if r is None:
            r = self._related_memo[key] = self._related(orgs, units)
        return r

    def _related(self, orgs: frozenset[str], units: bool) -> frozenset[str]:
        return frozenset().union(*(self._inverse[prop].get(o, ()) for o in orgs
                                   for prop in (("electedFromType", "unitOfType") if units else ("electedFromType",))))

    def parents_of(self, orgs: frozenset[str]) -> frozenset[str]:
        """Org types ``orgs`` are units of (vn:unitOfType, vn:parentType), with their narrower types."""
        r = self._parents_memo.get(orgs)
        if r is None:
            r = self._parents_memo[orgs] = self._parents_of(orgs)
        return r

    def _parents_of(self, orgs: frozenset[str]) -> frozenset[str]:
        ps: set[str] = set()
        for o in orgs:
            ps.update(self.prop(o, "unitOfType"))
            ps.update(self.prop(o, "parentType"))
        return frozenset(ps).union(*(self._inverse["broader"].get(p, ()) for p in ps))

    def names_unit(self, key: tuple[str, ...], orgs) -> bool:
        """``key`` is a variant label of every org type in ``orgs`` that carries the unit name beyond the type's
        own label ("Đảng ủy Quốc hội", "Ủy ban Dân tộc"; not "Sở", "Cục", "VPCP")."""
        mk = (key, orgs)
        r = self._names_memo.get(mk)
        if r is None:
            r = self._names_memo[mk] = bool(orgs) and all(self._variant_rest(key, o) for o in orgs)
        return r

    def _variant_rest(self, key, o) -> int:
        """Index in ``key`` where the name carried by a variant label of ``o`` starts (0: none carried)."""
        if not self.needs_unit(o) or key not in self.org_labels.get(o, ()) or key in self.pref_keys.get(o, ()):
            return 0
        n = 0
        for pk in self.pref_keys.get(o, ()):
            c = 0
            while c < len(pk) and c < len(key) and pk[c] == key[c]:
                c += 1
            n = max(n, c)
        if n >= len(key) or n == 0 and (len(key) == 1 or any(set(pk) & set(key) for pk in self.pref_keys.get(o, ()))):
            return 0      # an abbreviation, or a longer form of the type's own name ("Bộ Tư lệnh Binh chủng")
        return n + 1      # +1: 0 means "none"

    def direct_parents(self, ot: str) -> frozenset[str]:
        r = self._dparents_memo.get(ot)
        if r is None:
            r = frozenset(self.prop(ot, "unitOfType")) | frozenset(self.prop(ot, "parentType"))
            self._dparents_memo[ot] = r
        return r

    def parent_open(self, ot: str) -> bool:
        """An organization of type ``ot`` is named within a parent its type leaves open: "Vụ Pháp chế" exists in
        every ministry (vn:unitOfType bo, which needs a name, and several other bodies), while a "Cục" of the
        Ministry of Public Security has that ministry as the root of all its parent types."""
        r = self._open_memo.get(ot)
        if r is None:
            r = self._open_memo[ot] = self._parent_open(ot)
        return r

    def _parent_open(self, ot: str) -> bool:
        if not self.needs_unit(ot):
            return False
        direct = self.direct_parents(ot)

        def above(p: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
            up = self.direct_parents(p) - seen
            return up.union(*(above(q, seen | up) for q in up))
        roots = {p for p in direct if not above(p) & direct}
        return len(roots) > 1 or any(self.needs_unit(r) for r in roots)

    def party_committees_of(self, ot: str) -> frozenset[str]:
        """Party committee types (and their standing committees) of the party organization of ``ot``
        ("Ban CHQS huyện" → Đảng ủy Quân sự huyện), from vn:partyOrganizationOfType / organOfType."""
        r = self._pcs_memo.get(ot)
        if r is None:
            r = self._pcs_memo[ot] = self._party_committees_of(ot)
        return r

    def _party_committees_of(self, ot: str) -> frozenset[str]:
        inv = self._inverse
        pos = inv["partyOrganizationOfType"].get(ot, frozenset())
        pcs = frozenset(s for p in pos for s in inv["organOfType"].get(p, ()) if "PartyCommittee" in self.classes(s))
        return pcs.union(*(inv["electedFromType"].get(p, ()) for p in pcs))

    def needs_unit(self, ot: str) -> bool:
        return self._needs.get(ot, False)

    def prop(self, ot: str, name: str) -> tuple[str, ...]:
        t = self.vocab.org_types.get(ot)
        return t.prop(name) if t else ()

    def organ(self, ot: str) -> str | None:
        return self._organ.get(ot)

    def is_central(self, ot: str) -> bool:
        """National or non-territorial (no unit type): such an organization has no place."""
        return self._central.get(ot, True)


# --- parser -----------------------------------------------------------------------------------
@mypyc_attr(native_class=False)
class _Toks(list):
    """Tokens of one parse: their (start, end) in the folded key; ``texts`` holds their folded texts."""
    __slots__ = ("texts",)
    texts: list[str]


@dataclass(eq=False)     # compared by identity: a place is one reading of one span
class _Place:
    name: str = ""                         # as written (original text), without the type noun
    types: frozenset[str] | None = None    # from the type noun
    bare: bool = False                     # type noun without a name
    parent: "_Place | None" = None
    start: int = -1                        # token range
    end: int = -1
    noun_in_org: bool = False              # the type noun ended the organization name

    def __init__(self, name: str = "", types: frozenset[str] | None = None, bare: bool = False,
                 parent: "_Place | None" = None, start: int = -1, end: int = -1, noun_in_org: bool = False) -> None:
        self.name = name          # (compiled, unlike the generated __init__: see Title.__init__)
        self.types = types
        self.bare = bare
        self.parent = parent
        self.start = start
        self.end = end
        self.noun_in_org = noun_in_org

    def copy(self) -> "_Place":
        """A shallow copy (dataclasses.replace is interpreted Python, 2% of the compiled parser's instructions);
        tests/test_titles.py checks that it copies every field."""
        return _Place(self.name, self.types, self.bare, self.parent, self.start, self.end, self.noun_in_org)


@dataclass(frozen=True)
class _PseudoUnit:
    """A place known by name and type but not as one gazetteer unit."""
    id: str | None
    short_name: str
    unit_type: str
    level: str


@dataclass(eq=False)     # compared by identity ("rank_only" != a candidate without a call)
class _Cand:
    score: tuple
    pts: frozenset[str]
    orgs: frozenset[str] | None            # explicit org types (None: implied by the position)
    org_span: tuple[int, int] | None
    unit_span: tuple[int, int] | None
    place: _Place | None
    term_span: tuple[int, int] | None
    quals: list[str]
    leftover: tuple[int, int] | None       # tokens not understood
    pos_span: tuple[int, int]
    central: bool = False                  # "Trung ương" / "Việt Nam": the national body, no place
    all_pos: tuple = ()                    # every (end, position types, deputy fallback) matched at the start
    nonterritorial_name: bool = False      # trailing name of a non-territorial org is its unit ("Quân khu 1")
    by_parent: bool = False                # org types selected by the parent named after them ("…, Bộ Y tế")
    parent: tuple | None = None            # (parent org types, name start, name end) of that parent

    def __init__(self, score: tuple, pts: frozenset[str], orgs: frozenset[str] | None,
                 org_span: tuple[int, int] | None, unit_span: tuple[int, int] | None, place: _Place | None,
                 term_span: tuple[int, int] | None, quals: list[str], leftover: tuple[int, int] | None,
                 pos_span: tuple[int, int], central: bool = False, all_pos: tuple = (),
                 nonterritorial_name: bool = False, by_parent: bool = False, parent: tuple | None = None) -> None:
        self.score = score        # (compiled, unlike the generated __init__: see Title.__init__)
        self.pts = pts
        self.orgs = orgs
        self.org_span = org_span
        self.unit_span = unit_span
        self.place = place
        self.term_span = term_span
        self.quals = quals
        self.leftover = leftover
        self.pos_span = pos_span
        self.central = central
        self.all_pos = all_pos
        self.nonterritorial_name = nonterritorial_name
        self.by_parent = by_parent
        self.parent = parent


class _Info:
    """What chain resolution knows of one title of the chain being parsed."""

    def __init__(self, cand: _Cand, texts: list[str]):
        self.cand = cand
        self.texts = texts
        self.unit: Any = None                  # the gazetteer unit of its place
        self.pseudo: Any = None                # a place known by name and type, not as one unit (_PseudoUnit)
        self.utype: str | None = None          # the unit type of its place
        self.orgs: frozenset[str] = frozenset()     # the organization types it may name
        self.label_implied = False             # the position label implies them
        self.final_org: str | None = None      # the one chosen (pass 4)
        self.place_error = ""
        self.generic_party = False             # a bare "Đảng ủy" of an agency, not of the territory
        self.rule3 = False                     # its party committee is the next title's organization's


class TitleParser:
    """Parser bound to a vocabulary and a gazetteer (both loaded once and shared). One parse at a time: the parse
    under way keeps its memo on the parser, so a parser is not to be shared between threads."""

    _default: ClassVar["TitleParser | None"] = None
    _bound: ClassVar[bool] = True       # skip candidate readings whose score bound cannot beat the best one (same result)

    def __init__(self, vocab=None, gazetteer=None) -> None:
        if vocab is None:
            from .vocab import Vocab
            vocab = Vocab.instance()
        self.vocab = vocab
        self._gaz: Gazetteer | None = gazetteer
        self.lex = Lexicon(vocab)
        self._cache: dict[tuple, tuple[Title, ...]] = {}
        # the parse under way (one at a time: a parser is not to be shared between threads)
        self._memo_texts: list[str] | None = None
        self._memo: dict = {}
        self._source: tuple = ()

    @classmethod
    def default(cls) -> "TitleParser":
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = Gazetteer.default()
        return self._gaz

    # -- public -----------------------------------------------------------------------------------
    def parse_titles(self, text: str, *, at=None, place=None, cache: bool = True) -> list[Title]:
        """Parse a chain. Results are memoised per (text, at, place) — titles repeat a lot in a corpus —
        and returned as fresh copies; ``cache=False`` always parses."""
        at = _as_date(at)
        key = (text, at, place if isinstance(place, (str, type(None))) else id(place))
        if cache:
            hit = self._cache.get(key)
            if hit is not None:
                return [replace(t, qualifiers=list(t.qualifiers)) for t in hit]
        # a parse makes many short-lived containers and no garbage cycles (its state on the parser is dropped at its
        # end, see _parse_titles): the cyclic collector, run every few hundred of them, would only slow it down (a
        # tenth of the compiled parser's time)
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            titles = self._parse_titles(text, at, place)
        finally:
            if paused:
                gc.enable()
        if cache:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = tuple(replace(t, qualifiers=list(t.qualifiers)) for t in titles)
        return titles

    def _parse_titles(self, text: str, at, place) -> list[Title]:
        asides = self._asides(text) if "(" in text else ()
        if asides:      # read without them: the same text with spaces for each aside, so every offset holds
            chars = list(text)
            for a_, e_, _ in asides:
                chars[a_:e_] = " " * (e_ - a_)
            m = fold_map_fast("".join(chars), expand=True, mode="title")
            m.original = text       # raw and spans are read from the text as given
        else:
            m = fold_map_fast(text, expand=True, mode="title")
        key = m.text
        texts: list[str] = []
        toks = _Toks()
        _tokenize(key, texts, toks)
        toks.texts = texts
        if len(texts) >= 1 << 27:
            raise ValueError(f"a title chain of {len(texts):,} tokens is too long to read (at most {(1 << 27) - 1:,})")
        # the memo of this parse belongs to these tokens (see _memo_of); the previous state is put back after it
        state = (self._memo_texts, self._memo, self._source)
        self._memo_texts, self._memo, self._source = texts, {}, (toks, m)
        try:
            titles = self._read(toks, m, text, at, place)
        finally:
            self._memo_texts, self._memo, self._source = state
        for a_, _, note in asides:     # an aside belongs to the title it follows
            before = [t for t in titles if t.span[0] < a_]
            if before:
                t = before[-1]
                t.note = f"{t.note}; {note}" if t.note else note
        return titles

    def _read(self, toks: "_Toks", m: Mapped, text: str, at, place) -> list[Title]:
        """The titles of one tokenized chain (inside the parse state set by _parse_titles)."""
        self._glued = {}
        groups = self._split(toks, m.text)
        glued, self._glued = self._glued, None
        ctx = self._context_units(place, at)
        parsed = []
        pending_rank: str | None = None
        results = []
        for a, b in groups:
            r = self._parse_group(toks, a, b, m, text)
            if r[0] != "rank_only" and self._failed(r[0]):
                two = self._resplit(toks, a, b, m, text, glued.get((a, b)), r[0])
                if two:
                    results.extend(two)
                    continue
            results.append(r)
        for r in results:
            if r[0] == "rank_only":
                pending_rank = r[3]
                continue
            cand, a, b, rank = r
            parsed.append((cand, a, b, rank or pending_rank))
            pending_rank = None
        titles = [self._to_title(c, toks, a, b, m, text, rank) for c, a, b, rank in parsed]
        self._resolve_chain(titles, parsed, toks, m, text, at, ctx)
        return titles

    def _asides(self, text: str) -> list[tuple[int, int, str]]:
        """Parenthesised asides that are no part of a title: (start, end, note as written) of "(lần 2)", "(nay là
        Bộ Công an)", "(C03)", "(Việt Nam)"; not a title, a qualifier, a term or years, a place, or an organization
        ("(kiêm nhiệm)", "(2011-2016)", "(Quyền Chủ tịch …)", "(Bộ Công an)"), which are read with the title."""
        out = []
        for mt in _PAREN_RE.finditer(text):
            words = list(_key_words(fold_map_fast(mt.group(1), expand=True, mode="title").text))
            n = len(words)
            if not n or self._starts_title(words, 0, n) or tuple(words) in _INNER_QUALIFIERS or \
                    self._term(words, 0, n) > 0 or self._mt(self.lex.type_nouns, words, 0, n):
                continue
            org = self._mt(self.lex.org, words, 0, n)
            if org and not all(_ROMAN.match(w) or w.isdigit() for w in words[org[0][0]:] or ["-"]):
                continue            # an organization, but not "(Vụ 5)": a department's number
            out.append((mt.start(), mt.end(), " ".join(mt.group(1).split())))
        return out

    # -- the state of one parse: a memo of trie look-ups and sub-parses for its tokens only ------------
    def _memo_of(self, texts: list[str]) -> dict | None:
        """The memo of the parse under way when ``texts`` are its tokens, else None (a list of other words, read
        while parsing, has none: every key holds token positions)."""
        return self._memo if texts is self._memo_texts else None

    def _mt(self, trie: _Trie, texts: list[str], i: int, end: int) -> list[tuple[int, frozenset[str]]]:
        """``trie.matches(texts, i, end)``, memoised for the current parse."""
        if i >= end or texts[i] not in trie.root:
            return []         # no label starts here (what matches() finds too)
        if texts is not self._memo_texts:
            return trie.matches(texts, i, end)
        key = ((i << 27 | end) << 8) | trie.tag     # an int: hashed and compared faster than a tuple (see _read)
        memo = self._memo
        r = memo.get(key)
        if r is None:
            r = memo[key] = trie.matches(texts, i, end)
        return r

    def _capitalized(self, i: int) -> bool:
        """Token ``i`` of the parse under way begins with a capital letter in the original text (a name: "Bộ Tư
        pháp", not "cán bộ")."""
        toks, m = self._source
        s, _ = m.span(toks[i][0], toks[i][1])
        return m.original[s:s + 1].isupper()

    def prepare(self) -> "TitleParser":
        """Build now what the first parses would build lazily (the gazetteer and its diacritic-free index, the
        abbreviation patterns), so that a server answers its first request, and a benchmark times parsing, not
        loading."""
        from .abbrev import prepare
        prepare()
        self.gazetteer.prepare()
        return self

    def holds_title(self, text: str) -> bool:
        """A position title begins somewhere in ``text`` (a name that swallowed the next title)."""
        toks = list(_key_tokens(text)) if text else []
        return any(self.lex.pos.matches(toks, i, len(toks)) for i in range(len(toks)))

    def parse_title(self, text: str, *, at=None, place=None) -> Title:
        """A single title; if ``text`` holds a chain, the first title (see :meth:`parse_titles`)."""
        ts = self.parse_titles(text, at=at, place=place)
        if not ts:
            return Title(raw=text, span=(0, len(text)), ok=False, error=f"not understood: {text!r} (empty)")
        return ts[0]

    # -- splitting ----------------------------------------------------------------------------------
    def _split(self, toks: "_Toks", key: str = "") -> list[tuple[int, int]]:
        """Token ranges of the titles: split at separators, then glue continuations back."""
        pieces: list[tuple[int, int, str]] = []   # (start, end, separator before)
        start, sep = 0, ""
        texts: list[str] = toks.texts
        n = len(texts)
        for i in [x for x, t in enumerate(texts) if t in _SEPARATORS]:      # any other word splits nothing
            t = texts[i]
            hard = t in _SPLIT_PUNCT or (t in _SPLIT_WORD and texts[i + 1:i + 2] != ["nhiệm"])
            # soft separators: " - ", ". " and "và" split only when a title follows ("Chính phủ - Thủ tướng …",
            # "Phó Bí thư và Chủ tịch UBND tỉnh"; not "Bộ Kế hoạch và Đầu tư")
            # ("Chính ủy-Bí thư Đảng ủy Quân đoàn 4": a dash between two titles, with or without spaces)
            soft = t in _SOFT_SPLIT or (t == "." and key and 0 < toks[i][0] and toks[i][1] < len(key)
                                                   and key[toks[i][1]] == " ")
            if hard or (soft and self._starts_title(texts, i + 1, n)):
                if i > start:
                    pieces.append((start, i, sep))
                sep = t if hard else ";"
                start = i + 1
        if start < n:
            pieces.append((start, n, sep))
        groups: list[list[int]] = []
        for a, b, sep in pieces:
            if groups and sep not in (";", "kiêm") and not self._starts_title(texts, a, b):
                groups[-1][1] = b          # continuation: "tỉnh Quảng Bình", "Giáo dục, …", "(kiêm nhiệm)"
            elif groups and sep == "," and self._comma_label(texts, groups[-1][0], a):
                groups[-1][1] = b          # "Bộ trưởng, Chủ nhiệm …": one label (read apart if that fails)
                groups[-1].append(a)
            else:
                groups.append([a, b])
        if self._glued is not None:
            self._glued = {(g[0], g[1]): g[2] for g in groups if len(g) > 2}
        return [(g[0], g[1]) for g in groups]

    _glued: dict | None = None

    @staticmethod
    def _failed(cand) -> bool:
        """The reading leaves words over, or its position does not fit its organization or place."""
        return bool(cand.pts) and (cand.leftover is not None or not cand.score[1] or not cand.score[2])

    def _resplit(self, toks, a, b, m, text, glued, cand):
        """A failed title read as two: a comma label ("Bộ trưởng, Chủ nhiệm") whose organization does not fit it
        ("… Văn phòng Chính phủ", headed by the Chủ nhiệm), or two positions written side by side ("Phó Tư
        lệnh[-]Tham mưu trưởng Quân khu 4"). Only when the second part reads cleanly with an organization."""
        texts = toks.texts
        cuts = []
        if glued is not None:
            cuts.append((glued - 1, glued))
        ps, pe = cand.pos_span
        lab = [x for x in range(ps, pe) if texts[x] not in _SKIP_PUNCT and texts[x] != ","]
        for h, tl in self.lex.comma_pos:        # "Bộ trưởng Chủ nhiệm …" written without its comma
            if len(lab) == len(h) + len(tl) and tuple(texts[x] for x in lab) == h + tl:
                cuts.append((lab[len(h)], lab[len(h)]))
        e = pe
        while e < b and texts[e] in ("-", "–", "—"):
            e += 1
        if pe < b and e < b and self._mt(self.lex.pos, texts, e, b) and not self._mt(self.lex.org, texts, e, b):
            cuts.append((pe, e))
        for c0, c1 in cuts:
            r2 = self._parse_group(toks, c1, b, m, text)
            c2 = r2[0]
            if c2 == "rank_only" or not c2.pts or c2.orgs is None or self._failed(c2):
                continue
            r1 = self._parse_group(toks, a, c0, m, text)
            if r1[0] == "rank_only" or not r1[0].pts:
                continue
            return [r1, r2]
        return None

    def _comma_label(self, texts, ga: int, a: int) -> bool:
        """The piece before the comma and the start of the next one form one position label ("Bộ trưởng,
        Chủ nhiệm Ủy ban Dân tộc" is one title)."""
        if not self.lex.comma_pos:
            return False
        while ga < a and (texts[ga],) in _PREFIX_QUALIFIERS:
            ga += 1
        head = tuple(texts[ga:a - 1])
        return any(h == head and tuple(texts[a:a + len(tl)]) == tl for h, tl in self.lex.comma_pos)

    def _starts_title(self, texts: list[str], a: int, b: int) -> bool:
        i = a
        while i < b and (texts[i],) in _PREFIX_QUALIFIERS:
            i += 1
        if i >= b:
            return False
        if texts[i] == "phó" and i + 1 < b and self._mt(self.lex.pos, texts, i + 1, b):
            return True        # "Phó Tổng Tham mưu trưởng": a deputy of a position (no label of its own)
        return bool(self._mt(self.lex.pos, texts, i, b) or self._mt(self.lex.rank, texts, i, b))

    # -- one title ----------------------------------------------------------------------------------
    def _parse_group(self, toks: _Toks, a: int, b: int, m: Mapped, text: str):
        texts: list[str] = toks.texts
        quals: list[str] = []
        rank = None
        i = a
        while i < b:
            q = _PREFIX_QUALIFIERS.get((texts[i],))
            if q:
                quals.append(q)
                i += 1
                continue
            r = self._mt(self.lex.rank, texts, i, b)
            if r and not self._mt(self.lex.pos, texts, i, b):
                rank = min(r[0][1])
                i = r[0][0]
                continue
            break
        if i >= b:
            if rank and not quals:
                return "rank_only", a, b, rank
        cands: list[_Cand] = []
        pos_matches: list[tuple[int, int, frozenset[str], list[str]]] = [(i, pj, pts, []) for pj, pts in self._mt(self.lex.pos, texts, i, b)] if i < b else []
        if i + 1 < b and texts[i] == "phó":
            # "Phó Bí thư Tỉnh đoàn": no deputy slug for that organization → base position + qualifier "phó"
            pos_matches += [(i, pj, pts, ["phó"]) for pj, pts in self._mt(self.lex.pos, texts, i + 1, b)]
        # an inner qualifier inside a position label: "Phó Chủ nhiệm | Thường trực | Ủy ban Kiểm tra …" is the label
        # "Phó Chủ nhiệm Ủy ban Kiểm tra" (the qualifier is reported from the position's span, see _to_title)
        # — only where no label goes on with the qualifier's own words ("Phó Chủ tịch Thường trực UBND", "Bí thư thứ
        # nhất Trung ương Đoàn", "Ủy viên dự khuyết" are labels of their own)
        inside_q: dict[int, list[str]] = {}
        direct = [pj for _, pj, _, q0 in pos_matches if not q0]
        for pj in direct:
            if pj >= b or texts[pj] not in _INNER_FIRST:
                continue
            j, q1 = self._inner_quals(texts, pj, b)
            if q1 and j < b and not any(d > pj for d in direct):
                node = self.lex.pos.node(tuple(t for t in texts[i:pj] if t not in _SKIP_PUNCT))
                for pj2, pts2 in (self.lex.pos.matches(texts, j, b, node) if node is not None else ()):
                    if pj2 not in inside_q:
                        pos_matches.append((i, pj2, pts2, []))
                        inside_q[pj2] = q1
        # Every (position, organization) reading, with an upper bound of its score known before its place and
        # term are read: only the readings that can still beat the best one so far are read in full.
        specs: list[tuple] = []
        full_labels = {pj for _, pj, _, _ in pos_matches}
        for ps_, pj, pts, q0 in pos_matches:
            # optional inner qualifiers between position and organization
            j, q1 = self._inner_quals(texts, pj, b)
            q1 = (q0 or inside_q.get(pj, [])) + q1
            org_opts = self._org_options(texts, i, pj, pts, j, b)
            for os_start, ok_, orgs, pre_unit, central, skipped in org_opts:
                read = self.lex.reading(pts, orgs)
                compatible = read[2]
                if pre_unit is not None and not all(self.lex.needs_unit(o) for o in read[1] or ()) and \
                        any(x not in _SKIP_PUNCT and x != "," for x in texts[pre_unit[0]:pre_unit[1]]):
                    continue        # a name before the organization names a body only of a type that needs one
                if orgs is not None and read[1] != orgs and ok_ == b and ok_ in full_labels:
                    # a title that is a position label written out in full ("Tổng Thư ký Quốc hội") is not re-read
                    # as a position of a body related to the organization it names (the Standing Committee's
                    # Secretary General)
                    continue
                org_len = (ok_ - os_start) if orgs is not None else 0
                pos_len = pj - i - (1 if q0 else 0)
                bound = (True, compatible, True, pre_unit is None, b - i, not skipped, org_len, pos_len)
                # the bound packed into one int in the same order (its constant parts left out; each count of tokens
                # fits 32 bits), so that sorting compares ints, not tuples; -n: among equal bounds, the first first
                packed = ((((int(compatible) << 1 | int(pre_unit is None)) << 32 | (b - i)) << 1 | int(not skipped))
                          << 32 | org_len) << 32 | pos_len
                specs.append((packed, -len(specs), bound, pj, pts, q0, j, q1, os_start, ok_, orgs, pre_unit, central,
                              skipped))
        best, best_n = None, -1
        prune = self._bound
        order = sorted(specs)       # (ascending, read from the end: sorted() with arguments is not compiled)
        for x in range(len(order) - 1, -1, -1):
            _, neg_n, bound, pj, pts, q0, j, q1, os_start, ok_, orgs, pre_unit, central, skipped = order[x]
            n = -neg_n
            if prune and best is not None and (bound < best.score or bound == best.score and n > best_n):
                continue      # cannot win: max() keeps the first of equal scores
            c = self._candidate(texts, i, pj, pts, os_start, ok_, orgs, j, b, quals + q1, pre_unit, central,
                                skipped)
            if q0:   # the deputy reading is only a fallback
                c.score = c.score[:-1] + (c.score[-1] - 1,)
                c.pos_span = (i + 1, pj)
            if c.score > bound:     # never expected: then read every candidate, as without the bound
                if prune:
                    return self._parse_group_all(toks, a, b, m, text, specs, quals, rank, i, pos_matches)
            if best is None or c.score > best.score or c.score == best.score and n < best_n:
                best, best_n = c, n
        if best is not None:
            cands.append(best)
        if not cands:       # (_to_title says what was not understood)
            return (_Cand((0,), frozenset(), None, None, None, None, None, quals, (i, b), (i, i)), a, b, rank)
        best = cands[0]     # (the one best reading)
        best.all_pos = self._all_pos(texts, i, pos_matches)
        return (best, a, b, rank)

    def _all_pos(self, texts: list[str], i: int, pos_matches: list) -> tuple:
        """Every (end, position types incl. the label's head types, deputy fallback) matched at ``i``."""
        heads = self.lex.pos_heads
        out = []
        for _, pj, pts, q0 in pos_matches:
            words = texts[i + 1 if q0 else i:pj]
            for x in words:
                if x in _SKIP_PUNCT:
                    words = [w for w in words if w not in _SKIP_PUNCT]
                    break
            out.append((pj, pts | heads.get(tuple(words), pts), bool(q0)))
        return tuple(out)

    def _parse_group_all(self, toks, a, b, m, text, specs, quals, rank, i, pos_matches):
        """:meth:`_parse_group` reading every candidate in full (the safety net of the score bound)."""
        texts = toks.texts
        cands = []
        for _, _, bound, pj, pts, q0, j, q1, os_start, ok_, orgs, pre_unit, central, skipped in specs:
            c = self._candidate(texts, i, pj, pts, os_start, ok_, orgs, j, b, quals + q1, pre_unit, central,
                                skipped)
            if q0:
                c.score = c.score[:-1] + (c.score[-1] - 1,)
                c.pos_span = (i + 1, pj)
            cands.append(c)
        best = max(cands, key=lambda c: c.score)
        best.all_pos = self._all_pos(texts, i, pos_matches)
        return (best, a, b, rank)

    def _org_options(self, texts: list[str], i: int, pj: int, pts: frozenset[str], j: int, b: int) -> list[tuple]:
        """(org start, org end, org types or None, unit-name gap before the org or None, central marker)."""
        lex = self.lex
        opts: list[tuple] = [(j, j, None, None, False, False)]
        # organ and level words between position and organization: "Ủy viên thường vụ BCH Hội Nông dân",
        # "Ủy viên BCH Trung ương Hội LHPN" (the mass organization's central committee)
        j2, central = j, False
        while j2 < b and texts[j2] in _ORGAN_FIRST:
            for w in _ORGAN_WORDS:
                if tuple(texts[j2:j2 + len(w)]) == w and j2 + len(w) < b:
                    j2 += len(w)
                    break
            else:
                if tuple(texts[j2:j2 + 2]) == _CENTRAL and j2 + 2 < b:
                    j2 += 2
                    central = True
                    continue
                break
        starts = [(j, False)] + ([(j2, central)] if j2 > j else [])
        for st, cen in starts:
            for ok_, os_ in self._mt(lex.org, texts, st, b):
                opts.append((st, ok_, os_, None, cen, st != j))
        # an organization named without its head words, which the position's title implies ("Thứ trưởng Quốc
        # phòng"): only a named type of organization ("Bộ Quốc phòng"), never a bare "Bộ" + any words
        applies = lex.applies_union(pts)
        if j < b and all(o[2] is None or not lex.touches(applies, o[2]) for o in opts):
            memo: dict | None = self._memo_of(texts)
            for head in frozenset().union(*(lex.implied_head.get(p, ()) for p in pts)):
                if tuple(texts[j:j + len(head)]) != head:
                    for ok_, os_ in lex.org.matches(texts, j, b, lex.org.node(head)):
                        if ok_ > j:
                            opts.append((j, ok_, os_, None, False, False))
                            if memo is not None:     # the label read is head + these words (see _org_key)
                                memo[("head", j, ok_, os_)] = head
        # an organization name may begin inside the position phrase:
        # "Ủy viên Ban Thường vụ | Tỉnh ủy" → "Ủy viên [Ban Thường vụ Tỉnh ủy]"
        org_first = lex.org.root
        for s_ in range(i + 1, pj):
            if texts[s_] not in org_first:
                continue
            for ok_, os_ in self._mt(lex.org, texts, s_, b):
                if ok_ > pj:
                    opts.append((s_, ok_, os_, None, False, False))
        for gk, gslug in self._gapped(texts, j, b):
            opts.append((j, gk, gslug, None, False, False))
        # the body's own name before its organization: "Trưởng ban | Dân tộc | HĐND tỉnh X"
        if len(opts) == 1 or all(o[2] is None or not lex.touches(applies, o[2]) for o in opts):
            for g in range(j + 1, min(b, j + 9)):
                if texts[g] in (",", ";"):
                    break
                # the body's kind ends the position phrase: "Trưởng ban" + "Ban … của HĐND" (not "Ủy viên |
                # Đảng đoàn | Quốc hội", "Ủy viên | Đoàn Chủ tịch | UBMTTQ")
                ms = [(ok_, os_) for ok_, os_ in self._mt(lex.org, texts, g, b)
                      if any(texts[pj - 1] in lex.label_first.get(o, ())
                             for o in applies & (self._fam(os_) | lex.related(os_)))]
                if ms:
                    for ok_, os_ in ms:
                        opts.append((g, ok_, os_, (j, g), False, False))
                    break
        return opts

    def _of_parent(self, texts: list[str], k: int, b: int, orgs, bare: bool = False) -> tuple[int, frozenset[str] | None, tuple | None]:
        """Skip "của <parent>" (or ", <parent>") when the parent names the type the org is a unit of ("… của
        Quốc hội", "Quân khu 7, Bộ Quốc phòng", "Cục Quản lý Dược, Bộ Y tế"), with the country after it. Returns
        the end, the org types that the named parent selects (None: no parent named, or no selection) and the
        parent (its org types, name start, name end) or None."""
        if orgs is None or k >= b or texts[k] not in (_OF[0], ",") and not bare:
            return k, None, None
        lex = self.lex
        orgs = orgs if type(orgs) is frozenset else frozenset(orgs)
        parents = lex.parents_of(orgs)
        found = self._mt(lex.org, texts, k if bare else k + 1, b)   # bare: the parent begins at k, after no word
        for e, ps in found:
            if ps & parents:
                named = e
                if all(lex.needs_unit(p) for p in ps & parents):
                    e = self._nonterr_end(texts, e, b)    # the parent's own name ("Bộ | Y tế")
                # the parent is recorded only when its label is the longest there ("Bộ | Tư lệnh Cảnh sát cơ động"
                # is a command, not a ministry of that name)
                parent = (ps & parents, named, e) if named == found[0][0] else None
                if tuple(texts[e:e + 2]) == _VIETNAM:
                    e += 2
                exact = frozenset(o for o in orgs if lex.direct_parents(o) & ps)
                return e, (exact if exact and exact != orgs else None), parent
        return k, None, None

    def _bare_parent(self, texts, k: int, stop: int, b: int, orgs):
        """The body that a unit name from ``k`` to ``stop`` belongs to, named without a comma or "của" ("Vụ Pháp
        chế | Bộ Tư pháp"): a label of a type the organization is a unit of, written with a capital letter (not
        the "bộ" of "Vụ Tổ chức cán bộ"), after at least one word of the name ("thuộc" = "of" left out), that
        runs to the name's end. (end of the unit name, what :meth:`_of_parent` returns for it) or None."""
        if orgs is None or stop <= k + 1:
            return None
        lex = self.lex
        first = lex.org.root
        parents = None
        for x in range(k + 1, stop):
            if texts[x] not in first:
                continue
            if parents is None:
                parents = lex.parents_of(orgs if type(orgs) is frozenset else frozenset(orgs))
            if any(ps & parents for _, ps in self._mt(lex.org, texts, x, b)) and self._capitalized(x):
                of = self._of_parent(texts, x, b, orgs, bare=True)
                if of[0] < stop:
                    return None       # the name goes on after the parent's ("Tòa phúc thẩm TANDTC tại Hà Nội")
                end = x
                while end - 1 > k and texts[end - 1] in ("thuộc", ","):
                    end -= 1
                return end, of
        return None

    def _fam(self, orgs) -> frozenset[str]:
        return self.lex.fam(orgs)

    def _inner_quals(self, texts: list[str], j: int, b: int) -> tuple[int, list[str]]:
        quals: list[str] = []
        while j < b:
            if texts[j] not in _INNER_FIRST:
                if texts[j] in _SKIP_PUNCT:
                    j += 1
                    continue
                break
            for k, q in _INNER_QUALIFIERS.items():
                if tuple(texts[j:j + len(k)]) == k:
                    quals.append(q)
                    j += len(k)
                    break
            else:
                if texts[j] in _SKIP_PUNCT:
                    j += 1
                    continue
                break
        return j, quals

    def _gapped(self, texts: list[str], j: int, b: int) -> list[tuple[int, frozenset[str]]]:
        """Org labels with a unit-name gap: "Ủy ban … của Quốc hội" → (end, {slug}) with the gap as unit."""
        out = []
        if j >= b:
            return []
        first = texts[j]
        if first not in self.lex.gapped_first:
            return []
        memo: dict | None = self._memo_of(texts)
        key = ("gapped", j, b)
        if memo is not None and key in memo:
            return memo[key]
        ofs = []                                   # every gapped tail starts with "của"
        k = j + 1
        while True:
            try:
                k = texts.index(_OF[0], k, b)
            except ValueError:
                break
            ofs.append(k)
            k += 1
        for head, tail, slug in self.lex.org_gapped:
            if head[0] != first or tuple(texts[j:j + len(head)]) != head:
                continue
            for k in ofs:
                if k < j + len(head) + 1 or k > b - len(tail):
                    continue
                if tuple(texts[k:k + len(tail)]) == tail:
                    out.append((k + len(tail), frozenset({slug}), (j + len(head), k)))
                    break
        r = [(e, s) for e, s, _ in out]
        if memo is not None:
            memo[key] = r
        return r

    def _candidate(self, texts: list[str], i: int, pj: int, pts: frozenset[str], os_start: int, ok_: int,
                   orgs: frozenset[str] | None, j: int, b: int, quals: list[str],
                   pre_unit: tuple[int, int] | None = None, central: bool = False, skipped: bool = False) -> _Cand:
        lex = self.lex
        pts, orgs, compatible, needs, implied, nonterr_orgs = lex.reading(pts, orgs)
        k = ok_
        unit_span = None
        gap = None
        if orgs is not None and len(orgs) == 1:
            for head, tail in lex.gapped_by_slug.get(next(iter(orgs)), ()):
                if tuple(texts[j:j + len(head)]) == head and \
                        tuple(texts[ok_ - len(tail):ok_]) == tail:
                    gap = (j + len(head), ok_ - len(tail))
        if orgs is not None and tuple(texts[ok_ - 2:ok_]) == _VIETNAM:
            central = True
        k2, q2 = self._inner_quals(texts, k, b)
        quals = quals + q2
        k = k2
        k, sel, parent = self._of_parent(texts, k, b, orgs)
        if orgs is not None and tuple(texts[k:k + 2]) in (_CENTRAL, _VIETNAM):
            central, k = True, k + 2
        # (a body the position implies and that needs a name takes the country into it: "Đại sứ | Việt Nam tại Nga")
        if k < b and texts[k] in lex.polity_first and (orgs or implied and not needs):
            e = self._polity_end(texts, ok_, k, b, orgs if orgs is not None else implied)
            if e > k:
                central, k = True, e
        nonterritorial = (orgs is not None and nonterr_orgs) or \
            (orgs is None and self._label_nonterritorial(texts, i, pj, pts))
        if pre_unit:
            unit_span = pre_unit
        elif gap:
            unit_span = gap
        elif needs and orgs is not None and lex.names_unit(self._org_key(texts, os_start, ok_, orgs), orgs):
            # the variant label carries the name ("Ủy ban Dân tộc" of Bộ): a parent may follow without "của"
            for e, ps in self._mt(lex.org, texts, k, b):
                parents = ps & lex.parents_of(orgs if type(orgs) is frozenset else frozenset(orgs))
                if parents:
                    parent = (parents, e, e)
                    k = e + 2 if tuple(texts[e:e + 2]) == _VIETNAM else e
                    break
        elif nonterritorial and not (orgs is not None and self._overlapped(texts, os_start, ok_, b, orgs)):
            # "Quân khu 1", "Chi bộ Vụ Dân tộc": the name after a non-territorial org is its own name
            stop = self._nonterr_end(texts, k, b)
            if stop > k and texts[k] != ",":
                bare = self._bare_parent(texts, k, stop, b, orgs)
                if bare:
                    stop, (e, sel, parent) = bare
                unit_span = (k, stop)
                k = e if bare else stop
                if tuple(texts[k:k + 2]) == _VIETNAM:    # "Hải quân Việt Nam": the country is no part of the name
                    k += 2
            central = True
        elif needs:
            scope = orgs if orgs is not None else implied
            scoped = any(lex.unit_types_of(o) or lex.is_central(o) and lex.level_of(o) for o in scope)
            stop = self._unit_end(texts, k, b, scoped and not (orgs and all(lex.is_central(o) for o in orgs)))
            if not scoped:
                stop = self._term_start(texts, k, b)
            bare = self._bare_parent(texts, k, stop, b, orgs)
            if bare:
                stop, (e, sel, parent) = bare      # the unit name ends before the parent (never empty)
            if stop > k:
                unit_span = (k, stop)
                k = e if bare else stop
        k, sel2, parent2 = self._of_parent(texts, k, b, orgs)
        sel, parent = sel2 or sel, parent2 or parent
        # a type noun ending the organization name ("Ủy ban nhân dân thành phố") types the place
        org_noun = None
        if orgs is not None:
            for n in (2, 1):
                if ok_ - n >= os_start and tuple(texts[ok_ - n:ok_]) in _TYPE_NOUNS:
                    org_noun = _TYPE_NOUNS[tuple(texts[ok_ - n:ok_])]
                    break
        place, k, q34, term_span, place_ok = self._tail(texts, k, b, org_noun, ok_)
        if q34:
            quals = quals + list(q34)
        leftover = (k, b) if k < b else None
        covered = k - i
        score = (leftover is None, compatible, place_ok, pre_unit is None, covered, not skipped,
                 (ok_ - os_start) if orgs is not None else 0, pj - i)
        c = _Cand(score, pts, orgs, (os_start, ok_) if orgs is not None else None, unit_span, place, term_span,
                  quals, leftover, (i, pj))
        c.central = central
        c.parent = parent
        if sel:
            c.orgs, c.by_parent = sel, True
        return c

    def _polity_end(self, texts, ok_: int, k: int, b: int, orgs) -> int:
        """End of the Party's or the State's full name written at ``k`` after a body of it ("Chính phủ | nước Cộng
        hòa xã hội chủ nghĩa Việt Nam"); a name whose first words end the body's label ("… Trung ương Đảng |
        Cộng sản Việt Nam") continues only right after the label. ``k`` when none is written there."""
        lex = self.lex
        for pillar in frozenset().union(*(lex.pillars(o) for o in orgs)):
            for head, rest in lex.polity_rest.get(pillar, ()):
                if head and (k != ok_ or tuple(texts[ok_ - len(head):ok_]) != head):
                    continue
                if tuple(texts[k:k + len(rest)]) == rest and k + len(rest) <= b:
                    return k + len(rest)
        return k

    def _overlapped(self, texts: list[str], os_start: int, ok_: int, b: int, orgs) -> bool:
        """The label of an organization of another pillar begins inside this one's and runs past it: "Ban Tổ chức
        [Trung ương] Đoàn" is the Youth Union's ("Trung ương Đoàn"), so "Đoàn" is no name of the Party's Ban Tổ chức
        Trung ương (while "Ban Đối ngoại [Trung ương Đảng] Cộng sản Việt Nam" names the Party it belongs to)."""
        lex = self.lex
        mine = frozenset().union(*(lex.pillars(o) for o in orgs))
        return any(e > ok_ and not any(lex.pillars(o) & mine for o in os_)
                   for s_ in range(os_start + 1, ok_) if texts[s_] in lex.org.root
                   for e, os_ in self._mt(lex.org, texts, s_, b))

    def _tail(self, texts: list[str], k: int, b: int, org_noun: frozenset[str] | None, ok_: int) -> tuple:
        """What follows the organization (and unit name): place, inner qualifiers, term — the same for every
        candidate reading that ends its organization at ``k`` (memoised per parse: the candidates of one title
        share the place object, which nothing modifies after this). (place, end, qualifiers, term span, place
        known)."""
        memo: dict | None = self._memo_of(texts)
        key = ("tail", k, b, org_noun, ok_ if org_noun is not None else -1)
        r = memo.get(key) if memo is not None else None
        if r is None:
            r = self._tail_raw(texts, k, b, org_noun, ok_)
            if memo is not None:
                memo[key] = r
        return r

    def _tail_raw(self, texts: list[str], k: int, b: int, org_noun: frozenset[str] | None, ok_: int) -> tuple:
        if k >= b:      # nothing follows the organization (the common case): no place but the org's own noun
            return (_Place(types=org_noun, bare=True, start=ok_, end=ok_) if org_noun is not None else None,
                    k, (), None, True)
        place, k = self._place(texts, k, b)
        if org_noun is not None:
            if place is None:
                place = _Place(types=org_noun, bare=True, start=ok_, end=ok_)
            elif place.types is None:
                place.types = org_noun
                place.noun_in_org = True
        k3, q3 = self._inner_quals(texts, k, b)
        quals = q3
        k = k3
        term_span = None
        if k + 1 < b and texts[k] == "," and texts[k + 1] in _TERM_FIRST and self._term(texts, k + 1, b) > k + 1:
            k += 1        # "Ủy viên Bộ Chính trị, khóa XII, XIII"
        tk = self._term(texts, k, b)
        if tk > k:
            term_span = (k, tk)
            k = tk
            if place is None:   # "Trưởng Đoàn ĐBQH khóa XIII tỉnh Kiên Giang", "Đại biểu Quốc hội khóa XIV, tỉnh X"
                at = k + 1 if k + 1 < b and texts[k] == "," and self._mt(self.lex.type_nouns, texts, k + 1, b) else k
                place, k2 = self._place(texts, at, b)
                k = k2 if place is not None else k
        k4, q4 = self._inner_quals(texts, k, b)
        quals, k = quals + q4, k4
        place_ok = True
        if place is not None and not place.bare:
            place_ok = bool(self._known_place(texts, place))
        return place, k, tuple(quals), term_span, place_ok

    def _label_nonterritorial(self, texts: list[str], i: int, pj: int, pts: frozenset[str]) -> bool:
        """The position label names a non-territorial organization ("Bí thư Chi bộ"): what follows is the
        host organization's name, not a place."""
        key = tuple(t for t in texts[i:pj] if t not in _SKIP_PUNCT)
        imp: set[str] = set()
        for p in pts:
            imp |= self.lex.pos_implied.get((key, p), frozenset())
        return bool(imp) and all(not self.lex.unit_types_of(o) and not self.lex.level_of(o) for o in imp)

    def _known_place(self, texts: list[str], place: _Place) -> bool:
        return self.gazetteer.known(" ".join(t for t in texts[place.start:place.end] if t not in _SKIP_PUNCT))

    def _nonterr_end(self, texts: list[str], k: int, b: int) -> int:
        """End of the name after a non-territorial organization ("Quân khu | 12 | , Bộ Quốc phòng"): the term,
        a comma followed by a position or a known organization, or a trailing "Việt Nam"."""
        stop = self._term_start(texts, k, b)
        for j in range(k + 1, stop):
            if texts[j] == "," and j + 1 < b and \
                    (self._mt(self.lex.pos, texts, j + 1, b) or self._mt(self.lex.org, texts, j + 1, b)):
                stop = j
                break
        if stop - 2 > k and tuple(texts[stop - 2:stop]) == _VIETNAM:
            stop -= 2
        return stop

    # _term_start, _unit_end and _place are memoised for one parse (_memo_of), written out rather than with a
    # decorator: a decorated method is a Python-level object, which compiled code calls through the interpreter
    def _term_start(self, texts: list[str], k: int, b: int) -> int:
        memo: dict | None = self._memo_of(texts)
        if memo is None:
            return self._term_start_raw(texts, k, b)
        key = ("term_start", k, b)
        r = memo.get(key)
        if r is None:
            r = memo[key] = self._term_start_raw(texts, k, b)
        return r

    def _term_start_raw(self, texts: list[str], k: int, b: int) -> int:
        j = k
        while j < b:
            t = texts[j]
            if t == "(" or t in _TERM_FIRST and any(tuple(texts[j:j + len(w)]) == w for w in _TERM_WORDS) or \
                    _is_year(t):
                break
            j += 1
        return j

    def _unit_end(self, texts: list[str], k: int, b: int, placed: bool = True) -> int:
        """End of a unit name ("Sở | Lao động - Thương binh và Xã hội | tỉnh X"): at a type noun starting a
        known place, at a known place name, at "của", a term marker, or the end (memoised per parse)."""
        memo: dict | None = self._memo_of(texts)
        if memo is None:
            return self._unit_end_raw(texts, k, b, placed)
        key = ("unit_end", k, b, placed)
        r = memo.get(key)
        if r is None:
            r = memo[key] = self._unit_end_raw(texts, k, b, placed)
        return r

    def _unit_end_raw(self, texts: list[str], k: int, b: int, placed: bool) -> int:
        stop = self._term_start(texts, k, b)
        for j in range(k, stop):
            if (texts[j],) == _OF:
                return j
            if texts[j] == "," and j > k and j + 1 < b and \
                    (self._mt(self.lex.org, texts, j + 1, b) or self._mt(self.lex.pos, texts, j + 1, b)):
                return j      # "Cục Quản lý Dược | , Bộ Y tế"
        if not placed:
            return stop
        for j in range(k + 1, stop):
            if self._mt(self.lex.type_nouns, texts, j, stop) and \
                    self._known_place(texts, _Place(start=j, end=self._name_end(texts, j, stop))):
                return j
        for j in range(k + 1, stop):   # "Sở LĐTBXH Thái Bình": a place name without its type noun
            if texts[j - 1] not in ("và", "-", "–") and \
                    self._known_place(texts, _Place(start=j, end=self._name_end(texts, j, stop))):
                return j
        return stop

    def _name_end(self, texts: list[str], j: int, stop: int) -> int:
        e = j
        while e < stop and texts[e] not in (",", "(", ";"):
            e += 1
        return e

    def _term(self, texts: list[str], k: int, b: int) -> int:
        if k >= b or texts[k] not in _TERM_FIRST and not texts[k].isdigit() and texts[k] not in _RANGE_PUNCT:
            return k
        for w in _TERM_WORDS:
            if tuple(texts[k:k + len(w)]) == w:
                j = k + len(w)
                # "khóa XI, XII, XIII": a list of terms goes on after a comma with the next ordinal
                while j < b and (_ROMAN.match(texts[j]) or texts[j] in _RANGE_PUNCT or
                                 texts[j] == "," and j > k + len(w) and j + 1 < b and _ROMAN.match(texts[j + 1])):
                    j += 1
                return j
        # bare year range "2010 - 2015"
        j = k
        while j < b and (texts[j].isdigit() or texts[j] in _RANGE_PUNCT):
            j += 1
        return j if j > k and any(texts[x].isdigit() and len(texts[x]) == 4 for x in range(k, j)) else k

    def _place(self, texts: list[str], k: int, b: int) -> tuple[_Place | None, int]:
        """Type noun + name (+ ", tỉnh Y" parent); bare type noun; or a bare name (memoised per parse; the
        caller gets its own copy of the place)."""
        memo: dict | None = self._memo_of(texts)
        if memo is None:
            return self._place_raw(texts, k, b)
        key = ("place", k, b)
        r: tuple[_Place | None, int] | None = memo.get(key)
        if r is None:
            r = memo[key] = self._place_raw(texts, k, b)
        place = r[0]
        return (place.copy() if place is not None else None), r[1]

    def _place_raw(self, texts: list[str], k: int, b: int) -> tuple[_Place | None, int]:
        if k >= b:
            return None, k
        start = k
        types = None
        tn = self._mt(self.lex.type_nouns, texts, k, b)
        if tn:
            types = tn[0][1]
            k = tn[0][0]
        j = k
        while j < b:
            t = texts[j]
            if t in (",", "(") or (t,) == _OF or _is_year(t) or \
                    t in _TERM_FIRST and any(tuple(texts[j:j + len(w)]) == w for w in _TERM_WORDS):
                break
            if t in _INNER_FIRST and tuple(texts[j:j + 2]) in _INNER_QUALIFIERS:
                break
            if j > k and texts[j - 1] == "," and self._mt(self.lex.type_nouns, texts, j, b):
                break
            j += 1
        # trailing commas belong to nothing
        name_end = j
        while name_end > k and texts[name_end - 1] in _SKIP_PUNCT:
            name_end -= 1
        place = _Place(types=types, bare=(name_end == k), start=start, end=name_end)
        if name_end == k and types is None:
            return None, start
        k = j
        if k < b and texts[k] == "," and k + 1 < b:
            if self._mt(self.lex.type_nouns, texts, k + 1, b):
                parent, k2 = self._place(texts, k + 1, b)
                if parent is not None and not parent.bare:
                    place.parent = parent
                    k = k2
            else:   # "huyện Cẩm Khê, Phú Thọ": a known place name continues the location chain
                e = self._name_end(texts, k + 1, b)
                cand_parent = _Place(start=k + 1, end=e)
                if e > k + 1 and not self._mt(self.lex.pos, texts, k + 1, b) and \
                        self._known_place(texts, cand_parent):
                    place.parent = cand_parent
                    k = e
        return place, k

    # -- to Title -----------------------------------------------------------------------------------
    def _slice(self, toks: list[tuple[int, int]], a: int, b: int, m: Mapped) -> tuple[str, tuple[int, int]]:
        if a >= b:
            return "", (0, 0)
        s, e = m.span(toks[a][0], toks[b - 1][1])
        return m.original[s:e], (s, e)

    def _to_title(self, cand: _Cand, toks: _Toks, a: int, b: int, m: Mapped, text: str, rank: str | None) -> Title:
        raw, span = self._slice(toks, a, b, m)
        quals: list[str] = []
        for q in cand.quals:        # (each once, in order)
            if q not in quals:
                quals.append(q)
        t = Title(raw=raw, span=span, qualifiers=quals, rank=rank)
        if not cand.pts:
            lo = cand.leftover or (a, b)
            what, _ = self._slice(toks, lo[0], lo[1], m)
            t.ok = False
            t.error = f"not understood: {what!r} (no known position title at the start)"
            return t
        texts = toks.texts
        ps, pe = cand.pos_span
        in_label = texts[ps:pe]
        for words, q in _LABEL_QUALIFIERS:
            if words[0] not in in_label:
                continue
            for x in range(ps, pe - len(words) + 1):
                if words in _PREFIX_QUALIFIERS and x != ps:
                    continue      # "toàn quyền" is not the acting qualifier "quyền": only a word of its own first
                if tuple(texts[x:x + len(words)]) == words and q not in t.qualifiers:
                    t.qualifiers.append(q)
        if cand.term_span:
            t.term = self._slice(toks, cand.term_span[0], cand.term_span[1], m)[0]
        if cand.unit_span:
            from .abbrev import expand_fast
            t.unit = _clean_name(expand_fast(self._slice(toks, cand.unit_span[0], cand.unit_span[1], m)[0], mode="title"))
        if cand.leftover:
            what, _ = self._slice(toks, cand.leftover[0], cand.leftover[1], m)
            t.ok = False
            t.error = f"not understood: {what!r} (after {self._slice(toks, a, cand.leftover[0], m)[0]!r})"
        if not cand.score[1]:
            t.ok = False
            t.error = (t.error + "; " if t.error else "") + \
                f"position {sorted(cand.pts)} does not apply to organization {sorted(cand.orgs or ())}"
        return t

    # -- chain-level resolution: places, org types, shared suffixes ------------------------------------
    def _context_units(self, place, at) -> dict[str, Any]:
        """Home-place stack from the ``place`` argument: {level: Unit}."""
        if not place:
            return {}
        g = self.gazetteer
        unit = None
        if isinstance(place, str) and "@" in place and place.split("@")[0].replace("au:", "").isdigit():
            try:
                unit = g.get(place)
            except KeyError:
                unit = None
        elif not isinstance(place, str):
            unit = place
        if unit is None:
            res = g.resolve(place, at=at)
            if not res:
                raise ValueError(f"context place {place!r} not found in the gazetteer"
                                 + (f" at {at}" if at else ""))
            unit = res[0]
        stack = {unit.level: unit}
        for anc in g.ancestors(unit.id):
            stack.setdefault(anc.level, anc)
        return stack

    def _resolve_chain(self, titles: list[Title], parsed, toks, m, text, at, ctx):
        lex = self.lex
        texts = toks.texts
        infos: list[_Info] = []
        # pass 1: explicit places ("tỉnh Hậu Giang", "Bắc Kạn" after "Tỉnh ủy")
        for t, (cand, a, b, rank) in zip(titles, parsed):
            info = _Info(cand, texts)
            infos.append(info)
            if not cand.pts:
                continue
            if cand.orgs is not None:
                a_, e_ = cand.org_span
                okey = tuple(x for x in texts[a_:e_] if x not in _SKIP_PUNCT and x != ",")
                fk = lex.family_by_key.get(okey)
                info.orgs = cand.orgs if cand.by_parent else (fk & self._fam(cand.orgs) | cand.orgs) if fk \
                    else lex.fam(cand.orgs)
            else:
                info.orgs, info.label_implied = self._implied_orgs(cand, texts)
            pl = cand.place
            if pl is not None and not pl.bare:
                name = _clean_name(self._slice(toks, pl.start, pl.end, m)[0])
                name_only = _clean_name(self._slice(toks, self._name_start(texts, pl), pl.end, m)[0])
                within = None
                if pl.parent is not None:
                    pn = _clean_name(self._slice(toks, pl.parent.start, pl.parent.end, m)[0])
                    pu, _, _ = self._resolve_place(pn, pl.parent.types, None, at, None)
                    within = pu.id if pu is not None else None
                uts = self._org_unit_types(info.orgs)
                u, short, utype = self._resolve_place(name, pl.types, uts, at, within)
                if u is None and within is None and ctx:
                    # several units of that name: the one inside the context place's district or province
                    for lvl in ("district", "province"):
                        c = ctx.get(lvl)
                        if c is None or c.id is None:
                            continue
                        u2, s2, t2 = self._resolve_place(name, pl.types, uts, at, c.id)
                        if s2 is not None:
                            u, short, utype = u2, s2, t2
                            break
                t.place = short or name_only
                t.place_source = "explicit"
                if short is None:
                    info.place_error = (f"place {name!r} not found in the gazetteer" + (f" at {at}" if at else "")
                                           + (" (or not unique)" if self._known_place(texts, pl) else ""))
                t.place_type = utype or (next(iter(pl.types)) if pl.types and len(pl.types) == 1 else None)
                if u is not None:
                    t.unit_id = u.id
                    info.unit = u
                elif short and utype:   # known name and type, unit not unique (no date given)
                    info.pseudo = _PseudoUnit(None, short, utype, _UNIT_LEVEL[utype])
                info.utype = t.place_type
        # pass 2: shared suffix — a title with neither organization nor place takes the next title's
        # place ("Bí thư, Chủ tịch UBND xã X")
        for idx in range(len(titles) - 2, -1, -1):
            t, info = titles[idx], infos[idx]
            cand = info.cand
            if not cand.pts or cand.orgs is not None or info.label_implied or cand.place is not None:
                continue
            nxt, ninfo = titles[idx + 1], infos[idx + 1]
            if ninfo.cand.pts and nxt.place:
                info.unit, info.utype = ninfo.unit, ninfo.utype
                t.place, t.unit_id, t.place_type, t.place_source = nxt.place, nxt.unit_id, nxt.place_type, "chain"
        # pass 3: bare type nouns and implied places from the context, then from the chain
        placed = [info.unit or info.pseudo for info in infos]    # as they are before this pass
        chain: dict[str, object] | None = None                              # built when a title needs it
        for idx, (t, info) in enumerate(zip(titles, infos)):
            cand = info.cand
            if not cand.pts or t.place:
                continue
            orgs = info.orgs
            if not orgs or all(lex.is_central(o) for o in orgs) or cand.central:
                continue
            if self._rule3(idx, titles, infos):
                continue          # decided in pass 4 from the next title
            if self._generic_party(cand, info) and not self._territorial_neighbour(idx, infos):
                # "Bí thư Đảng ủy" next to a Sở, a hospital, a court …: the party committee of that agency,
                # not the territory's (§5.4 rule 3) — never filled in from the context place
                info.generic_party = True
                continue
            want = cand.place.types if cand.place is not None else None
            levels = {_UNIT_LEVEL[x] for x in want} if want else set().union(*(lex.levels_of(o) for o in orgs))
            if chain is None:
                chain = {}
                for u in placed:
                    if u is not None:
                        chain.setdefault(u.level, u)
                        if u.id:
                            for anc in self.gazetteer.ancestors(u.id):
                                chain.setdefault(anc.level, anc)
            for src_name, stack in (("chain", chain), ("context", ctx)):
                u = self._pick_from_stack(stack, levels, want, orgs)
                if u is not None:
                    t.place, t.unit_id, t.place_type = u.short_name, u.id, u.unit_type
                    t.place_source = src_name
                    info.unit = u if u.id else None
                    info.utype = u.unit_type
                    break
        # pass 4: choose the organization type now that places are known (right to left, for rule 3)
        for idx in range(len(titles) - 1, -1, -1):
            t, info = titles[idx], infos[idx]
            cand = info.cand
            if not cand.pts:
                continue
            nxt_org = infos[idx + 1].final_org if idx + 1 < len(titles) else None
            if nxt_org and t.place_source != "explicit" and self._rule3(idx, titles, infos):
                nxt = titles[idx + 1]
                t.place, t.unit_id, t.place_type, t.place_source = nxt.place, nxt.unit_id, nxt.place_type, "chain"
                info.unit, info.utype = infos[idx + 1].unit, infos[idx + 1].utype
                info.orgs = self._party_committee_of(cand, texts, nxt_org) or info.orgs
                info.rule3 = True
                t.unit = t.unit or nxt.unit      # the party committee of Quân đoàn 12 is named by "12" too
            if nxt_org and cand.orgs is None and not info.label_implied and cand.place is None \
                    and not t.place and nxt_org in info.orgs:
                # shared suffix: "Phó Tư lệnh kiêm Tham mưu trưởng Quân khu 3"
                info.orgs = frozenset({nxt_org})
                t.unit = t.unit or titles[idx + 1].unit
                if infos[idx + 1].unit is not None:
                    info.unit = infos[idx + 1].unit
                    t.place, t.unit_id, t.place_type = titles[idx + 1].place, titles[idx + 1].unit_id, \
                        titles[idx + 1].place_type
                    t.place_source = "chain"
            org, pts, err = self._choose(cand, info, t, nxt_org)
            if not t.place and not info.rule3 and \
                    (info.generic_party or self._generic_party(cand, info)):
                org, err = None, (f"party committee not understood in {t.raw!r}: named without its unit "
                                  f"(the party committee of which organization or territory?)")
            info.final_org = org
            if org:
                t.org_type = org
                t.organ = lex.organ(org)
                if lex.is_central(org):
                    t.level = "central"
                    if t.place_source in ("chain", "context"):
                        t.place, t.unit_id, t.place_type, t.place_source = "", None, None, ""
                elif info.unit is not None:
                    t.level = info.unit.level
                elif info.utype in _UNIT_LEVEL:
                    t.level = _UNIT_LEVEL[info.utype]
                else:
                    lv = lex.levels_of(org)
                    t.level = lex.level_of(org) or (next(iter(lv)) if len(lv) == 1 else None)
            if org:
                pts = self._best_position(cand, org, pts, t)
                if cand.parent is not None and lex.parent_open(org):
                    self._set_parent(t, cand.parent, org, toks, m)
            if len(pts) == 1:
                t.position = next(iter(pts))
                t.qualifiers = _qualifier_slugs(t.qualifiers, t.position)
            elif pts:
                t.ok = False
                t.error = (t.error + "; " if t.error else "") + f"ambiguous position: {' / '.join(sorted(pts))}"
            if err and t.ok:
                t.ok, t.error = False, err
            if info.place_error and t.ok:
                t.ok, t.error = False, info.place_error
            if t.ok and not org:
                t.ok = False
                t.error = f"organization not understood: {t.raw!r} names none and the context gives none"
            if t.ok and org and lex.needs_unit(org) and not t.unit and cand.orgs is not None:
                t.unit = self._variant_name(cand, org, toks, m)
            if t.ok and org and lex.needs_unit(org) and not t.unit:
                t.ok = False
                t.error = f"organization {org!r} needs a name (as in Sở Tài chính) and none was found"
            listed = lex.listed_names.get(org) if t.ok and org else None
            if listed is not None and _key_tokens(t.unit) not in listed:
                t.ok = False
                t.error = (f"{t.unit!r} is not a {org!r} the ontology names (vn:unitNameFromLabels: only listed public "
                           f"units and State enterprises; a private or unknown one is not guessed)")

    def _set_parent(self, t: Title, parent: tuple, org: str, toks, m) -> None:
        """The parent named after the organization ("…, Bộ Y tế"), when its type is one ``org`` is a unit of."""
        lex = self.lex
        types = parent[0] & lex.parents_of(frozenset({org}))
        if len(types) != 1:
            return          # no parent of this type, or not one type: recorded as not known
        t.parent_org_type = next(iter(types))
        if lex.needs_unit(t.parent_org_type) and parent[2] > parent[1]:
            from .abbrev import expand_fast
            t.parent_unit = _clean_name(expand_fast(self._slice(toks, parent[1], parent[2], m)[0], mode="title"))

    def _variant_name(self, cand, org, toks, m) -> str:
        """The unit name carried by a variant label of a type that needs one: what the variant adds beyond the
        type's own label ("Đảng ủy Quốc hội" of "Đảng ủy trực thuộc Trung ương" → "Quốc hội"; "Ủy ban Dân
        tộc" of "Bộ" → "Ủy ban Dân tộc"). Empty when the organization was written with the type's own label."""
        a, e = cand.org_span
        texts = toks.texts
        idx = [x for x in range(a, e) if texts[x] not in _SKIP_PUNCT and texts[x] != ","]
        head = self._org_head(texts, a, e, cand.orgs)
        n = self.lex._variant_rest(head + tuple(texts[x] for x in idx), org)
        if n <= len(head):
            return ""
        return _clean_name(self._slice(toks, idx[n - 1 - len(head)], e, m)[0])

    def _org_head(self, texts, a: int, e: int, orgs) -> tuple[str, ...]:
        """The head words an organization named after its head's title leaves out ("Quốc phòng" of "Thứ trưởng
        Quốc phòng" is read as "Bộ Quốc phòng"), recorded by _org_options for this parse and reading."""
        memo = self._memo_of(texts)
        return memo.get(("head", a, e, orgs), ()) if memo is not None else ()

    def _org_key(self, texts, a: int, e: int, orgs) -> tuple[str, ...]:
        """Folded words of the organization label read at [a, e), with any implied head words."""
        return self._org_head(texts, a, e, orgs) + tuple(x for x in texts[a:e] if x not in _SKIP_PUNCT and x != ",")

    def _generic_party(self, cand, info) -> bool:
        """The title names a party committee only generically ("Đảng ủy", "Ban Chấp hành Đảng bộ", "Đảng ủy
        viên"): no place of its own and no level noun, so it may be any organization's committee."""
        if cand.place is not None or cand.central:
            return False
        orgs = info.orgs
        if not orgs or not all(self.lex.classes(o) & {"PartyCommittee", "StandingCommittee"}
                               for o in orgs):
            return False
        texts = info.texts
        a, e = cand.org_span if cand.orgs is not None else cand.pos_span
        if any(t in _TYPE_NOUN_WORDS for t in texts[a:e]):
            return False          # "Tỉnh ủy", "Đảng ủy xã", "Huyện ủy viên": the level is named
        return len(self._fam(cand.orgs if cand.orgs is not None else orgs)) > 1

    def _territorial_neighbour(self, idx, infos) -> bool:
        """The next (else previous) title is a People's Committee/Council with its own place: the bare "Đảng
        ủy" is that territory's ("Bí thư Đảng ủy, Chủ tịch UBND xã X")."""
        for j in (idx + 1, idx - 1):
            if 0 <= j < len(infos):
                inf = infos[j]
                if not inf.cand.pts:
                    continue
                if inf.unit is None and not inf.pseudo:
                    return False
                return all(self.lex.classes(o) & {"PeoplesCommittee", "PeoplesCouncil"}
                           for o in inf.orgs) and bool(inf.orgs)
        return False

    def _party_committee_of(self, cand, texts, nxt_org) -> frozenset[str]:
        pcs = self.lex.party_committees_of(nxt_org)
        applies = self.lex.applies_union(cand.pts)
        return pcs & applies

    def _best_position(self, cand, org, pts, t: Title) -> frozenset[str]:
        """Among the position types matched at the start that apply to ``org``: the longest label, then the
        most specific (fewest organization types) — "Chủ tịch HĐND" over "Chủ tịch", "Giám đốc Công an tỉnh"
        over "Giám đốc". The deputy fallback ("Phó" + base position) only when no deputy type applies."""
        lex = self.lex
        key = (cand.all_pos, org)
        r = lex._best_memo.get(key)
        if r is None:
            scored = []
            for pj, ps, fallback in cand.all_pos:
                for p in ps:
                    ap = lex.applies_to(p)
                    if org in ap:
                        scored.append((not fallback, pj, -len(ap), p))
            if not scored:
                r = (None, None)
            else:
                scored.sort(reverse=True)
                top: Any = scored[0]
                r = (frozenset(p for nf, pj, n, p in scored if (nf, pj, n) == top[:3]), top)
            if len(lex._best_memo) > 50_000:
                lex._best_memo.clear()
            lex._best_memo[key] = r
        best, top = r
        if best is None:
            return pts
        if top[0] and "phó" in t.qualifiers:
            t.qualifiers = [q for q in t.qualifiers if q != "phó"]
        elif not top[0] and "phó" not in t.qualifiers:
            t.qualifiers = ["phó"] + t.qualifiers
        return best

    def _rule3(self, idx, titles, infos) -> bool:
        """§5.4 rule 3: a party committee named without place ("Bí thư Đảng ủy", "Phó Bí thư Đảng ủy quân sự")
        followed by a command's title is that command's party committee (vn:partyOrganizationOfType)."""
        if idx + 1 >= len(titles):
            return False
        cand, ncand = infos[idx].cand, infos[idx + 1].cand
        if cand.orgs is None or cand.place is not None or not ncand.pts:
            return False
        if not all(self.lex.classes(o) & {"PartyCommittee", "StandingCommittee"}
                   for o in cand.orgs):
            return False
        pcs = frozenset().union(*(self.lex.party_committees_of(o) for o in infos[idx + 1].orgs))
        if not pcs:
            return False
        # the committee is named only generically ("Đảng ủy", "Đảng ủy quân sự"): a prefix of their names
        texts = infos[idx].texts
        a, e = cand.org_span
        head = tuple(x for x in texts[a:e] if x not in _SKIP_PUNCT)
        prefixes = self.lex.label_prefixes
        return any(head in prefixes.get(o, ()) for o in pcs)

    def _name_start(self, texts, pl: _Place) -> int:
        if pl.noun_in_org:
            return pl.start
        tn = self._mt(self.lex.type_nouns, texts, pl.start, pl.end)
        return tn[0][0] if tn and pl.types is not None else pl.start

    def _org_unit_types(self, orgs) -> frozenset[str]:
        if not orgs:
            return frozenset()
        if type(orgs) is not frozenset:
            orgs = frozenset(orgs)
        r = self.lex._out_memo.get(orgs)
        if r is None:
            r = frozenset().union(*(self.lex.unit_types_of(o) for o in orgs))   # ``orgs``: already a family
            self.lex._out_memo[frozenset(orgs)] = r
        return r

    def _resolve_place(self, name: str, want: frozenset[str] | None, org_types: frozenset[str] | None, at,
                       within: str | None) -> tuple:
        """(unit or None, short name or None, unit type or None); the unit only when unique."""
        g = self.gazetteer
        # The text's own type noun ("TP Bắc Kạn"), else the organization's unit types, bind the place: never
        # another kind of unit ("Tỉnh ủy Hà Tây" in 2010 is no commune Hà Tây). A unit since raised to another
        # type of the same level ("tỉnh Thừa Thiên Huế", now a centrally-run city; "Huyện ủy Phú Quốc", now a
        # city) is found at the same level; a written type is kept.
        types = want or org_types
        tries = [t for t in (types, _same_level(types)) if t] if types else [None]
        for ut in tries:
            try:
                res = g.resolve(name, unit_type=ut, at=at, within=within)
            except ValueError:
                continue
            if not res:
                continue
            top = [u for u in res if u.level == res[0].level]
            if want and len(want) == 1 and top[0].unit_type not in want:
                written = next(iter(want))         # the type the title gives it at that date
                if len(top) == 1:
                    return top[0], top[0].short_name, written
            if len(top) == 1:
                return top[0], top[0].short_name, top[0].unit_type
            names = {(u.short_name, u.unit_type) for u in top}
            if len(names) == 1:        # same unit in several eras (no date given)
                short, utype = next(iter(names))
                return None, short, utype
            return None, None, None
        return None, None, None

    def _pick_from_stack(self, stack: dict | None, levels, want, orgs) -> Any:
        if not stack:
            return None
        lex = self.lex
        uts = self._org_unit_types(orgs) if orgs else frozenset()
        for lvl in ("commune", "district", "province"):
            u = stack.get(lvl)
            if u is None or (levels and lvl not in levels):
                continue
            if want and u.unit_type not in want:
                # "tỉnh" for a centrally-run city is still the province of the stack
                if not (lvl == "province" and want & {"tinh", "thanh-pho-tw"}):
                    continue
            if uts and u.unit_type not in uts and not want:
                continue
            return u
        return None

    def _implied_orgs(self, cand, texts) -> tuple[frozenset[str], bool]:
        ps, pe = cand.pos_span
        key = tuple(t for t in texts[ps:pe] if t not in _SKIP_PUNCT)
        found: set[str] = set()
        for p in cand.pts:
            imp = self.lex.pos_implied.get((key, p))
            if imp:
                found |= imp
        if found:
            return frozenset(found), True
        return (self.lex.applies_union(cand.pts) if cand.pts else frozenset()), False

    def _choose(self, cand, info, t: Title, nxt_org=None):
        """Final (org_type, position types, error) given the place."""
        lex = self.lex
        options = set(info.orgs)
        pts = cand.pts
        u = info.unit
        utype = info.utype or (u.unit_type if u is not None else None)   # the type written at that date
        if utype:
            fit = options & lex.with_unit_type.get(utype, lex._E)
            if not fit and utype in _UNIT_LEVEL:
                fit = options & lex.with_level.get(_UNIT_LEVEL[utype], lex._E)
            if fit:
                options = fit
        elif cand.place is not None and cand.place.types:
            fit = {o for o in options if lex.unit_types_of(o) & cand.place.types}
            if fit:
                options = fit
        if cand.central and len(options) > 1:
            # a central type first ("Hội Cựu chiến binh Việt Nam": the national association, not a province's)
            cen = {o for o in options if lex.is_central(o)} or {o for o in options if not lex.level_of(o)}
            if cen:
                options = cen
        if len(options) > 1 and nxt_org and not t.place:
            # §5.4 rule 3 generalised: an unplaced title next to a title of another pillar belongs with it
            pill = lex.pillars(nxt_org)
            fit = {o for o in options if lex.pillars(o) & pill}
            if fit:
                options = fit
        if len(options) > 1:
            # types sharing a label ("Tổng cục"): only those the position applies to
            fit = options & lex.applies_union(pts)
            if fit:
                options = fit
        if len(options) > 1 and cand.orgs is not None:
            exact = options & set(cand.orgs)
            if len(exact) == 1 and not utype:
                options = exact
        if len(options) > 1:
            central = {o for o in options if lex.is_central(o)}
            if central and not utype and not t.place:
                options = central if len(central) == 1 else options
        if len(options) == 1:
            org = next(iter(options))
            keep = lex._keep_memo.get((pts, org))
            if keep is None:
                keep = lex._keep_memo[(pts, org)] = \
                    frozenset(p for p in pts if org in lex.applies_to(p) or not lex.applies_to(p))
            return org, (keep or pts), ""
        if not options:
            return None, pts, ""
        if len(pts) > 1:
            pts = frozenset(p for p in pts if lex.applies_to(p) & options) or pts
        return None, pts, (f"organization ambiguous in {t.raw!r}: " + " / ".join(sorted(options)) +
                           " (give a place or context)")


_QSLUG: dict[str, str] = {}     # qualifier word → slug


@lru_cache(maxsize=None)
def _same_level(types: frozenset[str]) -> frozenset[str] | None:
    """Unit types of the levels of ``types`` beyond ``types`` themselves (None: nothing more)."""
    levels = {_UNIT_LEVEL.get(w) for w in types}
    same = frozenset(u for u, lv in _UNIT_LEVEL.items() if lv in levels)
    return same if same - types else None


def _qualifier_slugs(quals: list[str], position: str) -> list[str]:
    """Qualifier slugs not already encoded in the position slug ("thường trực" of pho-bi-thu-thuong-truc)."""
    out = []
    for q in quals:
        k = _QSLUG.get(q)
        if k is None:
            from .normalize import slug
            k = slug(q)
            if len(_QSLUG) < 10_000:
                _QSLUG[q] = k
        if k in _SILENT_QUALIFIERS or f"-{k}-" in f"-{position}-" or k in out:
            continue
        out.append(k)
    return out


def _is_year(t: str) -> bool:
    return len(t) == 4 and t.isdigit() and t[:2] in ("19", "20")


def _clean_name(s: str) -> str:
    return " ".join(s.strip(" ,;.-–").split())


def _as_date(at):
    if at is None or isinstance(at, date) and not isinstance(at, datetime):
        return at
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, str):
        return _str_date(at)
    return _str_date(str(at))


def _str_date(s: str) -> date:
    """A date string ("2012", "2012-06", "2012-06-01") as a date (cached per string, in a dict: compiled code
    calls an lru_cache wrapper as a Python object)."""
    d = _DATES.get(s)
    if d is None:
        if len(_DATES) >= 4096:
            _DATES.clear()
        d = _DATES[s] = _parse_date(s)
    return d


_DATES: dict[str, date] = {}


def _parse_date(s: str) -> date:
    if len(s) == 4 and s.isdecimal():        # r"\d{4}" (str.isdecimal is what \d tests)
        return date(int(s), 7, 1)
    if len(s) == 7 and s[4] == "-" and s[:4].isdecimal() and s[5:].isdecimal():     # r"\d{4}-\d{2}"
        return date(int(s[:4]), int(s[5:]), 15)
    if len(s) == 10 and s[4] == s[7] == "-":       # YYYY-MM-DD, the usual (as fromisoformat reads it)
        digits = s[:4] + s[5:7] + s[8:]
        if digits.isdigit() and digits.isascii():
            return date(int(s[:4]), int(s[5:7]), int(s[8:]))      # (ValueError for a wrong day, as fromisoformat)
    return date.fromisoformat(s)


# --- module-level API -------------------------------------------------------------------------------
def parse_titles(text: str, *, at=None, place=None) -> list[Title]:
    """Parse a title or a chain ("A; B, C"). ``at``: date (ISO string ok); ``place``: context unit name or id."""
    return TitleParser.default().parse_titles(text, at=at, place=place)


def parse_title(text: str, *, at=None, place=None) -> Title:
    """Parse one title (the first of a chain)."""
    return TitleParser.default().parse_title(text, at=at, place=place)


def parse_many(texts: Iterable[str], *, at=None, place=None) -> list[list[Title]]:
    """Parse many chains with one parser (what the benchmark calls)."""
    p = TitleParser.default()
    return [p.parse_titles(t, at=at, place=place) for t in texts]


def benchmark(texts: list[str], *, at=None, place=None, min_seconds: float = 1.0, cache: bool = False) -> dict:
    """Throughput on one core: titles parsed per second over ``texts`` (repeated for ``min_seconds``).

    ``cache=False`` (default) parses every string every time; ``cache=True`` measures the memoised path
    (a corpus where the same title strings recur)."""
    p = TitleParser.default().prepare()
    n_titles = n_chains = 0
    t0 = time.perf_counter()
    while True:
        for s in texts:
            n_titles += len(p.parse_titles(s, at=at, place=place, cache=cache))
            n_chains += 1
        el = time.perf_counter() - t0
        if el >= min_seconds:
            break
    return {"titles": n_titles, "chains": n_chains, "seconds": el, "titles_per_second": n_titles / el,
            "chains_per_second": n_chains / el}


_TABLE_FIELDS = ("position", "org_type", "level", "organ", "place", "place_type", "unit_id", "unit",
                 "qualifiers")


def cli_parse_title(text: str, at=None, place=None, fmt: str = "table") -> str:
    """Output of ``kg parse-title TEXT [--at DATE] [--place PLACE] [--format table|jsonl|json]``."""
    titles = parse_titles(text, at=at, place=place)
    if fmt == "jsonl":
        return "\n".join(json.dumps(t.to_json(), ensure_ascii=False) for t in titles)
    if fmt == "json":
        return json.dumps([t.to_json() for t in titles], ensure_ascii=False, indent=2)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r} (table, jsonl, json)")
    rows = []
    parents = any(t.parent_org_type for t in titles)      # a column only when some title names a parent body
    notes = any(t.note for t in titles)                   # … or has a note
    for t in titles:
        d = t.to_json()
        row = [t.raw] + [", ".join(d[f]) if f == "qualifiers" else str(d[f]) for f in _TABLE_FIELDS]
        if parents:
            row.append(f"{t.parent_org_type or ''} {t.parent_unit}".strip())
        if notes:
            row.append(t.note)
        row.append("ok" if t.ok else "NOT UNDERSTOOD: " + t.error)
        rows.append(row)
    head = ["raw", *_TABLE_FIELDS, *(["parent"] if parents else []), *(["note"] if notes else []), "status"]
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)
