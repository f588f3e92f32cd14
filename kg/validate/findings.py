"""A finding: one rule broken by one decision (or one fact), explained with the conflicting facts."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    rule: str
    severity: str
    message_vi: str
    message_en: str
    source: str                      # legal source valid at the decision's date, e.g. "Quy định 59-QĐ/TW …"
    facts: list[dict] = field(default_factory=list)   # [{"fact": str, "source": str}]
    focus: str = ""                  # IRI of the decision (or fact) the finding is about
    file: str = ""
    line: int | None = None
    engine: str = ""                 # shacl | sparql | owl | python
    source_en: str = ""

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def where(self) -> str:
        return self.file + (f":{self.line}" if self.line else "")


def exit_code(findings: list[Finding]) -> int:
    """0 valid (warnings allowed), 1 errors."""
    return 1 if any(f.severity == "error" for f in findings) else 0
