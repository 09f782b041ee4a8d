"""Casualty claims: every figure of killed, injured, detained, missing, kidnapped, displaced.

A claim is one figure as one source stated it. ``ClaimsStage`` reads each sentence that may
state one with the patterns of ``nlp/casualties.py``; the sentence's attribution ("according
to X", "X said"), verification ("could not independently verify") and "as of" date apply to
the claims in it. ``tally_claims`` counts one document's victims (docs/claims.md).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwatch.models import Claim
from conflictwatch.nlp.attribution import Attributor
from conflictwatch.nlp.casualties import CasualtyReader, Found
from conflictwatch.nlp.dates import DateResolver
from conflictwatch.nlp.extensions import sentences as doc_sentences
from conflictwatch.nlp.extensions import span_text
from conflictwatch.nlp.triage import Triage


class ClaimsStage:
    """Component: casualty claims into ``doc.spans["cw_claims"]`` with ``span._.cw_claim``."""

    reads = ("doc.sents", "doc.ents", "doc._.cw_published", "doc._.cw_captions",
             "doc._.cw_title_end")
    writes = ('doc.spans["cw_claims"]', "span._.cw_claim", "doc._.cw_warnings")

    def __init__(self, *, read_captions: bool = True) -> None:
        self.reader = CasualtyReader()
        self.triage = Triage()
        self.attributor = Attributor()
        self.dates = DateResolver()
        self.read_captions = read_captions

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        sentences = doc_sentences(doc)
        last_source: str | None = None
        for i, sent in enumerate(sentences):
            text = span_text(sent)
            attribution = self.attributor.attribute(sent, last_source)
            if attribution.source and not attribution.pronoun:
                last_source = attribution.source
            if not self.triage.may_state_casualties(text):
                continue
            in_caption = sent[0]._.cw_in_caption
            if in_caption and not self.read_captions:
                continue
            verified = self.attributor.verification(
                text, span_text(sentences[i + 1]) if i + 1 < len(sentences) else "")
            as_of = self._as_of(text, doc)
            for found in self.reader.read(text):
                span = doc.char_span(sent.start_char + found.start, sent.start_char + found.end,
                                     alignment_mode="expand")
                if span is None:
                    continue
                claim = self._claim(found, span, attribution.source, verified, as_of,
                                    in_caption, text)
                span._.cw_claim = claim
                spans.append(span)
        spans = _drop_title_repeats(_drop_implied(spans), doc._.cw_title_end)
        _unname_places(spans, doc)
        doc.spans["cw_claims"] = _settle_shot(spans, doc)
        return doc

    def _claim(self, found: Found, span: Span, source: str | None, verified: str | None,
               as_of, in_caption: bool, sentence: str) -> Claim:
        amount = found.amount
        return Claim(
            outcome="injured" if found.outcome == "shot" else found.outcome,
            low=amount.low, high=amount.high, best=amount.best, qualifier=amount.qualifier,
            victims=found.victims, victim_type=self.reader.victim_type(found.victims, sentence),
            source=source, verified=verified if source or verified == "unverified" else None,
            as_of=as_of, start=span.start_char, end=span.end_char, text=span.text,
            in_caption=in_caption, individual=_individual(found),
            derived="shot" if found.outcome == "shot" else ("implied" if found.implied else None),
        )

    def _as_of(self, text: str, doc: Doc):
        match = re.search(r"\bas\s+(?:of|at)\s+(?P<d>[^,.;]{2,40})", text, re.IGNORECASE)
        if not match:
            return None
        value = self.dates.resolve(match.group("d"), doc._.cw_published)
        return value.end if value else None


def _drop_implied(spans: list[Span]) -> list[Span]:
    """A death only implied ("a fatal shooting", ``derived: implied``) is a fallback: kept when
    no death is stated with a figure or a person, dropped when one is."""
    def stated(claim: Claim) -> bool:
        return claim.outcome == "killed" and claim.derived != "implied" and bool(
            claim.best or claim.low)
    if not any(stated(s._.cw_claim) for s in spans):
        return spans
    return [s for s in spans if s._.cw_claim.derived != "implied"]


def _drop_title_repeats(spans: list[Span], title_end: int) -> list[Span]:
    """A headline figure repeated in the body is one claim, kept where the body states it."""
    body = [s._.cw_claim for s in spans if s.start_char >= title_end]
    kept = []
    for span in spans:
        claim = span._.cw_claim
        if span.start_char < title_end and any(  # "2 injured" is no repeat of "2 were shot"
                c.outcome == claim.outcome and c.best == claim.best
                and (c.derived == "shot") == (claim.derived == "shot") for c in body):
            continue
        kept.append(span)
    return kept


_NOT_PEOPLE = ("GPE", "LOC", "FAC")


def _unname_places(spans: list[Span], doc: Doc) -> None:
    """A victim "named" by a place ("West Virginia, 15-year-old James Means, was killed";
    "Columbia died") is nobody: a name the places stage or NER reads as a place (and NER
    never as a person) leaves the claim's key, so one victim is not counted twice. Names NER
    reads as organisations stay: headlines' people are often tagged ORG."""
    named = [s for s in spans if "name:" in (s._.cw_claim.individual or "")]
    if not named:
        return
    people = {e.text.lower() for e in doc.ents if e.label_ == "PERSON"}
    places = {s.text.lower() for s in doc.spans["cw_places"]} if "cw_places" in doc.spans \
        else set()
    places |= {e.text.lower() for e in doc.ents if e.label_ in _NOT_PEOPLE}
    places -= people
    for span in named:
        claim = span._.cw_claim
        parts = claim.individual.split("|")
        kept = [p for p in parts if not (p.startswith("name:") and p[5:] in places)]
        if len(kept) < len(parts):
            span._.cw_claim = claim.model_copy(
                update={"individual": "|".join(kept) or "definite"})


