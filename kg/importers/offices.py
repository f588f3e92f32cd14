"""Office strings of the datasets → posts, through the title parser (:func:`kg.titles.parse_titles`).

Wikipedia infobox office strings are mostly titles the parser reads as they are ("Bí thư Tỉnh ủy
Hòa Bình"). The rest are read after a few mechanical rewrites of infobox habits, tried in order
and only when the previous form fails:

1. as written;
2. cleaned: parentheses dropped ("(Việt Nam)", "(lần 2)"), a list of terms ("khóa XII, XIII") taken
   out (the tenure then has no single term), the country spelled after a national body dropped
   ("Quốc hội Việt Nam", "Chủ tịch nước, Cộng hòa xã hội chủ nghĩa Việt Nam"); "của" put back in
   "Ủy ban Kinh tế Quốc hội";
3. the same with the comma between position and organization removed ("Chủ tịch Ủy ban nhân dân,
   Thành phố Hồ Chí Minh");
4. "Bí thư tỉnh X" → "Bí thư Tỉnh ủy X";
5. the parent written after a department ("Cục trưởng Cục X, Bộ Công an", "Cục Tuyên huấn, Tổng cục Chính
   trị") read as "Cục X của Bộ Công an" (the ontology's label of the ministry's departments); for defence
   units the form without the parent is tried first (its general departments have their own types);
   "Đại sứ (đặc mệnh toàn quyền) Việt Nam tại X" → "Đại sứ tại X"; "(Phó) Thủ tướng Việt Nam" →
   "… Chính phủ"; "Hiệu trưởng (,) Đại học X" → "Hiệu trưởng Trường Đại học X", "Ngân hàng Thương mại cổ phần X
   (VietinBank)" → "Ngân hàng X" (the names the ontology lists).

A public service unit or a State-owned enterprise (org types flagged vn:unitNameFromLabels) is a post only under a
name its variant labels give ("Trường Đại học Luật Hà Nội"), never under whatever text the parser takes as the
name ("Hiệu trưởng Trường THPT X", "Chủ tịch HĐQT ngân hàng ACB"): the title parser refuses those itself
(kg.titles, Lexicon.listed_names).

An embassy is a post only when its country is named ("tại X", :data:`_UNIT_FORM`); a 1945–1948 war zone only when
its number is ("Khu 11"), never the next office of a chain ("Khu trưởng, Bí thư Chiến khu 1").

Nothing is guessed beyond these: a string still not read gives the parser's error as the reason.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..titles import Title, TitleParser, parse_titles
from .common import first_reason

_ROMAN = r"[IVXLC]+"
_KHOA = r"(?:khóa|khoá|Khóa|Khoá)"
# "khóa XII, XIII" and "khóa III, khóa IV": the terms of one office
_TERM_LIST = re.compile(rf"\s*,?\s*\b{_KHOA}\s+({_ROMAN}(?:\s*(?:,|và|-|–)\s*(?:{_KHOA}\s+)?{_ROMAN})+)\s*(?=$|[,;(])")
# ", nhiệm kỳ 2024-2029": the term of the office just named, not another title
_TERM_AFTER_COMMA = re.compile(r"\s*,\s*(?=nhiệm kỳ\s+\d{4})")
_ONE_TERM = re.compile(rf"\s*,?\s*\b(?:khóa|khoá|Khóa|Khoá)\s+({_ROMAN})\b")
_PARENS = re.compile(r"\s*\([^)]*\)")
_COUNTRY = [
    # "Đại sứ đặc mệnh toàn quyền Việt Nam tại X": every ambassador's full title ("toàn quyền" is not the
    # acting qualifier "quyền"), and the sending country is always Việt Nam here
    (re.compile(r"^Đại sứ(?:\s+đặc mệnh toàn quyền)?(?:\s+nước)?(?:\s+(?:CHXHCN\s+)?Việt Nam)?\s+(?=tại\s)", re.I),
     "Đại sứ "),
    (re.compile(r"(?:,\s*nước\s+|,\s*|\s+)Cộng (?:hòa|hoà) xã hội chủ nghĩa Việt Nam", re.I), ""),
    (re.compile(r"\bChính phủ nước$"), "Chính phủ"),
    (re.compile(r"^((?:Phó\s+)?Thủ tướng)(?:\s+Chính phủ)?\s+Việt Nam$"), r"\1 Chính phủ"),
    # "Ủy ban Kinh tế Quốc hội": the parser reads "Quốc hội" as the committee's name without "của"
    (re.compile(r"\b(Ủy ban|Uỷ ban)\s+(?!Thường vụ)((?:(?!\bcủa\b).)+?)\s+Quốc hội$"), r"\1 \2 của Quốc hội"),
    (re.compile(r"\bQuốc hội Việt Nam\b"), "Quốc hội"),
    # the NA's science committee written without "và" ("Ủy ban Khoa học, Công nghệ, Môi trường"): its one name
    (re.compile(r"\b(Ủy ban|Uỷ ban) Khoa học,? Công nghệ,? (?:và )?Môi trường\b"), r"\1 Khoa học, Công nghệ và Môi trường"),
    # the Party written after a comma ("Cố vấn Ban Chấp hành Trung ương, Đảng Cộng sản Việt Nam")
    (re.compile(r"\b(Ban [Cc]hấp hành Trung ương),\s*Đảng [Cc]ộng [Ss]ản Việt Nam$"), r"\1 Đảng"),
    # "Bộ Tư lệnh Vùng 4 Hải quân (Nhân dân Việt Nam)": the naval region's number is its unit name ("Vùng Hải quân 4")
    (re.compile(r"\bVùng (\d+) Hải quân(?: [Nn]hân dân Việt Nam)?\b"), r"Vùng Hải quân \1"),
    # the President's ex officio command of the armed forces, written after the Defence and Security Council
    (re.compile(r"\s*,\s*(?:Tổng tư lệnh|Thống lĩnh) các [Ll]ực lượng [Vv]ũ trang(?: [Nn]hân dân)?(?: Việt Nam)?$"), ""),
    # the Party named after one of its central bodies ("Ủy viên Bộ Chính trị Đảng Cộng sản Việt Nam")
    (re.compile(r"\b(Bộ Chính trị|Ban Bí thư)\s+(?:của\s+)?Đảng [Cc]ộng [Ss]ản Việt Nam\b"), r"\1"),
    (re.compile(r"\b(Trung ương Đảng) [Cc]ộng [Ss]ản Việt Nam\b"), r"\1"),
    # "(lần 2)" written without parentheses: the holder's second time in office, no part of the title
    (re.compile(r"\s*,?\s*['\"‘“]?\blần(?: thứ)? \d+['\"’”]?$"), ""),        # also quoted: "'lần 2'"
    (re.compile(r"\bBộ Công an Việt Nam\b"), "Bộ Công an"),
    (re.compile(r"\bChính phủ Việt Nam\b"), "Chính phủ"),
    # (kept after a department: "Cục Quân huấn, Quân đội nhân dân Việt Nam" is read by _UNIT_PARENT)
    (re.compile(r"^(?!.*\b(?:Tổng cục|Cục)\s[^,;]+?,?\s*Quân đội nhân dân Việt Nam$)(.*?),?\s*Quân đội nhân dân Việt Nam$"),
     r"\1"),
    (re.compile(r"^((?:Phó\s+)?(?:Bộ trưởng|Thứ trưởng) Bộ [^,]+?) Việt Nam$"), r"\1"),
]
# Names of public service units and State-owned enterprises as the ontology lists them (org-types.ttl,
# ot:truong-dai-hoc, ot:ngan-hang-thuong-mai-nha-nuoc): "Hiệu trưởng Đại học X" / "Hiệu trưởng, Trường Đại học X"
# is the university "Trường Đại học X" (not a national university, "Đại học Quốc gia"), and "Ngân hàng Thương mại
# cổ phần X" / "Ngân hàng TMCP X" the bank "Ngân hàng X". Nothing is made public or State-owned here: a name
# the ontology does not list stays unmapped.
_UNIT_NAMES = [
    (re.compile(r"\b((?:Phó\s+)?Hiệu trưởng(?:\s+[Tt]hường trực)?)\s*,?\s+(?:[Tt]rường\s+)?(Đại học)\b(?!\s+Quốc gia)"),
     r"\1 Trường \2"),
    (re.compile(r"\b([Nn]gân hàng)\s+(?:[Tt]hương mại cổ phần|TMCP)\s+"), r"\1 "),
    # the brand written after the bank's full name ("Ngân hàng Công thương Việt Nam VietinBank")
    (re.compile(r"\b([Nn]gân hàng [^,;]+? Việt Nam) (?:VietinBank|Vietinbank|Vietcombank|BIDV|Agribank)\b"), r"\1"),
]
# "Cục trưởng Cục X, Bộ Công an": the ministry (or force, or general department) a department belongs to,
# written after a comma, a dash or nothing; the ontology names these types "Cục … của Bộ Công an"
# (vn:needsUnitName), so the parent is read with "của". The defence ministry's general departments have
# their own types ("Tổng cục Hậu cần"): for its units the form without the parent is tried first.
_UNIT_PARENT = re.compile(r"(\b(?:Tổng cục|Cục)\s[^,;]+?)(?:\s*,\s*|\s*-\s*|\s+)"
                          r"(Bộ Công an|Bộ Quốc phòng|Công an nhân dân|Quân đội nhân dân|Tổng cục Chính trị)"
                          r"(?:\s+Việt Nam)?$")
# "Vụ trưởng Vụ X Bộ Y" / "Vụ X - Ban Y" / "Vụ X thuộc Viện Y": the body a Vụ belongs to, written without the comma
# the parser reads a parent after ("Vụ X, Bộ Y"); "Vụ trưởng X, Bộ Y" with the second "Vụ" left out.
_VU_PARENT = re.compile(r"^((?:Phó\s+)?Vụ trưởng\s+Vụ\s[^,;]+?)(?:\s*,\s*|\s*-\s*|\s+thuộc\s+|\s+)"
                        r"((?:Bộ|Ban|Văn phòng|Tòa án|Toà án|Viện kiểm sát|VKSND|Ngân hàng Nhà nước|Thanh tra Chính phủ|"
                        r"Kiểm toán Nhà nước|Ủy ban Kiểm tra|Uỷ ban Kiểm tra)\s[^,;]+)$")
_VU_NO_VU = re.compile(r"^((?:Phó\s+)?Vụ trưởng)\s+(?!Vụ\b)(?=[^,;]+,\s*(?:Bộ|Ban)\s)")
# "Chánh tòa Tòa Lao động Tòa án nhân dân tối cao (tại X)": the court named after its division, without the comma
_TOA_PARENT = re.compile(r"^((?:Phó\s+)?Chánh (?:tòa|toà)\s+(?:Tòa|Toà)\s[^,;]+?)(?:\s*,\s*|\s+)((?:Tòa|Toà) án nhân dân tối cao)"
                         r"((?:\s+tại\s+[^,;]+)?)$")
_DBQH_PLACE = re.compile(r"^(Đại biểu Quốc hội)(?:\s+(?!khóa|khoá)[^,;]+)?((?:\s+kh[oó][aá]\s+\S+)?)$")
_BARE_PROVINCE = re.compile(r"^(Phó Bí thư|Bí thư)\s+tỉnh\s+(.+)$", re.I)


@dataclass
class OfficeMapping:
    text: str
    titles: list[Title] = field(default_factory=list)     # parsed titles that name a post
    terms: list[str] = field(default_factory=list)        # term ordinals taken out of a term list
    rewritten: str = ""                                   # the form that was read, when not the original
    error: str = ""                                       # why nothing was mapped

    @property
    def ok(self) -> bool:
        return bool(self.titles)


# Unit names an organization type accepts (the parser takes any text after a non-territorial type as its
# name): an embassy is named by its country ("tại Liên Xô"), never by the ambassador's title
# ("Đại sứ đặc mệnh toàn quyền Việt Nam") or a second office ("Đại sứ, Trưởng Phái đoàn …").
# A ministry's office is named by the ministry ("Văn phòng Bộ Nội vụ"); the Ministry of Public Security has its own
# type, so "Văn phòng Thường trực Bộ Công an về …" is not one. A party board is named by a State body ("Ban cán sự
# đảng Bộ Y tế"), never by a stray "ủy" ("Ban Cán sự Đảng ủy …").
_UNIT_FORM = {"dai-su-quan": re.compile(r"^tại\s+[^,;]+(?:,\s*[^,;]+)*$"),
              "van-phong-bo": re.compile(r"^(?!Công an\b|Quốc phòng\b)[^,;]+$"),
              "ban-can-su-dang": re.compile(r"^(?![uủ][ỷy]\b)\S"),
              # a zone ("Khu ủy Tả Ngạn"), not the next office of a chain read without its comma
              "khu-uy": re.compile(r"^(?![a-zđ])(?!.*\b(?:Chủ tịch|Ủy ban|Uỷ ban)\b)\S"),
              # a war zone of 1945–1948 is named by its number ("Khu 11", "Khu IX"), never by the next office
              "chien-khu": re.compile(r"^(?:\d+|[IVXL]+)$")}


def _why_not(t: Title, commas_dropped: bool = False) -> str:
    """Why ``t`` names no post ("" when it does): the parser's error, or what this importer refuses."""
    if not (t.ok and t.position and t.org_type):
        return t.error or f"title '{t.raw}' names no organization"
    if "pho" in (t.qualifiers or ()):   # a deputy the ontology has no deputy type for: not that position's post
        return f"the deputy of {t.position!r} ('{t.raw}') has no position type in the ontology"
    if commas_dropped and TitleParser.default().holds_title(t.unit):
        return f"a title read into the name {t.unit!r} of '{t.raw}'"
    form = _UNIT_FORM.get(t.org_type)
    if form is not None and not form.match(t.unit or ""):
        return f"organization {t.org_type!r} not named in '{t.raw}' (unit {t.unit!r})"
    return ""


