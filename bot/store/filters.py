"""SQL for per-subscription keyword filters and the articles they held back.

A filter lives on the subscription row (chat, topic); an article the topic
matched but the chat's filter refused is recorded in `filtered_out`, which the
delivery query skips.
"""

from __future__ import annotations

import aiosqlite

from bot.store.db import execute_many

_TOPICS_PER_QUERY = 500  # placeholders per statement stay well under SQLite's limit


class FilterStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def set(self, chat_id: int, topic_id: str, query: str | None) -> bool:
        """Set (or clear, with None) the chat's filter on a topic; False when it has no such subscription."""
        async with self.db.execute(
            "UPDATE subscriptions SET filter = ? WHERE chat_id = ? AND topic_id = ?", (query, chat_id, topic_id)
        ) as cur:
            return cur.rowcount == 1

    async def of_chat(self, chat_id: int) -> dict[str, str]:
        """topic id -> filter, for the chat's filtered subscriptions."""
        async with self.db.execute(
            "SELECT topic_id, filter FROM subscriptions WHERE chat_id = ? AND filter IS NOT NULL", (chat_id,)
        ) as cur:
            return {row[0]: row[1] for row in await cur.fetchall()}

    async def of_topic(self, topic_id: str) -> list[tuple[int, str]]:
        """(chat id, filter) for every filtered subscription to the topic."""
        async with self.db.execute(
            "SELECT chat_id, filter FROM subscriptions WHERE topic_id = ? AND filter IS NOT NULL", (topic_id,)
        ) as cur:
            return [(row[0], row[1]) for row in await cur.fetchall()]

    async def of_topics(self, topic_ids: list[str]) -> dict[str, list[tuple[int, str]]]:
        """topic id -> (chat id, filter) for every filtered subscription to those topics, in one query."""
        found: dict[str, list[tuple[int, str]]] = {}
        for start in range(0, len(topic_ids), _TOPICS_PER_QUERY):
            chunk = topic_ids[start : start + _TOPICS_PER_QUERY]
            rows = await self.db.execute_fetchall(
                f"""SELECT topic_id, chat_id, filter FROM subscriptions
                    WHERE filter IS NOT NULL AND topic_id IN ({",".join("?" * len(chunk))})""",
                chunk,
            )
            for topic_id, chat_id, text in rows:
                found.setdefault(topic_id, []).append((chat_id, text))
        return found

    async def hold_back(self, chat_id: int, topic_id: str, article_ids: list[int]) -> None:
        await execute_many(
            self.db,
            "INSERT INTO filtered_out(chat_id, topic_id, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(chat_id, topic_id, article_id) for article_id in article_ids],
        )

    async def waiting(self, chat_id: int, topic_id: str) -> list[int]:
        """Articles the topic matched for the chat that are neither sent nor held back yet."""
        async with self.db.execute(
            """SELECT ta.article_id FROM subscriptions s
               JOIN topic_articles ta ON ta.topic_id = s.topic_id AND ta.matched_at >= s.created_at
               LEFT JOIN deliveries d ON d.chat_id = s.chat_id AND d.article_id = ta.article_id
               WHERE s.chat_id = ? AND s.topic_id = ? AND d.article_id IS NULL""",
            (chat_id, topic_id),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]


# Joined into the delivery query (bot/store/chats.py UNDELIVERED_JOIN): a matched
# article this chat's filter on that topic held back is not its news.
NOT_HELD_BACK = """
    AND NOT EXISTS (SELECT 1 FROM filtered_out fo
                    WHERE fo.chat_id = s.chat_id AND fo.topic_id = s.topic_id AND fo.article_id = ta.article_id)
"""
