"""Read the built gazetteer and resolve a place name in its context.

``Gazetteer.open(path)`` is cheap (the SQLite file is queried lazily); ``lookup`` answers from
an indexed table and keeps a per-object cache. ``resolve_place`` ranks the candidates by what
the text says around the name and returns ``models.Resolved`` or None (never a guessed pin).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from conflictwatch.errors import GazetteerError
from conflictwatch.gazetteer.load import FORMAT_VERSION, GazetteerInfo, Progress, read_info
from conflictwatch.gazetteer.normalize import is_variant, loose_key, normalize_name
from conflictwatch.models import Resolved

REGION_KINDS = frozenset({"country", "admin1", "continent", "region", "sea"})
ADMIN_KINDS = frozenset({"country", "admin1", "admin2", "region"})
REGION_ROW_KINDS = frozenset({"continent", "region", "sea"})
POINT_KINDS = frozenset({"city", "airport", "airbase", "base", "district", "neighbourhood",
                         "camp", "facility"})
_COLUMNS = ("id, geonameid, name, lat, lon, country_code, admin1, admin2, fclass, fcode, "
            "population, kind")
_KIND_BASE = {"country": 9.0, "continent": 8.5, "admin1": 6.5, "region": 6.0, "admin2": 1.0,
              "airport": 2.5, "airbase": 3.0, "base": 3.0, "district": 3.0,
              "neighbourhood": 3.0, "camp": 3.0, "facility": 3.0, "sea": 7.0}
EXACT_NAME_BONUS = 1.0
EXACT_NAME_FULL_LOG = 5.0  # a town of 10**5 people gets the full exact-name bonus
NAMESAKE_MIN_POPULATION = 20_000
NAMESAKE_MIN_SHARE = 0.10
DOC_COUNTRY_WEIGHT = 6.0  # score per unit share of the document's country evidence
DOMINANT_SHARE = 0.5  # a country holding this share of the evidence is what the doc is about
# a reading in another country than the one the document is about must be at least this big
# to beat a reading in that country, or to stand at all ("Nur" in a Darfur report is no
# Iranian town). No exception for a name with one reading: measured on ACLED, the readings
# it let stand were mostly namesakes of towns the gazetteer lacks ("Hamar", "Shiida")
FOREIGN_MIN_POPULATION = 1_000_000
# a bare name is the world city (Paris, Toronto) rather than a namesake town fifty times
# smaller that the document's countries favour, unless the document names the town's area
WORLD_CITY_POPULATION = 1_000_000
WORLD_CITY_RATIO = 50
# the reach of the groups a report names, when nothing else says where it is: a reading this
# far from the centre of their home country is foreign ("Al Shabaab" fights in Kenya too)
CUE_REACH_KM = 2000.0
# names made only of these words ("Central Coast", "South East") need a country in context
GENERIC_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                           "western", "central", "coast", "coastal", "upper", "lower", "middle",
                           "highlands", "lowlands", "capital", "region", "district", "city",
                           "new", "old", "great", "greater", "little", "valley", "island",
                           "islands", "lake", "river", "mountain", "mountains", "plains"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    admin2: str | None
    fclass: str | None
    fcode: str | None
    population: int
    kind: str

    @property
    def feature(self) -> str | None:
        """GeoNames-style feature, "P.PPL"."""
        return f"{self.fclass}.{self.fcode}" if self.fclass and self.fcode else self.fcode


@dataclass
class PlaceContext:
    """What the text says around a name: countries and admin areas nearby, the article's
    countries (weights), and a kind hint ("admin", "city", "base") from words like
    "governorate" or "the town of". ``where_countries``: the shares of the evidence of where
    the report is (outlet, places named; not an armed group's home country), which decide
    what country is foreign (None: ``doc_countries``). ``part_of``: the name is a part of
    the place looked up ("Far North Queensland"), which then needs its country in the text
    unless it is a country ("Central Plateau" in a report on Haiti is no
    Nigerian state)."""

    near_countries: set[str] = field(default_factory=set)
    near_admin1: set[str] = field(default_factory=set)
    doc_countries: dict[str, float] = field(default_factory=dict)
    doc_admin1: set[str] = field(default_factory=set)
    kind_hint: str | None = None
    near: bool = False
    where_countries: dict[str, float] | None = None
    part_of: bool = False


class Gazetteer:
    """The offline gazetteer, opened from its built file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._conn = conn
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}
        self._common: frozenset[str] | None = None
        self._demonyms: frozenset[str] | None = None
        self._regions: frozenset[str] | None = None
        self._keys: dict[str, str] = {}
        self._countries: dict[str, Candidate] | None = None

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        """Open a built gazetteer file (read-only)."""
        path = Path(path)
        if not path.is_file():
            raise GazetteerError(f"gazetteer file {path} not found; run `conflictwatch "
                                 "gazetteer build`")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False)
            row = conn.execute("SELECT value FROM meta WHERE key='format_version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"gazetteer {path} is corrupt: {exc}") from exc
        if row is None or int(row[0]) != FORMAT_VERSION:
            conn.close()
            raise GazetteerError(f"gazetteer {path} has format {row and row[0]}, expected "
                                 f"{FORMAT_VERSION}; rebuild it")
        return cls(conn, path)

    @classmethod
    def open_or_build(cls, path: Path, progress: Progress | None = None) -> Gazetteer:
        """Open the gazetteer, building it from the installed packages when missing, or when
        a package-built file has an older format (a file loaded from a GeoNames dump is never
        replaced: `Gazetteer.open` says to reload it)."""
        from conflictwatch.gazetteer.load import build_gazetteer

        path = Path(path)
        if not path.is_file() or _stale_package_build(path):
            build_gazetteer(path, progress=progress)
        return cls.open(path)

    def info(self) -> GazetteerInfo:
        """Describe the file."""
        return read_info(self.path)

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def key(self, name: str) -> str:
        """``normalize_name(name)``, cached on this object."""
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) > 200_000:
                self._keys.clear()
            key = self._keys[name] = normalize_name(name)
        return key

    def lookup(self, name: str, *, loose: bool = False) -> list[Candidate]:
        """Every place called ``name`` (exact normalised key; ``loose``: a transliteration
        variant, ``normalize.is_variant``)."""
        return self.lookup_key(normalize_name(name), loose=loose)

    def lookup_key(self, key: str, *, loose: bool = False) -> list[Candidate]:
        """Every place stored under a normalised key."""
        cached = self._cache.get((key, loose))
        if cached is not None:
            return cached
        table = "loose" if loose else "name"
        query_key = loose_key(key) if loose else key
        try:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM place WHERE id IN "
                f"(SELECT place FROM {table} WHERE key = ?)", (query_key,)
            ).fetchall()
        except sqlite3.Error as exc:
            raise GazetteerError(f"gazetteer lookup failed for {key!r}: {exc}") from exc
        found = [Candidate(*row) for row in rows]
        if loose:  # a shared skeleton only: the vowels must agree too ("Americas" != "Americus")
            found = [c for c in found if is_variant(key, self.key(c.name))]
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[(key, loose)] = found
        return found

    def lookup_demonym(self, word: str) -> list[Candidate]:
        """The country a demonym names ("Syrian" -> Syria)."""
        if self._demonyms is None:
            rows = self._conn.execute("SELECT DISTINCT key FROM demonym").fetchall()
            self._demonyms = frozenset(row[0] for row in rows)
        if normalize_name(word) not in self._demonyms:
            return []
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM place WHERE id IN "
            "(SELECT place FROM demonym WHERE key = ?)", (normalize_name(word),)).fetchall()
        return [Candidate(*row) for row in rows]

    def lookup_abbreviation(self, surface: str) -> list[Candidate]:
        """The admin1 area an AP-style abbreviation names, exactly as written ("Ky.")."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM place WHERE id IN "
            "(SELECT place FROM abbreviation WHERE key = ?)", (surface,)).fetchall()
        return [Candidate(*row) for row in rows]

    def is_common(self, key: str) -> bool:
        """True for names worth matching in running text (countries, areas, towns >= 15k,
        bases, curated places); loaded into memory on first use."""
        if self._common is None:
            rows = self._conn.execute("SELECT key FROM common").fetchall()
            self._common = frozenset(row[0] for row in rows)
        return key in self._common

    def is_region_name(self, key: str) -> bool:
        """True for a named region of the world that has no point ("Middle East",
        "Americas"): it is no town or admin area, whatever shares its name."""
        if self._regions is None:
            rows = self._conn.execute("SELECT key FROM region_name").fetchall()
            self._regions = frozenset(row[0] for row in rows)
        return key in self._regions

    def country(self, code: str) -> Candidate | None:
        """The country with this ISO alpha-2 code."""
        if self._countries is None:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM place WHERE kind = 'country'").fetchall()
            self._countries = {}
            for row in rows:
                self._countries.setdefault(row[5], Candidate(*row))
        return self._countries.get(code)


def _stale_package_build(path: Path) -> bool:
    try:
        info = read_info(path)
    except GazetteerError:
        return False  # corrupt: let `open` report it
    return info.format_version != FORMAT_VERSION and "geonames-dump" not in info.sources


def score_candidate(
    candidate: Candidate, key: str, context: PlaceContext, gazetteer: Gazetteer | None = None
) -> float:
    """How well a candidate fits the name in its context (higher is better)."""
    score = _KIND_BASE.get(candidate.kind, 0.0) + math.log10(candidate.population + 1) / 2
    normalize = gazetteer.key if gazetteer is not None else normalize_name
    if normalize(candidate.name) == key:
        score += exact_name_bonus(candidate)
    cc = candidate.country_code
    if cc in context.near_countries:
        score += 4.0
    score += DOC_COUNTRY_WEIGHT * context.doc_countries.get(cc or "", 0.0)
    admin1 = normalize(candidate.admin1 or "")
    if candidate.kind != "admin1" and admin1 and admin1 in context.near_admin1:
        score += 4.0
    elif candidate.kind != "admin1" and admin1 and admin1 in context.doc_admin1:
        score += 1.5
    hint = context.kind_hint
    if hint == "admin" and candidate.kind in ADMIN_KINDS:
        score += 6.0
    elif hint == "city" and candidate.kind == "city":
        score += 4.0
    elif hint == "base" and candidate.kind in ("airbase", "base", "airport"):
        score += 6.0
    elif hint == "district" and candidate.kind in ("district", "neighbourhood", "camp"):
        score += 6.0
    return score


def exact_name_bonus(candidate: Candidate) -> float:
    """What being called exactly the name adds: a full point, but for a town only as much as
    its size earns (a tenth of a point per factor of ten, up to 100,000 people), so that a
    village spelt like the name ("Derna", Romania) does not beat the city known by it as an
    alternate name (Darnah, Libya)."""
    if candidate.kind != "city":
        return EXACT_NAME_BONUS
    return min(EXACT_NAME_BONUS, math.log10(candidate.population + 1) / EXACT_NAME_FULL_LOG)


def rank_candidates(
    candidates: Iterable[Candidate],
    key: str,
    context: PlaceContext,
    gazetteer: Gazetteer | None = None,
) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first."""
    scored = [(score_candidate(c, key, context, gazetteer), c) for c in candidates]
    return sorted(scored, key=lambda pair: (-pair[0], -pair[1].population, pair[1].id))


