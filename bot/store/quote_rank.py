"""Quotes matching a search on PostgreSQL, best first by FTS5's bm25, ranked and cut in SQL.

SQLite's FTS5 ranks inside its index. PostgreSQL has no bm25, and bringing every matching
quote back to rank it here grew with the store: a common word on a store of 100,000 quotes
brought back thousands of rows per question. So the score is computed in SQL, with the same
operations in the same order as `search.bm25` (equal scores stay equal, and ties fall to the
newest as on SQLite), and only the best `limit` rows come back, to be ranked again here from
their text. A word's count in a row is the number of its positions in the row's tsvector,
exact unless the row's index says otherwise (a very long quote, or a word repeated more often
than a lexeme keeps places, see bot/store/search.py): such rows come back too, all that may
match, and are checked and scored from their text.
"""

from __future__ import annotations

from typing import Any

from bot.store import search
from bot.store.search_text import RowText

_SOURCE = "FROM quotes q JOIN articles a ON a.id = q.article_id"
_NEWEST = "COALESCE(a.published_at, a.fetched_at) DESC, q.id DESC"
# How many positions a word (or a prefix's words) has in q.search: see _score
COUNT = "round(ts_rank_cd(q.search, CAST(? AS tsquery)) * 10)::float8"


async def ranked_quotes(
    db: Any, found: search.Search, hit: str, where: list[str], params: list[object], limit: int
) -> list[Any]:
    """The best `limit` rows of `hit` columns (then speaker name, role and token count) among
    quotes matching `found` and the conditions `where` (on q and a), best first."""
    if found.tsquery is None:
        return []
    rows_with = await _rows_with(db, found)
    totals = await _totals(db) if any(rows_with) else None
    filters = "".join(f"{condition} AND " for condition in where)
    rows = await _partial_rows(db, found, hit, filters, params)
    if totals is None and rows:
        totals = await _totals(db)
    if totals is None:
        return []
    corpus = search.Corpus(*totals, rows_with)
    if any(rows_with):
        rows += await _best_rows(db, found, corpus, hit, filters, params, limit)
    rows.sort(key=lambda r: (search.bm25(found, corpus, (r[2], r[12], r[13]), r[14]), -r[11], -r[0]))
    return rows[:limit]


async def _best_rows(
    db: Any, found: search.Search, corpus: search.Corpus, hit: str, filters: str, params: list[object], limit: int
) -> list[Any]:
    """Rows whose index is whole, the best `limit` by bm25 computed in SQL (all of them, unordered,
    for a phrase of several words: /ask never asks for one, and SQL has no count for it)."""
    order: str = ""
    order_params: list[Any] = []
    cut: int | None = None
    if not found.positional:
        (order, order_params), cut = _score(found, corpus), limit
    return list(
        await db.execute_fetchall(
            f"""SELECT {hit}, q.speaker_name, q.speaker_role, q.search_tokens {_SOURCE}
                WHERE {filters}q.search @@ CAST(? AS tsquery) AND NOT q.search @@ CAST(? AS tsquery)
                ORDER BY {order}{_NEWEST} LIMIT ?""",
            (*params, found.tsquery, found.unsure(counting=True), *order_params, cut),
        )
    )


def _score(found: search.Search, corpus: search.Corpus) -> tuple[str, list[Any]]:
    """The ORDER BY term for a row's bm25, best first, and its parameters: `search.bm25` term by
    term, (idf * (freq * (k1 + 1))) / (freq + k1 * ((1 - b) + b * size / average)), summed left
    to right in double precision, so every score is the very number bm25 gives.

    A word's count in a row is how many positions it has, which PostgreSQL has no function for
    (unnesting every matching row's tsvector cost four times the search). ts_rank_cd gives it:
    for a query of one word (or one prefix) every position is a cover of its own, worth the
    weight of an unweighted position, 0.1, so the rank is 0.1 times the count."""
    average = corpus.tokens / corpus.rows
    k1, b = search.BM25_K1, search.BM25_B
    terms: list[str] = []
    params: list[Any] = []
    for phrase, hits in zip(found.phrases, corpus.rows_with, strict=True):
        terms.append(f"(? * ({COUNT} * ?)) / ({COUNT} + ? * (? + ? * q.search_tokens / ?))")
        params += [search.idf(corpus, hits), phrase.tsquery(), k1 + 1.0, phrase.tsquery(), k1, 1 - b, b, average]
    return f"({' + '.join(terms)}) DESC, ", params


async def _partial_rows(db: Any, found: search.Search, hit: str, filters: str, params: list[object]) -> list[Any]:
    """Rows whose index cannot count this search's words (very long quotes, or a word repeated
    past what the index keeps) that may match, checked against their text: the loose tsquery
    needs no positions, and rows with words left out all come."""
    rows = await db.execute_fetchall(
        f"""SELECT {hit}, q.speaker_name, q.speaker_role, q.search_tokens {_SOURCE}
            WHERE {filters}q.search @@ CAST(? AS tsquery)
            AND (q.search @@ CAST(? AS tsquery) OR q.search @@ CAST(? AS tsquery))""",
        (*params, found.unsure(counting=True), found.loose, search.PARTIAL_WORDS),
    )
    return [row for row in rows if RowText(row[2], row[12], row[13]).matches(found)]


async def _rows_with(db: Any, found: search.Search) -> tuple[int, ...]:
    """How many quotes hold each phrase (FTS5's count for its idf)."""
    counts = []
    for phrase in found.phrases:
        ((count,),) = await db.execute_fetchall(
            "SELECT COUNT(*) FROM quotes WHERE search @@ CAST(? AS tsquery)", (phrase.tsquery(),)
        )
        counts.append(int(count))
    return tuple(counts)


async def _totals(db: Any) -> tuple[int, int]:
    """How many quotes are stored and how many tokens they hold, as FTS5 keeps them for bm25."""
    ((rows, tokens),) = await db.execute_fetchall("SELECT COUNT(*), COALESCE(SUM(search_tokens), 0) FROM quotes")
    return int(rows), int(tokens)
