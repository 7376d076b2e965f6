"""A SQLite connection whose statements run whole: executed and read to the end in one step.

aiosqlite runs `execute` and the cursor's `fetchall` as two steps on its thread, and every
coroutine of the process shares the connection, so another coroutine's statement can run
between them. While a SELECT is stepped but not read to the end, the connection holds a read
transaction; a write run then has to upgrade it, and SQLite refuses that upgrade at once with
"database is locked" instead of waiting `busy_timeout` when another connection (the sender's,
another process's) holds the write lock or has committed since the read began. Read whole,
no statement stays open between steps, so each write starts afresh and waits its turn.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.db import FinishedCursor, Statement

ITER_CHUNK_SIZE = 64  # aiosqlite's default, for the cursors our own methods don't replace


class SqliteConnection(aiosqlite.Connection):
    """aiosqlite's connection, with `execute` finishing its statement before it returns."""

    def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> Statement:  # type: ignore[override]
        """Await it, or use it with `async with`; the cursor holds every row already read."""
        return Statement(self._execute(self._run_whole, sql, tuple(parameters or ())))

    def _run_whole(self, sql: str, parameters: tuple[Any, ...]) -> FinishedCursor:
        """On the connection's thread: the statement run and its rows read, so it is reset."""
        cursor = self._conn.execute(sql, parameters)
        try:
            rows = cursor.fetchall()
            return FinishedCursor(rows, cursor.rowcount)
        finally:
            cursor.close()


def connect(path: str | Path) -> SqliteConnection:
    """A connection in autocommit mode (transactions are opened by our own BEGIN); await it."""

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(str(path), isolation_level=None)

    return SqliteConnection(connector, ITER_CHUNK_SIZE)
