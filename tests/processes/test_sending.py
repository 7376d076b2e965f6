"""The sending loop: deliveries go out apart from polling, on the sender's own database connection.

Checked where a user would see it, at the fake Bot API: a poll that is still running does not
hold briefings back, a unit of work rolled back on the poll's connection does not make a sent
briefing go out again, and a stop mid-fan-out sends nobody anything twice. Each test runs on
SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.telegram.harness import bot_running
from tests.telegram.stories import MORE_TALKS, TALKS

CHAT = 616161
OTHER = 626262


async def subscribe(bot, *chats: int) -> None:
    for chat in chats:
        await bot.store.chats.ensure(chat)
        await bot.store.chats.subscribe(chat, "talks")


async def test_briefings_go_out_while_the_poll_that_stored_them_is_still_running(
    bot_api, feed_server, make_settings, tmp_path, database_url, monkeypatch
):
    settings = {"DATABASE_URL": database_url, "WORKER_TICK_SECONDS": 0.2}
    async with bot_running(
        bot_api, feed_server, make_settings, tmp_path, role="worker", receive=None, schedule=True, **settings
    ) as worker:
        poller = worker.services.running_poller()
        real_poll, rest_of_poll = poller.run_once, asyncio.Event()

        async def slow_poll():
            report = await real_poll()
            if report.new_articles:  # stored and matched; other feeds' pages are still being read
                await rest_of_poll.wait()
            return report

        monkeypatch.setattr(poller, "run_once", slow_poll)
        await subscribe(worker, CHAT)
        worker.publish([TALKS, MORE_TALKS])
        await worker.make_feeds_due()
        try:
            sent = await worker.bot_api.wait_for_messages(2, chat_id=CHAT, timeout=60)  # busy machines
            assert not rest_of_poll.is_set()  # the poll is still running
        finally:
            rest_of_poll.set()
        assert [m.plain.splitlines()[0] for m in sent] == [TALKS[0], MORE_TALKS[0]]  # in the feed's order
        await worker.settle()
        assert len(worker.bot_api.messages_to(CHAT)) == 2


class Undone(Exception):
    """Raised inside a unit of work to roll it back."""


async def test_a_unit_of_work_rolled_back_while_a_briefing_goes_out_does_not_send_it_again(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=database_url) as bot:
        await subscribe(bot, CHAT)
        bot.publish([TALKS])
        await bot.make_feeds_due()
        await bot.services.running_poller().run_once()
        sender = bot.services.running_sender()
        with pytest.raises(Undone):
            async with bot.store.unit_of_work():  # e.g. an OPML import that fails half-way
                await bot.store.chats.ensure(OTHER)
                delivering = asyncio.create_task(sender.deliver_instant(bot.app.bot))
                if bot.store.postgres:  # the briefing goes out and is marked while the unit is open
                    assert await delivering == 1
                else:  # SQLite: the unit holds the write lock; the claim waits for it to end
                    await bot.settle()
                raise Undone
        await delivering
        assert await bot.store.chats.get(OTHER) is None  # the unit was undone ...
        await bot.cycle()  # ... and the next round finds the briefing sent
        await bot.settle()
    assert [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)] == [TALKS[0]]


async def test_a_stop_mid_fan_out_lets_started_briefings_go_and_the_next_start_sends_the_rest_once(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    chats = [640000 + n for n in range(40)]
    settings = {"DATABASE_URL": database_url, "SEND_GLOBAL_PER_SECOND": 10}  # four seconds of sending
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, schedule=True, **settings) as first:
        await subscribe(first, *chats)
        first.publish([TALKS])
        await first.make_feeds_due()  # the tick polls within a second and the sending loop delivers
        # A bound for a busy machine, where the poll, the take of the duty and its settle time
        # took longer than 15 s before the first message (nothing waits on it when things go well).
        await bot_api.wait_for_messages(10, timeout=60)
    stopped_after = len(bot_api.sent)
    assert stopped_after < len(chats)  # the stop did not wait for the whole fan-out

    async with bot_running(bot_api, feed_server, make_settings, tmp_path, **settings) as second:
        claimed = await second.store.db.execute_fetchall("SELECT count(*) FROM deliveries WHERE status = 'pending'")
        assert claimed[0][0] == 0  # whatever the first bot started, it saw through and marked
        await second.cycle()
        await second.settle()
    assert [len(bot_api.messages_to(chat)) for chat in chats] == [1] * len(chats)


async def test_a_round_stopped_while_a_briefing_is_on_its_way_marks_it_so_it_never_goes_twice(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=database_url) as bot:
        await subscribe(bot, CHAT)
        bot.publish([TALKS])
        await bot.make_feeds_due()
        await bot.services.running_poller().run_once()
        bot_api.hold_answers()  # Telegram posts the briefing; its answer is slow to come back
        try:
            round_ = asyncio.create_task(bot.services.running_sender().deliver_instant(bot.app.bot))
            await bot_api.wait_for_messages(1, chat_id=CHAT)
            round_.cancel()  # as the sender duty does when its lease is lost, or a shutdown
        finally:
            bot_api.release_answers()
        with pytest.raises(asyncio.CancelledError):
            await round_
        # Much later: every claim's lease has run out, and a new round looks for what is left.
        await bot.store.db.execute("UPDATE deliveries SET lease_until = lease_until - 7200 WHERE status = 'pending'")
        await bot.cycle()
        await bot.settle()
    assert [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)] == [TALKS[0]]
