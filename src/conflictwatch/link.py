"""Reports -> incidents: link the reports of one real-world incident, incrementally.

Each report is reduced to :class:`ReportFeatures` (date, place, type, names, ages, figures and
a bottom-k sketch of its word shingles). Candidates come from a blocking index keyed on day and
region, never from all pairs; a candidate is scored (:func:`score_reports`) and a report joins
the incident of its best-scoring candidate when the score reaches ``LinkSettings.threshold``.
A report that reaches ``merge_threshold`` against two incidents merges them: the older one
survives. A report whose text changes is taken out of its incident (a ``split``) and linked
again. Incident ids are stable: ``inc-`` plus a hash of the incident's first report id.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from conflictwatch.models import DocumentRecord, Event

NO_PLACE = "?"
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


@dataclass(frozen=True)
class LinkSettings:
    """Knobs of the linker; the defaults are tuned on the gva dev set (docs/ledger.md)."""

    window_days: int = 3
    mid_days: int = 14
    mid_threshold: float = 3.0
    far_days: int = 400
    far_threshold: float = 5.5
    max_km: float = 40.0
    threshold: float = 2.8
    merge_threshold: float = 4.0
    sketch_size: int = 64
    rare_name_df: int = 4
    common_name_df: int = 12
    place_conflict_penalty: float = 1.0
    keyword_cap: float = 2.0
    text_weight: float = 4.0
    size_penalty: float = 0.3
    type_conflict_penalty: float = 1.0
    open_block: int = 60


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

    def __post_init__(self) -> None:
        self.sketch = array("L", self.sketch)  # type: ignore[assignment]  # 8 bytes a hash

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["sketch"] = list(self.sketch)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFeatures:
        return cls(**data)


@dataclass(frozen=True)
class LinkChange:
    """One change to incidents: create, reopen, join, merge or split."""

    action: str
    incident_id: str
    doc_id: str | None = None
    other_id: str | None = None
    score: float | None = None
    seq: int | None = None


def incident_id_for(doc_id: str) -> str:
    """The stable id of an incident first reported by ``doc_id``."""
    return "inc-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]


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
    (an arrest, a trial) and the report also tells of a violent event: then that one."""
    if not events:
        return None
    if events[0].event_type == "strategic_developments":
        return next((i for i, e in enumerate(events) if e.event_type in VIOLENT), 0)
    return 0


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


def report_features(record: DocumentRecord, settings: LinkSettings | None = None) -> ReportFeatures:
    """Reduce a record to what the linker compares: main event first, else the record itself."""
    settings = settings or LinkSettings()
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
                           settings.sketch_size),
        places=sorted({" ".join(p.name.lower().split()) for p in record.places
                       if len(p.name.strip()) > 2}),
    )


def distance_km(a: ReportFeatures, b: ReportFeatures) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: ReportFeatures, b: ReportFeatures, settings: LinkSettings) -> float:
    """Place agreement; a penalty when the places disagree (geocoding errs, so not a veto)."""
    conflict = -settings.place_conflict_penalty
    km = distance_km(a, b)
    if km is not None and km <= settings.max_km:  # near, whatever the borders (a metro area
        return 1.0 if (a.city and a.city == b.city) or km < 2 else 0.5 if km < 15 else 0.2
    if set(a.places) & set(b.places):
        return 0.0  # far apart as resolved, but they name the same place: one pin is wrong
    if a.country and b.country and a.country != b.country:
        return conflict
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return conflict
    if a.city and a.city == b.city:
        return 1.0
    if km is not None:
        return conflict
    if a.admin2 and a.admin2 == b.admin2:
        return 0.3
    return 0.0