def is_supported(candidate: Candidate, context: PlaceContext, key: str = "") -> bool:
    """A tiny place, or a generic name ("Central Coast"), in an unrelated country is a guess."""
    generic = bool(key) and all(word in GENERIC_WORDS for word in key.split())
    if not generic and (candidate.kind != "city" or candidate.population >= 1000):
        return True
    return _country_in_context(candidate, context)


def to_resolved(candidate: Candidate, *, near: bool = False) -> Resolved:
    """The contract record for a chosen candidate."""
    if candidate.kind in REGION_KINDS:
        precision = 3
    elif candidate.kind == "admin2" or near:
        precision = 2
    else:
        precision = 1
    return Resolved(
        geonameid=candidate.geonameid, lat=round(candidate.lat, 5), lon=round(candidate.lon, 5),
        country_code=candidate.country_code, admin1=candidate.admin1, admin2=candidate.admin2,
        feature=candidate.feature, precision=precision,
    )


def choose_candidate(
    gazetteer: Gazetteer,
    key: str,
    context: PlaceContext | None = None,
    candidates: list[Candidate] | None = None,
) -> Candidate | None:
    """The best candidate for a normalised name ``key`` in ``context``, or None
    (``candidates``: already looked up, e.g. a demonym's country)."""
    context = context or PlaceContext()
    if not key:
        return None
    exact = gazetteer.lookup_key(key)
    if candidates is None:
        candidates = exact or gazetteer.lookup_key(key, loose=True)
    loose = not exact and candidates == gazetteer.lookup_key(key, loose=True)
    if gazetteer.is_region_name(key):  # "Middle East": only a curated region row, or nothing
        candidates = [c for c in candidates if c.kind in REGION_ROW_KINDS]
    ranked = rank_candidates(candidates, key, context, gazetteer)
    if not ranked:
        return None
    best = _prefer_world_city(_prefer_namesake_city(ranked[0][1], ranked, context), ranked,
                              context)
    if loose and not _country_in_context(best, context):
        return None
    if context.part_of and best.kind != "country" and not _country_in_context(best, context):
        return None
    if _foreign(best, context, gazetteer):
        home = [c for _score, c in ranked if _home(c, context, gazetteer)]
        if not home:
            return None
        best = home[0]
    return best if is_supported(best, context, key) else None


