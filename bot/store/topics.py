"""SQL for topics (catalogue and chats' own) and the articles each matched."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import aiosqlite

from bot.store.db import execute_many


@dataclass(slots=True, frozen=True)
class Topic:
    id: str
    name: str
    query: str
    feed_ids: tuple[str, ...] | None = None  # None: every feed
    owner_chat_id: int | None = None  # set for a chat's own /follow topic


class TopicStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def upsert(self, topic: Topic) -> None:
        """Add or update a topic in place, so subscriptions to it survive."""
        feeds = json.dumps(list(topic.feed_ids)) if topic.feed_ids is not None else None
        await self.db.execute(
            """INSERT INTO topics(id, name, query, feed_ids, owner_chat_id, updated_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name, query = excluded.query,
                 feed_ids = excluded.feed_ids, updated_at = excluded.updated_at""",
            (topic.id, topic.name, topic.query, feeds, topic.owner_chat_id, time.time()),
        )

    async def get(self, topic_id: str) -> Topic | None:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM topics WHERE id = ?", (topic_id,)) as cur:
            row = await cur.fetchone()
        return _topic(row) if row else None

    async def catalogue(self) -> list[Topic]:
        """Topics everyone can subscribe to (not chats' own)."""
        async with self.db.execute(f"SELECT {_COLUMNS} FROM topics WHERE owner_chat_id IS NULL ORDER BY name") as cur:
            return [_topic(row) for row in await cur.fetchall()]

    async def subscribed(self) -> list[Topic]:
        """Topics with at least one subscriber: the only ones worth matching."""
        async with self.db.execute(
            f"""SELECT {_COLUMNS} FROM topics
                WHERE id IN (SELECT topic_id FROM subscriptions) ORDER BY id"""
        ) as cur:
            return [_topic(row) for row in await cur.fetchall()]

    async def delete_own(self, topic_id: str, chat_id: int) -> None:
        """Delete one of the chat's own topics (its subscriptions go with it)."""
        await self.db.execute("DELETE FROM topics WHERE id = ? AND owner_chat_id = ?", (topic_id, chat_id))

    async def record_matches(self, topic_id: str, article_ids: list[int]) -> None:
        await self.record_all_matches({topic_id: article_ids})

    async def record_all_matches(self, matches: dict[str, list[int]]) -> None:
        """Every topic's new matches in one batch (one round trip on PostgreSQL's pipeline)."""
        now = time.time()
        await execute_many(
            self.db,
            "INSERT INTO topic_articles(topic_id, article_id, matched_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(topic_id, article_id, now) for topic_id, ids in matches.items() for article_id in ids],
        )


_COLUMNS = "id, name, query, feed_ids, owner_chat_id"


def _topic(row: aiosqlite.Row) -> Topic:
    feeds = tuple(json.loads(row["feed_ids"])) if row["feed_ids"] else None
    return Topic(row["id"], row["name"], row["query"], feeds, row["owner_chat_id"])
