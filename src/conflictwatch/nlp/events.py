"""Events: what happened, who did it to whom, where, when, and how many by whose account.

Component ``conflictwatch.events.v1`` (:class:`EventsBuilder`), run last.

Reads ``doc.spans["cw_actors"|"cw_claims"|"cw_dates"|"cw_places"]``, ``doc._.cw_captions``,
``doc._.cw_published``. Writes ``doc._.cw_events`` (list of ``models.Event``, main event first),
sets ``claim.event`` on the claims it uses, and appends to ``doc._.cw_warnings``.
The rules are documented in docs/events.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwatch.models import Actor, Event, Location
from conflictwatch.models import Span as CharSpan
from conflictwatch.nlp.actors import (
    actor_spans,
    fill_country,
    load_country_centroids,
    load_country_names,
)
from conflictwatch.nlp.event_actors import assign_roles, mission_name
from conflictwatch.nlp.event_country import CountryFallback, likely_country
from conflictwatch.nlp.event_figures import ClaimRef, counts_perpetrators, derive_figures
from conflictwatch.nlp.event_types import CUE_FAMILIES, EventLexicon, Mention, best_sub
from conflictwatch.nlp.extensions import doc_text, sentence_at
from conflictwatch.nlp.place_location import document_country
from conflictwatch.nlp.recalled import (
    STALE_DAYS,
    YEARS_AGO_DAYS,
    old_dates,
    recalled,
    recalled_sentence,
)

LocateFn = Callable[[Doc, list[tuple[int, int]]], Location | None]
_NON_VIOLENT = frozenset({"strategic_developments"})
_PEACEFUL = frozenset({"strategic_developments", "protests"})  # kinds that kill no one
_FALLBACK_PRECISION = 2  # no date in the text: published date, within about a week
_SIDES = frozenset({"actor1", "actor2"})
STRAY_SHARE = 0.2  # a place's country below this share of the report's evidence is a stray


@dataclass(frozen=True)
class _Where:
    """An event's location, and whether its country is clear enough to name its actors by
    ("Police Forces of South Sudan"): not when it is the best guess from split evidence (an
    outlet covering Sudan and South Sudan), where the bare "Police Forces" stays right."""

    location: Location | None
    clear: bool = True


@dataclass
class _Draft:
    event_type: str
    sub_event_type: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def sentences(self) -> list[Span]:
        seen: dict[int, Span] = {}
        for mention in self.mentions:
            seen.setdefault(mention.sent.start, mention.sent)
        return [seen[k] for k in sorted(seen)]

    @property
    def start_char(self) -> int:
        return min(m.start_char for m in self.mentions if m.strong or not self.strong)

    @property
    def strong(self) -> bool:
        return any(m.strong for m in self.mentions)


class EventsBuilder:
    """Build ``models.Event`` records from trigger words, actors, claims, dates and places."""

    def __init__(self, nlp: Language, name: str = "cw_events", *,
                 triggers_path: str | None = None, locate: LocateFn | None = None) -> None:
        self.name = name
        self.lexicon = EventLexicon(nlp, triggers_path)
        self.locate = locate if locate is not None else _default_locate()
        self.countries = load_country_names()
        self.fallback = CountryFallback(self.countries, load_country_centroids())

    def __call__(self, doc: Doc) -> Doc:
        warnings = doc._.cw_warnings if doc._.cw_warnings is not None else []
        drafts = self.find_drafts(doc)
        counts = Counter(s.start for d in drafts for s in d.sentences)
        shared = frozenset(k for k, n in counts.items() if n > 1)
        claim_events = self._assign_claims(doc, drafts)
        order = _casualties_first(drafts, claim_events)
        drafts = [drafts[i] for i in order]
        position = {old: new for new, old in enumerate(order)}
        claim_events = [(ref, position[owner]) for ref, owner in claim_events]
        events = []
        for i, draft in enumerate(drafts):
            refs = [ref for ref, owner in claim_events if owner == i]
            events.append(self._build(doc, draft, refs, warnings, shared))
        self._inherit_episode_dates(doc, drafts, events)
        for ref, owner in claim_events:
            _set_claim_event(ref.claim, owner)
        doc._.cw_events = events
        doc._.cw_warnings = warnings
        return doc

    def find_drafts(self, doc: Doc) -> list[_Draft]:
        """Mentions grouped into one draft per event type, main (first strong) event first."""
        by_sent: dict[int, list] = {}
        old = old_dates(doc, self.lexicon.in_background)
        for trigger in self.lexicon.find_triggers(doc):
            if not recalled(doc, trigger.start, old):
                by_sent.setdefault(sentence_at(doc, trigger.start).start, []).append(trigger)
        actors = list(actor_spans(doc))
        mentions: list[Mention] = []
        alone = all(t.family in CUE_FAMILIES for ts in by_sent.values() for t in ts)
        for start, triggers in sorted(by_sent.items()):
            sent = sentence_at(doc, start)
            in_sent = [a for a in actors if sent.start <= a.start < sent.end]
            mentions += self.lexicon.classify(sent, triggers, in_sent, cues_alone=alone)
        strong = [m for m in mentions if m.strong]
        drafts: dict[str, _Draft] = {}
        for mention in strong or [m for m in mentions if not m.strong]:
            draft = drafts.setdefault(mention.event_type,
                                      _Draft(mention.event_type, mention.sub_event_type))
            draft.mentions.append(mention)
        ordered = sorted(drafts.values(), key=_draft_order)
        if strong:
            for mention in mentions:
                if not mention.strong:
                    _nearest(ordered, mention.sent.start_char).mentions.append(mention)
        civilians = partial(self.lexicon.has_cue, "civilian_words")
        ordered = _fold_crowd_violence(_fold_repelled_attacks(ordered, civilians), actors)
        ordered.sort(key=_draft_order)
        for draft in ordered:
            draft.mentions.sort(key=lambda m: m.sent.start)
            draft.sub_event_type = _sub_of(draft)
        return ordered


    def _assign_claims(self, doc: Doc, drafts: list[_Draft]) -> list[tuple[ClaimRef, int]]:
        """Each claim goes to one event: its sentence's, else the nearest. A claim in a
        caption, or in a clause dated long before publication (background), goes to none."""
        if not drafts:
            return []
        owners = []
        background = self.lexicon.in_background
        old, years_ago = old_dates(doc, background), old_dates(doc, background, YEARS_AGO_DAYS)
        for index, span in enumerate(_spans(doc, "cw_claims")):
            claim = span._.cw_claim
            if claim is None or getattr(claim, "in_caption", False) or span[0]._.cw_in_caption:
                continue
            if recalled(doc, span.start, old) or recalled_sentence(doc, span.start, years_ago):
                continue  # "the worst since an airliner crashed in 1982, killing 78"
            sent = sentence_at(doc, span.start)
            subset = self.lexicon.has_cue("subset", doc[max(sent.start, span.start - 3):span.start])
            ref = ClaimRef(index, claim, sent.start, subset)
            owner = self._claim_owner(drafts, claim, sent.start, span.start_char)
            owners.append((ref, owner))
        return owners

    @staticmethod
    def _claim_owner(drafts: list[_Draft], claim: object, sent_start: int, char: int) -> int:
        """The event of the claim's sentence; deaths and wounds go to violent events only."""
        pool = list(range(len(drafts)))
        if getattr(claim, "outcome", None) in ("killed", "injured"):
            pool = [i for i in pool if drafts[i].event_type not in _NON_VIOLENT] or pool
        here = [i for i in pool if any(m.sent.start == sent_start for m in drafts[i].mentions)]
        if here:
            return min(here, key=lambda i: _claim_fit(drafts[i], claim))
        return drafts.index(_nearest([drafts[i] for i in pool], char))

    def _build(self, doc: Doc, draft: _Draft, refs: list[ClaimRef], warnings: list[str],
               shared: frozenset[int]) -> Event:
        sentences = draft.sentences
        char_spans = [(s.start_char, s.end_char) for s in sentences]
        where = self._location(doc, char_spans)
        location = where.location
        selves = counts_perpetrators(draft.sub_event_type, refs)
        fatalities, notes = derive_figures(refs, "killed", doc_text(doc), perpetrators=selves)
        injured, more = derive_figures(refs, "injured", doc_text(doc))
        warnings += [f"event {draft.event_type}: {n}" for n in notes + more]
        start, end, precision = self._dates(doc, sentences)
        return Event(
            event_type=draft.event_type, sub_event_type=draft.sub_event_type,
            date_start=start, date_end=end, time_precision=precision, location=location,
            actors=self._actors(doc, draft, location if where.clear else None, shared),
            fatalities=fatalities, injured=injured,
            claims=sorted(ref.index for ref in refs),
            evidence=[CharSpan(start=s, end=e) for s, e in char_spans])

    def _location(self, doc: Doc, char_spans: list[tuple[int, int]]) -> _Where:
        """The most specific place ``locate`` finds in any one evidence sentence, else in all,
        else the country the document's evidence points to."""
        if self.locate is None:
            return _Where(self.fallback.actor_country(doc, char_spans))
        found = [loc for span in char_spans if (loc := self.locate(doc, [span])) is not None]
        location = min(found, key=_vagueness) if found else (
            self.locate(doc, char_spans) or self.locate(doc, [(0, len(doc_text(doc)))]))
        clear = document_country(doc)
        if location is not None and not _stray(doc, location, clear):
            return _Where(location)
        location = self.fallback.country_location(clear or likely_country(doc))
        if location is not None:
            return _Where(location, clear=clear is not None)
        return _Where(self.fallback.actor_country(doc, char_spans))

    def _dates(self, doc: Doc, sentences: list[Span]) -> tuple[date | None, date | None, int]:
        """Dates of the event's sentences, never after publication; else the published date."""
        published: date | None = doc._.cw_published
        starts, ends, precisions = [], [], []
        for span in _spans(doc, "cw_dates"):
            value = span._.cw_date
            if value is None or span[0]._.cw_in_caption:
                continue
            if not any(s.start <= span.start < s.end for s in sentences):
                continue
            if self.lexicon.in_background(doc, span.start):
                continue
            if published and value.start > published:
                continue
            if published and value.end < published - timedelta(days=STALE_DAYS):
                continue
            starts.append(value.start)
            ends.append(min(value.end, published) if published else value.end)
            precisions.append(value.precision)
        if starts:
            return min(starts), max(ends), max(precisions)
        if published:
            return published, published, _FALLBACK_PRECISION
        return None, None, 3

    def _inherit_episode_dates(self, doc: Doc, drafts: list[_Draft], events: list[Event]) -> None:
        """Events told in one sentence are one episode: an undated start takes the episode's."""
        for i, draft in enumerate(drafts):
            mine = {s.start for s in draft.sentences}
            for j, other in enumerate(drafts):
                if i == j or not mine & {s.start for s in other.sentences}:
                    continue
                event, peer = events[i], events[j]
                if peer.date_start and event.date_start and peer.date_start < event.date_start:
                    event.date_start = peer.date_start
                    event.time_precision = max(event.time_precision, peer.time_precision)

    def _actors(self, doc: Doc, draft: _Draft, location: Location | None,
                shared: frozenset[int]) -> list[Actor]:
        country = self._country(doc, location)
        spans = [a for a in actor_spans(doc) if not a[0]._.cw_in_caption]
        actors = assign_roles(draft.event_type, draft.mentions, spans, shared=shared)
        code = location.country_code if location is not None else None
        seen, sides, result = set(), set(), []
        for name, role, actor_type in actors:
            named = mission_name(fill_country(name, country), code)
            if named != name:
                actor_type = "external_forces"
            if (named, role) in seen or (role in _SIDES and named in sides):
                continue  # "AMISOM/KDF": one side
            seen.add((named, role))
            if role in _SIDES:
                sides.add(named)
            result.append(Actor(name=named, role=role, actor_type=actor_type))
        return result

    def _country(self, doc: Doc, location: Location | None) -> str | None:
        if location is not None and location.country_code:
            return self.countries.get(location.country_code.lower())
        codes = Counter(span._.cw_resolved.country_code for span in _spans(doc, "cw_places")
                        if span._.cw_resolved is not None and span._.cw_resolved.country_code)
        if codes:
            return self.countries.get(codes.most_common(1)[0][0].lower())
        return None


