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
    """Record which subscribed topics each new article matches; returns the match count.

    All topics are searched together (one statement on PostgreSQL) and their matches
    recorded in one batch: a cycle that ran a few statements per topic spent more on
    round trips than on searching, and every process that polls matches every topic.
    What a filter holds back is recorded with the matches, in one transaction that also
    ends the articles' wait (bot/store/awaiting.py): a delivery round never sees a match its
    chat's filter refuses, and a process that dies first leaves them awaiting for another."""
    if not article_ids:
        return 0
    private = await store.chat_feeds.chat_sourced(article_ids)
    added_by = await store.chat_feeds.chats_of(set(private.values()))
    topics = await store.topics.subscribed()
    found = await _all_matches(store, topics, article_ids)
    matches: dict[str, list[int]] = {}
    for topic in topics:
        allowed = [a for a in found.get(topic.id, ()) if a not in private or _may_see(topic, private[a], added_by)]
        if allowed:
            matches[topic.id] = allowed
    held = await _filtered_out(store, matches)
    async with store.unit_of_work():
        for chat_id, topic_id, refused in held:
            await store.filters.hold_back(chat_id, topic_id, refused)
        await store.topics.record_all_matches(matches)
        await store.awaiting.matched(article_ids)
    return sum(len(ids) for ids in matches.values())


async def _all_matches(store: Store, topics: list[Topic], article_ids: list[int]) -> dict[str, list[int]]:
    """topic id -> which of `article_ids` its query matches and its feeds allow, in id order;
    a topic with an unusable query is left out."""
    expressions: dict[str, str] = {}
    for topic in topics:
        if not topic.query.strip():  # "everything from this feed": its feeds decide alone
            continue
        try:
            expressions[topic.id] = parse_query(topic.query).fts_expression()
        except QueryError as error:  # stored queries were checked, but be safe
            log.warning("topic %s has an unusable query: %s", topic.id, error)
    matched = await store.articles.matching_each(list(expressions.values()), article_ids)
    hits = dict(zip(expressions, matched, strict=True))
    feed_of = await store.articles.feeds_of(article_ids) if any(t.feed_ids for t in topics) else {}
    found: dict[str, list[int]] = {}
    for topic in topics:
        if topic.query.strip():
            if topic.id not in hits:
                continue
            ids = hits[topic.id]
        else:  # no query: whatever its feeds brought (nothing, when it names none)
            ids = sorted(article_ids) if topic.feed_ids else []
        if topic.feed_ids is not None:
            ids = [a for a in ids if feed_of.get(a) in topic.feed_ids]
        found[topic.id] = ids
    return found


def _may_see(topic: Topic, feed_id: str, added_by: dict[str, set[int]]) -> bool:
    """Whether an article from a chat-added feed may reach the topic."""
    if topic.feed_ids is not None:
        return feed_id in topic.feed_ids
    return topic.owner_chat_id is not None and topic.owner_chat_id in added_by.get(feed_id, set())


async def _filtered_out(store: Store, matches: dict[str, list[int]]) -> list[tuple[int, str, list[int]]]:
    """For each filtered subscription to a matched topic, the articles its filter refuses."""
    held: list[tuple[int, str, list[int]]] = []
    filters = await store.filters.of_topics(list(matches))
    for topic_id, subscriptions in filters.items():
        for chat_id, text in subscriptions:
            try:
                refused = await refused_by_filter(store, parse_query(text, exclude_only=True), matches[topic_id])
            except QueryError as error:
                log.warning("chat %s has an unusable filter on %s: %s", chat_id, topic_id, error)
                continue
            held.append((chat_id, topic_id, refused))
    return held


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
