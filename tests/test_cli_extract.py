"""`conflictwatch extract` exactly as CONTRACT.md section 1 says."""

import json

from typer.testing import CliRunner

from conflictwatch.cli import app

RUNNER = CliRunner()


def _records(output: str):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_extract_files_and_batches_in_input_order(tmp_path):
    (tmp_path / "one.txt").write_text("Shooting\n\nTwo men were shot, one fatally, on Friday.\n")
    (tmp_path / "batch.jsonl").write_text(
        '{"id": "a1", "text": "Police arrested 12 people on Monday.", "published": "2024-03-04"}\n'
        "this line is broken\n"
        '{"id": "a2", "html": "<p>Three soldiers were killed, the army said.</p>"}\n')
    out = tmp_path / "out" / "records.jsonl"
    result = RUNNER.invoke(app, ["extract", str(tmp_path / "one.txt"),
                                 str(tmp_path / "batch.jsonl"), "--published", "2024-03-09",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = _records(out.read_text())
    assert [r["id"] for r in records][:2] == ["one.txt", "a1"]
    assert len(records) == 4 and "error" in records[2] and records[3]["id"] == "a2"
    assert records[0]["published"] == "2024-03-09"
    assert records[1]["published"] == "2024-03-04"
    assert {c["outcome"]: c["best"] for c in records[0]["claims"]} == {"killed": 1, "injured": 1}
    assert "error" not in records[0]


def test_cli_extract_reads_stdin():
    result = RUNNER.invoke(app, ["extract", "-", "--published", "2025-03-09"],
                           input="Blast\n\nA blast killed at least 7 people on Thursday.\n")
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert record["claims"][0]["low"] == 7 and record["claims"][0]["qualifier"] == "at_least"


def test_cli_extract_unreadable_input_exits_non_zero(tmp_path):
    result = RUNNER.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "CW100" in result.output


def test_cli_extract_bad_date_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    result = RUNNER.invoke(app, ["extract", str(tmp_path / "a.txt"), "--published", "9/3/25"])
    assert result.exit_code != 0


def test_cli_extract_workers_give_the_same_records(tmp_path):
    batch = tmp_path / "b.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"Report {i}\n\n{i + 2} people were killed "
                         "in the attack, officials said.", "published": "2024-01-0" + str(i + 1)})
             for i in range(4)]
    batch.write_text("\n".join(lines) + "\n")
    serial = RUNNER.invoke(app, ["extract", str(batch)])
    parallel = RUNNER.invoke(app, ["extract", str(batch), "--workers", "2"])
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.output
    assert _records(serial.stdout) == _records(parallel.stdout)
    assert [r["claims"][0]["best"] for r in _records(serial.stdout)] == [2, 3, 4, 5]
