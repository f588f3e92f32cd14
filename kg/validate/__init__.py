"""Validate appointment decisions against the ontology and the rules of the system.

    >>> from kg.validate import Validator
    >>> findings = Validator(store).validate_paths(["decision.yaml"])     # doctest: +SKIP

The rules live in ``ontology/rules/catalogue.yaml`` (see docs/validation.md); this package only runs them.
"""
from .catalogue import Catalogue, Rule
from .findings import Finding, exit_code
from .validator import Validator, flag_quads, validate_records

__all__ = ["Catalogue", "Rule", "Finding", "Validator", "validate_records", "flag_quads", "exit_code"]
