"""Document-level passes over the toponyms the places stage found (``nlp.places``).

One name keeps one sense in a document: a word NER read as a person is the place when the
document reads it as a place elsewhere; a name used for a disease is the disease; "<town>,
<its admin1>" is the area.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from conflictwatch.gazetteer.normalize import normalize_name
from conflictwatch.gazetteer.resolve import (
    Candidate,
    Gazetteer,
    PlaceContext,
    choose_candidate,
    to_resolved,
)

if TYPE_CHECKING:
    from conflictwatch.nlp.places import Mention

BIG_CITY = 100_000
HINTS_KEY = "cw_place_hints"
HINT_LABELS = frozenset({"ORG", "FAC"})
HINT_MAX_TOKENS = 3
WITHIN_CITY_KM = 25.0  # a borough of a city lies this near its centre
LOCATIVE_WORDS = frozenset({"in", "near", "at", "outside", "towards", "toward"})
DISEASE_WORDS = frozenset({"virus", "viruses", "fever", "disease", "encephalitis",
                           "virus-like", "haemorrhagic", "hemorrhagic", "vaccine"})
CURRENCY = frozenset("$€£¥")
DEMONYM_ENDINGS = ("ites", "ians", "ian", "ese", "ish", "ean", "ic", "ans")
# words that make a part of a named place: "Far North Queensland", "the City of Montreal",
# "Enfield Borough", "Swat Valley"
PART_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "far", "upper", "lower", "greater", "inner",
                        "outer", "northeast", "northwest", "southeast", "southwest",
                        "northeastern", "northwestern", "southeastern", "southwestern",
                        "mid", "-", "the"})
PART_FRAMES = frozenset({"city", "county", "province", "state", "region", "district",
                         "municipality", "borough"})  # "City of X", "X Borough"
PART_TAILS = frozenset({"borough", "valley", "area", "region", "metro", "suburbs"})


def mark_containing_areas(doc: Doc, mentions: list[Mention]) -> None:
    """"Buffalo, New York": a name right after "<town>," that names the admin1 area the town
    lies in is that area (and the town a town), unless the town lies in the area's namesake
    city ("Brooklyn, New York" is New York City) or is itself an area's name ("Washington,
    Pennsylvania and California": a list of states)."""
    for town, area in zip(mentions, mentions[1:], strict=False):
        if (area.hint is not None or area.start != town.end + 1
                or doc[town.end].text != ","
                or not any(c.kind == "admin1" for c in area.candidates)
                or any(c.kind == "admin1" for c in town.candidates)):
            continue
        inside = [c for c in town.candidates
                  if c.kind == "city" and c.admin1 and normalize_name(c.admin1) == area.key]
        namesakes = [c for c in area.candidates if c.kind == "city"]
        if inside and not any(_km(t, n) <= WITHIN_CITY_KM for t in inside for n in namesakes):
            area.hint = "admin"
            town.hint = town.hint or "city"


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance between two candidates, in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def drop_diseases_and_money(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"US$ 5 million" is money; "West Nile virus", "Marburg fever" are diseases, and so is
    every other bare mention of a name the document uses for a disease ("Marburg cases"),
    unless a locative word says it is the place ("in Marburg")."""
    diseases = {m.key for m in mentions
                if m.end < len(doc) and doc[m.end].lower_ in DISEASE_WORDS}
    kept = []
    for m in mentions:
        surface = doc[m.start:m.end].text
        if any(ch in CURRENCY for ch in surface) or (m.end < len(doc)
                                                    and doc[m.end].text in CURRENCY):
            continue
        locative = m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE_WORDS
        if m.key in diseases and m.hint is None and not locative:
            continue
        kept.append(m)
    return kept


def person_words(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    """Capitalised words of NER's PERSON entities, less the words that name a place: a lone
    "Edmonton" or "Aleppo" NER took for a person is the place when NER marks that name as a
    place elsewhere, or it names a country, an admin area or a big city; a word of a full name
    ("Georgia Stevens") stays a person's."""
    single: set[str] = set()
    full: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            words = {normalize_name(t.text) for t in ent if t.text[:1].isupper()}
            (full if len(ent) > 1 else single).update(words)
    places = {normalize_name(ent.text) for ent in doc.ents if ent.label_ in ("GPE", "LOC")}
    placed = {key for key in single - full
              if (key in places and gazetteer.is_common(key)) or _well_known(gazetteer, key)}
    return (single | full) - placed


def _well_known(gazetteer: Gazetteer, key: str) -> bool:
    """A name of a country, an admin1 area or a big city."""
    return any(c.kind in ("country", "admin1") or c.population >= BIG_CITY
               for c in gazetteer.lookup_key(key))


def person_name(doc: Doc, mention: Mention, persons: set[str]) -> bool:
    """"Georgia began skating" after "Georgia Stevens": a word NER read as part of a person's
    name elsewhere in the text is that person, unless a cue makes it a place ("in Georgia")."""
    if mention.key not in persons or mention.hint is not None or mention.end - mention.start > 1:
        return False
    return not (mention.start > 0 and doc[mention.start - 1].lower_ in LOCATIVE_WORDS)


def inner_name(span: Span) -> str | None:
    """The place a name is a part of: "Queensland" of "Far North Queensland", "Montreal" of
    "The City of Montreal", "Swat" of "Swat Valley"; None when there is no such part."""
    words = [t.text for t in span]
    lowered = [w.lower() for w in words]
    start, end = 0, len(words)
    while start < end and lowered[start] in PART_WORDS:
        start += 1
    if end - start > 2 and lowered[start] in PART_FRAMES and lowered[start + 1] == "of":
        start += 2
    if end - start > 1 and lowered[end - 1] in PART_TAILS:
        end -= 1
    if (start, end) == (0, len(words)) or start >= end or not words[start][:1].isupper():
        return None
    return span[start:end].text


def group_word(span: Span) -> bool:
    """"Alawites", "Ukrainian": a group or adjective that NER took for a place."""
    last = span[-1]
    return len(span) == 1 and (last.tag_ in ("NNPS", "NNS", "JJ")
                               or last.lower_.endswith(DEMONYM_ENDINGS))


def plausible_surface(doc: Doc, start: int, end: int, candidates: list[Candidate]) -> bool:
    """Acronyms ("FAO", "H5N1") only as country short forms ("US", "UAE"); a single word
    that the tagger saw as anything but a proper noun is not a place name here."""
    text = doc[start:end].text
    if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 4:
        return any(c.kind == "country" for c in candidates)
    token = doc[start]
    return not (end - start == 1 and token.tag_ and token.pos_ not in ("PROPN", ""))


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """"BANTAM — A Danbury stonework mason...": an upper-case place opening a report."""
    text = doc[start:end].text
    return (len(text) > 2 and text.isupper() and end < len(doc)
            and doc[end].text in ("—", "–", "--", "-"))


def mark_place_hints(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> None:
    """Towns inside organisation names ("Jimma University", "Benghazi Shura Council",
    "Garowe central jail" when NER marks it): no toponym of the text, but a hint of where an
    event happened when its sentences name no place (``place_location.locate_event``). Each
    is read as a town in the document's countries (``doc._.cw_countries``), near the
    organisation (precision 2), or dropped; writes ``doc.spans["cw_place_hints"]``."""
    shares = doc._.cw_countries or {}
    spans = []
    for ent in doc.ents:
        if ent.label_ not in HINT_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        found = _town_in(doc, ent, gazetteer, shares)
        if found is not None:
            spans.append(found)
    doc.spans[HINTS_KEY] = spans


def _town_in(doc: Doc, ent: Span, gazetteer: Gazetteer,
             shares: dict[str, float]) -> Span | None:
    """The first capitalised gazetteer town in an organisation's name, read in context."""
    for start in range(ent.start, ent.end):
        if not doc[start].text[:1].isupper():
            continue
        for end in range(min(ent.end, start + HINT_MAX_TOKENS), start, -1):
            key = gazetteer.key(doc[start:end].text)
            if not key or not gazetteer.is_common(key):
                continue
            towns = [c for c in gazetteer.lookup_key(key) if c.kind == "city"]
            context = PlaceContext(doc_countries=shares, where_countries=shares,
                                   kind_hint="city")
            choice = choose_candidate(gazetteer, key, context, towns) if towns else None
            if choice is not None and choice.country_code in shares:
                span = Span(doc, start, end, label="PLACE_HINT")
                span._.cw_resolved = to_resolved(choice, near=True)
                return span
    return None
