"""A read-only SPARQL 1.1 Protocol endpoint with a small web UI (`kg serve`); see docs/server.md."""
from __future__ import annotations

from .app import SETTINGS, create_app, forbidden_reason

__all__ = ["SETTINGS", "create_app", "forbidden_reason"]
