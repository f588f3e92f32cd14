"""Title parser: every title pattern of domain.md §5.4 and the seed article's chains."""
from __future__ import annotations

import dataclasses
import json
import unicodedata

import pytest

from kg.titles import Title, benchmark, cli_parse_title, parse_title, parse_titles

SEED_AT = "2023-03-22"
SEED_PLACE = "thành phố Bắc Kạn"


def summary(ts: list[Title]) -> list[tuple]:
    return [(t.position, t.org_type, t.place) for t in ts]


# --- the seed article (domain.md §7) ----------------------------------------------------------------
def test_seed_chain_cu_ngoc_cuong():
    ts = parse_titles("Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư Thành uỷ, Chủ tịch HĐND thành phố, "
                      "Bí thư Đảng ủy Quân sự thành phố", at=SEED_AT, place=SEED_PLACE)
    assert summary(ts) == [
        ("uy-vien-ban-thuong-vu", "ban-thuong-vu-tinh-uy", "Bắc Kạn"),
        ("bi-thu", "thanh-uy", "Bắc Kạn"),
        ("chu-tich-hdnd", "hdnd-thanh-pho", "Bắc Kạn"),
        ("bi-thu", "dang-uy-quan-su-thanh-pho", "Bắc Kạn"),
    ]
    assert [t.unit_id for t in ts] == ["06@pre2025", "058@pre2025", "058@pre2025", "058@pre2025"]
    assert [t.level for t in ts] == ["province", "district", "district", "district"]
    assert [t.organ for t in ts][:2] == ["BTV", "BCH"]
    assert all(t.ok for t in ts)


def test_seed_chain_with_typo_is_not_guessed():
    """The brief's variant ends in "thành phou": the last title must not silently become a guess."""
    ts = parse_titles("Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư Thành uỷ, Chủ tịch HĐND thành phố, "
                      "Bí thư Đảng ủy Quân sự thành phou", at=SEED_AT, place=SEED_PLACE)
    assert summary(ts[:3]) == [
        ("uy-vien-ban-thuong-vu", "ban-thuong-vu-tinh-uy", "Bắc Kạn"),
        ("bi-thu", "thanh-uy", "Bắc Kạn"),
        ("chu-tich-hdnd", "hdnd-thanh-pho", "Bắc Kạn"),
    ]
    last = ts[3]
    assert last.position == "bi-thu"
    assert not (last.ok and last.org_type and last.org_type != "dang-uy-quan-su-thanh-pho")


def test_seed_chain_hoang_ha_bac():
    ts = parse_titles("Tỉnh uỷ viên, Phó Bí thư Thành uỷ, Chủ tịch UBND thành phố", at=SEED_AT, place=SEED_PLACE)
    assert summary(ts) == [
        ("uy-vien-ban-chap-hanh", "tinh-uy", "Bắc Kạn"),
        ("pho-bi-thu", "thanh-uy", "Bắc Kạn"),
        ("chu-tich-ubnd", "ubnd-thanh-pho", "Bắc Kạn"),
    ]
    assert [t.unit_id for t in ts] == ["06@pre2025", "058@pre2025", "058@pre2025"]


def test_seed_military_title_with_rank():
    [t] = parse_titles("Đại tá, Chính ủy Bộ chỉ huy Quân sự tỉnh", at=SEED_AT, place=SEED_PLACE)
    assert (t.position, t.org_type, t.place, t.unit_id, t.rank) == ("chinh-uy", "bo-chqs-tinh", "Bắc Kạn",
                                                                     "06@pre2025", "dai-ta")


# --- §5.4 patterns ------------------------------------------------------------------------------------
def test_rule1_each_title_has_its_own_org():
    ts = parse_titles("Tỉnh ủy viên; Chính ủy Bộ chỉ huy quân sự tỉnh Hậu Giang", at="2012-06-01")
    assert summary(ts) == [("uy-vien-ban-chap-hanh", "tinh-uy", "Hậu Giang"),
                           ("chinh-uy", "bo-chqs-tinh", "Hậu Giang")]


def test_rule2_bare_level_noun_takes_context_place():
    t = parse_title("Chủ tịch UBND tỉnh", at=SEED_AT, place=SEED_PLACE)
    assert (t.position, t.org_type, t.place, t.unit_id, t.place_source) == (
        "chu-tich-ubnd", "ubnd-tinh", "Bắc Kạn", "06@pre2025", "context")
    t = parse_title("Chủ tịch HĐND thành phố", at=SEED_AT, place=SEED_PLACE)
    assert (t.org_type, t.unit_id) == ("hdnd-thanh-pho", "058@pre2025")


def test_rule2_context_place_by_id():
    t = parse_title("Bí thư Thành ủy", at=SEED_AT, place="058@pre2025")
    assert (t.org_type, t.place, t.unit_id) == ("thanh-uy", "Bắc Kạn", "058@pre2025")


def test_rule2_place_named_elsewhere_in_the_chain():
    ts = parse_titles("Phó Bí thư tỉnh ủy; Chủ tịch Ủy ban nhân dân tỉnh, Trưởng Đoàn ĐBQH tỉnh Bến Tre khóa XIII",
                      at="2012-06-01")
    assert summary(ts) == [("pho-bi-thu", "tinh-uy", "Bến Tre"), ("chu-tich-ubnd", "ubnd-tinh", "Bến Tre"),
                           ("truong-doan-dbqh", "doan-dbqh", "Bến Tre")]
    assert ts[2].term == "khóa XIII"


