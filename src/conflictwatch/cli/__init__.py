"""The command line: thin typer adapters over the library."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="conflictwatch",
    help="Turn news reports about violence into a geolocated ledger of events and death tolls.",
    no_args_is_help=True,
    add_completion=False,
)


def main() -> None:
    app()
