"""`conflictwatch watch --once`: polls, ingests into the ledger, shows what it did."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from typer.testing import CliRunner

from conflictwatch.cli.sources import parse_duration, register
from conflictwatch.gazetteer import sources
from conflictwatch.gazetteer.load import GazetteerWriter, add_supplement
from fixtures.sources.loopback import LoopbackServer

STORY = (b"<html><head><title>Market attack</title></head><body><article><p>Gunmen killed "
         b"three people at a market in Mali on Saturday, officials said.</p></article>"
         b"</body></html>")


def rss(base: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<item><title>Market attack</title><link>{base}/story</link>"
            f"<guid>urn:wire:1</guid></item></channel></rss>").encode()


def small_gazetteer(data_dir: Path) -> None:
    writer = GazetteerWriter(data_dir / "gazetteer.sqlite")
    for row in (*sources.read_countries(), *sources.read_continents()):
        writer.add(row)
    add_supplement(writer)
    writer.finish(time.perf_counter())


def test_feed_cli_watch_once_ingests_and_reports(tmp_path: Path) -> None:
    small_gazetteer(tmp_path)
    app = typer.Typer()
    register(app)
    env = {"CONFLICTWATCH_DATA_DIR": str(tmp_path), "CONFLICTWATCH_ALLOW_PRIVATE_URLS": "true"}
    with LoopbackServer() as server:
        server.routes["/rss"] = (200, {"ETag": '"1"'}, rss(server.base))
        server.routes["/bad"] = (200, {}, b"<html>not a feed</html>")
        server.routes["/story"] = (200, {"Content-Type": "text/html"}, STORY)
        args = ["watch", server.base + "/bad", server.base + "/rss", "--once"]
        first = CliRunner().invoke(app, args, env=env)
        second = CliRunner().invoke(app, args, env=env)
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert "failed" in lines[0] and "not a readable feed" in lines[0]
    assert "changed" in lines[1] and "1 new, 1 ingested, 0 failed" in lines[1]
    assert "ledger: read 1, stored 1" in lines[2]
    assert "not_modified" in second.output.splitlines()[1]
    assert (tmp_path / "feeds.json").exists()


def test_feed_cli_parses_durations() -> None:
    assert [parse_duration(t) for t in ("90", "90s", "15m", "1h", "1.5h")] == [
        90, 90, 900, 3600, 5400]
