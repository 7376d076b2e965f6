"""Commands as a user sees them, through the fake Bot API: every reply is read back."""

from __future__ import annotations

import pytest

from bot.telegram.texts import COMMANDS

TALKS = [
    "Harbour talks resumed in Geneva on Monday, and the mediators said the talks would run until a draft is signed."
]


async def test_setmycommands_registered_at_startup(running_bot):
    for _ in range(200):  # on_start registers them right after building the poller
        if running_bot.bot_api.commands:
            break
        await running_bot.settle(0.02)
    assert running_bot.bot_api.commands == dict(COMMANDS)


async def test_start_shows_topic_keyboard(running_bot):
    (welcome,) = await running_bot.say("/start", 1)
    assert "briefings" in welcome.plain
    assert [(b["text"], b["callback_data"]) for b in welcome.buttons] == [
        ("➕ Fisheries", "topic:fish"),
        ("➕ Harbour talks", "topic:talks"),
    ]


async def test_tapping_a_topic_subscribes_and_redraws(running_bot):
    bot = running_bot
    (welcome,) = await bot.say("/start", 1)
    bot.bot_api.queue_callback(bot.chat, bot.chat, "topic:talks", welcome.message_id)
    for _ in range(200):
        if any(b["text"].startswith("✅") for b in welcome.buttons):
            break
        await bot.settle(0.02)
    assert [b["text"] for b in welcome.buttons] == ["➕ Fisheries", "✅ Harbour talks"]
    assert bot.bot_api.callback_answers[-1]["text"] == "Subscribed to Harbour talks"
    assert await bot.store.chats.subscriptions(bot.chat) == ["talks"]
    (listing,) = await bot.say("/list", 1)
    assert "Harbour talks (talks)" in listing.plain


async def test_tapping_a_vanished_topic(running_bot):
    bot = running_bot
    (welcome,) = await bot.say("/start", 1)
    bot.bot_api.queue_callback(bot.chat, bot.chat, "topic:gone", welcome.message_id)
    for _ in range(200):
        if bot.bot_api.callback_answers:
            break
        await bot.settle(0.02)
    assert bot.bot_api.callback_answers[-1]["text"] == "That topic no longer exists."
    assert await bot.store.chats.subscriptions(bot.chat) == []


@pytest.mark.parametrize(
    ("commands", "last_reply"),
    [
        (["/subscribe"], "Usage: /subscribe topic-id"),
        (["/subscribe talks fish"], "Usage: /subscribe topic-id"),
        (["/subscribe weather"], "There is no topic weather"),
        (["/subscribe talks"], "Subscribed to Harbour talks."),
        (["/subscribe TALKS"], "Subscribed to Harbour talks."),
        (["/subscribe talks", "/subscribe talks"], "You already follow Harbour talks."),
        (["/unsubscribe"], "Usage: /unsubscribe topic-id"),
        (["/unsubscribe weather"], "There is no topic weather"),
        (["/unsubscribe talks"], "You were not subscribed to Harbour talks."),
        (["/subscribe talks", "/unsubscribe talks"], "Unsubscribed from Harbour talks."),
        (["/subscribe talks", "/unsubscribe talks", "/unsubscribe talks"], "You were not subscribed to Harbour talks."),
        (["/subscribe <b>x</b>&"], "There is no topic <b>x</b>&"),
    ],
    ids=[
        "subscribe-no-argument",
        "subscribe-two-arguments",
        "subscribe-unknown",
        "subscribe",
        "subscribe-any-case",
        "subscribe-twice",
        "unsubscribe-no-argument",
        "unsubscribe-unknown",
        "unsubscribe-not-subscribed",
        "unsubscribe",
        "unsubscribe-twice",
        "html-in-argument-escaped",
    ],
)
async def test_subscribe_and_unsubscribe(running_bot, commands, last_reply):
    for command in commands:
        (reply,) = await running_bot.say(command, 1)
    assert last_reply in reply.plain
    if "Usage" in last_reply or "no topic" in last_reply:
        assert "Topics: fish, talks" in reply.plain


