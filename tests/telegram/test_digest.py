"""Daily digests: at each chat's local time, once per local day, and nothing instant meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.store.chats import Chat
from bot.telegram.digest import digest_due, send_due_digests
from tests.telegram.stories import MORE_TALKS, TALKS


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def chat(at: str, zone: str) -> Chat:
    return Chat(1, "private", None, "digest", at, zone, False)


@pytest.mark.parametrize(
    ("at", "zone", "now", "due"),
    [
        ("08:00", "UTC", "2026-11-25 07:59", None),
        ("08:00", "UTC", "2026-11-25 08:00", "2026-11-25"),
        ("08:00", "UTC", "2026-11-25 23:59", "2026-11-25"),
        ("00:00", "UTC", "2026-11-25 00:00", "2026-11-25"),
        ("07:30", "Europe/Kyiv", "2026-11-25 05:29", None),
        ("07:30", "Europe/Kyiv", "2026-11-25 05:30", "2026-11-25"),
        ("07:30", "Europe/Kyiv", "2026-07-01 04:30", "2026-07-01"),
        ("07:30", "Europe/Kyiv", "2026-07-01 04:29", None),
        ("07:00", "America/New_York", "2026-11-25 11:59", None),
        ("07:00", "America/New_York", "2026-11-26 03:00", "2026-11-25"),
        ("23:00", "America/Los_Angeles", "2026-11-26 07:30", "2026-11-25"),
        ("08:00", "Pacific/Auckland", "2026-11-25 19:30", "2026-11-26"),
        ("08:00", "Pacific/Auckland", "2026-11-25 18:59", None),
        ("09:00", "Asia/Kolkata", "2026-11-25 03:29", None),
        ("09:00", "Asia/Kolkata", "2026-11-25 03:30", "2026-11-25"),
        ("08:00", "Europe/Kyiv", "2026-03-29 05:00", "2026-03-29"),
        ("08:00", "Europe/Kyiv", "2026-03-29 04:59", None),
        ("23:30", "UTC", "2026-12-31 23:45", "2026-12-31"),
        ("06:00", "Asia/Tokyo", "2026-12-31 21:00", "2027-01-01"),
    ],
    ids=[
        "utc-before",
        "utc-at",
        "utc-late",
        "midnight",
        "kyiv-winter-before",
        "kyiv-winter-at",
        "kyiv-summer-at",
        "kyiv-summer-before",
        "new-york-before",
        "new-york-evening-next-utc-day",
        "los-angeles-late-next-utc-day",
        "auckland-ahead-of-utc",
        "auckland-before",
        "kolkata-half-hour-before",
        "kolkata-half-hour-at",
        "kyiv-dst-day-at",
        "kyiv-dst-day-before",
        "new-years-eve",
        "tokyo-new-year",
    ],
)
def test_digest_due(at, zone, now, due):
    assert digest_due(chat(at, zone), utc(now)) == due


async def poll_and_push(bot) -> None:
    """The instant half of a cycle (poll, push to instant chats), without the real clock."""
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()
    await bot.services.running_sender().deliver_instant(bot.app.bot)


async def digests(bot, now: str) -> int:
    return await send_due_digests(bot.store, bot.services.running_sender(), bot.app.bot, now_utc=utc(now))


async def test_digest_chat_gets_one_digest_per_local_day(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 07:30 Europe/Kyiv", 1)
    bot.publish([TALKS])
    await poll_and_push(bot)
    await bot.settle()
    assert len(bot.texts_to()) == 2  # the two command replies, no briefing

    assert await digests(bot, "2027-11-26 05:29") == 0
    assert await digests(bot, "2027-11-26 05:31") == 1
    (digest,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert digest.plain.startswith(
        "🗞 Your daily digest · 2027-11-26 · 1 new\n\n▌Harbour talks\n1. Harbour talks resume"
    )

    bot.publish([TALKS, MORE_TALKS])
    await poll_and_push(bot)
    assert await digests(bot, "2027-11-26 09:00") == 0  # same local day: tomorrow's digest
    assert await digests(bot, "2027-11-26 21:59") == 0  # 23:59 in Kyiv, still the same day
    await bot.settle()
    assert len(bot.texts_to()) == 3

    assert await digests(bot, "2027-11-27 05:30") == 1
    (digest,) = (await bot.bot_api.wait_for_messages(4, chat_id=bot.chat))[3:]
    assert digest.plain.startswith("🗞 Your daily digest · 2027-11-27 · 1 new")
    assert MORE_TALKS[0] in digest.plain
    assert sum(TALKS[0] in text for text in bot.texts_to()) == 1


async def test_empty_day_does_not_use_up_the_digest(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 07:30 Europe/Kyiv", 1)
    assert await digests(bot, "2027-11-26 05:31") == 0  # nothing to send yet
    bot.publish([TALKS])
    await poll_and_push(bot)
    assert await digests(bot, "2027-11-26 10:00") == 1
    (digest,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert "2027-11-26" in digest.plain and TALKS[0] in digest.plain


async def test_instant_chat_is_not_in_digests(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.publish([TALKS])
    await poll_and_push(bot)
    await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    assert await digests(bot, "2027-11-26 12:00") == 0
    await bot.settle()
    assert not any("daily digest" in text for text in bot.texts_to())


async def test_blocked_digest_chat_is_skipped(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    await bot.say("/digest 07:30 UTC", 1)
    bot.publish([TALKS])
    await poll_and_push(bot)
    await bot.store.chats.mark_blocked(bot.chat)
    assert await digests(bot, "2027-11-26 08:00") == 0
