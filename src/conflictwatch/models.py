"""Every record of CONTRACT.md, declared once.

Field names and value sets follow the contract exactly; fields we add are documented as
additions. The JSON Schema in ``docs/schema/`` is generated from these models
(``python -m conflictwatch.schema``) and a test fails when the checked-in copy drifts.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Outcome = Literal["killed", "injured", "detained", "missing", "kidnapped", "displaced"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "about", "up_to", "fewer_than", "range", "vague"
]
VictimType = Literal["civilians", "combatants", "security_forces", "mixed", "unknown"]
Verified = Literal["unverified", "confirmed", "disputed"]
EventType = Literal[
    "battles",
    "violence_against_civilians",
    "explosions_remote_violence",
    "riots",
    "protests",
    "strategic_developments",
]
ActorRole = Literal["actor1", "actor2", "victim", "associate"]
GeoPrecision = Literal[1, 2, 3]
TimePrecision = Literal[1, 2, 3]

OUTCOMES: tuple[str, ...] = Outcome.__args__  # type: ignore[attr-defined]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    """A character span in the record's ``text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Removed(_Record):
    """Boilerplate taken out of the body, with the reason."""

    text: str
    reason: str


class Claim(Span):
    """One casualty figure, as one source stated it (contract section 3)."""

    outcome: Outcome
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    qualifier: Qualifier
    victims: str
    victim_type: VictimType = "unknown"
    source: str | None = None
    verified: Verified | None = None
    as_of: date | None = None
    event: int | None = None
    # additions to the contract
    text: str = Field(default="", description="addition: the evidence text, text[start:end]")
    in_caption: bool = Field(default=False, description="addition: stated in a photo caption")
    individual: str | None = Field(
        default=None,
        description="addition: key of one individually described victim (age:35, noun:man, "
        "definite), so a tally counts each person once",
    )
    derived: str | None = Field(
        default=None,
        description="addition: how the figure was derived when the text does not state it "
        "directly: 'shot' (shot minus killed), 'implied' ('a fatal shooting' implies at least "
        "one death, 'two counts of murder' two; kept only when no death is stated)",
    )

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Claim:
        for lo, hi, what in ((self.low, self.high, "low/high"), (self.low, self.best, "low/best"),
                             (self.best, self.high, "best/high")):
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"claim bounds out of order ({what}: {lo} > {hi})")
        return self


class Resolved(_Record):
    """A place resolved against the gazetteer (contract section 4)."""

    geonameid: int | None = None
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None
    precision: GeoPrecision = 1


class Place(Span):
    """A toponym found in the text."""

    name: str
    resolved: Resolved | None = None


class Location(Resolved):
    """Where an event happened: a resolved place plus its name."""

    name: str


class Actor(_Record):
    name: str
    role: ActorRole
    actor_type: str | None = None


class Figures(_Record):
    """Low / best / high derived from claims; all null when nothing was claimed."""

    low: int | None = None
    best: int | None = None
    high: int | None = None


class Event(_Record):
    """A violent or political event the text reports (contract section 5)."""

    event_type: EventType
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: TimePrecision = 1
    location: Location | None = None
    actors: list[Actor] = Field(default_factory=list)
    fatalities: Figures = Field(default_factory=Figures)
    injured: Figures = Field(default_factory=Figures)
    claims: list[int] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class DocumentRecord(_Record):
    """The record ``conflictwatch extract`` writes for one input document."""

    id: str
    title: str | None = None
    published: date | None = None
    language: str | None = None
    text: str = ""
    removed: list[Removed] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = Field(default=None, description="present only when the document failed")
    # additions
    captions: list[Span] = Field(
        default_factory=list,
        description="addition: photo captions kept in text (read for claims, never new events)",
    )
    url: str | None = Field(default=None, description="addition: the input URL")
    source: str | None = Field(default=None, description="addition: the publication")

    @model_validator(mode="after")
    def _spans_inside_text(self) -> DocumentRecord:
        n = len(self.text)
        spans: list[tuple[str, Span]] = [("claim", c) for c in self.claims]
        spans += [("place", p) for p in self.places]
        spans += [("evidence", s) for e in self.events for s in e.evidence]
        spans += [("caption", s) for s in self.captions]
        for what, span in spans:
            if span.end > n:
                raise ValueError(f"{what} span {span.start}-{span.end} outside text of {n}")
        for i, event in enumerate(self.events):
            bad = [c for c in event.claims if not 0 <= c < len(self.claims)]
            if bad:
                raise ValueError(f"event {i} points at missing claims {bad}")
        for i, claim in enumerate(self.claims):
            if claim.event is not None and not 0 <= claim.event < len(self.events):
                raise ValueError(f"claim {i} points at missing event {claim.event}")
        return self

    def to_json_dict(self) -> dict[str, Any]:
        """The contract's JSON form: dates as ISO strings, ``error`` only when set."""
        data = self.model_dump(mode="json")
        if data.get("error") is None:
            data.pop("error", None)
        return data


class InputDocument(_Record):
    """One document to read: a line of a ``.jsonl`` batch, or a file."""

    id: str = Field(min_length=1)
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_body(self) -> InputDocument:
        if self.text is None and self.html is None:
            raise ValueError("a document needs 'text' or 'html'")
        return self


class IncidentClaim(Claim):
    """A claim as stored in an incident: the report it came from, plus the claim."""

    report_id: str
    published: date | None = None


class TollPoint(_Record):
    """One point of a toll's evolution: what was claimed, by whom, as of when."""

    as_of: date | None
    outcome: Outcome
    low: int | None = None
    best: int | None = None
    high: int | None = None
    source: str | None = None
    report_id: str


class Incident(_Record):
    """One real-world event, however many reports describe it (contract section 6)."""

    incident_id: str
    report_ids: list[str]
    event_type: EventType | None = None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    location: Location | None = None
    fatalities: Figures = Field(default_factory=Figures)
    injured: Figures = Field(default_factory=Figures)
    claims: list[IncidentClaim] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list, description="addition")
    evolution: list[TollPoint] = Field(default_factory=list, description="addition")
