"""What the casualty readers share: the ``Found`` figure, the victim nouns and auxiliaries,
and the key that names one individually described victim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictwatch.nlp.numbers import Amount

SINGULAR_NOUNS = (
    r"man|woman|boy|girl|teen|teenager|child|person|victim|driver|officer|soldier|resident"
    r"|student|baby|infant|toddler|passenger|bystander|civilian|policeman|deputy|trooper"
    r"|(?:police\s+)?officer|sister|brother|son|daughter|wife|husband|mother|father|girlfriend"
    r"|boyfriend|neighbou?r|friend|cousin|uncle|aunt|nephew|niece|grandson|granddaughter"
    r"|partner|fianc[eé]e?|ex-(?:wife|husband|girlfriend|boyfriend|partner)|stepdaughter"
    r"|stepmother|grandchild|relative"
    r"|grandmother|grandfather|stepfather|stepson|roommate|customer|clerk|guard|security guard"
    r"|employee|worker|samaritan|Samaritan|pedestrian|motorist|suspect|gunman|male|female|juvenile"
    r"|herder|herdsman|farmer|trader|fisherman|villager|businessman|businesswoman|shopkeeper"
    r"|vendor|hawker|commander|chief|elder|leader|official|captain|colonel|lieutenant|sergeant"
    r"|corporal|councill?or|teacher|principal|lecturer|journalist|pastor|priest|imam|lawyer"
    r"|judge|politician|activist|doctor|nurse|militiaman|fighter|militant|rebel|policewoman"
    r"|teenage\s+(?:boy|girl)|young\s+(?:man|woman)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})-month-old"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-year-old|\d{1,3}-year-old(?:\s+(?:(?-i:(?!(?:Fatally|Shot|Killed|Dies|Died|Dead|Wounded|Injured|Hurt|Found|Is|Was)\b)[A-Z]\w+)|man|woman|boy|girl|male|female))?"
)
AUX = (
    r"(?:(?:who|that)\s+)?(?:(?:were|was|have|has|had|are|is|been|being|got|get|reportedly|also"
    r"|allegedly|reported|later|all|now|since|subsequently|may|might|could|would|likely|feared"
    r"|(?!(?:family|only|early|daily|weekly|nearly|fatally|mortally)\b)[a-z]{3,}ly"
    r"|thought\s+to\s+have\s+been|said\s+to\s+have\s+been|reported\s+to\s+have\s+been|believed\s+to\s+(?:have\s+been|be)|feared"
    r"|left|remain|remained|critically|seriously|badly|then|both|each|found|later|fatally\s+(?="
    r"(?:wounded|injured|hurt))|accidentally|reportedly|in\s+(?:his|her|their)\s+\d0s)\s+){0,4}"
)

ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}
NTH = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[2-9](?:nd|rd|th)|1\d(?:th)"
ORDINAL = re.compile(rf"({NTH})\s", re.IGNORECASE)



def ordinal_value(word: str) -> int:
    """3 for "third" or "3rd"."""
    return ORDINALS.get(word.lower()) or int(word[:-2])

@dataclass(frozen=True)
class Found:
    """A figure found in one sentence, before attribution: offsets relative to the sentence."""

    outcome: str
    amount: Amount
    victims: str
    start: int
    end: int
    singular_key: str | None = None  # an individually described victim: age, name or noun
    implied: bool = False  # no figure stated: "a fatal shooting" implies at least one death


def person_key(age: str | None, who: str) -> str:
    """A key naming one person: their age and/or name; pronouns and nouns are 'definite'."""
    parts = []
    if age:
        parts.append(f"age:{age}")
    lowered = who.lower()
    if lowered in ("he", "she") or re.fullmatch(SINGULAR_NOUNS, who, re.IGNORECASE):
        return "|".join(parts) or "definite"
    tokens = [re.sub(r"['’]s?$", "", w) for w in lowered.split()]
    tokens = [w for w in tokens if w and w not in _TITLES]
    if not tokens:
        return "|".join(parts) or "definite"
    parts.append(f"name:{' '.join(tokens)}")  # "name:elijah johnson", once per person
    return "|".join(parts)


def strip_titles(who: str) -> str:
    """"Police Officer JD DeGuzman" -> "JD DeGuzman": the rank before a name is no name."""
    words = who.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words.pop(0)
    return " ".join(words)


_TITLES = frozenset("officer police deputy sergeant trooper detective agent captain chief "
                    "lieutenant corporal private constable sheriff mr mrs ms dr cpl sgt lt".split())
