"""Whole-graph pyshacl (for comparison only: never used to validate one decision)."""
from __future__ import annotations

import io
import time


def full_shacl(store) -> float:
    """Seconds pyshacl takes over every triple of the store (copied into an rdflib graph)."""
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    from .engines import ShaclEngine
    t0 = time.perf_counter()
    buf = io.BytesIO()
    store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(buf, ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
    pyshacl.validate(g, shacl_graph=ShaclEngine.shapes(), inference="none", advanced=True, allow_warnings=True,
                     inplace=True)
    return time.perf_counter() - t0
