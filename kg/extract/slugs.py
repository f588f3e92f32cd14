"""The ``jsonl`` output speaks domain.md's slugs (§2, §6.2), as the gold set does (tests/gold/EXTRACT_README.md).

The ontology distinguishes more organization types than domain.md §6.2 (ward vs commune committees, the Thành
ủy of a centrally-run city …). :func:`coarse` maps a (position, org type) pair to the §6.2 convention; records
keep the ontology's finer types. :func:`in_domain` tells whether a pair has domain.md slugs at all (titles
without one are skipped in the jsonl output and in the evaluation, as in the gold set).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# district-level standing committees have no §6.2 slug: the member is "uy-vien-ban-thuong-vu" of the committee
_BTV_DISTRICT = {"ban-thuong-vu-huyen-uy": "huyen-uy", "ban-thuong-vu-quan-uy": "quan-uy",
                 "ban-thuong-vu-thanh-uy": "thanh-uy", "ban-thuong-vu-thi-uy": "thi-uy"}
_COMMUNE_SUFFIXES = ("-phuong", "-thi-tran", "-dac-khu")
_DISTRICT_STATE = {"ubnd-quan": "ubnd-huyen", "ubnd-thi-xa": "ubnd-huyen", "hdnd-quan": "hdnd-huyen",
                   "hdnd-thi-xa": "hdnd-huyen"}
_SPECIAL = {"ban-thuong-vu-thanh-uy-tw": "ban-thuong-vu-tinh-uy", "uy-ban-kiem-tra-thanh-uy-tw": "uy-ban-kiem-tra-tinh-uy",
            "bo-cong-an": "bo", "nha-nuoc": "", "dang-uy-quan-su-thanh-pho-tw": "dang-uy-quan-su-tinh"}


@lru_cache(maxsize=1)
def domain_slugs() -> frozenset[str]:
    p = Path(__file__).with_name("data") / "domain_slugs.txt"
    return frozenset(x.strip() for x in p.read_text(encoding="utf-8").splitlines()
                     if x.strip() and not x.startswith("#"))


def coarse(position: str, org_type: str, unit: str = "") -> tuple[str, str, str]:
    """(position, org_type, unit) in domain.md §6.2 terms."""
    ot = org_type
    if ot in _SPECIAL:
        if ot == "bo-cong-an" and not unit:
            unit = "Công an"
        ot = _SPECIAL[ot]
    elif ot in _BTV_DISTRICT:
        ot = _BTV_DISTRICT[ot]
    elif ot in _DISTRICT_STATE:
        ot = _DISTRICT_STATE[ot]
    elif ot.startswith("ban-thuong-vu-") and ot not in domain_slugs() and ot[len("ban-thuong-vu-"):] in domain_slugs():
        # a standing committee without a §6.2 slug: the member is "uy-vien-ban-thuong-vu" of the committee
        ot = ot[len("ban-thuong-vu-"):]
    else:
        for suf in _COMMUNE_SUFFIXES:
            if ot.endswith(suf) and (ot[: -len(suf)] + "-xa") in domain_slugs():
                ot = ot[: -len(suf)] + "-xa"
                break
    return position, ot, unit


def in_domain(position: str, org_type: str) -> bool:
    d = domain_slugs()
    return position in d and (org_type in d or (org_type == "" and position in d))
