"""Scale-out: run extraction over a Dask cluster, and write records to partitioned Parquet.

This module owns no extraction logic: each Dask worker holds one
:class:`conflictwatch.extract.Extractor`, built once by :class:`ExtractorPlugin` when the
worker joins (the spaCy pipeline and the gazetteer are loaded once per worker, never per
task), and tasks call its ``extract`` on a partition of documents. Results come back in input
order, with a bounded number of partitions in flight, so an input stream of any length is
never held in memory.

``scheduler=None`` starts a ``LocalCluster``; a scheduler address (``tcp://host:8786``)
uses a running cluster whose workers have conflictwatch installed (docs/scale.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import dask
import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker

from conflictwatch.config import Settings
from conflictwatch.errors import ConfigError, ConflictwatchError, DocumentError
from conflictwatch.models import DocumentRecord

PLUGIN_NAME = "conflictwatch-extractor"
# Worker settings for CPU-bound pure-Python tasks: the statistical profiler samples the task
# thread's stack every 10 ms and the monitors poll psutil every 100-500 ms, each taking the GIL
# from the task; extraction needs neither (a partition of 64 documents takes about a second).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

PARQUET_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("title", pa.string()),
    ("published", pa.date32()),
    ("language", pa.string()),
    ("url", pa.string()),
    ("source", pa.string()),
    ("error", pa.string()),
    ("text", pa.string()),
    ("warnings", pa.list_(pa.string())),
    ("n_claims", pa.int32()),
    ("n_places", pa.int32()),
    ("n_events", pa.int32()),
    ("removed_json", pa.string()),
    ("claims_json", pa.string()),
    ("places_json", pa.string()),
    ("events_json", pa.string()),
])


def plugin_name(settings: Settings) -> str:
    """The worker plugin's name for these settings: registering it twice loads nothing twice."""
    digest = hashlib.sha1(settings.model_dump_json().encode("utf-8")).hexdigest()[:12]
    return f"{PLUGIN_NAME}-{digest}"


class ExtractorPlugin(WorkerPlugin):
    """Builds one Extractor per Dask worker when the worker starts (or joins later)."""

    idempotent = True  # already on the workers under this name (same settings): keep it

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = plugin_name(settings)
        self.extractor: Any = None

    def setup(self, worker: Any) -> None:
        from conflictwatch.extract import Extractor  # the worker imports spaCy, not the client

        self.extractor = Extractor(self.settings)
        try:
            self.extractor.annotator  # noqa: B018 - load the pipeline and gazetteer now, once
        except ConflictwatchError:
            pass  # each document's record will carry the error

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def extract_partition(items: list[Any], plugin: str) -> list[DocumentRecord]:
    """The Dask task: read a partition with this worker's Extractor (plugin ``plugin``)."""
    extractor = get_worker().plugins[plugin].extractor
    return extractor.extract_many(items)  # one model pass per partition


@dataclass
class _Pending:
    items: list[Any]
    future: Future


def extract_with_dask(documents: Iterable[Any], *, settings: Settings,
                      scheduler: str | Client | None = None, n_workers: int = 2,
                      partition_size: int = 64,
                      max_pending: int | None = None) -> Iterator[DocumentRecord]:
    """Extract ``documents`` on a Dask cluster; yield one DocumentRecord per item, in order.

    Args:
        documents: what ``read_inputs`` yields: InputDocuments, and InputFailures, which
            become records with ``error`` exactly as in ``extract_documents``.
        settings: sent to every worker; paths in it must exist there.
        scheduler: None for a LocalCluster of ``n_workers`` processes, an address such as
            ``tcp://10.0.0.5:8786``, or a connected ``distributed.Client``.
        n_workers: worker processes of the LocalCluster (ignored with a scheduler).
        partition_size: documents per task.
        max_pending: partitions in flight at once; default four per worker thread.
    """
    with _connect(scheduler, n_workers) as client:
        plugin = ExtractorPlugin(settings)
        client.register_plugin(plugin, name=plugin.name)
        threads = sum(client.nthreads().values()) or 1
        yield from _map_in_order(client, documents, plugin.name, partition_size,
                                 max_pending or 4 * threads)


@contextmanager
def _connect(scheduler: str | Client | None, n_workers: int) -> Iterator[Client]:
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with local_cluster(n_workers) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def local_cluster(n_workers: int, **options: Any) -> Iterator[LocalCluster]:
    """A LocalCluster of ``n_workers`` single-threaded worker processes with
    ``WORKER_CONFIG`` (the workers take the configuration they were started with)."""
    options = {"dashboard_address": None, "silence_logs": logging.WARNING, **options}
    with dask.config.set(WORKER_CONFIG), LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, **options) as cluster:
        yield cluster


def _map_in_order(client: Client, items: Iterable[Any], plugin: str, partition_size: int,
                  max_pending: int) -> Iterator[DocumentRecord]:
    chunks = _chunks(items, max(partition_size, 1))
    pending: deque[_Pending] = deque()
    while True:
        for chunk in islice(chunks, max_pending - len(pending)):
            future = client.submit(extract_partition, chunk, plugin, pure=False)
            pending.append(_Pending(chunk, future))
        if not pending:
            return
        yield from _results(pending.popleft())


def _results(done: _Pending) -> list[DocumentRecord]:
    """The partition's records; a task lost for good fails its documents, not the run."""
    try:
        return done.future.result()
    except Exception as exc:  # noqa: BLE001 - the per-partition edge: report, go on
        error = f"[{DocumentError.code}] dask task failed: {type(exc).__name__}: {exc}"
        return [DocumentRecord(id=item.id, error=error) for item in done.items]
    finally:
        done.future.release()


def extract_with_engine(documents: Iterable[Any], *, settings: Settings, engine: str = "local",
                        scheduler: str | None = None,
                        workers: int | None = None) -> Iterator[DocumentRecord]:
    """Extract with the chosen engine: ``local`` (``extract_documents``) or ``dask``.

    Args:
        documents: what ``read_inputs`` yields (documents and read failures).
        engine: ``local`` runs ``workers`` processes here; ``dask`` runs on ``scheduler``
            (None: a LocalCluster of ``workers`` processes, at least 2).
    """
    if engine == "dask":
        return extract_with_dask(documents, settings=settings, scheduler=scheduler,
                                 n_workers=workers or max(settings.workers, 2))
    if engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    from conflictwatch.extract import extract_documents

    return extract_documents(documents, settings, workers=workers or settings.workers)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    source = iter(items)
    while chunk := list(islice(source, size)):
        yield chunk


def write_parquet_partitions(records: Iterable[DocumentRecord], out_dir: str | Path, *,
                             rows_per_file: int = 10_000) -> list[Path]:
    """Write records to ``out_dir/part-00000.parquet``, ...; return the files written.

    Nested lists (removed, claims, places, events) are stored as JSON text in ``*_json``
    columns with the contract's JSON form, so every part has the same schema.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number, chunk in enumerate(_chunks(records, rows_per_file)):
        path = out / f"part-{number:05d}.parquet"
        table = pa.Table.from_pylist([_parquet_row(r) for r in chunk], schema=PARQUET_SCHEMA)
        pq.write_table(table, path)
        written.append(path)
    return written


def _parquet_row(record: DocumentRecord) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    row = {name: data.get(name) for name in
           ("id", "title", "language", "url", "source", "error", "text", "warnings")}
    row["published"] = record.published
    for name in ("claims", "places", "events"):
        row[f"n_{name}"] = len(data[name])
    for name in ("removed", "claims", "places", "events"):
        row[f"{name}_json"] = json.dumps(data[name], ensure_ascii=False)
    return row
