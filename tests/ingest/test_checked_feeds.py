"""Storing checked feeds several per transaction: each feed's stories with its new schedule, and a
feed whose data the database will not take costs only itself."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from bot.fetch.schedule import FeedSchedule
from bot.ingest.checked_feeds import CheckedFeed, store_checked
from bot.models import Article
from bot.store import Store


def story(n: int) -> Article:
    return Article(
        url=f"https://ledger.example.net/quay/{n}",
        text=f"The quay talks at the harbour of Velmar went into day {n} without a signed text.",
        title=f"Quay talks, day {n}",
        outlet="Coastal Ledger",
    )


async def checked_feeds(store: Store, count: int) -> list[CheckedFeed]:
    """`count` catalogue feeds, each checked with one new story and a new ETag to save."""
    plan = FeedSchedule(next_check_at=datetime.now(UTC) + timedelta(hours=1), error_count=0, etag='"v2"')
    checked = []
    for n in range(count):
        await store.feeds.upsert(f"f{n}", f"Ledger {n}", f"https://ledger.example.net/{n}.xml")
        feed = await store.feeds.get(f"f{n}")
        assert feed is not None
        checked.append(CheckedFeed(feed, plan, None, [(story(n), False)]))
    return checked


def transaction_statements(store: Store, monkeypatch) -> list[str]:
    """BEGIN, COMMIT and ROLLBACK as they are sent, on either backend's connection."""
    sent: list[str] = []
    original = store.db.execute

    def execute(sql, *args, **kwargs):
        if sql.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK"):
            sent.append(sql.split()[0])
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(store.db, "execute", execute)
    return sent


async def titles(store: Store) -> list[str]:
    return [row[0] for row in await store.db.execute_fetchall("SELECT title FROM articles ORDER BY title")]


async def test_several_feeds_are_stored_in_one_transaction(database_url, monkeypatch):
    async with await Store.open(database_url) as store:
        checked = await checked_feeds(store, 3)
        sent = transaction_statements(store, monkeypatch)
        stored = await store_checked(store, checked)
        assert len(stored.ids) == 3
        assert sent == ["BEGIN", "COMMIT"]
        assert await titles(store) == ["Quay talks, day 0", "Quay talks, day 1", "Quay talks, day 2"]
        for feed in await store.feeds.all():
            assert (feed.etag, feed.next_check_at > time.time()) == ('"v2"', True)


async def test_a_feed_the_database_refuses_costs_only_itself(database_url, caplog):
    """A feed deleted while it was being checked: its story cannot be stored (the feed it names
    is gone); the feeds checked alongside it keep their stories and their new schedules."""
    async with await Store.open(database_url) as store:
        checked = await checked_feeds(store, 3)
        await store.db.execute("DELETE FROM feeds WHERE id = ?", ("f1",))
        with caplog.at_level(logging.ERROR):
            stored = await store_checked(store, checked)
        assert len(stored.ids) == 2
        assert await titles(store) == ["Quay talks, day 0", "Quay talks, day 2"]
        assert [(f.id, f.etag) for f in await store.feeds.all()] == [("f0", '"v2"'), ("f2", '"v2"')]
        assert any("feed f1 could not be stored" in r.getMessage() for r in caplog.records)


async def test_each_feed_of_a_batch_keeps_its_own_outcome(database_url):
    """The schedules of a batch are written together: each row must still get its own check's
    result, a failure its error and back-off, a success its validators and its last success."""
    async with await Store.open(database_url) as store:
        ok, failing, gone = await checked_feeds(store, 3)
        later = datetime.now(UTC) + timedelta(hours=6)
        failing.plan = FeedSchedule(next_check_at=later, error_count=2)
        failing.error, failing.articles = "the server answered HTTP 503", []
        gone.plan = FeedSchedule(next_check_at=later, error_count=1, disabled_reason="the feed is gone (HTTP 410)")
        gone.error, gone.articles = "HTTP 410", []
        stored = await store_checked(store, [ok, failing, gone])
        assert len(stored.ids) == 1
        rows = await store.db.execute_fetchall(
            "SELECT id, etag, error_count, last_error, disabled_reason, COALESCE(last_success_at, 0) > 0"
            " FROM feeds ORDER BY id"
        )
        assert [tuple(row) for row in rows] == [
            ("f0", '"v2"', 0, None, None, True),
            ("f1", None, 2, "the server answered HTTP 503", None, False),
            ("f2", None, 1, "HTTP 410", "the feed is gone (HTTP 410)", False),
        ]
        assert (await store.feeds.get("f1")).next_check_at == later.timestamp()
