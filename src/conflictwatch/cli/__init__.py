"""The command line: thin typer adapters over the library."""

from __future__ import annotations

import logging

import typer

from conflictwatch.cli import clean, extract, gazetteer, ledger, serve, sources

app = typer.Typer(
    name="conflictwatch",
    help="Turn news reports about violence into a geolocated ledger of events and death "
    "tolls.\n\nStart with `conflictwatch demo`, then `conflictwatch extract REPORT.txt "
    "--published YYYY-MM-DD`. Settings come from CONFLICTWATCH_* environment variables "
    "(see docs/settings.md).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (extract, clean, gazetteer, ledger, sources, serve):
    module.register(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