def score_reports(
    a: ReportFeatures,
    b: ReportFeatures,
    settings: LinkSettings,
    name_df: Callable[[str], int] | None = None,
) -> float | None:
    """How strongly two reports look like the same incident; None when ruled out.

    ``name_df`` gives how many reports mention a name: names many reports share (a hospital,
    a hotline) count for less, and not at all past ``common_name_df``.
    """
    if a.day is None or b.day is None or abs(a.day - b.day) > settings.far_days:
        return None
    place = _place_score(a, b, settings)
    gap = abs(a.day - b.day)
    score = place + (1.0 if gap == 0 else 0.5 if gap == 1 else 0.0)
    if a.event_type and b.event_type:
        score += 0.5 if a.event_type == b.event_type else -settings.type_conflict_penalty
    names = 0.0
    for name in set(a.names) & set(b.names):
        df = name_df(name) if name_df else 1
        names += 1.5 if df <= settings.rare_name_df else (
            0.75 if df <= settings.common_name_df else 0.0)
    score += min(3.0, names)
    keywords = 0.0
    for word in set(a.keywords) & set(b.keywords):
        df = name_df(word) if name_df else 1
        keywords += 0.6 if df <= 2 else 0.3 if df <= settings.rare_name_df else (
            0.1 if df <= settings.common_name_df else 0.0)
    score += min(settings.keyword_cap, keywords)
    score += min(1.4, 0.7 * len(set(a.ages) & set(b.ages)))
    score += min(1.0, 0.5 * len(set(a.actors) & set(b.actors)))
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None:
            score += 0.4 if x == y else -0.3
    return score + settings.text_weight * sketch_similarity(a.sketch, b.sketch)


