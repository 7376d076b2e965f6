"""The two database backends behind one connection surface.

SQLite is reached through aiosqlite, whose connection the entity stores use as
it is. PostgreSQL is reached through psycopg 3, wrapped by `PgConnection` so it
answers the same few calls the stores make (`execute` as an awaitable or an
`async with` cursor, `execute_fetchall`, `executemany`), with SQLite's `?`
placeholders translated. Statements that differ between the two live side by
side in the entity module and are chosen with `is_postgres(db)`.

Both connections run in autocommit mode: each statement stands alone unless a
caller opens a transaction (`Store.unit_of_work`, `savepoint`).
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import AsyncIterator, Generator, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_SECONDS = 5  # a connection attempt to a host that does not answer fails in seconds
# TCP keepalives on every PostgreSQL connection. A server whose host vanished (power cut, a
# network device dropping the path) sends no FIN or RST, so an idle connection, or one waiting
# for a reply, is believed alive until a keepalive probe goes unanswered; libpq leaves their
# timing to the kernel, whose first probe comes after two hours idle, and the process's next
# statement hangs that long. With these, the kernel notices a silent peer
# about a minute after it last heard from it (30 s idle, then 3 probes 10 s apart), the
# socket fails, and bot.store.pg_link replaces the connection. A DATABASE_URL that sets any
# of them keeps its own value.
KEEPALIVES: dict[str, int] = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}
# Keepalives only probe an idle socket. A statement whose packets the server never acknowledges
# (its host gone mid-write) is retransmitted by the kernel for about a quarter of an hour before
# the socket fails; with this libpq option it fails once data has gone unacknowledged for a
# minute, the same bound the keepalives give an idle connection (Linux lets it cut keepalive
# probing short too, so it is no shorter than their 30 s + 3 x 10 s). The URL's own value wins.
TCP_USER_TIMEOUT_MS = 60_000

# Server settings our sessions start with (bot.store.pg_link reapplies them on a new connection).
# A value the connection's URL (or PGOPTIONS), its role or its database sets wins: see `_bound`.
#
# lock_timeout, on the sender's own connections only: its lease take, delivery claims and the
# briefing writer's claims (bot.llm.claims) are single statements on rows other sessions rarely
# hold for more than a commit, but a session stuck inside a transaction (a hung process, a
# debugger, a partitioned client whose session the server keeps) would hold them up without end,
# and with them every delivery. 2 s is far beyond a commit on a loaded server and well under the
# sender lease's renewal period (a third of SENDER_LEASE_SECONDS, 5 s by default), so a blocked
# take or claim gives up, and is tried again next round, long before the lease it protects matters.
# Not on a process's main connection: its migrations wait for another process's on purpose, and its
# feed claims skip locked rows anyway.
SENDER_LOCK_TIMEOUT = "2s"
# idle_in_transaction_session_timeout: the server ends a session of ours that sits inside a
# transaction without sending anything for a minute, so its locks go with it. Our units of work
# send their statements back to back (the poller's batches, a feed added, a filter set); the
# only pauses are the event loop's, seconds at worst on a loaded machine. migrate-db is left
# out: its snapshot of the source waits while the target writes, as long as the largest table takes.
IDLE_IN_TRANSACTION = "60s"

PROCESS_SESSION: dict[str, str] = {"idle_in_transaction_session_timeout": IDLE_IN_TRANSACTION}
SENDER_SESSION: dict[str, str] = {**PROCESS_SESSION, "lock_timeout": SENDER_LOCK_TIMEOUT}
TRANSFER_SESSION: dict[str, str] = {}
# Where a setting comes from when the connection's startup options (the URL's `options`,
# PGOPTIONS), ALTER ROLE or ALTER DATABASE set it: those are the operator's, and ours stay out.
_OPERATOR_SOURCES = ("client", "user", "database", "database user")


class Row(tuple):
    """A result row read by position or by column name, like aiosqlite.Row."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: n for n, name in enumerate(names)}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._index = index
        return row

    return make


