"""Run every benchmark and print one table; exit 1 when a value falls below its floor.

    python -m bench [--quick] [--only extract,places,...]

The reliability benches (load, faults, fuzz) also run alone and write docs/reliability.md with
``python -m bench.reliability`` (``make reliability``).

Each module ``bench/bench_<name>.py`` has ``run(shared, quick) -> rows``. Floors are the
accuracy and speed gates of the issues; they may only rise.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

from bench.table import print_table, shared_dir

BENCHES = ("extract", "clean", "places", "events", "link", "api", "scale", "load", "faults",
           "fuzz")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    only = next((a.split("=", 1)[1] for a in argv if a.startswith("--only=")), None)
    names = only.split(",") if only else BENCHES
    shared = shared_dir()
    rows: list[dict] = []
    for name in names:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.bench_{name}")
            rows += module.run(shared, quick)
        except Exception as error:  # noqa: BLE001 - one failed bench must not hide the others
            traceback.print_exc()
            rows.append({"bench": name, "metric": "ERROR", "value": None,
                         "note": f"{type(error).__name__}: {error}"[:120]})
        rows.append({"bench": name, "metric": "bench wall time (s)",
                     "value": time.perf_counter() - started})
    failed = print_table(rows)
    errors = sum(1 for r in rows if r["metric"] == "ERROR")
    return 1 if failed or errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
