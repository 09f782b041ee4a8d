"""The ledger commands end to end, through typer's runner and the real extractor."""

from __future__ import annotations

import csv
import io
import json

import typer
from typer.testing import CliRunner

from conflictwatch.cli.ledger import register

BATCH = [
    {"id": "a1", "text": "Gunmen killed 12 people in the village of Tillia in Niger on Sunday, "
     "officials said. At least 5 others were wounded.", "published": "2024-03-11",
     "source": "Agency A"},
    {"id": "a2", "text": "Twelve villagers were killed and five wounded when gunmen attacked "
     "Tillia, Niger, on Sunday, according to local officials.", "published": "2024-03-12"},
]


def app() -> typer.Typer:
    ledger = typer.Typer()
    register(ledger)
    return ledger


def test_ledger_cli_ingest_reports_bad_inputs_and_links_the_rest(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([json.dumps(BATCH[0]), "not json", json.dumps(BATCH[1])]) + "\n")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    runner = CliRunner()
    first = runner.invoke(app(), ["ingest", str(batch), str(binary), "--db", url])
    assert first.exit_code == 0, first.output
    assert "stored 2" in first.output and "failed 2" in first.output
    again = runner.invoke(app(), ["ingest", str(batch), "--db", url])
    assert "unchanged 2" in again.output
    shown = runner.invoke(app(), ["incidents", "--db", url])
    incidents = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [sorted(i["report_ids"]) for i in incidents] == [["a1", "a2"]]
    assert incidents[0]["fatalities"]["best"] == 12
    acled = runner.invoke(app(), ["export", "--format", "acled", "--db", url])
    rows = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert rows[0]["fatalities"] == "12" and rows[0]["country"] == "Niger"
    assert rows[0]["source"] == "Agency A"
