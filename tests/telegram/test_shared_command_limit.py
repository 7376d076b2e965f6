"""COMMANDS_PER_MINUTE is a chat's limit, however many webhook instances its commands reach.

Two webhook instances on one PostgreSQL schema: the fake Bot API pushes updates to the one
registered last, and the test posts to the other's webhook itself, with the secret, as a load
balancer would. Replies come back through the fake Bot API. Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import contextlib

from tests.telegram.test_webhook import HOOK_PATH, SECRET, request, webhook_running

SLOW_DOWN = "You are sending commands faster than I can answer"
LIMIT = 3
CHAT = 828282


def command(update_id: int, text: str) -> dict:
    """What Telegram posts for a command typed in a private chat."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": CHAT, "type": "private", "first_name": "Ines"},
            "from": {"id": CHAT, "is_bot": False, "first_name": "Ines"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def test_commands_spread_over_two_instances_meet_one_limit(
    bot_api, feed_server, make_settings, tmp_path, postgres_url
):
    settings = {"DATABASE_URL": postgres_url, "COMMANDS_PER_MINUTE": LIMIT}
    async with contextlib.AsyncExitStack() as stack:
        one = await stack.enter_async_context(
            webhook_running(bot_api, feed_server, make_settings, tmp_path, **settings)
        )
        two = await stack.enter_async_context(
            webhook_running(bot_api, feed_server, make_settings, tmp_path, **settings)
        )
        for n in range(LIMIT + 2):  # one, two, one, two, one
            port = (one, two)[n % 2].port
            status, _ = await request(port, "POST", HOOK_PATH, command(100 + n, "/list"), secret=SECRET)
            assert status == 200
            await bot_api.wait_for_messages(min(n + 1, LIMIT + 1), chat_id=CHAT)
        await one.settle(0.5)

        texts = [m.plain for m in bot_api.messages_to(CHAT)]
        assert len(texts) == LIMIT + 1, texts  # each instance alone would have answered all five
        assert all("Your topics" in t for t in texts[:LIMIT])
        assert texts[LIMIT].startswith(SLOW_DOWN)
