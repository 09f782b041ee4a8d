"""/incidents under load: requests/second and p50/p99 latency on a synthetic ledger.

Builds a ledger of N invented incidents (100k; 10k with --quick) in a temporary SQLite file
through the API's read model, serves it with one uvicorn worker in a child process on a free
loopback port, and drives it with a bounded httpx load generator (count and time capped).
Nothing comes from ../shared.

    python -m bench.bench_api [--quick] [--incidents N]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import httpx

from conflictwatch.api.read_model import create_read_model, index_incidents, set_mark
from conflictwatch.models import Actor, Figures, Incident, IncidentClaim, Location, TollPoint
from conflictwatch.store import open_store

COUNTRIES = {  # code: (lat, lon) of a rough centre
    "SY": (35.0, 38.5), "IQ": (33.0, 44.0), "YE": (15.5, 47.5), "SD": (15.0, 30.0),
    "SS": (7.0, 30.0), "NG": (9.0, 8.0), "ML": (17.0, -3.0), "BF": (12.3, -1.5),
    "SO": (5.0, 46.0), "ET": (9.0, 39.5), "CD": (-2.5, 23.5), "UA": (49.0, 32.0),
    "MM": (21.0, 96.0), "AF": (34.0, 66.0), "PK": (30.0, 70.0), "CO": (4.0, -73.0),
    "MX": (23.0, -102.0), "HT": (19.0, -72.5), "LY": (27.0, 17.0), "PS": (31.9, 35.2),
}
TYPES = ("battles", "violence_against_civilians", "explosions_remote_violence", "riots",
         "protests", "strategic_developments")
ACTORS = ("the army", "rebel fighters", "a local militia", "police", "unidentified gunmen",
          "the Liberation Front", "the National Guard", "border guards", "tribal fighters")
SOURCES = ("officials", "witnesses", "a monitoring group", "the health ministry", None)
START = date(2022, 1, 1)
QUERIES = (  # name, params: the /incidents filters the dashboard sends
    ("newest", {}),
    ("date_range", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
    ("country_dates", {"country": "SY", "date_from": "2023-01-01", "date_to": "2023-12-31"}),
    ("bbox", {"bbox": "30,25,50,40"}),
    ("type_min_deaths", {"event_type": "battles", "min_fatalities": 10}),
    ("admin1", {"country": "NG", "admin1": "NG-R3"}),
    ("actor", {"actor": "militia"}),
    ("text_q", {"q": "town17"}),
    ("deadliest", {"sort": "-fatalities"}),
    ("deep_page", {"offset": 5000}),
    ("combined", {"country": "UA", "event_type": "explosions_remote_violence",
                  "date_from": "2022-06-01", "date_to": "2023-06-01", "min_fatalities": 1}),
)


def synth_incidents(n: int, seed: int = 11) -> Iterator[Incident]:
    """``n`` invented incidents spread over three years and twenty countries."""
    rng = random.Random(seed)
    codes = sorted(COUNTRIES)
    for i in range(n):
        code = rng.choice(codes)
        lat, lon = COUNTRIES[code]
        day = START + timedelta(days=rng.randrange(1095))
        killed = int(rng.paretovariate(1.3)) - 1
        reports = [f"r{i}-{j}" for j in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        claims, evolution = [], []
        for j, report in enumerate(reports):
            best = killed + j
            claim = IncidentClaim(report_id=report, outcome="killed", low=best, best=best,
                                  high=best, qualifier="exact", victims="people", start=0,
                                  end=10, text=f"{best} killed", source=rng.choice(SOURCES),
                                  as_of=day + timedelta(days=j), published=day)
            claims.append(claim)
            evolution.append(TollPoint(as_of=claim.as_of, outcome="killed", low=best,
                                       best=best, high=best, source=claim.source,
                                       report_id=report))
        place = Location(name=f"Town{rng.randrange(400)}", country_code=code,
                         lat=round(lat + rng.uniform(-3, 3), 4),
                         lon=round(lon + rng.uniform(-3, 3), 4),
                         admin1=f"{code}-R{rng.randrange(12)}", precision=1)
        toll = killed + len(reports) - 1
        yield Incident(incident_id=f"inc-{i:08x}", report_ids=reports,
                       event_type=rng.choice(TYPES), date_start=day, date_end=day,
                       location=place, fatalities=Figures(low=killed, best=toll, high=toll),
                       claims=claims, evolution=evolution,
                       actors=[Actor(name=rng.choice(ACTORS), role="actor1")])


def build_ledger(path: Path, n: int) -> float:
    """Create the ledger at ``path`` with ``n`` incidents in its read model; return seconds."""
    began = time.perf_counter()
    store = open_store(f"sqlite:///{path}")
    with store.begin() as conn:
        create_read_model(conn)
        index_incidents(conn, synth_incidents(n), batch=2000)
        set_mark(conn)
        conn.exec_driver_sql("ANALYZE")
    store.close()
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVER = """
import sys, uvicorn
from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
app = create_app(Settings(db=sys.argv[1], data_dir=sys.argv[3]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), workers=1, log_level="warning",
            access_log=False)
