"""Non-fatal gunshot wounds told without a victim noun before the verb: "she was hit in the
stomach", "shot him in the thigh", "a bullet struck the child in the groin", "shoots self in
groin", "sends one man to the hospital", "teen hit by gunfire", "16-year-old's gunshot wound".

Each is a ``shot`` figure (the wounded and the dead together): ``claims._settle_shot`` keeps it
as injured only when no death may be the same person. Gated by :data:`WOUND_WORDS`, so a
sentence without one pays a single search.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictwatch.nlp.casualty_words import LATER_DIED
from conflictwatch.nlp.found import SINGULAR_NOUNS, Found, person_key
from conflictwatch.nlp.numbers import Amount

BODY = (r"(?:legs?|arms?|side|back|chest|head|hands?|foot|feet|shoulders?|stomach|abdomen|neck"
        r"|face|torso|hip|thighs?|buttocks?|groin|knees?|ankles?|wrists?|jaw|eyes?|fingers?"
        r"|toes?|elbows?|calf|shins?|heel|forearms?|pelvis|lower\s+body|upper\s+body|extremit"
        r"(?:y|ies))")
LIMB = (r"(?:legs?|arms?|hands?|foot|feet|thighs?|buttocks?|groin|knees?|ankles?|wrists?"
        r"|fingers?|toes?|elbows?|calf|shins?|heel|forearms?|hip|side|shoulders?)")
TIMES = (r"(?:(?:once|twice|three\s+times|four\s+times|several\s+times|multiple\s+times"
         r"|repeatedly)\s+)?")
WHERE = rf"{TIMES}in\s+(?:the|his|her|their|one|both)\s+(?:[\w-]+\s+){{0,2}}?{BODY}\b"
_BY_GUNFIRE = (r"(?:hit|struck|grazed|wounded)\s+by\s+(?:an?\s+|the\s+)?(?:stray\s+)?(?:gunfire"
               r"|bullets?|rounds?|(?:shotgun\s+)?pellets?|gunshots?|a\s+shot)\b")
WOUND_WORDS = re.compile(r"\b(?:hit|struck|strik|graz|shot|shoot|wound|hospital|gunfire"
                         r"|gunshot|bullet|critical|stable|recovering|suffer|sustain|received)",
                         re.IGNORECASE)
_HIT = re.compile(r"\b(?:hit|struck|grazed|wounded|shot)\b", re.IGNORECASE)
_HIT_BY = re.compile(r"\b(?:hit|struck|grazed|wounded)\s+by\b", re.IGNORECASE)
_STATE = re.compile(r"critical|stable|serious|hospitalized|recovering|suffers", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:was|had|has|got|gets|is)\b")
_HOSPITAL = re.compile(r"hospital|emergency\s+room|\bER\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:gunshot|grazed|hit|struck)\b",
                         re.IGNORECASE)
_NOT_A_NAME = re.compile(  # a capitalised word that names nobody: "Police was hit", "He ..."
    r"(?:The|A|An|This|That|He|She|It|They|Police|Officers?|Authorities|Deputies|Investigators"
    r"|Nobody|No|One|Someone|Everyone|Sheriff|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b")
_PLURALS = r"people|persons|men|women|children|kids|teens|teenagers|boys|girls|officers|others"
_HEADLINE_NOUNS = rf"{SINGULAR_NOUNS}|youth|teenager|toddler|juvenile|dad|mom|cop|student"


class WoundReader:
    """Finds non-fatal gunshot wounds in one sentence (each a ``shot`` figure)."""

    def __init__(self, to_int: Callable[[str], int | None]) -> None:
        self.to_int = to_int  # AmountParser.to_int: "two" -> 2
        self.pronoun_hit = re.compile(  # "she was hit in the stomach", "he was grazed by a bullet"
            r"\b(?P<who>[Hh]e|[Ss]he)\s+(?:was|had\s+been|has\s+been|got|gets|is|was\s+being)\s+"
            r"(?:(?:also|accidentally|apparently|reportedly|allegedly|then)\s+)?(?:shot|hit"
            rf"|struck|grazed|wounded)\s+{WHERE}|\b(?P<who2>[Hh]e|[Ss]he)\s+(?:was|had\s+been"
            rf"|has\s+been|got|is)\s+(?:(?:also|apparently|reportedly)\s+)?{_BY_GUNFIRE}")
        self.object_hit = re.compile(  # "shot him in the thigh", "struck the child in the groin"
            r"\b(?:shot|shoots|shooting|struck|strikes|striking|hit|hits|hitting|grazed|grazing"
            r"|grazes|wounded|wounding|wounds)\s+(?:(?P<pronoun>him|her)|(?P<det>the|an?|his"
            rf"|her|their)\s+(?:(?P<age>\d{{1,3}})-year-old\s+)?(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?P<noun>{SINGULAR_NOUNS})|(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\s+{WHERE}")
        self.self_wound = re.compile(  # "shoots self in groin", "shot himself in the leg",
            # "shoots own leg": a wound to oneself, not a suicide
            r"\b(?:shoot|shoots|shot|shooting)\s+(?:(?:him|her)self(?=\s+in\s)|self\b|(?:his|her)"
            rf"\s+own\s+{LIMB}\b)(?:\s+{TIMES}in\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+)?"
            rf"(?P<part>{BODY})\b)?", re.IGNORECASE)
        self.sent_to_hospital = re.compile(  # "sends one man to the hospital"
            r"\b(?:sent|sends|sending|put|puts|landed|lands|left|leaves)\s+(?P<n>an?|one|two|three"
            rf"|four|five|six|\d)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{_PLURALS}|{SINGULAR_NOUNS})"
            r"\s+(?:to|in)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?:hospitals?"
            r"|emergency\s+rooms?|ER)\b", re.IGNORECASE)
        victim = (r"(?:an?\s+|the\s+)?(?:\d{1,3}-year-old\s+|[\w'’-]+\s+){0,2}?"
                  rf"(?P<noun>{_HEADLINE_NOUNS})(?:,\s*\d{{1,3}},)?\s+(?:is\s+|gets\s+)?")
        self.clause_hit = re.compile(  # "after teen hit by gunfire", "arrested after child shot"
            rf"\b(?:after|as|when)\s+{victim}(?:{_BY_GUNFIRE}|(?:accidentally\s+)?shot"
            r"(?!\s+(?:and\s+killed|dead|to\s+death|at)\b)|wounded)(?!\s+(?:and\s+)?(?:killed"
            r"|dies|died|dead)\b)", re.IGNORECASE)
        self.headline_hit = re.compile(  # "4-year-old boy hit by stray bullet outside ..."
            rf"^\s*(?:[^:;|]{{1,40}}:\s+)?{victim}{_BY_GUNFIRE}(?!\s+(?:and\s+)?(?:killed|dies"
            r"|died|dead)\b)", re.IGNORECASE)
        self.both_hit = re.compile(  # "Both were taken to the hospital", "the two victims were
            # shot": two people hurt, the dead among them (settled as shot minus killed)
            r"\b(?:[Bb]oth|[Tt]he\s+two)(?:\s+(?:of\s+them|victims|men|women|boys|girls|children"
            r"|teens|teenagers|officers|brothers|sisters|males|females|wounded\s+\w+))?\s+(?:(?:were"
            r"|are|have\s+been|had\s+been|also|reportedly|later|then)\s+)*(?:shot|wounded|injured"
            r"|hospitalized|hit|struck|grazed|(?:taken|transported|rushed|airlifted|flown)\s+(?:by\s+"
            r"[\w\s]{1,30}?\s+)?to|treated\s+(?:for|and\s+released)|(?:listed\s+)?in\s+(?:stable"
            r"|critical|serious|good|fair|guarded)|suffered|expected\s+to\s+(?:survive|recover))\b"
            r"(?!\s+(?:to\s+death|dead|and\s+killed)\b)")
        self.named_hit = re.compile(  # "Howard was shot in the face", "Hall suffered a gunshot
            # wound to his hand" (a name the places stage reads as a place leaves the key)
            r"\b(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+(?:(?:was|had\s+been|has\s+been"
            r"|got)\s+(?:also\s+|accidentally\s+|reportedly\s+)?(?:shot|wounded|grazed|hit|struck)"
            r"(?!\s+(?:and\s+killed|dead|to\s+death|at|through|by\s+(?:an?\s+|the\s+)?(?:car|vehicle"
            r"|truck|train|driver|motorist|pickup|SUV))\b)(?=\s+(?:in|by|once|twice|multiple|several"
            r"|and|while|as|during|on|at|after|\w+day|[,.;]))|(?:also\s+)?(?:suffered|sustained"
            r"|received)\s+(?:an?\s+|multiple\s+|several\s+)?(?:(?!fatal|mortal)[\w-]+\s+)?gunshot"
            r"\s+wounds?\b)")
        self.headline_state = re.compile(  # "Killeen 2-year-old in critical condition from
            # gunshot", "Boy stable after accidental shooting", "Teen suffers gunshot wound"
            r"^\s*(?:[^:;|]{1,40}:\s+)?(?:(?:an?|the)\s+)?(?:\d{1,3}-year-old\s+|(?-i:[A-Z][\w.'’-]*)\s+)"
            rf"{{0,3}}?(?P<noun>{_HEADLINE_NOUNS})(?:,\s*\d{{1,3}},)?\s+(?:is\s+|remains\s+|listed\s+)*"
            r"(?:in\s+(?:critical|serious|stable|fair|good)\s+condition|critical|stable|hospitalized"
            r"|recovering|suffers\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:gunshot\s+)?wounds?)\b(?!\s+(?:and|but)"
            r"\s+(?:dies|died|killed|dead)\b)", re.IGNORECASE)
        self.headlines = (self.headline_hit, self.headline_state)  # tried on short sentences
        self.possessive = re.compile(  # "16-year-old's gunshot wound", "13-year-old's toe grazed"
            rf"\b(?P<noun>{_HEADLINE_NOUNS})['’]s\s+(?:(?:[\w-]+\s+){{0,2}}?gunshot\s+wounds?\b"
            rf"|{BODY}\s+(?:is\s+|was\s+)?(?:grazed|hit|struck)\b)", re.IGNORECASE)

    def read(self, sentence: str) -> list[Found]:
        """Every non-fatal gunshot wound of this module's shapes in one sentence."""
        if not WOUND_WORDS.search(sentence):
            return []
        found = []
        one = Amount(1, 1, 1, "exact")
        for match in self.pronoun_hit.finditer(sentence) if _PRONOUN.search(sentence) else ():
            found.append(self._wound(sentence, match, match["who"] or match["who2"], "definite"))
        for match in self.object_hit.finditer(sentence):
            if match["pronoun"]:
                key, who = "definite", match["pronoun"]
            elif match["noun"]:
                who = match["noun"]
                key = f"age:{match['age']}" if match["age"] else (
                    "definite" if match["det"] == "the" else f"noun:{who.lower()}")
            else:
                who = match["name"]
                key = person_key(None, who)
            found.append(self._wound(sentence, match, who, key))
        for match in self.self_wound.finditer(sentence):
            if match["part"] and re.match(r"(?:head|face|chest|neck)", match["part"], re.I):
                continue  # "shot himself in the head": the perpetrator reading (casualties.py)
            found.append(Found("shot", one, "himself/herself", match.start(), match.end(),
                               singular_key="definite"))  # the person named elsewhere
        for match in (self.sent_to_hospital.finditer(sentence) if _HOSPITAL.search(sentence)
                      else ()):
            n = 1 if match["n"].lower() in ("a", "an") else self.to_int(match["n"])
            if n:
                found.append(Found("shot", Amount(n, n, n, "exact"), match["noun"],
                                   match.start(), match.end()))
        for match in self.both_hit.finditer(sentence):
            found.append(Found("shot", Amount(2, 2, 2, "exact"), "both", match.start(),
                               match.end()))
        for match in self.named_hit.finditer(sentence):
            if not _NOT_A_NAME.match(match["name"]):
                found.append(self._wound(sentence, match, match["name"],
                                         person_key(None, match["name"])))
        for pattern, gate in ((self.clause_hit, _HIT), (self.headline_hit, _HIT_BY),
                              (self.headline_state, _STATE), (self.possessive, _POSSESSIVE)):
            if not gate.search(sentence) or (pattern in self.headlines and len(sentence) > 160):
                continue  # their noun alternations are slow to try everywhere; a headline's
                # shapes are tried on headline-long sentences only
            for match in pattern.finditer(sentence):
                found.append(Found("shot", one, match["noun"], match.start("noun"), match.end(),
                                   singular_key="definite"))
        return found

    def limb_wound(self, sentence: str, start: int) -> bool:
        """Whether a self-inflicted wound at ``start`` is to a limb ("shot himself in the
        leg"), not a suicide ("shot himself in the head", "shot himself")."""
        match = self.self_wound.match(sentence, start)
        return bool(match and match["part"] and re.fullmatch(LIMB, match["part"], re.I))

    @staticmethod
    def _wound(sentence: str, match: re.Match, who: str, key: str) -> Found:
        """A wound, or a death when the clause goes on "... and later died"."""
        died = LATER_DIED.match(sentence, match.end())
        if died:
            return Found("killed", Amount(1, 1, 1, "exact"), who, match.start(), died.end(),
                         singular_key=key)
        return Found("shot", Amount(1, 1, 1, "exact"), who, match.start(), match.end(),
                     singular_key=key)
