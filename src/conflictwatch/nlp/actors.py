"""Actor mentions: who fights, attacks, protests or is attacked.

Component ``conflictwatch_actors_v1`` (:class:`ActorsRecognizer`).

Reads: the actor dictionary (``patterns/actors.jsonl``), NER ``ORG``/``NORP`` entities where the
sentence went through NER. Writes: ``doc.spans["cw_actors"]``, one span per mention, with
``span._.cw_actor`` an :class:`ActorData`.

A canonical name may hold the placeholder ``{country}`` ("Police Forces of {country}"); the events
stage fills it from the event's location with :meth:`ActorsRecognizer.fill_country` /
:func:`fill_country`. Sources ("Syrian Observatory for Human Rights", "the FT", "state news
agency") are recognised only to be left out: they are never actors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from countryinfo import all_countries
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DEFAULT_PATTERNS = Path(__file__).parent / "patterns" / "actors.jsonl"
SPAN_KEY = "cw_actors"
_SOURCE = "SOURCE"
_NEWS_WORDS = frozenset(
    "news agency times post tribune herald observatory monitor radio tv television press "
    "journal gazette daily weekly media newspaper".split()
)
_LOCATIVES = frozenset({"in", "at", "near", "outside", "around", "inside"})
_GROUP_SUFFIXES = ("ite", "ian", "an", "ese", "ish", "ic", "i")
_COUNTRY_SLOT = re.compile(r"\s*(?:of \{country\}|\(\{country\}\))")


@dataclass(frozen=True)
class ActorData:
    """One actor mention: canonical ``name`` (may hold ``{country}``), ACLED type, text."""

    name: str
    actor_type: str | None
    surface: str
    country: str | None = None  # the country the mention names ("Kenyan troops": Kenya)


@dataclass(frozen=True)
class _Entry:
    name: str
    actor_type: str | None
    country: str | None = None


def fill_country(name: str, country: str | None) -> str:
    """Put ``country`` into a ``{country}`` slot, or drop the slot when it is unknown."""
    if "{country}" not in name:
        return name
    if country:
        return name.replace("{country}", country)
    return _COUNTRY_SLOT.sub("", name).replace("{country}", "").strip()


def load_actor_entries(path: Path) -> list[dict]:
    """Read the actor dictionary: one JSON object a line, ``#`` lines and blanks skipped."""
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON object ({exc})") from exc
    return entries


def _countries() -> Iterator[tuple[str, str, str]]:
    """(demonym, name, ISO alpha-2) of every country countryinfo knows."""
    for info in all_countries():
        try:
            demonym, name, code = info.demonym(), info.name(), info.iso(2)
        except (KeyError, AttributeError, TypeError):
            continue
        if demonym and name:
            yield demonym, name.title() if name.islower() else name, code or ""


def load_country_names() -> dict[str, str]:
    """Lower-cased country name and ISO alpha-2 code -> the name used in canonical names."""
    names: dict[str, str] = {}
    for _, country, code in _countries():
        names[country.lower()] = country
        if code:
            names.setdefault(code.lower(), country)
    return names


def load_country_centroids() -> dict[str, tuple[str, float, float]]:
    """Country name -> (ISO alpha-2, latitude, longitude) of its centroid."""
    centroids = {}
    for info in all_countries():
        try:
            name, code, latlng = info.name(), info.iso(2), info.latlng()
        except (KeyError, AttributeError, TypeError):
            continue
        if name and code and len(latlng or ()) == 2:
            centroids[name.title() if name.islower() else name] = (code, *map(float, latlng))
    return centroids


