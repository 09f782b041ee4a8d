"""Event typing, background, intent, captions and merging, on hand-built Docs."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from spacy.tokens import Doc, Span

from conflictwatch.nlp.actors import ActorsRecognizer
from conflictwatch.nlp.events import EventsBuilder

PUBLISHED = date(2024, 5, 10)


@pytest.fixture(scope="module")
def stages(nlp):
    return ActorsRecognizer(nlp), EventsBuilder(nlp, locate=None)


def read(nlp, stages, text: str, captions=(), dates=()) -> Doc:
    """Tokenize, split sentences at . ! ? and newlines, run actors then events."""
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        token.is_sent_start = prev.text in {".", "!", "?"} or "\n" in prev.text
    doc[0].is_sent_start = True
    doc._.cw_published = PUBLISHED
    doc._.cw_captions = list(captions)
    doc._.cw_warnings = []
    doc.spans["cw_dates"] = [_date_span(doc, *d) for d in dates]
    actors, events = stages
    return events(actors(doc))


def _date_span(doc: Doc, surface: str, start: date, end: date, precision: int) -> Span:
    match = re.search(re.escape(surface), doc.text)
    span = doc.char_span(match.start(), match.end())
    span._.cw_date = SimpleNamespace(start=start, end=end, precision=precision, text=surface)
    return span


@pytest.mark.parametrize(("text", "expected"), [
    ("Army troops clashed with militants near the border.", ("battles", "armed_clash")),
    ("Gunmen attacked a military base in the north, killing three soldiers.",
     ("battles", "armed_clash")),
    ("Government forces recaptured the town from the rebels.",
     ("battles", "government_regains_territory")),
    ("Gunmen attacked the village and killed five villagers.",
     ("violence_against_civilians", "attack")),
    ("Militants kidnapped ten students from a school.",
     ("violence_against_civilians", "abduction_forced_disappearance")),
    ("A man was shot and killed outside a bar on Tuesday night.",
     ("violence_against_civilians", "attack")),
    ("Two soldiers were killed in the north.", ("battles", "armed_clash")),
    ("A suicide bomber blew himself up at a market, killing 12 people.",
     ("explosions_remote_violence", "suicide_bomb")),
    ("Warplanes carried out airstrikes on the town.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("A roadside bomb exploded near the market.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    ("Hundreds of students staged a protest in the capital.", ("protests", "peaceful_protest")),
    ("Police fired tear gas to disperse the protesters.",
     ("protests", "protest_with_intervention")),
    ("Rioters burned tyres and threw stones at cars.", ("riots", "violent_demonstration")),
    ("A mob lynched a suspected thief.", ("riots", "mob_violence")),
    ("Police arrested 12 suspects in the town.", ("strategic_developments", "arrests")),
    ("Police fired on the protesters, killing two.",
     ("protests", "excessive_force_against_protesters")),
    ("Militants attacked the village but soldiers repelled the attack.",
     ("battles", "armed_clash")),
    ("Supporters of the two parties clashed in the market.", ("riots", "violent_demonstration")),
    ("Police arrest and kill a musician after he flees.", ("violence_against_civilians", "attack")),
    ("A bomb disposal team defused an explosive device near the school.",
     ("strategic_developments", "disrupted_weapons_use")),
    ("Al Shabaab attacked Bulo Marer, held by SNA troops.", ("battles", "armed_clash")),
    ("Protesters set the police station on fire as police fired tear gas.",
     ("riots", "violent_demonstration")),
    ("Protesters burned flags and an effigy outside the embassy.",
     ("protests", "peaceful_protest")),
    ("Al Shabaab attacked Bulo Marer, where SNA troops and villagers live.",
     ("violence_against_civilians", "attack")),
    ("Gunmen whip a trader in the market.", ("violence_against_civilians", "attack")),
    ("Militiamen wound four in the camp.", ("violence_against_civilians", "attack")),
    ("A relay station near the town was blown up by militants.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    ("A group of unemployed launched a hunger strike.", ("protests", "peaceful_protest")),
    ("Unrest was also reported in the delegation.", ("protests", "peaceful_protest")),
    ("Fire exchange was reported between militants and the national guard.",
     ("battles", "armed_clash")),
    ("Rebels claimed to have retaken the gate from the army.",
     ("battles", "government_regains_territory")),
    ("Roadblocks continue for a second day in the town.", ("riots", "violent_demonstration")),
    ("Residents blocked the main road to protest water cuts.",
     ("riots", "violent_demonstration")),
])
def test_events_main_event_type(nlp, stages, text, expected):
    events = read(nlp, stages, text)._.cw_events
    assert events, text
    assert (events[0].event_type, events[0].sub_event_type) == expected


@pytest.mark.parametrize("text", [
    "The regime was toppled in a lightning offensive.",
    "The militants threatened to attack the town.",
    "\u201cWe will fight them to the end,\u201d the commander said.",
    "No casualties were reported.",
    "The minister spoke about the economy in a speech on Sunday.",
])
def test_events_no_event_from_background_intent_or_quotes(nlp, stages, text):
    assert read(nlp, stages, text)._.cw_events == []


def test_events_caption_makes_no_event(nlp, stages):
    caption = "Soldiers detain a man following clashes in the city"
    text = f"The minister visited the port.\n{caption}\nTrade resumed on Monday."
    start = text.index(caption)
    doc = read(nlp, stages, text, captions=[(start, start + len(caption))])
    assert doc._.cw_events == []


def test_events_mentions_of_one_happening_merge(nlp, stages):
    text = "Clashes broke out in the city on Friday. The clashes lasted for hours."
    events = read(nlp, stages, text)._.cw_events
    assert [e.event_type for e in events] == ["battles"]
    assert len(events[0].evidence) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen attacked the Mola hotel near Bama. The escort exchanged fire with them.",
     ["battles"]),
    ("Gunmen attacked villagers near Bama. Soldiers later exchanged fire with the gunmen.",
     ["violence_against_civilians", "battles"]),
])
def test_events_attack_that_became_a_firefight_is_one_battle(nlp, stages, text, expected):
    assert [e.event_type for e in read(nlp, stages, text)._.cw_events] == expected


def test_events_main_event_first(nlp, stages):
    text = "Army troops clashed with rebels in the hills. Police later arrested four people."
    events = read(nlp, stages, text)._.cw_events
    assert [e.event_type for e in events] == ["battles", "strategic_developments"]


@pytest.mark.parametrize(("dates", "expected"), [
    ([("on Thursday", date(2024, 5, 9), date(2024, 5, 9), 1)],
     (date(2024, 5, 9), date(2024, 5, 9), 1)),
    ([("on Thursday", date(2024, 5, 9), date(2024, 5, 9), 1),
      ("next week", date(2024, 5, 13), date(2024, 5, 19), 2)],
     (date(2024, 5, 9), date(2024, 5, 9), 1)),
    ([], (PUBLISHED, PUBLISHED, 2)),
])
def test_events_dates_never_after_publication(nlp, stages, dates, expected):
    text = "Army troops clashed with rebels on Thursday and talks follow next week."
    event = read(nlp, stages, text, dates=dates)._.cw_events[0]
    assert (event.date_start, event.date_end, event.time_precision) == expected


def test_events_recalled_sentence_is_background(nlp, stages):
    text = "Rebels attacked the army base in 2019. Protesters marched in the capital."
    dates = [("in 2019", date(2019, 1, 1), date(2019, 12, 31), 3)]
    events = read(nlp, stages, text, dates=dates)._.cw_events
    assert [e.event_type for e in events] == ["protests"]


@pytest.mark.parametrize(("text", "role", "name"), [
    ("Army troops clashed with Boko Haram militants near Maiduguri.", "actor2", "Boko Haram"),
    ("Gunmen attacked the village and killed five villagers.", "victim", "Civilians"),
    ("Hundreds of students staged a protest in the capital.", "actor1", "Protesters"),
    ("Al-Shabaab fighters attacked an army base.", "actor2", "Al Shabaab"),
    ("Al-Shabaab fighters attacked an army base.", "actor1", "Military Forces"),
    ("Fighting broke out between Al-Shabaab and army troops.", "actor1", "Al Shabaab"),
])
def test_events_actor_roles(nlp, stages, text, role, name):
    event = read(nlp, stages, text)._.cw_events[0]
    assert (name, role) in [(a.name, a.role) for a in event.actors]


def test_events_protest_turned_riot_is_one_event(nlp, stages):
    text = "Students marched through the city on Monday. Riots broke out in the evening."
    events = read(nlp, stages, text)._.cw_events
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("riots", "violent_demonstration")]


def test_events_country_from_actors_when_no_place(nlp, stages):
    event = read(nlp, stages, "Kenyan troops clashed with militants overnight.")._.cw_events[0]
    assert (event.location.country_code, event.location.precision) == ("KE", 3)
    assert ("Military Forces of Kenya", "actor1") in [(a.name, a.role) for a in event.actors]
