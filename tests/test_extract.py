"""The news extractor (kg.extract): the seed article (domain.md §7.4), grammar cases, bad input, evaluation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.extract import Article, Extractor, extract_text, read_articles, throughput
from kg.extract.commands import eval_extract, extract
from kg.extract.dates import event_date
from kg.extract.evaluate import evaluate, match_key
from kg.extract.identity import Identity, undo_merge
from kg.extract.output import to_records
from kg.extract.textio import decode
from kg.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "extract"
SEED_TXT = ROOT.parent / "shared" / "seed" / "bac-kan-dang-uy-quan-su-so-ket.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
GOLD = ROOT / "tests" / "gold" / "extract_dev.jsonl"
# The seed article is read from ../shared/seed (not redistributed); CI has ../shared beside the checkout.

# domain.md §7.4: every stated fact (F5 honorific and F12 participation are not facts of these kinds)
SEED_FACTS = {
    ("holding", "Cù Ngọc Cường", "uy-vien-ban-thuong-vu", "ban-thuong-vu-tinh-uy", "06@pre2025", ""),   # F1
    ("holding", "Cù Ngọc Cường", "bi-thu", "thanh-uy", "058@pre2025", ""),                            # F2
    ("holding", "Cù Ngọc Cường", "chu-tich-hdnd", "hdnd-thanh-pho", "058@pre2025", ""),               # F3
    ("holding", "Cù Ngọc Cường", "bi-thu", "dang-uy-quan-su-thanh-pho", "058@pre2025", ""),           # F4
    ("rank", "Lã Văn Hào", "", "", "", "dai-ta"),                                                      # F6
    ("holding", "Lã Văn Hào", "chinh-uy", "bo-chqs-tinh", "06@pre2025", ""),                          # F7
    ("holding", "Hoàng Hà Bắc", "uy-vien-ban-chap-hanh", "tinh-uy", "06@pre2025", ""),                # F8
    ("holding", "Hoàng Hà Bắc", "pho-bi-thu", "thanh-uy", "058@pre2025", ""),                         # F9
    ("holding", "Hoàng Hà Bắc", "chu-tich-ubnd", "ubnd-thanh-pho", "058@pre2025", ""),               # F10
    ("decision", "Hoàng Hà Bắc", "uy-vien-ban-chap-hanh", "dang-uy-quan-su-thanh-pho", "058@pre2025",
     "chi-dinh"),                                                                                     # F11 / D1
}
SEED_SPANS = {("Cù Ngọc Cường", "uy-vien-ban-thuong-vu"): (443, 472), ("Cù Ngọc Cường", "bi-thu", "thanh-uy"): (474, 489),
              ("Hoàng Hà Bắc", "uy-vien-ban-chap-hanh"): (846, 858), ("Lã Văn Hào", "chinh-uy"): (569, 601)}


@pytest.fixture(scope="module")
def seed():
    return Extractor.default().extract(read_articles(SEED_TXT)[0])


def _key(f):
    return (f.kind, f.person, f.position, f.org_type, f.unit_id, f.decision or f.rank)


def test_seed_gives_every_stated_fact_and_nothing_false(seed):
    assert {_key(f) for f in seed.facts} == SEED_FACTS
    assert len(seed.facts) == len(SEED_FACTS)


def test_seed_spans_point_at_the_quotes(seed):
    text = SEED_TXT.read_text(encoding="utf-8")
    for f in seed.facts:
        assert text[f.span[0]:f.span[1]] == f.quote
    by = {(f.person, f.position, f.org_type): f.span for f in seed.facts if f.kind == "holding"}
    assert by[("Cù Ngọc Cường", "uy-vien-ban-thuong-vu", "ban-thuong-vu-tinh-uy")] == (443, 472)
    assert by[("Cù Ngọc Cường", "bi-thu", "thanh-uy")] == (474, 489)
    assert by[("Lã Văn Hào", "chinh-uy", "bo-chqs-tinh")] == (569, 601)
    assert by[("Hoàng Hà Bắc", "uy-vien-ban-chap-hanh", "tinh-uy")] == (846, 858)


def test_seed_date_year_is_inferred_and_flagged(seed):
    assert seed.date == "2023-03-22" and seed.year_inferred and seed.year_source == "mid-term"
    assert all(f.year_inferred for f in seed.facts)


def test_seed_decision_has_authority_and_chain_describes_before(seed):
    d = [f for f in seed.facts if f.kind == "decision"]
    assert len(d) == 1 and d[0].authority == "Thành ủy Bắc Kạn" and d[0].authority_org == "thanh-uy--bac-kan--058"
    assert d[0].status == "appointed"


def test_records_keep_a_post_of_a_named_body_and_its_parent():
    # a type that needs a name (Bộ, Vụ) keeps its post in the records; a department also its ministry
    ex = extract_text("Ông Nguyễn Văn An, Bộ trưởng Bộ Y tế cho biết dự thảo đã được gửi. Bà Trần Thị Bình, Vụ "
                      "trưởng Vụ Pháp chế, Bộ Y tế cho biết thêm.", date="2020-03-05")
    recs, warns = to_records([ex])
    posts = {(r["position"], r["org_type"], r.get("unit_name"), r.get("parent_org_type"), r.get("parent_unit_name"))
             for r in recs if r["type"] == "attestation"}
    assert posts == {("bo-truong", "bo", "Y tế", None, None), ("vu-truong", "vu", "Pháp chế", "bo", "Y tế")}
    assert not [w for w in warns if "needs a unit name" in w]


def test_seed_byline_is_not_an_official(seed):
    assert "Minh Cường" not in {f.person for f in seed.facts}
    assert set(seed.persons) == {"Cù Ngọc Cường", "Lã Văn Hào", "Hoàng Hà Bắc"}


def test_seed_records_load_and_ids_follow_the_seed(seed):
    from kg.store import Store
    recs, warns = to_records([seed])
    assert not warns
    assert {r["id"] for r in recs if r["type"] == "person"} == {"cu-ngoc-cuong--bk01", "la-van-hao--bk01",
                                                               "hoang-ha-bac--bk01"}
    dec = [r for r in recs if r["type"] == "decision"][0]
    assert dec["authority"] == "thanh-uy--bac-kan--058" and dec["creates"]
    p = Path(__import__("tempfile").mkdtemp()) / "seed.extracted.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    store = Store()
    store.load([p])
    rows = store.select("SELECT DISTINCT ?a WHERE { ?a a vn:Attestation ; vn:quote ?q }",
                        )
    assert len(rows) == 8


def test_title_before_name_and_former():
    ex = extract_text("Sáng 3/4, Bí thư Tỉnh ủy Lào Cai Trịnh Việt Hùng làm việc với ông Nguyễn Văn A, "
                      "nguyên Chủ tịch UBND tỉnh Lào Cai.", date="2025-04-04")
    got = {(f.person, f.position, f.org_type, f.place, f.status) for f in ex.facts}
    assert ("Trịnh Việt Hùng", "bi-thu", "tinh-uy", "Lào Cai", "current") in got
    assert ("Nguyễn Văn A", "chu-tich-ubnd", "ubnd-tinh", "Lào Cai", "former") in got
    assert ex.date == "2025-04-03" and not ex.year_inferred


def test_decision_sentence_from_the_corpus():
    arts = read_articles(FIX / "decision_yen_bai.txt", date="2017-02-08")
    facts = Extractor.default().extract(arts[0]).facts
    dec = {(f.position, f.org_type, f.place) for f in facts if f.kind == "decision" and f.decision == "chi-dinh"}
    assert ("pho-bi-thu", "tinh-uy", "Yên Bái") in dec
    assert all(f.authority == "Ban Bí thư" for f in facts if f.kind == "decision")


def test_anaphora_resolves_only_to_a_full_name_and_byline_skipped():
    ex = Extractor.default().extract(read_articles(FIX / "byline.txt", date="2024-02-06")[0])
    assert set(ex.persons) == {"Nguyễn Văn Cường"}
    assert len(ex.persons["Nguyễn Văn Cường"]) == 2      # the anaphor "đồng chí Cường"
    assert ex.date == "2024-02-05"
    lone = extract_text("Đồng chí Cường, Bí thư Tỉnh ủy Bắc Kạn phát biểu.", date="2024-01-01")
    assert lone.facts == []


def test_semicolon_list_and_rank():
    ex = extract_text("Dự hội nghị có đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh Cao Bằng; Thiếu tướng Trần Văn B, "
                      "Chính ủy Bộ Chỉ huy Quân sự tỉnh Cao Bằng.", date="2024-01-01")
    got = {(f.kind, f.person, f.position or f.rank) for f in ex.facts}
    assert got == {("holding", "Nguyễn Văn A", "chu-tich-ubnd"), ("rank", "Trần Văn B", "thieu-tuong"),
                   ("holding", "Trần Văn B", "chinh-uy")}


def _holdings(ex):
    return {(f.person, f.position, f.org_type, f.place, f.status) for f in ex.facts if f.kind == "holding"}


def test_chain_of_titles_before_the_name():
    ex = extract_text("Sáng 3/4, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lào Cai Trịnh Việt Hùng phát biểu.",
                      date="2025-04-04")
    got = _holdings(ex)
    assert ("Trịnh Việt Hùng", "pho-bi-thu", "tinh-uy", "Lào Cai", "current") in got
    assert ("Trịnh Việt Hùng", "chu-tich-ubnd", "ubnd-tinh", "Lào Cai", "current") in got


def test_alias_in_parentheses_does_not_cut_the_chain():
    ex = extract_text("Ông Nguyễn Văn Bình (Nguyễn Bình - Sinh năm 1960), Bí thư Tỉnh ủy Cao Bằng, phát biểu.",
                      date="2024-01-01")
    assert ("Nguyễn Văn Bình", "bi-thu", "tinh-uy", "Cao Bằng", "current") in _holdings(ex)
    assert set(ex.persons) == {"Nguyễn Văn Bình"}


def test_bare_position_is_not_a_holding():
    ex = extract_text("Tại xã Tân Thành, ông Nguyễn Văn A, Bí thư, phát biểu.", date="2024-01-01")
    assert not [f for f in ex.facts if f.kind == "holding"]


def test_career_predicate_and_former_unit():
    ex = extract_text("Ông Nguyễn Văn A từng đảm nhiệm các chức vụ Bí thư Tỉnh ủy Cao Bằng, Chủ tịch UBND tỉnh "
                      "Cao Bằng.", date="2024-01-01")
    got = _holdings(ex)
    assert ("Nguyễn Văn A", "bi-thu", "tinh-uy", "Cao Bằng", "former") in got
    assert ("Nguyễn Văn A", "chu-tich-ubnd", "ubnd-tinh", "Cao Bằng", "former") in got
    # after the 2025 reform a district that no longer exists is read at the day before the reform
    ex = extract_text("Ông Lê Văn B, Chủ tịch UBND quận 1 (cũ) được chỉ định làm Bí thư Đảng ủy phường Tân Định.",
                      date="2025-08-15")
    assert ("Lê Văn B", "chu-tich-ubnd", "ubnd-quan", "1", "former") in _holdings(ex)


def test_uncertain_content_year_is_not_asserted():
    # one bare year in an undated article: the day-month is not dated (the guess only reads the text)
    d = event_date("Chiều 8-2, HĐND tỉnh họp. Năm 2015 ông được bầu.", None)
    assert d.iso == "" and d.guess == "2015-02-08" and d.year_inferred
    # a full date the article reports puts the event after it
    d = event_date("Chiều 8-2, HĐND tỉnh họp. Ngày 18/8/2016, ông được bầu.", None)
    assert d.iso == "2017-02-08" and d.year_inferred
    # birth dates and document dates are not the event's
    d = event_date("Ông A sinh ngày 10/9/1960. Chiều 8-2, HĐND tỉnh họp.", None)
    assert d.iso != "1960-09-10"


@pytest.mark.parametrize("text, pub, iso, inferred", [
    ("Chiều 22/3, hội nghị khai mạc.", "2023-03-23", "2023-03-22", False),
    ("Ngày 5.2, tỉnh tổ chức hội nghị.", "2024-02-06", "2024-02-05", False),
    ("Ngày 22-3-2023, tỉnh tổ chức hội nghị.", None, "2023-03-22", False),
    ("Sáng 30/12, hội nghị tổng kết.", "2024-01-02", "2023-12-30", False),
    ("Hội nghị tổng kết năm 2019.", None, "2019", True),
    ("Không có ngày.", None, "", True),
])
def test_dates(text, pub, iso, inferred):
    d = event_date(text, pub)
    assert (d.iso, d.year_inferred) == (iso, inferred)


# -- bad input: clear behaviour, never a traceback ------------------------------------------------------
def _run(args):
    r = CliRunner().invoke(extract, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = _run([str(p)])
    assert r.exit_code == 1 and "empty input" in r.output


def test_binary_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 10)
    r = _run([str(p)])
    assert r.exit_code == 1 and "binary" in r.output


def test_windows_1258_is_converted(tmp_path):
    text = "Chiều 22/3, đồng chí Nguyễn Văn Cường, Bí thư Tỉnh ủy Bắc Kạn phát biểu tại hội nghị của tỉnh."
    import unicodedata
    p = tmp_path / "cp1258.txt"
    tones = "\u0300\u0301\u0303\u0309\u0323"
    parts = []
    for c in text:   # Windows-1258: precomposed base letter + combining tone mark
        d = unicodedata.normalize("NFD", c)
        tone = "".join(x for x in d if x in tones)
        parts.append(unicodedata.normalize("NFC", "".join(x for x in d if x not in tones)) + tone)
    p.write_bytes("".join(parts).encode("cp1258", errors="strict"))
    arts = read_articles(p, date="2023-03-23")
    assert arts[0].encoding == "windows-1258" and "Nguyễn Văn Cường" in arts[0].text
    facts = Extractor.default().extract(arts[0]).facts
    assert any(f.position == "bi-thu" and f.place == "Bắc Kạn" for f in facts)


def test_tcvn3_is_converted():
    from kg.extract.textio import _TCVN3
    enc = {c: b for b, c in _TCVN3.items()}
    text = "đồng chí nguyễn văn cường, bí thư tỉnh ủy, phát biểu tại hội nghị của các đồng chí và người dân"
    data = bytes(enc[c] if c in enc else ord(c) for c in text)
    out, encoding = decode(data)
    assert encoding == "tcvn3" and out == text


def test_vni_is_refused_with_a_message(tmp_path):
    p = tmp_path / "vni.txt"
    p.write_bytes("Ñaûng uûy Quaân söï thaønh phoá Baéc Kaïn vaø Vieät Nam".encode("cp1252"))
    r = _run([str(p)])
    assert r.exit_code == 1 and "VNI" in r.output


def test_several_megabytes(tmp_path):
    sentence = "Đồng chí Nguyễn Văn Cường, Bí thư Tỉnh ủy Bắc Kạn dự hội nghị. " + "Nội dung hội nghị rất dài. " * 20
    p = tmp_path / "big.txt"
    p.write_text("Ngày 5/2/2024, tỉnh tổ chức hội nghị.\n" + sentence * 2500, encoding="utf-8")
    assert p.stat().st_size > 2_000_000
    r = _run([str(p), "--format", "jsonl"])
    assert r.exit_code == 0
    assert len([x for x in r.output.splitlines() if x.startswith("{")]) == 1   # de-duplicated


def test_no_date_warns_and_records_skip(tmp_path):
    p = tmp_path / "nodate.txt"
    p.write_text("Đồng chí Nguyễn Văn Cường, Bí thư Tỉnh ủy Bắc Kạn phát biểu tại hội nghị.", encoding="utf-8")
    r = CliRunner(mix_stderr=False).invoke(extract, [str(p), "--format", "records"]) if "mix_stderr" in \
        CliRunner.__init__.__code__.co_varnames else CliRunner().invoke(extract, [str(p), "--format", "records"])
    assert r.exit_code == 0
    assert "no date" in (r.output + (r.stderr if hasattr(r, "stderr") and r.stderr_bytes is not None else ""))


def test_missing_file():
    r = _run(["/nonexistent/article.txt"])
    assert r.exit_code == 1 and "cannot read" in r.output


def test_jsonl_input_and_bad_date(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "x:1", "date": "2025-09-08", "title": "Tin", "summary":
                             "Ông Phạm Văn Hậu, Phó bí thư Tỉnh ủy Khánh Hòa, phát biểu.", "text": ""},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    r = _run([str(p), "--format", "jsonl"])
    facts = [json.loads(x) for x in r.output.splitlines() if x.startswith("{")]
    assert facts and facts[0]["doc"] == "x:1" and facts[0]["position"] == "pho-bi-thu"
    for k in ("doc", "kind", "person", "position", "org_type", "place", "unit", "status", "date", "span"):
        assert k in facts[0]
    assert _run([str(p), "--date", "22/3"]).exit_code == 2


# -- identity ------------------------------------------------------------------------------------------
def test_identity_merges_only_with_evidence():
    ex = extract_text("Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Cao Bằng phát biểu.", doc="a", date="2024-01-01")
    ex2 = extract_text("Ông Nguyễn Văn Hùng, Bí thư Tỉnh ủy Cao Bằng dự hội nghị.", doc="b", date="2025-01-01")
    ex3 = extract_text("Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Cà Mau phát biểu.", doc="c", date="2024-01-01")
    ident = Identity()
    recs, _ = to_records([ex, ex2, ex3], ident)
    ids = [r["id"] for r in recs if r["type"] == "person"]
    assert ids == ["nguyen-van-hung--cb01", "nguyen-van-hung--cm01"]        # a and b merged, c apart
    merges = [e for e in ident.log if e["op"] == "merge"]
    assert len(merges) == 1 and merges[0]["evidence"]["provinces"]
    undone = undo_merge(recs, merges[0])
    assert {r["person"] for r in undone if r.get("source") == "news-b" and "person" in r} == {
        merges[0]["undo"]["person"]}


# -- evaluation ------------------------------------------------------------------------------------------
def test_matching_rule():
    g = {"doc": "d", "kind": "holding", "person": "Cù Ngọc Cường", "position": "bi-thu", "org_type": "tinh-uy",
         "place": "Bắc Kạn"}
    p = dict(g, person="Cù Ngọc Cường", place="bắc  kạn")
    assert match_key(g) == match_key(p)
    res = evaluate([g], [p, dict(p, position="pho-bi-thu")])
    assert res["holding"]["tp"] == 1 and res["holding"]["fp"] == 1 and res["overall"]["recall"] == 1.0


def test_eval_extract_on_dev_gold():
    r = CliRunner().invoke(eval_extract, [str(GOLD), "--corpus", str(CORPUS), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert set(res) == {"holding", "decision", "rank", "overall"}
    assert res["holding"]["precision"] >= 0.98 and res["holding"]["recall"] >= 0.90
    assert res["decision"]["precision"] >= 0.80 and res["decision"]["recall"] >= 0.65


def test_throughput_function():
    arts = [Article(doc="t", text="Ngày 5/2/2024, đồng chí Nguyễn Văn Cường, Bí thư Tỉnh ủy Bắc Kạn phát biểu.")]
    r = throughput(arts, min_seconds=0.2)
    assert r["articles_per_second"] > 0


# -- general rules added for recall: career lines, lists, coordination, foreign posts -------------------------
def _decisions(ex):
    return {(f.person, f.position, f.org_type, f.place, f.decision) for f in ex.facts if f.kind == "decision"}


def test_dated_career_lines():
    ex = extract_text("Ông Nguyễn Văn A được bầu giữ chức Chủ tịch UBND tỉnh Cao Bằng. Tóm tắt quá trình công tác: "
                      "+ Tháng 7.2005 – 12.2010: Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bắc Kạn; "
                      "+ Từ tháng 1.2011 đến nay: Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy Cao Bằng.",
                      date="2015-01-01")
    got = _holdings(ex)
    assert ("Nguyễn Văn A", "pho-bi-thu", "tinh-uy", "Bắc Kạn", "former") in got
    assert ("Nguyễn Văn A", "chu-tich-hdnd", "hdnd-tinh", "Bắc Kạn", "former") in got
    assert ("Nguyễn Văn A", "bi-thu", "tinh-uy", "Cao Bằng", "current") in got


def test_during_posts_before_the_name():
    ex = extract_text("Trong thời gian giữ các cương vị Giám đốc Sở Tài chính, Bí thư Huyện ủy Hòa An, ông Trần Văn B "
                      "đã vi phạm quy định.", date="2020-01-01")
    got = {(a, b, c, fold(d), e) for a, b, c, d, e in _holdings(ex)}
    assert ("Trần Văn B", "bi-thu", "huyen-uy", fold("Hòa An"), "former") in got


def test_coordinated_names_take_posts_in_order():
    ex = extract_text("HĐND tỉnh Cao Bằng tiếp tục bầu ông Nguyễn Văn A và ông Trần Văn B giữ chức Chủ tịch HĐND tỉnh "
                      "và Chủ tịch UBND tỉnh.", date="2021-06-30")
    dec = _decisions(ex)
    assert ("Nguyễn Văn A", "chu-tich-hdnd", "hdnd-tinh", "Cao Bằng", "bau") in dec
    assert ("Trần Văn B", "chu-tich-ubnd", "ubnd-tinh", "Cao Bằng", "bau") in dec
    assert not any(d[0] == "Nguyễn Văn A" and d[1] == "chu-tich-ubnd" for d in dec)
    # "tiếp tục bầu": the post was held already
    assert ("Trần Văn B", "chu-tich-ubnd", "ubnd-tinh", "Cao Bằng", "current") in _holdings(ex)


def test_counted_list_and_shared_header():
    ex = extract_text("2 cán bộ là Ủy viên Ban Thường vụ Tỉnh ủy Cao Bằng được điều động gồm ông Nguyễn Văn A và "
                      "bà Trần Thị B.", date="2024-01-01")
    got = {(p, pos) for p, pos, *_ in _holdings(ex)}
    assert {("Nguyễn Văn A", "uy-vien-ban-thuong-vu"), ("Trần Thị B", "uy-vien-ban-thuong-vu")} <= got
    ex = extract_text("Dự lễ có các đồng chí nguyên Ủy viên Ban Chấp hành Trung ương Đảng: Nguyễn Văn A - nguyên Bí "
                      "thư Tỉnh ủy Cao Bằng; Lê Văn C - nguyên Bộ trưởng Bộ Tài chính.", date="2024-01-01")
    got = _holdings(ex)
    assert ("Nguyễn Văn A", "uy-vien-trung-uong", "ban-chap-hanh-trung-uong", "", "former") in got
    assert ("Lê Văn C", "uy-vien-trung-uong", "ban-chap-hanh-trung-uong", "", "former") in got


def test_discipline_form_and_authority_place():
    ex = extract_text("Ủy ban Kiểm tra Trung ương quyết định thi hành kỷ luật ông Nguyễn Văn A, Bí thư Huyện ủy Hòa An "
                      "bằng hình thức khiển trách.", date="2020-01-01")
    assert {d[4] for d in _decisions(ex)} == {"ky-luat-khien-trach"}
    ex = extract_text("Ông Trần Văn B, nguyên Chủ tịch UBND tỉnh Bắc Kạn được HĐND tỉnh Cao Bằng bầu làm Chủ tịch UBND "
                      "tỉnh.", date="2021-06-30")
    assert ("Trần Văn B", "chu-tich-ubnd", "ubnd-tinh", "Cao Bằng", "bau") in _decisions(ex)


def test_foreign_titles_are_not_vietnamese_posts():
    ex = extract_text("Chiều 25/4, Thượng tướng Trần Văn A, Bộ trưởng Bộ Quốc phòng, đón Thượng tướng Ngụy Văn B, "
                      "Bộ trưởng Bộ Quốc phòng Trung Quốc.", date="2021-04-26")
    assert {f.person for f in ex.facts} == {"Trần Văn A"}


def test_replaced_person_held_the_post():
    ex = extract_text("Bộ Chính trị điều động ông Nguyễn Văn A, Bí thư Tỉnh ủy Bắc Kạn, giữ chức Bí thư Tỉnh ủy Cao "
                      "Bằng, thay ông Trần Văn B.", date="2024-01-01")
    assert ("Trần Văn B", "bi-thu", "tinh-uy", "Cao Bằng", "former") in _holdings(ex)


# --- the chain before a decision describes the person before it (issue #4) ----------------------------------

def test_transfer_ends_the_posts_held_before_it():
    # rss:942a32225914846765555f82c5196fab (2025-09-04): the transfer ends the provincial post; the Central
    # Committee membership stays
    ex = extract_text("Ông Nguyễn Long Hải, Ủy viên dự khuyết Trung ương Đảng, Phó bí thư Thường trực Tỉnh ủy Quảng "
                      "Trị, được điều động, chỉ định giữ chức Phó bí thư Đảng ủy các cơ quan Đảng Trung ương nhiệm kỳ "
                      "2020-2025.", date="2025-09-04")
    hs = _holdings(ex)
    assert ("Nguyễn Long Hải", "pho-bi-thu-thuong-truc", "tinh-uy", "Quảng Trị", "former") in hs
    assert ("Nguyễn Long Hải", "uy-vien-du-khuyet", "ban-chap-hanh-trung-uong", "", "current") in hs
    # rss:5b234db995a20134158a76e7ef4d87ef (2025-09-30): Lào Cai → Thái Nguyên
    ex = extract_text("Ông Trịnh Xuân Trường, Bí thư Tỉnh ủy Lào Cai, được Bộ Chính trị điều động, chỉ định giữ chức "
                      "Bí thư Tỉnh ủy Thái Nguyên nhiệm kỳ 2025-2030.", date="2025-09-30")
    assert ("Trịnh Xuân Trường", "bi-thu", "tinh-uy", "Lào Cai", "former") in _holdings(ex)
    # rss:a9020ae3169e4dfabacfc2ec9b4af1a0: "tiếp nhận, bổ nhiệm" = the ministry receives him from another post
    ex = extract_text("Chiều 30-9, Phó thủ tướng Bùi Thanh Sơn đã trao quyết định của Thủ tướng tiếp nhận, bổ nhiệm "
                      "ông Đỗ Thanh Bình, Bí thư Thành ủy Cần Thơ, giữ chức Thứ trưởng thường trực Bộ Nội vụ.",
                      date="2025-10-01")
    assert ("Đỗ Thanh Bình", "bi-thu", "thanh-uy-tw", "Cần Thơ", "former") in _holdings(ex)
    # rss:e18e77e5e2146bcf6d9f96542d614b43: the new post is not understood, the transfer still ends the old one
    ex = extract_text("Ông Nguyễn Phi Long, Phó bí thư thường trực Tỉnh ủy Phú Thọ, được Bộ Chính trị điều động, "
                      "chỉ định làm Phó bí thư Đảng ủy Mặt trận Tổ quốc (MTTQ), các đoàn thể T.Ư.", date="2025-09-05")
    assert ("Nguyễn Phi Long", "pho-bi-thu-thuong-truc", "tinh-uy", "Phú Thọ", "former") in _holdings(ex)


def test_a_new_post_of_the_same_body_ends_the_old_one_and_others_stay():
    # rss:f9892b519344073438a1a17c86ee81ce (2025-09-19)
    ex = extract_text("Ông Lê Minh Ngân, Phó bí thư thường trực Tỉnh ủy Lai Châu, được bầu giữ chức Bí thư Tỉnh ủy "
                      "Lai Châu nhiệm kỳ 2025-2030.", date="2025-09-19")
    assert ("Lê Minh Ngân", "pho-bi-thu-thuong-truc", "tinh-uy", "Lai Châu", "former") in _holdings(ex)
    # a post of another body is not ended by an election (Bí thư and Chủ tịch HĐND are often held together)
    ex = extract_text("Ông Nguyễn Văn A, Bí thư Tỉnh ủy Bắc Kạn, được bầu giữ chức Chủ tịch HĐND tỉnh Bắc Kạn.",
                      date="2021-06-30")
    assert ("Nguyễn Văn A", "bi-thu", "tinh-uy", "Bắc Kạn", "current") in _holdings(ex)
    # the person announcing a transfer keeps the post (baomoi:22617632)
    ex = extract_text("Chiều 26/6, Phó Bí thư Thường trực Thành ủy Hà Nội Ngô Thị Thanh Hằng đã trao quyết định điều "
                      "động, phân công đồng chí Hoàng Minh Dũng Tiến làm Bí thư Quận ủy Ba Đình.", date="2017-06-27")
    assert ("Ngô Thị Thanh Hằng", "pho-bi-thu-thuong-truc", "thanh-uy-tw", "Hà Nội", "current") in _holdings(ex)


def test_titles_of_someone_served_in_the_past_are_former():
    # baomoi:22617632
    ex = extract_text("Đồng chí Hoàng Minh Dũng Tiến sinh ngày 5/2/1966, từng là Thư ký cho Ủy viên Bộ Chính trị, Bí "
                      "thư Thành ủy Hà Nội Phạm Quang Nghị, là Phó Chánh Văn phòng Thành ủy.", date="2017-06-27")
    assert ("Phạm Quang Nghị", "bi-thu", "thanh-uy-tw", "Hà Nội", "former") in _holdings(ex)


def test_undated_baomoi_records_are_dated_in_their_publication_window():
    # baomoi ids 21.47M–22.75M are 2017 (corpus README); "Ngày 25.5" is 2017-05-25, not the 2012 the article
    # mentions ("từ tháng 6.2012 đến nay"); baomoi:22370288
    from kg.extract.textio import article_from_json, publication_window
    assert publication_window("baomoi:22370288") == ("2017-01-01", "2017-12-31")
    assert publication_window("baomoi:1000") == ("", "") and publication_window("rss:abc") == ("", "")
    art = article_from_json({"id": "baomoi:22370288", "title": "Kiểm tra công tác cán bộ",
                             "summary": "", "text": "Ngày 25.5, tại Văn phòng Tỉnh ủy Bình Định, đoàn kiểm tra công bố "
                                                    "nội dung kiểm tra từ tháng 6.2012 đến nay."})
    ev = event_date(art.text, None, art.window)
    assert (ev.iso, ev.year_inferred, ev.year_source) == ("2017-05-25", True, "publication-window")
    # a written date outside the window is one the article mentions (baomoi:21491994: "Trước đó, ngày 14/9/2016")
    assert event_date("Trước đó, ngày 14/9/2016, bà A ký. Sáng 8/2, ông B nhận nhiệm vụ.", None,
                      ("2017-01-01", "2017-12-31")).iso == "2017-02-08"
    # no day-month: the window's year
    assert event_date("Ông A làm Bí thư.", None, ("2017-01-01", "2017-12-31")).iso == "2017"
    # a dated record has no window
    assert article_from_json({"id": "baomoi:22370288", "date": "2017-05-26", "text": "x"}).window == ("", "")


def test_agreement_script_does_not_score_open_terms_after_the_data_date():
    # scripts/agreement_viwiki.py: "nay" = current on the data's as-of date (the latest term start), not later
    import importlib.util
    from datetime import date
    spec = importlib.util.spec_from_file_location("agreement_viwiki", ROOT / "scripts" / "agreement_viwiki.py")
    ag = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ag)
    rows = [{"term_start": "2020-10-19"}, {"term_start": "2025-10-01"}, {"term_start": "2025"}, {"term_start": ""}]
    assert ag.data_as_of(rows) == date(2025, 10, 1)
    as_of, open_term = date(2025, 10, 1), [(date(2020, 10, 19), date.max, True)]
    # rss:15a3540378472f9f3577eb602aa616a0 (2025-10-14): "former" Bí thư, infobox 2020-10-19–nay
    assert ag.verdict("former", date(2025, 10, 14), open_term, as_of) == "unscorable"
    assert ag.verdict("current", date(2025, 10, 14), open_term, as_of) == "unscorable"     # symmetric
    assert ag.verdict("current", date(2025, 9, 1), open_term, as_of) == "agree"
    assert ag.verdict("former", date(2025, 9, 1), open_term, as_of) == "disagree"
    ended = [(date(2020, 10, 19), date(2025, 9, 28), False)]
    assert ag.verdict("former", date(2025, 10, 14), ended, as_of) == "agree"
    assert ag.verdict("current", date(2025, 9, 30), ended, as_of) == "disagree"


def test_a_post_closed_earlier_in_the_article_is_former_after_that_date():
    # baomoi:22229320: the Central Committee released him from the Politburo on 7/5; a later mention (article of
    # 10/5) of "Ủy viên Bộ Chính trị" describes him before that decision. "cảnh cáo và cho thôi giữ chức X": the
    # verb after the discipline form is its own decision
    ex = extract_text("Sáng 10/5, tại TP.HCM, Bộ Chính trị công bố quyết định về công tác cán bộ. "
                      "Ngày 7/5, Ban Chấp hành Trung ương Đảng đã quyết định thi hành kỷ luật ông Đinh La Thăng, Bí thư "
                      "Thành ủy TP.HCM bằng hình thức cảnh cáo và cho thôi giữ chức Ủy viên Bộ Chính trị khóa XII với tỉ "
                      "lệ phiếu rất cao. Quyết định kỷ luật trên là để xử lý khuyết điểm của ông Đinh La Thăng, Ủy viên "
                      "Bộ Chính trị, Bí thư Thành ủy TP.HCM trong giai đoạn công tác tại PVN.", date="2017-05-10")
    decs = {(f.position, f.decision, f.date) for f in ex.facts if f.kind == "decision"}
    assert ("uy-vien-bo-chinh-tri", "cho-thoi", "2017-05-07") in decs
    # "Quyết định kỷ luật trên": a reference to the decision reported, not a new one
    assert not [f for f in ex.facts if f.kind == "decision" and f.decision == "ky-luat"]
    hs = _holdings(ex)
    assert ("Đinh La Thăng", "uy-vien-bo-chinh-tri", "bo-chinh-tri", "", "former") in hs
    assert ("Đinh La Thăng", "uy-vien-bo-chinh-tri", "bo-chinh-tri", "", "current") not in hs


def test_closing_then_starting_decisions_in_one_clause():
    # baomoi:22229320, baomoi:22243716
    ex = extract_text("Bộ Chính trị đã quyết định để ông Đinh La Thăng thôi giữ chức Bí thư Thành ủy, Trưởng đoàn Đại "
                      "biểu Quốc hội khóa XIV TP.HCM và điều động, phân công giữ chức Phó trưởng Ban Kinh tế Trung ương.",
                      date="2017-05-10")
    decs = {(f.position, f.org_type, f.decision, f.status) for f in ex.facts if f.kind == "decision"}
    assert ("bi-thu", "thanh-uy-tw", "cho-thoi", "former") in decs
    assert ("pho-truong-ban", "ban-kinh-te-trung-uong", "dieu-dong", "appointed") in decs
    assert not any(d[0] == "pho-truong-ban" and d[2] == "cho-thoi" for d in decs)
    ex = extract_text("Bộ Chính trị quyết định phân công ông Đinh La Thăng, Ủy viên Trung ương Đảng, thôi giữ chức Bí thư "
                      "Thành ủy TP.HCM (nhiệm kỳ 2015 - 2020) về nhận nhiệm vụ Phó Trưởng Ban Kinh tế Trung ương.",
                      date="2017-05-10")
    assert ("Đinh La Thăng", "bi-thu", "thanh-uy-tw", "Hồ Chí Minh", "cho-thoi") in _decisions(ex)


def test_posts_after_the_name_belong_to_the_verb_before_it():
    # baomoi:22617632: "chỉ định X tham gia A, B, phân công làm C" is one decision named by its first verb
    ex = extract_text("Ban Thường vụ Thành ủy chỉ định đồng chí Hoàng Minh Dũng Tiến tham gia Ban Chấp hành, Ban Thường "
                      "vụ, phân công làm Bí thư Quận ủy Ba Đình.", date="2017-06-26")
    decs = _decisions(ex)
    assert ("Hoàng Minh Dũng Tiến", "uy-vien-ban-chap-hanh", "quan-uy", "Ba Đình", "chi-dinh") in decs
    assert ("Hoàng Minh Dũng Tiến", "bi-thu", "quan-uy", "Ba Đình", "chi-dinh") in decs
    # baomoi:22229320: a closing quotation mark ends the posts ('…", Chủ tịch Quốc hội cho biết')
    ex = extract_text('"Bộ Chính trị đồng thuận với phương án phân công ông Nguyễn Thiện Nhân, Ủy viên Bộ Chính trị làm '
                      'Bí thư Thành ủy TP.HCM", Chủ tịch Quốc hội cho biết.', date="2017-05-10")
    assert {d[1] for d in _decisions(ex)} == {"bi-thu"}


def test_two_posts_of_one_body_before_a_name_are_not_one_persons():
    # rss:a9020ae3169e4dfabacfc2ec9b4af1a0: "của Thủ tướng" is the Prime Minister, not Bùi Thanh Sơn
    ex = extract_text("Chiều 30-9, thừa ủy quyền của Thủ tướng, Phó thủ tướng Bùi Thanh Sơn đã trao quyết định.",
                      date="2025-10-01")
    assert {(h[1], h[2]) for h in _holdings(ex)} == {("pho-thu-tuong", "chinh-phu")}


def test_posts_held_at_that_time_are_former():
    # baomoi:22643232: "Thời điểm đó, bà Trà làm Chủ tịch UBND tỉnh Yên Bái" (she is Bí thư now); the signer named
    # after "là" is not the object of "quyết định bổ nhiệm ông A"
    ex = extract_text("Bà Phạm Thị Thanh Trà, Chủ tịch UBND tỉnh Yên Bái ký quyết định. Theo ông Khương, người ký quyết "
                      "định bổ nhiệm ông Phạm Sỹ Quý là bà Phạm Thị Thanh Trà, Bí thư Tỉnh ủy Yên Bái. Thời điểm đó, bà "
                      "Trà làm Chủ tịch UBND tỉnh Yên Bái.", date="2017-06-29")
    hs = _holdings(ex)
    assert ("Phạm Thị Thanh Trà", "chu-tich-ubnd", "ubnd-tinh", "Yên Bái", "former") in hs
    assert ("Phạm Thị Thanh Trà", "chu-tich-ubnd", "ubnd-tinh", "Yên Bái", "current") not in hs
    assert ("Phạm Thị Thanh Trà", "bi-thu", "tinh-uy", "Yên Bái", "current") in hs
    assert not [d for d in _decisions(ex) if d[0] == "Phạm Thị Thanh Trà"]


def test_who_decides_is_not_the_decisions_object():
    # rss:af9b0897ccccbe6460f28c643ed9d801: the title before the next name is that person's; the Prime Minister
    # keeps his post
    ex = extract_text("Thủ tướng Phạm Minh Chính điều động, bổ nhiệm Thứ trưởng Bộ Khoa học và Công nghệ Bùi Thế Duy giữ "
                      "chức Phó chủ tịch Viện Hàn lâm Khoa học và Công nghệ Việt Nam.", date="2026-01-13")
    assert ("Phạm Minh Chính", "thu-tuong", "chinh-phu", "", "current") in _holdings(ex)
    assert not [d for d in _decisions(ex) if d[0] == "Phạm Minh Chính"]
    # rss:09e1ee87837cba7b6ea1969e66a3b169: "X ký ban hành nghị quyết … bổ nhiệm …"
    ex = extract_text("Chủ tịch Quốc hội Trần Thanh Mẫn ký ban hành nghị quyết của Ủy ban Thường vụ Quốc hội bổ nhiệm "
                      "Trợ lý của Phó chủ tịch thường trực Quốc hội Đỗ Văn Chiến.", date="2026-01-12")
    assert ("Trần Thanh Mẫn", "chu-tich-quoc-hoi", "quoc-hoi", "", "current") in _holdings(ex)
    assert not [d for d in _decisions(ex) if d[0] == "Trần Thanh Mẫn"]


def test_a_deputy_post_ends_only_when_the_person_becomes_the_head():
    # baomoi:22581411: a Phó Chánh án stays a Thẩm phán
    ex = extract_text("Chủ tịch nước đã trao Quyết định bổ nhiệm ông Nguyễn Trí Tuệ, Thẩm phán Tòa án nhân dân tối cao, "
                      "giữ chức vụ Phó Chánh án Tòa án nhân dân tối cao.", date="2017-06-21")
    assert ("Nguyễn Trí Tuệ", "tham-phan", "toa-an-nhan-dan-toi-cao", "", "current") in _holdings(ex)
    # rss:7af7847222b647141836d051ec86dd92: the Phó chủ tịch thường trực HĐND elected Chủ tịch HĐND
    ex = extract_text("Phó bí thư Thành ủy, Phó chủ tịch thường trực HĐND TP.Hà Nội Phùng Thị Hồng Hà được bầu giữ chức "
                      "Chủ tịch HĐND TP.Hà Nội.", date="2025-11-13")
    hs = _holdings(ex)
    assert ("Phùng Thị Hồng Hà", "pho-chu-tich-hdnd", "hdnd-tinh", "Hà Nội", "former") in hs
    assert ("Phùng Thị Hồng Hà", "pho-bi-thu", "thanh-uy-tw", "Hà Nội", "current") in hs


def test_elided_committee_with_a_bare_level_word_is_the_last_posts_unit():
    # baomoi:21473958
    ex = extract_text("Chiều 6/2, Thành ủy Đà Nẵng chỉ định đồng chí Nguyễn Thanh Quang vào Ban Chấp hành Đảng bộ quận, Ban "
                      "Thường vụ Quận ủy và giữ chức Bí thư Quận ủy Thanh Khê, nhiệm kỳ 2015- 2020.", date="2017-02-07")
    decs = _decisions(ex)
    assert ("Nguyễn Thanh Quang", "uy-vien-ban-chap-hanh", "quan-uy", "Thanh Khê", "chi-dinh") in decs
    assert ("Nguyễn Thanh Quang", "bi-thu", "quan-uy", "Thanh Khê", "chi-dinh") in decs


def test_the_speaker_reporting_a_decision_is_not_its_object():
    # baomoi:22236746
    ex = extract_text("Chiều 10/5, Tổng Bí thư Nguyễn Phú Trọng đề cập việc Trung ương quyết định thi hành kỷ luật cảnh "
                      "cáo, cho thôi chức Ủy viên Bộ Chính trị với ông Đinh La Thăng.", date="2017-05-10")
    assert not [d for d in _decisions(ex) if d[0] == "Nguyễn Phú Trọng"]


def test_a_deputy_without_a_deputy_type_is_not_the_chiefs_holder():
    # "Phó Sư đoàn trưởng": the ontology has no deputy division commander; he is not the division commander
    ex = extract_text("Đại tá Nguyễn Văn A, Phó Sư đoàn trưởng Sư đoàn 312, đã phát biểu.", date="2020-01-01")
    assert not [h for h in _holdings(ex) if h[1] == "su-doan-truong"]


def test_a_department_named_like_a_country_is_no_foreign_post():
    # "Vụ Pháp chế" (legal affairs) is no post of France: the person and the post are kept, with the ministry it
    # belongs to; the foreign post is still recognized ("Đại sứ Pháp")
    r = extract_text("Ông Nguyễn Văn An, Vụ trưởng Vụ Pháp chế, Bộ Y tế cho biết dự thảo đã được gửi.", date="2020-03-05")
    assert [(f.position, f.org_type, f.unit, f.parent_org_type, f.parent_unit) for f in r.facts] == [
        ("vu-truong", "vu", "Pháp chế", "bo", "Y tế")]
    r = extract_text("Ông Nguyễn Văn An, Bộ trưởng Bộ Ngoại giao Pháp cho biết dự thảo đã được gửi.", date="2020-03-05")
    assert r.facts == []


def test_the_partner_of_a_bilateral_friendship_association_is_no_foreign_post():
    # "Hội Hữu nghị Việt Nam - Lào" is a Vietnamese association: the person keeps the other posts of the chain
    r = extract_text("Ông Nguyễn Văn An, Ủy viên Trung ương Đảng, Chủ tịch Hội Hữu nghị Việt Nam - Lào tỉnh Nghệ An "
                     "phát biểu.", date="2020-03-05")
    assert [(f.position, f.org_type) for f in r.facts] == [("uy-vien-trung-uong", "ban-chap-hanh-trung-uong")]


def test_a_country_in_another_persons_title_or_in_a_place_name_makes_no_foreign_official():
    # "… Tổng Bí thư Đảng Nhân dân cách mạng Lào và Phu nhân Tổng Bí thư Tô Lâm": "và" starts the next person;
    # "Chương Mỹ" is a district of Hà Nội, not the United States
    r = extract_text("Phu nhân Tổng Bí thư Đảng Nhân dân cách mạng Lào và Phu nhân Tổng Bí thư Tô Lâm thăm trường.",
                     date="2024-07-01")
    assert "Tô Lâm" in {f.person for f in r.facts}
    r = extract_text("Đơn vị bầu cử huyện Chương Mỹ có 5 ứng cử viên gồm ông Nguyễn Văn An, Bí thư Huyện ủy Chương Mỹ.",
                     date="2021-04-01")
    assert [(f.person, f.position) for f in r.facts] == [("Nguyễn Văn An", "bi-thu")]
