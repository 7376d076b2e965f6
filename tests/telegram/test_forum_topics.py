"""Forum supergroups: a topic (thread) subscribes on its own and its briefings are posted into it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.telegram.digest import send_due_digests

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


TALKS_ON_TRAWLERS = (
    "Harbour talks turn to trawler quotas",
    "talks-trawlers.html",
    ["Harbour talks in Geneva turned to trawler quotas on Tuesday, the fisheries ministry said."],
)


async def _forum_with_two_threads(bot) -> dict:
    """Thread 7 follows Harbour talks, thread 9 Fisheries; returns how to speak in the forum."""
    bot.bot_api.make_forum(FORUM, "Harbour desk")
    bot.bot_api.set_member(FORUM, ADMIN, "administrator")
    say = {"chat": FORUM, "chat_type": "supergroup", "user": ADMIN}
    await bot.say("/subscribe talks", 1, message_thread_id=7, **say)
    await bot.say("/subscribe fish", 1, message_thread_id=9, **say)
    return say


async def test_an_article_both_threads_follow_reaches_each_thread_once(running_bot):
    bot = running_bot
    await _forum_with_two_threads(bot)
    bot.publish([TALKS_ON_TRAWLERS])
    await bot.cycle()
    await bot.cycle()
    posts = (await bot.bot_api.wait_for_messages(4, chat_id=FORUM))[2:]
    await bot.settle()
    posts = bot.bot_api.messages_to(FORUM)[2:]
    assert sorted(post.params.get("message_thread_id") for post in posts) == [7, 9]
    assert all(TALKS_ON_TRAWLERS[0] in post.plain for post in posts)


async def test_a_forum_in_digest_mode_gets_one_digest_per_thread(running_bot):
    bot = running_bot
    say = await _forum_with_two_threads(bot)
    (reply,) = await bot.say("/digest 07:00 UTC", 1, message_thread_id=7, **say)
    assert reply.plain.startswith("Daily digest at 07:00 UTC")
    bot.publish([TALKS, TRAWLER, TALKS_ON_TRAWLERS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    when = datetime(2027, 6, 2, 7, 0, tzinfo=UTC)
    sender = bot.services.running_sender()
    assert await send_due_digests(bot.store, sender, bot.app.bot, now_utc=when) == 2
    assert await send_due_digests(bot.store, sender, bot.app.bot, now_utc=when) == 0  # once per thread and day
    digests = (await bot.bot_api.wait_for_messages(5, chat_id=FORUM))[3:]
    await bot.settle()
    assert len(bot.bot_api.messages_to(FORUM)) == 5
    by_thread = {post.params.get("message_thread_id"): post.plain for post in digests}
    assert by_thread[7].startswith("🗞 Your daily digest · 2027-06-02 · 2 new")
    assert TALKS[0] in by_thread[7] and TALKS_ON_TRAWLERS[0] in by_thread[7] and TRAWLER[0] not in by_thread[7]
    assert by_thread[9].startswith("🗞 Your daily digest · 2027-06-02 · 2 new")
    assert TRAWLER[0] in by_thread[9] and TALKS_ON_TRAWLERS[0] in by_thread[9] and TALKS[0] not in by_thread[9]

    # A tap on 📄 in thread 9 opens the briefing as a reply there.
    (digest_9,) = [post for post in digests if post.params.get("message_thread_id") == 9]
    bot.bot_api.queue_callback(FORUM, ADMIN, digest_9.buttons[0]["callback_data"], digest_9.message_id)
    (briefing,) = (await bot.bot_api.wait_for_messages(6, chat_id=FORUM))[5:]
    assert briefing.reply_to_message_id == digest_9.message_id
    assert briefing.params.get("message_thread_id") == 9
