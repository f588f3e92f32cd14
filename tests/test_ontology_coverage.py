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
    """'Cục Đối ngoại' alone may be a department of any ministry (defence, police and civilian ones have one): not
    guessed. A department the ontology names ('Cục Quân huấn', of the General Staff) is read."""
    m = map_office("Cục trưởng Cục Đối ngoại", AT)
    assert not m.ok and "ambiguous" in m.error
    assert (map_office("Cục trưởng Cục Quân huấn", AT).titles[0].org_type) == "cuc-bo-quoc-phong"


def test_out_of_scope_stays_unmapped():
    """Private universities and companies are not bodies of the political system; public service units and
    State-owned enterprises are, but only those whose names the ontology lists (vn:unitNameFromLabels)."""
    for text in ("Hiệu trưởng Trường Đại học Kinh doanh và Công nghệ", "Tổng Giám đốc Tập đoàn Vingroup",
                 "Viện trưởng Viện Nghiên cứu Thiết kế mỏ"):
        assert not map_office(text, AT).ok, text
    for text in ("Hiệu trưởng Trường Đại học Luật Hà Nội", "Tổng Giám đốc Tập đoàn Dầu khí Việt Nam",
                 "Viện trưởng Viện Vật lý"):
        assert map_office(text, AT).ok, text


def test_public_units_and_enterprises_in_their_pillar():
    """Public service units and State-owned enterprises are State bodies (kg.ttl vn:PublicServiceUnit,
    vn:StateEnterprise); the army's enterprises are military bodies (vn:DefenceEnterprise): pillars are disjoint."""
    from kg.titles import TitleParser
    lex = TitleParser.default().lex
    for ot in ("truong-dai-hoc", "benh-vien", "vien-nghien-cuu", "tap-doan", "tong-cong-ty",
               "ngan-hang-thuong-mai-nha-nuoc"):
        assert lex.pillars(ot) == {"StatePillar"} and lex.needs_unit(ot), ot
    assert lex.pillars("doanh-nghiep-quan-doi") == {"MilitaryPillar"}


