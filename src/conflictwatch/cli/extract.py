"""``conflictwatch extract`` and ``conflictwatch demo``: read reports into JSON records."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError
from conflictwatch.extract import extract_documents
from conflictwatch.ingest import read_inputs
from conflictwatch.models import DocumentRecord

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-03-09") from error


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def extract_command(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT...",
        help="Files (.txt, .html, .jsonl, .jsonl.gz, .warc.gz), directories, or - for stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSON Lines here "
                                       "(default: standard output)."),
    published: str | None = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                          help="Publication date of plain files: anchors "
                                          "'on Thursday', 'in December'."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
) -> None:
    """Read news reports into one JSON record each: claims, places, events.

    A document that cannot be read still gets a record, with an "error" field; the batch
    goes on. Example:

        conflictwatch extract report.txt --published 2025-03-09 -o records.jsonl
    """
    settings = Settings()
    err = Console(stderr=True)
    try:
        items = read_inputs(inputs, stdin=sys.stdin, published=_date(published))
        with _output(output) as out, _progress(err) as advance:
            for record in extract_documents(items, settings, workers=workers):
                out.write(json.dumps(record.to_json_dict(), ensure_ascii=False) + "\n")
                advance(record)
    except ConflictwatchError as error:
        err.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error


@contextmanager
def _progress(console: Console) -> Iterator:
    """A progress line on stderr: documents read, failures, rate."""
    columns = [TextColumn("[bold]extract"), BarColumn(bar_width=None),
               TextColumn("{task.completed} docs, {task.fields[failed]} failed"),
               TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("extract", total=None, failed=0)
        failed = 0

        def advance(record: DocumentRecord) -> None:
            nonlocal failed
            failed += record.error is not None
            progress.update(task, advance=1, failed=failed)

        yield advance


def demo_command() -> None:
    """Read the bundled invented example reports and show their events and claims."""
    from conflictwatch.cli.render import render_record

    settings = Settings()
    console = Console()
    items = read_inputs([EXAMPLES / "reports.jsonl"])
    for record in extract_documents(items, settings):
        render_record(console, record)


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``demo``."""
    app.command("extract")(extract_command)
    app.command("demo")(demo_command)
