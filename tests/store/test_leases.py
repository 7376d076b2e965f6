"""Leases shared by processes: feed checks claimed by one process at a time, and the one sender.

Each "process" is its own connection to the same database file, as separate processes are.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.store import Store

FEEDS = [f"feed-{n}" for n in range(6)]


@pytest.fixture
async def two_processes(database_url):
    async with await Store.open(database_url) as first, await Store.open(database_url) as second:
        for feed in FEEDS:
            await first.feeds.upsert(feed, feed.title(), f"https://{feed}.example/rss")
        yield first, second


async def save_checked(store: Store, feed_id: str, next_check_at: float) -> None:
    feed = await store.feeds.get(feed_id)
    await store.feeds.save_state(
        feed_id,
        url=feed.url,
        etag=None,
        last_modified=None,
        next_check_at=next_check_at,
        error_count=0,
        last_error=None,
        disabled_reason=None,
    )


async def test_two_processes_claiming_at_once_never_take_the_same_feed(two_processes):
    a, b = two_processes
    now = time.time()
    taken_a, taken_b = await asyncio.gather(
        a.feeds.claim_due("worker-a", now, 60, limit=4), b.feeds.claim_due("worker-b", now, 60, limit=4)
    )
    ids_a, ids_b = {f.id for f in taken_a}, {f.id for f in taken_b}
    assert not ids_a & ids_b
    assert ids_a | ids_b == set(FEEDS)  # 4 + 2: the second asker got what was left
    assert await a.feeds.claim_due("worker-a", now, 60) == []


async def test_a_dead_workers_feeds_go_to_another_once_its_lease_ends(two_processes):
    a, b = two_processes
    now = time.time()
    assert len(await a.feeds.claim_due("worker-a", now, 0.2)) == len(FEEDS)  # then worker-a dies
    assert await b.feeds.claim_due("worker-b", now, 60) == []
    await asyncio.sleep(0.3)
    assert {f.id for f in await b.feeds.claim_due("worker-b", time.time(), 60)} == set(FEEDS)


async def test_a_saved_check_frees_the_feed_until_its_next_check(two_processes):
    a, b = two_processes
    now = time.time()
    (first, *_) = await a.feeds.claim_due("worker-a", now, 60, limit=1)
    await save_checked(a, first.id, next_check_at=now - 1)  # due again at once
    assert first.id in {f.id for f in await b.feeds.claim_due("worker-b", time.time(), 60)}
    await save_checked(b, first.id, next_check_at=now + 3600)
    assert await a.feeds.claim_due("worker-a", time.time(), 60) == []


async def test_one_sender_at_a_time_and_a_clean_hand_over(two_processes):
    a, b = two_processes
    assert await a.leases.take("sender", "worker-a", 30) == 0.0
    assert await b.leases.take("sender", "worker-b", 30) is None
    assert await a.leases.take("sender", "worker-a", 30) == 0.0  # a renewal keeps the hand-over time
    assert await b.leases.holder("sender") == "worker-a"

    await a.leases.release("sender", "worker-a")
    released = time.time()
    handed_over_at = await b.leases.take("sender", "worker-b", 30)
    assert handed_over_at is not None and released - 1 < handed_over_at <= released
    assert await a.leases.holder("sender") == "worker-b"
    assert await a.leases.take("sender", "worker-a", 30) is None


async def test_a_dead_senders_lease_is_taken_after_it_ends(two_processes):
    a, b = two_processes
    assert await a.leases.take("sender", "worker-a", 0.2) == 0.0  # then worker-a dies
    assert await b.leases.take("sender", "worker-b", 30) is None
    await asyncio.sleep(0.3)
    handed_over_at = await b.leases.take("sender", "worker-b", 30)
    assert handed_over_at is not None and handed_over_at <= time.time()
    assert await a.leases.holder("sender") == "worker-b"