_PERPETRATOR = re.compile(r"\b(?:suspect(?:ed)?|gunman|shooter|attacker|assailant|killer"
                          r"|perpetrator|robber|carjacker|intruder|burglar)\b", re.IGNORECASE)


def _individual(found: Found) -> str | None:
    """The claim's ``individual`` key; a suspect or gunman killed ("the suspect was shot and
    killed") is the perpetrator, whose death the event's toll counts apart."""
    key = found.singular_key
    if key and found.outcome == "killed" and _PERPETRATOR.search(found.victims or ""):
        return "perpetrator"
    return key


def tally_claims(claims: list[Claim], outcome: str) -> int | None:
    """How many victims of ``outcome`` one document's claims add up to, or None.

    The largest stated total wins; victims described one by one ("a man, 35", "another, 21")
    are counted once each (by age or name; otherwise by noun) and win when they add up to
    more. A perpetrator's own death ("before killing himself") is kept as a claim but is not
    a victim: measured on the dev sets, adding it lowers agreement. Caption claims are left
    out: they restate the body.
    """
    chosen = [c for c in claims if c.outcome == outcome and not c.in_caption]
    totals = [c.best if c.best is not None else c.low for c in chosen if c.individual is None]
    totals = [t for t in totals if t is not None]
    keys = {c.individual for c in chosen if c.individual and c.individual != "perpetrator"}
    individuals = count_people(list(keys))
    if not totals and not individuals:
        return None
    return max([*totals, individuals])


