"""Decide whether a URL may be fetched, and to which addresses.

A feed URL comes from a user and is untrusted: it may name (or redirect to)
loopback, private, link-local or cloud-metadata addresses. `URLGuard.check`
validates the URL, resolves its host once, and refuses it if *any* address is
not public. The caller then connects to one of the returned addresses and
never resolves the name again, so DNS cannot change the answer in between.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from bot.fetch.errors import BlockedURLError, UnresolvableHost

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_HOST_CHARS = re.compile(r"^[a-z0-9._-]+$")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
# Ports browsers refuse to fetch from (WHATWG "bad ports"): mail, shell, etc.
_BAD_PORTS = frozenset(
    {
        1,
        7,
        9,
        11,
        13,
        15,
        17,
        19,
        20,
        21,
        22,
        23,
        25,
        37,
        42,
        43,
        53,
        69,
        77,
        79,
        87,
        95,
        101,
        102,
        103,
        104,
        109,
        110,
        111,
        113,
        115,
        117,
        119,
        123,
        135,
        137,
        139,
        143,
        161,
        179,
        389,
        427,
        465,
        512,
        513,
        514,
        515,
        526,
        530,
        531,
        532,
        540,
        548,
        554,
        556,
        563,
        587,
        601,
        636,
        989,
        990,
        993,
        995,
        1719,
        1720,
        1723,
        2049,
        3659,
        4045,
        5060,
        5061,
        6000,
        6566,
        6665,
        6666,
        6667,
        6668,
        6669,
        6697,
        10080,
    }
)


@dataclass(frozen=True, slots=True)
class CheckedURL:
    """A URL that passed the guard, with the addresses it may be fetched from."""

    url: httpx.URL
    host: str  # as sent in SNI / used for certificate checks (IDNA, lowercase)
    port: int
    addresses: tuple[str, ...]


class URLGuard:
    """Validates URLs and refuses non-public addresses unless `allow_private`.

    `allowed_addresses` lists exact IPs that pass even when private networks
    are refused; tests use it to reach a server on 127.0.0.1 while anything
    else (127.0.0.2, 10.0.0.1, ::1, ...) is still refused. `resolver` replaces
    the system resolver, also for tests: it takes (host, port) and returns
    IP strings.
    """

    def __init__(
        self,
        allow_private: bool,
        allowed_addresses: frozenset[str] = frozenset(),
        *,
        resolver: Resolver | None = None,
    ) -> None:
        self.allow_private = allow_private
        self._allowed = frozenset(ipaddress.ip_address(a) for a in allowed_addresses)
        self._resolve = resolver or _system_resolve

    def validate(self, url: str | httpx.URL) -> httpx.URL:
        """Check the URL's shape (no network); return it parsed."""
        if isinstance(url, str):
            if any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
                raise BlockedURLError("the link contains spaces, control characters or backslashes")
            try:
                url = httpx.URL(url)
            except (httpx.InvalidURL, ValueError):
                raise BlockedURLError("the link is not a valid URL") from None
        if url.scheme not in ("http", "https"):
            raise BlockedURLError("only http:// and https:// links can be fetched")
        if not url.host:
            raise BlockedURLError("the link has no host name")
        if url.userinfo:
            raise BlockedURLError("links with a user name or password are not allowed")
        if url.port is not None and (not 0 < url.port < 65536 or url.port in _BAD_PORTS):
            raise BlockedURLError(f"port {url.port} is not allowed")
        host = url.raw_host.decode("ascii").lower()
        if _parse_ip(host) is None and not _HOST_CHARS.match(host):
            raise BlockedURLError("the host name contains characters that are not allowed")
        return url

    async def check(self, url: str | httpx.URL) -> CheckedURL:
        """Validate, resolve and vet every address; raise BlockedURLError if any is refused."""
        parsed = self.validate(url)
        host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        literal = _parse_ip(host)
        if literal is not None:
            addresses = [literal]
        else:
            names = await self._resolve(host, port)
            addresses = [ip for ip in (_parse_ip(n) for n in names) if ip is not None]
            if not addresses:
                raise UnresolvableHost(f"the host {host} could not be found")
        for address in addresses:
            reason = self.refusal(address)
            if reason:
                raise BlockedURLError(f"{parsed.host} points at {reason} ({address}); refusing to fetch it")
        unique = tuple(dict.fromkeys(str(a) for a in addresses))
        return CheckedURL(url=parsed, host=host, port=port, addresses=unique)

    def refusal(self, address: IPAddress) -> str | None:
        """Why this address is refused, or None if it may be contacted."""
        if self.allow_private or address in self._allowed:
            return None
        return non_public_reason(address)


def non_public_reason(address: IPAddress) -> str | None:
    """Describe why an address is not a public unicast address, or None."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return _prefixed("an IPv4-mapped", non_public_reason(address.ipv4_mapped))
        if address.sixtofour is not None:
            return _prefixed("a 6to4", non_public_reason(address.sixtofour))
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
            return _prefixed("a NAT64", non_public_reason(embedded))
        if address in _NAT64_LOCAL:
            return "a local-use NAT64 address"
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private network address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, reason in checks:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "a non-public address"
    return None


def _prefixed(kind: str, inner: str | None) -> str | None:
    return None if inner is None else f"{kind} form of {inner}"


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return _numeric_ipv4(text)


def _numeric_ipv4(text: str) -> ipaddress.IPv4Address | None:
    """The address behind the old inet_aton spellings: '2130706433', '0x7f.1', '0177.0.0.1', '127.1'.

    The system resolver would turn these into 127.0.0.1, so they are
    addresses, not names, and are checked as such without any lookup.
    """
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMBER.fullmatch(p) for p in parts):
        return None
    numbers = [
        int(p, 16) if p[:2].lower() == "0x" else int(p, 8) if len(p) > 1 and p[0] == "0" else int(p) for p in parts
    ]
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    return ipaddress.IPv4Address(value * 256 ** (4 - len(head)) + last)


async def _system_resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UnresolvableHost(f"the host {host} could not be found") from None
    return [str(info[4][0]) for info in infos]
