"""The ``clean`` command: show what cleaning keeps and removes; mounted with ``register(app)``."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from conflictwatch.clean import clean_document
from conflictwatch.errors import ConflictwatchError, DocumentError
from conflictwatch.ingest import InputFailure, read_inputs


def clean_command(
    inputs: list[str] = typer.Argument(..., help="Files, directories, .jsonl batches, or -."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) for plain files."
    ),
) -> None:
    """Clean documents and print one JSON line each: text, title, removed, captions."""
    err = Console(stderr=True)
    try:
        when = date.fromisoformat(published) if published else None
    except ValueError as exc:
        err.print(f"[red]error[/red] --published must be YYYY-MM-DD, not {published!r}")
        raise typer.Exit(code=2) from exc
    try:
        for item in read_inputs([i if i == "-" else Path(i) for i in inputs], published=when):
            sys.stdout.write(json.dumps(_render(item), ensure_ascii=False) + "\n")
    except ConflictwatchError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(code=1) from exc


def _render(item: object) -> dict[str, object]:
    if isinstance(item, InputFailure):
        return {"id": item.id, "error": item.error}
    try:
        cleaned = clean_document(item)  # type: ignore[arg-type]
    except DocumentError as exc:
        return {"id": item.id, "error": str(exc)}  # type: ignore[attr-defined]
    warnings = list(getattr(item, "warnings", [])) + cleaned.warnings
    return {"id": item.id, **cleaned.to_json_dict(), "warnings": warnings}  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    """Add the ``clean`` command to ``app``."""
    app.command("clean")(clean_command)
