"""Storage on a real SQLite file and on the PostgreSQL at 127.0.0.1:5432 (database ``test``)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from conflictwatch.errors import StoreError
from conflictwatch.ledger import ingest
from conflictwatch.models import Claim, DocumentRecord, Event, Figures, Location
from conflictwatch.store import open_store
from conflictwatch.store import repository as repo
from conflictwatch.store.tables import events, metadata


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ledger' / 'cw.sqlite'}"
        opened = open_store(url)
    else:
        opened = open_store(request.getfixturevalue("pg_url"))
        with opened.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(sa.delete(table))
    yield opened
    opened.close()


def record(doc_id: str, text: str, *, day: date = date(2024, 5, 3), city: str = "Kidal",
           lat: float = 18.44, lon: float = 1.41, killed: int | None = 3,
           published: date | None = None) -> DocumentRecord:
    where = Location(name=city, lat=lat, lon=lon, country_code="ML", admin1="Kidal")
    claims = []
    if killed is not None:
        claims.append(Claim(outcome="killed", low=killed, best=killed, high=killed,
                            qualifier="exact", victims="people", start=0, end=1, event=0))
    event = Event(event_type="battles", date_start=day, date_end=day, location=where,
                  claims=list(range(len(claims))))
    return DocumentRecord(id=doc_id, text=text, claims=claims, events=[event],
                          published=published or day, source="Daily Example")


CORPUS = [
    record("a1", "Fighting between the army and rebels in Kidal killed 3 people on Friday."),
    record("a2", "Three people were killed in Kidal on Friday as the army fought rebels.",
           killed=4, published=date(2024, 5, 5)),
    record("b1", "A market in Gao was shelled; 7 civilians died.", city="Gao", lat=16.27,
           lon=-0.04, killed=7),
    record("c1", "Protest in Kidal two weeks later, no casualties.", day=date(2024, 5, 20),
           killed=None),
]


def test_store_migrations_match_tables(store):
    with store.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []


def test_store_same_document_twice_changes_nothing(store):
    first = ingest(CORPUS, store=store, batch_size=2)
    with store.connect() as connection:
        before = repo.count_rows(connection)
    again = ingest(CORPUS, store=store, batch_size=2)
    with store.connect() as connection:
        after = repo.count_rows(connection)
    assert (first.stored, again.stored, again.unchanged) == (4, 0, 4)
    assert before == after


def test_store_changed_text_is_new_version_with_history(store):
    ingest(CORPUS, store=store)
    changed = record("a1", "Update: fighting in Kidal on Friday killed 5 people.", killed=5)
    report = ingest([changed], store=store)
    with store.connect() as connection:
        versions = repo.document_versions(connection, "a1")
        old = repo.load_record(connection, "a1", version=1)
        current = repo.load_record(connection, "a1")
        claims = connection.execute(sa.select(sa.func.count()).where(
            sa.column("doc_id") == "a1").select_from(sa.table("claims"))).scalar_one()
    assert report.new_versions == 1
    assert [v.version for v in versions] == [1, 2]
    assert old.text == CORPUS[0].text and current.text == changed.text
    assert claims == 1


def test_store_same_corpus_same_incidents_on_both_backends(store):
    ingest(CORPUS, store=store, batch_size=3)
    with store.connect() as connection:
        incidents = [i.model_dump(mode="json") for i in repo.iter_incidents(connection)]
    assert [sorted(i["report_ids"]) for i in incidents] == [["a1", "a2"], ["b1"], ["c1"]]
    assert incidents[0]["fatalities"] == {"low": 3, "best": 4, "high": 4}
    assert incidents[0]["incident_id"] == "inc-" + __import__("hashlib").sha1(
        b"a1").hexdigest()[:16]


def test_store_keeps_a_perpetrators_death_out_of_the_toll(store):
    """``individual`` survives the claims table (migration 0002), so a perpetrator's own death
    read back from the ledger is evidence, not part of the incident's toll."""
    doc = record("p1", "A man shot himself after he shot two neighbours dead.", killed=2)
    doc.claims.insert(0, Claim(outcome="killed", low=1, best=1, high=1, qualifier="exact",
                               victims="the perpetrator", start=0, end=1, event=0,
                               individual="perpetrator"))
    doc.claims[1].start, doc.claims[1].end = 30, 31
    ingest([doc], store=store)
    with store.connect() as connection:
        (incident,) = repo.iter_incidents(connection)
    assert [c.individual for c in incident.claims] == ["perpetrator", None]
    assert (incident.fatalities.low, incident.fatalities.best) == (2, 2)