def _clean(text: str) -> tuple[str, list[str]]:
    terms: list[str] = []
    text = html.unescape(text)          # "Chủ nhiệm&nbsp;Ủy ban Tư pháp": markup left in the infobox
    text = _TERM_AFTER_COMMA.sub(" ", text)
    m = _TERM_LIST.search(text)
    if m:
        terms = [x for x in re.split(rf"\s*(?:,|và|-|–)\s*(?:{_KHOA}\s+)?", m.group(1)) if x]
        text = text[: m.start()] + text[m.end():]
    text = _PARENS.sub("", text)
    for rx, rep in _COUNTRY + _UNIT_NAMES:
        text = rx.sub(rep, text)
    return " ".join(text.replace(" ,", ",").split()).strip(" ,;"), terms


def variants(text: str) -> list[tuple[str, list[str]]]:
    cleaned, terms = _clean(text)
    # The cleaned form first: the parser may read a country name as part of a unit name
    # ("Bộ Tài chính Việt Nam"); dropping it is always safe.
    out = [(cleaned, terms), (text, [])]
    m = _UNIT_PARENT.search(cleaned)
    if m:
        with_parent = (cleaned[: m.start()] + f"{m.group(1)} của {m.group(2)}", terms)
        without = (cleaned[: m.start()] + m.group(1), terms)
        military = m.group(2) in ("Bộ Quốc phòng", "Quân đội nhân dân", "Tổng cục Chính trị")
        out[:0] = [without, with_parent] if military else [with_parent]
    vu = _VU_NO_VU.sub(r"\1 Vụ ", cleaned)
    m = _VU_PARENT.match(vu)
    if m:
        vu = f"{m.group(1)}, {m.group(2)}"
    vu = _TOA_PARENT.sub(r"\1\3, \2", vu)
    if vu != cleaned:      # only a comma put in (and the place moved to the division): tried first
        out.insert(0, (vu, terms))
    if "," in cleaned:
        out.append((" ".join(cleaned.replace(",", " ").split()), terms))
    m = _ONE_TERM.search(cleaned)
    if m and not terms:   # "Bí thư Trung ương Đảng khóa VI": read without the term, keep it apart
        out.append((" ".join((cleaned[: m.start()] + cleaned[m.end():]).split()).strip(" ,"), [m.group(1)]))
    m = _DBQH_PLACE.match(cleaned)
    if m and m.group(0) != m.group(1) + m.group(2):
        out.append((m.group(1) + m.group(2), terms))
    m = _BARE_PROVINCE.match(cleaned)
    if m:
        out.append((f"{m.group(1)} Tỉnh ủy {m.group(2)}", terms))
    seen, uniq = set(), []
    for v, t in out:
        if v and v not in seen:
            seen.add(v)
            uniq.append((v, t))
    return uniq


