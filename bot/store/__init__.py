"""The store: SQLite through aiosqlite, or PostgreSQL through psycopg; SQL kept in one module per entity.

`Store` bundles one connection and the per-entity stores; stages receive it
and never write SQL of their own. `bot.store.db` holds what differs between the
two backends' connections.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store import sqlite_link
from bot.store.articles import ArticleStore
from bot.store.awaiting import AwaitingMatchStore
from bot.store.chat_feeds import ChatFeedStore
from bot.store.chats import ChatStore
from bot.store.db import PROCESS_SESSION, PgConnection, is_postgres, is_postgres_url, sqlite_path
from bot.store.deliveries import DeliveryStore
from bot.store.feeds import FeedStore
from bot.store.filters import FilterStore
from bot.store.leases import LeaseStore
from bot.store.llm import LLMStore
from bot.store.migrations import migrate
from bot.store.processes import ProcessStore
from bot.store.quotes import QuoteStore
from bot.store.rate_windows import RateWindowStore
from bot.store.speakers import SpeakerStore
from bot.store.topics import TopicStore


class Store:
    """One database and the entity stores that share its connection."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.feeds = FeedStore(db)
        self.articles = ArticleStore(db)
        self.awaiting = AwaitingMatchStore(db)
        self.topics = TopicStore(db)
        self.chats = ChatStore(db)
        self.chat_feeds = ChatFeedStore(db)
        self.filters = FilterStore(db)
        self.deliveries = DeliveryStore(db)
        self.quotes = QuoteStore(db)
        self.speakers = SpeakerStore(db)
        self.llm = LLMStore(db)
        self.leases = LeaseStore(db)
        self.processes = ProcessStore(db)
        self.rate_windows = RateWindowStore(db)
        self._unit_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[None]:
        """One transaction for a group of writes that belong together.

        The connection is shared by every coroutine, so units are taken one at a
        time; a single statement elsewhere may still land inside a unit, which is
        harmless as long as units only roll back on errors of their own.
        """
        async with self._unit_lock:
            await self.db.execute("BEGIN" if self.postgres else "BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    @property
    def postgres(self) -> bool:
        return is_postgres(self.db)

    @classmethod
    async def open(
        cls, target: str | Path, *, session: Mapping[str, str] = PROCESS_SESSION, migrate_first: bool = True
    ) -> Store:
        """Open and migrate a database: a `postgresql://` URL, or a SQLite `sqlite:///path`
        or plain path (the file is created if needed).

        On PostgreSQL `session` holds the server settings the connection starts with
        (bot.store.db: a process's, the sender's, migrate-db's). `migrate_first=False` for a second
        connection of a process whose first has migrated the database already."""
        if is_postgres_url(target):
            return await cls._open_postgres(str(target), session, migrate_first)
        path = sqlite_path(str(target))
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await sqlite_link.connect(path)  # each statement run whole: see bot.store.sqlite_link
        db.row_factory = aiosqlite.Row
        try:
            # WAL lets readers (commands) run while the poller writes.
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA busy_timeout=5000")
            await db.execute("PRAGMA synchronous=NORMAL")
            if migrate_first:
                await migrate(db)
        except BaseException:
            await db.close()  # a damaged file: its connection's thread would keep the process alive
            raise
        return cls(db)

    @classmethod
    async def _open_postgres(cls, url: str, session: Mapping[str, str], migrate_first: bool) -> Store:
        db = await PgConnection.connect(url, session)
        if not migrate_first:
            return cls(db)
        try:
            await migrate(db)
        except BaseException:
            await db.close()
            raise
        return cls(db)

    async def close(self) -> None:
        await self.db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
