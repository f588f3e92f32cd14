"""Abbreviations of domain.md §5.1, expanded with their ambiguity resolved by context.

Expansion happens on NFC, tone-normalized text *before* case folding: case is what tells
"TU" (Tỉnh ủy) from the word "tu", so the short forms are matched case-sensitively and the
distinctive long ones (HĐND, UBND, ĐBQH …) case-insensitively.

    >>> expand("Chủ tịch UBND TP Bắc Kạn")
    'Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn'
    >>> expand("Phó Bí thư TT Tỉnh ủy, CT HĐND tỉnh", mode="title")
    'Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh'

Ambiguous forms (§5.1 "Ambiguous" rows) go through a small resolver that looks at the
neighbouring words: BTV (Ban Thường vụ / biên tập viên), TT (Thường trực / thị trấn /
Thông tư), CT (Chủ tịch / Chỉ thị), BCH (Ban Chấp hành / Ban Chỉ huy), BCHQS (Bộ / Ban Chỉ
huy Quân sự), CTV (Chính trị viên / cộng tác viên), H. (huyện). Inside a document number
("45-CT/TW", "QĐ-TTg") a form is reported with its document sense but never rewritten.
When the context does not decide, running text (mode="text") keeps the abbreviation as it
is; a title chain (mode="title") takes the title reading.

The table is the abbreviation lexicon (domain.md §5.1, plus a few unit-name abbreviations
seen in official profiles); it is not the position/organization vocabulary, which lives in
the ontology.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from .normalize import Mapped, _one_word, _tokenize, ascii_fold, fold, nfc_map, tone_map

# (forms, expansion, case_insensitive). A resolver name instead of an expansion marks an
# ambiguous form. Forms are literal; "." and spaces inside a form are literal too.
_TABLE: list[tuple[tuple[str, ...], str, bool]] = [
    (("ĐCSVN", "ĐCS VN"), "Đảng Cộng sản Việt Nam", True),
    (("TW", "TƯ", "T.Ư", "T.W", "T.Ư.", "T.W."), "Trung ương", False),
    (("BCHTW", "BCH TW", "BCH T.Ư", "BCH TƯ"), "Ban Chấp hành Trung ương", True),
    (("BCH",), "@bch", True),
    (("BCT",), "Bộ Chính trị", True),
    (("BBT",), "Ban Bí thư", True),
    (("BTV",), "@btv", True),
    (("UVBTV", "UV BTV", "UV.BTV", "UV. BTV"), "Ủy viên Ban Thường vụ", True),
    (("UVTW", "UV TW", "UVTƯ", "UV TƯ"), "Ủy viên Trung ương", True),
    (("UV", "UV."), "Ủy viên", False),
    (("TUV",), "Tỉnh ủy viên", True),
    (("ThUV",), "Thành ủy viên", False),
    (("HUV",), "Huyện ủy viên", True),
    (("ĐUV",), "Đảng ủy viên", True),
    (("TU",), "@tu", False),
    (("ThU",), "@tu", False),
    (("HU",), "@tu", False),
    (("ĐU",), "@tu", False),
    (("TTTU",), "Thường trực Tỉnh ủy", True),
    (("UBKT",), "Ủy ban Kiểm tra", True),
    (("BTCTW", "BTC TW"), "Ban Tổ chức Trung ương", True),
    (("BTC",), "Ban Tổ chức", True),
    (("BTGDV", "BTG&DV", "BTG và DV"), "Ban Tuyên giáo và Dân vận", True),
    (("BTG",), "Ban Tuyên giáo", True),
    (("BDV",), "Ban Dân vận", True),
    (("QUTW", "QUTƯ"), "Quân ủy Trung ương", True),
    (("ĐUQSTW",), "Đảng ủy Quân sự Trung ương", True),
    (("ĐUQS",), "Đảng ủy Quân sự", True),
    (("HĐND", "HĐ ND"), "Hội đồng nhân dân", True),
    (("UBND", "UB ND"), "Ủy ban nhân dân", True),
    (("UB",), "Ủy ban", False),
    (("TT",), "@tt", False),
    (("CT",), "@ct", False),
    (("PCT",), "Phó Chủ tịch", True),
    (("UBTVQH",), "Ủy ban Thường vụ Quốc hội", True),
    (("QH",), "Quốc hội", False),
    (("ĐBQH",), "Đại biểu Quốc hội", True),
    (("ĐB",), "đại biểu", False),
    (("CP",), "Chính phủ", False),
    (("TTg",), "Thủ tướng", False),
    (("BQP",), "Bộ Quốc phòng", True),
    (("BCA",), "Bộ Công an", True),
    (("BNV",), "Bộ Nội vụ", True),
    (("ĐVHC",), "đơn vị hành chính", True),
    (("CQĐP",), "chính quyền địa phương", True),
    (("QĐND",), "Quân đội nhân dân", True),
    (("CAND",), "Công an nhân dân", True),
    (("QK",), "Quân khu", False),
    (("BTL",), "Bộ Tư lệnh", True),
    (("BTTM",), "Bộ Tổng Tham mưu", True),
    (("TCCT",), "Tổng cục Chính trị", True),
    (("BCHQS",), "@bchqs", True),
    (("CHQS",), "Chỉ huy Quân sự", True),
    (("PCHT",), "Phó Chỉ huy trưởng", True),
    (("CHT",), "Chỉ huy trưởng", True),
    (("CTV",), "@ctv", True),
    (("TMT",), "Tham mưu trưởng", True),
    (("CHPTKV",), "Chỉ huy Phòng thủ khu vực", True),
    (("PTKV",), "Phòng thủ khu vực", True),
    (("BĐBP",), "Bộ đội Biên phòng", True),
    (("LLVT",), "lực lượng vũ trang", True),
    (("DQTV",), "dân quân tự vệ", True),
    (("DBĐV",), "dự bị động viên", True),
    (("QNDB",), "quân nhân dự bị", True),
    (("QNCN",), "quân nhân chuyên nghiệp", True),
    (("HĐNVQS",), "Hội đồng nghĩa vụ quân sự", True),
    (("NVQS",), "nghĩa vụ quân sự", True),
    (("KVPT",), "khu vực phòng thủ", True),
    (("SSCĐ",), "sẵn sàng chiến đấu", True),
    (("SSĐV",), "sẵn sàng động viên", True),
    (("QSĐP",), "quân sự địa phương", True),
    (("QPĐP",), "quốc phòng địa phương", True),
    (("QP-AN", "QP–AN", "QPAN"), "quốc phòng – an ninh", True),
    (("QS",), "quân sự", False),
    (("QP",), "quốc phòng", False),
    (("QPTD",), "quốc phòng toàn dân", True),
    (("ANND",), "an ninh nhân dân", True),
    (("CTĐ",), "công tác đảng", False),
    (("CTCT",), "công tác chính trị", True),
    (("ANCT",), "an ninh chính trị", True),
    (("TTATXH", "TTAT XH"), "trật tự an toàn xã hội", True),
    (("ANTT",), "an ninh trật tự", True),
    (("UBMTTQVN", "UBMTTQ VN", "UB MTTQ VN", "UBMTTQ Việt Nam"), "Ủy ban Mặt trận Tổ quốc Việt Nam", True),
    (("UBMTTQ", "UB MTTQ"), "Ủy ban Mặt trận Tổ quốc", True),
    (("MTTQVN", "MTTQ VN", "MTTQ Việt Nam"), "Mặt trận Tổ quốc Việt Nam", True),
    (("MTTQ",), "Mặt trận Tổ quốc", True),
    (("CT-XH", "CT–XH", "CTXH"), "chính trị – xã hội", True),
    (("Đoàn TNCS HCM", "Đoàn TNCS Hồ Chí Minh"), "Đoàn Thanh niên Cộng sản Hồ Chí Minh", True),
    (("TNCS HCM", "TNCS Hồ Chí Minh"), "Thanh niên Cộng sản Hồ Chí Minh", True),
    (("ĐTN",), "Đoàn Thanh niên Cộng sản Hồ Chí Minh", True),
    (("LHPN",), "Liên hiệp Phụ nữ", True),
    (("HND",), "Hội Nông dân", False),
    (("CCB",), "Cựu chiến binh", True),
    (("LĐLĐ",), "Liên đoàn Lao động", True),
    (("TP.", "Tp.", "TP", "Tp", "T.P", "T.P."), "thành phố", False),
    (("TX.", "TX", "Tx."), "thị xã", False),
    (("H.",), "@h", False),
    (("KT-XH", "KT–XH", "KTXH"), "kinh tế – xã hội", True),
    (("đ/c", "Đ/c", "Đ/C"), "đồng chí", False),
    (("PV",), "phóng viên", False),
    (("TTXVN",), "Thông tấn xã Việt Nam", True),
    (("VN",), "Việt Nam", False),
    # Unit-name abbreviations seen in official profiles (Sở/Bộ names, courts, boards).
    (("HĐQT",), "Hội đồng quản trị", True),
    (("TGĐ",), "Tổng Giám đốc", True),
    (("TAND",), "Tòa án nhân dân", True),
    (("VKSND",), "Viện kiểm sát nhân dân", True),
    (("LĐTBXH", "LĐ-TB&XH", "LĐTB&XH", "LĐ-TBXH"), "Lao động - Thương binh và Xã hội", True),
    (("GD&ĐT", "GDĐT", "GD-ĐT", "GD và ĐT"), "Giáo dục và Đào tạo", True),
    (("NN&PTNT", "NN và PTNT", "NNPTNT"), "Nông nghiệp và Phát triển nông thôn", True),
    (("KH&ĐT", "KHĐT", "KH và ĐT"), "Kế hoạch và Đầu tư", True),
    (("TN&MT", "TNMT", "TN và MT"), "Tài nguyên và Môi trường", True),
    (("VH,TT&DL", "VHTTDL", "VH-TT-DL", "VH, TT&DL", "VH,TT và DL"), "Văn hóa, Thể thao và Du lịch", True),
    (("KH&CN", "KHCN", "KH và CN"), "Khoa học và Công nghệ", True),
    (("GTVT",), "Giao thông vận tải", True),
    (("TT&TT", "TTTT", "TT và TT"), "Thông tin và Truyền thông", True),
]

# Document types (sense of a form inside a document number, domain.md §5.1 last rows).
_DOC_TYPES = {"NQ": "nghị quyết", "QĐ": "quyết định", "CT": "chỉ thị", "KL": "kết luận", "HD": "hướng dẫn",
              "QC": "quy chế", "TB": "thông báo", "CV": "công văn", "NĐ": "nghị định", "TT": "thông tư",
              "KH": "kế hoạch"}

BAN_THUONG_VU, EDITOR = "Ban Thường vụ", "biên tập viên"
THUONG_TRUC, THI_TRAN, THONG_TU = "Thường trực", "thị trấn", "Thông tư"
CHU_TICH, CHI_THI = "Chủ tịch", "Chỉ thị"
BAN_CHAP_HANH, BAN_CHI_HUY = "Ban Chấp hành", "Ban Chỉ huy"
BO_CHQS, BAN_CHQS = "Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự"
CHINH_TRI_VIEN, CONG_TAC_VIEN = "Chính trị viên", "cộng tác viên"
_PARTY_COMMITTEE = {"TU": "Tỉnh ủy", "ThU": "Thành ủy", "HU": "Huyện ủy", "ĐU": "Đảng ủy"}

# Grammar words (ascii-folded) used by the resolvers.
_COMMITTEE_NEXT = {("tinh", "uy"), ("thanh", "uy"), ("huyen", "uy"), ("quan", "uy"), ("thi", "uy"),
                   ("dang", "uy"), ("dang", "bo"), ("hoi", "dong"), ("uy", "ban"), ("ban", "bi"),
                   ("quoc", "hoi"), ("ban", "chap"), ("tinh", "doan"), ("huyen", "doan"), ("thanh", "doan"),
                   ("trung", "uong"), ("mat", "tran"), ("hoi", "lien"), ("lien", "doan"), ("quan", "khu")}
_COMMITTEE_ABBR = {"hdnd", "ubnd", "bbt", "mttq", "ubmttq", "ubmttqvn", "tu", "hu", "du", "thu", "ubkt", "tttu",
                   "duqs", "tw", "tu", "qutw", "ldld", "bch", "bchtw"}
_MILITARY_NEXT_VI = {"qs", "chqs", "quân", "phòng", "ptkv", "bđbp", "biên", "bp", "chptkv"}
_MILITARY_NEXT = {"qs", "chqs", "quan", "phong", "ptkv", "bdbp", "bien", "bp", "chptkv"}
_LEVEL_PROVINCE = {"tinh"}
_LEVEL_LOWER = {"huyen", "quan", "xa", "phuong", "thi"}   # "thị xã", "thị trấn", "quận"
_TITLE_PREV = {"thu", "tich", "vien", "ban", "truong", "nhiem"}  # Bí thư, Chủ tịch, Ủy viên, Trưởng ban …
_BYLINE_MARK = {"bai", "anh", "video", "thuc hien", "nguon"}


@dataclass(frozen=True)
class Expansion:
    """One abbreviation found in a text (offsets in that text)."""
    start: int
    end: int
    abbr: str
    expansion: str | None      # None: ambiguous and not decided by the context
    sense: str                 # "title", "editor", "township", "document-type", "issuer", …
    substituted: bool          # rewritten by expand() (False inside document numbers / undecided)


def _form_regex(forms: list[str]) -> str:
    parts = []
    for f in sorted(set(forms), key=len, reverse=True):
        p = re.escape(f).replace(r"\ ", r"\s+")
        # A form ending in "." may be glued to the next word ("Tp.Hà Nội"); others need a boundary.
        parts.append(p if f.endswith(".") else p + r"(?![^\W\d_])")
    pattern = r"(?<![\w.&])(?:" + "|".join(parts) + ")"
    _ALTS[pattern] = parts
    _FORMS[pattern] = sorted(set(forms), key=len, reverse=True)
    return pattern


@lru_cache(maxsize=1)
def _compiled():
    cs, ci, lookup_cs, lookup_ci = [], [], {}, {}
    for forms, exp, insensitive in _TABLE:
        for f in forms:
            key = " ".join(f.split())
            if insensitive:
                ci.append(f)
                lookup_ci[key.casefold()] = exp
            else:
                cs.append(f)
                lookup_cs[key] = exp
    return (re.compile(_form_regex(cs)), re.compile(_form_regex(ci), re.IGNORECASE), lookup_cs, lookup_ci)


_BY_FIRST: dict = {}    # id of a pattern of _compiled() (kept for good) → {first character → sub-pattern or None}
# (keyed by id: hashing a compiled pattern hashes its whole code, which is long for these)


def _branch_for(rx: re.Pattern, ch: str):
    """The alternatives of ``rx`` that can start with ``ch``, in their order, as one pattern (cached per
    pattern and character): at a valid start it matches exactly what ``rx`` matches there."""
    keep = [a for a in _ALTS[rx.pattern] if _can_start(a, ch, rx.flags)]
    out = re.compile("(?:" + "|".join(keep) + ")", rx.flags) if keep else None
    table = _BY_FIRST.setdefault(id(rx), {})
    if len(table) < 50_000:
        table[ch] = out
    return out


def _can_start(alt: str, ch: str, flags: int) -> bool:
    """Whether the alternative ``alt`` (an escaped literal form) may match a text starting with ``ch``."""
    first = alt[:2] if alt.startswith("\\") else alt[:1]
    return re.fullmatch(first, ch, flags) is not None


def _finditer_forms(rx: re.Pattern, text: str, starts: list[int]):
    """``rx.finditer(text)`` for a form pattern of :func:`_form_regex`, trying only the valid starts."""
    last = 0
    table = _BY_FIRST.get(id(rx)) or {}
    for q in starts:
        if q < last:
            continue
        ch = text[q]
        sub = table.get(ch, _ABSENT)
        if sub is _ABSENT:
            sub = _branch_for(rx, ch)
            table = _BY_FIRST[id(rx)]
        if sub is None:
            continue
        m = sub.match(text, q)
        if m is not None:
            last = m.end()
            yield m


_ALTS: dict[str, list[str]] = {}
_ABSENT = object()
_FORMS: dict[str, list[str]] = {}
_WORD_AT_START_RE = re.compile(r"(?<![\w.&])\w+")
_WORD_OK: dict = {}     # id of a pattern → {word → whether a form of the pattern may start with that word}


def _word_filter(rx: re.Pattern) -> re.Pattern:
    """Words a form of ``rx`` can start with: the form's leading word exactly when more of the form follows
    (" ", ".", "&", "-" …), else the whole form, optionally followed by a digit or "_" and more (the form's
    boundary only forbids a letter: "QK1"). The leading words are written as a trie ("t(?:p|w|…)"), the same
    words as their alternation: a regex tries alternatives one by one, and a flat one of hundreds took 10,000
    instructions a word."""
    trie: dict = {}
    for f in _FORMS[rx.pattern]:
        lead = re.match(r"\w+", f).group(0)  # type: ignore[union-attr]
        node = trie
        for ch in lead:
            node = node.setdefault(ch, {})
        node[""] = node.get("", False) or lead == f      # "": the word may end here (True: with digits after it)
    return re.compile(_trie_pattern(trie), rx.flags)


def _trie_pattern(node: dict) -> str:
    alts = [re.escape(ch) + _trie_pattern(sub) for ch, sub in node.items() if ch != ""]
    if "" in node:
        alts.append(r"(?:[\d_]\w*)?" if node[""] else "")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"      # (no alternative: only the empty word)


def _candidate_words(rx: re.Pattern, words: list[str]) -> list[bool]:
    """For each word (at a valid start), whether a form of ``rx`` may match there (cached per word)."""
    ok = _WORD_OK.get(id(rx))
    if ok is None:
        ok = _WORD_OK[id(rx)] = {"": _word_filter(rx)}
    flags: list = [ok.get(w) for w in words]
    if None in flags:
        filt = ok[""]
        for n, (w, r) in enumerate(zip(words, flags)):
            if r is None:
                r = flags[n] = filt.fullmatch(w) is not None
                if len(ok) < 200_000:
                    ok[w] = r
    return flags


def may_start_form(word: str) -> bool:
    """Whether a form of the table may match at the start of ``word`` (a whole \\w+ run): when no word of a
    text may, :func:`_scan` finds nothing there (kg.normalize.fold_map_fast uses this to skip it)."""
    cs_filter, ci_filter = _start_filters()
    return cs_filter.fullmatch(word) is not None or ci_filter.fullmatch(word) is not None


def prepare() -> None:
    """Compile the abbreviation table's patterns now, not on the first text that needs them (see
    kg.titles.TitleParser.prepare)."""
    _compiled()
    _start_filters()


@lru_cache(maxsize=1)
def _start_filters() -> tuple[re.Pattern, re.Pattern]:
    """The word filters of _candidate_words for the two patterns of :func:`_compiled`."""
    cs, ci, _, _ = _compiled()
    return _word_filter(cs), _word_filter(ci)


_DIGIT_OR_DASH_RE = re.compile(r"[-\d]")


@lru_cache(maxsize=1)
def _other_digits() -> frozenset[str]:
    """Characters with ``isdigit()`` that ``\\d`` does not match (², ①, …)."""
    return frozenset(c for c in map(chr, range(0x80, 0x110000)) if c.isdigit() and not re.match(r"\d", c))


def _has_digit_or_dash(text: str) -> bool:
    """``any(ch.isdigit() or ch == "-" for ch in text)``, without a Python loop over the characters."""
    return _DIGIT_OR_DASH_RE.search(text) is not None or not _other_digits().isdisjoint(text)


# Document numbers: "45-CT/TW", "2786/QĐ-BQP", "202/2025/QH15", "QĐ-TTg", "154-CT/ĐUQSTW".
_DOCNUM_RE = re.compile(
    r"\b\d+(?:/\d{4})?[-/][A-ZĐ][\wĐđ&.]*(?:[-/][\wĐđ&.]+)*"
    r"|\b(?:NQ|QĐ|CT|KL|HD|QC|TB|CV|NĐ|TT|KH)-[A-ZĐ][\wĐđ]*\d*\b")
_WORDS_RE = re.compile(r"[^\W_]+(?:\.(?=[^\W\d_]))?|[^\w\s]", re.UNICODE)


class _Ctx:
    def __init__(self, text: str, start: int, end: int, mode: str):
        self.text, self.start, self.end, self.mode = text, start, end, mode

    @property
    def next_raw(self) -> list[str]:
        return _WORDS_RE.findall(self.text[self.end:self.end + 40])[:3]

    @property
    def prev_raw(self) -> list[str]:
        return _WORDS_RE.findall(self.text[max(0, self.start - 40):self.start])[-3:]

    def nxt(self, i: int = 0) -> str:
        w = self.next_raw
        return ascii_fold(w[i]) if len(w) > i else ""

    def prv(self, i: int = 1) -> str:
        w = self.prev_raw
        return ascii_fold(w[-i]) if len(w) >= i else ""

    def next_is_capitalized_name(self) -> bool:
        w = self.next_raw
        return bool(w) and w[0][:1].isupper() and w[0][1:2].islower() if w and len(w[0]) > 1 else bool(
            w and w[0][:1].isupper() and len(w[0]) == 1)

    def next_is_committee(self) -> bool:
        w = [ascii_fold(x) for x in self.next_raw]
        if not w:
            return False
        if w[0] in _COMMITTEE_ABBR:
            return True
        return len(w) > 1 and (w[0], w[1]) in _COMMITTEE_NEXT

    def at_line_start(self) -> bool:
        before = self.text[:self.start].rstrip(" \t")
        return not before or before[-1] in "\n-–(|"


def _r_btv(c: _Ctx):
    nxt_char = c.text[c.end:].lstrip(" \t")[:1]
    if c.mode == "byline":
        return EDITOR, "editor"
    if nxt_char == ":" or (c.prv() and c.prv() in _BYLINE_MARK):
        return EDITOR, "editor"
    if c.prv() in ("uy", "vien", "uv") or c.next_is_committee():
        return BAN_THUONG_VU, "title"
    if nxt_char == ")" or (c.at_line_start() and c.next_is_capitalized_name()):
        return EDITOR, "editor"
    return (BAN_THUONG_VU, "title") if c.mode == "title" else (None, "ambiguous")


def _r_tt(c: _Ctx):
    if c.next_is_committee() or c.prv() in _TITLE_PREV:
        return THUONG_TRUC, "title"
    n = c.next_raw
    if n and n[0][:1].isdigit():
        return None, "ambiguous"            # "TT 1": thứ tự, leave
    if c.next_is_capitalized_name():
        return THI_TRAN, "township"
    return (THUONG_TRUC, "title") if c.mode == "title" else (None, "ambiguous")


def _r_ct(c: _Ctx):
    n = c.next_raw
    if n and (n[0][:1].isdigit() or ascii_fold(n[0]) == "so"):
        return CHI_THI, "document-type"
    if c.next_is_committee() or c.prv() == "pho" or c.mode == "title" or (n and ascii_fold(n[0]) in (
            "nuoc", "hdqt", "hoi", "ubnd", "hdnd", "cong")):
        return CHU_TICH, "title"
    return None, "ambiguous"


def _r_bch(c: _Ctx):
    n = c.next_raw
    if n and fold(n[0]) in _MILITARY_NEXT_VI:
        if c.nxt(0) in ("qs", "quan"):  # "BCH QS tỉnh" = Bộ CHQS tỉnh; "BCH QS huyện" = Ban CHQS
            lvl = c.nxt(1) if c.nxt(0) == "qs" else c.nxt(2)
            if lvl in _LEVEL_PROVINCE:
                return "Bộ Chỉ huy", "military-command"
        return BAN_CHI_HUY, "military-command"
    return BAN_CHAP_HANH, "executive-committee"


def _r_bchqs(c: _Ctx):
    lvl = c.nxt(0)
    if lvl in _LEVEL_LOWER:
        return BAN_CHQS, "district-or-commune"
    if lvl in _LEVEL_PROVINCE or lvl in ("thanh", "tp") or c.mode == "title":
        return BO_CHQS, "province"
    return BO_CHQS, "province"


def _r_ctv(c: _Ctx):
    nxt_char = c.text[c.end:].lstrip(" \t")[:1]
    prev_char = c.text[:c.start].rstrip(" \t")[-1:]
    if c.mode == "byline" or nxt_char in (")", "") or prev_char == "(":
        return CONG_TAC_VIEN, "contributor"
    if c.nxt(0) in ("ban", "bchqs", "dang", "don", "chqs", "tieu", "dai", "xa", "phuong", "thi"):
        return CHINH_TRI_VIEN, "title"
    return (CHINH_TRI_VIEN, "title") if c.mode == "title" else (None, "ambiguous")


def _r_tu(c: _Ctx):
    return _PARTY_COMMITTEE[c.text[c.start:c.end]], "party-committee"


def _r_h(c: _Ctx):
    return ("huyện", "district") if c.next_is_capitalized_name() else (None, "ambiguous")


_RESOLVERS = {"@btv": _r_btv, "@tt": _r_tt, "@ct": _r_ct, "@bch": _r_bch, "@bchqs": _r_bchqs, "@ctv": _r_ctv,
              "@tu": _r_tu, "@h": _r_h}


def _word_starts(text: str, words: list[str], offsets: list[int]) -> None:
    """The matches of ``_WORD_AT_START_RE`` in ``text`` (words where a form may start) into ``words``, their
    starts into ``offsets``: the word tokens of kg.normalize._tokenize (maximal \\w+ runs, so never after a word
    character) that do not follow a "." or an "&" (a regex over a whole Vietnamese text is several times slower)."""
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    _tokenize(text, tokens, spans)
    for t, (s, _) in zip(tokens, spans):
        if _one_word(t) and (s == 0 or text[s - 1] not in ".&"):
            words.append(t)
            offsets.append(s)


def _scan(text: str, mode: str) -> list[Expansion]:
    """Find abbreviations in NFC, tone-normalized ``text``."""
    cs, ci, lookup_cs, lookup_ci = _compiled()
    found: list[tuple[int, int, str, str]] = []
    words: list[str] = []
    offsets: list[int] = []
    _word_starts(text, words, offsets)
    for rx, lookup, fold in ((cs, lookup_cs, False), (ci, lookup_ci, True)):
        flags = _candidate_words(rx, words)
        if True not in flags:
            continue
        for m in _finditer_forms(rx, text, [q for q, f in zip(offsets, flags) if f]):
            key = " ".join(m.group(0).split())
            exp = lookup.get(key.casefold() if fold else key)
            if exp is not None:
                found.append((m.start(), m.end(), m.group(0), exp))
    if not found:    # (the document-number search below only qualifies what was found)
        return []
    # Longest leftmost, no overlaps.
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    docs = [d.span() for d in _DOCNUM_RE.finditer(text)] if _has_digit_or_dash(text) else []
    if docs:   # "CT-XH", "KT-XH" are abbreviations, not document numbers
        whole = {(a, b) for a, b, _, _ in found}
        docs = [d for d in docs if d not in whole]
    out: list[Expansion] = []
    last = -1
    for a, b, abbr, exp in found:
        if a < last:
            continue
        last = b
        in_doc = any(s <= a and b <= e for s, e in docs)
        if in_doc:
            key = abbr.strip(".")
            doc_sense = _DOC_TYPES.get(key)
            if doc_sense and text[b:b + 1] in ("/", "-") or doc_sense and text[a - 1:a] == "-":
                out.append(Expansion(a, b, abbr, doc_sense, "document-type", False))
            else:
                e = _PARTY_COMMITTEE.get(abbr) or (exp if not exp.startswith("@") else None)
                out.append(Expansion(a, b, abbr, e, "issuer", False))
            continue
        if exp.startswith("@"):
            e, sense = _RESOLVERS[exp](_Ctx(text, a, b, mode))
            out.append(Expansion(a, b, abbr, e, sense, e is not None))
        else:
            out.append(Expansion(a, b, abbr, exp, "fixed", True))
    return out


def find_abbreviations(text: str, mode: str = "text") -> list[Expansion]:
    """Abbreviations in ``text`` with offsets in ``text`` itself (NFC/NFD/tone style do not matter).

    ``mode``: "text" (running prose: undecided ambiguous forms are left alone), "title"
    (a title chain: the title reading wins when the context is silent), "byline".
    """
    m = tone_map(nfc_map(text))
    res = []
    for x in _scan(m.text, mode):
        s, e = m.span(x.start, x.end)
        res.append(Expansion(s, e, text[s:e], x.expansion, x.sense, x.substituted))
    return res


def expansion_pieces(t: str, mode: str = "text") -> list[tuple[int, int, str]]:
    """The replacements ``[(start, end, new_text)]`` that expand the abbreviations of NFC, tone-normalized ``t``."""
    pieces = []
    for x in _scan(t, mode):
        if not x.substituted:
            continue
        new = cast(str, x.expansion)
        if t[x.end:x.end + 1].isalnum():  # "Tp.Hà Nội", "QK1"
            new += " "
        pieces.append((x.start, x.end, new))
    return pieces


def expand_mapped(m: Mapped, mode: str = "text") -> Mapped:
    """Expand abbreviations of a mapped (NFC, tone-normalized) string, keeping offsets."""
    pieces = expansion_pieces(m.text, mode)
    return m.replace(pieces) if pieces else m


def expand(text: str, mode: str = "text") -> str:
    """``text`` (NFC, tone-normalized) with its abbreviations expanded."""
    return expand_mapped(tone_map(nfc_map(text)), mode).text


# expand_fast's shortcut: when no word of the tone-normalized text may start a form, _scan finds nothing and the
# result is that text, which is built space-separated token by token (str.split is cheap) through a cache.
# The tone step must keep each word one \w+ run so that the scan would see the same words.
_PLAIN_TONE_CACHE: dict = {}    # token → tone-normalized token, or False when a word of it may start a form


def _plain_tone_piece(piece: str):
    from .normalize import _WORD_SPLIT_RE, _one_word, _tone_word
    parts = _WORD_SPLIT_RE.split(piece)
    r: str | bool
    for i in range(1, len(parts), 2):
        t = _tone_word(parts[i])
        if not _one_word(t) or may_start_form(t):
            r = False
            break
        parts[i] = t
    else:
        r = "".join(parts)
    if len(_PLAIN_TONE_CACHE) < 200_000:
        _PLAIN_TONE_CACHE[piece] = r
    return r


def expand_fast(text: str, mode: str = "text") -> str:
    """:func:`expand` (same result), faster: see _PLAIN_TONE_CACHE."""
    from .normalize import _TONE_CACHE, _nfc_text, _tone_word, map_words_fast
    t = _nfc_text(text)
    if t is None:
        t = nfc_map(text).text
    pieces = t.split(" ")
    new: list = list(map(_PLAIN_TONE_CACHE.get, pieces))
    if None in new:
        new = [_plain_tone_piece(p) if x is None else x for p, x in zip(pieces, new)]
    if False not in new:
        return " ".join(new)
    return expand_mapped(map_words_fast(nfc_map(text), _tone_word, _TONE_CACHE), mode).text
