"""``conflictwatch serve``: the API and dashboard under uvicorn; mounted with ``register(app)``."""

from __future__ import annotations

import typer
from rich.console import Console

from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError

DB_HELP = ("Database URL (sqlite:///path or postgresql://...); default: CONFLICTWATCH_DB or "
           "an SQLite file in the data directory.")


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the offline map dashboard at /.

    The API token for POST /documents comes from CONFLICTWATCH_API_TOKEN, never the command
    line; reads are open unless CONFLICTWATCH_API_PROTECT_READS=1.
    """
    import uvicorn

    from conflictwatch.api.app import create_app

    err = Console(stderr=True)
    settings = Settings(db=db) if db else Settings()
    try:
        app = create_app(settings)
    except ConflictwatchError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(code=1) from exc
    shown = f"[{host}]" if ":" in host else host
    err.print(f"conflictwatch dashboard: http://{shown}:{port}/  (API docs: /docs)")
    if not settings.api_token:
        err.print("POST /documents is off: set CONFLICTWATCH_API_TOKEN to enable ingest")
    uvicorn.run(app, host=host, port=port, workers=1, log_level=log_level)


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the CLI."""
    app.command("serve")(serve_command)
