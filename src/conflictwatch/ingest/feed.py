"""Poll RSS/Atom feeds and ingest each new item once.

:func:`poll_feed` asks a feed for what changed (``If-None-Match`` / ``If-Modified-Since`` from
the last answer) and returns the items whose ids were never ingested. :func:`watch` polls a
list of feeds every so often, fetches each new item's page, hands the documents to an ingest
function, and only then remembers the items and the feed's validators, so a crash between
the two never loses an item. A feed that fails, hangs (the fetcher's timeout) or returns
garbage is reported and skipped; the others go on. At most ``MAX_ITEMS_PER_ROUND`` new items
of a feed are fetched per round; the others are left for the next rounds.

:class:`FeedState` is the memory between polls: a small JSON file (``feeds.json`` in
``Settings.data_dir``), written atomically after each feed.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import feedparser

from conflictwatch.errors import FetchError
from conflictwatch.ingest.url import Fetcher
from conflictwatch.models import InputDocument

MAX_SEEN_PER_FEED = 10_000
MAX_ITEM_ATTEMPTS = 3
MAX_ITEMS_PER_ROUND = 200  # new items fetched per feed and round; the rest wait their turn
MIN_SUMMARY_CHARS = 200
STATE_FILE = "feeds.json"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed."""

    id: str
    link: str | None
    title: str | None
    published: date | None
    summary_html: str | None


@dataclass(frozen=True)
class FeedResult:
    """What one poll of one feed found."""

    url: str
    status: Literal["changed", "not_modified", "failed"]
    items: list[FeedItem] = field(default_factory=list)
    entries: int = 0
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


@dataclass
class FeedReport:
    """What the watcher did with one feed in one round."""

    url: str
    status: str
    entries: int = 0
    new: int = 0
    ingested: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    deferred: int = 0  # new items left for later rounds (over MAX_ITEMS_PER_ROUND)


