"""What a session of ours may wait for, and how long it may sit inside a transaction.

Read off real PostgreSQL sessions: the settings the server applies (SHOW), the option the kernel
was given for the socket, a lock that another session holds, and a session the server ends.
The sender's connections give up on a locked row after `lock_timeout`; every session of a
process is ended by the server when it idles inside a transaction; a DATABASE_URL's own values
win over ours. Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import socket
import time
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import psycopg
import pytest

from bot.store import Store
from bot.store.db import (
    IDLE_IN_TRANSACTION,
    SENDER_LOCK_TIMEOUT,
    SENDER_SESSION,
    TCP_USER_TIMEOUT_MS,
    TRANSFER_SESSION,
    storage_errors,
)
from tests.fakes.pg_outage import end_backend

LEASE = "sender"


async def migrated(postgres_url: str) -> None:
    """The test's schema migrated by a process's own connection, on the test's plain URL.

    Migrating takes an advisory lock that every schema on the server shares: under a URL's
    short lock_timeout, or its short idle-in-transaction bound, it failed whenever another
    test's bot was migrating meanwhile, or the machine paused the test between two statements."""
    async with await Store.open(postgres_url):
        pass


async def sender_store(url: str, postgres_url: str) -> Store:
    """A sender's connection as the bot opens one: on a schema already migrated."""
    await migrated(postgres_url)
    return await Store.open(url, session=SENDER_SESSION, migrate_first=False)


def with_options(url: str, *settings: str, **parameters: object) -> str:
    """The URL with `-c name=value` server settings added to its `options`, and libpq parameters."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["options"] = " ".join([query.get("options", ""), *(f"-c{setting}" for setting in settings)]).strip()
    query.update({name: str(value) for name, value in parameters.items()})
    return parts._replace(query=urlencode(query, quote_via=quote)).geturl()  # libpq reads no "+" as a space


async def shown(store: Store, name: str) -> str:
    rows = await store.db.execute_fetchall(f"SHOW {name}")
    return str(rows[0][0])


def socket_user_timeout(store: Store) -> int:
    with socket.socket(fileno=socket.dup(store.db.conn.pgconn.socket)) as sock:
        return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT)


def as_postgres_shows(value: str) -> str:
    """ "60s" as SHOW prints it ("1min")."""
    seconds = int(value.removesuffix("s"))
    return f"{seconds // 60}min" if seconds % 60 == 0 else value


async def test_a_process_session_is_bounded_idle_in_a_transaction_but_waits_for_locks(postgres_url):
    async with await Store.open(postgres_url) as store:
        assert await shown(store, "idle_in_transaction_session_timeout") == as_postgres_shows(IDLE_IN_TRANSACTION)
        assert await shown(store, "lock_timeout") == "0"  # its migrations wait for another process's
        assert socket_user_timeout(store) == TCP_USER_TIMEOUT_MS


async def test_the_senders_sessions_give_up_on_locks_again_after_a_reconnection(postgres_url):
    async with await sender_store(postgres_url, postgres_url) as sender:
        assert await shown(sender, "lock_timeout") == SENDER_LOCK_TIMEOUT
        ended = await end_backend(sender)
        await sender.leases.holder(LEASE)  # on a new connection
        assert sender.db.conn.info.backend_pid != ended
        assert await shown(sender, "lock_timeout") == SENDER_LOCK_TIMEOUT
        assert await shown(sender, "idle_in_transaction_session_timeout") == as_postgres_shows(IDLE_IN_TRANSACTION)
        assert socket_user_timeout(sender) == TCP_USER_TIMEOUT_MS


async def test_migrate_db_sessions_may_idle_inside_their_long_transactions(postgres_url):
    async with await Store.open(postgres_url, session=TRANSFER_SESSION) as store:
        assert await shown(store, "idle_in_transaction_session_timeout") == "0"


async def test_the_urls_own_values_win(postgres_url):
    url = with_options(
        postgres_url, "lock_timeout=7s", "idle_in_transaction_session_timeout=5min", tcp_user_timeout=12345
    )
    async with await sender_store(url, postgres_url) as sender:
        assert await shown(sender, "lock_timeout") == "7s"
        assert await shown(sender, "idle_in_transaction_session_timeout") == "5min"
        assert await shown(sender, "search_path") != "public"  # the URL's other options are kept
        assert socket_user_timeout(sender) == 12345


async def test_a_sender_take_blocked_by_a_raw_session_gives_up_within_bounds(postgres_url):
    async with (
        await Store.open(postgres_url) as store,
        await Store.open(postgres_url, session=SENDER_SESSION, migrate_first=False) as sender,
    ):
        await store.leases.take(LEASE, "other", 60)
        async with await psycopg.AsyncConnection.connect(postgres_url) as blocker:
            await blocker.execute("SELECT * FROM leases WHERE name = %s FOR UPDATE", (LEASE,))  # opens a transaction
            started = time.monotonic()
            with pytest.raises(psycopg.errors.LockNotAvailable):
                await asyncio.wait_for(sender.leases.take(LEASE, "me", 60), timeout=30)
            assert time.monotonic() - started < 15
            assert await sender.leases.holder(LEASE) == "other"  # plain reads never wait for row locks
            await blocker.rollback()
        assert await sender.leases.take(LEASE, "other", 60) is not None  # the next try goes through at once


async def test_a_session_of_ours_idle_in_a_transaction_is_ended_and_its_locks_go_with_it(postgres_url):
    url = with_options(postgres_url, "idle_in_transaction_session_timeout=1s")
    await migrated(postgres_url)
    async with (
        await Store.open(url) as stuck,
        await Store.open(url, session=SENDER_SESSION, migrate_first=False) as sender,
    ):
        # The server's own goodbye (IdleInTransactionSessionTimeout), or TransactionLost when the
        # connection is found closed before the statement is sent: what callers take for a failing
        # database either way, and the unit rolls back.
        with pytest.raises(storage_errors()):
            async with stuck.unit_of_work():
                assert await stuck.leases.take(LEASE, "stuck", 60) is not None  # the row is locked ...
                taken = await keep_taking(sender, LEASE, "sender", within=30)  # ... until the server ends it
                assert taken is not None
                await stuck.leases.holder(LEASE)  # the hung process wakes up: its transaction is gone
        assert await stuck.leases.holder(LEASE) == "sender"  # nothing of the stuck transaction stayed
        assert await stuck.db.execute_fetchall("SELECT 1") == [(1,)]  # and the process carries on


async def keep_taking(store: Store, name: str, holder: str, within: float) -> float | None:
    """Take the lease as each sending round would, until a take is not blocked any more."""
    deadline = time.monotonic() + within
    while True:
        try:
            return await store.leases.take(name, holder, 60)
        except psycopg.errors.LockNotAvailable:
            if time.monotonic() > deadline:
                raise
