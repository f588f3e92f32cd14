"""Deterministic identifiers (domain.md §6.1). Same input, same IRI: reloading changes nothing."""
from __future__ import annotations

import hashlib

from .normalize import slug
from .vocab import NS


def iri(prefix: str, local: str) -> str:
    return NS[prefix] + local


def unit_era_suffix(unit_id: str) -> str:
    """Codes are reused across 2025-07-01: units from the reform get '-2025' in org ids."""
    return "-2025" if unit_id.endswith("@2025") else ""


def org_id(org_type: str, unit=None, unit_name: str | None = None, parent: str | None = None) -> str:
    """``thanh-uy--bac-kan--058``; ``so--tai-chinh--bac-kan--06``; ``bo--tai-chinh`` for national bodies;
    ``vu--phap-che--of--bo--y-te`` for a unit of a named parent (``parent``: the parent's id)."""
    parts = [org_type]
    if unit_name:
        parts.append(slug(unit_name))
    if unit is not None:
        parts += [slug(unit.short_name or unit.name), unit.code + unit_era_suffix(unit.id)]
    if parent:
        parts += ["of", parent]
    return "--".join(parts)


def post_id(position: str, org: str) -> str:
    return f"{position}--{org}"


def term_id(org: str, ordinal: str) -> str:
    return f"{org}--{slug(ordinal)}"


def short_hash(*parts: object, n: int = 10) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:n]


def tenure_id(person: str, post: str, start: str | None) -> str:
    return f"{person}--{post}--{start or 'unknown'}"


def attestation_id(person: str, post: str, date: str, source: str) -> str:
    return f"{person}--{post}--{date}--{short_hash(source)}"


def source_id_for_file(name: str) -> str:
    return "file-" + slug(name)


def post_label(position_label: str, org_label: str) -> str:
    """Join a position and an organization name without repeating the overlap.

    >>> post_label("Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân thành phố Bắc Kạn")
    'Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn'
    >>> post_label("Bí thư", "Thành ủy Bắc Kạn")
    'Bí thư Thành ủy Bắc Kạn'
    """
    from .normalize import fold
    words, org_words = position_label.split(), org_label.split()
    for k in range(min(len(words), len(org_words)), 0, -1):
        if fold(" ".join(words[-k:])) == fold(" ".join(org_words[:k])):
            return " ".join(words[:-k] + org_words)
    return f"{position_label} {org_label}"


def decision_id(record) -> str:
    """A decision's id: its own, or authority--date--type--person--post.

    The same authority may decide twice on one person the same day (into the committee, and as
    its Bí thư), so the post is part of the identity.
    """
    if record.id:
        return record.id
    when = record.effective or record.signed or record.announced
    target = [record.position, record.org or record.org_type, record.place and short_hash(record.place, n=6)]
    return "--".join(x for x in (record.authority or "unknown", when or "undated", record.decision_type,
                                 record.person, *target) if x)
