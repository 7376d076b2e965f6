"""SQL for chats' own feeds: one feeds row per URL, linked to chats by chat_feeds.

A chat knows its feeds by a small number (1, 2, 3 ...) that stays put while
others are removed. Removing the last link retires a chat-added feed from
polling (a trigger, so /stop does it too); its stored articles stay.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import aiosqlite

from bot.store.db import is_postgres

RETIRED = "retired: no chat follows it"


@dataclass(slots=True, frozen=True)
class ChatFeed:
    number: int
    feed_id: str
    name: str
    url: str
    origin: str  # "catalogue" | "chat"
    last_success_at: float | None
    last_error: str | None
    error_count: int
    disabled_reason: str | None


@dataclass(slots=True, frozen=True)
class KnownFeed:
    """A feeds row found by URL; `usable` when it is polled and its last check worked."""

    id: str
    name: str
    url: str
    usable: bool


class ChatFeedStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def find_by_url(self, *urls: str) -> KnownFeed | None:
        """The feeds row for any of `urls` (catalogue rows first)."""
        if not urls:
            return None
        marks = ",".join("?" * len(urls))
        async with self.db.execute(
            f"""SELECT id, name, url, disabled_reason IS NULL AND error_count = 0 AS usable
                FROM feeds WHERE url IN ({marks}) ORDER BY origin = 'chat', created_at LIMIT 1""",
            urls,
        ) as cur:
            row = await cur.fetchone()
        return KnownFeed(row[0], row[1], row[2], bool(row[3])) if row else None

    async def add_chat_feed(self, feed_id: str, name: str, url: str) -> None:
        """Create a chat-added feed row, due at once; a retired one with this id is revived."""
        now = time.time()
        await self.db.execute(
            """INSERT INTO feeds(id, name, url, origin, created_at, next_check_at) VALUES (?, ?, ?, 'chat', ?, 0)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name, url = excluded.url""",
            (feed_id, name, url, now),
        )

    async def revive(self, feed_id: str) -> None:
        """A feed that was just fetched and read fine: polled again, its failures forgotten."""
        await self.db.execute(
            """UPDATE feeds SET disabled_reason = NULL, error_count = 0, last_error = NULL,
                 last_success_at = ?, next_check_at = CASE WHEN next_check_at < ? THEN next_check_at ELSE ? END
               WHERE id = ?""",
            (time.time(), time.time(), time.time(), feed_id),
        )

    async def hold_numbers(self, chat_id: int) -> None:
        """Inside a unit of work: another process's unit that adds to this chat's feeds waits until
        this one ends, so both can't count the same feeds and take the same next number.
        (SQLite's BEGIN IMMEDIATE lets one writer in at a time already.)"""
        if is_postgres(self.db):
            await self.db.execute("SELECT id FROM chats WHERE id = ? FOR UPDATE", (chat_id,))

    async def link(self, chat_id: int, feed_id: str) -> int | None:
        """Link the feed to the chat under the next free number; None when already linked.
        A number taken meanwhile (a unit without `hold_numbers`) is an error, never a silent no."""
        async with self.db.execute(
            """INSERT INTO chat_feeds(chat_id, feed_id, number, created_at)
               SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ? FROM chat_feeds WHERE chat_id = ?
               ON CONFLICT(chat_id, feed_id) DO NOTHING""",
            (chat_id, feed_id, time.time(), chat_id),
        ) as cur:
            added = cur.rowcount == 1
        return await self.number_of(chat_id, feed_id) if added else None

    async def number_of(self, chat_id: int, feed_id: str) -> int | None:
        async with self.db.execute(
            "SELECT number FROM chat_feeds WHERE chat_id = ? AND feed_id = ?", (chat_id, feed_id)
        ) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def unlink(self, chat_id: int, feed_id: str) -> bool:
        async with self.db.execute(
            "DELETE FROM chat_feeds WHERE chat_id = ? AND feed_id = ?", (chat_id, feed_id)
        ) as cur:
            return cur.rowcount == 1

    async def count(self, chat_id: int) -> int:
        async with self.db.execute("SELECT COUNT(*) FROM chat_feeds WHERE chat_id = ?", (chat_id,)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def of_chat(self, chat_id: int) -> list[ChatFeed]:
        async with self.db.execute(
            f"""SELECT {_COLUMNS} FROM chat_feeds cf JOIN feeds f ON f.id = cf.feed_id
                WHERE cf.chat_id = ? ORDER BY cf.number""",
            (chat_id,),
        ) as cur:
            return [ChatFeed(*row) for row in await cur.fetchall()]

    async def get(self, chat_id: int, number: int) -> ChatFeed | None:
        async with self.db.execute(
            f"""SELECT {_COLUMNS} FROM chat_feeds cf JOIN feeds f ON f.id = cf.feed_id
                WHERE cf.chat_id = ? AND cf.number = ?""",
            (chat_id, number),
        ) as cur:
            row = await cur.fetchone()
        return ChatFeed(*row) if row else None

    async def chat_sourced(self, article_ids: list[int]) -> dict[int, str]:
        """article id -> feed id, for those of `article_ids` that came from a chat-added feed."""
        if not article_ids:
            return {}
        params: list[object]
        if is_postgres(self.db):  # one array parameter: a thousand ids stay one short statement
            where, params = "a.id = ANY(?)", [list(article_ids)]
        else:
            where, params = f"a.id IN ({','.join('?' * len(article_ids))})", list(article_ids)
        rows = await self.db.execute_fetchall(
            f"""SELECT a.id, a.feed_id FROM articles a JOIN feeds f ON f.id = a.feed_id
                WHERE {where} AND f.origin = 'chat'""",
            params,
        )
        return {row[0]: row[1] for row in rows}

    async def chats_of(self, feed_ids: set[str]) -> dict[str, set[int]]:
        """feed id -> the chats that added it."""
        if not feed_ids:
            return {}
        marks = ",".join("?" * len(feed_ids))
        links: dict[str, set[int]] = {}
        async with self.db.execute(
            f"SELECT feed_id, chat_id FROM chat_feeds WHERE feed_id IN ({marks})", tuple(feed_ids)
        ) as cur:
            for feed_id, chat_id in await cur.fetchall():
                links.setdefault(feed_id, set()).add(chat_id)
        return links

    async def followers(self, feed_id: str) -> int:
        async with self.db.execute("SELECT COUNT(*) FROM chat_feeds WHERE feed_id = ?", (feed_id,)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0


_COLUMNS = "cf.number, f.id, f.name, f.url, f.origin, f.last_success_at, f.last_error, f.error_count, f.disabled_reason"