def test_store_counts_a_perpetrators_death_through_the_event_figure(store):
    """The event's figures survive the events table (migration 0003): a report telling of a
    perpetrator's own death gives its event's figure, which counts that death once."""
    ingest([murder_suicide("p1")], store=store)
    with store.connect() as connection:
        (incident,) = repo.iter_incidents(connection)
    assert (incident.fatalities.low, incident.fatalities.best) == (2, 3)


def test_store_migration_0003_fills_event_figures_of_stored_rows(store):
    from alembic import command
    from alembic.config import Config

    from conflictwatch.store.db import MIGRATIONS

    ingest([murder_suicide("p1")], store=store)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for target in ("0002", "head"):  # rows stored before 0003 had no event figures
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if target == "0002" else command.upgrade)(config, target)
    with store.connect() as connection:
        figures = connection.execute(sa.select(events.c.fatalities)).scalars().all()
        (incident,) = repo.iter_incidents(connection)
    assert figures == [{"low": 3, "best": 3, "high": 3}]
    assert incident.fatalities.best == 3


def murder_suicide(doc_id: str) -> DocumentRecord:
    doc = record(doc_id, "A man shot two neighbours dead, then shot himself.", killed=2)
    doc.claims.append(Claim(outcome="killed", low=1, best=1, high=1, qualifier="exact",
                            victims="the perpetrator", start=40, end=41, event=0,
                            individual="perpetrator"))
    doc.events[0].fatalities = Figures(low=3, best=3, high=3)
    return doc


def test_store_open_bad_url_raises_store_error(tmp_path):
    with pytest.raises(StoreError):
        open_store("nonsense://nowhere")


def test_store_sqlite_and_postgresql_give_identical_incidents(tmp_path, pg_url):
    corpus = CORPUS + [
        record("d1", "Gunmen attacked the Gao cattle market; 2 dead.", city="Gao", lat=16.27,
               lon=-0.04, killed=2, day=date(2024, 6, 1)),
        record("d2", "Gunmen attacked the Gao cattle market, leaving 2 dead.", city="Gao",
               lat=16.28, lon=-0.05, killed=2, day=date(2024, 6, 2)),
    ]
    dumps = []
    for url in (f"sqlite:///{tmp_path / 'same.sqlite'}", pg_url):
        opened = open_store(url)
        with opened.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(sa.delete(table))
        ingest(corpus, store=opened, batch_size=2)
        with opened.connect() as connection:
            dumps.append([i.model_dump(mode="json") for i in repo.iter_incidents(connection)])
        opened.close()
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) == 4


def test_store_merge_is_recorded_in_history(store):
    bridge = [
        record("m1", "Maria Lopez, 31, was killed by gunmen at the Kidal market.", killed=1,
               day=date(2024, 7, 1)),
        record("m2", "Tom Reed, 19, died when gunmen attacked a checkpoint near the school.",
               killed=1, day=date(2024, 7, 2), lat=18.47),
        record("m3", "Maria Lopez, 31, and Tom Reed, 19, were killed by gunmen at the Kidal "
                     "market and a checkpoint near the school.", killed=1,
               day=date(2024, 7, 2)),
    ]
    ingest(bridge, store=store, batch_size=2)
    with store.connect() as connection:
        history = repo.incident_history(connection)
        incidents = list(repo.iter_incidents(connection))
        statuses = dict(connection.execute(sa.select(sa.column("id"), sa.column("status"))
                                           .select_from(sa.table("incidents"))).all())
    assert [h["action"] for h in history] == ["create", "create", "merge", "join"]
    merge = history[2]
    assert statuses[merge["other_id"]] == "merged" and statuses[merge["incident_id"]] == "active"
    assert [sorted(i.report_ids) for i in incidents] == [["m1", "m2", "m3"]]
