"""Fetch a web page into an InputDocument: guarded, polite, bounded, retried.

:class:`Fetcher` holds the I/O and the state (an injected ``httpx.Client``, the time each host
was last contacted). Every request and every redirect hop passes the SSRF guard
(:mod:`conflictwatch.ingest.ssrf`) and is pinned to the address the guard checked. Bodies are
streamed and cut off at ``Settings.fetch_max_bytes``; a 5xx/429 answer or a connection error
is retried with exponential backoff. The raw HTML is kept on the document; title, date, author
and site come from trafilatura's metadata reader (htmldate for the date).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

import httpx
from trafilatura.metadata import extract_metadata

from conflictwatch.cleaning.html import iso_date
from conflictwatch.config import Settings
from conflictwatch.errors import FetchError
from conflictwatch.ingest.documents import InputFailure
from conflictwatch.ingest.ssrf import (
    Resolver,
    Target,
    check_url,
    parse_url,
    pin_request,
    resolve_host,
)
from conflictwatch.models import InputDocument

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer after redirects: the final URL, status, headers and the body bytes."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes

    def text(self) -> str:
        """The body decoded with the declared (header or meta) charset, else UTF-8."""
        return decode_body(self.content, self.headers.get("content-type", ""))


@dataclass(frozen=True)
class Page:
    """A fetched HTML page with its metadata."""

    url: str
    final_url: str
    html: str
    title: str | None
    published: date | None
    author: str | None
    site: str | None


@dataclass(frozen=True)
class FetchPolicy:
    """How persistent and how polite a Fetcher is.

    Args:
        retries: extra attempts after a 429/5xx answer or a connection error.
        backoff: seconds before the first retry; doubled for each further one.
        host_delay: least seconds between two requests to the same host.
        max_redirects: redirect hops followed (each one checked by the SSRF guard).
    """

    retries: int = 3
    backoff: float = 0.5
    host_delay: float = 1.0
    max_redirects: int = 5


class Fetcher:
    """Fetches URLs through one ``httpx.Client``; remembers when it last contacted each host.

    Args:
        client: the HTTP client (tests pass one with a ``MockTransport``).
        settings: ``allow_private_urls``, ``user_agent``, ``fetch_timeout``, ``fetch_max_bytes``.
        policy: retries, backoff, per-host delay, redirects.
        resolve: host name resolver used by the SSRF guard.
        sleep, clock: injected so tests never wait.
    """

    def __init__(self, client: httpx.Client, settings: Settings, *,
                 policy: FetchPolicy | None = None, resolve: Resolver = resolve_host,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.settings = settings
        self.policy = policy or FetchPolicy()
        self.resolve = resolve
        self.sleep = sleep
        self.clock = clock
        self._last_contact: dict[str, float] = {}

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url``, following guarded redirects; a 304 is returned, other >=400 raise."""
        current = parse_url(url)
        for _hop in range(self.policy.max_redirects + 1):
            fetched, location = self._get_with_retries(current, headers or {})
            if location is None:
                return fetched
            current = _join(current, location)
        raise FetchError(
            f"too many redirects (more than {self.policy.max_redirects}) from {url!r}")

    def fetch_page(self, url: str) -> Page:
        """Fetch an HTML page and read its metadata."""
        fetched = self.get(url)
        content_type = fetched.headers.get("content-type", "text/html").split(";")[0].strip()
        if content_type.lower() not in HTML_TYPES:
            raise FetchError(f"{url!r} is {content_type!r}, not an HTML page")
        html = fetched.text()
        meta = extract_metadata(html, default_url=fetched.url)
        return Page(
            url=url,
            final_url=fetched.url,
            html=html,
            title=meta.title or None,
            published=iso_date(meta.date),
            author=meta.author or None,
            site=meta.sitename or meta.hostname or httpx.URL(fetched.url).host or None,
        )

    def fetch_document(self, url: str) -> InputDocument:
        """Fetch ``url`` into an InputDocument: id is the URL, ``html`` the raw page."""
        page = self.fetch_page(url)
        return page_to_document(page)

    def _get_with_retries(self, url: httpx.URL,
                          headers: Mapping[str, str]) -> tuple[Fetched, str | None]:
        target = check_url(url, allow_private=self.settings.allow_private_urls,
                           resolve=self.resolve)
        attempt = 0
        while True:
            try:
                fetched, location = self._get_once(target, headers, attempt)
            except httpx.TransportError as exc:
                if attempt >= self.policy.retries:
                    raise FetchError(f"cannot fetch {str(url)!r}: {exc!r}") from exc
            else:
                if fetched.status not in RETRY_STATUSES:
                    return _checked(fetched), location
                if attempt >= self.policy.retries:
                    raise FetchError(f"{str(url)!r} answered HTTP {fetched.status}")
            self.sleep(self.policy.backoff * 2**attempt)
            attempt += 1

    def _get_once(self, target: Target, headers: Mapping[str, str],
                  attempt: int) -> tuple[Fetched, str | None]:
        self._wait_for_host(target.url.host)
        request = self.client.build_request(
            "GET", target.url,
            headers={"User-Agent": self.settings.user_agent, **headers},
            timeout=self.settings.fetch_timeout,
        )
        request = pin_request(request, target, attempt)
        response = self.client.send(request, stream=True, follow_redirects=False)
        try:
            if response.is_redirect and "location" in response.headers:
                return _empty(target.url, response), response.headers["location"]
            content = self._read_bounded(response, target.url)
        finally:
            response.close()
        return Fetched(str(target.url), response.status_code, response.headers, content), None

    def _wait_for_host(self, host: str) -> None:
        last = self._last_contact.get(host)
        if last is not None:
            wait = self.policy.host_delay - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_contact[host] = self.clock()

    def _read_bounded(self, response: httpx.Response, url: httpx.URL) -> bytes:
        limit = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{str(url)!r} is {declared} bytes, over fetch_max_bytes={limit}")
        deadline = self.clock() + self.settings.fetch_timeout * 3
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{str(url)!r} is over fetch_max_bytes={limit}; stopped")
            if self.clock() > deadline:
                raise FetchError(f"{str(url)!r} is too slow: body not read within the deadline")
            chunks.append(chunk)
        return b"".join(chunks)


