"""SQL for the delivery log: what went to which chat, exactly once, across crashes and processes.

Each delivery has an idempotency key per chat and forum thread (0: the chat itself), its `item`:
`article:<id>` for a briefing, `digest:<local day>` for a day's digest, `open:<id>` for a full
briefing opened from a digest, and so on (`Item`). A row is claimed at the moment of sending with
a lease (`claimed_by`, `lease_until`) and marked 'sent' once Telegram accepted the message. A
claim whose lease ran out (its process died between claiming and marking) is claimable again, so
a crash costs at most the messages in flight, never a chat's briefing or digest. The holder of a
claim is one send (`holder()`), not a whole process, so two sends of one process never share a
claim either. Nothing here lives only in memory: several processes may share the database.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import os
import socket
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from bot.store.chats import UNDELIVERED_JOIN
from bot.store.db import execute_many

DEFAULT_LEASE_SECONDS = 60.0
_SENDS = itertools.count(1)


# An article carried inside another message (a digest page, a catch-up) counts as delivered.
_MARK_CARRIED = """INSERT INTO deliveries(chat_id, thread_id, item, article_id, status, message_id, created_at, sent_at)
   VALUES (?, ?, ?, ?, 'sent', ?, ?, ?)
   ON CONFLICT(chat_id, thread_id, item) DO UPDATE
     SET status = 'sent', message_id = excluded.message_id, sent_at = excluded.sent_at, lease_until = 0
     WHERE deliveries.status = 'pending'"""


class Item(StrEnum):
    """What a delivery is: the first part of its idempotency key (stored, so the values stay)."""

    ARTICLE = "article"  # one briefing, pushed
    DIGEST = "digest"  # the daily digest of one local day
    QUIET = "quiet"  # the catch-up after quiet hours, per hold
    BACK = "back"  # the catch-up for a chat back after blocking the bot, per block
    MORE = "more"  # the next page a "Show N more" button asked for, per button
    OPEN = "open"  # a full briefing opened from a digest


def item_key(kind: Item, value: object) -> str:
    """The idempotency key of one delivery of `kind`, e.g. `digest:2027-03-27`."""
    return f"{kind}:{value}"


def article_item(article_id: int) -> str:
    """The idempotency key of an article's briefing in a chat."""
    return item_key(Item.ARTICLE, article_id)


