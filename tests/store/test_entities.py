"""The entity stores behave alike on SQLite and PostgreSQL: who gets what, claims, feeds, speakers, the model's log."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.store import Store
from bot.store.topics import Topic
from tests.store.installation import CHAT, GROUP, fill


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as opened:
        opened.article_id = await fill(opened)
        yield opened


async def test_chat_preferences_round_trip(store):
    await store.chats.set_digest(CHAT, "07:30", "Europe/Oslo")
    await store.chats.set_quiet(CHAT, "22:00", "07:00")
    chat = await store.chats.get(CHAT)
    assert (chat.mode, chat.digest_time, chat.timezone, chat.quiet_start, chat.quiet_end) == (
        "digest",
        "07:30",
        "Europe/Oslo",
        "22:00",
        "07:00",
    )
    await store.chats.skip_digest_day(CHAT, "2022-07-21")
    assert await store.chats.digest_targets() == []  # it has nothing undelivered
    await store.chats.hold(GROUP)
    assert (await store.chats.get(GROUP)).held is True
    assert await store.chats.release_hold(GROUP) is True
    assert await store.chats.release_hold(GROUP) is False
    await store.chats.mark_blocked(CHAT)
    assert await store.chats.blocked_since(CHAT) is not None
    await store.chats.ensure(CHAT)  # a returning chat is unblocked
    assert await store.chats.blocked_since(CHAT) is None


async def test_who_gets_what(store):
    article = store.article_id
    assert await store.chats.received(CHAT, article) and await store.chats.delivered_anywhere(article)
    assert not await store.chats.received(GROUP, article)
    # the group's filter held the article back; once released, it is the group's news
    assert await store.chats.instant_chats_with_news() == []
    await store.db.execute("DELETE FROM filtered_out")
    assert await store.chats.instant_chats_with_news() == [GROUP]
    assert [(p.article_id, p.thread_id) for p in await store.deliveries.undelivered(GROUP)] == [(article, 0)]
    assert await store.deliveries.pending_threads(GROUP) == [0]
    items = await store.chats.digest_items(GROUP)
    assert [(i.article_id, i.topic_id, i.topic_name, i.quotes) for i in items] == [(article, "talks", "Peace talks", 2)]
    assert items[0].text.startswith("Ostrovan says troops left")
    await store.chats.set_quiet(GROUP, "00:00", "23:59")
    assert [c.id for c in await store.chats.quiet_chats()] == [GROUP]
    assert await store.chats.subscribe(GROUP, "talks", thread_id=5) is True  # moved to a forum thread
    assert await store.chats.subscriptions(GROUP, 5) == ["talks"] and await store.chats.subscriptions(GROUP, 6) == []
    assert await store.deliveries.pending_threads(GROUP) == [5]
    await store.chats.set_digest(GROUP, "08:00", "UTC")
    assert [(chat.id, thread) for chat, thread in await store.chats.digest_targets()] == [(GROUP, 5)]
    assert [i.article_id for i in await store.chats.digest_items(GROUP, thread_id=5)] == [article]


async def test_claims_and_leases(store):
    item = f"article:{store.article_id}"
    assert await store.deliveries.claim(GROUP, item, "a", lease_seconds=60, article_id=store.article_id)
    assert not await store.deliveries.claim(GROUP, item, "b")  # a live claim of another owner
    assert await store.deliveries.undelivered(GROUP) == []  # under a live claim
    assert await store.deliveries.next_lease_expiry() == pytest.approx(time.time() + 60, abs=5)
    await store.db.execute("UPDATE deliveries SET lease_until = 1 WHERE claimed_by = 'a'")  # its owner died
    assert await store.deliveries.claim(GROUP, item, "b")
    await store.deliveries.release(GROUP, item, "b")
    assert not await store.deliveries.is_delivered(GROUP, item)
    assert await store.deliveries.claim(GROUP, item, "c", article_id=store.article_id)
    await store.deliveries.mark_failed(GROUP, item)
    assert await store.deliveries.is_delivered(GROUP, item)
    assert not await store.deliveries.claim(GROUP, item, "c")
    await store.deliveries.mark_articles_sent(GROUP, [store.article_id], 91)
    assert await store.deliveries.article_for_message(CHAT, 77) == store.article_id


async def test_a_group_becomes_a_supergroup(store):
    await store.chats.migrate(GROUP, -100999)
    assert await store.chats.get(GROUP) is None
    assert await store.chats.subscriptions(-100999) == ["talks"]
    assert [f.feed_id for f in await store.chat_feeds.of_chat(-100999)] == ["own-1"]
    await store.chats.delete(-100999)
    assert (await store.feeds.get("own-1")).disabled_reason is not None  # nobody follows it now


async def test_feeds_schedule_and_state(store):
    assert [f.id for f in await store.feeds.due(time.time())] == ["ledger", "own-1"]
    await store.feeds.save_state(
        "ledger",
        url="https://ledger.example/rss2",
        etag='"v2"',
        last_modified=None,
        next_check_at=time.time() + 600,
        error_count=0,
        last_error=None,
        disabled_reason=None,
    )
    assert [f.id for f in await store.feeds.due(time.time())] == ["own-1"]
    ledger = await store.feeds.get("ledger")
    assert (ledger.url, ledger.etag) == ("https://ledger.example/rss2", '"v2"')
    await store.feeds.upsert("ledger", "Daily Ledger", "https://ledger.example/new")  # a new URL starts afresh
    assert (await store.feeds.get("ledger")).etag is None
    await store.chat_feeds.revive("own-1")
    assert (await store.chat_feeds.get(GROUP, 1)).last_success_at is not None


async def test_topics_filters_and_speakers(store):
    await store.topics.upsert(Topic("own", "Mine", "cranes", owner_chat_id=CHAT))
    assert [t.id for t in await store.topics.catalogue()] == ["talks"]
    assert [t.id for t in await store.topics.subscribed()] == ["talks"]
    await store.topics.delete_own("own", CHAT)
    assert await store.topics.get("own") is None
    assert await store.filters.of_chat(GROUP) == {"talks": "-football"}
    assert await store.filters.of_topic("talks") == [(GROUP, "-football")]
    assert await store.filters.waiting(GROUP, "talks") == [store.article_id]
    speakers = dict((name, sid) for sid, name in await store.speakers.of_article(store.article_id))
    ostrovan = speakers["Boris Ostrovan"]
    assert await store.speakers.main_speaker(store.article_id) == ostrovan
    assert await store.speakers.quote_counts([ostrovan]) == {ostrovan: 3}
    assert await store.speakers.kind_counts([ostrovan]) == {"direct": 1, "partial": 1, "indirect": 1}
    assert ("Varnian President", "Daily Ledger") in await store.speakers.roles_with_outlets(ostrovan)
    assert "Ostrovan" in await store.speakers.aliases_starting("o")
    hits = await store.speakers.quotes(speaker_ids=[ostrovan], limit=2)
    assert [h.kind for h in hits] == ["indirect", "direct"]  # one article: the later statement first


async def test_the_models_log(store):
    day = time.strftime("%Y-%m-%d", time.gmtime())
    assert await store.llm.tokens_on(day) == 42
    assert await store.llm.calls_for("h") == [("ok", 42)]
    assert await store.llm.briefing_body("h") == '{"lines": []}'
    assert await store.llm.rejection_counts("briefing") == {"unquoted": 1}


async def test_many_row_writes_side_by_side_on_one_connection(store):
    # Ingest, matching and digests write batches at the same time; on SQLite an executemany
    # cursor left open used to break the next one ("bad parameter or other API misuse").
    async def batch() -> None:
        await store.topics.record_matches("talks", [store.article_id])
        await store.filters.hold_back(GROUP, "talks", [store.article_id])

    await asyncio.gather(*(batch() for _ in range(600)))
    rows = await store.db.execute_fetchall("SELECT topic_id, article_id FROM topic_articles")
    assert [tuple(r) for r in rows] == [("talks", store.article_id)]
