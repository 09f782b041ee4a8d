"""Render records for people (rich), used by ``demo``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from conflictwatch.models import DocumentRecord


def _figures(figures) -> str:
    if figures.best is None and figures.low is None and figures.high is None:
        return "-"
    return f"{figures.low}/{figures.best}/{figures.high}"


def render_record(console: Console, record: DocumentRecord) -> None:
    """One document: title, events, claims and places, as tables."""
    console.rule(f"[bold]{record.title or record.id}[/bold]  ({record.published or 'no date'})")
    if record.error:
        console.print(f"[red]error[/red] {record.error}")
        return
    events = Table("#", "type", "sub-type", "dates", "location", "killed l/b/h",
                   "injured l/b/h", "actors", title="events", title_justify="left")
    for i, event in enumerate(record.events):
        location = event.location.name if event.location else "-"
        actors = "; ".join(f"{a.role}: {a.name}" for a in event.actors) or "-"
        events.add_row(str(i), event.event_type, event.sub_event_type or "-",
                       f"{event.date_start or '?'}..{event.date_end or '?'}", location,
                       _figures(event.fatalities), _figures(event.injured), actors)
    console.print(events)
    claims = Table("outcome", "low", "best", "high", "qualifier", "victims", "source",
                   "verified", "as of", "evidence", title="claims", title_justify="left")
    for claim in record.claims:
        claims.add_row(claim.outcome, str(claim.low), str(claim.best), str(claim.high),
                       claim.qualifier, claim.victims, claim.source or "(the report)",
                       claim.verified or "-", str(claim.as_of or "-"), claim.text)
    console.print(claims)
    places = ", ".join(
        f"{p.name} ({p.resolved.lat:.2f}, {p.resolved.lon:.2f})" if p.resolved else
        f"{p.name} (unresolved)" for p in record.places)
    console.print(f"[bold]places[/bold] {places or '-'}")
    for warning in record.warnings:
        console.print(f"[yellow]warning[/yellow] {warning}")
