"""Claims as a careful reader finds them: one table per behaviour."""

from datetime import date

import pytest

from conflictwatch.models import InputDocument
from conflictwatch.nlp.casualties import CasualtyReader
from conflictwatch.nlp.claims import tally_claims

READER = CasualtyReader()


def _read(sentence):
    return [(f.outcome, f.amount.low, f.amount.high, f.amount.qualifier) for f in
            READER.read(sentence)]


def _extract(extractor, text: str):
    """One invented article, published 2 May 2024."""
    return extractor.extract(InputDocument(id="t", text=text, published=date(2024, 5, 2)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hundreds of people have been killed in Syria.", [("killed", 200, 999, "vague")]),
        ("More than 1,000 people had been killed as of Sunday.",
         [("killed", 1001, None, "more_than")]),
        ("The attack killed 12 people and wounded 30 others.",
         [("killed", 12, 12, "exact"), ("injured", 30, 30, "exact")]),
        ("Five people were killed and three injured in the blast.",
         [("killed", 5, 5, "exact"), ("injured", 3, 3, "exact")]),
        ("The death toll rose to 45 on Monday.", [("killed", 45, 45, "exact")]),
        ("A bomb killed between 20 and 30 people.", [("killed", 20, 30, "range")]),
        ("Police arrested two suspects.", [("detained", 2, 2, "exact")]),
        ("Gunmen abducted 23 students from a school.", [("kidnapped", 23, 23, "exact")]),
        ("Two teachers were reported missing.", [("missing", 2, 2, "exact")]),
        ("Thousands of residents fled the town.", [("displaced", 2000, 9999, "vague")]),
        ("1.2 million people have been displaced by the fighting.",
         [("displaced", 1_200_000, 1_200_000, "exact")]),
        ("Nearly 50 soldiers died in the ambush.", [("killed", 50, 50, "about")]),
        ("Up to 30 people may have been wounded.", [("injured", None, 30, "up_to")]),
        ("A 12-year-old was killed.", [("killed", 1, 1, "exact")]),
        ("Antonio Mason, 35, died at the scene.", [("killed", 1, 1, "exact")]),
        ("No one was hurt.", [("injured", 0, 0, "exact")]),
        ("Syrian Security Forces detain a man in Latakia.", [("detained", 1, 1, "exact")]),
        ("Two gunmen killed three people.", [("killed", 3, 3, "exact")]),
        ("The bullet hit the ceiling but did not injure anyone.", [("injured", 0, 0, "exact")]),
        ("At least two militants and five soldiers were reported dead.",
         [("killed", 7, None, "at_least")]),
        ("The bomber blew himself up, killing himself and 4 others.",
         [("killed", 5, 5, "exact")]),
        ("The shooting left one dead and two others in critical condition.",
         [("killed", 1, 1, "exact"), ("injured", 2, 2, "exact")]),
        ("A man and his 11-year-old son were found dead in a car.", [("killed", 2, 2, "exact")]),
        ("One person, later identified as Jo Smith, 25, of Tyler, was pronounced dead.",
         [("killed", 1, 1, "exact")]),
        ("One person killed and two wounded in protests in Masala.",
         [("killed", 1, 1, "exact"), ("injured", 2, 2, "exact")]),
        ("Gunmen executed five Libyan youths in a public square.", [("killed", 5, 5, "exact")]),
        # headline style: present tense, verbs listed with their figures
        ("Bandits kill 9 and wound 4 near Karu.",
         [("killed", 9, 9, "exact"), ("injured", 4, 4, "exact")]),
        ("Rebels kill at least 3, abduct 2 in Boma.",
         [("killed", 3, None, "at_least"), ("kidnapped", 2, 2, "exact")]),
        ("Troops shoot and kill five smugglers at the border.", [("killed", 5, 5, "exact")]),
        ("Masked men shot dead two traders in the market.", [("killed", 2, 2, "exact")]),
        ("The blast left three soldiers and a passerby dead.", [("killed", 4, 4, "exact")]),
        ("One UPDF was killed in the ambush.", [("killed", 1, 1, "exact")]),
        ("The feud has claimed 14 lives since May.", [("killed", 14, 14, "exact")]),
        ("A village elder was reportedly assassinated near Goma.", [("killed", 1, 1, "exact")]),
        ("Soldiers killed \"several\" fighters.", [("killed", 3, 9, "vague")]),
        ("Raiders killed a ranger and 6 villagers near Bor.", [("killed", 7, 7, "exact")]),
        ("The mine killed an army major and three soldiers.", [("killed", 4, 4, "exact")]),
        ("A pilot and a medic were killed in the crash.", [("killed", 2, 2, "exact")]),
        ("The feud led to the killing of four herders.", [("killed", 4, 4, "exact")]),
        ("Body of fisherman found dead near Mopti.", [("killed", 1, 1, "exact")]),
        ("A mine exploded under a truck, killing its driver.", [("killed", 1, 1, "exact")]),
        ("A guard was accidently killed by a stray bullet.", [("killed", 1, 1, "exact")]),
        ("A 42-year-old woman was fatally shot.", [("killed", 1, 1, "exact")]),
        # headlines
        ("Teen Shot To Death In Pacoima", [("killed", 1, 1, "exact")]),
        ("Report: Woman dies after crash on Route 9", [("killed", 1, 1, "exact")]),
        ("North Dale child, 7, killed in accidental shooting", [("killed", 1, 1, "exact")]),
        ("16-year-old fatally shot on Elm Street identified", [("killed", 1, 1, "exact")]),
        ("The boy accidentally shot himself in the hand.", [("shot", 1, 1, "exact")]),
        ("Sheriff's office identifies teen killed in Elmwood crash", [("killed", 1, 1, "exact")]),
        ("Armed suspect dies after standoff at Elm Street motel", [("killed", 1, 1, "exact")]),
        ("Oakdale youth, Sam Reyes, dies in hunting accident", [("killed", 1, 1, "exact")]),
        ("Thinking rifle was empty, he pulls trigger and kills friend",
         [("killed", 1, 1, "exact")]),
        ("3rd victim of Elm Park shooting dies in hospital", [("killed", 3, 3, "exact")]),
        ("Man killed his wife, police said.", [("killed", 1, 1, "exact")]),
        ("A guard fatally shot Sam Reyes and Lee Park after the robbery.",
         [("killed", 1, 1, "exact"), ("killed", 1, 1, "exact")]),
        ("A woman in her 60s and a teenage boy died on Monday.", [("killed", 2, 2, "exact")]),
        ("A third person has died after the shooting.", [("killed", 3, 3, "exact")]),
        ("A second officer was injured in the exchange.", [("injured", 1, 1, "exact")]),
        ("The victim was transported to Elmwood General Hospital.", [("shot", 1, 1, "exact")]),
        ("One passenger had a gunshot wound.", [("shot", 1, 1, "exact")]),
        ("An 11-year-old girl was grazed by a stray bullet.", [("shot", 1, 1, "exact")]),
        ("An 18-year-old was hit in his side.", [("shot", 1, 1, "exact")]),
        ("A female victim is expected to recover.", [("injured", 1, 1, "exact")]),
        ("Police investigate the wounding of a teenager.", [("injured", 1, 1, "exact")]),
        ("2 Dead, 3 Wounded In Elm Park Shooting",
         [("killed", 2, 2, "exact"), ("injured", 3, 3, "exact")]),
        ("The intruder shot four people in the house.", [("shot", 4, 4, "exact")]),
        ("Elmwood man accidentally shoots wife in shoulder", [("shot", 1, 1, "exact")]),
        ("He accidentally shot his wife in the shoulder.", [("shot", 1, 1, "exact")]),
        ("The blast killed one, injuring his two children and four others.",
         [("killed", 1, 1, "exact"), ("injured", 6, 6, "exact")]),
        ("Suspect in 4 Elmwood shooting deaths appears in court", [("killed", 4, 4, "exact")]),
        ("A boy was shot in the chest and later died.", [("killed", 1, 1, "exact")]),
        ("The man who was shot on November 18 has died.", [("killed", 1, 1, "exact")]),
        ("A girl who had been hospitalized since the shooting at her home has died.",
         [("killed", 1, 1, "exact")]),
        ("A man was shot and his brother later died.", [("shot", 1, 1, "exact")]),
        ("Elmwood 7-year-old Shooting Victim Passes Away", [("killed", 1, 1, "exact")]),
        ("5 people shot to death within 4 hours in Elmwood. Five people were killed.",
         [("killed", 5, 5, "exact"), ("killed", 5, 5, "exact")]),
        # "one of N": the group's figure when the outcome is the group's
        ("One of three people is dead after the crash.", [("killed", 1, 1, "exact")]),
        ("Police named him as one of six villagers killed in the raid.",
         [("killed", 6, 6, "exact")]),
        ("One of two men who were shot to death was a student.", [("killed", 2, 2, "exact")]),
        # two people named together, a pronouncement of death
        ("A farmer and his 9-month-old son were found dead in a car.",
         [("killed", 2, 2, "exact")]),
        ("Deputies found a mother and daughter dead in the house.", [("killed", 2, 2, "exact")]),
        ("Doctors pronounced Walker, 19, dead at the hospital.", [("killed", 1, 1, "exact")]),
        ("The coroner pronounced 19-year-old Lee Park of Elmwood dead at 3 a.m.",
         [("killed", 1, 1, "exact")]),
        # deaths stated with no number: a vague claim without bounds
        ("An unknown number of soldiers died in the attack.", [("killed", None, None, "vague")]),
        ("The raid caused heavy casualties.", [("killed", None, None, "vague")]),
        ("An unknown number of soldiers were wounded.", [("injured", None, None, "vague")]),
    ],
)
def test_claims_sentence_table(sentence, expected):
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 20 people were inside the bar at 10:30 p.m.",
        "The 35-year-old man lived in the 1200 block of Main Street.",
        "The regime fell in 2024 after 50 years in power.",
        "The council approved a budget of $1.2 million.",
        "Alawite residents had relatives and neighbours killed.",
        "Nearly 40 of the wounded were in critical condition.",
        "One of three is dead.",
        "No one else was hurt.",
        "The driver of the other vehicle in the crash was not injured.",
        "Two men were not hurt in the crash.",
        "Two men who shot at the officers fled in a car.",
        "An officer fired one shot and two shots were fired in reply.",
        "The gang plotted to kill 3 witnesses.",
        "They threatened to kill 10 hostages.",
        "The repairs took 3 days.",
        "Deputies said the K-9 was killed by the suspect.",
        "A neighbour called 911 for the wounded.",
        "It was the county's 15 death this year.",
        "He was shot and wounded. He was charged with two counts of assault.",
    ],
)
def test_claims_not_a_casualty_figure(sentence):
    assert [f for f in READER.read(sentence) if f.amount.best] == []


