"""A small installation with a row in every table, and a table-by-table dump to compare databases with."""

from __future__ import annotations

import dataclasses

from bot.models import Framing
from bot.store import Store
from bot.store.topics import Topic
from bot.store.transfer import TABLES, columns
from tests.questions.seed import SEED_ANALYSIS, add_article, store_analysis

CHAT, GROUP = 501, -1001234567890123


async def fill(store: Store) -> int:
    """Feeds, an analysed article with framing, a topic it matched, two chats with their subscriptions,
    deliveries, own feeds and a filter, and the model's bookkeeping; returns the article id."""
    await store.feeds.upsert("ledger", "Daily Ledger", "https://ledger.example/rss")
    article_id = await add_article(store, "https://ledger.example/ostrovan")
    analysis = dataclasses.replace(SEED_ANALYSIS, framing=(Framing("allegedly", 10, 19, "distancing"),))
    await store_analysis(store, article_id, analysis, "Daily Ledger")
    # a duplicate speaker merged away by migration 14 (only that migration writes the table)
    ((kept,),) = await store.db.execute_fetchall("SELECT MIN(id) FROM speakers")
    await store.db.execute("INSERT INTO speaker_merges(merged_id, into_id) VALUES (?, ?)", (kept + 1000, kept))
    await store.topics.upsert(Topic("talks", "Peace talks", "talks OR accords"))
    for chat in (CHAT, GROUP):
        await store.chats.ensure(chat, "private" if chat > 0 else "supergroup", f"chat {chat}")
        await store.chats.subscribe(chat, "talks")
    await store.topics.record_matches("talks", [article_id])  # after they subscribed: their news
    # as if a process had recorded those matches and died before ending the article's wait (the
    # matcher ends it in the same transaction): the copy carries the row over all the same
    await store.awaiting.add([article_id], "worker-1", lease_until=0)
    await store.deliveries.claim(CHAT, f"article:{article_id}", "worker-1", article_id=article_id)
    await store.deliveries.mark_sent(CHAT, f"article:{article_id}", 77)
    await store.chat_feeds.add_chat_feed("own-1", "Harbour Notes", "https://harbour.example/feed")
    await store.chat_feeds.link(GROUP, "own-1")
    await store.filters.set(GROUP, "talks", "-football")
    await store.filters.hold_back(GROUP, "talks", [article_id])
    await store.llm.record_call(purpose="briefing", model="m", outcome="ok", content_hash="h", total_tokens=42)
    await store.llm.put_briefing_body("h", "model", '{"lines": []}')
    await store.llm.record_rejection("briefing", "unquoted", "a word not in the article")
    return article_id


async def dump(store: Store) -> dict[str, set[tuple]]:
    """Every row of every table (PostgreSQL's derived search columns left out)."""
    tables = {}
    for table, _ in TABLES:
        names = [c for c in await columns(store, table) if c not in ("search", "search_tokens")]
        rows = await store.db.execute_fetchall(
            f"SELECT {', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)} FROM {table}"
        )
        tables[table] = {tuple(row) for row in rows}
    return tables
