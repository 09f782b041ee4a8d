"""Dask extraction gives the same records, in the same order, as the serial path."""

from __future__ import annotations

import time

import pytest

from conflictwatch.batch import extract_with_dask, extract_with_engine
from conflictwatch.config import Settings
from conflictwatch.errors import ConfigError
from conflictwatch.extract import extract_documents
from conflictwatch.gazetteer import sources
from conflictwatch.gazetteer.load import GazetteerWriter, add_supplement
from conflictwatch.ingest import InputFailure
from conflictwatch.models import DocumentRecord, InputDocument

TEXTS = [
    "Two people were killed in Syria on Monday, the Syrian Observatory said.",
    "At least 12 soldiers were killed and 30 injured in an attack in Mali on Sunday.",
    "Police detained more than 200 protesters in Kenya on Friday, witnesses said.",
    "A man was shot dead in a market in Nigeria, officials said. Five others were wounded.",
]
HTML = ("<html><head><title>Clashes in Yemen</title></head><body><article><p>Clashes "
        "killed dozens of fighters in Yemen on Saturday, the army said.</p></article>"
        "</body></html>")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a small real gazetteer (countries, continents, our supplement)."""
    data_dir = tmp_path_factory.mktemp("cw-data")
    writer = GazetteerWriter(data_dir / "gazetteer.sqlite")
    for row in (*sources.read_countries(), *sources.read_continents()):
        writer.add(row)
    add_supplement(writer)
    writer.finish(time.perf_counter())
    return Settings(data_dir=data_dir)


def documents() -> list[InputDocument | InputFailure]:
    items: list[InputDocument | InputFailure] = [
        InputDocument(id=f"t{n}", text=text, published="2025-03-09")
        for n, text in enumerate(TEXTS)
    ]
    items.insert(2, InputFailure(id="http://news.example/gone", error="HTTP 404"))
    items.append(InputDocument(id="h1", html=HTML, published="2025-03-10"))
    return items


def as_json(records: list[DocumentRecord]) -> list[dict]:
    return [record.to_json_dict() for record in records]


def test_batch_dask_local_cluster_matches_serial_and_process_pool(settings: Settings) -> None:
    serial = list(extract_with_engine(documents(), settings=settings, engine="local", workers=1))
    pooled = list(extract_documents(documents(), settings, workers=2))
    dask = list(extract_with_dask(documents(), settings=settings, n_workers=2,
                                  partition_size=2))
    assert [record.id for record in dask] == [
        "t0", "t1", "http://news.example/gone", "t2", "t3", "h1"]
    assert "HTTP 404" in dask[2].error
    assert as_json(dask) == as_json(serial)
    assert as_json(pooled) == as_json(serial)
    assert sum(len(record.claims) for record in serial) >= 4


def test_batch_engine_rejects_unknown_engine(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        extract_with_engine([], settings=settings, engine="spark")


def test_batch_local_cluster_workers_start_with_the_worker_config() -> None:
    import dask
    from distributed import Client

    from conflictwatch.batch import WORKER_CONFIG, local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        seen = client.run(lambda: {key: dask.config.get(key) for key in WORKER_CONFIG})
    assert list(seen.values()) == [WORKER_CONFIG]