def count_people(keys: list[str]) -> int:
    """People behind keys like "age:35|name:mason", "noun:man", "definite".

    Without coreference an age-only and a name-only mention may be one person, so the count
    is the larger of the distinct ages and the distinct names, never their sum; nouns ("a
    man", "a woman") count only when no age or name does; "the victim" only when nothing else.
    """
    ages = {p for k in keys for p in k.split("|") if p.startswith("age:")}
    names = _distinct_names({p[5:] for k in keys for p in k.split("|") if p.startswith("name:")})
    nouns = {k for k in keys if k.startswith("noun:")}
    others = {k for k in keys if not k.startswith(("age:", "name:", "noun:", "definite"))}
    if ages or names:
        return max(len(ages), len(names)) + len(others)
    return (len(nouns) or (1 if "definite" in keys else 0)) + len(others)


def _one_person(a: set[str], b: set[str]) -> bool:
    """Two name token sets that may name one person: one holds the other."""
    return a <= b or b <= a


def _distinct_names(names: set[str]) -> list[str]:
    """Names of distinct people: "elijah", "johnson" and "elijah johnson" are one, as a
    report calls one victim by full name, first name or surname."""
    kept: list[set[str]] = []
    for name in sorted(names, key=lambda n: -len(n.split())):
        tokens = set(name.split())
        if not any(_one_person(tokens, other) for other in kept):
            kept.append(tokens)
    return [" ".join(sorted(k)) for k in kept]


def _someone_else(key: str, dead: list[str]) -> bool:
    """The person a key names differs from every dead person on an age or a name both keys
    give ("age:16" is not "age:19|name:walker"; "name:mason" may be "name:antonio mason")."""
    mine = _person_parts(key)
    if not mine or not dead:
        return False
    for other in dead:
        theirs = _person_parts(other)
        shared = mine.keys() & theirs.keys()
        if not shared:
            return False  # nothing to tell them apart: maybe the same person
        if any(_same_part(kind, mine[kind], theirs[kind]) for kind in shared):
            return False
    return True


def _person_parts(key: str) -> dict[str, str]:
    return {p.split(":", 1)[0]: p.split(":", 1)[1] for p in key.split("|")
            if p.startswith(("age:", "name:"))}


def _same_part(kind: str, a: str, b: str) -> bool:
    if kind == "age":
        return a == b
    return _one_person(set(a.split()), set(b.split()))


def _settle_shot(spans: list[Span], doc: Doc) -> list[Span]:
    """"N were shot" counts the wounded and the dead together: keep N minus the dead as injured."""
    claims = [s._.cw_claim for s in spans]
    plain = [c for c in claims if c.derived != "shot"]
    shot = [c for c in claims if c.derived == "shot"]
    if not shot:
        return spans
    killed = tally_claims(plain, "killed") or 0
    injured = tally_claims(plain, "injured")
    dead = [c.individual for c in plain if c.outcome == "killed" and c.individual
            and c.individual != "perpetrator"]
    shot_total = tally_claims([c.model_copy(update={"derived": None}) for c in shot], "injured")
    hurt = count_people([c.individual for c in shot if c.individual] + dead) if dead else None
    # the people shot with the dead among them: "Akira" and "Waters" shot may be the one dead
    # "Akira Marie Waters"
    kept = []
    for span in spans:
        claim = span._.cw_claim
        if claim.derived != "shot":
            kept.append(span)
            continue
        value = (claim.best or 0) - (killed if claim.individual is None else 0)
        # an injured figure of 0 is a subgroup ("nobody was hurt in the crash"): it leaves
        # the shooting's wounded to the "shot" claim; a person shot whose age or name no
        # dead person has ("Walker died, a 16-year-old was flown to hospital") is wounded
        if injured or value <= 0 or (claim.individual and killed >= min(shot_total or 0,
                                                                       hurt or shot_total or 0)
                                     and not _someone_else(claim.individual, dead)):
            continue
        span._.cw_claim = claim.model_copy(update={
            "low": value, "high": value, "best": value, "derived": "shot minus killed"})
        kept.append(span)
    return kept


def make_claims(nlp: Language, name: str, *, read_captions: bool = True) -> ClaimsStage:
    """Factory for ``conflictwatch_claims_v1``."""
    return ClaimsStage(read_captions=read_captions)
