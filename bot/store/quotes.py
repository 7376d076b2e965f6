"""SQL for an article's analysis: its quotes and framing notes.

Re-analysing an article replaces its rows and nothing else. Only what was said is
stored: a belief, perception, stance or intention the engine found ("X believes …",
"X plans to …") and words denied or never said ("X denied that …", "X never claimed …")
stay out (`Quote.said`), so no briefing built from the store and no answer to /ask or
/who shows one as someone's words.
"""

from __future__ import annotations

import aiosqlite

from bot.models import Analysis, Framing, Quote
from bot.store import search
from bot.store.db import execute_many, is_postgres, savepoint


class QuoteStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def replace_analysis(
        self, article_id: int, analysis: Analysis, speaker_ids: dict[str, int] | None = None
    ) -> None:
        """Swap the article's quotes and framing for `analysis`, atomically."""
        async with savepoint(self.db, "replace_analysis"):
            await self.db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            await self.db.execute("DELETE FROM framing WHERE article_id = ?", (article_id,))
            await self.add_analysis(article_id, analysis, speaker_ids)

    async def add_analysis(
        self, article_id: int, analysis: Analysis, speaker_ids: dict[str, int] | None = None
    ) -> None:
        """Store the analysis of an article that has none yet (at most two statements: ingest's path).

        Run it inside the caller's transaction, so the article is never seen half analysed.
        """
        speaker_ids = speaker_ids or {}
        # SQLite's FTS5 index is kept by triggers; PostgreSQL's search columns are written here.
        postgres = is_postgres(self.db)
        quotes = [
            (
                article_id,
                n,
                q.kind,
                q.text,
                q.start,
                q.end,
                speaker_ids.get(q.speaker or ""),
                q.speaker,
                q.speaker_role,
                q.via,
                q.cue,
                q.cue_kind,
                q.attribution,
                *(search.document(q.text, q.speaker, q.speaker_role) if postgres else ()),
            )
            for n, q in enumerate(q for q in analysis.quotes if q.said)
        ]
        framing = [(article_id, n, f.phrase, f.start, f.end, f.kind) for n, f in enumerate(analysis.framing)]
        if quotes:
            await execute_many(self.db, _INSERT_PG if postgres else _INSERT, quotes)
        if framing:
            await execute_many(
                self.db,
                """INSERT INTO framing(article_id, ordinal, phrase, start, "end", kind)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                framing,
            )

    async def analysis(self, article_id: int) -> Analysis:
        async with self.db.execute(
            """SELECT kind, text, start, "end", speaker_name, speaker_role, via, cue, cue_kind, attribution
               FROM quotes WHERE article_id = ? ORDER BY ordinal""",
            (article_id,),
        ) as cur:
            quotes = tuple(Quote(*row) for row in await cur.fetchall())
        async with self.db.execute(
            'SELECT phrase, start, "end", kind FROM framing WHERE article_id = ? ORDER BY ordinal',
            (article_id,),
        ) as cur:
            framing = tuple(Framing(*row) for row in await cur.fetchall())
        return Analysis(quotes=quotes, framing=framing)


_INSERT = """INSERT INTO quotes(article_id, ordinal, kind, text, start, "end", speaker_id,
                                speaker_name, speaker_role, via, cue, cue_kind, attribution)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_PG = """INSERT INTO quotes(article_id, ordinal, kind, text, start, "end", speaker_id,
                                   speaker_name, speaker_role, via, cue, cue_kind, attribution,
                                   search, search_tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS tsvector), ?)"""
