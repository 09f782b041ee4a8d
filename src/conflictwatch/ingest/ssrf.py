"""The SSRF guard: refuse URLs that point at private, loopback or otherwise internal addresses.

Every URL conflictwatch fetches (a page, a feed, each redirect hop) goes through
:func:`check_url` before a connection is opened. The host is read the way a resolver would read
it, including the legacy IPv4 forms (``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``)
and IPv6 forms that embed an IPv4 address (IPv4-mapped, 6to4, Teredo). A name is resolved once
and *every* address it resolves to must be public; the caller then connects to a checked
address itself (:class:`Target.addresses`, IPv4 first), so a second, different DNS answer
cannot slip past the guard (DNS rebinding).

With ``Settings.allow_private_urls`` the guard is off: nothing is resolved and nothing refused.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from conflictwatch.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

ALLOWED_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Target:
    """A URL that passed the guard, and the checked addresses to connect to (none: guard off)."""

    url: httpx.URL
    addresses: tuple[IPAddress, ...] = ()

    @property
    def address(self) -> IPAddress | None:
        return self.addresses[0] if self.addresses else None


def resolve_host(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver; every address it maps to, as text."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return [info[4][0] for info in infos]


def parse_ip_literal(host: str) -> IPAddress | None:
    """Read ``host`` as an IP address in any form a C resolver accepts; None for a name."""
    host = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        number = _parse_inet_aton_part(part)
        if number is None:
            return None
        numbers.append(number)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)


def _parse_inet_aton_part(part: str) -> int | None:
    text = part.lower()
    try:
        if text.startswith("0x"):
            return int(text[2:] or "0", 16)
        if len(text) > 1 and text.startswith("0"):
            return int(text[1:], 8)
        return int(text, 10) if text.isdigit() else None
    except ValueError:
        return None


def refusal_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched, or None when it is a public address."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = refusal_reason(embedded)
        if reason:
            return f"{reason} (embedded in {address})"
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("not globally routable", not address.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{address} is a {name} address"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def check_url(url: str | httpx.URL, *, allow_private: bool,
              resolve: Resolver = resolve_host) -> Target:
    """Check one URL (or redirect hop) before connecting; raise FetchError when refused.

    Args:
        url: the absolute http(s) URL about to be requested.
        allow_private: ``Settings.allow_private_urls``; True turns the guard off.
        resolve: maps (host, port) to addresses; the system resolver by default.
    """
    parsed = parse_url(url)
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"refused {str(parsed)!r}: only http and https URLs are fetched")
    if not parsed.host:
        raise FetchError(f"refused {str(parsed)!r}: the URL has no host")
    if allow_private:
        return Target(parsed)
    literal = parse_ip_literal(parsed.host)
    if literal is not None:
        addresses = [literal]
    else:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = [_parse_resolved(text) for text in resolve(parsed.host, port)]
    if not addresses:
        raise FetchError(f"cannot resolve host {parsed.host!r}")
    for address in addresses:
        reason = refusal_reason(address)
        if reason:
            raise FetchError(
                f"refused {str(parsed)!r}: {reason} (set allow_private_urls to fetch it)"
            )
    unique = dict.fromkeys(sorted(addresses, key=lambda a: a.version))  # IPv4 first, in order
    return Target(parsed, tuple(unique))


def parse_url(url: str | httpx.URL) -> httpx.URL:
    """Parse ``url``; a URL httpx cannot read is refused with FetchError."""
    try:
        return httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"refused {str(url)!r}: invalid URL ({exc})") from exc


def _parse_resolved(text: str) -> IPAddress:
    return ipaddress.ip_address(text.split("%", 1)[0])


def pin_request(request: httpx.Request, target: Target, attempt: int = 0) -> httpx.Request:
    """Point ``request`` at a checked address (the next one on each retry), keeping the Host
    header and the TLS server name."""
    if not target.addresses:
        return request
    host = target.url.host
    address = target.addresses[attempt % len(target.addresses)]
    request.url = request.url.copy_with(host=str(address))
    request.headers["Host"] = target.url.netloc.decode("ascii")
    if target.url.scheme == "https":
        request.extensions = {**request.extensions, "sni_hostname": host}
    return request
