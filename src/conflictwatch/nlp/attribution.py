"""Who stated a figure, and whether the text says it was verified.

A sentence's source is the speaker of its reporting verb ("X said", "X reported that",
"according to X"); a pronoun speaker ("he said") takes the last named source. No reporting
verb: the publication's own voice, source None.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from conflictwatch.nlp.extensions import span_text

PATTERNS = Path(__file__).parent / "patterns" / "claims.json"
_GENERIC_SPEAKERS = (
    r"(?:the\s+)?(?:(?:local|state|county|city|federal|military|security|hospital|health|medical"
    r"|provincial|government|Syrian|Iraqi|Afghan|Nigerian|Somali|Israeli|Palestinian|Ukrainian"
    r"|Russian)\s+)*(?:police|authorities|officials?|officers?|witnesses|residents|doctors|medics"
    r"|rescuers|activists|monitors?|spokes(?:man|woman|person)|coroner|medical\s+examiner"
    r"|sheriff|investigators|detectives|sources|ministry|army|military|government|prosecutors?"
    r"|paramedics|firefighters|relatives|family|neighbou?rs|survivors|hospital|agency)"
)
_NOT_SPEAKERS = {"while", "but", "however", "after", "before", "as", "when", "and", "in", "on",
                 "at", "this", "that", "if", "although", "though", "since", "because", "so",
                 "meanwhile", "earlier", "later", "separately", "also", "then", "there"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_DESCRIPTORS = re.compile(
    r"^(?:(?:the|a|an|war|rights|human\s+rights|monitoring|monitor|group|watchdog|agency"
    r"|organi[sz]ation|UK-based|Britain-based|London-based|news)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    source: str | None
    pronoun: bool = False


class Attributor:
    """Finds a sentence's source and verification; phrases from ``patterns/claims.json``."""

    def __init__(self, path: Path = PATTERNS) -> None:
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        say = "|".join(sorted(lexicon["say_verbs"], key=len, reverse=True))
        proper = r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:of|for|on|the|and|de|al|el|[A-Z][\w'’.&-]*))*"
        speaker = rf"(?P<src>(?:the\s+)?{proper}|{_GENERIC_SPEAKERS}|he|she|they|it|we|I)"
        # a speaker starts a word: trying every position inside a long one was quadratic
        self.said_after = re.compile(
            rf"(?<![\w'’.&-]){speaker}(?:,[^,]{{1,60}},)?,?\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+|previously\s+)?"
            rf"(?:{say})\b", re.UNICODE)
        self.said_before = re.compile(
            rf"(?:,|\")\s*(?:{say})\s+(?P<src>(?:the\s+)?{proper}|{_GENERIC_SPEAKERS})")
        self.clause_final = re.compile(
            rf",\s*(?P<src>[^,;\"“”]{{2,70}}?)\s+(?:has\s+|have\s+|had\s+)?(?:{say})\b"
            r"[^,;]{0,40}[.!?\"”]?\s*$")
        self.clause_initial = re.compile(
            rf"^\W*(?P<src>[^,;\"“”]{{2,70}}?)\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?"
            rf"(?:{say})\b")
        self.according = re.compile(
            r"\baccording\s+to\s+(?P<src>[^,.;:\"“”()]{2,80})", re.IGNORECASE)
        self.unverified = re.compile("|".join(lexicon["unverified"]), re.IGNORECASE)
        self.disputed = re.compile(r"\b(?:" + "|".join(lexicon["disputed"]) + r")\b",
                                   re.IGNORECASE)
        self.confirmed = re.compile(r"\b(?:" + "|".join(lexicon["confirmed"]) + r")\b",
                                    re.IGNORECASE)
        self.refers_back = re.compile(
            r"\b(?:the|these|those|this|that|such)\s+(?:figures?|tolls?|numbers?|claims?|reports?"
            r"|accounts?|death\s+tolls?|casualty\s+figures?|estimates?)\b|\bthem\b|\bthis\b",
            re.IGNORECASE)

    def attribute(self, sent: Span, last_source: str | None) -> Attribution:
        """The source of the figures in ``sent`` (None: the publication's own voice)."""
        text = span_text(sent)
        match = self.according.search(text)
        if match:
            return Attribution(_tidy(match.group("src")))
        match = next((m for m in self.said_after.finditer(text)
                      if m.group("src").split()[0].lower() not in _NOT_SPEAKERS), None)
        match = match or self.said_before.search(text) or self._clause_speaker(text)
        if not match:
            return Attribution(None)
        source = _tidy(match.group("src"))
        if source.lower() in _PRONOUNS:
            return Attribution(last_source, pronoun=True)
        entity = _entity_at(sent, match.start("src"), match.end("src"))
        return Attribution(entity or source)

    def _clause_speaker(self, text: str) -> re.Match | None:
        """"..., a doctors' committee said." or "Local officials said ...": a short noun phrase
        as the speaker (no verb inside it)."""
        for pattern in (self.clause_final, self.clause_initial):
            match = pattern.search(text.strip())
            if match and _looks_like_speaker(match.group("src")):
                return match
        return None

    def verification(self, text: str, next_text: str) -> str | None:
        """unverified / disputed / confirmed as the sentence (or the next one) says."""
        if self.unverified.search(text):
            return "unverified"
        if self.unverified.search(next_text) and self.refers_back.search(next_text):
            return "unverified"
        if self.disputed.search(text):
            return "disputed"
        if self.confirmed.search(text):
            return "confirmed"
        return None


_VERBISH = re.compile(
    r"\b(?:was|were|is|are|be|been|had|has|have|killed|died|injured|wounded|shot|arrested|that"
    r"|which|who|when|after|before|because|while|if|and\s+\w+ed)\b", re.IGNORECASE)


def _looks_like_speaker(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 7 and not _VERBISH.search(phrase) and \
        words[0].lower() not in _NOT_SPEAKERS and not re.search(r"\d", phrase)


def _tidy(source: str) -> str:
    source = re.sub(r"\s+", " ", source).strip(" '\"“”")
    source = re.sub(r"\s+(?:that|who|which|on|in|at|as)$", "", source)
    stripped = _DESCRIPTORS.sub("", source)
    if stripped and stripped[0].isupper():
        return stripped
    return re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.IGNORECASE)


def _entity_at(sent: Span, start: int, end: int) -> str | None:
    """The ORG/PERSON/NORP/GPE entity inside the speaker phrase, when NER ran.

    Walks the sentence's own tokens: ``sent.ents`` rebuilds every entity of the doc, which
    made attribution quadratic in the length of a document."""
    doc, base = sent.doc, sent.start_char
    for token in sent:
        if token.idx >= base + end:
            break
        if token.ent_iob_ != "B" or token.idx < base + start:
            continue
        stop = token.i + 1
        while stop < len(doc) and doc[stop].ent_iob_ == "I":
            stop += 1
        ent = doc[token.i:stop]
        if token.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") and ent.end_char <= base + end:
            return _tidy(ent.text)
    return None
