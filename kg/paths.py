"""Where kg's own data lives: ``ontology/``, ``data/`` and ``queries/``.

In a checkout or an editable install (the README's ``pip install -e .``) they lie beside the package. An
installed wheel (``pip install .``) carries copies inside it, in ``kg/_data/`` (setup.py puts them there), since
nothing beside the package is installed."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_INSIDE = PACKAGE / "_data"
ROOT = _INSIDE if (_INSIDE / "ontology").is_dir() else PACKAGE.parent
DATA_DIRS = ("ontology", "data", "queries")      # what setup.py copies into an installed wheel
