"""`conflictwatch serve` under concurrent writes and reads: errors, lost writes, latency.

Seeds a fresh SQLite ledger with invented reports (``bench/synth.py``), starts the real
``conflictwatch serve`` on a free loopback port with an API token, and for 120 s (15 s with
``--quick``) runs writer threads (``POST /documents``, distinct ids, real extraction) beside
reader threads cycling through the incident list under filters, one incident, the timeline,
claims, documents, events and ``/healthz``. Every client is a closed loop (the next request
leaves when the last answered) with a 30 s timeout. Afterwards the server is stopped and the
database read: every acknowledged write must be stored (lost writes 0). Nothing comes from
../shared.

    python -m bench.bench_load [--quick] [--seconds N] [--writers W] [--readers R]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

from bench.bench_api import wait_until_serving
from bench.synth import synth_reports
from conflictwatch.config import Settings
from conflictwatch.ledger import ingest
from conflictwatch.store import open_store, tables

TOKEN = "load-bench-token"
READS = (  # kind, path, params
    ("incidents", "/incidents", {}),
    ("incidents_filtered", "/incidents", {"date_from": "2022-06-01", "date_to": "2023-06-30",
                                          "min_fatalities": 2, "sort": "-fatalities"}),
    ("incidents_q", "/incidents", {"q": "town1", "limit": 100}),
    ("incident", "/incidents/{id}", {}),
    ("timeline", "/incidents/timeline", {"bucket": "month"}),
    ("claims", "/claims", {"outcome": "killed", "min_best": 5}),
    ("documents", "/documents", {"q": "killed", "limit": 20}),
    ("events", "/events", {"event_type": "battles"}),
    ("healthz", "/healthz", {}),
)


@dataclass
class Tally:
    """Latencies (ms) per kind, errors, and the ids of acknowledged and attempted writes."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    acknowledged: set[str] = field(default_factory=set)
    attempted: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(ms)
            if error is not None:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.samples) < 5:
                    self.samples.append(f"{kind}: {error}"[:160])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_ledger(path: Path, reports: int) -> int:
    """A fresh ledger at ``path`` holding ``reports`` invented reports; return the count."""
    store = open_store(f"sqlite:///{path}")
    ingest((record for record, _ in synth_reports(reports, seed=21)), store=store,
           batch_size=256)
    store.close()
    return reports


def start_serve(db: Path, port: int, data_dir: Path, log: Path) -> subprocess.Popen:
    """``conflictwatch serve`` (the real CLI, one uvicorn worker); waits for /healthz."""
    env = os.environ | {"CONFLICTWATCH_API_TOKEN": TOKEN,
                        "CONFLICTWATCH_DATA_DIR": str(data_dir)}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "conflictwatch", "serve", "--port", str(port), "--db",
             f"sqlite:///{db}", "--log-level", "warning"], env=env, stdout=out,
            stderr=subprocess.STDOUT)
    if wait_until_serving(server, port, attempts=1200):
        return server
    server.kill()
    raise RuntimeError(f"conflictwatch serve did not start: {log.read_text()[-500:]}")


def texts(count: int) -> list[dict]:
    """Bodies for POST /documents: invented reports, without their ids."""
    return [{"text": r.text, "title": r.title, "published": r.published.isoformat(),
             "source": r.source} for r, _ in synth_reports(count, seed=99)]


def write_loop(base: str, worker: int, bodies: list[dict], tally: Tally,
               deadline: float) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        n = 0
        while time.perf_counter() < deadline:
            doc_id = f"load-w{worker}-{n:06d}"
            body = bodies[(worker * 7919 + n) % len(bodies)] | {"id": doc_id}
            n += 1
            with tally.lock:
                tally.attempted.add(doc_id)
            began = time.perf_counter()
            error = None
            try:
                response = client.post("/documents", json=body)
                if response.status_code != 201:
                    error = f"{response.status_code} {response.text[:100]}"
                elif response.json()["summary"]["stored"] == 1:
                    with tally.lock:
                        tally.acknowledged.add(doc_id)
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            tally.record("write", (time.perf_counter() - began) * 1000, error)


def read_loop(base: str, worker: int, incident_ids: list[str], tally: Tally,
              deadline: float) -> None:
    rng = random.Random(worker)
    with httpx.Client(base_url=base, timeout=30) as client:
        n = worker
        while time.perf_counter() < deadline:
            kind, path, params = READS[n % len(READS)]
            n += 1
            if "{id}" in path:
                path = path.replace("{id}", rng.choice(incident_ids))
            began = time.perf_counter()
            error = None
            try:
                response = client.get(path, params=params)
                if response.status_code != 200:
                    error = f"{response.status_code} {response.text[:100]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            tally.record(kind, (time.perf_counter() - began) * 1000, error)


