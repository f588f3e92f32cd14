"""Importer for ``viwiki_politician_offices.csv`` (Vietnamese Wikipedia infobox office terms).

One row = one office term of one politician. Each row gives:

- a **person** ``<slug(name)>--w<wiki_page_id>`` with the birth date (one per page);
- a **source** ``viwiki-<page_id>`` (the Wikipedia page, CC BY-SA 4.0, via datmieu204/political-net);
- one **tenure** per title the office string names (usually one; "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh X"
  names two), with the term's start and end at their precision. The title's place is resolved at the
  term's start date (so a 2019 "Tỉnh ủy Bắc Giang" is the pre-2025 province, a 2025-08 one the new one).
  "nay" / "đương nhiệm" means *current as of the data's date* (:data:`AS_OF`), never an open end:
  the tenure gets ``current_as_of`` = AS_OF, or the organization's end when it ended earlier
  (the infobox is stale; the report says so).
- a **succession claim** per tenure with a predecessor or successor (names as written), kept beside the
  records file for the consistency report (:mod:`kg.importers.consistency`).
"""
from __future__ import annotations

import csv
import json
import re
import time
from datetime import date
from pathlib import Path

from ..normalize import slug
from ..records import parent_fields, parse_record
from .common import ImportReport, Issue, imports_dir, is_current, load_checked, parse_date
from .offices import map_office, reason_of, term_ordinal

#: The data's date: the latest date in the file (a term starting 2025-10-01). "nay" = current on this day.
AS_OF = "2025-10-01"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "ground_truth"
DEFAULT_FILE = SHARED / "viwiki_politician_offices.csv"
SOURCE_NOTE = ("Vietnamese Wikipedia infobox, via datmieu204/political-net@368ab41 "
               "(data/processed/infobox/politicians_data_normalized.json), flattened in ../shared/corpus")
_NO_NAME = {"", "đương nhiệm", "không có", "không", "chức vụ thành lập", "mới thành lập", "đầu tiên", "?", "—", "-",
            "chức vụ kết thúc", "chức vụ bãi bỏ", "bãi bỏ", "giải thể", "không rõ"}


def clean_name(title: str) -> str:
    """The page title without its disambiguator: "Nguyễn Đức Hải (chính khách)" → "Nguyễn Đức Hải"."""
    return " ".join(re.sub(r"\s*\([^)]*\)\s*$", "", title or "").split())


def person_id(name: str, page_id: str) -> str:
    """``<slug(name)>--w<page id>``; ``name`` is the page title, its disambiguator is dropped."""
    return f"{slug(clean_name(name))}--w{page_id}"


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _name(value: str | None) -> str:
    v = clean_name(value or "")
    return "" if v.lower() in _NO_NAME else v


