"""SQL for speakers: identity rows, aliases, roles, and quote retrieval for questions.

Quote searches join `quotes` with their article for the outlet, date and link;
a quote's date is its article's publication time, else its fetch time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import aiosqlite

from bot.store import search
from bot.store.db import execute_many, is_postgres, key_conflicts, savepoint
from bot.store.quote_rank import ranked_quotes

# The identity keys held by one speaker at most (migration 14's unique index): all but a
# surname-only person's, which the identity rules keep apart by role. An upsert names the
# index by repeating its condition.
ONE_SPEAKER_PER_KEY = "identity_key NOT LIKE 'person:%:'"


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    name: str
    kind: str
    given_key: str | None


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A stored quote with what an answer must cite: outlet, date, link, via."""

    id: int
    kind: str
    text: str
    speaker_id: int | None
    speaker_name: str | None
    speaker_role: str | None
    via: str | None
    article_id: int
    url: str
    outlet: str | None
    title: str | None
    at: float | None


_HIT = """q.id, q.kind, q.text, q.speaker_id, q.speaker_name, q.speaker_role, q.via,
          a.id, a.url, a.outlet, a.title, COALESCE(a.published_at, a.fetched_at)"""


_KEY_CONFLICTS = key_conflicts()


class SpeakerStore:
    # Ingest's reads use execute_fetchall: one trip to the connection's thread instead of three
    # (execute, fetch, close), and an article's speakers take a handful of such trips.
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    # ------------------------------------------------------------ identity
    async def people_with_surnames(self, surname_keys: list[str]) -> dict[str, list[SpeakerRow]]:
        """Every stored person with one of these surname keys, by key, in id order (one query)."""
        found: dict[str, list[SpeakerRow]] = {key: [] for key in surname_keys}
        if not surname_keys:
            return found
        marks = ",".join("?" * len(surname_keys))
        rows = await self.db.execute_fetchall(
            f"""SELECT id, name, kind, given_key, surname_key FROM speakers
                WHERE surname_key IN ({marks}) AND kind = 'person' ORDER BY id""",
            list(surname_keys),
        )
        for *row, key in rows:
            found[key].append(SpeakerRow(*row))
        return found

    async def by_identities(self, identity_keys: list[str]) -> dict[str, int]:
        """identity key -> the oldest speaker holding it, for every key found (one query)."""
        if not identity_keys:
            return {}
        marks = ",".join("?" * len(identity_keys))
        rows = await self.db.execute_fetchall(
            f"SELECT identity_key, MIN(id) FROM speakers WHERE identity_key IN ({marks}) GROUP BY identity_key",
            list(identity_keys),
        )
        return {key: speaker_id for key, speaker_id in rows}

    async def roles_of(self, speaker_ids: list[int]) -> dict[int, list[str]]:
        """Up to 50 distinct roles per speaker, for several speakers at once."""
        found: dict[int, list[str]] = {speaker_id: [] for speaker_id in speaker_ids}
        if not speaker_ids:
            return found
        marks = ",".join("?" * len(speaker_ids))
        rows = await self.db.execute_fetchall(
            f"SELECT DISTINCT speaker_id, role FROM speaker_roles WHERE speaker_id IN ({marks})", list(speaker_ids)
        )
        for speaker_id, role in rows:
            if len(found[speaker_id]) < 50:
                found[speaker_id].append(role)
        return found

    async def quote_counts(self, speaker_ids: list[int]) -> dict[int, int]:
        """Stored quotes per speaker (0 for none), in one query."""
        if not speaker_ids:
            return {}
        marks = ",".join("?" * len(speaker_ids))
        rows = await self.db.execute_fetchall(
            f"SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IN ({marks}) GROUP BY speaker_id",
            list(speaker_ids),
        )
        counts: dict[int, int] = {row[0]: row[1] for row in rows}
        return {speaker_id: counts.get(speaker_id, 0) for speaker_id in speaker_ids}

    async def add_aliases(self, rows: list[tuple[int, str, str]]) -> None:
        """(speaker id, alias, alias key) rows; known ones are kept as they are."""
        await execute_many(
            self.db,
            "INSERT INTO speaker_aliases(speaker_id, alias, alias_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )

    async def add_roles(self, rows: list[tuple[int, int, str]]) -> None:
        """(speaker id, article id, role) rows."""
        await execute_many(
            self.db,
            "INSERT INTO speaker_roles(speaker_id, article_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )

    async def create(
        self, name: str, kind: str, identity_key: str, surname_key: str | None = None, given_key: str | None = None
    ) -> int:
        """A new speaker, or the one holding `identity_key` already: another process storing an
        article that quotes the same new person may have created them a moment ago (on PostgreSQL
        the insert waits for that process's transaction to end, then finds its row)."""
        # execute_fetchall finishes the statement at once: an INSERT left
        # half-read would block savepoints and commits on the shared connection.
        rows = list(
            await self.db.execute_fetchall(
                f"""INSERT INTO speakers(name, identity_key, kind, created_at, surname_key, given_key)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (identity_key) WHERE {ONE_SPEAKER_PER_KEY} DO NOTHING RETURNING id""",
                (name, identity_key, kind, time.time(), surname_key, given_key or None),
            )
        )
        if rows:
            return int(rows[0][0])
        return (await self.by_identities([identity_key]))[identity_key]

    async def upgrade_name(self, speaker_id: int, name: str, identity_key: str, given_key: str) -> int:
        """A surname-only speaker learns its first name from a later article; returns the speaker
        the full name belongs to: this one, or the one another process created with that name
        meanwhile (this one then stays surname-only, as if it had not been asked)."""
        try:
            async with savepoint(self.db, "speaker_name"):
                await self.db.execute(
                    "UPDATE speakers SET name = ?, identity_key = ?, given_key = ? WHERE id = ?",
                    (name, identity_key, given_key, speaker_id),
                )
        except _KEY_CONFLICTS:
            return (await self.by_identities([identity_key]))[identity_key]
        return speaker_id

    async def merged_into(self, speaker_id: int) -> int:
        """The speaker an id stands for now: ids merged away (migration 14) live on in the
        "Who is ...?" buttons of messages already sent."""
        for (into_id,) in await self.db.execute_fetchall(
            "SELECT into_id FROM speaker_merges WHERE merged_id = ?", (speaker_id,)
        ):
            return int(into_id)
        return speaker_id

    async def get(self, speaker_id: int) -> SpeakerRow | None:
        async with self.db.execute("SELECT id, name, kind, given_key FROM speakers WHERE id = ?", (speaker_id,)) as cur:
            row = await cur.fetchone()
        return SpeakerRow(*row) if row else None

    async def by_alias_keys(self, keys: list[str]) -> list[tuple[str, int, int]]:
        """(alias_key, speaker_id, stored quote count) for every alias among `keys`."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        async with self.db.execute(
            f"""SELECT DISTINCT sa.alias_key, sa.speaker_id,
                       (SELECT COUNT(*) FROM quotes q WHERE q.speaker_id = sa.speaker_id)
                FROM speaker_aliases sa WHERE sa.alias_key IN ({marks})""",
            keys,
        ) as cur:
            return [tuple(row) for row in await cur.fetchall()]

    async def aliases_starting(self, first_letter: str, limit: int = 5000) -> list[str]:
        """Aliases whose key starts with `first_letter`, for 'did you mean' hints."""
        upper = first_letter[:-1] + chr(ord(first_letter[-1]) + 1)
        async with self.db.execute(
            "SELECT DISTINCT alias FROM speaker_aliases WHERE alias_key >= ? AND alias_key < ? LIMIT ?",
            (first_letter, upper, limit),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def roles_with_outlets(self, speaker_id: int, limit: int = 8) -> list[tuple[str, str | None]]:
        """(role, outlet) pairs, most recent article first, each pair once."""
        async with self.db.execute(
            """SELECT sr.role, a.outlet, MAX(COALESCE(a.published_at, a.fetched_at)) AS at
               FROM speaker_roles sr JOIN articles a ON a.id = sr.article_id
               WHERE sr.speaker_id = ? GROUP BY sr.role, a.outlet ORDER BY at DESC LIMIT ?""",
            (speaker_id, limit),
        ) as cur:
            return [(row[0], row[1]) for row in await cur.fetchall()]

    async def main_speaker(self, article_id: int) -> int | None:
        """The article's most quoted speaker (direct quotes count double)."""
        async with self.db.execute(
            """SELECT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL
               GROUP BY speaker_id
               ORDER BY SUM(CASE kind WHEN 'indirect' THEN 1 ELSE 2 END) DESC, MIN(ordinal) LIMIT 1""",
            (article_id,),
        ) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def of_article(self, article_id: int) -> list[tuple[int, str]]:
        """(speaker id, name) of the people quoted in an article, in order of appearance."""
        async with self.db.execute(
            """SELECT s.id, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id
               WHERE q.article_id = ? AND s.kind = 'person'
               GROUP BY s.id ORDER BY MIN(q.ordinal)""",
            (article_id,),
        ) as cur:
            return [(row[0], row[1]) for row in await cur.fetchall()]

    async def quotes(
        self,
        *,
        speaker_ids: list[int] | None = None,
        match: str | None = None,
        since: float | None = None,
        until: float | None = None,
        article_id: int | None = None,
        limit: int = 6,
    ) -> list[QuoteHit]:
        """Quotes by these speakers / matching this FTS5 expression, newest first;
        `since`/`until` bound when the article was stored (epoch seconds).

        With `match`, FTS5's bm25 rank orders the hits; `match` must be built by
        bot.questions.fts, never taken from user text.
        """
        where: list[str] = []
        params: list[object] = []
        source = "quotes q"
        order = "COALESCE(a.published_at, a.fetched_at) DESC, q.id DESC"
        if match and is_postgres(self.db):
            return await self._ranked_quotes(search.parse(match), speaker_ids, since, until, article_id, limit)
        if match:
            source = "quotes_fts f JOIN quotes q ON q.id = f.rowid"
            where.append("quotes_fts MATCH ?")
            params.append(match)
            order = "f.rank, " + order
        if speaker_ids:
            where.append(f"q.speaker_id IN ({','.join('?' * len(speaker_ids))})")
            params.extend(speaker_ids)
        if article_id is not None:
            where.append("q.article_id = ?")
            params.append(article_id)
        # "today" is when the bot stored the statement, not the article's own date line
        if since is not None:
            where.append("a.fetched_at >= ?")
            params.append(since)
        if until is not None:
            where.append("a.fetched_at < ?")
            params.append(until)
        sql = (
            f"SELECT {_HIT} FROM {source} JOIN articles a ON a.id = q.article_id "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ?"
        )
        async with self.db.execute(sql, (*params, limit)) as cur:
            return [QuoteHit(*row) for row in await cur.fetchall()]

    async def _ranked_quotes(
        self,
        found: search.Search,
        speaker_ids: list[int] | None,
        since: float | None,
        until: float | None,
        article_id: int | None,
        limit: int,
    ) -> list[QuoteHit]:
        """PostgreSQL: the quotes the tsquery matches, in FTS5's bm25 order (bot/store/quote_rank.py)."""
        where: list[str] = []
        params: list[object] = []
        for sql, value in (("q.article_id = ?", article_id), ("a.fetched_at >= ?", since), ("a.fetched_at < ?", until)):
            if value is not None:
                where.append(sql)
                params.append(value)
        if speaker_ids:
            where.append(f"q.speaker_id IN ({','.join('?' * len(speaker_ids))})")
            params.extend(speaker_ids)
        rows = await ranked_quotes(self.db, found, _HIT, where, params, limit)
        return [QuoteHit(*row[:12]) for row in rows]

    async def kind_counts(self, speaker_ids: list[int]) -> dict[str, int]:
        marks = ",".join("?" * len(speaker_ids))
        async with self.db.execute(
            f"SELECT kind, COUNT(*) FROM quotes WHERE speaker_id IN ({marks}) GROUP BY kind", speaker_ids
        ) as cur:
            return {row[0]: row[1] for row in await cur.fetchall()}
