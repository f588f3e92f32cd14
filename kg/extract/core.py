"""The article extractor: person mentions, title chains, ranks and decisions, each with its source span.

How an article is read (domain.md §5.3–§5.9, §7):

1. The text is NFC-normalized with an offset map; every span reported points into the original text.
2. The event date (:mod:`kg.extract.dates`) and the home place (the first administrative unit named with its
   type word, "thành phố Bắc Kạn"; resolved in the gazetteer at the event date) are found. The title parser
   (:mod:`kg.titles`) resolves bare "tỉnh", "thành phố", "Thành ủy" … against the home place.
3. Person mentions: a run of capitalized syllables after an honorific (đồng chí, ông, bà) or a rank (from the
   ontology's ranks), or starting with a family name (``data/surnames.txt``) and attached to a title. A run
   that resolves as a place is a place, not a name. Bylines, photo credits and contributor lines are skipped.
   A one-syllable name after an honorific ("đồng chí Cường") is an anaphor: it resolves only to a person named
   in full earlier in the article, never to a byline.
4. For each mention: the rank written before it; a title written just before it ("Bí thư Tỉnh ủy Hoàng Duy
   Chinh"); the title chain after it (", …", " - … -", "(…)") up to ";", the end of the sentence, the next
   person or a verb. Each title of the chain gives a ``holding`` with its own organization; "nguyên"/"cựu"
   make it ``former``, "quyền" ``acting``.
5. Decisions: a decision verb (the ontology's decision-type labels and altLabels) before the mention
   ("công bố Quyết định chỉ định đồng chí X, …") or right after its chain ("… được bầu giữ chức …") gives a
   ``decision`` fact for each post named after the verb ("tham gia Ban Chấp hành …", "giữ chức …"); the chain
   before it still describes the person before the decision: a post the decision ends (a transfer, a head post
   replacing a deputy one, "cho thôi") is ``former`` at the decision's date (:meth:`Extractor._ends`). Discipline
   verbs (kỷ luật …) apply to the posts held. Nominations ("giới thiệu", "đề nghị", "xin") are not decisions.

Vocabulary (positions, organizations, ranks, decision verbs) comes from the ontology via :class:`kg.vocab.Vocab`
and :mod:`kg.titles`; only closed grammar words (honorifics, separators, markers) are listed here.
"""
from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..normalize import fold, fold_key, nfc_map
from .dates import _DOCREF, _NOT_NOW, day_months, event_date, mention_date
from .slugs import coarse, in_domain
from .textio import Article

# --- closed grammar words -----------------------------------------------------------------------
HONORIFICS = {("ông",), ("bà",), ("đồng", "chí"), ("đ", "/", "c")}
FORMER_WORDS = {"nguyên", "cựu", "cố"}      # cố = the late
# Words after a chain that end it (verbs and markers); decision labels from the ontology are added.
CHAIN_END = ["được", "tham gia", "giữ chức", "làm", "là", "đã", "sẽ", "bị", "thôi", "vừa", "đang", "cùng",
             "phát biểu", "cho biết", "chủ trì", "nhấn mạnh", "khẳng định", "trao", "tặng", "thăm", "tiếp",
             "yêu cầu", "đề nghị", "chúc mừng", "ghi nhận", "và các", "cùng các", "dẫn đầu", "tới", "đến dự",
             "kiểm tra", "chỉ đạo", "xin", "tín nhiệm", "tiếp tục", "ký", "trả lời", "gửi", "tại", "với", "về",
             "trong", "từ", "khi", "thay", "để", "ra", "nói", "có", "theo", "cho", "trúng cử", "tái cử",
             "tái đắc cử", "đắc cử", "vào", "bàn giao", "nhận", "công bố", "quyết định"]
# "hiện là", "nay là": the chain goes on, current again
CHAIN_CONTINUE = ["hiện là", "nay là", "hiện giữ chức", "đang là", "hiện nay là"]
# Words between a decision verb and the new post.
TARGET_FILLERS = ["giữ chức vụ", "giữ chức", "giữ", "tham gia", "làm", "là", "vào", "đảm nhiệm", "chức vụ",
                  "chức", "bổ sung", "lại", "tín nhiệm", "kiêm"]
NOT_DECISION = ["giới thiệu", "đề nghị", "xin", "đề xuất", "dự kiến", "trình", "đề cử", "ứng cử", "xem xét"]
MEMBER_PREFIX = "Ủy viên "     # "tham gia Ban Chấp hành …" = becomes a member (ủy viên) of that committee
_SENT_ABBR = {"tp", "q", "p", "t", "gs", "pgs", "ts", "ths", "th", "tx", "tt", "bs", "ks", "h", "ô", "b", "st",
              "mr", "ms", "dr", "no", "tr", "đ", "v.v"}
_TOKEN_RE = re.compile(r"[\w']+|[^\w\s]")
_AGE_RE = re.compile(r"\d+\s*tuổi|sinh\s+năm\s+\d{4}|sinh\s+\d{4}|\(\s*\d{4}\s*\)|năm\s+sinh\s+\d{4}",
                     re.IGNORECASE)
_BYLINE_MARK = re.compile(r"^\s*(?:\(?\s*(?:ảnh|bài|bài và ảnh|bài, ảnh|ảnh, bài|theo|nguồn|video|clip|pv|ctv|"
                          r"nhóm pv|phóng viên|tin|tin, ảnh)\s*[:/]|\(?\s*(?:ttxvn|vna|pv|ctv)\b)", re.IGNORECASE)
_PHOTO_RE = re.compile(r"\(?\s*(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh)\s*:[^\n)]*\)?", re.IGNORECASE)
_OPEN_DASH = ("-", "–", "—")
_PRED_RE = re.compile(r"[\s,]*((?:hiện\s+(?:nay\s+)?(?:đang\s+)?)?(?:là|giữ\s+chức(?:\s+vụ)?)|(?:đang|vẫn|tiếp\s+tục)\s+giữ"
                      r"\s+chức(?:\s+vụ)?|từng\s+(?:là|giữ|đảm\s+nhiệm|đảm\s+nhận|kinh\s+qua)(?:\s+(?:qua|các|nhiều))*"
                      r"(?:\s+(?:chức\s+vụ|cương\s+vị|chức\s+danh|vị\s+trí))?(?:\s+như)?)\s*:?\s+(?=\w)")
_OLD_RE = re.compile(r"\(\s*cũ\s*\)|(?<!\w)(?:cũ|cựu)(?!\w)", re.IGNORECASE)
_TINH_RE = re.compile(r"(?i)(?<!\w)tỉnh(?!\w)")
_COMMITTEE_TYPE_WORD = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện", "quận ủy": "quận",
                        "thị ủy": "thị xã"}
_THANH_RE = re.compile(r"(?i)(?<!\w)(?:thành ủy|thành uỷ|thành phố|tp)(?!\w)")


def _context_mismatch(t) -> bool:
    """A place taken from the context whose type contradicts the title's own word ("Tỉnh ủy" → a city)."""
    if t.place_source != "context" or not t.place_type:
        return False
    if _TINH_RE.search(t.raw):
        return t.place_type != "tinh"
    if _THANH_RE.search(t.raw):
        return t.place_type not in ("thanh-pho-tw", "thanh-pho-thuoc-tinh")
    return False
# "+ Tháng 7.1994 – 12.2005: …" / "- Từ 2010 đến nay: …": a dated line of a career summary
_CDATE = r"(?:\d{1,2}[./-]){0,2}\d{4}"
_CAREER_RE = re.compile(r"(?:^|(?<=[\n;.:]))\s*[+\-–•]\s*(?:(?:Tháng|Từ|Năm)\s+)?(?:(?:tháng|năm)\s+)?(" + _CDATE +
                        r")\s*(?:[–\-—]|đến|tới)\s*(?:(?:tháng|năm)\s+)?(" + _CDATE + r"|nay|hiện nay)\s*:\s*",
                        re.IGNORECASE)
# "Trong thời gian giữ các cương vị A, B, đồng chí X …": posts held before (former)
_DURING_RE = re.compile(r"(?i)trong\s+thời\s+gian\s+(?:giữ|đảm\s+nhiệm|làm|công\s+tác\s+(?:là|với\s+cương\s+vị))"
                        r"(?:\s+(?:các|những))?(?:\s+(?:cương\s+vị|chức\s+vụ|chức\s+danh|chức))?\s+")
_PAREN_UNIT_RE = re.compile(r"\((?=\s*(?:tỉnh|thành phố|TP|huyện|quận|thị xã)\s+[A-ZĐ])[^()]{1,40}\)")
# "Các đồng chí nguyên Ủy viên Ban Chấp hành Trung ương Đảng: A - …; B - …": titles shared by a list of names
_HEADER_RE = re.compile(r"(?<![\w,])(?:Các|các)\s+(?:đồng\s+chí|ông|bà|vị|đại\s+biểu)\s+((?:[^:;.\n]|\.(?!\s)){5,160}?)\s*:\s*")
# "(Chủ tịch UBND tỉnh Yên Bái vào thời điểm đó)": held then, not now
_AT_THAT_TIME = r"\s*(?:vào\s+|tại\s+)?(?:thời\s+điểm|lúc|khi|hồi)\s+(?:đó|ấy|bấy\s+giờ)"
_AT_THAT_TIME_RE = re.compile(_AT_THAT_TIME + r"(?!\w)", re.IGNORECASE)
# "Thời điểm đó, bà X làm …": the sentence that follows tells what was held then
_THEN_OPEN_RE = re.compile(_AT_THAT_TIME + r"\s*,\s*(?:ông|bà|đồng\s+chí)?\s*", re.IGNORECASE)
_PAST_FOR_RE = re.compile(r"(?<!\w)từng\s+(?:là|làm)\s[^,;.()]{0,40}?(?<!\w)(?:cho|của)\s*$", re.IGNORECASE)
_INCUMBENT_RE = re.compile(r"(?<!\w)(?:đương\s+nhiệm|đương\s+chức)(?!\w)")
# "3 cán bộ là Ủy viên Ban Thường vụ … gồm ông A, ông B và bà C": a count, the titles, then the list of names
_LIST_INTRO_RE = re.compile(r"(?<!\w)(?:là|gồm|gồm có|bao gồm)\s+(?:các\s+|là\s+)?$")
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10}
_COORD_RE = re.compile(r"\s*(?:,|,?\s*và)\s*")
_CONSTITUENCY_RE = re.compile(r",?\s*đơn\s+vị(?:\s+bầu\s+cử)?(?:\s+số\s+\d+)?(?=\s+(?:tỉnh|thành\s+phố|tp|[A-ZĐ]))")
_TIME_WORDS = {"sáng", "chiều", "trưa", "tối", "đêm", "ngày", "hôm", "sau", "trước", "tại", "theo"}


