"""Choosing one reading of a name: invented candidates, the tiny fixture gazetteer."""

from __future__ import annotations

from conflictwatch.gazetteer.resolve import Candidate, Gazetteer, PlaceContext, choose_candidate
from conflictwatch.nlp.place_resolution import _sure_admin1
from conflictwatch.nlp.places import Mention


def _candidate(pid: int, kind: str, population: int, admin1: str) -> Candidate:
    return Candidate(id=pid, geonameid=None, name="Westmark", lat=10.0, lon=20.0,
                     country_code="ZZ", admin1=admin1, admin2=None,
                     fclass="A" if kind == "admin1" else "P",
                     fcode="ADM1" if kind == "admin1" else "PPL", population=population,
                     kind=kind)


def test_city_hint_picks_the_namesake_city_of_a_much_bigger_area(gazetteer: Gazetteer) -> None:
    area = _candidate(1, "admin1", 8_000_000, "Westmark")
    city = _candidate(2, "city", 500_000, "Westmark")
    bare = choose_candidate(gazetteer, "westmark", PlaceContext(), [area, city])
    hinted = choose_candidate(gazetteer, "westmark", PlaceContext(kind_hint="city"), [area, city])
    assert bare is area  # the city is under a tenth of the area: the area
    assert hinted is city


def test_an_ambiguous_name_vouches_for_no_admin_area() -> None:
    one = Mention(0, 1, "westmark", candidates=[_candidate(1, "city", 900, "North")])
    many = Mention(0, 1, "westmark", candidates=[_candidate(1, "city", 900, "North"),
                                                 _candidate(2, "city", 800, "South")])
    area = Mention(0, 1, "westmark", candidates=[_candidate(3, "admin1", 9, "North"),
                                                 _candidate(4, "city", 800, "South")])
    assert _sure_admin1(one, one.candidates[0]) == "north"
    assert _sure_admin1(many, many.candidates[0]) is None
    assert _sure_admin1(area, area.candidates[0]) == "north"
    assert _sure_admin1(one, None) is None


def _town(pid: int, country: str, lat: float, lon: float, population: int = 5_000) -> Candidate:
    return Candidate(id=pid, geonameid=None, name="Westmark", lat=lat, lon=lon,
                     country_code=country, admin1="North", admin2=None, fclass="P",
                     fcode="PPL", population=population, kind="city")


def test_a_town_in_another_country_is_foreign_where_the_report_is_plainly_elsewhere(
    gazetteer: Gazetteer
) -> None:
    town = _town(1, "XK", 36.0, 39.0)
    where = PlaceContext(doc_countries={"SY": 1.0}, where_countries={"SY": 1.0})
    assert choose_candidate(gazetteer, "westmark", where, [town]) is None


def test_an_armed_group_makes_only_far_away_towns_foreign(gazetteer: Gazetteer) -> None:
    """A group's home country (Syria in ``doc_countries`` only) is no evidence of where the
    report is: a town next door stands, one two continents away does not."""
    cues = PlaceContext(doc_countries={"SY": 1.0}, where_countries={})
    next_door = _town(1, "XK", 36.0, 42.0)
    far_away = _town(2, "XF", -30.0, -60.0)
    assert choose_candidate(gazetteer, "westmark", cues, [next_door]) is next_door
    assert choose_candidate(gazetteer, "westmark", cues, [far_away]) is None


def test_two_countries_with_equal_evidence_make_no_reading_foreign(
    gazetteer: Gazetteer
) -> None:
    town = _town(1, "XF", -30.0, -60.0)
    tie = PlaceContext(doc_countries={"SY": 0.5, "LB": 0.5},
                       where_countries={"SY": 0.5, "LB": 0.5})
    assert choose_candidate(gazetteer, "westmark", tie, [town]) is town


