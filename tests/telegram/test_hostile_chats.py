"""Hostile chat input through the fake Bot API: floods, very long commands, query abuse,
control characters and direction marks. Each refusal is one line the user can act on."""

from __future__ import annotations

import pytest

from bot.telegram.command_gate import MAX_COMMAND_CHARS, CommandGate, Verdict
from bot.topics.query import MAX_TERMS
from tests.telegram.harness import bot_running

TALKS = ["Harbour talks resumed in Geneva on Monday, and the mediators said the talks would run until a draft is done."]
SLOW_DOWN = "You are sending commands faster than I can answer"
INVISIBLE = "\u202e\u200f\u2066\x00\x1b\x7f\u200b"


@pytest.fixture
async def strict_bot(bot_api, feed_server, make_settings, tmp_path):
    """The bot with a limit of three commands per chat and minute."""
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, COMMANDS_PER_MINUTE=3) as bot:
        yield bot


async def own_topics(bot) -> list:
    ids = await bot.store.chats.subscriptions(bot.chat)
    return [await bot.store.topics.get(t) for t in ids if t.startswith("own-")]


async def test_a_flooding_chat_is_told_once_then_not_answered(strict_bot):
    bot = strict_bot
    for _ in range(3):
        (reply,) = await bot.say("/list", 1)
        assert "Your topics" in reply.plain
    (polite,) = await bot.say("/list", 1)
    assert polite.plain.startswith(SLOW_DOWN) and "Please wait" in polite.plain
    before = len(bot.texts_to())
    for text in ["/list", "/follow harbour", "/weather", "/subscribe talks"]:
        bot.bot_api.queue_message(bot.chat, text)
    await bot.settle(0.8)
    assert len(bot.texts_to()) == before  # one line per window, not one per message
    assert await bot.store.chats.subscriptions(bot.chat) == []  # refused commands did nothing


async def test_the_limit_is_per_chat(strict_bot):
    bot = strict_bot
    for _ in range(4):
        await bot.say("/list", 1)
    (reply,) = await bot.say("/subscribe talks", 1, chat=bot.chat + 1)
    assert "Subscribed to Harbour talks." in reply.plain


async def test_commands_for_another_bot_are_not_counted(strict_bot):
    bot = strict_bot
    group = -4004005
    bot.bot_api.set_member(group, 7, "administrator")
    for _ in range(5):
        bot.bot_api.queue_message(group, "/list@some_other_bot", user_id=7, chat_type="group")
    await bot.settle(0.5)
    (reply,) = await bot.say("/list@briefbot_test_bot", 1, chat=group, chat_type="group", user=7)
    assert "Your topics" in reply.plain


@pytest.mark.parametrize(
    "command",
    ["/follow ", "/subscribe ", "/ask ", "/who ", "/addfeed https://", "/filter 1 ", "/digest 07:00 ", "/nosuch"],
)
async def test_a_very_long_command_gets_one_line_and_changes_nothing(running_bot, command):
    bot = running_bot
    text = command + "harbour" * (10_000 // 7)
    (reply,) = await bot.say(text, 1)
    assert reply.plain == (
        f"That command is too long for me ({len(text)} characters; at most {MAX_COMMAND_CHARS}). Please shorten it."
    )
    assert await bot.store.chats.subscriptions(bot.chat) == []


async def test_thousands_of_or_terms_are_refused_in_words(running_bot):
    bot = running_bot
    query = " OR ".join(f"w{n}" for n in range(360))
    assert len(query) < MAX_COMMAND_CHARS
    (reply,) = await bot.say(f"/follow {query}", 1)
    assert reply.plain == f"I can't use that query: too many terms (at most {MAX_TERMS})."
    assert await own_topics(bot) == []


@pytest.mark.parametrize(
    "query",
    ['"harbour talks', "harbour NEAR(talks", "harbour*", "^harbour", "text:harbour", "harbour OR *", '"harbour" OR ""'],
    ids=["unbalanced-quote", "near", "star", "caret", "column-filter", "or-star", "empty-phrase"],
)
async def test_query_syntax_abuse_is_followed_as_words_and_never_widens(running_bot, query):
    """An article on something else never reaches a chat whatever FTS5 operators its query carries."""
    bot = running_bot
    (reply,) = await bot.say(f"/follow {query}", 1)
    assert reply.plain.startswith("Following ")
    bot.publish([("Weather turns", "weather.html", ["Rain is expected over the coast all week, forecasters said."])])
    await bot.cycle()
    await bot.settle()
    assert not any("Weather turns" in text for text in bot.texts_to())


async def test_control_characters_and_direction_marks_are_dropped_from_a_topic(running_bot):
    bot = running_bot
    (reply,) = await bot.say(f"/follow {INVISIBLE}harbour{INVISIBLE} \u202etalks\u202c", 1)
    assert reply.plain.startswith("Following harbour talks (topic own-")
    (topic,) = await own_topics(bot)
    assert topic.name == "harbour talks" and topic.query == "harbour talks"
    (listing,) = await bot.say("/list", 1)
    assert "• harbour talks (own-" in listing.plain
    bot.publish([("Talks resume", "talks.html", TALKS)])
    await bot.cycle()
    messages = await bot.bot_api.wait_for_messages(3, chat_id=bot.chat)
    assert "Talks resume" in messages[2].plain  # the cleaned query still finds its story


@pytest.mark.parametrize(
    "command",
    [
        "/subscribe \u202etalks",
        "/who \u202eOstrovan\x00",
        "/ask what did \u202eOstrovan\u200f say about \x1b[31mgrain",
        "/digest 07:00 \u202eEurope/Kyiv",
        "/addfeed \u202ehttps://example.invalid/feed",
        "/removefeed \u202e7",
        "/filter \u202e7 -football",
        "/mode \u202edigest",
        "/weather\u202e",
    ],
)
async def test_no_reply_shows_a_control_character_or_direction_mark(running_bot, command):
    (reply,) = await running_bot.say(command, 1)
    assert not set(reply.plain) & set(INVISIBLE), repr(reply.plain)


def test_the_gate_tells_once_per_window_and_opens_when_the_window_frees():
    now = [1000.0]
    gate = CommandGate(2, clock=lambda: now[0])
    assert gate.admit(1).admitted and gate.admit(1).admitted
    refused = gate.admit(1)
    assert not refused.admitted and refused.tell and refused.wait_seconds == 60
    now[0] += 30
    assert gate.admit(1) == Verdict(False, 30.0, tell=False)  # still flooding: silence
    now[0] += 30
    assert gate.admit(1).admitted  # the first command left the window
    assert gate.admit(1).admitted  # so did the second
    refused = gate.admit(1)
    assert not refused.admitted and refused.tell  # a new window: told again, once
