"""A store on PostgreSQL carries on after its connection is lost, and never half-applies a unit of work.

Against the real server: the store's own backend is ended with pg_terminate_backend (what a
server restart does to every backend), or the store reaches the server through a relay that
stages an outage (tests/fakes/pg_outage.py). Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import time

import psycopg
import pytest

from bot.store import Store
from bot.store.pg_link import RECONNECT_MAX_DELAY
from tests.fakes.pg_outage import end_backend

LOSS = "lost the connection to PostgreSQL"
RETURN = "reconnected to PostgreSQL"


async def chats_stored(store: Store, *ids: int) -> list[int]:
    marks = ", ".join("?" for _ in ids)
    rows = await store.db.execute_fetchall(f"SELECT id FROM chats WHERE id IN ({marks}) ORDER BY id", ids)
    return [row[0] for row in rows]


def lines(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


async def until_answers(store: Store, seconds: float) -> int:
    """Ask until a statement succeeds; how many failed first."""
    deadline = time.monotonic() + seconds
    failures = 0
    while True:
        try:
            await store.chats.ensure(1)
            return failures
        except psycopg.OperationalError:
            failures += 1
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


async def test_a_statement_after_the_backend_was_ended_goes_on_a_new_connection(postgres_url, caplog):
    caplog.set_level(logging.INFO, logger="bot.store.pg_link")
    async with await Store.open(postgres_url) as store:
        await store.chats.ensure(11)
        ended = await end_backend(store)

        await store.chats.ensure(12)  # not an error: the dead connection is seen before sending

        assert store.db.conn.info.backend_pid != ended
        assert await chats_stored(store, 11, 12) == [11, 12]
        assert len(lines(caplog, LOSS)) == 1 and len(lines(caplog, RETURN)) == 1


async def test_a_unit_of_work_cut_by_the_drop_leaves_nothing_behind(postgres_url):
    async with await Store.open(postgres_url) as store:
        with pytest.raises(psycopg.OperationalError, match="inside a transaction"):
            async with store.unit_of_work():
                await store.chats.ensure(21)
                await end_backend(store)
                await store.chats.ensure(22)  # would land alone, committed, on a new connection

        assert await chats_stored(store, 21, 22) == []  # the server rolled 21 back; 22 never ran
        async with store.unit_of_work():  # the retry applies the whole unit
            await store.chats.ensure(21)
            await store.chats.ensure(22)
        assert await chats_stored(store, 21, 22) == [21, 22]


async def test_a_drop_noticed_by_another_coroutine_still_fails_the_rest_of_the_unit(postgres_url):
    async with await Store.open(postgres_url) as store:
        with pytest.raises(psycopg.OperationalError):
            async with store.unit_of_work():
                await store.chats.ensure(31)
                await end_backend(store)
                # the heartbeat, say, runs a statement first and finds the connection gone
                with pytest.raises(psycopg.OperationalError):
                    await asyncio.create_task(store.chats.ensure(39))
                await store.chats.ensure(32)

        assert await chats_stored(store, 31, 32, 39) == []
        await store.chats.ensure(39)  # after the unit's rollback, everyone carries on
        assert await chats_stored(store, 31, 32, 39) == [39]


async def test_while_the_server_is_away_statements_fail_and_it_is_found_again_when_back(postgres_relay, caplog):
    caplog.set_level(logging.DEBUG, logger="bot.store.pg_link")
    async with await Store.open(postgres_relay.url) as store:
        await store.chats.ensure(41)
        postgres_relay.go_away()

        for _ in range(5):  # each fails at once, with the database's own kind of error
            with pytest.raises(psycopg.OperationalError):
                await store.chats.ensure(42)
        postgres_relay.come_back()
        await until_answers(store, 3 * RECONNECT_MAX_DELAY)

        assert await chats_stored(store, 41, 42) == [41]
        assert len(lines(caplog, LOSS)) == 1  # one line for the operator, however many statements failed
        assert len(lines(caplog, RETURN)) == 1


async def test_a_statement_cut_in_flight_fails_and_is_not_sent_again(postgres_relay, caplog):
    caplog.set_level(logging.INFO, logger="bot.store.pg_link")
    async with await Store.open(postgres_relay.url) as store:
        await store.chats.ensure(51)
        accepted = postgres_relay.connections
        slow_insert = "INSERT INTO chats(id, kind, created_at) SELECT 52, 'private', 0 FROM pg_sleep(2)"
        running = asyncio.create_task(store.db.execute_fetchall(slow_insert))
        await asyncio.sleep(0.3)  # the statement is at the server
        postgres_relay.cut()
        with pytest.raises(psycopg.OperationalError):
            await running

        await store.chats.ensure(53)
        assert await chats_stored(store, 51, 52, 53) == [51, 53]  # the cut statement did not happen
        assert postgres_relay.connections == accepted + 1  # one new connection, and no resend on it
        assert len(lines(caplog, LOSS)) == 1


async def test_a_store_closed_on_purpose_stays_closed(postgres_url):
    store = await Store.open(postgres_url)
    await store.close()
    with pytest.raises(psycopg.OperationalError):
        await store.chats.ensure(61)


async def test_a_connection_opened_past_descriptor_1024_is_checked_too(postgres_url):
    """A busy process (a thousand feeds' sockets) may get its database connection on a high descriptor."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("this machine allows too few open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    filler = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        async with await Store.open(postgres_url) as store:
            assert store.db.conn.pgconn.socket > 1024
            await store.chats.ensure(71)
            await end_backend(store)
            await store.chats.ensure(72)
            assert await chats_stored(store, 71, 72) == [71, 72]
    finally:
        for fd in filler:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
