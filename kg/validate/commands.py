"""`kg validate` and `kg check` (registered by kg/cli.py through COMMANDS)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

ENGINES = ("shacl", "sparql", "python", "owl")


def _store(store_path, data):
    from ..store import Store, open_store
    if data:
        s = Store()
        s.load(list(data))
        return s
    return open_store(store_path, read_only=False)


def _engines(value: str) -> tuple[str, ...]:
    out = tuple(x.strip() for x in value.split(",") if x.strip())
    bad = [x for x in out if x not in ENGINES]
    if bad:
        raise click.BadParameter(f"unknown engine(s) {', '.join(bad)}; choose from {', '.join(ENGINES)}")
    return out


def _emit(findings, fmt, lang, n, validator):
    from .report import table, to_json, to_turtle
    if fmt == "json":
        click.echo(to_json(findings, n))
    elif fmt == "turtle":
        click.echo(to_turtle(findings, validator.shacl_report))
    else:
        click.echo(table(findings, lang, n))


@click.command()
@click.argument("decisions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Language of messages.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "turtle"]), default="table", show_default=True,
              help="table; json; turtle = the SHACL validation report (sh:ValidationReport).")
@click.option("--engines", default=",".join(ENGINES), show_default=True,
              help="Engines to run (owl runs HermiT: about 1–3 s per decision).")
@click.option("--data", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Validate against these record files in memory instead of the store.")
@click.option("--store", "store_path", envvar="KG_STORE", default=None, metavar="PATH",
              help="Store directory (default .kg/store, or $KG_STORE).")
def validate(decisions, lang, fmt, engines, data, store_path):
    """Validate decisions (YAML/JSON record files, or Turtle) against the ontology and rules, without loading them.

    Each finding names the rule, its legal source and the conflicting facts with their sources.
    Exit code: 0 valid (warnings allowed), 1 errors, 2 input that could not be read.

    \b
    Example:
        kg validate decision.yaml --lang en
        kg validate tests/decisions/K1/ --format json
        kg validate --data data/ decision.yaml --format turtle
    """
    from ..errors import InvalidRecord, KgError
    from . import Validator, exit_code
    from .validator import read_decisions
    ttl = [p for p in decisions if p.suffix.lower() == ".ttl"]
    try:
        located = read_decisions([p for p in decisions if p.suffix.lower() != ".ttl"])
        ttl_text = [p.read_text(encoding="utf-8") for p in ttl]
    except OSError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except InvalidRecord as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    try:
        store = _store(store_path, data)
        v = Validator(store, engines=_engines(engines))
        findings = v.validate_records(located) if located else []
        for text in ttl_text:
            try:
                findings += v.validate_turtle(text)
            except SyntaxError as e:
                click.echo(f"error: cannot parse Turtle: {e}", err=True)
                sys.exit(2)
    except KgError as e:
        raise click.ClickException(str(e)) from None
    from ..records import DecisionRecord
    _emit(findings, fmt, lang, sum(isinstance(l.record, DecisionRecord) for l in located), v)
    sys.exit(exit_code(findings))


@click.command()
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "turtle"]), default="table", show_default=True)
@click.option("--engines", default="shacl,sparql,python", show_default=True, help="Add owl to run HermiT per decision.")
@click.option("--batch-size", default=500, show_default=True, help="Decisions per batch.")
@click.option("--full-shacl", is_flag=True, help="Also run pyshacl over the whole store (slow: minutes at 10k tenures).")
@click.option("--data", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Check these record files in memory instead of the store.")
@click.option("--store", "store_path", envvar="KG_STORE", default=None, metavar="PATH")
def check(lang, fmt, engines, batch_size, full_shacl, data, store_path):
    """Whole-graph data-quality report with the same rule catalogue, in batches.

    \b
    Example:
        kg check
        kg check --format json > quality.json
    """
    from ..errors import KgError
    from . import Validator, exit_code
    try:
        store = _store(store_path, data)
        v = Validator(store, engines=_engines(engines))
        findings = v.check_store(batch_size=batch_size)
        if full_shacl:
            from .bench import full_shacl as run_full
            click.echo(f"full pyshacl: {run_full(store):.1f} s", err=True)
    except KgError as e:
        raise click.ClickException(str(e)) from None
    n = len(store.select("SELECT ?d WHERE { ?d a vn:Decision }"))
    _emit(findings, fmt, lang, n, v)
    sys.exit(exit_code(findings))


COMMANDS = [validate, check]
