"""The bot on PostgreSQL keeps working when its database connection is lost and comes back.

The bot runs whole (long polling against the fake Bot API, feeds from the feed server) on a
fresh schema of the real test server. Its own backend is ended with pg_terminate_backend, as a
server restart ends every backend, or it reaches the server through a relay that stages an
outage (tests/fakes/pg_outage.py). Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from bot.store.pg_link import RECONNECT_MAX_DELAY
from bot.telegram.app import run_cycle
from tests.fakes.pg_outage import end_backend
from tests.telegram.harness import bot_running
from tests.telegram.stories import MORE_TALKS, TALKS
from tests.telegram.test_webhook import request, webhook_running


async def articles_stored(bot) -> list[str]:
    return [row[0] for row in await bot.store.db.execute_fetchall("SELECT title FROM articles ORDER BY title")]


async def test_after_its_backend_is_ended_the_bot_answers_commands_and_stores_what_it_polls(
    bot_api, feed_server, make_settings, tmp_path, postgres_url
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_url) as bot:
        await bot.say("/start", 1)
        await end_backend(bot.store)

        (subscribed,) = await bot.say("/subscribe talks", 1)
        assert "Subscribed to Harbour talks" in subscribed.plain

        await end_backend(bot.store)
        bot.publish([TALKS])
        await bot.cycle()
        sent = await bot.bot_api.wait_for_messages(3, chat_id=bot.chat)
        assert sent[2].plain.splitlines()[0] == TALKS[0]
        assert await articles_stored(bot) == [TALKS[0]]


async def test_ticks_during_an_outage_fail_and_the_next_after_it_delivers(
    bot_api, feed_server, make_settings, tmp_path, postgres_relay
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_relay.url) as bot:
        await bot.say("/subscribe talks", 1)
        bot.publish([TALKS, MORE_TALKS])
        postgres_relay.go_away()

        await bot.services.running_poller().run_once()  # the poll's storage fails; nothing escapes the tick
        for _ in range(2):
            await run_cycle(bot.services, bot.app.bot)
        await bot.settle()
        assert len(bot.bot_api.messages_to(bot.chat)) == 1  # only the /subscribe answer

        postgres_relay.come_back()
        deadline = time.monotonic() + 3 * RECONNECT_MAX_DELAY
        while True:
            with contextlib.suppress(Exception):
                await bot.cycle()
            if len(bot.bot_api.messages_to(bot.chat)) >= 3 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        sent = await bot.bot_api.wait_for_messages(3, chat_id=bot.chat)
        assert sorted(m.plain.splitlines()[0] for m in sent[1:]) == sorted([TALKS[0], MORE_TALKS[0]])
        assert await articles_stored(bot) == sorted([TALKS[0], MORE_TALKS[0]])


async def test_healthz_says_503_while_the_database_is_away_and_200_when_it_is_back(
    bot_api, feed_server, make_settings, tmp_path, postgres_relay, caplog
):
    async with webhook_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_relay.url) as bot:
        status, _ = await request(bot.port, "GET", "/healthz")
        assert status == 200
        postgres_relay.go_away()

        for _ in range(3):  # a load balancer probes often
            status, body = await request(bot.port, "GET", "/healthz")
            assert status == 503 and body["status"] == "database unavailable"

        postgres_relay.come_back()
        deadline = time.monotonic() + 3 * RECONNECT_MAX_DELAY
        while (status := (await request(bot.port, "GET", "/healthz"))[0]) != 200 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert status == 200
        said = [
            r.getMessage()
            for r in caplog.records
            if r.name in ("bot.telegram.webhook", "bot.store.pg_link") and r.levelno >= logging.WARNING
        ]
        assert len(said) == 4, said  # the outage, told once by each, and the return, once by each
        (welcome,) = await bot.say("/start", 1)  # and updates are answered again
        assert "➕ Harbour talks" in [b["text"] for b in welcome.buttons]
