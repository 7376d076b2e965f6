"""The URL guard: which links may be fetched, judged before any packet is sent."""

from __future__ import annotations

import ipaddress

import pytest

from bot.fetch import BlockedURLError, UnresolvableHost, URLGuard
from bot.fetch.urlguard import non_public_reason
from tests.fakes.feed_server import fake_resolver

BAD_URLS = {
    "ftp scheme": ("ftp://feeds.example/rss", "only http"),
    "file scheme": ("file:///etc/passwd", "only http"),
    "no scheme": ("feeds.example/rss", "only http"),
    "no host": ("http:///rss", "no host"),
    "userinfo": ("http://user:pw@feeds.example/rss", "user name or password"),
    "userinfo host trick": ("http://feeds.example@127.0.0.1/", "user name or password"),
    "backslash trick": ("http://feeds.example\\@127.0.0.1/", "backslashes"),
    "space in url": ("http://feeds.example/a b", "spaces"),
    "newline in url": ("http://feeds.example/\r\nX-Evil: 1", "control"),
    "smtp port": ("http://feeds.example:25/", "port 25"),
    "ssh port": ("https://feeds.example:22/", "port 22"),
    "odd host characters": ("http://feeds_ex%61mple$.com/", "not"),
}


@pytest.mark.parametrize("url, reason", BAD_URLS.values(), ids=BAD_URLS.keys())
async def test_bad_urls_are_refused_without_resolving(url: str, reason: str) -> None:
    resolver = fake_resolver({"feeds.example": ["93.184.215.14"]})
    guard = URLGuard(allow_private=False, resolver=resolver)
    with pytest.raises(BlockedURLError) as refused:
        await guard.check(url)
    assert reason in str(refused.value)
    assert resolver.lookups == []  # type: ignore[attr-defined]


REFUSED_ADDRESSES = {
    "loopback v4": "127.0.0.1",
    "other loopback v4": "127.0.0.2",
    "private 10/8": "10.0.0.1",
    "private 172.16/12": "172.16.5.4",
    "private 192.168/16": "192.168.1.1",
    "cloud metadata (link-local)": "169.254.169.254",
    "carrier-grade NAT": "100.64.0.1",
    "unspecified v4": "0.0.0.0",
    "broadcast": "255.255.255.255",
    "multicast v4": "239.1.2.3",
    "globally-scoped multicast v4": "224.0.1.1",
    "reserved class E": "240.0.0.1",
    "benchmarking": "198.18.0.1",
    "loopback v6": "::1",
    "unspecified v6": "::",
    "unique local v6": "fd00::1",
    "link-local v6": "fe80::1",
    "multicast v6": "ff02::1",
    "IPv4-mapped loopback": "::ffff:127.0.0.1",
    "IPv4-mapped metadata": "::ffff:169.254.169.254",
    "IPv4-mapped private": "::ffff:10.0.0.1",
    "IPv4-compatible loopback": "::127.0.0.1",
    "6to4 of loopback": "2002:7f00:1::",
    "6to4 of private": "2002:a00:1::1",
    "NAT64 of metadata": "64:ff9b::a9fe:a9fe",
    "local-use NAT64": "64:ff9b:1::a00:1",
    "documentation v6": "2001:db8::1",
}


@pytest.mark.parametrize("address", REFUSED_ADDRESSES.values(), ids=REFUSED_ADDRESSES.keys())
def test_non_public_addresses_have_a_reason(address: str) -> None:
    assert non_public_reason(ipaddress.ip_address(address)) is not None


PUBLIC_ADDRESSES = {
    "public v4": "93.184.215.14",
    "public v6": "2606:4700::6810:85e5",
    "IPv4-mapped public": "::ffff:93.184.215.14",
    "NAT64 of public": "64:ff9b::5db8:d70e",
}


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES.values(), ids=PUBLIC_ADDRESSES.keys())
def test_public_addresses_pass(address: str) -> None:
    assert non_public_reason(ipaddress.ip_address(address)) is None


LITERAL_URLS = {
    "loopback literal": "http://127.0.0.1:8080/feed",
    "metadata literal": "http://169.254.169.254/latest/meta-data/",
    "v6 loopback literal": "http://[::1]:8080/feed",
    "mapped v6 literal": "http://[::ffff:127.0.0.1]/feed",
    "mapped v6 literal, hex form": "http://[::ffff:7f00:1]/feed",
}


@pytest.mark.parametrize("url", LITERAL_URLS.values(), ids=LITERAL_URLS.keys())
async def test_private_literal_urls_refused_by_default(url: str) -> None:
    with pytest.raises(BlockedURLError, match="refusing"):
        await URLGuard(allow_private=False, resolver=fake_resolver({})).check(url)


async def test_one_private_answer_among_public_ones_refuses_the_host() -> None:
    resolver = fake_resolver({"rebind.example": ["93.184.215.14", "10.0.0.7"]})
    with pytest.raises(BlockedURLError, match="rebind.example points at a private network address"):
        await URLGuard(allow_private=False, resolver=resolver).check("https://rebind.example/rss")


async def test_public_host_gives_its_checked_addresses() -> None:
    resolver = fake_resolver({"feeds.example": ["93.184.215.14", "93.184.215.14", "2606:4700::1"]})
    checked = await URLGuard(allow_private=False, resolver=resolver).check("https://Feeds.Example/rss")
    assert checked.host == "feeds.example"
    assert checked.port == 443
    assert checked.addresses == ("93.184.215.14", "2606:4700::1")


async def test_allowed_addresses_are_exact() -> None:
    guard = URLGuard(allow_private=False, allowed_addresses=frozenset({"127.0.0.1"}), resolver=fake_resolver({}))
    assert (await guard.check("http://127.0.0.1:9000/")).addresses == ("127.0.0.1",)
    for url in ("http://127.0.0.2:9000/", "http://[::ffff:127.0.0.1]:9000/", "http://[::1]:9000/"):
        with pytest.raises(BlockedURLError):
            await guard.check(url)


async def test_allow_private_lets_local_feeds_through() -> None:
    resolver = fake_resolver({"intranet.local": ["10.1.2.3"]})
    checked = await URLGuard(allow_private=True, resolver=resolver).check("http://intranet.local/rss")
    assert checked.addresses == ("10.1.2.3",)


async def test_unknown_host_is_reported_as_unresolvable() -> None:
    with pytest.raises(UnresolvableHost, match="nowhere.example"):
        await URLGuard(allow_private=False, resolver=fake_resolver({})).check("http://nowhere.example/")