def test_a_world_city_beats_a_small_namesake_the_document_countries_favour(
    gazetteer: Gazetteer
) -> None:
    capital = Candidate(id=1, geonameid=None, name="Westmark", lat=48.9, lon=2.3,
                        country_code="XF", admin1="Capital", admin2=None, fclass="P",
                        fcode="PPLC", population=2_000_000, kind="city")
    town = _town(2, "XU", 33.7, -95.6, population=25_000)
    american = PlaceContext(doc_countries={"XU": 1.0}, where_countries={"XU": 1.0})
    assert choose_candidate(gazetteer, "westmark", american, [capital, town]) is capital
    named = PlaceContext(doc_countries={"XU": 1.0}, where_countries={"XU": 1.0},
                         doc_admin1={"north"})  # the report names the town's state
    assert choose_candidate(gazetteer, "westmark", named, [capital, town]) is town
    bigger = _town(3, "XU", 33.7, -95.6, population=100_000)  # a fiftieth or more of it
    assert choose_candidate(gazetteer, "westmark", american, [capital, bigger]) is bigger


def test_a_tiny_exact_namesake_does_not_beat_a_city_known_by_the_name(
    gazetteer: Gazetteer
) -> None:
    """"Derna": the Libyan city (alternate name) rather than the Romanian village (its
    name); a big town called exactly the name keeps its full bonus ("Buffalo")."""
    village = Candidate(id=1, geonameid=None, name="Westmark", lat=47.2, lon=22.3,
                        country_code="XR", admin1="North", admin2=None, fclass="P",
                        fcode="PPL", population=2_963, kind="city")
    city = Candidate(id=2, geonameid=None, name="Westmarah", lat=32.8, lon=22.6,
                     country_code="XL", admin1="East", admin2=None, fclass="P", fcode="PPL",
                     population=102_581, kind="city")
    assert choose_candidate(gazetteer, "westmark", PlaceContext(), [village, city]) is city
    big = Candidate(id=3, geonameid=None, name="Westmark", lat=42.9, lon=-78.9,
                    country_code="XU", admin1="North", admin2=None, fclass="P", fcode="PPL",
                    population=258_071, kind="city")
    county = Candidate(id=4, geonameid=None, name="Westmark County", lat=40.9, lon=-99.1,
                       country_code="XU", admin1="West", admin2=None, fclass="A",
                       fcode="ADM2", population=38_295, kind="admin2")
    assert choose_candidate(gazetteer, "westmark", PlaceContext(), [big, county]) is big


def test_a_named_region_with_no_point_resolves_to_no_town(gazetteer: Gazetteer) -> None:
    """"Middle East" is no neighbourhood of Baltimore; "Americas" no misspelt Americus."""
    namesake = Candidate(id=1, geonameid=None, name="Middle East", lat=39.3, lon=-76.6,
                         country_code="US", admin1="Maryland", admin2=None, fclass="P",
                         fcode="PPL", population=1_872, kind="city")
    american = PlaceContext(doc_countries={"US": 1.0}, where_countries={"US": 1.0},
                            near_countries={"US"})
    assert choose_candidate(gazetteer, "middle east", american, [namesake]) is None
    assert gazetteer.is_region_name("americas") and gazetteer.is_region_name("west africa")
    assert not gazetteer.is_region_name("latakia")


def test_a_town_qualified_by_its_state_lies_in_that_state() -> None:
    import spacy

    from conflictwatch.nlp.place_resolution import obey_qualifiers

    doc = spacy.blank("en")("Westmark , North said . Westmark again")
    north = _candidate(10, "admin1", 9, "North")
    elsewhere = _candidate(11, "city", 90_000, "South")
    inside = _candidate(12, "city", 600, "North")
    town = Mention(0, 1, "westmark", candidates=[elsewhere, inside], choice=elsewhere)
    area = Mention(2, 3, "north", candidates=[north], choice=north)
    again = Mention(5, 6, "westmark", candidates=[elsewhere, inside], choice=elsewhere)
    obey_qualifiers(doc, [town, area, again])
    assert town.choice is inside and again.choice is inside  # not the bigger namesake

    missing = Mention(0, 1, "westmark", candidates=[elsewhere], choice=elsewhere)
    obey_qualifiers(doc, [missing, Mention(2, 3, "north", candidates=[north], choice=north)])
    assert missing.choice is north  # no such town in the gazetteer: the state, not a guess
