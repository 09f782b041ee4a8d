"""What the linker knows of one report: :class:`ReportFeatures` and how a record is reduced
to them (date, place, type, names, addresses, keywords, lead words, ages, figures, a text
sketch).

Split from :mod:`conflictwatch.link`, which compares features and keeps the incidents.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from conflictwatch.models import DocumentRecord, Event

_WORD = re.compile(r"[a-z0-9]+")
_NAME = re.compile(r"\b([A-Z][a-z]{1,20}(?:\s+[A-Z]\.)?\s+(?:[A-Z][a-z]{1,20}[-\s]?){1,2})")
_AGE = re.compile(r"\b(\d{1,2})[-\s]year[-\s]old\b|,\s(\d{1,2}),")
_KEYWORD = re.compile(r"(?<![.!?\n\"] )(?<!^)\b[A-Z][A-Za-z'-]{2,}")
_NOT_KEYWORDS = frozenset(
    "the this that these those there then they their them he she his her him its it we our "
    "you your i a an and but or if when while after before on in at of for to from with by "
    "as about police officers officer sheriff county city news update updated posted "
    "copyright rights reserved associated press".split()
)
_NOT_NAMES = frozenset(
    "the a an in on at of for and but police officers officer sheriff county city state news "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december north south east west new saint st "
    "mr mrs ms dr chief deputy sgt lt capt detective department street avenue road".split()
)


@dataclass
class ReportFeatures:
    """What the linker knows of one report."""

    doc_id: str
    day: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    event_type: str | None = None
    killed: int | None = None
    injured: int | None = None
    names: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    sketch: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # place names as written, normalised
    lead: list[str] = field(default_factory=list)  # content words of the title and lead
    addresses: list[str] = field(default_factory=list)  # "2300 raceway rd": hundred block + street

    def __post_init__(self) -> None:
        self.sketch = array("L", self.sketch)  # type: ignore[assignment]  # 8 bytes a hash

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["sketch"] = list(self.sketch)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFeatures:
        return cls(**data)


def sketch_text(text: str, size: int = 64) -> list[int]:
    """Bottom-k sketch of the word 3-shingles of ``text`` (crc32 hashes, smallest ``size``)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 0))}
    return sorted({zlib.crc32(s.encode("utf-8")) for s in shingles})[:size]


