"""Importer for ``na13_dbqh_member_profiles.csv`` (profiles of the 500 deputies of the 13th National Assembly).

Each row gives:

- a **person** ``<slug(full_name)>--na13-<row>`` with birth date and gender — or the viwiki person's id
  ``<slug>--w<page>`` when the viwiki file has a person with the same name (full or common) **and** the
  same birth date (the link is listed in the report);
- a **source** ``na13-<row>`` (the official profile page on dbqh.na.gov.vn);
- the **National Assembly membership**: a tenure of ``dai-bieu-quoc-hoi`` in the Quốc hội, term XIII,
  from the first session of khóa XIII (2011-07-21) to the first session of khóa XIV (2016-07-20);
  the profiles do not record deputies who left early;
- one **attestation** per title of ``occupation_positions`` ("Tỉnh ủy viên; Chính ủy Bộ chỉ huy quân sự
  tỉnh Hậu Giang"), parsed with the deputy's province as context, dated on the profile's date
  (the latest "Thông tin lấy tại thời điểm tháng M-YYYY", as the first day of that month).
"""
from __future__ import annotations

import csv
import re
import time
from pathlib import Path

from ..normalize import fold, slug
from ..records import parent_fields
from ..titles import parse_titles
from .common import ImportReport, Issue, imports_dir, load_checked, parse_date
from .offices import reason_of, term_ordinal
from .viwiki import SHARED, person_id as viwiki_person_id

DEFAULT_FILE = SHARED / "na13_dbqh_member_profiles.csv"
VIWIKI_FILE = SHARED / "viwiki_politician_offices.csv"
TERM = {"ordinal": "XIII", "start": "2011-07-21", "end": "2016-07-20"}
PROFILE_DATE = "2013-03-01"   # when the profile says nothing readable
_AS_OF = re.compile(r"tháng\s*(\d{1,2})\s*[-/]\s*(\d{4})")
_GENDER = {"nam": "male", "nữ": "female"}


def person_id(name: str, row: int) -> str:
    return f"{slug(name)}--na13-{row}"


def profile_date(info_as_of: str | None) -> str:
    dates = [f"{int(y):04d}-{int(m):02d}-01" for m, y in _AS_OF.findall(info_as_of or "")]
    return max(dates) if dates else PROFILE_DATE


def viwiki_index(path: Path | None) -> dict[tuple[str, str], tuple[str, str]]:
    """(folded name, ISO birth date) → (viwiki person id, name) from the viwiki file."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if not path or not Path(path).exists():
        return out
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            birth, _ = parse_date(r.get("birth_date"))
            name = " ".join((r.get("person") or "").split())
            if birth and name and r.get("wiki_page_id"):
                out[(fold(name), birth)] = (viwiki_person_id(name, r["wiki_page_id"].strip()), name)
    return out


def build_records(rows: list[dict], report: ImportReport, links: dict):
    records: list[dict] = []
    row_of: list[int] = []

    def emit(rec: dict, row: int) -> None:
        records.append(rec)
        row_of.append(row)

    emit({"type": "term", "org": "quoc-hoi", **TERM}, 0)
    for n, r in enumerate(rows, 1):
        name = " ".join((r.get("full_name") or "").split())
        common = " ".join((r.get("common_name") or "").split())
        if not name:
            report.unmapped.append(Issue(n, "row without a name", text=r.get("source_url", "")))
            continue
        birth, err = parse_date(r.get("birth_date"))
        if err:
            report.dates.append(Issue(n, "unreadable birth date", err, r.get("birth_date", "")))
        pid = person_id(name, n)
        if birth:
            for nm in dict.fromkeys(x for x in (name, common) if x):
                hit = links.get((fold(nm), birth))
                if hit:
                    report.links.append({"id": hit[0], "other": pid, "name": nm, "birth_date": birth, "row": n})
                    pid = hit[0]
                    break
        src = f"na13-{n}"
        when = profile_date(r.get("info_as_of"))
        emit({"type": "source", "id": src, "title": f"Hồ sơ đại biểu Quốc hội khóa XIII: {name}",
              "url": r.get("source_url") or None, "publisher": "Quốc hội (dbqh.na.gov.vn)", "kind": "profile",
              "date": when[:7], "note": "via tmtmtmtm/vietnam-national-assembly-members@511746e"}, n)
        person = {"type": "person", "id": pid, "name": name, "source": src}
        if common and common != name:
            person["alt_names"] = [common]
        if birth:
            person["birth_date"] = birth
        g = _GENDER.get((r.get("gender") or "").strip().lower())
        if g:
            person["gender"] = g
        emit(person, n)
        report.persons += 1
        emit({"type": "tenure", "id": f"{pid}--na13-dbqh-xiii", "person": pid, "position": "dai-bieu-quoc-hoi",
              "org": "quoc-hoi", "term": TERM["ordinal"], "start": TERM["start"], "end": TERM["end"],
              "source": src}, n)
        text = " ".join((r.get("occupation_positions") or "").split())
        if not text:
            continue
        place = " ".join((r.get("constituency_province") or "").split()) or None
        try:
            try:
                titles = parse_titles(text, at=when, place=place)
            except ValueError:   # a context place the gazetteer does not know ("Đắc Lắk"): read without it
                titles = parse_titles(text, at=when)
        except Exception as e:   # never let the parser stop an import
            report.offices += 1
            report.unmapped.append(Issue(n, "parser error", f"{type(e).__name__}: {e}", text))
            continue
        for t in titles:
            report.offices += 1
            if not (t.ok and t.position and t.org_type):
                err = t.error or ("no position" if not t.position else "no organization")
                report.unmapped.append(Issue(n, reason_of(err) if t.error else
                                             ("not a position in the ontology" if not t.position
                                              else "position without an organization"), err, t.raw))
                continue
            report.offices_mapped += 1
            rec = {"type": "attestation", "person": pid, "position": t.position, "org_type": t.org_type,
                   "date": when, "status": "current", "quote": t.raw, "span": list(t.span), "source": src}
            if t.unit_id or t.place:
                rec["place"] = t.unit_id or t.place
            if t.unit:
                from ..vocab import Vocab
                ot = Vocab.instance().org_types.get(t.org_type)
                if ot is not None and ot.flag("needsUnitName"):
                    rec["unit_name"] = t.unit
            rec.update(parent_fields(t))
            if term_ordinal(t):
                rec["term"] = term_ordinal(t)
            if "quyen" in t.qualifiers:      # qualifier slugs (kg.titles)
                rec["status"] = "acting"
            emit(rec, n)
    return records, row_of


def import_na13(store, path: str | Path = DEFAULT_FILE, *, out_dir: str | Path | None = None,
                link_with: str | Path | None = VIWIKI_FILE, load: bool = True) -> ImportReport:
    """Import the NA XIII profiles into ``store``; persons also in ``link_with`` (the viwiki file) get its ids."""
    t0 = time.perf_counter()
    path = Path(path)
    report = ImportReport("na13", str(path))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    report.rows = len(rows)
    records, row_of = build_records(rows, report, viwiki_index(Path(link_with) if link_with else None))
    out = Path(out_dir) if out_dir else (imports_dir(store) or Path(".kg/imports"))
    load_checked(store, records, out / f"na13-{path.stem}.jsonl", report, row_of, load=load)
    report.seconds = time.perf_counter() - t0
    return report