def _dominant(shares: dict[str, float]) -> str | None:
    """The country holding half the evidence (none on a tie)."""
    top = max(shares.values(), default=0.0)
    found = [code for code, share in shares.items() if share == top]
    return found[0] if top >= DOMINANT_SHARE and len(found) == 1 else None


def _home(candidate: Candidate, context: PlaceContext, gazetteer: Gazetteer) -> bool:
    """A reading where the document is: in the country the evidence of where it is points
    to (any reading, when there is no such country); failing such evidence, near the home
    country of the groups it names ("Al Shabaab" fights in Kenya too, not in France)."""
    where = _dominant(context.doc_countries if context.where_countries is None
                      else context.where_countries)
    if where or context.where_countries is None:
        return not where or candidate.country_code == where
    cue = _dominant(context.doc_countries)
    home = gazetteer.country(cue) if cue else None
    return home is None or _km(candidate, home) <= CUE_REACH_KM


def _foreign(candidate: Candidate, context: PlaceContext, gazetteer: Gazetteer) -> bool:
    """A reading far from what the document is about: not a country or a big place, in a
    country neither the sentence nor the rest of the document names, while the document is
    plainly about another country."""
    if candidate.kind in ("country", "continent", "sea") or _country_in_context(candidate,
                                                                                 context):
        return False
    return (candidate.population < FOREIGN_MIN_POPULATION
            and not _home(candidate, context, gazetteer))


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance between two candidates, in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _country_in_context(candidate: Candidate, context: PlaceContext) -> bool:
    cc = candidate.country_code or ""
    return cc in context.near_countries or context.doc_countries.get(cc, 0.0) > 0.0


