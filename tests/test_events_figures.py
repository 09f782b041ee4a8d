"""The fatalities rule: low / best / high from an event's claims."""

from __future__ import annotations

import pytest

from conflictwatch.models import Claim
from conflictwatch.nlp.event_figures import ClaimRef, derive_figures


def claim(low, high, *, best=None, qualifier="exact", source=None, victims="people",
          victim_type="unknown", outcome="killed") -> Claim:
    return Claim(outcome=outcome, low=low, high=high, best=best if best is not None else low,
                 qualifier=qualifier, victims=victims, victim_type=victim_type, source=source,
                 start=0, end=1)


@pytest.mark.parametrize(("refs", "expected", "warns"), [
    ([ClaimRef(0, claim(5, 5), 0)], (5, 5, 5), False),
    # two sources, two sentences: the conservative low, the attributed best, with a warning
    ([ClaimRef(0, claim(200, 999, qualifier="vague"), 0),
      ClaimRef(1, claim(1001, None, qualifier="more_than", source="a war monitor"), 9)],
     (200, 1001, 1001), True),
    # two attributed accounts told once each: best is the one told first
    ([ClaimRef(0, claim(10, 10, source="police"), 0),
      ClaimRef(1, claim(12, 12, source="a hospital"), 9)], (10, 10, 12), False),
    ([ClaimRef(0, claim(12, 12, source="a hospital"), 0),
      ClaimRef(1, claim(10, 10, source="police"), 9)], (10, 12, 12), True),
    # the toll told twice beats a part told once, whatever the order
    ([ClaimRef(0, claim(2, 2), 0), ClaimRef(1, claim(4, 4), 5), ClaimRef(2, claim(4, 4), 9)],
     (2, 4, 4), True),
    # one sentence, different victims: they add up
    ([ClaimRef(0, claim(3, 3, victims="soldiers", victim_type="security_forces"), 0),
      ClaimRef(1, claim(2, 2, victims="civilians", victim_type="civilians"), 0)],
     (5, 5, 5), False),
    # a subset ("including two children") is not added
    ([ClaimRef(0, claim(5, 5), 0),
      ClaimRef(1, claim(2, 2, victims="children", victim_type="civilians"), 0, subset=True)],
     (5, 5, 5), False),
    # same source, different specific victims, two sentences: they add up
    ([ClaimRef(0, claim(2, 2, victims="soldiers", victim_type="security_forces"), 0),
      ClaimRef(1, claim(3, 3, victims="civilians", victim_type="civilians"), 9)],
     (5, 5, 5), False),
    # a stated total first, victims named one by one after it: the total stands
    ([ClaimRef(0, claim(3, 3), 0),
      ClaimRef(1, Claim(outcome="killed", low=1, high=1, best=1, qualifier="exact",
                        victims="John Doe, 25", victim_type="unknown", start=0, end=1,
                        individual="age:25|name:doe", source="police"), 9)],
     (3, 3, 3), False),
    # a victim named first, a larger figure later (the year's toll): the named victim stands
    ([ClaimRef(0, Claim(outcome="killed", low=1, high=1, best=1, qualifier="exact",
                        victims="John Doe, 25", victim_type="unknown", start=0, end=1,
                        individual="age:25|name:doe", source="police"), 0),
      ClaimRef(1, claim(45, 45), 9)],
     (1, 1, 45), False),
])
def test_events_figures_rule(refs, expected, warns):
    figures, warnings = derive_figures(refs, "killed")
    assert (figures.low, figures.best, figures.high) == expected
    assert bool(warnings) is warns


def test_events_figures_ignore_other_outcomes_and_captions():
    refs = [ClaimRef(0, claim(4, 4, outcome="injured"), 0),
            ClaimRef(1, claim(1, 1).model_copy(update={"in_caption": True}), 3)]
    figures, _ = derive_figures(refs, "killed")
    assert (figures.low, figures.best, figures.high) == (None, None, None)


def test_events_figures_best_never_above_low_without_warning():
    refs = [ClaimRef(0, claim(3, 3, qualifier="vague"), 0),
            ClaimRef(1, claim(7, 7, source="officials"), 5)]
    figures, warnings = derive_figures(refs, "killed")
    assert figures.best > figures.low
    assert "above the conservative figure 3" in warnings[0]


@pytest.mark.parametrize(("text", "spans", "expected"), [
    # listed together: added up
    ("three soldiers and two civilians were killed",
     [(0, 14, "soldiers", "security_forces", 3), (19, 32, "civilians", "civilians", 2)], 5),
    # the same person told twice in one sentence: not added
    ("a girl was killed and police said later that the teenage girl died in hospital",
     [(0, 6, "girl", "civilians", 1), (45, 62, "teenage girl", "civilians", 1)], 1),
])
def test_events_figures_only_listed_claims_add_up(text, spans, expected):
    refs = [ClaimRef(i, Claim(outcome="killed", low=n, high=n, best=n, qualifier="exact",
                              victims=victims, victim_type=kind, start=start, end=end), 0)
            for i, (start, end, victims, kind, n) in enumerate(spans)]
    figures, _ = derive_figures(refs, "killed", text)
    assert figures.best == expected
