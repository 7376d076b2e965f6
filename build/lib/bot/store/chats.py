"""SQL for chats, their delivery preferences and their subscriptions.

"Who gets what" lives here; "how it is sent" lives in the sender.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from bot.store.db import is_postgres
from bot.store.filters import NOT_HELD_BACK


class DeliveryMode(StrEnum):
    """How a chat receives briefings (stored in chats.mode)."""

    INSTANT = "instant"  # each briefing as it arrives (held during quiet hours)
    DIGEST = "digest"  # one compact digest a day at the chat's local time


@dataclass(slots=True, frozen=True)
class Chat:
    id: int
    kind: str
    title: str | None
    mode: str  # a DeliveryMode value
    digest_time: str  # "HH:MM" in the chat's time zone
    timezone: str
    blocked: bool
    quiet_start: str | None = None  # "HH:MM" local; quiet hours may wrap midnight
    quiet_end: str | None = None
    held_since: float | None = None  # instant briefings held by quiet hours since then: a catch-up is owed
    linked_by: int | None = None  # for a channel: the user who linked it
    skipped_day: str | None = None  # a local day whose digest is not owed (its time had passed when set)

    @property
    def held(self) -> bool:
        return self.held_since is not None


@dataclass(slots=True, frozen=True)
class DigestItem:
    """One pending article as a digest shows it."""

    article_id: int
    topic_id: str
    topic_name: str
    title: str | None
    outlet: str | None
    url: str
    text: str
    quotes: int
    fetched_at: float


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

    async def set_mode(self, chat_id: int, mode: DeliveryMode) -> None:
        await self.db.execute("UPDATE chats SET mode = ? WHERE id = ?", (str(mode), chat_id))

    async def set_digest(self, chat_id: int, digest_time: str, timezone: str) -> None:
        await self.db.execute(
            "UPDATE chats SET mode = ?, digest_time = ?, timezone = ?, last_digest_on = NULL WHERE id = ?",
            (str(DeliveryMode.DIGEST), digest_time, timezone, chat_id),
        )

    async def skip_digest_day(self, chat_id: int, local_day: str) -> None:
        """A digest time already past today: the first digest is tomorrow's (the day's digest
        itself is keyed in the delivery log; this column only says which day is not owed)."""
        await self.db.execute("UPDATE chats SET last_digest_on = ? WHERE id = ?", (local_day, chat_id))

    async def set_quiet(self, chat_id: int, start: str | None, end: str | None) -> None:
        """Quiet hours, or none (both None); whatever was held stays owed."""
        await self.db.execute("UPDATE chats SET quiet_start = ?, quiet_end = ? WHERE id = ?", (start, end, chat_id))

    async def hold(self, chat_id: int) -> None:
        """Instant briefings were held back for this chat (quiet hours)."""
        await self.db.execute(
            "UPDATE chats SET held_since = COALESCE(held_since, ?) WHERE id = ?", (time.time(), chat_id)
        )

    async def release_hold(self, chat_id: int) -> bool:
        """Clear the hold; True when there was one (the caller owes a catch-up)."""
        async with self.db.execute(
            "UPDATE chats SET held_since = NULL WHERE id = ? AND held_since IS NOT NULL", (chat_id,)
        ) as cur:
            return cur.rowcount == 1

    async def blocked_since(self, chat_id: int) -> float | None:
        """When the chat started refusing the bot (epoch seconds), or None when it does not."""
        async with self.db.execute("SELECT blocked_at FROM chats WHERE id = ?", (chat_id,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def mark_blocked(self, chat_id: int) -> None:
        await self.db.execute("UPDATE chats SET blocked_at = ? WHERE id = ?", (time.time(), chat_id))

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings, topics and log move to the new id.

        The new row is made first and the old one deleted last, so foreign keys
        hold at every step; if the new id is already known, rows merge into it.
        """
        await self.db.execute(
            f"""INSERT INTO chats(id, {_COPIED})
                SELECT ?, {_COPIED} FROM chats WHERE id = ? ON CONFLICT DO NOTHING""",
            (new_id, old_id),
        )
        for table, keys in _CHAT_ROWS.items():
            if is_postgres(self.db):  # no UPDATE OR IGNORE: rows the new id already has stay behind
                taken = " OR ".join("(" + " AND ".join(f"o.{k} = {table}.{k}" for k in key) + ")" for key in keys)
                sql = f"""UPDATE {table} SET chat_id = ? WHERE chat_id = ?
                          AND NOT EXISTS (SELECT 1 FROM {table} o WHERE o.chat_id = ? AND ({taken}))"""
                await self.db.execute(sql, (new_id, old_id, new_id))
            else:
                await self.db.execute(f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        await self.db.execute("UPDATE topics SET owner_chat_id = ? WHERE owner_chat_id = ?", (new_id, old_id))
        await self.db.execute("DELETE FROM chats WHERE id = ?", (old_id,))

    async def delete(self, chat_id: int) -> None:
        """/stop: the chat, its subscriptions, deliveries and own topics go."""
        await self.db.execute("DELETE FROM chats WHERE id = ?", (chat_id,))
        await self.db.execute("DELETE FROM topics WHERE owner_chat_id = ?", (chat_id,))

    async def subscribe(self, chat_id: int, topic_id: str, thread_id: int = 0) -> bool:
        """True when the subscription is new, or moved here from another thread of the forum."""
        async with self.db.execute(
            """INSERT INTO subscriptions(chat_id, topic_id, created_at, thread_id) VALUES (?, ?, ?, ?)
               ON CONFLICT(chat_id, topic_id) DO UPDATE SET thread_id = excluded.thread_id
               WHERE subscriptions.thread_id <> excluded.thread_id""",
            (chat_id, topic_id, time.time(), thread_id),
        ) as cur:
            return cur.rowcount == 1

    async def unsubscribe(self, chat_id: int, topic_id: str) -> bool:
        async with self.db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND topic_id = ?", (chat_id, topic_id)
        ) as cur:
            return cur.rowcount == 1

    async def subscriptions(self, chat_id: int, thread_id: int | None = None) -> list[str]:
        """The chat's topic ids; with `thread_id`, only those posting into that forum thread."""
        async with self.db.execute(
            """SELECT topic_id FROM subscriptions WHERE chat_id = ? AND (CAST(? AS BIGINT) IS NULL OR thread_id = ?)
               ORDER BY created_at""",
            (chat_id, thread_id, thread_id),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def received(self, chat_id: int, article_id: int) -> bool:
        """Whether the article was delivered to the chat (in full or in a digest)."""
        async with self.db.execute(
            "SELECT 1 FROM deliveries WHERE chat_id = ? AND article_id = ? AND status = 'sent'", (chat_id, article_id)
        ) as cur:
            return await cur.fetchone() is not None

    async def delivered_anywhere(self, article_id: int) -> bool:
        """Whether the article went out to any chat (so its briefing may be opened by link)."""
        async with self.db.execute(
            "SELECT 1 FROM deliveries WHERE article_id = ? AND status = 'sent' LIMIT 1", (article_id,)
        ) as cur:
            return await cur.fetchone() is not None

    async def digest_items(self, chat_id: int, thread_id: int = 0, limit: int = 500) -> list[DigestItem]:
        """The undelivered matches of the chat's forum thread (0: the chat itself) with what a
        digest shows; one row per article (under its oldest matching subscription's topic), newest first."""
        async with self.db.execute(
            _DIGEST_ITEMS[is_postgres(self.db)], (time.time(), chat_id, thread_id, limit)
        ) as cur:
            return [DigestItem(*row[:9]) for row in await cur.fetchall()]

    async def link_channel(self, channel_id: int, title: str | None, user_id: int) -> bool:
        """Record a channel linked by `user_id`; True when it is new to the bot or was stopped."""
        existed = await self.get(channel_id)
        await self.ensure(channel_id, "channel", title)
        await self.db.execute("UPDATE chats SET linked_by = ? WHERE id = ?", (user_id, channel_id))
        return existed is None

    async def channels_linked_by(self, user_id: int) -> list[Chat]:
        async with self.db.execute(
            f"SELECT {_COLUMNS} FROM chats WHERE kind = 'channel' AND linked_by = ? ORDER BY title", (user_id,)
        ) as cur:
            return [_chat(row) for row in await cur.fetchall()]

    async def instant_chats_with_news(self) -> list[int]:
        """Unblocked instant-mode chats that have at least one undelivered match."""
        async with self.db.execute(
            f"""SELECT DISTINCT c.id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.mode = ? AND c.blocked_at IS NULL
                  AND c.held_since IS NULL""",
            (time.time(), str(DeliveryMode.INSTANT)),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def quiet_chats(self) -> list[Chat]:
        """Unblocked instant chats with quiet hours that hold briefings or have some pending."""
        async with self.db.execute(
            f"""SELECT {_prefixed("q")} FROM chats q
                WHERE q.mode = ? AND q.blocked_at IS NULL
                  AND (q.held_since IS NOT NULL OR (q.quiet_start IS NOT NULL AND q.id IN (
                      SELECT c.id FROM chats c {UNDELIVERED_JOIN} WHERE d.article_id IS NULL)))""",
            (str(DeliveryMode.INSTANT), time.time()),
        ) as cur:
            return [_chat(row) for row in await cur.fetchall()]

    async def digest_targets(self) -> list[tuple[Chat, int]]:
        """Unblocked digest-mode chats with something undelivered, per forum thread (0: the chat itself)."""
        async with self.db.execute(
            f"""SELECT {_prefixed("c")}, p.thread_id FROM chats c JOIN (
                    SELECT DISTINCT c.id AS chat_id, s.thread_id FROM chats c {UNDELIVERED_JOIN}
                    WHERE d.article_id IS NULL AND c.mode = ? AND c.blocked_at IS NULL
                ) p ON p.chat_id = c.id
                ORDER BY c.id, p.thread_id""",
            (time.time(), str(DeliveryMode.DIGEST)),
        ) as cur:
            return [(_chat(row), row[len(_COLUMN_NAMES)]) for row in await cur.fetchall()]


# Articles matched by one of the chat's topics after it subscribed; rows with
# `d.article_id IS NULL` are the ones not yet sent there, nor under a live claim
# (a pending claim whose lease ran out belongs to a dead sender: it is undelivered).
# Its one parameter, first in the statement's, is the time now (epoch seconds).
UNDELIVERED_JOIN = f"""
    JOIN subscriptions s ON s.chat_id = c.id
    JOIN topic_articles ta ON ta.topic_id = s.topic_id AND ta.matched_at >= s.created_at {NOT_HELD_BACK}
    LEFT JOIN deliveries d ON d.chat_id = c.id AND d.thread_id = s.thread_id AND d.article_id = ta.article_id
        AND (d.status <> 'pending' OR d.lease_until > ?)
"""
# The tables with rows per chat, and the keys (besides chat_id) that must stay unique in each.
_CHAT_ROWS = {
    "subscriptions": (("topic_id",),),
    "deliveries": (("thread_id", "item"),),
    "chat_feeds": (("feed_id",), ("number",)),
    "filtered_out": (("topic_id", "article_id"),),
}
# A digest shows each article once, under its oldest matching subscription's topic:
# SQLite's bare columns come from the row holding min(s.created_at); PostgreSQL says so
# with DISTINCT ON. Keyed by "is PostgreSQL".
_DIGEST_COLUMNS = """a.id, t.id, t.name, a.title, a.outlet, a.url, substr(a.text, 1, 600),
    (SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.kind <> 'indirect'), a.fetched_at"""
_DIGEST_FROM = f"""
    FROM chats c {UNDELIVERED_JOIN}
    JOIN articles a ON a.id = ta.article_id
    JOIN topics t ON t.id = s.topic_id
    WHERE d.article_id IS NULL AND c.id = ? AND s.thread_id = ?
"""
_DIGEST_ITEMS = {
    False: f"SELECT {_DIGEST_COLUMNS}, min(s.created_at) {_DIGEST_FROM} GROUP BY a.id ORDER BY a.id DESC LIMIT ?",
    True: f"""SELECT DISTINCT ON (a.id) {_DIGEST_COLUMNS} {_DIGEST_FROM}
              ORDER BY a.id DESC, s.created_at, t.id LIMIT ?""",
}
_COLUMN_NAMES = (
    "id kind title mode digest_time timezone blocked_at quiet_start quiet_end held_since linked_by last_digest_on"
).split()
_COLUMNS = ", ".join(_COLUMN_NAMES)
_COPIED = (
    "kind, title, mode, digest_time, timezone, last_digest_on, subscribed_since, blocked_at, created_at, "
    "quiet_start, quiet_end, held_since, linked_by"
)


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{column}" for column in _COLUMN_NAMES)


def _chat(row: aiosqlite.Row) -> Chat:
    return Chat(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6] is not None, row[7], row[8], row[9], row[10], row[11]
    )