"""


def start_server(db: Path, port: int) -> subprocess.Popen:
    """One uvicorn worker serving ``db`` on loopback; waits until /healthz answers."""
    server = subprocess.Popen([sys.executable, "-c", SERVER, f"sqlite:///{db}", str(port),
                               str(db.parent)])
    if wait_until_serving(server, port, attempts=600):
        return server
    server.kill()
    raise RuntimeError("the API server did not start")


def wait_until_serving(server: subprocess.Popen, port: int, *, attempts: int) -> bool:
    """Poll /healthz on loopback ``port`` (0.1 s apart) until it answers 200; False when the
    server exits first or ``attempts`` run out."""
    for _ in range(attempts):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            time.sleep(0.1)
        if server.poll() is not None:
            return False
    return False


def drive(base: str, requests: list[tuple[str, dict]], threads: int, budget: float
          ) -> tuple[list[float], float, int]:
    """Send ``requests`` from ``threads`` clients until done or ``budget`` seconds pass."""
    deadline = time.perf_counter() + budget
    errors = 0

    def one(batch: list[tuple[str, dict]]) -> list[float]:
        nonlocal errors
        timings = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for path, params in batch:
                if time.perf_counter() > deadline:
                    break
                began = time.perf_counter()
                response = client.get(path, params=params)
                timings.append((time.perf_counter() - began) * 1000)
                errors += response.status_code != 200
        return timings

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        parts = pool.map(one, [requests[i::threads] for i in range(threads)])
        timings = [t for part in parts for t in part]
    return timings, time.perf_counter() - began, errors


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def measure(base: str, n: int, quick: bool) -> list[dict]:
    """Per-query latency one at a time, then the mix under concurrent load."""
    rows = []
    rounds = 10 if quick else 30
    for name, params in QUERIES:
        timings, _, errors = drive(base, [("/incidents", params)] * rounds, 1, 60)
        rows.append({"bench": "api", "metric": f"incidents_{name}_p50_ms",
                     "value": round(statistics.median(timings), 1),
                     "note": f"{n} incidents, sequential, p99 {pct(timings, 0.99)} ms"
                             + (f", {errors} errors" if errors else "")})
    mix = [("/incidents", params) for _, params in QUERIES] * (40 if quick else 150)
    random.Random(3).shuffle(mix)
    for threads in (1, 4):
        timings, elapsed, errors = drive(base, mix, threads, 45 if quick else 120)
        note = f"{n} incidents, {threads} client threads, {len(timings)} requests"
        note += f", {errors} non-200" if errors else ""
        rows += [
            {"bench": "api", "metric": f"incidents_mix_c{threads}_rps",
             "value": round(len(timings) / elapsed, 1), "note": note},
            {"bench": "api", "metric": f"incidents_mix_c{threads}_p50_ms",
             "value": pct(timings, 0.5), "note": note},
            {"bench": "api", "metric": f"incidents_mix_c{threads}_p99_ms",
             "value": pct(timings, 0.99), "note": note + "; target < 100 ms"},
        ]
    for name, path, params in (("timeline", "/incidents/timeline", {"country": "SY"}),
                               ("map_2000", "/incidents", {"limit": 2000,
                                                           "sort": "-fatalities"})):
        timings, _, _ = drive(base, [(path, params)] * (5 if quick else 20), 1, 60)
        rows.append({"bench": "api", "metric": f"{name}_p50_ms",
                     "value": round(statistics.median(timings), 1),
                     "note": f"{n} incidents, sequential, what the dashboard also asks"})
    return rows


def run(shared: Path, quick: bool, *, incidents: int | None = None) -> list[dict]:
    """Build the ledger, serve it, load it; ``shared`` is not used (synthetic data)."""
    n = incidents or (10_000 if quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="cw-bench-api-") as tmp:
        db = Path(tmp) / "bench.sqlite"
        built = build_ledger(db, n)
        rows = [{"bench": "api", "metric": "read_model_build_s", "value": round(built, 1),
                 "note": f"{n} synthetic incidents indexed"}]
        server = start_server(db, free_port())
        try:
            rows += measure(f"http://127.0.0.1:{server.args[4]}", n, quick)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).parent.parent.parent / "shared")
    parser.add_argument("--quick", action="store_true", help="10k incidents, fewer requests")
    parser.add_argument("--incidents", type=int, default=None)
    args = parser.parse_args()
    rows = run(args.shared, args.quick, incidents=args.incidents)
    from rich.console import Console
    from rich.table import Table

    table = Table("bench", "metric", "value", "floor", "note")
    for row in rows:
        table.add_row(row["bench"], row["metric"], str(row["value"]),
                      "" if row.get("floor") is None else str(row["floor"]), row["note"])
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
