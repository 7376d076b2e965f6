"""Stored articles whose topic matches are not recorded yet, claimed like feeds with a lease.

The process that stores an article holds it until its feed lease would end; if that process dies
before matching it, any process's next cycle claims it once the lease has run out. Matching twice
records nothing new (matches are keyed by topic and article), so a lease that ends too early costs
work, never a second briefing.
"""

from __future__ import annotations

from typing import Any

from bot.store.db import execute_many, is_postgres


class AwaitingMatchStore:
    def __init__(self, db: Any) -> None:
        self.db = db

    async def add(self, article_ids: list[int], owner: str, lease_until: float) -> None:
        """Newly stored articles, held by `owner` until `lease_until`; inside the storing transaction."""
        await execute_many(
            self.db,
            "INSERT INTO awaiting_match(article_id, claimed_by, lease_until) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(article_id, owner, lease_until) for article_id in article_ids],
        )

    async def claim(self, owner: str, now: float, lease_seconds: float, limit: int) -> list[int]:
        """Take up to `limit` articles that still await matching and that no other live lease
        holds (`owner`'s own are taken again: a match of its own that failed), oldest first."""
        rows = await self.db.execute_fetchall(
            _CLAIM[is_postgres(self.db)], (owner, now + lease_seconds, now, owner, limit)
        )
        return sorted(row[0] for row in rows)

    async def matched(self, article_ids: list[int]) -> None:
        """Their matches are recorded: inside the transaction that records them."""
        await execute_many(self.db, "DELETE FROM awaiting_match WHERE article_id = ?", [(a,) for a in article_ids])


# Keyed by "is PostgreSQL": there, concurrent claims skip the rows another claim holds locked.
_CLAIM_SQL = """UPDATE awaiting_match SET claimed_by = ?, lease_until = ?
                WHERE article_id IN (SELECT article_id FROM awaiting_match
                                     WHERE lease_until < ? OR claimed_by = ?
                                     ORDER BY article_id LIMIT ? {lock})
                RETURNING article_id"""
_CLAIM = {False: _CLAIM_SQL.format(lock=""), True: _CLAIM_SQL.format(lock="FOR UPDATE SKIP LOCKED")}
