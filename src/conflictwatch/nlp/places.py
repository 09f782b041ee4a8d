"""The place stage: find toponyms, resolve them offline, and say where an event happened.

Reads GPE/LOC/FAC entities (present only in sentences that went through NER) and matches
capitalised token n-grams against the gazetteer's in-memory set of common names; words around
a name ("the town of", "governorate", "near") give a kind hint and a precision. Writes
``doc.spans["cw_places"]`` with ``span._.cw_resolved`` (``models.Resolved`` or None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from conflictwatch.gazetteer.normalize import normalize_name
from conflictwatch.gazetteer.outlets import OutletCountries
from conflictwatch.gazetteer.resolve import Candidate, Gazetteer, to_resolved
from conflictwatch.nlp.extensions import sentences as doc_sentences
from conflictwatch.nlp.place_location import document_country, has_sentences, locate_event
from conflictwatch.nlp.place_mentions import (
    BIG_CITY,
    LOCATIVE_WORDS,
    drop_diseases_and_money,
    group_word,
    inner_name,
    is_dateline,
    mark_containing_areas,
    mark_place_hints,
    person_name,
    person_words,
    plausible_surface,
)
from conflictwatch.nlp.place_resolution import (
    CountryCues,
    document_prior,
    obey_qualifiers,
    resolve_mentions,
)
from conflictwatch.nlp.token_view import TokenView

__all__ = ["PlacesRecognizer", "Mention", "document_country", "find_place_candidates",
           "locate_event", "make_places"]

SPAN_KEY = "cw_places"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCK_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "LAW", "LANGUAGE"})
MAX_TOKENS = 7
CONNECTORS = frozenset({"al", "el", "de", "del", "da", "do", "dos", "das", "of", "ez", "es",
                        "ad", "ash", "an", "ar", "as", "az", "at", "la", "le", "les", "sur",
                        "upon", "on", "am", "im", "bin", "ibn", "-", "'", "’", "y", "&", "the"})
LEAD_WORDS = frozenset({"the", "al", "el"})
HINT_WORDS: dict[str, str] = {
    **dict.fromkeys(("governorate", "province", "region", "state", "county", "oblast",
                     "prefecture", "department", "municipality", "provinces", "governorates",
                     "governor", "gov."), "admin"),
    **dict.fromkeys(("district", "neighbourhood", "neighborhood", "quarter", "suburb",
                     "suburbs", "camp", "area"), "district"),
    **dict.fromkeys(("town", "city", "village", "villages", "towns", "capital", "port"), "city"),
    **dict.fromkeys(("base", "airbase", "airport", "airfield", "air"), "base"),
}
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "north", "south", "east", "west",
                        "northeast", "northwest", "southeast", "southwest", "around",
                        "nearby", "northern", "southern", "eastern", "western"})
ORG_WORDS = frozenset({
    "times", "post", "university", "college", "school", "department", "ministry", "council",
    "party", "army", "police", "force", "forces", "airlines", "airways", "club", "bank",
    "group", "company", "corporation", "inc", "ltd", "news", "herald", "journal", "tribune",
    "observatory", "institute", "foundation", "agency", "court", "hospital", "fc", "united",
    "street", "road", "avenue", "square", "stadium", "church", "mosque", "association",
    "committee", "commission", "senate", "house", "office", "telegraph", "guardian",
    "globe", "star", "sun", "mail", "express", "press", "media", "tv", "radio", "magazine",
    "review", "daily", "weekly", "oilers", "flames", "jets", "canucks", "raptors", "eskimos",
})
# "Kasungu residents riot": people of a place, named by it
RESIDENT_WORDS = frozenset({"residents", "villagers", "inhabitants", "locals", "townspeople",
                            "townsfolk", "dwellers"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady",
                        "gov", "sen", "rep", "gen", "col", "capt", "sgt", "prof"})
STOP_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "god", "police", "president", "government", "mr", "mrs",
    "ms", "dr", "sir", "minister", "king", "queen", "prince", "lord", "general", "christmas",
    "easter", "ramadan", "eid", "internet", "earth", "moon", "sun", "yes", "act", "free",
    # generic words that are also the names of some admin area somewhere
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "region", "county", "district", "city", "state", "capital", "green",
    "midlands", "coast", "island", "islands", "valley", "union", "federal", "national",
    # month abbreviations ("Jan. 12"), which name villages somewhere
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
MATCH_KINDS_ALWAYS = frozenset({"country", "admin1", "continent", "region"})


@dataclass
class Mention:
    """A toponym found in a doc, before and after resolution (scratch type of this stage)."""

    start: int
    end: int
    key: str
    hint: str | None = None
    near: bool = False
    candidates: list[Candidate] = field(default_factory=list)
    choice: Candidate | None = None
    sent_start: int = 0
    from_ner: bool = False
    part_of: bool = False  # "Far North Queensland": the candidates are the inner name's


def _is_cap(token: Token) -> bool:
    return token.text[:1].isupper()


def _set_sentences(doc: Doc, mentions: list[Mention]) -> None:
    """Give each mention (sorted by start) the start token of its sentence."""
    if not mentions or not has_sentences(doc):
        return
    starts = iter(mentions)
    mention = next(starts, None)
    for sent in doc_sentences(doc):
        while mention is not None and mention.start < sent.end:
            mention.sent_start = sent.start
            mention = next(starts, None)


class PlacesRecognizer:
    """spaCy component: toponyms with offsets and offline resolution into ``cw_places``."""

    reads = ("GPE/LOC/FAC ents", "sentences", "cw_source")
    writes = ('doc.spans["cw_places"]', 'doc.spans["cw_place_hints"]', "span._.cw_resolved",
              "cw_countries")

    def __init__(self, gazetteer: Gazetteer, *, demonyms: bool = False,
                 make_doc: Callable[[str], Doc] | None = None) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.outlets = OutletCountries(gazetteer)
        self.cues = CountryCues(gazetteer, make_doc=make_doc)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find_mentions(doc)
        self.resolve_mentions(doc, mentions)
        # a gazetteer-only match that resolves nowhere was a common word, not a place
        mentions = [m for m in mentions if m.from_ner or m.choice is not None]
        spans = []
        for mention in mentions:
            span = Span(doc, mention.start, mention.end, label="PLACE")
            resolved = to_resolved(mention.choice, near=mention.near) if mention.choice else None
            span._.cw_resolved = resolved
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        mark_place_hints(doc, self.gazetteer,
                         {i for m in mentions for i in range(m.start, m.end)})
        return doc

    def find_place_candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans of capitalised common gazetteer names (cheap; no NER needed)."""
        return [(m.start, m.end) for m in self._scan(doc)]

    def find_mentions(self, doc: Doc) -> list[Mention]:
        """NER places and gazetteer matches, without overlaps, in text order."""
        taken: set[int] = set()
        mentions: list[Mention] = []
        owner = {i: ent for ent in doc.ents if ent.label_ in BLOCK_LABELS
                 for i in range(ent.start, ent.end)}
        persons = person_words(doc, self.gazetteer)
        view = TokenView.of(doc)
        scanned = self._scan(doc, view)
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                mention = _longer_name(self._ner_mention(doc, ent), scanned, doc)
                if mention is not None and not taken.intersection(range(mention.start,
                                                                         mention.end)):
                    mentions.append(mention)
                    taken.update(range(mention.start, mention.end))
        for mention in scanned:
            span = range(mention.start, mention.end)
            if taken.intersection(span):
                continue
            ent = owner.get(mention.start)
            locative = mention.start > 0 and doc[mention.start - 1].lower_ in _IN_WORDS
            if ent is not None and locative and ent.start < mention.start:
                ent = None  # "in Robe (Bale": NER's entity took the "in"; no person's name
            if ent is not None and not _allowed_inside(mention, ent, persons, locative):
                continue
            mentions.append(mention)
            taken.update(span)
        mentions += self._abbreviation_mentions(doc, view, taken)
        if self.demonyms:
            mentions += self._demonym_mentions(doc, taken)
        mentions = [m for m in mentions if not person_name(doc, m, persons)]
        mentions = drop_diseases_and_money(doc, mentions)
        mentions.sort(key=lambda m: m.start)
        _set_sentences(doc, mentions)
        mark_containing_areas(doc, mentions)
        return mentions

    def _abbreviation_mentions(self, doc: Doc, view: TokenView, taken: set[int]) -> list[Mention]:
        """"Columbia, Ky.", "in B.C.": AP-style state and province abbreviations."""
        found = []
        for i, text in enumerate(view.text):
            if i in taken or len(text) > 5 or not view.cap[i]:
                continue
            end = i + 2 if i + 1 < view.n and view.text[i + 1] == "." else i + 1
            surface = view.surface(i, end)
            after_place = i >= 2 and view.text[i - 1] == "," and view.cap[i - 2]
            after_in = i >= 1 and view.lower[i - 1] in LOCATIVE_WORDS
            if not surface.endswith(".") or not (after_place or after_in):
                continue
            candidates = self.gazetteer.lookup_abbreviation(surface)
            if candidates and not taken.intersection(range(i, end)):
                mention = self._mention(doc, i, end, normalize_name(surface))
                mention.candidates, mention.from_ner = candidates, True
                found.append(mention)
                taken.update(range(i, end))
        return found

    def _demonym_mentions(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """"Turkish", "Syrian" as mentions of their country (only when asked for)."""
        found = []
        for token in doc:
            if token.i in taken or not _is_cap(token) or token.is_stop:
                continue
            country = self.gazetteer.lookup_demonym(token.text)
            if country:
                mention = self._mention(doc, token.i, token.i + 1, normalize_name(token.text))
                mention.candidates, mention.from_ner = country, True
                found.append(mention)
        return found

    def _ner_mention(self, doc: Doc, ent: Span) -> Mention | None:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in LEAD_WORDS and not _is_cap(doc[start]):
            start += 1
        while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’")
                               or doc[end - 1].lower_ in HINT_WORDS):
            if doc[end - 1].lower_ in HINT_WORDS and self._facility(doc[start:end].text):
                break  # "Benina Airport" is the airport, not a hint on "Benina"
            end -= 1
        if start >= end or not any(_is_cap(t) for t in doc[start:end]) \
                or doc[start].lower_.rstrip(".") in HONORIFICS:  # "Ms Raggi": a person
            return None
        key = normalize_name(doc[start:end].text)
        if not key or key in STOP_NAMES:
            return None
        mention = self._mention(doc, start, end, key)
        surface = doc[start:end].text
        abbreviation = self.gazetteer.lookup_abbreviation(surface) if len(surface) <= 6 else []
        mention.candidates = (abbreviation or self.gazetteer.lookup_key(key)
                              or self.gazetteer.lookup_key(key, loose=True))
        if (not mention.candidates and mention.hint != "city"
                and not self.gazetteer.is_region_name(key)  # "the Americas": a region
                and (ent.label_ == "FAC" or group_word(doc[start:end]))):
            return None  # "Alawites"; not "the village of Xinmo"
        inner = inner_name(doc[start:end]) if not mention.candidates else None
        inner_key = normalize_name(inner) if inner else ""
        if inner_key and inner_key not in STOP_NAMES and self.gazetteer.is_common(inner_key):
            # not a continent: "West Africa" is no point near Africa's centre
            mention.candidates = [c for c in self.gazetteer.lookup_key(inner_key)
                                  if c.kind != "continent"]
            mention.part_of = mention.near = bool(mention.candidates)
        mention.from_ner = True
        return mention

    def _facility(self, name: str) -> bool:
        """An airport or base the gazetteer knows by this full name ("Benina Airport")."""
        return any(c.kind in ("airport", "airbase", "base")
                   for c in self.gazetteer.lookup_key(self.gazetteer.key(name)))

    def _mention(self, doc: Doc, start: int, end: int, key: str) -> Mention:
        hint, near = self._cues(doc, start, end)
        return Mention(start=start, end=end, key=key, hint=hint, near=near)

    def _scan(self, doc: Doc, view: TokenView | None = None) -> list[Mention]:
        """Longest capitalised n-grams that are gazetteer names, left to right."""
        view = view or TokenView.of(doc)
        found: list[Mention] = []
        i = 0
        while i < view.n:
            best = self._longest_match(doc, view, i) if _can_start(view, i) else None
            if best is None:
                i += 1
                continue
            found.append(best)
            i = best.end
        return found

    def _longest_match(self, doc: Doc, view: TokenView, i: int) -> Mention | None:
        best: Mention | None = None
        for end in range(i + 1, min(view.n, i + MAX_TOKENS) + 1):
            last = end - 1
            if last > i and (view.sent_start[last] or not (
                    view.cap[last] or view.lower[last] in CONNECTORS)):
                break
            if not view.cap[last] or view.punct[last]:
                continue
            key = self.gazetteer.key(view.surface(i, end))
            if len(key) < 2 or key in STOP_NAMES or all(view.stop[i:end]):
                continue
            mention = self._accept(doc, view, i, end, key)
            if mention is not None:
                best = mention
        return best

    def _accept(self, doc: Doc, view: TokenView, start: int, end: int, key: str) -> Mention | None:
        """A gazetteer match worth keeping: a common name, or any name with a cue word."""
        gaz = self.gazetteer
        common = gaz.is_common(key)
        locative = start > 0 and view.lower[start - 1] in LOCATIVE_WORDS
        locative = locative or _bracketed(view, start, end)  # "Tuurjaale neighbourhood (Bossaso)"
        if not common and not locative and not _has_cue_word(view, start, end):
            return None
        residents = end < view.n and view.lower[end] in RESIDENT_WORDS  # "Garowe residents"
        if not residents and _unmarked_opener(doc, view, start, end):
            return None
        mention = self._mention(doc, start, end, key)
        if not common and mention.hint is None and not locative:
            return None
        mention.candidates = gaz.lookup_key(key)
        if not mention.candidates and (common or locative or mention.hint is not None):
            mention.candidates = gaz.lookup_key(key, loose=True)  # "in Obari": Ubari
        if not mention.candidates:
            return None
        if not plausible_surface(doc, start, end, mention.candidates):
            return None
        strong = any(c.kind in MATCH_KINDS_ALWAYS for c in mention.candidates)
        big = any(c.population >= BIG_CITY for c in mention.candidates)
        if (mention.hint is None and not strong and not residents
                and _looks_like_other_name(view, start, end, big)):
            return None
        after = end + 1 if end + 1 < view.n and view.lower[end] in ("'s", "’s") else end
        if after < view.n and view.lower[after] in ORG_WORDS and view.cap[after]:
            return None  # "Financial Times", "St. Paul's Hospital"
        return mention

    def _cues(self, doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
        """Kind hint from words around the name, and whether it says "near"."""
        hint = None
        if end < len(doc) and doc[end].lower_ in HINT_WORDS:
            hint = HINT_WORDS[doc[end].lower_]
        elif start >= 2 and doc[start - 1].lower_ == "of":
            for token in reversed(doc[max(0, start - 5):start - 1]):
                if token.lower_ in HINT_WORDS:
                    hint = HINT_WORDS[token.lower_]
                    break
                if token.is_punct or token.lower_ in ("in", "at", "from", "to"):
                    break
        if hint is None and end + 1 < len(doc) and doc[end].text == ",":
            for token in doc[end + 1:end + 6]:
                if token.is_punct:
                    break
                if token.lower_ in HINT_WORDS and doc[end + 1].lower_ in ("a", "an", "the"):
                    hint = HINT_WORDS[token.lower_]
                    break
        if hint is None and is_dateline(doc, start, end):
            hint = "city"
        before = [t.lower_ for t in doc[max(0, start - 3):start]]
        near = any(word in NEAR_WORDS for word in before) and "in" not in before[-1:]
        return hint, near

    def resolve_mentions(self, doc: Doc, mentions: list[Mention]) -> None:
        """Choose a candidate for each mention, using the document's country evidence (its
        outlet, groups, demonyms, other places) and each sentence's places; sets
        ``doc._.cw_countries``."""
        where, cues = document_prior(doc, self.outlets, self.cues, mentions)
        doc._.cw_countries = resolve_mentions(self.gazetteer, mentions, where, cues)
        obey_qualifiers(doc, mentions)


def _longer_name(mention: Mention | None, scanned: list[Mention], doc: Doc) -> Mention | None:
    """NER's "Democratic Republic" of "Democratic Republic of Congo", "Mexico" of "Mexico
    City": the gazetteer's longer name that goes on from the entity, when there is one (not
    a trailing kind word, "Fars Province", which stays a hint)."""
    if mention is None:
        return None
    for other in scanned:
        last = doc[other.end - 1].lower_
        if (other.start == mention.start and other.end > mention.end
                and HINT_WORDS.get(last, "city") == "city"):
            other.from_ner = True
            return other
    return mention


def _can_start(view: TokenView, i: int) -> bool:
    if view.cap[i] and not view.punct[i]:
        return True
    return view.lower[i] in ("al", "el") and i + 1 < view.n and view.text[i + 1] == "-"


def _bracketed(view: TokenView, start: int, end: int) -> bool:
    """"(Marka)": a name alone in brackets, as reports give the town of a place they name."""
    return 0 < start and end < view.n and view.text[start - 1] == "(" and view.text[end] == ")"


def _has_cue_word(view: TokenView, start: int, end: int) -> bool:
    """Cheap pre-check for ``_cues``: a hint word or comma right around the name, an "of"
    before it, or an upper-case dateline."""
    after = view.lower[end] if end < view.n else ""
    before = view.lower[start - 1] if start > 0 else ""
    return (after in HINT_WORDS or after in (",", "—", "–", "--", "-") or before == "of")


def _allowed_inside(mention: Mention, ent: Span, persons: set[str],
                    locative: bool = False) -> bool:
    """A gazetteer match inside a PERSON/ORG entity: the entity is only the place name
    ("Danbury police"), or the place is a country, region or big city ("Texas A&M"); a
    PERSON entity only when it is just the name, of a country or region, of a place the
    document reads as a place (not in ``persons``, see ``_person_words``), or right after
    "in/at/near" (NER tags "in Bukavu" a person; nobody is "in" a person); another entity
    (a LANGUAGE, "in Tunis") only when it is just the name, right after "in/at/near"."""
    exact = (ent.start, ent.end) == (mention.start, mention.end)
    kinds = {c.kind for c in mention.candidates}
    if ent.label_ == "PERSON":
        return exact and (locative or mention.key not in persons
                          or bool(kinds & (MATCH_KINDS_ALWAYS | {"airport", "airbase"})))
    if ent.label_ != "ORG":
        return exact and locative  # "in Tunis" NER read as a language
    big = any(c.population >= BIG_CITY for c in mention.candidates if c.kind == "city")
    return exact or big or bool(kinds & MATCH_KINDS_ALWAYS)


_IN_WORDS = frozenset({"in", "at", "near"})


def _unmarked_opener(doc: Doc, view: TokenView, start: int, end: int) -> bool:
    """A lone capitalised word opening a sentence that NER read and did not mark as a place
    ("Man killed in shooting"): capitalised by position, not a name."""
    token = doc[start]
    return (end - start == 1 and view.sent_start[start] and token._.cw_parsed
            and token.ent_type_ not in ("GPE", "LOC", "FAC"))


def _looks_like_other_name(view: TokenView, start: int, end: int, big: bool) -> bool:
    """A weak match glued to other capitalised words (a person, an organisation), or a lone
    capitalised word opening a sentence."""
    if (start > 0 and view.cap[start - 1] and not view.sent_start[start]
            and not (view.sent_start[start - 1] and view.stop[start - 1])):
        return True  # glued to a name; not to a sentence's first word ("In Hidra, ...")
    if start > 1 and view.text_ws[start - 1] in ("-", "/") and view.cap[start - 2] \
            and view.text_ws[start - 2] == view.text[start - 2] \
            and view.lower[start - 2] not in CONNECTORS:
        return True  # "SLM/A-Nur": the end of a hyphenated name
    if end < view.n and view.cap[end] and not view.sent_start[end]:
        return True
    return end - start == 1 and view.sent_start[start] and not big


def find_place_candidates(doc: Doc, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Token spans of capitalised common gazetteer names in ``doc`` (for triage)."""
    return PlacesRecognizer(gazetteer).find_place_candidates(doc)


def make_places(
    nlp: Language, name: str, *, gazetteer_path: str, demonyms: bool = False
) -> PlacesRecognizer:
    """Factory for ``conflictwatch.places.v1``: opens (or first builds) the gazetteer;
    ``demonyms`` also reports "Syrian" as a mention of Syria."""
    return PlacesRecognizer(Gazetteer.open_or_build(Path(gazetteer_path)), demonyms=demonyms,
                            make_doc=nlp.make_doc)
