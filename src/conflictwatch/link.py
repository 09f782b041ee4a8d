"""Reports -> incidents: link the reports of one real-world incident, incrementally.

Each report is reduced to :class:`ReportFeatures` (date, place, type, names, ages, figures, the
content words of its title and lead, and a bottom-k sketch of its word shingles; see
:mod:`conflictwatch.link_features`). Candidates come from a blocking index keyed on day and
region, never from all pairs; a candidate is scored (:func:`score_reports`) and a report joins
the incident of its best-scoring candidate when the score reaches ``LinkSettings.threshold``.
A report that reaches ``merge_threshold`` against two incidents merges them: the older one
survives. A report whose text changes is taken out of its incident (a ``split``) and linked
again. Incident ids are stable: ``inc-`` plus a hash of the incident's first report id.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from conflictwatch.link_features import (  # re-exported: the linker's public names
    VIOLENT,
    ReportFeatures,
    find_addresses,
    find_ages,
    find_keywords,
    find_lead_words,
    find_names,
    linking_event_index,
    sketch_similarity,
    sketch_text,
)
from conflictwatch.link_features import report_features as features_of
from conflictwatch.models import DocumentRecord

__all__ = ["VIOLENT", "LinkChange", "LinkSettings", "Linker", "ReportFeatures",
           "find_addresses", "find_ages",
           "find_keywords", "find_lead_words", "find_names", "incident_id_for",
           "linking_event_index", "report_features", "score_reports", "sketch_similarity",
           "sketch_text"]

NO_PLACE = "?"


@dataclass(frozen=True)
class LinkSettings:
    """Knobs of the linker; the defaults are tuned on the gva dev set (docs/ledger.md)."""

    window_days: int = 3
    mid_days: int = 14
    mid_threshold: float = 3.4
    far_days: int = 400
    far_threshold: float = 5.5
    max_km: float = 40.0
    threshold: float = 3.0
    merge_threshold: float = 4.0
    sketch_size: int = 64
    rare_name_df: int = 4
    common_name_df: int = 12
    place_conflict_penalty: float = 1.0
    keyword_cap: float = 2.0
    text_weight: float = 4.0
    size_penalty: float = 0.6
    type_conflict_penalty: float = 0.5
    open_block: int = 60
    lead_chars: int = 600
    lead_cap: float = 1.5


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


def report_features(record: DocumentRecord, settings: LinkSettings | None = None) -> ReportFeatures:
    """Reduce a record to what the linker compares (:func:`link_features.report_features`)."""
    settings = settings or LinkSettings()
    return features_of(record, settings.sketch_size, settings.lead_chars)


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
    lead_df: Callable[[str], int] | None = None,
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
    names = 0.0  # a shared street address (hundred block) counts as a shared name
    for name in (set(a.names) & set(b.names)) | (set(a.addresses) & set(b.addresses)):
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
    lead = 0.0
    for word in set(a.lead) & set(b.lead):
        df = lead_df(word) if lead_df else 1
        lead += 0.4 if df <= 3 else 0.2 if df <= 10 else 0.1 if df <= 30 else 0.0
    score += min(settings.lead_cap, lead)
    score += min(1.4, 0.7 * len(set(a.ages) & set(b.ages)))
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
        self.lead_df: Counter[str] = Counter()
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
        self.lead_df.update(item.lead)
        for name in (*item.names, *item.keywords, *item.addresses):
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
        self.lead_df.subtract(item.lead)
        for name in (*item.names, *item.keywords, *item.addresses):
            self.name_df[name] -= 1
            if item.doc_id in self._by_name.get(name, ()):
                self._by_name[name].remove(item.doc_id)

    def candidates(self, item: ReportFeatures) -> list[str]:
        """Reports on nearby days (in a compatible region when there are more than
        ``open_block`` of them), then reports up to ``far_days`` apart sharing a rare name or
        keyword, wherever they were placed (a mis-pinned place must not hide a true pair)."""
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
        for name in (*item.names, *item.keywords, *item.addresses):
            for doc_id in self._by_name.get(name, ()):
                other = self.features[doc_id].day
                if other is not None and abs(other - item.day) <= self.settings.far_days:
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
            score = score_reports(item, theirs, self.settings, self.name_df.__getitem__,
                                  self.lead_df.__getitem__)
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