def stored_load_ids(db: Path) -> set[str]:
    store = open_store(f"sqlite:///{db}")
    d = tables.documents
    with store.connect() as connection:
        ids = set(connection.execute(sa.select(d.c.id).where(
            d.c.is_current, d.c.id.like("load-%"))).scalars())
    store.close()
    return ids


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in ms (nearest rank)."""
    ordered = sorted(values)
    at = [ordered[min(len(ordered), max(1, math.ceil(q * len(ordered)))) - 1]
          for q in (0.50, 0.95, 0.99)]
    return round(at[0], 1), round(at[1], 1), round(at[2], 1)


def drive(base: str, seconds: float, writers: int, readers: int) -> tuple[Tally, float]:
    """Warm the extractor with one write, then run the writers and readers for ``seconds``;
    return the tally and the seconds the load ran."""
    tally = Tally()
    warm = httpx.post(f"{base}/documents", json=texts(1)[0] | {"id": "load-warmup"},
                      headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300)
    warm.raise_for_status()
    tally.acknowledged.add("load-warmup")
    tally.attempted.add("load-warmup")
    listed = httpx.get(f"{base}/incidents", params={"limit": 500}, timeout=30).json()
    incident_ids = [item["incident_id"] for item in listed["items"]]
    bodies = texts(2000)
    began = time.perf_counter()
    deadline = began + seconds
    threads = [threading.Thread(target=write_loop, args=(base, w, bodies, tally, deadline))
               for w in range(writers)]
    threads += [threading.Thread(target=read_loop, args=(base, r, incident_ids, tally, deadline))
                for r in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - began


def summarise(tally: Tally, seconds: float, stored: set[str], seeded: int, writers: int,
              readers: int, tracebacks: int) -> list[dict]:
    requests = sum(len(v) for v in tally.latencies.values())
    errors = sum(tally.errors.values())
    lost = sorted(tally.acknowledged - stored)
    unacknowledged = len(stored - tally.acknowledged)
    setup = f"{writers} writers + {readers} readers, {seconds:.0f} s, {seeded} seeded reports"
    rows = [
        {"bench": "load", "metric": "duration_s", "value": round(seconds, 1), "note": setup},
        {"bench": "load", "metric": "requests", "value": requests,
         "note": f"{requests / seconds:.1f} requests/s"},
        {"bench": "load", "metric": "errors", "value": errors,
         "note": "; ".join(tally.samples) or "non-2xx answers and transport errors"},
        {"bench": "load", "metric": "writes_acknowledged", "value": len(tally.acknowledged),
         "note": f"201 with stored=1, of {len(tally.attempted)} sent (1 warm-up)"},
        {"bench": "load", "metric": "writes_stored", "value": len(stored & tally.attempted),
         "note": f"load-* documents in the database afterwards; {unacknowledged} stored "
                 "without an acknowledgement"},
        {"bench": "load", "metric": "lost_writes", "value": len(lost),
         "note": ", ".join(lost[:5]) or "acknowledged but not in the database"},
        {"bench": "load", "metric": "server_tracebacks", "value": tracebacks,
         "note": "tracebacks in the server's log"},
        {"bench": "load", "metric": "held", "value": int(not errors and not lost
                                                         and not tracebacks), "floor": 1,
         "note": "1 = zero errors, zero lost writes, no server traceback"},
    ]
    reads = [ms for kind, values in tally.latencies.items() if kind != "write"
             for ms in values]
    for kind, values in [("write", tally.latencies.get("write", [])), ("read", reads)] + sorted(
            (k, v) for k, v in tally.latencies.items() if k != "write"):
        if not values:
            continue
        p50, p95, p99 = percentiles(values)
        label = kind if kind in ("write", "read") else f"read:{kind}"
        rows.append({"bench": "load", "metric": f"{label}_p99_ms", "value": p99,
                     "n": len(values), "p50": p50, "p95": p95, "p99": p99,
                     "errors": tally.errors.get(kind, 0) if label != "read" else
                     sum(v for k, v in tally.errors.items() if k != "write"),
                     "note": f"n {len(values)}, p50 {p50} ms, p95 {p95} ms, mean "
                             f"{statistics.fmean(values):.1f} ms"})
    return rows


def run(shared: Path, quick: bool, *, seconds: float | None = None, writers: int = 2,
        readers: int = 4) -> list[dict]:
    """Seed, serve, load, count; ``shared`` is not used (invented data)."""
    seconds = seconds or (15.0 if quick else 120.0)
    data_dir = Settings().data_dir  # the built gazetteer the server's extractor reads
    with tempfile.TemporaryDirectory(prefix="cw-bench-load-") as tmp:
        db, log = Path(tmp) / "load.sqlite", Path(tmp) / "serve.log"
        seeded = seed_ledger(db, 500 if quick else 2000)
        port = free_port()
        server = start_serve(db, port, data_dir, log)
        try:
            tally, elapsed = drive(f"http://127.0.0.1:{port}", seconds, writers, readers)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        tracebacks = log.read_text(errors="replace").count("Traceback")
        stored = stored_load_ids(db)
    return summarise(tally, elapsed, stored, seeded, writers, readers, tracebacks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="15 s instead of 120 s")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--readers", type=int, default=4)
    args = parser.parse_args()
    from bench.table import print_table

    rows = run(Path(), args.quick, seconds=args.seconds, writers=args.writers,
               readers=args.readers)
    raise SystemExit(1 if print_table(rows) else 0)


if __name__ == "__main__":
    main()