@functools.lru_cache(maxsize=1024)
def pg_sql(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s`; a literal `%` doubled. Quoted text is kept."""
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append("%%" if char == "%" else char)
    return "".join(out)


class FinishedCursor:
    """A finished statement: every row already read, and how many rows it changed (either backend)."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount

    async def fetchall(self) -> list[Row]:
        return self.rows

    async def fetchone(self) -> Row | None:
        return self.rows[0] if self.rows else None

    async def __aenter__(self) -> FinishedCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class Statement:
    """What `execute` returns on either backend: await it, or use it with `async with`."""

    def __init__(self, run: Any) -> None:
        self._run = run

    def __await__(self) -> Generator[Any, None, FinishedCursor]:
        return self._run.__await__()

    async def __aenter__(self) -> FinishedCursor:
        return await self._run

    async def __aexit__(self, *exc: object) -> None:
        return None


class PgConnection:
    """One psycopg connection with the calls the entity stores make on aiosqlite's.

    Every statement goes through a `PgLink` (bot.store.pg_link), which replaces the connection
    when PostgreSQL restarts or drops it, so a long-running process carries on after an outage."""

    def __init__(self, link: Any) -> None:
        self.link = link

    @classmethod
    async def connect(cls, url: str, session: Mapping[str, str] = PROCESS_SESSION) -> PgConnection:
        """A connection whose server session starts with `session`'s settings (see SENDER_SESSION)."""
        # only installations on PostgreSQL need the driver loaded
        from bot.store.pg_link import PgLink

        connect = functools.partial(_pg_connect, session=dict(session))
        return cls(PgLink(url, connect, await connect(url)))

    @property
    def conn(self) -> Any:
        """The psycopg connection in use now (it changes after a reconnection)."""
        return self.link.conn

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Statement:
        return Statement(self._execute(sql, tuple(params)))

    async def _execute(self, sql: str, params: tuple[Any, ...]) -> FinishedCursor:
        async def run(conn: Any) -> FinishedCursor:
            # without parameters psycopg sends the text as it is, so nothing is translated
            cur = await conn.execute(pg_sql(sql), params) if params else await conn.execute(sql)
            rows = await cur.fetchall() if cur.description else []
            return FinishedCursor(rows, cur.rowcount)

        result: FinishedCursor = await self.link.run(sql, run, FinishedCursor([], 0))
        return result

    async def execute_fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return (await self._execute(sql, tuple(params))).rows

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        batch = [tuple(row) for row in rows]
        if not batch:
            return

        async def run(conn: Any) -> None:
            async with conn.cursor() as cur:
                await cur.executemany(pg_sql(sql), batch)

        await self.link.run(sql, run, None)

    async def executescript(self, script: str) -> None:
        """Several statements without parameters, sent as they are (their BEGIN/COMMIT their own)."""

        async def run(conn: Any) -> None:
            await conn.execute(script)

        await self.link.run(script, run, None, track=False)

    @property
    def in_transaction(self) -> bool:
        return bool(self.link.in_transaction)

    async def close(self) -> None:
        await self.link.close()


async def _pg_connect(url: str, session: Mapping[str, str] = PROCESS_SESSION) -> Any:
    import psycopg

    extra = connection_defaults(url)
    conn = await psycopg.AsyncConnection.connect(url, autocommit=True, row_factory=_row_factory, **extra)
    try:
        await _bound(conn, session)
    except BaseException:
        await conn.close()
        raise
    return conn


async def _bound(conn: Any, session: Mapping[str, str]) -> None:
    """Set `session`'s server settings for this session, but those the operator set (the URL's
    options, the role's or the database's): one round trip, at connect time. Not as startup
    options of our own: they would replace the URL's `options` whole, and a pooler may refuse them."""
    if not session:
        return
    await conn.execute(
        """SELECT set_config(s.name, wanted.value, false)
           FROM unnest(%s::text[], %s::text[]) AS wanted(name, value) JOIN pg_settings s ON s.name = wanted.name
           WHERE s.source <> ALL(%s::text[])""",
        (list(session), list(session.values()), list(_OPERATOR_SOURCES)),
    )


def connection_defaults(url: str) -> dict[str, Any]:
    """The libpq parameters the bot adds to a connection: those the URL does not set itself
    (keyword arguments would override the URL's, so they are left out)."""
    from psycopg import pq
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(url)
    wanted: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, **KEEPALIVES}
    if pq.version() >= 120000:  # an older libpq (a system one, not the wheel's) refuses the name
        wanted["tcp_user_timeout"] = TCP_USER_TIMEOUT_MS
    return {name: value for name, value in wanted.items() if name not in given}


async def execute_many(db: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """One statement over many rows, its cursor closed before returning.

    aiosqlite's `executemany` hands back an open cursor; left to the garbage collector it is
    finalised on whichever thread runs then, and with writes running side by side that broke
    the next `executemany` of the same statement ("bad parameter or other API misuse")."""
    batch = [tuple(row) for row in rows]
    if not batch:
        return
    if is_postgres(db):
        await db.executemany(sql, batch)
        return
    async with db.executemany(sql, batch):
        pass


def storage_errors() -> tuple[type[Exception], ...]:
    """What a failing database raises on either backend (locked, full, read-only, a server gone):
    callers that can retry later catch these and leave stored data as it was."""
    errors: list[type[Exception]] = [sqlite3.OperationalError]
    with contextlib.suppress(ImportError):
        import psycopg

        errors.append(psycopg.OperationalError)
        # The server ended a session of ours that sat idle inside a transaction (IDLE_IN_TRANSACTION):
        # the transaction is gone like a lost connection's, though psycopg files the error elsewhere.
        errors.append(psycopg.errors.IdleInTransactionSessionTimeout)
    return tuple(errors)


def lock_timeouts() -> tuple[type[Exception], ...]:
    """What PostgreSQL raises when a statement gave up waiting `lock_timeout` for a row (or table)
    another session holds locked: nothing was changed, and the same statement may succeed later."""
    with contextlib.suppress(ImportError):
        import psycopg

        return (psycopg.errors.LockNotAvailable,)
    return ()


def first_line(error: BaseException) -> str:
    """An error's message for a one-line log (PostgreSQL's add CONTEXT lines)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def key_conflicts() -> tuple[type[Exception], ...]:
    """What either backend raises when a write would break a unique key."""
    errors: list[type[Exception]] = [sqlite3.IntegrityError]
    with contextlib.suppress(ImportError):
        import psycopg

        errors.append(psycopg.errors.UniqueViolation)
    return tuple(errors)


def is_driver_error(error: BaseException) -> bool:
    """An error raised by the PostgreSQL driver (a server away, a refused login, bad SQL)."""
    return type(error).__module__.startswith("psycopg")


def is_postgres(db: object) -> bool:
    return isinstance(db, PgConnection)


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def sqlite_path(target: str) -> str:
    """The file of a `sqlite:///path` URL (a bare path is taken as it is)."""
    return target.removeprefix("sqlite:///")


def redacted(url: str) -> str:
    """The URL without its password, for logs and messages."""
    if not is_postgres_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{parts.username}:***@{host}{port}").geturl()


@contextlib.asynccontextmanager
async def savepoint(db: Any, name: str) -> AsyncIterator[None]:
    """Run a group of statements atomically, inside a caller's transaction or on their own.

    SQLite opens a transaction for a savepoint taken outside one; PostgreSQL
    refuses savepoints there, so it gets a transaction of its own instead.
    """
    own = is_postgres(db) and not db.in_transaction
    await db.execute("BEGIN" if own else f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        await db.execute("ROLLBACK" if own else f"ROLLBACK TO {name}")
        if not own:
            await db.execute(f"RELEASE {name}")
        raise
    await db.execute("COMMIT" if own else f"RELEASE {name}")
