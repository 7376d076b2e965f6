"""A person subscribes over Telegram and receives a briefing of a new article.

Everything crosses real HTTP on loopback: PTB talks to the fake Bot API, the
poller fetches the feed and the page from the local feed server.
"""

from __future__ import annotations

import asyncio
import contextlib
import re

import pytest

from bot.runtime import build_services, close_services, open_store
from bot.telegram.app import build_app, run_cycle, serve
from tests.articles.pages import (
    COMMENT_MARKERS, TALKS_COMMENTS, TALKS_PARAGRAPHS, TALKS_TITLE, article_page, rss,
)

CHAT = 424242


def catalogue(tmp_path, feed_url: str):
    path = tmp_path / "catalogue.toml"
    path.write_text(
        f'[[feeds]]\nid = "ledger"\nname = "Coastal Ledger"\nurl = "{feed_url}"\n\n'
        '[[topics]]\nid = "talks"\nname = "Harbour talks"\nquery = "talks OR negotiations -football"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
async def running_bot(bot_api, feed_server, make_settings, tmp_path):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as running:
        yield running


@pytest.fixture
async def bot_with_model(bot_api, feed_server, make_settings, tmp_path, openai_server):
    model = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": openai_server.base_url, "OPENAI_MODEL": "fake"}
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, **model) as running:
        yield running


@contextlib.asynccontextmanager
async def bot_running(bot_api, feed_server, make_settings, tmp_path, **overrides):
    feed_server.route("/feed.xml", rss([]))
    values = {"TELEGRAM_API_BASE_URL": bot_api.base_url,
              "CATALOGUE_FILE": str(catalogue(tmp_path, feed_server.url("/feed.xml")))}
    settings = make_settings(**(values | overrides))
    store = await open_store(settings)
    services = build_services(settings, store)
    app = build_app(services, schedule=False)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, stop))
    for _ in range(100):  # on_start builds the poller; wait for it, not for a fixed time
        if "poller" in services.extra:
            break
        await asyncio.sleep(0.05)
    try:
        yield app, services
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await close_services(services)
        await store.close()


async def say(bot_api, text: str, expect: int) -> list:
    before = len(bot_api.messages_to(CHAT))
    bot_api.queue_message(CHAT, text, user_id=CHAT)
    messages = await bot_api.wait_for_messages(before + expect, chat_id=CHAT)
    return messages[before:]


async def test_subscriber_receives_sourced_briefing_without_comments(running_bot, bot_api, feed_server):
    app, services = running_bot
    (welcome,) = await say(bot_api, "/start", 1)
    assert "Harbour talks" in [b["text"].lstrip("➕ ") for b in welcome.buttons]
    (ok,) = await say(bot_api, "/subscribe talks", 1)
    assert "Subscribed to Harbour talks" in ok.plain

    page = article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS)
    feed_server.route("/articles/talks.html", page, content_type="text/html; charset=utf-8")
    feed_server.route("/feed.xml", rss([(TALKS_TITLE, feed_server.url("/articles/talks.html"), "Talks stall.")]))
    await run_cycle(services, app.bot)

    (briefing,) = (await bot_api.wait_for_messages(3, chat_id=CHAT))[2:]
    text = briefing.plain
    assert TALKS_TITLE in text
    assert "Coastal Ledger" in text
    # The direct quote arrives verbatim, under its speaker, with the relaying agency.
    assert "We came to Geneva with a complete draft." in text
    assert "Elena Varga, Norvik Foreign Minister" in text
    assert "Baltic Wire" in text
    # Paraphrase is marked as the outlet's, and so is its framing.
    assert "paraphrase" in text and "Tomas Reik" in text
    assert "allegedly" in text
    for marker in COMMENT_MARKERS:
        assert marker not in text
    # Every quoted stretch shown is verbatim from the article.
    article_text = " ".join(TALKS_PARAGRAPHS)
    for quoted in _quoted(text):
        assert quoted.rstrip(" […]") in article_text or quoted in {"allegedly", "so-called"} or "say which" in quoted


async def test_a_chat_never_gets_the_same_article_twice(running_bot, bot_api, feed_server):
    app, services = running_bot
    await say(bot_api, "/subscribe talks", 1)
    page = article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS)
    feed_server.route("/articles/talks.html", page, content_type="text/html; charset=utf-8")
    link = feed_server.url("/articles/talks.html")
    feed_server.route("/feed.xml", rss([(TALKS_TITLE, link, "Talks stall."), (TALKS_TITLE, link + "?utm_source=x", "")]))
    await run_cycle(services, app.bot)
    await bot_api.wait_for_messages(2, chat_id=CHAT)
    (nothing,) = await say(bot_api, "/now", 1)
    assert "Nothing new" in nothing.plain
    briefings = [m for m in bot_api.messages_to(CHAT) if TALKS_TITLE in m.plain]
    assert len(briefings) == 1


def _quoted(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"“([^”]+)”", text)]


async def _publish_talks(bot_api, feed_server, app, services) -> str:
    await say(bot_api, "/subscribe talks", 1)
    page = article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS)
    feed_server.route("/articles/talks.html", page, content_type="text/html; charset=utf-8")
    feed_server.route("/feed.xml", rss([(TALKS_TITLE, feed_server.url("/articles/talks.html"), "Talks stall.")]))
    await run_cycle(services, app.bot)
    (briefing,) = (await bot_api.wait_for_messages(2, chat_id=CHAT))[1:]
    return briefing.plain


def _model_reply(report: list[str], on_record: list[int], reported: list[int]) -> dict:
    return {"report": report, "on_record_ids": on_record, "reported_ids": reported,
            "framing": ["The Coastal Ledger writes “allegedly” of the stalling claim."]}


async def test_model_briefing_reaches_the_user_with_verbatim_quotes(bot_with_model, bot_api, feed_server, openai_server):
    app, services = bot_with_model
    sentence = "The Coastal Ledger reports that Elena Varga left the harbour talks after a third day without progress."

    def answer(request: dict) -> dict:
        listed = request["messages"][-1]["content"]
        direct = int(re.search(r"\[(\d+)\][^\n]*direct", listed).group(1))
        return _model_reply([sentence], [direct], [])

    openai_server.responder = answer
    text = await _publish_talks(bot_api, feed_server, app, services)
    assert sentence in text
    assert "We came to Geneva with a complete draft." in text
    assert "Elena Varga, Norvik Foreign Minister" in text and "Baltic Wire" in text
    assert len(openai_server.requests) == 1


async def test_fabricating_model_never_reaches_the_user(bot_with_model, bot_api, feed_server, openai_server):
    app, services = bot_with_model
    invented = "We will never sign anything with Talvera"
    openai_server.responder = lambda request: _model_reply(
        [f"Elena Varga said “{invented}”, according to Dmitri Kallas."], [], [])
    text = await _publish_talks(bot_api, feed_server, app, services)
    # The user still gets a briefing, the extractive one, and nothing invented.
    assert "We came to Geneva with a complete draft." in text
    for message in bot_api.sent:
        assert invented not in message.text and "Kallas" not in message.text
    assert len(openai_server.requests) == 2  # the first try and one retry with the reason


async def test_an_empty_catalogue_still_greets_and_offers_follow(bot_api, feed_server, make_settings, tmp_path):
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, CATALOGUE_FILE=str(empty)):
        (welcome,) = await say(bot_api, "/start", 1)
        assert "Hello" in welcome.plain and not welcome.buttons
        (topics,) = await say(bot_api, "/topics", 1)
        assert "/follow" in topics.plain