class ActorsRecognizer:
    """Mark actor mentions with the actor dictionary, plus NER ORG/NORP where available."""

    def __init__(self, nlp: Language, name: str = "cw_actors", *,
                 patterns_path: str | None = None) -> None:
        self.name = name
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.entries: dict[str, _Entry] = {}
        self.countries: dict[str, str] = {}
        demonyms = []
        for demonym, country, code in _countries():
            self.countries[country.lower()] = country
            if code:
                self.countries.setdefault(code.lower(), country)
            demonyms.append((demonym, country))
        self.demonyms = {d.lower(): c for d, c in demonyms}
        entries = load_actor_entries(Path(patterns_path) if patterns_path else DEFAULT_PATTERNS)
        for i, entry in enumerate(entries):
            self._add_entry(nlp, i, entry, demonyms)

    def _add_entry(self, nlp: Language, i: int, entry: dict,
                   demonyms: list[tuple[str, str]]) -> None:
        if entry.get("source") or entry.get("evidence"):  # never an actor
            key = _SOURCE
            self.entries[key] = _Entry(_SOURCE, None)
        else:
            key = f"actor{i}"
            self.entries[key] = _Entry(entry["name"], entry.get("actor_type"))
        if entry.get("surfaces"):
            self.phrases.add(key, [nlp.make_doc(s) for s in entry["surfaces"]])
        if entry.get("pattern"):
            self.matcher.add(key, [entry["pattern"]])
        for head in entry.get("after_demonym", ()):
            for demonym, country in demonyms:
                ckey = f"{key}:{country}"
                self.entries[ckey] = _Entry(entry["name"], entry.get("actor_type"), country)
                self.phrases.add(ckey, [nlp.make_doc(f"{demonym} {head}")])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self._dictionary_spans(doc))
        taken = {i for span in spans for i in range(span.start, span.end)}
        spans += [ent for ent in self._entity_spans(doc)
                  if not any(i in taken for i in range(ent.start, ent.end))]
        actors = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if span.label_ == _SOURCE:
                continue
            span._.cw_actor = self.describe(span)
            actors.append(span)
        doc.spans[SPAN_KEY] = actors
        return doc

    def _dictionary_spans(self, doc: Doc) -> Iterator[Span]:
        for key_id, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            key = doc.vocab.strings[key_id]
            entry = self.entries[key]
            if entry.actor_type == "civilians" and start > 0 and _is_group_word(doc[start - 1]):
                start -= 1
            yield Span(doc, start, end, label=key)

    def _entity_spans(self, doc: Doc) -> Iterator[Span]:
        places = {i for span in (doc.spans["cw_places"] if "cw_places" in doc.spans else ())
                  for i in range(span.start, span.end)}
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP") or places.intersection(range(ent.start, ent.end)):
                continue  # a place the NER took for an organisation
            if ent.start > 0 and doc[ent.start - 1].lower_ in _LOCATIVES:
                continue  # "in Turalei", "at Bardaale": a place the gazetteer does not know
            if ent.label_ == "NORP" and not ent.text.endswith("s"):
                continue  # "Syrian" as an adjective is no actor; "Kurds" may be
            words = {t.lower_ for t in ent}
            label = _SOURCE if words & _NEWS_WORDS else ent.label_
            yield Span(doc, ent.start, ent.end, label=label)

    def describe(self, span: Span) -> ActorData:
        """The ActorData of a matched span: dictionary entry, or the text as written."""
        text = span.text
        entry = self.entries.get(span.label_)
        if entry is None:
            return ActorData(name=_strip_article(text), actor_type=None, surface=text)
        name = entry.name
        country = entry.country or self._country_in(span)
        if entry.actor_type == "civilians" and _is_group_word(span[0]):
            group = span[0].text
            country = country or self.demonyms.get(group.lower())
            if not self._is_demonym(group):
                name = f"{group} civilians"
        if country:
            name = fill_country(name, country)
        return ActorData(name=name, actor_type=entry.actor_type, surface=text, country=country)

    def _is_demonym(self, word: str) -> bool:
        return word.lower() in self.demonyms

    def _country_in(self, span: Span) -> str | None:
        """A country named inside the mention ("Police Forces of Nigeria")."""
        match = re.search(r"(?:of|\()\s*(?:the\s+)?([A-Z][\w .'-]+?)\)?$", span.text)
        return self.countries.get(match.group(1).lower()) if match else None

    def country_name(self, code_or_name: str | None) -> str | None:
        """The country name used in canonical names, from a name or an ISO code."""
        if not code_or_name:
            return None
        return self.countries.get(code_or_name.lower())


def _is_group_word(token) -> bool:
    """A capitalised group adjective before "civilians"/"residents": "Alawite", "Christian"."""
    if not token.is_title or token.is_stop or token.like_num:
        return False
    if token.ent_type_ == "NORP" or token.tag_ in ("NNP", "NNPS"):
        return True
    at_start = token.is_sent_start or token.i == 0
    return not at_start or token.lower_.endswith(_GROUP_SUFFIXES)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def actor_spans(doc: Doc) -> Iterable[Span]:
    """The actor spans of a Doc (empty when the actors stage did not run)."""
    return doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else ()


def make_actors(nlp: Language, name: str, *, patterns_path: str | None = None) -> ActorsRecognizer:
    """Factory of ``conflictwatch_actors_v1``."""
    return ActorsRecognizer(nlp, name, patterns_path=patterns_path)