def _surnames() -> frozenset[str]:
    p = Path(__file__).with_name("data") / "surnames.txt"
    return frozenset(fold(line.strip()) for line in p.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _countries_re() -> re.Pattern:
    p = Path(__file__).with_name("data") / "countries.txt"
    lines = [line.strip() for line in p.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    names = [x for x in lines if not x.startswith("!")]
    # "Vụ Pháp chế", "Cục Mỹ thuật": a word that begins with a country's name
    not_country = "|".join(re.escape(x[1:]) for x in sorted(set(lines) - set(names), key=len, reverse=True))
    skip = rf"(?!(?:{not_country})(?!\w))" if not_country else ""
    # the partner of a bilateral body ("Hội Hữu nghị Việt Nam - Lào", "Việt - Trung") is no foreign post
    bilateral = "".join(f"(?<!{v}{d})" for v in ("Việt Nam", "Việt") for d in (" - ", " – ", "-", "–"))
    # "của Lào", "Bộ Quốc phòng Trung Quốc"; not "tại Trung Quốc" (a Vietnamese post abroad), not "Lào Cai"
    return re.compile(r"(?<!\w)(?<!tại )(?<!ở )(?<!sang )(?<!với )" + bilateral + skip + "(" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)(?!\s+[A-ZĐÂĂÊÔƠƯ])")


_COUNTRY_RE = _countries_re()


@dataclass
class Fact:
    """One extracted fact; ``span`` is [start, end) in the original article text (the quote's span)."""
    doc: str
    kind: str                       # holding | decision | rank
    person: str                     # name as written (NFC)
    position: str = ""
    org_type: str = ""
    place: str = ""
    unit: str = ""
    parent_org_type: str = ""       # the body the organization is a unit of, when its type leaves that open
    parent_unit: str = ""
    status: str = "current"
    date: str = ""
    span: tuple[int, int] = (0, 0)
    quote: str = ""
    decision: str = ""
    authority: str = ""
    rank: str = ""
    unit_id: str = ""
    place_type: str = ""
    term: str = ""
    person_span: tuple[int, int] = (0, 0)
    year_inferred: bool = False
    authority_org: str = ""         # organization id of the authority when resolved
    note: str = ""

    def to_json(self, *, fine: bool = False) -> dict:
        """The jsonl form: domain.md slugs (kg.extract.slugs.coarse) unless ``fine``."""
        d = asdict(self)
        if not fine and self.kind != "rank":
            d["position"], d["org_type"], d["unit"] = coarse(self.position, self.org_type, self.unit)
            if self.org_type != d["org_type"]:
                d["org_type_ontology"] = self.org_type
        d["span"] = list(self.span)
        d["person_span"] = list(self.person_span)
        if self.kind != "decision":
            d.pop("decision"), d.pop("authority"), d.pop("authority_org")
        if self.kind != "rank":
            d.pop("rank")
        return d

    def held_key(self) -> tuple:
        """Who held which post (person, position, organization type, place, unit; names folded)."""
        return fold(self.person), self.position, self.org_type, fold(self.place), fold(self.unit)

    def in_domain(self) -> bool:
        """Has domain.md slugs (always true for ranks)."""
        if self.kind == "rank":
            return True
        p, o, _ = coarse(self.position, self.org_type, self.unit)
        return in_domain(p, o)

    def key(self) -> tuple:
        return (self.kind, *self.held_key(), self.status, self.decision, self.rank)


@dataclass
class Mention:
    start: int
    end: int
    name: str
    cue: str = ""            # "honorific" | "rank" | "surname" | "anaphor"
    cue_start: int = -1      # start of honorific / rank words before the name
    rank: str = ""
    rank_span: tuple[int, int] | None = None
    person: str = ""         # resolved full name
    prev_end: int = -1       # end of the previous person's name (-1: none)
    tail: int = -1           # where the title chain after the name ends
    nxt: int = -1            # where the next person's mention starts
    group: tuple = ()        # "ông A và ông B giữ chức X và Y": (position in the list, list size, last member)


@dataclass
class Extraction:
    article: Article
    facts: list[Fact]
    date: str
    year_inferred: bool
    year_source: str
    home: str                     # unit id of the home place ("058@pre2025") or ""
    persons: dict[str, list[tuple[int, int]]] = field(default_factory=dict)   # name -> mention spans
    warnings: list[str] = field(default_factory=list)


class Extractor:
    """Bound to the ontology, the gazetteer and the title parser (all loaded once)."""

    _default: "Extractor | None" = None

    def __init__(self, parser=None):
        from ..titles import TitleParser
        self.parser = parser or TitleParser.default()
        self.vocab = self.parser.vocab
        self.gaz = self.parser.gazetteer
        self.surnames = _surnames()
        v = self.vocab
        self.title_starts: set[str] = set(FORMER_WORDS) | {"quyền", "tân", "phó"}
        self.title_bigrams: set[tuple[str, str]] = set()
        for t in v.positions.values():
            for lab in (t.label_vi, *t.alt_labels):
                k = fold_key(lab).split()
                if k:
                    self.title_starts.add(k[0])
                    if len(k) > 1:
                        self.title_bigrams.add((k[0], k[1]))
        self.ranks: dict[tuple[str, ...], str] = {}
        for t in v.ranks.values():
            for lab in (t.label_vi, *t.alt_labels):
                k = tuple(_TOKEN_RE.findall(fold_key(lab, expand=False)))
                if k:
                    self.ranks[k] = t.slug
        self.max_rank_len = max((len(k) for k in self.ranks), default=1)
        # decision verbs: folded label -> slug (longest first)
        dv: dict[str, str] = {}
        for t in v.decision_types.values():
            for lab in (t.label_vi, *t.alt_labels):
                k = fold(lab)
                if k and k not in dv:
                    dv[k] = t.slug
        self.decision_verbs = sorted(dv.items(), key=lambda kv: -len(kv[0]))
        self._dv_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k, _ in self.decision_verbs) + r")(?!\w)")
        ends = sorted(set(CHAIN_END), key=len, reverse=True)
        self._end_re = re.compile(r"(?<![\w/])(" + "|".join(re.escape(fold(w)) for w in ends) + r")(?!\w)")
        self._cont_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(fold(w)) for w in CHAIN_CONTINUE) + r")(?!\w)")
        self._fill_re = re.compile(r"^(?:\s|,)*(?:(?:" + "|".join(re.escape(fold(w)) for w in
                                   sorted(TARGET_FILLERS, key=len, reverse=True)) + r")(?!\w)(?:\s|,)*)*")
        # labels of organizations and positions that contain a chain-end word ("Ủy ban Kiểm tra", "Tổng Thư ký"):
        # inside them the word does not end the chain
        endw = re.compile(r"(?<![\w/])(" + "|".join(re.escape(fold(w)) for w in ends) + r")(?!\w)")
        prot = set()
        for o in (*v.org_types.values(), *v.positions.values()):
            for lab in (o.label_vi, *o.alt_labels):
                y = endw.search(fold(lab or ""))
                if y and y.start() > 0:          # the label up to the word ("ủy ban kiểm tra")
                    prot.add(fold(lab)[:y.end()])
        self._protect_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(x) for x in sorted(prot, key=len, reverse=True))
                                      + r")(?!\w)") if prot else None
        self._notdec_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(fold(w)) for w in NOT_DECISION) + r")(?!\w)")
        self._parse_cache: dict = {}
        self._held: dict = {}
        self._bare_cache: dict = {}
        self._eras = None
        self._orgl = None
        self._place_cache: dict = {}

    @classmethod
    def default(cls) -> "Extractor":
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # -- helpers ----------------------------------------------------------------------------------
    def parse(self, text: str, at: str, place: str | None):
        key = (text, at, place)
        r = self._parse_cache.get(key)
        if r is None:
            try:
                r = self.parser.parse_titles(text, at=at or None, place=place or None)
            except Exception:   # a parser failure on one phrase must not stop the article
                r = []
            # §5.5: a bare "tỉnh" / "Tỉnh ủy" names the province of the home place, never a city inside it
            # ("Thành ủy" / "thành phố" names a city, never the district of the home place)
            if place and any(_context_mismatch(t) for t in r):
                prov = self._province_of(place)
                if prov and prov != place:
                    r2 = self.parse(text, at, prov)
                    if len(r2) == len(r):
                        r = [t2 if _context_mismatch(t) and not _context_mismatch(t2) else t
                             for t, t2 in zip(r, r2)]
            if len(self._parse_cache) > 50_000:
                self._parse_cache.clear()
            self._parse_cache[key] = r
        return r

    def _province_of(self, unit_id: str) -> str:
        try:
            u = self.gaz.get(unit_id)
        except KeyError:
            return ""
        if u.unit_type in ("tinh", "thanh-pho-tw"):
            return u.id
        for a in self.gaz.ancestors(unit_id):
            if a.unit_type in ("tinh", "thanh-pho-tw"):
                return a.id
        return ""

    def is_place(self, name: str, at: str | None) -> bool:
        key = (name, at)
        r = self._place_cache.get(key)
        if r is None:
            try:
                r = bool(self.gaz.resolve(name, at=at or None))
            except Exception:
                r = False
            self._place_cache[key] = r
        return r

    def _take_title(self, f: Fact, t) -> None:
        """The post of a parsed title onto a fact."""
        f.position = self.specialize(t.position, t.org_type or "")
        f.org_type, f.place, f.unit = t.org_type or "", t.place or "", t.unit or ""
        f.unit_id, f.place_type, f.term = t.unit_id or "", t.place_type or "", t.term or ""
        f.parent_org_type, f.parent_unit = t.parent_org_type or "", t.parent_unit

    def specialize(self, position: str, org_type: str) -> str:
        """The most specific position for an org type: chu-tich + hdnd-tinh → chu-tich-hdnd (from the ontology:
        a position whose label is the generic label followed by the start of the org type's label)."""
        return _specialize(self, position, org_type)

    # -- main -------------------------------------------------------------------------------------
    def extract(self, article: Article) -> Extraction:
        original = article.text
        m = nfc_map(original)
        T = m.text
        same = len(T) == len(original)

        def ospan(a: int, b: int) -> tuple[int, int]:
            return (a, b) if same else m.span(a, b)

        ev = event_date(T, article.date or None, getattr(article, "window", None))
        when = ev.iso or ev.guess          # an uncertain year still reads the text (units of that time)
        at = when if len(when) == 10 else (f"{when}-07-01" if len(when) == 4 else "")
        F = _fold_same_length(T)
        skip = self._skip_spans(T)
        home = self._home_place(T, at, skip)
        toks = [(x.start(), x.end(), x.group(0)) for x in _TOKEN_RE.finditer(T)]
        mentions = self._mentions(T, F, toks, at, skip)
        # "Ông Lương Văn Cường (Lương Cường - Sinh năm 1957), …": a name inside the parenthesis right after a
        # name is an alias of it, not a new person (it would cut the first person's chain)
        kept: list[Mention] = []
        for mt in mentions:
            if kept and re.fullmatch(r"\s*\(\s*", T[kept[-1].end:mt.cue_start]):
                close = T.find(")", mt.end, mt.end + 80)
                if close > 0 and "\n" not in T[mt.end:close]:
                    continue
            kept.append(mt)
        mentions = kept
        ext = Extraction(article, [], ev.iso, ev.year_inferred, ev.year_source, home or "")
        for i, mt in enumerate(mentions):
            mt.nxt = mentions[i + 1].cue_start if i + 1 < len(mentions) else len(T)
        # coordinated names ("ông A và ông B", "A, B và C"): nothing but ", " / " và " between them
        run: list[int] = []
        for i in range(len(mentions) + 1):
            if i < len(mentions) and run and mentions[i].cue != "anaphor" and \
                    _COORD_RE.fullmatch(T[mentions[run[-1]].end:mentions[i].cue_start]):
                run.append(i)
                continue
            if len(run) > 1:
                for k, j in enumerate(run):
                    mentions[j].group = (k, len(run), mentions[run[-1]], mentions[run[0]])
            run = [i] if i < len(mentions) and mentions[i].cue != "anaphor" else []
        facts: list[Fact] = []
        named: dict[str, str] = {}     # given name (folded) -> full name, for anaphora
        self._held = {}                # person (folded) -> current posts named so far (for discipline)
        self._transfer = False         # the last decision read was a transfer (set by _decisions)
        self._past: set[tuple] = set()  # posts the article says a person held "at that time" (thời điểm đó)
        foreign: set[str] = set()      # persons with a foreign title ("Bộ trưởng Bộ Quốc phòng Trung Quốc")
        for i, mt in enumerate(mentions):
            if mt.cue == "anaphor":
                full = named.get(fold(mt.name))
                if not full:
                    continue
                mt.person = full
            else:
                mt.person = mt.name
                parts = mt.name.split()
                if len(parts) >= 2:
                    g = fold(parts[-1])
                    named[g] = mt.name if named.get(g, mt.name) == mt.name else ""
            nxt = mentions[i + 1].cue_start if i + 1 < len(mentions) else len(T)
            mt.prev_end = mentions[i - 1].end if i else -1
            mf = self._mention_facts(article, T, F, mt, nxt, at, home, ev, ospan)
            if self._foreign(T, mt, mf):
                foreign.add(fold(mt.person))
            facts += mf
            ext.persons.setdefault(mt.person, []).append(ospan(mt.start, mt.end))
        facts += self._list_facts(article, T, mentions, at, home, ev, ospan)
        facts += self._replaced_facts(T, mentions, facts, ospan)
        facts = [f for f in facts if fold(f.person) not in foreign]
        have = {(f.person, f.position, f.org_type, f.place) for f in facts if f.kind == "holding"}
        for f in self._career_facts(article, T, mentions, at, home, ev, ospan):
            k = (f.person, f.position, f.org_type, f.place)
            if k not in have:
                have.add(k)
                facts.append(f)
        # "X giữ chức Y" where the article also reports the decision giving Y: Y is the new post, not held
        decided = {(f.person, f.position, f.org_type, f.place) for f in facts if f.kind == "decision"}
        facts = [f for f in facts if not (f.kind == "holding" and f.note == "predicate" and f.status == "current"
                                          and (f.person, f.position, f.org_type, f.place) in decided)]
        # a post the article reports closed for the person ("cho thôi giữ chức", "miễn nhiệm" … on 7/5) is no longer
        # held after that date: a mention of it at a later date describes the person before the decision
        closed: dict[tuple, str] = {}
        for f in facts:
            if f.kind == "decision" and len(f.date) == 10 and not self._is_discipline(f.decision):
                dt = self.vocab.decision_types[f.decision]
                if dt.flag("closesTenure") and not dt.flag("startsTenure"):
                    k = f.held_key()
                    closed[k] = min(closed.get(k, f.date), f.date)
        for f in facts:
            k = f.held_key()
            if f.kind == "holding" and f.status == "current" and len(f.date) == 10 and \
                    (closed.get(k, "9") < f.date or k in self._past and f.date == ev.iso):
                f.status = "former"
        for f in facts:
            if f.note in ("predicate", "again", "transfer"):
                f.note = ""
        # de-duplicate: same fact from several mentions keeps the first (its span)
        # (the same post written twice — "Bộ trưởng Bộ Quốc phòng" and "Bộ Quốc phòng …" — is one fact: domain.md
        # slugs, place, status, decision, rank)
        seen, out = set(), []
        for f in facts:
            pos, ot, _ = coarse(f.position, f.org_type, f.unit)
            k = (f.kind, fold(f.person), pos, ot, fold(f.place), f.status, f.decision, f.rank)
            if k not in seen:
                seen.add(k)
                out.append(f)
        ext.facts = out
        ext.warnings = list(article.warnings)
        if not ev.iso:
            ext.warnings.append("no date in the article and no publication date: facts are undated "
                                "(hint: pass --date YYYY-MM-DD)")
        elif ev.year_inferred:
            ext.warnings.append(f"year {ev.iso[:4]} inferred from the record's publication window (its id)"
                                if ev.year_source == "publication-window" else
                                f"year {ev.iso[:4]} inferred from the content ({ev.year_source})")
        return ext

    # -- spans to skip: bylines, photo credits ------------------------------------------------------
    def _skip_spans(self, T: str) -> list[tuple[int, int]]:
        spans = []
        for x in _PHOTO_RE.finditer(T):
            a, b = x.start(), x.end()
            if b - a > 60:
                # a credit run into the text ("Ảnh: Trí Dũng/TTXVN Dự Hội nghị có …"): the credit is the names
                # up to the agency or the first lower-case word
                k = T.find(":", a, b) + 1
                y = re.search(r"/\s*[A-ZĐ]{2,}\b|\s(?=[a-zđà-ỹ])", T[k:b])
                b = k + (y.end() if y else 40)
            spans.append((a, b))
        lines, pos = [], 0
        for line in T.split("\n"):
            lines.append((pos, pos + len(line), line))
            pos += len(line) + 1
        nonempty = [ln for ln in lines if ln[2].strip()]
        for a, b, line in nonempty[-3:] + [ln for ln in nonempty if _BYLINE_MARK.match(ln[2])]:
            s = line.strip()
            words = s.split()
            if _BYLINE_MARK.match(s) or (len(words) <= 8 and not re.search(r"[,;.:!?]\s*\w+\s+\w+\s+\w+", s)
                                         and all(w[0].isupper() or not w[0].isalpha() or w in ("và",)
                                                 for w in words)):
                spans.append((a, b))
        return spans

    # -- home place ---------------------------------------------------------------------------------
    _TYPE_NAME_RE = re.compile(r"(?<!\w)(tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|"
                               r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|Thị ủy|Thị uỷ)(?:\s+|(?<=TP\.))"
                               r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-ỹ][\w']*)(?:[\s\-]+[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF9][\w']*){0,3})")

    def _home_place(self, T: str, at: str, skip) -> str | None:
        for x in self._TYPE_NAME_RE.finditer(T[:3000]):
            if any(a <= x.start() < b for a, b in skip):
                continue
            words = x.group(2).split()
            if not words[0][0].isupper():
                continue
            tw = x.group(1).rstrip(".")
            tw = _COMMITTEE_TYPE_WORD.get(fold(tw).replace("uỷ", "ủy"), tw)    # "Tỉnh ủy X" names tỉnh X
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                try:
                    us = self.gaz.resolve(f"{tw} {name}", at=at or None)
                except Exception:
                    us = []
                if len(us) == 1:
                    return us[0].id
        return None

    # -- person mentions ------------------------------------------------------------------------------
    def _is_name_tok(self, t: str) -> bool:
        return t[0].isupper() and t.replace("'", "").isalpha() and not (len(t) > 1 and t.isupper()) and len(t) <= 8

    def _mentions(self, T: str, F: str, toks, at: str, skip) -> list[Mention]:
        out: list[Mention] = []
        n = len(toks)
        i = 0
        ftok = [_fold_word(t[2]) for t in toks]
        while i < n:
            s, e, t = toks[i]
            if not self._is_name_tok(t) or any(a <= s < b for a, b in skip):
                i += 1
                continue
            j = i + 1
            while j < n and self._is_name_tok(toks[j][2]) and T[toks[j - 1][1]:toks[j][0]] == " ":
                j += 1
            run = list(range(i, j))
            i = j
            # a time word after the name ("Nguyễn Văn A Chiều 25/5 …")
            while len(run) > 1 and ftok[run[-1]] in _TIME_WORDS:
                run.pop()
            # a capitalized title word glued to the end of the run ("Nguyễn Văn A Bí thư")
            while len(run) > 1 and run[-1] + 1 < n and (ftok[run[-1]], ftok[run[-1] + 1]) in self.title_bigrams:
                run.pop()
            cue, cue_start = "", -1
            # honorific at the start of the run ("Ông Trần Quốc Nam") or just before it
            if ftok[run[0]] in ("ông", "bà") and len(run) > 1:
                cue, cue_start = "honorific", toks[run[0]][0]
                run = run[1:]
            else:
                k = run[0]
                for h in HONORIFICS:
                    if k - len(h) >= 0 and tuple(ftok[k - len(h):k]) == h:
                        cue, cue_start = "honorific", toks[k - len(h)][0]
                        break
            # rank just before the name (after an honorific or not)
            rank, rank_span = "", None
            k = run[0]
            for L in range(self.max_rank_len, 0, -1):
                if k - L >= 0 and tuple(ftok[k - L:k]) in self.ranks:
                    rank = self.ranks[tuple(ftok[k - L:k])]
                    rank_span = (toks[k - L][0], toks[k - 1][1])
                    if not cue or cue_start > rank_span[0] or True:
                        cue = cue or "rank"
                        cue_start = min(cue_start, rank_span[0]) if cue_start >= 0 else rank_span[0]
                        kk = k - L
                        for h in HONORIFICS:
                            if kk - len(h) >= 0 and tuple(ftok[kk - len(h):kk]) == h:
                                cue_start = toks[kk - len(h)][0]
                    break
            # the name inside the run: from a family name, 2-4 syllables; a leading place is dropped
            names = self._split_run(run, toks, ftok, at, bool(cue))
            if names is None:
                continue
            a, b = names
            if b - a == 1:
                if cue != "honorific":
                    continue
                kind = "anaphor"
            else:
                kind = cue or "surname"
            ns, ne = toks[a][0], toks[b - 1][1]
            if a != run[0]:          # a place before the name: cues do not apply
                cue_start, rank, rank_span, kind = ns, "", None, "surname"
            out.append(Mention(ns, ne, T[ns:ne], kind, cue_start if cue_start >= 0 else ns, rank, rank_span))
        return out

    def _split_run(self, run, toks, ftok, at, cued) -> tuple[int, int] | None:
        L = len(run)
        text = lambda a, b: " ".join(toks[x][2] for x in run[a:b])  # noqa: E731
        if cued and L <= 5:
            if L == 1:
                return (run[0], run[0] + 1)
            if not (L == 2 and self.is_place(text(0, 2), at) and ftok[run[0]] not in self.surnames):
                return (run[0], run[-1] + 1)
        for s in range(1, L - 1):      # a place before the name: "Hà Nội Hoàng Trung Hải"
            if ftok[run[s]] in self.surnames and 2 <= L - s <= 4 and self.is_place(text(0, s), at) \
                    and not self.is_place(text(s, L), at):
                return (run[s], run[-1] + 1)
        if ftok[run[0]] in self.surnames and 2 <= L <= 4 and not self.is_place(text(0, L), at):
            return (run[0], run[-1] + 1)
        return None

    # -- facts of one mention -------------------------------------------------------------------------
    def _mention_facts(self, art, T, F, mt: Mention, nxt: int, at, home, ev, ospan) -> list[Fact]:
        facts: list[Fact] = []
        person = mt.person
        date_ = ev.iso

        def mk(kind, t=None, status="current", span=None, **kw) -> Fact:
            sp = span or (t.span if t is not None else (mt.start, mt.end))
            osp = ospan(*sp)
            f = Fact(doc=art.doc, kind=kind, person=person, status=status, date=date_, span=osp,
                     quote=art.text[osp[0]:osp[1]], person_span=ospan(mt.start, mt.end), year_inferred=ev.year_inferred,
                     **kw)
            if t is not None and date_ != ev.iso and status == "former" and _AT_THAT_TIME_RE.match(T, t.span[1]):
                f.status = "current"         # "(Chủ tịch UBND tỉnh vào thời điểm đó)" at the sentence's own date
            if t is not None:
                self._take_title(f, t)
            return f

        # sentence / clause bounds
        sent_start = _sentence_start(T, mt.cue_start)
        sent_end = _sentence_end(T, mt.end)
        # "Trước đó vào ngày 9.9.2016, bà X, Chủ tịch UBND tỉnh Y, đã ký …": the sentence's own (earlier) date
        # (before the name, at most 10 years before the article: anniversaries "23/11/1940" are not the
        # sentence's date)
        sd = _history_date(T, sent_start, mt.cue_start) or _opening_day(T, sent_start, mt.cue_start, ev.iso)
        if sd and len(ev.iso) == 10 and sd < ev.iso and int(ev.iso[:4]) - int(sd[:4]) <= 10:
            date_ = sd
        if mt.rank:
            facts.append(mk("rank", span=mt.rank_span, rank=mt.rank))
        # title before the name
        if mt.cue in ("surname",):
            ts = self._pre_title(T, sent_start, mt.cue_start, at, home, mt.prev_end > sent_start)
            # "X từng là Thư ký cho Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Phạm Quang Nghị": the titles say
            # what the person was at that past time (former)
            past = bool(ts) and bool(_PAST_FOR_RE.search(T, sent_start, ts[0].span[0]))
            for t in ts:
                facts.append(mk("holding", t, "former" if past else self._status(T, t)))
        elif mt.cue == "honorific" and mt.prev_end < sent_start:
            # "Chủ tịch UBND tỉnh An Giang, ông Nguyễn Thanh Bình": the first person of the sentence, the titles
            # just before it
            k = mt.cue_start
            while k > sent_start and T[k - 1] == " ":
                k -= 1
            if k > sent_start and T[k - 1] == ",":
                ts = self._pre_title(T, sent_start, k - 1, at, home, False)
                # the titles open the sentence (the subject), not the end of a clause before the name
                if ts and not T[sent_start:ts[0].span[0]].strip() and "," not in T[ts[0].span[0]:k - 1]:
                    for t in ts:
                        facts.append(mk("holding", t, self._status(T, t)))
        # "Trong thời gian giữ các cương vị A, B, đồng chí X": A, B held before
        if mt.cue in ("honorific", "rank"):
            for t in self._during_titles(T, sent_start, mt.cue_start, at, home):
                rest = re.match(r"[^,;]*", T[t.span[1]:mt.cue_start]).group(0)
                facts.append(mk("holding", t, "current" if re.search(r"(?<!\w)(?:đến|tới)\s+nay", rest)
                                else "former"))
        # the chain after the name
        chain_titles, tail_start = self._chain(T, F, mt, min(nxt, sent_end), sent_end, at, home)
        mt.tail = tail_start if chain_titles else -1
        # "Tổng Bí thư A, Chủ tịch nước B": a title right before the next name is that person's
        if chain_titles and nxt < sent_end:
            t, off = chain_titles[-1]
            if not T[t.span[1] + off:nxt].strip():
                chain_titles = chain_titles[:-1]
        held = []
        for t, off in chain_titles:
            t.span = (t.span[0] + off, t.span[1] + off)
            if t.rank:
                facts.append(mk("rank", span=t.span, rank=t.rank))
            if not t.position:
                continue
            if not t.place and not t.unit_id and self._any_level(t.org_type):
                # "Bí thư Chi bộ, Chủ tịch Hội LHPN huyện Như Xuân": an organization found at every level is at
                # the first unit the chain names after it
                us = self._units(T, t.span[0], tail_start, at, first=True)
                if us:
                    t.place, t.place_type, t.unit_id = us[0].short_name, us[0].unit_type, us[0].id
            st = self._status(T, t)
            facts.append(mk("holding", t, st))
            if st == "current":
                held.append(t)
        # a predicate after the name and its chain: "X là …", "X giữ chức …", "X tiếp tục giữ chức …" (held);
        # "X từng là / từng đảm nhiệm các chức vụ A, B; C" (held before: former)
        x = _PRED_RE.match(F, tail_start)
        if x and "giữ" in x.group(1) and "từng" not in x.group(1):
            # "bầu ông A giữ chức X": the post is the decision's target, not a post held
            first = mt.group[3] if mt.group else mt
            clause_start = max(sent_start, T.rfind(";", sent_start, mt.cue_start) + 1, first.prev_end)
            if self._verbs(F, clause_start, mt.cue_start):
                x = None
        if x and x.end() < sent_end:
            former = "từng" in x.group(1)
            a = x.end()
            limit = min(sent_end, nxt) if nxt > a else sent_end
            while a < limit:
                semi = T.find(";", a, limit)
                seg_end = semi if semi >= 0 else limit
                titles, stop = self._read_titles(T, F, a, seg_end, at, home)
                for t, off in titles:
                    t.span = (t.span[0] + off, t.span[1] + off)
                    if t.rank:
                        facts.append(mk("rank", span=t.span, rank=t.rank))
                    if t.position:
                        f = mk("holding", t, "former" if former else self._status(T, t))
                        # "tiếp tục giữ chức", "vẫn giữ chức": held, whatever the article decides
                        if not re.search(r"tiếp\s+tục|vẫn", x.group(1)):
                            f.note = "predicate"
                        facts.append(f)
                if not titles or semi < 0 or T[stop:seg_end].strip(" ,.") or not former and "là" not in x.group(1):
                    break
                a = semi + 1
            if not former:
                tail_start = max(tail_start, x.end())
        # decisions
        before_held = self._held.get(fold(person), [])
        self._held.setdefault(fold(person), []).extend(held)
        if not held:
            # "kỷ luật đồng chí X bằng hình thức cảnh cáo" with no title here: the party posts X holds (named
            # earlier in the article)
            held = [t for t in before_held if "PartyPillar" in
                    (self.vocab.org_types[t.org_type].prop("pillar") if t.org_type in self.vocab.org_types else ())]
        if mt.group and mt.group[2].end <= sent_end:
            # a list of names shares what follows the last one; "giữ chức X và Y" gives X to the first, Y to the
            # second when there are as many posts as names
            k, n, last, _ = mt.group
            dec = self._decisions(T, F, mt, sent_start, sent_end, max(tail_start, last.end), held, at, home, mk,
                                  last.nxt)
            posts = [f for f in dec if not self._is_discipline(f.decision)]
            if n > 1 and len(posts) == n:
                dec = [f for f in dec if f not in posts or f is posts[k]]
        else:
            dec = self._decisions(T, F, mt, sent_start, sent_end, tail_start, held, at, home, mk, nxt)
        # the chain before the decision describes the person before it: a post the decision ends was held up to
        # the decision, not after it (a transfer ends the old posts; "Phó Bí thư … được bầu giữ chức Bí thư" ends
        # the Phó Bí thư post; "cho thôi giữ chức X" ends X)
        if dec or self._transfer:
            first = min(f.span[0] for f in dec) if dec else len(art.text)
            for h in facts:
                if h.kind != "holding" or h.status != "current" or h.note == "predicate" or h.span[1] > first:
                    continue
                if any(self._ends(d, h) for d in dec) or self._transfer and not dec and not self._member(h):
                    # (a transfer whose new post is not understood still ends the posts that are not memberships)
                    h.status = "former"
        facts += dec
        # "tiếp tục được bầu giữ chức X", "tái cử": X was held already
        for f in dec:
            if f.status in ("elected", "appointed") and f.note == "again":
                h = _copy(f)
                h.kind, h.status, h.decision, h.authority, h.authority_org, h.note = \
                    "holding", "current", "", "", "", ""
                facts.append(h)
        # "Thời điểm đó, bà Trà làm Chủ tịch UBND tỉnh Yên Bái": the posts held at that past time (former); the
        # article says the person no longer holds them (see extract)
        if _THEN_OPEN_RE.fullmatch(T, sent_start, mt.cue_start):
            y = re.match(r"\s*(?:đang\s+)?(?:làm|là|giữ\s+chức(?:\s+vụ)?)\s+", T[mt.end:sent_end])
            if y:
                titles, _ = self._read_titles(T, F, mt.end + y.end(), sent_end, at, home)
                for t, off in titles:
                    if t.position:
                        t.span = (t.span[0] + off, t.span[1] + off)
                        facts.append(mk("holding", t, "former"))
            for f in facts:
                if f.kind == "holding":
                    f.status = "former"
                    self._past.add(f.held_key())
        return facts

    def _region_titles(self, T: str, a: int, b: int, at, home):
        """Titles in T[a:b] read as one list (dated parentheses masked, "sau đó là"/"rồi" → ","), spans in T."""
        reg = T[a:b]
        reg = re.sub(r"\([^()]*\d[^()]*\)", lambda x: " " * len(x.group(0)), reg)
        reg = re.sub(r"(?i)(?<!\w)(?:sau\s+đó\s+là|rồi\s+là|sau\s+đó)(?!\w)", lambda x: "," + " " * (len(x.group(0)) - 1),
                     reg)
        titles, _ = self._read_titles(reg, _fold_same_length(reg), 0, len(reg), at, home)
        out = []
        for t, off in titles:
            t.span = (t.span[0] + off + a, t.span[1] + off + a)
            if t.position:
                out.append(t)
        return out

    def _during_titles(self, T: str, sent_start: int, end: int, at, home):
        x = None
        for x in _DURING_RE.finditer(T, sent_start, end):
            pass
        if x is None or x.end() >= end:
            return []
        b = end
        while b > x.end() and T[b - 1] in " ,":
            b -= 1
        return self._region_titles(T, x.end(), b, at, home)

    def _career_facts(self, art, T: str, mentions, at, home, ev, ospan) -> list[Fact]:
        """Dated lines of a career summary ("+ Tháng 7.1994 – 12.2005: A, B; C"): the posts of the person the
        article is about (the last person named in full before the line), former unless the line runs "đến nay"."""
        out: list[Fact] = []
        xs = list(_CAREER_RE.finditer(T))
        if len(xs) < 2:                      # one dated line is not a career summary
            return out
        full = [mt for mt in mentions if mt.cue != "anaphor" and len(mt.person.split()) >= 2]
        for i, x in enumerate(xs):
            before = [mt for mt in full if mt.end <= x.start()]
            if not before:
                continue
            mt = before[-1]
            end = xs[i + 1].start() if i + 1 < len(xs) else len(T)
            nl = T.find("\n", x.end(), end)
            if nl >= 0:
                end = nl
            # the line ends at the next person named in it
            for m2 in mentions:
                if x.end() <= m2.cue_start < end:
                    end = m2.cue_start
                    break
            current = "nay" in x.group(2).casefold()
            d1, d2 = _career_day(x.group(1)), ("" if current else _career_day(x.group(2)))
            a = x.end()
            # the line's own place (the last unit named with its type word), not the article's
            line_home = {}
            for day in dict.fromkeys(d for d in (d2, d1, at) if d):
                line_home[day] = self._last_unit(T, a, end, day) or home
            while a < end:
                semi = T.find(";", a, end)
                seg_end = semi if semi >= 0 else end
                seg_e = seg_end
                while seg_e > a and T[seg_e - 1] in " .,":
                    seg_e -= 1
                best = []
                for day in dict.fromkeys(d for d in (d2, d1, at) if d):
                    ts = self._region_titles(T, a, seg_e, day, line_home[day])
                    if len(ts) > len(best):
                        best = ts
                for t in best:
                    osp = ospan(*t.span)
                    f = Fact(doc=art.doc, kind="holding", person=mt.person,
                             status="current" if current and self._status(T, t) == "current" else "former",
                             date=ev.iso, span=osp, quote=art.text[osp[0]:osp[1]], person_span=ospan(mt.start, mt.end),
                             year_inferred=ev.year_inferred)
                    self._take_title(f, t)
                    out.append(f)
                if semi < 0:
                    break
                a = semi + 1
        return out

    def _last_unit(self, T: str, a: int, b: int, at: str) -> str | None:
        us = self._units(T, a, b, at)
        return us[-1].id if us else None

    def _units(self, T: str, a: int, b: int, at: str, first: bool = False) -> list:
        """Units named with their type word in T[a:b] ("tỉnh Thanh Hóa", "Huyện ủy Nhơn Trạch")."""
        found = []
        for x in self._TYPE_NAME_RE.finditer(T, a, b):
            words = x.group(2).split()
            if not words[0][0].isupper():
                continue
            tw = x.group(1).rstrip(".")
            tw = _COMMITTEE_TYPE_WORD.get(fold(tw).replace("uỷ", "ủy"), tw)
            for n in range(len(words), 0, -1):
                try:
                    us = self.gaz.resolve(f"{tw} {' '.join(words[:n])}", at=at or None)
                except Exception:
                    us = []
                if len(us) == 1:
                    found.append(us[0])
                    break
            if first and found:
                break
        return found

    def _list_facts(self, art, T: str, mentions, at, home, ev, ospan) -> list[Fact]:
        """ "2 ứng viên là đại biểu Quốc hội đương nhiệm … là bà A và ông B", "3 cán bộ là Ủy viên Ban Thường vụ
        Thành ủy X được phân công … gồm ông A, ông B và bà C": the titles after the count are held by each name of
        the list, when the count is the number of names."""
        out: list[Fact] = []
        for i, mt in enumerate(mentions):
            if mt.cue == "anaphor" or (mt.group and mt.group[0] != 0):
                continue
            n = mt.group[1] if mt.group else 1
            members = [mt] + [m for m in mentions[i + 1:i + n]] if n > 1 else [mt]
            sent_start = _sentence_start(T, mt.cue_start)
            # the honorific of the first name is part of its cue; "là các ông A, B" / "gồm ông A"
            head = T[sent_start:mt.cue_start]
            x = _LIST_INTRO_RE.search(head.casefold())
            if not x:
                continue
            lim = sent_start + x.start()
            cnt = None
            for y in re.finditer(r"(?<![\w/.,-])(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?=\w)", T[sent_start:lim],
                                 re.IGNORECASE):
                v = y.group(1).casefold()
                v = int(v) if v.isdigit() else _NUMBER_WORDS[v]
                if v == n:
                    cnt = sent_start + y.end()
                    break
            if cnt is None:
                continue
            a = cnt
            z = re.search(r"(?<!\w)là\s+", T[a:lim])
            if z and not self._title_at(T, a):
                a += z.end()
            titles = self._region_titles(T, a, lim, at, home)
            for t in titles:
                for m in members:
                    osp = ospan(*t.span)
                    f = Fact(doc=art.doc, kind="holding", person=m.person or m.name, status="current", date=ev.iso,
                             span=osp, quote=art.text[osp[0]:osp[1]], person_span=ospan(m.start, m.end),
                             year_inferred=ev.year_inferred)
                    self._take_title(f, t)
                    out.append(f)
        # shared headers
        headers = list(_HEADER_RE.finditer(T))
        for i, x in enumerate(headers):
            w = fold_key(x.group(1)).split()
            if not w or w[0] not in self.title_starts:
                continue
            titles = self._region_titles(T, x.start(1), x.end(1), at, home)
            if not titles:
                continue
            end = _sentence_end(T, x.end())
            if i + 1 < len(headers):
                end = min(end, headers[i + 1].start())
            for m in mentions:
                if not (x.end() <= m.cue_start < end) or m.cue == "anaphor":
                    continue
                k = max(T.rfind(";", x.end() - 1, m.cue_start), x.end() - 1)
                if T[k + 1:m.cue_start].strip(" :;"):
                    continue                    # not at the start of an item
                for t in titles:
                    osp = ospan(*t.span)
                    f = Fact(doc=art.doc, kind="holding", person=m.person or m.name, status=self._status(T, t),
                             date=ev.iso, span=osp, quote=art.text[osp[0]:osp[1]], person_span=ospan(m.start, m.end),
                             year_inferred=ev.year_inferred)
                    self._take_title(f, t)
                    out.append(f)
        return out

    def _replaced_facts(self, T: str, mentions, facts: list[Fact], ospan) -> list[Fact]:
        """ "… giữ chức Bí thư Tỉnh ủy Quảng Ninh, thay ông Vũ Đại Thắng": the person replaced held the post."""
        out = []
        for mt in mentions:
            if mt.cue == "anaphor" or not re.search(r"(?<!\w)thay(?:\s+thế)?\s*$", T[max(0, mt.cue_start - 12):mt.cue_start],
                                                    re.IGNORECASE):
                continue
            sent_start = _sentence_start(T, mt.cue_start)
            a, b = ospan(sent_start, mt.cue_start)
            decs = [f for f in facts if f.kind == "decision" and a <= f.span[0] and f.span[1] <= b
                    and f.person != mt.person and self.vocab.decision_types[f.decision].flag("startsTenure")]
            if not decs:
                continue
            last = max(f.person_span for f in decs)
            for f in decs:
                if f.person_span != last:
                    continue
                h = _copy(f)
                h.kind, h.person, h.status, h.person_span = "holding", mt.person, "former", ospan(mt.start, mt.end)
                h.decision, h.authority, h.authority_org, h.note = "", "", "", ""
                out.append(h)
        return out

    def _title_at(self, T: str, a: int) -> bool:
        w = fold_key(T[a:a + 20]).split()
        return bool(w) and (w[0] in self.title_starts)

    def _foreign(self, T: str, mt: Mention, facts: list[Fact]) -> bool:
        """The person's title names a foreign country: in the chain after the name ("Ngụy Phượng Hòa, Ủy viên
        Quốc vụ, Bộ trưởng Bộ Quốc phòng Trung Quốc"), or just before it in the same clause ("Bộ trưởng Bộ Quốc
        phòng Trung Quốc Ngụy Phượng Hòa", "Đoàn đại biểu … Trung Hoa do Thượng tướng Ngụy Phượng Hòa")."""
        a = mt.cue_start
        k = a
        while k > 0 and a - k < 80 and T[k - 1] not in ",;:.!?()\n":
            k -= 1
        v = T.rfind(" và ", k, a)       # "… Đảng Nhân dân cách mạng Lào và Phu nhân Tổng Bí thư Tô Lâm": another's
        if v >= 0:
            k = v + 4
        if any(self._country(T, m) for m in _COUNTRY_RE.finditer(T, k, a)):
            return True
        if mt.tail <= mt.end:
            return False
        # the chain, and what follows its last title up to the next comma ("… Bộ trưởng Bộ Quốc phòng Trung Quốc")
        x = re.match(r"[^,;.()\n]{0,40}", T[mt.tail:])
        return any(self._country(T, m) for m in _COUNTRY_RE.finditer(T, mt.end, mt.tail + (x.end() if x else 0)))

    def _country(self, T: str, m: re.Match) -> bool:
        """The match names the country, not the end of a Vietnamese place ("Chương Mỹ", a district of Hà Nội)."""
        prev = re.search(r"(\w+)\s+$", T[max(0, m.start() - 20):m.start()])
        return not (prev and prev.group(1)[:1].isupper() and self.gaz.known(f"{prev.group(1)} {m.group(0)}"))

    def _any_level(self, org_type: str | None) -> bool:
        """An organization type found at several levels and not tied to a unit type (a chi bộ)."""
        ot = self.vocab.org_types.get(org_type or "")
        return ot is not None and not ot.prop("unitType") and len(ot.prop("level")) > 1

    def _status(self, T: str, t) -> str:
        q = set(t.qualifiers or [])
        before = T[max(0, t.span[0] - 8):t.span[0]].casefold()
        after = T[t.span[1]:t.span[1] + 6].casefold()
        if "nguyen" in q or "cuu" in q or re.search(r"(?<!\w)(?:nguyên|cựu|cố)\s*$", before) or \
                re.match(r"\s*\(?cũ(?!\w)", after) or _AT_THAT_TIME_RE.match(T, t.span[1]):
            return "former"
        if "quyen" in q or re.search(r"quyền\s*$", before):
            return "acting"
        return "current"

    def _good(self, t) -> bool:
        """A usable title: understood, with an organization, and a resolved place when its type needs one."""
        if not (t.ok and t.position and (t.org_type or t.position in ("chu-tich-nuoc", "pho-chu-tich-nuoc"))):
            return False
        if "pho" in (t.qualifiers or ()):
            return False      # the deputy of a position without a deputy type is not that position's holder
        if self._bare(t):
            return False
        ot = self.vocab.org_types.get(t.org_type or "")
        # a bare "Đảng ủy" (of an agency, a unit …) is not the Tỉnh ủy of the context place
        if ot is not None and "đảng ủy" in fold(t.raw) and "đảng ủy" not in fold(ot.label_vi):
            return False
        if ot is not None and ot.prop("unitType"):
            return bool(t.unit_id)
        return not t.place or bool(t.place_type or t.unit_id)

    def _bare(self, t) -> bool:
        """A position written without its organization ("Bí thư", "Chủ nhiệm"): the organization came from the
        context alone, which names no organization for it. Read without any context, it has none."""
        if t.place_source != "context":
            return False
        r = self._bare_cache.get((t.raw, t.position))
        if r is None:
            key = fold_key(t.raw).split()
            while key and key[0] in ("nguyên", "cựu", "quyền", "tân", "cố"):
                key = key[1:]
            p = self.vocab.positions.get(t.position or "")
            labels = {tuple(fold_key(x).split()) for x in ((p.label_vi, *p.alt_labels) if p else ())}
            r = False
            if tuple(key) in labels:
                k = " " + " ".join(key) + " "
                r = not any(" " + o + " " in k for o in self._org_labels())
            self._bare_cache[(t.raw, t.position)] = r
        return r

    def _org_labels(self) -> list[str]:
        if self._orgl is None:
            self._orgl = sorted({" ".join(fold_key(x).split()) for o in self.vocab.org_types.values()
                                 for x in (o.label_vi, *o.alt_labels) if x} | {"đảng ủy", "đảng uỷ"}, key=len)
        return self._orgl

    def _fix(self, t, text: str, at, home):
        """A title whose 'place' is not a place (trailing words): parse again without them."""
        if self._good(t):
            return t
        if t.position and t.place and not t.place_type:
            raw = t.raw
            ends = [x.start() for x in re.finditer(r"\s+", raw)]
            k = raw.rfind(t.place)
            ends = sorted(set(ends) | ({k} if k > 0 else set()), reverse=True)
            for e in ends[:8]:
                cut = raw[:e].rstrip(" ,-–")
                if not cut:
                    continue
                rs = self.parse(cut, at, home)
                if len(rs) == 1 and self._good(rs[0]):
                    r = _copy(rs[0])
                    r.span = (r.span[0] + t.span[0], r.span[1] + t.span[0])
                    return r
        return None

    def _pre_title(self, T, sent_start, end, at, home, after_person=False):
        """Titles written before the name: "Bí thư Tỉnh ủy Hoàng Duy Chinh", and chains of them
        ("Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Nguyễn Ngọc Tuấn", "Bí thư Quận ủy kiêm Chủ tịch UBND
        quận X Nguyễn Văn Y"): every title of the chain must be understood and the chain must reach the name."""
        best: list = []
        a = end
        for _ in range(4):                      # at most four comma-separated titles
            b = a
            while a > sent_start and (T[a - 1] not in ",;:()\n\"“”.!?" or
                                      T[a - 1] == "." and a < len(T) and T[a] not in " \n"):
                a -= 1
            if end - a > 200:
                break
            # "A, Bộ trưởng … và Ủy viên Bộ Chính trị, Bí thư Thành ủy B": after another person, " và " starts B's
            stop_here = False
            if after_person:
                k = T.rfind(" và ", a, b)
                if k >= 0:
                    a, stop_here = k + 4, True
            ctx = T[a:end]
            if not ctx.strip():
                break
            found = None
            for x in _TOKEN_RE.finditer(T[a:b]):
                w = x.group(0)
                fk = fold_key(w).split()
                if fk and fk[0] in self.title_starts:
                    sub = ctx[x.start():].rstrip()
                    ts = self.parse(sub, at, home)
                    if ts and all(self._good(t) for t in ts) and ts[-1].span[1] >= len(sub) - 1 \
                            and self._covers(sub, ts):
                        found = []
                        for t in ts:
                            t = _copy(t)
                            t.span = (t.span[0] + a + x.start(), t.span[1] + a + x.start())
                            found.append(t)
                        break
            if found is None:
                break
            best = found
            if stop_here or not (a > sent_start and T[a - 1] == ","):
                break
            a -= 1
        # "thừa ủy quyền của Thủ tướng, Phó Thủ tướng Bùi Thanh Sơn": one person does not hold two different
        # posts (not memberships) of one organization; the titles up to the first of them are someone else's
        for i in range(len(best) - 1, -1, -1):
            ti = best[i]
            if any(ti.position != tj.position and ti.org_type == tj.org_type and (ti.place or "") == (tj.place or "")
                   and (ti.unit or "") == (tj.unit or "") and not self._member_pos(ti.position)
                   and not self._member_pos(tj.position) for tj in best[i + 1:]):
                best = best[i + 1:]
                break
        return best

    def _member_pos(self, position: str) -> bool:
        p = self.vocab.positions.get(position or "")
        return p is None or p.flag("isMembership")

    @staticmethod
    def _covers(sub: str, ts) -> bool:
        """The titles cover the text but for separators (", ", " kiêm ", " và ")."""
        k = 0
        for t in ts:
            gap = sub[k:t.span[0]]
            if gap.strip(" ,-–") and fold(gap.strip(" ,-–")) not in ("kiêm", "và", "nguyên", "cựu", "quyền"):
                return False
            k = t.span[1]
        return True

    def _chain(self, T, F, mt: Mention, limit: int, sent_end: int, at, home):
        """Titles after the name, each with the offset of the parsed text; and where the chain ends."""
        p = mt.end
        # skip "(Sinh năm 1962)", "(Lương Cường - Sinh năm 1957)", "(54 tuổi)"
        while True:
            q = p
            while q < len(T) and T[q] == " ":
                q += 1
            if q < len(T) and T[q] == "(":
                close = T.find(")", q, q + 120)
                if close > 0 and (_AGE_RE.search(T[q:close]) or re.fullmatch(r"\(\s*[\w\s'\-–]+", T[q:close])
                                  and all(w[:1].isupper() or not w[:1].isalpha() for w in T[q + 1:close].split())):
                    p = close + 1
                    continue
            break
        q = p
        while q < len(T) and T[q] == " ":
            q += 1
        if q >= len(T):
            return [], p
        opener = T[q]
        if opener == ",":
            start, closer = q + 1, None
        elif opener in _OPEN_DASH or opener == ":":
            start, closer = q + 1, (" - ", " – ", " — ") if opener in _OPEN_DASH else None
        elif opener == "(":
            start, closer = q + 1, (")",)
        else:
            return [], p
        end = min(limit, sent_end)
        semi = T.find(";", start, end)
        if semi >= 0:
            end = semi
        nl = T.find("\n", start, end)
        if nl >= 0:
            end = nl
        if closer:
            for c in closer:
                k = T.find(c, start, end)
                if k >= 0:
                    end = k
        # an unbalanced ")" closes a parenthesized mention "(ông X, Bí thư …)"
        depth = 0
        for k in range(start, end):
            if T[k] == "(":
                depth += 1
            elif T[k] == ")":
                if depth == 0:
                    end = k
                    break
                depth -= 1
        return self._read_titles(T, F, start, end, at, home)

    def _read_titles(self, T, F, start: int, end: int, at, home):
        """Titles in T[start:end] up to the first verb / marker; (titles with their offset, where reading stopped)."""
        region = F[start:end]
        # mask: ages, "hiện là" (→ comma), then cut at the first verb / marker
        chars = list(T[start:end])
        for x in _AGE_RE.finditer(region):
            chars[x.start():x.end()] = " " * (x.end() - x.start())
        # "(cũ)", "cũ", "cựu": read by _status from the original text; the parser does not need them
        for x in _OLD_RE.finditer(region):
            chars[x.start():x.end()] = " " * (x.end() - x.start())
        # "Chủ tịch UBND TP Phú Quốc (tỉnh Kiên Giang)": the parenthesis names the parent unit
        for x in _PAREN_UNIT_RE.finditer(T, start, end):
            chars[x.start() - start] = ","
            chars[x.end() - 1 - start] = " "
        for x in _INCUMBENT_RE.finditer(region):      # "đại biểu Quốc hội đương nhiệm": current
            chars[x.start():x.end()] = " " * (x.end() - x.start())
        for x in self._cont_re.finditer(region):
            chars[x.start():x.end()] = "," + " " * (x.end() - x.start() - 1)
        # "Đại biểu Quốc hội khóa XIV, đơn vị Cần Thơ": the constituency names the delegation's place
        unit_words = []
        for x in _CONSTITUENCY_RE.finditer(T, start, end):
            chars[x.start() - start:x.end() - start] = " " * (x.end() - x.start())
            unit_words.append(x.end() - start)
        masked_f = "".join(chars).casefold()
        cut = len(chars)
        prot = [(y.start(), y.end()) for y in self._protect_re.finditer(masked_f)] if self._protect_re else []
        for x in self._end_re.finditer(masked_f):
            if any(a <= x.start() < b for a, b in prot):
                continue                    # "Ủy ban Kiểm tra", "Tổng Thư ký": a name, not a verb
            cut = x.start()
            break
        x = self._dv_re.search(masked_f)
        if x and x.start() < cut:
            cut = x.start()
        # " và " + a person
        for x in re.finditer(r"\svà\s+(?=(?:ông|bà|đồng chí)\s|[A-ZĐ])", "".join(chars)):
            if x.start() < cut:
                cut = x.start()
            break
        # " và " + something that is not a title ("… phường Hạc Thành và 7 người bị khởi tố")
        for x in re.finditer(r"\svà\s+(\w+)", "".join(chars[:cut])):
            w = x.group(1)
            if not w[:1].isupper() and fold_key(w).split()[:1] and fold_key(w).split()[0] not in self.title_starts:
                cut = x.start()
                break
        text = "".join(chars[:cut])
        # a dangling " và" / "," before the next person ("…, Chủ tịch UBND tỉnh và ông B")
        y = re.search(r"[\s,]+(?:và|cùng)?[\s,]*$", text)
        if y and y.start() > 0:
            text = text[:y.start()]
        if not text.strip():
            return [], start
        out = []
        parsed = self.parse(text, at, home)
        # a bare "Tỉnh ủy" / "tỉnh" in a chain that ends with an explicit place takes that place, not the
        # context's ("nguyên Phó Bí thư Tỉnh ủy, nguyên Chủ tịch UBND tỉnh Khánh Hòa")
        if home and any(t.place_source == "context" for t in parsed) and \
                any(t.place_source == "explicit" and t.unit_id for t in parsed):
            alone = self.parse(text, at, None)
            if len(alone) == len(parsed):
                last_explicit = max(i for i, t in enumerate(parsed) if t.place_source == "explicit" and t.unit_id)
                parsed = [t2 if (i < last_explicit and t.place_source == "context" and t2.place_source == "chain"
                                 and self._good(t2)) else t
                          for i, (t, t2) in enumerate(zip(parsed, alone))]
        for t in parsed:
            if unit_words and t.place and any(t.span[0] < k < t.span[1] for k in unit_words):
                ot = self.vocab.org_types.get(t.org_type or "")
                if ot is not None and not ot.prop("unitType") and t.org_type != "doan-dbqh":
                    t = _copy(t)        # a national body: the constituency is not its place
                    t.place, t.place_type, t.unit_id, t.place_source = "", None, None, ""
            t2 = t if self._good(t) else (self._old_unit(t, T, start, at, home) or self._fix(t, text, at, home))
            if t2 is not None:
                out.append((_copy(t2), start))
            elif t.rank:                 # "…, Đại tá, Phó Tham mưu trưởng …": the rank stands on its own
                r = _copy(t)
                r.position = None
                out.append((r, start))
        return out, start + cut

    def _old_unit(self, t, T: str, off: int, at, home):
        """A former post of a unit that no longer exists ("Chủ tịch UBND quận 1 (cũ)", "cựu Bí thư Thành ủy TP
        Thanh Hóa" after the 2025 reform): read at the day before the last reorganization before the date."""
        if not at or not t.position:
            return None
        a, b = t.span[0] + off, t.span[1] + off
        before = T[max(0, a - 8):a].casefold()
        after = T[b:b + 6].casefold()
        q = set(t.qualifiers or [])
        if not ("nguyen" in q or "cuu" in q or re.search(r"(?<!\w)(?:nguyên|cựu)\s*$", before)
                or re.match(r"\s*\(?cũ(?!\w)", after) or re.match(r"(?i)(?:nguyên|cựu)\s", t.raw)):
            return None
        old = self._era_before(at)
        if not old:
            return None
        raw = re.sub(r"(?i)^(?:nguyên|cựu)\s+", "", t.raw)
        k = t.raw.find(raw)
        rs = self.parse(raw, old, None)
        if len(rs) == 1 and self._good(rs[0]):
            r = _copy(rs[0])
            r.span = (r.span[0] + t.span[0] + k, r.span[1] + t.span[0] + k)
            r.qualifiers = list(r.qualifiers or []) + ["nguyen"]
            return r
        return None

    def _era_before(self, at: str) -> str:
        """The day before the last reorganization of the gazetteer on or before ``at`` ("" if none)."""
        if self._eras is None:
            self._eras = sorted({c.date for c in self.gaz.changes.values()})
        from datetime import date, timedelta
        try:
            d = date.fromisoformat(at[:10])
        except ValueError:
            return ""
        prev = [x for x in self._eras if x <= d]
        return (prev[-1] - timedelta(days=1)).isoformat() if prev else ""

    # -- decisions ------------------------------------------------------------------------------------
    def _verbs(self, F: str, a: int, b: int):
        return [(x.start() + a, x.end() + a, dict(self.decision_verbs)[x.group(1)])
                for x in self._dv_re.finditer(F[a:b])]

    def _decisions(self, T, F, mt, sent_start, sent_end, tail_start, held, at, home, mk, nxt) -> list[Fact]:
        facts = []
        self._transfer = False      # set when the decision found is a transfer (see _ends)
        # clause before the mention: after the last ";" in the sentence
        clause_start = max(sent_start, T.rfind(";", sent_start, mt.cue_start) + 1)
        before = self._verbs(F, clause_start, mt.cue_start)
        tail_end = min(sent_end, nxt if nxt > tail_start else sent_end)
        semi = T.find(";", tail_start, tail_end)
        if semi >= 0:
            tail_end = semi
        after = [v for v in self._verbs(F, tail_start, tail_end) if v[0] - tail_start <= 90]
        # "chỉ định đồng chí X tham gia Ban Chấp hành, Ban Thường vụ, phân công làm Bí thư Quận ủy Y": the posts of the
        # verb before the name follow the name directly; a verb after them (", phân công làm …") continues the list
        # (one decision named by its first verb, as "điều động, phân công, chỉ định")
        masked = []
        if before and after and tail_start == mt.end:
            fm = self._fill_re.match(F[tail_start:after[0][0]])
            if fm and fm.group(0).strip(" ,") and all(re.search(r",\s*$", F[tail_start:v[0]]) for v in after[:1]):
                masked, after = after, []
        verbs, where = (after, "after") if after else (before, "before")
        if not verbs:
            return []
        # "X ký / trao / công bố quyết định … bổ nhiệm …", "quyết định của X về việc điều động …": X is the one who
        # decides or announces, not the decision's object
        if where == "after":
            gap = F[tail_start:verbs[0][0]]
            if re.search(r"(?<!\w)(?:ký|trao|công\s+bố|ban\s+hành|chủ\s+trì|thay\s+mặt|của|về\s+việc|cho\s+biết|"
                         r"đề\s+cập|phát\s+biểu|khẳng\s+định|nhấn\s+mạnh|nói|thông\s+tin|chia\s+sẻ)(?!\w)", gap) and \
                    not re.search(r"(?<!\w)(?:được|bị|nhận)(?!\w)", gap):
                return []
        # "người ký quyết định bổ nhiệm ông A là bà B": the verb's object is A; B is named by "là"
        if where == "before" and mt.prev_end > verbs[-1][1] and \
                re.search(r"(?<!\w)là\s*$", F[mt.prev_end:mt.cue_start]):
            return []
        # the group of verbs ("điều động, phân công, chỉ định"): the first names the decision
        group = [verbs[0]] if where == "after" else [verbs[-1]]
        vs = verbs if where == "after" else list(reversed(verbs))
        for v in vs[1:]:
            prev = group[-1]
            gap = F[prev[1]:v[0]] if where == "after" else F[v[1]:prev[0]]
            if re.fullmatch(r"[\s,]*(?:và|,)?[\s,]*", gap):
                group.append(v)
            else:
                break
        if where == "before":
            group.reverse()
        slug = group[0][2]
        specific = [v for v in verbs if self._broader(v[2]) == slug]
        if specific:
            slug = specific[0][2]
        elif self._broader(slug):
            pass
        vstart, vend = group[0][0], group[-1][1]
        # "Quyết định kỷ luật trên …": a reference to a decision already reported, not a new one
        if re.match(r"\s+(?:nói\s+trên|trên|này|đó)(?!\w)", F[vend:vend + 12]):
            return []
        window = F[max(clause_start, vstart - 40):vstart]
        if self._notdec_re.search(window):
            return []
        # "để bầu giữ chức", "sẽ bổ nhiệm": a purpose or a plan, not a decision
        if re.search(r"(?<!\w)(?:để|sẽ|sẽ được|để được)\s*$", F[max(clause_start, vstart - 12):vstart]):
            return []
        dt = self.vocab.decision_types[slug]
        status = self._decision_status(dt)
        authority = self._authority(T, F, clause_start, mt, vstart, where, tail_start)
        auth_org = self.authority_org(authority, at, home) if authority else ""
        date_ = mention_date(T, clause_start, sent_end, "")
        if slug == "ky-luat":
            # "thi hành kỷ luật … bằng hình thức cảnh cáo": the form names the decision
            x = re.search(r"(?<!\w)hình\s+thức\s+", F[vend:sent_end])
            if x:
                fv = self._verbs(F, vend + x.end(), min(sent_end, vend + x.end() + 30))
                if fv and fv[0][0] == vend + x.end() and self._is_discipline(fv[0][2]):
                    slug = fv[0][2]
        if self._is_discipline(slug):
            # kỷ luật: the posts held; a following "cho thôi giữ chức X" is another decision
            for t in held:
                f = mk("decision", t, "current", decision=slug, authority=authority, authority_org=auth_org)
                f.span = f.span
                if date_:
                    f.date = date_
                facts.append(f)
            # ("cảnh cáo và cho thôi giữ chức X": the verb list's non-discipline verb is that decision)
            rest = [v for v in group[1:] + self._verbs(F, vend, tail_end if where == "after" else sent_end)
                    if not self._is_discipline(v[2])]
            if rest:
                v = rest[0]
                for t in self._targets(T, F, v[1], sent_end, at, home):
                    f = mk("decision", t, self._decision_status(self.vocab.decision_types[v[2]]),
                           decision=v[2], authority=authority, authority_org=auth_org)
                    if date_:
                        f.date = date_
                    facts.append(f)
            return facts
        tstart = vend if where == "after" else max(vend, tail_start)
        if where == "before" and tail_start < vend:
            return []
        again = bool(re.search(r"(?<!\w)tiếp\s+tục\s+(?:được\s+)?$", F[max(clause_start, vstart - 20):vstart]))
        tend = tail_end if where == "after" else (min(sent_end, nxt) if nxt > tstart else sent_end)
        # "được HĐND tỉnh Vĩnh Long bầu làm Chủ tịch UBND tỉnh": a bare "tỉnh" after the verb is the authority's
        us = self._units(authority, 0, len(authority), at) if authority else []
        thome = us[-1].id if us else home
        # a transfer: the type closes and starts tenures (điều động, luân chuyển), or the new body "receives" the
        # person from another ("tiếp nhận, bổ nhiệm")
        transfer = (dt.flag("closesTenure") and dt.flag("startsTenure")) or bool(
            re.search(r"(?<!\w)tiếp\s+nhận[\s,]*(?:và\s+)?$", F[max(clause_start, vstart - 20):vstart]))
        # (the person is the decision's object: "X, …, được điều động", "điều động ông X", not "X trao quyết định
        # điều động …")
        self._transfer = transfer and (where == "before" or "được" in F[tail_start:vstart])
        # "thôi giữ chức A, B và điều động, phân công giữ chức C": a decision closing posts, then one starting a
        # post; C is the second decision's, not a post closed
        second = []
        if dt.flag("closesTenure") and not dt.flag("startsTenure"):
            for v in self._verbs(F, vend, tend):
                vt = self.vocab.decision_types[v[2]]
                if v[0] > vend and vt.flag("startsTenure") and re.search(r"(?:,|\svà)\s*$", F[vend:v[0]]):
                    g = [v]
                    for w in self._verbs(F, v[1], tend):
                        if re.fullmatch(r"[\s,]*(?:và|,)?[\s,]*", F[g[-1][1]:w[0]]):
                            g.append(w)
                        else:
                            break
                    st2 = self._decision_status(vt)
                    for t in self._targets(T, F, g[-1][1], tend, at, thome):
                        f = mk("decision", t, st2, decision=v[2], authority=authority, authority_org=auth_org)
                        if vt.flag("closesTenure"):
                            f.note = "transfer"
                        if date_:
                            f.date = date_
                        second.append(f)
                    x = re.search(r"[\s,]*(?:và)?\s*$", T[tstart:v[0]])
                    tend = tstart + x.start()
                    break
        TT, FF = T, F
        for v in masked:        # the verbs continuing the list read as fillers
            TT = TT[:v[0]] + " " * (v[1] - v[0]) + TT[v[1]:]
            FF = FF[:v[0]] + " " * (v[1] - v[0]) + FF[v[1]:]
        for t in self._targets(TT, FF, tstart, tend, at, thome):
            if where == "after" and nxt < len(T) and t.span[1] <= nxt and not T[t.span[1]:nxt].strip(" "):
                # "Thủ tướng X điều động, bổ nhiệm Thứ trưởng Bộ Y Bùi Thế Duy": a title right before the next name
                # is that person's, and the decision is not X's
                continue
            f = mk("decision", t, status, decision=slug, authority=authority, authority_org=auth_org)
            if again:
                f.note = "again"
            elif transfer:
                f.note = "transfer"
            if date_:
                f.date = date_
            facts.append(f)
        return facts + second

    def _member(self, f: Fact) -> bool:
        p = self.vocab.positions.get(f.position)
        return p is not None and p.flag("isMembership")

    def _ends(self, d: Fact, h: Fact) -> bool:
        """Does decision ``d`` (same person, same clause) end ``h``, a post held before it?

        - a decision closing a post (cho thôi, miễn nhiệm …) ends that very post;
        - a transfer (a type that closes and starts tenures: điều động, luân chuyển; or "tiếp nhận, bổ nhiệm")
          ends every post that is not a membership (vn:isMembership), and the memberships of a local body in
          another province than the new post's (a membership of a national body, Trung ương, Quốc hội, stays);
        - a decision starting the head post of an organization (vn:isHead: bầu, chỉ định, bổ nhiệm …; not an
          acting one, not "tiếp tục") ends a deputy post ("Phó …") of the same organization ("Phó Bí thư Thường
          trực Tỉnh ủy X … được bầu giữ chức Bí thư Tỉnh ủy X").
        """
        if self._is_discipline(d.decision) or d.note == "again":
            return False
        dt = self.vocab.decision_types[d.decision]
        same_org = h.org_type == d.org_type and fold(h.place) == fold(d.place) and fold(h.unit) == fold(d.unit)
        if same_org and h.position == d.position:
            return dt.flag("closesTenure") and not dt.flag("startsTenure")
        if not dt.flag("startsTenure"):
            return False
        member = self._member(h)
        if d.note == "transfer":
            if not member:
                return True
            if not h.unit_id:
                return False
            return self._province_of(h.unit_id) != (self._province_of(d.unit_id) if d.unit_id else "")
        dp = self.vocab.positions.get(d.position)
        hp = self.vocab.positions.get(h.position)
        # the head of an organization (vn:isHead) is no longer its deputy ("Phó …"); an acting post ("giao quyền
        # Chủ tịch") does not end the post held (the Phó Chủ tịch stays one); other posts of the same body can be
        # held together (a Phó Chánh án stays a Thẩm phán, a Phó Chủ tịch can be Tổng Thư ký)
        return same_org and not member and dp is not None and dp.flag("isHead") and hp is not None and \
            fold_key(hp.label_vi).split()[:1] == fold_key("Phó").split() and d.decision != "giao-quyen" and \
            d.status != "acting"

    def authority_org(self, text: str, at: str, home) -> str:
        """Organization id of an authority written as a name ("Thành ủy Bắc Kạn", "Bộ Chính trị")."""
        from ..ids import org_id
        for head in ("Bí thư ", "Chủ tịch ", "Ủy viên ", "Bộ trưởng ", "Trưởng ban ", "Chủ nhiệm "):
            for t in self.parse(head + text, at, home):
                if self._good(t) and t.span[1] >= len(head) + len(text) - 1:
                    unit = None
                    if t.unit_id:
                        try:
                            unit = self.gaz.get(t.unit_id)
                        except KeyError:
                            unit = None
                    return org_id(t.org_type, unit, t.unit or None)
        return ""

    def _broader(self, slug: str) -> str:
        b = self.vocab.decision_types[slug].prop("http://www.w3.org/2004/02/skos/core#broader") or \
            self.vocab.decision_types[slug].prop("broader")
        return b[0] if b else ""

    def _is_discipline(self, slug: str) -> bool:
        return slug == "ky-luat" or self._broader(slug) == "ky-luat"

    def _decision_status(self, dt) -> str:
        if any("bầu" in lab for lab in (dt.label_vi.lower(), *dt.alt_labels)) or dt.slug == "phe-chuan":
            return "elected"
        if dt.flag("startsTenure"):
            return "appointed"
        if dt.flag("closesTenure"):
            return "former"
        return "current"

    def _authority(self, T, F, clause_start, mt, vstart, where, tail_start) -> str:
        if where == "after":
            seg = F[tail_start:vstart]
            k = seg.find("được")
            if k >= 0:
                a = tail_start + k + len("được")
                s = T[a:vstart].strip(" ,")
                s = re.sub(r"\s*(?:tín nhiệm|thống nhất|quyết định|đã)\s*$", "", s, flags=re.IGNORECASE).strip()
                return s if s[:1].isupper() else ""
            return ""
        seg = T[clause_start:vstart]
        seg = re.sub(r"^\s*(?:Tại[^,]*?(?=\s[A-ZĐỦ])|Ngày\s[\d/.\-]+,?|Sáng\s[\d/.\-]+,?|Chiều\s[\d/.\-]+,?)\s*", "",
                     seg)
        x = re.match(r"\s*((?:[A-ZĐỦƯ][\w]*|[a-zđ\u00C0-\u1EF9]+)(?:\s+[\w.]+)*?)\s+(?:đã\s+)?(?:công bố|quyết định|"
                     r"trao|thi hành|ban hành|họp|tổ chức|có quyết định|ra quyết định|chỉ định|bầu|phân công|"
                     r"điều động|bổ nhiệm|kỷ luật|cho thôi)", seg)
        if x and x.group(1)[:1].isupper():
            return x.group(1).strip(" ,")
        return ""

    def _targets(self, T, F, a, b, at, home):
        """Posts named after a decision verb: "giữ chức X", "tham gia Ban Chấp hành, Ban Thường vụ và giữ
        chức Phó Bí thư Tỉnh ủy Y" (elided committees take the organization of the last post)."""
        m = self._fill_re.match(F[a:b])
        a += m.end() if m else 0
        text = T[a:b]
        # stop at the next sentence-level verb
        x = re.search(r"(?<!\w)(?:thay|thay thế|kể từ|từ ngày|để|vì|do|với|sau khi|theo|về\s+(?:làm|nhận|công\s+tác|giữ))"
                      r"(?!\w)", text.casefold())
        if x:
            text = text[:x.start()]
        # a closing quotation mark ends the quoted decision ('… Trưởng Đoàn ĐBQH", Chủ tịch Quốc hội cho biết')
        q = re.search(r"[\"”]", text)
        if q:
            text = text[:q.start()]
        # the whole text as one chain of titles ("Bí thư Đảng ủy, Chủ tịch HĐND phường X": the chain's place)
        whole = text.rstrip(" ,.;")
        if whole.strip():
            lead = len(whole) - len(whole.lstrip())
            ts = self.parse(whole.strip(), at, home)
            if ts and all(self._good(t) for t in ts) and self._covers(whole.strip(), ts) \
                    and ts[-1].span[1] >= len(whole.strip()) - 1:
                out = []
                for t in ts:
                    t = _copy(t)
                    t.span = (t.span[0] + a + lead, t.span[1] + a + lead)
                    out.append(t)
                return out
        pieces = re.split(r"(,|\svà\s|\sgiữ chức vụ\s|\sgiữ chức\s|\skiêm\s|;)", text)
        out, orgs = [], []
        pos = 0
        spans = []
        for pc in pieces:
            spans.append((pos, pos + len(pc), pc))
            pos += len(pc)
        good = []
        for s, e, pc in spans:
            if not pc.strip() or pc in (",", ";") or pc.strip() in ("và", "giữ chức", "giữ chức vụ", "kiêm"):
                continue
            fm = self._fill_re.match(_fold_same_length(pc))
            lead = fm.end() if fm else 0
            sub = pc[lead:].strip()
            if not sub:
                continue
            off = s + lead + pc[lead:].find(sub)
            ts = self.parse(sub, at, home)
            ok = [t for t in ts if self._good(t)] or [r for r in (self._fix(t, sub, at, home) for t in ts if t.ok)
                                                      if r]
            if ok:
                for t in ok:
                    t = _copy(t)
                    t.span = (t.span[0] + off + a, t.span[1] + off + a)
                    good.append(("title", t, sub))
            elif ts and not any(t.position for t in ts):
                good.append(("org", sub, off + a))
            elif ts and ts[0].position and not ts[0].ok:
                good.append(("org", sub, off + a))
            else:
                break
        last_org_text, last_place = "", ""
        for kind, t, sub in reversed(good):
            if kind == "title":
                last_place = t.place or ""
                words = sub.split()
                plen = len(fold_key(self.vocab.positions[t.position].label_vi).split()) if t.position in \
                    self.vocab.positions else 2
                last_org_text = " ".join(words[plen:])
                break
        for kind, t, extra in good:
            if kind == "title":
                out.append(t)
                continue
            sub, off = t, extra
            tries = [MEMBER_PREFIX + sub]
            if last_org_text and fold(last_org_text) not in fold(sub):
                tries.append(MEMBER_PREFIX + sub + " " + last_org_text)
            tword = _type_word(self.gaz, home)
            core = re.sub(r"\s*(?:nhiệm kỳ|khóa|khoá)\s.*$", "", sub)
            # "Ban Chấp hành Đảng bộ quận, Ban Thường vụ Quận ủy và giữ chức Bí thư Quận ủy Thanh Khê": a bare level
            # or committee word is the last post's unit
            if last_place and re.search(r"(?i)(?<!\w)(?:quận|huyện|tỉnh|xã|phường|thị xã|thành phố|thị trấn|"
                                        r"(?:quận|huyện|tỉnh|thành|thị|đảng) ủy)$", core):
                tries.insert(0, MEMBER_PREFIX + core + " " + last_place)
            # "Ban Chấp hành Đảng bộ X" is the Đảng ủy X (domain.md §1.2)
            bch = re.match(r"(?i)ban chấp hành đảng bộ\s+(.+)$", core)
            if bch:
                tries.append(MEMBER_PREFIX + "Đảng ủy " + bch.group(1))
            if tword:
                tries.append(MEMBER_PREFIX + core + " " + tword)
                if bch:
                    tries.append(MEMBER_PREFIX + "Đảng ủy " + bch.group(1) + " " + tword)
            for s in tries:
                ts = [t2 for t2 in self.parse(s, at, home) if self._good(t2)]
                if ts:
                    t2 = _copy(ts[0])
                    t2.span = (off, off + len(sub))
                    out.append(t2)
                    break
        return out


