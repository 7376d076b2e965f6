"""Questions as people write them: pronoun replies, courtesy titles, other scripts, pasted markup,
days in the chat's time zone, and no answer built from a statement that only shares a word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Analysis, Quote, Speaker
from bot.questions import QuestionAnswerer
from bot.store import Store
from tests.questions.seed import add_article, store_analysis

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)
CHAT = 42
BRIEFING_MESSAGE = 900

TALKS = (
    "Ostrovan rules out a meeting with Zelenskyy\n"
    "Varnian President Boris Ostrovan said on Friday that Volodymyr Zelenskyy had refused every offer of talks. "
    "“Zelenskyy is not ready for peace, and everybody in Lakeport knows it,” Ostrovan said. "
    "“The grain ships will sail on Monday,” he added. "
    "Volodymyr Zelenskyy answered in his evening address: “Ostrovan is lying about the talks.”\n"
)
ANTHEM = (
    "Shapps defends the air defence order\n"
    "Defence Secretary Grant Shapps said the order was the largest since the war began. "
    "“We have listened to the commanders in the field,” Mr Shapps said.\n"
)
KYIV = "Кулеба: “Ми не чекатимемо”\nДмитро Кулеба сказав: “Ми не чекатимемо.”\n"


def _quote(text: str, kind: str, words: str, speaker: str, role: str | None = None) -> Quote:
    start = text.index(words) if kind != "indirect" else 0
    return Quote(kind, words, start, start + len(words), speaker, role, None, "said")


TALKS_ANALYSIS = Analysis(
    quotes=(
        _quote(TALKS, "indirect", "Volodymyr Zelenskyy had refused every offer of talks", "Boris Ostrovan"),
        _quote(TALKS, "direct", "Zelenskyy is not ready for peace, and everybody in Lakeport knows it,", "Ostrovan"),
        _quote(TALKS, "direct", "The grain ships will sail on Monday,", "Ostrovan"),
        _quote(TALKS, "direct", "Ostrovan is lying about the talks.", "Volodymyr Zelenskyy"),
    ),
    speakers=(
        Speaker("Boris Ostrovan", "Varnian President", ("Ostrovan", "Varnian President Boris Ostrovan")),
        Speaker("Volodymyr Zelenskyy", None, ("Zelenskyy",)),
    ),
)
ANTHEM_ANALYSIS = Analysis(
    quotes=(
        _quote(
            ANTHEM, "indirect", "the order was the largest since the war began", "Grant Shapps", "Defence Secretary"
        ),
        _quote(
            ANTHEM, "direct", "We have listened to the commanders in the field,", "Grant Shapps", "Defence Secretary"
        ),
    ),
    speakers=(Speaker("Grant Shapps", "Defence Secretary", ("Shapps",)),),
)
KYIV_ANALYSIS = Analysis(
    quotes=(_quote(KYIV, "direct", "Ми не чекатимемо.", "Дмитро Кулеба"),),
    speakers=(Speaker("Дмитро Кулеба", None, ("Кулеба",)),),
)


@pytest.fixture
async def store():
    async with await Store.open(":memory:") as store:
        talks = await add_article(store, "https://ledger.example/talks", TALKS)
        await store_analysis(store, talks, TALKS_ANALYSIS, "Daily Ledger")
        anthem = await add_article(store, "https://ledger.example/shapps", ANTHEM)
        await store_analysis(store, anthem, ANTHEM_ANALYSIS, "Daily Ledger")
        kyiv = await add_article(store, "https://ledger.example/kuleba", KYIV)
        await store_analysis(store, kyiv, KYIV_ANALYSIS, "Kyiv Wire")
        # the briefing of the talks article was delivered to CHAT as message BRIEFING_MESSAGE
        await store.chats.ensure(CHAT)
        assert await store.deliveries.claim(CHAT, talks)
        await store.deliveries.mark_sent(CHAT, talks, BRIEFING_MESSAGE)
        await store.db.execute("UPDATE articles SET fetched_at = ?", ((NOW - timedelta(days=3)).timestamp(),))
        yield store


async def ask(store, question: str, reply: bool = False) -> str:
    answerer = QuestionAnswerer(store, questions_per_minute=100, now=lambda: NOW)
    return await answerer.answer(
        question, user_id=1, chat_id=CHAT, reply_to_message_id=BRIEFING_MESSAGE if reply else None
    )


async def test_a_pronoun_reply_means_the_briefings_main_speaker_speaking_about_the_name(store):
    text = await ask(store, "What did he say about Zelenskyy?", reply=True)
    assert text.startswith("<b>Boris Ostrovan</b>")
    assert "“Zelenskyy is not ready for peace" in text and "direct quote" in text
    assert "had refused every offer of talks" in text and "reported (paraphrased)" in text
    assert "Ostrovan is lying" not in text  # Zelenskyy's own words are not what was asked
    assert "grain ships" not in text  # nor Ostrovan's words about something else


@pytest.mark.parametrize("question", ["What else did she say?", "What else did they say?", "what did he say"])
async def test_what_else_did_she_say_lists_the_main_speakers_statements_in_the_article(store, question):
    text = await ask(store, question, reply=True)
    assert "Boris Ostrovan" in text and "grain ships will sail" in text and "not ready for peace" in text
    assert "Ostrovan is lying" not in text and "Shapps" not in text


async def test_a_courtesy_title_finds_the_full_name(store):
    text = await ask(store, "What did Mr Shapps say?")
    assert text.startswith("<b>Grant Shapps</b>") and "listened to the commanders" in text


@pytest.mark.parametrize(
    ("question", "speaker", "words"),
    [
        ("What did Зеленський say?", "Volodymyr Zelenskyy", "Ostrovan is lying"),
        ("What did Зеленский say?", "Volodymyr Zelenskyy", "Ostrovan is lying"),  # the Russian spelling
        ("What did Kuleba say?", "Дмитро Кулеба", "Ми не чекатимемо."),
        ("What did Dmytro Kuleba say?", "Дмитро Кулеба", "Ми не чекатимемо."),
    ],
)
async def test_a_name_in_another_script_finds_its_transliteration_and_back(store, question, speaker, words):
    text = await ask(store, question)
    assert text.startswith(f"<b>{speaker}</b>") and words in text


async def test_pasted_markup_and_entities_are_read_as_words(store):
    text = await ask(store, "<b>What</b> did <i>Ostrovan</i> say about &quot;grain&quot; &amp; ships?")
    assert text.startswith("<b>Boris Ostrovan</b>") and "The grain ships will sail on Monday" in text
    assert "&amp;quot;" not in text and "<i>Ostrovan" not in text


async def test_today_is_the_day_the_bot_stored_it_in_the_chats_time_zone(store):
    # stored at 23:30 UTC the day before NOW: already "today" in Tokyo, "yesterday" in UTC
    stored = datetime(2026, 11, 20, 23, 30, tzinfo=UTC).timestamp()
    await store.db.execute("UPDATE articles SET fetched_at = ? WHERE url LIKE '%shapps'", (stored,))
    in_utc = await ask(store, "What did Shapps say today?")
    assert "nothing stored from Grant Shapps" in in_utc and "(today, UTC, by when I stored them)" in in_utc
    assert "listened" in await ask(store, "What did Shapps say yesterday?")
    await store.chats.set_digest(CHAT, "08:00", "Asia/Tokyo")
    in_tokyo = await ask(store, "What did Shapps say today?")
    assert "listened to the commanders" in in_tokyo and "today, Asia/Tokyo, by when I stored them" in in_tokyo


async def test_the_article_date_line_is_not_when_it_was_stored(store):
    # every article is dated 2022 but was stored three days before NOW
    assert "nothing stored from Grant Shapps" in await ask(store, "What did Shapps say yesterday?")
    assert "listened" in await ask(store, "What did Shapps say this month?")


async def test_nothing_matching_well_says_so_and_names_the_closest_speakers(store):
    text = await ask(store, "What was said about grain prices?")  # "grain" alone is in one quote
    assert "Nothing I have stored matches “grain prices” well" in text
    assert "The closest speakers: Ostrovan." in text or "The closest speakers: Boris Ostrovan." in text
    assert "grain ships" not in text  # the unrelated statement itself is not shown


async def test_a_known_speaker_with_nothing_on_the_topic_is_told_so(store):
    text = await ask(store, "What did Shapps say about grain?")
    assert text == "I have nothing stored from Grant Shapps about “grain”."


async def test_who_card_by_a_name_in_another_script(store):
    answerer = QuestionAnswerer(store, questions_per_minute=100, now=lambda: NOW)
    assert (await answerer.who("Зеленський")).startswith("<b>Volodymyr Zelenskyy</b>")
