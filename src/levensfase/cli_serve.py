"""`levensfase demo` and `levensfase serve`: the web app, with the demo organisation or the database as it is."""

from __future__ import annotations

from typing import Annotated

import typer

from levensfase import cli_tables
from levensfase.terminal import console, start_django, t


def register(app: typer.Typer, *, demo_password: str) -> None:
    """Add `demo` and `serve` to the main CLI."""

    @app.command()
    def demo(
        serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web app afterwards.")] = True,
        employees: Annotated[int, typer.Option(min=50, max=200_000)] = 2500,
        seed: Annotated[int, typer.Option()] = 2026,
        port: Annotated[int, typer.Option(min=1024, max=65535)] = 8000,
    ) -> None:
        """Create the database, load the demo organisation, create demo logins and serve the web app."""
        from levensfase.web.demo import decide_demo_patterns, setup_demo

        start_django()
        logins = setup_demo(employees=employees, seed=seed, password=demo_password)
        if serve:  # the chained year audits take minutes: before the first page, not during it
            decide_demo_patterns()
        cli_tables.print_logins(logins, port=port)
        if serve:
            _serve(port)


    @app.command()
    def serve(
        port: Annotated[int, typer.Option(min=1024, max=65535)] = 8000,
        host: Annotated[str, typer.Option(help="Address to listen on; behind a reverse proxy keep 127.0.0.1.")] = "127.0.0.1",
        workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes (each keeps its own cache).")] = 2,
        threads: Annotated[int, typer.Option(min=1, max=64, help="Threads per worker process.")] = 4,
    ) -> None:
        """Serve the web app with gunicorn, a production WSGI server (the database as it is)."""
        start_django()
        _serve(port, host=host, workers=workers, threads=threads)


    def _serve(port: int, *, host: str = "127.0.0.1", workers: int = 2, threads: int = 4) -> None:
        from levensfase.web.serving import serve_forever

        shown = f"[{host}]" if ":" in host else host
        console.print(t(f"levensfase draait op http://{shown}:{port}/ — stoppen met Ctrl+C.",
                        f"levensfase runs at http://{shown}:{port}/ — stop with Ctrl+C."))
        serve_forever(host=host, port=port, workers=workers, threads=threads)