def sketch_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two bottom-k sketches."""
    if not a or not b:
        return 0.0
    set_a = set(a)
    shared = set_a.intersection(b)
    if not shared:
        return 0.0
    union = sorted(set_a.union(b))[:min(len(a), len(b))]
    return len(shared.intersection(union)) / len(union)


def find_names(text: str) -> set[str]:
    """Person-like names (two or three capitalised words) found in ``text``, lower-cased."""
    found = set()
    for match in _NAME.finditer(text):
        words = [w.strip(".") for w in match.group(1).lower().replace("-", " ").split()]
        words = [w for w in words if len(w) > 1]
        if len(words) >= 2 and not any(w in _NOT_NAMES for w in words):
            found.add(" ".join(words))
    return found


def find_keywords(text: str) -> set[str]:
    """Capitalised words not opening a sentence (proper nouns, mostly), lower-cased."""
    found = {w.lower().strip("'-") for w in _KEYWORD.findall(text)}
    return {w for w in found if len(w) > 2 and w not in _NOT_KEYWORDS and w not in _NOT_NAMES}


_LEAD_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_NOT_LEAD = frozenset(
    "that this these those there their them they then than with from into onto over under "
    "after before about said says according police officer officers were been being have has "
    "having will would could should also just more most some such what when where which while "
    "who whom whose other only news local update updated report reports reported year years "
    "people person man woman monday tuesday wednesday thursday friday saturday sunday".split()
)


def find_lead_words(title: str | None, text: str, chars: int = 600) -> set[str]:
    """Content words of the title and the first ``chars`` of the text, lower-cased, a plural
    ``s`` dropped: what a story is about, as its headline and lead say it."""
    found = set()
    for word in _LEAD_WORD.findall(f"{title or ''} {text[:chars]}".lower()):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if len(word) > 3 and word not in _NOT_LEAD and word not in _NOT_KEYWORDS:
            found.add(sys.intern(word))  # one copy of a word for all reports held in memory
    return found


_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Court|Ct|Place|Pl"
           r"|Way|Parkway|Pkwy|Circle|Cir|Terrace|Highway|Hwy|Trail|Pike)")
_ADDRESS = re.compile(
    r"\b(\d{1,5})\s+(?:block\s+of\s+)?"
    r"(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
    r"((?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\s+" + _STREET + r"\b")


def find_addresses(text: str) -> set[str]:
    """Street addresses as hundred blocks, lower-cased: "the 2300 block of Raceway Road" and
    "2314 Raceway Rd." are both ``2300 raceway``; the direction and street type are dropped
    (reports write them differently)."""
    return {f"{int(m.group(1)) // 100 * 100} {m.group(2).lower()}"
            for m in _ADDRESS.finditer(text)}


def find_ages(text: str) -> set[int]:
    return {int(a or b) for a, b in _AGE.findall(text) if 0 < int(a or b) < 100}


def _main_figure(record: DocumentRecord, outcome: str, index: int) -> int | None:
    values = [
        c.best if c.best is not None else c.low
        for c in record.claims
        if c.outcome == outcome and c.event in (index, None)
    ]
    values = [v for v in values if v is not None]
    return max(values) if values else None


VIOLENT = frozenset({"battles", "violence_against_civilians", "explosions_remote_violence",
                     "riots"})


def linking_event_index(events: Sequence[Event]) -> int | None:
    """Which event a report is linked by: the main one, unless it is a strategic development
    (an arrest, a trial) and the report also tells of a violent event: then that one. When
    that event has no figure (killed or injured) and a violent event of the report has one,
    the first such event: a headline read as an event of its own, with the body's account of
    the same shooting typed apart ("Shooting leaves 1 dead" / "one person was killed")."""
    if not events:
        return None
    index = 0
    if events[0].event_type == "strategic_developments":
        index = next((i for i, e in enumerate(events) if e.event_type in VIOLENT), 0)
    if not _has_figures(events[index]):
        return next((i for i, e in enumerate(events)
                     if e.event_type in VIOLENT and _has_figures(e)), index)
    return index


def _has_figures(event: Event) -> bool:
    return event.fatalities.best is not None or event.injured.best is not None


def _report_day(record: DocumentRecord, event: Event | None) -> date | None:
    """The event's day; for a week- or month-precise date, the publication day when it
    falls inside that span (a closer guess than the span's first day); else published."""
    if event is None or event.date_start is None:
        return record.published
    end = event.date_end or event.date_start
    if event.time_precision > 1 and record.published and (
            event.date_start <= record.published <= end):
        return record.published
    return event.date_start


def report_features(record: DocumentRecord, sketch_size: int = 64, lead_chars: int = 600
                    ) -> ReportFeatures:
    """Reduce a record to what the linker compares: main event first, else the record itself."""
    index = linking_event_index(record.events)
    event = record.events[index] if index is not None else None
    day_value = _report_day(record, event)
    where = event.location if event and event.location else None
    if where is None:
        where = next((p.resolved for p in record.places if p.resolved is not None), None)
    city = getattr(where, "name", None) if where is not None and where.precision == 1 else None
    victims = " ".join(c.victims for c in record.claims)
    actor_names = [a.name for a in event.actors] if event else []
    names = find_names(record.text) | find_names(victims)
    names |= {a.lower() for a in actor_names if " " in a and "(" not in a}
    keywords = find_keywords(" ".join(filter(None, [record.title, record.text])))
    return ReportFeatures(
        doc_id=record.id,
        day=day_value.toordinal() if day_value else None,
        country=where.country_code if where else None,
        admin1=where.admin1 if where else None,
        admin2=where.admin2 if where else None,
        city=city.lower() if city else None,
        lat=where.lat if where else None,
        lon=where.lon if where else None,
        event_type=event.event_type if event else None,
        killed=_main_figure(record, "killed", index or 0),
        injured=_main_figure(record, "injured", index or 0),
        names=sorted(names),
        keywords=sorted(keywords | {w for n in names for w in n.split()
                                    if len(w) > 2 and w not in _NOT_KEYWORDS}),
        ages=sorted(find_ages(record.text) | find_ages(victims)),
        actors=sorted({a.lower() for a in actor_names}),
        sketch=sketch_text(" ".join(filter(None, [record.title, record.text])),
                           sketch_size),
        places=sorted({" ".join(p.name.lower().split()) for p in record.places
                       if len(p.name.strip()) > 2}),
        lead=sorted(find_lead_words(record.title, record.text, lead_chars)),
        addresses=sorted(find_addresses(record.text)),
    )
