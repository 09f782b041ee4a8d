"""The ``gazetteer`` commands: build | info | lookup NAME | load DUMP; mounted with ``register``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError
from conflictwatch.gazetteer.load import GazetteerInfo, build_gazetteer, load_geonames_dump
from conflictwatch.gazetteer.resolve import Gazetteer, resolve_place

gazetteer_app = typer.Typer(help="Build and query the offline gazetteer.", no_args_is_help=True)
FILE_OPTION = typer.Option(None, "--file", help="Gazetteer file; default: from settings.")


def _path(file: Path | None) -> Path:
    return file or Settings().gazetteer_file()


def _fail(exc: ConflictwatchError) -> typer.Exit:
    Console(stderr=True).print(f"[red]error[/red] {exc}")
    return typer.Exit(code=1)


Report = Callable[[str, int, int], None]


def _with_progress(work: Callable[[Report], GazetteerInfo]) -> GazetteerInfo:
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("gazetteer", total=None)

        def report(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        return work(report)


def _print_info(info: GazetteerInfo) -> None:
    table = Table(show_header=False, box=None)
    table.add_row("file", str(info.path))
    table.add_row("places", f"{info.places:,}")
    table.add_row("names", f"{info.names:,}")
    table.add_row("size", f"{info.size_bytes / 1e6:.1f} MB")
    table.add_row("built", info.built_at)
    if info.build_seconds:
        table.add_row("build time", f"{info.build_seconds:.1f} s")
    for source, count in sorted(info.sources.items()):
        table.add_row(f"from {source}", f"{count:,}")
    Console().print(table)


@gazetteer_app.command("build")
def build_command(file: Path | None = FILE_OPTION) -> None:
    """Build the gazetteer from the installed packages (no network)."""
    try:
        _print_info(_with_progress(lambda report: build_gazetteer(_path(file), progress=report)))
    except ConflictwatchError as exc:
        raise _fail(exc) from exc


@gazetteer_app.command("info")
def info_command(file: Path | None = FILE_OPTION) -> None:
    """Describe the built gazetteer."""
    try:
        _print_info(Gazetteer.open(_path(file)).info())
    except ConflictwatchError as exc:
        raise _fail(exc) from exc


@gazetteer_app.command("lookup")
def lookup_command(
    name: str = typer.Argument(..., help="A place name, e.g. Lattakia."),
    file: Path | None = FILE_OPTION,
) -> None:
    """List the places called NAME, best guess (without context) first."""
    try:
        gazetteer = Gazetteer.open(_path(file))
        candidates = gazetteer.lookup(name) or gazetteer.lookup(name, loose=True)
        best = resolve_place(gazetteer, name)
    except ConflictwatchError as exc:
        raise _fail(exc) from exc
    table = Table("geonameid", "name", "kind", "feature", "country", "admin1", "admin2",
                  "lat", "lon", "population")
    for c in sorted(candidates, key=lambda c: -c.population):
        table.add_row(str(c.geonameid or ""), c.name, c.kind, c.feature or "",
                      c.country_code or "", c.admin1 or "", c.admin2 or "",
                      f"{c.lat:.4f}", f"{c.lon:.4f}", f"{c.population:,}")
    console = Console()
    console.print(table)
    console.print(f"resolved: {best.model_dump_json() if best else 'unresolved'}")


@gazetteer_app.command("load")
def load_command(
    dump: Path = typer.Argument(..., help="GeoNames dump: allCountries.txt or cities500.txt."),
    alternate_names: Path | None = typer.Option(
        None, "--alternate-names", help="GeoNames alternateNamesV2.txt."),
    file: Path | None = FILE_OPTION,
) -> None:
    """Build the gazetteer from a GeoNames dump (plus our supplement)."""
    try:
        _print_info(_with_progress(lambda report: load_geonames_dump(
            _path(file), dump, alternate_names, progress=report)))
    except ConflictwatchError as exc:
        raise _fail(exc) from exc


def register(app: typer.Typer) -> None:
    """Add the ``gazetteer`` sub-commands to ``app``."""
    app.add_typer(gazetteer_app, name="gazetteer")
