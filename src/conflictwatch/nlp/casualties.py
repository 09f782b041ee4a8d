"""Read casualty figures out of one sentence: the patterns behind ``nlp/claims.py``.

Patterns are compiled from ``patterns/claims.json`` once per :class:`CasualtyReader`:

- an amount followed by its victims and an outcome ("more than 1,000 people had been killed");
- an outcome verb followed by an amount ("killing 12 people", "the death toll rose to 45");
- one victim described alone ("a 12-year-old was killed", "Antonio Mason, 35, died");
- a stated zero ("no one was hurt").

Numbers that are not casualty figures (ages, years, times, addresses, "more than 20 people
were inside") never match, because a pattern needs an outcome word bound to the number; a
negated outcome ("was not injured") is no claim.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conflictwatch.nlp.casualty_words import (
    ACCIDENT,
    INTENT,
    LATER_DIED,
    LIVES,
    NEGATED,
    NP_WORD,
    NUMBER_WORD,
    SHOOTING_DEATHS,
    TITLE_WORDS,
    TOOK,
    UNQUANTIFIED,
    VERB_OUTCOMES,
    not_a_count,
)
from conflictwatch.nlp.found import AUX, ORDINAL, SINGULAR_NOUNS, Found, person_key
from conflictwatch.nlp.numbers import Amount, AmountParser
from conflictwatch.nlp.people import PeopleReader
from conflictwatch.nlp.wounds import WoundReader

PATTERNS = Path(__file__).parent / "patterns" / "claims.json"
_TO_DEATH = re.compile(r"\s+(?:to\s+death|dead)\b", re.IGNORECASE)
_KIN = (r"mother|father|son|daughter|wife|husband|brother|sister|girlfriend|boyfriend"
        r"|grandmother|grandfather|aunt|uncle|cousin|friend|child|baby|partner")


def _two_people(word: str) -> str:
    """Two noun phrases joined by "and", each made of ``word``s: "A mother and (her) son"."""
    return (rf"(?:{word}\s+){{0,4}}?{word}\s+and\s+(?:(?:the|an?|his|her|their)\s+)?"
            rf"(?:{word}\s+){{0,3}}?{word}\s+")


def _alt(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


class CasualtyReader:
    """Finds casualty figures in one sentence; compiled from the lexicon once per instance."""

    def __init__(self, path: Path = PATTERNS, amounts: AmountParser | None = None) -> None:
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        self.amounts = amounts or AmountParser()
        self.outcome_res = {
            name: re.compile(rf"^(?:{_alt(words)})$", re.IGNORECASE)
            for name, words in lexicon["outcomes"].items()
        }
        outcome = _alt([w for words in lexicon["outcomes"].values() for w in words] + ["fatally"])
        self.victim_types = {
            name: re.compile(rf"\b(?:{_alt(words)})$", re.IGNORECASE)
            for name, words in lexicon["victims"].items()
        }
        self.generic = re.compile(rf"\b(?:{_alt(lexicon['generic_victims'])})$", re.IGNORECASE)
        nouns = _alt([w for words in lexicon["victims"].values() for w in words])
        age = r"(?:\d{1,3}-(?:year|month)-old\s+)?"  # "two 16-year-old boys"
        victims = rf"{age}(?:[A-Za-z'’-]+\s+){{0,3}}?(?:{nouns})"
        any_victims = (rf"{age}(?:[A-Za-z'’-]+\s+){{0,3}}?(?:{nouns}|[a-z]{{3,}}s"
                       r"|(?-i:[A-Z]{2,6}s?))")
        also = (r"(?P<more>\s+and\s+(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
                rf"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{nouns})|\s+and\s+(?:his|her|their)\s+"
                rf"(?:{_KIN}|parents|grandparents))?")
        place = r"(?:\s+(?:in|from|across|at|near|on)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
        aside = (r"(?:\s*,\s*(?:including|mostly|mainly|many\s+of\s+them|among\s+them)[^,]{0,60},"
                 r"|\s*,(?:[^,.;]{1,50},){1,3}|\s*[-–—]\s*[^-–—]{1,80}?\s*[-–—])?")
        self.after = re.compile(
            rf"\s+(?:of\s+(?:the\s+|them\s+|those\s+|these\s+|whom\s+)?)?(?P<victims>{any_victims})?"
            rf"{also}{place}{aside}{also.replace('<more>', '<more2>')}\s*{AUX}"
            rf"(?P<trigger>{outcome})\b",
            re.IGNORECASE,
        )
        self.after_short = re.compile(  # "one dead and two others hurt": the tight reading first
            rf"\s+(?:(?P<victims>(?:{nouns}))\s+)?{AUX}(?P<trigger>{outcome})\b", re.IGNORECASE)
        self.before = re.compile(
            r"(?P<trigger>(?:shoot|shot|shooting)\s+(?:and\s+kill(?:ed|ing|s)?|dead)"
            r"|fatally\s+(?:shooting|shot|shoots|stabbing|stabbed)"
            r"|killing|killed|kills|kill|injuring|injured|injures?|wounding|wounded|wounds?|hurting"
            r"|shot|shoots"
            r"|executed|executing|executes?|murdered|murdering|murders?|massacred|massacring"
            r"|massacres?|beheaded|beheading|beheads?|abducts?|kidnaps?|arrests?|detains?"
            r"|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|arrested|detained|arresting"
            r"|deaths?\s+of|killings?\s+of|murders?\s+of|shooting\s+deaths?\s+of|slayings?\s+of"
            r"|homicides?\s+of|fatal\s+shootings?\s+of"
            r"|detaining|kidnapped|abducted|abducting|kidnapping|displaced|displacing"
            r"|(?:dead\s+)?bod(?:y|ies)\s+of|(?P<self>(?:killing|killed)\s+(?:himself|herself)\s+and"
            r"(?:\s+the)?)"
            r"|(?P<toll>(?:death|casualty|injury)\s+toll|number\s+of\s+(?:dead|deaths|killed"
            r"|injured|wounded|casualties))(?:\s+[\w-]+){0,6}?\s+(?:to|at|of|reached|hit|is|was"
            r"|rose|climbed|stands|stood))\s+(?:(?:his|her|their|its)\s+)?[\"“‘']?$",
            re.IGNORECASE,
        )
        self.victims_after = re.compile(
            rf"\s+(?:of\s+(?:the\s+|them\s+)?)?(?P<victims>{victims})\b", re.IGNORECASE
        )
        self.conjunct = re.compile(  # not "... and an injured a baby": another outcome
            rf"(?:\s*,)?\s+(?:and|as\s+well\s+as)\s+(?:(?:an?|one|two|three|four|five|six|seven"
            rf"|eight|nine|ten|\d+)\s+)(?!(?:[\w'’-]+\s+){{0,3}}?(?:injured|wounded|hurt|shot)\b)"
            rf"{victims}\b", re.IGNORECASE)
        self.singular = re.compile(
            rf"\b(?P<det>[Aa]n?|[Aa]nother|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<desc>(?:[\w'’-]+\s+)"
            rf"{{0,3}}?)(?P<noun>{SINGULAR_NOUNS})\b(?:\s+(?:of|from|in|at|inside)\s+(?:the\s+)?"
            rf"[\w'’ -]{{1,40}}?)?"
            rf"(?:,[^,.;]{{1,70}},|,)?\s+{AUX}(?P<trigger>{outcome})\b"
        )
        self.named = re.compile(
            r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][A-Za-z'.-]+){1,3}),\s+(?P<age>\d{1,3}),"
            r"(?:\s+(?:of|from)\s+[A-Z][\w .]{1,30},)?\s+" + AUX + rf"(?P<trigger>{outcome})\b"
        )
        self.object_singular = re.compile(
            r"\b(?P<trigger>kill(?:ed|ing|s)?|execut(?:ed|ing|es)|shot\s+dead|shot\s+and\s+killed"
            r"|shooting\s+dead|stabbed\s+to\s+death|shot|shoot(?:ing|s)?"
            r"|wound(?:ed|ing|s)?"
            r"|injur(?:e|ed|ing|es)|detain(?:ed|ing|s)?|arrest(?:ed|ing|s)?|kidnap(?:ped|ping|s)?"
            r"|abduct(?:ed|ing|s)?|beat(?:en)?\s+to\s+death|hacked\s+to\s+death|assassinat(?:ed|ing|es)"
            r"|murder(?:ed|ing|s)?|behead(?:ed|ing|s)?|lynch(?:ed|ing|es)?|(?:shooting|wounding)\s+of"
            r")\s+(?P<det>an?|one"
            r"|the|his|her|their)\s+(?P<desc>(?:[\w'’-]+\s+){0,3}?)"
            rf"(?P<noun>{SINGULAR_NOUNS}|(?!(?:total|number|further|few|couple|handful|dozen"
            r"|series|group|lot|car|vehicle|house|home|building|bomb|shot|round|bullet)\b)[a-z]{4,}"
            r"(?=\s*(?:[,.;:]|$|\s+(?:and|in|on|at|during|near|with|who|after|before|while|when|as"
            r"|from|outside|inside|by|for)\b)))\b"
        )
        self.people = PeopleReader(self.outcome_of, self._listed, self.amounts.to_int)
        self.wounds = WoundReader(self.amounts.to_int)
        self.generic_passive = re.compile(
            r"\b(?P<det>[Aa]n?)\s+(?P<desc>(?:[a-z'’-]+\s+){0,2}?)(?P<noun>[a-z]{4,})\s+"
            r"(?:was|has\s+been|had\s+been|is|was\s+found|is\s+found)\s+(?:found\s+)?"
            r"(?:(?:reportedly|allegedly|later|also|then|brutally|fatally)\s+)?"
            r"(?:(?:shot\s+and\s+)?killed|shot\s+dead|killed|decapitated|dead|murdered"
            r"|assassinated|lynched|massacred"
            r"|stabbed\s+to\s+death|beaten\s+to\s+death|executed|beheaded|kidnapped|abducted"
            r"|injured|wounded|arrested)\b")
        two = _two_people(r"[\w'’-]+")  # "A mother and (her) son"
        self.pairs = (
            re.compile(r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+" + two + r"|\b(?-i:[A-Z][a-z'’-]+"
                       r"(?:\s+[A-Z][\w'’.-]+){1,3}\s+and\s+[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
                       r"\s+))were\s+(?:(?:both|also)\s+)*"
                       r"(?:found\s+)?(?:shot\s+and\s+)?(?P<trigger>killed|injured|wounded|hurt"
                       r"|kidnapped|abducted|arrested|shot\s+dead|shot\s+to\s+death"
                       r"|fatally\s+(?:shot|stabbed|wounded)|found\s+dead|pronounced\s+dead"
                       r"|dead|(?:hit|struck|grazed)\s+by\s+(?:gunfire|bullets)|shot)\b"),
            re.compile(r"\b(?:found|left|leaving|leaves)\s+(?:the\s+bodies\s+of\s+)?(?:an?|the"
                       r"|his|her)\s+" + two + r"(?P<trigger>dead)\b"),
            # "found a father and daughter dead", "left a man and woman dead"
            re.compile(r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+" + _two_people(NP_WORD)
                       + r"(?:both\s+)?(?P<trigger>died)\b"),  # "A woman and a girl died"
            re.compile(r"\b(?-i:[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s+and\s+[A-Z][a-z'’-]+"
                       r"(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:both\s+)?(?P<trigger>died)\b"),
            # "Both Stover and Gilliam died from their wounds"
            re.compile(r"^\s*(?:[^:;|]{1,40}:\s+)?(?:[\w'’-]+\s+){0,2}?(?:" + SINGULAR_NOUNS
                       + r"),\s+(?:[\w'’-]+\s+)?(?:" + SINGULAR_NOUNS + r")\s+(?:found\s+)?"
                       r"(?:shot\s+)?(?P<trigger>dead|killed)\b", re.IGNORECASE),
            # a headline's pair: "Father, daughter found dead in Fort Worth home"
        )
        self.perpetrator = re.compile(
            r"\b(?:(?:killed|killing|kills|shot|shooting|shoots)\s+(?:only\s+)?(?:himself|herself)"
            r"|took\s+(?:his|her)\s+own\s+life|taking\s+(?:his|her)\s+own\s+life"
            r"|turn(?:ed|ing|s)\s+the\s+gun\s+on\s+(?:himself|herself)|committed\s+suicide"
            r"|died(?:\s+[\w-]+){0,4}?\s+(?:of|from)\s+(?:an?\s+)?self-inflicted"
            r"|(?<!double\s)(?<!attempted\s)murder-suicide)\b",
            re.IGNORECASE)
        self.multiple = re.compile(
            r"\b(?P<n>double|triple|quadruple|quintuple)[\s-]+(?:homicide|murder|killing|slaying"
            r"|fatal\s+shooting|shooting\s+death|murder-suicide)s?\b", re.IGNORECASE)
        self.murder_counts = re.compile(  # "charged with two counts of first-degree murder"
            r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|[2-9]|1[0-9])\s+(?:counts?\s+of"
            r"\s+(?:(?:first|second|third)[\s-]degree\s+|aggravated\s+|capital\s+|criminal\s+"
            r"|premeditated\s+)*(?:murder|homicide)|(?:(?:first|second)[\s-]degree\s+)?(?:murder"
            r"|homicide)\s+counts)\b", re.IGNORECASE)
        self.pronoun_object = re.compile(
            r"\b(?:killing|killed|shot\s+dead|shooting\s+dead|executed|executing|murdered"
            r"|murdering)\s+(?:him|her)\b(?!self)", re.IGNORECASE)
        self.another = re.compile(  # "another was killed", not "another killing" (incident)
            rf"\banother\s+(?!(?:killing|death|homicide|murder|slaying|fatality)\b){AUX}"
            rf"(?P<trigger>{outcome})\b", re.IGNORECASE)
        self.zero = re.compile(
            r"\b(?:no\s+one|nobody|no\s+one\s+else|none\s+of\s+the\s+\w+|no\s+(?:other\s+)?"
            r"(?:officers?|police\s+officers?|deputies|soldiers|troops|civilians|students|passengers"
            r"|children|residents|bystanders|employees|customers|firefighters))\s+"
            r"(?:was|were|has\s+been"
            r"|had\s+been|is|got)\s+(?:\w+\s+)?(?P<t>hurt|injured|killed|wounded|harmed|shot|hit)"
            r"|\bno\s+(?P<t2>injuries|deaths|fatalities|casualties|arrests)\s+(?:were|was|have"
            r"\s+been|had\s+been)?\s*(?:immediately\s+)?reported"
            r"|\bthere\s+were\s+no\s+(?P<t3>injuries|deaths|fatalities|casualties|arrests)\b"
            r"|\bdid\s+not\s+(?P<t4>injure|hurt|kill|wound)\s+anyone\b",
            re.IGNORECASE,
        )

    def _read_unquantified(self, sentence: str) -> list[Found]:
        """Deaths or injuries stated with no number ("an unknown number of soldiers died",
        "heavy casualties"): a vague claim with no bounds, so the event says fatalities
        occurred without inventing a figure."""
        found = []
        for match in UNQUANTIFIED.finditer(sentence):
            if re.search(r"\b(?:no|any|without)\s+(?:other\s+|further\s+|more\s+)?$",
                         sentence[:match.start()], re.IGNORECASE):
                continue  # "no casualties were reported" is the zero rule's
            word = next(match[g] for g in ("w1", "w2", "w3", "w4") if match[g]).lower()
            outcome = "injured" if word.startswith(("wound", "injur")) else "killed"
            victims = (match.groupdict().get("victims") or "").strip()
            found.append(Found(outcome, Amount(None, None, None, "vague", text=match.group(0)),
                               victims, match.start(), match.end()))
        return found

    def active_voice(self, sentence: str, match: re.Match) -> bool:
        """A transitive trigger with no passive auxiliary and an object after it is active
        ("two gunmen killed three people"): its subject is the perpetrator, not the victim."""
        trigger = match.group("trigger").lower()
        end = match.end("trigger")
        if trigger == "fatally":  # "a guard fatally shot two robbers": the verb follows
            verb = re.match(r"\s+(?:shot|shoots|stabbed|stabs|wounded|wounds)\b", sentence[end:])
            if verb is None:
                return False
            trigger, end = "shot", end + verb.end()
        trigger = re.sub(r"^(?:fatally|mortally)\s+", "", trigger)
        if not re.match(r"(?:kill|shot|shoot|wound|injur|hurt|murder|stab|arrest|detain|kidnap"
                        r"|abduct|execut|massacr|slay|slew)", trigger) or trigger.startswith(
                            "shot dead"):
            return False
        between = sentence[match.start():match.start("trigger")]
        if re.search(r"\b(?:was|were|been|is|are|got|get|being|be)\b", between, re.IGNORECASE):
            return False
        after = sentence[end:end + 40]
        if re.search(r"\b(?:who|that)\s+$", between) or (
                re.match(r"\s+(?:at|through|into)\b", after) and trigger.startswith(("shot",
                                                                          "shoot"))):
            return True  # "two men who shot ...", "shot at the officers", "shot through the
            # floor": they fired (but "four people killed at the home" were killed there)
        if re.match(r"\s+and\s+(?!(?:an?|one|two|three|four|five|six|seven|eight|nine|ten"
                    r"|another|at|more|\d)\b)[a-z]+", after):
            return True  # "who shot and fled", "shot and wounded a man": a verb joins it
        return bool(re.match(r"\s+(?:and\s+killed\s+)?(?:(?:an?|the|his|her|their|its|two|three"
                             r"|four|five|six|seven|eight|nine|ten|at\s+least|more\s+than)\b"
                             r"|\d|(?!" + TITLE_WORDS + r")[A-Z])", after))

    def outcome_of(self, trigger: str) -> str | None:
        """The outcome a trigger phrase names ("shot" is kept apart: killed or injured)."""
        words = re.sub(r"\s+", " ", trigger.strip().lower())
        if words == "fatally":
            return "killed"
        for name, pattern in self.outcome_res.items():
            if pattern.match(words):
                return name
        return None

    def victim_type(self, victims: str, sentence: str) -> str:
        """civilians, security_forces, combatants, mixed or unknown, from the victim phrase."""
        phrase = victims.strip()
        if phrase and not self.generic.search(phrase):
            for name in ("security_forces", "combatants", "civilians"):
                if self.victim_types[name].search(phrase):
                    return name
        if re.search(r"\b(?:majority\s+of\s+them|most\s+of\s+them|mostly|mainly|including)\s+"
                     r"(?:\w+\s+)?civilians", sentence, re.IGNORECASE):
            return "mixed"
        if phrase and self.victim_types["civilians"].search(phrase) and not self.generic.search(
                phrase):
            return "civilians"
        return "unknown"

    def read(self, sentence: str) -> list[Found]:
        """Every casualty figure stated in one sentence."""
        found: list[Found] = []
        used: list[tuple[int, int]] = []
        for item in self.people.read_dead_list(sentence):  # "kills wife, son, himself": 3
            found.append(item)
            used.append((item.start, item.end))
        for amount in self.amounts.find_amounts(sentence):
            if any(s <= amount.start < e for s, e in used):
                continue
            item = self._read_amount(sentence, amount)
            if item is not None:
                found.append(item)
                used.append((item.start, item.end))
        for item in self._read_singulars(sentence):
            if not any(s <= item.start < e or item.start <= s < item.end for s, e in used):
                found.append(item)
                used.append((item.start, item.end))
        for item in self._read_unquantified(sentence):
            if not any(s <= item.start < e or item.start <= s < item.end for s, e in used):
                found.append(item)
        for match in self.zero.finditer(sentence):
            word = (match.group("t") or match.group("t2") or match.group("t3")
                    or match.group("t4")).lower()
            outcome = {"hurt": "injured", "harmed": "injured", "shot": "injured", "hit": "injured",
                       "injure": "injured", "kill": "killed", "wound": "injured",
                       "injuries": "injured", "deaths": "killed", "fatalities": "killed",
                       "casualties": "killed", "arrests": "detained"}.get(word) or \
                self.outcome_of(word)
            if outcome and "else" not in match.group(0).lower():
                found.append(Found(outcome, Amount(0, 0, 0, "exact"), "", match.start(),
                                    match.end()))
        return sorted((f for f in found if f.amount.best == 0
                       or not NEGATED.search(sentence, f.start, f.end)), key=lambda f: f.start)

    def _read_amount(self, sentence: str, amount: Amount) -> Found | None:
        if not_a_count(sentence, amount):
            return None
        deaths = SHOOTING_DEATHS.match(sentence, amount.end)
        if deaths:  # "5 Georgia shooting deaths"
            return Found("killed", amount, "", amount.start, deaths.end())
        lives = LIVES.match(sentence, amount.end)
        if lives and TOOK.search(sentence, max(0, amount.start - 30), amount.start):
            return Found("killed", amount, "lives", amount.start, lives.end())
        match = self.after_short.match(sentence, amount.end) or self.after.match(sentence,
                                                                                  amount.end)
        if match and not self.active_voice(sentence, match):
            outcome = self.outcome_of(match.group("trigger"))
            if outcome and (amount.low or 0) > 1 and not match.group("victims") and re.fullmatch(
                    r"death|killing|homicide|murder|fatality|injury|casualty",
                    match.group("trigger"), re.IGNORECASE):
                return None  # "the city's 15 death": a number beside a singular, no toll
            if outcome:
                victims = (match.group("victims") or "").strip()
                more = " ".join(m for m in (match.groupdict().get("more"),
                                            match.groupdict().get("more2")) if m)
                if match.group(0).lstrip().lower().startswith("of "):
                    return Found(outcome, self._of_group(amount, match), victims, amount.start,
                                 match.end())
                return Found(outcome, self._with_conjuncts(amount, f"{victims} {more}"),
                             victims, amount.start, match.end())
        before = self.before.search(sentence, max(0, amount.start - 90), amount.start)
        if before and INTENT.search(sentence, 0, before.start("trigger") + 1) and not \
                before.group("trigger").lower().endswith("ing"):
            before = None  # "plotted to kill two", "will kill 5": intent, not a toll; but
            # "pleaded guilty to murdering three people" is one
        if before:
            trigger = before.group("toll") or before.group("trigger")
            if before.group("self"):
                amount = Amount(*(None if v is None else v + 1
                                  for v in (amount.low, amount.high, amount.best)),
                                amount.qualifier, amount.start, amount.end, amount.text)
                trigger = "killing"
            elif trigger.lower().split()[-1] == "of" and "bod" in trigger.lower():
                trigger = "killed"
            outcome = self._toll_outcome(trigger) if before.group("toll") else (
                self._verb_outcome(trigger))
            if outcome:
                tail = self.victims_after.match(sentence, amount.end)
                end = tail.end() if tail else amount.end
                dead = _TO_DEATH.match(sentence, end) if outcome in ("shot", "wounded") else None
                if dead:  # "shot four people to death", "stabbed two men dead"
                    outcome, end = "killed", dead.end()
                more = self.conjunct.match(sentence, end)
                if more:
                    amount = self._with_conjuncts(amount, more.group(0))
                    end = more.end()
                return Found(outcome, amount, tail.group("victims").strip() if tail else "",
                             before.start(), end)
        return None

    def _of_group(self, amount: Amount, match: re.Match) -> Amount:
        """"one of three people is dead" is one; in "one of eight family members killed" or
        "one of two men who were shot" the outcome is the group's: eight, two."""
        group = next((a for a in self.amounts.find_amounts(match.group("victims") or "")
                      if a.best), None)
        between = match.string[match.end("victims") if group else 0:match.start("trigger")]
        if group is None or (re.search(r"\b(?:is|was|has|had)\b", between)
                             and not re.search(r"\b(?:who|that)\b", between)):
            return amount
        return Amount(group.low, group.high, group.best, group.qualifier, amount.start,
                      amount.end, amount.text)

    def _with_conjuncts(self, amount: Amount, victims: str) -> Amount:
        """"two militants and five soldiers": the amounts listed together add up."""
        inner = [a for a in self.amounts.find_amounts(victims) if a.best is not None]
        inner += [Amount(1, 1, 1, "exact") for _ in re.finditer(r"\band\s+an?\s", victims)]
        inner += [Amount(n, n, n, "exact") for m in re.finditer(  # "... and their mother"
            rf"\band\s+(?:his|her|their)\s+(?:(?P<one>{_KIN})|(?:grand)?parents)\b", victims)
            for n in [1 if m.group("one") else 2]]
        if not inner:
            return amount
        parts = [amount, *inner]
        low = None if any(p.low is None for p in parts) else sum(p.low for p in parts)
        high = None if any(p.high is None for p in parts) else sum(p.high for p in parts)
        best = None if any(p.best is None for p in parts) else sum(p.best for p in parts)
        qualifier = amount.qualifier if amount.qualifier != "range" else "range"
        return Amount(low, high, best, qualifier, amount.start, amount.end, amount.text)

    def _verb_outcome(self, trigger: str) -> str | None:
        """The outcome of a verb before its figure, in any tense ("kill 7", "killed 7")."""
        if re.search(r"\b(?:kill\w*|dead|death|murder\w*|shooting)\b", trigger, re.I) and not \
                self.outcome_of(trigger):
            return "killed"
        return (self.outcome_of(trigger) or self.outcome_of(trigger.split()[0].rstrip("s"))
                or self.outcome_of(VERB_OUTCOMES.get(trigger.lower()[:4], "")))

    def _toll_outcome(self, phrase: str) -> str:
        lowered = phrase.lower()
        return "injured" if ("injur" in lowered or "wound" in lowered) else "killed"

    def _read_singulars(self, sentence: str) -> list[Found]:
        found = []
        one = Amount(1, 1, 1, "exact")
        pairs = self.pairs if " and " in sentence else self.pairs[-1:]  # "X and Y", or a
        # headline's "X, Y found dead" (the last pattern)
        for match in (m for pattern in pairs for m in pattern.finditer(sentence)):
            if re.search(r"\b\d+\b(?!-(?:year|month|week|day))|\b(?:two|three|four|five|six"
                         r"|dozens?|hundreds?)\b", match.group(0)):
                continue
            trigger = match.group("trigger").lower()
            outcome = "killed" if re.search(r"dead|death|fatally|died", trigger) else (
                self.outcome_of(trigger))
            if outcome:
                found.append(Found(outcome, Amount(2, 2, 2, "exact"), match.group(0)[:60],
                                    match.start(), match.end()))
        for match in self.named.finditer(sentence):
            outcome = self.outcome_of(match.group("trigger"))
            if outcome:
                found.append(Found(outcome, one, f"{match.group('name')}, {match.group('age')}",
                                    match.start(), match.end(),
                                    singular_key=person_key(match.group("age"),
                                                             match.group("name"))))
        for match in self.singular.finditer(sentence):
            outcome = self.outcome_of(match.group("trigger"))
            if outcome == "killed" and match.group("det").lower() in ("his", "her", "their"):
                continue  # "his wife was killed": the named-victim readings (people.py) have it
            if not outcome or self.active_voice(sentence, match) or (ORDINAL.match(
                    match.group("desc")) and re.match(r"die|succ", match.group("trigger"))):
                continue  # "a third person has died" counts three (people.py)
            age = re.search(r"(\d{1,3})-year-old", match.group(0)) or re.match(
                r",\s*(\d{1,3}),", sentence[match.end("noun"):])
            det = match.group("det").lower()
            key = f"age:{age.group(1)}" if age else ("definite" if det == "the" else
                                                     f"noun:{match.group('noun').lower()}")
            victims = match.group(0)[: match.end("noun") - match.start()]
            end = match.end()
            died = LATER_DIED.match(sentence, end) if outcome in ("shot", "injured") else None
            if died:  # "a child was shot and later died"
                outcome, end = "killed", died.end()
            found.append(Found(outcome, one, victims, match.start(), end, singular_key=key))
        found += self.people.read(sentence)
        found += self.wounds.read(sentence)
        for match in self.object_singular.finditer(sentence):
            trigger = match.group("trigger").lower()
            outcome = "killed" if re.search(r"dead|killed|death", trigger) else self.outcome_of(
                VERB_OUTCOMES.get(trigger[:4], ""))
            if outcome == "killed" and match.group("det") in ("his", "her", "their"):
                continue  # "killed his wife": the named-victim reading (people.py) has it
            if NUMBER_WORD.search(match.group("desc")):
                continue  # "injuring his two children": a figure, the amount reader's
            if outcome:
                age = re.search(r"(\d{1,3})-year-old", match.group(0))
                key = f"age:{age.group(1)}" if age else (
                    "definite" if match.group("det") == "the" else
                    f"noun:{match.group('noun').lower()}")
                victims = match.group(0)[match.start("det") - match.start():]
                found.append(self._listed(Found(outcome, one, victims, match.start(),
                                                match.end(), singular_key=key), sentence))
        for match in self.pronoun_object.finditer(sentence):
            found.append(Found("killed", Amount(1, 1, 1, "exact"), "him/her", match.start(),
                               match.end(), singular_key="definite"))
        for match in self.perpetrator.finditer(sentence):
            if self.wounds.limb_wound(sentence, match.start()):
                continue  # "shot himself in the leg": a wound to himself (wounds.py)
            if ACCIDENT.search(sentence, max(0, match.start() - 40), match.end() + 40) and \
                    re.match(r"(?:shot|shoot)", match.group(0), re.IGNORECASE):
                # "accidentally shot himself": hurt by his own gun, a victim and no perpetrator
                found.append(Found("shot", Amount(1, 1, 1, "exact"), "himself/herself",
                                   match.start(), match.end(), singular_key="definite"))
                continue
            start = match.start() - (8 if sentence[:match.start()].endswith("fatally ") else 0)
            found.append(Found("killed", Amount(1, 1, 1, "exact"), "the perpetrator",
                               start, match.end(), singular_key="perpetrator"))
        for match in self.murder_counts.finditer(sentence):
            n = self.amounts.to_int(match["n"])
            found.append(Found("killed", Amount(n, n, n, "exact"), "", match.start(),
                               match.end(), implied=True))  # a fallback: counts can double
        for match in self.multiple.finditer(sentence):
            n = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}[match["n"].lower()]
            found.append(Found("killed", Amount(n, n, n, "exact"), "", match.start(),
                                match.end()))
        for match in self.generic_passive.finditer(sentence):
            if self.singular.match(sentence, match.start()):
                continue
            trigger = sentence[match.end("noun"):match.end()].split()[-1]
            outcome = self.outcome_of(trigger) or "killed"
            found.append(Found(outcome, one, match.group(0)[: match.end("noun") - match.start()],
                                match.start(), match.end(),
                                singular_key=f"noun:{match.group('noun').lower()}"))
        for match in self.another.finditer(sentence):
            outcome = self.outcome_of(match.group("trigger"))
            if outcome:
                found.append(Found(outcome, one, "another", match.start(), match.end(),
                                    singular_key=f"another:{match.start()}"))
        return found


    def _listed(self, item: Found, sentence: str) -> Found:
        """One victim listed with others ("killing an army colonel and four soldiers"): one
        figure for them all."""
        more = self.conjunct.match(sentence, item.end)
        if more is None:
            return item
        return Found(item.outcome, self._with_conjuncts(item.amount, more.group(0)),
                     item.victims, item.start, more.end())
