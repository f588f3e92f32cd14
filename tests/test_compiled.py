"""The title parser's hot modules run compiled by mypyc (setup.py); the Python source is the reference.

Both builds must read every title the same way, and a compiled module built from an older source must never run
in its place (kg._compiled)."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import kg
import kg.titles
from kg import _compiled

ROOT = Path(__file__).resolve().parent.parent
VIWIKI = ROOT.parent / "shared" / "corpus" / "ground_truth" / "viwiki_politician_offices.csv"

# parse every string given on stdin (JSON lines: [text, at, place]); print the titles as JSON
_PARSE = """
import json, sys
import kg
from kg.titles import TitleParser
p = TitleParser.default()
out = [[t.to_json() for t in p.parse_titles(s, at=at, place=pl, cache=False)] for s, at, pl in json.load(sys.stdin)]
print(json.dumps({"build": kg.BUILD, "titles": out}, ensure_ascii=False))
"""


def _inputs() -> list[list]:
    items = []
    with open(VIWIKI, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            start = r["term_start"] if len(r["term_start"]) == 10 else None
            items.append([r["office"], start, None])
    for line in (ROOT / "tests" / "gold" / "na13_titles.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            field = json.loads(line)["field"]
            items += [[field, "2012-06-01", None], [field, "2012-06-01", "Bắc Kạn"]]
    return items


def _parse_in_child(items, **env) -> dict:
    out = subprocess.run([sys.executable, "-c", _PARSE], input=json.dumps(items), capture_output=True, text=True,
                         env=dict(os.environ, **env), check=True, cwd=ROOT)
    return json.loads(out.stdout)


def test_the_parser_runs_compiled():
    # CI installs with `pip install -e .`, which compiles; only KG_PURE_PYTHON=1 asks for the source
    if os.environ.get("KG_PURE_PYTHON") != "1":
        assert kg.BUILD == "compiled", "kg's parser is not compiled: python3 -m pip install -e . (needs a C compiler)"
        assert _compiled.is_compiled(kg.titles)


def test_compiled_and_source_read_every_title_the_same_way():
    items = _inputs()
    source = _parse_in_child(items, KG_PURE_PYTHON="1")
    here = _parse_in_child(items, KG_PURE_PYTHON="0")
    assert source["build"] == "source"
    assert len(source["titles"]) == len(items) > 5_000
    differ = [(items[i][0], a, b) for i, (a, b) in enumerate(zip(source["titles"], here["titles"])) if a != b]
    assert not differ, differ[:3]


def _copy_of_the_build(tmp_path) -> Path:
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for lib in ROOT.glob("*__mypyc*"):                   # the library the compiled modules share
        shutil.copy(lib, tmp_path)
    return tmp_path


def _import_in(root: Path) -> tuple[list[str], str]:
    code = "import kg, kg.titles, kg.normalize; print(kg.BUILD, kg.titles.__file__, kg.normalize.__file__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env=dict(os.environ, PYTHONPATH=str(root)), check=True)
    return out.stdout.split(), out.stderr


def test_a_build_older_than_its_source_is_not_run(tmp_path):
    if kg.BUILD != "compiled":
        return                  # nothing compiled to go stale (test_the_parser_runs_compiled says why)
    root = _copy_of_the_build(tmp_path)
    assert _import_in(root)[0][0] == "compiled"            # the copy as built runs compiled
    with open(root / "kg" / "titles.py", "a", encoding="utf-8") as f:
        f.write("\n# an edit made after the build\n")
    (build, titles, normalize), err = _import_in(root)
    assert build == "stale"
    assert titles.endswith("titles.py") and normalize.endswith("normalize.py")   # all from source, not a mix
    assert "kg/titles.py changed since the parser was compiled" in err and "pip install -e ." in err


def test_a_build_without_its_record_is_not_run(tmp_path):
    if kg.BUILD != "compiled":
        return
    root = _copy_of_the_build(tmp_path)
    (root / "kg" / "_compiled.json").unlink()
    (build, titles, _), err = _import_in(root)
    assert build == "stale" and titles.endswith("titles.py") and "changed since" in err
