"""The `kg` command: the README's main job, and clear errors for user mistakes."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("kg") / "store"
    result = CliRunner().invoke(cli, ["load", str(ROOT / "data" / "seed"), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    err = r.stderr if r.stderr_bytes is not None else ""
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout + err


def test_who_answers_with_the_source(store_dir):
    code, out = run("who", "Bí thư Thành ủy Bắc Kạn", "--at", "2023-03-22", "--store", store_dir)
    assert code == 0 and "Cù Ngọc Cường" in out and "definitely" in out
    assert "Đảng ủy Quân sự thành phố sơ kết" in out  # the source article


def test_who_after_the_reform_explains_the_end_and_names_successors(store_dir):
    code, out = run("who", "Bí thư Thành uỷ Bắc Kạn", "--at", "2026-01-01", "--store", store_dir)
    assert code == 0 and "ceased to exist on 2025-06-30" in out
    assert "Đảng ủy phường Bắc Kạn" in out and "Đảng ủy phường Đức Xuân" in out


def test_person_search_ignores_diacritics_and_lists_posts_on_a_date(store_dir):
    code, out = run("person", "hoang ha bac", "--at", "2023-03-22", "--store", store_dir)
    assert code == 0 and "Hoàng Hà Bắc" in out and "Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn" in out


def test_query_in_json_is_sparql_results(store_dir):
    code, out = run("query", "concurrent-posts", "-p", "at=2023-03-22", "--format", "json", "--store", store_dir)
    assert code == 0
    names = {b["name"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert names == {"Cù Ngọc Cường", "Hoàng Hà Bắc"}


def test_query_without_name_lists_the_library():
    code, out = run("query")
    assert code == 0 and "who-held" in out and "successors-of" in out


def test_user_mistakes_get_a_message_not_a_traceback(store_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {type: tenure, person: x--1, position: bi thu, org: tinh-uy--bac-kan--06}\n", encoding="utf-8")
    for args in (["load", str(bad), "--store", store_dir],
                 ["who", "Bí thư Tỉnh ủy Atlantis", "--at", "2023-01-01", "--store", store_dir],
                 ["who", "Bí thư Thành ủy Bắc Kạn", "--at", "2023-02-30", "--store", store_dir],
                 ["query", "who-hold", "--store", store_dir],
                 ["sparql", "SELECT WHERE {", "--store", store_dir],
                 ["query", "who-held", "-p", "at=2023-03-22", "--store", str(tmp_path / "none")]):
        code, out = run(*args)
        assert code in (1, 2) and "Traceback" not in out and out.strip(), args
    code, out = run("load", str(bad), "--store", store_dir)
    assert "did you mean 'bi-thu'?" in out


def test_the_readme_main_job_runs(tmp_path):
    """The README's first command (after installation) on a fresh store."""
    script = ROOT / "scripts" / "demo.sh"
    r = subprocess.run(["bash", str(script), str(tmp_path / "store"), str(tmp_path / "view.html")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for name in ("Cù Ngọc Cường", "Hoàng Hà Bắc", "Lã Văn Hào", "Bí thư Thành ủy thành phố Bắc Kạn",
                 "Chính ủy Bộ Chỉ huy Quân sự tỉnh Bắc Kạn"):
        assert name in r.stdout
