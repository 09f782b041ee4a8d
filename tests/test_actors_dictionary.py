"""Actor dictionary: surface forms to canonical actors; sources are no actors."""

from __future__ import annotations

import pytest
import spacy

from conflictwatch.nlp.actors import ActorsRecognizer, fill_country
from conflictwatch.nlp.extensions import register_extensions


@pytest.fixture(scope="module")
def recognizer():
    register_extensions()
    nlp = spacy.blank("en")
    return nlp, ActorsRecognizer(nlp)


def actors(recognizer, text):
    nlp, component = recognizer
    doc = component(nlp.make_doc(text))
    return [(s._.cw_actor.name, s._.cw_actor.actor_type) for s in doc.spans["cw_actors"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("pro-Assad forces attacked", ("Pro-Assad armed factions", "political_militias")),
    ("armed factions loyal to Assad clashed", ("Pro-Assad armed factions", "political_militias")),
    ("Syrian Security Forces detain a man", ("Military Forces of Syria", "state_forces")),
    ("government forces advanced", ("Military Forces of {country}", "state_forces")),
    ("the police said", ("Police Forces of {country}", "state_forces")),
    ("Police Forces of Nigeria arrested him", ("Police Forces of Nigeria", "state_forces")),
    ("Unidentified Armed Group (Nigeria) struck", ("Unidentified Armed Group (Nigeria)",
                                                   "political_militias")),
    ("gunmen opened fire", ("Unidentified Armed Group ({country})", "political_militias")),
    ("militants struck", ("Militants ({country})", "rebel_groups")),
    ("protesters marched", ("Protesters ({country})", "protesters")),
    ("Boko Haram insurgents raided", ("Boko Haram", "rebel_groups")),
    ("al-Shabaab fighters attacked", ("Al Shabaab", "rebel_groups")),
    ("Kenyan troops withdrew", ("Military Forces of Kenya", "state_forces")),
    ("they killed Alawite residents", ("Alawite civilians", "civilians")),
    ("SNG forces raided the market", ("Military Forces of Somalia", "state_forces")),
    ("Somaliland forces and Khatumo militia clashed", ("Military Forces of Somaliland",
                                                      "state_forces")),
    ("Puntland customs police exchanged fire", ("Police Forces of Puntland", "state_forces")),
    ("the Nigeria Police Force said", ("Police Forces of Nigeria", "state_forces")),
    ("UPDF soldiers withdrew", ("Military Forces of Uganda", "state_forces")),
    ("TPLF soldiers shot two farmers", ("Military Forces of Ethiopia", "state_forces")),
    ("ANC supporters marched", ("ANC: African National Congress", None)),
    ("Renamo gunmen attacked a position", ("RENAMO: Mozambican National Resistance",
                                           "rebel_groups")),
    ("Dhulbahante gunmen opened fire", ("Dhulbahante Clan Militia ({country})",
                                         "identity_militias")),
    ("armed men from Mareehan/Wagardhac sub-clan", ("Unidentified Armed Group ({country})",
                                                    "political_militias")),
    ("Xawadle forces clashed", ("Hawadle Clan Militia ({country})", "identity_militias")),
    ("Bor Dinka and Bari militia clashed", ("Dinka Ethnic Militia ({country})",
                                            "identity_militias")),
])
def test_actors_surface_to_canonical(recognizer, text, expected):
    assert actors(recognizer, text)[0] == expected


@pytest.mark.parametrize("text", [
    "the Syrian Observatory for Human Rights reported",
    "The Financial Times was unable to verify",
    "according to the state news agency",
    "Museveni addressed the rally",
])
def test_actors_sources_are_not_actors(recognizer, text):
    assert actors(recognizer, text) == []


@pytest.mark.parametrize(("name", "country", "expected"), [
    ("Police Forces of {country}", "Nigeria", "Police Forces of Nigeria"),
    ("Police Forces of {country}", None, "Police Forces"),
    ("Civilians ({country})", None, "Civilians"),
    ("Civilians ({country})", "Syria", "Civilians (Syria)"),
    ("Boko Haram", "Nigeria", "Boko Haram"),
])
def test_actors_fill_country(name, country, expected):
    assert fill_country(name, country) == expected


def test_actors_acronyms_that_are_words_do_not_match(recognizer):
    """Acronyms are matched case-insensitively, so none may also be a word or a name part."""
    assert actors(recognizer, "near the village of Bir Bouzid") == []


def test_actors_home_countries_are_iso_codes():
    """Every ``country`` in the dictionary is an ISO alpha-2 code (the places stage weighs it
    as document evidence); forces deployed abroad carry none."""
    import pycountry

    from conflictwatch.nlp.actors import DEFAULT_PATTERNS, load_actor_entries

    entries = load_actor_entries(DEFAULT_PATTERNS)
    codes = {e["country"] for e in entries if e.get("country")}
    assert all(pycountry.countries.get(alpha_2=code) for code in codes)
    abroad = {e["name"]: e.get("country") for e in entries if "UPDF" in e.get("surfaces", ())
              or "KDF" in e.get("surfaces", ())}
    assert set(abroad.values()) == {None}


@pytest.mark.parametrize(("text", "org", "expected"), [
    ("Cattle raiders killed eight in Turalei.", "Turalei", []),
    ("A blast outside Ecobank wounded two.", "Ecobank", []),
    ("Fighters of Shukuru attacked.", "Shukuru", [("Shukuru", None)]),
])
def test_actors_organisation_after_a_locative_is_a_place(recognizer, text, org, expected):
    """An ORG entity right after "in"/"at"/"outside" is where something happened (a place
    the gazetteer does not know, a building), not who did it."""
    nlp, component = recognizer
    doc = nlp.make_doc(text)
    start = text.index(org)
    doc.ents = [doc.char_span(start, start + len(org), label="ORG")]
    doc = component(doc)
    found = [(s._.cw_actor.name, s._.cw_actor.actor_type) for s in doc.spans["cw_actors"]
             if s.text == org]
    assert found == expected
