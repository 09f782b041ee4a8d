"""The ``clean`` command, through typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conflictwatch.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def test_clean_cli_prints_one_json_line_per_document(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "a", "text": "Leave a Comment"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["clean", str(FIXTURES / "invented-wire.txt"), str(batch)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["invented-wire.txt", "a", "b.jsonl:2"]
    assert records[0]["title"] == "Dozens wounded as fighting spreads to Port Halden"
    assert {"text": "Aurelio", "reason": "byline"} in records[0]["removed"]
    assert records[1]["text"] == ""
    assert "error" in records[2]


def test_clean_cli_missing_file_exits_non_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
