"""Copy one installation's data into another database (`briefbot migrate-db`).

Either side may be SQLite or PostgreSQL; both are migrated to the same schema
first. The source is read in one snapshot (a running bot may go on writing),
the target written in one transaction, so a failed copy leaves it as it was.
Each table is made equal to the source's: rows the source no longer has are
deleted, every other row upserted by its key, so running the copy again
changes nothing, and running it after the bot wrote more brings those rows over.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from bot.store import Store, search
from bot.store.db import execute_many

# Every table, parents before children, with its key.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("feeds", ("id",)),
    ("articles", ("id",)),
    ("topics", ("id",)),
    ("topic_articles", ("topic_id", "article_id")),
    ("chats", ("id",)),
    ("subscriptions", ("chat_id", "topic_id")),
    ("deliveries", ("chat_id", "thread_id", "item")),
    ("speakers", ("id",)),
    ("speaker_aliases", ("speaker_id", "alias_key")),
    ("speaker_roles", ("speaker_id", "article_id", "role")),
    ("speaker_merges", ("merged_id",)),
    ("quotes", ("id",)),
    ("framing", ("article_id", "ordinal")),
    ("llm_calls", ("id",)),
    ("briefings", ("content_hash",)),
    ("llm_rejections", ("id",)),
    ("chat_feeds", ("chat_id", "feed_id")),
    ("filtered_out", ("chat_id", "topic_id", "article_id")),
    ("awaiting_match", ("article_id",)),  # still to be matched in the new database
)
# What running processes keep for the moment (heartbeats, who sends, the last minute's commands,
# model calls in flight and the day's budget count, rebuilt from llm_calls): the new database starts without.
RUNTIME_TABLES = ("leases", "processes", "rate_window_events", "llm_budget_days", "briefing_claims")
# PostgreSQL's full-text columns are derived from others, so they are written, not copied.
_DERIVED = {"search", "search_tokens"}
_DERIVED_MARKS = {"search": "CAST(? AS tsvector)", "search_tokens": "?"}
# Tables whose ids PostgreSQL numbers itself (identity columns).
_NUMBERED = ("articles", "speakers", "quotes", "llm_calls", "llm_rejections")
_PAGE = 1000


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int  # rows in the source, now in the target
    deleted: int  # target rows the source did not have


async def copy_database(source: Store, target: Store) -> list[TableCopy]:
    """Make every table of `target` hold what `source` holds; returns what was done per table."""
    report: list[TableCopy] = []
    async with _snapshot(source), target.unit_of_work():
        deleted = {}
        for table, key in reversed(TABLES):  # children first, so no key is still referred to
            deleted[table] = await _delete_missing(source, target, table, key)
        for table, key in TABLES:
            rows = await _upsert_all(source, target, table, key)
            report.append(TableCopy(table, rows, deleted[table]))
        if target.postgres:
            await _advance_identities(target)
    return report


@contextlib.asynccontextmanager
async def _snapshot(store: Store) -> AsyncIterator[None]:
    """One consistent view of the source while it is read."""
    await store.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if store.postgres else "BEGIN")
    try:
        yield
    finally:
        await store.db.execute("ROLLBACK")


async def columns(store: Store, table: str) -> list[str]:
    if store.postgres:
        sql = """SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position"""
    else:
        sql = "SELECT name FROM pragma_table_info(?) ORDER BY cid"
    return [row[0] for row in await store.db.execute_fetchall(sql, (table,))]


async def _keys(store: Store, table: str, key: tuple[str, ...]) -> set[tuple[Any, ...]]:
    rows = await store.db.execute_fetchall(f"SELECT {', '.join(key)} FROM {table}")
    return {tuple(row) for row in rows}


async def _delete_missing(source: Store, target: Store, table: str, key: tuple[str, ...]) -> int:
    gone = await _keys(target, table, key) - await _keys(source, table, key)
    if gone:
        where = " AND ".join(f"{column} = ?" for column in key)
        await execute_many(target.db, f"DELETE FROM {table} WHERE {where}", sorted(gone))
    return len(gone)


async def _upsert_all(source: Store, target: Store, table: str, key: tuple[str, ...]) -> int:
    wanted = set(await columns(target, table)) - _DERIVED
    shared = [column for column in await columns(source, table) if column in wanted]
    derived = _derived_columns(table) if target.postgres else []
    names = shared + [name for name, _ in derived]
    updates = [column for column in names if column not in key]
    marks = ["?"] * len(shared) + [_DERIVED_MARKS[name] for name, _ in derived]
    sql = (
        f"INSERT INTO {table}({', '.join(_quoted(names))}) VALUES ({', '.join(marks)}) ON CONFLICT ({', '.join(key)}) "
    )
    sql += "DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in updates) if updates else "DO NOTHING"
    copied = 0
    after: tuple[Any, ...] = ()
    while rows := await _page(source, table, shared, key, after):
        await execute_many(target.db, sql, [_with_derived(table, shared, tuple(row), derived) for row in rows])
        copied += len(rows)
        after = tuple(rows[-1][shared.index(column)] for column in key)
    return copied


async def _page(store: Store, table: str, names: list[str], key: tuple[str, ...], after: tuple[Any, ...]) -> list[Any]:
    """The next rows in key order after the key `after` (the first rows when it is empty): each page
    is found through the key's index, however far into the table it is."""
    where = f"WHERE ({', '.join(key)}) > ({', '.join('?' * len(key))})" if after else ""
    sql = f"SELECT {', '.join(_quoted(names))} FROM {table} {where} ORDER BY {', '.join(key)} LIMIT ?"
    return list(await store.db.execute_fetchall(sql, (*after, _PAGE)))


def _quoted(names: list[str]) -> list[str]:
    return [f'"{name}"' for name in names]


def _derived_columns(table: str) -> list[tuple[str, tuple[str, ...]]]:
    """PostgreSQL's search columns of a table, and the columns each is derived from."""
    if table == "articles":
        return [("search", ("title", "text"))]
    if table == "quotes":
        return [("search", ("text", "speaker_name", "speaker_role")), ("search_tokens", ())]
    return []


def _with_derived(table: str, shared: list[str], row: tuple[Any, ...], derived: list[Any]) -> tuple[Any, ...]:
    if not derived:
        return row
    values = dict(zip(shared, row, strict=True))
    literal, count = search.document(*(values[c] for c in derived[0][1]))
    return row + ((literal,) if table == "articles" else (literal, count))


async def _advance_identities(target: Store) -> None:
    """Rows came with their ids: new rows must be numbered after them."""
    for table in _NUMBERED:
        await target.db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
        )