def _stray(doc: Doc, location: Location, clear: str | None) -> bool:
    """A place read in a country the rest of the report gives almost no weight, while the
    report is clearly about another ("Barcelona" in a Cape Town outlet's report): a namesake
    the resolver kept, so the event falls back to the report's country."""
    code = location.country_code
    if clear is None or not code or code == clear:
        return False
    return (doc._.cw_countries or {}).get(code, 0.0) < STRAY_SHARE


def _fold_crowd_violence(drafts: list[_Draft], actors: list[Span]) -> list[_Draft]:
    """State forces hurting people at a protest or riot are part of it (ACLED: excessive
    force against protesters), not a separate attack on civilians."""
    crowd = next((d for d in drafts if d.event_type in ("protests", "riots")), None)
    if crowd is None:
        return drafts
    riot = next((d for d in drafts if d.event_type == "riots"), None)
    if riot is not None and crowd is not riot:  # protests that turned violent: one riot
        crowd.mentions += riot.mentions
        _retype(crowd, "riots", "violent_demonstration")
        drafts = [d for d in drafts if d is not riot]
    kept = []
    for draft in drafts:
        types = {a._.cw_actor.actor_type for a in actors
                 if any(s.start <= a.start < s.end for s in draft.sentences)}
        non_state = types & {"rebel_groups", "political_militias", "identity_militias"}
        if (draft.event_type == "violence_against_civilians" and "state_forces" in types
                and not non_state):
            crowd.mentions += draft.mentions
            if crowd.event_type == "protests":
                for mention in draft.mentions:
                    mention.sub_event_type = "excessive_force_against_protesters"
            continue
        if draft.event_type == "battles" and not non_state:
            crowd.mentions += draft.mentions  # "roadblocks and clashes with police"
            families = {t.family for m in draft.mentions for t in m.triggers}
            if families - {"response"}:
                _retype(crowd, "riots", "violent_demonstration")
            continue
        kept.append(draft)
    return kept


