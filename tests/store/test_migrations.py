"""Schema migrations: applied once each, in order, and atomically."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import aiosqlite
import psycopg
import pytest

from bot.models import Article
from bot.store import Store
from bot.store.migrations import MIGRATIONS, migrate
from bot.store.migrations_postgres import POSTGRES_MIGRATIONS


async def _versions(db) -> list[int]:
    async with db.execute("SELECT version FROM schema_migrations ORDER BY version") as cur:
        return [row[0] for row in await cur.fetchall()]


def test_every_migration_has_a_postgresql_script():
    assert sorted(POSTGRES_MIGRATIONS) == sorted(v for v, _, _ in MIGRATIONS)


async def test_fresh_database_gets_every_migration_once(database_url):
    store = await Store.open(database_url)
    assert await _versions(store.db) == sorted(v for v, _, _ in MIGRATIONS)
    assert await migrate(store.db) == max(v for v, _, _ in MIGRATIONS)  # a second run changes nothing
    await store.close()


async def test_reopening_keeps_data(database_url):
    store = await Store.open(database_url)
    await store.chats.ensure(-1001234567890123, "supergroup", "A group with a 64-bit id")
    await store.close()
    store = await Store.open(database_url)
    chat = await store.chats.get(-1001234567890123)
    assert chat is not None and chat.kind == "supergroup"
    await store.close()


async def test_sqlite_runs_in_wal_mode(tmp_path):
    async with await Store.open(tmp_path / "a.db") as store, store.db.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone())[0] == "wal"


async def test_processes_starting_together_on_postgresql_migrate_once(postgres_url):
    stores = await asyncio.gather(*(Store.open(postgres_url) for _ in range(3)))
    assert await _versions(stores[0].db) == sorted(v for v, _, _ in MIGRATIONS)
    for store in stores:
        await store.close()


async def test_a_failing_postgresql_migration_leaves_nothing_behind(postgres_url, monkeypatch):
    broken = {**POSTGRES_MIGRATIONS, 2: "CREATE TABLE half_done (x INTEGER); CREATE TABLE nonsense ("}
    monkeypatch.setattr("bot.store.migrations.POSTGRES_MIGRATIONS", broken)
    with pytest.raises(psycopg.errors.SyntaxError):
        await Store.open(postgres_url)
    monkeypatch.setattr("bot.store.migrations.POSTGRES_MIGRATIONS", POSTGRES_MIGRATIONS)
    async with await Store.open(postgres_url) as store:
        assert await _versions(store.db) == sorted(v for v, _, _ in MIGRATIONS)
        rows = await store.db.execute_fetchall("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")
        assert rows == []


async def test_a_version_missing_below_the_newest_is_still_applied(tmp_path, monkeypatch):
    db = await aiosqlite.connect(str(tmp_path / "b.db"), isolation_level=None)
    without_4 = [m for m in MIGRATIONS if m[0] != 4]
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", without_4)
    await migrate(db)
    assert 4 not in await _versions(db)
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    await migrate(db)
    assert await _versions(db) == sorted(v for v, _, _ in MIGRATIONS)
    await db.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    db = await aiosqlite.connect(str(tmp_path / "c.db"), isolation_level=None)
    broken = [(1, "half", "CREATE TABLE half_done (x INTEGER); CREATE TABLE nonsense (")]
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        await migrate(db)
    async with db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'") as cur:
        assert await cur.fetchone() is None
    assert await _versions(db) == []
    await db.close()


async def test_the_unused_feed_owner_column_is_dropped_and_feeds_kept(tmp_path, monkeypatch):
    db = await aiosqlite.connect(str(tmp_path / "d.db"), isolation_level=None)
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 9])
    await migrate(db)
    await db.execute(
        "INSERT INTO feeds(id, name, url, created_at) "
        "VALUES ('ledger', 'Coastal Ledger', 'https://ledger.example/rss', 0)"
    )
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    await migrate(db)
    async with db.execute("SELECT name FROM pragma_table_info('feeds')") as cur:
        assert "owner_chat_id" not in {row[0] for row in await cur.fetchall()}
    async with db.execute("SELECT name FROM pragma_table_info('topics')") as cur:
        assert "owner_chat_id" in {row[0] for row in await cur.fetchall()}  # a chat's own /follow topics
    async with db.execute("SELECT id, url FROM feeds") as cur:
        assert [tuple(row) for row in await cur.fetchall()] == [("ledger", "https://ledger.example/rss")]
    await db.close()


async def test_deliveries_are_keyed_per_forum_thread_and_old_rows_keep_their_thread(tmp_path, monkeypatch):
    db = await aiosqlite.connect(str(tmp_path / "e.db"), isolation_level=None)
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 12])
    await migrate(db)
    await db.executescript(
        """
        INSERT INTO topics(id, name, query, updated_at) VALUES ('talks', 'Harbour talks', 'talks', 0),
                                                               ('fish', 'Fisheries', 'fisheries', 0);
        INSERT INTO articles(id, url, canonical_url, title, fetched_at, text, text_hash)
            VALUES (1, 'https://ledger.example/a', 'https://ledger.example/a', 'Talks', 0, 'Talks.', 'h1');
        INSERT INTO topic_articles VALUES ('fish', 1, 5), ('talks', 1, 5);
        INSERT INTO chats(id, kind, subscribed_since, created_at) VALUES (-100900, 'supergroup', 0, 0),
                                                                        (900, 'private', 0, 0);
        INSERT INTO subscriptions(chat_id, topic_id, created_at, thread_id) VALUES (-100900, 'fish', 2, 9),
                                                                                  (-100900, 'talks', 1, 7),
                                                                                  (900, 'talks', 1, 0);
        INSERT INTO deliveries(chat_id, item, article_id, status, message_id, created_at)
            VALUES (-100900, 'article:1', 1, 'sent', 41, 6), (900, 'article:1', 1, 'sent', 42, 6),
                   (900, 'digest:2027-06-02', NULL, 'sent', 43, 6);
        """
    )
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    await migrate(db)
    async with db.execute("SELECT chat_id, thread_id, item, message_id FROM deliveries ORDER BY message_id") as cur:
        rows = [tuple(row) for row in await cur.fetchall()]
    # The forum's briefing went to the thread of its oldest matching subscription (talks, thread 7).
    assert rows == [(-100900, 7, "article:1", 41), (900, 0, "article:1", 42), (900, 0, "digest:2027-06-02", 43)]
    await db.execute(
        "INSERT INTO deliveries(chat_id, thread_id, item, article_id, status, created_at) "
        "VALUES (-100900, 9, 'article:1', 1, 'sent', 7)"
    )  # the same article in another thread of the forum is another delivery
    await db.close()


async def test_articles_stored_before_matching_was_recorded_count_as_matched(database_url, monkeypatch):
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 16])
    async with await Store.open(database_url) as store:
        article = Article(url="https://ledger.example/quay", text="The quay talks resumed.", title="Quay talks")
        old = await store.articles.add(article, canonical_url=article.url, text_hash="quay", feed_id=None)
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    async with await Store.open(database_url) as store:
        # the article was matched by the version that stored it: no process matches it again
        assert await store.awaiting.claim("worker-b", time.time(), 300, limit=10) == []
        article = Article(url="https://ledger.example/ferry", text="Ferries run again.", title="Ferries")
        new = await store.articles.add(article, canonical_url=article.url, text_hash="ferry", feed_id=None)
        await store.awaiting.add([new], "worker-a", lease_until=0)  # its storer died at once
        assert await store.awaiting.claim("worker-b", time.time(), 300, limit=10) == [new]
        assert old not in await store.awaiting.claim("worker-c", time.time() + 600, 300, limit=10)