def test_rule3_shared_suffix_distributes_leftward():
    ts = parse_titles("Bí thư, Chủ tịch UBND xã Dương Quang", at=SEED_AT, place=SEED_PLACE)
    assert summary(ts) == [("bi-thu", "dang-uy-xa", "Dương Quang"), ("chu-tich-ubnd", "ubnd-xa", "Dương Quang")]
    assert ts[0].unit_id == ts[1].unit_id is not None


def test_rule3_bare_dang_uy_before_military_command():
    ts = parse_titles("Bí thư Đảng ủy, Chỉ huy trưởng Ban CHQS huyện Ba Bể", at=SEED_AT)
    assert summary(ts) == [("bi-thu", "dang-uy-quan-su-huyen", "Ba Bể"),
                           ("chi-huy-truong", "ban-chqs-huyen", "Ba Bể")]


def test_rule4_title_with_named_place():
    t = parse_title("Phó Bí thư Tỉnh ủy Bắc Kạn", at=SEED_AT)
    assert (t.position, t.org_type, t.place, t.place_type, t.unit_id, t.level) == (
        "pho-bi-thu", "tinh-uy", "Bắc Kạn", "tinh", "06@pre2025", "province")


def test_rule7_same_post_three_ways():
    for s in ("Tỉnh ủy viên", "Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Ủy viên BCH Tỉnh ủy Bắc Kạn", "TUV"):
        t = parse_title(s, at=SEED_AT, place=SEED_PLACE)
        assert (t.position, t.org_type, t.unit_id) == ("uy-vien-ban-chap-hanh", "tinh-uy", "06@pre2025"), s


def test_rule8_parenthesized_chain():
    ts = parse_titles("(Ủy viên TW Đảng, Bí thư Tỉnh ủy)", at=SEED_AT, place=SEED_PLACE)
    assert summary(ts) == [("uy-vien-trung-uong", "ban-chap-hanh-trung-uong", ""), ("bi-thu", "tinh-uy", "Bắc Kạn")]
    assert ts[0].level == "central"


def test_kiem_splits_and_shares_the_organization():
    ts = parse_titles("Phó Tư lệnh kiêm Tham mưu trưởng Quân khu 3")
    assert [(t.position, t.org_type, t.unit) for t in ts] == [("pho-tu-lenh", "quan-khu", "3"),
                                                               ("tham-muu-truong", "quan-khu", "3")]


# --- places and time ------------------------------------------------------------------------------
def test_city_name_resolved_at_its_date():
    t = parse_title("Chủ tịch UBND TP Bắc Kạn", at=SEED_AT)
    assert (t.position, t.org_type, t.place, t.place_type, t.unit_id) == (
        "chu-tich-ubnd", "ubnd-thanh-pho", "Bắc Kạn", "thanh-pho-thuoc-tinh", "058@pre2025")


def test_city_name_never_becomes_the_2025_ward():
    t = parse_title("Chủ tịch UBND TP Bắc Kạn", at="2025-08-01")
    assert t.unit_id != "01843@2025" and t.place_type != "phuong"


def test_thanh_uy_of_provincial_city_vs_centrally_run_city():
    assert parse_title("Bí thư Thành ủy Bắc Kạn", at=SEED_AT).org_type == "thanh-uy"
    t = parse_title("Bí thư Thành ủy TP. Cần Thơ", at="2012-06-01")
    assert (t.org_type, t.place, t.place_type) == ("thanh-uy-tw", "Cần Thơ", "thanh-pho-tw")


def test_centrally_run_city_state_bodies_are_province_level():
    t = parse_title("Chủ tịch Hội đồng nhân dân thành phố Hồ Chí Minh", at="2012-06-01")
    assert (t.org_type, t.place, t.level) == ("hdnd-tinh", "Hồ Chí Minh", "province")


def test_place_with_parent():
    t = parse_title("Phó Chủ tịch Hội đồng nhân dân huyện Bố Trạch, tỉnh Quảng Bình", at="2012-06-01")
    assert (t.position, t.org_type, t.place, t.place_type) == ("pho-chu-tich-hdnd", "hdnd-huyen", "Bố Trạch", "huyen")
    assert t.raw.endswith("tỉnh Quảng Bình")


# --- organizations that need a name --------------------------------------------------------------
def test_so_with_unit_name():
    t = parse_title("Giám đốc Sở Tài chính tỉnh Thái Bình", at="2012-06-01")
    assert (t.position, t.org_type, t.unit, t.place) == ("giam-doc-so", "so", "Tài chính", "Thái Bình")


def test_so_abbreviated_name_without_type_word():
    t = parse_title("Phó Giám đốc Sở LĐTBXH Thái Bình", at="2012-06-01")
    assert (t.position, t.org_type, t.place) == ("pho-giam-doc-so", "so", "Thái Bình")
    assert t.unit == "Lao động - Thương binh và Xã hội"


