"""What the fault drills share: invented reports, the ledger's state, and child CLIs.

``start_cli(..., pause=POINT, after=N)`` runs ``conflictwatch ARGS...`` in a child
(``python -m conflictwatch.drills POINT N MARKER -- ARGS...``, see ``drills.child``) that
writes MARKER when it reaches the point and then sleeps until it is killed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from conflictwatch.store import tables
from conflictwatch.store.db import create_store_engine

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PAUSES = ("none", "link", "export")  # see conflictwatch.drills.child
TOWNS = ("Maiduguri", "Goma", "Aleppo", "Kharkiv", "Mosul", "Gao", "Kandahar", "Bunia",
         "Marawi", "Tigray", "Idlib", "Beni", "Sirte", "Kidal", "Juba", "Bamako")
ACTORS = ("gunmen", "militants", "soldiers", "rebels", "bandits", "police", "a mob")
OPENERS = ("Officials said", "Witnesses said", "Local media reported that",
           "A spokesperson confirmed that", "Residents said")


def write_reports(path: Path, count: int, seed: int = 5) -> Path:
    """``count`` invented reports as a ``.jsonl`` batch (about 1.6 reports per incident)."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    lines: list[str] = []
    incident = 0
    while len(lines) < count:
        incident += 1
        town, actor = rng.choice(TOWNS), rng.choice(ACTORS)
        day = start + timedelta(days=incident * 2 // 3)
        killed, injured = rng.randint(1, 40), rng.randint(0, 30)
        for version in range(min(rng.choice((1, 1, 2, 2, 3)), count - len(lines))):
            text = (f"{rng.choice(OPENERS)} {actor} attacked a market in {town} on "
                    f"{day:%A}, {day:%d %B %Y}. {killed + version} people were killed and "
                    f"{injured} were injured in the attack, report {incident}-{version}. "
                    f"Funerals were held in {town}.")
            lines.append(json.dumps({
                "id": f"r{incident:05d}-{version}", "text": text,
                "title": f"{killed + version} killed in {town}",
                "published": (day + timedelta(days=version)).isoformat(),
                "source": f"Outlet {rng.randint(1, 9)}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class LedgerState:
    """What a ledger holds, reduced to what a drill compares."""

    counts: dict[str, int]
    duplicates: int  # document ids with more than one current version, or two memberships
    orphans: int  # derived rows without a current document, documents without an incident
    integrity: str  # SQLite's integrity_check ("ok"); "ok" on PostgreSQL
    incidents: dict[str, tuple[str, ...]] = field(repr=False)  # active incident -> members

    @property
    def documents(self) -> int:
        return self.counts["current_documents"]

    @property
    def sound(self) -> bool:
        """No duplicates, no orphans, an intact file."""
        return self.duplicates == 0 and self.orphans == 0 and self.integrity == "ok"

    def same_ledger(self, other: LedgerState) -> bool:
        """Same rows, same incidents with the same members."""
        return self.counts == other.counts and self.incidents == other.incidents


def read_state(url: str) -> LedgerState:
    """The ledger at ``url``: row counts, duplicates, orphans and incidents."""
    from conflictwatch.store.repository import count_rows

    engine = create_store_engine(url)
    d, m, i = tables.documents, tables.incident_members, tables.incidents
    current = sa.select(d.c.id).where(d.c.is_current)
    try:
        with engine.connect() as connection:
            counts = count_rows(connection)
            one = sa.literal(1)
            duplicates = connection.execute(sa.select(sa.func.count()).select_from(
                sa.select(d.c.id).where(d.c.is_current).group_by(d.c.id)
                .having(sa.func.count() > one).subquery())).scalar_one()
            duplicates += counts["incident_members"] - connection.execute(
                sa.select(sa.func.count(sa.distinct(m.c.doc_id)))).scalar_one()
            orphans = sum(connection.execute(sa.select(sa.func.count()).select_from(table)
                                             .where(table.c.doc_id.not_in(current))
                                             ).scalar_one()
                          for table in (tables.claims, tables.places, tables.events,
                                        tables.link_features, m))
            orphans += connection.execute(sa.select(sa.func.count()).where(
                d.c.is_current, d.c.id.not_in(sa.select(m.c.doc_id)))).scalar_one()
            integrity = "ok"
            if engine.url.get_backend_name() == "sqlite":
                integrity = ";".join(connection.exec_driver_sql("PRAGMA integrity_check")
                                     .scalars())
            rows = connection.execute(sa.select(m.c.incident_id, m.c.doc_id)
                                      .join(i, i.c.id == m.c.incident_id)
                                      .where(i.c.status == "active")).all()
    finally:
        engine.dispose()
    incidents: dict[str, list[str]] = {}
    for row in rows:
        incidents.setdefault(row.incident_id, []).append(row.doc_id)
    return LedgerState(counts, duplicates, orphans, integrity,
                       {k: tuple(sorted(v)) for k, v in sorted(incidents.items())})


def count_documents(engine: sa.Engine) -> int:
    """Current documents in the ledger behind ``engine``; 0 until its tables exist."""
    database = engine.url.database or ""
    if engine.url.get_backend_name() == "sqlite" and not Path(database).exists():
        return 0  # let the child create the file
    try:
        with engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).where(
                tables.documents.c.is_current)).scalar_one()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):  # not migrated yet
        return 0


def cli_env(data_dir: Path, **settings: object) -> dict[str, str]:
    """The environment for a child CLI: ours, the data directory, and CONFLICTWATCH_ settings."""
    env = os.environ.copy()
    env["CONFLICTWATCH_DATA_DIR"] = str(data_dir)
    env.update({f"CONFLICTWATCH_{k.upper()}": str(v) for k, v in settings.items()})
    return env


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300
            ) -> subprocess.CompletedProcess:
    """Run ``conflictwatch ARGS...`` to completion; output captured as text."""
    return subprocess.run([sys.executable, "-m", "conflictwatch", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def start_cli(args: list[str], env: dict[str, str], log: Path, *, pause: str = "none",
              after: int = 0, marker: Path | None = None) -> subprocess.Popen:
    """Start ``conflictwatch ARGS...`` in a child pausing at ``pause`` (``drills.child``);
    its output goes to ``log``."""
    if pause not in PAUSES:
        raise ValueError(f"unknown pause point {pause!r}")
    command = [sys.executable, "-m", "conflictwatch.drills", pause, str(after),
               str(marker or ""), "--", *args]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until(check: Callable[[], bool], timeout: float, every: float = 0.01) -> bool:
    """Poll ``check`` until it is true (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()


def wait_for_pause(child: subprocess.Popen, marker: Path, timeout: float) -> bool:
    """Wait until ``child`` writes ``marker`` (True), or exits or ``timeout`` passes (False)."""
    wait_until(lambda: marker.exists() or child.poll() is not None, timeout, every=0.02)
    return marker.exists()


def sigkill(child: subprocess.Popen) -> bool:
    """SIGKILL ``child``; return whether it was still running when killed."""
    running = child.poll() is None
    if running:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return running


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server behind ``PG_ADMIN`` cannot be reached."""


@contextmanager
def scratch_postgres(prefix: str, admin_url: str = PG_ADMIN) -> Iterator[str]:
    """A fresh PostgreSQL database named ``prefix_<random>``, dropped afterwards: its URL."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        raise PostgresUnavailable(str(exc.orig)) from exc
    try:
        yield admin.url.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
