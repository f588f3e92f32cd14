"""One family of errors. Each knows where the problem is and offers a hint."""
from __future__ import annotations


class KgError(Exception):
    """Base class: a user-facing problem, printed without a traceback."""


class InvalidRecord(KgError):
    """A record that cannot be loaded: file, line or record number, field, reason, hint."""

    def __init__(self, file: str, line: int | None, field: str | None, reason: str, hint: str | None = None):
        self.file, self.line, self.field, self.reason, self.hint = file, line, field, reason, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        msg = f"{where}: {self.field + ': ' if self.field else ''}{self.reason}"
        return msg + (f" (hint: {self.hint})" if self.hint else "")


class InvalidRecords(KgError):
    """Several invalid records, reported together; nothing was written."""

    def __init__(self, errors: list[InvalidRecord]):
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} invalid record(s); nothing was loaded:\n{shown}{more}")


class InvalidOntology(KgError):
    """The ontology files are inconsistent (a dangling reference, a missing label)."""


class QueryError(KgError):
    """A query that cannot run: unknown name, missing parameter, bad SPARQL."""