def _claims(extractor, text, published=date(2025, 3, 9)):
    record = extractor.extract(InputDocument(id="t", text=text, published=published))
    assert record.error is None, record.error
    return record


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Two people were killed, police said.", "police"),
        ("According to the Red Crescent, 14 people were killed.", "Red Crescent"),
        ("War monitor the Syrian Observatory for Human Rights reported that 40 people had "
         "been killed.", "Syrian Observatory for Human Rights"),
        ("The health ministry said 120 people were wounded.", "health ministry"),
        ("Hundreds of people have been killed in clashes.", None),
    ],
)
def test_claims_source_is_who_said_it(lexical_extractor, text, source):
    record = _claims(lexical_extractor, "Report\n\n" + text)
    assert [c.source for c in record.claims] == [source]


def test_claims_unverified_and_as_of(lexical_extractor):
    record = _claims(lexical_extractor, (
        "Report\n\nA war monitor, the Example Observatory, said that more than 1,000 people had "
        "been killed as of Sunday, the majority of them civilians. The newspaper was unable to "
        "independently verify the figures."))
    (claim,) = record.claims
    assert claim.verified == "unverified"
    assert claim.as_of == date(2025, 3, 9)
    assert claim.victim_type == "mixed"
    assert record.text[claim.start:claim.end] == claim.text


