"""Which build of the title parser's hot modules runs: compiled by mypyc (setup.py) or the Python source.

A compiled module shadows its source in an editable install, so a module compiled from an older source would run
old code after an edit. When any source differs from the one compiled (sha-256 in ``_compiled.json``, written
by the build), or ``KG_PURE_PYTHON=1`` is set, all of them are imported from source instead, with a warning for
the stale case. Both builds give the same output (tests/test_compiled.py); the compiled one is faster
(scripts/bench.py)."""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

MODULES = ("normalize", "abbrev", "gazetteer", "titles")       # the ones setup.py compiles
HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "_compiled.json"


def source_hashes() -> dict[str, str]:
    return {m: hashlib.sha256((HERE / f"{m}.py").read_bytes()).hexdigest() for m in MODULES}


def _built() -> bool:
    return any((HERE / f"{m}{s}").exists() for m in MODULES for s in importlib.machinery.EXTENSION_SUFFIXES)


class _SourceFirst:
    """Finds kg.<module> for the compiled modules as their .py file, before the extension module is found."""

    def find_spec(self, fullname, path=None, target=None):
        name = fullname.rpartition(".")[2]
        if fullname == f"kg.{name}" and name in MODULES:
            return importlib.util.spec_from_file_location(fullname, HERE / f"{name}.py")
        return None


def choose() -> str:
    """Run before any of MODULES is imported; returns "compiled", "source" (none built, or asked for) or "stale"."""
    if not _built():
        return "source"
    why = "source" if os.environ.get("KG_PURE_PYTHON") == "1" else ""
    if not why:
        try:        # no record of the build (or an unreadable one): its sources cannot be told current
            built = json.loads(MANIFEST.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            built = {}
        now = source_hashes()
        changed = [f"kg/{m}.py" for m in MODULES if built.get(m) != now[m]]
        if changed:
            why = "stale"
            warnings.warn(f"kg: {', '.join(changed)} changed since the parser was compiled; running the Python "
                          "source instead (slower). Rebuild it with: python3 -m pip install -e .", stacklevel=2)
    if why and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
    return why or "compiled"


def is_compiled(module) -> bool:
    """``module`` runs as a compiled extension (kg.titles, …)."""
    return not str(getattr(module, "__file__", "")).endswith(".py")
