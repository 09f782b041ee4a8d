"""Resolve the toponyms of one document together (the places stage's second half).

A document is mostly about one or a few countries, and the places it names lie near each
other. The document's country evidence is weighed first:

- the outlet's country (``doc._.cw_source``, via ``gazetteer.outlets``): a Radio Okapi report
  is about Congo; else the country-code domain of ``doc._.cw_url`` ("www.cbc.ca");
- named armed groups whose dictionary entry gives the country they operate in ("Boko Haram" ->
  Nigeria, "Al Shabaab" -> Somalia; ``patterns/actors.jsonl``, field ``country``);
- demonyms ("Kenyan troops");
- the context-free choice of every other toponym (a country name counts most; an ambiguous
  name little, and never for itself).

Only the outlet and the toponyms say where a report is: a reading in another country than the
one they point to is dropped (``resolve.choose_candidate``); groups and demonyms say whom it is
about, and only make readings far from the group's country foreign ("Al Shabaab" fights in
Kenya too). Each name is then ranked with all those weights and the countries and admin areas
named in its own sentence; a name read several times is one place
(the reading most of its mentions got). The final weights are left on
``doc._.cw_countries`` for the events stage (``place_location.document_country``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from conflictwatch.gazetteer.normalize import normalize_name
from conflictwatch.gazetteer.outlets import OutletCountries
from conflictwatch.gazetteer.resolve import Candidate, Gazetteer, PlaceContext, choose_candidate
from conflictwatch.nlp.token_view import TokenView

if TYPE_CHECKING:
    from conflictwatch.nlp.places import Mention

ACTORS = Path(__file__).parent / "patterns" / "actors.jsonl"
OUTLET_WEIGHT = 2.0  # the outlet's country: as much as two country names in the text
ACTOR_WEIGHT = 1.0  # each mention of a group tied to one country (at most two count)
DEMONYM_WEIGHT = 0.5  # each demonym (at most two count per country)
COUNTRY_WEIGHT = 1.0  # a toponym resolved (context-free) to a country
PLACE_WEIGHT = 0.5  # a toponym whose candidates all lie in one country
AMBIGUOUS_WEIGHT = 0.25  # a toponym with candidates in several countries


class CountryCues:
    """Words in a text that tie it to a country without naming a place: demonyms and named
    armed groups from the actor dictionary (matcher built on first use, per vocab)."""

    def __init__(self, gazetteer: Gazetteer, actors_path: Path = ACTORS,
                 make_doc: Callable[[str], Doc] | None = None) -> None:
        self.gazetteer = gazetteer
        self.actors_path = actors_path
        self.make_doc = make_doc
        self._matcher: PhraseMatcher | None = None
        self._codes: list[str] = []

    def _build(self, doc: Doc) -> PhraseMatcher:
        from conflictwatch.nlp.actors import load_actor_entries

        make_doc = self.make_doc or spacy.blank("en").make_doc
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        for entry in load_actor_entries(self.actors_path):
            code = entry.get("country")
            if code and entry.get("surfaces"):
                matcher.add(f"cw_country_{len(self._codes)}",
                            [make_doc(surface) for surface in entry["surfaces"]])
                self._codes.append(code)
        return matcher

    def weigh(self, doc: Doc, names: Iterable[tuple[int, int]] = ()) -> Counter[str]:
        """Country weights from the group names and demonyms in ``doc``; the toponyms
        (``names``, token spans) are no demonyms, and a group's name inside a longer one is
        no group ("El Jem" is a town, not JEM)."""
        if self._matcher is None:
            self._matcher = self._build(doc)
        tally: Counter[str] = Counter()
        groups: Counter[str] = Counter()
        names = list(names)
        skipped = {i for start, end in names for i in range(start, end)}
        for match_id, start, end in self._matcher(doc):
            if any(s <= start and end <= e and e - s > end - start for s, e in names):
                continue
            label = doc.vocab.strings[match_id]
            groups[self._codes[int(label.rsplit("_", 1)[1])]] += 1
        for code, n in groups.items():
            tally[code] += ACTOR_WEIGHT * min(n, 2)
        demonyms: Counter[str] = Counter()
        view = TokenView.of(doc)
        for i, text in enumerate(view.text):
            if i in skipped or not view.cap[i] or view.stop[i]:
                continue
            for country in self.gazetteer.lookup_demonym(text)[:1]:
                if country.country_code:
                    demonyms[country.country_code] += 1
        for code, n in demonyms.items():
            tally[code] += DEMONYM_WEIGHT * min(n, 2)
        return tally


def document_prior(doc: Doc, outlets: OutletCountries, cues: CountryCues,
                   mentions: Sequence[Mention]) -> tuple[Counter[str], Counter[str]]:
    """Country weights a document carries besides its toponyms: where it is from (the
    outlet), and whom it is about (groups, demonyms)."""
    where: Counter[str] = Counter()
    for code, share in outlets.countries(doc._.cw_source, doc._.cw_url).items():
        where[code] += OUTLET_WEIGHT * share
    return where, cues.weigh(doc, [(m.start, m.end) for m in mentions])


def resolve_mentions(gazetteer: Gazetteer, mentions: Sequence[Mention],
                     prior: Counter[str] | None = None,
                     cues: Counter[str] | None = None) -> dict[str, float]:
    """Choose a candidate for each mention; return the document's country weights (shares).
    ``prior``: where the report is from (the outlet); ``cues``: whom it is about (armed
    groups, demonyms), which rank readings but make no other country foreign ("Al Shabaab"
    fights in Kenya too)."""
    where_prior = Counter(prior or {})
    prior = where_prior + Counter(cues or {})
    first = [choose_candidate(gazetteer, m.key, PlaceContext(kind_hint=m.hint,
                                                             part_of=m.part_of), m.candidates)
             if m.candidates else None for m in mentions]
    own = _name_evidence(mentions, first)
    tally = Counter(prior)
    where = Counter(where_prior)
    for weights in own.values():
        tally.update(weights)
        where.update(weights)
    sure = [_sure_admin1(m, c) for m, c in zip(mentions, first, strict=True)]
    by_sentence: dict[int, list[tuple[Mention, Candidate | None]]] = {}
    for mention, choice in zip(mentions, first, strict=True):
        by_sentence.setdefault(mention.sent_start, []).append((mention, choice))
    for mention in mentions:
        if not mention.candidates:
            continue
        others = Counter(tally)
        others.subtract(own.get(mention.key, {}))  # a name is no evidence for its own reading
        elsewhere = Counter(where)
        elsewhere.subtract(own.get(mention.key, {}))
        doc_admin1 = {a for m, a in zip(mentions, sure, strict=True) if a and m.key != mention.key}
        context = PlaceContext(doc_countries=_shares(others), doc_admin1=doc_admin1,
                               kind_hint=mention.hint, near=mention.near,
                               where_countries=_shares(elsewhere), part_of=mention.part_of)
        _add_sentence_context(context, mention, by_sentence[mention.sent_start])
        mention.choice = choose_candidate(gazetteer, mention.key, context, mention.candidates)
    _one_reading_per_name(mentions)
    final = Counter(prior)
    for weights in _name_evidence(mentions, [m.choice for m in mentions]).values():
        final.update(weights)
    return _shares(final)


def obey_qualifiers(doc: Doc, mentions: Sequence[Mention]) -> None:
    """A town the text qualifies with its admin1 area ("Holliday, Missouri", "Paris, Mo.") lies
    in that area: the reading in it, or, when the gazetteer has no such town (cities500 lacks
    villages), the area itself (precision 3), never a namesake in another state. The same bare
    name elsewhere in the document ("Paris" after "Paris, Mo.") is the same place."""
    qualified: dict[str, Candidate] = {}
    for town, area in zip(mentions, mentions[1:], strict=False):
        if (area.start != town.end + 1 or doc[town.end].text != ","
                or area.choice is None or area.choice.kind != "admin1"
                or (town.choice is not None and town.choice.kind in ("country", "admin1"))):
            continue
        state = normalize_name(area.choice.admin1 or area.choice.name)
        if town.choice is not None and normalize_name(town.choice.admin1 or "") == state:
            continue
        inside = [c for c in town.candidates if c.kind != "admin1"
                  and c.country_code == area.choice.country_code
                  and normalize_name(c.admin1 or "") == state]
        town.choice = max(inside, key=lambda c: c.population) if inside else area.choice
        qualified.setdefault(town.key, town.choice)
    for mention in mentions:
        if mention.key in qualified and mention.hint is None and mention.choice is not None:
            mention.choice = qualified[mention.key]


def _one_reading_per_name(mentions: Sequence[Mention]) -> None:
    """A name read several times in one document is one place: the reading most of its
    mentions got (the first one's on a tie); a mention with a kind hint keeps its own."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.choice is not None and mention.hint is None:
            groups.setdefault(mention.key, []).append(mention)
    for group in groups.values():
        votes = Counter(m.choice.id for m in group if m.choice is not None)
        if len(votes) < 2:
            continue
        best = votes.most_common(1)[0][0]
        chosen = next(m.choice for m in group if m.choice is not None and m.choice.id == best)
        for mention in group:
            mention.choice = chosen


def _name_evidence(mentions: Sequence[Mention],
                   choices: Sequence[Candidate | None]) -> dict[str, Counter[str]]:
    """Country weights each name gives, by name: every mention of an unambiguous name counts
    ("Syria" five times is a Syrian story), an ambiguous name ("Santa Ana") counts once, so
    repeating it cannot outvote the places around it."""
    out: dict[str, Counter[str]] = {}
    for mention, choice in zip(mentions, choices, strict=True):
        code, weight = _evidence(mention.candidates, choice)
        if not code:
            continue
        weights = out.setdefault(mention.key, Counter())
        if weight > AMBIGUOUS_WEIGHT or not weights:
            weights[code] += weight
    return out


def _sure_admin1(mention: Mention, choice: Candidate | None) -> str | None:
    """The admin1 area a reading vouches for: an admin1 area named itself, or a name all of
    whose readings lie in one area ("Adair", a county in four states, vouches for none)."""
    if choice is None or not choice.admin1:
        return None
    if choice.kind != "admin1" and len({c.admin1 for c in mention.candidates}) > 1:
        return None
    return normalize_name(choice.admin1)


def _evidence(candidates: list[Candidate], choice: Candidate | None) -> tuple[str | None, float]:
    """The country a reading of a name points to, and how much it counts."""
    if choice is None or not choice.country_code:
        return None, 0.0
    if choice.kind == "country":
        return choice.country_code, COUNTRY_WEIGHT
    if len({c.country_code for c in candidates}) == 1:
        return choice.country_code, PLACE_WEIGHT
    return choice.country_code, AMBIGUOUS_WEIGHT


def _shares(tally: Counter[str]) -> dict[str, float]:
    positive = {code: w for code, w in tally.items() if w > 0}
    total = sum(positive.values())
    return {code: w / total for code, w in positive.items()} if total else {}


def _add_sentence_context(context: PlaceContext, mention: Mention,
                          sentence: Sequence[tuple[Mention, Candidate | None]]) -> None:
    """Countries and admin areas named in the mention's sentence (``sentence``: its mentions
    with their first readings); a list of admin areas ("Michigan, Oregon, New York,
    Indiana") makes each an admin area."""
    siblings = [c for o, c in sentence if o is not mention and c]
    if mention.hint is None and sum(c.kind == "admin1" for c in siblings) >= 2:
        context.kind_hint = "admin"
    for other, choice in sentence:
        if other is mention:
            continue
        context.near_admin1.add(other.key)
        if choice is not None and choice.country_code:
            context.near_countries.add(choice.country_code)
        admin1 = _sure_admin1(other, choice)
        if admin1:
            context.near_admin1.add(admin1)
