"""Word patterns the casualty reader (``nlp/casualties.py``) binds numbers with: what is not
a count, what marks intent or negation, and the fixed phrases of outcomes ("claimed 10 lives",
"was shot and later died")."""

from __future__ import annotations

import re

from conflictwatch.nlp.numbers import Amount

NOT_COUNTS = re.compile(
    r"\s*(?:%|percent|per\s*cent|:\d|a\.m\.|p\.m\.|am\b|pm\b|block|miles?|km|kilomet|met(?:er|re)s?"
    r"|feet|foot|yards?|years?|months?|weeks?|days?|hours?|minutes?|seconds?|times|rounds|shots"
    r"|bullets|cases|counts?|dollars|euros|pounds|acres|mph|degrees|st\b|nd\b|rd\b|th\b"
    r"|(?:search\s+)?warrants|(?:gunshot\s+|stab\s+)?wounds|casings|firearms|guns|weapons"
    r"|news\b(?!\s+(?:reporters?|crews?|staff|photographers?|journalists?)))",
    re.IGNORECASE,
)
LIVES = re.compile(r"\s+(?:more\s+|other\s+|innocent\s+|human\s+|civilian\s+)?lives\b",
                    re.IGNORECASE)  # "claimed 10 lives"
MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
                           r"[a-z]*\.?\s+$")
NUMBER_WORD = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
                          r"(?![\s-]*(?:years?|months?|weeks?|days?)\b)", re.IGNORECASE)
TITLE_WORDS = (r"(?:In|At|On|Near|Outside|Inside|During|After|Before|By|From|For|Of|While"
                r"|As|Over|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
LATER_DIED = re.compile(  # "... was shot and later died", "... who was wounded Monday has died"
    r"(?:\s+(?!(?:but|while|whose|and)\b)[\w.]+){0,10}?\s+(?:and\s+(?:later\s+|then\s+"
    r"|subsequently\s+)?|has\s+|had\s+|later\s+)(?:died|succumbed|passed\s+away)\b")
NP_WORD = (r"(?!(?:was|were|is|are|has|had|have|been|be|shot|who|that|which|later|then|also"
            r"|he|she|they|it|just|pretty|and|scene|head)\b)(?![\w'’-]+ed\b)[\w'’-]+")
SHOOTING_DEATHS = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?:shooting|stabbing|gunshot|gun)"
                              r"\s+deaths\b")
TOOK = re.compile(r"\b(?:claim(?:ed|ing|s)?|cost|costing|costs|took|taking|takes)\s+"
                   r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|some|another)\s+)?$",
                   re.IGNORECASE)
INTENT = re.compile(r"\b(?:to|will|would|could|might|may|can|threat(?:en(?:ed|s|ing)?)?"
                     r"|plot(?:ted|ting)?|attempt(?:ed|ing)?\s+to)\s+(?:\w+ly\s+)?\S$",
                     re.IGNORECASE)
UNQUANTIFIED = re.compile(
    r"\b(?:an?\s+)?(?:unknown|unspecified|undisclosed|undetermined|unconfirmed|unclear"
    r"|unverified)\s+number\s+of\s+(?P<victims>(?:[\w'’/-]+\s+){0,3}?)(?:(?:were|was|have"
    r"|has|had|been|are|reportedly|also)\s+)*(?P<w1>killed|dead|died|deaths|fatalities"
    r"|casualties|wounded|injured)\b"
    r"|\b(?:heavy|huge|serious|significant|considerable|numerous|massive|many|several"
    r"|multiple)\s+(?P<w2>casualties|losses|fatalities|deaths)\b"
    r"|\b(?:suffered|sustained|caused|causing|inflicted|inflicting)\s+(?!no\b)(?:\w+'?\s+)?"
    r"(?P<w3>casualties|fatalities)\b"
    r"|\b(?P<w4>casualties|fatalities|deaths)\s+(?:\w+\s+){0,3}?(?:were|was|have\s+been)\s+"
    r"reported\b",
    re.IGNORECASE)
