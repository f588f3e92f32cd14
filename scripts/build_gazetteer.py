#!/usr/bin/env python3
"""Build data/gazetteer/{units,changes}.jsonl and README.md from the vietnamadminunits CSVs.

Usage::

    python scripts/build_gazetteer.py [CSV_DIR] [--out OUT_DIR]

CSV_DIR defaults to /work/shared/corpus/gazetteer (the copy of
tranngocminhhieu/vietnamadminunits, MIT, commit 780c279); OUT_DIR defaults to
data/gazetteer in this repository. Output is deterministic: rebuilding from the same
CSVs gives identical bytes.

Identity choices (see data/gazetteer/README.md for the reasoning):

* a pre-reform unit has id ``<code>@pre2025``, a unit that starts on 2025-07-01 ``<code>@2025``;
* the 11 provinces not merged in 2025 ("không sáp nhập") continue: one unit, id ``<code>@pre2025``,
  no valid_until;
* the 23 provinces formed by merging are new entities (``<code>@2025``); their predecessors end 2025-06-30;
* every district ends 2025-06-30 (cessation);
* all 3,321 post-reform communes are new entities (``<code>@2025``) and every pre-reform commune ends
  2025-06-30 (the commune layer was re-enacted under the provinces by the UBTVQH resolutions).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.normalize import fold, nfc  # noqa: E402

DEFAULT_SRC = Path("/work/shared/corpus/gazetteer")
DEFAULT_OUT = REPO / "data" / "gazetteer"

SOURCE_ID = "gazetteer-vietnamadminunits"
SOURCE_COMMIT = "780c279"
SOURCE_RECORD = {
    "type": "source",
    "id": SOURCE_ID,
    "title": "Vietnam administrative units before and after 1 July 2025 (vietnamadminunits)",
    "url": "https://github.com/tranngocminhhieu/vietnamadminunits",
    "licence": "MIT",
    "kind": "dataset",
    "note": f"commit {SOURCE_COMMIT}",
}

PRE_END = "2025-06-30"
POST_START = "2025-07-01"
PROVINCE_ACT = ("202/2025/QH15", "2025-06-12")
# Constitutional amendment (NQ 203/2025/QH15) and Luật Tổ chức CQĐP 72/2025/QH15, both adopted 2025-06-16,
# removed the district level (domain.md §4.1).
DISTRICT_ACT = ("203/2025/QH15", "2025-06-16")
# Commune rearrangement: one UBTVQH resolution per new province (1654–1687/NQ-UBTVQH15), all adopted
# 2025-06-16. Only the number for Thái Nguyên is known (domain.md §4.1).
COMMUNE_ACT_DATE = "2025-06-16"
COMMUNE_ACT_BY_PROVINCE = {"19": "1683/NQ-UBTVQH15"}

# Known start dates (domain.md §4.3). Thái Nguyên was re-split from Bắc Thái together with Bắc Kạn.
KNOWN_VALID_FROM = {
    "06@pre2025": "1997-01-01",
    "19@pre2025": "1997-01-01",
    "058@pre2025": "2015-03-11",
}

# Alternative names (matching is tone-style/case insensitive already, so only real variants).
ALT_NAMES = {
    "06@pre2025": ["Bắc Cạn", "Tỉnh Bắc Cạn"],
    "058@pre2025": ["Bắc Cạn", "Thành phố Bắc Cạn", "Thị xã Bắc Kạn", "Thị xã Bắc Cạn"],
    "01843@2025": ["Bắc Cạn", "Phường Bắc Cạn"],
    "01@pre2025": ["Thủ đô Hà Nội"],
    "46@pre2025": ["Thừa Thiên Huế", "Thừa Thiên - Huế", "Tỉnh Thừa Thiên Huế", "Tỉnh Thừa Thiên - Huế"],
    "79@pre2025": ["HCM", "TPHCM", "Thành phố HCM", "Sài Gòn - Gia Định"],
    "79@2025": ["HCM", "TPHCM", "Thành phố HCM"],
    "77@pre2025": ["Bà Rịa Vũng Tàu", "BR-VT", "BRVT"],
}

# Type word as written in the CSVs (folded) -> unit_type slug, per level.
PROVINCE_TYPES = {"tỉnh": "tinh", "thành phố": "thanh-pho-tw"}
DISTRICT_TYPES = {"huyện": "huyen", "quận": "quan", "thị xã": "thi-xa", "thành phố": "thanh-pho-thuoc-tinh"}
COMMUNE_TYPES = {"xã": "xa", "phường": "phuong", "thị trấn": "thi-tran", "đặc khu": "dac-khu"}
DISPLAY = {"tinh": "Tỉnh", "thanh-pho-tw": "Thành phố", "huyen": "Huyện", "quan": "Quận", "thi-xa": "Thị xã",
           "thanh-pho-thuoc-tinh": "Thành phố", "xa": "Xã", "phuong": "Phường", "thi-tran": "Thị trấn",
           "dac-khu": "Đặc khu"}
LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}
LEVEL_OF = {"tinh": "province", "thanh-pho-tw": "province", "huyen": "district", "quan": "district",
            "thi-xa": "district", "thanh-pho-thuoc-tinh": "district", "xa": "commune", "phuong": "commune",
            "thi-tran": "commune", "dac-khu": "commune"}

FILES = {
    "districts": "pre2025_districts_gso_2025-07-18.csv",
    "wards": "pre2025_wards_gso_2025-07-18.csv",
    "provinces_loc": "pre2025_63_provinces_location.csv",
    "new": "from2025_34_provinces_wards.csv",
    "convert": "convert_pre2025_ward_to_2025.csv",
    "sapnhap": "merger_2025_provinces_sapnhap.csv",
    "sapnhap_wards": "merger_2025_wards_sapnhap.csv",
}


def pad(value: str, width: int) -> str:
    """Zero-pad a code that may have been read as a number ("1", "1.0", "01840")."""
    v = value.strip()
    if not v:
        raise ValueError("empty code")
    if re.fullmatch(r"\d+\.0+", v):
        v = v.split(".")[0]
    if not v.isdigit():
        raise ValueError(f"bad code {value!r}")
    return v.zfill(width)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def split_type(full: str, types: dict[str, str], fallback: str | None = None) -> tuple[str, str, str]:
    """("Thành Phố Bắc Kạn", DISTRICT_TYPES) -> ("Thành phố Bắc Kạn", "Bắc Kạn", "thanh-pho-thuoc-tinh")."""
    full = " ".join(nfc(full).split())
    key = fold(full)
    for word in sorted(types, key=len, reverse=True):
        if key.startswith(word + " "):
            utype = types[word]
            short = " ".join(full.split()[len(word.split()):])
            return f"{DISPLAY[utype]} {short}", short, utype
    if fallback is None:
        raise ValueError(f"no type word in {full!r}")
    return f"{DISPLAY[fallback]} {full}", full, fallback


def type_from_word(word: str, types: dict[str, str]) -> str:
    return types[fold(word)]


def unit_record(uid: str, name: str, short: str, utype: str, code: str, parent: str | None,
                valid_from: str | None, valid_until: str | None, extra_alts=()) -> dict:
    rec: dict = {"type": "unit", "id": uid, "name": name, "short_name": short, "unit_type": utype,
                 "code": code, "parent": parent}
    vf = KNOWN_VALID_FROM.get(uid, valid_from)
    if vf:
        rec["valid_from"] = vf
    if valid_until:
        rec["valid_until"] = valid_until
    alts = [a for a in [*ALT_NAMES.get(uid, []), *extra_alts] if fold(a) not in (fold(name), fold(short))]
    if alts:
        rec["alt_names"] = alts
    rec["source"] = SOURCE_ID
    return rec


def change_record(cid: str, ctype: str, originals, resultings, legal_act: str | None,
                  legal_date: str | None) -> dict:
    rec: dict = {"type": "change", "id": cid, "change_type": ctype, "date": POST_START}
    if legal_date:
        rec["legal_date"] = legal_date
    if legal_act:
        rec["legal_act"] = legal_act
    rec["original_units"] = sorted(originals)
    if resultings:
        rec["resulting_units"] = sorted(resultings)
    rec["source"] = SOURCE_ID
    return rec


def build(src: Path) -> tuple[list[dict], list[dict], dict]:
    districts = read_csv(src / FILES["districts"])
    wards = read_csv(src / FILES["wards"])
    new_rows = read_csv(src / FILES["new"])
    convert = read_csv(src / FILES["convert"])
    sapnhap = read_csv(src / FILES["sapnhap"])
    prov_loc = read_csv(src / FILES["provinces_loc"])

    # --- which old provinces went into which new one (from the convert file) ---
    groups: dict[str, set[str]] = defaultdict(set)
    for r in convert:
        groups[pad(r["newProvinceCode"], 2)].add(pad(r["provinceCode"], 2))
    continuing = {new for new, olds in groups.items() if olds == {new}}
    merged_away = {old for new, olds in groups.items() if new not in continuing for old in olds}

    # cross-check against the sapnhap list ("không sáp nhập" = not merged)
    not_merged_names = {fold(split_type(re.sub(r"^Thủ đô ", "Thành phố ", r["tentinh"], flags=re.I),
                                        PROVINCE_TYPES)[1])
                        for r in sapnhap if fold(r["truocsapnhap"]) == fold("không sáp nhập")}
    new_prov_short = {pad(r["provinceCode"], 2): r["provinceShort"] for r in new_rows}
    if {fold(new_prov_short[c]) for c in continuing} != not_merged_names:
        raise SystemExit("continuing provinces disagree with merger_2025_provinces_sapnhap.csv")

    def prov_id(code: str, post: bool) -> str:
        if not post or code in continuing:
            return f"{code}@pre2025"
        return f"{code}@2025"

    units: dict[str, dict] = {}

    # --- pre-reform provinces and districts (district file) ---
    provinces: dict[str, str] = {}
    for r in districts:
        provinces[pad(r["Mã TP"], 2)] = r["Tỉnh / Thành Phố"]
    for code, full in provinces.items():
        name, short, utype = split_type(full, PROVINCE_TYPES)
        uid = f"{code}@pre2025"
        units[uid] = unit_record(uid, name, short, utype, code, None, None,
                                 None if code in continuing else PRE_END)
    for r in districts:
        code = pad(r["Mã"], 3)
        name, short, utype = split_type(r["Tên"], DISTRICT_TYPES)
        if utype != type_from_word(r["Cấp"], DISTRICT_TYPES):
            raise SystemExit(f"district type mismatch {r}")
        uid = f"{code}@pre2025"
        units[uid] = unit_record(uid, name, short, utype, code, f"{pad(r['Mã TP'], 2)}@pre2025", None, PRE_END)
    type_conflicts: list[str] = []
    for r in wards:
        code = pad(r["Mã"], 5)
        name, short, utype = split_type(r["Tên"], COMMUNE_TYPES, COMMUNE_TYPES[fold(r["Cấp"])])
        if utype != type_from_word(r["Cấp"], COMMUNE_TYPES):
            # 3 GSO rows have a level ("Cấp") contradicting the name (Thị trấn Ngọc Lặc, Phường 5 and
            # Phường 15 of Quận Phú Nhuận listed as "Xã"): the type word in the name wins.
            type_conflicts.append(code)
        uid = f"{code}@pre2025"
        units[uid] = unit_record(uid, name, short, utype, code, f"{pad(r['Mã QH'], 3)}@pre2025", None, PRE_END)

    # --- post-reform provinces and communes ---
    sapnhap_ward_type: dict[tuple[str, str], str | None] = {}
    for r in read_csv(src / FILES["sapnhap_wards"]):
        pshort = split_type(re.sub(r"^Thủ đô ", "Thành phố ", r["tentinh"], flags=re.I), PROVINCE_TYPES)[1]
        key = (fold(pshort), fold(r["tenhc"]))
        utype = COMMUNE_TYPES[fold(r["loai"])]
        sapnhap_ward_type[key] = utype if sapnhap_ward_type.get(key, utype) == utype else None
    new_type_conflicts: list[str] = []
    for r in new_rows:
        pcode = pad(r["provinceCode"], 2)
        puid = prov_id(pcode, True)
        if puid not in units:
            name, short, utype = split_type(r["province"], PROVINCE_TYPES)
            if short != r["provinceShort"]:
                raise SystemExit(f"province short name mismatch {r}")
            units[puid] = unit_record(puid, name, short, utype, pcode, None, POST_START, None)
        code = pad(r["wardCode"], 5)
        name, short, utype = split_type(r["ward"], COMMUNE_TYPES)
        if short != r["wardShort"]:
            raise SystemExit(f"new ward short name mismatch {r}")
        uid = f"{code}@2025"
        alt = []
        if utype != type_from_word(r["wardType"], COMMUNE_TYPES):
            # 4 rows (Việt Hòa, Vĩnh Hòa, Tân Lộc, Phong Điền) name one type and state another; the
            # sapnhap list (bando.com.vn) decides, and the conflicting name is kept as an alt name.
            official = sapnhap_ward_type.get((fold(r["provinceShort"]), fold(short)))
            if official is None:
                raise SystemExit(f"new ward type conflict not resolvable {r}")
            if official != utype:
                alt.append(name)
                utype = official
                name = f"{DISPLAY[utype]} {short}"
            new_type_conflicts.append(code)
        if uid in units:
            raise SystemExit(f"duplicate new ward {uid}")
        units[uid] = unit_record(uid, name, short, utype, code, puid, POST_START, None, alt)

    # --- changes ---
    changes: list[dict] = []
    for new, olds in groups.items():
        if new in continuing:
            continue
        act, date = PROVINCE_ACT
        changes.append(change_record(f"merger-2025--{new}", "merger", [f"{o}@pre2025" for o in olds],
                                     [f"{new}@2025"], act, date))
    by_district: dict[str, set[str]] = defaultdict(set)
    by_new_ward: dict[str, set[str]] = defaultdict(set)
    new_ward_prov: dict[str, str] = {}
    for r in convert:
        dcode = pad(r["districtCode"], 3)
        nw = f"{pad(r['newWardCode'], 5)}@2025"
        if nw not in units:
            raise SystemExit(f"convert file names unknown new ward {nw}")
        by_district[f"{dcode}@pre2025"].add(nw)
        # districts without communes (island districts) became đặc khu directly
        orig = f"{pad(r['wardCode'], 5)}@pre2025" if r["wardCode"] else f"{dcode}@pre2025"
        if orig not in units:
            raise SystemExit(f"convert file names unknown old unit {orig}")
        by_new_ward[nw].add(orig)
        new_ward_prov[nw] = pad(r["newProvinceCode"], 2)
    for d in (u for u in units.values() if LEVEL_OF[u["unit_type"]] == "district"):
        act, date = DISTRICT_ACT
        changes.append(change_record(f"cessation-2025--{d['code']}", "cessation", [d["id"]],
                                     by_district.get(d["id"], ()), act, date))
    for nw, origs in by_new_ward.items():
        ctype = "merger" if len(origs) >= 2 else "establishment"
        changes.append(change_record(f"{ctype}-2025--{nw.split('@')[0]}", ctype, origs, [nw],
                                     COMMUNE_ACT_BY_PROVINCE.get(new_ward_prov[nw]), COMMUNE_ACT_DATE))

    unit_list = sorted(units.values(), key=lambda u: (u["id"].endswith("@2025"), LEVEL_RANK[LEVEL_OF[u["unit_type"]]],
                                                      u["code"], u["id"]))
    changes.sort(key=lambda c: c["id"])

    def count(pred) -> int:
        return sum(1 for u in unit_list if pred(u))

    lvl = lambda u: LEVEL_OF[u["unit_type"]]  # noqa: E731
    stats = {
        "pre_provinces": count(lambda u: lvl(u) == "province" and u["id"].endswith("@pre2025")),
        "provinces_location_rows": len(prov_loc),
        "continuing_provinces": len(continuing),
        "merged_old_provinces": len(merged_away),
        "new_provinces": count(lambda u: lvl(u) == "province" and u["id"].endswith("@2025")),
        "post_provinces_total": len(groups),
        "districts": count(lambda u: lvl(u) == "district"),
        "pre_communes": count(lambda u: lvl(u) == "commune" and u["id"].endswith("@pre2025")),
        "new_communes": count(lambda u: lvl(u) == "commune" and u["id"].endswith("@2025")),
        "units": len(unit_list),
        "changes": len(changes),
    }
    for ct in sorted({c["change_type"] for c in changes}):
        stats[f"changes_{ct}"] = sum(1 for c in changes if c["change_type"] == ct)
    stats["ward_type_conflicts"] = len(type_conflicts)
    stats["new_ward_type_conflicts"] = len(new_type_conflicts)
    stats["continuing_codes"] = ", ".join(sorted(continuing))
    return unit_list, changes, stats


MIT_NOTICE = """MIT License

