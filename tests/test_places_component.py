"""The places component on hand-built Docs, with a gazetteer built from the tiny fixture dump."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch.gazetteer.resolve import Gazetteer, PlaceContext, resolve_place
from conflictwatch.nlp.place_mentions import inner_name
from conflictwatch.nlp.places import (
    PlacesRecognizer,
    find_place_candidates,
    locate_event,
    make_places,
)


def _places(nlp: Language, gazetteer: Gazetteer, text: str) -> dict[str, object]:
    doc = PlacesRecognizer(gazetteer)(nlp(text))
    return {span.text: span._.cw_resolved for span in doc.spans["cw_places"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian forces deployed in the town of Qadmus in Syria's Tartus governorate.",
         {"Qadmus": ("P.PPL", "Tartus", 1), "Syria": ("A.PCLI", None, 3),
          "Tartus": ("A.ADM1", "Tartus", 3)}),
        ("Filmed in a mosque in Damascus's Mezzeh neighbourhood, Sharaa said so.",
         {"Damascus": ("P.PPLC", "Damascus", 1), "Mezzeh": ("P.PPLX", "Damascus", 1)}),
        ("Many fled towards the Russian military base of Hmeimim in Syria.",
         {"Hmeimim": ("S.MILB", "Latakia", 1), "Syria": ("A.PCLI", None, 3)}),
        ("They called for an uprising in Latakia, a coastal province, and on the coast.",
         {"Latakia": ("A.ADM1", "Latakia", 3)}),
        ("The Financial Times could not verify what Assad said.", {}),
        ("Fighting near Lattakia in Syria continued.", {"Lattakia": ("P.PPLA", "Latakia", 2),
                                                         "Syria": ("A.PCLI", None, 3)}),
        ("Shelling hit targets in Al-Qadmus, Syria.", {"Al-Qadmus": ("P.PPL", "Tartus", 1),
                                              "Syria": ("A.PCLI", None, 3)}),
    ],
)
def test_places_component_finds_and_resolves(
    nlp: Language, gazetteer: Gazetteer, text: str, expected: dict
) -> None:
    found = _places(nlp, gazetteer, text)
    got = {name: (r.feature, r.admin1, r.precision) for name, r in found.items() if r}
    assert got == expected
    assert all(r is not None for r in found.values())


def test_places_component_uses_country_context(nlp: Language, gazetteer: Gazetteer) -> None:
    lebanon = _places(nlp, gazetteer, "Protests spread in Lebanon. Tripoli saw clashes.")
    libya = _places(nlp, gazetteer, "Militias fought in Libya. Tripoli saw clashes.")
    assert lebanon["Tripoli"].country_code == "LB"
    assert libya["Tripoli"].country_code == "LY"


def test_places_component_small_town_needs_country_context(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    assert "Port Halden" not in _places(nlp, gazetteer, "Guests from Port Halden arrived.")
    assert resolve_place(gazetteer, "Port Halden") is None
    near_syria = resolve_place(gazetteer, "Port Halden", PlaceContext(near_countries={"SY"}))
    assert near_syria is not None and near_syria.admin1 == "Latakia"


def test_places_component_ignores_lowercase_and_descriptions(gazetteer: Gazetteer) -> None:
    assert resolve_place(gazetteer, "the coast") is None
    assert resolve_place(gazetteer, "latakia") is None
    assert resolve_place(gazetteer, "Nowhere Special") is None


def test_places_find_place_candidates_is_cheap_token_spans(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    doc = nlp("Power was cut in Latakia. Nothing happened in Springfield.")
    spans = find_place_candidates(doc, gazetteer)
    assert [doc[a:b].text for a, b in spans] == ["Latakia"]


def test_places_locate_event_prefers_the_event_sentence(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = ("Syria's defence ministry spoke in Damascus on Sunday. "
            "Clashes erupted in the town of Qadmus in Tartus governorate.")
    doc = PlacesRecognizer(gazetteer)(nlp(text))
    second = text.index("Clashes")
    location = locate_event(doc, [(second, second + 10)])
    assert location is not None and (location.name, location.admin1) == ("Qadmus", "Tartus")
    first = locate_event(doc, [(0, 5)])
    assert first is not None and first.name == "Damascus"
    assert locate_event(doc, []) is None


def test_places_factory_builds_missing_gazetteer_from_settings_path(
    gazetteer_path: Path, nlp: Language
) -> None:
    component = make_places(nlp, "cw_places", gazetteer_path=str(gazetteer_path))
    doc: Doc = component(nlp("Shelling hit Latakia."))
    assert [s.text for s in doc.spans["cw_places"]] == ["Latakia"]


@pytest.mark.parametrize(
    "text",
    ["James Suver, 25, of Columbia, Ky. was hurt.", "He was taken to hospital in Ky. on Monday."],
)
def test_places_component_reads_ap_state_abbreviations(
    nlp: Language, gazetteer: Gazetteer, text: str
) -> None:
    found = _places(nlp, gazetteer, text)
    (abbreviation,) = [name for name in found if name.startswith("Ky")]
    assert found[abbreviation].admin1 == "Kentucky"
    assert found[abbreviation].precision == 3


def test_places_component_demonyms_only_when_asked(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Syrian forces shelled the town."
    assert list(PlacesRecognizer(gazetteer)(nlp(text)).spans["cw_places"]) == []
    doc = PlacesRecognizer(gazetteer, demonyms=True)(nlp(text))
    (span,) = doc.spans["cw_places"]
    assert (span.text, span._.cw_resolved.country_code) == ("Syrian", "SY")


_WORDS = ["Latakia", "Lattakia", "Syria", "Tartus", "governorate", "the", "town", "of", "in",
          "near", ",", ".", "Al-Qadmus", "Damascus", "'s", "Mezzeh", "neighbourhood", "fled",
          "Hmeimim", "base", "Sharaa", "said", "Ky.", "Columbia", "Tripoli", "coast", "\n"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_places_spans_are_ordered_disjoint_and_valid(
    nlp: Language, gazetteer: Gazetteer, words: list[str]
) -> None:
    doc = PlacesRecognizer(gazetteer)(nlp(" ".join(words)))
    spans = list(doc.spans["cw_places"])
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    for span in spans:
        assert doc.text[span.start_char:span.end_char] == span.text
        resolved = span._.cw_resolved
        assert resolved is None or (-90 <= resolved.lat <= 90 and -180 <= resolved.lon <= 180)
    evidence = [(0, len(doc.text))] if doc.text else []
    location = locate_event(doc, evidence)
    assert location is None or location.name in {s.text for s in spans}


def test_places_component_town_comma_area_is_the_area(nlp: Language, gazetteer: Gazetteer) -> None:
    after_town = _places(nlp, gazetteer, "Shelling hit homes in Port Halden, Latakia, on Monday.")
    bare = _places(nlp, gazetteer, "Shelling hit homes in Latakia on Monday.")
    assert after_town["Latakia"].feature == "A.ADM1"
    assert after_town["Port Halden"].admin1 == "Latakia"
    assert bare["Latakia"].feature == "P.PPLA"


def test_places_component_drops_diseases_and_money(nlp: Language, gazetteer: Gazetteer) -> None:
    doc = PlacesRecognizer(gazetteer)(nlp(
        "Tripoli fever spread fast. Officials said Tripoli cases rose. Doctors in Tripoli "
        "asked for US$ 5 million and Syria sent aid."))
    found = [(span.text, span.start_char) for span in doc.spans["cw_places"]]
    assert found == [("Tripoli", 73), ("Syria", 109)]


def test_places_component_a_name_ner_read_as_a_language_is_a_place_after_in(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    def found(text: str) -> list[str]:
        doc = nlp(text)
        doc.ents = [doc.char_span(text.index("Latakia"), text.index("Latakia") + 7,
                                  label="LANGUAGE")]
        return [span.text for span in PlacesRecognizer(gazetteer)(doc).spans["cw_places"]]

    assert found("A march took place in Latakia on Monday.") == ["Latakia"]
    assert found("They all spoke Latakia at home.") == []


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Far North Queensland", "Queensland"),
        ("North-Western Sydney", "Sydney"),
        ("The City of Montreal", "Montreal"),
        ("Enfield Borough", "Enfield"),
        ("Swat Valley", "Swat"),
        ("Queensland", None),
        ("Western", None),
    ],
)
def test_places_inner_name_is_the_place_a_name_is_part_of(
    nlp: Language, text: str, inner: str | None
) -> None:
    assert inner_name(nlp(text)[:]) == inner


def test_places_component_resolves_a_part_of_a_place_to_the_place(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    def found(text: str, part: str) -> dict[str, object]:
        doc = nlp(text)
        doc.ents = [doc.char_span(text.index(part), text.index(part) + len(part), label="LOC")]
        return {s.text: s._.cw_resolved for s in PlacesRecognizer(gazetteer)(doc).spans[
            "cw_places"]}

    north = found("Fighting spread to Northern Latakia, Syria, on Monday.", "Northern Latakia")
    assert north["Northern Latakia"].admin1 == "Latakia"
    assert north["Northern Latakia"].precision >= 2  # near the place, never the place itself
    town = found("Fighting spread to Central Columbia on Monday.", "Central Columbia")
    assert town["Central Columbia"] is None  # a town in a country the text does not name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In Qadmus, Syria, protesters set the offices on fire.", "Qadmus"),  # not glued to "In"
        ("Baniyas residents blocked the road to the port.", "Baniyas"),
        ("A man was shot in the Mezzeh area (Baniyas) on Monday.", "Baniyas"),
        ("Renewed clashes in Qadmous left two dead in Syria.", "Qadmous"),  # variant, in Syria
    ],
)
def test_places_component_finds_names_by_their_cue(
    nlp: Language, gazetteer: Gazetteer, text: str, name: str
) -> None:
    found = _places(nlp, gazetteer, text)
    assert found.get(name) is not None and found[name].country_code == "SY"


def test_places_component_a_variant_needs_agreeing_vowels(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    """"Qadmis" shares "Qadmus"'s skeleton but not its vowels: another name, no pin."""
    assert "Qadmis" not in _places(nlp, gazetteer, "Renewed clashes in Qadmis in Syria.")


def test_places_component_skips_a_possessive_organisation(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    assert "Latakia" not in _places(nlp, gazetteer, "At Latakia's Hospital, doctors waited.")


def test_places_locate_event_falls_back_to_a_town_in_an_organisation_name(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    """"protest at Tartus University": no toponym of the text, but where the event was when
    nothing better is named; near the town (precision 2)."""
    text = "Students protested at Tartus University. Syria's universities stayed shut."
    doc = nlp(text)
    start = text.index("Tartus")
    doc.ents = [doc.char_span(start, start + len("Tartus University"), label="ORG")]
    doc = PlacesRecognizer(gazetteer)(doc)
    assert "Tartus" not in {span.text for span in doc.spans["cw_places"]}
    location = locate_event(doc, [(0, 10)])
    assert location is not None and location.name == "Tartus"
    assert (location.feature, location.precision) == ("P.PPLA", 2)
    named = nlp("Students protested at Tartus University in Damascus, Syria.")
    named.ents = [named.char_span(22, 39, label="ORG")]
    located = locate_event(PlacesRecognizer(gazetteer)(named), [(0, 10)])
    assert located is not None and located.name == "Damascus"
