"""A poll cycle whose database is locked by another process or full: the error is logged,
the cycle goes on, nothing stored is lost, and the next cycle stores what was missed."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time

import pytest

from bot.fetch.client import Fetcher
from bot.ingest.poller import Poller
from bot.runtime import open_store
from tests.articles.pages import article_page, rss

CATALOGUE = """
[[feeds]]
id = "ledger"
name = "Coastal Ledger"
url = "{url}"

[[topics]]
id = "talks"
name = "Talks"
query = "talks"
"""


@pytest.fixture
async def desk(feed_server, make_settings, tmp_path):
    """A store with one catalogue feed (with an ETag, so an unchanged feed answers 304) and a poller."""
    path = tmp_path / "catalogue.toml"
    path.write_text(CATALOGUE.replace("{url}", feed_server.url("/feed.xml")), encoding="utf-8")
    # SQLite on purpose, whatever backend the other bot tests run on: the lock and the full disk are
    # made with SQLite's own means (a second connection's write lock, max_page_count)
    database = tmp_path / "briefbot.db"
    settings = make_settings(CATALOGUE_FILE=str(path), DATABASE_URL=f"sqlite:///{database}")
    store = await open_store(settings)
    await store.db.execute("PRAGMA busy_timeout=200")  # a locked database fails fast, not after 5 s
    await store.chats.ensure(1)
    await store.chats.subscribe(1, "talks")
    async with Fetcher.from_settings(settings) as fetcher:
        yield store, Poller(store, fetcher, settings), database
    await store.close()


def publish(feed_server, *titles: str) -> None:
    items = []
    for n, title in enumerate(titles):
        text = [f"Harbour talks resumed in Geneva on day {n} of the round, officials said.", f"Filed as: {title}."]
        text += [f"Paragraph {p} of the record lists the ships waiting in port on day {n}." for p in range(60)]
        feed_server.route(f"/a/{n}.html", article_page(title, text, []), content_type="text/html; charset=utf-8")
        items.append((title, feed_server.url(f"/a/{n}.html"), ""))
    feed_server.route("/feed.xml", rss(items), etag=f'"v{len(titles)}"')


async def stored(store) -> list[tuple[str, int]]:
    """Each stored article's title and how many topic matches it has."""
    sql = "SELECT a.title, COUNT(m.topic_id) FROM articles a LEFT JOIN topic_articles m ON m.article_id = a.id"
    async with store.db.execute(sql + " GROUP BY a.id ORDER BY a.id") as cur:
        return [(row[0], row[1]) for row in await cur.fetchall()]


async def due_now(store) -> bool:
    """Still due, with the validators of the last stored fetch: a later check gets the whole feed, not a 304."""
    (feed,) = await store.feeds.all()
    return feed.next_check_at <= time.time() and feed.etag == '"v1"'


async def lease_runs_out(store) -> None:
    """FEED_LEASE_SECONDS later: a feed claimed by a cycle that could not save it is free again."""
    await store.db.execute("UPDATE feeds SET lease_until = 0")


async def test_a_locked_database_is_logged_and_the_next_cycle_stores_what_was_missed(desk, feed_server, caplog):
    store, poller, path = desk
    publish(feed_server, "Talks day one")
    await poller.run_once()
    publish(feed_server, "Talks day one", "Talks day two")
    await store.db.execute("UPDATE feeds SET next_check_at = 0")
    # The page answers slowly, so another process takes the write lock while the cycle is under way
    # (if it gets it before the cycle claims the feed, the claim is what fails: the same outcome).
    feed_server.routes["/a/1.html"].delay = 0.5
    cycle = asyncio.create_task(poller.run_once())
    await asyncio.sleep(0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.ERROR):
            await cycle  # does not raise
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert any("database is locked" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert await stored(store) == [("Talks day one", 1)]
    assert await due_now(store)
    await lease_runs_out(store)
    await poller.run_once()
    assert await stored(store) == [("Talks day one", 1), ("Talks day two", 1)]


async def test_a_full_disk_is_logged_and_the_next_cycle_stores_what_was_missed(desk, feed_server, caplog):
    store, poller, _ = desk
    publish(feed_server, "Talks day one")
    await poller.run_once()
    publish(feed_server, "Talks day one", "Talks day two")
    await store.db.execute("UPDATE feeds SET next_check_at = 0")
    await store.db.execute("VACUUM")  # no free pages left inside the file for the new story to use
    async with store.db.execute("PRAGMA page_count") as cur:
        (pages,) = await cur.fetchone()
    await store.db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: "disk full"
    with caplog.at_level(logging.ERROR):
        await poller.run_once()
    assert any("full" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert await stored(store) == [("Talks day one", 1)]
    await store.db.execute(f"PRAGMA max_page_count = {pages * 1000}")  # room again
    assert await due_now(store)
    await lease_runs_out(store)
    await poller.run_once()
    assert await stored(store) == [("Talks day one", 1), ("Talks day two", 1)]


def test_postgresql_refusals_are_storage_errors_too():
    # On PostgreSQL a full disk or a lock held past its timeout arrive as the driver's errors;
    # the poller must treat them as it treats SQLite's, not let them end the cycle.
    psycopg = pytest.importorskip("psycopg")
    from bot.ingest.poller import STORAGE_ERRORS

    assert issubclass(psycopg.errors.DiskFull, STORAGE_ERRORS)
    assert issubclass(psycopg.errors.LockNotAvailable, STORAGE_ERRORS)
    assert issubclass(sqlite3.OperationalError, STORAGE_ERRORS)
    assert not issubclass(ValueError, STORAGE_ERRORS)  # a bug stays a bug
