"""Scale benchmark: docs/s for 1 worker, 2 local processes and Dask LocalCluster(2); WARC streaming.

The same documents (gva crawl, ``../shared/dev/gva/articles.jsonl.gz``; 5,000 taken by cycling
through its 3,452 articles, ids suffixed on the second pass; quick: 300) go through:

- ``1 worker``: one Extractor in this process (pipeline loaded before the clock starts);
- ``2 processes``: ``extract_documents(workers=2)`` (spawned pool; its start-up is inside the
  clock, so the steady rate, first record to last, is reported too);
- ``dask 2``: ``extract_with_dask`` on a LocalCluster of 2 worker processes whose pipelines
  are loaded (worker plugin) before the clock starts.

1 worker and Dask then alternate twice more (full runs): the speed-up is the median of the
three rounds' ratios, so a change in the machine's load hits both sides alike.

Peak memory per worker is sampled RSS (``ru_maxrss`` is useless here: a spawned child inherits
its parent's high-water mark). The machine's load average is printed with the
rates: on a shared machine the speed-up is bounded by the free cores, not by Dask.

A synthetic WARC.gz of 10,000 pages is then written and streamed through ``read_warc``; the
process RSS is sampled every 500 documents (start, peak, end).

Run alone with ``python -m bench.bench_scale [--quick] [--docs N]``.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from io import BytesIO
from itertools import cycle, islice
from pathlib import Path

import psutil
from distributed import Client
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictwatch.batch import ExtractorPlugin, extract_with_dask, local_cluster
from conflictwatch.config import Settings
from conflictwatch.extract import Extractor, extract_documents
from conflictwatch.ingest.warc import read_warc
from conflictwatch.models import InputDocument

FULL_DOCS = 5_000
QUICK_DOCS = 300
WARC_PAGES = 10_000
ROUNDS = 3  # 1 worker and Dask alternate; the speed-up is the median of the rounds' ratios
SPEEDUP_FLOOR = 1.6  # main: median 1.72x on a quiet machine; issue 7 asks 1.7x
WARM_UP = InputDocument(id="warm-up", text="Two people were killed in Homs on Monday, police "
                        "said. Protesters gathered in Damascus.", published="2025-03-09")


def load_documents(shared: Path, count: int) -> list[InputDocument]:
    """``count`` gva articles, cycling through the file with suffixed ids when it is short."""
    dev = shared / "dev" if (shared / "dev").is_dir() else shared
    with gzip.open(dev / "gva" / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    documents = []
    for n, row in enumerate(islice(cycle(rows), count)):
        round_ = n // len(rows)
        doc_id = row["doc_id"] if round_ == 0 else f"{row['doc_id']}#{round_}"
        documents.append(InputDocument(id=doc_id, text=row["content"],
                                       title=row.get("title") or None,
                                       published=row.get("dct") or None))
    return documents


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def _rss_mb(children: bool) -> float:
    """RSS of this process, or of its largest descendant (a pool or Dask worker)."""
    if not children:
        return psutil.Process().memory_info().rss / 2**20
    sizes = []
    for child in psutil.Process().children(recursive=True):
        try:
            sizes.append(child.memory_info().rss)
        except psutil.Error:
            continue
    return max(sizes, default=0) / 2**20


def _timed(records: Iterator, count: int, *, children: bool = False) -> dict:
    """Consume ``records``: wall and first-to-last seconds, records with ``error``, and the
    peak RSS per worker, sampled every 10 records."""
    started = time.perf_counter()
    first = last = started
    seen = errors = 0
    peak = 0.0
    for record in records:
        seen += 1
        errors += record.error is not None
        if seen % 10 == 1:
            peak = max(peak, _rss_mb(children))
        last = time.perf_counter()
        if seen == 1:
            first = last
    if seen != count:
        raise RuntimeError(f"expected {count} records, got {seen}")
    return {"wall": last - started, "steady": (last - first) / max(seen - 1, 1) * seen,
            "errors": errors, "peak_mb": max(peak, _rss_mb(children))}


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _worker_cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def _warm_up(plugin: str, dask_worker=None) -> None:
    dask_worker.plugins[plugin].extractor.extract(WARM_UP)


def bench_single(documents: list[InputDocument], settings: Settings) -> dict:
    extractor = Extractor(settings)
    extractor.extract(WARM_UP)  # load the pipeline and warm its caches before the clock
    cpu = _cpu_seconds()
    result = _timed(extract_documents(documents, extractor=extractor), len(documents))
    result["cpu"] = _cpu_seconds() - cpu
    return result


def bench_processes(documents: list[InputDocument], settings: Settings) -> dict:
    cpu = _cpu_seconds() + _cpu_seconds(resource.RUSAGE_CHILDREN)
    result = _timed(extract_documents(documents, settings=settings, workers=2), len(documents),
                    children=True)
    result["cpu"] = _cpu_seconds() + _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    return result


def bench_dask(documents: list[InputDocument], settings: Settings) -> dict:
    with local_cluster(2, silence_logs=40) as cluster, Client(cluster) as client:
        plugin = ExtractorPlugin(settings)
        client.register_plugin(plugin, name=plugin.name)  # loads the pipelines, off the clock
        client.run(_warm_up, plugin.name)
        client_cpu = _cpu_seconds()
        worker_cpu = sum(client.run(_worker_cpu_seconds).values())
        result = _timed(extract_with_dask(documents, settings=settings, scheduler=client),
                        len(documents), children=True)
        result["worker_cpu"] = sum(client.run(_worker_cpu_seconds).values()) - worker_cpu
        result["client_cpu"] = _cpu_seconds() - client_cpu
        result["cpu"] = result["worker_cpu"] + result["client_cpu"]
        sizes = client.run(lambda: psutil.Process().memory_info().rss / 2**20)
    result["rss_after"] = sorted(round(v) for v in sizes.values())
    return result


def _page(n: int) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {k} of report {n}: gunmen killed {n % 7 + 1} people in village {n} "
        f"on Saturday, officials said, and {k} others were taken to hospital.</p>"
        for k in range(12)
    )
    return (f"<html><head><title>Report {n}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Report {n}</h1>{paragraphs}</article></body></html>").encode()


def write_synthetic_warc(path: Path, pages: int) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(pages):
            record = writer.create_warc_record(
                f"http://news.example/{n}", "response", payload=BytesIO(_page(n)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-03-09T10:00:00Z"})
            writer.write_record(record)


def bench_warc(pages: int) -> dict:
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.warc.gz"
        write_synthetic_warc(path, pages)
        start_mb = process.memory_info().rss / 2**20
        peak_mb = start_mb
        started = time.perf_counter()
        count = 0
        for item in read_warc(path):
            count += isinstance(item, InputDocument)
            if count % 500 == 0:
                peak_mb = max(peak_mb, process.memory_info().rss / 2**20)
        seconds = time.perf_counter() - started
        end_mb = process.memory_info().rss / 2**20
        size_mb = path.stat().st_size / 2**20
    return {"docs": count, "seconds": seconds, "start_mb": start_mb, "peak_mb": peak_mb,
            "end_mb": end_mb, "file_mb": size_mb}


def run(shared: Path, quick: bool, count: int | None = None) -> list[dict]:
    """Table rows for the benchmark runner."""
    count = count or (QUICK_DOCS if quick else FULL_DOCS)
    documents = load_documents(shared, count)
    load_before = _load()
    with tempfile.TemporaryDirectory() as tmp:
        settings = _private_settings(Path(tmp))
        single = bench_single(documents, settings)
        processes = bench_processes(documents, settings)
        dask = bench_dask(documents, settings)
        ratios = [single["wall"] / dask["wall"]]
        for _ in range(1 if quick else ROUNDS - 1):  # alternate again: load changes hit both
            again, again_dask = bench_single(documents, settings), bench_dask(documents, settings)
            ratios.append(again["wall"] / again_dask["wall"])
    rows = []
    for name, result, note in (
        ("1 worker", single, f"{count} docs; load avg {load_before} before"),
        ("2 processes", processes, f"steady {count / processes['steady']:.1f} docs/s "
                                   "(pool start-up inside the clock)"),
        ("dask LocalCluster(2)", dask, f"pipelines preloaded; worker RSS after "
                                       f"{dask['rss_after']} MB; "
                                       f"CPU s workers {dask['worker_cpu']:.1f}, "
                                       f"client+scheduler {dask['client_cpu']:.1f}"),
    ):
        if result["errors"]:
            note += f"; {result['errors']} records with error"
        rows += [
            {"bench": "scale", "metric": f"{name} docs/s",
             "value": round(count / result["wall"], 1), "note": note},
            {"bench": "scale", "metric": f"{name} CPU ms/doc",
             "value": round(1000 * result["cpu"] / count),
             "note": f"cores busy {result['cpu'] / result['wall']:.2f} (CPU s / wall s)"},
            {"bench": "scale", "metric": f"{name} peak MB/worker",
             "value": round(result["peak_mb"]), "note": "RSS sampled every 10 records"},
        ]
    rows += _speedup_rows(count, single, processes, dask, ratios)
    return rows + _warc_rows(bench_warc(WARC_PAGES))


def _private_settings(tmp: Path) -> Settings:
    """Settings on a private copy of the built gazetteer (others may rebuild the shared one)."""
    built = Settings().gazetteer_file()
    if built.is_file():
        shutil.copyfile(built, tmp / "gazetteer.sqlite")
    return Settings(data_dir=tmp)


def _speedup_rows(count: int, single: dict, processes: dict, dask: dict,
                  ratios: list[float]) -> list[dict]:
    efficiency = single["cpu"] / dask["cpu"]
    return [
        {"bench": "scale", "metric": "dask(2) speed-up vs 1 worker",
         "value": round(statistics.median(ratios), 2), "floor": SPEEDUP_FLOOR,
         "note": f"median of {len(ratios)} alternating rounds "
                 f"({', '.join(f'{r:.2f}' for r in ratios)}); 2 processes "
                 f"{single['wall'] / processes['wall']:.2f}x; load avg {_load()} after"},
        {"bench": "scale", "metric": "dask(2) CPU efficiency",
         "value": round(efficiency, 2),
         "note": f"1-worker CPU/doc over Dask CPU/doc (workers+client); on 2 idle cores the "
                 f"speed-up would be about {2 * efficiency:.2f}x"},
    ]


def _warc_rows(warc: dict) -> list[dict]:
    return [
        {"bench": "scale", "metric": "warc stream docs/s",
         "value": round(warc["docs"] / warc["seconds"]),
         "note": f"{warc['docs']} pages, {warc['file_mb']:.1f} MB .warc.gz"},
        {"bench": "scale", "metric": "warc RSS growth MB",
         "value": round(warc["peak_mb"] - warc["start_mb"], 1),
         "note": f"RSS start {warc['start_mb']:.0f} MB, peak {warc['peak_mb']:.0f}, "
                 f"end {warc['end_mb']:.0f}"},
    ]


def main() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared"
    count = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else None
    for row in run(shared, "--quick" in sys.argv, count):
        floor = row.get("floor", "")
        print(f"{row['metric']:<34} {row['value']:>9} {floor!s:>5}  {row['note']}")


if __name__ == "__main__":
    main()
