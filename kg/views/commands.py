"""`kg view …`, `kg path`, `kg interlocks`, `kg centrality`, `kg export`: thin commands over kg.views / kg.analytics."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import day, format_option, kg_errors, store_option


def _open(store_path):
    from kg.store import open_store
    return open_store(store_path, read_only=True)


def output_options(f):
    f = click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="HTML file to write (default: view-<kind>.html).")(f)
    return f


def _emit(html_text: str, output: Path | None, default: str, open_browser: bool) -> None:
    from . import write
    p = write(html_text, output or Path(default), open_browser=open_browser)
    click.echo(f"wrote {p} ({len(html_text) // 1024} KiB, self-contained, works offline)")


def _print(columns, rows, fmt: str) -> None:
    from kg.analytics import to_csv
    from kg.queries import table
    if fmt in ("csv", "tsv"):
        sys.stdout.write(to_csv(columns, rows, "," if fmt == "csv" else "\t"))
    elif fmt == "json":
        import json
        click.echo(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1))
    else:
        click.echo(table(columns, rows, max_width=70))


@click.group()
def view():
    """Write an interactive HTML view (one self-contained file, works offline).

    \b
    Example:
        kg view person "Cù Ngọc Cường" -o cuong.html --open
        kg view org org:thanh-uy--bac-kan--058 --at 2023-03-22
        kg view path "Lã Văn Hào" "Cù Ngọc Cường"
    """


@view.command("person")
@click.argument("name")
@click.option("--at", default=None, help="Start the date slider at this day (YYYY-MM-DD).")
@output_options
@store_option
@kg_errors
def view_person(name, at, output, open_browser, store_path):
    """A person: posts, organizations, who else sat there, decisions, sources; with a timeline.

    \b
    Example:
        kg view person "Cù Ngọc Cường" -o cuong.html
        kg view person per:hoang-ha-bac--bk01 --at 2025-07-01 --open
    """
    from . import person_view
    _emit(person_view(_open(store_path), name, at=day(at)), output, "view-person.html", open_browser)


@view.command("org")
@click.argument("name")
@click.option("--at", default=None, help="Show who held posts on this day (YYYY-MM-DD); the slider starts there.")
@output_options
@store_option
@kg_errors
def view_org(name, at, output, open_browser, store_path):
    """An organization, the bodies within it, their posts and holders.

    \b
    Example:
        kg view org "Thành ủy thành phố thuộc tỉnh Bắc Kạn" --at 2023-03-22
        kg view org org:dang-bo-tinh--bac-kan--06 -o dang-bo.html
    """
    from . import org_view
    _emit(org_view(_open(store_path), name, at=day(at)), output, "view-org.html", open_browser)


@view.command("post")
@click.argument("name")
@click.option("--at", default=None, help="Start the date slider at this day (YYYY-MM-DD).")
@output_options
@store_option
@kg_errors
def view_post(name, at, output, open_browser, store_path):
    """A post and all its holders, with a timeline (Gantt) of the holders.

    \b
    Example:
        kg view post post:bi-thu--thanh-uy--bac-kan--058 -o bi-thu.html
    """
    from . import post_view
    _emit(post_view(_open(store_path), name, at=day(at)), output, "view-post.html", open_browser)


@view.command("query")
@click.argument("name", required=False)
@click.option("--file", "file_", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A SELECT or CONSTRUCT query file instead of a library query.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@output_options
@store_option
@kg_errors
def view_query(name, file_, params, output, open_browser, store_path):
    """Any SELECT or CONSTRUCT as a graph (IRIs become nodes).

    \b
    Example:
        kg view query members-of -p org=org:dang-bo-tinh--bac-kan--06 -p at=2023-03-22
        kg view query --file q.rq -o q.html
    """
    from . import query_view
    from kg.cli import parse_params
    parsed = parse_params(params)
    if not name and not file_:
        raise click.UsageError("give a query name or --file q.rq")
    _emit(query_view(_open(store_path), name, file=file_, params=parsed), output, "view-query.html", open_browser)


@view.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--at", default=None, help="Only holdings possibly held on this day (YYYY-MM-DD).")
@output_options
@store_option
@kg_errors
def view_path(a, b, at, output, open_browser, store_path):
    """The shortest connection between two persons, with the posts that link them.

    \b
    Example:
        kg view path "Cù Ngọc Cường" "Hoàng Hà Bắc" -o path.html
    """
    from . import path_view
    _emit(path_view(_open(store_path), a, b, at=day(at)), output, "view-path.html", open_browser)


@view.command("interlocks")
@click.argument("org")
@click.option("--at", default=None, help="Only on this day (YYYY-MM-DD).")
@output_options
@store_option
@kg_errors
def view_interlocks(org, at, output, open_browser, store_path):
    """The people of an organization and the bodies they shared.

    \b
    Example:
        kg view interlocks org:thanh-uy--bac-kan--058
    """
    from . import interlocks_view
    _emit(interlocks_view(_open(store_path), org, at=day(at)), output, "view-interlocks.html", open_browser)


@view.command("centrality")
@click.argument("org")
@click.option("--at", required=True, help="The day (YYYY-MM-DD).")
@output_options
@store_option
@kg_errors
def view_centrality(org, at, output, open_browser, store_path):
    """An organization's network on a day, nodes sized by betweenness.

    \b
    Example:
        kg view centrality org:dang-bo-tinh--bac-kan--06 --at 2023-03-22
    """
    from . import centrality_view
    _emit(centrality_view(_open(store_path), org, day(at)), output, "view-centrality.html", open_browser)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--at", default=None, help="Only holdings possibly held on this day (YYYY-MM-DD).")
@store_option
@format_option
@kg_errors
def path(a, b, at, store_path, fmt):
    """Shortest connection between two persons through shared organizations (and their hierarchy and places).

    \b
    Example:
        kg path "Cù Ngọc Cường" "Hoàng Hà Bắc"
        kg path "Lã Văn Hào" per:cu-ngoc-cuong--bk01 --format csv
    """
    from kg.analytics import PATH_COLUMNS, path as path_
    res = path_(_open(store_path), a, b, at=day(at))
    _print(PATH_COLUMNS, res.rows(), fmt)
    if fmt == "table" and res.alternatives:
        click.echo("as short: " + " | ".join(" → ".join(res.labels[n] for n in p[1:-1]) for p in res.alternatives))


@click.command()
@click.argument("org")
@click.option("--at", default=None, help="Only people who (possibly) sat together on this day (YYYY-MM-DD).")
@store_option
@format_option
@kg_errors
def interlocks(org, at, store_path, fmt):
    """People of ORG (and the bodies within it) who sat together on bodies, most shared first.

    \b
    Example:
        kg interlocks org:thanh-uy--bac-kan--058
        kg interlocks "Tỉnh ủy Bắc Kạn" --at 2023-03-22 --format csv
    """
    from kg.analytics import INTERLOCK_COLUMNS, interlocks as interlocks_
    _print(INTERLOCK_COLUMNS, [i.row() for i in interlocks_(_open(store_path), org, day(at))], fmt)


@click.command()
@click.argument("org")
@click.option("--at", required=True, help="The day (YYYY-MM-DD).")
@click.option("--all", "all_nodes", is_flag=True, help="Rank the bodies too, not only the people.")
@store_option
@format_option
@kg_errors
def centrality(org, at, all_nodes, store_path, fmt):
    """Rank the people of an organization's network on a day (betweenness, then degree).

    \b
    Example:
        kg centrality org:dang-bo-tinh--bac-kan--06 --at 2023-03-22
    """
    from kg.analytics import CENTRALITY_COLUMNS, centrality as centrality_
    ranks = centrality_(_open(store_path), org, day(at), persons_only=not all_nodes)
    _print(CENTRALITY_COLUMNS, [r.row(i + 1) for i, r in enumerate(ranks)], fmt)


@click.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--at", default=None, help="Only what possibly held on this day (YYYY-MM-DD).")
@click.option("--no-inferred", is_flag=True, help="Leave out inferred holdings.")
@store_option
@kg_errors
def export(destination, at, no_inferred, store_path):
    """Export the graph as GEXF (with spells, for Gephi's timeline) or GraphML, by extension.

    \b
    Example:
        kg export kg.gexf
        kg export kg.graphml --at 2023-03-22
    """
    from kg.analytics import build_graph, export as export_
    g = build_graph(_open(store_path), at=day(at), inferred=not no_inferred)
    export_(g, destination)
    click.echo(f"wrote {destination}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


COMMANDS = [view, path, interlocks, centrality, export]
