"""``ingest``: counts, a corrupt or hostile input among good ones, and the CLI commands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import typer
from typer.testing import CliRunner

from conflictwatch.cli.ledger import register
from conflictwatch.ledger import ingest
from conflictwatch.models import Claim, DocumentRecord, Event, InputDocument
from conflictwatch.store import open_store
from conflictwatch.store import repository as repo


@dataclass
class Unreadable:
    id: str
    error: str
    line: int | None = None


def extract(document: InputDocument) -> DocumentRecord:
    """A stand-in extractor that fails like the real one on hostile input."""
    if "\x00" in (document.text or ""):
        return DocumentRecord(id=document.id, error="[CW110] binary content")
    if document.text == "boom":
        raise RuntimeError("extractor bug")
    figure = int(document.text.split()[0])
    claim = Claim(outcome="killed", low=figure, best=figure, high=figure, qualifier="exact",
                  victims="people", start=0, end=1, event=0)
    event = Event(event_type="battles", date_start=document.published, claims=[0])
    return DocumentRecord(id=document.id, text=document.text, published=document.published,
                          claims=[claim], events=[event])


def doc(doc_id: str, text: str) -> InputDocument:
    return InputDocument(id=doc_id, text=text, published=date(2024, 2, 1))


def test_ledger_corrupt_and_hostile_inputs_are_reported_and_the_rest_stored(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'l.sqlite'}")
    inputs = [doc("good1", "3 killed"), Unreadable("broken.jsonl:2", "invalid JSON"),
              doc("bin", "\x00\x01\x02"), doc("bug", "boom"), doc("good2", "4 killed")]
    report = ingest(inputs, store=store, extract=extract, batch_size=2)
    assert report.read == 5 and report.stored == 2
    assert {f.id: f.reason for f in report.failed} == {
        "broken.jsonl:2": "invalid JSON", "bin": "[CW110] binary content",
        "bug": "RuntimeError: extractor bug"}
    with store.connect() as connection:
        assert repo.count_rows(connection)["documents"] == 2


def test_ledger_duplicate_id_in_one_run_keeps_the_last_text(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'l.sqlite'}")
    report = ingest([doc("a", "1 killed"), doc("a", "1 killed"), doc("a", "2 killed")],
                    store=store, extract=extract)
    with store.connect() as connection:
        assert repo.load_record(connection, "a").text == "2 killed"
    assert report.unchanged == 1


def test_ledger_cli_incidents_and_export(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    ingest([doc("a", "3 killed"), doc("b", "5 killed")], store=open_store(url), extract=extract)
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    shown = runner.invoke(app, ["incidents", "--db", url])
    assert shown.exit_code == 0, shown.output
    incidents = [json.loads(line) for line in shown.stdout.splitlines()]
    assert sorted(r for i in incidents for r in i["report_ids"]) == ["a", "b"]
    out = tmp_path / "x.parquet"
    done = runner.invoke(app, ["export", "--db", url, "--format", "parquet", "-o", str(out)])
    assert done.exit_code == 0 and out.stat().st_size > 0
    bad = runner.invoke(app, ["export", "--db", url, "--format", "xlsx"])
    assert bad.exit_code == 2
