"""Victims described one by one, and headlines: "fatally shot LeGrier", "He died",
"the body of a man", "a fatal shooting", "Teen killed in Summerville shooting".

Each match is one person (``Found.singular_key`` names them), so a tally across sentences
counts each person once (``claims.count_people``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictwatch.nlp.found import (
    NTH,
    ORDINAL,
    SINGULAR_NOUNS,
    Found,
    ordinal_value,
    person_key,
    strip_titles,
)
from conflictwatch.nlp.numbers import Amount


class PeopleReader:
    """Finds individually described victims in one sentence."""

    def __init__(self, outcome_of: Callable[[str], str | None],
                 listed: Callable[[Found, str], Found],
                 to_int: Callable[[str], int | None]) -> None:
        self.outcome_of = outcome_of
        self.listed = listed
        self.to_int = to_int  # AmountParser.to_int: "two" -> 2
        self.object_named = re.compile(
            r"\b(?:fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|shot\s+and\s+"
            r"killed|shooting\s+and\s+killing|killed|killing|murdered|murdering|slaying|killing"
            r"\s+of|death\s+of|murder\s+of|shooting\s+death\s+of|slaying\s+of|(?:claim|take|took"
            r"|claimed|claims|takes|taken)\s+(?:the\s+)?life\s+of)\s+(?:(?P<det>his|her"
            r"|their|its|a|an|the)\s+)?(?:(?P<age>\d{1,3})-year-old\s+)?(?P<who>[A-Z][\w'’-]+"
            r"(?:\s+[A-Z][\w'’-]+){0,2}|(?:(?:young|little|elderly|teenage|unborn|local|off-duty)"
            r"\s+)?(?:" + SINGULAR_NOUNS + r"))\b")
        self.subject_dead = re.compile(
            r"(?:(?P<age>\d{1,3})-year-old\s+)?\b(?P<who>[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
            r"|[Hh]e|[Ss]he)(?:,[^,.;]{1,60},)?(?:'s\s+body\s+was\s+(?:found|discovered|recovered)"
            r"|(?:\s+was\s+(?:shot|taken|rushed|transported|flown|airlifted|hit|struck)"
            r"(?:\s+[\w-]+){0,6}?\s+and)?\s+(?:later\s+"
            r"|eventually\s+|subsequently\s+)?(?:died|succumbed|passed\s+away|(?:pronounced"
            r"|declared)\s+dead|was\s+(?:later\s+)?(?:pronounced"
            r"|found|declared)\s+dead|was\s+(?:found\s+)?(?:shot\s+and\s+)?killed|was\s+fatally\s+(?:shot"
            r"|stabbed|wounded)))\b"
        )
        self.body_found = re.compile(
            r"\b(?:dead\s+)?body\s+of\s+(?:an?\s+|the\s+)?(?:(?P<age>\d{1,3})-year-old\s+)?"
            rf"(?:[a-z]+\s+){{0,2}}?(?P<who>{SINGULAR_NOUNS})\b", re.IGNORECASE)
        lead = (r"^\s*(?:[^:;|]{1,40}:\s+)?"  # "Report: ", "JUST IN: ", "Cops: "
                r"(?:(?:[\w'’.-]+\s+){0,5}?(?:identif(?:y|ies|ied)|names?|named|IDs?|mourns?"
                r"|remembers?)\s+)?")  # "Coroner's Office identifies teen killed in ..."
        nouns = rf"{SINGULAR_NOUNS}|{_HEADLINE_NOUNS}"
        self.headline = re.compile(  # "Report: North Idaho child, 7, shot to death"
            lead + r"(?:(?:an?|the)\s+)?(?:\d{1,3}-year-old\s+|(?-i:[A-Z][\w.'’-]*)\s+){0,3}?"
            rf"(?P<noun>{nouns}|\d{{1,3}}-year-old)(?:,\s*[^,]{{1,40}},)?\s+(?:identified\s+as\s+"
            r"(?:\w+\s+){0,3}?)?(?:(?:playing|cleaning|handling|holding|showing)\s+(?:\w+\s+){0,3}?)?"
            r"(?:is\s+|was\s+)?(?:(?:beaten|stabbed|robbed|kidnapped|abducted|assaulted),?\s+"
            r"(?:and\s+)?)?(?:found\s+(?=shot|dead|killed))?(?:accidentally\s+)?"
            r"(?P<trigger>shot(?:,|\s+and)?\s+killed|killed|(?:shot|stabbed|beaten)\s+to\s+death"
            r"|shot\s+dead|dies|died|dead|found\s+dead|fatally\s+(?:shot|stabbed|struck)|shot"
            r"|wounded|injured|hurt)\b(?!(?:(?:,|,?\s+and)\s+(?:killed|wounded|injured))?\s+(?:his"
            r"|her|their|an?|the|one|two|three|four|five|\d+|himself|herself|self)\b)",
            re.IGNORECASE)  # not active: "a soldier shot and killed a driver"
        self.dies = re.compile(  # "One of two men shot late Monday in Belle Glade dies"
            lead + rf"(?P<who>[^;:|]{{0,60}}?\b(?P<noun>{nouns}|one)\b[^;:|.]{{0,90}}?)\s+"
            r"(?:later\s+|now\s+)?(?:dies|died|passes\s+away|has\s+died)\b", re.IGNORECASE)
        self.object_bare = re.compile(  # "pulls trigger and kills friend"
            r"\b(?:kills|fatally\s+shoots|shoots(?:\s+(?:and\s+kills|dead))?)\s+(?!(?:an?|the|one"
            r"|his|her|their|him|himself|herself|self|at|up|out|down|back|into|through)\b)"
            rf"(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{nouns})\b(?:\s*,\s*(?P<self>self|himself"
            r"|herself)\b)?", re.IGNORECASE)
        self.more_objects = re.compile(  # the rest of a headline's list: ", her son, himself"
            r"\s*(?:,\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+)(?:(?:his|her|their)\s+)?"
            rf"(?:(?P<self>himself|herself|self)|(?P<noun>{nouns}))\b", re.IGNORECASE)
        self.left_dead = re.compile(  # "Shooting leaves young woman dead"
            r"\b(?:leaves|left|leaving)\s+(?:an?\s+|one\s+)?(?:[\w'’-]+\s+){0,3}?"
            rf"(?P<noun>{nouns})\s+dead\b", re.IGNORECASE)
        self.clause_dead = re.compile(  # "... after 2-year-old killed", "Malin boy who died"
            r"\b(?:(?:after|before|as|when|where)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?"
            rf"(?P<noun>{nouns})(?:,\s*\d{{1,3}},)?\s+(?:is\s+|was\s+|gets\s+)?(?:shot,?\s+"
            r"(?:and\s+)?)?|(?P<noun2>" + nouns + r")\s+who\s+(?:was\s+|later\s+)*)"
            r"(?:killed|dies|died|dead|shot\s+dead|shot\s+to\s+death|fatally\s+shot|slain)\b"
            r"|\b(?P<noun3>" + nouns + r")['’]s\s+(?:\w+\s+)?(?:shooting\s+|gunshot\s+)?death\b"
            r"|\bslain\s+(?:[\w'’-]+\s+){0,2}?(?P<noun4>" + nouns + r")\b", re.IGNORECASE)
        self.nth_dead = re.compile(
            rf"\b(?:[Aa]|[Tt]he)\s+(?P<nth>{NTH})\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{nouns})"
            r"\s+(?:has\s+|had\s+)?(?:died|dies|succumbed)\b", re.IGNORECASE)
        self.pronounced = re.compile(  # "The coroner pronounced 18-year-old Emery Collins dead"
            r"\b(?:pronounced|declared)\s+(?:(?P<age>\d{1,3})-year-old\s+)?(?P<who>[A-Z][\w'’-]+"
            r"(?:\s+[A-Z][\w'’-]+){0,2})(?:,\s*(?P<age2>\d{1,3}),)?(?:\s+of\s+[A-Z][\w ]{1,30}?)?"
            r"\s+dead\b")
        self.fatal_event = re.compile(  # "police investigate deadly shooting": someone died
            r"(?<!double\s)(?<!triple\s)\b(?:fatal|deadly|lethal)\s+(?:(?:[\w-]+\s+){0,2}?)(?:shootings?|stabbings?|attacks?"
            r"|assaults?|ambush(?:es)?|bombings?|blasts?|explosions?|violence|clash(?:es)?"
            r"|home\s+invasions?|robber(?:y|ies)|rampages?)\b"
            r"|\b(?:shooting|stabbing|gunshot)\s+deaths?\b|\bdeath\s+(?:was\s+|has\s+been\s+)?"
            r"ruled\s+(?:a\s+)?homicide\b|\bwith\s+(?:an?\s+)?fatal\s+gunshot\s+wounds?\b",
            re.IGNORECASE)

    def read_dead_list(self, sentence: str) -> list[Found]:
        """A list of the dead that ends with the killer: "kills 3 bandmates, self" (four),
        "killed 6-year-old boy, wife, himself" (three), "fatally shot twin daughters,
        himself" (three). The list is the toll, the killer included; an item whose number is
        not told ("killed family, self", "his children") leaves the list unread."""
        found = []
        if not _SELF_END.search(sentence):  # cheap gate: most sentences end no such list
            return found
        for match in _DEAD_LIST.finditer(sentence):
            count = 1  # the killer
            for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("items")):
                n = _item_count(item, self.to_int)
                if n is None:
                    break
                count += n
            else:
                found.append(Found("killed", Amount(count, count, count, "exact"),
                                   sentence[match.start("items"):match.end()], match.start(),
                                   match.end()))
        return found

    def read(self, sentence: str) -> list[Found]:
        """Victims named or referred to one by one: "fatally shot LeGrier", "He died"."""
        found = []
        one = Amount(1, 1, 1, "exact")
        for match in self.object_named.finditer(sentence):
            who = match.group("who")
            if not _a_name(who):
                continue
            key = person_key(match.group("age"), who)
            if ((match.group("det") or "").lower() in ("a", "an", "the") and who[0].isupper()) \
                    or who[0].islower():  # "a Lexington teen": a place; "young friend": a noun
                key = person_key(match.group("age"), "person")
            kin = _AND_KIN.match(sentence, match.end())
            if kin and kin.group("n"):  # "fatally shot his wife and their two children": 3
                n = 1 + (self.to_int(kin.group("n")) or 0)
                found.append(Found("killed", Amount(n, n, n, "exact"), sentence[
                    match.start("who"):kin.end()], match.start(), kin.end()))
                continue
            if kin and key == "definite":  # two relatives: two people, not one told twice
                key = f"noun:{who.lower()}"
            found.append(self.listed(Found("killed", one, who, match.start(), match.end(),
                                            singular_key=key), sentence))
            if kin:  # "shot and killed his girlfriend and her mother"
                found.append(Found("killed", one, kin.group("noun"), kin.start("noun"),
                                   kin.end(), singular_key=f"noun:{kin.group('noun').lower()}"))
                continue
            second = _AND_NAME.match(sentence, match.end())
            if second and _a_name(second.group("who")):
                found.append(Found("killed", one, second.group("who"), second.start("who"),
                                   second.end(), singular_key=person_key(
                                       second.group("age"), second.group("who"))))
        for match in (self.clause_dead.finditer(sentence) if _DEATH_WORD.search(sentence)
                      else ()):
            noun = next(n for n in match.group("noun", "noun2", "noun3", "noun4") if n)
            found.append(Found("killed", one, noun, match.start(), match.end(),
                               singular_key="definite"))
        for match in self.left_dead.finditer(sentence):
            found.append(Found("killed", one, match.group("noun"), match.start(), match.end(),
                               singular_key=f"noun:{match.group('noun').lower()}"))
        for match in self.nth_dead.finditer(sentence):  # "a third person has died": three
            n = ordinal_value(match.group("nth"))
            found.append(Found("killed", Amount(n, n, n, "exact"), match.group("noun"),
                               match.start(), match.end()))
        for match in self.subject_dead.finditer(sentence):
            who = strip_titles(_LEADING_WORD.sub("", match.group("who")))  # "Since Malijha"
            if not who or not _a_name(who, pronouns=True):
                continue
            key = person_key(match.group("age"), who)
            if _PLACE_BEFORE.search(sentence, max(0, match.start() - 8), match.start()):
                key = "definite"  # "a man from Lone Tree died": someone died, not "Lone Tree"
            found.append(Found("killed", one, who, match.start(), match.end(), singular_key=key))
        for match in self.body_found.finditer(sentence):
            found.append(Found("killed", one, match.group("who"), match.start(), match.end(),
                                singular_key=person_key(match.group("age"), match.group("who"))))
        for match in self.fatal_event.finditer(sentence):
            found.append(Found("killed", Amount(1, None, 1, "vague", text=match.group(0)), "",
                               match.start(), match.end(), implied=True))
        found += self._read_headline(sentence)
        for match in self.pronounced.finditer(sentence):
            who = match.group("who")
            if _a_name(who):
                found.append(Found("killed", one, who, match.start(), match.end(),
                                   singular_key=person_key(match.group("age")
                                                           or match.group("age2"), who)))
        return found

    def _read_headline(self, sentence: str) -> list[Found]:
        """Headline grammar: no articles, no auxiliaries, present tense ("Teen killed in
        shooting", "Armed suspect dies after ...", "kills infant, self")."""
        found = []
        one = Amount(1, 1, 1, "exact")
        dies = self.dies.match(sentence) if _DIES.search(sentence) else None
        match = None if dies else self.headline.match(sentence)  # "Man wounded ... dies"
        if match and _NAMED_OBJECT.match(sentence, match.end()) and not _title_case(sentence):
            match = None  # "a guard fatally shot Earnest Sneed": he fired
        if match:
            outcome = self.outcome_of(match.group("trigger")) or (
                "killed" if re.search(r"kill|dead|dies|fatal", match.group("trigger"), re.I)
                else None)
            end = match.end()
            died = _THEN_DIED.match(sentence, end) if outcome in ("shot", "injured") else None
            if died:  # "6-year-old girl shot in the head, killed"
                outcome, end = "killed", died.end()
            if outcome:
                found.append(Found(outcome, one, match.group("noun"), match.start("noun"),
                                   end, singular_key="definite"))
        elif (match := dies) is not None:
            nth = ORDINAL.match(match.group("who"))
            if nth:  # "4th victim of shooting dies": the fourth death
                n = ordinal_value(nth.group(1))
                found.append(Found("killed", Amount(n, n, n, "exact"), match.group("noun"),
                                   match.start("who"), match.end()))
            else:  # "one of two men shot ... dies": the figure before is the group's
                start = match.start("who") if match.group("noun").lower() != "one" else (
                    match.end("who") - len(match.group("who").split()[-1]))
                found.append(Found("killed", one, match.group("noun"), start, match.end(),
                                   singular_key="definite"))
        for match in self.object_bare.finditer(sentence):
            outcome = "killed" if re.search(r"kill|dead|fatal", match.group(0), re.I) else "shot"
            end, count = match.end("noun"), 1
            while not match.group("self") and (more := self.more_objects.match(sentence, end)):
                end, count = more.end(), count + 1  # "kills wife, son, daughter, then himself"
                if more.group("self"):
                    break
            if count > 1 and outcome == "killed":  # the list is the toll, the killer included
                found.append(Found(outcome, Amount(count, count, count, "exact"),
                                   sentence[match.start("noun"):end], match.start(), end))
                continue
            found.append(Found(outcome, one, match.group("noun"), match.start(),
                               match.end("noun"), singular_key=f"noun:{match['noun'].lower()}"))
            if match.group("self"):
                found.append(Found("killed", one, "the perpetrator", match.start("self"),
                                   match.end(), singular_key="perpetrator"))
        return found


_SELF_END = re.compile(r",\s*(?:and\s+|then\s+)?(?:him|her)?self\b", re.IGNORECASE)
_LIST_ITEM = r"(?:(?:his|her|their)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}"
_DEAD_LIST = re.compile(  # "kills wife, 2 sons, then himself": the verb kills every item
    r"\b(?:kills|killed|killing|slays|slew|shoots\s+and\s+kills|shot\s+and\s+killed"
    r"|fatally\s+(?:shoots|shot)|(?:shoots|shot)\s+dead)\s+(?P<items>" + _LIST_ITEM
    + r"(?:\s*,\s*(?:and\s+)?" + _LIST_ITEM + r"){0,4})\s*,\s*(?:and\s+|then\s+)?"
    r"(?:him|her)?self\b", re.IGNORECASE)
_PLURAL = re.compile(r"(?:children|kids|people|family|families|[a-z]{3,}s)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:(?:his|her|their)\s+)?(?P<n>\d{1,2}|[a-z]+)\s+", re.IGNORECASE)


def _item_count(item: str, to_int: Callable[[str], int | None]) -> int | None:
    """How many people one item of a list of the dead names: "wife" one, "2 sons" two,
    "twin daughters" two; None when a plural gives no number ("children", "family")."""
    words = item.split()
    if not words or len(words) == 1 and to_int(item) is not None:
        return None  # "killing 2, then himself": whether the 2 hold the killer is not told
    number = _NUMBER.match(item)
    if number and number.group("n").lower() == "twin":
        return 2
    n = to_int(number.group("n")) if number else None
    if n is not None and len(words) > 1:
        return n
    last = words[-1].lower()
    if _PLURAL.search(last) and not re.fullmatch(SINGULAR_NOUNS, last, re.IGNORECASE):
        return None  # "bandmates" with no number: how many is not told
    return 1


_DIES = re.compile(r"\bdie[sd]\b|\bpasses\s+away\b", re.IGNORECASE)  # gate for self.dies
_DEATH_WORD = re.compile(r"killed|\bdie[sd]\b|dead|death|slain|fatally",  # self.clause_dead's
                         re.IGNORECASE)  # words: its noun alternation is slow to try everywhere
_THEN_DIED = re.compile(  # "... shot in the head, killed", "... shot Friday has died"
    r"[^.;:|,]{0,50}?(?:,\s*|\s+and\s+|\s+)(?:later\s+|now\s+)?(?:killed|dies|died"
    r"|has\s+died|dead)\b", re.IGNORECASE)
_NAMED_OBJECT = re.compile(r"\s+(?!(?:In|At|On|Near|Outside|Inside|During|After|Before|By|While"
                           r"|From|Over|Visiting|Monday|Tuesday|Wednesday|Thursday|Friday"
                           r"|Saturday|Sunday)\b)[A-Z][a-z]+\s+[A-Z][a-z]+")
_AND_NAME = re.compile(  # "fatally shot Earnest Sneed and Seth Easley": the second person
    r"\s+and\s+(?:(?P<age>\d{1,3})-year-old\s+)?(?P<who>[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")
_AND_KIN = re.compile(  # "... his wife and their two children", "... and her mother"
    r"\s+and\s+(?:his|her|their)\s+(?:(?P<n>two|three|four|five|six|[2-9])\s+)?"
    rf"(?P<noun>(?:{SINGULAR_NOUNS})s?|children|kids)\b(?!\s+(?:was|were)\s+(?:hurt|wounded"
    r"|injured|shot))")
_LEADING_WORD = re.compile(r"^(?:Since|Until|Once|Though|Although|Because|If|As|And|But|So"
                           r"|Then|Meanwhile|However|Advertisement|Related|Photo|Video)\s+")
_PLACE_BEFORE = re.compile(r"\b(?:of|in|from|near)\s+$")
_HEADLINE_NOUNS = (r"youth|dad|mom|cop|agent|robber|intruder|burglar|homeowner|shooter|victim"
                   r"|stepdad|mother|father|toddler|teenager|\d+(?:st|nd|rd|th)-grader|student|senior|athlete"
                   r"|player")

_NOT_NAMES = frozenset(
    "he she it they we i police officers authorities officials the a an this that there his her "
    "their monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december one two three sheriff deputies "
    "investigators witnesses prosecutors according after before when while no nobody someone "
    "somebody everyone anyone what who".split()
)


def _title_case(sentence: str) -> bool:
    """A headline in Title Case ("Teen Shot To Death Visiting Grandmother")."""
    words = [w for w in sentence.split()[:8] if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _a_name(who: str, *, pronouns: bool = False) -> bool:
    """``who`` opens with a name (or, with ``pronouns``, "he"/"she"), not a common word."""
    first = who.split()[0].lower()
    return first not in _NOT_NAMES or (pronouns and first in ("he", "she"))
