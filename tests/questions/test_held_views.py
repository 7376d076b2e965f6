"""/ask and /who never give a belief, a perception, a stance or an intention as someone's
words, nor words they denied or never said.

The article goes the way ingest stores it (bot.ingest.archive, the real engine): what
Reyes said is stored and answered; what the outlet says Reyes believes is not, nor is what
an older version stored as her words. What Varga plans, what Lind refused and what Brandt
denied are not either.
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
from tests.quotes.articles import BRIDGE_DEEDS, BRIDGE_NOT_SAID, BRIDGE_SAID

TEXT = (
    "Ferry fees to rise by a third from March\n"
    "Harbour master Dana Reyes said the new toll would pay for dredging the northern channel.\n"
    "Reyes believes the ferry company will raise its prices again before the summer.\n"
    "Reyes saw that the old ferry ran aground twice last winter.\n"
)
SAID = "the new toll would pay for dredging the northern channel"
HELD = ("raise its prices again", "ran aground")


async def _stored(store: Store, text: str, path: str) -> None:
    article = Article(
        url=f"https://ledger.example.net/{path}",
        text=text,
        title=text.split("\n")[0],
        outlet="Coastal Ledger",
        published=datetime(2022, 7, 20, 9, tzinfo=UTC),
    )
    article.analysis = analyse(text)
    assert await store_article(store, article, feed_id=None) is not None


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as store:
        assert [q.said for q in analyse(TEXT).quotes].count(False) == 2  # the engine found both views
        await _stored(store, TEXT, "ferry")
        yield store


@pytest.fixture
async def bridge_store(database_url):
    async with await Store.open(database_url) as store:
        await _stored(store, BRIDGE_DEEDS, "bridge")
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


BRIDGE_QUESTIONS = [
    "What did Ilse Varga say?",
    "What did Varga say about the bridge?",
    "What did Rita Holm say?",
    "What did Paul Brandt say?",
    "What did Brandt say about the steel beams?",
    "Who is Paul Brandt?",
    "Who is Omar Lind?",
]


@pytest.mark.parametrize("question", BRIDGE_QUESTIONS)
async def test_an_answer_holds_no_aim_no_refusal_and_no_word_denied(bridge_store, question):
    text = await _answerer(bridge_store).answer(question, user_id=1, chat_id=1)
    assert [words for words in BRIDGE_NOT_SAID if words in text] == [], text


async def test_what_was_said_is_answered_beside_what_was_not(bridge_store):
    varga = await _answerer(bridge_store).answer("What did Ilse Varga say?", user_id=1, chat_id=1)
    holm = await _answerer(bridge_store).answer("What did Rita Holm say?", user_id=1, chat_id=1)
    assert "the bridge would reopen before the summer" in varga
    assert "to reopen the lane within a week" in holm  # a vow is said


async def test_someone_who_only_refused_has_nothing_said(bridge_store):
    text = await _answerer(bridge_store).answer("What did Omar Lind say?", user_id=1, chat_id=1)
    assert text == "I have nothing stored from Omar Lind."


async def test_the_store_keeps_only_words_said_of_the_bridge_article(bridge_store):
    async with bridge_store.db.execute("SELECT id FROM articles") as cur:
        (article_id,) = await cur.fetchone()
    stored = [q.text for q in (await bridge_store.quotes.analysis(article_id)).quotes]
    assert [w for w in BRIDGE_SAID if not any(w in s for s in stored)] == []
    assert [w for w in BRIDGE_NOT_SAID if any(w in s for s in stored)] == [], stored


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
