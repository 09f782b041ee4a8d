"""Build the offline gazetteer: one compact, indexed SQLite file.

Tables: ``place`` (one row per place), ``name`` (exact normalised key -> place),
``loose`` (transliteration skeleton -> place), ``region_name`` (named regions with no point:
"Middle East") and ``meta``. Built from installed packages
only (:func:`build_gazetteer`) or from a GeoNames dump (:func:`load_geonames_dump`).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from conflictwatch.errors import GazetteerError
from conflictwatch.gazetteer import sources
from conflictwatch.gazetteer.normalize import loose_key, name_keys, normalize_name
from conflictwatch.gazetteer.sources import PlaceRow

FORMAT_VERSION = 5  # bump when the build's output changes: older files are rebuilt
Progress = Callable[[str, int, int], None]

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE place(
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, country_code TEXT, admin1 TEXT, admin2 TEXT, fclass TEXT, fcode TEXT,
    population INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY(key, place))
    WITHOUT ROWID;
CREATE TABLE loose(key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY(key, place))
    WITHOUT ROWID;
CREATE TABLE common(key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE abbreviation(key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY(key, place))
    WITHOUT ROWID;
CREATE TABLE region_name(key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE demonym(key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY(key, place))
    WITHOUT ROWID;
"""
# names worth matching in running text without NER: not every village of cities500
COMMON_SQL = """
INSERT INTO common SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.place
WHERE p.kind != 'city' OR p.population >= ?
"""
COMMON_MIN_POPULATION = 15_000
ADMIN_KINDS = frozenset({"country", "admin1", "admin2", "admin3"})


@dataclass(frozen=True)
class GazetteerInfo:
    """What a built gazetteer file holds."""

    path: Path
    places: int
    names: int
    size_bytes: int
    sources: dict[str, int]
    built_at: str
    build_seconds: float
    format_version: int


class GazetteerWriter:
    """Writes places and their name keys into a new gazetteer file."""

    def __init__(self, out_path: Path) -> None:
        self.out_path = out_path
        self._tmp = out_path.with_name(out_path.name + ".building")
        out_path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp.unlink(missing_ok=True)
        try:
            self.conn = sqlite3.connect(self._tmp)
            self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot create gazetteer at {out_path}: {exc}") from exc
        self._next_id = 1
        self._places: list[tuple] = []
        self._names: set[tuple[str, int]] = set()
        self._loose: set[tuple[str, int]] = set()
        self.by_geonameid: dict[int, int] = {}
        self.countries: dict[str, int] = {}
        self.admin1s: dict[tuple[str | None, str], int] = {}
        self.counts: dict[str, int] = {}

    def add(self, row: PlaceRow) -> int:
        """Store one place and its names; return its row id."""
        pid = self._next_id
        self._next_id += 1
        self._places.append((pid, row.geonameid, row.name, row.lat, row.lon, row.country_code,
                             row.admin1, row.admin2, row.fclass, row.fcode, row.population,
                             row.kind, row.source))
        if row.geonameid is not None:
            self.by_geonameid.setdefault(row.geonameid, pid)
        if row.kind == "country" and row.country_code:
            self.countries.setdefault(row.country_code, pid)
        if row.kind == "admin1":
            self.admin1s.setdefault((row.country_code, normalize_name(row.name)), pid)
        origin = row.source.split(" ")[0].rstrip(":")
        self.counts[origin] = self.counts.get(origin, 0) + 1
        self.add_names(pid, [row.name], admin=row.kind in ADMIN_KINDS, loose=True)
        self.add_demonyms(pid, row.demonyms)
        self.add_names(pid, row.aliases, admin=row.kind in ADMIN_KINDS,
                       loose=row.kind not in ("city", "feature"))
        if len(self._places) >= 50_000:
            self.flush()
        return pid

    def add_names(self, pid: int, names: Iterable[str], *, admin: bool, loose: bool) -> None:
        """Index extra names for an existing place."""
        for name in names:
            for key in name_keys(name, admin=admin):
                self._names.add((key, pid))
                if loose:
                    self._loose.add((loose_key(key), pid))

    def add_demonyms(self, pid: int, demonyms: Iterable[str]) -> None:
        """Record the demonyms of a country ("Syrian")."""
        self.conn.executemany("INSERT OR IGNORE INTO demonym VALUES (?, ?)",
                              [(normalize_name(d), pid) for d in demonyms])

    def move(self, pid: int, lat: float, lon: float) -> None:
        """Give an already added place another point."""
        self.flush()
        self.conn.execute("UPDATE place SET lat = ?, lon = ? WHERE id = ?", (lat, lon, pid))

    def flush(self) -> None:
        """Write buffered rows."""
        self.conn.executemany(f"INSERT INTO place VALUES ({','.join('?' * 13)})", self._places)
        self.conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", sorted(self._names))
        self.conn.executemany("INSERT OR IGNORE INTO loose VALUES (?, ?)", sorted(self._loose))
        self._places.clear()
        self._names.clear()
        self._loose.clear()

    def finish(self, started: float) -> GazetteerInfo:
        """Index, compact and move the file into place."""
        self.flush()
        built_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        meta = {"format_version": str(FORMAT_VERSION), "built_at": built_at,
                **{f"source:{k}": str(v) for k, v in self.counts.items()}}
        self.conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        self.conn.execute(COMMON_SQL, (COMMON_MIN_POPULATION,))
        self.conn.execute("CREATE INDEX place_geonameid ON place(geonameid)")
        self.conn.commit()
        self.conn.execute("VACUUM")
        self.conn.close()
        self._tmp.replace(self.out_path)
        return read_info(self.out_path, build_seconds=time.perf_counter() - started)

    def abort(self) -> None:
        """Drop the unfinished file."""
        self.conn.close()
        self._tmp.unlink(missing_ok=True)


