"""Every query of the analyst library runs against the seed data and answers what the article says."""
from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.queries import format_result, list_queries, result_rows, run_named

AT = "2023-03-22"


def rows(store, name, **params):
    names, data = result_rows(run_named(store, name, params))
    return [dict(zip(names, r)) for r in data]


def test_the_library_has_the_documented_queries():
    names = set(list_queries())
    assert names >= {"who-held", "posts-of", "members-of", "concurrent-posts", "succession", "decisions",
                     "organization-tree", "successors-of"}
    for q in list_queries().values():
        assert q.title and q.example.startswith("kg query " + q.name), q.name


def test_who_held_the_city_secretary_post(seed_store):
    r = rows(seed_store, "who-held", post="post:bi-thu--thanh-uy--bac-kan--058", at=AT)
    assert {x["name"] for x in r} == {"Cù Ngọc Cường"}
    assert r[0]["status"] == "definitely" and r[0]["basis"] == "attestation"
    assert r[0]["source"] == "src:seed-bac-kan-2023-03-22" and r[0]["quote"] == "Bí thư Thành uỷ"


def test_who_held_a_day_later_is_only_possible_without_a_tenure(seed_store):
    assert rows(seed_store, "who-held", post="post:bi-thu--thanh-uy--bac-kan--058", at="2023-03-23") == []


def test_who_held_by_position_type_and_organization(seed_store):
    r = rows(seed_store, "who-held", position="pt:chinh-uy", org="org:bo-chqs-tinh--bac-kan--06", at=AT)
    assert [x["name"] for x in r] == ["Lã Văn Hào"]


def test_posts_held_by_a_person_on_a_date_include_inferred_memberships(seed_store):
    r = rows(seed_store, "who-held", person="per:cu-ngoc-cuong--bk01", at=AT)
    posts = {x["post"] for x in r}
    assert {"post:uy-vien-ban-thuong-vu--ban-thuong-vu-tinh-uy--bac-kan--06", "post:bi-thu--thanh-uy--bac-kan--058",
            "post:chu-tich-hdnd--hdnd-thanh-pho--bac-kan--058",
            "post:bi-thu--dang-uy-quan-su-thanh-pho--bac-kan--058"} <= posts
    # I1 (M1): a Standing Committee member is a member of the Tỉnh ủy, marked as inferred.
    inferred = {x["post"] for x in r if x["basis"].startswith("inferred")}
    assert "post:uy-vien-ban-chap-hanh--tinh-uy--bac-kan--06" in inferred


def test_posts_of_is_a_timeline(seed_store):
    r = rows(seed_store, "posts-of", person="per:hoang-ha-bac--bk01")
    labels = [x["postLabel"] for x in r if x["basis"] in ("attestation", "tenure")]
    assert len(labels) == 4
    assert any(x["basis"] == "tenure" and "Quân sự" in x["postLabel"] for x in r)


def test_members_of_a_party_organization_include_its_organs(seed_store):
    r = rows(seed_store, "members-of", org="org:dang-bo-thanh-pho--bac-kan--058", at=AT)
    assert {x["name"] for x in r} >= {"Cù Ngọc Cường", "Hoàng Hà Bắc"}


def test_concurrent_posts_on_the_event_date(seed_store):
    r = {x["name"]: int(x["posts"]) for x in rows(seed_store, "concurrent-posts", at=AT)}
    assert r["Cù Ngọc Cường"] == 4 and r["Hoàng Hà Bắc"] == 4 and "Lã Văn Hào" not in r


def test_succession_lists_tenures_of_a_post(seed_store):
    r = rows(seed_store, "succession", post="post:uy-vien-ban-chap-hanh--dang-uy-quan-su-thanh-pho--bac-kan--058")
    assert [x["name"] for x in r] == ["Hoàng Hà Bắc"]


def test_decisions_by_authority(seed_store):
    r = rows(seed_store, "decisions", authority="org:thanh-uy--bac-kan--058")
    assert len(r) == 1 and r[0]["name"] == "Hoàng Hà Bắc" and r[0]["announced"] == "2023-03-22"
    assert rows(seed_store, "decisions", **{"from": "2024-01-01"}) == []


def test_organization_tree_on_a_date(seed_store):
    r = rows(seed_store, "organization-tree", org="org:dang-bo-tinh--bac-kan--06", at=AT)
    children = {x["child"] for x in r}
    assert "org:tinh-uy--bac-kan--06" in children and "org:dang-bo-thanh-pho--bac-kan--058" in children
    assert rows(seed_store, "organization-tree", org="org:dang-bo-tinh--bac-kan--06", at="2026-01-01") == []


def test_successors_across_the_2025_reform(seed_store):
    r = rows(seed_store, "successors-of", entity="au:06@pre2025")
    assert [x["successor"] for x in r] == ["au:19@2025"] and r[0]["date"] == "2025-07-01"
    r = rows(seed_store, "successors-of", entity="org:tinh-uy--bac-kan--06")
    assert "org:tinh-uy--thai-nguyen--19-2025" in {x["successor"] for x in r}


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_results_in_every_format(seed_store, fmt):
    out = format_result(run_named(seed_store, "who-held", {"post": "post:bi-thu--thanh-uy--bac-kan--058", "at": AT}), fmt)
    assert "Cù Ngọc Cường" in out
    if fmt == "json":
        import json
        assert json.loads(out)["head"]["vars"][0] == "person"


def test_missing_and_unknown_parameters_are_explained(seed_store):
    with pytest.raises(QueryError, match="needs --param at"):
        run_named(seed_store, "who-held", {"post": "post:x"})
    with pytest.raises(QueryError, match="no parameter 'when'"):
        run_named(seed_store, "who-held", {"when": "2023-01-01", "at": AT})
    with pytest.raises(QueryError, match="give a day"):
        run_named(seed_store, "who-held", {"at": "2023"})
