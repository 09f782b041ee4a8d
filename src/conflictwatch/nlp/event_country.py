"""The country an event happened in when no sentence of its report names a resolved place.

ACLED codes every event with a country even when its report names no place the gazetteer
knows ("Police fired teargas at protesters in Wonduruba"). The places stage leaves the
document's country evidence on ``doc._.cw_countries`` (its outlet, its armed groups, its
demonyms, its other places, as shares); :func:`likely_country` takes the country that holds
most of it, however small its share: a guess from the best evidence beats no country at all,
and the location says how vague it is (a country centroid, precision 3).
"""

from __future__ import annotations

from spacy.tokens import Doc


def likely_country(doc: Doc) -> str | None:
    """The ISO code holding the largest share of the document's country evidence; on a tie,
    the one whose evidence came first (the outlet's first-listed country: "Radio Tamazuj" is
    listed South Sudan, then Sudan)."""
    shares = doc._.cw_countries or {}
    if not shares:
        return None
    best = max(shares.values())
    return next(code for code, share in shares.items() if share == best)