def test_the_organization_binds_the_kind_of_place():
    # no commune or district stands in for a province that did not exist then (Hà Tây: 1991-2008) ...
    t = parse_title("Bí thư Tỉnh ủy Hà Tây", at="2010-01-01")
    assert not t.ok and t.unit_id is None and "Hà Tây" in t.error
    assert parse_title("Bí thư Tỉnh ủy Hà Tây", at="2005-01-01").unit_id is not None
    # ... but a town since raised to a city of the same level is found at that level
    t = parse_title("Bí thư Thị ủy Thái Bình")
    assert (t.org_type, t.level, t.place_type) == ("thi-uy", "district", "thanh-pho-thuoc-tinh")


@pytest.mark.parametrize("text, position, org_type", [
    ("Thứ trưởng Quốc phòng", "thu-truong", "bo-quoc-phong"),
    ("Bộ trưởng Công an", "bo-truong", "bo-cong-an"),
])
def test_a_ministry_named_without_bo_after_its_minister(text, position, org_type):
    t = parse_title(text, at="2020-01-01")
    assert (t.ok, t.position, t.org_type, t.place) == (True, position, org_type, "")


def test_the_implied_head_words_are_part_of_the_label_read():
    # "Cục trưởng Cảnh sát …" is "Cục trưởng Cục Cảnh sát …": the unit name is the department's, not what follows
    t = parse_title("Cục trưởng Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng của Bộ Công an")
    assert (t.ok, t.org_type, t.unit) == \
        (True, "cuc-bo-cong-an", "Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng")


def test_a_bare_bo_is_never_implied_before_any_words():
    # only a named type of organization ("Bộ Quốc phòng") is implied, never "Bộ" + whatever follows
    t = parse_title("Bộ trưởng Tô Lâm", at="2020-01-01")
    assert not t.ok and t.unit != "Tô Lâm"


def test_ministry():
    t = parse_title("Thứ trưởng Bộ Xây dựng")
    assert (t.position, t.org_type, t.unit, t.place, t.level) == ("thu-truong", "bo", "Xây dựng", "", "central")


# --- qualifiers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, position, quals", [
    ("Nguyên Bí thư Tỉnh ủy Bắc Kạn", "bi-thu", ["nguyen"]),
    ("Quyền Chủ tịch UBND tỉnh Bắc Kạn", "chu-tich-ubnd", ["quyen"]),
    ("Phó Bí thư Thường trực Tỉnh ủy Bắc Kạn", "pho-bi-thu-thuong-truc", []),
    ("Phó Trưởng Đoàn ĐBQH chuyên trách tỉnh Bắc Kạn khóa XIII", "pho-truong-doan-dbqh", ["chuyen-trach"]),
    ("Phó Bí thư Tỉnh đoàn Bắc Kạn", "bi-thu-doan", ["pho"]),
    # Wikipedia infobox offices: a qualifier between the position and its organization, or after the place
    ("Phó Tư lệnh thứ nhất Quân đoàn 1", "pho-tu-lenh", ["thu-nhat"]),
    ("Phó Chủ tịch không chuyên trách Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "pho-chu-tich-ubmttq",
     ["khong-chuyen-trach"]),
    ("Phó Chủ tịch phụ trách Ủy ban nhân dân tỉnh Vĩnh Long", "pho-chu-tich-ubnd", ["phu-trach"]),
    ("Bí thư Thành ủy Đà Nẵng lâm thời", "bi-thu", ["lam-thoi"]),
    ("Chủ tịch danh dự Hội Chữ Thập đỏ Việt Nam", "chu-tich", ["danh-du"]),
])
def test_qualifiers(text, position, quals):
    t = parse_title(text, at="2012-06-01")
    assert (t.position, t.qualifiers) == (position, quals)


def test_a_member_of_a_party_committee_is_not_a_member_of_one_of_its_departments():
    # "Ủy viên | Tỉnh ủy" never becomes a member of a body that is a unit of the Tỉnh ủy (its steering committee)
    t = parse_title("Ủy viên Tỉnh ủy Bắc Kạn", at="2011-01-01")
    assert (t.ok, t.position, t.org_type, t.place) == (True, "uy-vien-ban-chap-hanh", "tinh-uy", "Bắc Kạn")
    t = parse_title("Ủy viên dự khuyết Bộ Chính trị khóa III", at="1960-09-10")
    assert (t.position, t.org_type) == ("uy-vien-du-khuyet-bo-chinh-tri", "bo-chinh-tri")


def test_a_position_label_written_out_in_full_is_not_reread_for_a_related_body():
    # the National Assembly's Secretary General, not its Standing Committee's (which existed until 1980)
    assert parse_title("Tổng Thư ký Quốc hội", at="2021-04-07").position == "tong-thu-ky-quoc-hoi"
    t = parse_title("Tổng Thư ký Ủy ban Thường vụ Quốc hội", at="1965-01-01")
    assert (t.position, t.org_type) == ("tong-thu-ky", "uy-ban-thuong-vu-quoc-hoi")


def test_only_a_steering_committee_named_the_states_is_read_as_the_states():
    t = parse_title("Ủy viên Ban chỉ đạo Nhà nước về thông tin đối ngoại", at="2012-06-01", place="Bình Thuận")
    assert (t.ok, t.org_type, t.unit, t.place) == (True, "ban-chi-dao-lien-nganh", "về thông tin đối ngoại", "")
    # a bare "Ban Chỉ đạo …" may be the Party's or a province's: not guessed
    assert not parse_title("Trưởng Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Bắc Giang", at="2021-05-01").ok


