"""/ask and /who never give a belief, a perception or a stance as someone's words.

The article goes the way ingest stores it (bot.ingest.archive, the real engine): what
Reyes said is stored and answered; what the outlet says Reyes believes is not, nor is what
an older version stored as her words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.ingest.archive import store_article
from bot.models import Article
from bot.questions import QuestionAnswerer
from bot.quotes import analyse
from bot.store import Store
from bot.store.migrations import MIGRATIONS

TEXT = (
    "Ferry fees to rise by a third from March\n"
    "Harbour master Dana Reyes said the new toll would pay for dredging the northern channel.\n"
    "Reyes believes the ferry company will raise its prices again before the summer.\n"
    "Reyes saw that the old ferry ran aground twice last winter.\n"
)
SAID = "the new toll would pay for dredging the northern channel"
HELD = ("raise its prices again", "ran aground")


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as store:
        article = Article(
            url="https://ledger.example.net/ferry",
            text=TEXT,
            title="Ferry fees to rise",
            outlet="Coastal Ledger",
            published=datetime(2022, 7, 20, 9, tzinfo=UTC),
        )
        article.analysis = analyse(TEXT)
        assert [q.said for q in article.analysis.quotes].count(False) == 2  # the engine found both views
        assert await store_article(store, article, feed_id=None) is not None
        yield store


def _answerer(store: Store) -> QuestionAnswerer:
    return QuestionAnswerer(store, questions_per_minute=100, now=lambda: datetime(2022, 7, 21, 12, tzinfo=UTC))


QUESTIONS = ["What did Dana Reyes say?", "What did Reyes say about the toll?", "Who is Reyes?"]


@pytest.mark.parametrize("question", QUESTIONS)
async def test_an_answer_holds_what_was_said_and_no_view(store, question):
    text = await _answerer(store).answer(question, user_id=1, chat_id=1)
    for words in HELD:
        assert words not in text, text
    if question.startswith("What"):
        assert SAID in text and "reported (paraphrased) by Coastal Ledger" in text


async def test_a_question_only_a_view_would_answer_gets_nothing(store):
    text = await _answerer(store).answer("What did Reyes say about ferry prices?", user_id=1, chat_id=1)
    assert text == "I have nothing stored from Dana Reyes about “ferry prices”."


async def test_the_stored_analysis_keeps_only_words_said(store):
    async with store.db.execute("SELECT id FROM articles") as cur:
        (article_id,) = await cur.fetchone()
    stored = (await store.quotes.analysis(article_id)).quotes
    assert [q.text for q in stored] == [SAID]


async def test_views_an_older_version_stored_as_said_are_no_longer_answered(database_url, monkeypatch):
    """Before views were marked, the engine gave "believes" and "saw" the kind "verb" and the
    store kept them as reported speech; the store's migration takes them out."""
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 17])
    async with await Store.open(database_url) as store:
        article = Article(url="https://ledger.example.net/ferry", text=TEXT, outlet="Coastal Ledger")
        found = analyse(TEXT)
        as_said = tuple(replace(q, cue_kind="verb") if not q.said else q for q in found.quotes)
        article.analysis = replace(found, quotes=as_said)
        assert await store_article(store, article, feed_id=None) is not None
        before = await _answerer(store).answer("What did Reyes say about ferry prices?", user_id=1, chat_id=1)
        assert HELD[0] in before  # the old row answered as her words
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    async with await Store.open(database_url) as store:
        answerer = _answerer(store)
        text = await answerer.answer("What did Reyes say about ferry prices?", user_id=1, chat_id=1)
        assert text == "I have nothing stored from Dana Reyes about “ferry prices”."
        for question in QUESTIONS:
            text = await answerer.answer(question, user_id=1, chat_id=1)
            assert not any(words in text for words in HELD), text
        assert SAID in await answerer.answer("What did Dana Reyes say?", user_id=1, chat_id=1)