ACCIDENT = re.compile(r"\baccident(?:al|ally|ly)?\b|\bunintentional(?:ly)?\b",
                       re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|never|no\s+longer)\b|n't\b", re.IGNORECASE)
VERB_OUTCOMES = {"kill": "killed", "exec": "killed", "assa": "killed", "murd": "killed",
                  "slay": "killed", "slai": "killed", "homi": "killed",
                  "behe": "killed", "lync": "killed", "beat": "killed", "hack": "killed",
                  "shot": "shot", "shoo": "shot",
                  "woun": "wounded", "inju": "injured", "deta": "detained", "arre": "arrested",
                  "kidn": "kidnapped", "abdu": "abducted"}


_SUBSET_DIED = re.compile(  # "two of the victims were killed": the deaths among them
    r"(?:\s*,[^,.;]{1,80},)?\s+(?:were\s+|was\s+|have\s+|had\s+|are\s+|later\s+|also\s+"
    r"|been\s+|subsequently\s+)*(?:killed|died|dead|fatally|pronounced\s+dead)\b", re.I)


_EMERGENCY_LINE = re.compile(  # "called 911", "a 911 call": the emergency line, no count
    r"\b(?:call\w*|dial\w*|to)\s+911\b|\b911\s+(?:call|dispatch|operator|cent|system|tape|record"
    r"|line)", re.IGNORECASE)


def not_a_count(sentence: str, amount: Amount) -> bool:
    """Ages, years, times, money, measures and addresses are not casualty figures."""
    before = sentence[max(0, amount.start - 2):amount.start]
    if re.fullmatch(r"[A-Za-z]-", before) or (amount.text == "911" and _EMERGENCY_LINE.search(
            sentence[max(0, amount.start - 12):amount.end + 12])):
        return True  # "a K-9 was killed", "an AR-15", "called 911": names, not counts
    if MONTH_BEFORE.search(sentence, max(0, amount.start - 12), amount.start):
        return True  # "on November 18 has died": a day of the month
    if "$" in before or "#" in before or re.search(r"(?:No\.\s*|\b[Nn]o\s+)$",
                                                   sentence[:amount.start]):
        return True
    if NOT_COUNTS.match(sentence, amount.end) or re.match(r"\s+\d{1,2}:\d\d\b",
                                                          sentence[amount.end:]) or re.search(
            r"\d[:.]$", sentence[:amount.start]):
        return True  # units; "12 18:11": a date and a time
    if re.match(r"\s+shots?\b(?!\s+(?:dead|and\s+killed))", sentence[amount.end:]) and (
            re.search(r"\b(?:fired|heard|fire|firing)\s+(?:at\s+least\s+|about\s+|some\s+)?$",
                      sentence[:amount.start], re.I)
            or re.match(r"\s+shots?\s+(?:was|were|had\s+been|have\s+been)?\s*(?:fired|rang"
                        r"|heard|went)", sentence[amount.end:], re.I)):
        return True  # "fired one shot", "two shots were fired": gunshots, not victims
    if re.search(r"\b(?:one|two|three|\d+)\s+of\s+$", sentence[:amount.start], re.I):
        return True  # "one of three is dead": three is the group (see _of_group)
    subset = re.match(r"\s+of\s+(?:the|those|them)\s+(?:\w+\s+)?(?:wounded|injured|dead|deceased"
                      r"|killed|victims|casualties|detainees|hostages|displaced)\b",
                      sentence[amount.end:], re.I)
    if subset and not _SUBSET_DIED.match(sentence, amount.end + subset.end()):
        return True  # "nearly 40 of the wounded were in critical condition": a subset

    if amount.qualifier == "exact" and re.fullmatch(r"(?:1[89]|20)\d\d", amount.text):
        return True
    return bool(re.match(r"\s*,", sentence[amount.end:]) and re.search(
        r"[A-Z][a-z]+,\s*$", sentence[:amount.start]))  # "Mason, 35, died": an age
