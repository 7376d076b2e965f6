"""Questions through Telegram: PTB talks HTTP to the fake Bot API on loopback."""

import time
from types import SimpleNamespace

import pytest
from telegram.ext import ApplicationBuilder

from bot.questions import QuestionAnswerer
from bot.questions.handlers import register, speaker_buttons
from bot.services import Services
from bot.store import Store
from bot.store.speakers import SpeakerStore
from bot.telegram.ratelimit import FloodGate, SendLimits
from tests.fakes.bot_api import TEST_CHAT_INTERVAL, TEST_TOKEN, bot_api  # noqa: F401  (fixture)
from tests.questions_helpers import seed_store

CHAT = 5151


@pytest.fixture
async def running(bot_api):
    async with await Store.open(":memory:") as store:
        article_id = await seed_store(store)
        settings = SimpleNamespace(questions_per_minute=30)
        services = Services(settings=settings, store=store)
        services.answerer = QuestionAnswerer.from_services(services)
        app = (
            ApplicationBuilder()
            .token(TEST_TOKEN)
            .base_url(bot_api.base_url)
            .base_file_url(bot_api.base_file_url)
            .rate_limiter(FloodGate(SendLimits(chat_interval=TEST_CHAT_INTERVAL)))  # as the bot builds it
            .build()
        )
        app.bot_data["services"] = services
        register(app)
        async with app:
            await app.updater.start_polling(poll_interval=0, timeout=1)
            await app.start()
            yield SimpleNamespace(app=app, store=store, article_id=article_id)
            await app.updater.stop()
            await app.stop()


async def _send_briefing(env):
    """What the lead's sender does: a briefing with speaker buttons, logged as delivered."""
    speakers = await SpeakerStore(env.store.db).of_article(env.article_id)
    message = await env.app.bot.send_message(
        CHAT, "<b>Ostrovan says troops left Marvel City</b>", parse_mode="HTML", reply_markup=speaker_buttons(speakers)
    )
    await env.store.db.execute(
        "INSERT INTO chats(id, subscribed_since, created_at) VALUES (?, ?, ?)", (CHAT, time.time(), time.time())
    )
    await env.store.deliveries.mark_articles_sent(CHAT, [env.article_id], message.message_id)
    return message


async def _ask(bot_api, text, **kwargs):
    before = len(bot_api.messages_to(CHAT))
    bot_api.queue_message(CHAT, text, **kwargs)
    return (await bot_api.wait_for_messages(before + 1, chat_id=CHAT))[-1]


async def test_ask_command(bot_api, running):
    answer = await _ask(bot_api, "/ask What did Ostrovan say about Marvel City?")
    assert "Our troops have left the centre of Calderia, from Marvel City." in answer.plain
    assert "quoted by Meridian TV" in answer.plain
    assert any(e["type"] == "text_link" and e["url"] == "https://ledger.example/ostrovan" for e in answer.entities)


async def test_who_command_and_usage(bot_api, running):
    card = await _ask(bot_api, "/who Pidhornyi")
    assert "a member of the negotiating team (Daily Ledger)" in card.plain
    usage = await _ask(bot_api, "/who")
    assert "/who Medinsky" in usage.plain
    unknown = await _ask(bot_api, "/ask What did Erdogan say?")
    assert unknown.plain.startswith("I have nothing stored about Erdogan.")


async def test_reply_to_briefing_uses_its_main_speaker(bot_api, running):
    briefing = await _send_briefing(running)
    answer = await _ask(bot_api, "What did he say about Lakeport?", reply_to_message_id=briefing.message_id)
    assert answer.plain.startswith("Boris Ostrovan")
    assert "Lakeport accords" in answer.plain


async def test_speaker_button_sends_card(bot_api, running):
    briefing = await _send_briefing(running)
    labels = [b["text"] for b in bot_api.messages_to(CHAT)[-1].buttons]
    assert labels == ["Who is Ostrovan?", "Who is Pidhornyi?", "Who is Sarnov?"]
    sarnov = next(b["callback_data"] for b in bot_api.messages_to(CHAT)[-1].buttons if "Sarnov" in b["text"])
    bot_api.queue_callback(CHAT, user_id=CHAT, data=sarnov, message_id=briefing.message_id)
    card = (await bot_api.wait_for_messages(2, chat_id=CHAT))[-1]
    assert card.plain.startswith("Gleb Sarnov")
    assert "reported (paraphrased) by Daily Ledger, not a direct quote" in card.plain
