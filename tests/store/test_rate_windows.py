"""Sliding one-minute windows counted in the database: processes sharing it share the limit."""

from __future__ import annotations

from bot.store import Store

CHAT = 717171


async def test_two_processes_share_one_chats_window(database_url):
    async with await Store.open(database_url) as one, await Store.open(database_url) as two:
        now = 1_000_000.0
        assert await one.rate_windows.take("commands", CHAT, 3, now) == 0
        assert await two.rate_windows.take("commands", CHAT, 3, now + 1) == 0
        assert await one.rate_windows.take("commands", CHAT, 3, now + 2) == 0
        assert await two.rate_windows.take("commands", CHAT, 3, now + 10) == 50  # the first leaves at +60
        assert await one.rate_windows.take("commands", CHAT + 1, 3, now + 10) == 0  # another chat: its own
        assert await one.rate_windows.take("told", CHAT, 3, now + 10) == 0  # another scope: its own

        assert await two.rate_windows.take("commands", CHAT, 3, now + 60) == 0  # a refusal was not counted
        assert await one.rate_windows.take("commands", CHAT, 3, now + 60.5) == 1  # at least a second