def read_info(path: Path, *, build_seconds: float = 0.0) -> GazetteerInfo:
    """Describe a built gazetteer file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        places = conn.execute("SELECT max(id) FROM place").fetchone()[0] or 0
        names = conn.execute("SELECT count(*) FROM name").fetchone()[0]
        conn.close()
    except sqlite3.Error as exc:
        raise GazetteerError(f"gazetteer {path} is missing or corrupt: {exc}") from exc
    return GazetteerInfo(
        path=path, places=places, names=names, size_bytes=path.stat().st_size,
        sources={k.split(":", 1)[1]: int(v) for k, v in meta.items() if k.startswith("source:")},
        built_at=meta.get("built_at", ""), build_seconds=build_seconds,
        format_version=int(meta.get("format_version", 0)),
    )


def build_gazetteer(out_path: Path, *, progress: Progress | None = None) -> GazetteerInfo:
    """Build the gazetteer from the installed packages and our supplement (no network)."""
    started = time.perf_counter()
    writer = GazetteerWriter(out_path)
    steps = ("countries", "areas and cities", "airports", "supplement")
    try:
        _report(progress, steps[0], 0, len(steps))
        for row in (*sources.read_countries(), *sources.read_continents()):
            writer.add(row)
        _report(progress, steps[1], 1, len(steps))
        admin1_of: dict[tuple[str, str], str] = {}
        for row in sources.read_geo_places():
            writer.add(row)
            if row.kind == "city" and row.admin1 and row.country_code:
                admin1_of.setdefault((row.country_code, normalize_name(row.name)), row.admin1)
        _report(progress, steps[2], 2, len(steps))
        for row in sources.read_airports(admin1_of):
            writer.add(row)
        _report(progress, steps[3], 3, len(steps))
        add_supplement(writer)
        add_region_names(writer)
        _report(progress, "done", len(steps), len(steps))
        return writer.finish(started)
    except BaseException:
        writer.abort()
        raise


def add_supplement(writer: GazetteerWriter) -> None:
    """Add the curated rows. A ``country`` row adds names to that country (and, when it gives
    a point, moves the country's point there); an ``abbreviation`` row adds an AP-style
    abbreviation ("Ky.", "B.C.") to an admin1 area, matched only as written."""
    for row in sources.read_supplement():
        if row.kind == "abbreviation":
            pid = writer.admin1s.get((row.country_code, normalize_name(row.name)))
            if pid is not None:
                writer.conn.executemany("INSERT OR IGNORE INTO abbreviation VALUES (?, ?)",
                                        [(alias, pid) for alias in row.aliases])
            continue
        if row.kind != "country":
            writer.add(row)
            continue
        existing = writer.countries.get(row.country_code or "")
        if existing is not None:
            writer.add_names(existing, [row.name, *row.aliases], admin=True, loose=False)
            if row.lat or row.lon:
                writer.move(existing, row.lat, row.lon)


def add_region_names(writer: GazetteerWriter) -> None:
    """Record the named regions that have no point ("Middle East", "Americas")."""
    keys = {key for name in sources.read_region_names() for key in name_keys(name)}
    writer.conn.executemany("INSERT OR IGNORE INTO region_name VALUES (?)",
                            [(key,) for key in sorted(keys)])


def _report(progress: Progress | None, step: str, done: int, total: int) -> None:
    if progress is not None:
        progress(step, done, total)


def load_geonames_dump(
    out_path: Path,
    dump: Path,
    alternate_names: Path | None = None,
    *,
    progress: Progress | None = None,
) -> GazetteerInfo:
    """Build the gazetteer from a GeoNames dump (allCountries/cities500 format)."""
    from conflictwatch.gazetteer.dump import read_dump

    started = time.perf_counter()
    writer = GazetteerWriter(out_path)
    try:
        for row in read_dump(dump, alternate_names, progress=progress):
            writer.add(row)
        for row in sources.read_countries():
            known = writer.countries.get(row.country_code or "")
            if known is None and row.geonameid in writer.by_geonameid:
                known = writer.by_geonameid[row.geonameid]
            if known is None:
                writer.add(row)
            else:
                writer.add_demonyms(known, row.demonyms)
        add_supplement(writer)
        add_region_names(writer)
        return writer.finish(started)
    except BaseException:
        writer.abort()
        raise
