"""Shared machinery of the dataset importers: dates, the import report, pre-checking and loading.

An importer turns rows of a dataset into plain record dicts (docs/records.md), then
:func:`load_checked` pre-checks them with the same :class:`kg.rdf.Builder` the loader uses,
moves every record the loader would refuse into the report (with the loader's own reason),
writes the rest to a JSON Lines file and loads that file. The final load therefore always
succeeds with every mappable record, and nothing is dropped silently.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidRecord, InvalidRecords
from ..records import parse_record
from ..temporal import PDate

__all__ = ["parse_date", "is_current", "Issue", "ImportReport", "load_checked", "precheck", "imports_dir"]

# --- dates ------------------------------------------------------------------------------------
_CURRENT = {"nay", "đương nhiệm", "hiện tại", "hiện nay", "nay ()", "nay, ()"}
_MONTH_WORD = r"(?:tháng|táng)"
_TEXT_DMY = re.compile(rf"^(\d{{1,2}})\s*{_MONTH_WORD}\s*(\d{{1,2}})\s*,?\s*(?:năm|nay)?\s*(\d{{4}})$", re.I)
_TEXT_MY = re.compile(rf"^{_MONTH_WORD}\s*(\d{{1,2}})\s*(?:,\s*)?(?:năm|/)?\s*(\d{{4}})$", re.I)
_TEXT_Y = re.compile(r"^(?:(?:đầu|cuối|giữa)\s+)?(?:năm\s+)?(\d{4})(?:\s*\(\?\))?$", re.I)
_DOT_MY = re.compile(r"^(\d{1,2})\.(\d{4})$")


def is_current(text: str | None) -> bool:
    """'nay', 'đương nhiệm' … : the term was running when the data was taken."""
    return bool(text) and " ".join(text.strip().lower().split()) in _CURRENT


def parse_date(text: str | None) -> tuple[str | None, str | None]:
    """A dataset date → (``YYYY`` | ``YYYY-MM`` | ``YYYY-MM-DD``, None) keeping its precision,
    or (None, reason) when it cannot be read. Empty → (None, None).

        >>> parse_date("26 tháng 1 năm 2016"), parse_date("1/2004"), parse_date("cuối năm 2004")
        (('2016-01-26', None), ('2004-01', None), ('2004', None))
    """
    s = " ".join((text or "").replace("\u00a0", " ").split())
    if not s or s in ("()", "?"):
        return None, None
    s = s.replace("năm", " năm ").replace("tháng", " tháng ")
    s = " ".join(s.split())
    m = _TEXT_DMY.match(s)
    if m:
        cand = f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    elif (m := _TEXT_MY.match(s)):
        cand = f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    elif (m := _TEXT_Y.match(s)):
        cand = m.group(1)
    elif (m := _DOT_MY.match(s)):
        cand = f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    else:
        cand = s.replace(" ", "")
    try:
        return str(PDate.parse(cand)), None
    except ValueError as e:
        return None, str(e) if "out of range" in str(e) else f"unreadable date '{text}'"


# --- report -----------------------------------------------------------------------------------
@dataclass
class Issue:
    row: int                 # 1-based data row of the dataset (header excluded)
    reason: str              # short category, used for counting
    detail: str = ""         # the specific problem
    text: str = ""           # the dataset text concerned (office string, date …)

    def to_json(self) -> dict:
        return {"row": self.row, "reason": self.reason, "detail": self.detail, "text": self.text}


@dataclass
class ImportReport:
    """What an import did: counts, and every row or record that could not be mapped, with its reason."""
    dataset: str
    file: str
    rows: int = 0
    persons: int = 0
    offices: int = 0                 # office strings (viwiki) or position strings (na13) read
    offices_mapped: int = 0          # … mapped to at least one post
    records: Counter = field(default_factory=Counter)      # produced, by type
    loaded: Counter = field(default_factory=Counter)       # loaded, by type
    unmapped: list[Issue] = field(default_factory=list)    # strings that map to no post
    dates: list[Issue] = field(default_factory=list)       # unreadable dates (the row is kept without them)
    rejected: list[Issue] = field(default_factory=list)    # records the loader refuses (reason = loader's)
    notes: list[Issue] = field(default_factory=list)       # kept but adjusted (stale 'nay', no dates …)
    links: list[dict] = field(default_factory=list)        # persons identified across datasets
    records_file: str = ""
    seconds: float = 0.0

    @property
    def mapping_rate(self) -> float:
        return self.offices_mapped / self.offices if self.offices else 0.0

    @staticmethod
    def _grouped(issues: list[Issue], examples: int) -> list[str]:
        by: dict[str, list[Issue]] = defaultdict(list)
        for i in issues:
            by[i.reason].append(i)
        out = []
        for reason, items in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  {len(items):5d}  {reason}")
            for i in items[:examples]:
                ex = f"row {i.row}: {i.text!r}" + (f" — {i.detail}" if i.detail and i.detail != reason else "")
                out.append(f"           e.g. {ex[:160]}")
        return out

    def to_text(self, examples: int = 3) -> str:
        lines = [f"import {self.dataset}: {self.file}",
                 f"rows read: {self.rows}; persons: {self.persons}",
                 f"{'office' if self.dataset == 'viwiki' else 'position'} strings mapped to a post: "
                 f"{self.offices_mapped}/{self.offices} = {100 * self.mapping_rate:.1f}%",
                 "records produced: " + ", ".join(f"{k} {v}" for k, v in sorted(self.records.items())),
                 "records loaded:   " + ", ".join(f"{k} {v}" for k, v in sorted(self.loaded.items()))]
        if self.records_file:
            lines.append(f"records file: {self.records_file}")
        for title, items in (("not mapped to a post", self.unmapped), ("refused by the loader (not loaded)", self.rejected),
                             ("unreadable dates (row kept without the date)", self.dates),
                             ("kept with an adjustment", self.notes)):
            if items:
                lines.append(f"{title}: {len(items)}")
                lines += self._grouped(items, examples)
        if self.links:
            lines.append(f"persons linked across datasets (same name and birth date): {len(self.links)}")
            for l in self.links[:examples]:
                lines.append(f"           e.g. {l['name']} ({l['birth_date']}): {l['id']} ← {l['other']}")
        lines.append(f"time: {self.seconds:.1f} s")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"dataset": self.dataset, "file": self.file, "rows": self.rows, "persons": self.persons,
                "offices": self.offices, "offices_mapped": self.offices_mapped,
                "mapping_rate": round(self.mapping_rate, 4), "records": dict(self.records),
                "loaded": dict(self.loaded), "records_file": self.records_file, "seconds": round(self.seconds, 2),
                "unmapped": [i.to_json() for i in self.unmapped], "rejected": [i.to_json() for i in self.rejected],
                "dates": [i.to_json() for i in self.dates], "notes": [i.to_json() for i in self.notes],
                "links": self.links,
                "reasons": {k: dict(Counter(i.reason for i in getattr(self, k)))
                            for k in ("unmapped", "rejected", "dates", "notes")}}


# --- pre-check and load -----------------------------------------------------------------------
def imports_dir(store) -> Path | None:
    """Where an on-disk store keeps the record files of imports (``<store>/../imports``)."""
    return store.path.parent / "imports" if getattr(store, "path", None) else None


def _builder(store):
    from ..rdf import Builder, N
    return Builder(N("graph", "pending"), store.vocab, store.gazetteer, known=store.known,
                   store_org=store.org_info)


def precheck(store, records: list[dict], name: str = "import") -> tuple[list[dict], dict[int, InvalidRecord]]:
    """Split records into those the loader accepts and {index: error} for the others.

    Runs the loader's field checks and :class:`kg.rdf.Builder` over the batch; a refused record can make
    another one fail (a tenure of a refused person), so it repeats until the batch is clean.
    """
    bad: dict[int, InvalidRecord] = {}
    for _ in range(5):
        located, index = [], []
        for i, rec in enumerate(records):
            if i in bad:
                continue
            try:
                located.append(parse_record(rec, name, i + 1))
                index.append(i)
            except InvalidRecord as e:
                bad[i] = e
        b = _builder(store)
        b.default_source = "precheck"
        b.build(located)
        if not b.errors:
            break
        for e in b.errors:
            if e.line:
                bad.setdefault(e.line - 1, e)
    return [r for i, r in enumerate(records) if i not in bad], bad


def load_checked(store, records: list[dict], path: Path, report: ImportReport, row_of: list[int],
                 *, load: bool = True) -> None:
    """Pre-check ``records`` (row_of[i] = dataset row of records[i]), report the refused ones,
    write the rest to ``path`` (JSON Lines) and load it into ``store``."""
    report.records = Counter(r["type"] for r in records)
    good, bad = precheck(store, records, path.name)
    keep = [i for i in range(len(records)) if i not in bad]
    for i, e in sorted(bad.items()):
        r = records[i]
        what = r.get("quote") or r.get("name") or r.get("position") or r["type"]
        report.rejected.append(Issue(row_of[i], _loader_reason(e), str(e.reason), f"{r['type']}: {what}"))
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        with path.open("w", encoding="utf-8") as fh:
            for i in keep:
                fh.write(json.dumps(records[i], ensure_ascii=False) + "\n")
        report.records_file = str(path)
        if not load:
            break
        try:
            store.load([path])
            break
        except InvalidRecords as err:   # should not happen after the pre-check; keep going without them
            lines = {e.line for e in err.errors if e.line}
            if not lines or attempt == 2:
                raise
            for e in err.errors:
                if e.line:
                    i = keep[e.line - 1]
                    report.rejected.append(Issue(row_of[i], _loader_reason(e), str(e.reason), records[i]["type"]))
            keep = [i for n, i in enumerate(keep, 1) if n not in lines]
    report.loaded = Counter(records[i]["type"] for i in keep) if load else Counter()


_LOADER_REASONS = [
    (re.compile(r"did not exist on .*it ended on"), "term after the organization ended"),
    (re.compile(r"did not exist before"), "term before the organization existed"),
    (re.compile(r"needs a place"), "organization needs a place (none in the title)"),
    (re.compile(r"cannot resolve place"), "place not in the gazetteer at that date"),
    (re.compile(r"is ambiguous"), "place ambiguous in the gazetteer"),
    (re.compile(r"does not exist on a unit of type"), "organization type does not exist on that unit"),
    (re.compile(r"does not exist in a"), "position does not exist in that organization type"),
    (re.compile(r"needs a unit_name"), "organization needs a name"),
    (re.compile(r"is before start"), "end before start"),
    (re.compile(r"unknown person"), "person refused"),
]


def first_reason(rules: list[tuple[re.Pattern, str]], text: str) -> str | None:
    """The category of the first (pattern, category) rule whose pattern is found in ``text``."""
    return next((reason for rx, reason in rules if rx.search(text)), None)


def _loader_reason(e: InvalidRecord) -> str:
    return first_reason(_LOADER_REASONS, e.reason) or f"{e.field or 'record'}: {e.reason.split(':')[0][:60]}"