# --- departments (Vụ), central standing committees, inspectorates, court divisions, offices, NA boards, party boards
@pytest.mark.parametrize("text,position,org_type,place,unit", [
    ("Vụ trưởng Vụ Tổ chức cán bộ, Bộ Kế hoạch và Đầu tư", "vu-truong", "vu", "", "Tổ chức cán bộ"),
    # the parent without the comma, with "thuộc", with a dash; the second "Vụ" left out
    ("Vụ trưởng Vụ Giám đốc kiểm tra Tòa án nhân dân tối cao Việt Nam", "vu-truong", "vu", "", "Giám đốc kiểm tra"),
    ("Vụ trưởng Vụ hợp tác quốc tế thuộc Viện kiểm sát nhân dân tối cao", "vu-truong", "vu", "", "hợp tác quốc tế"),
    ("Vụ trưởng Vụ tổ chức cán bộ-Ban Tổ chức Trung ương", "vu-truong", "vu-dang", "", "tổ chức cán bộ"),
    ("Vụ trưởng Quản lí các Khu kinh tế, Bộ Kế hoạch và Đầu tư", "vu-truong", "vu", "", "Quản lí các Khu kinh tế"),
    ("Phó Vụ trưởng Vụ Pháp luật, Ban Nội chính Trung ương", "pho-vu-truong", "vu-dang", "", "Pháp luật"),
    ("Phó Vụ trưởng Vụ thực hành quyền công tố và kiểm sát điều tra án kinh tế (Vụ 3) Viện kiểm sát nhân dân tối cao",
     "pho-vu-truong", "vu", "", "thực hành quyền công tố và kiểm sát điều tra án kinh tế"),
    ("Ủy viên Ban Thường vụ Đảng ủy Chính phủ", "uy-vien-ban-thuong-vu",
     "ban-thuong-vu-dang-uy-truc-thuoc-trung-uong", "", "Chính phủ"),
    ("Ủy viên Thường vụ Đảng ủy khối doanh nghiệp Trung ương", "uy-vien-ban-thuong-vu",
     "ban-thuong-vu-dang-uy-khoi-doanh-nghiep-trung-uong", "", ""),
    ("Chánh Thanh tra Bộ Quốc phòng", "chanh-thanh-tra", "thanh-tra-bo-quoc-phong", "", ""),
    ("Tổng Thanh tra Quân đội", "tong-thanh-tra", "thanh-tra-bo-quoc-phong", "", ""),
    ("Phó Chánh Thanh tra Viện kiểm sát nhân dân tối cao Việt Nam", "pho-chanh-thanh-tra",
     "thanh-tra-vien-kiem-sat-toi-cao", "", ""),
    ("Chánh Thanh tra tỉnh Quảng Nam", "chanh-thanh-tra", "thanh-tra-tinh", "Quảng Nam", ""),
    ("Chánh Thanh tra Bộ Công an", "chanh-thanh-tra", "thanh-tra-bo-cong-an", "", ""),
    ("Chánh tòa Tòa Lao động Tòa án nhân dân tối cao", "chanh-toa", "toa-chuyen-trach-toa-an-toi-cao", "", "Lao động"),
    ("Chánh tòa Tòa phúc thẩm Tòa án nhân dân tối cao tại Thành phố Hồ Chí Minh", "chanh-toa",
     "toa-chuyen-trach-toa-an-toi-cao", "", "phúc thẩm tại Thành phố Hồ Chí Minh"),
    ("Chánh Văn phòng Bộ Nội vụ", "chanh-van-phong", "van-phong-bo", "", "Nội vụ"),
    ("Chánh Văn phòng Tòa án nhân dân tối cao Việt Nam", "chanh-van-phong", "van-phong-toa-an-toi-cao", "", ""),
    ("Phó Chánh Văn phòng Cơ quan Cảnh sát điều tra, Bộ Công an Việt Nam", "pho-chanh-van-phong",
     "van-phong-co-quan-canh-sat-dieu-tra-bo-cong-an", "", ""),
    ("Chánh Văn phòng Bộ Công an", "chanh-van-phong", "van-phong-bo-cong-an", "", ""),
    ("Chủ nhiệm Văn phòng Chủ tịch nước", "chu-nhiem", "van-phong-chu-tich-nuoc", "", ""),
    ("Chủ nhiệm Văn phòng Hội đồng Bộ trưởng", "chu-nhiem", "van-phong-chinh-phu", "", ""),
    ("Chủ tịch Hội đồng Quốc phòng và An ninh, Tổng tư lệnh các lực lượng vũ trang nhân dân Việt Nam", "chu-tich",
     "hoi-dong-quoc-phong-an-ninh", "", ""),
    ("Trưởng ban Công tác đại biểu Quốc hội, Ủy ban Thường vụ Quốc hội", "truong-ban", "ban-cong-tac-dai-bieu", "", ""),
    ("Phó trưởng Ban Dân nguyện Quốc hội Việt Nam", "pho-truong-ban", "ban-dan-nguyen", "", ""),
    ("Phó Chủ tịch Ủy ban Thường vụ Quốc hội khóa II, III, IV, V, VI", "pho-chu-tich", "uy-ban-thuong-vu-quoc-hoi", "",
     ""),
    ("Tổng Thư ký Quốc hội", "tong-thu-ky-quoc-hoi", "quoc-hoi", "", ""),
    ("Bí thư Ban cán sự Đảng Bộ Giáo dục và Đào tạo", "bi-thu", "ban-can-su-dang", "", "Bộ Giáo dục và Đào tạo"),
    ("Trưởng ban Kiểm tra Trung ương Đảng", "truong-ban", "uy-ban-kiem-tra-trung-uong", "", ""),
    ("Phó Chủ nhiệm Ủy ban Kiểm tra Quân ủy Trung ương", "pho-chu-nhiem-ubkt",
     "uy-ban-kiem-tra-quan-uy-trung-uong", "", ""),
    ("Cố vấn Ban Chấp hành Trung ương, Đảng Cộng sản Việt Nam", "co-van-trung-uong", "ban-chap-hanh-trung-uong", "",
     ""),
    ("Tư lệnh Vùng 4 Hải quân Nhân dân Việt Nam", "tu-lenh", "vung-hai-quan", "", "4"),
    ("Chính ủy Quân Giải phóng miền Nam", "chinh-uy", "quan-giai-phong-mien-nam", "", ""),
    ("Chủ tịch Ủy ban Giám sát Tài chính Quốc gia", "chu-tich", "uy-ban-giam-sat-tai-chinh-quoc-gia", "", ""),
    ("Trưởng ban Tôn giáo Chính phủ", "truong-ban", "ban-ton-giao-chinh-phu", "", ""),
])
def test_departments_boards_offices(text, position, org_type, place, unit):
    m = map_office(text, "2010-01-01")
    assert m.ok, m.error
    t = m.titles[0]
    assert (t.position, t.org_type) == (position, org_type), t
    assert t.place == place
    assert t.unit == unit


@pytest.mark.parametrize("text", [
    "Vụ trưởng Vụ Ngân sách nhà nước",                     # a State or a Party department: the parent is not named
    "Bí thư Ban Cán sự Đảng ủy Ngoài nước",                # no State body named
    "Chánh Văn phòng Thường trực Bộ Công an về Gìn giữ hoà bình Liên Hợp Quốc",   # not a ministry's office
])
def test_departments_not_guessed(text):
    assert not map_office(text, "2010-01-01").ok, text
