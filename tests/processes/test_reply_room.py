"""Replies from a process that is not the sender, during a fan-out that fills every second.

Two processes-worth of bots on one database, as in test_workers: a worker holding the sender
duty fans a briefing out to many chats, and `briefbot run` (which does not hold the duty) answers
/help. Telegram (the fake Bot API, strict sliding one-second window) must refuse nothing, and
each person's reply must come within seconds, not after the fan-out.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from tests.telegram.harness import bot_running
from tests.telegram.stories import TALKS

CHATS = [700_000 + n for n in range(200)]
ASKING = [800_001, 800_002, 800_003, 800_004, 800_005, 800_006]


async def until(condition, timeout: float = 60.0) -> None:
    """Wait for a precondition of the test (never the thing it checks)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the processes did not reach the state the test needs")
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def sender_and_updates(bot_api, feed_server, make_settings, tmp_path, **settings):
    """A worker holding the sender duty and a `briefbot run` beside it, on one database, once the
    sender has counted the updates process in (at its next lease renewal)."""
    # The default lease (15 s): its renewal must answer within a third of it, and a 1 s bound (a
    # 3 s lease) ran out on a busy machine, so the sender kept stopping mid-fan-out.
    shared = {"WORKER_TICK_SECONDS": 0.2, **settings}
    async with bot_running(
        bot_api, feed_server, make_settings, tmp_path, role="worker", receive=None, schedule=True,
        owner="worker-1", **shared,
    ) as worker:  # fmt: skip
        await until(lambda: worker.services.duty is not None and worker.services.duty.held)
        async with bot_running(
            bot_api, feed_server, make_settings, tmp_path, schedule=True, owner="updates-1", **shared
        ) as updates:
            await until(lambda: worker.app.bot.rate_limiter.per_second < 30)
            yield worker, updates


async def ask_help(bot_api, user: int) -> float:
    """/help from `user`; the seconds until the reply arrived."""
    asked = time.monotonic()
    bot_api.queue_message(user, "/help", user_id=user)
    (reply,) = await bot_api.wait_for_messages(1, chat_id=user, timeout=20)
    assert "/follow" in reply.plain  # the help text, not something else
    return time.monotonic() - asked


async def test_replies_from_the_updates_process_are_not_refused_during_a_fan_out(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    processes = sender_and_updates(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=database_url)
    async with processes as (worker, updates):
        for chat in CHATS:
            await worker.store.chats.ensure(chat)
            await worker.store.chats.subscribe(chat, "talks")
        worker.publish([TALKS])
        await worker.make_feeds_due()
        await bot_api.wait_for_messages(1, chat_id=CHATS[0], timeout=30)  # the fan-out has begun

        waits = [await ask_help(updates.bot_api, user) for user in ASKING]

        still_going = sum(1 for chat in CHATS if not bot_api.messages_to(chat))
        for chat in CHATS:
            await bot_api.wait_for_messages(1, chat_id=chat, timeout=30)
    assert still_going > 0  # the replies were asked while the sender was filling every second
    assert bot_api.flood_refusals() == {"global": 0, "chat": 0, "group": 0}
    assert max(waits) < 3.0
    assert all(len(bot_api.messages_to(chat)) == 1 for chat in CHATS)


async def test_the_reply_share_is_the_operators_setting(bot_api, feed_server, make_settings, tmp_path, database_url):
    """SEND_REPLIES_PER_SECOND=3: the updates process may post 3 a second and the sender leaves 3 free."""
    processes = sender_and_updates(
        bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=database_url, SEND_REPLIES_PER_SECOND=3
    )
    async with processes as (worker, updates):
        await until(lambda: updates.app.bot.rate_limiter.per_second < 30)
        sender_share = worker.app.bot.rate_limiter.per_second
        replies_share = updates.app.bot.rate_limiter.per_second
    assert (sender_share, replies_share) == (27, 3)
