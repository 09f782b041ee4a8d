"""Synthetic DocumentRecords for scale runs: varied places, dates, types and figures.

``synth_reports(n, seed)`` yields ``(record, incident_key)`` pairs: about ``n`` reports of
``n / 1.6`` incidents (1 to 4 reports each, worded differently, with tolls that may rise),
in publication order. Everything is invented; nothing comes from ../shared.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from conflictwatch.models import (
    Actor,
    Claim,
    DocumentRecord,
    Event,
    Location,
    Place,
)

FIRST = ("Amina Bilal Carlos Dana Elif Farid Gita Hassan Ines Jamal Kofi Lena Musa Nadia Omar "
         "Priya Rami Sara Tariq Uma Viktor Wanjiru Yusuf Zainab").split()
LAST = ("Abadi Bello Costa Diallo Eze Farah Garcia Haddad Ivanova Juma Kamau Lopez Mensah "
        "Nasser Okoro Petrov Qureshi Rahman Silva Toure Usman Vargas Wekesa Yilmaz").split()
TYPES = (
    ("battles", "armed_clash", "clashes broke out between {a1} and {a2}"),
    ("violence_against_civilians", "attack", "gunmen from {a1} attacked villagers"),
    ("explosions_remote_violence", "shelling_artillery_missile_attack", "{a1} shelled the area"),
    ("riots", "mob_violence", "a mob clashed with {a2}"),
    ("protests", "peaceful_protest", "protesters marched against {a2}"),
)
ACTORS = ("the army", "rebel fighters", "a local militia", "police", "unidentified gunmen",
          "the Liberation Front", "the National Guard", "border guards")
OPENERS = ("Officials said", "Witnesses reported that", "According to local media,",
           "A spokesperson confirmed that", "Residents said")


def _places(rng: random.Random, count: int) -> list[Location]:
    places = []
    for i in range(count):
        country = f"X{i % 40:02d}"
        lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
        places.append(Location(name=f"Town{i}", lat=round(lat, 4), lon=round(lon, 4),
                               country_code=country, admin1=f"{country}-R{i % 13}",
                               admin2=f"{country}-D{i % 97}", precision=1, geonameid=i + 1))
    return places


def _report(rng: random.Random, doc_id: str, incident: dict, lag: int, rise: int
            ) -> DocumentRecord:
    place: Location = incident["place"]
    event_type, sub_type, phrase = incident["type"]
    killed = incident["killed"] + rise
    victim = incident["victim"]
    body = (f"{rng.choice(OPENERS)} {phrase.format(a1=incident['a1'], a2=incident['a2'])} "
            f"in {place.name} on {incident['day']:%A}. ")
    figure_at = len(body)
    figure = f"{killed} people were killed"
    body += f"{figure} and {incident['injured']} injured. "
    job = rng.choice(["teacher", "farmer", "student", "driver"])
    body += f"Among the dead was {victim}, {incident['age']}, a {job}. "
    body += " ".join(rng.choice(("The situation remains tense.", "Schools were closed.",
                                 "Aid groups called for calm.", "Roads were blocked.",
                                 "An investigation was opened.", "Funerals were held."))
                     for _ in range(rng.randint(2, 6)))
    claims = [
        Claim(outcome="killed", low=killed, best=killed, high=killed, qualifier="exact",
              victims="people", start=figure_at, end=figure_at + len(figure), event=0,
              text=figure, source=rng.choice([None, "officials", "witnesses"])),
        Claim(outcome="injured", low=incident["injured"], best=incident["injured"],
              high=incident["injured"], qualifier="exact", victims="people",
              start=figure_at, end=figure_at + len(figure), event=0, text=figure),
    ]
    name_at = body.index(place.name)
    event = Event(event_type=event_type, sub_event_type=sub_type, date_start=incident["day"],
                  date_end=incident["day"], location=place, claims=[0, 1],
                  actors=[Actor(name=incident["a1"], role="actor1"),
                          Actor(name=victim, role="victim")],
                  fatalities={"low": killed, "best": killed, "high": killed},
                  injured={"low": incident["injured"], "best": incident["injured"],
                           "high": incident["injured"]})
    return DocumentRecord(
        id=doc_id, title=f"{killed} killed in {place.name}",
        published=incident["day"] + timedelta(days=lag), language="en", text=body,
        claims=claims, events=[event], source=f"Outlet {rng.randint(1, 60)}",
        places=[Place(name=place.name, start=name_at, end=name_at + len(place.name),
                      resolved=place.model_dump(exclude={"name"}))],
    )


def synth_reports(n: int, seed: int = 7) -> Iterator[tuple[DocumentRecord, str]]:
    """About ``n`` synthetic reports, in publication order, with their incident key."""
    rng = random.Random(seed)
    places = _places(rng, max(50, n // 20))
    start = date(2022, 1, 1)
    pending: list[tuple[date, str, DocumentRecord]] = []
    made = 0
    incident_no = 0
    while made < n:
        incident_no += 1
        incident = {
            "day": start + timedelta(days=int(incident_no * 1095 / (n / 1.6 + 1))),
            "place": rng.choice(places), "type": rng.choice(TYPES),
            "a1": rng.choice(ACTORS), "a2": rng.choice(ACTORS),
            "killed": rng.randint(0, 30), "injured": rng.randint(0, 40),
            "victim": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "age": rng.randint(4, 80),
        }
        key = f"s{incident_no}"
        for j in range(min(rng.choice((1, 1, 1, 2, 2, 3, 4)), n - made)):
            lag, rise = rng.randint(0, 2), rng.choice((0, 0, 0, 1, 2)) if j else 0
            record = _report(rng, f"{key}-r{j}", incident, lag, rise)
            pending.append((record.published, key, record))
            made += 1
        pending.sort(key=lambda x: x[0])
        while pending and pending[0][0] < incident["day"]:
            _, k, rec = pending.pop(0)
            yield rec, k
    for _, k, rec in sorted(pending, key=lambda x: x[0]):
        yield rec, k
