"""Which of a report's resolved places is the event's: hand-built place and actor spans."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from conflictwatch.models import Resolved
from conflictwatch.nlp.actors import ActorData
from conflictwatch.nlp.place_location import locate_event


def _span(doc: Doc, surface: str) -> Span:
    start = doc.text.index(surface)
    return doc.char_span(start, start + len(surface))


def read(nlp, text: str, places: dict[str, tuple[str, str, int]],
         actors: dict[str, str] | None = None) -> Doc:
    """``places``: surface -> (country, feature, precision); ``actors``: surface -> type."""
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    spans = []
    for surface, (country, feature, precision) in places.items():
        span = _span(doc, surface)
        span._.cw_resolved = Resolved(lat=1.0, lon=1.0, country_code=country, feature=feature,
                                      precision=precision)
        spans.append(span)
    doc.spans["cw_places"] = sorted(spans, key=lambda s: s.start)
    found = []
    for surface, actor_type in (actors or {}).items():
        span = _span(doc, surface)
        span._.cw_actor = ActorData(name=surface, actor_type=actor_type, surface=surface)
        found.append(span)
    doc.spans["cw_actors"] = found
    return doc


def where(doc: Doc) -> str | None:
    location = locate_event(doc, [(0, len(doc.text))])
    return location.name if location else None


def test_events_location_prefers_the_place_things_happen_in(nlp):
    doc = read(nlp, "Okada riders protest over a tariff in Ughelli.",
               {"Okada": ("NG", "P.PPL", 1), "Ughelli": ("NG", "P.PPL", 1)})
    assert where(doc) == "Ughelli"


@pytest.mark.parametrize("text", [
    "Fighting in the town of Tarhouna, south of Misrata.",
    "Clashes near the small village of Tarhouna; Misrata forces took part.",
])
def test_events_location_town_of_phrase_is_locative(nlp, text):
    doc = read(nlp, text, {"Misrata": ("LY", "P.PPL", 1), "Tarhouna": ("LY", "P.PPL", 1)})
    assert where(doc) == "Tarhouna"


def test_events_location_first_place_among_equals(nlp):
    doc = read(nlp, "Protests in Gabes and Kairouan.",
               {"Gabes": ("TN", "P.PPL", 1), "Kairouan": ("TN", "P.PPL", 1)})
    assert where(doc) == "Gabes"


def test_events_location_skips_a_place_naming_an_armed_actor(nlp):
    text = "Kenya Defence Forces bombed a camp, the army said."
    doc = read(nlp, text, {"Kenya": ("KE", "A.PCLI", 3)},
               {"Kenya Defence Forces": "state_forces"})
    assert where(doc) is None


def test_events_location_keeps_a_place_naming_residents(nlp):
    doc = read(nlp, "Garowe residents staged a demonstration.", {"Garowe": ("SO", "P.PPL", 1)},
               {"Garowe residents": "civilians"})
    assert where(doc) == "Garowe"


@pytest.mark.parametrize(("text", "precision"), [
    ("An IED exploded in a restaurant (55km NW of Baidoa) on Friday.", 2),
    ("Clashes 80 kilometres south-east of Baidoa.", 2),
    ("An IED exploded in a restaurant in Baidoa on Friday.", 1),
])
def test_events_location_bearing_from_a_place_is_near_it(nlp, text, precision):
    doc = read(nlp, text, {"Baidoa": ("SO", "P.PPL", 1)})
    assert locate_event(doc, [(0, len(doc.text))]).precision == precision


def _two_sentences(nlp, text: str, places: dict[str, tuple[str, str, int, str]]) -> Doc:
    """Like ``read`` with sentences split at ". " and an admin1 per place."""
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    spans = []
    for surface, (country, feature, precision, admin1) in places.items():
        span = _span(doc, surface)
        span._.cw_resolved = Resolved(lat=1.0, lon=1.0, country_code=country, feature=feature,
                                      precision=precision, admin1=admin1)
        spans.append(span)
    doc.spans["cw_places"] = sorted(spans, key=lambda s: s.start)
    doc.spans["cw_actors"] = []
    return doc


@pytest.mark.parametrize(("town", "expected"), [
    (("EG", "P.PPL", 1, "North Sinai"), "Arish"),  # the next sentence narrows it down
    (("EG", "P.PPL", 1, "Cairo"), "North Sinai"),  # another province: no narrowing
    (("LY", "P.PPL", 1, "North Sinai"), "North Sinai"),  # another country
])
def test_events_location_area_narrowed_by_the_next_sentence(nlp, town, expected):
    text = "A bomb killed two police officers in North Sinai. The car was hit near Arish."
    doc = _two_sentences(nlp, text, {"North Sinai": ("EG", "A.ADM1", 3, "North Sinai"),
                                     "Arish": town})
    first = doc.text.index(".") + 1
    assert locate_event(doc, [(0, first)]).name == expected


def test_events_location_a_country_is_not_narrowed_to_a_town_nearby(nlp):
    """"Clashes in Syria" next to a caption naming a town: the town is no narrowing."""
    text = "Hundreds killed in clashes in Syria. Forces deploying in the town of Qadmus."
    doc = _two_sentences(nlp, text, {"Syria": ("SY", "A.PCLI", 3, None),
                                     "Qadmus": ("SY", "P.PPL", 1, "Tartus")})
    first = doc.text.index(".") + 1
    assert locate_event(doc, [(0, first)]).name == "Syria"


def test_events_location_a_caption_does_not_narrow_an_area(nlp):
    text = "A bomb killed two police officers in North Sinai. The car was hit near Arish."
    doc = _two_sentences(nlp, text, {"North Sinai": ("EG", "A.ADM1", 3, "North Sinai"),
                                     "Arish": ("EG", "P.PPL", 1, "North Sinai")})
    first = doc.text.index(".") + 1
    doc._.cw_captions = [(first + 1, len(doc.text))]  # the second sentence is a caption
    assert locate_event(doc, [(0, first)]).name == "North Sinai"
