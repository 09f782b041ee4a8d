"""ACLED's fatality-coding conventions (acled.py) and the suicide bomber's own death."""

from datetime import date

import pytest

from conflictwatch.acled import acled_fatalities
from conflictwatch.models import Claim, Figures, InputDocument


def _claim(text, low, best, high, qualifier):
    return Claim(outcome="killed", low=low, best=best, high=high, qualifier=qualifier,
                 victims="", victim_type="unknown", start=0, end=len(text), text=text)


@pytest.mark.parametrize(
    ("claims", "figures", "expected"),
    [
        ([_claim("Dozens were killed", 24, 24, 99, "vague")], Figures(low=24, best=24, high=99),
         12),
        ([_claim("hundreds died", 200, 200, 999, "vague")], Figures(low=200, best=200, high=999),
         100),
        ([_claim("several rebels killed", 3, 3, 9, "vague")], Figures(low=3, best=3, high=9), 10),
        ([_claim("an unknown number of soldiers died", None, None, None, "vague")], Figures(),
         10),
        ([_claim("a handful were killed", 2, 2, 5, "vague")], Figures(low=2, best=2, high=5), 2),
        ([_claim("killed 7", 7, 7, 7, "exact"), _claim("killed 9", 9, 9, 9, "exact")],
         Figures(low=7, best=9, high=9), 7),
        ([_claim("killed 7", 7, 7, 7, "exact"), _claim("heavy casualties", None, None, None,
                                                       "vague")],
         Figures(low=7, best=7, high=7), 7),
        ([], Figures(), 0),
    ],
)
def test_acled_fatalities_follow_acled_conventions(claims, figures, expected):
    assert acled_fatalities(figures, claims) == expected


def test_a_perpetrators_own_death_counts_in_fatalities(extractor):
    """Every death is the event's, as ACLED and the Gun Violence Archive count: the bomber,
    and a gunman who wounded two and killed himself (the only death). A wound to oneself is
    no death."""
    bomb = extractor.extract(InputDocument(
        id="b", published=date(2024, 5, 2),
        text="A suicide bomber blew herself up at a checkpoint in Konduga on Tuesday, killing "
             "herself and injuring two guards."))
    assert bomb.events and bomb.events[0].sub_event_type == "suicide_bomb"
    assert bomb.events[0].fatalities.best == 1
    shooting = extractor.extract(InputDocument(
        id="s", published=date(2024, 5, 2),
        text="A gunman opened fire in a bar in Dayton on Tuesday, wounding two men before "
             "killing himself."))
    assert shooting.events and shooting.events[0].fatalities.best == 1
    assert shooting.events[0].injured.best == 2
    wound = extractor.extract(InputDocument(
        id="w", published=date(2024, 5, 2),
        text="A gunman opened fire in a bar in Dayton on Tuesday, wounding two men before "
             "shooting himself in the leg."))
    assert wound.events and wound.events[0].fatalities.best is None


def test_a_protest_opening_gives_way_to_the_attack_that_killed(extractor):
    record = extractor.extract(InputDocument(
        id="p", published=date(2024, 5, 2),
        text="Residents marched peacefully in Tamale on Monday to demand clean water. Gunmen "
             "later attacked a bus near Yendi, killing four passengers."))
    assert record.events[0].event_type != "protests"
    assert record.events[0].fatalities.best == 4
    assert any(e.event_type == "protests" for e in record.events[1:])
