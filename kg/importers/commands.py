"""CLI: ``kg import viwiki FILE``, ``kg import na13 FILE`` and ``kg import-check`` (registered by kg/cli.py)."""
from __future__ import annotations

import json
from pathlib import Path

import click


def _common(f):
    from kg.cli import store_option
    f = click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where the produced record files go (default: <store>/../imports).")(f)
    f = click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Also write the full report (every unmapped row) as JSON.")(f)
    f = click.option("--examples", type=int, default=3, show_default=True, help="Examples shown per reason.")(f)
    f = click.option("--dry-run", is_flag=True, help="Produce and check the records, do not load them.")(f)
    return store_option(f)


def _finish(report, report_path, examples):
    click.echo(report.to_text(examples=examples))
    if report_path:
        report_path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        click.echo(f"report written to {report_path}")


def _open(store_path, dry_run):
    from kg.store import open_store
    return open_store(store_path, read_only=False)


@click.group("import")
def import_group():
    """Import a real dataset (records are checked, loaded, and everything unmapped is reported).

    \b
    Example:
        kg import viwiki ../shared/corpus/ground_truth/viwiki_politician_offices.csv
        kg import na13 ../shared/corpus/ground_truth/na13_dbqh_member_profiles.csv
        kg who "Bí thư Tỉnh ủy Bắc Kạn" --at 2019-01-01
    """


def _viwiki_cmd():
    from kg.cli import kg_errors
    from .viwiki import AS_OF, DEFAULT_FILE

    @import_group.command("viwiki")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_FILE,
                    required=False)
    @click.option("--as-of", default=AS_OF, show_default=True,
                  help="The data's date: 'nay' / 'đương nhiệm' means current on this day.")
    @_common
    @kg_errors
    def viwiki(file, as_of, out_dir, report_path, examples, dry_run, store_path):
        """Vietnamese Wikipedia infobox office terms (viwiki_politician_offices.csv).

        \b
        Example:
            kg import viwiki ../shared/corpus/ground_truth/viwiki_politician_offices.csv --report viwiki.json
        """
        from kg.cli import day
        from .viwiki import import_viwiki
        day(as_of)
        report = import_viwiki(_open(store_path, dry_run), file, out_dir=out_dir, as_of=as_of, load=not dry_run)
        _finish(report, report_path, examples)
    return viwiki


def _na13_cmd():
    from kg.cli import kg_errors
    from .na13 import DEFAULT_FILE, VIWIKI_FILE

    @import_group.command("na13")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_FILE,
                    required=False)
    @click.option("--link-with", type=click.Path(dir_okay=False, path_type=Path),
                  default=VIWIKI_FILE if VIWIKI_FILE.exists() else None,
                  help="The viwiki file: a deputy with the same name and birth date there gets its person id.")
    @_common
    @kg_errors
    def na13(file, link_with, out_dir, report_path, examples, dry_run, store_path):
        """Profiles of the deputies of the 13th National Assembly (na13_dbqh_member_profiles.csv).

        \b
        Example:
            kg import na13 ../shared/corpus/ground_truth/na13_dbqh_member_profiles.csv
        """
        from .na13 import import_na13
        report = import_na13(_open(store_path, dry_run), file, out_dir=out_dir, link_with=link_with,
                             load=not dry_run)
        _finish(report, report_path, examples)
    return na13


def _check_cmd():
    from kg.cli import kg_errors, store_option

    @click.command("import-check")
    @click.option("--claims", type=click.Path(exists=True, path_type=Path), default=None,
                  help="Succession claims file or folder (default: <store>/../imports).")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    @click.option("--limit", type=int, default=20, show_default=True, help="Issues shown per kind (text).")
    @store_option
    @kg_errors
    def import_check(claims, fmt, limit, store_path):
        """Consistency of imported tenures: succession chains against dates, two holders of a
        single-holder post at once, tenures outside their organization's lifetime.

        \b
        Example:
            kg import-check --limit 5
        """
        from kg.store import open_store
        from .consistency import consistency
        rep = consistency(open_store(store_path, read_only=True), claims)
        click.echo(json.dumps(rep.to_json(), ensure_ascii=False, indent=1) if fmt == "json" else rep.to_text(limit))
    return import_check


_viwiki_cmd()
_na13_cmd()
COMMANDS = [import_group, _check_cmd()]
