"""Source and scale commands: ``watch`` (feeds) and ``batch`` (Dask); mounted with ``register``.

Both are thin adapters: they build Settings once, open the I/O, and call
:func:`conflictwatch.ingest.feed.watch` or :func:`conflictwatch.batch.extract_with_dask`.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError
from conflictwatch.ingest.feed import STATE_FILE, FeedReport, FeedState, watch
from conflictwatch.ingest.url import Fetcher, make_client, read_sources
from conflictwatch.models import InputDocument

if TYPE_CHECKING:
    from conflictwatch.ledger import IngestReport

DB_HELP = "Database URL (sqlite:///path or postgresql://...); default: CONFLICTWATCH_DB or "
DB_HELP += "an SQLite file in the data directory."
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``1h`` or ``1d``."""
    match = _DURATION.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{text!r} is not a duration such as 90s, 15m or 1h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _settings(db: str | None) -> Settings:
    return Settings(db=db) if db else Settings()


def _fail(err: Console, exc: ConflictwatchError) -> typer.Exit:
    err.print(f"[red]error[/red] {exc}")
    return typer.Exit(code=1)


def watch_command(
    feeds: list[str] = typer.Argument(..., help="RSS or Atom feed URLs."),
    every: str = typer.Option("15m", "--every", help="Time between polls: 90s, 15m, 1h."),
    once: bool = typer.Option(False, "--once", help="Poll each feed once and exit (for cron)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Poll RSS/Atom feeds and ingest each new item into the ledger once."""
    from conflictwatch.extract import Extractor
    from conflictwatch.ledger import ingest
    from conflictwatch.store import open_store

    out, err = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    seconds = parse_duration(every)
    settings = _settings(db)
    try:
        store = open_store(settings.database_url())
        state = FeedState.load(settings.data_dir / STATE_FILE)
        extractor = Extractor(settings)
        ledger_reports: list[IngestReport] = []

        def ingest_documents(documents: list[InputDocument]) -> None:
            ledger_reports.append(ingest(documents, store=store, extract=extractor.extract,
                                         batch_size=settings.batch_size))

        with make_client(settings) as client:
            fetcher = Fetcher(client, settings)
            for report in watch(feeds, fetcher=fetcher, state=state,
                                ingest_fn=ingest_documents, every=seconds, once=once):
                _render_feed_report(out, report)
                while ledger_reports:
                    _render_ledger_report(out, ledger_reports.pop())
    except ConflictwatchError as exc:
        raise _fail(err, exc) from exc
    except KeyboardInterrupt:
        err.print("stopped")


def _render_ledger_report(out: Console, report: IngestReport) -> None:
    summary = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.summary().items())
    out.print(f"    ledger: {summary}", highlight=False)
    for failure in report.failed[:10]:
        out.print(f"    [yellow]not stored[/yellow] {failure.id}: {failure.reason}",
                  highlight=False)


def _render_feed_report(out: Console, report: FeedReport) -> None:
    stamp = datetime.now().strftime("%H:%M:%S")
    colour = {"changed": "green", "not_modified": "dim", "failed": "red"}.get(report.status, "")
    line = f"{stamp} [{colour}]{report.status}[/{colour}] {report.url}"
    if report.status == "changed":
        line += (f": {report.entries} entries, {report.new} new, {report.ingested} ingested, "
                 f"{len(report.failed)} failed")
        if report.deferred:
            line += f", {report.deferred} left for the next rounds"
    if report.error:
        line += f": {report.error}"
    out.print(line, highlight=False)
    for item_id, reason in report.failed[:10]:
        out.print(f"    [yellow]item failed[/yellow] {item_id}: {reason}", highlight=False)


def batch_command(
    inputs: list[str] = typer.Argument(..., help="Files, directories, .jsonl(.gz) batches, "
                                       ".warc(.gz) archives or http(s) URLs."),
    parquet: Path | None = typer.Option(None, "--parquet", help="Write records to this "
                                        "directory as part-NNNNN.parquet instead of the ledger."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                         "(tcp://host:8786); default: a LocalCluster."),
    workers: int = typer.Option(2, "--workers", help="LocalCluster worker processes."),
    partition_size: int = typer.Option(32, "--partition-size", help="Documents per Dask task."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Extract a large corpus on a Dask cluster, into partitioned Parquet or the ledger."""
    from conflictwatch.batch import extract_with_dask, write_parquet_partitions

    logging.getLogger("distributed").setLevel(logging.WARNING)  # the in-process scheduler's chatter
    err = Console(stderr=True, soft_wrap=True)
    settings = _settings(db)
    try:
        with make_client(settings) as client:
            items = read_sources(inputs, fetcher=Fetcher(client, settings))
            records = extract_with_dask(items, settings=settings, scheduler=scheduler,
                                        n_workers=workers, partition_size=partition_size)
            if parquet is not None:
                paths = write_parquet_partitions(records, parquet)
                err.print(f"{len(paths)} Parquet part(s) written to {parquet}")
                return
            from conflictwatch.ledger import ingest
            from conflictwatch.store import open_store

            report = ingest(records, store=open_store(settings.database_url()),
                            batch_size=settings.batch_size)
    except ConflictwatchError as exc:
        raise _fail(err, exc) from exc
    summary = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.summary().items())
    err.print(summary)
    for failure in report.failed[:50]:
        err.print(f"[yellow]failed[/yellow] {failure.id}: {failure.reason}")


def register(app: typer.Typer) -> None:
    """Mount ``watch`` and ``batch`` on the main app."""
    app.command("watch")(watch_command)
    app.command("batch")(batch_command)
