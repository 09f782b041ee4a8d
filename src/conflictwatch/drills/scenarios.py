"""The fault drills. Each returns an ``Outcome``: whether the ledger held, a one-line detail,
the wall time, and the facts observed (for tests to assert one by one).

Every drill works on its own files under ``work``; ``data_dir`` holds the built gazetteer the
child CLIs need. ``reference`` is the state of an uninterrupted ingest of the same reports
(``reference_ledger``): after a fault and a rerun the ledger must equal it exactly.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from conflictwatch.drills.harness import (
    LedgerState,
    cli_env,
    count_documents,
    read_state,
    run_cli,
    sigkill,
    start_cli,
    wait_for_pause,
    wait_until,
)
from conflictwatch.errors import StoreError
from conflictwatch.export import export_incidents
from conflictwatch.ledger import ingest
from conflictwatch.models import DocumentRecord
from conflictwatch.store import open_store
from conflictwatch.store.db import create_store_engine, normalize_url
from conflictwatch.store.repository import iter_incidents

BATCH = 8
PREVIOUS = b"the previous export\n"
DRILL_APP = "cw-drill"


@dataclass
class Outcome:
    """What one drill did and saw."""

    scenario: str
    held: bool | None  # None: the drill could not run here (detail says why)
    detail: str
    seconds: float = 0.0
    facts: dict[str, Any] = field(default_factory=dict, repr=False)


def flat(text: str) -> str:
    """``text`` on one line (rich wraps the CLI's error lines at the console width)."""
    return " ".join(text.split())


def error_line(output: str) -> str:
    """The CLI's ``error [CWnnn] ...`` message from its output, on one line."""
    text = flat(output)
    return text[text.find("error [CW"):][:160] if "error [CW" in text else text[-160:]


def _sqlite(work: Path, name: str) -> str:
    return f"sqlite:///{work / name}"


def reference_ledger(work: Path, data_dir: Path, inputs: Path) -> LedgerState:
    """Ingest ``inputs`` once, uninterrupted, with the real CLI; return the ledger's state."""
    url = _sqlite(work, "reference.sqlite")
    done = run_cli(["ingest", str(inputs), "--db", url], cli_env(data_dir, batch_size=BATCH))
    state = read_state(url)
    lines = len(inputs.read_text(encoding="utf-8").splitlines())
    if done.returncode != 0 or state.documents != lines:
        raise StoreError(f"the reference ingest stored {state.documents} of {lines} reports "
                         f"(exit {done.returncode}): {flat(done.stderr)[-300:]}")
    return state


def _rerun(url: str, inputs: Path, env: dict[str, str]
           ) -> tuple[subprocess.CompletedProcess, LedgerState]:
    done = run_cli(["ingest", str(inputs), "--db", url], env)
    return done, read_state(url)


def _verdict(at_fault: LedgerState, rerun: subprocess.CompletedProcess, after: LedgerState,
             reference: LedgerState) -> tuple[bool, str]:
    same = after.same_ledger(reference)
    held = at_fault.sound and rerun.returncode == 0 and same and after.sound
    detail = (f"{at_fault.documents} documents committed at the fault, whole chunks of "
              f"{BATCH}: {at_fault.documents % BATCH == 0}; duplicates {at_fault.duplicates}, "
              f"orphans {at_fault.orphans}; rerun exit {rerun.returncode}, "
              f"{after.documents}/{reference.documents} documents, "
              f"{len(after.incidents)}/{len(reference.incidents)} incidents, "
              f"same ledger as an uninterrupted run: {same}")
    return held, detail


def kill_ingest(work: Path, data_dir: Path, inputs: Path, reference: LedgerState) -> Outcome:
    """SIGKILL ``conflictwatch ingest`` once 3 chunks are committed, then rerun it."""
    began = time.perf_counter()
    url, env = _sqlite(work, "kill-ingest.sqlite"), cli_env(data_dir, batch_size=BATCH)
    child = start_cli(["ingest", str(inputs), "--db", url], env, work / "kill-ingest.log")
    engine = create_store_engine(url)
    reached = wait_until(lambda: count_documents(engine) >= 3 * BATCH
                         or child.poll() is not None, timeout=180)
    reached = reached and count_documents(engine) >= 3 * BATCH
    running = sigkill(child)
    engine.dispose()
    at_kill = read_state(url)
    rerun, after = _rerun(url, inputs, env)
    held, detail = _verdict(at_kill, rerun, after, reference)
    held = held and reached and running and at_kill.documents % BATCH == 0
    return Outcome("kill -9 during ingest", held, f"killed while running: {running}; " + detail,
                   time.perf_counter() - began,
                   {"reached": reached, "running": running, "at_kill": at_kill,
                    "rerun": rerun, "after": after})


def kill_linking(work: Path, data_dir: Path, inputs: Path, reference: LedgerState,
                 chunk: int = 4) -> Outcome:
    """SIGKILL ingest after the linker wrote chunk ``chunk``'s incident changes, before that
    chunk committed; then rerun."""
    began = time.perf_counter()
    url, env = _sqlite(work, "kill-link.sqlite"), cli_env(data_dir, batch_size=BATCH)
    marker = work / "kill-link.paused"
    child = start_cli(["ingest", str(inputs), "--db", url], env, work / "kill-link.log",
                      pause="link", after=chunk, marker=marker)
    reached = wait_for_pause(child, marker, timeout=180)
    running = sigkill(child)
    at_kill = read_state(url)
    rerun, after = _rerun(url, inputs, env)
    held, detail = _verdict(at_kill, rerun, after, reference)
    held = held and reached and running and at_kill.documents == (chunk - 1) * BATCH
    return Outcome("kill -9 during linking", held,
                   f"paused after chunk {chunk}'s incident writes: {reached}; " + detail,
                   time.perf_counter() - began,
                   {"reached": reached, "running": running, "at_kill": at_kill,
                    "rerun": rerun, "after": after, "chunk": chunk})


def expected_export(url: str, fmt: str = "jsonl") -> bytes:
    """The export of the ledger at ``url``, written in this process."""
    store = open_store(url)
    out = io.BytesIO()
    with store.connect() as connection:
        export_incidents(iter_incidents(connection), fmt, out)
    store.close()
    return out.getvalue()


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.part"))


def kill_export(work: Path, data_dir: Path, ledger_url: str, after: int = 60) -> Outcome:
    """SIGKILL ``conflictwatch export -o FILE`` after ``after`` incidents, with no FILE and with a
    previous FILE; then rerun it."""
    began = time.perf_counter()
    env, folder = cli_env(data_dir), work / "export"
    folder.mkdir(exist_ok=True)
    facts: dict[str, Any] = {}
    for case, previous in (("absent", None), ("previous", PREVIOUS)):
        out, marker = folder / f"{case}.jsonl", work / f"kill-export-{case}.paused"
        if previous is not None:
            out.write_bytes(previous)
        child = start_cli(["export", "--format", "jsonl", "-o", str(out), "--db", ledger_url],
                          env, work / f"kill-export-{case}.log", pause="export", after=after,
                          marker=marker)
        reached = wait_for_pause(child, marker, timeout=120)
        running = sigkill(child)
        facts[case] = {"reached": reached, "running": running, "exists": out.exists(),
                       "content": out.read_bytes() if out.exists() else None}
    facts["parts_left"] = _parts(folder)
    rerun = run_cli(["export", "--format", "jsonl", "-o", str(folder / "absent.jsonl"),
                     "--db", ledger_url], env)
    written = (folder / "absent.jsonl").read_bytes() if rerun.returncode == 0 else b""
    expected = expected_export(ledger_url)
    facts.update(rerun=rerun, complete=written == expected,
                 incidents=len(expected.splitlines()))
    absent, kept = facts["absent"], facts["previous"]
    intact = kept["content"] == PREVIOUS
    held = (absent["reached"] and absent["running"] and not absent["exists"]
            and kept["reached"] and kept["running"] and intact
            and rerun.returncode == 0 and facts["complete"])
    detail = (f"killed after {after} incidents: new file absent: {not absent['exists']}; "
              f"previous file intact: {intact}; "
              f"{len(facts['parts_left'])} hidden .part file(s) left by the kills; rerun exit "
              f"{rerun.returncode}, complete ({facts['incidents']} incidents, byte-identical to "
              f"an in-process export): {facts['complete']}")
    return Outcome("kill -9 during export", held, detail, time.perf_counter() - began, facts)


def bare_records(count: int, prefix: str = "lock") -> list[DocumentRecord]:
    """``count`` ready records (no extraction needed), a week apart."""
    return [DocumentRecord(id=f"{prefix}{i:04d}", text=f"Report {i} from Town{i % 7}.",
                           published=date(2024, 1, 1 + i % 28)) for i in range(count)]


def sqlite_locked_waits(work: Path, hold: float = 1.5, count: int = 40) -> Outcome:
    """Another connection holds SQLite's write lock (BEGIN EXCLUSIVE) for ``hold`` seconds
    while ``ingest`` runs: ingest waits on the busy timeout, then stores everything."""
    began = time.perf_counter()
    free_store = open_store(_sqlite(work, "unlocked.sqlite"))
    started = time.perf_counter()
    ingest(bare_records(count), store=free_store, batch_size=10)
    unlocked = time.perf_counter() - started
    free_store.close()
    path = work / "locked.sqlite"
    store = open_store(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    result: dict[str, Any] = {}

    def run() -> None:
        started = time.perf_counter()
        try:
            result["report"] = ingest(bare_records(count), store=store, batch_size=10)
        except StoreError as exc:
            result["error"] = exc
        result["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(hold)
    waiting = worker.is_alive()
    during = holder.execute("SELECT count(*) FROM documents").fetchone()[0]
    holder.execute("COMMIT")
    holder.close()
    worker.join(timeout=120)
    after = read_state(f"sqlite:///{path}")
    store.close()
    report = result.get("report")
    held = (waiting and during == 0 and report is not None and report.stored == count
            and after.documents == count and after.sound)
    detail = (f"lock held {hold:.1f} s (ingest alone takes {unlocked:.2f} s): still waiting "
              f"when released: {waiting}; documents during the lock {during}; then "
              f"{after.documents}/{count} stored in {result.get('seconds', 0):.2f} s, "
              f"error: {result.get('error')}")
    return Outcome("SQLite locked by another writer, released", held, detail,
                   time.perf_counter() - began,
                   {"waiting": waiting, "during": during, "report": report,
                    "error": result.get("error"), "after": after, "unlocked": unlocked})


def sqlite_locked_fails(work: Path, data_dir: Path, inputs: Path, reference: LedgerState,
                        first: int = 80) -> Outcome:
    """The write lock is held past the busy timeout (``?timeout=0.5``): the CLI fails with
    CW300 and writes nothing; once released, a rerun completes the ledger."""
    began = time.perf_counter()
    path = work / "lock-fails.sqlite"
    url, env = f"sqlite:///{path}?timeout=0.5", cli_env(data_dir, batch_size=BATCH)
    head = work / "lock-fails-head.jsonl"
    head.write_text("".join(inputs.read_text(encoding="utf-8").splitlines(True)[:first]),
                    encoding="utf-8")
    first_run = run_cli(["ingest", str(head), "--db", url], env)
    before = read_state(url)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = run_cli(["ingest", str(inputs), "--db", url], env)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    during = read_state(url)
    rerun, after = _rerun(url, inputs, env)
    message = error_line(locked.stderr)
    clear = locked.returncode == 1 and "CW300" in message and "database is locked" in message
    held = (first_run.returncode == 0 and clear and during.same_ledger(before) and during.sound
            and rerun.returncode == 0 and after.same_ledger(reference))
    detail = (f"locked run: exit {locked.returncode}, {message[:90]!r}; ledger unchanged: "
              f"{during.same_ledger(before)} ({during.documents} documents); after release the "
              f"rerun gives the uninterrupted ledger: {after.same_ledger(reference)}")
    return Outcome("SQLite locked past the busy timeout", held, detail,
                   time.perf_counter() - began,
                   {"first_run": first_run, "before": before, "locked": locked,
                    "during": during, "rerun": rerun, "after": after})


def _blocked_writers(admin: sa.Connection) -> list[int]:
    """Backends of this database (not the drill's) waiting on a lock after writing."""
    return list(admin.execute(sa.text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND application_name <> :me AND wait_event_type = 'Lock' "
        "AND backend_xid IS NOT NULL"), {"me": DRILL_APP}).scalars())


def postgres_connection_dropped(work: Path, data_dir: Path, inputs: Path, url: str,
                                reference: LedgerState, batch: int = 40) -> Outcome:
    """The server drops the ingest's connection mid-chunk, as a restart would: the drill
    takes ``incident_history``'s lock so the third (or a later) chunk blocks after writing its
    documents, then ``pg_terminate_backend``s the ingest. Then the ingest is rerun."""
    began = time.perf_counter()
    env = cli_env(data_dir, batch_size=batch)
    engine = sa.create_engine(normalize_url(url), connect_args={"application_name": DRILL_APP})
    child = start_cli(["ingest", str(inputs), "--db", url], env, work / "pg-drop.log")
    try:
        reached = wait_until(lambda: count_documents(engine) >= 2 * batch
                             or child.poll() is not None, timeout=180) and child.poll() is None
        with engine.connect() as locker, engine.connect().execution_options(
                isolation_level="AUTOCOMMIT") as admin:
            locker.execute(sa.text("LOCK TABLE incident_history IN ACCESS EXCLUSIVE MODE"))
            blocked = wait_until(lambda: bool(_blocked_writers(admin))
                                 or child.poll() is not None, timeout=60, every=0.05)
            blocked = blocked and child.poll() is None
            uncommitted = admin.execute(sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name <> :me AND backend_xid IS NOT NULL"),
                {"me": DRILL_APP}).scalar_one()
            terminated = admin.execute(sa.text(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name <> :me"),
                {"me": DRILL_APP}).scalar_one()
            locker.rollback()
        child.wait(timeout=120)
    finally:
        if child.poll() is None:
            sigkill(child)
        engine.dispose()
    log = (work / "pg-drop.log").read_text(encoding="utf-8", errors="replace")
    at_drop = read_state(url)
    rerun, after = _rerun(url, inputs, env)
    message = error_line(log)
    clear = (child.returncode == 1 and "CW300" in message
             and "lost the connection to the database" in message)
    same = after.same_ledger(reference)
    held = (reached and blocked and terminated > 0 and clear and at_drop.sound
            and at_drop.documents % batch == 0 and rerun.returncode == 0 and same)
    detail = (f"ingest blocked mid-chunk with uncommitted writes: {blocked} ({uncommitted} "
              f"transaction(s)); {terminated} backend(s) terminated; ingest exit "
              f"{child.returncode}, {message[:170]!r}; {at_drop.documents} documents "
              f"committed (whole chunks of {batch}: {at_drop.documents % batch == 0}), "
              f"orphans {at_drop.orphans}; rerun exit {rerun.returncode}, same ledger as an "
              f"uninterrupted SQLite run: {same}")
    return Outcome("PostgreSQL drops the connection mid-chunk", held, detail,
                   time.perf_counter() - began,
                   {"reached": reached, "blocked": blocked, "terminated": terminated,
                    "exit": child.returncode, "log": log, "at_drop": at_drop,
                    "rerun": rerun, "after": after, "batch": batch})


def disk_full_device(work: Path, data_dir: Path, ledger_url: str) -> Outcome:
    """``conflictwatch export -o /dev/full``: every write fails with ENOSPC."""
    began = time.perf_counter()
    done = run_cli(["export", "--format", "jsonl", "-o", "/dev/full", "--db", ledger_url],
                   cli_env(data_dir))
    message = error_line(done.stderr)
    clear = (done.returncode == 1 and "CW500" in message
             and "No space left on device" in message)
    return Outcome("disk full on export (/dev/full)", clear,
                   f"exit {done.returncode}, {message!r}",
                   time.perf_counter() - began, {"done": done})


FULL_SCRIPT = """
mount -t tmpfs -o size=64k tmpfs "$1" || exit 97
printf 'the previous export' > "$1/incidents.jsonl"
"$2" -m conflictwatch export --format jsonl -o "$1/incidents.jsonl" --db "$3"
echo "exit $?"
echo "files $(ls -A "$1" | tr '\\n' ' ')"
echo "content $(cat "$1/incidents.jsonl")"
"""


def disk_full_tmpfs(work: Path, data_dir: Path, ledger_url: str) -> Outcome:
    """Export onto a 64 KiB tmpfs (mounted in a private user and mount namespace with
    ``unshare -rm``) holding a previous export: ENOSPC midway."""
    import sys

    began = time.perf_counter()
    mount = work / "tiny"
    mount.mkdir(exist_ok=True)
    if shutil.which("unshare") is None:
        return Outcome("disk full on export (64 KiB filesystem)", None, "no unshare here")
    done = subprocess.run(["unshare", "-rm", "sh", "-c", FULL_SCRIPT, "sh", str(mount),
                           sys.executable, ledger_url], env=cli_env(data_dir),
                          capture_output=True, text=True, timeout=120, check=False)
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    if done.returncode != 0 or "exit" not in lines:
        return Outcome("disk full on export (64 KiB filesystem)", None,
                       f"cannot mount a tmpfs here: {done.stderr.strip()[-120:]!r}",
                       time.perf_counter() - began)
    files = lines.get("files", "").split()
    message = error_line(done.stderr)
    held = (lines["exit"] == "1" and "CW500" in message and "No space left" in message
            and files == ["incidents.jsonl"] and lines.get("content") == "the previous export")
    detail = (f"exit {lines['exit']}, {message!r}; files left: {files}; "
              f"previous export intact: {lines.get('content') == 'the previous export'}")
    return Outcome("disk full on export (64 KiB filesystem)", held, detail,
                   time.perf_counter() - began,
                   {"exit": int(lines["exit"]), "stderr": done.stderr, "files": files,
                    "content": lines.get("content")})