_WORD_RE = re.compile(r"\w+")


_FOLD_WORD: dict[str, str] = {}
_FOLD_SAME: dict[str, str] = {}


def _fold_word(w: str) -> str:
    """fold() of one token, memoized (tokens repeat a lot)."""
    r = _FOLD_WORD.get(w)
    if r is None:
        if len(_FOLD_WORD) > 200_000:
            _FOLD_WORD.clear()
        r = _FOLD_WORD[w] = fold(w)
    return r


def _fold_same_length(T: str) -> str:
    """fold() word by word without collapsing spaces, so offsets stay valid (falls back to casefold)."""
    from ..normalize import _iy, _syllable_traditional

    def one(m):
        w = m.group(0)
        r = _FOLD_SAME.get(w)
        if r is None:
            if len(_FOLD_SAME) > 200_000:
                _FOLD_SAME.clear()
            r = _FOLD_SAME[w] = _iy(_syllable_traditional(w).lower())
        return r
    F = _WORD_RE.sub(one, T)
    return F if len(F) == len(T) else T.lower()


def _career_day(s: str) -> str:
    """ "7.1994" → 1994-07-15, "18.3.2008" → 2008-03-18, "1994" → 1994-07-01 ("" if not a date)."""
    parts = [int(x) for x in re.split(r"[./-]", s) if x.isdigit()]
    try:
        from datetime import date
        if len(parts) == 3:
            return date(parts[2], parts[1], parts[0]).isoformat()
        if len(parts) == 2:
            return date(parts[1], parts[0], 15).isoformat()
        if len(parts) == 1 and 1900 < parts[0] < 2100:
            return f"{parts[0]}-07-01"
    except ValueError:
        return ""
    return ""


