"""Reconciling claims into low / best / high, and the toll's evolution."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.models import Event
from conflictwatch.reconcile import ReportView, assemble_incident, reconcile_figures


def claim(report: str, low, best, high, *, outcome="killed", published=date(2024, 1, 1),
          as_of=None, verified=None, source=None, event=0, start=0, qualifier="exact",
          in_caption=False, individual=None):
    from conflictwatch.models import IncidentClaim
    return IncidentClaim(report_id=report, published=published, outcome=outcome, low=low,
                         best=best, high=high, qualifier=qualifier, victims="people",
                         start=start, end=start + 1, as_of=as_of, verified=verified,
                         source=source, event=event, in_caption=in_caption,
                         individual=individual)


@pytest.mark.parametrize("claims, expected", [
    ([], (None, None, None)),
    ([claim("a", 3, 3, 3)], (3, 3, 3)),
    # the toll rose: one report each, the higher figure is best, the early one is the low
    ([claim("a", 2, 2, 2), claim("b", 5, 5, 5, published=date(2024, 1, 3))], (2, 5, 5)),
    # the figure most reports give wins over one report's outlier, earlier or later
    ([claim("a", 3, 3, 3), claim("b", 3, 3, 3), claim("c", 30, 30, 30,
                                                      published=date(2024, 1, 9))], (3, 3, 30)),
    # disputed figures are not credible while others exist
    ([claim("a", 4, 4, 4), claim("b", 40, 40, 40, verified="disputed")], (4, 4, 4)),
    # open-ended "more than 10": low 11, no high
    ([claim("a", 11, 11, None), claim("b", 12, 12, 12)], (11, 12, 12)),
    # a report's figure is the first it states (the lead), not a later statistic
    ([claim("a", 57, 57, 57, start=400), claim("a", 1, 1, 1, start=20)], (1, 1, 57)),
    # ... outside photo captions, and exact before vague
    ([claim("a", 4, 4, 4, start=5, in_caption=True), claim("a", 2, 2, 2, start=90)], (2, 2, 4)),
    ([claim("a", 2, None, None, start=5, qualifier="vague"), claim("a", 3, 3, 3, start=90)],
     (2, 3, 3)),
    # a perpetrator's own death is evidence, not part of the toll
    ([claim("a", 1, 1, 1, individual="perpetrator"), claim("a", 2, 2, 2, start=50)], (2, 2, 2)),
    ([claim("a", 1, 1, 1, individual="perpetrator")], (None, None, None)),
    # two reports of the wounded alone outvote one death read into the shooting
    ([claim("a", 1, 1, 1), claim("b", 4, 4, 4, outcome="injured"),
      claim("c", 4, 4, 4, outcome="injured")], (0, 0, 1)),
    # ... but not one: a tie goes to the death (the toll rose)
    ([claim("a", 1, 1, 1), claim("b", 4, 4, 4, outcome="injured")], (1, 1, 1)),
    # a report giving both the wounded and a death votes for its death
    ([claim("a", 1, 1, 1), claim("a", 4, 4, 4, outcome="injured"),
      claim("b", 4, 4, 4, outcome="injured")], (1, 1, 1)),
])
def test_reconcile_figures_rule(claims, expected):
    figures = reconcile_figures(claims, "killed")
    assert (figures.low, figures.best, figures.high) == expected


def test_reconcile_figures_a_report_of_a_death_alone_does_not_vote_for_no_wounded():
    claims = [claim("a", 2, 2, 2, outcome="injured"), claim("b", 1, 1, 1),
              claim("c", 1, 1, 1)]
    figures = reconcile_figures(claims, "injured")
    assert (figures.low, figures.best, figures.high) == (2, 2, 2)


@pytest.mark.parametrize("claims, event_figures, expected", [
    # a report telling of the killer's own death gives its event's figure, which counts it
    ([claim("a", 1, 1, 1, individual="perpetrator"), claim("a", 2, 2, 2, start=50)],
     {"a": 3}, (2, 3, 3)),
    ([claim("a", 1, 1, 1, individual="perpetrator")], {"a": 1}, (1, 1, 1)),
    # ... and votes like any report's figure: two reports of 49 outvote one of 50
    ([claim("a", 1, 1, 1, individual="perpetrator"), claim("a", 49, 49, 49, start=50),
      claim("b", 49, 49, 49), claim("c", 49, 49, 49)], {"a": 50, "b": 49, "c": 49},
     (49, 49, 50)),
    # reports without such a death keep their first stated figure, whatever the event's
    ([claim("a", 2, 2, 2)], {"a": 5}, (2, 2, 2)),
    # no event figure: the perpetrator's death stays out, as before
    ([claim("a", 1, 1, 1, individual="perpetrator"), claim("a", 2, 2, 2, start=50)],
     {"a": None}, (2, 2, 2)),
])
def test_reconcile_figures_event_figure_of_a_report_with_a_perpetrators_death(
        claims, event_figures, expected):
    figures = reconcile_figures(claims, "killed", event_figures)
    assert (figures.low, figures.best, figures.high) == expected


def test_reconcile_incident_keeps_every_claim_and_orders_the_evolution():
    from conflictwatch.models import Claim as C

    def c(best, outcome="killed", event=0):
        return C(outcome=outcome, low=best, best=best, high=best, qualifier="exact",
                 victims="people", start=0, end=1, event=event)

    event = Event(event_type="battles", date_start=date(2024, 1, 1))
    reports = [
        ReportView("late", date(2024, 1, 5), event, [c(6), c(10, "injured")]),
        ReportView("early", date(2024, 1, 2), event, [c(4), c(99, event=None)]),
    ]
    reports[1].event = event.model_copy(update={"claims": []})
    incident = assemble_incident("inc-1", reports)
    assert incident.report_ids == ["late", "early"]
    assert (incident.fatalities.low, incident.fatalities.best) == (4, 6)
    assert incident.fatalities.high == 99
    assert incident.injured.best == 10
    assert [p.report_id for p in incident.evolution] == ["early", "early", "late", "late"]
    assert {c.report_id for c in incident.claims} == {"late", "early"}


def test_reconcile_claim_about_another_event_is_left_out():
    from conflictwatch.models import Claim as C
    main = C(outcome="killed", low=2, best=2, high=2, qualifier="exact", victims="men",
             start=0, end=1, event=0)
    other = C(outcome="killed", low=300, best=300, high=300, qualifier="exact",
              victims="people", start=0, end=1, event=1)
    events = Event(event_type="battles")
    incident = assemble_incident("i", [ReportView("r", None, events, [main, other])])
    assert incident.fatalities.high == 2 and len(incident.claims) == 1


def test_reconcile_uses_the_claims_of_the_event_the_report_is_linked_by():
    from conflictwatch.models import Claim as C
    killed = C(outcome="killed", low=3, best=3, high=3, qualifier="exact", victims="people",
               start=0, end=1, event=1)
    arrested = C(outcome="detained", low=2, best=2, high=2, qualifier="exact", victims="men",
                 start=0, end=1, event=0)
    shooting = Event(event_type="violence_against_civilians")
    view = ReportView("r", None, shooting, [killed, arrested], event_index=1)
    incident = assemble_incident("i", [view])
    assert incident.fatalities.best == 3
    assert [c.outcome for c in incident.claims] == ["killed"]


def test_reconcile_a_toll_the_linking_event_lacks_comes_from_the_reports_other_events():
    """One shooting told as two events ("an exchange of gunfire", "a girl was shot"): the
    wounded of the second are the report's; a toll the linking event has stays its own."""
    from conflictwatch.models import Claim as C
    killed = C(outcome="killed", low=1, best=1, high=1, qualifier="exact", victims="man",
               start=0, end=1, event=0)
    wounded = C(outcome="injured", low=1, best=1, high=1, qualifier="exact", victims="girl",
                start=5, end=6, event=1)
    elsewhere = C(outcome="killed", low=9, best=9, high=9, qualifier="exact", victims="people",
                  start=9, end=10, event=1)
    view = ReportView("r", None, Event(event_type="battles"), [killed, wounded, elsewhere])
    incident = assemble_incident("i", [view])
    assert (incident.fatalities.best, incident.injured.best) == (1, 1)
