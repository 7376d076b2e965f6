"""QUESTIONS_PER_MINUTE is a person's limit, however many webhook instances their questions reach.

Two webhook instances on one PostgreSQL schema holding an invented article's quotes; the test
posts each /who to one instance or the other with the secret, as a load balancer would, and
reads the answers from the fake Bot API. Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import contextlib

from bot.store import Store
from tests.questions.seed import seed_store
from tests.telegram.test_webhook import HOOK_PATH, SECRET, request, webhook_running

SLOW_DOWN = "You're asking faster than I can look things up. Please try again in"
LIMIT = 2
CHAT = 838383


def who(update_id: int, name: str) -> dict:
    """What Telegram posts for /who typed in a private chat."""
    text = f"/who {name}"
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": CHAT, "type": "private", "first_name": "Odile"},
            "from": {"id": CHAT, "is_bot": False, "first_name": "Odile"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
        },
    }


async def test_questions_spread_over_two_instances_meet_one_limit(
    bot_api, feed_server, make_settings, tmp_path, postgres_url
):
    async with await Store.open(postgres_url) as store:
        await seed_store(store)  # Boris Ostrovan's quotes, so each answer is a real card
    settings = {"DATABASE_URL": postgres_url, "QUESTIONS_PER_MINUTE": LIMIT}
    async with contextlib.AsyncExitStack() as stack:
        one = await stack.enter_async_context(
            webhook_running(bot_api, feed_server, make_settings, tmp_path, **settings)
        )
        two = await stack.enter_async_context(
            webhook_running(bot_api, feed_server, make_settings, tmp_path, **settings)
        )
        for n in range(LIMIT + 1):  # one, two, one
            port = (one, two)[n % 2].port
            status, _ = await request(port, "POST", HOOK_PATH, who(200 + n, "Ostrovan"), secret=SECRET)
            assert status == 200
            await bot_api.wait_for_messages(n + 1, chat_id=CHAT)

        texts = [m.plain for m in bot_api.messages_to(CHAT)]
        assert len(texts) == LIMIT + 1, texts
        assert all(t.startswith("Boris Ostrovan") and "Stored quotes: 3" in t for t in texts[:LIMIT]), texts
        assert texts[LIMIT].startswith(SLOW_DOWN), texts  # instance one alone had answered only one