def build_records(rows: list[dict], report: ImportReport, *, as_of: str = AS_OF):
    """Rows → (records, row_of, claims). Unmapped offices and unreadable dates go to ``report``."""
    from ..vocab import Vocab
    vocab = Vocab.instance()
    records: list[dict] = []
    row_of: list[int] = []
    claims: list[dict] = []
    persons: dict[str, str] = {}

    def emit(rec: dict, row: int) -> None:
        records.append(rec)
        row_of.append(row)

    for n, r in enumerate(rows, 1):
        page = (r.get("wiki_page_id") or "").strip()
        title = " ".join((r.get("person") or "").split())
        name = clean_name(title)
        if not page or not name:
            report.unmapped.append(Issue(n, "row without person or page id", text=r.get("office", "")))
            continue
        pid = person_id(name, page)
        src = f"viwiki-{page}"
        if page not in persons:
            persons[page] = pid
            emit({"type": "source", "id": src, "title": f"Wikipedia: {name}",
                  "url": f"https://vi.wikipedia.org/?curid={page}", "publisher": "Wikipedia tiếng Việt",
                  "kind": "dataset", "licence": "CC BY-SA 4.0", "note": SOURCE_NOTE}, n)
            person = {"type": "person", "id": pid, "name": name, "source": src}
            if title != name:
                person["alt_names"] = [title]
            birth, err = parse_date(r.get("birth_date"))
            if birth:
                person["birth_date"] = birth
            elif err:
                report.dates.append(Issue(n, "unreadable birth date", err, r.get("birth_date", "")))
            emit(person, n)
        office = " ".join((r.get("office") or "").split())
        report.offices += 1
        start, err_s = parse_date(r.get("term_start"))
        if err_s:
            report.dates.append(Issue(n, "unreadable term_start", err_s, r.get("term_start", "")))
        current = is_current(r.get("term_end"))
        end, err_e = (None, None) if current else parse_date(r.get("term_end"))
        if err_e:
            report.dates.append(Issue(n, "unreadable term_end", err_e, r.get("term_end", "")))
        at = start or end or (as_of if current else None)
        m = map_office(office, at)
        if not m.ok:
            report.unmapped.append(Issue(n, reason_of(m.error), m.error, office))
            continue
        report.offices_mapped += 1
        if m.error:
            report.notes.append(Issue(n, "chain partly mapped (the other titles are not)", m.error, office))
        if not (start or end or current):
            report.rejected.append(Issue(n, "no usable date (a tenure without dates would match every day)",
                                         f"term_start={r.get('term_start')!r} term_end={r.get('term_end')!r}",
                                         office))
            continue
        for k, t in enumerate(m.titles):
            rec = {"type": "tenure", "id": f"{pid}--viwiki-{r.get('office_index') or n}-{k}", "person": pid,
                   "position": t.position, "org_type": t.org_type, "source": src}
            if t.unit_id or t.place:
                rec["place"] = t.unit_id or t.place
            ot = vocab.org_types.get(t.org_type)
            if t.unit and ot is not None and ot.flag("needsUnitName"):
                rec["unit_name"] = t.unit
            rec.update(parent_fields(t))
            if start:
                rec["start"] = start
            if end:
                rec["end"] = end
            if current:
                rec["current_as_of"] = as_of
            term = term_ordinal(t) or (m.terms[0] if len(m.terms) == 1 else None)
            if term:
                rec["term"] = term
            if "quyen" in t.qualifiers:      # qualifier slugs (kg.titles): "Quyền Chủ tịch …" = acting
                rec["acting"] = True
            if k > 0:
                rec["concurrent"] = True
            emit(rec, n)
            pred, succ = _name(r.get("predecessor")), _name(r.get("successor"))
            if k == 0 and (pred or succ):
                claims.append({"tenure": rec["id"], "person": pid, "name": name, "row": n, "office": office,
                               "predecessor": pred, "successor": succ})
    report.persons = len(persons)
    return records, row_of, claims


def clip_current(store, records: list[dict], row_of: list[int], report: ImportReport) -> None:
    """'nay' cannot outlive the organization: current_as_of is capped at the organization's end."""
    from .common import _builder
    b = _builder(store)
    for i, rec in enumerate(records):
        if rec["type"] != "tenure" or "current_as_of" not in rec:
            continue
        try:
            loc = parse_record(rec, "clip", i + 1)
        except Exception:
            continue
        at = date.fromisoformat(rec["current_as_of"])
        if rec.get("start"):
            from ..temporal import PDate
            at = PDate.parse(rec["start"]).earliest
        info = b.resolve_ref(loc, loc.record, at)
        if info is None or info.valid_until is None:
            continue
        if info.valid_until < date.fromisoformat(rec["current_as_of"]):
            start = rec.get("start")
            if start and start > info.valid_until.isoformat():
                continue   # the loader refuses it (term after the organization ended); reported there
            report.notes.append(Issue(row_of[i], "'nay' after the organization ended: current_as_of capped "
                                      "at its end", f"{info.label_vi} ended {info.valid_until}",
                                      rec.get("place", "") + " " + rec["position"]))
            rec["current_as_of"] = info.valid_until.isoformat()


def import_viwiki(store, path: str | Path = DEFAULT_FILE, *, out_dir: str | Path | None = None,
                  as_of: str = AS_OF, load: bool = True) -> ImportReport:
    """Import the viwiki office terms into ``store``; returns the report (nothing unmapped is dropped silently)."""
    t0 = time.perf_counter()
    path = Path(path)
    report = ImportReport("viwiki", str(path))
    rows = read_rows(path)
    report.rows = len(rows)
    records, row_of, claims = build_records(rows, report, as_of=as_of)
    clip_current(store, records, row_of, report)
    out = Path(out_dir) if out_dir else (imports_dir(store) or Path(".kg/imports"))
    target = out / f"viwiki-{path.stem}.jsonl"
    load_checked(store, records, target, report, row_of, load=load)
    loaded_ids = _loaded_tenures(target)
    claims = [c for c in claims if c["tenure"] in loaded_ids]
    with (out / f"viwiki-{path.stem}.succession.jsonl").open("w", encoding="utf-8") as fh:
        for c in claims:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    report.seconds = time.perf_counter() - t0
    return report


def _loaded_tenures(path: Path) -> set[str]:
    out = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if '"tenure"' in line:
                out.add(json.loads(line).get("id"))
    return out
