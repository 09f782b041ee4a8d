"""Run the reliability benches (load, faults, fuzz) and the hostile-input and security tests,
then write ``docs/reliability.md``: what was tried and what held, with the numbers.

    python -m bench.reliability [--quick] [--out docs/reliability.md] [--no-tests]

``bench.bench_load``, ``bench.bench_faults`` and ``bench.bench_fuzz`` each have
``run(shared, quick) -> rows``; a bench module that does not exist yet gets a row saying so.
The tests are run with pytest (JUnit XML) so the page says which passed when it was made.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

from bench.table import below_floor, print_table

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ("load", "faults", "fuzz")
TEST_FILES = ("tests/test_hostile_inputs.py", "tests/test_api_security.py",
              "tests/test_faults.py")


def run_benches(quick: bool) -> dict[str, list[dict]]:
    """Rows per bench; a missing or failing bench becomes one row that says so."""
    shared = ROOT.parent / "shared"
    results: dict[str, list[dict]] = {}
    for name in BENCHES:
        began = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError as error:
            if error.name != f"bench.bench_{name}":
                raise
            results[name] = [{"bench": name, "metric": "skipped", "value": None,
                              "note": f"bench/bench_{name}.py does not exist yet"}]
            continue
        try:
            rows = module.run(shared, quick)
        except Exception as error:  # noqa: BLE001 - one failed bench must not hide the others
            traceback.print_exc()
            rows = [{"bench": name, "metric": "ERROR", "value": None,
                     "note": f"{type(error).__name__}: {error}"[:200]}]
        rows.append({"bench": name, "metric": "bench wall time (s)",
                     "value": round(time.perf_counter() - began, 1), "note": ""})
        results[name] = rows
    return results


def run_tests(files: list[str]) -> dict[str, str]:
    """Test id -> passed / failed / skipped / error, for the test files that exist."""
    present = [f for f in files if (ROOT / f).exists()]
    if not present:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p",
                        "no:cacheprovider", f"--junitxml={report}", *present], cwd=ROOT,
                       check=False, capture_output=True, text=True)
        if not report.exists():
            return {}
        outcomes = {}
        for case in ET.parse(report).getroot().iter("testcase"):
            module = case.get("classname", "").replace(".", "/") + ".py"
            verdict = "passed"
            for child in case:
                if child.tag in ("failure", "error", "skipped"):
                    verdict = {"failure": "failed"}.get(child.tag, child.tag)
            outcomes[f"{module}::{case.get('name')}"] = verdict
        return outcomes


def collect_ids(path: str) -> list[str]:
    """The test ids pytest collects from ``path`` (empty when the file does not exist)."""
    if not (ROOT / path).exists():
        return []
    done = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "--collect-only",
                           "-q", "-p", "no:cacheprovider", path], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return [line for line in done.stdout.splitlines() if "::" in line]


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _held(rows: list[dict]) -> tuple[int, int]:
    gated = [r for r in rows if r.get("floor") is not None and r.get("value") is not None]
    return sum(not below_floor(r) for r in gated), len(gated)


def load_section(rows: list[dict]) -> list[str]:
    by = {r["metric"]: r for r in rows}
    if "requests" not in by:
        return ["Not run: " + "; ".join(f"{r['metric']}: {r['note']}" for r in rows), ""]
    lines = [f"`conflictwatch serve` (one uvicorn worker, SQLite WAL ledger): "
             f"{by['duration_s']['note']}. {by['requests']['value']} requests "
             f"({by['requests']['note']}), **{by['errors']['value']} errors**; "
             f"{by['writes_acknowledged']['value']} writes acknowledged, "
             f"{by['writes_stored']['value']} found in the database afterwards, **"
             f"{by['lost_writes']['value']} lost**; {by['server_tracebacks']['value']} "
             "server tracebacks.", "",
             "| requests | n | errors | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|"]
    for row in rows:
        if "p99" in row:
            kind = row["metric"].removesuffix("_p99_ms")
            strong = "**" if kind in ("read", "write") else ""
            lines.append(f"| {strong}{kind}{strong} | {row['n']} | {row['errors']} | "
                         f"{row['p50']} | {row['p95']} | {strong}{row['p99']}{strong} |")
    errors = by["errors"]["note"]
    if by["errors"]["value"]:
        lines += ["", f"First errors: {errors}"]
    return lines + [""]


def faults_section(rows: list[dict]) -> list[str]:
    lines = ["| scenario | held | seconds | what was seen |", "|---|---|---|---|"]
    for row in rows:
        if row["metric"] == "bench wall time (s)":
            continue
        held = {None: "n/a", 1: "yes", 0: "**no**"}.get(row["value"], _cell(row["value"]))
        if row["metric"].startswith("uninterrupted"):
            held = "(reference)"
        note = row["note"].rsplit(" (", 1)[0] if row["note"].endswith(" s)") else row["note"]
        lines.append(f"| {row['metric']} | {held} | {_cell(row.get('seconds'))} | "
                     f"{_cell(note)} |")
    return lines + [""]


def generic_section(rows: list[dict]) -> list[str]:
    lines = ["| metric | value | floor | note |", "|---|---|---|---|"]
    lines += [f"| {_cell(r['metric'])} | {_cell(r['value'])} | {_cell(r.get('floor'))} | "
              f"{_cell(r.get('note'))} |" for r in rows]
    return lines + [""]


def tests_section(title: str, path: str, ids: list[str], outcomes: dict[str, str]
                  ) -> list[str]:
    if not ids:
        return [f"### {title}", "", f"`{path}` does not exist yet.", ""]
    verdicts = Counter(outcomes.get(i, "not run") for i in ids)
    shown = ", ".join(f"{n} {v}" for v, n in verdicts.most_common())
    lines = [f"### {title}", "", f"`{path}`: {len(ids)} cases ({shown}).", ""]
    groups: dict[str, list[str]] = {}
    for test_id in ids:
        name = test_id.split("::", 1)[1]
        base, _, param = name.partition("[")
        groups.setdefault(base, []).append(param.rstrip("]"))
    for base, params in groups.items():
        cases, where = collapse([p for p in params if p])
        listed = ", ".join(f"`{_cell(p)[:48]}`" for p in cases)
        lines.append(f"* `{base}`" + (f" ({len(cases)}{where}): {listed}" if cases else ""))
    return lines + [""]


def collapse(params: list[str]) -> tuple[list[str], str]:
    """``a-x, a-y, b-x, b-y`` -> ``[x, y]`` and `` on each of a, b``: one line per case."""
    split = [p.split("-", 1) for p in params]
    if not params or any(len(part) != 2 for part in split):
        return params, ""
    prefixes = list(dict.fromkeys(part[0] for part in split))
    rests = list(dict.fromkeys(part[1] for part in split))
    if len(prefixes) < 2 or len(prefixes) * len(rests) != len(params):
        return params, ""
    return rests, f", each on {', '.join(prefixes)}"


def render(results: dict[str, list[dict]], tests: dict[str, list[str]],
           outcomes: dict[str, str], quick: bool, seconds: float) -> str:
    load = results.get("load", [])
    by = {r["metric"]: r for r in load}
    summary = ["| area | tried | held | numbers |", "|---|---|---|---|"]
    if "requests" in by:
        reads, writes = by.get("read_p99_ms", {}), by.get("write_p99_ms", {})
        ok = "yes" if by["held"]["value"] == 1 else "**no**"
        summary.append(
            f"| service under load | {by['duration_s']['note']} | {ok} | "
            f"{by['requests']['value']} requests, {by['errors']['value']} errors, "
            f"{by['lost_writes']['value']} lost writes of {by['writes_acknowledged']['value']}"
            f" acknowledged; p99 reads {reads.get('p99')} ms, writes {writes.get('p99')} ms |")
    for name, label in (("faults", "faults (kill -9, locks, dropped connection, full disk)"),
                        ("fuzz", "fuzzing (bench/bench_fuzz.py)")):
        rows = results.get(name, [])
        held, gated = _held(rows)
        skipped = next((r["note"] for r in rows if r["metric"] == "skipped"), None)
        tried = len([r for r in rows if r.get("floor") is not None or r["value"] is None])
        summary.append(f"| {label} | {'not run' if skipped else f'{tried} scenarios'} | "
                       f"{'n/a' if skipped or not gated else f'{held}/{gated}'} | "
                       f"{skipped or 'see below'} |")
    for title, path in (("hostile inputs", TEST_FILES[0]), ("API security", TEST_FILES[1]),
                        ("fault tests", TEST_FILES[2])):
        ids = tests.get(path, [])
        passed = sum(outcomes.get(i) == "passed" for i in ids)
        summary.append(f"| {title} | {len(ids)} test cases (`{path}`) | "
                       f"{f'{passed}/{len(ids)} passed' if ids else 'n/a'} | |")
    lines = ["# Reliability: what was tried and what held", "",
             f"Generated by `python -m bench.reliability{' --quick' if quick else ''}` on "
             f"{date.today().isoformat()} ({os.cpu_count()} cores shared with other work, "
             f"load average {os.getloadavg()[0]:.1f} at the end, Python "
             f"{platform.python_version()}, {seconds:.0f} s in all). Do not edit by hand: "
             "rerun it.", "", *summary, "",
             "## Service under load (`bench/bench_load.py`)", "", *load_section(load),
             "## Faults (`bench/bench_faults.py`, drills in `conflictwatch.drills`)", "",
             "Each drill runs the real CLI in a child process. *Held* means: nothing "
             "lost, nothing duplicated, no orphan rows, whole chunks only, a clear error code "
             "where one is due, and a rerun giving exactly the ledger (rows and incidents) of "
             "an uninterrupted run. Kills are SIGKILL, at a point made certain: after 3 "
             "chunks are seen committed, or in a child paused (one library function wrapped) "
             "after a chunk's incident writes or after N incidents exported. PostgreSQL is "
             "not restarted (it serves other work here): the drill holds a table lock so a "
             "chunk blocks mid-write, then `pg_terminate_backend`s the ingest's connection, "
             "which is what a client sees of a restart. The 64 KiB filesystem is a tmpfs "
             "mounted in a private namespace (`unshare -rm`).", "",
             *faults_section(results.get("faults", [])),
             "## Fuzzing (`bench/bench_fuzz.py`)", "", *generic_section(results.get("fuzz", [])),
             "## Test cases", ""]
    for title, path in (("Hostile inputs", TEST_FILES[0]), ("API security", TEST_FILES[1]),
                        ("Faults", TEST_FILES[2])):
        lines += tests_section(title, path, tests.get(path, []), outcomes)
    lines += ["## Rerun", "", "```", "python -m bench.reliability          # about 5 minutes",
              "python -m bench.bench_load [--quick] [--seconds N]",
              "python -m bench.bench_faults [--quick]",
              "pytest tests/test_api_security.py tests/test_faults.py", "```", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reliability.md")
    parser.add_argument("--no-tests", action="store_true", help="list the tests, do not run")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    results = run_benches(args.quick)
    tests = {path: collect_ids(path) for path in TEST_FILES}
    outcomes = {} if args.no_tests else run_tests(list(TEST_FILES))
    rows = [r for name in BENCHES for r in results.get(name, [])]
    failed = print_table(rows)
    page = render(results, tests, outcomes, args.quick, time.perf_counter() - began)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}")
    errors = sum(1 for r in rows if r["metric"] == "ERROR")
    return 1 if failed or errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