def _fold_repelled_attacks(drafts: list[_Draft],
                           civilians: Callable[[Span], bool]) -> list[_Draft]:
    """An attack that forces responded to or repelled is a battle (ACLED), one event; so is
    an attack that turned into an exchange of fire when it names no civilian victim."""
    battle = next((d for d in drafts if d.event_type == "battles"), None)
    attack = next((d for d in drafts if d.event_type == "violence_against_civilians"), None)
    if battle is None or attack is None or attack.sub_event_type not in (None, "attack"):
        return drafts
    families = {t.family for m in battle.mentions for t in m.triggers}
    fought = "clash" in families and not any(civilians(s) for s in attack.sentences)
    if "response" not in families and not fought:
        return drafts
    first = min(battle, attack, key=_draft_order)
    first.mentions = battle.mentions + attack.mentions
    _retype(first, "battles", "armed_clash")
    return [d for d in drafts if d is first or d not in (battle, attack)]


def _casualties_first(drafts: list[_Draft], claim_events: list[tuple[ClaimRef, int]]
                      ) -> list[int]:
    """The order of the events, main first: the first draft stays main unless it is of a kind
    that kills no one by itself (a protest, a strategic development), no death or injury is
    told of it, and a later violent event carries them (a report opens on a protest and the
    deaths attach to the police's shooting): then that event is the main one."""
    def has_casualties(i: int) -> bool:
        return any(owner == i and getattr(ref.claim, "outcome", None) in ("killed", "injured")
                   and getattr(ref.claim, "best", None) != 0 for ref, owner in claim_events)

    order = list(range(len(drafts)))
    if not drafts or drafts[0].event_type not in _PEACEFUL or has_casualties(0):
        return order
    later = next((i for i in order[1:] if drafts[i].event_type not in _NON_VIOLENT
                  and has_casualties(i)), None)
    if later is not None:
        order.remove(later)
        order.insert(0, later)
    return order


