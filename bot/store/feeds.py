"""SQL for feeds and their polling state (etag, last_modified, next_check_at, errors)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import aiosqlite

from bot.store.db import execute_many, is_postgres


@dataclass(slots=True)
class FeedRecord:
    id: str
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    next_check_at: float
    error_count: int
    last_error: str | None
    disabled_reason: str | None


class FeedStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def upsert(self, feed_id: str, name: str, url: str) -> None:
        """Add a catalogue feed or update its name/URL; a changed URL is polled anew."""
        await self.db.execute(
            """INSERT INTO feeds(id, name, url, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET
                 name = excluded.name,
                 etag = CASE WHEN feeds.url = excluded.url THEN feeds.etag END,
                 last_modified = CASE WHEN feeds.url = excluded.url THEN feeds.last_modified END,
                 disabled_reason = CASE WHEN feeds.url = excluded.url THEN feeds.disabled_reason END,
                 url = excluded.url""",
            (feed_id, name, url, time.time()),
        )

    async def get(self, feed_id: str) -> FeedRecord | None:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)) as cur:
            row = await cur.fetchone()
        return FeedRecord(*row) if row else None

    async def due(self, now: float, limit: int = 100) -> list[FeedRecord]:
        """Enabled feeds whose next check has come, claimed or not (the poller claims with claim_due)."""
        async with self.db.execute(
            f"""SELECT {_COLUMNS} FROM feeds
                WHERE disabled_reason IS NULL AND next_check_at <= ?
                ORDER BY next_check_at LIMIT ?""",
            (now, limit),
        ) as cur:
            return [FeedRecord(*row) for row in await cur.fetchall()]

    async def claim_due(self, owner: str, now: float, lease_seconds: float, limit: int = 100) -> list[FeedRecord]:
        """Take up to `limit` due feeds that no live lease holds, for `owner`, until the lease ends.

        One statement, so two processes never take the same feed: SQLite runs it under its one
        write lock. A feed's lease ends when its state is saved, or when its holder dies and the
        lease runs out (then the feed is due and free again, and another process checks it).
        """
        taken_at = time.time()
        # execute_fetchall finishes the UPDATE at once: one left half-read would make another
        # coroutine's COMMIT or SAVEPOINT on the shared connection fail while feeds are being stored.
        rows = await self.db.execute_fetchall(
            _CLAIM_DUE[is_postgres(self.db)], (owner, taken_at + lease_seconds, now, taken_at, limit)
        )
        return [FeedRecord(*row) for row in rows]

    async def all(self) -> list[FeedRecord]:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY id") as cur:
            return [FeedRecord(*row) for row in await cur.fetchall()]

    async def save_state(
        self,
        feed_id: str,
        *,
        url: str,
        etag: str | None,
        last_modified: str | None,
        next_check_at: float,
        error_count: int,
        last_error: str | None,
        disabled_reason: str | None,
    ) -> None:
        await self.save_states(
            [FeedState(feed_id, url, etag, last_modified, next_check_at, error_count, last_error, disabled_reason)]
        )

    async def save_states(self, states: list[FeedState]) -> None:
        """Each checked feed's next schedule and validators, in one batch (pipelined on PostgreSQL)."""
        now = time.time()
        # A check without an error (200 or 304) is the feed's last success, shown by /feeds.
        await execute_many(
            self.db,
            """UPDATE feeds SET url = ?, etag = ?, last_modified = ?, next_check_at = ?,
                 error_count = ?, last_error = ?, disabled_reason = ?, claimed_by = NULL, lease_until = 0,
                 last_success_at = CASE WHEN CAST(? AS TEXT) IS NULL THEN ? ELSE last_success_at END WHERE id = ?""",
            [
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    state.next_check_at,
                    state.error_count,
                    state.last_error,
                    state.disabled_reason,
                    state.last_error,
                    now,
                    state.feed_id,
                )
                for state in states
            ],
        )


@dataclass(frozen=True, slots=True)
class FeedState:
    """What one check leaves on a feed's row."""

    feed_id: str
    url: str
    etag: str | None
    last_modified: str | None
    next_check_at: float
    error_count: int
    last_error: str | None
    disabled_reason: str | None


_COLUMNS = "id, name, url, etag, last_modified, next_check_at, error_count, last_error, disabled_reason"

# Keyed by "is PostgreSQL": there, concurrent claims each lock the rows they take and skip
# those another claim holds, so no feed is taken twice (SQLite's one write lock does that itself).
_CLAIM = """UPDATE feeds SET claimed_by = ?, lease_until = ?
            WHERE id IN (SELECT id FROM feeds
                         WHERE disabled_reason IS NULL AND next_check_at <= ? AND lease_until < ?
                         ORDER BY next_check_at LIMIT ? {lock})
            RETURNING {columns}"""
_CLAIM_DUE = {
    False: _CLAIM.format(lock="", columns=_COLUMNS),
    True: _CLAIM.format(lock="FOR UPDATE SKIP LOCKED", columns=_COLUMNS),
}