def _history_date(T: str, a: int, b: int) -> str:
    """A full date written in T[a:b] that dates the sentence (not a birth date, a horizon or a document's date)."""
    for s, e, d, mo, y in day_months(T[a:b]):
        s += a
        if not y or _NOT_NOW.search(T[max(0, s - 20):s]) or _DOCREF.search(T[max(0, s - 60):s]):
            continue
        try:
            from datetime import date
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return ""


_OPENING_DAY_RE = re.compile(r"\s*(?:trước\s+đó\s*,?\s*)?(?:vào\s+)?(?:ngày|sáng|chiều|trưa|tối|đêm)\s+"
                             r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d/.\-]*\d)\s*,", re.IGNORECASE)


def _opening_day(T: str, a: int, b: int, article_date: str) -> str:
    """The day-month opening a sentence ("Ngày 7/5, Hội nghị … thi hành kỷ luật ông X") in the year that puts it
    on or before the article's date (at most 300 days before); "" when there is none."""
    if len(article_date) != 10:
        return ""
    x = _OPENING_DAY_RE.match(T, a, b)
    if not x:
        return ""
    from datetime import date, timedelta
    pub = date.fromisoformat(article_date)
    for y in (pub.year, pub.year - 1):
        try:
            d = date(y, int(x.group(2)), int(x.group(1)))
        except ValueError:
            return ""
        if pub - timedelta(days=300) <= d <= pub:
            return d.isoformat()
    return ""