def test_claims_shot_minus_killed_is_injured(lexical_extractor):
    record = _claims(lexical_extractor, "Shooting\n\nThree people were shot, one fatally.")
    figures = {c.outcome: c.best for c in record.claims}
    assert figures == {"killed": 1, "injured": 2}
    assert any(c.derived == "shot minus killed" for c in record.claims)


def test_claims_headline_repeat_is_one_claim(lexical_extractor):
    record = _claims(lexical_extractor,
                     "Hundreds killed in clashes\n\nHundreds of people have been killed.")
    assert len(record.claims) == 1
    assert record.claims[0].start > len("Hundreds killed in clashes")


@pytest.mark.parametrize("sentence", ["No other casualties were reported.",
                                      "The explosion caused no casualties.",
                                      "There were no casualties."])
def test_claims_negated_casualties_are_no_vague_claim(sentence):
    assert [f for f in READER.read(sentence) if f.amount.qualifier == "vague"] == []


def test_claims_a_headline_given_apart_is_read_first(lexical_extractor):
    record = lexical_extractor.extract(InputDocument(
        id="h", title="Two killed, three hurt in Elm Street shooting",
        text="Sign in to comment.", published=date(2024, 5, 2)))
    assert record.text.startswith("Two killed, three hurt in Elm Street shooting")
    assert [(c.outcome, c.best, c.source) for c in record.claims] == [
        ("killed", 2, None), ("injured", 3, None)]
    assert all(record.text[c.start:c.end] == c.text for c in record.claims)


