"""The SSRF guard refuses internal addresses before any connection is opened."""

from __future__ import annotations

import httpx
import pytest

from conflictwatch.config import Settings
from conflictwatch.errors import FetchError
from conflictwatch.ingest.ssrf import check_url, parse_ip_literal
from conflictwatch.ingest.url import Fetcher
from fixtures.sources.loopback import LoopbackServer

PUBLIC = "93.184.216.34"


def public_resolver(host: str, port: int) -> list[str]:
    return {"news.example": [PUBLIC], "evil.example": ["10.0.0.5"],
            "mixed.example": [PUBLIC, "127.0.0.1"], "v6.example": ["::1"]}[host]


class Recorder:
    """A MockTransport handler that records every request it is sent."""

    def __init__(self, respond=None) -> None:
        self.requests: list[httpx.Request] = []
        self.respond = respond or (lambda request: httpx.Response(200, text="<p>ok</p>"))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)


def make_fetcher(handler, *, allow_private: bool = False) -> Fetcher:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    settings = Settings(allow_private_urls=allow_private, data_dir="/nonexistent")
    return Fetcher(client, settings, resolve=public_resolver, sleep=lambda s: None)


BLOCKED = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/admin",
    "http://10.0.0.1/",
    "http://10.255.255.254/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::1]:9000/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a00:1]/",
    "http://[2002:7f00:1::1]/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0xa.0.0.1/",
    "http://167772161/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[ff02::1]/",
    "http://evil.example/",
    "http://mixed.example/",
    "http://v6.example/",
    "https://127.0.0.1./",
]


@pytest.mark.parametrize("url", BLOCKED)
def test_url_ssrf_refuses_internal_address_before_connecting(url: str) -> None:
    handler = Recorder()
    with pytest.raises(FetchError, match="refused"):
        make_fetcher(handler).get(url)
    assert handler.requests == []


@pytest.mark.parametrize("target", [
    "http://127.0.0.1/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "http://2130706433/", "http://evil.example/",
])
def test_url_ssrf_refuses_redirect_to_internal_address(target: str) -> None:
    handler = Recorder(lambda request: httpx.Response(302, headers={"Location": target}))
    with pytest.raises(FetchError, match="refused"):
        make_fetcher(handler).get("http://news.example/story")
    assert len(handler.requests) == 1


def test_url_ssrf_refuses_relative_redirect_on_loopback() -> None:
    handler = Recorder(lambda request: httpx.Response(301, headers={"Location": "/next"}))
    with pytest.raises(FetchError, match="refused"):
        make_fetcher(handler).get("http://[::ffff:7f00:1]/start")
    assert handler.requests == []


def test_url_ssrf_refuses_real_loopback_server_without_setting() -> None:
    with LoopbackServer() as server:
        server.routes["/"] = (200, {"Content-Type": "text/html"}, b"<p>secret</p>")
        with httpx.Client() as client:
            fetcher = Fetcher(client, Settings(allow_private_urls=False))
            with pytest.raises(FetchError, match="loopback"):
                fetcher.get(server.base + "/")
            assert server.requests == []
            allowed = Fetcher(client, Settings(allow_private_urls=True))
            assert allowed.get(server.base + "/").content == b"<p>secret</p>"


def test_url_ssrf_pins_connection_to_checked_address() -> None:
    handler = Recorder()
    make_fetcher(handler).get("http://news.example/story?id=1")
    (request,) = handler.requests
    assert request.url.host == PUBLIC
    assert request.url.raw_path == b"/story?id=1"
    assert request.headers["Host"] == "news.example"


def test_url_ssrf_keeps_tls_server_name_when_pinned() -> None:
    handler = Recorder()
    make_fetcher(handler).get("https://news.example/")
    (request,) = handler.requests
    assert request.extensions["sni_hostname"] == "news.example"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/", "gopher://x/"])
def test_url_ssrf_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


def test_url_ssrf_allows_public_address() -> None:
    target = check_url("http://8.8.8.8/", allow_private=False)
    assert str(target.address) == "8.8.8.8"


@pytest.mark.parametrize("host, expected", [
    ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"),
    ("[::1]", "::1"), ("news.example", None), ("1.2.3.4.5", None), ("256.0.0.1", None),
])
def test_url_ssrf_parses_legacy_ip_forms(host: str, expected: str | None) -> None:
    parsed = parse_ip_literal(host)
    assert (str(parsed) if parsed else None) == expected


def test_url_ssrf_refuses_localhost_through_the_system_resolver() -> None:
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://localhost:8080/", allow_private=False)


def test_url_ssrf_refuses_ipv6_with_zone_id() -> None:
    with pytest.raises(FetchError, match="link-local"):
        check_url("http://[fe80::1%25eth0]/", allow_private=False)


def test_url_ssrf_tries_ipv4_first_then_the_next_checked_address() -> None:
    v6 = "2606:2800:220:1:248:1893:25c8:1946"
    hosts: list[str] = []

    def ipv4_down(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        if request.url.host == PUBLIC:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, text="ok")

    client = httpx.Client(transport=httpx.MockTransport(ipv4_down))
    fetcher = Fetcher(client, Settings(allow_private_urls=False), sleep=lambda s: None,
                      resolve=lambda host, port: [v6, PUBLIC])
    assert fetcher.get("http://news.example/").content == b"ok"
    assert hosts == [PUBLIC, v6]
