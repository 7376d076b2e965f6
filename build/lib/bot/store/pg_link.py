"""One PostgreSQL connection kept usable across a server restart or a dropped connection.

A process holds one connection per `Store` for its whole life, so when PostgreSQL restarts, an
administrator ends the backend or a network device drops the socket, the process must replace it
rather than fail every statement from then on. `PgLink` sits under `bot.store.db.PgConnection`
and runs each statement on a live connection:

- Before a statement is sent, an idle connection the server has closed is noticed without a
  round trip (the server's goodbye is already waiting on the socket), so the statement goes on
  a new connection: nothing was sent on the old one.
- While the server is away, statements fail at once with `DatabaseAway` (an OperationalError,
  so every caller that copes with a failing database copes with this); a new connection is
  tried again after a backoff that doubles up to `RECONNECT_MAX_DELAY`. The loss and the
  return are one log line each.
- A transaction dies with its connection: the server rolls it back. Until its owner's ROLLBACK
  arrives (which is then not sent anywhere), every statement fails with `TransactionLost`, so
  the rest of a cut unit of work can never land, half of it, on the new connection.

A statement cut while in flight is not sent again: whether it took effect is unknown, so it
fails, and the caller's retry (the next tick, the user's next command) decides.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import select
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import psycopg
from psycopg import pq

log = logging.getLogger(__name__)
T = TypeVar("T")

RECONNECT_FIRST_DELAY = 0.25  # seconds before the second attempt; doubled after each failure
RECONNECT_MAX_DELAY = 5.0  # so a server that is back is noticed within seconds

_OPENS = re.compile(r"\s*(BEGIN|START\s+TRANSACTION)\b", re.IGNORECASE)
_CLOSES = re.compile(r"\s*(COMMIT|END|ROLLBACK|ABORT)\s*;?\s*$", re.IGNORECASE)
_ROLLBACK = re.compile(r"\s*(ROLLBACK|ABORT)\b", re.IGNORECASE)


class DatabaseAway(psycopg.OperationalError):
    """PostgreSQL cannot be reached now; the statement was not sent."""


class TransactionLost(psycopg.OperationalError):
    """The connection went while a transaction was open: the server rolled all of it back."""


class PgLink:
    """The live connection under a `PgConnection`, replaced when it is found lost."""

    def __init__(self, url: str, connect: Callable[[str], Awaitable[Any]], conn: Any) -> None:
        self.url = url
        self._connect = connect
        self.conn = conn
        self._lock = asyncio.Lock()  # one statement at a time, so the liveness check sees an idle socket
        self._in_transaction = False
        self._transaction_lost = False
        self._lost_at: float | None = None  # monotonic time the loss was noticed; None while connected
        self._attempts = 0
        self._next_attempt = 0.0
        self._closed = False

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    @property
    def connected(self) -> bool:
        return self._lost_at is None

    async def run(self, sql: str, action: Callable[[Any], Awaitable[T]], skipped: T, *, track: bool = True) -> T:
        """`action(connection)` for the statement `sql` on a live connection; `skipped` when the
        statement is a ROLLBACK of a transaction the server already rolled back. `track=False`
        for scripts, whose BEGIN and COMMIT are their own business."""
        async with self._lock:
            conn = await self._usable(sql if track else "")
            if conn is None:
                return skipped
            try:
                result = await action(conn)
            except psycopg.OperationalError as error:
                if conn.closed:  # the connection died under this statement, not just the statement
                    self._lose(error)
                raise
            finally:
                if track:
                    self._track(sql)
            return result

    async def close(self) -> None:
        self._closed = True  # closed on purpose: never reopened behind the caller's back
        await self.conn.close()

    # ------------------------------------------------ before a statement
    async def _usable(self, sql: str) -> Any | None:
        """The connection to run `sql` on; None when there is nothing to run (see `run`)."""
        if self._closed:
            raise psycopg.OperationalError("the connection to PostgreSQL is closed")
        if not self._transaction_lost and self._found_dead():
            self._lose(None)
        if self._transaction_lost:
            self._after_lost_transaction(sql)
            return None  # the rollback the caller asks for has happened on the server
        if self._lost_at is not None:
            await self._reconnect()
        return self.conn

    def _after_lost_transaction(self, sql: str) -> None:
        """Fail every statement of a transaction that died with its connection, but its ROLLBACK."""
        if not _CLOSES.match(sql):
            raise TransactionLost(
                "the connection to PostgreSQL was lost inside a transaction; the server rolled it back"
            )
        self._transaction_lost = False
        self._in_transaction = False
        if not _ROLLBACK.match(sql):
            raise TransactionLost("the connection to PostgreSQL was lost before COMMIT; nothing was committed")

    def _found_dead(self) -> bool:
        """Whether the server has closed this (idle) connection: a restart, pg_terminate_backend or
        an idle timeout leave their goodbye on the socket, read here without sending anything."""
        conn = self.conn
        if conn.closed:
            return True
        pgconn = conn.pgconn
        try:
            waiting = select.poll()  # not select.select: a busy process's descriptors pass 1024
            waiting.register(pgconn.socket, select.POLLIN)
            for _ in range(3):  # a goodbye, then the end of the stream
                if not waiting.poll(0):
                    break
                pgconn.consume_input()
        except (OSError, psycopg.OperationalError):
            return True
        return bool(pgconn.status != pq.ConnStatus.OK)

    def _lose(self, error: BaseException | None) -> None:
        if self._in_transaction:
            self._transaction_lost = True
        if self._lost_at is not None:
            return
        self._lost_at = time.monotonic()
        self._attempts = 0
        self._next_attempt = 0.0
        reason = _first_line(error) if error else "the server closed it"
        log.warning(
            "lost the connection to PostgreSQL (%s); reconnecting with backoff up to %.0f s, statements fail meanwhile",
            reason,
            RECONNECT_MAX_DELAY,
        )

    async def _reconnect(self) -> None:
        now = time.monotonic()
        if now < self._next_attempt:
            raise DatabaseAway(f"PostgreSQL is unreachable; the next attempt is in {self._next_attempt - now:.1f} s")
        self._attempts += 1
        try:
            conn = await self._connect(self.url)
        except psycopg.OperationalError as error:
            delay = min(RECONNECT_MAX_DELAY, RECONNECT_FIRST_DELAY * 2 ** (self._attempts - 1))
            self._next_attempt = now + delay
            log.debug("reconnecting to PostgreSQL failed (%s); next attempt in %.1f s", _first_line(error), delay)
            raise DatabaseAway(f"PostgreSQL is unreachable ({_first_line(error)})") from error
        with contextlib.suppress(Exception):
            await self.conn.close()
        self.conn = conn
        away = now - (self._lost_at or now)
        log.warning("reconnected to PostgreSQL after %.1f s (%d attempts)", away, self._attempts)
        self._lost_at = None

    # ------------------------------------------------ after a statement
    def _track(self, sql: str) -> None:
        if _CLOSES.match(sql):  # the transaction has ended, whether or not its connection survived
            self._in_transaction = False
            self._transaction_lost = False
        elif _OPENS.match(sql) and not self.conn.closed:
            self._in_transaction = True


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
