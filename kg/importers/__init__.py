"""Importers for real datasets (docs/importers.md): Vietnamese Wikipedia infobox terms and NA XIII profiles.

    >>> from kg.store import Store
    >>> from kg.importers import import_viwiki, import_na13, consistency
    >>> store = Store()
    >>> report = import_viwiki(store, "viwiki_politician_offices.csv", out_dir="/tmp/kg-imports")  # doctest: +SKIP
"""
from .common import ImportReport, Issue, parse_date
from .consistency import ConsistencyReport, consistency
from .na13 import import_na13
from .viwiki import AS_OF, import_viwiki

__all__ = ["ImportReport", "Issue", "parse_date", "import_viwiki", "import_na13", "consistency",
           "ConsistencyReport", "AS_OF"]
