"""Writing records to partitioned Parquet keeps every field and one schema across parts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from conflictwatch.batch import PARQUET_SCHEMA, write_parquet_partitions
from conflictwatch.models import Claim, DocumentRecord

TEXT = "Two people were killed in Riverton on Saturday."


def record(n: int, *, with_claim: bool) -> DocumentRecord:
    claims = [Claim(outcome="killed", low=2, high=2, best=2, qualifier="exact",
                    victims="people", start=0, end=26)] if with_claim else []
    return DocumentRecord(id=f"doc-{n}", title=f"Story {n}", published=date(2025, 3, n + 1),
                          text=TEXT, claims=claims, warnings=["w"] if n % 2 else [])


def test_batch_parquet_writes_parts_with_one_schema(tmp_path: Path) -> None:
    records = [record(n, with_claim=n % 3 == 0) for n in range(7)]
    paths = write_parquet_partitions(iter(records), tmp_path / "out", rows_per_file=3)
    assert [p.name for p in paths] == ["part-00000.parquet", "part-00001.parquet",
                                      "part-00002.parquet"]
    tables = [pq.read_table(p) for p in paths]
    assert all(t.schema.equals(PARQUET_SCHEMA) for t in tables)
    rows = [row for t in tables for row in t.to_pylist()]
    assert [row["id"] for row in rows] == [f"doc-{n}" for n in range(7)]
    assert rows[1]["published"] == date(2025, 3, 2)
    assert rows[0]["n_claims"] == 1 and rows[1]["n_claims"] == 0
    assert json.loads(rows[0]["claims_json"])[0]["best"] == 2
    assert rows[1]["warnings"] == ["w"]


def test_batch_parquet_keeps_error_records(tmp_path: Path) -> None:
    failed = DocumentRecord(id="bad", error="[CW110] could not read")
    (path,) = write_parquet_partitions([failed], tmp_path)
    (row,) = pq.read_table(path).to_pylist()
    assert row["error"] == "[CW110] could not read" and row["text"] == ""
