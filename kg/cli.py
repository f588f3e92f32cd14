"""The `kg` command: a thin view of the Python API (one function per command)."""
from __future__ import annotations

import functools
import json
import sys
from datetime import date
from pathlib import Path

import click

from .errors import KgError
from .temporal import PDate

FORMAT_CHOICES = click.Choice(["table", "csv", "tsv", "json"])


def store_option(f):
    return click.option("--store", "store_path", envvar="KG_STORE", default=None, metavar="PATH",
                        help="Store directory (default .kg/store, or $KG_STORE).")(f)


def format_option(f):
    return click.option("--format", "fmt", type=FORMAT_CHOICES, default="table", show_default=True,
                        help="Output format (json = SPARQL 1.1 results JSON).")(f)


def day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        p = PDate.parse(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    if p.precision != "day":
        raise click.BadParameter(f"give a day (YYYY-MM-DD), got '{value}'")
    return p.earliest


def parse_params(params) -> dict[str, str]:
    """``--param KEY=VALUE`` options as a dict, with a usage error for a malformed one."""
    parsed = {}
    for p in params:
        if "=" not in p:
            raise click.BadParameter(f"'{p}' is not KEY=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        parsed[k.strip()] = v.strip()
    return parsed


def kg_errors(f):
    """Turn user mistakes (KgError) into a clear message and exit code 1, never a traceback."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgError as e:
            raise click.ClickException(str(e)) from None
    return wrapper


def _open(store_path, read_only=True):
    from .store import open_store
    return open_store(store_path, read_only=read_only)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli():
    """kg: who held what, where and when in Vietnam's political system, and on what evidence.

    \b
    Example:
        kg load data/
        kg who "Bí thư Thành ủy Bắc Kạn" --at 2023-03-22
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--type", "record_type", default=None, help="Record type for CSV files without a 'type' column.")
@click.option("--force", is_flag=True, help="Load decisions that break a rule, flagged with their findings.")
@store_option
@kg_errors
def load(files, record_type, force, store_path):
    """Load record files (YAML, JSON Lines, CSV) or folders; all-or-nothing.

    Every record is checked first; on any error nothing is written and each
    problem is listed with file, line, field, reason and a hint.

    \b
    Example:
        kg load data/
        kg load data/seed/bac-kan-2023.yaml --store /tmp/kg
        kg load decisions.yaml --force     # keep rule-breaking decisions, flagged
    """
    store = _open(store_path, read_only=False)
    report = store.load(files, record_type=record_type, force=force)
    click.echo(str(report))


@cli.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@click.option("--file", "file_", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the SPARQL in this file instead of a library query.")
@store_option
@format_option
@kg_errors
def query(name, params, file_, store_path, fmt):
    """Run a named query from queries/ (or --file q.rq) with --param key=value.

    Without a name, lists the library.

    \b
    Example:
        kg query who-held --param post=post:bi-thu--thanh-uy--bac-kan--058 --param at=2023-03-22
        kg query posts-of -p person=per:cu-ngoc-cuong--bk01 --format csv
    """
    from .queries import format_result, list_queries, run_named, run_sparql, table
    if not name and not file_:
        rows = [[q.name, q.title, ", ".join(p.name + ("*" if p.required else "") for p in q.params)]
                for q in list_queries().values()]
        click.echo(table(["name", "title", "parameters (* required)"], rows, max_width=80))
        return
    parsed = parse_params(params)
    store = _open(store_path)
    result = run_sparql(store, file_.read_text(encoding="utf-8")) if file_ else run_named(store, name, parsed)
    click.echo(format_result(result, fmt))


@cli.command()
@click.argument("sparql")
@store_option
@format_option
@kg_errors
def sparql(sparql, store_path, fmt):
    """Run a SPARQL query (SELECT, CONSTRUCT, ASK) over all graphs.

    \b
    Example:
        kg sparql 'SELECT ?p ?name WHERE { ?p a vn:Person ; foaf:name ?name }'
    """
    from .queries import format_result, run_sparql
    click.echo(format_result(run_sparql(_open(store_path), sparql), fmt))


@cli.command()
@click.argument("post")
@click.option("--at", "at", required=True, help="Date, YYYY-MM-DD.")
@store_option
@format_option
@kg_errors
def who(post, at, store_path, fmt):
    """Who held POST (its name, e.g. "Bí thư Thành ủy Bắc Kạn") on a date, with evidence.

    \b
    Example:
        kg who "Bí thư Thành ủy Bắc Kạn" --at 2023-03-22
        kg who "Bí thư Thành uỷ Bắc Kạn" --at 2026-01-01
    """
    from .lookup import who as who_
    from .queries import table
    ans = who_(_open(store_path), post, day(at))
    if fmt == "json":
        click.echo(json.dumps({"post": post, "at": str(ans.at), "holders": ans.holders,
                               "explanation": ans.explanation}, ensure_ascii=False, indent=1))
        return
    if ans.holders:
        cols = ["name", "person", "postLabel", "status", "basis", "start", "end", "sourceLabel", "quote"]
        if fmt in ("csv", "tsv"):
            import csv
            w = csv.writer(sys.stdout, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            w.writerow(cols)
            w.writerows([[h.get(c, "") for c in cols] for h in ans.holders])
            return
        click.echo(table(cols, [[h.get(c, "") for c in cols] for h in ans.holders]))
    for line in ans.explanation:
        click.echo(line)


@cli.command()
@click.argument("name")
@click.option("--at", "at", default=None, help="Only posts held on this date (YYYY-MM-DD).")
@store_option
@format_option
@kg_errors
def person(name, at, store_path, fmt):
    """Find a person by name (insensitive to diacritics and tone marks) and list their posts.

    \b
    Example:
        kg person "Cù Ngọc Cường"
        kg person "cu ngoc cuong" --at 2023-03-22
    """
    from .lookup import find_persons
    from .queries import format_result, run_named
    store = _open(store_path)
    matches = find_persons(store, name)
    if not matches:
        raise KgError(f"no person matches '{name}'")
    for m in matches:
        pid = "per:" + m["person"].rsplit("/", 1)[-1]
        if fmt == "table":
            click.echo(f"\n{m['name']} ({pid})" + (f", born {m['birth']}" if m.get("birth") else ""))
        if at:
            res = run_named(store, "who-held", {"person": pid, "at": at})
        else:
            res = run_named(store, "posts-of", {"person": pid})
        click.echo(format_result(res, fmt))


@cli.command("parse-title")
@click.argument("text")
@click.option("--at", "at", default=None, help="Date for resolving places (YYYY-MM-DD).")
@click.option("--place", default=None, help="Context place for bare 'tỉnh', 'thành phố', 'huyện', 'xã'.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
@kg_errors
def parse_title(text, at, place, fmt):
    """Parse a title or a title chain into position type, organization type and place.

    \b
    Example:
        kg parse-title "Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư Thành uỷ" --place "thành phố Bắc Kạn" --at 2023-03-22
        kg parse-title "Chủ tịch UBND TP Bắc Kạn" --at 2023-03-22 --format jsonl
        kg parse-title "Vụ trưởng Vụ Pháp chế, Bộ Y tế"   # a unit of a named body: parent_org_type, parent_unit
        kg parse-title "Thứ trưởng Bộ Xây dựng (lần 2)"  # an aside in parentheses: note
    """
    from .titles import cli_parse_title
    click.echo(cli_parse_title(text, at=day(at), place=place, fmt=fmt))


@cli.command()
@store_option
@kg_errors
def graphs(store_path):
    """List the named graphs (one per loaded file, plus ontology and inferred) with provenance.

    \b
    Example:
        kg graphs
    """
    from .queries import table
    rows = _open(store_path).graphs()
    click.echo(table(["graph", "file", "checksum", "imported", "quads"],
                     [[r["g"], r["file"] or "", (r["checksum"] or "")[:12], r["time"] or "", r["quads"]]
                      for r in rows], max_width=70))


@cli.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to a file instead of standard output.")
def schema(output):
    """Print the JSON Schema of input records.

    \b
    Example:
        kg schema -o docs/records.schema.json
    """
    from .records import json_schema
    text = json.dumps(json_schema(), ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@cli.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--graph", default=None, help="Only this named graph (IRI).")
@store_option
@kg_errors
def dump(destination, graph, store_path):
    """Write the store (or one graph) as N-Quads, TriG, Turtle or N-Triples (by extension).

    \b
    Example:
        kg dump all.nq
    """
    store = _open(store_path)
    with destination.open("wb") as out:
        store.dump(out, destination.suffix.lstrip(".") or "nq", graph)
    click.echo(f"wrote {destination}")


# Commands of the later pipeline stages live beside their modules; each exposes COMMANDS.
COMMAND_MODULES = ("kg.titles", "kg.importers.commands", "kg.extract.commands", "kg.validate.commands",
                   "kg.views.commands", "kg.server.commands")


def _register() -> None:
    import importlib
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and name.startswith(e.name):  # the stage is not built yet
                continue
            raise
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main():
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
