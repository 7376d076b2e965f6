"""Channels are linked and set up from a private chat by their administrators; briefings are posted there."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.telegram.digest import send_due_digests

CHANNEL = -1007001
OWNER, STRANGER = 424242, 515151  # private chats, so their user ids are their chat ids
TALKS = (
    "Harbour talks resume in Geneva",
    "talks.html",
    ["Harbour talks resumed in Geneva on Monday after a week of delay, officials said."],
)


def channel_with_bot(bot, *, can_post: bool = True) -> None:
    bot.bot_api.add_channel(CHANNEL, "harbour_news", "Harbour News")
    bot.bot_api.set_member(CHANNEL, OWNER, "creator")
    bot.bot_api.set_member(CHANNEL, bot.bot_api.bot_user["id"], "administrator", can_post_messages=can_post)


async def test_channel_add_is_refused_with_a_reason(running_bot):
    bot = running_bot
    (reply,) = await bot.say("/channel add @no_such_channel", 1)
    assert reply.plain == "I can't find the channel @no_such_channel. Check the name, and add me to the channel first."

    bot.bot_api.add_channel(CHANNEL, "harbour_news", "Harbour News")
    (reply,) = await bot.say("/channel add @harbour_news", 1)  # neither the user nor the bot is an admin
    assert reply.plain == "Only an administrator of @harbour_news can link it."

    bot.bot_api.set_member(CHANNEL, OWNER, "administrator")
    (reply,) = await bot.say("/channel add @harbour_news", 1)
    assert reply.plain == "Make me an administrator of @harbour_news with the right to post messages, then try again."

    bot.bot_api.set_member(CHANNEL, bot.bot_api.bot_user["id"], "administrator", can_post_messages=False)
    (reply,) = await bot.say(f"/channel add {CHANNEL}", 1)
    assert reply.plain == f"Make me an administrator of {CHANNEL} with the right to post messages, then try again."

    group = -4002
    bot.bot_api.queue_message(group, "hi", chat_type="group")
    (reply,) = await bot.say(f"/channel add {group}", 1)
    assert reply.plain == f"{group} is not a channel."
    assert await bot.store.chats.get(CHANNEL) is None


async def test_channel_set_up_from_a_private_chat_gets_its_briefings(running_bot):
    bot = running_bot
    channel_with_bot(bot)
    (reply,) = await bot.say("/channel add @harbour_news", 1)
    assert reply.plain.startswith("Linked Harbour News.")
    (reply,) = await bot.say("/channel subscribe @harbour_news talks", 1)
    assert reply.plain == "Subscribed to Harbour talks."
    (reply,) = await bot.say("/channel subscribe @harbour_news weather", 1)
    assert reply.plain.startswith("There is no topic weather.")
    (reply,) = await bot.say("/channel list", 1)
    assert reply.plain == "Your channels\n• Harbour News: talks; instant"

    # Someone who is not an administrator of the channel can't change it.
    (reply,) = await bot.say("/channel unsubscribe @harbour_news talks", 1, chat=STRANGER)
    assert reply.plain == "Only an administrator of @harbour_news can change what it receives."
    (reply,) = await bot.say("/channel list", 1, chat=STRANGER)
    assert reply.plain == "You have linked no channel: /channel add @name."
    assert await bot.store.chats.subscriptions(CHANNEL) == ["talks"]

    bot.publish([TALKS])
    await bot.cycle()
    (post,) = await bot.bot_api.wait_for_messages(1, chat_id=CHANNEL)
    assert TALKS[0] in post.plain


async def test_channel_digest_and_quiet_and_remove(running_bot):
    bot = running_bot
    channel_with_bot(bot)
    await bot.say("/channel add @harbour_news", 1)
    await bot.say("/channel subscribe @harbour_news talks", 1)
    (reply,) = await bot.say("/channel digest @harbour_news 07:00 Europe/Oslo", 1)
    assert reply.plain.startswith("Daily digest at 07:00 Europe/Oslo")
    (reply,) = await bot.say("/channel quiet @harbour_news 23:00-06:00", 1)
    assert reply.plain.startswith("Quiet hours: 23:00–06:00 Europe/Oslo.")
    (reply,) = await bot.say("/channel mode @harbour_news sometimes", 1)
    assert reply.plain.startswith("Usage: /channel mode @harbour_news instant")

    bot.publish([TALKS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    when = datetime(2027, 6, 2, 5, 0, tzinfo=UTC)  # 07:00 in Oslo (summer time)
    assert await send_due_digests(bot.store, bot.services.running_sender(), bot.app.bot, now_utc=when) == 1
    (digest,) = await bot.bot_api.wait_for_messages(1, chat_id=CHANNEL)
    assert digest.plain.startswith("🗞 Your daily digest · 2027-06-02 · 1 new")

    (reply,) = await bot.say("/channel remove @harbour_news", 1)
    assert reply.plain.startswith("Removed")
    assert await bot.store.chats.get(CHANNEL) is None


async def test_channel_commands_only_in_a_private_chat(running_bot):
    bot = running_bot
    (reply,) = await bot.say("/channel list", 1, chat=-4003, chat_type="group")
    assert reply.plain == "Set up channels in a private chat with me: /channel there."
    (reply,) = await bot.say("/channel", 1)
    assert reply.plain.startswith("Channels (run these here")


async def test_a_channel_digest_button_opens_the_briefing_in_a_private_chat(running_bot):
    bot = running_bot
    channel_with_bot(bot)
    await bot.say("/channel add @harbour_news", 1)
    await bot.say("/channel subscribe @harbour_news talks", 1)
    await bot.say("/channel digest @harbour_news 07:00 UTC", 1)
    bot.publish([TALKS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    when = datetime(2027, 6, 2, 7, 0, tzinfo=UTC)
    await send_due_digests(bot.store, bot.services.running_sender(), bot.app.bot, now_utc=when)
    (digest,) = await bot.bot_api.wait_for_messages(1, chat_id=CHANNEL)

    reader = 777001
    bot.bot_api.queue_callback(CHANNEL, reader, digest.buttons[0]["callback_data"], digest.message_id)
    for _ in range(200):
        if bot.bot_api.callback_answers:
            break
        await bot.settle(0.02)
    link = bot.bot_api.callback_answers[-1]["url"]
    name = bot.bot_api.bot_user["username"]
    assert link.startswith(f"https://t.me/{name}?start=b")
    await bot.settle()
    assert len(bot.bot_api.messages_to(CHANNEL)) == 1  # nothing pushed to the channel's readers

    (briefing,) = await bot.say("/start " + link.split("start=")[1], 1, chat=reader)
    assert TALKS[0] in briefing.plain
    (welcome,) = await bot.say("/start b999999", 1, chat=reader)  # not a published briefing
    assert "briefings" in welcome.plain
