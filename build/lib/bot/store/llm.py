"""SQL for model calls (token usage), the briefing cache and verification rejections."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import aiosqlite


def utc_day(now: float | None = None) -> str:
    """The UTC calendar day budgets are counted in, as YYYY-MM-DD."""
    moment = datetime.fromtimestamp(time.time() if now is None else now, tz=UTC)
    return moment.date().isoformat()


class LLMStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def record_call(
        self,
        *,
        purpose: str,
        model: str,
        outcome: str,
        content_hash: str | None = None,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        total_tokens: int = 0,
        now: float | None = None,
    ) -> None:
        now = time.time() if now is None else now
        await self.db.execute(
            """INSERT INTO llm_calls(purpose, model, content_hash, prompt_tokens,
                                     completion_tokens, total_tokens, outcome, day, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (purpose, model, content_hash, prompt_tokens, completion_tokens, total_tokens, outcome, utc_day(now), now),
        )

    async def tokens_on(self, day: str) -> int:
        async with self.db.execute("SELECT COALESCE(SUM(total_tokens), 0) FROM llm_calls WHERE day = ?", (day,)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def calls_for(self, content_hash: str) -> list[tuple[str, int]]:
        """(outcome, total_tokens) of every call made for one article text."""
        async with self.db.execute(
            "SELECT outcome, total_tokens FROM llm_calls WHERE content_hash = ? ORDER BY id",
            (content_hash,),
        ) as cur:
            return [(row[0], int(row[1])) for row in await cur.fetchall()]

    async def briefing_body(self, content_hash: str) -> str | None:
        """The cached briefing of one article text, as its writer serialised it."""
        async with self.db.execute("SELECT body FROM briefings WHERE content_hash = ?", (content_hash,)) as cur:
            row = await cur.fetchone()
        return None if row is None else str(row[0])

    async def put_briefing_body(self, content_hash: str, mode: str, body: str) -> None:
        await self.db.execute(
            """INSERT INTO briefings(content_hash, mode, body, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(content_hash) DO UPDATE SET mode = excluded.mode,
                   body = excluded.body, created_at = excluded.created_at""",
            (content_hash, mode, body, time.time()),
        )

    async def record_rejection(self, purpose: str, reason: str, detail: str | None = None) -> None:
        await self.db.execute(
            "INSERT INTO llm_rejections(purpose, reason, detail, created_at) VALUES (?, ?, ?, ?)",
            (purpose, reason, detail, time.time()),
        )

    async def rejection_counts(self, purpose: str | None = None) -> dict[str, int]:
        sql = "SELECT reason, COUNT(*) FROM llm_rejections"
        args: tuple[str, ...] = ()
        if purpose is not None:
            sql, args = sql + " WHERE purpose = ?", (purpose,)
        async with self.db.execute(sql + " GROUP BY reason ORDER BY reason", args) as cur:
            return {row[0]: int(row[1]) for row in await cur.fetchall()}
