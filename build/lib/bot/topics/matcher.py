"""Matching new articles to the topics people subscribe to, through FTS5.

Where an article may go: a chat's own feed is that chat's source, so its
articles reach catalogue topics never, and a chat's own topics only when the
chat added the feed (or the topic names it, as "everything from this feed"
topics do). A subscription's keyword filter then holds back, for that chat
alone, what the topic matched but the filter refuses.
"""

from __future__ import annotations

import logging

from bot.store import Store
from bot.store.topics import Topic
from bot.topics.query import QueryError, TopicQuery, parse_query

log = logging.getLogger(__name__)


async def match_articles(store: Store, article_ids: list[int]) -> int:
    """Record which subscribed topics each new article matches; returns the match count."""
    if not article_ids:
        return 0
    private = await store.chat_feeds.chat_sourced(article_ids)
    added_by = await store.chat_feeds.chats_of(set(private.values()))
    matched = 0
    for topic in await store.topics.subscribed():
        candidates = [
            a for a in article_ids if a not in private or _may_see(topic, private[a], added_by.get(private[a], set()))
        ]
        try:
            ids = await _topic_matches(store, topic, candidates)
        except QueryError as error:  # stored queries were checked, but be safe
            log.warning("topic %s has an unusable query: %s", topic.id, error)
            continue
        await store.topics.record_matches(topic.id, ids)
        await _hold_back_filtered(store, topic.id, ids)
        matched += len(ids)
    return matched


def _may_see(topic: Topic, feed_id: str, added_by: set[int]) -> bool:
    """Whether an article from a chat-added feed may reach the topic."""
    if topic.feed_ids is not None:
        return feed_id in topic.feed_ids
    return topic.owner_chat_id is not None and topic.owner_chat_id in added_by


async def _topic_matches(store: Store, topic: Topic, article_ids: list[int]) -> list[int]:
    if not topic.query.strip():  # "everything from this feed"
        return await store.articles.from_feeds(article_ids, topic.feed_ids or ())
    expression = parse_query(topic.query).fts_expression()
    return await store.articles.matching(expression, article_ids, topic.feed_ids)


async def _hold_back_filtered(store: Store, topic_id: str, matched: list[int]) -> None:
    if not matched:
        return
    for chat_id, text in await store.filters.of_topic(topic_id):
        try:
            refused = await refused_by_filter(store, parse_query(text, exclude_only=True), matched)
        except QueryError as error:
            log.warning("chat %s has an unusable filter on %s: %s", chat_id, topic_id, error)
            continue
        await store.filters.hold_back(chat_id, topic_id, refused)


async def refused_by_filter(store: Store, query: TopicQuery, article_ids: list[int]) -> list[int]:
    """Which of `article_ids` the filter refuses: not matching its words, or matching an exclusion."""
    if not article_ids:
        return []
    if query.groups:
        passing = set(await store.articles.matching(query.fts_expression(), article_ids))
    else:
        excluded = query.excluded_expression() or ""
        passing = set(article_ids) - set(await store.articles.matching(excluded, article_ids))
    return [a for a in article_ids if a not in passing]
