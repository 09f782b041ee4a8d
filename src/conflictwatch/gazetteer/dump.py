"""Read a GeoNames dump (allCountries.txt / cities500.txt format, plus alternateNamesV2.txt)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from conflictwatch.errors import GazetteerError
from conflictwatch.gazetteer.normalize import is_latin
from conflictwatch.gazetteer.sources import PlaceRow, display_admin

_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt",
                         "fr_1793"})
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
_KINDS = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "CONT": "continent",
          "AIRP": "airport", "AIRB": "airbase", "AIRF": "airbase", "MILB": "base",
          "INSM": "base", "PPLX": "district", "RGN": "region", "AREA": "region"}
N_COLUMNS = 19


def feature_kind(fclass: str, fcode: str) -> str:
    """Our kind for a GeoNames feature class/code."""
    if fcode in _COUNTRY_CODES:
        return "country"
    if fcode in _KINDS:
        return _KINDS[fcode]
    return "city" if fclass == "P" else "feature"


def read_alternate_names(path: Path) -> dict[int, list[str]]:
    """geonameid -> Latin-script alternate names from alternateNamesV2.txt."""
    names: dict[int, list[str]] = {}
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or cols[2] in _SKIP_LANGS:
                    continue
                if len(cols) > 7 and cols[7] == "1":  # historic
                    continue
                if is_latin(cols[3]) and not cols[3].islower():
                    names.setdefault(int(cols[1]), []).append(cols[3])
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read alternate names {path}: {exc}") from exc
    return names


def _rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, cols in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if len(cols) != N_COLUMNS:
                    raise GazetteerError(f"{path}:{n}: expected {N_COLUMNS} tab-separated "
                                         f"columns (GeoNames dump format), got {len(cols)}")
                yield cols
    except OSError as exc:
        raise GazetteerError(f"cannot read GeoNames dump {path}: {exc}") from exc


def _admin_names(path: Path) -> dict[str, str]:
    """"CC.A1" / "CC.A1.A2" -> name of the ADM1/ADM2 rows found in the dump itself."""
    out: dict[str, str] = {}
    for cols in _rows(path):
        name = display_admin(cols[2] or cols[1], cols[3].split(","))
        if cols[7] == "ADM1":
            out[f"{cols[8]}.{cols[10]}"] = name
        elif cols[7] == "ADM2":
            out[f"{cols[8]}.{cols[10]}.{cols[11]}"] = name
    return out


def read_dump(
    dump: Path,
    alternate_names: Path | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[PlaceRow]:
    """Every row of a GeoNames dump as a PlaceRow (two passes: admin names, then places)."""
    alternates = read_alternate_names(alternate_names) if alternate_names else {}
    admins = _admin_names(dump)
    total = dump.stat().st_size
    done = 0
    for n, cols in enumerate(_rows(dump), 1):
        done += sum(len(c) for c in cols) + N_COLUMNS
        if progress is not None and n % 100_000 == 0:
            progress("places", min(done, total), total)
        gid = int(cols[0])
        cc, a1, a2 = cols[8], cols[10], cols[11]
        kind = feature_kind(cols[6], cols[7])
        name = admins.get(f"{cc}.{a1}", cols[1]) if kind == "admin1" else cols[1]
        own = [a for a in cols[3].split(",") if a and is_latin(a) and not a.islower()]
        yield PlaceRow(
            name=name, lat=float(cols[4]), lon=float(cols[5]),
            kind=kind, source="geonames-dump",
            country_code=cc or None, admin1=admins.get(f"{cc}.{a1}"),
            admin2=admins.get(f"{cc}.{a1}.{a2}"), fclass=cols[6] or None,
            fcode=cols[7] or None, population=int(cols[14] or 0), geonameid=gid,
            aliases=[cols[1], cols[2], *own, *alternates.get(gid, ())],
        )
    if progress is not None:
        progress("places", total, total)
