"""Groups: anyone reads and asks, administrators change the setup; commands for other bots are not ours."""

from __future__ import annotations

from bot.telegram.chat_admins import NOT_ADMIN

GROUP = -4001
ADMIN, MEMBER = 501, 502


def member_checks(bot) -> int:
    return sum(1 for method, _ in bot.bot_api.requests if method.lower() == "getchatmember")


async def test_non_admin_is_refused_politely_and_nothing_changes(running_bot):
    bot = running_bot
    bot.bot_api.set_member(GROUP, ADMIN, "administrator")
    (refusal,) = await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert refusal.plain == NOT_ADMIN
    (refusal,) = await bot.say("/mode digest", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert refusal.plain == NOT_ADMIN
    assert await bot.store.chats.subscriptions(GROUP) == []

    (done,) = await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=ADMIN)
    assert done.plain == "Subscribed to Harbour talks."
    (done,) = await bot.say("/quiet 22:00-07:00", 1, chat=GROUP, chat_type="group", user=ADMIN)
    assert done.plain.startswith("Quiet hours: 22:00–07:00")
    assert await bot.store.chats.subscriptions(GROUP) == ["talks"]

    # Reading is for everyone.
    (listing,) = await bot.say("/list", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert "Harbour talks (talks)" in listing.plain


async def test_admin_status_is_cached(running_bot):
    bot = running_bot
    bot.bot_api.set_member(GROUP, ADMIN, "creator")
    await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=ADMIN)
    await bot.say("/subscribe fish", 1, chat=GROUP, chat_type="group", user=ADMIN)
    await bot.say("/unsubscribe fish", 1, chat=GROUP, chat_type="group", user=ADMIN)
    assert member_checks(bot) == 1


async def test_anonymous_admin_writing_as_the_group_may_change_it(running_bot):
    bot = running_bot
    group = bot.bot_api.queue_message(GROUP, "hello", chat_type="group")["chat"]
    (done,) = await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=1087968824, sender_chat=group)
    assert done.plain == "Subscribed to Harbour talks."


async def test_a_non_admin_tapping_a_topic_button_changes_nothing(running_bot):
    bot = running_bot
    (keyboard,) = await bot.say("/topics", 1, chat=GROUP, chat_type="group", user=MEMBER)
    bot.bot_api.queue_callback(GROUP, MEMBER, "topic:talks", keyboard.message_id)
    for _ in range(200):
        if bot.bot_api.callback_answers:
            break
        await bot.settle(0.02)
    answer = bot.bot_api.callback_answers[-1]
    assert answer["text"] == NOT_ADMIN and answer["show_alert"] is True
    assert await bot.store.chats.subscriptions(GROUP) == []


async def test_stop_in_a_group_asks_first_and_only_an_admin_confirms(running_bot):
    bot = running_bot
    bot.bot_api.set_member(GROUP, ADMIN, "administrator")
    await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=ADMIN)
    (question,) = await bot.say("/stop", 1, chat=GROUP, chat_type="group", user=ADMIN)
    assert [b["text"] for b in question.buttons] == ["Yes, stop and delete", "Cancel"]
    assert await bot.store.chats.subscriptions(GROUP) == ["talks"]  # nothing deleted yet

    bot.bot_api.queue_callback(GROUP, MEMBER, "stop:yes", question.message_id)
    for _ in range(200):
        if bot.bot_api.callback_answers:
            break
        await bot.settle(0.02)
    assert bot.bot_api.callback_answers[-1]["text"] == NOT_ADMIN
    assert await bot.store.chats.get(GROUP) is not None

    bot.bot_api.queue_callback(GROUP, ADMIN, "stop:yes", question.message_id)
    for _ in range(200):
        if question.history:
            break
        await bot.settle(0.02)
    assert question.plain.startswith("Done: you are unsubscribed")
    assert await bot.store.chats.get(GROUP) is None


async def test_stop_in_a_private_chat_needs_no_confirmation(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    (done,) = await bot.say("/stop", 1)
    assert done.plain.startswith("Done: you are unsubscribed")
    assert await bot.store.chats.get(bot.chat) is None


async def test_commands_addressed_to_this_bot_work_and_to_another_bot_are_ignored(running_bot):
    bot = running_bot
    name = bot.bot_api.bot_user["username"]
    (listing,) = await bot.say(f"/list@{name}", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert "Your topics" in listing.plain
    (listing,) = await bot.say(f"/list@{name.upper()}", 1)
    assert "Your topics" in listing.plain

    before = len(bot.bot_api.sent)
    bot.bot_api.queue_message(GROUP, "/list@other_bot", user_id=MEMBER, chat_type="group")
    bot.bot_api.queue_message(bot.chat, "/list@other_bot")
    bot.bot_api.queue_message(GROUP, "/weather", user_id=MEMBER, chat_type="group")  # maybe another bot's
    bot.bot_api.queue_message(GROUP, "talks are back on", user_id=MEMBER, chat_type="group")
    await bot.settle(0.6)
    assert len(bot.bot_api.sent) == before

    (unknown,) = await bot.say(f"/weather@{name}", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert unknown.plain.startswith("I don't know /weather@")
    (unknown,) = await bot.say("/weather", 1)
    assert unknown.plain.startswith("I don't know /weather")


async def test_a_post_inside_a_channel_is_never_answered_there(running_bot):
    bot = running_bot
    channel = -1009001
    for text in ("/subscribe talks", "/start", "/nonsense", "/list"):
        bot.bot_api.queue_message(channel, text, chat_type="channel")
    await bot.settle(0.6)
    assert bot.bot_api.messages_to(channel) == []
    assert await bot.store.chats.get(channel) is None


async def test_a_non_admin_can_not_add_or_remove_the_groups_feeds(running_bot):
    bot = running_bot
    for text in ("/addfeed https://news.example/rss", "/removefeed 1", "/filter talks -football"):
        (refusal,) = await bot.say(text, 1, chat=GROUP, chat_type="group", user=MEMBER)
        assert refusal.plain == NOT_ADMIN
    (listing,) = await bot.say("/feeds", 1, chat=GROUP, chat_type="group", user=MEMBER)
    assert listing.plain != NOT_ADMIN
