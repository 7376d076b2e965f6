"""/ask, /who and topic matching give the same answers on SQLite (FTS5) and on PostgreSQL (tsvector).

One invented corpus is stored in both: the seed article and a dozen harbour
reports whose quotes share words in different measure, so more statements
match than an answer shows and the ranking decides which come first; and one
article as long as the bot keeps, full of distinct words (past the positions a
tsvector holds), with a statement at its end and a long quote of repeated words
(more places than a tsvector keeps for one word).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest.archive import store_article
from bot.ingest.extract import ARTICLE_TEXT_MAX_BYTES
from bot.models import Analysis, Quote, Speaker
from bot.questions import QuestionAnswerer
from bot.questions.fts import all_of, any_of
from bot.store import Store, search
from bot.store.quote_rank import COUNT
from bot.store.topics import Topic
from bot.topics.matcher import match_articles
from tests.questions.seed import add_article, seed_store, store_analysis
from tests.store.long_article import long_article

NOW = datetime(2022, 7, 21, 12, tzinfo=UTC)
SPEAKERS = [
    ("Marta Olsen", "the port authority chief"),
    ("Ivo Brandt", "a dock workers' union leader"),
    ("Lena Kový", "the mayor of Lakeport"),
]
STATEMENTS = [
    "The harbour talks will resume on Friday.",
    "Talks about the harbour, the talks about the dock, and more talks: that is all we do.",
    "We are not satisfied with the harbour deal.",
    "The dock stays closed until the talks end.",
    "Nobody at the harbour wants a strike.",
    "Talks with the city went well.",
    "The northern dock reopens after the repairs to the harbour wall and the cranes.",
    "Our members will vote on the harbour offer next week, after the talks.",
    "The Lakeport accords cover the harbour too.",
    "There will be no talks while the cranes stand still.",
    "Ferries keep running from the southern quay.",
    "The harbour is safe, the talks are serious, the dock is ready.",
]
QUESTIONS = [
    "What was said about talks?",
    "What was said about the harbour?",
    "What was said about harbour talks?",
    "What did Olsen say about the harbour?",
    "What did Brandt say about talks?",
    "What did Lena Kovy say?",
    "Did Olsen say that herself?",
    "What was said about football?",
    "What did Ostrovan say about Marvel City?",
    "What was said about regrouping forces?",
    "What has Brandt said today?",
    "What did ostrovan say about lakeport",
    'Ostrovan" OR *',
    "NEAR(",
    '"What did Ostrovan say about "Lakeport',
    "What did Olsen say about the grain corridor?",
    "What was said about cranes?",
    "What did Brandt say about the quay?",
]
TOPICS = {
    "harbour": "harbour -strike",
    "talks": 'talks OR accords "dock stays"',
    "cranes": "cranes OR ferries",
    "accents": "kový",
    "corridor": '"grain corridor"',
    "lantern": 'lantern -"lantern keeper"',
}
# Ivo Brandt's long quote in the long article: "cranes" more often than a tsvector keeps places for
LONG_QUOTE = " ".join(["the quay cranes stand still"] * 300)


async def _corpus(store: Store) -> None:
    await seed_store(store)
    for n, statement in enumerate(STATEMENTS):
        name, role = SPEAKERS[n % len(SPEAKERS)]
        text = f"Harbour report {n}\n{name}, {role}, said: “{statement}”\n"
        article_id = await add_article(
            store, f"https://ledger.example/harbour-{n}", text, published=NOW - timedelta(hours=n % 5)
        )
        start = text.index(statement)
        quote = Quote("direct", statement, start, start + len(statement), name, role, None, "said")
        await store_analysis(store, article_id, Analysis(quotes=(quote,), speakers=(Speaker(name, role),)), "Ledger")
    long = long_article(ARTICLE_TEXT_MAX_BYTES)
    brandt = Quote("indirect", LONG_QUOTE, 0, 0, "Ivo Brandt", "a dock workers' union leader", None, "said")
    analysis = replace(
        long.analysis,
        quotes=(*long.analysis.quotes, brandt),
        speakers=(*long.analysis.speakers, Speaker("Ivo Brandt", "a dock workers' union leader")),
    )
    await store_article(store, replace(long, published=NOW - timedelta(hours=3), analysis=analysis), feed_id=None)
    await store.db.execute("UPDATE articles SET fetched_at = ?", ((NOW - timedelta(hours=2)).timestamp(),))


@pytest.fixture
async def stores(tmp_path, postgres_url):
    async with await Store.open(tmp_path / "a.db") as sqlite, await Store.open(postgres_url) as postgres:
        for store in (sqlite, postgres):
            await _corpus(store)
        yield sqlite, postgres


def _answerer(store: Store) -> QuestionAnswerer:
    return QuestionAnswerer(store, questions_per_minute=1000, now=lambda: NOW)


async def test_answers_are_the_same_on_both_backends(stores):
    sqlite, postgres = stores
    for question in QUESTIONS:
        here = await _answerer(sqlite).answer(question, user_id=1, chat_id=1)
        there = await _answerer(postgres).answer(question, user_id=1, chat_id=1)
        assert there == here, question
    for name in ("Olsen", "Brandt", "Kovy", "Ostrovin"):
        assert await _answerer(postgres).who(name) == await _answerer(sqlite).who(name), name


async def test_more_quotes_match_than_an_answer_shows_and_rank_orders_them_alike(stores):
    sqlite, postgres = stores
    for expression in (any_of(["talks", "harbour"]), all_of(["talks"]), all_of(["harbour", "talks"]), '"dock"'):
        here = [hit.id for hit in await sqlite.speakers.quotes(match=expression, limit=50)]
        there = [hit.id for hit in await postgres.speakers.quotes(match=expression, limit=50)]
        assert there == here, expression
    assert len(await sqlite.speakers.quotes(match=any_of(["talks", "harbour"]), limit=50)) > 8
    answer = await _answerer(sqlite).answer("What was said about talks?", user_id=1, chat_id=1)
    assert "more talks: that is all we do" in answer  # the statement saying "talks" most comes first


async def test_every_cut_of_the_ranking_is_the_same_on_both_backends(stores):
    """PostgreSQL ranks and cuts in SQL: whatever the limit, the same quotes come back in the same order."""
    sqlite, postgres = stores
    for expression in (any_of(["talks", "harbour"]), all_of(["cranes"]), any_of(["quay", "cranes", "dock"])):
        assert expression is not None
        everything = [hit.id for hit in await sqlite.speakers.quotes(match=expression, limit=100)]
        assert len(everything) >= 3
        for limit in range(1, len(everything) + 2):
            there = [hit.id for hit in await postgres.speakers.quotes(match=expression, limit=limit)]
            assert there == everything[:limit], (expression, limit)


async def test_a_words_count_in_sql_is_its_count_in_the_quote(stores):
    """The SQL ranking counts a word's positions with ts_rank_cd; in every quote whose index can
    count the word that is the count the quote's own text gives (the others go to the text)."""
    _, postgres = stores
    unsure = 0
    for expression in ('"talks"', '"talk"*', '"the"', '"harbour"', '"cranes"', '"d"*'):
        found = search.parse(expression)
        (phrase,) = found.phrases
        rows = await postgres.db.execute_fetchall(
            f"""SELECT q.id, q.text, q.speaker_name, q.speaker_role, {COUNT}, q.search @@ CAST(? AS tsquery)
                FROM quotes q""",
            (phrase.tsquery(), found.unsure(counting=True)),
        )
        for quote_id, *columns, count, partial in rows:
            unsure += partial
            if not partial:
                assert count == sum(phrase.count_in(search.tokens(c)) for c in columns), (expression, quote_id)
    assert unsure  # Brandt's long quote, with "the" and "cranes" 300 times each


async def test_topics_match_the_same_articles_on_both_backends(stores):
    matched = []
    for store in stores:
        await store.chats.ensure(9)
        for topic_id, query in TOPICS.items():
            await store.topics.upsert(Topic(topic_id, topic_id.title(), query))
            await store.chats.subscribe(9, topic_id)
        ids = await store.articles.since(0)
        await match_articles(store, ids)
        rows = await store.db.execute_fetchall("SELECT topic_id, article_id FROM topic_articles")
        matched.append(sorted(tuple(row) for row in rows))
    assert matched[1] == matched[0]
    assert {topic for topic, _ in matched[0]} == set(TOPICS)  # every topic found something
