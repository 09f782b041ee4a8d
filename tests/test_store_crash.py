"""A run killed with SIGKILL mid-chunk, then run again, loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from conflictwatch.ledger import ingest
from conflictwatch.models import Claim, DocumentRecord, Event, InputDocument, Location
from conflictwatch.store import open_store, tables
from conflictwatch.store import repository as repo

COUNT = 120
BLOCK_AT = 75  # inside the 8th chunk of 10


def documents() -> list[InputDocument]:
    return [InputDocument(id=f"doc{i:03d}", text=f"{i % 7 + 1} people were killed in Town{i % 9}",
                          published=date(2024, 1, 1) + timedelta(days=i // 5))
            for i in range(COUNT)]


def extract_plain(document: InputDocument) -> DocumentRecord:
    """A stand-in extractor: the figure and town are the first and last words."""
    words = document.text.split()
    killed, town = int(words[0]), words[-1]
    where = Location(name=town, lat=10.0 + int(town[4:]), lon=5.0, country_code="ZZ")
    claim = Claim(outcome="killed", low=killed, best=killed, high=killed, qualifier="exact",
                  victims="people", start=0, end=len(words[0]), event=0)
    event = Event(event_type="battles", date_start=document.published, location=where,
                  claims=[0])
    return DocumentRecord(id=document.id, text=document.text, published=document.published,
                          claims=[claim], events=[event])


def run_child(url: str, marker: str) -> None:
    """The child process: ingest, and block forever on document BLOCK_AT."""

    def extract(document: InputDocument) -> DocumentRecord:
        if document.id == f"doc{BLOCK_AT:03d}":
            Path(marker).write_text("blocked")
            while True:
                time.sleep(1)
        return extract_plain(document)

    ingest(documents(), store=open_store(url), extract=extract, batch_size=10)


def test_store_sigkill_mid_batch_then_rerun_loses_and_duplicates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    marker = tmp_path / "blocked"
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            f"from test_store_crash import run_child; run_child({url!r}, {str(marker)!r})")
    child = subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the child never reached the blocking document"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    store = open_store(url)
    with store.connect() as connection:
        assert repo.count_rows(connection)["documents"] == 70  # 7 committed chunks
    report = ingest(documents(), store=store, extract=extract_plain, batch_size=10)
    assert (report.unchanged, report.stored) == (70, 50)
    with store.connect() as connection:
        counts = repo.count_rows(connection)
        ids = connection.execute(sa.select(tables.documents.c.id)).scalars().all()
        members = connection.execute(sa.select(tables.incident_members.c.doc_id)).scalars().all()
    assert counts["documents"] == COUNT == len(set(ids))
    assert counts["claims"] == counts["events"] == counts["link_features"] == COUNT
    assert sorted(members) == sorted(ids)
