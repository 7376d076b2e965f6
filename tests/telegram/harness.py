"""The bot running against the loopback fakes, for tests that talk to it as a user.

    async def test_x(running_bot):  # the fixture comes through tests/conftest.py

        bot = running_bot
        (reply,) = await bot.say("/start", 1)
        bot.publish([("Talks stall", "talks.html", TALKS_PARAGRAPHS)])
        await bot.cycle()

The catalogue has one feed ("ledger") and two topics: "talks" (Harbour talks)
and "fish" (Fisheries). Everything crosses real HTTP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.runtime import build_services, close_services, open_store
from bot.services import Services
from bot.telegram.app import build_app, run_cycle, serve, start_long_polling
from tests.articles.pages import article_page, rss

CHAT = 424242

CATALOGUE = """
[[feeds]]
id = "ledger"
name = "Coastal Ledger"
url = "{feed_url}"

[[topics]]
id = "talks"
name = "Harbour talks"
query = "talks OR negotiations -football"

[[topics]]
id = "fish"
name = "Fisheries"
query = "fisheries OR trawler"
"""


def write_catalogue(tmp_path: Path, feed_url: str, text: str = CATALOGUE) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(text.replace("{feed_url}", feed_url), encoding="utf-8")
    return path


@dataclass
class RunningBot:
    """The app, its services and the fakes, with helpers that act as a user would."""

    app: object
    services: Services
    bot_api: object
    feed_server: object
    chat: int = CHAT

    @property
    def store(self):
        return self.services.store

    async def say(
        self,
        text: str,
        expect: int,
        chat: int | None = None,
        chat_type: str = "private",
        user: int | None = None,
        **message: object,
    ) -> list:
        """Send `text` as a user of the chat (`user`, by default one derived from the chat id);
        return the `expect` replies it brought. `message` goes to queue_message (e.g. message_thread_id)."""
        chat = self.chat if chat is None else chat
        before = len(self.bot_api.messages_to(chat))
        user = abs(chat) % 10**9 if user is None else user
        self.bot_api.queue_message(chat, text, user_id=user, chat_type=chat_type, **message)
        messages = await self.bot_api.wait_for_messages(before + expect, chat_id=chat)
        return messages[before:]

    async def settle(self, seconds: float = 0.3) -> None:
        """Give the bot time to send anything it would (wrongly) send."""
        await asyncio.sleep(seconds)

    def publish(self, articles: list[tuple[str, str, list[str]]], path: str = "/feed.xml") -> None:
        """Serve article pages and a feed listing them: (title, page path, paragraphs)."""
        items = []
        for title, page, paragraphs in articles:
            self.feed_server.route(
                f"/articles/{page}", article_page(title, paragraphs, []), content_type="text/html; charset=utf-8"
            )
            items.append((title, self.feed_server.url(f"/articles/{page}"), paragraphs[0][:120]))
        self.feed_server.route(path, rss(items))

    async def make_feeds_due(self) -> None:
        """Every enabled feed is due now, whatever its last check planned."""
        await self.store.db.execute("UPDATE feeds SET next_check_at = 0")

    async def cycle(self) -> None:
        """One scheduler tick: poll, deliver instantly, send due digests."""
        await self.make_feeds_due()
        await run_cycle(self.services, self.app.bot)

    def send_attempts(self, chat: int | None = None) -> int:
        """sendMessage calls made to the chat, whatever Telegram answered."""
        chat = self.chat if chat is None else chat
        return sum(
            1
            for method, params in self.bot_api.requests
            if method.lower() == "sendmessage" and params.get("chat_id") == chat
        )

    def texts_to(self, chat: int | None = None) -> list[str]:
        return [m.plain for m in self.bot_api.messages_to(self.chat if chat is None else chat)]


@contextlib.asynccontextmanager
async def bot_running(
    bot_api,
    feed_server,
    make_settings,
    tmp_path: Path,
    catalogue: str = CATALOGUE,
    role: str = "run",
    receive=start_long_polling,
    owner: str | None = None,
    schedule: bool = False,
    **overrides,
) -> AsyncIterator[RunningBot]:
    """The bot as `briefbot run` builds it (writer, answerer), serving long polling
    against the fake Bot API, with feeds from the feed server; settings overridable.
    `role` and `receive` make it a webhook instance (bot.telegram.webhook) or a worker (None);
    `owner` names the process, for tests that run several in one interpreter; `schedule=True`
    starts the process's own repeating jobs (most tests run cycles themselves)."""
    feed_server.route("/feed.xml", rss([]))
    values = {
        "TELEGRAM_API_BASE_URL": bot_api.base_url,
        "CATALOGUE_FILE": str(write_catalogue(tmp_path, feed_server.url("/feed.xml"), catalogue)),
    }
    settings = make_settings(**(values | overrides))
    store = await open_store(settings)
    services = build_services(settings, store)
    if owner is not None:
        services.owner = owner
    app = build_app(services, schedule=schedule, role=role)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, stop, receive))
    for _ in range(100):  # post_init builds the poller; wait for it, not for a fixed time
        if services.poller is not None and app.running:
            break
        if task.done():
            task.result()  # start-up failed: its error, not a later timeout
        await asyncio.sleep(0.05)
    try:
        yield RunningBot(app, services, bot_api, feed_server)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await close_services(services)
        await store.close()


@pytest.fixture
async def running_bot(bot_api, feed_server, make_settings, tmp_path):
    """The bot serving long polling against the fake Bot API, feeds from the feed server."""
    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as bot:
        yield bot
