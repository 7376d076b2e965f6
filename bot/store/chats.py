"""SQL for chats, their delivery preferences and their subscriptions.

"Who gets what" lives here; "how it is sent" lives in the sender.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import aiosqlite

from bot.store.filters import NOT_HELD_BACK


@dataclass(slots=True, frozen=True)
class Chat:
    id: int
    kind: str
    title: str | None
    mode: str  # "instant" | "digest"
    digest_time: str  # "HH:MM" in the chat's time zone
    timezone: str
    blocked: bool


class ChatStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def ensure(self, chat_id: int, kind: str = "private", title: str | None = None) -> Chat:
        """Create the chat on first contact; a returning chat is unblocked."""
        now = time.time()
        await self.db.execute(
            """INSERT INTO chats(id, kind, title, subscribed_since, created_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                 blocked_at = NULL""",
            (chat_id, kind, title, now, now),
        )
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def get(self, chat_id: int) -> Chat | None:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM chats WHERE id = ?", (chat_id,)) as cur:
            row = await cur.fetchone()
        return _chat(row) if row else None

    async def set_mode(self, chat_id: int, mode: str) -> None:
        await self.db.execute("UPDATE chats SET mode = ? WHERE id = ?", (mode, chat_id))

    async def set_digest(self, chat_id: int, digest_time: str, timezone: str) -> None:
        await self.db.execute(
            "UPDATE chats SET mode = 'digest', digest_time = ?, timezone = ? WHERE id = ?",
            (digest_time, timezone, chat_id),
        )

    async def mark_digest_sent(self, chat_id: int, local_day: str) -> bool:
        """Claim today's digest for the chat; False when it already went out."""
        async with self.db.execute(
            """UPDATE chats SET last_digest_on = ?
               WHERE id = ? AND (last_digest_on IS NULL OR last_digest_on <> ?)""",
            (local_day, chat_id, local_day),
        ) as cur:
            return cur.rowcount == 1

    async def mark_blocked(self, chat_id: int) -> None:
        await self.db.execute("UPDATE chats SET blocked_at = ? WHERE id = ?", (time.time(), chat_id))

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings, topics and log move to the new id.

        The new row is made first and the old one deleted last, so foreign keys
        hold at every step; if the new id is already known, rows merge into it.
        """
        await self.db.execute(
            f"""INSERT OR IGNORE INTO chats(id, {_COPIED})
                SELECT ?, {_COPIED} FROM chats WHERE id = ?""",
            (new_id, old_id),
        )
        for table in ("subscriptions", "deliveries", "chat_feeds", "filtered_out"):
            await self.db.execute(f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        await self.db.execute("UPDATE topics SET owner_chat_id = ? WHERE owner_chat_id = ?", (new_id, old_id))
        await self.db.execute("DELETE FROM chats WHERE id = ?", (old_id,))

    async def delete(self, chat_id: int) -> None:
        """/stop: the chat, its subscriptions, deliveries and own topics go."""
        await self.db.execute("DELETE FROM chats WHERE id = ?", (chat_id,))
        await self.db.execute("DELETE FROM topics WHERE owner_chat_id = ?", (chat_id,))

    async def subscribe(self, chat_id: int, topic_id: str) -> bool:
        """True when the subscription is new."""
        async with self.db.execute(
            "INSERT OR IGNORE INTO subscriptions(chat_id, topic_id, created_at) VALUES (?, ?, ?)",
            (chat_id, topic_id, time.time()),
        ) as cur:
            return cur.rowcount == 1

    async def unsubscribe(self, chat_id: int, topic_id: str) -> bool:
        async with self.db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND topic_id = ?", (chat_id, topic_id)
        ) as cur:
            return cur.rowcount == 1

    async def subscriptions(self, chat_id: int) -> list[str]:
        async with self.db.execute(
            "SELECT topic_id FROM subscriptions WHERE chat_id = ? ORDER BY created_at", (chat_id,)
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def instant_chats_with_news(self) -> list[int]:
        """Unblocked instant-mode chats that have at least one undelivered match."""
        async with self.db.execute(
            f"""SELECT DISTINCT c.id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.mode = 'instant' AND c.blocked_at IS NULL"""
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def digest_chats(self) -> list[Chat]:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM chats WHERE mode = 'digest' AND blocked_at IS NULL") as cur:
            return [_chat(row) for row in await cur.fetchall()]


# Articles matched by one of the chat's topics after it subscribed; rows with
# `d.article_id IS NULL` are the ones not yet sent (or claimed) there.
UNDELIVERED_JOIN = f"""
    JOIN subscriptions s ON s.chat_id = c.id
    JOIN topic_articles ta ON ta.topic_id = s.topic_id AND ta.matched_at >= s.created_at {NOT_HELD_BACK}
    LEFT JOIN deliveries d ON d.chat_id = c.id AND d.article_id = ta.article_id
"""
_COLUMNS = "id, kind, title, mode, digest_time, timezone, blocked_at"
_COPIED = "kind, title, mode, digest_time, timezone, last_digest_on, subscribed_since, blocked_at, created_at"


def _chat(row: aiosqlite.Row) -> Chat:
    return Chat(row[0], row[1], row[2], row[3], row[4], row[5], row[6] is not None)
