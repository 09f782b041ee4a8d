"""Event typing: trigger words, the filters that drop them, and one sentence's mentions.

The lexicon (``patterns/event_triggers.json``) maps surfaces to a *family* and an ACLED type /
sub-event type. :class:`EventLexicon` finds triggers over every token (no parse needed), drops
those that do not report a happening (photo captions, quotations, intent and negation, recalled
background), and types what is left sentence by sentence with the rules in :meth:`classify`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from conflictwatch.nlp.extensions import sentence_at, span_text

DEFAULT_TRIGGERS = Path(__file__).parent / "patterns" / "event_triggers.json"
_QUOTES = re.compile(r"[\"“”]([^\"“”]{1,300})[\"“”]")
_ARMED_TYPES = frozenset({"state_forces", "rebel_groups", "political_militias",
                          "identity_militias", "external_forces"})
_SUB_PRIORITY = (
    "sexual_violence", "abduction_forced_disappearance", "suicide_bomb", "chemical_weapon",
    "air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied",
    "grenade", "government_regains_territory", "non_state_actor_overtakes_territory",
    "armed_clash", "attack", "excessive_force_against_protesters", "protest_with_intervention",
    "peaceful_protest", "violent_demonstration", "mob_violence",
)
_OBJECT_STOPS = frozenset(
    "as when after before while and but which who that were was is are had has have "
    "said says killing killed leaving left wounding injuring in near by during".split())
CUE_FAMILIES = frozenset({"riot_cue", "protest_cue"})
_SYMBOLIC_BURNING = re.compile(r"\b(?:burn\w*|set\s+fire\s+to|torch\w*)\s+(?:\w+\s+){0,3}?"
                               r"(?:flags?|effig(?:y|ies)|posters?|pictures?|portraits?)\b",
                               re.IGNORECASE)
_HARD_VIOLENCE = frozenset({"explosion", "attack", "abduction", "sexual", "territory_gain",
                            "territory_take", "clash"})
_VICTIM_STOPS = frozenset("by who which that when after as in near at on during".split())
_REASONS = frozenset("following after over against denounce denouncing condemn condemning".split())
_BOUNDARIES = frozenset({",", ";", "—", "–", ":"})
_CLAUSE_WORDS = frozenset("as but while when whereas".split())
_PASSIVE = frozenset({"was", "were", "been", "be", "being", "is", "are"})
_VICTIM_BEFORE = frozenset({"dead", "died", "dies", "death", "deaths", "casualties", "bodies"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon hit: token span [start, end) in the Doc."""

    family: str
    event_type: str
    sub_event_type: str
    strong: bool
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """What one sentence reports of one event: its type and the triggers that say so."""

    event_type: str
    sub_event_type: str | None
    sent: Span
    triggers: list[Trigger] = field(default_factory=list)
    strong: bool = True

    @property
    def start_char(self) -> int:
        return self.sent.doc[self.triggers[0].start].idx if self.triggers else self.sent.start_char


