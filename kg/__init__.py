"""kg: a knowledge graph of Vietnam's political system.

Who held what, where and when, and on what evidence. The public API::

    from kg import Store
    store = Store()                      # in memory; Store("path") on disk
    store.load(["data/"])                # all-or-nothing
    store.select("SELECT …")
"""
__version__ = "0.1.0"

from . import _compiled  # noqa: E402

BUILD = _compiled.choose()      # before the parser's modules are imported: compiled, or from source


from .errors import InvalidRecord, InvalidRecords, KgError  # noqa: E402
from .store import Store, open_store  # noqa: E402

__all__ = ["Store", "open_store", "KgError", "InvalidRecord", "InvalidRecords", "__version__"]