def _copy(t):
    import copy
    return copy.copy(t)


def _type_word(gaz, home: str | None) -> str:
    if not home:
        return ""
    try:
        u = gaz.get(home)
    except KeyError:
        return ""
    return {"tinh": "tỉnh", "thanh-pho-tw": "thành phố", "thanh-pho-thuoc-tinh": "thành phố", "huyen": "huyện",
            "quan": "quận", "thi-xa": "thị xã", "xa": "xã", "phuong": "phường", "thi-tran": "thị trấn",
            "dac-khu": "đặc khu"}.get(u.unit_type, "")


_SPEC_CACHE: dict = {}


def _specialize(ex: Extractor, position: str, org_type: str) -> str:
    key = (position, org_type)
    if key in _SPEC_CACHE:
        return _SPEC_CACHE[key]
    v = ex.vocab
    res = position
    p = v.positions.get(position)
    ot = v.org_types.get(org_type)
    if p is not None and ot is not None:
        base = fold_key(p.label_vi).split()
        ot_words = [fold_key(lab).split() for lab in (ot.label_vi, *ot.alt_labels)]
        best = None
        for q in v.positions.values():
            if q.slug == position or org_type not in q.prop("appliesTo"):
                continue
            ql = fold_key(q.label_vi).split()
            if len(ql) <= len(base) or ql[:len(base)] != base:
                continue
            extra = ql[len(base):]
            if any(w[:len(extra)] == extra for w in ot_words):
                if best is None or len(ql) > len(fold_key(best.label_vi).split()):
                    best = q
        if best is not None:
            res = best.slug
    _SPEC_CACHE[key] = res
    return res