def test_claims_a_headline_restated_in_the_body_is_one_claim(lexical_extractor):
    record = lexical_extractor.extract(InputDocument(
        id="r", title="Two killed in Elm Street shooting",
        text="Two people were killed in a shooting on Elm Street on Tuesday, police said.",
        published=date(2024, 5, 2)))
    assert [(c.outcome, c.best) for c in record.claims] == [("killed", 2)]
    opening = "Body first. Two people were killed."
    same = lexical_extractor.extract(InputDocument(id="s", title="Body first.", text=opening))
    assert same.text == opening


def test_claims_a_fatal_shooting_implies_a_death_only_when_none_is_stated(lexical_extractor):
    implied = lexical_extractor.extract(InputDocument(
        id="i", text="Police investigate deadly shooting in Elm Park. Detectives asked for tips.",
        published=date(2024, 5, 2)))
    assert [(c.outcome, c.low, c.best, c.high, c.derived) for c in implied.claims] == [
        ("killed", 1, 1, None, "implied")]
    stated = lexical_extractor.extract(InputDocument(
        id="s", text="Three people were killed in a fatal shooting in Elm Park on Monday.",
        published=date(2024, 5, 2)))
    assert [(c.best, c.derived) for c in stated.claims if c.outcome == "killed"] == [(3, None)]


@pytest.mark.parametrize(("text", "killed"), [
    ("A 70-year-old man killed himself at his home on Elm Street, police said.", 1),
    ("Update: Suspect fatally shot himself after a chase, witnesses say.", 1),
    ("A man shot himself in the leg while cleaning his rifle, police said.", None),
    ("A man shot his wife and then killed himself, police said. She died at the scene.", 1),
])
def test_claims_a_lone_self_inflicted_death_is_the_toll(extractor, text, killed):
    """Someone who took their own life with nobody else killed is the event's casualty; a
    killer who then killed himself beside a victim described one by one is not added (the
    one described may be him), and a wound to oneself is no death."""
    record = _extract(extractor, text)
    assert record.events[0].fatalities.best == killed


def test_claims_one_of_two_shot_who_dies_is_one_killed_one_injured(extractor):
    record = extractor.extract(InputDocument(
        id="d", text="One of two men shot late Monday in Elm Park dies",
        published=date(2024, 5, 2)))
    event = record.events[0]
    assert (event.fatalities.best, event.injured.best) == (1, 1)


def test_claims_in_a_sentence_recalling_an_old_year_stay_out_of_the_toll(extractor):
    """"the worst since an airliner crashed in 1982, killing 78": a claim, not this event's."""
    record = extractor.extract(InputDocument(
        id="r", published=date(2016, 5, 1),
        text="Thirteen people are dead after a shooting on Monday. It was the worst loss of "
             "life in the city since an airliner crashed into the river in 1982, killing 78."))
    assert sorted(c.best for c in record.claims if c.outcome == "killed") == [13, 78]
    assert record.events[0].fatalities.best == 13


def test_claims_a_zero_for_a_subgroup_leaves_the_wounded(extractor):
    """"Nobody was hurt in the crash, but one passenger had a gunshot wound": one injured."""
    record = extractor.extract(InputDocument(
        id="z", published=date(2024, 5, 2),
        text="The car crashed after the shooting. Nobody was seriously injured in the crash, "
             "but one passenger in the car had a gunshot wound, police said."))
    assert record.events[0].injured.best == 1


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Sam Reyes, 19, died at the scene. A 16-year-old was taken to a hospital.", 1, 1),
    ("Antonio Mason, 35, was shot Sunday. Mason died at the hospital.", 1, None),
    ("A man, 35, was shot Sunday. John Reyes died at the hospital.", 1, None),
    ("Dana Lee Ortiz, 16, died on Sunday. Dana had been shot by a friend. Ortiz was shot "
     "in the chest.", 1, None),
    ("Cole Avery, 30, died on Sunday. Mia Park was shot in the arm and is recovering.", 1, 1),
])
def test_claims_a_person_shot_is_wounded_unless_they_may_be_the_dead(extractor, text, killed,
                                                                    injured):
    """Someone shot whose age or name sets them apart from every dead person is wounded;
    when nothing tells them apart, they may be the one who died."""
    event = extractor.extract(InputDocument(id="p", text=text,
                                            published=date(2024, 5, 2))).events[0]
    assert (event.fatalities.best, event.injured.best) == (killed, injured)