class EventLexicon:
    """Trigger lexicon and sentence rules, loaded once by the events component."""

    def __init__(self, nlp: Language, path: str | Path | None = None) -> None:
        data = json.loads(Path(path or DEFAULT_TRIGGERS).read_text(encoding="utf-8"))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, tuple[str, str, str, bool]] = {}
        for i, entry in enumerate(data["triggers"]):
            key = f"trigger{i}"
            self.kinds[key] = (entry["family"], entry["event_type"], entry["sub_event_type"],
                               entry["strength"] == "strong")
            self.matcher.add(key, [nlp.make_doc(s) for s in entry["surfaces"]])
        self.protest_families = frozenset(data["protest_families"])
        self.riot_cues = frozenset(data["riot_cues"])
        self.cues = {name: self._phrases(nlp, data[name])
                     for name in ("intervention_cues", "excessive_cues", "armed_words",
                                  "background", "intent", "subset", "crowd_words",
                                  "riot_crowd_words", "civilian_words")}

    @staticmethod
    def _phrases(nlp: Language, words: list[str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("cue", [nlp.make_doc(w) for w in words])
        return matcher

    def has_cue(self, name: str, span: Span) -> bool:
        """Whether the cue list ``name`` occurs in ``span``."""
        return bool(self.cues[name](span))

    def cue_starts(self, name: str, span: Span) -> list[tuple[int, int]]:
        """Token spans (absolute) of the cue list ``name`` in ``span``."""
        return [(s, e) for _, s, e in self.cues[name](span)]  # doc offsets, even on a Span

    def find_triggers(self, doc: Doc) -> list[Trigger]:
        """Every trigger of the Doc, longest match first, that reports a happening."""
        spans = [Span(doc, s, e, label=doc.vocab.strings[k]) for k, s, e in self.matcher(doc)]
        triggers = []
        for span in filter_spans(spans):
            if span.text == "March" or span.text == "Battle" and _next_is(doc, span.end, "of"):
                continue  # the month; "Battle of ..."
            if span.start > 0 and doc[span.start - 1].text == "-":
                continue  # "anti-riot police"
            family, event_type, sub, strong = self.kinds[span.label_]
            trigger = Trigger(family, event_type, sub, strong, span.start, span.end, span.text)
            if not self._suppressed(doc, trigger):
                triggers.append(trigger)
        return sorted(triggers, key=lambda t: t.start)

    def _suppressed(self, doc: Doc, trigger: Trigger) -> bool:
        first = doc[trigger.start]
        if first._.cw_in_caption or _in_quotes(doc, first):
            return True
        sent = sentence_at(doc, first.i)
        window = doc[max(sent.start, trigger.start - 3):trigger.start]
        if self.has_cue("intent", window):
            return True
        return self.in_background(doc, trigger.start)

    def in_background(self, doc: Doc, i: int) -> bool:
        """Token ``i`` lies in a clause that recalls background ("who was ousted in ...")."""
        sent = sentence_at(doc, i)
        for start, end in self.cue_starts("background", sent):
            if start <= i < _clause_end(doc, end):
                return True
        return False

    def classify(self, sent: Span, triggers: list[Trigger], actors: list[Span], *,
                 cues_alone: bool = False) -> list[Mention]:
        """The mentions one sentence makes of events, from its triggers and actor spans;
        ``cues_alone``: the report has no trigger but cue words, which then count."""
        if not cues_alone:
            triggers = self._drop_cues(sent, triggers)
        triggers = self._promote_kills(triggers)
        if not triggers:
            return []
        families = {t.family for t in triggers}
        if not any(t.strong for t in triggers):
            return [self._weak_mention(sent, triggers, actors)]
        if families & self.protest_families:
            return [self._protest_mention(sent, triggers, actors, families)]
        groups: dict[str, list[Trigger]] = {}
        violent = families & {"clash", "attack", "abduction", "sexual", "explosion",
                              "territory_gain", "territory_take"}
        for trigger in triggers:
            event_type, sub = self._type_of(sent, trigger, actors, families, violent)
            if event_type:
                groups.setdefault(event_type, []).append(
                    Trigger(trigger.family, event_type, sub, trigger.strong, trigger.start,
                            trigger.end, trigger.text))
        return [Mention(t, best_sub([x.sub_event_type for x in ts]), sent, ts)
                for t, ts in groups.items()]

    def _drop_cues(self, sent: Span, triggers: list[Trigger]) -> list[Trigger]:
        """Cue words ("stones", "to demand") count with a crowd or protest word only."""
        families = {t.family for t in triggers}
        if families & CUE_FAMILIES and not families & _HARD_VIOLENCE and (
                families & {"protest", "riot", "mob"} or self.has_cue("crowd_words", sent)):
            return triggers
        return [t for t in triggers if t.family not in CUE_FAMILIES]

    def _promote_kills(self, triggers: list[Trigger]) -> list[Trigger]:
        """A death beside an arrest or a curfew is the violent event of the sentence."""
        families = {t.family for t in triggers}
        if "kill" not in families or families & (_HARD_VIOLENCE | self.protest_families):
            return triggers
        if not any(t.strong for t in triggers):
            return triggers
        return [Trigger("attack", "violence_against_civilians", "attack", True, t.start, t.end,
                        t.text) if t.family == "kill" else t for t in triggers]

    def _type_of(self, sent: Span, trigger: Trigger, actors: list[Span], families: set[str],
                 violent: set[str]) -> tuple[str | None, str | None]:
        family = trigger.family
        if family == "kill":
            return None, None  # supports the strong triggers of its sentence
        if family == "explosion" and "disrupted" in families:
            return None, None  # a defused bomb is no explosion
        if family == "attack":
            if "explosion" in families:
                return "explosions_remote_violence", None
            if "response" in families or self.armed_target(sent, trigger, actors) or (
                    self._armed_dead(sent, families, actors)) or (
                    self._two_armed_sides(sent, actors)):
                return "battles", "armed_clash"
        if family == "clash" and self._crowd_clash(sent, actors):
            return "riots", "violent_demonstration"
        if family in ("territory_gain", "territory_take"):
            if "transfer" in families and not families & {"clash", "attack", "kill"}:
                return "strategic_developments", "non_violent_transfer_of_territory"
            doer = _first_actor(actors, before=trigger.start)
            state = doer is not None and _actor_type(doer) in ("state_forces", "external_forces")
            if family == "territory_take" and doer is not None and not state:
                return "battles", "non_state_actor_overtakes_territory"
            return "battles", "government_regains_territory"
        if family in ("looting", "transfer") and violent:
            return None, None  # part of the violent event of its sentence
        if family == "looting" and self.has_cue("riot_crowd_words", sent):
            return "riots", "mob_violence"  # supporters burning a house, locals looting
        return trigger.event_type, trigger.sub_event_type

    def _protest_mention(self, sent: Span, triggers: list[Trigger], actors: list[Span],
                         families: set[str]) -> Mention:
        state = any(_actor_type(a) == "state_forces" for a in actors)
        only_strike = {t.text.lower() for t in triggers if t.family == "protest"} <= {
            "strike", "strikes"}
        if only_strike and "kill" in families and not families & {"riot", "mob"}:
            return Mention("explosions_remote_violence", "air_drone_strike", sent, triggers)
        if "mob" in families and "protest" not in families:
            return Mention("riots", "mob_violence", sent, triggers)
        crowd_attack = any(t.family == "attack" and _is_verb(t) and not _is_reason(sent, t)
                           for t in triggers)
        if _SYMBOLIC_BURNING.search(span_text(sent)):
            families = families - {"looting"}  # burning flags or effigies is a protest
        rioting = "riot" in families or "clash" in families or "looting" in families or (
            (families & self.riot_cues or crowd_attack) and not state)  # police hitting
        # a crowd is no riot, but a crowd burning a police station is one, police or not
        if rioting:
            return Mention("riots", "violent_demonstration", sent, triggers)
        if state and self.has_cue("excessive_cues", sent):
            return Mention("protests", "excessive_force_against_protesters", sent, triggers)
        if self.has_cue("intervention_cues", sent) or "arrests" in families:
            return Mention("protests", "protest_with_intervention", sent, triggers)
        return Mention("protests", "peaceful_protest", sent, triggers)

    def _weak_mention(self, sent: Span, triggers: list[Trigger], actors: list[Span]) -> Mention:
        trigger = triggers[0]
        if self.armed_victims(sent, trigger, actors):
            return Mention("battles", "armed_clash", sent, triggers, strong=False)
        return Mention("violence_against_civilians", "attack", sent, triggers, strong=False)

    def armed_target(self, sent: Span, trigger: Trigger, actors: list[Span]) -> bool:
        """An attack whose object is armed (soldiers, a base, militants): a battle.

        The object is the phrase right after the trigger ("attacked a military base",
        "attacks on troops"), cut at the first conjunction, verb-like word or punctuation.
        """
        doc = sent.doc
        end = trigger.end
        while end < sent.end and end - trigger.end < 8 and not (
                doc[end].is_punct or doc[end].lower_ in _OBJECT_STOPS):
            end += 1
        zone = doc[trigger.end:end]
        if any(trigger.end <= a.start < end and _actor_type(a) in _ARMED_TYPES
               for a in actors):
            return True
        return self.has_cue("armed_words", zone) if len(zone) else False

    def _crowd_clash(self, sent: Span, actors: list[Span]) -> bool:
        """Supporters or students clashing (with each other or the police), no armed group
        other than state forces named: a riot."""
        if any(_actor_type(a) in _ARMED_TYPES - {"state_forces"} for a in actors):
            return False
        return self.has_cue("riot_crowd_words", sent)

    def _two_armed_sides(self, sent: Span, actors: list[Span]) -> bool:
        """State forces and a non-state armed group in one attack sentence, and no civilian
        named: one armed side attacking the other ("Al Shabaab attacked an SNA post")."""
        types = {_actor_type(a) for a in actors if sent.start <= a.start < sent.end}
        state = bool(types & {"state_forces", "external_forces"})
        armed = bool(types & {"rebel_groups", "political_militias", "identity_militias"})
        return state and armed and not self.has_cue("civilian_words", sent)

    def _armed_dead(self, sent: Span, families: set[str], actors: list[Span]) -> bool:
        """The sentence's dead or wounded are armed ("two policemen were wounded")."""
        return any(self.armed_victims(sent, t, actors) for t in self.find_kill_triggers(sent))

    def find_kill_triggers(self, sent: Span) -> list[Trigger]:
        """The weak (death, wound) triggers of one sentence."""
        found = []
        for key, start, end in self.matcher(sent):
            family, event_type, sub, strong = self.kinds[sent.doc.vocab.strings[key]]
            if family == "kill":
                found.append(Trigger(family, event_type, sub, strong, start, end,
                                     sent.doc[start:end].text))
        return found

    def armed_victims(self, sent: Span, trigger: Trigger, actors: list[Span] = ()) -> bool:
        """Whether those killed/wounded are armed ("two soldiers were killed")."""
        doc = sent.doc
        after = doc[trigger.end] if trigger.end < sent.end else None
        before = trigger.text.lower() in _VICTIM_BEFORE or (
            trigger.start > sent.start and doc[trigger.start - 1].lower_ in _PASSIVE) or (
            after is None or after.is_punct or after.lower_ in _VICTIM_STOPS)
        if before:
            end = trigger.start
            while end > sent.start and doc[end - 1].lower_ in _PASSIVE:
                end -= 1
            start, reach = end, 2 if trigger.text.lower() in _VICTIM_BEFORE else 5
            while start > sent.start and end - start < reach and not (
                    doc[start - 1].is_punct or doc[start - 1].lower_ in _OBJECT_STOPS):
                start -= 1
            zone = doc[start:end]
        else:
            end = trigger.end
            while end < sent.end and end - trigger.end < 10 and not (
                    doc[end].is_punct or doc[end].lower_ in _VICTIM_STOPS):
                end += 1
            zone = doc[trigger.end:end]
        if not len(zone) or self.has_cue("civilian_words", zone):
            return False
        armed = [a for a in actors if zone.start <= a.start < zone.end
                 and _actor_type(a) in _ARMED_TYPES]
        return bool(armed) or self.has_cue("armed_words", zone)


def _is_verb(trigger: Trigger) -> bool:
    """ "attacked", "storming" (a deed) rather than "the attack" (maybe the reason)."""
    return trigger.text.lower().endswith(("ed", "ing"))


def _is_reason(sent: Span, trigger: Trigger) -> bool:
    """ "protested following the murder of ...": the attack is the reason, not the act."""
    doc = sent.doc
    before = doc[max(sent.start, trigger.start - 8):trigger.start]
    return any(t.lower_ in _REASONS for t in before)


def _next_is(doc: Doc, i: int, word: str) -> bool:
    return i < len(doc) and doc[i].lower_ == word


def best_sub(subs: list[str | None]) -> str | None:
    """The most specific of several sub-event types (of one event type)."""
    subs = [s for s in subs if s]
    ranked = sorted(subs, key=lambda s: _SUB_PRIORITY.index(s) if s in _SUB_PRIORITY else 99)
    return ranked[0] if ranked else None


def _actor_type(span: Span) -> str | None:
    actor = span._.cw_actor
    return actor.actor_type if actor is not None else None


def _first_actor(actors: list[Span], *, before: int) -> Span | None:
    found = [a for a in actors if a.end <= before and _actor_type(a) != "civilians"]
    return found[-1] if found else None


def _clause_end(doc: Doc, i: int) -> int:
    """First clause boundary (comma, semicolon, dash, sentence end) at or after token i."""
    sent_end = sentence_at(doc, max(i - 1, 0)).end if len(doc) else 0
    for j in range(i, sent_end):
        if doc[j].text in _BOUNDARIES or doc[j].lower_ in _CLAUSE_WORDS:
            return j
    return sent_end


def _in_quotes(doc: Doc, token) -> bool:
    """Inside a quotation of four words or more (speech), not scare quotes ("pushed back")."""
    sent = sentence_at(doc, token.i)
    offset = sent.start_char
    for match in _QUOTES.finditer(span_text(sent)):
        if len(match.group(1).split()) < 4:
            continue
        if offset + match.start(1) <= token.idx < offset + match.end(1):
            return True
    return False


def clause_of(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the clause around token i (commas, semicolons, "as", "but"...)."""
    sent = sentence_at(doc, i)
    start = i
    while start > sent.start and not (doc[start - 1].text in _BOUNDARIES
                                      or doc[start - 1].lower_ in _CLAUSE_WORDS):
        start -= 1
    return start, _clause_end(doc, i)
