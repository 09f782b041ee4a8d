"""Fetching a page: metadata, redirects, size limit, retries, politeness, timeouts."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from conflictwatch.config import Settings
from conflictwatch.errors import FetchError
from conflictwatch.ingest import InputFailure
from conflictwatch.ingest.url import Fetcher, FetchPolicy, fetch_document, read_sources, read_urls
from conflictwatch.models import InputDocument
from fixtures.sources.loopback import HANG, LoopbackServer

ARTICLE = b"""<!doctype html><html><head>
<title>Two killed in Riverton market attack - Valley Herald</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Valley Herald">
<meta property="article:published_time" content="2025-03-09T10:00:00Z">
</head><body><article><h1>Two killed in Riverton market attack</h1>
<p>Two people were killed and five injured when gunmen attacked the market in Riverton on
Saturday, police said.</p></article></body></html>"""


def settings(**overrides) -> Settings:
    return Settings(allow_private_urls=True, data_dir="/nonexistent", **overrides)


class FakeClock:
    """A clock that only moves when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def mock_fetcher(handler, clock: FakeClock | None = None, **options) -> Fetcher:
    clock = clock or FakeClock()
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(client, settings(**options.pop("settings", {})), sleep=clock.sleep,
                   clock=clock, policy=FetchPolicy(**options))


def test_url_fetch_document_reads_metadata_and_keeps_html() -> None:
    with LoopbackServer() as server:
        server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE)
        with httpx.Client() as client:
            document = fetch_document(server.base + "/story", client=client,
                                      settings=settings(user_agent="cw-test/1"))
    assert document.id == server.base + "/story"
    assert document.html == ARTICLE.decode()
    assert document.title == "Two killed in Riverton market attack"
    assert document.published == date(2025, 3, 9)
    assert document.source == "Valley Herald"
    assert server.requests[0][1]["User-Agent"] == "cw-test/1"


def test_url_fetch_page_reads_author() -> None:
    fetcher = mock_fetcher(lambda r: httpx.Response(200, content=ARTICLE,
                                                    headers={"Content-Type": "text/html"}))
    assert fetcher.fetch_page("http://news.example/a").author == "Jane Doe"


def test_url_fetch_follows_redirects_on_loopback() -> None:
    with LoopbackServer() as server:
        server.routes["/old"] = (301, {"Location": "/new"}, b"")
        server.routes["/new"] = (200, {"Content-Type": "text/html"}, ARTICLE)
        with httpx.Client() as client:
            fetcher = Fetcher(client, settings(), policy=FetchPolicy(host_delay=0))
            document = fetcher.fetch_document(server.base + "/old")
    assert document.id == server.base + "/old"
    assert document.url == server.base + "/new"


def test_url_fetch_stops_redirect_loops() -> None:
    fetcher = mock_fetcher(lambda r: httpx.Response(302, headers={"Location": "/again"}))
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.get("http://news.example/start")


def test_url_fetch_stops_at_max_bytes_while_streaming() -> None:
    sent: list[int] = []

    def endless():
        for _ in range(1000):
            sent.append(1)
            yield b"x" * 1024

    fetcher = mock_fetcher(lambda r: httpx.Response(200, content=endless()),
                           settings={"fetch_max_bytes": 10_000})
    with pytest.raises(FetchError, match="fetch_max_bytes"):
        fetcher.get("http://news.example/big")
    assert len(sent) < 20


def test_url_fetch_refuses_declared_oversize_body() -> None:
    fetcher = mock_fetcher(
        lambda r: httpx.Response(200, headers={"Content-Length": "50000"}, content=b"x" * 50000),
        settings={"fetch_max_bytes": 1000},
    )
    with pytest.raises(FetchError, match="50000 bytes"):
        fetcher.get("http://news.example/big")


