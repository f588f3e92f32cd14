"""Normalization rules (domain.md §5.2) and abbreviations (§5.1), one behaviour per test."""
from __future__ import annotations

import unicodedata

import pytest

from kg.abbrev import expand, find_abbreviations
from kg.normalize import (ascii_fold, fold, fold_key, fold_map, nfc, nfc_map, slug, strip_diacritics,
                          tone_normalize)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- Unicode -------------------------------------------------------------------------------------
def test_nfd_input_folds_like_nfc():
    assert fold(nfd("Ủy viên Ban Thường vụ Tỉnh ủy")) == fold("Ủy viên Ban Thường vụ Tỉnh ủy")


def test_nfc_composes():
    assert nfc(nfd("Ủy")) == "\u1ee6y"


@pytest.mark.parametrize("eth, dstroke", [("\u00d0ảng ủy", "Đảng ủy"), ("\u00f0ồng chí", "đồng chí")])
def test_eth_lookalike_maps_to_d_stroke(eth, dstroke):
    assert nfc(eth) == dstroke
    assert fold(eth) == fold(dstroke)


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2012", "\u2212"])
def test_dashes_become_hyphen(dash):
    assert nfc(f"2020 {dash} 2025") == "2020 - 2025"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_exotic_spaces(space):
    assert fold(f"Bí thư{space}Tỉnh ủy") == "bí thư tỉnh ủy"


def test_spaces_collapse_and_strip():
    assert fold("  Bí   thư \t Tỉnh ủy  ") == "bí thư tỉnh ủy"


# --- tone placement (§5.2 table) -------------------------------------------------------------------
@pytest.mark.parametrize("new, old", [
    ("Uỷ", "Ủy"), ("uỷ ban", "ủy ban"), ("Tỉnh uỷ", "Tỉnh ủy"), ("Thành uỷ", "Thành ủy"),
    ("thuỷ", "thủy"), ("Thuỷ", "Thủy"), ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("Khánh Hoà", "Khánh Hòa"),
    ("hoá", "hóa"), ("Thanh Hoá", "Thanh Hóa"), ("Xuất Hoá", "Xuất Hóa"), ("văn hoá", "văn hóa"),
    ("khoá", "khóa"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("khoẻ", "khỏe"), ("hoạ", "họa"),
])
def test_tone_pairs_fold_together(new, old):
    assert tone_normalize(new) == old
    assert fold(new) == fold(old)


def test_tone_normalize_leaves_quy_alone():
    assert tone_normalize("quý") == "quý"        # qu + y: the u is part of the onset


def test_mixed_styles_in_one_sentence():
    assert fold("Uỷ viên Ban Thường vụ Tỉnh uỷ") == fold("Ủy viên ban thường vụ tỉnh ủy")


# --- i / y --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("i_form, y_form", [("Kì", "Kỳ"), ("lí", "lý"), ("kỉ luật", "kỷ luật"), ("Mĩ", "Mỹ"),
                                            ("qui", "quy"), ("sĩ", "sỹ")])
def test_i_y_variants_fold_together(i_form, y_form):
    assert fold(i_form) == fold(y_form)


def test_i_inside_a_word_is_kept():
    assert fold("kiểm tra") == "kiểm tra"       # only a syllable-final i is a variant of y


# --- case -----------------------------------------------------------------------------------------------
def test_case_folds():
    assert fold("TỈNH ỦY") == fold("Tỉnh ủy") == fold("tỉnh uỷ")


# --- slugs and diacritic-free keys -------------------------------------------------------------------
def test_slug():
    assert slug("Phó Bí thư Thường trực") == "pho-bi-thu-thuong-truc"
    assert slug("Đảng ủy Quân sự") == "dang-uy-quan-su"
    assert slug("\u00d0ảng ủy") == "dang-uy"


def test_ascii_fold_and_strip():
    assert ascii_fold("Cù Ngọc  Cường") == "cu ngoc cuong"
    assert strip_diacritics("Đắk Lắk") == "Dak Lak"


# --- offsets -------------------------------------------------------------------------------------------
def test_fold_map_equals_fold():
    s = nfd("  Uỷ viên\u00a0Ban Thường vụ  Tỉnh uỷ, Bí thư \u00d0ảng ủy hoà ")
    assert fold_map(s).text == fold(s)


def test_offsets_point_into_nfd_original():
    s = nfd("Uỷ viên Ban Thường vụ")
    m = fold_map(s)
    k = m.text.index("viên")
    a, b = m.span(k, k + 4)
    assert s[a:b] == nfd("viên")
    assert m.original_slice(0, 2) == nfd("Uỷ")


