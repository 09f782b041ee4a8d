"""Document-level country evidence: the outlet, named armed groups, and foreign readings."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictwatch.gazetteer.outlets import OutletCountries
from conflictwatch.gazetteer.resolve import Gazetteer
from conflictwatch.nlp.places import PlacesRecognizer, document_country


def _read(nlp: Language, gazetteer: Gazetteer, text: str, source: str | None = None):
    doc = nlp.make_doc(text)
    doc._.cw_source = source
    doc = PlacesRecognizer(gazetteer, make_doc=nlp.make_doc)(nlp.get_pipe("sentencizer")(doc))
    return doc, {s.text: s._.cw_resolved for s in doc.spans["cw_places"]}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Radio Okapi", {"CD": 1.0}),  # the curated list
        ("Agence France Presse - English", {}),  # an international wire says nothing
        ("Libya Herald", {"LY": 1.0}),  # a country in the name
        ("Daily Star (Lebanon)", {"LB": 1.0}),  # where the outlet is, in brackets
        ("Radio Okapi; Agence France Presse", {"CD": 0.5}),
        ("Sudan Tribune", {"SD": 0.5, "SS": 0.5}),  # an outlet covering two countries
        ("", {}),
        (None, {}),
    ],
)
def test_places_outlet_countries(gazetteer: Gazetteer, source: str | None,
                                 expected: dict[str, float]) -> None:
    assert OutletCountries(gazetteer).countries(source) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "country"),
    [("Libya Herald", "LY"), ("Daily Star (Lebanon)", "LB")],
)
def test_places_outlet_country_chooses_the_namesake(
    nlp: Language, gazetteer: Gazetteer, source: str, country: str
) -> None:
    doc, found = _read(nlp, gazetteer, "Clashes broke out in Tripoli on Sunday.", source)
    assert found["Tripoli"].country_code == country
    assert document_country(doc) == country


def test_places_armed_group_ties_the_document_to_its_country(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    doc, found = _read(nlp, gazetteer, "Hezbollah fighters clashed with a militia in Tripoli.")
    assert found["Tripoli"].country_code == "LB"
    assert document_country(doc) == "LB"


def test_places_foreign_town_is_not_pinned_unless_its_country_is_named(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    _, found = _read(nlp, gazetteer, "Protesters marched in Latakia.", "Libya Herald")
    assert found.get("Latakia") is None
    _, found = _read(nlp, gazetteer, "Protesters marched in Latakia, Syria.", "Libya Herald")
    assert found["Latakia"].country_code == "SY"


def test_places_end_of_a_hyphenated_name_is_no_place(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    _, found = _read(nlp, gazetteer, "Fighters of the SLA-Tripoli faction attacked a camp.")
    assert "Tripoli" not in found


def test_places_document_country_needs_half_the_evidence(nlp: Language) -> None:
    doc = nlp("Nothing here.")
    assert document_country(doc) is None
    doc._.cw_countries = {"SD": 0.5, "SS": 0.5}
    assert document_country(doc) is None  # a tie
    doc._.cw_countries = {"SD": 0.6, "SS": 0.4}
    assert document_country(doc) == "SD"
    doc._.cw_countries = {"SD": 0.4, "SS": 0.3, "TD": 0.3}
    assert document_country(doc) is None


@pytest.mark.parametrize(
    ("url", "country"),
    [("https://www.cbc.ca/news/story", "CA"), ("www.abc.net.au/news", "AU"),
     ("http://www.independent.co.uk/x", "GB"), ("https://www.reuters.com/world", None),
     ("https://bit.ly/abc", None), ("not a url", None)],
)
def test_places_url_country_domain(url: str, country: str | None) -> None:
    from conflictwatch.gazetteer.outlets import domain_country

    assert domain_country(url) == country


def test_places_url_country_is_used_when_the_source_says_nothing(gazetteer: Gazetteer) -> None:
    outlets = OutletCountries(gazetteer)
    assert outlets.countries(None, "https://www.dailystar.com.lb/news") == {"LB": 1.0}
    assert outlets.countries("Libya Herald", "https://www.dailystar.com.lb/") == {"LY": 1.0}


def test_places_a_name_read_twice_is_one_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = ("Hezbollah fighters clashed with a militia in Tripoli. Officials in Libya said "
            "nothing. Tripoli was calm by night.")
    doc, _ = _read(nlp, gazetteer, text)
    codes = {s._.cw_resolved.country_code for s in doc.spans["cw_places"] if s.text == "Tripoli"}
    assert len(codes) == 1


def test_places_part_of_a_person_name_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    doc = nlp.make_doc("Tripoli Smith won. Tripoli trained in Damascus for years.")
    doc.ents = [doc.char_span(0, 13, label="PERSON")]
    doc = PlacesRecognizer(gazetteer)(nlp.get_pipe("sentencizer")(doc))
    assert [s.text for s in doc.spans["cw_places"]] == ["Damascus"]


def test_places_a_lone_name_ner_also_reads_as_a_place_is_the_place(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    doc = nlp.make_doc("They said Tripoli was calm. Officials in Tripoli said so.")
    doc.ents = [doc.char_span(10, 17, label="PERSON"), doc.char_span(41, 48, label="GPE")]
    doc = PlacesRecognizer(gazetteer)(nlp.get_pipe("sentencizer")(doc))
    assert [s.text for s in doc.spans["cw_places"]] == ["Tripoli", "Tripoli"]


def test_places_a_word_of_a_full_name_stays_a_person(nlp: Language, gazetteer: Gazetteer) -> None:
    doc = nlp.make_doc("Tripoli Smith won. Tripoli trained in Tripoli.")
    doc.ents = [doc.char_span(0, 13, label="PERSON"), doc.char_span(38, 45, label="GPE")]
    doc = PlacesRecognizer(gazetteer)(nlp.get_pipe("sentencizer")(doc))
    assert [s.start_char for s in doc.spans["cw_places"]] == [38]


def test_places_a_repeated_ambiguous_name_cannot_outvote_the_country_named(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = ("Tripoli was tense. Tripoli police said so. Tripoli markets shut. Tripoli mourned. "
            "Tripoli slept. Tripoli woke. Officials in Lebanon said nothing.")
    doc, _ = _read(nlp, gazetteer, text)
    codes = {s._.cw_resolved.country_code for s in doc.spans["cw_places"] if s.text == "Tripoli"}
    assert codes == {"LB"}
    assert document_country(doc) == "LB"


def test_places_an_honorific_makes_a_ner_place_a_person(nlp: Language,
                                                        gazetteer: Gazetteer) -> None:
    doc = nlp.make_doc("Ms Tripoli spoke to Dr. Westmark in Damascus.")
    doc.ents = [doc.char_span(0, 10, label="GPE"), doc.char_span(20, 32, label="GPE"),
                doc.char_span(36, 44, label="GPE")]
    doc = PlacesRecognizer(gazetteer)(nlp.get_pipe("sentencizer")(doc))
    assert [s.text for s in doc.spans["cw_places"]] == ["Damascus"]


def test_places_a_ner_place_cut_short_takes_the_gazetteer_name(nlp: Language,
                                                                gazetteer: Gazetteer) -> None:
    doc = nlp.make_doc("Shelling hit the Gaza Strip, Syria said.")
    doc.ents = [doc.char_span(17, 21, label="GPE")]
    doc = PlacesRecognizer(gazetteer)(nlp.get_pipe("sentencizer")(doc))
    assert [s.text for s in doc.spans["cw_places"]] == ["Gaza Strip", "Syria"]


def test_places_an_armed_group_leaves_a_town_across_the_border_standing(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    """Hezbollah ties the report to Lebanon, but says nothing of where it is: Latakia, in
    Syria next door, stands; the outlet does make it foreign."""
    _, found = _read(nlp, gazetteer, "Hezbollah fighters clashed with a militia in Latakia.")
    assert found["Latakia"].country_code == "SY"
    _, found = _read(nlp, gazetteer, "Hezbollah fighters clashed with a militia in Latakia.",
                     "Libya Herald")
    assert found.get("Latakia") is None


def test_places_a_group_named_inside_a_place_name_is_no_group(
    nlp: Language, gazetteer: Gazetteer, tmp_path
) -> None:
    from conflictwatch.nlp.place_resolution import CountryCues

    actors = tmp_path / "actors.jsonl"
    actors.write_text('{"name": "Kem Front", "surfaces": ["Kem"], "country": "SY"}\n')
    cues = CountryCues(gazetteer, actors, make_doc=nlp.make_doc)
    doc = nlp.make_doc("Kem fighters marched on El Kem.")
    assert cues.weigh(doc, [(4, 6)]) == {"SY": 1.0}  # the fighters, not the town
    assert cues.weigh(doc, [(0, 1), (4, 6)]) == {"SY": 1.0}  # a group NER took for a place
    assert cues.weigh(doc) == {"SY": 2.0}  # without the toponyms, both count