def _retype(draft: _Draft, event_type: str, sub_event_type: str) -> None:
    draft.event_type, draft.sub_event_type = event_type, sub_event_type
    for mention in draft.mentions:
        mention.event_type, mention.sub_event_type = event_type, sub_event_type


def _draft_order(draft: _Draft) -> tuple[int, int, int]:
    """First reported first; within one sentence, violence before a strategic development."""
    first = min((m for m in draft.mentions if m.strong or not draft.strong),
                key=lambda m: m.start_char)
    return first.sent.start, draft.event_type == "strategic_developments", first.start_char


def _sub_of(draft: _Draft) -> str | None:
    """The most specific sub-event type its mentions give (first one for strategic ones)."""
    subs = [m.sub_event_type for m in draft.mentions if m.strong or not draft.strong]
    if draft.event_type == "strategic_developments":
        return next((s for s in subs if s), draft.sub_event_type)
    return best_sub(subs) or draft.sub_event_type


def _claim_fit(draft: _Draft, claim: object) -> int:
    """Lower is better: which event of a sentence a claim's victims belong to."""
    victim_type = getattr(claim, "victim_type", "unknown")
    armed = victim_type in ("combatants", "security_forces")
    order = (["battles", "explosions_remote_violence", "violence_against_civilians"] if armed
             else ["violence_against_civilians", "explosions_remote_violence", "battles"])
    return order.index(draft.event_type) if draft.event_type in order else len(order)


def _nearest(drafts: list[_Draft], char: int) -> _Draft:
    """The draft with the last mention before ``char`` (else the main draft)."""
    best, best_at = drafts[0], -1
    for draft in drafts:
        for mention in draft.mentions:
            at = mention.sent.start_char
            if best_at < at <= char:
                best, best_at = draft, at
    return best


def _vagueness(location: Location) -> int:
    """0 for a town or site, 1 for a district, 2 for a province, 3 for a country."""
    feature = (location.feature or "").upper().split(".")[-1]  # "A.ADM1" -> "ADM1"
    if feature.startswith("PCL"):
        return 3
    if feature == "ADM1":
        return 2
    if feature.startswith("ADM"):
        return 1
    return 0 if location.precision == 1 else location.precision


def _spans(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def _set_claim_event(claim: object, index: int) -> None:
    try:
        claim.event = index  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        pass  # a frozen claim: extract.py links claims from Event.claims


def _default_locate() -> LocateFn | None:
    """``places.locate_event`` when the places stage is installed (the lead may pass another)."""
    try:
        from conflictwatch.nlp.places import locate_event
    except ImportError:
        return None
    return locate_event


def make_events(nlp: Language, name: str, *, triggers_path: str | None = None,
                locate: LocateFn | None = None) -> EventsBuilder:
    """Factory of ``conflictwatch.events.v1``."""
    return EventsBuilder(nlp, name, triggers_path=triggers_path, locate=locate)
