"""QUESTIONS_PER_MINUTE on PostgreSQL: one window per person, shared by the processes that answer.

Two `Store`s on one schema stand for two processes; skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

from bot.questions import QuestionAnswerer
from bot.questions.ratelimit import SharedRateLimiter
from bot.store import Store
from tests.questions.seed import seed_store

SLOW_DOWN = "You're asking faster than I can look things up."
ODILE, PAVEL = 838383, 838384


async def test_a_persons_questions_to_two_processes_count_in_one_window(postgres_url):
    async with await Store.open(postgres_url) as one, await Store.open(postgres_url) as two:
        await seed_store(one)
        first, second = QuestionAnswerer(one, questions_per_minute=2), QuestionAnswerer(two, questions_per_minute=2)
        assert (await first.who("Ostrovan", user_id=ODILE)).startswith("<b>Boris Ostrovan</b>")
        said = await second.answer("What did Ostrovan say?", user_id=ODILE, chat_id=ODILE)
        assert "Marvel City" in said and not said.startswith(SLOW_DOWN)
        assert (await first.who_id(1, user_id=ODILE)).startswith(SLOW_DOWN)
        assert (await second.who("Ostrovan", user_id=ODILE)).startswith(SLOW_DOWN)
        assert (await second.who("Ostrovan", user_id=PAVEL)).startswith("<b>Boris Ostrovan</b>")  # his own window


async def test_with_the_database_away_a_process_counts_on_its_own(postgres_url):
    store = await Store.open(postgres_url)
    limit = SharedRateLimiter(2, store.rate_windows)
    await store.close()
    assert [await limit.take(ODILE), await limit.take(ODILE)] == [0, 0]
    assert await limit.take(ODILE) > 0