@pytest.mark.parametrize(("text", "killed"), [
    ("A man shot and killed four people at a house on Elm Street on Saturday before turning "
     "the gun on himself, police said.", 5),
    ("Police said a gunman killed two neighbours and then killed himself on Monday.", 3),
    ("Five people, including the gunman, were killed in a shooting at a farm on Monday.", 5),
    ("Three people are dead in an apparent murder-suicide at a home on Elm Street, police "
     "said. The gunman killed himself after the shooting.", 3),
    ("Four people were found shot to death in a murder-suicide in Elm Park, police said.", 4),
    ("A 6-year-old boy accidentally shot and killed himself with his father's gun, police "
     "said.", 1),
    ("Police said a man fatally shot a 4-year-old girl at a home on Elm Street before "
     "turning the gun on himself.", 2),
    ("Police said Sam Reyes killed his girlfriend and her daughter at the home on Elm Street, "
     "then turned the gun on himself.", 3),
    ("Ana Ruiz, 38, was found dead at the home on Elm Street. Sam Ruiz, 40, was also found "
     "dead in what police called a murder-suicide.", 2),
    ("Police found two children dead at the home on Elm Street in an apparent "
     "murder-suicide.", 3),
    ("Two children, ages 3 and 5, and their mother have been found dead in an apparent "
     "murder-suicide, police said.", 3),
    ("Deputies are investigating a murder-suicide at a home on Elm Street, the sheriff "
     "said.", 2),
])
def test_claims_a_killers_own_death_is_a_death_of_the_event(extractor, text, killed):
    """A figure of someone's victims plus the killer's told death; a figure of every death,
    or an accident, is left as it is. Victims described one by one, or a figure of children
    alone, get the killer's suicide added only when none of them can be the killer (a child,
    "his girlfriend"; not an adult by age or noun, not "children and their mother"). A
    murder-suicide is two deaths at least."""
    record = _extract(extractor, text)
    assert record.events[0].fatalities.best == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("Police said he fatally shot his wife and their two children at the house on Monday.", 3),
    ("Police say he shot and killed his girlfriend and her mother on Elm Street.", 2),
    ("A man was charged in the slayings of four people at a home in Elm Park.", 4),
])
def test_claims_relatives_listed_after_a_killing_verb_add_up(extractor, text, killed):
    record = _extract(extractor, text)
    assert (record.events[0].fatalities.best if record.events else tally_claims(
        record.claims, "killed")) == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("Police arrested a man in the murder of a Lexington teenager. Robert Durrum, 15, died "
     "at the hospital.", 1),
    ("Clayton Singleton, 8, of Columbia died at the scene. Singleton was shot in the head.", 1),
])
def test_claims_a_place_is_no_second_victim(extractor, text, killed):
    """"the murder of a Lexington teenager", "... of Columbia died": a place before a noun or
    before the verb names nobody, so the named victim is not counted twice."""
    record = _extract(extractor, text)
    assert tally_claims(record.claims, "killed") == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("Barnett was shot in the chest and was pronounced dead at the scene, police said.", 1),
    ("A three-year-old died early Monday morning after he found a gun, police say.", 1),
    ("Police said the 14-year-old turned the gun on herself and died at the scene from a "
     "self-inflicted gunshot wound. Nobody else was hurt.", 1),
])
def test_claims_more_ways_to_tell_one_death(extractor, text, killed):
    record = _extract(extractor, text)
    assert record.events[0].fatalities.best == killed


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Deputies shot and killed the suspect after he opened fire on them, police said. Two "
     "customers were hurt.", 1, 2),
    ("A gunman wounded four people at a plant on Monday before he killed himself.", 1, 4),
])
def test_claims_a_perpetrator_who_is_the_only_death_is_the_toll(extractor, text, killed,
                                                                injured):
    record = _extract(extractor, text)
    fatalities = [e.fatalities.best for e in record.events if e.fatalities.best]
    assert fatalities == [killed]
    assert record.claims[[c.outcome for c in record.claims].index("killed")].individual == \
        "perpetrator"
    assert tally_claims(record.claims, "injured") == injured


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Two of the victims were killed.", 2),
    ("Nearly 40 of the wounded were in critical condition.", None),
    ("Two 16-year-old boys were fatally shot Tuesday afternoon.", 2),
    ("The double shooting that left a man and woman dead was an accident.", 2),
    ("Genesis Tyler and Rita Langworthy were shot dead around 2:30 a.m.", 2),
    ("The two teens were gunned down in the park on March 13.", 2),
])
def test_claims_subsets_ages_and_pairs_of_the_dead(sentence, killed):
    found = [f.amount.best for f in CasualtyReader().read(sentence) if f.outcome == "killed"]
    assert (found[0] if found else None) == killed


