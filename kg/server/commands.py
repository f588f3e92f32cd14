"""`kg serve`: a thin command over kg.server.create_app."""
from __future__ import annotations

import ipaddress
import sys

import click

from kg.cli import kg_errors, store_option

from .app import SETTINGS


def settings_options(f):
    """One --option per SETTINGS entry (name, default, help)."""
    for name, default, help_ in reversed(SETTINGS):
        f = click.option(f"--{name.replace('_', '-')}", name, type=type(default), default=default,
                         show_default=True, help=help_)(f)
    return f


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command()
@store_option
@settings_options
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Print the response to GET PATH (e.g. '/sparql?query=…') and exit; no socket is opened.")
@click.option("--accept", default=None, metavar="MEDIA-TYPE", help="Accept header for --get.")
@kg_errors
def serve(store_path, host, port, timeout, max_rows, get_path, accept):
    """Serve a read-only SPARQL 1.1 endpoint (/sparql) and a web UI (/) over the store.

    Updates and SERVICE (federated) queries are refused; binds 127.0.0.1 unless --host says otherwise.

    \b
    Example:
        kg serve --port 8000                          # then open http://127.0.0.1:8000/
        kg serve --get '/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203&format=csv'
        kg serve --get '/query/who-held?post=post:bi-thu--thanh-uy--bac-kan--058&at=2023-03-22'
    """
    from kg.store import open_store
    from .app import create_app
    app = create_app(open_store(store_path, read_only=True), timeout=timeout, max_rows=max_rows)
    if get_path is not None:
        if not get_path.startswith("/"):
            raise click.BadParameter("give a path starting with /, e.g. '/sparql?query=…'", param_hint="--get")
        resp = app.test_client().get(get_path, headers={"Accept": accept} if accept else {})
        sys.stdout.write(resp.get_data(as_text=True))
        if resp.status_code >= 400:
            raise click.exceptions.Exit(1)
        return
    from werkzeug.serving import make_server
    if not _is_loopback(host):
        click.echo(f"warning: binding {host}: the endpoint is reachable from other machines (no authentication)",
                   err=True)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"kg serve: http://{shown}:{server.server_port}/ (SPARQL endpoint /sparql; read-only; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


COMMANDS = [serve]
