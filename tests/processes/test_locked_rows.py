"""Another session holding the sender's rows locked holds up a round only for a bounded time.

A second, raw connection to the database stands for a process stuck inside a transaction (a
hung worker, a debugger, a client cut off while the server keeps its session). It locks the
sender lease's row, or a briefing's delivery row, and keeps its transaction open. The sending
round gives up on the row within seconds (bot.store.db.SENDER_SESSION), sends nothing, logs
one line and carries on; once the blocker commits or rolls back, the next round delivers, and
the chat, as the fake Bot API sees it, gets the briefing exactly once. PostgreSQL only: SQLite
locks the whole file and has its own busy timeout.
"""

from __future__ import annotations

import asyncio
import logging
import time

import psycopg
import pytest

from bot.processes.sending import SendingLoop
from bot.telegram.app import send_round
from tests.telegram.harness import bot_running
from tests.telegram.stories import TALKS

CHAT = 737373
ROUND_BOUND = 20  # seconds: generous for a loaded machine; the lock timeout itself is 2 s


@pytest.fixture(params=["commit", "rollback"])
def blocker_ends(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def matched_briefing(bot) -> int:
    """A briefing matched for CHAT and not sent yet; its article id."""
    await bot.store.chats.ensure(CHAT)
    await bot.store.chats.subscribe(CHAT, "talks")
    bot.publish([TALKS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    (row,) = await bot.store.db.execute_fetchall("SELECT id FROM articles")
    return int(row[0])


def sending_rounds(bot) -> SendingLoop:
    return SendingLoop(bot.services.running_duty(), lambda: send_round(bot.services, bot.app.bot), interval=0)


async def bounded_round(rounds: SendingLoop) -> int:
    started = time.monotonic()
    sent = await asyncio.wait_for(rounds.round_once(), timeout=ROUND_BOUND * 2)
    assert time.monotonic() - started < ROUND_BOUND
    return sent


def lock_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "lock" in r.getMessage() and r.levelno >= logging.WARNING]


async def test_a_first_lease_take_blocked_by_another_session_waits_for_the_next_round(
    bot_api, feed_server, make_settings, tmp_path, postgres_url, blocker_ends, caplog
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_url) as bot:
        await matched_briefing(bot)
        rounds = sending_rounds(bot)
        async with await psycopg.AsyncConnection.connect(postgres_url) as blocker:
            # Another process's first take, stuck before its COMMIT: its row is not even visible yet.
            await blocker.execute(
                "INSERT INTO leases(name, holder, lease_until, handed_over_at) VALUES ('sender', 'stuck', 0, 0)"
            )
            assert await bounded_round(rounds) == 0
            assert rounds.take_failures() == ["sender lease"]
            assert bot_api.messages_to(CHAT) == []
            await (blocker.commit() if blocker_ends == "commit" else blocker.rollback())
        assert await bounded_round(rounds) == 1  # the stuck lease had ended anyway: this process takes it
        assert await bounded_round(rounds) == 0
        await bot.settle()
    assert [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)] == [TALKS[0]]
    (line,) = lock_lines(caplog)  # one line for the operator, no traceback
    assert "sender lease" in line.getMessage() and line.exc_info is None


async def test_a_delivery_claim_blocked_by_another_session_goes_out_once_in_a_later_round(
    bot_api, feed_server, make_settings, tmp_path, postgres_url, blocker_ends, caplog
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_url) as bot:
        article_id = await matched_briefing(bot)
        # A claim left by a sender that died: its lease ran out, so the briefing is due again.
        await bot.store.db.execute(
            """INSERT INTO deliveries(chat_id, thread_id, item, article_id, claimed_by, lease_until, created_at)
               VALUES (?, 0, ?, ?, 'gone:1:dead/1', 0, 0)""",
            (CHAT, f"article:{article_id}", article_id),
        )
        rounds = sending_rounds(bot)
        async with await psycopg.AsyncConnection.connect(postgres_url) as blocker:
            await blocker.execute("SELECT * FROM deliveries WHERE chat_id = %s FOR UPDATE", (CHAT,))
            assert await bounded_round(rounds) == 0
            assert rounds.take_failures() == []  # the lease was taken; the claim waits for a later round
            assert bot_api.messages_to(CHAT) == []
            await (blocker.commit() if blocker_ends == "commit" else blocker.rollback())
        assert await bounded_round(rounds) == 1
        assert await bounded_round(rounds) == 0
        await bot.settle()
    assert [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)] == [TALKS[0]]
    (line,) = lock_lines(caplog)
    assert f"article:{article_id}" in line.getMessage() and line.exc_info is None


async def test_a_briefing_that_went_out_while_its_row_was_locked_is_marked_and_never_sent_again(
    bot_api, feed_server, make_settings, tmp_path, postgres_url, caplog
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_url) as bot:
        await matched_briefing(bot)
        rounds = sending_rounds(bot)
        blocker = await psycopg.AsyncConnection.connect(postgres_url)
        bot_api.hold_answers()  # Telegram posts the briefing; its answer is slow to come back
        try:
            round_ = asyncio.create_task(rounds.round_once())
            await bot_api.wait_for_messages(1, chat_id=CHAT)  # claimed and out, not yet marked
            await blocker.execute("SELECT * FROM deliveries WHERE chat_id = %s FOR UPDATE", (CHAT,))
            bot_api.release_answers()
            await until(lambda: any("marking it again" in r.getMessage() for r in caplog.records))
            await blocker.rollback()
            assert await asyncio.wait_for(round_, ROUND_BOUND) == 1
        finally:
            bot_api.release_answers()
            await blocker.close()
        (status,) = await bot.store.db.execute_fetchall("SELECT status FROM deliveries WHERE chat_id = ?", (CHAT,))
        assert status[0] == "sent"
        assert await bounded_round(rounds) == 0
        await bot.settle()
    assert [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)] == [TALKS[0]]


async def until(condition, within: float = ROUND_BOUND) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.05)