def read_urls(urls: Iterable[str], *,
              fetcher: Fetcher) -> Iterator[InputDocument | InputFailure]:
    """Fetch each URL into a document; a URL that cannot be fetched becomes an InputFailure."""
    for url in urls:
        try:
            yield fetcher.fetch_document(url)
        except FetchError as exc:
            yield InputFailure(id=url, error=str(exc))


def read_sources(inputs: Iterable[str], *,
                 fetcher: Fetcher) -> Iterator[InputDocument | InputFailure]:
    """Documents from ``http(s)://`` URLs (fetched) and from what ``read_inputs`` reads, in order.

    A path that does not exist raises InputError when it is reached.
    """
    from conflictwatch.ingest import read_inputs

    for source in inputs:
        if source.startswith(("http://", "https://")):
            yield from read_urls([source], fetcher=fetcher)
        else:
            yield from read_inputs([source])


def fetch_document(url: str, *, client: httpx.Client, settings: Settings) -> InputDocument:
    """Fetch one web page into an InputDocument (one-off; use a Fetcher for many URLs)."""
    return Fetcher(client, settings).fetch_document(url)


def make_client(settings: Settings) -> httpx.Client:
    """The HTTP client conflictwatch uses by default: no environment proxies, no redirects."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=settings.fetch_timeout,
        follow_redirects=False,
        trust_env=False,
    )


def page_to_document(page: Page) -> InputDocument:
    """The InputDocument for a fetched page (author has no field in InputDocument yet)."""
    return InputDocument(
        id=page.url,
        html=page.html,
        title=page.title,
        published=page.published,
        url=page.final_url,
        source=page.site,
    )


def _checked(fetched: Fetched) -> Fetched:
    if fetched.status >= 400:
        raise FetchError(f"{fetched.url!r} answered HTTP {fetched.status}")
    return fetched


def _join(base: httpx.URL, location: str) -> httpx.URL:
    try:
        return base.join(location)
    except httpx.InvalidURL as exc:
        raise FetchError(f"refused redirect from {str(base)!r} to {location!r}: {exc}") from exc


def _empty(url: httpx.URL, response: httpx.Response) -> Fetched:
    return Fetched(str(url), response.status_code, response.headers, b"")


def decode_body(content: bytes, content_type: str) -> str:
    """Decode an HTML body with the charset its Content-Type or <meta> declares, else UTF-8."""
    charset = _declared_charset(content_type, content)
    try:
        return content.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return content.decode("utf-8", errors="replace")


def _declared_charset(content_type: str, content: bytes) -> str | None:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    if match:
        return match.group(1)
    sniffed = _META_CHARSET.search(content[:4096])
    return sniffed.group(1).decode("ascii") if sniffed else None
