"""Tests for the time-aware gazetteer (kg/gazetteer.py) and its build (scripts/build_gazetteer.py)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kg.gazetteer import Gazetteer, Unit, name_key
from kg.normalize import fold

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "gazetteer"
CSV_DIR = Path("/work/shared/corpus/gazetteer")

PRE = date(2023, 3, 22)
POST = date(2025, 8, 1)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.default()


def ids(units):
    return [u.id for u in units]


def records(name):
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# ---------------------------------------------------------------- build output


def test_source_record_first_and_format():
    recs = records("units.jsonl")
    assert recs[0] == {
        "type": "source", "id": "gazetteer-vietnamadminunits",
        "title": "Vietnam administrative units before and after 1 July 2025 (vietnamadminunits)",
        "url": "https://github.com/tranngocminhhieu/vietnamadminunits", "licence": "MIT",
        "kind": "dataset", "note": "commit 780c279"}
    allowed = {"type", "id", "name", "short_name", "unit_type", "code", "parent", "valid_from", "valid_until",
               "alt_names", "source"}
    seen = set()
    for r in recs[1:]:
        assert r["type"] == "unit" and set(r) <= allowed, r
        assert r["source"] == "gazetteer-vietnamadminunits"
        assert r["id"] not in seen
        seen.add(r["id"])
        width = {"tinh": 2, "thanh-pho-tw": 2, "huyen": 3, "quan": 3, "thi-xa": 3,
                 "thanh-pho-thuoc-tinh": 3}.get(r["unit_type"], 5)
        assert len(r["code"]) == width and r["code"].isdigit(), r
        assert r["id"].split("@")[0] == r["code"]
        assert r.get("alt_names", ["x"]), "empty lists are omitted"
    assert recs[1:] == sorted(recs[1:], key=lambda r: (r["id"].endswith("@2025"),
                                                       {2: 0, 3: 1, 5: 2}[len(r["code"])], r["code"]))


def test_change_records_format(g):
    recs = records("changes.jsonl")
    assert [r["id"] for r in recs] == sorted(r["id"] for r in recs)
    kinds = {"merger", "absorption", "split", "dissolution", "cessation", "rename", "establishment"}
    for r in recs:
        assert r["type"] == "change" and r["change_type"] in kinds
        for u in r["original_units"] + r.get("resulting_units", []):
            assert u in g, u
    by_id = {r["id"]: r for r in recs}
    assert by_id["merger-2025--19"] == {
        "type": "change", "id": "merger-2025--19", "change_type": "merger", "date": "2025-07-01",
        "legal_date": "2025-06-12", "legal_act": "202/2025/QH15", "original_units": ["06@pre2025", "19@pre2025"],
        "resulting_units": ["19@2025"], "source": "gazetteer-vietnamadminunits"}
    c = Counter(r["change_type"] for r in recs)
    assert c["cessation"] == 696
    assert c["merger"] - 23 + c["establishment"] == 3321  # one per new commune


def test_bac_kan_records(g):
    bk = g.get("06@pre2025")
    assert (bk.name, bk.short_name, bk.unit_type, bk.code, bk.parent) == ("Tỉnh Bắc Kạn", "Bắc Kạn", "tinh", "06", None)
    assert bk.valid_from == date(1997, 1, 1) and bk.valid_until == date(2025, 6, 30)
    assert "Bắc Cạn" in bk.alt_names and bk.level == "province"
    city = g.get("058@pre2025")
    assert (city.name, city.unit_type, city.parent) == ("Thành phố Bắc Kạn", "thanh-pho-thuoc-tinh", "06@pre2025")
    assert city.valid_from == date(2015, 3, 11) and city.level == "district"
    wards = {u.name for u in g.children("058@pre2025")}
    assert wards == {"Phường Nguyễn Thị Minh Khai", "Phường Huyền Tụng", "Phường Đức Xuân", "Phường Sông Cầu",
                     "Phường Phùng Chí Kiên", "Phường Xuất Hóa", "Xã Nông Thượng", "Xã Dương Quang"}
    assert [u.id for u in g.children("06@pre2025")] == [f"{c}@pre2025" for c in
                                                         ("058", "060", "061", "062", "063", "064", "065", "066")]
    new = g.get("19@2025")
    assert (new.name, new.valid_from, new.valid_until) == ("Tỉnh Thái Nguyên", date(2025, 7, 1), None)
    assert len(g.children("19@2025")) == 92
    assert Counter(u.unit_type for u in g.children("19@2025")) == {"xa": 77, "phuong": 15}
    assert g.get("01843@2025").name == "Phường Bắc Kạn"
    assert g.get("01840@2025").name == "Phường Đức Xuân"
    assert g.get("01849@2025").name == "Xã Phong Quang"
    assert g.get("01840@pre2025").name == "Phường Đức Xuân"  # same code, different entity
    assert g.get("au:19@2025") is new


def test_counts(g):
    us = list(g.units.values())
    c = Counter((u.level, u.id.split("@")[1]) for u in us)
    assert c[("province", "pre2025")] == 63
    assert c[("district", "pre2025")] == 696
    assert c[("commune", "pre2025")] == 10035
    assert c[("commune", "2025")] == 3321
    assert c[("district", "2025")] == 0
    provinces_2025 = [u for u in us if u.level == "province" and u.valid_at(POST)]
    assert len(provinces_2025) == 34
    assert len([u for u in us if u.level == "province" and u.valid_at(PRE)]) == 63
    assert len([u for u in us if u.level == "commune" and u.valid_at(POST)]) == 3321
    assert len([u for u in us if u.level == "commune" and u.valid_at(PRE)]) == 10035
    assert len([u for u in us if u.level == "district" and u.valid_at(POST)]) == 0
    assert sum(len(g.children(p.id, at=POST)) for p in provinces_2025) == 3321
    assert Counter(u.unit_type for u in us if u.id.endswith("@2025") and u.level == "commune") == \
        {"xa": 2621, "phuong": 687, "dac-khu": 13}


def test_identity_choice(g):
    # not merged ("không sáp nhập") provinces continue as one entity
    continuing = sorted(u.code for u in g.units.values()
                        if u.level == "province" and u.valid_at(PRE) and u.valid_at(POST))
    assert continuing == ["01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"]
    hn = g.get("01@pre2025")
    assert hn.valid_until is None and "01@2025" not in g
    assert all(u.parent == "01@pre2025" for u in g.children("01@pre2025", at=POST))
    assert len(g.children("01@pre2025", at=POST)) == 126
    assert not [c for c in g.changes_of("01@pre2025") if c.date >= date(2025, 1, 1)]   # no 2025 change
    # merged provinces are new entities even when keeping name and code
    assert g.get("19@pre2025").valid_until == date(2025, 6, 30)
    assert [u.id for u in g.predecessors("19@2025")] == ["06@pre2025", "19@pre2025"]
    # every pre-reform unit except the 11 continuing provinces ends on 2025-06-30
    for u in g.units.values():
        if u.id.endswith("@pre2025") and u.code not in continuing:
            assert u.valid_until == date(2025, 6, 30), u
        if u.id.endswith("@2025"):
            assert u.valid_from == date(2025, 7, 1) and u.valid_until is None, u
            if u.level == "commune":
                assert g.get(u.parent).level == "province" and g.get(u.parent).valid_at(POST)


# ---------------------------------------------------------------- resolve


def test_key_cases(g):
    assert ids(g.resolve("thành phố Bắc Kạn", at=PRE)) == ["058@pre2025"]
    assert ids(g.resolve("Bắc Kạn", unit_type="phuong", at=POST)) == ["01843@2025"]
    assert ids(g.resolve("tỉnh Thái Nguyên", at=date(2024, 1, 1))) == ["19@pre2025"]
    assert ids(g.resolve("tỉnh Thái Nguyên", at=POST)) == ["19@2025"]
    assert g.resolve("Bắc Kạn", level="province", at=date(2026, 1, 1)) == []
    assert ids(g.successors("06@pre2025")) == ["19@2025"]
    assert {"01843@2025", "01840@2025"} <= set(ids(g.successors("058@pre2025")))


def test_type_words(g):
    assert ids(g.resolve("TP Bắc Kạn", at=PRE)) == ["058@pre2025"]
    assert ids(g.resolve("TP. Bắc Kạn")) == ["058@pre2025"]
    assert ids(g.resolve("Thành phố Bắc Kạn")) == ["058@pre2025"]  # never phường Bắc Kạn, at any date
    assert ids(g.resolve("tỉnh Bắc Kạn")) == ["06@pre2025"]
    assert ids(g.resolve("huyện Ba Bể")) == ["061@pre2025"]
    assert ids(g.resolve("phường Đức Xuân", at=PRE)) == ["01840@pre2025"]
    assert ids(g.resolve("phường Đức Xuân", at=POST)) == ["01840@2025"]
    assert ids(g.resolve("xã Phong Quang", at=POST)) == ["01849@2025"]
    assert ids(g.resolve("thị xã Bắc Kạn")) == ["058@pre2025"]  # alt name (thị xã until 2015)
    assert g.resolve("huyện Bắc Kạn") == []
    assert ids(g.resolve("Thủ đô Hà Nội")) == ["01@pre2025"]
    assert ids(g.resolve("Quận 1", at=PRE)) == ["760@pre2025"]


def test_bare_name_ordering(g):
    assert ids(g.resolve("Bắc Kạn")) == ["06@pre2025", "058@pre2025", "01843@2025"]
    assert ids(g.resolve("Bắc Kạn", at=PRE)) == ["06@pre2025", "058@pre2025"]
    assert ids(g.resolve("Bắc Kạn", at=POST)) == ["01843@2025"]
    assert ids(g.resolve("Bắc Kạn", level="district")) == ["058@pre2025"]
    assert ids(g.resolve("Thái Nguyên", level="province")) == ["19@2025", "19@pre2025"]
    levels = [u.level for u in g.resolve("Thái Nguyên")]
    assert levels == sorted(levels, key=["province", "district", "commune"].index)


def test_validity_bounds(g):
    assert ids(g.resolve("Bắc Kạn", level="province", at=date(2025, 6, 30))) == ["06@pre2025"]
    assert g.resolve("Bắc Kạn", level="province", at=date(2025, 7, 1)) == []
    assert g.resolve("Bắc Kạn", level="province", at=date(1996, 12, 31)) == []
    assert g.resolve("thành phố Bắc Kạn", at=date(2015, 3, 10)) == []
    assert ids(g.resolve("huyện Ba Bể", at=date(1950, 1, 1))) == ["061@pre2025"]  # unknown start
    assert ids(g.resolve("Bắc Kạn", at="2023-03-22", level="district")) == ["058@pre2025"]


def test_spelling_insensitive(g):
    assert ids(g.resolve("Thanh Hoá", level="province")) == ids(g.resolve("Thanh Hóa", level="province")) \
        == ["38@pre2025"]
    assert ids(g.resolve("tỉnh Thanh Hoá", at=POST)) == ["38@pre2025"]
    assert ids(g.resolve("THÀNH PHỐ  BẮC KẠN")) == ["058@pre2025"]
    assert ids(g.resolve("Thành phố Bắc Kạn".replace("Đ", "Ð"))) == ["058@pre2025"]
    assert ids(g.resolve("phường Ðức Xuân", at=POST)) == ["01840@2025"]  # Icelandic Eth
    assert ids(g.resolve("Bắc Cạn", level="province")) == ["06@pre2025"]
    assert ids(g.resolve("thành phố Bắc Cạn", at=PRE)) == ["058@pre2025"]
    assert ids(g.resolve("tỉnh Bà Rịa – Vũng Tàu")) == ids(g.resolve("Bà Rịa-Vũng Tàu")) == ["77@pre2025"]
    assert ids(g.resolve("TP.HCM", at=POST)) == ["79@2025"]
    assert ids(g.resolve("tỉnh Thừa Thiên Huế", at=PRE)) == ["46@pre2025"]
    # all-ASCII queries fall back to diacritic-free keys; accented ones do not
    assert ids(g.resolve("Bac Kan", level="province")) == ["06@pre2025"]
    assert ids(g.resolve("tinh Thai Nguyen", at=POST)) == ["19@2025"]
    assert g.resolve("Bắc Kan") == []


def test_within_and_hierarchy(g):
    assert ids(g.resolve("Đức Xuân", within="06@pre2025")) == ["01840@pre2025"]
    assert ids(g.resolve("Đức Xuân", within="19@2025")) == ["01840@2025"]
    assert ids(g.resolve("Sông Cầu", at=PRE, within="058@pre2025")) == ["01837@pre2025"]
    song_cau = g.resolve("Sông Cầu", at=PRE, level="commune")
    assert len(song_cau) >= 2  # also thị trấn Sông Cầu in Đồng Hỷ (Thái Nguyên)
    assert "06@pre2025" not in {a.id for a in g.ancestors(g.resolve("thị trấn Sông Cầu", at=PRE)[0].id)}
    assert g.resolve("Bắc Kạn", within="058@pre2025") == []  # strictly inside
    assert ids(g.ancestors("01843@pre2025")) == ["058@pre2025", "06@pre2025"]
    assert ids(g.ancestors("01843@2025")) == ["19@2025"]
    assert g.ancestors("06@pre2025") == []
    assert g.is_within("01852@pre2025", "06@pre2025")
    assert len(g.descendants("06@pre2025")) == 8 + len([u for u in g.units.values() if u.parent and
                                                        g.get(u.parent).parent == "06@pre2025"])


def test_succession(g):
    assert ids(g.successors("058@pre2025")) == ["01840@2025", "01843@2025", "01849@2025"]
    # predecessors include the ended district (its cessation change lists the new commune as resulting)
    assert ids(g.predecessors("01843@2025")) == ["01837@pre2025", "01843@pre2025", "01852@pre2025",
                                                 "01855@pre2025", "058@pre2025"]
    assert ids(u for u in g.predecessors("01840@2025") if u.level == "commune") == \
        ["01834@pre2025", "01840@pre2025", "01846@pre2025"]
    assert ids(g.successors("01852@pre2025")) == ["01843@2025"]  # xã Nông Thượng → phường Bắc Kạn
    assert ids(g.successors("01849@pre2025")) == ["01849@2025"]  # xã Dương Quang → xã Phong Quang
    assert ids(g.successors("19@pre2025")) == ["19@2025"]
    assert ids(g.successors("19@2025")) == []
    assert {c.change_type for c in g.changes_of("058@pre2025")} == {"cessation"}
    # every pre-reform district and commune has a successor; every new commune a predecessor
    for u in g.units.values():
        if u.id.endswith("@pre2025") and u.level != "province":
            assert g.successors(u.id), u
        if u.id.endswith("@2025"):
            assert g.predecessors(u.id), u


def test_unit_is_frozen(g):
    u = g.get("06@pre2025")
    assert isinstance(u, Unit)
    with pytest.raises(Exception):
        u.name = "x"  # type: ignore[misc]
    r = g.resolve("Bắc Kạn")
    r.clear()  # callers get a fresh list; the cache is not affected
    assert len(g.resolve("Bắc Kạn")) == 3


def test_bad_arguments(g):
    with pytest.raises(ValueError):
        g.resolve("Bắc Kạn", level="region")
    with pytest.raises(ValueError):
        g.resolve("Bắc Kạn", unit_type="bogus")
    with pytest.raises(KeyError):
        g.get("99@pre2025")


def test_name_key_matches_fold(g):
    # fold(), with the highland syllables' spellings as one ("Đăk", "Đak" → "Đắk")
    from kg.gazetteer import _SYLLABLE_VARIANTS
    for u in g.units.values():
        for n in (u.name, u.short_name, *u.alt_names):
            words = fold(n).replace("-", " ").replace(".", " ").split()
            assert name_key(n) == " ".join(_SYLLABLE_VARIANTS.get(w, w) for w in words), n


def test_load_explicit_paths():
    g2 = Gazetteer.load([DATA / "units.jsonl"])
    historical = {r["id"] for r in records("historical.jsonl") if r["type"] == "unit"}
    assert len(g2) == len(Gazetteer.default()) - len(historical - set(g2.units))
    assert g2.successors("06@pre2025") == []  # no changes loaded
    assert "gazetteer-vietnamadminunits" in g2.sources
    assert Gazetteer.default() is Gazetteer.default()


def test_build_is_deterministic(tmp_path):
    out1, out2 = tmp_path / "a", tmp_path / "b"
    for out in (out1, out2):
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), str(CSV_DIR),
                        "--out", str(out)], check=True, capture_output=True)
    for name in ("units.jsonl", "changes.jsonl", "README.md"):
        b1, b2 = (out1 / name).read_bytes(), (out2 / name).read_bytes()
        assert b1 == b2, name
        assert hashlib.sha256(b1).digest() == hashlib.sha256((DATA / name).read_bytes()).digest(), \
            f"data/gazetteer/{name} is stale: rerun scripts/build_gazetteer.py"


def test_readme_attribution():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for s in ("tranngocminhhieu/vietnamadminunits", "780c279", "MIT License", "Permission is hereby granted",
              "Rejected alternative"):
        assert s in text


def test_throughput(g, capsys):
    names = [u.name for u in g.units.values()][:5000]
    t = time.perf_counter()
    for i, n in enumerate(names):
        g.resolve(n, at=PRE if i % 2 else POST)
    cold = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(4):
        for i, n in enumerate(names):
            g.resolve(n, at=PRE if i % 2 else POST)
    warm = 4 * len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    Gazetteer.load()
    load = time.perf_counter() - t
    with capsys.disabled():
        print(f"\n[gazetteer] load {load:.2f}s; resolve {cold:,.0f}/s first call, {warm:,.0f}/s repeated")


# --- historical provinces and districts (data/gazetteer/historical.jsonl, curated) ------------------------------
def test_historical_province_resolves_only_within_its_lifetime(g):
    """Hà Tây: re-established 1991-10-01 (Quốc hội, 12/8/1991), merged into Hà Nội 2008-08-01 (NQ 15/2008/QH12);
    an earlier Hà Tây existed 1965–1975 (NQ 103-NQ/TVQH) before it became part of Hà Sơn Bình."""
    assert [u.id for u in g.resolve("Hà Tây", level="province", at=date(2005, 1, 1))] == ["ha-tay@1991"]
    assert [u.id for u in g.resolve("Hà Tây", level="province", at=date(1970, 1, 1))] == ["ha-tay@1965"]
    assert g.resolve("Hà Tây", level="province", at=date(2010, 1, 1)) == []
    assert g.resolve("Hà Tây", level="province", at=date(1985, 1, 1)) == []   # then: Hà Sơn Bình
    assert [u.id for u in g.resolve("tỉnh Hà Sơn Bình", at=date(1985, 1, 1))] == ["ha-son-binh@1975"]


@pytest.mark.parametrize("name, at, unit_id", [
    ("Nghệ Tĩnh", "1982-07-01", "nghe-tinh@1975"),
    ("Quảng Nam – Đà Nẵng", "1994-03-15", "quang-nam-da-nang@1975"),
    ("Quảng Nam-Đà Nẵng", "1986-11-15", "quang-nam-da-nang@1975"),
    ("Bình Trị Thiên", "1984-07-01", "binh-tri-thien@1975"),
    ("Hải Hưng", "1990-01-01", "hai-hung@1968"),
    ("Gia Lai - Kon Tum", "1985-01-01", "gia-lai-kon-tum@1975"),
    ("Hậu Giang", "1980-01-01", "hau-giang@1975"),      # the 1976–1991 province …
    ("Hậu Giang", "2010-01-01", "93@pre2025"),          # … and the one split from Cần Thơ on 2004-01-01
    ("quận 9", "2015-01-01", "quan-9@1997"),            # merged into Thủ Đức city on 2021-01-01
])
def test_historical_units(g, name, at, unit_id):
    assert [u.id for u in g.resolve(name, level=None, at=date.fromisoformat(at))
            if u.level in ("province", "district")] == [unit_id]


def test_historical_file_is_sourced_and_consistent(g):
    recs = records("historical.jsonl")
    assert recs[0]["type"] == "source" and recs[0]["id"] == "gazetteer-historical-provinces"
    units = [r for r in recs if r["type"] == "unit"]
    assert all(r["source"] == "gazetteer-historical-provinces" for r in recs[1:])
    for r in units:
        if r.get("valid_from") and r.get("valid_until"):
            assert r["valid_from"] <= r["valid_until"], r["id"]
    # every change names its legal act, and its units exist
    for c in (r for r in recs if r["type"] == "change"):
        assert c["legal_act"] and all(u in g for u in c["original_units"] + c["resulting_units"]), c["id"]
    # the split of 1996 (Quốc hội khóa IX, 6/11/1996) ends Hải Hưng and starts nothing before 1997
    assert g.get("hai-hung@1968").valid_until == date(1996, 12, 31)
    assert "hai-hung@1968" in [u.id for u in g.predecessors("30@pre2025")]


def test_highland_names_written_dak_dak_or_dak_are_one_name():
    from kg.gazetteer import Gazetteer
    g = Gazetteer.default()
    for written in ("Đak Pơ", "Đăk Pơ", "Đắk Pơ"):
        assert [u.id for u in g.resolve(written, unit_type="huyen")] == ["634@pre2025"]
    assert g.resolve("Đăk Lăk", unit_type="tinh", at="2020-01-01")[0].short_name == "Đắk Lắk"