def _prefer_namesake_city(
    best: Candidate, ranked: list[tuple[float, Candidate]], context: PlaceContext
) -> Candidate:
    """A bare "Aleppo" is the city, not the governorate named after it (unless told); "the
    city of Quebec" is the city however much bigger the province is."""
    if best.kind not in ("admin1", "admin2") or context.kind_hint == "admin":
        return best
    for _score, other in ranked:
        if other.fcode == "PPLC" and other.country_code == best.country_code:
            return other  # "Washington": the capital, not the state
        share = 0.0 if context.kind_hint == "city" else NAMESAKE_MIN_SHARE
        if (other.kind == "city" and other.country_code == best.country_code
                and other.admin1 == best.admin1
                and other.population >= NAMESAKE_MIN_POPULATION
                and other.population >= share * best.population):
            return other
    return best


def _prefer_world_city(
    best: Candidate, ranked: list[tuple[float, Candidate]], context: PlaceContext
) -> Candidate:
    """A bare "Paris" in an American report is still the French capital: a town the
    document's countries favour gives way to a namesake city of a million people or more,
    fifty times its size, unless the document names the town's admin1 area ("Paris,
    Texas"; a Kentucky report's "London")."""
    if best.kind != "city":
        return best
    admin1 = normalize_name(best.admin1 or "")
    if admin1 in context.near_admin1 or admin1 in context.doc_admin1:
        return best
    bar = max(WORLD_CITY_POPULATION, WORLD_CITY_RATIO * best.population)
    for _score, other in ranked:
        if (other.kind == "city" and other.population >= bar
                and normalize_name(other.name) == normalize_name(best.name)):
            return other
    return best


def resolve_place(
    gazetteer: Gazetteer, name: str, context: PlaceContext | None = None
) -> Resolved | None:
    """Resolve a place name in context to ``models.Resolved``; None when it cannot."""
    if name.islower():
        return None  # "the coast": a description, not a name
    context = context or PlaceContext()
    candidate = choose_candidate(gazetteer, normalize_name(name), context)
    return to_resolved(candidate, near=context.near) if candidate else None
