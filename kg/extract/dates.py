"""Dates in articles (domain.md §5.6, §7.6): "Chiều 22/3", "Sáng 9.9", "ngày 22-3", "22/3/2023",
"ngày 22 tháng 3 năm 2023". Always day-first.

The event date of an article is its first day-and-month mention in the lead (title, summary, first
paragraphs). Its year is, in order: written in the mention; taken from the publication date (the year that
puts the event on or shortly before publication); or inferred from the content (§7.6: a "giữa nhiệm kỳ"
review of a term 2020–2025 falls at the term's midpoint; otherwise the latest year the text mentions). An
inferred year is flagged (``year_inferred``).

    >>> d = event_date("Chiều 22/3, Đảng ủy Quân sự sơ kết giữa nhiệm kỳ 2020-2025.", None)
    >>> d.iso, d.year_inferred, d.year_source
    ('2023-03-22', True, 'mid-term')
    >>> event_date("Sáng 9.9, Quốc hội khai mạc.", "2025-09-10").iso
    '2025-09-09'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_DM = re.compile(
    r"(?<![\w/.\-])(?:(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:năm|,)?\s*(?P<y2>\d{4}))?)(?![\w/]|\.\d)",
    re.IGNORECASE)
# A day-month needs a cue before it, or a full year, so that "5/8 đơn vị" (5 of 8) is not a date.
_CUE = re.compile(r"(?:ngày|sáng|chiều|trưa|tối|đêm|hôm|từ|đến|tới|vào|hôm nay|chủ nhật|thứ\s+\w+)\s*(?:,\s*)?$",
                  re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
_MIDTERM = re.compile(r"giữa\s+nhiệm\s+kỳ", re.IGNORECASE)
_LEAD_CHARS = 1500


@dataclass(frozen=True)
class EventDate:
    iso: str                    # YYYY-MM-DD, or YYYY when only a year is known, "" when unknown
    span: tuple[int, int] | None
    year_inferred: bool
    year_source: str            # "text" | "publication" | "publication-window" | "mid-term" | "latest-year" |
    #                             "latest-year?" | "none"
    guess: str = ""             # when ``iso`` is "" because the year is uncertain: the best guess, used only to
    #                             read the text (units valid then), never asserted as the facts' date


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def day_months(text: str, limit: int | None = None):
    """(start, end, day, month, year|None) of every cued day-month mention (in order)."""
    t = text if limit is None else text[:limit]
    for m in _DM.finditer(t):
        d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else \
            (m.group("d2"), m.group("m2"), m.group("y2"))
        d, mo = int(d), int(mo)
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            continue
        if not y and not _CUE.search(t[max(0, m.start() - 12):m.start()]):
            continue
        yield m.start(), m.end(), d, mo, int(y) if y else None


# Years that do not date the article: birth years, plan horizons ("đến năm 2020", "tầm nhìn 2030"), lifespans.
_NOT_NOW = re.compile(r"(?:sinh(?:\s+ngày)?[\s\d/.\-]*|sinh\s+năm|năm\s+sinh|SN|từ\s+năm|từ|đến\s+năm|tới\s+năm|đến|tới|tầm\s+nhìn|định\s+hướng|"
                      r"trước\s+năm|giai\s+đoạn|kế\s+hoạch|mục\s+tiêu|chiến\s+lược)\s*$", re.IGNORECASE)
_DOCREF = re.compile(r"(?:số|Quyết định|Kết luận|Nghị quyết|Chỉ thị|Thông tư|Nghị định|Văn bản|Công văn|Luật)"
                     r"(?:\s+số)?\s*[\w/\-.]*\s*,?\s*(?:của[^,.;]{0,20})?\s*,?\s*(?:ngày|năm)?\s*[\d/.\-]*$",
                     re.IGNORECASE)
_DATED = re.compile(r"(?:\d{1,2}\s*[/.\-]\s*)?\d{1,2}\s*[/.\-]\s*$|tháng\s+\d{1,2}\s*(?:năm|,|/)?\s*$",
                    re.IGNORECASE)


def content_year(text: str) -> tuple[int | None, str]:
    """A year for an undated article from its content (§7.6). ``latest-year`` is the latest year the text
    mentions as a year of its own (not a birth year, a plan horizon or the end of a term range) when the text
    supports it twice or in a written date; a single bare mention gives ``latest-year?`` (uncertain)."""
    ranges = [(int(a), int(b)) for a, b in _RANGE.findall(text) if 0 < int(b) - int(a) <= 6]
    if ranges and _MIDTERM.search(text):
        a, b = max(ranges, key=lambda r: r[0])
        return (a + b) // 2 + ((a + b) % 2), "mid-term"   # midpoint of mid-a … mid-b
    range_spans = [(m.start(), m.end()) for m in _RANGE.finditer(text)]
    count: dict[int, int] = {}
    dated: set[int] = set()
    for m in _YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in range_spans):
            continue
        left = text[max(0, m.start() - 20):m.start()]
        if _NOT_NOW.search(left) or _DOCREF.search(text[max(0, m.start() - 60):m.start()]) or \
                text[m.end():m.end() + 1] == "/":
            continue      # a birth year, a horizon, a document's number or date ("Quyết định 32/2015/QĐ-TTg")
        y = int(m.group(1))
        count[y] = count.get(y, 0) + 1
        if _DATED.search(left):
            dated.add(y)
    if count:
        y = max(count)
        # a term range starting later ("giai đoạn 2016-2020") means the latest year written is not the event's
        later = any(int(a) > y for a, b in _RANGE.findall(text) if 0 < int(b) - int(a) <= 6)
        return y, ("latest-year" if y in dated and not later else "latest-year?")
    return None, "none"


def _latest_full_date(text: str) -> date | None:
    best = None
    for s, e, d, mo, y in day_months(text):
        if not y or _NOT_NOW.search(text[max(0, s - 20):s]) or _DOCREF.search(text[max(0, s - 60):s]):
            continue
        dt = _valid(y, mo, d)
        if dt and (best is None or dt > best):
            best = dt
    return best


def event_date(text: str, published: str | None, window: tuple[str, str] | None = None) -> EventDate:
    """The article's event date (see module doc). ``window``: when the publication date is unknown, the period
    the article was published in (from its source's ids, :func:`kg.extract.textio.publication_window`); a date
    read from the content must fall in it (a date outside it is one the article mentions, not its own)."""
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    lo = hi = None
    if pub is None and window and window[0] and window[1]:
        lo, hi = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    latest = content_year(text)[0] if pub is None and lo is None else None
    for s, e, d, mo, y in day_months(text, _LEAD_CHARS):
        if y and latest and y < latest:     # undated article: an older date is history, not the event
            continue
        if _NOT_NOW.search(text[max(0, s - 20):s]) or _DOCREF.search(text[max(0, s - 60):s]):
            continue                        # "sinh ngày 10/9/1960", "Nghị quyết số 233/NQ-ĐU, ngày 17-8-2009"
        if lo is not None:
            # published in [lo, hi]: a written date outside it is another date the article mentions; a day-month
            # takes the year that puts it in the window (when only one does)
            cands = [dt for dt in ((_valid(y, mo, d),) if y else
                                   (_valid(yy, mo, d) for yy in range(lo.year, hi.year + 1))) if dt and lo <= dt <= hi]
            if len(cands) == 1:
                return EventDate(cands[0].isoformat(), (s, e), not y, "text" if y else "publication-window")
            continue
        if y:
            dt = _valid(y, mo, d)
            # a historical date ("ngày 2/9/1945") is not the event date of a dated article
            if dt and (pub is None or pub - timedelta(days=400) <= dt <= pub + timedelta(days=7)):
                return EventDate(dt.isoformat(), (s, e), False, "text")
            continue
        if pub:
            for yy in (pub.year, pub.year - 1, pub.year + 1):
                dt = _valid(yy, mo, d)
                if dt and pub - timedelta(days=300) <= dt <= pub + timedelta(days=7):
                    return EventDate(dt.isoformat(), (s, e), False, "publication")
            continue
        cy, how = content_year(text)
        if cy and how.endswith("?"):
            # one bare mention is not enough to date the event: leave it undated rather than guess (§7.6)
            g = _valid(cy, mo, d)
            return EventDate("", (s, e), True, how, g.isoformat() if g else "")
        if cy and how == "latest-year":
            # the event is not before the latest full date the article reports ("ngày 18/8/2016" → 8-2 is 2017)
            last = _latest_full_date(text)
            g = _valid(cy, mo, d)
            if g and last and g < last:
                g = _valid(cy + 1, mo, d)
            if g:
                return EventDate(g.isoformat(), (s, e), True, how)
        if cy:
            if how == "mid-term":
                # the candidate year whose date is closest to the term's midpoint (1 January of cy)
                best = min((yy for yy in (cy - 1, cy, cy + 1) if _valid(yy, mo, d)),
                           key=lambda yy: abs((date(yy, mo, min(d, 28)) - date(cy, 1, 1)).days), default=None)
                if best:
                    return EventDate(date(best, mo, d).isoformat(), (s, e), True, how)
            dt = _valid(cy, mo, d)
            if dt:
                return EventDate(dt.isoformat(), (s, e), True, how)
    if pub:
        return EventDate(pub.isoformat(), None, False, "publication")
    if lo is not None and lo.year == hi.year:
        return EventDate(str(lo.year), None, True, "publication-window")
    cy, how = content_year(text)
    if cy:          # only a year (no day-month): the year itself, flagged as inferred
        return EventDate(str(cy), None, True, how)
    return EventDate("", None, True, "none")


def mention_date(text: str, start: int, end: int, default: str) -> str:
    """A decision's own date written near it ("ngày 6/2/2017"), else ``default``."""
    for s, e, d, mo, y in day_months(text[start:end]):
        if y and _valid(y, mo, d):
            return date(y, mo, d).isoformat()
    return default
