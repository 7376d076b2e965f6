"""SQL for the delivery log: which article went to which chat, exactly once.

A (chat, article) row is claimed before sending and marked sent after; the
primary key makes a second claim impossible, so a chat never gets the same
article twice even when two paths (instant push and /now) race.
"""

from __future__ import annotations

import time

import aiosqlite

from bot.store.chats import UNDELIVERED_JOIN


class DeliveryStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def undelivered(self, chat_id: int, limit: int = 20) -> list[int]:
        """Article ids matched for this chat and not yet delivered, oldest first."""
        async with self.db.execute(
            f"""SELECT DISTINCT ta.article_id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.id = ?
                ORDER BY ta.article_id LIMIT ?""",
            (chat_id, limit),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def claim(self, chat_id: int, article_id: int) -> bool:
        """Reserve the send; False when this article was already sent or claimed."""
        async with self.db.execute(
            "INSERT OR IGNORE INTO deliveries(chat_id, article_id, created_at) VALUES (?, ?, ?)",
            (chat_id, article_id, time.time()),
        ) as cur:
            return cur.rowcount == 1

    async def mark_sent(self, chat_id: int, article_id: int, message_id: int) -> None:
        await self.db.execute(
            """UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?
               WHERE chat_id = ? AND article_id = ?""",
            (message_id, time.time(), chat_id, article_id),
        )

    async def mark_failed(self, chat_id: int, article_id: int) -> None:
        """A permanent failure (the message was refused): don't try again."""
        await self.db.execute(
            "UPDATE deliveries SET status = 'failed' WHERE chat_id = ? AND article_id = ?",
            (chat_id, article_id),
        )

    async def release(self, chat_id: int, article_id: int) -> None:
        """A transient failure: drop the claim so a later run retries."""
        await self.db.execute(
            "DELETE FROM deliveries WHERE chat_id = ? AND article_id = ? AND status = 'pending'",
            (chat_id, article_id),
        )

    async def article_for_message(self, chat_id: int, message_id: int) -> int | None:
        """The article a briefing message carried, for replies to it."""
        async with self.db.execute(
            "SELECT article_id FROM deliveries WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        ) as cur:
            row = await cur.fetchone()
        return row[0] if row else None