def test_a_qualifier_inside_a_position_label():
    t = parse_title("Phó Chủ nhiệm Thường trực Ủy ban Kiểm tra Đảng ủy Công an Trung ương", at="2018-11-08")
    assert (t.ok, t.position, t.org_type, t.qualifiers) == \
        (True, "pho-chu-nhiem-ubkt", "uy-ban-kiem-tra-dang-uy-cong-an-trung-uong", ["thuong-truc"])
    # a label written with the qualifier's words stays that label (the First Secretary is not a secretary)
    t = parse_title("Bí thư thứ nhất Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", at="2007-01-15")
    assert (t.position, t.org_type) == ("bi-thu-doan", "trung-uong-doan")
    assert parse_title("Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng", at="2011-01-18").position == \
        "uy-vien-du-khuyet"


def test_va_joins_two_titles_only_when_a_title_follows():
    ts = parse_titles("Phó Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh Bắc Kạn", at="2015-01-01")
    assert [(t.position, t.org_type, t.place) for t in ts] == \
        [("pho-bi-thu", "tinh-uy", "Bắc Kạn"), ("chu-tich-ubnd", "ubnd-tinh", "Bắc Kạn")]
    t, = parse_titles("Bộ trưởng Bộ Kế hoạch và Đầu tư", at="2015-01-01")
    assert (t.org_type, t.unit) == ("bo", "Kế hoạch và Đầu tư")
    # a dash between two titles, with or without spaces; not inside a name ("Lao động-Thương binh và Xã hội")
    ts = parse_titles("Thứ trưởng BQP-Phó Chủ nhiệm UBKHNN-kiêm Chủ nhiệm Tổng cục Hậu cần", at="1980-01-01")
    assert [t.position for t in ts] == ["thu-truong", "pho-chu-nhiem", "chu-nhiem"]
    t, = parse_titles("Bộ trưởng Bộ Lao động-Thương binh và Xã hội", at="2015-01-01")
    assert t.unit == "Lao động-Thương binh và Xã hội"


def test_a_bare_dang_uy_before_a_command_is_that_commands_party_committee_with_its_name():
    # §5.4 rule 3: "Bí thư Đảng ủy, Chính ủy Quân đoàn 12" is the Secretary of the party committee of Quân đoàn 12
    ts = parse_titles("Bí thư Đảng ủy, Chính ủy Quân đoàn 12", at="2015-01-01")
    assert [(t.position, t.org_type, t.unit) for t in ts] == \
        [("bi-thu", "dang-uy-quan-doan", "12"), ("chinh-uy", "quan-doan", "12")]


def test_a_qualifier_is_not_read_into_the_unit_name():
    t = parse_title("Phó Trưởng ban thứ nhất Ban Khoa giáo Trung ương", at="1982-04-24")
    assert (t.position, t.org_type, t.unit, t.qualifiers) == \
        ("pho-truong-ban", "ban-khoa-giao-trung-uong", "", ["thu-nhat"])


# --- not understood -----------------------------------------------------------------------------------
def test_not_understood_names_the_part():
    t = parse_title("Bác sỹ Bệnh viện đa khoa tỉnh Hải Dương")
    assert not t.ok and t.position is None and t.org_type is None
    assert "not understood" in t.error and "Bác sỹ Bệnh viện" in t.error


def test_unknown_organization_is_not_guessed():
    t = parse_title("Phó Giám đốc Bệnh viện Đa khoa khu vực Tây Nam - Nghệ An")
    assert not t.ok and t.org_type is None and "Bệnh viện" in t.error


def test_ambiguous_bare_position_is_not_guessed():
    t = parse_title("Bí thư", at=SEED_AT, place=SEED_PLACE)
    assert not t.ok and t.org_type is None


def test_unknown_context_place_raises():
    with pytest.raises(ValueError):
        parse_titles("Bí thư Tỉnh ủy", place="Atlantis")


# --- spans, normalization, output -----------------------------------------------------------------
def test_spans_point_into_the_original_text():
    s = "Uỷ viên  Ban Thường vụ Tỉnh uỷ,\u00a0Bí thư Thành uỷ"
    for t in parse_titles(s, at=SEED_AT, place=SEED_PLACE):
        assert s[t.span[0]:t.span[1]] == t.raw
    s = unicodedata.normalize("NFD", s)
    ts = parse_titles(s, at=SEED_AT, place=SEED_PLACE)
    assert [s[a:b] for a, b in (t.span for t in ts)] == [t.raw for t in ts]
    assert summary(ts) == [("uy-vien-ban-thuong-vu", "ban-thuong-vu-tinh-uy", "Bắc Kạn"),
                           ("bi-thu", "thanh-uy", "Bắc Kạn")]


def test_spelling_variants_parse_the_same():
    a = parse_title("Uỷ viên Ban Thường vụ Tỉnh uỷ Bắc Kạn", at=SEED_AT)
    b = parse_title("ỦY VIÊN BTV TỈNH ỦY BẮC KẠN", at=SEED_AT)
    c = parse_title("\u00d0ảng ủy viên Ðảng ủy xã Dương Quang", at=SEED_AT)
    assert (a.position, a.org_type, a.unit_id) == (b.position, b.org_type, b.unit_id)
    assert c.org_type == "dang-uy-xa"


