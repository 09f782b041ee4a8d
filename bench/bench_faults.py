"""Fault drills as timed rows: kill -9 during ingest, linking and export; SQLite locked;
PostgreSQL dropping the connection mid-chunk; a full disk under export.

Each row is one scenario from ``conflictwatch.drills.scenarios`` (the ones
``tests/test_faults.py`` asserts on): value 1 when the ledger held (nothing lost, nothing
duplicated, nothing half-written, a clear error where one is due, and a rerun giving the
ledger of an uninterrupted run), 0 when it did not, empty when the drill cannot run here.
Nothing comes from ../shared.

    python -m bench.bench_faults [--quick] [--reports N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from conflictwatch.config import Settings
from conflictwatch.drills import scenarios
from conflictwatch.drills.harness import PostgresUnavailable, scratch_postgres, write_reports
from conflictwatch.errors import StoreError


def row(outcome: scenarios.Outcome) -> dict:
    return {"bench": "faults", "metric": outcome.scenario,
            "value": None if outcome.held is None else int(outcome.held),
            "floor": None if outcome.held is None else 1,
            "seconds": round(outcome.seconds, 1),
            "note": f"{outcome.detail} ({outcome.seconds:.1f} s)"}


def with_postgres(drill: Callable[[str], scenarios.Outcome]) -> scenarios.Outcome:
    """Run ``drill`` on a fresh PostgreSQL database at 127.0.0.1:5432, dropped afterwards."""
    try:
        with scratch_postgres("cw_faults") as url:
            return drill(url)
    except PostgresUnavailable as exc:
        return scenarios.Outcome("PostgreSQL drops the connection mid-chunk", None,
                                 f"PostgreSQL unreachable: {str(exc)[:80]}")


def run(shared: Path, quick: bool, *, reports: int | None = None) -> list[dict]:
    """Every drill on ``reports`` invented reports; ``shared`` is not used."""
    count = reports or (160 if quick else 400)
    data_dir = Settings().data_dir  # the built gazetteer the child CLIs read
    with tempfile.TemporaryDirectory(prefix="cw-bench-faults-") as tmp:
        work = Path(tmp)
        inputs = write_reports(work / "reports.jsonl", count)
        began = time.perf_counter()
        try:
            reference = scenarios.reference_ledger(work, data_dir, inputs)
        except StoreError as error:  # extraction broken: every drill would compare with it
            return [{"bench": "faults", "metric": "ERROR", "value": None,
                     "note": f"no reference ledger, drills not run: {error}"[:300]}]
        ledger = f"sqlite:///{work / 'reference.sqlite'}"
        rows = [{"bench": "faults", "metric": "uninterrupted ingest (reference)",
                 "value": reference.documents, "seconds": round(time.perf_counter() - began, 1),
                 "note": f"{count} invented reports via the CLI: {reference.documents} "
                         f"documents, {len(reference.incidents)} incidents"}]
        drills: list[tuple[str, Callable[[], scenarios.Outcome]]] = [
            ("kill_ingest", lambda: scenarios.kill_ingest(work, data_dir, inputs, reference)),
            ("kill_linking", lambda: scenarios.kill_linking(work, data_dir, inputs, reference)),
            ("kill_export", lambda: scenarios.kill_export(work, data_dir, ledger)),
            ("sqlite_locked_waits", lambda: scenarios.sqlite_locked_waits(work)),
            ("sqlite_locked_fails",
             lambda: scenarios.sqlite_locked_fails(work, data_dir, inputs, reference)),
            ("postgres_connection_dropped",
             lambda: with_postgres(lambda url: scenarios.postgres_connection_dropped(
                 work, data_dir, inputs, url, reference))),
            ("disk_full_device", lambda: scenarios.disk_full_device(work, data_dir, ledger)),
            ("disk_full_tmpfs", lambda: scenarios.disk_full_tmpfs(work, data_dir, ledger)),
        ]
        for name, drill in drills:
            began = time.perf_counter()
            try:
                rows.append(row(drill()))
            except Exception as error:  # noqa: BLE001 - one broken drill must not hide the rest
                rows.append(row(scenarios.Outcome(name, False, f"the drill raised "
                                                  f"{type(error).__name__}: {error}"[:200],
                                                  time.perf_counter() - began)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="160 reports instead of 400")
    parser.add_argument("--reports", type=int, default=None)
    args = parser.parse_args()
    from bench.table import print_table

    raise SystemExit(1 if print_table(run(Path(), args.quick, reports=args.reports)) else 0)


if __name__ == "__main__":
    main()
