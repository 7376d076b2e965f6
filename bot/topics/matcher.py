"""Matching new articles to the topics people subscribe to, through FTS5."""

from __future__ import annotations

import logging

from bot.store import Store
from bot.topics.query import QueryError, parse_query

log = logging.getLogger(__name__)


async def match_articles(store: Store, article_ids: list[int]) -> int:
    """Record which subscribed topics each new article matches; returns the match count."""
    if not article_ids:
        return 0
    matched = 0
    for topic in await store.topics.subscribed():
        try:
            expression = parse_query(topic.query).fts_expression()
        except QueryError as error:  # stored queries were checked, but be safe
            log.warning("topic %s has an unusable query: %s", topic.id, error)
            continue
        ids = await store.articles.matching(expression, article_ids, topic.feed_ids)
        await store.topics.record_matches(topic.id, ids)
        matched += len(ids)
    return matched
