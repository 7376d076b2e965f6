"""A very long article is stored, matched by topics and found by /ask, on both backends, and
never costs the articles stored alongside it.

PostgreSQL's tsvector stops positions at 16,383 and refuses one of 1 MB; FTS5 has neither
limit. An article as long as the bot keeps (ARTICLE_TEXT_MAX_BYTES), full of distinct words,
passes the first; one under a raised cap passes the second.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.fetch.schedule import FeedSchedule
from bot.ingest.checked_feeds import CheckedFeed, store_checked
from bot.ingest.extract import ARTICLE_TEXT_MAX_BYTES
from bot.models import Article
from bot.questions import QuestionAnswerer
from bot.store import Store, search
from bot.store.topics import Topic
from bot.topics.matcher import match_articles
from tests.store.long_article import STATEMENT, long_article

QUAY = Article(
    url="https://ledger.example/quay",
    text="The quay talks at the harbour of Velmar went into a third day without a signed text.",
    title="Quay talks, day three",
    outlet="Coastal Ledger",
)
# topic -> whether it matches the long article (the quay story is matched by "quay" only)
TOPICS = {
    "corridor": ('"grain corridor"', True),  # a phrase past position 16,383
    "lantern": ('"lantern keeper"', False),  # both words there, far apart, both past the last place
    "words": ("lantern keeper", True),
    "pilots": ('"pilots met" -"grain corridor"', False),
    "dawn": ('"pilots met" OR "grain elevator"', True),
    "quay": ('"quay talks"', False),
}
QUESTION = "What did Olsen say about the grain corridor?"


async def store_batch(store: Store, long: Article) -> list[int]:
    """The long article from one feed and the quay story from another, stored as the poller stores a batch."""
    return await store_batch_of(store, long, QUAY)


async def store_batch_of(store: Store, *articles: Article) -> list[int]:
    """Each article from a feed of its own, stored in one batch as the poller stores them."""
    plan = FeedSchedule(next_check_at=datetime.now(UTC) + timedelta(hours=1), error_count=0, etag='"v2"')
    checked = []
    for n, article in enumerate(articles):
        feed_id = f"feed{n}"
        await store.feeds.upsert(feed_id, feed_id.title(), f"https://ledger.example/{feed_id}.xml")
        feed = await store.feeds.get(feed_id)
        assert feed is not None
        checked.append(CheckedFeed(feed, plan, None, [(article, False)]))
    stored = await store_checked(store, checked)
    return stored.ids


async def matched_topics(store: Store, article_ids: list[int]) -> dict[int, set[str]]:
    await store.chats.ensure(9)
    for topic_id, (query, _) in TOPICS.items():
        await store.topics.upsert(Topic(topic_id, topic_id.title(), query))
        await store.chats.subscribe(9, topic_id)
    await match_articles(store, article_ids)
    matched: dict[int, set[str]] = {n: set() for n in article_ids}
    for topic_id, article_id in await store.db.execute_fetchall("SELECT topic_id, article_id FROM topic_articles"):
        matched[article_id].add(topic_id)
    return matched


def expected(long_id: int, quay_id: int) -> dict[int, set[str]]:
    return {long_id: {t for t, (_, hit) in TOPICS.items() if hit}, quay_id: {"quay"}}


async def answer(store: Store) -> str:
    return await QuestionAnswerer(store, questions_per_minute=1000).answer(QUESTION, user_id=1, chat_id=1)


async def test_an_article_at_the_text_cap_is_stored_matched_and_answered(database_url):
    long = long_article(ARTICLE_TEXT_MAX_BYTES)
    async with await Store.open(database_url) as store:
        long_id, quay_id = await store_batch(store, long)
        stored = await store.articles.get(long_id)
        assert stored is not None and stored.article.text == long.text
        assert await matched_topics(store, [long_id, quay_id]) == expected(long_id, quay_id)
        reply = await answer(store)
        assert STATEMENT in reply and long.url in reply


async def test_past_the_last_position_the_index_alone_would_find_a_phrase_the_text_lacks(postgres_url):
    """Why PostgreSQL checks long rows against their text: the clamped positions make
    "lantern" and "keeper" neighbours in the index."""
    async with await Store.open(postgres_url) as store:
        long_id, _ = await store_batch(store, long_article(ARTICLE_TEXT_MAX_BYTES))
        ((index_says,),) = await store.db.execute_fetchall(
            "SELECT search @@ CAST(? AS tsquery) FROM articles WHERE id = ?", ("lantern <-> keeper", long_id)
        )
        assert index_says is True
        assert await store.articles.matching('"lantern keeper"', [long_id]) == []
        assert await store.articles.matching('"grain corridor"', [long_id]) == [long_id]


async def test_an_article_past_a_tsvectors_size_never_fails_its_batch(database_url):
    """Under a raised ARTICLE_TEXT_MAX_BYTES: 3 MB of distinct words, more lexemes than a tsvector
    takes. The batch is stored whole, and the words left out of the index are still found."""
    long = long_article(3_000_000, syllables=4)
    async with await Store.open(database_url) as store:
        ids = await store_batch(store, long)
        assert len(ids) == 2
        long_id, quay_id = ids
        if store.postgres:  # the index is partial, and says so
            ((left_out,),) = await store.db.execute_fetchall(
                "SELECT search @@ CAST(? AS tsquery) FROM articles WHERE id = ?", (search.PARTIAL_WORDS, long_id)
            )
            assert left_out is True
        assert await matched_topics(store, ids) == expected(long_id, quay_id)
        assert STATEMENT in await answer(store)


async def test_both_backends_answer_alike_for_the_long_article(tmp_path, postgres_url):
    replies, matches = [], []
    for target in (tmp_path / "a.db", postgres_url):
        async with await Store.open(target) as store:
            ids = await store_batch(store, long_article(ARTICLE_TEXT_MAX_BYTES))
            matches.append(await matched_topics(store, ids))
            replies.append(await answer(store))
    assert replies[1] == replies[0]
    assert matches[1] == matches[0]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        (" ".join(f"w{n:x}" for n in range(300_000)), {"_partial", "_partial_words"}),  # more short lexemes than fit
        (" ".join(f"{n:04d}" + "q" * 2000 for n in range(600)), {"_partial", "_partial_words"}),  # long ones past 1 MB
        ("x" * 2047 + " harbour", {"_partial", "_partial_words"}),  # a word longer than a lexeme may be
        (" ".join(["harbour"] * 1000), {"_harbour"}),  # more places than a lexeme keeps
        (" ".join(["q" * 2046] * 300), {"_partial"}),  # ...for a word too long to name in a marker
        (" ".join("жито" + f"{n}" for n in range(200_000)), {"_partial", "_partial_words"}),  # two bytes a letter
        ("harbour talks", set()),
    ],
    ids=[
        "short-words",
        "long-words",
        "too-long-word",
        "repeated-word",
        "repeated-long-word",
        "cyrillic",
        "ordinary",
    ],
)
async def test_every_index_written_is_one_postgresql_takes(postgres_url, text, marks):
    """Whatever the text, the server takes its index, and the index says what it lacks."""
    literal, _ = search.document("A title", text)
    async with await Store.open(postgres_url) as store:
        rows = await store.db.execute_fetchall("SELECT lexeme FROM unnest(CAST(? AS tsvector))", (literal,))
    assert {row[0] for row in rows if row[0].startswith("_")} == marks


async def test_a_phrase_past_a_words_256th_place_is_found(database_url):
    """A long feature says "the" more often than a tsvector keeps places for one word; a topic
    phrase with "the" in it is still found where it stands, and one without is left to the index."""
    text = " ".join(f"Day {n} of the strike at the quay." for n in range(200)) + " Then the lighthouse went dark."
    article = Article(url="https://ledger.example/feature", text=text, title="The long strike", outlet="Ledger")
    async with await Store.open(database_url) as store:
        (article_id,) = await store_batch_of(store, article)
        if store.postgres:  # the index alone would miss it: it keeps the first 256 places of "the"
            ((index_says,),) = await store.db.execute_fetchall(
                "SELECT search @@ CAST(? AS tsquery) FROM articles WHERE id = ?", ("the <-> lighthouse", article_id)
            )
            assert index_says is False
        assert await store.articles.matching('"the lighthouse"', [article_id]) == [article_id]
        assert await store.articles.matching('"lighthouse went"', [article_id]) == [article_id]
        assert await store.articles.matching('"the harbour"', [article_id]) == []
