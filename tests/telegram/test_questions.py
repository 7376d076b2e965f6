"""Questions through Telegram: PTB talks HTTP to the fake Bot API on loopback."""

import time
from types import SimpleNamespace

import pytest

from bot.telegram.questions import speaker_buttons
from tests.questions.seed import seed_store

CHAT = 5151


@pytest.fixture
async def running(running_bot):
    """The bot as build_app wires it, with the seed article's quotes stored."""
    article_id = await seed_store(running_bot.store)
    return SimpleNamespace(app=running_bot.app, store=running_bot.store, article_id=article_id)


async def _send_briefing(env):
    """What the lead's sender does: a briefing with speaker buttons, logged as delivered."""
    speakers = await env.store.speakers.of_article(env.article_id)
    message = await env.app.bot.send_message(
        CHAT, "<b>Ostrovan says troops left Marvel City</b>", parse_mode="HTML", reply_markup=speaker_buttons(speakers)
    )
    await env.store.db.execute(
        "INSERT INTO chats(id, subscribed_since, created_at) VALUES (?, ?, ?)", (CHAT, time.time(), time.time())
    )
    assert await env.store.deliveries.claim(CHAT, env.article_id)
    await env.store.deliveries.mark_sent(CHAT, env.article_id, message.message_id)
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