@lru_cache(maxsize=1 << 15)
def map_office(text: str, at: str | None = None, place: str | None = None) -> OfficeMapping:
    """Read an office string at date ``at`` (the term's start): the titles that name a post."""
    text = " ".join((text or "").split())
    res = OfficeMapping(text)
    if not text:
        res.error = "empty office"
        return res
    first_error = ""
    best: tuple[int, list[Title], list[str], str] | None = None
    for form, terms in variants(text):
        try:
            titles = parse_titles(form, at=at, place=place)
        except Exception as e:  # the parser is being improved elsewhere; never let it stop an import
            titles, first_error = [], first_error or f"parser error: {type(e).__name__}: {e}"
        dropped = "," in text and "," not in form        # the form read with its commas dropped
        why = [_why_not(t, dropped) for t in titles]
        good = [t for t, w in zip(titles, why) if not w]
        if not first_error and len(good) < len(titles):
            first_error = next(w for w in why if w)
        if good and len(good) == len(titles):
            res.titles, res.terms, res.rewritten = good, terms, ("" if form == text else form)
            return res
        if good and (best is None or len(good) > best[0]):
            best = (len(good), good, terms, form)
    if best:   # some titles of a chain read, others not: keep the ones read
        res.titles, res.terms, res.rewritten = best[1], best[2], ("" if best[3] == text else best[3])
        res.error = first_error
        return res
    res.error = first_error or "no title found"
    return res


