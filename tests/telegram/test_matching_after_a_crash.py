"""Articles stored by a process that could not match them before it went away (issue 14): another
process sharing the database matches them once the first one's hold runs out, and every chat
subscribed to their topics gets the briefing, once.

The first process's matching is refused by the database itself: another connection holds the lock
the match needs (SQLite's write lock; on PostgreSQL, the matches table) when it tries to record them.
"""

from __future__ import annotations

import contextlib
import sqlite3

import bot.ingest.poller as poller_module
from tests.telegram.harness import bot_running
from tests.telegram.stories import TALKS

READER = 8600


@contextlib.contextmanager
def matches_refused(database_url: str, store):
    """While the poller matches, another connection holds what recording matches needs."""
    real_match = poller_module.match_articles
    holders = []

    async def match_while_locked(store_, article_ids):
        if database_url.startswith("sqlite"):
            await store.db.execute("PRAGMA busy_timeout=200")  # fail fast, not after 5 s
            other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            await store.db.execute("SET lock_timeout = '200ms'")
            other = psycopg.connect(database_url)
            other.execute("LOCK TABLE topic_articles IN EXCLUSIVE MODE")  # reads go on, writes wait
        holders.append(other)
        return await real_match(store_, article_ids)

    poller_module.match_articles = match_while_locked
    try:
        yield
    finally:
        poller_module.match_articles = real_match
        for other in holders:  # either driver's connection: its transaction ends, and the lock with it
            other.rollback()
            other.close()


async def briefings_to(bot_api, chat: int) -> list[str]:
    return [m.plain for m in bot_api.messages_to(chat) if TALKS[0] in m.plain]


async def test_articles_a_dead_process_stored_unmatched_are_matched_by_another_and_sent_once(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    settings = {"DATABASE_URL": database_url}
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, owner="desk-a", **settings) as first:
        await first.store.chats.ensure(READER)
        await first.store.chats.subscribe(READER, "talks")
        first.publish([TALKS])
        await first.make_feeds_due()
        with matches_refused(database_url, first.store):
            report = await first.services.running_poller().run_once()
        assert (report.new_articles, report.matches) == (1, 0)
    # desk-a is gone without another cycle: nothing but the database remembers the article is unmatched

    async with bot_running(bot_api, feed_server, make_settings, tmp_path, owner="desk-b", **settings) as second:
        await second.cycle()  # desk-a's hold is live: it could still be matching them right now
        await second.settle()
        assert await briefings_to(bot_api, READER) == []
        # FEED_LEASE_SECONDS later
        await second.store.db.execute("UPDATE awaiting_match SET lease_until = lease_until - 3600")
        await second.cycle()
        await bot_api.wait_for_messages(1, chat_id=READER)
        await second.cycle()
        await second.settle()
        async with second.store.db.execute("SELECT count(*) FROM awaiting_match") as cur:
            assert (await cur.fetchone())[0] == 0
    assert len(await briefings_to(bot_api, READER)) == 1
    assert len(bot_api.messages_to(READER)) == 1


async def test_a_process_matches_its_own_refused_articles_in_its_next_cycle(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    settings = {"DATABASE_URL": database_url}
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, owner="desk-a", **settings) as desk:
        await desk.store.chats.ensure(READER)
        await desk.store.chats.subscribe(READER, "talks")
        desk.publish([TALKS])
        await desk.make_feeds_due()
        with matches_refused(database_url, desk.store):
            await desk.services.running_poller().run_once()
        await desk.cycle()  # its own hold: no need to wait for it to run out
        await bot_api.wait_for_messages(1, chat_id=READER)
        await desk.cycle()
        await desk.settle()
    assert len(await briefings_to(bot_api, READER)) == 1
    assert len(bot_api.messages_to(READER)) == 1
