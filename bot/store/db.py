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
from collections.abc import AsyncIterator, Generator, Iterable, Sequence
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


class PgCursor:
    """A finished statement: every row already read, and how many rows it changed."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount

    async def fetchall(self) -> list[Row]:
        return self.rows

    async def fetchone(self) -> Row | None:
        return self.rows[0] if self.rows else None

    async def __aenter__(self) -> PgCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Statement:
    """What `PgConnection.execute` returns: await it, or use it with `async with`."""

    def __init__(self, run: Any) -> None:
        self._run = run

    def __await__(self) -> Generator[Any, None, PgCursor]:
        return self._run.__await__()

    async def __aenter__(self) -> PgCursor:
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
    async def connect(cls, url: str) -> PgConnection:
        # only installations on PostgreSQL need the driver loaded
        from bot.store.pg_link import PgLink

        return cls(PgLink(url, _pg_connect, await _pg_connect(url)))

    @property
    def conn(self) -> Any:
        """The psycopg connection in use now (it changes after a reconnection)."""
        return self.link.conn

    def execute(self, sql: str, params: Iterable[Any] = ()) -> _Statement:
        return _Statement(self._execute(sql, tuple(params)))

    async def _execute(self, sql: str, params: tuple[Any, ...]) -> PgCursor:
        async def run(conn: Any) -> PgCursor:
            # without parameters psycopg sends the text as it is, so nothing is translated
            cur = await conn.execute(pg_sql(sql), params) if params else await conn.execute(sql)
            rows = await cur.fetchall() if cur.description else []
            return PgCursor(rows, cur.rowcount)

        result: PgCursor = await self.link.run(sql, run, PgCursor([], 0))
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


async def _pg_connect(url: str) -> Any:
    import psycopg

    extra = connection_defaults(url)
    return await psycopg.AsyncConnection.connect(url, autocommit=True, row_factory=_row_factory, **extra)


def connection_defaults(url: str) -> dict[str, Any]:
    """The libpq parameters the bot adds to a connection: those the URL does not set itself
    (keyword arguments would override the URL's, so they are left out)."""
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(url)
    wanted: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, **KEEPALIVES}
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
    return tuple(errors)


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
