"""Forum supergroups: a topic (thread) subscribes on its own and its briefings are posted into it."""

from __future__ import annotations

FORUM, ADMIN = -1008001, 601
TALKS = (
    "Harbour talks resume in Geneva",
    "talks.html",
    ["Harbour talks resumed in Geneva on Monday after a week of delay, officials said."],
)
TRAWLER = (
    "Trawler fleet returns to port",
    "trawler.html",
    ["The trawler fleet returned to port on Sunday after the storm, the coast guard said."],
)


async def test_each_forum_topic_gets_what_it_subscribed_to_in_its_own_thread(running_bot):
    bot = running_bot
    bot.bot_api.make_forum(FORUM, "Harbour desk")
    bot.bot_api.set_member(FORUM, ADMIN, "administrator")
    say = {"chat": FORUM, "chat_type": "supergroup", "user": ADMIN}
    (reply,) = await bot.say("/subscribe talks", 1, message_thread_id=7, **say)
    assert reply.plain == "Subscribed to Harbour talks."
    assert reply.params.get("message_thread_id") == 7  # the answer stays in the topic it was asked in
    (reply,) = await bot.say("/subscribe fish", 1, message_thread_id=9, **say)
    assert reply.plain == "Subscribed to Fisheries."
    assert await bot.store.chats.subscriptions(FORUM, thread_id=7) == ["talks"]
    assert await bot.store.chats.subscriptions(FORUM, thread_id=9) == ["fish"]

    bot.publish([TALKS, TRAWLER])
    await bot.cycle()
    posts = (await bot.bot_api.wait_for_messages(4, chat_id=FORUM))[2:]
    thread_of = {TALKS[0]: 7, TRAWLER[0]: 9}
    for post in posts:
        (title,) = [t for t in thread_of if t in post.plain]
        assert post.params.get("message_thread_id") == thread_of[title]


async def test_a_topic_subscribed_again_in_another_thread_moves_there(running_bot):
    bot = running_bot
    bot.bot_api.make_forum(FORUM, "Harbour desk")
    bot.bot_api.set_member(FORUM, ADMIN, "administrator")
    say = {"chat": FORUM, "chat_type": "supergroup", "user": ADMIN}
    await bot.say("/subscribe talks", 1, message_thread_id=7, **say)
    (reply,) = await bot.say("/subscribe talks", 1, message_thread_id=11, **say)
    assert reply.plain == "Subscribed to Harbour talks."
    assert await bot.store.chats.subscriptions(FORUM, thread_id=7) == []
    (reply,) = await bot.say("/subscribe talks", 1, message_thread_id=11, **say)
    assert reply.plain == "You already follow Harbour talks."

    bot.publish([TALKS])
    await bot.cycle()
    (post,) = (await bot.bot_api.wait_for_messages(4, chat_id=FORUM))[3:]
    assert TALKS[0] in post.plain and post.params.get("message_thread_id") == 11
