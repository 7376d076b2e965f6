"""SQL for the processes table: each process's heartbeat, and what `briefbot status` shows of them.

Every running process (`run`, `run --webhook`, `worker`) writes one row when it starts and updates
it after each scheduler tick, so the operator sees from any machine which processes live, what
they hold and how much work waits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import aiosqlite

from bot.store.chats import UNDELIVERED_JOIN

FORGET_AFTER_SECONDS = 86400.0


@dataclass(slots=True, frozen=True)
class ProcessRow:
    id: str
    role: str
    started_at: float
    last_tick_at: float | None
    last_tick_seconds: float | None
    last_error: str | None
    feeds_leased: int
    deliveries_leased: int


@dataclass(slots=True, frozen=True)
class QueueDepth:
    deliveries_waiting: int  # (chat, article) pairs matched and neither sent nor under a live claim
    feeds_due: int  # enabled feeds whose check is due and unclaimed


class ProcessStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def register(self, process_id: str, role: str) -> None:
        """This process's row; rows of processes silent for a day (killed, never stopped cleanly) go."""
        await self.db.execute(
            "DELETE FROM processes WHERE COALESCE(last_tick_at, started_at) < ?", (time.time() - FORGET_AFTER_SECONDS,)
        )
        await self.db.execute(
            """INSERT INTO processes(id, role, started_at) VALUES (?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET role = excluded.role""",
            (process_id, role, time.time()),
        )

    async def beat(self, process_id: str, tick_seconds: float, error: str | None) -> None:
        """One tick done: when, how long it took, and the first step that failed (None when none did)."""
        await self.db.execute(
            "UPDATE processes SET last_tick_at = ?, last_tick_seconds = ?, last_error = ? WHERE id = ?",
            (time.time(), tick_seconds, error, process_id),
        )

    async def forget(self, process_id: str) -> None:
        """A clean stop: the row goes, so status lists only processes that may still run."""
        await self.db.execute("DELETE FROM processes WHERE id = ?", (process_id,))

    async def count_alive(self, roles: tuple[str, ...], since: float, besides: str) -> int:
        """Processes in `roles`, other than `besides`, that started or ticked after `since`."""
        marks = ", ".join("?" for _ in roles)
        async with self.db.execute(
            f"""SELECT COUNT(*) FROM processes
                WHERE role IN ({marks}) AND id <> ? AND COALESCE(last_tick_at, started_at) > ?""",
            (*roles, besides, since),
        ) as cur:
            return _count(await cur.fetchone())

    async def last_tick(self, process_id: str) -> float | None:
        async with self.db.execute("SELECT last_tick_at FROM processes WHERE id = ?", (process_id,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def listed(self) -> list[ProcessRow]:
        """Every registered process with the feed checks and deliveries it holds under a live lease
        (a delivery's holder is one send of the process: `<process id>/<n>`, bot.store.deliveries)."""
        now = time.time()
        async with self.db.execute(
            """SELECT p.id, p.role, p.started_at, p.last_tick_at, p.last_tick_seconds, p.last_error,
                      (SELECT COUNT(*) FROM feeds f WHERE f.claimed_by = p.id AND f.lease_until > ?),
                      (SELECT COUNT(*) FROM deliveries d
                        WHERE substr(d.claimed_by, 1, length(p.id) + 1) = p.id || '/'
                          AND d.status = 'pending' AND d.lease_until > ?)
               FROM processes p ORDER BY p.role, p.started_at""",
            (now, now),
        ) as cur:
            return [ProcessRow(*row) for row in await cur.fetchall()]

    async def queue_depth(self) -> QueueDepth:
        now = time.time()
        async with self.db.execute(
            f"""SELECT COUNT(*) FROM (SELECT DISTINCT c.id, ta.article_id FROM chats c {UNDELIVERED_JOIN}
                WHERE d.article_id IS NULL AND c.blocked_at IS NULL) AS waiting""",
            (now,),
        ) as cur:
            waiting = _count(await cur.fetchone())
        async with self.db.execute(
            """SELECT COUNT(*) FROM feeds
               WHERE disabled_reason IS NULL AND next_check_at <= ? AND lease_until < ?""",
            (now, now),
        ) as cur:
            due = _count(await cur.fetchone())
        return QueueDepth(deliveries_waiting=waiting, feeds_due=due)


def _count(row: aiosqlite.Row | None) -> int:
    return int(row[0]) if row else 0
