"""Invented reports for the API and dashboard tests, stored through the real ledger.

Other test modules import ``seed_records`` / ``open_seeded_store`` from here. Nothing comes from
../shared: the texts, places and figures are made up for the tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictwatch.api.read_model import api_incidents, refresh_read_model
from conflictwatch.ledger import ingest
from conflictwatch.models import Actor, Claim, DocumentRecord, Event, Location, Place
from conflictwatch.store import Store, open_store

LATAKIA = Location(name="Latakia", lat=35.52, lon=35.79, country_code="SY", admin1="Latakia",
                   precision=1, geonameid=173576)
MAIDUGURI = Location(name="Maiduguri", lat=11.85, lon=13.16, country_code="NG", admin1="Borno",
                     precision=1, geonameid=2331447)
KHARKIV = Location(name="Kharkiv", lat=49.99, lon=36.23, country_code="UA", admin1="Kharkiv",
                   precision=1, geonameid=706483)
XSS = "<script>window.__pwned = 1</script><img src=x onerror=alert(1)>"


def make_record(doc_id: str, text: str, *, published: date, source: str, location: Location,
                event_type: str, day: date, claims: list[dict], actors: list[Actor] = ()
                ) -> DocumentRecord:
    """A DocumentRecord whose claim spans are found by their phrase in ``text``."""
    built = []
    for spec in claims:
        phrase = spec.pop("phrase")
        start = text.index(phrase)
        best = spec.pop("best")
        built.append(Claim(start=start, end=start + len(phrase), text=phrase, low=best,
                           high=best, best=best, qualifier="exact", victims="people", event=0,
                           **spec))
    name_at = text.index(location.name)
    evidence_end = text.index(".") + 1
    event = Event(event_type=event_type, date_start=day, date_end=day, location=location,
                  actors=list(actors), claims=list(range(len(built))),
                  evidence=[{"start": 0, "end": evidence_end}])
    return DocumentRecord(
        id=doc_id, title=text.split(".")[0][:80], published=published, language="en",
        text=text, claims=built, events=[event], source=source,
        url=f"https://news.example/{doc_id}",
        places=[Place(name=location.name, start=name_at, end=name_at + len(location.name),
                      resolved=location.model_dump(exclude={"name"}))],
    )


def seed_records() -> list[DocumentRecord]:
    """Four reports of three incidents: two on the Syrian coast, one with markup in it."""
    sy1 = ("Gunmen killed civilians in villages near Latakia on Friday. The Syrian Observatory "
           "for Human Rights said 140 people were killed, a toll that could not be verified.")
    sy2 = ("The toll from the killings near Latakia rose on Sunday. The Syrian Observatory for "
           "Human Rights said 745 people were killed, most of them civilians, as of Sunday.")
    ng1 = (f"A bomb exploded at a market in Maiduguri on Saturday. Police said 12 people were "
           f"killed. A reader comment read: {XSS} and nothing more.")
    ua1 = "Clashes near Kharkiv left 3 people were killed among soldiers, officials said."
    observatory = "Syrian Observatory for Human Rights"
    return [
        make_record("sy1", sy1, published=date(2025, 3, 8), source="Daily Example",
                    location=LATAKIA, event_type="violence_against_civilians",
                    day=date(2025, 3, 7), actors=[Actor(name="gunmen", role="actor1")],
                    claims=[{"phrase": "140 people were killed", "outcome": "killed",
                             "best": 140, "source": observatory, "verified": "unverified",
                             "as_of": date(2025, 3, 8)}]),
        make_record("sy2", sy2, published=date(2025, 3, 9), source="Example Times",
                    location=LATAKIA, event_type="violence_against_civilians",
                    day=date(2025, 3, 7), actors=[Actor(name="gunmen", role="actor1")],
                    claims=[{"phrase": "745 people were killed", "outcome": "killed",
                             "best": 745, "source": observatory, "as_of": date(2025, 3, 9)}]),
        make_record("ng1", ng1, published=date(2025, 2, 2), source="Lagos Example",
                    location=MAIDUGURI, event_type="explosions_remote_violence",
                    day=date(2025, 2, 1), actors=[Actor(name="Boko Haram", role="actor1")],
                    claims=[{"phrase": "12 people were killed", "outcome": "killed",
                             "best": 12, "source": "Police"}]),
        make_record("ua1", ua1, published=date(2024, 12, 16), source="Kyiv Example",
                    location=KHARKIV, event_type="battles", day=date(2024, 12, 15),
                    actors=[Actor(name="Russian forces", role="actor1")],
                    claims=[{"phrase": "3 people were killed", "outcome": "killed",
                             "best": 3, "source": None}]),
    ]


def open_seeded_store(directory: Path, url: str | None = None) -> Store:
    """A migrated ledger (SQLite in ``directory``, or ``url``) holding ``seed_records()``,
    with its read model built."""
    store = open_store(url or f"sqlite:///{directory / 'seed.sqlite'}")
    ingest(seed_records(), store=store)
    with store.begin() as conn:
        refresh_read_model(conn)
    return store


def test_api_seed_links_the_two_coast_reports(tmp_path: Path) -> None:
    store = open_seeded_store(tmp_path)
    with store.connect() as conn:
        rows = {r.country_code: r for r in conn.execute(api_incidents.select())}
    assert sorted(rows) == ["NG", "SY", "UA"]
    assert rows["SY"].report_count == 2
    assert rows["SY"].fatalities == 745
    store.close()
