"""The country a document's outlet is based in: a document-level prior for its places.

``OutletCountries(gazetteer).countries("Radio Okapi")`` -> ``{"CD": 1.0}``. A source string may
list several outlets ("Radio Dabanga; Sudan Tribune"); each gets an equal share. An outlet is
looked up in the curated ``data/outlets.csv`` (matched on the start of its name), else its name
is read with the gazetteer: a country ("Libya Herald"), a demonym opening it ("Nigerian
Tribune"), an admin1 area or a city of 100,000+ people ("Vanguard (Lagos)"). International
wires listed without a country ("Agence France Presse") give nothing. When the source says
nothing, a URL's country-code domain does ("www.cbc.ca": Canada).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from conflictwatch.gazetteer.normalize import normalize_name
from conflictwatch.gazetteer.resolve import Gazetteer

OUTLETS = Path(__file__).parent / "data" / "outlets.csv"
_SPLIT = re.compile(r"\s*[;|]\s*")
_WORDS = re.compile(r"[^\W\d_][\w'.&-]*", re.UNICODE)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#]+)", re.IGNORECASE)
# country-code domains sold for other uses ("bit.ly", "twitch.tv") say nothing of a country
_VANITY_DOMAINS = frozenset("tv io me co fm ly am ai cc ws to gg la nu im ac sh st vc ms".split())
_NAME_KINDS = frozenset({"country", "admin1"})
_CITY_MIN = 100_000
_MAX_WORDS = 3
_PLACE_NOTE = re.compile(r"\(([^)]*)\)")  # "Vanguard (Lagos)": where the outlet is
# words of outlet names that are also the names of some place somewhere
_MASTHEAD_WORDS = frozenset(
    "the a an of and le la les el al de du des news times post daily weekly sunday star sun "
    "mail herald tribune observer reporter guardian independent standard nation monitor "
    "chronicle express voice radio tv agency press media network online info world new dawn "
    "reports review journal gazette telegraph".split())


def read_outlets(path: Path = OUTLETS) -> dict[str, tuple[str, ...]]:
    """Normalised outlet name or alias -> ISO alpha-2 codes of the countries it covers
    (empty: an international outlet)."""
    outlets: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(row for row in fh if not row.startswith("#")):
            codes = tuple(c.strip() for c in rec["country_code"].split("|") if c.strip())
            for name in [rec["name"], *rec["aliases"].split("|")]:
                if name.strip():
                    outlets[normalize_name(name)] = codes
    return outlets


class OutletCountries:
    """Answers "where is this outlet based?" from the curated list and the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, path: Path = OUTLETS) -> None:
        self.gazetteer = gazetteer
        self.outlets = read_outlets(path)
        self._cache: dict[str, dict[str, float]] = {}

    def countries(self, source: str | None, url: str | None = None) -> dict[str, float]:
        """ISO code -> share of the outlets in ``source`` based there; when the source says
        nothing, the country-code domain of ``url`` ("www.cbc.ca": Canada); else empty."""
        found = self._source_countries(source)
        if not found and url:
            code = domain_country(url)
            return {code: 1.0} if code else {}
        return found

    def _source_countries(self, source: str | None) -> dict[str, float]:
        if not source or not source.strip():
            return {}
        cached = self._cache.get(source)
        if cached is None:
            parts = [p for p in _SPLIT.split(source) if p.strip()]
            tally: Counter[str] = Counter()
            for part in parts:
                codes = self.outlet_countries(part)
                for code in codes:
                    tally[code] += 1.0 / len(parts) / len(codes)
            cached = self._cache[source] = dict(tally)
        return cached

    def outlet_countries(self, outlet: str) -> tuple[str, ...]:
        """The ISO codes of the countries one outlet covers (empty: unknown or
        international)."""
        key = normalize_name(outlet)
        words = key.split()
        for n in range(len(words), 0, -1):  # the longest listed prefix wins
            prefix = " ".join(words[:n])
            if prefix in self.outlets:
                return self.outlets[prefix]
        code = self._named_country(outlet)
        return (code,) if code else ()

    def _named_country(self, outlet: str) -> str | None:
        """A country, admin1 area or big city named in the outlet's name, or a demonym
        opening it ("Nigerian Tribune")."""
        for note in _PLACE_NOTE.findall(outlet):
            code = self._place_in(_WORDS.findall(note), cities=True)
            if code:
                return code
        words = _WORDS.findall(_PLACE_NOTE.sub(" ", outlet))
        if len(words) > 1:
            demonym = self.gazetteer.lookup_demonym(words[0])
            if demonym:
                return demonym[0].country_code
        return self._place_in(words, cities=False)

    def _place_in(self, words: list[str], *, cities: bool) -> str | None:
        """The one country of the longest run of ``words`` naming a country or admin1 area
        (or, with ``cities``, a city of 100,000+)."""
        for size in range(min(_MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                chunk = words[i:i + size]
                if not chunk[0][:1].isupper() or all(
                        w.lower() in _MASTHEAD_WORDS or (w.isupper() and len(w) <= 4)
                        for w in chunk):  # masthead words, acronyms ("GNA")
                    continue
                codes = {c.country_code for c in self.gazetteer.lookup(" ".join(chunk))
                         if c.country_code and (c.kind in _NAME_KINDS or (
                             cities and c.kind == "city" and c.population >= _CITY_MIN))}
                if len(codes) == 1:
                    return codes.pop()
        return None


def domain_country(url: str) -> str | None:
    """The ISO code of a URL's country-code top-level domain ("www.abc.net.au": AU; ".uk" is
    GB), or None for generic and vanity domains."""
    match = _HOST.match(url.strip())
    if match is None:
        return None
    tld = match.group(1).rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_DOMAINS:
        return None
    return "GB" if tld == "uk" else tld.upper()