@pytest.mark.parametrize(
    ("query", "reply_has", "follows"),
    [
        ('"peace talks" OR ceasefire -football', 'Following "peace talks" OR ceasefire -football', True),
        ("", "Usage: /follow", False),
        ("-football -cricket", "I can't use that query: a query needs at least one word", False),
        ('"NEAR( * OR', 'Following "NEAR( * OR', True),
        ("* ( ) OR :", "I can't use that query", False),
        ("<script>&amp;", "Following <script>&amp;", True),
    ],
    ids=["valid", "empty", "only-exclusions", "fts-junk-quoted", "only-punctuation", "html-escaped"],
)
async def test_follow(running_bot, query, reply_has, follows):
    bot = running_bot
    (reply,) = await bot.say(f"/follow {query}".strip(), 1)
    assert reply_has in reply.plain
    own = [t for t in await bot.store.chats.subscriptions(bot.chat) if t.startswith("own-")]
    assert len(own) == (1 if follows else 0)
    if follows:
        assert f"(topic {own[0]})" in reply.plain
        (listing,) = await bot.say("/list", 1)
        assert query.strip() in listing.plain


async def test_followed_junk_query_matches_only_its_words(running_bot):
    bot = running_bot
    await bot.say("/follow * OR (talks", 1)
    bot.publish(
        [
            ("Talks resume", "talks.html", TALKS),
            ("Weather", "weather.html", ["Rain is expected over the harbour all week, forecasters said."]),
        ]
    )
    await bot.cycle()
    (briefing,) = (await bot.bot_api.wait_for_messages(2, chat_id=bot.chat))[1:]
    assert "Talks resume" in briefing.plain
    await bot.settle()
    assert not any("Weather" in text for text in bot.texts_to())


@pytest.mark.parametrize(
    ("commands", "reply_has"),
    [
        (["/list"], "No topics yet: try /topics or /follow."),
        (["/list"], "Delivery: instant"),
        (["/subscribe fish", "/list"], "• Fisheries (fish)"),
        (["/digest 07:30 Europe/Kyiv", "/list"], "Delivery: daily digest at 07:30 Europe/Kyiv"),
        (["/mode"], "Usage: /mode instant"),
        (["/mode loud"], "Usage: /mode instant"),
        (["/mode instant digest"], "Usage: /mode instant"),
        (["/mode DIGEST"], "Delivery mode: digest, daily at 08:00 UTC."),
        (["/mode digest", "/mode instant"], "Delivery mode: instant, as articles arrive."),
        (["/digest"], "Usage: /digest 08:00 Europe/Kyiv"),
        (["/digest 25:00"], "Usage: /digest 08:00 Europe/Kyiv"),
        (["/digest 7:60"], "Usage: /digest 08:00 Europe/Kyiv"),
        (["/digest 07:30 Europe/Kyiv extra"], "Usage: /digest 08:00 Europe/Kyiv"),
        (["/digest 07:30 Mars/Base"], "I don't know the time zone Mars/Base."),
        (["/digest 07:30 ../../etc/passwd"], "I don't know the time zone ../../etc/passwd."),
        (["/digest 07:30 Europe/Kyiv"], "Daily digest at 07:30 Europe/Kyiv, the first one"),
        (["/digest 7:05"], "Daily digest at 07:05 UTC, the first one"),
        (["/now"], "Nothing new on your topics since your last briefing."),
        (["/subscribe talks", "/now"], "Nothing new on your topics since your last briefing."),
        (["/weather"], "I don't know /weather. /help lists what I can do."),
        (["/help"], "/follow — Follow your own keywords"),
    ],
    ids=[
        "list-empty",
        "list-instant",
        "list-topic",
        "list-digest",
        "mode-no-argument",
        "mode-bad",
        "mode-two-arguments",
        "mode-digest",
        "mode-instant",
        "digest-no-argument",
        "digest-bad-hour",
        "digest-bad-minute",
        "digest-extra-argument",
        "digest-bad-zone",
        "digest-path-zone",
        "digest-good",
        "digest-utc-default",
        "now-nothing",
        "now-nothing-subscribed",
        "unknown-command",
        "help",
    ],
)
async def test_delivery_commands_and_replies(running_bot, commands, reply_has):
    for command in commands:
        (reply,) = await running_bot.say(command, 1)
    assert reply_has in reply.plain


