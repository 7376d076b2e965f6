"""Two processes adding feeds to one chat at the same moment give each its own number.

Each "process" is its own store (its own database connection) and fetcher, on the same
database (a SQLite file, and a PostgreSQL schema when TEST_DATABASE_URL is set); the feeds
come from the local feed server.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.feeds.adding import AddStatus, ChatFeeds
from bot.fetch.client import Fetcher
from bot.store import Store
from tests.articles.pages import rss

CHAT = 616161
FEEDS = 6


@contextlib.asynccontextmanager
async def process(settings):
    async with await Store.open(settings.database_url) as store, Fetcher.from_settings(settings) as fetcher:
        yield ChatFeeds(store, fetcher, settings)


async def test_feeds_added_side_by_side_by_two_processes_get_numbers_one_to_n(feed_server, make_settings, database_url):
    settings = make_settings(DATABASE_URL=database_url)
    urls = []
    for n in range(FEEDS):
        feed_server.route(f"/desk-{n}.xml", rss([], title=f"Harbour Desk {n}"))
        urls.append(feed_server.url(f"/desk-{n}.xml"))
    async with process(settings) as one, process(settings) as two:
        await one.store.chats.ensure(CHAT)
        outcomes = await asyncio.gather(*((one, two)[n % 2].add(CHAT, url) for n, url in enumerate(urls)))

        assert [o.status for o in outcomes] == [AddStatus.ADDED] * FEEDS, [o.reason for o in outcomes]
        assert sorted(o.number for o in outcomes) == list(range(1, FEEDS + 1))
        listed = await one.store.chat_feeds.of_chat(CHAT)
        assert sorted((f.number, f.url) for f in listed) == sorted((o.number, o.feed_url) for o in outcomes)
