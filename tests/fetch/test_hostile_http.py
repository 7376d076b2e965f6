"""Hostile HTTP answers on loopback: bombs, drips and odd encodings end in one clear error, quickly."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator

import brotli
import pytest

from bot.fetch import BadResponse, Fetcher, FetchTimeout, TooLarge, URLGuard
from tests.fakes.feed_server import FeedServer, fake_resolver

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour news</title></channel></rss>"
LIMIT = 1024 * 1024
BOMB_SIZE = 256 * LIMIT  # 256 MB once inflated


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    guard = URLGuard(allow_private=False, allowed_addresses=frozenset({"127.0.0.1"}), resolver=fake_resolver({}))
    async with Fetcher(guard=guard, timeout_seconds=2) as client:
        yield client


def encoded(server: FeedServer, path: str, body: bytes, encoding: str) -> str:
    server.route(path, body, headers={"Content-Encoding": encoding}, content_type="application/rss+xml")
    return server.url(path)


ENCODINGS = {
    "gzip": lambda data: gzip.compress(data),
    "deflate": lambda data: zlib.compress(data),
    "br": lambda data: brotli.compress(data),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
async def test_compressed_feed_is_decoded(fetcher: Fetcher, feed_server: FeedServer, encoding: str) -> None:
    url = encoded(feed_server, "/feed.xml", ENCODINGS[encoding](RSS), encoding)
    result = await fetcher.fetch(url, max_bytes=LIMIT)
    assert result.body == RSS
    assert "br" in feed_server.requests[-1].headers["Accept-Encoding"]


async def test_raw_deflate_is_decoded_too(fetcher: Fetcher, feed_server: FeedServer) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    url = encoded(feed_server, "/feed.xml", packer.compress(RSS) + packer.flush(), "deflate")
    assert (await fetcher.fetch(url, max_bytes=LIMIT)).body == RSS


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """Small bodies that inflate to 256 MB of spaces."""
    spaces = b" " * BOMB_SIZE
    return {"gzip": gzip.compress(spaces, compresslevel=9), "br": brotli.compress(spaces, quality=5)}


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_compression_bomb_is_refused_at_the_decoded_cap(
    fetcher: Fetcher, feed_server: FeedServer, bombs: dict[str, bytes], encoding: str
) -> None:
    assert len(bombs[encoding]) < LIMIT  # small on the wire: only the decoded size can catch it
    url = encoded(feed_server, "/bomb.xml", bombs[encoding], encoding)
    with pytest.raises(TooLarge, match="once decompressed"):
        await fetcher.fetch(url, max_bytes=LIMIT)


async def test_damaged_compressed_body_is_a_bad_response(fetcher: Fetcher, feed_server: FeedServer) -> None:
    url = encoded(feed_server, "/feed.xml", b"\x1f\x8b\x08\x00 this is not gzip at all", "gzip")
    with pytest.raises(BadResponse, match="compressed body is damaged"):
        await fetcher.fetch(url, max_bytes=LIMIT)


async def test_unknown_encoding_is_refused_in_words(fetcher: Fetcher, feed_server: FeedServer) -> None:
    url = encoded(feed_server, "/feed.xml", RSS, "x-snappy")
    with pytest.raises(BadResponse, match=r"encoding we do not read \(x-snappy\)"):
        await fetcher.fetch(url, max_bytes=LIMIT)


async def test_slow_drip_meets_a_deadline_on_the_whole_fetch(fetcher: Fetcher, feed_server: FeedServer) -> None:
    # A byte every 0.3 s never trips a per-read timeout; only a deadline on the whole fetch stops it.
    feed_server.endless("/drip.xml", chunk=b" ", pause=0.3)
    with pytest.raises(FetchTimeout, match="no complete answer within 2 seconds"):
        await fetcher.fetch(feed_server.url("/drip.xml"), max_bytes=LIMIT)


async def test_endless_body_is_cut_at_the_cap(fetcher: Fetcher, feed_server: FeedServer) -> None:
    feed_server.endless("/endless.xml")
    with pytest.raises(TooLarge):
        await fetcher.fetch(feed_server.url("/endless.xml"), max_bytes=LIMIT)
