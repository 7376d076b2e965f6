"""Delivering briefings: what Telegram answers decides what the chat gets next, and nothing twice."""

from __future__ import annotations

import pytest

from tests.telegram.stories import MORE_TALKS, TALKS

GROUP, SUPERGROUP = -5550001, -1005550001


def briefings(bot, title: str, chat: int | None = None) -> list[str]:
    return [text for text in bot.texts_to(chat) if title in text]


async def status_of(bot, chat: int) -> list[str]:
    async with bot.store.db.execute("SELECT status FROM deliveries WHERE chat_id = ?", (chat,)) as cur:
        return [row[0] for row in await cur.fetchall()]


async def test_blocked_chat_is_marked_and_left_alone_until_start(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.bot_api.block_chat(bot.chat)
    bot.publish([TALKS])
    await bot.cycle()
    assert (await bot.store.chats.get(bot.chat)).blocked
    attempts = bot.send_attempts()

    bot.publish([TALKS, MORE_TALKS])
    await bot.cycle()
    assert bot.send_attempts() == attempts  # nothing more was tried there

    bot.bot_api._blocked.pop(bot.chat)  # the user unblocks the bot in Telegram and comes back
    _, catch_up = await bot.say("/start", 2)  # the greeting, then one compact catch-up
    assert not (await bot.store.chats.get(bot.chat)).blocked
    assert TALKS[0] in catch_up.plain and MORE_TALKS[0] in catch_up.plain
    await bot.cycle()
    await bot.settle()
    assert len(briefings(bot, TALKS[0])) == 1 and len(briefings(bot, MORE_TALKS[0])) == 1


async def test_migrated_group_gets_its_briefings_under_the_new_id(running_bot):
    bot = running_bot
    bot.bot_api.set_member(GROUP, 1, "creator")
    await bot.say("/subscribe talks", 1, chat=GROUP, chat_type="group", user=1)
    bot.bot_api.migrate_chat(GROUP, SUPERGROUP)
    bot.publish([TALKS])
    await bot.cycle()
    assert await bot.store.chats.subscriptions(SUPERGROUP) == ["talks"]
    assert await bot.store.chats.subscriptions(GROUP) == []
    assert await bot.store.chats.get(GROUP) is None
    (briefing,) = bot.bot_api.messages_to(SUPERGROUP)  # resent there in the same round
    assert TALKS[0] in briefing.plain
    await bot.cycle()
    await bot.settle()
    assert len(briefings(bot, TALKS[0], SUPERGROUP)) == 1


async def test_refused_briefing_is_not_retried(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.bot_api.fail_next("sendMessage", 400, description="Bad Request: message is too long")
    bot.publish([TALKS])
    await bot.cycle()
    attempts = bot.send_attempts()
    assert await status_of(bot, bot.chat) == ["failed"]

    await bot.cycle()
    (reply,) = await bot.say("/now", 1)
    assert "Nothing new" in reply.plain
    assert bot.send_attempts() == attempts + 1  # only the /now reply
    assert briefings(bot, TALKS[0]) == []


async def test_unparsable_markup_is_sent_again_as_plain_text(running_bot, caplog):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.bot_api.fail_next("sendMessage", 400, description="Bad Request: can't parse entities: unclosed tag")
    bot.publish([TALKS])
    await bot.cycle()
    (briefing,) = [m for m in bot.bot_api.messages_to(bot.chat) if TALKS[0] in m.plain]
    assert briefing.parse_mode is None and "<b>" not in briefing.text
    assert await status_of(bot, bot.chat) == ["sent"]
    assert "sending it as plain text" in caplog.text


@pytest.mark.parametrize("status", [502, 500], ids=["bad-gateway", "server-error"])
async def test_transient_failure_is_resent_with_backoff(running_bot, status):
    bot = running_bot
    bot.app.bot.rate_limiter.backoff_seconds = 0.01
    await bot.say("/subscribe talks", 1)
    bot.bot_api.fail_next("sendMessage", status, times=2)
    bot.publish([TALKS])
    await bot.cycle()
    assert len(briefings(bot, TALKS[0])) == 1
    assert bot.send_attempts() == 1 + 3  # the /subscribe reply, two failures, the briefing
    assert await status_of(bot, bot.chat) == ["sent"]


async def test_failure_that_outlasts_the_resends_is_retried_next_cycle(running_bot):
    bot = running_bot
    bot.app.bot.rate_limiter.backoff_seconds = 0.01
    await bot.say("/subscribe talks", 1)
    bot.bot_api.fail_next("sendMessage", 502, times=bot.app.bot.rate_limiter.network_retries + 1)
    bot.publish([TALKS])
    await bot.cycle()
    assert briefings(bot, TALKS[0]) == []
    assert await status_of(bot, bot.chat) == []  # the claim was released

    await bot.cycle()
    assert len(briefings(bot, TALKS[0])) == 1
    assert await status_of(bot, bot.chat) == ["sent"]


async def test_exactly_once_across_cycles_and_now(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/follow talks", 1)  # a second topic matching the same article
    bot.publish([TALKS])
    await bot.cycle()
    await bot.bot_api.wait_for_messages(3, chat_id=bot.chat)
    await bot.cycle()
    (reply,) = await bot.say("/now", 1)
    assert "Nothing new" in reply.plain

    bot.publish([TALKS, MORE_TALKS])
    await bot.cycle()
    await bot.bot_api.wait_for_messages(5, chat_id=bot.chat)
    await bot.cycle()
    await bot.settle()
    assert len(briefings(bot, TALKS[0])) == 1
    assert len(briefings(bot, MORE_TALKS[0])) == 1


async def test_now_sends_what_is_pending(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/mode digest", 1)  # nothing instant: /now is the way to get it
    bot.publish([TALKS])
    await bot.services.running_poller().run_once()
    (briefing,) = await bot.say("/now", 1)
    assert TALKS[0] in briefing.plain
    (reply,) = await bot.say("/now", 1)
    assert "Nothing new" in reply.plain


MANY_QUOTES = [
    f"“We will keep the harbour talks going until clause {n} is agreed, and the ships "
    f"can leave port without waiting another week,” negotiator Piet Halden number {n} "
    f"told reporters on the quay."
    for n in range(80)
]


@pytest.mark.parametrize(
    ("title", "paragraphs"),
    [
        (
            "Fish & chips <tax> talks stall",
            ["Talks on the fish & chips tax <draft> stalled, said R&D chief Ivo Kerr: “A < B & C > D, that is all.”"],
        ),
        (
            "Переговори в гавані: talks resume 🚢",
            ["Harbour talks resumed in Kyiv; “Ми повернемося,” said Olga Ostrova, a negotiator."],
        ),
        ("Marathon talks in Geneva", MANY_QUOTES),
    ],
    ids=["html-special-characters", "cyrillic-and-emoji", "very-long-article"],
)
async def test_awkward_articles_still_arrive(running_bot, title, paragraphs):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.publish([(title, "awkward.html", paragraphs)])
    await bot.cycle()
    await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    assert len(briefings(bot, title)) == 1
    assert await status_of(bot, bot.chat) == ["sent"]


async def test_flood_wait_is_waited_out_in_the_same_cycle(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.bot_api.fail_next("sendMessage", 429, retry_after=1)
    bot.publish([TALKS])
    await bot.cycle()
    assert len(briefings(bot, TALKS[0])) == 1
    assert await status_of(bot, bot.chat) == ["sent"]
