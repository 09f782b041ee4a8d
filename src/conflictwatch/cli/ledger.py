"""Ledger commands: ``ingest``, ``incidents`` and ``export``; mounted with ``register(app)``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError, OutputError
from conflictwatch.export import FORMATS, export_incidents, export_to_path
from conflictwatch.ledger import IngestReport, ingest
from conflictwatch.models import Incident
from conflictwatch.store import open_store
from conflictwatch.store.repository import iter_incidents, report_publications

DB_HELP = "Database URL (sqlite:///path or postgresql://...); default: CONFLICTWATCH_DB or "
DB_HELP += "an SQLite file in the data directory."


def _fail(err: Console, exc: ConflictwatchError) -> typer.Exit:
    err.print(f"[red]error[/red] {exc}")
    return typer.Exit(code=1)


def ingest_command(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT...",
        help="Files (.txt, .html, .jsonl, .jsonl.gz, .warc.gz), directories, or http(s) URLs."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Extract, store and link documents into incidents (idempotent)."""
    from conflictwatch.extract import Extractor
    from conflictwatch.ingest.url import Fetcher, make_client, read_sources

    err = Console(stderr=True)
    settings = Settings(db=db) if db else Settings()
    try:
        store = open_store(settings.database_url())
        extractor = Extractor(settings)
        columns = (TextColumn("ingest"), BarColumn(), TextColumn("{task.completed} read"),
                   TimeElapsedColumn())
        with make_client(settings) as client, Progress(*columns, console=err) as bar:
            task = bar.add_task("ingest", total=None)
            items = read_sources(inputs, fetcher=Fetcher(client, settings))
            report = ingest(items, store=store,
                            extract=extractor.extract, batch_size=settings.batch_size,
                            progress=lambda r: bar.update(task, completed=r.read))
    except ConflictwatchError as exc:
        raise _fail(err, exc) from exc
    _render_report(err, report)


def _render_report(err: Console, report: IngestReport) -> None:
    summary = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.summary().items())
    err.print(summary)
    for failure in report.failed[:50]:
        err.print(f"[yellow]failed[/yellow] {failure.id}: {failure.reason}")
    if len(report.failed) > 50:
        err.print(f"... and {len(report.failed) - 50} more failures")


def _export_to_stdout(incidents: Iterable[Incident], fmt: str,
                      publications: dict[str, str] | None) -> int:
    try:
        count = export_incidents(incidents, fmt, sys.stdout.buffer, publications)
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise OutputError(f"could not write standard output: {exc.strerror or exc}") from exc
    return count


def _export(db: str | None, fmt: str, output: Path | None) -> None:
    err = Console(stderr=True)
    if fmt not in FORMATS:
        err.print(f"[red]error[/red] unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(code=2)
    settings = Settings(db=db) if db else Settings()
    try:
        store = open_store(settings.database_url())
        with store.connect() as connection:
            publications = report_publications(connection) if fmt == "acled" else None
            incidents = iter_incidents(connection)
            if output is not None:
                count = export_to_path(incidents, fmt, output, publications)
            else:
                count = _export_to_stdout(incidents, fmt, publications)
    except ConflictwatchError as exc:
        raise _fail(err, exc) from exc
    if output is not None:
        err.print(f"{count} incidents written to {output}")


def incidents_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv or geojson."),
) -> None:
    """Print the linked incidents with reconciled tolls (contract section 6)."""
    if fmt not in ("jsonl", "csv", "geojson"):
        Console(stderr=True).print("[red]error[/red] --format must be jsonl, csv or geojson")
        raise typer.Exit(code=2)
    _export(db, fmt, None)


def export_command(
    fmt: str = typer.Option(..., "--format", help="jsonl, csv, acled, ucdp, geojson or parquet."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write; default "
                                       "standard output."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export incidents as jsonl, csv, ACLED-style or UCDP GED-style csv, GeoJSON or Parquet."""
    _export(db, fmt, output)


def register(app: typer.Typer) -> None:
    """Mount the ledger commands on the main app."""
    app.command("ingest")(ingest_command)
    app.command("incidents")(incidents_command)
    app.command("export")(export_command)