def test_claims_a_place_read_as_a_name_is_no_second_victim(extractor):
    record = extractor.extract(InputDocument(
        id="w", text="In Charleston, West Virginia, 15-year-old James Means, was shot and killed "
        "on Monday. James Means, 15, was shot and killed outside his home.",
        published=date(2024, 5, 2)))
    assert tally_claims(record.claims, "killed") == 1
    assert not any("west virginia" in (c.individual or "") for c in record.claims)


@pytest.mark.parametrize("sentence", [
    "Police are investigating another killing on the West Side.",
    "WAVE 3 News the man died at the hospital.",
])
def test_claims_another_incident_or_a_station_is_no_count(sentence):
    assert [f.amount.best for f in CasualtyReader().read(sentence)
            if f.outcome == "killed" and f.amount.best and f.amount.best > 1] == []
    assert not any(f.singular_key and f.singular_key.startswith("another")
                   for f in CasualtyReader().read(sentence))


@pytest.mark.parametrize(("sentence", "outcome"), [
    ("CBS 58 - Milwaukee Police Identify 16-Year-Old Fatally Shot", "killed"),
    ("The shooting claimed the life of 47-year-old Michael Matthews.", "killed"),
    ("Accidental shooting takes life of Quapaw man", "killed"),
    ("The child has passed away, police said.", "killed"),
])
def test_claims_lives_claimed_and_passed_away(sentence, outcome):
    assert [f.outcome for f in CasualtyReader().read(sentence)][:1] == [outcome]


def test_claims_a_wounded_victim_listed_after_a_dead_one_is_not_added():
    found = CasualtyReader().read(
        "The shooting claimed the life of a 20-year-old woman and injured a one-year-old baby.")
    assert [(f.outcome, f.amount.best) for f in found if f.outcome == "killed"] == [("killed", 1)]


@pytest.mark.parametrize(("headline", "killed"), [
    ("6-year-old Atlanta girl shot in the head, killed", 1),
    ("Shooting leaves young woman dead on Antelope street", 1),
    ("Teen shot in southeast Wichita has died, police say", 1),
    ("Father, daughter found dead in Fort Worth home", 2),
    ("Man wounded in 'accidental' shooting dies", 1),
    ("Teen gunshot death appears accidental", 1),
    ("Man shot in leg, hospitalized", None),
    ("Boy, 9, handling a rifle shot and killed at ranch", 1),
    ("4-year-old playing with pistol shot and killed", 1),
    ("Woman was robbed, shot to death outside store", 1),
])
def test_claims_headline_grammar_of_deaths(extractor, headline, killed):
    """A headline over a page whose body is furniture still tells its toll."""
    record = extractor.extract(InputDocument(
        id="h", title=headline, text="Close. Get email notifications daily! Sign up now.",
        published=date(2024, 5, 2)))
    assert record.events[0].fatalities.best == killed


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Man turns himself in after 2-year-old killed in accidental shooting", 1),
    ("Services set for Malin boy who died of gunshot wound", 1),
    ("Possible accidental shooting in Auburn led to man's death", 1),
    ("Neighborhood in fear after girl, 15, is killed by masked gunmen", 1),
    ("Neighborhood in fear after girl, 15, is shot by masked gunmen", None),
])
def test_claims_a_death_told_in_a_clause(sentence, killed):
    found = [f.amount.best for f in CasualtyReader().read(sentence) if f.outcome == "killed"]
    assert (found[0] if found else None) == killed


