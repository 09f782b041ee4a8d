"""Victims described one by one, and headlines: "fatally shot LeGrier", "He died",
"the body of a man", "a fatal shooting", "Teen killed in Summerville shooting".

Each match is one person (``Found.singular_key`` names them), so a tally across sentences
counts each person once (``claims.count_people``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictwatch.nlp.found import SINGULAR_NOUNS, Found, person_key
from conflictwatch.nlp.numbers import Amount


class PeopleReader:
    """Finds individually described victims in one sentence."""

    def __init__(self, outcome_of: Callable[[str], str | None],
                 listed: Callable[[Found, str], Found]) -> None:
        self.outcome_of = outcome_of
        self.listed = listed
        self.object_named = re.compile(
            r"\b(?:fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|shot\s+and\s+"
            r"killed|shooting\s+and\s+killing|killed|killing|murdered|murdering|slaying|killing"
            r"\s+of|death\s+of|murder\s+of|shooting\s+death\s+of|slaying\s+of)\s+(?:(?:his|her"
            r"|their|its|a|an|the)\s+)?(?:(?P<age>\d{1,3})-year-old\s+)?(?P<who>[A-Z][\w'’-]+"
            r"(?:\s+[A-Z][\w'’-]+){0,2}|"
            + SINGULAR_NOUNS + r")\b")
        self.subject_dead = re.compile(
            r"(?:(?P<age>\d{1,3})-year-old\s+)?\b(?P<who>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}"
            r"|[Hh]e|[Ss]he)(?:,[^,.;]{1,60},)?(?:'s\s+body\s+was\s+(?:found|discovered|recovered)|\s+(?:later\s+"
            r"|eventually\s+|subsequently\s+)?(?:died|succumbed|was\s+(?:later\s+)?(?:pronounced"
            r"|found|declared)\s+dead|was\s+(?:found\s+)?(?:shot\s+and\s+)?killed|was\s+fatally\s+(?:shot"
            r"|stabbed|wounded)))\b"
        )
        self.body_found = re.compile(
            r"\b(?:dead\s+)?body\s+of\s+(?:an?\s+|the\s+)?(?:(?P<age>\d{1,3})-year-old\s+)?"
            rf"(?:[a-z]+\s+){{0,2}}?(?P<who>{SINGULAR_NOUNS})\b", re.IGNORECASE)
        self.headline = re.compile(  # "Report: North Idaho child, 7, shot to death"
            r"^\s*(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?:\s+)?(?:\d{1,3}-year-old\s+|(?-i:[A-Z][\w.'’]*)"
            r"\s+){0,3}?(?P<noun>Man|Woman|Teen|Teenager|Boy"
            r"|Girl|Child|Toddler|Student|Officer|Deputy|Mother|Father|Driver|Soldier|Civilian"
            r"|Policeman|Farmer|Trader|Journalist|Teacher|Pastor|Priest|Imam|Chief|Herder|Guard"
            r"|Worker|Fisherman|Villager|Resident|Motorist|Pedestrian|Captain|Commander|Leader"
            r"|Official|Elder|Policewoman|Businessman|Herdsman|Baby|Infant|Son|Daughter"
            r"|\d{1,3}-year-old)(?:,\s*\d{1,3},)?\s+(?:is\s+|was\s+)?(?:accidentally\s+)?"
            r"(?P<trigger>shot(?:,|\s+and)?\s+killed|killed|(?:shot|stabbed|beaten)\s+to\s+death"
            r"|shot\s+dead|dies|died|dead|found\s+dead|fatally\s+(?:shot|stabbed|struck)|shot"
            r"|wounded|injured|hurt)\b", re.IGNORECASE)
        self.fatal_event = re.compile(  # "police investigate deadly shooting": someone died
            r"(?<!double\s)(?<!triple\s)\b(?:fatal|deadly|lethal)\s+(?:(?:[\w-]+\s+){0,2}?)(?:shootings?|stabbings?|attacks?"
            r"|assaults?|ambush(?:es)?|bombings?|blasts?|explosions?|violence|clash(?:es)?"
            r"|home\s+invasions?|robber(?:y|ies)|rampages?)\b"
            r"|\b(?:shooting|stabbing)\s+deaths?\b", re.IGNORECASE)

    def read(self, sentence: str) -> list[Found]:
        """Victims named or referred to one by one: "fatally shot LeGrier", "He died"."""
        found = []
        one = Amount(1, 1, 1, "exact")
        for match in self.object_named.finditer(sentence):
            who = match.group("who")
            if who.split()[0].lower() in _NOT_NAMES:
                continue
            key = person_key(match.group("age"), who)
            found.append(self.listed(Found("killed", one, who, match.start(), match.end(),
                                            singular_key=key), sentence))
        for match in self.subject_dead.finditer(sentence):
            who = match.group("who")
            if who.split()[0].lower() in _NOT_NAMES - {"he", "she"}:
                continue
            key = person_key(match.group("age"), who)
            found.append(Found("killed", one, who, match.start(), match.end(), singular_key=key))
        for match in self.body_found.finditer(sentence):
            found.append(Found("killed", one, match.group("who"), match.start(), match.end(),
                                singular_key=person_key(match.group("age"), match.group("who"))))
        for match in self.fatal_event.finditer(sentence):
            found.append(Found("killed", Amount(1, None, 1, "vague", text=match.group(0)), "",
                               match.start(), match.end(), implied=True))
        match = self.headline.match(sentence)
        if match:
            outcome = self.outcome_of(match.group("trigger")) or (
                "killed" if re.search(r"kill|dead|dies|fatal", match.group("trigger"), re.I)
                else None)
            if outcome:
                found.append(Found(outcome, one, match.group("noun"), match.start("noun"),
                                    match.end(), singular_key="definite"))
        return found


_NOT_NAMES = frozenset(
    "he she it they we i police officers authorities officials the a an this that there his her "
    "their monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december one two three sheriff deputies "
    "investigators witnesses prosecutors according after before when while no nobody someone "
    "somebody everyone anyone what who".split()
)
