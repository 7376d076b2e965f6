"""SQL for articles and their full-text index (FTS5 on SQLite, a tsvector column on PostgreSQL)."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from bot.models import Article
from bot.store import search
from bot.store.db import is_postgres
from bot.store.search_text import RowText

# Long articles read back to check a topic against their text (their index is partial, see
# bot/store/search.py); matching a batch asks once per topic, so the last few stay tokenised.
_TEXTS_KEPT = 8


@dataclass(slots=True)
class StoredArticle:
    id: int
    feed_id: str | None
    article: Article
    text_hash: str
    fetched_at: float


class ArticleStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self._texts: OrderedDict[int, RowText] = OrderedDict()

    async def known_urls(self, canonical_urls: list[str]) -> set[str]:
        """Which of these canonical URLs are stored already, in one query."""
        if not canonical_urls:
            return set()
        marks = ",".join("?" * len(canonical_urls))
        rows = await self.db.execute_fetchall(
            f"SELECT canonical_url FROM articles WHERE canonical_url IN ({marks})", canonical_urls
        )
        return {row[0] for row in rows}

    async def add(
        self,
        article: Article,
        *,
        canonical_url: str,
        text_hash: str,
        feed_id: str | None,
        from_summary: bool = False,
    ) -> int | None:
        """Store a new article; None when its canonical URL or its text is already stored."""
        published = article.published.timestamp() if article.published else None
        # SQLite's FTS5 index is kept by triggers; PostgreSQL's search column is written here.
        sql = _INSERT
        extra: tuple[str, ...] = ()
        if is_postgres(self.db):
            sql, extra = _INSERT_PG, (search.document(article.title, article.text)[0],)
        # execute_fetchall finishes the statement at once: an INSERT left
        # half-read would block savepoints and commits on the shared connection.
        rows = await self.db.execute_fetchall(
            sql,
            (
                feed_id,
                article.url,
                canonical_url,
                article.title,
                article.outlet,
                article.author,
                published,
                time.time(),
                article.text,
                text_hash,
                int(from_summary),
                *extra,
            ),
        )
        first = next(iter(rows), None)
        return int(first[0]) if first else None

    async def get(self, article_id: int) -> StoredArticle | None:
        async with self.db.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)) as cur:
            row = await cur.fetchone()
        return _stored(row) if row else None

    async def matching(
        self, fts_expression: str, article_ids: list[int], feed_ids: tuple[str, ...] | None = None
    ) -> list[int]:
        """Which of `article_ids` (from `feed_ids`, if given) the FTS5 expression matches."""
        if not article_ids or feed_ids == ():
            return []
        if is_postgres(self.db):
            return await self._matching_pg(fts_expression, article_ids, feed_ids)
        marks = ",".join("?" * len(article_ids))
        feed_filter = ""
        feed_args: tuple[str, ...] = ()
        if feed_ids is not None:
            feed_filter = f"AND rowid IN (SELECT id FROM articles WHERE feed_id IN ({','.join('?' * len(feed_ids))}))"
            feed_args = tuple(feed_ids)
        async with self.db.execute(
            f"""SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
                AND rowid IN ({marks}) {feed_filter}""",
            (fts_expression, *article_ids, *feed_args),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def _matching_pg(
        self, fts_expression: str, article_ids: list[int], feed_ids: tuple[str, ...] | None
    ) -> list[int]:
        found = search.parse(fts_expression)
        if found.tsquery is None:
            return []
        # Rows whose index cannot answer (long texts, see search.py) come along when they may
        # match, all of them when words were left out; their own text decides.
        unsure = found.unsure()
        # The ids go as one array parameter: a statement with a placeholder per id is parsed
        # afresh for every topic (psycopg caches only short ones), which cost more than the search.
        sql = """SELECT id, search @@ CAST(? AS tsquery), search @@ CAST(? AS tsquery) FROM articles
                 WHERE (search @@ CAST(? AS tsquery) OR search @@ CAST(? AS tsquery)
                        OR (search @@ CAST(? AS tsquery) AND search @@ CAST(? AS tsquery)))
                   AND id = ANY(?)"""
        params: tuple[object, ...] = (found.tsquery, unsure, found.tsquery, search.PARTIAL_WORDS, unsure, found.loose)
        params += (list(article_ids),)
        if feed_ids is not None:
            sql, params = sql + " AND feed_id = ANY(?)", (*params, list(feed_ids))
        rows = await self.db.execute_fetchall(sql + " ORDER BY id", params)
        texts = await self._row_texts([row[0] for row in rows if row[2]])
        return [row[0] for row in rows if (texts[row[0]].matches(found) if row[2] else row[1])]

    async def _row_texts(self, article_ids: list[int]) -> dict[int, RowText]:
        """The articles' title and text, tokenised (the last few kept for the next topic)."""
        missing = [n for n in article_ids if n not in self._texts]
        if missing:
            rows = await self.db.execute_fetchall("SELECT id, title, text FROM articles WHERE id = ANY(?)", (missing,))
            for row in rows:
                self._texts[row[0]] = RowText(row[1], row[2])
        texts = {}
        for n in article_ids:
            self._texts.move_to_end(n)
            texts[n] = self._texts[n]
        while len(self._texts) > _TEXTS_KEPT:
            self._texts.popitem(last=False)
        return texts

    async def matching_each(self, fts_expressions: list[str], article_ids: list[int]) -> list[list[int]]:
        """For each FTS5 expression, which of `article_ids` it matches, in id order.

        On PostgreSQL all of them go in one statement: a poll cycle matches every
        subscribed topic, and a round trip per topic cost more than the searches."""
        if not article_ids or not fts_expressions:
            return [[] for _ in fts_expressions]
        if not is_postgres(self.db):
            return [await self.matching(expression, article_ids) for expression in fts_expressions]
        searches = [search.parse(expression) for expression in fts_expressions]
        found: list[list[int]] = [[] for _ in fts_expressions]
        asked = [(n, one) for n, one in enumerate(searches) if one.tsquery is not None]
        if not asked:
            return found
        # Each topic's test is _matching_pg's: its index decides, but for the rows it cannot
        # answer (long texts), which come along when they may match and their own text decides.
        rows = await self.db.execute_fetchall(
            """SELECT t.n, a.id, a.search @@ t.query, a.search @@ t.unsure
               FROM unnest(CAST(? AS int[]), CAST(? AS tsquery[]), CAST(? AS tsquery[]), CAST(? AS tsquery[]))
                    AS t(n, query, unsure, loose)
               JOIN articles a ON (a.search @@ t.query OR a.search @@ CAST(? AS tsquery)
                                   OR (a.search @@ t.unsure AND a.search @@ t.loose))
               WHERE a.id = ANY(?) ORDER BY a.id""",
            (
                [n for n, _ in asked],
                [one.tsquery for _, one in asked],
                [one.unsure() for _, one in asked],
                [one.loose for _, one in asked],
                search.PARTIAL_WORDS,
                list(article_ids),
            ),
        )
        texts = await self._row_texts(sorted({row[1] for row in rows if row[3]}))
        for n, article_id, indexed, unsure in rows:
            if texts[article_id].matches(searches[n]) if unsure else indexed:
                found[n].append(article_id)
        return found

    async def feeds_of(self, article_ids: list[int]) -> dict[int, str | None]:
        """article id -> the feed it came from (None: added by hand)."""
        if not article_ids:
            return {}
        if is_postgres(self.db):
            rows = await self.db.execute_fetchall(
                "SELECT id, feed_id FROM articles WHERE id = ANY(?)", (list(article_ids),)
            )
        else:
            marks = ",".join("?" * len(article_ids))
            rows = await self.db.execute_fetchall(
                f"SELECT id, feed_id FROM articles WHERE id IN ({marks})", article_ids
            )
        return {row[0]: row[1] for row in rows}

    async def from_feeds(self, article_ids: list[int], feed_ids: tuple[str, ...]) -> list[int]:
        """Which of `article_ids` came from `feed_ids` (an "everything from this feed" topic)."""
        if not article_ids or not feed_ids:
            return []
        if is_postgres(self.db):  # array parameters: see _matching_pg
            rows = await self.db.execute_fetchall(
                "SELECT id FROM articles WHERE id = ANY(?) AND feed_id = ANY(?)", (list(article_ids), list(feed_ids))
            )
            return [row[0] for row in rows]
        async with self.db.execute(
            f"""SELECT id FROM articles WHERE id IN ({",".join("?" * len(article_ids))})
                AND feed_id IN ({",".join("?" * len(feed_ids))})""",
            (*article_ids, *feed_ids),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]

    async def since(self, fetched_after: float, limit: int = 500) -> list[int]:
        async with self.db.execute(
            "SELECT id FROM articles WHERE fetched_at >= ? ORDER BY id LIMIT ?",
            (fetched_after, limit),
        ) as cur:
            return [row[0] for row in await cur.fetchall()]


_INSERT = """INSERT INTO articles(feed_id, url, canonical_url, title, outlet, author,
                                  published_at, fetched_at, text, text_hash, from_summary)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT DO NOTHING RETURNING id"""
_INSERT_PG = """INSERT INTO articles(feed_id, url, canonical_url, title, outlet, author,
                                     published_at, fetched_at, text, text_hash, from_summary, search)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS tsvector))
                ON CONFLICT DO NOTHING RETURNING id"""
_COLUMNS = "id, feed_id, url, title, outlet, author, published_at, text, text_hash, fetched_at"


def _stored(row: aiosqlite.Row) -> StoredArticle:
    published = datetime.fromtimestamp(row["published_at"], tz=UTC) if row["published_at"] is not None else None
    article = Article(
        url=row["url"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=published,
    )
    return StoredArticle(row["id"], row["feed_id"], article, row["text_hash"], row["fetched_at"])