@pytest.mark.parametrize("sentence", [
    "Lodi 8th-grader dies in accidental shooting",
    "Police searching for man wanted in death of young juvenile",
    "Family of slain 7-year-old boy talk about shooting",
    "Update: Sarasota death ruled homicide by gunshot wound",
    "Police: Teen found shot to death in Bordeaux",
    "Victim of Friday night shooting died Monday evening",
    "Man charged in girl's accidental shooting death bonds out of jail",
])
def test_claims_one_death_in_headline_words(sentence):
    assert [(f.outcome, f.amount.best) for f in CasualtyReader().read(sentence)][:1] == [
        ("killed", 1)]


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Security Supervisor Joe Zangaro and Court Officer Ron Kienzle were shot and killed.", 2),
    ("He is accused of fatally shooting three people and wounding another.", 3),
    ("Police Officer JD DeGuzman was shot and killed as he conducted a stop.", 1),
    ("Deputies are investigating an attempted murder-suicide involving two students.", None),
])
def test_claims_ranks_initials_and_attempts(sentence, killed):
    found = [f.amount.best for f in CasualtyReader().read(sentence) if f.outcome == "killed"]
    assert (found[0] if found else None) == killed


def test_claims_counts_of_murder_imply_deaths_only_as_a_fallback(lexical_extractor):
    alone = lexical_extractor.extract(InputDocument(
        id="c", text="Brown faces two counts of murder and two counts of aggravated assault.",
        published=date(2024, 5, 2)))
    assert [(c.best, c.derived) for c in alone.claims if c.outcome == "killed"] == [
        (2, "implied")]
    stated = lexical_extractor.extract(InputDocument(
        id="s", text="A man was shot and killed on Elm Street. Brown faces four counts of murder "
        "in the killing.", published=date(2024, 5, 2)))
    assert [c.derived for c in stated.claims if c.outcome == "killed"] == [None]
    attempted = lexical_extractor.extract(InputDocument(
        id="a", text="He faces two counts of attempted murder.", published=date(2024, 5, 2)))
    assert not [c for c in attempted.claims if c.outcome == "killed"]


def test_claims_two_named_people_who_died():
    found = CasualtyReader().read("Both Stover and Gilliam died from their wounds.")
    assert [(f.outcome, f.amount.best) for f in found] == [("killed", 2)]


def test_claims_a_date_and_time_is_no_count():
    assert not [f for f in CasualtyReader().read("Updated Jan. 12 18:11 One person is dead.")
                if f.amount.best == 12]


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Two children, ages 3 and 5, and their mother have been found dead.", 3),
    ("Two boys, ages 7 and 10, and their parents were found shot dead.", 4),
    ("Three soldiers, including a colonel, and two civilians were killed.", 5),
])
def test_claims_relatives_and_groups_joined_to_a_count(sentence, killed):
    assert [f.amount.best for f in CasualtyReader().read(sentence) if f.outcome == "killed"][
        :1] == [killed]


def test_claims_a_described_victim_is_no_name():
    found = CasualtyReader().read("He was indicted in the shooting death of his young friend.")
    assert [(f.outcome, f.singular_key) for f in found] == [("killed", "definite")]


@pytest.mark.parametrize(("headline", "killed"), [
    ("Police: Neighbor kills woman, her son, himself in Las Vegas", 3),
    ("Texas police: Father kills wife, son, daughter, then himself", 4),
    ("Man kills girlfriend and wounds her son", 1),
    ("Gunman kills 3 bandmates, self after being dropped from the group", 4),
    ("Police: Ex-firefighter killed 6-year-old boy, wife, himself", 3),
    ("Dad fatally shot twin daughters, himself, police say", 3),
])
def test_claims_a_headline_list_of_the_dead_is_the_toll(extractor, headline, killed):
    record = extractor.extract(InputDocument(id="l", text=headline, published=date(2024, 5, 2)))
    assert record.events[0].fatalities.best == killed


@pytest.mark.parametrize("sentence", [
    "Police said the man killed his family, then himself.",  # how many: not told
    "Police said he shot his wife, then himself.",  # shot, not killed
])
def test_claims_a_list_of_the_dead_without_its_count_is_not_read(sentence):
    assert not [f for f in CasualtyReader().people.read_dead_list(sentence)]


