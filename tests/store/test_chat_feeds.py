"""The chat-feeds tables on their own: numbering, sharing, retiring, and a group's move to a supergroup."""

from __future__ import annotations

import pytest

from bot.store import Store
from bot.store.chat_feeds import RETIRED

CHAT, OTHER, SUPERGROUP = 11, 12, -10011


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as opened:
        for chat in (CHAT, OTHER):
            await opened.chats.ensure(chat)
        await opened.feeds.upsert("ledger", "Coastal Ledger", "https://ledger.example/rss")
        await opened.chat_feeds.add_chat_feed("chat-a", "A", "https://a.example/rss")
        await opened.chat_feeds.add_chat_feed("chat-b", "B", "https://b.example/rss")
        yield opened


async def test_numbers_are_per_chat_and_stay_put(store):
    assert await store.chat_feeds.link(CHAT, "chat-a") == 1
    assert await store.chat_feeds.link(CHAT, "chat-b") == 2
    assert await store.chat_feeds.link(CHAT, "chat-a") is None  # already linked
    assert await store.chat_feeds.link(OTHER, "chat-b") == 1
    await store.chat_feeds.unlink(CHAT, "chat-a")
    assert [(f.number, f.feed_id) for f in await store.chat_feeds.of_chat(CHAT)] == [(2, "chat-b")]


async def test_a_url_is_found_whoever_added_it_catalogue_first(store):
    await store.chat_feeds.add_chat_feed("chat-dup", "Dup", "https://ledger.example/rss")
    found = await store.chat_feeds.find_by_url("https://nowhere.example/", "https://ledger.example/rss")
    assert (found.id, found.usable) == ("ledger", True)


async def test_the_last_unlink_retires_a_chat_feed_but_never_a_catalogue_one(store):
    for feed in ("chat-a", "ledger"):
        await store.chat_feeds.link(CHAT, feed)
        await store.chat_feeds.link(OTHER, feed)
    await store.chat_feeds.unlink(CHAT, "chat-a")
    assert (await store.feeds.get("chat-a")).disabled_reason is None
    await store.chats.delete(OTHER)  # /stop: the link goes with the chat
    assert (await store.feeds.get("chat-a")).disabled_reason == RETIRED
    await store.chat_feeds.unlink(CHAT, "ledger")
    assert (await store.feeds.get("ledger")).disabled_reason is None
    await store.chat_feeds.revive("chat-a")
    assert (await store.feeds.get("chat-a")).disabled_reason is None


async def test_a_group_moving_to_a_supergroup_keeps_its_feeds_and_filters(store):
    await store.chat_feeds.link(CHAT, "chat-a")
    await store.topics.db.execute(
        "INSERT INTO topics(id, name, query, updated_at) VALUES ('talks', 'Talks', 'talks', 0)"
    )
    await store.chats.subscribe(CHAT, "talks")
    await store.filters.set(CHAT, "talks", "-rowing")
    await store.chats.migrate(CHAT, SUPERGROUP)
    assert [f.feed_id for f in await store.chat_feeds.of_chat(SUPERGROUP)] == ["chat-a"]
    assert await store.filters.of_chat(SUPERGROUP) == {"talks": "-rowing"}
    assert (await store.feeds.get("chat-a")).disabled_reason is None
