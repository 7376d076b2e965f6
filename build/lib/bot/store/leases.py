"""SQL for named leases: one process at a time holds a duty (the sender), until its lease runs out.

A holder renews its lease well before it ends; a holder that dies simply stops renewing, and the
first process to ask after the end takes the duty over. `handed_over_at` keeps when the previous
holder's lease ended, so a new holder can wait until whatever that holder sent has left every
rate window.
"""

from __future__ import annotations

import time

import aiosqlite


class LeaseStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def take(self, name: str, holder: str, seconds: float) -> float | None:
        """Take or renew the lease; None when another holder's lease is still running, else the
        moment the previous holder's lease ended (0 when there was none, or it was ours)."""
        now = time.time()
        async with self.db.execute(
            """INSERT INTO leases(name, holder, lease_until, handed_over_at) VALUES (?, ?, ?, 0)
               ON CONFLICT(name) DO UPDATE SET
                 handed_over_at = CASE WHEN leases.holder = excluded.holder
                                       THEN leases.handed_over_at ELSE leases.lease_until END,
                 holder = excluded.holder, lease_until = excluded.lease_until
               WHERE leases.holder = excluded.holder OR leases.lease_until < ?""",
            (name, holder, now + seconds, now),
        ) as cur:
            if cur.rowcount != 1:
                return None
        async with self.db.execute("SELECT handed_over_at FROM leases WHERE name = ?", (name,)) as cur:
            row = await cur.fetchone()
        return float(row[0]) if row else 0.0

    async def release(self, name: str, holder: str) -> None:
        """Give the lease up now (a clean stop), so another process takes over at its next tick."""
        await self.db.execute(
            "UPDATE leases SET lease_until = ? WHERE name = ? AND holder = ? AND lease_until > ?",
            (time.time(), name, holder, time.time()),
        )

    async def holder(self, name: str) -> str | None:
        """Who holds the lease now (None when nobody's lease is running)."""
        async with self.db.execute(
            "SELECT holder FROM leases WHERE name = ? AND lease_until >= ?", (name, time.time())
        ) as cur:
            row = await cur.fetchone()
        return row[0] if row else None
