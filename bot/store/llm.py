"""SQL for model calls (token usage), the daily budget, the briefing cache and its claims,
and verification rejections.

Processes sharing one database share the budget and the cache: a call's tokens are reserved
in one statement before it is made (`reserve_tokens`), and one process at a time writes the
briefing of an article text (`claim_briefing`).
"""

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

    async def reserve_tokens(self, day: str, tokens: int, budget: int | None) -> bool:
        """Count `tokens` against `day` if they fit in `budget` (None: no limit); False if not.

        One UPDATE checks and counts, so processes reserving at once at the budget's edge are
        serialised by the row: the second sees the first's tokens. The day's row starts from
        the tokens llm_calls already holds for it."""
        if await self._add_within(day, tokens, budget):
            return True
        if await self.budget_used(day) is not None:
            return False
        await self.db.execute(
            """INSERT INTO llm_budget_days(day, used)
               SELECT ?, COALESCE(SUM(total_tokens), 0) FROM llm_calls WHERE day = ?
               ON CONFLICT(day) DO NOTHING""",
            (day, day),
        )
        return await self._add_within(day, tokens, budget)

    async def _add_within(self, day: str, tokens: int, budget: int | None) -> bool:
        sql = "UPDATE llm_budget_days SET used = used + ? WHERE day = ?"
        args: tuple[int | str, ...] = (tokens, day)
        if budget is not None:
            sql, args = sql + " AND used + ? <= ?", (*args, tokens, budget)
        async with self.db.execute(sql, args) as cur:
            return bool(cur.rowcount == 1)

    async def settle_tokens(self, day: str, correction: int) -> None:
        """Replace a reservation by what the call really cost (`correction` = real - reserved)."""
        if correction:
            await self.db.execute("UPDATE llm_budget_days SET used = used + ? WHERE day = ?", (correction, day))

    async def budget_used(self, day: str) -> int | None:
        """Tokens counted against `day`'s budget, calls in flight included; None before the first."""
        async with self.db.execute("SELECT used FROM llm_budget_days WHERE day = ?", (day,)) as cur:
            row = await cur.fetchone()
        return None if row is None else int(row[0])

    async def claim_briefing(self, content_hash: str, holder: str, seconds: float) -> bool:
        """Take the writing of one article text's briefing, unless another holder's claim runs."""
        now = time.time()
        async with self.db.execute(
            """INSERT INTO briefing_claims(content_hash, holder, lease_until) VALUES (?, ?, ?)
               ON CONFLICT(content_hash) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
               WHERE briefing_claims.holder = excluded.holder OR briefing_claims.lease_until < ?""",
            (content_hash, holder, now + seconds, now),
        ) as cur:
            return bool(cur.rowcount == 1)

    async def briefing_claimed(self, content_hash: str) -> bool:
        """Whether someone's claim on the article text still runs."""
        async with self.db.execute(
            "SELECT 1 FROM briefing_claims WHERE content_hash = ? AND lease_until >= ?", (content_hash, time.time())
        ) as cur:
            return await cur.fetchone() is not None

    async def release_briefing(self, content_hash: str, holder: str) -> None:
        await self.db.execute(
            "DELETE FROM briefing_claims WHERE content_hash = ? AND holder = ?", (content_hash, holder)
        )

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
