"""The fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import AsyncIterator

import pytest

from bot.fetch import (
    BlockedURLError,
    Fetcher,
    FetchTimeout,
    TooLarge,
    TooManyRedirects,
    URLGuard,
)
from bot.fetch.client import USER_AGENT
from tests.fakes.feed_server import FeedServer, fake_resolver

RSS = "<?xml version='1.0'?><rss version='2.0'><channel><title>News</title></channel></rss>"
LIMIT = 64 * 1024
LOCAL_ONLY = frozenset({"127.0.0.1"})


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    guard = URLGuard(allow_private=False, allowed_addresses=LOCAL_ONLY, resolver=fake_resolver({}))
    async with Fetcher(guard=guard, timeout_seconds=5) as client:
        yield client


async def test_feed_is_fetched_with_its_validators(fetcher: Fetcher, feed_server: FeedServer) -> None:
    feed_server.route("/rss", body=RSS, etag='"v1"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    result = await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)
    assert (result.status, result.ok, result.body) == (200, True, RSS.encode())
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 25 Nov 2026 10:00:00 GMT"
    assert result.content_type.startswith("application/rss+xml")
    assert feed_server.requests[0].headers["User-Agent"] == USER_AGENT


CONDITIONAL = {
    "etag": ({"etag": '"v1"'}, "If-None-Match", '"v1"'),
    "last-modified": (
        {"last_modified": "Wed, 25 Nov 2026 10:00:00 GMT"},
        "If-Modified-Since",
        "Wed, 25 Nov 2026 10:00:00 GMT",
    ),
}


@pytest.mark.parametrize("validator, header, value", CONDITIONAL.values(), ids=CONDITIONAL.keys())
async def test_second_fetch_is_conditional_and_not_modified(
    fetcher: Fetcher, feed_server: FeedServer, validator: dict, header: str, value: str
) -> None:
    feed_server.route("/rss", body=RSS, **validator)
    first = await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)
    second = await fetcher.fetch(
        feed_server.url("/rss"), etag=first.etag, last_modified=first.last_modified, max_bytes=LIMIT
    )
    assert header not in feed_server.requests[0].headers
    assert feed_server.requests[1].headers[header] == value
    assert (second.status, second.not_modified, second.ok, second.body) == (304, True, True, b"")


REDIRECT_CHAINS = {
    "301": ([301], True),
    "308": ([308], True),
    "301 then 308": ([301, 308], True),
    "302": ([302], False),
    "307": ([307], False),
    "301 then 302": ([301, 302], False),
    "302 then 301": ([302, 301], False),
}


@pytest.mark.parametrize("statuses, permanent", REDIRECT_CHAINS.values(), ids=REDIRECT_CHAINS.keys())
async def test_redirect_chain_reports_only_permanent_moves(
    fetcher: Fetcher, feed_server: FeedServer, statuses: list[int], permanent: bool
) -> None:
    feed_server.route("/new", body=RSS)
    paths = [f"/hop{i}" for i in range(len(statuses))] + ["/new"]
    for status, here, there in zip(statuses, paths, paths[1:], strict=False):
        feed_server.redirect(here, there, status=status)
    result = await fetcher.fetch(feed_server.url("/hop0"), max_bytes=LIMIT)
    assert result.body == RSS.encode()
    assert result.url == feed_server.url("/new")
    assert result.permanent_redirect_to == (feed_server.url("/new") if permanent else None)


async def test_more_than_five_redirects_is_an_error(fetcher: Fetcher, feed_server: FeedServer) -> None:
    for i in range(6):
        feed_server.redirect(f"/r{i}", f"/r{i + 1}")
    feed_server.route("/r6", body=RSS)
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch(feed_server.url("/r0"), max_bytes=LIMIT)


STATUS_RESULTS = {
    "gone": (410, {}, {"gone": True, "ok": False}),
    "not found": (404, {}, {"gone": False, "ok": False}),
    "rate limited": (429, {"Retry-After": "120"}, {"ok": False, "retry_after_seconds": 120.0}),
    "unavailable until a date": (
        503,
        {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"ok": False, "retry_after_seconds": 0.0},
    ),
    "cache for ten minutes": (200, {"Cache-Control": "public, max-age=600"}, {"ok": True, "max_age_seconds": 600.0}),
    "shared cache wins": (200, {"Cache-Control": "max-age=60, s-maxage=900"}, {"max_age_seconds": 900.0}),
    "no-cache": (200, {"Cache-Control": "no-cache"}, {"max_age_seconds": 0.0}),
}


@pytest.mark.parametrize("status, headers, expected", STATUS_RESULTS.values(), ids=STATUS_RESULTS.keys())
async def test_status_and_caching_hints_are_reported(
    fetcher: Fetcher, feed_server: FeedServer, status: int, headers: dict, expected: dict
) -> None:
    feed_server.route("/rss", body=RSS, status=status, headers=headers)
    result = await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)
    assert result.status == status
    assert {name: getattr(result, name) for name in expected} == expected


SIZE_CAPS = {
    "declared Content-Length over the cap": lambda server: server.endless("/big", content_length=10**9),
    "endless streamed body": lambda server: server.endless("/big"),
    "plain body one byte over": lambda server: server.route("/big", body=b"x" * (LIMIT + 1)),
    "small gzip that inflates past the cap": lambda server: server.route(
        "/big", body=gzip.compress(b"x" * 4 * 1024 * 1024), headers={"Content-Encoding": "gzip"}
    ),
}


@pytest.mark.parametrize("serve", SIZE_CAPS.values(), ids=SIZE_CAPS.keys())
async def test_bodies_over_the_cap_are_refused(fetcher: Fetcher, feed_server: FeedServer, serve) -> None:
    serve(feed_server)
    with pytest.raises(TooLarge, match="limit"):
        await fetcher.fetch(feed_server.url("/big"), max_bytes=LIMIT)


async def test_body_exactly_at_the_cap_is_accepted(fetcher: Fetcher, feed_server: FeedServer) -> None:
    feed_server.route("/rss", body=b"x" * LIMIT)
    assert len((await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)).body) == LIMIT


async def test_slow_server_times_out(feed_server: FeedServer) -> None:
    feed_server.route("/slow", body=RSS, delay=5.0)
    guard = URLGuard(allow_private=False, allowed_addresses=LOCAL_ONLY, resolver=fake_resolver({}))
    async with Fetcher(guard=guard, timeout_seconds=0.3) as fetcher:
        with pytest.raises(FetchTimeout):
            await fetcher.fetch(feed_server.url("/slow"), max_bytes=LIMIT)


async def test_loopback_is_refused_by_default(feed_server: FeedServer) -> None:
    feed_server.route("/rss", body=RSS)
    async with Fetcher(guard=URLGuard(allow_private=False)) as fetcher:
        with pytest.raises(BlockedURLError, match="loopback"):
            await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)
    assert feed_server.requests == []


def trap(family: int, host: str) -> socket.socket | None:
    """A listening socket that must never see a connection."""
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.bind((host, 0))
    except OSError:
        return None  # e.g. no IPv6 on this machine: the refusal is still checked
    sock.listen(1)
    sock.setblocking(False)
    return sock


REFUSED_REDIRECTS = {
    "private 10.0.0.1": (None, "http://10.0.0.1/feed", "private"),
    "cloud metadata": (None, "http://169.254.169.254/latest/meta-data/", "link-local"),
    "other loopback 127.0.0.2": ((socket.AF_INET, "127.0.0.2"), "http://127.0.0.2:{port}/feed", "loopback"),
    "IPv6 loopback": ((socket.AF_INET6, "::1"), "http://[::1]:{port}/feed", "loopback"),
    "IPv4-mapped loopback": (None, "http://[::ffff:127.0.0.1]:8080/feed", "IPv4-mapped"),
    "ftp": (None, "ftp://127.0.0.1/feed", "only http"),
}


@pytest.mark.parametrize("trap_at, location, reason", REFUSED_REDIRECTS.values(), ids=REFUSED_REDIRECTS.keys())
async def test_redirect_to_a_refused_address_never_connects(
    fetcher: Fetcher, feed_server: FeedServer, trap_at, location: str, reason: str
) -> None:
    listener = trap(*trap_at) if trap_at else None
    port = listener.getsockname()[1] if listener else 8080
    feed_server.redirect("/rss", location.format(port=port), status=301)
    try:
        with pytest.raises(BlockedURLError, match=reason):
            await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)
        if listener:
            with pytest.raises(BlockingIOError):
                listener.accept()  # nothing ever connected
    finally:
        if listener:
            listener.close()
    assert [r.path for r in feed_server.requests] == ["/rss"]


async def test_named_host_is_reached_at_its_checked_address_with_its_name(feed_server: FeedServer) -> None:
    feed_server.route("/rss", body=RSS)
    guard = URLGuard(
        allow_private=False,
        allowed_addresses=LOCAL_ONLY,
        resolver=fake_resolver({"feeds.example": ["127.0.0.1"]}),
    )
    async with Fetcher(guard=guard, timeout_seconds=5) as fetcher:
        result = await fetcher.fetch(feed_server.url("/rss", host="feeds.example"), max_bytes=LIMIT)
    assert result.url == feed_server.url("/rss", host="feeds.example")
    assert feed_server.requests[0].headers["Host"] == f"feeds.example:{feed_server.port}"


async def test_fetches_to_one_host_are_limited(feed_server: FeedServer) -> None:
    feed_server.route("/slow", body=RSS, delay=0.2)
    guard = URLGuard(allow_private=False, allowed_addresses=LOCAL_ONLY, resolver=fake_resolver({}))
    async with Fetcher(guard=guard, timeout_seconds=5, per_host=1, concurrency=8) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(feed_server.url("/slow"), max_bytes=LIMIT) for _ in range(3)))
    assert [r.status for r in results] == [200, 200, 200]
    assert feed_server.max_in_flight == 1


async def test_fetcher_from_settings_refuses_private_networks_by_default(feed_server: FeedServer) -> None:
    from bot.settings import load_settings

    settings = load_settings(env_file=None, FEED_MAX_BYTES=4096, FETCH_ALLOW_PRIVATE_NETWORKS=False)
    async with Fetcher.from_settings(settings) as fetcher:
        with pytest.raises(BlockedURLError):
            await fetcher.fetch(feed_server.url("/rss"), max_bytes=settings.feed_max_bytes)
    allowing = load_settings(env_file=None, FETCH_ALLOW_PRIVATE_NETWORKS=True)
    feed_server.route("/rss", body=RSS)
    async with Fetcher.from_settings(allowing) as fetcher:
        assert (await fetcher.fetch(feed_server.url("/rss"), max_bytes=LIMIT)).body == RSS.encode()


async def test_host_name_is_resolved_once_per_hop_so_rebinding_cannot_redirect_the_connection(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/rss", body=RSS)
    answers = [["127.0.0.1"], ["10.0.0.1"]]  # a rebinding DNS server: public-looking first, private after
    lookups: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return answers[min(len(lookups), len(answers)) - 1]

    guard = URLGuard(allow_private=False, allowed_addresses=LOCAL_ONLY, resolver=rebinding)
    async with Fetcher(guard=guard, timeout_seconds=5) as fetcher:
        result = await fetcher.fetch(feed_server.url("/rss", host="feeds.example"), max_bytes=LIMIT)
    assert result.body == RSS.encode()
    assert lookups == ["feeds.example"]
