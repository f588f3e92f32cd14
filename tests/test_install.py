"""A wheel (``pip install .``, not the editable install the README uses) carries the ontology, the data and the
query library inside the package, and works from anywhere."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# run outside the checkout, with only the installed wheel on the path
_USE = """
import json
import kg, kg.paths
from kg.queries import list_queries
from kg.store import _data_arg
from kg.titles import parse_titles
t = parse_titles("Bí thư Tỉnh ủy Bắc Kạn", at="2019-01-01")[0]
print(json.dumps({"root": str(kg.paths.ROOT), "file": kg.__file__, "build": kg.BUILD, "load": _data_arg(),
                  "title": [t.position, t.org_type, t.place, t.unit_id], "queries": len(list_queries())}))
"""


def test_an_installed_wheel_reads_its_own_copy_of_the_ontology_and_data(tmp_path):
    # the Python source build (KG_PURE_PYTHON=1: no compile, a few seconds); setup.py copies the data either way
    # (built from a copy: pip builds in the source tree's build/)
    src = tmp_path / "src"
    src.mkdir()
    for name in ("kg", "ontology", "data", "queries"):
        shutil.copytree(ROOT / name, src / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "_data", "_compiled.json"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    env = dict(os.environ, KG_PURE_PYTHON="1")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, env=env, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("kg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for f in ("kg/_data/ontology/kg.ttl", "kg/_data/data/gazetteer/units.jsonl", "kg/_data/queries"):
        assert any(n.startswith(f) for n in names), f
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, env=env, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([sys.executable, "-c", _USE], check=True, capture_output=True, text=True, cwd=elsewhere,
                         env=dict(env, PYTHONPATH=str(target)))
    import json
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["file"].startswith(str(target)) and got["root"] == str(target / "kg" / "_data")
    assert got["load"] == str(target / "kg" / "_data" / "data")       # what "no store" tells the user to load
    assert got["title"] == ["bi-thu", "tinh-uy", "Bắc Kạn", "06@pre2025"]
    assert got["queries"] == len(list((ROOT / "queries").glob("*.rq")))


def test_a_checkout_reads_the_ontology_beside_the_package():
    import kg.paths
    assert kg.paths.ROOT == ROOT and (ROOT / "ontology" / "kg.ttl").is_file()