_REASONS = [
    (re.compile(r"^not understood"), "title not understood (position or organization not in the ontology)"),
    (re.compile(r"^place '.*' not found"), "place not found in the gazetteer"),
    (re.compile(r"^organization ambiguous"), "organization not in the ontology, or ambiguous"),
    (re.compile(r"needs a name|not named in"), "organization needs a name the title does not give"),
    (re.compile(r"does not apply to organization"), "position does not apply to the organization"),
    (re.compile(r"names no organization"), "position without an organization"),
    (re.compile(r"^party committee not understood"), "party committee named without its unit ('Bí thư Đảng ủy')"),
    (re.compile(r"^the deputy of"), "the deputy of a position without a deputy type in the ontology"),
    (re.compile(r"^a title read into the name"), "a title read into an organization's name (separator lost)"),
    (re.compile(r"^parser error"), "parser error"),
    (re.compile(r"^empty"), "empty office"),
]


def reason_of(error: str) -> str:
    """A short category for an unmapped string (the full parser error stays in the detail)."""
    return first_reason(_REASONS, error) or error.split(":")[0][:70] or "not mapped"


def term_ordinal(t: Title) -> str | None:
    """'khóa XIII' → 'XIII'; 'nhiệm kỳ 2020-2025' → '2020-2025'; None for a list of terms ('khóa XI, XII'):
    the tenure spans several, and its dates say which."""
    if not t.term or "," in t.term:
        return None
    parts = t.term.split()
    return parts[-1] if parts else None
