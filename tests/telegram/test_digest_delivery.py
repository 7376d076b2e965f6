"""Who receives what, when: compact digests, daylight saving, quiet hours, the catch-up after a block."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.telegram.digest import send_due_digests
from bot.telegram.digest_render import MAX_STORIES
from bot.telegram.quiet import hold_or_catch_up
from tests.fakes.bot_api import FakeBotApi, FloodLimits
from tests.telegram.harness import bot_running

PORTS = (
    "Aberdeen Arklow Bergen Cork Dover Esbjerg Galway Hull Kiel Larne Malmo Narvik Oban Plymouth "
    "Quimper Rosslare Stavanger Tromso Ullapool Vigo Wick Ystad Zeebrugge Bilbao Calais"
).split()


def story(port: str, n: int) -> tuple[str, str, list[str]]:
    return (
        f"Harbour talks in {port} reach a draft on berth fees",
        f"{port.lower()}-{n}.html",
        [
            f"Harbour talks in {port} reached a draft on berth fees on Tuesday, the port authority said.",
            f"“We have a text both sides can live with,” said Mara Quist, the harbour master of {port}.",
        ],
    )


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def poll_and_push(bot, now: datetime | None = None) -> None:
    """One instant round at `now` (quiet hours decided first), without the scheduler."""
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    await hold_or_catch_up(bot.store, bot.services.running_sender().outbox, bot.app.bot, now_utc=now)
    await bot.services.running_sender().deliver_instant(bot.app.bot)


async def digests(bot, now: str | None) -> int:
    when = utc(now) if now else None
    return await send_due_digests(bot.store, bot.services.running_sender(), bot.app.bot, now_utc=when)


async def wait_until(bot, predicate, tries: int = 250) -> None:
    for _ in range(tries):
        if predicate():
            return
        await bot.settle(0.02)
    raise AssertionError("the bot did not get there in time")


async def test_digest_at_local_time_across_daylight_saving_changes(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 08:00 Europe/Kyiv", 1)
    articles = [story(port, i) for i, port in enumerate(PORTS[:3])]

    bot.publish(articles[:1])
    await poll_and_push(bot)
    assert await digests(bot, "2027-03-27 05:59") == 0  # 07:59 in Kyiv (UTC+2)
    assert await digests(bot, "2027-03-27 06:00") == 1

    bot.publish(articles[:2])  # clocks go forward overnight: 08:00 is now 05:00 UTC
    await poll_and_push(bot)
    assert await digests(bot, "2027-03-28 04:59") == 0
    assert await digests(bot, "2027-03-28 05:00") == 1

    bot.publish(articles[:3])  # and back in autumn: 08:00 is 06:00 UTC again
    await poll_and_push(bot)
    assert await digests(bot, "2027-10-31 05:59") == 0
    assert await digests(bot, "2027-10-31 06:00") == 1
    assert await digests(bot, "2027-10-31 20:00") == 0  # once per local day
    texts = (await bot.bot_api.wait_for_messages(5, chat_id=bot.chat))[2:]
    assert [t.plain.split("\n")[0] for t in texts] == [
        "🗞 Your daily digest · 2027-03-27 · 1 new",
        "🗞 Your daily digest · 2027-03-28 · 1 new",
        "🗞 Your daily digest · 2027-10-31 · 1 new",
    ]


async def test_a_digest_time_already_past_today_means_tomorrow(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    (reply,) = await bot.say("/digest 00:00 UTC", 1)
    assert reply.plain == "Daily digest at 00:00 UTC, the first one tomorrow. Mode: digest."
    bot.publish([story("Bergen", 0)])
    await poll_and_push(bot)
    assert await digests(bot, None) == 0  # now: today's 00:00 is gone
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert await digests(bot, tomorrow.strftime("%Y-%m-%d 00:01")) == 1


async def test_compact_digest_offers_what_does_not_fit_and_opens_briefings_on_tap(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 07:00 UTC", 1)
    bot.publish([story(port, i) for i, port in enumerate(PORTS)])
    await poll_and_push(bot)
    assert await digests(bot, "2027-05-04 07:00") == 1

    pages = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    await bot.settle()
    pages = bot.bot_api.messages_to(bot.chat)[2:]
    assert all(len(p.plain) <= 4096 for p in pages)
    assert len(pages) <= 2
    text = "\n".join(p.plain for p in pages)
    left = len(PORTS) - MAX_STORIES
    assert f"+{left} more" in text
    assert sum(f"Harbour talks in {port} " in text for port in PORTS) == MAX_STORIES
    assert pages[-1].buttons[-1] == {"text": f"Show {left} more", "callback_data": "digest:more"}
    opens = [b for p in pages for b in p.buttons if b["callback_data"].startswith("brief:")]
    assert len(opens) == MAX_STORIES

    # A tap opens one full briefing, as a reply to the digest, only for this chat.
    first = pages[0]
    bot.bot_api.queue_callback(bot.chat, bot.chat, first.buttons[0]["callback_data"], first.message_id)
    (briefing,) = (await bot.bot_api.wait_for_messages(len(pages) + 3, chat_id=bot.chat))[-1:]
    assert briefing.reply_to_message_id == first.message_id
    assert "Mara Quist" in briefing.plain
    answers = len(bot.bot_api.callback_answers)
    # Tapped again (by another hand, or twice): a notice, not a second copy.
    bot.bot_api.queue_callback(bot.chat, bot.chat, first.buttons[0]["callback_data"], first.message_id)
    await wait_until(bot, lambda: len(bot.bot_api.callback_answers) > answers)
    assert bot.bot_api.callback_answers[-1]["text"] == "That briefing is already in this chat, above."

    # "Show N more" brings the rest, and then nothing is pending; the same button again brings nothing.
    bot.bot_api.queue_callback(bot.chat, bot.chat, "digest:more", pages[-1].message_id)
    (more,) = (await bot.bot_api.wait_for_messages(len(pages) + 4, chat_id=bot.chat))[-1:]
    assert more.plain.startswith(f"🗞 More from your topics · {left} new")
    assert await bot.store.deliveries.undelivered(bot.chat, 100) == []
    bot.bot_api.queue_callback(bot.chat, bot.chat, "digest:more", pages[-1].message_id)
    await wait_until(bot, lambda: len(bot.bot_api.callback_answers) > answers + 2)
    assert bot.bot_api.callback_answers[-1]["text"] == "Those are already above."
    await bot.settle()
    assert len(bot.bot_api.messages_to(bot.chat)) == len(pages) + 4


async def test_chats_due_at_the_same_minute_are_served_side_by_side(feed_server, make_settings, tmp_path):
    """Telegram's real 1 s per chat: a chat's second page waits, and the other chats' digests go meanwhile."""
    fake = FakeBotApi(limits=FloodLimits()).start()
    chats = [8100 + n for n in range(5)]
    try:
        async with bot_running(fake, feed_server, make_settings, tmp_path, SEND_INTERVAL_PER_CHAT_SECONDS=1) as bot:
            for chat in chats:
                await bot.store.chats.ensure(chat)
                await bot.store.chats.subscribe(chat, "talks")
                await bot.store.chats.set_digest(chat, "00:00", "UTC")  # due now, whatever the hour
            bot.publish([story(port, i) for i, port in enumerate(PORTS)])
            await bot.cycle()  # one tick: poll, then every due digest
            await fake.wait_for_messages(2 * len(chats))
            await bot.settle()
    finally:
        fake.stop()
    order = [m.chat_id for m in fake.sent]
    assert sorted(order) == sorted(chats * 2)  # two pages each, none lost or doubled
    first_pages = [order.index(chat) for chat in chats]
    second_pages = [len(order) - 1 - order[::-1].index(chat) for chat in chats]
    assert max(first_pages) < min(second_pages)  # every chat's digest began before any chat's ended
    assert fake.flood_refusals() == {"global": 0, "chat": 0, "group": 0}