def test_url_fetch_retries_5xx_with_exponential_backoff() -> None:
    answers = iter([503, 502, 200])
    clock = FakeClock()
    fetcher = mock_fetcher(lambda r: httpx.Response(next(answers), text="ok"), clock,
                           backoff=0.5, host_delay=0)
    assert fetcher.get("http://news.example/").content == b"ok"
    assert clock.sleeps == [0.5, 1.0]


def test_url_fetch_retries_connection_errors_then_gives_up() -> None:
    calls: list[int] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ConnectError("connection refused", request=request)

    fetcher = mock_fetcher(refuse, retries=2, host_delay=0)
    with pytest.raises(FetchError, match="cannot fetch"):
        fetcher.get("http://news.example/")
    assert len(calls) == 3


def test_url_fetch_does_not_retry_client_errors() -> None:
    calls: list[int] = []

    def not_found(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(404)

    with pytest.raises(FetchError, match="HTTP 404"):
        mock_fetcher(not_found).get("http://news.example/gone")
    assert len(calls) == 1


def test_url_fetch_waits_between_requests_to_the_same_host() -> None:
    clock = FakeClock()
    fetcher = mock_fetcher(lambda r: httpx.Response(200, text="ok"), clock, host_delay=2.0)
    fetcher.get("http://a.example/1")
    fetcher.get("http://b.example/1")
    assert clock.sleeps == []
    fetcher.get("http://a.example/2")
    assert clock.sleeps == [2.0]


def test_url_fetch_times_out_on_a_hanging_server() -> None:
    with LoopbackServer() as server:
        server.routes["/hang"] = (200, {}, HANG)
        with httpx.Client() as client:
            fetcher = Fetcher(client, settings(fetch_timeout=0.2),
                              policy=FetchPolicy(retries=1), sleep=lambda s: None)
            with pytest.raises(FetchError, match="Timeout"):
                fetcher.get(server.base + "/hang")
    assert len(server.requests) == 2


def test_url_fetch_refuses_non_html_pages() -> None:
    fetcher = mock_fetcher(lambda r: httpx.Response(
        200, content=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    with pytest.raises(FetchError, match="not an HTML page"):
        fetcher.fetch_document("http://news.example/report.pdf")


def test_url_fetch_decodes_declared_charset() -> None:
    body = "<html><head><meta charset='iso-8859-1'><title>Caf\xe9</title></head></html>"
    fetcher = mock_fetcher(lambda r: httpx.Response(
        200, content=body.encode("latin-1"), headers={"Content-Type": "text/html"}))
    assert "Caf\xe9" in fetcher.fetch_document("http://news.example/").html


def test_url_read_urls_turns_a_refused_url_into_a_failure() -> None:
    fetcher = mock_fetcher(lambda r: httpx.Response(200, content=ARTICLE,
                                                    headers={"Content-Type": "text/html"}))
    fetcher.settings = Settings(allow_private_urls=False)
    fetcher.resolve = lambda host, port: ["93.184.216.34"]
    items = list(read_urls(["http://news.example/a", "http://169.254.169.254/"],
                           fetcher=fetcher))
    assert isinstance(items[0], InputDocument) and items[0].id == "http://news.example/a"
    assert isinstance(items[1], InputFailure) and "link-local" in items[1].error


def test_url_read_sources_mixes_urls_and_files_in_order(tmp_path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "j1", "text": "Two people were killed."}\n', encoding="utf-8")
    with LoopbackServer() as server:
        server.routes["/story"] = (200, {"Content-Type": "text/html"}, ARTICLE)
        with httpx.Client() as client:
            fetcher = Fetcher(client, settings(), policy=FetchPolicy(host_delay=0))
            items = list(read_sources([server.base + "/story", str(batch),
                                       server.base + "/missing"], fetcher=fetcher))
    assert [item.id for item in items] == [server.base + "/story", "j1",
                                           server.base + "/missing"]
    assert isinstance(items[2], InputFailure) and "HTTP 404" in items[2].error
