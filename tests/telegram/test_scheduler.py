"""The scheduler tick: poll, deliver and digests are independent steps.

A step that raises is logged once, with its cause, and the steps after it still
run; what they send is checked where a user would see it, at the fake Bot API.
"""

from __future__ import annotations

import logging

import pytest

from tests.telegram.stories import TALKS

DIGEST_CHAT = 777001


async def _subscribe_instant_and_digest_chats(bot) -> None:
    await bot.say("/subscribe talks", 1)
    await bot.say("/subscribe talks", 1, chat=DIGEST_CHAT)
    await bot.say("/digest 00:00 UTC", 1, chat=DIGEST_CHAT)
    # As if the time had been chosen long ago: today's digest is due now, whatever the hour.
    await bot.store.chats.skip_digest_day(DIGEST_CHAT, "2000-01-01")


def _step_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.telegram.app" and r.levelno >= logging.ERROR]


async def test_a_raising_poll_still_delivers_and_sends_digests(running_bot, monkeypatch, caplog):
    bot = running_bot
    await _subscribe_instant_and_digest_chats(bot)
    bot.publish([TALKS])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()  # the article is stored, nothing sent yet

    async def poll_breaks() -> None:
        raise RuntimeError("feed table is locked")

    monkeypatch.setattr(bot.services.running_poller(), "run_once", poll_breaks)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.app"):
        await bot.cycle()

    instant = await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    assert TALKS[0] in instant[-1].plain
    digest = await bot.bot_api.wait_for_messages(3, chat_id=DIGEST_CHAT)
    assert any(TALKS[0] in message.plain for message in digest[2:])
    (error,) = _step_errors(caplog)
    assert "'poll'" in error.getMessage()
    assert error.exc_info is not None and str(error.exc_info[1]) == "feed table is locked"


async def test_a_raising_delivery_still_polls_and_sends_digests(running_bot, monkeypatch, caplog):
    bot = running_bot
    await _subscribe_instant_and_digest_chats(bot)
    bot.publish([TALKS])

    async def delivery_breaks(_bot) -> int:
        raise RuntimeError("sender lost its claims")

    monkeypatch.setattr(bot.services.running_sender(), "deliver_instant", delivery_breaks)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.app"):
        await bot.cycle()

    digest = await bot.bot_api.wait_for_messages(3, chat_id=DIGEST_CHAT)
    assert any(TALKS[0] in message.plain for message in digest[2:])  # polled in this very tick
    await bot.settle()
    assert not any(TALKS[0] in text for text in bot.texts_to())  # the instant chat's step is the one that failed
    (error,) = _step_errors(caplog)
    assert "'deliver'" in error.getMessage()
    assert error.exc_info is not None and str(error.exc_info[1]) == "sender lost its claims"
