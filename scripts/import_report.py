#!/usr/bin/env python3
"""Import both ground-truth files into an in-memory store and print the reports, the consistency
report, who-held answers, and what the unmapped office strings would need (by organization family).

    python scripts/import_report.py [--corpus ../shared/corpus/ground_truth] [--examples 2] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.importers import consistency, import_na13, import_viwiki  # noqa: E402
from kg.lookup import who  # noqa: E402
from kg.store import Store  # noqa: E402

# Keyword → family of organizations the ontology does not describe yet (for the unmapped breakdown).
FAMILIES = [
    ("courts (Tòa án)", r"tòa án|toà án|thẩm phán"),
    ("procuracies (Viện kiểm sát)", r"viện kiểm sát"),
    ("Ministry of Public Security units (Tổng cục/Cục/Bộ Tư lệnh … Bộ Công an)", r"bộ công an|cảnh sát|an ninh"),
    ("army units (Quân đoàn, Quân chủng, Tổng cục, Học viện, Binh chủng, Sư đoàn …)",
     r"quân đoàn|quân chủng|binh chủng|sư đoàn|tổng cục|quân đội|học viện quốc phòng|tham mưu|cục "),
    ("inspectorate, audit, State Bank (Thanh tra, Kiểm toán, Ngân hàng Nhà nước)", r"thanh tra|kiểm toán|ngân hàng"),
    ("pre-1992 state bodies (Hội đồng Bộ trưởng, Ủy ban … Nhà nước, Phủ Thủ tướng)",
     r"hội đồng bộ trưởng|nhà nước|phủ thủ tướng|hội đồng nhà nước"),
    ("central Party bodies not modelled (Ban Khoa giáo/Đối ngoại TW, Đảng ủy Khối TW, Hội đồng Lý luận …)",
     r"trung ương|đảng ủy khối|đảng uỷ khối"),
    ("diplomacy (Đại sứ)", r"đại sứ|ngoại giao"),
    ("mass and professional organizations at national level (Hội …, Đoàn, Công đoàn)", r"\bhội\b|đoàn|công đoàn"),
    ("universities, academies, press (Đại học, Học viện, Báo, Đài, Tạp chí)", r"đại học|học viện|báo|đài|tạp chí|thông tấn"),
    ("enterprises (Tập đoàn, Tổng công ty)", r"tập đoàn|công ty"),
]


def family(text: str) -> str:
    low = text.lower()
    for name, rx in FAMILIES:
        if re.search(rx, low):
            return name
    return "other"


QUESTIONS = [
    ("Bí thư Tỉnh ủy Bắc Kạn", "2019-01-01"), ("Bí thư Tỉnh ủy Hòa Bình", "2021-06-01"),
    ("Bí thư Tỉnh ủy Nam Định", "2023-01-01"), ("Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "2020-01-01"),
    ("Bí thư Thành ủy Hà Nội", "2022-01-01"), ("Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh", "2019-01-01"),
    ("Chủ tịch Hội đồng nhân dân tỉnh Quảng Ninh", "2020-01-01"), ("Bí thư Tỉnh ủy Bắc Ninh", "2025-09-01"),
    ("Thủ tướng Chính phủ", "2022-01-01"), ("Bộ trưởng Bộ Tài chính", "2018-06-01"),
    ("Chủ tịch nước", "2019-06-01"), ("Tổng Bí thư Ban Chấp hành Trung ương Đảng", "2020-01-01"),
    ("Chủ tịch Quốc hội", "2023-01-01"), ("Tư lệnh Quân khu 7", "2019-01-01"),
    ("Bí thư Tỉnh ủy Bắc Kạn", "2025-09-01"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ground_truth")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None, help="write both import reports as JSON")
    args = ap.parse_args()
    store = Store()
    out = Path(tempfile.mkdtemp(prefix="kg-imports-"))
    t0 = time.perf_counter()
    vi = import_viwiki(store, args.corpus / "viwiki_politician_offices.csv", out_dir=out)
    na = import_na13(store, args.corpus / "na13_dbqh_member_profiles.csv", out_dir=out,
                     link_with=args.corpus / "viwiki_politician_offices.csv")
    total = time.perf_counter() - t0
    print(vi.to_text(args.examples), "\n")
    print(na.to_text(args.examples), "\n")
    print(f"both imports: {total:.1f} s; store: {len(store)} quads\n")
    fam = Counter(family(i.text) for i in vi.unmapped)
    print("unmapped viwiki office strings by organization family (what the ontology would need):")
    for name, n in fam.most_common():
        print(f"  {n:5d}  {name}")
    t1 = time.perf_counter()
    rep = consistency(store, out)
    print(f"\n{rep.to_text(limit=5)}\n(consistency: {time.perf_counter() - t1:.1f} s)\n")
    print("who held …")
    for post, at in QUESTIONS:
        ans = who(store, post, date.fromisoformat(at))
        names = "; ".join(f"{h['name']} ({h['status']}, {h['start']} – {h['end'] or 'current'})" for h in ans.holders)
        print(f"  {post} on {at}: {names or ' '.join(ans.explanation)}")
    if args.json:
        args.json.write_text(json.dumps({"viwiki": vi.to_json(), "na13": na.to_json(),
                                         "consistency": rep.to_json()}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