@functools.cache
def process_owner() -> str:
    """This process's name on the claims it takes: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder(owner: str | None = None) -> str:
    """A new claim holder: one send (or one multi-message delivery) of this process."""
    return f"{owner or process_owner()}/{next(_SENDS)}"


@dataclass(frozen=True, slots=True)
class Pending:
    """An article matched for a chat and not yet delivered there, with the forum thread it goes to."""

    article_id: int
    thread_id: int = 0


class DeliveryStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def undelivered(self, chat_id: int, limit: int = 20) -> list[Pending]:
        """Articles matched for this chat (per forum thread) and neither sent nor under a live claim, oldest first."""
        async with self.db.execute(
            f"""SELECT DISTINCT ta.article_id, s.thread_id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.id = ?
                ORDER BY ta.article_id, s.thread_id LIMIT ?""",
            (time.time(), chat_id, limit),
        ) as cur:
            return [Pending(row[0], row[1]) for row in await cur.fetchall()]

    async def pending_threads(self, chat_id: int) -> list[int]:
        """The forum threads of the chat with something undelivered (0: the chat itself)."""
        async with self.db.execute(
            f"""SELECT DISTINCT s.thread_id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.id = ? ORDER BY s.thread_id""",
            (time.time(), chat_id),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def claim(
        self,
        chat_id: int,
        item: str,
        owner: str,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        article_id: int | None = None,
        *,
        thread_id: int = 0,
    ) -> bool:
        """Take (or renew) the claim to send `item` to the chat; False when it was sent, refused,
        or is claimed by another holder whose lease has not run out."""
        now = time.time()
        async with self.db.execute(
            """INSERT INTO deliveries(chat_id, thread_id, item, article_id, claimed_by, lease_until, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(chat_id, thread_id, item) DO UPDATE
                 SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
                 WHERE deliveries.status = 'pending'
                   AND (deliveries.lease_until < ? OR deliveries.claimed_by = excluded.claimed_by)""",
            (chat_id, thread_id, item, article_id, owner, now + lease_seconds, now, now),
        ) as cur:
            return cur.rowcount == 1

    async def mark_sent(self, chat_id: int, item: str, message_id: int, *, thread_id: int = 0) -> None:
        """Telegram accepted the message: the item is delivered for good."""
        await self.db.execute(
            """UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, lease_until = 0
               WHERE chat_id = ? AND thread_id = ? AND item = ?""",
            (message_id, time.time(), chat_id, thread_id, item),
        )

    async def mark_failed(self, chat_id: int, item: str, *, thread_id: int = 0) -> None:
        """A permanent failure (Telegram refused the message): don't try again."""
        await self.db.execute(
            """UPDATE deliveries SET status = 'failed', lease_until = 0
               WHERE chat_id = ? AND thread_id = ? AND item = ?""",
            (chat_id, thread_id, item),
        )

    async def release(self, chat_id: int, item: str, owner: str, *, thread_id: int = 0) -> None:
        """A transient failure or a message that could not be built: drop our claim so a later round retries."""
        await self.db.execute(
            """DELETE FROM deliveries WHERE chat_id = ? AND thread_id = ? AND item = ?
                 AND status = 'pending' AND claimed_by = ?""",
            (chat_id, thread_id, item, owner),
        )

    async def mark_articles_sent(
        self, chat_id: int, article_ids: Sequence[int], message_id: int | None, *, thread_id: int = 0
    ) -> None:
        """Articles carried inside another message (a digest, a catch-up) count as delivered to the chat."""
        now = time.time()
        rows = [(chat_id, thread_id, article_item(a), a, message_id, now, now) for a in article_ids]
        # The message is out: its articles are marked all together, and a cancelled caller (a stop,
        # a shutdown) does not cut the marking short, or the rest would go out again after a restart.
        await asyncio.shield(execute_many(self.db, _MARK_CARRIED, rows))

    async def recent_posts(self, since: float, now: float) -> list[tuple[int, float]]:
        """(chat, when) of every message the log shows went out after `since`, one per message
        (a digest page carrying many articles counts once), plus one at `now` for each live or
        recent claim: a message its sender may have been posting when it died."""
        async with self.db.execute(
            """SELECT chat_id, message_id, sent_at FROM deliveries WHERE status = 'sent' AND sent_at > ?""",
            (since,),
        ) as cur:
            sent = {(row[0], row[1] if row[1] is not None else row[2]): row[2] for row in await cur.fetchall()}
        async with self.db.execute(
            """SELECT chat_id FROM deliveries
               WHERE status = 'pending' AND claimed_by IS NOT NULL AND lease_until > ?""",
            (since,),
        ) as cur:
            in_flight = [(row[0], now) for row in await cur.fetchall()]
        return [(chat, at) for (chat, _), at in sent.items()] + in_flight

    async def is_delivered(self, chat_id: int, item: str, *, thread_id: int = 0) -> bool:
        """True once the item went out (or was refused for good) in this chat."""
        async with self.db.execute(
            """SELECT 1 FROM deliveries WHERE chat_id = ? AND thread_id = ? AND item = ?
                 AND status <> 'pending'""",
            (chat_id, thread_id, item),
        ) as cur:
            return await cur.fetchone() is not None

    async def next_lease_expiry(self) -> float | None:
        """When the earliest live claim runs out (epoch seconds), or None when nothing is claimed."""
        async with self.db.execute("SELECT MIN(lease_until) FROM deliveries WHERE status = 'pending'") as cur:
            row = await cur.fetchone()
        return row[0] if row and row[0] is not None else None

    async def article_for_message(self, chat_id: int, message_id: int) -> int | None:
        """The article a briefing message carried, for replies to it."""
        async with self.db.execute(
            "SELECT article_id FROM deliveries WHERE chat_id = ? AND message_id = ? AND article_id IS NOT NULL",
            (chat_id, message_id),
        ) as cur:
            row = await cur.fetchone()
        return row[0] if row else None