class FeedState:
    """Per feed: ETag, Last-Modified, the ids already ingested, and failed attempts."""

    def __init__(self, path: Path | None = None, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.feeds: dict[str, dict[str, Any]] = data or {}

    @classmethod
    def load(cls, path: Path) -> FeedState:
        """Read the state file; a missing file is an empty state."""
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FetchError(f"feed state {path} is unreadable: {exc}") from exc
        return cls(path, data.get("feeds", {}))

    def _feed(self, url: str) -> dict[str, Any]:
        return self.feeds.setdefault(url, {"etag": None, "last_modified": None, "seen": [],
                                           "attempts": {}})

    def conditional_headers(self, url: str) -> dict[str, str]:
        feed = self.feeds.get(url, {})
        headers = {}
        if feed.get("etag"):
            headers["If-None-Match"] = feed["etag"]
        if feed.get("last_modified"):
            headers["If-Modified-Since"] = feed["last_modified"]
        return headers

    def is_seen(self, url: str, item_id: str) -> bool:
        return item_id in self.feeds.get(url, {}).get("seen", ())

    def mark_seen(self, url: str, item_ids: Iterable[str]) -> None:
        feed = self._feed(url)
        known = set(feed["seen"])
        for item_id in item_ids:
            if item_id not in known:
                feed["seen"].append(item_id)
                known.add(item_id)
            feed["attempts"].pop(item_id, None)
        del feed["seen"][:-MAX_SEEN_PER_FEED]

    def count_attempt(self, url: str, item_id: str) -> int:
        attempts = self._feed(url)["attempts"]
        attempts[item_id] = attempts.get(item_id, 0) + 1
        return attempts[item_id]

    def record_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        feed = self._feed(url)
        feed["etag"], feed["last_modified"] = etag, last_modified

    def save(self) -> None:
        """Write the state atomically (temporary file, then rename)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"feeds": self.feeds}, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)


def poll_feed(url: str, *, fetcher: Fetcher, state: FeedState) -> FeedResult:
    """Fetch and parse one feed; return its unseen items (the state is not changed)."""
    try:
        fetched = fetcher.get(url, headers=state.conditional_headers(url))
    except FetchError as exc:
        return FeedResult(url, "failed", error=str(exc))
    if fetched.status == 304:
        return FeedResult(url, "not_modified")
    # Bytes go in as a stream: given a str or bytes, feedparser may open it as a path or URL.
    parsed = feedparser.parse(io.BytesIO(fetched.content),
                              response_headers={"content-type":
                                                fetched.headers.get("content-type", "")})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom content"
        return FeedResult(url, "failed", error=f"{url!r} is not a readable feed: {reason}")
    items = [_entry_to_item(entry) for entry in parsed.entries]
    fresh = [item for item in _unique(items) if not state.is_seen(url, item.id)]
    return FeedResult(url, "changed", fresh, entries=len(items),
                      title=parsed.feed.get("title") or None,
                      etag=fetched.headers.get("etag"),
                      last_modified=fetched.headers.get("last-modified"))


def item_to_document(item: FeedItem, *, fetcher: Fetcher,
                     feed_title: str | None = None) -> InputDocument:
    """The item's page as a document; its id is the feed item id (stable across polls).

    When the page cannot be fetched, a long enough summary from the feed is used instead.
    """
    try:
        if not item.link:
            raise FetchError(f"feed item {item.id!r} has no link")
        page = fetcher.fetch_page(item.link)
    except FetchError:
        if not item.summary_html or len(item.summary_html) < MIN_SUMMARY_CHARS:
            raise
        return InputDocument(id=item.id, html=item.summary_html, title=item.title,
                             published=item.published, url=item.link, source=feed_title)
    return InputDocument(id=item.id, html=page.html, title=page.title or item.title,
                         published=page.published or item.published, url=page.final_url,
                         source=page.site or feed_title)


def watch(feeds: list[str], *, fetcher: Fetcher, state: FeedState,
          ingest_fn: Callable[[list[InputDocument]], object], every: float = 900.0,
          once: bool = False, sleep: Callable[[float], None] = time.sleep,
          rounds: int | None = None) -> Iterator[FeedReport]:
    """Poll ``feeds`` every ``every`` seconds (one round with ``once``); yield a report per feed.

    Args:
        feeds: feed URLs.
        fetcher: fetches feeds and item pages (SSRF guard, politeness, timeouts).
        state: remembered validators and item ids; saved after each feed.
        ingest_fn: called with each feed's new documents (e.g. a ledger ``ingest``).
        every: seconds between the starts of two rounds.
        once: poll each feed once and stop (for cron).
        rounds: stop after this many rounds (None: forever unless ``once``).
    """
    done = 0
    while True:
        started = time.monotonic()
        for url in feeds:
            try:
                yield watch_feed(url, fetcher=fetcher, state=state, ingest_fn=ingest_fn)
            except Exception as exc:  # noqa: BLE001 - the watcher's edge: one feed never stops it
                yield FeedReport(url, "failed", error=f"{type(exc).__name__}: {exc}")
        done += 1
        if once or (rounds is not None and done >= rounds):
            return
        sleep(max(0.0, every - (time.monotonic() - started)))


def watch_feed(url: str, *, fetcher: Fetcher, state: FeedState,
               ingest_fn: Callable[[list[InputDocument]], object]) -> FeedReport:
    """Poll one feed, ingest its new items, remember them; never raises for a bad feed."""
    result = poll_feed(url, fetcher=fetcher, state=state)
    report = FeedReport(url, result.status, entries=result.entries, new=len(result.items),
                        error=result.error)
    if result.status != "changed":
        return report
    items = result.items[:MAX_ITEMS_PER_ROUND]  # a feed of 100,000 items is no round's work
    report.deferred = len(result.items) - len(items)
    documents, done_ids, retry_later = [], [], report.deferred > 0
    for item in items:
        try:
            documents.append(item_to_document(item, fetcher=fetcher, feed_title=result.title))
        except FetchError as exc:
            report.failed.append((item.id, str(exc)))
            if state.count_attempt(url, item.id) >= MAX_ITEM_ATTEMPTS:
                done_ids.append(item.id)  # give up on it: never retried again
            else:
                retry_later = True
    if documents:
        try:
            ingest_fn(documents)
        except Exception as exc:  # noqa: BLE001 - the watcher's edge: report, keep watching
            report.status, report.error = "failed", f"ingest failed: {type(exc).__name__}: {exc}"
            state.save()
            return report
    report.ingested = len(documents)
    state.mark_seen(url, [d.id for d in documents] + done_ids)
    if not retry_later:  # else the next poll must fetch the whole feed again
        state.record_validators(url, result.etag, result.last_modified)
    state.save()
    return report


def _entry_to_item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    item_id = entry.get("id") or link or f"title:{entry.get('title', '')}"
    content = entry.get("content") or []
    summary = content[0].get("value") if content else entry.get("summary")
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    published = date(*parsed_time[:3]) if parsed_time else None
    return FeedItem(item_id, link, entry.get("title") or None, published, summary or None)


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            unique.append(item)
    return unique