def test_to_json_shared_fields():
    d = parse_title("Giám đốc Sở Tài chính tỉnh Thái Bình", at="2012-06-01").to_json()
    for k in ("raw", "position", "org_type", "place", "unit", "qualifiers"):
        assert k in d
    assert d["unit"] == "Tài chính" and d["place"] == "Thái Bình"


def test_cli_formats():
    out = cli_parse_title("Tỉnh ủy viên; Chính ủy Bộ chỉ huy quân sự tỉnh Hậu Giang", "2012-06-01", None, "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["position"] for r in rows] == ["uy-vien-ban-chap-hanh", "chinh-uy"]
    assert json.loads(cli_parse_title("Bí thư Tỉnh ủy Bắc Kạn", SEED_AT, None, "json"))[0]["org_type"] == "tinh-uy"
    table = cli_parse_title("Bác sỹ", None, None, "table")
    assert "NOT UNDERSTOOD" in table


def test_benchmark_function():
    r = benchmark(["Bí thư Tỉnh ủy Bắc Kạn"], at=SEED_AT, min_seconds=0.05)
    assert r["titles"] > 0 and r["titles_per_second"] > 0


def test_uncached_benchmark_keeps_no_whole_string_memo():
    from kg.titles import TitleParser
    p = TitleParser.default()
    before = len(p._cache)
    benchmark(["Phó Chủ tịch Thường trực UBND tỉnh Bắc Kạn (nhiệm kỳ 2021-2026)"], at=SEED_AT, min_seconds=0.02)
    assert len(p._cache) == before


_BOUND_CHAINS = ["Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tổ chức Tỉnh ủy Bắc Kạn",
                 "Phó Bí thư Tỉnh đoàn, Chủ tịch Hội Liên hiệp Thanh niên tỉnh Vĩnh Long",
                 "Ủy viên Ủy ban Về các vấn đề xã hội của Quốc hội",
                 "Trưởng ban Dân tộc HĐND tỉnh Hà Giang; Phó Giám đốc Sở Lao động - Thương binh và Xã hội",
                 "Đại tá, Phó Tư lệnh kiêm Tham mưu trưởng Quân khu 3"]


@pytest.mark.parametrize("text", _BOUND_CHAINS)
def test_score_bound_picks_what_reading_every_candidate_picks(text, monkeypatch):
    """The candidate readings skipped by the score bound could not have won."""
    from kg.titles import TitleParser
    p = TitleParser.default()
    fast = [t.to_json() for t in p.parse_titles(text, at="2012-06-01", cache=False)]
    monkeypatch.setattr(TitleParser, "_bound", False)
    slow = [t.to_json() for t in p.parse_titles(text, at="2012-06-01", cache=False)]
    assert fast == slow and fast


# --- Wikipedia infobox office strings (defects found by scripts/import_report.py) -------------------------
def one(text, at="2010-01-01"):
    ts = parse_titles(text, at=at)
    return [(t.position, t.org_type, t.place, t.unit, t.ok) for t in ts]


def test_quyen_is_a_qualifier_only_as_its_own_first_word():
    t = parse_title("Quyền Chủ tịch UBND tỉnh Nghệ An", at="2010-01-01")
    assert "quyen" in t.qualifiers
    for t in parse_titles("Đại sứ đặc mệnh toàn quyền Việt Nam tại Lào", at="2010-01-01"):
        assert "quyen" not in t.qualifiers


def test_nonterritorial_unit_name_stops_at_parent_and_drops_country():
    assert one("Tư lệnh Quân khu 7, Bộ Quốc phòng Việt Nam") == [("tu-lenh", "quan-khu", "", "7", True)]
    assert one("Tư lệnh Quân chủng Hải quân Việt Nam") == [("tu-lenh", "quan-chung", "", "Hải quân", True)]


def test_parent_after_comma_selects_the_type():
    assert one("Cục trưởng Cục Quản lý Dược, Bộ Y tế") == [("cuc-truong", "cuc", "", "Quản lý Dược", True)]
    assert one("Cục trưởng Cục Cảnh sát giao thông, Bộ Công an")[0][:2] == ("cuc-truong", "cuc-bo-cong-an")


def parent(text: str) -> tuple[str | None, str, str]:
    t = parse_title(text, at="2015-01-01")
    return t.org_type, t.parent_org_type or "", t.parent_unit


def test_the_parent_body_is_kept_where_the_type_leaves_it_open():
    # every ministry has a "Vụ Tổ chức cán bộ": the ministry is part of which department it is
    assert parent("Vụ trưởng Vụ Tổ chức cán bộ, Bộ Y tế") == ("vu", "bo", "Y tế")
    assert parent("Vụ trưởng Vụ Tổng hợp, Văn phòng Quốc hội") == ("vu", "van-phong-quoc-hoi", "")
    assert parent("Tổng cục trưởng Tổng cục Thuế, Bộ Tài chính") == ("tong-cuc", "bo", "Tài chính")
    assert parse_title("Vụ trưởng Vụ Tổ chức cán bộ, Bộ Y tế").to_json()["parent_unit"] == "Y tế"


def test_a_youth_union_department_is_not_the_party_commission():
    # "Trưởng ban Tổ chức Trung ương Đoàn" (viwiki) heads a department of the Youth Union's Central Committee
    # ("Trung ương Đoàn"), not the Party's Central Organization Commission
    for text, unit in (("Trưởng ban Tổ chức Trung ương Đoàn", "Tổ chức Trung ương Đoàn"),
                       ("Phó Trưởng ban Tuyên giáo Trung ương Đoàn", "Tuyên giáo Trung ương Đoàn")):
        t = parse_title(text, at="2010-01-01")
        assert (t.org_type, t.unit, t.ok) == ("ban-trung-uong-doan", unit, True)
    # a department the ontology does not list is not guessed, and never read as the Party's commission
    t = parse_title("Trưởng ban Văn nghệ Trung ương Đoàn", at="2010-01-01")
    assert t.org_type != "ban-trung-uong-doan" or not t.ok
    # the Party named after its own commission is still read ("… Trung ương Đảng Cộng sản Việt Nam")
    t = parse_title("Trưởng ban Tổ chức Trung ương Đảng Cộng sản Việt Nam", at="2011-02-01")
    assert (t.position, t.org_type, t.ok) == ("truong-ban-to-chuc", "ban-to-chuc-trung-uong", True)


def test_the_youth_union_elects_an_executive_and_a_standing_committee_at_every_level():
    # Điều lệ Đoàn TNCS Hồ Chí Minh; "Ủy viên Ban chấp hành Trung ương Đoàn" was read as a member of the Party's
    # Central Committee with a place "Đoàn"
    assert summary(parse_titles("Ủy viên Ban chấp hành Trung ương Đoàn", at="2012-06-01")) == [
        ("uy-vien-ban-chap-hanh", "trung-uong-doan", "")]
    assert summary(parse_titles("Ủy viên Ban Thường vụ Tỉnh đoàn Nghệ An", at="2012-06-01")) == [
        ("uy-vien-ban-thuong-vu", "tinh-doan", "Nghệ An")]


def test_a_mass_organization_named_with_the_country_is_the_national_one():
    # "… Việt Nam": the national Veterans' Association, not a province's (which would need a place)
    assert summary(parse_titles("Ủy viên Ban chấp hành Hội Cựu chiến binh Việt Nam", at="2012-06-01")) == [
        ("uy-vien-ban-chap-hanh", "trung-uong-hoi-ccb", "")]
    assert summary(parse_titles("Ủy viên Ban Chấp hành Hội Cựu chiến binh tỉnh Nghệ An", at="2012-06-01")) == [
        ("uy-vien-ban-chap-hanh", "hoi-ccb", "Nghệ An")]


def test_the_table_shows_a_parent_column_only_when_a_title_names_one():
    assert "parent" not in cli_parse_title("Bộ trưởng Bộ Y tế", None, None, "table").splitlines()[0]
    table = cli_parse_title("Vụ trưởng Vụ Tổ chức cán bộ, Bộ Y tế", None, None, "table").splitlines()
    assert "parent" in table[0] and "bo Y tế" in table[2]


def test_no_parent_where_the_type_implies_it_or_none_is_named():
    # a Cục of the Ministry of Public Security: the type already says whose
    assert parent("Cục trưởng Cục Cảnh sát hình sự, Bộ Công an") == ("cuc-bo-cong-an", "", "")
    # "Bộ Tư lệnh Cảnh sát cơ động" is a command, not a ministry named "Tư lệnh Cảnh sát cơ động"
    assert parent("Cục trưởng Cục Tham mưu tác chiến, Bộ Tư lệnh Cảnh sát cơ động")[1:] == ("", "")
    assert parent("Bộ trưởng Bộ Y tế") == ("bo", "", "")


def test_shared_label_kept_only_where_the_position_applies():
    assert one("Chủ nhiệm Tổng cục Kỹ thuật")[0][:2] == ("chu-nhiem", "tong-cuc-ky-thuat")
    assert one("Chủ nhiệm Tổng cục Xây dựng Kinh tế")[0][:2] == ("chu-nhiem", "tong-cuc-bo-quoc-phong")


def test_variant_label_carries_the_unit_name():
    assert one("Phó Bí thư Đảng ủy Quốc hội") == [
        ("pho-bi-thu", "dang-uy-truc-thuoc-trung-uong", "", "Quốc hội", True)]
    assert one("Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc") == [("bo-truong", "bo", "", "Ủy ban Dân tộc", True)]
    assert one("Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc Chính phủ Việt Nam")[-1] == \
        ("pho-chu-nhiem", "bo", "", "Ủy ban Dân tộc", True)
    # a longer form of the type's own name is no unit name
    assert one("Chính ủy Bộ Tư lệnh Binh chủng Pháo binh", at="1958-08-15") == [
        ("chinh-uy", "binh-chung", "", "Pháo binh", True)]


def test_comma_label_read_apart_when_its_organization_does_not_fit():
    ts = parse_titles("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", at="2010-01-01")
    assert [(t.position, t.org_type) for t in ts][-1] == ("chu-nhiem", "van-phong-chinh-phu")
    assert ts[-1].ok


def test_two_positions_side_by_side():
    assert [x[:3] for x in one("Phó Tư lệnh-Tham mưu trưởng Quân khu 3")] == [
        ("pho-tu-lenh", "quan-khu", ""), ("tham-muu-truong", "quan-khu", "")]


def test_unit_raised_to_another_type_of_the_same_level():
    assert one("Giám đốc Công an tỉnh Thừa Thiên Huế")[0][:2] == ("giam-doc-cong-an", "cong-an-tinh")
    assert one("Chủ tịch UBND huyện Phú Quốc", at="2018-01-01")[0][:3] == ("chu-tich-ubnd", "ubnd-huyen", "Phú Quốc")


# --- terms and the polity's full name (viwiki infobox strings) ----------------------------------------
@pytest.mark.parametrize("text, term", [
    ("Đại biểu Quốc hội khóa X, XI, XII", "khóa X, XI, XII"),
    ("Ủy viên Trung ương Đảng khoá XII, XIII", "khoá XII, XIII"),
    ("Ủy viên Bộ Chính trị, khóa XII, XIII", "khóa XII, XIII"),     # a comma before the term
    ("Đại biểu Quốc hội khóa VI", "khóa VI"),                      # VI folds like the syllable vi/vy
    ("Đại biểu Quốc hội khóa I, II, III, IV, V, VI, VII", "khóa I, II, III, IV, V, VI, VII"),
])
def test_a_list_of_terms_is_one_term_span(text, term):
    t = parse_title(text)
    assert t.ok, t.error
    assert (t.term, t.place, t.unit) == (term, "", "")


def test_a_list_of_terms_gives_no_single_term_to_the_record():
    from kg.importers.offices import term_ordinal
    assert term_ordinal(parse_title("Đại biểu Quốc hội khóa XIII")) == "XIII"
    assert term_ordinal(parse_title("Đại biểu Quốc hội khóa XIII, XIV")) is None


@pytest.mark.parametrize("text, position, org", [
    ("Ủy viên Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "uy-vien-trung-uong", "ban-chap-hanh-trung-uong"),
    ("Trưởng ban Dân vận Trung ương Đảng Cộng sản Việt Nam", "truong-ban-dan-van", "ban-dan-van-trung-uong"),
    ("Ủy viên Bộ Chính trị Đảng Cộng sản Việt Nam", "uy-vien-bo-chinh-tri", "bo-chinh-tri"),
    ("Thủ tướng Chính phủ nước Cộng hoà xã hội chủ nghĩa Việt Nam", "thu-tuong", "chinh-phu"),
    ("Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam", "chu-tich-nuoc", "nha-nuoc"),
    ("Đại biểu Quốc hội Việt Nam khóa XIV", "dai-bieu-quoc-hoi", "quoc-hoi"),      # "Việt Nam" was a place
    ("Phó Thủ tướng Việt Nam", "pho-thu-tuong", "chinh-phu"),
])
def test_the_party_or_state_full_name_names_no_unit_and_no_place(text, position, org):
    t = parse_title(text)
    assert t.ok, t.error
    assert (t.position, t.org_type, t.unit, t.place, t.level) == (position, org, "", "", "central")


def test_the_polity_names_come_from_the_ontology():
    from kg.titles import TitleParser
    rest = TitleParser.default().lex.polity_rest
    assert (("đảng",), ("cộng", "sản", "việt", "nam")) in rest["PartyPillar"]
    assert ((), ("nước", "cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "việt", "nam")) in rest["StatePillar"]


@pytest.mark.parametrize("text, org, unit, parent", [
    ("Vụ trưởng Vụ Pháp chế Bộ Tư pháp", "vu", "Pháp chế", ("bo", "Tư pháp")),
    ("Vụ trưởng Vụ Tổ chức cán bộ Bộ Nội vụ", "vu", "Tổ chức cán bộ", ("bo", "Nội vụ")),     # "cán bộ" is no Bộ
    ("Cục trưởng Cục Quản lý Dược Bộ Y tế", "cuc", "Quản lý Dược", ("bo", "Y tế")),
])
def test_the_parent_body_named_without_a_comma(text, org, unit, parent):
    t = parse_title(text)
    assert t.ok, t.error
    assert (t.org_type, t.unit, (t.parent_org_type, t.parent_unit)) == (org, unit, parent)
    assert parse_title(text.replace(unit + " ", unit + ", ")).to_json() | {"raw": t.raw, "span": list(t.span)} \
        == t.to_json()      # the same post as with the comma


def test_a_name_that_goes_on_after_the_parent_is_not_cut_there():
    # "Tòa phúc thẩm Tòa án nhân dân tối cao tại Hà Nội": "tại Hà Nội" belongs to the court's name
    t = parse_title("Chánh tòa Tòa phúc thẩm Tòa án nhân dân tối cao tại Hà Nội")
    assert t.unit == "phúc thẩm Tòa án nhân dân tối cao tại Hà Nội"


def test_a_body_that_needs_a_name_keeps_the_country_in_it():
    assert parse_title("Đại sứ Việt Nam tại Nga").unit == "Việt Nam tại Nga"


@pytest.mark.parametrize("text", ["Đại biểu Quốc hội khóa XIV, tỉnh Kiên Giang",
                                  "Đại biểu Quốc hội Việt Nam khóa XIV, XV tỉnh Kiên Giang"])
def test_the_place_after_a_term(text):
    t = parse_title(text, at="2017-01-01")
    assert t.ok, t.error
    assert (t.place, t.unit_id) == ("Kiên Giang", "91@pre2025")


@pytest.mark.parametrize("text, note, unit", [
    ("Thứ trưởng Bộ Xây dựng (lần 2)", "lần 2", "Xây dựng"),               # the second time in the post
    ("Thứ trưởng Bộ Nội vụ (nay là Bộ Công an)", "nay là Bộ Công an", "Nội vụ"),
    ("Vụ trưởng Vụ Tổ chức cán bộ (Vụ 15), Viện kiểm sát nhân dân tối cao", "Vụ 15", "Tổ chức cán bộ"),
])
def test_an_aside_in_parentheses_is_a_note_not_a_failure(text, note, unit):
    t = parse_title(text)
    assert t.ok, t.error
    assert (t.note, t.unit) == (note, unit)
    assert t.raw == text[:t.span[1]] and t.span[0] == 0       # raw and span are read from the text as given


@pytest.mark.parametrize("text, field, value", [
    ("Đại biểu Quốc hội khóa XIII (2011-2016)", "term", "khóa XIII (2011-2016"),    # years: the term
    ("Phó Chủ tịch (kiêm nhiệm) Hội Nông dân tỉnh Bắc Kạn", "org_type", "hoi-nong-dan"),   # a qualifier
])
def test_parentheses_that_belong_to_the_title_are_read_with_it(text, field, value):
    t = parse_title(text, at="2015-01-01")
    assert t.ok and not t.note, t.error
    assert getattr(t, field) == value


def test_a_note_follows_its_own_title_in_a_chain():
    ts = parse_titles("Phó Chủ tịch nước Việt Nam Dân chủ Cộng hòa (trước 1976), "
                      "Phó Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam (sau 1976)")
    assert [(t.position, t.note) for t in ts] == [("pho-chu-tich-nuoc", "trước 1976"), ("pho-chu-tich-nuoc", "sau 1976")]


def test_the_table_shows_a_note_column_only_when_a_title_has_a_note():
    assert "note" not in cli_parse_title("Thứ trưởng Bộ Xây dựng").splitlines()[0].split()
    table = cli_parse_title("Thứ trưởng Bộ Xây dựng (lần 2)").splitlines()
    assert "note" in table[0].split() and "lần 2" in table[2]


def test_a_place_copy_copies_every_field():
    # in the source build, where a field can hold any object: a field added to _Place and not to copy() fails here
    import os
    import subprocess
    import sys
    code = ("import dataclasses; from kg.titles import _Place; "
            "fields = [f.name for f in dataclasses.fields(_Place)]; "
            "place = _Place(**{f: object() for f in fields}); copy = place.copy(); "
            "assert copy is not place and all(getattr(copy, f) is getattr(place, f) for f in fields), fields")
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, KG_PURE_PYTHON="1"), check=True)


def test_the_tokenizer_finds_the_tokens_the_regex_finds():
    # words, a word with a mark before or after it, and the rest (through the regex), with their offsets
    import random

    from kg.normalize import _TOKEN_RE, _tokenize
    rnd = random.Random(7)
    alphabet = list("aăâđêôơưyAĐỦ09_ ,;.()-–/&'\"") + ["\t", "\u00a0", "\u2003", "ủy", "Tỉnh", "²", "①"]
    samples = ["Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh (2010-2015)", "", " ", "(kiêm", "Nội,", "a_b;", "x.y"]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for s in samples:
        texts: list[str] = []
        spans: list[tuple[int, int]] = []
        _tokenize(s, texts, spans)
        assert list(zip(texts, spans)) == [(m.group(), m.span()) for m in _TOKEN_RE.finditer(s)], s


def test_written_out_inits_set_every_field_as_the_dataclass_declares():
    # Title, _Place and _Cand write their __init__ out (compiled); in the source build, where a field can hold any
    # object, a field missing from one fails here, and so does a default that differs from the declared one
    import os
    import subprocess
    import sys
    code = """if True:
        import dataclasses
        from kg.titles import Title, _Cand, _Place
        for cls in (Title, _Place, _Cand):
            fields = dataclasses.fields(cls)
            given = {f.name: object() for f in fields}
            made = cls(**given)
            assert all(getattr(made, n) is v for n, v in given.items()), cls
            required = {f.name: object() for f in fields
                        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
            if cls is Title:
                assert set(required) == {"raw", "span"}, required     # (defaults of __init__ for copy only)
            made = cls(**required)
            for f in fields:
                want = required[f.name] if f.name in required else \\
                    f.default if f.default is not dataclasses.MISSING else f.default_factory()
                assert getattr(made, f.name) == want, (cls, f.name)
    """
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, KG_PURE_PYTHON="1"), check=True)


def test_a_title_copies_and_pickles_in_both_builds():
    import copy
    import pickle
    t = parse_titles("Bí thư Tỉnh ủy Bắc Kạn", at="2019-01-01")[0]
    assert copy.copy(t) == t and copy.deepcopy(t) == t and pickle.loads(pickle.dumps(t)) == t
    assert copy.copy(t) is not t and copy.copy(t).qualifiers is t.qualifiers
    assert dataclasses.replace(t, place="Thái Nguyên").place == "Thái Nguyên"