Copyright (c) the vietnamadminunits authors (GitHub: tranngocminhhieu)
(the exact copyright line is in the upstream LICENSE file at commit 780c279; it was not
available to the build, only the licence name "MIT" as recorded in the corpus README)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def readme(stats: dict) -> str:
    s = stats
    return f"""# Gazetteer: Vietnamese administrative units before and after 1 July 2025

Generated by `scripts/build_gazetteer.py` — do not edit by hand; rebuild with

    python scripts/build_gazetteer.py [CSV_DIR]

The build is deterministic (sorted output): the same CSVs give byte-identical files.

## Source and licence

Data derived from **vietnamadminunits** (GitHub user tranngocminhhieu),
<https://github.com/tranngocminhhieu/vietnamadminunits>, commit `{SOURCE_COMMIT}`, MIT licence
(notice reproduced below). The CSVs used (copied under `/work/shared/corpus/gazetteer/`, see the
corpus README) are, with their path in that repository:

| file used | source path |
|---|---|
| `{FILES['districts']}` | `data/raw/danhmuchanhchinh.gso.gov.vn_district_2025-07-18.csv` (GSO district list) |
| `{FILES['wards']}` | `data/raw/danhmuchanhchinh.gso.gov.vn_ward_2025-07-18.csv` (GSO commune list) |
| `{FILES['provinces_loc']}` | `data/raw/63_provinces_location_province_2025-07-24.csv` (count check only) |
| `{FILES['new']}` | `data/processed/2025_34-province-3221-ward_with_location.csv` |
| `{FILES['convert']}` | `data/interim/convert_legacy_2025_simple.csv` |
| `{FILES['sapnhap']}` | `data/raw/sapnhap.bando.com.vn_province_2025-07-17.csv` (cross-check of unmerged provinces) |
| `{FILES['sapnhap_wards']}` | `data/raw/sapnhap.bando.com.vn_ward_2025-07-17.csv` (decides 4 type conflicts) |

Every record carries `"source": "{SOURCE_ID}"`; the source record is the first line of `units.jsonl`.
Dates of legal acts and the few known start dates come from the project's domain brief (domain.md §4), not
from the dataset.

## Files

* `units.jsonl` — line 1: the source record; then one `unit` record per line: `id`, `name` (full, with the
  type word), `short_name`, `unit_type` (slug of `ut:`), `code` (GSO code, zero-padded: province 2,
  district 3, commune 5 digits), `parent` (unit id or null), `valid_from` / `valid_until` (ISO dates; omitted
  when unknown / still valid), `alt_names`, `source`. Sorted: pre-reform provinces, districts, communes, then
  post-reform provinces and communes, each by code.
* `changes.jsonl` — one `change` record per line: `id`, `change_type`, `date` (first day of the successors,
  2025-07-01), `legal_date` (adoption of the act), `legal_act` (when known), `original_units`,
  `resulting_units`, `source`. Sorted by id.

## Identity rules (domain.md §4.4.2)

* ids: `<code>@pre2025` for units that existed before the reform, `<code>@2025` for units that start on
  2025-07-01. Codes are reused across the reform (19 = old and new Thái Nguyên; 01840 = old and new
  phường Đức Xuân), so the code alone is never an identity.
* **Provinces formed by merging** ({s['new_provinces']} new provinces from {s['merged_old_provinces']} old
  ones) are new entities `<code>@2025` (valid_from 2025-07-01) even when they keep a predecessor's name and
  code; all their predecessors end on 2025-06-30; one `merger` change each (NQ 202/2025/QH15, adopted
  2025-06-12).
* **Provinces not merged** ("không sáp nhập": {s['continuing_codes']}) are treated as **continuing**: one
  entity with the single id `<code>@pre2025`, no `valid_until`, and no change record. Reason: they were not
  "formed on the basis of" a merger; losing the district level is a change of internal structure, not of
  identity (domain.md §4.4.2: pure renames or boundary adjustments keep the identity; only merged provinces
  restarted their party congress numbering at I, §4.1). The post-2025 communes of such a province have it
  as parent, and its pre-reform districts remain its children (filter by date).
  *Rejected alternative:* ending every old province on 2025-06-30 and creating 34 new `<code>@2025`
  provinces (with a 1→1 change for the 11 unmerged ones). It is uniform but would split every unbroken
  provincial tenure (e.g. Secretary of the Hà Nội Party Committee across 1 July 2025) into two organizations
  for no legal reason.
* **Districts**: all {s['districts']} end on 2025-06-30; one `cessation` change each (NQ 203/2025/QH15, adopted
  2025-06-16), `resulting_units` = the new communes that took over its communes (from the convert file).
* **Communes**: all {s['pre_communes']} pre-reform communes end on 2025-06-30 and all {s['new_communes']}
  post-reform communes are new entities `<code>@2025` with the province as parent. The whole commune layer
  was re-enacted by one UBTVQH resolution per province (1654–1687/NQ-UBTVQH15, adopted 2025-06-16) and
  re-parented directly under the province. A new commune made from two or more old units gets a `merger`
  change; one made from a single old unit (a commune kept as it was, the part of a divided commune, or an
  island district that became a đặc khu) gets an `establishment` change whose `original_units` lists that
  unit. Only the resolution number for Thái Nguyên (1683/NQ-UBTVQH15) is recorded; the others are unknown
  here, so `legal_act` is omitted. Divided old communes (`isDividedWard`) appear as an original of every new
  commune that received part of them; no separate `split` records are written.
* Known start dates (domain.md §4.3): Bắc Kạn province 06 and Thái Nguyên 19 from 1997-01-01, TP Bắc Kạn 058
  from 2015-03-11. All other pre-reform units have no `valid_from` (unknown = valid since forever).
* Limitation: the pre-reform lists are GSO's state of 2025-07-18, i.e. after the 2023–2025 commune/district
  rearrangements; units merged away before 2025 are absent, and names are the latest pre-reform ones
  (e.g. 46 = "Thành phố Huế", with "Thừa Thiên Huế" as alt name).

## Counts

| what | count |
|---|---|
| pre-reform provinces (`@pre2025`) | {s['pre_provinces']} (location file: {s['provinces_location_rows']} rows) |
| … of which continuing after 2025-07-01 | {s['continuing_provinces']} |
| new provinces (`@2025`) | {s['new_provinces']} |
| provinces valid on 2025-07-01 | {s['post_provinces_total']} |
| pre-reform districts | {s['districts']} |
| pre-reform communes | {s['pre_communes']} |
| post-reform communes (`@2025`) | {s['new_communes']} |
| GSO commune rows whose "Cấp" contradicts the name (name wins) | {s['ward_type_conflicts']} |
| 2025 commune rows whose name contradicts `wardType` (sapnhap list decides; old name kept as alt) | {s['new_ward_type_conflicts']} |
| unit records | {s['units']} |
| change records | {s['changes']} (cessation {s.get('changes_cessation', 0)}, merger {s.get('changes_merger', 0)}, establishment {s.get('changes_establishment', 0)}) |

## Licence notice of the source data

{MIT_NOTICE}
"""


def dump_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC, help="directory with the CSVs")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = ap.parse_args(argv)
    units, changes, stats = build(args.src)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in (("units.jsonl", dump_jsonl([SOURCE_RECORD] + units)),
                       ("changes.jsonl", dump_jsonl(changes)),
                       ("README.md", readme(stats))):
        (args.out / name).write_bytes(text.encode("utf-8"))
    print(" ".join(f"{k}={v}" for k, v in stats.items() if k != "continuing_codes"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
