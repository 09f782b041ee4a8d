"""Polling feeds: new items ingested once, conditional requests, bad feeds skipped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from conflictwatch.config import Settings
from conflictwatch.ingest.feed import FeedState, poll_feed, watch
from conflictwatch.ingest.url import Fetcher, FetchPolicy
from fixtures.sources.loopback import HANG, LoopbackServer

HTML = {"Content-Type": "text/html; charset=utf-8"}


def rss(base: str, numbers: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Attack {n}</title><link>{base}/story/{n}</link>"
        f"<guid>urn:story:{n}</guid><pubDate>Sun, 0{n} Mar 2025 10:00:00 GMT</pubDate>"
        f"<description>Short summary {n}.</description></item>"
        for n in numbers
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Herald</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Wire</title><id>urn:wire</id>
<updated>2025-03-09T12:00:00Z</updated>
<entry><title>Clashes in Tartus</title><id>urn:wire:1</id>
<link href="http://127.0.0.1:9/never-fetched"/><updated>2025-03-09T12:00:00Z</updated>
<content type="html">&lt;p&gt;Clashes killed at least 12 people in Tartus on Sunday, according to
the Syrian Observatory for Human Rights, which said the toll could rise as rescuers searched
the rubble of several buildings in the old town.&lt;/p&gt;</content></entry></feed>"""


def story(n: int) -> bytes:
    return (f"<html><head><title>Attack {n}</title></head><body><article><p>Gunmen killed "
            f"{n} people in village {n} on Saturday, police said.</p></article></body></html>"
            ).encode()


class Ingested:
    """The ingest function the watcher is given: remembers what it received."""

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.fail = fail

    def __call__(self, documents) -> None:
        if self.fail:
            raise RuntimeError("database is locked")
        self.batches.append([d.id for d in documents])


@pytest.fixture
def server():
    with LoopbackServer() as running:
        for n in (1, 2, 3):
            running.routes[f"/story/{n}"] = (200, HTML, story(n))
        yield running


@pytest.fixture
def fetcher():
    settings = Settings(allow_private_urls=True, fetch_timeout=0.3)
    with httpx.Client() as client:
        yield Fetcher(client, settings, policy=FetchPolicy(retries=0, host_delay=0),
                      sleep=lambda s: None)


def test_feed_new_items_are_ingested_once(server, fetcher, tmp_path: Path) -> None:
    server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"},
                             rss(server.base, [1, 2]))
    state = FeedState.load(tmp_path / "feeds.json")
    ingested = Ingested()
    (report,) = watch([server.base + "/rss"], fetcher=fetcher, state=state,
                      ingest_fn=ingested, once=True)
    assert (report.status, report.new, report.ingested) == ("changed", 2, 2)
    assert ingested.batches == [["urn:story:1", "urn:story:2"]]

    server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"},
                             rss(server.base, [1, 2, 3]))
    state = FeedState.load(tmp_path / "feeds.json")
    (report,) = watch([server.base + "/rss"], fetcher=fetcher, state=state,
                      ingest_fn=ingested, once=True)
    assert (report.new, report.ingested) == (1, 1)
    assert ingested.batches[-1] == ["urn:story:3"]


def test_feed_documents_carry_page_and_item_metadata(server, fetcher) -> None:
    server.routes["/rss"] = (200, {}, rss(server.base, [2]))
    documents = []
    list(watch([server.base + "/rss"], fetcher=fetcher, state=FeedState(),
               ingest_fn=documents.extend, once=True))
    (document,) = documents
    assert document.id == "urn:story:2"
    assert document.url == server.base + "/story/2"
    assert document.title == "Attack 2"
    assert document.published == date(2025, 3, 2)
    assert "Gunmen killed 2 people" in document.html


def test_feed_sends_etag_and_accepts_not_modified(server, fetcher) -> None:
    server.routes["/rss"] = (200, {"ETag": '"v1"'}, rss(server.base, [1]))
    state = FeedState()
    list(watch([server.base + "/rss"], fetcher=fetcher, state=state, ingest_fn=Ingested(),
               once=True))
    result = poll_feed(server.base + "/rss", fetcher=fetcher, state=state)
    assert result.status == "not_modified"
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'


@pytest.mark.parametrize("route", [
    (200, {"Content-Type": "text/html"}, b"<html><body><p>Not a feed</p></body></html>"),
    (200, {}, b"\x00\xff\xfe garbage \x89PNG"),
    (200, {}, b"/etc/passwd"),
    (500, {}, b"oops"),
    (200, {}, HANG),
])
def test_feed_bad_feed_is_reported_and_the_watcher_goes_on(server, fetcher, route) -> None:
    server.routes["/bad"] = route
    server.routes["/rss"] = (200, {}, rss(server.base, [1]))
    ingested = Ingested()
    reports = list(watch([server.base + "/bad", server.base + "/rss"], fetcher=fetcher,
                         state=FeedState(), ingest_fn=ingested, once=True))
    assert [r.status for r in reports] == ["failed", "changed"]
    assert reports[0].error
    assert ingested.batches == [["urn:story:1"]]


def test_feed_atom_summary_is_used_when_the_page_cannot_be_fetched(server, fetcher) -> None:
    server.routes["/atom"] = (200, {"Content-Type": "application/atom+xml"}, ATOM)
    documents = []
    (report,) = watch([server.base + "/atom"], fetcher=fetcher, state=FeedState(),
                      ingest_fn=documents.extend, once=True)
    assert report.ingested == 1
    assert documents[0].id == "urn:wire:1"
    assert "at least 12 people" in documents[0].html
    assert documents[0].source == "Coast Wire"


def test_feed_failed_item_is_retried_then_given_up(server, fetcher) -> None:
    server.routes["/rss"] = (200, {"ETag": '"v1"'}, rss(server.base, [1, 4]))
    state = FeedState()
    ingested = Ingested()
    reports = list(watch([server.base + "/rss"], fetcher=fetcher, state=state,
                         ingest_fn=ingested, rounds=4, every=0, sleep=lambda s: None))
    assert [len(r.failed) for r in reports] == [1, 1, 1, 0]
    assert reports[0].failed[0][0] == "urn:story:4"
    assert reports[3].status == "not_modified"
    assert ingested.batches == [["urn:story:1"]]


def test_feed_items_stay_new_when_ingest_fails(server, fetcher) -> None:
    server.routes["/rss"] = (200, {"ETag": '"v1"'}, rss(server.base, [1]))
    state = FeedState()
    (report,) = watch([server.base + "/rss"], fetcher=fetcher, state=state,
                      ingest_fn=Ingested(fail=True), once=True)
    assert report.status == "failed" and "database is locked" in report.error
    assert poll_feed(server.base + "/rss", fetcher=fetcher, state=state).items[0].id == (
        "urn:story:1")


def test_feed_state_file_round_trips(tmp_path: Path) -> None:
    state = FeedState.load(tmp_path / "state" / "feeds.json")
    state.mark_seen("http://news.example/rss", ["a", "b", "a"])
    state.record_validators("http://news.example/rss", '"x"', "Sun, 09 Mar 2025 10:00:00 GMT")
    state.save()
    again = FeedState.load(tmp_path / "state" / "feeds.json")
    assert again.is_seen("http://news.example/rss", "b")
    assert again.conditional_headers("http://news.example/rss") == {
        "If-None-Match": '"x"', "If-Modified-Since": "Sun, 09 Mar 2025 10:00:00 GMT"}
    saved = json.loads((tmp_path / "state" / "feeds.json").read_text())
    assert saved["feeds"]["http://news.example/rss"]["seen"] == ["a", "b"]
