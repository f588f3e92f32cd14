"""National-level organization and position types (courts, procuracies, inspectorate, State Audit, State Bank,
pre-1992 state bodies, central Party commissions, central mass organizations, Ministry of Public Security and
Ministry of National Defence units): the title parser reads them from the ontology, and the Wikipedia importer's
rewrites (kg/importers/offices.py) read the infobox forms."""
from __future__ import annotations

import pytest

from kg.importers.offices import map_office
from kg.titles import parse_titles

AT = "2020-01-01"

CASES = [
    # text, position, org type, place (short name or ""), unit name
    ("Viện trưởng Viện kiểm sát nhân dân tối cao", "vien-truong", "vien-kiem-sat-nhan-dan-toi-cao", "", ""),
    ("Phó Viện trưởng Viện kiểm sát nhân dân tỉnh Nghệ An", "pho-vien-truong", "vien-kiem-sat-nhan-dan-tinh",
     "Nghệ An", ""),
    ("Viện trưởng Viện kiểm sát nhân dân cấp cao tại Đà Nẵng", "vien-truong", "vien-kiem-sat-nhan-dan-cap-cao", "",
     "tại Đà Nẵng"),
    ("Chánh án Tòa án nhân dân tỉnh Bắc Kạn", "chanh-an", "toa-an-nhan-dan-tinh", "Bắc Kạn", ""),
    ("Chánh án Tòa án nhân dân thành phố Hà Nội", "chanh-an", "toa-an-nhan-dan-tinh", "Hà Nội", ""),
    ("Phó Chánh án Tòa án nhân dân tối cao", "pho-chanh-an", "toa-an-nhan-dan-toi-cao", "", ""),
    ("Thành viên Hội đồng Thẩm phán Tòa án nhân dân tối cao", "thanh-vien-hoi-dong-tham-phan",
     "hoi-dong-tham-phan", "", ""),
    ("Thống đốc Ngân hàng Nhà nước Việt Nam", "thong-doc", "ngan-hang-nha-nuoc", "", ""),
    ("Tổng Thanh tra Chính phủ", "tong-thanh-tra", "thanh-tra-chinh-phu", "", ""),
    ("Tổng Kiểm toán Nhà nước", "tong-kiem-toan", "kiem-toan-nha-nuoc", "", ""),
    ("Bí thư thứ nhất Trung ương Đoàn", "bi-thu-doan", "trung-uong-doan", "", ""),
    ("Bí thư Trung ương Đoàn", "bi-thu-trung-uong-doan", "trung-uong-doan", "", ""),
    ("Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam", "chu-tich-hoi-lhpn", "trung-uong-hoi-lhpn", "", ""),
    ("Chủ tịch Hội Nông dân Việt Nam", "chu-tich-hoi-nong-dan", "trung-uong-hoi-nong-dan", "", ""),
    ("Trưởng ban Đối ngoại Trung ương", "truong-ban", "ban-doi-ngoai-trung-uong", "", ""),
    ("Bí thư Đảng ủy Khối các cơ quan Trung ương", "bi-thu", "dang-uy-khoi-cac-co-quan-trung-uong", "", ""),
    ("Tư lệnh Quân đoàn 1", "tu-lenh", "quan-doan", "", "1"),
    ("Tư lệnh Quân chủng Hải quân", "tu-lenh", "quan-chung", "", "Hải quân"),
    ("Chủ nhiệm Tổng cục Hậu cần", "chu-nhiem", "tong-cuc-hau-can", "", ""),
    ("Tư lệnh Bộ Tư lệnh Cảnh sát cơ động", "tu-lenh", "bo-tu-lenh-canh-sat-co-dong", "", ""),
]


@pytest.mark.parametrize("text,position,org_type,place,unit", CASES)
def test_new_families_parse(text, position, org_type, place, unit):
    titles = parse_titles(text, at=AT)
    assert len(titles) == 1, titles
    t = titles[0]
    assert t.ok, t.error
    assert (t.position, t.org_type, t.place) == (position, org_type, place)
    if unit:
        assert t.unit == unit


def test_national_bodies_have_no_place():
    """A national mass organization or court needs no place (the loader refuses a territorial one without)."""
    for text in ("Phó Chủ tịch Hội Cựu chiến binh Việt Nam", "Chánh án Tòa án nhân dân tối cao"):
        (t,) = parse_titles(text, at=AT)
        assert t.ok and t.level == "central" and not t.place, (text, t)


@pytest.mark.parametrize("text,position,org_type,unit", [
    # the ministry a department belongs to, written after a comma (and the country in parentheses)
    ("Phó Tổng cục trưởng Tổng cục Cảnh sát, Bộ Công an (Việt Nam)", "pho-tong-cuc-truong",
     "tong-cuc-bo-cong-an", "Cảnh sát"),
    ("Cục trưởng Cục An ninh nội địa, Bộ Công an", "cuc-truong", "cuc-bo-cong-an", "An ninh nội địa"),
    ("Cục trưởng Cục Tuyên huấn, Tổng cục Chính trị", "cuc-truong", "cuc-bo-quoc-phong", "Tuyên huấn"),
    ("Cục trưởng Cục Quân huấn, Quân đội nhân dân Việt Nam", "cuc-truong", "cuc-bo-quoc-phong", "Quân huấn"),
    # a defence general department with its own type is not read as the generic one
    ("Chủ nhiệm Tổng cục Hậu cần, Bộ Quốc phòng", "chu-nhiem", "tong-cuc-hau-can", ""),
    ("Đại sứ đặc mệnh toàn quyền Việt Nam tại Liên bang Nga", "dai-su", "dai-su-quan", "tại Liên bang Nga"),
])
def test_importer_rewrites(text, position, org_type, unit):
    m = map_office(text, AT)
    assert m.ok, m.error
    (t,) = m.titles
    assert (t.position, t.org_type) == (position, org_type)
    assert t.unit == unit or not unit
    assert "quyen" not in t.qualifiers      # "toàn quyền" is not "quyền" (acting)


def test_unit_name_needed_when_ministry_not_named():
    """'Cục Quân huấn' alone may be a department of either ministry: not guessed."""
    m = map_office("Cục trưởng Cục Quân huấn", AT)
    assert not m.ok and "ambiguous" in m.error


def test_out_of_scope_stays_unmapped():
    """Universities, press and research institutes are not bodies of the political system."""
    for text in ("Giám đốc Đại học Quốc gia Hà Nội", "Tổng Biên tập Tạp chí Cộng sản", "Viện trưởng Viện Vật lý"):
        assert not map_office(text, AT).ok, text
