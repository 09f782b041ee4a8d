"""Fatalities and injured of one event: low / best / high from its claims (docs/events.md).

The rule:

1. Claims of one sentence listed together ("three soldiers and two civilians": at most 40
   characters apart, joined by "and" or a comma, different victims) add up into one
   *account*; a claim introduced as a subset ("including two children") is left out; the same
   victims told twice ("a girl ... the teenage girl") are two accounts.
2. Two accounts from the same source about different specific victim groups ("two soldiers
   were killed ... three civilians also died") add up too; otherwise accounts are
   alternatives (other sources, or the same toll told again). Victims described one by one
   are one account, which gives way to a stated total in the same or an earlier sentence
   that covers them.
3. ``low`` = the most conservative credible figure: the smallest account low (ACLED codes the
   most conservative figure). ``high`` = the highest account figure (its ``high``, or its
   ``low`` when open-ended). ``best`` = the figure of the most credible accounts (an
   attributed, specific figure over one in the paper's own voice, over a vague one) that most
   of them give; among equally repeated figures, the one told first (a report states its toll
   in the headline and lead; later, smaller figures are often a part: "two died at the
   scene"). When ``best`` is above ``low`` a warning says which account and why.
4. A killer's own death ("killed four people before turning the gun on himself") is a death
   of the event: a chosen figure of someone's victims gets one more. A figure of every death
   ("5 dead", "including the gunman") already holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from conflictwatch.models import Figures
from conflictwatch.nlp.casualty_words import ACCIDENT
from conflictwatch.nlp.claims import count_people


@dataclass(frozen=True)
class ClaimRef:
    """One claim of an event: its index in ``doc.spans["cw_claims"]`` and what we need of it."""

    index: int
    claim: object  # models.Claim (or any object with the same fields)
    sentence: int  # start token of the claim's sentence
    subset: bool = False  # introduced by "including", "among them", ...


@dataclass
class _Account:
    low: int
    best: int
    high: int
    source: str | None
    specific: bool
    victim_types: set[str] = field(default_factory=set)
    sentence: int = 0
    text: str = ""
    victims_only: bool = False  # someone's victims ("killing four"), not every death ("5 dead")
    none_the_killer: bool = False  # people one by one, none of whom can be a killer (a child)

    @property
    def rank(self) -> int:
        if not self.specific:
            return 0
        return 2 if self.source else 1


def derive_figures(refs: list[ClaimRef], outcome: str, text: str = "", *,
                   perpetrators: bool = False) -> tuple[Figures, list[str]]:
    """Low / best / high of ``outcome`` from the claims of one event, plus warnings.

    ``text`` is the document text the claims' offsets index (to see claims listed together).
    ``perpetrators``: count a perpetrator's own death ("the bomber killed himself"), as ACLED
    does for suicide bombings; otherwise it is kept as a claim but left out of the toll.
    """
    accounts = _merge_sources(_sentence_accounts(refs, outcome, text, perpetrators))
    if any(a.best > 0 for a in accounts):  # "no officers were hurt": a subgroup, not the toll
        accounts = [a for a in accounts if a.best > 0]
    if outcome == "killed" and not accounts and _murder_suicide(refs):
        accounts = [_Account(low=2, best=2, high=2, source=None, specific=True,
                             text="a murder-suicide")]  # a murder and a suicide: two deaths
    if not accounts:
        return Figures(), []
    low = min(a.low for a in accounts)
    high = max(a.high for a in accounts)
    top = max(a.rank for a in accounts)
    pool = [a for a in accounts if a.rank == top]
    told = Counter(a.best for a in pool)  # the toll the report repeats; a tie: the one told
    chosen = max(pool, key=lambda a: (told[a.best], -a.sentence))  # first (headline, lead)
    warnings = []
    if outcome == "killed" and (chosen.victims_only and _killer_died(refs, text) or (
            chosen.none_the_killer and _killer_died(refs, text, by_own_hand=True))):
        # "killed four before turning the gun on himself": every death is the event's toll,
        # as ACLED and the Gun Violence Archive count it; "5 dead" already holds the killer
        chosen = replace(chosen, low=chosen.low + 1, best=chosen.best + 1,
                         high=chosen.high + 1, text=f"{chosen.text} + the perpetrator")
        high = max(high, chosen.high)
        warnings.append(f"killed best {chosen.best} counts the perpetrator's own death")
    if outcome == "killed" and chosen.best < 2 and _murder_suicide(refs):
        chosen = replace(chosen, best=2, high=max(chosen.high, 2),
                         text=f"{chosen.text}: a murder-suicide is two deaths at least")
        high = max(high, 2)
        warnings.append("killed best 2: a murder-suicide is two deaths at least")
    if chosen.best > low:
        why = "attributed, specific" if chosen.rank == 2 else "specific"
        warnings.append(
            f"{outcome} best {chosen.best} ({chosen.source or 'own voice'}: {chosen.text!r}) is "
            f"above the conservative figure {low}: the {why} figure is preferred over vaguer or "
            f"unattributed ones")
    return Figures(low=low, best=chosen.best, high=max(high, chosen.best)), warnings


def counts_perpetrators(sub_event_type: str | None, refs: list[ClaimRef]) -> bool:
    """Whether a perpetrator's own death counts in the event's toll: a suicide bombing (as
    ACLED counts the bomber), or when the perpetrator is the only one who died ("a man killed
    himself", "deputies shot and killed the suspect", "wounded four, then killed himself"):
    every death is the event's, as ACLED and the Gun Violence Archive count them."""
    if sub_event_type == "suicide_bomb":
        return True
    hurt = [r.claim for r in refs if getattr(r.claim, "outcome", None) == "killed"
            and (getattr(r.claim, "best", None) or getattr(r.claim, "low", None))]
    texts = [getattr(c, "text", "") or "" for c in hurt]
    return bool(hurt) and all(getattr(c, "individual", None) == "perpetrator" for c in hurt) \
        and any(_KILLER_DEAD.search(t) for t in texts) \
        and not any(_OTHERS_KILLED.search(t) for t in texts)


_GUN_ON_SELF = r"turn(?:ed|ing|s)\s+the\s+gun"
_OTHERS_KILLED = re.compile(r"murder", re.IGNORECASE)  # others died too
_KILLER_DEAD = re.compile(r"kill|life|suicide|fatal|dead|died|dies|slain|" + _GUN_ON_SELF,
                          re.IGNORECASE)  # a death, not "shot himself"
_KILLER_SUICIDE = re.compile(r"murder-suicide|committed\s+suicide|" + _GUN_ON_SELF,
                             re.IGNORECASE)  # not "killed himself": often the victim's suicide
_MURDER_SUICIDE = re.compile(r"murders?[- ]suicide", re.IGNORECASE)


def _murder_suicide(refs: list[ClaimRef]) -> bool:
    """Whether the event is told as a murder-suicide outside captions: two deaths at least."""
    return any(getattr(r.claim, "individual", None) == "perpetrator"
               and not getattr(r.claim, "in_caption", False)
               and _MURDER_SUICIDE.search(getattr(r.claim, "text", "") or "") for r in refs)



def _killer_died(refs: list[ClaimRef], text: str, *, by_own_hand: bool = False) -> bool:
    """Whether a killer's own death is told ("killed himself", "a murder-suicide"), not an
    accident ("accidentally shot and killed himself": the victim, not a killer).
    ``by_own_hand``: only a killer's suicide ("turned the gun on himself", "a murder-suicide",
    "committed suicide"), not a suspect killed ("police shot and killed the suspect")."""
    dead = _KILLER_SUICIDE if by_own_hand else _KILLER_DEAD
    for ref in refs:
        claim = ref.claim
        if getattr(claim, "individual", None) != "perpetrator" or getattr(
                claim, "in_caption", False) or getattr(claim, "outcome", None) != "killed":
            continue
        start, end = getattr(claim, "start", 0), getattr(claim, "end", 0)
        if dead.search(getattr(claim, "text", "") or "") and not ACCIDENT.search(
                text[max(0, start - 150):end + 150] if text else ""):
            return True
    return False


_KILLING = re.compile(r"\b(?:kill|shot|shoot|slain|slay|murder|gunned|execut|victim)",
                      re.IGNORECASE)
_SELF = re.compile(r"\b(?:him|her)?self\b", re.IGNORECASE)  # "kills wife, son, himself"
_FOUND = re.compile(r"\bfound\b", re.IGNORECASE)  # "four found shot dead": bodies, any
_WITH_KILLER = re.compile(r"murder-suicide|including\s+(?:the\s+)?(?:\w+\s+)?(?:gunman|shooter"
                          r"|suspect|attacker|killer|perpetrator)", re.IGNORECASE)


def _victims_only(claim: object, text: str) -> bool:
    """A figure of someone's victims ("killed two people", "four victims"), not of every death
    ("three people dead", "two dead in a murder-suicide", "five, including the gunman")."""
    said = getattr(claim, "text", "") or ""
    start, end = getattr(claim, "start", 0), getattr(claim, "end", 0)
    around = text[max(0, start - 120):end + 120] if text else said
    return bool(_KILLING.search(said)) and not _FOUND.search(said) \
        and not _WITH_KILLER.search(around) and not _SELF.search(said)


def _people_account(refs: list[ClaimRef], perpetrators: bool) -> _Account | None:
    """Victims described one by one across sentences ("a man, 35 ... another, 21") are one
    account: each person counted once (``claims.count_people``)."""
    keys = [getattr(r.claim, "individual", None) for r in refs]
    selves = int("perpetrator" in keys) if perpetrators else 0  # one, however often told
    keys = [k for k in keys if k and k != "perpetrator"]
    if not keys and not selves:
        return None
    count = count_people(keys) + selves
    first = refs[0].claim
    return _Account(low=count, best=count, high=count, source=getattr(first, "source", None),
                    specific=True, victim_types={getattr(first, "victim_type", "unknown")},
                    sentence=refs[0].sentence, text=f"{count} people described one by one",
                    none_the_killer=not selves and not any(_may_be_killer(k) for k in keys))


_ADULT = {"man", "woman", "male", "female", "person", "adult", "individual", "young man",
          "father", "mother", "husband", "boyfriend", "suspect", "shooter", "gunman"}


_CHILDREN = {"children", "kids", "daughters", "sons", "girls", "boys", "infants", "babies",
             "toddlers", "grandchildren", "child", "daughter", "son", "girl", "boy", "infant",
             "baby", "toddler"}  # a figure of these cannot hold the killer ("two children dead")


_ADULTS = re.compile(r"\b(?:adults?|m[ae]n|wom[ae]n|mother|father|parents?|couple|wife|husband"
                     r"|mom|dad|family|people|persons?)\b", re.IGNORECASE)


def _children_only(claim: object) -> bool:
    """A figure of children alone ("two children dead", "two young girls ... were killed"),
    which cannot hold an adult killer; not "two children and their mother"."""
    victims = _victims(claim).split()
    return bool(victims) and victims[-1] in _CHILDREN and not _ADULTS.search(
        getattr(claim, "text", "") or "")


def _may_be_killer(key: str) -> bool:
    """Whether a person's key ("age:32|name:timothy hollis", "noun:man") may be the killer
    of a murder-suicide: an adult by age or by noun; a child, "his wife", a name alone not."""
    for part in key.split("|"):
        kind, _, value = part.partition(":")
        if kind == "age" and value.isdigit() and int(value) >= 18 or (
                kind == "noun" and value in _ADULT):
            return True
    return False


def _sentence_accounts(refs: list[ClaimRef], outcome: str, text: str,
                       perpetrators: bool) -> list[_Account]:
    by_sentence: dict[int, list[ClaimRef]] = {}
    people: list[ClaimRef] = []
    for ref in refs:
        claim = ref.claim
        if getattr(claim, "outcome", None) != outcome or getattr(claim, "in_caption", False):
            continue
        if getattr(claim, "low", None) is None and getattr(claim, "best", None) is None:
            continue
        if getattr(claim, "individual", None):
            people.append(ref)
            continue
        if _victims(claim).split()[:1] in (["he"], ["she"], ["him"], ["her"], ["they"]):
            continue  # "she died": the person another claim already counts
        by_sentence.setdefault(ref.sentence, []).append(ref)
    accounts = []
    for sentence, group in sorted(by_sentence.items()):
        kept = [r for r in group if not r.subset] or group[:1]
        for parts in _additive_runs(kept, text):
            accounts.append(_account(parts, sentence, text))
    named = _people_account(people, perpetrators)
    if named is not None and not any(a.specific and a.best >= named.best
                                     and a.sentence <= named.sentence for a in accounts):
        accounts.insert(0, named)  # victims named one by one after a total that covers them
    return accounts                # are its details, not a competing figure


def _additive_runs(refs: list[ClaimRef], text: str) -> list[list[ClaimRef]]:
    """Claims listed together ("three soldiers and two civilians") form one run to add up;
    the same victims told twice ("a girl ... the teenage girl") do not."""
    runs: list[list[ClaimRef]] = []
    for ref in sorted(refs, key=lambda r: getattr(r.claim, "start", 0)):
        last = runs[-1][-1] if runs else None
        if last is not None and _listed_together(last.claim, ref.claim, text):
            runs[-1].append(ref)
        else:
            runs.append([ref])
    return runs


def _listed_together(a: object, b: object, text: str) -> bool:
    va, vb = _victims(a), _victims(b)
    if not va or not vb or va in vb or vb in va:
        return False
    gap = text[getattr(a, "end", 0):getattr(b, "start", 0)] if text else " and "
    return len(gap) <= 40 and bool(re.search(r"\band\b|,|;", gap))


def _account(parts: list[ClaimRef], sentence: int, text: str = "") -> _Account:
    bounds = [_bounds(r.claim) for r in parts]
    return _Account(
        low=sum(b[0] for b in bounds), best=sum(b[1] for b in bounds),
        high=sum(b[2] for b in bounds),
        source=getattr(parts[0].claim, "source", None),
        specific=all(getattr(r.claim, "qualifier", "") != "vague" for r in parts),
        victim_types={getattr(r.claim, "victim_type", "unknown") for r in parts},
        sentence=sentence,
        text=" + ".join(getattr(r.claim, "text", "") or str(b[1])
                        for r, b in zip(parts, bounds, strict=True)),
        victims_only=all(_victims_only(r.claim, text) for r in parts),
        none_the_killer=all(_children_only(r.claim) for r in parts))


def _merge_sources(accounts: list[_Account]) -> list[_Account]:
    """Add up same-source accounts of different specific victim groups (rule 2)."""
    merged: list[_Account] = []
    for account in accounts:
        partner = next((m for m in merged if _additive(m, account)), None)
        if partner is None:
            merged.append(account)
            continue
        partner.low += account.low
        partner.best += account.best
        partner.high += account.high
        partner.victim_types |= account.victim_types
        partner.victims_only = partner.victims_only and account.victims_only
        partner.text += " + " + account.text
    return merged


def _additive(a: _Account, b: _Account) -> bool:
    vague = {"unknown", "mixed"}
    return (a.source == b.source and a.specific and b.specific
            and not (a.victim_types | b.victim_types) & vague
            and not a.victim_types & b.victim_types)


def _bounds(claim: object) -> tuple[int, int, int]:
    low = getattr(claim, "low", None)
    best = getattr(claim, "best", None)
    high = getattr(claim, "high", None)
    low = low if low is not None else best
    best = best if best is not None else low
    high = high if high is not None else max(best, low)
    return low, best, high


def _victims(claim: object) -> str:
    return (getattr(claim, "victims", "") or "").lower()
