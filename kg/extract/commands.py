"""Click commands: ``kg extract``, ``kg ingest``, ``kg eval-extract`` (registered by kg/cli.py)."""
from __future__ import annotations

import json
from pathlib import Path

import click

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "news"


def _kg_errors():
    """kg.cli.kg_errors (KgError → clean message); a local equivalent if kg.cli cannot be imported."""
    try:
        from ..cli import kg_errors
        return kg_errors
    except Exception:
        import functools
        from ..errors import KgError

        def kg_errors(f):
            @functools.wraps(f)
            def wrapper(*a, **kw):
                try:
                    return f(*a, **kw)
                except KgError as e:
                    raise click.ClickException(str(e)) from None
            return wrapper
        return kg_errors


def _date_option(f):
    return click.option("--date", "date_", default=None, metavar="YYYY-MM-DD",
                        help="Publication date (overrides the file's; used for the year of '22/3').")(f)


def _extract_files(files, date_):
    from .core import Extractor
    from .textio import read_articles
    ex = Extractor.default()
    exts = []
    for f in files:
        for art in read_articles(f, date=date_):
            exts.append(ex.extract(art))
    return exts


def _check_date(date_):
    if date_:
        from datetime import date
        try:
            date.fromisoformat(date_)
        except ValueError:
            raise click.BadParameter(f"'{date_}' is not YYYY-MM-DD", param_hint="--date") from None


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_date_option
@click.option("--format", "fmt", type=click.Choice(["records", "jsonl", "table"]), default="table", show_default=True,
              help="records = loadable JSON Lines records; jsonl = one fact per line (domain.md slugs).")
@click.option("--all", "all_facts", is_flag=True, help="jsonl: also facts whose post has no domain.md slug.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def extract(files, date_, fmt, all_facts, output):
    """Extract holdings, decisions and ranks from news articles (.txt, or .jsonl as in ../shared/corpus/news).

    Every fact carries the character span of its evidence in the article text.

    \b
    Example:
        kg extract ../shared/seed/bac-kan-dang-uy-quan-su-so-ket.txt --format jsonl
        kg extract article.txt --date 2023-03-22 --format records -o facts.jsonl
    """
    kg_errors = _kg_errors()
    from .output import to_jsonl, to_records, to_table

    @kg_errors
    def run():
        _check_date(date_)
        exts = _extract_files(files, date_)
        for e in exts:
            for w in e.warnings:
                click.echo(f"warning: {e.article.doc}: {w}", err=True)
        if fmt == "table":
            text = to_table(exts)
        elif fmt == "jsonl":
            text = to_jsonl(exts, all_facts=all_facts)
        else:
            recs, warns = to_records(exts)
            for w in warns:
                click.echo(f"warning: {w}", err=True)
            text = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs)
        if output:
            output.write_text(text + ("\n" if text else ""), encoding="utf-8")
            click.echo(f"wrote {output}", err=True)
        elif text:
            click.echo(text)
    run()


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_date_option
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=Path(".kg/extracted"),
              show_default=True, help="Where the extracted record files are kept (one per input file).")
@click.option("--merge-log", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Append identity merges here (default: <out-dir>/merges.jsonl).")
@click.option("--store", "store_path", envvar="KG_STORE", default=None, metavar="PATH",
              help="Store directory (default .kg/store, or $KG_STORE).")
def ingest(files, date_, out_dir, merge_log, store_path):
    """Extract facts from articles and load them (extract + load, all-or-nothing per run).

    Persons already in the store are reused only with evidence (same name and a shared province or post,
    dates compatible); each such merge is logged (reversible).

    \b
    Example:
        kg ingest ../shared/seed/bac-kan-dang-uy-quan-su-so-ket.txt --date 2023-03-22
    """
    kg_errors = _kg_errors()
    from ..store import open_store
    from .identity import Identity
    from .output import to_records

    @kg_errors
    def run():
        _check_date(date_)
        store = open_store(store_path, read_only=False)
        ident = Identity(store.gazetteer)
        ident.load_store(store)
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for f in files:
            exts = _extract_files([f], date_)
            recs, warns = to_records(exts, ident)
            for w in warns:
                click.echo(f"warning: {w}", err=True)
            p = out_dir / (Path(f).stem + ".extracted.jsonl")
            p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
            paths.append(p)
            n = sum(len(e.facts) for e in exts)
            click.echo(f"extracted {n} fact(s) from {f} -> {p}")
        report = store.load(paths)
        ident.write_log(merge_log or out_dir / "merges.jsonl")
        if ident.log:
            click.echo(f"identity: {sum(e['op'] == 'merge' for e in ident.log)} merge(s) logged")
        click.echo(str(report))
    run()


@click.command("eval-extract")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Folder of the news .jsonl files the gold documents come from.")
@click.option("--show", default=30, show_default=True, help="How many misses and false positives to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_extract(gold, corpus, show, as_json):
    """Precision, recall and F1 per kind (holding, decision, rank) and overall against a gold set.

    \b
    Example:
        kg eval-extract tests/gold/extract_dev.jsonl
    """
    kg_errors = _kg_errors()
    from .evaluate import run_eval, format_report

    @kg_errors
    def run():
        res = run_eval(gold, corpus)
        if as_json:
            click.echo(json.dumps({k: v for k, v in res.items() if k not in ("misses", "false_positives")},
                                  indent=2))
        else:
            click.echo(format_report(res, show=show))
    run()


COMMANDS = [extract, ingest, eval_extract]
