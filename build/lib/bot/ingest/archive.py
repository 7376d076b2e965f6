"""Storing an analysed article: de-duplicate, insert, then its quotes and speakers."""

from __future__ import annotations

from bot.ingest.dedupe import canonical_url, text_hash
from bot.models import Article
from bot.speakers.identity import link_speakers
from bot.store import Store


async def store_article(
    store: Store, article: Article, *, feed_id: str | None, from_summary: bool = False
) -> int | None:
    """The new article's id, or None when it is a duplicate by URL or by text.

    The article, its speakers and its quotes are stored in one transaction:
    an article is never visible without its analysis.
    """
    async with store.unit_of_work():
        return await add_article(store, article, feed_id=feed_id, from_summary=from_summary)


async def add_article(store: Store, article: Article, *, feed_id: str | None, from_summary: bool = False) -> int | None:
    """`store_article` inside the caller's transaction (the poller stores several feeds in one)."""
    article_id = await store.articles.add(
        article,
        canonical_url=canonical_url(article.url),
        text_hash=text_hash(article.text),
        feed_id=feed_id,
        from_summary=from_summary,
    )
    if article_id is not None:  # a new row: nothing of its analysis is stored yet, so nothing to replace
        speaker_ids = await link_speakers(store, article_id, article.analysis, article.outlet)
        await store.quotes.add_analysis(article_id, article.analysis, speaker_ids)
    return article_id