@pytest.mark.parametrize(("sentence", "found"), [
    ("He is not the person who shot four people to death in a Holly Hill home.", ("killed", 4)),
    ("Police talked about the four people killed at the home.", ("killed", 4)),
    ("The gunman pleaded not guilty Monday to murdering three people.", ("killed", 3)),
    ("He plotted to kill two officers.", None),
    ("Two men shot at the officers.", None),
])
def test_claims_to_death_killed_at_and_pleading_to(sentence, found):
    read = [(f.outcome, f.amount.best) for f in CasualtyReader().read(sentence)]
    assert (read[0] if read else None) == found


def test_claims_911_is_the_emergency_line_only_beside_a_call():
    assert [f.amount.best for f in CasualtyReader().read(
        "911 people were killed in Homs on Monday, police said.")] == [911]


@pytest.mark.parametrize(("sentence", "key"), [
    ("The pistol went off and she was hit in the stomach, deputies said.", "definite"),
    ("Officers said a 15-year-old boy had been hit twice in the leg.", "age:15"),
    ("The rifle discharged and shot him in the thigh, the chief said.", "definite"),
    ("A round went through the door and struck the woman in the arm.", "definite"),
    ("Police said the boy shot himself in the hand while cleaning a pistol.", "definite"),
    ("Elmwood man shoots self in foot at gun range", "definite"),
    ("Shooting at a gas station sends one man to the hospital", None),
    ("Police search for gunman after teen hit by gunfire on Oak Street", "definite"),
    ("7-year-old girl hit by stray bullet outside her home", "definite"),
    ("15-year-old's gunshot wound in arm was accidental, police say", "definite"),
])
def test_claims_a_gunshot_wound_told_without_a_victim_noun(sentence, key):
    """Wounds told by a pronoun, an object, oneself or a headline clause are one person shot
    (``shot``: settled later as shot minus killed)."""
    found = [(f.outcome, f.amount.best, f.singular_key) for f in READER.read(sentence)]
    assert ("shot", 1, key) in found
    assert not [f for f in found if f[0] == "killed"]


@pytest.mark.parametrize("sentence", [
    "He shot himself in the head after the standoff, police said.",
    "Two men in a car shot through the window of the store.",
    "A man was struck by a car on Elm Street and taken to the hospital.",
    "The teen was shot in the chest and later died at the hospital.",
])
def test_claims_not_a_wound_survived(sentence):
    assert not [f for f in READER.read(sentence) if f.outcome == "shot"]


@pytest.mark.parametrize(("sentence", "best"), [
    ("A man and a woman were shot on Elm Street on Sunday night.", 2),
    ("Two men are in the hospital after a shooting at a bar.", 2),
    ("Mia Park suffered a gunshot wound to her hand during the fight.", 1),
    ("Howard was shot in the face and has since had two surgeries.", 1),
    ("Elmwood 4-year-old in critical condition from gunshot", 1),
    ("Teen suffers gunshot wound", 1),
])
def test_claims_people_shot_named_paired_or_in_hospital(sentence, best):
    assert [(f.outcome, f.amount.best) for f in READER.read(sentence)][:1] == [("shot", best)]


def test_claims_a_headline_injured_figure_is_no_repeat_of_people_shot(lexical_extractor):
    """"2 dead, 2 injured" over "two women were shot": the injured figure stays (the shot
    figure counts the dead too), and the shot figure gives way to it."""
    record = _claims(lexical_extractor, "2 dead, 2 injured in Elmwood shooting\n\nTwo men were "
                     "shot dead. Two women were shot on Elm Street, police said.")
    assert sorted((c.outcome, c.best) for c in record.claims) == [("injured", 2), ("killed", 2)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A young boy was killed and his father was injured on Sunday.",
     [("killed", 1), ("injured", 1)]),
    ("Another man in the house was wounded, police said.", [("injured", 1)]),
])
def test_claims_a_relative_or_someone_placed_who_was_hurt(sentence, expected):
    assert [(f.outcome, f.amount.best) for f in READER.read(sentence)] == expected


@pytest.mark.parametrize(("text", "injured"), [
    ("Shots rang out on Elm Street. Both victims were taken to the hospital.", 2),
    ("Two men were shot on Elm Street. Both were taken to the hospital, where one died.", 1),
    ("A man and his son were hurt when the rifle fired. Both were treated and released.", 2),
])
def test_claims_both_people_hurt(extractor, text, injured):
    """"Both were taken to the hospital": two people hurt, the dead among them."""
    record = _extract(extractor, text)
    assert tally_claims(record.claims, "injured") == injured
