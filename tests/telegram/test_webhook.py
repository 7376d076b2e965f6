"""`briefbot run --webhook`: Telegram pushes updates to PTB's webhook server, which checks the secret.

The fake Bot API plays Telegram's side: setWebhook records the address and the secret, and
each queued update is then POSTed there with the X-Telegram-Bot-Api-Secret-Token header.
Everything crosses real HTTP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import socket

import pytest

from bot.processes.status import status_text
from bot.telegram.webhook import start_webhook
from tests.telegram.harness import bot_running

SECRET = "harbour-desk_Secret-42"
HOOK_PATH = "/telegram/hook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def webhook_running(bot_api, feed_server, make_settings, tmp_path, schedule: bool = False, **settings):
    port = free_port()
    hook = {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}{HOOK_PATH}",
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        "WEBHOOK_SECRET": SECRET,
    } | settings
    async with bot_running(
        bot_api, feed_server, make_settings, tmp_path, role="webhook", receive=start_webhook, schedule=schedule, **hook
    ) as bot:
        bot.port = port
        yield bot


@pytest.fixture
async def webhook_bot(bot_api, feed_server, make_settings, tmp_path):
    async with webhook_running(bot_api, feed_server, make_settings, tmp_path) as bot:
        yield bot


async def request(port: int, method: str, path: str, body: dict | None = None, secret: str | None = None):
    """One HTTP request to the webhook server, from a thread (the server runs on this loop)."""
    return await asyncio.to_thread(_request, port, method, path, body, secret)


def _request(port: int, method: str, path: str, body: dict | None, secret: str | None):
    """(status, parsed JSON body or None)."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, json.dumps(body).encode() if body is not None else None, headers)
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    try:
        return answer.status, json.loads(raw) if raw else None
    except ValueError:
        return answer.status, None


def start_update(update_id: int, chat: int) -> dict:
    """What Telegram posts when a person sends /start in a private chat."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": chat, "type": "private", "first_name": "Ines"},
            "from": {"id": chat, "is_bot": False, "first_name": "Ines"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_the_bot_registers_its_webhook_and_answers_what_telegram_posts(webhook_bot):
    bot = webhook_bot
    hooks = [params for method, params in bot.bot_api.requests if method.lower() == "setwebhook"]
    assert hooks and {(hook["url"], hook["secret_token"]) for hook in hooks} == {
        (f"http://127.0.0.1:{bot.port}{HOOK_PATH}", SECRET)
    }

    (welcome,) = await bot.say("/start", 1)  # queued at the fake, pushed to the webhook with the secret
    assert "➕ Harbour talks" in [b["text"] for b in welcome.buttons]
    assert bot.bot_api.webhook_answers and all(status == 200 for _, status in bot.bot_api.webhook_answers)
    assert not [method for method, _ in bot.bot_api.requests if method.lower() == "getupdates"]


@pytest.mark.parametrize("secret", [None, "not-the-secret"], ids=["no-header", "wrong-secret"])
async def test_an_update_without_the_secret_is_refused_and_never_answered(webhook_bot, secret):
    bot = webhook_bot
    stranger = 777001
    status, _ = await request(bot.port, "POST", HOOK_PATH, start_update(9001, stranger), secret=secret)
    assert status == 403
    await bot.settle()
    assert bot.bot_api.messages_to(stranger) == []

    status, _ = await request(bot.port, "POST", HOOK_PATH, start_update(9002, stranger), secret=SECRET)
    assert status == 200
    (welcome,) = await bot.bot_api.wait_for_messages(1, chat_id=stranger)
    assert "➕ Harbour talks" in [b["text"] for b in welcome.buttons]


async def test_healthz_answers_with_this_process_and_its_last_tick(webhook_bot):
    bot = webhook_bot
    status, body = await request(bot.port, "GET", "/healthz")
    assert status == 200
    assert body["status"] == "ok" and body["role"] == "webhook"
    assert body["last_tick_at"] is None  # registered, no tick yet

    await bot.cycle()
    status, body = await request(bot.port, "GET", "/healthz")
    assert status == 200 and body["last_tick_at"] is not None
    assert body["seconds_since_tick"] >= 0


async def test_healthz_says_503_when_the_database_is_gone(webhook_bot):
    bot = webhook_bot
    await bot.store.db.close()
    status, body = await request(bot.port, "GET", "/healthz")
    assert status == 503
    assert body["status"] == "database unavailable"


async def test_a_webhook_instance_answers_updates_and_beats_but_leaves_feeds_to_the_workers(
    bot_api, feed_server, make_settings, tmp_path
):
    async with webhook_running(bot_api, feed_server, make_settings, tmp_path, schedule=True) as bot:
        for _ in range(200):  # its first heartbeat comes a second after start
            _, body = await request(bot.port, "GET", "/healthz")
            if body["last_tick_at"] is not None:
                break
            await asyncio.sleep(0.05)
        assert body["last_tick_at"] is not None
        status = await status_text(bot.store)
        assert f"{bot.services.owner}  webhook  last tick" in status
        assert "1 feeds due" in status  # the catalogue's feed, left for a worker
        assert not [r for r in bot.feed_server.requests if r.path == "/feed.xml"]
