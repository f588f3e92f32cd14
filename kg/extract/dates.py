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
    year_source: str            # "text" | "publication" | "mid-term" | "latest-year" | "none"


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


def content_year(text: str) -> tuple[int | None, str]:
    """A year for an undated article from its content (§7.6)."""
    ranges = [(int(a), int(b)) for a, b in _RANGE.findall(text) if 0 < int(b) - int(a) <= 6]
    if ranges and _MIDTERM.search(text):
        a, b = max(ranges, key=lambda r: r[0])
        return (a + b) // 2 + ((a + b) % 2), "mid-term"   # midpoint of mid-a … mid-b
    ends = {b for _, b in ranges}
    years = [int(y) for y in _YEAR.findall(text) if int(y) not in ends]
    if years:
        return max(years), "latest-year"
    return None, "none"


def event_date(text: str, published: str | None) -> EventDate:
    """The article's event date (see module doc)."""
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    latest = content_year(text)[0] if pub is None else None
    for s, e, d, mo, y in day_months(text, _LEAD_CHARS):
        if y and latest and y < latest - 1:     # undated article: an old date is history, not the event
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
    cy, how = content_year(text)
    if cy:
        return EventDate(str(cy), None, True, how)
    return EventDate("", None, True, "none")


def mention_date(text: str, start: int, end: int, default: str) -> str:
    """A decision's own date written near it ("ngày 6/2/2017"), else ``default``."""
    for s, e, d, mo, y in day_months(text[start:end]):
        if y and _valid(y, mo, d):
            return date(y, mo, d).isoformat()
    return default
