"""A briefing's claim row locked by another session holds up the writer only for a bounded time.

A raw connection to the database stands for a process stuck inside a transaction (a hung
worker, a debugger, a client cut off while the server keeps its session) that holds the
`briefing_claims` row of an article text. The writer takes its claims on a connection with a
lock timeout (the sender's rounds connection in a running bot), so it gives up on the row,
logs one line, and shows the extractive briefing instead of waiting without end, and with it
every delivery of the round. PostgreSQL only: SQLite locks the whole file and has its own busy
timeout.
"""

from __future__ import annotations

import asyncio
import logging

import psycopg
import pytest

from bot.store import Store
from bot.store.db import SENDER_SESSION
from tests.llm.test_shared_briefings import CONTENT, close, until, writer
from tests.llm.test_writer import GOOD, make_article
from tests.telegram.harness import bot_running

BOUND = 20  # seconds: generous for a loaded machine; the lock timeout itself is 2 s


@pytest.fixture
async def process(postgres_url):
    """A process's main connection, and the bounded one its writer claims on."""
    async with (
        await Store.open(postgres_url) as main,
        await Store.open(postgres_url, session=SENDER_SESSION, migrate_first=False) as bounded,
    ):
        yield main, bounded


def lock_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "claim" in r.getMessage() and r.levelno >= logging.WARNING]


async def test_a_claim_row_locked_by_another_session_gives_the_extractive_briefing_in_bounded_time(
    process, postgres_url, openai_server, caplog
):
    main, bounded = process
    openai_server.responder = lambda body: GOOD
    sender = writer(main, openai_server, wait_seconds=0)
    sender.claim_on(bounded.llm)
    async with await psycopg.AsyncConnection.connect(postgres_url) as blocker:
        # Another process's claim, stuck before its COMMIT: its row is not even visible yet.
        await blocker.execute(
            "INSERT INTO briefing_claims(content_hash, holder, lease_until) VALUES (%s, 'stuck', 0)", (CONTENT,)
        )
        briefing = await asyncio.wait_for(sender.write(make_article(), CONTENT), BOUND)
        assert briefing.writer == "extractive" and openai_server.requests == []
        await blocker.rollback()
    (line,) = lock_lines(caplog)  # one line for the operator, no traceback
    assert "locked by another session" in line.getMessage() and line.exc_info is None

    # Once the blocker is gone, the next delivery asks the model, once.
    later = await asyncio.wait_for(sender.write(make_article(), CONTENT), BOUND)
    assert later.writer == "llm" and len(openai_server.requests) == 1
    await close(sender)


async def test_a_release_blocked_by_another_session_still_returns_the_written_briefing(
    process, postgres_url, openai_server, caplog
):
    main, bounded = process
    openai_server.responder = lambda body: GOOD
    openai_server.hold()
    sender = writer(main, openai_server)
    sender.claim_on(bounded.llm)
    async with await psycopg.AsyncConnection.connect(postgres_url) as blocker:
        writing = asyncio.ensure_future(sender.write(make_article(), CONTENT))
        try:
            await until(lambda: len(openai_server.requests) == 1, "the writer asks the model")
            await blocker.execute("SELECT * FROM briefing_claims WHERE content_hash = %s FOR UPDATE", (CONTENT,))
        finally:
            openai_server.release()
        briefing = await asyncio.wait_for(writing, BOUND)
        assert briefing.writer == "llm"
        await blocker.rollback()
    (line,) = lock_lines(caplog)
    assert "could not let go" in line.getMessage() and line.exc_info is None
    # The claim runs out with its lease; the briefing is cached, so no one asks the model again.
    again = await asyncio.wait_for(writer(main, openai_server, wait_seconds=0).write(make_article(), CONTENT), BOUND)
    assert again.writer == "llm" and len(openai_server.requests) == 1
    await close(sender)


async def test_a_running_bot_takes_briefing_claims_on_a_connection_with_a_lock_timeout(
    bot_api, feed_server, make_settings, tmp_path, postgres_url, openai_server
):
    model = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": openai_server.base_url, "OPENAI_MODEL": "fake"}
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, DATABASE_URL=postgres_url, **model) as bot:
        claims_db = bot.services.writer.claims.store.db
        assert claims_db is not bot.store.db
        assert (await claims_db.execute_fetchall("SHOW lock_timeout"))[0][0] == "2s"
        assert (await bot.store.db.execute_fetchall("SHOW lock_timeout"))[0][0] == "0"
