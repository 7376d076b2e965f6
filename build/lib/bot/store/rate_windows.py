"""SQL for sliding one-minute windows counted in the database.

A limit kept in one process's memory is a limit per process: behind a load balancer, each
webhook instance would allow a chat its own COMMANDS_PER_MINUTE. Counted here, every process
sharing the database shares the window. Two processes counting the same key at the same
instant may both see room for one more, so the limit can be passed by one per process acting
at that instant; it is a guard against floods, not an exact quota.
"""

from __future__ import annotations

import itertools

import aiosqlite

WINDOW_SECONDS = 60.0
_SWEEP_EVERY = 500  # takes between sweeps of every key's expired events


class RateWindowStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self._takes = itertools.count(1)

    async def take(self, scope: str, key: int, limit: int, now: float) -> float:
        """Count one event for `key` unless `limit` are already in its last minute: 0 when
        counted, else the seconds until the oldest leaves the window (at least 1).
        `now` is wall-clock time, the same in every process."""
        since = now - WINDOW_SECONDS
        if next(self._takes) % _SWEEP_EVERY == 0:  # keys that went quiet keep no rows for long
            await self.db.execute("DELETE FROM rate_window_events WHERE at <= ?", (since,))
        await self.db.execute(
            "DELETE FROM rate_window_events WHERE scope = ? AND key = ? AND at <= ?", (scope, key, since)
        )
        async with self.db.execute(
            """INSERT INTO rate_window_events(scope, key, at) SELECT ?, ?, ?
               WHERE (SELECT COUNT(*) FROM rate_window_events WHERE scope = ? AND key = ?) < ?""",
            (scope, key, now, scope, key, limit),
        ) as cur:
            if cur.rowcount == 1:
                return 0.0
        async with self.db.execute(
            "SELECT MIN(at) FROM rate_window_events WHERE scope = ? AND key = ?", (scope, key)
        ) as cur:
            row = await cur.fetchone()
        oldest = row[0] if row and row[0] is not None else now
        return max(1.0, oldest + WINDOW_SECONDS - now)
