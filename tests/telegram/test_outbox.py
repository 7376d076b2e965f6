"""The one outgoing queue over real HTTP: limits kept, 429s honoured per scope, claims that survive crashes."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import ExtBot

from bot.store.deliveries import article_item
from bot.telegram.app import run_cycle
from bot.telegram.outbox import Outbox
from bot.telegram.ratelimit import FloodGate, SendLimits
from bot.telegram.sender import BriefingSender
from tests.fakes.bot_api import TEST_CHAT_INTERVAL, TEST_TOKEN, FakeBotApi, FloodLimits
from tests.telegram.harness import bot_running
from tests.telegram.stories import TALKS

NO_429 = {"global": 0, "chat": 0, "group": 0}


async def subscribe_chats(bot, chats: list[int], topic: str = "talks") -> None:
    for chat in chats:
        await bot.store.chats.ensure(chat, "private" if chat > 0 else "supergroup")
        await bot.store.chats.subscribe(chat, topic)


async def publish_without_delivering(bot) -> int:
    """The poller stores and matches the article; no delivery round runs yet. Returns its id."""
    bot.publish([TALKS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    async with bot.store.db.execute("SELECT MAX(id) FROM articles") as cur:
        return (await cur.fetchone())[0]


def briefed(bot_api, chat: int) -> int:
    return sum(1 for m in bot_api.messages_to(chat) if TALKS[0] in m.plain)


async def test_claims_of_a_dead_sender_are_taken_again_when_their_lease_runs_out(running_bot):
    bot = running_bot
    chats = [7100 + n for n in range(5)]
    await subscribe_chats(bot, chats)
    article_id = await publish_without_delivering(bot)
    # Another process claimed every chat's briefing and was killed before sending any.
    for chat in chats:
        assert await bot.store.deliveries.claim(chat, article_item(article_id), "dead-process", 3600, article_id)

    await run_cycle(bot.services, bot.app.bot)
    assert [briefed(bot.bot_api, chat) for chat in chats] == [0] * 5  # live claims are left alone

    await bot.store.db.execute("UPDATE deliveries SET lease_until = lease_until - 7200")  # an hour later
    await run_cycle(bot.services, bot.app.bot)
    await run_cycle(bot.services, bot.app.bot)
    assert [briefed(bot.bot_api, chat) for chat in chats] == [1] * 5


async def test_two_senders_on_one_database_send_each_briefing_once(running_bot):
    bot = running_bot
    chats = [7200 + n for n in range(12)]
    await subscribe_chats(bot, chats)
    await publish_without_delivering(bot)
    first = bot.services.running_sender()
    second = BriefingSender(bot.store, Outbox(bot.store, owner="second-process"), workers=4)
    sent = await asyncio.gather(first.deliver_instant(bot.app.bot), second.deliver_instant(bot.app.bot))
    assert sum(sent) == len(chats)
    assert [briefed(bot.bot_api, chat) for chat in chats] == [1] * len(chats)
    assert bot.bot_api.flood_refusals() == NO_429


async def test_a_briefing_that_cannot_be_built_leaves_no_claim(running_bot, caplog):
    bot = running_bot
    await subscribe_chats(bot, [7300])
    article_id = await publish_without_delivering(bot)
    sender = bot.services.running_sender()
    writer, sender.writer = sender.writer, _BrokenWriter()
    await run_cycle(bot.services, bot.app.bot)
    assert briefed(bot.bot_api, 7300) == 0
    assert "could not be built" in caplog.text
    assert not await bot.store.deliveries.is_delivered(7300, article_item(article_id))

    sender.writer = writer
    await run_cycle(bot.services, bot.app.bot)
    assert briefed(bot.bot_api, 7300) == 1


class _BrokenWriter:
    async def write(self, article, text_hash):
        raise RuntimeError("the model returned nonsense")


async def test_command_replies_are_paced_with_the_fan_out_and_go_first(feed_server, make_settings, tmp_path):
    """Telegram's real limits (1 s per chat, 30/s): briefings to 40 chats while three of them ask /help."""
    fake = FakeBotApi(limits=FloodLimits()).start()
    try:
        async with bot_running(fake, feed_server, make_settings, tmp_path, SEND_INTERVAL_PER_CHAT_SECONDS=1) as bot:
            chats = [7400 + n for n in range(40)]
            await subscribe_chats(bot, chats)
            await publish_without_delivering(bot)
            askers = chats[-3:]  # the fan-out reaches them last
            for chat in askers:
                fake.queue_message(chat, "/help", user_id=chat)
            await run_cycle(bot.services, bot.app.bot)
            for chat in askers:
                await fake.wait_for_messages(2, chat_id=chat)
    finally:
        fake.stop()
    assert fake.flood_refusals() == NO_429
    assert [briefed(fake, chat) for chat in chats] == [1] * len(chats)
    for chat in askers:  # each person's reply went ahead of the bulk briefing to the same chat
        reply, briefing = fake.messages_to(chat)
        assert reply.plain.startswith("Commands") and TALKS[0] in briefing.plain


