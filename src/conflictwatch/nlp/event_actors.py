"""Actors of one event: actor1 / actor2 / victim / associate, by ACLED's conventions.

Used by the events stage (docs/events.md, "Actors per event"); names may still hold the
``{country}`` slot, which the events stage fills.
"""

from __future__ import annotations

from spacy.tokens import Span

from conflictwatch.nlp.event_types import Mention

_STATE = frozenset({"state_forces", "external_forces"})
# Peace missions whose troop-contributing armies ACLED codes as the mission when they act in
# its country: (ISO code of the country) -> (mission, contributors). AMISOM's contingents
# came from Kenya, Ethiopia, Uganda, Burundi and Djibouti (Wikipedia: African Union Mission
# to Somalia); "KDF troops" fighting al Shabaab in Somalia are AMISOM.
MISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "SO": ("AMISOM: African Union Mission in Somalia",
           frozenset({"Kenya", "Ethiopia", "Uganda", "Burundi", "Djibouti"})),
}
_ARMY = "Military Forces of "


def mission_name(name: str, country_code: str | None) -> str:
    """The mission an army serves in when it acts in the mission's country ("Military
    Forces of Kenya" in Somalia -> AMISOM), else ``name``."""
    mission = MISSIONS.get(country_code or "")
    if mission and name.startswith(_ARMY) and name[len(_ARMY):] in mission[1]:
        return mission[0]
    return name


def assign_roles(event_type: str, mentions: list[Mention], actors: list[Span], *,
                 shared: frozenset[int] = frozenset()) -> list[tuple[str, str, str | None]]:
    """(name, role, actor_type) of an event, by its type's conventions (docs/events.md).

    Sentences that report this event alone are read first: in a sentence that tells two
    events ("clashes ... escalated into sectarian violence") who did what is ambiguous.
    """
    armed, victims = [], []
    paired = False  # the text pairs the first two sides itself: "between X and Y"
    mentions = sorted(mentions, key=lambda m: (m.sent.start in shared, m.sent.start))
    for mention in mentions:
        in_sent = [a for a in actors if mention.sent.start <= a.start < mention.sent.end]
        trigger = mention.triggers[0].start if mention.triggers else mention.sent.start
        ordered = _doer_first(in_sent, trigger)
        if not armed and _between(in_sent, trigger):
            paired = True
        armed += [a._.cw_actor for a in ordered if a._.cw_actor.actor_type != "civilians"]
        victims += [a._.cw_actor for a in in_sent if a._.cw_actor.actor_type == "civilians"]
    kind = event_type
    roles: list[tuple[str, str, str | None]] = []
    if kind in ("protests", "riots"):
        crowd = ("Protesters ({country})", "protesters") if kind == "protests" else (
            "Rioters ({country})", "rioters")
        roles.append((crowd[0], "actor1", crowd[1]))
        others = [a for a in armed if a.actor_type not in ("protesters", "rioters")]
        state = [a for a in others if a.actor_type == "state_forces"]
        roles += [(a.name, "actor2", a.actor_type) for a in state[:1]]
        roles += [(a.name, "associate", a.actor_type) for a in others if a not in state[:1]]
        roles += [(v.name, "victim", v.actor_type) for v in victims if kind == "riots"]
        return roles
    doers = _distinct(armed)
    if kind == "battles":
        first = doers[:2] if paired else _state_first(doers[:2])
        pairs = zip(first, ("actor1", "actor2"), strict=False)
        roles += [(a.name, role, a.actor_type) for a, role in pairs]
        return roles
    if doers:
        roles.append((doers[0].name, "actor1", doers[0].actor_type))
    elif kind in ("violence_against_civilians", "explosions_remote_violence"):
        roles.append(("Unidentified Armed Group ({country})", "actor1", "political_militias"))
    if kind == "strategic_developments":
        roles += [(a.name, "actor2", a.actor_type) for a in doers[1:2]]
    for victim in _distinct(victims):
        roles.append((victim.name, "victim", victim.actor_type))
    if kind == "violence_against_civilians" and not victims:
        roles.append(("Civilians ({country})", "victim", "civilians"))
    return roles


def _doer_first(actors: list[Span], trigger: int) -> list[Span]:
    """Actors in the order actor1, actor2: "between X and Y", subject, "by X", then objects."""
    doc = actors[0].doc if actors else None
    before = [a for a in actors if a.end <= trigger]
    after = [a for a in actors if a.start >= trigger]
    agents = [a for a in after if a.start > 0 and doc[a.start - 1].lower_ == "by"
              and a.start - trigger <= 5]  # "attacked by X", not "stopped by vigilantes"
    between = _between(actors, trigger)
    if between:
        return between + [a for a in after if a not in between] + before
    return agents + before[::-1] + [a for a in after if a not in agents]


def _between(actors: list[Span], trigger: int) -> list[Span]:
    """The actors after the trigger that "between" introduces ("clashes between X and Y")."""
    if not actors:
        return []
    doc = actors[0].doc
    return [a for a in actors if a.start >= trigger and any(
        doc[j].lower_ == "between" for j in range(max(0, a.start - 3), a.start))]


def _state_first(pair: list) -> list:
    """A battle between state (or external) forces and another armed group lists the
    state's side first, as ACLED mostly codes it (actor1 holds the lower interaction
    code: 1 state forces, 8 external forces, before 2 rebels, 3 militias)."""
    if len(pair) == 2 and pair[1].actor_type in _STATE and pair[0].actor_type not in _STATE:
        return [pair[1], pair[0]]
    return pair


def _distinct(actors: list) -> list:
    seen, result = set(), []
    for actor in actors:
        if actor.name not in seen:
            seen.add(actor.name)
            result.append(actor)
    return result
