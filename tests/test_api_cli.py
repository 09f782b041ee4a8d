"""``conflictwatch serve`` mounts on a typer app and documents its options."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from conflictwatch.cli.serve import register


def test_api_cli_serve_registers_with_its_options() -> None:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so typer keeps "serve" as a subcommand
        """Nothing."""

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--host", "--port", "--db", "CONFLICTWATCH_API_TOKEN"):
        assert option in result.output


def test_api_cli_serve_refuses_a_bad_database_url() -> None:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:
        """Nothing."""

    result = CliRunner().invoke(app, ["serve", "--db", "nonsense://"])
    assert result.exit_code == 1
    assert "CW300" in result.output
