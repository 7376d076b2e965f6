"""Template answers (no model) for the seed-style follow-ups, on an invented article."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Analysis, Quote, Speaker
from bot.questions import QuestionAnswerer
from bot.questions.answerer import TOO_MANY_WORDS
from bot.questions.fts import MAX_TERMS, all_of, any_of, too_many_terms
from bot.store import Store
from tests.questions.seed import add_article, seed_store, store_analysis

NOW = datetime(2022, 7, 21, 12, tzinfo=UTC)  # the seed article is from the day before


@pytest.fixture
async def store(database_url):
    async with await Store.open(database_url) as store:
        await seed_store(store)
        yield store


def answerer(store, per_minute=100):
    return QuestionAnswerer(store, questions_per_minute=per_minute, now=lambda: NOW)


FOLLOW_UPS = {
    "what did X say about Y": (
        "What did Ostrovan say about Marvel City?",
        [
            "Our troops have left the centre of Calderia, from Marvel City.",
            "quoted by Meridian TV",
            "Daily Ledger",
            "2022-07-20",
            'href="https://ledger.example/ostrovan"',
        ],
    ),
    "who is, transliterated": (
        "Who is Pidhorny?",
        ["member of the negotiating team (Daily Ledger)", "Stored quotes: 1"],
    ),
    "paraphrase only": (
        "What did Sarnov say?",
        ["satisfied", "reported (paraphrased) by Daily Ledger, not a direct quote"],
    ),
    "did X say that himself": (
        "Did Sarnov say that himself?",
        ["only have reported (paraphrased) speech", "not a direct quote from Gleb Sarnov"],
    ),
    "lower-case name": ("what did ostrovan say about lakeport", ["Lakeport accords"]),
    "topic without a person": ("What was said about regrouping forces?", ["Taras Pidhornyi", "regroup"]),
}


@pytest.mark.parametrize("question, must_contain", FOLLOW_UPS.values(), ids=FOLLOW_UPS.keys())
async def test_follow_up_answers(store, question, must_contain):
    text = await answerer(store).answer(question, user_id=1, chat_id=1)
    for part in must_contain:
        assert part in text, text


async def test_direct_quote_is_not_called_a_paraphrase(store):
    text = await answerer(store).answer("What did Ostrovan say about Marvel City?", user_id=1, chat_id=1)
    assert "“Our troops" in text and "direct quote" in text


async def test_unknown_person_gets_nothing_stored_and_no_invented_text(store):
    text = await answerer(store).answer("What did Erdogan say?", user_id=1, chat_id=1)
    assert text.startswith("I have nothing stored about Erdogan.")
    assert "“" not in text and "said that" not in text


async def test_close_names_are_suggested(store):
    text = await answerer(store).who("Ostrovin")
    assert "nothing stored about Ostrovin" in text and "Did you mean" in text and "Ostrovan" in text


async def test_who_card_lists_roles_counts_and_quotes(store):
    text = await answerer(store).who("Boris Ostrovan")
    assert "Varnian President (Daily Ledger)" in text
    assert "Stored quotes: 3 (2 direct or partial, 1 paraphrased)" in text
    assert "Latest direct quotes" in text and "Latest paraphrases" in text


async def test_rate_limit_per_user(store):
    bot = answerer(store, per_minute=2)
    for _ in range(2):
        assert "Ostrovan" in await bot.answer("Who is Ostrovan?", user_id=7, chat_id=7)
    limited = await bot.answer("Who is Ostrovan?", user_id=7, chat_id=7)
    assert "faster than I can look things up" in limited
    assert "Ostrovan" in await bot.answer("Who is Ostrovan?", user_id=8, chat_id=8)


TIME_CASES = {
    "yesterday finds the article": ("What has Ostrovan said yesterday?", True),
    "this week finds it": ("What has Ostrovan said this week?", True),
    "today does not": ("What has Ostrovan said today?", False),
}


async def stored_at(store, when: datetime) -> None:
    """Pretend every article so far was stored by the bot at `when`."""
    await store.db.execute("UPDATE articles SET fetched_at = ?", (when.timestamp(),))


@pytest.mark.parametrize("question, found", TIME_CASES.values(), ids=TIME_CASES.keys())
async def test_time_words_filter_by_when_stored(store, question, found):
    await stored_at(store, NOW - timedelta(days=1))
    text = await answerer(store).answer(question, user_id=1, chat_id=1)
    assert ("Lakeport accords" in text) is found, text
    if not found:
        assert "nothing stored from Boris Ostrovan (today, UTC, by when I stored them)" in text


async def test_time_filter_picks_the_newer_article(store):
    await stored_at(store, NOW - timedelta(days=1))
    article_id = await add_article(
        store, "https://ledger.example/new", text="Ostrovan: “We stay.”", published=NOW - timedelta(hours=1)
    )
    await store_analysis(
        store,
        article_id,
        Analysis(quotes=(Quote("direct", "We stay.", 11, 19, "Ostrovan"),), speakers=(Speaker("Ostrovan"),)),
        "Daily Ledger",
    )
    await store.db.execute("UPDATE articles SET fetched_at = ? WHERE id = ?", (NOW.timestamp() - 3600, article_id))
    text = await answerer(store).answer("What has Ostrovan said today?", user_id=1, chat_id=1)
    assert "We stay." in text and "Lakeport" not in text


HOSTILE = {
    "quote and OR star": 'Ostrovan" OR *',
    "NEAR": "NEAR(",
    "unbalanced quote": '"What did Ostrovan say about "Lakeport',
    "column filter": "text: Ostrovan -",
    "only punctuation": '?!*()"',
    "html": "<b>Who is &amp; <script>?",
    "very long": "Ostrovan " * 2000,
}


@pytest.mark.parametrize("question", HOSTILE.values(), ids=HOSTILE.keys())
async def test_fts_syntax_in_questions_is_searched_as_words(store, question):
    text = await answerer(store).answer(question, user_id=1, chat_id=1)
    assert text and len(text) < 4096
    assert "<script>" not in text


def test_fts_expression_quotes_every_word():
    assert any_of(['Putin" OR *', "NEAR("]) == '"Putin"* OR "OR" OR "NEAR"*'


async def test_empty_question_gets_usage(store):
    assert "/ask" in await answerer(store).answer("  ", user_id=1, chat_id=1)
    assert "/who" in await answerer(store).who("")


async def test_a_flood_of_or_terms_is_searched_only_as_the_words_of_the_question(store):
    """'OR' is a stopword, not an operator: thousands of them neither widen nor break the search."""
    question = "What did Ostrovan say about " + " OR ".join(f"w{n}" for n in range(3000))
    text = await answerer(store).answer(question, user_id=1, chat_id=1)
    assert text.startswith("I have nothing stored from Boris Ostrovan about") and len(text) < 4096


async def test_a_question_with_more_search_terms_than_the_cap_is_refused_not_cut(store):
    """'calderia-x1-x2-…' splits into many terms; cutting their AND would find Calderia quotes that were not asked."""
    chain = "-".join(["Calderia", *(f"x{n}" for n in range(MAX_TERMS + 5))])
    text = await answerer(store).answer(f"What did Ostrovan say about {chain}?", user_id=1, chat_id=1)
    assert text == TOO_MANY_WORDS
    assert "Calderia" not in text


def test_an_or_of_too_many_words_keeps_the_first_ones():
    words = [f"word{n}" for n in range(500)]
    assert any_of(words) == " OR ".join(f'"word{n}"*' for n in range(MAX_TERMS))
    assert too_many_terms(words) and not too_many_terms(words[:MAX_TERMS])
    # FTS5 operators in a word are only its letters: no NEAR group, column filter or boost survives
    expected = '"near"* AND "ab" AND "cd" AND "title"* AND "xy" AND "yz" AND "zz"'
    assert all_of(['near(ab cd) title:xy ^yz "zz']) == expected
