"""Claims -> low / best / high per incident, with the evidence kept and the toll's evolution.

The rule, per outcome (``killed``, ``injured``), over the claims of every report of an incident
that concern the event the report is linked by (its main event, or the violent event an arrest
or trial report tells of; see ``link.linking_event``), or no event:

* a perpetrator's own death (``individual == "perpetrator"``: "shot himself", "murder-suicide")
  is kept as evidence but left out of the claims counted: on the gva dev set "shot himself" is
  as often a wound as a death, and leaving it out gave incident killed exact 0.817 -> 0.835.
  A report that tells of one gives instead its event's figure (``Event.fatalities.best``),
  which counts the killer's death once and only when the report reads it as one (gva killed
  exact with gold grouping 0.855 -> 0.862);
* a toll the linking event has no claim of is taken from the report's other events (one
  shooting told as two events);
* credible claims are those not marked ``disputed`` (all of them when every one is disputed);
* **low** is the most conservative credible figure: the smallest lower bound (ACLED's coders
  use the most conservative figure when reports disagree);
* **high** is the highest credible figure: the largest upper bound (or figure, when open);
* **best** is the figure most reports give, ties going to the larger one (tolls rise while an
  incident is reported, so a later higher figure beats an early lower one when each is stated
  once). For ``killed``, a report that gives the wounded and tells of no death votes for
  none ("four people were wounded": nobody died); not the reverse for ``injured``, since a
  report of a killing often leaves the wounded out. A report's figure is the first it states
  outside photo captions, preferring exact figures: news leads with the toll, and later
  figures in an article are often about other events or statistics ("the city's 57th
  homicide"). ``best`` is clipped into ``[low, high]``.

Every claim stays in the incident as an :class:`IncidentClaim` with its report id, and the
evolution is one :class:`TollPoint` per claim, ordered by date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from conflictwatch.models import (
    Actor,
    Claim,
    Event,
    Figures,
    Incident,
    IncidentClaim,
    TollPoint,
)


@dataclass
class ReportView:
    """One member report of an incident, as reconciliation needs it."""

    report_id: str
    published: date | None
    event: Event | None
    claims: list[Claim] = field(default_factory=list)
    event_index: int = 0  # which of the report's events ``event`` is


def claim_value(claim: Claim) -> int | None:
    """The single figure of a claim: best, else low, else high."""
    for value in (claim.best, claim.low, claim.high):
        if value is not None:
            return value
    return None


def main_event_claims(claims: Sequence[Claim], event_index: int = 0) -> list[Claim]:
    """The claims about the event a report is linked by: tied to it or to no event. A toll
    (killed, injured) that event has no claim of comes from the report's other events: the
    events stage can tell one shooting as two ("an exchange of gunfire" beside "a girl was
    shot"), and the report is about one incident (gva dev: incident injured exact 0.735 ->
    0.742, killed 0.846 -> 0.853)."""
    chosen = [c for c in claims if c.event in (event_index, None)]
    for outcome in ("killed", "injured"):
        if not any(c.outcome == outcome for c in chosen):
            chosen += [c for c in claims if c.outcome == outcome and c.event not in (
                event_index, None)]
    return chosen


def _credible(claims: list[IncidentClaim]) -> list[IncidentClaim]:
    kept = [c for c in claims if c.verified != "disputed"]
    return kept or claims


def report_figure(claims: Sequence[Claim]) -> int | None:
    """A report's figure: the first it states outside captions, exact figures first."""
    stated = [c for c in claims if claim_value(c) is not None]
    if not stated:
        return None
    body = [c for c in stated if not c.in_caption] or stated
    exact = [c for c in body if c.qualifier == "exact"] or body
    return claim_value(min(exact, key=lambda c: c.start))


def reconcile_figures(claims: Sequence[IncidentClaim], outcome: str,
                      event_figures: Mapping[str, int | None] | None = None) -> Figures:
    """Low / best / high for ``outcome`` from the claims of all reports (rule: module doc).

    ``event_figures`` maps a report id to its event's figure for ``outcome``
    (``Event.fatalities.best`` / ``Event.injured.best``): a report that tells of a
    perpetrator's own death gives that figure, which counts the death once.
    """
    stated = [c for c in claims if c.outcome == outcome and claim_value(c) is not None]
    chosen = _credible([c for c in stated if c.individual != "perpetrator"])
    by_report: dict[str, list[IncidentClaim]] = {}
    for claim in chosen:
        by_report.setdefault(claim.report_id, []).append(claim)
    figures = {report_id: report_figure(report_claims)
               for report_id, report_claims in by_report.items()}
    event_values = []
    for report_id in sorted({c.report_id for c in stated if c.individual == "perpetrator"}):
        event_figure = (event_figures or {}).get(report_id)
        if event_figure is not None:
            figures[report_id] = event_figure
            event_values.append(event_figure)
    if not figures:
        return Figures()
    low = min([c.low if c.low is not None else claim_value(c) for c in chosen] + event_values)
    high = max([c.high if c.high is not None else claim_value(c) for c in chosen] + event_values)
    votes = Counter(figures.values())
    if outcome == "killed":  # "four people were wounded" and no death told: nobody died
        votes[0] += len({c.report_id for c in claims if c.outcome == "injured"
                         and claim_value(c)} - set(figures))
    best = max(votes, key=lambda v: (votes[v], v))
    low = min(low, best)
    return Figures(low=low, best=min(max(best, low), high), high=high)


def toll_evolution(claims: Sequence[IncidentClaim]) -> list[TollPoint]:
    """One point per claim, ordered by as_of (else published), outcome and report."""
    points = [
        TollPoint(as_of=c.as_of or c.published, outcome=c.outcome, low=c.low, best=c.best,
                  high=c.high, source=c.source, report_id=c.report_id)
        for c in claims
    ]
    return sorted(points, key=lambda p: (p.as_of or date.min, p.outcome, p.report_id))


def _mode(values: list, fallback=None):
    values = [v for v in values if v is not None]
    if not values:
        return fallback
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def assemble_incident(incident_id: str, reports: Sequence[ReportView]) -> Incident:
    """One incident from its member reports (in link order): event fields, claims, tolls."""
    events = [r.event for r in reports if r.event is not None]
    event_type = _mode([e.event_type for e in events])
    typed = [e for e in events if e.event_type == event_type]
    located = [e.location for e in typed or events if e.location is not None]
    location = min(located, key=lambda loc: loc.precision) if located else None
    claims = [
        IncidentClaim(report_id=r.report_id, published=r.published, **c.model_dump())
        for r in reports
        for c in main_event_claims(r.claims, r.event_index)
    ]
    actors: dict[tuple[str, str], Actor] = {}
    for event in typed or events:
        for actor in event.actors:
            actors.setdefault((actor.name, actor.role), actor)
    date_start = _mode([e.date_start for e in typed])
    ends = [e.date_end or e.date_start for e in typed if e.date_end or e.date_start]
    ends += [date_start] if date_start else []
    return Incident(
        incident_id=incident_id,
        report_ids=[r.report_id for r in reports],
        event_type=event_type,
        sub_event_type=_mode([e.sub_event_type for e in typed]),
        date_start=date_start,
        date_end=max(ends) if ends else None,
        location=location,
        fatalities=reconcile_figures(claims, "killed", {
            r.report_id: r.event.fatalities.best for r in reports if r.event is not None}),
        injured=reconcile_figures(claims, "injured", {
            r.report_id: r.event.injured.best for r in reports if r.event is not None}),
        claims=claims,
        actors=list(actors.values()),
        evolution=toll_evolution(claims),
    )
