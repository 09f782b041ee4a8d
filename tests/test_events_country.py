"""An event's country when its report names no resolved place: the document's evidence."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from conflictwatch.models import Location
from conflictwatch.nlp.actors import ActorsRecognizer
from conflictwatch.nlp.event_country import likely_country
from conflictwatch.nlp.events import EventsBuilder


@pytest.fixture(scope="module")
def stages(nlp):
    return ActorsRecognizer(nlp), EventsBuilder(nlp, locate=lambda doc, spans: None)


def read(nlp, stages, text: str, countries: dict[str, float]) -> Doc:
    """One-sentence doc with ``countries`` as the places stage's country evidence."""
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    doc._.cw_published = date(2024, 5, 10)
    doc._.cw_warnings = []
    doc._.cw_countries = countries
    actors, events = stages
    return events(actors(doc))


@pytest.mark.parametrize(("countries", "expected"), [
    ({}, None),
    ({"SD": 0.6, "SS": 0.4}, "SD"),
    ({"SS": 0.5, "SD": 0.5}, "SS"),  # a tie: the first evidence (the outlet's first country)
    ({"SD": 0.5, "SS": 0.5}, "SD"),
    ({"NG": 0.3, "CM": 0.4, "NE": 0.3}, "CM"),  # the largest share, however small
])
def test_event_country_likely_country(nlp, countries, expected):
    doc = nlp.make_doc("Nothing here.")
    doc._.cw_countries = countries
    assert likely_country(doc) == expected


def test_event_country_clear_evidence_names_the_actors(nlp, stages):
    event = read(nlp, stages, "Police fired on protesters.", {"SS": 0.8, "SD": 0.2})
    event = event._.cw_events[0]
    assert (event.location.country_code, event.location.precision) == ("SS", 3)
    assert "Police Forces of South Sudan" in [a.name for a in event.actors]


def test_event_country_split_evidence_locates_but_names_no_actor(nlp, stages):
    event = read(nlp, stages, "Police fired on protesters.", {"SS": 0.5, "SD": 0.5})
    event = event._.cw_events[0]
    assert event.location.country_code == "SS"
    assert "Police Forces" in [a.name for a in event.actors]


def _placed(country: str):
    """A ``locate`` that always finds one town in ``country``."""
    def locate(doc, spans):
        return Location(name="Town", lat=1.0, lon=1.0, country_code=country, feature="P.PPL",
                        precision=1)
    return locate


@pytest.mark.parametrize(("countries", "expected"), [
    ({"ZA": 0.9, "ES": 0.1}, ("ZA", 3)),  # a namesake abroad in a clearly South African report
    ({"KE": 0.57, "SO": 0.43}, ("SO", 1)),  # a Kenyan outlet on a Somali town: the town stays
    ({"ES": 0.5, "ZA": 0.5}, ("ES", 1)),  # no clear country: the place stays
])
def test_event_country_stray_namesake_gives_way(nlp, countries, expected):
    stages = (ActorsRecognizer(nlp), EventsBuilder(nlp, locate=_placed(
        next(iter(c for c in countries if c in ("ES", "SO"))))))
    event = read(nlp, stages, "Police fired on protesters.", countries)._.cw_events[0]
    assert (event.location.country_code, event.location.precision) == expected


@pytest.mark.parametrize(("country", "text", "actor1"), [
    ("SO", "Al Shabaab fighters ambushed a KDF convoy.",
     "AMISOM: African Union Mission in Somalia"),
    ("SO", "Al Shabaab attacked an AMISOM/KDF base.", "AMISOM: African Union Mission in Somalia"),
    ("KE", "Al Shabaab fighters ambushed a KDF convoy.", "Military Forces of Kenya"),
])
def test_event_country_mission_armies_in_its_country(nlp, country, text, actor1):
    stages = (ActorsRecognizer(nlp), EventsBuilder(nlp, locate=_placed(country)))
    event = read(nlp, stages, text, {country: 1.0})._.cw_events[0]
    sides = [a.name for a in event.actors if a.role in ("actor1", "actor2")]
    assert sides[0] == actor1
    assert len(set(sides)) == len(sides)


def test_event_country_fallback_sits_at_the_centroid_not_the_capital(nlp, stages):
    event = read(nlp, stages, "Police fired on protesters.", {"SS": 0.8, "SD": 0.2})
    location = event._.cw_events[0].location
    assert (location.name, location.feature, location.precision) == ("South Sudan", "PCLI", 3)
    assert not (abs(location.lat - 4.85) < 0.5 and abs(location.lon - 31.58) < 0.5)  # Juba


def _located(*places: Location):
    """A ``locate`` that finds ``places`` one per evidence sentence, in order."""
    found = iter(places)

    def locate(doc, spans):
        return next(found, None) if len(spans) == 1 else None
    return locate


def test_event_country_a_province_beats_a_named_country(nlp):
    country = Location(name="Libya", lat=25.0, lon=17.0, country_code="LY", feature="A.PCLI",
                       precision=3)
    province = Location(name="Misrata", lat=31.7, lon=15.0, country_code="LY",
                        feature="A.ADM1", precision=3)
    stages = (ActorsRecognizer(nlp), EventsBuilder(nlp, locate=_located(country, province)))
    doc = nlp.make_doc("Clashes erupted in Libya. The clashes spread in Misrata.")
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    doc._.cw_published, doc._.cw_warnings, doc._.cw_countries = date(2024, 5, 10), [], {"LY": 1}
    actors, events = stages
    assert events(actors(doc))._.cw_events[0].location.name == "Misrata"