class Linker:
    """Incremental linker: a blocking index, memberships, and the changes it makes."""

    def __init__(self, settings: LinkSettings | None = None) -> None:
        self.settings = settings or LinkSettings()
        self.features: dict[str, ReportFeatures] = {}
        self.member_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.incident_seq: dict[str, int] = {}  # every incident id ever used -> creation order
        self.next_seq = 0
        self.name_df: Counter[str] = Counter()
        self._index: dict[int, dict[str, dict[str | None, list[str]]]] = {}
        self._day_count: Counter[int] = Counter()
        self._by_name: dict[str, list[str]] = {}

    # -- state -------------------------------------------------------------------------------
    def restore(self, features: Iterable[ReportFeatures], members: Iterable[tuple[str, str]],
                incidents: Iterable[tuple[str, int]]) -> None:
        """Load stored state: features, (doc_id, incident_id) in link order, (id, seq)."""
        for incident_id, seq in incidents:
            self.incident_seq[incident_id] = seq
            self.next_seq = max(self.next_seq, seq + 1)
        for item in features:
            self.features[item.doc_id] = item
            self._index_add(item)
        for doc_id, incident_id in members:
            self.member_of[doc_id] = incident_id
            self.members.setdefault(incident_id, []).append(doc_id)

    def _region(self, item: ReportFeatures) -> tuple[str, str | None]:
        return (item.country or NO_PLACE, item.admin1 if item.country else None)

    def _index_add(self, item: ReportFeatures) -> None:
        if item.day is None:
            return
        country, admin1 = self._region(item)
        self._index.setdefault(item.day, {}).setdefault(country, {}).setdefault(
            admin1, []).append(item.doc_id)
        self._day_count[item.day] += 1
        for name in (*item.names, *item.keywords):
            self.name_df[name] += 1
            if self.name_df[name] <= self.settings.common_name_df:
                self._by_name.setdefault(name, []).append(item.doc_id)
            else:
                self._by_name.pop(name, None)

    def _index_remove(self, item: ReportFeatures) -> None:
        if item.day is None:
            return
        country, admin1 = self._region(item)
        self._index[item.day][country][admin1].remove(item.doc_id)
        self._day_count[item.day] -= 1
        for name in (*item.names, *item.keywords):
            self.name_df[name] -= 1
            if item.doc_id in self._by_name.get(name, ()):
                self._by_name[name].remove(item.doc_id)

    def candidates(self, item: ReportFeatures) -> list[str]:
        """Reports on nearby days (in a compatible region when there are more than
        ``open_block`` of them), then reports more days apart sharing a rare name."""
        if item.day is None:
            return []
        country, admin1 = self._region(item)
        found: list[str] = []
        w = self.settings.window_days
        days = range(item.day - w, item.day + w + 1)
        crowded = sum(self._day_count[d] for d in days) > self.settings.open_block
        for day in days:
            by_country = self._index.get(day)
            if not by_country:
                continue
            if country == NO_PLACE or not crowded:
                regions = [r for c in by_country.values() for r in c.values()]
            else:
                here = by_country.get(country, {})
                regions = list(here.values()) if admin1 is None else [
                    here.get(admin1, []), here.get(None, [])]
                regions.append(by_country.get(NO_PLACE, {}).get(None, []))
            for region in regions:
                found.extend(region)
        for name in (*item.names, *item.keywords):
            for doc_id in self._by_name.get(name, ()):
                other = self.features[doc_id].day
                if other is not None and w < abs(other - item.day) <= self.settings.far_days:
                    found.append(doc_id)
        return list(dict.fromkeys(found))

    # -- linking -----------------------------------------------------------------------------
    def add(self, item: ReportFeatures) -> list[LinkChange]:
        """Link one report (re-linking it when it was linked before); return the changes."""
        changes = self.remove(item.doc_id) if item.doc_id in self.features else []
        best: dict[str, float] = {}
        self.features[item.doc_id] = item
        self._index_add(item)
        for other in self.candidates(item):
            if other == item.doc_id:
                continue
            theirs = self.features[other]
            score = score_reports(item, theirs, self.settings, self.name_df.__getitem__)
            incident = self.member_of[other]
            needed = self._threshold(abs(theirs.day - item.day))  # type: ignore[operator]
            needed += self.settings.size_penalty * math.log2(len(self.members[incident]))
            if score is not None and score >= needed:
                best[incident] = max(score, best.get(incident, score))
        if not best:
            return changes + [self._create(item.doc_id)]
        ranked = sorted(best, key=lambda i: (-best[i], self.incident_seq[i]))
        merging = [i for i in ranked[1:] if best[i] >= self.settings.merge_threshold]
        target = min([ranked[0], *merging], key=self.incident_seq.__getitem__)
        for other in merging + ([ranked[0]] if target != ranked[0] else []):
            if other != target:
                changes.append(self._merge(other, target, best[other]))
        self._join(item.doc_id, target)
        changes.append(LinkChange("join", target, doc_id=item.doc_id, score=best[ranked[0]]))
        return changes

    def _threshold(self, gap: int) -> float:
        """The score a pair needs: more the further apart in time the reports are."""
        if gap <= self.settings.window_days:
            return self.settings.threshold
        if gap <= self.settings.mid_days:
            return self.settings.mid_threshold
        return self.settings.far_threshold

    def remove(self, doc_id: str) -> list[LinkChange]:
        """Take a report out of the index and of its incident (a ``split``)."""
        item = self.features.pop(doc_id, None)
        if item is None:
            return []
        self._index_remove(item)
        incident = self.member_of.pop(doc_id, None)
        if incident is None:
            return []
        self.members[incident].remove(doc_id)
        if not self.members[incident]:
            del self.members[incident]
        return [LinkChange("split", incident, doc_id=doc_id)]

    def _create(self, doc_id: str) -> LinkChange:
        incident = incident_id_for(doc_id)
        action = "reopen" if incident in self.incident_seq else "create"
        if incident in self.members:  # the id is live under another first report: derive anew
            incident = incident_id_for(f"{doc_id}#{self.next_seq}")
            action = "create"
        if action == "create":
            self.incident_seq[incident] = self.next_seq
            self.next_seq += 1
        self._join(doc_id, incident)
        return LinkChange(action, incident, doc_id=doc_id, seq=self.incident_seq[incident])

    def _join(self, doc_id: str, incident: str) -> None:
        self.member_of[doc_id] = incident
        self.members.setdefault(incident, []).append(doc_id)

    def _merge(self, source: str, target: str, score: float) -> LinkChange:
        for doc_id in self.members.pop(source):
            self._join(doc_id, target)
        return LinkChange("merge", target, other_id=source, score=score)