def test_offsets_survive_space_collapse():
    s = "Bí   thư\u00a0\u00a0Tỉnh ủy"
    m = fold_map(s)
    k = m.text.index("tỉnh")
    assert m.original_slice(k, k + 7) == "Tỉnh ủy"


def test_offsets_of_expanded_abbreviation_cover_the_abbreviation():
    s = "Chủ tịch UBND TP Bắc Kạn"
    m = fold_map(s, expand=True)
    assert m.text == "chủ tịch ủy ban nhân dân thành phố bắc kạn"
    k = m.text.index("ủy ban")
    assert m.original_slice(k, k + len("ủy ban nhân dân")) == "UBND"
    k = m.text.index("bắc")
    assert m.original_slice(k, len(m.text)) == "Bắc Kạn"


def test_nfc_map_identity_for_nfc_text():
    m = nfc_map("Bí thư")
    assert m.text == "Bí thư" and m.span(0, 6) == (0, 6)


# --- abbreviations: unambiguous (§5.1) --------------------------------------------------------------
@pytest.mark.parametrize("abbr, full", [
    ("ĐCSVN", "Đảng Cộng sản Việt Nam"), ("ĐCS VN", "Đảng Cộng sản Việt Nam"),
    ("BCT", "Bộ Chính trị"), ("BBT", "Ban Bí thư"), ("UVBTV", "Ủy viên Ban Thường vụ"),
    ("UV BTV", "Ủy viên Ban Thường vụ"), ("TUV", "Tỉnh ủy viên"), ("ThUV", "Thành ủy viên"),
    ("HUV", "Huyện ủy viên"), ("ĐUV", "Đảng ủy viên"), ("TTTU", "Thường trực Tỉnh ủy"),
    ("UBKT", "Ủy ban Kiểm tra"), ("BTCTW", "Ban Tổ chức Trung ương"), ("BTC", "Ban Tổ chức"),
    ("BTG", "Ban Tuyên giáo"), ("BDV", "Ban Dân vận"), ("BTGDV", "Ban Tuyên giáo và Dân vận"),
    ("QUTW", "Quân ủy Trung ương"), ("ĐUQSTW", "Đảng ủy Quân sự Trung ương"), ("ĐUQS", "Đảng ủy Quân sự"),
    ("HĐND", "Hội đồng nhân dân"), ("UBND", "Ủy ban nhân dân"), ("UB ND", "Ủy ban nhân dân"),
    ("PCT", "Phó Chủ tịch"), ("QH", "Quốc hội"), ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("ĐBQH", "Đại biểu Quốc hội"), ("CP", "Chính phủ"), ("TTg", "Thủ tướng"), ("BQP", "Bộ Quốc phòng"),
    ("BCA", "Bộ Công an"), ("BNV", "Bộ Nội vụ"), ("ĐVHC", "đơn vị hành chính"),
    ("CQĐP", "chính quyền địa phương"), ("QĐND", "Quân đội nhân dân"), ("CAND", "Công an nhân dân"),
    ("QK", "Quân khu"), ("BTL", "Bộ Tư lệnh"), ("BTTM", "Bộ Tổng Tham mưu"), ("TCCT", "Tổng cục Chính trị"),
    ("CHQS", "Chỉ huy Quân sự"), ("CHT", "Chỉ huy trưởng"), ("PCHT", "Phó Chỉ huy trưởng"),
    ("TMT", "Tham mưu trưởng"), ("PTKV", "Phòng thủ khu vực"), ("CHPTKV", "Chỉ huy Phòng thủ khu vực"),
    ("BĐBP", "Bộ đội Biên phòng"), ("LLVT", "lực lượng vũ trang"), ("DQTV", "dân quân tự vệ"),
    ("DBĐV", "dự bị động viên"), ("QNDB", "quân nhân dự bị"), ("QNCN", "quân nhân chuyên nghiệp"),
    ("NVQS", "nghĩa vụ quân sự"), ("HĐNVQS", "Hội đồng nghĩa vụ quân sự"), ("KVPT", "khu vực phòng thủ"),
    ("SSCĐ", "sẵn sàng chiến đấu"), ("SSĐV", "sẵn sàng động viên"), ("QSĐP", "quân sự địa phương"),
    ("QPĐP", "quốc phòng địa phương"), ("QP-AN", "quốc phòng – an ninh"), ("QPTD", "quốc phòng toàn dân"),
    ("ANND", "an ninh nhân dân"), ("CTĐ", "công tác đảng"), ("CTCT", "công tác chính trị"),
    ("ANCT", "an ninh chính trị"), ("TTATXH", "trật tự an toàn xã hội"), ("ANTT", "an ninh trật tự"),
    ("MTTQ", "Mặt trận Tổ quốc"), ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"), ("CT-XH", "chính trị – xã hội"),
    ("Đoàn TNCS HCM", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"), ("ĐTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("LHPN", "Liên hiệp Phụ nữ"), ("HND", "Hội Nông dân"), ("CCB", "Cựu chiến binh"),
    ("LĐLĐ", "Liên đoàn Lao động"), ("KT-XH", "kinh tế – xã hội"), ("TTXVN", "Thông tấn xã Việt Nam"),
    ("PV", "phóng viên"), ("TX", "thị xã"),
])
def test_abbreviation_expands(abbr, full):
    assert expand(f"xx {abbr} yy") == f"xx {full} yy"


@pytest.mark.parametrize("form", ["TW", "TƯ", "T.Ư", "T.W"])
def test_trung_uong_forms(form):
    assert expand(f"Ủy viên {form} Đảng") == "Ủy viên Trung ương Đảng"


@pytest.mark.parametrize("form", ["TP", "TP.", "Tp.", "Tp"])
def test_thanh_pho_forms(form):
    assert fold(expand(f"{form} Hồ Chí Minh")) == "thành phố hồ chí minh"


def test_glued_thanh_pho_gets_a_space():
    assert expand("Tp.Hà Nội") == "thành phố Hà Nội"


def test_dong_chi():
    assert expand("đ/c Cường") == "đồng chí Cường"


def test_quan_khu_with_number():
    assert expand("QK1") == "Quân khu 1"


def test_long_abbreviation_case_insensitive():
    assert fold_key("chủ tịch hđnd xã") == fold("Chủ tịch Hội đồng nhân dân xã")


def test_short_abbreviation_case_sensitive():
    assert expand("tu bổ di tích") == "tu bổ di tích"        # "tu" is a word, "TU" is Tỉnh ủy
    assert expand("Bí thư TU") == "Bí thư Tỉnh ủy"


def test_abbreviations_inside_words_untouched():
    assert expand("UBNDX") == "UBNDX"


def test_lowercase_expansion_matches_full_form():
    assert fold_key("Phó Bí thư TT HĐND tỉnh") == fold("Phó Bí thư Thường trực Hội đồng nhân dân tỉnh")


def test_tuv_in_a_chain():
    assert expand("Lê Xuân Lợi- TUV, Bí thư thành uỷ") == "Lê Xuân Lợi- Tỉnh ủy viên, Bí thư thành ủy"


@pytest.mark.parametrize("abbr, full", [("TU", "Tỉnh ủy"), ("ThU", "Thành ủy"), ("HU", "Huyện ủy"),
                                        ("ĐU", "Đảng ủy")])
def test_party_committee_abbreviations(abbr, full):
    assert expand(f"Bí thư {abbr}") == f"Bí thư {full}"


def test_sign_offsets_in_original():
    s = nfd("Ủy viên BTV Tỉnh ủy")
    [x] = [e for e in find_abbreviations(s) if e.abbr == "BTV"]
    assert s[x.start:x.end] == "BTV" and x.expansion == "Ban Thường vụ"


# --- abbreviations: ambiguous ones resolved by context -------------------------------------------
def test_btv_in_title_is_standing_committee():
    assert expand("Ủy viên BTV Tỉnh ủy") == "Ủy viên Ban Thường vụ Tỉnh ủy"
    assert expand("BTV Huyện ủy") == "Ban Thường vụ Huyện ủy"


def test_btv_in_byline_is_editor():
    assert expand("BTV: Nguyễn Thu Hà") == "biên tập viên: Nguyễn Thu Hà"
    assert expand("Thu Hà (BTV)") == "Thu Hà (biên tập viên)"
    assert expand("Minh Anh", mode="byline") == "Minh Anh"
    assert [e.expansion for e in find_abbreviations("BTV Nguyễn Thu Hà", mode="byline")] == ["biên tập viên"]


def test_btv_undecided_in_text_is_left_alone():
    assert expand("theo BTV") == "theo BTV"


def test_tt_before_council_is_thuong_truc():
    assert expand("TT HĐND tỉnh") == "Thường trực Hội đồng nhân dân tỉnh"
    assert expand("Phó Bí thư TT Tỉnh ủy") == "Phó Bí thư Thường trực Tỉnh ủy"


def test_tt_before_a_name_is_thi_tran():
    assert expand("TT Phủ Thông") == "thị trấn Phủ Thông"
    [x] = find_abbreviations("UBND TT Chợ Rã")[1:]
    assert x.sense == "township"


def test_tt_in_document_number_is_thong_tu():
    [x] = [e for e in find_abbreviations("Thông tư 12/2023/TT-BCA") if e.abbr == "TT"]
    assert (x.expansion, x.sense, x.substituted) == ("thông tư", "document-type", False)
    assert expand("Thông tư 12/2023/TT-BCA") == "Thông tư 12/2023/TT-BCA"


def test_ct_as_chu_tich():
    assert expand("CT UBND tỉnh") == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert expand("Phó CT HĐND") == "Phó Chủ tịch Hội đồng nhân dân"


def test_ct_as_chi_thi_in_document_number():
    [x] = [e for e in find_abbreviations("Chỉ thị 45-CT/TW") if e.abbr == "CT"]
    assert (x.expansion, x.sense, x.substituted) == ("chỉ thị", "document-type", False)
    [tw] = [e for e in find_abbreviations("Chỉ thị 45-CT/TW") if e.abbr == "TW"]
    assert tw.sense == "issuer" and tw.expansion == "Trung ương"
    assert expand("Chỉ thị 45-CT/TW") == "Chỉ thị 45-CT/TW"


def test_ct_followed_by_number_is_chi_thi():
    assert expand("theo CT 45") == "theo Chỉ thị 45"


def test_bchqs_province_vs_district():
    assert expand("BCHQS tỉnh") == "Bộ Chỉ huy Quân sự tỉnh"
    assert expand("BCHQS huyện Ba Bể") == "Ban Chỉ huy Quân sự huyện Ba Bể"
    assert expand("BCHQS xã") == "Ban Chỉ huy Quân sự xã"
    assert expand("Bộ CHQS tỉnh") == "Bộ Chỉ huy Quân sự tỉnh"
    assert expand("Ban CHQS huyện") == "Ban Chỉ huy Quân sự huyện"


def test_bch_executive_vs_command():
    assert expand("BCH Đảng bộ tỉnh") == "Ban Chấp hành Đảng bộ tỉnh"
    assert expand("BCH TW") == "Ban Chấp hành Trung ương"
    assert expand("BCH PTKV 1") == "Ban Chỉ huy Phòng thủ khu vực 1"
    assert expand("BCH BĐBP") == "Ban Chỉ huy Bộ đội Biên phòng"


def test_ctv_political_officer_vs_contributor():
    assert expand("CTV Ban CHQS xã") == "Chính trị viên Ban Chỉ huy Quân sự xã"
    assert expand("Ngọc Lê (CTV)") == "Ngọc Lê (cộng tác viên)"


def test_h_dot_is_huyen_before_a_name_only():
    assert expand("H. Ba Bể") == "huyện Ba Bể"
    assert expand("vitamin H.") == "vitamin H."


def test_party_committee_abbreviation_as_issuer_is_not_rewritten():
    assert expand("Kế hoạch 153-KH/TU") == "Kế hoạch 153-KH/TU"


def test_quyet_dinh_number_untouched():
    assert expand("Quyết định 2786/QĐ-BQP") == "Quyết định 2786/QĐ-BQP"


# --- fast paths give the same results ------------------------------------------------------------
_FAST_SAMPLES = ["Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư TU, CT HĐND tỉnh", "Chủ tịch UBND TP.Hà Nội",
                 nfd("Phó Bí thư TT Tỉnh ủy  (nhiệm kỳ 2010–2015)"), "İstanbul ǅ ß Uỷ", "", "  x  ",
                 "Quyết định 45-CT/TW; Chỉ thị số 2786/QĐ-BQP", "BCH QS huyện, Đ/c PV, T.Ư.", "Hạng ² ①",
                 "Bí thư\tTỉnh ủy", "Chủ tịch\u00a0UBND tỉnh", "a\u2003b c", "Phó\x07Bí thư", "x\n"]


@pytest.mark.parametrize("text", _FAST_SAMPLES)
def test_fold_map_fast_is_fold_map(text):
    from kg.normalize import fold_map_fast
    for mode in ("title", "text"):
        for ex in (True, False):
            a, b = fold_map(text, expand=ex, mode=mode), fold_map_fast(text, expand=ex, mode=mode)
            assert (a.text, a.starts, a.ends) == (b.text, b.starts, b.ends)


def test_digit_or_dash_check_matches_isdigit():
    from kg.abbrev import _has_digit_or_dash
    for ch in "-0９²①٣a đ–":
        assert _has_digit_or_dash("ab" + ch) == (ch.isdigit() or ch == "-")


def test_titles_unglue_a_lost_space_and_keep_the_original_for_display():
    from kg.normalize import fold_map_fast
    m = fold_map_fast("Bí thư Thành ủyVĩnh Long", expand=True, mode="title")
    assert m.text == "bí thư thành ủy vĩnh long"
    assert m.original_slice(len("bí thư "), len(m.text)) == "Thành ủyVĩnh Long"
    # running text is left alone (brand names such as "VietinBank")
    assert fold_map_fast("VietinBank").text == "vietinbank"


_WORD_SAMPLES = ["Uỷ", "UBND", "Ủy", "Đ", "đ", "QK", "qk", "qk12", "QKx", "tphcm", "TPHCM", "tp_1", "ub", "ubnd", "Ubnd", "TP", "Tp", "tp", "HĐND", "hđnd", "QK1", "QK_1", "TW", "T", "BCH",
                 "ĐUQS", "x", "X", "ĐBQH", "Đảng", "đoàn", "Đoàn", "tỉnh", "İ", "ß", "ǅ", "K", "_", "a_b", "²", "①",
                 "٣", "2786", "Quận", "quận"]


@pytest.mark.parametrize("word", _WORD_SAMPLES)
def test_word_tests_without_a_flat_regex_agree_with_one(word):
    # may_start_form's filters are written as a trie of the forms' leading words; _one_word is str.isalnum()
    # with "_": the same answers as the flat alternation of those words and as the regex \w+
    import re

    from kg.abbrev import _FORMS, _compiled, _start_filters, may_start_form
    from kg.normalize import _one_word
    flat = []
    for rx in _compiled()[:2]:
        leads = [(re.match(r"\w+", f).group(0), f) for f in _FORMS[rx.pattern]]
        flat.append(re.compile("(?:" + "|".join(re.escape(lead) + (r"(?:[\d_]\w*)?" if lead == f else "")
                                                for lead, f in leads) + ")", rx.flags))
    assert [rx.pattern != f.pattern for rx, f in zip(_start_filters(), flat)] == [True, True]
    assert may_start_form(word) == any(f.fullmatch(word) is not None for f in flat)
    assert _one_word(word) == (re.fullmatch(r"\w+", word) is not None)


def test_some_words_may_start_an_abbreviation_and_most_may_not():
    from kg.abbrev import may_start_form
    assert may_start_form("UBND") and may_start_form("Tp") and may_start_form("QK1")
    assert not may_start_form("Quảng") and not may_start_form("") and not may_start_form("thư")


def test_the_cheap_character_tests_of_fold_map_fast_hold_for_every_character():
    # fold_map_fast leaves whitespace other than " " to _fold_fast_piece, which refuses a piece that is not
    # printable, and searches for a look-alike with one substring search per look-alike
    import re

    from kg.normalize import _LOOKALIKE_CHARS, _LOOKALIKE_RE, _contains_any
    every = [chr(c) for c in range(0x110000)]
    assert not [ch for ch in every if ch.isspace() and ch != " " and ch.isprintable()]
    for ch in every[:0x3000]:
        assert _contains_any(f"Bí thư{ch}", _LOOKALIKE_CHARS) == (_LOOKALIKE_RE.search(f"Bí thư{ch}") is not None)
    assert re.compile(r"[^\S ]").search("a\u2003b") and not "a\u2003b".isprintable()


@pytest.mark.parametrize("text", ["", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\u00a0b", "a\u2003 b", "a\nb",
                                  "Phó\x07Bí thư", "a\u200bb", "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"])
def test_whether_spaces_need_collapsing_is_told_as_the_regex_tells_it(text):
    from kg.normalize import _WS_TO_COLLAPSE_RE, _needs_collapse
    assert _needs_collapse(text) == (_WS_TO_COLLAPSE_RE.search(text) is not None)


def test_word_starts_are_found_where_the_regex_finds_them():
    # kg.abbrev._word_starts reads each chunk between spaces apart; the regex's look-behind refuses a word after
    # a word character, "." or "&" ("TP.Hà": no form starts at "Hà")
    import random

    from kg.abbrev import _WORD_AT_START_RE, _word_starts
    rnd = random.Random(9)
    alphabet = list("aăđHĐND TP.&,()-_/0\t\n") + ["ủy", "Tỉnh", "\u00a0", "  "]
    samples = ["Chủ tịch UBND TP.Hà Nội", "(HĐND tỉnh), Đoàn TNCS", "A&B C.D", "", " ", "x_y z"]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(5000)]
    for s in samples:
        words: list[str] = []
        offsets: list[int] = []
        _word_starts(s, words, offsets)
        assert list(zip(words, offsets)) == [(m.group(), m.start()) for m in _WORD_AT_START_RE.finditer(s)], s
