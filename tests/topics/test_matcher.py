"""Matching new articles to every subscribed topic at once, on both backends.

All topics are searched together and recorded in one batch; what each topic
gets must stay what it got when each was matched on its own: its words, its
feeds, a chat's own feed reaching only that chat's topics, and a filter that
holds an article back for one chat alone.
"""

from __future__ import annotations

import pytest

from bot.ingest.extract import ARTICLE_TEXT_MAX_BYTES
from bot.models import Article
from bot.store import Store
from bot.store.topics import Topic
from bot.topics.matcher import match_articles
from bot.topics.query import parse_query
from tests.store.long_article import long_article
from tests.store.test_long_articles import TOPICS as LONG_TOPICS
from tests.store.test_long_articles import store_batch

READER, OTHER_READER = 21, 22
ARTICLES = {
    "quay": ("ledger", "Quay talks resume at Port Dalen", "The harbour board said the quay talks resumed."),
    "ferry": ("ledger", "Ferry strike ends", "Ferries run again after the strike at the southern quay."),
    "gulls": ("coast", "Gulls return to the cliffs", "Birdwatchers counted more gulls than last spring."),
    "crane": ("own", "Crane repairs delay the quay", "The new crane at the quay needs another week."),
    "rowing": ("coast", "Rowing club wins the harbour race", "The rowing club won the race across the harbour."),
}
TOPICS = [
    Topic("quay", "Quay", "quay"),
    Topic("ferries", "Ferries", "ferries -strike"),
    Topic("harbour-coast", "Harbour on the coast", "harbour", feed_ids=("coast",)),
    Topic("all-coast", "All of the coast", "", feed_ids=("coast",)),
    Topic("nothing", "No query, no feeds", ""),
    Topic("reader-quay", "The reader's quay", "quay", owner_chat_id=READER),
    Topic("harbour", "Harbour", "harbour OR quay"),
]


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as opened:
        for chat in (READER, OTHER_READER):
            await opened.chats.ensure(chat)
        await opened.feeds.upsert("ledger", "Coastal Ledger", "https://ledger.example/rss")
        await opened.feeds.upsert("coast", "Coast Weekly", "https://coast.example/rss")
        await opened.chat_feeds.add_chat_feed("own", "Reader's feed", "https://own.example/rss")
        await opened.chat_feeds.link(READER, "own")
        for topic in TOPICS:
            await opened.topics.upsert(topic)
            await opened.chats.subscribe(READER, topic.id)
        await opened.chats.subscribe(OTHER_READER, "harbour")
        await opened.filters.set(OTHER_READER, "harbour", "-rowing")
        yield opened


async def _add(store: Store) -> dict[str, int]:
    ids = {}
    for key, (feed, title, text) in ARTICLES.items():
        article = Article(url=f"https://{feed}.example/{key}", text=text, title=title)
        ids[key] = await store.articles.add(article, canonical_url=article.url, text_hash=key, feed_id=feed)
    return ids


async def test_every_topic_gets_what_its_words_and_feeds_allow(store):
    ids = await _add(store)
    count = await match_articles(store, list(ids.values()))
    rows = await store.db.execute_fetchall("SELECT topic_id, article_id FROM topic_articles")
    name = {v: k for k, v in ids.items()}
    matched = sorted((topic, name[article]) for topic, article in rows)
    assert matched == [
        ("all-coast", "gulls"),
        ("all-coast", "rowing"),
        ("harbour", "ferry"),  # "southern quay"
        ("harbour", "quay"),
        ("harbour", "rowing"),
        ("harbour-coast", "rowing"),
        ("quay", "ferry"),
        ("quay", "quay"),
        # the reader's own feed reaches the reader's own topic only
        ("reader-quay", "crane"),
        ("reader-quay", "ferry"),
        ("reader-quay", "quay"),
    ]
    assert count == len(matched)
    held = await store.db.execute_fetchall("SELECT chat_id, topic_id, article_id FROM filtered_out")
    assert [(chat, topic, name[article]) for chat, topic, article in held] == [(OTHER_READER, "harbour", "rowing")]


async def test_matching_the_same_articles_again_adds_nothing(store):
    ids = await _add(store)
    await match_articles(store, list(ids.values()))
    before = await store.db.execute_fetchall("SELECT COUNT(*) FROM topic_articles")
    await match_articles(store, list(ids.values()))
    after = await store.db.execute_fetchall("SELECT COUNT(*) FROM topic_articles")
    assert after[0][0] == before[0][0] == 11


async def test_all_topics_at_once_find_what_each_finds_alone_in_a_long_article(database_url):
    """A text past PostgreSQL's last index position is checked against its own words; the
    search of every topic together must decide each as the search of one topic does."""
    async with await Store.open(database_url) as store:
        ids = await store_batch(store, long_article(ARTICLE_TEXT_MAX_BYTES))
        expressions = [parse_query(query).fts_expression() for query, _ in LONG_TOPICS.values()]
        together = await store.articles.matching_each(expressions, ids)
        assert together == [sorted(await store.articles.matching(e, ids)) for e in expressions]
        assert any(together) and not all(together)  # some topics find the long article, some not
