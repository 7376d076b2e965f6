"""Copying an installation between databases: everything arrives, twice changes nothing, later writes follow."""

from __future__ import annotations

from bot.store import Store
from bot.store.transfer import RUNTIME_TABLES, TABLES, copy_database
from tests.store.installation import CHAT, GROUP, dump, fill

FTS5_TABLES = ("articles_fts", "quotes_fts")


async def test_every_table_of_the_schema_is_copied(database_url):
    async with await Store.open(database_url) as store:
        if store.postgres:
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        names = {row[0] for row in await store.db.execute_fetchall(sql)}
    names = {n for n in names if n != "schema_migrations" and not n.startswith(FTS5_TABLES)}
    assert names == {table for table, _ in TABLES} | set(RUNTIME_TABLES)


async def test_a_copy_holds_every_row_and_a_second_copy_changes_nothing(tmp_path, database_url):
    async with await Store.open(tmp_path / "old.db") as source, await Store.open(database_url) as target:
        await fill(source)
        first = await copy_database(source, target)
        assert all(t.rows > 0 for t in first), first  # the installation has a row in every table
        copied = await dump(target)
        assert copied == await dump(source)
        again = await copy_database(source, target)
        assert [(t.rows, t.deleted) for t in again] == [(t.rows, 0) for t in first]
        assert await dump(target) == copied


async def test_what_the_bot_wrote_after_a_copy_follows_with_the_next_one(tmp_path, database_url):
    async with await Store.open(tmp_path / "old.db") as source, await Store.open(database_url) as target:
        article_id = await fill(source)
        await copy_database(source, target)
        await source.chats.unsubscribe(GROUP, "talks")
        await source.deliveries.claim(GROUP, f"article:{article_id}", "worker-2", article_id=article_id)
        await source.deliveries.mark_sent(GROUP, f"article:{article_id}", 78)
        await copy_database(source, target)
        assert await dump(target) == await dump(source)
        assert await target.chats.subscriptions(GROUP) == []


async def test_the_copy_answers_like_the_original(tmp_path, database_url):
    async with await Store.open(tmp_path / "old.db") as source, await Store.open(database_url) as target:
        article_id = await fill(source)
        await copy_database(source, target)
        expression = '"lakeport accords" AND "ostrov"*'
        assert await target.articles.matching(expression, [article_id]) == [article_id]
        assert await target.speakers.quotes(match='"accords"') == await source.speakers.quotes(match='"accords"')
        assert await target.chats.received(CHAT, article_id)
        # rows written after the copy are numbered after the copied ones
        later = await target.articles.add(
            (await source.articles.get(article_id)).article,
            canonical_url="https://x.example/",
            text_hash="new",
            feed_id=None,
        )
        assert later is not None and later > article_id


async def test_a_copy_read_in_small_pages_misses_no_row(tmp_path, database_url, monkeypatch):
    monkeypatch.setattr("bot.store.transfer._PAGE", 2)  # every table with several rows takes several pages
    async with await Store.open(tmp_path / "old.db") as source, await Store.open(database_url) as target:
        await fill(source)
        await source.chats.ensure(GROUP + 1)
        await source.chats.subscribe(GROUP + 1, "talks")
        await copy_database(source, target)
        assert await dump(target) == await dump(source)