async def test_bad_digest_leaves_settings_as_they_were(running_bot):
    bot = running_bot
    await bot.say("/digest 06:15 Europe/Kyiv", 1)
    await bot.say("/digest 25:00 Europe/Kyiv", 1)
    await bot.say("/digest 09:00 Mars/Base", 1)
    chat = await bot.store.chats.get(bot.chat)
    assert (chat.mode, chat.digest_time, chat.timezone) == ("digest", "06:15", "Europe/Kyiv")


async def test_stop_deletes_subscriptions(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/follow ceasefire", 1)
    await bot.say("/digest 07:30 Europe/Kyiv", 1)
    (done,) = await bot.say("/stop", 1)
    assert "unsubscribed" in done.plain and "deleted" in done.plain
    assert await bot.store.chats.subscriptions(bot.chat) == []
    (listing,) = await bot.say("/list", 1)
    assert "No topics yet" in listing.plain
    assert "Delivery: instant" in listing.plain  # the digest setting went with the chat
    assert [t.id for t in await bot.store.topics.catalogue()] == ["fish", "talks"]


async def test_stopped_chat_receives_nothing(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/stop", 1)
    bot.publish([("Talks resume", "talks.html", TALKS)])
    await bot.cycle()
    await bot.settle()
    assert not any("Talks resume" in text for text in bot.texts_to())


async def test_follow_limit(running_bot):
    bot = running_bot
    for n in range(10):
        (reply,) = await bot.say(f"/follow harbour{n}", 1)
        assert "Following" in reply.plain
    (refused,) = await bot.say("/follow harbour10", 1)
    assert "You already follow 10 keyword topics" in refused.plain
    assert len(await bot.store.chats.subscriptions(bot.chat)) == 10


async def test_own_topic_is_private_to_its_chat(running_bot):
    bot = running_bot
    (reply,) = await bot.say("/follow ceasefire", 1)
    own = reply.plain.split("(topic ")[1].split(")")[0]
    other = bot.chat + 1
    (refused,) = await bot.say(f"/subscribe {own}", 1, chat=other)
    assert f"There is no topic {own}" in refused.plain
    assert await bot.store.chats.subscriptions(other) == []
    (unsub,) = await bot.say(f"/unsubscribe {own}", 1)
    assert "Unsubscribed from ceasefire." in unsub.plain


async def test_stop_deletes_own_topics(running_bot):
    bot = running_bot
    (reply,) = await bot.say("/follow ceasefire", 1)
    own = reply.plain.split("(topic ")[1].split(")")[0]
    await bot.say("/stop", 1)
    assert await bot.store.topics.get(own) is None


@pytest.mark.parametrize(
    ("text", "reply_has"),
    [
        ("/subscribe@briefbot_test_bot talks", "Subscribed to Harbour talks."),
        ("/list@briefbot_test_bot", "No topics yet"),
        ("/weather@briefbot_test_bot", "I don't know"),
    ],
    ids=["subscribe-addressed", "list-addressed", "unknown-addressed"],
)
async def test_commands_in_a_group(running_bot, text, reply_has):
    running_bot.bot_api.set_member(-4004004, 7, "administrator")
    (reply,) = await running_bot.say(text, 1, chat=-4004004, chat_type="group", user=7)
    assert reply_has in reply.plain
