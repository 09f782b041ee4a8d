"""Faults: kill -9 during ingest, linking and export; a locked SQLite file; a PostgreSQL
connection dropped mid-chunk; a full disk under export. After each, the ledger holds whole
chunks only, and a rerun gives exactly the ledger of an uninterrupted run.

The drills (``conflictwatch.drills.scenarios``) run the real CLI in child processes; these
tests assert what each one observed.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from conflictwatch.config import Settings
from conflictwatch.drills import scenarios
from conflictwatch.drills.harness import LedgerState, read_state, write_reports
from conflictwatch.errors import OutputError, StoreError
from conflictwatch.export import export_incidents, export_to_path
from conflictwatch.models import Incident
from conflictwatch.store import open_store
from conflictwatch.store.repository import iter_incidents

REPORTS = 160
BATCH = scenarios.BATCH


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory, settings: Settings
          ) -> tuple[Path, Path, Path, LedgerState]:
    """(work dir, data dir, the reports, the ledger of an uninterrupted ingest of them)."""
    work = tmp_path_factory.mktemp("faults")
    inputs = write_reports(work / "reports.jsonl", REPORTS)
    reference = scenarios.reference_ledger(work, settings.data_dir, inputs)
    assert reference.documents == REPORTS and reference.sound
    assert 0 < len(reference.incidents) < REPORTS  # some reports were linked together
    return work, settings.data_dir, inputs, reference


def assert_rerun_restores(facts: dict, reference: LedgerState) -> None:
    assert facts["rerun"].returncode == 0, facts["rerun"].stderr[-2000:]
    after: LedgerState = facts["after"]
    assert after.sound
    assert after.counts == reference.counts
    assert after.incidents == reference.incidents


def test_faults_kill_during_ingest_then_rerun_loses_and_duplicates_nothing(drill) -> None:
    work, data_dir, inputs, reference = drill
    outcome = scenarios.kill_ingest(work, data_dir, inputs, reference)
    facts = outcome.facts
    assert facts["reached"] and facts["running"], "the kill must land while ingest runs"
    at_kill: LedgerState = facts["at_kill"]
    assert BATCH * 3 <= at_kill.documents < REPORTS
    assert at_kill.documents % BATCH == 0  # whole chunks, nothing half-written
    assert at_kill.sound
    assert at_kill.counts["link_features"] == at_kill.counts["incident_members"] \
        == at_kill.documents
    assert_rerun_restores(facts, reference)
    assert outcome.held, outcome.detail


def test_faults_kill_during_linking_leaves_the_chunk_uncommitted(drill) -> None:
    work, data_dir, inputs, reference = drill
    outcome = scenarios.kill_linking(work, data_dir, inputs, reference, chunk=4)
    facts = outcome.facts
    assert facts["reached"] and facts["running"]
    at_kill: LedgerState = facts["at_kill"]
    # chunk 4's documents, features and incident rows were written, then killed uncommitted
    assert at_kill.documents == 3 * BATCH
    assert at_kill.counts["incident_members"] == 3 * BATCH
    assert at_kill.counts["incident_history"] >= 3 * BATCH
    assert at_kill.sound
    assert_rerun_restores(facts, reference)
    assert outcome.held, outcome.detail


def test_faults_kill_during_export_leaves_no_partial_file(drill) -> None:
    work, data_dir, _, _ = drill
    outcome = scenarios.kill_export(work, data_dir, f"sqlite:///{work / 'reference.sqlite'}",
                                    after=40)
    facts = outcome.facts
    assert facts["absent"]["reached"] and facts["absent"]["running"]
    assert not facts["absent"]["exists"]
    assert facts["previous"]["reached"] and facts["previous"]["running"]
    assert facts["previous"]["content"] == scenarios.PREVIOUS
    assert all(name.endswith(".part") for name in facts["parts_left"])
    assert facts["rerun"].returncode == 0, facts["rerun"].stderr
    assert facts["complete"] and facts["incidents"] > 40
    assert outcome.held, outcome.detail


def test_faults_sqlite_lock_is_waited_for_then_ingest_completes(tmp_path: Path) -> None:
    outcome = scenarios.sqlite_locked_waits(tmp_path, hold=1.0, count=40)
    facts = outcome.facts
    assert facts["unlocked"] < 0.5  # so still running after 1 s means it waited on the lock
    assert facts["waiting"] and facts["during"] == 0
    assert facts["error"] is None
    assert facts["report"].stored == 40
    assert facts["after"].documents == 40 and facts["after"].sound


def test_faults_sqlite_lock_past_the_timeout_is_a_clear_error_and_writes_nothing(drill
                                                                               ) -> None:
    work, data_dir, inputs, reference = drill
    outcome = scenarios.sqlite_locked_fails(work, data_dir, inputs, reference, first=40)
    facts = outcome.facts
    assert facts["first_run"].returncode == 0
    assert facts["before"].documents == 40
    locked = facts["locked"]
    assert locked.returncode == 1
    assert "error [CW300] database error: OperationalError: database is locked" in \
        scenarios.flat(locked.stderr)
    assert "INSERT" not in locked.stderr  # the message names the fault, not the SQL
    assert facts["during"].counts == facts["before"].counts
    assert facts["during"].incidents == facts["before"].incidents
    assert_rerun_restores(facts, reference)


def test_faults_postgres_connection_dropped_mid_chunk(drill, pg_url: str) -> None:
    work, data_dir, inputs, reference = drill
    outcome = scenarios.postgres_connection_dropped(work, data_dir, inputs, pg_url, reference,
                                                    batch=40)
    facts = outcome.facts
    assert facts["reached"] and facts["blocked"] and facts["terminated"] >= 1
    assert facts["exit"] == 1
    message = scenarios.error_line(facts["log"])
    assert message.startswith("error [CW300] database error: lost the connection to the "
                              "database"), message
    at_drop: LedgerState = facts["at_drop"]
    assert 80 <= at_drop.documents < REPORTS and at_drop.documents % 40 == 0
    assert at_drop.sound
    assert_rerun_restores(facts, reference)  # the same incidents as on SQLite


def test_faults_disk_full_device_is_a_clear_error(drill) -> None:
    work, data_dir, _, _ = drill
    outcome = scenarios.disk_full_device(work, data_dir, f"sqlite:///{work / 'reference.sqlite'}")
    done = outcome.facts["done"]
    assert done.returncode == 1
    assert scenarios.error_line(done.stderr) == ("error [CW500] could not write /dev/full: "
                                                 "No space left on device")


def test_faults_disk_full_filesystem_keeps_the_previous_export(drill) -> None:
    work, data_dir, _, _ = drill
    outcome = scenarios.disk_full_tmpfs(work, data_dir, f"sqlite:///{work / 'reference.sqlite'}")
    if outcome.held is None:
        pytest.skip(outcome.detail)
    facts = outcome.facts
    assert facts["exit"] == 1
    assert "[CW500]" in facts["stderr"] and "No space left on device" in \
        scenarios.flat(facts["stderr"])
    assert facts["files"] == ["incidents.jsonl"]  # no .part file left behind
    assert facts["content"] == "the previous export"


def test_faults_export_to_path_failing_midway_keeps_the_previous_file(drill) -> None:
    work, _, _, _ = drill
    store = open_store(f"sqlite:///{work / 'reference.sqlite'}")
    target = work / "midway" / "incidents.csv"
    target.parent.mkdir()
    target.write_bytes(b"previous\n")

    def failing() -> Iterator[Incident]:
        with store.connect() as connection:
            for count, incident in enumerate(iter_incidents(connection)):
                if count == 30:
                    raise StoreError("the database went away")
                yield incident

    with pytest.raises(StoreError):
        export_to_path(failing(), "csv", target)
    assert target.read_bytes() == b"previous\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["incidents.csv"]
    with store.connect() as connection:
        count = export_to_path(iter_incidents(connection), "csv", target)
        expected = io.BytesIO()
        export_incidents(iter_incidents(connection), "csv", expected)
    store.close()
    assert target.read_bytes() == expected.getvalue()
    rows = list(csv.reader(io.StringIO(expected.getvalue().decode("utf-8"), newline="")))
    assert count == len(rows) - 1 > 30
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() makes it, not 0o600


def test_faults_export_to_an_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"\[CW500\] could not write .*missing"):
        export_to_path(iter([]), "jsonl", tmp_path / "missing" / "out.jsonl")


def test_faults_store_errors_name_the_fault_not_the_sql(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'e.sqlite'}")
    with pytest.raises(StoreError) as caught, store.begin() as connection:
        connection.execute(sa.text("INSERT INTO no_such_table (secret) VALUES ('hidden text')"))
    store.close()
    assert str(caught.value) == ("[CW300] database error: OperationalError: no such table: "
                                 "no_such_table")
    assert read_state(f"sqlite:///{tmp_path / 'e.sqlite'}").documents == 0
