"""Linking reports into incidents: blocking, scoring, merges, splits, stable ids."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.link import (
    Linker,
    LinkSettings,
    ReportFeatures,
    find_addresses,
    find_ages,
    find_lead_words,
    find_names,
    incident_id_for,
    report_features,
    score_reports,
    sketch_similarity,
    sketch_text,
)
from conflictwatch.models import Claim, DocumentRecord, Event, Figures, Location

SPRINGFIELD = Location(name="Springfield", lat=39.80, lon=-89.64, country_code="US",
                       admin1="Illinois", admin2="Sangamon")
PEORIA = Location(name="Peoria", lat=40.69, lon=-89.59, country_code="US", admin1="Illinois")


def shooting(doc_id: str, text: str, *, day: date = date(2016, 3, 4),
             where: Location | None = SPRINGFIELD, killed: int = 1) -> DocumentRecord:
    claim = Claim(outcome="killed", low=killed, best=killed, high=killed, qualifier="exact",
                  victims="man", start=0, end=1, event=0)
    event = Event(event_type="violence_against_civilians", date_start=day, location=where,
                  claims=[0])
    return DocumentRecord(id=doc_id, text=text, published=day, claims=[claim], events=[event])


def link_all(records: list[DocumentRecord]) -> tuple[Linker, list]:
    linker = Linker()
    changes = [c for r in records for c in linker.add(report_features(r))]
    return linker, changes


def test_link_same_incident_worded_differently_is_one_incident():
    linker, _ = link_all([
        shooting("a", "John Miller, 24, was shot dead on Elm Street in Springfield on Friday."),
        shooting("b", "Police named the victim as John Miller, 24. He died at the scene."),
    ])
    assert linker.member_of["a"] == linker.member_of["b"] == incident_id_for("a")


def test_link_other_city_or_far_date_stays_apart():
    linker, _ = link_all([
        shooting("a", "John Miller, 24, was shot dead in Springfield."),
        shooting("b", "Kevin Brandt, 51, was shot dead in Peoria.", where=PEORIA),
        shooting("c", "A woman was shot dead.", day=date(2016, 4, 20)),
    ])
    assert len(set(linker.member_of.values())) == 3


def test_link_report_bridging_two_incidents_merges_them_into_the_older():
    linker, changes = link_all([
        shooting("a", "Maria Lopez, 31, was killed in a shooting on Oak Avenue."),
        shooting("b", "A gunman opened fire near the school; Tom Reed, 19, died.", killed=2,
                 day=date(2016, 3, 5)),
        shooting("c", "Maria Lopez, 31, and Tom Reed, 19, were killed in a shooting on Oak "
                      "Avenue near the school.", killed=2),
    ])
    assert len(set(linker.member_of.values())) == 1
    assert set(linker.member_of.values()) == {incident_id_for("a")}
    merges = [c for c in changes if c.action == "merge"]
    assert [(m.incident_id, m.other_id) for m in merges] == [
        (incident_id_for("a"), incident_id_for("b"))]


def test_link_changed_report_is_split_out_and_relinked():
    linker, _ = link_all([
        shooting("a", "John Miller, 24, was shot dead in Springfield."),
        shooting("b", "John Miller, 24, died after being shot in Springfield."),
    ])
    changes = linker.add(report_features(
        shooting("b", "Peoria man hurt in crash.", where=PEORIA, day=date(2016, 9, 1))))
    assert [c.action for c in changes] == ["split", "create"]
    assert linker.member_of["b"] != linker.member_of["a"]


def test_link_record_without_event_or_date_gets_its_own_incident():
    record = DocumentRecord(id="x", text="5 killed", claims=[Claim(
        outcome="killed", low=5, best=5, high=5, qualifier="exact", victims="people", start=0,
        end=1)])
    linker, changes = link_all([record, record.model_copy(update={"id": "y"})])
    assert [c.action for c in changes] == ["create", "create"]
    assert linker.member_of["x"] != linker.member_of["y"]


def test_link_candidates_come_from_the_blocking_index_only():
    linker = Linker(LinkSettings(open_block=0))
    for i in range(50):
        linker.add(ReportFeatures(doc_id=f"d{i}", day=700000 + 10 * i, country="US",
                                  admin1="Ohio"))
    probe = ReportFeatures(doc_id="p", day=700000 + 101, country="US", admin1="Ohio")
    assert linker.candidates(probe) == ["d10"]
    assert linker.candidates(ReportFeatures(doc_id="q", day=700000, country="US",
                                            admin1="Iowa")) == []


def test_link_sparse_days_open_the_block_to_other_regions():
    linker = Linker(LinkSettings(open_block=10))
    linker.add(ReportFeatures(doc_id="a", day=700000, country="US", admin1="Ohio"))
    probe = ReportFeatures(doc_id="p", day=700001, country="BR", admin1="Piaui")
    assert linker.candidates(probe) == ["a"]


def test_link_sketch_similarity_of_same_text_is_one_and_of_unrelated_is_low():
    text = "the quick brown fox jumps over the lazy dog near the river bank today"
    assert sketch_similarity(sketch_text(text), sketch_text(text)) == 1.0
    assert sketch_similarity(sketch_text(text), sketch_text("a storm hit the coast")) < 0.2


def test_link_finds_person_names_and_ages():
    text = "Police said Jamal Carter, 17, and a 45-year-old woman were shot on Monday."
    assert "jamal carter" in find_names(text)
    assert find_ages(text) == {17, 45}


def test_link_arrest_report_is_linked_by_the_shooting_it_tells_of():
    from conflictwatch.link import linking_event_index

    arrest = Event(event_type="strategic_developments", date_start=date(2016, 5, 1))
    shooting_event = Event(event_type="violence_against_civilians", date_start=date(2016, 3, 4))
    assert linking_event_index([arrest, shooting_event]) == 1
    assert linking_event_index([shooting_event, arrest]) == 0
    assert linking_event_index([arrest]) == 0
    assert linking_event_index([]) is None
    record = DocumentRecord(id="r", text="Man arrested in the March 4 shooting.",
                            events=[arrest, shooting_event])
    assert report_features(record).day == date(2016, 3, 4).toordinal()


def test_link_a_report_is_linked_by_the_event_that_holds_its_figures():
    """An event with no figure gives way to the first violent event with one ("Shooting
    leaves 1 dead" read apart from "one person was killed" in the body)."""
    from conflictwatch.link import linking_event_index

    headline = Event(event_type="violence_against_civilians", date_start=date(2016, 3, 4))
    body = Event(event_type="battles", date_start=date(2016, 3, 4),
                 fatalities=Figures(low=1, best=1, high=1))
    arrest = Event(event_type="strategic_developments", date_start=date(2016, 5, 1))
    assert linking_event_index([headline, body]) == 1
    assert linking_event_index([arrest, headline, body]) == 2
    assert linking_event_index([body, headline]) == 0
    assert linking_event_index([headline, arrest]) == 0


def test_link_place_score_trusts_distance_over_borders_and_shared_names_over_bad_pins():
    from conflictwatch.link import _place_score

    settings = LinkSettings()
    kc_mo = ReportFeatures("a", lat=39.10, lon=-94.58, country="US", admin1="Missouri")
    kc_ks = ReportFeatures("b", lat=39.11, lon=-94.63, country="US", admin1="Kansas")
    assert _place_score(kc_mo, kc_ks, settings) > 0  # one metro area across a state line
    here = ReportFeatures("c", lat=36.85, lon=-76.29, country="US", admin1="Virginia",
                          places=["norfolk", "va."])
    misread = ReportFeatures("d", lat=52.66, lon=0.95, country="GB", admin1="England",
                             places=["norfolk"])
    elsewhere = ReportFeatures("e", lat=52.66, lon=0.95, country="GB", admin1="England",
                               places=["king's lynn"])
    assert _place_score(here, misread, settings) == 0.0  # same name, one pin is wrong
    assert _place_score(here, elsewhere, settings) < 0


def test_link_crowded_block_still_offers_a_mis_pinned_report_sharing_a_rare_name():
    linker = Linker(LinkSettings(open_block=0))
    linker.add(ReportFeatures(doc_id="a", day=700000, country="US", admin1="Ohio",
                              names=["dana whitcombe"]))
    linker.add(ReportFeatures(doc_id="b", day=700000, country="US", admin1="Ohio"))
    probe = ReportFeatures(doc_id="p", day=700001, country="ZA", admin1="Kwazulu-Natal",
                           names=["dana whitcombe"])
    assert linker.candidates(probe) == ["a"]


def test_link_lead_words_are_the_headline_and_lead_content_words():
    words = find_lead_words("Deputies investigate officer-involved shooting at 7-Eleven",
                            "The suspect's vehicle was found. " + "1 " * 300 + "afterthought")
    assert {"deputie", "investigate", "officer-involved", "shooting", "eleven", "suspect",
            "vehicle", "found"} <= words
    assert not {"the", "was", "afterthought"} & words  # stop words; past the lead


def test_link_shared_rare_lead_words_link_reports_naming_no_one():
    first = "Deputies investigate officer-involved shooting at a Carmichael 7-Eleven store."
    second = "Armed suspect dies after officer-involved shooting outside 7-Eleven store."
    others = [shooting(f"o{i}", f"Unrelated crash number {i} on the interstate.",
                       killed=0) for i in range(3)]
    pair = [shooting("a", first, where=None), shooting("b", second, where=None)]
    with_lead, _ = link_all([*pair, *others])
    assert with_lead.member_of["a"] == with_lead.member_of["b"]
    linker = Linker(LinkSettings(lead_cap=0.0))
    for record in pair:
        linker.add(report_features(record, linker.settings))
    assert linker.member_of["a"] != linker.member_of["b"]


def test_link_shared_actors_add_nothing_to_a_score():
    # "police forces of united states", "civilians (united states)": most reports share them,
    # and a multi-word actor name that is rare already counts among the names
    plain = ReportFeatures("a", day=700000, event_type="riots")
    other = ReportFeatures("b", day=700005, event_type="riots")
    settings = LinkSettings()
    before = score_reports(plain, other, settings)
    plain.actors = other.actors = ["police forces of united states", "civilians (united states)"]
    assert score_reports(plain, other, settings) == before


@pytest.mark.parametrize("text, expected", [
    ("shot in the 2300 block of Raceway Rd. on Sunday", {"2300 raceway"}),
    ("found at 2314 Raceway Road", {"2300 raceway"}),  # the same hundred block
    ("near 1400 N. 35th Street and 12 West Main St", {"1400 35th", "0 main"}),
    ("shot 3 times on Main Street", set()),  # a figure, no house number before the street
])
def test_link_finds_street_addresses_as_hundred_blocks(text, expected):
    assert find_addresses(text) == expected


def test_link_shared_address_links_reports_days_apart():
    first = "A man was shot dead in the 2300 block of Raceway Road late on Sunday."
    later = "Police arrested a suspect in the killing at 2310 Raceway Rd."
    others = [shooting(f"o{i}", f"Unrelated crash number {i} on the interstate.", killed=0)
              for i in range(3)]
    linker, _ = link_all([shooting("a", first, where=None), *others,
                          shooting("b", later, where=None, day=date(2016, 3, 9))])
    assert linker.member_of["a"] == linker.member_of["b"]
