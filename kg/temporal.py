"""Dates that keep their precision, and the three-valued answer to "held on D?".

A date is a year ("2025"), a month ("2025-03") or a day ("2025-03-22"); it
covers an interval [earliest, latest]. A tenure from S to E holds on day D:

- **definitely** if S.latest ≤ D ≤ E.earliest (or D ≤ current-as-of when E is open);
- **possibly** if S.earliest ≤ D ≤ E.latest (an open end is possibly still running,
  but never past its organization's end);
- **no** otherwise.

    >>> PDate.parse("2025").latest
    datetime.date(2025, 12, 31)
    >>> held_on(PDate.parse("2020-10"), PDate.parse("2025"), date(2025, 5, 1))
    'possibly'
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

DEFINITELY, POSSIBLY, NO = "definitely", "possibly", "no"
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(?:(\d{1,2})[/.](\d{1,2})|(\d{1,2}))[/.](\d{4})$")  # 22/03/2023, 03/2023


@dataclass(frozen=True, order=True)
class PDate:
    """A date at year, month or day precision."""
    earliest: date
    latest: date
    precision: str  # "year" | "month" | "day"

    @classmethod
    def parse(cls, text: "str | date | PDate") -> "PDate":
        """Parse ISO (2023, 2023-03, 2023-03-22) or day-first (22/03/2023, 03/2023).

        Raises ValueError with a readable reason ("31/02/2023: day 31 is out of range for month 2").
        """
        if isinstance(text, PDate):
            return text
        if isinstance(text, date):
            return cls(text, text, "day")
        s = str(text).strip()
        m = _ISO.match(s)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
        else:
            m = _DMY.match(s)
            if not m:
                raise ValueError(f"'{s}' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY")
            if m.group(3):
                y, mo, d = m.group(4), m.group(3), None
            else:
                y, mo, d = m.group(4), m.group(2), m.group(1)
        year = int(y)
        if not mo:
            return cls(date(year, 1, 1), date(year, 12, 31), "year")
        month = int(mo)
        if not 1 <= month <= 12:
            raise ValueError(f"'{s}': month {month} is out of range 1–12")
        last = calendar.monthrange(year, month)[1]
        if d is None:
            return cls(date(year, month, 1), date(year, month, last), "month")
        day = int(d)
        if not 1 <= day <= last:
            raise ValueError(f"'{s}': day {day} is out of range for month {month} of {year} (1–{last})")
        return cls(date(year, month, day), date(year, month, day), "day")

    def __str__(self) -> str:
        e = self.earliest
        return {"year": f"{e.year:04d}", "month": f"{e.year:04d}-{e.month:02d}"}.get(self.precision, e.isoformat())

    @property
    def xsd_type(self) -> str:
        return {"year": "gYear", "month": "gYearMonth", "day": "date"}[self.precision]


def held_on(start: PDate | None, end: PDate | None, day: date, *, current_as_of: date | None = None,
            start_latest: date | None = None, org_end: date | None = None) -> str:
    """Three-valued: did a tenure [start, end] hold on ``day``? (see module doc)."""
    s_early = start.earliest if start else date.min
    s_late = start.latest if start else (start_latest or date.max)
    if start_latest:
        s_late = min(s_late, start_latest)
    if end is not None:
        e_early, e_late = end.earliest, end.latest
    else:
        e_early = current_as_of or date.min
        e_late = org_end or date.max
    if org_end:
        e_late = min(e_late, org_end)
        e_early = min(e_early, org_end)
    if s_early <= day <= e_late:
        return DEFINITELY if s_late <= day <= e_early else POSSIBLY
    return NO