@pytest.fixture
async def gated_bot(bot_api):
    """A PTB bot whose every call passes the flood gate, against the fake Bot API."""
    gate = FloodGate(SendLimits(chat_interval=TEST_CHAT_INTERVAL))
    bot = ExtBot(TEST_TOKEN, base_url=bot_api.base_url, rate_limiter=gate)
    await bot.initialize()
    yield bot
    await bot.shutdown()


async def _refused(bot, times: int) -> None:
    """Until the flood gate has received `times` answers of 429."""
    while bot.rate_limiter.refusals < times:
        await asyncio.sleep(0.005)


async def test_a_429_for_one_chat_pauses_that_chat_only(bot_api, gated_bot):
    bot_api.fail_next("sendMessage", 429, retry_after=1)
    first = asyncio.create_task(gated_bot.send_message(1, "to the flooded chat"))
    await _refused(gated_bot, 1)
    await gated_bot.send_message(2, "to another chat")  # goes while chat 1 waits out its retry_after
    await first
    assert [m.chat_id for m in bot_api.sent] == [2, 1]
    assert [p["chat_id"] for method, p in bot_api.requests if method == "sendMessage"] == [1, 2, 1]


async def test_429s_from_two_chats_pause_every_send(bot_api, gated_bot):
    bot_api.fail_next("sendMessage", 429, retry_after=1, times=2)
    first = asyncio.create_task(gated_bot.send_message(1, "one"))
    await _refused(gated_bot, 1)
    second = asyncio.create_task(gated_bot.send_message(2, "two"))
    await _refused(gated_bot, 2)
    third = asyncio.create_task(gated_bot.send_message(3, "three"))
    await asyncio.sleep(0.3)  # well inside the pause
    assert not any(p.get("chat_id") == 3 for _, p in bot_api.requests)  # the global limit holds chat 3 too
    await asyncio.gather(first, second, third)
    assert sorted(m.chat_id for m in bot_api.sent) == [1, 2, 3]  # resent, none dropped


async def test_a_send_cancelled_while_it_waits_for_its_chat_does_not_stall_the_others():
    """A stop or a lost lease cancels a send queued at the gate; the next pump must pass it by,
    not admit it (that raised InvalidStateError and left every other waiter queued for good).
    Driven through the gate's own interface (the one PTB calls), so the pump can run in the
    same step as the cancel, as a timer or another answer can in a real run."""
    clock = [1000.0]  # the gate's clock, moved by hand so a slot comes due before its timer fires
    gate = FloodGate(SendLimits(chat_interval=10.0), clock=lambda: clock[0])
    posted: list[tuple[int, str]] = []

    def send(chat: int, text: str):
        async def post() -> bool:
            posted.append((chat, text))
            return True

        return gate.process_request(post, (), {}, "sendMessage", {"chat_id": chat}, None)

    await send(7501, "first")
    queued = asyncio.create_task(send(7501, "never sent"))  # waits out 7501's interval (10 s)
    await asyncio.sleep(0.05)  # it is queued at the gate by now
    clock[0] += 11.0  # its slot is due now: the next pump would admit it
    queued.cancel()  # its waiting future is cancelled; its task has not run its clean-up yet
    await send(7502, "other chat")  # awaited directly: its pump runs before the cancelled task's clean-up
    clock[0] += 11.0
    await asyncio.wait_for(send(7501, "second"), timeout=5)
    with pytest.raises(asyncio.CancelledError):
        await queued
    await gate.shutdown()
    assert posted == [(7501, "first"), (7502, "other chat"), (7501, "second")]
