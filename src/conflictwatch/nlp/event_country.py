"""The country an event happened in when no sentence of its report names a resolved place.

ACLED codes every event with a country even when its report names no place the gazetteer
knows ("Police fired teargas at protesters in Wonduruba"). The places stage leaves the
document's country evidence on ``doc._.cw_countries`` (its outlet, its armed groups, its
demonyms, its other places, as shares); :func:`likely_country` takes the country that holds
most of it, however small its share: a guess from the best evidence beats no country at all,
and the location says how vague it is (a country centroid, precision 3).
:class:`CountryFallback` makes that location, or one from the country an event's actors name
("Kenyan troops") when the document gives no country evidence at all.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from conflictwatch.models import Location
from conflictwatch.nlp.actors import actor_spans


def likely_country(doc: Doc) -> str | None:
    """The ISO code holding the largest share of the document's country evidence; on a tie,
    the one whose evidence came first (the outlet's first-listed country: "Radio Tamazuj" is
    listed South Sudan, then Sudan)."""
    shares = doc._.cw_countries or {}
    if not shares:
        return None
    best = max(shares.values())
    return next(code for code, share in shares.items() if share == best)


class CountryFallback:
    """Country-level locations (centroid, ``feature`` PCLI, precision 3) for events whose
    report names no resolved place: CONTRACT section 4's precision 3, "a larger region's
    centroid". Never the capital: a capital is no country's point, and an event placed there
    would be a guessed pin."""

    def __init__(self, countries: dict[str, str],
                 centroids: dict[str, tuple[str, float, float]]) -> None:
        self.countries = countries  # lower-cased name or ISO code -> canonical name
        self.centroids = centroids  # canonical name -> (ISO code, lat, lon)

    def country_location(self, code: str | None) -> Location | None:
        """The centroid of the country with ISO code ``code`` (None when unknown)."""
        name = self.countries.get(code.lower()) if code else None
        if name is None or name not in self.centroids:
            return None
        _, lat, lon = self.centroids[name]
        return Location(name=name, lat=lat, lon=lon, country_code=code.upper(),
                        feature="PCLI", precision=3)

    def actor_country(self, doc: Doc, char_spans: list[tuple[int, int]]) -> Location | None:
        """The country the event's actors name ("Kenyan troops"), at its centroid."""
        names = Counter(a._.cw_actor.country for a in actor_spans(doc)
                        if a._.cw_actor.country and any(s <= a.start_char < e
                                                        for s, e in char_spans))
        for name, _ in names.most_common():
            if name in self.centroids:
                return self.country_location(self.centroids[name][0])
        return None