async def test_a_digest_that_cannot_be_built_claims_nothing_and_goes_next_tick(running_bot, monkeypatch, caplog):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 07:00 UTC", 1)
    bot.publish([story("Oban", 0)])
    await poll_and_push(bot)

    def broken(*args, **kwargs):
        raise ValueError("a story with no headline")

    with monkeypatch.context() as patched:
        patched.setattr("bot.telegram.digest.render_digest", broken)
        assert await digests(bot, "2027-05-04 07:00") == 0
    assert "digest:2027-05-04 for chat" in caplog.text and "could not be built" in caplog.text
    assert not await bot.store.deliveries.is_delivered(bot.chat, "digest:2027-05-04")
    assert await digests(bot, "2027-05-04 07:01") == 1
    (digest,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert digest.plain.startswith("🗞 Your daily digest · 2027-05-04 · 1 new")


async def test_quiet_hours_hold_instant_briefings_then_send_one_catch_up(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    (reply,) = await bot.say("/quiet 22:00-07:00", 1)
    assert reply.plain.startswith("Quiet hours: 22:00–07:00 UTC.")
    (listing,) = await bot.say("/list", 1)
    assert listing.plain.endswith("Delivery: instant, quiet 22:00–07:00 UTC")
    bot.publish([story("Cork", 0)])
    await poll_and_push(bot, utc("2027-05-04 23:30"))
    bot.publish([story("Cork", 0), story("Dover", 1), story("Hull", 2)])
    await poll_and_push(bot, utc("2027-05-05 06:59"))
    await bot.settle()
    assert len(bot.texts_to()) == 3  # held

    await poll_and_push(bot, utc("2027-05-05 07:00"))
    (catch_up,) = (await bot.bot_api.wait_for_messages(4, chat_id=bot.chat))[3:]
    assert catch_up.plain.startswith("🌙 While your quiet hours were on · 3 new")
    await poll_and_push(bot, utc("2027-05-05 07:01"))
    await bot.settle()
    assert len(bot.texts_to()) == 4

    (reply,) = await bot.say("/quiet off", 1)
    assert reply.plain.startswith("Quiet hours are off")
    bot.publish([story("Cork", 0), story("Dover", 1), story("Hull", 2), story("Kiel", 3)])
    await poll_and_push(bot, utc("2027-05-05 23:00"))
    (instant,) = (await bot.bot_api.wait_for_messages(6, chat_id=bot.chat))[5:]
    assert "Kiel" in instant.plain


async def test_bad_quiet_hours_are_refused(running_bot):
    bot = running_bot
    for text in ("/quiet", "/quiet 25:00-07:00", "/quiet 22:00", "/quiet 07:00-07:00"):
        (reply,) = await bot.say(text, 1)
        assert reply.plain.startswith("Usage: /quiet 22:00-07:00")
    assert (await bot.store.chats.get(bot.chat)).quiet_start is None


async def test_a_chat_back_after_blocking_the_bot_gets_one_catch_up(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.bot_api.block_chat(bot.chat)
    bot.publish([story("Galway", 0)])
    await poll_and_push(bot)
    assert (await bot.store.chats.get(bot.chat)).blocked
    bot.publish([story(port, i) for i, port in enumerate(PORTS[:6])])
    await poll_and_push(bot)
    attempts = bot.send_attempts()

    bot.bot_api.unblock_chat(bot.chat)
    welcome, catch_up = await bot.say("/start", 2)
    assert "briefings" in welcome.plain
    assert catch_up.plain.startswith("👋 Welcome back — what you missed · 7 new")
    await poll_and_push(bot)
    await bot.settle()
    assert bot.send_attempts() == attempts + 2
