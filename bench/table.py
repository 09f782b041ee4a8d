"""Print benchmark rows as one table, and check floors (values that may only rise)."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table


def shared_dir() -> Path:
    """../shared/dev beside the project (benchmarks read it; tests never need it)."""
    path = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
    if not path.is_dir():
        sys.exit(f"benchmarks need the dev data at {path}")
    return path


def dev_dir(shared: Path) -> Path:
    """The dev data folder, given ../shared or ../shared/dev (benches accept either)."""
    return shared / "dev" if (shared / "dev").is_dir() else shared


def below_floor(row: dict) -> bool:
    floor = row.get("floor")
    return floor is not None and row["value"] is not None and row["value"] < floor


def print_table(rows: list[dict], console: Console | None = None) -> int:
    """Print the rows; return how many are below their floor."""
    table = Table(title="conflictwatch bench")
    for column in ("bench", "metric", "value", "floor", "ok", "note"):
        table.add_column(column)
    failed = 0
    for row in rows:
        value = row["value"]
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        floor = row.get("floor")
        bad = below_floor(row)
        failed += bad
        table.add_row(row["bench"], row["metric"], shown, "" if floor is None else str(floor),
                      "" if floor is None else ("FAIL" if bad else "ok"), row.get("note", ""))
    (console or Console()).print(table)
    return failed