def _sentence_start(T: str, i: int) -> int:
    k = i
    while k > 0:
        c = T[k - 1]
        if c == "\n":
            return k
        if c in ".!?" and k < len(T) and T[k:k + 1] == " " and _real_stop(T, k - 1):
            return k
        k -= 1
    return 0


def _sentence_end(T: str, i: int) -> int:
    n = len(T)
    k = i
    while k < n:
        c = T[k]
        if c == "\n":
            return k
        if c in ".!?" and (k + 1 >= n or T[k + 1] in " \n\"”") and _real_stop(T, k):
            return k
        k += 1
    return n


def _real_stop(T: str, k: int) -> bool:
    """Is the '.' at k a sentence end (not "TP.", "T.Ư", "9.9", an initial "B.")?"""
    if T[k] != ".":
        return True
    j = k
    while j > 0 and T[j - 1].isalnum():
        j -= 1
    w = T[j:k].casefold()
    if not w:
        return True
    if w in _SENT_ABBR or (len(w) == 1 and T[j].isupper()):
        return False
    nxt = T[k + 1:k + 3].strip()
    return not (nxt[:1].islower() or nxt[:1].isdigit())


def extract_article(article: Article, extractor: Extractor | None = None) -> Extraction:
    return (extractor or Extractor.default()).extract(article)


def extract_text(text: str, *, doc: str = "doc", date: str | None = None) -> Extraction:
    return extract_article(Article(doc=doc, text=text, date=date or ""))


def throughput(articles: list[Article], *, min_seconds: float = 1.0) -> dict:
    """Articles per second on one core (for scripts/bench.py): extract all articles, repeatedly."""
    ex = Extractor.default()
    if articles:
        ex.extract(articles[0])          # warm the lexicon and the gazetteer
    ex._parse_cache.clear()
    n, t0 = 0, time.perf_counter()
    chars = 0
    while True:
        for a in articles:
            ex.extract(a)
            n += 1
            chars += len(a.text)
        ex._parse_cache.clear()
        el = time.perf_counter() - t0
        if el >= min_seconds or not articles:
            break
    return {"articles": n, "seconds": round(el, 3), "articles_per_second": round(n / el, 1) if el else 0.0,
            "chars_per_second": round(chars / el) if el else 0}
